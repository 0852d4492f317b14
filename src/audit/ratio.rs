//! A ratio against its stated percentage: "2.038/2.102 đồng chí, đạt tỷ lệ 97%".

use std::sync::LazyLock;

use regex::Regex;

use super::finding;
use super::quantities::Quantity;
use crate::ground::Ground;
use crate::output::{Finding, Severity, Span};

/// A percentage stated right after a ratio: ", đạt tỷ lệ 97%", " (chiếm 98,5%)";
/// or closing the ratio's own clause: "180/240 hộ sản xuất trên địa bàn, đạt
/// tỷ lệ 75%" (words only in between: no number, no stop, and the percent
/// introduced by "đạt/chiếm/bằng" after a comma or an opening parenthesis).
///
/// The words in between (group 1) may be at most [`MAX_WORDS_BETWEEN`]
/// characters; the bound is checked after the match rather than written as
/// `{1,120}?`, which made the pattern cost some 50M instructions to compile
/// (120 copies of a Unicode class). The lazy repeat takes the fewest
/// characters that let the rest match, so a match whose group 1 is longer
/// than the bound means the bounded pattern would not have matched.
static PERCENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[\s,(]*(?:đạt|chiếm|bằng)?|([^\d.;:()%\n\[]+?)[,(]\s*(?:đạt|chiếm|bằng))(?:\s+tỷ\s+lệ|\s+tỉ\s+lệ)?\s*(\d{1,3}(?:,\d{1,4})?)\s*%",
    )
    .expect("static regex")
});

/// Most characters between a ratio's clause and "đạt/chiếm/bằng" in [`PERCENT`].
const MAX_WORDS_BETWEEN: usize = 120;

pub fn check(g: &Ground, qs: &[Quantity]) -> Vec<Finding> {
    let text = g.text();
    let mut out = Vec::new();
    for q in qs {
        let Some(total) = q.total else { continue };
        if total <= 0 {
            continue;
        }
        let after = &text[q.end..text.floor_char_boundary(q.end + 200)];
        let Some(m) = PERCENT.captures(after) else {
            continue;
        };
        if m.get(1)
            .is_some_and(|between| between.as_str().chars().count() > MAX_WORDS_BETWEEN)
        {
            continue;
        }
        let Some(num) = m.get(2) else { continue };
        let stated_text = num.as_str();
        let whole = m.get(0).map_or(0, |w| w.end());
        let pct = g.span(q.end + num.start(), q.end + whole);
        out.extend(against_stated(q, total, stated_text, "", pct));
    }
    out
}

/// The `ratio` finding of `q.value / total` against a percentage stated in
/// the text (`stated_text`, decimal comma, without `%`, its span `pct`):
/// consistent within rounding of the stated precision (half a unit of its
/// last digit), or truncated to it (reports often cut 65,85% to "65,8%").
/// `placed` says where the percentage stands, in the mismatch message.
/// `None` when the stated text is no number.
pub(super) fn against_stated(
    q: &Quantity,
    total: i64,
    stated_text: &str,
    placed: &str,
    pct: Span,
) -> Option<Finding> {
    let decimals = stated_text.split(',').nth(1).map_or(0, str::len) as i32;
    let stated = stated_text.replace(',', ".").parse::<f64>().ok()?;
    let actual = q.value as f64 * 100.0 / total as f64;
    let unit = 10f64.powi(-decimals);
    let diff = actual - stated;
    let ok = diff.abs() <= 0.5 * unit + 1e-9 || (diff >= 0.0 && diff < unit - 1e-9);
    let message = if ok {
        format!(
            "{}/{} = {:.2}%, consistent with the stated {}%.",
            q.value, total, actual, stated_text
        )
    } else {
        format!(
            "{}/{} = {:.2}%, but the text states {}%{placed}; check the two counts or the percentage.",
            q.value, total, actual, stated_text
        )
    };
    Some(finding(
        "ratio",
        ok,
        Severity::High,
        message,
        Some(actual),
        Some(stated),
        vec![q.span.clone(), pct],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_may_close_the_ratio_clause() {
        let t = " hộ sản xuất, kinh doanh trên địa bàn, đạt tỷ lệ 80%.";
        assert_eq!(&PERCENT.captures(t).unwrap()[2], "80");
        assert_eq!(&PERCENT.captures(", đạt tỷ lệ 97%").unwrap()[2], "97");
        let t = " HTX hoạt động hiệu quả (chiếm 65,8%).";
        assert_eq!(&PERCENT.captures(t).unwrap()[2], "65,8");
        let t = " hộ sản xuất tham gia liên kết (chiếm 45%).";
        assert_eq!(&PERCENT.captures(t).unwrap()[2], "45");
        // Another number or a stop in between: the percent is not the ratio's.
        assert!(PERCENT
            .captures(" hộ, trong đó 20 hộ nghèo, chiếm 8%")
            .is_none());
        assert!(PERCENT.captures(" hộ. Tỷ lệ hộ nghèo, chiếm 8%").is_none());
        // Too many words in between: matched, but over the bound `check` applies.
        let t = format!(" {}, chiếm 8%", "hộ ".repeat(50));
        let between = PERCENT.captures(&t).unwrap().get(1).unwrap();
        assert!(between.as_str().chars().count() > MAX_WORDS_BETWEEN);
    }
}
