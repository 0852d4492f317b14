//! Money amounts, exact, with what the money is.
//!
//! Forms: `446 triệu đồng`, `324,474 triệu đồng` (324 474 000 đồng),
//! `1,5 tỷ đồng`, `1 tỷ 250 triệu đồng`, `1.500.000 đồng`, `500.000đ`,
//! `2 nghìn tỷ đồng`, `VNĐ`; a scaled amount without a currency word
//! (`dự toán 12,5 tỷ.`) when a money word precedes it in the clause. Amounts
//! are computed with [`Decimal`], never floating point. The `label` is the
//! nearest preceding money phrase in the same clause ("Tổng kinh phí được
//! giao", "kinh phí đối ứng của địa phương"). A document in English notation
//! (`1,500,000 đồng`) is read as such and its funds say `notation: "en"`.

use std::sync::LazyLock;

use regex::Regex;

use crate::short_regex::ShortRegex;

use super::counts::letter_before;
use super::lexicon::{
    APPROX_WORDS, CURRENCY_WORDS, FUND_LABEL_HEADS, FUND_LABEL_PREFIXES, MONEY_SCALES,
    NOT_MONEY_AFTER_DONG,
};
use super::numbers::{
    approx_of, collapse_ws, detect_notation, parse_number, scale_of, Decimal, Notation,
};
use crate::ground::Ground;
use crate::output::Fund;

/// Regex alternation of word lists, longest first (`tỷ` must not win over
/// a longer entry sharing its start), words separated by any whitespace.
fn alternation(list: &[&str]) -> String {
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
}

/// One `number [scale]` part.
static PART: LazyLock<Regex> = LazyLock::new(|| {
    let scales: Vec<&str> = MONEY_SCALES.iter().map(|s| s.0).collect();
    Regex::new(&format!(
        r"(?i)(?P<num>\d+(?:[.,]\d+)*)\s*(?P<scale>{})?",
        alternation(&scales)
    ))
    .expect("static regex")
});

/// The approximation words, an alternation.
fn approx_words() -> String {
    alternation(&APPROX_WORDS.iter().map(|a| a.0).collect::<Vec<_>>())
}

/// The pattern of [`AMOUNT`].
fn amount_pattern() -> String {
    let scales: Vec<&str> = MONEY_SCALES.iter().map(|s| s.0).collect();
    let num = r"\d+(?:[.,]\d+)*";
    let scale = alternation(&scales);
    format!(
        r"(?i)(?:(?P<pre>{approx})\s+)?(?:(?P<amt>{num}\s*(?:{scale})(?:\s+{num}\s*(?:{scale}))*)(?P<cur>\s*(?:{cur}))?|(?P<amt_b>{num})(?P<cur_b>\s*(?:{cur})))",
        approx = approx_words(),
        cur = alternation(CURRENCY_WORDS),
    )
}

static AMOUNT: LazyLock<Regex> = LazyLock::new(|| super::numbers::big_regex(&amount_pattern()));

/// [`AMOUNT`] anchored at the start of the haystack: tried only where a
/// number starts (see [`next_amount`]).
static AMOUNT_AT: LazyLock<Regex> =
    LazyLock::new(|| super::numbers::big_regex(&format!("^(?:{})", amount_pattern())));

/// The approximation word and spaces that may start a match of [`AMOUNT`]
/// before its number, ending at the haystack's end.
static PRE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)(?:{})\s+$", approx_words())).expect("static regex")
});

/// The ASCII letters (lowercase) that a scale or currency word may start
/// with: after a number and its spaces, [`AMOUNT`] needs one of those words.
static WORD_STARTS: LazyLock<Vec<u8>> = LazyLock::new(|| {
    MONEY_SCALES
        .iter()
        .map(|s| s.0)
        .chain(CURRENCY_WORDS.iter().copied())
        .filter_map(|w| w.bytes().next())
        .filter(u8::is_ascii)
        .collect()
});

static LABEL_HEAD: LazyLock<ShortRegex> = LazyLock::new(|| {
    ShortRegex::new(&format!(
        r"(?i)\b(?:(?:{})\s+)?(?:{})\b",
        alternation(FUND_LABEL_PREFIXES),
        alternation(FUND_LABEL_HEADS)
    ))
    .expect("static regex")
});

/// How far back a label is looked for.
const LABEL_WINDOW: usize = 300;

pub fn extract(g: &Ground) -> Vec<Fund> {
    extract_with(g, detect_notation(g.text()))
}

/// [`extract`] for a document whose number notation is already known.
pub fn extract_with(g: &Ground, notation: Notation) -> Vec<Fund> {
    extract_at(g, notation, &super::numbers::digits(g.text()))
}

