//! `budgetlint` end to end, on copies of the seeds and small documents in temporary directories.
//! Configurations enable only the built-in `wording` pack where exact findings or exit codes
//! are asserted, so the results do not depend on which plugins happen to be built.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const ONLY_WORDING: &str = "[plugins]\nenable = [\"wording\"]\n";
const DOC: &str = "一、部门职责\n配合地税部门完成征缴任务。\n由各单位承担分摊部份。\n";

fn budgetlint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_budgetlint"))
        .current_dir(dir)
        .env_remove("BUDGETLINT_LANG")
        .args(args)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn workspace(config: &str, docs: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("rules.toml"), config).unwrap();
    for (name, text) in docs {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn seed(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seeds");
    std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains(name))
        .unwrap()
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

#[test]
fn json_output_follows_schema_version_1_on_a_seed() {
    let text = std::fs::read_to_string(seed("003_")).unwrap();
    let dir = workspace(ONLY_WORDING, &[("003.txt", &text)]);
    let out = budgetlint(dir.path(), &["check", "--format", "json", "003.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = json(&out);
    assert_eq!(report["version"], 1);
    let file = &report["files"][0];
    assert_eq!(file["path"], "003.txt");
    assert_eq!(file["encoding"], "utf-8");
    assert!(file["profile"]["detected_by"].is_string());
    let bufen = file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "wording/bufen")
        .expect("部份 is reported");
    let mut keys: Vec<&str> = bufen
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "column",
            "end_column",
            "end_line",
            "fix",
            "line",
            "line_text",
            "message",
            "related",
            "rule",
            "severity"
        ]
    );
    assert!(stdout(&out).contains(r#"{"rule":"wording/bufen","severity":"info","message":"“部份”应写作“部分”","line":60,"column":103,"#));
    assert_eq!(
        (
            bufen["line"].as_u64(),
            bufen["column"].as_u64(),
            bufen["end_column"].as_u64()
        ),
        (Some(60), Some(103), Some(105))
    );
    assert_eq!(bufen["severity"], "info");
    assert!(
        bufen["line_text"]
            .as_str()
            .is_some_and(|t| t.contains("部份")),
        "{bufen}"
    );
    assert!(
        bufen.get("page").is_none(),
        "a text without form feeds names no page"
    );
    assert_eq!(bufen["fix"]["applicability"], "safe");
    assert_eq!(bufen["fix"]["edits"][0]["replacement"], "部分");
    let summary = &report["summary"];
    assert_eq!(summary["files"], 1);
    assert_eq!(
        summary["infos"].as_u64(),
        Some(file["diagnostics"].as_array().unwrap().len() as u64)
    );
}

#[test]
fn human_output_has_code_frames_and_a_summary_line() {
    let dir = workspace(ONLY_WORDING, &[("a.txt", DOC)]);
    let out = budgetlint(dir.path(), &["check", "a.txt"]);
    let text = stdout(&out);
    assert!(
        text.contains("提示[wording/bufen]: “部份”应写作“部分”"),
        "{text}"
    );
    assert!(text.contains("┌─ a.txt:3:9"), "{text}");
    assert!(text.contains("= 修复: 改为“部分”"), "{text}");
    assert!(
        text.ends_with("已检查 1 个文件：0 个错误，0 个警告，2 个提示。\n"),
        "{text}"
    );
    let english = stdout(&budgetlint(dir.path(), &["check", "--lang", "en", "a.txt"]));
    assert!(english.contains("info[wording/bufen]: "), "{english}");
    assert!(english.contains("= fix: "), "{english}");
    assert!(
        english.ends_with("Checked 1 file: 0 errors, 0 warnings, 2 info.\n"),
        "{english}"
    );
}

#[test]
fn exit_codes_follow_severity_strict_and_exit_zero() {
    let error = format!("{ONLY_WORDING}[rules.\"wording/bufen\"]\nseverity = \"error\"\n");
    let dir = workspace(&error, &[("a.txt", DOC)]);
    assert_eq!(
        budgetlint(dir.path(), &["check", "a.txt"]).status.code(),
        Some(1)
    );
    assert_eq!(
        budgetlint(dir.path(), &["check", "--exit-zero", "a.txt"])
            .status
            .code(),
        Some(0)
    );

    let warning = format!("{ONLY_WORDING}[rules.\"wording/bufen\"]\nseverity = \"warning\"\n");
    let dir = workspace(&warning, &[("a.txt", DOC)]);
    assert_eq!(
        budgetlint(dir.path(), &["check", "a.txt"]).status.code(),
        Some(0)
    );
    assert_eq!(
        budgetlint(dir.path(), &["check", "--strict", "a.txt"])
            .status
            .code(),
        Some(1)
    );

    let off = format!("{ONLY_WORDING}[rules.\"wording/bufen\"]\nseverity = \"off\"\n");
    let dir = workspace(&off, &[("a.txt", DOC)]);
    let out = budgetlint(
        dir.path(),
        &["check", "--format", "json", "--strict", "a.txt"],
    );
    assert!(!stdout(&out).contains("wording/bufen"));
}

#[test]
fn unreadable_and_binary_files_are_file_errors_with_exit_2() {
    let dir = workspace(ONLY_WORDING, &[("a.txt", DOC)]);
    std::fs::write(
        dir.path().join("blob.txt"),
        b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00",
    )
    .unwrap();
    let out = budgetlint(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "blob.txt",
            "missing.txt",
            "a.txt",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let report = json(&out);
    let files = report["files"].as_array().unwrap();
    assert!(
        files[0]["error"]
            .as_str()
            .unwrap()
            .starts_with("not a text file"),
        "{}",
        files[0]
    );
    assert!(
        files[1]["error"].as_str().unwrap().contains("no such file"),
        "{}",
        files[1]
    );
    assert_eq!(
        files[2]["diagnostics"].as_array().unwrap().len(),
        2,
        "the good file is still checked"
    );
    assert_eq!(report["summary"]["file_errors"], 2);
}

#[test]
fn directories_are_walked_for_txt_and_md_in_a_stable_order() {
    let dir = workspace(
        ONLY_WORDING,
        &[
            ("b/2.md", DOC),
            ("b/1.txt", DOC),
            ("a.txt", DOC),
            ("b/skip.json", DOC),
            (".hidden/x.txt", DOC),
        ],
    );
    let out = budgetlint(dir.path(), &["check", "--format", "json", "."]);
    let paths: Vec<String> = json(&out)["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths, ["./a.txt", "./b/1.txt", "./b/2.md"]);
}

#[test]
fn a_config_syntax_error_names_file_line_and_column() {
    let dir = workspace("[plugins]\nenable = [\"wording\"\n", &[("a.txt", DOC)]);
    let out = budgetlint(dir.path(), &["check", "a.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("rules.toml:2:") || err.contains("rules.toml:3:"),
        "{err}"
    );

    let dir = workspace(
        "[rules.\"wording/bufen\"]\nseverity = \"loud\"\n",
        &[("a.txt", DOC)],
    );
    let err = stderr(&budgetlint(dir.path(), &["check", "a.txt"]));
    assert!(err.contains("rules.toml:2:12: 不认识的值 `loud`"), "{err}");
    let err = stderr(&budgetlint(dir.path(), &["check", "a.txt", "--lang", "en"]));
    assert!(
        err.contains("rules.toml:2:12: unknown variant `loud`"),
        "{err}"
    );
}

#[test]
fn the_nearest_rules_toml_wins_and_extends_works() {
    let dir = workspace(
        &format!("{ONLY_WORDING}[rules.\"wording/bufen\"]\nseverity = \"error\"\n"),
        &[("top.txt", DOC), ("sub/doc.txt", DOC)],
    );
    std::fs::write(
        dir.path().join("sub/rules.toml"),
        "extends = \"../rules.toml\"\n[rules.\"wording/bufen\"]\nseverity = \"off\"\n",
    )
    .unwrap();
    let report = json(&budgetlint(
        dir.path(),
        &["check", "--format", "json", "top.txt", "sub/doc.txt"],
    ));
    let rules = |i: usize| -> Vec<String> {
        report["files"][i]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["rule"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(rules(0).contains(&"wording/bufen".to_string()));
    assert_eq!(
        rules(1),
        ["wording/abolished-tax-office"],
        "sub/rules.toml switches bufen off and inherits `enable`"
    );
    let forced = json(&budgetlint(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--config",
            "rules.toml",
            "sub/doc.txt",
        ],
    ));
    assert_eq!(
        forced["files"][0]["diagnostics"].as_array().unwrap().len(),
        2,
        "--config overrides the nearest file"
    );
}

#[test]
fn a_baseline_keeps_suppressing_after_lines_are_inserted_above() {
    let dir = workspace(ONLY_WORDING, &[("a.txt", DOC)]);
    let out = budgetlint(dir.path(), &["baseline", "a.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(dir.path().join(".budgetlint-baseline.json").is_file());
    assert!(
        stderr(&out).contains("budgetlint: 已把 2 个问题写入基线 "),
        "{}",
        stderr(&out)
    );
    std::fs::write(
        dir.path().join("a.txt"),
        format!("新的标题\n\n新增一段说明。\n{DOC}新增：配合地税部门。\n"),
    )
    .unwrap();
    let report = json(&budgetlint(
        dir.path(),
        &["check", "--format", "json", "a.txt"],
    ));
    let diags = report["files"][0]["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(diags[0]["line"], 7, "only the new finding is reported");
    assert_eq!(report["summary"]["suppressed"], 2);
}

/// A baseline of another version stops the run with a reason in Chinese (English with
/// `--lang en`), never a silent check without it.
#[test]
fn a_baseline_of_another_version_is_refused_in_the_run_language() {
    let dir = workspace(ONLY_WORDING, &[("a.txt", DOC)]);
    std::fs::write(
        dir.path().join(".budgetlint-baseline.json"),
        "{\"version\": 99, \"findings\": []}\n",
    )
    .unwrap();
    let out = budgetlint(dir.path(), &["check", "a.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("基线文件的版本 99 不是本程序使用的 "),
        "{}",
        stderr(&out)
    );
    let out = budgetlint(dir.path(), &["check", "a.txt", "--lang", "en"]);
    assert!(
        stderr(&out).contains("baseline version 99 is not "),
        "{}",
        stderr(&out)
    );
}

/// The baseline lives next to rules.toml, where the language server's "accept" writes it: a
/// finding accepted there stays accepted when CI runs from another directory (it used to be
/// looked for in the current directory only).
#[test]
fn the_baseline_next_to_rules_toml_applies_from_any_directory() {
    let dir = workspace(ONLY_WORDING, &[("reports/a.txt", DOC)]);
    // Named, not walked: a walk skips files that do not look like a disclosure, as DOC does not.
    let out = budgetlint(dir.path(), &["baseline", "reports/a.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(dir.path().join(".budgetlint-baseline.json").is_file());
    let elsewhere = tempfile::tempdir().unwrap();
    let doc = dir.path().join("reports/a.txt");
    let report = json(&budgetlint(
        elsewhere.path(),
        &["check", "--format", "json", doc.to_str().unwrap()],
    ));
    let diags = report["files"][0]["diagnostics"].as_array().unwrap();
    assert!(diags.is_empty(), "{diags:#?}");
    assert_eq!(report["summary"]["suppressed"], 2);
    let from_sub = json(&budgetlint(
        &dir.path().join("reports"),
        &["check", "--format", "json", "a.txt"],
    ));
    assert_eq!(from_sub["summary"]["suppressed"], 2);
    assert!(
        !dir.path()
            .join("reports/.budgetlint-baseline.json")
            .exists(),
        "no second baseline"
    );
}

#[test]
fn rules_and_explain_show_metadata() {
    let dir = workspace("[rules.\"wording/qita\"]\nseverity = \"off\"\n", &[]);
    let out = budgetlint(dir.path(), &["rules"]);
    let text = stdout(&out);
    assert!(
        text.lines()
            .any(|l| l.starts_with("wording/bufen") && l.contains("提示")),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("wording/qita") && l.contains(" 关闭 ")),
        "{text}"
    );
    let out = budgetlint(dir.path(), &["explain", "wording/abolished-tax-office"]);
    assert!(
        stdout(&out).contains("国税地税征管体制改革"),
        "{}",
        stdout(&out)
    );
    let out = budgetlint(dir.path(), &["explain", "nope/nothing"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("nope/nothing"));
}

#[test]
fn test_rules_runs_pack_examples() {
    let dir = workspace("", &[]);
    let out = budgetlint(dir.path(), &["test-rules"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("通过  wording/bufen"),
        "{}",
        stdout(&out)
    );

    let pack = "[pack]\nname = \"mine\"\n\n[[rule]]\nid = \"mine/x\"\nkind = \"phrase\"\nseverity = \"warning\"\nsummary = \"s\"\n\
                message = \"m\"\nphrases = [\"甲\"]\nshould_fire = [\"乙\"]\nshould_pass = [\"丙\"]\n";
    std::fs::write(dir.path().join("mine.toml"), pack).unwrap();
    let out = budgetlint(dir.path(), &["test-rules", "mine.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("失败  mine/x")
            && stdout(&out).contains("“乙”：应当报告，却没有报告"),
        "{}",
        stdout(&out)
    );
    let out = budgetlint(dir.path(), &["test-rules", "mine.toml", "--lang", "en"]);
    assert!(
        stdout(&out).contains("FAIL  mine/x")
            && stdout(&out).contains("“乙”: should fire but did not"),
        "{}",
        stdout(&out)
    );

    std::fs::write(
        dir.path().join("rules.toml"),
        "[plugins]\npacks = [\"mine.toml\"]\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("doc.txt"), "甲方\n").unwrap();
    let report = json(&budgetlint(
        dir.path(),
        &["check", "--format", "json", "doc.txt"],
    ));
    assert_eq!(
        report["files"][0]["diagnostics"][0]["rule"], "mine/x",
        "packs named in rules.toml are loaded"
    );
}

#[test]
fn dump_model_prints_the_document() {
    let out = budgetlint(
        Path::new("."),
        &["dump-model", seed("002_").to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0));
    let doc = json(&out);
    assert!(doc["text"].as_str().unwrap().len() > 10_000);
    let out = budgetlint(Path::new("."), &["dump-model", "/nonexistent/x.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("/nonexistent/x.txt"));
}

/// A text that pdftotext wrote (pages, running headers, wrapped lines) is rebuilt before the
/// rules read it, but its findings keep the file's own line and column, and carry the page.
#[test]
fn findings_in_a_layout_text_keep_the_files_lines_and_name_the_page() {
    let text = concat!(
        "                 某某局2021年部门预算\n",
        "    一、部门主要职责\n",
        "    本部门负责全县财政工作，按照有关规定编制预算，具体职责详见三定方案的有关内容，\n",
        "并接受社会监督。\n",
        "                              - 1 -\n",
        "\x0c                 某某局2021年部门预算\n",
        "    二、其他说明\n",
        "    本年度部份支出按照规定的程序和要求编制并公开，有关情况说明如下，请予审阅，\n",
        "如有疑问请联系本部门。\n",
        "                              - 2 -\n",
        "\x0c",
    );
    let dir = workspace(ONLY_WORDING, &[("layout.txt", text)]);
    let out = budgetlint(dir.path(), &["check", "--format", "json", "layout.txt"]);
    let report = json(&out);
    let bufen = report["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "wording/bufen")
        .unwrap_or_else(|| panic!("部份 is reported: {report}"))
        .clone();
    assert_eq!(bufen["line"], 8, "{bufen}");
    assert_eq!(bufen["column"], 8, "{bufen}");
    assert_eq!(
        bufen["fix"]["edits"][0]["column"], 8,
        "the fix is mapped too: {bufen}"
    );
    assert_eq!(bufen["page"], 2, "{bufen}");
    assert!(
        bufen["line_text"]
            .as_str()
            .unwrap()
            .contains("本年度部份支出"),
        "{bufen}"
    );
}

/// A UTF-8 seed with one damaged byte is read as UTF-8, and the note naming the replaced bytes
/// and the first one's offset reaches the user in both output formats.
#[test]
fn replaced_bytes_are_reported_with_their_offset() {
    let mut bytes = std::fs::read(seed("003_")).unwrap();
    let at = bytes.iter().position(|&b| b >= 0x80).unwrap();
    // The lead byte of a three-byte character: it and its two continuation bytes are replaced.
    bytes[at] = 0xFF;
    let dir = workspace(ONLY_WORDING, &[]);
    std::fs::write(dir.path().join("damaged.txt"), &bytes).unwrap();
    let note =
        format!("3 bytes are not valid UTF-8 (first at byte {at}); they were replaced by U+FFFD");
    let note_zh = format!("有 3 个字节不是有效的 UTF-8（第一个在第 {at} 字节）；已替换为 U+FFFD");
    let out = budgetlint(
        dir.path(),
        &["check", "--format", "json", "--lang", "en", "damaged.txt"],
    );
    let file = &json(&out)["files"][0];
    assert_eq!(file["encoding"], "utf-8");
    assert_eq!(file["notes"], serde_json::json!([note]));
    // The notes follow the language, like the findings' messages.
    let out = budgetlint(dir.path(), &["check", "--format", "json", "damaged.txt"]);
    assert_eq!(
        json(&out)["files"][0]["notes"],
        serde_json::json!([note_zh])
    );
    let out = budgetlint(dir.path(), &["check", "damaged.txt"]);
    let shown = stdout(&out) + &stderr(&out);
    assert!(
        shown.contains(&format!("注意: damaged.txt: {note_zh}")),
        "{shown}"
    );
}
