//! One page's text and blocks from its glyphs and rules.
//!
//! Ruled tables are taken out first ([`super::tables`]): each grid row becomes
//! one line, its cells separated by `\t` (a cell spanning k columns is
//! followed by k−1 more tabs, a cell merged from the row above is empty,
//! as the DOCX reader writes a table), each cell's wrapped lines joined by a
//! space. The remaining glyphs become lines ([`super::lines`]), and tables and
//! lines are written top to bottom.
//!
//! Footnotes: a superscript number in running text whose number also opens a
//! line lower on the page (the note body, whose marker is raised too) is a
//! note anchor; it is written `[^n]` and the body line `[^n]: …`, as the DOCX
//! reader writes notes, and the body becomes a [`BlockKind::Note`]. A raised
//! number with no body (m², 10⁶) stays as printed.

use std::ops::Range;

use super::glyphs::Glyph;
use super::lines::{self, Line, Piece};
use super::rules::Segment;
use super::tables::{self, Grid, GridCell};
use crate::model::{Block, BlockKind, Cell, Note, Row, Table};

/// A page's text, its blocks (ranges relative to the page text), and counts.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Laid {
    pub text: String,
    pub blocks: Vec<Block>,
    pub unmapped: usize,
    /// Runs of `text` in a known font, sorted: ranges and font ids
    /// ([`Glyph::font`]).
    pub fonts: Vec<(Range<usize>, u16)>,
}

/// Add the font runs `spans` of a line's plain text that fall inside
/// `from` of it, now written at `at` of the page text.
pub fn carry(out: &mut Laid, spans: &[(Range<usize>, u16)], from: Range<usize>, at: usize) {
    for (r, id) in spans {
        let (start, end) = (r.start.max(from.start), r.end.min(from.end));
        if start >= end {
            continue;
        }
        let moved = start - from.start + at..end - from.start + at;
        match out.fonts.last_mut() {
            Some((last, f)) if *f == *id && last.end == moved.start => last.end = moved.end,
            _ => out.fonts.push((moved, *id)),
        }
    }
}

/// What goes on the page, top to bottom.
enum Item {
    Line(Line),
    Table(Grid),
}

impl Item {
    fn top(&self) -> f64 {
        match self {
            Item::Line(l) => l.y + 0.7 * l.size,
            Item::Table(g) => g.top,
        }
    }
}

/// Lay out the glyphs of one writing direction (0: normal) with the page's rules.
pub fn lay_out(mut glyphs: Vec<Glyph>, segments: &[Segment], out: &mut Laid) {
    let grids = tables::tables(segments, &mut glyphs);
    let mut items: Vec<Item> = lines::lines(glyphs).into_iter().map(Item::Line).collect();
    items.extend(grids.into_iter().map(Item::Table));
    // Stable: lines keep their order among themselves.
    items.sort_by(|a, b| b.top().total_cmp(&a.top()));

    let notes = note_markers(&items);
    let mut open_note: Option<(usize, String, f64)> = None; // body start, marker, size
    let mut anchors: Vec<(String, Range<usize>)> = Vec::new();
    for item in items {
        match item {
            Item::Table(g) => {
                close_note(out, &mut open_note, &mut anchors);
                write_table(g, out);
            }
            Item::Line(l) => {
                let mut fonts = Vec::new();
                let pieces = lines::pieces_fonts(&l, &mut out.unmapped, &mut fonts);
                if lines::plain(&pieces).trim().is_empty() {
                    continue;
                }
                if let Some(m) = body_marker(&pieces).filter(|m| notes.contains(m)) {
                    close_note(out, &mut open_note, &mut anchors);
                    newline(out);
                    out.text.push_str(&format!("[^{m}]: "));
                    let start = out.text.len();
                    let line = Written {
                        fonts: &fonts,
                        from: pieces[0].text().len(),
                    };
                    write_pieces(&pieces[1..], &notes, out, &mut anchors, line, true);
                    open_note = Some((start, m, l.size));
                    continue;
                }
                if open_note
                    .as_ref()
                    .is_some_and(|(_, _, size)| l.size > size + 0.5)
                {
                    close_note(out, &mut open_note, &mut anchors);
                    // The note ends here: a blank line keeps the page
                    // furniture below out of its body.
                    newline(out);
                    out.text.push('\n');
                }
                newline(out);
                let line = Written {
                    fonts: &fonts,
                    from: 0,
                };
                write_pieces(&pieces, &notes, out, &mut anchors, line, false);
            }
        }
    }
    close_note(out, &mut open_note, &mut anchors);
}

