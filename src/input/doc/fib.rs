//! The File Information Block at the start of the `WordDocument` stream
//! ([MS-DOC] 2.5.1): the version, the flags, the text lengths of each
//! sub-document and where the tables (piece table, formatting, fonts, notes)
//! sit in the table stream.

use super::bytes::{u16_at, u32_at};

/// The `wIdent` of a Word binary document.
const WORD_IDENT: u16 = 0xA5EC;
/// The lowest `nFib` of Word 97 and later (Word 6 and 95 write 101..=105).
pub const NFIB_WORD97: u16 = 0xC0;

/// Indexes into `FibRgFcLcb97` (pairs of offset and length).
pub mod lcb {
    pub const STSHF: usize = 1;
    pub const PLCFFND_REF: usize = 2;
    pub const PLCFFND_TXT: usize = 3;
    pub const PLCF_HDD: usize = 11;
    pub const PLCF_BTE_CHPX: usize = 12;
    pub const PLCF_BTE_PAPX: usize = 13;
    pub const STTBF_FFN: usize = 15;
    pub const CLX: usize = 33;
    pub const PLC_SPA_MOM: usize = 40;
    pub const PLCFEND_REF: usize = 46;
    pub const PLCFEND_TXT: usize = 47;
    pub const DGG_INFO: usize = 50;
    pub const PLCFTXBX_TXT: usize = 56;
}

/// What the reader needs from the FIB.
#[derive(Debug, Clone, Default)]
pub struct Fib {
    pub encrypted: bool,
    pub obfuscated: bool,
    /// The table stream is `1Table` (else `0Table`).
    pub table1: bool,
    /// Character counts of the main text, footnotes, headers, comments,
    /// endnotes and text boxes (`ccpText`, `ccpFtn`, `ccpHdd`, `ccpAtn`,
    /// `ccpEdn`, `ccpTxbx`).
    pub ccp_text: u32,
    pub ccp_ftn: u32,
    pub ccp_hdd: u32,
    pub ccp_atn: u32,
    pub ccp_edn: u32,
    pub ccp_txbx: u32,
    /// `(fc, lcb)` pairs of `FibRgFcLcb`.
    pub fc_lcb: Vec<(u32, u32)>,
}

impl Fib {
    /// `(offset, length)` of table `i` in the table stream, if present.
    pub fn table(&self, i: usize) -> Option<(usize, usize)> {
        let &(fc, lcb) = self.fc_lcb.get(i)?;
        (lcb > 0).then_some((fc as usize, lcb as usize))
    }
}

/// Why a FIB cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FibError {
    /// Not a Word binary document (no `wIdent`).
    NotWord,
    /// Word 6 or 95 (`nFib` given).
    TooOld(u16),
    /// The FIB is cut short.
    Truncated,
}

/// Read the FIB from the start of the `WordDocument` stream.
pub fn parse(w: &[u8]) -> Result<Fib, FibError> {
    let ident = u16_at(w, 0).ok_or(FibError::Truncated)?;
    if ident != WORD_IDENT {
        return Err(FibError::NotWord);
    }
    let n_fib = u16_at(w, 2).ok_or(FibError::Truncated)?;
    if n_fib < NFIB_WORD97 {
        return Err(FibError::TooOld(n_fib));
    }
    let flags = u16_at(w, 0x0A).ok_or(FibError::Truncated)?;
    // FibBase is 32 bytes; then csw u16 and fibRgW (csw u16s), cslw u16 and
    // fibRgLw (cslw u32s), cbRgFcLcb u16 and the (fc, lcb) pairs.
    let mut at = 32;
    let csw = u16_at(w, at).ok_or(FibError::Truncated)? as usize;
    at += 2 + csw * 2;
    let cslw = u16_at(w, at).ok_or(FibError::Truncated)? as usize;
    let rg_lw = at + 2;
    at = rg_lw + cslw * 4;
    let lw = |i: usize| -> Result<u32, FibError> {
        if i >= cslw {
            return Ok(0);
        }
        u32_at(w, rg_lw + i * 4).ok_or(FibError::Truncated)
    };
    let n_pairs = u16_at(w, at).ok_or(FibError::Truncated)? as usize;
    at += 2;
    let mut fc_lcb = Vec::with_capacity(n_pairs.min(256));
    for i in 0..n_pairs.min(256) {
        let fc = u32_at(w, at + i * 8).ok_or(FibError::Truncated)?;
        let lcb = u32_at(w, at + i * 8 + 4).ok_or(FibError::Truncated)?;
        fc_lcb.push((fc, lcb));
    }
    Ok(Fib {
        encrypted: flags & 0x0100 != 0,
        obfuscated: flags & 0x8000 != 0,
        table1: flags & 0x0200 != 0,
        ccp_text: lw(3)?,
        ccp_ftn: lw(4)?,
        ccp_hdd: lw(5)?,
        ccp_atn: lw(7)?,
        ccp_edn: lw(8)?,
        ccp_txbx: lw(9)?,
        fc_lcb,
    })
}
