//! Hashes what the layout of the model types depends on — the crate's sources, the compiler's
//! version and the target — into `BUDGETLINT_MODEL_BUILD_ID`, the heart of the model identity
//! that decides whether a plugin may read the host's `Document` in place (docs/PLUGIN_ABI.md,
//! “Same-build calls”). Cargo's own crate identity is no use here: it changes with the features
//! of unrelated dependencies (`cargo build` and `cargo test` differ) and not with edits to a
//! path dependency's source.

use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-env-changed=RUSTC");
    let mut files = Vec::new();
    collect(Path::new("src"), &mut files);
    files.sort();
    let mut hash = Fnv::default();
    for path in &files {
        hash.add(path.to_string_lossy().as_bytes());
        hash.add(&std::fs::read(path).unwrap_or_default());
    }
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let version = std::process::Command::new(rustc).arg("-vV").output().map(|o| o.stdout).unwrap_or_default();
    hash.add(&version);
    hash.add(std::env::var("TARGET").unwrap_or_default().as_bytes());
    println!("cargo:rustc-env=BUDGETLINT_MODEL_BUILD_ID={:016x}", hash.0);
}

/// FNV-1a: stable, dependency-free, and enough to tell two builds apart.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn add(&mut self, bytes: &[u8]) {
        for &b in bytes.iter().chain(&[0xff]) {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
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
