//! Accuracy of `metadata` and `sections` on the sample documents and on
//! further documents in other layouts (`fixtures/extra/structure_*`).
//!
//! The expected values below were written by reading each document, not
//! from the program's output. A heading written as `"prefix…"` is a numbered
//! paragraph whose heading only has to start with that text (where such a
//! paragraph's heading ends is a convention, not something the document says).
//! `KNOWN_MISSES` lists the fields we know are wrong and why; everything else
//! must match exactly.

use baocao::output::{Document, Section};
use baocao::{process_bytes, Options};

struct Meta {
    doc_type: Option<&'static str>,
    doc_type_label: Option<&'static str>,
    number: Option<&'static str>,
    code: Option<&'static str>,
    issuer: Option<&'static str>,
    issuer_inferred: bool,
    place: Option<&'static str>,
    date: Option<&'static str>,
    year: Option<i32>,
    title: Option<&'static str>,
    locality: Option<(&'static str, &'static str)>,
    signer: (
        Option<&'static str>,
        Option<&'static str>,
        Option<&'static str>,
    ),
    recipients: &'static [&'static str],
}

/// (marker, heading, markers of the ancestors joined by " > ").
type Sec = (&'static str, &'static str, &'static str);

struct Case {
    file: &'static str,
    meta: Meta,
    sections: &'static [Sec],
    /// (style, expected, found) of numbering findings.
    numbering: &'static [(&'static str, u32, u32)],
}

/// Fields known to be wrong: (file, field, reason).
const KNOWN_MISSES: &[(&str, &str, &str)] = &[(
    "002_62a083c6f8fe7315.txt",
    "signer.name",
    "the PDF lost the glyph 'S': the text reads \"Bùi Thanh  ơn\" and no other mention restores it",
)];

