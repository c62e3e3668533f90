//! Command-line arguments.

use crate::format::FormatKind;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "budgetlint", version, about = "A linter for Chinese government budget and final-accounts disclosures (部门预算/决算 公开说明).")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check documents (files, or directories searched for *.txt and *.md).
    Check(CheckArgs),
    /// Print the parsed document model of a file as JSON.
    DumpModel { file: PathBuf },
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
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Use this rules.toml for every document instead of the nearest one above it.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or directories (default: the current directory).
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = FormatKind::Human)]
    pub format: FormatKind,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Exit 0 even when there are findings (configuration and I/O errors still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// Exit 1 on warnings too.
    #[arg(long)]
    pub strict: bool,
    /// Baseline file (default: rules.toml's `baseline`, else ./.budgetlint-baseline.json if present).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct BaselineArgs {
    /// Files or directories (default: the current directory).
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Where to write the baseline.
    #[arg(long, short, value_name = "FILE", default_value = budgetlint_engine::baseline::FILE_NAME)]
    pub output: PathBuf,
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
