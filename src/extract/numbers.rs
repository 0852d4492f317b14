//! Numbers as Vietnamese documents write them, read exactly.
//!
//! `.` groups thousands and `,` is the decimal mark (`130.316` = 130316,
//! `339,4` = 339.4). A document that obviously uses English notation
//! (`1,500,000 đồng`) is detected once per document ([`detect_notation`]) and
//! read as such. Values are kept as an exact [`Decimal`] (an integer mantissa
//! and a count of decimal places), never as floating point, so that
//! `1,001 triệu` is exactly 1 001 000 đồng. Counts, funds, dates and the audit
//! all read numbers through this module.

use std::fmt;
use std::sync::LazyLock;

use regex::Regex;

use super::lexicon::{APPROX_WORDS, MONEY_SCALES};

/// An exact decimal number: `mantissa / 10^scale`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Decimal {
    pub mantissa: i128,
    /// Number of decimal places (digits after the decimal mark).
    pub scale: u32,
}

/// Largest scale kept; more decimal places than this are not plausible in a report.
const MAX_SCALE: u32 = 18;

impl Decimal {
    pub const ZERO: Decimal = Decimal {
        mantissa: 0,
        scale: 0,
    };

    pub fn from_int(v: i64) -> Self {
        Decimal {
            mantissa: v as i128,
            scale: 0,
        }
    }

    /// Remove trailing zero decimal places (`1,50` → `1,5`).
    pub fn normalized(self) -> Self {
        let mut d = self;
        while d.scale > 0 && d.mantissa % 10 == 0 {
            d.mantissa /= 10;
            d.scale -= 1;
        }
        d
    }

    /// Multiply by `10^exp` exactly (scaling `324,474` by `triệu`).
    pub fn mul_pow10(self, exp: u32) -> Option<Self> {
        if exp >= self.scale {
            let factor = 10i128.checked_pow(exp - self.scale)?;
            Some(Decimal {
                mantissa: self.mantissa.checked_mul(factor)?,
                scale: 0,
            })
        } else {
            Some(
                Decimal {
                    mantissa: self.mantissa,
                    scale: self.scale - exp,
                }
                .normalized(),
            )
        }
    }

    /// Exact sum, or `None` on overflow.
    pub fn checked_add(self, other: Decimal) -> Option<Self> {
        let scale = self.scale.max(other.scale);
        let a = self
            .mantissa
            .checked_mul(10i128.checked_pow(scale - self.scale)?)?;
        let b = other
            .mantissa
            .checked_mul(10i128.checked_pow(scale - other.scale)?)?;
        Some(
            Decimal {
                mantissa: a.checked_add(b)?,
                scale,
            }
            .normalized(),
        )
    }

    /// The integer value if there is no fractional part.
    pub fn as_integer(self) -> Option<i64> {
        let d = self.normalized();
        if d.scale == 0 {
            i64::try_from(d.mantissa).ok()
        } else {
            None
        }
    }

    /// Rounded to the nearest integer, halves away from zero.
    pub fn round(self) -> Option<i64> {
        if self.scale == 0 {
            return i64::try_from(self.mantissa).ok();
        }
        let div = 10i128.checked_pow(self.scale)?;
        let q = self.mantissa / div;
        let r = self.mantissa % div;
        let q = if r.abs() * 2 >= div {
            q + self.mantissa.signum()
        } else {
            q
        };
        i64::try_from(q).ok()
    }

    /// For output only (JSON numbers); never used for arithmetic on money.
    pub fn to_f64(self) -> f64 {
        // Formatting then parsing gives the closest f64 to the exact value.
        self.to_string().parse().unwrap_or(f64::NAN)
    }
}

impl fmt::Display for Decimal {
    /// Plain notation with `.` as the decimal mark (`324.474`), as JSON wants.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.normalized();
        let neg = d.mantissa < 0;
        let digits = d.mantissa.unsigned_abs().to_string();
        let scale = d.scale as usize;
        let (int, frac) = if digits.len() > scale {
            let (i, fr) = digits.split_at(digits.len() - scale);
            (i.to_string(), fr.to_string())
        } else {
            ("0".to_string(), format!("{digits:0>scale$}"))
        };
        if neg {
            write!(f, "-")?;
        }
        if frac.is_empty() {
            write!(f, "{int}")
        } else {
            write!(f, "{int}.{frac}")
        }
    }
}

