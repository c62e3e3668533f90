//! Hashes the crate's sources into `BUDGETLINT_MODEL_SOURCE_HASH`, part of the model identity
//! that decides whether a plugin may read the host's `Document` in place (docs/PLUGIN_ABI.md,
//! “Same-build calls”): cargo's crate identity does not change when a path dependency's source
//! is edited, so a host and a plugin built before and after an edit must still differ.

use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=src");
    let mut files = Vec::new();
    collect(Path::new("src"), &mut files);
    files.sort();
    // FNV-1a over each file's path and bytes: stable, dependency-free, and enough to tell
    // two versions of the sources apart.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for path in &files {
        let bytes = std::fs::read(path).unwrap_or_default();
        for b in path.to_string_lossy().bytes().chain(bytes) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=BUDGETLINT_MODEL_SOURCE_HASH={hash:016x}");
}

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}
