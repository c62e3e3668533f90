//! All rules on the five seed documents under the 四川 profile (snapshots, so regressions show),
//! and the structure rule on edited copies of seed 003: an item deleted, two swapped.

use budgetlint_plugin_sichuan::{all_rules, BudgetStructure, PROVINCE};
use budgetlint_province_common::testing::{
    assert_silent_without_profile, profile, render, run, seed_text,
};
use budgetlint_sdk::Rule;

const SICHUAN_SEED: &str = "003_bd2267095a380eb6.txt";

fn seed(name: &str) -> String {
    seed_text(env!("CARGO_MANIFEST_DIR"), name)
}

fn check(name: &str) -> String {
    render(&run(&all_rules(), &seed(name), &profile(PROVINCE)))
}

#[test]
fn seed_003() {
    insta::assert_snapshot!(check(SICHUAN_SEED));
}

/// The Shanxi rules forced onto the other provinces' seeds: they must not misfire.
#[test]
fn other_provinces_seeds_forced_to_sichuan() {
    for name in [
        "000_b6be87d832f84f2b.txt",
        "001_c5c4ecd7bc6cfe7d.txt",
        "002_05b117f19e5843c3.txt",
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
    let rules: Vec<Box<dyn Rule>> = vec![Box::new(BudgetStructure)];
    run(&rules, text, &profile(PROVINCE))
}

/// The byte range of the lines from the one starting with `from` up to the one starting with `to`.
fn range(text: &str, from: &str, to: &str) -> (usize, usize) {
    let start = text
        .find(&format!("\n{from}"))
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("no {from}"));
    let end = start
        + text[start..]
            .find(&format!("\n{to}"))
            .map(|i| i + 1)
            .unwrap_or_else(|| panic!("no {to}"));
    (start, end)
}

#[test]
fn seed_structure_is_complete() {
    let diags = structure(&seed(SICHUAN_SEED));
    assert!(diags.is_empty(), "{}", render(&diags));
}

#[test]
fn deleting_an_item_names_it() {
    let text = seed(SICHUAN_SEED);
    let (a, b) = range(&text, "6、", "7、");
    let edited = format!("{}{}", &text[..a], &text[b..]);
    let diags = structure(&edited);
    assert_eq!(diags.len(), 1, "{}", render(&diags));
    assert!(
        diags[0]
            .message
            .contains("第六项“一般公共预算基本支出情况说明”"),
        "{}",
        diags[0].message
    );
}

#[test]
fn swapping_two_items_names_one_of_them() {
    let text = seed(SICHUAN_SEED);
    let (a, b) = range(&text, "3、", "4、");
    let (_, c) = range(&text, "4、", "5、");
    let edited = format!("{}{}{}{}", &text[..a], &text[b..c], &text[a..b], &text[c..]);
    let diags = structure(&edited);
    assert_eq!(diags.len(), 1, "{}", render(&diags));
    assert!(
        diags[0].message.contains("位置不符合"),
        "{}",
        diags[0].message
    );
}