/// Compile one of the extractors' large patterns (Unicode, case-insensitive
/// word lists) with a lazy-DFA cache big enough (16 MB bound per regex and
/// thread, grown only as states are built) that scanning Vietnamese text does
/// not keep clearing it; the patterns are static, so failure is a bug.
pub(crate) fn big_regex(pattern: &str) -> Regex {
    regex::RegexBuilder::new(pattern)
        .dfa_size_limit(16 << 20)
        .size_limit(16 << 20)
        .build()
        .expect("static regex")
}

/// Where a text's digits may be (see [`crate::bytescan::next_digit`]), in order: found in one
/// scan for the extractors that look for numbers (counts and funds).
pub(crate) fn digits(text: &str) -> Vec<usize> {
    crate::bytescan::digit_starts(text)
}

/// The positions of `digits` (in order) at or after `pos`.
pub(crate) fn digits_from(digits: &[usize], pos: usize) -> &[usize] {
    &digits[digits.partition_point(|&d| d < pos)..]
}

pub(crate) use crate::bytescan::is_ascii_space;

/// The first byte after the run of ASCII digits, `.` and `,` that follows the
/// char at `at` (a digit), or `None` at the end of the text. Numbers of the
/// extractors' patterns are made of `\d`, `.` and `,`; what stands after
/// them decides whether a pattern can match there.
pub(crate) fn byte_after_number(text: &str, at: usize) -> Option<(usize, u8)> {
    let first = text.get(at..)?.chars().next()?.len_utf8();
    let bytes = text.as_bytes();
    (at + first..bytes.len())
        .map(|i| (i, bytes[i]))
        .find(|&(_, b)| !(b.is_ascii_digit() || b == b'.' || b == b','))
}

/// How a document writes numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Notation {
    /// `1.500.000,5`: `.` groups thousands, `,` is the decimal mark.
    #[default]
    Vietnamese,
    /// `1,500,000.5`.
    English,
}

impl Notation {
    pub fn slug(self) -> &'static str {
        match self {
            Notation::Vietnamese => "vi",
            Notation::English => "en",
        }
    }
}

static EN_EVIDENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d.,])\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?(?:[^\d,.]|$)|\d{1,3}(?:,\d{3})+\.\d+")
        .expect("static regex")
});
static VI_EVIDENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d.,])\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?(?:[^\d,.]|$)|\d{1,3}(?:\.\d{3})+,\d+")
        .expect("static regex")
});

/// `re.find_iter(text).count()` for [`EN_EVIDENCE`] (`mark` `,`) and
/// [`VI_EVIDENCE`] (`mark` `.`), searching only around the numbers that hold
/// a digit, `mark` and three digits.
///
/// Every match of those patterns holds such a group, is made of digits, `.`
/// and `,`, and has at most one other char at each end (or the text's end).
/// So each match lies in the window of one run of digits and marks with
/// such a group, from the char before the run to the char after it, and
/// searching the windows in order, each from the end of the last match,
/// finds the matches of the whole-text iteration. A search ends at its
/// window's end: the pattern's `$` cannot match there unless it is the
/// text's end (the char before is no digit), and a match that would cross it
/// starts at the char after the run, where the next window starts.
fn count_number_matches(re: &Regex, text: &str, mark: u8) -> usize {
    let in_run = |ch: char| ch.is_numeric() || ch == '.' || ch == ',';
    let mut count = 0;
    let mut pos = 0;
    // End of the window searched last: the groups before it were in it.
    let mut searched = 0;
    for i in memchr::memchr_iter(mark, text.as_bytes()) {
        if i < searched || !group_at(text, i) {
            continue;
        }
        // The run around the group, and one char more on each side.
        let run_start = text[..i]
            .char_indices()
            .rev()
            .find(|&(_, ch)| !in_run(ch))
            .map_or(0, |(j, _)| j);
        let window_end = text[i..]
            .char_indices()
            .find(|&(_, ch)| !in_run(ch))
            .map_or(text.len(), |(j, ch)| i + j + ch.len_utf8());
        let hay = &text[..window_end];
        while let Some(m) = re.find_at(hay, pos.max(run_start)) {
            count += 1;
            pos = m.end();
        }
        searched = window_end;
    }
    count
}

