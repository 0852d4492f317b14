//! One document's page: its text with every item highlighted, and a side
//! panel listing the items (sections as an outline), the audit findings with
//! their spans, the warnings and repairs, and the errors.

use std::fmt::Write;

use super::assets;
use super::html::{self, escape, Mark};
use crate::output::{Document, FindingStatus, Grounding};

/// The kinds of item shown, with their CSS class, their id prefix and the
/// panel heading. Audit items and warnings have their own rows.
const KINDS: &[(&str, &str, &str)] = &[
    ("k-sec", "s", "Sections"),
    ("k-ref", "r", "References"),
    ("k-cnt", "c", "Counts"),
    ("k-fund", "f", "Funds"),
    ("k-prod", "p", "Products"),
    ("k-foot", "n", "Footnotes"),
];

/// An entry of the side panel.
struct Entry {
    id: String,
    /// The span's text as the item gives it.
    text: String,
    detail: String,
    page: Option<u32>,
    /// Outline depth, for sections.
    level: u32,
    grounded: bool,
}

/// The text's code points, to check a span and to cut excerpts.
pub struct Chars<'a> {
    text: &'a str,
    bytes: Vec<usize>,
}

impl<'a> Chars<'a> {
    pub fn new(text: &'a str) -> Self {
        let bytes = text
            .char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(text.len()))
            .collect();
        Chars { text, bytes }
    }

    pub fn len(&self) -> usize {
        self.bytes.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `text[start..end]` in code points, or `None` out of range.
    pub fn slice(&self, start: usize, end: usize) -> Option<&'a str> {
        (start <= end && end <= self.len()).then(|| &self.text[self.bytes[start]..self.bytes[end]])
    }
}

/// Does the span hold the item's text, as the contract promises?
fn grounded(chars: Option<&Chars>, start: usize, end: usize, text: &str) -> bool {
    chars.is_some_and(|c| c.slice(start, end) == Some(text))
}

