//! `--format junit`: JUnit XML for CI test reports. One `<testsuite>` per document, one
//! `<testcase>` per finding — failing for an error or a warning (its `type` is the severity),
//! passing with the message as `<system-out>` for an info, which is advice, not a failure —
//! one passing test case for a clean document, and an `<error>` test case for a document that
//! could not be checked. A finding's page or cell follows its message, and the body lists the
//! places that explain it (in a `--package`, the other file's with its path), each with its
//! page or cell.
//!
//! The XML is written as text with [`super::xml_escape`] rather than with quick-xml's writer:
//! the document is a fixed two-level shape, and quick-xml's escaping lets through the control
//! characters (a PDF's form feed) that XML 1.0 forbids.

use super::{xml_escape as esc, Format, Outcome, Summary};
use crate::cli::Lang;
use budgetlint_protocol::Severity;

pub struct Junit {
    pub lang: Lang,
}

impl Format for Junit {
    fn file(&self, outcome: &Outcome) -> String {
        match outcome {
            Ok(report) => {
                let path = esc(&report.path.display().to_string());
                let mut cases = String::new();
                for f in &report.findings {
                    let d = &f.diagnostic;
                    let here = super::place(report, &d.span);
                    let message = format!(
                        "{}{}",
                        super::message(d, self.lang),
                        super::place_words(here.page, here.cell, self.lang)
                    );
                    let mut body = format!(
                        "{}:{}:{}: {}[{}]: {}",
                        path,
                        d.span.line,
                        d.span.col,
                        crate::i18n::severity_word(d.severity, self.lang),
                        esc(&d.rule),
                        esc(&message)
                    );
                    for r in super::related_places(report, f) {
                        body.push_str(&format!("\n  {}", esc(&super::related_line(&r, self.lang))));
                    }
                    let outcome = if d.severity == Severity::Info {
                        format!("<system-out>{body}</system-out>")
                    } else {
                        format!(
                            "<failure type=\"{}\" message=\"{}\">{body}</failure>",
                            d.severity.as_str(),
                            esc(&message),
                        )
                    };
                    cases.push_str(&format!(
                        "    <testcase classname=\"{path}\" name=\"{} {}:{}\" file=\"{path}\" line=\"{}\">\n      {outcome}\n    </testcase>\n",
                        esc(&d.rule),
                        d.span.line,
                        d.span.col,
                        d.span.line,
                    ));
                }
                if report.findings.is_empty() {
                    cases.push_str(&format!("    <testcase classname=\"{path}\" name=\"budgetlint\" file=\"{path}\"/>\n"));
                }
                let n = report.findings.len();
                let failures = report
                    .findings
                    .iter()
                    .filter(|f| f.diagnostic.severity != Severity::Info)
                    .count();
                format!(
                    "  <testsuite name=\"{path}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">\n{cases}  </testsuite>\n",
                    n.max(1)
                )
            }
            Err(e) => {
                let path = esc(&e.path.display().to_string());
                format!(
                    "  <testsuite name=\"{path}\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n    <testcase classname=\"{path}\" name=\"budgetlint\" file=\"{path}\">\n      <error message=\"{}\"/>\n    </testcase>\n  </testsuite>\n",
                    esc(e.message_in(self.lang == Lang::Zh))
                )
            }
        }
    }

    fn streams(&self) -> bool {
        false
    }

    fn end(&self, _summary: &Summary) -> String {
        "</testsuites>\n".to_string()
    }

    fn finish(&self, files: Vec<String>, s: &Summary) -> String {
        let tests: usize = files.iter().map(|f| f.matches("<testcase ").count()).sum();
        let failures = s.errors + s.warnings;
        let mut out = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"budgetlint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{}\">\n",
            s.file_errors
        );
        out.push_str(&files.concat());
        out.push_str("</testsuites>\n");
        out
    }
}
