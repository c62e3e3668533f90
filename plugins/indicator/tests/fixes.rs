//! Every fix is applied and the result re-checked: the fixed text has no finding of the rule
//! where the fix applied, and no new finding appears.

mod common;

use common::*;

#[test]
fn fixes_remove_their_findings() {
    let mut fixes_seen = 0;
    for rule in budgetlint_plugin_indicator::all_rules() {
        let name = rule.meta().id.trim_start_matches("indicator/");
        for file in text_files(&fixtures_dir().join(name)) {
            let text = std::fs::read_to_string(&file).expect("fixture");
            let options = options_for(&file);
            let before = run(rule.as_ref(), &text, &options);
            let fixable = before.iter().filter(|d| d.fix.is_some()).count();
            if fixable == 0 {
                continue;
            }
            fixes_seen += fixable;
            let fixed = apply_fixes(&text, &before);
            let after = run(rule.as_ref(), &fixed, &options);
            assert!(
                after.iter().all(|d| d.fix.is_none()),
                "{}: fixable findings remain after fixing:\n{}",
                file.display(),
                render(&after)
            );
            assert_eq!(
                after.len(),
                before.len() - fixable,
                "{}: fixing changed other findings:\n{}",
                file.display(),
                render(&after)
            );
        }
    }
    assert!(fixes_seen > 0, "no fix exercised");
}

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
