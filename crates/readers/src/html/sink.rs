//! Where the reader writes: lines of prose and table rows, each with the element it comes
//! from, collected first and written out as the canonical text at the end (so that a table's
//! rows can be laid out once the whole table is known, and a layout table's cells can be
//! poured back into the page).

use crate::{Place, SourceMap};

/// The element a line comes from. Numbers count the elements of that kind in the page, from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Where {
    /// Text outside any block element.
    Body,
    /// A block element: `<p> 12` is the twelfth `<p>` of the page.
    Block(&'static str, u32),
    /// `<table> 2, row 3`: the third `<tr>` of the second `<table>`.
    Row(u32, u32),
    /// A page of a document converted from PDF to absolutely positioned text (see `layout`).
    Page(u32),
}

impl Where {
    fn place(self) -> Place {
        match self {
            Where::Body => Place::Element("<body>".into()),
            Where::Block(tag, n) => Place::Element(format!("<{tag}> {n}")),
            Where::Row(table, row) => Place::Element(format!("<table> {table}, row {row}")),
            Where::Page(n) => Place::Page(n),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Line(String, Where),
    Row(Vec<String>, Where),
    /// A paragraph break: at most one blank line, never at the start.
    Blank,
    /// The end of a page of a positioned document: a form feed, as `pdftotext` writes.
    PageEnd,
}

/// Items and the inline text of the line being written.
#[derive(Debug)]
pub struct Sink {
    pub items: Vec<Item>,
    line: String,
    /// A white space run was seen after the last character (collapsed into one space when
    /// more text follows on the line).
    space: bool,
    pub at: Where,
}

impl Sink {
    pub fn new(at: Where) -> Sink {
        Sink {
            items: Vec::new(),
            line: String::new(),
            space: false,
            at,
        }
    }

    /// Appends inline text: runs of white space become one space, tabs and line breaks included
    /// (a tab in prose would make the line look like a table row).
    pub fn text(&mut self, s: &str) {
        for c in s.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c') || c.is_control() {
                self.space = true;
                continue;
            }
            if self.space && !self.line.is_empty() {
                self.line.push(' ');
            }
            self.space = false;
            // A no-break space is a space that does not collapse (`合&nbsp;&nbsp;计` keeps its
            // width, as `pdftotext` would print it).
            self.line.push(if c == '\u{a0}' { ' ' } else { c });
        }
    }

    /// Ends the line being written (nothing when it holds only white space).
    pub fn newline(&mut self) {
        let line = std::mem::take(&mut self.line);
        self.space = false;
        let t = trim(&line);
        if !t.is_empty() {
            let text = if t.len() == line.len() {
                line
            } else {
                t.to_string()
            };
            self.items.push(Item::Line(text, self.at));
        }
    }

    /// Ends the line and the paragraph.
    pub fn blank(&mut self) {
        self.newline();
        if !matches!(self.items.last(), None | Some(Item::Blank)) {
            self.items.push(Item::Blank);
        }
    }

    /// The text written, untrimmed (a positioned run's leading full-width spaces say where its
    /// text shows), lines joined by spaces.
    pub fn into_text(mut self) -> String {
        let last = std::mem::take(&mut self.line);
        let mut parts: Vec<String> = self
            .items
            .into_iter()
            .filter_map(|i| {
                if let Item::Line(t, _) = i {
                    Some(t)
                } else {
                    None
                }
            })
            .collect();
        parts.push(last);
        parts.join(" ")
    }

    /// The items written, the line being written ended.
    pub fn finish(mut self) -> Vec<Item> {
        self.newline();
        self.items
    }

    pub fn extend(&mut self, items: Vec<Item>) {
        self.newline();
        for item in items {
            match item {
                Item::Blank => self.blank(),
                other => self.items.push(other),
            }
        }
    }
}

/// Trims white space the way the model's text parser does (ASCII and Unicode white space,
/// no-break and full-width spaces, BOM), so a line's text starts where the model's would.
pub fn trim(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{feff}')
}

/// The canonical text of `items` and its source map.
pub fn render(items: &[Item]) -> (String, SourceMap) {
    let mut out = String::new();
    let mut places = SourceMap::default();
    let mut blank_pending = false;
    for item in items {
        match item {
            // A form feed separates pages already (and a table that goes on over the page
            // break stays one table for the model).
            Item::Blank => blank_pending = !out.is_empty() && !out.ends_with("\x0c\n"),
            Item::PageEnd => {
                out.push_str("\x0c\n");
                blank_pending = false;
            }
            Item::Line(text, at) => {
                line_start(&mut out, &mut places, &mut blank_pending, *at);
                out.push_str(text);
                out.push('\n');
            }
            Item::Row(cells, at) => {
                line_start(&mut out, &mut places, &mut blank_pending, *at);
                for (i, cell) in cells.iter().enumerate() {
                    if i > 0 {
                        out.push('\t');
                    }
                    out.push_str(cell);
                }
                out.push('\n');
            }
        }
    }
    (out, places)
}

fn line_start(out: &mut String, places: &mut SourceMap, blank_pending: &mut bool, at: Where) {
    if std::mem::take(blank_pending) {
        out.push('\n');
    }
    places.push(out.len(), at.place());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_collapses_and_lines_are_trimmed() {
        let mut s = Sink::new(Where::Body);
        s.text("  \u{3000}\u{3000}一、 \t\n 主要\u{a0}\u{a0}职责 \n");
        s.blank();
        s.blank();
        s.text("二");
        let items = s.finish();
        assert_eq!(
            items,
            vec![
                Item::Line("一、 主要  职责".into(), Where::Body),
                Item::Blank,
                Item::Line("二".into(), Where::Body)
            ]
        );
        assert_eq!(render(&items).0, "一、 主要  职责\n\n二\n");
    }
}
