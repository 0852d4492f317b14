//! Decoding by font: runs whose font declares a legacy code page are decoded
//! in that code, before any text-level guessing.
//!
//! A `.VnTime` run holds TCVN3 bytes read as Windows-1252 (`QuyÕt ®Þnh`), a
//! `.VnTimeH` run the same codes drawn as capitals, a `VNI-Times` run VNI
//! bytes. The font name is certain where the text-level detection of
//! [`super::normalize`] can only weigh syllables, so these runs are decoded
//! first, with the decoders of [`super::legacy`], and logged per kind
//! (`font_tcvn3`, `font_tcvn3_upper`, `font_vni`). Text in other fonts is left
//! to the text-level stage, which runs afterwards.

use std::borrow::Cow;
use std::ops::Range;

use super::legacy::{self, Legacy};
use super::{syllable, RepairLog};
use crate::model::{Doc, FontEncoding, OffsetMap};
use crate::output::Repair;

/// The repair kind logged for runs decoded by their font.
fn kind(enc: FontEncoding) -> &'static str {
    match enc {
        FontEncoding::Tcvn3 => "font_tcvn3",
        FontEncoding::Tcvn3Upper => "font_tcvn3_upper",
        FontEncoding::Vni => "font_vni",
        FontEncoding::Symbol => "font_symbol",
    }
}

/// Decode one run's text in the code its font declares.
fn decode_as(s: &str, enc: FontEncoding) -> Option<String> {
    match enc {
        // The upper-case faces draw every code as a capital: decoding the
        // lower-case codes keeps the decoder's capital heuristics out.
        FontEncoding::Tcvn3Upper => {
            Some(legacy::decode(&s.to_ascii_lowercase(), Legacy::Tcvn3).to_uppercase())
        }
        FontEncoding::Tcvn3 => Some(legacy::decode(s, Legacy::Tcvn3)),
        FontEncoding::Vni => Some(legacy::decode(s, Legacy::Vni)),
        FontEncoding::Symbol => None,
    }
}

/// The other legacy code a run may really be in when its font is wrong
/// (text typed in TCVN3 and then set in a VNI font, or the reverse).
fn other_code(enc: FontEncoding) -> Option<FontEncoding> {
    match enc {
        FontEncoding::Tcvn3 => Some(FontEncoding::Vni),
        FontEncoding::Vni => Some(FontEncoding::Tcvn3),
        _ => None,
    }
}

/// Decode a run by its font; when the font's code leaves ill-formed
/// syllables and the other legacy code reads the run with more well-formed
/// and fewer ill-formed ones, the bytes were typed in that code (a font
/// changed after typing), and that reading is taken and logged apart.
fn decode_run(s: &str, enc: FontEncoding) -> Option<(String, &'static str)> {
    let declared = decode_as(s, enc)?;
    let (good, bad) = syllable::counts(&declared);
    if bad > 0 {
        if let Some(other) = other_code(enc) {
            if let Some(alt) = decode_as(s, other) {
                let (g2, b2) = syllable::counts(&alt);
                if g2 > good && b2 < bad {
                    let kind = match other {
                        FontEncoding::Tcvn3 => "font_mismatch_tcvn3",
                        _ => "font_mismatch_vni",
                    };
                    return Some((alt, kind));
                }
            }
        }
    }
    Some((declared, kind(enc)))
}

/// Runs of one legacy encoding, adjacent runs merged (a word split over
/// two runs of `.VnTime` and `.VnTime` bold decodes as one).
fn legacy_spans(doc: &Doc) -> Vec<(Range<usize>, FontEncoding)> {
    let mut out: Vec<(Range<usize>, FontEncoding)> = Vec::new();
    for f in &doc.fonts {
        let Some(enc) = FontEncoding::of(&f.font) else {
            continue;
        };
        if enc == FontEncoding::Symbol {
            continue;
        }
        match out.last_mut() {
            Some((r, e)) if *e == enc && r.end == f.range.start => r.end = f.range.end,
            _ => out.push((f.range.clone(), enc)),
        }
    }
    out
}