/// Whether a digit stands before the mark at byte `i` and three digits after
/// it (`is_numeric` covers every `\d`).
fn group_at(text: &str, i: usize) -> bool {
    let before = match text.as_bytes().get(i.wrapping_sub(1)) {
        Some(b) if b.is_ascii() => b.is_ascii_digit(),
        Some(_) => text[..i].chars().next_back().is_some_and(char::is_numeric),
        None => false,
    };
    let mut after = text[i + 1..].chars();
    before && (0..3).all(|_| after.next().is_some_and(char::is_numeric))
}

/// Decide a document's notation. English only on unambiguous evidence
/// (`1,500,000` or `1,500.25`) and no Vietnamese evidence (`1.500.000`,
/// `1.500,25`); a lone `324,474` is Vietnamese (a decimal).
pub fn detect_notation(text: &str) -> Notation {
    let en = count_number_matches(&EN_EVIDENCE, text, b',');
    if en == 0 {
        return Notation::Vietnamese;
    }
    let vi = count_number_matches(&VI_EVIDENCE, text, b'.');
    if en > vi {
        Notation::English
    } else {
        Notation::Vietnamese
    }
}

/// Parse a number in Vietnamese notation: `130.316`, `339,4`, `01`,
/// `2.038`, `324,474`. Spaces around the number are ignored. A single `.`
/// not followed by exactly three digits is read as a decimal mark (`82.49`),
/// the common slip; anything else malformed is `None`.
pub fn parse_vn_number(s: &str) -> Option<Decimal> {
    parse_number(s, Notation::Vietnamese)
}

/// Parse a number written in `notation`.
pub fn parse_number(s: &str, notation: Notation) -> Option<Decimal> {
    let s = s.trim();
    let (s, neg) = match s.strip_prefix('-') {
        Some(rest) => (rest, true),
        None => (s, false),
    };
    let (group, mark) = match notation {
        Notation::Vietnamese => ('.', ','),
        Notation::English => (',', '.'),
    };
    if s.is_empty()
        || !s
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return None;
    }
    let (int_part, frac_part) = match s.split_once(mark) {
        Some((i, f)) => {
            if f.contains(mark) || f.contains(group) || f.is_empty() {
                return None;
            }
            (i, f)
        }
        None => (s, ""),
    };
    let groups: Vec<&str> = int_part.split(group).collect();
    let (int_digits, frac_digits) = if groups.len() == 1 {
        (groups[0].to_string(), frac_part.to_string())
    } else if groups[0].is_empty() || groups[0].len() > 3 {
        return None;
    } else if groups[1..].iter().all(|g| g.len() == 3) {
        (groups.concat(), frac_part.to_string())
    } else if groups.len() == 2 && frac_part.is_empty() && !groups[1].is_empty() {
        // `82.49` in a Vietnamese document: a decimal written the English way.
        (groups[0].to_string(), groups[1].to_string())
    } else {
        return None;
    };
    if int_digits.is_empty() || frac_digits.len() as u32 > MAX_SCALE || int_digits.len() > 30 {
        return None;
    }
    let all = format!("{int_digits}{frac_digits}");
    let mantissa: i128 = all.parse().ok()?;
    Some(
        Decimal {
            mantissa: if neg { -mantissa } else { mantissa },
            scale: frac_digits.len() as u32,
        }
        .normalized(),
    )
}

/// Parse a whole number written as a count (`01`, `2.038`, `130.316`);
/// `None` for decimals (`339,4`).
pub fn parse_count(s: &str) -> Option<i64> {
    parse_vn_number(s)?.as_integer()
}

/// The approximation slug of a word (`hơn` → `more_than`), case-insensitive,
/// whitespace between words collapsed.
pub fn approx_of(word: &str) -> Option<&'static str> {
    let w = collapse_ws(&word.to_lowercase());
    APPROX_WORDS
        .iter()
        .find(|(a, _)| *a == w)
        .map(|(_, slug)| *slug)
}

/// Power of ten and canonical name of a money scale word (`tỉ` → `(9, "tỷ")`).
pub fn scale_of(word: &str) -> Option<(u32, &'static str)> {
    let w = collapse_ws(&word.to_lowercase());
    MONEY_SCALES
        .iter()
        .find(|(s, _, _)| *s == w)
        .map(|(_, e, name)| (*e, *name))
}

static RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:từ\s+)?(\d[\d.,]*)\s*(?:-|–|đến|tới)\s*(\d[\d.,]*)\s*$")
        .expect("static regex")
});

