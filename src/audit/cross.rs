//! Audit across documents: the same product with different stars, producers
//! or localities in different reports; the same reference number cited with
//! different dates (or, for numbers whose code names one national body,
//! different issuers).
//!
//! different issuers); the same figure (a locality's OCOP products, producers
//! or spending in one period) reported differently in two reports; and a
//! district's total against the sum of its communes' reports.
//!
//! Only small keys are kept per document, so memory grows with the number of
//! distinct products and references, not with the documents' text.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::figures::{self, Figure};
use crate::normalize::fold_key as fold;
use crate::output::{Document, FindingStatus, Severity};

/// Codes that name a single national body: a number with one of these after
/// the kind code has exactly one possible issuer.
const NATIONAL_CODES: &[&str] = &[
    "TTg",
    "CP",
    "BTC",
    "BNN",
    "BNNPTNT",
    "BNN-VPĐP",
    "BCT",
    "BKHĐT",
    "BNNMT",
];

/// A finding across documents.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CrossFinding {
    /// `product_stars`, `product_producer`, `product_locality`,
    /// `reference_date`, `reference_issuer`, `figure`, `district_sum`.
    pub check: String,
    /// `ok` or `mismatch`.
    pub status: FindingStatus,
    /// `high`: the figures are stated and keyed alike; `low`: informative only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    /// The figure's total and the sum of its parts, for `district_sum`;
    /// the first two values, for `figure`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub found: Option<f64>,
    pub message: String,
    pub items: Vec<CrossItem>,
}

/// Where one side of a cross finding stands.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CrossItem {
    pub path: String,
    pub sha256: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The value this document gives (stars, producer, date, issuer).
    pub value: String,
}

#[derive(Debug, Clone)]
struct ProductSeen {
    item: CrossItem,
    producer: Option<String>,
    stars: Option<u8>,
    locality: Option<String>,
}

#[derive(Debug, Clone)]
struct ReferenceSeen {
    item: CrossItem,
    number: String,
    date: Option<String>,
    issuer: Option<String>,
}

#[derive(Debug, Clone)]
struct FigureSeen {
    item: CrossItem,
    value: i64,
    money: bool,
}

/// Collects keys document by document, then reports.
#[derive(Debug, Default)]
pub struct CrossAudit {
    products: BTreeMap<String, Vec<ProductSeen>>,
    references: BTreeMap<String, Vec<ReferenceSeen>>,
    /// `locality|scope|thing` → each document's value (see `figures`).
    figures: BTreeMap<String, Vec<FigureSeen>>,
    /// District → the communes whose reports name it.
    communes_of: BTreeMap<String, std::collections::BTreeSet<String>>,
    /// District → how many communes its report says it has.
    commune_count: BTreeMap<String, (i64, CrossItem)>,
    pub documents: usize,
}

