//! Shared scoring for the extract accuracy tests: expected items written by
//! reading the documents, matched as multisets against the pipeline's output.
#![allow(dead_code)]

pub mod cli;
pub mod planted;

use baocao::ground::holds;
use baocao::output::Document;
use baocao::{process_bytes, Options};

/// An expected reference; `""` stands for null.
#[derive(Debug, Clone, Copy)]
pub struct R {
    pub kind: &'static str,
    pub number: &'static str,
    pub date: &'static str,
    pub issuer: &'static str,
}

pub const fn r(
    kind: &'static str,
    number: &'static str,
    date: &'static str,
    issuer: &'static str,
) -> R {
    R {
        kind,
        number,
        date,
        issuer,
    }
}

/// An expected count.
#[derive(Debug, Clone, Copy)]
pub struct C {
    pub value: i64,
    pub max: Option<i64>,
    pub total: Option<i64>,
    pub unit: &'static str,
    pub approx: Option<&'static str>,
}

pub const fn c(value: i64, unit: &'static str) -> C {
    C {
        value,
        max: None,
        total: None,
        unit,
        approx: None,
    }
}
pub const fn cr(value: i64, max: i64, unit: &'static str) -> C {
    C {
        value,
        max: Some(max),
        total: None,
        unit,
        approx: None,
    }
}
pub const fn ct(value: i64, total: i64, unit: &'static str) -> C {
    C {
        value,
        max: None,
        total: Some(total),
        unit,
        approx: None,
    }
}
pub const fn ca(value: i64, unit: &'static str, approx: &'static str) -> C {
    C {
        value,
        max: None,
        total: None,
        unit,
        approx: Some(approx),
    }
}

/// An expected fund.
#[derive(Debug, Clone, Copy)]
pub struct F {
    pub amount: i64,
    pub label: &'static str,
    pub approx: Option<&'static str>,
}

pub const fn f(amount: i64, label: &'static str) -> F {
    F {
        amount,
        label,
        approx: None,
    }
}
pub const fn fa(amount: i64, label: &'static str, approx: &'static str) -> F {
    F {
        amount,
        label,
        approx: Some(approx),
    }
}

