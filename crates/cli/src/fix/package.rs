//! `check --package --fix` (and `--diff`): the fixes of one disclosure published as several
//! files. A finding (and its fix) is found on the whole package — the text against the
//! tables —, so each round applies the fixes of every text file of the package to that file and
//! re-checks the whole package, until no fix applies (the engine's `fix_until_stable`, as for
//! one file); then each text file that changed is written back in its own encoding, BOM and line
//! endings (or diffed with `--diff`). A PDF, web page or spreadsheet of the package is never
//! written: its findings are listed, fixes and all, with a note that says why.

use super::{apply_round, fixed_file, recheck_bytes, refuse_non_text, Fixed, Mode, Written};
use crate::commands::check::Job;
use crate::format::Outcome;
use budgetlint_engine::workspace::fix_until_stable;
use budgetlint_engine::FileError;
use std::convert::Infallible;
use std::path::PathBuf;

/// The files of a package as they are checked: each file's path and bytes, or why it could not
/// be read.
type Files = Vec<Result<(PathBuf, Vec<u8>), FileError>>;

/// What a round leaves: the files' bytes (the text files' fixed so far) and their outcomes.
type State = (Files, Vec<Outcome>);

/// Fixes the text files of `job`'s package: one [`Fixed`] per file, in the order given.
pub fn run_package(job: &Job, mode: Mode) -> Vec<Fixed> {
    let files = job.read_package();
    let outcomes = job.check_package_files(&files);
    if outcomes.len() != files.len() {
        // The job has no linter (its configuration failed): one error, nothing to fix.
        return outcomes.into_iter().map(Fixed::unchanged).collect();
    }
    let first: State = (files, outcomes);
    let mut rules: Vec<Vec<String>> = vec![Vec::new(); first.1.len()];
    let last = fix_until_stable(&first, |current: &State| {
        Ok::<_, Infallible>(round(job, &first.1, current, mode, &mut rules))
    })
    .unwrap_or_else(|never| match never {});
    let (files, outcomes) = first;
    let (_, last) = last.unzip();
    let mut last = last.map(|outcomes| outcomes.into_iter().map(Some).collect::<Vec<_>>());
    files
        .into_iter()
        .zip(outcomes)
        .zip(rules)
        .enumerate()
        .map(|(i, ((file, first), rules))| {
            let last = last.as_mut().and_then(|l| l[i].take());
            settle(file, first, last, rules, mode)
        })
        .collect()
}

/// One round: the fixes of each text file applied to its text, and the package re-checked
/// with the fixed texts; `None` when no fix applies. `first` holds the outcomes of the files
/// as read, whose encodings the fixes keep (line endings of inserted lines).
fn round(
    job: &Job,
    first: &[Outcome],
    (files, outcomes): &State,
    mode: Mode,
    rules: &mut [Vec<String>],
) -> Option<State> {
    let mut next = files.clone();
    let mut changed = false;
    for (i, outcome) in outcomes.iter().enumerate() {
        let (Ok(report), Some(Ok(original))) = (outcome, first.get(i)) else {
            continue;
        };
        if !report.format.is_text() {
            continue;
        }
        let Some((text, fixed)) = apply_round(report, &original.source, mode) else {
            continue;
        };
        if let Ok((_, bytes)) = &mut next[i] {
            *bytes = recheck_bytes(&text).into_owned();
            rules[i].extend(fixed);
            changed = true;
        }
    }
    changed.then(|| {
        let outcomes = job.check_package_files(&next);
        (next, outcomes)
    })
}

/// What became of one file: written (or diffed) when its text changed, refused when it is not
/// text and has fixes, as it was otherwise.
fn settle(
    file: Result<(PathBuf, Vec<u8>), FileError>,
    first: Outcome,
    last: Option<Outcome>,
    rules: Vec<String>,
    mode: Mode,
) -> Fixed {
    let first = match first {
        Ok(report) => report,
        Err(e) => return Fixed::unchanged(Err(e)),
    };
    // A file that was checked was read.
    let Ok((path, bytes)) = file else {
        return Fixed::unchanged(Ok(first));
    };
    let Some(last) = last else {
        // No fix applied anywhere in the package.
        return if first.format.is_text() {
            Fixed::unchanged(Ok(first))
        } else {
            refuse_non_text(&path, first)
        };
    };
    let report = match last {
        Ok(report) => report,
        Err(e) => return Fixed::unchanged(Err(e)),
    };
    if !report.format.is_text() {
        return refuse_non_text(&path, report);
    }
    if rules.is_empty() {
        return Fixed::unchanged(Ok(report));
    }
    let written = Written {
        path: &path,
        stdin: false,
        bytes: &bytes,
    };
    fixed_file(written, first, report, rules, mode)
}
