//! The closing block: `Nơi nhận` (recipients) and the signature (authority,
//! title, name). PDF extraction interleaves the two columns, sometimes on the
//! same line (`Nơi nhận: TM. UỶ BAN NHÂN DÂN`), so every column fragment of
//! the block is classified on its own.

use crate::output::Signer;

use super::lines::{self, is_upper_text, Line};
use super::vocab::{
    APPENDIX_OPENERS, AUTHORITY_PREFIXES, CLOSING_OPENERS, DELEGATION_PREFIXES, RECIPIENT_OPENERS,
    SIGNER_TITLES,
};

/// Lines searched for a signature when there is no `Nơi nhận`.
const TAIL_LINES: usize = 40;

#[derive(Debug, Default)]
pub struct Closing {
    pub signer: Option<Signer>,
    pub recipients: Vec<String>,
}

pub fn read(all: &[Line]) -> Closing {
    let nonblank: Vec<&Line> = all.iter().filter(|l| !l.is_blank()).collect();
    let opener = nonblank
        .iter()
        .rposition(|l| starts_with_any(strip_emphasis(l.text), CLOSING_OPENERS));
    let start = opener.unwrap_or(nonblank.len().saturating_sub(TAIL_LINES));
    let end = nonblank[start..]
        .iter()
        .skip(1)
        .position(|l| starts_with_any(strip_emphasis(l.text), APPENDIX_OPENERS))
        .map_or(nonblank.len(), |p| start + 1 + p);

    let mut recipients: Vec<String> = Vec::new();
    let mut authorities: Vec<String> = Vec::new();
    let mut titles: Vec<String> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    // Whether the fragment before was a delegation authority line.
    let mut chain_open = false;
    for (k, l) in nonblank[start..end].iter().enumerate() {
        let mut text = l.text;
        if k == 0 && opener.is_some() {
            let s = strip_emphasis(text);
            let after = CLOSING_OPENERS
                .iter()
                .find_map(|o| s.strip_prefix(o))
                .unwrap_or(s);
            text = after.trim_start_matches([':', '*', '_', ' ']);
        }
        if crate::text::notes::marker_at(text).is_some() {
            // A footnote body the layout stage put after the signature.
            continue;
        }
        for (_, frag) in lines::column_fragments(text) {
            let f = frag.trim_matches(['*', '_']).trim();
            if f.is_empty() {
                continue;
            }
            let was_open = std::mem::replace(&mut chain_open, false);
            if opener.is_some() && is_recipient(f) {
                let item = f
                    .trim_start_matches(['-', '+', '•', '–', ' '])
                    .trim_end_matches([';', ',', '.', ' '])
                    .to_string();
                if !item.is_empty() {
                    recipients.push(lines::collapse_ws(&item));
                }
            } else if is_authority(f) {
                // `TL. CHỦ TỊCH` ⏎ `KT. CHÁNH VĂN PHÒNG`: one chain of
                // delegation, read as one authority.
                let delegation = starts_with_any(f, DELEGATION_PREFIXES);
                match authorities.last_mut() {
                    Some(prev) if was_open && delegation => {
                        prev.push(' ');
                        prev.push_str(&lines::collapse_ws(f));
                    }
                    _ => authorities.push(lines::collapse_ws(f)),
                }
                chain_open = delegation;
                continue;
            } else if is_title(f, !authorities.is_empty()) {
                titles.push(lines::collapse_ws(f));
            } else if is_person_name(f) {
                names.push(lines::collapse_ws(f));
            } else if opener.is_some()
                && lines::starts_lower(f)
                && !recipients.is_empty()
                && names.is_empty()
            {
                // A recipient wrapped onto the next line.
                if let Some(last) = recipients.last_mut() {
                    last.push(' ');
                    last.push_str(&lines::collapse_ws(f.trim_end_matches([';', ',', '.'])));
                }
            }
        }
    }
    let authority = authorities
        .iter()
        .rev()
        .find(|a| starts_with_any(a, DELEGATION_PREFIXES))
        .or_else(|| authorities.first())
        .cloned();
    // A name set in capitals (`NGUYỄN VĂN AN`) reads as a second title line.
    if names.is_empty() && titles.len() >= 2 {
        if let Some(last) = titles.last() {
            let words = last.split_whitespace().count();
            if !starts_with_any(last, SIGNER_TITLES) && (2..=6).contains(&words) {
                names.push(last.clone());
                titles.pop();
            }
        }
    }
    let signer = (authority.is_some() || !titles.is_empty() || !names.is_empty()).then(|| Signer {
        name: names.last().cloned(),
        title: titles.first().cloned(),
        authority,
    });
    Closing {
        signer,
        recipients: if opener.is_some() {
            recipients
        } else {
            Vec::new()
        },
    }
}

fn strip_emphasis(t: &str) -> &str {
    t.trim_start_matches(['*', '_'])
}

