//! `--format human`: code frames with codespan-reporting and a summary line.
//!
//! Underlines align under wide characters because codespan-reporting measures by display width
//! (CJK and characters outside the BMP count two columns); long lines are cut down around the
//! labels ([`super::excerpt`]). The places that explain a finding — the parts of a sum, the
//! figures of a percentage — are secondary labels with their own messages. Colour only when
//! asked for (`--color`, decided by the caller).
//!
//! A rule that fires many times in one document (a template's 【】 in every 发文字号) would
//! drown the others: after [`SHOWN_PER_RULE`] frames of one rule in a document, its other
//! findings are one line with their line numbers (`--no-group` shows them all).

use super::excerpt::Excerpt;
use super::{Context, Format, Outcome, Summary};
use crate::cli::Lang;
use crate::i18n::{pick, severity_word};
use budgetlint_engine::{FileReport, Finding};
use budgetlint_model::LineIndex;
use budgetlint_protocol::{Applicability, Diagnostic, Severity};
use codespan_reporting::diagnostic::{Diagnostic as Frame, Label, Severity as FrameSeverity};
use codespan_reporting::term::{self, termcolor::Buffer, Config, Styles, StylesWriter};
use std::collections::BTreeMap;
use std::io::Write;

/// Frames shown per rule and document before the rest are listed on one line.
pub const SHOWN_PER_RULE: usize = 3;
/// Line numbers listed on the line of a rule's other findings.
const LINES_LISTED: usize = 12;

pub struct Human {
    pub context: Context,
}

impl Format for Human {
    fn file(&self, outcome: &Outcome) -> String {
        match outcome {
            Ok(report) => self.frames(report),
            Err(e) => file_error(e, self.context.lang),
        }
    }

    fn end(&self, s: &Summary) -> String {
        if self.context.quiet {
            String::new()
        } else {
            summary_line(s, self.context.lang)
        }
    }
}

/// A file that could not be checked, as a person reads it.
pub fn file_error(e: &budgetlint_engine::FileError, lang: Lang) -> String {
    let reason = e.display_in(lang == Lang::Zh);
    format!("{}{reason}\n\n", pick(lang, "错误：无法检查 ", "error: "))
}

/// `已检查 5 个文件：2 个错误，3 个警告，1 个提示，1 个已修复。` (`--lang en`: `Checked 5 files:
/// 2 errors, 3 warnings, 1 info, 1 fixed.`)
pub fn summary_line(s: &Summary, lang: Lang) -> String {
    match lang {
        Lang::Zh => summary_line_zh(s),
        Lang::En => summary_line_en(s),
    }
}

fn summary_line_zh(s: &Summary) -> String {
    let mut extra = String::new();
    for (n, what) in [
        (s.suppressed, "个已忽略"),
        (s.fixed, "个已修复"),
        (s.file_errors, "个文件无法读取"),
        (s.not_written, "个文件的修复未能写入"),
    ] {
        if n > 0 {
            extra.push_str(&format!("，{n} {what}"));
        }
    }
    format!(
        "已检查 {} 个文件：{} 个错误，{} 个警告，{} 个提示{extra}。\n",
        s.files, s.errors, s.warnings, s.infos
    )
}

