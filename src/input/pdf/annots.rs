//! Annotation appearance streams that carry text: page content placed by
//! their rectangle.
//!
//! An e-signature tool stamps the document's number and date onto the page
//! at signing as annotations (signature widgets, stamps, free text) whose
//! appearance stream draws the digits; the page's own content has a gap
//! there (`Số:      /BC-UBND`). pdf-extract reads page content only, so each
//! such appearance is drawn here through pdf-extract on a stand-in page: the
//! page object is swapped, for one run, for a page whose content is only
//! `/Ap Do`. pdf-extract starts every form with an identity transformation
//! (it drops the transformation in force at `Do`), so the glyphs come out in
//! the appearance's own space; they are then moved by the placement that maps
//! the form's box onto the annotation's rectangle (PDF 32000-1, 12.5.5),
//! ready to join the page's lines.
//!
//! A digital-signature widget's text is page content when it is stamped
//! into a line of the page (every one of its baselines is a baseline of the
//! page's own text: the number, the day); otherwise it is the signature's
//! overlay ("Ký bởi …, Thời gian ký …") and the caller keeps it apart.

use std::panic::{catch_unwind, AssertUnwindSafe};

use pdf_extract::content::Content;
use pdf_extract::{Dictionary, Document, Object, ObjectId, Stream};

use super::glyphs::{Collector, Glyph};

/// Nested forms deeper than this are not searched for text.
const MAX_DEPTH: usize = 6;
/// At most this many annotations per page are drawn (a form with thousands
/// of fields costs one pdf-extract run each).
const MAX_ANNOTATIONS: usize = 64;
/// Annotation flags (PDF 32000-1, 12.5.3): not shown on screen.
const HIDDEN: i64 = 1 << 1;
const NO_VIEW: i64 = 1 << 5;
/// The resource name the appearance is drawn under on the stand-in page.
const AP_NAME: &[u8] = b"BaocaoAnnotationAppearance";

/// The text glyphs one annotation draws.
#[derive(Debug, Clone)]
pub struct Drawn {
    pub glyphs: Vec<Glyph>,
    /// A digital-signature field (`/FT /Sig`).
    pub signature: bool,
    /// The annotation's subtype (`Widget`, `Stamp`, `FreeText`).
    pub subtype: String,
}

/// The glyphs of the page's text-carrying annotations, one entry each.
/// Annotations whose appearance could not be drawn are skipped.
pub fn draw(doc: &mut Document, page_num: u32, page: ObjectId) -> Vec<Drawn> {
    let found = candidates(doc, page);
    let mut out = Vec::new();
    for (ap, placement, signature, subtype) in found {
        if let Some(glyphs) = run(doc, page_num, page, ap, placement) {
            if !glyphs.is_empty() {
                out.push(Drawn {
                    glyphs,
                    signature,
                    subtype,
                });
            }
        }
    }
    out
}

