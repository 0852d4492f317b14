//! Structure stage: header metadata and the section tree. (Filled by the structure work.)

use crate::ground::Ground;
use crate::output::{Metadata, Section};

pub fn metadata(_g: &Ground) -> Metadata {
    Metadata::default()
}

pub fn sections(_g: &Ground) -> Vec<Section> {
    Vec::new()
}
