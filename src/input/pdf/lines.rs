//! Glyphs into lines: by baseline, never across two blocks side by side,
//! with superscripts kept apart as what they are.
//!
//! Glyphs are first joined into *chunks*: runs drawn one after the other on
//! one baseline, each starting where the previous one ended. Chunks then
//! join a line only when their baselines agree closely and they do not
//! overlap horizontally, so two blocks side by side (recipients beside the
//! signature, at slightly different baselines and sizes) can share a line
//! (separated by a tab) but never mix their letters. Finally a line of small
//! glyphs sitting just above the start or end of a chunk of a larger line is
//! a superscript (a footnote marker) and is folded into that line, marked.

use std::ops::Range;

use super::glyphs::Glyph;

/// A gap wider than this share of the font size separates words.
const SPACE_GAP: f64 = 0.15;
/// A gap wider than this share of the font size separates table cells or
/// columns (LibreOffice draws tabs as gaps, with no glyph).
const TAB_GAP: f64 = 1.5;
/// Chunks whose baselines differ by less than this share of the larger size
/// are on one line.
const SAME_LINE: f64 = 0.25;
/// Glyphs drawn one after the other continue a chunk when their baselines
/// differ by less than this share of the size.
const SAME_BASELINE: f64 = 0.05;
/// A glyph this much smaller than its neighbour (size ratio) may be a superscript.
const SMALL: f64 = 0.85;
/// A superscript's baseline is raised by this share of the line's size.
const RISE: std::ops::Range<f64> = 0.12..0.75;
/// Chunks overlapping by more than this share of the size are not on one line
/// (unless on exactly the same baseline: a glyph drawn twice).
const OVERLAP: f64 = 0.3;
/// The same glyph drawn again closer than this share of its size is a duplicate.
const DUPLICATE: f64 = 0.2;
/// How many kept glyphs back a duplicate is looked for.
const DUPLICATE_WINDOW: usize = 6;

/// One line of glyphs, left to right; `sup[i]` marks superscript glyphs.
#[derive(Debug, Clone, Default)]
pub struct Line {
    /// Baseline and size of the line's largest glyphs.
    pub y: f64,
    pub size: f64,
    pub glyphs: Vec<Glyph>,
    pub sup: Vec<bool>,
}

impl Line {
    pub fn left(&self) -> f64 {
        self.glyphs
            .iter()
            .map(|g| g.x)
            .fold(f64::INFINITY, f64::min)
    }

    pub fn right(&self) -> f64 {
        self.glyphs
            .iter()
            .map(|g| g.x + g.w)
            .fold(f64::NEG_INFINITY, f64::max)
    }
}

/// One piece of a line's text: plain text (with its spaces and tabs) or a
/// run of superscript glyphs.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Text(String),
    Sup(String),
}

impl Piece {
    /// The piece's text, as printed.
    pub fn text(&self) -> &str {
        match self {
            Piece::Text(t) | Piece::Sup(t) => t,
        }
    }
}

/// A chunk: glyphs drawn in sequence on one baseline.
#[derive(Debug)]
struct Chunk {
    y: f64,
    size: f64,
    x0: f64,
    x1: f64,
    glyphs: Vec<Glyph>,
}

/// Lines of glyphs written in one direction (in drawing order), top to bottom.
pub fn lines(glyphs: Vec<Glyph>) -> Vec<Line> {
    let mut chunks = chunks(glyphs);
    // Top of the page first (PDF y grows upwards), then left to right.
    chunks.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x0.total_cmp(&b.x0)));
    let mut lines: Vec<(f64, f64, Vec<Chunk>)> = Vec::new();
    for c in chunks {
        let mut home = None;
        for (i, (y, size, members)) in lines.iter().enumerate().rev() {
            let tol = SAME_LINE * size.max(c.size);
            if *y - c.y > tol {
                break;
            }
            if (c.y - *y).abs() > tol {
                continue;
            }
            let clash = members.iter().any(|m| clashes(m, &c));
            if !clash {
                home = Some(i);
                break;
            }
        }
        match home {
            Some(i) => {
                let line = &mut lines[i];
                if c.size > line.1 {
                    line.0 = c.y;
                    line.1 = c.size;
                }
                line.2.push(c);
            }
            None => lines.push((c.y, c.size, vec![c])),
        }
    }
    let mut out: Vec<Line> = lines
        .into_iter()
        .map(|(y, size, members)| {
            let glyphs: Vec<Glyph> = members.into_iter().flat_map(|c| c.glyphs).collect();
            Line {
                y,
                size,
                sup: vec![false; glyphs.len()],
                glyphs,
            }
        })
        .collect();
    out.sort_by(|a, b| b.y.total_cmp(&a.y));
    fold_superscripts(&mut out);
    for l in &mut out {
        sort_line(l);
    }
    out
}