fn cases() -> Vec<Case> {
    vec![
        Case {
            file: "fixtures/000_3e1b6377d3df0e19.txt",
            meta: Meta {
                doc_type: Some("bao_cao"),
                doc_type_label: Some("BÁO CÁO"),
                number: None,
                code: None,
                issuer: Some("UBND phường Trần Phú"),
                issuer_inferred: true,
                place: None,
                date: None,
                year: Some(2025),
                title: Some("Kết quả thực hiện Chương trình MTQG xây dựng nông thôn mới, Chương trình OCOP 9 tháng đầu năm 2025"),
                locality: Some(("Trần Phú", "phuong")),
                signer: (Some("Dương Đình Phúc"), Some("PHÓ CHỦ TỊCH"), Some("KT. CHỦ TỊCH")),
                recipients: &[
                    "Văn phòng Điều phối XD nông thôn mới",
                    "Chủ tịch, các PCT UBND phường",
                    "Lưu: VT, KTHT&ĐT",
                ],
            },
            sections: SECTIONS_000,
            numbering: &[("decimal", 4, 5)],
        },
        Case {
            file: "fixtures/001_849251cef8cea693.txt",
            meta: Meta {
                doc_type: Some("ke_hoach"),
                doc_type_label: Some("KẾ HOẠCH"),
                number: None,
                code: Some("KH-UBND"),
                // The header keeps only "ỦY BAN NHÂN DÂN"; the ward comes from
                // "UBND Phường Nghĩa Lộ ban hành Kế hoạch ...".
                issuer: Some("UBND phường Nghĩa Lộ"),
                issuer_inferred: true,
                place: Some("Nghĩa Lộ"),
                date: None,
                year: Some(2025),
                title: Some("Triển khai thực hiện Chương trình mỗi xã một sản phẩm (OCOP) năm 2025 trên địa bàn phường Nghĩa Lộ"),
                locality: Some(("Nghĩa Lộ", "phuong")),
                signer: (Some("Mai Thị Cẩm Hồng"), Some("PHÓ CHỦ TỊCH"), Some("KT. CHỦ TỊCH")),
                recipients: &[
                    "Sở NN & MT",
                    "CC PTNT",
                    "TT HĐND Phường",
                    "CT, các PCT UBND Phường",
                    "Ủy ban MTTQ VN và các Tổ chức CT -XH",
                    "Văn phòng HĐND&UBND",
                    "P. KTHTĐT, VH-XH",
                    "Trung Tâm CUDVC",
                    "VP: CVP, PCVP HĐND&UBND Phường",
                    "Lưu: VT",
                ],
            },
            sections: SECTIONS_001,
            numbering: &[],
        },
        Case {
            file: "fixtures/002_62a083c6f8fe7315.txt",
            meta: Meta {
                doc_type: Some("bao_cao"),
                doc_type_label: Some("BÁO CÁO"),
                number: None,
                code: Some("BC-UBND"),
                // Header line 2 is damaged in the source ("TH NH PH   A   C"); the
                // normalize stage restores it from "thành phố Sa Đéc" elsewhere in
                // the document (a logged `dropped_glyph` repair), so the header is read.
                issuer: Some("UBND thành phố Sa Đéc"),
                issuer_inferred: false,
                place: Some("Sa Đéc"),
                date: None,
                year: Some(2023),
                title: Some("Kết quả thực hiện Chương trình OCOP 06 tháng đầu năm và phương hướng nhiệm vụ 06 tháng cuối năm 2023 trên địa bàn thành phố Sa Đéc"),
                locality: Some(("Sa Đéc", "thanh_pho")),
                signer: (Some("Bùi Thanh Sơn"), Some("PHÓ CHỦ TỊCH"), Some("KT. CHỦ TỊCH")),
                recipients: &[
                    "Sở NN&PTNT Tỉnh",
                    "Văn phòng Điều phối XDNTM Tỉnh",
                    "Chi cục PTNT Tỉnh",
                    "TT/TU; TT/HĐND Thành phố",
                    "CT và các PCT/UBND Thành phố",
                    "Các thành viên BCĐ NTM TP",
                    "UBND các xã, phường",
                    "LĐVP",
                    "Lưu: VT, NC (AT)",
                ],
            },
            sections: SECTIONS_002,
            numbering: &[],
        },
        Case {
            file: "fixtures/003_49b22b13f22dc593.txt",
            meta: Meta {
                doc_type: Some("bao_cao"),
                doc_type_label: Some("BÁO CÁO"),
                number: None,
                code: None,
                issuer: Some("UBND thị xã Đức Phổ"),
                issuer_inferred: true,
                place: None,
                date: None,
                year: Some(2025),
                title: Some("Kết quả thực hiện Chương trình mỗi xã một sản phẩm (OCOP) năm 2024, phương hướng, nhiệm vụ năm 2025 trên địa bàn thị xã Đức Phổ"),
                locality: Some(("Đức Phổ", "thi_xa")),
                signer: (Some("Trần Ngọc Sang"), Some("PHÓ CHỦ TỊCH"), Some("KT. CHỦ TỊCH")),
                recipients: &[
                    "Sở NN và PTNT",
                    "CT, PCT. UBND thị xã",
                    "Văn phòng NTM tỉnh",
                    "Phòng Kinh tế",
                    "Lưu VT",
                ],
            },
            sections: SECTIONS_003,
            numbering: &[],
        },
        Case {
            file: "fixtures/004_9b2a86f56208a256.txt",
            meta: Meta {
                doc_type: Some("bao_cao"),
                doc_type_label: Some("BÁO CÁO"),
                number: None,
                code: None,
                // "Huyện ủy báo cáo kết quả thực hiện" + the district the report is about.
                issuer: Some("Huyện ủy Ninh Phước"),
                issuer_inferred: true,
                place: None,
                date: None,
                year: Some(2024),
                title: Some("Sơ kết 03 năm thực hiện Nghị quyết số 09-NQ/HU, ngày 22/7/2021 của Ban chấp hành Đảng bộ huyện khóa XII về xây dựng mỗi xã một sản phẩm, giai đoạn 2021 - 2025"),
                locality: Some(("Ninh Phước", "huyen")),
                signer: (Some("Nguyễn Hữu Tuấn"), Some("BÍ THƯ"), Some("T/M HUYỆN ỦY")),
                recipients: &[
                    "Thường trực Tỉnh ủy (B/c)",
                    "Đ/c Trần Minh Nam- TVTU, Trưởng BTGTU",
                    "HĐND, UBND huyện",
                    "Các Chi bộ, Đảng bộ trực thuộc",
                    "Các cơ quan tham mưu, giúp việc Huyện ủy",
                    "Trung tâm chính trị huyện",
                    "Mặt trận và các tổ chức chính trị – xã hội huyện",
                    "Các đồng chí Huyện ủy viên",
                    "Lưu Văn phòng huyện ủy",
                ],
            },
            sections: SECTIONS_004,
            numbering: &[("roman", 3, 4)],
        },
        Case {
            file: "fixtures/extra/structure_000_laid_out.txt",
            meta: Meta {
                doc_type: Some("bao_cao"),
                doc_type_label: Some("BÁO CÁO"),
                number: None,
                code: None,
                issuer: Some("UBND phường Trần Phú"),
                issuer_inferred: true,
                place: None,
                date: None,
                year: Some(2025),
                title: Some("Kết quả thực hiện Chương trình MTQG xây dựng nông thôn mới, Chương trình OCOP 9 tháng đầu năm 2025"),
                locality: Some(("Trần Phú", "phuong")),
                signer: (Some("Dương Đình Phúc"), Some("PHÓ CHỦ TỊCH"), Some("KT. CHỦ TỊCH")),
                recipients: &[
                    "Văn phòng Điều phối XD nông thôn mới",
                    "Chủ tịch, các PCT UBND phường",
                    "Lưu: VT, KTHT&ĐT",
                ],
            },
            sections: SECTIONS_000,
            numbering: &[("decimal", 4, 5)],
        },
        Case {
            file: "fixtures/extra/structure_quyet_dinh.txt",
            meta: Meta {
                doc_type: Some("quyet_dinh"),
                doc_type_label: Some("QUYẾT ĐỊNH"),
                number: Some("2156/QĐ-UBND"),
                code: Some("QĐ-UBND"),
                issuer: Some("UBND huyện Tư Nghĩa"),
                issuer_inferred: false,
                place: Some("Tư Nghĩa"),
                date: Some("2024-12-20"),
                year: Some(2024),
                title: Some("Về việc công nhận sản phẩm đạt chuẩn OCOP năm 2024 trên địa bàn huyện Tư Nghĩa"),
                locality: Some(("Tư Nghĩa", "huyen")),
                signer: (Some("Nguyễn Văn An"), Some("CHỦ TỊCH"), None),
                recipients: &["Như Điều 3", "UBND tỉnh (b/c)", "Sở NN&PTNT tỉnh", "Lưu: VT, NN"],
            },
            sections: &[
                ("Điều 1.", "Công nhận 05 sản phẩm đạt chuẩn OCOP 3 sao năm 2024 trên địa bàn huyện Tư Nghĩa (có danh sách kèm theo)", ""),
                ("Điều 2.", "Tổ chức thực hiện", ""),
                ("1.", "Phòng Nông nghiệp và Phát triển nông thôn có trách nhiệm theo dõi, hướng dẫn các chủ thể duy trì chất lượng sản phẩm", "Điều 2."),
                ("2.", "Các chủ thể có sản phẩm được công nhận có trách nhiệm", "Điều 2."),
                ("a)", "Duy trì, nâng cao chất lượng sản phẩm", "Điều 2. > 2."),
                ("b)", "Sử dụng nhãn hiệu OCOP đúng quy định", "Điều 2. > 2."),
                ("Điều 3.", "Chánh Văn phòng HĐND và UBND huyện, Trưởng phòng Nông nghiệp và Phát triển nông thôn…", ""),
            ],
            numbering: &[],
        },
        Case {
            file: "fixtures/extra/structure_ke_hoach_phan.txt",
            meta: Meta {
                doc_type: Some("ke_hoach"),
                doc_type_label: Some("KẾ HOẠCH"),
                number: Some("45/KH-SNNMT"),
                code: Some("KH-SNNMT"),
                issuer: Some("Sở Nông nghiệp và Môi trường tỉnh Quảng Ngãi"),
                issuer_inferred: false,
                place: Some("Quảng Ngãi"),
                date: Some("2025-03-03"),
                year: Some(2025),
                title: Some("Tổ chức đánh giá, phân hạng sản phẩm OCOP cấp tỉnh năm 2025"),
                locality: Some(("Quảng Ngãi", "tinh")),
                signer: (Some("Lê Văn Bình"), Some("PHÓ GIÁM ĐỐC"), Some("KT. GIÁM ĐỐC")),
                recipients: &["UBND tỉnh (b/c)", "UBND các huyện, thị xã, thành phố", "Lưu: VT, CCPTNT"],
            },
            sections: &[
                ("PHẦN I", "MỤC ĐÍCH, YÊU CẦU", ""),
                ("1.", "Mục đích", "PHẦN I"),
                ("2.", "Yêu cầu", "PHẦN I"),
                ("PHẦN II", "NỘI DUNG THỰC HIỆN", ""),
                ("I.", "Thời gian, địa điểm", "PHẦN II"),
                ("1.", "Thời gian", "PHẦN II > I."),
                ("2.", "Địa điểm", "PHẦN II > I."),
                ("II.", "Nội dung đánh giá", "PHẦN II"),
                ("1.", "Tiếp nhận hồ sơ", "PHẦN II > II."),
                ("1.1.", "Hồ sơ đăng ký", "PHẦN II > II. > 1."),
                ("1.2.", "Thời hạn xử lý", "PHẦN II > II. > 1."),
                ("2.", "Đánh giá tại hội đồng", "PHẦN II > II."),
                ("PHẦN III", "TỔ CHỨC THỰC HIỆN", ""),
                ("1.", "Chi cục Phát triển nông thôn", "PHẦN III"),
                ("2.", "UBND các huyện, thị xã, thành phố", "PHẦN III"),
                ("3.", "Các chủ thể OCOP", "PHẦN III"),
            ],
            numbering: &[],
        },
        Case {
            file: "fixtures/extra/structure_cong_van.txt",
            meta: Meta {
                doc_type: Some("cong_van"),
                doc_type_label: None,
                number: Some("215/PNN-OCOP"),
                code: Some("PNN-OCOP"),
                issuer: Some("Phòng Nông nghiệp và PTNT huyện Sơn Tịnh"),
                issuer_inferred: false,
                place: Some("Sơn Tịnh"),
                date: Some("2024-05-12"),
                year: Some(2024),
                title: Some("đăng ký sản phẩm tham gia Chương trình OCOP năm 2024"),
                locality: Some(("Sơn Tịnh", "huyen")),
                signer: (Some("Phạm Thị Hoa"), Some("TRƯỞNG PHÒNG"), None),
                recipients: &["Như trên", "UBND huyện (b/c)", "Lưu: VT"],
            },
            sections: &[
                ("1.", "Rà soát, lựa chọn sản phẩm có tiềm năng đạt 3 sao trở lên trên địa bàn, đăng ký tham gia Chương trình", ""),
                ("2.", "Hướng dẫn chủ thể hoàn thiện hồ sơ, gửi về Phòng Nông nghiệp và PTNT trước ngày 30/6/2024", ""),
            ],
            numbering: &[],
        },
        Case {
            file: "fixtures/extra/structure_to_trinh.txt",
            meta: Meta {
                doc_type: Some("to_trinh"),
                doc_type_label: Some("TỜ TRÌNH"),
                number: Some("18/TTr-UBND"),
                code: Some("TTr-UBND"),
                issuer: Some("UBND xã Phổ Phong"),
                issuer_inferred: false,
                place: Some("Phổ Phong"),
                date: Some("2025-04-05"),
                year: Some(2025),
                title: Some("Về việc đề nghị hỗ trợ kinh phí phát triển sản phẩm OCOP năm 2025"),
                locality: Some(("Phổ Phong", "xa")),
                signer: (Some("Trần Văn Bảy"), Some("CHỦ TỊCH"), Some("TM. ỦY BAN NHÂN DÂN")),
                recipients: &["Như trên", "Lưu: VT"],
            },
            sections: &[
                ("I/", "SỰ CẦN THIẾT", ""),
                ("II/", "NỘI DUNG ĐỀ NGHỊ", ""),
                ("1/", "Sản phẩm đề nghị hỗ trợ", "II/"),
                ("2/", "Tổng kinh phí đề nghị", "II/"),
                ("III/", "KIẾN NGHỊ", ""),
            ],
            numbering: &[],
        },
        Case {
            file: "fixtures/extra/structure_party_hu.txt",
            meta: Meta {
                doc_type: Some("ke_hoach"),
                doc_type_label: Some("KẾ HOẠCH"),
                number: Some("265-KH/HU"),
                code: Some("KH/HU"),
                issuer: Some("Huyện ủy Mộ Đức"),
                issuer_inferred: false,
                place: Some("Mộ Đức"),
                date: Some("2024-09-26"),
                year: Some(2024),
                title: Some("sơ kết 03 năm thực hiện Nghị quyết số 09-NQ/HU, ngày 22/7/2021 của Ban Chấp hành Đảng bộ huyện về xây dựng mỗi xã một sản phẩm"),
                locality: Some(("Mộ Đức", "huyen")),
                signer: (Some("Lê Văn Hùng"), Some("PHÓ BÍ THƯ"), Some("T/M BAN THƯỜNG VỤ")),
                recipients: &["Thường trực Tỉnh ủy (b/c)", "Các Đảng ủy trực thuộc", "Lưu Văn phòng Huyện ủy"],
            },
            sections: &[
                ("I.", "MỤC ĐÍCH, YÊU CẦU", ""),
                ("1.", "Đánh giá đúng kết quả 03 năm thực hiện Nghị quyết; chỉ rõ hạn chế, nguyên nhân", "I."),
                ("2.", "Việc sơ kết bảo đảm thiết thực, hiệu quả, tránh hình thức", "I."),
                ("II.", "NỘI DUNG, HÌNH THỨC", ""),
                ("1.", "Nội dung", "II."),
                ("a)", "Đánh giá việc quán triệt, triển khai Nghị quyết", "II. > 1."),
                ("b)", "Đánh giá kết quả thực hiện các chỉ tiêu", "II. > 1."),
                ("(1)", "Số sản phẩm đạt chuẩn OCOP", "II. > 1. > b)"),
                ("(2)", "Số chủ thể tham gia", "II. > 1. > b)"),
                ("2.", "Hình thức", "II."),
                ("III.", "THỜI GIAN", ""),
                ("IV.", "TỔ CHỨC THỰC HIỆN", ""),
                ("1.", "Các Đảng ủy xã, thị trấn xây dựng báo cáo sơ kết, gửi về Huyện ủy (qua Văn phòng) trước ngày 15/10/2024", "IV."),
                ("2.", "Văn phòng Huyện ủy theo dõi, tổng hợp, tham mưu Ban Thường vụ", "IV."),
            ],
            numbering: &[],
        },
    ]
}

