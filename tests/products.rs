//! Products against expectations written by reading each document.
//!
//! Each expected product lists the names and producers it may be written as
//! (sample 004 names the same product several ways in different lists), its
//! stars and its status. A product is *found* when an output item has one of
//! the names and producers and the right stars; an output item that matches
//! no expected product is *invented*; a second item matching an expected
//! product is a *duplicate* (reported, bounded).

use baocao::extract::products::stated_lists;
use baocao::ground::{holds, Ground};
use baocao::output::{Document, Product};
use baocao::{process_bytes, Options};

struct E {
    names: &'static [&'static str],
    /// Empty: the document names no producer.
    producers: &'static [&'static str],
    stars: Option<u8>,
    status: &'static str,
}

const fn e(
    names: &'static [&'static str],
    producers: &'static [&'static str],
    stars: Option<u8>,
    status: &'static str,
) -> E {
    E {
        names,
        producers,
        stars,
        status,
    }
}

fn run(path: &str) -> Document {
    let bytes = std::fs::read(path).unwrap();
    process_bytes(path, &bytes, &Options::default())
}

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn matches(p: &Product, x: &E) -> bool {
    let name_ok = x.names.iter().any(|n| norm(n) == norm(&p.name));
    let producer_ok = match &p.producer {
        None => x.producers.is_empty(),
        Some(pp) => x.producers.iter().any(|q| norm(q) == norm(pp)),
    };
    name_ok && producer_ok
}

#[derive(Debug, Default, Clone, Copy)]
struct Score {
    expected: usize,
    found: usize,
    status_ok: usize,
    invented: usize,
    duplicates: usize,
}

fn score(doc: &Document, expected: &[E]) -> Score {
    let mut s = Score {
        expected: expected.len(),
        ..Default::default()
    };
    let mut used = vec![false; doc.products.len()];
    for x in expected {
        let hits: Vec<usize> = (0..doc.products.len())
            .filter(|&i| matches(&doc.products[i], x))
            .collect();
        for &i in &hits {
            used[i] = true;
        }
        s.duplicates += hits.len().saturating_sub(1);
        if let Some(&i) = hits.iter().find(|&&i| doc.products[i].stars == x.stars) {
            s.found += 1;
            if doc.products[i].status.as_str() == x.status {
                s.status_ok += 1;
            }
        } else {
            eprintln!(
                "  missing: {:?} / {:?} {:?}",
                x.names[0],
                x.producers.first(),
                x.stars
            );
        }
    }
    for (i, p) in doc.products.iter().enumerate() {
        if !used[i] {
            s.invented += 1;
            eprintln!("  invented: {:?} / {:?}", p.name, p.producer);
        }
    }
    s
}

fn grounded(doc: &Document) {
    let text = doc.text.as_deref().unwrap();
    for p in &doc.products {
        assert!(holds(text, p.at.start, p.at.end, &p.at.text), "{p:?}");
        // The name is the span's words (footnote markers and quotes aside).
        let first = p.name.split(' ').next().unwrap();
        assert!(p.at.text.contains(first), "{p:?}");
    }
}

const CULAORE: &[&str] = &["Công ty TNHH XNK Yến sào Cù Lao Ré"];
const HAI_PHU: &[&str] = &["Công ty TNHH MTV xuất nhập khẩu thủy sản Hải Phú"];
const S3: Option<u8> = Some(3);
const C: &str = "certified";

