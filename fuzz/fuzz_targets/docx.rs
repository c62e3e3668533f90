//! Any bytes through the DOCX reader: must never panic, and the text it gives must parse.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(reading) = budgetlint_readers::read_docx(data) {
        budgetlint_model::parse_text(reading.text);
    }
});
