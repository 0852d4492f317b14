//! Extract stage: references, counts, funds, products. (Filled by the extract work.)

use crate::ground::Ground;
use crate::output::{Count, Fund, Metadata, Product, Reference};

pub fn references(_g: &Ground, _meta: &Metadata) -> Vec<Reference> {
    Vec::new()
}

pub fn counts(_g: &Ground) -> Vec<Count> {
    Vec::new()
}

pub fn funds(_g: &Ground) -> Vec<Fund> {
    Vec::new()
}

pub fn products(_g: &Ground) -> Vec<Product> {
    Vec::new()
}
