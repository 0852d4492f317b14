//! The font of each glyph, so that text typed in a legacy 8-bit font is
//! read by its font.
//!
//! Vietnamese fonts of the 1990s–2000s (`.VnTime`, `VNI-Times`) draw their
//! own code page behind ordinary codes, and a PDF made from such a document
//! keeps the codes: byte 0xAD of a `.VnTime` string is TCVN3 `ư`, which
//! WinAnsiEncoding names `hyphen`, so pdf-extract reads it as `-`. The
//! other readers record the font of every run ([`crate::model::Doc::fonts`])
//! and normalize decodes a legacy run by its font, from its bytes as
//! Windows-1252 characters. pdf-extract does not tell which font drew a
//! glyph, so the page's content is walked once more
//! ([`super::actual_text::page_fonts`]) for each glyph's font and code; the
//! walk is used only when it counts exactly the glyphs pdf-extract drew.
//!
//! Only documents with a font whose name declares a legacy code page are
//! walked ([`has_legacy_font`]): other PDFs cost nothing more and come out
//! as before.
//!
//! A glyph of a legacy font reads as its code's Windows-1252 character when
//! the font is simple and pdf-extract read its codes through a standard
//! encoding (no `/ToUnicode`, no `/Differences`). A font with its own map
//! (Acrobat Distiller puts the letters it could not encode in WinAnsi in a
//! composite copy of the font, with a `/ToUnicode` map) gives the
//! Windows-1252 character of each byte, except for the stand-ins of
//! [`STAND_INS`]. A legacy-named font whose map gives any other character
//! was decoded by whoever made the PDF: its text is Unicode already, and its
//! glyphs are given no font, so nothing decodes them twice.

use std::collections::HashMap;

use pdf_extract::{Dictionary, Document, Object};

use super::actual_text::deref;
use super::glyphs::{Glyph, UNMAPPED};
use crate::model::FontEncoding;
use crate::vi::legacy::{cp1252_byte, cp1252_char};

/// Distinct fonts recorded on one page; glyphs of further fonts are given
/// none (a hostile page may select a new font for every glyph).
pub const MAX_FONTS: usize = 1024;

/// What a font's map gives for a byte of a legacy font instead of its
/// Windows-1252 character: Acrobat Distiller 6 (PDFMaker for Word) maps
/// 0xAD (TCVN3 `ư`, a soft hyphen in Windows-1252) to U+2212 MINUS SIGN and
/// 0xB7 (TCVN3 `ã`, a middle dot) to U+2219 BULLET OPERATOR.
pub const STAND_INS: [(char, u8); 2] = [('\u{2212}', 0xAD), ('\u{2219}', 0xB7)];

/// A font as the walk met it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FontInfo {
    /// The `/BaseFont` name without its subset prefix (`CCBOEA+.VnTime`
    /// is `.VnTime`).
    pub name: String,
    /// The name declares a legacy code page (TCVN3, TCVN3 capitals, VNI).
    pub legacy: bool,
    /// A simple font read through a standard encoding: the code is the byte.
    pub bytes: bool,
}

impl FontInfo {
    pub fn of(doc: &Document, font: &Dictionary) -> FontInfo {
        let name = base_font(doc, font).unwrap_or_default();
        let legacy = FontEncoding::code_page_of(&name).is_some();
        let simple = !matches!(
            font.get(b"Subtype").and_then(Object::as_name),
            Ok(b"Type0" | b"Type3")
        );
        let encoding = font.get(b"Encoding").ok().and_then(|e| deref(doc, e));
        let standard = matches!(encoding, None | Some(Object::Name(_)));
        FontInfo {
            name,
            legacy,
            bytes: simple && standard && font.get(b"ToUnicode").is_err(),
        }
    }
}

/// Each glyph's font and code on a page, in drawing order.
#[derive(Debug, Default)]
pub struct GlyphFonts {
    /// The fonts met; a glyph's id `n` is `fonts[n - 1]`.
    pub fonts: Vec<FontInfo>,
    /// Per glyph: font id (0: none) and character code.
    pub glyphs: Vec<(u16, u32)>,
    /// Ids by font, and by font dictionary (its address: each dictionary
    /// is read once however many `Tf` select it).
    ids: HashMap<FontInfo, u16>,
    dicts: HashMap<usize, u16>,
}

