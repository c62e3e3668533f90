//! Command-line arguments.

use crate::format::FormatKind;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "budgetlint",
    version,
    about = "A linter for Chinese government budget and final-accounts disclosures (部门预算/决算 公开说明)."
)]
pub struct Cli {
    /// Language of the help, messages and reports: Chinese (default) or English where a rule
    /// provides it; also BUDGETLINT_LANG.
    #[arg(long, value_enum, global = true)]
    pub lang: Option<Lang>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check documents (files, directories, or `-` for stdin).
    Check(CheckArgs),
    /// Print the parsed document model of a file as JSON.
    DumpModel { file: PathBuf },
    /// Print the text budgetlint reads from a file (PDF, HTML, Word, Excel or text), with page
    /// and sheet markers.
    DumpText { file: PathBuf },
    /// List all rules with their plugin, severity and summary.
    Rules(ConfigArgs),
    /// Show a rule's full documentation.
    Explain {
        rule: String,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Run the `should_fire`/`should_pass` examples of rule packs (default: all loaded packs).
    TestRules {
        packs: Vec<PathBuf>,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Accept the current findings: write a baseline file that `check` then stays quiet about.
    Baseline(BaselineArgs),
    /// Create a plugin crate outside this repository, ready to build.
    NewPlugin(NewPluginArgs),
    /// Run the language server (LSP over stdin/stdout) for editors.
    Lsp(crate::commands::lsp::LspArgs),
    /// Write a commented rules.toml for a province profile.
    Init(InitArgs),
    /// Allow the plugin libraries a rules.toml names to load, until the file changes
    /// (`--revoke` withdraws it).
    Trust(TrustArgs),
    /// Internal: load one plugin library and answer check requests on stdin/stdout, for a
    /// `budgetlint` that runs plugins in separate processes (budgetlint_engine::worker).
    #[command(name = "__plugin-worker", hide = true)]
    PluginWorker { library: PathBuf },
    /// Internal: read one PDF with the built-in reader and print its words and rules, for a
    /// `budgetlint` that reads PDFs in separate processes (budgetlint_readers::pdf_worker).
    #[command(name = "__pdf-worker", hide = true)]
    PdfWorker {
        file: PathBuf,
        timeout_ms: String,
        rules_ms: String,
    },
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Use this rules.toml for every document instead of the nearest one above it.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Load the plugin libraries rules.toml names (`plugins.paths`, `plugins.dirs`) for this run.
    /// They are native code: allow only folders you trust. Also BUDGETLINT_ALLOW_PLUGINS=1, or
    /// `budgetlint trust` for one rules.toml.
    #[arg(long)]
    pub allow_plugins: bool,
}

#[derive(Debug, Args)]
pub struct TrustArgs {
    /// The rules.toml (or a folder: the nearest rules.toml above it; default: the current folder).
    pub path: Option<PathBuf>,
    /// Remove it from the allow list instead.
    #[arg(long)]
    pub revoke: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or directories (default: the current directory, honouring .gitignore); `-` reads
    /// standard input.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatKind::Human)]
    pub format: FormatKind,
    #[command(flatten)]
    pub config: ConfigArgs,
    #[command(flatten)]
    pub walk: WalkArgs,
    /// The path to report (and to find rules.toml from) for the document read from `-`.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// Exit 0 even when there are findings (configuration and I/O errors still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// Exit 1 on warnings too.
    #[arg(long)]
    pub strict: bool,
    /// Baseline file (default: rules.toml's `baseline`, else ./.budgetlint-baseline.json if present).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Colour in the human format: `auto` (only on a terminal, and not when NO_COLOR is set).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// The language of the run (the global `--lang`, else BUDGETLINT_LANG, else Chinese).
    #[arg(skip)]
    pub lang: Lang,
    /// Report only these rules: rule ids or prefixes (`text`, `text/`), repeatable or
    /// comma-separated.
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub select: Vec<String>,
    /// Do not report these rules: rule ids or prefixes, repeatable or comma-separated.
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Print the number of findings per rule instead of the findings (human format).
    #[arg(long)]
    pub statistics: bool,
    /// Print the findings only: no summary line and no notes.
    #[arg(long, short)]
    pub quiet: bool,
    /// Write the output to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// In the human format, show every repeated finding (by default, after three findings of one
    /// rule in a document the others are listed on one line).
    #[arg(long)]
    pub no_group: bool,
    /// Check one disclosure published as several files (a 说明 and its 公开表): each directory
    /// given is one disclosure of the files in it, and the files named together are one; the
    /// findings are still reported in the file they are in.
    #[arg(long)]
    pub package: bool,
    /// Read PDF pages that have no text layer (scans) by OCR: tesseract with its chi_sim model
    /// (Debian: tesseract-ocr, tesseract-ocr-chi-sim) and pdftoppm; findings there are marked
    /// as on OCR text.
    #[arg(long)]
    pub ocr: bool,
    /// Apply safe fixes to the files (keeping encoding, BOM, line endings, mode, owner and
    /// hard links; read-only files are refused), then report what remains.
    #[arg(long)]
    pub fix: bool,
    /// With --fix or --diff, apply unsafe fixes too (they change figures or wording).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of writing them; exit 1 when there is one.
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    /// Also write a self-contained HTML report for reviewers to this file.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Never show a progress bar (it only shows on a terminal, outside CI, for long runs).
    #[arg(long)]
    pub no_progress: bool,
    /// Show each document's province profile (province, level, how it was detected): before
    /// its findings in the human format, on stderr otherwise (JSON file entries also carry it).
    #[arg(long)]
    pub show_profile: bool,
}

/// Which files a directory walk picks up.
#[derive(Debug, Clone, Default, Args)]
pub struct WalkArgs {
    /// Check files matching this glob inside directories (repeatable; default: `*.txt`, `*.md`,
    /// `*.pdf`, `*.html`, `*.htm`, `*.docx`, `*.xlsx`, `*.doc`, `*.xls`).
    /// A glob without `/` matches file names; one with `/` matches the path below the directory.
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    /// Skip files and directories matching this glob (repeatable), as well as what
    /// `.gitignore` and `.budgetlintignore` files (gitignore syntax) list.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    /// 中文
    #[default]
    Zh,
    /// English
    En,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Province profile to write: `national`, or a province by Pinyin (`shanghai`), Chinese
    /// name (`上海`) or code (default: detect from each document).
    #[arg(long, value_name = "PROVINCE")]
    pub province: Option<String>,
    /// Where to write (default: ./rules.toml).
    #[arg(long, short, value_name = "FILE", default_value = "rules.toml")]
    pub output: PathBuf,
    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct BaselineArgs {
    /// Files or directories (default: the current directory).
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub config: ConfigArgs,
    #[command(flatten)]
    pub walk: WalkArgs,
    /// Where to write the baseline (default: where `check` and the editor read it: rules.toml's
    /// `baseline`, else `.budgetlint-baseline.json` next to the rules.toml of the first path,
    /// else in the current directory).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct NewPluginArgs {
    /// Plugin name: lowercase letters, digits and dashes; rule ids start with `NAME/`.
    pub name: String,
    /// Directory to create the crate `budgetlint-plugin-NAME` in.
    #[arg(long, default_value = ".")]
    pub dir: PathBuf,
    /// Path of the budgetlint-sdk crate to depend on (default: the SDK of this build's sources).
    #[arg(long, value_name = "DIR")]
    pub sdk: Option<PathBuf>,
}
