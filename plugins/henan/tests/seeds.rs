//! All rules on the five seed documents under the 河南 profile (snapshots, so regressions show),
//! and the layout rules on edited copies of seed 004: a section deleted, two swapped.

use budgetlint_plugin_henan::{
    all_rules, AnnexUntitledTable, BudgetExtraPart, BudgetFormat, BudgetOrder, BudgetStructure,
    PROVINCE,
};
use budgetlint_province_common::testing::{
    assert_silent_without_profile, profile, render, run, seed_text,
};
use budgetlint_sdk::Rule;

const HENAN_SEED: &str = "004_08156c0f8873661b.txt";

fn seed(name: &str) -> String {
    seed_text(env!("CARGO_MANIFEST_DIR"), name)
}

fn check(name: &str) -> String {
    render(&run(&all_rules(), &seed(name), &profile(PROVINCE)))
}

#[test]
fn seed_004() {
    insta::assert_snapshot!(check(HENAN_SEED));
}

/// The Henan rules forced onto the other provinces' seeds: they must not misfire.
#[test]
fn other_provinces_seeds_forced_to_henan() {
    for name in [
        "000_b6be87d832f84f2b.txt",
        "001_c5c4ecd7bc6cfe7d.txt",
        "002_05b117f19e5843c3.txt",
        "003_bd2267095a380eb6.txt",
    ] {
        insta::assert_snapshot!(format!("forced_{}", &name[..3]), check(name));
    }
}

#[test]
fn nothing_under_the_national_profile() {
    assert_silent_without_profile(env!("CARGO_MANIFEST_DIR"), &all_rules());
}

fn structure(text: &str) -> Vec<budgetlint_sdk::Diagnostic> {
    // The layout comparison's findings, under the rule of each judgement.
    let rules: Vec<Box<dyn Rule>> = vec![
        Box::new(BudgetStructure),
        Box::new(BudgetOrder),
        Box::new(BudgetExtraPart),
        Box::new(BudgetFormat),
        Box::new(AnnexUntitledTable),
    ];
    run(&rules, text, &profile(PROVINCE))
}

/// The byte range of the body lines from the one starting with `from` up to the one starting
/// with `to` (searching after the 目录).
fn range(text: &str, from: &str, to: &str) -> (usize, usize) {
    let body = text.find("第二部分\n").unwrap_or(0);
    let start = body
        + text[body..]
            .find(&format!("\n{from}"))
            .map(|i| i + 1)
            .unwrap_or_else(|| panic!("no line {from}"));
    let end = start
        + text[start..]
            .find(&format!("\n{to}"))
            .map(|i| i + 1)
            .unwrap_or_else(|| panic!("no line {to}"));
    (start, end)
}

#[test]
fn seed_reports_the_three_missing_tables_once() {
    let diags = structure(&seed(HENAN_SEED));
    let errors: Vec<_> = diags
        .iter()
        .filter(|d| d.severity == budgetlint_sdk::Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{}", render(&diags));
    assert_eq!(errors[0].span.line, 31);
    for name in [
        "支出预算分类汇总表",
        "政府性基金预算支出情况表",
        "国有资本经营预算支出情况表",
    ] {
        assert!(errors[0].message.contains(name), "{}", errors[0].message);
    }
}

#[test]
fn deleting_an_item_names_it() {
    let text = seed(HENAN_SEED);
    let (a, b) = range(&text, "七、“三公”", "八、");
    let edited = format!("{}{}", &text[..a], &text[b..]);
    let diags = structure(&edited);
    assert!(
        diags
            .iter()
            .any(|d| d.message.contains("第七项““三公”经费支出预算情况说明”")),
        "{}",
        render(&diags)
    );
}

#[test]
fn swapping_two_items_names_one_of_them() {
    let text = seed(HENAN_SEED);
    let (a, b) = range(&text, "二、收入预算", "三、");
    let (_, c) = range(&text, "三、支出预算", "四、");
    let edited = format!("{}{}{}{}", &text[..a], &text[b..c], &text[a..b], &text[c..]);
    let diags: Vec<_> = structure(&edited)
        .into_iter()
        .filter(|d| d.message.contains("位置不符合"))
        .collect();
    assert_eq!(diags.len(), 1, "{}", render(&diags));
    assert!(
        diags[0].message.contains("收入预算总体情况说明")
            || diags[0].message.contains("支出预算总体情况说明"),
        "{}",
        diags[0].message
    );
}
