//! Counted quantities: a whole number followed by a counted noun.
//!
//! The noun comes from [`COUNT_UNITS`], so years, dates, periods (`06 tháng`),
//! star levels (`3 sao`), percentages, areas and money are never counts: their
//! words are not units. Forms: `25 sản phẩm`, `01 sp`, ratios `11/15 xã` and
//! `2.038/2.102 đồng chí`, ranges `03 - 05 sản phẩm` and `từ 01 đến 02 hội chợ`,
//! approximations `hơn 4.300 lượt người`, `ít nhất 01 sản phẩm`,
//! `từ 3 sản phẩm trở lên`. A number glued to a word or a decimal mark, or
//! right after a naming word (`Tổ 10`, `số 38`), is not a count. Row numbers
//! of tables (tab-separated) and list markers at a line start before a
//! capitalised noun are not counts either.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::lexicon::{APPROX_WORDS, COUNT_UNITS, NOT_COUNT_BEFORE, SCORE_UNITS};
use super::numbers::{approx_of, collapse_ws, detect_notation, parse_number, Notation};
use crate::ground::Ground;
use crate::output::Count;

/// A whole number; the group mark is checked against the document's notation
/// when it is parsed (`2,315` is 2315 only in an English-notation document).
const NUM: &str = r"\d{1,3}(?:[.,]\d{3})+|\d+";

/// The parts of [`COUNT`] as pattern text, built once: the approximation
/// word, number and bound with the spaces after them; the unit alternation;
/// the `trở lên` tail (optional in [`COUNT`]).
struct CountParts {
    /// The approximation words and `từ`, an alternation.
    pre: String,
    head: String,
    unit: String,
    post: &'static str,
}

static PARTS: LazyLock<CountParts> = LazyLock::new(|| {
    // Longest first: the regex takes the first alternative that matches, and
    // `hộ` must not win over `hội chợ`.
    let words = |list: &[&str]| {
        let mut list = list.to_vec();
        list.sort_by_key(|w| std::cmp::Reverse(w.len()));
        list.iter()
            .map(|w| {
                w.split_whitespace()
                    .map(regex::escape)
                    .collect::<Vec<_>>()
                    .join(r"\s+")
            })
            .collect::<Vec<_>>()
            .join("|")
    };
    let approx: Vec<&str> = APPROX_WORDS.iter().map(|a| a.0).collect();
    let pre = format!("{}|từ", words(&approx));
    CountParts {
        head: format!(
            r"(?:(?P<pre>{pre})(?:\s+có)?\s+)?(?P<n>{NUM})(?:(?:\s*[-–]\s*|\s+(?:đến|tới)\s+)(?P<max>{NUM})|\s*/\s*(?P<tot>{NUM}))?[\s&&[^\t]]+",
        ),
        pre,
        unit: format!("(?P<unit>{})", words(COUNT_UNITS)),
        post: r"\s+trở\s+lên",
    }
});

/// The pattern of [`COUNT`].
fn count_pattern() -> String {
    let CountParts {
        head, unit, post, ..
    } = &*PARTS;
    format!("(?i){head}{unit}(?P<post>{post})?")
}

static COUNT: LazyLock<Regex> = LazyLock::new(|| super::numbers::big_regex(&count_pattern()));

/// [`COUNT`] anchored at the start of the haystack: tried only where a
/// number starts (see [`next_match`]).
static COUNT_AT: LazyLock<Regex> =
    LazyLock::new(|| super::numbers::big_regex(&format!("^(?:{})", count_pattern())));

/// What may stand before the number of a match of [`COUNT`] (its
/// approximation word, `có`, the spaces), ending at the haystack's end.
static PRE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)(?:{})(?:\s+có)?\s+$", PARTS.pre)).expect("static regex")
});

/// One part of [`COUNT`] alone, anchored, case-insensitive.
fn anchored(part: &str) -> Regex {
    super::numbers::big_regex(&format!("^(?i:{part})"))
}

