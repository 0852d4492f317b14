//! A bounded scan of an `.xls` Workbook stream (BIFF5/BIFF8) for what
//! calamine does not expose: the font and number format of each cell.
//!
//! Archive `.xls` files type Vietnamese in `.VnTime` (TCVN3) or `VNI-Times`
//! cells; the font name is the only sure sign of how the bytes are meant, and
//! the number format is what makes `324474` show as `324.474`. BIFF keeps a
//! FONT table, a FORMAT table and an XF (cell format) table in the workbook
//! globals; every cell record names its XF. This module walks the records
//! once, checks every length, and also measures each sheet (cell count,
//! extent) so a hostile file is refused before calamine allocates its grid.

use std::collections::HashMap;

/// Record types (MS-XLS 2.3).
const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const FILEPASS: u16 = 0x002F;
const FONT: u16 = 0x0031;
const FORMAT: u16 = 0x041E;
const XF: u16 = 0x00E0;
const BOUNDSHEET: u16 = 0x0085;
const DIMENSIONS: u16 = 0x0200;
const MULRK: u16 = 0x00BD;
/// Cell records that start with row, column and XF index.
const CELLS: [u16; 7] = [0x0203, 0x027E, 0x00FD, 0x0204, 0x00D6, 0x0006, 0x0205];

/// BIFF8 limits: a DIMENSIONS record beyond them is damage or an attack.
const MAX_ROWS: u32 = 65_536;
const MAX_COLS: u32 = 256;

/// What the scan learned.
#[derive(Debug, Default)]
pub struct Scan {
    /// The workbook is encrypted (FILEPASS): no cell can be read.
    pub encrypted: bool,
    pub fonts: Vec<String>,
    formats: HashMap<u16, String>,
    /// Per XF: (font index, format index).
    xfs: Vec<(u16, u16)>,
    /// Per BOUNDSHEET record, in order.
    pub sheets: Vec<SheetScan>,
}

/// One sheet's cells as the records list them.
#[derive(Debug, Default)]
pub struct SheetScan {
    /// XF index of each cell record, by (row, column).
    pub xf: HashMap<(u32, u32), u16>,
    /// Cell records seen (a cell written twice counts twice).
    pub cells: usize,
    /// Largest row and column of any cell, plus one.
    pub rows: u32,
    pub cols: u32,
    /// A DIMENSIONS record claims more than BIFF8 allows.
    pub bad_dimensions: bool,
}

impl Scan {
    /// The font name of XF `xf`.
    pub fn font(&self, xf: u16) -> Option<&str> {
        self.fonts.get(self.font_index(xf)?).map(String::as_str)
    }

    /// The index in [`Scan::fonts`] of XF `xf`'s font.
    pub fn font_index(&self, xf: u16) -> Option<usize> {
        let (ifnt, _) = *self.xfs.get(xf as usize)?;
        // FONT index 4 is never written: indices above it are shifted by one.
        let i = if ifnt >= 4 { ifnt - 1 } else { ifnt } as usize;
        (i < self.fonts.len()).then_some(i)
    }

    /// The number format code of XF `xf` (built-in codes included).
    pub fn format(&self, xf: u16) -> Option<&str> {
        let (_, ifmt) = *self.xfs.get(xf as usize)?;
        self.formats
            .get(&ifmt)
            .map(String::as_str)
            .or_else(|| builtin_format(ifmt))
    }
}

