//! Sheets of cells → the document model.
//!
//! Each sheet becomes a title line `[sheet: name]` (a [`BlockKind::Sheet`]
//! block) and one [`BlockKind::Table`] block: one line per row, the cells of
//! a row separated by `\t`, sheets separated by a blank line. Every row
//! keeps one `\t`-separated slot per grid column, so column `k` is the same
//! column on every line (as in DOCX tables).
//!
//! Merged cells: the text stays in the top-left cell, whose `col_span` is
//! the merge's width; the columns it covers to the right get no cell of
//! their own (their slots in the line are empty); each row below inside the
//! merge gets one empty cell at the merge's column with `merged_up`. The
//! text is not repeated: a repeated amount would be counted twice by the
//! totals check.
//!
//! Rows and columns with no text at the edges are trimmed, and rows with no
//! text inside are left out (an empty line of tabs says nothing). A cell's
//! line breaks become spaces; each line is one of the cell's paragraphs.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use crate::model::{BlockKind, Cell, Doc, DocBuilder, FontRun, Row, Table};
use crate::output::{DocError, ErrorKind};

/// Most grid positions (rows × columns after trimming) one sheet may span.
/// The dense index below costs 8 bytes a position.
pub const MAX_GRID: u64 = 4_000_000;

/// One cell with text.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetCell {
    pub row: u32,
    pub col: u32,
    /// The cell's text, a range of its sheet's [`Sheet::text`] (one buffer
    /// a sheet, not one string a cell: a sheet can have a million cells).
    pub text: Range<usize>,
    /// The cell's font name, where the file gives it (shared: a workbook
    /// has a handful of fonts and many cells).
    pub font: Option<Arc<str>>,
}

/// A merged area, inclusive bounds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Merge {
    pub rows: (u32, u32),
    pub cols: (u32, u32),
}

/// One sheet read from a workbook.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    pub name: String,
    /// The text of every cell, one after another.
    pub text: String,
    pub cells: Vec<SheetCell>,
    pub merges: Vec<Merge>,
}

impl Sheet {
    /// An empty sheet named `name`.
    pub fn named(name: impl Into<String>) -> Self {
        Sheet {
            name: name.into(),
            ..Default::default()
        }
    }

    /// Add a cell whose text is what `write` appends to the sheet's text;
    /// nothing is added when it appends nothing.
    pub fn push_with(
        &mut self,
        row: u32,
        col: u32,
        font: Option<Arc<str>>,
        write: impl FnOnce(&mut String),
    ) {
        let start = self.text.len();
        write(&mut self.text);
        if self.text.len() > start {
            self.cells.push(SheetCell {
                row,
                col,
                text: start..self.text.len(),
                font,
            });
        }
    }

    /// Add a cell with `text` (nothing for an empty text).
    pub fn push(&mut self, row: u32, col: u32, text: &str, font: Option<Arc<str>>) {
        self.push_with(row, col, font, |s| s.push_str(text));
    }

    /// The text of one of this sheet's cells.
    pub fn text_of(&self, cell: &SheetCell) -> &str {
        self.text.get(cell.text.clone()).unwrap_or("")
    }
}

/// Build the document of `sheets`; its text may not pass `max_bytes`.
pub fn build(sheets: &[Sheet], max_bytes: u64) -> Result<Doc, DocError> {
    let mut b = DocBuilder::new();
    // The text's size is known before it is written: cells, and a separator
    // after each (a tab or a line break, short of the empty slots).
    let size: usize = sheets
        .iter()
        .flat_map(|s| &s.cells)
        .map(|c| c.text.len() + 1)
        .sum();
    b.reserve(size.min(usize::try_from(max_bytes).unwrap_or(usize::MAX)));
    let mut fonts = Fonts::default();
    for (i, sheet) in sheets.iter().enumerate() {
        if i > 0 {
            b.push("\n\n");
        }
        let title = b.push(&format!("[sheet: {}]", clean(&sheet.name)));
        b.block(
            title,
            None,
            BlockKind::Sheet {
                name: sheet.name.clone(),
            },
        );
        table(&mut b, &mut fonts, sheet)?;
        if b.len() as u64 > max_bytes {
            return Err(too_large(format!(
                "the sheets' text passes {max_bytes} bytes (limit: --max-part-bytes)"
            )));
        }
    }
    let mut doc = b.finish();
    doc.fonts = fonts.runs;
    Ok(doc)
}

