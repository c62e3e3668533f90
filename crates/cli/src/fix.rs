//! `check --fix` and `--diff`: apply fixes to a document, re-check, repeat a few rounds, then
//! write the result back in the file's own encoding, BOM and line endings, atomically.
//!
//! Fix edits are byte ranges of the decoded text, and the decoded text keeps the original line
//! endings (`\r\n` stays in `Document::text`), so the edits are made on the text and the whole
//! text is encoded again. That is only safe when encoding the original text gives back the
//! original bytes exactly (it does not when bytes were undecodable, or for the few GBK bytes
//! GB18030 maps elsewhere): such a file is never written, and the error says why.

use crate::commands::check::Job;
use crate::format::Outcome;
use budgetlint_engine::{fix, FileError, FileReport};
use budgetlint_model::SourceInfo;
use budgetlint_sdk::{Applicability, Fix};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

/// Rounds of fix-and-recheck at most: a fix held back because it overlapped another is
/// usually applied in the second round; more rounds only chase fixes that undo each other.
const MAX_ROUNDS: usize = 4;

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
    pub refused: Option<String>,
}

impl Fixed {
    pub fn unchanged(outcome: Outcome) -> Fixed {
        Fixed {
            outcome,
            rules: Vec::new(),
            diff: None,
            stdout: None,
            refused: None,
        }
    }

    /// `fixed 3 findings in a.txt (doc-number/bracket-style ×2, wording/bufen)`, when any.
    pub fn note(&self) -> Option<String> {
        if self.refused.is_some() {
            return self.refused.clone();
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
        Some(format!(
            "fixed {n} finding{} in {} ({})",
            if n == 1 { "" } else { "s" },
            report.path.display(),
            rules.join(", ")
        ))
    }
}

pub fn run(job: &Job, mode: Mode) -> Fixed {
    match fix_job(job, mode) {
        Ok(fixed) => fixed,
        Err(e) => Fixed::unchanged(Err(e)),
    }
}

fn fix_job(job: &Job, mode: Mode) -> Result<Fixed, FileError> {
    let (linter, baseline) = job.target()?;
    let bytes = job.bytes()?;
    let check = |bytes: &[u8]| linter.check(&job.path, bytes, baseline.as_deref());
    let mut report = check(&bytes)?;
    if !report.format.is_text() {
        let fixable = report
            .findings
            .iter()
            .filter(|f| f.diagnostic.fix.is_some())
            .count();
        let refused = (fixable > 0).then(|| {
            format!(
                "{}: {fixable} finding(s) have fixes, but fixes are written only to text files and this is a {} file: make the changes in the document it was made from",
                job.path.display(),
                report.format.name().to_uppercase()
            )
        });
        return Ok(Fixed {
            refused,
            ..Fixed::unchanged(Ok(report))
        });
    }
    let original = report.text.clone();
    let source = report.source.clone();
    let mut rules = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let Some((text, fixed)) = apply_round(&report, &source, mode) else {
            break;
        };
        rules.extend(fixed);
        report = check(text.as_bytes())?;
    }
    // The last check read UTF-8 text: the document's encoding is still the original one.
    report.source = source.clone();
    if report.text == original {
        return Ok(Fixed {
            rules,
            ..Fixed::unchanged(Ok(report))
        });
    }
    let mut fixed = Fixed {
        rules,
        ..Fixed::unchanged(Ok(report))
    };
    let text = &fixed
        .outcome
        .as_ref()
        .map(|r| r.text.clone())
        .unwrap_or_default();
    if !mode.write {
        fixed.diff = Some(unified_diff(&job.path, &original, text));
        return Ok(fixed);
    }
    let encoded = encode_like(&job.path, &bytes, &original, text, &source)?;
    if job.is_stdin() {
        fixed.stdout = Some(encoded);
    } else {
        write_atomically(&job.path, &encoded)
            .map_err(|e| FileError::new(&job.path, format!("fixes not written: {e}")))?;
    }
    Ok(fixed)
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
    path: &Path,
    bytes: &[u8],
    original: &str,
    text: &str,
    source: &SourceInfo,
) -> Result<Vec<u8>, FileError> {
    if budgetlint_model::encode(original, source) != bytes {
        let why = if source.replaced_bytes > 0 {
            format!(
                "{} byte(s) could not be decoded as {}",
                source.replaced_bytes, source.encoding
            )
        } else {
            format!(
                "encoding the text as {} again would not give back the original bytes",
                source.encoding
            )
        };
        return Err(FileError::new(path, format!("fixes not written: {why}")));
    }
    Ok(budgetlint_model::encode(text, source))
}

/// Replaces `path` by a file with `bytes`: written to a temporary file in the same directory,
/// flushed, given the original's permissions, then renamed over it. If anything fails before
/// the rename, the original is untouched and the temporary file is removed.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let target =
        std::fs::canonicalize(path).map_err(|e| format!("cannot resolve the path: {e}"))?;
    let dir = target.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".budgetlint-fix-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| format!("cannot create a temporary file in {}: {e}", dir.display()))?;
    temp.write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| format!("cannot write the temporary file: {e}"))?;
    if let Ok(meta) = std::fs::metadata(&target) {
        let _ = temp.as_file().set_permissions(meta.permissions());
    }
    temp.persist(&target)
        .map_err(|e| format!("cannot replace the file: {}", e.error))?;
    Ok(())
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
