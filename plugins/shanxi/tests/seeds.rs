//! All rules on the five seed documents under the 山西 profile (snapshots, so regressions show),
//! and the structure rule on edited copies of seed 001: a table deleted, two items swapped.

use budgetlint_plugin_shanxi::{all_rules, FinalStructure, PROVINCE};
use budgetlint_province_common::testing::{
    assert_silent_without_profile, profile, render, run, seed_text,
};
use budgetlint_sdk::Rule;

const SHANXI_SEED: &str = "001_c5c4ecd7bc6cfe7d.txt";

fn seed(name: &str) -> String {
    seed_text(env!("CARGO_MANIFEST_DIR"), name)
}

fn check(name: &str) -> String {
    render(&run(&all_rules(), &seed(name), &profile(PROVINCE)))
}

#[test]
fn seed_001() {
    insta::assert_snapshot!(check(SHANXI_SEED));
}

/// The Shanxi rules forced onto the other provinces' seeds: they must not misfire.
#[test]
fn other_provinces_seeds_forced_to_shanxi() {
    for name in [
        "000_b6be87d832f84f2b.txt",
        "002_05b117f19e5843c3.txt",
        "003_bd2267095a380eb6.txt",
        "004_08156c0f8873661b.txt",
    ] {
        insta::assert_snapshot!(format!("forced_{}", &name[..3]), check(name));
    }
}

#[test]
fn nothing_under_the_national_profile() {
    assert_silent_without_profile(env!("CARGO_MANIFEST_DIR"), &all_rules());
}

fn structure(text: &str) -> Vec<budgetlint_sdk::Diagnostic> {
    let rules: Vec<Box<dyn Rule>> = vec![Box::new(FinalStructure)];
    run(&rules, text, &profile(PROVINCE))
}

/// The byte range of the lines from the body line containing `from` up to the next line
/// containing `to`.
fn range(text: &str, from: &str, to: &str) -> (usize, usize) {
    let body = text.find("## 第一部分").unwrap_or(0);
    let start = body
        + text[body..]
            .find(from)
            .unwrap_or_else(|| panic!("no {from}"));
    let start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let end = start
        + 1
        + text[start + 1..]
            .find(to)
            .unwrap_or_else(|| panic!("no {to}"));
    let end = text[..end].rfind('\n').map_or(0, |i| i + 1);
    (start, end)
}

#[test]
fn deleting_a_table_names_it() {
    let text = seed(SHANXI_SEED);
    let (a, b) = range(&text, "十、部门决算公开相关信息统计表", "第三部分");
    let edited = format!("{}{}", &text[..a], &text[b..]);
    let diags = structure(&edited);
    assert!(
        diags
            .iter()
            .any(|d| d.message.contains("第十张表“部门决算公开相关信息统计表”")),
        "{}",
        render(&diags)
    );
}

#[test]
fn swapping_two_items_names_one_of_them() {
    let text = seed(SHANXI_SEED);
    let (a, b) = range(&text, "二、收入决算情况说明", "三、支出决算情况说明");
    let (_, c) = range(&text, "三、支出决算情况说明", "四、财政拨款");
    let edited = format!("{}{}{}{}", &text[..a], &text[b..c], &text[a..b], &text[c..]);
    let diags: Vec<_> = structure(&edited)
        .into_iter()
        .filter(|d| d.message.contains("位置不符合"))
        .collect();
    assert_eq!(diags.len(), 1, "{}", render(&diags));
    assert!(
        diags[0].message.contains("收入决算情况说明")
            || diags[0].message.contains("支出决算情况说明"),
        "{}",
        diags[0].message
    );
}