/// Sample 001: the flattened table of 25 certified products.
const EXPECTED_001: &[E] = &[
    e(&["Yến rút lông nguyên tổ Culaore"], CULAORE, S3, C),
    e(&["Yến thô cao cấp Culaore"], CULAORE, S3, C),
    e(&["Yến tinh chế cao cấp Culaore"], CULAORE, S3, C),
    e(&["Yến tinh chế sợi - Định hình A5 Culaore"], CULAORE, S3, C),
    e(
        &["Yến hũ chưng vị đông trùng hạ thảo Culaore"],
        CULAORE,
        S3,
        C,
    ),
    e(&["Yến hũ chưng vị gừng Culaore"], CULAORE, S3, C),
    e(&["Yến hũ chưng đủ vị Culaore"], CULAORE, S3, C),
    e(
        &["Đường phèn Tuyết Hường"],
        &["Hộ kinh doanh Lê Thanh Hường"],
        S3,
        C,
    ),
    e(
        &["Đường phổi Tuyết Hường"],
        &["Hộ kinh doanh Lê Thanh Hường"],
        S3,
        C,
    ),
    e(
        &["Mạch nha Quảng Ngãi đường Mantoza"],
        &["Nhà máy Nha Quảng Ngãi – Chi nhánh Công ty Cổ phần Đường Quảng Ngãi"],
        Some(5),
        C,
    ),
    e(
        &["Cơm cháy chà bông rong biển Thảo Uyên"],
        &["Hộ kinh doanh Thảo Uyên"],
        S3,
        C,
    ),
    e(&["Chà bông Thảo Uyên"], &["Hộ kinh doanh Thảo Uyên"], S3, C),
    e(&["Mắm nêm Ome"], HAI_PHU, S3, C),
    e(&["Sốt chấm vị thái"], HAI_PHU, S3, C),
    e(&["Sốt ướp OME BBQ"], HAI_PHU, S3, C),
    e(&["Nước mắm nhĩ Ome Sa Huỳnh"], HAI_PHU, S3, C),
    e(&["Sốt chấm hải sản"], HAI_PHU, S3, C),
    e(
        &["Đông trùng hạ thảo trên ký chủ nhộng tằm khô"],
        &["Công ty TNHH Nấm Ngọc Bảo Thy"],
        S3,
        C,
    ),
    e(
        &["Đông trùng hạ thảo ngâm mật ong"],
        &["Công ty TNHH Nấm Ngọc Bảo Thy"],
        S3,
        C,
    ),
    e(
        &["Kẹo gương Phước Yến"],
        &["Cơ sở sản xuất kinh doanh Thương mại thực phẩm đặc sản Phước Yến"],
        S3,
        C,
    ),
    e(
        &["Chả bò Hồng Vân"],
        &["Công ty TNHH Sản xuất thực phẩm Hồng Vân"],
        S3,
        C,
    ),
    e(
        &["Chả bò gân ớt xiêm Hồng Vân"],
        &["Công ty TNHH Sản xuất thực phẩm Hồng Vân"],
        S3,
        C,
    ),
    e(
        &["Cốm rang Hoàng Huy"],
        &["Cơ sở sản xuất cốm rang Hoàng Huy"],
        S3,
        C,
    ),
    e(
        &["Rượu lứt Ấn Trà"],
        &["Công ty TNHH Nông Lâm Nghiệp TBT"],
        S3,
        C,
    ),
    e(
        &["Cá bống Sông Trà Dũng Cây Gòn"],
        &["Hộ kinh doanh Quán ăn Dũng Cây Gòn"],
        S3,
        C,
    ),
];

const R: &str = "registered";
const RE: &str = "re_evaluation";

/// Sample 003: the registration table (group I new, group II re-evaluation).
const EXPECTED_003: &[E] = &[
    e(&["Dầu phụng"], &["Huỳnh Ngọc Khá"], None, R),
    e(&["Bột sắn dây"], &["Huỳnh Ngọc Khá"], None, R),
    e(&["Bò khô"], &["Đỗ Thị Tuyết Hà"], None, R),
    e(&["Cơm cháy chà bông"], &["Đỗ Thị Tuyết Hà"], None, R),
    e(
        &["Điểm du lịch Cát Mộc Homestay"],
        &["Ngô Quốc Việt"],
        None,
        R,
    ),
    e(&["Nước mắm nhì"], &["Lê Thị Thùy Trang"], None, R),
    e(&["Nước mắm nhất hảo hạng"], &["Lê Thị Thùy Trang"], None, R),
    e(&["Hủ tiêu tươi Sáu Thạnh"], &["Võ Minh Khải"], None, R),
    e(&["Dầu phụng Phổ Khánh"], &["Ngô Thanh Phương"], None, R),
    e(&["Cơm cháy rong biển Ori"], &["Trần Quốc Việt"], None, R),
    e(&["Bánh thuẫn Bây dầy"], &["Trần Thị Lợi"], None, RE),
    e(&["Tinh bột nghệ"], &["Huỳnh Ngọc Khá"], None, RE),
    e(&["Chôi đốt Phở Phong"], &["Tạ Thị Châu Loan"], None, RE),
];

