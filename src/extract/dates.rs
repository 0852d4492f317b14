//! Dates as Vietnamese documents write them.
//!
//! `01/8/2022`, `ngày 01/8/2022`, `ngày 14 tháng 8 năm 2025`, and the blank
//! forms of unsigned drafts (`ngày   tháng   năm 2025`, `ngày /01/2025`),
//! where the date is unknown but the year is kept. Line breaks may fall
//! anywhere inside a date.

use std::sync::LazyLock;

use regex::Regex;

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
static DATE_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
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
    let c = DATE_HEAD.captures(s)?;
    let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
    let (d, m, y, yend) = if let Some(y) = c.name("y1") {
        (
            num("d1"),
            num("m1"),
            y.as_str().parse::<i32>().ok(),
            y.end(),
        )
    } else {
        let y = c.name("y2")?;
        (
            num("d2"),
            num("m2"),
            y.as_str().parse::<i32>().ok(),
            y.end(),
        )
    };
    // Something must be written besides the year for the slash form to be a
    // date (`/2025` alone is not), and a bare form must not be blank.
    let has_ngay = s[..yend].to_lowercase().contains("ngày");
    let has_thang = c.name("y2").is_some();
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
    ))
}

/// Parse a whole date expression: `dd/mm/yyyy` or `ngày d tháng m năm yyyy`.
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
    fn prefix_length() {
        let s = "ngày 01/8/2022 của Thủ tướng";
        let (d, len) = parse_date_at(s).unwrap();
        assert_eq!(d.iso().as_deref(), Some("2022-08-01"));
        assert_eq!(&s[..len], "ngày 01/8/2022");
    }
}
