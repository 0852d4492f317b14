//! One OCRed page laid out by position: words → segments → rows → zones.
//!
//! Tesseract's own lines run across the whole page: the issuer and the motto
//! of the national header, printed side by side, come back as one line
//! (`ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI…`). So a line is cut into segments at
//! gaps much wider than a space, segments of different Tesseract lines at
//! the same height are put back in one visual row, and rows are read as:
//!
//! - the header: the rows at the top that sit on the two halves of the page
//!   and not across its middle, as a two-column table (issuer | motto;
//!   number | place and date);
//! - tables: runs of rows of three or more segments in aligned columns;
//! - the signature area: the trailing rows, after the body, that sit on the
//!   two halves again (recipients | signer), as a two-column table, so it
//!   does not run into the last paragraph;
//! - paragraphs: everything else, by Tesseract's block and paragraph.
//!
//! Words that are noise rather than text are left out before all this:
//! ruling lines read as `|` or `_`, and low-confidence marks without a
//! letter or digit, which is how a stamp's ring and star come back.

use std::ops::Range;

use super::tsv::{Page, Word};
use crate::model::{BlockKind, Cell, Row as ModelRow, Table};
use crate::output::Warning;

/// A word under this confidence that has no letter or digit is noise.
const NOISE_CONFIDENCE: f64 = 60.0;
/// Any word under this confidence is dropped (stamp text, speckle).
const DROP_CONFIDENCE: f64 = 20.0;
/// A gap wider than this many median word heights cuts a line in two.
const GAP_HEIGHTS: f64 = 2.2;
/// The header is looked for in this top share of the page.
const HEADER_SHARE: f64 = 0.35;
/// Digits in a header field (the number, the day) are trusted from this
/// confidence up; they are often written by hand on the printed form.
pub const FIELD_CONFIDENCE: f64 = 85.0;

/// A run of words of one line with no wide gap.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Segment {
    pub left: i32,
    pub right: i32,
    pub top: i32,
    pub bottom: i32,
    pub block: u32,
    pub par: u32,
    pub words: Vec<Word>,
}

impl Segment {
    fn from_words(words: Vec<Word>) -> Segment {
        let first = &words[0];
        let mut s = Segment {
            left: first.left,
            right: first.right(),
            top: first.top,
            bottom: first.bottom(),
            block: first.block,
            par: first.par,
            words: Vec::new(),
        };
        for w in &words {
            s.left = s.left.min(w.left);
            s.right = s.right.max(w.right());
            s.top = s.top.min(w.top);
            s.bottom = s.bottom.max(w.bottom());
        }
        s.words = words;
        s
    }

    fn centre_y(&self) -> i32 {
        (self.top + self.bottom) / 2
    }
}

/// A visual row: segments at one height, left to right.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Line {
    pub top: i32,
    pub bottom: i32,
    pub segments: Vec<Segment>,
}

/// What a run of rows is.
#[derive(Debug, Clone, PartialEq)]
pub enum Zone {
    /// The national header: rows of (left, right) cells.
    Header(Vec<Line>),
    /// Running text: one paragraph's rows.
    Paragraph(Vec<Line>),
    /// A table: rows, and the column intervals their segments fall in.
    Table(Vec<Line>, Vec<(i32, i32)>),
    /// Recipients and signer at the foot of the letter.
    Signature(Vec<Line>),
}

/// A page laid out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageLayout {
    pub width: i32,
    pub height: i32,
    pub zones: Vec<Zone>,
    /// Mean confidence of the words kept (0 when there are none).
    pub confidence: f64,
    /// Words left out as noise (ruling, stamp).
    pub dropped: usize,
}

/// Characters a table's ruling or a stamp's edge is read as.
fn is_ruling(c: char) -> bool {
    matches!(
        c,
        '|' | '_' | '[' | ']' | '{' | '}' | '—' | '=' | '~' | '\\' | '¦'
    )
}

/// Punctuation that stands alone in real text (a dash before an item).
fn is_lone_punctuation(s: &str) -> bool {
    matches!(
        s,
        "-" | "–" | "+" | "*" | "•" | "." | "…" | "(" | ")" | ":" | "%"
    )
}

