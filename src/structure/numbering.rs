//! Section numbering: the one reading of how sibling sections are numbered
//! (`1., 2., 3., 5.`), used by the audit's `numbering` check and by tests.
//!
//! Siblings are the sections with the same parent and the same marker
//! style, in document order. Two readings make a sequence continue where
//! the ordinals alone would not: an `I.` right after `H.` among letters is
//! the letter I, not Roman one; and `d` → `e` is no gap, since most
//! documents skip the Vietnamese letter `đ`.

use std::collections::HashMap;

use super::markers::{self, Style};
use crate::output::Section;

/// What is wrong at one step of a sibling sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssueKind {
    /// `1., 2., 3., 5.`
    Gap,
    /// `2., 2.`
    Repeat,
    /// `3., 2.`
    OutOfOrder,
    /// The first sibling is not number one.
    BadStart,
}

impl IssueKind {
    pub fn as_str(self) -> &'static str {
        match self {
            IssueKind::Gap => "gap",
            IssueKind::Repeat => "repeat",
            IssueKind::OutOfOrder => "out_of_order",
            IssueKind::BadStart => "bad_start",
        }
    }
}

/// One step of a sequence that does not continue it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub kind: IssueKind,
    /// Index (in the sections given) of the previous sibling, if any.
    pub prev: Option<usize>,
    /// Index of the section where the sequence breaks.
    pub at: usize,
    /// The number the sequence should have had, and the number found.
    pub expected: u32,
    pub found: u32,
}

/// The siblings of one parent with one marker style, in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub parent: Option<String>,
    /// Marker style (`decimal`, `roman`, `upper_letter`, ...).
    pub style: &'static str,
    /// Each sibling's ordinal and index in the sections given.
    pub members: Vec<(u32, usize)>,
    /// The steps that break the sequence, in document order.
    pub issues: Vec<Step>,
}

/// Every sibling sequence of `sections`, ordered by its first member.
pub fn runs(sections: &[Section]) -> Vec<Run> {
    // (parent, style) → index of its run in `out`.
    let mut index: HashMap<(Option<String>, Style), usize> = HashMap::new();
    let mut out: Vec<Run> = Vec::new();
    for (k, s) in sections.iter().enumerate() {
        let marker = s.marker.trim();
        let Some(m) = markers::parse(marker) else {
            continue;
        };
        let style = if m.style == Style::Roman && is_upper_letter_sibling(s, marker, &index, &out) {
            Style::Upper
        } else {
            m.style
        };
        let ordinal = if style == Style::Upper && m.style == Style::Roman {
            marker.chars().next().and_then(markers::letter_ordinal)
        } else {
            m.ordinal
        };
        let Some(found) = ordinal else {
            continue;
        };
        let key = (s.parent.clone(), style);
        let Some(&r) = index.get(&key) else {
            let issues = if found == 1 {
                Vec::new()
            } else {
                vec![Step {
                    kind: IssueKind::BadStart,
                    prev: None,
                    at: k,
                    expected: 1,
                    found,
                }]
            };
            index.insert(key, out.len());
            out.push(Run {
                parent: s.parent.clone(),
                style: style.name(),
                members: vec![(found, k)],
                issues,
            });
            continue;
        };
        let run = &mut out[r];
        let &(prev, pk) = run.members.last().expect("a run has a first member");
        let expected = prev + 1;
        // d → e without đ.
        let letter_skip = matches!(style, Style::Upper | Style::Lower) && prev == 4 && found == 6;
        let kind = if found == expected || letter_skip {
            None
        } else if found == prev {
            Some(IssueKind::Repeat)
        } else if found < prev {
            Some(IssueKind::OutOfOrder)
        } else {
            Some(IssueKind::Gap)
        };
        if let Some(kind) = kind {
            run.issues.push(Step {
                kind,
                prev: Some(pk),
                at: k,
                expected,
                found,
            });
        }
        run.members.push((found, k));
    }
    out
}

