//! Tables flattened by PDF extraction: every cell fragment on its own line.
//!
//! A flattened table is recognised by its header (`TT  Sản phẩm  Đơn vị  Địa
//! chỉ  Đạt sao`, on one line or spread over several), then rebuilt row by
//! row: a row opens with the next row number (`1. 1`, `10.`), ends with its
//! star cell (`3 sao`) when the table has one, and its fragments are assigned
//! to cells by their openers: the producer cell opens with a legal form
//! (`Công ty`, `Hộ kinh doanh`, `HTX`, `Cơ sở`...), the address cell with an
//! address word (`Số`, `Tổ`, `Lô`, `Thôn`, a house number). A producer or
//! address merged over several rows is printed once and carried down. Page
//! breaks, page numbers and repeated headers inside a table are skipped.

use crate::output::{ProductSource, ProductStatus};
use std::sync::LazyLock;

use regex::Regex;

use super::text::{
    clean_field, clean_name, collapse, find_legal_form, legal_form_at, locality_in, opens_address,
    starts_with_locality, Range,
};
use super::words::{Column, HEADER_FILLERS, HEADER_WORDS};
use super::{first_count, intro, status_of, Candidate, Found, RawList};

/// Header phrases as word lists, with the column they name (`None`: filler).
static PHRASES: LazyLock<Vec<(Vec<&'static str>, Option<Column>)>> = LazyLock::new(|| {
    HEADER_WORDS
        .iter()
        .map(|(w, c)| (w.split(' ').collect(), Some(*c)))
        .chain(
            HEADER_FILLERS
                .iter()
                .map(|w| (w.split(' ').collect(), None)),
        )
        .collect()
});

/// The first letters of the header phrases, lowered as `to_lowercase` lowers
/// a word's first letter (no phrase starts with a sigma, the one letter
/// lowered by its position).
static INITIALS: LazyLock<Vec<Option<char>>> = LazyLock::new(|| {
    let mut out: Vec<Option<char>> = PHRASES
        .iter()
        .map(|(pw, _)| pw[0].chars().next().and_then(|c| c.to_lowercase().next()))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
});

/// The columns a line names when it is (part of) a table header.
fn header_line(line: &str) -> Option<Vec<Column>> {
    if line.len() > 160 || line.starts_with('|') || memchr::memchr(b'\t', line.as_bytes()).is_some()
    {
        return None;
    }
    // Most lines are not headers: their first word opens no header phrase,
    // and most often its first letter already says so.
    let first = line.split_whitespace().next()?;
    let initial = first.chars().next().and_then(|c| c.to_lowercase().next());
    if !INITIALS.contains(&initial) {
        return None;
    }
    let first = first.to_lowercase();
    if !PHRASES.iter().any(|(pw, _)| pw[0] == first) {
        return None;
    }
    let lower = line.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    if words.len() > 16 {
        return None;
    }
    let mut cols = Vec::new();
    let mut leftover = 0usize;
    let mut i = 0;
    while i < words.len() {
        let best = PHRASES
            .iter()
            .filter(|(pw, _)| words.len() - i >= pw.len() && words[i..i + pw.len()] == pw[..])
            .max_by_key(|(pw, _)| pw.len());
        match best {
            Some((pw, col)) => {
                if let Some(c) = col {
                    cols.push(*c);
                }
                i += pw.len();
            }
            None => {
                leftover += 1;
                if leftover > 1 {
                    return None;
                }
                i += 1;
            }
        }
    }
    (!cols.is_empty() && leftover < words.len()).then_some(cols)
}

static ROW_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3})([.)])?(?:\s+(\d{1,3}))?(?:\s+|$)").unwrap());
static STAR_CELL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\s)([1-5])\s*sao\s*$").unwrap());
static SECTION_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[IVX]{1,4}\.|\d{1,2}\.\d|\d{1,2}\.\s+\p{Lu}|[a-zđ]\)\s|Phần thứ)").unwrap()
});

/// A row being rebuilt.
#[derive(Default)]
struct Row {
    pieces: Vec<Range>,
    stars: Option<u8>,
    end: usize,
}

