//! Audit stage: consistency checks on the document's own numbers. (Filled by the audit work.)

use crate::ground::Ground;
use crate::output::{Document, Finding};

pub fn audit(_g: &Ground, _doc: &Document) -> Vec<Finding> {
    Vec::new()
}
