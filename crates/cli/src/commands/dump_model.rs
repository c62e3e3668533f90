//! `budgetlint dump-model FILE`: the parsed model as pretty JSON, for rule authors; and
//! `budgetlint dump-text FILE`: the canonical text a reader made of the file, with page markers,
//! for plugin authors and for users who want to see what budgetlint read.

use crate::exit;
use budgetlint_readers::{Place, Reading};
use std::path::Path;

pub fn run(file: &Path) -> u8 {
    with_reading(file, |reading| {
        let mut doc = budgetlint_model::parse_text(reading.text);
        doc.source = reading.source;
        super::print(&(serde_json::to_string_pretty(&doc).expect("the model serializes") + "\n"));
    })
}

pub fn run_text(file: &Path) -> u8 {
    with_reading(file, |reading| super::print(&marked_text(&reading)))
}

fn with_reading(file: &Path, then: impl FnOnce(Reading)) -> u8 {
    let bytes = match budgetlint_readers::read_file_limited(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("budgetlint: error: {}: cannot read: {e}", file.display());
            return exit::TROUBLE;
        }
    };
    match budgetlint_engine::read(file, &bytes) {
        Ok(reading) => {
            for note in &reading.notes {
                eprintln!("budgetlint: {}: {note}", file.display());
            }
            then(reading);
            exit::CLEAN
        }
        Err(e) => {
            eprintln!("budgetlint: error: {e}");
            exit::TROUBLE
        }
    }
}

/// The canonical text with a `──── 第 N 页 ────` line where each page starts (form feeds
/// replaced), or a `──── Sheet!A1 ────` line where each sheet or element group starts.
fn marked_text(reading: &Reading) -> String {
    let mut out = String::with_capacity(reading.text.len() + 1024);
    let mut last: Option<String> = None;
    let mut offset = 0;
    for line in reading.text.split_inclusive('\n') {
        // A page's first line starts after the form feeds that end the pages before it.
        let content_start = offset + (line.len() - line.trim_start_matches('\x0c').len());
        let label = match reading.places.place_at(content_start) {
            Some(Place::Page(p)) => Some(format!("第 {p} 页")),
            Some(Place::Cell(c)) => c.split('!').next().map(|sheet| format!("工作表 {sheet}")),
            _ => None,
        };
        if label.is_some() && label != last {
            out.push_str(&format!(
                "──── {} ────\n",
                label.as_deref().unwrap_or_default()
            ));
            last = label;
        }
        out.push_str(&line.replace('\x0c', ""));
        offset += line.len();
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}
