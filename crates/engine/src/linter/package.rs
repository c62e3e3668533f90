//! One disclosure published as several files (a 说明 PDF and its 公开表 as a second PDF or a
//! spreadsheet): each file is read by its own reader, the canonical texts are joined into one
//! text (a form feed between files, as between pages) and parsed into one `Document`, so that
//! every rule — text against table, table against table — sees the whole disclosure. The
//! findings are then split back: each goes to the report of the file its span is in, with its
//! spans, fixes and places in that file's own text, and a related place in another file of
//! the package becomes an [`Elsewhere`] naming that file.

use super::{origin_span, rebase, FileReport, Finding, Linter};
use crate::baseline::Baseline;
use crate::error::FileError;
use budgetlint_model::{LineIndex, Span};
use budgetlint_protocol::{Diagnostic, Related};
use budgetlint_readers::{Reading, SourceMap};
use std::path::{Path, PathBuf};

/// A place in another file of the package that explains a finding (the other mention of a
/// figure, a table's total): its file, its span in that file's text (as that file's own report
/// indexes it), and what an output needs to name it without that file's report.
#[derive(Debug, Clone, PartialEq)]
pub struct Elsewhere {
    pub path: PathBuf,
    pub span: Span,
    /// The page of a paginated file (a PDF).
    pub page: Option<u32>,
    /// The spreadsheet cell (`Sheet!C12`).
    pub cell: Option<String>,
    /// The text of the line the place is on.
    pub line_text: String,
    pub message: String,
}

/// One file of a package once read: its reading, where its text starts in the joined text.
struct Part {
    /// Its place in the files as given (reports are returned in that order).
    given: usize,
    path: PathBuf,
    reading: Reading,
    start: usize,
}

impl Part {
    fn end(&self) -> usize {
        self.start + self.reading.text.len()
    }

    /// A span of the joined text as a span of this part's canonical text (clamped to it).
    fn local(&self, index: &LineIndex, s: Span) -> Span {
        let len = self.reading.text.len();
        let start = (s.start as usize).saturating_sub(self.start).min(len);
        let end = (s.end as usize)
            .saturating_sub(self.start)
            .clamp(start, len);
        index.span(&self.reading.text, start, end)
    }
}

/// Between two files in the joined text: the end of a line and a page break, so that no
/// paragraph or table runs from one file into the next.
const SEPARATOR: &str = "\n\x0c";

impl Linter {
    /// Checks `files` (path and bytes) as one disclosure. Returns one outcome per file, in the
    /// order given: a file that cannot be read is its error (the others are checked without
    /// it); every other file gets a report on its own text with the findings whose span is in
    /// it. Inline disables apply wherever they are (as in one file); the baseline is keyed by
    /// each finding's own file.
    pub fn check_package(
        &self,
        files: &[(PathBuf, Vec<u8>)],
        baseline: Option<&Baseline>,
    ) -> Vec<Result<FileReport, FileError>> {
        let mut outcomes: Vec<Option<Result<FileReport, FileError>>> = Vec::new();
        let mut readings: Vec<(usize, &Path, Reading)> = Vec::new();
        for (given, (path, bytes)) in files.iter().enumerate() {
            match super::read(path, bytes) {
                Ok(reading) => {
                    readings.push((given, path, reading));
                    outcomes.push(None);
                }
                Err(e) => outcomes.push(Some(Err(e))),
            }
        }
        // Prose before tables, as a disclosure prints them (the 说明, then its 公开表), whatever
        // the files are called: structure rules read the 目录 and the sections in order.
        readings.sort_by(|a, b| table_share(&a.2.text).cmp_share(&table_share(&b.2.text)));
        let mut parts: Vec<Part> = Vec::new();
        let mut joined = String::new();
        for (given, path, reading) in readings {
            if !parts.is_empty() {
                joined.push_str(SEPARATOR);
            }
            let start = joined.len();
            joined.push_str(&reading.text);
            parts.push(Part {
                given,
                path: path.to_path_buf(),
                reading,
                start,
            });
        }
        if let Some(first) = parts.first() {
            let mut doc = budgetlint_model::parse_text(joined);
            doc.source = first.reading.source.clone();
            let first_path = first.path.clone();
            let whole = self.check_document(&first_path, doc, None);
            for (given, report) in self.split(whole, parts, baseline) {
                outcomes[given] = Some(Ok(report));
            }
        }
        outcomes.into_iter().flatten().collect()
    }

    /// The report of the joined text split into one report per part.
    fn split(
        &self,
        whole: FileReport,
        parts: Vec<Part>,
        baseline: Option<&Baseline>,
    ) -> Vec<(usize, FileReport)> {
        let indexes: Vec<LineIndex> = parts
            .iter()
            .map(|p| LineIndex::new(&p.reading.text))
            .collect();
        let origins: Vec<Option<LineIndex>> = parts
            .iter()
            .map(|p| p.reading.origin.as_ref().map(|o| LineIndex::new(&o.text)))
            .collect();
        let mut findings: Vec<Vec<Finding>> = parts.iter().map(|_| Vec::new()).collect();
        for mut finding in whole.findings {
            let home = part_of(&parts, finding.diagnostic.span.start as usize);
            let (related, elsewhere) = std::mem::take(&mut finding.diagnostic.related)
                .into_iter()
                .partition::<Vec<Related>, _>(|r| {
                part_of(&parts, r.span.start as usize) == home
            });
            finding.elsewhere = elsewhere
                .into_iter()
                .map(|r| {
                    let at = part_of(&parts, r.span.start as usize);
                    let (part, index) = (&parts[at], &indexes[at]);
                    place_elsewhere(part, index, origins[at].as_ref(), r)
                })
                .collect();
            finding.diagnostic.related = related;
            localize(&mut finding.diagnostic, &parts[home], &indexes[home]);
            findings[home].push(finding);
        }
        let mut suppressed = whole.suppressed;
        parts
            .into_iter()
            .zip(findings)
            .map(|(part, findings)| {
                let (findings, baseline_suppressed) =
                    self.apply_baseline(&part.path, findings, baseline);
                let mut reading = part.reading;
                let mut report = FileReport {
                    path: part.path,
                    text: std::mem::take(&mut reading.text),
                    format: reading.format,
                    source: reading.source,
                    places: reading.places,
                    notes: reading.notes,
                    profile: whole.profile.clone(),
                    findings,
                    // Inline disables are counted once, on the first file.
                    suppressed: std::mem::take(&mut suppressed) + baseline_suppressed,
                };
                if report.places.is_empty() {
                    report.places = SourceMap::pages_from_form_feeds(&report.text);
                }
                if let Some(origin) = reading.origin {
                    rebase(&mut report, origin);
                }
                (part.given, report)
            })
            .collect()
    }

