//! Tokens to items: which elements break lines, which are dropped, and how tables and
//! positioned pages are collected. The open elements are a stack (no recursion, so any depth
//! of nesting is fine); an end tag closes the elements above its match, as browsers do, and an
//! end tag with no open match is ignored.

use std::collections::HashMap;

use super::entities::decode_into;
use super::layout::{Pages, Run};
use super::lexer::{Attr, Token};
use super::ruled::Rule;
use super::sink::{Item, Sink, Where};
use super::table::Grid;

/// How deep tables are read as tables. A table's rows are moved into the table around it when
/// it ends, so nesting without bound would cost the square of the page; a deeper `<table>` is
/// read as an ordinary element (its cells then belong to the innermost table read). Pages nest
/// layout tables three or four deep.
const MAX_TABLE_DEPTH: usize = 8;

/// Elements without content.
const VOID: [&str; 15] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr",
];

/// Elements whose content is dropped: code, styles and form controls (not text of the
/// document), embedded documents and graphics (their text is not the page's), templates (not
/// shown), and navigation menus (site chrome, the same on every page of the site). The
/// tokenizer already reads script-like elements as raw text; listing them here keeps what a
/// malformed page puts in them out too.
const DROPPED: [&str; 15] = [
    "script", "style", "noscript", "template", "select", "button", "textarea", "iframe", "object",
    "canvas", "svg", "math", "nav", "noembed", "noframes",
];

/// Elements that end a paragraph: a blank line before and after.
const PARAGRAPHS: [&str; 10] = [
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "table",
];

/// Elements that start a new line.
const LINES: [&str; 23] = [
    "div",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "aside",
    "form",
    "fieldset",
    "figure",
    "figcaption",
    "address",
    "center",
    "details",
    "summary",
    "legend",
    "tr",
];

#[derive(Debug)]
enum Kind {
    Plain,
    /// A block element; the place that was current before it.
    Block(Where),
    Dropped,
    Pre(Where),
    Table,
    Row,
    Cell {
        colspan: usize,
        rowspan: u32,
    },
    Caption,
    Run {
        top: f32,
        left: f32,
        size: f32,
        /// The border it draws, when it is one (see [`Style::rule`]).
        rule: Option<Rule>,
    },
}

#[derive(Debug)]
struct Frame {
    name: String,
    kind: Kind,
}

/// A table being read: its grid, and where its open row and cell are in the stack (a new row
/// or cell closes them, and what is open inside them).
struct OpenTable {
    grid: Grid,
    row: Option<usize>,
    cell: Option<usize>,
}

pub struct Builder {
    stack: Vec<Frame>,
    /// How many elements of each name are open, per table (an end tag inside a table does not
    /// close an element outside it, as in browsers).
    scopes: Vec<HashMap<String, usize>>,
    sinks: Vec<Sink>,
    tables: Vec<OpenTable>,
    /// Open dropped elements.
    dropped: usize,
    pre: usize,
    /// Open positioned runs.
    runs_open: usize,
    counts: HashMap<&'static str, u32>,
    tables_seen: u32,
    /// The raw-text element whose content the next token is.
    raw: Option<String>,
    title_seen: bool,
    pages: Pages,
    decoded: String,
}

impl Builder {
    pub fn new() -> Builder {
        Builder {
            stack: Vec::new(),
            scopes: vec![HashMap::new()],
            sinks: vec![Sink::new(Where::Body)],
            tables: Vec::new(),
            dropped: 0,
            pre: 0,
            runs_open: 0,
            counts: HashMap::new(),
            tables_seen: 0,
            raw: None,
            title_seen: false,
            pages: Pages::default(),
            decoded: String::new(),
        }
    }

    pub fn token(&mut self, token: Token<'_>) {
        match token {
            Token::Text(text) => self.text(text),
            Token::Raw(text) => self.raw_text(text),
            Token::Start {
                name,
                attrs,
                self_closing,
            } => self.start(name, &attrs, self_closing),
            Token::End { name } => self.end(&name),
        }
    }

    /// Closes what is still open and returns the page's items.
    pub fn finish(mut self) -> Vec<Item> {
        while !self.stack.is_empty() {
            self.pop();
        }
        if self.pages.owner.is_some() {
            let outside = self.sink().at;
            let page = self.pages.finish_page(outside);
            self.sink().extend(page);
        }
        let mut sinks = std::mem::take(&mut self.sinks);
        let mut root = sinks.swap_remove(0);
        for other in sinks {
            root.extend(other.finish());
        }
        root.finish()
    }

