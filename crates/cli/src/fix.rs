//! `check --fix` and `--diff`: apply fixes to a document, re-check, repeat a few rounds, then
//! write the result back in the file's own encoding, BOM and line endings, keeping its mode,
//! owner and hard links (see `write`). A file that is read-only or cannot be written keeps its
//! bytes, and its findings are listed with the reason.
//!
//! Fix edits are byte ranges of the decoded text, and the decoded text keeps the original line
//! endings (`\r\n` stays in `Document::text`), so the edits are made on the text and the whole
//! text is encoded again. That is only safe when encoding the original text gives back the
//! original bytes exactly (it does not when bytes were undecodable, or for the few GBK bytes
//! GB18030 maps elsewhere): such a file is never written, and the error says why.

use crate::cli::Lang;
use crate::commands::check::Job;
use crate::format::Outcome;
use budgetlint_engine::workspace::fix_until_stable;
use budgetlint_engine::{fix, FileError, FileReport, Message};
use budgetlint_model::SourceInfo;
use budgetlint_protocol::{Applicability, Fix};
use std::collections::BTreeMap;
use std::path::Path;
use write::write_back;

mod package;
mod write;

pub use package::run_package;

#[derive(Debug, Clone, Copy)]
pub struct Mode {
    /// Apply unsafe fixes too.
    pub unsafe_fixes: bool,
    /// Write the files (false: `--diff`, compute only).
    pub write: bool,
}

/// What fixing one document did.
pub struct Fixed {
    /// The findings that remain (or why the document could not be checked or written).
    pub outcome: Outcome,
    /// The rule of each finding fixed.
    pub rules: Vec<String>,
    /// The unified diff of the change, for `--diff`.
    pub diff: Option<String>,
    /// The fixed document's bytes, for a document read from stdin.
    pub stdout: Option<Vec<u8>>,
    /// Why no fix was made although findings have fixes (a PDF or spreadsheet is never written).
    pub refused: Option<Message>,
    /// Why the fixed document could not be written (read-only, disk full …): the outcome then
    /// holds the findings of the file as it still is.
    pub not_written: Option<Message>,
    /// `--diff`: nothing is written, the note says what would be fixed.
    pub dry_run: bool,
}

impl Fixed {
    pub fn unchanged(outcome: Outcome) -> Fixed {
        Fixed {
            outcome,
            rules: Vec::new(),
            diff: None,
            stdout: None,
            refused: None,
            not_written: None,
            dry_run: false,
        }
    }

    /// `已修复 a.txt 中的 3 个问题（docnum/bracket-style ×2, wording/bufen）` (`--fix 将修复`
    /// with `--diff`; in English `fixed 3 findings in a.txt (…)`), when any; or why the fixes
    /// were not written.
    pub fn note(&self, lang: Lang) -> Option<String> {
        let chinese = lang == Lang::Zh;
        if let Some(why) = &self.not_written {
            return Some(format!(
                "{}{}",
                crate::i18n::pick(lang, "错误：", "error: "),
                why.in_lang(chinese)
            ));
        }
        if let Some(refused) = &self.refused {
            return Some(refused.in_lang(chinese).to_string());
        }
        let report = self.outcome.as_ref().ok()?;
        if self.rules.is_empty() {
            return None;
        }
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for r in &self.rules {
            *counts.entry(r).or_default() += 1;
        }
        let rules: Vec<String> = counts
            .iter()
            .map(|(r, n)| {
                if *n > 1 {
                    format!("{r} ×{n}")
                } else {
                    r.to_string()
                }
            })
            .collect();
        let n = self.rules.len();
        let (path, rules) = (report.path.display(), rules.join(", "));
        Some(match (lang, self.dry_run) {
            (Lang::Zh, false) => format!("已修复 {path} 中的 {n} 个问题（{rules}）"),
            (Lang::Zh, true) => format!("--fix 将修复 {path} 中的 {n} 个问题（{rules}）"),
            (Lang::En, dry_run) => format!(
                "{} {n} finding{} in {path} ({rules})",
                if dry_run { "would fix" } else { "fixed" },
                if n == 1 { "" } else { "s" },
            ),
        })
    }
}

pub fn run(job: &Job, mode: Mode) -> Fixed {
    match fix_job(job, mode) {
        Ok(fixed) => fixed,
        Err(e) => Fixed::unchanged(Err(e)),
    }
}

