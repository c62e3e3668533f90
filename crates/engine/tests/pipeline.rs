//! The check pipeline with the built-in wording pack: configuration, inline suppression and
//! baselines. No plugin library is needed here.

use budgetlint_engine::config::Config;
use budgetlint_engine::{baseline, Baseline, Linter, Registry, Sources};
use std::path::Path;

fn linter(dir: &Path, toml: &str) -> Linter {
    let path = dir.join("rules.toml");
    std::fs::write(&path, toml).unwrap();
    Linter::new(
        Config::load(&path).unwrap(),
        &Sources::default(),
        &mut Registry::default(),
    )
}

fn rules_of(
    linter: &Linter,
    path: &Path,
    text: &str,
    baseline: Option<&Baseline>,
) -> Vec<(String, u32)> {
    let report = linter.check(path, text.as_bytes(), baseline).unwrap();
    report
        .findings
        .iter()
        .map(|f| (f.diagnostic.rule.clone(), f.diagnostic.span.line))
        .collect()
}

const TEXT: &str = "一、部门职责\n配合地税部门完成征缴任务。\n由各单位承担分摊部份。\n";

#[test]
fn the_wording_pack_fires_and_severity_and_off_apply() {
    let tmp = tempfile::tempdir().unwrap();
    let l = linter(tmp.path(), "");
    let found = rules_of(&l, &tmp.path().join("a.txt"), TEXT, None);
    assert_eq!(
        found,
        vec![
            ("wording/abolished-tax-office".into(), 2),
            ("wording/bufen".into(), 3)
        ]
    );

    let l = linter(tmp.path(), "[rules.\"wording/bufen\"]\nseverity = \"off\"\n[rules.\"wording/abolished-tax-office\"]\nseverity = \"error\"\n");
    let report = l
        .check(&tmp.path().join("a.txt"), TEXT.as_bytes(), None)
        .unwrap();
    assert_eq!(report.findings.len(), 1);
    assert_eq!(
        report.findings[0].diagnostic.severity,
        budgetlint_protocol::Severity::Error
    );

    let l = linter(tmp.path(), "[plugins]\ndisable = [\"wording\"]\n");
    assert!(rules_of(&l, &tmp.path().join("a.txt"), TEXT, None).is_empty());
}

#[test]
fn extends_carries_settings_from_the_base_file() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("base.toml"),
        "[rules.\"wording/bufen\"]\nseverity = \"off\"\n",
    )
    .unwrap();
    let l = linter(tmp.path(), "extends = \"base.toml\"\n");
    let found = rules_of(&l, &tmp.path().join("a.txt"), TEXT, None);
    assert_eq!(found, vec![("wording/abolished-tax-office".into(), 2)]);
}

#[test]
fn inline_comments_suppress_findings() {
    let tmp = tempfile::tempdir().unwrap();
    let l = linter(tmp.path(), "");
    let text = "<!-- budgetlint-disable-next-line wording/abolished-tax-office -->\n配合地税部门完成征缴任务。\n<!-- budgetlint-disable -->\n分摊部份。\n<!-- budgetlint-enable -->\n分摊部份。\n";
    let report = l
        .check(&tmp.path().join("a.md"), text.as_bytes(), None)
        .unwrap();
    let found: Vec<_> = report
        .findings
        .iter()
        .map(|f| (f.diagnostic.rule.as_str(), f.diagnostic.span.line))
        .collect();
    assert_eq!(found, vec![("wording/bufen", 6)]);
    assert_eq!(report.suppressed, 2);
}

#[test]
fn a_baseline_still_suppresses_after_lines_are_inserted_above() {
    let tmp = tempfile::tempdir().unwrap();
    let l = linter(tmp.path(), "");
    let doc = tmp.path().join("a.txt");
    std::fs::write(&doc, TEXT).unwrap();
    let report = l.check(&doc, TEXT.as_bytes(), None).unwrap();
    let accepted: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.diagnostic.rule == "wording/bufen")
        .map(|f| (doc.clone(), f.diagnostic.clone(), f.fingerprint.clone()))
        .collect();
    let path = tmp.path().join(baseline::FILE_NAME);
    baseline::write(&path, &accepted).unwrap();
    let b = Baseline::load(&path).unwrap();

    let edited = format!("新增标题\n\n新增说明段落。\n{TEXT}");
    std::fs::write(&doc, &edited).unwrap();
    let report = l.check(&doc, edited.as_bytes(), Some(&b)).unwrap();
    let found: Vec<_> = report
        .findings
        .iter()
        .map(|f| (f.diagnostic.rule.as_str(), f.diagnostic.span.line))
        .collect();
    assert_eq!(
        found,
        vec![("wording/abolished-tax-office", 5)],
        "only the finding not in the baseline is left"
    );
    assert_eq!(report.suppressed, 1);

    let changed = edited.replace("分摊部份", "另一处部份");
    let report = l.check(&doc, changed.as_bytes(), Some(&b)).unwrap();
    assert_eq!(
        report.findings.len(),
        2,
        "a finding whose text changed is reported again"
    );
}

#[test]
fn binary_input_is_an_error_naming_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let l = linter(tmp.path(), "");
    let err = l
        .check(
            Path::new("x/blob.txt"),
            b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00",
            None,
        )
        .unwrap_err();
    assert!(
        err.to_string().starts_with("x/blob.txt: not a text file"),
        "{err}"
    );
}