    fn sink(&mut self) -> &mut Sink {
        if self.sinks.is_empty() {
            self.sinks.push(Sink::new(Where::Body));
        }
        let last = self.sinks.len() - 1;
        &mut self.sinks[last]
    }

    fn text(&mut self, text: &str) {
        if self.dropped > 0 {
            return;
        }
        let mut decoded = std::mem::take(&mut self.decoded);
        decoded.clear();
        decode_into(&mut decoded, text);
        if !super::sink::trim(&decoded).is_empty() {
            self.end_page_before_other_content();
        }
        if self.pre > 0 {
            // Preformatted text keeps its line breaks.
            for (i, line) in decoded.split('\n').enumerate() {
                if i > 0 {
                    self.sink().newline();
                }
                self.sink().text(line);
            }
        } else {
            self.sink().text(&decoded);
        }
        self.decoded = decoded;
    }

    fn raw_text(&mut self, text: &str) {
        // Only the page's title is kept from raw-text elements (scripts and styles are code).
        if self.raw.take().as_deref() == Some("title") && !self.title_seen && self.dropped == 0 {
            self.title_seen = true;
            let at = self.sink().at;
            self.sink().blank();
            self.sink().at = Where::Block("title", 1);
            self.text(text);
            self.sink().blank();
            self.sink().at = at;
        }
    }

