//! `--format concise`: one line per finding, `path:line:col: 警告 [rule] message`, with the page
//! or cell of a PDF or spreadsheet after the message, then the summary line. For terminals and
//! editors that jump to `path:line:col`, and for `grep`.

use super::{Context, Format, Outcome, Summary};
use crate::cli::Lang;
use crate::i18n::severity_word;

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
            let at = match (place.cell, place.page, lang) {
                (Some(cell), _, Lang::Zh) => format!("（单元格 {cell}）"),
                (Some(cell), _, Lang::En) => format!(" (cell {cell})"),
                (None, Some(page), Lang::Zh) => format!("（第 {page} 页）"),
                (None, Some(page), Lang::En) => format!(" (page {page})"),
                (None, None, _) => String::new(),
            };
            out.push_str(&format!(
                "{path}:{}:{}: {} [{}] {}{at}\n",
                d.span.line,
                d.span.col,
                severity_word(d.severity, lang),
                d.rule,
                super::message(d, lang).replace('\n', " "),
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

fn lang_word(lang: Lang) -> &'static str {
    crate::i18n::pick(lang, "注意", "note")
}