/// Find flattened tables and read their products.
pub fn extract(text: &str, ls: &[(Range, bool)], found: &mut Found) {
    let mut i = 0;
    while i < ls.len() {
        let mut cols: Vec<Column> = Vec::new();
        let mut j = i;
        while j < ls.len() && j < i + 8 {
            let (s, e) = ls[j].0;
            match header_line(&text[s..e]) {
                Some(c) => cols.extend(c),
                None => break,
            }
            j += 1;
        }
        cols.dedup();
        let distinct = {
            let mut d = cols.clone();
            d.sort_by_key(|c| *c as u8);
            d.dedup();
            d.len()
        };
        if j > i && cols.contains(&Column::Name) && distinct >= 3 {
            let header: Vec<String> = ls[i..j]
                .iter()
                .map(|&((s, e), _)| collapse(&text[s..e].to_lowercase()))
                .collect();
            i = read_table(text, ls, ls[i].0 .0, j, &cols, &header, found);
        } else {
            i += 1;
        }
    }
}

/// Read rows from line `first`; returns the index of the first line after the table.
fn read_table(
    text: &str,
    ls: &[(Range, bool)],
    header_start: usize,
    first: usize,
    cols: &[Column],
    header: &[String],
    found: &mut Found,
) -> usize {
    // The star cell closes a row only when it is the last column.
    let stars_last = cols.last() == Some(&Column::Stars);
    let mut rows: Vec<Row> = Vec::new();
    let mut expected = 1u32;
    let mut j = first;
    while j < ls.len() {
        let ((s, e), after_break) = ls[j];
        let line = &text[s..e];
        // A header repeated after a page break: the same lines, or one line naming
        // several columns (a lone `Cơ sở sản xuất ...` line is a producer cell).
        if header.contains(&collapse(&line.to_lowercase()))
            || header_line(line).is_some_and(|c| c.len() >= 2)
        {
            j += 1;
            continue;
        }
        let next_breaks = ls.get(j + 1).is_some_and(|l| l.1);
        if line.chars().all(|c| c.is_ascii_digit())
            && line.parse::<u32>().ok() != Some(expected)
            && (after_break || next_breaks)
        {
            j += 1; // a page number
            continue;
        }
        let complete = rows.last().is_none_or(|r| r.stars.is_some());
        if let Some(c) = ROW_START.captures(line) {
            let n: u32 = c[1].parse().unwrap_or(0);
            let marked = c.get(2).is_some();
            let doubled = c.get(3).is_some_and(|m| m.as_str() == &c[1]);
            let rest_start = match (c.get(3), doubled) {
                (Some(_), false) => {
                    c.get(1).map(|m| m.end()).unwrap_or(0) + c.get(2).map(|m| m.len()).unwrap_or(0)
                }
                _ => c.get(0).map(|m| m.end()).unwrap_or(0),
            };
            let alone = line[rest_start..].trim().is_empty();
            if n == expected && (marked || doubled || alone || complete) {
                rows.push(Row::default());
                expected += 1;
                add(text, rows.last_mut(), (s + rest_start, e));
                j += 1;
                continue;
            }
        }
        let Some(row) = rows.last_mut() else { break };
        if (row.stars.is_some() && stars_last) || SECTION_LINE.is_match(line) || line.len() > 110 {
            break;
        }
        add(text, Some(row), (s, e));
        j += 1;
    }
    // A `Người đại diện` column holds a person's name, with no legal form.
    let person = header
        .iter()
        .any(|h| PERSON_HEADERS.iter().any(|w| h.contains(w)));
    build(text, rows, cols, header_start, person, found);
    j.max(first)
}

/// Add one line's content to a row, taking a trailing star cell off it.
fn add(text: &str, row: Option<&mut Row>, (s, e): Range) {
    let Some(row) = row else { return };
    let line = &text[s..e];
    let mut end = e;
    if let Some(c) = STAR_CELL.captures(line) {
        row.stars = c[1].parse().ok();
        end = s + c.get(0).map(|m| m.start()).unwrap_or(0);
    }
    let r = super::text::trim(text, (s, end));
    if r.0 < r.1 {
        row.pieces.push(r);
    }
    row.end = e;
}

