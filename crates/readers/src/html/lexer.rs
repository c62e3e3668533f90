//! A forgiving, linear-time HTML tokenizer: text, start tags with their attributes, end tags,
//! and the raw content of script-like elements. Comments, CDATA sections, doctypes and
//! processing instructions are skipped. No recursion, and every scan that can be long (text,
//! quoted attribute values, comments, raw text) is a `memchr` search, so a 3 MB `data:` URL in
//! an attribute costs one search and is never copied.
//!
//! Malformed input never fails: an unclosed tag or comment ends at the end of the input, and a
//! `<` that cannot start a tag is text.

use memchr::{memchr, memmem};

/// One attribute: name (as written) and raw value (entities not decoded; empty when absent).
pub type Attr<'a> = (&'a str, &'a str);

#[derive(Debug, PartialEq, Eq)]
pub enum Token<'a> {
    Text(&'a str),
    Start {
        name: String,
        attrs: Vec<Attr<'a>>,
        self_closing: bool,
    },
    End {
        name: String,
    },
    /// The content of a raw-text element (script, style, title, textarea…) up to its end tag.
    Raw(&'a str),
}

/// Elements whose content is not markup: the tokenizer reads it as one piece up to the
/// matching end tag, as browsers do, so that `<` and `</div>` inside a script are not tags.
const RAW_TEXT: [&str; 10] = [
    "script",
    "style",
    "title",
    "textarea",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// Whether `name` (lower case) is read as raw text.
pub fn is_raw_text(name: &str) -> bool {
    RAW_TEXT.contains(&name)
}

pub struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    /// Set after the start tag of a raw-text element: the name whose end tag ends the raw text.
    raw_until: Option<String>,
}

impl<'a> Lexer<'a> {
    pub fn new(src: &'a str) -> Lexer<'a> {
        Lexer {
            src,
            pos: 0,
            raw_until: None,
        }
    }

    fn bytes(&self) -> &'a [u8] {
        self.src.as_bytes()
    }

    /// Skips past `end` searched from `from`, or to the end of the input when it is missing.
    fn skip_past(&mut self, from: usize, end: &[u8]) {
        self.pos = match memmem::find(&self.bytes()[from.min(self.src.len())..], end) {
            Some(i) => from + i + end.len(),
            None => self.src.len(),
        };
    }

    fn raw_text(&mut self, name: &str) -> Token<'a> {
        let start = self.pos;
        let end = find_end_tag(self.bytes(), start, name).unwrap_or(self.src.len());
        self.pos = end;
        Token::Raw(&self.src[start..end])
    }

    fn text(&mut self) -> Token<'a> {
        let start = self.pos;
        let end =
            memchr(b'<', &self.bytes()[start + 1..]).map_or(self.src.len(), |i| start + 1 + i);
        self.pos = end;
        Token::Text(&self.src[start..end])
    }

    /// At a `<`: a token, or `None` when what follows was skipped (comment, doctype…).
    fn markup(&mut self) -> Option<Token<'a>> {
        let b = self.bytes();
        let at = self.pos;
        match b.get(at + 1) {
            Some(b'!') if b[at..].starts_with(b"<!--") => self.skip_past(at + 4, b"-->"),
            Some(b'!') if b[at..].starts_with(b"<![CDATA[") => self.skip_past(at + 9, b"]]>"),
            Some(b'!' | b'?') => self.skip_past(at + 2, b">"),
            Some(b'/') if b.get(at + 2).is_some_and(u8::is_ascii_alphabetic) => {
                return Some(self.end_tag())
            }
            Some(b'/') => self.skip_past(at + 2, b">"),
            Some(c) if c.is_ascii_alphabetic() => return Some(self.start_tag()),
            _ => {
                self.pos = at + 1;
                return Some(Token::Text(&self.src[at..at + 1]));
            }
        }
        None
    }

    fn end_tag(&mut self) -> Token<'a> {
        let (name, after) = tag_name(self.src, self.pos + 2);
        self.skip_past(after, b">");
        Token::End { name }
    }

    fn start_tag(&mut self) -> Token<'a> {
        let (name, after) = tag_name(self.src, self.pos + 1);
        let (attrs, self_closing, end) = attributes(self.src, after);
        self.pos = end;
        if is_raw_text(&name) {
            self.raw_until = Some(name.clone());
        }
        Token::Start {
            name,
            attrs,
            self_closing,
        }
    }
}

impl<'a> Iterator for Lexer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        if let Some(name) = self.raw_until.take() {
            return Some(self.raw_text(&name));
        }
        while self.pos < self.src.len() {
            if self.bytes()[self.pos] != b'<' {
                return Some(self.text());
            }
            if let Some(token) = self.markup() {
                return Some(token);
            }
        }
        None
    }
}

/// The lower-cased tag name starting at `at`, and the offset after it.
fn tag_name(src: &str, at: usize) -> (String, usize) {
    let b = src.as_bytes();
    let len = b[at.min(b.len())..]
        .iter()
        .position(|&c| c.is_ascii_whitespace() || c == b'/' || c == b'>')
        .unwrap_or(b.len() - at.min(b.len()));
    let end = at.min(b.len()) + len;
    (src[at.min(end)..end].to_ascii_lowercase(), end)
}

