//! HTML pages (government web sites): paragraphs and tables in reading order.
//!
//! The bytes are decoded ([`charset`]: BOM, `<meta charset>`, UTF-8, else GB18030); a linear
//! tokenizer ([`lexer`]) and a stack of open elements ([`builder`]) turn the page into lines:
//!
//! - dropped with their content: scripts, styles, form controls, embedded documents and
//!   graphics, templates, `<nav>` menus, and elements the page hides (`hidden`, `display:none`,
//!   `visibility:hidden`); comments and CDATA. The `<title>` is kept as the first line.
//! - block elements (`p`, `div`, `li`, `h1`–`h6`, `tr`, `section`, `blockquote`, `pre`, `dt`,
//!   `dd`, `br`…) start a new line; `p`, headings, `blockquote`, `pre` and tables are separated
//!   from what surrounds them by one blank line (never more). Inline white space collapses to
//!   one space (a no-break space is a space that does not collapse), and every line is trimmed
//!   as the model trims (no-break and full-width spaces too), so no prose line holds a tab.
//!   Character references are decoded ([`entities`]); unknown ones stay as written.
//! - each `<tr>` is one line with its cells separated by tabs, on a grid ([`table`]): `colspan`
//!   and `rowspan` leave empty cells so that columns stay aligned; a table inside a data table's
//!   cell is flattened into rows after that cell's row; a one-column table is layout and is read
//!   as ordinary blocks. Rows without text are left out (a blank line would end the table for
//!   the model), and a two-cell row whose first cell is empty gets a third, empty cell (`\tX`
//!   alone is one cell of the model's cell-per-line layout).
//! - text positioned absolutely, as PDF-to-HTML converters write it, is laid out by position
//!   ([`layout`]), its tables in columns, a form feed after each page (a box with a single
//!   positioned element is not a page: its text is a line).
//!
//! The source map names each line's element: `<p> 12` (the twelfth `<p>` of the page), `<table>
//! 2, row 3` (the third `<tr>` of the second `<table>`), `<caption> 2` (the caption of the
//! second table), `<table> 2` (text of a layout table's cell outside any block in it), `<title>
//! 1`, `<body>` for text outside any block, and `Place::Page(n)` for the lines of the n-th
//! positioned page.
//!
//! [`Reading::source`]'s `encoding` is the name of the charset the page was decoded from
//! (`utf-8`, `gbk`, `gb18030`…), as for text files: the format itself is [`Reading::format`].

mod builder;
mod charset;
mod entities;
mod layout;
mod lexer;
mod ruled;
mod sink;
mod table;

#[cfg(test)]
mod tests;

use crate::{Format, ReadError, Reading, SourceInfo};

/// Whether the first bytes of a file look like an HTML page: after a BOM, white space, an XML
/// declaration and comments (browsers save pages with `<!-- saved from url=… -->` first), a
/// doctype or one of the elements a page starts with.
pub fn looks_like_html(head: &[u8]) -> bool {
    let mut rest = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    loop {
        let start = rest
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(rest.len());
        rest = &rest[start..];
        let skip_to = if rest.starts_with(b"<!--") {
            memchr::memmem::find(rest, b"-->").map(|i| i + 3)
        } else if rest.starts_with(b"<?") {
            memchr::memchr(b'>', rest).map(|i| i + 1)
        } else {
            break;
        };
        match skip_to {
            Some(i) => rest = &rest[i..],
            None => return false,
        }
    }
    let lower: Vec<u8> = rest.iter().take(16).map(u8::to_ascii_lowercase).collect();
    [
        "<!doctype html",
        "<html",
        "<head",
        "<meta",
        "<body",
        "<title",
    ]
    .iter()
    .any(|p| lower.starts_with(p.as_bytes()))
}

/// Reads an HTML page into canonical text (see the module documentation).
pub fn read(bytes: &[u8]) -> Result<Reading, ReadError> {
    let decoded = charset::decode(bytes);
    let mut builder = builder::Builder::new();
    for token in lexer::Lexer::new(&decoded.text) {
        builder.token(token);
    }
    let (text, places) = sink::render(&builder.finish());
    if text.trim().is_empty() && !decoded.text.trim().is_empty() {
        return Err(ReadError::new(
            Format::Html,
            "the page has no text outside its scripts and styles (a page that JavaScript fills in?): open it in a browser, save it as a complete page or print it to PDF, and check that",
        )
        .zh("网页除脚本和样式外没有文字（由 JavaScript 填充的网页？）：请在浏览器中打开，另存为完整网页或打印为 PDF 后再检查"));
    }
    let mut notes = Vec::new();
    if decoded.replaced > 0 {
        let (count, encoding) = (decoded.replaced, &decoded.encoding);
        notes.push(crate::Note::new(
            format!(
                "{count} characters could not be decoded as {encoding} and were replaced by U+FFFD"
            ),
            format!("有 {count} 个字符无法按 {encoding} 解码，已替换为 U+FFFD"),
        ));
    }
    let source = SourceInfo {
        encoding: decoded.encoding,
        had_bom: decoded.had_bom,
        line_ending: "lf".into(),
        replaced_bytes: decoded.replaced,
    };
    Ok(Reading {
        format: Format::Html,
        text,
        source,
        places,
        notes,
        origin: None,
    })
}
