//! HTML pages (government web sites): paragraphs and tables in reading order.

use crate::{Format, ReadError, Reading};

/// Whether the first bytes of a file look like an HTML page (after a BOM and white space).
pub fn looks_like_html(head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let lower: Vec<u8> = head[start..]
        .iter()
        .take(64)
        .map(u8::to_ascii_lowercase)
        .collect();
    lower.starts_with(b"<!doctype html")
        || lower.starts_with(b"<html")
        || lower.starts_with(b"<head")
        || lower.starts_with(b"<meta")
}

pub fn read(_bytes: &[u8]) -> Result<Reading, ReadError> {
    Err(ReadError::new(
        Format::Html,
        "HTML pages cannot be read yet",
    ))
}
