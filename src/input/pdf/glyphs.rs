//! Text of one PDF page rebuilt from glyph positions.
//!
//! pdf-extract's own plain-text output follows the order of drawing operations,
//! which breaks on PDFs that draw a line in two passes (LibreOffice draws the
//! letters a font lacks afterwards, with a fallback font) and silently drops
//! glyphs it cannot map. Here every glyph is collected with its position
//! through [`pdf_extract::OutputDev`], then lines are rebuilt by position
//! (baseline, then x), duplicates (fake bold, shadows) are dropped, gaps become
//! spaces or tabs, and unmapped glyphs become U+FFFD so that they are counted,
//! not lost.

use pdf_extract::{ColorSpace, MediaBox, OutputDev, OutputError, Path, Transform};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use super::lines;
use super::page::{self, Laid};
use super::rules::{self, Segment};
use crate::model::{Block, FontRun};

/// The replacement for a glyph without a Unicode mapping.
pub const UNMAPPED: char = '\u{FFFD}';
const UNMAPPED_STR: &str = "\u{FFFD}";

/// The same glyph drawn again closer than this share of its size is a duplicate.
const DUPLICATE: f64 = 0.2;

/// Most glyphs one page may draw. A dense printed page draws some ten
/// thousand; a hostile one can draw tens of millions from a few hundred
/// kilobytes of compressed content, and each glyph costs memory here and in
/// the layout. Past this the page is refused as too large.
pub const MAX_GLYPHS_PER_PAGE: usize = 500_000;

/// One glyph as drawn: origin on the baseline, advance width and font size in
/// page units (PDF points), and the text it maps to.
///
/// Text drawn rotated (vertical table headers, stamps) has its coordinates
/// turned into its own frame, where it runs left to right like other text.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Writing direction in quarter turns counter-clockwise (0: normal).
    pub dir: u8,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub size: f64,
    pub text: String,
    /// The font that drew it, as an id into the page's font names
    /// ([`Collected::font_names`]; 0: not known).
    pub font: u16,
}

impl Glyph {
    pub(super) fn is_space(&self) -> bool {
        self.text.chars().all(char::is_whitespace)
    }

    pub(super) fn is_mark(&self) -> bool {
        self.text.chars().all(is_combining_mark)
    }
}

/// The text of one page and how many glyphs could not be mapped.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct PageText {
    pub text: String,
    pub glyphs: usize,
    pub unmapped: usize,
    /// Unmapped marks dropped as part of the letter before them.
    pub cluster_tails: usize,
    /// Tables and notes found on the page; ranges relative to `text`.
    pub blocks: Vec<Block>,
    /// The font of each run of `text` whose font is known; ranges relative
    /// to `text`, sorted.
    pub fonts: Vec<FontRun>,
    /// Text of digital-signature overlays, kept out of `text`.
    pub signature_overlays: Vec<String>,
}

/// Collects the glyphs of the page being drawn, in drawing order (`None` for
/// a glyph with an unusable position, kept so indices match the content stream).
#[derive(Debug, Default)]
pub struct Collector {
    drawn: Vec<Option<Glyph>>,
    segments: Vec<Segment>,
    /// The page's media box (left, bottom, right, top): glyphs drawn outside
    /// it are not on the paper (text running off a table cut at the edge).
    media: Option<(f64, f64, f64, f64)>,
    /// Set when the page drew more than [`MAX_GLYPHS_PER_PAGE`] glyphs.
    overflow: bool,
}

/// The page's glyphs once marked content has been applied.
#[derive(Debug, Default)]
pub struct Collected {
    pub glyphs: Vec<Glyph>,
    /// Glyphs whose text came from an `/ActualText` span.
    pub actual_text: usize,
    /// Unmapped glyphs dropped as the tail of a cluster (see [`cluster_tail`]).
    pub cluster_tails: usize,
    /// Straight segments of the page's drawn paths (table rules).
    pub segments: Vec<Segment>,
    /// The names of the fonts of the glyphs: a glyph's font `n` is
    /// `font_names[n - 1]` (see [`super::fonts`]).
    pub font_names: Vec<String>,
}

