//! Any text as the word-box XHTML `pdftotext -bbox-layout` prints, through the PDF reader's
//! layout (pages on a grid, paragraphs, tables) and the parser: must never panic, and every
//! offset of the text has a page.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(xhtml) = std::str::from_utf8(data) else { return };
    if let Ok(reading) = budgetlint_readers::read_pdf_boxes(xhtml) {
        for (offset, _) in reading.text.char_indices() {
            let _ = reading.places.place_at(offset);
        }
        let _ = budgetlint_model::parse_text(reading.text);
    }
});
