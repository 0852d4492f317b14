//! Totals against their parts: "20 chủ thể ..., trong đó: 03 ...; 07 ...; 06 ...",
//! "446 triệu đồng, trong đó: + ... 0 triệu đồng. + ... 320 triệu đồng và ... 126 triệu đồng",
//! and money given = disbursed + remaining.
//!
//! "trong đó" breakdowns may be partial, so parts below the total are only a
//! mismatch when the text shows the breakdown is complete: it says `gồm`, or a
//! parallel series in the same breakdown ("với 05 sản phẩm; ... với 08 ...")
//! adds up to a total stated just before.

use std::sync::LazyLock;

use regex::Regex;

use super::finding;
use super::quantities::{show, show_vnd, within, Quantity};
use crate::ground::Ground;
use crate::normalize::fold_key as fold;
use crate::output::{Finding, Severity, Span};
use crate::text::sentence::sentence;

/// Words that open a breakdown, and whether they say it is complete.
const TRIGGERS: &[(&str, bool)] = &[("trong đó", false), ("bao gồm", true), ("gồm", true)];

/// Words that turn a trigger into its opposite: `không bao gồm 511.000 triệu
/// đồng` names what is left out, not a part.
const NEGATIONS: &[&str] = &["không", "chưa"];

/// Fund label keywords: the amount given, disbursed, and left.
const GIVEN: &[&str] = &["được giao", "tổng kinh phí", "dự toán", "tổng nguồn"];
const SPENT: &[&str] = &[
    "đã giải ngân",
    "giải ngân",
    "đã sử dụng",
    "đã chi",
    "thực hiện",
];
const LEFT: &[&str] = &[
    "còn lại",
    "chưa giải ngân",
    "không giải ngân",
    "chưa sử dụng",
];

/// Kinds of a counted thing: a breakdown of "chủ thể" may count enterprises,
/// cooperatives and households. A part whose unit is neither the total's nor
/// one of its kinds ("tại 06 xã" after "11 chủ thể") is not a part.
const UNIT_KINDS: &[(&str, &[&str])] = &[
    (
        "chủ thể",
        &[
            "doanh nghiệp",
            "hợp tác xã",
            "htx",
            "hộ",
            "cơ sở",
            "tổ hợp tác",
            "công ty",
            "tht",
        ],
    ),
    ("sản phẩm", &["sp"]),
    ("sp", &["sản phẩm"]),
    ("người", &["lượt người"]),
];

/// Whether a part counted in `part` units can be part of a total in `total` units.
fn compatible(total: &str, part: &str) -> bool {
    let (t, p) = (total.to_lowercase(), part.to_lowercase());
    // "06 lớp tập huấn, gồm: ... 03 lớp": the part names the total's head noun.
    if t == p || t.starts_with(&format!("{p} ")) {
        return true;
    }
    UNIT_KINDS.iter().any(|(whole, kinds)| {
        t == *whole
            && kinds.iter().any(|k| {
                p == *k || p.starts_with(&format!("{k} ")) || p.starts_with(&format!("{k}/"))
            })
    })
}

static TRIGGER: LazyLock<Regex> = LazyLock::new(|| {
    let words: Vec<String> = TRIGGERS.iter().map(|(w, _)| regex::escape(w)).collect();
    // No `\b`: a Unicode word boundary would push the whole text onto the
    // slow engine, and Vietnamese syllables are separated by spaces anyway.
    Regex::new(&format!(r"(?i)({})(?:\s+có)?\s*:?", words.join("|"))).expect("static regex")
});

/// A breakdown: a total and its parts.
struct Breakdown {
    total: Quantity,
    parts: Vec<Quantity>,
    /// Why the breakdown is known to be complete, if it is.
    complete: Option<String>,
}

pub fn check(g: &Ground, qs: &[Quantity]) -> Vec<Finding> {
    let text = g.text();
    let breakdowns = breakdowns(text, qs);
    let mut out: Vec<Finding> = breakdowns.iter().map(judge).collect();
    out.extend(balance(&breakdowns, qs));
    out
}

