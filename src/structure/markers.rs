//! Section markers at the start of a line: `Phần thứ nhất`, `Chương I`,
//! `Điều 1.`, `A.`, `II.`, `1.`, `2.1.`, `a)`, `(1)`, `1)`.
//!
//! This module only recognizes the marker's shape and its ordinal; whether the
//! line really is a section (and at which depth) is decided by `sections`.

use std::sync::LazyLock;

use regex::Regex;

/// The numbering style of a marker. The same style may sit at different
/// depths in different documents; depth is decided from the order of styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Style {
    /// `Phần thứ nhất`, `Phần I`, `PHẦN 2`
    Part,
    /// `Chương I`, `CHƯƠNG 2`
    Chapter,
    /// `Điều 1.`
    Article,
    /// `A.`, `B.`
    Upper,
    /// `I.`, `II.`, `IV/`
    Roman,
    /// `1.` (depth 1), `2.1.` (2), `2.1.3.` (3), `1.2.3.4` (4)
    Decimal(u8),
    /// `a)`, `b.`, `đ)`
    Lower,
    /// `(1)`
    ParenNum,
    /// `1)`
    NumParen,
}

impl Style {
    /// A short stable name (used in numbering findings).
    pub fn name(self) -> &'static str {
        match self {
            Style::Part => "part",
            Style::Chapter => "chapter",
            Style::Article => "article",
            Style::Upper => "upper_letter",
            Style::Roman => "roman",
            Style::Decimal(1) => "decimal",
            Style::Decimal(2) => "decimal_2",
            Style::Decimal(3) => "decimal_3",
            Style::Decimal(_) => "decimal_4",
            Style::Lower => "lower_letter",
            Style::ParenNum => "paren_number",
            Style::NumParen => "number_paren",
        }
    }

    /// Whether the heading of this style is often on the next line (`Phần thứ nhất` ⏎ `TÊN PHẦN`).
    pub fn heading_may_follow(self) -> bool {
        matches!(
            self,
            Style::Part | Style::Chapter | Style::Article | Style::Upper | Style::Roman
        )
    }
}

/// A recognized marker. Offsets are byte offsets into the line text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub style: Style,
    /// Position in its sequence (1 for `I.`, `a)`, `Phần thứ nhất`), when known.
    pub ordinal: Option<u32>,
    /// Full number path of decimal markers (`[2, 1]` for `2.1.`), else empty.
    pub path: Vec<u32>,
    /// Where the marker starts (after leading emphasis stars).
    pub start: usize,
    /// Where the marker as written ends (`"2.1."`, `"Phần thứ nhất"`).
    pub end: usize,
    /// Where the heading text starts (after separators and spaces).
    pub rest: usize,
}

/// Vietnamese letter order used for `a) b) c) d) đ) e) g) h) i) k) ...`.
pub const LETTER_ORDER: &[char] = &[
    'a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't',
    'u', 'v', 'x', 'y',
];

/// Ordinal words after `Phần thứ` / `Chương thứ`.
pub const ORDINAL_WORDS: &[(&str, u32)] = &[
    ("nhất", 1),
    ("một", 1),
    ("hai", 2),
    ("ba", 3),
    ("tư", 4),
    ("bốn", 4),
    ("năm", 5),
    ("sáu", 6),
    ("bảy", 7),
    ("bẩy", 7),
    ("tám", 8),
    ("chín", 9),
    ("mười", 10),
];

