//! Whether the native plugin libraries a rules.toml names may load: the one place that decides.
//!
//! Loading a library runs its code (its initialisers run before any version check), so a
//! rules.toml in a downloaded folder must not be able to run code just because someone checks
//! a document there. Libraries in the built-in plugin directory (beside the executable) and on
//! `BUDGETLINT_PLUGIN_PATH` are the user's own choice and always load; those that `plugins.paths`
//! and `plugins.dirs` name load only under [`Trust::Everything`] (`--allow-plugins`,
//! `BUDGETLINT_ALLOW_PLUGINS=1`, a trusted editor workspace) or when the user put the
//! configuration on their allow list with `budgetlint trust`, keyed like direnv by the file's
//! canonical path and the SHA-256 of its text, so any edit withdraws the trust.

use crate::config::Config;
use crate::discovery;
use crate::error::FileError;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The environment variable that allows every plugin rules.toml names (`1` or `true`).
pub const ALLOW_ENV: &str = "BUDGETLINT_ALLOW_PLUGINS";
/// The environment variable that puts the allow list somewhere else (tests, shared machines).
pub const LIST_ENV: &str = "BUDGETLINT_TRUST_FILE";
/// The allow list's file name inside the user's budgetlint configuration directory.
pub const LIST_FILE_NAME: &str = "trusted.toml";

/// The policy for plugin libraries named by a rules.toml.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Trust {
    /// Only the built-in directory and `BUDGETLINT_PLUGIN_PATH`: the safe default, and the
    /// language server's in an untrusted workspace.
    #[default]
    BuiltinOnly,
    /// As `BuiltinOnly`, plus the configurations on the user's allow list.
    Listed(TrustList),
    /// Every library any rules.toml names.
    Everything,
}

/// A configuration's plugin paths and directories, split by what the policy allows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Screened {
    pub paths: Vec<PathBuf>,
    pub dirs: Vec<PathBuf>,
    /// The libraries that were not allowed to load, sorted.
    pub withheld: Vec<PathBuf>,
}

impl Trust {
    /// The policy of a command-line run: everything with `--allow-plugins` (`allow_flag`) or
    /// `BUDGETLINT_ALLOW_PLUGINS=1`, else the user's allow list. `Err` when the list exists but
    /// cannot be read; the caller then warns and loads the built-in plugins only.
    pub fn from_process(allow_flag: bool) -> Result<Trust, FileError> {
        let env = std::env::var(ALLOW_ENV).unwrap_or_default();
        if allow_flag || matches!(env.trim(), "1" | "true" | "yes") {
            return Ok(Trust::Everything);
        }
        match TrustList::location_from_process() {
            Some(path) => TrustList::load(&path).map(Trust::Listed),
            None => Ok(Trust::BuiltinOnly),
        }
    }

    /// Whether every library `config` names may load.
    pub fn allows(&self, config: &Config) -> bool {
        match self {
            Trust::BuiltinOnly => false,
            Trust::Listed(list) => list.contains(config),
            Trust::Everything => true,
        }
    }

    /// Splits `config`'s plugin paths and directories into those to load and the libraries
    /// withheld. `builtin` are the directories whose libraries always load: a path into one of
    /// them loads anyway, so naming it is harmless.
    pub fn screen(&self, config: &Config, builtin: &[PathBuf]) -> Screened {
        if self.allows(config) {
            return Screened {
                paths: config.plugin_paths.clone(),
                dirs: config.plugin_dirs.clone(),
                withheld: Vec::new(),
            };
        }
        let builtin: Vec<PathBuf> = builtin
            .iter()
            .filter_map(|d| std::fs::canonicalize(d).ok())
            .collect();
        let is_builtin = |library: &Path| {
            let dir = std::fs::canonicalize(library)
                .ok()
                .and_then(|p| p.parent().map(Path::to_path_buf));
            dir.is_some_and(|d| builtin.contains(&d))
        };
        let (paths, mut withheld): (Vec<PathBuf>, Vec<PathBuf>) = config
            .plugin_paths
            .iter()
            .cloned()
            .partition(|p| is_builtin(p));
        for dir in &config.plugin_dirs {
            withheld.extend(
                discovery::libraries_in(dir)
                    .into_iter()
                    .filter(|p| !is_builtin(p)),
            );
        }
        withheld.sort();
        withheld.dedup();
        Screened {
            paths,
            dirs: Vec::new(),
            withheld,
        }
    }
}

/// One trusted configuration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Entry {
    /// The canonical path of the rules.toml.
    config: PathBuf,
    /// [`Config::digest`] when it was trusted.
    sha256: String,
}

/// The user's allow list (`budgetlint trust`), stored as TOML.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TrustList {
    #[serde(default, rename = "trusted")]
    entries: Vec<Entry>,
}

impl TrustList {
    /// Where the list lives: `BUDGETLINT_TRUST_FILE`, else `budgetlint/trusted.toml` in the
    /// user's configuration directory (`%APPDATA%` on Windows, else `$XDG_CONFIG_HOME`, else
    /// `~/.config`). `None` when none of those is set.
    pub fn location_from_process() -> Option<PathBuf> {
        let var = |name: &str| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        if let Some(file) = var(LIST_ENV) {
            return Some(file);
        }
        let dir = if cfg!(windows) {
            var("APPDATA")
        } else {
            var("XDG_CONFIG_HOME")
                .filter(|p| p.is_absolute())
                .or_else(|| var("HOME").map(|h| h.join(".config")))
        };
        dir.map(|d| d.join("budgetlint").join(LIST_FILE_NAME))
    }

