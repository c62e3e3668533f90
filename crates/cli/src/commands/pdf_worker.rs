//! `budgetlint __pdf-worker FILE TIMEOUT_MS RULES_MS` (hidden): the built-in PDF reader on one
//! file in a process of its own (budgetlint_readers::pdf_worker), so that a PDF that sends it
//! into an endless loop or eats memory costs this process only: the host kills it at the time
//! limit and reads the PDF with pdftotext instead.

use std::io::Write;
use std::path::Path;

pub fn run(file: &Path, timeout_ms: &str, rules_ms: &str) -> u8 {
    // Whatever the reader prints goes to stderr; the record goes to the real stdout.
    let mut output = super::plugin_worker::protocol_output();
    let code = budgetlint_readers::pdf_worker::serve(file, timeout_ms, rules_ms, &mut output);
    let _ = output.flush();
    code.clamp(0, 255) as u8
}