const SECTIONS_000: &[Sec] = &[
    (
        "A.",
        "KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH NÔNG THÔN MỚI, CHƯƠNG TRÌNH OCOP 9 THẤNG ĐẦU NĂM 2025",
        "",
    ),
    (
        "I.",
        "Kết quả thực hiện Chương trình nông thôn mới 9 tháng đầu năm năm 2025",
        "A.",
    ),
    ("II.", "Kết quả thực hiện Chương trình OCOP", "A."),
    ("1.", "Công tác chỉ đạo, hướng dẫn", "A. > II."),
    (
        "2.",
        "Công tác tuyên truyền, đào tạo, tập huấn, tham quan học tập kinh nghiệm",
        "A. > II.",
    ),
    ("3.", "Phát triển sản phẩm", "A. > II."),
    ("5.", "Công tác quảng bá và xúc tiến thương mại", "A. > II."),
    ("B.", "TỔN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", ""),
    ("I.", "Tồn tại, hạn chế", "B."),
    ("II.", "Nguyên nhân của tồn tại, hạn chế", "B."),
    ("C.", "KẾ HOẠCH THỰC HIỆN TRONG 3 THÁNG CUỐI NĂM", ""),
];

const SECTIONS_001: &[Sec] = &[
    ("I.", "MỤC ĐÍCH, YÊU CẦU", ""),
    ("1.", "Mục đích", "I."),
    ("2.", "Yêu cầu", "I."),
    ("II.", "TÌNH HÌNH TRIỂN KHAI THỰC HIỆN CHƯƠNG TRÌNH OCOP TRÊN ĐỊA BÀN ĐẾN NGÀY 30/9/2025", ""),
    ("1.", "Kết quả thực hiện", "II."),
    ("2.", "Tồn tại, khó khăn", "II."),
    ("III.", "MỤC TIÊU NĂM 2025", ""),
    ("1.", "Về sản phẩm", "III."),
    ("2.", "Hỗ trợ chủ thể (cơ sở sản xuất, doanh nghiệp, hợp tác xã , …) tham gia Chương trình OCOP…", "III."),
    ("3.", "100% các chủ thể tham gia Chương trình OCOP được đào tạo, bồi dưỡng…", "III."),
    ("4.", "Tiếp tục hỗ trợ, đẩy mạnh các hoạt động xúc tiến thương mại, quảng bá, giới thiệu sản phẩm OCOP…", "III."),
    ("IV.", "NỘI DUNG THỰC HIỆN NĂM 2025", ""),
    ("1.", "Xây dựng hệ thống quản lý điều hành Chương trình OCOP", "IV."),
    ("2.", "Nhiệm vụ trọng tâm thực hiện Chương trình OCOP năm 2025", "IV."),
    ("2.1.", "Triển khai Chương trình OCOP", "IV. > 2."),
    ("2.2.", "Thực hiện chu trình OCOP", "IV. > 2."),
    ("2.3.", "Nhận hồ sơ sản phẩm OCOP dự thi đánh giá và phân hạng", "IV. > 2."),
    ("2.4.", "Đánh giá và phân hạng sản phẩm OCOP", "IV. > 2."),
    ("3.", "Tuyên truyền Chương trình OCOP", "IV."),
    ("4.", "Xúc tiến thương mại sản phẩm OCOP", "IV."),
    ("5.", "Huy động nguồn lực thực hiện Chương trình", "IV."),
    ("V.", "KINH PHÍ THỰC HIỆN (dự kiến cho từ 3-5 sản phẩm)", ""),
    ("VI.", "TỔ CHỨC THỰC HIỆN", ""),
    ("1.", "Phòng Kinh tế, Hạ tầng và Đô thị", "VI."),
    ("2.", "Văn phòng HĐND&UBND", "VI."),
    ("3.", "Phòng Văn hóa – Xã hội", "VI."),
    ("4.", "Ủy ban Mặt trận Tổ quốc Việt Nam phường và các tổ chức chính trị xã hội tăng cường tuyên truyền…", "VI."),
    ("5.", "Trung tâm Cung ứng dịch vụ công tổ chức tuyên truyền qua các trang thông tin…", "VI."),
];