const RUOU_39: &[&str] = &[
    "Cơ sở sản xuất rượu, mật nho 39",
    "Cơ sở sản xuất rượu mật nho 39",
];
const PV59: &[&str] = &["HTX Phước Vinh 59", "HTX Phước Vinh"];
const THIEN_THAO: &[&str] = &[
    "Hộ kinh doanh cơ sở sản xuất Thiên Thảo",
    "HKD Cơ sở sản xuất Thiên Thảo",
];
const HOANG_YEN: &[&str] = &["Hộ kinh doanh Nông trại Hoàng Yến", "Nông trại Hoàng Yến"];
const BA_MOI: &[&str] = &["Hộ kinh doanh cơ sở sản xuất Ba Mọi", "cơ sở Ba mọi"];
const NGOC_TRUC: &[&str] = &[
    "Hộ kinh doanh Cơ sở sản xuất và Kinh doanh Phan Rang Ngọc Trúc",
    "Cơ sở sản xuất và kinh doanh Phan Rang Ngọc Trúc",
];
const TRANG_HUYNH: &[&str] = &[
    "Hộ kinh doanh nông sản xanh Trang Huỳnh",
    "Nông sản xanh Tranh Huỳnh",
];
const CHAU_RE: &[&str] = &[
    "Hợp tác xã dịch vụ nông nghiệp tổng hợp Châu Rế",
    "HTX DVNN tổng hợp Châu Rế",
    "HTX Châu Rế",
];
const BICH_PHUONG: &[&str] = &[
    "Hộ kinh doanh Nguyễn Thị Bích Phương",
    "HKD Nguyễn Thị Bích Phương",
];
const NGOC_CHAU: &[&str] = &["Hộ kinh doanh Phan Thị Ngọc Châu", "HKD Phan Thị Ngọc Châu"];