/// Whether two chunks on different baselines draw visible glyphs over each
/// other (so they are two lines, not one). Blanks do not count: a number
/// stamped over the blanks left for it joins their line.
fn clashes(m: &Chunk, c: &Chunk) -> bool {
    let limit = OVERLAP * m.size.min(c.size);
    if m.x1.min(c.x1) - m.x0.max(c.x0) <= limit
        || (m.y - c.y).abs() <= SAME_BASELINE * m.size.max(c.size)
    {
        return false;
    }
    let visible = |ch: &Chunk| {
        ch.glyphs
            .iter()
            .filter(|g| !g.is_space())
            .map(|g| (g.x, g.x + g.w))
            .collect::<Vec<_>>()
    };
    let (a, b) = (visible(m), visible(c));
    a.iter()
        .any(|&(a0, a1)| b.iter().any(|&(b0, b1)| a1.min(b1) - a0.max(b0) > limit))
}

/// Runs of glyphs drawn in sequence on one baseline, each glyph starting near
/// where the previous one ended.
fn chunks(glyphs: Vec<Glyph>) -> Vec<Chunk> {
    let mut out: Vec<Chunk> = Vec::new();
    for g in glyphs {
        if let Some(c) = out.last_mut() {
            let size = c.size.max(g.size);
            let continues = (g.y - c.y).abs() <= SAME_BASELINE * size
                && g.size >= SMALL * c.size
                && c.size >= SMALL * g.size
                && g.x >= c.x1 - 0.5 * size
                && g.x <= c.x1 + TAB_GAP * size;
            if continues {
                c.x1 = c.x1.max(g.x + g.w);
                c.x0 = c.x0.min(g.x);
                c.glyphs.push(g);
                continue;
            }
        }
        out.push(Chunk {
            y: g.y,
            size: g.size,
            x0: g.x,
            x1: g.x + g.w,
            glyphs: vec![g],
        });
    }
    out
}

/// Fold a line of small glyphs raised just above a larger line, touching one
/// of its words, into that line as superscripts.
fn fold_superscripts(lines: &mut Vec<Line>) {
    let mut i = 0;
    while i + 1 < lines.len() {
        let fold = {
            let (upper, rest) = lines.split_at(i + 1);
            let s = &upper[i];
            // The nearest few lines below: the line it belongs to.
            rest.iter()
                .take(3)
                .position(|l| is_superscript_of(s, l))
                .map(|k| i + 1 + k)
        };
        match fold {
            Some(k) => {
                let s = lines.remove(i);
                let target = &mut lines[k - 1];
                target.sup.extend(std::iter::repeat_n(true, s.glyphs.len()));
                target.glyphs.extend(s.glyphs);
            }
            None => i += 1,
        }
    }
}

fn is_superscript_of(s: &Line, l: &Line) -> bool {
    let rise = s.y - l.y;
    if s.size >= SMALL * l.size || !RISE.contains(&(rise / l.size)) {
        return false;
    }
    if s.glyphs.iter().any(|g| g.text.trim().is_empty()) && s.glyphs.len() > 12 {
        return false;
    }
    // Each run of small glyphs (a marker: `1`, `12`) touches a glyph of the
    // line (right after a word, or right before one for a note body's
    // marker) and overlaps none.
    let mut xs: Vec<(f64, f64)> = s.glyphs.iter().map(|g| (g.x, g.x + g.w)).collect();
    xs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut runs: Vec<(f64, f64)> = Vec::new();
    for (a, b) in xs {
        match runs.last_mut() {
            Some(r) if a - r.1 < 0.3 * s.size => r.1 = r.1.max(b),
            _ => runs.push((a, b)),
        }
    }
    let near = 0.6 * l.size;
    let margin = 0.1 * l.size;
    runs.iter().all(|&(x0, x1)| {
        let touches = l
            .glyphs
            .iter()
            .any(|g| !g.is_space() && ((x0 - (g.x + g.w)).abs() < near || (g.x - x1).abs() < near));
        let overlaps = l
            .glyphs
            .iter()
            .any(|g| !g.is_space() && g.x < x1 - margin && g.x + g.w > x0 + margin);
        touches && !overlaps
    })
}

