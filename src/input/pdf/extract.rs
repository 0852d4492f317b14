//! In-process extraction: pdf-extract page by page under `catch_unwind`,
//! poppler for the pages it fails on or reads as garbage.

use crate::model::{Block, BlockKind, Doc, DocBuilder, FontRun};
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Duration;

use pdf_extract::{Document, ObjectId};

use super::actual_text;
use super::annots;
use super::fonts;
use super::glyphs::{self, Collector, PageText, UNMAPPED};
use super::poppler;
use crate::input::Decoded;
use crate::output::{DocError, ErrorKind, PageStatus, Warning};

/// A page whose visible characters are more than this share of U+FFFD is garbage.
const GARBAGE_SHARE: f64 = 0.3;

/// Backend names, as written in `source.backend`.
pub const PDF_EXTRACT: &str = "pdf-extract";
pub const PDFTOTEXT: &str = "pdftotext";
pub const MIXED: &str = "pdf-extract+pdftotext";

/// The outcome of pdf-extract on one page.
#[derive(Debug)]
enum PageRun {
    Text(PageText),
    Failed(String),
}

/// How usable a page's text is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Verdict {
    Good,
    Empty,
    Garbage,
}

fn verdict(text: &str) -> Verdict {
    let mut visible = 0usize;
    let mut bad = 0usize;
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        visible += 1;
        if c == UNMAPPED || c == '\0' {
            bad += 1;
        }
    }
    if visible == 0 {
        Verdict::Empty
    } else if bad as f64 > GARBAGE_SHARE * visible as f64 {
        Verdict::Garbage
    } else {
        Verdict::Good
    }
}

/// Extract `bytes` in this process. Panics inside pdf-extract are caught per
/// page; a hang is not (the worker process handles that).
pub fn extract(bytes: &[u8], timeout: Duration) -> Result<Decoded, DocError> {
    let doc = match catch_unwind(|| Document::load_mem(bytes)) {
        Ok(Ok(doc)) => doc,
        Ok(Err(e)) => return recover_damaged(bytes, &e.to_string(), timeout),
        Err(p) => return recover_damaged(bytes, &panic_text(&p), timeout),
    };
    let mut doc = doc;
    // lopdf already tried the empty user password while loading; a document
    // still encrypted needs a real one.
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(DocError::new(
            ErrorKind::Encrypted,
            "the PDF is encrypted and opening it needs a password",
        ));
    }
    let pages: BTreeMap<u32, ObjectId> = doc.get_pages();
    if pages.is_empty() {
        return recover_damaged(bytes, "the PDF has no pages", timeout);
    }
    let legacy = fonts::has_legacy_font(&doc);
    let mut runs: Vec<(u32, PageRun)> = Vec::with_capacity(pages.len());
    for (&n, &id) in &pages {
        runs.push((n, run_page(&mut doc, n, id, legacy)?));
    }
    Ok(assemble(bytes, runs, timeout))
}

/// One page through pdf-extract, never panicking: its content, then the
/// annotations that carry text ([`annots`]). A page that draws more than
/// [`glyphs::MAX_GLYPHS_PER_PAGE`] glyphs makes the document too large.
///
/// `legacy`: the document has a legacy 8-bit font ([`fonts::has_legacy_font`]),
/// so each glyph's font is looked up ([`actual_text::page_fonts`]).
fn run_page(
    doc: &mut Document,
    page: u32,
    id: ObjectId,
    legacy: bool,
) -> Result<PageRun, DocError> {
    let result = catch_unwind(AssertUnwindSafe(|| {
        let doc: &Document = doc;
        let mut collector = Collector::default();
        let drawn = pdf_extract::output_doc_page(doc, &mut collector, page);
        if collector.overflowed() {
            return Err(None);
        }
        drawn.map_err(Some).map(|()| {
            let spans = if collector.has_unmapped() {
                actual_text::page_spans(doc, id)
            } else {
                None
            };
            let fonts = legacy.then(|| actual_text::page_fonts(doc, id)).flatten();
            collector.finish(spans, fonts)
        })
    }));
    Ok(match result {
        Ok(Ok(mut c)) => {
            let mut overlays = Vec::new();
            for drawn in annots::draw(doc, page, id) {
                if !drawn.signature || annots::stamped_into_lines(&drawn.glyphs, &c.glyphs) {
                    c.glyphs.extend(drawn.glyphs);
                } else {
                    let text = glyphs::page_text(drawn.glyphs).text.replace('\n', " / ");
                    overlays.push(text);
                }
            }
            PageRun::Text(PageText {
                cluster_tails: c.cluster_tails,
                signature_overlays: overlays,
                ..glyphs::page_layout(c.glyphs, &c.segments, &c.font_names)
            })
        }
        Ok(Err(None)) => {
            return Err(DocError::new(
                ErrorKind::TooLarge,
                format!(
                    "page {page} draws more than {} glyphs (a hostile or broken page)",
                    glyphs::MAX_GLYPHS_PER_PAGE
                ),
            ))
        }
        Ok(Err(Some(e))) => PageRun::Failed(e.to_string()),
        Err(p) => PageRun::Failed(format!("pdf-extract panicked: {}", panic_text(&p))),
    })
}

