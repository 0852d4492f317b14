//! Accuracy on documents the extractors were not tuned on: a decision, a
//! budget report in `tỷ đồng` and a letter (fixtures/extra/extract_*.txt),
//! written in other styles than the samples. Expectations were written from
//! reading the documents before running the extractors. These tests report
//! precision/recall (`--nocapture`) and hold the no-wrong-value rule and the
//! precision target; recall is reported, with a floor.

mod common;

use common::*;

const R_QD: &[R] = &[
    // A law cited by name and date, without a number.
    r("luat", "", "2015-06-19", ""),
    r("nghi_dinh", "98/2018/NĐ-CP", "2018-07-05", "Chính phủ"),
    r(
        "nghi_quyet",
        "15/2022/NQ-HĐND",
        "2022-07-20",
        "Hội đồng nhân dân tỉnh Quảng Ngãi",
    ),
    r(
        "quyet_dinh",
        "455/QĐ-UBND",
        "2025-02-02",
        "UBND tỉnh Quảng Ngãi",
    ),
    r(
        "to_trinh",
        "56/TTr-NN",
        "2025-03-10",
        "Trưởng phòng Nông nghiệp và PTNT huyện",
    ),
    r("thong_tu", "53/2023/TT-BTC", "", ""),
];
const C_QD: &[C] = &[
    c(12, "hợp tác xã"),
    c(35, "hộ gia đình"),
    c(9, "xã"),
    c(9, "xã"),
];
const F_QD: &[F] = &[
    f(2_450_000_000, "tổng kinh phí"),
    f(1_500_000_000, "Ngân sách tỉnh"),
    f(950_000_000, "Ngân sách huyện"),
    f(50_000_000, "Mức hỗ trợ tối đa"),
    f(15_000_000, "Mức hỗ trợ tối đa"),
];

const R_NS: &[R] = &[
    r("nghi_quyet", "45/NQ-HĐND", "2023-12-08", "HĐND huyện"),
    r("quyet_dinh", "3120/QĐ-UBND", "2023-12-15", "UBND huyện"),
    r("luat", "83/2015/QH13", "", ""),
];
const C_NS: &[C] = &[c(18, "xã"), c(5, "đơn vị"), c(3, "xã")];
const F_NS: &[F] = &[
    f(
        1_234_560_000_000,
        "Tổng thu ngân sách nhà nước trên địa bàn",
    ),
    f(980_300_000_000, "thu nội địa"),
    f(254_260_000_000, "thu tiền sử dụng đất"),
    f(2_015_800_000_000, "Tổng chi ngân sách địa phương"),
    f(612_000_000_000, "Chi đầu tư phát triển"),
    f(1_310_450_000_000, "Chi thường xuyên"),
    f(38_500_000_000, "Dự phòng ngân sách"),
    f(215_600_000_000, "Kết dư ngân sách"),
    fa(
        1_300_000_000_000,
        "Tổng thu ngân sách nhà nước trên địa bàn dự kiến",
        "about",
    ),
    f(2_100_000_000_000, "tổng chi ngân sách địa phương"),
    f(650_500_000_000, "vốn đầu tư công"),
];

const R_CV: &[R] = &[
    r("van_ban", "1875/UBND-KT", "2025-10-02", "UBND tỉnh"),
    r("chi_thi", "05/CT-UBND", "2025-03-12", "Chủ tịch UBND tỉnh"),
    r(
        "cong_van",
        "430/SNNMT-PTNT",
        "2025-08-28",
        "Sở Nông nghiệp và Môi trường",
    ),
    r(
        "huong_dan",
        "12/HD-VPĐP",
        "2025-09-20",
        "Văn phòng Điều phối nông thôn mới tỉnh",
    ),
];
const C_CV: &[C] = &[
    ct(7, 13, "huyện"),
    ca(120, "chủ thể", "about"),
    ca(200, "sản phẩm", "more_than"),
];
const F_CV: &[F] = &[
    f(30_000_000, "mức hỗ trợ tối đa"),
    f(1_200_000_000, "tổng kinh phí dự kiến"),
];

