//! Dropped glyphs: letters a PDF font could not map, left as spaces
//! (`TH NH PH   A   C` for `THÀNH PHỐ SA ĐÉC`, `Bùi Thanh  ơn` for `Bùi Thanh Sơn`).
//!
//! Detection: fragments that are not syllables, or a capitalised word followed
//! by a vowel-initial word, next to runs of 2–4 spaces inside a line. Each
//! dropped glyph became one space, so the intact text has the same number of
//! characters: a span is repaired only when the same document contains exactly
//! one intact text that fits (each space either a space or a letter, every
//! other character equal, case aside). Otherwise it is a warning with its span.

use std::collections::HashMap;

use super::RepairLog;
use super::{chars, syllable};
use crate::output::Warning;

pub const WARNING_KIND: &str = "dropped_glyphs";

/// Spans looked at per document, at most (bounds the search on huge inputs).
const MAX_SPANS: usize = 500;

/// Single letters that are words on their own.
const ONE_LETTER_WORDS: &[&str] = &["ở", "ạ", "à", "ừ", "ồ", "ơ", "ô", "ê", "ấy", "Ở"];

/// Offsets map of an edited text.
#[derive(Debug, Default)]
pub struct Edits {
    /// (input offset, output offset) at the end of each edit, in order.
    anchors: Vec<(usize, usize)>,
    /// The input range of each edit, in order.
    spans: Vec<(usize, usize)>,
}

impl Edits {
    /// No edit was made.
    pub fn is_empty(&self) -> bool {
        self.anchors.is_empty()
    }

    /// The input ranges that were replaced, in order.
    pub fn spans(&self) -> &[(usize, usize)] {
        &self.spans
    }

    /// Output offset of an input byte offset (inside an edit: its end).
    pub fn map(&self, b: usize) -> usize {
        match self.anchors.iter().rposition(|&(i, _)| i <= b) {
            Some(k) => {
                let (i, o) = self.anchors[k];
                o + (b - i)
            }
            None => b,
        }
    }
}

/// A word of a line: byte range.
type Word = (usize, usize);

fn letters_only(w: &str) -> bool {
    !w.is_empty() && w.chars().all(chars::is_letter)
}

/// What is left of a syllable whose vowel was dropped: an initial cluster
/// (`TH`, `NH`, `PH`) or a final (`C`, `NG`).
const CONSONANT_PARTS: &[&str] = &[
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
];

fn is_fragment(w: &str) -> bool {
    if !letters_only(w) {
        return false;
    }
    if w.chars().count() == 1 {
        return !ONE_LETTER_WORDS.contains(&w);
    }
    if w.is_ascii() && !w.chars().any(|c| "aeiouyAEIOUY".contains(c)) {
        return CONSONANT_PARTS.contains(&w.to_lowercase().as_str());
    }
    syllable::parse(w).is_none()
}

fn starts_with_vowel(w: &str) -> bool {
    w.chars()
        .next()
        .is_some_and(|c| super::chars::vowel(c).is_some())
}

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Does the line have a run of 2–4 spaces between two other characters (not
/// trailing, not indentation)? Only such a line can hold a damaged span, and
/// most lines of PDF text have neither: a byte scan spares them [`spans`].
fn has_inner_gap(line: &str) -> bool {
    let b = line.as_bytes();
    let mut i = 0;
    while let Some(k) = memchr::memmem::find(&b[i..], b"  ") {
        let start = i + k;
        let mut end = start + 2;
        while end < b.len() && b[end] == b' ' {
            end += 1;
        }
        let inner = start > 0
            && !matches!(b[start - 1], b'\n' | b'\x0c')
            && end < b.len()
            && !matches!(b[end], b'\n' | b'\x0c' | b'\r');
        if inner && end - start <= 4 {
            return true;
        }
        i = end;
    }
    false
}

/// The lines (start, text with its terminator) that have an inner gap (see
/// [`has_inner_gap`]). The text is searched for double spaces, not walked
/// line by line: most lines have none, and clean text should cost a memchr.
fn gap_lines(text: &str) -> impl Iterator<Item = (usize, &str)> + '_ {
    let b = text.as_bytes();
    let finder = memchr::memmem::Finder::new(b"  ");
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(k) = finder.find(&b[from..]) {
            let hit = from + k;
            let start = memchr::memrchr2(b'\n', b'\x0c', &b[..hit]).map_or(0, |i| i + 1);
            let end = memchr::memchr2(b'\n', b'\x0c', &b[hit..]).map_or(b.len(), |i| hit + i + 1);
            from = end;
            // Line ends are ASCII, so these are char boundaries.
            let line = text.get(start..end)?;
            if has_inner_gap(line) {
                return Some((start, line));
            }
        }
        None
    })
}