/// [`extract_with`] for a document whose digits are already found
/// ([`super::numbers::digits`]).
pub(crate) fn extract_at(g: &Ground, notation: Notation, digits: &[usize]) -> Vec<Fund> {
    let text = g.text();
    let mut out = Vec::new();
    let mut last_end = 0usize;
    let mut pos = 0;
    while let Some(c) = next_amount(text, pos, digits) {
        let Some(whole) = c.get(0) else {
            break;
        };
        // As `captures_iter` would, the next search starts at this match's end.
        pos = whole.end();
        // Either `number scale [currency]` or `number currency`: a bare
        // number never matches, which keeps the scan fast.
        let Some(amt) = c.name("amt").or_else(|| c.name("amt_b")) else {
            continue;
        };
        // No `\b` in the pattern (it keeps the regex off its fast DFA).
        let pre = c.name("pre").filter(|p| !letter_before(text, p.start()));
        let cur = c.name("cur").or_else(|| c.name("cur_b"));
        if !amount_stands_alone(text, amt.start()) {
            continue;
        }
        let Some(parts) = read_parts(amt.as_str(), notation) else {
            continue;
        };
        let has_scale = parts.iter().any(|p| p.1.is_some());
        let end =
            match cur {
                Some(cm) => {
                    let after = &text[cm.end()..];
                    if after.chars().next().is_some_and(|ch| {
                        ch.is_alphabetic() || ('\u{300}'..='\u{36f}').contains(&ch)
                    }) {
                        continue;
                    }
                    let cur_word = cm.as_str().trim().to_lowercase();
                    if cur_word == "đồng" {
                        let next = after.split_whitespace().next().unwrap_or("");
                        let next = next.trim_end_matches(|ch: char| !ch.is_alphabetic());
                        if NOT_MONEY_AFTER_DONG.contains(&next.to_lowercase().as_str()) {
                            continue;
                        }
                    }
                    cm.end()
                }
                None => {
                    // A scaled amount without currency: only at a phrase end and
                    // with a money word before it.
                    if !has_scale {
                        continue;
                    }
                    let after = text[amt.end()..].trim_start_matches([' ', '\t']);
                    if after.chars().next().is_some_and(char::is_alphanumeric) {
                        continue;
                    }
                    amt.end()
                }
            };
        let lead = pre.map_or(amt.start(), |p| p.start());
        let previous = out.last().and_then(|f: &Fund| f.label.as_deref());
        let label = label_before(text, lead, last_end, previous);
        if cur.is_none() && label.is_none() {
            continue;
        }
        let Some((amount, value, scale)) = total(&parts) else {
            continue;
        };
        let Some(amount_vnd) = amount.round() else {
            continue;
        };
        last_end = end;
        out.push(Fund {
            amount_vnd,
            value: value.to_f64(),
            scale: scale.map(str::to_string),
            label,
            approx: pre.and_then(|p| approx_of(p.as_str())).map(str::to_string),
            notation: (notation == Notation::English).then(|| notation.slug().to_string()),
            source: None,
            at: g.at(lead, end),
        });
    }
    out
}

/// The captures of `AMOUNT.find_at(text, pos)`'s match; `digits` are the
/// text's digits.
///
/// The lazy DFA of [`AMOUNT`]'s word alternations is not run over the whole
/// text: a match's number starts at a digit, so [`AMOUNT_AT`] is tried only
/// at digits, in order, and only where the number is followed (after spaces)
/// by what may start a scale or currency word. A digit right after another
/// digit, or after a digit and a mark (`1.5`), cannot start the leftmost
/// match when that digit is searched too: a match from this digit is one
/// from that digit as well. A match that starts before its number starts
/// with an approximation word: [`PRE_END`] finds its leftmost start, and the
/// rest of the match is the one at the digit. `tests::digit_scan_finds_what_captures_iter_finds`
/// checks the results against the `captures_iter` loop.
fn next_amount<'t>(text: &'t str, pos: usize, digits: &[usize]) -> Option<regex::Captures<'t>> {
    let bytes = text.as_bytes();
    let digit_at = |i: usize| i >= pos && bytes.get(i).is_some_and(u8::is_ascii_digit);
    for &d in super::numbers::digits_from(digits, pos) {
        let continues = digit_at(d.wrapping_sub(1))
            || (matches!(bytes.get(d.wrapping_sub(1)), Some(b'.' | b','))
                && digit_at(d.wrapping_sub(2)));
        if continues || !may_follow_amount(text, d) || !AMOUNT_AT.is_match(&text[d..]) {
            continue;
        }
        let start = PRE_END.find(&text[pos..d]).map_or(d, |p| pos + p.start());
        return AMOUNT.captures_at(text, start);
    }
    None
}

