//! Each rule on its fixtures (tests/fixtures/<rule-name>/*.txt): `fire*` files must produce
//! findings, `pass*` files none (the convention of `budgetlint_sdk::testing::Expect`); the findings are snapshot-tested.

mod common;

use common::*;

#[test]
fn every_rule_has_fixtures() {
    for rule in budgetlint_plugin_indicator::all_rules() {
        let name = rule.meta().id.trim_start_matches("indicator/");
        let dir = fixtures_dir().join(name);
        let files = text_files(&dir);
        assert!(
            files.iter().any(|f| stem(f).starts_with("fire")),
            "{name}: no firing fixture"
        );
        assert!(
            files.iter().any(|f| stem(f).starts_with("pass")),
            "{name}: no passing fixture"
        );
    }
}

#[test]
fn fixtures() {
    let mut dirs: Vec<_> = std::fs::read_dir(fixtures_dir())
        .expect("fixtures dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        let name = dir
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let rule = rule_named(&name);
        for file in text_files(&dir) {
            let text = std::fs::read_to_string(&file).expect("fixture");
            let diags = run(rule.as_ref(), &text, &options_for(&file));
            let stem = stem(&file);
            if stem.starts_with("pass") {
                assert!(
                    diags.is_empty(),
                    "{name}/{stem}: expected no findings, got\n{}",
                    render(&diags)
                );
            } else {
                assert!(!diags.is_empty(), "{name}/{stem}: expected findings");
            }
            assert!(
                diags.iter().all(|d| d.rule == rule.meta().id),
                "{name}/{stem}: finding of another rule"
            );
            insta::assert_snapshot!(format!("{name}__{stem}"), render(&diags));
        }
    }
}

fn stem(path: &std::path::Path) -> String {
    path.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string()
}