fn breakdowns(text: &str, qs: &[Quantity]) -> Vec<Breakdown> {
    let mut out = Vec::new();
    for m in TRIGGER.find_iter(text) {
        let before_word = text[..m.start()]
            .trim_end()
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("")
            .to_lowercase();
        if NEGATIONS.contains(&before_word.trim_start_matches('(')) {
            continue;
        }
        let word = m.as_str().to_lowercase();
        let says_complete = TRIGGERS
            .iter()
            .any(|(w, complete)| *complete && word.starts_with(w) && !word.starts_with("trong"));
        let (sent_start, _) = sentence(text, m.start());
        // The region of parts: the bullet lines that follow a trigger ending its
        // line, or the rest of the sentence.
        // Does the trigger end its line (bar spaces, `*`, `:`)? Look only as far
        // as the first other character, never to the end of a huge line.
        let rest = &text[m.end()..];
        let next = rest.find(|c: char| !matches!(c, ' ' | '\t' | '*' | ':'));
        let region = if next.is_none_or(|i| rest[i..].starts_with('\n')) {
            let line_start = text[..m.start()].rfind('\n').map_or(0, |i| i + 1);
            let own_bullet = text[line_start..].trim_start().chars().next();
            bullet_region(text, m.end() + next.unwrap_or(rest.len()), own_bullet)
        } else {
            let end = sentence(text, m.end()).1;
            // `(gồm ...)`: the parts end with the bracket.
            let opened = text[..m.start()].trim_end().ends_with('(');
            let close = opened
                .then(|| text[m.end()..end].find(')'))
                .flatten()
                .map_or(end, |i| m.end() + i);
            (m.end(), close)
        };
        let before: Vec<&Quantity> = within(qs, sent_start, m.start()).iter().collect();
        let Some(last_before) = before.last() else {
            continue;
        };
        // Nothing but punctuation and a few words between the total and the trigger.
        if text[last_before.end..m.start()].chars().count() > 80 {
            continue;
        }
        let inside: Vec<&Quantity> = within(qs, region.0, region.1).iter().collect();
        let money = last_before.money;
        let candidates: Vec<&Quantity> = inside
            .iter()
            .copied()
            .filter(|q| q.money == money)
            .collect();
        let parts = if money {
            candidates.clone()
        } else {
            first_per_segment(text, &candidates, region.0)
        };
        if parts.len() < 2 {
            continue;
        }
        // The total: the quantity before the trigger whose unit the parts share, else the nearest.
        let common_unit = parts
            .iter()
            .all(|p| p.unit == parts[0].unit)
            .then(|| parts[0].unit.clone());
        let total = before
            .iter()
            .rev()
            .find(|q| q.money == money && Some(&q.unit) == common_unit.as_ref())
            .or_else(|| before.iter().rev().find(|q| q.money == money))
            .copied();
        let Some(total) = total else {
            continue;
        };
        // Ratios are checked elsewhere; ranges are targets, not facts.
        if total.max.is_some() || parts.iter().any(|p| p.total.is_some() || p.max.is_some()) {
            continue;
        }
        let listed = parts.len();
        let parts: Vec<&Quantity> = parts
            .into_iter()
            .filter(|p| money || compatible(&total.unit, &p.unit))
            .collect();
        // Parts in another unit (`30 đơn vị (gồm 28 ban quản lý ..., 1 đơn
        // vị, 01 đơn vị)`) cannot be added up with the rest.
        if parts.len() < 2 || parts.len() < listed {
            continue;
        }
        // Segments that open with a number the extract stage did not read as
        // a count (`28 Ban quản lý dự án`) are parts all the same.
        if !money && numbered_segments(&text[region.0..region.1]) > parts.len() {
            continue;
        }
        let complete = if says_complete {
            Some(format!(
                "the text says \"{}\"",
                m.as_str().trim_end_matches(':').trim()
            ))
        } else if !money {
            parallel_series(qs, &candidates, &parts, total)
        } else {
            None
        };
        out.push(Breakdown {
            total: total.clone(),
            parts: parts.into_iter().cloned().collect(),
            complete,
        });
    }
    out
}

/// A line opening with the trigger line's own bullet and nothing nested
/// after it (`- Cấp xã: ...`, not `- + Chủ thể OCOP: ...`).
fn is_sibling(line: &str, bullet: char) -> bool {
    line.strip_prefix(bullet)
        .is_some_and(|rest| !rest.trim_start().starts_with(['+', '-', '•', '*']))
}

/// Segments of a breakdown (split by `;`, `,`, line breaks) that open with a
/// number.
fn numbered_segments(region: &str) -> usize {
    region
        .split([';', ',', '\n'])
        .filter(|seg| {
            let t = seg.trim_start_matches(|c: char| {
                c.is_whitespace() || matches!(c, '+' | '-' | '•' | '*' | ':')
            });
            t.starts_with(|c: char| c.is_ascii_digit())
        })
        .count()
}

