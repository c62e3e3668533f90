//! The part of a document one code frame shows, with long lines cut down around the labels.
//!
//! Disclosures have paragraphs of several hundred characters on one line; a frame that prints
//! them whole is unreadable. An [`Excerpt`] holds only the lines a frame's labels touch (and
//! the line after each, which codespan-reporting prints to bridge a one-line gap), each cut to
//! windows around the labels, joined by `...`. It implements codespan-reporting's `Files` with
//! the original line numbers and columns, so headers still say `a.txt:140:110`, and underlines
//! stay aligned: codespan measures the kept text by display width (CJK and characters outside
//! the BMP such as 𠀀 count 2), and the cut marks are ASCII.

use budgetlint_model::LineIndex;
use codespan_reporting::files::{Error, Files};
use std::ops::Range;
use unicode_width::UnicodeWidthChar;

/// Lines up to this display width are shown whole.
const MAX_WIDTH: usize = 100;
/// Display columns kept on each side of a label in a cut line.
const CONTEXT: usize = 24;
/// A label wider than this is shown by its two ends.
const WIDE_LABEL: usize = 2 * CONTEXT;
/// Gaps narrower than this are kept rather than replaced by the cut mark.
const MIN_GAP: usize = 8;
const CUT: &str = "...";

pub struct Excerpt<'a> {
    name: String,
    text: &'a str,
    index: &'a LineIndex,
    source: String,
    lines: Vec<Line>,
}

/// One shown line: its 0-based index in the document, its range in `source` (with the newline),
/// and the pieces of the original line it keeps.
struct Line {
    index: usize,
    range: Range<usize>,
    pieces: Vec<Piece>,
}

/// `len` bytes copied from the document at `orig` to the excerpt at `virt`.
#[derive(Clone, Copy)]
struct Piece {
    virt: usize,
    orig: usize,
    len: usize,
}

impl<'a> Excerpt<'a> {
    /// The excerpt for labels with these byte ranges of `text`.
    pub fn new(
        name: String,
        text: &'a str,
        index: &'a LineIndex,
        labels: &[Range<usize>],
    ) -> Excerpt<'a> {
        let mut wanted: std::collections::BTreeMap<usize, Vec<Range<usize>>> = Default::default();
        for label in labels {
            let (start, end) = (
                clamp(text, label.start),
                clamp(text, label.end.max(label.start)),
            );
            let (first, last) = (line0(index, start), line0(index, end));
            if first == last {
                wanted.entry(first).or_default().push(start..end);
            } else {
                wanted.entry(first).or_default().push(start..start);
                wanted.entry(last).or_default().push(end..end);
                for middle in first + 1..last {
                    wanted.entry(middle).or_default();
                }
            }
        }
        let shown: Vec<usize> = wanted.keys().copied().collect();
        for line in shown {
            if line + 1 < index.line_count() {
                wanted.entry(line + 1).or_default();
            }
        }
        let mut excerpt = Excerpt {
            name,
            text,
            index,
            source: String::new(),
            lines: Vec::new(),
        };
        for (line, points) in wanted {
            excerpt.push_line(line, &points);
        }
        excerpt
    }

    fn push_line(&mut self, line: usize, points: &[Range<usize>]) {
        let (start, end) = line_bounds(self.text, self.index, line);
        let content = &self.text[start..end];
        let windows = if width(content) <= MAX_WIDTH {
            vec![(start, end)]
        } else {
            windows(self.text, start, end, points)
        };
        let begin = self.source.len();
        let mut pieces = Vec::new();
        if windows.first().is_some_and(|w| w.0 > start) {
            self.source.push_str(CUT);
        }
        for (i, &(a, b)) in windows.iter().enumerate() {
            if i > 0 {
                self.source.push_str(CUT);
            }
            pieces.push(Piece {
                virt: self.source.len(),
                orig: a,
                len: b - a,
            });
            self.source.push_str(&self.text[a..b]);
        }
        if windows.last().is_some_and(|w| w.1 < end) {
            self.source.push_str(CUT);
        }
        self.source.push('\n');
        self.lines.push(Line {
            index: line,
            range: begin..self.source.len(),
            pieces,
        });
    }

    /// Where a byte offset of the document is in the excerpt (the nearest kept place when it
    /// was cut away).
    pub fn map(&self, offset: usize) -> usize {
        let offset = clamp(self.text, offset);
        let Some(line) = self.line(line0(self.index, offset)) else {
            return self.source.len();
        };
        let mut best = line.range.start;
        for p in &line.pieces {
            if offset < p.orig {
                return if best == line.range.start {
                    p.virt
                } else {
                    best
                };
            }
            if offset <= p.orig + p.len {
                return p.virt + (offset - p.orig);
            }
            best = p.virt + p.len;
        }
        best
    }

    /// Maps a label range.
    pub fn range(&self, range: Range<usize>) -> Range<usize> {
        let start = self.map(range.start);
        start..self.map(range.end.max(range.start)).max(start)
    }

    fn line(&self, index: usize) -> Option<&Line> {
        self.lines
            .binary_search_by_key(&index, |l| l.index)
            .ok()
            .map(|i| &self.lines[i])
    }

    fn line_at(&self, byte: usize) -> &Line {
        let i = self.lines.partition_point(|l| l.range.start <= byte);
        &self.lines[i.saturating_sub(1).min(self.lines.len() - 1)]
    }
}

