//! OCOP products: which product, made by whom, where, with how many stars.
//!
//! Products come from three kinds of source, one module each:
//! - [`table`]: tables with real cells (tab-separated rows from DOCX or TSV,
//!   Markdown pipe tables), with group rows and `X` marks;
//! - [`flat`]: tables flattened by PDF extraction, one cell fragment per line,
//!   rebuilt by following the row numbers and the cell openers;
//! - [`lists`]: lists in prose and footnotes (`Xã Phước Thuận (04 sản phẩm): ...`).
//!
//! Every parser yields [`Candidate`]s with byte ranges; [`merge`] folds repeated
//! mentions of one product into one item, and only then are items grounded.
//! Each parser also records the product counts the text states next to the
//! list it announces ([`StatedList`]), for the audit stage.

mod flat;
mod lists;
mod merge;
mod table;
mod text;
mod words;

use crate::output::{ProductSource, ProductStatus};
use serde::{Deserialize, Serialize};

use crate::ground::Ground;
use crate::model::Table;
use crate::output::{Product, Span};

/// A product found by one parser, before merging and grounding.
#[derive(Debug, Clone, Default)]
pub(crate) struct Candidate {
    pub name: String,
    /// Byte range of the name as written (may cover wrapped lines).
    pub span: (usize, usize),
    pub producer: Option<String>,
    pub address: Option<String>,
    pub locality: Option<String>,
    pub stars: Option<u8>,
    pub target_stars: Option<u8>,
    pub status: ProductStatus,
    pub category: Option<String>,
    pub source: ProductSource,
}

/// A product count stated next to the list it announces, and how many
/// items the list actually has (`(04 sản phẩm): A; B; C` → 4 stated, 3 listed).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct StatedList {
    /// The number as stated.
    pub stated: u32,
    /// Items actually listed (products parsed from the list).
    pub listed: u32,
    /// The count as written (`04 sản phẩm`).
    pub count: Span,
    /// The list itself (heading to last item, or the table rows).
    pub list: Span,
    /// What the list is about when it says so (`Xã Phước Thuận`, `Nhóm thực phẩm`).
    pub label: Option<String>,
}

/// A stated list before grounding: byte ranges.
#[derive(Debug, Clone, Default)]
pub(crate) struct RawList {
    pub stated: u32,
    pub listed: u32,
    pub count: (usize, usize),
    pub list: (usize, usize),
    pub label: Option<String>,
}

/// Everything the parsers found in one document.
#[derive(Default)]
pub(crate) struct Found {
    pub products: Vec<Candidate>,
    pub lists: Vec<RawList>,
}

fn find_all(text: &str, tables: &[&Table]) -> Found {
    let mut found = Found::default();
    table::extract(text, tables, &mut found);
    // Both line-based parsers read the same lines.
    let ls = text::lines(text, 0, text.len());
    flat::extract(text, &ls, &mut found);
    lists::extract(text, &ls, &mut found);
    found
}

/// Products of the document, one per (name, producer), grounded on the name.
pub fn extract(g: &Ground) -> Vec<Product> {
    extract_with_lists(g).0
}

/// Each stated product count next to the list it announces, with the number
/// of items actually listed, for the audit stage's `list_length` check.
pub fn stated_lists(g: &Ground) -> Vec<StatedList> {
    extract_with_lists(g).1
}

/// Products and stated lists from one pass of the parsers: the pipeline
/// needs both, and parsing is the costly part.
pub fn extract_with_lists(g: &Ground) -> (Vec<Product>, Vec<StatedList>) {
    let tables: Vec<&Table> = g.tables().map(|(_, t)| t).collect();
    let mut found = find_all(g.text(), &tables);
    if !speaks_of_ocop(g.text()) {
        // Without OCOP context only a candidate with stars is a product.
        found
            .products
            .retain(|c| c.stars.is_some() || c.target_stars.is_some());
        if found.products.is_empty() {
            found.lists.clear();
        }
    }
    let lists = found
        .lists
        .into_iter()
        .map(|l| StatedList {
            stated: l.stated,
            listed: l.listed,
            count: g.span(l.count.0, l.count.1),
            list: g.span(l.list.0, l.list.1),
            label: l.label,
        })
        .collect();
    let products = merge::merge(found.products)
        .into_iter()
        .map(|c| Product {
            name: c.name,
            producer: c.producer,
            address: c.address,
            locality: c.locality,
            stars: c.stars,
            target_stars: c.target_stars,
            status: c.status,
            category: c.category,
            source: c.source,
            at: g.at(c.span.0, c.span.1),
        })
        .collect();
    (products, lists)
}

