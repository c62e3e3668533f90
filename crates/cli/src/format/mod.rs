//! Output formats of `check`. Each format is its own module implementing [`Format`]: a file's
//! part is rendered right after the file is checked (in parallel, so the document text can be
//! dropped at once), and [`Format::finish`] assembles the parts in input order with the summary.

mod concise;
mod excerpt;
mod github;
mod human;
mod json;
mod json_lines;
mod junit;
mod rdjson;
mod sarif;
mod statistics;

use crate::cli::Lang;
use budgetlint_engine::{FileError, FileReport, Finding};
use budgetlint_model::LineIndex;
use budgetlint_protocol::RuleInfo;
use budgetlint_protocol::{Diagnostic, Severity, Span};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The result of checking one file.
pub type Outcome = Result<FileReport, FileError>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatKind {
    /// Code frames and a summary line, for people.
    Human,
    /// One line per finding (`path:line:col: 警告 [rule] message`), and the summary line.
    Concise,
    /// One JSON document, schema version 1 (docs/OUTPUT.md).
    Json,
    /// One JSON object per finding, with its path, one per line.
    JsonLines,
    /// SARIF 2.1.0 (code scanning, IDE viewers), with rule metadata and help.
    Sarif,
    /// GitHub Actions workflow commands (annotations on the changed files).
    Github,
    /// JUnit XML: a test suite per file, a failing test case per finding.
    Junit,
    /// reviewdog's diagnostic format (rdjson), with fixes as suggestions.
    Rdjson,
}

/// What every format may need besides the outcomes.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// ANSI colour (human format only).
    pub color: bool,
    pub lang: Lang,
    /// Every rule loaded for the run, sorted by id (SARIF's rule table, `--statistics`).
    pub rules: Vec<RuleDoc>,
    /// Human format: list every repeated finding rather than the first few of a rule.
    pub all_repeats: bool,
    /// Human and concise formats: no summary line.
    pub quiet: bool,
}

/// A rule as the formats describe it.
#[derive(Debug, Clone)]
pub struct RuleDoc {
    pub plugin: String,
    pub info: RuleInfo,
}

/// Most formats stream: the output is [`Format::start`], the non-empty file parts in input
/// order separated by [`Format::separator`], then [`Format::end`], so a run over thousands of
/// documents prints as it goes and holds only a few parts in memory. Formats whose header
/// needs the totals (JUnit) or which regroup the parts (SARIF) say `streams() == false` and
/// override [`Format::finish`].
pub trait Format: Sync {
    /// The rendering of one file's outcome.
    fn file(&self, outcome: &Outcome) -> String;
    fn start(&self) -> String {
        String::new()
    }
    fn separator(&self) -> &'static str {
        ""
    }
    fn end(&self, summary: &Summary) -> String;
    fn streams(&self) -> bool {
        true
    }
    /// A streaming format whose part of a file can be much larger than the file (JSON: up to
    /// 2 KB per finding, for the line text around it) says `true`: `check` then keeps the
    /// outcome until the file's turn and [`Format::write_file`] writes it straight to the
    /// output, instead of holding the whole rendering in memory first. Such a format renders
    /// a non-empty part for every outcome.
    fn writes_late(&self) -> bool {
        false
    }
    /// Writes the rendering of one file's outcome (the bytes of [`Format::file`]) to `out`.
    fn write_file(&self, outcome: &Outcome, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        out.write_all(self.file(outcome).as_bytes())
    }
    /// The whole output at once: the file parts, in order, and the summary.
    fn finish(&self, files: Vec<String>, summary: &Summary) -> String {
        let parts: Vec<String> = files.into_iter().filter(|f| !f.is_empty()).collect();
        format!(
            "{}{}{}",
            self.start(),
            parts.join(self.separator()),
            self.end(summary)
        )
    }
}

/// The format of a run; `--statistics` replaces the human and concise formats by the counts.
pub fn new(kind: FormatKind, context: Context, statistics: bool) -> Box<dyn Format> {
    if statistics {
        return Box::new(statistics::Statistics { context });
    }
    match kind {
        FormatKind::Human => Box::new(human::Human { context }),
        FormatKind::Concise => Box::new(concise::Concise { context }),
        FormatKind::Json => Box::new(json::Json { lang: context.lang }),
        FormatKind::JsonLines => Box::new(json_lines::JsonLines { lang: context.lang }),
        FormatKind::Sarif => Box::new(sarif::Sarif::new(context)),
        FormatKind::Github => Box::new(github::Github { lang: context.lang }),
        FormatKind::Junit => Box::new(junit::Junit { lang: context.lang }),
        FormatKind::Rdjson => Box::new(rdjson::Rdjson { lang: context.lang }),
    }
}

/// The message in the chosen language: English when asked for and the rule provides it.
pub fn message(d: &Diagnostic, lang: Lang) -> &str {
    match (lang, &d.message_en) {
        (Lang::En, Some(en)) => en,
        _ => &d.message,
    }
}

