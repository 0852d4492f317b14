//! Small text helpers shared by the product parsers: byte ranges, trimming,
//! name cleaning, star levels, localities and legal forms.
//!
//! Everything works on byte ranges of the one document text, so that every
//! product name can be grounded exactly with `Ground::at`.

use std::sync::LazyLock;

use regex::Regex;

use super::words::{ADDRESS_OPENERS, DESCRIPTORS, LEGAL_FORMS, LOCALITY_ABBREVIATIONS};
use crate::lexicon::LOCALITY_LEVELS;
use crate::text::notes;

/// Locality level words as written: each word of the shared lexicon in lower
/// case and with a capital (`xã`, `Xã`), and the abbreviations.
static LOCALITY_WORDS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut out = Vec::new();
    for (w, _) in LOCALITY_LEVELS {
        let mut c = w.chars();
        if let Some(f) = c.next() {
            out.push(f.to_uppercase().chain(c).collect());
        }
        out.push(w.to_string());
    }
    out.extend(LOCALITY_ABBREVIATIONS.iter().map(|s| s.to_string()));
    out
});

/// A byte range of the document text.
pub type Range = (usize, usize);

/// Non-blank lines of `text[from..to]`, trimmed, as byte ranges. Form feeds
/// split lines too; `true` marks a line that starts right after a page break.
pub fn lines(text: &str, from: usize, to: usize) -> Vec<(Range, bool)> {
    let mut out = Vec::new();
    let mut start = from;
    let mut after_break = false;
    let to = to.min(text.len());
    let bytes = &text.as_bytes()[..to];
    let ends = memchr::memchr2_iter(b'\n', b'\x0c', &bytes[from.min(to)..]).map(|i| from + i);
    for i in ends.chain(std::iter::once(to)) {
        let r = trim(text, (start, i));
        if r.0 < r.1 {
            out.push((r, after_break));
            after_break = false;
        }
        if bytes.get(i) == Some(&b'\x0c') {
            after_break = true;
        }
        start = i + 1;
    }
    out
}

/// Trim whitespace (including form feeds) from both ends of a range.
pub fn trim(text: &str, (s, e): Range) -> Range {
    trim_with(text, (s, e), &[])
}

/// Trim whitespace and the given characters from both ends of a range.
pub fn trim_with(text: &str, (s, e): Range, extra: &[char]) -> Range {
    if s >= e {
        return (s, e);
    }
    let drop = |c: char| c.is_whitespace() || extra.contains(&c);
    let slice = &text[s..e];
    let head = slice.trim_start_matches(drop);
    let s = s + (slice.len() - head.len());
    (s, s + head.trim_end_matches(drop).len())
}

/// Whitespace runs collapsed to one space (the extractors' one definition).
pub use crate::extract::numbers::collapse_ws as collapse;

static LEADING_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\d{1,3}[.)]\s*(?:\d{1,3}\s+)?|[a-zđ]\)\s+)").unwrap());

/// Quote characters that are never part of a name.
pub const QUOTES: &[char] = &['\'', '"', '“', '”', '‘', '’', '«', '»', '`'];

/// Clean a product name's range: drop row numbers, quotes, footnote markers and
/// trailing punctuation. Returns the trimmed range and the name as written with
/// lines joined, or `None` when nothing name-like is left.
pub fn clean_name(text: &str, r: Range) -> Option<(Range, String)> {
    let mut r = trim_with(text, r, QUOTES);
    if may_lead_with_number(&text[r.0..r.1]) {
        if let Some(m) = LEADING_NUMBER.find(&text[r.0..r.1]) {
            r.0 += m.end();
        }
    }
    loop {
        let before = r;
        r = trim_with(
            text,
            r,
            &[',', ';', ':', '.', '-', '–', '\'', '"', '“', '”', '‘', '’'],
        );
        // A trailing footnote marker `[^9]`.
        if let Some((_, m)) = notes::markers(&text[r.0..r.1]).last() {
            if r.0 + m.end == r.1 {
                r.1 = r.0 + m.start;
            }
        }
        if r == before {
            break;
        }
    }
    let slice = &text[r.0..r.1];
    if !slice.chars().any(|c| c.is_alphabetic()) {
        return None;
    }
    let name = without_markers(slice);
    Some((r, name))
}

/// `s` without footnote markers, whitespace runs collapsed.
fn without_markers(s: &str) -> String {
    collapse(&notes::strip_markers(s))
}

/// Whether [`LEADING_NUMBER`] may match `s`: it opens with a number
/// (`char::is_numeric` is a superset of `\d`) or with `a)`...`đ)`.
fn may_lead_with_number(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_numeric() => true,
        Some(c) if c.is_ascii_lowercase() || c == 'đ' => chars.next() == Some(')'),
        _ => false,
    }
}

