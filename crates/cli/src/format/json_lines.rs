//! `--format json-lines`: one JSON object per line, per finding: `path` and the members of a
//! `files[].diagnostics[]` entry of the JSON report (docs/OUTPUT.md). A file that could not be
//! checked is one line with `path` and `error`. No summary line: count the lines.

use super::json::{diagnostic_entries, DiagnosticEntry};
use super::{Format, Outcome, Summary};
use crate::cli::Lang;
use serde::Serialize;

pub struct JsonLines {
    pub lang: Lang,
}

#[derive(Serialize)]
struct Line<'a> {
    path: &'a str,
    #[serde(flatten)]
    diagnostic: DiagnosticEntry<'a>,
}

#[derive(Serialize)]
struct ErrorLine<'a> {
    path: &'a str,
    error: &'a str,
}

impl Format for JsonLines {
    fn file(&self, outcome: &Outcome) -> String {
        let mut out = String::new();
        match outcome {
            Ok(report) => {
                let path = report.path.display().to_string();
                for diagnostic in diagnostic_entries(report, &path, self.lang) {
                    out.push_str(
                        &serde_json::to_string(&Line {
                            path: &path,
                            diagnostic,
                        })
                        .expect("entries serialize"),
                    );
                    out.push('\n');
                }
            }
            Err(e) => {
                let path = e.path.display().to_string();
                out.push_str(
                    &serde_json::to_string(&ErrorLine {
                        path: &path,
                        error: &e.message,
                    })
                    .expect("entries serialize"),
                );
                out.push('\n');
            }
        }
        out
    }

    fn end(&self, _summary: &Summary) -> String {
        String::new()
    }
}
