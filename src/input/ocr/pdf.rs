//! Scanned PDFs: which pages need OCR, and the page images to give it.
//!
//! A page is OCRed (in `--ocr auto`) when its text layer is missing, scores
//! as garbage by the syllable grammar of normalize, or is only the overlay a
//! signing tool stamps on a scan ("Ký bởi … Thời gian ký …"); in `always`
//! every page is. The page's embedded image is taken out as it is (as
//! `pdfimages` does): JPEG (`DCTDecode`) and JPEG 2000 bytes go to
//! Tesseract untouched, Flate images are written as PNM. Only images in
//! other encodings (CCITT, JBIG2) make us render the page with `pdftoppm`:
//! rendering costs more than the OCR itself.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::process::{Command, Stdio};
use std::time::Duration;

use pdf_extract::{Dictionary, Document, Object, ObjectId};

use super::{
    assemble, image::poor_document, page_status, read_pages, OcrMode, PageImage, PageText,
};
use crate::input::pdf::child::{self, Finished};
use crate::input::Decoded;
use crate::options::Options;
use crate::output::{DocError, ErrorKind, PageStatus, Warning};
use crate::vi::{fold_key, syllable};

/// A text layer with this share of well-formed syllables or less is garbage.
const GARBAGE_QUALITY: f64 = 0.5;
/// Vietnamese-looking tokens needed before the share is trusted.
const MIN_TOKENS: usize = 8;
/// A text layer with fewer letters than this, over a page image, is no
/// text layer (a page number, a stray mark).
const MIN_LETTERS: usize = 40;
/// Images larger than this (pixels) are not decoded here.
const MAX_PIXELS: i64 = 120_000_000;
/// Resolution of a page rendered for want of a usable image.
const RENDER_DPI: u32 = 300;

/// What a signing tool writes over a scan, folded (no diacritics, lower
/// case). A page whose text is only lines with these is OCRed.
const SIGNATURE_MARKERS: &[&str] = &[
    "ky boi",
    "thoi gian ky",
    "ngay ky",
    "nguoi ky",
    "co quan:",
    "email:",
    "signed by",
    "signing time",
    "sao y",
];

/// Why a page is OCRed, or `None` to keep its text layer.
pub fn needs_ocr(text: &str, status: &str, mode: OcrMode) -> Option<&'static str> {
    match mode {
        OcrMode::Never => return None,
        OcrMode::Always => return Some("--ocr always"),
        OcrMode::Auto => {}
    }
    if status == "empty" || status == "failed" || text.trim().is_empty() {
        return Some("no text layer");
    }
    if signature_only(text) {
        return Some("the text layer is only a digital-signature overlay");
    }
    let (good, bad) = syllable::counts(text);
    if good + bad >= MIN_TOKENS && syllable::ratio(good, bad) <= GARBAGE_QUALITY {
        return Some("the text layer is garbage (few well-formed syllables)");
    }
    None
}

/// Is every line of the text a signature overlay's line (or nearly empty)?
pub fn signature_only(text: &str) -> bool {
    let mut marked = false;
    for line in text.lines() {
        let folded = fold_key(line);
        if SIGNATURE_MARKERS.iter().any(|m| folded.contains(m)) {
            marked = true;
            continue;
        }
        if line.chars().filter(|c| c.is_alphabetic()).count() > 3 {
            return false;
        }
    }
    marked
}