/// [`COUNT`]'s head alone: captured on its own, it costs a fraction of a
/// capture search over the whole pattern, whose unit alternation makes the
/// capture engine's work large for every match.
static HEAD_AT: LazyLock<Regex> = LazyLock::new(|| anchored(&PARTS.head));
/// [`COUNT`]'s unit alternation alone.
static UNIT_AT: LazyLock<Regex> = LazyLock::new(|| anchored(&PARTS.unit));
/// [`COUNT`]'s `trở lên` tail alone.
static POST_AT: LazyLock<Regex> = LazyLock::new(|| anchored(PARTS.post));

/// The groups of one match of [`COUNT`], as byte ranges into the text.
struct Parts {
    whole: Range<usize>,
    pre: Option<Range<usize>>,
    n: Range<usize>,
    max: Option<Range<usize>>,
    tot: Option<Range<usize>>,
    unit: Range<usize>,
    post: Option<Range<usize>>,
}

impl Parts {
    /// From the captures of [`COUNT`] (or of [`HEAD_AT`], which numbers its
    /// groups the same way and has no unit) found in a haystack that starts
    /// at `offset`. Groups are read by index: a lookup by name costs a hash
    /// per group.
    fn from_captures(c: &regex::Captures, offset: usize) -> Option<Parts> {
        let at = |i: usize| c.get(i).map(|m| m.start() + offset..m.end() + offset);
        Some(Parts {
            whole: at(0)?,
            pre: at(1),
            n: at(2)?,
            max: at(3),
            tot: at(4),
            unit: at(5).unwrap_or(0..0),
            post: at(6),
        })
    }
}

/// The groups of the match of [`COUNT`] that spans `start..end`.
///
/// The head's best reading followed by the first unit that fits and the
/// optional tail is the capture search's own choice whenever a unit fits
/// there (the head ends with all the spaces, and no unit starts with one);
/// the full capture search decides the other cases.
fn parts_at(text: &str, start: usize, end: usize) -> Option<Parts> {
    let split = || {
        let mut parts = Parts::from_captures(&HEAD_AT.captures(&text[start..])?, start)?;
        let unit_start = parts.whole.end;
        let unit_len = UNIT_AT.find(&text[unit_start..])?.end();
        parts.unit = unit_start..unit_start + unit_len;
        parts.post = POST_AT
            .find(&text[parts.unit.end..])
            .map(|m| parts.unit.end..parts.unit.end + m.end());
        parts.whole.end = parts.post.as_ref().unwrap_or(&parts.unit).end;
        (parts.whole.end == end).then_some(parts)
    };
    split().or_else(|| Parts::from_captures(&COUNT.captures_at(text, start)?, 0))
}

pub fn extract(g: &Ground) -> Vec<Count> {
    let notation = detect_notation(g.text());
    extract_all(g, notation, &super::numbers::digits(g.text()))
}

/// The counts of the unit list ([`extract_at`]) and, at the numbers they
/// leave, the counts of other nouns ([`super::open_counts`]), in text order.
pub(crate) fn extract_all(g: &Ground, notation: Notation, digits: &[usize]) -> Vec<Count> {
    let known = extract_at(g, notation, digits);
    let taken: Vec<Range<usize>> = known
        .iter()
        .map(|c| g.byte_offset(c.at.start)..g.byte_offset(c.at.end))
        .collect();
    let mut all = known;
    all.extend(super::open_counts::extract(g, notation, digits, &taken));
    all.sort_by_key(|c| c.at.start);
    all
}

/// [`extract`] for a document whose number notation is already known.
pub fn extract_with(g: &Ground, notation: Notation) -> Vec<Count> {
    extract_at(g, notation, &super::numbers::digits(g.text()))
}

/// [`extract_with`] for a document whose digits are already found
/// ([`super::numbers::digits`]).
pub(crate) fn extract_at(g: &Ground, notation: Notation, digits: &[usize]) -> Vec<Count> {
    let text = g.text();
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(m) = next_match(text, pos, digits) {
        let Some(c) = parts_at(text, m.start, m.end) else {
            break;
        };
        // A rejected match resumes after its number, so that a count
        // starting inside it is still seen.
        pos = match read_count(g, &c, notation) {
            Some(count) => {
                out.push(count);
                c.whole.end
            }
            None => c.n.end,
        };
    }
    out
}

