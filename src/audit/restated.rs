//! The same quantity stated twice with different values: "Năm 2024, ... 17
//! sản phẩm/8 chủ thể, với tổng kinh phí 345 triệu đồng" in one section and
//! "Năm 2024, ... 17 sản phẩm, với tổng kinh phí 342 triệu đồng" in another.
//!
//! Two amounts are taken to be the same quantity only when their sentences
//! name the same year(s), the same counted things (value and unit), and
//! amounts of the same kind (a "tổng kinh phí"). Anything looser would make
//! false alarms out of different spendings.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::Regex;

use super::finding;
use super::quantities::{show_vnd, within, Quantity};
use super::text::sentence;
use crate::ground::Ground;
use crate::normalize::fold_key as fold;
use crate::output::{Finding, Severity};

static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:năm|Năm)\s+((?:19|20)\d\d)\b").expect("static regex"));

/// What a money amount is about: years named, things counted, kind of amount.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord, Clone)]
pub(super) struct Signature {
    pub years: BTreeSet<u32>,
    pub counted: BTreeSet<(i64, String)>,
    /// The fund's label, folded (contains "tong").
    pub label: String,
}

/// Money amounts whose sentence names the year(s), the counted things and a
/// "tổng ..." label: the amounts that can be recognised when stated again
/// (here, or in another report: see `cross`).
pub(super) fn signed(g: &Ground, qs: &[Quantity]) -> Vec<(Signature, usize)> {
    let text = g.text();
    let mut signed: Vec<(Signature, usize)> = Vec::new();
    for (i, q) in qs.iter().enumerate().filter(|(_, q)| q.money) {
        let (s, _) = sentence(text, q.start);
        let before = &text[s..q.start];
        let years: BTreeSet<u32> = YEAR
            .captures_iter(before)
            .filter_map(|c| c.get(1)?.as_str().parse().ok())
            .collect();
        let counted: BTreeSet<(i64, String)> = within(qs, s, q.start)
            .iter()
            .filter(|c| !c.money)
            .map(|c| (c.value, c.unit.clone()))
            .collect();
        let label = q.label.as_deref().map(fold).unwrap_or_default();
        if years.is_empty() || counted.is_empty() || !label.contains("tong") {
            continue;
        }
        signed.push((
            Signature {
                years,
                counted,
                label,
            },
            i,
        ));
    }
    signed
}

pub fn check(g: &Ground, qs: &[Quantity]) -> Vec<Finding> {
    let signed: Vec<(Signature, &Quantity)> = signed(g, qs)
        .into_iter()
        .map(|(s, i)| (s, &qs[i]))
        .collect();
    let mut out = Vec::new();
    for i in 0..signed.len() {
        for j in i + 1..signed.len() {
            let (a, qa) = &signed[i];
            let (b, qb) = &signed[j];
            let shared: Vec<_> = a.counted.intersection(&b.counted).collect();
            if a.years != b.years || shared.is_empty() || a.label != b.label {
                continue;
            }
            let ok = qa.value == qb.value;
            let what = shared
                .iter()
                .map(|(v, u)| format!("{v} {u}"))
                .collect::<Vec<_>>()
                .join(", ");
            let years = a
                .years
                .iter()
                .map(|y| y.to_string())
                .collect::<Vec<_>>()
                .join(", ");
            let message = if ok {
                format!(
                    "The amount for {what} in {years} is stated twice with the same value ({}).",
                    show_vnd(qa.value)
                )
            } else {
                format!(
                    "The amount for {what} in {years} is stated twice with different values: {} and {}; correct one of them.",
                    show_vnd(qa.value),
                    show_vnd(qb.value)
                )
            };
            out.push(finding(
                "restated_value",
                ok,
                Severity::Medium,
                message,
                Some(qa.value as f64),
                Some(qb.value as f64),
                vec![qa.span.clone(), qb.span.clone()],
            ));
        }
    }
    out
}