/// Is this word noise rather than text?
fn is_noise(w: &Word) -> bool {
    let has_alnum = w.text.chars().any(char::is_alphanumeric);
    w.text.chars().all(is_ruling)
        || w.conf < DROP_CONFIDENCE
        || (!has_alnum && (w.conf < NOISE_CONFIDENCE || !is_lone_punctuation(&w.text)))
}

/// The word without ruling marks glued to its ends (`2_`, `|Tổng`).
fn trim_ruling(w: &Word) -> Word {
    let t = w.text.trim_matches(is_ruling);
    Word {
        text: t.to_string(),
        ..w.clone()
    }
}

/// Lay out the words of one page.
pub fn lay_out(page: &Page) -> PageLayout {
    let trimmed: Vec<Word> = page.words.iter().map(trim_ruling).collect();
    let kept: Vec<&Word> = trimmed
        .iter()
        .zip(&page.words)
        .filter(|(t, w)| !t.text.is_empty() && !is_noise(w))
        .map(|(t, _)| t)
        .collect();
    let dropped = page.words.len() - kept.len();
    let confidence = if kept.is_empty() {
        0.0
    } else {
        kept.iter().map(|w| w.conf).sum::<f64>() / kept.len() as f64
    };
    let unit = median_height(&kept).max(8);
    let width = if page.width > 0 {
        page.width
    } else {
        kept.iter().map(|w| w.right()).max().unwrap_or(0)
    };
    let height = if page.height > 0 {
        page.height
    } else {
        kept.iter().map(|w| w.bottom()).max().unwrap_or(0)
    };
    let segments = segments(&kept, unit);
    let lines = rows(segments);
    let zones = zones(lines, width, height, unit);
    PageLayout {
        width,
        height,
        zones,
        confidence: (confidence * 10.0).round() / 10.0,
        dropped,
    }
}

fn median_height(words: &[&Word]) -> i32 {
    let mut h: Vec<i32> = words
        .iter()
        .filter(|w| w.text.chars().any(char::is_alphabetic))
        .map(|w| w.height)
        .collect();
    if h.is_empty() {
        return 0;
    }
    h.sort_unstable();
    h[h.len() / 2]
}

/// Tesseract's lines, each cut at wide gaps.
fn segments(words: &[&Word], unit: i32) -> Vec<Segment> {
    let gap = (unit as f64 * GAP_HEIGHTS) as i32;
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let key = (words[i].block, words[i].par, words[i].line);
        let mut j = i;
        while j < words.len() && (words[j].block, words[j].par, words[j].line) == key {
            j += 1;
        }
        let mut line: Vec<Word> = words[i..j].iter().map(|w| (*w).clone()).collect();
        line.sort_by_key(|w| w.left);
        let mut current: Vec<Word> = Vec::new();
        for w in line {
            if let Some(last) = current.last() {
                if w.left - last.right() > gap {
                    out.push(Segment::from_words(std::mem::take(&mut current)));
                }
            }
            current.push(w);
        }
        if !current.is_empty() {
            out.push(Segment::from_words(current));
        }
        i = j;
    }
    out
}

/// Put segments at one height, not overlapping side by side, in one row.
fn rows(mut segs: Vec<Segment>) -> Vec<Line> {
    segs.sort_by_key(|s| (s.centre_y(), s.left));
    let mut lines: Vec<Line> = Vec::new();
    for s in segs {
        let h = (s.bottom - s.top).max(1);
        let fits = lines.iter_mut().rev().take(4).find(|l| {
            let overlap = l.bottom.min(s.bottom) - l.top.max(s.top);
            let lh = (l.bottom - l.top).max(1);
            overlap * 2 >= h.min(lh)
                && l.segments
                    .iter()
                    .all(|o| o.right <= s.left || s.right <= o.left)
        });
        match fits {
            Some(l) => {
                l.top = l.top.min(s.top);
                l.bottom = l.bottom.max(s.bottom);
                l.segments.push(s);
                l.segments.sort_by_key(|s| s.left);
            }
            None => lines.push(Line {
                top: s.top,
                bottom: s.bottom,
                segments: vec![s],
            }),
        }
    }
    lines.sort_by_key(|l| l.top);
    lines
}

