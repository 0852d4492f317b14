//! The index page: one row per document and one per cross-document finding,
//! carried as JSON in the page and drawn a page of rows at a time.

use std::fmt::Write;

use serde::Serialize;

use super::assets;
use super::html::script_json;
use super::page;
use crate::audit::cross::CrossFinding;
use crate::output::{Document, FindingStatus};

/// A document's row. Field names are the keys the index script reads.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DocRow {
    /// 1-based position in the batch.
    pub n: usize,
    pub file: String,
    /// The document's page, relative to the index.
    pub href: String,
    pub title: Option<String>,
    #[serde(rename = "type")]
    pub doc_type: Option<String>,
    pub number: Option<String>,
    pub date: Option<String>,
    pub issuer: Option<String>,
    pub sections: usize,
    pub references: usize,
    pub counts: usize,
    pub funds: usize,
    pub products: usize,
    pub warnings: usize,
    /// In-document audit findings with status `mismatch`.
    pub mismatches: usize,
    /// Cross-document mismatches this document is part of.
    pub cross: usize,
    /// Error kinds, joined.
    pub errors: String,
    /// CSS classes of cells that want attention.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mcls: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ccls: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ecls: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wcls: Option<&'static str>,
}

impl DocRow {
    pub fn new(n: usize, doc: &Document, href: String) -> Self {
        let m = &doc.metadata;
        let mismatches = doc
            .audit
            .iter()
            .filter(|f| f.status == FindingStatus::Mismatch)
            .count();
        let errors: Vec<&str> = doc.errors.iter().map(|e| e.kind.as_str()).collect();
        let warnings = doc.normalization.warnings.len();
        DocRow {
            n,
            file: doc.source.path.clone(),
            href,
            title: m.title.clone(),
            doc_type: m.doc_type_label.clone().or(m.doc_type.clone()),
            number: m.number.clone().or(m.code.clone()),
            date: m.date.clone().or(m.year.map(|y| y.to_string())),
            issuer: m.issuer.clone(),
            sections: doc.sections.len(),
            references: doc.references.len(),
            counts: doc.counts.len(),
            funds: doc.funds.len(),
            products: doc.products.len(),
            warnings,
            mismatches,
            cross: 0,
            errors: errors.join(", "),
            mcls: (mismatches > 0).then_some("bad"),
            ccls: None,
            ecls: (!errors.is_empty()).then_some("bad"),
            wcls: (warnings > 0).then_some("wv"),
        }
    }
}

/// A cross-document finding's row.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FindingRow {
    pub n: usize,
    pub href: String,
    pub check: String,
    pub status: &'static str,
    pub severity: Option<&'static str>,
    pub documents: usize,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scls: Option<&'static str>,
}

impl FindingRow {
    pub fn new(n: usize, f: &CrossFinding, href: String) -> Self {
        let mut paths: Vec<&str> = f.items.iter().map(|i| i.path.as_str()).collect();
        paths.sort_unstable();
        paths.dedup();
        let bad = f.status == FindingStatus::Mismatch;
        FindingRow {
            n,
            href,
            check: f.check.clone(),
            status: f.status.as_str(),
            severity: f.severity.map(|s| s.as_str()),
            documents: paths.len(),
            message: f.message.clone(),
            scls: bad.then_some("bad"),
        }
    }
}

#[derive(Serialize)]
struct Data<'a> {
    docs: &'a [DocRow],
    findings: &'a [FindingRow],
}

/// The index page.
pub fn render(docs: &[DocRow], findings: &[FindingRow]) -> String {
    let mut out = String::with_capacity(docs.len() * 400 + findings.len() * 300 + 16384);
    page::head(&mut out, "Review: documents");
    let failed = docs.iter().filter(|d| !d.errors.is_empty()).count();
    let mismatches: usize = docs.iter().map(|d| d.mismatches).sum();
    let cross = findings.iter().filter(|f| f.scls.is_some()).count();
    out.push_str("<body class=\"index\"><header><h1>Documents</h1>");
    let _ = write!(
        out,
        "<p id=\"summary\">{} documents · {} with errors · {} in-document audit mismatches · {} cross-document mismatches ({} findings)</p>",
        docs.len(),
        failed,
        mismatches,
        cross,
        findings.len()
    );
    out.push_str("</header><main class=\"idx\">");
    out.push_str("<noscript><p>The tables need JavaScript; each document's page is in the folder <code>d/</code>, each finding's in <code>x/</code>.</p></noscript>");
    out.push_str("<section id=\"docs\" aria-label=\"Documents\"></section>");
    if !findings.is_empty() {
        out.push_str("<h2>Findings across documents</h2><section id=\"cross\" aria-label=\"Findings across documents\"></section>");
    }
    let _ = writeln!(
        out,
        "</main><script type=\"application/json\" id=\"data\">{}</script><script>{}</script></body></html>",
        script_json(&Data { docs, findings }),
        assets::INDEX_JS
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hostile_file_name_stays_in_the_json() {
        let doc = Document {
            source: crate::output::Source {
                path: "</script><script>alert(1)</script>.txt".into(),
                ..Default::default()
            },
            ..Default::default()
        };
        let rows = [DocRow::new(1, &doc, "d/1.html".into())];
        let page = render(&rows, &[]);
        assert_eq!(page.matches("</script>").count(), 2);
        assert!(page.contains("\\u003c/script\\u003e\\u003cscript\\u003ealert(1)"));
    }
}
