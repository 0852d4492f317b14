//! Unicode form: composed letters, marks in a sane order, PDF font leftovers.

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::UnicodeNormalization;

/// Marks that change the letter (circumflex, breve, horn): they must sit next
/// to the base, before the tone, or NFC cannot compose `ế`.
fn is_modifier_mark(c: char) -> bool {
    matches!(c, '\u{302}' | '\u{306}' | '\u{31B}')
}

fn is_mark(c: char) -> bool {
    // No character below U+0300 combines.
    c >= '\u{300}' && canonical_combining_class(c) != 0
}

/// A vowel without tone, then at most one modifier (circumflex, breve, horn)
/// that fits it, then at most one tone mark: the precomposed letter, which is
/// what the general path below gives (legacy VNI decoding writes every
/// letter so), without decomposing and recomposing. `None` for anything else.
fn vietnamese_cluster(c: char, marks: &str) -> Option<char> {
    let v = super::chars::vowel(c).filter(|v| v.tone == 0)?;
    let mut base = v.base;
    let mut rest = marks.chars().peekable();
    if let Some(&m) = rest.peek() {
        // Indices into `chars::BASES`: a ă â e ê i o ô ơ u ư y.
        let modified = match (base, m) {
            (0, '\u{306}') => Some(1),
            (0, '\u{302}') => Some(2),
            (3, '\u{302}') => Some(4),
            (6, '\u{302}') => Some(7),
            (6, '\u{31B}') => Some(8),
            (9, '\u{31B}') => Some(10),
            (_, m) if is_modifier_mark(m) => return None,
            _ => None,
        };
        if let Some(b) = modified {
            base = b;
            rest.next();
        }
    }
    let tone = match rest.next() {
        None => 0,
        Some('\u{301}') => 1,
        Some('\u{300}') => 2,
        Some('\u{309}') => 3,
        Some('\u{303}') => 4,
        Some('\u{323}') => 5,
        Some(_) => return None,
    };
    if rest.next().is_some() {
        return None;
    }
    Some(super::chars::compose(base, tone, v.upper))
}

/// Does `s` contain a combining mark that NFC would have to compose?
///
/// Told by bytes: U+0300–U+036F are `CC 80`..`CD AF` in UTF-8, and 0xCC and
/// 0xCD are only ever lead bytes (`CD B0`.. are Greek letters, not marks).
pub fn has_marks(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr2_iter(0xCC, 0xCD, b)
        .any(|i| b[i] == 0xCC || b.get(i + 1).is_some_and(|&n| n <= 0xAF))
}

/// `s` without the combining marks that repeat a mark their letter already
/// carries, recomposed, with the words changed as (before, after); `None`
/// when there is none. A doubled keystroke in VNI typing (`kieâán`: the
/// circumflex typed twice) decodes to `ê` followed by a stray circumflex
/// and the tone (`kiê̂́n`), which no composition can place; dropping the
/// repeat gives `kiến`. A mark the letter does not carry is left alone
/// (which of two tones was meant cannot be told).
pub fn drop_repeated_marks(s: &str) -> Option<(String, Vec<(String, String)>)> {
    if !has_marks(s) {
        return None;
    }
    let mut out = String::with_capacity(s.len());
    let mut base_marks: Vec<char> = Vec::new();
    let mut dropped = false;
    for c in s.chars() {
        if is_mark(c) {
            if base_marks.contains(&c) {
                dropped = true;
                continue;
            }
            base_marks.push(c);
        } else {
            base_marks.clear();
            base_marks.extend(c.nfd().skip(1));
        }
        out.push(c);
    }
    if !dropped {
        return None;
    }
    let out = compose(&out);
    let words = s
        .split_whitespace()
        .zip(out.split_whitespace())
        .filter(|(a, b)| a != b)
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    Some((out, words))
}

/// Reorder the marks after each base so modifiers come before tones, then NFC.
/// (`Vie\u{301}\u{302}t` → `Viết`.) Never NFKC.
pub fn compose(s: &str) -> String {
    compose_reporting(s).0
}

/// [`compose`] of an owned string: returned as it is (not copied) when it
/// has no marks, as most decoded legacy lines have none.
pub fn compose_owned(s: String) -> String {
    if has_marks(&s) {
        compose(&s)
    } else {
        s
    }
}

