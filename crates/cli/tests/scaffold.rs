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
        .env_remove("BUDGETLINT_LANG")
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
        .env_remove("BUDGETLINT_LANG")
        .args(["new-plugin", "demo", "--dir"])
        .arg(outside.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).starts_with("budgetlint: 已建立 "),
        "Chinese by default: {}",
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
    // Only the scaffolded library: the shared build folder also holds the other tests' plugins
    // (a hanging one, a crashing one), and a run may find some of them from an earlier build.
    let lib_name = budgetlint_engine::discovery::library_file_name("demo");
    let plugins = tempfile::tempdir().unwrap();
    std::fs::copy(
        common::plugin_build_dir()
            .join("target/debug")
            .join(&lib_name),
        plugins.path().join(&lib_name),
    )
    .unwrap();
    let lib_dir = plugins.path();

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
        lib_dir,
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

    let rules = budgetlint(docs.path(), &["rules"], lib_dir);
    assert!(String::from_utf8_lossy(&rules.stdout).contains("demo/placeholder-text  demo"));
    // The scaffolded rule documents itself in both languages, as the built-in rules do.
    let page = budgetlint(docs.path(), &["explain", "demo/placeholder-text"], lib_dir);
    let page = String::from_utf8_lossy(&page.stdout);
    assert!(
        page.contains("## 检查内容") && page.contains("## 修改方法") && !page.contains("## Why"),
        "{page}"
    );

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
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("：已经存在（不会覆盖）"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
}

/// What `new-plugin` prints and the comments of the files it writes are Chinese by default and
/// English with `--lang en`; code identifiers are English in both.
#[test]
fn the_scaffold_speaks_the_language_of_the_run() {
    let outside = tempfile::tempdir().unwrap();
    let new_plugin = |name: &str, lang: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_budgetlint"))
            .env_remove("BUDGETLINT_LANG")
            .args(lang)
            .args(["new-plugin", name, "--dir"])
            .arg(outside.path())
            .output()
            .unwrap()
    };
    let read = |name: &str, file: &str| {
        std::fs::read_to_string(
            outside
                .path()
                .join(format!("budgetlint-plugin-{name}"))
                .join(file),
        )
        .unwrap()
    };
    let zh = new_plugin("jibei", &[]);
    assert_eq!(zh.status.code(), Some(0));
    let lib = read("jibei", "src/lib.rs");
    assert!(lib.starts_with("//! budgetlint 插件 `jibei`。"), "{lib}");
    assert!(lib.contains("pub struct PlaceholderText"), "{lib}");
    assert!(read("jibei", "Cargo.toml").contains("# C 兼容的动态库"));
    assert!(read("jibei", "README.md").contains("规则 id 以 `jibei/` 开头"));

    let en = new_plugin("jibei-en", &["--lang", "en"]);
    assert!(String::from_utf8_lossy(&en.stderr).starts_with("budgetlint: created "));
    let lib = read("jibei-en", "src/lib.rs");
    assert!(
        lib.starts_with("//! budgetlint plugin `jibei-en`."),
        "{lib}"
    );
    assert!(read("jibei-en", "README.md").contains("Rule ids start with `jibei-en/`"));

    let bad = new_plugin("Jibei", &[]);
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&bad.stderr),
        "budgetlint: 错误：插件名 `Jibei`：只能用小写英文字母、数字和连字符（-），并以字母开头\n"
    );
    let bad = new_plugin("Jibei", &["--lang", "en"]);
    assert!(String::from_utf8_lossy(&bad.stderr)
        .starts_with("budgetlint: error: plugin name `Jibei`: "));
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