/// Sample 004: footnote 3 (14 products ranked in 2020, producers not named per
/// product, stars not stated), footnote 4 (15 products, 3 stars, 2022-2023),
/// footnotes 5 and 12 plus the running text (17 products of 2024: 16 at 3 stars
/// and `nho xanh` submitted for 4 stars).
const EXPECTED_004: &[E] = &[
    e(&["Nho tươi Ba Mọi"], &[], None, C),
    e(&["Nho sấy"], &[], None, C),
    e(&["Táo sấy"], &[], None, C),
    e(&["Chuối sấy"], &[], None, C),
    e(&["Thịt dê rút xương"], &[], None, C),
    e(&["Thịt Cừu rút xương"], &[], None, C),
    e(&["Thịt Dê viên"], &[], None, C),
    e(&["Thịt Cừu viên"], &[], None, C),
    e(&["Thịt Dê sấy"], &[], None, C),
    e(&["Thịt Cừu xông khói"], &[], None, C),
    e(&["Đùi Heo đen xông khói"], &[], None, C),
    e(&["Siro Nho"], &[], None, C),
    e(&["Vang Nho"], &[], None, C),
    e(&["Rượu Brandy"], &[], None, C),
    // Footnote 4.
    e(&["Táo tươi Ba Khoa"], &["HTX Ba Khoa"], S3, C),
    e(
        &["Táo sấy dẻo tách hạt Trung Tuấn"],
        &["HKD Trung Tuấn"],
        S3,
        C,
    ),
    e(&["Rượu nho"], RUOU_39, S3, C),
    e(&["Mật nho", "Mật nho 39"], RUOU_39, S3, C),
    e(&["Mãng cầu Ngọc Thiên"], &["HKD Nguyễn Ngọc Thiên"], S3, C),
    e(&["Táo tươi"], PV59, S3, C),
    e(&["Măng Tây tươi"], PV59, S3, C),
    e(&["Táo sấy dẻo"], PV59, S3, C),
    e(&["Táo tươi Trường Thọ"], &["HTX Trường Thọ"], S3, C),
    e(
        &["Táo sấy dẻo Thu Hoài"],
        &["HKD Nguyễn Thị Thu Hoài"],
        S3,
        C,
    ),
    e(
        &["Táo sấy dẻo Đất Nắng"],
        &["Chi nhánh Công ty TNHH Đất Nắng"],
        S3,
        C,
    ),
    e(&["Măng Tây xanh"], &["HTX Tuấn Tú"], S3, C),
    e(&["Trà Măng Tây"], &["HTX Tuấn Tú"], S3, C),
    e(&["Táo tươi Tường Vy"], &["HKD Đỗ Thị Tường Vy"], S3, C),
    e(&["Táo tươi Hoàng Dãi"], &["HKD Nguyễn Hoàng Dãi"], S3, C),
    // 2024: footnote 5, footnote 12 and the running text.
    e(&["Nho sấy Thiên Thảo", "Nho sấy"], THIEN_THAO, S3, C),
    e(&["Táo sấy Thiên Thảo", "Táo sấy"], THIEN_THAO, S3, C),
    e(&["Siro nho Thiên Thảo", "Siro Nho"], THIEN_THAO, S3, C),
    e(&["Mật nho Thiên Thảo", "Mật Nho"], THIEN_THAO, S3, C),
    e(
        &["Rượu vang đỏ Thiên Thảo", "Rượu Vang đỏ thiên thảo"],
        THIEN_THAO,
        S3,
        C,
    ),
    e(&["nho đỏ có hạt"], HOANG_YEN, S3, C),
    e(&["nho mẫu đơn"], HOANG_YEN, S3, C),
    e(&["táo hồng Phan Rang"], BA_MOI, S3, C),
    e(&["nho xanh", "Nho xanh Ba Mọi"], BA_MOI, None, R),
    e(
        &["táo khô vị nắng", "Táo sấy khô vị nắng"],
        NGOC_TRUC,
        S3,
        C,
    ),
    e(&["rong sụn vị nắng"], NGOC_TRUC, S3, C),
    e(&["táo sấy dẻo"], TRANG_HUYNH, S3, C),
    e(&["nho khô đỏ", "Nho đỏ sấy"], TRANG_HUYNH, S3, C),
    e(&["măng tây tươi"], CHAU_RE, S3, C),
    e(&["bánh tráng Luân bánh tráng gạo mè"], BICH_PHUONG, S3, C),
    e(&["mật táo"], NGOC_CHAU, S3, C),
    e(&["táo sấy dẻo"], NGOC_CHAU, S3, C),
];

const TINH_HA: &[&str] = &["HTX Nông nghiệp Tịnh Hà"];
const THU_HA: &[&str] = &["Cơ sở sản xuất mạch nha Thu Hà"];
const LE_THI_MAI: &[&str] = &["Hộ kinh doanh Lê Thị Mai"];

