//! Audit stage: checks the document's own numbers against each other.
//!
//! Every check reads items the earlier stages already grounded (counts,
//! funds, sections, products, metadata) plus the text around them, and
//! reports `ok` and `mismatch` findings with the spans it used. A check fires
//! only where the relation is stated or unmistakable: a false alarm costs
//! more trust than a miss.

pub mod cross;
pub(crate) mod figures;
mod identity;
mod lists;
mod numbering;
mod percent_parts;
mod quantities;
mod ratio;
mod restated;
pub mod running;
mod sums;
mod table;
pub mod table_totals;

use crate::extract::products::StatedList;
use crate::ground::Ground;
use crate::output::{Document, Finding, FindingStatus, Severity, Span};

/// Run every in-document check. `lists` are the stated product lists found
/// with the products ([`crate::extract::products_with_lists`]).
pub fn audit(
    g: &Ground,
    doc: &Document,
    lists: &[StatedList],
    table_funds: &[crate::extract::table_funds::TableFund],
) -> Vec<Finding> {
    let mut out = Vec::new();
    out.extend(numbering::check(g, &doc.sections));
    // Counts and funds as quantities, shared by the checks that read them.
    let qs = quantities::collect(g, doc);
    out.extend(sums::check(g, &qs));
    out.extend(ratio::check(g, &qs));
    out.extend(percent_parts::check(g, &qs));
    out.extend(restated::check(g, doc, &qs));
    out.extend(table::check(g, doc));
    // Money tables of the document model: totals against their rows.
    out.extend(table_totals::check(g, table_funds));
    out.extend(lists::check(lists));
    out.extend(identity::check(g, doc));
    out
}

/// Build a finding; `expected`/`found` as given.
pub(crate) fn finding(
    check: &str,
    ok: bool,
    severity: Severity,
    message: String,
    expected: Option<f64>,
    found: Option<f64>,
    items: Vec<Span>,
) -> Finding {
    Finding {
        check: check.to_string(),
        status: if ok {
            FindingStatus::Ok
        } else {
            FindingStatus::Mismatch
        },
        severity: Some(severity),
        message,
        expected,
        found,
        items,
    }
}

#[cfg(test)]
mod tests {
    //! Snippets of the sample documents, with counts and funds placed by hand
    //! where the extract stage puts them; the expected findings come from
    //! reading the documents.
    use super::*;
    use crate::output::{Count, Fund, Locality};

    #[test]
    fn fold_key_ignores_tones_case_and_d() {
        use crate::normalize::fold_key as fold;
        assert_eq!(fold("Đường phèn  Tuyết Hường"), "duong phen tuyet huong");
        assert_eq!(
            fold("ĐƯỜNG PHÈN tuyết hường"),
            fold("Đường phèn Tuyết Hường")
        );
    }

    struct Doc {
        text: String,
        doc: Document,
    }

    impl Doc {
        fn new(text: &str) -> Self {
            Doc {
                text: text.to_string(),
                doc: crate::empty(),
            }
        }
        /// The `nth` occurrence of `needle` as a byte range; `needle` may be
        /// written `context|item` to find `item` inside its context.
        fn find(&self, needle: &str, nth: usize) -> (usize, usize) {
            let (ctx, item) = needle.split_once('|').unwrap_or((needle, needle));
            let c = self
                .text
                .match_indices(ctx)
                .nth(nth)
                .map(|(i, _)| i)
                .expect(needle);
            let s = c + ctx.find(item).expect(needle);
            (s, s + item.len())
        }
        fn count(
            mut self,
            needle: &str,
            nth: usize,
            value: i64,
            total: Option<i64>,
            unit: &str,
        ) -> Self {
            let (s, e) = self.find(needle, nth);
            let g = Ground::new(&self.text, false);
            self.doc.counts.push(Count {
                value,
                total,
                unit: unit.into(),
                at: g.at(s, e),
                ..Default::default()
            });
            self
        }
        fn fund(mut self, needle: &str, nth: usize, vnd: i64, label: &str) -> Self {
            let (s, e) = self.find(needle, nth);
            let g = Ground::new(&self.text, false);
            self.doc.funds.push(Fund {
                amount_vnd: vnd,
                label: Some(label.into()),
                at: g.at(s, e),
                ..Default::default()
            });
            self
        }
        fn run(&self) -> Vec<Finding> {
            let g = Ground::new(&self.text, false);
            let lists = crate::extract::products::stated_lists(&g);
            audit(&g, &self.doc, &lists, &crate::extract::table_funds::all(&g))
        }
    }

