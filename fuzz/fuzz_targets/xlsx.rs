//! Any bytes through the XLSX reader: must never panic (the reader also guards calamine with
//! `catch_unwind`; the fuzzer's panic hook still reports a panic inside it as a crash, which is
//! what we want to find).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(reading) = budgetlint_readers::read_xlsx(data) {
        budgetlint_model::parse_text(reading.text);
    }
});
