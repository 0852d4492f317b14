//! Internal identity: a report about one locality whose closing sentence names
//! another ("Trên đây là ... trên địa bàn phường Bắc Hồng Lĩnh" in a report of
//! phường Trần Phú), and dates that cannot be right (a document citing one
//! issued after its own date).

use std::sync::LazyLock;

use regex::Regex;

use super::finding;
use crate::ground::Ground;
use crate::lexicon::LOCALITY_LEVELS;
use crate::normalize::fold_key as fold;
use crate::output::{Document, Finding, Severity};

/// The closing paragraph of a report starts with one of these (all with `T`).
const CLOSINGS: &[&str] = &["Trên đây là", "Trên đây", "Trên đấy là"];

pub(super) static PLACE: LazyLock<Regex> = LazyLock::new(|| {
    let levels: Vec<String> = LOCALITY_LEVELS
        .iter()
        .map(|(w, _)| regex::escape(w))
        .collect();
    Regex::new(&format!(
        r"(?i:\b({}))\s+(\p{{Lu}}[\p{{L}}\p{{M}}]*(?:[ \t]+\p{{Lu}}[\p{{L}}\p{{M}}]*){{0,3}})",
        levels.join("|")
    ))
    .expect("static regex")
});

pub fn check(g: &Ground, doc: &Document) -> Vec<Finding> {
    let mut out = Vec::new();
    out.extend(closing_locality(g, doc));
    out.extend(date_order(g, doc));
    out
}

pub(super) fn level_slug(word: &str) -> Option<&'static str> {
    let w = word.to_lowercase();
    LOCALITY_LEVELS
        .iter()
        .find(|(l, _)| *l == w)
        .map(|(_, s)| *s)
}

/// The locality's bare name: "phường Trần Phú" → "tran phu".
pub(super) fn bare(name: &str) -> String {
    let f = fold(name);
    for (w, _) in LOCALITY_LEVELS {
        let fw = fold(w);
        if let Some(rest) = f.strip_prefix(&format!("{fw} ")) {
            return rest.to_string();
        }
    }
    f
}

fn closing_locality(g: &Ground, doc: &Document) -> Option<Finding> {
    let loc = doc.metadata.locality.as_ref()?;
    let text = g.text();
    // The last opener: every one starts with `T`, so one backward scan over
    // the `T`s finds it (a reverse search per opener scanned the whole text
    // for each one that is missing).
    let bytes = text.as_bytes();
    let start = memchr::memrchr_iter(b'T', bytes).find(|&i| {
        CLOSINGS
            .iter()
            .any(|c| bytes[i..].starts_with(c.as_bytes()))
    })?;
    // The closing paragraph ends at "./.", a blank line, or "Nơi nhận".
    let rest = &text[start..];
    let end = ["./.", "\n\n", "Nơi nhận"]
        .iter()
        .filter_map(|e| memchr::memmem::find(rest.as_bytes(), e.as_bytes()))
        .min()
        .unwrap_or(rest.floor_char_boundary(1500));
    let para = &rest[..end];
    let want = bare(&loc.name);
    let mut named = Vec::new();
    for c in PLACE.captures_iter(para) {
        let (Some(level), Some(name)) = (c.get(1), c.get(2)) else {
            continue;
        };
        if level_slug(level.as_str()) != Some(loc.level.as_str()) {
            continue;
        }
        let name_text = name.as_str().trim_end();
        let s = start + level.start();
        let e = start + name.start() + name_text.len();
        named.push((fold(name_text), g.span(s, e)));
    }
    if named.is_empty() {
        return None;
    }
    // Compare word prefixes: "Sa Đéc./." and "Sa Đéc" are the same place.
    let same = |n: &str| {
        n == want || n.starts_with(&format!("{want} ")) || want.starts_with(&format!("{n} "))
    };
    if let Some((_, span)) = named.iter().find(|(n, _)| same(n)) {
        return Some(finding(
            "identity",
            true,
            Severity::High,
            format!(
                "The closing paragraph names the document's own locality ({}).",
                loc.name
            ),
            None,
            None,
            vec![span.clone()],
        ));
    }
    let (_, span) = &named[0];
    Some(finding(
        "identity",
        false,
        Severity::High,
        format!(
            "The report is about {} but its closing paragraph names \"{}\"; likely copied from another report, correct the name.",
            loc.name, span.text
        ),
        None,
        None,
        vec![span.clone()],
    ))
}

/// A document cannot cite a document issued after its own date.
fn date_order(_g: &Ground, doc: &Document) -> Vec<Finding> {
    let Some(own) = doc.metadata.date.as_deref() else {
        return Vec::new();
    };
    doc.references
        .iter()
        .filter(|r| r.date.as_deref().is_some_and(|d| d > own))
        .map(|r| {
            finding(
                "date_order",
                false,
                Severity::High,
                format!(
                    "The document is dated {own} but cites {} dated {}, which is later; one of the dates is wrong.",
                    r.number.as_deref().unwrap_or(&r.kind_label),
                    r.date.as_deref().unwrap_or("")
                ),
                None,
                None,
                vec![(&r.at).into()],
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closings_start_with_t() {
        assert!(CLOSINGS.iter().all(|c| c.starts_with('T')));
    }

    #[test]
    fn bare_names_drop_the_level() {
        assert_eq!(bare("phường Trần Phú"), "tran phu");
        assert_eq!(bare("Trần Phú"), "tran phu");
        assert_eq!(bare("thị xã Đức Phổ"), "duc pho");
    }

    #[test]
    fn place_regex_reads_title_case_names() {
        let t = "trên địa bàn phường Bắc Hồng Lĩnh./.";
        let c = PLACE.captures(t).unwrap();
        assert_eq!(&c[1], "phường");
        assert_eq!(c[2].trim(), "Bắc Hồng Lĩnh");
    }
}
