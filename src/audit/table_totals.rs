//! Totals of a table against the rows they add up.
//!
//! Reads the amounts of [`crate::extract::table_funds`] column by column.
//! What a total covers follows the table's outline ([`Depth`]):
//! - `Tổng cộng` at the bottom covers the rows above it back to the previous
//!   grand total; at the top (nothing above it) the rows below it up to the
//!   next one. Of those rows it adds the group totals (`Cộng`) if there are
//!   any, else the shallowest rows (the group headings `I`, `II` when they
//!   carry amounts, else the items), never a heading and its own items twice.
//! - `Cộng` covers the rows since the previous total, less a heading row that
//!   opens the group.
//! - A heading with an amount (`I. Khối huyện  500`) covers the deeper rows
//!   after it up to the next row as shallow as it, and of them the
//!   shallowest.
//!
//! Sums are exact ([`Decimal`]); a difference within the rounding of the
//! written figures (half a unit of the last written digit per figure) is not
//! a mismatch.

use std::ops::Range;

use super::finding;
use crate::extract::numbers::Decimal;
use crate::extract::table_funds::{Depth, TableFund};
use crate::ground::Ground;
use crate::output::{Finding, Severity};

/// One total and the rows it was checked against.
#[derive(Debug, Clone, PartialEq)]
pub struct TotalCheck {
    /// Index of the total in the funds given.
    pub total: usize,
    /// Indexes of the rows it adds up.
    pub parts: Vec<usize>,
    pub stated: Decimal,
    pub sum: Decimal,
    pub ok: bool,
}

/// Check every total and heading of one table's funds.
pub fn check_totals(funds: &[TableFund]) -> Vec<TotalCheck> {
    let mut cols: Vec<usize> = funds.iter().map(|f| f.col).collect();
    cols.sort_unstable();
    cols.dedup();
    let mut out = Vec::new();
    for col in cols {
        // Indexes of this column's amounts, in row order.
        let idx: Vec<usize> = (0..funds.len()).filter(|&i| funds[i].col == col).collect();
        for (k, &i) in idx.iter().enumerate() {
            let parts = match funds[i].depth {
                Depth::GrandTotal => grand_parts(funds, &idx, k),
                Depth::GroupTotal => group_parts(funds, &idx, k),
                Depth::Item => Vec::new(),
                d => heading_parts(funds, &idx, k, d),
            };
            if parts.is_empty() {
                continue;
            }
            out.push(compare(funds, i, parts));
        }
    }
    out.sort_by_key(|c| (funds[c.total].row, funds[c.total].col));
    out
}

/// The findings of [`check_totals`], grounded in `g` (which must hold the
/// text the funds' ranges point into).
pub fn check(g: &Ground, funds: &[TableFund]) -> Vec<Finding> {
    let text = g.text();
    let label = |f: &TableFund| -> String {
        f.label
            .as_ref()
            .and_then(|r| text.get(r.clone()))
            .unwrap_or("?")
            .to_string()
    };
    check_totals(funds)
        .into_iter()
        .map(|c| {
            let t = &funds[c.total];
            let span = |r: &Range<usize>| g.span(r.start, r.end);
            let mut items = vec![span(&t.range)];
            items.extend(c.parts.iter().map(|&p| span(&funds[p].range)));
            let message = if c.ok {
                format!(
                    "table row \"{}\": {} equals the sum of the {} rows it covers",
                    label(t),
                    c.stated,
                    c.parts.len()
                )
            } else {
                format!(
                    "table row \"{}\" states {} but the {} rows it covers add up to {}",
                    label(t),
                    c.stated,
                    c.parts.len(),
                    c.sum
                )
            };
            finding(
                "table_total",
                c.ok,
                Severity::High,
                message,
                Some(c.sum.to_f64()),
                Some(c.stated.to_f64()),
                items,
            )
        })
        .collect()
}

fn compare(funds: &[TableFund], total: usize, parts: Vec<usize>) -> TotalCheck {
    let stated = funds[total].value;
    let mut sum = Some(Decimal::ZERO);
    for &p in &parts {
        sum = sum.and_then(|s| s.checked_add(funds[p].value));
    }
    let sum = sum.unwrap_or(Decimal::ZERO);
    // Rounding allowance: half a unit of the last written digit, per figure.
    let figures = std::iter::once(total).chain(parts.iter().copied());
    let tol: f64 = figures
        .map(|i| 0.5 * 10f64.powi(-(funds[i].value.scale as i32)))
        .filter(|_| {
            parts
                .iter()
                .chain([&total])
                .any(|&i| funds[i].value.scale > 0)
        })
        .sum();
    let diff = Decimal {
        mantissa: -stated.mantissa,
        scale: stated.scale,
    };
    let ok = match sum.checked_add(diff) {
        Some(d) if d.mantissa == 0 => true,
        Some(d) => d.to_f64().abs() <= tol,
        None => false,
    };
    TotalCheck {
        total,
        parts,
        stated,
        sum,
        ok,
    }
}