/// Where a span is in the original file, besides its line and column in the canonical text:
/// the page of a paginated source (or of a text with form feeds), the cell of a spreadsheet,
/// and the text of its line (what a reviewer searches for in a PDF viewer).
pub struct Place<'a> {
    pub page: Option<u32>,
    pub cell: Option<&'a str>,
    pub line_text: &'a str,
    /// The text there was read by OCR (`check --ocr`), not from a text layer.
    pub ocr: bool,
}

pub fn place<'a>(report: &'a FileReport, span: &Span) -> Place<'a> {
    let offset = span.start as usize;
    let line = line_at(&report.text, offset);
    // A page's first line starts with the form feed that ends the page before: its page is
    // the one its text is on. A finding on a form feed itself (`structure/blank-page`) is about
    // the page that feed begins, which may have no line of its own.
    let on_a_feed =
        span.end == span.start + 1 && report.text.as_bytes().get(offset) == Some(&b'\x0c');
    let text_start = if on_a_feed {
        offset + 1
    } else {
        offset.max(line.0)
    };
    // On a feed, the text of the page it begins, up to the line's end or the next feed (a
    // text file's line holds the feeds of the blank pages in it: `  \x0c\x0c  表`).
    let line_text = if on_a_feed {
        let end = (line.0 + line.1.len()).max(offset + 1);
        let rest = report.text.get(offset + 1..end).unwrap_or_default();
        rest.split('\x0c').next().unwrap_or_default()
    } else {
        line.1.trim_start_matches('\x0c')
    };
    Place {
        page: report.places.page_at(text_start),
        cell: report.places.cell_at(text_start),
        ocr: report.places.is_ocr_at(text_start),
        line_text: line_text.trim_end_matches('\r'),
    }
}

/// A place that explains a finding, wherever it is: in the finding's own file (the
/// diagnostic's `related`) or in another file of a `--package` (`Finding::elsewhere`), with the
/// page or cell of the original. Every format lists a finding's places from here, in this
/// order (its own file's first), so that no format leaves out the other file's.
pub struct RelatedPlace<'a> {
    /// The other file of the package; `None` for a place in the finding's own file.
    pub path: Option<&'a Path>,
    pub span: Span,
    /// UTF-8 byte columns (start, end) of a place in another file (rdjson counts bytes and
    /// cannot index that file's text); `None` in the finding's own file.
    pub byte_columns: Option<(u32, u32)>,
    pub page: Option<u32>,
    pub cell: Option<&'a str>,
    pub message: &'a str,
}

/// The places that explain `finding`: its own file's, then the other files'.
pub fn related_places<'a>(report: &'a FileReport, finding: &'a Finding) -> Vec<RelatedPlace<'a>> {
    let here = finding.diagnostic.related.iter().map(|r| {
        let there = place(report, &r.span);
        RelatedPlace {
            path: None,
            span: r.span,
            byte_columns: None,
            page: there.page,
            cell: there.cell,
            message: &r.message,
        }
    });
    let elsewhere = finding.elsewhere.iter().map(|e| RelatedPlace {
        path: Some(e.path.as_path()),
        span: e.span,
        byte_columns: Some(e.byte_columns),
        page: e.page,
        cell: e.cell.as_deref(),
        message: &e.message,
    });
    here.chain(elsewhere).collect()
}

/// The page or cell of a place as a reader looks for it in the original: `（第 3 页）`,
/// `（单元格 表1!C12）` (`--lang en`: ` (page 3)`, ` (cell 表1!C12)`); empty when neither is
/// known. A cell is named rather than a page: it is the more exact of the two.
pub fn place_words(page: Option<u32>, cell: Option<&str>, lang: Lang) -> String {
    match (cell, page, lang) {
        (Some(cell), _, Lang::Zh) => format!("（单元格 {cell}）"),
        (Some(cell), _, Lang::En) => format!(" (cell {cell})"),
        (None, Some(page), Lang::Zh) => format!("（第 {page} 页）"),
        (None, Some(page), Lang::En) => format!(" (page {page})"),
        (None, None, _) => String::new(),
    }
}

/// Where a related place is, as one line of text: `12:3（第 2 页）` in the finding's own file,
/// `公开表.xlsx:75:21（单元格 表4!D15）` in another file of the package.
pub fn related_at(r: &RelatedPlace, lang: Lang) -> String {
    let file = r
        .path
        .map(|p| format!("{}:", p.display()))
        .unwrap_or_default();
    format!(
        "{file}{}:{}{}",
        r.span.line,
        r.span.col,
        place_words(r.page, r.cell, lang)
    )
}

/// A related place with its message, for the formats that list them as lines of text
/// (github, junit, rdjson): `公开表.xlsx:75:21（单元格 表4!D15）: 上年数`.
pub fn related_line(r: &RelatedPlace, lang: Lang) -> String {
    format!("{}: {}", related_at(r, lang), r.message)
}

/// How far a finding's line text reaches on either side of it (bytes): a longer line (a whole
/// file on one line) is given as the stretch this far around the finding, so that the output
/// stays proportional to the findings, not to findings × line length.
pub const LINE_TEXT_REACH: usize = 1024;

