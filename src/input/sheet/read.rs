//! The three readers: workbook bytes → [`Sheet`]s of cell texts.

use std::io::{Cursor, Read};
use std::sync::Arc;

use calamine::{Data, DataRef, Dimensions, Ods, Reader, SheetType, Xls, Xlsx};

use super::biff;
use super::display;
use super::grid::{too_large, Merge, Sheet};
use super::{Kind, MAX_CELLS, MAX_ROWS};
use crate::output::{DocError, ErrorKind};

/// `.xls`: the Workbook stream is scanned (fonts, formats, sizes) before
/// calamine reads the cells.
pub fn xls(bytes: &[u8], limit: u64) -> Result<Vec<Sheet>, DocError> {
    let kind = Kind::Xls;
    let mut cf = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| kind.corrupt(format!("not an OLE compound file: {e}")))?;
    if cf.is_stream("EncryptedPackage") {
        return Err(encrypted());
    }
    let name = if cf.is_stream("Workbook") {
        "Workbook"
    } else {
        "Book"
    };
    let stream = cf
        .open_stream(name)
        .map_err(|e| kind.corrupt(format!("no workbook stream: {e}")))?;
    let mut wb = Vec::new();
    stream
        .take(limit + 1)
        .read_to_end(&mut wb)
        .map_err(|e| kind.corrupt(format!("the workbook stream cannot be read: {e}")))?;
    if wb.len() as u64 > limit {
        return Err(too_large(format!(
            "the workbook stream passes {limit} bytes (limit: --max-part-bytes)"
        )));
    }
    let scan = biff::scan(&wb, MAX_CELLS);
    // One shared name per font, not one string per cell.
    let font_names: Vec<Arc<str>> = scan.fonts.iter().map(|f| Arc::from(f.as_str())).collect();
    if scan.encrypted {
        return Err(encrypted());
    }
    let mut total = 0usize;
    for s in &scan.sheets {
        total += s.cells;
        if total > MAX_CELLS || s.rows > MAX_ROWS || s.bad_dimensions {
            return Err(too_large(format!(
                "a sheet has more than {MAX_CELLS} cells or {MAX_ROWS} rows, or claims more"
            )));
        }
    }
    drop(wb);
    let mut book: Xls<_> = Xls::new(Cursor::new(bytes)).map_err(|e| match e {
        calamine::XlsError::Password => encrypted(),
        e => kind.corrupt(format!("{e}")),
    })?;
    let meta: Vec<_> = book.sheets_metadata().to_vec();
    let mut sheets = Vec::new();
    for (i, m) in meta.iter().enumerate() {
        if m.typ != SheetType::WorkSheet {
            continue;
        }
        let range = book
            .worksheet_range(&m.name)
            .map_err(|e| kind.corrupt(format!("sheet {:?}: {e}", m.name)))?;
        let style = scan.sheets.get(i);
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut sheet = Sheet::named(m.name.clone());
        for (r, c, v) in range.used_cells() {
            let (row, col) = (r0 + r as u32, c0 + c as u32);
            let xf = style.and_then(|s| s.xf.get(&(row, col)).copied());
            let fmt = xf.and_then(|x| scan.format(x));
            let font = xf
                .and_then(|x| scan.font_index(x))
                .and_then(|i| font_names.get(i).cloned());
            sheet.push_with(row, col, font, |out| data_text(out, v, fmt));
        }
        sheet.merges = book
            .merge_cells_by_sheet_name(&m.name)
            .unwrap_or_default()
            .iter()
            .map(merge)
            .collect();
        sheets.push(sheet);
    }
    Ok(sheets)
}

