//! Drawn rules: the horizontal and vertical segments of a page's stroked
//! paths and thin filled rectangles, in page space.
//!
//! Table borders are drawn either as stroked lines (`m … l S`, LibreOffice),
//! stroked rectangles (`re S`) or thin filled rectangles (`re f`, Word). All
//! become [`Segment`]s; curves and slanted lines are not borders and are
//! skipped. pdf-extract hands the path and its transformation to
//! [`pdf_extract::OutputDev::stroke`] / `fill`, so no second walk is needed.

use pdf_extract::{Path, PathOp, Transform};

/// A filled rectangle thinner than this (points) is a rule; a thicker one is
/// shading, not a border.
const THIN: f64 = 3.0;
/// A segment whose ends differ by less than this across its direction is
/// straight (horizontal or vertical).
const STRAIGHT: f64 = 0.5;
/// Segments shorter than this are dots or ticks, not rules.
const SHORT: f64 = 2.0;
/// At most this many segments are kept per page (a page of hatching is not a table).
pub const MAX_SEGMENTS: usize = 20_000;

/// A horizontal (`at` is y, `from..to` is x) or vertical (`at` is x,
/// `from..to` is y) segment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    pub horizontal: bool,
    pub at: f64,
    pub from: f64,
    pub to: f64,
}

/// Add the straight segments of a stroked path to `out`.
pub fn stroked(ctm: &Transform, path: &Path, out: &mut Vec<Segment>) {
    let mut start: Option<(f64, f64)> = None;
    let mut current: Option<(f64, f64)> = None;
    for op in &path.ops {
        match *op {
            PathOp::MoveTo(x, y) => {
                current = Some((x, y));
                start = current;
            }
            PathOp::LineTo(x, y) => {
                if let Some(p) = current {
                    line(ctm, p, (x, y), out);
                }
                current = Some((x, y));
            }
            PathOp::CurveTo(.., x, y) => current = Some((x, y)),
            PathOp::Rect(x, y, w, h) => {
                let c = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)];
                for k in 0..4 {
                    line(ctm, c[k], c[(k + 1) % 4], out);
                }
                current = Some((x, y));
                start = current;
            }
            PathOp::Close => {
                if let (Some(p), Some(s)) = (current, start) {
                    line(ctm, p, s, out);
                }
                current = start;
            }
        }
    }
}

/// Add the thin rectangles of a filled path to `out`, each as one segment
/// along its length.
pub fn filled(ctm: &Transform, path: &Path, out: &mut Vec<Segment>) {
    for op in &path.ops {
        if let PathOp::Rect(x, y, w, h) = *op {
            let (x0, y0) = apply(ctm, x, y);
            let (x1, y1) = apply(ctm, x + w, y + h);
            let (lx, hx) = (x0.min(x1), x0.max(x1));
            let (ly, hy) = (y0.min(y1), y0.max(y1));
            if hy - ly <= THIN && hx - lx > SHORT {
                push(out, true, (ly + hy) / 2.0, lx, hx);
            } else if hx - lx <= THIN && hy - ly > SHORT {
                push(out, false, (lx + hx) / 2.0, ly, hy);
            }
        }
    }
}

/// A point through the row-vector matrix `ctm` (PDF's convention).
fn apply(ctm: &Transform, x: f64, y: f64) -> (f64, f64) {
    (
        x * ctm.m11 + y * ctm.m21 + ctm.m31,
        x * ctm.m12 + y * ctm.m22 + ctm.m32,
    )
}

fn line(ctm: &Transform, a: (f64, f64), b: (f64, f64), out: &mut Vec<Segment>) {
    let (x0, y0) = apply(ctm, a.0, a.1);
    let (x1, y1) = apply(ctm, b.0, b.1);
    if (y0 - y1).abs() < STRAIGHT && (x0 - x1).abs() > SHORT {
        push(out, true, (y0 + y1) / 2.0, x0.min(x1), x0.max(x1));
    } else if (x0 - x1).abs() < STRAIGHT && (y0 - y1).abs() > SHORT {
        push(out, false, (x0 + x1) / 2.0, y0.min(y1), y0.max(y1));
    }
}

fn push(out: &mut Vec<Segment>, horizontal: bool, at: f64, from: f64, to: f64) {
    if out.len() < MAX_SEGMENTS && at.is_finite() && from.is_finite() && to.is_finite() {
        out.push(Segment {
            horizontal,
            at,
            from,
            to,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_rectangles_become_segments() {
        let id = Transform::identity();
        let mut out = Vec::new();
        let path = Path {
            ops: vec![
                PathOp::MoveTo(10.0, 100.0),
                PathOp::LineTo(200.0, 100.0),
                PathOp::MoveTo(10.0, 100.0),
                PathOp::LineTo(60.0, 160.0), // slanted: skipped
            ],
        };
        stroked(&id, &path, &mut out);
        assert_eq!(
            out,
            [Segment {
                horizontal: true,
                at: 100.0,
                from: 10.0,
                to: 200.0
            }]
        );
        out.clear();
        let thin = Path {
            ops: vec![
                PathOp::Rect(50.0, 10.0, 0.5, 80.0),
                PathOp::Rect(0.0, 0.0, 100.0, 100.0), // shading: skipped
            ],
        };
        filled(&id, &thin, &mut out);
        assert_eq!(out.len(), 1);
        assert!(!out[0].horizontal && (out[0].at - 50.25).abs() < 1e-9);
    }
}
