//! `budgetlint check`.

use crate::cli::CheckArgs;
use crate::exit;
use crate::files;
use crate::format::{self, FormatKind, Outcome, Summary};
use crate::session::Session;
use budgetlint_engine::{Baseline, FileError, Linter};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One document to check, with the linter and baseline that apply to it.
pub struct Job {
    pub path: PathBuf,
    target: Result<(Arc<Linter>, Option<Arc<Baseline>>), FileError>,
}

impl Job {
    pub fn run(&self) -> Outcome {
        let (linter, baseline) = self.target.clone()?;
        let bytes = std::fs::read(&self.path).map_err(|e| FileError::io(&self.path, &e))?;
        linter.check(&self.path, &bytes, baseline.as_deref())
    }
}

/// The jobs for `paths`. `Err` for a configuration or baseline that cannot be loaded: those
/// stop the run, while a missing or unreadable document only fails its own entry.
pub fn plan(session: &mut Session, paths: &[PathBuf], baseline: Option<&Path>, use_baseline: bool) -> Result<Vec<Job>, FileError> {
    let mut jobs = Vec::new();
    for input in files::expand(paths) {
        let job = match input {
            Err(e) => Job { path: e.path.clone(), target: Err(e) },
            Ok(path) => {
                let linter = session.linter_for(&path)?;
                let baseline = if use_baseline { session.baseline_for(&linter, baseline)? } else { None };
                Job { path, target: Ok((linter, baseline)) }
            }
        };
        jobs.push(job);
    }
    Ok(jobs)
}

pub fn run(args: CheckArgs) -> u8 {
    let mut session = Session::new(args.config.config.clone());
    let jobs = match plan(&mut session, &args.paths, args.baseline.as_deref(), true) {
        Ok(jobs) => jobs,
        Err(e) => {
            eprintln!("budgetlint: error: {e}");
            return exit::TROUBLE;
        }
    };
    let problems = session.report_problems();
    let color = args.format == FormatKind::Human && std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let format = format::new(args.format, color);
    let parts: Vec<(String, Summary)> = jobs
        .par_iter()
        .map(|job| {
            let outcome = job.run();
            let mut summary = Summary::default();
            summary.add(&outcome);
            (format.file(&outcome), summary)
        })
        .collect();
    let mut summary = Summary { problems, ..Summary::default() };
    let mut files = Vec::with_capacity(parts.len());
    for (text, part) in parts {
        summary.merge(&part);
        files.push(text);
    }
    super::print(&format.finish(files, &summary));
    exit_code(&summary, &args)
}

fn exit_code(s: &Summary, args: &CheckArgs) -> u8 {
    if s.file_errors > 0 || !s.problems.is_empty() {
        exit::TROUBLE
    } else if !args.exit_zero && (s.errors > 0 || (args.strict && s.warnings > 0)) {
        exit::FINDINGS
    } else {
        exit::CLEAN
    }
}
