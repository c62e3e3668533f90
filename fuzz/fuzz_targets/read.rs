//! Any bytes through `budgetlint_readers::read` as a `.txt` file: sniffing, decoding, the text
//! reader and the layout rebuilder for `pdftotext -layout` text (and the HTML and office readers
//! when the bytes look like one), then the parser. PDF-looking input is skipped (that reader
//! runs an external program; `pdf_boxes` fuzzes what follows it). Must never panic; the offset
//! map of a rebuilt text leads into the original text.
#![no_main]

use budgetlint_readers::{read, sniff, Format, ReadOptions};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    if sniff(data) == Format::Pdf {
        return;
    }
    let Ok(reading) = read(Path::new("fuzz.txt"), data, &ReadOptions::default()) else {
        return;
    };
    if let Some(origin) = &reading.origin {
        for (offset, _) in reading.text.char_indices() {
            assert!(origin.map.original(offset) <= origin.text.len());
        }
    }
    let _ = budgetlint_model::parse_text(reading.text);
});