/// Whether the number starting at digit `d` may be followed as [`AMOUNT`]
/// wants: after its run of digits, `.` and `,` and any spaces, by a scale or
/// currency word. A non-ASCII char may be a digit, a space or the start of
/// such a word: it is let through.
fn may_follow_amount(text: &str, d: usize) -> bool {
    let Some((after, _)) = super::numbers::byte_after_number(text, d) else {
        return false;
    };
    text.as_bytes()[after..]
        .iter()
        .find(|&&b| !super::numbers::is_ascii_space(b))
        .is_some_and(|&b| !b.is_ascii() || WORD_STARTS.contains(&b.to_ascii_lowercase()))
}

/// Not glued to a word, a ratio or another number (`2.038/2.102 đồng chí`).
fn amount_stands_alone(text: &str, start: usize) -> bool {
    match text[..start].chars().next_back() {
        None => true,
        Some(ch) => !(ch.is_alphanumeric() || matches!(ch, '.' | ',' | '/' | '^' | '[' | '_')),
    }
}

type Part = (Decimal, Option<(u32, &'static str)>);

/// The `number scale` parts of an amount (`1 tỷ 250 triệu` → two parts).
fn read_parts(s: &str, notation: Notation) -> Option<Vec<Part>> {
    let mut parts = Vec::new();
    for p in PART.captures_iter(s) {
        let n = parse_number(p.name("num")?.as_str(), notation)?;
        let scale = match p.name("scale") {
            Some(sc) => Some(scale_of(sc.as_str())?),
            None => None,
        };
        parts.push((n, scale));
    }
    (!parts.is_empty()).then_some(parts)
}

/// Exact amount in đồng, the value in the largest scale, and that scale.
fn total(parts: &[Part]) -> Option<(Decimal, Decimal, Option<&'static str>)> {
    let mut sum = Decimal::ZERO;
    for (n, scale) in parts {
        let exp = scale.map_or(0, |s| s.0);
        sum = sum.checked_add(n.mul_pow10(exp)?)?;
    }
    let (value, scale) = match parts {
        [(n, s)] => (*n, s.map(|s| s.1)),
        _ => {
            let top = parts.iter().filter_map(|p| p.1).max_by_key(|s| s.0)?;
            // Exact division by 10^exp: shift the decimal point.
            let v = Decimal {
                mantissa: sum.mantissa,
                scale: sum.scale + top.0,
            }
            .normalized();
            (v, Some(top.1))
        }
    };
    Some((sum, value, scale))
}

/// The money phrase before `pos`: the clause that ends at the amount (after
/// `;`, `, `, a sentence end, a bullet, a heading line, or the previous
/// amount at `floor`). A short clause is the label as a whole ("Dự phòng
/// ngân sách", "thu nội địa"); a longer one is cut to start at its first money
/// word ("vận động 03 chủ thể tự chủ nguồn kinh phí" → "nguồn kinh phí").
/// Right after another amount ("50 triệu đồng/hợp tác xã và 15 triệu đồng")
/// the previous label carries over.
fn label_before(text: &str, pos: usize, floor: usize, previous: Option<&str>) -> Option<String> {
    let mut from = pos.saturating_sub(LABEL_WINDOW).max(floor);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let window = &text[from..pos];
    let clause = &window[clause_start(window)..];
    let clause = strip_leading(&collapse_ws(clause));
    if clause.is_empty() || clause.starts_with('/') {
        return if from == floor && floor > 0 {
            previous.map(str::to_string)
        } else {
            None
        };
    }
    let words = clause.split_whitespace().count();
    let label = match LABEL_HEAD.find(&clause) {
        Some(_) if words <= SHORT_LABEL => clause.as_str(),
        Some(m) => &clause[m.start()..],
        None if words <= SHORT_LABEL + 2 => clause.as_str(),
        None => return None,
    };
    let label = tidy_label(label);
    (!label.is_empty()).then_some(label)
}

/// A clause of at most this many words is a label as a whole.
const SHORT_LABEL: usize = 6;

/// Start of the clause that ends the window: after `;`, `, ` (not between
/// numbers: "năm 2022, 2023"), a sentence end, a bullet, a heading line
/// ("1. Thu ngân sách") or a page break.
fn clause_start(window: &str) -> usize {
    let b = window.as_bytes();
    let mut start = 0;
    let mut line_start = 0;
    for (i, &ch) in b.iter().enumerate() {
        let next = b.get(i + 1).copied();
        let boundary = match ch {
            b';' | b'!' | b'?' | b'\x0c' => true,
            b'.' => next.is_some_and(|n| n == b' ' || n == b'\n'),
            b',' => {
                let rest = window[i + 1..].trim_start();
                next.is_some_and(|n| n == b' ' || n == b'\n')
                    && !rest.starts_with(|c: char| c.is_ascii_digit())
            }
            b'\n' => {
                let line = &window[line_start..i];
                line_start = i + 1;
                let rest = window[i + 1..].trim_start_matches([' ', '\t']);
                rest.starts_with(['-', '+', '*', '•']) || HEADING_LINE.is_match(line)
            }
            _ => false,
        };
        if boundary {
            start = i + 1;
        }
    }
    start
}

/// A line that starts with a section marker (`1.`, `II.`, `a)`, `2.1.`).
static HEADING_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[.)]\s").expect("static regex")
});