static PART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Phần|PHẦN|phần)\s+(?:(?:thứ|THỨ|Thứ)\s+(\p{L}+)|([IVXLC]{1,6}|\d{1,2})\b)")
        .expect("static regex")
});
static CHAPTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Chương|CHƯƠNG)\s+(?:(?:thứ|THỨ)\s+(\p{L}+)|([IVXLC]{1,6}|\d{1,2})\b)")
        .expect("static regex")
});
static ARTICLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:Điều|ĐIỀU)\s+(\d{1,3})\s*[.:]").expect("static regex"));
static ROMAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(([IVX]{1,7})(?:\s*[./)]|\s+[-–]\s))(?:\s|$|\p{Lu})").expect("static regex")
});
static UPPER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([A-ZĐ])\s?[./)](?:\s|$)").expect("static regex"));
static DECIMAL_N: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^((\d{1,2})\.(\d{1,2})(?:\.(\d{1,2}))?(?:\.(\d{1,2}))?\.?)(?:\s|$|\p{Lu})")
        .expect("static regex")
});
static DECIMAL_1: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^((\d{1,2})[./])(?:\s|$|\p{Lu})").expect("static regex"));
static LOWER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([a-zđ])[)./](?:\s|$)").expect("static regex"));
static PAREN_NUM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\((\d{1,2})\)").expect("static regex"));
static NUM_PAREN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})\)(?:\s|$)").expect("static regex"));

/// Recognize a marker at the start of `line` (already trimmed). Leading
/// emphasis (`**`, `*`, `_` glued to the text) is skipped.
pub fn parse(line: &str) -> Option<Marker> {
    let lead = emphasis_len(line);
    let s = &line[lead..];
    let (style, ordinal, path, end) = recognize(s)?;
    // Heading text starts after separators.
    let after = &s[end..];
    let skip = if style.heading_may_follow() {
        after.len()
            - after
                .trim_start_matches(|c: char| {
                    c.is_whitespace() || matches!(c, '.' | ':' | '-' | '–')
                })
                .len()
    } else {
        after.len() - after.trim_start().len()
    };
    Some(Marker {
        style,
        ordinal,
        path,
        start: lead,
        end: lead + end,
        rest: lead + end + skip,
    })
}

/// Length of leading emphasis markers glued to text (`**I.` → 2); a star
/// followed by a space is a bullet, not emphasis.
pub fn emphasis_len(line: &str) -> usize {
    // A Markdown heading prefix (`## I.`) is skipped too.
    let hashes = line.len() - line.trim_start_matches('#').len();
    let lead = if hashes > 0 && line[hashes..].starts_with([' ', '\t']) {
        line.len() - line[hashes..].trim_start().len()
    } else {
        0
    };
    let rest = &line[lead..];
    let stars = rest.len() - rest.trim_start_matches(['*', '_']).len();
    if stars == 0 {
        return lead;
    }
    match rest[stars..].chars().next() {
        Some(c) if !c.is_whitespace() => lead + stars,
        _ => lead,
    }
}

type Recognized = (Style, Option<u32>, Vec<u32>, usize);