const SECTIONS_002: &[Sec] = &[
    ("I.", "KẾT QUẢ THỰC HIỆN", ""),
    ("1.", "Công tác chỉ đạo, điều hành quản lý", "I."),
    (
        "2.",
        "Công tác triển khai thực hiện mô hình chỉ đạo điểm",
        "I.",
    ),
    ("3.", "Công tác tuyên truyền vận động", "I."),
    (
        "4.",
        "Công tác triển khai đánh giá, phân hạng sản phẩm OCOP",
        "I.",
    ),
    ("5.", "Khó khăn", "I."),
    ("II.", "PHƯƠNG HƯỚNG, NHIỆM VỤ", ""),
    ("1.", "Chỉ tiêu", "II."),
    ("2.", "Nhiệm vụ, giải pháp", "II."),
];

const SECTIONS_003: &[Sec] = &[
    ("Phần thứ nhất", "ĐÁNH GIÁ TÌNH HÌNH TRIỂN KHAI, KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH OCOP NĂM 2024", ""),
    ("I.", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH TRIỂN KHAI THỰC HIỆN CHƯƠNG TRÌNH OCOP", "Phần thứ nhất"),
    ("1.", "Công tác xây dựng Đề án/Kế hoạch triển khai Chương trình OCOP Phòng Kinh tế thị xã đã ban hành các Văn bản", "Phần thứ nhất > I."),
    ("2.", "Công tác tổ chức bộ máy thực hiện Chương trình OCOP", "Phần thứ nhất > I."),
    ("II.", "KẾT QUẢ THỰC HIỆN CÁC MỤC TIÊU CHÍNH CỦA CHƯƠNG TRÌNH OCOP", "Phần thứ nhất"),
    ("1.", "Kết quả về tuyên truyền, tập huấn", "Phần thứ nhất > II."),
    ("a)", "Tuyên truyền", "Phần thứ nhất > II. > 1."),
    ("b)", "Tập huấn", "Phần thứ nhất > II. > 1."),
    ("2.", "Về công tác quảng bá, xúc tiến thương mại sản phẩm OCOP", "Phần thứ nhất > II."),
    ("3.", "Kết quả thực hiện các mục tiêu chính Kế hoạch Chương trình OCOP năm 2024", "Phần thứ nhất > II."),
    ("a)", "Căn cứ theo Kế hoạch Chương trình OCOP năm 2024 của địa phương đã ban hành để xác định các nội dung theo kế hoạch…", "Phần thứ nhất > II. > 3."),
    ("b)", "Về sản phẩm OCOP địa phương", "Phần thứ nhất > II. > 3."),
    ("(1)", "Sản phẩm được UBND tỉnh cấp giấy chứng nhận đạt OCOP 3-4 sao năm 2021 không đăng ký đánh giá, phân hạng lại sản phẩm", "Phần thứ nhất > II. > 3. > b)"),
    ("(2)", "Sản phẩm nâng hạng sao", "Phần thứ nhất > II. > 3. > b)"),
    // "Luỹ" in the source; normalized to the default tone style.
    ("(3)", "Lũy kế", "Phần thứ nhất > II. > 3. > b)"),
    ("III.", "KINH PHÍ THỰC HIỆN", "Phần thứ nhất"),
    ("1.", "Tổng kinh phí được giao", "Phần thứ nhất > III."),
    ("2.", "Kinh phí đã giải ngân", "Phần thứ nhất > III."),
    ("3.", "Kinh phí còn lại không giải ngân", "Phần thứ nhất > III."),
    ("IV.", "ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH OCOP", "Phần thứ nhất"),
    ("1.", "Kết quả đạt được", "Phần thứ nhất > IV."),
    ("2.", "Những mặt được; hạn chế, tồn tại và nguyên nhân; bài học kinh nghiệm", "Phần thứ nhất > IV."),
    ("a)", "Thuận lợi", "Phần thứ nhất > IV. > 2."),
    ("b)", "Khó khăn vướng mắc và tồn tại", "Phần thứ nhất > IV. > 2."),
    ("c)", "Bài học kinh nghiệm", "Phần thứ nhất > IV. > 2."),
    ("Phần thứ hai", "PHƯƠNG HƯỚNG, NHIỆM VỤ THỰC HIỆN CHƯƠNG TRÌNH OCOP NĂM 2025", ""),
    ("I.", "MỤC TIÊU, NHIỆM VỤ", "Phần thứ hai"),
    ("1.", "Mục tiêu cụ thể", "Phần thứ hai > I."),
    ("2.", "Nhiệm vụ, giải pháp thực hiện", "Phần thứ hai > I."),
    ("II.", "ĐỀ XUẤT, KIẾN NGHỊ", "Phần thứ hai"),
];

const SECTIONS_004: &[Sec] = &[
    ("Phần thứ nhất", "TÌNH HÌNH, KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT SỐ 09-NQ/HU", ""),
    ("I.", "Đặc điểm tình hình", "Phần thứ nhất"),
    ("1.", "Khái quát đặc điểm tình hình liên quan đến việc triển khai thực hiện Nghị quyết số 09-NQ/HU", "Phần thứ nhất > I."),
    ("2.", "Những thuận lợi và khó khăn trong việc triển khai thực hiện Nghị quyết số 09-NQ/HU", "Phần thứ nhất > I."),
    ("2.1.", "Thuận lợi", "Phần thứ nhất > I. > 2."),
    ("2.2.", "Khó khăn", "Phần thứ nhất > I. > 2."),
    ("II.", "Công tác lãnh đạo, chỉ đạo và triển khai thực hiện Nghị quyết số 09-NQ/HU", "Phần thứ nhất"),
    ("1.", "Công tác quán triệt, tuyên truyền Nghị quyết số 09-NQ/HU", "Phần thứ nhất > II."),
    ("2.", "Công tác lãnh đạo, triển khai thực hiện Nghị quyết số 09-NQ/HU", "Phần thứ nhất > II."),
    ("3.", "Công tác kiểm tra, giám sát", "Phần thứ nhất > II."),
    ("III.", "Kết quả triển khai thực hiện Nghị quyết số 09-NQ/HU", "Phần thứ nhất"),
    ("1.", "Kết quả thực hiện mục tiêu, chỉ tiêu cụ thể", "Phần thứ nhất > III."),
    ("2.", "Kết quả thực hiện các nhiệm vụ", "Phần thứ nhất > III."),
    ("2.1.", "Tăng cường sự lãnh đạo, chỉ đạo của cấp ủy Đảng, chính quyền để nâng cao nhận thức về xây dựng mỗi xã một sản phẩm đặc thù", "Phần thứ nhất > III. > 2."),
    ("2.2.", "Kết quả đào tạo, bồi dưỡng, tập huấn cho đội ngũ cán bộ lãnh đạo, quản lý các cấp, công chức tham mưu và các chủ thể sản xuất, kinh doanh về chương trình OCOP; công tác dạy nghề, đào tạo nghề, tập huấn kỹ thuật canh tác cho nông dân hướng đến sản xuất hàng hóa an toàn, hàng hóa sạch, gắn với bảo vệ môi trường", "Phần thứ nhất > III. > 2."),
    ("2.3.", "Kết quả triển khai công tác khuyến công, phát triển đa dạng các hình thức hợp tác, hỗ trợ các chủ thể sản xuất, kinh doanh, các chủ thể tham gia Chương trình OCOP", "Phần thứ nhất > III. > 2."),
    ("2.4.", "Kết quả triển khai thực hiện có hiệu quả cơ chế, chính sách của Nhà nước về Chương trình OCOP", "Phần thứ nhất > III. > 2."),
    ("2.5.", "Công tác rà soát, bổ sung quy hoạch vùng sản xuất nông nghiệp công nghệ cao, vùng sản xuất tập trung, phát triển vùng nguyên liệu cho sản phẩm OCOP gắn với cây trồng, vật nuôi chủ lực, phù hợp tiềm năng, thế mạnh, đặc thù của từng địa phương", "Phần thứ nhất > III. > 2."),
    ("2.6.", "Kết quả huy động, lồng ghép và sử dụng có hiệu quả các nguồn lực, nhất là nguồn lực xã hội hóa để thực hiện Chương trình OCOP đạt kết quả và hiệu quả", "Phần thứ nhất > III. > 2."),
    ("2.7.", "Kết quả thực hiện nâng hạng các sản phẩm OCOP hiện có, xây dựng các sản phẩm OCOP mới, xây dựng ít nhất 1 sản phẩm OCOP đạt 3 sao trở lên; xây dựng và nâng cao chất lượng các điểm du lịch cộng đồng; xây dựng các điểm trưng bày OCOP", "Phần thứ nhất > III. > 2."),
    ("2.8.", "Công tác quản lý của Nhà nước về chất lượng sản phẩm, vệ sinh an toàn thực phẩm, gắn với thanh tra, kiểm tra xử lý nghiêm các hành vi vi phạm theo quy định của pháp luật", "Phần thứ nhất > III. > 2."),
    ("2.9.", "Kết quả tuyên truyền, vận động, giám sát của Mặt trận và các đoàn thể chính trị - xã hội đối với đoàn viên, hội viên, nhân dân và các chủ thể sản xuất, kinh doanh trong việc chấp hành các Chỉ thị, Nghị quyết… của Đảng, Nghị quyết của Ban chấp hành Đảng bộ huyện và pháp luật, cơ chế, chính sách của Nhà nước liên quan đến Chương trình OCOP", "Phần thứ nhất > III. > 2."),
    ("IV.", "Đánh giá chung", "Phần thứ nhất"),
    ("1.", "Những kết quả đạt được", "Phần thứ nhất > IV."),
    ("2.", "Những hạn chế, tồn tại", "Phần thứ nhất > IV."),
    ("3.", "Nguyên nhân hạn chế, tồn tại", "Phần thứ nhất > IV."),
    ("4.", "Một số kinh nghiệm", "Phần thứ nhất > IV."),
    ("Phần thứ hai", "PHƯƠNG HƯỚNG, NHIỆM VỤ VÀ GIẢI PHÁP TRỌNG TÂM THỜI GIAN ĐẾN", ""),
    ("I.", "Phương hướng, mục tiêu", "Phần thứ hai"),
    ("1.", "Mục tiêu chung", "Phần thứ hai > I."),
    ("2.", "Mục tiêu cụ thể", "Phần thứ hai > I."),
    ("II.", "Nhiệm vụ và giải pháp thời gian đến", "Phần thứ hai"),
    ("1.", "Các cấp ủy, tổ chức Đảng, chính quyền, Mặt trận và các tổ chức chính trị - xã hội tiếp tục quán triệt…", "Phần thứ hai > II."),
    ("2.", "Đào tạo, nâng cao năng lực đội ngũ cán bộ lãnh đạo quản lý các cấp, cán bộ chuyên trách chương trình và các doanh nghiệp, hợp tác xã, tổ hợp tác, hộ sản xuất phù hợp với điều kiện đăng ký kinh doanh hoạt động của Chương trình OCOP", "Phần thứ hai > II."),
    ("3.", "Tiếp tục củng cố và hỗ trợ đổi mới phương thức hoạt động của các hợp tác xã, tổ hợp tác, trang trại, doanh nghiệp, hộ gia đình", "Phần thứ hai > II."),
    ("4.", "Khảo sát, đánh giá tiềm năng, lợi thế, khai thác hiệu quả các sản phẩm chủ lực, có thế mạnh để phát triển sản phẩm OCOP", "Phần thứ hai > II."),
    ("5.", "Tập trung huy động, lồng ghép và sử dụng có hiệu quả các nguồn lực (Chương trình mục tiêu quốc gia…", "Phần thứ hai > II."),
    ("6.", "Thực hiện các chính sách hỗ trợ, khuyến khích các tổ chức, cá nhân, hợp tác xã, doanh nghiệp đầu tư vào nông nghiệp công nghệ cao…", "Phần thứ hai > II."),
    ("7.", "Tăng cường kiểm tra, giám sát, sơ kết, tổng kết thực hiện Chương trình OCOP…", "Phần thứ hai > II."),
    ("IV.", "Đề xuất kiến nghị UBND tỉnh", "Phần thứ hai"),
];

fn run(path: &str) -> Document {
    let full = format!("{}/{}", env!("CARGO_MANIFEST_DIR"), path);
    let bytes = std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"));
    process_bytes(path, &bytes, &Options::default())
}

fn ancestors(sections: &[Section], s: &Section) -> String {
    let mut chain = Vec::new();
    let mut cur = s.parent.clone();
    while let Some(id) = cur {
        let Some(p) = sections.iter().find(|x| x.id == id) else {
            break;
        };
        chain.push(p.marker.clone());
        cur = p.parent.clone();
    }
    chain.reverse();
    chain.join(" > ")
}

fn heading_matches(expected: &str, found: &str) -> bool {
    match expected.strip_suffix('…') {
        Some(prefix) => found.starts_with(prefix),
        None => found == expected,
    }
}

/// Score sections: how many expected sections are found, in order, with the
/// same marker, heading and ancestors; and list every difference.
fn score_sections(expected: &[Sec], found: &[Section]) -> (usize, Vec<String>) {
    let mut right = 0;
    let mut diffs = Vec::new();
    for (k, (marker, heading, path)) in expected.iter().enumerate() {
        match found.get(k) {
            Some(s) => {
                let anc = ancestors(found, s);
                if s.marker == *marker && heading_matches(heading, &s.heading) && anc == *path {
                    right += 1;
                } else {
                    diffs.push(format!(
                        "#{k}: expected [{marker}] {heading:?} under {path:?}; found [{}] {:?} under {anc:?}",
                        s.marker, s.heading
                    ));
                }
            }
            None => diffs.push(format!("#{k}: missing [{marker}] {heading:?}")),
        }
    }
    for s in found.iter().skip(expected.len()) {
        diffs.push(format!("extra section [{}] {:?}", s.marker, s.heading));
    }
    (right, diffs)
}

/// Compare metadata field by field: (field, stated in the document, right).
fn score_meta(m: &Meta, doc: &Document) -> Vec<(&'static str, bool, bool, String)> {
    let md = &doc.metadata;
    let signer = md.signer.clone().unwrap_or_default();
    let loc = md
        .locality
        .as_ref()
        .map(|l| (l.name.as_str(), l.level.as_str()));
    let mut out = Vec::new();
    let mut field = |name: &'static str, stated: bool, right: bool, found: String| {
        out.push((name, stated, right, found));
    };
    field(
        "doc_type",
        m.doc_type.is_some(),
        md.doc_type.as_deref() == m.doc_type,
        format!("{:?}", md.doc_type),
    );
    field(
        "doc_type_label",
        m.doc_type_label.is_some(),
        md.doc_type_label.as_deref() == m.doc_type_label,
        format!("{:?}", md.doc_type_label),
    );
    field(
        "number",
        m.number.is_some(),
        md.number.as_deref() == m.number,
        format!("{:?}", md.number),
    );
    field(
        "code",
        m.code.is_some(),
        md.code.as_deref() == m.code,
        format!("{:?}", md.code),
    );
    field(
        "issuer",
        m.issuer.is_some(),
        md.issuer.as_deref() == m.issuer && md.issuer_inferred == m.issuer_inferred,
        format!("{:?} inferred={}", md.issuer, md.issuer_inferred),
    );
    field(
        "place",
        m.place.is_some(),
        md.place.as_deref() == m.place,
        format!("{:?}", md.place),
    );
    field(
        "date",
        m.date.is_some(),
        md.date.as_deref() == m.date,
        format!("{:?}", md.date),
    );
    field(
        "year",
        m.year.is_some(),
        md.year == m.year,
        format!("{:?}", md.year),
    );
    field(
        "title",
        m.title.is_some(),
        md.title.as_deref() == m.title,
        format!("{:?}", md.title),
    );
    field(
        "locality",
        m.locality.is_some(),
        loc == m.locality,
        format!("{loc:?}"),
    );
    field(
        "signer.name",
        m.signer.0.is_some(),
        signer.name.as_deref() == m.signer.0,
        format!("{:?}", signer.name),
    );
    field(
        "signer.title",
        m.signer.1.is_some(),
        signer.title.as_deref() == m.signer.1,
        format!("{:?}", signer.title),
    );
    field(
        "signer.authority",
        m.signer.2.is_some(),
        signer.authority.as_deref() == m.signer.2,
        format!("{:?}", signer.authority),
    );
    field(
        "recipients",
        !m.recipients.is_empty(),
        md.recipients
            .iter()
            .map(String::as_str)
            .eq(m.recipients.iter().copied()),
        format!("{:?}", md.recipients),
    );
    out
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

#[test]
fn accuracy_on_samples_and_extra_documents() {
    let mut failures = Vec::new();
    println!("{:<36} {:>10} {:>10}", "document", "sections", "metadata");
    for case in cases() {
        let doc = run(case.file);
        assert!(doc.errors.is_empty(), "{}: {:?}", case.file, doc.errors);
        let name = file_name(case.file);
        let (right, diffs) = score_sections(case.sections, &doc.sections);
        let fields = score_meta(&case.meta, &doc);
        let stated = fields.iter().filter(|f| f.1).count();
        let stated_right = fields.iter().filter(|f| f.1 && f.2).count();
        println!(
            "{name:<36} {right:>4}/{:<5} {stated_right:>4}/{stated:<5}",
            case.sections.len()
        );
        for d in diffs {
            failures.push(format!("{name}: {d}"));
        }
        for (field, _, ok, found) in &fields {
            if *ok {
                continue;
            }
            if let Some((_, _, why)) = KNOWN_MISSES
                .iter()
                .find(|(f, fl, _)| *f == name && fl == field)
            {
                println!("  known miss {field}: {found} ({why})");
                continue;
            }
            failures.push(format!("{name}: metadata.{field} found {found}"));
        }
        let issues = baocao::structure::numbering_issues(&doc.sections);
        let got: Vec<(&str, u32, u32)> = issues
            .iter()
            .map(|i| (i.style, i.expected, i.found))
            .collect();
        if got != case.numbering {
            failures.push(format!(
                "{name}: numbering issues {got:?}, expected {:?}",
                case.numbering
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// The same sample documents with the "blank line after every line" artifact
/// removed (as the layout stage does) give the same sections and metadata.
#[test]
fn samples_without_blank_line_artifacts_give_the_same_structure() {
    for case in cases().into_iter().filter(|c| !c.file.contains("/extra/")) {
        let full = format!("{}/{}", env!("CARGO_MANIFEST_DIR"), case.file);
        let raw = std::fs::read_to_string(&full).expect("sample");
        let compact: String = raw
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| format!("{l}\n"))
            .collect();
        let doc = process_bytes(case.file, compact.as_bytes(), &Options::default());
        let (right, diffs) = score_sections(case.sections, &doc.sections);
        // Known miss, 004 only: without the blank lines the layout stage joins
        // "2. Công tác lãnh đạo, triển khai thực hiện Nghị quyết số 09-NQ/HU"
        // with the next line "Trên cơ sở ..." (a full-width line followed by a
        // capitalised word looks like a wrap), so that heading runs on.
        let known = if case.file.contains("004_") {
            diffs
                .iter()
                .filter(|d| {
                    d.contains("\"Công tác lãnh đạo, triển khai thực hiện Nghị quyết số 09-NQ/HU\"")
                })
                .count()
        } else {
            0
        };
        assert!(known <= 1);
        assert_eq!(
            right + known,
            case.sections.len(),
            "{}:\n{}",
            case.file,
            diffs.join("\n")
        );
        let baseline = run(case.file);
        assert_eq!(doc.metadata, baseline.metadata, "{}", case.file);
    }
}

/// Every section is grounded, ids run s1, s2, ... in order, parents come
/// first and sit one level up, and bodies nest inside their parent's body.
#[test]
fn sections_are_grounded_and_well_formed() {
    for case in cases() {
        let doc = run(case.file);
        let text = doc.text.as_deref().unwrap_or("");
        let chars: Vec<char> = text.chars().collect();
        for (k, s) in doc.sections.iter().enumerate() {
            assert_eq!(s.id, format!("s{}", k + 1));
            let slice: String = chars[s.start..s.end].iter().collect();
            assert_eq!(slice, s.text, "{} {}", case.file, s.id);
            assert!(s.text.starts_with(&s.marker), "{} {}", case.file, s.id);
            assert!(!s.heading.contains("[^"), "{} {}", case.file, s.id);
            assert!(s.body_start == s.end && s.body_end >= s.body_start);
            match &s.parent {
                None => assert_eq!(s.level, 1),
                Some(pid) => {
                    let p = doc.sections[..k]
                        .iter()
                        .find(|x| &x.id == pid)
                        .expect("parent precedes child");
                    assert_eq!(p.level + 1, s.level);
                    assert!(
                        p.start < s.start && s.body_end <= p.body_end,
                        "{} {}",
                        case.file,
                        s.id
                    );
                }
            }
        }
    }
}

/// A heading keeps its footnote marker in the grounded span but not in `heading`.
#[test]
fn footnote_marker_stays_in_span_not_in_heading() {
    let doc = run("fixtures/extra/structure_000_laid_out.txt");
    let s = doc
        .sections
        .iter()
        .find(|s| s.marker == "2." && s.heading.starts_with("Công tác tuyên truyền"))
        .expect("section 2.");
    assert!(s.text.contains("[^1]"), "{:?}", s.text);
    assert!(s.heading.ends_with("kinh nghiệm"));
}

/// Inputs with no structure at all still give a filled, empty result, and
/// odd inputs never panic.
#[test]
fn odd_inputs_do_not_break_the_stage() {
    for text in [
        "",
        "\n\n\u{c}\n",
        "I.",
        "Phần thứ nhất",
        "Số:",
        "Nơi nhận:",
        "1.\n2.\n3.",
        "ngày tháng năm 2025",
        "**",
        "(1)",
    ] {
        let doc = process_bytes("x.txt", text.as_bytes(), &Options::default());
        for s in &doc.sections {
            assert!(s.start <= s.end && s.end <= text.chars().count());
        }
    }
}

/// A paragraph-long "heading" and thousands of numbered lines stay linear
/// and bounded (no heading longer than the cap).
#[test]
fn long_inputs_stay_bounded() {
    let long_line = format!(
        "1. Công tác {}\n",
        "chỉ đạo - 09- điều hành, ".repeat(20_000)
    );
    let many: String = (1..=20_000)
        .map(|n| format!("{}. Mục {n}\n", n % 90 + 1))
        .collect();
    for text in [long_line, many] {
        let start = std::time::Instant::now();
        let doc = process_bytes("x.txt", text.as_bytes(), &Options::default());
        assert!(start.elapsed().as_secs() < 20, "too slow");
        assert!(doc.sections.iter().all(|s| s.heading.len() <= 2000));
    }
}

/// Random mixtures of markers, header pieces, closing pieces, footnotes,
/// tabs, page breaks and multi-byte text never panic, and every section
/// stays grounded.
#[test]
fn random_mixtures_never_break_grounding() {
    const PIECES: &[&str] = &[
        "I.",
        "II. ",
        "A.",
        "1.",
        "2.1.",
        "a)",
        "(1)",
        "Điều 1.",
        "Phần thứ nhất",
        "Chương I",
        "**",
        "*",
        "- ",
        "+ ",
        "\n",
        "\n\n",
        "\u{c}",
        "\t",
        "  ",
        "Nơi nhận:",
        "Phụ lục",
        "[^1]:",
        "[^2]",
        "Số: 25/BC-UBND",
        "Số 265-KH/HU",
        "ngày 14 tháng 8 năm 2025",
        "BÁO CÁO",
        "KẾ HOẠCH",
        "V/v",
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Mai Thị Cẩm Hồng",
        "UBND phường Trần Phú báo cáo",
        "trên địa bàn thị xã Đức Phổ",
        "Độc lập - Tự do - Hạnh phúc",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "TT Sản phẩm",
        "Kết quả thực hiện",
        "ĐÁNH GIÁ",
        "09-",
        "NQ/HU",
        ":",
        ".",
        ";",
        ",",
        "(",
        ")",
        "ơ",
        "Ệ",
        "số",
        "2.038/2.102",
        "01/8/2022",
        "#",
        "## ",
        "Đ",
        "đ) ",
        "İ",
        "\u{301}",
    ];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize
    };
    for _ in 0..1500 {
        let n = 1 + next() % 60;
        let text: String = (0..n).map(|_| PIECES[next() % PIECES.len()]).collect();
        let doc = process_bytes("r.txt", text.as_bytes(), &Options::default());
        // Offsets are into the normalized text (NFC), not the input.
        let chars: Vec<char> = doc.text.as_deref().unwrap_or("").chars().collect();
        for s in &doc.sections {
            assert!(s.end <= chars.len() && s.start <= s.end, "{text:?}");
            let slice: String = chars[s.start..s.end].iter().collect();
            assert_eq!(slice, s.text, "{text:?}");
            assert!(s.body_end >= s.body_start);
        }
    }
}