impl CrossAudit {
    pub fn add(&mut self, doc: &Document) {
        self.documents += 1;
        let item = |start, end, text: &str, value: String| CrossItem {
            path: doc.source.path.clone(),
            sha256: doc.source.sha256.clone(),
            start,
            end,
            text: text.to_string(),
            value,
        };
        for p in &doc.products {
            self.products
                .entry(fold(&p.name))
                .or_default()
                .push(ProductSeen {
                    item: item(p.at.start, p.at.end, &p.at.text, String::new()),
                    producer: p.producer.clone(),
                    stars: p.stars,
                    locality: p.locality.clone(),
                });
        }
        for r in &doc.references {
            let Some(number) = &r.number else { continue };
            self.references
                .entry(format!("{}|{}", r.kind, number.to_uppercase()))
                .or_default()
                .push(ReferenceSeen {
                    item: item(r.at.start, r.at.end, &r.at.text, String::new()),
                    number: number.clone(),
                    date: r.date.clone(),
                    issuer: r.issuer.clone(),
                });
        }
        let facts = figures::facts(doc);
        if let (Some(parent), Some(own)) = (&facts.parent, &facts.locality) {
            self.communes_of
                .entry(parent.clone())
                .or_default()
                .insert(own.clone());
        }
        if let (Some((n, span)), Some(own)) = (&facts.communes, &facts.locality) {
            self.commune_count
                .entry(own.clone())
                .or_insert((*n, item(span.start, span.end, &span.text, n.to_string())));
        }
        // One value per key and document; a key the document states with two
        // values is left out (that is the in-document `restated_value` check's).
        let mut mine: BTreeMap<String, Option<&Figure>> = BTreeMap::new();
        for f in &facts.figures {
            let key = format!("{}|{}|{}", f.locality, f.scope, f.thing);
            match mine.get(&key) {
                None => {
                    mine.insert(key, Some(f));
                }
                Some(Some(prev)) if prev.value != f.value => {
                    mine.insert(key, None);
                }
                _ => {}
            }
        }
        for (key, f) in mine {
            let Some(f) = f else { continue };
            self.figures.entry(key).or_default().push(FigureSeen {
                item: item(
                    f.span.start,
                    f.span.end,
                    &f.span.text,
                    if f.money {
                        super::quantities::show_vnd(f.value)
                    } else {
                        f.value.to_string()
                    },
                ),
                value: f.value,
                money: f.money,
            });
        }
    }

    pub fn findings(&self) -> Vec<CrossFinding> {
        let mut out = Vec::new();
        for (name, seen) in &self.products {
            out.extend(product_conflicts(name, seen));
        }
        for (key, seen) in &self.references {
            out.extend(reference_conflicts(key, seen));
        }
        for (key, seen) in &self.figures {
            out.extend(figure_agreement(key, seen));
        }
        for (district, communes) in &self.communes_of {
            out.extend(self.district_sums(district, communes));
        }
        out
    }

    /// Each figure the district states against the sum of the same figure in
    /// its communes' reports.
    fn district_sums(
        &self,
        district: &str,
        communes: &std::collections::BTreeSet<String>,
    ) -> Vec<CrossFinding> {
        let mut out = Vec::new();
        let prefix = format!("{district}|");
        let count = self.commune_count.get(district);
        for (key, seen) in self.figures.range(prefix.clone()..) {
            let Some(rest) = key.strip_prefix(&prefix) else {
                break;
            };
            let Some(total) = single_value(seen) else {
                continue;
            };
            let mut parts: Vec<&FigureSeen> = Vec::new();
            let mut unknown = 0usize;
            for c in communes {
                match self.figures.get(&format!("{c}|{rest}")) {
                    Some(s) if single_value(s).is_some() => parts.push(&s[0]),
                    _ => unknown += 1,
                }
            }
            if parts.is_empty() {
                continue;
            }
            let sum: i64 = parts.iter().map(|p| p.value).sum();
            let all = unknown == 0 && count.is_some_and(|(n, _)| *n == parts.len() as i64);
            let show = |v: i64| {
                if total.money {
                    super::quantities::show_vnd(v)
                } else {
                    v.to_string()
                }
            };
            let what = figures::describe(key);
            let (status, severity, message) = if all {
                if sum == total.value {
                    (
                        FindingStatus::Ok,
                        Severity::High,
                        format!(
                        "{what}: the district's {} equals the sum of all its {} communes' reports.",
                        show(total.value), parts.len()
                    ),
                    )
                } else {
                    (FindingStatus::Mismatch, Severity::High, format!(
                        "{what}: the district reports {} but its {} communes' reports (all of them) add up to {}; find which report is wrong before summing.",
                        show(total.value), parts.len(), show(sum)
                    ))
                }
            } else if sum > total.value {
                (FindingStatus::Mismatch, Severity::High, format!(
                    "{what}: the district reports {} but only {} of its communes' reports already add up to {}; find which report is wrong.",
                    show(total.value), parts.len(), show(sum)
                ))
            } else {
                let of = count.map_or("an unknown number of".to_string(), |(n, _)| n.to_string());
                (FindingStatus::Ok, Severity::Low, format!(
                    "{what}: informative only, {} of {of} communes reported, adding up to {}, within the district's {}.",
                    parts.len(), show(sum), show(total.value)
                ))
            };
            let mut items = vec![with_value(&total.item, show(total.value))];
            items.extend(parts.iter().map(|p| p.item.clone()));
            if let Some((_, c)) = count {
                items.push(c.clone());
            }
            out.push(CrossFinding {
                check: "district_sum".into(),
                status,
                severity: Some(severity),
                message,
                expected: Some(total.value as f64),
                found: Some(sum as f64),
                items,
            });
        }
        out
    }
}