fn recognize(s: &str) -> Option<Recognized> {
    let first = s.chars().next()?;
    if first == 'P' || first == 'p' {
        if let Some(c) = PART.captures(s) {
            let ord = c
                .get(1)
                .and_then(|w| ordinal_word(w.as_str()))
                .or_else(|| c.get(2).and_then(|n| number_or_roman(n.as_str())));
            let whole = c.get(0).map_or(0, |m| m.end());
            // `Phần thứ hai` must be the whole word, not `Phần thứ hai mươi` prose.
            if ord.is_some() {
                return Some((Style::Part, ord, Vec::new(), whole));
            }
        }
        return None;
    }
    if first == 'C' {
        if let Some(c) = CHAPTER.captures(s) {
            let ord = c
                .get(1)
                .and_then(|w| ordinal_word(w.as_str()))
                .or_else(|| c.get(2).and_then(|n| number_or_roman(n.as_str())));
            if ord.is_some() {
                let whole = c.get(0).map_or(0, |m| m.end());
                return Some((Style::Chapter, ord, Vec::new(), whole));
            }
        }
    }
    if first == 'Đ' {
        if let Some(c) = ARTICLE.captures(s) {
            let n = c.get(1)?.as_str().parse().ok();
            let whole = c.get(0)?.end();
            return Some((Style::Article, n, Vec::new(), whole));
        }
    }
    if first.is_ascii_digit() {
        if let Some(c) = DECIMAL_N.captures(s) {
            let path: Vec<u32> = (2..=5)
                .filter_map(|i| c.get(i))
                .filter_map(|m| m.as_str().parse().ok())
                .collect();
            let end = c.get(1)?.end();
            let depth = path.len() as u8;
            let ord = path.last().copied();
            return Some((Style::Decimal(depth), ord, path, end));
        }
        if let Some(c) = DECIMAL_1.captures(s) {
            let n: u32 = c.get(2)?.as_str().parse().ok()?;
            let end = c.get(1)?.end();
            return Some((Style::Decimal(1), Some(n), vec![n], end));
        }
        if let Some(c) = NUM_PAREN.captures(s) {
            let n: u32 = c.get(1)?.as_str().parse().ok()?;
            let end = c.get(0)?.as_str().trim_end().len();
            return Some((Style::NumParen, Some(n), Vec::new(), end));
        }
        return None;
    }
    if first == '(' {
        let c = PAREN_NUM.captures(s)?;
        let n: u32 = c.get(1)?.as_str().parse().ok()?;
        return Some((Style::ParenNum, Some(n), Vec::new(), c.get(0)?.end()));
    }
    // The anchored patterns below open with a letter of a known set, and
    // most lines (prose) open with another one or are no marker: a
    // first-character test spares them the regexes.
    if !matches!(first, 'I' | 'V' | 'X' | 'A'..='Z' | 'Đ' | 'a'..='z' | 'đ') {
        return None;
    }
    // `X.`, `a)`: a letter, at most one space, then the mark.
    let near = &s.as_bytes()[..s.len().min(6)];
    if !near.iter().any(|b| matches!(b, b'.' | b'/' | b')')) && !matches!(first, 'I' | 'V' | 'X') {
        return None;
    }
    if let Some(c) = ROMAN.captures(s) {
        let numeral = c.get(2)?.as_str();
        if let Some(n) = roman(numeral) {
            let end = c.get(1)?.as_str().trim_end().len();
            return Some((Style::Roman, Some(n), Vec::new(), end));
        }
    }
    if let Some(c) = UPPER.captures(s) {
        let letter = c.get(1)?.as_str().chars().next()?;
        let ord = letter_ordinal(letter);
        let end = c.get(0)?.as_str().trim_end().len();
        return Some((Style::Upper, ord, Vec::new(), end));
    }
    if let Some(c) = LOWER.captures(s) {
        let letter = c.get(1)?.as_str().chars().next()?;
        let end = c.get(0)?.as_str().trim_end().len();
        return Some((Style::Lower, letter_ordinal(letter), Vec::new(), end));
    }
    None
}

/// Position of a letter in the Vietnamese order (`a` = 1, `đ` = 5), case-insensitive.
pub fn letter_ordinal(c: char) -> Option<u32> {
    let lc = c.to_lowercase().next()?;
    LETTER_ORDER
        .iter()
        .position(|&l| l == lc)
        .map(|i| i as u32 + 1)
}

/// The letter at a Vietnamese-order position.
pub fn letter_at(ordinal: u32) -> Option<char> {
    LETTER_ORDER.get(ordinal.checked_sub(1)? as usize).copied()
}

fn ordinal_word(w: &str) -> Option<u32> {
    let lw = w.to_lowercase();
    ORDINAL_WORDS
        .iter()
        .find(|(word, _)| *word == lw)
        .map(|&(_, n)| n)
}

fn number_or_roman(s: &str) -> Option<u32> {
    s.parse().ok().or_else(|| roman(s))
}

