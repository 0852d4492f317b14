//! The serde model of the output contract `baocao/1` (`shared/spec/OUTPUT.md`).
//!
//! Field names here are a public interface: add fields, never rename or drop.
//! Every extracted item embeds a [`Grounding`], flattened into its JSON object,
//! so that `text[start..end] == item.text` (code points) can be checked by anyone.

use serde::{Deserialize, Serialize};

/// The schema identifier written into every document.
pub const SCHEMA: &str = "baocao/1";

/// One input document's complete result.
#[derive(schemars::JsonSchema, Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Document {
    /// Always `"baocao/1"`.
    pub schema: String,
    /// The input: path, format, hash, size, encoding, pages.
    pub source: Source,
    /// Normalized text; `None` only with `--no-text`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub text: Option<String>,
    pub normalization: Normalization,
    pub metadata: Metadata,
    /// Flat list in document order; the tree is given by `parent`.
    pub sections: Vec<Section>,
    /// Footnote bodies and where their markers stand.
    pub footnotes: Vec<Footnote>,
    /// Every mention of a legal or administrative document.
    pub references: Vec<Reference>,
    /// Every product named in a table or a list.
    pub products: Vec<Product>,
    /// Counted quantities (`25 sản phẩm`, `11/15 xã`).
    pub counts: Vec<Count>,
    /// Money amounts.
    pub funds: Vec<Fund>,
    /// Consistency findings on the document's own numbers.
    pub audit: Vec<Finding>,
    /// Why the input could not be (fully) read; empty when all went well.
    pub errors: Vec<DocError>,
}

/// The input document.
#[derive(schemars::JsonSchema, Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Source {
    pub path: String,
    /// `pdf`, `txt`, `docx`, or `unknown` when the content could not be identified.
    pub format: String,
    /// Hex SHA-256 of the input bytes: the document id in exports.
    pub sha256: String,
    /// Size of the input in bytes.
    pub bytes: u64,
    /// Text encoding detected for text inputs (`utf-8`, `utf-16le`, `windows-1258`...).
    pub encoding: Option<String>,
    /// Number of pages for paged inputs, else null.
    pub pages: Option<u32>,
    /// Which extraction backend produced the text (`text`, `pdf-extract`, `pdftotext`, `docx`).
    #[serde(default)]
    pub backend: Option<String>,
    /// Per-page extraction status for paged inputs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub page_status: Vec<PageStatus>,
}

#[derive(schemars::JsonSchema, Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct PageStatus {
    pub page: u32,
    /// `ok`, `empty`, `failed`.
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// What the encoding repair changed, what it could not repair, and text quality.
#[derive(schemars::JsonSchema, Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Normalization {
    pub repairs: Vec<Repair>,
    pub warnings: Vec<Warning>,
    pub quality: Quality,
}

#[derive(schemars::JsonSchema, Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Repair {
    pub kind: String,
    pub count: u64,
    /// Up to 5 `"before→after"` strings.
    pub examples: Vec<String>,
}

/// The warning kind for a word a reader read but does not vouch for (a
/// handwritten or stamped number in a scanned header): a metadata field read
/// over it is left null.
pub const DOUBTFUL_FIELD: &str = "ocr_doubtful_field";

#[derive(schemars::JsonSchema, Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Warning {
    pub kind: String,
    pub message: String,
    pub start: Option<usize>,
    pub end: Option<usize>,
}

#[derive(schemars::JsonSchema, Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Quality {
    pub before: f64,
    pub after: f64,
}

/// The document's header: type, number, issuer, place and date, title, signer.
#[derive(schemars::JsonSchema, Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Metadata {
    /// `bao_cao`, `ke_hoach`, `quyet_dinh`, `nghi_quyet`, `cong_van`, `thong_bao`, `to_trinh`, `chuong_trinh`, `other`.
    pub doc_type: Option<String>,
    /// The document type as written, e.g. `BÁO CÁO`.
    pub doc_type_label: Option<String>,
    /// The document's own number (`25/BC-UBND`); null when the serial is blank.
    pub number: Option<String>,
    /// The part after the serial (`BC-UBND`), also when the serial is blank.
    pub code: Option<String>,
    /// Issuing body in one canonical form (`UBND tỉnh Lâm Đồng`, `Sở Nội vụ
    /// tỉnh Lâm Đồng`); before issue 22 this was the form as written.
    pub issuer: Option<String>,
    /// The issuer as the document writes it (`ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG`).
    #[serde(default)]
    pub issuer_as_written: Option<String>,
    /// The issuer's parent body in canonical form, when the header names it
    /// above the issuer (`UBND tỉnh Lâm Đồng` over `SỞ NỘI VỤ`).
    #[serde(default)]
    pub issuer_parent: Option<String>,
    /// True when the issuer was inferred from the body rather than read from the header.
    #[serde(default)]
    pub issuer_inferred: bool,
    pub place: Option<String>,
    /// Issue date, ISO `YYYY-MM-DD`; null when blank.
    pub date: Option<String>,
    pub year: Option<i32>,
    pub title: Option<String>,
    pub locality: Option<Locality>,
    pub signer: Option<Signer>,
    /// Lines of "Nơi nhận".
    pub recipients: Vec<String>,
}

