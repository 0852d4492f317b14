//! The issuer in one canonical form, with the form as written kept beside it.
//!
//! Headers write the same body many ways (`ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG`,
//! `UBND TỈNH LÂM ĐỒNG`, `Ủy ban nhân dân tỉnh Lâm Đồng`), and a department
//! writes only its own name under its parent's (`UBND TỈNH LÂM ĐỒNG` ⏎
//! `SỞ NỘI VỤ`). Cross-document checks and datasets need one name per body,
//! so the issuer is written the way running text names it: the short form of
//! the people's bodies (`UBND`, `HĐND`), level words in lower case, names of
//! places in title case, specialised bodies with their first word capitalised
//! (`Sở Nội vụ`, `Sở Khoa học và Công nghệ`) and, under a unit's committee,
//! followed by that unit (`Sở Nội vụ tỉnh Lâm Đồng`). The vocabulary is in
//! [`super::vocab`].

use super::vocab::{BODY_HEADS, BODY_SHORT_FORMS, LEVEL_COMMITTEES, LEVEL_WORDS};

/// The issuer read from a header or a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Issuer {
    /// The canonical form.
    pub canonical: String,
    /// The parent body's canonical form, for a department under its unit.
    pub parent: Option<String>,
}

/// The canonical issuer from its line as written and, for a two-line header,
/// the line above it (the parent).
pub fn resolve(written: &str, above: Option<&str>) -> Issuer {
    let own = canonical(written);
    let parent = above.map(canonical);
    // A specialised body under a unit's people's committee is that unit's.
    let unit = parent.as_deref().and_then(unit_of_committee);
    match (body_head(&own), unit) {
        (Some(_), Some(unit)) if !own.contains(&unit) => Issuer {
            canonical: format!("{own} {unit}"),
            parent,
        },
        _ => Issuer {
            canonical: own,
            parent: parent.filter(|p| p != written),
        },
    }
}

/// `UBND tỉnh Lâm Đồng` → `tỉnh Lâm Đồng`.
fn unit_of_committee(canonical: &str) -> Option<String> {
    let rest = canonical
        .strip_prefix("UBND ")
        .or_else(|| canonical.strip_prefix("HĐND "))?;
    LEVEL_WORDS
        .iter()
        .any(|l| starts_with_words(rest, l))
        .then(|| rest.to_string())
}

/// The body head word a canonical name starts with (`Sở`, `Bộ`).
fn body_head(canonical: &str) -> Option<&'static str> {
    let lower = canonical.to_lowercase();
    BODY_HEADS
        .iter()
        .copied()
        .find(|h| starts_with_words(&lower, h))
}

fn starts_with_words(s: &str, head: &str) -> bool {
    s.strip_prefix(head)
        .is_some_and(|r| r.is_empty() || r.starts_with(' '))
}

/// One body's name in the canonical form; a form not recognised is kept as
/// written (spaces collapsed).
pub fn canonical(written: &str) -> String {
    let words: Vec<&str> = written.split_whitespace().collect();
    let joined = words.join(" ");
    let lower = joined.to_lowercase();
    for (long, short) in BODY_SHORT_FORMS {
        if starts_with_words(&lower, long) {
            let rest = &joined[prefix_len(&joined, long)..];
            return format!(
                "{short}{}",
                unit_name(rest.trim()).map_or(String::new(), |u| format!(" {u}"))
            );
        }
    }
    for c in LEVEL_COMMITTEES {
        if starts_with_words(&lower, c) {
            let rest = joined[prefix_len(&joined, c)..].trim();
            return format!("{}{}", capitalise(c), place_suffix(rest));
        }
    }
    if body_head(&joined).is_some() {
        return agency_name(&words);
    }
    joined
}

/// Bytes of `s` that its lowercase prefix `head` (whole words) covers.
fn prefix_len(s: &str, head: &str) -> usize {
    let n = head.split_whitespace().count();
    let mut seen = 0;
    for (i, c) in s.char_indices() {
        if c == ' ' {
            seen += 1;
            if seen == n {
                return i;
            }
        }
    }
    s.len()
}

