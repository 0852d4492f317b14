//! Ruled tables: the grid drawn by a page's rules, and the glyphs in its cells.
//!
//! Segments that touch each other form a group; a group with at least two
//! horizontal and two vertical positions is a table. Its distinct x and y
//! positions make a grid; a grid cell joins its right neighbour where no
//! vertical rule separates them, and the row below where no horizontal rule
//! does (merged cells). Every glyph whose centre falls in a cell belongs to
//! it; the cell's glyphs are then read as lines ([`super::lines`]).

use super::glyphs::Glyph;
use super::rules::Segment;

/// Positions closer than this (points) are one grid line (double borders,
/// half-point offsets between the two strokes of a LibreOffice border).
const SNAP: f64 = 2.0;
/// A rule reaches a point within this distance (points).
const REACH: f64 = 2.5;
/// Grid rows or columns thinner than this (points) are border artefacts.
const THIN: f64 = 3.0;
/// At most this many horizontal × vertical segment pairs are compared (a few
/// milliseconds); a page with more rules is a drawing, not a table.
const MAX_PAIRS: usize = 4_000_000;
/// At most this many grid lines either way (a hatched drawing is not a table).
const MAX_GRID: usize = 400;

/// A cell of a table: its grid position and span, its box, its glyphs.
#[derive(Debug, Clone, Default)]
pub struct GridCell {
    pub row: usize,
    pub col: usize,
    pub row_span: usize,
    pub col_span: usize,
    /// Left, right, bottom, top (page space).
    pub x0: f64,
    pub x1: f64,
    pub y0: f64,
    pub y1: f64,
    pub glyphs: Vec<Glyph>,
}

/// A table found on a page.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    pub rows: usize,
    pub cols: usize,
    /// Top edge (page space), for ordering with the page's lines.
    pub top: f64,
    pub cells: Vec<GridCell>,
}

/// The tables drawn by `segments`, with the glyphs inside them taken out of
/// `glyphs` (which keeps the rest, in drawing order).
pub fn tables(segments: &[Segment], glyphs: &mut Vec<Glyph>) -> Vec<Grid> {
    let mut grids: Vec<Grid> = groups(segments)
        .into_iter()
        .filter_map(|g| grid(&g))
        .collect();
    if grids.is_empty() {
        return grids;
    }
    let mut rest = Vec::with_capacity(glyphs.len());
    'glyph: for g in glyphs.drain(..) {
        if g.dir == 0 {
            // By its centre; a glyph running over a cell's outer edge (the
            // table drawn up to the paper's edge) by its start.
            let cy = g.y + 0.3 * g.size;
            for (cx, slack) in [(g.x + g.w / 2.0, 0.0), (g.x, SNAP)] {
                for grid in &mut grids {
                    if let Some(cell) = grid.cells.iter_mut().find(|c| {
                        c.x0 - slack <= cx && cx <= c.x1 + slack && c.y0 <= cy && cy <= c.y1
                    }) {
                        cell.glyphs.push(g);
                        continue 'glyph;
                    }
                }
            }
        }
        rest.push(g);
    }
    *glyphs = rest;
    // A table with no text at all is a drawing (a frame, a signature box).
    grids.retain(|g| g.cells.iter().any(|c| !c.glyphs.is_empty()));
    grids.sort_by(|a, b| b.top.total_cmp(&a.top));
    grids
}