/// The next match of [`COUNT`] at or after `pos` whose number stands alone,
/// as `start..end`; `digits` are the text's digits.
///
/// This is `COUNT.find_at(text, pos)` without a scan of the whole text by
/// the lazy DFA of the unit alternation: a match's number starts at a digit,
/// so [`COUNT_AT`] is tried only at digits, in order, and only where the run
/// of digits and marks ends before what may follow a number (whitespace,
/// `-`, `–`, `/`; the pattern needs one of them there). A match that starts
/// before its number starts with an approximation word: [`PRE_END`] finds its
/// leftmost start, and the rest of the match is the one at the digit. A
/// digit whose number does not stand alone (glued to a word, a mark or
/// another digit) is passed over: a match starting there has no
/// approximation word (that needs a space before the number), so
/// [`read_count`] rejects it and the search would resume after its number,
/// whose other digits are passed over too. [`extract_with`]'s results are
/// therefore those of the `find_at` loop, as
/// `tests::digit_scan_finds_what_find_at_finds` checks.
fn next_match(text: &str, pos: usize, digits: &[usize]) -> Option<Range<usize>> {
    for &d in super::numbers::digits_from(digits, pos) {
        if !number_stands_alone(text, d) || !may_follow_number(text, d) {
            continue;
        }
        let Some(m) = COUNT_AT.find(&text[d..]) else {
            continue;
        };
        let start = PRE_END.find(&text[pos..d]).map_or(d, |p| pos + p.start());
        return Some(start..d + m.end());
    }
    None
}

/// Whether the number starting at digit `d` may be followed as [`COUNT`]
/// wants: by whitespace, `-`, `–` or `/` right after its run of digits,
/// `.` and `,`. A non-ASCII char may be a digit or a space: it is let through.
/// The open counts' number head wants the same.
pub(super) fn may_follow_number(text: &str, d: usize) -> bool {
    super::numbers::byte_after_number(text, d).is_some_and(|(_, b)| {
        !b.is_ascii() || super::numbers::is_ascii_space(b) || matches!(b, b'-' | b'/')
    })
}

/// Read one count from a match of [`COUNT`], or `None` when the number is
/// not a quantity (a name, a row number, a glued marker).
fn read_count(g: &Ground, c: &Parts, notation: Notation) -> Option<Count> {
    let text = g.text();
    let s = |r: &Range<usize>| &text[r.clone()];
    let n = &c.n;
    let unit = &c.unit;
    // The noun must end at a word end (`hàng` of `hàng1`, not `xã` of `xãy`).
    if text[unit.end..]
        .chars()
        .next()
        .is_some_and(|ch| ch.is_alphabetic() || is_combining(ch))
    {
        return None;
    }
    // `\b` is left out of the pattern (it would keep the regex off its fast
    // DFA on non-ASCII text); an approximation word glued to a letter before
    // it ("thơn") is no approximation word.
    let pre = c.pre.as_ref().filter(|p| !letter_before(text, p.start));
    if pre.is_none() && !number_stands_alone(text, n.start) {
        return None;
    }
    let lead = pre.map_or(n.start, |p| p.start);
    if let Some(w) = previous_word(text, lead) {
        if NOT_COUNT_BEFORE.contains(&w.to_lowercase().as_str()) {
            return None;
        }
    }
    let unit_text = s(unit);
    // "5 Hộ kinh doanh ..." at a line start is a footnote or row number before
    // a capitalised name; an abbreviation ("41 HTX"), a ratio or a range is not.
    let abbreviation = unit_text.chars().all(|ch| !ch.is_lowercase());
    if pre.is_none()
        && c.max.is_none()
        && c.tot.is_none()
        && !abbreviation
        && at_line_start(text, n.start)
        && unit_text.chars().next().is_some_and(char::is_uppercase)
    {
        return None;
    }
    let unit_lower = collapse_ws(&unit_text.to_lowercase());
    if SCORE_UNITS.contains(&unit_lower.as_str()) && paragraph_scores(text, n.start, &unit_lower) {
        return None;
    }
    let whole = |s: &str| parse_number(s, notation).and_then(|d| d.as_integer());
    let value = whole(s(n))?;
    // A bound that is not a whole number spoils the form: not a count.
    let max = match &c.max {
        Some(m) => Some(whole(s(m))?),
        None => None,
    };
    let total = match &c.tot {
        Some(m) => Some(whole(s(m))?),
        None => None,
    };
    if max.is_some_and(|m| is_year(value) && is_year(m)) {
        return None;
    }
    let post = c.post.as_ref();
    let pre_lower = pre.map(|p| s(p).to_lowercase());
    let approx = match pre_lower.as_deref() {
        Some("từ") => post.map(|_| "at_least"),
        Some(p) => approx_of(p),
        None => post.map(|_| "at_least"),
    };
    // `từ` belongs to the span only when it is part of the form.
    let start = match pre {
        Some(_) if pre_lower.as_deref() == Some("từ") && max.is_none() && post.is_none() => {
            n.start
        }
        Some(p) => p.start,
        None => n.start,
    };
    let end = post.map_or(unit.end, |p| p.end);
    Some(Count {
        value,
        max,
        total,
        unit: unit_lower,
        approx: approx.map(str::to_string),
        at: g.at(start, end),
    })
}

