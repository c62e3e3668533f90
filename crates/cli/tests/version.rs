//! `budgetlint --version` lists the plugins it finds, and says so clearly when there is none.

mod support;

use std::process::Command;
use support::{cmd, stdout};

#[test]
fn version_lists_the_plugins_found_with_their_rule_counts() {
    let dir = tempfile::tempdir().unwrap();
    for flag in ["--version", "-V"] {
        let out = cmd(dir.path()).arg(flag).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{flag}");
        let text = stdout(&out);
        let first = text.lines().next().unwrap_or_default();
        assert!(
            first.starts_with(&format!("budgetlint {} (", env!("CARGO_PKG_VERSION"))),
            "{text}"
        );
        // The docnum plugin is on BUDGETLINT_PLUGIN_PATH (support::cmd): loaded, so its name,
        // version and rule count are printed.
        let docnum = text
            .lines()
            .find(|l| l.trim_start().starts_with("docnum "))
            .unwrap_or_else(|| panic!("no docnum line in\n{text}"));
        assert!(docnum.contains("条规则"), "{docnum}");
        assert!(text.contains("\n规则插件："), "{text}");
        assert!(
            !text.contains("rules") && !text.contains("plugins:"),
            "Chinese only: {text}"
        );
    }
    // English with --lang (before the flag, or after it) or BUDGETLINT_LANG.
    for args in [
        &["--lang", "en", "--version"][..],
        &["--version", "--lang", "en"],
    ] {
        let text = stdout(&cmd(dir.path()).args(args).output().unwrap());
        assert!(text.contains("\nrule plugins: "), "{args:?}: {text}");
        assert!(
            text.lines()
                .any(|l| l.trim_start().starts_with("docnum ") && l.contains(" rules  ")),
            "{text}"
        );
        assert!(!text.contains("条规则"), "{text}");
    }
    let text = stdout(
        &cmd(dir.path())
            .env("BUDGETLINT_LANG", "en")
            .arg("-V")
            .output()
            .unwrap(),
    );
    assert!(text.contains("\nrule plugins: "), "{text}");
}

#[test]
fn version_of_a_program_copied_without_its_plugins_says_where_it_looked() {
    let dir = tempfile::tempdir().unwrap();
    let alone = dir
        .path()
        .join(format!("budgetlint{}", std::env::consts::EXE_SUFFIX));
    std::fs::copy(env!("CARGO_BIN_EXE_budgetlint"), &alone).unwrap();
    let out = run_fresh_copy(&alone);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.contains("未找到规则插件"), "{text}");
    let looked = std::fs::canonicalize(dir.path()).unwrap();
    assert!(
        text.contains(&looked.display().to_string())
            || text.contains(&dir.path().display().to_string()),
        "names the folder it looked in:\n{text}"
    );
    assert!(text.contains("BUDGETLINT_PLUGIN_PATH：未设置"), "{text}");
}

/// Runs `--version` of a program copied a moment ago. On Linux a child another test thread
/// forks while the copy's file is still open for writing holds that descriptor until it
/// execs, and running the copy then fails with "Text file busy" (ETXTBSY; seen on the 2-core
/// CI machine): such a run is tried again after a pause, a few times.
fn run_fresh_copy(program: &std::path::Path) -> std::process::Output {
    let mut tries = 0;
    loop {
        let run = Command::new(program)
            .arg("--version")
            .env_remove("BUDGETLINT_PLUGIN_PATH")
            .output();
        match run {
            Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy && tries < 20 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            run => return run.unwrap(),
        }
    }
}