fn starts_with_any(s: &str, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|p| s.starts_with(p))
}

/// A recipient item: a bullet, `Như trên`/`Lưu`, or an unbulleted item that
/// ends like a list item (`Sở NN&PTNT;`) and is not part of the signature.
fn is_recipient(f: &str) -> bool {
    f.starts_with(['-', '+', '•', '–'])
        || starts_with_any(f, RECIPIENT_OPENERS)
        || (f.ends_with([';', ',']) && !is_authority(f) && !is_upper_text(f))
}

fn is_authority(f: &str) -> bool {
    starts_with_any(f, AUTHORITY_PREFIXES) && is_upper_text(f)
}

/// `PHÓ CHỦ TỊCH`, `BÍ THƯ`, or any short uppercase line under an authority line.
fn is_title(f: &str, after_authority: bool) -> bool {
    is_upper_text(f)
        && !f.chars().any(|c| c.is_ascii_digit())
        && f.chars().count() <= 60
        && (starts_with_any(f, SIGNER_TITLES) || after_authority)
}

/// Two to six capitalized words of letters: `Mai Thị Cẩm Hồng`.
fn is_person_name(f: &str) -> bool {
    let words: Vec<&str> = f.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && words.iter().all(|w| {
            let mut cs = w.chars();
            cs.next().is_some_and(char::is_uppercase)
                && cs.all(|c| c.is_lowercase() || is_combining(c))
        })
}

fn is_combining(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn closing(text: &str) -> Closing {
        read(&lines::split(text))
    }

    #[test]
    fn interleaved_columns_are_separated() {
        let c = closing(
            "./.\nNơi nhận: TM. UỶ BAN NHÂN DÂN\n- Sở NN&PTNT Tỉnh;\n- Lưu: VT, NC (AT).\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nMai Thị Cẩm Hồng\n",
        );
        assert_eq!(c.recipients, vec!["Sở NN&PTNT Tỉnh", "Lưu: VT, NC (AT)"]);
        let s = c.signer.expect("signer");
        assert_eq!(s.authority.as_deref(), Some("KT. CHỦ TỊCH"));
        assert_eq!(s.title.as_deref(), Some("PHÓ CHỦ TỊCH"));
        assert_eq!(s.name.as_deref(), Some("Mai Thị Cẩm Hồng"));
    }

    #[test]
    fn a_name_in_capitals_is_the_name() {
        let c = closing(
            "Nơi nhận:\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNGUYỄN VĂN AN\n[^1]: Ghi chú,\n",
        );
        let s = c.signer.expect("signer");
        assert_eq!(s.title.as_deref(), Some("PHÓ CHỦ TỊCH"));
        assert_eq!(s.name.as_deref(), Some("NGUYỄN VĂN AN"));
        assert_eq!(c.recipients, vec!["Lưu: VT"]);
    }

    #[test]
    fn unbulleted_recipients_are_read() {
        let c = closing("Nơi nhận:\nSở NN&PTNT;\nUBND huyện,\nLưu: VT.\nGIÁM ĐỐC\nLê Văn Bình\n");
        assert_eq!(c.recipients, vec!["Sở NN&PTNT", "UBND huyện", "Lưu: VT"]);
        assert_eq!(
            c.signer.and_then(|s| s.name).as_deref(),
            Some("Lê Văn Bình")
        );
    }

    #[test]
    fn same_line_columns_and_bold_markers() {
        let c = closing(
            "Nơi nhận:                    T/M HUYỆN ỦY\n- Thường trực Tỉnh ủy (B/c),      BÍ THƯ\n- Lưu Văn phòng huyện ủy.\n**Nguyễn Hữu Tuấn**\n",
        );
        assert_eq!(
            c.recipients,
            vec!["Thường trực Tỉnh ủy (B/c)", "Lưu Văn phòng huyện ủy"]
        );
        let s = c.signer.expect("signer");
        assert_eq!(s.authority.as_deref(), Some("T/M HUYỆN ỦY"));
        assert_eq!(s.title.as_deref(), Some("BÍ THƯ"));
        assert_eq!(s.name.as_deref(), Some("Nguyễn Hữu Tuấn"));
    }

    #[test]
    fn a_chain_of_delegation_is_one_authority() {
        let c = closing(
            "Nơi nhận:\n- Lưu: VT.\nTL. CHỦ TỊCH\nKT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\nLê Văn Bình\n",
        );
        let s = c.signer.expect("signer");
        assert_eq!(
            s.authority.as_deref(),
            Some("TL. CHỦ TỊCH KT. CHÁNH VĂN PHÒNG")
        );
        assert_eq!(s.title.as_deref(), Some("PHÓ CHÁNH VĂN PHÒNG"));
        let c = closing(
            "Nơi nhận:\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Văn Bình\n",
        );
        let s = c.signer.expect("signer");
        assert_eq!(s.authority.as_deref(), Some("KT. CHỦ TỊCH"));
    }
}
