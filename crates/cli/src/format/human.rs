//! `--format human`: code frames with codespan-reporting (which aligns underlines under wide
//! CJK characters by display width) and a summary line. Colour only when asked for.

use super::{Format, Outcome, Summary};
use budgetlint_engine::FileReport;
use budgetlint_sdk::{Diagnostic, Severity};
use codespan_reporting::diagnostic::{Diagnostic as Frame, Label, Severity as FrameSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor::Buffer, Config, Styles, StylesWriter};
use std::io::Write;

pub struct Human {
    pub color: bool,
}

impl Format for Human {
    fn file(&self, outcome: &Outcome) -> String {
        match outcome {
            Ok(report) => self.frames(report),
            Err(e) => format!("error: {e}\n\n"),
        }
    }

    fn finish(&self, files: Vec<String>, s: &Summary) -> String {
        let mut out = files.concat();
        let suppressed = if s.suppressed > 0 { format!(", {} suppressed", s.suppressed) } else { String::new() };
        let unreadable = if s.file_errors > 0 { format!(", {} unreadable", s.file_errors) } else { String::new() };
        out.push_str(&format!(
            "Checked {} file{}: {} error{}, {} warning{}, {} info{suppressed}{unreadable}.\n",
            s.files,
            plural(s.files),
            s.errors,
            plural(s.errors),
            s.warnings,
            plural(s.warnings),
            s.infos,
        ));
        out
    }
}

impl Human {
    fn frames(&self, report: &FileReport) -> String {
        let file = SimpleFile::new(report.path.display().to_string(), report.text.as_str());
        let config = Config::default();
        let styles = Styles::default();
        let mut buffer = if self.color { Buffer::ansi() } else { Buffer::no_color() };
        for finding in &report.findings {
            let d = &finding.diagnostic;
            let framed = {
                let mut writer = StylesWriter::new(&mut buffer, &styles);
                term::emit_to_write_style(&mut writer, &config, &file, &frame(d)).is_ok()
            };
            if !framed {
                // A span outside the text cannot be framed; the one-line form still says it all.
                let path = report.path.display();
                let _ = writeln!(buffer, "{path}:{}:{}: {}[{}]: {}", d.span.line, d.span.col, d.severity.as_str(), d.rule, d.message);
            }
        }
        String::from_utf8_lossy(buffer.as_slice()).into_owned()
    }
}

fn frame(d: &Diagnostic) -> Frame<()> {
    let severity = match d.severity {
        Severity::Error => FrameSeverity::Error,
        Severity::Warning => FrameSeverity::Warning,
        Severity::Info => FrameSeverity::Note,
    };
    let mut labels = vec![Label::primary((), d.span.range())];
    labels.extend(d.related.iter().map(|r| Label::secondary((), r.span.range()).with_message(r.message.clone())));
    let mut notes = Vec::new();
    if let Some(fix) = &d.fix {
        let kind = match fix.applicability {
            budgetlint_sdk::Applicability::Safe => "fix",
            budgetlint_sdk::Applicability::Unsafe => "suggestion (unsafe)",
        };
        notes.push(format!("{kind}: {}", fix.message));
    }
    Frame::new(severity).with_code(d.rule.clone()).with_message(d.message.clone()).with_labels(labels).with_notes(notes)
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
