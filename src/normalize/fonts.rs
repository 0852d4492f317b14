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
use crate::vi::chars;
use crate::vi::tables::RARE_SPELLINGS;

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

/// The repair kind of bytes read in `other`, the code their font does not name.
fn mismatch_kind(other: FontEncoding) -> &'static str {
    match other {
        FontEncoding::Tcvn3 => "font_mismatch_tcvn3",
        _ => "font_mismatch_vni",
    }
}

/// One run decoded: the text, the kind of the run's reading, and the words
/// read in the other code ([`rescue_words`]), as (before, after).
struct RunDecoded<'a> {
    text: String,
    kind: &'static str,
    rescued: Vec<(&'a str, String)>,
}

/// Decode a run by its font; when the font's code leaves ill-formed
/// syllables and the other legacy code reads the run with more well-formed
/// and fewer ill-formed ones, the bytes were typed in that code (a font
/// changed after typing), and that reading is taken and logged apart. When
/// the run as a whole stays in its font's code, single words of it may
/// still have been typed in the other ([`rescue_words`]).
fn decode_run(s: &str, enc: FontEncoding) -> Option<RunDecoded<'_>> {
    let declared = decode_as(s, enc)?;
    let (good, bad) = syllable::counts(&declared);
    if bad > 0 || rare_spelling(&declared) {
        if let Some(other) = other_code(enc) {
            if let Some(alt) = decode_as(s, other) {
                let (g2, b2) = syllable::counts(&alt);
                if g2 > good && b2 < bad {
                    return Some(RunDecoded {
                        text: alt,
                        kind: mismatch_kind(other),
                        rescued: Vec::new(),
                    });
                }
            }
            if let Some(words) = rescue_words(s, enc, other) {
                return Some(words);
            }
        }
    }
    Some(RunDecoded {
        text: declared,
        kind: kind(enc),
        rescued: Vec::new(),
    })
}

/// A run in a TCVN3 font that holds a few words typed in VNI (or the
/// reverse): pasted text keeps its bytes but takes the font around it, and
/// runs of one font are merged, so the run as a whole reads best in its
/// font's code. A word is read in the other code only when its font's code
/// leaves it ill-formed, or spelt as native words hardly ever are
/// ([`RARE_SPELLINGS`]: `Coäng`, TCVN3 `Coọng` like `xoong`), and the other
/// reads it wholly well-formed without such a spelling (`Vieät`: TCVN3
/// `Vieọt`, VNI `Việt`; `Coäng`: VNI `Cộng`). `None` when no word is
/// rescued, so the run is decoded whole as before.
fn rescue_words(s: &str, enc: FontEncoding, other: FontEncoding) -> Option<RunDecoded<'_>> {
    let mut text = String::with_capacity(s.len() + s.len() / 4);
    let mut rescued = Vec::new();
    // Whether a rescued word was spelt rarely (not merely ill-formed).
    let mut rare = false;
    let mut from = 0;
    for (start, word) in words_of(s) {
        text.push_str(&s[from..start]);
        from = start + word.len();
        let declared = decode_as(word, enc)?;
        let (_, bad) = syllable::counts(&declared);
        let rarely = bad == 0 && rare_spelling(&declared);
        if bad > 0 || rarely {
            if let Some(alt) = decode_as(word, other) {
                let (g2, b2) = syllable::counts(&alt);
                // A capital after a small letter (`ngƯ` for the misspelt
                // TCVN3 `ngÖ`, `ngệ`) is a misreading, not a rescue.
                if b2 == 0 && g2 > 0 && !capital_inside(&alt) && !rare_spelling(&alt) {
                    text.push_str(&alt);
                    rescued.push((word, alt));
                    rare |= rarely;
                    continue;
                }
            }
        }
        text.push_str(&declared);
    }
    // One ill-formed word alone is as likely a typo that the other code
    // happens to read well (`luîng`?): two or more words are the sign of
    // pasted text. A well-formed but rare spelling (`Coọng`) is no typo.
    if rescued.len() < MIN_RESCUED && !rare {
        return None;
    }
    text.push_str(&s[from..]);
    Some(RunDecoded {
        text,
        kind: kind(enc),
        rescued,
    })
}

/// Fewest words of a run read in the other code for any to be (see
/// [`rescue_words`]).
const MIN_RESCUED: usize = 2;

/// Whether `word`, its marks removed, holds a spelling native words hardly
/// ever have ([`RARE_SPELLINGS`]).
fn rare_spelling(word: &str) -> bool {
    let folded: String = word.chars().map(chars::fold_char).collect();
    RARE_SPELLINGS.iter().any(|r| folded.contains(r))
}

/// Whether a capital letter follows a small one in `word`.
fn capital_inside(word: &str) -> bool {
    let mut small = false;
    for c in word.chars() {
        if c.is_lowercase() {
            small = true;
        } else if c.is_uppercase() && small {
            return true;
        }
    }
    false
}

/// The whitespace-separated words of `s`, with their byte offsets.
fn words_of(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split_whitespace()
        .map(move |w| (w.as_ptr() as usize - s.as_ptr() as usize, w))
}