/// Consecutive bullet lines after `from` (the end of the trigger's line),
/// up to a line with the trigger line's own bullet (`- Cấp tỉnh: ... gồm:`
/// ⏎ `+ ...` ⏎ `- Cấp xã: ...`: the next total, not a part).
fn bullet_region(text: &str, from: usize, own_bullet: Option<char>) -> (usize, usize) {
    let mut end = from;
    let mut pos = from;
    while pos < text.len() {
        let line_start = pos + 1;
        if line_start > text.len() {
            break;
        }
        let line = text[line_start..].split('\n').next().unwrap_or("");
        if line.trim().is_empty() {
            pos = line_start + line.len();
            if pos >= text.len() || text[pos..].starts_with("\n\n") {
                break;
            }
            continue;
        }
        let t = line.trim_start();
        if !(t.starts_with('+') || t.starts_with('-') || t.starts_with('•') || t.starts_with('*'))
            || own_bullet.is_some_and(|b| is_sibling(t, b))
        {
            break;
        }
        end = line_start + line.len();
        pos = end;
    }
    (from, end)
}

/// For counts, each segment of the breakdown (split by `;`, `,`, `và`, line
/// breaks) contributes its first count: in "03 Doanh nghiệp với 05 sản phẩm"
/// the 05 belongs to a parallel series, not to the total.
fn first_per_segment<'a>(
    text: &str,
    qs: &[&'a Quantity],
    region_start: usize,
) -> Vec<&'a Quantity> {
    let mut out = Vec::new();
    let mut prev_end = region_start;
    for (i, q) in qs.iter().enumerate() {
        let gap = &text[prev_end.min(q.start)..q.start];
        if i == 0 || gap.contains([';', ',', '\n']) || gap.contains(" và ") || gap.contains(":") {
            out.push(*q);
        }
        prev_end = q.end;
    }
    out
}

/// Evidence that a count breakdown is complete: the counts that were not
/// taken as parts form one series, one per part, of a single unit, and that
/// series adds up to a count of the same unit stated within the preceding
/// paragraph ("20 sản phẩm ... 20 chủ thể ..., trong đó: 03 DN với 05 sản
/// phẩm; 07 HTX với 08 sản phẩm; 06 cơ sở với 07 sản phẩm").
fn parallel_series(
    all: &[Quantity],
    candidates: &[&Quantity],
    parts: &[&Quantity],
    total: &Quantity,
) -> Option<String> {
    let rest: Vec<&&Quantity> = candidates
        .iter()
        .filter(|q| !parts.iter().any(|p| p.start == q.start))
        .collect();
    if rest.len() != parts.len() || rest.iter().any(|q| q.unit != rest[0].unit) {
        return None;
    }
    let unit = &rest[0].unit;
    if fold(unit) == fold(&total.unit) {
        return None;
    }
    let sum: i64 = rest.iter().map(|q| q.value).sum();
    let window_start = total.start.saturating_sub(400);
    let stated = all.iter().rev().find(|q| {
        !q.money
            && q.start >= window_start
            && q.end <= total.start
            && &q.unit == unit
            && q.value == sum
    })?;
    Some(format!(
        "its other series ({}) adds up to the {} {} stated just before, so the breakdown is complete",
        rest.iter().map(|q| q.span.text.trim().to_string()).collect::<Vec<_>>().join(" + "),
        stated.value,
        unit
    ))
}

fn judge(b: &Breakdown) -> Finding {
    let sum: i64 = b.parts.iter().map(|p| p.value).sum();
    let parts_shown = b
        .parts
        .iter()
        .map(|p| show(p, p.value))
        .collect::<Vec<_>>()
        .join(" + ");
    let total_shown = show(&b.total, b.total.value);
    let mut items: Vec<Span> = vec![b.total.span.clone()];
    items.extend(b.parts.iter().map(|p| p.span.clone()));
    let (ok, severity, message) = if sum == b.total.value {
        (
            true,
            Severity::High,
            format!("The parts {parts_shown} add up to the stated total {total_shown}."),
        )
    } else if sum > b.total.value {
        (
            false,
            Severity::High,
            format!("The parts {parts_shown} = {} exceed the stated total {total_shown}; check the total and each part.", show(&b.total, sum)),
        )
    } else if let Some(why) = &b.complete {
        (
            false,
            Severity::Medium,
            format!(
                "The stated total {total_shown} does not match its parts {parts_shown} = {}; {why}. Check which figure is wrong.",
                show(&b.total, sum)
            ),
        )
    } else {
        (
            true,
            Severity::Low,
            format!(
                "The parts {parts_shown} = {} cover less than the stated total {total_shown}; a \"trong đó\" breakdown may be partial, so this is not flagged.",
                show(&b.total, sum)
            ),
        )
    };
    finding(
        "sum",
        ok,
        severity,
        message,
        Some(b.total.value as f64),
        Some(sum as f64),
        items,
    )
}

