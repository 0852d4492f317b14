//! Formatting a `.doc` reader needs: the font of each character and the
//! table marks of each paragraph.
//!
//! Fonts come from the font table (`SttbfFfn`), character formatting
//! (`PlcfBteChpx` → `ChpxFkp` pages → `sprmCRgFtc0`), the character style
//! (`sprmCIstd`) and the paragraph style (the `istd` of `PapxFkp` entries,
//! resolved through the stylesheet `STSH` and its base styles), down to the
//! document default. Paragraph properties give `sprmPFInTable` and
//! `sprmPFTtp` (a row-end mark). Everything is keyed by file offset (FC).

use super::bytes::{slice, u16_at, u32_at, u8_at};

/// `sprmCRgFtc0`: the font of ASCII characters.
const SPRM_C_RG_FTC0: u16 = 0x4A4F;
/// `sprmCRgFtc2`: the font of other (non-East-Asian) characters.
const SPRM_C_RG_FTC2: u16 = 0x4A51;
/// `sprmCFtcDefault` (older writers).
const SPRM_C_FTC_DEFAULT: u16 = 0x4A3D;
/// `sprmCIstd`: the character style.
const SPRM_C_ISTD: u16 = 0x4A30;
/// `sprmPFInTable`, `sprmPFTtp`, `sprmPFInnerTtp`, `sprmPItap`.
const SPRM_P_F_IN_TABLE: u16 = 0x2416;
const SPRM_P_F_TTP: u16 = 0x2417;
const SPRM_P_F_INNER_TTP: u16 = 0x244C;
const SPRM_P_ITAP: u16 = 0x6649;
/// `sprmTDefTable` and `sprmPChgTabs` have a two-byte or special length.
const SPRM_T_DEF_TABLE: u16 = 0xD608;
const SPRM_P_CHG_TABS: u16 = 0xC615;

/// Most styles followed up a base chain (a cycle ends there).
const MAX_STYLE_DEPTH: usize = 16;

/// Iterate the `(sprm, operand)` pairs of a grpprl; stops at the first that
/// does not fit.
pub fn sprms(grpprl: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let sprm = u16_at(grpprl, at)?;
        let op = at + 2;
        let len = match sprm >> 13 {
            0 | 1 => 1,
            2 | 4 | 5 => 2,
            3 => 4,
            7 => 3,
            _ => match sprm {
                SPRM_T_DEF_TABLE => u16_at(grpprl, op)? as usize + 1,
                SPRM_P_CHG_TABS => {
                    let cb = u8_at(grpprl, op)? as usize;
                    if cb == 255 {
                        // Rare long form: give up on the rest of the list.
                        return None;
                    }
                    cb + 1
                }
                _ => u8_at(grpprl, op)? as usize + 1,
            },
        };
        let operand = slice(grpprl, op, len)?;
        at = op + len;
        Some((sprm, operand))
    })
}

/// What a character's grpprl says about fonts.
///
/// Word draws ASCII characters in the `ftc0` font and other characters
/// (0x80 and up) in the `ftc2` font. Legacy bytes are all above 0x7F, so the
/// `ftc2` font is the one that says how they are meant: a run may name
/// `VNI-Times` for its ASCII letters and `.VnTime` for the rest.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CharProps {
    pub fonts: Fonts,
    pub istd: Option<u16>,
}

/// The ASCII (`ftc0`) and other (`ftc2`) fonts, where set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Fonts {
    pub ascii: Option<u16>,
    pub other: Option<u16>,
}

impl Fonts {
    /// Fill what is unset from `base`.
    pub fn or(self, base: Fonts) -> Fonts {
        Fonts {
            ascii: self.ascii.or(base.ascii),
            other: self.other.or(base.other),
        }
    }

    pub fn complete(self) -> bool {
        self.ascii.is_some() && self.other.is_some()
    }
}

fn char_props(grpprl: &[u8]) -> CharProps {
    let mut p = CharProps::default();
    for (sprm, op) in sprms(grpprl) {
        let v = u16_at(op, 0);
        match sprm {
            SPRM_C_RG_FTC0 => p.fonts.ascii = v,
            SPRM_C_RG_FTC2 => p.fonts.other = v,
            SPRM_C_FTC_DEFAULT => {
                p.fonts.ascii = p.fonts.ascii.or(v);
                p.fonts.other = p.fonts.other.or(v);
            }
            SPRM_C_ISTD => p.istd = v,
            _ => {}
        }
    }
    p
}

