//! `budgetlint`: the command line. Each subcommand lives in `commands/`, each output format in
//! `format/`; the engine does the checking.

mod cli;
mod commands;
mod files;
mod fix;
mod format;
mod i18n;
mod progress;
mod report;
mod select;
mod session;

use clap::{CommandFactory, FromArgMatches};
use std::process::ExitCode;

/// Exit codes, as Ruff and ESLint use them.
pub mod exit {
    /// No error findings.
    pub const CLEAN: u8 = 0;
    /// Error findings (or warnings with `--strict`), or failing rule examples.
    pub const FINDINGS: u8 = 1;
    /// Usage, configuration or I/O errors.
    pub const TROUBLE: u8 = 2;
}

fn main() -> ExitCode {
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // The language is known before parsing, so that `--help` and clap's errors follow it.
    let lang = i18n::detect(&argv);
    // `--version` also lists the plugins found, which clap's built-in flag cannot.
    if commands::version::requested(&argv) {
        return ExitCode::from(commands::version::run(lang));
    }
    let matches = match i18n::localize(cli::Cli::command(), lang).try_get_matches_from(argv) {
        Ok(matches) => matches,
        Err(e) => match i18n::parse_error_zh(&e).filter(|_| lang == cli::Lang::Zh) {
            Some(text) => {
                eprint!("{text}");
                return ExitCode::from(exit::TROUBLE);
            }
            None => e.exit(),
        },
    };
    let args = cli::Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let code = match args.command {
        cli::Command::Check(mut a) => {
            a.lang = lang;
            commands::check::run(a)
        }
        cli::Command::DumpModel { file } => commands::dump_model::run(&file, lang),
        cli::Command::DumpText { file } => commands::dump_model::run_text(&file, lang),
        cli::Command::Rules(a) => commands::rules::list(a, lang),
        cli::Command::Explain { rule, config } => commands::rules::explain(&rule, config, lang),
        cli::Command::TestRules { packs, config } => {
            commands::test_rules::run(&packs, config, lang)
        }
        cli::Command::Baseline(a) => commands::baseline::run(a, lang),
        cli::Command::NewPlugin(a) => commands::new_plugin::run(a, lang),
        cli::Command::Lsp(a) => commands::lsp::run(a),
        cli::Command::Init(a) => commands::init::run(a, lang),
        cli::Command::Trust(a) => commands::trust::run(a, lang),
        cli::Command::PluginWorker { library } => commands::plugin_worker::run(&library),
        cli::Command::PdfWorker {
            file,
            timeout_ms,
            rules_ms,
        } => commands::pdf_worker::run(&file, &timeout_ms, &rules_ms),
    };
    ExitCode::from(code)
}
