//! Flattening a [`Document`] into table rows.
//!
//! This is the single definition of the exported tables: their names, their
//! columns (in order, with a SQL type) and how each column is filled. The CSV
//! and SQLite writers only move these rows; they never decide what a column
//! holds, so the two formats cannot drift apart.
//!
//! Every item table starts with `doc_id` (the input's sha256), `source_path`
//! and `idx` (the item's position in its JSON list, so `(doc_id, idx)` is a
//! key), and ends with the grounding: `page`, `start_offset`, `end_offset`
//! (the JSON's `start`/`end`), `text`, `section`,
//! `section_path` (markers from the top, `Phần thứ nhất > II > 3`) and
//! `section_heading` (the innermost heading).
//!
//! Column names are plain SQL identifiers: none is a keyword of SQLite or
//! DuckDB (`end`, `check`), nor `path`, the column Spark's binary-file source
//! and DuckDB's `filename` options add beside the data, so every query works
//! without quoting. A column's [`Kind`] is its type in every format: the CSV
//! writes its text, SQLite its storage class, Parquet its logical type.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::output::{Document, FindingStatus, Grounding, Section};

/// Type of a column, shared by every output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// A 64-bit integer (counts, offsets, money in đồng: exact, never a float).
    Integer,
    Real,
    /// An ISO `YYYY-MM-DD` date, held in a [`Cell::Text`]: text in CSV and
    /// SQLite (which has no date type), a date in Parquet.
    Date,
    /// A flag, held in a [`Cell::Int`] 0 or 1: SQLite has no boolean.
    Bool,
}

impl Kind {
    /// SQLite storage class.
    pub fn sql(self) -> &'static str {
        match self {
            Kind::Text | Kind::Date => "TEXT",
            Kind::Integer | Kind::Bool => "INTEGER",
            Kind::Real => "REAL",
        }
    }
}

/// One column of an exported table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub kind: Kind,
}

const fn text(name: &'static str) -> Column {
    Column {
        name,
        kind: Kind::Text,
    }
}
const fn int(name: &'static str) -> Column {
    Column {
        name,
        kind: Kind::Integer,
    }
}
const fn real(name: &'static str) -> Column {
    Column {
        name,
        kind: Kind::Real,
    }
}
const fn date(name: &'static str) -> Column {
    Column {
        name,
        kind: Kind::Date,
    }
}
const fn flag(name: &'static str) -> Column {
    Column {
        name,
        kind: Kind::Bool,
    }
}

/// The exported tables, in the order they are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Table {
    Documents,
    Sections,
    References,
    Products,
    Counts,
    Funds,
    Footnotes,
    Audit,
}

impl Table {
    pub const ALL: [Table; 8] = [
        Table::Documents,
        Table::Sections,
        Table::References,
        Table::Products,
        Table::Counts,
        Table::Funds,
        Table::Footnotes,
        Table::Audit,
    ];

    /// Table name, also the CSV file stem.
    pub fn name(self) -> &'static str {
        match self {
            Table::Documents => "documents",
            Table::Sections => "sections",
            Table::References => "references",
            Table::Products => "products",
            Table::Counts => "counts",
            Table::Funds => "funds",
            Table::Footnotes => "footnotes",
            Table::Audit => "audit",
        }
    }

    /// Columns in order. Item tables share the key prefix and grounding suffix.
    pub fn columns(self) -> &'static [Column] {
        match self {
            Table::Documents => DOCUMENT_COLUMNS,
            Table::Sections => SECTION_COLUMNS,
            Table::References => REFERENCE_COLUMNS,
            Table::Products => PRODUCT_COLUMNS,
            Table::Counts => COUNT_COLUMNS,
            Table::Funds => FUND_COLUMNS,
            Table::Footnotes => FOOTNOTE_COLUMNS,
            Table::Audit => AUDIT_COLUMNS,
        }
    }

    /// Number of rows `doc` gives in this table.
    pub fn len(self, doc: &Document) -> usize {
        match self {
            Table::Documents => 1,
            Table::Sections => doc.sections.len(),
            Table::References => doc.references.len(),
            Table::Products => doc.products.len(),
            Table::Counts => doc.counts.len(),
            Table::Funds => doc.funds.len(),
            Table::Footnotes => doc.footnotes.len(),
            Table::Audit => doc.audit.len(),
        }
    }
}

