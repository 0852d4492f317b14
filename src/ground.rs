//! Grounding: turning byte spans of the final text into contract items.
//!
//! Extractors work on `&str` with byte offsets (that is what `regex` gives);
//! the contract wants code-point offsets, a page and a section. Every extractor
//! builds its items through [`Ground::at`], so `text[start..end] == item.text`
//! holds by construction: the item's text *is* the slice.

use crate::model::{Block, BlockKind, Note, Table};
use crate::output::{Grounding, Section, Span};

/// Bytes per checkpoint of the byte→code-point table.
const STRIDE: usize = 64;

/// An index over the final document text.
pub struct Ground<'a> {
    text: &'a str,
    /// `chars_before[k]` = number of code points starting before byte `k * STRIDE`.
    chars_before: Vec<usize>,
    /// Byte offsets of form feeds (page breaks); `None` when the input has no pages.
    page_breaks: Option<Vec<usize>>,
    /// `(start, body_end, level, id)` in code points, for the innermost-section lookup.
    sections: Vec<(usize, usize, u32, String)>,
    /// The document's blocks over `text` (byte ranges).
    blocks: &'a [Block],
    /// Byte ranges the reader read but does not vouch for
    /// ([`crate::output::DOUBTFUL_FIELD`]).
    doubtful: Vec<std::ops::Range<usize>>,
}

impl<'a> Ground<'a> {
    /// Index `text`. `paged` says whether the input has pages (PDF, or text with
    /// form feeds); pages are separated by `\u{c}` in the text.
    pub fn new(text: &'a str, paged: bool) -> Self {
        let bytes = text.as_bytes();
        let mut chars_before = Vec::with_capacity(bytes.len() / STRIDE + 2);
        let mut count = 0usize;
        for chunk in bytes.chunks(STRIDE) {
            chars_before.push(count);
            count += chunk.iter().filter(|&&b| !is_continuation(b)).count();
        }
        chars_before.push(count);
        let paged = paged || memchr::memchr(0x0c, text.as_bytes()).is_some();
        let page_breaks = paged.then(|| {
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\x0c')
                .map(|(i, _)| i)
                .collect()
        });
        Ground {
            text,
            chars_before,
            page_breaks,
            sections: Vec::new(),
            blocks: &[],
            doubtful: Vec::new(),
        }
    }

    /// Make known the byte ranges the reader does not vouch for.
    pub fn set_doubtful(&mut self, ranges: Vec<std::ops::Range<usize>>) {
        self.doubtful = ranges;
    }

    /// Does the byte range `start..end` overlap text the reader does not
    /// vouch for? A field read there is not to be taken on trust.
    pub fn is_doubtful(&self, start: usize, end: usize) -> bool {
        self.doubtful.iter().any(|r| r.start < end && start < r.end)
    }

    /// Make the document's blocks known (byte ranges over the text).
    pub fn set_blocks(&mut self, blocks: &'a [Block]) {
        self.blocks = blocks;
    }