/// Parse a range as written: `03 - 05`, `3-5`, `từ 01 đến 02`. A single
/// number gives `(n, None)`.
pub fn parse_range(s: &str, notation: Notation) -> Option<(Decimal, Option<Decimal>)> {
    if let Some(c) = RANGE.captures(s) {
        let lo = parse_number(&c[1], notation)?;
        let hi = parse_number(&c[2], notation)?;
        return Some((lo, Some(hi)));
    }
    let s = s.trim();
    let s = s.strip_prefix("từ").map(str::trim).unwrap_or(s);
    parse_number(s, notation).map(|n| (n, None))
}

/// Collapse runs of whitespace (line breaks included) to one space and trim.
pub fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Texts on which a fast scan is checked against the regex search it
/// replaces: the fixture reports, and strings built at random from the
/// pieces numbers, counts and amounts are made of (digits of several
/// scripts, marks, spaces of several kinds, approximation words, units,
/// money words, glue letters).
#[cfg(test)]
pub(crate) fn sample_texts() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
    let mut texts: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    assert!(!texts.is_empty(), "fixture texts");
    const PIECES: &[&str] = &[
        "1",
        "05",
        "2023",
        "12",
        "3",
        "٣",
        "²",
        "৫",
        ".",
        ",",
        ".000",
        ",5",
        " ",
        " ",
        "  ",
        "\n",
        "\t",
        "\u{a0}",
        "\u{b}",
        "-",
        " - ",
        "–",
        "/",
        " / ",
        "(",
        "[^",
        "_",
        "x",
        "thơn",
        "hơn ",
        "Hơn",
        "từ ",
        "có ",
        "ít nhất",
        "ít  nhất ",
        "khoảng ",
        "không dưới",
        "trên",
        "sản phẩm",
        "Sản Phẩm",
        "sp",
        "xã",
        "hộ",
        "hội chợ",
        "HTX",
        "người",
        "đến ",
        " tới ",
        "trở lên",
        " trở  lên",
        "số ",
        "Tổ ",
        "đồng",
        "Đồng",
        "đ",
        "VNĐ",
        "vnd",
        "tỷ",
        "tỉ",
        "triệu",
        "nghìn",
        "ngàn tỷ",
        "nghìn tỷ",
        "kinh phí ",
        "chí",
        "ạ",
        "ộ",
        "\u{301}",
        " 5 sản phẩm",
        "12 xã",
        " 1.500 ",
        "2,315 hộ",
        " 3 - 5 ",
        "11/15 ",
        "hơn 4.300 ",
        "1,5 tỷ",
        " 500.000đ",
        "1 tỷ 250 triệu ",
        "446 triệu đồng",
        "kinh phí 12,5 tỷ",
        ",000",
        "1,234,567.8",
        "2.345.678,9",
        "12,345",
        "٣,٣٣٣",
    ];
    texts.extend(crate::testgen::glued_text(
        PIECES,
        20_000,
        1,
        24,
        0x9E37_79B9_7F4A_7C15,
    ));
    texts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_is_counted_as_find_iter_counts_it() {
        let mut found = 0;
        // Numbers one char apart share the char between them: a match that
        // takes it leaves none before the next number.
        let close = [
            "1,000,000 2,000,000 3,000,000",
            "1.000.000 2.000.000,5 7.000.000",
        ];
        let texts = sample_texts().into_iter().chain(close.map(String::from));
        for text in texts {
            for (re, mark) in [(&*EN_EVIDENCE, b','), (&*VI_EVIDENCE, b'.')] {
                let want = re.find_iter(&text).count();
                found += want;
                assert_eq!(count_number_matches(re, &text, mark), want, "{text:?}");
            }
        }
        assert!(found > 1000, "{found}");
    }

    #[test]
    fn next_digit_finds_every_digit() {
        for text in sample_texts() {
            let want: Vec<usize> = text
                .char_indices()
                .filter(|&(_, ch)| ch.is_numeric() && (ch > '\u{65f}' || ch.is_ascii()))
                .map(|(i, _)| i)
                .collect();
            assert_eq!(digits(&text), want, "{text:?}");
        }
    }

    fn d(s: &str) -> String {
        parse_vn_number(s)
            .map(|d| d.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn vietnamese_notation() {
        assert_eq!(d("130.316"), "130316");
        assert_eq!(d("339,4"), "339.4");
        assert_eq!(d("324,474"), "324.474");
        assert_eq!(d("01"), "1");
        assert_eq!(d("08"), "8");
        assert_eq!(d("2.038"), "2038");
        assert_eq!(d("33.944,48"), "33944.48");
        assert_eq!(d("1.500.000"), "1500000");
        assert_eq!(d("0"), "0");
        assert_eq!(d("82.49"), "82.49");
        assert_eq!(parse_vn_number("1,500,000"), None);
        assert_eq!(parse_vn_number("1.50.0"), None);
        assert_eq!(parse_vn_number(""), None);
        assert_eq!(parse_vn_number("12a"), None);
        assert_eq!(parse_vn_number(",5"), None);
    }

    #[test]
    fn english_notation() {
        let p = |s| parse_number(s, Notation::English).map(|d| d.to_string());
        assert_eq!(p("1,500,000").as_deref(), Some("1500000"));
        assert_eq!(p("1,500.25").as_deref(), Some("1500.25"));
        assert_eq!(p("82.49").as_deref(), Some("82.49"));
    }

    #[test]
    fn notation_detection_needs_clear_evidence() {
        assert_eq!(
            detect_notation("Kinh phí 1,500,000 đồng và 2,000,000 đồng"),
            Notation::English
        );
        assert_eq!(
            detect_notation("Kinh phí đã giải ngân: 324,474 triệu đồng"),
            Notation::Vietnamese
        );
        assert_eq!(
            detect_notation("1.500.000 đồng; 2.000.000 đồng"),
            Notation::Vietnamese
        );
        assert_eq!(detect_notation(""), Notation::Vietnamese);
    }

    #[test]
    fn money_is_exact() {
        let m = |s: &str, e| {
            parse_vn_number(s)
                .and_then(|d| d.mul_pow10(e))
                .and_then(Decimal::as_integer)
        };
        assert_eq!(m("1,001", 6), Some(1_001_000));
        assert_eq!(m("324,474", 6), Some(324_474_000));
        assert_eq!(m("1,5", 9), Some(1_500_000_000));
        assert_eq!(m("73,070", 6), Some(73_070_000));
        assert_eq!(m("0,1", 6), Some(100_000));
        // Sum of parts: 1 tỷ 250 triệu.
        let a = parse_vn_number("1").and_then(|d| d.mul_pow10(9)).unwrap();
        let b = parse_vn_number("250").and_then(|d| d.mul_pow10(6)).unwrap();
        assert_eq!(
            a.checked_add(b).and_then(Decimal::as_integer),
            Some(1_250_000_000)
        );
        // Exactness that floating point would lose.
        let x = parse_vn_number("0,1").unwrap();
        let y = parse_vn_number("0,2").unwrap();
        assert_eq!(x.checked_add(y).unwrap().to_string(), "0.3");
    }

    #[test]
    fn rounding_and_display() {
        assert_eq!(parse_vn_number("2,5").unwrap().round(), Some(3));
        assert_eq!(parse_vn_number("2,49").unwrap().round(), Some(2));
        assert_eq!(parse_vn_number("0,05").unwrap().to_string(), "0.05");
        assert_eq!(parse_vn_number("1,50").unwrap().to_string(), "1.5");
        assert_eq!(parse_vn_number("324,474").unwrap().to_f64(), 324.474);
        assert_eq!(parse_vn_number("-3").unwrap().to_string(), "-3");
    }

    #[test]
    fn counts_ranges_approx_scales() {
        assert_eq!(parse_count("2.038"), Some(2038));
        assert_eq!(parse_count("339,4"), None);
        let r = |s| {
            parse_range(s, Notation::Vietnamese)
                .map(|(a, b)| (a.as_integer(), b.and_then(Decimal::as_integer)))
        };
        assert_eq!(r("03 - 05"), Some((Some(3), Some(5))));
        assert_eq!(r("từ 01 đến 02"), Some((Some(1), Some(2))));
        assert_eq!(r("3-5"), Some((Some(3), Some(5))));
        assert_eq!(r("12"), Some((Some(12), None)));
        assert_eq!(approx_of("hơn"), Some("more_than"));
        assert_eq!(approx_of("Ít  nhất"), Some("at_least"));
        assert_eq!(approx_of("khoảng"), Some("about"));
        assert_eq!(approx_of("đúng"), None);
        assert_eq!(scale_of("tỉ"), Some((9, "tỷ")));
        assert_eq!(scale_of("ngàn"), Some((3, "nghìn")));
        assert_eq!(scale_of("nghìn tỷ"), Some((12, "nghìn tỷ")));
    }
}
