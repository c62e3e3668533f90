//! Bytes to text: encoding detection (UTF-8 with or without BOM, UTF-16 with or without BOM,
//! GB18030/GBK) and line-ending detection. Decoding never fails silently: bytes that cannot be
//! mapped are counted, and input that is clearly not text is refused with a reason.

use crate::doc::SourceInfo;
use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};

/// GB18030's byte order mark (U+FEFF encoded). encoding_rs knows only the UTF BOMs; without
/// this, the mark would stay in the text as U+FEFF and `--fix` would lose it when re-checking.
const GB18030_BOM: &[u8] = b"\x84\x31\x95\x33";

/// Why bytes could not be read as a disclosure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// NUL bytes or control characters that no text encoding explains.
    Binary { offset: usize },
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Binary { offset } => {
                write!(f, "not a text file: binary data at byte {offset} (expected UTF-8, UTF-16 or GB18030 text)")
            }
        }
    }
}

impl DecodeError {
    /// The reason in Chinese, for the people who read budgetlint's messages.
    pub fn to_string_zh(&self) -> String {
        match self {
            DecodeError::Binary { offset } => format!(
                "不是文本文件：第 {offset} 字节处是二进制数据（应为 UTF-8、UTF-16 或 GB18030 文本）"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decoded text and how it was decoded.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub info: SourceInfo,
    /// The byte offset (in the input) of the first byte that was replaced by U+FFFD, when it
    /// is known (UTF-8 input); `info.replaced_bytes` counts them.
    pub first_replaced: Option<usize>,
}

/// The largest share of invalid bytes among the non-ASCII bytes of a text read as UTF-8
/// (one in a hundred): a UTF-8 file with a few damaged bytes stays UTF-8, with those bytes
/// replaced and reported; GBK/GB18030 text, whose bytes are mostly not valid UTF-8, does not.
pub const MAX_INVALID_UTF8_SHARE: f64 = 0.01;

/// Detects the encoding of `bytes` and decodes them.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    // The common case first: UTF-8 without BOM is validated once and not looked at again.
    // (SIMD validation: decoding is a tenth of the parse for Chinese text with std's validator.)
    if Encoding::for_bom(bytes).is_none() {
        if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
            return finish(text.to_string(), UTF_8, false, 0, None);
        }
    }
    let (encoding, bom_len) = detect(bytes);
    let body = &bytes[bom_len..];
    if encoding == UTF_8 {
        let scan = scan_utf8(body);
        let text = String::from_utf8_lossy(body).into_owned();
        let mut decoded = finish(
            text,
            UTF_8,
            bom_len > 0,
            scan.invalid + scan.cut,
            Some((body, bom_len)),
        )?;
        decoded.first_replaced = scan.first_invalid.map(|o| o + bom_len);
        return Ok(decoded);
    }
    let (text, replaced) = decode_lossy(encoding, body);
    finish(text, encoding, bom_len > 0, replaced, Some((body, bom_len)))
}

/// What a UTF-8 validation of bytes found.
#[derive(Debug, Default, PartialEq, Eq)]
struct Utf8Scan {
    /// Bytes in valid multi-byte sequences.
    multibyte: u32,
    /// Bytes that are not valid UTF-8 (an incomplete sequence at the very end excepted).
    invalid: u32,
    /// Bytes of an incomplete sequence at the very end (a file cut short).
    cut: u32,
    first_invalid: Option<usize>,
}

/// Validates `bytes` as UTF-8 in one pass, counting valid multi-byte and invalid bytes.
fn scan_utf8(bytes: &[u8]) -> Utf8Scan {
    let mut scan = Utf8Scan::default();
    let mut at = 0;
    loop {
        let rest = &bytes[at..];
        let (valid, bad) = match simdutf8::compat::from_utf8(rest) {
            Ok(_) => (rest.len(), None),
            Err(e) => (e.valid_up_to(), Some(e.error_len())),
        };
        scan.multibyte += rest[..valid].iter().filter(|&&b| b >= 0x80).count() as u32;
        match bad {
            None => return scan,
            Some(None) => {
                scan.cut = (rest.len() - valid) as u32;
                scan.first_invalid.get_or_insert(at + valid);
                return scan;
            }
            Some(Some(len)) => {
                scan.first_invalid.get_or_insert(at + valid);
                scan.invalid += len as u32;
                at += valid + len;
            }
        }
    }
}

/// UTF-8 when at most [`MAX_INVALID_UTF8_SHARE`] of the non-ASCII bytes are invalid (and some
/// are valid multi-byte sequences).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let scan = scan_utf8(bytes);
    let non_ascii = scan.multibyte + scan.invalid;
    scan.invalid == 0
        || (scan.multibyte > 0
            && f64::from(scan.invalid) <= MAX_INVALID_UTF8_SHARE * f64::from(non_ascii))
}

