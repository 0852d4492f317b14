//! One product per (name, producer) per document.
//!
//! Reports name a product several times (a footnote list, a table, the
//! running text), with small differences: case, `HKD` for `Hộ kinh doanh`, the
//! producer's own name repeated after the product (`Nho sấy Thiên Thảo` made
//! by `Hộ kinh doanh cơ sở sản xuất Thiên Thảo`). Mentions are folded when
//! their keys agree; the merged item keeps the most complete fields.

use crate::output::ProductStatus;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::LazyLock;

use super::text::words_lower;
use super::words::{DESCRIPTORS, PRODUCER_ABBREVIATIONS};
use super::Candidate;

/// How much a status says, for keeping the strongest one.
fn rank(status: ProductStatus) -> u8 {
    match status {
        ProductStatus::Certified => 5,
        ProductStatus::Upgrade => 4,
        ProductStatus::ReEvaluation => 3,
        ProductStatus::Registered => 2,
        ProductStatus::Mentioned => 1,
    }
}

/// Producer words with abbreviations expanded.
fn producer_words(p: &str) -> Vec<String> {
    let mut out = Vec::new();
    for w in words_lower(p) {
        match PRODUCER_ABBREVIATIONS.iter().find(|(a, _)| *a == w) {
            Some((_, full)) => out.extend(full.split(' ').map(String::from)),
            None => out.push(w),
        }
    }
    out
}

/// The producer's proper name: its words without legal form and descriptors
/// (`Hộ kinh doanh cơ sở sản xuất Thiên Thảo` → `thiên thảo`).
#[cfg(test)]
fn core(p: &str) -> Vec<String> {
    core_of(producer_words(p))
}

/// Descriptors and legal-form words, split into words once.
static DESCRIPTOR_WORDS: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| {
    DESCRIPTORS
        .iter()
        .chain(["hộ", "kinh", "doanh", "công", "ty", "của"].iter())
        .map(|d| d.split(' ').collect())
        .collect()
});

/// [`core`] of producer words already computed.
fn core_of(words: Vec<String>) -> Vec<String> {
    let mut i = 0;
    'outer: while i < words.len() {
        for dw in DESCRIPTOR_WORDS.iter() {
            if words.len() - i >= dw.len()
                && words[i..i + dw.len()]
                    .iter()
                    .zip(dw.iter())
                    .all(|(a, b)| a == b)
            {
                i += dw.len();
                continue 'outer;
            }
        }
        break;
    }
    let mut words = words;
    words.drain(..i);
    words
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Whether two producers are the same entity as written.
#[cfg(test)]
fn same_producer(a: &str, b: &str) -> bool {
    same_producer_keys(&producer_words(a), &core(a), &producer_words(b), &core(b))
}

fn same_producer_keys(wa: &[String], ca: &[String], wb: &[String], cb: &[String]) -> bool {
    if ca.is_empty() || cb.is_empty() {
        return wa == wb;
    }
    if ca == cb {
        return true;
    }
    let (ja, jb) = (ca.join(" "), cb.join(" "));
    if ja.chars().count() >= 8 && edit_distance(&ja, &jb) <= 1 {
        return true;
    }
    // `HTX Phước Vinh` and `HTX Phước Vinh 59`: one proper name extends the other.
    let (short, long) = if ca.len() <= cb.len() {
        (ca, cb)
    } else {
        (cb, ca)
    };
    short.len() >= 2 && long.starts_with(short)
}

/// Whether two names of products of one producer are the same product: equal
/// words, or one is the other followed by words of the producer's name (the
/// core of either producer as written).
fn same_name_words(wa: &[String], wb: &[String], cores: (&[String], &[String])) -> bool {
    if wa == wb {
        return true;
    }
    let (short, long) = if wa.len() <= wb.len() {
        (wa, wb)
    } else {
        (wb, wa)
    };
    !short.is_empty()
        && long.starts_with(short)
        && long[short.len()..]
            .iter()
            .all(|w| cores.0.contains(w) || cores.1.contains(w))
}