/// `.xlsx`: cells are streamed (never a dense grid), counted as they come.
pub fn xlsx(bytes: &[u8], limit: u64) -> Result<Vec<Sheet>, DocError> {
    let kind = Kind::Xlsx;
    let merges_anywhere = check_zip(bytes, limit, kind)?;
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| match e {
        calamine::XlsxError::Password => encrypted(),
        e => kind.corrupt(format!("{e}")),
    })?;
    let is_1904 = book.has_1904_epoch();
    let names: Vec<String> = book
        .sheets_metadata()
        .iter()
        .filter(|m| m.typ == SheetType::WorkSheet)
        .map(|m| m.name.clone())
        .collect();
    let mut total = 0usize;
    let mut sheets = Vec::new();
    for name in names {
        let corrupt = |e: calamine::XlsxError| kind.corrupt(format!("sheet {name:?}: {e}"));
        let mut sheet = Sheet::named(name.clone());
        {
            let mut reader = book.worksheet_cells_reader(&name).map_err(corrupt)?;
            // Room for the cells the sheet says it spans, made at once; the
            // claim is trusted only as far as the file could hold that many
            // (a cell's XML is over 8 bytes compressed) and the cell limit.
            let d = reader.dimensions();
            let claimed = (u64::from(d.end.0.saturating_sub(d.start.0)) + 1)
                * (u64::from(d.end.1.saturating_sub(d.start.1)) + 1);
            let room = claimed.min(bytes.len() as u64 / 8).min(MAX_CELLS as u64);
            sheet.cells.reserve(usize::try_from(room).unwrap_or(0));
            let mut style_fonts: Vec<Option<Option<Arc<str>>>> = Vec::new();
            while let Some((cell, style_id)) = reader.next_cell_with_style_id().map_err(corrupt)? {
                total += 1;
                let (row, col) = cell.get_position();
                if total > MAX_CELLS || row >= MAX_ROWS {
                    return Err(too_large(format!(
                        "more than {MAX_CELLS} cells or {MAX_ROWS} rows in the workbook"
                    )));
                }
                let style = reader.styles().get(style_id);
                let fmt = style
                    .and_then(|s| s.number_format.as_ref())
                    .map(|f| f.format_code.as_str());
                let font = font_of(&mut style_fonts, reader.styles(), style_id);
                sheet.push_with(row, col, font, |out| {
                    ref_text(out, cell.get_value(), fmt, is_1904)
                });
            }
        }
        // calamine finds merged areas by reading the whole sheet again:
        // asked only when some worksheet part has any.
        if merges_anywhere {
            sheet.merges = book
                .merge_cells_by_sheet_name(&name)
                .unwrap_or_default()
                .iter()
                .map(merge)
                .collect();
        }
        sheets.push(sheet);
    }
    Ok(sheets)
}

/// `.ods`: calamine gives values without styles or merged areas, so cells
/// carry no font and numbers are shown as General.
pub fn ods(bytes: &[u8], limit: u64) -> Result<Vec<Sheet>, DocError> {
    let kind = Kind::Ods;
    check_zip(bytes, limit, kind)?;
    check_ods_repeats(bytes, limit)?;
    let mut book: Ods<_> = Ods::new(Cursor::new(bytes)).map_err(|e| match e {
        calamine::OdsError::Password => encrypted(),
        e => kind.corrupt(format!("{e}")),
    })?;
    let names: Vec<String> = book.sheet_names();
    let mut total = 0usize;
    let mut sheets = Vec::new();
    for name in names {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| kind.corrupt(format!("sheet {name:?}: {e}")))?;
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut sheet = Sheet::named(name);
        for (r, c, v) in range.used_cells() {
            total += 1;
            if total > MAX_CELLS || r as u64 >= u64::from(MAX_ROWS) {
                return Err(too_large(format!(
                    "more than {MAX_CELLS} cells or {MAX_ROWS} rows in the workbook"
                )));
            }
            sheet.push_with(r0 + r as u32, c0 + c as u32, None, |out| {
                data_text(out, v, None)
            });
        }
        sheets.push(sheet);
    }
    Ok(sheets)
}

pub(super) fn encrypted() -> DocError {
    DocError::new(
        ErrorKind::Encrypted,
        "the workbook is password-protected: save it without a password first",
    )
}

/// The font name of xlsx style `id`, made once per style.
fn font_of(
    cache: &mut Vec<Option<Option<Arc<str>>>>,
    styles: &[calamine::Style],
    id: usize,
) -> Option<Arc<str>> {
    if id >= styles.len() {
        return None;
    }
    if cache.len() < styles.len() {
        cache.resize(styles.len(), None);
    }
    cache[id]
        .get_or_insert_with(|| {
            styles[id]
                .font
                .as_ref()
                .and_then(|f| f.name.as_deref())
                .map(Arc::from)
        })
        .clone()
}