/// The page of one document. `index` is the relative link back to the index.
pub fn render(doc: &Document, index: &str) -> String {
    let chars = doc.text.as_deref().map(Chars::new);
    let ch = chars.as_ref();
    let mut marks: Vec<Mark> = Vec::new();
    let mut groups: Vec<(usize, Vec<Entry>)> = Vec::new();
    let mut push = |kind: usize, i: usize, at: (&Grounding, String, u32)| {
        let (g, detail, level) = at;
        let (class, prefix, _) = KINDS[kind];
        let id = format!("{prefix}{i}");
        let ok = grounded(ch, g.start, g.end, &g.text);
        if ok {
            marks.push(Mark {
                start: g.start,
                end: g.end,
                id: id.clone(),
                class,
            });
        }
        if groups.last().map(|g| g.0) != Some(kind) {
            groups.push((kind, Vec::new()));
        }
        if let Some(last) = groups.last_mut() {
            last.1.push(Entry {
                id,
                text: g.text.clone(),
                detail,
                page: g.page,
                level,
                grounded: ok,
            });
        }
    };
    for (i, s) in doc.sections.iter().enumerate() {
        let g = Grounding {
            start: s.start,
            end: s.end,
            text: s.text.clone(),
            page: s.page,
            section: None,
        };
        push(0, i, (&g, String::new(), s.level));
    }
    for (i, r) in doc.references.iter().enumerate() {
        let mut d = r.kind_label.clone();
        for (label, v) in [("số", &r.number), ("ngày", &r.date), ("của", &r.issuer)] {
            if let Some(v) = v {
                let _ = write!(d, " · {label} {v}");
            }
        }
        push(1, i, (&r.at, d, 0));
    }
    for (i, c) in doc.counts.iter().enumerate() {
        let mut d = c.value.to_string();
        if let Some(m) = c.max {
            let _ = write!(d, "–{m}");
        }
        if let Some(t) = c.total {
            let _ = write!(d, "/{t}");
        }
        let _ = write!(d, " {}", c.unit);
        if let Some(a) = &c.approx {
            let _ = write!(d, " ({a})");
        }
        push(2, i, (&c.at, d, 0));
    }
    for (i, f) in doc.funds.iter().enumerate() {
        let mut d = format!("{} VND", group_digits(f.amount_vnd));
        if let Some(l) = &f.label {
            let _ = write!(d, " · {l}");
        }
        if let Some(a) = &f.approx {
            let _ = write!(d, " ({a})");
        }
        push(3, i, (&f.at, d, 0));
    }
    for (i, p) in doc.products.iter().enumerate() {
        let mut d = p.status.as_str().to_string();
        if let Some(s) = p.stars {
            let _ = write!(d, " · {s}★");
        }
        if let Some(s) = p.target_stars {
            let _ = write!(d, " · target {s}★");
        }
        for v in [&p.producer, &p.locality].into_iter().flatten() {
            let _ = write!(d, " · {v}");
        }
        push(4, i, (&p.at, d, 0));
    }
    for (i, f) in doc.footnotes.iter().enumerate() {
        let g = Grounding {
            start: f.start,
            end: f.end,
            text: f.text.clone(),
            page: f.page,
            section: None,
        };
        push(5, i, (&g, format!("[^{}]", f.marker), 0));
    }
    // Audit spans and warnings.
    let mut audit_html = String::new();
    for (fi, f) in doc.audit.iter().enumerate() {
        let bad = f.status == FindingStatus::Mismatch;
        let _ = write!(
            audit_html,
            "<li data-f class=\"finding\"><span class=\"{}\">{}</span> {}{} <span class=\"det\">{}{}</span>",
            if bad { "bad" } else { "okv" },
            f.status.as_str(),
            escape(&f.check),
            f.severity
                .map(|s| format!(" · {}", s.as_str()))
                .unwrap_or_default(),
            escape(&f.message),
            match (f.expected, f.found) {
                (Some(e), Some(x)) => format!(" (expected {e}, found {x})"),
                _ => String::new(),
            }
        );
        audit_html.push_str("<ul>");
        for (k, s) in f.items.iter().enumerate() {
            let id = format!("a{fi}-{k}");
            let ok = grounded(ch, s.start, s.end, &s.text);
            if ok {
                marks.push(Mark {
                    start: s.start,
                    end: s.end,
                    id: id.clone(),
                    class: if bad { "k-mis" } else { "k-aud" },
                });
            }
            audit_html.push_str("<li>");
            item_link(
                &mut audit_html,
                &id,
                &s.text,
                if bad { "k-mis" } else { "" },
                ok,
            );
            audit_html.push_str("</li>");
        }
        audit_html.push_str("</ul></li>");
    }
    let mut warn_html = String::new();
    for (i, w) in doc.normalization.warnings.iter().enumerate() {
        let id = format!("w{i}");
        let span = match (w.start, w.end, ch) {
            (Some(s), Some(e), Some(c)) => c.slice(s, e).map(|t| (s, e, t)),
            _ => None,
        };
        let _ = write!(
            warn_html,
            "<li data-f><span class=\"wv\">{}</span> <span class=\"det\">{}</span>",
            escape(&w.kind),
            escape(&w.message)
        );
        if let Some((s, e, t)) = span {
            if s < e {
                marks.push(Mark {
                    start: s,
                    end: e,
                    id: id.clone(),
                    class: "k-warn",
                });
                item_link(&mut warn_html, &id, t, "", true);
            }
        }
        warn_html.push_str("</li>");
    }
    let mut repairs_html = String::new();
    for r in &doc.normalization.repairs {
        let _ = write!(
            repairs_html,
            "<li data-f>{} ×{} <span class=\"det\">{}</span></li>",
            escape(&r.kind),
            r.count,
            escape(&r.examples.join(", "))
        );
    }

    let title = doc
        .metadata
        .title
        .as_deref()
        .or(doc.metadata.doc_type_label.as_deref())
        .unwrap_or(&doc.source.path);
    let mut out = String::with_capacity(doc.text.as_ref().map_or(0, |t| t.len() * 2) + 16384);
    head(
        &mut out,
        &format!("{} — {}", file_name(&doc.source.path), title),
    );
    out.push_str("<body class=\"doc\"><header><nav class=\"noprint\">");
    let _ = write!(out, "<a href=\"{}\">← All documents</a>", escape(index));
    out.push_str("<span class=\"hint\">Click an item or a highlighted span; keys: n/p next/previous item, Esc back to the list, / filter.</span></nav>");
    let _ = write!(out, "<h1>{}</h1>", escape(title));
    metadata(&mut out, doc);
    legend(&mut out, doc);
    out.push_str("</header><div class=\"wrap\"><main id=\"text\" aria-label=\"Document text\">");
    match (&doc.text, ch) {
        (Some(text), Some(_)) => {
            for b in html::cut(text, &marks).blocks {
                let _ = write!(out, "<section class=\"blk\" data-cp=\"{}\"", b.start);
                if let Some(p) = b.page {
                    let _ = write!(out, " data-page=\"{p}\"><h2 class=\"pgno\">Page {p}</h2>");
                } else {
                    out.push('>');
                }
                out.push_str("<div class=\"txt\">");
                out.push_str(&b.html);
                out.push_str("</div></section>");
            }
        }
        _ => out.push_str(
            "<p class=\"hint\">This JSON was extracted without its text (<code>--no-text</code>): items are listed, not shown in place.</p>",
        ),
    }
    out.push_str("</main><aside id=\"panel\" aria-label=\"Items found\">");
    out.push_str("<input type=\"search\" id=\"filter\" placeholder=\"Filter items\" aria-label=\"Filter items\">");
    if !doc.errors.is_empty() {
        out.push_str("<h2 class=\"bad\">Errors</h2><ul>");
        for e in &doc.errors {
            let _ = write!(
                out,
                "<li data-f><span class=\"bad\">{}</span> {}</li>",
                e.kind.as_str(),
                escape(&e.message)
            );
        }
        out.push_str("</ul>");
    }
    if !audit_html.is_empty() {
        let n = doc
            .audit
            .iter()
            .filter(|f| f.status == FindingStatus::Mismatch)
            .count();
        let _ = write!(
            out,
            "<details open><summary>Audit findings ({} mismatches of {})</summary><ul>{audit_html}</ul></details>",
            n,
            doc.audit.len()
        );
    }
    if !warn_html.is_empty() || !repairs_html.is_empty() {
        let _ = write!(
            out,
            "<details open><summary>Warnings ({}) and repairs ({})</summary>",
            doc.normalization.warnings.len(),
            doc.normalization.repairs.len()
        );
        if !warn_html.is_empty() {
            let _ = write!(out, "<ul>{warn_html}</ul>");
        }
        if !repairs_html.is_empty() {
            let _ = write!(
                out,
                "<p class=\"hint\">Repairs are counted with examples; the contract does not say where each one is.</p><ul>{repairs_html}</ul>"
            );
        }
        out.push_str("</details>");
    }
    for (kind, entries) in &groups {
        let (class, _, label) = KINDS[*kind];
        let _ = write!(
            out,
            "<details{}><summary>{label} ({})</summary><ul>",
            if entries.len() <= 2000 { " open" } else { "" },
            entries.len()
        );
        for e in entries {
            if *kind == 0 {
                let _ = write!(out, "<li data-f class=\"lvl{}\">", e.level.clamp(1, 5));
            } else {
                out.push_str("<li data-f>");
            }
            item_link(&mut out, &e.id, &e.text, class, e.grounded);
            if !e.detail.is_empty() || e.page.is_some() {
                out.push_str("<span class=\"det\">");
                escape_into_clipped(&mut out, &e.detail, 300);
                if let Some(p) = e.page {
                    let _ = write!(out, " · p. {p}");
                }
                out.push_str("</span>");
            }
            out.push_str("</li>");
        }
        out.push_str("</ul></details>");
    }
    out.push_str("</aside></div><script>");
    out.push_str(assets::DOC_JS);
    out.push_str("</script></body></html>\n");
    out
}

