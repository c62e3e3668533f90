//! `--format rdjson`: reviewdog's diagnostic format (a `DiagnosticResult`), for
//! `reviewdog -f=rdjson`. Columns count UTF-8 bytes, as the format specifies; fixes become
//! `suggestions` (a reviewer accepts or rejects them, so unsafe fixes are offered too).
//! The page or cell of a PDF or spreadsheet follows the message; the places that explain a
//! finding (in a `--package`, the other file's with its path) are `related_locations` and
//! follow the message on lines of their own too, for the reporters that show only messages.

use super::RelatedPlace;
use super::{Format, Outcome, Summary};
use crate::cli::Lang;
use budgetlint_engine::{FileReport, Finding};
use budgetlint_model::LineIndex;
use budgetlint_protocol::Severity;
use serde_json::{json, Value};

pub struct Rdjson {
    pub lang: Lang,
}

impl Format for Rdjson {
    fn file(&self, outcome: &Outcome) -> String {
        let diagnostics: Vec<Value> = match outcome {
            Ok(report) => {
                let index = LineIndex::new(&report.text);
                report
                    .findings
                    .iter()
                    .map(|f| self.diagnostic(report, &index, f))
                    .collect()
            }
            Err(e) => vec![json!({
                "message": e.message,
                "location": { "path": e.path.display().to_string() },
                "severity": "ERROR",
                "code": { "value": "budgetlint/file-error" },
            })],
        };
        diagnostics
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join(",")
    }

    fn start(&self) -> String {
        "{\"source\":{\"name\":\"budgetlint\"},\"diagnostics\":[".to_string()
    }

    fn separator(&self) -> &'static str {
        ","
    }

    fn end(&self, _summary: &Summary) -> String {
        "]}\n".to_string()
    }
}

impl Rdjson {
    fn diagnostic(&self, report: &FileReport, index: &LineIndex, finding: &Finding) -> Value {
        let d = &finding.diagnostic;
        let here = super::place(report, &d.span);
        let mut message = format!(
            "{}{}",
            super::message(d, self.lang),
            super::place_words(here.page, here.cell, self.lang)
        );
        let related = super::related_places(report, finding);
        for r in &related {
            message.push('\n');
            message.push_str(&super::related_line(r, self.lang));
        }
        let related_locations: Vec<Value> = related
            .iter()
            .map(|r| related_location(report, index, r, self.lang))
            .collect();
        let severity = match d.severity {
            Severity::Error => "ERROR",
            Severity::Warning => "WARNING",
            Severity::Info => "INFO",
        };
        let suggestions: Vec<Value> = d
            .fix
            .iter()
            .flat_map(|fix| &fix.edits)
            .map(
                |e| json!({ "range": range(report, index, e.start, e.end), "text": e.replacement }),
            )
            .collect();
        let mut out = json!({
            "message": message,
            "location": { "path": report.path.display().to_string(), "range": range(report, index, d.span.start, d.span.end) },
            "severity": severity,
            "code": { "value": d.rule },
        });
        if !suggestions.is_empty() {
            out["suggestions"] = Value::Array(suggestions);
        }
        if !related_locations.is_empty() {
            out["related_locations"] = Value::Array(related_locations);
        }
        out
    }
}

/// A `RelatedLocation`: in the finding's own file, or in another file of a `--package` (whose
/// byte columns the engine computed on that file's text). The message carries the page or cell.
fn related_location(report: &FileReport, index: &LineIndex, r: &RelatedPlace, lang: Lang) -> Value {
    let message = format!("{}{}", r.message, super::place_words(r.page, r.cell, lang));
    let (path, range) = match (r.path, r.byte_columns) {
        (Some(path), Some((start, end))) => (
            path.display().to_string(),
            json!({
                "start": { "line": r.span.line, "column": start },
                "end": { "line": r.span.end_line, "column": end },
            }),
        ),
        _ => (
            report.path.display().to_string(),
            range(report, index, r.span.start, r.span.end),
        ),
    };
    json!({ "message": message, "location": { "path": path, "range": range } })
}

/// A range with 1-based lines and 1-based UTF-8 byte columns, end exclusive.
fn range(report: &FileReport, index: &LineIndex, start: u32, end: u32) -> Value {
    json!({ "start": position(report, index, start), "end": position(report, index, end) })
}

fn position(report: &FileReport, index: &LineIndex, offset: u32) -> Value {
    let offset = budgetlint_model::span::floor_char_boundary(&report.text, offset as usize);
    let line = index.line_of(offset);
    let start = index.line_start(line).unwrap_or(0);
    json!({ "line": line, "column": offset.saturating_sub(start) + 1 })
}