// Written after the tuning above and run once without changes: an honest
// figure for a document style the extractors had not seen (English notation).
const R_TT: &[R] = &[
    r(
        "nghi_quyet",
        "06/2024/NQ-HĐND",
        "2024-04-18",
        "HĐND tỉnh Quảng Ngãi",
    ),
    r(
        "ke_hoach",
        "90/KH-UBND",
        "2024-04-24",
        "UBND thị xã Đức Phổ",
    ),
    r("thong_bao", "112/TB-UBND", "2025-04-02", "UBND thị xã"),
];
const C_TT: &[C] = &[
    c(4, "thôn"),
    c(2_315, "hộ"),
    c(6, "hộ kinh doanh"),
    c(7, "sản phẩm"),
    c(3, "lớp tập huấn"),
    ca(150, "lượt người", "about"),
];
const F_TT: &[F] = &[
    f(
        1_250_000_000,
        "Tổng dự toán xây dựng điểm giới thiệu sản phẩm",
    ),
    f(800_000_000, "Ngân sách thị xã hỗ trợ"),
    f(300_000_000, "Vốn đối ứng của xã"),
    f(150_000_000, "Các chủ thể đóng góp"),
];

// Second blind document (party report), written and run once before any change.
const R_DG: &[R] = &[
    r("chi_thi", "12-CT/TU", "2019-03-05", "Ban Thường vụ Tỉnh ủy"),
    r("other", "88-KL/HU", "2021-06-14", "Ban Thường vụ Huyện ủy"),
    r(
        "nghi_quyet",
        "05-NQ/HU",
        "2022-09-30",
        "Ban Thường vụ Huyện ủy",
    ),
    r("quyet_dinh", "1520/QĐ-UBND", "2022-10-11", "UBND huyện"),
];
const C_DG: &[C] = &[
    c(14, "hợp tác xã"),
    c(41, "htx"),
    c(12_560, "thành viên"),
    ct(27, 41, "htx"),
    c(36, "lớp"),
    ca(1_800, "lượt cán bộ", "more_than"),
];
const F_DG: &[F] = &[
    f(2_800_000_000, "doanh thu bình quân"),
    fa(4_500_000_000, "tổng kinh phí", "more_than"),
];

fn check(file: &str, refs: &[R], counts: &[C], funds: &[F]) -> Report {
    let doc = process_fixture(&format!("fixtures/extra/{file}"));
    let report = score(file, &doc, refs, counts, funds);
    report.print();
    assert!(
        report.wrong.is_empty(),
        "{file}: wrong values {:?}",
        report.wrong
    );
    for p in [&report.refs, &report.counts, &report.funds] {
        assert!(p.precision() >= 0.97, "{file}: precision {p:?}");
    }
    report
}

#[test]
fn decision() {
    let r = check("extract_quyet_dinh.txt", R_QD, C_QD, F_QD);
    assert!(r.refs.recall() >= 0.8 && r.counts.recall() >= 0.95 && r.funds.recall() >= 0.8);
}

#[test]
fn budget_report_in_ty_dong() {
    let r = check("extract_ngan_sach.txt", R_NS, C_NS, F_NS);
    assert!(r.refs.recall() >= 0.6 && r.counts.recall() >= 0.6 && r.funds.recall() >= 0.8);
}

#[test]
fn letter() {
    let r = check("extract_cong_van.txt", R_CV, C_CV, F_CV);
    assert!(r.refs.recall() >= 0.75 && r.counts.recall() >= 0.6 && r.funds.recall() >= 0.5);
}

#[test]
fn submission_in_english_notation() {
    let r = check("extract_to_trinh.txt", R_TT, C_TT, F_TT);
    assert!(r.refs.recall() >= 0.98 && r.counts.recall() >= 0.8 && r.funds.recall() >= 0.98);
}

#[test]
fn party_report() {
    let r = check("extract_bao_cao_dang.txt", R_DG, C_DG, F_DG);
    assert!(r.refs.recall() >= 0.5 && r.counts.recall() >= 0.5 && r.funds.recall() >= 0.5);
}
