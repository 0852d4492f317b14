//! Normalize stage: repair encoding damage, character by character.
//!
//! Input: decoded text. Output: NFC text with the same line structure, plus
//! the list of repairs made and warnings for damage left alone. Offsets in
//! warnings are byte offsets into the returned text.

use std::collections::BTreeMap;

use unicode_normalization::UnicodeNormalization;

use crate::output::{Quality, Repair, Warning};

/// Options of the normalize stage.
#[derive(Debug, Clone, Default)]
pub struct NormalizeOptions {}

/// The result of normalization.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    pub text: String,
    pub repairs: Vec<Repair>,
    /// Byte offsets into `text`.
    pub warnings: Vec<Warning>,
    pub quality: Quality,
}

/// Collects repairs by kind, keeping up to five examples each.
#[derive(Debug, Default)]
pub struct RepairLog {
    kinds: BTreeMap<String, Repair>,
}

impl RepairLog {
    pub fn add(&mut self, kind: &str, before: &str, after: &str) {
        let r = self
            .kinds
            .entry(kind.to_string())
            .or_insert_with(|| Repair {
                kind: kind.to_string(),
                ..Default::default()
            });
        r.count += 1;
        let ex = format!("{before}→{after}");
        if r.examples.len() < 5 && !r.examples.contains(&ex) {
            r.examples.push(ex);
        }
    }

    pub fn into_repairs(self) -> Vec<Repair> {
        self.kinds.into_values().collect()
    }
}

/// Repair `text`.
pub fn normalize(text: &str, _opts: &NormalizeOptions) -> Normalized {
    let before = quality(text);
    let mut log = RepairLog::default();
    let mut out = String::with_capacity(text.len());
    for word in text.split_inclusive(|c: char| !c.is_alphanumeric() && !is_mark(c)) {
        if word.contains(['ƣ', 'Ƣ']) {
            let fixed = word.replace('ƣ', "ư").replace('Ƣ', "Ư");
            log.add("pdf_font_uhorn", word.trim_end(), fixed.trim_end());
            out.push_str(&fixed);
        } else {
            out.push_str(word);
        }
    }
    let nfc: String = out.nfc().collect();
    if nfc != out {
        log.add("unicode_nfc", "decomposed", "composed");
    }
    Normalized {
        quality: Quality {
            before,
            after: quality(&nfc),
        },
        text: nfc,
        repairs: log.into_repairs(),
        warnings: Vec::new(),
    }
}

fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// Share of Vietnamese-looking tokens that are well-formed syllables.
/// (A first measure; the normalize work replaces it with a syllable grammar.)
pub fn quality(text: &str) -> f64 {
    let mut total = 0usize;
    let mut good = 0usize;
    for tok in text.split(|c: char| !c.is_alphanumeric() && !is_mark(c)) {
        if tok.is_empty() || tok.is_ascii() {
            continue;
        }
        total += 1;
        let t: String = tok.nfc().collect();
        if t.chars()
            .all(|c| c.is_alphabetic() && !matches!(c, 'ƣ' | 'Ƣ' | '\u{FFFD}'))
        {
            good += 1;
        }
    }
    if total == 0 {
        1.0
    } else {
        (good as f64 / total as f64 * 1000.0).round() / 1000.0
    }
}
