//! Vietnamese script knowledge shared by the stages: letters and their tone
//! marks ([`chars`]), the syllable grammar that judges whether text reads as
//! Vietnamese ([`syllable`]), Unicode forms ([`unicode`]) and the legacy 8-bit
//! code pages (TCVN3, VNI, VISCII, VPS, Windows-1258: [`legacy`], [`tables`]).
//!
//! It sits below every stage: the input stage uses it to recognise a text
//! encoding, normalize to repair text, the later stages to fold names. It
//! depends on nothing else of the crate but byte scanning.

pub mod chars;
pub mod chunks;
pub mod legacy;
pub mod syllable;
pub mod tables;
pub mod unicode;

/// A tone-insensitive, case-insensitive key for matching names: every
/// diacritic removed, `đ` → `d`, lower case, whitespace runs as one space
/// (`"Ủy ban  Nhân dân"` and `"uy ban nhan dan"` have the same key).
///
/// No NFC pass: combining marks are dropped, and a base letter folds to the
/// same key whether its marks are composed or not (`e\u{301}` and `é` → `e`),
/// so decomposed input gives the key of its composed form. The audit folds
/// many sentences, so this is on a hot path.
pub fn fold_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        out.push(chars::fold_char(c));
    }
    out
}