#[derive(schemars::JsonSchema, Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Locality {
    pub name: String,
    /// `tinh`, `huyen`, `thi_xa`, `thanh_pho`, `xa`, `phuong`, `thi_tran`.
    pub level: String,
}

#[derive(schemars::JsonSchema, Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Signer {
    pub name: Option<String>,
    pub title: Option<String>,
    pub authority: Option<String>,
}

/// Where an item stands in `text`. Offsets are code points.
#[derive(schemars::JsonSchema, Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Grounding {
    /// Code-point offset of the span in `text` (inclusive).
    pub start: usize,
    /// Code-point offset of the span end in `text` (exclusive).
    pub end: usize,
    /// Exactly `text[start..end]` of the document.
    pub text: String,
    /// 1-based page of `start` when the input has pages.
    pub page: Option<u32>,
    /// Id of the innermost section containing `start`.
    pub section: Option<String>,
}

/// A bare span, used in audit findings.
#[derive(schemars::JsonSchema, Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

impl Document {
    /// Every grounding violation in this document: an item whose
    /// `text[start..end]` (in code points) is not its `text`, or a span out of
    /// range. Empty when all is well, and when `text` was left out. Tests and
    /// fuzz targets use it; it is the contract's central promise.
    pub fn ungrounded(&self) -> Vec<String> {
        let Some(text) = self.text.as_deref() else {
            return Vec::new();
        };
        let chars: Vec<char> = text.chars().collect();
        let slice = |s: usize, e: usize| -> Option<String> {
            (s <= e && e <= chars.len()).then(|| chars[s..e].iter().collect())
        };
        let mut spans: Vec<(&str, usize, usize, &str)> = Vec::new();
        let mut bad = Vec::new();
        for s in &self.sections {
            spans.push(("section", s.start, s.end, &s.text));
            if !(s.body_start <= s.body_end && s.body_end <= chars.len()) {
                bad.push(format!(
                    "section body {}..{} out of range",
                    s.body_start, s.body_end
                ));
            }
        }
        for f in &self.footnotes {
            spans.push(("footnote", f.start, f.end, &f.text));
        }
        for r in &self.references {
            spans.push(("reference", r.at.start, r.at.end, &r.at.text));
        }
        for p in &self.products {
            spans.push(("product", p.at.start, p.at.end, &p.at.text));
        }
        for c in &self.counts {
            spans.push(("count", c.at.start, c.at.end, &c.at.text));
        }
        for f in &self.funds {
            spans.push(("fund", f.at.start, f.at.end, &f.at.text));
        }
        for a in &self.audit {
            for i in &a.items {
                spans.push(("audit item", i.start, i.end, &i.text));
            }
        }
        for (what, s, e, t) in spans {
            if slice(s, e).as_deref() != Some(t) {
                bad.push(format!("{what} {s}..{e} is not grounded: {t:?}"));
            }
        }
        for w in &self.normalization.warnings {
            if let (Some(s), Some(e)) = (w.start, w.end) {
                if !(s <= e && e <= chars.len()) {
                    bad.push(format!("warning span {s}..{e} out of range"));
                }
            }
        }
        bad
    }
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

/// A numbered section heading; the tree is given by `parent`.
#[derive(schemars::JsonSchema, Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Section {
    /// Stable within the document, e.g. `s12`.
    pub id: String,
    /// Id of the enclosing section, or null at top level.
    pub parent: Option<String>,
    /// Depth in the tree, 1 for top.
    pub level: u32,
    /// As written: `Phần thứ nhất`, `II.`, `2.1.`, `a)`.
    pub marker: String,
    /// Heading text without the marker.
    pub heading: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub body_start: usize,
    pub body_end: usize,
    pub page: Option<u32>,
}

