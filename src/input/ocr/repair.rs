//! OCR damage to diacritics, repaired where the lexicon makes it unambiguous.
//!
//! Tesseract's typical Vietnamese errors keep the letters and damage one
//! mark: a tone read as another (`chống`/`chồng`, `phổ`/`phố`) or the
//! circumflex of a bold capital lost under its tone (`CẤP` read `CÁP`,
//! `ĐẾN` read `ĐÉN`). Both readings are real syllables, so the syllable
//! grammar cannot tell; the neighbouring word can. [`data/phrases.txt`]
//! lists phrases of administrative writing: a word is changed only when it
//! makes no known pair with either neighbour and exactly one of its other
//! readings does. Every change is reported (kind `ocr_repaired`, with page
//! and span); a word with several fitting readings, or that is no
//! Vietnamese syllable at all, is flagged (`ocr_doubtful_word`) and left as
//! read.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use super::page::{Placed, Rendered};
use crate::model::BlockKind;
use crate::output::Warning;
use crate::vi::chars::{self, Vowel};
use crate::vi::syllable;

/// Words under this confidence that are not Vietnamese syllables are flagged.
const DOUBT_CONFIDENCE: f64 = 70.0;
/// At most this many doubtful words are listed one by one per page; the
/// rest are counted in one warning.
const MAX_DOUBTS: usize = 30;

static PHRASES: &str = include_str!("data/phrases.txt");

/// Known pairs of neighbouring syllables, lower case.
static PAIRS: LazyLock<HashSet<(String, String)>> = LazyLock::new(|| {
    let mut set = HashSet::new();
    for line in PHRASES.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let words: Vec<String> = line
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        for w in words.windows(2) {
            set.insert((w[0].clone(), w[1].clone()));
        }
    }
    set
});

fn known(a: &str, b: &str) -> bool {
    PAIRS.contains(&(a.to_lowercase(), b.to_lowercase()))
}

/// The other readings of a syllable that OCR confuses with it: the tone of
/// its toned vowel changed (or added to a syllable read without one), or a
/// circumflex restored over `a`, `e`, `o`.
pub fn readings(word: &str) -> Vec<String> {
    let letters: Vec<char> = word.chars().collect();
    let mut out: Vec<String> = Vec::new();
    let mut add = |w: String| {
        if w != word && !out.contains(&w) && syllable::is_well_formed(&w) {
            out.push(w);
        }
    };
    for (i, &c) in letters.iter().enumerate() {
        let Some(Vowel { base, tone, upper }) = chars::vowel(c) else {
            continue;
        };
        let with = |ch: char| {
            let mut l = letters.clone();
            l[i] = ch;
            l.into_iter().collect::<String>()
        };
        // Another tone, or a tone where none was read (the grammar drops
        // the readings that put it on the wrong vowel).
        let untoned = tone == 0
            && letters
                .iter()
                .all(|&c| chars::vowel(c).is_none_or(|v| v.tone == 0));
        if tone != 0 || untoned {
            for t in 1..=5u8 {
                if t != tone {
                    add(with(chars::compose(base, t, upper)));
                }
            }
        }
        // a → â, e → ê, o → ô (indices in chars::BASES), keeping the tone.
        let hatted = match base {
            0 => Some(2),
            3 => Some(4),
            6 => Some(7),
            _ => None,
        };
        if let Some(h) = hatted {
            add(with(chars::compose(h, tone, upper)));
        }
    }
    out
}

/// One word replaced.
struct Edit {
    range: Range<usize>,
    old: String,
    new: String,
    /// The known pair that decided it.
    why: String,
    /// What the warning points at, in the old text: the edit itself, or
    /// the whole number a removed space belonged to.
    shown: Range<usize>,
    /// The warning's before and after, when not `old` and `new` (the whole
    /// number rather than the removed space).
    told: Option<(String, String)>,
}

/// A word of the page: its range, the letters part, its confidence.
struct Token {
    range: Range<usize>,
    conf: f64,
}

