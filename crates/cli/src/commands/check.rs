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
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

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
            None => std::fs::read(&self.path)
                .map(Cow::Owned)
                .map_err(|e| FileError::io(&self.path, &e)),
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
                jobs.push(Job {
                    path: e.path.clone(),
                    stdin: None,
                    target: Err(e),
                });
                continue;
            }
            Ok(Input::File(path)) => (path, None),
            Ok(Input::Stdin) => {
                let path = args
                    .stdin_filename
                    .map_or_else(|| PathBuf::from(STDIN_NAME), Path::to_path_buf);
                let bytes = stdin.get_or_insert_with(|| read_stdin(&path)).clone();
                match bytes {
                    Ok(b) => (path, Some(b)),
                    Err(e) => {
                        jobs.push(Job {
                            path,
                            stdin: None,
                            target: Err(e),
                        });
                        continue;
                    }
                }
            }
        };
        // rules.toml is looked for from the stdin file name's directory, else from here.
        let config_from = if bytes.is_some() && args.stdin_filename.is_none() {
            Path::new(".")
        } else {
            path.as_path()
        };
        let linter = session.linter_for(config_from).map_err(|e| e.to_string())?;
        let baseline = if args.use_baseline {
            session
                .baseline_for(config_from, args.baseline)
                .map_err(|e| e.to_string())?
        } else {
            None
        };
        jobs.push(Job {
            path,
            stdin: bytes,
            target: Ok((linter, baseline)),
        });
    }
    Ok(jobs)
}

fn read_stdin(path: &Path) -> Result<Arc<Vec<u8>>, FileError> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .read_to_end(&mut bytes)
        .map_err(|e| FileError::io(path, &e))?;
    Ok(Arc::new(bytes))
}

/// What checking one document produced, rendered: all that is kept of it once checked.
struct Part {
    text: String,
    summary: Summary,
    doc: Option<report::Doc>,
    /// What `--fix` changed, for stderr.
    note: Option<String>,
    /// The `--diff` of the document, when a fix applies.
    diff: Option<String>,
    /// A fixed document read from stdin, to print.
    stdout: Option<Vec<u8>>,
    /// Why the document could not be checked (or fixed), for `--diff`.
    error: Option<String>,
    /// The document's province profile, for `--show-profile`.
    profile: Option<budgetlint_protocol::Profile>,
}

pub fn run(args: CheckArgs) -> u8 {
    let mut session = Session::new(&args.config);
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
    let problems = session.report_problems(true);
    let rules = if args.format == FormatKind::Sarif {
        session.rules()
    } else {
        Vec::new()
    };
    let format = format::new(
        args.format,
        Context {
            color: use_color(&args),
            lang: args.lang,
            rules,
        },
    );
    let mode = (args.fix || args.diff).then_some(Mode {
        unsafe_fixes: args.unsafe_fixes,
        write: args.fix,
    });
    let progress = Progress::new(jobs.len(), !args.no_progress);
    // `check --fix -` prints the fixed document; the findings then go to stderr.
    let findings_to_stderr = args.fix && jobs.iter().any(Job::is_stdin);
    let mut emitter = Emitter::new(
        format.as_ref(),
        &progress,
        args.diff,
        findings_to_stderr,
        problems,
    );
    run_in_order(
        jobs.len(),
        |i| {
            let part = check_one(&jobs[i], mode, format.as_ref(), args.report.is_some());
            let part = if args.show_profile {
                with_profile(part, &jobs[i].path, args.format == FormatKind::Human)
            } else {
                part
            };
            progress.advance();
            part
        },
        |part| emitter.accept(part),
    );
    progress.finish();
    let (summary, docs, diffs) = emitter.finish();
    if args.diff {
        return diff_exit_code(&summary, diffs, &args);
    }
    let mut code = exit_code(&summary, &args);
    if let Some(path) = &args.report {
        match report::write(path, &docs, &summary) {
            Ok(()) => eprintln!("budgetlint: wrote the report to {}", path.display()),
            Err(e) => {
                eprintln!(
                    "budgetlint: error: {}: cannot write the report: {e}",
                    path.display()
                );
                code = exit::TROUBLE;
            }
        }
    }
    code
}

/// `--show-profile`: the profile line goes before the document's findings (human format) or, as a
/// note, to stderr (machine formats, which carry the profile themselves where they can).
fn with_profile(mut part: Part, path: &Path, human: bool) -> Part {
    let Some(profile) = part.profile.take() else {
        return part;
    };
    let line = profile_line(path, &profile);
    if human {
        part.text.insert_str(0, &format!("{line}\n"));
    } else {
        part.note = Some(
            part.note
                .take()
                .map_or(line.clone(), |n| format!("{line}; {n}")),
        );
    }
    part
}

/// `path: profile 河北, county (detected by issuer-name)`; a document with no recognisable
/// province says that the national rules apply.
fn profile_line(path: &Path, p: &budgetlint_protocol::Profile) -> String {
    let level = p
        .level
        .as_deref()
        .map(|l| format!(", {l}"))
        .unwrap_or_default();
    match (&p.province, p.detected_by.as_str()) {
        (Some(province), how) => format!(
            "{}: profile {province}{level} (detected by {how})",
            path.display()
        ),
        (None, "config") => format!(
            "{}: profile national{level} (set in rules.toml): national rules only",
            path.display()
        ),
        (None, _) => format!(
            "{}: profile national{level} (no province recognised): national rules only",
            path.display()
        ),
    }
}

