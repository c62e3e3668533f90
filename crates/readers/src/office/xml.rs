//! Small helpers over quick-xml events shared by the DOCX and XLSX readers.

use quick_xml::events::{BytesRef, BytesStart};

/// The value of the attribute whose local name is `name` (`w:val` → `val`). Attributes after a
/// malformed one are not read: a damaged tag gives what it can and no more.
pub fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .map_while(Result::ok)
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// The text an entity or character reference stands for (`&amp;` → `&`, `&#x4E00;` → `一`).
/// Unknown entities stand for nothing: Office files declare none.
pub fn reference(r: &BytesRef<'_>) -> Option<String> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Some(c.to_string());
    }
    let name = r.clone().into_inner();
    quick_xml::escape::resolve_predefined_entity(&name).map(str::to_string)
}

/// A part's bytes as text: Office writes UTF-8; anything else is read lossily rather than
/// refused, since the XML parser then reports what it cannot parse.
pub fn part_text(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    String::from_utf8_lossy(bytes)
}