/// The decoded text checked for binary data and described. `input` is the decoded body and the
/// length of the BOM before it when the text is not the input itself (valid UTF-8 without BOM
/// is), so that a binary offset is counted in the file's bytes.
fn finish(
    text: String,
    encoding: &'static Encoding,
    had_bom: bool,
    replaced: u32,
    input: Option<(&[u8], usize)>,
) -> Result<Decoded, DecodeError> {
    if let Some(at) = binary_offset(&text) {
        let offset = match input {
            Some((body, bom_len)) => bom_len + body_offset(encoding, body, at),
            None => at,
        };
        return Err(DecodeError::Binary { offset });
    }
    let info = SourceInfo {
        encoding: encoding.name().to_ascii_lowercase(),
        had_bom,
        line_ending: line_ending(&text).to_string(),
        replaced_bytes: replaced,
    };
    Ok(Decoded {
        text,
        info,
        first_replaced: None,
    })
}

/// The offset in `body` of the first byte of the character that starts at `text_offset` in
/// its decoding: the body is decoded again byte by byte until the text reaches that character
/// (only on the way to an error, so the plain loop is fine).
fn body_offset(encoding: &'static Encoding, body: &[u8], text_offset: usize) -> usize {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(text_offset + 16);
    let mut char_start = 0;
    for (i, byte) in body.iter().enumerate() {
        let before = text.len();
        text.reserve(16);
        let _ = decoder.decode_to_string(std::slice::from_ref(byte), &mut text, false);
        if text.len() > text_offset {
            return char_start;
        }
        if text.len() > before {
            char_start = i + 1;
        }
    }
    body.len()
}

fn decode_lossy(encoding: &'static Encoding, body: &[u8]) -> (String, u32) {
    let (text, _) = encoding.decode_without_bom_handling(body);
    let replaced = text.matches('\u{FFFD}').count() as u32;
    (text.into_owned(), replaced)
}

/// Picks the encoding: a BOM wins; then valid UTF-8; then UTF-16 recognised by its zero bytes;
/// then UTF-8 when at most [`MAX_INVALID_UTF8_SHARE`] of its non-ASCII bytes are invalid (a
/// file cut in the middle of a character, or with a few damaged bytes, is still UTF-8); then
/// GB18030 (a superset of GBK and GB2312).
///
/// Hand-written rather than `chardetng`: the candidates are closed (a disclosure is UTF-8,
/// UTF-16 or GB18030), while chardetng guesses among every legacy web encoding and may name
/// Big5, Shift_JIS or EUC-KR for a short Chinese text, which would garble it; this rule is
/// deterministic and cannot pick an encoding a disclosure is never in.
fn detect(bytes: &[u8]) -> (&'static Encoding, usize) {
    if let Some((enc, len)) = Encoding::for_bom(bytes) {
        return (enc, len);
    }
    if bytes.starts_with(GB18030_BOM) {
        return (GB18030, GB18030_BOM.len());
    }
    if simdutf8::basic::from_utf8(bytes).is_ok() {
        return (UTF_8, 0);
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        return (enc, 0);
    }
    if mostly_utf8(bytes) {
        return (UTF_8, 0);
    }
    (GB18030, 0)
}

fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    let even_zero = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_zero = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    // GB18030 and UTF-8 text never contain zero bytes; UTF-16 text does for every ASCII
    // character (newlines, digits), all on one side of the pair.
    if odd_zero >= 2 && odd_zero >= 4 * even_zero.max(1) && even_zero * 10 < pairs {
        return Some(UTF_16LE);
    }
    if even_zero >= 2 && even_zero >= 4 * odd_zero.max(1) && odd_zero * 10 < pairs {
        return Some(UTF_16BE);
    }
    None
}