/// A footnote body and where its marker stands in the running text.
#[derive(schemars::JsonSchema, Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Footnote {
    pub marker: String,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub anchor_start: Option<usize>,
    pub anchor_end: Option<usize>,
    pub page: Option<u32>,
}

/// A mention of a legal or administrative document, grounded in `text`.
#[derive(schemars::JsonSchema, Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Reference {
    /// `quyet_dinh`, `nghi_quyet`, `ke_hoach`, `cong_van`, `thong_tu`, `nghi_dinh`, ... or `other`.
    pub kind: String,
    /// As written: `Quyết định`.
    pub kind_label: String,
    /// Normalized identifier: `55/2023/TT-BTC`, `09-NQ/HU`.
    pub number: Option<String>,
    /// Issue date if stated with the mention (ISO).
    pub date: Option<String>,
    /// Issuer if stated ("của ...").
    pub issuer: Option<String>,
    #[serde(flatten)]
    pub at: Grounding,
}

/// A product named in a table or a list, grounded by its name.
#[derive(schemars::JsonSchema, Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Product {
    /// Product name as written, without row numbers.
    pub name: String,
    /// The producing entity, or null.
    pub producer: Option<String>,
    pub address: Option<String>,
    /// Commune/ward/district the product belongs to, when stated.
    pub locality: Option<String>,
    /// Achieved OCOP stars (3, 4, 5), or null.
    pub stars: Option<u8>,
    /// Stars applied for, for registrations.
    pub target_stars: Option<u8>,
    /// `certified`, `registered`, `re_evaluation`, `upgrade`, `mentioned`.
    #[schemars(with = "String")]
    pub status: ProductStatus,
    pub category: Option<String>,
    /// `table`, `list`, `footnote`.
    #[schemars(with = "String")]
    pub source: ProductSource,
    #[serde(flatten)]
    pub at: Grounding,
}

/// A counted quantity (`25 sản phẩm`, `11/15 xã`), grounded in `text`.
#[derive(schemars::JsonSchema, Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Count {
    /// The count (lower bound of a range).
    pub value: i64,
    /// Upper bound of a range.
    pub max: Option<i64>,
    /// Denominator of `11/15 xã`.
    pub total: Option<i64>,
    /// Counted noun, lowercased.
    pub unit: String,
    /// `more_than`, `about`, `at_least`, or null.
    pub approx: Option<String>,
    #[serde(flatten)]
    pub at: Grounding,
}

/// A money amount, grounded in `text`.
#[derive(schemars::JsonSchema, Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Fund {
    /// Amount in VND.
    pub amount_vnd: i64,
    /// The number as written, converted (may be fractional: `324,474` → 324.474).
    pub value: f64,
    /// `triệu`, `tỷ`, `nghìn`, or null.
    pub scale: Option<String>,
    /// What the money is, from the nearest preceding phrase.
    pub label: Option<String>,
    /// `more_than`, `about`, `at_least`, or null.
    pub approx: Option<String>,
    /// `"en"` when the document writes numbers in English notation
    /// (`1,500,000 đồng`) and the amount was read as such; absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notation: Option<String>,
    /// `"table"` for an amount read from a money column of a table (its
    /// scale from the column header or the sheet's unit note, its label the
    /// row's); absent for amounts written in running text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub source: Option<FundSource>,
    #[serde(flatten)]
    pub at: Grounding,
}

/// A consistency finding on numbers of the same document.
#[derive(schemars::JsonSchema, Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Finding {
    /// `sum`, `difference`, `ratio`, `list_length`, `restated_value`, `numbering`, `table_vs_text`, ...
    pub check: String,
    /// `ok` or `mismatch`.
    #[schemars(with = "String")]
    pub status: FindingStatus,
    /// `high`, `medium`, `low`: how sure the relation is (partial breakdowns are low).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub severity: Option<Severity>,
    /// One sentence a person can act on.
    pub message: String,
    pub expected: Option<f64>,
    pub found: Option<f64>,
    /// The grounding spans involved.
    pub items: Vec<Span>,
}

/// Why an input could not be (fully) read.
#[derive(schemars::JsonSchema, Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct DocError {
    /// e.g. `not_found`, `unreadable`, `empty`, `corrupt_pdf`, `encrypted`, `no_text_layer`,
    /// `timeout`, `panic`, `too_large`, `corrupt_docx`, `write_failed`.
    #[schemars(with = "String")]
    pub kind: ErrorKind,
    pub message: String,
}

