//! Lines of the text and what each looks like.

use crate::LineIndex;

/// One line of the text, without its line ending.
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    /// Byte offset of the first character.
    pub start: usize,
    pub text: &'a str,
    pub kind: LineKind,
}

impl Line<'_> {
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Empty or only white space.
    Blank,
    /// One leading tab and no other tab: one cell of a cell-per-line table.
    Cell,
    /// Tabs between cells: one row of a tab-separated table.
    TabRow,
    /// `| a | b |`
    PipeRow,
    /// `|---|:--:|`
    PipeRule,
    Text,
}

/// The lines of `text`, whose line starts `index` already holds.
pub fn split_lines<'t>(text: &'t str, index: &LineIndex) -> Vec<Line<'t>> {
    let starts = index.line_starts();
    let ends = starts
        .iter()
        .skip(1)
        .map(|&next| next - 1)
        .chain([text.len()]);
    starts
        .iter()
        .zip(ends)
        .map(|(&start, end)| {
            let piece = &text[start..end];
            let content = piece.strip_suffix('\r').unwrap_or(piece);
            Line {
                start,
                text: content,
                kind: classify(content),
            }
        })
        .collect()
}

fn classify(line: &str) -> LineKind {
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return if line == "\t" {
            LineKind::Cell
        } else {
            LineKind::Blank
        };
    }
    if trimmed.starts_with('|') && trimmed.ends_with('|') && trimmed.len() > 1 {
        let rule = trimmed.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '));
        return if rule {
            LineKind::PipeRule
        } else {
            LineKind::PipeRow
        };
    }
    let tabs = memchr::memchr_iter(b'\t', line.as_bytes()).count();
    if tabs == 0 {
        return LineKind::Text;
    }
    let leading = line.len() - line.trim_start_matches('\t').len();
    if leading == 1 && tabs == 1 {
        LineKind::Cell
    } else {
        LineKind::TabRow
    }
}

/// Trimmed sub-slice of `s` with its byte offset inside `s`. Trims ASCII and full-width spaces.
pub fn trim_with_offset(s: &str) -> (usize, &str) {
    let is_space = |c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{FEFF}';
    let start = s.len() - s.trim_start_matches(is_space).len();
    let t = s[start..].trim_end_matches(is_space);
    (start, t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_end_at_crlf_lf_and_lone_cr() {
        for &(text, starts) in crate::span::tests::LINE_BREAK_CASES {
            let lines = split_lines(text, &LineIndex::new(text));
            let got: Vec<(usize, &str)> = lines.iter().map(|l| (l.start, l.text)).collect();
            let want: Vec<(usize, &str)> = starts
                .iter()
                .map(|&s| {
                    let rest = &text[s..];
                    (s, &rest[..rest.find(['\r', '\n']).unwrap_or(rest.len())])
                })
                .collect();
            assert_eq!(got, want, "{text:?}");
        }
    }
}