/// The start and text of the line holding byte `offset` (clamped to the text), at most
/// [`LINE_TEXT_REACH`] bytes either side of `offset`.
fn line_at(text: &str, offset: usize) -> (usize, &str) {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let offset = floor(offset);
    let back = floor(offset.saturating_sub(LINE_TEXT_REACH));
    let ahead = floor(offset.saturating_add(LINE_TEXT_REACH));
    // `\r\n`, `\n` and a lone `\r` end a line (the CR of a CRLF does not).
    let bytes = text.as_bytes();
    let breaks =
        |i: usize| bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
    let start = (back..offset)
        .rev()
        .find(|&i| breaks(i))
        .map_or(back, |i| i + 1);
    let start = start + (text[start..].len() - text[start..].trim_start_matches('\x0c').len());
    let end = text[offset..ahead]
        .find(['\n', '\r'])
        .map_or(ahead, |p| offset + p);
    (start, &text[start..end.max(start)])
}

/// The span of a fix edit (edits carry byte offsets only).
pub fn edit_span(report: &FileReport, index: &LineIndex, start: u32, end: u32) -> Span {
    index.span(&report.text, start as usize, end as usize)
}

/// A rule's documentation without the indentation doc comments leave (`/// text` gives
/// ` text`), so Markdown headings start their lines.
pub fn rule_docs(docs: &str) -> String {
    let indent = docs
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    let lines: Vec<&str> = docs
        .lines()
        .map(|l| l.get(indent..).unwrap_or_else(|| l.trim_start()))
        .collect();
    lines.join("\n").trim().to_string()
}

/// Totals over a run.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Findings hidden by inline comments or the baseline.
    pub suppressed: usize,
    /// Findings fixed by `--fix` (they are no longer in the report).
    pub fixed: usize,
    /// Files that could not be read or decoded.
    pub file_errors: usize,
    /// Files whose fixes could not be written (read-only, disk full …); their findings are
    /// listed. Absent from JSON when 0, so output without `--fix` is unchanged.
    #[serde(skip_serializing_if = "is_zero")]
    pub not_written: usize,
    /// Plugins, packs or configuration that failed to load (the run went on without them).
    pub problems: Vec<String>,
    /// Findings per rule and severity (`--statistics`); not part of the JSON summary.
    #[serde(skip)]
    pub per_rule: BTreeMap<(String, Severity), usize>,
}

impl Summary {
    pub fn add(&mut self, outcome: &Outcome) {
        self.files += 1;
        match outcome {
            Err(_) => self.file_errors += 1,
            Ok(report) => {
                self.suppressed += report.suppressed;
                for f in &report.findings {
                    let d = &f.diagnostic;
                    match d.severity {
                        Severity::Error => self.errors += 1,
                        Severity::Warning => self.warnings += 1,
                        Severity::Info => self.infos += 1,
                    }
                    *self
                        .per_rule
                        .entry((d.rule.clone(), d.severity))
                        .or_default() += 1;
                }
            }
        }
    }

    pub fn merge(&mut self, other: &Summary) {
        self.files += other.files;
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
        self.suppressed += other.suppressed;
        self.fixed += other.fixed;
        self.file_errors += other.file_errors;
        self.not_written += other.not_written;
        for (key, n) in &other.per_rule {
            *self.per_rule.entry(key.clone()).or_default() += n;
        }
    }
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// `s` with XML's five special characters escaped (also right for HTML text and attributes).
///
/// Written here rather than taken from quick-xml (`quick_xml::escape::escape`) because XML 1.0
/// also forbids most control characters, which quick-xml passes through: a form feed from a PDF
/// page break would make the JUnit file unreadable. Form feeds become a space (a page break in
/// running text), other control characters U+FFFD.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\x0c' => out.push(' '),
            // Control characters other than tab and newline are not allowed in XML 1.0.
            c if c.is_control() && c != '\t' && c != '\n' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A path as a URI reference: `/` separators, and everything but unreserved characters and
/// `/` percent-encoded (UTF-8), so Chinese file names survive every consumer.
pub fn uri_path(path: &std::path::Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_text_is_the_line_or_the_stretch_around_the_finding() {
        let long = "字".repeat(3 * LINE_TEXT_REACH);
        let text = format!("第一行\n\x0c第二行\r\n{long}\r单独\r末行");
        let long_start = text.find(&long).unwrap();
        // (offset, expected line start, expected line text)
        let cases: Vec<(usize, usize, &str)> = vec![
            (0, 0, "第一行"),
            (
                text.find("第二").unwrap(),
                text.find("第二").unwrap(),
                "第二行",
            ),
            (text.find("单").unwrap(), text.find("单").unwrap(), "单独"),
            (text.find("独").unwrap(), text.find("单").unwrap(), "单独"),
            (
                text.find("末行").unwrap() + 3,
                text.find("末行").unwrap(),
                "末行",
            ),
            (long_start, long_start, &long[..LINE_TEXT_REACH / 3 * 3]),
            // 1024 bytes back and ahead of byte 1800, down to character boundaries.
            (long_start + 1800, long_start + 774, &long[774..2823]),
        ];
        for (offset, start, line) in cases {
            assert_eq!(line_at(&text, offset), (start, line), "offset {offset}");
        }
    }
}