/// An `I.` that follows `H.` among the same parent's children is a letter.
fn is_upper_letter_sibling(
    s: &Section,
    marker: &str,
    index: &HashMap<(Option<String>, Style), usize>,
    runs: &[Run],
) -> bool {
    let letter = marker.chars().next().and_then(markers::letter_ordinal);
    let roman_seen = index.contains_key(&(s.parent.clone(), Style::Roman));
    let last_upper = index
        .get(&(s.parent.clone(), Style::Upper))
        .and_then(|&r| runs[r].members.last())
        .map(|&(n, _)| n);
    !roman_seen && matches!((last_upper, letter), (Some(prev), Some(l)) if l == prev + 1)
}

/// A numbering gap or repeat among sibling sections of the same marker style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberingIssue {
    /// `gap` (`1., 2., 3., 5.`), `repeat` (`2., 2.`), `out_of_order` (`3., 2.`),
    /// `bad_start` (first sibling is not number one).
    pub kind: &'static str,
    /// Marker style (`decimal`, `roman`, `upper_letter`, ...).
    pub style: &'static str,
    /// Parent section id, or None for top-level siblings.
    pub parent: Option<String>,
    /// The number the sequence should have had, and the number found.
    pub expected: u32,
    pub found: u32,
    /// Ids of the sections involved: the previous sibling (if any) and the offending one.
    pub sections: Vec<String>,
    /// Their markers as written.
    pub markers: Vec<String>,
}

/// Every step that breaks a sibling sequence, in document order.
pub fn numbering_issues(sections: &[Section]) -> Vec<NumberingIssue> {
    let mut out: Vec<(usize, NumberingIssue)> = Vec::new();
    for run in runs(sections) {
        for step in &run.issues {
            let involved: Vec<&Section> = step
                .prev
                .into_iter()
                .chain([step.at])
                .map(|i| &sections[i])
                .collect();
            out.push((
                step.at,
                NumberingIssue {
                    kind: step.kind.as_str(),
                    style: run.style,
                    parent: run.parent.clone(),
                    expected: step.expected,
                    found: step.found,
                    sections: involved.iter().map(|s| s.id.clone()).collect(),
                    markers: involved.iter().map(|s| s.marker.clone()).collect(),
                },
            ));
        }
    }
    out.sort_by_key(|(at, _)| *at);
    out.into_iter().map(|(_, i)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ground::Ground;

    #[test]
    fn numbering_gaps_are_reported() {
        let text = "I. A\n1. Một\n2. Hai\n3. Ba\n5. Năm\nII. B\nIV. D\n";
        let g = Ground::new(text, false);
        let secs = super::super::sections::extract(&g);
        let issues = numbering_issues(&secs);
        assert_eq!(issues.len(), 2, "{issues:?}");
        assert_eq!(issues[0].kind, "gap");
        assert_eq!((issues[0].expected, issues[0].found), (4, 5));
        assert_eq!(issues[0].markers, vec!["3.", "5."]);
        assert_eq!(issues[1].markers, vec!["II.", "IV."]);
    }

    fn sec(id: &str, marker: &str) -> Section {
        Section {
            id: id.into(),
            parent: Some("s0".into()),
            marker: marker.into(),
            ..Default::default()
        }
    }

    #[test]
    fn letters_skip_d_stroke_and_read_i_after_h() {
        let secs: Vec<Section> = ["a)", "b)", "c)", "d)", "e)"]
            .iter()
            .enumerate()
            .map(|(i, m)| sec(&format!("s{i}"), m))
            .collect();
        assert!(numbering_issues(&secs).is_empty());
        let secs: Vec<Section> = ["G.", "H.", "I.", "K."]
            .iter()
            .enumerate()
            .map(|(i, m)| sec(&format!("s{i}"), m))
            .collect();
        let r = runs(&secs);
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(r[0].style, "upper_letter");
        // K follows I directly in the Latin alphabet Vietnamese uses (no J).
        assert!(r[0].issues.iter().all(|s| s.kind == IssueKind::BadStart));
    }
}