/// Sort a line's glyphs left to right, carrying the superscript marks.
fn sort_line(l: &mut Line) {
    // A combining mark sorts by its centre, so a mark drawn over its base
    // letter follows that letter even when drawn from a point left of it.
    let key = |g: &Glyph| if g.is_mark() { g.x + g.w / 2.0 } else { g.x };
    let mut both: Vec<(Glyph, bool)> = std::mem::take(&mut l.glyphs)
        .into_iter()
        .zip(std::mem::take(&mut l.sup))
        .collect();
    both.sort_by(|a, b| key(&a.0).total_cmp(&key(&b.0)));
    for (g, s) in both {
        l.glyphs.push(g);
        l.sup.push(s);
    }
}

/// Font runs of a line's text: byte ranges of [`plain`] of its pieces, with
/// the font id of their glyphs ([`Glyph::font`]).
pub type FontSpans = Vec<(Range<usize>, u16)>;

/// One line's text as pieces, left to right; duplicates (fake bold) dropped,
/// gaps turned into spaces and tabs. `unmapped` counts U+FFFD glyphs.
pub fn pieces(line: &Line, unmapped: &mut usize) -> Vec<Piece> {
    pieces_fonts(line, unmapped, &mut Vec::new())
}

/// [`pieces`], with the runs of glyphs in a known font added to `fonts`.
/// The space or tab between two glyphs of known fonts belongs to the run
/// before it, as a space typed after a word does: runs of one line in faces
/// of one family (`VnTime`, then `VnTimeItalic` after a tab) meet, and
/// normalize decodes them as one line, as it would a paragraph of a `.doc`
/// (whose faces are one font name).
pub fn pieces_fonts(line: &Line, unmapped: &mut usize, fonts: &mut FontSpans) -> Vec<Piece> {
    let mut kept: Vec<(&Glyph, bool)> = Vec::with_capacity(line.glyphs.len());
    for (g, &s) in line.glyphs.iter().zip(&line.sup) {
        let duplicate = kept.iter().rev().take(DUPLICATE_WINDOW).any(|(k, _)| {
            k.text == g.text
                && (k.x - g.x).abs() < DUPLICATE * g.size
                && (k.y - g.y).abs() < DUPLICATE * g.size
        });
        if !duplicate {
            kept.push((g, s));
        }
    }

    let mut out: Vec<Piece> = Vec::new();
    let mut prev_end: Option<(f64, f64)> = None; // right edge and size of the last glyph drawn
                                                 // The last space glyph seen since the last visible glyph, and where that
                                                 // glyph began. A space (nearly) covered by the visible glyphs around it
                                                 // (the page's blanks that an annotation stamped a number over) separates
                                                 // nothing.
    let mut pending_space: Option<(f64, f64)> = None;
    let mut prev_start = f64::NEG_INFINITY;
    // Bytes written so far (the length of `plain(&out)`).
    let mut len = 0;
    for (g, sup) in kept {
        if g.is_space() {
            if prev_end.is_some() {
                pending_space = Some((g.x, g.x + g.w));
            }
            continue;
        }
        let spaced = pending_space.is_some_and(|(s0, s1)| {
            let over = |a: f64, b: f64| (s1.min(b) - s0.max(a)).max(0.0);
            let end = prev_end.map_or(prev_start, |(e, _)| e);
            over(prev_start, end) + over(g.x, g.x + g.w) < 0.9 * (s1 - s0)
        });
        let mut sep = "";
        if let Some((end, size)) = prev_end {
            let size = size.max(g.size);
            let gap = g.x - end;
            if g.is_mark() {
                // Never separate a mark from its letter.
            } else if gap > TAB_GAP * size {
                sep = "\t";
            } else if spaced || gap > SPACE_GAP * size {
                sep = " ";
            }
        }
        *unmapped += g
            .text
            .chars()
            .filter(|&c| c == super::glyphs::UNMAPPED)
            .count();
        if !sep.is_empty() {
            push(&mut out, false, sep);
            if g.font != 0 {
                if let Some((r, _)) = fonts.last_mut().filter(|(r, _)| r.end == len) {
                    r.end += sep.len();
                }
            }
            len += sep.len();
        }
        let as_sup = sup && !g.is_mark() || sup_continues(&out, g);
        push(&mut out, as_sup, &g.text);
        let at = len;
        len += g.text.len();
        if g.font != 0 {
            match fonts.last_mut() {
                Some((r, f)) if *f == g.font && r.end == at => r.end = len,
                _ => fonts.push((at..len, g.font)),
            }
        }
        let end = g.x + g.w;
        prev_end = Some(match prev_end {
            // A mark or an overlapping glyph does not move the edge backwards.
            Some((e, s)) if e > end => (e, s.max(g.size)),
            _ => (end, g.size),
        });
        if !g.is_mark() {
            prev_start = g.x;
        }
        pending_space = None;
    }
    out
}

