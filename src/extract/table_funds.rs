//! Money in table blocks: amounts read by column, with their scale, their
//! row's label and the row's place in the table's outline.
//!
//! A column is money when a header cell says so (`Kinh phí`, `Số tiền`,
//! `(triệu đồng)`: [`TABLE_MONEY_HEADERS`], [`TABLE_MONEY_UNITS`]); its
//! scale comes from a unit in the header, else from a unit note (`Đơn vị
//! tính: triệu đồng`) in a row above the header or just before the table.
//! A money column with no unit anywhere is read as đồng with
//! `unit_stated: false`, so a consumer can tell a stated unit from the
//! default. Rows labelled `Tổng cộng`/`Cộng` are totals; the marker in the
//! first column (`A`, `I`, `1`, `1.1`, `a`, `-`) gives each row's depth in
//! the outline, which the totals audit (`audit::table_totals`) uses to find
//! what each total covers.
//!
//! Reads the model only (cells are byte ranges of `text`): no markup is
//! parsed again.

use std::ops::Range;
use std::sync::LazyLock;

use super::lexicon::{
    ROW_LABEL_HEADERS, TABLE_MONEY_HEADERS, TABLE_MONEY_UNITS, TOTAL_ROW_LABELS,
    UNIT_COLUMN_HEADERS, UNIT_NOTE_HEADS,
};
use super::numbers::{parse_vn_number, Decimal};
use crate::ground::Ground;
use crate::model::{Row, Table};
use crate::output::{Fund, FundSource};

/// Rows looked at for a header.
const HEADER_ROWS: usize = 12;
/// Most words of a header cell (`Kinh phí thực hiện năm 2025 (triệu đồng)`):
/// a longer cell is a sentence that happens to name money.
const MAX_HEADER_WORDS: usize = 10;
/// Bytes before the table searched for a unit note.
const NOTE_WINDOW: usize = 400;

/// One amount in a money column.
#[derive(Debug, Clone, PartialEq)]
pub struct TableFund {
    /// Row index in the table.
    pub row: usize,
    /// Grid column.
    pub col: usize,
    /// The amount cell in the text.
    pub range: Range<usize>,
    /// The number as written.
    pub value: Decimal,
    /// The amount in đồng (rounded to whole đồng); `None` if it overflows.
    pub amount_vnd: Option<i64>,
    /// Canonical scale word (`triệu`), `None` for đồng.
    pub scale: Option<&'static str>,
    /// Whether the unit was stated (header or note) or defaulted to đồng.
    pub unit_stated: bool,
    /// The row's label cell (`Chè Shan tuyết`, `Tổng cộng`).
    pub label: Option<Range<usize>>,
    /// The row's outline depth, see [`Depth`].
    pub depth: Depth,
}

/// Where a row sits in the table's outline, shallowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Depth {
    /// `Tổng cộng`, `Tổng số`: the whole table.
    GrandTotal,
    /// `Cộng`: closes the group above it.
    GroupTotal,
    /// `A`, `B`.
    Letter,
    /// `I`, `II`.
    Roman,
    /// `1`, `2`.
    Number,
    /// `1.1`, `2.3.1`.
    SubNumber,
    /// `a`, `-`, `+`, or no marker.
    Item,
}

impl Depth {
    pub fn is_total(self) -> bool {
        matches!(self, Depth::GrandTotal | Depth::GroupTotal)
    }
}

/// The money of one table.
/// The money of every table block of the document, in text order: read
/// once, for the funds and for the totals audit.
pub fn all(g: &Ground) -> Vec<TableFund> {
    g.tables()
        .flat_map(|(b, t)| table_funds(g.text(), t, b.range.start))
        .collect()
}

