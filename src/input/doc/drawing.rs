//! Text boxes and where they stand ([MS-DOC] 2.4.2, 2.9.83, [MS-ODRAW]).
//!
//! A text box's text is not in the main text: all boxes share a story of
//! their own (after the main text, notes, headers, comments and endnotes),
//! cut into boxes by `PlcftxbxTxt`, whose entries name the shape holding
//! each box (`lid`). Shapes are placed in the main text by `PlcSpaMom`: an
//! anchor character position and the shape's id (`spid`). A box inside a
//! group of shapes (an organisation chart, a network drawing) has no anchor
//! of its own: the group has, and the group's members are found in the
//! OfficeArt drawing (`DggInfo`), a tree of records where each top-level
//! group container holds its members' shape records.

use std::collections::HashMap;
use std::ops::Range;

use super::bytes::{u16_at, u32_at};

/// One text box: its CP range within the text-box story, and the main-text
/// CP of the shape (or group) it sits in, when one is found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextBox {
    pub range: Range<u32>,
    pub anchor: Option<u32>,
}

/// Size of an `FTXBXS` (the data of a `PlcftxbxTxt` entry).
const FTXBXS: usize = 22;
/// Offsets in an `FTXBXS` of `fReusable` (an unused slot) and `lid`.
const FTXBXS_REUSABLE: usize = 8;
const FTXBXS_LID: usize = 14;
/// Size of an `FSPA` (the data of a `PlcSpa` entry); `spid` comes first.
const FSPA: usize = 26;
/// Most text boxes read (a hostile table cannot make the reader loop).
const MAX_BOXES: usize = 10_000;
/// Deepest nesting of OfficeArt containers followed.
const MAX_DEPTH: usize = 32;

/// OfficeArt record types.
const DGG_CONTAINER: u16 = 0xF000;
const DG_CONTAINER: u16 = 0xF002;
const SPGR_CONTAINER: u16 = 0xF003;
const FSP: u16 = 0xF00A;

/// The text boxes of a document, in story order: `plc_txbx` is the
/// `PlcftxbxTxt`, `plc_spa` the main text's `PlcSpaMom`, `dgg` the
/// `DggInfo`, `story_len` the story's length (`ccpTxbx`). Boxes whose
/// range falls outside the story, or overlaps the box before, are dropped.
pub fn text_boxes(plc_txbx: &[u8], plc_spa: &[u8], dgg: &[u8], story_len: u32) -> Vec<TextBox> {
    let n = plc_txbx.len().saturating_sub(4) / (4 + FTXBXS);
    if n == 0 || story_len == 0 {
        return Vec::new();
    }
    let anchors = shape_anchors(plc_spa);
    let groups = group_of_shape(dgg);
    let data = (n + 1) * 4;
    // Boxes follow one another in the story: one that starts before the
    // last one ended is damage, and skipping it keeps the text read at most
    // once whatever the table says.
    let mut out = Vec::new();
    let mut read_to = 0;
    for i in 0..n.min(MAX_BOXES) {
        let (Some(start), Some(end)) = (u32_at(plc_txbx, i * 4), u32_at(plc_txbx, i * 4 + 4))
        else {
            break;
        };
        let entry = data + i * FTXBXS;
        let unused = u16_at(plc_txbx, entry + FTXBXS_REUSABLE).is_none_or(|r| r != 0);
        if unused || start < read_to || start >= end || end > story_len {
            continue;
        }
        let Some(lid) = u32_at(plc_txbx, entry + FTXBXS_LID) else {
            continue;
        };
        read_to = end;
        let shape = groups.get(&lid).copied().unwrap_or(lid);
        out.push(TextBox {
            range: start..end,
            anchor: anchors.get(&shape).copied(),
        });
    }
    out
}

/// Shape id to anchor CP, from a `PlcSpa` (the first anchor of a shape).
fn shape_anchors(plc: &[u8]) -> HashMap<u32, u32> {
    let n = plc.len().saturating_sub(4) / (4 + FSPA);
    let mut out = HashMap::new();
    for i in 0..n.min(MAX_BOXES) {
        if let (Some(cp), Some(spid)) = (u32_at(plc, i * 4), u32_at(plc, (n + 1) * 4 + i * FSPA)) {
            out.entry(spid).or_insert(cp);
        }
    }
    out
}

/// The top-level shape of every shape in the main document's drawing: a
/// shape of a group maps to the group's own shape (the first shape record
/// of the group's container), which is the one anchored in the text.
/// Shapes not in a group are left out (they stand for themselves).
fn group_of_shape(dgg: &[u8]) -> HashMap<u32, u32> {
    let mut out = HashMap::new();
    // `OfficeArtContent`: the drawing group, then per drawing a byte saying
    // whose it is (0: the main document) and its `OfficeArtDgContainer`.
    let mut at = match header(dgg, 0) {
        Some((DGG_CONTAINER, _, end)) => end,
        _ => return out,
    };
    while let (Some(&owner), Some((kind, body, end))) = (dgg.get(at), header(dgg, at + 1)) {
        if owner == 0 && kind == DG_CONTAINER {
            for (kind, root, root_end) in children(dgg, body, end) {
                if kind == SPGR_CONTAINER {
                    // The root group's children are the top-level shapes.
                    for (kind, child, child_end) in children(dgg, root, root_end) {
                        if kind == SPGR_CONTAINER {
                            let mut ids = Vec::new();
                            shape_ids(dgg, child, child_end, 0, &mut ids);
                            if let Some(&top) = ids.first() {
                                for id in ids {
                                    out.insert(id, top);
                                }
                            }
                        }
                    }
                }
            }
        }
        at = end;
    }
    out
}

