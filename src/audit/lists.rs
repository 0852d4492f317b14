//! A stated count against the items actually listed: "(04 sản phẩm):"
//! followed by the products named, "có 25 sản phẩm ... cụ thể như sau"
//! followed by the table rows.

use super::finding;
use crate::extract::products::StatedList;
use crate::output::{Finding, Severity};

/// Lists with a heading (`Xã Phước Thuận (04 sản phẩm):`) and tables are
/// counted reliably; items of a run-on sentence ("cụ thể: A, B - HTX C, D và
/// E ...") are not, so such a list only ever confirms its count: a difference
/// there is more likely our miscount than the document's, and a false alarm
/// costs more than a miss.
pub fn check(lists: &[StatedList]) -> Vec<Finding> {
    lists
        .iter()
        .filter(|l| l.stated == l.listed || l.label.is_some())
        .cloned()
        .map(|l| {
            let ok = l.stated == l.listed;
            let what = l.label.as_deref().map(|s| format!(" for {s}")).unwrap_or_default();
            let message = if ok {
                format!("The text states {}{what} and lists {} items.", l.count.text, l.listed)
            } else {
                format!(
                    "The text states {}{what} but lists {} items; add the missing items or correct the count.",
                    l.count.text, l.listed
                )
            };
            // Lists are parsed from prose, so a miscount may be ours: medium.
            let severity = if ok { Severity::High } else { Severity::Medium };
            finding(
                "list_length",
                ok,
                severity,
                message,
                Some(f64::from(l.stated)),
                Some(f64::from(l.listed)),
                vec![l.count, l.list],
            )
        })
        .collect()
}
