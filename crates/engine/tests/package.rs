//! `Linter::check_package`: several files checked as one disclosure, each finding reported in
//! the file it is in, on that file's own lines. The built-in wording pack is enough to see
//! where findings go; the cross-file findings of the plugins are tested by the CLI
//! (crates/cli/tests/package.rs).

use budgetlint_engine::config::Config;
use budgetlint_engine::{FileReport, Linter, Registry, Sources};
use std::path::{Path, PathBuf};

fn linter(dir: &Path) -> Linter {
    let path = dir.join("rules.toml");
    std::fs::write(&path, "").unwrap();
    Linter::new(
        Config::load(&path).unwrap(),
        &Sources::default(),
        &mut Registry::default(),
    )
}

/// (rule, line, column) of each finding of a report.
fn found(report: &FileReport) -> Vec<(String, u32, u32)> {
    report
        .findings
        .iter()
        .map(|f| {
            let s = f.diagnostic.span;
            (f.diagnostic.rule.clone(), s.line, s.col)
        })
        .collect()
}

const EXPLANATION: &str = "一、部门职责\n配合地税部门完成征缴任务。\n";
const TABLES: &str = "二、说明\n表格\t金额\n由各单位承担分摊部份。\t1.00\n";

#[test]
fn each_finding_is_reported_in_its_own_file_on_its_own_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let l = linter(tmp.path());
    let files = vec![
        (PathBuf::from("说明.txt"), EXPLANATION.as_bytes().to_vec()),
        (PathBuf::from("公开表.txt"), TABLES.as_bytes().to_vec()),
    ];
    let reports = l.check_package(&files, None);
    assert_eq!(reports.len(), 2);
    let first = reports[0].as_ref().unwrap();
    let second = reports[1].as_ref().unwrap();
    assert_eq!(first.path, Path::new("说明.txt"));
    assert_eq!(first.text, EXPLANATION);
    assert_eq!(
        found(first),
        vec![("wording/abolished-tax-office".into(), 2, 3)]
    );
    assert_eq!(second.path, Path::new("公开表.txt"));
    assert_eq!(second.text, TABLES);
    assert_eq!(found(second), vec![("wording/bufen".into(), 3, 9)]);
    // A fix's edits are offsets into the file's own text.
    for f in &second.findings {
        for e in f.diagnostic.fix.iter().flat_map(|f| &f.edits) {
            assert_eq!(&second.text[e.start as usize..e.end as usize], "部份");
        }
    }
}

#[test]
fn the_package_gives_the_same_findings_as_the_joined_text() {
    let tmp = tempfile::tempdir().unwrap();
    let l = linter(tmp.path());
    let files = vec![
        (PathBuf::from("a.txt"), EXPLANATION.as_bytes().to_vec()),
        (PathBuf::from("b.txt"), TABLES.as_bytes().to_vec()),
    ];
    let mut rules: Vec<String> = l
        .check_package(&files, None)
        .iter()
        .flat_map(|r| r.as_ref().unwrap().findings.clone())
        .map(|f| f.diagnostic.rule)
        .collect();
    let joined = format!("{EXPLANATION}\n\x0c{TABLES}");
    let mut alone: Vec<String> = l
        .check(Path::new("ab.txt"), joined.as_bytes(), None)
        .unwrap()
        .findings
        .into_iter()
        .map(|f| f.diagnostic.rule)
        .collect();
    rules.sort();
    alone.sort();
    assert_eq!(rules, alone);
}

#[test]
fn a_file_that_cannot_be_read_is_its_error_and_the_others_are_checked() {
    let tmp = tempfile::tempdir().unwrap();
    let l = linter(tmp.path());
    // The signature of an OLE compound file (Word 97 `.doc`), which budgetlint does not read.
    let mut doc = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    doc.resize(512, 0);
    let files = vec![
        (PathBuf::from("old.doc"), doc),
        (PathBuf::from("b.txt"), TABLES.as_bytes().to_vec()),
    ];
    let reports = l.check_package(&files, None);
    let error = reports[0].as_ref().unwrap_err();
    assert_eq!(error.path, Path::new("old.doc"));
    let second = reports[1].as_ref().unwrap();
    assert_eq!(found(second), vec![("wording/bufen".into(), 3, 9)]);
}

#[test]
fn an_empty_package_and_empty_files_give_what_they_have() {
    let tmp = tempfile::tempdir().unwrap();
    let l = linter(tmp.path());
    assert!(l.check_package(&[], None).is_empty());
    let files = vec![
        (PathBuf::from("a.txt"), Vec::new()),
        (PathBuf::from("b.txt"), Vec::new()),
    ];
    let reports = l.check_package(&files, None);
    assert_eq!(reports.len(), 2);
    assert!(reports
        .iter()
        .all(|r| r.as_ref().unwrap().findings.is_empty()));
}
