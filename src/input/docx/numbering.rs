//! Automatic list numbering: the markers Word draws but does not store.
//!
//! In a Word-made report the "I.", "1.", "a)" of headings and the "-" of
//! bullets are often not text but numbering (`w:numPr` on the paragraph or on
//! its style). Without them the section markers every later stage looks for
//! would be missing, so they are rendered here from `numbering.xml` (and the
//! [`Styles`] for numbering that comes with a paragraph style), counting in
//! document order as Word does.

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::NsReader;

use super::styles::Styles;
use super::wordml::{attr, is_ns, W_NS};

/// Levels of a list (Word allows 0..=8).
const LEVELS: usize = 9;

#[derive(Debug, Clone, Default, PartialEq)]
struct Level {
    start: u32,
    /// `decimal`, `upperRoman`, `lowerLetter`, `bullet`, `none`, ...
    fmt: String,
    /// `%1.` style template.
    text: String,
    /// `w:isLgl`: all levels' numbers shown as decimal.
    legal: bool,
}

#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: String,
    start_overrides: HashMap<usize, u32>,
}

/// Numbering definitions of one document.
#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    nums: HashMap<String, Num>,
    /// Current counters per list instance (`numId`).
    counters: HashMap<String, [Option<u32>; LEVELS]>,
}

/// Numbering-relevant properties of one paragraph.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParaProps {
    pub style: Option<String>,
    pub num_id: Option<String>,
    pub ilvl: Option<usize>,
}

impl Numbering {
    /// Parse `numbering.xml`. Damaged definitions give no numbering rather
    /// than an error: the text is still right, only the markers are missing.
    pub fn parse(numbering: &str) -> Self {
        let mut n = Numbering::default();
        if n.parse_numbering(numbering).is_err() {
            n.abstracts.clear();
            n.nums.clear();
        }
        n
    }

    pub fn is_empty(&self) -> bool {
        self.nums.is_empty()
    }