/// fixtures/extra/products_docx_table.txt: a DOCX table (tab rows, category
/// group rows, merged producer cells) and a registration table with marks.
const EXPECTED_DOCX: &[E] = &[
    e(&["Mật ong hoa cà phê"], TINH_HA, Some(4), C),
    e(&["Phấn hoa ong"], TINH_HA, S3, C),
    e(
        &["Bánh tráng nước dừa Tịnh Bắc"],
        &["Hộ kinh doanh Nguyễn Văn Tư"],
        S3,
        C,
    ),
    e(&["Kẹo đậu phộng mạch nha"], THU_HA, S3, C),
    e(&["Kẹo gừng Thu Hà"], THU_HA, S3, C),
    e(
        &["Trà túi lọc cà gai leo"],
        &["Công ty TNHH Dược liệu Sơn Tịnh"],
        S3,
        C,
    ),
    e(
        &["Rượu ngô men lá Tịnh Hiệp"],
        &["HTX Nông nghiệp Tịnh Hiệp"],
        S3,
        C,
    ),
    e(
        &["Nước mắm cá cơm Tịnh Kỳ"],
        &["Doanh nghiệp tư nhân Hải sản Kỳ Xuyên"],
        Some(4),
        C,
    ),
    e(&["Mì gạo Tịnh Sơn"], LE_THI_MAI, None, R),
    e(&["Bánh ít lá gai"], LE_THI_MAI, None, R),
];

const TU_LE: &[&str] = &["HTX Nông nghiệp Tú Lệ"];
const SUOI_GIANG: &[&str] = &["Hợp tác xã Chè Suối Giàng"];
const TAY_BAC: &[&str] = &["Công ty TNHH Thực phẩm Tây Bắc Xanh"];

/// fixtures/extra/products_flat_two_pages.txt: a flattened table cut by a page
/// break (page number and repeated header in between, row 6 split).
const EXPECTED_FLAT: &[E] = &[
    e(&["Gạo nếp Tú Lệ"], TU_LE, S3, C),
    e(&["Cốm Tú Lệ"], TU_LE, S3, C),
    e(
        &["Chè Shan tuyết cổ thụ Suối Giàng"],
        SUOI_GIANG,
        Some(4),
        C,
    ),
    e(&["Trà hoa vàng Suối Giàng"], SUOI_GIANG, S3, C),
    e(
        &["Bánh chưng đen Mường Lò"],
        &["Hộ kinh doanh Lò Thị Chiến"],
        S3,
        C,
    ),
    e(
        &["Mắm cá Mường Lò"],
        &["Cơ sở sản xuất mắm Quàng Văn Thân"],
        S3,
        C,
    ),
    e(&["Thịt trâu gác bếp Mường Lò"], TAY_BAC, S3, C),
    e(&["Xôi ngũ sắc Mường Lò"], TAY_BAC, S3, C),
    e(
        &["Rượu táo mèo Nghĩa Lộ"],
        &["Công ty Cổ phần Đặc sản Yên Bái"],
        Some(4),
        C,
    ),
];

const M: &str = "mentioned";

/// fixtures/extra/products_commune_prose.txt: per-commune lists in the running
/// text, a `cụ thể:` list, and entities that are not products.
const EXPECTED_PROSE: &[E] = &[
    e(
        &["Miến dong Tân Hương"],
        &["HTX Miến dong Tân Hương"],
        S3,
        C,
    ),
    e(&["Bánh đa nem"], &["Hộ kinh doanh Hoàng Văn Thắng"], S3, C),
    e(&["Bánh đa vừng"], &["Hộ kinh doanh Hoàng Văn Thắng"], S3, C),
    e(&["Chè xanh Đại Đồng"], &["HTX Chè Đại Đồng"], S3, C),
    e(&["Chè búp khô"], &["HTX Chè Đại Đồng"], S3, C),
    e(&["Cá thính Yên Bình"], &["HKD Nguyễn Thị Hoa"], S3, C),
    e(
        &["Rượu men lá Yên Bình"],
        &["Cơ sở sản xuất rượu Hùng Cường"],
        S3,
        C,
    ),
    e(
        &["Mật ong bạc hà"],
        &["Công ty TNHH Ong mật Yên Bình"],
        S3,
        C,
    ),
    e(&["Chuối sấy dẻo"], &["HKD Đặng Văn Sơn"], S3, C),
    e(
        &["Măng khô Cảm Nhân"],
        &["HTX Nông lâm nghiệp Cảm Nhân"],
        None,
        M,
    ),
    e(&["Tinh bột nghệ Phúc An"], &["HKD Vũ Thị Hằng"], None, M),
    e(
        &["Quế hồi Xuân Long"],
        &["Hộ kinh doanh Triệu Văn Quý"],
        None,
        M,
    ),
];