/// Decode every run of `doc` whose font declares TCVN3, TCVN3 capitals or
/// VNI. Returns the new text and the map of the edits, or `None` when no run
/// changed. Repairs go to `log`, one per run, with the first word changed as
/// the example.
pub fn decode_runs(doc: &Doc, log: &mut RepairLog) -> Option<(String, OffsetMap)> {
    let text = &doc.text;
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut map = OffsetMap::identity();
    let mut copied = 0;
    for (r, enc) in legacy_spans(doc) {
        let Some(old) = text.get(r.clone()) else {
            continue;
        };
        if old.is_ascii() && enc != FontEncoding::Tcvn3Upper {
            continue;
        }
        let Some((new, kind)) = decode_run(old, enc) else {
            continue;
        };
        if new == old {
            continue;
        }
        let (before, after) = first_changed_word(old, &new);
        log.add(kind, before, after);
        out.push_str(&text[copied..r.start]);
        let start = out.len();
        out.push_str(&new);
        map.push(r.clone(), start..out.len(), old, &new);
        copied = r.end;
    }
    if map.is_identity() {
        return None;
    }
    out.push_str(&text[copied..]);
    Some((out, map))
}

/// The document with its legacy runs decoded (blocks and font runs moved),
/// the repairs made, and the map from the old text's offsets to the new
/// one's (for spans a reader gave outside the blocks, such as warnings).
/// Borrowed unchanged, with no map, when no run needed decoding.
pub fn decode_doc(doc: &Doc) -> (Cow<'_, Doc>, Vec<Repair>, Option<OffsetMap>) {
    let mut log = RepairLog::default();
    match decode_runs(doc, &mut log) {
        Some((text, map)) => {
            let mut d = doc.clone();
            d.remap(text, |b| map.map(b));
            (Cow::Owned(d), log.into_repairs(), Some(map))
        }
        None => (Cow::Borrowed(doc), Vec::new(), None),
    }
}

/// Add the font repairs to the text-level ones, keeping them sorted by kind.
pub fn merge_repairs(repairs: &mut Vec<Repair>, more: Vec<Repair>) {
    if more.is_empty() {
        return;
    }
    repairs.extend(more);
    repairs.sort_by(|a, b| a.kind.cmp(&b.kind));
}

/// The first pair of words that differ (the whole strings when the word
/// counts differ).
fn first_changed_word<'a>(old: &'a str, new: &'a str) -> (&'a str, &'a str) {
    let (a, b): (Vec<&str>, Vec<&str>) = (
        old.split_whitespace().collect(),
        new.split_whitespace().collect(),
    );
    if a.len() == b.len() {
        if let Some((x, y)) = a.iter().zip(&b).find(|(x, y)| x != y) {
            return (x, y);
        }
    }
    (old, new)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BlockKind, DocBuilder};

    #[test]
    fn runs_decode_by_their_font_and_blocks_follow() {
        let mut b = DocBuilder::new();
        let p1 = b.push_font("QuyÕt ®Þnh", ".VnTime");
        let _ = b.push(" – ");
        let _ = b.push_font("Vieät Nam", "VNI-Times");
        let p1 = p1.start..b.len();
        b.block(p1, None, BlockKind::Paragraph);
        let _ = b.push("\n");
        let s = b.push_font("uû ban", ".VnTimeH");
        let _ = b.push(" ");
        let u = b.push("Hà Nội");
        b.block(s.start..u.end, None, BlockKind::Paragraph);
        let _ = b.push("\n");
        let _ = b.push_font("n\u{ad}íc", ".VnArial");
        let _ = b.push("\n");
        // TCVN3 bytes set in a VNI font.
        let _ = b.push_font("cña ViÖt Nam", "VNI-Times");
        let doc = b.finish();
        let (d, repairs, _) = decode_doc(&doc);
        assert_eq!(
            d.text,
            "Quyết định – Việt Nam\nUỶ BAN Hà Nội\nnước\ncủa Việt Nam"
        );
        assert_eq!(d.check(), Ok(()));
        assert_eq!(d.slice(&d.blocks[1].range), "UỶ BAN Hà Nội");
        assert_eq!(d.slice(&d.fonts[1].range), "Việt Nam");
        let kinds: Vec<(&str, u64)> = repairs.iter().map(|r| (r.kind.as_str(), r.count)).collect();
        assert_eq!(
            kinds,
            [
                ("font_mismatch_tcvn3", 1),
                ("font_tcvn3", 2),
                ("font_tcvn3_upper", 1),
                ("font_vni", 1)
            ]
        );
        assert_eq!(repairs[1].examples[0], "QuyÕt→Quyết");
        assert_eq!(repairs[0].examples[0], "cña→của");
    }

    #[test]
    fn unicode_and_unknown_fonts_are_left() {
        let mut b = DocBuilder::new();
        let _ = b.push_font("Quyết định", "Times New Roman");
        let _ = b.push_font("ASCII only", ".VnTime");
        let doc = b.finish();
        let (d, repairs, _) = decode_doc(&doc);
        assert!(matches!(d, Cow::Borrowed(_)));
        assert!(repairs.is_empty());
    }
}