fn build(
    text: &str,
    rows: Vec<Row>,
    cols: &[Column],
    header_start: usize,
    person: bool,
    found: &mut Found,
) {
    let has = |c: Column| cols.contains(&c);
    let intro_range = intro(text, header_start);
    let intro_status = status_of(&text[intro_range.0..intro_range.1]);
    let mut carry: (Option<String>, Option<String>, Option<String>) = (None, None, None);
    let mut listed = 0u32;
    let mut last_end = header_start;
    for row in &rows {
        let p = &row.pieces;
        if p.is_empty() {
            continue;
        }
        let producer_at = if has(Column::Producer) {
            p.iter().enumerate().find_map(|(k, &(s, e))| {
                find_legal_form(&text[s..e], k == 0).map(|off| (k, s + off))
            })
        } else {
            None
        };
        let from = producer_at.map(|(k, _)| k + 1).unwrap_or(1);
        let address_at = if has(Column::Address) {
            (from..p.len()).find(|&k| opens_address(&text[p[k].0..p[k].1]))
        } else {
            None
        };
        // A person's name as producer: the Title Case cell just before the address.
        let producer_at = producer_at.or_else(|| {
            let k = address_at.unwrap_or(p.len()).checked_sub(1)?;
            (person && k >= 1 && looks_like_person(&text[p[k].0..p[k].1])).then_some((k, p[k].0))
        });
        let name_end = match (producer_at, address_at) {
            (Some((k, off)), _) if off > p[k].0 => off,
            (Some((k, _)), _) => p[k.saturating_sub(1)].1,
            (None, Some(a)) => p[a - 1].1,
            (None, None) => p[p.len() - 1].1,
        };
        let Some((span, _)) = clean_name(text, (p[0].0, name_end)) else {
            continue;
        };
        // Join the pieces, not the slice: a row cut by a page break has the page
        // number and the repeated header between its pieces.
        let Some(name) = joined(text, p, span) else {
            continue;
        };
        let last = address_at.map(|a| p[a - 1].1).unwrap_or(p[p.len() - 1].1);
        let producer = producer_at.and_then(|(_, off)| joined(text, p, (off, last)));
        let address = address_at.and_then(|a| joined(text, p, (p[a].0, p[p.len() - 1].1)));
        if producer.is_some() || address.is_some() {
            let locality = address.as_deref().and_then(locality_in);
            carry = (producer.clone().or(carry.0), address.clone(), locality);
        }
        listed += 1;
        last_end = row.end;
        found.products.push(Candidate {
            name,
            span,
            producer: producer.or_else(|| carry.0.clone()),
            address: address.or_else(|| carry.1.clone()),
            locality: carry.2.clone(),
            stars: row.stars,
            target_stars: None,
            status: if row.stars.is_some() {
                ProductStatus::Certified
            } else {
                intro_status.unwrap_or(ProductStatus::Mentioned)
            },
            category: None,
            source: ProductSource::Table,
        });
    }
    if let Some((stated, count)) = first_count(text, intro_range) {
        if text[intro_range.0..intro_range.1].trim_end().ends_with(':') {
            found.lists.push(RawList {
                stated,
                listed,
                count,
                list: (header_start, last_end),
                label: None,
            });
        }
    }
}

/// Header words of a column of persons' names.
const PERSON_HEADERS: &[&str] = &["người đại diện", "họ và tên", "họ tên", "chủ hộ"];

/// Two to five capitalised words, no digits, no legal form: a person's name.
fn looks_like_person(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && words
            .iter()
            .all(|w| w.starts_with(char::is_uppercase) && !w.contains(|c: char| c.is_ascii_digit()))
        && legal_form_at(s, true).is_none()
        && !starts_with_locality(s)
}