/// How a row sits on the page.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Shape {
    /// One segment centred on the page: running text or a centred title.
    Across,
    /// One segment off the centre (a header column's line, a paragraph's
    /// short last line), or two segments on one half.
    Side,
    /// Two segments, one on each half: header or signature columns.
    Split,
    /// Three or more segments: a table row.
    Multi,
}

/// A segment whose centre is this share of the width off the page's
/// middle sits on one half (a header column), not across.
const OFF_CENTRE: f64 = 0.08;
/// A segment wider than this share of the page is a line of running text,
/// wherever it sits (a header column is at most half the page).
const WIDE_LINE: f64 = 0.45;

fn shape(l: &Line, width: i32) -> Shape {
    let mid = width / 2;
    let centre = |s: &Segment| (s.left + s.right) / 2;
    match l.segments.as_slice() {
        [s] => {
            let wide = (s.right - s.left) as f64 > width as f64 * WIDE_LINE;
            if wide || ((centre(s) - mid).abs() as f64) < width as f64 * OFF_CENTRE {
                Shape::Across
            } else {
                Shape::Side
            }
        }
        [a, b] if centre(a) < mid && centre(b) >= mid => Shape::Split,
        [_, _] => Shape::Side,
        _ => Shape::Multi,
    }
}

fn zones(lines: Vec<Line>, width: i32, height: i32, unit: i32) -> Vec<Zone> {
    let shapes: Vec<Shape> = lines.iter().map(|l| shape(l, width)).collect();
    let n = lines.len();

    // The header: leading Split/Side rows in the top of the page, with at
    // least one Split row.
    let mut head = 0;
    while head < n
        && matches!(shapes[head], Shape::Split | Shape::Side)
        && (lines[head].top as f64) < height as f64 * HEADER_SHARE
    {
        head += 1;
    }
    if !shapes[..head].contains(&Shape::Split) {
        head = 0;
    }
    // The signature area: trailing Split/Side rows that start with a Split
    // row, after some body.
    let mut foot = n;
    while foot > head && matches!(shapes[foot - 1], Shape::Split | Shape::Side) {
        foot -= 1;
    }
    while foot < n && shapes[foot] != Shape::Split {
        foot += 1;
    }
    if foot == head {
        foot = n;
    }

    let mut out = Vec::new();
    let mut header = Vec::new();
    let mut footer = Vec::new();
    let mut body: Vec<(Shape, Line)> = Vec::new();
    for (i, l) in lines.into_iter().enumerate() {
        if i < head {
            header.push(l);
        } else if i >= foot {
            footer.push(l);
        } else {
            body.push((shapes[i], l));
        }
    }
    if !header.is_empty() {
        out.push(Zone::Header(header));
    }
    body_zones(body, width, unit, &mut out);
    if !footer.is_empty() {
        out.push(Zone::Signature(footer));
    }
    out
}

/// Body rows into tables (runs of aligned multi-segment rows) and paragraphs.
///
/// A paragraph ends where Tesseract's paragraph does, and where a centred
/// line (a title) meets a line that is not centred: Tesseract often puts a
/// document's title and its first paragraph in one.
fn body_zones(body: Vec<(Shape, Line)>, width: i32, unit: i32, out: &mut Vec<Zone>) {
    let margin = body
        .iter()
        .filter_map(|(_, l)| l.segments.first().map(|s| s.left))
        .min()
        .unwrap_or(0);
    let centred = |l: &Line| {
        let (a, b) = (
            l.segments.first().map_or(0, |s| s.left),
            l.segments.last().map_or(0, |s| s.right),
        );
        ((a + b) / 2 - width / 2).abs() < unit * 2 && a > margin + unit * 3
    };
    let mut i = 0;
    let mut para: Vec<Line> = Vec::new();
    let mut para_key = None;
    while i < body.len() {
        // A table: two or more Multi rows, with Split rows between them allowed.
        if body[i].0 == Shape::Multi {
            let mut j = i;
            let mut multi = 0;
            while j < body.len() && matches!(body[j].0, Shape::Multi | Shape::Split) {
                multi += usize::from(body[j].0 == Shape::Multi);
                j += 1;
            }
            // Trailing Split rows belong to the table only if aligned; keep it simple:
            // they do when the table already has two Multi rows.
            if multi >= 2 {
                let rows: Vec<Line> = body[i..j].iter().map(|(_, l)| l.clone()).collect();
                let cols = columns(&rows, unit);
                if cols.len() >= 2 {
                    if !para.is_empty() {
                        out.push(Zone::Paragraph(std::mem::take(&mut para)));
                    }
                    out.push(Zone::Table(rows, cols));
                    para_key = None;
                    i = j;
                    continue;
                }
            }
        }
        let l = body[i].1.clone();
        let key = l.segments.first().map(|s| (s.block, s.par, centred(&l)));
        if para_key.is_some() && key != para_key && !para.is_empty() {
            out.push(Zone::Paragraph(std::mem::take(&mut para)));
        }
        para_key = key;
        para.push(l);
        i += 1;
    }
    if !para.is_empty() {
        out.push(Zone::Paragraph(para));
    }
}