fn newline(out: &mut Laid) {
    if !out.text.is_empty() && !out.text.ends_with('\n') {
        out.text.push('\n');
    }
}

/// The marker opening a note body: a superscript number first on the line.
fn body_marker(pieces: &[Piece]) -> Option<String> {
    match pieces.first() {
        Some(Piece::Sup(m)) if is_marker(m) && pieces.len() > 1 => Some(m.trim().to_string()),
        _ => None,
    }
}

fn is_marker(m: &str) -> bool {
    let m = m.trim();
    (1..=4).contains(&m.len()) && m.bytes().all(|b| b.is_ascii_digit())
}

/// Markers that are both referenced in a line and open a body line below it.
fn note_markers(items: &[Item]) -> Vec<String> {
    let mut referenced: Vec<String> = Vec::new();
    let mut bodies: Vec<String> = Vec::new();
    for item in items {
        let Item::Line(l) = item else { continue };
        if !l.sup.iter().any(|&s| s) {
            continue;
        }
        let pieces = lines::pieces(l, &mut 0);
        let body = body_marker(&pieces);
        for (i, p) in pieces.iter().enumerate() {
            if let Piece::Sup(m) = p {
                let m = m.trim().to_string();
                if i == 0 && body.as_deref() == Some(&m) {
                    if referenced.contains(&m) {
                        bodies.push(m);
                    }
                } else if is_marker(&m) {
                    referenced.push(m);
                }
            }
        }
    }
    bodies
}

/// The font runs of the line being written and where in its plain text
/// the pieces written start.
#[derive(Clone, Copy)]
struct Written<'a> {
    fonts: &'a [(Range<usize>, u16)],
    from: usize,
}

/// Write a line's pieces: confirmed note markers as `[^n]`, other
/// superscripts as printed; the font runs of what is written as printed go
/// along.
fn write_pieces(
    pieces: &[Piece],
    notes: &[String],
    out: &mut Laid,
    anchors: &mut Vec<(String, Range<usize>)>,
    line: Written,
    trim_start: bool,
) {
    let mut from = line.from;
    for (i, p) in pieces.iter().enumerate() {
        let t = p.text();
        match p {
            Piece::Sup(m) if notes.iter().any(|n| n == m.trim()) => {
                let start = out.text.len();
                out.text.push_str(&format!("[^{}]", m.trim()));
                anchors.push((m.trim().to_string(), start..out.text.len()));
            }
            _ => {
                let kept = if i == 0 && trim_start && matches!(p, Piece::Text(_)) {
                    t.trim_start()
                } else {
                    t
                };
                let skip = t.len() - kept.len();
                let at = out.text.len();
                out.text.push_str(kept);
                carry(out, line.fonts, from + skip..from + t.len(), at);
            }
        }
        from += t.len();
    }
}

fn close_note(
    out: &mut Laid,
    open: &mut Option<(usize, String, f64)>,
    anchors: &mut [(String, Range<usize>)],
) {
    if let Some((start, marker, _)) = open.take() {
        let end = out.text.trim_end().len().max(start);
        let anchor = anchors
            .iter()
            .rev()
            .find(|(m, r)| *m == marker && r.end <= start)
            .map(|(_, r)| r.clone());
        out.blocks.push(Block {
            range: start..end,
            page: None,
            kind: BlockKind::Note(Note { marker, anchor }),
        });
    }
}

