//! Input stage: bytes in, one [`Doc`] out.
//!
//! The format is chosen by content (magic bytes), the extension only breaks
//! ties. Every reader returns a [`Decoded`]: the document model (text plus
//! typed blocks: paragraphs, tables with their cells, notes, page breaks, and
//! the font of each run where the format names it) and what it learned about
//! the source. A reader that knows only lines (plain text, PDF) leaves the
//! blocks empty and layout builds them.

pub mod docx;
pub mod ocr;
pub mod pdf;
pub mod text;

use crate::model::Doc;
use crate::output::{DocError, PageStatus, Warning};
use crate::Options;

/// What an input backend produced.
#[derive(Debug, Default, Clone)]
pub struct Decoded {
    /// `txt`, `pdf`, `docx`.
    pub format: String,
    pub encoding: Option<String>,
    pub backend: String,
    pub pages: Option<u32>,
    pub page_status: Vec<PageStatus>,
    /// The document: its text (pages separated by `\u{c}`) and blocks.
    pub doc: Doc,
    /// Problems found while decoding (unmapped glyphs, invalid bytes). Offsets,
    /// when present, are byte offsets into `text` and are converted later.
    pub warnings: Vec<Warning>,
    /// Non-fatal errors (some pages failed). Fatal errors are the `Err` of [`decode`].
    pub errors: Vec<DocError>,
}

/// The kinds of content we recognise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Docx,
    /// PNG, JPEG, TIFF: read by OCR.
    Image,
    Text,
}

/// Decide the format from the first bytes, falling back to the extension.
/// A file whose extension promises a binary format but whose content does not
/// match is an error, not text: "random bytes named .pdf" must not be read as text.
pub fn sniff(bytes: &[u8], ext: &str) -> Result<Format, DocError> {
    let ext = ext.to_ascii_lowercase();
    let head = &bytes[..bytes.len().min(1024)];
    if find(head, b"%PDF-").is_some() {
        return Ok(Format::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Ok(Format::Docx);
    }
    if ocr::image::is_image(bytes) {
        return Ok(Format::Image);
    }
    match ext.as_str() {
        "pdf" => Err(DocError::new(
            "corrupt_pdf",
            "not a PDF: the content has no %PDF- header",
        )),
        "docx" => Err(DocError::new(
            "corrupt_docx",
            "not a DOCX: the content is not a zip archive",
        )),
        "png" | "jpg" | "jpeg" | "tif" | "tiff" => Err(DocError::new(
            "corrupt_image",
            format!("not a .{ext} image: the content is not PNG, JPEG or TIFF"),
        )),
        "doc" | "xls" | "xlsx" | "ppt" | "pptx" | "odt" | "rtf" | "zip" => Err(DocError::new(
            "unsupported_format",
            format!("unsupported format .{ext}: convert it to PDF, DOCX or text first"),
        )),
        _ => Ok(Format::Text),
    }
}

/// Decode `bytes` (named `name`, for the extension) into text.
pub fn decode(name: &str, bytes: &[u8], opts: &Options) -> Result<Decoded, DocError> {
    if bytes.is_empty() {
        return Err(DocError::new("empty", "the file is empty"));
    }
    let ext = std::path::Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("");
    match sniff(bytes, ext)? {
        Format::Pdf => pdf::decode(bytes, opts),
        Format::Docx => docx::decode(bytes, opts),
        Format::Image => ocr::image::decode(bytes, opts),
        Format::Text => text::decode(bytes, opts),
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniff_by_content_first() {
        assert_eq!(sniff(b"%PDF-1.7\n...", "txt").ok(), Some(Format::Pdf));
        assert_eq!(sniff(b"PK\x03\x04....", "bin").ok(), Some(Format::Docx));
        assert_eq!(
            sniff("Báo cáo".as_bytes(), "pdf").err().map(|e| e.kind),
            Some("corrupt_pdf".to_string())
        );
        assert_eq!(
            sniff(b"abc", "docx").err().map(|e| e.kind),
            Some("corrupt_docx".to_string())
        );
        assert_eq!(sniff("Báo cáo".as_bytes(), "").ok(), Some(Format::Text));
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0", "").ok(), Some(Format::Image));
        assert_eq!(sniff(b"II*\0", "txt").ok(), Some(Format::Image));
        assert_eq!(
            sniff(b"not an image", "png").err().map(|e| e.kind),
            Some("corrupt_image".to_string())
        );
    }

    #[test]
    fn empty_is_an_error() {
        let e = decode("a.txt", b"", &Options::default()).unwrap_err();
        assert_eq!(e.kind, "empty");
    }
}
