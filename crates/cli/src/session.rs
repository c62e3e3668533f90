//! One run's view of configuration: which rules.toml applies to which document, and one
//! [`Linter`] per distinct configuration, built once and shared by all its documents.

use crate::cli::ConfigArgs;
use budgetlint_engine::{Baseline, Config, FileError, Linter, Registry, Sources, Trust};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub struct Session {
    sources: Sources,
    registry: Registry,
    forced: Option<PathBuf>,
    linters: HashMap<Option<PathBuf>, Arc<Linter>>,
    baselines: HashMap<PathBuf, Arc<Baseline>>,
}

impl Session {
    /// A session whose documents all use `--config` when given, else their nearest rules.toml,
    /// and whose plugin trust comes from `--allow-plugins`, the environment and the allow list.
    pub fn new(args: &ConfigArgs) -> Session {
        let trust = Trust::from_process(args.allow_plugins).unwrap_or_else(|e| {
            eprintln!("budgetlint: warning: {e}; the trust list is ignored for this run, so only the built-in plugins load");
            Trust::BuiltinOnly
        });
        Session {
            sources: Sources::from_process().with_trust(trust),
            registry: Registry::default(),
            forced: args.config.clone(),
            linters: HashMap::new(),
            baselines: HashMap::new(),
        }
    }

    /// The linter for a document (or, for `rules`/`explain`, for a directory).
    pub fn linter_for(&mut self, path: &Path) -> Result<Arc<Linter>, FileError> {
        let config_path = match &self.forced {
            Some(p) => Some(p.clone()),
            None => Config::find_nearest(&start_dir(path)),
        };
        if let Some(l) = self.linters.get(&config_path) {
            return Ok(l.clone());
        }
        let config = match &config_path {
            Some(p) => Config::load(p)?,
            None => Config::default(),
        };
        let linter = Arc::new(Linter::new(config, &self.sources, &mut self.registry));
        self.linters.insert(config_path, linter.clone());
        Ok(linter)
    }

    /// The baseline in effect: `explicit`, else the configuration's, else the default file in the
    /// current directory when it exists.
    pub fn baseline_for(
        &mut self,
        linter: &Linter,
        explicit: Option<&Path>,
    ) -> Result<Option<Arc<Baseline>>, FileError> {
        let default = Path::new(budgetlint_engine::baseline::FILE_NAME);
        let path = match (explicit, &linter.config().baseline) {
            (Some(p), _) => p.to_path_buf(),
            (None, Some(p)) if p.is_file() => p.clone(),
            (None, _) if default.is_file() => default.to_path_buf(),
            _ => return Ok(None),
        };
        if let Some(b) = self.baselines.get(&path) {
            return Ok(Some(b.clone()));
        }
        let baseline = Arc::new(Baseline::load(&path)?);
        self.baselines.insert(path, baseline.clone());
        Ok(Some(baseline))
    }

    /// Every rule of every linter built so far, once per id, sorted by id.
    pub fn rules(&self) -> Vec<crate::format::RuleDoc> {
        let mut rules: std::collections::BTreeMap<String, crate::format::RuleDoc> =
            Default::default();
        for linter in self.linters.values() {
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
            .linters
            .values()
            .flat_map(|l| l.problems())
            .map(|p| p.to_string())
            .collect();
        let warnings: BTreeSet<&String> =
            self.linters.values().flat_map(|l| l.warnings()).collect();
        for w in warnings {
            eprintln!("budgetlint: warning: {w}");
        }
        for w in self.withheld_warnings() {
            eprintln!("budgetlint: warning: {w}");
        }
        let missing: BTreeSet<&str> = self
            .linters
            .values()
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
        self.linters
            .values()
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

/// The directory to search for rules.toml from, absolute so that `..` and `.` walk up.
fn start_dir(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    if abs.is_dir() {
        abs
    } else {
        abs.parent().map(Path::to_path_buf).unwrap_or(abs)
    }
}