    /// Reads the list at `path`; a missing file is an empty list.
    pub fn load(path: &Path) -> Result<TrustList, FileError> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(TrustList::default()),
            Err(e) => return Err(FileError::io(path, &e)),
        };
        toml::from_str(&text).map_err(|e| FileError::from_toml(path, &text, &e))
    }

    /// Writes the list to `path` (through a temporary file, so a reader never sees half of it).
    pub fn save(&self, path: &Path) -> Result<(), FileError> {
        let body = toml::to_string(self).map_err(|e| {
            FileError::new(path, format!("cannot write the trust list: {e}"))
                .zh(format!("无法写出信任列表：{e}"))
        })?;
        let text = format!("# rules.toml files whose plugin libraries budgetlint may load (`budgetlint trust`).\n\n{body}");
        let write_err = |e: std::io::Error| FileError::write(path, &e);
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(write_err)?;
        }
        let temporary = path.with_extension("toml.tmp");
        std::fs::write(&temporary, text).map_err(write_err)?;
        std::fs::rename(&temporary, path).map_err(write_err)
    }

    /// Trusts `config` as it is now (replacing an older entry for the same file). `Err` for the
    /// built-in default, which has no file.
    pub fn trust(&mut self, config: &Config) -> Result<(), String> {
        let (Some(path), Some(sha256)) = (key(config), config.digest()) else {
            return Err("there is no rules.toml to trust".into());
        };
        self.entries.retain(|e| e.config != path);
        self.entries.push(Entry {
            config: path,
            sha256,
        });
        Ok(())
    }

    /// Removes the entry of the rules.toml at `path`; false when it had none.
    pub fn revoke(&mut self, path: &Path) -> bool {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let before = self.entries.len();
        self.entries.retain(|e| e.config != path);
        self.entries.len() != before
    }

    /// Whether `config` is trusted as it is now: same file, same text.
    pub fn contains(&self, config: &Config) -> bool {
        let (Some(path), Some(digest)) = (key(config), config.digest()) else {
            return false;
        };
        self.entries
            .iter()
            .any(|e| e.config == path && e.sha256 == digest)
    }
}

/// The canonical path of the rules.toml a configuration was loaded from.
fn key(config: &Config) -> Option<PathBuf> {
    config
        .files
        .first()
        .and_then(|f| std::fs::canonicalize(f).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(dir: &Path, text: &str) -> Config {
        let path = dir.join("rules.toml");
        std::fs::write(&path, text).unwrap();
        Config::load(&path).unwrap()
    }

    #[test]
    fn a_listed_configuration_is_trusted_until_its_text_changes() {
        let d = tempfile::tempdir().unwrap();
        let c = config(d.path(), "[plugins]\npaths = [\"x.so\"]\n");
        let mut list = TrustList::default();
        assert!(!list.contains(&c));
        list.trust(&c).unwrap();
        assert!(list.contains(&c));
        assert!(
            !list.contains(&config(d.path(), "[plugins]\npaths = [\"y.so\"]\n")),
            "an edit withdraws the trust"
        );
        assert!(list.revoke(&d.path().join("rules.toml")));
        assert!(!list.contains(&c));
        assert!(list.trust(&Config::default()).is_err());
    }

    #[test]
    fn the_list_survives_a_round_trip_through_its_file() {
        let d = tempfile::tempdir().unwrap();
        let mut list = TrustList::default();
        list.trust(&config(d.path(), "")).unwrap();
        let file = d.path().join("conf/budgetlint/trusted.toml");
        list.save(&file).unwrap();
        assert_eq!(TrustList::load(&file).unwrap(), list);
        assert_eq!(
            TrustList::load(&d.path().join("none.toml")).unwrap(),
            TrustList::default()
        );
        std::fs::write(&file, "trusted = 3\n").unwrap();
        assert_eq!(TrustList::load(&file).unwrap_err().position, Some((1, 11)));
    }

    #[test]
    fn untrusted_configurations_keep_only_libraries_of_the_built_in_directories() {
        let d = tempfile::tempdir().unwrap();
        let builtin = d.path().join("bin");
        let theirs = d.path().join("plugins");
        for dir in [&builtin, &theirs] {
            std::fs::create_dir_all(dir).unwrap();
            std::fs::write(dir.join(discovery::library_file_name("x")), "").unwrap();
        }
        let text = format!(
            "[plugins]\npaths = [\"bin/{0}\", \"plugins/{0}\"]\ndirs = [\"plugins\"]\n",
            discovery::library_file_name("x")
        );
        let c = config(d.path(), &text);
        let screened = Trust::BuiltinOnly.screen(&c, std::slice::from_ref(&builtin));
        assert_eq!(
            screened.paths,
            vec![d.path().join("bin").join(discovery::library_file_name("x"))]
        );
        assert!(screened.dirs.is_empty());
        assert_eq!(
            screened.withheld,
            vec![theirs.join(discovery::library_file_name("x"))]
        );
        let all = Trust::Everything.screen(&c, &[]);
        assert_eq!(
            (all.paths.len(), all.dirs.len(), all.withheld.len()),
            (2, 1, 0)
        );
    }
}
