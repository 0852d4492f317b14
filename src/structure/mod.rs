//! Structure stage: header metadata and the section tree.

pub mod metadata;
pub mod sections;

use crate::ground::Ground;
use crate::output::{Metadata, Section};

pub fn metadata(g: &Ground) -> Metadata {
    metadata::extract(g)
}

pub fn sections(g: &Ground) -> Vec<Section> {
    sections::extract(g)
}
