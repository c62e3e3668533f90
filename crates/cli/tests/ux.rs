//! What a person reads from `budgetlint`: Chinese by default (help, severities, summary line,
//! messages about files), English with `--lang en` or BUDGETLINT_LANG; repeated findings
//! grouped; `--statistics`, `--select`/`--ignore`, the concise format, `--quiet`, `-o`; which
//! files a walk checks (.gitignore, files that are not disclosures, an empty folder).

mod support;

use support::*;

/// One rule (wording/bufen) five times, and another (wording/abolished-tax-office) once; all
/// infos by default.
const REPEATED: &str = "一、部门预算说明\n配合地税部门完成征缴任务。\n本部门承担部份支出。\n本部门承担部份支出。\n本部门承担部份支出。\n本部门承担部份支出。\n本部门承担部份支出。\n";

#[test]
fn help_is_chinese_by_default_and_english_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let top = stdout(&run(dir.path(), &["--help"]));
    insta::assert_snapshot!("help_zh", top);
    let check = stdout(&run(dir.path(), &["check", "--help"]));
    insta::assert_snapshot!("check_help_zh", check);
    for text in [&top, &check] {
        for english in [
            "Usage:",
            "Options:",
            "Commands:",
            "Print help",
            "Arguments:",
        ] {
            assert!(!text.contains(english), "{english} in\n{text}");
        }
    }
    let en = stdout(&run(dir.path(), &["check", "--help", "--lang", "en"]));
    assert!(
        en.contains("Usage:") && en.contains("Output format"),
        "{en}"
    );
    let en = cmd(dir.path())
        .env("BUDGETLINT_LANG", "en")
        .arg("--help")
        .output()
        .unwrap();
    assert!(stdout(&en).contains("Usage:"), "{}", stdout(&en));
}

#[test]
fn repeated_findings_of_a_rule_are_grouped_after_three() {
    let dir = workspace(ONLY_WORDING, &[("a.txt", REPEATED)]);
    let grouped = stdout(&run(dir.path(), &["check", "a.txt"]));
    assert_eq!(
        grouped.matches("提示[wording/bufen]: ").count(),
        3,
        "{grouped}"
    );
    assert!(
        grouped.contains(
            "提示[wording/bufen]：a.txt 中另有 2 处同类问题，在第 6、7 行（--no-group 全部列出）\n"
        ),
        "{grouped}"
    );
    assert!(
        grouped.contains("提示[wording/abolished-tax-office]: "),
        "other rules are shown: {grouped}"
    );
    insta::assert_snapshot!("grouped_zh", grouped);
    let all = stdout(&run(dir.path(), &["check", "--no-group", "a.txt"]));
    assert_eq!(all.matches("提示[wording/bufen]: ").count(), 5, "{all}");
    let en = stdout(&run(dir.path(), &["check", "--lang", "en", "a.txt"]));
    assert!(
        en.contains(
            "info[wording/bufen]: 2 more in a.txt, on lines 6, 7 (--no-group lists them all)"
        ),
        "{en}"
    );
}