/// Clean a producer or address: lines joined, quotes and edge punctuation dropped.
pub fn clean_field(text: &str, r: Range) -> Option<String> {
    let r = trim_with(
        text,
        r,
        &[',', ';', '.', '-', '–', '\'', '"', '“', '”', '‘', '’'],
    );
    let s = without_markers(&text[r.0..r.1]);
    (s.chars().any(|c| c.is_alphabetic())).then_some(s)
}

static STARS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b([1-5])\s*(?:sao|\*)").unwrap());

/// A star level stated in a cell or phrase (`3 sao`, `4*`).
pub fn stars_in(s: &str) -> Option<u8> {
    STARS
        .captures(s)
        .and_then(|c| c[1].parse().ok())
        .or_else(|| {
            let t = s.trim();
            (t.len() == 1).then(|| t.parse().ok()).flatten()
        })
        .filter(|n| (3..=5).contains(n))
}

static LOCALITY: LazyLock<Regex> = LazyLock::new(|| {
    let words = LOCALITY_WORDS.join("|");
    Regex::new(&format!(
        r"(?:^|[\s,(])((?:{words})\.?\s+\p{{Lu}}[\p{{L}}\d]*(?:\s+(?:\p{{Lu}}[\p{{L}}\d]*|\d+))*)"
    ))
    .unwrap()
});

/// The locality named in an address (`..., phường Quảng Phú` → `phường Quảng Phú`).
pub fn locality_in(s: &str) -> Option<String> {
    // Addresses run from the most specific place to the province: the
    // product's locality is the first commune, ward or district named.
    // The name (group 1) is the match without the separator before it:
    // reading it so spares the capture engine.
    LOCALITY
        .find_iter(s)
        .map(|m| {
            let t = m.as_str();
            let name = t
                .strip_prefix(|c: char| c.is_whitespace() || c == ',' || c == '(')
                .unwrap_or(t);
            collapse(name)
        })
        .find(|l| !l.to_lowercase().starts_with("tỉnh"))
        .filter(|l| !l.starts_with("TT ") || l.len() > 4)
}

/// Whether `s` starts with a locality level word followed by a name.
pub fn starts_with_locality(s: &str) -> bool {
    LOCALITY_WORDS.iter().any(|w| {
        s.strip_prefix(w.as_str())
            .and_then(|r| r.strip_prefix(' '))
            .and_then(|r| r.chars().next())
            .is_some_and(|c| c.is_uppercase())
    })
}

/// Length in bytes of the legal form `s` starts with (after optional quotes),
/// including the quotes; `None` when it starts with none. `any_case` also
/// accepts `hộ kinh doanh` in lower case (running prose).
pub fn legal_form_at(s: &str, any_case: bool) -> Option<usize> {
    let body = s.trim_start_matches(QUOTES);
    let skipped = s.len() - body.len();
    // Every legal form starts with one of these letters: a cheap first test.
    let first = body.chars().next()?;
    if !matches!(
        first.to_ascii_lowercase(),
        'h' | 'c' | 'd' | 'n' | 't' | 'l'
    ) {
        return None;
    }
    // A form can match only when its first letter does, in any case.
    let lower = first.to_lowercase().next();
    FORM_FIRSTS
        .iter()
        .filter(|(c, _)| *c == lower)
        .find_map(|(_, form)| form_len(body, form, any_case))
        .map(|n| skipped + n)
}

/// Each legal form with its first letter in lower case, in [`LEGAL_FORMS`] order.
static FORM_FIRSTS: LazyLock<Vec<(Option<char>, &'static str)>> = LazyLock::new(|| {
    LEGAL_FORMS
        .iter()
        .map(|f| (f.chars().next().and_then(|c| c.to_lowercase().next()), *f))
        .collect()
});

