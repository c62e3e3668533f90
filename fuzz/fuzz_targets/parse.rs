//! Any bytes through decoding and parsing: must never panic, and every fact's span must lie
//! inside the decoded text on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = budgetlint_model::parse(data) {
        for fact in &doc.facts {
            let (start, end) = (fact.span.start as usize, fact.span.end as usize);
            assert!(start <= end && end <= doc.text.len());
            assert!(doc.text.is_char_boundary(start) && doc.text.is_char_boundary(end));
        }
    }
});