impl GlyphFonts {
    /// The id of the font `dict`, added if new; 0 past [`MAX_FONTS`].
    pub fn id(&mut self, doc: &Document, dict: &Dictionary) -> u16 {
        let key = std::ptr::from_ref(dict) as usize;
        if let Some(&id) = self.dicts.get(&key) {
            return id;
        }
        let font = FontInfo::of(doc, dict);
        let id = match self.ids.get(&font) {
            Some(&id) => id,
            None if self.fonts.len() >= MAX_FONTS => 0,
            None => {
                self.fonts.push(font.clone());
                let id = u16::try_from(self.fonts.len()).unwrap_or(0);
                self.ids.insert(font, id);
                id
            }
        };
        self.dicts.insert(key, id);
        id
    }
}

/// A font name without the subset prefix a PDF writer adds to an embedded
/// subset (six capital letters and `+`).
pub fn strip_subset(name: &str) -> &str {
    match name.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()) => rest,
        _ => name,
    }
}

fn base_font(doc: &Document, font: &Dictionary) -> Option<String> {
    let name = deref(doc, font.get(b"BaseFont").ok()?)?.as_name().ok()?;
    Some(strip_subset(&String::from_utf8_lossy(name)).to_string())
}

/// Whether the document has a font whose name declares a legacy code page.
/// One look at every object, so that other PDFs skip the font walk.
pub fn has_legacy_font(doc: &Document) -> bool {
    doc.objects.values().any(|o| {
        o.as_dict().is_ok_and(|d| {
            d.get(b"BaseFont").and_then(Object::as_name).is_ok_and(|n| {
                FontEncoding::code_page_of(strip_subset(&String::from_utf8_lossy(n))).is_some()
            })
        })
    })
}

/// Give each drawn glyph its font and, in a legacy font, its bytes as
/// Windows-1252 characters; returns the page's font names (a glyph's font
/// `n` is `names[n - 1]`). Nothing changes when `fonts` does not count the
/// glyphs drawn.
pub fn apply(drawn: &mut [Option<Glyph>], fonts: &GlyphFonts) -> Vec<String> {
    if fonts.glyphs.len() != drawn.len() {
        return Vec::new();
    }
    let font = |id: u16| {
        usize::from(id)
            .checked_sub(1)
            .and_then(|i| fonts.fonts.get(i))
    };
    // Legacy fonts with a map of their own that gives Unicode text.
    let mut decoded = vec![false; fonts.fonts.len()];
    for (g, &(id, _)) in drawn.iter().zip(&fonts.glyphs) {
        let (Some(g), Some(f)) = (g, font(id)) else {
            continue;
        };
        if f.legacy && !f.bytes && !stands_for_a_byte(&g.text) {
            decoded[usize::from(id) - 1] = true;
        }
    }
    for (g, &(id, code)) in drawn.iter_mut().zip(&fonts.glyphs) {
        let (Some(g), Some(f)) = (g.as_mut(), font(id)) else {
            continue;
        };
        if !f.legacy {
            g.font = id;
            continue;
        }
        if decoded[usize::from(id) - 1] {
            continue;
        }
        g.font = id;
        if f.bytes {
            // Below 0x20 a code is no letter of any legacy code page:
            // pdf-extract's reading stands.
            if let Some(b) = u8::try_from(code).ok().filter(|&b| b >= 0x20) {
                g.text = byte_text(b);
            }
        } else if let Some(b) = stand_in(&g.text) {
            g.text = byte_text(b);
        }
    }
    fonts.fonts.iter().map(|f| f.name.clone()).collect()
}

/// The text of a byte of a legacy run: its Windows-1252 character (0xA0,
/// a no-break space there, is a space, as for every glyph).
fn byte_text(b: u8) -> String {
    match b {
        0xA0 => " ".to_string(),
        b => cp1252_char(b).to_string(),
    }
}

