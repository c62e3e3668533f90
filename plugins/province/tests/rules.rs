//! Each rule on its fixtures (tests/fixtures/<rule-name>/) under the Shanghai templates of
//! data/provinces: `fire_*` files must produce findings, `pass_*` none, and nothing fires
//! without a template (national profile, or a province without one). Findings are
//! snapshot-tested.

use budgetlint_plugin_province::*;
use budgetlint_province_common::testing::{fixtures, profile, render, run};
use budgetlint_sdk::{Profile, ProvinceTemplate, Rule};
use std::path::Path;

fn data_template(file: &str) -> ProvinceTemplate {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/provinces")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn shanghai() -> Profile {
    Profile {
        templates: vec![
            data_template("shanghai-budget.toml"),
            data_template("shanghai-final-accounts.toml"),
        ],
        ..profile("上海")
    }
}

fn check_dir(dir: &str, rule: fn() -> Box<dyn Rule>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir);
    let files = fixtures(&root);
    assert!(!files.is_empty(), "no fixtures in {}", root.display());
    for path in files {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let rules = [rule()];
        let diags = run(&rules, &text, &shanghai());
        if name.starts_with("pass_") {
            assert!(
                diags.is_empty(),
                "{dir}/{name} should be clean:\n{}",
                render(&diags)
            );
        } else {
            assert!(!diags.is_empty(), "{dir}/{name} should fire");
        }
        for other in [Profile::default(), profile("上海"), profile("河北")] {
            let quiet = run(&rules, &text, &other);
            assert!(
                quiet.is_empty(),
                "{dir}/{name} fired without a template:\n{}",
                render(&quiet)
            );
        }
        insta::assert_snapshot!(format!("{dir}__{name}"), render(&diags));
    }
}

#[test]
fn template_sections() {
    check_dir("template-sections", || Box::new(TemplateSections));
}

#[test]
fn template_tables() {
    check_dir("template-tables", || Box::new(TemplateTables));
}

#[test]
fn a_budget_is_not_judged_by_the_final_accounts_template() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/template-tables");
    let text = std::fs::read_to_string(root.join("fire_expenditure_table_missing.txt"))
        .unwrap()
        .replace("部门决算", "部门预算");
    let rules: [Box<dyn Rule>; 1] = [Box::new(TemplateTables)];
    let diags = run(&rules, &text, &shanghai());
    assert!(diags.is_empty(), "{}", render(&diags));
}
