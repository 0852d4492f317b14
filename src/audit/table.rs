//! A statement against the document's own table: "25 sản phẩm ... đạt OCOP 3
//! sao trở lên. Trong đó có 01 sp đạt 4 sao" against the star column of the
//! product table that follows it in the same section.

use std::sync::LazyLock;

use regex::Regex;

use super::finding;
use crate::ground::Ground;
use crate::output::{Document, Finding, ProductSource, Severity};

/// "25 sản phẩm ... đạt OCOP 3 sao trở lên". The words between (group 2)
/// may be at most [`MAX_BETWEEN`] characters: the bound is checked after the
/// match, as written `{0,50}?` it made the pattern cost some 30M
/// instructions to compile. The lazy repeat takes the fewest characters
/// that let the rest match, so a longer group 2 means the bounded pattern
/// has no match at that start.
static CLAIM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(\d{1,3})\s+(?:sp|sản phẩm)(?-u:\b)([^.\d;\n]*?)(?:^|\s)đạt\s+(?:OCOP\s+)?([345])\s*sao(\s+trở\s+lên)?")
        .expect("static regex")
});

/// Most characters between the count and "đạt" in [`CLAIM`].
const MAX_BETWEEN: usize = 50;

pub fn check(g: &Ground, doc: &Document) -> Vec<Finding> {
    let text = g.text();
    let table: Vec<_> = doc
        .products
        .iter()
        .filter(|p| p.source == ProductSource::Table)
        .collect();
    if table.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(c) = CLAIM.captures_at(text, pos) {
        let (Some(whole), Some(n), Some(k)) = (c.get(0), c.get(1), c.get(3)) else {
            break;
        };
        if c.get(2)
            .is_some_and(|b| b.as_str().chars().count() > MAX_BETWEEN)
        {
            // No match of the bounded pattern starts here: look again from
            // the next character, as a search over it would have.
            pos = crate::ground::next_char(text, whole.start());
            continue;
        }
        pos = whole.end();
        let (Ok(stated), Ok(stars)) = (n.as_str().parse::<usize>(), k.as_str().parse::<u8>())
        else {
            continue;
        };
        let or_more = c.get(4).is_some();
        let claim = g.at(whole.start(), whole.end());
        // The table: product rows after the claim, in the same section.
        let rows: Vec<_> = table
            .iter()
            .filter(|p| {
                p.at.start > claim.end && p.at.section == claim.section && claim.section.is_some()
            })
            .collect();
        if rows.len() < 2 || rows.iter().any(|p| p.stars.is_none()) {
            continue;
        }
        let found = rows
            .iter()
            .filter(|p| {
                p.stars
                    .is_some_and(|s| if or_more { s >= stars } else { s == stars })
            })
            .count();
        let ok = found == stated;
        let level = if or_more {
            format!("{stars} stars or more")
        } else {
            format!("{stars} stars")
        };
        let message = if ok {
            format!("The text states {stated} product(s) at {level}; the table lists {found}.")
        } else {
            let mut by_star: Vec<String> = Vec::new();
            for s in 3..=5u8 {
                let n = rows.iter().filter(|p| p.stars == Some(s)).count();
                if n > 0 {
                    by_star.push(format!("{n} at {s} stars"));
                }
            }
            format!(
                "The text states {stated} product(s) at {level}, but the table that follows lists {found} ({}); correct the text or the table.",
                by_star.join(", ")
            )
        };
        // The rows behind the figure: those that match, or, when none do, the
        // rows whose star level is the rarest (the 5-star row in a 3-star table).
        let matching: Vec<_> = rows
            .iter()
            .filter(|p| {
                p.stars
                    .is_some_and(|s| if or_more { s >= stars } else { s == stars })
            })
            .collect();
        let shown: Vec<_> = if matching.is_empty() {
            let rarest = (3..=5u8)
                .filter(|s| rows.iter().any(|p| p.stars == Some(*s)))
                .min_by_key(|s| rows.iter().filter(|p| p.stars == Some(*s)).count());
            rows.iter().filter(|p| p.stars == rarest).collect()
        } else {
            matching
        };
        let mut items = vec![(&claim).into()];
        items.extend(shown.iter().take(5).map(|p| (&p.at).into()));
        out.push(finding(
            "table_vs_text",
            ok,
            Severity::High,
            message,
            Some(stated as f64),
            Some(found as f64),
            items,
        ));
    }
    out
}
