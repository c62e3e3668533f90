//! Where plugin libraries are looked for.
//!
//! Order (first wins when two libraries declare the same plugin name): explicit library paths
//! from rules.toml, `plugins.dirs` from rules.toml, `BUDGETLINT_PLUGIN_PATH`, then the directory
//! of the running executable, so that a plain `cargo build` puts `budgetlint` and the built-in
//! plugins side by side and they find each other. What rules.toml names is screened first by
//! the [`Trust`] policy (`crate::trust`).

use std::env::consts::{DLL_PREFIX, DLL_SUFFIX};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

pub use crate::trust::Trust;
use crate::worker::WorkerSpec;

/// The file-name stem every plugin library starts with (after the platform's prefix).
const STEM: &str = "budgetlint_plugin_";

/// The library file cargo produces for the plugin crate `budgetlint-plugin-<name>`.
pub fn library_file_name(name: &str) -> String {
    format!("{DLL_PREFIX}{STEM}{}{DLL_SUFFIX}", name.replace('-', "_"))
}

/// Whether a file name looks like a plugin library (`libbudgetlint_plugin_*.so` on Linux).
pub fn is_plugin_library(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(OsStr::to_str) else {
        return false;
    };
    name.starts_with(&format!("{DLL_PREFIX}{STEM}")) && name.ends_with(DLL_SUFFIX)
}

/// Plugin libraries directly inside `dir`, sorted by name. A missing directory has none.
pub fn libraries_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| is_plugin_library(p) && p.is_file())
        .collect();
    found.sort();
    found
}

/// Where the host looks for plugins besides rules.toml; filled by the binary from its
/// environment so the engine itself reads no process-global state.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// The value of `BUDGETLINT_PLUGIN_PATH` (a platform path list).
    pub env_path: Option<std::ffi::OsString>,
    /// The directory of the running executable.
    pub exe_dir: Option<PathBuf>,
    /// Whether the libraries rules.toml names may load (by default: no).
    pub trust: Trust,
    /// How to start worker processes for plugins that are not of this build or not in the
    /// executable's directory (`crate::worker`); `None` calls every plugin in this process.
    pub worker: Option<WorkerSpec>,
}

impl Sources {
    /// The sources of the running process: `BUDGETLINT_PLUGIN_PATH` and the executable's
    /// directory, with the default trust (built-in plugins only) for the caller to widen.
    pub fn from_process() -> Self {
        Sources {
            env_path: std::env::var_os("BUDGETLINT_PLUGIN_PATH"),
            exe_dir: std::env::current_exe()
                .ok()
                .and_then(|p| p.parent().map(Path::to_path_buf)),
            trust: Trust::BuiltinOnly,
            worker: None,
        }
    }

    /// These sources with plugins outside the executable's directory, or of another build,
    /// called in worker processes started as `spec` says.
    pub fn with_worker(self, spec: Option<WorkerSpec>) -> Self {
        Sources {
            worker: spec,
            ..self
        }
    }

    /// These sources under another trust policy.
    pub fn with_trust(&self, trust: Trust) -> Self {
        Sources {
            trust,
            ..self.clone()
        }
    }

    /// The directories whose libraries always load: the environment path, then the
    /// executable's directory.
    pub fn builtin_dirs(&self) -> Vec<PathBuf> {
        let mut dirs: Vec<PathBuf> = Vec::new();
        if let Some(list) = &self.env_path {
            dirs.extend(std::env::split_paths(list).filter(|p| !p.as_os_str().is_empty()));
        }
        dirs.extend(self.exe_dir.clone());
        dirs
    }

    /// Library candidates in discovery order: `explicit` files, then the libraries found in
    /// `config_dirs` and the built-in directories. The caller screens `explicit` and
    /// `config_dirs` with [`Trust::screen`] first.
    pub fn candidates(&self, explicit: &[PathBuf], config_dirs: &[PathBuf]) -> Vec<PathBuf> {
        let mut dirs: Vec<PathBuf> = config_dirs.to_vec();
        dirs.extend(self.builtin_dirs());
        let mut out: Vec<PathBuf> = explicit.to_vec();
        for dir in dirs {
            out.extend(libraries_in(&dir));
        }
        dedup_keep_first(out)
    }
}

/// Drops later mentions of the same file (compared after resolving symlinks and `..`).
fn dedup_keep_first(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    let mut seen = std::collections::HashSet::new();
    paths
        .into_iter()
        .filter(|p| seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_platform_convention() {
        let name = library_file_name("my-rules");
        assert!(name.contains("budgetlint_plugin_my_rules"));
        assert!(is_plugin_library(Path::new(&name)));
        assert!(!is_plugin_library(Path::new("libbudgetlint_plugin_x.d")));
    }

    #[test]
    fn candidates_come_in_discovery_order_without_duplicates() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        for dir in [a.path(), b.path()] {
            std::fs::write(dir.join(library_file_name("x")), "").unwrap();
        }
        let explicit = a.path().join(library_file_name("x"));
        let sources = Sources {
            env_path: Some(b.path().as_os_str().to_owned()),
            exe_dir: Some(a.path().into()),
            trust: Trust::BuiltinOnly,
            worker: None,
        };
        let found = sources.candidates(std::slice::from_ref(&explicit), &[]);
        assert_eq!(found, vec![explicit, b.path().join(library_file_name("x"))]);
    }
}