/// The offset of the first character that text files do not contain, when there are many of them.
fn binary_offset(text: &str) -> Option<usize> {
    // Fast path on bytes: C0 controls other than white space, and DEL. (C1 controls are two-byte
    // sequences starting with 0xC2 and are checked only when this finds nothing suspicious.)
    // (Branch-free within 64-byte chunks, so that it vectorises.)
    let is_suspicious = |b: u8| {
        (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)) | (b == 0x7f) | (b == 0xc2)
    };
    let suspicious = text
        .as_bytes()
        .chunks(64)
        .any(|chunk| chunk.iter().fold(false, |acc, &b| acc | is_suspicious(b)));
    if !suspicious {
        return None;
    }
    let mut first = None;
    let mut count = 0usize;
    for (i, c) in text.char_indices() {
        if c == '\0' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}' | '\u{b}')) {
            first.get_or_insert(i);
            count += 1;
        }
    }
    let first = first?;
    // A stray control character in a real document is tolerated; a NUL or many controls are not.
    (text.as_bytes().contains(&0) || count * 100 > text.len().max(1)).then_some(first)
}

fn line_ending(text: &str) -> &'static str {
    // One pass over the line breaks: each '\n' is LF or the end of a CRLF; each '\r' not
    // followed by '\n' is a lone CR.
    let bytes = text.as_bytes();
    let (mut crlf, mut lf, mut cr) = (0usize, 0usize, 0usize);
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        match (bytes[i], bytes.get(i + 1)) {
            (b'\r', Some(b'\n')) => crlf += 1,
            (b'\r', _) => cr += 1,
            _ if i > 0 && bytes[i - 1] == b'\r' => {}
            _ => lf += 1,
        }
    }
    match (crlf > 0, lf > 0, cr > 0) {
        (false, false, false) | (false, true, false) => "lf",
        (true, false, false) => "crlf",
        (false, false, true) => "cr",
        _ => "mixed",
    }
}

