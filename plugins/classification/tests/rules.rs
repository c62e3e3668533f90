//! Runs the plugin's rules on fixtures and the seeds and snapshots the findings.

use budgetlint_plugin_classification::*;
use budgetlint_sdk::testing::check_text;
use budgetlint_sdk::Rule;

fn render(text: &str) -> String {
    let rules: Vec<Box<dyn Rule>> = vec![
        Box::new(CodeFormat),
        Box::new(CodeName),
        Box::new(FormerCodeName),
        Box::new(ItemName),
    ];
    let mut lines = Vec::new();
    for rule in &rules {
        for d in check_text(rule.as_ref(), text) {
            let related: Vec<String> = d
                .related
                .iter()
                .map(|r| format!("L{}", r.span.line))
                .collect();
            lines.push(format!(
                "{}:{} {} {} {} [{}]",
                d.span.line,
                d.span.col,
                d.rule,
                d.severity.as_str(),
                d.message,
                related.join(",")
            ));
        }
    }
    lines.sort();
    lines.join("\n")
}

/// The first table writes codes unpadded and puts the unit's name in the name column; the
/// second is correct, including a code the catalogue file does not know (not checked).
#[test]
fn fixture_tables() {
    insta::assert_snapshot!(render(include_str!("fixtures/tables.txt")));
}

budgetlint_sdk::rule_fixture_tests! {
    code_format: CodeFormat,
    code_name: CodeName,
    former_code_name: FormerCodeName,
    item_name: ItemName,
}

#[test]
fn seeds() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let mut out = String::new();
    for p in paths {
        out.push_str(&format!(
            "== {}\n{}\n",
            p.file_name().unwrap().to_string_lossy(),
            render(&std::fs::read_to_string(&p).unwrap())
        ));
    }
    insta::assert_snapshot!(out);
}
