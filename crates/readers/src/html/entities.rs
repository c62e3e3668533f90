//! Character references: numeric ones, and the named ones that Chinese government pages use.
//! An unknown name is left as written (it may be text such as `&c`), so nothing is lost.

use memchr::memchr;

/// Named references that are recognised. The first five may lack their `;` (old pages write
/// `&nbsp` and browsers accept it); the others need it.
const NAMED: [(&str, char); 24] = [
    ("nbsp", '\u{a0}'),
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("ensp", '\u{2002}'),
    ("emsp", '\u{2003}'),
    ("thinsp", '\u{2009}'),
    ("yen", '¥'),
    ("middot", '·'),
    ("mdash", '—'),
    ("ndash", '–'),
    ("hellip", '…'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("times", '×'),
    ("divide", '÷'),
    ("copy", '©'),
    ("reg", '®'),
    ("deg", '°'),
    ("permil", '‰'),
];

/// How many entries of [`NAMED`] may be written without `;`.
const LEGACY: usize = 5;

/// Appends `s` to `out` with its character references decoded.
pub fn decode_into(out: &mut String, s: &str) {
    let b = s.as_bytes();
    let mut at = 0;
    while let Some(i) = memchr(b'&', &b[at..]) {
        let amp = at + i;
        out.push_str(&s[at..amp]);
        match reference(&s[amp + 1..]) {
            Some((c, len)) => {
                out.push(c);
                at = amp + 1 + len;
            }
            None => {
                out.push('&');
                at = amp + 1;
            }
        }
    }
    out.push_str(&s[at..]);
}

/// The character of the reference at the start of `s` (after the `&`) and its length.
fn reference(s: &str) -> Option<(char, usize)> {
    if let Some(num) = s.strip_prefix('#') {
        let (c, len) = numeric(num)?;
        return Some((c, len + 1));
    }
    let name_len = s
        .bytes()
        .take(8)
        .take_while(u8::is_ascii_alphanumeric)
        .count();
    let name = &s[..name_len];
    if let Some((i, &(_, c))) = NAMED.iter().enumerate().find(|(_, (n, _))| *n == name) {
        if s[name_len..].starts_with(';') {
            return Some((c, name_len + 1));
        }
        return (i < LEGACY).then_some((c, name_len));
    }
    // As in browsers, a legacy name is recognised at the start of a longer word (`&nbspx`).
    NAMED[..LEGACY]
        .iter()
        .find(|(n, _)| name.starts_with(n))
        .map(|&(n, c)| (c, n.len()))
}

/// `123;` or `x1F;` (the `;` may be missing): the character and the length read.
fn numeric(s: &str) -> Option<(char, usize)> {
    let (radix, digits_at) = if s.starts_with(['x', 'X']) {
        (16, 1)
    } else {
        (10, 0)
    };
    let digits = s[digits_at..]
        .bytes()
        .take_while(|b| {
            if radix == 16 {
                b.is_ascii_hexdigit()
            } else {
                b.is_ascii_digit()
            }
        })
        .count();
    if digits == 0 {
        return None;
    }
    // Overlong numbers are out of range anyway; parsing only the first eight digits keeps them
    // from overflowing.
    let code = u32::from_str_radix(&s[digits_at..digits_at + digits.min(8)], radix).ok()?;
    let len = digits_at + digits + usize::from(s[digits_at + digits..].starts_with(';'));
    Some((code_point(code), len))
}

/// The character a numeric reference stands for, with the HTML rules: 0x80–0x9F are read as
/// Windows-1252 (pages exported from old editors write `&#150;` for a dash), and what is no
/// character becomes U+FFFD.
fn code_point(code: u32) -> char {
    const CP1252: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match code {
        0 => '\u{fffd}',
        0x80..=0x9f => CP1252[(code - 0x80) as usize],
        _ => char::from_u32(code).unwrap_or('\u{fffd}'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(s: &str) -> String {
        let mut out = String::new();
        decode_into(&mut out, s);
        out
    }

    #[test]
    fn named_and_numeric_references() {
        assert_eq!(
            decode("a&nbsp;b&amp;c&lt;&gt;&quot;&apos;"),
            "a\u{a0}b&c<>\"'"
        );
        assert_eq!(
            decode("&#20013;&#x6587;&#X6587&#150;&#0;&#xD800;"),
            "中文文–\u{fffd}\u{fffd}"
        );
        assert_eq!(
            decode("&ldquo;三公&rdquo;&mdash;&hellip;&yen;&times;&middot;"),
            "“三公”—…¥×·"
        );
        assert_eq!(decode("&nbsp&ampx"), "\u{a0}&x");
    }

    #[test]
    fn unknown_references_stay_as_written() {
        assert_eq!(
            decode("&unknown; &c &ldquo &# &#x; &"),
            "&unknown; &c &ldquo &# &#x; &"
        );
        assert_eq!(decode("&#99999999999;"), "\u{fffd}");
    }
}
