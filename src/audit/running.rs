//! Running totals across the reports of one series.
//!
//! Placeholder; filled in by the running-total check.

use super::cross::CrossFinding;
use crate::output::Document;

/// Collects running totals document by document, then reports falls.
#[derive(Debug, Default)]
pub struct Series {}

impl Series {
    pub fn add(&mut self, _doc: &Document) {}
    pub fn findings(&self) -> Vec<CrossFinding> {
        Vec::new()
    }
}