    /// Drops the findings of `path` that the baseline holds; returns the rest and how many.
    fn apply_baseline(
        &self,
        path: &Path,
        findings: Vec<Finding>,
        baseline: Option<&Baseline>,
    ) -> (Vec<Finding>, usize) {
        let Some(b) = baseline else {
            return (findings, 0);
        };
        let (mut kept, elsewhere): (Vec<(Diagnostic, String)>, Vec<Vec<Elsewhere>>) = findings
            .into_iter()
            .map(|f| ((f.diagnostic, f.fingerprint), f.elsewhere))
            .unzip();
        let all = kept.clone();
        let suppressed = b.suppress_with(path, &mut kept, |rule| {
            self.former_ids.get(rule).map_or(&[][..], Vec::as_slice)
        });
        // What the baseline keeps is a subsequence of `all`: walk both to give each survivor
        // its places in the other files back.
        let mut kept = kept.into_iter().peekable();
        let mut out = Vec::with_capacity(all.len() - suppressed);
        for (pair, elsewhere) in all.into_iter().zip(elsewhere) {
            if kept.peek() == Some(&pair) {
                kept.next();
                out.push(Finding {
                    diagnostic: pair.0,
                    fingerprint: pair.1,
                    elsewhere,
                });
            }
        }
        (out, suppressed)
    }
}

/// How much of a text is table rows: (lines with a tab, lines).
struct Share(u64, u64);

impl Share {
    /// Compares the fractions without division (a text with no line has no tables).
    fn cmp_share(&self, other: &Share) -> std::cmp::Ordering {
        (self.0 * other.1.max(1)).cmp(&(other.0 * self.1.max(1)))
    }
}

fn table_share(text: &str) -> Share {
    let (mut tabbed, mut lines) = (0u64, 0u64);
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        lines += 1;
        tabbed += u64::from(line.contains('\t'));
    }
    Share(tabbed, lines)
}

/// The part whose text holds `offset` (a separator belongs to the part before it).
fn part_of(parts: &[Part], offset: usize) -> usize {
    parts
        .partition_point(|p| p.start <= offset)
        .saturating_sub(1)
        .min(parts.len().saturating_sub(1))
}

/// Moves a diagnostic's span, related spans and fix from the joined text onto `part`'s own
/// canonical text. A fix with an edit outside the part is dropped (it cannot be written to
/// one file).
fn localize(d: &mut Diagnostic, part: &Part, index: &LineIndex) {
    d.span = part.local(index, d.span);
    for related in &mut d.related {
        related.span = part.local(index, related.span);
    }
    let inside = |e: &budgetlint_protocol::TextEdit| {
        e.start as usize >= part.start && e.end as usize <= part.end()
    };
    if d.fix.as_ref().is_some_and(|f| !f.edits.iter().all(inside)) {
        d.fix = None;
    }
    if let Some(fix) = &mut d.fix {
        for e in &mut fix.edits {
            e.start -= part.start as u32;
            e.end -= part.start as u32;
        }
    }
}

/// A related place in another part, named by that part's file, page or cell and line.
fn place_elsewhere(
    part: &Part,
    index: &LineIndex,
    origin_index: Option<&LineIndex>,
    r: Related,
) -> Elsewhere {
    let local = part.local(index, r.span);
    let places = &part.reading.places;
    let page = places.page_at(local.start as usize).or_else(|| {
        SourceMap::pages_from_form_feeds(&part.reading.text).page_at(local.start as usize)
    });
    let cell = places.cell_at(local.start as usize).map(str::to_string);
    let (span, text) = match (&part.reading.origin, origin_index) {
        (Some(origin), Some(oi)) => (origin_span(origin, oi, local), origin.text.as_str()),
        _ => (local, part.reading.text.as_str()),
    };
    Elsewhere {
        path: part.path.clone(),
        span,
        page,
        cell,
        line_text: line_at(text, span.start as usize).to_string(),
        message: r.message,
    }
}

/// How far the line text of a place elsewhere reaches either side of it (bytes), so that a
/// file on one line costs bounded work per finding (as the outputs' own line text does).
const LINE_REACH: usize = 1024;

/// The line of `text` that holds `offset`, without its line ending, at most [`LINE_REACH`]
/// bytes either side of `offset`.
fn line_at(text: &str, offset: usize) -> &str {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let offset = floor(offset);
    let lo = floor(offset.saturating_sub(LINE_REACH));
    let hi = floor(offset.saturating_add(LINE_REACH));
    let start = text[lo..offset].rfind('\n').map_or(lo, |i| lo + i + 1);
    let end = text[offset..hi].find('\n').map_or(hi, |i| offset + i);
    text[start..end]
        .trim_start_matches('\x0c')
        .trim_end_matches(['\r', '\x0c'])
}
