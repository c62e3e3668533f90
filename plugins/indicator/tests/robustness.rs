//! The rules never panic: on every line-prefix of every fixture, and on adversarial values
//! (huge numbers, lone operators, odd characters).

mod common;

use budgetlint_plugin_indicator::all_rules;
use common::{fixtures_dir, text_files};

fn run_all(text: &str) {
    // Parse once, run every rule on the same model (as the host does).
    let doc = budgetlint_sdk::model::parse_text(text.to_string());
    let options = serde_json::json!({"floor": "not a number"});
    let profile = budgetlint_sdk::Profile::default();
    let views = budgetlint_sdk::Views::new(&doc, &profile);
    let ctx = budgetlint_sdk::Context::new(&views, &options);
    let mut out = Vec::new();
    for rule in all_rules() {
        rule.check(&ctx, &mut out);
    }
}

#[test]
fn every_prefix_of_every_fixture() {
    let mut dirs: Vec<_> = std::fs::read_dir(fixtures_dir())
        .expect("fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        for file in text_files(&dir) {
            let text = std::fs::read_to_string(&file).expect("fixture");
            let lines: Vec<&str> = text.split_inclusive('\n').collect();
            for n in 0..=lines.len() {
                run_all(&lines[..n].concat());
            }
        }
    }
}

#[test]
fn adversarial_values() {
    let values = [
        "≤99999999999999999999999999万元/月",
        "99999999999999999999999999元",
        "≥99999999999999999999999999%",
        "0万元/月",
        "≤0.000000000000000000001万元",
        "≥",
        "比率",
        "100比率比率",
        "１００％",
        "≤100比\n率",
        "第3",
        "12月份底前",
        "\u{3000}",
        "😀100%",
    ];
    for budget in ["0", "0.00", "99999999999999999999999999", "-5", "12.00"] {
        for v in values {
            let text = format!(
                "1、测试项目绩效目标表\n单位：万元\n项目名称\t测试项目\n预算数\t{budget}\n资金支出计划（%）\t3月底\t12月底\n\t999999999999999999999999%\t-1%\n一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\t指标值确定依据\n产出指标\t成本指标\t预算控制数\t控制数\t{v}\t依据\n\t数量指标\t成功率\t成功率\t{v}\t依据\n满意度指标\t服务对象满意度指标\t工作人员满意度\t满意度\t{v}\t依据\n"
            );
            run_all(&text);
        }
    }
}
