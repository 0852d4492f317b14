//! Tables with real cells, as the document model holds them (DOCX tables,
//! tab-separated and Markdown pipe rows recognised by layout).
//!
//! The header names the columns (`Tên sản phẩm`, `Người đại diện`, `Địa chỉ`,
//! `Hạng sao`...) and may have a second row of mark columns (`3 sao`, `4 sao`,
//! `Nâng hạng 3 sao lên 4 sao`) where an `X` sets `target_stars`. Group rows
//! (`I  Đăng ký sản phẩm mới`, `II  Đăng ký đánh giá lại`) set the status of the
//! rows under them. An empty cell under a vertically merged one takes the value
//! from above.

use crate::output::{ProductSource, ProductStatus};
use std::sync::LazyLock;

use regex::Regex;

use crate::model::Table;

use super::text::{clean_field, clean_name, locality_in, stars_in, starts_with_locality, Range};
use super::words::{Column, CATEGORIES, GROUP_STATUS, HEADER_WORDS};
use super::{first_count, intro, status_of, Candidate, Found, RawList};

/// One row: cell ranges in column order.
type Row = Vec<Range>;

/// Read the products of every table of the document model (tables a
/// reader built, or tab-separated and pipe rows that layout recognised).
pub fn extract(text: &str, tables: &[&Table], found: &mut Found) {
    for t in tables {
        let rows: Vec<(Row, Range)> = t
            .rows
            .iter()
            .map(|r| {
                let cells = r
                    .cells
                    .iter()
                    .map(|c| super::text::trim(text, (c.range.start, c.range.end)))
                    .collect();
                (cells, (r.range.start, r.range.end))
            })
            .collect();
        if !rows.is_empty() {
            read_table(text, &rows, found);
        }
    }
}

static ROW_NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d{1,3}\.?$").unwrap());
static GROUP: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:[IVX]{1,4}|[A-Đ])\.?$").unwrap());
static DIGIT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"([1-5])\s*sao").unwrap());

/// A column whose `X` marks a registration for a star level.
struct Mark {
    col: usize,
    target: u8,
    status: Option<ProductStatus>,
}

fn cell<'t>(text: &'t str, row: &Row, i: Option<usize>) -> &'t str {
    i.and_then(|i| row.get(i))
        .map(|&(s, e)| &text[s..e])
        .unwrap_or("")
}