impl Collector {
    /// Whether some glyph had no Unicode mapping (only then are the page's
    /// `/ActualText` spans worth reading: the content stream is parsed again).
    pub fn has_unmapped(&self) -> bool {
        self.drawn.iter().flatten().any(|g| g.text == UNMAPPED_STR)
    }

    /// Whether the page was stopped at [`MAX_GLYPHS_PER_PAGE`].
    pub fn overflowed(&self) -> bool {
        self.overflow
    }

    /// The glyphs, with their fonts (from [`super::actual_text::page_fonts`],
    /// see [`super::fonts::apply`]) and `spans` (from [`super::actual_text`])
    /// applied when they count exactly the glyphs drawn: the first glyph of
    /// a span reads as the span's text, the others as nothing. Without
    /// usable spans, an unmapped glyph right after a composed letter is
    /// dropped as that letter's mark.
    pub fn finish(
        self,
        spans: Option<super::actual_text::Spans>,
        fonts: Option<super::fonts::GlyphFonts>,
    ) -> Collected {
        let mut drawn = self.drawn;
        let font_names = fonts
            .map(|f| super::fonts::apply(&mut drawn, &f))
            .unwrap_or_default();
        let mut out = Collected {
            segments: self.segments,
            font_names,
            ..Default::default()
        };
        let mut replaced = vec![false; drawn.len()];
        if let Some(s) = spans.filter(|s| s.glyphs == drawn.len()) {
            for span in s.spans {
                if span.start >= span.end || span.end > drawn.len() {
                    continue;
                }
                if let Some(g) = drawn[span.start].as_mut() {
                    // The span's text is Unicode, whatever the font's code.
                    g.font = 0;
                    g.text = clean(&span.text);
                    if g.text == UNMAPPED_STR {
                        g.text = " ".into();
                    }
                }
                for (i, slot) in drawn.iter_mut().enumerate().take(span.end).skip(span.start) {
                    replaced[i] = true;
                    if i > span.start {
                        *slot = None;
                    }
                }
                out.actual_text += span.end - span.start;
            }
        }
        for (g, from_span) in drawn.into_iter().zip(replaced) {
            let Some(g) = g else { continue };
            if !from_span
                && g.text == UNMAPPED_STR
                && out
                    .glyphs
                    .last()
                    .is_some_and(|prev| prev.dir == g.dir && cluster_tail(prev, &g))
            {
                out.cluster_tails += 1;
                continue;
            }
            out.glyphs.push(g);
        }
        out
    }
}

/// LibreOffice draws a letter its fallback font has no precomposed glyph for
/// (`ế` in DejaVu Sans Mono) as two glyphs inside an `/ActualText (ế)` span:
/// the first maps to the whole letter, the second (the mark) maps to nothing.
/// pdf-extract does not read ActualText, so that second glyph arrives
/// unmapped right after a letter with diacritics, at most one advance away.
/// It is part of that letter, not a lost character.
fn cluster_tail(prev: &Glyph, cur: &Glyph) -> bool {
    let mut chars = prev.text.chars();
    let composed = match (chars.next(), chars.next()) {
        (Some(c), None) => c.to_string().nfd().count() > 1,
        _ => false,
    };
    let size = prev.size.max(cur.size);
    composed
        && (cur.y - prev.y).abs() < DUPLICATE * size
        && cur.x >= prev.x - DUPLICATE * size
        && cur.x <= prev.x + prev.w + DUPLICATE * size
}