/// Whether the paragraph around `at` gives `unit` a score: a fraction or a
/// decimal right before it (`60,5/61,5 điểm`, `6,5 điểm`, `45/50 điểm`).
fn paragraph_scores(text: &str, at: usize, unit: &str) -> bool {
    static SCORE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\d(?:[.,]\d+)?\s*/\s*\d+(?:[.,]\d+)?\s+(\p{L}+)|\d[.,]\d{1,2}\s+(\p{L}+)")
            .expect("static regex")
    });
    let from = text[..at].rfind('\n').map_or(0, |p| p + 1);
    let to = text[at..].find('\n').map_or(text.len(), |p| at + p);
    SCORE.captures_iter(&text[from..to]).any(|c| {
        c.get(1)
            .or_else(|| c.get(2))
            .is_some_and(|w| w.as_str().to_lowercase() == unit)
    })
}

/// A number is a quantity only if it is not glued to a word, a decimal mark,
/// a footnote marker (`[^3]`) or a ratio slash; `người/36.181 hộ` (a second
/// quantity after a unit) is allowed.
pub(super) fn number_stands_alone(text: &str, start: usize) -> bool {
    let mut before = text[..start].chars().rev();
    match before.next() {
        None => true,
        Some(ch) if ch.is_alphanumeric() || is_combining(ch) => false,
        Some('.' | ',' | '^' | '[' | '_' | '-' | '–') => {
            // `- 5 sản phẩm` bullets have a space; `3-5` ranges are matched whole.
            false
        }
        Some('/') => before.next().is_some_and(char::is_alphabetic),
        Some(_) => true,
    }
}

/// The word right before `pos` (skipping spaces), if the nearest non-space
/// character is a letter.
pub(super) fn previous_word(text: &str, pos: usize) -> Option<&str> {
    let head = text[..pos].trim_end();
    let last = head.chars().next_back()?;
    if !last.is_alphabetic() && !is_combining(last) {
        return None;
    }
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, ch)| !(ch.is_alphanumeric() || is_combining(ch)))
        .map(|(i, ch)| i + ch.len_utf8())
        .unwrap_or(0);
    Some(&head[start..])
}

pub(super) fn at_line_start(text: &str, pos: usize) -> bool {
    // Only the few bytes before the number matter: a line start further back
    // than a short indent means the number is not at the line start (and a
    // text without line breaks is not scanned back to its beginning).
    const INDENT: usize = 64;
    let bytes = text.as_bytes();
    let from = pos.saturating_sub(INDENT);
    for i in (from..pos).rev() {
        match bytes[i] {
            b'\n' | b'\x0c' => return true,
            b' ' | b'\t' | b'\r' => {}
            _ => return false,
        }
    }
    from == 0
}