/// The value all documents give for a key, if they agree.
fn single_value(seen: &[FigureSeen]) -> Option<&FigureSeen> {
    let first = seen.first()?;
    seen.iter().all(|s| s.value == first.value).then_some(first)
}

/// The same figure in two or more documents: `ok` when they agree.
fn figure_agreement(key: &str, seen: &[FigureSeen]) -> Option<CrossFinding> {
    let docs: std::collections::BTreeSet<&str> =
        seen.iter().map(|s| s.item.path.as_str()).collect();
    if docs.len() < 2 {
        return None;
    }
    let what = figures::describe(key);
    let first = seen.first()?;
    if let Some(c) = conflict(seen, |s| &s.item.path, |s| Some(s.value)) {
        // Keep the text order of the documents.
        let mut c = c;
        c.sort_by_key(|s| seen.iter().position(|x| x.item.path == s.item.path));
        return Some(CrossFinding {
            check: "figure".into(),
            status: FindingStatus::Mismatch,
            severity: Some(Severity::High),
            message: format!(
                "{what} is reported as {} in different reports; check which is right.",
                c.iter()
                    .map(|s| s.item.value.clone())
                    .collect::<Vec<_>>()
                    .join(" and ")
            ),
            expected: Some(c[0].value as f64),
            found: c.get(1).map(|s| s.value as f64),
            items: c.iter().map(|s| s.item.clone()).collect(),
        });
    }
    Some(CrossFinding {
        check: "figure".into(),
        status: FindingStatus::Ok,
        severity: Some(Severity::High),
        message: format!(
            "{what} is the same ({}) in {} reports.",
            first.item.value,
            docs.len()
        ),
        expected: Some(first.value as f64),
        found: Some(first.value as f64),
        items: seen.iter().map(|s| s.item.clone()).collect(),
    })
}

/// Values that differ between documents: the first sighting per document and value.
fn conflict<T: Clone, K: Ord + Clone>(
    seen: &[T],
    path: impl Fn(&T) -> &str,
    key: impl Fn(&T) -> Option<K>,
) -> Option<Vec<T>> {
    let mut firsts: BTreeMap<K, T> = BTreeMap::new();
    for s in seen {
        if let Some(k) = key(s) {
            firsts.entry(k).or_insert_with(|| s.clone());
        }
    }
    let picked: Vec<T> = firsts.into_values().collect();
    let distinct_docs = picked
        .iter()
        .map(&path)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    (picked.len() > 1 && distinct_docs > 1).then_some(picked)
}

