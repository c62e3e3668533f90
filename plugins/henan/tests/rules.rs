//! Each rule on its fixtures (tests/fixtures/<rule-name>/): `fire_*` files must produce
//! findings, `pass_*` none, nothing fires under the national profile or another province, and
//! the findings are snapshot-tested.

use budgetlint_plugin_henan::*;
use budgetlint_province_common::testing::check_fixture_dir;
use budgetlint_sdk::Rule;
use std::path::Path;

fn check_dir(dir: &str, rule: fn() -> Box<dyn Rule>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for (name, rendered) in check_fixture_dir(&root, dir, &rule, PROVINCE) {
        insta::assert_snapshot!(name, rendered);
    }
}

#[test]
fn budget_structure() {
    check_dir("budget-structure", || Box::new(BudgetStructure));
}

#[test]
fn table_number_map() {
    check_dir("table-number-map", || Box::new(TableNumberMap));
}

#[test]
fn overall_perf_crosscheck() {
    check_dir("overall-perf-crosscheck", || {
        Box::new(OverallPerfCrosscheck)
    });
}

#[test]
fn project_perf_table() {
    check_dir("project-perf-table", || Box::new(ProjectPerfTable));
}

#[test]
fn budget_order() {
    check_dir("budget-order", || Box::new(BudgetOrder));
}

#[test]
fn annex_untitled_table() {
    check_dir("annex-untitled-table", || Box::new(AnnexUntitledTable));
}

#[test]
fn overall_perf_split_differs() {
    check_dir("overall-perf-split-differs", || {
        Box::new(OverallPerfSplitDiffers)
    });
}
