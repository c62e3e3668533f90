//! Runs a rule on its fixtures (`tests/fixtures/<rule-name>/`, `pass_*.txt` must stay silent,
//! fixes are applied and re-checked — see `budgetlint_sdk::testing::check_fixture_dir`) and
//! snapshots each fixture's findings under `tests/snapshots/<rule-dir>__<fixture>.snap`.

use budgetlint_sdk::Rule;
use std::path::Path;

pub fn check_rule(rule: &dyn Rule, rule_dir: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(root.join("tests/snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    for (name, rendered) in budgetlint_sdk::testing::check_fixture_dir(
        rule,
        &root.join("tests/fixtures").join(rule_dir),
    ) {
        settings.bind(|| insta::assert_snapshot!(format!("{rule_dir}__{name}"), rendered));
    }
}