fn product_conflicts(name: &str, seen: &[ProductSeen]) -> Vec<CrossFinding> {
    let mut out = Vec::new();
    let shown_name = seen
        .first()
        .map(|s| s.item.text.clone())
        .unwrap_or_else(|| name.to_string());
    // "Mật nho" or "Siro Nho" made by two producers are two products; a name
    // with a proper name in it ("Mật ong rừng Phước Hòa") is one product.
    let distinctive = distinctive_name(&shown_name);
    if let Some(c) = conflict(
        seen,
        |s| &s.item.path,
        |s| s.producer.as_deref().map(producer_core),
    )
    .filter(|_| distinctive)
    {
        out.push(cross(
            "product_producer",
            format!("\"{shown_name}\" has different producers in different reports; check which producer is right."),
            c.iter().map(|s| with_value(&s.item, s.producer.clone().unwrap_or_default())).collect(),
        ));
    }
    // Stars and locality are compared within one producer.
    let mut by_producer: BTreeMap<String, Vec<ProductSeen>> = BTreeMap::new();
    for s in seen {
        by_producer
            .entry(s.producer.as_deref().map(producer_core).unwrap_or_default())
            .or_default()
            .push(s.clone());
    }
    for group in by_producer.values() {
        if let Some(c) = conflict(group, |s| &s.item.path, |s| s.stars) {
            out.push(cross(
                "product_stars",
                format!("\"{shown_name}\" is reported with different star levels in different reports; check its certificate."),
                c.iter().map(|s| with_value(&s.item, s.stars.map(|n| n.to_string()).unwrap_or_default())).collect(),
            ));
        }
        if let Some(c) = conflict(group, |s| &s.item.path, |s| s.locality.as_deref().map(fold)) {
            out.push(cross(
                "product_locality",
                format!("\"{shown_name}\" is placed in different localities in different reports."),
                c.iter()
                    .map(|s| with_value(&s.item, s.locality.clone().unwrap_or_default()))
                    .collect(),
            ));
        }
    }
    out
}

/// Legal forms written before a producer's name, folded; "HKD Cơ sở sản xuất
/// Thiên Thảo" and "Hộ kinh doanh cơ sở sản xuất Thiên Thảo" are one producer.
const LEGAL_FORMS: &[&str] = &[
    "ho kinh doanh",
    "hkd",
    "co so san xuat",
    "co so",
    "hop tac xa",
    "htx",
    "cong ty tnhh mtv",
    "cong ty tnhh",
    "cong ty co phan",
    "cong ty cp",
    "cong ty",
    "doanh nghiep tu nhan",
    "dntn",
    "to hop tac",
    "tht",
    "chi nhanh",
];

/// A producer's name without its legal forms, folded.
fn producer_core(producer: &str) -> String {
    let mut s = fold(producer);
    loop {
        let before = s.len();
        for form in LEGAL_FORMS {
            if let Some(rest) = s.strip_prefix(form) {
                if rest.is_empty() || rest.starts_with(' ') {
                    s = rest.trim_start().to_string();
                }
            }
        }
        if s.len() == before {
            break;
        }
    }
    if s.is_empty() {
        fold(producer)
    } else {
        s
    }
}

/// Whether a product name names one product: three words or more, one of
/// them (after the first) capitalized, as a place or brand is.
fn distinctive_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    words.len() >= 3
        && words[1..]
            .iter()
            .any(|w| w.chars().next().is_some_and(char::is_uppercase))
}

fn reference_conflicts(key: &str, seen: &[ReferenceSeen]) -> Vec<CrossFinding> {
    let number = seen.first().map_or(key, |s| s.number.as_str());
    let mut out = Vec::new();
    // Numbers restart every year and every issuer has its own series, so two
    // dates conflict only within one year and with compatible issuers.
    let year = |s: &ReferenceSeen| {
        s.date
            .as_deref()
            .and_then(|d| d.get(..4))
            .map(str::to_string)
    };
    let mut by_year: BTreeMap<String, Vec<ReferenceSeen>> = BTreeMap::new();
    for s in seen {
        if let Some(y) = year(s) {
            by_year.entry(y).or_default().push(s.clone());
        }
    }
    for group in by_year.values() {
        for cluster in issuer_clusters(group, is_national(number)) {
            if let Some(c) = conflict(&cluster, |s| &s.item.path, |s| s.date.clone()) {
                out.push(cross(
                    "reference_date",
                    format!("{number} is cited with different dates in different documents; check the decision's real date."),
                    c.iter().map(|s| with_value(&s.item, s.date.clone().unwrap_or_default())).collect(),
                ));
            }
        }
    }
    if is_national(number) {
        if let Some(c) = conflict(seen, |s| &s.item.path, |s| s.issuer.as_deref().map(fold)) {
            let names: Vec<String> = c
                .iter()
                .filter_map(|s| s.issuer.as_deref().map(fold))
                .collect();
            let compatible = names
                .windows(2)
                .all(|w| w[0].starts_with(&w[1]) || w[1].starts_with(&w[0]));
            if !compatible {
                out.push(cross(
                    "reference_issuer",
                    format!("{number} names one issuing body, but documents cite it with different issuers."),
                    c.iter().map(|s| with_value(&s.item, s.issuer.clone().unwrap_or_default())).collect(),
                ));
            }
        }
    }
    out
}

