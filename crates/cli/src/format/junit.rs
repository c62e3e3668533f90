//! `--format junit`: JUnit XML for CI test reports. One `<testsuite>` per document, one failing
//! `<testcase>` per finding (its `type` is the severity), one passing test case for a clean
//! document, and an `<error>` test case for a document that could not be checked.

use super::{xml_escape as esc, Format, Outcome, Summary};
use crate::cli::Lang;

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
                    let message = super::message(d, self.lang);
                    let mut body = format!(
                        "{}:{}:{}: {}[{}]: {}",
                        path,
                        d.span.line,
                        d.span.col,
                        d.severity.as_str(),
                        esc(&d.rule),
                        esc(message)
                    );
                    for r in &d.related {
                        body.push_str(&format!(
                            "\n  {}:{}: {}",
                            r.span.line,
                            r.span.col,
                            esc(&r.message)
                        ));
                    }
                    cases.push_str(&format!(
                        "    <testcase classname=\"{path}\" name=\"{} {}:{}\" file=\"{path}\" line=\"{}\">\n      <failure type=\"{}\" message=\"{}\">{body}</failure>\n    </testcase>\n",
                        esc(&d.rule),
                        d.span.line,
                        d.span.col,
                        d.span.line,
                        d.severity.as_str(),
                        esc(message),
                    ));
                }
                if report.findings.is_empty() {
                    cases.push_str(&format!("    <testcase classname=\"{path}\" name=\"budgetlint\" file=\"{path}\"/>\n"));
                }
                let n = report.findings.len();
                format!(
                    "  <testsuite name=\"{path}\" tests=\"{}\" failures=\"{n}\" errors=\"0\" skipped=\"0\">\n{cases}  </testsuite>\n",
                    n.max(1)
                )
            }
            Err(e) => {
                let path = esc(&e.path.display().to_string());
                format!(
                    "  <testsuite name=\"{path}\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n    <testcase classname=\"{path}\" name=\"budgetlint\" file=\"{path}\">\n      <error message=\"{}\"/>\n    </testcase>\n  </testsuite>\n",
                    esc(&e.message)
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
        let failures = s.errors + s.warnings + s.infos;
        let mut out = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"budgetlint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{}\">\n",
            s.file_errors
        );
        out.push_str(&files.concat());
        out.push_str("</testsuites>\n");
        out
    }
}