/// Annotations worth drawing: visible, with a form appearance that shows text.
/// Each as (appearance stream, placement matrix, is a signature, subtype).
fn candidates(doc: &Document, page: ObjectId) -> Vec<(ObjectId, [f64; 6], bool, String)> {
    let Some(page_dict) = doc.get_object(page).ok().and_then(|o| o.as_dict().ok()) else {
        return Vec::new();
    };
    let Some(annots) = page_dict
        .get(b"Annots")
        .ok()
        .and_then(|a| deref(doc, a))
        .and_then(|a| a.as_array().ok())
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for a in annots.iter().take(MAX_ANNOTATIONS) {
        let Some(dict) = deref(doc, a).and_then(|o| o.as_dict().ok()) else {
            continue;
        };
        let subtype = dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_default();
        if matches!(subtype.as_str(), "Link" | "Popup") {
            continue;
        }
        let flags = dict.get(b"F").and_then(Object::as_i64).unwrap_or(0);
        if flags & (HIDDEN | NO_VIEW) != 0 {
            continue;
        }
        let Some(ap) = appearance(doc, dict) else {
            continue;
        };
        let Some(rect) = numbers::<4>(doc, dict.get(b"Rect").ok()) else {
            continue;
        };
        let Some(stream) = doc.get_object(ap).ok().and_then(|o| o.as_stream().ok()) else {
            continue;
        };
        if !shows_text(doc, stream, 0) {
            continue;
        }
        let bbox = numbers::<4>(doc, stream.dict.get(b"BBox").ok()).unwrap_or(rect);
        let matrix = numbers::<6>(doc, stream.dict.get(b"Matrix").ok())
            .unwrap_or([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
        let Some(placement) = placement(rect, bbox, matrix) else {
            continue;
        };
        out.push((ap, placement, is_signature(doc, dict), subtype));
    }
    out
}

/// The normal appearance stream: `/AP /N`, a stream or, for fields with
/// states, the stream of the current state `/AS`.
fn appearance(doc: &Document, annot: &Dictionary) -> Option<ObjectId> {
    let ap = deref(doc, annot.get(b"AP").ok()?)?.as_dict().ok()?;
    let n = ap.get(b"N").ok()?;
    let id = n.as_reference().ok()?;
    match doc.get_object(id).ok()? {
        Object::Stream(_) => Some(id),
        Object::Dictionary(states) => {
            let state = annot.get(b"AS").and_then(Object::as_name).ok()?;
            states.get(state).ok()?.as_reference().ok()
        }
        _ => None,
    }
}

/// `/FT /Sig` on the field or a parent field.
fn is_signature(doc: &Document, annot: &Dictionary) -> bool {
    let mut dict = annot;
    for _ in 0..MAX_DEPTH {
        if dict.get(b"FT").and_then(Object::as_name).ok() == Some(b"Sig".as_slice()) {
            return true;
        }
        let Some(parent) = dict
            .get(b"Parent")
            .ok()
            .and_then(|p| deref(doc, p))
            .and_then(|p| p.as_dict().ok())
        else {
            return false;
        };
        dict = parent;
    }
    false
}

/// Whether a form (or a form it draws) shows text.
fn shows_text(doc: &Document, form: &Stream, depth: usize) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    let data = form
        .decompressed_content()
        .unwrap_or_else(|_| form.content.clone());
    let Ok(content) = Content::decode(&data) else {
        return false;
    };
    let xobjects = form
        .dict
        .get(b"Resources")
        .ok()
        .and_then(|r| deref(doc, r))
        .and_then(|r| r.as_dict().ok())
        .and_then(|r| r.get(b"XObject").ok())
        .and_then(|x| deref(doc, x))
        .and_then(|x| x.as_dict().ok());
    content
        .operations
        .iter()
        .any(|op| match op.operator.as_str() {
            "Tj" | "TJ" | "'" | "\"" => true,
            "Do" => op
                .operands
                .first()
                .and_then(|n| n.as_name().ok())
                .and_then(|n| xobjects?.get(n).ok())
                .and_then(|x| deref(doc, x))
                .and_then(|x| x.as_stream().ok())
                .filter(|s| s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Form"))
                .is_some_and(|s| shows_text(doc, s, depth + 1)),
            _ => false,
        })
}

/// The matrix that draws a form with box `bbox` and matrix `matrix` into
/// `rect`: the form's matrix, then the map of its transformed box onto the
/// rectangle. pdf-extract does not apply a form's `/Matrix` itself, so it is
/// part of the placement.
fn placement(rect: [f64; 4], bbox: [f64; 4], m: [f64; 6]) -> Option<[f64; 6]> {
    let corners = [
        (bbox[0], bbox[1]),
        (bbox[2], bbox[1]),
        (bbox[0], bbox[3]),
        (bbox[2], bbox[3]),
    ];
    let pts: Vec<(f64, f64)> = corners
        .iter()
        .map(|&(x, y)| (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]))
        .collect();
    let (bx0, bx1) = min_max(pts.iter().map(|p| p.0));
    let (by0, by1) = min_max(pts.iter().map(|p| p.1));
    let (rx0, rx1) = (rect[0].min(rect[2]), rect[0].max(rect[2]));
    let (ry0, ry1) = (rect[1].min(rect[3]), rect[1].max(rect[3]));
    let (bw, bh) = (bx1 - bx0, by1 - by0);
    if bw <= 0.0 || bh <= 0.0 || !bw.is_finite() || !bh.is_finite() {
        return None;
    }
    let (sx, sy) = ((rx1 - rx0) / bw, (ry1 - ry0) / bh);
    let a = [sx, 0.0, 0.0, sy, rx0 - sx * bx0, ry0 - sy * by0];
    // Matrix × A (row vectors).
    let out = [
        m[0] * a[0] + m[1] * a[2],
        m[0] * a[1] + m[1] * a[3],
        m[2] * a[0] + m[3] * a[2],
        m[2] * a[1] + m[3] * a[3],
        m[4] * a[0] + m[5] * a[2] + a[4],
        m[4] * a[1] + m[5] * a[3] + a[5],
    ];
    out.iter().all(|v| v.is_finite()).then_some(out)
}

fn min_max(v: impl Iterator<Item = f64>) -> (f64, f64) {
    v.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
        (lo.min(x), hi.max(x))
    })
}

