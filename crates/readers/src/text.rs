//! Plain text and Markdown: decoded by the model's decoder (UTF-8, UTF-16, GB18030). Text that
//! `pdftotext` printed keeps its form feeds, so its pages are known.

use crate::{Format, ReadError, Reading, SourceMap};

pub fn read(bytes: &[u8]) -> Result<Reading, ReadError> {
    let decoded =
        budgetlint_model::decode(bytes).map_err(|e| ReadError::new(Format::Text, e.to_string()))?;
    let places = SourceMap::pages_from_form_feeds(&decoded.text);
    Ok(Reading {
        format: Format::Text,
        text: decoded.text,
        source: decoded.info,
        places,
        notes: Vec::new(),
    })
}
