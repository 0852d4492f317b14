//! Image inputs: PNG, JPEG and TIFF (multi-page too), read whole by Tesseract.

use super::{assemble, page_status, tesseract, OcrMode, PageText, BACKEND};
use crate::input::Decoded;
use crate::options::Options;
use crate::output::{DocError, ErrorKind, PageStatus, Warning};

/// Is this the start of an image Tesseract reads? (PNG, JPEG, TIFF.)
pub fn is_image(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\x89PNG\r\n\x1a\n")
        || bytes.starts_with(b"\xFF\xD8\xFF")
        || bytes.starts_with(b"II*\0")
        || bytes.starts_with(b"MM\0*")
}

/// Images with more pixels than this are refused before OCR: a few bytes
/// of PNG or JPEG can declare a picture that needs gigabytes to decode.
/// (A4 at 600 dpi is 35 megapixels.)
pub const MAX_PIXELS: u64 = 150_000_000;

/// Width and height a PNG or JPEG declares in its header, when it can be read.
pub fn dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        // The IHDR chunk comes first: width and height at bytes 16..24.
        let be = |i: usize| Some(u32::from_be_bytes(bytes.get(i..i + 4)?.try_into().ok()?));
        return Some((be(16)?, be(20)?));
    }
    if bytes.starts_with(b"\xFF\xD8") {
        // Walk the markers to the first start-of-frame (SOF0-SOF15 but DHT,
        // JPG and DAC): height, then width, after the precision byte.
        let mut i = 2;
        while i + 9 < bytes.len() {
            if bytes[i] != 0xFF {
                return None;
            }
            let marker = bytes[i + 1];
            let len = u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]) as usize;
            if (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
                let h = u16::from_be_bytes([bytes[i + 5], bytes[i + 6]]) as u32;
                let w = u16::from_be_bytes([bytes[i + 7], bytes[i + 8]]) as u32;
                return Some((w, h));
            }
            i += 2 + len;
        }
    }
    None
}

/// OCR an image file: every page of it (a TIFF may have many).
pub fn decode(bytes: &[u8], opts: &Options) -> Result<Decoded, DocError> {
    if opts.ocr == OcrMode::Never {
        return Err(DocError::new(
            ErrorKind::OcrDisabled,
            "an image has no text without OCR, and OCR is off (--ocr never)",
        ));
    }
    if let Some((w, h)) = dimensions(bytes) {
        if u64::from(w) * u64::from(h) > MAX_PIXELS {
            return Err(DocError::new(
                ErrorKind::TooLarge,
                format!("the image declares {w} x {h} pixels, over the limit of {MAX_PIXELS}"),
            ));
        }
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
            ErrorKind::OcrFailed,
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
        errors.push(DocError::new(
            ErrorKind::NoText,
            "OCR found no text in the image",
        ));
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
    fn declared_sizes_are_read_and_bombs_refused() {
        // A PNG header declaring 100000 x 100000 pixels, and nothing else.
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend_from_slice(&100_000u32.to_be_bytes());
        png.extend_from_slice(&100_000u32.to_be_bytes());
        assert_eq!(dimensions(&png), Some((100_000, 100_000)));
        let e = decode(&png, &Options::default()).unwrap_err();
        assert_eq!(e.kind.as_str(), "too_large");
        // A JPEG: APP0 then SOF0 with height 3508, width 2480.
        let jpeg = [
            0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 11, 8, 0x0D, 0xB4, 0x09, 0xB0, 1, 0,
            0,
        ];
        assert_eq!(dimensions(&jpeg), Some((2480, 3508)));
        assert_eq!(dimensions(b"\xFF\xD8\xFF"), None);
    }

    #[test]
    fn never_means_an_image_is_an_error() {
        let opts = Options {
            ocr: OcrMode::Never,
            ..Default::default()
        };
        let e = decode(b"\x89PNG\r\n\x1a\n", &opts).unwrap_err();
        assert_eq!(e.kind.as_str(), "ocr_disabled");
    }
}
