//! `budgetlint check`: expand the paths, check the documents in parallel (output in input
//! order whatever the scheduling), optionally fix them, print the chosen format, write the
//! HTML report, and turn the totals into the exit code.

use crate::cli::{CheckArgs, ColorChoice, Lang, WalkArgs};
use crate::exit;
use crate::files::{self, Input};
use crate::fix::{self, Mode};
use crate::format::{self, Context, FormatKind, Outcome, Summary};
use crate::i18n::pick;
use crate::progress::Progress;
use crate::report;
use crate::select::RuleFilter;
use crate::session::Session;
use budgetlint_engine::{Baseline, FileError, Linter, Message};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
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
    /// `--select`/`--ignore`.
    filter: Arc<RuleFilter>,
    /// Found by walking a directory rather than named: skipped when it is not a disclosure.
    walked: bool,
    /// `--package`: the files checked together as this one disclosure (empty: `path` alone).
    package: Vec<PathBuf>,
    lang: Lang,
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
            None => budgetlint_readers::read_file_limited(&self.path)
                .map(Cow::Owned)
                .map_err(|e| FileError::io(&self.path, &e)),
        }
    }

    pub fn run(&self) -> Outcome {
        // A job that has no target (a missing path) says why before any read is tried.
        self.target()?;
        self.check(&self.bytes()?)
    }

    /// Whether this job is a `--package` of several files.
    pub fn is_package(&self) -> bool {
        !self.package.is_empty()
    }

    /// Checks the files of a `--package` as one disclosure: one outcome per file, in order
    /// (a file that cannot be read is its error; the others are checked without it).
    pub fn check_package(&self) -> Vec<Outcome> {
        self.check_package_files(&self.read_package())
    }

    /// The bytes of each file of a `--package`, or why it cannot be read, in the order given.
    pub fn read_package(&self) -> Vec<Result<(PathBuf, Vec<u8>), FileError>> {
        self.package
            .iter()
            .map(|path| {
                budgetlint_readers::read_file_limited(path)
                    .map(|bytes| (path.clone(), bytes))
                    .map_err(|e| FileError::io(path, &e))
            })
            .collect()
    }

    /// Checks the files of a `--package` with the bytes given (`--fix` re-checks fixed texts
    /// this way): one outcome per entry, an entry that could not be read keeping its error.
    pub fn check_package_files(
        &self,
        read: &[Result<(PathBuf, Vec<u8>), FileError>],
    ) -> Vec<Outcome> {
        let (linter, baseline) = match self.target() {
            Ok(target) => target,
            Err(e) => return vec![Err(e)],
        };
        let files: Vec<(PathBuf, Vec<u8>)> = read
            .iter()
            .filter_map(|r| r.as_ref().ok().cloned())
            .collect();
        let mut checked = linter
            .check_package(&files, baseline.as_deref())
            .into_iter();
        read.iter()
            .map(|r| {
                let mut outcome = match r {
                    Err(e) => Err(e.clone()),
                    Ok(_) => checked.next().unwrap_or_else(|| {
                        Err(FileError::new(&self.path, "internal: package file lost"))
                    }),
                };
                if let Ok(report) = &mut outcome {
                    self.filter.apply(report);
                }
                outcome
            })
            .collect()
    }

    /// Checks `bytes` as this document, keeping the findings of the selected rules. A walked
    /// file whose text is not a disclosure keeps no finding, only a note that says so.
    pub fn check(&self, bytes: &[u8]) -> Outcome {
        let (linter, baseline) = self.target()?;
        let mut report = linter.check(&self.path, bytes, baseline.as_deref())?;
        self.filter.apply(&mut report);
        if self.walked {
            if let Err(why) = budgetlint_model::kind::looks_like_disclosure(&report.text) {
                report.findings.clear();
                report.notes.push(not_a_disclosure(why));
            }
        }
        Ok(report)
    }
}

/// What `plan` needs besides the session.
pub struct PlanArgs<'a> {
    pub paths: &'a [PathBuf],
    pub walk: &'a WalkArgs,
    pub stdin_filename: Option<&'a Path>,
    pub baseline: Option<&'a Path>,
    pub use_baseline: bool,
    pub filter: Arc<RuleFilter>,
    /// `--package`: each directory is one disclosure, and so are the files named together.
    pub package: bool,
    pub lang: Lang,
}