/// A table's rows as lines and its block.
fn write_table(g: Grid, out: &mut Laid) {
    newline(out);
    let start = out.text.len();
    // Cells by grid row where they start, and those covering a row from above.
    let mut rows: Vec<Row> = Vec::with_capacity(g.rows);
    let mut cells = g.cells;
    cells.sort_by_key(|c| (c.row, c.col));
    for r in 0..g.rows {
        if r > 0 {
            out.text.push('\n');
        }
        let row_start = out.text.len();
        let mut row_cells = Vec::new();
        let mut col = 0;
        while col < g.cols {
            if col > 0 {
                out.text.push('\t');
            }
            let here = cells
                .iter()
                .find(|c| c.col == col && c.row <= r && r < c.row + c.row_span);
            let Some(c) = here else {
                col += 1;
                continue;
            };
            let cell_start = out.text.len();
            let paragraphs = if c.row == r {
                write_cell(c, out)
            } else {
                Vec::new()
            };
            row_cells.push(Cell {
                range: cell_start..out.text.len(),
                paragraphs,
                col,
                col_span: c.col_span,
                merged_up: c.row != r,
            });
            for _ in 1..c.col_span {
                out.text.push('\t');
            }
            col += c.col_span;
        }
        rows.push(Row {
            range: row_start..out.text.len(),
            cells: row_cells,
        });
    }
    out.blocks.push(Block {
        range: start..out.text.len(),
        page: None,
        kind: BlockKind::Table(Table { rows }),
    });
}

/// A cell's text: its lines, a wrapped line joined to the one before by a
/// space; returns the paragraphs' ranges. A line starts a new paragraph
/// when its first word would have fitted on the line before (so it was not
/// wrapped there).
fn write_cell(c: &GridCell, out: &mut Laid) -> Vec<Range<usize>> {
    let lines = lines::lines(c.glyphs.clone());
    let inner = inner_width(c, &lines);
    let mut paragraphs: Vec<Range<usize>> = Vec::new();
    let mut prev: Option<&Line> = None;
    for l in &lines {
        let mut fonts = Vec::new();
        let pieces = lines::pieces_fonts(l, &mut out.unmapped, &mut fonts);
        // Inside a cell a wide gap is still a word gap (a tab and a space
        // are one byte each: the font runs keep their places).
        let full = lines::plain(&pieces).replace('\t', " ");
        let text = full.trim();
        if text.is_empty() {
            continue;
        }
        let lead = full.len() - full.trim_start().len();
        let kept = lead..lead + text.len();
        let wrapped = prev.is_some_and(|p| {
            let first_word = first_word_width(l);
            (p.right() - p.left()) + first_word + 0.3 * l.size > inner
        });
        if !paragraphs.is_empty() {
            out.text.push(' ');
        }
        let at = out.text.len();
        out.text.push_str(text);
        carry(out, &fonts, kept, at);
        match paragraphs.last_mut() {
            Some(last) if wrapped => last.end = out.text.len(),
            _ => paragraphs.push(at..out.text.len()),
        }
        prev = Some(l);
    }
    paragraphs
}

/// The width text may take in a cell: the cell less the padding its
/// widest-reaching line shows on each side.
fn inner_width(c: &GridCell, lines: &[Line]) -> f64 {
    let pad = lines
        .iter()
        .map(|l| (l.left() - c.x0).min(c.x1 - l.right()))
        .fold(f64::INFINITY, f64::min)
        .clamp(0.0, (c.x1 - c.x0) / 4.0);
    (c.x1 - c.x0) - 2.0 * pad
}