impl<'b> Files<'b> for Excerpt<'_> {
    type FileId = ();
    type Name = &'b str;
    type Source = &'b str;

    fn name(&'b self, _: ()) -> Result<&'b str, Error> {
        Ok(&self.name)
    }

    fn source(&'b self, _: ()) -> Result<&'b str, Error> {
        Ok(&self.source)
    }

    fn line_index(&'b self, _: (), byte: usize) -> Result<usize, Error> {
        if self.lines.is_empty() {
            return Ok(0);
        }
        Ok(self.line_at(byte).index)
    }

    fn line_range(&'b self, _: (), line_index: usize) -> Result<Range<usize>, Error> {
        match self.line(line_index) {
            Some(l) => Ok(l.range.clone()),
            None if self.lines.is_empty() && line_index == 0 => Ok(0..0),
            None => Err(Error::LineTooLarge {
                given: line_index,
                max: self.lines.last().map_or(0, |l| l.index),
            }),
        }
    }

    /// The column in the original line, in characters, so headers match the other formats.
    fn column_number(&'b self, _: (), line_index: usize, byte: usize) -> Result<usize, Error> {
        let Some(line) = self.line(line_index) else {
            return Ok(1);
        };
        let piece = line
            .pieces
            .iter()
            .rev()
            .find(|p| p.virt <= byte)
            .or(line.pieces.first());
        let Some(p) = piece else { return Ok(1) };
        let orig = clamp(self.text, p.orig + byte.saturating_sub(p.virt).min(p.len));
        let (line_start, _) = line_bounds(self.text, self.index, line_index);
        Ok(self.text[line_start..orig.max(line_start)].chars().count() + 1)
    }
}

/// Windows (byte ranges of the line) around the labels of a long line, merged.
fn windows(text: &str, start: usize, end: usize, points: &[Range<usize>]) -> Vec<(usize, usize)> {
    let mut raw: Vec<(usize, usize)> = Vec::new();
    for p in points {
        let (a, b) = (p.start.clamp(start, end), p.end.clamp(start, end));
        if width(&text[a..b]) > WIDE_LABEL {
            raw.push((
                back(text, start, a, CONTEXT),
                forward(text, end, a, CONTEXT),
            ));
            raw.push((
                back(text, start, b, CONTEXT),
                forward(text, end, b, CONTEXT),
            ));
        } else {
            raw.push((
                back(text, start, a, CONTEXT),
                forward(text, end, b, CONTEXT),
            ));
        }
    }
    if raw.is_empty() {
        raw.push((start, forward(text, end, start, MAX_WIDTH)));
    }
    raw.sort();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (a, b) in raw {
        match merged.last_mut() {
            Some(last) if a <= last.1 || width(&text[last.1..a]) < MIN_GAP => {
                last.1 = last.1.max(b)
            }
            _ => merged.push((a, b)),
        }
    }
    // Cutting a few columns off either end saves nothing.
    if let Some(first) = merged.first_mut() {
        if width(&text[start..first.0]) < MIN_GAP {
            first.0 = start;
        }
    }
    if let Some(last) = merged.last_mut() {
        if width(&text[last.1..end]) < MIN_GAP {
            last.1 = end;
        }
    }
    merged
}

/// The offset `columns` display columns before `at`, not before `floor`.
fn back(text: &str, floor: usize, at: usize, columns: usize) -> usize {
    let mut used = 0;
    let mut pos = at;
    for (i, c) in text[floor..at].char_indices().rev() {
        used += c.width().unwrap_or(0);
        if used > columns {
            break;
        }
        pos = floor + i;
    }
    pos
}

/// The offset `columns` display columns after `at`, not after `ceiling`.
fn forward(text: &str, ceiling: usize, at: usize, columns: usize) -> usize {
    let mut used = 0;
    for (i, c) in text[at..ceiling].char_indices() {
        used += c.width().unwrap_or(0);
        if used > columns {
            return at + i;
        }
    }
    ceiling
}

fn width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

fn clamp(text: &str, offset: usize) -> usize {
    budgetlint_model::span::floor_char_boundary(text, offset.min(text.len()))
}

/// 0-based line of a byte offset.
fn line0(index: &LineIndex, offset: usize) -> usize {
    (index.line_of(offset) as usize).saturating_sub(1)
}

/// Byte range of a line's content, without its line ending.
fn line_bounds(text: &str, index: &LineIndex, line: usize) -> (usize, usize) {
    let start = index
        .line_start(line as u32 + 1)
        .unwrap_or(text.len())
        .min(text.len());
    let next = index
        .line_start(line as u32 + 2)
        .unwrap_or(text.len())
        .min(text.len());
    let content = text[start..next].trim_end_matches(['\n', '\r']);
    (start, start + content.len())
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)] // one label is a list of one range
mod tests {
    use super::*;