/// Column intervals: the union of overlapping segment extents of all rows.
fn columns(rows: &[Line], unit: i32) -> Vec<(i32, i32)> {
    let mut spans: Vec<(i32, i32)> = rows
        .iter()
        .flat_map(|l| l.segments.iter().map(|s| (s.left, s.right)))
        .collect();
    spans.sort_unstable();
    let mut cols: Vec<(i32, i32)> = Vec::new();
    for (a, b) in spans {
        match cols.last_mut() {
            Some(c) if a <= c.1 + unit / 2 => c.1 = c.1.max(b),
            _ => cols.push((a, b)),
        }
    }
    cols
}

/// Which column a segment falls in: the one it overlaps most.
fn column_of(s: &Segment, cols: &[(i32, i32)]) -> usize {
    let mut best = 0;
    let mut best_overlap = i32::MIN;
    for (k, &(a, b)) in cols.iter().enumerate() {
        let o = s.right.min(b) - s.left.max(a);
        if o > best_overlap {
            best_overlap = o;
            best = k;
        }
    }
    best
}

/// A word placed in the page's text, with its confidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub range: Range<usize>,
    pub conf: f64,
}

/// A page rendered into text: blocks (ranges relative to `text`), and the
/// words with their confidences (for repair and doubt).
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub text: String,
    pub blocks: Vec<crate::model::Block>,
    pub words: Vec<Placed>,
    pub warnings: Vec<Warning>,
}

struct Writer {
    r: Rendered,
}

impl Writer {
    fn push(&mut self, s: &str) -> Range<usize> {
        let a = self.r.text.len();
        self.r.text.push_str(s);
        a..self.r.text.len()
    }

    fn segment(&mut self, s: &Segment) -> Range<usize> {
        let start = self.r.text.len();
        for (k, w) in s.words.iter().enumerate() {
            if k > 0 {
                self.push(" ");
            }
            let range = self.push(&w.text);
            self.r.words.push(Placed {
                range,
                conf: w.conf,
            });
        }
        start..self.r.text.len()
    }

    /// Segments of one row joined by spaces (a paragraph's line).
    fn line(&mut self, l: &Line) -> Range<usize> {
        let start = self.r.text.len();
        for (k, s) in l.segments.iter().enumerate() {
            if k > 0 {
                self.push(" ");
            }
            self.segment(s);
        }
        start..self.r.text.len()
    }

    /// Rows of cells: `cells[row][col]` is the segments of that cell.
    fn table(&mut self, grid: Vec<Vec<Vec<&Segment>>>, page: u32) {
        let start = self.r.text.len();
        let mut rows = Vec::new();
        for (ri, row) in grid.iter().enumerate() {
            if ri > 0 {
                self.push("\n");
            }
            let row_start = self.r.text.len();
            let mut cells = Vec::new();
            for (ci, cell) in row.iter().enumerate() {
                if ci > 0 {
                    self.push("\t");
                }
                let cs = self.r.text.len();
                for (k, s) in cell.iter().enumerate() {
                    if k > 0 {
                        self.push(" ");
                    }
                    self.segment(s);
                }
                let range = cs..self.r.text.len();
                cells.push(Cell {
                    paragraphs: if range.is_empty() {
                        vec![]
                    } else {
                        vec![range.clone()]
                    },
                    range,
                    col: ci,
                    col_span: 1,
                    merged_up: false,
                });
            }
            rows.push(ModelRow {
                range: row_start..self.r.text.len(),
                cells,
            });
        }
        let range = start..self.r.text.len();
        self.r.blocks.push(crate::model::Block {
            range,
            page: Some(page),
            kind: BlockKind::Table(Table { rows }),
        });
    }
}

