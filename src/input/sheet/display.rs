//! A cell's number as the sheet shows it, in Vietnamese notation.
//!
//! A spreadsheet stores `324474` (or `0.1 + 0.2`) as a binary float; the
//! reader of the report saw the number format applied to it. We render that:
//! the format's decimal places, its thousands grouping and its percent sign,
//! written the way the rest of the pipeline reads numbers (`.` groups
//! thousands, `,` is the decimal mark: see `extract::numbers`), so `#,##0`
//! over 324474 gives `324.474` and `extract` reads 324474 back exactly.
//! Without a format ("General") Excel shows at most ten significant digits;
//! so do we, which removes float noise (`0,3`, not `0,30000000000000004`).

/// Largest integer a float holds exactly (2^53): money below it is exact.
const EXACT_INT: f64 = 9_007_199_254_740_992.0;

/// The text of number `v` under format code `fmt` (`None`: General).
pub fn number(v: f64, fmt: Option<&str>) -> String {
    if !v.is_finite() {
        return String::new();
    }
    match fmt.and_then(Format::parse) {
        Some(f) => f.render(v),
        None => general(v),
    }
}

/// An integer cell (xlsx, ods give them typed).
pub fn integer(v: i64) -> String {
    v.to_string()
}

/// Excel's General: integers in full, else ten significant digits.
fn general(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < EXACT_INT {
        return format!("{}", v as i64);
    }
    // Round to ten significant digits, then print the shortest form.
    let rounded: f64 = format!("{v:.9e}").parse().unwrap_or(v);
    if rounded.abs() >= 1e15 || (rounded != 0.0 && rounded.abs() < 1e-9) {
        return format!("{rounded:e}").replace('.', ",");
    }
    format!("{rounded}").replace('.', ",")
}

/// The parts of a number format code we honour.
#[derive(Debug, PartialEq)]
struct Format {
    decimals: usize,
    grouping: bool,
    percent: bool,
}

impl Format {
    /// Read the first section of a format code; `None` for General, text
    /// (`@`) and codes with no digit placeholder.
    fn parse(code: &str) -> Option<Format> {
        let mut plain = String::new();
        let mut chars = code.chars();
        let mut quoted = false;
        let mut bracket = false;
        while let Some(c) = chars.next() {
            match c {
                '"' => quoted = !quoted,
                _ if quoted => {}
                '[' => bracket = true,
                ']' => bracket = false,
                _ if bracket => {}
                // An escaped, padded or spaced character is shown literally.
                '\\' | '_' | '*' => {
                    chars.next();
                }
                ';' => break,
                _ => plain.push(c),
            }
        }
        if plain.eq_ignore_ascii_case("general") || !plain.contains(['0', '#']) {
            return None;
        }
        let (int, frac) = match plain.find('.') {
            Some(i) => (&plain[..i], &plain[i + 1..]),
            None => (plain.as_str(), ""),
        };
        Some(Format {
            decimals: frac
                .chars()
                .filter(|c| matches!(c, '0' | '#' | '?'))
                .count(),
            // `#,##0` groups; a trailing comma (`0,`) scales instead: rare, not honoured.
            grouping: int.trim_end_matches(',').contains(','),
            percent: plain.contains('%'),
        })
    }

    fn render(&self, v: f64) -> String {
        let v = if self.percent { v * 100.0 } else { v };
        let fixed = format!("{:.*}", self.decimals, v.abs());
        let (int, frac) = match fixed.split_once('.') {
            Some((i, f)) => (i, f),
            None => (fixed.as_str(), ""),
        };
        let mut out = String::new();
        if v < 0.0 && fixed.bytes().any(|b| matches!(b, b'1'..=b'9')) {
            out.push('-');
        }
        if self.grouping {
            out.push_str(&group(int));
        } else {
            out.push_str(int);
        }
        if !frac.is_empty() {
            out.push(',');
            out.push_str(frac);
        }
        if self.percent {
            out.push('%');
        }
        out
    }
}

/// `1234567` → `1.234.567`.
fn group(digits: &str) -> String {
    let n = digits.len();
    let mut out = String::with_capacity(n + n / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// An Excel date serial (days since 1899-12-30, the 1900 system) as
/// `dd/mm/yyyy`, the way Vietnamese documents write dates; a time of day is
/// added as `hh:mm` when present.
pub fn date(serial: f64, is_1904: bool) -> String {
    if !serial.is_finite() || !(0.0..3_000_000.0).contains(&serial) {
        return String::new();
    }
    let days = serial.floor() as i64 + if is_1904 { 1462 } else { 0 };
    // Days from 1899-12-30 to 1970-01-01.
    let (y, m, d) = civil_from_days(days - 25_569);
    let secs = ((serial - serial.floor()) * 86_400.0).round() as i64;
    if secs == 0 || serial < 1.0 && days == 0 {
        if serial < 1.0 && secs > 0 {
            return format!("{:02}:{:02}", secs / 3600, secs % 3600 / 60);
        }
        return format!("{d:02}/{m:02}/{y:04}");
    }
    format!(
        "{d:02}/{m:02}/{y:04} {:02}:{:02}",
        secs / 3600,
        secs % 3600 / 60
    )
}

/// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouped_integers_read_as_vietnamese() {
        assert_eq!(number(324474.0, Some("#,##0")), "324.474");
        assert_eq!(number(1234567.0, Some("#,##0_);(#,##0)")), "1.234.567");
        assert_eq!(number(-1500.0, Some("#,##0")), "-1.500");
        assert_eq!(number(12.0, Some("0")), "12");
    }

    #[test]
    fn decimals_and_percent_follow_the_format() {
        assert_eq!(number(339.4, Some("#,##0.0")), "339,4");
        assert_eq!(number(1234.5, Some("#,##0.00")), "1.234,50");
        assert_eq!(number(0.256, Some("0.0%")), "25,6%");
        assert_eq!(number(5.0, Some(r#"0" người""#)), "5");
    }

    #[test]
    fn general_has_no_float_noise() {
        assert_eq!(number(0.1 + 0.2, None), "0,3");
        assert_eq!(number(324474.0, None), "324474");
        assert_eq!(number(2.5, Some("General")), "2,5");
        assert_eq!(number(123456789012.0, None), "123456789012");
        assert_eq!(number(f64::NAN, None), "");
    }

    #[test]
    fn dates_are_day_month_year() {
        // 2023-06-15 is serial 45092 in the 1900 system.
        assert_eq!(date(45092.0, false), "15/06/2023");
        assert_eq!(date(45092.5, false), "15/06/2023 12:00");
        assert_eq!(date(-1.0, false), "");
    }
}