/// Repair a rendered page: the text rewritten, every range moved, the
/// repairs and doubts added to its warnings (ranges into the new text).
pub fn repair(mut r: Rendered, page: u32) -> Rendered {
    let tokens: Vec<Token> = r
        .words
        .iter()
        .filter_map(|p| letters_of(&r.text, p))
        .collect();
    let word = |t: &Token| &r.text[t.range.clone()];
    // Neighbours are evidence only when nothing but a space is between.
    let adjacent = |a: &Token, b: &Token| r.text.get(a.range.end..b.range.start) == Some(" ");
    let mut edits: Vec<Edit> = Vec::new();
    let mut doubts: Vec<(Range<usize>, String)> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let w = word(t);
        let case = case_of(w);
        let prev = i
            .checked_sub(1)
            .map(|k| &tokens[k])
            .filter(|p| adjacent(p, t) && case_of(word(p)) == case)
            .map(word);
        let next = tokens
            .get(i + 1)
            .filter(|n| adjacent(t, n) && case_of(word(n)) == case)
            .map(word);
        let fits = |cand: &str| {
            prev.is_some_and(|p| known(p, cand)) || next.is_some_and(|n| known(cand, n))
        };
        // A tone changed needs the evidence of every neighbour there is
        // (`định hướng đến` must not become `hưởng` for `ảnh hưởng đến`); a
        // lost circumflex, one neighbour.
        let fits_all = |cand: &str| {
            fits(cand) && prev.is_none_or(|p| known(p, cand)) && next.is_none_or(|n| known(cand, n))
        };
        let vietnamese = !w.is_ascii();
        if fits(w) {
            continue;
        }
        // A capitalised word inside a line is a name: never changed.
        let candidates = if case == Case::Mixed {
            Vec::new()
        } else {
            readings(w)
        };
        let fitting: Vec<String> = candidates
            .into_iter()
            .filter(|c| {
                if same_tone(w, c) {
                    fits(c)
                } else {
                    fits_all(c)
                }
            })
            .collect();
        match fitting.as_slice() {
            [one] => {
                let why = match (prev, next) {
                    (Some(p), _) if known(p, one) => format!("{} {}", p, one),
                    (_, Some(n)) => format!("{} {}", one, n),
                    _ => one.clone(),
                };
                edits.push(Edit {
                    range: t.range.clone(),
                    old: w.to_string(),
                    new: one.clone(),
                    why: why.to_lowercase(),
                    shown: t.range.clone(),
                    told: None,
                });
            }
            [] => {
                if vietnamese && t.conf < DOUBT_CONFIDENCE && !syllable::is_well_formed(w) {
                    doubts.push((
                        t.range.clone(),
                        format!("{w:?} (confidence {:.0}) is no Vietnamese syllable", t.conf),
                    ));
                }
            }
            many => doubts.push((
                t.range.clone(),
                format!("{w:?} could be read {}", many.join(" or ")),
            )),
        }
    }
    code_edits(&r, &mut edits, &mut doubts);
    edits.sort_by_key(|e| e.range.start);
    doubts.sort_by_key(|d| d.0.start);
    apply(&mut r, &edits);
    // Doubts' ranges are in the old text: move them as the words moved.
    let shift = Shift::new(&edits);
    for e in &edits {
        let start = shift.map(e.shown.start);
        let end = if e.shown == e.range {
            start + e.new.len()
        } else {
            shift.map(e.shown.end)
        };
        r.warnings.push(Warning {
            kind: "ocr_repaired".into(),
            message: format!(
                "page {page}: OCR read {:?}, repaired to {:?} (lexicon: {:?})",
                e.told.as_ref().map_or(&e.old, |t| &t.0),
                e.told.as_ref().map_or(&e.new, |t| &t.1),
                e.why
            ),
            start: Some(start),
            end: Some(end),
        });
    }
    let total = doubts.len();
    for (range, why) in doubts.into_iter().take(MAX_DOUBTS) {
        r.warnings.push(Warning {
            kind: "ocr_doubtful_word".into(),
            message: format!("page {page}: {why}"),
            start: Some(shift.map(range.start)),
            end: Some(shift.map(range.end)),
        });
    }
    if total > MAX_DOUBTS {
        r.warnings.push(Warning {
            kind: "ocr_doubtful_word".into(),
            message: format!(
                "page {page}: {} more doubtful words not listed",
                total - MAX_DOUBTS
            ),
            start: None,
            end: None,
        });
    }
    r
}

/// Document numbers: misread codes (`148/QĐ-LTg`) repaired or doubted, and
/// a number split after its dash or slash (`1187/QĐ- UBND`) joined when
/// what follows is a known code.
fn code_edits(r: &Rendered, edits: &mut Vec<Edit>, doubts: &mut Vec<(Range<usize>, String)>) {
    use super::codes::{self, Verdict};
    for (i, p) in r.words.iter().enumerate() {
        let w = &r.text[p.range.clone()];
        for f in codes::scan(w) {
            let range = p.range.start + f.range.start..p.range.start + f.range.end;
            let old = &r.text[range.clone()];
            match f.verdict {
                Verdict::Repair(code) => edits.push(Edit {
                    range: range.clone(),
                    old: old.to_string(),
                    new: code.to_string(),
                    why: format!("known document code {code}"),
                    shown: range,
                    told: None,
                }),
                Verdict::Doubtful(codes) => doubts.push((
                    range,
                    format!("code {old:?} could be read {}", codes.join(" or ")),
                )),
                _ => {}
            }
        }
        let Some(next) = r.words.get(i + 1) else {
            continue;
        };
        let gap = p.range.end..next.range.start;
        let follows = &r.text[next.range.clone()];
        let code = follows.trim_end_matches(|c: char| !c.is_alphanumeric());
        if codes::opens_code(w)
            && r.text.get(gap.clone()) == Some(" ")
            && codes::judge(code) == Verdict::Known
        {
            let shown = p.range.start..next.range.start + code.len();
            edits.push(Edit {
                range: gap,
                old: " ".into(),
                new: String::new(),
                why: format!("a number does not break before its code {code}"),
                told: Some((r.text[shown.clone()].to_string(), format!("{w}{code}"))),
                shown,
            });
        }
    }
}