/// Every shape id under the container body `at..end`, in record order.
fn shape_ids(b: &[u8], at: usize, end: usize, depth: usize, out: &mut Vec<u32>) {
    if depth > MAX_DEPTH || out.len() > MAX_BOXES {
        return;
    }
    for (kind, body, body_end) in children(b, at, end) {
        if kind == FSP {
            if let Some(id) = u32_at(b, body) {
                out.push(id);
            }
        } else if is_container(b, body - 8) {
            shape_ids(b, body, body_end, depth + 1, out);
        }
    }
}

/// Whether the record whose header starts at `at` is a container
/// (`recVer` 0xF).
fn is_container(b: &[u8], at: usize) -> bool {
    u16_at(b, at).is_some_and(|v| v & 0xF == 0xF)
}

/// The record header at `at`: type, body start, body end (clamped to `b`).
fn header(b: &[u8], at: usize) -> Option<(u16, usize, usize)> {
    let kind = u16_at(b, at + 2)?;
    let len = u32_at(b, at + 4)? as usize;
    let body = at + 8;
    Some((kind, body, body.saturating_add(len).min(b.len())))
}

/// The records directly inside the body `at..end`.
fn children(b: &[u8], mut at: usize, end: usize) -> impl Iterator<Item = (u16, usize, usize)> + '_ {
    std::iter::from_fn(move || {
        if at + 8 > end {
            return None;
        }
        let (kind, body, body_end) = header(b, at)?;
        let body_end = body_end.min(end);
        at = body_end.max(at + 8);
        Some((kind, body, body_end))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(ver: u16, kind: u16, body: &[u8]) -> Vec<u8> {
        let mut r = Vec::new();
        r.extend_from_slice(&ver.to_le_bytes());
        r.extend_from_slice(&kind.to_le_bytes());
        r.extend_from_slice(&(body.len() as u32).to_le_bytes());
        r.extend_from_slice(body);
        r
    }

    fn shape(id: u32) -> Vec<u8> {
        let mut fsp = id.to_le_bytes().to_vec();
        fsp.extend_from_slice(&[0; 4]);
        record(0xF, 0xF004, &record(2, FSP, &fsp))
    }

    /// A drawing with a lone shape 7 and a group 10 holding 11 and 12.
    fn drawing() -> Vec<u8> {
        let group = [shape(10), shape(11), shape(12)].concat();
        let root = [shape(1), shape(7), record(0xF, SPGR_CONTAINER, &group)].concat();
        let dg = record(0xF, DG_CONTAINER, &record(0xF, SPGR_CONTAINER, &root));
        let mut out = record(0xF, DGG_CONTAINER, &[]);
        out.push(0);
        out.extend(dg);
        out
    }

    fn plc(cps: &[u32], entries: &[Vec<u8>]) -> Vec<u8> {
        let mut out: Vec<u8> = cps.iter().flat_map(|c| c.to_le_bytes()).collect();
        for e in entries {
            out.extend_from_slice(e);
        }
        out
    }

    fn ftxbxs(lid: u32, reusable: bool) -> Vec<u8> {
        let mut e = vec![0u8; FTXBXS];
        e[FTXBXS_REUSABLE] = reusable as u8;
        e[FTXBXS_LID..FTXBXS_LID + 4].copy_from_slice(&lid.to_le_bytes());
        e
    }

    fn fspa(spid: u32) -> Vec<u8> {
        let mut e = vec![0u8; FSPA];
        e[..4].copy_from_slice(&spid.to_le_bytes());
        e
    }

    #[test]
    fn boxes_find_their_shape_or_group_anchor() {
        let txbx = plc(
            &[0, 5, 9, 12, 20, 21],
            &[
                ftxbxs(7, false),
                ftxbxs(12, false),
                ftxbxs(99, false),
                ftxbxs(11, true),
                ftxbxs(0, false),
            ],
        );
        let spa = plc(&[40, 300, 999], &[fspa(7), fspa(10)]);
        let boxes = text_boxes(&txbx, &spa, &drawing(), 21);
        assert_eq!(
            boxes,
            vec![
                TextBox {
                    range: 0..5,
                    anchor: Some(40)
                },
                TextBox {
                    range: 5..9,
                    anchor: Some(300)
                },
                TextBox {
                    range: 9..12,
                    anchor: None
                },
                TextBox {
                    range: 20..21,
                    anchor: None
                },
            ]
        );
    }

    #[test]
    fn damaged_tables_give_what_they_can() {
        let d = drawing();
        for cut in 0..d.len() {
            let _ = group_of_shape(&d[..cut]);
        }
        // A record claiming more than its parent stops at the parent's end.
        let mut bad = d.clone();
        let len_at = d.len() - 4 - 8 - 4;
        bad[len_at..len_at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
        let _ = group_of_shape(&bad);
        // Boxes past the story are dropped.
        let txbx = plc(&[0, 50], &[ftxbxs(7, false)]);
        assert!(text_boxes(&txbx, &[], &d, 10).is_empty());
        assert!(text_boxes(&[1, 2, 3], &[], &[], 10).is_empty());
        // (0..8), then (8..4) backwards and (4..10) over the first: the
        // story is read once.
        let txbx = plc(
            &[0, 8, 4, 10],
            &[ftxbxs(7, false), ftxbxs(7, false), ftxbxs(7, false)],
        );
        let ranges: Vec<_> = text_boxes(&txbx, &[], &d, 10)
            .into_iter()
            .map(|b| b.range)
            .collect();
        assert_eq!(ranges, vec![(0..8)]);
    }
}