/// Value of a well-formed Roman numeral up to 3999.
pub fn roman(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    let value = |c: char| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        'D' => Some(500),
        'M' => Some(1000),
        _ => None,
    };
    let vals: Option<Vec<u32>> = s.chars().map(value).collect();
    let vals = vals?;
    let mut total = 0i64;
    for (i, &v) in vals.iter().enumerate() {
        if vals.get(i + 1).is_some_and(|&n| n > v) {
            total -= i64::from(v);
        } else {
            total += i64::from(v);
        }
    }
    let total = u32::try_from(total).ok().filter(|&t| t > 0)?;
    // Reject malformed forms like "IIII" or "VX" by round-tripping.
    (crate::lexicon::to_roman(total) == s).then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style_of(s: &str) -> Option<(Style, Option<u32>, String)> {
        parse(s).map(|m| (m.style, m.ordinal, s[m.start..m.end].to_string()))
    }

    #[test]
    fn recognizes_the_marker_styles() {
        assert_eq!(
            style_of("Phần thứ nhất"),
            Some((Style::Part, Some(1), "Phần thứ nhất".into()))
        );
        assert_eq!(
            style_of("PHẦN THỨ HAI: PHƯƠNG HƯỚNG"),
            Some((Style::Part, Some(2), "PHẦN THỨ HAI".into()))
        );
        assert_eq!(style_of("Chương II").map(|x| x.1), Some(Some(2)));
        assert_eq!(
            style_of("Điều 3. Chánh Văn phòng"),
            Some((Style::Article, Some(3), "Điều 3.".into()))
        );
        assert_eq!(
            style_of("II. PHƯƠNG HƯỚNG"),
            Some((Style::Roman, Some(2), "II.".into()))
        );
        assert_eq!(
            style_of("B. TỒN TẠI"),
            Some((Style::Upper, Some(2), "B.".into()))
        );
        assert_eq!(
            style_of("2.1. Triển khai"),
            Some((Style::Decimal(2), Some(1), "2.1.".into()))
        );
        assert_eq!(
            style_of("2.1.3 Nội dung"),
            Some((Style::Decimal(3), Some(3), "2.1.3".into()))
        );
        assert_eq!(
            style_of("5. Công tác"),
            Some((Style::Decimal(1), Some(5), "5.".into()))
        );
        assert_eq!(
            style_of("đ) Nội dung"),
            Some((Style::Lower, Some(5), "đ)".into()))
        );
        assert_eq!(
            style_of("(3) Luỹ kế"),
            Some((Style::ParenNum, Some(3), "(3)".into()))
        );
        assert_eq!(
            style_of("**KT"),
            None,
            "emphasis then a word is not a marker"
        );
        assert_eq!(style_of("**I. MỤC TIÊU**").map(|x| x.2), Some("I.".into()));
        assert_eq!(style_of("## II. KẾT QUẢ").map(|x| x.2), Some("II.".into()));
        assert_eq!(
            style_of("1.Công tác chỉ đạo"),
            Some((Style::Decimal(1), Some(1), "1.".into()))
        );
        assert_eq!(style_of("IV.ĐỀ XUẤT").map(|x| x.2), Some("IV.".into()));
        assert_eq!(style_of("2.1.Triển khai").map(|x| x.2), Some("2.1.".into()));
    }

    #[test]
    fn numbers_and_dates_are_not_markers() {
        for s in [
            "01/8/2022 của Thủ tướng",
            "2.038/2.102 đồng chí",
            "2023. Các sản phẩm",
            "1.000 người",
            "Chương trình OCOP",
            "Phần lớn các cơ sở",
            "- Nội dung",
            "3 sao",
            "IIII. Sai",
        ] {
            assert_eq!(parse(s), None, "{s}");
        }
    }

    #[test]
    fn roman_round_trips() {
        assert_eq!(roman("IV"), Some(4));
        assert_eq!(roman("XIV"), Some(14));
        assert_eq!(roman("IIV"), None);
        assert_eq!(letter_ordinal('đ'), Some(5));
        assert_eq!(letter_at(6), Some('e'));
    }
}
