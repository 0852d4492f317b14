//! Extract stage: references, numbers, counts, funds, products.
//!
//! Each extractor reads the final text through [`Ground`] and builds its items
//! with [`Ground::at`], so grounding holds by construction. Footnote markers
//! are written `[^n]` in the text and are never part of a number.

pub mod counts;
pub mod funds;
pub mod lexicon;
pub mod numbers;
mod open_counts;
pub mod products;
pub mod references;
mod spans;
pub mod table_funds;

use crate::ground::Ground;
use crate::output::{Count, Fund, Metadata, Product, Reference};

pub fn references(g: &Ground, meta: &Metadata) -> Vec<Reference> {
    references::extract(g, meta)
}

pub fn counts(g: &Ground) -> Vec<Count> {
    counts::extract(g)
}

pub fn funds(g: &Ground) -> Vec<Fund> {
    funds::extract(g)
}

/// Counts and funds, reading the document's number notation and finding its
/// digits once: both need them, and each costs a scan of the whole text.
/// Counts and funds, from one scan of the digits; `tables` are the money
/// of the document's tables ([`table_funds::all`]), which become funds too.
pub fn counts_and_funds(g: &Ground, tables: &[table_funds::TableFund]) -> (Vec<Count>, Vec<Fund>) {
    let notation = numbers::detect_notation(g.text());
    let digits = numbers::digits(g.text());
    let mut funds = funds::extract_at(g, notation, &digits);
    let from_tables = table_funds::as_funds(g, tables, &funds);
    if !from_tables.is_empty() {
        funds.extend(from_tables);
        funds.sort_by_key(|f| (f.at.start, f.at.end));
    }
    (counts::extract_all(g, notation, &digits), funds)
}

pub fn products(g: &Ground) -> Vec<Product> {
    products::extract(g)
}

/// Products and the product counts stated next to their lists (for the audit),
/// from one parse.
pub fn products_with_lists(g: &Ground) -> (Vec<Product>, Vec<products::StatedList>) {
    products::extract_with_lists(g)
}
