//! Plain text and Markdown: decoded by the model's decoder (UTF-8, UTF-16, GB18030). Text that
//! `pdftotext -layout` printed keeps its form feeds, so its pages are known, and its layout is
//! rebuilt into paragraphs and tables (`layout`), with the map back to the file's own text.

use crate::{layout, Format, Note, Origin, ReadError, Reading, SourceMap};

pub fn read(bytes: &[u8]) -> Result<Reading, ReadError> {
    let decoded = budgetlint_model::decode(bytes)
        .map_err(|e| ReadError::new(Format::Text, e.to_string()).zh(e.to_string_zh()))?;
    let notes = replaced_note(&decoded).into_iter().collect();
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
        notes,
        origin,
    })
}

/// A sentence about the bytes the decoder replaced, if any.
fn replaced_note(decoded: &budgetlint_model::decode::Decoded) -> Option<Note> {
    let count = decoded.info.replaced_bytes;
    if count == 0 {
        return None;
    }
    let (what, they) = if count == 1 {
        ("byte is", "it was")
    } else {
        ("bytes are", "they were")
    };
    let encoding = decoded.info.encoding.to_uppercase();
    Some(match decoded.first_replaced {
        Some(at) => Note::new(
            format!("{count} {what} not valid {encoding} (first at byte {at}); {they} replaced by U+FFFD"),
            format!("有 {count} 个字节不是有效的 {encoding}（第一个在第 {at} 字节）；已替换为 U+FFFD"),
        ),
        None => Note::new(
            format!("{count} {what} not valid {encoding}; {they} replaced by U+FFFD"),
            format!("有 {count} 个字节不是有效的 {encoding}；已替换为 U+FFFD"),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaced_bytes_are_noted_with_the_first_offset() {
        let damaged = |at: usize| {
            let mut b = format!("合计10785.51{}\n", "万元".repeat(30)).into_bytes();
            b.insert(at, 0xFF);
            b
        };
        // (bytes, the notes)
        let cases: Vec<(Vec<u8>, &[&str])> = vec![
            (damaged(0)[1..].to_vec(), &[]),
            (
                damaged(6),
                &["1 byte is not valid UTF-8 (first at byte 6); it was replaced by U+FFFD"],
            ),
        ];
        for (bytes, notes) in cases {
            let got = read(&bytes).unwrap().notes;
            let english: Vec<&str> = got.iter().map(|n| n.en.as_str()).collect();
            assert_eq!(english, notes, "{bytes:?}");
        }
        let note = read(&damaged(6)).unwrap().notes;
        assert_eq!(
            note[0].zh,
            "有 1 个字节不是有效的 UTF-8（第一个在第 6 字节）；已替换为 U+FFFD"
        );
    }
}
