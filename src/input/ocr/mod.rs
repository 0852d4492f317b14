//! OCR: scanned pages and images through the `tesseract` command.
//!
//! Tesseract (Debian `tesseract-ocr`, `tesseract-ocr-vie`) runs as a child
//! process per page image, under the file's time limit and with
//! `OMP_THREAD_LIMIT=1` (its OpenMP threads would otherwise fight the `-j`
//! workers for the same cores); pages of one file run in parallel on the
//! rayon pool. Its TSV output (every word with its block, paragraph and line,
//! box and confidence) is laid out here into the document model, not its
//! plain text: the plain text interleaves the two columns of the national
//! header and reads stamps as words.
//!
//! - [`tesseract`]: the command, its errors, its time limit.
//! - [`tsv`]: TSV rows into words with boxes and confidences.
//! - [`page`]: words into rows and segments: the two-column header, tables,
//!   the signature area, stamp noise left out.
//! - [`repair`]: OCR damage the lexicon makes unambiguous; the rest flagged.
//! - [`codes`]: misread codes of document numbers (`QĐ-LTg`), against the known ones.
//! - [`image`]: image inputs (`.png`, `.jpg`, `.tif`, multi-page TIFF).
//! - [`pdf`]: which PDF pages need OCR, and their embedded images.

pub mod codes;
pub mod image;
pub mod page;
pub mod pdf;
pub mod repair;
pub mod tesseract;
pub mod tsv;

use std::time::Duration;

use rayon::prelude::*;

use crate::model::{Block, BlockKind, Doc, DocBuilder};
use crate::output::{DocError, PageStatus, Warning};

pub use crate::options::OcrMode;

/// Backend name in `source.backend`.
pub const BACKEND: &str = "tesseract";

/// Mean word confidence (0-100) under which a page is flagged for a person.
pub const POOR_PAGE_CONFIDENCE: f64 = 75.0;

/// One page image to read.
#[derive(Debug, Clone)]
pub struct PageImage {
    /// 1-based page number in the document.
    pub page: u32,
    /// Image bytes in a format Tesseract reads (JPEG, PNG, PNM, TIFF).
    pub bytes: Vec<u8>,
    /// Resolution, when known (PDF images: pixels over the page's size).
    pub dpi: Option<u32>,
}

/// What OCR made of one page.
#[derive(Debug, Clone, Default)]
pub struct OcrPage {
    pub page: u32,
    pub layout: page::PageLayout,
    /// Mean confidence of the words kept (0-100).
    pub confidence: f64,
}

/// OCR every image, pages in parallel; each result in input order.
pub fn read_pages(
    images: Vec<PageImage>,
    timeout: Duration,
) -> Vec<(u32, Result<Vec<OcrPage>, DocError>)> {
    images
        .into_par_iter()
        .map(|img| {
            let page = img.page;
            let read = tesseract::run(&img.bytes, img.dpi, timeout).map(|rows| {
                tsv::pages(&rows)
                    .into_iter()
                    .enumerate()
                    .map(|(k, p)| {
                        let layout = page::lay_out(&p);
                        OcrPage {
                            page: page + k as u32,
                            confidence: layout.confidence,
                            layout,
                        }
                    })
                    .collect()
            });
            (page, read)
        })
        .collect()
}

/// The status entry of an OCRed page: status `ocr`, the confidence in the message.
pub fn page_status(p: &OcrPage, why: Option<&str>) -> PageStatus {
    let mut message = format!("OCR (tesseract), mean confidence {:.1}", p.confidence);
    if let Some(why) = why {
        message = format!("{why}; {message}");
    }
    PageStatus {
        page: p.page,
        status: "ocr".into(),
        message: Some(message),
    }
}

/// One page's content for [`assemble`].
pub enum PageText<'a> {
    /// Text from a text layer (no structure known).
    Layer(&'a str),
    /// An OCRed page.
    Ocr(&'a OcrPage),
}

/// Build the document from pages in order (`\u{c}` between them), with the
/// OCRed pages' blocks, their repairs and doubts as warnings (byte offsets
/// into the text), and a warning for each poor page.
pub fn assemble(pages: &[PageText]) -> (Doc, Vec<Warning>) {
    let mut b = DocBuilder::new();
    let mut warnings = Vec::new();
    for (i, p) in pages.iter().enumerate() {
        if i > 0 {
            let r = b.push("\u{c}");
            b.block(r, None, BlockKind::PageBreak);
        }
        match p {
            PageText::Layer(t) => {
                b.push(t);
            }
            PageText::Ocr(o) => {
                let base = b.len();
                let r = repair::repair(page::render(&o.layout, o.page), o.page);
                b.push(&r.text);
                for blk in r.blocks {
                    let Block { range, page, kind } = shift(blk, base);
                    b.block(range, page, kind);
                }
                for w in r.warnings {
                    warnings.push(Warning {
                        start: w.start.map(|s| s + base),
                        end: w.end.map(|e| e + base),
                        ..w
                    });
                }
                if o.confidence < POOR_PAGE_CONFIDENCE {
                    warnings.push(Warning {
                        kind: "ocr_poor_page".into(),
                        message: format!(
                            "page {}: OCR mean confidence {:.1} is under {POOR_PAGE_CONFIDENCE}: \
                             have a person check this page",
                            o.page, o.confidence
                        ),
                        start: Some(base),
                        end: Some(b.len()),
                    });
                }
            }
        }
    }
    (b.finish(), warnings)
}

/// Move a block `by` bytes.
fn shift(mut blk: Block, by: usize) -> Block {
    let mv = |r: &mut std::ops::Range<usize>| *r = r.start + by..r.end + by;
    mv(&mut blk.range);
    if let BlockKind::Table(t) = &mut blk.kind {
        for row in &mut t.rows {
            mv(&mut row.range);
            for c in &mut row.cells {
                mv(&mut c.range);
                for p in &mut c.paragraphs {
                    mv(p);
                }
            }
        }
    }
    blk
}