    fn only<'a>(f: &'a [Finding], check: &str) -> Vec<&'a Finding> {
        f.iter().filter(|x| x.check == check).collect()
    }

    #[test]
    fn sample_003_subjects_do_not_add_up_but_products_do() {
        let t = "+ 20 sản phẩm đạt OCOP 3-4 sao, trong đó có: 03 sản phẩm đạt 4 sao và 17 sản phẩm đạt 3 sao;\n\
+ 20 chủ thể có sản phẩm đạt OCOP, trong đó: 03 Doanh nghiệp với 05 sản phẩm; 07 Hợp tác xã với 08 sản phẩm; 06 cơ sở sản xuất/hộ kinh doanh với 07 sản phẩm.\n";
        let d = Doc::new(t)
            .count("20 sản phẩm", 0, 20, None, "sản phẩm")
            .count("03 sản phẩm", 0, 3, None, "sản phẩm")
            .count("17 sản phẩm", 0, 17, None, "sản phẩm")
            .count("20 chủ thể", 0, 20, None, "chủ thể")
            .count("03 Doanh nghiệp", 0, 3, None, "doanh nghiệp")
            .count("05 sản phẩm", 0, 5, None, "sản phẩm")
            .count("07 Hợp tác xã", 0, 7, None, "hợp tác xã")
            .count("08 sản phẩm", 0, 8, None, "sản phẩm")
            .count(
                "06 cơ sở sản xuất/hộ kinh doanh",
                0,
                6,
                None,
                "cơ sở sản xuất/hộ kinh doanh",
            )
            .count("07 sản phẩm", 0, 7, None, "sản phẩm");
        let f = d.run();
        let sums = only(&f, "sum");
        assert_eq!(sums.len(), 2, "{sums:#?}");
        assert_eq!(
            (sums[0].status.as_str(), sums[0].expected, sums[0].found),
            ("ok", Some(20.0), Some(20.0))
        );
        assert_eq!(
            (sums[1].status.as_str(), sums[1].expected, sums[1].found),
            ("mismatch", Some(20.0), Some(16.0))
        );
        assert_eq!(sums[1].severity.map(Severity::as_str), Some("medium"));
        assert!(sums[1].message.contains("complete"), "{}", sums[1].message);
        for item in &sums[1].items {
            let slice: String = t
                .chars()
                .skip(item.start)
                .take(item.end - item.start)
                .collect();
            assert_eq!(slice, item.text);
        }
    }

    #[test]
    fn sample_003_funds_balance_overall_and_line_by_line() {
        let t = "1. Tổng kinh phí được giao: 446 triệu đồng, trong đó:\n\
+ Kinh phí kéo dài từ năm 2022, 2023: 0 triệu đồng.\n\
+ Kinh phí được phân bổ tại Quyết định số 148/QĐ-UBND ngày 01/02/2024 của UBND tỉnh: 320 triệu đồng và kinh phí đối ứng của địa phương: 126 triệu đồng.\n\
2. Kinh phí đã giải ngân: 324,474 triệu đồng, trong đó:\n\
+ Kinh phí kéo dài từ năm 2022, 2023: 0 triệu đồng.\n\
+ Kinh phí được phân bổ tại Quyết định số 148/QĐ-UBND ngày 01/02/2024 của UBND tỉnh: 251,404 triệu đồng và kinh phí đối ứng của địa phương: 73,070 triệu đồng.\n\
3. Kinh phí còn lại không giải ngân: 121,526 triệu đồng, trong đó:\n\
+ Kinh phí kéo dài từ năm 2022, 2023: 0 triệu đồng.\n\
+ Kinh phí được phân bổ tại Quyết định số 148/QĐ-UBND ngày 01/02/2024 của UBND tỉnh: 68,596 triệu đồng và kinh phí đối ứng của địa phương: 52,930 triệu đồng.\n";
        let alloc =
            "Kinh phí được phân bổ tại Quyết định số 148/QĐ-UBND ngày 01/02/2024 của UBND tỉnh";
        let d = Doc::new(t)
            .fund("446 triệu đồng", 0, 446_000_000, "Tổng kinh phí được giao")
            .fund(
                "2023: 0 triệu đồng|0 triệu đồng",
                0,
                0,
                "Kinh phí kéo dài từ năm 2022, 2023",
            )
            .fund("320 triệu đồng", 0, 320_000_000, alloc)
            .fund(
                "126 triệu đồng",
                0,
                126_000_000,
                "kinh phí đối ứng của địa phương",
            )
            .fund(
                "324,474 triệu đồng",
                0,
                324_474_000,
                "Kinh phí đã giải ngân",
            )
            .fund(
                "2023: 0 triệu đồng|0 triệu đồng",
                1,
                0,
                "Kinh phí kéo dài từ năm 2022, 2023",
            )
            .fund("251,404 triệu đồng", 0, 251_404_000, alloc)
            .fund(
                "73,070 triệu đồng",
                0,
                73_070_000,
                "kinh phí đối ứng của địa phương",
            )
            .fund(
                "121,526 triệu đồng",
                0,
                121_526_000,
                "Kinh phí còn lại không giải ngân",
            )
            .fund(
                "2023: 0 triệu đồng|0 triệu đồng",
                2,
                0,
                "Kinh phí kéo dài từ năm 2022, 2023",
            )
            .fund("68,596 triệu đồng", 0, 68_596_000, alloc)
            .fund(
                "52,930 triệu đồng",
                0,
                52_930_000,
                "kinh phí đối ứng của địa phương",
            );
        let f = d.run();
        let sums = only(&f, "sum");
        assert_eq!(sums.len(), 3, "{sums:#?}");
        assert!(
            sums.iter().all(|s| s.status == FindingStatus::Ok
                && s.severity.map(Severity::as_str) == Some("high")),
            "{sums:#?}"
        );
        assert_eq!(sums[1].expected, Some(324_474_000.0));
        let diffs = only(&f, "difference");
        // Overall, then the three lines the breakdowns share.
        assert_eq!(diffs.len(), 4, "{diffs:#?}");
        assert!(
            diffs.iter().all(|d| d.status == FindingStatus::Ok),
            "{diffs:#?}"
        );
        assert_eq!(diffs[0].expected, Some(446_000_000.0));
        assert_eq!(diffs[2].found, Some(320_000_000.0));
    }

    #[test]
    fn partial_breakdowns_are_not_flagged() {
        let t = "- Tổng số lượng học viên tham gia: 205 người, trong đó:\n - + Chủ thể OCOP: 20 người.\n - + Đối tượng hưởng lương từ ngân sách nhà nước: 145 người.\n";
        let d = Doc::new(t)
            .count("205 người", 0, 205, None, "người")
            .count("20 người", 0, 20, None, "người")
            .count("145 người", 0, 145, None, "người");
        let f = d.run();
        let sums = only(&f, "sum");
        assert_eq!(sums.len(), 1, "{f:#?}");
        assert_eq!(
            (
                sums[0].status.as_str(),
                sums[0].severity.map(Severity::as_str)
            ),
            ("ok", Some("low"))
        );
        assert_eq!(sums[0].found, Some(165.0));
    }

    #[test]
    fn sample_004_ratios_and_population() {
        let t = "Kết quả 43/43 tổ chức, cơ sở Đảng đã triển khai đến 2.038/2.102 đồng chí, đạt tỷ lệ 97%, trong đó: Cán bộ chủ chốt: 156 /160 đồng chí, đạt tỷ lệ 98%; đảng viên: 1.882/1.942 đồng chí, đạt tỷ lệ 97%. Tổng số bài thu hoạch: 2.038/2.038 bài, đạt tỷ lệ 100%. \
Dân số trung bình 130.316 người/36.181 hộ, trong đó: Người Kinh 88.020 người, chiếm 67,54%; người Chăm 39.756 người, chiếm 30,5%; người Raglai 2.183 người, chiếm tỷ lệ 1,67%; người Hoa 299 người, chiếm tỷ lệ 0,23% và 58 người của các dân tộc khác (Tày, Nùng, Mường...), chiếm 0,05%.";
        let d = Doc::new(t)
            .count("43/43 tổ chức", 0, 43, Some(43), "tổ chức")
            .count("2.038/2.102 đồng chí", 0, 2038, Some(2102), "đồng chí")
            .count("156 /160 đồng chí", 0, 156, Some(160), "đồng chí")
            .count("1.882/1.942 đồng chí", 0, 1882, Some(1942), "đồng chí")
            .count("2.038/2.038 bài", 0, 2038, Some(2038), "bài")
            .count("130.316 người", 0, 130_316, None, "người")
            .count("36.181 hộ", 0, 36_181, None, "hộ")
            .count("88.020 người", 0, 88_020, None, "người")
            .count("39.756 người", 0, 39_756, None, "người")
            .count("2.183 người", 0, 2_183, None, "người")
            .count("299 người", 0, 299, None, "người")
            .count("58 người", 0, 58, None, "người");
        let f = d.run();
        let ratios = only(&f, "ratio");
        assert_eq!(ratios.len(), 4, "{ratios:#?}");
        assert!(
            ratios.iter().all(|r| r.status == FindingStatus::Ok),
            "{ratios:#?}"
        );
        assert_eq!(ratios[1].found, Some(98.0));
        let sums = only(&f, "sum");
        assert_eq!(sums.len(), 1, "{sums:#?}");
        assert_eq!(
            (sums[0].status.as_str(), sums[0].expected),
            ("ok", Some(130_316.0))
        );
    }

    #[test]
    fn a_truncated_percentage_is_consistent() {
        // 27/41 = 65,85%: written 65,8% (cut, not rounded) is not an error.
        let t = "27/41 HTX hoạt động hiệu quả (chiếm 65,8%).";
        let d = Doc::new(t).count("27/41 HTX", 0, 27, Some(41), "htx");
        let f = d.run();
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!((f[0].check.as_str(), f[0].status.as_str()), ("ratio", "ok"));
        // 27/41 stated as 64,8% is off by a full unit of its last digit.
        let d = Doc::new(&t.replace("65,8", "64,8")).count("27/41 HTX", 0, 27, Some(41), "htx");
        assert_eq!(d.run()[0].status, FindingStatus::Mismatch);
    }

    #[test]
    fn a_wrong_percentage_is_a_mismatch() {
        let t = "đã triển khai đến 2.038/2.102 đồng chí, đạt tỷ lệ 95%.";
        let d = Doc::new(t).count("2.038/2.102 đồng chí", 0, 2038, Some(2102), "đồng chí");
        let f = d.run();
        assert_eq!(f.len(), 1);
        assert_eq!(
            (f[0].check.as_str(), f[0].status.as_str()),
            ("ratio", "mismatch")
        );
        assert_eq!(f[0].items[1].text, "95%");
    }

    #[test]
    fn sample_004_spending_of_2024_is_stated_twice_differently() {
        let t = "Năm 2024, các xã phối hợp với các cơ quan liên quan thực hiện hỗ trợ tư vấn phát triển sản phẩm, xây dựng hồ sơ đối với 17 sản phẩm/8 chủ thể, với tổng kinh phí 345 triệu đồng.\n\
2.4. Kết quả khác\n\
- Năm 2023, các xã phối hợp với các cơ quan liên quan thực hiện hỗ trợ tư vấn phát triển sản phẩm, xây dựng hồ sơ đối với 10 sản phẩm, với tổng kinh phí 415,029 triệu đồng, cụ thể: Táo tươi.\n\
- Năm 2024, các xã phối hợp với các cơ quan liên quan thực hiện hỗ trợ tư vấn phát triển sản phẩm, xây dựng hồ sơ đối với 17 sản phẩm, với tổng kinh phí 342 triệu đồng, cụ thể: Nho sấy.\n";
        let d = Doc::new(t)
            .count("17 sản phẩm/8 chủ thể", 0, 17, Some(8), "sản phẩm")
            .fund("345 triệu đồng", 0, 345_000_000, "tổng kinh phí")
            .count("10 sản phẩm", 0, 10, None, "sản phẩm")
            .fund("415,029 triệu đồng", 0, 415_029_000, "tổng kinh phí")
            .count("17 sản phẩm", 1, 17, None, "sản phẩm")
            .fund("342 triệu đồng", 0, 342_000_000, "tổng kinh phí");
        let f = d.run();
        let r = only(&f, "restated_value");
        assert_eq!(r.len(), 1, "{f:#?}");
        assert_eq!(r[0].status, FindingStatus::Mismatch);
        assert_eq!(
            (r[0].expected, r[0].found),
            (Some(345_000_000.0), Some(342_000_000.0))
        );
        assert!(r[0].message.contains("345 triệu đồng") && r[0].message.contains("342 triệu đồng"));
    }

    #[test]
    fn sample_000_closing_names_another_ward() {
        let t = "UBND phường Trần Phú báo cáo kết quả như sau:\n\
Trên đây là kết quả thực hiện Chương trình chương trình mục tiêu quốc gia xây dựng nông thôn mới 9 tháng đầu năm 2025, nhiệm vụ trong thời gian tới trên địa bàn phường Bắc Hồng Lĩnh./.\n";
        let mut d = Doc::new(t);
        d.doc.metadata.locality = Some(Locality {
            name: "phường Trần Phú".into(),
            level: "phuong".into(),
        });
        let f = d.run();
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(
            (f[0].check.as_str(), f[0].status.as_str()),
            ("identity", "mismatch")
        );
        assert_eq!(f[0].items[0].text, "phường Bắc Hồng Lĩnh");
        // The same closing for the right ward is ok.
        let good = Doc {
            text: t.replace("Bắc Hồng Lĩnh", "Trần Phú"),
            doc: d.doc.clone(),
        };
        let f = good.run();
        assert_eq!(
            (f[0].check.as_str(), f[0].status.as_str()),
            ("identity", "ok")
        );
    }
}
