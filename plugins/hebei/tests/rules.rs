//! Each rule on its fixtures (tests/fixtures/<rule-name>/): `fire_*` files must produce
//! findings, `pass_*` none, nothing fires under the national profile or another province, and
//! the findings are snapshot-tested.

use budgetlint_plugin_hebei::*;
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
fn asset_table() {
    check_dir("asset-table", || Box::new(AssetTable));
}
