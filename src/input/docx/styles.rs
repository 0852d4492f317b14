//! Paragraph and character styles (`styles.xml`): what the reader needs of
//! them, read once for the numbering and the fonts.
//!
//! A style may carry list numbering (`w:numPr`) and a font (`w:rFonts`),
//! and inherits what it lacks from the style it is based on. A paragraph
//! without a style has the default paragraph style; a run without any font
//! has the document default (`w:docDefaults`).

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::NsReader;

use super::wordml::{attr, is_ns, W_NS};

/// Longest `w:basedOn` chain followed (real ones are a few links; loops exist).
const MAX_STYLE_CHAIN: usize = 16;

/// What one style sets itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Style {
    pub num_id: Option<String>,
    pub ilvl: Option<usize>,
    pub based_on: Option<String>,
    /// The font of its runs (see [`run_font`]).
    pub font: Option<String>,
}

/// The styles of one document.
#[derive(Debug, Clone, Default)]
pub struct Styles {
    styles: HashMap<String, Style>,
    /// The paragraph style marked `w:default`.
    default_paragraph: Option<String>,
    /// The run font of `w:docDefaults`.
    default_font: Option<String>,
}

impl Styles {
    /// Parse `styles.xml`. A damaged part gives no styles rather than an
    /// error: the text is still right, only markers and fonts are missing.
    pub fn parse(xml: &str) -> Styles {
        parse(xml).unwrap_or_default()
    }

    /// Style `id` followed by the styles it is based on, nearest first.
    pub fn chain<'s>(&'s self, id: Option<&'s str>) -> impl Iterator<Item = &'s Style> + 's {
        let mut next = id;
        std::iter::from_fn(move || {
            let s = self.styles.get(next?)?;
            next = s.based_on.as_deref();
            Some(s)
        })
        .take(MAX_STYLE_CHAIN)
    }

    /// The font of a run: its own (`direct`), else its character style's,
    /// else its paragraph style's (the default paragraph style when the
    /// paragraph names none), else the document default.
    pub fn font<'s>(
        &'s self,
        direct: Option<&'s str>,
        run_style: Option<&'s str>,
        para_style: Option<&'s str>,
    ) -> Option<&'s str> {
        let para_style = para_style.or(self.default_paragraph.as_deref());
        direct
            .or_else(|| self.chain(run_style).find_map(|s| s.font.as_deref()))
            .or_else(|| self.chain(para_style).find_map(|s| s.font.as_deref()))
            .or(self.default_font.as_deref())
    }
}

fn parse(xml: &str) -> Result<Styles, ()> {
    let mut out = Styles::default();
    let mut r = NsReader::from_str(xml);
    let mut cur: Option<(String, Style)> = None;
    // Inside `w:docDefaults`.
    let mut defaults = false;
    loop {
        let (ns, ev) = r.read_resolved_event().map_err(|_| ())?;
        let empty = matches!(ev, Event::Empty(_));
        match ev {
            Event::Start(e) | Event::Empty(e) if is_ns(&ns, W_NS) => {
                match (e.local_name().as_ref(), cur.as_mut()) {
                    (b"docDefaults", _) if !empty => defaults = true,
                    (b"rFonts", None) if defaults => out.default_font = run_font(&e),
                    (b"style", _) if !empty => {
                        if attr(&e, b"default").is_some_and(|v| v == "1" || v == "true")
                            && attr(&e, b"type").as_deref() == Some("paragraph")
                        {
                            out.default_paragraph = attr(&e, b"styleId");
                        }
                        cur = attr(&e, b"styleId").map(|id| (id, Style::default()))
                    }
                    (b"basedOn", Some((_, s))) => s.based_on = attr(&e, b"val"),
                    (b"numId", Some((_, s))) => s.num_id = attr(&e, b"val"),
                    (b"ilvl", Some((_, s))) => {
                        s.ilvl = attr(&e, b"val").and_then(|v| v.parse().ok())
                    }
                    (b"rFonts", Some((_, s))) => s.font = run_font(&e),
                    _ => {}
                }
            }
            Event::End(e) if is_ns(&ns, W_NS) => match e.local_name().as_ref() {
                b"style" => {
                    if let Some((id, s)) = cur.take() {
                        out.styles.insert(id, s);
                    }
                }
                b"docDefaults" => defaults = false,
                _ => {}
            },
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// The font a `w:rFonts` gives the text this reader cares about: `w:hAnsi`,
/// the font of characters U+0080–U+00FF, which is where legacy bytes read
/// as Windows-1252 fall (`QuyÕt`), else `w:ascii`. Theme fonts
/// (`w:hAnsiTheme`) are ordinary fonts and give none.
pub fn run_font(e: &BytesStart) -> Option<String> {
    attr(e, b"hAnsi")
        .or_else(|| attr(e, b"ascii"))
        .filter(|f| !f.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    #[test]
    fn fonts_come_from_the_run_its_styles_or_the_defaults() {
        let xml = format!(
            r#"<w:styles {W}>
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Liberation Serif" w:hAnsi="Liberation Serif"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:basedOn w:val="Normal"/><w:rPr><w:rFonts w:hAnsi=".VnTimeH"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Plain"><w:basedOn w:val="Loop"/></w:style>
<w:style w:type="paragraph" w:styleId="Loop"><w:basedOn w:val="Plain"/></w:style>
<w:style w:type="paragraph" w:styleId="Sub"><w:basedOn w:val="Title"/></w:style>
<w:style w:type="character" w:styleId="Vni"><w:rPr><w:rFonts w:ascii="VNI-Times"/></w:rPr></w:style>
</w:styles>"#
        );
        let s = Styles::parse(&xml);
        assert_eq!(s.font(Some("Arial"), Some("Vni"), None), Some("Arial"));
        assert_eq!(s.font(None, Some("Vni"), Some("Title")), Some("VNI-Times"));
        assert_eq!(s.font(None, None, Some("Sub")), Some(".VnTimeH"));
        assert_eq!(s.font(None, None, None), Some(".VnTime"));
        // A loop of styles ends at the chain's bound, on the default.
        assert_eq!(s.font(None, None, Some("Plain")), Some("Liberation Serif"));
        assert_eq!(Styles::parse("<w:styles").font(None, None, None), None);
    }
}
