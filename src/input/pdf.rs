//! PDF input through `pdf-extract`, page by page. (Filled by the PDF work.)

use super::Decoded;
use crate::output::DocError;
use crate::Options;

pub fn decode(_bytes: &[u8], _opts: &Options) -> Result<Decoded, DocError> {
    Err(DocError::new(
        "unsupported_format",
        "PDF input is not built yet",
    ))
}

/// Entry point of the isolated PDF worker process (`baocao __pdf-worker`).
pub fn worker_main() -> u8 {
    2
}
