//! Word boxes and drawn rules, both from any bytes, through the PDF reader's ruled-table pass
//! (grids, merged cells, rows cut by a page, columns set out), its layout and the parser: must
//! never panic, and every offset of the text has a page. The bytes up to the first 0 are the
//! word-box XHTML (`pdftotext -bbox-layout`); the rest are rules of eight bytes each: page,
//! direction, and three coordinates of two bytes (tenths of a point).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let Ok(xhtml) = std::str::from_utf8(&data[..split]) else {
        return;
    };
    let coordinate = |b: &[u8]| f64::from(u16::from_le_bytes([b[0], b[1]])) / 10.0;
    let rules: Vec<(usize, bool, f64, f64, f64)> = data[split..]
        .chunks_exact(8)
        .map(|r| {
            (
                usize::from(r[0] % 4),
                r[1] % 2 == 0,
                coordinate(&r[2..4]),
                coordinate(&r[4..6]),
                coordinate(&r[6..8]),
            )
        })
        .collect();
    if let Ok(reading) = budgetlint_readers::read_pdf_boxes_with_rules(xhtml, &rules) {
        for (offset, _) in reading.text.char_indices() {
            let _ = reading.places.place_at(offset);
        }
        let _ = budgetlint_model::parse_text(reading.text);
    }
});