/// A panel link to an item's span; an item whose span does not hold its
/// text is listed, flagged, and not linked.
fn item_link(out: &mut String, id: &str, text: &str, class: &str, grounded: bool) {
    if grounded {
        let _ = write!(
            out,
            "<a href=\"#x-{id}\" data-i=\"{id}\" class=\"{class}\">"
        );
        escape_into_clipped(out, text, 200);
        out.push_str("</a>");
    } else {
        out.push_str("<span class=\"ungr\" title=\"span does not hold this text\">⚠ ");
        escape_into_clipped(out, text, 200);
        out.push_str("</span>");
    }
}

/// Escape at most `max` characters of `s` (long footnotes, long headings).
fn escape_into_clipped(out: &mut String, s: &str, max: usize) {
    match s.char_indices().nth(max) {
        Some((b, _)) => {
            html::escape_into(out, &s[..b]);
            out.push('…');
        }
        None => html::escape_into(out, s),
    }
}

/// `<head>` with the inline style sheet.
pub fn head(out: &mut String, title: &str) {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>{}</title><style>{}</style></head>",
        escape(title),
        assets::CSS
    );
}

/// The last part of a path, for titles.
pub fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// 1234567 → "1.234.567", as Vietnamese documents write money.
pub fn group_digits(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

fn metadata(out: &mut String, doc: &Document) {
    let m = &doc.metadata;
    let s = &doc.source;
    let signer = m.signer.as_ref().map(|s| {
        [&s.authority, &s.title, &s.name]
            .into_iter()
            .flatten()
            .cloned()
            .collect::<Vec<_>>()
            .join(" · ")
    });
    let mut source = format!("{} · {}", s.path, s.format);
    if let Some(p) = s.pages {
        let _ = write!(source, " · {p} pages");
    }
    if let Some(e) = &s.encoding {
        let _ = write!(source, " · {e}");
    }
    if let Some(b) = &s.backend {
        let _ = write!(source, " · {b}");
    }
    let quality = format!(
        "{:.3} → {:.3}",
        doc.normalization.quality.before, doc.normalization.quality.after
    );
    let rows: [(&str, Option<String>); 9] = [
        ("Source", Some(source)),
        ("Type", m.doc_type_label.clone().or(m.doc_type.clone())),
        ("Number", m.number.clone().or(m.code.clone())),
        ("Date", m.date.clone().or(m.year.map(|y| y.to_string()))),
        ("Place", m.place.clone()),
        (
            "Issuer",
            m.issuer.clone().map(|i| {
                if m.issuer_inferred {
                    format!("{i} (inferred)")
                } else {
                    i
                }
            }),
        ),
        (
            "Locality",
            m.locality
                .as_ref()
                .map(|l| format!("{} ({})", l.name, l.level)),
        ),
        ("Signer", signer.filter(|s| !s.is_empty())),
        ("Text quality", Some(quality)),
    ];
    out.push_str("<dl class=\"meta\">");
    for (k, v) in rows {
        if let Some(v) = v {
            let _ = write!(out, "<dt>{k}</dt><dd>{}</dd>", escape(&v));
        }
    }
    out.push_str("</dl>");
}

/// The colours, with how many items of each kind the document has.
fn legend(out: &mut String, doc: &Document) {
    let counts = [
        doc.sections.len(),
        doc.references.len(),
        doc.counts.len(),
        doc.funds.len(),
        doc.products.len(),
        doc.footnotes.len(),
    ];
    out.push_str("<p class=\"legend\">");
    for ((class, _, label), n) in KINDS.iter().zip(counts) {
        let _ = write!(out, "<span class=\"sw {class}\">{label} {n}</span>");
    }
    let mis = doc
        .audit
        .iter()
        .filter(|f| f.status == FindingStatus::Mismatch)
        .count();
    let _ = write!(
        out,
        "<span class=\"sw\"><span class=\"bad\">audit mismatches {mis}</span></span><span class=\"sw wv\">warnings {}</span></p>",
        doc.normalization.warnings.len()
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{Count, Finding, Span, Warning};

    fn count(start: usize, end: usize, what: &str) -> Count {
        Count {
            value: 1,
            unit: "x".into(),
            at: Grounding {
                start,
                end,
                text: what.into(),
                ..Default::default()
            },
            ..Default::default()
        }
    }

    #[test]
    fn a_hostile_text_stays_text() {
        let text = "Báo cáo <script>alert(1)</script> và \"><img src=x onerror=alert(2)> 12 xã";
        let n = text.chars().count();
        let doc = Document {
            text: Some(text.into()),
            counts: vec![count(n - 5, n, "12 xã")],
            audit: vec![Finding {
                check: "<b>sum</b>".into(),
                message: "<script>x</script>".into(),
                items: vec![Span {
                    start: 8,
                    end: 16,
                    text: "<script>".into(),
                }],
                ..Default::default()
            }],
            ..Default::default()
        };
        let page = render(&doc, "../index.html");
        // The only scripts are the page's own.
        assert_eq!(page.matches("<script>").count(), 1);
        assert!(!page.contains("<img"));
        assert!(!page.contains("<b>sum"));
        assert!(page.contains("data-i=\"a0-0\">&lt;script&gt;</mark>alert(1)&lt;/script&gt;"));
        assert!(page.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"));
        assert!(page.contains("data-i=\"c0\">12 xã</mark>"));
    }

    #[test]
    fn an_ungrounded_item_is_flagged_not_marked() {
        let doc = Document {
            text: Some("Có 12 xã".into()),
            counts: vec![count(2, 7, "12 xã")],
            normalization: crate::output::Normalization {
                warnings: vec![Warning {
                    kind: "dropped_glyph".into(),
                    message: "m".into(),
                    start: Some(0),
                    end: Some(2),
                }],
                ..Default::default()
            },
            ..Default::default()
        };
        let page = render(&doc, "i.html");
        assert!(page.contains("⚠ 12 xã"));
        assert!(!page.contains("data-i=\"c0\""));
        assert!(page.contains("<mark class=\"k-warn\" data-i=\"w0\">Có</mark>"));
    }

    #[test]
    fn digits_are_grouped_the_vietnamese_way() {
        assert_eq!(group_digits(446_000_000), "446.000.000");
        assert_eq!(group_digits(-1500), "-1.500");
        assert_eq!(group_digits(12), "12");
    }
}