/// Encodes `text` back into the named encoding (for writing fixes in the original encoding).
pub fn encode(text: &str, info: &SourceInfo) -> Vec<u8> {
    let encoding = Encoding::for_label(info.encoding.as_bytes()).unwrap_or(UTF_8);
    let mut out = Vec::with_capacity(text.len() + 3);
    if info.had_bom {
        match encoding.name() {
            "UTF-8" => out.extend_from_slice(b"\xEF\xBB\xBF"),
            "UTF-16LE" => out.extend_from_slice(b"\xFF\xFE"),
            "UTF-16BE" => out.extend_from_slice(b"\xFE\xFF"),
            "gb18030" => out.extend_from_slice(GB18030_BOM),
            _ => {}
        }
    }
    if encoding == UTF_16LE || encoding == UTF_16BE {
        let le = encoding == UTF_16LE;
        for unit in text.encode_utf16() {
            out.extend_from_slice(&if le {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            });
        }
    } else {
        let (bytes, _, _) = encoding.encode(text);
        out.extend_from_slice(&bytes);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_each_encoding() {
        let text = "魏县社保中心2021年部门预算\r\n合计10785.51万元\r\n";
        let gbk = GB18030.encode(text).0.into_owned();
        let d = decode(&gbk).unwrap();
        assert_eq!(
            (
                d.text.as_str(),
                d.info.encoding.as_str(),
                d.info.line_ending.as_str()
            ),
            (text, "gb18030", "crlf")
        );

        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        let d = decode(&bom).unwrap();
        assert!(d.info.had_bom);
        assert_eq!(d.text, text);

        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let d = decode(&le).unwrap();
        assert_eq!(
            (d.text.as_str(), d.info.encoding.as_str()),
            (text, "utf-16le")
        );
        assert_eq!(encode(&d.text, &d.info), le);
    }

    #[test]
    fn a_gb18030_bom_is_recorded_and_written_back() {
        let text = "魏县社保中心2021年部门预算\r\n";
        let mut bytes = GB18030_BOM.to_vec();
        bytes.extend_from_slice(&GB18030.encode(text).0);
        let d = decode(&bytes).unwrap();
        assert_eq!(
            (d.text.as_str(), d.info.encoding.as_str(), d.info.had_bom),
            (text, "gb18030", true)
        );
        assert_eq!(encode(&d.text, &d.info), bytes);
    }

    #[test]
    fn line_endings() {
        assert_eq!(line_ending("a\r\nb\r\n"), "crlf");
        assert_eq!(line_ending("a\nb\n"), "lf");
        assert_eq!(line_ending("a\rb\r"), "cr");
        assert_eq!(line_ending("a\r\nb\n"), "mixed");
        assert_eq!(line_ending("a\rb\n"), "mixed");
        assert_eq!(line_ending("\r"), "cr");
        assert_eq!(line_ending("no break"), "lf");
    }

    #[test]
    fn refuses_binary() {
        let bytes = [
            0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0x3e, 0,
        ];
        assert!(matches!(decode(&bytes), Err(DecodeError::Binary { .. })));
    }

    /// The offset of binary data counts the file's bytes, whatever the encoding: Chinese text
    /// (three bytes a character in UTF-8, two in GB18030 and UTF-16) before a run of control
    /// bytes.
    #[test]
    fn the_binary_offset_counts_file_bytes() {
        let prose = "部门预算说明".repeat(20);
        let controls: String = (1u8..9).map(char::from).collect::<String>().repeat(8);
        let text = format!("{prose}{controls}");
        let at_utf8 = prose.len();
        let binary_at = |bytes: &[u8]| match decode(bytes) {
            Err(DecodeError::Binary { offset }) => offset,
            other => panic!("not refused: {other:?}"),
        };
        assert_eq!(binary_at(text.as_bytes()), at_utf8);
        let with_bom = [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat();
        assert_eq!(binary_at(&with_bom), at_utf8 + 3);
        let gbk = GB18030.encode(&text).0.into_owned();
        assert_eq!(binary_at(&gbk), prose.chars().count() * 2);
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(binary_at(&utf16), 2 + prose.chars().count() * 2);
    }

    /// A case: name, bytes, encoding, and for UTF-8 the replaced bytes and the first one's
    /// offset.
    type DamagedCase = (&'static str, Vec<u8>, &'static str, u32, Option<usize>);

    fn damaged_cases() -> Vec<DamagedCase> {
        let seed = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/seeds/000_b6be87d832f84f2b.txt"
        ))
        .unwrap();
        let text = String::from_utf8(seed.clone()).unwrap();
        let gbk = GB18030.encode(&text).0.into_owned();
        // One byte flipped: the lead byte of the 100th character that is not ASCII (its two
        // continuation bytes are then stray too: three bytes replaced).
        let at = text
            .char_indices()
            .filter(|(_, c)| !c.is_ascii())
            .nth(100)
            .unwrap()
            .0;
        let mut flipped = seed.clone();
        flipped[at] = 0xFF;
        // Three stray bytes in three places.
        let mut stray = seed.clone();
        for (k, frac) in [3usize, 5, 7].iter().enumerate() {
            let i = crate::span::floor_char_boundary(&text, seed.len() * frac / 10);
            stray.insert(i + k, 0x80);
        }
        let first_stray = crate::span::floor_char_boundary(&text, seed.len() * 3 / 10);
        // Half GBK, half UTF-8: mostly neither, read as GB18030 as before.
        let mut mixed = gbk[..gbk.len() / 2].to_vec();
        mixed.extend_from_slice(&seed[seed.len() / 2..]);
        vec![
            ("seed", seed.clone(), "utf-8", 0, None),
            ("seed with one byte flipped", flipped, "utf-8", 3, Some(at)),
            (
                "seed with three stray bytes",
                stray,
                "utf-8",
                3,
                Some(first_stray),
            ),
            ("GBK seed", gbk, "gb18030", 0, None),
            ("half GBK, half UTF-8", mixed, "gb18030", 0, None),
        ]
    }

    #[test]
    fn a_few_invalid_bytes_keep_utf8_and_are_reported() {
        for (name, bytes, encoding, replaced, first) in damaged_cases() {
            let d = decode(&bytes).unwrap();
            assert_eq!(d.info.encoding, encoding, "{name}");
            if encoding == "utf-8" {
                assert_eq!(
                    (d.info.replaced_bytes, d.first_replaced),
                    (replaced, first),
                    "{name}"
                );
                assert_eq!(
                    d.text.matches('\u{FFFD}').count() as u32,
                    replaced,
                    "{name}"
                );
            }
        }
    }

    #[test]
    fn empty_and_truncated_inputs_decode() {
        assert_eq!(decode(b"").unwrap().text, "");
        let cut = &"合计".as_bytes()[..4];
        let d = decode(cut).unwrap();
        assert!(d.text.starts_with('合'));
    }
}
