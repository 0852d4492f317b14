//! Section numbering: gaps and repeats among siblings of the same marker style
//! ("1., 2., 3., 5.").

use super::finding;
use crate::ground::Ground;
use crate::output::{Finding, Section, Severity, Span};
use crate::structure::numbering::{runs, IssueKind};

/// One finding per sibling sequence of two or more sections: `ok` when it
/// runs on, `mismatch` naming each gap, repeat or step back. The sequences
/// are read by [`crate::structure::numbering`]; a sequence that starts above
/// one is not reported here (a document may number a continued list).
pub fn check(g: &Ground, sections: &[Section]) -> Vec<Finding> {
    let span = |s: &Section| g.span(g.byte_offset(s.start), g.byte_offset(s.end));
    let mut out = Vec::new();
    for run in runs(sections).into_iter().filter(|r| r.members.len() >= 2) {
        let mut problems = Vec::new();
        let mut items: Vec<Span> = Vec::new();
        for step in &run.issues {
            let Some(pk) = step.prev else {
                continue;
            };
            let (sa, sb) = (&sections[pk], &sections[step.at]);
            let a = step.expected - 1;
            let what = match step.kind {
                IssueKind::Repeat => format!("\"{}\" is repeated", sb.marker.trim()),
                IssueKind::Gap => {
                    let missing: Vec<String> = (a + 1..step.found).map(|n| n.to_string()).collect();
                    format!(
                        "after \"{}\" comes \"{}\" (number {} missing)",
                        sa.marker.trim(),
                        sb.marker.trim(),
                        missing.join(", ")
                    )
                }
                IssueKind::OutOfOrder | IssueKind::BadStart => format!(
                    "\"{}\" follows \"{}\" (numbering goes back)",
                    sb.marker.trim(),
                    sa.marker.trim()
                ),
            };
            problems.push(what);
            items.push(span(sa));
            items.push(span(sb));
        }
        let markers: Vec<&str> = run
            .members
            .iter()
            .map(|&(_, i)| sections[i].marker.trim())
            .collect();
        if problems.is_empty() {
            let first = &sections[run.members[0].1];
            let last = &sections[run.members[run.members.len() - 1].1];
            out.push(finding(
                "numbering",
                true,
                Severity::High,
                format!("Section numbering {} is continuous.", markers.join(" ")),
                None,
                None,
                vec![span(first), span(last)],
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