/// OCR the pages of a decoded PDF that need it, in place.
///
/// The whole document is an `ocr_unavailable` error when it has no usable
/// text without OCR and Tesseract is missing; otherwise a missing Tesseract
/// is a non-fatal error and the text layer is kept.
pub fn complete(bytes: &[u8], mut decoded: Decoded, opts: &Options) -> Result<Decoded, DocError> {
    if opts.ocr == OcrMode::Never {
        return Ok(decoded);
    }
    let texts: Vec<String> = decoded
        .doc
        .text
        .split('\u{c}')
        .map(str::to_string)
        .collect();
    if texts.len() != decoded.page_status.len() {
        return Ok(decoded);
    }
    let mut reasons: Vec<(usize, &'static str)> = texts
        .iter()
        .zip(&decoded.page_status)
        .enumerate()
        .filter_map(|(i, (t, s))| needs_ocr(t, &s.status, opts.ocr).map(|r| (i, r)))
        .collect();
    // A page with next to no text (a page number) over a page image too.
    let few: Vec<usize> = texts
        .iter()
        .enumerate()
        .filter(|(i, t)| {
            !reasons.iter().any(|r| r.0 == *i)
                && t.chars().filter(|c| c.is_alphabetic()).count() < MIN_LETTERS
        })
        .map(|(i, _)| i)
        .collect();
    let wanted: Vec<usize> = reasons
        .iter()
        .map(|r| r.0)
        .chain(few.iter().copied())
        .collect();
    if wanted.is_empty() {
        return Ok(decoded);
    }
    let mut images = match page_images(bytes, &wanted, opts.timeout) {
        Some(i) => i,
        None => {
            decoded.warnings.push(note(
                "ocr_no_image",
                "pages without a usable text layer, but their images could not be taken out of the PDF",
            ));
            return Ok(decoded);
        }
    };
    // "Few letters" pages are OCRed only when they do carry a page image.
    for &i in &few {
        if images.iter().any(|(k, img)| *k == i && img.is_some()) {
            reasons.push((i, "almost no text layer over a page image"));
        }
    }
    images.retain(|(k, _)| reasons.iter().any(|r| r.0 == *k));
    let mut missing = Vec::new();
    let jobs: Vec<PageImage> = images
        .into_iter()
        .filter_map(|(k, img)| {
            if img.is_none() {
                missing.push(k + 1);
            }
            img
        })
        .collect();
    let results = read_pages(jobs, opts.timeout);

    let mut ocr: Vec<Option<super::OcrPage>> = vec![None; texts.len()];
    let mut failures: Vec<DocError> = Vec::new();
    for (page, r) in results {
        match r {
            Ok(mut pages) if !pages.is_empty() => {
                let p = pages.swap_remove(0);
                if let Some(slot) = ocr.get_mut(page as usize - 1) {
                    *slot = Some(p);
                }
            }
            Ok(_) => {}
            Err(e) => failures.push(DocError::new(e.kind, format!("page {page}: {}", e.message))),
        }
    }
    let unusable_without =
        reasons.len() == texts.len() && reasons.iter().all(|(_, r)| *r != "--ocr always");
    if let Some(e) = failures
        .iter()
        .find(|e| e.kind == ErrorKind::OcrUnavailable)
    {
        if unusable_without {
            let message = e
                .message
                .split_once(": ")
                .map_or(e.message.as_str(), |m| m.1);
            return Err(DocError::new(
                ErrorKind::OcrUnavailable,
                message.to_string(),
            ));
        }
    }

    let pages: Vec<PageText> = texts
        .iter()
        .zip(&ocr)
        .map(|(t, o)| match o {
            Some(o) => PageText::Ocr(o),
            None => PageText::Layer(t),
        })
        .collect();
    let (doc, mut warnings) = assemble(&pages);
    // The overlay's text is exact (the signing tool wrote it): kept as
    // evidence of who signed and when, said to come from the overlay.
    for (i, why) in &reasons {
        if why.contains("signature") && ocr.get(*i).is_some_and(Option::is_some) {
            let overlay: Vec<&str> = texts[*i]
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            warnings.push(note(
                "signature_overlay",
                &format!(
                    "page {}: the text layer is a digital-signature overlay, exact as the signing \
                     tool wrote it (the page itself is OCRed): {}",
                    i + 1,
                    overlay.join(" | ")
                ),
            ));
        }
    }
    let read: Vec<super::OcrPage> = ocr.iter().flatten().cloned().collect();
    if read.is_empty() {
        decoded.errors.extend(dedup(failures));
        return Ok(decoded);
    }
    for p in &read {
        let why = reasons
            .iter()
            .find(|r| r.0 + 1 == p.page as usize)
            .map(|r| r.1);
        if let Some(s) = decoded.page_status.get_mut(p.page as usize - 1) {
            *s = if p.layout.zones.is_empty() {
                PageStatus {
                    page: p.page,
                    status: "empty".into(),
                    message: Some(format!("{}; OCR found no text", why.unwrap_or("OCR"))),
                }
            } else {
                page_status(p, why)
            };
        }
    }
    decoded.doc = doc;
    decoded.warnings.retain(|w| w.kind != "empty_pages");
    decoded.warnings.extend(warnings);
    poor_document(&read, &mut decoded.warnings);
    if !missing.is_empty() {
        decoded.warnings.push(note(
            "ocr_no_image",
            &format!("pages {missing:?} need OCR but carry no image that could be taken out"),
        ));
    }
    let any_text = decoded
        .page_status
        .iter()
        .any(|s| s.status == "ok" || s.status == "ocr");
    if any_text {
        decoded.errors.retain(|e| e.kind != ErrorKind::NoTextLayer);
    }
    decoded.errors.extend(dedup(failures));
    let all_ocr = decoded
        .page_status
        .iter()
        .all(|s| s.status == "ocr" || s.status == "empty");
    decoded.backend = if all_ocr {
        super::BACKEND.to_string()
    } else {
        format!("{}+{}", decoded.backend, super::BACKEND)
    };
    Ok(decoded)
}

fn note(kind: &str, message: &str) -> Warning {
    Warning {
        kind: kind.into(),
        message: message.into(),
        start: None,
        end: None,
    }
}

/// One error per kind (a missing Tesseract fails every page alike).
fn dedup(errors: Vec<DocError>) -> Vec<DocError> {
    let mut out: Vec<DocError> = Vec::new();
    for e in errors {
        if !out.iter().any(|o| o.kind == e.kind) {
            out.push(e);
        }
    }
    out
}

/// The image of each wanted page (0-based indexes): taken out of the PDF,
/// or rendered. `None` when the PDF cannot be loaded at all.
fn page_images(
    bytes: &[u8],
    wanted: &[usize],
    timeout: Duration,
) -> Option<Vec<(usize, Option<PageImage>)>> {
    let doc = catch_unwind(|| Document::load_mem(bytes)).ok()?.ok();
    let ids: Vec<ObjectId> = match &doc {
        Some(d) => d.get_pages().values().copied().collect(),
        None => Vec::new(),
    };
    let out = wanted
        .iter()
        .map(|&i| {
            let page = i as u32 + 1;
            let embedded = doc.as_ref().zip(ids.get(i)).and_then(|(d, &id)| {
                catch_unwind(AssertUnwindSafe(|| embedded_image(d, id)))
                    .ok()
                    .flatten()
            });
            let img = match embedded {
                Some(Embedded::Image(bytes, dpi)) => Some(PageImage { page, bytes, dpi }),
                Some(Embedded::Render) => render(bytes, page, timeout),
                None => None,
            };
            (i, img)
        })
        .collect();
    Some(out)
}

enum Embedded {
    /// Bytes Tesseract reads, and the resolution.
    Image(Vec<u8>, Option<u32>),
    /// There is a page image, in an encoding we do not unpack.
    Render,
}

/// The page's largest image, as bytes Tesseract reads.
fn embedded_image(doc: &Document, page: ObjectId) -> Option<Embedded> {
    let (own, inherited) = doc.get_page_resources(page).ok()?;
    let mut dicts: Vec<&Dictionary> = own.into_iter().collect();
    dicts.extend(
        inherited
            .iter()
            .filter_map(|id| doc.get_dictionary(*id).ok()),
    );
    let mut best: Option<(i64, &pdf_extract::Stream)> = None;
    let mut seen = 0;
    for res in dicts {
        let Some(xobjects) = deref_dict(doc, res.get(b"XObject").ok()) else {
            continue;
        };
        for (_, v) in xobjects.iter() {
            seen += 1;
            if seen > 64 {
                break;
            }
            let Ok(id) = v.as_reference() else { continue };
            let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) else {
                continue;
            };
            if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Image") {
                continue;
            }
            let w = int(&stream.dict, b"Width").unwrap_or(0);
            let h = int(&stream.dict, b"Height").unwrap_or(0);
            if w > 0 && h > 0 && best.is_none_or(|(a, _)| w * h > a) {
                best = Some((w * h, stream));
            }
        }
    }
    let (area, stream) = best?;
    if area > MAX_PIXELS {
        return Some(Embedded::Render);
    }
    let w = int(&stream.dict, b"Width")?;
    let h = int(&stream.dict, b"Height")?;
    let dpi = page_width_pt(doc, page).map(|pt| ((w as f64) * 72.0 / pt).round() as u32);
    let filters: Vec<Vec<u8>> = match stream.dict.get(b"Filter") {
        Ok(Object::Name(n)) => vec![n.clone()],
        Ok(Object::Array(a)) => a
            .iter()
            .filter_map(|o| o.as_name().ok().map(<[u8]>::to_vec))
            .collect(),
        _ => vec![],
    };
    match filters.last().map(Vec::as_slice) {
        Some(b"DCTDecode") | Some(b"JPXDecode") if filters.len() == 1 => {
            Some(Embedded::Image(stream.content.clone(), dpi))
        }
        Some(b"FlateDecode") | Some(b"LZWDecode") | None => {
            let raw = stream.decompressed_content().ok()?;
            match pnm(&stream.dict, doc, w, h, &raw) {
                Some(p) => Some(Embedded::Image(p, dpi)),
                None => Some(Embedded::Render),
            }
        }
        _ => Some(Embedded::Render),
    }
}