const DOCUMENT_COLUMNS: &[Column] = &[
    text("doc_id"),
    text("source_path"),
    text("format"),
    int("bytes"),
    text("encoding"),
    int("pages"),
    text("backend"),
    text("doc_type"),
    text("doc_type_label"),
    text("number"),
    text("code"),
    text("issuer"),
    text("issuer_as_written"),
    text("issuer_parent"),
    flag("issuer_inferred"),
    text("place"),
    date("date"),
    int("year"),
    text("title"),
    text("locality"),
    text("locality_level"),
    text("signer_name"),
    text("signer_title"),
    text("signer_authority"),
    text("recipients"),
    real("quality_before"),
    real("quality_after"),
    text("repairs"),
    int("warnings"),
    int("text_chars"),
    int("n_sections"),
    int("n_footnotes"),
    int("n_references"),
    int("n_products"),
    int("n_counts"),
    int("n_funds"),
    int("n_audit"),
    int("n_mismatches"),
    text("errors"),
];

/// Grounding columns closing every item table (sections have their own layout).
/// Number of grounding columns at the end of an item row.
const GROUNDING_WIDTH: usize = 7;

macro_rules! item_columns {
    ($($col:expr),* $(,)?) => {
        &[
            text("doc_id"),
            text("source_path"),
            int("idx"),
            $($col,)*
            int("page"),
            int("start_offset"),
            int("end_offset"),
            text("text"),
            text("section"),
            text("section_path"),
            text("section_heading"),
        ]
    };
}

const SECTION_COLUMNS: &[Column] = &[
    text("doc_id"),
    text("source_path"),
    int("idx"),
    text("section"),
    text("parent"),
    int("level"),
    text("marker"),
    text("heading"),
    text("section_path"),
    int("page"),
    int("start_offset"),
    int("end_offset"),
    text("text"),
    int("body_start"),
    int("body_end"),
];

const REFERENCE_COLUMNS: &[Column] = item_columns![
    text("kind"),
    text("kind_label"),
    text("number"),
    date("date"),
    text("issuer"),
];

const PRODUCT_COLUMNS: &[Column] = item_columns![
    text("name"),
    text("producer"),
    text("address"),
    text("locality"),
    int("stars"),
    int("target_stars"),
    text("status"),
    text("category"),
    text("source"),
];

const COUNT_COLUMNS: &[Column] = item_columns![
    int("value"),
    int("max"),
    int("total"),
    text("unit"),
    text("approx"),
];

const FUND_COLUMNS: &[Column] = item_columns![
    int("amount_vnd"),
    real("value"),
    text("scale"),
    text("label"),
    text("approx"),
    text("notation"),
    text("source"),
];

const FOOTNOTE_COLUMNS: &[Column] =
    item_columns![text("marker"), int("anchor_start"), int("anchor_end"),];

/// Audit findings: the grounding columns hold the first span; `spans` holds
/// all of them as a JSON array of `{start, end, text}`.
const AUDIT_COLUMNS: &[Column] = item_columns![
    text("check_name"),
    text("status"),
    text("severity"),
    text("message"),
    real("expected"),
    real("found"),
    text("spans"),
];

/// One cell value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    Null,
    Int(i64),
    Real(f64),
    Text(Cow<'a, str>),
}

impl<'a> Cell<'a> {
    fn str(s: &'a str) -> Self {
        Cell::Text(Cow::Borrowed(s))
    }
    fn opt_str(s: &'a Option<String>) -> Self {
        s.as_deref().map_or(Cell::Null, Cell::str)
    }
    fn owned(s: String) -> Self {
        Cell::Text(Cow::Owned(s))
    }
    fn int(n: impl TryInto<i64>) -> Self {
        n.try_into().map_or(Cell::Null, Cell::Int)
    }
    fn opt_int<T: TryInto<i64>>(n: Option<T>) -> Self {
        n.map_or(Cell::Null, Cell::int)
    }
    fn opt_real(x: Option<f64>) -> Self {
        x.map_or(Cell::Null, Cell::Real)
    }
    fn text_or(s: Option<&'a str>) -> Self {
        s.map_or(Cell::Null, Cell::str)
    }
}

