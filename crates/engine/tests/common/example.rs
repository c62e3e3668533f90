//! Builds the out-of-tree province plugin of examples/province-plugin (山东) as a finance bureau
//! would: a copy of the crate under the target directory, its path dependencies pointed at this
//! checkout, its own target directory. Shared by the engine's, the CLI's and the language
//! server's tests (`#[path]`), so each front end shows the compiled province selected by
//! `profile`; self-contained for that (the including crate's `CARGO_MANIFEST_DIR` is one of
//! `crates/*`, and `CARGO_TARGET_TMPDIR` is the workspace's).

use std::path::{Path, PathBuf};
use std::process::Command;

/// The plugin's name, and its province's rule.
pub const NAME: &str = "shandong";
pub const RULE: &str = "shandong/budget-parts";

/// Builds the example (incrementally: the build directory is kept between runs) and returns its
/// library.
pub fn build_example() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap();
    let build = Path::new(env!("CARGO_TARGET_TMPDIR")).join("test-plugins");
    let src = root.join("examples/province-plugin");
    let dir = build.join("crates/province-plugin-example");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let manifest = std::fs::read_to_string(src.join("Cargo.toml"))
        .unwrap()
        .replace("\"../../", &format!("\"{}/", root.display()));
    write_if_changed(&dir.join("Cargo.toml"), &manifest);
    write_if_changed(
        &dir.join("src/lib.rs"),
        &std::fs::read_to_string(src.join("src/lib.rs")).unwrap(),
    );
    if !dir.join("Cargo.lock").exists() {
        std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    }
    cargo_build(&dir, &build.join("target"), NAME)
}

/// Builds the plugin crate in `dir` into `target` and returns its library `name`; a failed
/// build fails the test with cargo's output. Also used by `common::build_rust_plugin`.
pub fn cargo_build(dir: &Path, target: &Path, name: &str) -> PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["build", "--quiet", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", target)
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

/// Rewriting an unchanged file would make cargo rebuild it.
pub fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text).unwrap();
    }
}
