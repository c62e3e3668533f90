//! Byte offsets ↔ LSP positions in the negotiated encoding (UTF-8 or UTF-16 code units).
//!
//! The engine and the model speak byte offsets into the text; LSP speaks (line, character) where
//! "character" counts code units of the negotiated encoding. Characters outside the BMP (rare
//! name characters such as 𠀀 do occur in government documents) are one `char`, two UTF-16 units
//! and four UTF-8 bytes, so every conversion goes through the text itself, never through
//! character counts.

use budgetlint_model::span::floor_char_boundary;
use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range};

/// The position encoding agreed with the client at initialization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    Utf8,
    /// The LSP default, and what clients that do not negotiate (Neovim 0.7, older VS Code) use.
    #[default]
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client offers it (no conversion needed), else UTF-16, which every client
    /// must support.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }
}

/// Applies one `didChange` content change to `text` (all of it when `range` is `None`) and
/// returns the new line index: the server's edit path, also run by the fuzz target.
pub fn apply_change(
    text: &mut String,
    index: &LineIndex,
    range: Option<Range>,
    new_text: String,
    encoding: Encoding,
) -> LineIndex {
    match range {
        None => *text = new_text,
        Some(range) => {
            let positions = Positions {
                text,
                index,
                encoding,
            };
            let (a, b) = (positions.offset(range.start), positions.offset(range.end));
            text.replace_range(a.min(b)..a.max(b), &new_text);
        }
    }
    LineIndex::new(text)
}

/// Where each line of a text starts. (The model's `LineIndex` caches its last lookup in a
/// `Cell`, so it cannot be shared between the server's threads; this one is plain data.)
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Lines end at `\r\n`, `\n` or a lone `\r`, as LSP says (and the model's index): with
    /// `\n` alone, a file of CR line breaks was one line here and many in the editor, so
    /// every position the editor sent missed.
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        starts.extend(
            bytes
                .iter()
                .enumerate()
                .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// Byte offset of the start of 0-based `line`.
    pub fn line_start(&self, line: u32) -> Option<usize> {
        self.starts.get(line as usize).copied()
    }

    /// 0-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> u32 {
        match self.starts.binary_search(&offset) {
            Ok(i) => i as u32,
            Err(i) => i.saturating_sub(1) as u32,
        }
    }
}

/// A text with its line index, able to convert positions both ways.
#[derive(Debug, Clone, Copy)]
pub struct Positions<'a> {
    pub text: &'a str,
    pub index: &'a LineIndex,
    pub encoding: Encoding,
}

impl Positions<'_> {
    /// The LSP position of a byte offset (clamped to the text and to a character boundary).
    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.index.line_of(offset);
        let start = self.index.line_start(line).unwrap_or(0).min(offset);
        let prefix = &self.text[start..offset];
        let character = match self.encoding {
            Encoding::Utf8 => prefix.len(),
            Encoding::Utf16 if prefix.is_ascii() => prefix.len(),
            Encoding::Utf16 => prefix.chars().map(char::len_utf16).sum(),
        };
        Position {
            line,
            character: character as u32,
        }
    }

    pub fn range(&self, start: usize, end: usize) -> Range {
        Range {
            start: self.position(start),
            end: self.position(end.max(start)),
        }
    }

    /// The byte offset of an LSP position. A character past the end of its line means the end of
    /// the line (before its line break), a line past the end means the end of the text, and a
    /// position inside a character (half of a surrogate pair, the middle of a UTF-8 sequence)
    /// moves to the end of that character, so a client that miscounts cannot make us split one.
    pub fn offset(&self, position: Position) -> usize {
        let Some(start) = self.index.line_start(position.line) else {
            return self.text.len();
        };
        let end = self.line_end(position.line);
        let offset = match self.encoding {
            Encoding::Utf8 => (start + position.character as usize).min(end),
            Encoding::Utf16 => {
                utf16_offset(&self.text[start..end], position.character).map_or(end, |i| start + i)
            }
        };
        ceil_char_boundary(self.text, offset)
    }

    /// The byte offset where 0-based `line` ends, before its `\n`, `\r\n` or lone `\r`.
    fn line_end(&self, line: u32) -> usize {
        let Some(start) = self.index.line_start(line) else {
            return self.text.len();
        };
        let end = self
            .index
            .line_start(line + 1)
            .map_or(self.text.len(), |next| next - 1)
            .max(start);
        if self.text[start..end].ends_with('\r') {
            end - 1
        } else {
            end
        }
    }
}