/// Whether a letter stands right before byte `pos`.
pub(crate) fn letter_before(text: &str, pos: usize) -> bool {
    text[..pos]
        .chars()
        .next_back()
        .is_some_and(|ch| ch.is_alphanumeric() || is_combining(ch))
}

fn is_year(v: i64) -> bool {
    (1900..=2100).contains(&v)
}

fn is_combining(ch: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&ch)
}

#[cfg(test)]
mod tests {
    use super::*;

    type Row = (i64, Option<i64>, Option<i64>, String, Option<String>);

    fn counts(text: &str) -> Vec<Row> {
        let g = Ground::new(text, false);
        let out = extract(&g);
        for c in &out {
            assert!(crate::ground::holds(text, c.at.start, c.at.end, &c.at.text));
        }
        out.into_iter()
            .map(|c| (c.value, c.max, c.total, c.unit, c.approx))
            .collect()
    }

    fn c(v: i64, unit: &str) -> Row {
        (v, None, None, unit.to_string(), None)
    }

    /// The `find_at` loop that [`extract_with`] replaced: the definition its
    /// digit scan must give the results of.
    fn extract_by_find_at(g: &Ground, notation: Notation) -> Vec<Count> {
        let text = g.text();
        let mut out = Vec::new();
        let mut pos = 0;
        while let Some(m) = COUNT.find_at(text, pos) {
            let Some(c) = parts_at(text, m.start(), m.end()) else {
                break;
            };
            pos = match read_count(g, &c, notation) {
                Some(count) => {
                    out.push(count);
                    c.whole.end
                }
                None => c.n.end,
            };
        }
        out
    }

    #[test]
    fn digit_scan_finds_what_find_at_finds() {
        let mut found = 0;
        for text in crate::extract::numbers::sample_texts() {
            let g = Ground::new(&text, false);
            for notation in [Notation::Vietnamese, Notation::English] {
                let want = extract_by_find_at(&g, notation);
                found += want.len();
                assert_eq!(extract_with(&g, notation), want, "{text:?}");
            }
        }
        assert!(found > 1000, "{found}");
    }

    #[test]
    fn simple_counts() {
        assert_eq!(
            counts("có 25 sản phẩm được công nhận. Trong đó có 01 sp đạt 4 sao; 205 người, 94 lớp tập huấn"),
            vec![c(25, "sản phẩm"), c(1, "sp"), c(205, "người"), c(94, "lớp tập huấn")]
        );
        assert_eq!(
            counts("trong đó: 03 Doanh nghiệp với 05 sản phẩm; 07 Hợp tác xã"),
            vec![c(3, "doanh nghiệp"), c(5, "sản phẩm"), c(7, "hợp tác xã")]
        );
        assert_eq!(
            counts("02 chủ \n\nthể là doanh nghiệp"),
            vec![c(2, "chủ thể")]
        );
    }

    #[test]
    fn groups_are_numbered_as_parts_reads_them() {
        fn names(re: &Regex) -> Vec<&str> {
            re.capture_names().map(|n| n.unwrap_or("")).collect()
        }
        assert_eq!(
            names(&COUNT),
            ["", "pre", "n", "max", "tot", "unit", "post"]
        );
        assert_eq!(names(&HEAD_AT), ["", "pre", "n", "max", "tot"]);
    }

    #[test]
    fn ratios_and_ranges() {
        assert_eq!(
            counts("Có 11/15 xã, phường"),
            vec![(11, None, Some(15), "xã".into(), None)]
        );
        assert_eq!(
            counts("triển khai đến 2.038/2.102 đồng chí, Cán bộ chủ chốt: 156 /160 \nđồng chí"),
            vec![
                (2038, None, Some(2102), "đồng chí".into(), None),
                (156, None, Some(160), "đồng chí".into(), None)
            ]
        );
        assert_eq!(
            counts("đạt 3 sao trở lên 03 - 05 sản phẩm"),
            vec![(3, Some(5), None, "sản phẩm".into(), None)]
        );
        assert_eq!(
            counts("tham gia từ 01 đến 02 Hội chợ"),
            vec![(1, Some(2), None, "hội chợ".into(), None)]
        );
        assert_eq!(
            counts("(dự kiến cho từ 3-5 sản phẩm)"),
            vec![(3, Some(5), None, "sản phẩm".into(), None)]
        );
        assert_eq!(
            counts("32 sản phẩm/08 xã được"),
            vec![c(32, "sản phẩm"), c(8, "xã")]
        );
        assert_eq!(
            counts("130.316 người/36.181 hộ"),
            vec![c(130316, "người"), c(36181, "hộ")]
        );
    }