/// Do two readings carry the same tones (they differ only in a circumflex)?
fn same_tone(a: &str, b: &str) -> bool {
    let tones =
        |s: &str| -> Vec<u8> { s.chars().filter_map(chars::vowel).map(|v| v.tone).collect() };
    tones(a) == tones(b)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    Lower,
    Upper,
    Mixed,
}

fn case_of(w: &str) -> Case {
    if w.chars().all(|c| !c.is_uppercase()) {
        Case::Lower
    } else if w.chars().all(|c| !c.is_lowercase()) {
        Case::Upper
    } else {
        Case::Mixed
    }
}

/// The letters of a placed word (punctuation around it trimmed); `None`
/// for a word without letters.
fn letters_of(text: &str, p: &Placed) -> Option<Token> {
    let w = &text[p.range.clone()];
    let start = w.find(chars::is_letter)?;
    let end = w
        .char_indices()
        .rev()
        .find(|&(_, c)| chars::is_letter(c))
        .map(|(i, c)| i + c.len_utf8())?;
    let core = &w[start..end];
    if !core.chars().all(chars::is_letter) {
        return None; // codes like 245/BC-UBND are not syllables
    }
    Some(Token {
        range: p.range.start + start..p.range.start + end,
        conf: p.conf,
    })
}

/// Old offsets to new ones across whole-word edits.
struct Shift {
    /// (old end, cumulative delta after this edit)
    ends: Vec<(usize, isize)>,
}

impl Shift {
    fn new(edits: &[Edit]) -> Shift {
        let mut delta = 0isize;
        let ends = edits
            .iter()
            .map(|e| {
                delta += e.new.len() as isize - e.range.len() as isize;
                (e.range.end, delta)
            })
            .collect();
        Shift { ends }
    }

    fn map(&self, b: usize) -> usize {
        let k = self.ends.partition_point(|&(end, _)| end <= b);
        let d = if k == 0 { 0 } else { self.ends[k - 1].1 };
        (b as isize + d) as usize
    }
}

