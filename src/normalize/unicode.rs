//! Unicode form: composed letters, marks in a sane order, PDF font leftovers.

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::UnicodeNormalization;

/// Marks that change the letter (circumflex, breve, horn): they must sit next
/// to the base, before the tone, or NFC cannot compose `ế`.
fn is_modifier_mark(c: char) -> bool {
    matches!(c, '\u{302}' | '\u{306}' | '\u{31B}')
}

fn is_mark(c: char) -> bool {
    canonical_combining_class(c) != 0
}

/// Does `s` contain a combining mark that NFC would have to compose?
pub fn has_marks(s: &str) -> bool {
    s.chars().any(|c| ('\u{300}'..='\u{36F}').contains(&c))
}

/// Reorder the marks after each base so modifiers come before tones, then NFC.
/// (`Vie\u{301}\u{302}t` → `Viết`.) Never NFKC.
pub fn compose(s: &str) -> String {
    if !has_marks(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut marks: Vec<char> = Vec::new();
    let flush = |marks: &mut Vec<char>, out: &mut String| {
        marks.sort_by_key(|&m| !is_modifier_mark(m));
        out.extend(marks.drain(..));
    };
    for c in s.nfd() {
        if is_mark(c) {
            marks.push(c);
        } else {
            flush(&mut marks, &mut out);
            out.push(c);
        }
    }
    flush(&mut marks, &mut out);
    out.nfc().collect()
}

/// Private-use code points that Symbol and Wingdings fonts use for bullets,
/// as PDF text extraction reports them.
pub const SYMBOL_BULLETS: &[char] = &[
    '\u{F0B7}', '\u{F0A7}', '\u{F0A8}', '\u{F076}', '\u{F0D8}', '\u{F0FC}', '\u{F06E}', '\u{F0E0}',
    '\u{F0B2}', '\u{F02D}', '\u{F0AE}', '\u{F0F0}', '\u{F075}', '\u{F071}', '\u{F06C}',
];

/// The plain bullet written in place of a symbol-font bullet: the layout and
/// structure stages recognise `-` as a bullet.
pub const PLAIN_BULLET: char = '-';

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_in_wrong_order_are_reordered() {
        assert_eq!(compose("Vie\u{301}\u{302}t"), "Viết");
        assert_eq!(compose("Vie\u{302}\u{301}t"), "Viết");
        assert_eq!(compose("Ngu\u{31B}o\u{31B}\u{300}i"), "Người");
        assert_eq!(compose("ngu\u{31B}o\u{300}\u{31B}i"), "người");
        assert_eq!(compose("a\u{323}\u{302}"), "ậ");
        assert_eq!(compose("Chương"), "Chương");
    }

    #[test]
    fn never_nfkc() {
        assert_eq!(compose("m² ﬁ e\u{301}"), "m² ﬁ é");
    }
}