/// What a paragraph's PAPX says.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ParaProps {
    pub istd: u16,
    pub in_table: bool,
    /// The paragraph is a table row end.
    pub ttp: bool,
}

fn para_props(istd: u16, grpprl: &[u8]) -> ParaProps {
    let mut p = ParaProps {
        istd,
        ..Default::default()
    };
    for (sprm, op) in sprms(grpprl) {
        let on = op.first().is_some_and(|&b| b != 0);
        match sprm {
            SPRM_P_F_IN_TABLE => p.in_table = on,
            SPRM_P_F_TTP | SPRM_P_F_INNER_TTP => p.ttp |= on,
            SPRM_P_ITAP => p.in_table |= u32_at(op, 0).is_some_and(|v| v > 0),
            _ => {}
        }
    }
    p
}

/// Runs of properties by FC range, sorted, as read from FKP pages.
#[derive(Debug, Clone)]
pub struct Runs<T> {
    runs: Vec<(usize, usize, T)>,
}

impl<T: Copy + Default> Runs<T> {
    /// The properties at FC `fc` (the default where no run covers it).
    /// `hint` is the index found last time: text is read in FC order.
    pub fn at(&self, fc: usize, hint: &mut usize) -> T {
        if let Some(&(s, e, v)) = self.runs.get(*hint) {
            if s <= fc && fc < e {
                return v;
            }
        }
        let k = self.runs.partition_point(|r| r.0 <= fc);
        if k > 0 {
            let (_, e, v) = self.runs[k - 1];
            if fc < e {
                *hint = k - 1;
                return v;
            }
        }
        T::default()
    }
}

/// The 512-byte FKP pages of the `WordDocument` stream that a `PlcfBte*`
/// (FCs and page numbers) names, each once (a hostile table naming one page a
/// million times costs one page).
fn fkp_pages<'a>(w: &'a [u8], plc: &[u8]) -> Vec<&'a [u8]> {
    if plc.len() < 4 {
        return Vec::new();
    }
    let n = (plc.len() - 4) / 8;
    let mut pages = Vec::with_capacity(n);
    let mut seen = std::collections::HashSet::new();
    for i in 0..n {
        let Some(pn) = u32_at(plc, (n + 1) * 4 + i * 4) else {
            break;
        };
        let pn = (pn & 0x003F_FFFF) as usize;
        if !seen.insert(pn) {
            continue;
        }
        if let Some(p) = slice(w, pn * 512, 512) {
            pages.push(p);
        }
    }
    pages
}

/// Character runs from `PlcfBteChpx`.
pub fn chpx_runs(w: &[u8], plc: &[u8]) -> Runs<CharProps> {
    let mut runs = Vec::new();
    for page in fkp_pages(w, plc) {
        let crun = page[511] as usize;
        for i in 0..crun.min(101) {
            let (Some(s), Some(e)) = (u32_at(page, i * 4), u32_at(page, i * 4 + 4)) else {
                break;
            };
            let Some(off) = u8_at(page, (crun + 1) * 4 + i) else {
                break;
            };
            let props = if off == 0 {
                CharProps::default()
            } else {
                let at = off as usize * 2;
                let cb = u8_at(page, at).unwrap_or(0) as usize;
                char_props(slice(page, at + 1, cb).unwrap_or(&[]))
            };
            if e > s {
                runs.push((s as usize, e as usize, props));
            }
        }
    }
    sort_runs(runs)
}

/// Paragraph runs from `PlcfBtePapx`.
pub fn papx_runs(w: &[u8], plc: &[u8]) -> Runs<ParaProps> {
    let mut runs = Vec::new();
    for page in fkp_pages(w, plc) {
        let cpara = page[511] as usize;
        for i in 0..cpara.min(101) {
            let (Some(s), Some(e)) = (u32_at(page, i * 4), u32_at(page, i * 4 + 4)) else {
                break;
            };
            let Some(off) = u8_at(page, (cpara + 1) * 4 + i * 13) else {
                break;
            };
            let at = off as usize * 2;
            let props = match u8_at(page, at) {
                Some(0) => {
                    let cb = u8_at(page, at + 1).unwrap_or(0) as usize * 2;
                    papx_in_fkp(slice(page, at + 2, cb).unwrap_or(&[]))
                }
                Some(cb) => {
                    let cb = cb as usize * 2 - 1;
                    papx_in_fkp(slice(page, at + 1, cb).unwrap_or(&[]))
                }
                None => ParaProps::default(),
            };
            if e > s {
                runs.push((s as usize, e as usize, props));
            }
        }
    }
    sort_runs(runs)
}

