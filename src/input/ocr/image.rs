//! Image inputs: PNG, JPEG and TIFF (multi-page too), read whole by Tesseract.

use super::{assemble, page_status, tesseract, OcrMode, PageText, BACKEND};
use crate::input::Decoded;
use crate::output::{DocError, PageStatus, Warning};
use crate::Options;

/// Is this the start of an image Tesseract reads? (PNG, JPEG, TIFF.)
pub fn is_image(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\x89PNG\r\n\x1a\n")
        || bytes.starts_with(b"\xFF\xD8\xFF")
        || bytes.starts_with(b"II*\0")
        || bytes.starts_with(b"MM\0*")
}

/// OCR an image file: every page of it (a TIFF may have many).
pub fn decode(bytes: &[u8], opts: &Options) -> Result<Decoded, DocError> {
    if opts.ocr == OcrMode::Never {
        return Err(DocError::new(
            "ocr_disabled",
            "an image has no text without OCR, and OCR is off (--ocr never)",
        ));
    }
    let tsv = tesseract::run(bytes, None, opts.timeout)?;
    let pages: Vec<super::OcrPage> = super::tsv::pages(&tsv)
        .iter()
        .zip(1u32..)
        .map(|(p, n)| {
            let layout = super::page::lay_out(p);
            super::OcrPage {
                page: n,
                confidence: layout.confidence,
                layout,
            }
        })
        .collect();
    if pages.is_empty() {
        return Err(DocError::new(
            "ocr_failed",
            "tesseract gave no page for the image",
        ));
    }
    let texts: Vec<PageText> = pages.iter().map(PageText::Ocr).collect();
    let (doc, mut warnings) = assemble(&texts);
    let status: Vec<PageStatus> = pages
        .iter()
        .map(|p| {
            if p.layout.zones.is_empty() {
                PageStatus {
                    page: p.page,
                    status: "empty".into(),
                    message: Some("OCR found no text on the page".into()),
                }
            } else {
                page_status(p, None)
            }
        })
        .collect();
    let mut errors = Vec::new();
    if status.iter().all(|s| s.status == "empty") {
        errors.push(DocError::new("no_text", "OCR found no text in the image"));
    }
    poor_document(&pages, &mut warnings);
    Ok(Decoded {
        format: "image".into(),
        encoding: None,
        backend: BACKEND.into(),
        pages: Some(pages.len() as u32),
        page_status: status,
        doc,
        warnings,
        errors,
    })
}

/// A document whose OCR is poor overall is flagged for a person, once, in
/// `normalization.warnings` (the per-page warnings say which pages).
pub fn poor_document(pages: &[super::OcrPage], warnings: &mut Vec<Warning>) {
    let read: Vec<&super::OcrPage> = pages
        .iter()
        .filter(|p| !p.layout.zones.is_empty())
        .collect();
    if read.is_empty() {
        return;
    }
    let mean = read.iter().map(|p| p.confidence).sum::<f64>() / read.len() as f64;
    if mean < super::POOR_PAGE_CONFIDENCE {
        warnings.push(Warning {
            kind: "ocr_poor_document".into(),
            message: format!(
                "OCR mean confidence {mean:.1} over {} pages: the text is doubtful, have a person check it",
                read.len()
            ),
            start: None,
            end: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_known_by_their_magic() {
        assert!(is_image(b"\x89PNG\r\n\x1a\n...."));
        assert!(is_image(b"\xFF\xD8\xFF\xE0.."));
        assert!(is_image(b"II*\0...."));
        assert!(is_image(b"MM\0*...."));
        assert!(!is_image(b"%PDF-1.4"));
        assert!(!is_image(b"\x89PN"));
    }

    #[test]
    fn never_means_an_image_is_an_error() {
        let opts = Options {
            ocr: OcrMode::Never,
            ..Default::default()
        };
        let e = decode(b"\x89PNG\r\n\x1a\n", &opts).unwrap_err();
        assert_eq!(e.kind, "ocr_disabled");
    }
}