fn merge(d: &Dimensions) -> Merge {
    Merge {
        rows: (d.start.0, d.end.0.max(d.start.0)),
        cols: (d.start.1, d.end.1.max(d.start.1)),
    }
}

/// Append the shown text of an owned cell value to `out`.
fn data_text(out: &mut String, v: &Data, fmt: Option<&str>) {
    match v {
        Data::Int(i) => out.push_str(&display::integer(*i)),
        Data::Float(f) => out.push_str(&display::number(*f, fmt)),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => out.push_str(s),
        Data::Bool(b) => out.push_str(if *b { "TRUE" } else { "FALSE" }),
        Data::DateTime(d) => out.push_str(&display::date(d.as_f64(), false)),
        Data::Error(e) => out.push_str(&e.to_string()),
        Data::Empty => {}
    }
}

/// Append the shown text of a streamed xlsx cell value to `out` (a shared
/// string is copied from calamine's table straight into the sheet's text).
fn ref_text(out: &mut String, v: &DataRef<'_>, fmt: Option<&str>, is_1904: bool) {
    match v {
        DataRef::Int(i) => out.push_str(&display::integer(*i)),
        DataRef::Float(f) => out.push_str(&display::number(*f, fmt)),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => out.push_str(s),
        DataRef::SharedString(s) => out.push_str(s),
        DataRef::Bool(b) => out.push_str(if *b { "TRUE" } else { "FALSE" }),
        DataRef::DateTime(d) => out.push_str(&display::date(d.as_f64(), is_1904)),
        DataRef::Error(e) => out.push_str(&e.to_string()),
        DataRef::Empty => {}
    }
}

/// Read every part of a zip through the limit on decompressed bytes (the
/// sizes in the zip directory can lie), so a bomb is refused before
/// calamine inflates it into memory. Returns whether a worksheet part holds
/// a merged area (`<mergeCell `), seen on the way.
fn check_zip(bytes: &[u8], limit: u64, kind: Kind) -> Result<bool, DocError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| kind.corrupt(format!("not a valid zip archive: {e}")))?;
    let mut total = 0u64;
    let mut merges = false;
    for i in 0..zip.len() {
        let mut f = zip
            .by_index(i)
            .map_err(|e| kind.corrupt(format!("zip entry {i}: {e}")))?;
        let name = f.name().to_string();
        let mut sink = MergeFinder::new(!merges && name.starts_with("xl/worksheets/"));
        let n = std::io::copy(&mut (&mut f).take(limit + 1), &mut sink)
            .map_err(|e| kind.corrupt(format!("{name}: {e}")))?;
        merges |= sink.found;
        total += n;
        if n > limit || total > limit.saturating_mul(4) {
            return Err(too_large(format!(
                "{name} decompresses to more than {limit} bytes (zip bomb?); limit is --max-part-bytes"
            )));
        }
    }
    Ok(merges)
}

/// A sink that notes whether `<mergeCell ` passes through it (across the
/// seams between the chunks it is written).
struct MergeFinder {
    looking: bool,
    found: bool,
    /// The last bytes of the previous chunk, for a match across the seam.
    tail: Vec<u8>,
}

impl MergeFinder {
    const NEEDLE: &'static [u8] = b"<mergeCell ";

    fn new(looking: bool) -> Self {
        MergeFinder {
            looking,
            found: false,
            tail: Vec::new(),
        }
    }
}

