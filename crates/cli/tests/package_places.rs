//! Where a finding of a `--package` is, in every output format: a disclosure of two files — a
//! 说明 as text with two pages (a form feed between them) and its 公开表 as a spreadsheet — whose
//! tables state 收入总计 and 支出总计 other than the text does. Each finding is in the
//! spreadsheet (its cell named) and its related place in the text file (its page named); every
//! format shows both, snapshotted per format. Only `arithmetic/same-quantity` is selected, so
//! the snapshots do not move with other rules.

mod support;

use std::path::Path;
use support::*;

const EXPLANATION: &str = "某局2024年部门预算\n一、收支预算情况\n2024年收入预算总计120.00万元，其中一般公共预算拨款收入100.00万元。\n\x0c二、支出预算情况\n2024年支出预算总计120.00万元。\n";

/// The 公开表: one sheet, every cell an inline string, so the spreadsheet is written here in
/// full (no number formats to render).
const TABLE: [&[&str]; 6] = [
    &["2024年收支预算总表"],
    &["单位：万元"],
    &["项目", "预算数"],
    &["一般公共预算拨款收入", "100.00"],
    &["收入总计", "110.00"],
    &["支出总计", "110.00"],
];

/// The package in a fresh workspace: `p/说明.txt` and `p/公开表.xlsx`.
fn package() -> tempfile::TempDir {
    let dir = workspace("", &[("p/说明.txt", EXPLANATION)]);
    write(dir.path(), "p/公开表.xlsx", &xlsx("表1", &TABLE));
    dir
}

/// `check --package p` in `format` (and `extra` arguments), only the one rule.
fn check(dir: &Path, format: &str, extra: &[&str]) -> String {
    let mut args = vec![
        "check",
        "--package",
        "--select",
        "arithmetic/same-quantity",
        "--format",
        format,
    ];
    args.extend_from_slice(extra);
    args.push("p");
    let out = run(dir, &args);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    stdout(&out)
}

#[test]
fn every_format_names_the_cell_here_and_the_page_in_the_other_file() {
    let dir = package();
    for format in ["human", "concise", "github", "junit", "rdjson", "json"] {
        let out = check(dir.path(), format, &[]);
        assert!(
            out.contains("表1!B5"),
            "{format}: the cell of the finding: {out}"
        );
        assert!(out.contains("说明.txt"), "{format}: the other file: {out}");
        insta::assert_snapshot!(format!("package_{format}"), out);
    }
    let english = check(dir.path(), "concise", &["--lang", "en"]);
    insta::assert_snapshot!("package_concise_en", english);
}

/// SARIF: its results only (the rule table is every loaded rule's documentation).
#[test]
fn sarif_puts_the_page_and_cell_in_the_locations_properties() {
    let dir = package();
    let sarif: serde_json::Value = serde_json::from_str(&check(dir.path(), "sarif", &[])).unwrap();
    let mut results = sarif["runs"][0]["results"].clone();
    // A rule's index in the table moves whenever a rule is added.
    for result in results.as_array_mut().unwrap() {
        assert!(result["ruleIndex"].is_u64());
        result.as_object_mut().unwrap().remove("ruleIndex");
    }
    let first = &results[0];
    assert_eq!(first["locations"][0]["properties"]["cell"], "表1!B5");
    let related = &first["relatedLocations"][0];
    assert_eq!(related["properties"]["page"], 1);
    assert!(related["physicalLocation"]["artifactLocation"]["uri"]
        .as_str()
        .unwrap()
        .ends_with(".txt"));
    insta::assert_json_snapshot!("package_sarif_results", &results);
}

/// The HTML report: each finding's position and related places (the rest of the page is
/// charts and filters, tested in tests/report.rs).
#[test]
fn the_html_report_names_the_other_files_place() {
    let dir = package();
    check(dir.path(), "concise", &["--report", "r.html"]);
    let html = std::fs::read_to_string(dir.path().join("r.html")).unwrap();
    let places: Vec<&str> = html
        .lines()
        .filter(|l| l.contains("class=\"pos\"") || l.contains("<ul class=\"related\">"))
        .collect();
    assert!(
        places
            .iter()
            .any(|l| l.contains("p/说明.txt:3:12（第 1 页）")),
        "{places:#?}"
    );
    insta::assert_snapshot!("package_html_places", places.join("\n"));
}
