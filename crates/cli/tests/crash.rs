//! Crash containment end to end: a C plugin (built during the test, named by rules.toml and
//! allowed with `--allow-plugins`) that aborts, segfaults, calls `exit(0)`, loops forever or
//! prints to stdout on one document. The run survives: that document gets an error finding
//! naming the plugin and its library, the other plugins' findings on it still come out, the
//! next document is checked by a restarted worker, and the exit code is not 0.

#[path = "../../engine/tests/common/mod.rs"]
mod common;
mod support;

use serde_json::Value;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use support::{cmd, json, stderr};

/// Text for the built-in wording pack (部份) and the C plugin's rule (TODO).
const PLAIN: &str = "说明\nTODO 分摊部份\n";
const CRASHING: &str = "说明 CRASH\nTODO 分摊部份\n";

/// `check` with a JSON report in English, the folder's plugins allowed; the files follow.
const CHECK_JSON: [&str; 6] = [
    "check",
    "--format",
    "json",
    "--lang",
    "en",
    "--allow-plugins",
];

struct Folder {
    dir: tempfile::TempDir,
    lib: PathBuf,
}

/// A folder with a C plugin built with `BL_CRASH=mode`, a.txt that triggers it and b.txt
/// that does not.
fn folder(mode: u32) -> Folder {
    let dir = tempfile::tempdir().unwrap();
    let plugins = dir.path().join("plugins");
    std::fs::create_dir_all(&plugins).unwrap();
    let lib = common::build_c_plugin(&plugins, "c", &[&format!("-DBL_CRASH={mode}")]);
    std::fs::write(
        dir.path().join("rules.toml"),
        format!(
            "[plugins]\npaths = [\"plugins/{}\"]\nenable = [\"c\", \"wording\"]\n",
            lib.file_name().unwrap().to_string_lossy()
        ),
    )
    .unwrap();
    std::fs::write(dir.path().join("a.txt"), CRASHING).unwrap();
    std::fs::write(dir.path().join("b.txt"), PLAIN).unwrap();
    Folder { dir, lib }
}

fn diagnostics<'a>(report: &'a Value, file: &str) -> Vec<&'a Value> {
    let entry = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"].as_str().is_some_and(|p| p.ends_with(file)))
        .unwrap_or_else(|| panic!("{file} is in the report: {report}"));
    entry["diagnostics"].as_array().unwrap().iter().collect()
}

fn rules(diags: &[&Value]) -> Vec<String> {
    diags
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

/// Runs `check` on both files and checks what every kind of crash must give; returns the
/// plugin-error message on a.txt.
fn contained(mode: u32) -> String {
    let f = folder(mode);
    let out = cmd(f.dir.path())
        .env("BUDGETLINT_PLUGIN_TIMEOUT", "3")
        .args(CHECK_JSON)
        .args(["a.txt", "b.txt"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "an error finding, not a crash of the run nor a clean exit: {}",
        stderr(&out)
    );
    let report = json(&out);
    let a = diagnostics(&report, "a.txt");
    let error = a
        .iter()
        .find(|d| d["rule"] == "budgetlint/plugin-error")
        .unwrap_or_else(|| panic!("a.txt has a plugin error: {:?}", rules(&a)));
    assert_eq!(error["severity"], "error");
    let message = error["message"].as_str().unwrap_or_default().to_string();
    assert!(message.contains("plugin `c`"), "{message}");
    assert!(
        message.contains(&f.lib.display().to_string()),
        "names the library: {message}"
    );
    assert!(
        rules(&a).contains(&"wording/bufen".to_string()),
        "the other rules still report on a.txt: {:?}",
        rules(&a)
    );
    let b = rules(&diagnostics(&report, "b.txt"));
    assert!(
        b.contains(&"c/todo".to_string()) && b.contains(&"wording/bufen".to_string()),
        "b.txt is checked by a restarted worker: {b:?}"
    );
    message
}

#[test]
fn an_abort_is_an_error_finding_naming_the_plugin() {
    let message = contained(1);
    assert!(message.contains("SIGABRT"), "{message}");
}

#[test]
fn a_segfault_is_an_error_finding_naming_the_plugin() {
    let message = contained(2);
    assert!(message.contains("SIGSEGV"), "{message}");
}

#[test]
fn exit_0_is_not_a_clean_run() {
    let message = contained(3);
    assert!(message.contains("exited with status 0"), "{message}");
}

#[test]
fn an_endless_loop_is_stopped_at_the_time_limit() {
    let start = Instant::now();
    let message = contained(4);
    assert!(message.contains("did not answer within 3 s"), "{message}");
    assert!(
        start.elapsed() < Duration::from_secs(30),
        "stopped near the limit: {:?}",
        start.elapsed()
    );
}

#[test]
fn a_plugin_that_prints_to_stdout_does_not_break_the_frames() {
    let f = folder(5);
    let out = cmd(f.dir.path())
        .args(CHECK_JSON)
        .arg("a.txt")
        .output()
        .unwrap();
    let report = json(&out);
    let a = rules(&diagnostics(&report, "a.txt"));
    assert!(
        a.contains(&"c/todo".to_string()) && !a.contains(&"budgetlint/plugin-error".to_string()),
        "{a:?}: {}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("a plugin that prints to stdout"),
        "its output goes to stderr"
    );
}

#[test]
fn a_plugin_that_crashes_on_every_document_is_given_up_after_three_tries() {
    let f = folder(1);
    std::fs::remove_file(f.dir.path().join("b.txt")).unwrap();
    // More documents than can be in flight before the third crash is counted (`check` runs two
    // documents per core, and each one started before that still crashes).
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let documents = 2 * cores + 6;
    for i in 0..documents {
        std::fs::write(f.dir.path().join(format!("c{i}.txt")), CRASHING).unwrap();
    }
    // The files are named: a folder walk would skip them (they do not look like disclosures).
    let files: Vec<String> = (0..documents).map(|i| format!("c{i}.txt")).collect();
    let out = cmd(f.dir.path())
        .args(CHECK_JSON)
        .args(&files)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report = json(&out);
    let all = report["files"].as_array().unwrap();
    let given_up = all
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().unwrap())
        .filter(|d| {
            d["message"]
                .as_str()
                .is_some_and(|m| m.contains("no longer started"))
        })
        .count();
    assert!(given_up >= 1, "{report}");
}
