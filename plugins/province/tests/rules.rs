//! Each rule on its fixtures (tests/fixtures/<rule-name>/), by the one fixture convention
//! (`rule_fixture_tests!`): `fire*` files must produce findings, `info*` info findings only,
//! `pass*` none; findings are snapshot-tested. A fixture's name says whose template it is
//! written for (`fire_hebei_…`, `pass_shanghai_…`): it runs under that province's profile with
//! the province's templates of data/provinces, as the engine would hand them over. Nothing
//! fires without a template (national profile, or a province without one).

use budgetlint_plugin_province::*;
use budgetlint_sdk::testing::{check_text_with, fixture_files, province, render};
use budgetlint_sdk::{Profile, ProvinceTemplate, Rule};
use std::path::Path;

/// The provinces fixtures are written for: the word in a fixture's name, and the province.
const PROVINCES: [(&str, &str); 5] = [
    ("hebei", "河北"),
    ("henan", "河南"),
    ("shanghai", "上海"),
    ("shanxi", "山西"),
    ("sichuan", "四川"),
];

/// The built-in templates of `province` (short name), read from data/provinces.
fn data_templates(province: &str) -> Vec<ProvinceTemplate> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/provinces");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).unwrap();
            toml::from_str::<ProvinceTemplate>(&text)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        })
        .filter(|t| t.province == province)
        .collect()
}

/// The profile of the province a fixture's name names, with its templates.
fn profile_of(fixture: &str) -> Profile {
    let (_, name) = PROVINCES
        .iter()
        .find(|(word, _)| fixture.split('_').any(|w| w == *word))
        .unwrap_or_else(|| panic!("{fixture}: name the province (fire_hebei_…)"));
    Profile {
        templates: data_templates(name),
        ..province(name)
    }
}

budgetlint_sdk::rule_fixture_tests! {
    profile_of: profile_of;
    template_sections: TemplateSections,
    section_recommended: SectionRecommended,
    section_order: SectionOrder,
    section_unknown: SectionUnknown,
    section_format: SectionFormat,
    template_tables: TemplateTables,
    vocabulary: Vocabulary,
    regulation_number: RegulationNumber,
    project_code_prefix: ProjectCodePrefix,
    perf_table_columns: PerfTableColumns,
}

fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(TemplateSections),
        Box::new(SectionRecommended),
        Box::new(SectionOrder),
        Box::new(SectionUnknown),
        Box::new(SectionFormat),
        Box::new(TemplateTables),
        Box::new(Vocabulary),
        Box::new(RegulationNumber),
        Box::new(ProjectCodePrefix),
        Box::new(PerfTableColumns),
    ]
}

#[test]
fn nothing_fires_without_a_template() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for rule in rules() {
        let dir = fixtures.join(budgetlint_sdk::testing::rule_name(rule.as_ref()));
        for (name, text) in fixture_files(&dir) {
            for other in [
                Profile::default(),
                province("上海"),
                province("河北"),
                province("山西"),
                province("山东"),
            ] {
                let quiet = check_text_with(rule.as_ref(), &text, &serde_json::json!({}), &other);
                assert!(
                    quiet.is_empty(),
                    "{name} fired without a template:\n{}",
                    render(&quiet)
                );
            }
        }
    }
}

#[test]
fn a_budget_is_not_judged_by_the_final_accounts_template() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/template-tables");
    let text = std::fs::read_to_string(root.join("fire_shanghai_expenditure_table_missing.txt"))
        .unwrap()
        .replace("部门决算", "部门预算");
    let diags = check_text_with(
        &TemplateTables,
        &text,
        &serde_json::json!({}),
        &profile_of("shanghai"),
    );
    assert!(diags.is_empty(), "{}", render(&diags));
}