impl std::io::Write for MergeFinder {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.looking && !self.found {
            let keep = Self::NEEDLE.len() - 1;
            // The seam: what is kept of earlier chunks, then this one's start.
            let old = self.tail.len();
            self.tail.extend_from_slice(&buf[..buf.len().min(keep)]);
            if memchr::memmem::find(&self.tail, Self::NEEDLE).is_some()
                || memchr::memmem::find(buf, Self::NEEDLE).is_some()
            {
                self.found = true;
            }
            // Keep the last `keep` bytes of everything written so far.
            if buf.len() >= keep {
                self.tail.clear();
                self.tail.extend_from_slice(&buf[buf.len() - keep..]);
            } else {
                self.tail.truncate(old);
                self.tail.extend_from_slice(buf);
                let excess = self.tail.len().saturating_sub(keep);
                self.tail.drain(..excess);
            }
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Measure an `.ods` before calamine expands it: `number-rows-repeated` and
/// `number-columns-repeated` let a few bytes of `content.xml` stand for
/// millions of cells, which calamine would allocate as a dense grid. Counts
/// the cells with a value that the repeats make, and the grid they span.
fn check_ods_repeats(bytes: &[u8], limit: u64) -> Result<(), DocError> {
    use quick_xml::events::Event;
    let kind = Kind::Ods;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| kind.corrupt(format!("not a valid zip archive: {e}")))?;
    let mut xml = Vec::new();
    match zip.by_name("content.xml") {
        Ok(f) => f.take(limit + 1).read_to_end(&mut xml),
        Err(e) => return Err(kind.corrupt(format!("content.xml: {e}"))),
    }
    .map_err(|e| kind.corrupt(format!("content.xml: {e}")))?;
    let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
    let repeat = |e: &quick_xml::events::BytesStart, name: &[u8]| -> u64 {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == name)
            .and_then(|a| std::str::from_utf8(&a.value).ok()?.parse().ok())
            .unwrap_or(1)
    };
    let (mut row_repeat, mut row, mut col, mut cells, mut max_row, mut max_col) =
        (1u64, 0u64, 0u64, 0u64, 0u64, 0u64);
    let mut buf = Vec::new();
    loop {
        let ev = reader
            .read_event_into(&mut buf)
            .map_err(|e| kind.corrupt(format!("content.xml: {e}")))?;
        if let Event::Start(ref e) | Event::Empty(ref e) = ev {
            match e.name().as_ref() {
                b"table:table" => (row, max_row, max_col) = (0, 0, 0),
                b"table:table-row" => {
                    row_repeat = repeat(e, b"table:number-rows-repeated");
                    col = 0;
                }
                b"table:table-cell" | b"table:covered-table-cell" => {
                    let n = repeat(e, b"table:number-columns-repeated");
                    let valued = e
                        .attributes()
                        .flatten()
                        .any(|a| a.key.as_ref() == b"office:value-type");
                    if valued {
                        cells = cells.saturating_add(n.saturating_mul(row_repeat));
                        max_row = max_row.max(row.saturating_add(row_repeat));
                        max_col = max_col.max(col.saturating_add(n));
                    }
                    col = col.saturating_add(n);
                }
                _ => {}
            }
        }
        // A row ends at its end tag, or at once when it is empty (`<…/>`).
        let row_end = match &ev {
            Event::End(e) => e.name().as_ref() == b"table:table-row",
            Event::Empty(e) => e.name().as_ref() == b"table:table-row",
            _ => false,
        };
        if row_end {
            row = row.saturating_add(row_repeat);
        }
        if matches!(ev, Event::Eof) {
            break;
        }
        if cells > MAX_CELLS as u64
            || max_row > u64::from(MAX_ROWS)
            || max_row.saturating_mul(max_col) > super::grid::MAX_GRID
        {
            return Err(too_large(format!(
                "a sheet repeats its cells past {MAX_CELLS} cells or {MAX_ROWS} rows"
            )));
        }
        buf.clear();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::MergeFinder;
    use std::io::Write;

    fn finds(chunks: &[&[u8]]) -> bool {
        let mut f = MergeFinder::new(true);
        for c in chunks {
            f.write_all(c).unwrap();
        }
        f.found
    }

    #[test]
    fn a_merged_area_is_seen_even_across_a_seam() {
        assert!(finds(&[
            b"<sheetData/><mergeCells count=\"1\"><mergeCell ref=\"A1:B1\"/>"
        ]));
        assert!(finds(&[b"</sheetData><mer", b"geCell ref=\"A1:B1\"/>"]));
        assert!(finds(&[b"<me", b"r", b"geCell ", b"ref"]));
        assert!(!finds(&[b"<mergeCells count=\"0\"/>", b"<c r=\"A1\"/>"]));
        let mut off = MergeFinder::new(false);
        off.write_all(b"<mergeCell ref=\"A1:B1\"/>").unwrap();
        assert!(!off.found);
    }
}
