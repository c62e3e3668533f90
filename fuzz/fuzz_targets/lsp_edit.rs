//! Any sequence of `didChange` edits (ranges anywhere, past the end, reversed, inside a
//! character; UTF-8 or UTF-16 positions) through the server's edit path
//! (`budgetlint_lsp::position::apply_change`): never panics, the text stays valid UTF-8 (a
//! `String`), and the line index is always that of the text.
#![no_main]

use budgetlint_lsp::position::{apply_change, Encoding, LineIndex};
use libfuzzer_sys::fuzz_target;
use tower_lsp_server::ls_types::{Position, Range};

fuzz_target!(|data: &[u8]| {
    let Some((&mode, mut rest)) = data.split_first() else { return };
    let encoding = if mode & 1 == 0 { Encoding::Utf16 } else { Encoding::Utf8 };
    let mut text = String::from("一、部门概况\n（一）职能\r\n𠀀支出合计 1,234.56 万元\n");
    let mut index = LineIndex::new(&text);
    // Each edit: 8 bytes of positions, 1 byte of length, then that many bytes of new text.
    while rest.len() >= 9 {
        let n = |i: usize| u32::from(rest[i]) | (u32::from(rest[i + 1]) << 8);
        let range = (rest[0] != 0xFF).then(|| Range {
            start: Position { line: n(0) % 64, character: n(2) % 512 },
            end: Position { line: n(4) % 64, character: n(6) % 512 },
        });
        let len = usize::from(rest[8]).min(rest.len() - 9);
        let new_text = String::from_utf8_lossy(&rest[9..9 + len]).into_owned();
        rest = &rest[9 + len..];
        index = apply_change(&mut text, &index, range, new_text, encoding);
        assert_eq!(index, LineIndex::new(&text));
    }
});
