//! references extraction. (To be filled.)

use crate::ground::Ground;
use crate::output::{Metadata, Reference};

pub fn extract(_g: &Ground, _meta: &Metadata) -> Vec<Reference> {
    Vec::new()
}
