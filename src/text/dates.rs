//! Dates as Vietnamese documents write them.
//!
//! `01/8/2022`, `ngày 01/8/2022`, `ngày 14 tháng 8 năm 2025`, and the blank
//! forms of unsigned drafts (`ngày   tháng   năm 2025`, `ngày /01/2025`),
//! where the date is unknown but the year is kept. Line breaks may fall
//! anywhere inside a date.

use std::ops::Range;
use std::sync::LazyLock;

use crate::short_regex::ShortRegex;

/// A date as far as it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct VnDate {
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl VnDate {
    /// ISO `YYYY-MM-DD` when day, month and year are all written and valid.
    pub fn iso(&self) -> Option<String> {
        let (y, m, d) = (self.year?, self.month?, self.day?);
        valid(y, m, d).then(|| format!("{y:04}-{m:02}-{d:02}"))
    }
}

fn valid(y: i32, m: u32, d: u32) -> bool {
    if !(1900..=2199).contains(&y) || !(1..=12).contains(&m) || d == 0 {
        return false;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    d <= days
}

/// A date starting at the beginning of the input (after optional `,`,
/// spaces and the word `ngày`). Day or month may be blank.
static DATE_HEAD: LazyLock<ShortRegex> = LazyLock::new(|| {
    ShortRegex::new(
        r"(?x)^[\s,]*(?:(?i:ngày)\s*)?
        (?:
            (?P<d1>\d{1,2})?\s*[/.\-]\s*(?P<m1>\d{1,2})?\s*[/.\-]\s*(?P<y1>\d{4})
          | (?P<d2>\d{1,2})?\s*(?i:tháng)\s*(?P<m2>\d{1,2})?\s*(?i:năm)\s*(?P<y2>\d{4})
        )(?:[^\d]|$)",
    )
    .expect("static regex")
});

/// Parse a date at the start of `s` (`"ngày 14 tháng 8 năm 2025 về việc"`,
/// `"01/8/2022"`). Returns the date and the byte length it covers, or `None`
/// when no date starts there. The bare `dd/mm/yyyy` form needs no `ngày`;
/// blanks give a date whose `iso()` is `None` but whose year is kept.
pub fn parse_date_at(s: &str) -> Option<(VnDate, usize)> {
    parse_date_head(s).map(|(d, len, _)| (d, len))
}

/// [`parse_date_at`], also telling whether `ngày` (any case) is written in
/// the date, as `s[..len].to_lowercase().contains("ngày")` would.
pub fn parse_date_head(s: &str) -> Option<(VnDate, usize, bool)> {
    // Most calls (after every reference number) read plain ASCII or find no
    // date at all; the capture search is kept for what the hand reading
    // cannot tell.
    let h = match head_ascii(s) {
        Some(h) => h?,
        None => head_regex(s)?,
    };
    let num = |r: Option<Range<usize>>| r.and_then(|r| s[r].parse::<u32>().ok());
    let (d, m, y, yend) = (
        num(h.day),
        num(h.month),
        s[h.year.clone()].parse::<i32>().ok(),
        h.year.end,
    );
    // Something must be written besides the year for the slash form to be a
    // date (`/2025` alone is not), and a bare form must not be blank.
    let has_ngay = h.ngay;
    let has_thang = h.words;
    if !has_ngay && !has_thang && (d.is_none() || m.is_none()) {
        return None;
    }
    Some((
        VnDate {
            year: y,
            month: m,
            day: d,
        },
        yend,
        has_ngay,
    ))
}

/// The groups of a match of [`DATE_HEAD`], as byte ranges into its haystack.
#[derive(Debug, PartialEq, Eq)]
struct Head {
    day: Option<Range<usize>>,
    month: Option<Range<usize>>,
    year: Range<usize>,
    /// The `tháng ... năm` form.
    words: bool,
    /// `ngày` is written before the date.
    ngay: bool,
}

/// [`DATE_HEAD`]'s match at the start of `s`, by the capture search.
fn head_regex(s: &str) -> Option<Head> {
    let c = DATE_HEAD.captures(s)?;
    let r = |name: &str| c.name(name).map(|m| m.range());
    let head = match r("y1") {
        Some(year) => Head {
            day: r("d1"),
            month: r("m1"),
            year,
            words: false,
            ngay: false,
        },
        None => Head {
            day: r("d2"),
            month: r("m2"),
            year: r("y2")?,
            words: true,
            ngay: false,
        },
    };
    Some(Head {
        ngay: s[..head.year.end].to_lowercase().contains("ngày"),
        ..head
    })
}

/// [`DATE_HEAD`] read by hand: `Some(None)` when no date starts at `s`,
/// `None` when a character the hand reading does not judge decides (any
/// non-ASCII character where the pattern asks for a space, a digit or the
/// end, since `\s` and `\d` are Unicode classes).
///
/// Every repetition of the pattern behaves as if possessive: what a greedy
/// part gives back on backtracking is a space or digit that the next part
/// cannot take otherwise, so the first reading at each step is the match.
/// [`tests::hand_reading_agrees_with_the_pattern`] checks this.
fn head_ascii(s: &str) -> Option<Option<Head>> {
    let b = s.as_bytes();
    // `[\s,]*`
    let mut i = skip(b, 0, true)?;
    let ngay = word_at(b, i, &NGAY);
    if let Some(e) = ngay {
        i = skip(b, e, false)?;
    }
    let ngay = ngay.is_some();
    let q = i;
    // `d? \s* sep \s* m? \s* sep \s* yyyy` (`words`: false) or
    // `d? \s* tháng \s* m? \s* năm \s* yyyy` (`words`: true).
    let read = |words: bool| -> Option<Option<Head>> {
        let first = |i| {
            if words {
                word_at(b, i, &THANG)
            } else {
                sep(b, i)
            }
        };
        let second = |i| {
            if words {
                word_at(b, i, &NAM)
            } else {
                sep(b, i)
            }
        };
        let (day, i) = digits(b, q)?;
        let Some(i) = first(skip(b, i, false)?) else {
            return Some(None);
        };
        let (month, i) = digits(b, skip(b, i, false)?)?;
        let Some(i) = second(skip(b, i, false)?) else {
            return Some(None);
        };
        let i = skip(b, i, false)?;
        Some(year(b, i)?.map(|year| Head {
            day,
            month,
            year,
            words,
            ngay,
        }))
    };
    match read(false)? {
        Some(h) => Some(Some(h)),
        None => read(true),
    }
}

/// The letters of `ngày`, `tháng` and `năm` with their other case: the
/// only characters `(?i)` lets stand for them.
const NGAY: [[&str; 2]; 4] = [["n", "N"], ["g", "G"], ["à", "À"], ["y", "Y"]];
const THANG: [[&str; 2]; 5] = [["t", "T"], ["h", "H"], ["á", "Á"], ["n", "N"], ["g", "G"]];
const NAM: [[&str; 2]; 3] = [["n", "N"], ["ă", "Ă"], ["m", "M"]];

/// End of the word `w` (any case) written at `i`.
fn word_at(b: &[u8], mut i: usize, w: &[[&str; 2]]) -> Option<usize> {
    for forms in w {
        let f = forms.iter().find(|f| b[i..].starts_with(f.as_bytes()))?;
        i += f.len();
    }
    Some(i)
}

/// Skip ASCII spaces (and commas if `commas`) from `i`; `None` at a
/// non-ASCII character, which may be a space.
fn skip(b: &[u8], mut i: usize, commas: bool) -> Option<usize> {
    loop {
        match b.get(i) {
            Some(b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ') => i += 1,
            Some(b',') if commas => i += 1,
            Some(&c) if c >= 0x80 => return None,
            _ => return Some(i),
        }
    }
}

/// One or two ASCII digits at `i`. A third digit after them stops every
/// reading at the next step, as it stops the pattern.
/// `None` when a non-ASCII character (perhaps a digit) follows one digit.
fn digits(b: &[u8], i: usize) -> Option<(Option<Range<usize>>, usize)> {
    let n = b[i..]
        .iter()
        .take(2)
        .take_while(|c| c.is_ascii_digit())
        .count();
    if n == 1 && b.get(i + 1).is_some_and(|&c| c >= 0x80) {
        return None;
    }
    Some(if n == 0 {
        (None, i)
    } else {
        (Some(i..i + n), i + n)
    })
}

/// After a separator `[/.\-]` at `i`.
fn sep(b: &[u8], i: usize) -> Option<usize> {
    matches!(b.get(i), Some(b'/' | b'.' | b'-')).then_some(i + 1)
}

/// Four digits at `i` followed by a non-digit or the end; `None` when a
/// non-ASCII character (it may be a digit) stands among or after them.
fn year(b: &[u8], i: usize) -> Option<Option<Range<usize>>> {
    let n = b[i..]
        .iter()
        .take(4)
        .take_while(|c| c.is_ascii_digit())
        .count();
    if n < 4 {
        return match b.get(i + n) {
            Some(&c) if c >= 0x80 => None,
            _ => Some(None),
        };
    }
    match b.get(i + 4) {
        None => Some(Some(i..i + 4)),
        Some(c) if c.is_ascii_digit() => Some(None),
        Some(&c) if c >= 0x80 => None,
        Some(_) => Some(Some(i..i + 4)),
    }
}

/// Parse a whole date expression: `dd/mm/yyyy` or `ngày d tháng m năm yyyy`
/// (the tests read whole dates; the stages read dates inside text).
#[cfg(test)]
pub fn parse_date(s: &str) -> Option<VnDate> {
    let (d, len) = parse_date_at(s)?;
    s[len..].trim().is_empty().then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> Option<String> {
        parse_date(s).and_then(|d| d.iso())
    }

    #[test]
    fn slash_and_words() {
        assert_eq!(iso("01/8/2022").as_deref(), Some("2022-08-01"));
        assert_eq!(iso("ngày 24/02/2023").as_deref(), Some("2023-02-24"));
        assert_eq!(
            iso("ngày 14 tháng 8 năm 2025").as_deref(),
            Some("2025-08-14")
        );
        assert_eq!(
            iso("ngày 06 tháng 7 năm \n\n2025").as_deref(),
            Some("2025-07-06")
        );
        assert_eq!(iso(", ngày \n13/5/2024").as_deref(), Some("2024-05-13"));
        assert_eq!(iso("Ngày 1-8-2022").as_deref(), Some("2022-08-01"));
    }

    #[test]
    fn blanks_keep_the_year() {
        let d = parse_date("ngày       tháng     năm 2025").unwrap();
        assert_eq!((d.iso(), d.year), (None, Some(2025)));
        let d = parse_date("ngày /01/2025").unwrap();
        assert_eq!((d.iso(), d.year, d.month), (None, Some(2025), Some(1)));
    }

    #[test]
    fn invalid_or_absent() {
        assert_eq!(parse_date("31/02/2023").and_then(|d| d.iso()), None);
        assert_eq!(
            parse_date("29/02/2024").and_then(|d| d.iso()).as_deref(),
            Some("2024-02-29")
        );
        assert!(parse_date("/2025").is_none());
        assert!(parse_date("về việc").is_none());
        assert!(parse_date("").is_none());
        assert!(parse_date_at("12/2020/NĐ-CP").is_none());
    }

    #[test]
    fn hand_reading_agrees_with_the_pattern() {
        let parts = [
            "",
            " ",
            ",",
            "\n",
            "\u{a0}",
            "ngày",
            "NGÀY",
            "Ngày",
            "nga\u{300}y",
            "1",
            "01",
            "123",
            "/",
            ".",
            "-",
            "tháng",
            "THÁNG",
            "năm",
            "NĂM",
            "2025",
            "20255",
            "x",
            "đ",
            "\u{663}",
        ];
        let mut n = 0;
        let mut check = |s: &str| {
            if let Some(fast) = head_ascii(s) {
                assert_eq!(fast, head_regex(s), "{s:?}");
                n += 1;
            }
        };
        for a in parts {
            for b in parts {
                for c in parts {
                    for d in parts {
                        check(&format!("{a}{b}{c}{d}"));
                        check(&format!("{a} {b}{c} {d}"));
                    }
                }
            }
        }
        for s in [
            "ngày 14 tháng 8 năm 2025 về việc",
            ", ngày \n13/5/2024 của",
            "ngày       tháng     năm 2025",
            "ngày /01/2025",
            "Ngày 1-8-2022.",
            " của UBND",
            "12/2020/NĐ-CP",
            "ngày 01/8/20225",
            "14tháng8năm2025",
            " ,ngày, 01/8/2022",
        ] {
            check(s);
        }
        assert!(n > 100_000, "{n}");
        for s in [
            "NGÀY 01/8/2022",
            "Ngày 1-8-2022",
            "01/8/2022",
            "ngày 14 tháng 8 năm 2025",
        ] {
            let (_, len, ngay) = parse_date_head(s).unwrap();
            assert_eq!(ngay, s[..len].to_lowercase().contains("ngày"), "{s}");
        }
    }

    #[test]
    fn prefix_length() {
        let s = "ngày 01/8/2022 của Thủ tướng";
        let (d, len) = parse_date_at(s).unwrap();
        assert_eq!(d.iso().as_deref(), Some("2022-08-01"));
        assert_eq!(&s[..len], "ngày 01/8/2022");
    }
}