/// Rewrite the text and move every range of the page.
fn apply(r: &mut Rendered, edits: &[Edit]) {
    if edits.is_empty() {
        return;
    }
    let mut text = String::with_capacity(r.text.len() + edits.len() * 2);
    let mut at = 0;
    for e in edits {
        text.push_str(&r.text[at..e.range.start]);
        text.push_str(&e.new);
        at = e.range.end;
    }
    text.push_str(&r.text[at..]);
    let s = Shift::new(edits);
    let mv = |x: &mut Range<usize>| *x = s.map(x.start)..s.map(x.end);
    for b in &mut r.blocks {
        mv(&mut b.range);
        if let BlockKind::Table(t) = &mut b.kind {
            for row in &mut t.rows {
                mv(&mut row.range);
                for c in &mut row.cells {
                    mv(&mut c.range);
                    for p in &mut c.paragraphs {
                        mv(p);
                    }
                }
            }
        }
    }
    for p in &mut r.words {
        mv(&mut p.range);
    }
    for w in &mut r.warnings {
        w.start = w.start.map(|x| s.map(x));
        w.end = w.end.map(|x| s.map(x));
    }
    r.text = text;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Block;

    fn rendered(text: &str, conf: f64) -> Rendered {
        let mut words = Vec::new();
        let mut at = 0;
        for w in text.split(' ') {
            words.push(Placed {
                range: at..at + w.len(),
                conf,
            });
            at += w.len() + 1;
        }
        Rendered {
            text: text.into(),
            blocks: vec![Block {
                range: 0..text.len(),
                page: Some(1),
                kind: BlockKind::Paragraph,
            }],
            words,
            warnings: vec![],
        }
    }

    #[test]
    fn misread_document_codes_are_repaired_or_doubted() {
        let r = repair(
            rendered(
                "theo Quyết định số 148/QĐĐ-LTg ngày 24/02/2023 và 12/ND-CP",
                90.0,
            ),
            3,
        );
        assert_eq!(
            r.text,
            "theo Quyết định số 148/QĐ-TTg ngày 24/02/2023 và 12/ND-CP"
        );
        let w: Vec<(&str, &str)> = r
            .warnings
            .iter()
            .map(|w| (w.kind.as_str(), &r.text[w.start.unwrap()..w.end.unwrap()]))
            .collect();
        assert_eq!(
            w,
            [
                ("ocr_repaired", "QĐ"),
                ("ocr_repaired", "TTg"),
                ("ocr_doubtful_word", "ND")
            ]
        );
        assert!(r.warnings[1]
            .message
            .contains("\"LTg\", repaired to \"TTg\""));
        // Every word still covers its text.
        assert_eq!(&r.text[r.words[4].range.clone()], "148/QĐ-TTg");
        // A number cut after its dash is joined when a known code follows.
        let r = repair(
            rendered("số 1187/QĐ- UBND ngày 12/3/2025; 5/KH- ABC", 90.0),
            1,
        );
        assert_eq!(r.text, "số 1187/QĐ-UBND ngày 12/3/2025; 5/KH- ABC");
        let w = &r.warnings[0];
        assert_eq!(w.kind, "ocr_repaired");
        assert_eq!(&r.text[w.start.unwrap()..w.end.unwrap()], "1187/QĐ-UBND");
        assert_eq!(&r.text[r.words[2].range.clone()], "UBND");
        assert!(w
            .message
            .contains("read \"1187/QĐ- UBND\", repaired to \"1187/QĐ-UBND\""));
    }

    #[test]
    fn readings_are_tone_and_circumflex_changes() {
        let r = readings("CÁP");
        assert!(r.contains(&"CẤP".to_string()));
        assert!(r.contains(&"CÀP".to_string()) || !syllable::is_well_formed("CÀP"));
        assert!(readings("phổ").contains(&"phố".to_string()));
        assert!(readings("ĐÉN").contains(&"ĐẾN".to_string()));
    }

    #[test]
    fn lost_circumflex_in_capitals_is_repaired_and_logged() {
        let r = repair(
            rendered("CHƯƠNG TRÌNH OCOP CÁP HUYỆN ĐÉN NĂM 2025", 90.0),
            2,
        );
        assert_eq!(r.text, "CHƯƠNG TRÌNH OCOP CẤP HUYỆN ĐẾN NĂM 2025");
        assert_eq!(r.blocks[0].range, 0..r.text.len());
        let rep: Vec<&Warning> = r
            .warnings
            .iter()
            .filter(|w| w.kind == "ocr_repaired")
            .collect();
        assert_eq!(rep.len(), 2);
        assert_eq!(&r.text[rep[1].start.unwrap()..rep[1].end.unwrap()], "ĐẾN");
        assert!(rep[0]
            .message
            .starts_with("page 2: OCR read \"CÁP\", repaired to \"CẤP\""));
    }

    #[test]
    fn tone_confusions_are_repaired_by_a_neighbour() {
        let r = repair(
            rendered("công tác phòng chồng tham nhũng và phổ biến", 90.0),
            1,
        );
        assert_eq!(r.text, "công tác phòng chống tham nhũng và phổ biến");
        let r = repair(rendered("tuyên truyền phố biến pháp luật", 90.0), 1);
        assert_eq!(r.text, "tuyên truyền phổ biến pháp luật");
        // One neighbour is not enough for a tone: "hưởng đến" is known, but
        // "định hướng" is too, and "định hưởng" is not.
        let r = repair(
            rendered("giai đoạn 2021-2025, định hướng đến năm 2030", 90.0),
            1,
        );
        assert_eq!(r.text, "giai đoạn 2021-2025, định hướng đến năm 2030");
    }

    #[test]
    fn names_and_far_neighbours_are_no_evidence() {
        // "Hòa" is a name (capitalised); "số" is not its neighbour.
        let r = repair(rendered("Số: 245/BC-UBND Hòa Bình", 90.0), 1);
        assert_eq!(r.text, "Số: 245/BC-UBND Hòa Bình");
        let r = repair(rendered("số: hòa", 90.0), 1);
        assert_eq!(r.text, "số: hòa", "punctuation between is no pair");
    }

    #[test]
    fn words_without_evidence_are_left_alone() {
        // "cáp" (cable) next to words the lexicon does not pair it with.
        let r = repair(rendered("lắp đặt cáp quang", 90.0), 1);
        assert_eq!(r.text, "lắp đặt cáp quang");
        assert!(r.warnings.is_empty());
    }

    #[test]
    fn broken_low_confidence_words_are_flagged() {
        let r = repair(rendered("báo cáoo kết quả", 40.0), 4);
        assert_eq!(r.text, "báo cáoo kết quả");
        let d: Vec<&Warning> = r
            .warnings
            .iter()
            .filter(|w| w.kind == "ocr_doubtful_word")
            .collect();
        assert_eq!(d.len(), 1);
        assert_eq!(&r.text[d[0].start.unwrap()..d[0].end.unwrap()], "cáoo");
    }
}
