//! One disclosure published as several files (a 说明 PDF and its 公开表 as a second PDF or a
//! spreadsheet): each file is read by its own reader, the canonical texts are joined into one
//! text (a form feed between files, as between pages) and parsed into one `Document`, so that
//! every rule — text against table, table against table — sees the whole disclosure. The
//! findings are then split back: each goes to the report of the file its span is in, with its
//! spans, fixes and places in that file's own text, and a related place in another file of
//! the package becomes an [`Elsewhere`] naming that file.

use super::{origin_span, rebase, FileReport, Finding, Linter};
use crate::baseline::Baseline;
use crate::error::{FileError, Message};
use budgetlint_model::{Block, LineIndex, NumberingStyle, Span};
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
    /// The span's start and end columns in UTF-8 bytes (1-based, end exclusive), on its first
    /// and last lines: for formats that count bytes (rdjson), which cannot index that file's
    /// text from the report of the finding's own file.
    pub byte_columns: (u32, u32),
    pub message: String,
}

/// One file of a package once read.
struct Part {
    /// Its place in the files as given (reports are returned in that order).
    given: usize,
    path: PathBuf,
    reading: Reading,
}

/// A stretch of one part's canonical text in the joined text.
#[derive(Debug, Clone, Copy)]
struct Segment {
    part: usize,
    /// Where it starts in the part's text.
    local: usize,
    /// Where it starts in the joined text.
    joined: usize,
    len: usize,
}

/// The parts' texts joined in reading order, and the map back to the parts.
struct Joined {
    text: String,
    segments: Vec<Segment>,
}

impl Joined {
    fn new(parts: &[Part]) -> Joined {
        let mut joined = Joined {
            text: String::new(),
            segments: Vec::new(),
        };
        for (part, range) in reading_order(parts) {
            if !joined.segments.is_empty() {
                // A part that ends its last page with a form feed, or starts with one, needs no
                // second one: it would make an empty page between the parts
                // (`structure/blank-page`).
                let not_feed = |c: char| c != '\x0c' && c.is_whitespace();
                let ends_page = joined.text.trim_end_matches(not_feed).ends_with('\x0c');
                let starts_page = parts[part].reading.text[range.clone()]
                    .trim_start_matches(not_feed)
                    .starts_with('\x0c');
                let separator = if ends_page || starts_page {
                    "\n"
                } else {
                    SEPARATOR
                };
                joined.text.push_str(separator);
            }
            joined.segments.push(Segment {
                part,
                local: range.start,
                joined: joined.text.len(),
                len: range.len(),
            });
            joined.text.push_str(&parts[part].reading.text[range]);
        }
        joined
    }

    /// The segment that holds `offset` of the joined text (a separator belongs to the segment
    /// before it).
    fn segment_at(&self, offset: usize) -> Segment {
        let i = self.segments.partition_point(|s| s.joined <= offset);
        self.segments[i.saturating_sub(1).min(self.segments.len() - 1)]
    }

    fn part_of(&self, offset: usize) -> usize {
        self.segment_at(offset).part
    }

    /// `offset` of the joined text in the part's text, clamped to `segment`.
    fn local(segment: Segment, offset: usize) -> usize {
        segment.local + offset.saturating_sub(segment.joined).min(segment.len)
    }

    /// A span of the joined text as a span of its part's text (`index` indexes `text`).
    fn local_span(&self, text: &str, index: &LineIndex, s: Span) -> Span {
        let segment = self.segment_at(s.start as usize);
        let start = Joined::local(segment, s.start as usize);
        let end = Joined::local(segment, s.end as usize).max(start);
        index.span(text, start, end)
    }