/// A document ready to be flattened: the id and section paths are computed once here.
pub struct DocRows<'a> {
    pub doc: &'a Document,
    /// See [`doc_id`].
    pub doc_id: String,
    by_id: HashMap<&'a str, usize>,
    /// `section_path` of each section, same order as `doc.sections`.
    paths: Vec<String>,
}

/// The document id used as key in every table: the input's sha256, or, for an
/// input that could not be read (no hash), `path:` + the sha256 of its path, so
/// that it still gets its own row (with its `errors`).
pub fn doc_id(doc: &Document) -> String {
    if doc.source.sha256.is_empty() {
        format!("path:{}", crate::sha256_hex(doc.source.path.as_bytes()))
    } else {
        doc.source.sha256.clone()
    }
}

/// Longest parent chain followed; deeper (or cyclic) chains are cut.
const MAX_DEPTH: usize = 32;

/// What a section contributes to a path: its marker without the closing
/// period (`II.` → `II`), or its heading when it has no marker.
fn path_label(s: &Section) -> &str {
    let m = s.marker.trim().trim_end_matches('.').trim_end();
    if m.is_empty() {
        s.heading.trim()
    } else {
        m
    }
}

/// `Phần thứ nhất > II > 3`: the labels from the top section down to `s`,
/// following `parent` links.
fn section_path(s: &Section, all: &[Section], by_id: &HashMap<&str, usize>) -> String {
    let mut chain = vec![path_label(s)];
    let mut parent = s.parent.as_deref();
    while let Some(p) = parent {
        if chain.len() >= MAX_DEPTH {
            break;
        }
        match by_id.get(p) {
            Some(&i) => {
                chain.push(path_label(&all[i]));
                parent = all[i].parent.as_deref();
            }
            None => break,
        }
    }
    chain.reverse();
    chain.join(" > ")
}

/// Page lookup by code-point offset, for spans that carry no page (audit).
struct PageIndex {
    /// Code-point offsets of form feeds; `None` for unpaged documents.
    breaks: Option<Vec<usize>>,
}

impl PageIndex {
    fn new(doc: &Document) -> Self {
        let text = doc.text.as_deref().unwrap_or("");
        let has_breaks = text.contains('\u{c}');
        if doc.source.pages.is_none() && !has_breaks {
            return PageIndex { breaks: None };
        }
        if doc.text.is_none() {
            // Paged, but without text the page cannot be known.
            return PageIndex { breaks: None };
        }
        let breaks = text
            .chars()
            .enumerate()
            .filter(|&(_, c)| c == '\u{c}')
            .map(|(i, _)| i)
            .collect();
        PageIndex {
            breaks: Some(breaks),
        }
    }

    fn page_at(&self, ch: usize) -> Option<u32> {
        let b = self.breaks.as_ref()?;
        u32::try_from(b.partition_point(|&x| x < ch) + 1).ok()
    }
}

impl<'a> DocRows<'a> {
    pub fn new(doc: &'a Document) -> Self {
        let by_id: HashMap<&str, usize> = doc
            .sections
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        let paths = doc
            .sections
            .iter()
            .map(|s| section_path(s, &doc.sections, &by_id))
            .collect();
        DocRows {
            doc,
            doc_id: doc_id(doc),
            by_id,
            paths,
        }
    }

    /// Number of rows in every table together.
    pub fn row_count(&self) -> usize {
        Table::ALL.iter().map(|t| t.len(self.doc)).sum()
    }

    /// `section_path` of the section with this id, if any.
    pub fn path_of(&self, id: &str) -> Option<&str> {
        self.by_id.get(id).map(|&i| self.paths[i].as_str())
    }

