//! `budgetlint new-plugin` outside the repository: the scaffold's own tests pass, it builds
//! against the SDK, and its rule fires through `budgetlint check` via BUDGETLINT_PLUGIN_PATH.
//! Also: a broken library on the plugin path is reported while the run goes on.

#[path = "../../engine/tests/common/mod.rs"]
mod common;

use std::path::Path;
use std::process::{Command, Output};

fn budgetlint(dir: &Path, args: &[&str], plugin_path: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_budgetlint"))
        .current_dir(dir)
        .args(args)
        .env("BUDGETLINT_PLUGIN_PATH", plugin_path)
        .output()
        .unwrap()
}

fn cargo(dir: &Path, args: &[&str]) -> Output {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .current_dir(dir)
        .args(args)
        .env(
            "CARGO_TARGET_DIR",
            common::plugin_build_dir().join("target"),
        )
        .output()
        .unwrap()
}

#[test]
fn a_scaffolded_plugin_builds_and_its_rule_fires_through_check() {
    let outside = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_budgetlint"))
        .args(["new-plugin", "demo", "--dir"])
        .arg(outside.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let crate_dir = outside.path().join("budgetlint-plugin-demo");
    // Same dependency versions as the workspace, already downloaded and built.
    std::fs::copy(
        common::workspace_root().join("Cargo.lock"),
        crate_dir.join("Cargo.lock"),
    )
    .unwrap();

    let tested = cargo(&crate_dir, &["test", "--quiet"]);
    assert!(
        tested.status.success(),
        "scaffold tests failed:\n{}",
        String::from_utf8_lossy(&tested.stderr)
    );
    let built = cargo(&crate_dir, &["build", "--quiet"]);
    assert!(
        built.status.success(),
        "scaffold build failed:\n{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let lib_dir = common::plugin_build_dir().join("target/debug");

    let docs = tempfile::tempdir().unwrap();
    std::fs::write(
        docs.path().join("rules.toml"),
        "[plugins]\nenable = [\"demo\"]\n[rules.\"demo/placeholder-text\"]\nextra = [\"（略）\"]\n",
    )
    .unwrap();
    std::fs::write(
        docs.path().join("report.txt"),
        "一、收入\n收入合计待补充万元。\n详见（略）。\n",
    )
    .unwrap();
    let out = budgetlint(
        docs.path(),
        &["check", "--format", "json", "report.txt"],
        &lib_dir,
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(String, u64, u64)> = report["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("demo/placeholder-text".to_string(), 2, 5),
            ("demo/placeholder-text".to_string(), 3, 3)
        ]
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "warnings only: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    let rules = budgetlint(docs.path(), &["rules"], &lib_dir);
    assert!(String::from_utf8_lossy(&rules.stdout).contains("demo/placeholder-text  demo"));

    let refused = Command::new(env!("CARGO_BIN_EXE_budgetlint"))
        .args(["new-plugin", "demo", "--dir"])
        .arg(outside.path())
        .output()
        .unwrap();
    assert_eq!(
        refused.status.code(),
        Some(2),
        "an existing crate is not overwritten"
    );
}

#[test]
fn a_corrupt_library_on_the_plugin_path_is_reported_and_the_run_goes_on() {
    let plugins = tempfile::tempdir().unwrap();
    let corrupt = plugins
        .path()
        .join(budgetlint_engine::discovery::library_file_name("broken"));
    std::fs::write(&corrupt, "not a library").unwrap();
    let docs = tempfile::tempdir().unwrap();
    std::fs::write(docs.path().join("rules.toml"), "").unwrap();
    std::fs::write(docs.path().join("a.txt"), "分摊部份\n").unwrap();
    let out = budgetlint(
        docs.path(),
        &["check", "--format", "json", "a.txt"],
        plugins.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&corrupt.display().to_string()) && err.contains("不是可加载的插件库"),
        "{err}"
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(report["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["rule"] == "wording/bufen"));
    assert_eq!(report["summary"]["problems"].as_array().unwrap().len(), 1);
}
