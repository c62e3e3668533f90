//! Helpers shared by the text rules.

use budgetlint_sdk::model::{AdminLevel, Document, Row, Span, Table};
use regex::Regex;
use std::cell::Cell;
use std::sync::OnceLock;

/// A CJK unified ideograph (the basic block and extension A).
pub fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

/// Makes spans from byte offsets without indexing the whole text: it counts lines from the
/// previous span it made (findings come in text order), so a rule with a few findings does not
/// pay for a line index of the whole document.
pub struct Spans<'a> {
    text: &'a str,
    /// (byte offset of a line start, its 1-based line number), the last one reached.
    cursor: Cell<(usize, u32)>,
}

impl<'a> Spans<'a> {
    pub fn new(doc: &'a Document) -> Self {
        Spans {
            text: &doc.text,
            cursor: Cell::new((0, 1)),
        }
    }

    pub fn span(&self, start: usize, end: usize) -> Span {
        let start = floor_boundary(self.text, start);
        let end = floor_boundary(self.text, end.max(start));
        let (line, line_start) = self.locate(start);
        let (end_line, end_line_start) = self.locate(end);
        let (col, utf16_col) = columns(&self.text[line_start..start]);
        let (end_col, end_utf16_col) = columns(&self.text[end_line_start..end]);
        Span {
            start: start as u32,
            end: end as u32,
            line,
            col,
            end_line,
            end_col,
            utf16_col,
            end_utf16_col,
        }
    }

    /// The line of `offset` and the byte where that line starts.
    fn locate(&self, offset: usize) -> (u32, usize) {
        let (mut from, mut line) = self.cursor.get();
        if offset < from {
            (from, line) = (0, 1);
        }
        let bytes = &self.text.as_bytes()[from..offset];
        line += bytes.iter().filter(|&&b| b == b'\n').count() as u32;
        let line_start = bytes
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(from, |p| from + p + 1);
        self.cursor.set((line_start, line));
        (line, line_start)
    }
}

/// 1-based character column and 0-based UTF-16 column at the end of `prefix`.
fn columns(prefix: &str) -> (u32, u32) {
    let (chars, utf16) = prefix.chars().fold((0u32, 0u32), |(c, u), ch| {
        (c + 1, u + ch.len_utf16() as u32)
    });
    (chars + 1, utf16)
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Characters that end a sentence (a tab ends a table cell).
const SENTENCE_END: &[char] = &['。', '；', ';', '！', '？', '\n', '\t'];

/// The sentence around `start..end`: its byte start and text.
pub fn sentence(text: &str, start: usize, end: usize) -> (usize, &str) {
    let from = text
        .get(..start)
        .and_then(|b| {
            b.rfind(SENTENCE_END)
                .map(|p| p + b[p..].chars().next().map_or(1, char::len_utf8))
        })
        .unwrap_or(0);
    let to = text
        .get(end..)
        .and_then(|a| a.find(SENTENCE_END))
        .map_or(text.len(), |p| end + p);
    (from, text.get(from..to).unwrap_or(""))
}

/// The contents of every 《…》 on one line: (byte start of the content, content).
pub fn book_titles(text: &str) -> Vec<(usize, &str)> {
    static TITLE: OnceLock<Regex> = OnceLock::new();
    let title = TITLE.get_or_init(|| {
        Regex::new(r"《[^》\n]+》").unwrap_or_else(|e| panic!("built-in pattern: {e}"))
    });
    let (open, close) = ('《'.len_utf8(), '》'.len_utf8());
    title
        .find_iter(text)
        .filter(|m| m.len() <= 600)
        .map(|m| (m.start() + open, &m.as_str()[open..m.len() - close]))
        .collect()
}

/// A pattern built once from literal alternatives (one pass over the text for all of them).
pub fn literals(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| {
        Regex::new(pattern).unwrap_or_else(|e| panic!("built-in pattern {pattern}: {e}"))
    })
}

/// The rows after the header rows.
pub fn data_rows(table: &Table) -> &[Row] {
    table.rows.get(table.header_rows as usize..).unwrap_or(&[])
}

/// Endings of the names of public bodies, longest first.
pub const ORG_SUFFIXES: &[&str] = &[
    "委员会",
    "办公室",
    "管理所",
    "管理局",
    "服务中心",
    "中心",
    "政府",
    "局",
    "厅",
    "委",
    "办",
    "所",
    "院",
    "站",
    "处",
    "队",
    "馆",
    "部",
    "室",
    "社",
    "会",
    "校",
    "园",
    "团",
];

/// The suffix that says what kind of body `name` is, if any.
pub fn org_suffix(name: &str) -> Option<&'static str> {
    ORG_SUFFIXES.iter().copied().find(|s| name.ends_with(s))
}

/// The level words (省级 …) that designate the publisher's own level.
pub fn own_level_words(level: AdminLevel) -> &'static [&'static str] {
    match level {
        AdminLevel::Province => &["省级"],
        AdminLevel::City => &["市级"],
        AdminLevel::County => &["县级"],
        AdminLevel::District => &["区级", "县级"],
        AdminLevel::Township => &["乡级", "镇级", "乡镇级"],
    }
}

/// Rank of a level word: higher is closer to the centre.
pub fn level_rank(word: &str) -> u8 {
    match word {
        "省级" => 4,
        "市级" => 3,
        "县级" | "区级" => 2,
        _ => 1,
    }
}

/// Rank of the publisher's level on the same scale.
pub fn publisher_rank(level: AdminLevel) -> u8 {
    match level {
        AdminLevel::Province => 4,
        AdminLevel::City => 3,
        AdminLevel::County | AdminLevel::District => 2,
        AdminLevel::Township => 1,
    }
}