fn fix_job(job: &Job, mode: Mode) -> Result<Fixed, FileError> {
    let bytes = job.bytes()?;
    let check = |bytes: &[u8]| job.check(bytes);
    let first = check(&bytes)?;
    if !first.format.is_text() {
        return Ok(refuse_non_text(&job.path, first));
    }
    let (last, rules) = fix_rounds(&first, mode, |text| check(&recheck_bytes(text)))?;
    let Some(report) = last else {
        return Ok(Fixed::unchanged(Ok(first)));
    };
    let written = Written {
        path: &job.path,
        stdin: job.is_stdin(),
        bytes: &bytes,
    };
    Ok(fixed_file(written, first, report, rules, mode))
}

/// A file as it was read, to be written back (or diffed) once its fixes are applied.
pub(crate) struct Written<'a> {
    pub path: &'a Path,
    pub stdin: bool,
    pub bytes: &'a [u8],
}

/// The outcome of fixing one text file: `report` is the last check of the fixed text, `first`
/// the check of the file as read; the fixed text is written (or diffed) when it differs.
pub(crate) fn fixed_file(
    file: Written,
    first: FileReport,
    mut report: FileReport,
    rules: Vec<String>,
    mode: Mode,
) -> Fixed {
    // The re-checks read UTF-8 text: the file's encoding is still the one it was read in.
    report.source = first.source.clone();
    let changed = report.text != first.text;
    let mut fixed = Fixed {
        rules,
        dry_run: !mode.write,
        ..Fixed::unchanged(Ok(report))
    };
    if changed {
        finish(file.path, file.stdin, file.bytes, first, &mut fixed);
    }
    fixed
}

/// Applies the fixes and re-checks until no fix applies (the engine's `fix_until_stable`, the
/// loop the editor's "fix all" runs too): the report of the last round (none when no fix
/// applied) and the rule of each fix applied.
fn fix_rounds(
    first: &FileReport,
    mode: Mode,
    check: impl Fn(&str) -> Result<FileReport, FileError>,
) -> Result<(Option<FileReport>, Vec<String>), FileError> {
    let mut rules = Vec::new();
    let last = fix_until_stable(first, |report: &FileReport| {
        let Some((text, fixed)) = apply_round(report, &first.source, mode) else {
            return Ok(None);
        };
        rules.extend(fixed);
        check(&text).map(Some)
    })?;
    Ok((last, rules))
}

/// A PDF, web page or spreadsheet is never written: the note says so when fixes were found.
fn refuse_non_text(path: &Path, report: FileReport) -> Fixed {
    let fixable = report
        .findings
        .iter()
        .filter(|f| f.diagnostic.fix.is_some())
        .count();
    let refused = (fixable > 0).then(|| {
        let (path, format) = (path.display(), report.format.name().to_uppercase());
        Message::new(
            format!("{path}: {fixable} finding(s) have fixes, but fixes are written only to text files and this is a {format} file: make the changes in the document it was made from"),
            format!("{path}：{fixable} 个问题有修复，但修复只写入文本文件，而这是 {format} 文件：请在生成它的原文档中修改"),
        )
    });
    Fixed {
        refused,
        ..Fixed::unchanged(Ok(report))
    }
}

/// The bytes to re-check fixed text with. The checker reads a leading U+FEFF as a UTF-8 BOM
/// and drops it, so a text that starts with one gets a BOM in front to keep it.
fn recheck_bytes(text: &str) -> std::borrow::Cow<'_, [u8]> {
    if text.starts_with('\u{FEFF}') {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(text.as_bytes());
        std::borrow::Cow::Owned(bytes)
    } else {
        std::borrow::Cow::Borrowed(text.as_bytes())
    }
}

/// The diff (`--diff`), the output (stdin) or the file written. When the file cannot be
/// written, the findings listed are those of the file as it still is, with the reason.
fn finish(path: &Path, stdin: bool, bytes: &[u8], first: FileReport, fixed: &mut Fixed) {
    let text = match &fixed.outcome {
        Ok(report) => report.text.clone(),
        Err(_) => return,
    };
    if fixed.dry_run {
        fixed.diff = Some(unified_diff(path, &first.text, &text));
        return;
    }
    let written = encode_like(bytes, &first.text, &text, &first.source).and_then(|encoded| {
        if stdin {
            fixed.stdout = Some(encoded);
            Ok(())
        } else {
            write_file(path, bytes, &encoded)
        }
    });
    if let Err(why) = written {
        let path = path.display();
        fixed.not_written = Some(Message::new(
            format!("{path}: {}", why.en),
            format!("{path}：{}", why.zh),
        ));
        fixed.rules.clear();
        fixed.outcome = Ok(first);
    }
}

