//! Turning command-line paths into the list of documents to check.

use budgetlint_engine::FileError;
use std::path::{Path, PathBuf};

/// File extensions searched for inside directories (files named explicitly are always checked).
const EXTENSIONS: &[&str] = &["txt", "md"];

/// The documents under `paths` in a stable order: explicit files as given, directories walked
/// recursively in name order, skipping hidden entries. A path that does not exist is an error.
pub fn expand(paths: &[PathBuf]) -> Vec<Result<PathBuf, FileError>> {
    let default = [PathBuf::from(".")];
    let paths = if paths.is_empty() { &default[..] } else { paths };
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut out);
        } else if path.exists() {
            out.push(Ok(path.clone()));
        } else {
            out.push(Err(FileError::new(path, "no such file or directory")));
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<Result<PathBuf, FileError>>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => return out.push(Err(FileError::new(dir, format!("cannot list directory: {e}")))),
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let hidden = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().and_then(|e| e.to_str()).is_some_and(|e| EXTENSIONS.contains(&e)) {
            out.push(Ok(path));
        }
    }
}