/// Two cells per row: the segments on the left half, those on the right.
fn halves(lines: &[Line], mid: i32) -> Vec<Vec<Vec<&Segment>>> {
    lines
        .iter()
        .map(|l| {
            let (mut left, mut right) = (Vec::new(), Vec::new());
            for s in &l.segments {
                if (s.left + s.right) / 2 < mid {
                    left.push(s);
                } else {
                    right.push(s);
                }
            }
            vec![left, right]
        })
        .collect()
}

/// Render a page's zones into text and blocks; `page` is its number.
pub fn render(layout: &PageLayout, page: u32) -> Rendered {
    let mut w = Writer {
        r: Rendered::default(),
    };
    let mid = layout.width / 2;
    for (zi, zone) in layout.zones.iter().enumerate() {
        // A blank line between zones: the text alone still shows where a
        // paragraph or table ends.
        if zi > 0 {
            w.push("\n\n");
        }
        match zone {
            Zone::Header(lines) => {
                w.table(halves(lines, mid), page);
                doubt_fields(&mut w.r, page);
            }
            Zone::Signature(lines) => w.table(halves(lines, mid), page),
            Zone::Table(lines, cols) => {
                let grid = lines
                    .iter()
                    .map(|l| {
                        let mut cells: Vec<Vec<&Segment>> = vec![Vec::new(); cols.len()];
                        for s in &l.segments {
                            cells[column_of(s, cols)].push(s);
                        }
                        cells
                    })
                    .collect();
                w.table(grid, page);
            }
            Zone::Paragraph(lines) => {
                let start = w.r.text.len();
                for (k, l) in lines.iter().enumerate() {
                    if k > 0 {
                        w.push("\n");
                    }
                    w.line(l);
                }
                let range = start..w.r.text.len();
                w.r.blocks.push(crate::model::Block {
                    range,
                    page: Some(page),
                    kind: BlockKind::Paragraph,
                });
            }
        }
    }
    if layout.dropped > 0 {
        w.r.warnings.push(Warning {
            kind: "ocr_noise_dropped".into(),
            message: format!(
                "page {page}: {} marks left out as ruling, stamp or speckle",
                layout.dropped
            ),
            start: None,
            end: None,
        });
    }
    w.r
}

