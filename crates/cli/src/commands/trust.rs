//! `budgetlint trust [PATH]`: put a rules.toml on the user's allow list, so the plugin libraries
//! it names load (until the file changes); `--revoke` takes it off. The policy itself is the
//! engine's (`budgetlint_engine::trust`); this command only edits the list.

use crate::cli::TrustArgs;
use crate::exit;
use budgetlint_engine::{trust, Config, FileError, TrustList};
use std::path::{Path, PathBuf};

pub fn run(args: TrustArgs) -> u8 {
    match edit(&args) {
        Ok(()) => exit::CLEAN,
        Err(message) => {
            eprintln!("budgetlint: error: {message}");
            exit::TROUBLE
        }
    }
}

fn edit(args: &TrustArgs) -> Result<(), String> {
    let config_path = match &args.path {
        // A rules.toml deleted since it was trusted can still be taken off the list.
        Some(p) if args.revoke && !p.exists() => {
            std::path::absolute(p).unwrap_or_else(|_| p.clone())
        }
        _ => config_path(args.path.as_deref())?,
    };
    let Some(list_path) = TrustList::location_from_process() else {
        return Err(format!(
            "cannot tell where to keep the trust list: set HOME or XDG_CONFIG_HOME (APPDATA on Windows), or {}",
            trust::LIST_ENV
        ));
    };
    let mut list = TrustList::load(&list_path).map_err(|e| e.to_string())?;
    let shown = std::fs::canonicalize(&config_path).unwrap_or_else(|_| config_path.clone());
    if args.revoke {
        let removed = list.revoke(&config_path);
        list.save(&list_path).map_err(|e| e.to_string())?;
        let what = if removed {
            "no longer trusted"
        } else {
            "was not trusted"
        };
        eprintln!(
            "budgetlint: {} {what}: the plugin libraries it names will not load",
            shown.display()
        );
        return Ok(());
    }
    let config = Config::load(&config_path).map_err(|e| e.to_string())?;
    list.trust(&config)?;
    list.save(&list_path).map_err(|e| e.to_string())?;
    eprintln!(
        "budgetlint: trusted {} until it is edited; {}",
        shown.display(),
        what_loads(&config)
    );
    Ok(())
}

/// The rules.toml meant: `path` itself, or the nearest one above a folder (default: here).
fn config_path(path: Option<&Path>) -> Result<PathBuf, String> {
    let path = path.unwrap_or(Path::new("."));
    if path.is_file() {
        return Ok(path.to_path_buf());
    }
    if !path.is_dir() {
        return Err(FileError::new(path, "no such file or folder").to_string());
    }
    let start = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    Config::find_nearest(&start).ok_or_else(|| {
        format!(
            "no {} in {} or a folder above it",
            budgetlint_engine::config::FILE_NAME,
            start.display()
        )
    })
}

/// The libraries and folders the trusted configuration now loads from, for the user to see
/// what they allowed.
fn what_loads(config: &Config) -> String {
    let named: Vec<String> = config
        .plugin_paths
        .iter()
        .chain(&config.plugin_dirs)
        .map(|p| format!("\n  {}", p.display()))
        .collect();
    if named.is_empty() {
        "it names no plugin library now".to_string()
    } else {
        format!("it loads plugins from:{}", named.concat())
    }
}