/// Refuses a read-only file, then writes `encoded` over it.
fn write_file(path: &Path, original: &[u8], encoded: &[u8]) -> Result<(), Message> {
    if is_read_only(path) {
        return Err(Message::new(
            "read-only: not written; its findings are listed (make the file writable to apply the fixes)",
            "只读：未写入；列出的是它现有的问题（使文件可写后才能写入修复）",
        ));
    }
    write_back(path, original, encoded).map_err(|e| {
        Message::new(
            format!("fixes not written: {}", e.en),
            format!("修复未写入：{}", e.zh),
        )
    })
}

/// One round: the applicable fixes of `report` that do not overlap, applied to its text.
/// `None` when nothing changes.
fn apply_round(
    report: &FileReport,
    source: &SourceInfo,
    mode: Mode,
) -> Option<(String, Vec<String>)> {
    let fixes: Vec<(String, Fix)> = report
        .findings
        .iter()
        .filter_map(|f| {
            f.diagnostic
                .fix
                .as_ref()
                .map(|fix| (f.diagnostic.rule.clone(), fix))
        })
        .filter(|(_, fix)| mode.unsafe_fixes || fix.applicability == Applicability::Safe)
        .map(|(rule, fix)| (rule, with_line_endings(fix, source)))
        .collect();
    if fixes.is_empty() {
        return None;
    }
    let refs: Vec<&Fix> = fixes.iter().map(|(_, f)| f).collect();
    let applied = fix::apply(&report.text, &refs);
    if applied.text == report.text {
        return None;
    }
    let rules = fixes
        .iter()
        .zip(&applied.applied)
        .filter(|(_, a)| **a)
        .map(|((rule, _), _)| rule.clone())
        .collect();
    Some((applied.text, rules))
}

/// A fix whose inserted line breaks match the document's (`\r\n` in a CRLF file).
fn with_line_endings(fix: &Fix, source: &SourceInfo) -> Fix {
    let mut fix = fix.clone();
    let newline = match source.line_ending.as_str() {
        "crlf" => "\r\n",
        "cr" => "\r",
        _ => return fix,
    };
    for edit in &mut fix.edits {
        if edit.replacement.contains('\n') {
            edit.replacement = edit
                .replacement
                .replace("\r\n", "\n")
                .replace('\n', newline);
        }
    }
    fix
}

/// `text` in the encoding (and BOM) the document came in, refusing when the original bytes do
/// not round-trip, since writing would then change text the fixes did not touch.
fn encode_like(
    bytes: &[u8],
    original: &str,
    text: &str,
    source: &SourceInfo,
) -> Result<Vec<u8>, Message> {
    if budgetlint_model::encode(original, source) != bytes {
        let (replaced, encoding) = (source.replaced_bytes, &source.encoding);
        return Err(if replaced > 0 {
            Message::new(
                format!("fixes not written: {replaced} byte(s) could not be decoded as {encoding}"),
                format!("修复未写入：有 {replaced} 个字节无法按 {encoding} 解码"),
            )
        } else {
            Message::new(
                format!("fixes not written: encoding the text as {encoding} again would not give back the original bytes"),
                format!("修复未写入：把文字重新编码为 {encoding} 得不到原来的字节"),
            )
        });
    }
    Ok(budgetlint_model::encode(text, source))
}

/// Whether the file must not be written: no write permission bits at all (which root could
/// ignore, and which a rename over the file would bypass for anyone), or opening it for
/// writing is refused (another user's file, an immutable file).
fn is_read_only(path: &Path) -> bool {
    if std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly()) {
        return true;
    }
    // Opening without truncating changes nothing in the file.
    matches!(
        std::fs::OpenOptions::new().write(true).open(path),
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied
    )
}

/// A unified diff of the decoded texts with `a/` and `b/` headers, as `git diff` prints it.
pub fn unified_diff(path: &Path, old: &str, new: &str) -> String {
    let name = path.display().to_string();
    let diff = similar::TextDiff::from_lines(old, new);
    let mut out = diff
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}
