//! `--format json`: one JSON document, schema version 1, specified in docs/OUTPUT.md.

use super::{Format, Outcome, Summary};
use crate::cli::Lang;
use budgetlint_engine::{FileReport, Finding};
use budgetlint_model::LineIndex;
use budgetlint_protocol::{Applicability, Profile};
use serde::Serialize;

pub struct Json {
    pub lang: Lang,
}

/// Version of the output schema; bump on any incompatible change.
const VERSION: u32 = 1;

#[derive(Serialize)]
struct FileEntry<'a> {
    path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    encoding: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    profile: Option<ProfileEntry<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    /// What the reader noted but did not stop for (bytes it replaced …).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    notes: Vec<&'a str>,
    diagnostics: Vec<DiagnosticEntry<'a>>,
}

#[derive(Serialize)]
pub(super) struct DiagnosticEntry<'a> {
    rule: &'a str,
    severity: &'static str,
    message: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    /// The page of a paginated source (PDF, or text with form feeds).
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<u32>,
    /// The spreadsheet cell (`Sheet!C12`).
    #[serde(skip_serializing_if = "Option::is_none")]
    cell: Option<&'a str>,
    /// The text of the line the finding is on.
    line_text: &'a str,
    /// Present (true) when the finding is on text read by OCR (`check --ocr`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    ocr: bool,
    related: Vec<RelatedEntry<'a>>,
    fix: Option<FixEntry<'a>>,
}

#[derive(Serialize)]
struct RelatedEntry<'a> {
    path: String,
    line: u32,
    column: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cell: Option<&'a str>,
    message: &'a str,
}

#[derive(Serialize)]
struct FixEntry<'a> {
    message: &'a str,
    applicability: Applicability,
    edits: Vec<EditEntry<'a>>,
}

#[derive(Serialize)]
struct EditEntry<'a> {
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    replacement: &'a str,
}

impl Json {
    fn entry<'a>(&self, outcome: &'a Outcome) -> FileEntry<'a> {
        match outcome {
            Ok(report) => file_entry(report, self.lang),
            Err(e) => FileEntry {
                path: e.path.display().to_string(),
                encoding: None,
                profile: None,
                error: Some(e.message.clone()),
                notes: Vec::new(),
                diagnostics: Vec::new(),
            },
        }
    }
}

impl Format for Json {
    fn file(&self, outcome: &Outcome) -> String {
        serde_json::to_string(&self.entry(outcome)).expect("file entries serialize")
    }

    /// A file's entry is written as it is serialized: a line of a whole file repeated in the
    /// line text of each of its findings made the entry many times the file (185 MB for an
    /// 8 MB line of prose), all of it held in memory before.
    fn writes_late(&self) -> bool {
        true
    }

    fn write_file(&self, outcome: &Outcome, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        serde_json::to_writer(out, &self.entry(outcome)).map_err(std::io::Error::from)
    }

    fn start(&self) -> String {
        format!("{{\"version\":{VERSION},\"files\":[")
    }

    fn separator(&self) -> &'static str {
        ","
    }

    fn end(&self, summary: &Summary) -> String {
        let summary = serde_json::to_string(summary).expect("summary serializes");
        format!("],\"summary\":{summary}}}\n")
    }
}

/// Where the document is from; the templates the profile carries to the plugins are data, not
/// part of the report.
#[derive(Serialize)]
struct ProfileEntry<'a> {
    province: &'a Option<String>,
    level: &'a Option<String>,
    detected_by: &'a str,
}

impl<'a> From<&'a Profile> for ProfileEntry<'a> {
    fn from(p: &'a Profile) -> Self {
        ProfileEntry {
            province: &p.province,
            level: &p.level,
            detected_by: &p.detected_by,
        }
    }
}

fn file_entry(report: &FileReport, lang: Lang) -> FileEntry<'_> {
    let path = report.path.display().to_string();
    let diagnostics = diagnostic_entries(report, &path, lang);
    FileEntry {
        encoding: Some(&report.source.encoding),
        profile: Some((&report.profile).into()),
        error: None,
        notes: report
            .notes
            .iter()
            .map(|n| n.in_lang(lang == Lang::Zh))
            .collect(),
        diagnostics,
        path,
    }
}

/// The entries of a report's findings, as `files[].diagnostics` holds them.
pub(super) fn diagnostic_entries<'a>(
    report: &'a FileReport,
    path: &str,
    lang: Lang,
) -> Vec<DiagnosticEntry<'a>> {
    let has_fixes = report.findings.iter().any(|f| f.diagnostic.fix.is_some());
    let index = has_fixes.then(|| LineIndex::new(&report.text));
    report
        .findings
        .iter()
        .map(|f| diagnostic_entry(f, path, report, index.as_ref(), lang))
        .collect()
}

fn diagnostic_entry<'a>(
    finding: &'a Finding,
    path: &str,
    report: &'a FileReport,
    index: Option<&LineIndex>,
    lang: Lang,
) -> DiagnosticEntry<'a> {
    let d = &finding.diagnostic;
    let here = super::place(report, &d.span);
    DiagnosticEntry {
        rule: &d.rule,
        severity: d.severity.as_str(),
        message: super::message(d, lang),
        line: d.span.line,
        column: d.span.col,
        end_line: d.span.end_line,
        end_column: d.span.end_col,
        page: here.page,
        cell: here.cell,
        line_text: here.line_text,
        ocr: here.ocr,
        related: d
            .related
            .iter()
            .map(|r| {
                let there = super::place(report, &r.span);
                RelatedEntry {
                    path: path.to_string(),
                    line: r.span.line,
                    column: r.span.col,
                    page: there.page,
                    cell: there.cell,
                    message: &r.message,
                }
            })
            // A place in another file of a `--package`, named by that file's path.
            .chain(finding.elsewhere.iter().map(|e| RelatedEntry {
                path: e.path.display().to_string(),
                line: e.span.line,
                column: e.span.col,
                page: e.page,
                cell: e.cell.as_deref(),
                message: &e.message,
            }))
            .collect(),
        fix: d.fix.as_ref().zip(index).map(|(fix, index)| FixEntry {
            message: &fix.message,
            applicability: fix.applicability,
            edits: fix
                .edits
                .iter()
                .map(|e| {
                    let span = index.span(&report.text, e.start as usize, e.end as usize);
                    EditEntry {
                        line: span.line,
                        column: span.col,
                        end_line: span.end_line,
                        end_column: span.end_col,
                        replacement: &e.replacement,
                    }
                })
                .collect(),
        }),
    }
}
