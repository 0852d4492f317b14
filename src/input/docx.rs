//! DOCX input: paragraphs, tables and footnotes. (Filled by the DOCX work.)

use super::Decoded;
use crate::output::DocError;
use crate::Options;

pub fn decode(_bytes: &[u8], _opts: &Options) -> Result<Decoded, DocError> {
    Err(DocError::new(
        "unsupported_format",
        "DOCX input is not built yet",
    ))
}