impl DocError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        DocError {
            kind,
            message: message.into(),
        }
    }
}

/// A closed set of slugs serialized as the contract writes them: the enum
/// says which values exist, `as_str` gives the slug for text outputs (CSV,
/// messages), and serde writes the same slug in JSON.
macro_rules! slugs {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $slug:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vdoc])* #[serde(rename = $slug)] $variant),+
        }

        impl $name {
            /// The slug the contract writes.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $slug),+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.pad(self.as_str())
            }
        }
    };
}

slugs! {
    /// Why an input could not be (fully) read: `DocError.kind`.
    ErrorKind {
        /// The path does not exist.
        NotFound = "not_found",
        /// The file exists but cannot be read (a directory, no permission).
        #[default]
        Unreadable = "unreadable",
        Empty = "empty",
        /// NUL bytes in a file that is no known binary format.
        Binary = "binary",
        CorruptPdf = "corrupt_pdf",
        CorruptDocx = "corrupt_docx",
        /// A Word 97-2003 `.doc` that cannot be parsed.
        CorruptDoc = "corrupt_doc",
        CorruptRtf = "corrupt_rtf",
        /// An image input that is not PNG, JPEG or TIFF.
        CorruptImage = "corrupt_image",
        /// A page or image that OCR could not read (Tesseract failed).
        OcrFailed = "ocr_failed",
        /// An image given with `--ocr never`.
        OcrDisabled = "ocr_disabled",
        /// A document that yields no text.
        NoText = "no_text",
        /// A spreadsheet that cannot be parsed, by format.
        CorruptXls = "corrupt_xls",
        CorruptXlsx = "corrupt_xlsx",
        CorruptOds = "corrupt_ods",
        /// Opening the file needs a password.
        Encrypted = "encrypted",
        /// A PDF whose pages draw no text (a scan).
        NoTextLayer = "no_text_layer",
        /// A scan that needs OCR, and no OCR engine is installed.
        OcrUnavailable = "ocr_unavailable",
        UnsupportedFormat = "unsupported_format",
        /// Some pages could not be read; the others were.
        Partial = "partial",
        Timeout = "timeout",
        /// A stage panicked; the panic was caught.
        Panic = "panic",
        /// The isolated reader process died.
        Crash = "crash",
        /// Input over `--max-bytes`.
        TooLarge = "too_large",
        /// More items than one document may hold; the rest were dropped.
        TooManyItems = "too_many_items",
        /// The output file could not be written.
        WriteFailed = "write_failed",
    }
}

slugs! {
    /// Whether a finding's relation holds.
    FindingStatus {
        #[default]
        Ok = "ok",
        Mismatch = "mismatch",
    }
}

slugs! {
    /// How sure a finding's relation is (partial breakdowns are low).
    Severity {
        High = "high",
        #[default]
        Medium = "medium",
        Low = "low",
    }
}

slugs! {
    /// Where a product was named.
    ProductSource {
        #[default]
        Table = "table",
        List = "list",
        Footnote = "footnote",
    }
}

slugs! {
    /// Where a fund was read: `Fund.source`.
    FundSource {
        /// Running text (`446 triệu đồng`).
        #[default]
        Text = "text",
        /// A money column of a table.
        Table = "table",
    }
}

slugs! {
    /// What the document says about a product.
    ProductStatus {
        /// Has stars.
        Certified = "certified",
        /// A new registration.
        Registered = "registered",
        ReEvaluation = "re_evaluation",
        Upgrade = "upgrade",
        #[default]
        Mentioned = "mentioned",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc_with_count(start: usize, end: usize) -> Document {
        let count = Count {
            value: 148,
            at: Grounding {
                start,
                end,
                text: "148/QĐ-UBND".into(),
                ..Default::default()
            },
            ..Default::default()
        };
        Document {
            text: Some("Quyết định số 148/QĐ-UBND".into()),
            counts: vec![count],
            ..Default::default()
        }
    }

    #[test]
    fn ungrounded_finds_byte_offsets_used_as_code_points() {
        assert!(doc_with_count(14, 25).ungrounded().is_empty());
        // Byte offsets instead of code points: the classic mistake.
        assert_eq!(doc_with_count(18, 30).ungrounded().len(), 1);
        // Out of range.
        assert_eq!(doc_with_count(20, 99).ungrounded().len(), 1);
    }
}