fn opt(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

pub fn process_fixture(path: &str) -> Document {
    let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"));
    process_bytes(path, &bytes, &Options::default())
}

/// Precision/recall of one list.
#[derive(Debug, Default)]
pub struct Pr {
    pub expected: usize,
    pub found: usize,
    pub matched: usize,
    pub misses: Vec<String>,
    pub extras: Vec<String>,
}

impl Pr {
    pub fn precision(&self) -> f64 {
        if self.found == 0 {
            1.0
        } else {
            self.matched as f64 / self.found as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.expected == 0 {
            1.0
        } else {
            self.matched as f64 / self.expected as f64
        }
    }
}

fn match_lists<T: PartialEq + std::fmt::Debug>(expected: Vec<T>, found: Vec<T>) -> Pr {
    let mut used = vec![false; found.len()];
    let mut pr = Pr {
        expected: expected.len(),
        found: found.len(),
        ..Default::default()
    };
    for e in &expected {
        match (0..found.len()).find(|&i| !used[i] && found[i] == *e) {
            Some(i) => {
                used[i] = true;
                pr.matched += 1;
            }
            None => pr.misses.push(format!("{e:?}")),
        }
    }
    for (i, x) in found.iter().enumerate() {
        if !used[i] {
            pr.extras.push(format!("{x:?}"));
        }
    }
    pr
}

pub struct Report {
    pub name: String,
    pub refs: Pr,
    pub counts: Pr,
    pub funds: Pr,
    /// Items whose number or date was read wrongly (present in the document
    /// with another value).
    pub wrong: Vec<String>,
}

type RefKey = (String, Option<String>, Option<String>, Option<String>);
type CountKey = (i64, Option<i64>, Option<i64>, String, Option<String>);
type FundKey = (i64, Option<String>, Option<String>);

pub fn score(name: &str, doc: &Document, refs: &[R], counts: &[C], funds: &[F]) -> Report {
    let text = doc.text.clone().unwrap_or_default();
    for g in doc
        .references
        .iter()
        .map(|x| &x.at)
        .chain(doc.counts.iter().map(|x| &x.at))
        .chain(doc.funds.iter().map(|x| &x.at))
    {
        assert!(
            holds(&text, g.start, g.end, &g.text),
            "{name}: grounding broken for {g:?}"
        );
    }
    let exp_refs: Vec<RefKey> = refs
        .iter()
        .map(|x| {
            (
                x.kind.to_string(),
                opt(x.number),
                opt(x.date),
                opt(x.issuer),
            )
        })
        .collect();
    let got_refs: Vec<RefKey> = doc
        .references
        .iter()
        .map(|x| {
            (
                x.kind.clone(),
                x.number.clone(),
                x.date.clone(),
                x.issuer.clone(),
            )
        })
        .collect();
    let exp_counts: Vec<CountKey> = counts
        .iter()
        .map(|x| {
            (
                x.value,
                x.max,
                x.total,
                x.unit.to_string(),
                x.approx.map(str::to_string),
            )
        })
        .collect();
    let got_counts: Vec<CountKey> = doc
        .counts
        .iter()
        .map(|x| (x.value, x.max, x.total, x.unit.clone(), x.approx.clone()))
        .collect();
    let exp_funds: Vec<FundKey> = funds
        .iter()
        .map(|x| (x.amount, opt(x.label), x.approx.map(str::to_string)))
        .collect();
    let got_funds: Vec<FundKey> = doc
        .funds
        .iter()
        .map(|x| (x.amount_vnd, x.label.clone(), x.approx.clone()))
        .collect();

    // Wrong numbers/dates: an extracted number or date that the document's
    // expected items never carry.
    let mut wrong = Vec::new();
    for x in &doc.references {
        let ok_number = x.number.is_none() || refs.iter().any(|e| opt(e.number) == x.number);
        let ok_date = x.date.is_none()
            || refs
                .iter()
                .any(|e| opt(e.number) == x.number && opt(e.date) == x.date);
        if !ok_number || !ok_date {
            wrong.push(format!(
                "reference {:?} {:?} in {:?}",
                x.number, x.date, x.at.text
            ));
        }
    }
    for x in &doc.funds {
        if !funds.iter().any(|e| e.amount == x.amount_vnd) {
            wrong.push(format!("fund {} in {:?}", x.amount_vnd, x.at.text));
        }
    }
    Report {
        name: name.to_string(),
        refs: match_lists(exp_refs, got_refs),
        counts: match_lists(exp_counts, got_counts),
        funds: match_lists(exp_funds, got_funds),
        wrong,
    }
}

impl Report {
    pub fn print(&self) {
        let line = |what: &str, p: &Pr| {
            println!(
                "{:<28} {:<7} expected {:>3} found {:>3} matched {:>3}  precision {:>6.1}%  recall {:>6.1}%",
                self.name,
                what,
                p.expected,
                p.found,
                p.matched,
                p.precision() * 100.0,
                p.recall() * 100.0
            );
            for m in &p.misses {
                println!("    miss  {m}");
            }
            for e in &p.extras {
                println!("    extra {e}");
            }
        };
        line("refs", &self.refs);
        line("counts", &self.counts);
        line("funds", &self.funds);
        for w in &self.wrong {
            println!("    WRONG {w}");
        }
    }

    pub fn assert_targets(&self) {
        assert!(
            self.wrong.is_empty(),
            "{}: wrong values {:?}",
            self.name,
            self.wrong
        );
        assert!(
            self.refs.recall() >= 0.98,
            "{}: references recall {:?}",
            self.name,
            self.refs
        );
        assert!(
            self.funds.recall() >= 0.98,
            "{}: funds recall {:?}",
            self.name,
            self.funds
        );
        assert!(
            self.counts.recall() >= 0.95,
            "{}: counts recall {:?}",
            self.name,
            self.counts
        );
        for (what, p) in [
            ("references", &self.refs),
            ("counts", &self.counts),
            ("funds", &self.funds),
        ] {
            assert!(
                p.precision() >= 0.97,
                "{}: {what} precision {p:?}",
                self.name
            );
        }
    }
}
