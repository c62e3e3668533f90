//! Runs a rule on fixture texts and renders its findings compactly for snapshots.
//!
//! Fixtures live in `tests/fixtures/<rule-name>/`. Files named `pass_*.txt` must produce no
//! finding; the others are firing cases. Every finding with a fix is applied and the text
//! re-checked: the fixed finding must be gone.
#![allow(dead_code)]

use budgetlint_sdk::testing::check_text;
use budgetlint_sdk::{Diagnostic, Rule, TextEdit};
use std::path::{Path, PathBuf};

/// `line:col rule severity message`, then the fix and related locations, one per line.
pub fn render(diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        out.push_str(&format!("{}:{} {} {} {}\n", d.span.line, d.span.col, d.rule, d.severity.as_str(), d.message));
        for r in &d.related {
            out.push_str(&format!("    related {}:{} {}\n", r.span.line, r.span.col, r.message));
        }
        if let Some(fix) = &d.fix {
            let edits: Vec<String> = fix.edits.iter().map(|e| format!("{}..{}→“{}”", e.start, e.end, e.replacement)).collect();
            out.push_str(&format!("    fix ({:?}) {}: {}\n", fix.applicability, fix.message, edits.join(", ")));
        }
    }
    if out.is_empty() {
        out.push_str("(no findings)\n");
    }
    out
}

pub fn fixture_dir(rule_dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(rule_dir)
}

/// The fixture files of one rule, sorted by name: (file stem, text).
pub fn fixtures(rule_dir: &str) -> Vec<(String, String)> {
    let dir = fixture_dir(rule_dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixtures in {}", dir.display());
    files
        .into_iter()
        .map(|p| {
            let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
            let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (stem, text)
        })
        .collect()
}

/// Applies the edits of every fix (they must not overlap), last edit first.
pub fn apply_fixes(text: &str, diags: &[Diagnostic]) -> String {
    let mut edits: Vec<&TextEdit> = diags.iter().filter_map(|d| d.fix.as_ref()).flat_map(|f| f.edits.iter()).collect();
    edits.sort_by_key(|e| std::cmp::Reverse((e.start, e.end)));
    let mut out = text.to_string();
    let mut limit = usize::MAX;
    for e in edits {
        let (start, end) = (e.start as usize, e.end as usize);
        assert!(end <= limit, "overlapping fix edits at {start}..{end}");
        out.replace_range(start..end, &e.replacement);
        limit = start;
    }
    out
}

/// Checks every fixture of `rule_dir` with `rule`: snapshot, pass files clean, fixes effective.
pub fn check_rule(rule: &dyn Rule, rule_dir: &str) {
    let mut fired = false;
    let mut passed = false;
    for (name, text) in fixtures(rule_dir) {
        let diags = check_text(rule, &text);
        if name.starts_with("pass") {
            passed = true;
            assert!(diags.is_empty(), "{rule_dir}/{name}.txt must not fire:\n{}", render(&diags));
        } else {
            fired = true;
            assert!(!diags.is_empty(), "{rule_dir}/{name}.txt must fire");
        }
        snapshot(&format!("{rule_dir}__{name}"), &render(&diags));
        check_fixes(rule, rule_dir, &name, &text, &diags);
    }
    assert!(fired && passed, "{rule_dir} needs firing and non-firing fixtures");
}

/// Applies the fixes and re-checks: only the findings without a fix may remain.
fn check_fixes(rule: &dyn Rule, rule_dir: &str, name: &str, text: &str, diags: &[Diagnostic]) {
    let fixable = diags.iter().filter(|d| d.fix.is_some()).count();
    if fixable == 0 {
        return;
    }
    let fixed = apply_fixes(text, diags);
    let after = check_text(rule, &fixed);
    let unfixable = diags.len() - fixable;
    assert_eq!(
        after.len(),
        unfixable,
        "{rule_dir}/{name}.txt: after applying {fixable} fixes, {} findings remain (expected {unfixable}):\n{}\n--- fixed text ---\n{fixed}",
        after.len(),
        render(&after)
    );
}

/// Snapshots go to `tests/snapshots/<rule-dir>__<fixture>.snap`.
fn snapshot(name: &str, rendered: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(name, rendered));
}