/// Font runs of the cells. Neighbouring cells in one font make one run that
/// covers the separators between them too, so a sheet typed in `.VnTime`
/// is one run, not one per cell.
#[derive(Default)]
struct Fonts {
    runs: Vec<FontRun>,
    /// The last run's font, and whether only separators follow its end.
    last: Option<Arc<str>>,
}

impl Fonts {
    fn add(&mut self, range: Range<usize>, font: Option<&Arc<str>>, text: &str) {
        let Some(font) = font else {
            return;
        };
        if range.is_empty() {
            return;
        }
        if let (Some(last), Some(run)) = (&self.last, self.runs.last_mut()) {
            let gap = text.get(run.range.end..range.start).unwrap_or("x");
            let same = Arc::ptr_eq(last, font) || **last == **font;
            if same && gap.bytes().all(|b| matches!(b, b'\t' | b'\n' | b' ')) {
                run.range.end = range.end;
                return;
            }
        }
        self.runs.push(FontRun {
            range,
            font: font.to_string(),
        });
        self.last = Some(font.clone());
    }
}

pub fn too_large(message: String) -> DocError {
    DocError::new(ErrorKind::TooLarge, message)
}

/// Append the table of one sheet (nothing when it has no text).
fn table(b: &mut DocBuilder, fonts: &mut Fonts, sheet: &Sheet) -> Result<(), DocError> {
    let cells: Vec<&SheetCell> = sheet
        .cells
        .iter()
        .filter(|c| !sheet.text_of(c).trim().is_empty())
        .collect();
    let Some(first) = cells.first() else {
        return Ok(());
    };
    let (mut r0, mut r1, mut c0, mut c1) = (first.row, first.row, first.col, first.col);
    for c in &cells {
        r0 = r0.min(c.row);
        r1 = r1.max(c.row);
        c0 = c0.min(c.col);
        c1 = c1.max(c.col);
    }
    let (height, width) = (u64::from(r1 - r0) + 1, u64::from(c1 - c0) + 1);
    if height * width > MAX_GRID {
        return Err(too_large(format!(
            "sheet {:?} spans {height} rows × {width} columns (more than {MAX_GRID} cells)",
            sheet.name
        )));
    }
    let (h, w) = (height as usize, width as usize);
    let at = |r: u32, c: u32| (r - r0) as usize * w + (c - c0) as usize;
    // Dense index of the text cell and the merge at each position.
    let mut text_at = vec![u32::MAX; h * w];
    for (k, c) in cells.iter().enumerate() {
        text_at[at(c.row, c.col)] = k as u32;
    }
    let mut merge_at = vec![u32::MAX; if sheet.merges.is_empty() { 0 } else { h * w }];
    for (k, m) in sheet.merges.iter().enumerate() {
        let (mr0, mr1) = (m.rows.0.max(r0), m.rows.1.min(r1));
        let (mc0, mc1) = (m.cols.0.max(c0), m.cols.1.min(c1));
        if mr0 > mr1 || mc0 > mc1 || (m.rows.0, m.cols.0) != (mr0, mc0) {
            // Outside the text, or its anchor cell trimmed away: ignore.
            continue;
        }
        for r in mr0..=mr1 {
            for c in mc0..=mc1 {
                merge_at[at(r, c)] = k as u32;
            }
        }
    }

    b.push("\n");
    let start = b.len();
    let mut rows = Vec::with_capacity(h.min(cells.len()));
    for r in r0..=r1 {
        let row_has_text = (c0..=c1).any(|c| text_at[at(r, c)] != u32::MAX);
        if !row_has_text {
            continue;
        }
        if !rows.is_empty() {
            b.push("\n");
        }
        let row_start = b.len();
        let mut out = Vec::with_capacity(w);
        for c in c0..=c1 {
            if c > c0 {
                b.push("\t");
            }
            let merge = merge_at
                .get(at(r, c))
                .filter(|&&k| k != u32::MAX)
                .map(|&k| sheet.merges[k as usize]);
            let (col_span, merged_up) = match merge {
                Some(m) if c != m.cols.0.max(c0) => continue,
                Some(m) => ((m.cols.1.min(c1) - c + 1) as usize, r != m.rows.0),
                None => (1, false),
            };
            let (range, paragraphs) = match text_at[at(r, c)] {
                k if k != u32::MAX && !merged_up => {
                    let cell = cells[k as usize];
                    let (range, paragraphs) = push_cell(b, sheet.text_of(cell));
                    fonts.add(range.clone(), cell.font.as_ref(), b.text());
                    (range, paragraphs)
                }
                _ => (b.len()..b.len(), Vec::new()),
            };
            out.push(Cell {
                range,
                paragraphs,
                col: (c - c0) as usize,
                col_span,
                merged_up,
            });
        }
        rows.push(Row {
            range: row_start..b.len(),
            cells: out,
        });
    }
    let end = b.len();
    b.block(start..end, None, BlockKind::Table(Table { rows }));
    Ok(())
}

