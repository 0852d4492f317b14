//! `/ActualText` spans of a page, as glyph index ranges.
//!
//! A marked-content span `/Span <</ActualText (ế)>> BDC … EMC` says what the
//! glyphs inside it read as; LibreOffice uses it when a fallback font draws a
//! letter as a base glyph plus a mark. pdf-extract ignores marked content, so
//! the page's content stream is walked here once more, counting the glyphs
//! each text operator shows exactly as pdf-extract does (`Tj` and `TJ`
//! strings, one code per byte for simple fonts, two for Identity composite
//! fonts, form XObjects followed). The caller uses the spans only when the
//! total count equals the number of glyphs pdf-extract reported.
//!
//! The same walk records each glyph's font and character code when asked
//! ([`page_fonts`]): pdf-extract does not say which font drew a glyph, and
//! text in a legacy 8-bit font is read by its font ([`super::fonts`]).

use pdf_extract::content::Content;
use pdf_extract::{Dictionary, Document, Object, ObjectId};

use super::fonts::GlyphFonts;
use super::glyphs::MAX_GLYPHS_PER_PAGE;

/// Glyphs `start..end` (in drawing order on the page) read as `text`.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// Spans and the number of glyphs counted on the page.
#[derive(Debug, Default)]
pub struct Spans {
    pub spans: Vec<Span>,
    pub glyphs: usize,
}

/// Nested forms deeper than this are not followed (pdf-extract would loop).
const MAX_DEPTH: usize = 8;

/// The page's ActualText spans; `None` when the page has none or uses
/// something this walk does not model (then the glyphs are used as they are).
pub fn page_spans(doc: &Document, page: ObjectId) -> Option<Spans> {
    let content = doc.get_page_content(page).ok()?;
    if !contains(&content, b"ActualText") {
        return None;
    }
    let resources = inherited_resources(doc, page)?;
    let mut walk = Walk::default();
    walk.stream(doc, &content, resources, 0)?;
    if walk.spans.is_empty() {
        return None;
    }
    Some(Spans {
        spans: walk.spans,
        glyphs: walk.glyphs,
    })
}

/// Each glyph's font and code on the page, in drawing order; `None` when
/// the walk cannot model the page (the caller then keeps the glyphs as
/// pdf-extract read them).
pub fn page_fonts(doc: &Document, page: ObjectId) -> Option<GlyphFonts> {
    let content = doc.get_page_content(page).ok()?;
    let resources = inherited_resources(doc, page)?;
    let mut walk = Walk {
        fonts: Some(GlyphFonts::default()),
        ..Default::default()
    };
    walk.stream(doc, &content, resources, 0)?;
    walk.fonts
}

#[derive(Default)]
struct Walk {
    glyphs: usize,
    spans: Vec<Span>,
    /// Open marked-content sections: `Some((start, text))` for ActualText ones.
    marked: Vec<Option<(usize, String)>>,
    /// Each glyph's font and code, when recorded ([`page_fonts`]).
    fonts: Option<GlyphFonts>,
}

/// The font in force: bytes per code and its id in [`GlyphFonts::fonts`]
/// (0: not recorded).
#[derive(Clone, Copy)]
struct Current {
    width: usize,
    id: u16,
}