fn has(label: &Option<String>, words: &[&str]) -> bool {
    label
        .as_deref()
        .map(|l| {
            let l = l.to_lowercase();
            words.iter().any(|w| l.contains(w))
        })
        .unwrap_or(false)
}

/// Money given = disbursed + remaining, for the first such triple of
/// breakdown totals, and line by line for the parts the three breakdowns share.
fn balance(breakdowns: &[Breakdown], qs: &[Quantity]) -> Vec<Finding> {
    // Candidates: money totals of breakdowns, else any fund with a matching label.
    let money_totals: Vec<&Breakdown> = breakdowns.iter().filter(|b| b.total.money).collect();
    let pool: Vec<&Quantity> = if money_totals.len() >= 3 {
        money_totals.iter().map(|b| &b.total).collect()
    } else {
        qs.iter().filter(|q| q.money).collect()
    };
    let given = pool
        .iter()
        .find(|q| has(&q.label, GIVEN) && !has(&q.label, LEFT));
    let Some(given) = given else {
        return Vec::new();
    };
    let spent = pool
        .iter()
        .find(|q| q.start > given.start && has(&q.label, SPENT) && !has(&q.label, LEFT));
    let left = pool
        .iter()
        .find(|q| q.start > given.start && has(&q.label, LEFT));
    let (Some(spent), Some(left)) = (spent, left) else {
        return Vec::new();
    };
    let mut out = vec![difference(given, spent, left, None)];
    // Line by line: a part label present in all three breakdowns.
    let find_b = |q: &Quantity| breakdowns.iter().find(|b| b.total.start == q.start);
    if let (Some(bg), Some(bs), Some(bl)) = (find_b(given), find_b(spent), find_b(left)) {
        for pg in &bg.parts {
            let Some(key) = pg.label.as_deref().map(fold) else {
                continue;
            };
            let same = |b: &Breakdown| {
                b.parts
                    .iter()
                    .find(|p| p.label.as_deref().map(fold).as_deref() == Some(key.as_str()))
                    .cloned()
            };
            if let (Some(ps), Some(pl)) = (same(bs), same(bl)) {
                out.push(difference(pg, &ps, &pl, pg.label.as_deref()));
            }
        }
    }
    out
}

fn difference(given: &Quantity, spent: &Quantity, left: &Quantity, line: Option<&str>) -> Finding {
    let sum = spent.value + left.value;
    let what = line.map(|l| format!(" for \"{l}\"")).unwrap_or_default();
    let ok = sum == given.value;
    let message = if ok {
        format!(
            "Money given{what} ({}) equals disbursed ({}) plus remaining ({}).",
            show_vnd(given.value),
            show_vnd(spent.value),
            show_vnd(left.value)
        )
    } else {
        format!(
            "Money given{what} ({}) differs from disbursed ({}) plus remaining ({}) = {}; check the three figures.",
            show_vnd(given.value),
            show_vnd(spent.value),
            show_vnd(left.value),
            show_vnd(sum)
        )
    };
    finding(
        "difference",
        ok,
        Severity::High,
        message,
        Some(given.value as f64),
        Some(sum as f64),
        vec![given.span.clone(), spent.span.clone(), left.span.clone()],
    )
}

#[cfg(test)]
mod unit_tests {
    use super::compatible;

    #[test]
    fn parts_may_name_the_totals_head_noun_or_a_kind() {
        assert!(compatible("lớp tập huấn", "lớp"));
        assert!(compatible("chủ thể", "hợp tác xã"));
        assert!(!compatible("chủ thể", "xã"));
        assert!(!compatible("lớp", "lớp tập huấn"));
    }
}