    /// The blocks, in text order.
    pub fn blocks(&self) -> &'a [Block] {
        self.blocks
    }

    /// The tables, in text order.
    pub fn tables(&self) -> impl Iterator<Item = (&'a Block, &'a Table)> {
        crate::model::tables(self.blocks)
    }

    /// The notes, in text order.
    pub fn notes(&self) -> impl Iterator<Item = (&'a Block, &'a Note)> {
        self.blocks.iter().filter_map(|b| match &b.kind {
            BlockKind::Note(n) => Some((b, n)),
            _ => None,
        })
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Number of code points in the text.
    pub fn char_len(&self) -> usize {
        self.chars_before.last().copied().unwrap_or(0)
    }

    /// Code-point offset of byte offset `byte` (clamped to the text, rounded down
    /// to a character boundary).
    pub fn char_offset(&self, byte: usize) -> usize {
        let byte = self.text.floor_char_boundary(byte);
        let k = byte / STRIDE;
        let base = self.chars_before.get(k).copied().unwrap_or(0);
        base + self.text.as_bytes()[k * STRIDE..byte]
            .iter()
            .filter(|&&b| !is_continuation(b))
            .count()
    }

    /// Byte offset of code-point offset `ch` (clamped to the text).
    pub fn byte_offset(&self, ch: usize) -> usize {
        if ch >= self.char_len() {
            return self.text.len();
        }
        // Last checkpoint with chars_before <= ch.
        let k = self
            .chars_before
            .partition_point(|&c| c <= ch)
            .saturating_sub(1);
        let mut seen = self.chars_before[k];
        let mut i = k * STRIDE;
        let bytes = self.text.as_bytes();
        // Skip to the first character start at or after the checkpoint.
        while i < bytes.len() && is_continuation(bytes[i]) {
            i += 1;
        }
        // Eight bytes at a time while the wanted character starts beyond
        // them: the audit and the counts ask for the offsets of every item,
        // and a byte loop over up to a stride was most of the cost.
        while let Some(word) = bytes
            .get(i..i + 8)
            .and_then(|w| <[u8; 8]>::try_from(w).ok())
        {
            let starts = 8 - continuation_bytes(u64::from_le_bytes(word));
            if seen + starts > ch {
                break;
            }
            seen += starts;
            i += 8;
        }
        while i < bytes.len() {
            if !is_continuation(bytes[i]) {
                if seen == ch {
                    return i;
                }
                seen += 1;
            }
            i += 1;
        }
        self.text.len()
    }

    /// 1-based page of a byte offset, or `None` for unpaged input.
    pub fn page_at(&self, byte: usize) -> Option<u32> {
        let breaks = self.page_breaks.as_ref()?;
        Some(breaks.partition_point(|&b| b < byte) as u32 + 1)
    }

    /// Make the sections known, so later items get their `section`.
    pub fn set_sections(&mut self, sections: &[Section]) {
        self.sections = sections
            .iter()
            .map(|s| (s.start, s.body_end.max(s.end), s.level, s.id.clone()))
            .collect();
    }

    /// Id of the innermost section containing code-point offset `ch`.
    pub fn section_at(&self, ch: usize) -> Option<String> {
        self.sections
            .iter()
            .filter(|(s, e, _, _)| *s <= ch && ch < *e)
            .max_by_key(|(s, _, level, _)| (*level, *s))
            .map(|(_, _, _, id)| id.clone())
    }

    /// Ground the byte span `start..end`. Offsets that are not character
    /// boundaries are widened to the enclosing characters; out-of-range offsets
    /// are clamped. Never panics.
    pub fn at(&self, start: usize, end: usize) -> Grounding {
        let s = self.text.floor_char_boundary(start.min(end));
        let e = self.text.ceil_char_boundary(end.max(start));
        let cs = self.char_offset(s);
        Grounding {
            start: cs,
            end: self.char_offset(e),
            text: self.text[s..e].to_string(),
            page: self.page_at(s),
            section: self.section_at(cs),
        }
    }

    /// A bare span (for audit items).
    pub fn span(&self, start: usize, end: usize) -> Span {
        Span::from(&self.at(start, end))
    }
}

fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

/// How many of the eight bytes of `word` are UTF-8 continuation bytes
/// (`10xxxxxx`): bit 7 set and bit 6 clear, tested in every byte at once.
fn continuation_bytes(word: u64) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Shifting left by one puts each byte's bit 6 at its bit 7 (what crosses
    // into the next byte lands on its bit 0, outside the mask).
    (word & !(word << 1) & HIGH).count_ones() as usize
}

/// The byte offset just past the character that starts at `at` (`at + 1`
/// at the end): where a search that found nothing at `at` resumes, as the
/// regex engine itself would, when a match is rejected after the fact.
pub fn next_char(text: &str, at: usize) -> usize {
    at + text
        .get(at..)
        .and_then(|t| t.chars().next())
        .map_or(1, char::len_utf8)
}