    /// An edit's range in the part's text, when it lies in one segment of `part`.
    fn local_edit(&self, part: usize, start: usize, end: usize) -> Option<(usize, usize)> {
        let segment = self.segment_at(start);
        let inside = segment.part == part && end >= start && end <= segment.joined + segment.len;
        inside.then(|| (Joined::local(segment, start), Joined::local(segment, end)))
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
            match self.read(path, bytes) {
                Ok(reading) => {
                    readings.push((given, path, reading));
                    outcomes.push(None);
                }
                Err(e) => outcomes.push(Some(Err(e))),
            }
        }
        let parts: Vec<Part> = readings
            .into_iter()
            .map(|(given, path, reading)| Part {
                given,
                path: path.to_path_buf(),
                reading,
            })
            .collect();
        if !parts.is_empty() {
            let mut joined = Joined::new(&parts);
            let first = &parts[joined.segments[0].part];
            let mut doc = budgetlint_model::parse_text(std::mem::take(&mut joined.text));
            doc.source = first.reading.source.clone();
            let whole = self.check_document(&first.path.clone(), doc, None);
            for (given, report) in self.split(whole, parts, &joined, baseline) {
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
        joined: &Joined,
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
        let lines = CitedLines {
            joined,
            joined_lines: LineIndex::new(&whole.text),
            parts: &parts,
            indexes: &indexes,
        };
        for mut finding in whole.findings {
            let home = joined.part_of(finding.diagnostic.span.start as usize);
            lines.rewrite_diagnostic(&mut finding.diagnostic, home);
            let (related, elsewhere) = std::mem::take(&mut finding.diagnostic.related)
                .into_iter()
                .partition::<Vec<Related>, _>(|r| {
                joined.part_of(r.span.start as usize) == home
            });
            finding.elsewhere = elsewhere
                .into_iter()
                .map(|r| {
                    let at = joined.part_of(r.span.start as usize);
                    let there = (&parts[at], &indexes[at], origins[at].as_ref());
                    place_elsewhere(joined, there, r)
                })
                .collect();
            finding.diagnostic.related = related;
            let here = (&parts[home], &indexes[home]);
            localize(&mut finding.diagnostic, joined, home, here);
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
                    notes: reading.notes.into_iter().map(Message::from).collect(),
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

/// The line numbers rules cite in their messages (“重复了第 12 行的段落”, “on line 12”) count
/// the lines of the joined text; in a package they are rewritten as lines of the file the line
/// is in: “第 3 行” in the finding's own file, “公开表.txt 第 3 行” in another.
struct CitedLines<'a> {
    joined: &'a Joined,
    joined_lines: LineIndex,
    parts: &'a [Part],
    indexes: &'a [LineIndex],
}

impl CitedLines<'_> {
    fn rewrite_diagnostic(&self, d: &mut Diagnostic, home: usize) {
        let place = |line: u32| self.place(line, home);
        d.message = cite_lines_zh(&d.message, place);
        if let Some(en) = &mut d.message_en {
            *en = cite_lines_en(en, place);
        }
        for r in &mut d.related {
            r.message = cite_lines_zh(&r.message, place);
        }
    }

    /// Joined line `line` as (the file's name when not `home`, the line in that file).
    fn place(&self, line: u32, home: usize) -> Option<(Option<String>, u32)> {
        let start = self.joined_lines.line_start(line)?;
        let segment = self.joined.segment_at(start);
        let local_line = self.indexes[segment.part].line_of(Joined::local(segment, start));
        let file = (segment.part != home).then(|| {
            let path = &self.parts[segment.part].path;
            path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            )
        });
        Some((file, local_line))
    }
}

/// `第 N 行` (spaces optional; not `第 N 行次`, a table's row-number column) with N rewritten
/// by `place`; a number `place` does not know is left as it is.
fn cite_lines_zh(message: &str, place: impl Fn(u32) -> Option<(Option<String>, u32)>) -> String {
    static CITE: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"第(\s?)(\d+)(\s?)行(次)?").unwrap());
    CITE.replace_all(message, |c: &regex::Captures| {
        let keep = c[0].to_string();
        if c.get(4).is_some() {
            return keep;
        }
        let Some((file, line)) = c[2].parse().ok().and_then(&place) else {
            return keep;
        };
        // A file name set apart from the Chinese before it, as Latin words are (“重复了 a.txt 第 4 行”).
        let after_word = message[..c.get(0).map_or(0, |m| m.start())]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        let file = match file {
            Some(f) if after_word => format!(" {f} "),
            Some(f) => format!("{f} "),
            None => String::new(),
        };
        format!("{file}第{}{line}{}行", &c[1], &c[3])
    })
    .into_owned()
}

/// `line N` (and the second number of `lines N and M`) with N rewritten by `place`.
fn cite_lines_en(message: &str, place: impl Fn(u32) -> Option<(Option<String>, u32)>) -> String {
    static CITE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\b(lines?) (\d+)(?:( and |, )(\d+))?\b").unwrap()
    });
    let name = |n: &str| match n.parse().ok().and_then(&place) {
        Some((Some(file), line)) => format!("{line} of {file}"),
        Some((None, line)) => line.to_string(),
        None => n.to_string(),
    };
    CITE.replace_all(message, |c: &regex::Captures| {
        let mut out = format!("{} {}", &c[1], name(&c[2]));
        if let (Some(sep), Some(second)) = (c.get(3), c.get(4)) {
            out.push_str(sep.as_str());
            out.push_str(&name(second.as_str()));
        }
        out
    })
    .into_owned()
}

/// Moves a diagnostic's span, related spans and fix from the joined text onto part `home`'s
/// own canonical text. A fix with an edit outside the part is dropped (it cannot be written to
/// one file).
fn localize(d: &mut Diagnostic, joined: &Joined, home: usize, (part, index): (&Part, &LineIndex)) {
    let text = &part.reading.text;
    d.span = joined.local_span(text, index, d.span);
    for related in &mut d.related {
        related.span = joined.local_span(text, index, related.span);
    }
    let Some(fix) = &mut d.fix else {
        return;
    };
    let edits: Option<Vec<(usize, usize)>> = fix
        .edits
        .iter()
        .map(|e| joined.local_edit(home, e.start as usize, e.end as usize))
        .collect();
    match edits {
        Some(edits) => {
            for (e, (start, end)) in fix.edits.iter_mut().zip(edits) {
                e.start = start as u32;
                e.end = end as u32;
            }
        }
        None => d.fix = None,
    }
}