fn summary_line_en(s: &Summary) -> String {
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
        let lang = self.context.lang;
        // What the reader noted (bytes it replaced …), before the findings.
        for note in &report.notes {
            let note = note.in_lang(lang == Lang::Zh);
            let _ = writeln!(buffer, "{}: {name}: {note}", pick(lang, "注意", "note"));
        }
        let mut shown: BTreeMap<&str, usize> = BTreeMap::new();
        let mut repeats: BTreeMap<&str, (Severity, Vec<u32>)> = BTreeMap::new();
        for finding in &report.findings {
            let d = &finding.diagnostic;
            let count = shown.entry(&d.rule).or_default();
            *count += 1;
            if *count > SHOWN_PER_RULE && !self.context.all_repeats {
                let entry = repeats.entry(&d.rule).or_insert((d.severity, Vec::new()));
                entry.1.push(d.span.line);
                continue;
            }
            let ranges: Vec<_> = std::iter::once(d.span.range())
                .chain(d.related.iter().map(|r| r.span.range()))
                .collect();
            let excerpt = Excerpt::new(name.clone(), &report.text, &index, &ranges);
            let mut frame = if self.context.color {
                Buffer::ansi()
            } else {
                Buffer::no_color()
            };
            let framed = {
                let mut writer = StylesWriter::new(&mut frame, &styles);
                term::emit_to_write_style(
                    &mut writer,
                    &config,
                    &excerpt,
                    &self.frame(report, finding, &excerpt),
                )
                .is_ok()
            };
            if framed {
                let text = String::from_utf8_lossy(frame.as_slice());
                let _ = buffer.write_all(localize_header(&text, d.severity, lang).as_bytes());
            } else {
                // A span codespan cannot frame: the one-line form still says it all.
                let _ = writeln!(
                    buffer,
                    "{name}:{}:{}: {}[{}]: {}\n",
                    d.span.line,
                    d.span.col,
                    severity_word(d.severity, lang),
                    d.rule,
                    self.message(d)
                );
            }
        }
        for (rule, (severity, lines)) in repeats {
            let _ = writeln!(
                buffer,
                "{}",
                repeats_line(&name, rule, severity, &lines, lang)
            );
        }
        String::from_utf8_lossy(buffer.as_slice()).into_owned()
    }

    fn message<'d>(&self, d: &'d Diagnostic) -> &'d str {
        super::message(d, self.context.lang)
    }

    fn frame(&self, report: &FileReport, finding: &Finding, excerpt: &Excerpt) -> Frame<()> {
        let d = &finding.diagnostic;
        let severity = match d.severity {
            Severity::Error => FrameSeverity::Error,
            Severity::Warning => FrameSeverity::Warning,
            Severity::Info => FrameSeverity::Note,
        };
        let lang = self.context.lang;
        // In a PDF or a spreadsheet the line is one of the text budgetlint read: the page or
        // cell is what the reader finds the place by.
        let place = super::place(report, &d.span);
        let mut labels = vec![Label::primary((), excerpt.range(d.span.range()))];
        let related = super::related_places(report, finding);
        labels.extend(related.iter().filter(|r| r.path.is_none()).map(|r| {
            // A related place on another page or in a cell is named by it: the frame's line
            // numbers are the canonical text's.
            let moved = r.cell.is_some() || r.page != place.page;
            let at = if moved {
                super::place_words(r.page, r.cell, lang)
            } else {
                String::new()
            };
            Label::secondary((), excerpt.range(r.span.range()))
                .with_message(format!("{}{at}", r.message))
        }));
        let mut notes = Vec::new();
        match (place.page, place.cell) {
            (_, Some(cell)) => notes.push(format!("单元格 {cell}")),
            (Some(page), None) if place.ocr => notes.push(format!(
                "第 {page} 页（OCR 识别的文字，可能有误，请对照原件）"
            )),
            (Some(page), None) => notes.push(format!("第 {page} 页")),
            (None, None) => {}
        }
        // A place in another file of a `--package`: no frame (its text is that file's).
        for r in related.iter().filter(|r| r.path.is_some()) {
            notes.push(elsewhere_note(r, lang));
        }
        if let Some(fix) = &d.fix {
            let kind = match fix.applicability {
                Applicability::Safe => pick(lang, "修复", "fix"),
                Applicability::Unsafe => pick(lang, "建议（须人工确认）", "suggestion (unsafe)"),
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

/// `另见 b.xlsx:12:3（单元格 表1!C12）：上年数` — a related place in another file of a package.
fn elsewhere_note(r: &super::RelatedPlace, lang: Lang) -> String {
    format!(
        "{} {}{}{}",
        pick(lang, "另见", "see also"),
        super::related_at(r, lang),
        pick(lang, "：", ": "),
        r.message
    )
}

/// The frame's header with the severity in the run's language. codespan-reporting writes its
/// own English word (`error`, `warning`, `note`) and has no way to name it otherwise, so the
/// first such word of the header — before the rule id's `[` — is replaced.
fn localize_header(frame: &str, severity: Severity, lang: Lang) -> String {
    let english = match severity {
        Severity::Error => "error[",
        Severity::Warning => "warning[",
        Severity::Info => "note[",
    };
    let word = format!("{}[", severity_word(severity, lang));
    let header_end = frame.find('\n').unwrap_or(frame.len());
    match frame[..header_end].find(english) {
        Some(at) => format!("{}{word}{}", &frame[..at], &frame[at + english.len()..]),
        None => frame.to_string(),
    }
}

/// The line that stands for a rule's findings after the first [`SHOWN_PER_RULE`] in a
/// document: how many and on which lines.
fn repeats_line(name: &str, rule: &str, severity: Severity, lines: &[u32], lang: Lang) -> String {
    let listed: Vec<String> = lines
        .iter()
        .take(LINES_LISTED)
        .map(u32::to_string)
        .collect();
    let more = lines.len() > LINES_LISTED;
    match lang {
        Lang::Zh => format!(
            "{}[{rule}]：{name} 中另有 {} 处同类问题，在第 {}{} 行（--no-group 全部列出）\n",
            severity_word(severity, lang),
            lines.len(),
            listed.join("、"),
            if more { " 等" } else { "" }
        ),
        Lang::En => format!(
            "{}[{rule}]: {} more in {name}, on lines {}{} (--no-group lists them all)\n",
            severity_word(severity, lang),
            lines.len(),
            listed.join(", "),
            if more { ", …" } else { "" }
        ),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
