//! `--format concise`: one line per finding, `path:line:col: 警告 [rule] message`, with the page
//! or cell of a PDF or spreadsheet after the message and the places in the other files of a
//! `--package` (` [另见 公开表.xlsx:75:21（单元格 表4!D15）]`), then the summary line. For
//! terminals and editors that jump to `path:line:col`, and for `grep`.

use super::{Context, Format, Outcome, Summary};
use crate::cli::Lang;
use crate::i18n::severity_word;
use budgetlint_engine::{FileReport, Finding};

pub struct Concise {
    pub context: Context,
}

impl Format for Concise {
    fn file(&self, outcome: &Outcome) -> String {
        let lang = self.context.lang;
        let report = match outcome {
            Ok(report) => report,
            Err(e) => return super::human::file_error(e, lang).trim_end().to_string() + "\n",
        };
        let path = report.path.display();
        let mut out = String::new();
        for note in &report.notes {
            let note = note.in_lang(lang == Lang::Zh);
            out.push_str(&format!("{path}: {}: {note}\n", lang_word(lang)));
        }
        for f in &report.findings {
            let d = &f.diagnostic;
            let place = super::place(report, &d.span);
            let at = super::place_words(place.page, place.cell, lang);
            out.push_str(&format!(
                "{path}:{}:{}: {} [{}] {}{at}{}\n",
                d.span.line,
                d.span.col,
                severity_word(d.severity, lang),
                d.rule,
                super::message(d, lang).replace('\n', " "),
                see_also(report, f, lang),
            ));
        }
        out
    }

    fn end(&self, s: &Summary) -> String {
        if self.context.quiet {
            String::new()
        } else {
            super::human::summary_line(s, self.context.lang)
        }
    }
}

/// ` [另见 公开表.xlsx:75:21（单元格 表4!D15）]`: the places of a finding in the other files of
/// a `--package`, which the line would otherwise not show (the places in its own file are
/// left to the other formats, to keep one line short).
fn see_also(report: &FileReport, finding: &Finding, lang: Lang) -> String {
    let places: Vec<String> = super::related_places(report, finding)
        .iter()
        .filter(|r| r.path.is_some())
        .map(|r| super::related_at(r, lang))
        .collect();
    if places.is_empty() {
        return String::new();
    }
    match lang {
        Lang::Zh => format!(" [另见 {}]", places.join("；")),
        Lang::En => format!(" [see also {}]", places.join("; ")),
    }
}

fn lang_word(lang: Lang) -> &'static str {
    crate::i18n::pick(lang, "注意", "note")
}
