//! The plugin boundary, host side: any bytes as a plugin's response (`wire::decode_response`,
//! then each diagnostic's spans, related places and fix edits turned into positions in a text),
//! and as the frames of a worker process (`worker::read_response`). A plugin is not trusted:
//! offsets past the end or inside a character must be clamped, never panic.
#![no_main]

use budgetlint_engine::{wire, worker};
use budgetlint_model::LineIndex;
use libfuzzer_sys::fuzz_target;

const TEXT: &str = "一、部门概况\n支出合计 1,234.56 万元，其中：基本支出 1,000.00 万元。\n𠀀\n";

fuzz_target!(|data: &[u8]| {
    let mut frames = data;
    while let Ok(Some(_)) = worker::read_response(&mut frames) {}
    let Ok(response) = wire::decode_response(data) else { return };
    let index = LineIndex::new(TEXT);
    for d in response.diagnostics {
        let d = d.into_diagnostic(TEXT, &index);
        assert!(d.span.start as usize <= TEXT.len() && d.span.end as usize <= TEXT.len());
        assert!(d.span.start <= d.span.end);
    }
});