/// Damaged spans of one line (byte ranges within `line`).
fn spans(line: &str) -> Vec<Vec<Word>> {
    let mut raw: Vec<Word> = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices() {
        if c == ' ' || c == '\n' || c == '\u{c}' {
            if let Some(s) = start.take() {
                raw.push((s, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        raw.push((s, line.len()));
    }
    // Judge words without the punctuation around them (`éc.`).
    let words: Vec<Word> = raw
        .into_iter()
        .map(|(a, b)| {
            let w = &line[a..b];
            let lead = w.len() - w.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
            let core = w.trim_matches(|c: char| !c.is_alphanumeric());
            if core.is_empty() {
                (a, b)
            } else {
                (a + lead, a + lead + core.len())
            }
        })
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < words.len() {
        let link = |k: usize| -> (bool, bool) {
            let (a, b) = (
                &line[words[k].0..words[k].1],
                &line[words[k + 1].0..words[k + 1].1],
            );
            let between = &line[words[k].1..words[k + 1].0];
            if !between.chars().all(|c| c == ' ') {
                return (false, false);
            }
            let gap = between.len();
            if !letters_only(a) || !letters_only(b) {
                return (false, false);
            }
            let wide = (2..=4).contains(&gap);
            let damaged_wide = wide
                && (is_fragment(a) || is_fragment(b) || (starts_with_vowel(b) && capitalised(a)));
            let joined = damaged_wide || (gap == 1 && (is_fragment(a) || is_fragment(b)));
            (joined, damaged_wide)
        };
        let (joined, wide) = link(i);
        if !joined {
            i += 1;
            continue;
        }
        let first = i;
        let mut any_wide = wide;
        let mut j = i + 1;
        while j + 1 < words.len() {
            let (jn, w) = link(j);
            if !jn {
                break;
            }
            any_wide |= w;
            j += 1;
        }
        if any_wide {
            out.push(words[first..=j].to_vec());
        }
        i = j + 1;
    }
    out
}

fn lower(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if let Some(v) = super::chars::vowel(c) {
        return super::chars::compose(v.base, v.tone, false);
    }
    c.to_lowercase().next().unwrap_or(c)
}

/// Lower case that keeps the UTF-8 length, so byte offsets of a lower-cased
/// copy are byte offsets of the text.
fn lower_same_len(c: char) -> char {
    let l = lower(c);
    if l.len_utf8() == c.len_utf8() {
        l
    } else {
        c
    }
}

/// Lower-cased copies of the document with the same byte offsets, built on
/// demand, and the places each search anchor occurs in them (spans overlap,
/// so the same anchor is looked up many times).
struct Lowered {
    ascii: Option<String>,
    full: Option<String>,
    hits: HashMap<String, Vec<usize>>,
}

impl Lowered {
    fn new() -> Self {
        Lowered {
            ascii: None,
            full: None,
            hits: HashMap::new(),
        }
    }

    /// Byte offsets where `anchor` (already lower-cased) occurs; `ascii`
    /// says which copy to search.
    fn find(&mut self, text: &str, anchor: &str, ascii: bool) -> &[usize] {
        let key = if ascii {
            anchor.to_string()
        } else {
            format!("\u{0}{anchor}")
        };
        if !self.hits.contains_key(&key) {
            let low = if ascii {
                self.ascii.get_or_insert_with(|| ascii_lower_copy(text))
            } else {
                self.full.get_or_insert_with(|| lower_copy(text))
            };
            let found = memchr::memmem::find_iter(low.as_bytes(), anchor.as_bytes()).collect();
            self.hits.insert(key.clone(), found);
        }
        self.hits.get(&key).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// `str::to_ascii_lowercase` validates its result as UTF-8 again (some
/// 10 instructions a byte on Vietnamese text); lowering a copy in place does not.
fn ascii_lower_copy(text: &str) -> String {
    let mut s = text.to_string();
    s.make_ascii_lowercase();
    s
}

/// [`lower_same_len`] of every character: the text copied once, then only
/// its upper-case non-ASCII letters rewritten in place (most letters of a
/// document are ASCII or already lower case).
fn lower_copy(text: &str) -> String {
    let mut out = ascii_lower_copy(text);
    let mut buf = [0u8; 4];
    for (i, &lead) in text.as_bytes().iter().enumerate() {
        if lead < 0xC0 {
            continue;
        }
        let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
            continue;
        };
        let upper = match super::chars::vowel(c) {
            Some(v) => v.upper,
            None => c.is_uppercase(),
        };
        if upper {
            let l = lower_same_len(c).encode_utf8(&mut buf);
            // Same length, so later offsets stay valid.
            out.replace_range(i..i + c.len_utf8(), l);
        }
    }
    out
}

/// Intact texts of the document (`text`, and `lows` its [`lower_same_len`]
/// copy) that fit the damaged pattern.
fn candidates(text: &str, lows: &mut Lowered, pat: &[char]) -> Vec<String> {
    // Anchor on the longest run of letters of the pattern; found with a
    // substring search, then each hit is checked in full.
    let mut best = (0, 0);
    let mut k = 0;
    while k < pat.len() {
        if pat[k] == ' ' {
            k += 1;
            continue;
        }
        let s = k;
        while k < pat.len() && pat[k] != ' ' {
            k += 1;
        }
        if k - s > best.1 - best.0 {
            best = (s, k);
        }
    }
    let run = &pat[best.0..best.1];
    // An ASCII anchor can be searched in the ASCII-lowered copy; others need
    // the fully lowered one, built once on demand.
    let ascii = run.iter().all(char::is_ascii);
    let anchor: String = if ascii {
        run.iter().map(|c| c.to_ascii_lowercase()).collect()
    } else {
        run.iter().map(|&c| lower_same_len(c)).collect()
    };
    let mut found: Vec<String> = Vec::new();
    if anchor.is_empty() {
        return found;
    }
    let pat_low: Vec<char> = pat.iter().map(|&q| lower(q)).collect();
    for &p in lows.find(text, &anchor, ascii) {
        let mut st = p;
        let mut ok = true;
        for _ in 0..best.0 {
            match text[..st].chars().next_back() {
                Some(c) => st -= c.len_utf8(),
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if !ok {
            continue;
        }
        // Does the text from `st` fit the pattern, character by character?
        // A short anchor (`th`) has hits all over the document, and nearly
        // all fail within a few characters: checked before anything is
        // collected.
        let mut end = st;
        let mut rest = text[st..].chars();
        let fits = pat.iter().zip(&pat_low).all(|(&q, &ql)| match rest.next() {
            Some(c) => {
                end += c.len_utf8();
                if q == ' ' {
                    c == ' ' || chars::is_letter(c)
                } else {
                    lower(c) == ql
                }
            }
            None => false,
        });
        if !fits {
            continue;
        }
        let cand: Vec<char> = text[st..end].chars().collect();
        if cand == pat || cand.windows(2).any(|w| w == [' ', ' ']) {
            continue;
        }
        // Whole words: the candidate does not cut into letters on either side.
        let before_ok = !text[..st].chars().next_back().is_some_and(chars::is_letter);
        let after_ok = !text[end..].chars().next().is_some_and(chars::is_letter);
        if !before_ok || !after_ok {
            continue;
        }
        let s: String = cand.iter().collect();
        if s.split(' ')
            .any(|w| w.is_empty() || syllable::parse(w).is_none())
        {
            continue;
        }
        let key: String = s.chars().map(lower).collect();
        if !found
            .iter()
            .any(|f| f.chars().map(lower).collect::<String>() == key)
        {
            found.push(s);
        }
    }
    found
}

/// Has a run of 2–4 spaces between two of these words?
fn has_wide_gap(text: &str, ws: &[Word]) -> bool {
    ws.windows(2).any(|p| {
        (2..=4).contains(&(p[1].0 - p[0].1)) && text[p[0].1..p[1].0].chars().all(|c| c == ' ')
    })
}

/// What to do with one damaged span: the sub-span repaired (byte range and
/// replacement) and the byte ranges left as warnings, with their candidates.
struct Decision {
    repair: Option<(usize, usize, String)>,
    warn: Vec<(usize, usize, Vec<String>)>,
}

/// Find the longest part of the span (whole words, with a wide gap) that has
/// exactly one intact form in the document.
fn decide(
    text: &str,
    lows: &mut Lowered,
    cache: &mut HashMap<String, Vec<String>>,
    ws: &[Word],
) -> Decision {
    let n = ws.len();
    let mut first_cands = Vec::new();
    for len in (2..=n).rev() {
        for st in 0..=n - len {
            let sub = &ws[st..st + len];
            if !has_wide_gap(text, sub) {
                continue;
            }
            let (a, b) = (sub[0].0, sub[len - 1].1);
            let pat: Vec<char> = text[a..b].chars().collect();
            let cands = cache
                .entry(text[a..b].to_string())
                .or_insert_with(|| candidates(text, lows, &pat))
                .clone();
            if len == n {
                first_cands = cands.clone();
            }
            if cands.len() == 1 {
                let mut warn = Vec::new();
                if st > 0 && has_wide_gap(text, &ws[..=st]) {
                    warn.push((ws[0].0, ws[st - 1].1, Vec::new()));
                }
                if st + len < n && has_wide_gap(text, &ws[st + len - 1..]) {
                    warn.push((ws[st + len].0, ws[n - 1].1, Vec::new()));
                }
                let upper = text[a..b]
                    .chars()
                    .filter(|c| chars::is_letter(*c))
                    .all(char::is_uppercase);
                let fixed: String = pat
                    .iter()
                    .zip(cands[0].chars())
                    .map(|(&q, c)| match (q, c) {
                        (' ', c) if chars::is_letter(c) && upper => {
                            c.to_uppercase().next().unwrap_or(c)
                        }
                        (' ', c) => c,
                        (q, _) => q,
                    })
                    .collect();
                return Decision {
                    repair: Some((a, b, fixed)),
                    warn,
                };
            }
        }
    }
    Decision {
        repair: None,
        warn: vec![(ws[0].0, ws[n - 1].1, first_cands)],
    }
}

/// Repair or report dropped glyphs over the whole document.
pub fn repair(text: &str, log: &mut RepairLog, warnings: &mut Vec<Warning>) -> (String, Edits) {
    let mut edits = Edits::default();
    if !text.contains("  ") {
        return (text.to_string(), edits);
    }
    let mut found: Vec<Vec<Word>> = Vec::new();
    for (line_start, line) in gap_lines(text) {
        for ws in spans(line) {
            found.push(
                ws.iter()
                    .map(|&(a, b)| (line_start + a, line_start + b))
                    .collect(),
            );
        }
        if found.len() >= MAX_SPANS {
            break;
        }
    }
    if found.is_empty() {
        return (text.to_string(), edits);
    }
    let mut lows = Lowered::new();
    let mut cache = HashMap::new();
    // Edits and warnings in text order.
    let mut acts: Vec<(usize, usize, Option<String>, Vec<String>)> = Vec::new();
    for ws in &found {
        let d = decide(text, &mut lows, &mut cache, ws);
        if let Some((a, b, fixed)) = d.repair {
            acts.push((a, b, Some(fixed), Vec::new()));
        }
        for (a, b, c) in d.warn {
            acts.push((a, b, None, c));
        }
    }
    acts.sort_by_key(|x| x.0);
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (a, b, fixed, cands) in acts {
        if a < last {
            continue;
        }
        let span = &text[a..b];
        out.push_str(&text[last..a]);
        match fixed {
            Some(fixed) => {
                log.add("dropped_glyph", span, &fixed);
                out.push_str(&fixed);
                edits.anchors.push((b, out.len()));
                edits.spans.push((a, b));
            }
            None => {
                let message = if cands.is_empty() {
                    format!("letters seem missing in `{span}` (fragments next to extra spaces); no single intact form in the document")
                } else {
                    format!(
                        "letters seem missing in `{span}`; it could be {}",
                        cands
                            .iter()
                            .map(|c| format!("`{c}`"))
                            .collect::<Vec<_>>()
                            .join(" or ")
                    )
                };
                let start = out.len();
                out.push_str(span);
                warnings.push(Warning {
                    kind: WARNING_KIND.into(),
                    message,
                    start: Some(start),
                    end: Some(out.len()),
                });
            }
        }
        last = b;
    }
    out.push_str(&text[last..]);
    (out, edits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_inner_gaps_of_two_to_four_spaces_count() {
        assert!(has_inner_gap("TH NH PH   A   C\n"));
        assert!(has_inner_gap("Bùi Thanh  ơn"));
        assert!(!has_inner_gap("Kết quả thực hiện,  \n"));
        assert!(!has_inner_gap("    thụt đầu dòng\n"));
        assert!(!has_inner_gap("cột một          cột hai\n"));
        assert!(!has_inner_gap("một dấu cách\n"));
    }

    fn run(s: &str) -> (String, Vec<String>) {
        let mut log = RepairLog::default();
        let mut w = Vec::new();
        let (out, _) = repair(s, &mut log, &mut w);
        let ws = w
            .iter()
            .map(|w| out[w.start.unwrap()..w.end.unwrap()].to_string())
            .collect();
        (out, ws)
    }

    #[test]
    fn repaired_from_the_one_intact_name() {
        let doc = "UBND THÀNH PHỐ SA ĐÉC\nTH NH PH   A   C   ộc lập\ntrên địa bàn thành phố  a  éc.\nông Bùi Thanh Sơn, Bùi Thanh  ơn\n";
        let (out, w) = run(doc);
        assert_eq!(
            out,
            "UBND THÀNH PHỐ SA ĐÉC\nTHÀNH PHỐ SA ĐÉC   ộc lập\ntrên địa bàn thành phố Sa Đéc.\nông Bùi Thanh Sơn, Bùi Thanh Sơn\n"
        );
        // The rest of the damaged header stays, reported.
        assert_eq!(w, vec!["ộc".to_string()]);
    }

    #[test]
    fn warned_without_a_unique_intact_form() {
        let (out, w) = run("thành phố  a  éc\n");
        assert_eq!(out, "thành phố  a  éc\n");
        assert_eq!(w, vec!["phố  a  éc".to_string()]);
        let (out, w) = run("Thanh Sơn, Thanh Hơn, Thanh  ơn\n");
        assert_eq!(out, "Thanh Sơn, Thanh Hơn, Thanh  ơn\n");
        assert_eq!(w, vec!["Thanh  ơn".to_string()]);
    }

    #[test]
    fn ordinary_double_spaces_are_not_damage() {
        for s in [
            "năm 2023.  Trong đó có 25 sản phẩm\n",
            "Ủy ban  nhân dân tỉnh\n",
            "STT  Tên sản phẩm   Chủ thể\n",
            "                                   Nguyễn Văn A\n",
        ] {
            let (out, w) = run(s);
            assert_eq!(out, s);
            assert!(w.is_empty(), "{s}: {w:?}");
        }
    }
}