/// Citings of one number in one year, split by issuer: "UBND huyện Tân
/// Phước" and "UBND tỉnh Đồng Tháp" each have their own 1048/QĐ-UBND. Issuers
/// are the same when one name starts with the other ("UBND tỉnh"). A citing
/// without issuer joins only when there is a single issuer. A national code
/// has one issuer whatever is written.
fn issuer_clusters(group: &[ReferenceSeen], national: bool) -> Vec<Vec<ReferenceSeen>> {
    if national {
        return vec![group.to_vec()];
    }
    let mut clusters: Vec<(String, Vec<ReferenceSeen>)> = Vec::new();
    let mut unknown = Vec::new();
    for s in group {
        match s.issuer.as_deref().map(fold) {
            Some(i) => {
                match clusters
                    .iter_mut()
                    .find(|(k, _)| k.starts_with(&i) || i.starts_with(k.as_str()))
                {
                    Some((_, members)) => members.push(s.clone()),
                    None => clusters.push((i, vec![s.clone()])),
                }
            }
            None => unknown.push(s.clone()),
        }
    }
    match clusters.len() {
        0 => vec![unknown],
        1 => {
            let mut only = clusters.remove(0).1;
            only.extend(unknown);
            vec![only]
        }
        _ => clusters.into_iter().map(|(_, m)| m).collect(),
    }
}

fn is_national(number: &str) -> bool {
    let upper = number.to_uppercase();
    NATIONAL_CODES.iter().any(|c| {
        let c = c.to_uppercase();
        upper.ends_with(&format!("-{c}")) || upper.ends_with(&format!("/{c}"))
    })
}

fn with_value(item: &CrossItem, value: String) -> CrossItem {
    CrossItem {
        value,
        ..item.clone()
    }
}

fn cross(check: &str, message: String, items: Vec<CrossItem>) -> CrossFinding {
    CrossFinding {
        check: check.into(),
        status: FindingStatus::Mismatch,
        severity: None,
        expected: None,
        found: None,
        message,
        items,
    }
}