/// The parts of `pieces` inside `r`, cleaned and joined with spaces.
fn joined(text: &str, pieces: &[Range], r: Range) -> Option<String> {
    let parts: Vec<String> = pieces
        .iter()
        .filter_map(|&(s, e)| {
            let (a, b) = (s.max(r.0), e.min(r.1));
            (a < b).then(|| text[a..b].to_string())
        })
        .collect();
    let all = parts.join("\n");
    clean_field(&all, (0, all.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(t: &str) -> Vec<Candidate> {
        let mut f = Found::default();
        extract(t, &super::super::text::lines(t, 0, t.len()), &mut f);
        f.products
    }

    #[test]
    fn person_producers_in_a_representative_column() {
        let t = "TT\nTên sản phẩm\nNgười đại diện\nĐịa chỉ\nHạng sao\n\
                 1.\nDầu phụng\nHuỳnh Ngọc Khá\nTDP 3, phường Nguyễn Nghiêm\n3 sao\n\
                 2.\nBột sắn dây\n3 sao\n\
                 3.\nNước mắm nhĩ Ome\nSa Huỳnh\nLê Thị Thùy Trang\nTDP Hải Tân, phường Phổ Quang\n4 sao\n";
        let p = run(t);
        assert_eq!(p.len(), 3);
        assert_eq!(p[0].producer.as_deref(), Some("Huỳnh Ngọc Khá"));
        assert_eq!(p[1].producer.as_deref(), Some("Huỳnh Ngọc Khá"));
        assert_eq!(p[2].name, "Nước mắm nhĩ Ome Sa Huỳnh");
        assert_eq!(p[2].producer.as_deref(), Some("Lê Thị Thùy Trang"));
        assert_eq!(p[2].locality.as_deref(), Some("phường Phổ Quang"));
    }

    #[test]
    fn star_column_before_the_producer() {
        let t = "STT Tên sản phẩm Hạng sao Chủ thể Địa chỉ\n\
                 1 Mật ong rừng\n3 sao\nHTX Ong Vàng\nThôn 2, xã Ea Kao\n\
                 2 Cà phê bột\n4 sao\nCông ty TNHH Cà phê Ea\nSố 5 Lê Duẩn\n\
                 II. Phương hướng\n";
        let p = run(t);
        assert_eq!(p.len(), 2);
        assert_eq!((p[0].name.as_str(), p[0].stars), ("Mật ong rừng", Some(3)));
        assert_eq!(p[0].producer.as_deref(), Some("HTX Ong Vàng"));
        assert_eq!(p[1].producer.as_deref(), Some("Công ty TNHH Cà phê Ea"));
        assert_eq!(p[1].address.as_deref(), Some("Số 5 Lê Duẩn"));
    }

    #[test]
    fn header_lines() {
        assert!(header_line("TT Sản phẩm Đơn vị Địa chỉ cũ Đạt sao").is_some());
        assert!(header_line("Tên sản phẩm").is_some());
        assert!(header_line("Sản phẩm OCOP của phường được công nhận").is_none());
    }

    #[test]
    fn rebuilds_rows_with_wrapped_and_merged_cells() {
        let t = "có 3 sản phẩm, cụ thể như sau:\n\nTT Sản phẩm Đơn vị Địa chỉ Đạt sao\n\n\
                 1. 1 Đường phèn Tuyết \n\nHường  'Hộ kinh doanh Lê \n\nThanh Hường \n\nTổ 10, \n\nphường \n\nQuảng Phú \n\n3 sao \n\n\
                 2. 2 Đường phổi Tuyết \n\nHường \n\n3 sao \n\n\
                 3.  Đông trùng hạ thảo \n\nkhô Công ty TNHH Nấm \n\nNgọc Bảo Thy \n\nSố 8 Lê Lợi \n\n4 sao \n\n\
                 2. Tồn tại, khó khăn \n";
        let p = run(t);
        assert_eq!(p.len(), 3);
        assert_eq!(p[0].name, "Đường phèn Tuyết Hường");
        assert_eq!(
            p[0].producer.as_deref(),
            Some("Hộ kinh doanh Lê Thanh Hường")
        );
        assert_eq!(p[0].address.as_deref(), Some("Tổ 10, phường Quảng Phú"));
        assert_eq!(p[0].locality.as_deref(), Some("phường Quảng Phú"));
        assert_eq!(&t[p[0].span.0..p[0].span.1], "Đường phèn Tuyết \n\nHường");
        assert_eq!(p[1].name, "Đường phổi Tuyết Hường");
        assert_eq!(
            p[1].producer.as_deref(),
            Some("Hộ kinh doanh Lê Thanh Hường")
        );
        assert_eq!(p[2].name, "Đông trùng hạ thảo khô");
        assert_eq!(
            p[2].producer.as_deref(),
            Some("Công ty TNHH Nấm Ngọc Bảo Thy")
        );
        assert_eq!(p[2].stars, Some(4));
    }
}
