//! Section numbering: gaps and repeats among siblings of the same marker style
//! ("1., 2., 3., 5.").

use std::collections::BTreeMap;

use super::finding;
use crate::ground::Ground;
use crate::output::{Finding, Section, Severity, Span};

/// The style and value of a marker as the structure stage reads it:
/// `("decimal", 2)` for "2.", `("roman", 4)` for "IV.", `("lower_letter", 5)`
/// for "đ)" (Vietnamese letter order).
pub fn parse_marker(marker: &str) -> Option<(String, u32)> {
    let m = crate::structure::markers::parse(marker.trim())?;
    Some((m.style.name().to_string(), m.ordinal?))
}

/// Siblings are keyed by parent id and marker style.
type SiblingKey = (Option<String>, String);

pub fn check(g: &Ground, sections: &[Section]) -> Vec<Finding> {
    // Siblings: same parent and same style, in document order.
    let mut groups: BTreeMap<SiblingKey, Vec<(u32, &Section)>> = BTreeMap::new();
    for s in sections {
        if let Some((style, v)) = parse_marker(&s.marker) {
            groups
                .entry((s.parent.clone(), style))
                .or_default()
                .push((v, s));
        }
    }
    let mut out = Vec::new();
    let mut groups: Vec<_> = groups.into_values().filter(|v| v.len() >= 2).collect();
    groups.sort_by_key(|v| v[0].1.start);
    for group in groups {
        let mut problems = Vec::new();
        let mut items: Vec<Span> = Vec::new();
        for w in group.windows(2) {
            let ((a, sa), (b, sb)) = (w[0], w[1]);
            if b == a + 1 {
                continue;
            }
            let what = if b == a {
                format!("\"{}\" is repeated", sb.marker.trim())
            } else if b > a {
                let missing: Vec<String> = (a + 1..b).map(|n| n.to_string()).collect();
                format!(
                    "after \"{}\" comes \"{}\" (number {} missing)",
                    sa.marker.trim(),
                    sb.marker.trim(),
                    missing.join(", ")
                )
            } else {
                format!(
                    "\"{}\" follows \"{}\" (numbering goes back)",
                    sb.marker.trim(),
                    sa.marker.trim()
                )
            };
            problems.push(what);
            items.push(g.span(g.byte_offset(sa.start), g.byte_offset(sa.end)));
            items.push(g.span(g.byte_offset(sb.start), g.byte_offset(sb.end)));
        }
        let markers: Vec<&str> = group.iter().map(|(_, s)| s.marker.trim()).collect();
        if problems.is_empty() {
            let first = group[0].1;
            let last = group[group.len() - 1].1;
            out.push(finding(
                "numbering",
                true,
                Severity::High,
                format!("Section numbering {} is continuous.", markers.join(" ")),
                None,
                None,
                vec![
                    g.span(g.byte_offset(first.start), g.byte_offset(first.end)),
                    g.span(g.byte_offset(last.start), g.byte_offset(last.end)),
                ],
            ));
        } else {
            items.dedup();
            out.push(finding(
                "numbering",
                false,
                Severity::Medium,
                format!(
                    "Section numbering {}: {}; check for a missing or misnumbered section.",
                    markers.join(" "),
                    problems.join("; ")
                ),
                None,
                None,
                items,
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::FindingStatus;

    #[test]
    fn markers_parse_by_style() {
        assert_eq!(parse_marker("2."), Some(("decimal".into(), 2)));
        assert_eq!(parse_marker("2.1."), Some(("decimal_2".into(), 1)));
        assert_eq!(parse_marker("IV."), Some(("roman".into(), 4)));
        assert_eq!(parse_marker("I."), Some(("roman".into(), 1)));
        assert_eq!(parse_marker("b)"), Some(("lower_letter".into(), 2)));
        assert_eq!(parse_marker("đ)"), Some(("lower_letter".into(), 5)));
        assert_eq!(parse_marker("(3)"), Some(("paren_number".into(), 3)));
        assert_eq!(parse_marker("C."), Some(("upper_letter".into(), 3)));
        assert_eq!(parse_marker("Phần thứ hai"), Some(("part".into(), 2)));
        assert_eq!(parse_marker("Điều 12."), Some(("article".into(), 12)));
    }

    fn sec(id: &str, parent: Option<&str>, marker: &str, start: usize) -> Section {
        Section {
            id: id.into(),
            parent: parent.map(Into::into),
            level: 2,
            marker: marker.into(),
            start,
            end: start + 2,
            body_start: start + 2,
            body_end: start + 10,
            ..Default::default()
        }
    }

    #[test]
    fn a_gap_is_a_mismatch_and_continuity_is_ok() {
        let text = "x".repeat(100);
        let g = Ground::new(&text, false);
        let secs = vec![
            sec("s1", Some("s0"), "1.", 0),
            sec("s2", Some("s0"), "2.", 10),
            sec("s3", Some("s0"), "3.", 20),
            sec("s4", Some("s0"), "5.", 30),
            sec("s5", Some("s9"), "1.", 40),
            sec("s6", Some("s9"), "2.", 50),
        ];
        let f = check(&g, &secs);
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].status, FindingStatus::Mismatch);
        assert!(
            f[0].message.contains("number 4 missing"),
            "{}",
            f[0].message
        );
        assert_eq!(f[1].status, FindingStatus::Ok);
    }
}