/// Draw one appearance through pdf-extract on a stand-in page (the page
/// object swapped for the run, then put back). `None` when pdf-extract fails.
fn run(
    doc: &mut Document,
    page_num: u32,
    page: ObjectId,
    ap: ObjectId,
    p: [f64; 6],
) -> Option<Vec<Glyph>> {
    let original = doc.objects.get(&page)?.clone();
    let mut stand_in = original.as_dict().ok()?.clone();
    let mut resources = inherited_resources(doc, page).unwrap_or_default();
    let mut xobjects = resources
        .get(b"XObject")
        .ok()
        .and_then(|x| deref(doc, x))
        .and_then(|x| x.as_dict().ok())
        .cloned()
        .unwrap_or_default();
    xobjects.set(AP_NAME, Object::Reference(ap));
    resources.set("XObject", Object::Dictionary(xobjects));
    let content = format!("/{} Do", String::from_utf8_lossy(AP_NAME));
    let stream_id = doc.add_object(Stream::new(Dictionary::new(), content.into_bytes()));
    stand_in.set("Contents", Object::Reference(stream_id));
    stand_in.set("Resources", Object::Dictionary(resources));
    stand_in.remove(b"Annots");
    doc.objects.insert(page, Object::Dictionary(stand_in));
    let result = {
        let doc: &Document = doc;
        catch_unwind(AssertUnwindSafe(|| {
            let mut collector = Collector::default();
            pdf_extract::output_doc_page(doc, &mut collector, page_num)
                .ok()
                .map(|()| collector.finish(None, None).glyphs)
        }))
    };
    doc.objects.insert(page, original);
    doc.objects.remove(&stream_id);
    let mut glyphs = result.ok().flatten()?;
    for g in &mut glyphs {
        place(g, p);
    }
    Some(glyphs)
}

/// Move a glyph from the appearance's space to the page by `p` (row-vector
/// matrix), its width and size scaled along.
fn place(g: &mut Glyph, p: [f64; 6]) {
    let (x, y) = (g.x, g.y);
    g.x = x * p[0] + y * p[2] + p[4];
    g.y = x * p[1] + y * p[3] + p[5];
    g.w *= p[0].hypot(p[1]);
    g.size *= p[2].hypot(p[3]);
}

/// The page's resources, looked up the page tree as PDF inheritance says.
fn inherited_resources(doc: &Document, page: ObjectId) -> Option<Dictionary> {
    let mut dict = doc.get_object(page).ok()?.as_dict().ok()?;
    for _ in 0..MAX_DEPTH {
        if let Ok(r) = dict.get(b"Resources") {
            return deref(doc, r)?.as_dict().ok().cloned();
        }
        let parent = dict.get(b"Parent").ok()?.as_reference().ok()?;
        dict = doc.get_object(parent).ok()?.as_dict().ok()?;
    }
    None
}

fn numbers<const N: usize>(doc: &Document, o: Option<&Object>) -> Option<[f64; N]> {
    let arr = deref(doc, o?)?.as_array().ok()?;
    if arr.len() != N {
        return None;
    }
    let mut out = [0.0; N];
    for (slot, v) in out.iter_mut().zip(arr) {
        *slot = match deref(doc, v)? {
            Object::Integer(i) => *i as f64,
            Object::Real(r) => f64::from(*r),
            _ => return None,
        };
    }
    Some(out)
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Object> {
    match o {
        Object::Reference(id) => doc.get_object(*id).ok(),
        o => Some(o),
    }
}

/// Whether an annotation's text sits in lines of the page's own text: each
/// of its glyphs is on the baseline (within a fraction of the size) of a page
/// glyph near it (within a few sizes left or right: the label before a
/// stamped number, the rest of the line after it).
pub fn stamped_into_lines(annotation: &[Glyph], page: &[Glyph]) -> bool {
    let visible: Vec<&Glyph> = annotation.iter().filter(|g| !g.is_space()).collect();
    let (x0, x1) = visible
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), g| {
            (lo.min(g.x), hi.max(g.x + g.w))
        });
    !visible.is_empty()
        && visible.iter().all(|a| {
            let reach = 4.0 * a.size;
            page.iter().any(|p| {
                p.dir == a.dir
                    && !p.is_space()
                    && (p.y - a.y).abs() <= 0.35 * p.size.max(a.size)
                    && p.x + p.w >= x0 - reach
                    && p.x <= x1 + reach
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placement_maps_the_box_onto_the_rectangle() {
        // A 45 x 29 form drawn into [391 722 436 751]: a translation.
        let p = placement(
            [391.0, 722.0, 436.0, 751.0],
            [0.0, 0.0, 45.0, 29.0],
            [1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
        )
        .unwrap();
        assert_eq!(p, [1.0, 0.0, 0.0, 1.0, 391.0, 722.0]);
        // A form twice the rectangle's size is scaled down.
        let p = placement(
            [100.0, 100.0, 150.0, 110.0],
            [0.0, 0.0, 100.0, 20.0],
            [1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
        )
        .unwrap();
        assert_eq!(p, [0.5, 0.0, 0.0, 0.5, 100.0, 100.0]);
        assert!(placement([0.0; 4], [0.0; 4], [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]).is_none());
    }
}
