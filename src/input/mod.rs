//! Input stage: bytes in, one [`Doc`] out.
//!
//! The format is chosen by content (magic bytes), the extension only breaks
//! ties. Every reader returns a [`Decoded`]: the document model (text plus
//! typed blocks: paragraphs, tables with their cells, notes, page breaks, and
//! the font of each run where the format names it) and what it learned about
//! the source. A reader that knows only lines (plain text, PDF) leaves the
//! blocks empty and layout builds them.

pub mod doc;
pub mod docx;
mod flow;
pub mod ocr;
pub mod pdf;
pub mod read;
pub mod rtf;
pub mod sheet;
pub mod text;

use crate::model::Doc;
use crate::options::Options;
use crate::output::{DocError, ErrorKind, PageStatus, Warning};
use doc::OLE_MAGIC;

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
    /// Word 97–2003 binary (an OLE compound file).
    Doc,
    Rtf,
    /// PNG, JPEG, TIFF: read by OCR.
    Image,
    Text,
    /// A spreadsheet (`.xls`, `.xlsx`, `.ods`).
    Sheet(sheet::Kind),
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
        // A zip is a DOCX unless the parts inside say spreadsheet.
        return Ok(sheet::sniff_zip(bytes).map_or(Format::Docx, Format::Sheet));
    }
    if bytes.starts_with(OLE_MAGIC) {
        if let Some(kind) = sheet::sniff_ole(bytes) {
            return Ok(Format::Sheet(kind));
        }
        // A compound file too damaged to list its streams: the name says
        // which reader should explain the damage.
        if ext == "xls" {
            return Ok(Format::Sheet(sheet::Kind::Xls));
        }
    }
    // Other OLE compound files: a password-protected Office Open XML file
    // is said to be one; Word 97-2003 and the rest go to the Word reader,
    // which tells them apart by their streams and names what it found.
    if bytes.starts_with(OLE_MAGIC) {
        if ext != "doc" && has_utf16(bytes, "EncryptedPackage") && !has_utf16(bytes, "WordDocument")
        {
            return Err(ole_error(bytes, &ext));
        }
        return Ok(Format::Doc);
    }
    if bytes.starts_with(b"{\\rtf") {
        return Ok(Format::Rtf);
    }
    if ocr::image::is_image(bytes) {
        return Ok(Format::Image);
    }
    match ext.as_str() {
        "pdf" => Err(DocError::new(
            ErrorKind::CorruptPdf,
            "not a PDF: the content has no %PDF- header",
        )),
        "docx" => Err(DocError::new(
            ErrorKind::CorruptDocx,
            "not a DOCX: the content is not a zip archive",
        )),
        "doc" => Err(DocError::new(
            ErrorKind::CorruptDoc,
            "not a Word .doc: the content is not an OLE compound file",
        )),
        "rtf" => Err(DocError::new(
            ErrorKind::CorruptRtf,
            "not an RTF document: the content does not start with {\\rtf",
        )),
        "xls" | "xlsx" | "ods" => Err(sheet_kind(&ext).corrupt(format!(
            "not a .{ext} workbook: the content is neither an OLE workbook nor a spreadsheet zip"
        ))),
        "png" | "jpg" | "jpeg" | "tif" | "tiff" => Err(DocError::new(
            ErrorKind::CorruptImage,
            format!("not a .{ext} image: the content is not PNG, JPEG or TIFF"),
        )),
        "ppt" | "pptx" | "odt" | "zip" => Err(DocError::new(
            ErrorKind::UnsupportedFormat,
            format!("unsupported format .{ext}: convert it to PDF, DOCX, DOC, RTF, XLS(X), ODS, an image or text first"),
        )),
        _ => Ok(Format::Text),
    }
}

