//! Dropped glyphs.
use super::RepairLog;
use crate::output::Warning;

pub const WARNING_KIND: &str = "dropped_glyphs";

/// Offsets map of an edited text.
#[derive(Debug, Default)]
pub struct Edits {
    /// (input offset, output offset) at the end of each edit, in order.
    anchors: Vec<(usize, usize)>,
}

impl Edits {
    pub fn map(&self, b: usize) -> usize {
        match self.anchors.iter().rposition(|&(i, _)| i <= b) {
            Some(k) => {
                let (i, o) = self.anchors[k];
                o + (b - i)
            }
            None => b,
        }
    }
}

pub fn repair(s: &str, _log: &mut RepairLog, _warnings: &mut Vec<Warning>) -> (String, Edits) {
    (s.to_string(), Edits::default())
}
