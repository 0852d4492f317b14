//! The extractors never panic and always ground their items, on text built
//! from the tokens that drive them, in random order (a small deterministic
//! fuzz: an LCG, no extra dependency).

use baocao::extract;
use baocao::ground::{holds, Ground};
use baocao::output::Metadata;

const TOKENS: &[&str] = &[
    "Quyết định",
    "số",
    "số:",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\u{c}",
    "/",
    "-",
    "–",
    ",",
    ".",
    ":",
    ";",
    "01",
    "8",
    "2022",
    "919",
    "1.234",
    "324,474",
    "2.038/2.102",
    "QĐ",
    "TTg",
    "UBND",
    "KH",
    "NQ/HU",
    "ngày",
    "tháng",
    "năm",
    "của",
    "Thủ tướng Chính phủ",
    "ban hành",
    "tại",
    "Luật",
    "Ngân sách",
    "tỷ",
    "triệu",
    "nghìn",
    "đồng",
    "đ",
    "VNĐ",
    "kinh phí",
    "Tổng",
    "hơn",
    "khoảng",
    "từ",
    "đến",
    "trở lên",
    "ít nhất",
    "sản phẩm",
    "xã",
    "hộ",
    "người",
    "lượt người",
    "đồng chí",
    "[^3]",
    "[^",
    "a\u{301}",
    "ạ",
    "Số",
    "Kế hoạch",
    "Công văn",
    "(",
    ")",
    "*",
    "+",
    "\t",
    "3 sao",
    "%",
    "ha",
];

fn lcg(state: &mut u64) -> u64 {
    *state = state
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    *state >> 33
}

#[test]
fn random_token_soup_never_panics_and_grounds() {
    let mut st = 42u64;
    for _ in 0..3000 {
        let n = (lcg(&mut st) % 40) as usize;
        let text: String = (0..n)
            .map(|_| TOKENS[(lcg(&mut st) as usize) % TOKENS.len()])
            .collect();
        let g = Ground::new(&text, false);
        let refs = extract::references(&g, &Metadata::default());
        let counts = extract::counts(&g);
        let funds = extract::funds(&g);
        for at in refs
            .iter()
            .map(|x| &x.at)
            .chain(counts.iter().map(|x| &x.at))
            .chain(funds.iter().map(|x| &x.at))
        {
            assert!(holds(&text, at.start, at.end, &at.text), "{text:?}: {at:?}");
        }
        for c in &counts {
            assert!(
                !c.at.text.contains("[^"),
                "marker read as a count: {text:?}"
            );
        }
    }
}

#[test]
fn huge_numbers_do_not_overflow() {
    let text = "kinh phí 99999999999999999999999999999999999999 nghìn tỷ đồng; 123456789012345678901234567890 sản phẩm";
    let g = Ground::new(text, false);
    assert!(extract::funds(&g).is_empty());
    assert!(extract::counts(&g).is_empty());
}
