//! Helpers shared by the text rules.

use budgetlint_sdk::model::{AdminLevel, Document, Row, Span, Table};
use regex::Regex;
use std::cell::Cell;
use std::sync::OnceLock;

/// A CJK unified ideograph (the basic block and extension A).
pub fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

/// Makes spans from byte offsets without indexing the whole text: it counts lines and columns
/// from the previous position it reached (findings come in text order, so the work is linear in
/// the text however long its lines), so a rule with a few findings does not pay for a line index
/// of the whole document.
pub struct Spans<'a> {
    text: &'a str,
    /// The last position reached: byte offset, its 1-based line, the byte where that line
    /// starts, and its 0-based character and UTF-16 columns.
    cursor: Cell<Cursor>,
}

#[derive(Clone, Copy)]
struct Cursor {
    offset: usize,
    line: u32,
    line_start: usize,
    chars: u32,
    utf16: u32,
}

impl<'a> Spans<'a> {
    pub fn new(doc: &'a Document) -> Self {
        Spans {
            text: &doc.text,
            cursor: Cell::new(Cursor {
                offset: 0,
                line: 1,
                line_start: 0,
                chars: 0,
                utf16: 0,
            }),
        }
    }

    pub fn span(&self, start: usize, end: usize) -> Span {
        let start = floor_boundary(self.text, start);
        let end = floor_boundary(self.text, end.max(start));
        let a = self.locate(start);
        let b = self.locate(end);
        Span {
            start: start as u32,
            end: end as u32,
            line: a.line,
            col: a.chars + 1,
            end_line: b.line,
            end_col: b.chars + 1,
            utf16_col: a.utf16,
            end_utf16_col: b.utf16,
        }
    }

    /// The position of `offset` (a character boundary), counted from the last one: forwards,
    /// or backwards when a span starts before the end of the previous one.
    fn locate(&self, offset: usize) -> Cursor {
        let bytes = self.text.as_bytes();
        let last = self.cursor.get();
        let here = if offset >= last.offset {
            match line_breaks(bytes, last.offset..offset).last() {
                None => {
                    let (c, u) = columns(&self.text[last.offset..offset]);
                    Cursor {
                        offset,
                        chars: last.chars + c,
                        utf16: last.utf16 + u,
                        ..last
                    }
                }
                Some(line_start) => {
                    let (chars, utf16) = columns(&self.text[line_start..offset]);
                    Cursor {
                        offset,
                        line: last.line + line_breaks(bytes, last.offset..offset).count() as u32,
                        line_start,
                        chars,
                        utf16,
                    }
                }
            }
        } else if offset >= last.line_start {
            let (c, u) = columns(&self.text[offset..last.offset]);
            Cursor {
                offset,
                chars: last.chars - c,
                utf16: last.utf16 - u,
                ..last
            }
        } else {
            let line = last.line - line_breaks(bytes, offset..last.line_start).count() as u32;
            let line_start = memchr::memrchr2_iter(b'\n', b'\r', &bytes[..offset])
                .find(|&i| !is_crlf_cr(bytes, i))
                .map_or(0, |p| p + 1);
            let (chars, utf16) = columns(&self.text[line_start..offset]);
            Cursor {
                offset,
                line,
                line_start,
                chars,
                utf16,
            }
        };
        self.cursor.set(here);
        here
    }
}

/// Whether byte `i` is the CR of a CRLF (the LF ends that line).
fn is_crlf_cr(bytes: &[u8], i: usize) -> bool {
    bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n')
}

/// The starts of the lines that begin after a line break inside `range`: `\r\n`, `\n` and a
/// lone `\r` each end a line, as in the model's line index.
fn line_breaks(bytes: &[u8], range: std::ops::Range<usize>) -> impl Iterator<Item = usize> + '_ {
    let from = range.start;
    memchr::memchr2_iter(b'\n', b'\r', &bytes[range])
        .map(move |i| from + i)
        .filter(move |&i| !is_crlf_cr(bytes, i))
        .map(|i| i + 1)
}

/// Characters and UTF-16 code units in `s`.
fn columns(s: &str) -> (u32, u32) {
    s.chars().fold((0u32, 0u32), |(c, u), ch| {
        (c + 1, u + ch.len_utf16() as u32)
    })
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

/// The longest stretch looked at on either side of a finding for its sentence (bytes): a real
/// sentence is far shorter; a megabyte line without a full stop would otherwise be searched
/// once per finding.
pub const SENTENCE_WINDOW: usize = 4096;

/// The sentence around `start..end`: its byte start and text. A sentence reaches at most
/// [`SENTENCE_WINDOW`] bytes before `start` and after `end`.
pub fn sentence(text: &str, start: usize, end: usize) -> (usize, &str) {
    let start = floor_boundary(text, start);
    let end = floor_boundary(text, end.max(start));
    let back = floor_boundary(text, start.saturating_sub(SENTENCE_WINDOW));
    let ahead = floor_boundary(text, end.saturating_add(SENTENCE_WINDOW));
    let from = text[back..start]
        .rfind(SENTENCE_END)
        .map(|p| back + p + text[back + p..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(back);
    let to = text[end..ahead]
        .find(SENTENCE_END)
        .map_or(ahead, |p| end + p);
    (from, &text[from..to])
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Spans asked for in any order agree with counting from the start of the text.
    #[test]
    fn spans_agree_with_counting_from_the_start() {
        let mut doc = budgetlint_sdk::model::parse_text(
            "第一行\n合计𠀀x，其中a1万元\n\n\n末行ab".to_string(),
        );
        doc.text.push_str("\r\n尾\r再\r\r末\n");
        let text = doc.text.clone();
        let index = budgetlint_sdk::model::LineIndex::new(&text);
        let fresh = |o: usize| {
            let p = index.position(&text, o);
            (p.line, p.col, p.utf16_col)
        };
        let spans = Spans::new(&doc);
        let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        for (&a, &b) in offsets
            .iter()
            .zip(offsets.iter().rev())
            .chain(offsets.iter().zip(offsets.iter().skip(2)))
        {
            let (a, b) = (a.min(b), a.max(b));
            let s = spans.span(a, b);
            assert_eq!((s.line, s.col, s.utf16_col), fresh(a), "start {a}");
            assert_eq!(
                (s.end_line, s.end_col, s.end_utf16_col),
                fresh(b),
                "end {b}"
            );
        }
    }

    #[test]
    fn sentences_are_found_within_a_window() {
        let text = format!("前句。{}后句。", "字".repeat(3 * SENTENCE_WINDOW));
        let at = text.len() / 2;
        let (from, s) = sentence(&text, at, at + 3);
        assert!(from > "前句。".len() && s.len() <= 2 * SENTENCE_WINDOW + 3 + 3);
        let (from, s) = sentence("甲。乙丙；丁", 6, 9);
        assert_eq!((from, s), (6, "乙丙"));
    }
}