/// Runs of one legacy encoding, adjacent runs merged (a word split over
/// two runs of `.VnTime` and `.VnTime` bold decodes as one).
fn legacy_spans(doc: &Doc) -> Vec<(Range<usize>, FontEncoding)> {
    let mut out: Vec<(Range<usize>, FontEncoding)> = Vec::new();
    for f in &doc.fonts {
        let Some(enc) = FontEncoding::code_page_of(&f.font) else {
            continue;
        };
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
        let Some(RunDecoded {
            text: new,
            kind,
            rescued,
        }) = decode_run(old, enc)
        else {
            continue;
        };
        if new == old {
            continue;
        }
        if let Some(other) = other_code(enc).filter(|_| !rescued.is_empty()) {
            for (before, after) in &rescued {
                log.add(mismatch_kind(other), before, after);
            }
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

/// Decode the legacy font runs of `doc`, then repair its text: the
/// document after both, the repairs of both, and the map of the font
/// decoding when it changed the text. The one way a document is normalized
/// (`normalize` and `extract` alike).
pub fn normalize_doc<'d>(
    doc: &'d Doc,
    opts: &crate::options::NormalizeOptions,
) -> (Cow<'d, Doc>, super::Normalized, Option<OffsetMap>) {
    let (fdoc, font_repairs, font_map) = decode_doc(doc);
    let kept: Vec<Range<usize>> = legacy_spans(&fdoc).into_iter().map(|(r, _)| r).collect();
    let mut norm = super::normalize_keeping(&fdoc.text, opts, &kept);
    merge_repairs(&mut norm.repairs, font_repairs);
    (fdoc, norm, font_map)
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
    fn a_word_typed_in_the_other_code_is_read_in_it() {
        let mut b = DocBuilder::new();
        // TCVN3 words with two VNI words pasted among them, all `.VnTime`
        // (TCVN3 reads them `Vieọt`, `vaứ`: no syllables).
        let _ = b.push_font("Tæng kÕt Vieät Nam vaø cña", ".VnTime");
        let _ = b.push("\n");
        // A VNI run with two TCVN3 words.
        let _ = b.push_font("Vieät Nam cña ViÖt Nam vaø toaøn daân", "VNI-Times");
        let _ = b.push("\n");
        // One word alone may be a typo the other code happens to read
        // well (`luîng`, TCVN3 `luợng`, misspelt): it stays.
        let _ = b.push_font("Tæng kÕt Vieät Nam", ".VnTime");
        let doc = b.finish();
        let (d, repairs, _) = decode_doc(&doc);
        assert_eq!(
            d.text,
            "Tổng kết Việt Nam và của\nViệt Nam của Việt Nam và toàn dân\nTổng kết Vieọt Nam"
        );
        assert_eq!(d.check(), Ok(()));
        let kinds: Vec<(&str, u64, &str)> = repairs
            .iter()
            .map(|r| (r.kind.as_str(), r.count, r.examples[0].as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                ("font_mismatch_tcvn3", 2, "cña→của"),
                ("font_mismatch_vni", 2, "Vieät→Việt"),
                ("font_tcvn3", 2, "Tæng→Tổng"),
                ("font_vni", 1, "Vieät→Việt")
            ]
        );
    }

    #[test]
    fn a_rare_spelling_is_read_in_the_other_code_even_alone() {
        let mut b = DocBuilder::new();
        // A table cell in `.VnTime` holding the VNI `Coäng` (TCVN3 `Coọng`).
        let _ = b.push_font("Coäng", ".VnTime");
        let _ = b.push("\t");
        // A real `oo` word stays: no other reading is better.
        let _ = b.push_font("xoong nåi", ".VnTime");
        let doc = b.finish();
        let (d, repairs, _) = decode_doc(&doc);
        assert_eq!(d.text, "Cộng\txoong nồi");
        assert_eq!(repairs[0].kind, "font_mismatch_vni");
        assert_eq!(repairs[0].examples[0], "Coäng→Cộng");
    }

    #[test]
    fn a_word_ill_formed_in_both_codes_stays_in_the_fonts() {
        let mut b = DocBuilder::new();
        // `ChÝnhquyÒn`: two syllables run together, ill-formed either way.
        let _ = b.push_font("Tæng kÕt ChÝnhquyÒn", ".VnTime");
        let doc = b.finish();
        let (d, repairs, _) = decode_doc(&doc);
        assert_eq!(d.text, "Tổng kết Chínhquyền");
        assert_eq!(repairs.len(), 1);
        assert_eq!(repairs[0].kind, "font_tcvn3");
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

    /// A row whose `.VnTime` cells are decoded by their font and whose last
    /// cell holds TCVN3 in a font with no legacy name (a spreadsheet cell
    /// typed in `.VnTime` and later set in Arial): the text-level reading
    /// of that cell is judged on it alone. Judged on the whole row, TCVN3
    /// read the decoded cells' `â` as `õ` and lost to VPS (`nhờn dờn`).
    #[test]
    fn text_level_reading_leaves_font_decoded_runs_alone() {
        let mut b = DocBuilder::new();
        let _ = b.push_font("Tæng sè c¸n bé n©ng l\u{ad}¬ng", ".VnTime");
        let _ = b.push("\t");
        let _ = b.push_font("Kh«ng cã", ".VnTime");
        let _ = b.push("\t");
        let _ = b.push_font("Uû ban nh©n d©n quËn", "Arial");
        let doc = b.finish();
        let (d, norm, _) = normalize_doc(&doc, &Default::default());
        assert_eq!(
            norm.text,
            "Tổng số cán bộ nâng lương\tKhông có\tỦy ban nhân dân quận"
        );
        assert!(d.text.starts_with("Tổng số cán bộ nâng lương\tKhông có\t"));
        let kinds: Vec<&str> = norm.repairs.iter().map(|r| r.kind.as_str()).collect();
        assert!(kinds.contains(&"legacy_tcvn3"), "{kinds:?}");
    }
}