fn check_one(job: &Job, mode: Option<Mode>, format: &dyn format::Format, want_doc: bool) -> Part {
    let fixed = match mode {
        Some(mode) => fix::run(job, mode),
        None => fix::Fixed::unchanged(job.run()),
    };
    let mut summary = Summary::default();
    summary.add(&fixed.outcome);
    summary.fixed = fixed.rules.len();
    summary.not_written = usize::from(fixed.not_written.is_some());
    Part {
        text: format.file(&fixed.outcome),
        summary,
        doc: want_doc.then(|| report::Doc::new(&fixed.outcome)),
        note: fixed.note(),
        error: fixed.outcome.as_ref().err().map(ToString::to_string),
        profile: fixed.outcome.as_ref().ok().map(|r| r.profile.clone()),
        diff: fixed.diff,
        stdout: fixed.stdout,
    }
}

/// Runs `work` for 0..n on as many threads as there are cores, handing out indices in order,
/// and passes each result to `sink` in index order as soon as the results before it are in.
/// Documents are thus taken in order and printed as they finish: memory holds a few results,
/// not the whole run, and the output does not depend on scheduling.
fn run_in_order<T: Send>(n: usize, work: impl Fn(usize) -> T + Sync, sink: impl FnMut(T) + Send) {
    let next = AtomicUsize::new(0);
    let state = Mutex::new((0usize, BTreeMap::<usize, T>::new(), sink));
    let threads = rayon::current_num_threads().clamp(1, n.max(1));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= n {
                    break;
                }
                let result = work(i);
                let mut guard = state.lock().unwrap_or_else(PoisonError::into_inner);
                let (emitted, pending, sink) = &mut *guard;
                pending.insert(i, result);
                while let Some(ready) = pending.remove(emitted) {
                    sink(ready);
                    *emitted += 1;
                }
            });
        }
    });
}

/// Writes the parts as they come, in order, and keeps the totals.
struct Emitter<'a> {
    format: &'a dyn format::Format,
    progress: &'a Progress,
    out: Box<dyn Write + Send + 'a>,
    diff_mode: bool,
    parts_written: usize,
    buffered: Vec<String>,
    summary: Summary,
    docs: Vec<report::Doc>,
    documents: Vec<Vec<u8>>,
    diffs: usize,
}

impl<'a> Emitter<'a> {
    fn new(
        format: &'a dyn format::Format,
        progress: &'a Progress,
        diff_mode: bool,
        to_stderr: bool,
        problems: Vec<String>,
    ) -> Emitter<'a> {
        let out: Box<dyn Write + Send> = if to_stderr {
            Box::new(std::io::stderr())
        } else {
            Box::new(std::io::BufWriter::new(std::io::stdout()))
        };
        let mut emitter = Emitter {
            format,
            progress,
            out,
            diff_mode,
            parts_written: 0,
            buffered: Vec::new(),
            summary: Summary {
                problems,
                ..Summary::default()
            },
            docs: Vec::new(),
            documents: Vec::new(),
            diffs: 0,
        };
        if format.streams() && !diff_mode {
            let start = format.start();
            emitter.write(&start);
        }
        emitter
    }

    /// Writes to the output, ignoring a closed pipe (`budgetlint check | head`).
    fn write(&mut self, text: &str) {
        if !text.is_empty() {
            let out = &mut self.out;
            self.progress.suspend(|| {
                let _ = out.write_all(text.as_bytes());
            });
        }
    }

    fn accept(&mut self, part: Part) {
        self.summary.merge(&part.summary);
        self.docs.extend(part.doc);
        if let Some(note) = &part.note {
            self.progress.suspend(|| eprintln!("budgetlint: {note}"));
        }
        self.documents.extend(part.stdout);
        if self.diff_mode {
            if let Some(diff) = &part.diff {
                self.diffs += 1;
                self.write(diff);
            }
            if let Some(e) = &part.error {
                self.progress
                    .suspend(|| eprintln!("budgetlint: error: {e}"));
            }
        } else if !self.format.streams() {
            self.buffered.push(part.text);
        } else if !part.text.is_empty() {
            if self.parts_written > 0 {
                let separator = self.format.separator();
                self.write(separator);
            }
            self.write(&part.text);
            self.parts_written += 1;
        }
    }

    /// Writes the end of the output; returns the totals, the report's documents and the
    /// number of diffs.
    fn finish(mut self) -> (Summary, Vec<report::Doc>, usize) {
        if self.diff_mode {
            let (n, files) = (self.summary.fixed, self.diffs);
            eprintln!(
                "budgetlint: would fix {n} finding{} in {files} file{}",
                plural(n),
                plural(files)
            );
        } else if self.format.streams() {
            let end = self.format.end(&self.summary);
            self.write(&end);
        } else {
            let all = self
                .format
                .finish(std::mem::take(&mut self.buffered), &self.summary);
            self.write(&all);
        }
        let _ = self.out.flush();
        for document in &self.documents {
            super::print_bytes(document);
        }
        (self.summary, self.docs, self.diffs)
    }
}

/// `--diff`: exit 1 when something would change.
fn diff_exit_code(summary: &Summary, diffs: usize, args: &CheckArgs) -> u8 {
    if summary.file_errors > 0 || !summary.problems.is_empty() {
        exit::TROUBLE
    } else if diffs > 0 && !args.exit_zero {
        exit::FINDINGS
    } else {
        exit::CLEAN
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Colour for the human format: `--color always`, or `auto` on a terminal without NO_COLOR.
fn use_color(args: &CheckArgs) -> bool {
    match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

fn exit_code(s: &Summary, args: &CheckArgs) -> u8 {
    // Fixes asked for but not written are trouble like an unreadable file, though the
    // file's findings are listed.
    if s.file_errors > 0 || s.not_written > 0 || !s.problems.is_empty() {
        exit::TROUBLE
    } else if !args.exit_zero && (s.errors > 0 || (args.strict && s.warnings > 0)) {
        exit::FINDINGS
    } else {
        exit::CLEAN
    }
}