/// A readable table of findings, one block per finding.
pub fn render_table(findings: &[CrossFinding]) -> String {
    let mut s = String::new();
    for f in findings {
        s.push_str(&format!("{:<18} {:<9} {}\n", f.check, f.status, f.message));
        for i in &f.items {
            s.push_str(&format!(
                "    {:<12} {}  [{}..{}] {:?}\n",
                i.value, i.path, i.start, i.end, i.text
            ));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{Grounding, Product, Reference};

    fn doc(path: &str, products: Vec<Product>, references: Vec<Reference>) -> Document {
        let mut d = crate::empty();
        d.source.path = path.into();
        d.products = products;
        d.references = references;
        d
    }

    fn product(name: &str, producer: &str, stars: u8) -> Product {
        Product {
            name: name.into(),
            producer: Some(producer.into()),
            stars: Some(stars),
            status: crate::output::ProductStatus::Certified,
            source: crate::output::ProductSource::Table,
            at: Grounding {
                text: name.into(),
                ..Default::default()
            },
            ..Default::default()
        }
    }

    fn reference(number: &str, date: &str, issuer: &str) -> Reference {
        Reference {
            kind: "quyet_dinh".into(),
            kind_label: "Quyết định".into(),
            number: Some(number.into()),
            date: Some(date.into()),
            issuer: Some(issuer.into()),
            at: Grounding::default(),
        }
    }

    #[test]
    fn each_issuer_has_its_own_series() {
        let mut a = CrossAudit::default();
        let r = |n: &str, d: &str, i: &str| reference(n, d, i);
        a.add(&doc(
            "a.txt",
            vec![],
            vec![r("1048/QĐ-UBND", "2024-06-12", "UBND huyện Tân Phước")],
        ));
        a.add(&doc(
            "b.txt",
            vec![],
            vec![r("1048/QĐ-UBND", "2024-03-02", "UBND tỉnh Đồng Tháp")],
        ));
        a.add(&doc(
            "c.txt",
            vec![],
            vec![r("1048/QĐ-UBND", "2024-06-21", "UBND huyện Tân Phước")],
        ));
        let f = a.findings();
        assert_eq!(f.len(), 1, "{f:#?}");
        let dates: Vec<&str> = f[0].items.iter().map(|i| i.value.as_str()).collect();
        assert_eq!(dates, vec!["2024-06-12", "2024-06-21"]);
    }

    #[test]
    fn a_producer_is_the_same_with_or_without_its_legal_form() {
        assert_eq!(
            producer_core("HKD Cơ sở sản xuất Thiên Thảo"),
            producer_core("Hộ kinh doanh cơ sở sản xuất Thiên Thảo")
        );
        assert_eq!(producer_core("cơ sở Ba mọi"), "ba moi");
        assert_ne!(producer_core("HTX Phước Hòa"), producer_core("HTX Tân Hòa"));
        let mut a = CrossAudit::default();
        a.add(&doc(
            "a.txt",
            vec![product("Táo hồng Phan Rang", "cơ sở Ba mọi", 3)],
            vec![],
        ));
        a.add(&doc(
            "b.txt",
            vec![product(
                "táo hồng Phan Rang",
                "Hộ kinh doanh cơ sở sản xuất Ba Mọi",
                3,
            )],
            vec![],
        ));
        assert!(a.findings().is_empty(), "{:#?}", a.findings());
    }

    #[test]
    fn generic_product_names_are_not_one_product() {
        let mut a = CrossAudit::default();
        a.add(&doc(
            "a.txt",
            vec![product("Mật nho", "HKD Phạm Văn Út", 3)],
            vec![],
        ));
        a.add(&doc(
            "b.txt",
            vec![product("Mật nho", "Cơ sở Ba Mọi", 3)],
            vec![],
        ));
        assert!(a.findings().is_empty());
    }

    fn report(path: &str, text: &str) -> Document {
        let mut d = crate::process_bytes(path, text.as_bytes(), &crate::Options::default());
        d.source.path = path.into();
        d
    }

    const COMMUNE: &str = "UBND HUYỆN AN PHÚ          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nUBND XÃ {UP}                 Độc lập - Tự do - Hạnh phúc\n\nSố: 10/BC-UBND      {NAME}, ngày 10 tháng 12 năm 2024\n\nBÁO CÁO\nKết quả thực hiện Chương trình OCOP năm 2024 trên địa bàn xã {NAME}\n\nI. KẾT QUẢ\nTính đến hết năm 2024, toàn xã có {N} sản phẩm đạt OCOP 3 sao trở lên.\n";

    fn commune(name: &str, n: &str) -> Document {
        let t = COMMUNE
            .replace("{UP}", &name.to_uppercase())
            .replace("{NAME}", name)
            .replace("{N}", n);
        report(&format!("{name}.txt"), &t)
    }

    #[test]
    fn a_district_total_is_checked_against_all_its_communes() {
        let district = report(
            "huyen.txt",
            "UBND HUYỆN AN PHÚ          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nSố: 20/BC-UBND      An Phú, ngày 20 tháng 12 năm 2024\n\nBÁO CÁO\nKết quả thực hiện Chương trình OCOP năm 2024 trên địa bàn huyện An Phú\n\nI. TÌNH HÌNH\nToàn huyện có 02 xã.\nII. KẾT QUẢ\nTính đến hết năm 2024, toàn huyện có 10 sản phẩm đạt OCOP 3 sao trở lên.\n",
        );
        let mut a = CrossAudit::default();
        a.add(&district);
        a.add(&commune("Phú Hội", "04"));
        // One commune of two: 4 ≤ 10 says nothing yet.
        let f = a.findings();
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(
            (f[0].check.as_str(), f[0].status.as_str()),
            ("district_sum", "ok")
        );
        assert_eq!(f[0].severity.map(Severity::as_str), Some("low"));
        // Both communes: 4 + 5 = 9, not 10.
        a.add(&commune("Phú Hữu", "05"));
        let f = a.findings();
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(
            (f[0].status.as_str(), f[0].expected, f[0].found),
            ("mismatch", Some(10.0), Some(9.0))
        );
        assert_eq!(f[0].items[0].text, "10 sản phẩm");
        // Without its text a commune's membership is read from its title only,
        // and this title does not name the district: nothing to compare.
        let mut a = CrossAudit::default();
        a.add(&district);
        let mut c = commune("Phú Hội", "04");
        c.text = None;
        a.add(&c);
        assert!(a.findings().is_empty());
    }

    #[test]
    fn same_figure_in_two_reports_of_one_commune() {
        let mut a = CrossAudit::default();
        a.add(&commune("Phú Hội", "04"));
        let mut again = commune("Phú Hội", "04");
        again.source.path = "again.txt".into();
        a.add(&again);
        let mut other = commune("Phú Hội", "06");
        other.source.path = "other.txt".into();
        a.add(&other);
        let f = a.findings();
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(
            (f[0].check.as_str(), f[0].status.as_str()),
            ("figure", "mismatch")
        );
        let values: Vec<&str> = f[0].items.iter().map(|i| i.value.as_str()).collect();
        assert_eq!(values, vec!["4", "6"]);
    }

    #[test]
    fn same_product_with_other_stars_is_found_tone_insensitively() {
        let mut a = CrossAudit::default();
        a.add(&doc(
            "a.txt",
            vec![product("Đường phèn Tuyết Hường", "HKD Lê Thanh Hường", 3)],
            vec![],
        ));
        a.add(&doc(
            "b.txt",
            vec![product("Đường Phèn Tuyết Hường", "Hộ kinh doanh X", 3)],
            vec![],
        ));
        a.add(&doc(
            "c.txt",
            vec![product("duong phen tuyet huong", "HKD Lê Thanh Hường", 4)],
            vec![],
        ));
        let f = a.findings();
        let checks: Vec<&str> = f.iter().map(|f| f.check.as_str()).collect();
        assert_eq!(checks, vec!["product_producer", "product_stars"]);
        assert_eq!(
            f[1].items
                .iter()
                .map(|i| i.value.as_str())
                .collect::<Vec<_>>(),
            vec!["3", "4"]
        );
    }

    #[test]
    fn reference_dates_conflict_only_within_a_year_and_issuer() {
        let mut a = CrossAudit::default();
        a.add(&doc(
            "a.txt",
            vec![],
            vec![reference("919/QĐ-TTg", "2022-08-01", "Thủ tướng Chính phủ")],
        ));
        a.add(&doc(
            "b.txt",
            vec![],
            vec![reference("919/QĐ-TTg", "2022-08-11", "Thủ tướng Chính phủ")],
        ));
        // Same number, other year: another decision.
        a.add(&doc(
            "c.txt",
            vec![],
            vec![reference(
                "148/QĐ-UBND",
                "2024-02-01",
                "UBND tỉnh Quảng Ngãi",
            )],
        ));
        a.add(&doc(
            "d.txt",
            vec![],
            vec![reference(
                "148/QĐ-UBND",
                "2023-05-01",
                "UBND tỉnh Đồng Tháp",
            )],
        ));
        let f = a.findings();
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].check, "reference_date");
        assert!(f[0].message.contains("919/QĐ-TTg"));
    }
}
