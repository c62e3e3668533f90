//! All indicator rules on the five seed documents, snapshot-tested so that regressions show.

mod common;

use budgetlint_plugin_indicator::all_rules;
use common::*;

#[test]
fn seeds() {
    let files = text_files(&seeds_dir());
    assert!(
        !files.is_empty(),
        "no seed files in {}",
        seeds_dir().display()
    );
    for file in files {
        let text = std::fs::read_to_string(&file).expect("seed");
        let mut diags = Vec::new();
        for rule in all_rules() {
            diags.extend(run(rule.as_ref(), &text, &serde_json::json!({})));
        }
        diags.sort_by_key(|d| (d.span.start, d.rule.clone()));
        let stem = file
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        insta::assert_snapshot!(format!("seed_{stem}"), render(&diags));
    }
}

#[test]
fn seed_002_is_fast() {
    let text = std::fs::read_to_string(seeds_dir().join("002_05b117f19e5843c3.txt")).expect("seed");
    let doc = budgetlint_sdk::model::parse_text(text);
    let options = serde_json::json!({});
    let profile = budgetlint_sdk::Profile::default();
    let rules = all_rules();
    let start = std::time::Instant::now();
    let mut n = 0;
    for _ in 0..10 {
        let views = budgetlint_sdk::Views::new(&doc, &profile);
        let ctx = budgetlint_sdk::Context::new(&views, &options);
        let mut out = Vec::new();
        for rule in &rules {
            rule.check(&ctx, &mut out);
        }
        n += out.len();
    }
    let per_run = start.elapsed() / 10;
    assert!(n > 0);
    // Timing is measured by the ignored `per_rule_timing` bench-style test, not asserted here.
    eprintln!("indicator rules on seed 002: {per_run:?} per run");
}

#[test]
#[ignore]
fn per_rule_timing() {
    let text = std::fs::read_to_string(seeds_dir().join("002_05b117f19e5843c3.txt")).expect("seed");
    let doc = budgetlint_sdk::model::parse_text(text);
    let options = serde_json::json!({});
    let profile = budgetlint_sdk::Profile::default();
    for rule in all_rules() {
        let start = std::time::Instant::now();
        for _ in 0..100 {
            let views = budgetlint_sdk::Views::new(&doc, &profile);
            let mut out = Vec::new();
            rule.check(&budgetlint_sdk::Context::new(&views, &options), &mut out);
        }
        eprintln!("{}: {:?}", rule.meta().id, start.elapsed() / 100);
    }
}
