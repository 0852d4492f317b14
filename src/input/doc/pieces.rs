//! The piece table ([MS-DOC] 2.9.38 `Clx`): where each span of character
//! positions (CPs) is stored in the `WordDocument` stream, as 8-bit
//! (`fCompressed`, Windows-1252) or UTF-16 text. Fast-saved files chain many
//! pieces in any order; every piece is checked against the stream so a
//! hostile table cannot make the reader produce more text than the file holds.

use super::bytes::{u16_at, u32_at, u8_at};

/// One piece: CPs `cp..cp_end` stored from byte `fc` of the stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    pub cp: u32,
    pub cp_end: u32,
    /// Byte offset of the first character in `WordDocument`.
    pub fc: usize,
    /// One byte a character (else two, UTF-16LE).
    pub compressed: bool,
}

impl Piece {
    /// Byte offset of CP `cp` (inside the piece) in the stream.
    pub fn fc_of(&self, cp: u32) -> usize {
        let k = (cp - self.cp) as usize;
        if self.compressed {
            self.fc + k
        } else {
            self.fc + 2 * k
        }
    }
}

/// Read the pieces from the `Clx` bytes; `stream_len` is the length of the
/// `WordDocument` stream. Errors name what is wrong.
pub fn parse(clx: &[u8], stream_len: usize) -> Result<Vec<Piece>, String> {
    let mut at = 0;
    // Skip the Prc entries (formatting of pieces): clxt 1, cbGrpprl, grpprl.
    // Each step moves forward, so the loop ends.
    loop {
        match u8_at(clx, at) {
            Some(1) => {
                let cb = u16_at(clx, at + 1).ok_or("piece table cut short")? as usize;
                at += 3 + cb;
            }
            Some(2) => break,
            Some(x) => return Err(format!("piece table: unknown entry type {x}")),
            None => return Err("piece table: no Pcdt".into()),
        }
    }
    let lcb = u32_at(clx, at + 1).ok_or("piece table cut short")? as usize;
    let plc = clx
        .get(at + 5..)
        .and_then(|r| r.get(..lcb))
        .ok_or_else(|| format!("piece table: {lcb} bytes announced, fewer present"))?;
    if plc.len() < 4 || (plc.len() - 4) % 12 != 0 {
        return Err(format!("piece table: length {lcb} is not a PlcPcd"));
    }
    let n = (plc.len() - 4) / 12;
    let mut pieces = Vec::with_capacity(n);
    let mut total: u64 = 0;
    for i in 0..n {
        let cp = u32_at(plc, i * 4).ok_or("piece table cut short")?;
        let cp_end = u32_at(plc, (i + 1) * 4).ok_or("piece table cut short")?;
        if cp_end < cp {
            return Err(format!("piece table: piece {i} ends before it starts"));
        }
        let pcd = (n + 1) * 4 + i * 8;
        let fc_raw = u32_at(plc, pcd + 2).ok_or("piece table cut short")?;
        let compressed = fc_raw & 0x4000_0000 != 0;
        let fc = (fc_raw & 0x3FFF_FFFF) as usize;
        let fc = if compressed { fc / 2 } else { fc };
        let len = (cp_end - cp) as usize * if compressed { 1 } else { 2 };
        if fc.checked_add(len).is_none_or(|e| e > stream_len) {
            return Err(format!(
                "piece table: piece {i} ({len} bytes at {fc}) lies outside the text stream"
            ));
        }
        total += (cp_end - cp) as u64;
        if total > stream_len as u64 {
            return Err("piece table: more characters than the file holds".into());
        }
        pieces.push(Piece {
            cp,
            cp_end,
            fc,
            compressed,
        });
    }
    Ok(pieces)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clx(cps: &[u32], fcs: &[u32]) -> Vec<u8> {
        let mut plc = Vec::new();
        for c in cps {
            plc.extend(c.to_le_bytes());
        }
        for f in fcs {
            plc.extend([0, 0]);
            plc.extend(f.to_le_bytes());
            plc.extend([0, 0]);
        }
        let mut out = vec![1, 2, 0, 0xAA, 0xBB, 2];
        out.extend((plc.len() as u32).to_le_bytes());
        out.extend(plc);
        out
    }

    #[test]
    fn eight_bit_and_utf16_pieces() {
        let p = parse(&clx(&[0, 10, 15], &[0x4000_0000 | 2048, 3000]), 4096).unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!((p[0].fc, p[0].compressed), (1024, true));
        assert_eq!((p[1].fc, p[1].compressed), (3000, false));
        assert_eq!(p[1].fc_of(12), 3004);
    }

    #[test]
    fn hostile_tables_are_errors() {
        // A piece past the stream.
        assert!(parse(&clx(&[0, 10], &[5000]), 4096).is_err());
        // Decreasing CPs.
        assert!(parse(&clx(&[10, 0], &[0]), 4096).is_err());
        // Many pieces over the same bytes: more text than the stream.
        let n = 1000;
        let cps: Vec<u32> = (0..=n).map(|i| i * 100).collect();
        let fcs: Vec<u32> = (0..n).map(|_| 0x4000_0000).collect();
        let e = parse(&clx(&cps, &fcs), 4096).unwrap_err();
        assert!(e.contains("more characters"), "{e}");
        // An absurd count announced.
        let mut c = clx(&[0, 10], &[0]);
        c[6..10].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(parse(&c, 4096).is_err());
        assert!(parse(&[], 4096).is_err());
        assert!(parse(&[7], 4096).is_err());
    }
}