/// The byte offset in `line` where `units` UTF-16 code units have been counted, rounded up to
/// the end of a character; `None` past the end of the line.
fn utf16_offset(line: &str, units: u32) -> Option<usize> {
    let mut counted = 0u32;
    for (i, ch) in line.char_indices() {
        if counted >= units {
            return Some(i);
        }
        counted += ch.len_utf16() as u32;
    }
    (counted >= units).then_some(line.len())
}

/// The smallest character boundary not before `offset`.
fn ceil_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset < text.len() && !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset.min(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(text: &str) -> [(Encoding, LineIndex); 2] {
        [
            (Encoding::Utf8, LineIndex::new(text)),
            (Encoding::Utf16, LineIndex::new(text)),
        ]
    }

    #[test]
    fn characters_outside_the_bmp_count_as_two_utf16_units_and_four_bytes() {
        let text = "合计\n甲𠀀乙 10.5万元\n";
        let idx = LineIndex::new(text);
        let yi = text.find('乙').unwrap();
        let p16 = Positions {
            text,
            index: &idx,
            encoding: Encoding::Utf16,
        };
        let p8 = Positions {
            text,
            index: &idx,
            encoding: Encoding::Utf8,
        };
        assert_eq!(
            p16.position(yi),
            Position {
                line: 1,
                character: 3
            }
        );
        assert_eq!(
            p8.position(yi),
            Position {
                line: 1,
                character: 7
            }
        );
        assert_eq!(
            p16.offset(Position {
                line: 1,
                character: 3
            }),
            yi
        );
        assert_eq!(
            p8.offset(Position {
                line: 1,
                character: 7
            }),
            yi
        );
    }

    #[test]
    fn every_offset_round_trips_and_inner_positions_never_split_a_character() {
        let text = "a𠀀b\r\n合计：10\n\n末";
        for (encoding, index) in both(text) {
            let p = Positions {
                text,
                index: &index,
                encoding,
            };
            for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
                if text[..offset].ends_with('\r') {
                    continue;
                }
                assert_eq!(
                    p.offset(p.position(offset)),
                    offset,
                    "{encoding:?} {offset}"
                );
            }
            for line in 0..6 {
                for character in 0..12 {
                    let o = p.offset(Position { line, character });
                    assert!(text.is_char_boundary(o), "{encoding:?} {line}:{character}");
                }
            }
        }
    }

    /// Issue 17, item 6: a lone CR is a line break for the server as for the editor, in
    /// positions both ways and in edits.
    #[test]
    fn a_lone_cr_ends_a_line_like_lf_and_crlf() {
        let text = "一\r二\n三\r\n四\r\r五";
        let starts = [0, 4, 8, 13, 17, 18];
        for (encoding, index) in both(text) {
            let p = Positions {
                text,
                index: &index,
                encoding,
            };
            for (line, &start) in starts.iter().enumerate() {
                let at = Position {
                    line: line as u32,
                    character: 0,
                };
                assert_eq!(p.offset(at), start, "{encoding:?} line {line}");
                assert_eq!(p.position(start), at, "{encoding:?} line {line}");
            }
            // Past the end of a line stops before its lone CR.
            let end_of_first = p.offset(Position {
                line: 0,
                character: 9,
            });
            assert_eq!(end_of_first, 3, "{encoding:?}");
            let mut edited = text.to_string();
            let range = Range {
                start: Position {
                    line: 5,
                    character: 0,
                },
                end: Position {
                    line: 5,
                    character: 0,
                },
            };
            let new = apply_change(&mut edited, &index, Some(range), "〇".into(), encoding);
            assert_eq!(edited, "一\r二\n三\r\n四\r\r〇五", "{encoding:?}");
            assert_eq!(new, LineIndex::new(&edited));
        }
    }

    #[test]
    fn positions_past_the_line_end_clamp_to_the_line() {
        let text = "ab\ncd\n";
        for (encoding, index) in both(text) {
            let p = Positions {
                text,
                index: &index,
                encoding,
            };
            assert_eq!(
                p.offset(Position {
                    line: 0,
                    character: 99
                }),
                2
            );
            assert_eq!(
                p.offset(Position {
                    line: 9,
                    character: 0
                }),
                text.len()
            );
        }
    }
}