    #[test]
    fn approximations() {
        let a = |v, u: &str, ap: &str| (v, None, None, u.to_string(), Some(ap.to_string()));
        assert_eq!(
            counts("sự tham gia của hơn 4.300 lượt người."),
            vec![a(4300, "lượt người", "more_than")]
        );
        assert_eq!(
            counts("phấn đấu ít nhất có 01 sản phẩm"),
            vec![a(1, "sản phẩm", "at_least")]
        );
        assert_eq!(counts("khoảng 50 hộ"), vec![a(50, "hộ", "about")]);
        assert_eq!(
            counts("từ 3 sản phẩm trở lên"),
            vec![a(3, "sản phẩm", "at_least")]
        );
    }

    #[test]
    fn points_of_a_score_are_not_counted() {
        // A paragraph that scores with `điểm` uses it for scores only.
        assert!(counts("tự đánh giá 60,5/61,5 điểm; 22 điểm khảo sát ý kiến").is_empty());
        assert!(counts("đạt 45/50 điểm, còn lại 5 điểm").is_empty());
        // Points of sale are counted where nothing is scored.
        assert_eq!(counts("xây dựng 2 điểm bán hàng").len(), 1);
    }

    #[test]
    fn exclusions() {
        let none = [
            "Sơ kết 03 năm thực hiện",
            "06 tháng đầu năm 2023, 9 tháng",
            "đạt OCOP 3 sao, 4-5 sao",
            "chiếm 67,54% ; 100% các chủ thể",
            "diện tích 339,4km2, 168 ha",
            "446 triệu đồng",
            "Quyết định số 148/QĐ-TTg ngày 24/02/2023",
            "giai đoạn 2021-2025",
            "HTX Phước Vinh 59 (Phước Vinh); Mật nho 39 - Cơ sở sản xuất",
            "năm 2020[^3] hiện nay; (06 sản phẩm)[^9]",
            "Tổ 10, phường Quảng Phú; Số 38 đường; thôn Liên Sơn 2, xã Phước Vinh",
            "382,6 người/km2",
            "5\tXã Phổ Phong\tĐiểm du lịch",
            "5 Hộ kinh doanh cơ sở sản xuất Thiên Thảo",
            "2. Hỗ trợ chủ thể",
        ];
        for t in none {
            let got = counts(t);
            let ok = got.is_empty() || (t.contains("[^9]") && got == vec![c(6, "sản phẩm")]);
            assert!(ok, "{t}: {got:?}");
        }
    }

    #[test]
    fn notation_of_the_document_decides_group_marks() {
        // English notation document: `2,315` is two thousand.
        assert_eq!(
            counts("có 2,315 hộ; kinh phí 1,250,000,000 đồng và 800,000,000 đồng"),
            vec![c(2315, "hộ")]
        );
        // Vietnamese: `2,5` is a decimal, never a count.
        assert!(counts("bình quân 2,5 người/hộ").is_empty());
    }

    #[test]
    fn abbreviations_and_ratios_at_a_line_start_are_counts() {
        assert_eq!(
            counts("nâng tổng số lên\n41 HTX với 12.560 thành viên. Có\n27/41 HTX hoạt động"),
            vec![
                c(41, "htx"),
                c(12560, "thành viên"),
                (27, None, Some(41), "htx".into(), None)
            ]
        );
    }

    #[test]
    fn glued_footnote_markers_do_not_crash() {
        // Raw text before the layout stage: markers glued to the noun.
        assert_eq!(
            counts("94 lớp tập huấn7, theo 6 ngành \nhàng1"),
            vec![c(94, "lớp tập huấn"), c(6, "ngành hàng")]
        );
    }
}
