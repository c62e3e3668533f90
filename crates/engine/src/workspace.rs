//! One front-end-independent answer to "which configuration, linter and baseline apply to this
//! document", shared by the CLI and the language server, so that a finding accepted in the
//! editor stays accepted in CI.
//!
//! - **Configuration**: the forced file (`--config`, the editor's `configPath`; relative to the
//!   first root) or else the nearest rules.toml above the document, alone, with its `extends`.
//! - **Linter cache**: one [`Linter`] per configuration, remembering the modification times of
//!   the files it was read from, rebuilt when one changes.
//! - **Baseline**: rules.toml's `baseline`, else `.budgetlint-baseline.json` next to rules.toml,
//!   else in the first root (the CLI's current directory, the editor's first workspace
//!   folder), else next to the document. Cached by modification time too.
//! - **Fix until stable**: [`fix_until_stable`], the loop both `check --fix` and the editor's
//!   "fix all" run.

use crate::baseline::{self, Baseline};
use crate::config::Config;
use crate::discovery::Sources;
use crate::error::{FileError, Message};
use crate::linter::{Linter, Registry};
use crate::trust::Trust;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

/// Something the user should hear about once, when a configuration is (re)loaded.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// A file error with a place (rules.toml, the baseline).
    FileError(FileError),
    /// Plugins not loaded because the configuration is not trusted.
    Untrusted {
        config: PathBuf,
        plugins: Vec<PathBuf>,
    },
    /// Load problems (a broken plugin) and warnings (unknown rule ids), in both languages.
    Problem(Message),
    Warning(Message),
}

/// The linter and baseline that apply to one document.
#[derive(Clone)]
pub struct Target {
    pub linter: Arc<Linter>,
    /// The rules.toml in effect, `None` for the built-in default.
    pub config: Option<PathBuf>,
    /// Why that rules.toml could not be read (the defaults then apply); kept for every call,
    /// not only the one that loaded it, so that a batch run can refuse it.
    pub config_error: Option<FileError>,
    pub baseline: Option<Arc<Baseline>>,
    /// Where the baseline is read from, and where accepting a finding writes.
    pub baseline_path: PathBuf,
    /// Notices produced by loading it now (empty when it came from the cache).
    pub notices: Vec<Notice>,
    /// Whether the configuration was (re)loaded for this call.
    pub rebuilt: bool,
}

struct Cached {
    linter: Arc<Linter>,
    error: Option<FileError>,
    stamps: Vec<(PathBuf, Option<SystemTime>)>,
}

struct CachedBaseline {
    stamp: Option<SystemTime>,
    baseline: Result<Option<Arc<Baseline>>, FileError>,
}

pub struct Workspace {
    sources: Sources,
    registry: Registry,
    /// Workspace folders (the CLI: its current directory): where a forced relative config path
    /// and the default baseline are looked for.
    pub roots: Vec<PathBuf>,
    forced_config: Option<PathBuf>,
    plugin_threads: usize,
    /// Linters read PDF pages without text by OCR (`Linter::with_ocr`).
    ocr: bool,
    linters: HashMap<Option<PathBuf>, Cached>,
    baselines: HashMap<PathBuf, CachedBaseline>,
}

impl Workspace {
    pub fn new(sources: Sources, roots: Vec<PathBuf>) -> Workspace {
        Workspace {
            sources,
            registry: Registry::default(),
            roots,
            forced_config: None,
            plugin_threads: 1,
            ocr: false,
            linters: HashMap::new(),
            baselines: HashMap::new(),
        }
    }

    /// Each linter calls a document's plugins from up to `threads` threads (see
    /// [`Linter::with_plugin_threads`]).
    pub fn with_plugin_threads(mut self, threads: usize) -> Workspace {
        self.plugin_threads = threads.max(1);
        self
    }

    /// Reads PDF pages without a text layer by OCR (see [`Linter::with_ocr`]); forgets the
    /// cached linters when that changes.
    pub fn set_ocr(&mut self, on: bool) {
        if self.ocr != on {
            self.ocr = on;
            self.invalidate();
        }
    }

    /// Uses `config` for every document instead of the nearest rules.toml; forgets the cached
    /// linters when that changes.
    pub fn set_forced_config(&mut self, config: Option<PathBuf>) {
        if self.forced_config != config {
            self.forced_config = config;
            self.invalidate();
        }
    }

    /// The trust policy for the libraries a rules.toml names; forgets the cached linters when
    /// it changes.
    pub fn set_trust(&mut self, trust: Trust) {
        if self.sources.trust != trust {
            self.sources.trust = trust;
            self.invalidate();
        }
    }

