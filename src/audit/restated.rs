//! The same quantity stated twice with different values: "Năm 2024, ... 17
//! sản phẩm/8 chủ thể, với tổng kinh phí 345 triệu đồng" in one section and
//! "Năm 2024, ... 17 sản phẩm, với tổng kinh phí 342 triệu đồng" in another.
//!
//! Two amounts are taken to be the same quantity only when their sentences
//! name the same year(s), the same counted things (value and unit), and
//! amounts of the same kind (a "tổng kinh phí"). Anything looser would make
//! false alarms out of different spendings.
//!
//! Counted figures (products, producers) restated with another value are
//! the same check: they are keyed by place, period and thing as the
//! cross-document audit keys them ([`figures::facts_with`]).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use regex::Regex;

use super::figures::{self, Figure};
use super::finding;
use super::quantities::{show_vnd, within, Quantity};
use crate::ground::Ground;
use crate::normalize::fold_key as fold;
use crate::output::{Document, Finding, Severity, Span};
use crate::text::sentence::sentence;

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

/// Every `restated_value` finding of one document: money amounts first,
/// then counted figures.
pub fn check(g: &Ground, doc: &Document, qs: &[Quantity]) -> Vec<Finding> {
    let mut out = money(g, qs);
    out.extend(counted(g, doc, qs));
    out
}

/// One finding of this check: the value stated first and the one it is
/// compared with, with their spans.
fn restated(ok: bool, message: String, a: (i64, &Span), b: (i64, &Span)) -> Finding {
    finding(
        "restated_value",
        ok,
        Severity::Medium,
        message,
        Some(a.0 as f64),
        Some(b.0 as f64),
        vec![a.1.clone(), b.1.clone()],
    )
}

/// The same money amount (same years, counted things and kind of amount)
/// stated twice.
fn money(g: &Ground, qs: &[Quantity]) -> Vec<Finding> {
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
            out.push(restated(
                ok,
                message,
                (qa.value, &qa.span),
                (qb.value, &qb.span),
            ));
        }
    }
    out
}

/// In one document: the same counted figure (same place, period and thing)
/// stated twice. Different values are a `restated_value` mismatch ("Năm
/// 2022-2023, có 15 sản phẩm đạt chuẩn OCOP xếp hạng 3 sao" against a footnote
/// "Năm 2022, 2023 ... được công nhận 20 sản phẩm đạt chuẩn OCOP, sếp hạng 3
/// sao"); money is read more closely by [`money`].
fn counted(g: &Ground, doc: &Document, qs: &[Quantity]) -> Vec<Finding> {
    let facts = figures::facts_with(g, doc, qs);
    let mut by_key: BTreeMap<(String, String, String), Vec<&Figure>> = BTreeMap::new();
    for f in facts.figures.iter().filter(|f| !f.money) {
        by_key
            .entry((f.locality.clone(), f.scope.clone(), f.thing.clone()))
            .or_default()
            .push(f);
    }
    let mut out = Vec::new();
    for ((_, scope, thing), figs) in by_key {
        let [first, rest @ ..] = figs.as_slice() else {
            continue;
        };
        let Some(second) = rest
            .iter()
            .find(|f| f.value != first.value)
            .or(rest.first())
        else {
            continue;
        };
        let ok = first.value == second.value;
        let what = figures::describe(&format!("{}|{scope}|{thing}", first.locality));
        let message = if ok {
            format!(
                "{what} is stated twice with the same value ({}).",
                first.value
            )
        } else {
            format!(
                "{what} is stated as {} (\"{}\") and as {} (\"{}\"); correct one of them.",
                first.value, first.span.text, second.value, second.span.text
            )
        };
        out.push(restated(
            ok,
            message,
            (first.value, &first.span),
            (second.value, &second.span),
        ));
    }
    out
}
