//! `--format human`: code frames with codespan-reporting and a summary line.
//!
//! Underlines align under wide characters because codespan-reporting measures by display width
//! (CJK and characters outside the BMP count two columns); long lines are cut down around the
//! labels ([`super::excerpt`]). The places that explain a finding — the parts of a sum, the
//! figures of a percentage — are secondary labels with their own messages. Colour only when
//! asked for (`--color`, decided by the caller).

use super::excerpt::Excerpt;
use super::{Context, Format, Outcome, Summary};
use budgetlint_engine::FileReport;
use budgetlint_model::LineIndex;
use budgetlint_protocol::{Applicability, Diagnostic, Severity};
use codespan_reporting::diagnostic::{Diagnostic as Frame, Label, Severity as FrameSeverity};
use codespan_reporting::term::{self, termcolor::Buffer, Config, Styles, StylesWriter};
use std::io::Write;

pub struct Human {
    pub context: Context,
}

impl Format for Human {
    fn file(&self, outcome: &Outcome) -> String {
        match outcome {
            Ok(report) => self.frames(report),
            Err(e) => format!("error: {e}\n\n"),
        }
    }

    fn end(&self, s: &Summary) -> String {
        summary_line(s)
    }
}

/// `Checked 5 files: 2 errors, 3 warnings, 1 info, 1 fixed.`
pub fn summary_line(s: &Summary) -> String {
    let mut extra = String::new();
    if s.suppressed > 0 {
        extra.push_str(&format!(", {} suppressed", s.suppressed));
    }
    if s.fixed > 0 {
        extra.push_str(&format!(", {} fixed", s.fixed));
    }
    if s.file_errors > 0 {
        extra.push_str(&format!(", {} unreadable", s.file_errors));
    }
    if s.not_written > 0 {
        extra.push_str(&format!(", {} not written", s.not_written));
    }
    format!(
        "Checked {} file{}: {} error{}, {} warning{}, {} info{extra}.\n",
        s.files,
        plural(s.files),
        s.errors,
        plural(s.errors),
        s.warnings,
        plural(s.warnings),
        s.infos,
    )
}

impl Human {
    fn frames(&self, report: &FileReport) -> String {
        let config = Config::default();
        let styles = Styles::default();
        let index = LineIndex::new(&report.text);
        let name = report.path.display().to_string();
        let mut buffer = if self.context.color {
            Buffer::ansi()
        } else {
            Buffer::no_color()
        };
        // What the reader noted (bytes it replaced …), before the findings.
        for note in &report.notes {
            let _ = writeln!(buffer, "note: {name}: {note}");
        }
        for finding in &report.findings {
            let d = &finding.diagnostic;
            let ranges: Vec<_> = std::iter::once(d.span.range())
                .chain(d.related.iter().map(|r| r.span.range()))
                .collect();
            let excerpt = Excerpt::new(name.clone(), &report.text, &index, &ranges);
            let framed = {
                let mut writer = StylesWriter::new(&mut buffer, &styles);
                term::emit_to_write_style(
                    &mut writer,
                    &config,
                    &excerpt,
                    &self.frame(report, d, &excerpt),
                )
                .is_ok()
            };
            if !framed {
                // A span codespan cannot frame: the one-line form still says it all.
                let _ = writeln!(
                    buffer,
                    "{name}:{}:{}: {}[{}]: {}\n",
                    d.span.line,
                    d.span.col,
                    d.severity.as_str(),
                    d.rule,
                    self.message(d)
                );
            }
        }
        String::from_utf8_lossy(buffer.as_slice()).into_owned()
    }

    fn message<'d>(&self, d: &'d Diagnostic) -> &'d str {
        super::message(d, self.context.lang)
    }

    fn frame(&self, report: &FileReport, d: &Diagnostic, excerpt: &Excerpt) -> Frame<()> {
        let severity = match d.severity {
            Severity::Error => FrameSeverity::Error,
            Severity::Warning => FrameSeverity::Warning,
            Severity::Info => FrameSeverity::Note,
        };
        let mut labels = vec![Label::primary((), excerpt.range(d.span.range()))];
        labels.extend(d.related.iter().map(|r| {
            Label::secondary((), excerpt.range(r.span.range())).with_message(r.message.clone())
        }));
        let mut notes = Vec::new();
        // In a PDF or a spreadsheet the line is one of the text budgetlint read: the page or
        // cell is what the reader finds the place by.
        let place = super::place(report, &d.span);
        match (place.page, place.cell) {
            (_, Some(cell)) => notes.push(format!("单元格 {cell}")),
            (Some(page), None) => notes.push(format!("第 {page} 页")),
            (None, None) => {}
        }
        if let Some(fix) = &d.fix {
            let kind = match fix.applicability {
                Applicability::Safe => "fix",
                Applicability::Unsafe => "suggestion (unsafe)",
            };
            notes.push(format!("{kind}: {}", fix.message));
        }
        Frame::new(severity)
            .with_code(d.rule.clone())
            .with_message(self.message(d))
            .with_labels(labels)
            .with_notes(notes)
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
