//! `--format github`: GitHub Actions workflow commands, one per finding, which GitHub shows as
//! annotations on the file and line:
//! `::error file=a.txt,line=3,col=9,endLine=3,endColumn=11,title=wording/bufen::message`.
//! Errors are `error`, warnings `warning`, infos `notice`. The page or cell of a PDF or
//! spreadsheet follows the message (`（第 3 页）`), and the places that explain a finding (the
//! parts of a sum; in a `--package`, the other file's with its path) follow on lines of their
//! own, each with its page or cell.

use super::{Format, Outcome, Summary};
use crate::cli::Lang;
use budgetlint_protocol::Severity;

pub struct Github {
    pub lang: Lang,
}

impl Format for Github {
    fn file(&self, outcome: &Outcome) -> String {
        let mut out = String::new();
        match outcome {
            Ok(report) => {
                let file = property(&report.path.display().to_string());
                for f in &report.findings {
                    let d = &f.diagnostic;
                    let command = match d.severity {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                        Severity::Info => "notice",
                    };
                    let here = super::place(report, &d.span);
                    let mut message = format!(
                        "{}{}",
                        super::message(d, self.lang),
                        super::place_words(here.page, here.cell, self.lang)
                    );
                    for r in super::related_places(report, f) {
                        message.push('\n');
                        message.push_str(&super::related_line(&r, self.lang));
                    }
                    out.push_str(&format!(
                        "::{command} file={file},line={},col={},endLine={},endColumn={},title={}::{}\n",
                        d.span.line,
                        d.span.col,
                        d.span.end_line,
                        d.span.end_col,
                        property(&d.rule),
                        data(&message)
                    ));
                }
            }
            Err(e) => {
                out.push_str(&format!(
                    "::error file={},title=budgetlint::{}\n",
                    property(&e.path.display().to_string()),
                    data(e.message_in(self.lang == Lang::Zh))
                ));
            }
        }
        out
    }

    fn end(&self, s: &Summary) -> String {
        let mut out = String::new();
        for p in &s.problems {
            out.push_str(&format!("::error title=budgetlint::{}\n", data(p)));
        }
        out.push_str(&super::human::summary_line(s, self.lang));
        out
    }
}

/// A command's message: `%`, CR and LF escaped.
pub fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A command's property value: like [`data`], and `:` and `,` too, which end a value.
pub fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_follow_the_workflow_command_rules() {
        assert_eq!(super::data("100%\r\n完成: a,b"), "100%25%0D%0A完成: a,b");
        assert_eq!(super::property("C:\\x,y%\n"), "C%3A\\x%2Cy%25%0A");
    }
}