/// Pick, page by page, pdf-extract's text or poppler's, and describe the result.
fn assemble(bytes: &[u8], runs: Vec<(u32, PageRun)>, timeout: Duration) -> Decoded {
    let needs_fallback = runs.iter().any(|(_, r)| match r {
        PageRun::Text(t) => verdict(&t.text) != Verdict::Good,
        PageRun::Failed(_) => true,
    });
    // Poppler runs once for the whole file, only when some page needs it.
    let fallback = if needs_fallback {
        Some(poppler::pages(bytes, timeout))
    } else {
        None
    };
    let poppler_page = |n: u32| -> Option<&str> {
        match &fallback {
            Some(Ok(pages)) => pages.get(n as usize - 1).map(String::as_str),
            _ => None,
        }
    };
    let fallback_note = match &fallback {
        Some(Err(poppler::Failure::Missing)) => "pdftotext is not installed".to_string(),
        Some(Err(poppler::Failure::Failed(m))) => m.clone(),
        _ => String::new(),
    };

    let total = runs.len();
    // Each page's text, its blocks and font runs (ranges relative to the page).
    let mut texts: Vec<PageDoc> = Vec::with_capacity(total);
    let mut overlays: Vec<String> = Vec::new();
    let mut status = Vec::with_capacity(total);
    let mut used_extract = false;
    let mut used_poppler = false;
    let mut unmapped = 0usize;
    let mut tails = 0usize;
    let mut failed = 0usize;
    let mut glyph_count = 0usize;
    for (n, run) in runs {
        let (own, problem) = match run {
            PageRun::Text(t) => {
                glyph_count += t.glyphs;
                match verdict(&t.text) {
                    Verdict::Good => {
                        used_extract = true;
                        unmapped += t.unmapped;
                        tails += t.cluster_tails;
                        let message = overlay_note(&t.signature_overlays);
                        for o in &t.signature_overlays {
                            overlays.push(format!("page {n}: {o}"));
                        }
                        texts.push((t.text, t.blocks, t.fonts));
                        status.push(page_status(n, "ok", message));
                        continue;
                    }
                    Verdict::Empty => (Some(t), "no text on the page".to_string()),
                    Verdict::Garbage => (
                        Some(t),
                        "pdf-extract text is mostly unmapped glyphs".to_string(),
                    ),
                }
            }
            PageRun::Failed(m) => (None, m),
        };
        // pdf-extract gave nothing usable: poppler's page if it has text.
        if let Some(p) = poppler_page(n).filter(|p| verdict(p) == Verdict::Good) {
            used_poppler = true;
            texts.push((p.to_string(), Vec::new(), Vec::new()));
            status.push(page_status(
                n,
                "ok",
                Some(format!("{problem}; text from pdftotext")),
            ));
            continue;
        }
        match own {
            Some(t) if verdict(&t.text) == Verdict::Empty => {
                texts.push((String::new(), Vec::new(), Vec::new()));
                status.push(page_status(n, "empty", None));
            }
            Some(t) => {
                // Garbage and nothing better: keep it, marked and counted.
                used_extract = true;
                unmapped += t.unmapped;
                texts.push((t.text, t.blocks, t.fonts));
                status.push(page_status(n, "ok", Some(problem)));
            }
            None => {
                failed += 1;
                texts.push((String::new(), Vec::new(), Vec::new()));
                let note = if fallback_note.is_empty() {
                    problem
                } else {
                    format!("{problem}; fallback: {fallback_note}")
                };
                status.push(page_status(n, "failed", Some(note)));
            }
        }
    }

    let mut decoded = Decoded {
        format: "pdf".into(),
        backend: match (used_extract, used_poppler) {
            (false, true) => PDFTOTEXT,
            (true, true) => MIXED,
            _ => PDF_EXTRACT,
        }
        .into(),
        pages: Some(total as u32),
        doc: paged_doc(texts),
        page_status: status,
        ..Default::default()
    };
    if !overlays.is_empty() {
        decoded.warnings.push(Warning {
            kind: "signature_overlay".into(),
            message: format!(
                "text of a digital-signature overlay, kept out of the document text: {}",
                overlays.join("; ")
            ),
            start: None,
            end: None,
        });
    }
    if unmapped > 0 {
        decoded.warnings.push(Warning {
            kind: "unmapped_glyphs".into(),
            message: if unmapped == 1 {
                "1 glyph has no Unicode mapping in its font; shown as U+FFFD".into()
            } else {
                format!("{unmapped} glyphs have no Unicode mapping in their font; shown as U+FFFD")
            },
            start: None,
            end: None,
        });
    }
    if tails > 0 {
        decoded.warnings.push(Warning {
            kind: "glyph_clusters".into(),
            message: format!(
                "{tails} letters are drawn as a base glyph plus an unmapped mark \
                 (their text is only in /ActualText, which pdf-extract does not read): \
                 their diacritics may be wrong"
            ),
            start: None,
            end: None,
        });
    }
    let empty = decoded
        .page_status
        .iter()
        .filter(|s| s.status == "empty")
        .count();
    if empty == total {
        let why = if glyph_count == 0 {
            "no text layer, scanned? (no page draws any text)"
        } else {
            "no text layer, scanned? (no page has readable text)"
        };
        decoded
            .errors
            .push(DocError::new(ErrorKind::NoTextLayer, why));
    } else if empty > 0 {
        decoded.warnings.push(Warning {
            kind: "empty_pages".into(),
            message: format!(
                "{empty} of {total} pages have no text (blank, or scanned?): {}",
                page_list(&decoded.page_status, "empty")
            ),
            start: None,
            end: None,
        });
    }
    if failed > 0 && empty < total {
        decoded.errors.push(DocError::new(
            ErrorKind::Partial,
            format!(
                "{} of {total} pages extracted; failed: {}",
                total - failed,
                page_list(&decoded.page_status, "failed")
            ),
        ));
    }
    decoded
}

