//! Any bytes through the HTML reader and then the parser: must never panic, the canonical text
//! has at most one blank line in a row, and every line the source map names is inside it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(reading) = budgetlint_readers::read_html(data) {
        assert!(!reading.text.contains("\n\n\n"));
        for (offset, _) in reading.text.char_indices() {
            let _ = reading.places.place_at(offset);
        }
        let _ = budgetlint_model::parse_text(reading.text);
    }
});
