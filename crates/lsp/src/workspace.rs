//! Which configuration applies to a document, the linter built from it (cached, rebuilt when one
//! of its files changes), the baseline in effect, and the trust rule for workspace plugins.
//!
//! Resolution follows the CLI: the nearest rules.toml above the document (or the client's
//! `configPath`), alone, with its `extends`. Every cached linter remembers the modification
//! times of the files it was read from, so an edit of rules.toml is picked up even by a client
//! that cannot watch files; `didChangeWatchedFiles` only makes it immediate.

use crate::settings::Settings;
use budgetlint_engine::{baseline, Baseline, Config, FileError, Linter, Registry, Sources, Trust};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

/// Something the user should hear about once, when a configuration is (re)loaded.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// A file error with a place: shown as a diagnostic on that file (rules.toml) and a message.
    FileError(FileError),
    /// Plugins not loaded because the workspace is not trusted.
    Untrusted {
        config: PathBuf,
        plugins: Vec<PathBuf>,
    },
    /// Load problems (a broken plugin) and warnings (unknown rule ids).
    Problem(String),
    Warning(String),
}

/// The linter and baseline that apply to one document.
#[derive(Clone)]
pub struct Target {
    pub linter: Arc<Linter>,
    /// The rules.toml in effect, `None` for the built-in default.
    pub config: Option<PathBuf>,
    pub baseline: Option<Arc<Baseline>>,
    /// Where "suppress this finding" writes.
    pub baseline_path: PathBuf,
    /// Notices produced by loading it now (empty when it came from the cache).
    pub notices: Vec<Notice>,
    /// Whether the configuration was (re)loaded for this call.
    pub rebuilt: bool,
}

struct Cached {
    linter: Arc<Linter>,
    stamps: Vec<(PathBuf, Option<SystemTime>)>,
}

struct CachedBaseline {
    stamp: Option<SystemTime>,
    baseline: Option<Arc<Baseline>>,
}

pub struct Workspace {
    sources: Sources,
    registry: Registry,
    /// Workspace folders, for documents without a path and the default baseline location.
    pub roots: Vec<PathBuf>,
    linters: HashMap<Option<PathBuf>, Cached>,
    baselines: HashMap<PathBuf, CachedBaseline>,
}

impl Workspace {
    pub fn new(sources: Sources, roots: Vec<PathBuf>) -> Workspace {
        Workspace {
            sources,
            registry: Registry::default(),
            roots,
            linters: HashMap::new(),
            baselines: HashMap::new(),
        }
    }

    /// Forgets every cached linter and baseline (settings changed, a watched file changed).
    pub fn invalidate(&mut self) {
        self.linters.clear();
        self.baselines.clear();
    }

    /// The rules.toml for a document at `path` (or without a path), under `settings`.
    pub fn config_path(&self, path: Option<&Path>, settings: &Settings) -> Option<PathBuf> {
        if let Some(forced) = &settings.config_path {
            return Some(self.absolute(forced));
        }
        match path.and_then(Path::parent) {
            Some(dir) => Config::find_nearest(dir),
            None => self
                .roots
                .iter()
                .find_map(|root| Config::find_nearest(root)),
        }
    }

    fn absolute(&self, path: &Path) -> PathBuf {
        match (path.is_relative(), self.roots.first()) {
            (true, Some(root)) => root.join(path),
            _ => path.to_path_buf(),
        }
    }

    /// The linter and baseline for a document.
    pub fn target(&mut self, path: Option<&Path>, settings: &Settings) -> Target {
        let config_path = self.config_path(path, settings);
        let mut notices = Vec::new();
        let fresh = self
            .linters
            .get(&config_path)
            .is_some_and(|c| c.stamps.iter().all(|(p, t)| modified(p) == *t));
        if !fresh {
            let (cached, built_notices) = self.build(config_path.as_deref(), settings);
            notices = built_notices;
            self.linters.insert(config_path.clone(), cached);
        }
        let linter = self.linters[&config_path].linter.clone();
        let baseline_path = self.baseline_path(&linter, config_path.as_deref(), path);
        let baseline = self.baseline(&baseline_path, &mut notices);
        Target {
            linter,
            config: config_path,
            baseline,
            baseline_path,
            notices,
            rebuilt: !fresh,
        }
    }

    fn build(&mut self, config_path: Option<&Path>, settings: &Settings) -> (Cached, Vec<Notice>) {
        let mut notices = Vec::new();
        let config = match config_path {
            Some(p) => Config::load(p).unwrap_or_else(|e| {
                notices.push(Notice::FileError(e));
                Config::default()
            }),
            None => Config::default(),
        };
        let mut stamped: Vec<PathBuf> = config.files.clone();
        stamped.extend(config_path.map(Path::to_path_buf));
        stamped.dedup();
        // The editor's workspace trust is the user's say on the workspace's plugins: the engine's
        // policy applies it (the command line's allow list and variable are not consulted).
        let trust = if settings.trusted {
            Trust::Everything
        } else {
            Trust::BuiltinOnly
        };
        // One document at a time: its plugins run on all cores to cut the edit-to-squiggle time.
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let linter = Linter::new(config, &self.sources.with_trust(trust), &mut self.registry)
            .with_plugin_threads(threads);
        if !linter.withheld_plugins().is_empty() {
            let config = config_path.map(Path::to_path_buf).unwrap_or_default();
            notices.push(Notice::Untrusted {
                config,
                plugins: linter.withheld_plugins().to_vec(),
            });
        }
        notices.extend(
            linter
                .problems()
                .iter()
                .map(|p| Notice::Problem(p.to_string())),
        );
        notices.extend(
            linter
                .no_plugins_found()
                .map(|m| Notice::Problem(m.to_string())),
        );
        notices.extend(linter.warnings().iter().map(|w| Notice::Warning(w.clone())));
        let stamps = stamped
            .into_iter()
            .map(|p| (modified(&p), p))
            .map(|(t, p)| (p, t))
            .collect();
        (
            Cached {
                linter: Arc::new(linter),
                stamps,
            },
            notices,
        )
    }

