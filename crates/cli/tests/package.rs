//! `check --package`: a disclosure published as two files — its 说明 as text and its 公开表 as
//! a spreadsheet, made from a seed split before its 附件 by scripts/format_fixtures.py — is
//! checked as one: each finding is in the file it is in, and a finding of the text that the
//! tables contradict names the spreadsheet's cell. Split into two text files, the package has
//! exactly the findings of the whole seed. All built-in
//! plugins run (an empty rules.toml).

mod support;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use support::*;

/// The seed split into `说明.txt` (up to its last line starting with 附件) and `公开表.xlsx`
/// (the rest), in a fresh workspace; `None`, said on stderr, when python3 cannot write the
/// spreadsheet.
fn split_seed(dir: &Path) -> Option<PathBuf> {
    let seed = seeds().into_iter().find(|s| {
        s.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("004"))
    })?;
    let text = std::fs::read_to_string(&seed).unwrap();
    let at = text
        .match_indices("\n附件")
        .last()
        .map(|(i, _)| i + 1)
        .expect("the seed has an 附件 line");
    let package = dir.join("package");
    std::fs::create_dir_all(&package).unwrap();
    std::fs::write(package.join("说明.txt"), &text[..at]).unwrap();
    let tables = dir.join("tables.txt");
    std::fs::write(&tables, &text[at..]).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/format_fixtures.py");
    let made = Command::new("python3")
        .arg(script)
        .arg("xlsx")
        .arg(&tables)
        .arg(package.join("公开表.xlsx"))
        .status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: python3 could not write the spreadsheet (install python3)");
        return None;
    }
    Some(seed)
}

/// The rule ids of a JSON report, sorted, over all its files.
fn all_rules(report: &Value) -> Vec<String> {
    let mut rules: Vec<String> = rules_per_file(report).into_iter().flatten().collect();
    rules.sort();
    rules
}

fn file_named<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with(name))
        .unwrap_or_else(|| panic!("no file {name} in {report}"))
}

#[test]
fn a_split_disclosure_gives_the_findings_of_the_whole_each_in_its_file() {
    let dir = workspace("", &[]);
    let Some(seed) = split_seed(dir.path()) else {
        return;
    };
    let whole = json(&run(
        dir.path(),
        &["check", "--format", "json", seed.to_str().unwrap()],
    ));
    // The same split as two text files: exactly the findings of the whole.
    let text_pair = dir.path().join("text-pair");
    std::fs::create_dir_all(&text_pair).unwrap();
    std::fs::copy(dir.path().join("package/说明.txt"), text_pair.join("a.txt")).unwrap();
    std::fs::copy(dir.path().join("tables.txt"), text_pair.join("b.txt")).unwrap();
    let pair = json(&run(
        dir.path(),
        &["check", "--package", "--format", "json", "text-pair"],
    ));
    assert_eq!(all_rules(&pair), all_rules(&whole));

    let package = json(&run(
        dir.path(),
        &["check", "--package", "--format", "json", "package"],
    ));
    assert_eq!(package["files"].as_array().unwrap().len(), 2, "{package}");

    // Findings of the text that the spreadsheet's figures contradict: in 说明.txt, with the
    // cells of 公开表.xlsx as related places.
    let text = file_named(&package, "说明.txt");
    let cross: Vec<&Value> = text["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| {
            d["related"].as_array().unwrap().iter().any(|r| {
                r["path"].as_str().unwrap().ends_with("公开表.xlsx") && r["cell"].is_string()
            })
        })
        .collect();
    assert!(!cross.is_empty(), "no cross-file finding: {text}");
    for d in &cross {
        let line = d["line"].as_u64().unwrap() as usize;
        let own = std::fs::read_to_string(dir.path().join("package/说明.txt")).unwrap();
        assert_eq!(
            d["line_text"].as_str().unwrap(),
            own.lines().nth(line - 1).unwrap(),
            "the line is the text file's own"
        );
    }
    let sheet = file_named(&package, "公开表.xlsx");
    assert!(
        sheet["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["cell"].is_string()),
        "every finding in the spreadsheet names its cell: {sheet}"
    );
}