fn read_table(text: &str, rows: &[(Row, Range)], found: &mut Found) {
    let first_data = rows
        .iter()
        .position(|(r, _)| {
            let c = r.first().map(|&(s, e)| &text[s..e]).unwrap_or("");
            ROW_NUMBER.is_match(c) || GROUP.is_match(c)
        })
        .unwrap_or(rows.len());
    if first_data == 0 || first_data > 4 {
        return;
    }
    let mut roles: Vec<(usize, Column)> = Vec::new();
    let mut marks: Vec<Mark> = Vec::new();
    for (row, _) in &rows[..first_data] {
        for (i, &(s, e)) in row.iter().enumerate() {
            let lower = super::text::collapse(&text[s..e].to_lowercase());
            if lower.is_empty() {
                continue;
            }
            let role = HEADER_WORDS
                .iter()
                .find(|(w, _)| lower.starts_with(w))
                .map(|(_, c)| *c);
            match role {
                Some(c) if !roles.iter().any(|(_, r)| *r == c) => roles.push((i, c)),
                Some(_) => {}
                None => {
                    if let Some(t) = DIGIT.captures_iter(&lower).last() {
                        let target = t[1].parse().unwrap_or(3);
                        let status = lower
                            .contains("nâng hạng")
                            .then_some(ProductStatus::Upgrade);
                        marks.push(Mark {
                            col: i,
                            target,
                            status,
                        });
                    }
                }
            }
        }
    }
    let col = |c: Column| roles.iter().find(|(_, r)| *r == c).map(|(i, _)| *i);
    let name_col = match col(Column::Name) {
        Some(i) => i,
        None => return,
    };
    let (producer_col, address_col, locality_col) = (
        col(Column::Producer),
        col(Column::Address),
        col(Column::Locality),
    );
    let (stars_col, category_col) = (col(Column::Stars), col(Column::Category));

    let table_start = rows[0].1 .0;
    let intro_range = intro(text, table_start);
    let intro_status = status_of(&text[intro_range.0..intro_range.1]);

    let mut group_status: Option<ProductStatus> = None;
    let mut group_category: Option<String> = None;
    let mut carry: [Option<String>; 4] = Default::default();
    let mut listed = 0u32;
    let mut last_end = table_start;
    for (row, line) in &rows[first_data..] {
        let first = cell(text, row, Some(0));
        let name_range = row.get(name_col).copied();
        if GROUP.is_match(first) && !ROW_NUMBER.is_match(first) {
            let label: String = row[1..]
                .iter()
                .map(|&(s, e)| &text[s..e])
                .find(|c| !c.is_empty())
                .unwrap_or("")
                .to_string();
            let lower = label.to_lowercase();
            group_status = GROUP_STATUS
                .iter()
                .find(|(w, _)| lower.contains(w))
                .map(|(_, s)| *s);
            group_category = lower
                .strip_prefix("nhóm ")
                .and_then(|c| CATEGORIES.iter().find(|k| c.starts_with(*k)))
                .map(|k| k.to_string());
            continue;
        }
        let Some((range, name)) = name_range.and_then(|r| clean_name(text, r)) else {
            continue;
        };
        let mut field = |i: Option<usize>, k: usize| -> Option<String> {
            let v = i
                .and_then(|i| row.get(i))
                .and_then(|&r| clean_field(text, r));
            if v.is_some() {
                carry[k] = v.clone();
            }
            carry[k].clone()
        };
        let producer = field(producer_col, 0);
        let address = field(address_col, 1);
        let place = field(locality_col, 2);
        let category = field(category_col, 3).or_else(|| group_category.clone());
        let stars = stars_col.and_then(|i| stars_in(cell(text, row, Some(i))));
        let mark = marks
            .iter()
            .find(|m| !cell(text, row, Some(m.col)).is_empty());
        let status = if stars.is_some() {
            ProductStatus::Certified
        } else if let Some(s) = mark.and_then(|m| m.status) {
            s
        } else if let Some(s) = group_status {
            s
        } else if mark.is_some() {
            ProductStatus::Registered
        } else {
            intro_status.unwrap_or(ProductStatus::Mentioned)
        };
        let locality = match place {
            Some(p) if starts_with_locality(&p) => Some(p),
            Some(p) => address
                .as_deref()
                .and_then(locality_in)
                .filter(|l| l.to_lowercase().ends_with(&p.to_lowercase()))
                .or(Some(p)),
            None => address.as_deref().and_then(locality_in),
        };
        listed += 1;
        last_end = line.1;
        found.products.push(Candidate {
            name,
            span: range,
            producer,
            address,
            locality,
            stars,
            target_stars: mark.map(|m| m.target),
            status,
            category,
            source: ProductSource::Table,
        });
    }
    if let Some((stated, count)) = first_count(text, intro_range) {
        if text[intro_range.0..intro_range.1].trim_end().ends_with(':') {
            found.lists.push(RawList {
                stated,
                listed,
                count,
                list: (table_start, last_end),
                label: None,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(t: &str) -> Vec<Candidate> {
        let mut f = Found::default();
        let blocks = crate::layout::derive_blocks(t);
        let tables: Vec<&Table> = crate::model::tables(&blocks).map(|(_, t)| t).collect();
        extract(t, &tables, &mut f);
        f.products
    }

    #[test]
    fn tab_rows_with_groups_marks_and_merged_cells() {
        let t = "TT\tĐịa phương\tTên sản phẩm\tChủ thể\tĐịa chỉ\tĐăng ký\t\n\
                 \t\t\t\t\t3 sao\tNâng hạng 3 sao lên 4 sao\n\
                 I\tĐăng ký sản phẩm mới\t\t\t\t\t\n\
                 1\tPhổ An\tCơm cháy Ori\tHTX Ori\tThôn Hội An 2, xã Phổ An\tX\t\n\
                 2\t\tRong biển sấy\t\t\tX\t\n\
                 II\tNâng hạng\t\t\t\t\t\n\
                 1\tPhổ Khánh\tDầu phụng\tHKD Ngô Thanh\tThôn Quy Thiện, xã Phổ Khánh\t\tX\n";
        let p = run(t);
        assert_eq!(p.len(), 3);
        assert_eq!(p[0].name, "Cơm cháy Ori");
        assert_eq!(p[0].locality.as_deref(), Some("xã Phổ An"));
        assert_eq!(
            (p[0].status, p[0].target_stars),
            (ProductStatus::Registered, Some(3))
        );
        assert_eq!(p[1].producer.as_deref(), Some("HTX Ori"));
        assert_eq!(p[1].locality.as_deref(), Some("xã Phổ An"));
        assert_eq!(
            (p[2].status, p[2].target_stars),
            (ProductStatus::Upgrade, Some(4))
        );
        assert_eq!(&t[p[2].span.0..p[2].span.1], "Dầu phụng");
    }

    #[test]
    fn pipe_tables_with_stars() {
        let t = "| STT | Tên sản phẩm | Chủ thể | Hạng sao |\n|---|---|---|---|\n\
                 | 1 | Mật ong rừng | HTX Ong Vàng | 4 sao |\n| 2 | Trà gừng | | 3 |\n";
        let p = run(t);
        assert_eq!(p.len(), 2);
        assert_eq!(
            (p[0].stars, p[0].status),
            (Some(4), ProductStatus::Certified)
        );
        assert_eq!(p[1].producer.as_deref(), Some("HTX Ong Vàng"));
        assert_eq!(p[1].stars, Some(3));
    }

    #[test]
    fn tables_without_product_column_are_ignored() {
        let t = "TT\tĐơn vị\tKinh phí\n1\tXã A\t100\n";
        assert!(run(t).is_empty());
    }
}
