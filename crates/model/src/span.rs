//! Source positions. Every node and fact carries a [`Span`] with its byte range, its 1-based
//! line and character column, and its UTF-16 column (what LSP clients count by default).

use serde::{Deserialize, Serialize};

/// A range of the decoded text with all the coordinates consumers need.
///
/// `col`/`end_col` count Unicode scalar values from the start of the line, 1-based;
/// `utf16_col`/`end_utf16_col` count UTF-16 code units, 0-based (LSP convention).
/// `end_*` is exclusive.
///
/// Serialized compactly as an array `[start, end, line, col, end_line, end_col, utf16_col,
/// end_utf16_col]` (spans are half of a model's size); an object with these field names is
/// accepted too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
    pub line: u32,
    pub col: u32,
    pub end_line: u32,
    pub end_col: u32,
    pub utf16_col: u32,
    pub end_utf16_col: u32,
}

impl Span {
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    /// The span from the start of `self` to the end of `end` (which does not start before it):
    /// joins two spans without counting columns again.
    pub fn to(self, end: Span) -> Span {
        Span {
            end: end.end,
            end_line: end.end_line,
            end_col: end.end_col,
            end_utf16_col: end.end_utf16_col,
            ..self
        }
    }
    pub fn contains(&self, offset: usize) -> bool {
        (self.start as usize) <= offset && offset < (self.end as usize).max(self.start as usize + 1)
    }
}

impl Serialize for Span {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        [
            self.start,
            self.end,
            self.line,
            self.col,
            self.end_line,
            self.end_col,
            self.utf16_col,
            self.end_utf16_col,
        ]
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Self-describing formats (JSON) may carry either form; binary ones carry the array.
        if deserializer.is_human_readable() {
            deserializer.deserialize_any(SpanVisitor)
        } else {
            deserializer.deserialize_tuple(8, SpanVisitor)
        }
    }
}

const SPAN_FIELDS: [&str; 8] = [
    "start",
    "end",
    "line",
    "col",
    "end_line",
    "end_col",
    "utf16_col",
    "end_utf16_col",
];

struct SpanVisitor;

impl<'de> serde::de::Visitor<'de> for SpanVisitor {
    type Value = Span;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a span: an array of 8 integers or an object with the span fields")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Span, A::Error> {
        let mut v = [0u32; 8];
        for (i, slot) in v.iter_mut().enumerate() {
            *slot = seq
                .next_element()?
                .ok_or_else(|| serde::de::Error::invalid_length(i, &self))?;
        }
        Ok(Span::from_array(v))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Span, A::Error> {
        let mut v = [0u32; 8];
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match SPAN_FIELDS.iter().position(|f| *f == key) {
                Some(i) => v[i] = map.next_value()?,
                None => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
            }
        }
        Ok(Span::from_array(v))
    }
}

impl Span {
    fn from_array(
        [start, end, line, col, end_line, end_col, utf16_col, end_utf16_col]: [u32; 8],
    ) -> Span {
        Span {
            start,
            end,
            line,
            col,
            end_line,
            end_col,
            utf16_col,
            end_utf16_col,
        }
    }
}

/// Maps byte offsets of one text to lines and columns. Lines end at `\r\n`, `\n` or a lone
/// `\r`.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset where each line starts.
    line_starts: Vec<usize>,
    /// The last position computed (byte offset, char column, UTF-16 column, line): positions
    /// are mostly asked for in increasing order on long lines, so counting resumes from here.
    last: std::cell::Cell<(usize, u32, u32, u32)>,
}