/// A related place in another part, named by that part's file, page or cell and line.
fn place_elsewhere(
    joined: &Joined,
    (part, index, origin_index): (&Part, &LineIndex, Option<&LineIndex>),
    r: Related,
) -> Elsewhere {
    let local = joined.local_span(&part.reading.text, index, r.span);
    let places = &part.reading.places;
    let at = local.start as usize;
    let page = places
        .page_at(at)
        .or_else(|| SourceMap::pages_from_form_feeds(&part.reading.text).page_at(at));
    let cell = places.cell_at(at).map(str::to_string);
    let (span, text, lines) = match (&part.reading.origin, origin_index) {
        (Some(origin), Some(oi)) => (origin_span(origin, oi, local), origin.text.as_str(), oi),
        _ => (local, part.reading.text.as_str(), index),
    };
    let byte_column = |offset: u32, line: u32| {
        let start = lines.line_start(line).unwrap_or(0) as u32;
        offset.saturating_sub(start) + 1
    };
    Elsewhere {
        path: part.path.clone(),
        span,
        page,
        cell,
        line_text: line_at(text, span.start as usize).to_string(),
        byte_columns: (
            byte_column(span.start, span.line),
            byte_column(span.end, span.end_line),
        ),
        message: r.message,
    }
}

/// The stretches of the parts' texts in reading order. When every part is divided by numbered
/// top-level headings (`第一部分`, `第二部分` …) whose numbers rise within each file and
/// differ between files — a 说明 with 第一、三、四部分 and its 公开表 with 第二部分 — the
/// sections are interleaved by number, each file's text before its first heading going with
/// that heading. Otherwise the files are whole, the most prose (fewest table rows) first, then
/// the rest in the order given: structure rules read the 目录 and the sections in order.
fn reading_order(parts: &[Part]) -> Vec<(usize, std::ops::Range<usize>)> {
    let whole = || {
        let mut order: Vec<usize> = (0..parts.len()).collect();
        order.sort_by(|&a, &b| {
            table_share(&parts[a].reading.text).cmp_share(&table_share(&parts[b].reading.text))
        });
        order
            .into_iter()
            .map(|i| (i, 0..parts[i].reading.text.len()))
            .collect()
    };
    if parts.len() < 2 {
        return whole();
    }
    let mut sections: Vec<(u32, usize, std::ops::Range<usize>)> = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        let text = &part.reading.text;
        let starts = part_headings(text);
        let rising = starts.windows(2).all(|w| w[0].0 < w[1].0);
        let taken = |n: u32| sections.iter().any(|s| s.0 == n);
        if starts.is_empty() || !rising || starts.iter().any(|s| taken(s.0)) {
            return whole();
        }
        for (k, &(ordinal, start)) in starts.iter().enumerate() {
            let begin = if k == 0 { 0 } else { start };
            let end = starts.get(k + 1).map_or(text.len(), |next| next.1);
            sections.push((ordinal, i, begin..end));
        }
    }
    sections.sort_by_key(|s| s.0);
    sections.into_iter().map(|(_, i, r)| (i, r)).collect()
}

/// The top-level `第X部分` headings of a text (the 目录's entries are not headings): number and
/// the start of the heading's line.
fn part_headings(text: &str) -> Vec<(u32, usize)> {
    let doc = budgetlint_model::parse_text(text.to_string());
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) if h.numbering.style == NumberingStyle::Part => {
                let at = (h.span.start as usize).min(text.len());
                let line = text[..at].rfind('\n').map_or(0, |i| i + 1);
                Some((h.numbering.ordinal, line))
            }
            _ => None,
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::{cite_lines_en, cite_lines_zh};

    /// Joined lines 1–10 are the finding's own file (line - 0); 11–20 are `公开表.txt` (line - 10).
    fn place(line: u32) -> Option<(Option<String>, u32)> {
        match line {
            1..=10 => Some((None, line)),
            11..=20 => Some((Some("公开表.txt".into()), line - 10)),
            _ => None,
        }
    }

    #[test]
    fn chinese_line_citations_name_the_file_and_its_own_line() {
        assert_eq!(
            cite_lines_zh("该段落重复了第12行的段落", place),
            "该段落重复了 公开表.txt 第2行的段落"
        );
        assert_eq!(
            cite_lines_zh("在第 3 行为 120.00万元", place),
            "在第 3 行为 120.00万元"
        );
        assert_eq!(
            cite_lines_zh("（第5行、第15行）", place),
            "（第5行、公开表.txt 第5行）"
        );
        // A table's row-number column and a line the package does not have stay as written.
        assert_eq!(cite_lines_zh("第12行次", place), "第12行次");
        assert_eq!(cite_lines_zh("第99行", place), "第99行");
    }

    #[test]
    fn english_line_citations_name_the_file_and_its_own_line() {
        assert_eq!(
            cite_lines_en("repeats the paragraph on line 12 (same)", place),
            "repeats the paragraph on line 2 of 公开表.txt (same)"
        );
        assert_eq!(
            cite_lines_en("lines 3 and 14", place),
            "lines 3 and 4 of 公开表.txt"
        );
        assert_eq!(cite_lines_en("line 99", place), "line 99");
        assert_eq!(cite_lines_en("pipeline 12", place), "pipeline 12");
    }
}
