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
        .and_then(|bytes| {
            // This binary is the PDF worker too (`__pdf-worker`), as for `check`.
            let options = budgetlint_readers::ReadOptions {
                pdf_worker: std::env::current_exe().ok(),
                ..budgetlint_readers::ReadOptions::default()
            };
            budgetlint_engine::read_with(file, &bytes, &options)
        });
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
        // The places of a rebuilt layout text are in the file's own text.
        let original = reading
            .origin
            .as_ref()
            .map_or(content_start, |o| o.map.original(content_start));
        let label = match reading.places.place_at(original) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use budgetlint_readers::ReadOptions;

    #[test]
    fn page_markers_of_a_rebuilt_layout_text_stand_where_its_pages_start() {
        // pdftotext -layout text: lines cut at the margin, a page number at each page's foot.
        let bodies = [
            "协调推进全市重大项目的前期手续办理，确保全年开\n工建设的项目按计划实施，做好项目储备",
            "加快轨道交通建设，推进地铁三期项目规划的审批进\n度，加大与整车企业的战略合作",
            "推进能源基础设施建设，做好供电项目开工的各项准\n备工作，协调推进电网项目建设",
        ];
        let page = |n: usize| {
            format!(
                "  （{n}）{}工作。\n\n                 - {n} -\n\x0c",
                bodies[n - 1]
            )
        };
        let input: String = (1..=3).map(page).collect();
        let reading = budgetlint_readers::read(
            Path::new("x.txt"),
            input.as_bytes(),
            &ReadOptions::default(),
        )
        .unwrap();
        assert!(reading.origin.is_some(), "read as layout text");
        let marked = marked_text(&reading);
        for n in 2..=3 {
            let marker = marked.find(&format!("──── 第 {n} 页 ────")).expect(&marked);
            let item = marked.find(&format!("（{n}）")).unwrap();
            let item_before = marked.find(&format!("（{}）", n - 1)).unwrap();
            assert!(item_before < marker && marker < item, "{marked}");
        }
    }
}
