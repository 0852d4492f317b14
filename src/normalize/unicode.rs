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
    compose_reporting(s).0
}

/// [`compose`], also saying whether the mark order had to be fixed (the
/// result differs from plain NFC), for the repair log.
///
/// Works cluster by cluster (a base and the marks after it): text without
/// marks is copied as is, and only clusters with marks are decomposed,
/// reordered and composed, so a line of Windows-1258 text (a mark after
/// every toned vowel) costs one pass, not three over the whole line.
pub fn compose_reporting(s: &str) -> (String, bool) {
    if !has_marks(s) {
        return (s.to_string(), false);
    }
    let mut out = String::with_capacity(s.len());
    let mut reordered = false;
    let mut cluster = String::new();
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        let mut len = c.len_utf8();
        let marks_len: usize = rest[len..]
            .chars()
            .take_while(|&m| is_mark(m))
            .map(char::len_utf8)
            .sum();
        if marks_len == 0 {
            out.push(c);
            rest = &rest[len..];
            continue;
        }
        len += marks_len;
        cluster.clear();
        let mut marks: Vec<char> = Vec::new();
        for d in rest[..len].nfd() {
            if is_mark(d) {
                marks.push(d);
            } else {
                cluster.extend(marks.drain(..));
                cluster.push(d);
            }
        }
        let before = marks.clone();
        marks.sort_by_key(|&m| !is_modifier_mark(m));
        let moved = marks != before;
        cluster.extend(marks);
        let fixed: String = cluster.nfc().collect();
        if moved && !reordered {
            let plain: String = rest[..len].nfc().collect();
            reordered = plain != fixed;
        }
        out.push_str(&fixed);
        rest = &rest[len..];
    }
    (out, reordered)
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
        // Precomposed letter plus a modifier, and a mark at the very start.
        assert_eq!(compose("Vié\u{302}t"), "Viết");
        assert_eq!(compose("\u{301}a"), "\u{301}a");
    }

    #[test]
    fn reports_only_real_reordering() {
        assert_eq!(
            compose_reporting("Vie\u{301}\u{302}t"),
            ("Viết".into(), true)
        );
        assert_eq!(
            compose_reporting("Vie\u{302}\u{301}t"),
            ("Viết".into(), false)
        );
        assert_eq!(compose_reporting("Nam"), ("Nam".into(), false));
        // Plain NFC would put the horn first anyway (lower combining class).
        assert_eq!(compose_reporting("u\u{300}\u{31B}"), ("ừ".into(), false));
    }

    #[test]
    fn same_as_reorder_then_whole_line_nfc() {
        for s in [
            "Ngu\u{31B}o\u{31B}\u{300}i Vie\u{323}\u{302}t Nam, tha\u{300}nh pho\u{302}\u{301}",
            "ho\u{300}a thuy\u{309} U\u{309}y ban m² ﬁ",
            "a\u{323}\u{302}\u{301} e\u{303} \u{301}",
        ] {
            let mut reordered = String::new();
            let mut marks: Vec<char> = Vec::new();
            for c in s.nfd() {
                if is_mark(c) {
                    marks.push(c);
                } else {
                    marks.sort_by_key(|&m| !is_modifier_mark(m));
                    reordered.extend(marks.drain(..));
                    reordered.push(c);
                }
            }
            marks.sort_by_key(|&m| !is_modifier_mark(m));
            reordered.extend(marks.drain(..));
            let whole: String = reordered.nfc().collect();
            assert_eq!(compose(s), whole, "{s:?}");
        }
    }

    #[test]
    fn never_nfkc() {
        assert_eq!(compose("m² ﬁ e\u{301}"), "m² ﬁ é");
    }
}
