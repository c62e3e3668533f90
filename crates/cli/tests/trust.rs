//! Plugin trust end to end: a "downloaded" folder whose rules.toml names a C plugin (built during
//! the test; it creates a marker file when its code runs) is checked without running that code
//! unless the user allows it (`--allow-plugins`, `BUDGETLINT_ALLOW_PLUGINS=1`, `budgetlint
//! trust`), and the configuration mistakes that used to pass silently are now said.

#[path = "../../engine/tests/common/mod.rs"]
mod common;
mod support;

use std::path::{Path, PathBuf};
use std::process::Output;
use support::{cmd, json, stderr};

const DOC: &str = "说明\nTODO 分摊部份\n";

/// A temporary folder with `plugins/libbudgetlint_plugin_c.so`, a document and a rules.toml,
/// plus a trust list of its own.
struct Downloaded {
    dir: tempfile::TempDir,
    lib: PathBuf,
}

impl Downloaded {
    fn new() -> Downloaded {
        let dir = tempfile::tempdir().unwrap();
        let plugins = dir.path().join("plugins");
        std::fs::create_dir_all(&plugins).unwrap();
        let marker = format!("-DBL_MARKER=\"{}\"", dir.path().join("ran").display());
        let lib = common::build_c_plugin(&plugins, "c", &[&marker]);
        std::fs::write(dir.path().join("a.txt"), DOC).unwrap();
        let downloaded = Downloaded { dir, lib };
        downloaded.write_config("");
        downloaded
    }

    fn config(&self) -> PathBuf {
        self.dir.path().join("rules.toml")
    }

    fn write_config(&self, extra: &str) {
        let lib = self.lib.file_name().unwrap().to_string_lossy();
        std::fs::write(
            self.config(),
            format!(
                "[plugins]\npaths = [\"plugins/{lib}\"]\nenable = [\"c\", \"wording\"]\n{extra}"
            ),
        )
        .unwrap();
    }

    /// `budgetlint ARGS` in the folder, with its own trust list and `env` set.
    fn run(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let mut c = cmd(self.dir.path());
        c.env(
            "BUDGETLINT_TRUST_FILE",
            self.dir.path().join("config/trusted.toml"),
        );
        for (k, v) in env {
            c.env(k, v);
        }
        c.args(args).output().unwrap()
    }