/// Whether `a` and `b` are equal once lowered char by char; the common
/// cases (equal bytes, ASCII, different ASCII first letters) need no tables.
fn eq_lower(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    if let (Some(x), Some(y)) = (a.as_bytes().first(), b.as_bytes().first()) {
        if x.is_ascii() && y.is_ascii() && !x.eq_ignore_ascii_case(y) {
            return false;
        }
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// Length of `form` at the start of `s`, its words separated by any
/// whitespace (a form may wrap over a line break).
pub fn form_len(s: &str, form: &str, any_case: bool) -> Option<usize> {
    let mut i = 0;
    for (k, word) in form.split(' ').enumerate() {
        if k > 0 {
            let rest = &s[i..];
            let ws = rest.len() - rest.trim_start().len();
            if ws == 0 {
                return None;
            }
            i += ws;
        }
        let part = s.get(i..i + word.len())?;
        let hit = if any_case {
            eq_lower(part, word)
        } else {
            part == word
        };
        if !hit {
            return None;
        }
        i += word.len();
    }
    let next = s[i..].chars().next();
    next.is_none_or(|c| !c.is_alphanumeric()).then_some(i)
}

/// Byte offset of the first legal form in `s` that stands at a word start and
/// not at offset 0 when `not_first` is set.
pub fn find_legal_form(s: &str, not_first: bool) -> Option<usize> {
    let mut prev: Option<char> = None;
    for (i, c) in s.char_indices() {
        let at_word = prev.is_none_or(|p| p.is_whitespace() || QUOTES.contains(&p) || p == '(');
        if at_word && !(not_first && i == 0) && (c.is_uppercase() || QUOTES.contains(&c)) {
            if let Some(_n) = legal_form_at(&s[i..], false) {
                // The quote belongs to no one: start at the form itself.
                let skip = s[i..].len() - s[i..].trim_start_matches(QUOTES).len();
                return Some(i + skip);
            }
        }
        prev = Some(c);
    }
    None
}

static DIGIT_ADDRESS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d+[\d/]*[A-Z]?,?\s+\p{Lu}").unwrap());

/// Whether a flattened-table line opens an address cell.
pub fn opens_address(s: &str) -> bool {
    ADDRESS_OPENERS.iter().any(|o| s.starts_with(o))
        || DIGIT_ADDRESS.is_match(s)
        || ["Phường ", "Xã ", "Thị trấn ", "Huyện "]
            .iter()
            .any(|w| s.starts_with(w))
}

/// Lowercase words of `s`, letters and digits only.
pub fn words_lower(s: &str) -> Vec<String> {
    // One pass; an ASCII word is lowered without the Unicode tables.
    let lower = |w: &str| {
        if w.is_ascii() {
            w.to_ascii_lowercase()
        } else {
            w.to_lowercase()
        }
    };
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        if is_alphanumeric(c) {
            start.get_or_insert(i);
        } else if let Some(st) = start.take() {
            out.push(lower(&s[st..i]));
        }
    }
    if let Some(st) = start {
        out.push(lower(&s[st..]));
    }
    out
}

/// `char::is_alphanumeric`, answered without the Unicode tables for ASCII
/// and the Latin blocks Vietnamese is written in (every character of
/// U+00C0..=U+024F but `×` and `÷`, and of U+1E00..=U+1EFF, is a letter).
fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{c0}'..='\u{24f}').contains(&c) {
        c != '×' && c != '÷'
    } else {
        ('\u{1e00}'..='\u{1eff}').contains(&c) || c.is_alphanumeric()
    }
}

/// Split a producer-first clause (`Hộ kinh doanh nông sản xanh Trang Huỳnh táo
/// sấy dẻo`) into the producer and the product names: after the legal form and
/// descriptor words comes the proper name (capitalised words), and the first
/// lower-case word after it opens the product list; `sản phẩm` also opens it.
/// Returns (end of the producer, start of the names), relative to `s`.
pub fn producer_first_split(s: &str) -> Option<(usize, usize)> {
    if let Some(m) = PRODUCTS_WORD.find(s) {
        return Some((m.start(), m.end()));
    }
    let form = legal_form_at(s, true)?;
    let mut i = form;
    let mut seen_proper = false;
    let mut proper_end = form;
    loop {
        let rest = &s[i..];
        let ws = rest.len() - rest.trim_start().len();
        let rest = rest.trim_start();
        if rest.is_empty() {
            return None;
        }
        let start = i + ws;
        if !seen_proper {
            // Longest descriptor at this point, compared case-insensitively on
            // the text itself (lowercasing may change byte lengths).
            if let Some(n) = DESCRIPTORS
                .iter()
                .filter_map(|d| form_len(rest, d, true))
                .max()
            {
                i = start + n;
                continue;
            }
        }
        let word_len = rest
            .find(|c: char| c.is_whitespace() || c == ',' || c == '(')
            .unwrap_or(rest.len());
        let first = rest.chars().next()?;
        if first.is_uppercase() || first.is_ascii_digit() {
            seen_proper = true;
            proper_end = start + word_len;
        } else if seen_proper {
            return Some((proper_end, start));
        }
        if word_len == 0 {
            return None;
        }
        i = start + word_len;
    }
}