/// Comparison keys of a candidate, computed once and shared by all mentions
/// with the same name and producer.
struct Key {
    name: Vec<String>,
    /// Producer words (abbreviations expanded) and proper-name core.
    producer: Option<(Vec<String>, Vec<String>)>,
    /// Exact identity: same name words, same producer words.
    exact: String,
}

impl Key {
    fn of(c: &Candidate) -> Key {
        let name = words_lower(&c.name);
        let producer = c.producer.as_deref().map(|p| {
            let words = producer_words(p);
            (words.clone(), core_of(words))
        });
        let p = producer
            .as_ref()
            .map(|(w, _)| w.join(" "))
            .unwrap_or_default();
        let exact = format!("{}|{}", name.join(" "), p);
        Key {
            name,
            producer,
            exact,
        }
    }

    /// The first name word: candidates are compared within its bucket.
    fn bucket(&self) -> &str {
        self.name.first().map_or("", String::as_str)
    }
}

fn same(a: &Key, b: &Key) -> bool {
    match (&a.producer, &b.producer) {
        (Some((wa, ca)), Some((wb, cb))) => {
            if !same_producer_keys(wa, ca, wb, cb) {
                return false;
            }
            same_name_words(&a.name, &b.name, (ca, cb))
        }
        (None, None) => a.name == b.name,
        _ => false,
    }
}

fn completeness(c: &Candidate) -> usize {
    [
        c.producer.is_some(),
        c.address.is_some(),
        c.locality.is_some(),
        c.stars.is_some(),
        c.target_stars.is_some(),
        c.category.is_some(),
    ]
    .iter()
    .filter(|&&b| b)
    .count()
}

/// A producer as written and the key of its candidates with one name.
type Known = (Option<String>, Rc<Key>);

/// Fold repeated mentions; order of first mention is kept.
pub fn merge(cands: Vec<Candidate>) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    let mut keys: Vec<Rc<Key>> = Vec::new();
    let mut exact: HashMap<String, usize> = HashMap::new();
    let mut by_bucket: HashMap<String, Vec<usize>> = HashMap::new();
    let mut pending_bare: Vec<(Candidate, Rc<Key>)> = Vec::new();
    // A product is mentioned several times with the same name and producer
    // (list, table, footnote): their keys are computed once and shared.
    let mut known: HashMap<String, Vec<Known>> = HashMap::new();
    let mut key_of = |c: &Candidate| -> Rc<Key> {
        if let Some(same) = known.get(&c.name) {
            if let Some((_, k)) = same.iter().find(|(p, _)| *p == c.producer) {
                return Rc::clone(k);
            }
        }
        let k = Rc::new(Key::of(c));
        known
            .entry(c.name.clone())
            .or_default()
            .push((c.producer.clone(), Rc::clone(&k)));
        k
    };
    for c in cands {
        let key = key_of(&c);
        let hit = exact.get(&key.exact).copied().or_else(|| {
            by_bucket
                .get(key.bucket())
                .and_then(|ks| ks.iter().copied().find(|&k| same(&keys[k], &key)))
        });
        if let Some(k) = hit {
            // The key depends on the name and producer only; most folds keep both.
            let before = (out[k].name.clone(), out[k].producer.clone());
            fold(&mut out[k], c);
            if out[k].name != before.0 || out[k].producer != before.1 {
                keys[k] = key_of(&out[k]);
            }
            exact.insert(key.exact.clone(), k);
        } else if c.producer.is_none() && c.status == ProductStatus::Mentioned {
            pending_bare.push((c, key));
        } else {
            let k = out.len();
            by_bucket
                .entry(key.bucket().to_string())
                .or_default()
                .push(k);
            exact.insert(key.exact.clone(), k);
            out.push(c);
            keys.push(key);
        }
    }
    // A bare mention (no producer, nothing stated) joins the one product of
    // that name when there is exactly one; otherwise it stands alone.
    for (c, key) in pending_bare {
        let hits: Vec<usize> = by_bucket
            .get(key.bucket())
            .map(|ks| {
                ks.iter()
                    .copied()
                    .filter(|&k| keys[k].name == key.name)
                    .collect()
            })
            .unwrap_or_default();
        match hits.as_slice() {
            [k] => fold(&mut out[*k], c),
            [] => {
                by_bucket
                    .entry(key.bucket().to_string())
                    .or_default()
                    .push(out.len());
                out.push(c);
                keys.push(key);
            }
            _ => {}
        }
    }
    out.sort_by_key(|c| c.span.0);
    out
}