    /// Checks a.txt and tells whether the plugin's rule reported its TODO; removes the marker.
    fn plugin_ran(&self, args: &[&str], env: &[(&str, &str)]) -> (bool, String) {
        let out = self.run(
            &[&["check", "--format", "json"], args, &["a.txt"]].concat(),
            env,
        );
        let report = json(&out);
        let reported = report["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["rule"] == "c/todo");
        let marker = self.dir.path().join("ran");
        let ran = marker.exists();
        let _ = std::fs::remove_file(marker);
        assert_eq!(
            reported,
            ran,
            "the rule reports exactly when the library's code ran: {}",
            stderr(&out)
        );
        assert!(
            report["files"][0]["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d["rule"] == "wording/bufen"),
            "the rest runs"
        );
        (ran, stderr(&out))
    }
}

#[test]
fn a_plugin_a_rules_toml_names_is_not_loaded_and_the_warning_says_how_to_allow_it() {
    let folder = Downloaded::new();
    let (ran, err) = folder.plugin_ran(&[], &[]);
    assert!(!ran, "{err}");
    assert!(
        err.contains(&folder.lib.display().to_string()),
        "names the library: {err}"
    );
    assert!(
        err.contains(&folder.config().display().to_string()),
        "names the rules.toml: {err}"
    );
    for way in [
        "--allow-plugins",
        "BUDGETLINT_ALLOW_PLUGINS=1",
        "budgetlint trust",
    ] {
        assert!(err.contains(way), "says `{way}`: {err}");
    }
    let out = folder.run(&["check", "a.txt"], &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "a warning, not an error: {}",
        stderr(&out)
    );
    let rules = folder.run(&["rules"], &[]);
    assert!(
        stderr(&rules).contains(&folder.lib.display().to_string()),
        "`rules` withholds it too"
    );
    assert!(
        !folder.dir.path().join("ran").exists(),
        "`rules` did not run it"
    );
}

#[test]
fn the_flag_and_the_variable_allow_it() {
    let folder = Downloaded::new();
    assert!(folder.plugin_ran(&["--allow-plugins"], &[]).0);
    assert!(
        folder
            .plugin_ran(&[], &[("BUDGETLINT_ALLOW_PLUGINS", "1")])
            .0
    );
    assert!(
        !folder
            .plugin_ran(&[], &[("BUDGETLINT_ALLOW_PLUGINS", "0")])
            .0
    );
}

#[test]
fn trust_allows_it_until_the_rules_toml_changes_and_revoke_withdraws_it() {
    let folder = Downloaded::new();
    let out = folder.run(&["trust"], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("plugins/"),
        "says what it allowed: {}",
        stderr(&out)
    );
    assert!(folder.dir.path().join("config/trusted.toml").is_file());
    assert!(folder.plugin_ran(&[], &[]).0);

    folder.write_config("# edited\n");
    let (ran, err) = folder.plugin_ran(&[], &[]);
    assert!(
        !ran && err.contains("budgetlint trust"),
        "an edit withdraws the trust: {err}"
    );

    assert_eq!(
        folder.run(&["trust", "rules.toml"], &[]).status.code(),
        Some(0)
    );
    assert!(folder.plugin_ran(&[], &[]).0);
    let out = folder.run(&["trust", "--revoke"], &[]);
    assert!(
        stderr(&out).contains(" 不再受信任：它指定的插件库不会加载"),
        "{}",
        stderr(&out)
    );
    assert!(!folder.plugin_ran(&[], &[]).0);

    assert_eq!(folder.run(&["trust"], &[]).status.code(), Some(0));
    let config = folder.config().canonicalize().unwrap();
    std::fs::remove_file(&config).unwrap();
    let out = folder.run(
        &[
            "trust",
            "--revoke",
            config.to_str().unwrap(),
            "--lang",
            "en",
        ],
        &[],
    );
    assert!(
        stderr(&out).contains("no longer trusted"),
        "a deleted rules.toml can be revoked: {}",
        stderr(&out)
    );
}

#[test]
fn an_unknown_plugin_name_in_enable_is_a_warning_listing_the_known_ones() {
    let dir = support::workspace("[plugins]\nenable = [\"wordnig\"]\n", &[("a.txt", DOC)]);
    let out = cmd(dir.path()).args(["check", "a.txt"]).output().unwrap();
    let err = stderr(&out);
    assert!(
        err.contains("`wordnig`") && err.contains("不是任何插件或规则包"),
        "{err}"
    );
    assert!(
        err.contains("docnum") && err.contains("wording"),
        "lists the known names: {err}"
    );
    let out = cmd(dir.path())
        .args(["check", "a.txt", "--lang", "en"])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(
        err.contains("`wordnig`") && err.contains("no plugin or pack provides"),
        "{err}"
    );
}

#[test]
fn a_missing_plugin_directory_is_a_warning() {
    let dir = support::workspace(
        "[plugins]\ndirs = [\"vendor/plugins\"]\nenable = [\"wording\"]\n",
        &[("a.txt", DOC)],
    );
    let out = cmd(dir.path()).args(["check", "a.txt"]).output().unwrap();
    let err = stderr(&out);
    assert!(
        err.contains("`plugins.dirs` 中的插件目录 ") && err.contains("vendor/plugins 不存在"),
        "{err}"
    );
}

/// Item 8 of issue 17: a `baseline` that rules.toml names but that is missing used to be
/// ignored without a word (every finding it was meant to accept came back). Once the file
/// exists the warning goes.
#[test]
fn a_missing_baseline_named_in_rules_toml_is_a_warning() {
    let dir = support::workspace(
        "baseline = \"accepted.json\"\n[plugins]\nenable = [\"wording\"]\n",
        &[("a.txt", DOC)],
    );
    let out = cmd(dir.path()).args(["check", "a.txt"]).output().unwrap();
    let err = stderr(&out);
    assert!(
        err.contains("`baseline` 指定的基线文件 ")
            && err.contains("accepted.json 不存在：不会忽略任何问题"),
        "{err}"
    );
    let out = cmd(dir.path())
        .args(["check", "--lang", "en", "a.txt"])
        .output()
        .unwrap();
    assert!(
        stderr(&out).contains("accepted.json named in `baseline` does not exist"),
        "{}",
        stderr(&out)
    );
    let out = cmd(dir.path())
        .args(["baseline", "a.txt"])
        .output()
        .unwrap();
    assert!(dir.path().join("accepted.json").is_file(), "{out:?}");
    let out = cmd(dir.path()).args(["check", "a.txt"]).output().unwrap();
    assert!(!stderr(&out).contains("基线文件"), "{}", stderr(&out));
}

/// The budgetlint binary alone in a folder, as when copied onto PATH without its plugins.
fn lone_binary(dir: &Path) -> PathBuf {
    let exe = dir.join("budgetlint");
    if std::fs::hard_link(env!("CARGO_BIN_EXE_budgetlint"), &exe).is_err() {
        std::fs::copy(env!("CARGO_BIN_EXE_budgetlint"), &exe).unwrap();
    }
    exe
}

#[test]
fn a_binary_without_its_plugins_says_so_and_check_exits_2() {
    let bin = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let exe = lone_binary(bin.path());
    let docs = support::workspace("", &[("a.txt", DOC)]);
    let run = |args: &[&str]| {
        std::process::Command::new(&exe)
            .current_dir(docs.path())
            .args(args)
            .env_remove("BUDGETLINT_PLUGIN_PATH")
            .env("BUDGETLINT_TRUST_FILE", bin.path().join("trusted.toml"))
            .output()
            .unwrap()
    };
    let out = run(&["check", "a.txt"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("未找到规则插件") && err.contains(&bin.path().display().to_string()),
        "{err}"
    );
    assert!(
        err.contains("BUDGETLINT_PLUGIN_PATH"),
        "says how to install: {err}"
    );

    let listed = run(&["rules"]);
    assert_eq!(
        listed.status.code(),
        Some(0),
        "listing rules is not an error: {}",
        stderr(&listed)
    );
    assert!(stderr(&listed).contains("未找到规则插件"));
    let english = run(&["rules", "--lang", "en"]);
    assert!(stderr(&english).contains("no rule plugin was found"));

    std::fs::write(
        docs.path().join("rules.toml"),
        "[plugins]\nenable = [\"wording\"]\n",
    )
    .unwrap();
    let packs_only = run(&["check", "a.txt"]);
    assert_eq!(packs_only.status.code(), Some(0), "{}", stderr(&packs_only));
    assert!(!stderr(&packs_only).contains("未找到规则插件"));
}
