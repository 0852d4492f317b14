//! CSV output: one file per table (`documents.csv`, `products.csv`, ...) in a folder.
//!
//! UTF-8 with a header row, RFC 4180 quoting by the `csv` crate. With `excel`
//! each file starts with a byte-order mark, without which Excel reads UTF-8 as
//! the local code page and garbles Vietnamese. Files are written under a
//! temporary name and renamed at the end, so a reader never sees a half export
//! and an interrupted run leaves the previous files in place.

use std::fmt::Write as _;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use super::rows::{Cell, DocRows, Table};
use super::{ExportError, TableSink};

const BOM: &[u8] = "\u{feff}".as_bytes();

/// Writes every table as `<dir>/<table>.csv`.
pub struct CsvSink {
    dir: PathBuf,
    writers: Vec<(Table, ::csv::Writer<BufWriter<NamedTempFile>>)>,
    scratch: String,
    /// The temporary files, for the signal handler to remove.
    _tracked: Vec<crate::cleanup::Tracked>,
}

impl CsvSink {
    /// Create `dir` if needed and open one temporary file per table.
    pub fn create(dir: &Path, excel: bool) -> Result<Self, ExportError> {
        std::fs::create_dir_all(dir).map_err(|e| ExportError::io(dir, e))?;
        let mut writers = Vec::with_capacity(Table::ALL.len());
        let mut tracked = Vec::with_capacity(Table::ALL.len());
        for table in Table::ALL {
            let (tmp, t) = super::table_temp(dir, table, ".csv.tmp")?;
            tracked.push(t);
            let mut out = BufWriter::with_capacity(1 << 16, tmp);
            if excel {
                out.write_all(BOM).map_err(|e| ExportError::io(dir, e))?;
            }
            let mut w = ::csv::WriterBuilder::new()
                .terminator(::csv::Terminator::CRLF)
                .from_writer(out);
            w.write_record(table.columns().iter().map(|c| c.name))
                .map_err(|e| csv_error(dir, table, e))?;
            writers.push((table, w));
        }
        Ok(CsvSink {
            dir: dir.to_path_buf(),
            writers,
            scratch: String::new(),
            _tracked: tracked,
        })
    }

    /// Final path of a table's file.
    pub fn path_of(dir: &Path, table: Table) -> PathBuf {
        dir.join(format!("{}.csv", table.name()))
    }
}

fn csv_error(dir: &Path, table: Table, e: ::csv::Error) -> ExportError {
    ExportError::Write(format!(
        "cannot write {}: {e}",
        CsvSink::path_of(dir, table).display()
    ))
}

impl TableSink for CsvSink {
    fn write_document(&mut self, rows: &DocRows) -> Result<(), ExportError> {
        let dir = &self.dir;
        let scratch = &mut self.scratch;
        for (table, w) in &mut self.writers {
            let table = *table;
            rows.for_each(table, |cells| {
                for cell in cells {
                    let field: &[u8] = match cell {
                        Cell::Null => b"",
                        Cell::Text(s) => s.as_bytes(),
                        Cell::Int(n) => {
                            scratch.clear();
                            let _ = write!(scratch, "{n}");
                            scratch.as_bytes()
                        }
                        Cell::Real(x) => {
                            scratch.clear();
                            let _ = write!(scratch, "{x}");
                            scratch.as_bytes()
                        }
                    };
                    w.write_field(field)?;
                }
                w.write_record(None::<&[u8]>)
            })
            .map_err(|e| csv_error(dir, table, e))?;
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<(), ExportError> {
        let dir = self.dir;
        for (table, w) in self.writers {
            let target = CsvSink::path_of(&dir, table);
            let buf = w.into_inner().map_err(|e| {
                ExportError::Write(format!("cannot write {}: {e}", target.display()))
            })?;
            let tmp = buf
                .into_inner()
                .map_err(|e| ExportError::io(&target, e.into_error()))?;
            tmp.persist(&target)
                .map_err(|e| ExportError::io(&target, e.error))?;
        }
        Ok(())
    }
}
