//! Page furniture: page numbers and running headers/footers.
//!
//! Only text with real pages (form feeds) is judged: a line is furniture when
//! it sits at the top or bottom of a page and the pages agree (page numbers
//! that count with the pages; the same line, digits aside, on many pages).

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::lines::Line;

/// How many lines at each end of a page may be furniture.
const EDGE_LINES: usize = 2;
/// Share of pages a running header/footer must appear on.
const RUNNING_SHARE: f64 = 0.5;
/// Letters a running header/footer must have (so that a table cell such as
/// `3 sao` ending several pages is not taken for one).
const RUNNING_MIN_LETTERS: usize = 6;

/// Page-number lines: `3`, `- 3 -`, `Trang 3`, `Trang 3/12`, `3/12`.
static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-–—]\s*)?(?:(?i:trang)\s*)?(\d{1,4})(?:\s*/\s*\d{1,4})?(?:\s*[-–—])?$")
        .expect("valid")
});

/// Rounds of removal: once a page number is gone, the line under it is at the
/// edge and is judged again (a header above a page number), until nothing
/// changes, so that layout's own output has no furniture left to find.
const MAX_ROUNDS: usize = 4;

/// Indices of furniture lines, to be dropped.
pub(crate) fn find(text: &str, lines: &[Line]) -> Vec<usize> {
    let mut dropped = vec![false; lines.len()];
    let mut all = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let found = find_round(text, lines, &dropped);
        if found.is_empty() {
            break;
        }
        for &i in &found {
            dropped[i] = true;
        }
        all.extend(found);
    }
    all.sort_unstable();
    all
}

/// One round: furniture among the lines not yet dropped.
fn find_round(text: &str, lines: &[Line], dropped: &[bool]) -> Vec<usize> {
    let pages = lines.last().map_or(0, |l| l.page + 1);
    if pages < 2 {
        return Vec::new();
    }
    // Non-blank line indices of each page, top and bottom edges.
    let mut by_page: Vec<Vec<usize>> = vec![Vec::new(); pages];
    for (i, l) in lines.iter().enumerate() {
        if !l.blank && !dropped[i] {
            by_page[l.page].push(i);
        }
    }
    let tops: Vec<Vec<usize>> = by_page
        .iter()
        .map(|v| v.iter().take(EDGE_LINES).copied().collect())
        .collect();
    let bottoms: Vec<Vec<usize>> = by_page
        .iter()
        .map(|v| v.iter().rev().take(EDGE_LINES).copied().collect())
        .collect();

    let mut drop = Vec::new();

    // Page numbers: keep those whose value - page is the most common offset.
    let mut numbers: Vec<(usize, i64)> = Vec::new();
    for page in 0..pages {
        let mut edge: Vec<usize> = tops[page].iter().chain(&bottoms[page]).copied().collect();
        edge.sort_unstable();
        edge.dedup();
        for i in edge {
            if let Some(c) = PAGE_NUMBER.captures(lines[i].content(text)) {
                if let Some(v) = c.get(1).and_then(|m| m.as_str().parse::<i64>().ok()) {
                    numbers.push((i, v - page as i64 - 1));
                }
            }
        }
    }
    let mut offsets: HashMap<i64, usize> = HashMap::new();
    for &(_, off) in &numbers {
        *offsets.entry(off).or_default() += 1;
    }
    if let Some((&off, &count)) = offsets.iter().max_by_key(|(o, c)| (**c, -o.abs())) {
        if count >= 2 || (pages == 2 && off == 0) {
            drop.extend(numbers.iter().filter(|(_, o)| *o == off).map(|(i, _)| *i));
        }
    }

    // Running headers (not on page 1, where the real header is) and footers.
    running(text, lines, &tops, 1, pages, &mut drop);
    running(text, lines, &bottoms, 0, pages, &mut drop);

    drop.sort_unstable();
    drop.dedup();
    drop
}

fn running(
    text: &str,
    lines: &[Line],
    edges: &[Vec<usize>],
    from_page: usize,
    pages: usize,
    drop: &mut Vec<usize>,
) {
    let mut seen: HashMap<String, Vec<usize>> = HashMap::new();
    for edge in edges.iter().skip(from_page) {
        let mut keys_here: Vec<String> = Vec::new();
        for &i in edge {
            let k = key(lines[i].content(text));
            if k.chars().filter(|c| c.is_alphabetic()).count() < RUNNING_MIN_LETTERS
                || keys_here.contains(&k)
            {
                continue;
            }
            seen.entry(k.clone()).or_default().push(i);
            keys_here.push(k);
        }
    }
    let considered = pages - from_page;
    for idx in seen.values() {
        if idx.len() >= 2 && idx.len() as f64 >= RUNNING_SHARE * considered as f64 {
            drop.extend(idx);
        }
    }
}

/// A line's identity across pages: spacing and case do not count.
fn key(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::super::lines::scan;
    use super::*;

    fn dropped(t: &str) -> Vec<String> {
        let ls = scan(t);
        find(t, &ls)
            .into_iter()
            .map(|i| ls[i].content(t).to_string())
            .collect()
    }

    #[test]
    fn page_numbers_that_count() {
        let t = "Nội dung trang một\ntiếp tục\n1\n\u{c}2\nNội dung trang hai\nhết\n\u{c}- 3 -\nNội dung trang ba\n";
        assert_eq!(dropped(t), vec!["1", "2", "- 3 -"]);
    }

    #[test]
    fn numbers_that_do_not_count_stay() {
        let t = "Bảng\n3 sao\n\u{c}Tiếp\n3 sao\n\u{c}Hết\n5 sao\n";
        assert!(dropped(t).is_empty());
        let t = "Mục\n17\n\u{c}Tiếp\n4\n\u{c}Hết\n9\n";
        assert!(dropped(t).is_empty());
    }

    #[test]
    fn running_header_and_footer() {
        let t = "ỦY BAN NHÂN DÂN\nBáo cáo số 25\n\u{c}Báo cáo số 25/BC-UBND\nnội dung 2\nBáo cáo OCOP năm 2023\n\u{c}Báo cáo số 25/BC-UBND\nnội dung 3\nBáo cáo OCOP năm 2023";
        let d = dropped(t);
        assert_eq!(
            d,
            vec![
                "Báo cáo số 25/BC-UBND",
                "Báo cáo OCOP năm 2023",
                "Báo cáo số 25/BC-UBND",
                "Báo cáo OCOP năm 2023"
            ]
        );
    }

    #[test]
    fn table_cells_at_page_ends_stay() {
        let t = "Bảng\n3 sao\n\u{c}Tiếp\n3 sao\n\u{c}Tiếp nữa\n3 sao\n";
        assert!(dropped(t).is_empty());
    }

    #[test]
    fn no_pages_no_furniture() {
        assert!(dropped("1\nBáo cáo\n2\n").is_empty());
    }
}
