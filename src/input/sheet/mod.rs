//! Spreadsheet input: `.xls` (BIFF8, BIFF5), `.xlsx` and `.ods`.
//!
//! calamine reads the cells and merged areas; [`biff`] adds what calamine
//! leaves out of `.xls` (each cell's font name and number format), and the
//! xlsx style table gives the same for `.xlsx`. Numbers are shown as the
//! sheet shows them ([`display`]); [`grid`] lays the sheets out as the
//! document model (a `[sheet: name]` line, then one table).
//!
//! Spreadsheets are untrusted containers: the `.xls` stream and every zip
//! part are read through [`crate::Options::max_part_bytes`] of
//! *decompressed* bytes (a shared-strings bomb stops there), each sheet's
//! cells are counted and its extent measured before a grid is allocated
//! ([`MAX_CELLS`], [`grid::MAX_GRID`]), and a panic inside the third-party
//! reader becomes this file's error, not the run's.

pub mod biff;
pub mod display;
pub mod grid;
mod read;

use std::panic::{catch_unwind, AssertUnwindSafe};

use super::Decoded;
use crate::options::Options;
use crate::output::{DocError, ErrorKind};

/// Most cells with content read from one workbook. A million-row sheet is
/// a data dump, not a report; refusing it keeps time and memory bounded.
pub const MAX_CELLS: usize = 1_000_000;
/// Most rows of one sheet (BIFF8's own limit, 65 536, doubled).
pub const MAX_ROWS: u32 = 131_072;

/// The spreadsheet formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Xls,
    Xlsx,
    Ods,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Xls => "xls",
            Kind::Xlsx => "xlsx",
            Kind::Ods => "ods",
        }
    }

    /// The error kind for damage in this format (`corrupt_xls`, ...).
    pub fn corrupt(self, message: impl Into<String>) -> DocError {
        let kind = match self {
            Kind::Xls => ErrorKind::CorruptXls,
            Kind::Xlsx => ErrorKind::CorruptXlsx,
            Kind::Ods => ErrorKind::CorruptOds,
        };
        DocError::new(kind, message)
    }
}

pub fn decode(bytes: &[u8], kind: Kind, opts: &Options) -> Result<Decoded, DocError> {
    let limit = opts.max_part_bytes;
    if kind == Kind::Xlsx && sniff_ole(bytes) == Some(Kind::Xlsx) {
        return Err(read::encrypted());
    }
    let read = catch_unwind(AssertUnwindSafe(|| match kind {
        Kind::Xls => read::xls(bytes, limit),
        Kind::Xlsx => read::xlsx(bytes, limit),
        Kind::Ods => read::ods(bytes, limit),
    }));
    let sheets = match read {
        Ok(r) => r?,
        Err(_) => return Err(kind.corrupt("the spreadsheet reader failed on damaged content")),
    };
    let doc = grid::build(&sheets, limit)?;
    Ok(Decoded {
        format: kind.name().into(),
        encoding: None,
        backend: "calamine".into(),
        pages: None,
        doc,
        ..Default::default()
    })
}

/// The spreadsheet format of an OLE compound file, if it is one: a
/// `Workbook` (BIFF8) or `Book` (BIFF5) stream, or an `EncryptedPackage`
/// (a password-protected `.xlsx`, which Office wraps in OLE).
pub fn sniff_ole(bytes: &[u8]) -> Option<Kind> {
    let cf = cfb::CompoundFile::open(std::io::Cursor::new(bytes)).ok()?;
    if cf.is_stream("Workbook") || cf.is_stream("Book") {
        return Some(Kind::Xls);
    }
    cf.is_stream("EncryptedPackage").then_some(Kind::Xlsx)
}

/// The spreadsheet format of a zip, if it is one: `xl/workbook.xml` makes
/// an `.xlsx`, an OpenDocument spreadsheet `mimetype` an `.ods`.
pub fn sniff_zip(bytes: &[u8]) -> Option<Kind> {
    const ODS: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";
    // ODF stores `mimetype` first and uncompressed, right after its header.
    if bytes.get(30..38) == Some(b"mimetype") && bytes.get(38..38 + ODS.len()) == Some(ODS) {
        return Some(Kind::Ods);
    }
    let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    if zip.index_for_name("xl/workbook.xml").is_some() {
        return Some(Kind::Xlsx);
    }
    zip.index_for_name("content.xml")?;
    // A compressed `mimetype`: read its first bytes.
    let mut zip = zip;
    let mut head = Vec::new();
    let mut f = zip.by_name("mimetype").ok()?;
    std::io::Read::read_to_end(
        &mut std::io::Read::take(&mut f, ODS.len() as u64),
        &mut head,
    )
    .ok()?;
    (head == ODS).then_some(Kind::Ods)
}