/// `TỈNH LÂM ĐỒNG` → `tỉnh Lâm Đồng`; a name without a level word is title-cased.
fn unit_name(rest: &str) -> Option<String> {
    if rest.is_empty() {
        return None;
    }
    let lower = rest.to_lowercase();
    for l in LEVEL_WORDS {
        if starts_with_words(&lower, l) {
            let name = rest[prefix_len(rest, l)..].trim();
            return Some(format!("{l}{}", place_suffix(name)));
        }
    }
    Some(title_case(rest))
}

fn place_suffix(name: &str) -> String {
    if name.is_empty() {
        String::new()
    } else {
        format!(" {}", title_case(name))
    }
}

/// Each word with a capital first letter (`LÂM ĐỒNG` → `Lâm Đồng`); words
/// without a vowel are abbreviations and stay as written.
fn title_case(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            if is_abbreviation(w) {
                w.to_string()
            } else {
                capitalise(&w.to_lowercase())
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `SỞ KHOA HỌC VÀ CÔNG NGHỆ` → `Sở Khoa học và Công nghệ`: the head word
/// and the first word of each part of the name capitalised, abbreviations
/// (`PTNT`) kept, the rest lowercase.
fn agency_name(words: &[&str]) -> String {
    let head_len = body_head(&words.join(" ")).map_or(1, |h| h.split_whitespace().count());
    let mut out = Vec::with_capacity(words.len());
    let mut capital_next = true;
    for (i, w) in words.iter().enumerate() {
        let lower = w.to_lowercase();
        let word = if is_abbreviation(w) {
            w.to_string()
        } else if i == 0 || (capital_next && i >= head_len) {
            capitalise(&lower)
        } else {
            lower.clone()
        };
        capital_next = i + 1 == head_len || lower == "và";
        out.push(word);
    }
    out.join(" ")
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A word with no vowel is an abbreviation (`PTNT`, `CCHC`); so are the
/// short forms of the people's bodies.
fn is_abbreviation(w: &str) -> bool {
    const VOWELS: &str = "aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ";
    let lower = w.to_lowercase();
    BODY_SHORT_FORMS.iter().any(|(_, s)| *s == w)
        || (w.chars().any(char::is_alphabetic) && !lower.chars().any(|c| VOWELS.contains(c)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_form_for_each_body() {
        for (written, want) in [
            ("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "UBND tỉnh Lâm Đồng"),
            ("UBND TỈNH LÂM ĐỒNG", "UBND tỉnh Lâm Đồng"),
            ("Ủy ban nhân dân tỉnh Lâm Đồng", "UBND tỉnh Lâm Đồng"),
            ("ỦY BAN NHÂN DÂN THÀNH PHỐ SA ĐÉC", "UBND thành phố Sa Đéc"),
            ("UBND Phường Nghĩa Lộ", "UBND phường Nghĩa Lộ"),
            ("HUYỆN ỦY MỘ ĐỨC", "Huyện ủy Mộ Đức"),
            ("BỘ NỘI VỤ", "Bộ Nội vụ"),
            ("SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Sở Khoa học và Công nghệ"),
            ("PHÒNG NÔNG NGHIỆP VÀ PTNT", "Phòng Nông nghiệp và PTNT"),
        ] {
            assert_eq!(canonical(written), want, "{written}");
        }
    }

    #[test]
    fn a_department_under_its_province() {
        let i = resolve("SỞ NỘI VỤ", Some("UBND TỈNH LÂM ĐỒNG"));
        assert_eq!(i.canonical, "Sở Nội vụ tỉnh Lâm Đồng");
        assert_eq!(i.parent.as_deref(), Some("UBND tỉnh Lâm Đồng"));
        let i = resolve("PHÒNG NÔNG NGHIỆP VÀ PTNT", Some("UBND HUYỆN SƠN TỊNH"));
        assert_eq!(i.canonical, "Phòng Nông nghiệp và PTNT huyện Sơn Tịnh");
        // A commune's committee under its district's is itself the issuer.
        let i = resolve("UBND XÃ PHƯỚC HÒA", Some("UBND HUYỆN TÂN PHƯỚC"));
        assert_eq!(i.canonical, "UBND xã Phước Hòa");
        assert_eq!(i.parent.as_deref(), Some("UBND huyện Tân Phước"));
    }
}
