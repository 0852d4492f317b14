//! counts extraction. (To be filled.)

use crate::ground::Ground;
use crate::output::Count;

pub fn extract(_g: &Ground) -> Vec<Count> {
    Vec::new()
}
