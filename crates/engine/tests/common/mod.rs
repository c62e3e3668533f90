//! Builds plugins during tests: Rust plugin crates generated into a directory under the target
//! directory (with their own CARGO_TARGET_DIR, so they never wait on the workspace build lock),
//! and C plugins compiled with the system C compiler.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub mod example;

use example::write_if_changed;

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

/// Builds the plugin crate in `dir` and returns its library.
pub fn build_rust_plugin(dir: &Path, name: &str) -> PathBuf {
    example::cargo_build(dir, &plugin_build_dir().join("target"), name)
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

/// The built-in plugins (dev-dependencies of this crate, so built fresh beside the tests).
/// They are loaded as the program loads them: their exported symbols forbid linking two into
/// one test binary.
pub const BUILT_IN_PLUGINS: &[&str] = &[
    "arithmetic",
    "classification",
    "dates",
    "docnum",
    "hebei",
    "henan",
    "indicator",
    "province",
    "shanxi",
    "sichuan",
    "structure",
    "text",
];

/// A directory (`name` under the target's temporary directory) holding links to the freshly
/// built built-in plugins only, to use as the built-in directory: copies beside the binary may
/// be from an older build.
pub fn built_in_plugin_dir(name: &str) -> PathBuf {
    let deps = std::env::current_exe()
        .unwrap()
        .parent()
        .unwrap()
        .to_path_buf();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::create_dir_all(&dir).unwrap();
    for plugin in BUILT_IN_PLUGINS {
        let file = format!(
            "{}budgetlint_plugin_{plugin}{}",
            std::env::consts::DLL_PREFIX,
            std::env::consts::DLL_SUFFIX
        );
        let lib = deps.join(&file);
        assert!(lib.is_file(), "{} is a dev-dependency", lib.display());
        let link = dir.join(&file);
        if std::fs::read_link(&link).ok().as_deref() != Some(lib.as_path()) {
            let _ = std::fs::remove_file(&link);
            let _ = std::os::unix::fs::symlink(&lib, &link);
        }
    }
    dir
}

/// A linter of every built-in plugin (linked into `plugins`, see [`built_in_plugin_dir`]),
/// trusted, configured by `toml` written as `dir/rules.toml`; it must load without problems.
pub fn built_in_linter(dir: &Path, toml: &str, plugins: &str) -> budgetlint_engine::Linter {
    use budgetlint_engine::{config::Config, Linter, Registry, Sources, Trust};
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join("rules.toml");
    std::fs::write(&path, toml).unwrap();
    let sources = Sources {
        exe_dir: Some(built_in_plugin_dir(plugins)),
        trust: Trust::Everything,
        ..Sources::default()
    };
    let linter = Linter::new(
        Config::load(&path).unwrap(),
        &sources,
        &mut Registry::default(),
    );
    assert_eq!(linter.problems(), &[]);
    linter
}