/// A grand total: the rows above it (back to the previous grand total), or
/// below it when it opens the table.
fn grand_parts(funds: &[TableFund], idx: &[usize], k: usize) -> Vec<usize> {
    let above: Vec<usize> = idx[..k]
        .iter()
        .rev()
        .take_while(|&&i| funds[i].depth != Depth::GrandTotal)
        .copied()
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let span = if above.is_empty() {
        idx[k + 1..]
            .iter()
            .take_while(|&&i| funds[i].depth != Depth::GrandTotal)
            .copied()
            .collect()
    } else {
        above
    };
    let groups: Vec<usize> = span
        .iter()
        .copied()
        .filter(|&i| funds[i].depth == Depth::GroupTotal)
        .collect();
    if !groups.is_empty() {
        return groups;
    }
    shallowest(funds, &span)
}

/// A group total: the rows since the previous total, less an opening heading.
fn group_parts(funds: &[TableFund], idx: &[usize], k: usize) -> Vec<usize> {
    let mut span: Vec<usize> = idx[..k]
        .iter()
        .rev()
        .take_while(|&&i| !funds[i].depth.is_total())
        .copied()
        .collect();
    span.reverse();
    if span.len() > 1 {
        let first = funds[span[0]].depth;
        if span[1..].iter().all(|&i| funds[i].depth > first) {
            span.remove(0);
        }
    }
    shallowest(funds, &span)
}

/// A heading: the deeper rows after it, up to the next row as shallow.
fn heading_parts(funds: &[TableFund], idx: &[usize], k: usize, depth: Depth) -> Vec<usize> {
    let span: Vec<usize> = idx[k + 1..]
        .iter()
        .take_while(|&&i| funds[i].depth > depth)
        .copied()
        .collect();
    shallowest(funds, &span)
}

/// The rows of the shallowest depth in `span`.
fn shallowest(funds: &[TableFund], span: &[usize]) -> Vec<usize> {
    let Some(min) = span.iter().map(|&i| funds[i].depth).min() else {
        return Vec::new();
    };
    span.iter()
        .copied()
        .filter(|&i| funds[i].depth == min)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::table_funds::table_funds;
    use crate::input::sheet::grid::{build, Sheet};

    fn checks(rows: &[&[&str]]) -> (String, Vec<TableFund>, Vec<TotalCheck>) {
        let mut sheet = Sheet::named("B");
        for (r, row) in rows.iter().enumerate() {
            for (c, t) in row.iter().enumerate() {
                sheet.push(r as u32, c as u32, t, None);
            }
        }
        let doc = build(&[sheet], 1 << 20).unwrap();
        let (b, t) = doc.tables().next().unwrap();
        let f = table_funds(&doc.text, t, b.range.start);
        let c = check_totals(&f);
        (doc.text.clone(), f, c)
    }

    #[test]
    fn a_right_and_a_wrong_total() {
        let (_, f, c) = checks(&[
            &["TT", "Nội dung", "Kinh phí (triệu đồng)"],
            &["1", "Chè", "120"],
            &["2", "Mật ong", "80,5"],
            &["", "Tổng cộng", "200,5"],
        ]);
        assert_eq!(c.len(), 1);
        assert!(c[0].ok);
        assert_eq!(c[0].parts.len(), 2);
        assert_eq!(f[c[0].total].depth, Depth::GrandTotal);

        let (_, _, c) = checks(&[
            &["TT", "Nội dung", "Kinh phí (triệu đồng)"],
            &["1", "Chè", "120"],
            &["2", "Mật ong", "80,5"],
            &["", "Tổng cộng", "210,5"],
        ]);
        assert!(!c[0].ok);
        assert_eq!(
            c[0].sum,
            Decimal {
                mantissa: 2005,
                scale: 1
            }
        );
    }

    #[test]
    fn top_total_with_headings_and_group_totals() {
        // Total first, then headings with their items: the total adds the
        // headings, each heading its items.
        let (_, _, c) = checks(&[
            &["TT", "Nội dung", "Số tiền"],
            &["", "Tổng số", "1.000"],
            &["I", "Khối huyện", "600"],
            &["1", "Phòng A", "400"],
            &["2", "Phòng B", "200"],
            &["II", "Khối xã", "400"],
            &["1", "Xã C", "300"],
            &["2", "Xã D", "90"],
        ]);
        let oks: Vec<bool> = c.iter().map(|c| c.ok).collect();
        assert_eq!(oks, vec![true, true, false]);
        assert_eq!(c[2].sum.as_integer(), Some(390));

        let (_, _, c) = checks(&[
            &["TT", "Nội dung", "Số tiền"],
            &["1", "A", "10"],
            &["2", "B", "20"],
            &["", "Cộng", "30"],
            &["1", "C", "5"],
            &["", "Cộng", "5"],
            &["", "Tổng cộng", "35"],
        ]);
        assert_eq!(c.len(), 3);
        assert!(c.iter().all(|c| c.ok));
        assert_eq!(c[2].parts.len(), 2);
    }

    #[test]
    fn rounding_of_written_figures_is_allowed() {
        let (_, _, c) = checks(&[
            &["TT", "Nội dung", "Kinh phí (tỷ đồng)"],
            &["1", "A", "1,33"],
            &["2", "B", "1,33"],
            &["3", "C", "1,33"],
            &["", "Tổng cộng", "4,00"],
        ]);
        assert!(c[0].ok);
    }
}