/// [`compose`], also saying whether the mark order had to be fixed (the
/// result differs from plain NFC), for the repair log.
///
/// Works cluster by cluster (a base and the marks after it): text without
/// marks is copied as is, and only clusters with marks are decomposed,
/// reordered and composed, so a line of Windows-1258 text (a mark after
/// every toned vowel) costs one pass, not three over the whole line. The
/// pass walks bytes: ASCII bytes are neither marks nor followed by a mark
/// they would have to change, so only non-ASCII characters are decoded and
/// asked, and the text between clusters is copied in one piece (walking
/// every character and pushing it, as it was first written, cost about as
/// much as the rest of the line's repairs).
pub fn compose_reporting(s: &str) -> (String, bool) {
    if !has_marks(s) {
        return (s.to_string(), false);
    }
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut reordered = false;
    // `s[..copied]` is written; `base` is where the character before `i`
    // starts (a cluster's base when a mark follows it).
    let (mut copied, mut base, mut i) = (0, 0, 0);
    while i < b.len() {
        if b[i] < 0x80 {
            base = i;
            i += 1;
            continue;
        }
        let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        // A mark at the very start is a base of its own.
        if i == 0 || !is_mark(c) {
            base = i;
            i += c.len_utf8();
            continue;
        }
        // The marks after `base`: up to the next character that is not one.
        let mut end = i + c.len_utf8();
        while let Some(m) = s.get(end..).and_then(|r| r.chars().next()) {
            if !is_mark(m) {
                break;
            }
            end += m.len_utf8();
        }
        out.push_str(&s[copied..base]);
        let letter = s[base..i].chars().next();
        match letter.and_then(|l| vietnamese_cluster(l, &s[i..end])) {
            Some(l) => out.push(l),
            None => {
                let (fixed, moved_apart) = compose_cluster(&s[base..end]);
                reordered |= moved_apart;
                out.push_str(&fixed);
            }
        }
        copied = end;
        base = end;
        i = end;
    }
    out.push_str(&s[copied..]);
    (out, reordered)
}