    fn excerpt<'a>(text: &'a str, index: &'a LineIndex, labels: Vec<Range<usize>>) -> Excerpt<'a> {
        Excerpt::new("a.txt".into(), text, index, &labels)
    }

    #[test]
    fn short_lines_are_kept_whole_with_the_next_line() {
        let text = "第一行\n合计𠀀10万元\n第三行\n第四行\n";
        let index = LineIndex::new(text);
        let start = text.find("10").unwrap();
        let e = excerpt(text, &index, vec![start..start + 2]);
        assert_eq!(e.source, "合计𠀀10万元\n第三行\n");
        assert_eq!(&e.source[e.range(start..start + 2)], "10");
        assert_eq!(e.location((), e.map(start)).unwrap().column_number, 4);
        assert_eq!(e.location((), e.map(start)).unwrap().line_number, 2);
    }

    #[test]
    fn long_lines_are_cut_around_each_label() {
        let line = format!(
            "{}合计100万元{}其中50万元{}",
            "甲".repeat(80),
            "乙".repeat(80),
            "丙".repeat(80)
        );
        let index = LineIndex::new(&line);
        let a = line.find("100").unwrap();
        let b = line.find("50").unwrap();
        let e = excerpt(&line, &index, vec![a..a + 3, b..b + 2]);
        let shown = e.source.trim_end();
        assert!(
            shown.starts_with("...甲") && shown.ends_with("丙..."),
            "{shown}"
        );
        assert_eq!(shown.matches("...").count(), 3, "{shown}");
        assert!(width(shown) < 2 * (2 * CONTEXT + 12) + 9, "{shown}");
        assert_eq!(&e.source[e.range(a..a + 3)], "100");
        assert_eq!(&e.source[e.range(b..b + 2)], "50");
        assert_eq!(
            e.location((), e.map(b)).unwrap().column_number,
            line[..b].chars().count() + 1
        );
    }

    #[test]
    fn multi_line_labels_and_crlf() {
        let text = "一\r\n二\r\n三\r\n";
        let index = LineIndex::new(text);
        let e = excerpt(text, &index, vec![0..text.find('三').unwrap() + 3]);
        assert_eq!(
            e.source, "一\n二\n三\n\n",
            "the empty line after the last newline bridges nothing but is harmless"
        );
        assert!(e.line_range((), 5).is_err());
    }
}