    /// Call `f` with each row of `table`, in document order; cells follow
    /// [`Table::columns`].
    pub fn for_each<'s, E>(
        &'s self,
        table: Table,
        mut f: impl FnMut(&[Cell<'s>]) -> Result<(), E>,
    ) -> Result<(), E> {
        let doc: &'s Document = self.doc;
        let mut row: Vec<Cell<'s>> = Vec::with_capacity(table.columns().len());
        match table {
            Table::Documents => {
                self.document_row(&mut row);
                f(&row)?;
            }
            Table::Sections => {
                for (i, s) in doc.sections.iter().enumerate() {
                    row.clear();
                    self.key(&mut row, i);
                    row.extend([
                        Cell::str(&s.id),
                        Cell::opt_str(&s.parent),
                        Cell::int(s.level),
                        Cell::str(&s.marker),
                        Cell::str(&s.heading),
                        Cell::str(&self.paths[i]),
                        Cell::opt_int(s.page),
                        Cell::int(s.start),
                        Cell::int(s.end),
                        Cell::str(&s.text),
                        Cell::int(s.body_start),
                        Cell::int(s.body_end),
                    ]);
                    f(&row)?;
                }
            }
            Table::References => {
                for (i, r) in doc.references.iter().enumerate() {
                    row.clear();
                    self.key(&mut row, i);
                    row.extend([
                        Cell::str(&r.kind),
                        Cell::str(&r.kind_label),
                        Cell::opt_str(&r.number),
                        Cell::opt_str(&r.date),
                        Cell::opt_str(&r.issuer),
                    ]);
                    self.grounding(&mut row, &r.at);
                    f(&row)?;
                }
            }
            Table::Products => {
                for (i, p) in doc.products.iter().enumerate() {
                    row.clear();
                    self.key(&mut row, i);
                    row.extend([
                        Cell::str(&p.name),
                        Cell::opt_str(&p.producer),
                        Cell::opt_str(&p.address),
                        Cell::opt_str(&p.locality),
                        Cell::opt_int(p.stars),
                        Cell::opt_int(p.target_stars),
                        Cell::str(p.status.as_str()),
                        Cell::opt_str(&p.category),
                        Cell::str(p.source.as_str()),
                    ]);
                    self.grounding(&mut row, &p.at);
                    f(&row)?;
                }
            }
            Table::Counts => {
                for (i, c) in doc.counts.iter().enumerate() {
                    row.clear();
                    self.key(&mut row, i);
                    row.extend([
                        Cell::Int(c.value),
                        Cell::opt_int(c.max),
                        Cell::opt_int(c.total),
                        Cell::str(&c.unit),
                        Cell::opt_str(&c.approx),
                    ]);
                    self.grounding(&mut row, &c.at);
                    f(&row)?;
                }
            }
            Table::Funds => {
                for (i, m) in doc.funds.iter().enumerate() {
                    row.clear();
                    self.key(&mut row, i);
                    row.extend([
                        Cell::Int(m.amount_vnd),
                        Cell::Real(m.value),
                        Cell::opt_str(&m.scale),
                        Cell::opt_str(&m.label),
                        Cell::opt_str(&m.approx),
                        Cell::opt_str(&m.notation),
                        m.source.map_or(Cell::Null, |s| Cell::str(s.as_str())),
                    ]);
                    self.grounding(&mut row, &m.at);
                    f(&row)?;
                }
            }
            Table::Footnotes => {
                for (i, n) in doc.footnotes.iter().enumerate() {
                    row.clear();
                    self.key(&mut row, i);
                    row.extend([
                        Cell::str(&n.marker),
                        Cell::opt_int(n.anchor_start),
                        Cell::opt_int(n.anchor_end),
                    ]);
                    let section = self.section_at(n.start);
                    self.span(&mut row, n.page, n.start, n.end, &n.text, section);
                    f(&row)?;
                }
            }
            Table::Audit => {
                let pages = PageIndex::new(doc);
                for (i, a) in doc.audit.iter().enumerate() {
                    row.clear();
                    self.key(&mut row, i);
                    row.extend([
                        Cell::str(&a.check),
                        Cell::str(a.status.as_str()),
                        a.severity.map_or(Cell::Null, |s| Cell::str(s.as_str())),
                        Cell::str(&a.message),
                        Cell::opt_real(a.expected),
                        Cell::opt_real(a.found),
                        Cell::owned(serde_json::to_string(&a.items).unwrap_or_default()),
                    ]);
                    match a.items.first() {
                        Some(s) => {
                            let section = self.section_at(s.start);
                            let page = pages.page_at(s.start);
                            self.span(&mut row, page, s.start, s.end, &s.text, section);
                        }
                        None => row.extend(std::iter::repeat_n(Cell::Null, GROUNDING_WIDTH)),
                    }
                    f(&row)?;
                }
            }
        }
        Ok(())
    }

    fn key<'s>(&'s self, row: &mut Vec<Cell<'s>>, idx: usize) {
        row.extend([
            Cell::str(&self.doc_id),
            Cell::str(&self.doc.source.path),
            Cell::int(idx),
        ]);
    }

