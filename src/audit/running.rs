//! Running totals across the reports of one series must not fall.
//!
//! A monthly or quarterly report of a programme states figures "to date"
//! (`tính đến ngày ...`, `lũy kế`, `từ đầu năm`, `đến nay`): a later report
//! of the same series may not state less, while a period's own figure (files
//! settled this quarter) may. Reports are of one series when the same issuer
//! gives the same type and the same title once the period words are taken out
//! (`... quý I năm 2026 ...` and `... quý II năm 2026 ...`); a figure is the
//! same figure when its unit and the words before it agree, so a figure whose
//! scope is worded differently is never compared. Reports are ordered by
//! their date, else by the period their title names.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use super::cross::{CrossFinding, CrossItem};
use crate::ground::Ground;
use crate::output::{Document, FindingStatus, Severity};

/// Phrases that make a figure a running total (lowercase).
pub const RUNNING_MARKERS: &[&str] = &[
    "lũy kế",
    "luỹ kế",
    "tính đến",
    "từ đầu năm",
    "đến nay",
    "đến thời điểm",
];

/// Words of a title that name its period, not its subject.
const PERIOD_WORDS: &[&str] = &["quý", "tháng", "năm", "đầu", "cuối", "sáu", "và", "kỳ"];

/// How many words before a figure name it.
const CONTEXT_WORDS: usize = 6;

#[derive(Debug, Clone)]
struct Seen {
    /// (year, month) of the report's period end.
    period: (i32, u32),
    value: i64,
    item: CrossItem,
}

/// Collects running totals document by document, then reports falls.
#[derive(Debug, Default)]
pub struct Series {
    /// `series|figure` → each report's value.
    figures: BTreeMap<String, Vec<Seen>>,
}

static QUARTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)quý\s+(IV|III|II|I|[1-4])\b").expect("static regex"));
static MONTHS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(\d{1,2})\s+tháng").expect("static regex"));
static MONTH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)tháng\s+(\d{1,2})\b").expect("static regex"));

impl Series {
    pub fn add(&mut self, doc: &Document) {
        let (Some(text), Some(title), Some(issuer)) = (
            doc.text.as_deref(),
            doc.metadata.title.as_deref(),
            doc.metadata.issuer.as_deref(),
        ) else {
            return;
        };
        let Some(period) = period_of(doc, title) else {
            return;
        };
        let series = format!(
            "{}|{}|{}",
            issuer,
            doc.metadata.doc_type.as_deref().unwrap_or(""),
            subject_of(title)
        );
        let g = Ground::new(text, false);
        for c in doc
            .counts
            .iter()
            .filter(|c| c.total.is_none() && c.max.is_none())
        {
            let start = g.byte_offset(c.at.start);
            let Some(context) = running_context(text, start) else {
                continue;
            };
            let key = format!("{series}|{context}|{}", c.unit);
            self.figures.entry(key).or_default().push(Seen {
                period,
                value: c.value,
                item: CrossItem {
                    path: doc.source.path.clone(),
                    sha256: doc.source.sha256.clone(),
                    start: c.at.start,
                    end: c.at.end,
                    text: c.at.text.clone(),
                    value: c.value.to_string(),
                },
            });
        }
    }

    pub fn findings(&self) -> Vec<CrossFinding> {
        let mut out = Vec::new();
        for seen in self.figures.values() {
            let mut seen = seen.clone();
            seen.sort_by_key(|s| s.period);
            for pair in seen.windows(2) {
                let (a, b) = (&pair[0], &pair[1]);
                if a.period == b.period || a.item.path == b.item.path {
                    continue;
                }
                let ok = b.value >= a.value;
                let message = if ok {
                    format!(
                        "Running total {} in {} grows to {} in {}.",
                        a.item.text, a.item.path, b.item.text, b.item.path
                    )
                } else {
                    format!(
                        "Running total falls from {} ({}) to {} ({}), a later report of the same series; a figure to date cannot fall: check either report.",
                        a.item.text, a.item.path, b.item.text, b.item.path
                    )
                };
                out.push(CrossFinding {
                    check: "running_total".into(),
                    status: if ok {
                        FindingStatus::Ok
                    } else {
                        FindingStatus::Mismatch
                    },
                    severity: Some(Severity::High),
                    expected: Some(a.value as f64),
                    found: Some(b.value as f64),
                    message,
                    items: vec![a.item.clone(), b.item.clone()],
                });
            }
        }
        out
    }
}

/// The end of the period a report covers: its date, else its title's
/// quarter or months with its year.
fn period_of(doc: &Document, title: &str) -> Option<(i32, u32)> {
    if let Some(d) = doc.metadata.date.as_deref() {
        let y = d.get(0..4)?.parse().ok()?;
        let m = d.get(5..7)?.parse().ok()?;
        return Some((y, m));
    }
    let year = doc.metadata.year?;
    let month = if let Some(q) = QUARTER.captures(title) {
        let n = match &q[1] {
            "I" | "1" => 1,
            "II" | "2" => 2,
            "III" | "3" => 3,
            _ => 4,
        };
        n * 3
    } else if let Some(m) = MONTHS.captures(title).or_else(|| MONTH.captures(title)) {
        m[1].parse::<u32>().ok().filter(|m| (1..=12).contains(m))?
    } else {
        12
    };
    Some((year, month))
}

/// A title without its period words, numbers and roman numerals: what the
/// series reports on.
fn subject_of(title: &str) -> String {
    title
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '/'))
        .map(str::to_lowercase)
        .filter(|w| {
            !w.is_empty()
                && !w.chars().all(|c| c.is_ascii_digit())
                && !w.chars().all(|c| matches!(c, 'i' | 'v' | 'x'))
                && !PERIOD_WORDS.contains(&w.as_str())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words before a figure (within its clause), when the clause says the
/// figure is to date; `None` otherwise.
fn running_context(text: &str, start: usize) -> Option<String> {
    let mut from = start.saturating_sub(200);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..start];
    // The clause: back to the last sentence or line end.
    let clause = before
        .rfind(['.', ';', '\n', ':'])
        .map_or(before, |i| &before[i + 1..]);
    let lower = clause.to_lowercase();
    if !RUNNING_MARKERS.iter().any(|m| lower.contains(m)) {
        return None;
    }
    let words: Vec<String> = lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    let tail = &words[words.len().saturating_sub(CONTEXT_WORDS)..];
    Some(tail.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_of_one_series_share_their_subject() {
        let a = subject_of("Công tác cải cách hành chính quý I năm 2026 và phương hướng, nhiệm vụ quý II năm 2026 tỉnh Lâm Đồng");
        let b = subject_of("Công tác cải cách hành chính quý II năm 2026 và phương hướng, nhiệm vụ quý III năm 2026 tỉnh Lâm Đồng");
        assert_eq!(a, b);
    }

    #[test]
    fn only_figures_to_date_are_running_totals() {
        let t = "Đến nay, trên địa bàn tỉnh có 12.125 chứng thư";
        assert_eq!(
            running_context(t, t.find("12.125").unwrap()).as_deref(),
            Some("nay trên địa bàn tỉnh có")
        );
        let t = "Tổng số hồ sơ đã giải quyết là 125.712 hồ sơ";
        assert_eq!(running_context(t, t.find("125.712").unwrap()), None);
    }
}