/// Whether the document speaks of the OCOP programme anywhere
/// ([`OCOP_CONTEXT`](crate::extract::lexicon::OCOP_CONTEXT)).
fn speaks_of_ocop(text: &str) -> bool {
    use crate::extract::lexicon::OCOP_CONTEXT;
    // Case-folded search without lowering the whole text: the words are
    // short, and `OCOP` is nearly always written in capitals.
    let ascii = memchr::memmem::find(text.as_bytes(), b"OCOP").is_some()
        || memchr::memmem::find(text.as_bytes(), b"ocop").is_some();
    ascii || {
        let lower = text.to_lowercase();
        OCOP_CONTEXT.iter().any(|w| lower.contains(w))
    }
}

/// Status words of a sentence that introduces or contains products, checked
/// in order; `None` when the sentence only mentions them.
const STATUS_WORDS: &[(&str, ProductStatus)] = &[
    ("đánh giá lại", ProductStatus::ReEvaluation),
    ("phân hạng lại", ProductStatus::ReEvaluation),
    ("nâng hạng", ProductStatus::Upgrade),
    ("đạt chuẩn", ProductStatus::Certified),
    ("được công nhận", ProductStatus::Certified),
    ("xếp hạng", ProductStatus::Certified),
    ("đăng ký", ProductStatus::Registered),
];

/// The status a context sentence gives its products.
pub(crate) fn status_of(sentence: &str) -> Option<ProductStatus> {
    let lower = text::collapse(&sentence.to_lowercase());
    STATUS_WORDS
        .iter()
        .find(|(w, _)| lower.contains(w))
        .map(|(_, s)| *s)
}

static COUNT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?:^|[\s(])(\d{1,4})\s+(?:sản\s+phẩm|sp)(?:\s|[,.;:)]|$)").unwrap()
});

/// The sentence or bullet that introduces a table or list starting at byte
/// `start`: back to the previous bullet, heading or sentence end, at most a few lines.
pub(crate) fn intro(text: &str, start: usize) -> (usize, usize) {
    let mut from = start.saturating_sub(700);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let ls = text::lines(text, from, start);
    let mut begin = start;
    for (k, ((s, _), _)) in ls.iter().enumerate().rev() {
        begin = *s;
        let line = &text[ls[k].0 .0..ls[k].0 .1];
        let opens = line.starts_with(['-', '+', '*', '•'])
            || line.chars().next().is_some_and(|c| c.is_ascii_digit());
        let prev_ends = k > 0 && {
            let p = &text[ls[k - 1].0 .0..ls[k - 1].0 .1];
            p.ends_with('.') || p.ends_with(':')
        };
        if opens || prev_ends || ls.len() - k >= 5 {
            break;
        }
    }
    (begin, start)
}

/// The first `N sản phẩm` of a range: the stated count and its byte range.
pub(crate) fn first_count(text: &str, (s, e): (usize, usize)) -> Option<(u32, (usize, usize))> {
    let c = COUNT.captures(&text[s..e])?;
    let m = c.get(1)?;
    let whole = c.get(0)?;
    let n: u32 = m.as_str().parse().ok()?;
    let end = s + whole.end();
    let end = end
        - (text[s..end].len()
            - text[s..end]
                .trim_end_matches([' ', ',', '.', ';', ':', ')', '\n'])
                .len());
    Some((n, (s + m.start(), end)))
}

#[cfg(test)]
mod timing {
    /// Per-parser timing on the samples repeated (`--release -- --ignored`).
    #[test]
    #[ignore]
    fn per_parser() {
        let mut text = String::new();
        for f in std::fs::read_dir("fixtures").unwrap() {
            let p = f.unwrap().path();
            if p.is_file() {
                text.push_str(&std::fs::read_to_string(&p).unwrap());
            }
        }
        let text = text.repeat(20);
        super::find_all("TT Sản phẩm\n", &[]);
        let mut found = super::Found::default();
        let t = std::time::Instant::now();
        let blocks = crate::layout::derive_blocks(&text);
        let tables: Vec<&crate::model::Table> =
            crate::model::tables(&blocks).map(|(_, t)| t).collect();
        super::table::extract(&text, &tables, &mut found);
        eprintln!("table {:?}", t.elapsed());
        let t = std::time::Instant::now();
        let ls = super::text::lines(&text, 0, text.len());
        super::flat::extract(&text, &ls, &mut found);
        eprintln!("flat {:?}", t.elapsed());
        let t = std::time::Instant::now();
        super::lists::extract(&text, &ls, &mut found);
        eprintln!("lists {:?}", t.elapsed());
        let t = std::time::Instant::now();
        let n = super::merge::merge(found.products).len();
        eprintln!("merge {:?} {n}", t.elapsed());
    }
}