/// The header's number and date are often written by hand or stamped:
/// a word with a digit read under [`FIELD_CONFIDENCE`] is flagged, so the
/// field is not taken on trust.
fn doubt_fields(r: &mut Rendered, page: u32) {
    let Some(table) = r.blocks.last().map(|b| b.range.clone()) else {
        return;
    };
    let doubtful: Vec<Placed> = r
        .words
        .iter()
        .filter(|p| p.range.start >= table.start && p.range.end <= table.end)
        .filter(|p| r.text[p.range.clone()].chars().any(|c| c.is_ascii_digit()))
        .filter(|p| p.conf < FIELD_CONFIDENCE)
        .cloned()
        .collect();
    for p in doubtful {
        let word = &r.text[p.range.clone()];
        r.warnings.push(Warning {
            kind: crate::output::DOUBTFUL_FIELD.into(),
            message: format!(
                "page {page}: header word {word:?} read with confidence {:.0} \
                 (under {FIELD_CONFIDENCE}; handwritten or stamped?): do not trust it",
                p.conf
            ),
            start: Some(p.range.start),
            end: Some(p.range.end),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(block: u32, line: u32, left: i32, top: i32, text: &str) -> Word {
        Word {
            block,
            par: 1,
            line,
            left,
            top,
            width: 30 * text.chars().count() as i32,
            height: 45,
            conf: 95.0,
            text: text.into(),
        }
    }

    /// A page 2480 wide: the header's two columns on one Tesseract line,
    /// a body line across the middle, and a signature row.
    fn letter() -> Page {
        Page {
            width: 2480,
            height: 3508,
            words: vec![
                word(1, 1, 280, 240, "ỦY"),
                word(1, 1, 380, 240, "BAN"),
                word(1, 1, 1500, 240, "CỘNG"),
                word(1, 1, 1650, 240, "HÒA"),
                word(2, 1, 280, 420, "Số:"),
                word(2, 1, 400, 420, "245/BC-UBND"),
                word(3, 1, 1300, 425, "Hòa"),
                word(3, 1, 1420, 425, "Bình,"),
                word(4, 1, 300, 900, "Thực"),
                word(4, 1, 450, 900, "hiện"),
                word(4, 1, 600, 900, "Quyết"),
                word(4, 1, 780, 900, "định"),
                word(4, 1, 940, 900, "số"),
                word(4, 1, 1040, 900, "1187/QĐ-UBND"),
                word(4, 1, 1420, 900, "ngày"),
                word(5, 1, 300, 1600, "Nơi"),
                word(5, 1, 420, 1600, "nhận:"),
                word(5, 1, 1500, 1600, "CHỦ"),
                word(5, 1, 1620, 1600, "TỊCH"),
                word(5, 1, 1660, 1700, "|"),
            ],
        }
    }

    #[test]
    fn header_body_and_signature_are_zones() {
        let l = lay_out(&letter());
        assert_eq!(l.dropped, 1, "the ruling bar");
        let kinds: Vec<&str> = l
            .zones
            .iter()
            .map(|z| match z {
                Zone::Header(_) => "header",
                Zone::Paragraph(_) => "para",
                Zone::Table(..) => "table",
                Zone::Signature(_) => "signature",
            })
            .collect();
        assert_eq!(kinds, ["header", "para", "signature"]);
        let r = render(&l, 1);
        assert_eq!(
            r.text,
            "ỦY BAN\tCỘNG HÒA\nSố: 245/BC-UBND\tHòa Bình,\n\n\
             Thực hiện Quyết định số 1187/QĐ-UBND ngày\n\nNơi nhận:\tCHỦ TỊCH"
        );
        let mut b = crate::model::DocBuilder::new();
        b.push(&r.text);
        for blk in r.blocks {
            b.block(blk.range, blk.page, blk.kind);
        }
        assert_eq!(b.finish().check(), Ok(()));
    }

    #[test]
    fn a_doubtful_number_is_flagged() {
        let mut p = letter();
        p.words[5].conf = 60.0;
        let r = render(&lay_out(&p), 3);
        let w: Vec<&Warning> = r
            .warnings
            .iter()
            .filter(|w| w.kind == crate::output::DOUBTFUL_FIELD)
            .collect();
        assert_eq!(w.len(), 1);
        assert_eq!(
            &r.text[w[0].start.unwrap()..w[0].end.unwrap()],
            "245/BC-UBND"
        );
        assert!(w[0].message.starts_with("page 3:"));
    }

    #[test]
    fn aligned_rows_are_a_table() {
        let mut words = Vec::new();
        for (k, cells) in [["TT", "Nội", "Số"], ["1", "Sản", "09"], ["2", "Chè", "03"]]
            .iter()
            .enumerate()
        {
            let top = 1000 + 90 * k as i32;
            let b = 10 + k as u32;
            words.push(word(b, 1, 320, top, cells[0]));
            words.push(word(b, 1, 700, top, cells[1]));
            words.push(word(b, 1, 1400, top, cells[2]));
        }
        words.insert(0, word(1, 1, 300, 800, "Bảng"));
        words.insert(1, word(1, 1, 900, 800, "sau"));
        words[1].left = 420;
        let l = lay_out(&Page {
            width: 2480,
            height: 3508,
            words,
        });
        let r = render(&l, 1);
        assert_eq!(r.text, "Bảng sau\n\nTT\tNội\tSố\n1\tSản\t09\n2\tChè\t03");
        let tables: Vec<_> = r
            .blocks
            .iter()
            .filter_map(|b| match &b.kind {
                BlockKind::Table(t) => Some(t),
                _ => None,
            })
            .collect();
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].rows.len(), 3);
        assert_eq!(&r.text[tables[0].rows[2].cells[1].range.clone()], "Chè");
    }
}