/// The amounts of the document's money tables as contract funds
/// (`source: "table"`), except cells a fund of the running text already
/// covers (`150 triệu đồng` written in a cell is found there first). An
/// amount too large for whole đồng in 64 bits is left out, as in text, and
/// so is a column whose unit no header or note states: `Kinh phí` over
/// `450` may be đồng, thousands or millions, and a guessed `amount_vnd`
/// would be a confident wrong value (the totals check, which needs no
/// unit, still reads it).
pub fn as_funds(g: &Ground, tables: &[TableFund], text_funds: &[Fund]) -> Vec<Fund> {
    let text = g.text();
    // A sheet can hold a hundred thousand amounts: the text funds are
    // asked by binary search.
    let covered = super::spans::Spans::new(
        text_funds
            .iter()
            .map(|f| g.byte_offset(f.at.start)..g.byte_offset(f.at.end)),
    );
    tables
        .iter()
        .filter(|f| f.unit_stated && !covered.overlaps(&f.range))
        .filter_map(|f| {
            Some(Fund {
                amount_vnd: f.amount_vnd?,
                value: f.value.to_f64(),
                scale: f.scale.map(str::to_string),
                label: f
                    .label
                    .clone()
                    .and_then(|l| text.get(l))
                    .map(super::numbers::collapse_ws),
                approx: None,
                notation: None,
                source: Some(FundSource::Table),
                at: g.at(f.range.start, f.range.end),
            })
        })
        .collect()
}

pub fn table_funds(text: &str, table: &Table, table_start: usize) -> Vec<TableFund> {
    let cell_text = |r: &Range<usize>| text.get(r.clone()).unwrap_or("").trim();
    let before = &text[text.floor_char_boundary(table_start.saturating_sub(NOTE_WINDOW))
        ..table_start.min(text.len())];
    let (h, money_cols) = match header(table, &cell_text) {
        Some(found) => found,
        // No money header: a unit note alone makes the number columns right
        // of the label column money (`ĐVT: 1000 đồng` over `STT | Nội dung | Năm 2004`).
        None if notes_anywhere(table, &cell_text, before) => {
            let Some((h, col)) = label_header_row(table, &cell_text) else {
                return Vec::new();
            };
            let width = table
                .rows
                .iter()
                .flat_map(|r| r.cells.iter().map(|c| c.col + c.col_span.max(1)))
                .max()
                .unwrap_or(0);
            (h, (col + 1..width).map(|c| (c, None)).collect())
        }
        None => return Vec::new(),
    };
    let header_row = &table.rows[h];
    let label_col = header_row
        .cells
        .iter()
        .find(|c| is_label_header(&lower(cell_text(&c.range))))
        .map(|c| c.col);
    // The unit: in the money header cells, else the unit note nearest above
    // the header, else one just before the table.
    let note = table.rows[..h]
        .iter()
        .rev()
        .find_map(|row| {
            row.cells
                .iter()
                .find_map(|c| unit_note(cell_text(&c.range)))
        })
        .or_else(|| unit_note(before));

    let mut out = Vec::new();
    for (ri, row) in table.rows.iter().enumerate().skip(h + 1) {
        if is_numbering_row(row, &cell_text) {
            continue;
        }
        let label = row_label(row, label_col, &money_cols, &cell_text);
        let depth = row_depth(row, label.as_ref().map(&cell_text), &money_cols, &cell_text);
        for c in &row.cells {
            let Some(&(_, unit)) = money_cols.iter().find(|(col, _)| *col == c.col) else {
                continue;
            };
            let Some(value) = parse_vn_number(cell_text(&c.range)) else {
                continue;
            };
            let (exp, scale, stated) = match unit.or(note) {
                Some((e, s)) => (e, s, true),
                None => (0, None, false),
            };
            out.push(TableFund {
                row: ri,
                col: c.col,
                range: trimmed(text, &c.range),
                value,
                amount_vnd: value.mul_pow10(exp).and_then(Decimal::round),
                scale,
                unit_stated: stated,
                label: label.clone(),
                depth,
            });
        }
    }
    out
}