/// The note on a walked file that is not a disclosure.
fn not_a_disclosure(why: budgetlint_model::kind::NotDisclosure) -> Message {
    use budgetlint_model::kind::NotDisclosure::*;
    let (reason, reason_zh) = match why {
        NotChinese { .. } => ("it is not Chinese text", "不是中文文本"),
        NoBudgetWords => (
            "it never mentions budgets, revenue, expenditure or funds",
            "没有预算、决算、收支或资金的字样",
        ),
    };
    Message::new(
        format!("does not look like a budget or final-accounts disclosure ({reason}): skipped; name the file on the command line to check it"),
        format!("看起来不是预算/决算公开文件（{reason_zh}），已跳过；在命令行上直接指定该文件即可检查"),
    )
}

/// The jobs for the paths. `Err` (a message) for a glob, configuration or baseline that cannot
/// be loaded: those stop the run, while a missing or unreadable document only fails its entry.
pub fn plan(session: &mut Session, args: PlanArgs) -> Result<Vec<Job>, String> {
    if args.package {
        return plan_packages(session, &args);
    }
    let mut jobs = Vec::new();
    let mut stdin: Option<Result<Arc<Vec<u8>>, FileError>> = None;
    let chinese = args.lang == Lang::Zh;
    let inputs =
        files::expand(args.paths, args.walk).map_err(|m| m.in_lang(chinese).to_string())?;
    for input in inputs {
        let (path, bytes, walked) = match input {
            Err(e) => {
                jobs.push(failed_job(e, &args));
                continue;
            }
            Ok(Input::File(path)) => (path, None, false),
            Ok(Input::Walked(path)) => (path, None, true),
            Ok(Input::Stdin) => {
                let path = args
                    .stdin_filename
                    .map_or_else(|| PathBuf::from(STDIN_NAME), Path::to_path_buf);
                let bytes = stdin.get_or_insert_with(|| read_stdin(&path)).clone();
                match bytes {
                    Ok(b) => (path, Some(b), false),
                    Err(e) => {
                        jobs.push(failed_job(e, &args));
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
        let target = checking_target(session, config_from, &args)?;
        jobs.push(Job {
            path,
            stdin: bytes,
            target: Ok(target),
            filter: args.filter.clone(),
            walked,
            package: Vec::new(),
            lang: args.lang,
        });
    }
    Ok(jobs)
}

/// `--package`: one job per directory (its files, walked as `check` walks) and one for the
/// files named on the command line.
fn plan_packages(session: &mut Session, args: &PlanArgs) -> Result<Vec<Job>, String> {
    let default = [PathBuf::from(".")];
    let paths = if args.paths.is_empty() {
        &default[..]
    } else {
        args.paths
    };
    let mut jobs = Vec::new();
    let mut groups: Vec<(PathBuf, Vec<PathBuf>)> = Vec::new();
    let mut named: Vec<PathBuf> = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            return Err(pick(
                args.lang,
                "--package 不读标准输入，请给出文件或目录",
                "--package does not read standard input: name the files or a directory",
            )
            .to_string());
        }
        let mut members = Vec::new();
        let inputs = files::expand(std::slice::from_ref(path), args.walk)
            .map_err(|m| m.in_lang(args.lang == Lang::Zh).to_string())?;
        for input in inputs {
            match input {
                Ok(Input::File(p) | Input::Walked(p)) => members.push(p),
                Ok(Input::Stdin) => {}
                Err(e) => jobs.push(failed_job(e, args)),
            }
        }
        if path.is_dir() {
            groups.push((path.clone(), members));
        } else {
            named.extend(members);
        }
    }
    if let Some(first) = named.first() {
        groups.insert(0, (first.clone(), named));
    }
    for (path, members) in groups {
        if members.is_empty() {
            let why = pick(
                args.lang,
                "目录中没有可检查的文件",
                "the directory holds no file to check",
            );
            jobs.push(failed_job(FileError::new(&path, why), args));
            continue;
        }
        let target = checking_target(session, &path, args)?;
        jobs.push(Job {
            path,
            stdin: None,
            target: Ok(target),
            filter: args.filter.clone(),
            walked: false,
            package: members,
            lang: args.lang,
        });
    }
    Ok(jobs)
}

/// The linter of the rules.toml that governs `from`, and its baseline when one is used.
fn checking_target(
    session: &mut Session,
    from: &Path,
    args: &PlanArgs,
) -> Result<(Arc<Linter>, Option<Arc<Baseline>>), String> {
    let linter = session.linter_for(from).map_err(|e| session.show(&e))?;
    let baseline = if args.use_baseline {
        session
            .baseline_for(from, args.baseline)
            .map_err(|e| session.show(&e))?
    } else {
        None
    };
    Ok((linter, baseline))
}

/// A job that only reports why its path cannot be checked.
fn failed_job(e: FileError, args: &PlanArgs) -> Job {
    Job {
        path: e.path.clone(),
        stdin: None,
        target: Err(e),
        filter: args.filter.clone(),
        walked: false,
        package: Vec::new(),
        lang: args.lang,
    }
}

fn read_stdin(path: &Path) -> Result<Arc<Vec<u8>>, FileError> {
    let bytes = budgetlint_readers::read_limited(&mut std::io::stdin().lock())
        .map_err(|e| FileError::io(path, &e))?;
    Ok(Arc::new(bytes))
}

/// What checking one document produced, rendered: all that is kept of it once checked.
struct Part {
    /// The rendering of each file (several for a `--package`).
    texts: Vec<Rendering>,
    summary: Summary,
    docs: Vec<report::Doc>,
    /// What `--fix` changed, for stderr (one line per file of a `--package`).
    notes: Vec<String>,
    /// The `--diff` of each file a fix changes.
    diffs: Vec<String>,
    /// A fixed document read from stdin, to print.
    stdout: Option<Vec<u8>>,
    /// Why the document could not be checked (or fixed), for `--diff`.
    error: Option<String>,
    /// The document's province profile, for `--show-profile`.
    profile: Option<budgetlint_protocol::Profile>,
}

/// A file's part of the output: rendered by the worker, or, for a format that writes late
/// (`Format::writes_late`: JSON), the outcome itself, written straight to the output in its
/// turn so that its rendering is never held whole in memory, or, when that rendering is small,
/// its bytes rendered by the worker (`Early`; the format's text, not validated again).
enum Rendering {
    Text(String),
    Early(Vec<u8>),
    Late(Box<Outcome>),
}

/// The size up to which a late-writing format's part is rendered where its file was checked.
/// Rendering there runs on every core and leaves the emitter (which writes under the lock that
/// orders the parts) only a copy; a larger part waits for its turn and is written as it is
/// serialized (bench-cli, 1000 files: the JSON serialization was 0.2 s of one thread).
const EARLY_PART_LIMIT: usize = 1 << 20;

impl Rendering {
    fn of(format: &dyn format::Format, outcome: Outcome) -> Rendering {
        Rendering::within(format, outcome, EARLY_PART_LIMIT)
    }

    /// [`Rendering::of`], rendering a late-writing format's part now if it fits in `limit` bytes.
    fn within(format: &dyn format::Format, outcome: Outcome, limit: usize) -> Rendering {
        if !format.writes_late() {
            return Rendering::Text(format.file(&outcome));
        }
        let mut part = CappedBuffer::new(limit);
        match format.write_file(&outcome, &mut part) {
            Ok(()) => Rendering::Early(part.bytes),
            Err(_) => Rendering::Late(Box::new(outcome)),
        }
    }

    fn is_empty(&self) -> bool {
        match self {
            Rendering::Text(t) => t.is_empty(),
            Rendering::Early(bytes) => bytes.is_empty(),
            Rendering::Late(_) => false,
        }
    }

    /// The rendering as text (for the formats that assemble their output at the end).
    fn into_text(self, format: &dyn format::Format) -> String {
        match self {
            Rendering::Text(t) => t,
            Rendering::Early(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Rendering::Late(outcome) => format.file(&outcome),
        }
    }
}

/// A buffer that refuses to grow past its limit: the write that would pass it fails, so that a
/// rendering too large to hold is abandoned early.
struct CappedBuffer {
    bytes: Vec<u8>,
    limit: usize,
}

impl CappedBuffer {
    fn new(limit: usize) -> CappedBuffer {
        CappedBuffer {
            bytes: Vec::new(),
            limit,
        }
    }
}

impl Write for CappedBuffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > self.limit {
            return Err(std::io::Error::other(
                "part larger than the early rendering limit",
            ));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    // The serializer writes each token with `write_all`: one call, not std's retry loop.
    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.write(buf).map(drop)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What a run needs once its arguments are checked: the jobs, the load problems, the rules.
struct Setup {
    jobs: Vec<Job>,
    problems: Vec<String>,
    rules: Vec<format::RuleDoc>,
}

/// Plans the run; `Err` is the line to print (after `budgetlint: `) before exiting with 2.
fn setup(args: &CheckArgs) -> Result<Setup, String> {
    let lang = args.lang;
    let error_word = pick(lang, "错误：", "error: ");
    if args.statistics && !matches!(args.format, FormatKind::Human | FormatKind::Concise) {
        return Err(format!(
            "{error_word}{}",
            pick(
                lang,
                "--statistics 只用于人读格式（human、concise）",
                "--statistics goes with the human formats (human, concise)"
            )
        ));
    }
    let mut session = Session::new(&args.config, lang);
    session.set_ocr(args.ocr);
    let filter = Arc::new(RuleFilter::new(&args.select, &args.ignore));
    let plan_args = PlanArgs {
        paths: &args.paths,
        walk: &args.walk,
        stdin_filename: args.stdin_filename.as_deref(),
        baseline: args.baseline.as_deref(),
        use_baseline: true,
        package: args.package,
        filter: filter.clone(),
        lang,
    };
    let jobs = plan(&mut session, plan_args).map_err(|e| format!("{error_word}{e}"))?;
    if jobs.is_empty() {
        return Err(nothing_to_check(&args.paths, lang));
    }
    let problems = session.report_problems(true);
    let rules = session.rules();
    let ids: Vec<&str> = rules.iter().map(|r| r.info.id.as_str()).collect();
    let unknown = filter.unknown(&ids);
    if !unknown.is_empty() {
        return Err(format!(
            "{error_word}{}{}",
            pick(lang, "没有已加载的规则匹配：", "no loaded rule matches: "),
            unknown.join(", ")
        ));
    }
    Ok(Setup {
        jobs,
        problems,
        rules,
    })
}

pub fn run(args: CheckArgs) -> u8 {
    let lang = args.lang;
    let Setup {
        jobs,
        problems,
        rules,
    } = match setup(&args) {
        Ok(setup) => setup,
        Err(line) => {
            eprintln!("budgetlint: {line}");
            return exit::TROUBLE;
        }
    };
    let mut out = match open_output(args.output.as_deref()) {
        Ok(out) => out,
        Err(e) => {
            eprintln!("budgetlint: {}{e}", pick(lang, "错误：", "error: "));
            return exit::TROUBLE;
        }
    };
    let format = format::new(
        args.format,
        Context {
            color: use_color(&args),
            lang,
            rules,
            all_repeats: args.no_group,
            quiet: args.quiet,
        },
        args.statistics,
    );
    let mode = (args.fix || args.diff).then_some(Mode {
        unsafe_fixes: args.unsafe_fixes,
        write: args.fix,
    });
    let progress = Progress::new(jobs.len(), !args.no_progress, args.lang);
    // `check --fix -` prints the fixed document; the findings then go to stderr.
    let findings_to_stderr = args.fix && jobs.iter().any(Job::is_stdin);
    if findings_to_stderr {
        out = Box::new(std::io::stderr());
    }
    let mut emitter = Emitter::new(format.as_ref(), &progress, out, &args, problems);
    run_in_order(
        jobs.len(),
        |i| {
            let part = check_one(&jobs[i], mode, format.as_ref(), args.report.is_some());
            let part = if args.show_profile {
                with_profile(part, &jobs[i].path, args.format == FormatKind::Human, lang)
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
        if !write_report(path, &docs, &summary, &args) {
            code = exit::TROUBLE;
        }
    }
    if code == exit::FINDINGS && !args.quiet {
        eprintln!("budgetlint: {}", why_exit_1(&args));
    }
    code
}

/// Writes the HTML report and says where (or why not); `false` when it could not be written.
fn write_report(path: &Path, docs: &[report::Doc], summary: &Summary, args: &CheckArgs) -> bool {
    match report::write(path, docs, summary, args.lang) {
        Ok(()) => {
            if !args.quiet {
                match args.lang {
                    Lang::Zh => eprintln!("budgetlint: 报告已写到 {}", path.display()),
                    Lang::En => eprintln!("budgetlint: wrote the report to {}", path.display()),
                }
            }
            true
        }
        Err(e) => {
            match args.lang {
                Lang::Zh => eprintln!(
                    "budgetlint: 错误：{}：无法写入报告：{}",
                    path.display(),
                    budgetlint_engine::io_zh(&e)
                ),
                Lang::En => eprintln!(
                    "budgetlint: error: {}: cannot write the report: {e}",
                    path.display()
                ),
            }
            false
        }
    }
}

/// Why the run exits with 1, so that a first run does not read as a crash.
fn why_exit_1(args: &CheckArgs) -> &'static str {
    match (args.lang, args.strict) {
        (Lang::Zh, false) => "发现错误，退出码为 1（--exit-zero 使退出码为 0）",
        (Lang::Zh, true) => "发现错误或警告（--strict），退出码为 1（--exit-zero 使退出码为 0）",
        (Lang::En, false) => "exit code 1: error findings (--exit-zero exits 0)",
        (Lang::En, true) => {
            "exit code 1: error or warning findings (--strict) (--exit-zero exits 0)"
        }
    }
}

/// A run with no document to check is trouble, not a pass: the paths were probably wrong, or
/// the folder holds no file of a checked type.
fn nothing_to_check(paths: &[PathBuf], lang: Lang) -> String {
    let shown: Vec<String> = if paths.is_empty() {
        vec![".".to_string()]
    } else {
        paths.iter().map(|p| p.display().to_string()).collect()
    };
    match lang {
        Lang::Zh => format!(
            "警告：{} 中没有要检查的文件（目录中检查 *.txt、*.md、*.pdf、*.html、*.htm、*.docx、*.xlsx，\
             跳过隐藏文件和 .gitignore、.budgetlintignore、--exclude 列出的内容；用 --include 指定其他文件），退出码为 2",
            shown.join("、")
        ),
        Lang::En => format!(
            "warning: no file to check in {} (folders are searched for *.txt, *.md, *.pdf, *.html, *.htm, *.docx, \
             *.xlsx, skipping hidden entries and what .gitignore, .budgetlintignore and --exclude list; \
             --include names others); exit code 2",
            shown.join(", ")
        ),
    }
}

/// Where the findings go: `-o FILE`, else standard output.
fn open_output(path: Option<&Path>) -> Result<Box<dyn Write + Send>, String> {
    match path {
        None => Ok(Box::new(std::io::BufWriter::new(std::io::stdout()))),
        Some(p) => std::fs::File::create(p)
            .map(|f| Box::new(std::io::BufWriter::new(f)) as Box<dyn Write + Send>)
            .map_err(|e| format!("{}: {e}", p.display())),
    }
}

/// `--show-profile`: the profile line goes before the document's findings (human format) or, as a
/// note, to stderr (machine formats, which carry the profile themselves where they can).
fn with_profile(mut part: Part, path: &Path, human: bool, lang: Lang) -> Part {
    let Some(profile) = part.profile.take() else {
        return part;
    };
    let line = match lang {
        Lang::Zh => profile_line_zh(path, &profile),
        Lang::En => profile_line(path, &profile),
    };
    if human {
        if let Some(Rendering::Text(text)) = part.texts.first_mut() {
            text.insert_str(0, &format!("{line}\n"));
        }
    } else {
        match part.notes.first_mut() {
            Some(note) => *note = format!("{line}; {note}"),
            None => part.notes.push(line),
        }
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

/// `path：省份配置 河北，县级（识别依据：发文机关名称）`, the Chinese [`profile_line`].
fn profile_line_zh(path: &Path, p: &budgetlint_protocol::Profile) -> String {
    let level = p.level.as_deref().map(level_zh).unwrap_or_default();
    let level = if level.is_empty() {
        String::new()
    } else {
        format!("，{level}")
    };
    match (&p.province, p.detected_by.as_str()) {
        (Some(province), how) => format!(
            "{}：省份配置 {province}{level}（识别依据：{}）",
            path.display(),
            detected_by_zh(how)
        ),
        (None, "config") => format!(
            "{}：省份配置 全国{level}（在 rules.toml 中设定）：只适用全国规则",
            path.display()
        ),
        (None, _) => format!(
            "{}：省份配置 全国{level}（未识别出省份）：只适用全国规则",
            path.display()
        ),
    }
}

/// A profile's level (`Profile::level`) as a reviewer says it.
fn level_zh(level: &str) -> String {
    match level {
        "province" => "省级".into(),
        "city" => "市级".into(),
        "county" => "县级".into(),
        "district" => "区级".into(),
        "township" => "乡镇级".into(),
        other => other.into(),
    }
}

/// How a profile was decided (`Profile::detected_by`), in Chinese.
fn detected_by_zh(how: &str) -> String {
    match how {
        "config" => "rules.toml 中的设定".into(),
        "metadata" => "文件信息".into(),
        "issuer-name" => "发文机关名称".into(),
        "cited-rules" => "所引用的公开办法".into(),
        "doc-number-prefix" => "发文字号的机关代字".into(),
        other => other.into(),
    }
}

fn check_one(job: &Job, mode: Option<Mode>, format: &dyn format::Format, want_doc: bool) -> Part {
    if job.is_package() {
        return check_package(job, mode, format, want_doc);
    }
    let fixed = match mode {
        Some(mode) => fix::run(job, mode),
        None => fix::Fixed::unchanged(job.run()),
    };
    let mut summary = Summary::default();
    summary.add(&fixed.outcome);
    summary.fixed = fixed.rules.len();
    summary.not_written = usize::from(fixed.not_written.is_some());
    let docs = want_doc
        .then(|| report::Doc::new(&fixed.outcome, job.lang))
        .into_iter()
        .collect();
    let note = fixed.note(job.lang);
    let error = fixed
        .outcome
        .as_ref()
        .err()
        .map(|e| e.display_in(job.lang == Lang::Zh));
    let profile = fixed.outcome.as_ref().ok().map(|r| r.profile.clone());
    Part {
        texts: vec![Rendering::of(format, fixed.outcome)],
        summary,
        docs,
        notes: note.into_iter().collect(),
        error,
        profile,
        diffs: fixed.diff.into_iter().collect(),
        stdout: fixed.stdout,
    }
}

/// A `--package` job: each file's findings rendered as its own file's part. With `--fix` or
/// `--diff`, the fixes in its text files are applied and the whole package re-checked
/// (`fix::run_package`); a PDF, web page or spreadsheet of the package is never written, and
/// the note says so when its findings have fixes.
fn check_package(
    job: &Job,
    mode: Option<Mode>,
    format: &dyn format::Format,
    want_doc: bool,
) -> Part {
    let fixed = match mode {
        Some(mode) => fix::run_package(job, mode),
        None => job
            .check_package()
            .into_iter()
            .map(fix::Fixed::unchanged)
            .collect(),
    };
    let mut summary = Summary::default();
    for f in &fixed {
        summary.add(&f.outcome);
        summary.fixed += f.rules.len();
        summary.not_written += usize::from(f.not_written.is_some());
    }
    let notes: Vec<String> = fixed.iter().filter_map(|f| f.note(job.lang)).collect();
    let mut diffs = Vec::new();
    let mut outcomes = Vec::with_capacity(fixed.len());
    for f in fixed {
        diffs.extend(f.diff);
        outcomes.push(f.outcome);
    }
    let docs = if want_doc {
        outcomes
            .iter()
            .map(|o| report::Doc::new(o, job.lang))
            .collect()
    } else {
        Vec::new()
    };
    let error = outcomes
        .iter()
        .find_map(|o| o.as_ref().err())
        .map(|e| e.display_in(job.lang == Lang::Zh));
    let profile = outcomes
        .iter()
        .find_map(|o| o.as_ref().ok())
        .map(|r| r.profile.clone());
    Part {
        texts: outcomes
            .into_iter()
            .map(|o| Rendering::of(format, o))
            .collect(),
        summary,
        docs,
        notes,
        error,
        profile,
        diffs,
        stdout: None,
    }
}

/// Runs `work` for 0..n on two threads per core, handing out indices in order,
/// and passes each result to `sink` in index order as soon as the results before it are in.
/// Documents are thus taken in order and printed as they finish: memory holds a few results,
/// not the whole run, and the output does not depend on scheduling.
fn run_in_order<T: Send>(n: usize, work: impl Fn(usize) -> T + Sync, sink: impl FnMut(T) + Send) {
    let next = AtomicUsize::new(0);
    let state = Mutex::new((0usize, BTreeMap::<usize, T>::new(), sink));
    // Two documents per core: each document waits while its plugin calls run on a time-limit
    // thread (engine `deadline`), and the hand-over back and forth leaves a core idle for a
    // moment; a second document in flight fills it (bench-cli, 1000 files: 1.73 s wall with one
    // per core, 1.52 s with two, the same CPU; peak RSS 37 → 43 MB).
    let threads = (rayon::current_num_threads() * 2).clamp(1, n.max(1));
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
    quiet: bool,
    lang: Lang,
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
        out: Box<dyn Write + Send + 'a>,
        args: &CheckArgs,
        problems: Vec<String>,
    ) -> Emitter<'a> {
        let diff_mode = args.diff;
        let mut emitter = Emitter {
            format,
            progress,
            out,
            diff_mode,
            quiet: args.quiet,
            lang: args.lang,
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
        self.write_bytes(text.as_bytes());
    }

    /// [`Emitter::write`] for bytes rendered already.
    fn write_bytes(&mut self, bytes: &[u8]) {
        if !bytes.is_empty() {
            let out = &mut self.out;
            self.progress.suspend(|| {
                let _ = out.write_all(bytes);
            });
        }
    }

    /// Writes a file's part as the format renders it, ignoring a closed pipe as `write` does.
    fn write_late(&mut self, outcome: &Outcome) {
        let (format, out) = (self.format, &mut self.out);
        self.progress.suspend(|| {
            let _ = format.write_file(outcome, out);
        });
    }

    fn accept(&mut self, part: Part) {
        self.summary.merge(&part.summary);
        self.docs.extend(part.docs);
        for note in part.notes.iter().filter(|_| !self.quiet) {
            self.progress.suspend(|| eprintln!("budgetlint: {note}"));
        }
        self.documents.extend(part.stdout);
        if self.diff_mode {
            for diff in &part.diffs {
                self.diffs += 1;
                self.write(diff);
            }
            if let Some(e) = &part.error {
                let word = pick(self.lang, "错误：", "error: ");
                self.progress.suspend(|| eprintln!("budgetlint: {word}{e}"));
            }
        } else if !self.format.streams() {
            let format = self.format;
            self.buffered
                .extend(part.texts.into_iter().map(|r| r.into_text(format)));
        } else {
            for rendering in part.texts.iter().filter(|r| !r.is_empty()) {
                if self.parts_written > 0 {
                    let separator = self.format.separator();
                    self.write(separator);
                }
                match rendering {
                    Rendering::Text(text) => self.write(text),
                    Rendering::Early(bytes) => self.write_bytes(bytes),
                    Rendering::Late(outcome) => self.write_late(outcome),
                }
                self.parts_written += 1;
            }
        }
    }

    /// Writes the end of the output; returns the totals, the report's documents and the
    /// number of diffs.
    fn finish(mut self) -> (Summary, Vec<report::Doc>, usize) {
        if self.diff_mode {
            let (n, files) = (self.summary.fixed, self.diffs);
            match self.lang {
                // Nothing is written with --diff: the line says what --fix would do.
                Lang::Zh => eprintln!(
                    "budgetlint: 未修改任何文件；--fix 将修复 {files} 个文件中的 {n} 个问题"
                ),
                Lang::En => eprintln!(
                    "budgetlint: would fix {n} finding{} in {files} file{} (nothing was written)",
                    plural(n),
                    plural(files)
                ),
            }
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

/// Colour for the human format: `--color always`, or `auto` on a terminal without NO_COLOR
/// (never into an `-o` file).
fn use_color(args: &CheckArgs) -> bool {
    match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            args.output.is_none()
                && std::io::stdout().is_terminal()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn json() -> Box<dyn format::Format> {
        let context = Context {
            color: false,
            lang: Lang::Zh,
            rules: Vec::new(),
            all_repeats: false,
            quiet: false,
        };
        format::new(FormatKind::Json, context, false)
    }

    #[test]
    fn a_small_part_is_rendered_where_it_was_checked() {
        let format = json();
        let outcome: Outcome = Err(FileError::new("a.txt", "unreadable"));
        let expected = format.file(&outcome);
        match Rendering::within(&*format, outcome, 1 << 10) {
            Rendering::Early(bytes) => assert_eq!(bytes, expected.as_bytes()),
            _ => panic!("a part of {} bytes was not rendered early", expected.len()),
        }
    }

    #[test]
    fn a_part_over_the_limit_waits_for_its_turn() {
        let format = json();
        let outcome: Outcome = Err(FileError::new("a.txt", "unreadable ".repeat(100)));
        let expected = format.file(&outcome);
        let Rendering::Late(kept) = Rendering::within(&*format, outcome, 64) else {
            panic!("a part of {} bytes was held whole", expected.len());
        };
        assert_eq!(Rendering::Late(kept).into_text(&*format), expected);
    }
}
