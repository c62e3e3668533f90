//! `budgetlint check` options besides formats and fixes — walking directories, standard input,
//! exit codes, the progress bar — and the `rules`, `explain` and `init` commands.

mod support;

use support::*;

const DOC: &str = "一、部门职责\n配合地税部门完成征缴任务。\n由各单位承担分摊部份。\n";

fn paths(report: &serde_json::Value) -> Vec<String> {
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn directories_follow_include_exclude_and_budgetlintignore() {
    let dir = workspace(
        ONLY_WORDING,
        &[
            ("docs/a.txt", DOC),
            ("docs/b.md", DOC),
            ("docs/c.csv", DOC),
            ("docs/drafts/d.txt", DOC),
            ("docs/sub/e.txt", DOC),
            ("docs/sub/deep/f.txt", DOC),
            ("docs/old/g.txt", DOC),
            ("docs/.hidden.txt", DOC),
        ],
    );
    std::fs::write(
        dir.path().join(".budgetlintignore"),
        "# drafts are not published\ndrafts/\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("docs/.budgetlintignore"), "*.md\n").unwrap();
    let walked = |extra: &[&str]| {
        let mut args = vec!["check", "--format", "json"];
        args.extend(extra);
        let out = run(dir.path(), &args);
        assert!(matches!(out.status.code(), Some(0)), "{}", stderr(&out));
        paths(&json(&out))
    };
    assert_eq!(
        walked(&["docs"]),
        [
            "docs/a.txt",
            "docs/old/g.txt",
            "docs/sub/deep/f.txt",
            "docs/sub/e.txt"
        ],
        "ignore files of the walked directory and its parents"
    );
    assert_eq!(walked(&["--include", "*.csv", "docs"]), ["docs/c.csv"]);
    assert_eq!(
        walked(&["--exclude", "sub", "--exclude", "old/*.txt", "docs"]),
        ["docs/a.txt"]
    );
    assert_eq!(
        walked(&["--include", "sub/**/*.txt", "docs"]),
        ["docs/sub/deep/f.txt", "docs/sub/e.txt"]
    );
    assert_eq!(
        walked(&["--exclude", "docs/sub", "."]),
        ["./docs/a.txt", "./docs/old/g.txt"],
        "paths with / match below the given directory"
    );
    assert_eq!(
        walked(&["docs/drafts/d.txt", "docs/b.md"]),
        ["docs/drafts/d.txt", "docs/b.md"],
        "files named explicitly are always checked"
    );

    let out = run(dir.path(), &["check", "--include", "a[", "docs"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--include `a[`"), "{}", stderr(&out));
}

#[test]
fn standard_input_is_checked_as_dash_with_an_optional_file_name() {
    let dir = workspace(ONLY_WORDING, &[]);
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(
        dir.path().join("sub/rules.toml"),
        "extends = \"../rules.toml\"\n[rules.\"wording/bufen\"]\nseverity = \"error\"\n",
    )
    .unwrap();

    let out = cmd(dir.path())
        .args(["check", "--format", "json", "-"])
        .write_stdin(DOC)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = json(&out);
    assert_eq!(paths(&report), ["<stdin>"]);
    assert_eq!(
        rules_per_file(&report),
        [["wording/abolished-tax-office", "wording/bufen"]]
    );

    let out = cmd(dir.path())
        .args(["check", "--stdin-filename", "sub/report.txt", "-"])
        .write_stdin(DOC)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "sub/rules.toml applies: bufen is an error there"
    );
    assert!(
        stdout(&out).contains("┌─ sub/report.txt:3:9"),
        "{}",
        stdout(&out)
    );

    // GBK on stdin is detected like a file's encoding.
    let gbk = budgetlint_model::encode(DOC, &gb18030());
    let out = cmd(dir.path())
        .args(["check", "--format", "json", "-"])
        .write_stdin(gbk)
        .output()
        .unwrap();
    assert_eq!(json(&out)["files"][0]["encoding"], "gb18030");
}

fn gb18030() -> budgetlint_model::SourceInfo {
    budgetlint_model::SourceInfo {
        encoding: "gb18030".into(),
        line_ending: "lf".into(),
        ..Default::default()
    }
}

#[test]
fn exit_codes_for_findings_strict_exit_zero_and_trouble() {
    let code = |config: &str, args: &[&str]| {
        let dir = workspace(config, &[("a.txt", DOC)]);
        run(dir.path(), args).status.code()
    };
    let error = format!("{ONLY_WORDING}[rules.\"wording/bufen\"]\nseverity = \"error\"\n");
    let warning = format!("{ONLY_WORDING}[rules.\"wording/bufen\"]\nseverity = \"warning\"\n");
    assert_eq!(
        code(ONLY_WORDING, &["check", "a.txt"]),
        Some(0),
        "infos only"
    );
    assert_eq!(
        code(ONLY_WORDING, &["check", "--strict", "a.txt"]),
        Some(0),
        "--strict counts warnings, not infos"
    );
    assert_eq!(code(&error, &["check", "a.txt"]), Some(1));
    assert_eq!(code(&error, &["check", "--exit-zero", "a.txt"]), Some(0));
    assert_eq!(code(&warning, &["check", "a.txt"]), Some(0));
    assert_eq!(code(&warning, &["check", "--strict", "a.txt"]), Some(1));
    assert_eq!(
        code(&warning, &["check", "--strict", "--exit-zero", "a.txt"]),
        Some(0)
    );
    assert_eq!(
        code(&error, &["check", "--exit-zero", "a.txt", "missing.txt"]),
        Some(2),
        "I/O errors exit 2 even with --exit-zero"
    );
    assert_eq!(
        code("[plugins\n", &["check", "a.txt"]),
        Some(2),
        "configuration error"
    );
    assert_eq!(
        code(ONLY_WORDING, &["check", "--no-such-option", "a.txt"]),
        Some(2),
        "usage error"
    );
    assert_eq!(
        code(ONLY_WORDING, &["check", "--format", "xml", "a.txt"]),
        Some(2),
        "usage error"
    );
    assert_eq!(
        code(ONLY_WORDING, &["check", "--fix", "--diff", "a.txt"]),
        Some(2),
        "conflicting options"
    );
}

#[test]
fn the_progress_bar_shows_only_on_a_terminal_outside_ci() {
    let dir = workspace(ONLY_WORDING, &[]);
    for i in 0..6 {
        write(dir.path(), &format!("d{i}.txt"), DOC.as_bytes());
    }
    let piped = cmd(dir.path())
        .env("BUDGETLINT_PROGRESS_DELAY_MS", "0")
        .args(["check", "."])
        .output()
        .unwrap();
    assert!(
        !stderr(&piped).contains("个文件  已用"),
        "stderr is not a terminal: {}",
        stderr(&piped)
    );

    let on_tty = |ci: bool, extra: &str| {
        let mut c = std::process::Command::new("script");
        c.current_dir(dir.path())
            .env("BUDGETLINT_PROGRESS_DELAY_MS", "0")
            .env_remove("CI");
        if ci {
            c.env("CI", "true");
        }
        let command = format!(
            "{} check --format json {extra} .",
            env!("CARGO_BIN_EXE_budgetlint")
        );
        c.args(["-qec", &command, "/dev/null"]).output()
    };
    let Ok(shown) = on_tty(false, "") else {
        eprintln!("SKIPPED the terminal part: `script` is not available");
        return;
    };
    assert!(
        stdout(&shown).contains("/6 个文件  已用"),
        "a bar on a terminal, in Chinese: {:?}",
        stdout(&shown)
    );
    assert!(
        stdout(&on_tty(false, "--lang en").unwrap()).contains("/6 files"),
        "in English with --lang en"
    );
    assert!(
        !stdout(&on_tty(true, "").unwrap()).contains("个文件  已用"),
        "never in CI"
    );
    assert!(
        !stdout(&on_tty(false, "--no-progress").unwrap()).contains("个文件  已用"),
        "--no-progress"
    );
}

#[test]
fn rules_lists_every_rule_with_plugin_severity_and_summary() {
    let dir = workspace(WORDING_AND_DOCNUM, &[]);
    let out = run(dir.path(), &["rules"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let header = text.lines().next().unwrap();
    assert!(
        header.starts_with("规则")
            && header.contains("插件")
            && header.contains("级别")
            && header.contains("文件")
            && header.ends_with("摘要"),
        "{header}"
    );
    let english = stdout(&run(dir.path(), &["rules", "--lang", "en"]));
    assert!(
        english.starts_with("RULE") && english.lines().next().unwrap().ends_with("SUMMARY"),
        "{english}"
    );
    assert!(
        english.contains("发文字号 year not enclosed in 六角括号 〔〕"),
        "the English summary: {english}"
    );
    let bracket = text
        .lines()
        .find(|l| l.starts_with("docnum/bracket-style "))
        .expect("docnum rules are listed");
    let columns: Vec<&str> = bracket
        .split("  ")
        .filter(|c| !c.trim().is_empty())
        .map(str::trim)
        .collect();
    assert_eq!(
        columns,
        [
            "docnum/bracket-style",
            "docnum",
            "警告",
            "plugins/docnum/src/rules/bracket_style.rs",
            "发文字号的年份未使用六角括号〔〕"
        ]
    );
    assert!(
        text.lines().any(|l| l.starts_with("wording/bufen")
            && l.contains(" wording ")
            && l.contains(" 提示 ")),
        "{text}"
    );
}

#[test]
fn explain_prints_the_full_documentation() {
    let dir = workspace(WORDING_AND_DOCNUM, &[]);
    let out = run(dir.path(), &["explain", "docnum/bracket-style"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.starts_with("docnum/bracket-style\n发文字号的年份未使用六角括号〔〕\n"),
        "{text}"
    );
    assert!(text.contains("插件：docnum ("), "{text}");
    assert!(text.contains("级别：警告 (默认 警告)"), "{text}");
    let english = stdout(&run(
        dir.path(),
        &["--lang", "en", "explain", "doc-number/bracket-style"],
    ));
    assert!(english.contains("plugin:   docnum ("), "{english}");
    assert!(
        english.contains("severity: warning (default warning)"),
        "{english}"
    );
    // The Chinese page by default, the English one with --lang en.
    for section in ["## 检查内容", "## 依据", "## 示例", "## 修改方法"] {
        assert!(text.contains(section), "{section} in {text}");
    }
    assert!(
        text.contains("GB/T 9704-2012《党政机关公文格式》7.2.5"),
        "the regulation behind it: {text}"
    );
    assert!(
        text.trim_end()
            .ends_with("把两个括号换成〔〕（安全修复：其他内容不变）。"),
        "{text}"
    );
    assert!(!text.contains("## What it checks"), "{text}");
    for section in ["## What it checks", "## Why", "## Example", "## Fix"] {
        assert!(english.contains(section), "{section} in {english}");
    }
    assert!(
        english
            .trim_end()
            .ends_with("Replace the two brackets with 〔〕 (safe: nothing else changes)."),
        "{english}"
    );
}

/// A former id (the rule was renamed to lead to its plugin) still explains the rule, and says
/// it was renamed.
#[test]
fn explain_accepts_a_former_id() {
    let dir = workspace(WORDING_AND_DOCNUM, &[]);
    let out = run(dir.path(), &["explain", "doc-number/bracket-style"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("docnum/bracket-style\n"),
        "{}",
        stdout(&out)
    );
    assert!(
        stderr(&out).contains("规则 `doc-number/bracket-style` 已更名为 `docnum/bracket-style`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn init_writes_a_commented_rules_toml_for_a_province() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["init", "--province", "sichuan"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(dir.path().join("rules.toml")).unwrap();
    assert!(text.contains("\nprofile = \"sichuan\"  # 四川\n"), "{text}");
    assert!(
        text.contains("# [rules.\"docnum/bracket-style\"]\n# severity = \"warning\"\n"),
        "{text}"
    );
    assert!(
        text.contains("# [rules.\"wording/bufen\"]\n# severity = \"info\"\n"),
        "{text}"
    );
    let uncommented: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .collect();
    assert_eq!(uncommented, ["profile = \"sichuan\"  # 四川", "[plugins]"]);

    // It is a valid configuration: the profile applies to a document.
    std::fs::write(dir.path().join("a.txt"), DOC).unwrap();
    let report = json(&run(dir.path(), &["check", "--format", "json", "a.txt"]));
    assert_eq!(report["files"][0]["profile"]["province"], "四川");
    assert_eq!(report["files"][0]["profile"]["detected_by"], "config");

    let again = run(dir.path(), &["init"]);
    assert_eq!(
        again.status.code(),
        Some(2),
        "an existing file is not overwritten"
    );
    assert!(stderr(&again).contains("已存在"), "{}", stderr(&again));
    let forced = run(dir.path(), &["init", "--force", "--province", "national"]);
    assert_eq!(forced.status.code(), Some(0));
    assert!(std::fs::read_to_string(dir.path().join("rules.toml"))
        .unwrap()
        .contains("\nprofile = \"national\""));
    let auto = run(dir.path(), &["init", "-o", "auto.toml"]);
    assert_eq!(auto.status.code(), Some(0));
    assert!(std::fs::read_to_string(dir.path().join("auto.toml"))
        .unwrap()
        .contains("\n# profile = \"auto\"\n"));
}

#[test]
fn init_takes_any_province_by_pinyin_or_chinese_name_and_refuses_unknown_ones() {
    let dir = tempfile::tempdir().unwrap();
    for (arg, line) in [
        ("shanghai", "profile = \"shanghai\"  # 上海"),
        ("河北", "profile = \"hebei\"  # 河北"),
        (
            "山东省",
            "profile = \"shandong\"  # 山东：尚未安装该省的规则",
        ),
    ] {
        let out = run(dir.path(), &["init", "--force", "--province", arg]);
        assert_eq!(out.status.code(), Some(0), "{arg}: {}", stderr(&out));
        let text = std::fs::read_to_string(dir.path().join("rules.toml")).unwrap();
        assert!(text.contains(&format!("\n{line}")), "{arg}: {text}");
        std::fs::write(dir.path().join("a.txt"), DOC).unwrap();
        let report = json(&run(dir.path(), &["check", "--format", "json", "a.txt"]));
        assert_eq!(
            report["files"][0]["profile"]["detected_by"], "config",
            "{arg}"
        );
    }
    let out = run(dir.path(), &["init", "--force", "--province", "atlantis"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("错误：--province：不认识的 profile 值 `atlantis`"),
        "{}",
        stderr(&out)
    );
    let en = run(
        dir.path(),
        &["init", "--force", "--province", "atlantis", "--lang", "en"],
    );
    assert!(
        stderr(&en).contains("unknown profile `atlantis`"),
        "{}",
        stderr(&en)
    );
}

#[test]
fn parallel_checks_print_in_input_order() {
    let dir = workspace(ONLY_WORDING, &[]);
    // Documents of very different sizes, so they finish out of order.
    let mut expected = Vec::new();
    for i in 0..24 {
        let name = format!("d{i:02}.txt");
        let repeat = if i % 5 == 0 { 400 } else { 1 };
        // A first line with budget words: walked files that are not disclosures are skipped.
        let text = format!("本部门支出预算。\n{}", DOC.repeat(repeat));
        write(dir.path(), &name, text.as_bytes());
        expected.push(name);
    }
    let mut args = vec!["check", "--format", "json"];
    args.extend(expected.iter().rev().map(String::as_str));
    let report = json(&run(dir.path(), &args));
    let reversed: Vec<String> = expected.iter().rev().cloned().collect();
    assert_eq!(
        paths(&report),
        reversed,
        "the order given on the command line"
    );
    let human = stdout(&run(dir.path(), &["check", "--no-group", "."]));
    let order: Vec<&str> = human
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("┌─ ./"))
        .map(|l| &l[..7])
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted, "directories in name order");
    assert_eq!(
        order.len(),
        5 * 400 * 2 + 19 * 2,
        "every finding of every file"
    );
}

/// A rule split from another (one judgement per id) follows the older rule's rules.toml table
/// and inline disables, so settings written before the split still cover the same findings:
/// `arithmetic/change-mismatch-doubt` was an info of `arithmetic/change-mismatch`.
#[test]
fn a_split_rule_follows_the_settings_of_the_rule_it_was_split_from() {
    const LINE: &str = "社会保障和就业支出（208类）行政事业单位养老支出（05款）行政单位离退休（01项）57.8万元。2025年当年预算执行数为59.11万元，2026年预算安排57.8万元，比2025年预算执行数减少2.21%。\n";
    let doubts = |config: &str, text: &str| {
        let config = format!("[plugins]\nenable = [\"arithmetic\"]\n{config}");
        let dir = workspace(&config, &[("a.txt", text)]);
        let out = run(dir.path(), &["check", "--format", "json", "a.txt"]);
        let report = json(&out);
        report["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["rule"] == "arithmetic/change-mismatch-doubt")
            .map(|d| d["severity"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        doubts("", LINE),
        ["info"],
        "the doubt is reported by default"
    );
    let parent = |severity: &str| {
        format!("[rules.\"arithmetic/change-mismatch\"]\nseverity = \"{severity}\"\n")
    };
    assert!(
        doubts(&parent("off"), LINE).is_empty(),
        "switched off with the rule it was split from"
    );
    assert_eq!(
        doubts(&parent("warning"), LINE),
        ["info"],
        "moved by as many steps as the older rule: error → warning leaves an info an info"
    );
    assert_eq!(
        doubts(
            &format!(
                "{}[rules.\"arithmetic/change-mismatch-doubt\"]\nseverity = \"warning\"\n",
                parent("off")
            ),
            LINE
        ),
        ["warning"],
        "its own table wins"
    );
    let disabled =
        format!("<!-- budgetlint-disable-next-line arithmetic/change-mismatch -->\n{LINE}");
    assert!(
        doubts("", &disabled).is_empty(),
        "an inline disable of the older rule covers it"
    );
}