type Unit = (u32, Option<&'static str>);
/// Money columns: (grid column, the unit its header names).
type MoneyColumns = Vec<(usize, Option<Unit>)>;

/// The header row and its money columns (with the unit their header names).
fn header<'t>(
    table: &Table,
    cell_text: &impl Fn(&Range<usize>) -> &'t str,
) -> Option<(usize, MoneyColumns)> {
    for (i, row) in table.rows.iter().enumerate().take(HEADER_ROWS) {
        // A header row has several cells; a title line naming money is not one.
        let filled = row
            .cells
            .iter()
            .filter(|c| !cell_text(&c.range).is_empty())
            .count();
        if filled < 2 {
            continue;
        }
        let mut cols = Vec::new();
        for c in &row.cells {
            // Counted before lowering (the same count: lowering adds no
            // space), so a long cell is never lowered.
            let raw = cell_text(&c.range);
            if raw.split_whitespace().count() > MAX_HEADER_WORDS {
                continue;
            }
            let t = lower(raw);
            let unit = unit_in(&t);
            if unit.is_some() || contains_any(&t, TABLE_MONEY_HEADERS) {
                if starts_with_any(&t, UNIT_NOTE_HEADS) && !contains_any(&t, TABLE_MONEY_HEADERS) {
                    // A unit note in the header row, not a column.
                    continue;
                }
                for col in c.col..c.col + c.col_span.max(1) {
                    cols.push((col, unit));
                }
            }
        }
        if !cols.is_empty() {
            // Sub-headers under a spanning money header inherit its unit.
            return Some((last_header_row(table, i, cell_text), cols));
        }
    }
    None
}

/// Header rows continue while a row has no number in any cell (sub-headers
/// `Tổng số | NSTW | NSĐP` under a spanning `Kinh phí`).
fn last_header_row<'t>(
    table: &Table,
    first: usize,
    cell_text: &impl Fn(&Range<usize>) -> &'t str,
) -> usize {
    let mut last = first;
    for (i, row) in table.rows.iter().enumerate().skip(first + 1).take(3) {
        let texty = row.cells.iter().any(|c| !cell_text(&c.range).is_empty())
            && row.cells.iter().all(|c| {
                let t = cell_text(&c.range);
                t.is_empty() || parse_vn_number(t).is_none()
            });
        if texty && i == last + 1 {
            last = i;
        }
    }
    last
}

/// Whether a unit-of-money note stands above the table's first rows or
/// just before the table.
fn notes_anywhere<'t>(
    table: &Table,
    cell_text: &impl Fn(&Range<usize>) -> &'t str,
    before: &str,
) -> bool {
    unit_note(before).is_some()
        || table.rows.iter().take(HEADER_ROWS).any(|row| {
            row.cells
                .iter()
                .any(|c| unit_note(cell_text(&c.range)).is_some())
        })
}

/// The first row with a label header (`Nội dung`, `Tên đơn vị`), and that
/// cell's column.
fn label_header_row<'t>(
    table: &Table,
    cell_text: &impl Fn(&Range<usize>) -> &'t str,
) -> Option<(usize, usize)> {
    table
        .rows
        .iter()
        .enumerate()
        .take(HEADER_ROWS)
        .find_map(|(i, row)| {
            row.cells
                .iter()
                .find(|c| is_label_header(&lower(cell_text(&c.range))))
                .map(|c| (i, c.col))
        })
}

/// A header naming the rows (`Nội dung`), not the unit column (`Đơn vị tính`).
fn is_label_header(lower: &str) -> bool {
    starts_with_any(lower, ROW_LABEL_HEADERS) && !starts_with_any(lower, UNIT_COLUMN_HEADERS)
}

/// A character that every entry of [`TABLE_MONEY_UNITS`] holds, if one
/// does: a text without it names no unit. Header cells are asked for every
/// table, and one search for this character rules most of them out where a
/// search per entry cost a tenth of the stage.
static UNIT_MARK: LazyLock<Option<char>> = LazyLock::new(|| {
    let (first, rest) = TABLE_MONEY_UNITS.split_first()?;
    first
        .0
        .chars()
        .find(|&c| rest.iter().all(|(w, _, _)| w.contains(c)))
});

/// A unit of money named in `lower` (`(triệu đồng)`, `trđ`).
fn unit_in(lower: &str) -> Option<Unit> {
    if UNIT_MARK.is_some_and(|c| !lower.contains(c)) {
        return None;
    }
    unit_in_any(lower)
}

