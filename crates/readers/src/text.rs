//! Plain text and Markdown: decoded by the model's decoder (UTF-8, UTF-16, GB18030). Text that
//! `pdftotext -layout` printed keeps its form feeds, so its pages are known, and its layout is
//! rebuilt into paragraphs and tables (`layout`), with the map back to the file's own text.

use crate::{layout, Format, Origin, ReadError, Reading, SourceMap};

pub fn read(bytes: &[u8]) -> Result<Reading, ReadError> {
    let decoded =
        budgetlint_model::decode(bytes).map_err(|e| ReadError::new(Format::Text, e.to_string()))?;
    let places = SourceMap::pages_from_form_feeds(&decoded.text);
    let (text, origin) = if layout::looks_like_layout(&decoded.text) {
        let (text, map) = layout::normalize(&decoded.text);
        (
            text,
            Some(Origin {
                text: decoded.text,
                map,
            }),
        )
    } else {
        (decoded.text, None)
    };
    Ok(Reading {
        format: Format::Text,
        text,
        source: decoded.info,
        places,
        notes: Vec::new(),
        origin,
    })
}