/// Scan a Workbook stream. Stops (without error) at the first truncated
/// record: calamine reports the damage with its own message.
pub fn scan(stream: &[u8], max_cells: usize) -> Scan {
    let mut out = Scan::default();
    let mut biff8 = true;
    let mut sheet_pos = Vec::new();
    for (typ, data) in Records::at(stream, 0) {
        match typ {
            BOF => biff8 = u16_at(data, 0).is_none_or(|v| v >= 0x0600),
            FILEPASS => out.encrypted = true,
            FONT => {
                if let Some(name) = short_string(data, 14, biff8) {
                    out.fonts.push(name);
                }
            }
            FORMAT => {
                if let (Some(i), Some(code)) = (u16_at(data, 0), format_string(data, biff8)) {
                    out.formats.insert(i, code);
                }
            }
            XF => {
                if let (Some(f), Some(n)) = (u16_at(data, 0), u16_at(data, 2)) {
                    out.xfs.push((f, n));
                }
            }
            BOUNDSHEET => {
                if let Some(p) = u32_at(data, 0) {
                    sheet_pos.push(p as usize);
                }
            }
            EOF => break,
            _ => {}
        }
    }
    let mut budget = max_cells;
    for pos in sheet_pos {
        let s = scan_sheet(stream, pos, biff8, budget);
        budget = budget.saturating_sub(s.cells);
        out.sheets.push(s);
    }
    out
}

/// Walk one sheet substream; stops counting past `budget` cells.
fn scan_sheet(stream: &[u8], pos: usize, biff8: bool, budget: usize) -> SheetScan {
    let mut s = SheetScan::default();
    let mut depth = 0usize;
    for (typ, data) in Records::at(stream, pos) {
        match typ {
            BOF => depth += 1,
            EOF => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break;
                }
            }
            // Charts embedded in the sheet have their own substream.
            _ if depth > 1 => {}
            DIMENSIONS => {
                let (rows, cols) = if biff8 {
                    (u32_at(data, 4), u16_at(data, 10).map(u32::from))
                } else {
                    (
                        u16_at(data, 2).map(u32::from),
                        u16_at(data, 6).map(u32::from),
                    )
                };
                if rows.is_some_and(|r| r > MAX_ROWS) || cols.is_some_and(|c| c > MAX_COLS) {
                    s.bad_dimensions = true;
                }
            }
            MULRK => {
                let (Some(row), Some(first)) = (u16_at(data, 0), u16_at(data, 2)) else {
                    continue;
                };
                let n = data.len().saturating_sub(6) / 6;
                for k in 0..n {
                    if let Some(xf) = u16_at(data, 4 + 6 * k) {
                        s.cell(row.into(), u32::from(first) + k as u32, xf);
                    }
                }
            }
            t if CELLS.contains(&t) => {
                if let (Some(r), Some(c), Some(xf)) =
                    (u16_at(data, 0), u16_at(data, 2), u16_at(data, 4))
                {
                    s.cell(r.into(), c.into(), xf);
                }
            }
            _ => {}
        }
        if s.cells > budget {
            break;
        }
    }
    s
}

impl SheetScan {
    fn cell(&mut self, row: u32, col: u32, xf: u16) {
        self.cells += 1;
        self.rows = self.rows.max(row + 1);
        self.cols = self.cols.max(col + 1);
        self.xf.insert((row, col), xf);
    }
}

/// BIFF records from `pos`: (type, data). Ends at the end of the stream or
/// at a record whose length runs past it.
struct Records<'a> {
    s: &'a [u8],
    pos: usize,
}

impl<'a> Records<'a> {
    fn at(s: &'a [u8], pos: usize) -> Self {
        Records { s, pos }
    }
}

impl<'a> Iterator for Records<'a> {
    type Item = (u16, &'a [u8]);
    fn next(&mut self) -> Option<Self::Item> {
        let typ = u16_at(self.s, self.pos)?;
        let len = u16_at(self.s, self.pos + 2)? as usize;
        let start = self.pos + 4;
        let data = self.s.get(start..start + len)?;
        self.pos = start + len;
        Some((typ, data))
    }
}

fn u16_at(d: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_le_bytes(d.get(i..i + 2)?.try_into().ok()?))
}

fn u32_at(d: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_le_bytes(d.get(i..i + 4)?.try_into().ok()?))
}