/// Append a cell's text (its lines joined by a space); returns its range
/// and the range of each line.
fn push_cell(b: &mut DocBuilder, text: &str) -> (Range<usize>, Vec<Range<usize>>) {
    let start = b.len();
    let mut paragraphs = Vec::new();
    for line in text.split(['\n', '\r']) {
        let line = clean(line);
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if !paragraphs.is_empty() {
            b.push(" ");
        }
        paragraphs.push(b.push(line));
    }
    (start..b.len(), paragraphs)
}

/// Tabs, line breaks and other control characters would break the
/// row/column structure of the text: each becomes a space. Borrowed when
/// there is none (nearly every cell: a sheet has hundreds of thousands).
fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sheet of cells (row, column, text).
    fn sheet(name: &str, cells: &[(u32, u32, &str)], merges: Vec<Merge>) -> Sheet {
        let mut s = Sheet::named(name);
        for &(r, c, t) in cells {
            s.push(r, c, t, None);
        }
        s.merges = merges;
        s
    }

    #[test]
    fn rows_become_tab_separated_lines_with_merges() {
        let sheet = sheet(
            "Biểu 1",
            &[
                (1, 1, "TT"),
                (1, 2, "Tên sản phẩm"),
                (1, 3, "Kinh phí"),
                (2, 1, "1"),
                (2, 2, "Chè"),
                (2, 3, "120"),
                (3, 2, "Mật ong\nrừng"),
                (3, 3, "80"),
                (5, 1, "Tổng cộng"),
                (5, 3, "200"),
            ],
            // "1" covers rows 2-3; "Tổng cộng" covers columns 1-2.
            vec![
                Merge {
                    rows: (2, 3),
                    cols: (1, 1),
                },
                Merge {
                    rows: (5, 5),
                    cols: (1, 2),
                },
            ],
        );
        let doc = build(&[sheet], 1 << 20).unwrap();
        assert_eq!(doc.check(), Ok(()));
        assert_eq!(
            doc.text,
            "[sheet: Biểu 1]\nTT\tTên sản phẩm\tKinh phí\n1\tChè\t120\n\tMật ong rừng\t80\nTổng cộng\t\t200"
        );
        let (_, t) = doc.tables().next().unwrap();
        assert_eq!(t.rows.len(), 4);
        let r2 = &t.rows[2];
        assert!(r2.cells[0].merged_up);
        assert_eq!(r2.cells[1].paragraphs.len(), 2);
        let total = &t.rows[3];
        assert_eq!(total.cells.len(), 2);
        assert_eq!(total.cells[0].col_span, 2);
        assert_eq!(doc.slice(&total.cells[1].range), "200");
        assert_eq!(total.cells[1].col, 2);
    }

    #[test]
    fn fonts_are_recorded_and_empty_sheets_have_a_title() {
        let mut a = Sheet::named("A");
        a.push(0, 0, "Qu¶n lý", Some(Arc::from(".VnTime")));
        let sheets = [a, Sheet::named("B")];
        let doc = build(&sheets, 1 << 20).unwrap();
        assert_eq!(doc.check(), Ok(()));
        assert_eq!(doc.text, "[sheet: A]\nQu¶n lý\n\n[sheet: B]");
        assert_eq!(doc.fonts.len(), 1);
        assert_eq!(doc.slice(&doc.fonts[0].range), "Qu¶n lý");
    }

    #[test]
    fn a_huge_extent_is_refused() {
        let sheet = sheet("x", &[(0, 0, "a"), (1_000_000, 16_000, "b")], vec![]);
        assert_eq!(
            build(&[sheet], 1 << 20).unwrap_err().kind.as_str(),
            "too_large"
        );
    }
}
