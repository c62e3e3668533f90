//! One run's view of configuration: the engine's [`Workspace`] (which rules.toml applies to
//! which document, one [`Linter`] per distinct configuration, the baseline in effect — the same
//! resolution as the language server's) under the command line's `--config` and plugin trust.

use crate::cli::ConfigArgs;
use budgetlint_engine::worker::WorkerSpec;
use budgetlint_engine::workspace::Workspace;
use budgetlint_engine::{Baseline, FileError, Linter, Sources, Trust};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub struct Session {
    workspace: Workspace,
}

impl Session {
    /// A session whose documents all use `--config` when given, else their nearest rules.toml,
    /// and whose plugin trust comes from `--allow-plugins`, the environment and the allow list.
    /// The current directory is the workspace root: the default baseline is looked for there
    /// when no rules.toml applies.
    pub fn new(args: &ConfigArgs) -> Session {
        let trust = Trust::from_process(args.allow_plugins).unwrap_or_else(|e| {
            eprintln!("budgetlint: warning: {e}; the trust list is ignored for this run, so only the built-in plugins load");
            Trust::BuiltinOnly
        });
        let root = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let sources = Sources::from_process()
            .with_trust(trust)
            .with_worker(WorkerSpec::current_exe());
        let mut workspace = Workspace::new(sources, vec![root]);
        workspace.set_forced_config(args.config.clone());
        Session { workspace }
    }

    /// `--ocr`: PDF pages without a text layer are read by OCR.
    pub fn set_ocr(&mut self, on: bool) {
        self.workspace.set_ocr(on);
    }

    /// The linter for a document (or, for `rules`/`explain`, for a directory). A rules.toml that
    /// cannot be read stops the run.
    pub fn linter_for(&mut self, path: &Path) -> Result<Arc<Linter>, FileError> {
        let target = self.workspace.target(Some(path));
        match target.config_error {
            Some(e) => Err(e),
            None => Ok(target.linter),
        }
    }

    /// The baseline in effect for the document at `path`: `explicit` (which must exist), else
    /// the workspace's (rules.toml's `baseline`, else next to rules.toml, else in the current
    /// directory) when it exists.
    pub fn baseline_for(
        &mut self,
        path: &Path,
        explicit: Option<&Path>,
    ) -> Result<Option<Arc<Baseline>>, FileError> {
        if let Some(p) = explicit {
            return match self.workspace.baseline_at(p)? {
                Some(b) => Ok(Some(b)),
                None => Baseline::load(p).map(|b| Some(Arc::new(b))),
            };
        }
        let target = self.workspace.target(Some(path));
        self.workspace.baseline_at(&target.baseline_path)
    }

    /// Where `budgetlint baseline` writes for documents at `path` by default: where `check`
    /// and the editor read it.
    pub fn baseline_path(&mut self, path: &Path) -> PathBuf {
        self.workspace.target(Some(path)).baseline_path
    }

    /// Every rule of every linter built so far, once per id, sorted by id.
    pub fn rules(&self) -> Vec<crate::format::RuleDoc> {
        let mut rules: std::collections::BTreeMap<String, crate::format::RuleDoc> =
            Default::default();
        for linter in self.workspace.linters() {
            for r in linter.rules() {
                rules
                    .entry(r.info.id.clone())
                    .or_insert_with(|| crate::format::RuleDoc {
                        plugin: r.plugin.clone(),
                        info: r.info.clone(),
                    });
            }
        }
        rules.into_values().collect()
    }

    /// Prints each linter's load problems and warnings to stderr once; returns the problems.
    /// `plugins_required`: finding no plugin at all is then a problem (the run would silently
    /// skip most checks), otherwise a warning.
    pub fn report_problems(&self, plugins_required: bool) -> Vec<String> {
        let mut problems: BTreeSet<String> = self
            .workspace
            .linters()
            .flat_map(|l| l.problems())
            .map(|p| p.to_string())
            .collect();
        let warnings: BTreeSet<&String> = self
            .workspace
            .linters()
            .flat_map(|l| l.warnings())
            .collect();
        for w in warnings {
            eprintln!("budgetlint: warning: {w}");
        }
        for w in self.withheld_warnings() {
            eprintln!("budgetlint: warning: {w}");
        }
        let missing: BTreeSet<&str> = self
            .workspace
            .linters()
            .filter_map(|l| l.no_plugins_found())
            .collect();
        for m in missing {
            if plugins_required {
                problems.insert(m.to_string());
            } else {
                eprintln!("budgetlint: warning: {m}");
            }
        }
        for p in &problems {
            eprintln!("budgetlint: error: {p}");
        }
        problems.into_iter().collect()
    }

    /// One warning per rules.toml whose plugin libraries the trust policy kept from loading.
    fn withheld_warnings(&self) -> BTreeSet<String> {
        self.workspace
            .linters()
            .filter(|l| !l.withheld_plugins().is_empty())
            .map(|l| {
                withheld_message(
                    l.config()
                        .files
                        .first()
                        .map_or(Path::new("rules.toml"), PathBuf::as_path),
                    l.withheld_plugins(),
                )
            })
            .collect()
    }
}

/// What was not loaded, why, and the three ways to allow it.
fn withheld_message(config: &Path, libraries: &[PathBuf]) -> String {
    let list: String = libraries
        .iter()
        .map(|l| format!("\n  {}", l.display()))
        .collect();
    format!(
        "plugin libraries named in {config} were not loaded (未加载 rules.toml 指定的插件库): a plugin is program code, \
         and code that a folder's rules.toml names runs only with your permission. Not loaded:{list}\n\
         If you trust this folder, allow them in one of three ways: add --allow-plugins to the command (this run only); \
         set BUDGETLINT_ALLOW_PLUGINS=1 (this shell); or run `budgetlint trust {config}` (this rules.toml, until it is \
         edited). The built-in plugins are used as usual.",
        config = config.display()
    )
}