fn first_word_width(l: &Line) -> f64 {
    let x0 = l.left();
    let end = l
        .glyphs
        .iter()
        .take_while(|g| !g.text.trim().is_empty())
        .map(|g| g.x + g.w)
        .fold(x0, f64::max);
    end - x0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(x: f64, y: f64, size: f64, s: &str) -> Vec<Glyph> {
        s.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                dir: 0,
                x: x + size / 2.0 * i as f64,
                y,
                w: size / 2.0,
                size,
                text: c.to_string(),
                font: 0,
            })
            .collect()
    }

    fn seg(horizontal: bool, at: f64, from: f64, to: f64) -> Segment {
        Segment {
            horizontal,
            at,
            from,
            to,
        }
    }

    #[test]
    fn ruled_table_rows_cells_and_wrapped_lines() {
        // Two columns (x 0-60, 60-140), two rows; the second row's right cell
        // wraps "Dầu phụng Phổ" / "Khánh" (65 pt of text in 80, the next
        // word, 25 pt, did not fit).
        let segs = vec![
            seg(true, 300.0, 0.0, 140.0),
            seg(true, 280.0, 0.0, 140.0),
            seg(true, 240.0, 0.0, 140.0),
            seg(false, 0.0, 240.0, 300.0),
            seg(false, 60.0, 240.0, 300.0),
            seg(false, 140.0, 240.0, 300.0),
        ];
        let mut glyphs = word(5.0, 286.0, 10.0, "TT");
        glyphs.extend(word(65.0, 286.0, 10.0, "Tên"));
        glyphs.extend(word(5.0, 266.0, 10.0, "1"));
        glyphs.extend(word(65.0, 266.0, 10.0, "Dầu phụng Phổ"));
        glyphs.extend(word(65.0, 254.0, 10.0, "Khánh"));
        glyphs.extend(word(0.0, 400.0, 12.0, "BÁO CÁO"));
        let mut laid = Laid::default();
        lay_out(glyphs, &segs, &mut laid);
        assert_eq!(laid.text, "BÁO CÁO\nTT\tTên\n1\tDầu phụng Phổ Khánh");
        let (b, t) = match &laid.blocks[..] {
            [b @ Block {
                kind: BlockKind::Table(t),
                ..
            }] => (b, t),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            &laid.text[b.range.clone()],
            "TT\tTên\n1\tDầu phụng Phổ Khánh"
        );
        let cell = &t.rows[1].cells[1];
        assert_eq!(&laid.text[cell.range.clone()], "Dầu phụng Phổ Khánh");
        assert_eq!(cell.paragraphs.len(), 1);
    }

    #[test]
    fn footnote_marker_and_body_become_a_note() {
        let mut glyphs = word(0.0, 700.0, 12.0, "ngành hàng");
        glyphs.extend(word(60.0, 705.0, 7.0, "1"));
        glyphs.extend(word(70.0, 700.0, 12.0, "và"));
        // Page bottom: raised marker, then the body in 10 pt.
        glyphs.extend(word(0.0, 105.0, 7.0, "1"));
        glyphs.extend(word(4.0, 100.0, 10.0, "Sáu nhóm."));
        glyphs.extend(word(0.0, 88.0, 10.0, "Tiếp theo."));
        glyphs.extend(word(100.0, 60.0, 12.0, "2"));
        let mut laid = Laid::default();
        lay_out(glyphs, &[], &mut laid);
        assert_eq!(
            laid.text,
            "ngành hàng[^1] và\n[^1]: Sáu nhóm.\nTiếp theo.\n\n2"
        );
        let [Block {
            range,
            kind: BlockKind::Note(n),
            ..
        }] = &laid.blocks[..]
        else {
            panic!("{:?}", laid.blocks)
        };
        assert_eq!(&laid.text[range.clone()], "Sáu nhóm.\nTiếp theo.");
        assert_eq!(n.marker, "1");
        assert_eq!(&laid.text[n.anchor.clone().unwrap()], "[^1]");
    }

    #[test]
    fn a_raised_number_without_a_body_stays() {
        let mut glyphs = word(0.0, 700.0, 12.0, "100 m");
        glyphs.extend(word(30.0, 705.0, 7.0, "2"));
        let mut laid = Laid::default();
        lay_out(glyphs, &[], &mut laid);
        assert_eq!(laid.text, "100 m2");
        assert!(laid.blocks.is_empty());
    }
}
