//! Parquet output: one file per table (`documents.parquet`, ...) in a folder,
//! with real types.
//!
//! CSV loses types (pandas reads a nullable integer column as floats, dates as
//! text); Parquet keeps them, so a data team gets the same columns as the CSV
//! with each column's [`Kind`]: 64-bit integers (money in đồng stays exact),
//! doubles, dates, booleans and UTF-8 text, every column nullable. Rows are
//! buffered per table and written in row groups of [`BATCH_ROWS`]; files are
//! written under a temporary name and renamed when complete, as for CSV.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::builder::{
    BooleanBuilder, Date32Builder, Float64Builder, Int64Builder, StringBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use tempfile::NamedTempFile;

use super::rows::{Cell, Column, DocRows, Kind, Table};
use super::{ExportError, TableSink};

/// Rows buffered per table before they are written as one record batch.
pub const BATCH_ROWS: usize = 8192;

/// The Arrow type of a column kind.
pub fn arrow_type(kind: Kind) -> DataType {
    match kind {
        Kind::Text => DataType::Utf8,
        Kind::Integer => DataType::Int64,
        Kind::Real => DataType::Float64,
        Kind::Date => DataType::Date32,
        Kind::Bool => DataType::Boolean,
    }
}

/// The Arrow schema of a table: its columns in order, all nullable.
pub fn schema(table: Table) -> SchemaRef {
    let fields: Vec<Field> = table
        .columns()
        .iter()
        .map(|c| Field::new(c.name, arrow_type(c.kind), true))
        .collect();
    Arc::new(Schema::new(fields))
}

/// Days since 1970-01-01 of an ISO `YYYY-MM-DD` date; `None` if it is not one.
pub fn iso_days(s: &str) -> Option<i32> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = s.get(r)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let month_days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&m) || d < 1 || d > month_days[(m - 1) as usize] {
        return None;
    }
    // Days from the civil calendar (H. Hinnant's algorithm), in i64.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    i32::try_from(era * 146_097 + doe - 719_468).ok()
}

/// One column being filled.
enum Builder {
    Text(StringBuilder),
    Int(Int64Builder),
    Real(Float64Builder),
    Date(Date32Builder),
    Bool(BooleanBuilder),
}

impl Builder {
    fn new(c: &Column) -> Self {
        match c.kind {
            Kind::Text => Builder::Text(StringBuilder::new()),
            Kind::Integer => Builder::Int(Int64Builder::new()),
            Kind::Real => Builder::Real(Float64Builder::new()),
            Kind::Date => Builder::Date(Date32Builder::new()),
            Kind::Bool => Builder::Bool(BooleanBuilder::new()),
        }
    }

    /// Append a cell; a cell that does not fit the column's type is null
    /// (rows.rs makes cells of the column's kind, so this does not happen).
    fn push(&mut self, cell: &Cell) {
        match (self, cell) {
            (Builder::Text(b), Cell::Text(s)) => b.append_value(s),
            (Builder::Text(b), _) => b.append_null(),
            (Builder::Int(b), Cell::Int(n)) => b.append_value(*n),
            (Builder::Int(b), _) => b.append_null(),
            (Builder::Real(b), Cell::Real(x)) => b.append_value(*x),
            (Builder::Real(b), Cell::Int(n)) => b.append_value(*n as f64),
            (Builder::Real(b), _) => b.append_null(),
            (Builder::Date(b), Cell::Text(s)) => b.append_option(iso_days(s)),
            (Builder::Date(b), _) => b.append_null(),
            (Builder::Bool(b), Cell::Int(n)) => b.append_value(*n != 0),
            (Builder::Bool(b), _) => b.append_null(),
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Builder::Text(b) => Arc::new(b.finish()),
            Builder::Int(b) => Arc::new(b.finish()),
            Builder::Real(b) => Arc::new(b.finish()),
            Builder::Date(b) => Arc::new(b.finish()),
            Builder::Bool(b) => Arc::new(b.finish()),
        }
    }
}

/// One table's file: its writer and the rows not yet written.
struct TableFile {
    table: Table,
    schema: SchemaRef,
    builders: Vec<Builder>,
    pending: usize,
    writer: ArrowWriter<BufWriter<NamedTempFile>>,
}

impl TableFile {
    fn flush(&mut self) -> parquet::errors::Result<()> {
        if self.pending == 0 {
            return Ok(());
        }
        let arrays: Vec<ArrayRef> = self.builders.iter_mut().map(Builder::finish).collect();
        self.pending = 0;
        let batch = RecordBatch::try_new(Arc::clone(&self.schema), arrays)?;
        self.writer.write(&batch)
    }
}