/// Bullets, list markers and connectives at the start of a label.
fn strip_leading(s: &str) -> String {
    const LEADING: &[&str] = &["trong đó", "bao gồm", "gồm", "với", "và", "còn", "là", "từ"];
    let mut t = s.trim_start_matches(|ch: char| "-+*•_:".contains(ch) || ch.is_whitespace());
    loop {
        let before = t;
        for w in LEADING {
            if let Some(x) = t.strip_prefix(w) {
                if x.is_empty() || x.starts_with([' ', ':', ',']) {
                    t = x.trim_start_matches(|ch: char| ":,".contains(ch) || ch.is_whitespace());
                }
            }
        }
        if t == before {
            break;
        }
    }
    t.to_string()
}

/// Drop connecting words and markup at the ends of a label.
fn tidy_label(s: &str) -> String {
    const TRAILING: &[&str] = &[
        ":",
        "là",
        "với",
        "được",
        "khoảng",
        "hơn",
        "trên",
        "gần",
        "=",
        "-",
        "*",
        "(",
        "bằng",
        "không quá",
        "không vượt quá",
        "tới",
        "lên đến",
        "ước đạt",
        "đạt",
    ];
    let mut t = s.trim_matches(|ch: char| ch == '*' || ch == '_' || ch.is_whitespace());
    loop {
        let before = t;
        for w in TRAILING {
            if let Some(x) = t.strip_suffix(w) {
                let boundary = w.len() == 1 || x.is_empty() || x.ends_with(' ');
                if boundary {
                    t = x.trim_end_matches(|ch: char| ch == '*' || ch.is_whitespace());
                }
            }
        }
        if t == before {
            break;
        }
    }
    t.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `captures_iter` loop that [`extract_with`] replaced, on the
    /// same matches: the definition its digit scan must give the results of.
    fn matches_by_captures_iter(text: &str) -> Vec<Vec<Option<(usize, usize)>>> {
        AMOUNT
            .captures_iter(text)
            .map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect())
            .collect()
    }

    #[test]
    fn digit_scan_finds_what_captures_iter_finds() {
        let mut found = 0;
        for text in crate::extract::numbers::sample_texts() {
            let want = matches_by_captures_iter(&text);
            found += want.len();
            let digits = crate::extract::numbers::digits(&text);
            let mut got = Vec::new();
            let mut pos = 0;
            while let Some(c) = next_amount(&text, pos, &digits) {
                let Some(whole) = c.get(0) else { break };
                pos = whole.end();
                got.push(
                    c.iter()
                        .map(|m| m.map(|m| (m.start(), m.end())))
                        .collect::<Vec<_>>(),
                );
            }
            assert_eq!(got, want, "{text:?}");
        }
        assert!(found > 1000, "{found}");
    }

    fn funds(text: &str) -> Vec<Fund> {
        let g = Ground::new(text, false);
        let out = extract(&g);
        for f in &out {
            assert!(crate::ground::holds(text, f.at.start, f.at.end, &f.at.text));
        }
        out
    }

    fn brief(text: &str) -> Vec<(i64, Option<String>)> {
        funds(text)
            .into_iter()
            .map(|f| (f.amount_vnd, f.label))
            .collect()
    }

    fn s(x: &str) -> Option<String> {
        Some(x.to_string())
    }

    #[test]
    fn sample_003_lines() {
        let t = "1. *Tổng kinh phí được giao: 446 triệu đồng, trong đó:*\n+ Kinh phí kéo dài từ năm 2022, 2023: 0 triệu đồng.\n+ Kinh phí được phân bổ tại Quyết định số 148/QĐ-UBND ngày 01/02/2024 của UBND tỉnh: 320 triệu đồng và kinh phí đối ứng của địa phương: 126 triệu đồng.\n2. *Kinh phí đã giải ngân: 324,474 triệu đồng, trong đó:*";
        assert_eq!(
            brief(t),
            vec![
                (446_000_000, s("Tổng kinh phí được giao")),
                (0, s("Kinh phí kéo dài từ năm 2022, 2023")),
                (
                    320_000_000,
                    s("Kinh phí được phân bổ tại Quyết định số 148/QĐ-UBND ngày 01/02/2024 của UBND tỉnh")
                ),
                (126_000_000, s("kinh phí đối ứng của địa phương")),
                (324_474_000, s("Kinh phí đã giải ngân")),
            ]
        );
        let f = funds("Kinh phí đã giải ngân: 324,474 triệu đồng");
        assert_eq!(
            (f[0].value, f[0].scale.as_deref()),
            (324.474, Some("triệu"))
        );
    }

    #[test]
    fn scales_and_mixed() {
        assert_eq!(brief("kinh phí 1,001 triệu đồng")[0].0, 1_001_000);
        assert_eq!(brief("Tổng vốn 1,5 tỷ đồng")[0].0, 1_500_000_000);
        assert_eq!(brief("dự toán 2 tỉ đồng")[0].0, 2_000_000_000);
        assert_eq!(brief("hỗ trợ 1 tỷ 250 triệu đồng")[0].0, 1_250_000_000);
        let f = funds("hỗ trợ 1 tỷ 250 triệu đồng");
        assert_eq!((f[0].value, f[0].scale.as_deref()), (1.25, Some("tỷ")));
        assert_eq!(brief("mức 500 nghìn đồng/người")[0].0, 500_000);
        assert_eq!(brief("mức 500 ngàn đồng")[0].0, 500_000);
        assert_eq!(brief("tổng 3 nghìn tỷ đồng")[0].0, 3_000_000_000_000);
        assert_eq!(brief("chi 1.500.000 đồng")[0].0, 1_500_000);
        assert_eq!(brief("chi 1.500.000đ;")[0].0, 1_500_000);
        assert_eq!(brief("chi 250.000 VNĐ")[0].0, 250_000);
        assert_eq!(
            brief("Tổng dự toán: 12,5 tỷ.")[0],
            (12_500_000_000, s("Tổng dự toán"))
        );
    }

    #[test]
    fn approx_and_labels_across_lines() {
        let f = funds(
            "vận động 03 chủ thể tự chủ nguồn kinh phí khoảng 25 triệu \n\nđồng để thực hiện",
        );
        assert_eq!(f.len(), 1);
        assert_eq!(
            (f[0].amount_vnd, f[0].approx.as_deref()),
            (25_000_000, Some("about"))
        );
        assert_eq!(f[0].label, s("nguồn kinh phí"));
        assert!(f[0].at.text.starts_with("khoảng"));
        assert_eq!(
            brief("với tổng \nkinh phí 345 triệu đồng."),
            vec![(345_000_000, s("tổng kinh phí"))]
        );
    }

    #[test]
    fn labels_from_headings_bullets_and_parallel_amounts() {
        let t = "1. Thu ngân sách\nTổng thu ngân sách nhà nước trên địa bàn: 1.234,56 tỷ đồng, đạt 105,2% dự toán; trong đó thu nội địa 980,3 tỷ đồng.\n- Dự phòng ngân sách: 38 tỷ 500 triệu đồng.\nMức hỗ trợ tối đa 50 triệu đồng/hợp tác xã và 15 triệu đồng/hộ gia đình.";
        assert_eq!(
            brief(t),
            vec![
                (
                    1_234_560_000_000,
                    s("Tổng thu ngân sách nhà nước trên địa bàn")
                ),
                (980_300_000_000, s("thu nội địa")),
                (38_500_000_000, s("Dự phòng ngân sách")),
                (50_000_000, s("Mức hỗ trợ tối đa")),
                (15_000_000, s("Mức hỗ trợ tối đa")),
            ]
        );
    }

    #[test]
    fn english_notation_document() {
        let f = funds("Mức hỗ trợ 1,500,000 đồng/người; tổng kinh phí 12,250,000 đồng.");
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].amount_vnd, 1_500_000);
        assert_eq!(f[1].amount_vnd, 12_250_000);
        assert_eq!(f[1].notation.as_deref(), Some("en"));
    }

    #[test]
    fn not_money() {
        for t in [
            "đến 2.038/2.102 đồng chí",
            "3 triệu lượt khách",
            "có 12 đồng bào",
            "25 đối tượng",
            "chiếm 50% chi phí",
            "năm 2024",
        ] {
            assert!(funds(t).is_empty(), "{t}: {:?}", funds(t));
        }
    }
}
