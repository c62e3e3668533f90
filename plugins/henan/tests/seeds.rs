//! All rules on the five seed documents under the 河南 profile (snapshots, so regressions show),
//! and the 附件's rules on seed 004 (its parts and items are data, tested in plugins/province).

use budgetlint_plugin_henan::{
    all_rules, AnnexUntitledTable, BudgetOrder, BudgetStructure, PROVINCE,
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
    // The 附件's comparison, under the rule of each judgement.
    let rules: Vec<Box<dyn Rule>> = vec![
        Box::new(BudgetStructure),
        Box::new(BudgetOrder),
        Box::new(AnnexUntitledTable),
    ];
    run(&rules, text, &profile(PROVINCE))
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