fn fold(base: &mut Candidate, other: Candidate) {
    let keep_other_span = completeness(&other) > completeness(base);
    if keep_other_span {
        base.name = other.name.clone();
        base.span = other.span;
        base.source = other.source;
        if other.producer.is_some() {
            base.producer = other.producer.clone();
        }
    }
    base.producer = base.producer.take().or(other.producer);
    base.address = base.address.take().or(other.address);
    base.locality = base.locality.take().or(other.locality);
    base.stars = base.stars.or(other.stars);
    base.target_stars = base.target_stars.or(other.target_stars);
    base.category = base.category.take().or(other.category);
    if rank(other.status) > rank(base.status) {
        base.status = other.status;
    }
    if base.stars.is_some() {
        base.status = ProductStatus::Certified;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(
        name: &str,
        producer: Option<&str>,
        stars: Option<u8>,
        status: ProductStatus,
    ) -> Candidate {
        Candidate {
            name: name.into(),
            producer: producer.map(String::from),
            stars,
            status,
            ..Default::default()
        }
    }

    #[test]
    fn producer_name_suffix_and_abbreviations_fold() {
        let out = merge(vec![
            cand(
                "Nho sấy Thiên Thảo",
                Some("Hộ kinh doanh cơ sở sản xuất Thiên Thảo"),
                Some(3),
                ProductStatus::Certified,
            ),
            cand(
                "Nho sấy",
                Some("HKD Cơ sở sản xuất Thiên Thảo"),
                Some(3),
                ProductStatus::Certified,
            ),
            cand(
                "Táo sấy dẻo",
                Some("HTX Phước Vinh"),
                None,
                ProductStatus::Mentioned,
            ),
            cand(
                "táo sấy dẻo",
                Some("HTX Phước Vinh 59"),
                Some(3),
                ProductStatus::Certified,
            ),
        ]);
        assert_eq!(out.len(), 2);
        assert_eq!(out[1].stars, Some(3));
    }

    #[test]
    fn different_products_of_one_producer_stay_apart() {
        let out = merge(vec![
            cand(
                "Cơm cháy chà bông rong biển Thảo Uyên",
                Some("Hộ kinh doanh Thảo Uyên"),
                Some(3),
                ProductStatus::Certified,
            ),
            cand(
                "Chà bông Thảo Uyên",
                Some("Hộ kinh doanh Thảo Uyên"),
                Some(3),
                ProductStatus::Certified,
            ),
            cand("Nho sấy", None, None, ProductStatus::Certified),
            cand(
                "Nho sấy",
                Some("HKD Thiên Thảo"),
                Some(3),
                ProductStatus::Certified,
            ),
        ]);
        assert_eq!(out.len(), 4);
    }

    #[test]
    fn fuzzy_producer_typo() {
        assert!(same_producer(
            "Nông sản xanh Tranh Huỳnh",
            "Hộ kinh doanh nông sản xanh Trang Huỳnh"
        ));
        assert!(!same_producer(
            "HKD Nguyễn Hoàng Dãi",
            "HKD Nguyễn Ngọc Thiên"
        ));
        assert!(same_producer(
            "cơ sở Ba mọi",
            "Hộ kinh doanh cơ sở sản xuất Ba Mọi"
        ));
    }
}
