//! The encoding of a page: a byte order mark; else the `<meta charset>` (or `http-equiv`
//! content type) in the first [`PRESCAN`] bytes; else UTF-8 when the bytes are valid UTF-8;
//! else GB18030 (a superset of GBK and GB2312, which Chinese sites use).
//!
//! One exception to the declaration: a page whose bytes are valid UTF-8 with multi-byte
//! characters is read as UTF-8 even when its `<meta>` names another encoding. Pages saved again
//! by a crawler or an editor keep their old `<meta charset=gbk>`, and GBK text is practically
//! never valid UTF-8, so the bytes are the better witness.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};
use memchr::memmem;

/// How far the declaration is looked for. Browsers look at 1024 bytes; pages with long
/// `<script>` blocks first put it later, and a few more KB cost nothing.
pub const PRESCAN: usize = 8 * 1024;

/// The decoded text, the encoding's name (lower case), whether there was a BOM, and how
/// many characters could not be decoded.
pub struct Decoded {
    pub text: String,
    pub encoding: String,
    pub had_bom: bool,
    pub replaced: u32,
}

pub fn decode(bytes: &[u8]) -> Decoded {
    let (encoding, bom_len) = match Encoding::for_bom(bytes) {
        Some(found) => found,
        None => (choose(bytes), 0),
    };
    let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
    let replaced = if text.contains('\u{fffd}') {
        text.matches('\u{fffd}').count() as u32
    } else {
        0
    };
    Decoded {
        text: text.into_owned(),
        encoding: encoding.name().to_ascii_lowercase(),
        had_bom: bom_len > 0,
        replaced,
    }
}

/// The encoding of `bytes` without a BOM (see the module documentation).
fn choose(bytes: &[u8]) -> &'static Encoding {
    let utf8 = std::str::from_utf8(bytes).is_ok();
    match declared(&bytes[..bytes.len().min(PRESCAN)]) {
        Some(_) if utf8 && !bytes.is_ascii() => UTF_8,
        Some(enc) => enc,
        None if utf8 => UTF_8,
        None => GB18030,
    }
}

/// The encoding a `<meta>` in `head` declares. (An HTML page that declares UTF-16 is read as
/// UTF-8, as browsers do: a page whose bytes were UTF-16 would have had a BOM.)
fn declared(head: &[u8]) -> Option<&'static Encoding> {
    let lower = head.to_ascii_lowercase();
    for at in memmem::find_iter(&lower, b"<meta") {
        let end = memchr::memchr(b'>', &lower[at..]).map_or(lower.len(), |i| at + i);
        let Some(label) = charset_label(&lower[at..end]) else {
            continue;
        };
        if let Some(enc) = Encoding::for_label(label) {
            return Some(if enc == UTF_16LE || enc == UTF_16BE {
                UTF_8
            } else {
                enc
            });
        }
    }
    None
}

/// The label after `charset=` in a lower-cased `<meta …` tag: `<meta charset="gbk">` and
/// `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">` alike.
fn charset_label(tag: &[u8]) -> Option<&[u8]> {
    let at = memmem::find(tag, b"charset")? + "charset".len();
    let rest = &tag[at..];
    let rest = &rest[rest.iter().position(|b| !b.is_ascii_whitespace())?..];
    let rest = rest.strip_prefix(b"=")?;
    let start = rest
        .iter()
        .position(|b| !b.is_ascii_whitespace() && !matches!(b, b'"' | b'\''))?;
    let rest = &rest[start..];
    let len = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':')))
        .unwrap_or(rest.len());
    (len > 0).then_some(&rest[..len])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations_are_found() {
        assert_eq!(
            declared(b"<html><head><meta charset=\"GBK\">"),
            Some(encoding_rs::GBK)
        );
        assert_eq!(
            declared(b"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=gb2312\" />"),
            Some(encoding_rs::GBK)
        );
        assert_eq!(declared(b"<meta charset=utf-16>"), Some(UTF_8));
        assert_eq!(declared(b"<meta name=x content=y><p>charset=gbk</p>"), None);
        assert_eq!(declared(b"<meta charset=>"), None);
    }

    #[test]
    fn valid_utf8_wins_over_a_stale_declaration() {
        let page = "<meta charset=gbk><p>预算</p>";
        assert_eq!(decode(page.as_bytes()).text, page);
        assert_eq!(decode(page.as_bytes()).encoding, "utf-8");
    }
}
