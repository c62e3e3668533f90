//! Helpers shared by the integration tests: running rules and rendering findings compactly.
#![allow(dead_code)]

use budgetlint_plugin_indicator::all_rules;
use budgetlint_sdk::testing::check_text_with;
use budgetlint_sdk::{Diagnostic, Profile, Rule};
use std::path::{Path, PathBuf};

pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub fn seeds_dir() -> PathBuf {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/seeds"
    ))
    .to_path_buf()
}

/// The rule whose id is `indicator/<name>`.
pub fn rule_named(name: &str) -> Box<dyn Rule> {
    let id = format!("indicator/{name}");
    all_rules()
        .into_iter()
        .find(|r| r.meta().id == id)
        .unwrap_or_else(|| panic!("no rule {id}"))
}

/// The `.txt` files of a directory, sorted.
pub fn text_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
}

/// Options for a fixture: `<stem>.options.json` next to it, else `{}`.
pub fn options_for(fixture: &Path) -> serde_json::Value {
    let path = fixture.with_extension("options.json");
    match std::fs::read_to_string(&path) {
        Ok(s) => serde_json::from_str(&s).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
        Err(_) => serde_json::json!({}),
    }
}

pub fn run(rule: &dyn Rule, text: &str, options: &serde_json::Value) -> Vec<Diagnostic> {
    let mut diags = check_text_with(rule, text, options, &Profile::default());
    diags.sort_by_key(|d| (d.span.start, d.rule.clone()));
    diags
}

/// `line:col rule severity message`, with related locations and fixes indented below.
pub fn render(diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        out.push_str(&format!(
            "{}:{} {} {} {}\n",
            d.span.line,
            d.span.col,
            d.rule,
            d.severity.as_str(),
            d.message
        ));
        for r in &d.related {
            out.push_str(&format!(
                "    related {}:{} {}\n",
                r.span.line, r.span.col, r.message
            ));
        }
        if let Some(fix) = &d.fix {
            for e in &fix.edits {
                out.push_str(&format!(
                    "    fix ({:?}) {}: {}..{} → {:?}\n",
                    fix.applicability, fix.message, e.start, e.end, e.replacement
                ));
            }
        }
    }
    if out.is_empty() {
        out.push_str("(no findings)\n");
    }
    out
}

/// Applies every fix (non-overlapping edits, last first) to `text`.
pub fn apply_fixes(text: &str, diags: &[Diagnostic]) -> String {
    let mut edits: Vec<_> = diags
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .flat_map(|f| f.edits.iter())
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.start));
    let mut out = text.to_string();
    let mut limit = usize::MAX;
    for e in edits {
        let (start, end) = (e.start as usize, e.end as usize);
        if end <= limit && start <= end && end <= out.len() {
            out.replace_range(start..end, &e.replacement);
            limit = start;
        }
    }
    out
}