/// fixtures/extra/products_markdown.md: a Markdown pipe table.
const EXPECTED_MD: &[E] = &[
    e(&["Gạo hữu cơ Quế Phú"], &["HTX Nông nghiệp Quế Phú"], S3, C),
    e(&["Nếp cái hoa vàng"], &["HTX Nông nghiệp Quế Phú"], S3, C),
    e(
        &["Bánh tráng mè đen Quế Phú"],
        &["Hộ kinh doanh Trần Thị Lan"],
        Some(4),
        C,
    ),
];

const SAMPLES: &[(&str, &[E])] = &[
    ("fixtures/000_3e1b6377d3df0e19.txt", &[]),
    ("fixtures/001_849251cef8cea693.txt", EXPECTED_001),
    ("fixtures/002_62a083c6f8fe7315.txt", &[]),
    ("fixtures/003_49b22b13f22dc593.txt", EXPECTED_003),
    ("fixtures/004_9b2a86f56208a256.txt", EXPECTED_004),
];

const EXTRAS: &[(&str, &[E])] = &[
    ("fixtures/extra/products_docx_table.txt", EXPECTED_DOCX),
    ("fixtures/extra/products_flat_two_pages.txt", EXPECTED_FLAT),
    ("fixtures/extra/products_commune_prose.txt", EXPECTED_PROSE),
    ("fixtures/extra/products_markdown.md", EXPECTED_MD),
    // Sample 004's lists as the layout stage writes them: `[^4]` markers in
    // joined paragraphs, bodies on `[^4]: ` lines.
    ("fixtures/extra/products_footnotes_layout.txt", EXPECTED_004),
];

fn total(set: &[(&str, &[E])]) -> Score {
    let mut t = Score::default();
    for (path, expected) in set {
        let doc = run(path);
        grounded(&doc);
        let s = score(&doc, expected);
        eprintln!("{path}: {s:?}");
        t.expected += s.expected;
        t.found += s.found;
        t.status_ok += s.status_ok;
        t.invented += s.invented;
        t.duplicates += s.duplicates;
    }
    t
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        100.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

#[test]
fn samples_reach_the_accuracy_target() {
    let t = total(SAMPLES);
    eprintln!(
        "samples: {}/{} found ({:.1}%), status right {}/{}, invented {}, duplicates {}",
        t.found,
        t.expected,
        pct(t.found, t.expected),
        t.status_ok,
        t.expected,
        t.invented,
        t.duplicates
    );
    assert!(pct(t.found, t.expected) >= 98.0, "{t:?}");
    assert_eq!(t.invented, 0, "{t:?}");
    assert!(t.duplicates <= 2, "{t:?}");
}

#[test]
fn extra_documents_reach_the_accuracy_target() {
    let t = total(EXTRAS);
    eprintln!(
        "extra: {}/{} found ({:.1}%), status right {}/{}, invented {}, duplicates {}",
        t.found,
        t.expected,
        pct(t.found, t.expected),
        t.status_ok,
        t.expected,
        t.invented,
        t.duplicates
    );
    assert_eq!(t.found, t.expected, "{t:?}");
    assert_eq!(t.status_ok, t.expected, "{t:?}");
    assert_eq!((t.invented, t.duplicates), (0, 0), "{t:?}");
}

fn product<'d>(doc: &'d Document, name: &str) -> &'d Product {
    doc.products
        .iter()
        .find(|p| norm(&p.name) == norm(name))
        .unwrap_or_else(|| panic!("no product {name}"))
}