fn deref_dict<'a>(doc: &'a Document, o: Option<&'a Object>) -> Option<&'a Dictionary> {
    match o? {
        Object::Dictionary(d) => Some(d),
        Object::Reference(id) => doc.get_dictionary(*id).ok(),
        _ => None,
    }
}

fn int(d: &Dictionary, key: &[u8]) -> Option<i64> {
    d.get(key).ok()?.as_i64().ok()
}

/// The page's width in points (its MediaBox, maybe inherited).
fn page_width_pt(doc: &Document, page: ObjectId) -> Option<f64> {
    let mut id = page;
    for _ in 0..32 {
        let d = doc.get_dictionary(id).ok()?;
        if let Ok(b) = d.get(b"MediaBox") {
            let arr = match b {
                Object::Array(a) => a.clone(),
                Object::Reference(r) => doc.get_object(*r).ok()?.as_array().ok()?.clone(),
                _ => return None,
            };
            let n: Vec<f64> = arr
                .iter()
                .filter_map(|o| o.as_float().ok().map(f64::from))
                .collect();
            return (n.len() == 4 && (n[2] - n[0]).abs() > 1.0).then(|| (n[2] - n[0]).abs());
        }
        id = d.get(b"Parent").ok()?.as_reference().ok()?;
    }
    None
}