/// A string of `cch` characters at `i`: BIFF8 has a flags byte (bit 0: two
/// bytes a character) before the characters; BIFF5 has 8-bit characters.
/// Font names and format codes are ASCII in practice; 8-bit characters are
/// read as Latin-1.
fn chars(d: &[u8], i: usize, cch: usize, biff8: bool) -> Option<String> {
    if !biff8 {
        return Some(d.get(i..i + cch)?.iter().map(|&b| char::from(b)).collect());
    }
    let wide = d.get(i)? & 1 == 1;
    let body = &d[i + 1..];
    if wide {
        let units: Vec<u16> = body
            .get(..cch * 2)?
            .chunks_exact(2)
            .map(|p| u16::from_le_bytes([p[0], p[1]]))
            .collect();
        Some(String::from_utf16_lossy(&units))
    } else {
        Some(body.get(..cch)?.iter().map(|&b| char::from(b)).collect())
    }
}

/// The FONT name: a one-byte count at `i`, then the characters.
fn short_string(d: &[u8], i: usize, biff8: bool) -> Option<String> {
    let cch = *d.get(i)? as usize;
    chars(d, i + 1, cch, biff8)
}

/// The FORMAT code after its index: a two-byte count in BIFF8, one in BIFF5.
fn format_string(d: &[u8], biff8: bool) -> Option<String> {
    if biff8 {
        chars(d, 4, u16_at(d, 2)? as usize, true)
    } else {
        chars(d, 3, *d.get(2)? as usize, false)
    }
}

/// Number formats every workbook has without a FORMAT record (MS-XLS 2.4.126).
fn builtin_format(i: u16) -> Option<&'static str> {
    Some(match i {
        0 => "General",
        1 => "0",
        2 => "0.00",
        3 => "#,##0",
        4 => "#,##0.00",
        9 => "0%",
        10 => "0.00%",
        11 => "0.00E+00",
        37 => "#,##0 ;(#,##0)",
        38 => "#,##0 ;[Red](#,##0)",
        39 => "#,##0.00;(#,##0.00)",
        40 => "#,##0.00;[Red](#,##0.00)",
        49 => "@",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut v = typ.to_le_bytes().to_vec();
        v.extend((data.len() as u16).to_le_bytes());
        v.extend(data);
        v
    }

    #[test]
    fn fonts_formats_and_cell_xfs() {
        let mut font = vec![0u8; 14];
        font.push(7);
        font.push(0);
        font.extend(b".VnTime");
        let mut fmt = 164u16.to_le_bytes().to_vec();
        fmt.extend(5u16.to_le_bytes());
        fmt.push(0);
        fmt.extend(b"#,##0");
        let mut xf = 0u16.to_le_bytes().to_vec();
        xf.extend(164u16.to_le_bytes());
        let mut wb = rec(BOF, &0x0600u16.to_le_bytes());
        for r in [rec(FONT, &font), rec(FORMAT, &fmt), rec(XF, &xf)] {
            wb.extend(r);
        }
        let sheet_at_fixup = wb.len() + 4;
        wb.extend(rec(BOUNDSHEET, &[0; 8]));
        wb.extend(rec(EOF, &[]));
        let pos = wb.len() as u32;
        wb[sheet_at_fixup..sheet_at_fixup + 4].copy_from_slice(&pos.to_le_bytes());
        wb.extend(rec(BOF, &0x0600u16.to_le_bytes()));
        // NUMBER at row 2, col 1, XF 0.
        let mut num = vec![2, 0, 1, 0, 0, 0];
        num.extend(324474f64.to_le_bytes());
        wb.extend(rec(0x0203, &num));
        wb.extend(rec(EOF, &[]));
        let s = scan(&wb, 100);
        assert_eq!(s.fonts, vec![".VnTime".to_string()]);
        assert_eq!(s.sheets.len(), 1);
        let x = s.sheets[0].xf[&(2, 1)];
        assert_eq!(s.font(x), Some(".VnTime"));
        assert_eq!(s.format(x), Some("#,##0"));
        assert_eq!((s.sheets[0].rows, s.sheets[0].cols), (3, 2));
    }

    #[test]
    fn truncated_records_end_the_scan() {
        let mut wb = rec(BOF, &0x0600u16.to_le_bytes());
        wb.extend([0x31, 0x00, 0xff, 0x00, 1, 2]);
        let s = scan(&wb, 100);
        assert!(s.fonts.is_empty());
    }
}
