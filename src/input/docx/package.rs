//! The DOCX container: a zip of XML parts tied together by relationships.
//!
//! Everything here treats the archive as hostile: each part is read through a
//! limit on its *decompressed* size (the sizes in the zip directory can lie),
//! so a zip bomb costs at most the limit, never the machine's memory.

use std::io::{Cursor, Read};

use quick_xml::events::Event;
use quick_xml::Reader;

use crate::output::{DocError, ErrorKind};

/// The main document part when the package relationships do not say.
const DEFAULT_DOCUMENT: &str = "word/document.xml";
/// Relationship type suffixes (transitional and strict OOXML share the tail).
const REL_OFFICE_DOCUMENT: &str = "/officeDocument";
const REL_FOOTNOTES: &str = "/footnotes";
const REL_ENDNOTES: &str = "/endnotes";
const REL_NUMBERING: &str = "/numbering";
const REL_STYLES: &str = "/styles";

/// The error every container problem maps to.
pub fn corrupt(message: impl Into<String>) -> DocError {
    DocError::new(ErrorKind::CorruptDocx, message)
}

/// An opened DOCX package.
pub struct Package<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// Largest decompressed size accepted for one part.
    part_limit: u64,
}

/// The parts that carry text, located through the relationships.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parts {
    pub document: String,
    pub footnotes: Option<String>,
    pub endnotes: Option<String>,
    pub numbering: Option<String>,
    pub styles: Option<String>,
}

impl<'a> Package<'a> {
    pub fn open(bytes: &'a [u8], part_limit: u64) -> Result<Self, DocError> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| corrupt(format!("not a valid zip archive: {e}")))?;
        Ok(Package { zip, part_limit })
    }

    /// Whether the archive holds a part of this name.
    pub fn has(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// Read one part as text, refusing more than the limit of decompressed bytes.
    /// `Ok(None)` when the part does not exist.
    pub fn read(&mut self, name: &str) -> Result<Option<String>, DocError> {
        let limit = self.part_limit;
        let mut file = match self.zip.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(zip::result::ZipError::UnsupportedArchive(m)) => {
                return Err(corrupt(format!("{name}: unsupported zip entry: {m}")))
            }
            Err(e) => return Err(corrupt(format!("{name}: {e}"))),
        };
        let over = || {
            corrupt(format!(
                "{name}: decompresses to more than {limit} bytes (zip bomb?); limit is --max-part-bytes"
            ))
        };
        if file.size() > limit {
            return Err(over());
        }
        let mut buf = Vec::with_capacity(file.size().min(limit) as usize);
        (&mut file)
            .take(limit + 1)
            .read_to_end(&mut buf)
            .map_err(|e| corrupt(format!("{name}: cannot decompress: {e}")))?;
        if buf.len() as u64 > limit {
            return Err(over());
        }
        decode_xml_bytes(name, buf).map(Some)
    }

    /// Find the main document, footnotes and endnotes parts.
    pub fn parts(&mut self) -> Result<Parts, DocError> {
        let document = self
            .read("_rels/.rels")?
            .and_then(|rels| target_of(&rels, "", REL_OFFICE_DOCUMENT))
            .filter(|p| self.has(p))
            .unwrap_or_else(|| DEFAULT_DOCUMENT.to_string());
        if !self.has(&document) {
            return Err(corrupt(format!(
                "not a DOCX: the zip has no {DEFAULT_DOCUMENT} (another zip-based format?)"
            )));
        }
        let (dir, file) = match document.rsplit_once('/') {
            Some((d, f)) => (d.to_string(), f.to_string()),
            None => (String::new(), document.clone()),
        };
        let rels_name = if dir.is_empty() {
            format!("_rels/{file}.rels")
        } else {
            format!("{dir}/_rels/{file}.rels")
        };
        let rels = self.read(&rels_name)?;
        let find = |suffix: &str, fallback: &str| -> Option<String> {
            rels.as_deref()
                .and_then(|r| target_of(r, &dir, suffix))
                .filter(|p| self.has(p))
                .or_else(|| {
                    let f = resolve(&dir, fallback);
                    self.has(&f).then_some(f)
                })
        };
        let footnotes = find(REL_FOOTNOTES, "footnotes.xml");
        let endnotes = find(REL_ENDNOTES, "endnotes.xml");
        let numbering = find(REL_NUMBERING, "numbering.xml");
        let styles = find(REL_STYLES, "styles.xml");
        Ok(Parts {
            document,
            footnotes,
            endnotes,
            numbering,
            styles,
        })
    }
}

/// XML parts are UTF-8 in practice; UTF-16 with a BOM is allowed by the
/// standard and decoded too. Anything else is damage.
fn decode_xml_bytes(name: &str, buf: Vec<u8>) -> Result<String, DocError> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(&buf) {
        if enc != encoding_rs::UTF_8 {
            let (s, _, bad) = enc.decode(&buf[bom..]);
            if bad {
                return Err(corrupt(format!("{name}: invalid {} text", enc.name())));
            }
            return Ok(s.into_owned());
        }
        return String::from_utf8(buf[bom..].to_vec())
            .map_err(|_| corrupt(format!("{name}: XML is not valid UTF-8")));
    }
    String::from_utf8(buf).map_err(|_| corrupt(format!("{name}: XML is not valid UTF-8")))
}

/// The target of the first relationship whose type ends with `type_suffix`,
/// resolved against `base_dir` into a zip entry name. A malformed relationships
/// part is ignored (the conventional names are tried next).
fn target_of(rels: &str, base_dir: &str, type_suffix: &str) -> Option<String> {
    let mut reader = Reader::from_str(rels);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e))
                if e.local_name().as_ref() == b"Relationship" =>
            {
                let mut ty = None;
                let mut target = None;
                let mut external = false;
                for a in e.attributes().flatten() {
                    let v = a.unescape_value().ok()?.into_owned();
                    match a.key.local_name().as_ref() {
                        b"Type" => ty = Some(v),
                        b"Target" => target = Some(v),
                        b"TargetMode" => external = v == "External",
                        _ => {}
                    }
                }
                if let (Some(ty), Some(t), false) = (ty, target, external) {
                    if ty.ends_with(type_suffix) {
                        return Some(resolve(base_dir, &t));
                    }
                }
            }
            Ok(Event::Eof) | Err(_) => return None,
            Ok(_) => {}
        }
    }
}

/// Join a relationship target to its base folder, handling `/abs`, `./` and `../`.
fn resolve(base_dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        base_dir.split('/').filter(|s| !s.is_empty()).collect()
    };
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_targets() {
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
        assert_eq!(resolve("", "/word/document.xml"), "word/document.xml");
        assert_eq!(resolve("word", "footnotes.xml"), "word/footnotes.xml");
        assert_eq!(resolve("word", "../custom/notes.xml"), "custom/notes.xml");
        assert_eq!(resolve("word", "./notes.xml"), "word/notes.xml");
    }

    #[test]
    fn finds_relationship_by_type() {
        let rels = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="notes/fn.xml"/>
</Relationships>"#;
        assert_eq!(
            target_of(rels, "word", REL_FOOTNOTES).as_deref(),
            Some("word/notes/fn.xml")
        );
        assert_eq!(target_of(rels, "word", REL_ENDNOTES), None);
        assert_eq!(target_of("<broken", "word", REL_FOOTNOTES), None);
    }

    #[test]
    fn utf16_parts_are_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "<a>Việt</a>".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode_xml_bytes("x", bytes).unwrap(), "<a>Việt</a>");
        assert!(decode_xml_bytes("x", vec![0xC3, 0x28]).is_err());
    }
}
