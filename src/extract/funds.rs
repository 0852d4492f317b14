//! funds extraction. (To be filled.)

use crate::ground::Ground;
use crate::output::Fund;

pub fn extract(_g: &Ground) -> Vec<Fund> {
    Vec::new()
}
