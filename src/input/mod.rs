//! Input stage: bytes in, one [`Doc`] out.
//!
//! The format is chosen by content (magic bytes), the extension only breaks
//! ties. Every reader returns a [`Decoded`]: the document model (text plus
//! typed blocks: paragraphs, tables with their cells, notes, page breaks, and
//! the font of each run where the format names it) and what it learned about
//! the source. A reader that knows only lines (plain text, PDF) leaves the
//! blocks empty and layout builds them.

pub mod docx;
pub mod pdf;
pub mod read;
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
    if bytes.starts_with(OLE_MAGIC) {
        return Err(ole_error(bytes, &ext));
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
        "doc" | "xls" | "xlsx" | "ppt" | "pptx" | "odt" | "rtf" | "png" | "jpg" | "jpeg"
        | "tif" | "tiff" | "zip" => Err(DocError::new(
            "unsupported_format",
            format!("unsupported format .{ext}: convert it to PDF, DOCX or text first"),
        )),
        _ => Ok(Format::Text),
    }
}

/// The first bytes of an OLE compound file: Word 97-2003, Excel 97-2003, and
/// the wrapper Office puts around a password-protected DOCX.
const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// What an OLE file is, as an error: a password-protected Office Open XML file
/// keeps its content in a stream named `EncryptedPackage` (MS-OFFCRYPTO), whose
/// name is in the file's directory in UTF-16; anything else is an older binary
/// format we do not read.
fn ole_error(bytes: &[u8], ext: &str) -> DocError {
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    if memchr::memmem::find(bytes, &name).is_some() {
        return DocError::new(
            "encrypted",
            "the document is password-protected (an encrypted Office file): save it without a password first",
        );
    }
    let shown = if ext.is_empty() { "ole" } else { ext };
    DocError::new(
        "unsupported_format",
        format!("unsupported format .{shown} (an OLE file, as Word or Excel 97-2003 write): convert it to PDF, DOCX or text first"),
    )
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
    let mut decoded = match sniff(bytes, ext)? {
        Format::Pdf => pdf::decode(bytes, opts)?,
        Format::Docx => docx::decode(bytes, opts)?,
        Format::Text => text::decode(bytes, opts)?,
    };
    if decoded.errors.is_empty() && is_blank(&decoded.doc.text) {
        decoded.errors.push(DocError::new(
            "empty",
            "no text: the document has nothing but white space",
        ));
    }
    Ok(decoded)
}

/// No letter, digit or sign: only white space, page breaks, byte-order marks
/// and other invisible characters. Such a result is an error, never a silent
/// empty success.
fn is_blank(text: &str) -> bool {
    text.chars().all(|c| {
        c.is_whitespace()
            || c.is_control()
            || matches!(c, '\u{feff}' | '\u{200b}'..='\u{200d}' | '\u{2060}')
    })
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
    }

    #[test]
    fn empty_is_an_error() {
        let e = decode("a.txt", b"", &Options::default()).unwrap_err();
        assert_eq!(e.kind, "empty");
    }

    #[test]
    fn nothing_but_a_byte_order_mark_or_white_space_is_empty() {
        for bytes in [
            &b"\xEF\xBB\xBF"[..],
            b"\xEF\xBB\xBF \r\n\t\x0c\n",
            b"\xFF\xFE",
        ] {
            let d = decode("a.txt", bytes, &Options::default()).unwrap();
            let kinds: Vec<&str> = d.errors.iter().map(|e| e.kind.as_str()).collect();
            assert_eq!(kinds, ["empty"], "{bytes:?}");
        }
        let d = decode("a.txt", "\u{feff}Báo cáo".as_bytes(), &Options::default()).unwrap();
        assert!(d.errors.is_empty());
    }

    #[test]
    fn an_ole_file_is_encrypted_or_unsupported_never_a_bad_zip() {
        let mut encrypted = OLE_MAGIC.to_vec();
        encrypted.resize(512, 0);
        encrypted.extend(
            "EncryptedPackage"
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes()),
        );
        assert_eq!(sniff(&encrypted, "docx").unwrap_err().kind, "encrypted");
        let mut doc = OLE_MAGIC.to_vec();
        doc.resize(1024, 0);
        doc.extend("WordDocument".encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(sniff(&doc, "docx").unwrap_err().kind, "unsupported_format");
        assert_eq!(sniff(&doc, "txt").unwrap_err().kind, "unsupported_format");
    }
}
