//! Helpers shared by the text rules.

use budgetlint_sdk::model::{AdminLevel, Document, LineIndex, Row, Span, Table};
use std::cell::OnceCell;

/// A CJK unified ideograph (the basic block and extension A).
pub fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

/// Makes spans from byte offsets, building the line index once per rule run.
pub struct Spans<'a> {
    text: &'a str,
    index: OnceCell<LineIndex>,
}

impl<'a> Spans<'a> {
    pub fn new(doc: &'a Document) -> Self {
        Spans { text: &doc.text, index: OnceCell::new() }
    }
    pub fn span(&self, start: usize, end: usize) -> Span {
        self.index.get_or_init(|| LineIndex::new(self.text)).span(self.text, start, end)
    }
}

/// Characters that end a sentence (a tab ends a table cell).
const SENTENCE_END: &[char] = &['。', '；', ';', '！', '？', '\n', '\t'];

/// The sentence around `start..end`: its byte start and text.
pub fn sentence(text: &str, start: usize, end: usize) -> (usize, &str) {
    let from = text
        .get(..start)
        .and_then(|b| b.rfind(SENTENCE_END).map(|p| p + b[p..].chars().next().map_or(1, char::len_utf8)))
        .unwrap_or(0);
    let to = text.get(end..).and_then(|a| a.find(SENTENCE_END)).map_or(text.len(), |p| end + p);
    (from, text.get(from..to).unwrap_or(""))
}

/// The contents of every 《…》 on one line: (byte start of the content, content).
pub fn book_titles(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find('《') {
        let start = from + open + '《'.len_utf8();
        let rest = &text[start..];
        let stop = rest.find(['》', '\n']).unwrap_or(rest.len());
        if rest[stop..].starts_with('》') {
            out.push((start, &rest[..stop]));
        }
        from = start + stop;
    }
    out
}

/// The header text of column `col`: the header rows' own cells there, joined by a space.
pub fn header_text(table: &Table, col: usize) -> String {
    table
        .rows
        .iter()
        .take(table.header_rows as usize)
        .filter_map(|r| r.cells.get(col).map(|c| c.text.trim()))
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The rows after the header rows.
pub fn data_rows(table: &Table) -> &[Row] {
    table.rows.get(table.header_rows as usize..).unwrap_or(&[])
}

/// Endings of the names of public bodies, longest first.
pub const ORG_SUFFIXES: &[&str] = &[
    "委员会", "办公室", "管理所", "管理局", "服务中心", "中心", "政府", "局", "厅", "委", "办", "所", "院", "站", "处", "队", "馆", "部",
    "室", "社", "会", "校", "园", "团",
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