/// The one character of a glyph's text.
fn single(text: &str) -> Option<char> {
    let mut chars = text.chars();
    chars.next().filter(|_| chars.next().is_none())
}

/// The byte a glyph's text stands in for ([`STAND_INS`]).
fn stand_in(text: &str) -> Option<u8> {
    let c = single(text)?;
    STAND_INS.iter().find(|&&(s, _)| s == c).map(|&(_, b)| b)
}

/// Whether a glyph's text from a font's own map can be a byte of a legacy
/// run: one Windows-1252 character or stand-in, a space, or nothing mapped.
fn stands_for_a_byte(text: &str) -> bool {
    single(text).is_some_and(|c| {
        c == UNMAPPED || c.is_whitespace() || cp1252_byte(c).is_some() || stand_in(text).is_some()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subset_prefixes_are_removed() {
        assert_eq!(strip_subset("CCBOEA+.VnTime"), ".VnTime");
        assert_eq!(strip_subset("FBHPEM+VnTimeBold"), "VnTimeBold");
        assert_eq!(strip_subset("TimesNewRomanPSMT"), "TimesNewRomanPSMT");
        // Not a subset tag: kept as it is.
        assert_eq!(strip_subset("Abcdef+X"), "Abcdef+X");
        assert_eq!(strip_subset("ABC+X"), "ABC+X");
    }

    #[test]
    fn legacy_names_as_pdf_writers_give_them() {
        for name in [
            "CCBOEA+.VnTime",
            "CCBOFB+.VnTime,Bold",
            "CCBOCO+.VnTimeH",
            "FBHPEM+VnTime",
            "FBHPHA+VnTimeBold",
            "FBHPFO+VnTimeHBold",
            "FBHPLC+VnTimeBoldItalic",
        ] {
            assert!(
                FontEncoding::code_page_of(strip_subset(name)).is_some(),
                "{name}"
            );
        }
        for name in ["TimesNewRomanPSMT", "CCBPAA+ArialMT", "Arial", "Symbol"] {
            assert!(
                FontEncoding::code_page_of(strip_subset(name)).is_none(),
                "{name}"
            );
        }
    }

    fn glyph(text: &str) -> Option<Glyph> {
        Some(Glyph {
            dir: 0,
            x: 0.0,
            y: 0.0,
            w: 5.0,
            size: 10.0,
            text: text.to_string(),
            font: 0,
        })
    }

    fn font(name: &str, bytes: bool) -> FontInfo {
        FontInfo {
            name: name.into(),
            legacy: FontEncoding::code_page_of(name).is_some(),
            bytes,
        }
    }

    fn texts(drawn: &[Option<Glyph>]) -> Vec<(String, u16)> {
        drawn
            .iter()
            .flatten()
            .map(|g| (g.text.clone(), g.font))
            .collect()
    }

    #[test]
    fn legacy_glyphs_read_as_their_bytes() {
        // `n­íc` in `.VnTime` as pdf-extract reads it through WinAnsi
        // (0xAD is `hyphen`), `−` from Distiller's composite copy of the
        // font, and a glyph of a Unicode font.
        let mut drawn = vec![
            glyph("n"),
            glyph("-"),
            glyph("í"),
            glyph("c"),
            glyph("\u{2212}"),
            glyph("A"),
        ];
        let fonts = GlyphFonts {
            fonts: vec![
                font(".VnTime", true),
                font("VnTime", false),
                font("ArialMT", true),
            ],
            glyphs: vec![
                (1, 0x6E),
                (1, 0xAD),
                (1, 0xED),
                (1, 0x63),
                (2, 0x86),
                (3, 0x41),
            ],
            ..Default::default()
        };
        let names = apply(&mut drawn, &fonts);
        assert_eq!(names, [".VnTime", "VnTime", "ArialMT"]);
        let want: Vec<(String, u16)> = [
            ("n", 1),
            ("\u{ad}", 1),
            ("í", 1),
            ("c", 1),
            ("\u{ad}", 2),
            ("A", 3),
        ]
        .iter()
        .map(|&(t, f)| (t.to_string(), f))
        .collect();
        assert_eq!(texts(&drawn), want);
    }

    #[test]
    fn a_legacy_font_its_producer_decoded_gets_no_font() {
        // A `.VnTime` whose map gives Unicode Vietnamese (`ư`, U+01B0).
        let mut drawn = vec![glyph("n"), glyph("ư"), glyph("ớ"), glyph("c")];
        let fonts = GlyphFonts {
            fonts: vec![font(".VnTime", false)],
            glyphs: vec![(1, 1), (1, 2), (1, 3), (1, 4)],
            ..Default::default()
        };
        apply(&mut drawn, &fonts);
        let fonts: Vec<u16> = drawn.iter().flatten().map(|g| g.font).collect();
        assert_eq!(fonts, [0, 0, 0, 0]);
        assert_eq!(drawn[1].as_ref().map(|g| g.text.as_str()), Some("ư"));
    }

    /// A circular of 2006 from the legacy set (`fixtures/legacy-real`),
    /// made by Acrobat Distiller from Word: `VnTime`, `VnTimeBold`,
    /// `VnTimeHBold` (no dot, the style in the name), with `ư` and `ã` in
    /// composite copies of the fonts. Expected lines read from its hand
    /// transcript; the transcript writes the `.VnTimeH` capitals in lower
    /// case.
    #[test]
    fn real_circular_reads_by_its_fonts() {
        let path = format!(
            "{}/fixtures/legacy-real/2006-16EZE_TT01.06GopvonDNNVV.pdf",
            env!("CARGO_MANIFEST_DIR")
        );
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let d = super::super::extract::extract(&bytes, std::time::Duration::from_secs(60)).unwrap();
        assert_eq!(d.doc.check(), Ok(()));
        let names: Vec<&str> = d.doc.fonts.iter().map(|f| f.font.as_str()).collect();
        for name in ["VnTime", "VnTimeBold", "VnTimeHBold"] {
            assert!(names.contains(&name), "{name} not in {names:?}");
        }
        assert!(names.iter().all(|n| !n.contains('+')), "{names:?}");
        let text = crate::normalize::fonts::decode_doc(&d.doc).0.text.clone();
        let lines: Vec<&str> = text.lines().collect();
        for line in [
            "Hướng dẫn một số nội dung về góp vốn thành lập",
            "16/12/2005 của Thủ tướng Chính phủ về việc tiếp tục đẩy mạnh công tác trợ",
            "dụng không được vượt quá 11% vốn điều lệ của Quỹ bảo lãnh tín dụng.",
            "thương mại khác không được vượt quá 40% vốn điều lệ và quỹ dự trữ của tổ",
            "Uỷ ban nhân dân tỉnh, thành phố trực thuộc Trung ương thành lập.",
            "khăn, vướng mắc đề nghị báo cáo bằng văn bản về Ngân hàng Nhà nước Việt",
            "- Thủ tướng và các Phó Thủ tướng",
        ] {
            assert!(lines.contains(&line), "missing: {line}\n{text}");
        }
        // The heading in `VnTimeHBold` capitals, `ư` and `ã` among them.
        let first: Vec<&str> = lines[0].split_whitespace().collect();
        assert_eq!(
            first.join(" "),
            "NGÂN HÀNG NHÀ NƯỚC CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        );
        // `Số` in `VnTime` beside the date in `VnTimeItalic`: one line, not
        // a short run of capitals and digits read as a line of capitals.
        let number = lines.iter().find(|l| l.contains("01/2006/TT-NHNN"));
        assert_eq!(
            number.map(|l| l.split('\t').map(str::trim).collect::<Vec<_>>()),
            Some(vec![
                "Số : 01/2006/TT-NHNN",
                "Hà Nội, ngày 20 tháng 02 năm 2006"
            ])
        );
    }

    #[test]
    fn counts_that_disagree_change_nothing() {
        let mut drawn = vec![glyph("-")];
        let fonts = GlyphFonts {
            fonts: vec![font(".VnTime", true)],
            glyphs: vec![(1, 0xAD), (1, 0x20)],
            ..Default::default()
        };
        assert!(apply(&mut drawn, &fonts).is_empty());
        assert_eq!(texts(&drawn), [("-".to_string(), 0)]);
    }
}
