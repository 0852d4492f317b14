//! Header metadata. (To be filled.)

use crate::ground::Ground;
use crate::output::Metadata;

pub fn extract(_g: &Ground) -> Metadata {
    Metadata::default()
}