#[test]
fn flattened_table_keeps_addresses_spans_and_statuses() {
    let doc = run("fixtures/001_849251cef8cea693.txt");
    let p = product(&doc, "Yến rút lông nguyên tổ Culaore");
    // The name wraps over two cells' lines; layout drops the blank line between them.
    assert_eq!(p.at.text, "Yến rút lông nguyên tổ\nCulaore");
    assert_eq!(
        p.address.as_deref(),
        Some("Số 38 đường Chu Văn An, phường Nghĩa Lộ")
    );
    assert_eq!(p.locality.as_deref(), Some("phường Nghĩa Lộ"));
    assert_eq!(p.source.as_str(), "table");
    let p = product(&doc, "Sốt ướp OME BBQ");
    assert_eq!(p.locality.as_deref(), Some("phường Quảng Phú"));
    let p = product(&doc, "Đường phèn Tuyết Hường");
    assert_eq!(p.address.as_deref(), Some("Tổ 10, phường Quảng Phú"));
    assert!(doc
        .products
        .iter()
        .all(|p| p.status.as_str() == "certified"));
}

#[test]
fn tab_table_groups_and_marks() {
    let doc = run("fixtures/003_49b22b13f22dc593.txt");
    assert!(doc.products.iter().all(|p| p.target_stars == Some(3)));
    let p = product(&doc, "Cơm cháy rong biển Ori");
    assert_eq!(p.locality.as_deref(), Some("xã Phổ An"));
    assert_eq!(p.address.as_deref(), Some("Thôn Hội An 2, xã Phổ An"));
    let p = product(&doc, "Chôi đốt Phở Phong");
    assert_eq!((p.status.as_str(), p.stars), ("re_evaluation", None));
}

#[test]
fn footnote_lists_take_locality_category_and_proposal() {
    let doc = run("fixtures/004_9b2a86f56208a256.txt");
    let p = product(&doc, "Táo tươi Ba Khoa");
    assert_eq!(p.locality.as_deref(), Some("Xã Phước Thuận"));
    assert_eq!(p.source.as_str(), "footnote");
    let p = product(&doc, "Vang Nho");
    assert_eq!(p.category.as_deref(), Some("đồ uống"));
    let p = product(&doc, "nho xanh");
    assert_eq!((p.stars, p.target_stars), (None, Some(4)));
    // The producing companies and tourism sites are not products.
    for p in &doc.products {
        assert!(!p.name.contains("Cơ sở Nho Ba Mọi"), "{p:?}");
        assert!(!p.name.starts_with("Vườn nho"), "{p:?}");
        assert!(!p.name.contains("HTX thu mua"), "{p:?}");
    }
}

#[test]
fn split_table_rows_get_their_pages() {
    let doc = run("fixtures/extra/products_flat_two_pages.txt");
    assert_eq!(product(&doc, "Gạo nếp Tú Lệ").at.page, Some(1));
    assert_eq!(product(&doc, "Mắm cá Mường Lò").at.page, Some(1));
    assert_eq!(product(&doc, "Xôi ngũ sắc Mường Lò").at.page, Some(2));
    let p = product(&doc, "Mắm cá Mường Lò");
    assert_eq!(
        p.address.as_deref(),
        Some("Số 15 đường Điện Biên, phường Trung Tâm")
    );
}

#[test]
fn registration_marks_merge_with_the_certified_product() {
    let doc = run("fixtures/extra/products_docx_table.txt");
    let p = product(&doc, "Mật ong hoa cà phê");
    assert_eq!((p.stars, p.target_stars), (Some(4), Some(5)));
    assert_eq!(p.category.as_deref(), Some("thực phẩm"));
    let p = product(&doc, "Bánh ít lá gai");
    assert_eq!((p.status.as_str(), p.target_stars), ("registered", Some(4)));
    assert_eq!(
        product(&doc, "Nước mắm cá cơm Tịnh Kỳ").category.as_deref(),
        Some("đồ uống")
    );
}

fn lists_of(path: &str) -> Vec<(u32, u32, String)> {
    let doc = run(path);
    let text = doc.text.unwrap();
    let blocks = baocao::layout::derive_blocks(&text);
    let mut g = Ground::new(&text, false);
    g.set_blocks(&blocks);
    stated_lists(&g)
        .into_iter()
        .map(|l| {
            assert!(holds(&text, l.count.start, l.count.end, &l.count.text));
            assert!(holds(&text, l.list.start, l.list.end, &l.list.text));
            (l.stated, l.listed, l.count.text)
        })
        .collect()
}

