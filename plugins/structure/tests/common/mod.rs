//! Shared helpers of the integration tests: run rules on a text, render findings compactly,
//! apply fixes.

#![allow(dead_code)]

use budgetlint_sdk::{Context, Diagnostic, Profile, Rule, TextEdit, Views};

/// Runs `rules` on `text` with default options and the national profile.
pub fn run(rules: &[Box<dyn Rule>], text: &str) -> Vec<Diagnostic> {
    let doc = budgetlint_sdk::model::parse_text(text.to_string());
    let options = serde_json::json!({});
    let profile = Profile::default();
    let views = Views::new(&doc, &profile);
    let ctx = Context::new(&views, &options);
    let mut out = Vec::new();
    for rule in rules {
        rule.check(&ctx, &mut out);
    }
    out.sort_by(|a, b| (a.span.start, &a.rule).cmp(&(b.span.start, &b.rule)));
    out
}

/// `line:col rule severity message`, with related places and fixes indented under it.
pub fn render(diags: &[Diagnostic]) -> String {
    let mut s = String::new();
    for d in diags {
        s.push_str(&format!(
            "{}:{} {} {} {}\n",
            d.span.line,
            d.span.col,
            d.rule,
            d.severity.as_str(),
            d.message
        ));
        for r in &d.related {
            s.push_str(&format!(
                "    related {}:{} {}\n",
                r.span.line, r.span.col, r.message
            ));
        }
        if let Some(fix) = &d.fix {
            s.push_str(&format!(
                "    fix ({:?}) {}: {} edit(s)\n",
                fix.applicability,
                fix.message,
                fix.edits.len()
            ));
        }
    }
    if s.is_empty() {
        s.push_str("(no findings)\n");
    }
    s
}

/// The text with every fix of `diags` applied (edits must not overlap).
pub fn apply_fixes(text: &str, diags: &[Diagnostic]) -> String {
    let mut edits: Vec<&TextEdit> = diags
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .flat_map(|f| &f.edits)
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.start));
    let mut out = text.to_string();
    for e in edits {
        out.replace_range(e.start as usize..e.end as usize, &e.replacement);
    }
    out
}

/// The fixture files of a directory under tests/fixtures, sorted.
pub fn fixtures(dir: &str) -> Vec<std::path::PathBuf> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir);
    let mut files: Vec<_> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
}