/// Writes every table as `<dir>/<table>.parquet`.
pub struct ParquetSink {
    dir: PathBuf,
    files: Vec<TableFile>,
    _tracked: Vec<crate::cleanup::Tracked>,
}

impl ParquetSink {
    /// Create `dir` if needed and open one temporary file per table.
    pub fn create(dir: &Path) -> Result<Self, ExportError> {
        std::fs::create_dir_all(dir).map_err(|e| ExportError::io(dir, e))?;
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(64 * BATCH_ROWS))
            .build();
        let mut files = Vec::with_capacity(Table::ALL.len());
        let mut tracked = Vec::with_capacity(Table::ALL.len());
        for table in Table::ALL {
            let (tmp, t) = super::table_temp(dir, table, ".parquet.tmp")?;
            tracked.push(t);
            let schema = schema(table);
            let writer = ArrowWriter::try_new(
                BufWriter::with_capacity(1 << 16, tmp),
                Arc::clone(&schema),
                Some(props.clone()),
            )
            .map_err(|e| parquet_error(dir, table, e))?;
            files.push(TableFile {
                table,
                builders: table.columns().iter().map(Builder::new).collect(),
                schema,
                pending: 0,
                writer,
            });
        }
        Ok(ParquetSink {
            dir: dir.to_path_buf(),
            files,
            _tracked: tracked,
        })
    }

    /// Final path of a table's file.
    pub fn path_of(dir: &Path, table: Table) -> PathBuf {
        dir.join(format!("{}.parquet", table.name()))
    }
}

fn parquet_error(dir: &Path, table: Table, e: impl std::fmt::Display) -> ExportError {
    ExportError::Write(format!(
        "cannot write {}: {e}",
        ParquetSink::path_of(dir, table).display()
    ))
}

impl TableSink for ParquetSink {
    fn write_document(&mut self, rows: &DocRows) -> Result<(), ExportError> {
        for f in &mut self.files {
            let builders = &mut f.builders;
            let mut added = 0;
            rows.for_each(f.table, |cells| {
                for (b, cell) in builders.iter_mut().zip(cells) {
                    b.push(cell);
                }
                added += 1;
                Ok::<(), ()>(())
            })
            .ok();
            f.pending += added;
            if f.pending >= BATCH_ROWS {
                f.flush()
                    .map_err(|e| parquet_error(&self.dir, f.table, e))?;
            }
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<(), ExportError> {
        let dir = self.dir;
        for mut f in self.files {
            let target = ParquetSink::path_of(&dir, f.table);
            f.flush().map_err(|e| parquet_error(&dir, f.table, e))?;
            let buf = f
                .writer
                .into_inner()
                .map_err(|e| parquet_error(&dir, f.table, e))?;
            let tmp = buf
                .into_inner()
                .map_err(|e| ExportError::io(&target, e.into_error()))?;
            sync(tmp.as_file());
            tmp.persist(&target)
                .map_err(|e| ExportError::io(&target, e.error))?;
        }
        Ok(())
    }
}

/// Best effort: the data is on disk before the rename makes it visible.
fn sync(f: &File) {
    let _ = f.sync_data();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_become_days_since_1970() {
        assert_eq!(iso_days("1970-01-01"), Some(0));
        assert_eq!(iso_days("1970-01-02"), Some(1));
        assert_eq!(iso_days("1969-12-31"), Some(-1));
        // 2000 is a leap year: 30 years of 365 days plus 7 leap days, then 31 + 28 days.
        assert_eq!(iso_days("2000-03-01"), Some(30 * 365 + 7 + 31 + 29));
        assert_eq!(iso_days("2024-02-29"), Some(19782));
        assert_eq!(iso_days("2023-02-29"), None);
        assert_eq!(iso_days("2025-13-01"), None);
        assert_eq!(iso_days("2025-1-01"), None);
        assert_eq!(iso_days("năm 2025"), None);
        assert_eq!(iso_days("+025-01-01"), None);
    }

    #[test]
    fn every_column_has_an_arrow_field_of_its_kind() {
        for table in Table::ALL {
            let s = schema(table);
            assert_eq!(s.fields().len(), table.columns().len());
            for (f, c) in s.fields().iter().zip(table.columns()) {
                assert_eq!(f.name(), c.name);
                assert_eq!(f.data_type(), &arrow_type(c.kind));
            }
        }
    }
}