    fn start(&mut self, name: String, attrs: &[Attr<'_>], self_closing: bool) {
        if let Some(&void) = VOID.iter().find(|v| **v == name) {
            self.void(void);
            return;
        }
        if super::lexer::is_raw_text(&name) {
            self.raw = Some(name.clone());
        }
        if self_closing && self.raw.is_none() {
            // `<div/>` has no content; a line break keeps the text on both sides apart.
            self.sink().newline();
            return;
        }
        let style = Style::of(attrs);
        let kind = if self.dropped > 0 {
            Kind::Plain
        } else if DROPPED.contains(&name.as_str())
            || style.hidden
            || attrs.iter().any(|(n, _)| n.eq_ignore_ascii_case("hidden"))
        {
            Kind::Dropped
        } else if let Some(kind) = self.table_part(&name, attrs) {
            kind
        } else if let (Some((top, left)), true) = (style.position, self.run_allowed()) {
            Kind::Run {
                top,
                left,
                size: style.font_size.unwrap_or(12.0),
                rule: style.rule(),
            }
        } else {
            self.block(&name)
        };
        self.push(name, kind);
    }

    fn void(&mut self, name: &str) {
        if self.dropped > 0 {
            return;
        }
        match name {
            "br" => self.sink().newline(),
            "hr" => self.sink().blank(),
            _ => {}
        }
    }

    /// Text or a block outside the positioned runs: the page they made has ended (its box may
    /// close later, or never on a malformed page).
    fn end_page_before_other_content(&mut self) {
        if self.pages.owner.is_some() && self.runs_open == 0 {
            let outside = self.sink().at;
            let page = self.pages.finish_page(outside);
            self.sink().extend(page);
        }
    }

    /// Runs are not nested (a positioned element inside a run is part of its text).
    fn run_allowed(&self) -> bool {
        self.runs_open == 0
    }

    fn block(&mut self, name: &str) -> Kind {
        let paragraph = PARAGRAPHS.iter().find(|p| **p == name);
        let Some(&tag) = paragraph.or_else(|| LINES.iter().find(|l| **l == name)) else {
            return Kind::Plain;
        };
        self.end_page_before_other_content();
        if paragraph.is_some() || tag == "div" {
            // A block inside a `<p>` closes it (browsers do the same).
            self.close_open("p");
        }
        let n = self.counts.entry(tag).or_insert(0);
        *n += 1;
        let n = *n;
        let sink = self.sink();
        if paragraph.is_some() {
            sink.blank();
        } else {
            sink.newline();
        }
        let saved = std::mem::replace(&mut sink.at, Where::Block(tag, n));
        if tag == "pre" {
            self.pre += 1;
            return Kind::Pre(saved);
        }
        Kind::Block(saved)
    }

    /// The kind of a table element (`None` for other elements, and for `tr`, `td`, `caption`
    /// outside a table, which are then ordinary blocks or inline).
    fn table_part(&mut self, name: &str, attrs: &[Attr<'_>]) -> Option<Kind> {
        match name {
            "table" if self.tables.len() >= MAX_TABLE_DEPTH => None,
            "table" => {
                self.close_open("p");
                self.sink().blank();
                self.tables_seen += 1;
                self.tables.push(OpenTable {
                    grid: Grid::new(self.tables_seen),
                    row: None,
                    cell: None,
                });
                Some(Kind::Table)
            }
            "tr" if !self.tables.is_empty() => {
                self.close_table_part(|t| t.row.or(t.cell));
                self.tables.last_mut()?.grid.start_row();
                Some(Kind::Row)
            }
            "td" | "th" if !self.tables.is_empty() => {
                self.close_table_part(|t| t.cell);
                Some(Kind::Cell {
                    colspan: span(attrs, "colspan"),
                    rowspan: span(attrs, "rowspan") as u32,
                })
            }
            "caption" if !self.tables.is_empty() => Some(Kind::Caption),
            _ => None,
        }
    }

    /// Closes the open row or cell of the innermost table that `which` names (a new row
    /// closes the open one, a new cell the open cell).
    fn close_table_part(&mut self, which: impl Fn(&OpenTable) -> Option<usize>) {
        if let Some(index) = self.tables.last().and_then(which) {
            self.pop_to(index);
        }
    }

    fn push(&mut self, name: String, kind: Kind) {
        let index = self.stack.len();
        match &kind {
            Kind::Dropped => self.dropped += 1,
            Kind::Row => self.set_open(|t| &mut t.row, Some(index)),
            Kind::Cell { .. } => {
                self.set_open(|t| &mut t.cell, Some(index));
                let table = self.tables.last().map_or(0, |t| t.grid.number);
                self.sinks.push(Sink::new(Where::Block("table", table)));
            }
            Kind::Caption => {
                let table = self.tables.last().map_or(0, |t| t.grid.number);
                self.sinks.push(Sink::new(Where::Block("caption", table)));
            }
            Kind::Run { .. } => {
                self.runs_open += 1;
                if self.pages.owner.is_none() {
                    self.pages.owner = Some(index.checked_sub(1));
                }
                self.sinks.push(Sink::new(Where::Body));
            }
            _ => {}
        }
        if let Some(scope) = self.scopes.last_mut() {
            *scope.entry(name.clone()).or_insert(0) += 1;
        }
        if matches!(kind, Kind::Table) {
            self.scopes.push(HashMap::new());
        }
        self.stack.push(Frame { name, kind });
    }

    fn set_open(
        &mut self,
        field: impl Fn(&mut OpenTable) -> &mut Option<usize>,
        value: Option<usize>,
    ) {
        if let Some(t) = self.tables.last_mut() {
            *field(t) = value;
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "br" => return self.void("br"),
            // Without an open table there is nothing to search for (and many stray `</table>`
            // under a deep stack must not each scan it).
            "table" if self.tables.is_empty() => return,
            "table" => {
                if let Some(index) = self
                    .stack
                    .iter()
                    .rposition(|f| matches!(f.kind, Kind::Table))
                {
                    self.pop_to(index);
                }
                return;
            }
            _ => {}
        }
        if self
            .scopes
            .last()
            .and_then(|s| s.get(name))
            .is_some_and(|&n| n > 0)
        {
            while let Some(frame) = self.pop() {
                if frame == name {
                    break;
                }
            }
        }
    }

    /// Closes an open element `name` of the current table scope, with what is open inside it.
    fn close_open(&mut self, name: &str) {
        if self
            .scopes
            .last()
            .and_then(|s| s.get(name))
            .is_some_and(|&n| n > 0)
        {
            self.end(name);
        }
    }

    /// Pops the frames from `index` up.
    fn pop_to(&mut self, index: usize) {
        while self.stack.len() > index {
            self.pop();
        }
    }

    /// Pops the innermost frame, does what closing it means, and returns its name.
    fn pop(&mut self) -> Option<String> {
        let index = self.stack.len().checked_sub(1)?;
        if self.pages.owner == Some(Some(index)) {
            let outside = self.sink().at;
            let page = self.pages.finish_page(outside);
            self.sink().extend(page);
        }
        let frame = self.stack.pop()?;
        if matches!(frame.kind, Kind::Table) && self.scopes.len() > 1 {
            self.scopes.pop();
        }
        if let Some(n) = self.scopes.last_mut().and_then(|s| s.get_mut(&frame.name)) {
            *n = n.saturating_sub(1);
        }
        self.close(frame.kind);
        Some(frame.name)
    }

    fn close(&mut self, kind: Kind) {
        match kind {
            Kind::Plain => {}
            Kind::Block(saved) => self.end_block(saved),
            Kind::Pre(saved) => {
                self.pre = self.pre.saturating_sub(1);
                self.end_block(saved);
            }
            Kind::Dropped => self.dropped = self.dropped.saturating_sub(1),
            Kind::Row => {
                self.set_open(|t| &mut t.row, None);
                if let Some(t) = self.tables.last_mut() {
                    t.grid.end_row();
                }
            }
            Kind::Cell { colspan, rowspan } => {
                self.set_open(|t| &mut t.cell, None);
                let items = self.pop_sink();
                if let Some(t) = self.tables.last_mut() {
                    t.grid.add_cell(items, colspan, rowspan);
                }
            }
            Kind::Caption => {
                let items = self.pop_sink();
                if let Some(t) = self.tables.last_mut() {
                    t.grid.caption.extend(items);
                }
            }
            Kind::Table => {
                if let Some(t) = self.tables.pop() {
                    let items = t.grid.finish();
                    self.sink().extend(items);
                }
            }
            Kind::Run {
                top,
                left,
                size,
                rule,
            } => {
                self.runs_open = self.runs_open.saturating_sub(1);
                let text = if self.sinks.len() > 1 {
                    self.sinks.pop().map(Sink::into_text).unwrap_or_default()
                } else {
                    String::new()
                };
                if let (Some(rule), true) = (rule, super::sink::trim(&text).is_empty()) {
                    self.pages.add_rule(rule);
                }
                self.pages.add(Run {
                    top,
                    left,
                    size,
                    text,
                    right: None,
                    cell: None,
                });
            }
        }
    }

    fn end_block(&mut self, saved: Where) {
        let sink = self.sink();
        sink.newline();
        sink.at = saved;
    }

    fn pop_sink(&mut self) -> Vec<Item> {
        if self.sinks.len() > 1 {
            self.sinks.pop().map(Sink::finish).unwrap_or_default()
        } else {
            Vec::new()
        }
    }
}

/// `colspan`/`rowspan`: at least 1 (a missing, zero or unreadable value is 1); the table
/// bounds the width.
fn span(attrs: &[Attr<'_>], name: &str) -> usize {
    let value = attrs
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim())
        .unwrap_or("");
    let digits = value.bytes().take_while(u8::is_ascii_digit).count().min(6);
    value[..digits]
        .parse::<usize>()
        .unwrap_or(1)
        .clamp(1, 65_534)
}

/// What the reader needs from an element's `style`.
#[derive(Debug, Default, PartialEq)]
struct Style {
    /// `display:none` or `visibility:hidden`.
    hidden: bool,
    /// `position:absolute` (or `fixed`) with `top` and `left`: (top, left) in points.
    position: Option<(f32, f32)>,
    font_size: Option<f32>,
    /// `width` and `height` in points.
    size: (Option<f32>, Option<f32>),
    /// Whether it draws a border (`border`, `border-right`…, not `none`).
    border: bool,
}

impl Style {
    fn of(attrs: &[Attr<'_>]) -> Style {
        let Some((_, css)) = attrs.iter().find(|(n, _)| n.eq_ignore_ascii_case("style")) else {
            return Style::default();
        };
        let (mut absolute, mut top, mut left, mut style) = (false, None, None, Style::default());
        for declaration in css.split(';') {
            let Some((property, value)) = declaration.split_once(':') else {
                continue;
            };
            let property = property.trim().to_ascii_lowercase();
            if !matches!(
                property.as_str(),
                "display"
                    | "visibility"
                    | "position"
                    | "top"
                    | "left"
                    | "font-size"
                    | "width"
                    | "height"
                    | "border"
                    | "border-top"
                    | "border-right"
                    | "border-bottom"
                    | "border-left"
            ) {
                // Other values (a `background` with a `data:` URL can be megabytes) are not copied.
                continue;
            }
            let value = value.trim().to_ascii_lowercase();
            match property.as_str() {
                "display" => style.hidden |= value.starts_with("none"),
                "visibility" => style.hidden |= value.starts_with("hidden"),
                "position" => {
                    absolute = value.starts_with("absolute") || value.starts_with("fixed")
                }
                "top" => top = points(&value),
                "left" => left = points(&value),
                "font-size" => style.font_size = points(&value),
                "width" => style.size.0 = points(&value),
                "height" => style.size.1 = points(&value),
                // Any other is a border side (the list above): drawn unless `none`, `hidden` or
                // zero wide (`0`, `0px`; `0.5pt solid` is drawn).
                _ => {
                    let first = value.split_whitespace().next().unwrap_or("");
                    style.border |= !(first.is_empty()
                        || first == "none"
                        || first == "hidden"
                        || points(first) == Some(0.0));
                }
            }
        }
        if absolute {
            style.position = top.zip(left);
        }
        style
    }

    /// The border a positioned element draws when it is a line: no taller than a point and
    /// wider (a horizontal border at its top) or the other way round (a vertical one at its
    /// left), with a border style. PDF-to-HTML converters draw a table's cell borders so.
    fn rule(&self) -> Option<Rule> {
        const THIN: f32 = 1.0;
        let (top, left) = self.position?;
        let (width, height) = (self.size.0?, self.size.1?);
        if !self.border || width.min(height) > THIN || width.max(height) <= THIN {
            return None;
        }
        let horizontal = height <= THIN;
        Some(if horizontal {
            Rule {
                horizontal,
                at: top,
                from: left,
                to: left + width,
            }
        } else {
            Rule {
                horizontal,
                at: left,
                from: top,
                to: top + height,
            }
        })
    }
}

/// A CSS length in points (`12pt`, `16px`, a bare number as pixels); `None` for other units
/// (`em`, `%`), which need the layout of the page.
fn points(value: &str) -> Option<f32> {
    let end = value
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
        .unwrap_or(value.len());
    let number: f32 = value[..end].parse().ok().filter(|n: &f32| n.is_finite())?;
    match value[end..].trim() {
        "pt" => Some(number),
        "px" | "" => Some(number * 0.75),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_are_read() {
        let s = Style::of(&[(
            "STYLE",
            "top:279.87pt;left:89.58px; font-size:32.0pt;position:absolute;",
        )]);
        assert_eq!(s.position, Some((279.87, 89.58 * 0.75)));
        assert_eq!(s.font_size, Some(32.0));
        assert!(Style::of(&[("style", "display: none")]).hidden);
        assert_eq!(
            Style::of(&[("style", "top:1em;left:2pt;position:absolute")]).position,
            None
        );
    }

    #[test]
    fn borders_drawn_by_empty_elements_are_rules() {
        let rule = |css: &str| Style::of(&[("style", css)]).rule();
        let vertical = "position:absolute;left:74.47pt;top:595.54pt;width:0.0pt;height:28.29pt;border-right:0.5pt solid #000000;";
        assert_eq!(
            rule(vertical),
            Some(Rule {
                horizontal: false,
                at: 74.47,
                from: 595.54,
                to: 595.54 + 28.29
            })
        );
        let horizontal =
            "position:absolute;left:10pt;top:20pt;width:84.85pt;height:0;border-bottom:1px solid";
        assert!(rule(horizontal).is_some_and(|r| r.horizontal && r.at == 20.0));
        // No border drawn, a box rather than a line, or not positioned: no rule.
        assert_eq!(
            rule("position:absolute;left:1pt;top:2pt;width:0;height:28pt;border-right:0 solid"),
            None
        );
        assert_eq!(
            rule("position:absolute;left:1pt;top:2pt;width:0;height:28pt;border-right:none"),
            None
        );
        assert_eq!(
            rule("position:absolute;left:1pt;top:2pt;width:30pt;height:28pt;border:1pt solid"),
            None
        );
        assert_eq!(
            rule("left:1pt;top:2pt;width:0;height:28pt;border-right:1pt solid"),
            None
        );
    }

    #[test]
    fn spans_are_clamped() {
        assert_eq!(span(&[("colspan", "3")], "colspan"), 3);
        assert_eq!(span(&[("colspan", "\"0\"")], "colspan"), 1);
        assert_eq!(span(&[("rowspan", "99999999999")], "rowspan"), 65_534);
        assert_eq!(span(&[], "rowspan"), 1);
    }
}
