//! Builds plugins during tests: Rust plugin crates generated into a directory under the target
//! directory (with their own CARGO_TARGET_DIR, so they never wait on the workspace build lock),
//! and C plugins compiled with the system C compiler.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// Where test plugins are generated and built; kept between runs so rebuilds are incremental.
pub fn plugin_build_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("test-plugins")
}

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

pub fn data(name: &str) -> PathBuf {
    workspace_root().join("crates/engine/tests/data").join(name)
}

/// Writes a plugin crate `budgetlint-plugin-<name>` with `lib_rs` as its source, depending on
/// this repository's SDK by path. The workspace's Cargo.lock is copied in so the build uses
/// the same (already downloaded) dependency versions.
pub fn write_rust_plugin(name: &str, lib_rs: &str) -> PathBuf {
    let dir = plugin_build_dir().join("crates").join(name);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let sdk = workspace_root().join("crates/sdk");
    let manifest = format!(
        "[package]\nname = \"budgetlint-plugin-{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[lib]\ncrate-type = [\"cdylib\"]\n\n\
         [dependencies]\nbudgetlint-sdk = {{ path = {:?} }}\n\n[workspace]\n",
        sdk.display().to_string()
    );
    write_if_changed(&dir.join("Cargo.toml"), &manifest);
    write_if_changed(&dir.join("src/lib.rs"), lib_rs);
    if !dir.join("Cargo.lock").exists() {
        std::fs::copy(workspace_root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    }
    dir
}

/// Rewriting an unchanged file would make cargo rebuild it.
fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text).unwrap();
    }
}

/// Builds the plugin crate in `dir` and returns its library.
pub fn build_rust_plugin(dir: &Path, name: &str) -> PathBuf {
    let target = plugin_build_dir().join("target");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["build", "--quiet", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &target)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "building {name} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lib = target
        .join("debug")
        .join(budgetlint_engine::discovery::library_file_name(name));
    assert!(lib.is_file(), "{} was not built", lib.display());
    lib
}

/// Compiles tests/data/c_plugin.c into `out_dir` as the plugin library of `name`.
pub fn build_c_plugin(out_dir: &Path, name: &str, defines: &[&str]) -> PathBuf {
    let lib = out_dir.join(budgetlint_engine::discovery::library_file_name(name));
    let out = Command::new(std::env::var("CC").unwrap_or_else(|_| "cc".into()))
        .args(["-shared", "-fPIC", "-O1", "-o"])
        .arg(&lib)
        .arg(data("c_plugin.c"))
        .args(defines)
        .output()
        .expect("a C compiler (cc) is needed for the C plugin test");
    assert!(
        out.status.success(),
        "cc failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    lib
}