/// What an OLE file is, as an error: a password-protected Office Open XML file
/// keeps its content in a stream named `EncryptedPackage` (MS-OFFCRYPTO), whose
/// name is in the file's directory in UTF-16; anything else is an older binary
/// format we do not read.
fn ole_error(bytes: &[u8], ext: &str) -> DocError {
    if has_utf16(bytes, "EncryptedPackage") {
        return DocError::new(
            ErrorKind::Encrypted,
            "the document is password-protected (an encrypted Office file): save it without a password first",
        );
    }
    let shown = if ext.is_empty() { "ole" } else { ext };
    DocError::new(
        ErrorKind::UnsupportedFormat,
        format!("unsupported format .{shown} (an OLE file that is neither a Word nor an Excel 97-2003 document): convert it to PDF, DOCX or text first"),
    )
}

/// Decode `bytes` (named `name`, for the extension) into text.
pub fn decode(name: &str, bytes: &[u8], opts: &Options) -> Result<Decoded, DocError> {
    if bytes.is_empty() {
        return Err(DocError::new(ErrorKind::Empty, "the file is empty"));
    }
    let ext = std::path::Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("");
    let mut decoded = match sniff(bytes, ext)? {
        Format::Pdf => pdf::decode(bytes, opts)?,
        Format::Docx => docx::decode(bytes, opts)?,
        Format::Doc => doc::decode(bytes, opts)?,
        Format::Rtf => rtf::decode(bytes, opts)?,
        Format::Image => ocr::image::decode(bytes, opts)?,
        Format::Text => text::decode(bytes, opts)?,
        Format::Sheet(kind) => sheet::decode(bytes, kind, opts)?,
    };
    if decoded.errors.is_empty() && is_blank(&decoded.doc.text) {
        decoded.errors.push(DocError::new(
            ErrorKind::Empty,
            "no text: the document has nothing but white space",
        ));
    }
    Ok(decoded)
}

fn sheet_kind(ext: &str) -> sheet::Kind {
    match ext {
        "xls" => sheet::Kind::Xls,
        "ods" => sheet::Kind::Ods,
        _ => sheet::Kind::Xlsx,
    }
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

/// Does `bytes` hold `name` in UTF-16 (as an OLE directory entry names a stream)?
fn has_utf16(bytes: &[u8], name: &str) -> bool {
    let name: Vec<u8> = name.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    memchr::memmem::find(bytes, &name).is_some()
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
            sniff("Báo cáo".as_bytes(), "pdf")
                .err()
                .map(|e| e.kind.as_str()),
            Some("corrupt_pdf")
        );
        assert_eq!(
            sniff(b"abc", "docx").err().map(|e| e.kind.as_str()),
            Some("corrupt_docx")
        );
        assert_eq!(sniff("Báo cáo".as_bytes(), "").ok(), Some(Format::Text));
        // Word 97-2003 and RTF by content, whatever the extension.
        assert_eq!(
            sniff(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1....", "rtf").ok(),
            Some(Format::Doc)
        );
        assert_eq!(sniff(b"{\\rtf1\\ansi x}", "doc").ok(), Some(Format::Rtf));
        assert_eq!(
            sniff(b"abc", "doc").err().map(|e| e.kind.as_str()),
            Some("corrupt_doc")
        );
        assert_eq!(
            sniff(b"abc", "rtf").err().map(|e| e.kind.as_str()),
            Some("corrupt_rtf")
        );
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0", "").ok(), Some(Format::Image));
        assert_eq!(sniff(b"II*\0", "txt").ok(), Some(Format::Image));
        assert_eq!(
            sniff(b"not an image", "png").err().map(|e| e.kind.as_str()),
            Some("corrupt_image")
        );
    }

    #[test]
    fn empty_is_an_error() {
        let e = decode("a.txt", b"", &Options::default()).unwrap_err();
        assert_eq!(e.kind.as_str(), "empty");
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
        assert_eq!(
            sniff(&encrypted, "docx").unwrap_err().kind,
            ErrorKind::Encrypted
        );
        let mut doc = OLE_MAGIC.to_vec();
        doc.resize(1024, 0);
        doc.extend("WordDocument".encode_utf16().flat_map(|u| u.to_le_bytes()));
        // A Word 97-2003 file is read, whatever its name says.
        assert_eq!(sniff(&doc, "docx").ok(), Some(Format::Doc));
        assert_eq!(sniff(&doc, "txt").ok(), Some(Format::Doc));
    }
}