/// A cluster (a base and its marks) that [`vietnamese_cluster`] cannot
/// compose: its marks reordered modifiers first, then NFC; and whether that
/// differs from plain NFC. Legacy trial readings (VNI above all) make the
/// same few odd clusters over and over, and the normalization iterators cost
/// far more than a lookup, so results are kept per thread (a pure function;
/// the table is emptied when it grows past a few thousand clusters).
fn compose_cluster(cluster: &str) -> (String, bool) {
    type Seen = std::collections::HashMap<String, (String, bool)>;
    thread_local! {
        static SEEN: std::cell::RefCell<Seen> = std::cell::RefCell::new(Seen::new());
    }
    if let Some(hit) = SEEN.with(|m| m.borrow().get(cluster).cloned()) {
        return hit;
    }
    let mut composed = String::new();
    let mut marks: Vec<char> = Vec::new();
    for d in cluster.nfd() {
        if is_mark(d) {
            marks.push(d);
        } else {
            composed.extend(marks.drain(..));
            composed.push(d);
        }
    }
    let before = marks.clone();
    marks.sort_by_key(|&m| !is_modifier_mark(m));
    let moved = marks != before;
    composed.extend(marks);
    let fixed: String = composed.nfc().collect();
    let moved_apart = moved && cluster.nfc().collect::<String>() != fixed;
    SEEN.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() >= 4096 {
            m.clear();
        }
        m.insert(cluster.to_string(), (fixed.clone(), moved_apart));
    });
    (fixed, moved_apart)
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

    /// The byte test agrees with the character test on the mark block's
    /// edges and on the Greek letters that share its lead byte.
    #[test]
    fn has_marks_by_bytes() {
        for u in 0x2F0u32..0x3A0 {
            let Some(c) = char::from_u32(u) else { continue };
            let s = format!("a{c}b");
            assert_eq!(has_marks(&s), (0x300..=0x36F).contains(&u), "U+{u:04X}");
        }
        assert!(!has_marks("Việt Nam"));
        assert!(has_marks("Vie\u{301}\u{302}t"));
    }

    #[test]
    fn vietnamese_clusters_compose_as_nfc_does() {
        let mut checked = 0;
        for base in super::super::chars::BASES {
            for c in [base, base.to_uppercase().next().unwrap_or(base)] {
                for m in ["", "\u{302}", "\u{306}", "\u{31B}"] {
                    for t in ["", "\u{301}", "\u{300}", "\u{309}", "\u{303}", "\u{323}"] {
                        let s = format!("{c}{m}{t}");
                        let nfc: String = s.nfc().collect();
                        assert_eq!(compose(&s), nfc, "{s:?}");
                        if vietnamese_cluster(c, &format!("{m}{t}")).is_some() {
                            checked += 1;
                        }
                    }
                }
            }
        }
        // 12 bases × 2 cases × 6 tones, plus the 6 modified forms × 2 × 6.
        assert_eq!(checked, 12 * 2 * 6 + 6 * 2 * 6);
    }

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

    /// [`compose_reporting`] as it was first written: character by
    /// character, every character pushed.
    fn compose_reporting_reference(s: &str) -> (String, bool) {
        if !has_marks(s) {
            return (s.to_string(), false);
        }
        let mut out = String::with_capacity(s.len());
        let mut reordered = false;
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
            if let Some(l) = vietnamese_cluster(c, &rest[len..len + marks_len]) {
                out.push(l);
                rest = &rest[len + marks_len..];
                continue;
            }
            len += marks_len;
            let (fixed, moved_apart) = compose_cluster(&rest[..len]);
            reordered |= moved_apart;
            out.push_str(&fixed);
            rest = &rest[len..];
        }
        (out, reordered)
    }

    /// Characters the byte walk of [`compose_reporting`] must tell apart:
    /// ASCII, letters below the marks, Vietnamese letters, marks of the
    /// U+0300 block and of other blocks (Cyrillic, Hebrew, symbols), Greek
    /// letters on the marks' lead byte, and four-byte characters.
    const COMPOSE_ALPHABET: &[char] = &[
        'a',
        'e',
        'o',
        'u',
        'y',
        'A',
        'E',
        'U',
        'n',
        't',
        ' ',
        '1',
        ',',
        'đ',
        'ă',
        'â',
        'ê',
        'ô',
        'ơ',
        'ư',
        'Ơ',
        'é',
        'ế',
        'ậ',
        'ừ',
        'Ỷ',
        '\u{300}',
        '\u{301}',
        '\u{302}',
        '\u{303}',
        '\u{306}',
        '\u{309}',
        '\u{31B}',
        '\u{323}',
        '\u{308}',
        '\u{36F}',
        '\u{370}',
        '\u{3B1}',
        '\u{483}',
        '\u{5B0}',
        '\u{1DC0}',
        '\u{20D0}',
        '\u{20DD}',
        '\u{FE20}',
        '²',
        'ﬁ',
        '\u{A0}',
        '😀',
        '\u{1D165}',
    ];

    proptest::proptest! {
        /// The byte walk is the character walk it replaced.
        #[test]
        fn compose_reporting_is_its_definition(
            picks in proptest::collection::vec(0..COMPOSE_ALPHABET.len(), 0..24)
        ) {
            let s: String = picks.iter().map(|&k| COMPOSE_ALPHABET[k]).collect();
            proptest::prop_assert_eq!(compose_reporting(&s), compose_reporting_reference(&s), "{:?}", s);
        }
    }

    #[test]
    fn compose_reporting_is_its_definition_on_samples() {
        for s in [
            "",
            "\u{301}",
            "\u{301}\u{302}a\u{301}",
            "a\u{301}",
            "Vie\u{301}\u{302}t Nam",
            "Ngu\u{31B}o\u{31B}\u{300}i đa\u{303} \u{20DD}x\u{483}\u{301}",
            "ơ\u{300} ư\u{323} Ơ\u{309} ế\u{300}",
            "😀\u{301}\u{1D165}e\u{302}\u{301}",
            "\u{3B1}\u{301} \u{370}\u{301} m² ﬁ\u{301}",
        ] {
            assert_eq!(
                compose_reporting(s),
                compose_reporting_reference(s),
                "{s:?}"
            );
        }
    }

    #[test]
    fn never_nfkc() {
        assert_eq!(compose("m² ﬁ e\u{301}"), "m² ﬁ é");
    }

    #[test]
    fn repeated_marks_are_dropped_and_the_letter_composed() {
        // `kieâán` in VNI: ê, a second circumflex, the acute.
        let (out, words) = drop_repeated_marks("Có kiê\u{302}\u{301}n thức").unwrap();
        assert_eq!(out, "Có kiến thức");
        assert_eq!(
            words,
            [("kiê\u{302}\u{301}n".to_string(), "kiến".to_string())]
        );
        // The same tone twice; a horn twice on ư.
        assert_eq!(drop_repeated_marks("đế\u{301}n").unwrap().0, "đến");
        assert_eq!(drop_repeated_marks("như\u{31B}").unwrap().0, "như");
        // A second, different tone, and marks that compose: left alone.
        assert_eq!(drop_repeated_marks("ế\u{300}"), None);
        assert_eq!(drop_repeated_marks("Vie\u{302}\u{301}t"), None);
        assert_eq!(drop_repeated_marks("Việt"), None);
    }
}