/// [`unit_in`] without its first test: the first entry of
/// [`TABLE_MONEY_UNITS`] found in `lower` as a whole word.
fn unit_in_any(lower: &str) -> Option<Unit> {
    TABLE_MONEY_UNITS.iter().find_map(|&(w, e, s)| {
        let at = lower.find(w)?;
        // A whole word: not the `đồng` of `đồng bằng`.
        let end = at + w.len();
        let next = lower[end..].chars().next();
        let prev = lower[..at].chars().next_back();
        let word =
            next.is_none_or(|c| !c.is_alphanumeric()) && prev.is_none_or(|c| !c.is_alphanumeric());
        word.then_some((e, s))
    })
}

/// The characters that lower-case to a text holding [`UNIT_MARK`]: the mark
/// and its capitals (`unit_mark_cases_are_all_that_lower_to_it` checks every
/// character). A text without them names no unit, lowered or not.
static UNIT_MARK_CASES: LazyLock<Vec<char>> = LazyLock::new(|| {
    UNIT_MARK
        .map(|m| m.to_uppercase().chain([m]).collect())
        .unwrap_or_default()
});

/// `Đơn vị tính: triệu đồng` → its unit.
fn unit_note(s: &str) -> Option<Unit> {
    // Asked for the text before every table and the cells of its first
    // rows: most have no unit, and are passed over without being lowered.
    if UNIT_MARK.is_some() && !s.contains(UNIT_MARK_CASES.as_slice()) {
        return None;
    }
    unit_note_any(s)
}

/// [`unit_note`] without its first test.
fn unit_note_any(s: &str) -> Option<Unit> {
    let l = lower(s);
    UNIT_NOTE_HEADS.iter().find_map(|h| {
        let at = l.find(h)?;
        let rest = l[at + h.len()..].trim_start();
        let rest = rest.strip_prefix(':').unwrap_or(rest);
        let line = rest.lines().next().unwrap_or("");
        unit_in(line)
    })
}

/// A row that numbers the columns (`1 2 3 4`, `(1) (2) (3)`, `A B 1 2`):
/// every cell a column number or letter, the numbers consecutive.
fn is_numbering_row<'t>(row: &Row, cell_text: &impl Fn(&Range<usize>) -> &'t str) -> bool {
    let marks: Vec<&str> = row
        .cells
        .iter()
        .map(|c| cell_text(&c.range).trim_matches(['(', ')']))
        .filter(|t| !t.is_empty())
        .collect();
    let numbers: Vec<u32> = marks.iter().filter_map(|t| t.parse().ok()).collect();
    let letters = marks
        .iter()
        .filter(|t| t.len() == 1 && t.bytes().all(|b| b.is_ascii_uppercase()))
        .count();
    marks.len() >= 3
        && numbers.len() >= 2
        && numbers.len() + letters == marks.len()
        && numbers.windows(2).all(|w| w[1] == w[0] + 1)
}

/// The row's label cell: in the label column, else the first cell left of
/// the money columns with text that is not a marker or a number.
fn row_label<'t>(
    row: &Row,
    label_col: Option<usize>,
    money: &[(usize, Option<Unit>)],
    cell_text: &impl Fn(&Range<usize>) -> &'t str,
) -> Option<Range<usize>> {
    let first_money = money.iter().map(|m| m.0).min().unwrap_or(usize::MAX);
    let text_cell = |c: &&crate::model::Cell| {
        let t = cell_text(&c.range);
        !t.is_empty() && parse_vn_number(t).is_none() && marker_depth(t).is_none()
    };
    let by_col = label_col.and_then(|k| {
        row.cells
            .iter()
            .find(|c| c.col <= k && k < c.col + c.col_span.max(1))
            .filter(text_cell)
    });
    by_col
        .or_else(|| {
            row.cells
                .iter()
                .filter(|c| c.col < first_money)
                .find(text_cell)
        })
        .map(|c| c.range.clone())
}

/// The row's depth: by its marker (`A`, `I`, `1`) when it has one, else a
/// total by its label, else an item.
fn row_depth<'t>(
    row: &Row,
    label: Option<&str>,
    money: &[(usize, Option<Unit>)],
    cell_text: &impl Fn(&Range<usize>) -> &'t str,
) -> Depth {
    let first_money = money.iter().map(|m| m.0).min().unwrap_or(usize::MAX);
    let marker = row
        .cells
        .iter()
        .filter(|c| c.col < first_money)
        .map(|c| cell_text(&c.range))
        .find(|t| !t.is_empty())
        .and_then(marker_depth);
    if let Some(d) = marker {
        return d;
    }
    match label.and_then(total_of) {
        Some(true) => Depth::GroupTotal,
        Some(false) => Depth::GrandTotal,
        None => Depth::Item,
    }
}

