//! `budgetlint dump-model FILE`: the parsed model as pretty JSON, for rule authors; and
//! `budgetlint dump-text FILE`: the canonical text a reader made of the file, with page markers,
//! for plugin authors and for users who want to see what budgetlint read.

use crate::cli::Lang;
use crate::exit;
use crate::i18n::pick;
use budgetlint_engine::FileError;
use budgetlint_readers::{Place, Reading};
use std::path::Path;

pub fn run(file: &Path, lang: Lang) -> u8 {
    with_reading(file, lang, |reading| {
        let mut doc = budgetlint_model::parse_text(reading.text);
        doc.source = reading.source;
        super::print(&(serde_json::to_string_pretty(&doc).expect("the model serializes") + "\n"));
    })
}

pub fn run_text(file: &Path, lang: Lang) -> u8 {
    with_reading(file, lang, |reading| super::print(&marked_text(&reading)))
}

/// Reads `file` and hands the reading on; its notes and errors go to stderr in `lang`.
fn with_reading(file: &Path, lang: Lang, then: impl FnOnce(Reading)) -> u8 {
    let chinese = lang == Lang::Zh;
    let error_word = pick(lang, "错误：", "error: ");
    let reading = budgetlint_readers::read_file_limited(file)
        .map_err(|e| FileError::io(file, &e))
        .and_then(|bytes| budgetlint_engine::read(file, &bytes));
    match reading {
        Ok(reading) => {
            for note in &reading.notes {
                let note = if chinese { &note.zh } else { &note.en };
                eprintln!("budgetlint: {}: {note}", file.display());
            }
            then(reading);
            exit::CLEAN
        }
        Err(e) => {
            eprintln!("budgetlint: {error_word}{}", e.display_in(chinese));
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
