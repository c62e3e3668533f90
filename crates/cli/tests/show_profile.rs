//! `budgetlint check --show-profile`: each document's province, level and how they were
//! detected; forced by rules.toml; national rules only when no province is recognised.

use std::path::Path;
use std::process::{Command, Output};

fn budgetlint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_budgetlint"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn copy_seed(dir: &Path, prefix: &str) -> String {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seeds");
    let src = std::fs::read_dir(&seeds)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap();
    let name = src.file_name().unwrap().to_string_lossy().into_owned();
    std::fs::copy(&src, dir.join(&name)).unwrap();
    name
}

#[test]
fn seeds_show_their_province_and_level() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("rules.toml"),
        "[plugins]\nenable = [\"wording\"]\n",
    )
    .unwrap();
    let expected = [
        ("000", "河北，县级"),
        ("001", "山西，市级"),
        ("002", "河北，县级"),
        ("003", "四川，市级"),
        ("004", "河南，区级"),
    ];
    for (prefix, profile) in expected {
        let name = copy_seed(dir.path(), prefix);
        let out = budgetlint(
            dir.path(),
            &[
                "check",
                "--show-profile",
                "--exit-zero",
                "--no-progress",
                &name,
            ],
        );
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains(&format!(
                "{name}：省份配置 {profile}（识别依据：发文机关名称）"
            )),
            "{prefix}: {text}"
        );
    }
}

#[test]
fn forced_profile_and_national_fallback() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("rules.toml"),
        "profile = \"henan\"\n[plugins]\nenable = [\"wording\"]\n",
    )
    .unwrap();
    let name = copy_seed(dir.path(), "000");
    let out = budgetlint(
        dir.path(),
        &[
            "check",
            "--show-profile",
            "--exit-zero",
            "--no-progress",
            &name,
        ],
    );
    assert!(String::from_utf8_lossy(&out.stdout)
        .contains("省份配置 河南，县级（识别依据：rules.toml 中的设定）"));
    // In English with --lang en.
    let out = budgetlint(
        dir.path(),
        &[
            "check",
            "--show-profile",
            "--exit-zero",
            "--no-progress",
            "--lang",
            "en",
            &name,
        ],
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("profile 河南, county (detected by config)")
    );

    std::fs::write(
        dir.path().join("rules.toml"),
        "[plugins]\nenable = [\"wording\"]\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("nowhere.txt"),
        "某中心2021年部门预算\n现公开如下。\n",
    )
    .unwrap();
    let out = budgetlint(
        dir.path(),
        &[
            "check",
            "--show-profile",
            "--exit-zero",
            "--no-progress",
            "nowhere.txt",
        ],
    );
    assert!(String::from_utf8_lossy(&out.stdout)
        .contains("nowhere.txt：省份配置 全国（未识别出省份）：只适用全国规则"));

    // Machine formats keep stdout clean: the line goes to stderr, the profile is in the JSON.
    let out = budgetlint(
        dir.path(),
        &[
            "check",
            "--show-profile",
            "--format",
            "json",
            "--exit-zero",
            "--no-progress",
            &name,
        ],
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["files"][0]["profile"]["province"], "河北");
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("省份配置 河北，县级（识别依据：发文机关名称）"));
}
