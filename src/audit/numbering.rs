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
            if step.found == 1 && restarts_under_heading(g, sa, sb) {
                continue;
            }
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

/// Whether a list that goes back to its first number is a new list under a
/// heading the document did not number: a line of capitals alone between
/// the two siblings (`2. Tồn tại, hạn chế` … `KẾ HOẠCH NĂM 2026` ⏎ `1. CHỦ
/// ĐỀ`). Such a line is not a section, so both lists hang from one parent.
fn restarts_under_heading(g: &Ground, sa: &Section, sb: &Section) -> bool {
    let text = g.text();
    let (from, to) = (g.byte_offset(sa.end), g.byte_offset(sb.start));
    let Some(between) = text.get(from..to) else {
        return false;
    };
    // The tests that reject a line soonest come first: a line of running
    // text fails on its first lowercase letter, and the range between two
    // sections can be long.
    between.lines().any(|l| {
        let t = l.trim();
        !t.ends_with([',', ';', ':', '.'])
            && t.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
            && t.chars().count() <= 120
            && t.chars().filter(|c| c.is_alphabetic()).count() >= 4
            && crate::structure::markers::parse(t).is_none()
    })
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

    /// The findings on the three sections `1.`, `2.`, `1.` of `text`.
    fn restarted(text: &str) -> Vec<Finding> {
        let g = Ground::new(text, false);
        let at = |s: &str| text[..text.find(s).unwrap_or(0)].chars().count();
        let mut secs = vec![
            sec("s1", None, "1.", at("1. Kết")),
            sec("s2", None, "2.", at("2. Hạn")),
            sec("s3", None, "1.", at("1. Chủ")),
        ];
        for s in &mut secs {
            s.end = s.start + 3;
        }
        check(&g, &secs)
    }

    #[test]
    fn a_list_restarted_under_an_unnumbered_heading_is_no_step_back() {
        let f = restarted("1. Kết quả\nx\n2. Hạn chế\ny\n\nKẾ HOẠCH NĂM 2026\n\n1. Chủ đề\nz\n");
        assert!(f.iter().all(|x| x.status == FindingStatus::Ok), "{f:?}");
        // Without the heading the step back is reported.
        let f = restarted("1. Kết quả\nx\n2. Hạn chế\ny\n1. Chủ đề\nz\n");
        assert!(
            f.iter().any(|x| x.status == FindingStatus::Mismatch),
            "{f:?}"
        );
    }
}