/// Segments that touch, grouped (union-find over pairs of a horizontal and a
/// vertical segment that meet).
fn groups(segments: &[Segment]) -> Vec<Vec<Segment>> {
    let n = segments.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let (hs, vs): (Vec<usize>, Vec<usize>) = (0..n).partition(|&i| segments[i].horizontal);
    if hs.len().saturating_mul(vs.len()) > MAX_PAIRS {
        // A page of hatching or a chart, not a table: no pairs are tried.
        return Vec::new();
    }
    for &h in &hs {
        let sh = segments[h];
        for &v in &vs {
            let sv = segments[v];
            let meet = sv.at >= sh.from - REACH
                && sv.at <= sh.to + REACH
                && sh.at >= sv.from - REACH
                && sh.at <= sv.to + REACH;
            if meet {
                let (a, b) = (find(&mut parent, h), find(&mut parent, v));
                parent[a] = b;
            }
        }
    }
    let mut by_root: std::collections::BTreeMap<usize, Vec<Segment>> = Default::default();
    for (i, s) in segments.iter().enumerate() {
        let r = find(&mut parent, i);
        by_root.entry(r).or_default().push(*s);
    }
    by_root.into_values().collect()
}

/// Distinct positions, snapped: sorted ascending.
fn positions(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    let mut out: Vec<f64> = Vec::new();
    let mut run: Vec<f64> = Vec::new();
    for p in v {
        if run.last().is_some_and(|&l| p - l > SNAP) {
            out.push(run.iter().sum::<f64>() / run.len() as f64);
            run.clear();
        }
        run.push(p);
    }
    if !run.is_empty() {
        out.push(run.iter().sum::<f64>() / run.len() as f64);
    }
    // Drop positions too close to the previous one (thin slivers).
    let mut kept: Vec<f64> = Vec::with_capacity(out.len());
    for p in out {
        if kept.last().is_none_or(|&l| p - l >= THIN) {
            kept.push(p);
        }
    }
    kept
}

/// Whether some segment of `segs` lies at `at` and covers `point` along it.
fn ruled(segs: &[Segment], horizontal: bool, at: f64, point: f64) -> bool {
    segs.iter().any(|s| {
        s.horizontal == horizontal
            && (s.at - at).abs() <= SNAP + 0.5
            && s.from - REACH <= point
            && point <= s.to + REACH
    })
}

/// The grid of one group of segments, or `None` when it is not a table.
fn grid(segs: &[Segment]) -> Option<Grid> {
    // Grid lines: where the rules of the other direction stand, and where
    // the rules of this direction end (an outer border not drawn, or drawn
    // off the page, still closes the table).
    let ends = |horizontal: bool| {
        let (lo, hi) = min_max(
            segs.iter()
                .filter(|s| s.horizontal == horizontal)
                .flat_map(|s| [s.from, s.to]),
        );
        [lo, hi].into_iter().filter(|v| v.is_finite())
    };
    let xs = positions(
        segs.iter()
            .filter(|s| !s.horizontal)
            .map(|s| s.at)
            .chain(ends(true))
            .collect(),
    );
    let mut ys = positions(
        segs.iter()
            .filter(|s| s.horizontal)
            .map(|s| s.at)
            .chain(ends(false))
            .collect(),
    );
    if xs.len() < 2 || ys.len() < 2 || xs.len() > MAX_GRID || ys.len() > MAX_GRID {
        return None;
    }
    ys.reverse(); // top first
    let (rows, cols) = (ys.len() - 1, xs.len() - 1);
    if rows * cols < 2 {
        return None;
    }
    let mut taken = vec![false; rows * cols];
    let mut cells = Vec::new();
    for r in 0..rows {
        for c in 0..cols {
            if taken[r * cols + c] {
                continue;
            }
            let ymid = |r: usize| (ys[r] + ys[r + 1]) / 2.0;
            let xmid = |c: usize| (xs[c] + xs[c + 1]) / 2.0;
            // A cell with no rule on any side is outside the table's shape.
            let boxed = ruled(segs, true, ys[r], xmid(c)) || ruled(segs, false, xs[c], ymid(r));
            if !boxed {
                continue;
            }
            let mut c2 = c;
            while c2 + 1 < cols
                && !taken[r * cols + c2 + 1]
                && !ruled(segs, false, xs[c2 + 1], ymid(r))
            {
                c2 += 1;
            }
            let mut r2 = r;
            while r2 + 1 < rows
                && (c..=c2)
                    .all(|k| !taken[(r2 + 1) * cols + k] && !ruled(segs, true, ys[r2 + 1], xmid(k)))
            {
                r2 += 1;
            }
            for rr in r..=r2 {
                for cc in c..=c2 {
                    taken[rr * cols + cc] = true;
                }
            }
            cells.push(GridCell {
                row: r,
                col: c,
                row_span: r2 - r + 1,
                col_span: c2 - c + 1,
                x0: xs[c],
                x1: xs[c2 + 1],
                y0: ys[r2 + 1],
                y1: ys[r],
                glyphs: Vec::new(),
            });
        }
    }
    if cells.len() < 2 {
        return None;
    }
    Some(Grid {
        rows,
        cols,
        top: ys[0],
        cells,
    })
}

