//! `budgetlint check`: expand the paths, check the documents in parallel (output in input
//! order whatever the scheduling), optionally fix them, print the chosen format, write the
//! HTML report, and turn the totals into the exit code.

use crate::cli::{CheckArgs, ColorChoice, WalkArgs};
use crate::exit;
use crate::files::{self, Input};
use crate::fix::{self, Mode};
use crate::format::{self, Context, FormatKind, Outcome, Summary};
use crate::progress::Progress;
use crate::report;
use crate::session::Session;
use budgetlint_engine::{Baseline, FileError, Linter};
use rayon::prelude::*;
use std::borrow::Cow;
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The path reported for standard input when `--stdin-filename` is not given.
pub const STDIN_NAME: &str = "<stdin>";

/// One document to check, with the linter and baseline that apply to it.
pub struct Job {
    pub path: PathBuf,
    /// The bytes of a document read from standard input.
    stdin: Option<Arc<Vec<u8>>>,
    target: Result<(Arc<Linter>, Option<Arc<Baseline>>), FileError>,
}

impl Job {
    pub fn is_stdin(&self) -> bool {
        self.stdin.is_some()
    }

    pub fn target(&self) -> Result<(Arc<Linter>, Option<Arc<Baseline>>), FileError> {
        self.target.clone()
    }

    pub fn bytes(&self) -> Result<Cow<'_, [u8]>, FileError> {
        match &self.stdin {
            Some(bytes) => Ok(Cow::Borrowed(bytes.as_slice())),
            None => std::fs::read(&self.path).map(Cow::Owned).map_err(|e| FileError::io(&self.path, &e)),
        }
    }

    pub fn run(&self) -> Outcome {
        let (linter, baseline) = self.target()?;
        linter.check(&self.path, &self.bytes()?, baseline.as_deref())
    }
}

/// What `plan` needs besides the session.
pub struct PlanArgs<'a> {
    pub paths: &'a [PathBuf],
    pub walk: &'a WalkArgs,
    pub stdin_filename: Option<&'a Path>,
    pub baseline: Option<&'a Path>,
    pub use_baseline: bool,
}

/// The jobs for the paths. `Err` (a message) for a glob, configuration or baseline that cannot
/// be loaded: those stop the run, while a missing or unreadable document only fails its entry.
pub fn plan(session: &mut Session, args: PlanArgs) -> Result<Vec<Job>, String> {
    let mut jobs = Vec::new();
    let mut stdin: Option<Result<Arc<Vec<u8>>, FileError>> = None;
    for input in files::expand(args.paths, args.walk)? {
        let (path, bytes) = match input {
            Err(e) => {
                jobs.push(Job { path: e.path.clone(), stdin: None, target: Err(e) });
                continue;
            }
            Ok(Input::File(path)) => (path, None),
            Ok(Input::Stdin) => {
                let path = args.stdin_filename.map_or_else(|| PathBuf::from(STDIN_NAME), Path::to_path_buf);
                let bytes = stdin.get_or_insert_with(|| read_stdin(&path)).clone();
                match bytes {
                    Ok(b) => (path, Some(b)),
                    Err(e) => {
                        jobs.push(Job { path, stdin: None, target: Err(e) });
                        continue;
                    }
                }
            }
        };
        // rules.toml is looked for from the stdin file name's directory, else from here.
        let config_from = if bytes.is_some() && args.stdin_filename.is_none() { Path::new(".") } else { path.as_path() };
        let linter = session.linter_for(config_from).map_err(|e| e.to_string())?;
        let baseline = if args.use_baseline { session.baseline_for(&linter, args.baseline).map_err(|e| e.to_string())? } else { None };
        jobs.push(Job { path, stdin: bytes, target: Ok((linter, baseline)) });
    }
    Ok(jobs)
}

fn read_stdin(path: &Path) -> Result<Arc<Vec<u8>>, FileError> {
    let mut bytes = Vec::new();
    std::io::stdin().lock().read_to_end(&mut bytes).map_err(|e| FileError::io(path, &e))?;
    Ok(Arc::new(bytes))
}

/// What checking one document produced, rendered.
struct Part {
    text: String,
    summary: Summary,
    doc: Option<report::Doc>,
    fixed: fix::Fixed,
}