/// The attributes from `at` to the end of the tag: (attributes, whether the tag ends in `/>`,
/// the offset after the `>`).
fn attributes(src: &str, mut at: usize) -> (Vec<Attr<'_>>, bool, usize) {
    let b = src.as_bytes();
    let mut attrs = Vec::new();
    let mut self_closing = false;
    loop {
        while at < b.len() && b[at].is_ascii_whitespace() {
            at += 1;
        }
        match b.get(at) {
            None => return (attrs, self_closing, b.len()),
            Some(b'>') => return (attrs, self_closing, at + 1),
            Some(b'/') => {
                self_closing = b.get(at + 1) == Some(&b'>');
                at += 1;
                continue;
            }
            _ => self_closing = false,
        }
        let (attr, next) = attribute(src, at);
        attrs.push(attr);
        at = next;
    }
}

/// One attribute starting at `at` (not white space, `/` or `>`); the offset after it.
fn attribute(src: &str, at: usize) -> (Attr<'_>, usize) {
    let b = src.as_bytes();
    // A name is at least one byte, so that a stray `=` or quote still moves the scan on.
    let name_len = 1 + b[at + 1..]
        .iter()
        .position(|&c| c.is_ascii_whitespace() || matches!(c, b'=' | b'>' | b'/'))
        .unwrap_or(b.len() - at - 1);
    let name = &src[at..at + name_len];
    let mut i = at + name_len;
    while i < b.len() && b[i].is_ascii_whitespace() {
        i += 1;
    }
    if b.get(i) != Some(&b'=') {
        return ((name, ""), at + name_len);
    }
    i += 1;
    while i < b.len() && b[i].is_ascii_whitespace() {
        i += 1;
    }
    let (value, next) = attribute_value(src, i);
    ((name, value), next)
}

/// A quoted value is found with one `memchr` (values can be megabytes of base64); an unquoted
/// one ends at white space or `>`.
fn attribute_value(src: &str, at: usize) -> (&str, usize) {
    let b = src.as_bytes();
    match b.get(at) {
        Some(&q @ (b'"' | b'\'')) => match memchr(q, &b[at + 1..]) {
            Some(len) => (&src[at + 1..at + 1 + len], at + 2 + len),
            None => (&src[at + 1..], b.len()),
        },
        _ => {
            let len = b[at.min(b.len())..]
                .iter()
                .position(|&c| c.is_ascii_whitespace() || c == b'>')
                .unwrap_or(b.len() - at.min(b.len()));
            (&src[at.min(b.len())..at.min(b.len()) + len], at + len)
        }
    }
}

/// The offset of the end tag `</name` (any case, followed by white space, `/`, `>` or the end)
/// at or after `from`.
fn find_end_tag(b: &[u8], from: usize, name: &str) -> Option<usize> {
    let n = name.len();
    let mut at = from;
    while let Some(i) = memmem::find(&b[at..], b"</") {
        let start = at + i;
        let after = start + 2 + n;
        let name_matches =
            b.len() >= after && b[start + 2..after].eq_ignore_ascii_case(name.as_bytes());
        if name_matches
            && b.get(after)
                .is_none_or(|&c| c.is_ascii_whitespace() || c == b'/' || c == b'>')
        {
            return Some(start);
        }
        at = start + 2;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(s: &str) -> Vec<Token<'_>> {
        Lexer::new(s).collect()
    }

    #[test]
    fn tags_text_and_attributes() {
        let t = tokens("<P class=\"a b\" id=x hidden>1 &lt; 2</p>");
        assert_eq!(
            t,
            vec![
                Token::Start {
                    name: "p".into(),
                    attrs: vec![("class", "a b"), ("id", "x"), ("hidden", "")],
                    self_closing: false
                },
                Token::Text("1 &lt; 2"),
                Token::End { name: "p".into() },
            ]
        );
    }

    #[test]
    fn comments_doctype_and_cdata_are_skipped() {
        let t = tokens("<!DOCTYPE html><!-- <p>x</p> -->a<![CDATA[<b>]]>b<?xml x?>c");
        assert_eq!(
            t,
            vec![Token::Text("a"), Token::Text("b"), Token::Text("c")]
        );
    }

    #[test]
    fn script_content_is_raw_up_to_its_end_tag() {
        let t = tokens("<script>if (a < b) { s = '</div>'; }</SCRIPT >x");
        assert_eq!(t[1], Token::Raw("if (a < b) { s = '</div>'; }"));
        assert_eq!(
            t[2],
            Token::End {
                name: "script".into()
            }
        );
        assert_eq!(t[3], Token::Text("x"));
    }

    #[test]
    fn malformed_markup_ends_at_the_end_of_input() {
        for s in [
            "<",
            "a<",
            "<p",
            "<p class=\"x",
            "<!--",
            "</",
            "</p",
            "<p a=",
            "<a =b>",
            "< p>",
            "<script>x",
            "<p/",
            "<'>",
        ] {
            let _ = tokens(s);
        }
        assert_eq!(
            tokens("a < b"),
            vec![Token::Text("a "), Token::Text("<"), Token::Text(" b")]
        );
    }
}