#[test]
fn statistics_count_findings_per_rule() {
    let dir = workspace(ONLY_WORDING, &[("a.txt", REPEATED), ("b.txt", REPEATED)]);
    let out = run(dir.path(), &["check", "--statistics", "a.txt", "b.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    insta::assert_snapshot!("statistics_zh", stdout(&out));
    let out = run(
        dir.path(),
        &["check", "--statistics", "--format", "json", "a.txt"],
    );
    assert_eq!(out.status.code(), Some(2), "statistics are for people");
}

#[test]
fn select_and_ignore_take_rule_ids_and_prefixes() {
    let dir = workspace(ONLY_WORDING, &[("a.txt", REPEATED)]);
    let rules = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["check", "--format", "json", "a.txt"];
        all.extend(args);
        let out = run(dir.path(), &all);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let mut rules: Vec<String> = json(&out)["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["rule"].as_str().unwrap().to_string())
            .collect();
        rules.dedup();
        rules
    };
    assert_eq!(
        rules(&[]),
        ["wording/abolished-tax-office", "wording/bufen"]
    );
    assert_eq!(rules(&["--select", "wording/bufen"]), ["wording/bufen"]);
    assert_eq!(
        rules(&["--select", "wording", "--ignore", "wording/bufen"]),
        ["wording/abolished-tax-office"]
    );
    assert_eq!(
        rules(&["--ignore", "wording/"]),
        Vec::<String>::new(),
        "a prefix ending in /"
    );
    let out = run(dir.path(), &["check", "--select", "wording/bufn", "a.txt"]);
    assert_eq!(out.status.code(), Some(2), "a typo is not a silent pass");
    assert!(
        stderr(&out).contains("没有已加载的规则匹配：--select wording/bufn"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn concise_quiet_and_output_file() {
    let dir = workspace(ONLY_WORDING, &[("a.txt", REPEATED)]);
    let out = run(dir.path(), &["check", "--format", "concise", "a.txt"]);
    insta::assert_snapshot!("concise_zh", stdout(&out));
    let quiet = run(dir.path(), &["check", "--format", "concise", "-q", "a.txt"]);
    assert!(!stdout(&quiet).contains("已检查"), "{}", stdout(&quiet));
    assert_eq!(stdout(&quiet).lines().count(), 6);
    let out = run(dir.path(), &["check", "-o", "out.txt", "a.txt"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "", "everything went to the file");
    let written = std::fs::read_to_string(dir.path().join("out.txt")).unwrap();
    assert!(
        written.ends_with("已检查 1 个文件：0 个错误，0 个警告，6 个提示。\n"),
        "{written}"
    );
    assert!(!written.contains('\u{1b}'), "no colour in a file");
}

#[test]
fn exit_code_1_says_why() {
    let dir = workspace(
        "[plugins]\nenable = [\"wording\"]\n[rules.\"wording/bufen\"]\nseverity = \"error\"\n",
        &[("a.txt", REPEATED)],
    );
    let out = run(dir.path(), &["check", "a.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("发现错误，退出码为 1（--exit-zero 使退出码为 0）"),
        "{}",
        stderr(&out)
    );
    let quiet = run(dir.path(), &["check", "--quiet", "a.txt"]);
    assert_eq!(stderr(&quiet), "");
}

#[test]
fn a_walk_honours_gitignore_and_skips_files_that_are_not_disclosures() {
    let dir = workspace(
        ONLY_WORDING,
        &[
            ("reports/a.txt", REPEATED),
            (
                "reports/README.md",
                "# Reports\n\nThis folder holds the reports. 部份 is a typo they make.\n",
            ),
            ("node_modules/pkg/b.txt", REPEATED),
            ("build/c.txt", REPEATED),
        ],
    );
    std::fs::write(dir.path().join(".gitignore"), "node_modules/\n/build\n").unwrap();
    let out = run(dir.path(), &["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = json(&out);
    let files = report["files"].as_array().unwrap();
    let paths: Vec<&str> = files.iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["./reports/README.md", "./reports/a.txt"]);
    let readme = &files[0];
    assert_eq!(
        readme["diagnostics"].as_array().unwrap().len(),
        0,
        "{readme}"
    );
    assert!(
        readme["notes"][0]
            .as_str()
            .unwrap()
            .starts_with("看起来不是预算/决算公开文件（不是中文文本），已跳过"),
        "{readme}"
    );
    // Named on the command line, it is checked.
    let named = json(&run(
        dir.path(),
        &["check", "--format", "json", "reports/README.md"],
    ));
    assert_eq!(named["files"][0]["diagnostics"][0]["rule"], "wording/bufen");
}

#[test]
fn a_folder_with_nothing_to_check_is_not_a_pass() {
    let dir = workspace(ONLY_WORDING, &[("data/table.csv", "a,b\n")]);
    let out = run(dir.path(), &["check", "data"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("警告：data 中没有要检查的文件"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_unquoted_rule_table_says_how_to_quote_it() {
    let dir = workspace(
        "[rules.wording/bufen]\nseverity = \"off\"\n",
        &[("a.txt", REPEATED)],
    );
    let out = run(dir.path(), &["check", "a.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("[rules.\"wording/bufen\"]"),
        "{}",
        stderr(&out)
    );
}

/// Why a file could not be checked is said in Chinese by default (a missing file, binary data)
/// and in English with `--lang en`.
#[test]
fn file_errors_are_chinese_by_default() {
    let dir = workspace(ONLY_WORDING, &[]);
    std::fs::write(dir.path().join("blob.txt"), b"\x00\x01\x02binary\x00").unwrap();
    let out = run(dir.path(), &["check", "blob.txt", "missing.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out) + &stderr(&out);
    for expected in [
        "错误：无法检查",
        "不是文本文件",
        "missing.txt: 文件或目录不存在",
    ] {
        assert!(text.contains(expected), "{expected} in\n{text}");
    }
    assert!(!text.contains("not a text file"), "{text}");
    let out = run(
        dir.path(),
        &["check", "blob.txt", "missing.txt", "--lang", "en"],
    );
    let text = stdout(&out) + &stderr(&out);
    assert!(
        text.contains("not a text file") && text.contains("no such file or directory"),
        "{text}"
    );
}

/// What loading rules.toml says — a TOML error, an unknown rule, an unknown option, a missing
/// plugin folder, plugins withheld by the trust policy — is Chinese by default and English with
/// `--lang en`; paths are shown as written, Chinese characters and spaces included.
#[test]
fn configuration_messages_are_chinese_by_default() {
    let config = "[plugins]\ndirs = [\"插件 目录\"]\npaths = [\"工具/libx.so\"]\n\n\
                  [rules.\"wording/buffen\"]\nseverity = \"warning\"\n\n\
                  [rules.\"wording/bufen\"]\nneedle = 1\n";
    let dir = workspace(config, &[("报告 一.txt", REPEATED)]);
    let out = run(dir.path(), &["check", "报告 一.txt"]);
    let err = stderr(&out);
    for expected in [
        "budgetlint: 警告：",
        "rules.toml:5：已加载的插件和规则包中没有规则 `wording/buffen`；其设置被忽略",
        "规则 `wording/bufen` 没有选项 `needle`（它没有选项）；已忽略",
        "`plugins.dirs` 中的插件目录 ",
        "插件 目录 不存在",
        "未加载 ",
        "指定的插件库：插件是程序代码",
        "工具/libx.so",
    ] {
        assert!(err.contains(expected), "{expected} in\n{err}");
    }
    assert!(
        !err.contains("warning:") && !err.contains("were not loaded"),
        "{err}"
    );
    let en = stderr(&run(dir.path(), &["check", "报告 一.txt", "--lang", "en"]));
    for expected in [
        "budgetlint: warning: ",
        "rules.toml:5: no loaded plugin or pack provides rule `wording/buffen`; its settings are ignored",
        "rule `wording/bufen` has no option `needle` (it has none); ignored",
        "插件 目录 named in `plugins.dirs` does not exist",
        "were not loaded",
    ] {
        assert!(en.contains(expected), "{expected} in\n{en}");
    }

    // A TOML mistake stops the run, in Chinese with its place.
    let dir = workspace(
        "[rules.\"wording/bufen\"]\nseverity = \"loud\"\n",
        &[("a.txt", REPEATED)],
    );
    let out = run(dir.path(), &["check", "a.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("错误：")
            && err.contains(
                "rules.toml:2:12: 不认识的值 `loud`（可用：`error`, `warning`, `info`, `off`）"
            ),
        "{err}"
    );
    let en = stderr(&run(dir.path(), &["check", "a.txt", "--lang", "en"]));
    assert!(
        en.contains("rules.toml:2:12: unknown variant `loud`"),
        "{en}"
    );
}

/// `explain` shows a rule's Chinese documentation page by default (检查内容 / 依据 / 示例 /
/// 修改方法, no English section) and its English page with `--lang en`.
#[test]
fn explain_shows_the_chinese_page_by_default_and_the_english_one_on_request() {
    let dir = workspace(ONLY_WORDING, &[]);
    let zh = stdout(&run(dir.path(), &["explain", "wording/bufen"]));
    for section in [
        "## 检查内容",
        "## 依据",
        "## 示例",
        "## 修改方法",
        "级别：提示",
    ] {
        assert!(zh.contains(section), "{section} in\n{zh}");
    }
    assert!(!zh.contains("What it checks"), "{zh}");
    let en = stdout(&run(
        dir.path(),
        &["explain", "wording/bufen", "--lang", "en"],
    ));
    assert!(en.contains("## What it checks"), "{en}");
    assert!(!en.contains("检查内容"), "{en}");
}

/// The Chinese help as a reviewer sees it in a terminal, drawn by Chromium and kept as
/// target/artifacts/cli-help-zh.png (with the grouped output and the statistics).
#[test]
fn screenshots_of_the_chinese_cli() {
    let dir = workspace(ONLY_WORDING, &[("a.txt", REPEATED)]);
    let Some(chromium) = chromium() else { return };
    let commands: [&[&str]; 3] = [
        &["check", "--help"],
        &["check", "a.txt"],
        &["check", "--statistics", "a.txt"],
    ];
    screenshot(&chromium, dir.path(), &commands, "cli-help-zh.png", 3200);
}

/// A rule's Chinese documentation page as `budgetlint explain` prints it, kept as
/// target/artifacts/cli-explain-zh.png.
#[test]
fn screenshot_of_a_chinese_explain_page() {
    let dir = workspace("", &[]);
    let Some(chromium) = chromium() else { return };
    let commands: [&[&str]; 2] = [
        &["explain", "arithmetic/percent-mismatch"],
        &["explain", "wording/missing-nian"],
    ];
    screenshot(&chromium, dir.path(), &commands, "cli-explain-zh.png", 1400);
}

/// Runs each command line in `dir`, sets what it printed as a terminal page and has Chromium
/// draw it into target/artifacts/`name`.
fn screenshot(
    chromium: &std::path::Path,
    dir: &std::path::Path,
    commands: &[&[&str]],
    name: &str,
    height: u32,
) {
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut page = String::from(
        "<!DOCTYPE html><meta charset=\"utf-8\"><body style=\"background:#1e1e1e;color:#ddd;margin:0\">\
         <pre style=\"font:14px 'Noto Sans Mono CJK SC','WenQuanYi Micro Hei Mono',monospace;padding:12px;white-space:pre-wrap\">",
    );
    for args in commands {
        let out = run(dir, args);
        page.push_str(&escape(&format!("$ budgetlint {}\n", args.join(" "))));
        page.push_str(&escape(&(stdout(&out) + &stderr(&out))));
        page.push('\n');
    }
    page.push_str("</pre>");
    let html = dir.join(name.replace(".png", ".html"));
    std::fs::write(&html, page).unwrap();
    let artifacts = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    let png = artifacts.join(name);
    let _ = std::fs::remove_file(&png);
    let profile = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
        ])
        .arg(format!("--window-size=1100,{height}"))
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap();
    let bytes = std::fs::read(&png).unwrap_or_else(|e| {
        panic!(
            "no screenshot ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
    assert!(bytes.len() > 30_000, "a page of text is not a small PNG");
    eprintln!("screenshot: {}", png.display());
}
