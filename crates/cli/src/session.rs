//! One run's view of configuration: which rules.toml applies to which document, and one
//! [`Linter`] per distinct configuration, built once and shared by all its documents.

use budgetlint_engine::{Baseline, Config, FileError, Linter, Registry, Sources};
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
    /// A session whose documents all use `forced` when given, else their nearest rules.toml.
    pub fn new(forced: Option<PathBuf>) -> Session {
        Session {
            sources: Sources::from_process(),
            registry: Registry::default(),
            forced,
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
    pub fn report_problems(&self) -> Vec<String> {
        let problems: BTreeSet<String> = self
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
        for p in &problems {
            eprintln!("budgetlint: error: {p}");
        }
        problems.into_iter().collect()
    }
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