    /// Forgets every cached linter and baseline (settings changed, a watched file changed).
    pub fn invalidate(&mut self) {
        self.linters.clear();
        self.baselines.clear();
    }

    /// Every linter built so far.
    pub fn linters(&self) -> impl Iterator<Item = &Arc<Linter>> {
        self.linters.values().map(|c| &c.linter)
    }

    /// The rules.toml for a document (a file or a directory) at `path`, or without a path.
    pub fn config_path(&self, path: Option<&Path>) -> Option<PathBuf> {
        if let Some(forced) = &self.forced_config {
            return Some(self.absolute(forced));
        }
        match path {
            Some(path) => Config::find_nearest(&start_dir(&self.absolute(path))),
            None => self
                .roots
                .iter()
                .find_map(|root| Config::find_nearest(root)),
        }
    }

    fn absolute(&self, path: &Path) -> PathBuf {
        match (path.is_relative(), self.roots.first()) {
            (true, Some(root)) => root.join(path),
            _ => std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()),
        }
    }

    /// The linter and baseline for a document (a file or a directory) at `path`.
    pub fn target(&mut self, path: Option<&Path>) -> Target {
        let config_path = self.config_path(path);
        let mut notices = Vec::new();
        let fresh = self
            .linters
            .get(&config_path)
            .is_some_and(|c| c.stamps.iter().all(|(p, t)| modified(p) == *t));
        if !fresh {
            let (cached, built_notices) = self.build(config_path.as_deref());
            notices = built_notices;
            self.linters.insert(config_path.clone(), cached);
        }
        let cached = &self.linters[&config_path];
        let (linter, config_error) = (cached.linter.clone(), cached.error.clone());
        let baseline_path = self.baseline_path(&linter, config_path.as_deref(), path);
        let baseline = match self.baseline_at(&baseline_path) {
            Ok(b) => b,
            Err(e) => {
                notices.push(Notice::FileError(e));
                None
            }
        };
        Target {
            linter,
            config: config_path,
            config_error,
            baseline,
            baseline_path,
            notices,
            rebuilt: !fresh,
        }
    }

    fn build(&mut self, config_path: Option<&Path>) -> (Cached, Vec<Notice>) {
        let mut notices = Vec::new();
        let mut error = None;
        let config = match config_path {
            Some(p) => Config::load(p).unwrap_or_else(|e| {
                notices.push(Notice::FileError(e.clone()));
                error = Some(e);
                Config::default()
            }),
            None => Config::default(),
        };
        let mut stamped: Vec<PathBuf> = config.files.clone();
        stamped.extend(config_path.map(Path::to_path_buf));
        stamped.dedup();
        let linter = Linter::new(config, &self.sources, &mut self.registry)
            .with_plugin_threads(self.plugin_threads)
            .with_ocr(self.ocr);
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
                .map(|p| Notice::Problem(p.to_message())),
        );
        notices.extend(
            linter
                .no_plugins_found()
                .map(|m| Notice::Problem(m.clone())),
        );
        notices.extend(linter.warnings().iter().map(|w| Notice::Warning(w.clone())));
        let stamps = stamped
            .into_iter()
            .map(|p| {
                let t = modified(&p);
                (p, t)
            })
            .collect();
        let cached = Cached {
            linter: Arc::new(linter),
            error,
            stamps,
        };
        (cached, notices)
    }

    /// The baseline file of a document: rules.toml's `baseline`, else
    /// `.budgetlint-baseline.json` next to rules.toml, else in the first root, else next to
    /// the document.
    pub fn baseline_path(
        &self,
        linter: &Linter,
        config: Option<&Path>,
        doc: Option<&Path>,
    ) -> PathBuf {
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

    /// The baseline in `path` (`None` when there is no such file), cached until the file
    /// changes.
    pub fn baseline_at(&mut self, path: &Path) -> Result<Option<Arc<Baseline>>, FileError> {
        let stamp = modified(path);
        if let Some(c) = self.baselines.get(path).filter(|c| c.stamp == stamp) {
            return c.baseline.clone();
        }
        let baseline = match stamp {
            None => Ok(None),
            Some(_) => Baseline::load(path).map(|b| Some(Arc::new(b))),
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

/// The most rounds of fix-and-recheck: a fix held back because it overlapped another is
/// usually applied in the second round; more rounds only chase fixes that undo each other.
pub const MAX_FIX_ROUNDS: usize = 4;

/// Runs `round` until it reports no change or for [`MAX_FIX_ROUNDS`] rounds: each round takes
/// the state the previous one left (starting from `first`) and returns the next state, or
/// `None` when no fix applies. Returns the last state reached, `None` when nothing changed.
/// Both front ends fix through it: the CLI's `--fix` and the editor's "fix all".
pub fn fix_until_stable<S, E>(
    first: &S,
    mut round: impl FnMut(&S) -> Result<Option<S>, E>,
) -> Result<Option<S>, E> {
    let mut last: Option<S> = None;
    for _ in 0..MAX_FIX_ROUNDS {
        let current = last.as_ref().unwrap_or(first);
        match round(current)? {
            Some(next) => last = Some(next),
            None => break,
        }
    }
    Ok(last)
}

/// The directory to search for rules.toml from: `path` itself when it is a directory, else
/// its parent.
fn start_dir(path: &Path) -> PathBuf {
    if path.is_dir() {
        path.to_path_buf()
    } else {
        path.parent()
            .map_or_else(|| path.to_path_buf(), Path::to_path_buf)
    }
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn the_baseline_is_next_to_rules_toml_whatever_the_root() {
        let project = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        write(&project.path().join("rules.toml"), "");
        let doc = project.path().join("reports/a.txt");
        write(&doc, "正文。\n");
        for root in [project.path(), elsewhere.path()] {
            let mut ws = Workspace::new(Sources::default(), vec![root.to_path_buf()]);
            let t = ws.target(Some(&doc));
            assert_eq!(t.config, Some(project.path().join("rules.toml")));
            assert_eq!(t.baseline_path, project.path().join(baseline::FILE_NAME));
            // A directory finds the same configuration as a document in it.
            assert_eq!(
                ws.config_path(Some(&project.path().join("reports"))),
                t.config
            );
        }
        // Without a rules.toml: the first root (the CLI's current directory).
        let mut ws = Workspace::new(Sources::default(), vec![elsewhere.path().to_path_buf()]);
        let lone = elsewhere.path().join("b.txt");
        write(&lone, "正文。\n");
        assert_eq!(
            ws.target(Some(&lone)).baseline_path,
            elsewhere.path().join(baseline::FILE_NAME)
        );
    }

    #[test]
    fn a_configuration_error_is_kept_with_the_cached_linter() {
        let d = tempfile::tempdir().unwrap();
        write(&d.path().join("rules.toml"), "profile = \"atlantis\"\n");
        let doc = d.path().join("a.txt");
        let mut ws = Workspace::new(Sources::default(), vec![]);
        let first = ws.target(Some(&doc));
        assert!(first.rebuilt && first.config_error.is_some());
        assert!(matches!(&first.notices[0], Notice::FileError(e) if e.position == Some((1, 11))));
        let again = ws.target(Some(&doc));
        assert!(!again.rebuilt && again.notices.is_empty());
        assert_eq!(
            again.config_error, first.config_error,
            "still refused by a batch run"
        );
    }

    #[test]
    fn a_forced_configuration_applies_to_every_document_and_resets_the_cache() {
        let d = tempfile::tempdir().unwrap();
        write(&d.path().join("sub/rules.toml"), "");
        write(&d.path().join("team.toml"), "");
        let doc = d.path().join("sub/a.txt");
        let mut ws = Workspace::new(Sources::default(), vec![d.path().to_path_buf()]);
        let nearest = ws.target(Some(&doc));
        assert_eq!(nearest.config, Some(d.path().join("sub/rules.toml")));
        ws.set_forced_config(Some(PathBuf::from("team.toml")));
        let forced = ws.target(Some(&doc));
        assert_eq!(forced.config, Some(d.path().join("team.toml")));
        assert!(forced.rebuilt);
    }

    #[test]
    fn fixing_stops_when_nothing_changes_or_after_the_last_round() {
        let mut rounds = 0;
        let last = fix_until_stable(&0, |n: &i32| {
            rounds += 1;
            Ok::<_, ()>((*n < 2).then_some(n + 1))
        });
        assert_eq!((last, rounds), (Ok(Some(2)), 3));
        let mut rounds = 0;
        let last = fix_until_stable(&0, |n: &i32| {
            rounds += 1;
            Ok::<_, ()>(Some(n + 1))
        });
        assert_eq!(
            (last, rounds),
            (Ok(Some(MAX_FIX_ROUNDS as i32)), MAX_FIX_ROUNDS)
        );
        let unchanged = fix_until_stable(&0, |_: &i32| Ok::<_, ()>(None));
        assert_eq!(unchanged, Ok(None));
        let failed = fix_until_stable(&0, |_: &i32| Err::<Option<i32>, _>("unreadable"));
        assert_eq!(failed, Err("unreadable"));
    }
}