/// The page status message for a page with signature overlays.
fn overlay_note(overlays: &[String]) -> Option<String> {
    (!overlays.is_empty()).then(|| {
        format!(
            "digital-signature overlay kept apart: {}",
            overlays.join("; ")
        )
    })
}

/// One page for [`paged_doc`]: its text, blocks and font runs, ranges
/// relative to the page.
type PageDoc = (String, Vec<Block>, Vec<FontRun>);

/// The document of the pages: texts joined by form feeds (each a
/// [`BlockKind::PageBreak`]), each page's blocks and font runs moved to
/// their place.
fn paged_doc(pages: Vec<PageDoc>) -> Doc {
    let mut b = DocBuilder::new();
    for (i, (text, blocks, fonts)) in pages.into_iter().enumerate() {
        let page = i as u32 + 1;
        if i > 0 {
            let ff = b.push("\u{c}");
            b.block(ff, Some(page), BlockKind::PageBreak);
        }
        let at = b.len();
        let mut written = 0;
        for run in &fonts {
            let (Some(before), Some(inside)) = (
                text.get(written..run.range.start),
                text.get(run.range.clone()),
            ) else {
                continue;
            };
            b.push(before);
            b.push_font(inside, &run.font);
            written = run.range.end;
        }
        b.push(text.get(written..).unwrap_or_default());
        for mut block in blocks {
            shift(&mut block, at);
            block.page = Some(page);
            b.block(block.range.clone(), block.page, block.kind);
        }
    }
    b.finish()
}

/// Move a block's ranges `by` bytes on.
fn shift(block: &mut Block, by: usize) {
    let mv = |r: &mut std::ops::Range<usize>| *r = r.start + by..r.end + by;
    mv(&mut block.range);
    match &mut block.kind {
        BlockKind::Table(t) => {
            for row in &mut t.rows {
                mv(&mut row.range);
                for cell in &mut row.cells {
                    mv(&mut cell.range);
                    cell.paragraphs.iter_mut().for_each(mv);
                }
            }
        }
        BlockKind::Note(n) => {
            if let Some(a) = &mut n.anchor {
                mv(a);
            }
        }
        BlockKind::Paragraph | BlockKind::PageBreak | BlockKind::Sheet { .. } => {}
    }
}

