//! One run's view of configuration: the engine's [`Workspace`] (which rules.toml applies to
//! which document, one [`Linter`] per distinct configuration, the baseline in effect — the same
//! resolution as the language server's) under the command line's `--config` and plugin trust.

use crate::cli::{ConfigArgs, Lang};
use budgetlint_engine::worker::WorkerSpec;
use budgetlint_engine::workspace::Workspace;
use budgetlint_engine::{Baseline, FileError, Linter, Message, Sources, Trust};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub struct Session {
    workspace: Workspace,
    /// The language of the messages printed to stderr.
    lang: Lang,
}

impl Session {
    /// A session whose documents all use `--config` when given, else their nearest rules.toml,
    /// and whose plugin trust comes from `--allow-plugins`, the environment and the allow list.
    /// The current directory is the workspace root: the default baseline is looked for there
    /// when no rules.toml applies.
    pub fn new(args: &ConfigArgs, lang: Lang) -> Session {
        let trust = Trust::from_process(args.allow_plugins).unwrap_or_else(|e| {
            match lang {
                Lang::Zh => eprintln!(
                    "budgetlint: 警告：{}；本次运行不使用信任列表，只加载内置插件",
                    e.display_in(true)
                ),
                Lang::En => eprintln!("budgetlint: warning: {e}; the trust list is ignored for this run, so only the built-in plugins load"),
            }
            Trust::BuiltinOnly
        });
        let root = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let sources = Sources::from_process()
            .with_trust(trust)
            .with_worker(WorkerSpec::current_exe());
        let mut workspace = Workspace::new(sources, vec![root]);
        workspace.set_forced_config(args.config.clone());
        Session { workspace, lang }
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

    /// Prints each linter's load problems and warnings to stderr once, in the session's
    /// language; returns the problems (in that language, for the formats that list them).
    /// `plugins_required`: finding no plugin at all is then a problem (the run would silently
    /// skip most checks), otherwise a warning.
    pub fn report_problems(&self, plugins_required: bool) -> Vec<String> {
        let chinese = self.lang == Lang::Zh;
        let mut problems: BTreeSet<String> = self
            .workspace
            .linters()
            .flat_map(|l| l.problems())
            .map(|p| p.display_in(chinese))
            .collect();
        let warnings: BTreeSet<&Message> = self
            .workspace
            .linters()
            .flat_map(|l| l.warnings())
            .collect();
        let warning_word = crate::i18n::pick(self.lang, "警告：", "warning: ");
        for w in warnings {
            eprintln!("budgetlint: {warning_word}{}", w.in_lang(chinese));
        }
        for w in self.withheld_warnings() {
            eprintln!("budgetlint: {warning_word}{}", w.in_lang(chinese));
        }
        let missing: BTreeSet<&Message> = self
            .workspace
            .linters()
            .filter_map(|l| l.no_plugins_found())
            .collect();
        for m in missing {
            if plugins_required {
                problems.insert(m.in_lang(chinese).to_string());
            } else {
                eprintln!("budgetlint: {warning_word}{}", m.in_lang(chinese));
            }
        }
        let error_word = crate::i18n::pick(self.lang, "错误：", "error: ");
        for p in &problems {
            eprintln!("budgetlint: {error_word}{p}");
        }
        problems.into_iter().collect()
    }

    /// A file error as this session's language shows it.
    pub fn show(&self, e: &FileError) -> String {
        e.display_in(self.lang == Lang::Zh)
    }

    /// One warning per rules.toml whose plugin libraries the trust policy kept from loading.
    fn withheld_warnings(&self) -> BTreeSet<Message> {
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
fn withheld_message(config: &Path, libraries: &[PathBuf]) -> Message {
    let list: String = libraries
        .iter()
        .map(|l| format!("\n  {}", l.display()))
        .collect();
    let config = config.display();
    Message::new(
        format!(
            "plugin libraries named in {config} were not loaded: a plugin is program code, \
             and code that a folder's rules.toml names runs only with your permission. Not loaded:{list}\n\
             If you trust this folder, allow them in one of three ways: add --allow-plugins to the command (this run only); \
             set BUDGETLINT_ALLOW_PLUGINS=1 (this shell); or run `budgetlint trust {config}` (this rules.toml, until it is \
             edited). The built-in plugins are used as usual."
        ),
        format!(
            "未加载 {config} 指定的插件库：插件是程序代码，文件夹中的 rules.toml 指定的代码须经您允许才会运行。\
             未加载的插件库：{list}\n\
             如果信任这个文件夹，可用以下三种方式之一允许加载：在命令中加 --allow-plugins（仅本次运行）；\
             设置 BUDGETLINT_ALLOW_PLUGINS=1（当前终端）；或运行 `budgetlint trust {config}`（这个 rules.toml，\
             直到它被修改）。内置插件照常使用。"
        ),
    )
}