/// A position: 1-based line, 1-based character column, 0-based UTF-16 column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: u32,
    pub col: u32,
    pub utf16_col: u32,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = Vec::with_capacity(text.len() / 32 + 1);
        line_starts.push(0);
        // `\r\n`, `\n` and a lone `\r` each end a line (as in LSP).
        let bytes = text.as_bytes();
        line_starts.extend(
            memchr::memchr2_iter(b'\n', b'\r', bytes)
                .filter(|&i| !(bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n')))
                .map(|i| i + 1),
        );
        LineIndex {
            line_starts,
            last: std::cell::Cell::new((0, 0, 0, 1)),
        }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Byte offset where each line starts, the first at 0.
    pub fn line_starts(&self) -> &[usize] {
        &self.line_starts
    }

    /// Byte offset of the start of 1-based `line`.
    pub fn line_start(&self, line: u32) -> Option<usize> {
        self.line_starts.get(line.checked_sub(1)? as usize).copied()
    }

    /// 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> u32 {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i as u32 + 1,
            Err(i) => i as u32,
        }
    }

    /// The line of `offset`, trying the last line asked for and the next few before a binary
    /// search: positions are mostly asked for in reading order.
    fn line_near(&self, offset: usize, last_line: u32) -> u32 {
        let starts = &self.line_starts;
        let first = last_line as usize - 1;
        for i in first..(first + 4).min(starts.len()) {
            let end = starts.get(i + 1).copied().unwrap_or(usize::MAX);
            if starts[i] <= offset && offset < end {
                return i as u32 + 1;
            }
        }
        self.line_of(offset)
    }

    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let (last_offset, last_chars, last_utf16, last_line) = self.last.get();
        let line = self.line_near(offset, last_line);
        let line_start = self.line_starts[line as usize - 1];
        // Count on bytes (vectorises): every char has one non-continuation byte, and characters
        // outside the BMP (4-byte sequences, lead byte ≥ 0xF0) take two UTF-16 units. Counting
        // resumes from the last position when it is on the same line, forwards or backwards
        // (a label is asked for just before the figure after it).
        let from_last = offset.abs_diff(last_offset);
        let (chars, utf16) =
            if last_line == line && last_offset >= line_start && from_last < offset - line_start {
                if last_offset <= offset {
                    let (c, u) = count_units(&text.as_bytes()[last_offset..offset]);
                    (last_chars + c, last_utf16 + u)
                } else {
                    let (c, u) = count_units(&text.as_bytes()[offset..last_offset]);
                    (last_chars - c, last_utf16 - u)
                }
            } else {
                count_units(&text.as_bytes()[line_start..offset])
            };
        self.last.set((offset, chars, utf16, line));
        Position {
            line,
            col: chars + 1,
            utf16_col: utf16,
        }
    }

    /// The spans of `outer` and of `inner` (which lies inside it), positions taken in
    /// reading order so that the line is counted once.
    pub fn nested_spans(
        &self,
        text: &str,
        outer: (usize, usize),
        inner: (usize, usize),
    ) -> (Span, Span) {
        let inner_end = inner.1.max(inner.0);
        let outer_end = outer.1.max(outer.0);
        let [a, b, c, d] = [outer.0, inner.0, inner_end, outer_end].map(|o| self.position(text, o));
        (
            span_between(text, outer.0, outer_end, a, d),
            span_between(text, inner.0, inner_end, b, c),
        )
    }

    pub fn span(&self, text: &str, start: usize, end: usize) -> Span {
        let end = end.max(start);
        let a = self.position(text, start);
        let b = self.position(text, end);
        span_between(text, start, end, a, b)
    }

    /// Byte offset of a (0-based line, UTF-16 column) position, clamped to the line.
    pub fn offset_of_utf16(&self, text: &str, line0: u32, utf16_col: u32) -> usize {
        let Some(&start) = self.line_starts.get(line0 as usize) else {
            return text.len();
        };
        let end = self
            .line_starts
            .get(line0 as usize + 1)
            .copied()
            .unwrap_or(text.len());
        let mut units = 0u32;
        for (i, ch) in text[start..end].char_indices() {
            if units >= utf16_col || ch == '\n' || ch == '\r' {
                return start + i;
            }
            units += ch.len_utf16() as u32;
        }
        end
    }

    /// Byte offset of a (0-based line, UTF-8 byte column) position, clamped to the line.
    pub fn offset_of_utf8(&self, text: &str, line0: u32, byte_col: u32) -> usize {
        let Some(&start) = self.line_starts.get(line0 as usize) else {
            return text.len();
        };
        let end = self
            .line_starts
            .get(line0 as usize + 1)
            .copied()
            .unwrap_or(text.len());
        floor_char_boundary(text, (start + byte_col as usize).min(end))
    }
}

/// The span from byte `start` (at position `a`) to byte `end` (at position `b`).
fn span_between(text: &str, start: usize, end: usize, a: Position, b: Position) -> Span {
    Span {
        start: floor_char_boundary(text, start.min(text.len())) as u32,
        end: floor_char_boundary(text, end.min(text.len())) as u32,
        line: a.line,
        col: a.col,
        end_line: b.line,
        end_col: b.col,
        utf16_col: a.utf16_col,
        end_utf16_col: b.utf16_col,
    }
}

/// Characters and UTF-16 code units in `bytes`, which start and end on character boundaries.
fn count_units(bytes: &[u8]) -> (u32, u32) {
    // One pass; the compiler vectorises it for long runs and it stays cheap for the short runs
    // most spans need.
    let (mut chars, mut astral) = (0u32, 0u32);
    for &b in bytes {
        chars += u32::from((b & 0xC0) != 0x80);
        astral += u32::from(b >= 0xF0);
    }
    (chars, chars + astral)
}

/// The largest char boundary not after `i`.
pub fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn columns_count_chars_and_utf16_units() {
        let text = "ab\n合计𠀀x\n";
        let idx = LineIndex::new(text);
        let x = text.find('x').unwrap();
        let s = idx.span(text, x, x + 1);
        assert_eq!((s.line, s.col, s.utf16_col), (2, 4, 4));
        assert_eq!((s.end_line, s.end_col, s.end_utf16_col), (2, 5, 5));
        assert_eq!(idx.offset_of_utf16(text, 1, 4), x);
    }

    /// (text, line starts): `\r\n`, `\n` and a lone `\r` each end a line.
    pub(crate) const LINE_BREAK_CASES: &[(&str, &[usize])] = &[
        ("a\rb\rc", &[0, 2, 4]),
        ("a\r\nb\nc\r", &[0, 3, 5, 7]),
        ("\r\r\n\n", &[0, 1, 3, 4]),
        ("一\r二\r\n", &[0, 4, 9]),
        ("no break", &[0]),
    ];

    #[test]
    fn crlf_lf_and_lone_cr_end_lines() {
        for &(text, starts) in LINE_BREAK_CASES {
            let idx = LineIndex::new(text);
            assert_eq!(idx.line_starts(), starts, "{text:?}");
            for (line, &start) in starts.iter().enumerate() {
                let p = idx.position(text, start);
                assert_eq!(
                    (p.line as usize, p.col),
                    (line + 1, 1),
                    "{text:?} at {start}"
                );
            }
        }
    }

    #[test]
    fn positions_asked_in_any_order_agree() {
        let text = "第一行\n合计𠀀x，其中a1万元\n\n\n末行ab";
        let idx = LineIndex::new(text);
        let fresh = |o: usize| LineIndex::new(text).position(text, o);
        let offsets: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        for &o in offsets
            .iter()
            .rev()
            .chain(offsets.iter())
            .chain(offsets.iter().step_by(3).rev())
        {
            assert_eq!(idx.position(text, o), fresh(o), "offset {o}");
        }
    }
}