    /// The marker of a paragraph with these properties, advancing the counters;
    /// `None` when it is not numbered.
    pub fn marker(&mut self, p: &ParaProps, styles: &Styles) -> Option<String> {
        let (num_id, ilvl) = resolve(p, styles)?;
        let num = self.nums.get(&num_id)?;
        let levels = self.abstracts.get(&num.abstract_id)?;
        let level = levels.get(ilvl)?;
        let start_of = |l: usize| -> u32 {
            num.start_overrides
                .get(&l)
                .copied()
                .or_else(|| levels.get(l).map(|x| x.start))
                .unwrap_or(1)
        };
        let counters = self.counters.entry(num_id.clone()).or_default();
        counters[ilvl] = Some(match counters[ilvl] {
            Some(c) => c.saturating_add(1),
            None => start_of(ilvl),
        });
        for c in counters.iter_mut().skip(ilvl + 1) {
            *c = None;
        }
        if level.fmt == "bullet" {
            return Some(bullet(&level.text));
        }
        if level.fmt == "none" && !level.text.contains('%') {
            return (!level.text.trim().is_empty()).then(|| level.text.trim().to_string());
        }
        let mut out = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            let digit = chars.peek().and_then(|d| d.to_digit(10));
            match (c, digit) {
                ('%', Some(d)) if (1..=LEVELS as u32).contains(&d) => {
                    chars.next();
                    let l = d as usize - 1;
                    let value = counters[l].unwrap_or_else(|| start_of(l));
                    let fmt = if level.legal {
                        "decimal"
                    } else {
                        levels.get(l).map_or("decimal", |x| x.fmt.as_str())
                    };
                    out.push_str(&format_number(value, fmt));
                }
                _ => out.push(c),
            }
        }
        let out = out.trim().to_string();
        (!out.is_empty()).then_some(out)
    }

    fn parse_numbering(&mut self, xml: &str) -> Result<(), ()> {
        let mut r = NsReader::from_str(xml);
        let mut abs: Option<(String, Vec<Level>)> = None;
        let mut lvl: Option<(usize, Level)> = None;
        let mut num: Option<(String, Num)> = None;
        let mut override_lvl: Option<usize> = None;
        loop {
            let (ns, ev) = r.read_resolved_event().map_err(|_| ())?;
            let empty = matches!(ev, Event::Empty(_));
            match ev {
                Event::Start(e) | Event::Empty(e) if is_ns(&ns, W_NS) => {
                    match e.local_name().as_ref() {
                        b"abstractNum" if !empty => {
                            abs = Some((attr(&e, b"abstractNumId").unwrap_or_default(), vec![]))
                        }
                        b"lvl" if !empty && abs.is_some() => {
                            let i = attr(&e, b"ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                            lvl = Some((
                                i,
                                Level {
                                    start: 1,
                                    fmt: "decimal".into(),
                                    ..Default::default()
                                },
                            ));
                        }
                        b"start" => {
                            if let Some((_, l)) = lvl.as_mut() {
                                l.start = val_u32(&e).unwrap_or(1);
                            }
                        }
                        b"numFmt" => {
                            if let Some((_, l)) = lvl.as_mut() {
                                l.fmt = attr(&e, b"val").unwrap_or_default();
                            }
                        }
                        b"lvlText" => {
                            if let Some((_, l)) = lvl.as_mut() {
                                l.text = attr(&e, b"val").unwrap_or_default();
                            }
                        }
                        b"isLgl" => {
                            if let Some((_, l)) = lvl.as_mut() {
                                l.legal = attr(&e, b"val").is_none_or(|v| v != "0" && v != "false");
                            }
                        }
                        b"num" if !empty => {
                            num = Some((attr(&e, b"numId").unwrap_or_default(), Num::default()))
                        }
                        b"abstractNumId" => {
                            if let Some((_, n)) = num.as_mut() {
                                n.abstract_id = attr(&e, b"val").unwrap_or_default();
                            }
                        }
                        b"lvlOverride" if !empty => {
                            override_lvl = attr(&e, b"ilvl").and_then(|v| v.parse().ok())
                        }
                        b"startOverride" => {
                            if let (Some((_, n)), Some(l), Some(v)) =
                                (num.as_mut(), override_lvl, val_u32(&e))
                            {
                                n.start_overrides.insert(l, v);
                            }
                        }
                        _ => {}
                    }
                }
                Event::End(e) if is_ns(&ns, W_NS) => match e.local_name().as_ref() {
                    b"lvl" => {
                        if let (Some((i, l)), Some((_, levels))) = (lvl.take(), abs.as_mut()) {
                            if i < LEVELS {
                                if levels.len() <= i {
                                    levels.resize(i + 1, Level::default());
                                }
                                levels[i] = l;
                            }
                        }
                    }
                    b"abstractNum" => {
                        if let Some((id, levels)) = abs.take() {
                            self.abstracts.insert(id, levels);
                        }
                    }
                    b"num" => {
                        if let Some((id, n)) = num.take() {
                            self.nums.insert(id, n);
                        }
                    }
                    b"lvlOverride" => override_lvl = None,
                    _ => {}
                },
                Event::Eof => return Ok(()),
                _ => {}
            }
        }
    }
}

/// The list instance and level, from the paragraph or its style chain.
/// `numId` 0 switches numbering off.
fn resolve(p: &ParaProps, styles: &Styles) -> Option<(String, usize)> {
    let mut num_id = p.num_id.clone();
    let mut ilvl = p.ilvl;
    for s in styles.chain(p.style.as_deref()) {
        if num_id.is_some() && ilvl.is_some() {
            break;
        }
        if num_id.is_none() {
            num_id = s.num_id.clone();
        }
        if ilvl.is_none() {
            ilvl = s.ilvl;
        }
    }
    let num_id = num_id.filter(|n| n != "0")?;
    Some((num_id, ilvl.unwrap_or(0).min(LEVELS - 1)))
}

/// Bullets are written `-` (or `+` when that is the bullet), as in typed
/// Vietnamese reports: symbol-font glyphs mean nothing as text.
fn bullet(text: &str) -> String {
    match text.trim() {
        "+" => "+".into(),
        _ => "-".into(),
    }
}