impl Walk {
    fn stream(
        &mut self,
        doc: &Document,
        content: &[u8],
        resources: &Dictionary,
        depth: usize,
    ) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        let ops = Content::decode(content).ok()?.operations;
        // The current font; saved by q, restored by Q.
        let mut font: Option<Current> = None;
        let mut saved: Vec<Option<Current>> = Vec::new();
        for op in &ops {
            match op.operator.as_str() {
                "q" => saved.push(font),
                "Q" => font = saved.pop().unwrap_or(font),
                "Tf" => {
                    let name = op.operands.first()?.as_name().ok()?;
                    let dict = font_dict(doc, resources, name)?;
                    let width = code_width(dict)?;
                    let id = match &mut self.fonts {
                        Some(f) => f.id(doc, dict),
                        None => 0,
                    };
                    font = Some(Current { width, id });
                }
                "Tj" => {
                    if let Some(Object::String(s, _)) = op.operands.first() {
                        self.show(s, font?)?;
                    }
                }
                "TJ" => {
                    if let Some(Object::Array(items)) = op.operands.first() {
                        for item in items {
                            if let Object::String(s, _) = item {
                                self.show(s, font?)?;
                            }
                        }
                    }
                }
                "BDC" => {
                    let actual = op
                        .operands
                        .get(1)
                        .and_then(|o| o.as_dict().ok())
                        .and_then(|d| d.get(b"ActualText").ok())
                        .and_then(|o| o.as_str().ok())
                        .map(decode_text_string);
                    self.marked.push(actual.map(|t| (self.glyphs, t)));
                }
                "BMC" => self.marked.push(None),
                "EMC" => {
                    if let Some(Some((start, text))) = self.marked.pop() {
                        // The outermost span wins: drop spans nested inside.
                        self.spans.retain(|s| s.start < start);
                        self.spans.push(Span {
                            start,
                            end: self.glyphs,
                            text,
                        });
                    }
                }
                "Do" => {
                    let name = op.operands.first()?.as_name().ok()?;
                    let xobjects = deref(doc, resources.get(b"XObject").ok()?)?
                        .as_dict()
                        .ok()?;
                    let stream = deref(doc, xobjects.get(name).ok()?)?.as_stream().ok()?;
                    let is_form = stream
                        .dict
                        .get(b"Subtype")
                        .and_then(Object::as_name)
                        .is_ok_and(|n| n == b"Form");
                    if is_form {
                        let inner = stream
                            .dict
                            .get(b"Resources")
                            .ok()
                            .and_then(|r| deref(doc, r))
                            .and_then(|r| r.as_dict().ok())
                            .unwrap_or(resources);
                        let data = stream
                            .decompressed_content()
                            .unwrap_or_else(|_| stream.content.clone());
                        self.stream(doc, &data, inner, depth + 1)?;
                    }
                    // Images show no glyphs; the caller's count check confirms it.
                }
                _ => {}
            }
        }
        Some(())
    }
}

impl Walk {
    /// Count the glyphs a string shows in `font`, recording each one's font
    /// and code when asked; `None` past [`MAX_GLYPHS_PER_PAGE`] (pdf-extract
    /// refused such a page already, so the counts could not agree).
    fn show(&mut self, s: &[u8], font: Current) -> Option<()> {
        let width = font.width.max(1);
        self.glyphs += s.len() / width;
        if let Some(f) = &mut self.fonts {
            if self.glyphs > MAX_GLYPHS_PER_PAGE {
                return None;
            }
            for code in s.chunks_exact(width) {
                let code = code.iter().fold(0u32, |c, &b| c << 8 | u32::from(b));
                f.glyphs.push((font.id, code));
            }
        }
        Some(())
    }
}

/// The font dictionary the resources call `name`.
fn font_dict<'a>(
    doc: &'a Document,
    resources: &'a Dictionary,
    name: &[u8],
) -> Option<&'a Dictionary> {
    let fonts = deref(doc, resources.get(b"Font").ok()?)?.as_dict().ok()?;
    deref(doc, fonts.get(name).ok()?)?.as_dict().ok()
}

/// Bytes per character code of a font: 1 for simple fonts, 2 for
/// composite fonts with an Identity encoding; `None` for other CMaps.
fn code_width(font: &Dictionary) -> Option<usize> {
    match font.get(b"Subtype").and_then(Object::as_name) {
        Ok(b"Type0") => {
            let encoding = font.get(b"Encoding").and_then(Object::as_name).ok()?;
            (encoding == b"Identity-H" || encoding == b"Identity-V").then_some(2)
        }
        _ => Some(1),
    }
}

/// The page's resources, looked up the page tree as PDF inheritance says.
fn inherited_resources(doc: &Document, page: ObjectId) -> Option<&Dictionary> {
    let mut dict = doc.get_object(page).ok()?.as_dict().ok()?;
    for _ in 0..MAX_DEPTH {
        if let Ok(r) = dict.get(b"Resources") {
            return deref(doc, r)?.as_dict().ok();
        }
        let parent = dict.get(b"Parent").ok()?.as_reference().ok()?;
        dict = doc.get_object(parent).ok()?.as_dict().ok()?;
    }
    None
}

pub(super) fn deref<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Object> {
    match o {
        Object::Reference(id) => doc.get_object(*id).ok(),
        o => Some(o),
    }
}

/// A PDF text string: UTF-16BE with a byte order mark, else PDFDocEncoding
/// (read as Latin-1, which it equals for letters).
fn decode_text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        bytes.iter().map(|&b| char::from(b)).collect()
    }
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_strings_decode() {
        assert_eq!(decode_text_string(&[0xFE, 0xFF, 0x1E, 0xBF]), "ế");
        assert_eq!(decode_text_string(b"abc"), "abc");
    }
}