fn min_max(v: impl Iterator<Item = f64>) -> (f64, f64) {
    v.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
        (lo.min(x), hi.max(x))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(y: f64, x0: f64, x1: f64) -> Segment {
        Segment {
            horizontal: true,
            at: y,
            from: x0,
            to: x1,
        }
    }
    fn v(x: f64, y0: f64, y1: f64) -> Segment {
        Segment {
            horizontal: false,
            at: x,
            from: y0,
            to: y1,
        }
    }
    fn glyph(x: f64, y: f64, t: &str) -> Glyph {
        Glyph {
            dir: 0,
            x,
            y,
            w: 5.0,
            size: 10.0,
            text: t.into(),
            font: 0,
        }
    }

    #[test]
    fn grid_with_a_merged_header_and_a_merged_column() {
        // 3 columns x 3 rows; the top row's last two cells merged (no rule at
        // x=200 in the top row); the first column's last two rows merged.
        let segs = vec![
            h(300.0, 0.0, 300.0),
            h(270.0, 100.0, 300.0), // under the header, only over columns 2-3... and
            h(270.0, 0.0, 100.0),   // ... column 1
            h(240.0, 100.0, 300.0), // rows 2/3 split except in column 1
            h(210.0, 0.0, 300.0),
            v(0.0, 210.0, 300.0),
            v(100.0, 210.0, 300.0),
            v(200.0, 210.0, 270.0),
            v(300.0, 210.0, 300.0),
        ];
        let mut glyphs = vec![
            glyph(10.0, 280.0, "A"),
            glyph(150.0, 280.0, "B"),
            glyph(10.0, 225.0, "C"),
            glyph(250.0, 220.0, "D"),
            glyph(500.0, 500.0, "x"), // outside
        ];
        let t = tables(&segs, &mut glyphs);
        assert_eq!(t.len(), 1);
        assert_eq!((t[0].rows, t[0].cols), (3, 3));
        let spans: Vec<(usize, usize, usize, usize, String)> = t[0]
            .cells
            .iter()
            .map(|c| {
                (
                    c.row,
                    c.col,
                    c.row_span,
                    c.col_span,
                    c.glyphs.iter().map(|g| g.text.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            spans,
            [
                (0, 0, 1, 1, "A".into()),
                (0, 1, 1, 2, "B".into()),
                (1, 0, 2, 1, "C".into()),
                (1, 1, 1, 1, "".into()),
                (1, 2, 1, 1, "".into()),
                (2, 1, 1, 1, "".into()),
                (2, 2, 1, 1, "D".into()),
            ]
        );
        assert_eq!(glyphs.len(), 1);
    }

    #[test]
    fn a_lone_frame_or_underline_is_no_table() {
        let mut glyphs = vec![glyph(10.0, 280.0, "A")];
        let underline = vec![h(270.0, 0.0, 100.0)];
        assert!(tables(&underline, &mut glyphs).is_empty());
        let frame = vec![
            h(300.0, 0.0, 100.0),
            h(250.0, 0.0, 100.0),
            v(0.0, 250.0, 300.0),
            v(100.0, 250.0, 300.0),
        ];
        assert!(tables(&frame, &mut glyphs).is_empty());
        assert_eq!(glyphs.len(), 1);
    }
}
