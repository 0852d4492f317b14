//! The section tree. (To be filled.)

use crate::ground::Ground;
use crate::output::Section;

pub fn extract(_g: &Ground) -> Vec<Section> {
    Vec::new()
}