    fn grounding<'s>(&'s self, row: &mut Vec<Cell<'s>>, g: &'s Grounding) {
        let section = g
            .section
            .as_deref()
            .map(|id| (id, self.by_id.get(id).copied()));
        self.span(row, g.page, g.start, g.end, &g.text, section);
    }

    /// The grounding cells: page, start, end, text, section, section_path,
    /// section_heading. `section` is the id and its index when known.
    fn span<'s>(
        &'s self,
        row: &mut Vec<Cell<'s>>,
        page: Option<u32>,
        start: usize,
        end: usize,
        text: &'s str,
        section: Option<(&'s str, Option<usize>)>,
    ) {
        let (id, idx) = match section {
            Some((id, idx)) => (Cell::str(id), idx),
            None => (Cell::Null, None),
        };
        row.extend([
            Cell::opt_int(page),
            Cell::int(start),
            Cell::int(end),
            Cell::str(text),
            id,
            Cell::text_or(idx.map(|i| self.paths[i].as_str())),
            Cell::text_or(idx.map(|i| self.doc.sections[i].heading.as_str())),
        ]);
    }

    /// The innermost section containing code-point offset `ch`, by the same
    /// rule as [`crate::ground::Ground::section_at`].
    fn section_at(&self, ch: usize) -> Option<(&'a str, Option<usize>)> {
        self.doc
            .sections
            .iter()
            .enumerate()
            .filter(|(_, s)| s.start <= ch && ch < s.body_end.max(s.end))
            .max_by_key(|(_, s)| (s.level, s.start))
            .map(|(i, s)| (s.id.as_str(), Some(i)))
    }

    fn document_row<'s>(&'s self, row: &mut Vec<Cell<'s>>) {
        let doc: &'s Document = self.doc;
        let m = &doc.metadata;
        let src = &doc.source;
        let signer = m.signer.as_ref();
        let repairs = doc
            .normalization
            .repairs
            .iter()
            .map(|r| format!("{}={}", r.kind, r.count))
            .collect::<Vec<_>>()
            .join("; ");
        let errors = doc
            .errors
            .iter()
            .map(|e| format!("{}: {}", e.kind, e.message))
            .collect::<Vec<_>>()
            .join("\n");
        row.extend([
            Cell::str(&self.doc_id),
            Cell::str(&src.path),
            Cell::str(&src.format),
            Cell::int(src.bytes),
            Cell::opt_str(&src.encoding),
            Cell::opt_int(src.pages),
            Cell::opt_str(&src.backend),
            Cell::opt_str(&m.doc_type),
            Cell::opt_str(&m.doc_type_label),
            Cell::opt_str(&m.number),
            Cell::opt_str(&m.code),
            Cell::opt_str(&m.issuer),
            Cell::opt_str(&m.issuer_as_written),
            Cell::opt_str(&m.issuer_parent),
            Cell::Int(i64::from(m.issuer_inferred)),
            Cell::opt_str(&m.place),
            Cell::opt_str(&m.date),
            Cell::opt_int(m.year),
            Cell::opt_str(&m.title),
            Cell::text_or(m.locality.as_ref().map(|l| l.name.as_str())),
            Cell::text_or(m.locality.as_ref().map(|l| l.level.as_str())),
            Cell::text_or(signer.and_then(|s| s.name.as_deref())),
            Cell::text_or(signer.and_then(|s| s.title.as_deref())),
            Cell::text_or(signer.and_then(|s| s.authority.as_deref())),
            Cell::owned(m.recipients.join("\n")),
            Cell::Real(doc.normalization.quality.before),
            Cell::Real(doc.normalization.quality.after),
            Cell::owned(repairs),
            Cell::int(doc.normalization.warnings.len()),
            Cell::opt_int(doc.text.as_ref().map(|t| t.chars().count())),
            Cell::int(doc.sections.len()),
            Cell::int(doc.footnotes.len()),
            Cell::int(doc.references.len()),
            Cell::int(doc.products.len()),
            Cell::int(doc.counts.len()),
            Cell::int(doc.funds.len()),
            Cell::int(doc.audit.len()),
            Cell::int(
                doc.audit
                    .iter()
                    .filter(|a| a.status == FindingStatus::Mismatch)
                    .count(),
            ),
            Cell::owned(errors),
        ]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{Count, Finding, Footnote, Fund, Product, Reference, Span};

    fn sec(id: &str, parent: Option<&str>, marker: &str, heading: &str) -> Section {
        Section {
            id: id.into(),
            parent: parent.map(Into::into),
            marker: marker.into(),
            heading: heading.into(),
            ..Default::default()
        }
    }

    #[test]
    fn section_paths_follow_parents_and_survive_broken_links() {
        let doc = Document {
            sections: vec![
                sec("s1", None, "Phần thứ nhất", "KẾT QUẢ"),
                sec("s2", Some("s1"), "II.", "Kết quả"),
                sec("s3", Some("s2"), "3.", "Sản phẩm"),
                sec("s4", Some("s3"), "a)", "Chè"),
                sec("s5", Some("missing"), "", "Phụ lục"),
                sec("s6", Some("s7"), "1.", "vòng"),
                sec("s7", Some("s6"), "2.", "vòng"),
            ],
            ..Default::default()
        };
        let rows = DocRows::new(&doc);
        assert_eq!(rows.path_of("s3"), Some("Phần thứ nhất > II > 3"));
        assert_eq!(rows.path_of("s4"), Some("Phần thứ nhất > II > 3 > a)"));
        assert_eq!(rows.path_of("s5"), Some("Phụ lục"));
        // A cycle is cut, not followed forever.
        assert!(rows.path_of("s6").unwrap().ends_with("2 > 1"));
        assert_eq!(rows.path_of("nope"), None);
    }

    #[test]
    fn every_row_has_one_cell_per_column() {
        let at = Grounding {
            start: 0,
            end: 1,
            text: "x".into(),
            page: Some(1),
            section: Some("s1".into()),
        };
        let doc = Document {
            sections: vec![sec("s1", None, "I.", "Một")],
            footnotes: vec![Footnote::default()],
            references: vec![Reference {
                at: at.clone(),
                ..Default::default()
            }],
            products: vec![Product {
                at: at.clone(),
                ..Default::default()
            }],
            counts: vec![Count {
                at: at.clone(),
                ..Default::default()
            }],
            funds: vec![Fund {
                at,
                ..Default::default()
            }],
            audit: vec![
                Finding::default(),
                Finding {
                    items: vec![Span::default()],
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        let rows = DocRows::new(&doc);
        let mut seen = 0;
        for table in Table::ALL {
            rows.for_each(table, |cells| {
                assert_eq!(cells.len(), table.columns().len(), "{}", table.name());
                seen += 1;
                Ok::<(), ()>(())
            })
            .unwrap();
        }
        assert_eq!(seen, rows.row_count());
        assert_eq!(seen, 9);
    }

    #[test]
    fn unreadable_documents_get_an_id_from_their_path() {
        let mut doc = Document::default();
        doc.source.path = "mất.pdf".into();
        let id = doc_id(&doc);
        assert!(id.starts_with("path:") && id.len() == 5 + 64);
        doc.source.sha256 = "ab".repeat(32);
        assert_eq!(doc_id(&doc), "ab".repeat(32));
    }
}
