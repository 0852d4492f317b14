//! Layout stage: pages, lines, footnotes. (Filled by the layout work.)
//!
//! Input: normalized text. Output: the final `text` of the contract, and the
//! footnotes found in it.

use crate::output::Footnote;

/// The result of layout.
#[derive(Debug, Clone, Default)]
pub struct Laid {
    pub text: String,
    /// Footnotes with byte offsets into `text` (converted to code points by the pipeline).
    pub footnotes: Vec<Footnote>,
}

impl Laid {
    /// Map a byte offset of the layout's input to the corresponding byte offset
    /// of its output (used to move normalize warnings onto the final text).
    pub fn map_offset(&self, byte: usize) -> usize {
        byte.min(self.text.len())
    }
}

pub fn layout(text: &str) -> Laid {
    Laid {
        text: text.to_string(),
        footnotes: Vec::new(),
    }
}
