//! Tone-mark placement: one consistent style, misplaced tones repaired.
//!
//! `hòa/hoà`, `thủy/thuỷ`, `Ủy/Uỷ` are two accepted styles (they differ only
//! for the open rimes oa, oe, uy); `điạ`, `qúy`, `lựơng`, `nghịêm` are errors
//! under both. The syllable grammar says where each style puts the tone.

use super::chars::{self, compose};
use super::syllable;

pub use crate::options::ToneStyle;

/// What a retone did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Retoned {
    /// The tone sat where no accepted style puts it (`điạ` → `địa`).
    Misplaced(String),
    /// An accepted style converted to the chosen one (`hoà` → `hòa`).
    Style(String),
}

/// Move the tone of one word (letters only) where `style` wants it, or `None`
/// if it is already there or the word is not a syllable.
pub fn retone(word: &str, style: ToneStyle) -> Option<Retoned> {
    // Only a toned word with two vowels or more can have its tone elsewhere.
    let (mut vowels, mut toned) = (0, false);
    for c in word.chars() {
        if let Some(v) = chars::vowel(c) {
            vowels += 1;
            toned |= v.tone != 0;
        }
    }
    if vowels < 2 || !toned {
        return None;
    }
    let p = syllable::parse(word)?;
    let at = p.tone_at?;
    let placed_well = p.placed_well();
    let target = match style {
        ToneStyle::Classic => p.classic,
        ToneStyle::Modern => p.modern,
        ToneStyle::Keep if placed_well => return None,
        ToneStyle::Keep => p.classic,
    };
    if target == at {
        return None;
    }
    let mut out = String::with_capacity(word.len() + 2);
    for (i, c) in word.chars().enumerate() {
        let c = match chars::vowel(c) {
            Some(v) if i == at => compose(v.base, 0, v.upper),
            Some(v) if i == target => compose(v.base, p.tone, v.upper),
            _ => c,
        };
        out.push(c);
    }
    Some(if placed_well {
        Retoned::Style(out)
    } else {
        Retoned::Misplaced(out)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(w: &str, s: ToneStyle) -> Option<String> {
        retone(w, s).map(|r| match r {
            Retoned::Misplaced(x) | Retoned::Style(x) => x,
        })
    }

    #[test]
    fn errors_are_repaired_in_every_style() {
        for s in [ToneStyle::Classic, ToneStyle::Modern, ToneStyle::Keep] {
            assert_eq!(fixed("điạ", s).as_deref(), Some("địa"));
            assert_eq!(fixed("qúy", s).as_deref(), Some("quý"));
            assert_eq!(fixed("lựơng", s).as_deref(), Some("lượng"));
            assert_eq!(fixed("nghịêm", s).as_deref(), Some("nghiệm"));
            assert_eq!(fixed("Qúy", s).as_deref(), Some("Quý"));
        }
        assert!(matches!(
            retone("điạ", ToneStyle::Classic),
            Some(Retoned::Misplaced(_))
        ));
    }

    #[test]
    fn styles() {
        use ToneStyle::*;
        assert_eq!(fixed("hoà", Classic).as_deref(), Some("hòa"));
        assert_eq!(fixed("thuỷ", Classic).as_deref(), Some("thủy"));
        assert_eq!(fixed("Uỷ", Classic).as_deref(), Some("Ủy"));
        assert_eq!(fixed("UỶ", Classic).as_deref(), Some("ỦY"));
        assert_eq!(fixed("hòa", Modern).as_deref(), Some("hoà"));
        assert_eq!(fixed("thủy", Modern).as_deref(), Some("thuỷ"));
        assert_eq!(fixed("hoà", Keep), None);
        assert_eq!(fixed("hòa", Classic), None);
        // Closed syllables and other rimes have one place only.
        assert_eq!(fixed("hoàng", Classic), None);
        assert_eq!(fixed("quý", Classic), None);
        assert_eq!(fixed("người", Modern), None);
        assert_eq!(fixed("khuya", Modern), None);
        assert!(matches!(retone("hoà", Classic), Some(Retoned::Style(_))));
    }
}