/// Raw samples as a PNM image: 8-bit gray (P5) or RGB (P6), 1-bit gray (P4).
fn pnm(dict: &Dictionary, doc: &Document, w: i64, h: i64, raw: &[u8]) -> Option<Vec<u8>> {
    let bpc = int(dict, b"BitsPerComponent").unwrap_or(8);
    let cs = match dict.get(b"ColorSpace").ok()? {
        Object::Name(n) => n.clone(),
        Object::Reference(r) => match doc.get_object(*r).ok()? {
            Object::Name(n) => n.clone(),
            Object::Array(a) => icc_or_name(doc, a)?,
            _ => return None,
        },
        Object::Array(a) => icc_or_name(doc, a)?,
        _ => return None,
    };
    let inverted = matches!(dict.get(b"Decode"), Ok(Object::Array(a)) if a.first().and_then(|o| o.as_float().ok()) == Some(1.0));
    let (w, h) = (w as usize, h as usize);
    match (cs.as_slice(), bpc) {
        (b"DeviceGray" | b"G1", 8) if raw.len() >= w * h => {
            let mut out = format!("P5\n{w} {h}\n255\n").into_bytes();
            if inverted {
                out.extend(raw[..w * h].iter().map(|v| 255 - v));
            } else {
                out.extend_from_slice(&raw[..w * h]);
            }
            Some(out)
        }
        (b"DeviceRGB" | b"G3", 8) if raw.len() >= w * h * 3 => {
            let mut out = format!("P6\n{w} {h}\n255\n").into_bytes();
            out.extend_from_slice(&raw[..w * h * 3]);
            Some(out)
        }
        (b"DeviceGray" | b"G1", 1) if raw.len() >= w.div_ceil(8) * h => {
            // PDF: 0 is black; PBM: 1 is black.
            let n = w.div_ceil(8) * h;
            let mut out = format!("P4\n{w} {h}\n").into_bytes();
            if inverted {
                out.extend_from_slice(&raw[..n]);
            } else {
                out.extend(raw[..n].iter().map(|b| !b));
            }
            Some(out)
        }
        _ => None,
    }
}

