//! A percentage stated next to its parts, where the `ratio` check does not
//! look: before them (`tỷ lệ hồ sơ trực tuyến đạt 86,98% (265.456/305.194
//! hồ sơ)`), or after them as an approximation (`296/2.934 dự án, khoảng
//! 9,8%`). Reported as `ratio` findings, like the check that reads the
//! percentage after a ratio ([`super::ratio`]).

use std::sync::LazyLock;

use regex::Regex;

use super::quantities::Quantity;
use crate::ground::Ground;
use crate::output::Finding;

/// A percentage closing right before the ratio's opening parenthesis:
/// `đạt 86,98% (` at the end of the text before the ratio.
static BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:đạt|chiếm|bằng|là)(?:\s+tỷ\s+lệ|\s+tỉ\s+lệ)?\s+(\d{1,3}(?:,\d{1,4})?)\s*%\s*\(\s*$",
    )
    .expect("static regex")
});

/// An approximate percentage right after the ratio: `, khoảng 9,8%`.
static AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*[,(]\s*(?:khoảng|gần|xấp\s+xỉ|tương\s+đương|tức)(?:\s+tỷ\s+lệ)?\s+(\d{1,3}(?:,\d{1,4})?)\s*%")
        .expect("static regex")
});

pub fn check(g: &Ground, qs: &[Quantity]) -> Vec<Finding> {
    let text = g.text();
    let mut out = Vec::new();
    for q in qs {
        let Some(total) = q.total.filter(|&t| t > 0) else {
            continue;
        };
        let from = text.ceil_char_boundary(q.start.saturating_sub(120));
        let before = BEFORE.captures(&text[from..q.start]).and_then(|c| {
            let m = c.get(1)?;
            Some((
                from + m.start(),
                from + m.end() + pct_len(&text[from + m.end()..]),
            ))
        });
        let after = || {
            let end = text.floor_char_boundary(q.end + 80);
            AFTER.captures(&text[q.end..end]).and_then(|c| {
                let m = c.get(1)?;
                Some((
                    q.end + m.start(),
                    q.end + m.end() + pct_len(&text[q.end + m.end()..]),
                ))
            })
        };
        let Some((s, e)) = before.or_else(after) else {
            continue;
        };
        let stated_text = text[s..e].trim_end_matches(['%', ' ']);
        out.extend(super::ratio::against_stated(
            q,
            total,
            stated_text,
            " next to these figures",
            g.span(s, e),
        ));
    }
    out
}

/// Bytes of the `%` sign (and spaces before it) right after a number.
fn pct_len(rest: &str) -> usize {
    let trimmed = rest.trim_start();
    let spaces = rest.len() - trimmed.len();
    if trimmed.starts_with('%') {
        spaces + 1
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_before_or_approximately_after_the_parts() {
        let c = BEFORE
            .captures("tỷ lệ hồ sơ trực tuyến toàn trình đạt 86,98% (")
            .unwrap();
        assert_eq!(&c[1], "86,98");
        assert!(BEFORE.captures("đạt 86,98% kế hoạch; có ").is_none());
        // After the ratio's span (`296/2.934 dự án`).
        assert_eq!(&AFTER.captures(", khoảng 9,8%").unwrap()[1], "9,8");
        assert!(AFTER.captures(", đạt 9,8%").is_none());
    }
}