/// What a decoded glyph string stands for: text, a space, or nothing mapped.
fn clean(decoded: &str) -> String {
    if decoded.is_empty() {
        return UNMAPPED.to_string();
    }
    let mut out = String::with_capacity(decoded.len());
    for c in decoded.chars() {
        match c {
            '\0' | UNMAPPED => out.push(UNMAPPED),
            '\t' | '\n' | '\r' | '\u{c}' | '\u{a0}' => out.push(' '),
            c if c.is_control() => out.push(UNMAPPED),
            c => out.push(c),
        }
    }
    out
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.drawn.clear();
        self.segments.clear();
        let b = media_box;
        let (x0, x1) = (b.llx.min(b.urx), b.llx.max(b.urx));
        let (y0, y1) = (b.lly.min(b.ury), b.lly.max(b.ury));
        self.media = (x1 - x0 > 1.0 && y1 - y0 > 1.0).then_some((x0, y0, x1, y1));
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        if self.drawn.len() >= MAX_GLYPHS_PER_PAGE {
            // pdf-extract stops the page on an error; the flag says why.
            self.overflow = true;
            return Err(OutputError::FormatError(std::fmt::Error));
        }
        // Trm maps text space (glyph units × font size) to page space; its
        // column lengths are the horizontal and vertical scales.
        let x_scale = trm.m11.hypot(trm.m12);
        let y_scale = trm.m21.hypot(trm.m22);
        let size = (font_size * if y_scale > 0.0 { y_scale } else { x_scale }).abs();
        let dir = (trm.m12.atan2(trm.m11) / std::f64::consts::FRAC_PI_2).round() as i64;
        let dir = dir.rem_euclid(4) as u8;
        let (x, y) = (trm.m31, trm.m32);
        // A glyph that starts off the paper is not printed; one that only
        // runs over the edge is (a table drawn a little past the margin).
        let on_paper = self.media.is_none_or(|(x0, y0, x1, y1)| {
            let end = x + trm.m11 * width * font_size;
            x <= x1 && end >= x0 && y0 - size <= y && y <= y1 + size
        });
        let (x, y) = match dir {
            1 => (y, -x),
            2 => (-x, -y),
            3 => (-y, x),
            _ => (x, y),
        };
        let glyph = Glyph {
            dir,
            x,
            y,
            w: (width * font_size * x_scale).abs(),
            size,
            text: clean(char),
            font: 0,
        };
        let usable = on_paper
            && glyph.x.is_finite()
            && glyph.y.is_finite()
            && glyph.w.is_finite()
            && size.is_finite();
        self.drawn.push(usable.then_some(glyph));
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn stroke(
        &mut self,
        ctm: &Transform,
        _colorspace: &ColorSpace,
        color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        if !is_white(color) {
            rules::stroked(ctm, path, &mut self.segments);
        }
        Ok(())
    }

    fn fill(
        &mut self,
        ctm: &Transform,
        _colorspace: &ColorSpace,
        color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        if !is_white(color) {
            rules::filled(ctm, path, &mut self.segments);
        }
        Ok(())
    }
}

/// A white (gray or RGB) stroke or fill draws nothing visible on paper: no rule.
fn is_white(color: &[f64]) -> bool {
    matches!(color.len(), 1 | 3) && color.iter().all(|&c| c >= 0.95)
}

/// Rebuild the page's text from its glyphs and rules: top to bottom, left to
/// right, ruled tables as rows of cells ([`super::page`]); rotated text after
/// the normal text, one direction at a time, as plain lines.
pub fn page_text(glyphs: Vec<Glyph>) -> PageText {
    page_layout(glyphs, &[], &[])
}

