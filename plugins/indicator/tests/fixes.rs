//! What a fix writes. (That every fixture's fixes remove exactly the findings they fix is
//! checked for every rule by `rule_fixture_tests!` in tests/rules.rs.)

mod common;

use common::*;

#[test]
fn ratio_fix_gives_percentages() {
    let file = fixtures_dir().join("unit-standard/fire_fix.txt");
    let text = std::fs::read_to_string(&file).expect("fixture");
    let rule = rule_named("unit-standard");
    let before = run(rule.as_ref(), &text, &serde_json::json!({}));
    assert_eq!(before.len(), 3);
    let fixed = apply_fixes(&text, &before);
    assert!(fixed.contains("\t100%\t") && fixed.contains("\t≥98%\t") && fixed.contains("\t≥95%\t"));
    assert!(!fixed.contains("比率"));
    assert!(run(rule.as_ref(), &fixed, &serde_json::json!({})).is_empty());
}
