//! Structure stage: header metadata and the section tree.
//!
//! Both readers work on the final text, raw (a line per extracted line) or
//! laid out (prose joined); see [`lines`] for the shared line model.

pub mod closing;
pub mod issuer;
pub mod lines;
pub mod markers;
pub mod metadata;
pub mod numbering;
pub mod sections;
pub mod vocab;

use crate::ground::Ground;
use crate::output::{Metadata, Section};

pub use numbering::NumberingIssue;

/// Header metadata: type, number, issuer, place and date, title, locality,
/// signer and recipients.
pub fn metadata(g: &Ground) -> Metadata {
    metadata::extract(g)
}

/// The section tree as a flat list in document order (`parent` links).
pub fn sections(g: &Ground) -> Vec<Section> {
    sections::extract(g)
}

/// Numbering gaps and repeats among sibling sections of the same marker
/// style (`1., 2., 3., 5.`).
pub fn numbering_issues(sections: &[Section]) -> Vec<NumberingIssue> {
    numbering::numbering_issues(sections)
}