fn papx_in_fkp(b: &[u8]) -> ParaProps {
    let istd = u16_at(b, 0).unwrap_or(0);
    para_props(istd, b.get(2..).unwrap_or(&[]))
}

fn sort_runs<T>(mut runs: Vec<(usize, usize, T)>) -> Runs<T> {
    runs.sort_by_key(|r| r.0);
    Runs { runs }
}

/// The font names of `SttbfFfn`, by index.
pub fn font_names(t: &[u8]) -> Vec<String> {
    let Some(mut count) = u16_at(t, 0) else {
        return Vec::new();
    };
    let mut at = 2;
    if count == 0xFFFF {
        count = u16_at(t, 2).unwrap_or(0);
        at = 4;
    }
    at += 2; // cbExtra
    let mut names = Vec::with_capacity(count as usize);
    for _ in 0..count {
        let Some(cb) = u8_at(t, at) else { break };
        let ffn = slice(t, at + 1, cb as usize).unwrap_or(&[]);
        // FFN: flags, wWeight, chs, ixchSzAlt, panose (10), fs (24), then
        // the name in UTF-16, zero-terminated.
        let name: Vec<u16> = ffn
            .get(39..)
            .unwrap_or(&[])
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .take_while(|&u| u != 0)
            .collect();
        names.push(String::from_utf16_lossy(&name));
        at += 1 + cb as usize;
    }
    names
}

/// The stylesheet: each style's base and font, and the document default.
#[derive(Debug, Clone, Default)]
pub struct Styles {
    /// `(istdBase, fonts)` by istd.
    styles: Vec<(u16, Fonts)>,
    default_fonts: Fonts,
}

impl Styles {
    /// Read `STSH`.
    pub fn parse(t: &[u8]) -> Styles {
        let mut out = Styles::default();
        let Some(cb_stshi) = u16_at(t, 0) else {
            return out;
        };
        let stshi = slice(t, 2, cb_stshi as usize).unwrap_or(&[]);
        let cstd = u16_at(stshi, 0).unwrap_or(0) as usize;
        let cb_base = u16_at(stshi, 2).unwrap_or(10) as usize;
        // rgftcStandardChpStsh: the default ASCII, East-Asian, other fonts.
        out.default_fonts = Fonts {
            ascii: u16_at(stshi, 12),
            other: u16_at(stshi, 16),
        };
        let mut at = 2 + cb_stshi as usize;
        for _ in 0..cstd {
            let Some(cb_std) = u16_at(t, at) else { break };
            let std = slice(t, at + 2, cb_std as usize).unwrap_or(&[]);
            at += 2 + cb_std as usize;
            out.styles.push(style(std, cb_base));
        }
        out
    }

    /// The fonts of style `istd`, following its base styles.
    pub fn fonts(&self, istd: u16) -> Fonts {
        let mut i = istd;
        let mut got = Fonts::default();
        for _ in 0..MAX_STYLE_DEPTH {
            let Some(&(base, fonts)) = self.styles.get(i as usize) else {
                break;
            };
            got = got.or(fonts);
            if got.complete() || base == 0x0FFF {
                break;
            }
            i = base;
        }
        got
    }

    pub fn default_fonts(&self) -> Fonts {
        self.default_fonts
    }
}

/// One `STD`: its base style and the fonts its character UPX sets.
fn style(std: &[u8], cb_base: usize) -> (u16, Fonts) {
    if std.is_empty() {
        return (0x0FFF, Fonts::default());
    }
    let w1 = u16_at(std, 2).unwrap_or(0);
    let sgc = w1 & 0x000F;
    let base = w1 >> 4;
    let cupx = (u16_at(std, 4).unwrap_or(0) & 0x000F) as usize;
    // The name: a length in characters, the UTF-16 text, a zero.
    let name_at = cb_base;
    let cch = u16_at(std, name_at).unwrap_or(0) as usize;
    let mut at = name_at + 2 + cch * 2 + 2;
    let mut font = Fonts::default();
    for k in 0..cupx.min(3) {
        at += at % 2;
        let Some(cb) = u16_at(std, at) else { break };
        let upx = slice(std, at + 2, cb as usize).unwrap_or(&[]);
        at += 2 + cb as usize;
        // Paragraph styles: UpxPapx (istd + grpprl) then UpxChpx; character
        // styles: UpxChpx first.
        let is_chpx = (sgc == 1 && k == 1) || (sgc == 2 && k == 0);
        if is_chpx {
            font = char_props(upx).fonts;
        }
    }
    (base, font)
}
