//! The serde model of the output contract `baocao/1` (`shared/spec/OUTPUT.md`).
//!
//! Field names here are a public interface: add fields, never rename or drop.
//! Every extracted item embeds a [`Grounding`], flattened into its JSON object,
//! so that `text[start..end] == item.text` (code points) can be checked by anyone.

use serde::{Deserialize, Serialize};

/// The schema identifier written into every document.
pub const SCHEMA: &str = "baocao/1";

/// One input document's complete result.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Document {
    pub schema: String,
    pub source: Source,
    /// Normalized text; `None` only with `--no-text`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub text: Option<String>,
    pub normalization: Normalization,
    pub metadata: Metadata,
    pub sections: Vec<Section>,
    pub footnotes: Vec<Footnote>,
    pub references: Vec<Reference>,
    pub products: Vec<Product>,
    pub counts: Vec<Count>,
    pub funds: Vec<Fund>,
    pub audit: Vec<Finding>,
    pub errors: Vec<DocError>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Source {
    pub path: String,
    /// `pdf`, `txt`, `docx`, or `unknown` when the content could not be identified.
    pub format: String,
    pub sha256: String,
    pub bytes: u64,
    /// Text encoding detected for text inputs (`utf-8`, `utf-16le`, `windows-1258`...).
    pub encoding: Option<String>,
    pub pages: Option<u32>,
    /// Which extraction backend produced the text (`text`, `pdf-extract`, `pdftotext`, `docx`).
    #[serde(default)]
    pub backend: Option<String>,
    /// Per-page extraction status for paged inputs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub page_status: Vec<PageStatus>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct PageStatus {
    pub page: u32,
    /// `ok`, `empty`, `failed`.
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Normalization {
    pub repairs: Vec<Repair>,
    pub warnings: Vec<Warning>,
    pub quality: Quality,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Repair {
    pub kind: String,
    pub count: u64,
    /// Up to 5 `"before→after"` strings.
    pub examples: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Warning {
    pub kind: String,
    pub message: String,
    pub start: Option<usize>,
    pub end: Option<usize>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Quality {
    pub before: f64,
    pub after: f64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Metadata {
    pub doc_type: Option<String>,
    pub doc_type_label: Option<String>,
    pub number: Option<String>,
    pub code: Option<String>,
    pub issuer: Option<String>,
    /// True when the issuer was inferred from the body rather than read from the header.
    #[serde(default)]
    pub issuer_inferred: bool,
    pub place: Option<String>,
    pub date: Option<String>,
    pub year: Option<i32>,
    pub title: Option<String>,
    pub locality: Option<Locality>,
    pub signer: Option<Signer>,
    pub recipients: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Locality {
    pub name: String,
    /// `tinh`, `huyen`, `thi_xa`, `thanh_pho`, `xa`, `phuong`, `thi_tran`.
    pub level: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Signer {
    pub name: Option<String>,
    pub title: Option<String>,
    pub authority: Option<String>,
}

/// Where an item stands in `text`. Offsets are code points.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Grounding {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub page: Option<u32>,
    pub section: Option<String>,
}

/// A bare span, used in audit findings.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

impl From<&Grounding> for Span {
    fn from(g: &Grounding) -> Self {
        Span {
            start: g.start,
            end: g.end,
            text: g.text.clone(),
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Section {
    pub id: String,
    pub parent: Option<String>,
    pub level: u32,
    pub marker: String,
    pub heading: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub body_start: usize,
    pub body_end: usize,
    pub page: Option<u32>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Footnote {
    pub marker: String,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub anchor_start: Option<usize>,
    pub anchor_end: Option<usize>,
    pub page: Option<u32>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Reference {
    pub kind: String,
    pub kind_label: String,
    pub number: Option<String>,
    pub date: Option<String>,
    pub issuer: Option<String>,
    #[serde(flatten)]
    pub at: Grounding,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Product {
    pub name: String,
    pub producer: Option<String>,
    pub address: Option<String>,
    pub locality: Option<String>,
    pub stars: Option<u8>,
    pub target_stars: Option<u8>,
    /// `certified`, `registered`, `re_evaluation`, `upgrade`, `mentioned`.
    pub status: String,
    pub category: Option<String>,
    /// `table`, `list`, `footnote`.
    pub source: String,
    #[serde(flatten)]
    pub at: Grounding,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Count {
    pub value: i64,
    pub max: Option<i64>,
    pub total: Option<i64>,
    pub unit: String,
    pub approx: Option<String>,
    #[serde(flatten)]
    pub at: Grounding,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Fund {
    pub amount_vnd: i64,
    /// The number as written, converted (may be fractional: `324,474` → 324.474).
    pub value: f64,
    pub scale: Option<String>,
    pub label: Option<String>,
    pub approx: Option<String>,
    /// `"en"` when the document writes numbers in English notation
    /// (`1,500,000 đồng`) and the amount was read as such; absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notation: Option<String>,
    #[serde(flatten)]
    pub at: Grounding,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Finding {
    pub check: String,
    /// `ok` or `mismatch`.
    pub status: String,
    /// `high`, `medium`, `low`: how sure the relation is (partial breakdowns are low).
    #[serde(default)]
    pub severity: Option<String>,
    pub message: String,
    pub expected: Option<f64>,
    pub found: Option<f64>,
    pub items: Vec<Span>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct DocError {
    /// e.g. `not_found`, `unreadable`, `empty`, `corrupt_pdf`, `encrypted`, `no_text_layer`,
    /// `timeout`, `panic`, `too_large`, `corrupt_docx`, `write_failed`.
    pub kind: String,
    pub message: String,
}

impl DocError {
    pub fn new(kind: &str, message: impl Into<String>) -> Self {
        DocError {
            kind: kind.to_string(),
            message: message.into(),
        }
    }
}