static PRODUCTS_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s[sS]ản\s+phẩm\s+").unwrap());

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_lower_splits_on_non_alphanumerics_and_lowers() {
        assert_eq!(
            words_lower("HTX Nông nghiệp-Dịch vụ, Phước Vinh 59"),
            ["htx", "nông", "nghiệp", "dịch", "vụ", "phước", "vinh", "59"]
        );
        assert!(words_lower(" ,.- ").is_empty());
        // Context-dependent lowering (final sigma) is per word, as before.
        assert_eq!(words_lower("ΟΔΟΣ.ΑΒ"), ["οδος", "αβ"]);
        assert_eq!(words_lower("İz"), ["i\u{307}z"]);
    }

    #[test]
    fn lowered_comparison() {
        for (a, b, eq) in [
            ("HTX", "htx", true),
            ("Hộ", "hộ", true),
            ("HỘ", "hộ", true),
            ("Hộ", "ho", false),
            ("\u{212a}m", "km", true),
            ("", "", true),
            ("Cơ", "cơ", true),
            ("Cơ", "sở", false),
        ] {
            assert_eq!(eq_lower(a, b), eq, "{a} {b}");
        }
        assert_eq!(collapse("  a \n\n b\u{a0}c  "), "a b c");
        assert_eq!(collapse(" \t "), "");
    }

    #[test]
    fn latin_letters_are_alphanumeric() {
        for c in ('\0'..='\u{2fff}').chain(['\u{1e9c}', '\u{1ef9}', '\u{1eff}']) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn names_lose_numbers_quotes_and_markers() {
        let t = "1. 1 Yến rút lông nguyên tổ\n\nCulaore[^3], ";
        let (r, name) = clean_name(t, (0, t.len())).unwrap();
        assert_eq!(name, "Yến rút lông nguyên tổ Culaore");
        assert_eq!(&t[r.0..r.1], "Yến rút lông nguyên tổ\n\nCulaore");
        assert!(clean_name("12.  ", (0, 5)).is_none());
    }

    #[test]
    fn stars_and_localities() {
        assert_eq!(stars_in("3 sao"), Some(3));
        assert_eq!(stars_in("Đạt 4*"), Some(4));
        assert_eq!(stars_in("12 sao"), None);
        assert_eq!(
            locality_in("Số 38 đường Chu Văn An, phường Nghĩa Lộ").as_deref(),
            Some("phường Nghĩa Lộ")
        );
        assert_eq!(
            locality_in("Thôn Hội An 2, xã Phổ An").as_deref(),
            Some("xã Phổ An")
        );
        assert_eq!(locality_in("Số 63 Nguyễn Thụy"), None);
        assert_eq!(
            locality_in("Thôn 1, xã Tịnh Hà, huyện Sơn Tịnh, tỉnh Quảng Ngãi").as_deref(),
            Some("xã Tịnh Hà")
        );
    }

    #[test]
    fn legal_forms() {
        assert_eq!(legal_form_at("'Hộ kinh doanh Lê", false), Some(16));
        assert_eq!(legal_form_at("hộ kinh doanh Lê", false), None);
        assert!(legal_form_at("hộ kinh doanh Lê", true).is_some());
        assert_eq!(legal_form_at("HTXanh", false), None);
        let s = "khô Công ty TNHH Nấm";
        assert_eq!(find_legal_form(s, true), Some(5));
        let s = "Hường  'Hộ kinh doanh Lê";
        assert_eq!(&s[find_legal_form(s, true).unwrap()..], "Hộ kinh doanh Lê");
    }

    #[test]
    fn producer_first_clauses() {
        let s = "Hộ kinh doanh nông sản xanh Trang Huỳnh táo sấy dẻo, nho khô đỏ";
        assert_eq!(
            &s[producer_first_split(s).unwrap().1..],
            "táo sấy dẻo, nho khô đỏ"
        );
        let s = "Hộ kinh doanh Cơ sở sản xuất và Kinh doanh Phan Rang Ngọc Trúc táo khô vị nắng";
        assert_eq!(&s[producer_first_split(s).unwrap().1..], "táo khô vị nắng");
        let s = "HTX DVNN tổng hợp Châu Rế \n\nmăng tây tươi";
        assert_eq!(&s[producer_first_split(s).unwrap().1..], "măng tây tươi");
        let s = "Hộ kinh doanh cơ sở sản xuất Thiên Thảo sản phẩm Nho sấy Thiên Thảo";
        assert_eq!(
            &s[producer_first_split(s).unwrap().1..],
            "Nho sấy Thiên Thảo"
        );
        assert_eq!(producer_first_split("Hộ kinh doanh Lê Thanh Hường"), None);
    }
}