    /// The baseline file of a document: rules.toml's `baseline`, else
    /// `.budgetlint-baseline.json` next to rules.toml, else in the first workspace folder, else
    /// next to the document.
    fn baseline_path(&self, linter: &Linter, config: Option<&Path>, doc: Option<&Path>) -> PathBuf {
        if let Some(p) = &linter.config().baseline {
            return p.clone();
        }
        let dir = config
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .or_else(|| self.roots.first().cloned())
            .or_else(|| doc.and_then(Path::parent).map(Path::to_path_buf))
            .unwrap_or_else(|| PathBuf::from("."));
        dir.join(baseline::FILE_NAME)
    }

    fn baseline(&mut self, path: &Path, notices: &mut Vec<Notice>) -> Option<Arc<Baseline>> {
        let stamp = modified(path);
        if let Some(c) = self.baselines.get(path).filter(|c| c.stamp == stamp) {
            return c.baseline.clone();
        }
        let baseline = match stamp {
            None => None,
            Some(_) => match Baseline::load(path) {
                Ok(b) => Some(Arc::new(b)),
                Err(e) => {
                    notices.push(Notice::FileError(e));
                    None
                }
            },
        };
        self.baselines.insert(
            path.to_path_buf(),
            CachedBaseline {
                stamp,
                baseline: baseline.clone(),
            },
        );
        baseline
    }
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources() -> Sources {
        Sources::default()
    }

    #[test]
    fn the_nearest_rules_toml_applies_and_edits_to_it_are_noticed() {
        let d = tempfile::tempdir().unwrap();
        let sub = d.path().join("reports");
        std::fs::create_dir_all(&sub).unwrap();
        let config = d.path().join("rules.toml");
        std::fs::write(&config, "[rules.\"wording/qita\"]\nseverity = \"off\"\n").unwrap();
        let mut ws = Workspace::new(sources(), vec![d.path().to_path_buf()]);
        let settings = Settings::default();
        let doc = sub.join("a.txt");
        let t = ws.target(Some(&doc), &settings);
        assert_eq!(t.config.as_deref(), Some(config.as_path()));
        assert_eq!(t.baseline_path, d.path().join(baseline::FILE_NAME));
        let again = ws.target(Some(&doc), &settings);
        assert!(Arc::ptr_eq(&t.linter, &again.linter));
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(&config, "profile = \"hebei\"\n").unwrap();
        let changed = ws.target(Some(&doc), &settings);
        assert!(!Arc::ptr_eq(&t.linter, &changed.linter));
    }

    #[test]
    fn a_broken_rules_toml_is_a_notice_with_its_place_and_defaults_apply() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("rules.toml"), "profile = \"mars\"\n").unwrap();
        let mut ws = Workspace::new(sources(), vec![]);
        let t = ws.target(Some(&d.path().join("a.txt")), &Settings::default());
        assert!(
            matches!(&t.notices[0], Notice::FileError(e) if e.position == Some((1, 11))),
            "{:?}",
            t.notices
        );
    }

    #[test]
    fn workspace_plugins_are_withheld_unless_trusted() {
        let d = tempfile::tempdir().unwrap();
        let lib = d
            .path()
            .join(budgetlint_engine::discovery::library_file_name("evil"));
        std::fs::write(&lib, "not a library").unwrap();
        std::fs::write(
            d.path().join("rules.toml"),
            format!("[plugins]\npaths = [{:?}]\n", lib.file_name().unwrap()),
        )
        .unwrap();
        let mut ws = Workspace::new(sources(), vec![]);
        let doc = d.path().join("a.txt");
        let untrusted = ws.target(Some(&doc), &Settings::default());
        assert!(untrusted.notices.iter().any(
            |n| matches!(n, Notice::Untrusted { plugins, .. } if plugins == &vec![lib.clone()])
        ));
        assert!(
            !untrusted
                .notices
                .iter()
                .any(|n| matches!(n, Notice::Problem(p) if p.contains("evil"))),
            "loading was not tried"
        );
        ws.invalidate();
        let trusted = ws.target(
            Some(&doc),
            &Settings {
                trusted: true,
                ..Settings::default()
            },
        );
        assert!(
            trusted
                .notices
                .iter()
                .any(|n| matches!(n, Notice::Problem(p) if p.contains("evil"))),
            "{:?}",
            trusted.notices
        );
    }
}