#[test]
fn stated_counts_come_with_their_lists() {
    let l = lists_of("fixtures/001_849251cef8cea693.txt");
    assert!(l.contains(&(25, 25, "25 sản phẩm".into())), "{l:?}");
    let l = lists_of("fixtures/004_9b2a86f56208a256.txt");
    assert!(
        l.contains(&(4, 4, "04 sản phẩm)".into())) || l.iter().any(|x| x.0 == 4 && x.1 == 4),
        "{l:?}"
    );
    // `Xã Phước Thuận (09 sản phẩm)` in footnote 12 lists 9 products.
    assert!(l.iter().any(|x| x.0 == 9 && x.1 == 9), "{l:?}");
    // Footnote 3: `Nhóm thực phẩm (11 sản phẩm)` and `Nhóm đồ uống (03 sản phẩm)`.
    assert!(l.iter().any(|x| x.0 == 11 && x.1 == 11), "{l:?}");
    assert!(l.iter().any(|x| x.0 == 3 && x.1 == 3), "{l:?}");
    let l = lists_of("fixtures/extra/products_footnotes_layout.txt");
    // Marker sentences: `(06 sản phẩm)[^9]` lists 6; `15 sản phẩm ...[^4]` lists 15;
    // `17 sản phẩm ... 3 sao[^5]` lists 16 (the 17th, nho xanh, is in the text).
    for want in [(6, 6), (15, 15), (17, 16), (14, 14)] {
        assert!(l.iter().any(|x| (x.0, x.1) == want), "{want:?} in {l:?}");
    }
    let l = lists_of("fixtures/extra/products_docx_table.txt");
    assert!(l.iter().any(|x| x.0 == 8 && x.1 == 8), "{l:?}");
}

/// The samples with the blank line after every line already removed (as
/// some extractions deliver them): the same products come out.
#[test]
fn samples_without_blank_line_artifacts() {
    for (path, expected) in SAMPLES {
        let raw = std::fs::read_to_string(path).unwrap();
        let squeezed: String = raw
            .split_inclusive('\n')
            .filter(|l| !l.trim().is_empty())
            .collect();
        let doc = process_bytes(path, squeezed.as_bytes(), &Options::default());
        grounded(&doc);
        let s = score(&doc, expected);
        eprintln!("{path} (no blank lines): {s:?}");
        assert_eq!((s.found, s.invented), (s.expected, 0), "{path}: {s:?}");
    }
}

/// Footnote bodies joined into one paragraph each (`[^4]: - Xã A (..): ...
/// - Xã B (..): ...`), as a layout stage may write them.
#[test]
fn footnote_bodies_joined_into_one_line() {
    let path = "fixtures/extra/products_footnotes_layout.txt";
    let raw = std::fs::read_to_string(path).unwrap();
    let mut out: Vec<String> = Vec::new();
    for line in raw.lines() {
        match out.last_mut() {
            Some(prev) if line.starts_with("- ") && prev.starts_with("[^") => {
                prev.push(' ');
                prev.push_str(line);
            }
            _ => out.push(line.to_string()),
        }
    }
    let joined = out.join("\n");
    assert!(joined.contains("mật nho 39. - Xã Phước Vinh"));
    let doc = process_bytes(path, joined.as_bytes(), &Options::default());
    grounded(&doc);
    let s = score(&doc, EXPECTED_004);
    eprintln!("{path} (joined footnotes): {s:?}");
    assert_eq!(
        (s.found, s.invented, s.duplicates),
        (s.expected, 0, 0),
        "{s:?}"
    );
    let p = product(&doc, "Mãng cầu Ngọc Thiên");
    assert_eq!(p.locality.as_deref(), Some("Xã Phước Vinh"));
}