/// Whether `label` is a total, and if so whether a group total.
fn total_of(label: &str) -> Option<bool> {
    let l = lower(label);
    let original: String = label.split_whitespace().collect::<Vec<_>>().join(" ");
    TOTAL_ROW_LABELS.iter().find_map(|&(w, prefix_ok, group)| {
        let rest = l.strip_prefix(w)?;
        if rest.chars().next().is_some_and(char::is_alphanumeric) {
            return None;
        }
        // Alone: what follows (as written) has no lower-case word (`Cộng I`, `Cộng:`).
        let rest: String = original.chars().skip(w.chars().count()).collect();
        let alone = !rest
            .split(|c: char| !c.is_alphabetic())
            .any(|word| word.chars().any(char::is_lowercase));
        (prefix_ok || alone).then_some(group)
    })
}

/// The depth a list marker gives (`A`, `II.`, `3`, `1.2`, `a)`, `-`).
fn marker_depth(t: &str) -> Option<Depth> {
    let m = t.trim_end_matches(['.', ')']);
    if m.is_empty() {
        return matches!(t, "-" | "+" | "*" | "_").then_some(Depth::Item);
    }
    if matches!(m, "-" | "+" | "*" | "_") {
        return Some(Depth::Item);
    }
    if is_roman(m) {
        return Some(Depth::Roman);
    }
    if m.len() == 1 && m.bytes().all(|b| b.is_ascii_uppercase()) {
        return Some(Depth::Letter);
    }
    if m.len() <= 4 && m.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Depth::Number);
    }
    if m.split('.')
        .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Some(Depth::SubNumber);
    }
    let mut cs = m.chars();
    if let (Some(c), None) = (cs.next(), cs.next()) {
        if c.is_lowercase() {
            return Some(Depth::Item);
        }
    }
    None
}

fn is_roman(s: &str) -> bool {
    const ROMAN: &[&str] = &[
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
        "XV", "XVI", "XVII", "XVIII", "XIX", "XX",
    ];
    ROMAN.contains(&s)
}

