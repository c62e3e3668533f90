//! The engine's [`budgetlint_engine::workspace::Workspace`] under the editor's settings: the
//! client's `configPath` forces a configuration, the editor's workspace trust is the trust
//! policy, and a document's plugins run on all cores. Configuration discovery, the linter
//! cache, the baseline path and the fix loop are the engine's, shared with the CLI, so a
//! finding accepted here is accepted by `budgetlint check` too. Every cached linter remembers
//! the modification times of the files it was read from, so an edit of rules.toml is picked up
//! even by a client that cannot watch files; `didChangeWatchedFiles` only makes it immediate.

use crate::settings::Settings;
use budgetlint_engine::workspace::Workspace as Shared;
pub use budgetlint_engine::workspace::{Notice, Target};
use budgetlint_engine::{Sources, Trust};
use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};

pub struct Workspace {
    shared: Shared,
}

impl Workspace {
    pub fn new(sources: Sources, roots: Vec<PathBuf>) -> Workspace {
        // One document at a time: its plugins run on all cores to cut the edit-to-squiggle time.
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        Workspace {
            shared: Shared::new(sources, roots).with_plugin_threads(threads),
        }
    }

    /// The linter and baseline for a document under `settings`.
    pub fn target(&mut self, path: Option<&Path>, settings: &Settings) -> Target {
        self.apply(settings);
        self.shared.target(path)
    }

    /// The rules.toml for a document at `path` (or without a path), under `settings`.
    pub fn config_path(&mut self, path: Option<&Path>, settings: &Settings) -> Option<PathBuf> {
        self.apply(settings);
        self.shared.config_path(path)
    }

    /// The editor's workspace trust is the user's say on the workspace's plugins: the engine's
    /// policy applies it (the command line's allow list and variable are not consulted).
    fn apply(&mut self, settings: &Settings) {
        self.shared.set_forced_config(settings.config_path.clone());
        self.shared.set_trust(if settings.trusted {
            Trust::Everything
        } else {
            Trust::BuiltinOnly
        });
    }
}

impl Deref for Workspace {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.shared
    }
}

impl DerefMut for Workspace {
    fn deref_mut(&mut self) -> &mut Shared {
        &mut self.shared
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use budgetlint_engine::baseline;
    use std::sync::Arc;

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
                .any(|n| matches!(n, Notice::Problem(p) if p.en.contains("evil"))),
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
                .any(|n| matches!(n, Notice::Problem(p) if p.en.contains("evil"))),
            "{:?}",
            trusted.notices
        );
    }
}