/// The PDF did not parse: poppler often reconstructs damaged files, so its
/// text is kept when it has any; the file is still reported as corrupt.
fn recover_damaged(bytes: &[u8], why: &str, timeout: Duration) -> Result<Decoded, DocError> {
    let message = format!("damaged or truncated PDF: {why}");
    let pages = match poppler::pages(bytes, timeout) {
        Ok(p) if p.iter().any(|t| verdict(t) == Verdict::Good) => p,
        _ => return Err(DocError::new(ErrorKind::CorruptPdf, message)),
    };
    let status = pages
        .iter()
        .zip(1u32..)
        .map(|(t, n)| match verdict(t) {
            Verdict::Empty => page_status(n, "empty", None),
            _ => page_status(n, "ok", Some("text from pdftotext".into())),
        })
        .collect();
    Ok(Decoded {
        format: "pdf".into(),
        backend: PDFTOTEXT.into(),
        pages: Some(pages.len() as u32),
        doc: Doc::plain(pages.join("\u{c}")),
        page_status: status,
        errors: vec![DocError::new(
            ErrorKind::CorruptPdf,
            format!("{message}; {} pages recovered with pdftotext", pages.len()),
        )],
        ..Default::default()
    })
}

fn page_status(page: u32, status: &str, message: Option<String>) -> PageStatus {
    PageStatus {
        page,
        status: status.into(),
        message,
    }
}

/// "page 2, 5, 7": the first ten pages with this status.
fn page_list(status: &[PageStatus], which: &str) -> String {
    let failed: Vec<String> = status
        .iter()
        .filter(|s| s.status == which)
        .map(|s| s.page.to_string())
        .collect();
    let mut list = failed
        .iter()
        .take(10)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if failed.len() > 10 {
        list.push_str(", …");
    }
    format!("page {list}")
}

pub(super) fn panic_text(p: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        assert_eq!(verdict(" \n "), Verdict::Empty);
        assert_eq!(verdict("Báo cáo \u{FFFD}"), Verdict::Good);
        assert_eq!(verdict("\u{FFFD}\u{FFFD}a\u{0}"), Verdict::Garbage);
    }

    #[test]
    fn random_bytes_after_header_are_corrupt() {
        let e = extract(b"%PDF-1.4\nnot really a pdf", Duration::from_secs(5)).unwrap_err();
        assert_eq!(e.kind.as_str(), "corrupt_pdf");
    }

    fn text_run(t: &str) -> PageRun {
        PageRun::Text(PageText {
            text: t.into(),
            glyphs: t.chars().count(),
            unmapped: t.matches(UNMAPPED).count(),
            ..Default::default()
        })
    }

    #[test]
    fn pages_are_kept_marked_and_summed_up() {
        // Junk bytes: the poppler fallback, if installed, reads nothing.
        let runs = vec![
            (1, text_run("Báo cáo \u{FFFD}")),
            (2, text_run(" ")),
            (3, PageRun::Failed("pdf-extract panicked: boom".into())),
        ];
        let d = assemble(b"%PDF-junk", runs, Duration::from_secs(5));
        assert_eq!(d.doc.text, "Báo cáo \u{FFFD}\u{c}\u{c}");
        assert_eq!(d.pages, Some(3));
        assert_eq!(d.backend, PDF_EXTRACT);
        let status: Vec<&str> = d.page_status.iter().map(|s| s.status.as_str()).collect();
        assert_eq!(status, ["ok", "empty", "failed"]);
        assert!(d.page_status[2]
            .message
            .as_deref()
            .is_some_and(|m| m.starts_with("pdf-extract panicked: boom; fallback: ")));
        assert_eq!(d.errors.len(), 1);
        assert_eq!(d.errors[0].kind.as_str(), "partial");
        assert_eq!(
            d.errors[0].message,
            "2 of 3 pages extracted; failed: page 3"
        );
        let kinds: Vec<&str> = d.warnings.iter().map(|w| w.kind.as_str()).collect();
        assert_eq!(kinds, ["unmapped_glyphs", "empty_pages"]);
        assert!(d.warnings[0].message.starts_with("1 glyph has"));
    }

    #[test]
    fn failed_pages_are_listed() {
        let s = vec![
            page_status(1, "ok", None),
            page_status(2, "failed", None),
            page_status(3, "failed", None),
        ];
        assert_eq!(page_list(&s, "failed"), "page 2, 3");
        assert_eq!(page_list(&s, "ok"), "page 1");
    }
}