pub fn run(args: CheckArgs) -> u8 {
    let mut session = Session::new(args.config.config.clone());
    let plan_args = PlanArgs {
        paths: &args.paths,
        walk: &args.walk,
        stdin_filename: args.stdin_filename.as_deref(),
        baseline: args.baseline.as_deref(),
        use_baseline: true,
    };
    let jobs = match plan(&mut session, plan_args) {
        Ok(jobs) => jobs,
        Err(e) => {
            eprintln!("budgetlint: error: {e}");
            return exit::TROUBLE;
        }
    };
    let problems = session.report_problems();
    let rules = if args.format == FormatKind::Sarif { session.rules() } else { Vec::new() };
    let format = format::new(args.format, Context { color: use_color(&args), lang: args.lang, rules });
    let mode = (args.fix || args.diff).then_some(Mode { unsafe_fixes: args.unsafe_fixes, write: args.fix });
    let progress = Progress::new(jobs.len(), !args.no_progress);
    let parts: Vec<Part> = jobs
        .par_iter()
        .map(|job| {
            let part = check_one(job, mode, format.as_ref(), args.report.is_some());
            progress.advance();
            part
        })
        .collect();
    progress.finish();

    let mut summary = Summary { problems, ..Summary::default() };
    let mut texts = Vec::with_capacity(parts.len());
    let mut docs = Vec::new();
    let mut fixes = Vec::new();
    for part in parts {
        summary.merge(&part.summary);
        texts.push(part.text);
        docs.extend(part.doc);
        fixes.push(part.fixed);
    }
    if args.diff {
        return print_diffs(&fixes, &summary, &args);
    }
    let document_to_stdout = args.fix && jobs.iter().any(Job::is_stdin);
    let output = format.finish(texts, &summary);
    if document_to_stdout {
        // `check --fix -`: the fixed document is the output; the findings go to stderr.
        eprint!("{output}");
        for (job, fixed) in jobs.iter().zip(&fixes) {
            if job.is_stdin() {
                super::print_bytes(fixed.stdout.as_deref().unwrap_or_default());
            }
        }
    } else {
        super::print(&output);
    }
    for fixed in &fixes {
        if let Some(note) = fixed.note() {
            eprintln!("budgetlint: {note}");
        }
    }
    let mut code = exit_code(&summary, &args);
    if let Some(path) = &args.report {
        match report::write(path, &docs, &summary) {
            Ok(()) => eprintln!("budgetlint: wrote the report to {}", path.display()),
            Err(e) => {
                eprintln!("budgetlint: error: {}: cannot write the report: {e}", path.display());
                code = exit::TROUBLE;
            }
        }
    }
    code
}

fn check_one(job: &Job, mode: Option<Mode>, format: &dyn format::Format, want_doc: bool) -> Part {
    let fixed = match mode {
        Some(mode) => fix::run(job, mode),
        None => fix::Fixed::unchanged(job.run()),
    };
    let mut summary = Summary::default();
    summary.add(&fixed.outcome);
    summary.fixed = fixed.rules.len();
    let doc = want_doc.then(|| report::Doc::new(&fixed.outcome));
    Part { text: format.file(&fixed.outcome), summary, doc, fixed }
}

/// `--diff`: the diffs on stdout, a count on stderr; exit 1 when something would change.
fn print_diffs(fixes: &[fix::Fixed], summary: &Summary, args: &CheckArgs) -> u8 {
    let mut out = String::new();
    let mut files = 0;
    for fixed in fixes {
        if let Some(diff) = &fixed.diff {
            out.push_str(diff);
            files += 1;
        }
        if let Err(e) = &fixed.outcome {
            eprintln!("budgetlint: error: {e}");
        }
    }
    super::print(&out);
    eprintln!("budgetlint: would fix {} finding{} in {files} file{}", summary.fixed, plural(summary.fixed), plural(files));
    if summary.file_errors > 0 || !summary.problems.is_empty() {
        exit::TROUBLE
    } else if files > 0 && !args.exit_zero {
        exit::FINDINGS
    } else {
        exit::CLEAN
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Colour for the human format: `--color always`, or `auto` on a terminal without NO_COLOR.
fn use_color(args: &CheckArgs) -> bool {
    match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
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
