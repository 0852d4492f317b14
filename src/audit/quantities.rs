//! One view of counts and funds, in byte offsets, for the checks.

use crate::ground::Ground;
use crate::output::{Document, Span};

/// A counted or monetary quantity found by the extract stage.
#[derive(Debug, Clone)]
pub struct Quantity {
    /// The count, or the amount in VND.
    pub value: i64,
    /// Denominator of `11/15 xã`.
    pub total: Option<i64>,
    /// Upper bound of a range (`03 - 05 sản phẩm`): a target, not a fact.
    pub max: Option<i64>,
    /// Lowercased unit word (`sản phẩm`), or `"đồng"` for money.
    pub unit: String,
    pub money: bool,
    /// The fund's label, if any.
    pub label: Option<String>,
    /// Byte offsets into the text.
    pub start: usize,
    pub end: usize,
    pub span: Span,
}

/// Counts and funds of the document, in text order.
pub fn collect(g: &Ground, doc: &Document) -> Vec<Quantity> {
    let mut out: Vec<Quantity> = doc
        .counts
        .iter()
        .map(|c| Quantity {
            value: c.value,
            total: c.total,
            max: c.max,
            unit: c.unit.to_lowercase(),
            money: false,
            label: None,
            start: g.byte_offset(c.at.start),
            end: g.byte_offset(c.at.end),
            span: Span::from(&c.at),
        })
        // Table amounts are checked by row and column (`table_totals`), not
        // as quantities of running text.
        .chain(
            doc.funds
                .iter()
                .filter(|f| f.source.is_none())
                .map(|f| Quantity {
                    value: f.amount_vnd,
                    total: None,
                    max: None,
                    unit: "đồng".into(),
                    money: true,
                    label: f.label.clone(),
                    start: g.byte_offset(f.at.start),
                    end: g.byte_offset(f.at.end),
                    span: Span::from(&f.at),
                }),
        )
        .collect();
    out.sort_by_key(|q| (q.start, q.end));
    out
}

/// Human form of an amount: counts as is, money in the document's usual scale.
pub fn show(q: &Quantity, value: i64) -> String {
    if q.money {
        show_vnd(value)
    } else {
        value.to_string()
    }
}

/// `446000000` → `"446 triệu đồng"`, `324474000` → `"324,474 triệu đồng"`.
pub fn show_vnd(v: i64) -> String {
    let (scale, word) = if v.abs() >= 1_000_000_000 && v % 1_000_000 == 0 {
        (1_000_000_000, "tỷ")
    } else if v.abs() >= 1_000_000 {
        (1_000_000, "triệu")
    } else {
        return format!("{v} đồng");
    };
    let whole = v / scale;
    let frac = (v % scale).abs();
    if frac == 0 {
        format!("{whole} {word} đồng")
    } else {
        let digits = scale.to_string().len() - 1;
        // Keep thousands of đồng visible, as documents write "73,070 triệu".
        let f = format!("{frac:0digits$}");
        let keep = f.trim_end_matches('0').len().max(digits.min(3));
        format!("{whole},{} {word} đồng", &f[..keep])
    }
}

/// The quantities that lie wholly inside the byte range `start..end`
/// (`qs` is sorted by start), found by binary search.
pub fn within(qs: &[Quantity], start: usize, end: usize) -> &[Quantity] {
    let lo = qs.partition_point(|q| q.start < start);
    let hi = qs.partition_point(|q| q.start < end);
    let slice = &qs[lo..hi.max(lo)];
    let keep = slice
        .iter()
        .rposition(|q| q.end <= end)
        .map_or(0, |i| i + 1);
    &slice[..keep]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vnd_is_shown_in_the_document_style() {
        assert_eq!(show_vnd(446_000_000), "446 triệu đồng");
        assert_eq!(show_vnd(324_474_000), "324,474 triệu đồng");
        assert_eq!(show_vnd(1_500_000_000), "1,500 tỷ đồng");
        assert_eq!(show_vnd(2_000_000_000), "2 tỷ đồng");
        assert_eq!(show_vnd(73_070_000), "73,070 triệu đồng");
        assert_eq!(show_vnd(500), "500 đồng");
    }
}
