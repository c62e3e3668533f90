//! For build scripts only: hashes what the layout of a crate's types depends on — the crate's
//! sources, the compiler's version and the target — and hands it to the crate as an environment
//! variable. `budgetlint-model`, `budgetlint-protocol` and `budgetlint-sdk` use it; the model's
//! and the protocol's ids make the identity that decides whether a plugin may exchange Rust
//! values with the host directly (docs/PLUGIN_ABI.md, “Same-build calls”). Cargo's own crate
//! identity is no use here: it changes with the features of unrelated dependencies (`cargo
//! build` and `cargo test` differ) and not with edits to a path dependency's source.

use std::hash::Hasher;
use std::path::{Path, PathBuf};

/// Emits `cargo:rustc-env={variable}=<16 hex digits>` for the crate whose build script calls
/// it, hashing every `.rs` file under its `src/`, `rustc -vV` and the target.
pub fn emit(variable: &str) {
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-env-changed=RUSTC");
    let root =
        std::env::var_os("CARGO_MANIFEST_DIR").map_or_else(|| PathBuf::from("."), PathBuf::from);
    let mut hash = Fnv::default();
    hash_sources(&root, &mut hash);
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let version = std::process::Command::new(rustc)
        .arg("-vV")
        .output()
        .map(|o| o.stdout)
        .unwrap_or_default();
    hash.add(&version);
    hash.add(std::env::var("TARGET").unwrap_or_default().as_bytes());
    println!("cargo:rustc-env={variable}={:016x}", hash.value());
}

/// The sources under `root/src`, by path relative to `root` so the id does not depend on where
/// the crate was checked out.
fn hash_sources(root: &Path, hash: &mut Fnv) {
    let mut files = Vec::new();
    collect(&root.join("src"), &mut files);
    files.sort();
    for path in &files {
        let relative = path.strip_prefix(root).unwrap_or(path);
        hash.add(relative.to_string_lossy().as_bytes());
        hash.add(&std::fs::read(path).unwrap_or_default());
    }
}

/// FNV-1a (the `fnv` crate, as the baseline's hashes): stable across Rust releases and enough
/// to tell two builds apart. Each piece is followed by a 0xff byte, which no UTF-8 text holds,
/// so that two pieces cannot run into each other.
#[derive(Default)]
struct Fnv(fnv::FnvHasher);

impl Fnv {
    fn add(&mut self, bytes: &[u8]) {
        self.0.write(bytes);
        self.0.write_u8(0xff);
    }

    fn value(&self) -> u64 {
        self.0.finish()
    }
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `fnv` crate computes FNV-1a as the id was defined (offset basis, prime, one byte at a
    /// time, each piece ended by 0xff).
    #[test]
    fn the_hash_is_fnv_1a_with_a_separator() {
        let mut reference: u64 = 0xcbf2_9ce4_8422_2325;
        for &b in b"src/lib.rs"
            .iter()
            .chain(&[0xff])
            .chain(b"\xe4\xb8\xad")
            .chain(&[0xff])
        {
            reference = (reference ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        let mut h = Fnv::default();
        h.add(b"src/lib.rs");
        h.add("中".as_bytes());
        assert_eq!(h.value(), reference);
    }

    #[test]
    fn the_hash_depends_on_content_and_relative_path() {
        let dir = std::env::temp_dir().join(format!("budgetlint-build-id-{}", std::process::id()));
        let src = dir.join("src");
        std::fs::create_dir_all(&src).unwrap();
        std::fs::write(src.join("lib.rs"), "pub struct A(u8);").unwrap();
        let id = |root: &Path| {
            let mut h = Fnv::default();
            hash_sources(root, &mut h);
            h.value()
        };
        let first = id(&dir);
        let copy = dir.join("copy");
        std::fs::create_dir_all(copy.join("src")).unwrap();
        std::fs::write(copy.join("src/lib.rs"), "pub struct A(u8);").unwrap();
        assert_eq!(
            id(&copy),
            first,
            "the same sources elsewhere have the same id"
        );
        std::fs::write(src.join("lib.rs"), "pub struct A(u16);").unwrap();
        assert_ne!(id(&dir), first, "an edit changes the id");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