/// Check the grounding invariant of a code-point span against `text`.
/// Used by tests and by the batch self-check.
pub fn holds(text: &str, start: usize, end: usize, item_text: &str) -> bool {
    if start > end {
        return false;
    }
    let slice: String = text.chars().skip(start).take(end - start).collect();
    slice == item_text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_match_naive_count() {
        let text = "Quyết định số 919/QĐ-TTg ngày 01/8/2022 của Thủ tướng Chính phủ. ".repeat(5);
        let g = Ground::new(&text, false);
        for (b, _) in text.char_indices() {
            assert_eq!(g.char_offset(b), text[..b].chars().count());
            assert_eq!(g.byte_offset(g.char_offset(b)), b);
        }
        assert_eq!(g.char_len(), text.chars().count());
    }

    #[test]
    fn byte_offsets_match_naive_walk() {
        // Texts of one-, two-, three- and four-byte characters in runs
        // longer and shorter than a word, every offset and one past the end.
        let texts = [
            String::new(),
            "abc".into(),
            "Quyết định số 919/QĐ-TTg ngày 01/8/2022 của Thủ tướng".repeat(7),
            "ệệệệệệệệệệ a 𝔸𝔸𝔸 bb ơ\u{301} ".repeat(13),
            "x".repeat(200) + &"đ".repeat(100) + "y",
        ];
        for text in &texts {
            let g = Ground::new(text, false);
            let starts: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
            for ch in 0..starts.len() + 2 {
                let want = starts.get(ch).copied().unwrap_or(text.len());
                assert_eq!(g.byte_offset(ch), want, "{ch} in {text:?}");
            }
        }
        for w in [
            0u64,
            u64::MAX,
            0x8080_8080_8080_8080,
            0xC0C0_C0C0_C0C0_C0C0,
            0x4180_BF7F_C2A9_E1BB,
        ] {
            let plain = w
                .to_le_bytes()
                .iter()
                .filter(|&&b| is_continuation(b))
                .count();
            assert_eq!(continuation_bytes(w), plain, "{w:#x}");
        }
    }

    #[test]
    fn at_slices_exactly_and_widens_inside_a_char() {
        let text = "Số: 25/BC-UBND ngày";
        let g = Ground::new(text, false);
        let b = text.find("25/BC").unwrap();
        let item = g.at(b, b + 8);
        assert_eq!(item.text, "25/BC-UB");
        assert!(holds(text, item.start, item.end, &item.text));
        // 'ố' is 3 bytes: byte 2 is inside it, so the span widens to the whole letter.
        let item = g.at(2, 3);
        assert_eq!(item.text, "ố");
        assert_eq!((item.start, item.end), (1, 2));
        // Out of range never panics.
        let item = g.at(1000, 2000);
        assert_eq!(item.text, "");
    }

    #[test]
    fn pages_follow_form_feeds() {
        let text = "trang một\u{c}trang hai\u{c}trang ba";
        let g = Ground::new(text, true);
        assert_eq!(g.page_at(0), Some(1));
        assert_eq!(g.page_at(text.find("hai").unwrap()), Some(2));
        assert_eq!(g.page_at(text.find("ba").unwrap()), Some(3));
        assert_eq!(Ground::new("không trang", false).page_at(3), None);
    }

    #[test]
    fn innermost_section_wins() {
        let text = "I. A\n1. B\nnội dung\nII. C\n";
        let mut g = Ground::new(text, false);
        let sec = |id: &str, level, start, body_end| Section {
            id: id.into(),
            level,
            start,
            end: start + 4,
            body_start: start + 4,
            body_end,
            ..Default::default()
        };
        g.set_sections(&[
            sec("s1", 1, 0, 19),
            sec("s2", 2, 5, 19),
            sec("s3", 1, 19, 25),
        ]);
        assert_eq!(g.section_at(12).as_deref(), Some("s2"));
        assert_eq!(g.section_at(2).as_deref(), Some("s1"));
        assert_eq!(g.section_at(20).as_deref(), Some("s3"));
    }
}