/// `[/ICCBased stream]` by its component count, else the family name.
fn icc_or_name(doc: &Document, a: &[Object]) -> Option<Vec<u8>> {
    let name = a.first()?.as_name().ok()?;
    if name == b"ICCBased" {
        let id = a.get(1)?.as_reference().ok()?;
        let s = doc.get_object(id).ok()?.as_stream().ok()?;
        return match int(&s.dict, b"N")? {
            1 => Some(b"G1".to_vec()),
            3 => Some(b"G3".to_vec()),
            _ => None,
        };
    }
    Some(name.to_vec())
}

/// Render one page with poppler's `pdftoppm` (grayscale PNG, 300 dpi).
fn render(bytes: &[u8], page: u32, timeout: Duration) -> Option<PageImage> {
    let dir = tempfile::tempdir().ok()?;
    let input = dir.path().join("in.pdf");
    std::fs::write(&input, bytes).ok()?;
    let root = dir.path().join("page");
    let n = page.to_string();
    let mut c = Command::new("pdftoppm")
        .args([
            "-r",
            &RENDER_DPI.to_string(),
            "-gray",
            "-png",
            "-singlefile",
            "-f",
            &n,
            "-l",
            &n,
        ])
        .arg(&input)
        .arg(&root)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    match child::finish(&mut c, None, timeout) {
        Ok(Finished::Exited(s, _)) if s.success() => {}
        _ => return None,
    }
    let png = std::fs::read(root.with_extension("png")).ok()?;
    Some(PageImage {
        page,
        bytes: png,
        dpi: Some(RENDER_DPI),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_needing_ocr() {
        let good = "Ủy ban nhân dân huyện báo cáo kết quả thực hiện chương trình như sau";
        assert_eq!(needs_ocr(good, "ok", OcrMode::Auto), None);
        assert_eq!(needs_ocr(good, "ok", OcrMode::Always), Some("--ocr always"));
        assert_eq!(needs_ocr("", "empty", OcrMode::Never), None);
        assert_eq!(needs_ocr("", "empty", OcrMode::Auto), Some("no text layer"));
        let overlay = "Ký bởi: Văn phòng Ủy ban nhân dân\nThời gian ký: 18.09.2025 16:05:12 +07:00";
        assert!(needs_ocr(overlay, "ok", OcrMode::Auto).is_some_and(|r| r.contains("signature")));
        let garbage =
            "Uû ban nh©n d©n huyÖn b¸o c¸o kÕt qu¶ thùc hiÖn ch\u{AD}¬ng tr×nh nh\u{AD} sau";
        assert!(needs_ocr(garbage, "ok", OcrMode::Auto).is_some_and(|r| r.contains("garbage")));
    }

    #[test]
    fn a_signature_note_inside_a_real_page_is_not_an_overlay() {
        let page = "Ký bởi: Sở Nội vụ\nỦy ban nhân dân huyện báo cáo kết quả thực hiện như sau";
        assert!(!signature_only(page));
    }

    #[test]
    fn gray_and_bilevel_samples_become_pnm() {
        let doc = Document::new();
        let mut d = Dictionary::new();
        d.set("ColorSpace", Object::Name(b"DeviceGray".to_vec()));
        d.set("BitsPerComponent", Object::Integer(8));
        let p = pnm(&d, &doc, 2, 1, &[0, 255]).unwrap();
        assert_eq!(p, b"P5\n2 1\n255\n\x00\xff");
        d.set("BitsPerComponent", Object::Integer(1));
        let p = pnm(&d, &doc, 3, 1, &[0b0100_0000]).unwrap();
        assert_eq!(p, b"P4\n3 1\n\xbf", "PDF 0 (black) is PBM 1");
        assert!(pnm(&d, &doc, 30, 10, &[0]).is_none(), "short data");
    }
}