/// A counter in one of Word's number formats (common ones; others decimal).
pub fn format_number(n: u32, fmt: &str) -> String {
    match fmt {
        "upperRoman" => roman(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperLetter" => letters(n),
        "lowerLetter" => letters(n).to_lowercase(),
        "decimalZero" if n < 10 => format!("0{n}"),
        "none" => String::new(),
        _ => n.to_string(),
    }
}

fn roman(n: u32) -> String {
    if n == 0 || n > 3999 {
        return n.to_string();
    }
    crate::lexicon::to_roman(n)
}

/// Word's letter numbering: A..Z, then AA..ZZ, AAA.. (the letter repeated).
fn letters(n: u32) -> String {
    if n == 0 {
        return "0".into();
    }
    let letter = (b'A' + ((n - 1) % 26) as u8) as char;
    let times = ((n - 1) / 26 + 1).min(100) as usize;
    std::iter::repeat_n(letter, times).collect()
}

fn val_u32(e: &BytesStart) -> Option<u32> {
    attr(e, b"val").and_then(|v| v.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn lvl(i: usize, fmt: &str, text: &str, start: u32) -> String {
        format!(
            r#"<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>"#
        )
    }

    fn numbering() -> (Numbering, Styles) {
        let xml = format!(
            r#"<w:numbering {W}><w:abstractNum w:abstractNumId="0">{}{}{}</w:abstractNum>
<w:abstractNum w:abstractNumId="1">{}</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num></w:numbering>"#,
            lvl(0, "upperRoman", "%1.", 1),
            lvl(1, "decimal", "%2.", 1),
            lvl(2, "lowerLetter", "%3)", 1),
            lvl(0, "bullet", "\u{F0B7}", 1),
        );
        let styles = format!(
            r#"<w:styles {W}><w:style w:styleId="Heading1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:styleId="Heading2"><w:basedOn w:val="Heading1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:styleId="Loop"><w:basedOn w:val="Loop"/></w:style></w:styles>"#
        );
        (Numbering::parse(&xml), Styles::parse(&styles))
    }

    fn p(num: Option<&str>, ilvl: Option<usize>, style: Option<&str>) -> ParaProps {
        ParaProps {
            style: style.map(str::to_string),
            num_id: num.map(str::to_string),
            ilvl,
        }
    }

    #[test]
    fn counts_levels_like_word() {
        let (mut n, s) = numbering();
        let got: Vec<Option<String>> = [
            p(Some("1"), Some(0), None),
            p(Some("1"), Some(1), None),
            p(Some("1"), Some(1), None),
            p(Some("1"), Some(2), None),
            p(Some("1"), Some(0), None),
            p(Some("1"), Some(1), None), // restarts under the new parent
            p(Some("2"), Some(0), None),
            p(Some("3"), Some(0), None), // starts at 3
            p(Some("0"), Some(0), None), // numbering switched off
            p(None, None, None),
        ]
        .iter()
        .map(|x| n.marker(x, &s))
        .collect();
        let want = ["I.", "1.", "2.", "a)", "II.", "1.", "-", "III."];
        let mut expected: Vec<Option<String>> = want.iter().map(|s| Some(s.to_string())).collect();
        expected.extend([None, None]);
        assert_eq!(got, expected);
    }

    #[test]
    fn numbering_from_styles() {
        let (mut n, s) = numbering();
        assert_eq!(
            n.marker(&p(None, None, Some("Heading1")), &s).as_deref(),
            Some("I.")
        );
        assert_eq!(
            n.marker(&p(None, None, Some("Heading2")), &s).as_deref(),
            Some("1.")
        );
        assert_eq!(n.marker(&p(None, None, Some("Loop")), &s), None);
        assert_eq!(n.marker(&p(None, None, Some("Nope")), &s), None);
    }

    #[test]
    fn number_formats() {
        assert_eq!(format_number(4, "upperRoman"), "IV");
        assert_eq!(format_number(1994, "upperRoman"), "MCMXCIV");
        assert_eq!(format_number(9, "lowerRoman"), "ix");
        assert_eq!(format_number(3, "lowerLetter"), "c");
        assert_eq!(format_number(28, "upperLetter"), "BB");
        assert_eq!(format_number(7, "decimalZero"), "07");
        assert_eq!(format_number(12, "decimal"), "12");
        assert_eq!(format_number(0, "upperRoman"), "0");
    }

    #[test]
    fn damaged_definitions_mean_no_numbering() {
        let mut n = Numbering::parse("<w:numbering><w:num");
        assert!(n.is_empty());
        let styles = Styles::default();
        assert_eq!(n.marker(&p(Some("1"), Some(0), None), &styles), None);
    }
}
