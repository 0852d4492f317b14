//! products extraction. (To be filled.)

use crate::ground::Ground;
use crate::output::Product;

pub fn extract(_g: &Ground) -> Vec<Product> {
    Vec::new()
}