/// A mark drawn on a superscript letter stays in the superscript.
fn sup_continues(out: &[Piece], g: &Glyph) -> bool {
    g.is_mark() && matches!(out.last(), Some(Piece::Sup(_)))
}

fn push(out: &mut Vec<Piece>, sup: bool, s: &str) {
    match (out.last_mut(), sup) {
        (Some(Piece::Text(t)), false) | (Some(Piece::Sup(t)), true) => t.push_str(s),
        _ => out.push(if sup {
            Piece::Sup(s.to_string())
        } else {
            Piece::Text(s.to_string())
        }),
    }
}

/// The pieces as plain text, superscripts glued (as printed).
pub fn plain(pieces: &[Piece]) -> String {
    pieces.iter().map(Piece::text).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(x: f64, y: f64, size: f64, text: &str) -> Glyph {
        Glyph {
            dir: 0,
            x,
            y,
            w: size / 2.0,
            size,
            text: text.to_string(),
            font: 0,
        }
    }

    fn word(x: f64, y: f64, size: f64, s: &str) -> Vec<Glyph> {
        s.chars()
            .enumerate()
            .map(|(i, c)| g(x + size / 2.0 * i as f64, y, size, &c.to_string()))
            .collect()
    }

    fn texts(glyphs: Vec<Glyph>) -> Vec<String> {
        lines(glyphs)
            .iter()
            .map(|l| plain(&pieces(l, &mut 0)))
            .collect()
    }

    #[test]
    fn blocks_side_by_side_do_not_interleave() {
        // Recipients (11 pt, lines 12.5 pt apart) beside a signature block
        // (13 pt, lines 15 pt apart): baselines close but never equal.
        let mut glyphs = word(60.0, 300.0, 11.0, "- Như trên;");
        glyphs.extend(word(60.0, 296.0, 11.0, "- Văn phòng;"));
        glyphs.extend(word(300.0, 302.0, 13.0, "KT. GIÁM ĐỐC"));
        glyphs.extend(word(300.0, 287.0, 13.0, "PHÓ GIÁM ĐỐC"));
        let got = texts(glyphs);
        assert_eq!(
            got,
            ["- Như trên;\tKT. GIÁM ĐỐC", "- Văn phòng;", "PHÓ GIÁM ĐỐC"]
        );
    }

    #[test]
    fn superscript_marker_is_marked_not_glued() {
        let mut glyphs = word(0.0, 500.0, 12.0, "tỉnh");
        glyphs.push(g(24.0, 505.0, 7.0, "3"));
        glyphs.extend(word(30.0, 500.0, 12.0, " và"));
        let l = lines(glyphs);
        assert_eq!(l.len(), 1);
        assert_eq!(
            pieces(&l[0], &mut 0),
            [
                Piece::Text("tỉnh".into()),
                Piece::Sup("3".into()),
                Piece::Text(" và".into())
            ]
        );
    }

    #[test]
    fn a_smaller_line_above_is_not_a_superscript() {
        // A caption in small type a line above: not touching a word.
        let mut glyphs = word(200.0, 510.0, 8.0, "(ghi chú)");
        glyphs.extend(word(0.0, 500.0, 12.0, "Nội dung"));
        assert_eq!(texts(glyphs), ["(ghi chú)", "Nội dung"]);
    }
}