#[test]
fn human_and_sarif_name_the_place_in_the_other_file() {
    let dir = workspace("", &[]);
    if split_seed(dir.path()).is_none() {
        return;
    }
    let human = stdout(&run(dir.path(), &["check", "--package", "package"]));
    assert!(
        human
            .lines()
            .any(|l| l.contains("= 另见 package/公开表.xlsx:") && l.contains("（单元格 表")),
        "{human}"
    );
    let sarif = json(&run(
        dir.path(),
        &["check", "--package", "--format", "sarif", "package"],
    ));
    let uris: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .is_some_and(|u| u.ends_with(".txt"))
        })
        .flat_map(|r| {
            r["relatedLocations"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .filter_map(|l| {
            l["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .map(str::to_string)
        })
        .map(|u| {
            if u.ends_with(".xlsx") {
                "xlsx"
            } else {
                "other"
            }
        })
        .collect();
    assert!(uris.contains(&"xlsx"), "{sarif}");
}

#[test]
fn files_named_together_are_one_package_in_any_order() {
    let dir = workspace("", &[]);
    if split_seed(dir.path()).is_none() {
        return;
    }
    let by_dir = json(&run(
        dir.path(),
        &["check", "--package", "--format", "json", "package"],
    ));
    // Named with the spreadsheet first: the text is still read first (prose before tables).
    let named = json(&run(
        dir.path(),
        &[
            "check",
            "--package",
            "--format",
            "json",
            "package/公开表.xlsx",
            "package/说明.txt",
        ],
    ));
    assert_eq!(all_rules(&named), all_rules(&by_dir));
    assert!(named["files"][0]["path"]
        .as_str()
        .unwrap()
        .ends_with("公开表.xlsx"));
}

/// `--fix` on a package of a 说明 in text (UTF-16LE with a BOM, CRLF) and a 公开表 in a
/// spreadsheet: the text file's fixes are written in its own encoding and line endings, the
/// spreadsheet is left as it is and the note says why; `--diff` shows the text file's change
/// and writes nothing.
#[test]
fn fix_writes_the_text_files_of_a_package_and_refuses_the_others() {
    let explanation = "一、部门职责\r\n由各单位承担分摊部份。\r\n";
    let utf16 = |text: &str| -> Vec<u8> {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    };
    let dir = workspace(ONLY_WORDING, &[]);
    write(dir.path(), "p/说明.txt", &utf16(explanation));
    let sheet = xlsx("表1", &[&["二、说明"], &["项目", "部份经费"]]);
    write(dir.path(), "p/公开表.xlsx", &sheet);

    let diff = run(dir.path(), &["check", "--package", "--diff", "p"]);
    assert_eq!(diff.status.code(), Some(1), "{}", stderr(&diff));
    assert!(
        stdout(&diff).contains("-由各单位承担分摊部份。")
            && stdout(&diff).contains("+由各单位承担分摊部分。"),
        "{}",
        stdout(&diff)
    );
    assert_eq!(
        std::fs::read(dir.path().join("p/说明.txt")).unwrap(),
        utf16(explanation),
        "--diff writes nothing"
    );

    let out = run(
        dir.path(),
        &["check", "--package", "--fix", "--format", "json", "p"],
    );
    let err = stderr(&out);
    assert!(
        err.contains("已修复 p/说明.txt 中的 1 个问题（wording/bufen）"),
        "{err}"
    );
    assert!(
        err.contains("p/公开表.xlsx：1 个问题有修复，但修复只写入文本文件，而这是 XLSX 文件"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(dir.path().join("p/说明.txt")).unwrap(),
        utf16(&explanation.replace("部份", "部分")),
        "written in its own encoding and line endings"
    );
    assert_eq!(
        std::fs::read(dir.path().join("p/公开表.xlsx")).unwrap(),
        sheet
    );
    let report = json(&out);
    assert_eq!(report["summary"]["fixed"], 1, "{report}");
    assert_eq!(
        rules_per_file(&report),
        vec![vec!["wording/bufen".to_string()], Vec::<String>::new()],
        "what remains: the spreadsheet's finding (公开表.xlsx comes first by name)"
    );
}

/// A text file of a package that cannot be written keeps its bytes and its findings, with the
/// reason; the run exits 2.
#[test]
fn a_read_only_text_file_of_a_package_is_not_written() {
    let dir = workspace(
        ONLY_WORDING,
        &[
            ("p/a.txt", "一、部门职责\n由各单位承担分摊部份。\n"),
            ("p/b.txt", "二、说明\n本部份说明经费。\n"),
        ],
    );
    let a = dir.path().join("p/a.txt");
    let mut permissions = std::fs::metadata(&a).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&a, permissions).unwrap();
    let out = run(
        dir.path(),
        &["check", "--package", "--fix", "--format", "json", "p"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("p/a.txt：只读：未写入"),
        "{}",
        stderr(&out)
    );
    assert!(std::fs::read_to_string(&a).unwrap().contains("部份"));
    let b = std::fs::read_to_string(dir.path().join("p/b.txt")).unwrap();
    assert!(b.contains("本部分说明"), "the other file is fixed: {b}");
    let report = json(&out);
    assert_eq!(
        rules_per_file(&report),
        vec![vec!["wording/bufen".to_string()], Vec::<String>::new()]
    );
}

#[test]
fn package_refuses_standard_input_and_names_an_empty_directory() {
    let dir = workspace(ONLY_WORDING, &[]);
    let out = run(dir.path(), &["check", "--package", "-"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--package 不读标准输入"),
        "{}",
        stderr(&out)
    );
    std::fs::create_dir_all(dir.path().join("empty")).unwrap();
    let out = run(dir.path(), &["check", "--package", "empty"]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("目录中没有可检查的文件"),
        "{}",
        stdout(&out)
    );
}

/// A 说明 with its 第一、第三部分 and the 公开表 with 第二部分: read in the order of the
/// numbers, so no numbering gap or reversal is reported that the files alone do not have.
#[test]
fn sections_split_over_files_are_read_in_the_order_of_their_numbers() {
    let explanation = "某局2024年部门预算\n第一部分 部门概况\n一、主要职能\n负责本系统的工作。\n第三部分 情况说明\n一、收支预算情况说明\n收入预算100.00万元。\n";
    let tables = "第二部分 预算表\n收入支出预算总表\n项目\t金额\n合计\t100.00\n";
    let dir = workspace("", &[("p/a.txt", explanation), ("p/b.txt", tables)]);
    let report = json(&run(
        dir.path(),
        &["check", "--package", "--format", "json", "p"],
    ));
    let rules = all_rules(&report);
    assert!(
        !rules.iter().any(|r| r == "structure/heading-numbering"),
        "{rules:?}"
    );
    // The 说明 alone skips 第二部分: the rule does fire on it, so the package is what silenced it.
    let alone = json(&run(dir.path(), &["check", "--format", "json", "p/a.txt"]));
    assert!(
        all_rules(&alone)
            .iter()
            .any(|r| r == "structure/heading-numbering"),
        "{alone}"
    );
}

/// A message that cites a line (“重复了第 N 行的段落”) names the line of the file it is in: the
/// rules count the lines of the joined text, the package tells them apart again.
#[test]
fn a_message_citing_a_line_names_that_files_own_line() {
    let first = "某某局2026年部门预算\n\n一、部门职责\n本部门负责全区档案的收集、整理、保管和利用工作，组织开展档案信息化建设。\n\n二、机构设置\n本部门设办公室、业务科两个内设机构。\n";
    let second = "\n三、其他说明\n本部门负责全区档案的收集、整理、保管和利用工作，组织开展档案信息化建设。\n";
    let dir = workspace("", &[("p/a.txt", first), ("p/b.txt", second)]);
    let report = json(&run(
        dir.path(),
        &["check", "--package", "--format", "json", "p"],
    ));
    let messages: Vec<String> = file_named(&report, "b.txt")["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "structure/duplicate-paragraph")
        .map(|f| f["message"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(messages.len(), 1, "{report}");
    assert!(messages[0].contains("重复了 a.txt 第4行"), "{messages:?}");
    let english = json(&run(
        dir.path(),
        &[
            "check",
            "--package",
            "--lang",
            "en",
            "--format",
            "json",
            "p",
        ],
    ));
    let message = file_named(&english, "b.txt")["diagnostics"][0]["message"].to_string();
    assert!(message.contains("line 4 of a.txt"), "{message}");
}

/// A real published PDF (../shared/corpus/real, g01) split as such disclosures are published
/// apart: its 说明 (pages 1-5 and 21-25: title, 目录, 第一、三、四部分) and its 公开表 (pages
/// 6-20, 第二部分), with poppler's pdfseparate and pdfunite. As a package the two files give
/// exactly the findings of the whole PDF. Skipped, saying so, without ../shared or poppler.
#[test]
fn a_real_pdf_split_into_its_explanation_and_its_tables_gives_the_findings_of_the_whole() {
    let real = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus/real/docs/g01_putuo_caizhengju_2024_js.pdf");
    if !real.is_file() {
        eprintln!("skipped: ../shared/corpus/real is not here");
        return;
    }
    let dir = workspace("", &[]);
    let pages = dir.path().join("pages");
    std::fs::create_dir_all(&pages).unwrap();
    let page = |n: u32| pages.join(format!("p{n:02}.pdf"));
    let separated = Command::new("pdfseparate")
        .arg(&real)
        .arg(pages.join("p%02d.pdf"))
        .status();
    if !separated.is_ok_and(|s| s.success()) {
        eprintln!("skipped: pdfseparate (poppler-utils) is not installed");
        return;
    }
    let package = dir.path().join("package");
    std::fs::create_dir_all(&package).unwrap();
    let unite = |numbers: Vec<u32>, name: &str| {
        let ok = Command::new("pdfunite")
            .args(numbers.into_iter().map(page))
            .arg(package.join(name))
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "pdfunite {name}");
    };
    unite((1..=5).chain(21..=25).collect(), "说明.pdf");
    unite((6..=20).collect(), "公开表.pdf");
    let findings = |report: &Value| {
        let mut all: Vec<(String, String)> = report["files"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|f| f["diagnostics"].as_array().unwrap().iter())
            .map(|d| {
                let severity = d["severity"].as_str().unwrap().to_string();
                (d["rule"].as_str().unwrap().to_string(), severity)
            })
            .collect();
        all.sort();
        all
    };
    let whole = json(&run(
        dir.path(),
        &["check", "--format", "json", real.to_str().unwrap()],
    ));
    let split = json(&run(
        dir.path(),
        &["check", "--package", "--format", "json", "package"],
    ));
    assert!(!findings(&whole).is_empty());
    assert_eq!(findings(&split), findings(&whole));
}