fn lower(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn contains_any(hay: &str, words: &[&str]) -> bool {
    words.iter().any(|w| hay.contains(w))
}

fn starts_with_any(hay: &str, words: &[&str]) -> bool {
    words.iter().any(|w| word_prefix(hay, w))
}

/// `hay` starts with the word(s) `w`, followed by a non-letter or the end.
fn word_prefix(hay: &str, w: &str) -> bool {
    hay.strip_prefix(w)
        .is_some_and(|rest| rest.chars().next().is_none_or(|c| !c.is_alphanumeric()))
}

/// The cell's range without surrounding whitespace.
fn trimmed(text: &str, r: &Range<usize>) -> Range<usize> {
    let s = text.get(r.clone()).unwrap_or("");
    let start = r.start + (s.len() - s.trim_start().len());
    let end = start + s.trim().len();
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::sheet::grid::{build, Sheet};

    /// A sheet from rows of cells (`""` for an empty cell).
    pub(crate) fn sheet(rows: &[&[&str]]) -> crate::model::Doc {
        let mut s = Sheet::named("Biểu");
        for (r, row) in rows.iter().enumerate() {
            for (c, t) in row.iter().enumerate() {
                s.push(r as u32, c as u32, t, None);
            }
        }
        build(&[s], 1 << 20).unwrap()
    }

    fn funds(doc: &crate::model::Doc) -> Vec<TableFund> {
        let (b, t) = doc.tables().next().unwrap();
        table_funds(&doc.text, t, b.range.start)
    }

    #[test]
    fn unit_in_answers_as_the_list_does() {
        // The mark is in every entry, so the test before the list changes
        // no answer; texts with and without it, units as words and inside words.
        let c = UNIT_MARK.expect("the units share a character");
        assert!(TABLE_MONEY_UNITS.iter().all(|(w, _, _)| w.contains(c)));
        let mut texts: Vec<String> = vec![
            String::new(),
            "kinh phí".into(),
            "số tiền (triệu đồng)".into(),
            "đồng bằng".into(),
            "cộng đồng".into(),
            "trđ".into(),
            "đơn vị: 1.000 đồng".into(),
            "ngàn đồngx".into(),
            "d".into(),
        ];
        for (w, _, _) in TABLE_MONEY_UNITS {
            texts.push(w.to_string());
            texts.push(format!("({w})"));
            texts.push(format!("x{w}"));
            texts.push(format!("{w}x tỷ đồng"));
            texts.push(w.replace(c, "d"));
        }
        for t in &texts {
            assert_eq!(unit_in(t), unit_in_any(t), "{t:?}");
        }
    }

    #[test]
    fn unit_mark_cases_are_all_that_lower_to_it() {
        let m = UNIT_MARK.expect("the units share a character");
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if c.to_lowercase().any(|l| l == m) {
                assert!(UNIT_MARK_CASES.contains(&c), "{c:?}");
            }
        }
    }

    #[test]
    fn unit_note_answers_as_without_its_test() {
        let mut texts: Vec<String> = vec![
            String::new(),
            "Đơn vị tính: triệu đồng".into(),
            "ĐVT: 1.000 ĐỒNG".into(),
            "Đơn vị: Tỷ đồng\nBảng 1".into(),
            "Đơn vị tính: người".into(),
            "dvt: trieu dong".into(),
            "Kinh phí (triệu đồng)".into(),
            "Ghi chú".into(),
        ];
        for (w, _, _) in TABLE_MONEY_UNITS {
            for h in UNIT_NOTE_HEADS {
                texts.push(format!("{h}: {w}"));
                texts.push(format!("{}: {}", h.to_uppercase(), w.to_uppercase()));
                texts.push(format!("{h} {w}x"));
            }
        }
        for t in &texts {
            assert_eq!(unit_note(t), unit_note_any(t), "{t:?}");
        }
    }

    #[test]
    fn unit_note_above_the_header_scales_the_column() {
        let doc = sheet(&[
            &["", "", "Đơn vị tính: triệu đồng"],
            &["TT", "Nội dung", "Kinh phí"],
            &["1", "Hỗ trợ sản phẩm OCOP", "1.250"],
            &["2", "Xúc tiến thương mại", "324,5"],
            &["", "Tổng cộng", "1.574,5"],
        ]);
        let f = funds(&doc);
        assert_eq!(f.len(), 3);
        assert_eq!(&doc.text[f[0].range.clone()], "1.250");
        assert_eq!(f[0].amount_vnd, Some(1_250_000_000));
        assert_eq!(f[1].amount_vnd, Some(324_500_000));
        assert_eq!(f[0].scale, Some("triệu"));
        assert!(f[0].unit_stated);
        assert_eq!(
            &doc.text[f[0].label.clone().unwrap()],
            "Hỗ trợ sản phẩm OCOP"
        );
        assert_eq!(f[0].depth, Depth::Number);
        assert_eq!(f[2].depth, Depth::GrandTotal);
    }

    #[test]
    fn unit_in_the_header_and_numbering_rows() {
        let doc = sheet(&[
            &["STT", "Tên đơn vị", "Số tiền (nghìn đồng)", "Ghi chú"],
            &["(1)", "(2)", "(3)", "(4)"],
            &["I", "Khối huyện", "500", ""],
            &["a", "Phòng Nông nghiệp", "500", ""],
        ]);
        let f = funds(&doc);
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].amount_vnd, Some(500_000));
        assert_eq!(f[0].depth, Depth::Roman);
        assert_eq!(f[1].depth, Depth::Item);
    }

    #[test]
    fn no_money_header_no_funds_and_unstated_unit_is_flagged() {
        let doc = sheet(&[&["TT", "Tên sản phẩm", "Số sao"], &["1", "Chè", "4"]]);
        assert!(funds(&doc).is_empty());
        let doc = sheet(&[&["TT", "Nội dung", "Kinh phí"], &["1", "Chè", "4.000.000"]]);
        let f = funds(&doc);
        assert_eq!(f[0].amount_vnd, Some(4_000_000));
        assert!(!f[0].unit_stated);
    }
}
