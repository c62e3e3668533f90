//! Runs every rule of the plugin on fixture documents and snapshots the findings.

use budgetlint_plugin_arithmetic::*;
use budgetlint_sdk::testing::check_text;
use budgetlint_sdk::Rule;

fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(SumMismatch),
        Box::new(RoundingGap),
        Box::new(TableSum),
        Box::new(ChangeMismatch),
        Box::new(PercentMismatch),
        Box::new(PercentTotal),
        Box::new(ZeroDenominator),
        Box::new(SameFigure),
        Box::new(ClassLabel),
        Box::new(Scope),
        Box::new(Vehicles),
    ]
}

fn render(text: &str) -> String {
    let mut lines = Vec::new();
    for rule in rules() {
        for d in check_text(rule.as_ref(), text) {
            let related: Vec<String> = d.related.iter().map(|r| format!("L{}", r.span.line)).collect();
            lines.push(format!("{}:{} {} {} {} [{}]", d.span.line, d.span.col, d.rule, d.severity.as_str(), d.message, related.join(",")));
        }
    }
    lines.sort();
    lines.join("\n")
}

#[test]
fn sums_changes_percentages() {
    let text = include_str!("fixtures/sums.txt");
    insta::assert_snapshot!(render(text));
}

/// Vehicles held and no running costs: reported, unless the text says what the vehicle is.
#[test]
fn vehicles() {
    let fire = render(include_str!("fixtures/vehicles-fire.txt"));
    assert!(fire.contains("consistency/vehicles"), "{fire}");
    assert_eq!(render(include_str!("fixtures/vehicles-pass.txt")), "");
}

#[test]
fn seeds() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/seeds");
    let mut names: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect();
    names.sort();
    let mut out = String::new();
    for path in names {
        let text = std::fs::read_to_string(&path).unwrap();
        out.push_str(&format!("== {}\n{}\n", path.file_name().unwrap().to_string_lossy(), render(&text)));
    }
    insta::assert_snapshot!(out);
}
