//! Severity has one decider: a rules.toml `severity` is relative to the rule's declared default.
//! Restating every built-in rule's default changes no finding on the seeds and on every
//! plugin's fixtures, every finding carries its rule's declared default (one judgement per
//! rule id), and a configured level moves the rules split from a rule with it.

mod common;
use budgetlint_engine::Linter;
use budgetlint_protocol::Severity;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn linter(dir: &Path, toml: &str) -> Linter {
    let linter = common::built_in_linter(dir, toml, "severity-plugins");
    assert!(linter.warnings().is_empty(), "{:?}", linter.warnings());
    linter
}

/// The seeds and every plugin's fixture documents.
fn documents() -> Vec<PathBuf> {
    let mut out = files_under(&root().join("tests/fixtures/seeds"));
    for entry in std::fs::read_dir(root().join("plugins")).unwrap() {
        out.extend(files_under(&entry.unwrap().path().join("tests/fixtures")));
    }
    out.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    out.sort();
    out
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for path in entries.map(|e| e.unwrap().path()) {
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Every finding of `linter` on `docs`: its rule and severity, and a line with the file, rule,
/// place, severity and message.
fn findings(linter: &Linter, docs: &[PathBuf]) -> Vec<(String, Severity, String)> {
    let mut out = Vec::new();
    for doc in docs {
        let bytes = std::fs::read(doc).unwrap();
        let report = linter.check(doc, &bytes, None).unwrap();
        for f in report.findings {
            let d = f.diagnostic;
            let line = format!(
                "{}: {} {}..{} {} {}",
                doc.strip_prefix(root()).unwrap_or(doc).display(),
                d.rule,
                d.span.start,
                d.span.end,
                d.severity.as_str(),
                d.message
            );
            out.push((d.rule, d.severity, line));
        }
    }
    out
}

/// A rules.toml that sets each loaded rule's severity to its declared default.
fn restating_defaults(linter: &Linter) -> String {
    let mut toml = String::new();
    for entry in linter.rules() {
        let default = entry.info.default_severity.as_str();
        writeln!(
            toml,
            "[rules.{:?}]\nseverity = \"{default}\"",
            entry.info.id
        )
        .unwrap();
    }
    toml
}

#[test]
fn restating_every_rules_default_changes_no_finding() {
    let tmp = tempfile::tempdir().unwrap();
    let plain = linter(tmp.path(), "");
    assert!(plain.rules().len() > 50, "{} rules", plain.rules().len());
    let docs = documents();
    assert!(docs.len() > 100, "{} documents", docs.len());
    let before = findings(&plain, &docs);
    // One judgement per rule id: no finding at another severity than its rule declares.
    let defaults: std::collections::HashMap<&str, Severity> = plain
        .rules()
        .iter()
        .map(|e| (e.info.id.as_str(), e.info.default_severity))
        .collect();
    let graded: Vec<&String> = before
        .iter()
        .filter(|(rule, severity, _)| defaults.get(rule.as_str()).is_some_and(|d| d != severity))
        .map(|(_, _, line)| line)
        .take(10)
        .collect();
    assert!(graded.is_empty(), "{graded:#?}");

    let restated = linter(tmp.path(), &restating_defaults(&plain));
    let after = findings(&restated, &docs);
    let changed: Vec<_> = before
        .iter()
        .zip(&after)
        .filter(|(b, a)| b != a)
        .map(|(b, a)| format!("{}\n  → {}", b.2, a.2))
        .take(10)
        .collect();
    assert_eq!(before.len(), after.len());
    assert!(changed.is_empty(), "{changed:#?}");
}

/// The findings of the 目录 rules on seed 004, which has findings of `structure/toc-mismatch`
/// (warning) and of the info rules split from it (`structure/toc-title-differs`,
/// `structure/toc-table-doubt`): (rule, severity).
fn toc_rules(toml: &str) -> Vec<(String, Severity)> {
    let tmp = tempfile::tempdir().unwrap();
    let linter = linter(tmp.path(), toml);
    let seeds = files_under(&root().join("tests/fixtures/seeds"));
    let doc = seeds
        .iter()
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("004_"))
        })
        .expect("seed 004");
    let report = linter
        .check(doc, &std::fs::read(doc).unwrap(), None)
        .unwrap();
    report
        .findings
        .iter()
        .filter(|f| f.diagnostic.rule.starts_with("structure/toc-"))
        .map(|f| (f.diagnostic.rule.clone(), f.diagnostic.severity))
        .collect()
}

#[test]
fn a_configured_level_moves_the_rules_split_from_it() {
    let rule =
        |severity: &str| format!("[rules.\"structure/toc-mismatch\"]\nseverity = \"{severity}\"\n");
    let plain = toc_rules("");
    let has = |rule: &str, severity: Severity| plain.contains(&(rule.to_string(), severity));
    assert!(
        has("structure/toc-mismatch", Severity::Warning),
        "{plain:?}"
    );
    assert!(
        has("structure/toc-title-differs", Severity::Info),
        "{plain:?}"
    );
    // Restating the default: the infos stay infos (they became warnings when a configured
    // severity replaced every finding's own).
    assert_eq!(toc_rules(&rule("warning")), plain);
    let step = |from: &[(String, Severity)], up: bool| -> Vec<(String, Severity)> {
        from.iter()
            .map(|(r, s)| {
                let moved = match (s, up) {
                    (Severity::Info, true) => Severity::Warning,
                    (_, true) => Severity::Error,
                    (Severity::Error, false) => Severity::Warning,
                    (_, false) => Severity::Info,
                };
                (r.clone(), moved)
            })
            .collect()
    };
    assert_eq!(toc_rules(&rule("error")), step(&plain, true));
    assert_eq!(toc_rules(&rule("info")), step(&plain, false));
    assert!(toc_rules(&rule("off")).is_empty());
}

/// A budget figure labelled with last year was an error finding of the warning rule
/// `dates/stale-year`; it is now its own error rule, so each id is one judgement.
#[test]
fn a_stale_figure_year_is_its_own_rule() {
    let tmp = tempfile::tempdir().unwrap();
    let linter = linter(tmp.path(), "");
    let doc = root().join("plugins/dates/tests/fixtures/stale-figure-year/fire_budget_figure.txt");
    let report = linter
        .check(&doc, &std::fs::read(&doc).unwrap(), None)
        .unwrap();
    let found: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.diagnostic.rule.starts_with("dates/stale"))
        .map(|f| (f.diagnostic.rule.as_str(), f.diagnostic.severity))
        .collect();
    assert_eq!(found, [("dates/stale-figure-year", Severity::Error)]);
}