/// [`page_text`] with the page's drawn rules (for ruled tables) and the
/// names of the glyphs' fonts ([`Collected::font_names`]).
pub fn page_layout(glyphs: Vec<Glyph>, segments: &[Segment], font_names: &[String]) -> PageText {
    let mut page = PageText {
        glyphs: glyphs.len(),
        ..Default::default()
    };
    let mut by_dir: [Vec<Glyph>; 4] = Default::default();
    for g in glyphs {
        by_dir[usize::from(g.dir % 4)].push(g);
    }
    let [normal, rest @ ..] = by_dir;
    let mut laid = Laid::default();
    page::lay_out(normal, segments, &mut laid);
    for group in rest {
        for line in lines::lines(group) {
            let mut fonts = Vec::new();
            let built = lines::plain(&lines::pieces_fonts(&line, &mut laid.unmapped, &mut fonts));
            if !built.is_empty() {
                if !laid.text.is_empty() {
                    laid.text.push('\n');
                }
                let at = laid.text.len();
                laid.text.push_str(&built);
                page::carry(&mut laid, &fonts, 0..built.len(), at);
            }
        }
    }
    page.fonts = laid
        .fonts
        .into_iter()
        .filter_map(|(range, id)| {
            let name = usize::from(id)
                .checked_sub(1)
                .and_then(|i| font_names.get(i))?;
            Some(FontRun {
                range,
                font: name.clone(),
            })
        })
        .collect();
    page.text = laid.text;
    page.blocks = laid.blocks;
    page.unmapped = laid.unmapped;
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(x: f64, y: f64, text: &str) -> Glyph {
        Glyph {
            dir: 0,
            x,
            y,
            w: 6.0,
            size: 12.0,
            text: text.to_string(),
            font: 0,
        }
    }

    /// A word drawn letter by letter from `x`, 6 points per letter.
    fn word(x: f64, y: f64, s: &str) -> Vec<Glyph> {
        s.chars()
            .enumerate()
            .map(|(i, c)| g(x + 6.0 * i as f64, y, &c.to_string()))
            .collect()
    }

    #[test]
    fn orders_lines_top_down_and_glyphs_left_to_right() {
        let mut glyphs = word(100.0, 700.0, "HAI");
        glyphs.extend(word(100.0, 720.0, "MỘT"));
        glyphs.reverse();
        assert_eq!(page_text(glyphs).text, "MỘT\nHAI");
    }

    #[test]
    fn fallback_pass_letters_slot_into_place() {
        // "CỘNG HÒA": the first pass draws the letters Liberation Serif has,
        // the second pass draws Ộ with a fallback font at its own position.
        let mut glyphs = vec![g(0.0, 700.0, "C")];
        glyphs.extend(word(12.0, 700.0, "NG"));
        glyphs.extend(word(32.0, 700.0, "HÒA"));
        glyphs.push(g(6.0, 700.0, "Ộ"));
        assert_eq!(page_text(glyphs).text, "CỘNG HÒA");
    }

    #[test]
    fn gaps_become_spaces_and_tabs() {
        let mut glyphs = word(0.0, 500.0, "TT");
        glyphs.extend(word(40.0, 500.0, "Tên")); // 28 pt gap: a cell boundary
        glyphs.extend(word(60.0, 500.0, "sản")); // 2 pt gap: a word space
        let mut spaced = word(0.0, 400.0, "a");
        spaced.push(g(6.0, 400.0, " ")); // explicit space glyph, no gap
        spaced.extend(word(8.0, 400.0, "b"));
        glyphs.extend(spaced);
        assert_eq!(page_text(glyphs).text, "TT\tTên sản\na b");
    }

    #[test]
    fn duplicates_from_double_drawing_are_dropped() {
        let mut glyphs = word(0.0, 500.0, "Bộ");
        glyphs.extend(word(0.3, 500.2, "Bộ"));
        assert_eq!(page_text(glyphs).text, "Bộ");
        // A real double letter, one advance apart, stays.
        assert_eq!(page_text(word(0.0, 500.0, "oo")).text, "oo");
    }

    #[test]
    fn superscript_marker_stays_on_its_line() {
        let mut glyphs = word(0.0, 500.0, "2020");
        glyphs.push(Glyph {
            dir: 0,
            x: 24.0,
            y: 504.0,
            w: 3.5,
            size: 7.0,
            text: "3".into(),
            font: 0,
        });
        glyphs.extend(word(0.0, 486.0, "sau"));
        assert_eq!(page_text(glyphs).text, "20203\nsau");
    }

    #[test]
    fn unmapped_glyphs_are_marked_and_counted() {
        let glyphs = vec![
            g(0.0, 10.0, "a"),
            g(6.0, 10.0, &clean("")),
            g(12.0, 10.0, &clean("\0")),
        ];
        let page = page_text(glyphs);
        assert_eq!(page.text, "a\u{FFFD}\u{FFFD}");
        assert_eq!(page.unmapped, 2);
        assert_eq!(page.glyphs, 3);
    }

    #[test]
    fn combining_mark_follows_its_letter() {
        let glyphs = vec![
            g(6.0, 10.0, "e"),
            Glyph {
                dir: 0,
                x: 5.0,
                y: 10.0,
                w: 3.0,
                size: 12.0,
                text: "\u{0323}".into(),
                font: 0,
            },
            g(12.0, 10.0, "n"),
        ];
        assert_eq!(page_text(glyphs).text, "e\u{0323}n");
    }

    #[test]
    fn rotated_text_reads_along_its_direction() {
        let mut c = Collector::default();
        // "Số TT" drawn going up the page (a quarter turn), then a normal word.
        for (i, ch) in ["S", "ố", " ", "T", "T"].iter().enumerate() {
            let up = 100.0 + 6.0 * i as f64;
            let trm = Transform::row_major(0.0, 1.0, -1.0, 0.0, 50.0, up);
            c.output_character(&trm, 0.5, 0.0, 12.0, ch).unwrap();
        }
        let trm = Transform::row_major(1.0, 0.0, 0.0, 1.0, 80.0, 300.0);
        c.output_character(&trm, 0.5, 0.0, 12.0, "A").unwrap();
        let got = c.finish(None, None);
        assert_eq!(got.glyphs[0].dir, 1);
        assert_eq!(page_text(got.glyphs).text, "A\nSố TT");
    }

    #[test]
    fn unmapped_mark_after_its_composed_letter_is_dropped() {
        let mut c = Collector::default();
        let at = |x: f64| Transform::row_major(1.0, 0.0, 0.0, 1.0, x, 500.0);
        // "viết" where ế is drawn as [ế-glyph, unmapped mark one advance on].
        for (x, ch) in [(0.0, "v"), (6.0, "i"), (12.0, "ế"), (18.0, ""), (18.0, "t")] {
            c.output_character(&at(x), 0.5, 0.0, 12.0, ch).unwrap();
        }
        // A letter really lost after a plain letter stays marked.
        for (x, ch) in [(40.0, "t"), (46.0, ""), (52.0, "p")] {
            c.output_character(&at(x), 0.5, 0.0, 12.0, ch).unwrap();
        }
        let got = c.finish(None, None);
        assert_eq!(got.cluster_tails, 1);
        assert_eq!(page_text(got.glyphs).text, "viết t\u{FFFD}p");
    }

    #[test]
    fn actual_text_spans_replace_their_glyphs() {
        use super::super::actual_text::{Span, Spans};
        let mut c = Collector::default();
        let at = |x: f64| Transform::row_major(1.0, 0.0, 0.0, 1.0, x, 500.0);
        // "triển": the base glyph maps to ế (its first use), the mark to nothing.
        for (x, ch) in [
            (0.0, "t"),
            (6.0, "r"),
            (12.0, "i"),
            (18.0, "ế"),
            (24.0, ""),
            (24.0, "n"),
        ] {
            c.output_character(&at(x), 0.5, 0.0, 12.0, ch).unwrap();
        }
        let spans = Spans {
            spans: vec![Span {
                start: 3,
                end: 5,
                text: "ể".into(),
            }],
            glyphs: 6,
        };
        let got = c.finish(Some(spans), None);
        assert_eq!(got.actual_text, 2);
        assert_eq!(got.cluster_tails, 0);
        assert_eq!(page_text(got.glyphs).text, "triển");
    }

    #[test]
    fn spans_that_do_not_count_the_glyphs_are_ignored() {
        use super::super::actual_text::{Span, Spans};
        let mut c = Collector::default();
        let at = |x: f64| Transform::row_major(1.0, 0.0, 0.0, 1.0, x, 500.0);
        for (x, ch) in [(0.0, "a"), (6.0, "b")] {
            c.output_character(&at(x), 0.5, 0.0, 12.0, ch).unwrap();
        }
        let spans = Spans {
            spans: vec![Span {
                start: 0,
                end: 1,
                text: "x".into(),
            }],
            glyphs: 3,
        };
        assert_eq!(page_text(c.finish(Some(spans), None).glyphs).text, "ab");
    }

    #[test]
    fn empty_page_is_empty() {
        assert_eq!(page_text(Vec::new()).text, "");
    }
}
