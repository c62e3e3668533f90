//! Provinces as data: a province that budgetlint does not ship (山东 here, written for the test)
//! is added with one template file that rules.toml's `plugins.provinces` names, and selected
//! with `profile = "..."` by Pinyin or Chinese name; the built-in 上海 templates apply to a
//! Shanghai document; a profile naming a province without rules says so.

#[path = "../../engine/tests/common/example.rs"]
mod example;
mod support;

use support::*;

/// A Shandong template: four parts (an illustration, as examples/province-plugin's).
const SHANDONG: &str = r#"
province = "shandong"
kind = "budget"
name-zh = "山东省部门预算公开模板"
name-en = "the Shandong budget disclosure template"
numbering = "part"

[[sections]]
title = "部门概况"
aliases = ["概况"]

[[sections]]
title = "部门预算情况说明"
aliases = ["情况说明", "预算说明"]

[[sections]]
title = "名词解释"
aliases = ["名词解释"]

[[sections]]
title = "部门预算公开表"
aliases = ["公开表", "附表"]
"#;

/// A budget whose issuer names no place: only the configured profile makes it 山东.
const PARTS_DOC: &str = "某某中心2021年部门预算公开说明\n第一部分 部门概况\n负责本系统工作。\n第三部分 名词解释\n财政拨款收入。\n第四部分 部门预算公开表\n附表。\n";

fn rules_of(report: &serde_json::Value) -> Vec<String> {
    report["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_data_only_province_is_selected_by_profile_in_pinyin_or_chinese() {
    for profile in ["shandong", "山东", "山东省"] {
        let dir = workspace(
            &format!("profile = \"{profile}\"\n[plugins]\nprovinces = [\"provinces\"]\n"),
            &[
                ("provinces/shandong-budget.toml", SHANDONG),
                ("a.txt", PARTS_DOC),
            ],
        );
        let out = run(dir.path(), &["check", "--format", "json", "a.txt"]);
        assert!(
            !stderr(&out).contains("no loaded plugin or province template"),
            "{profile}: {}",
            stderr(&out)
        );
        let report = json(&out);
        assert_eq!(
            report["files"][0]["profile"]["province"], "山东",
            "{profile}"
        );
        let diags = report["files"][0]["diagnostics"].as_array().unwrap();
        let missing: Vec<&serde_json::Value> = diags
            .iter()
            .filter(|d| d["rule"] == "province/template-sections")
            .collect();
        assert_eq!(missing.len(), 1, "{profile}: {diags:#?}");
        assert!(
            missing[0]["message"]
                .as_str()
                .unwrap()
                .contains("第二部分“部门预算情况说明”"),
            "{:?}",
            missing[0]
        );
    }
}

#[test]
fn without_its_template_the_same_profile_runs_the_national_rules_and_warns() {
    let dir = workspace("profile = \"shandong\"\n", &[("a.txt", PARTS_DOC)]);
    let out = run(dir.path(), &["check", "--format", "json", "a.txt"]);
    assert!(
        stderr(&out).contains("已加载的插件和省份模板中没有山东的规则，只检查全国通用规则"),
        "{}",
        stderr(&out)
    );
    let report = json(&out);
    assert_eq!(report["files"][0]["profile"]["province"], "山东");
    assert!(!rules_of(&report).iter().any(|r| r.starts_with("province/")));
}

#[test]
fn a_broken_template_is_an_error_naming_it() {
    let dir = workspace(
        "[plugins]\nprovinces = [\"provinces\"]\n",
        &[
            ("provinces/x.toml", "province = \"atlantis\"\n"),
            ("a.txt", PARTS_DOC),
        ],
    );
    let out = run(dir.path(), &["check", "a.txt"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("x.toml"), "{}", stderr(&out));
}

#[test]
fn the_built_in_shanghai_template_finds_a_missing_table() {
    let mut text = String::from("上海市某区某局2024年度部门决算\n目 录\n第一部分 概况\n第二部分 部门决算表\n第三部分 部门决算情况说明\n第四部分 名词解释\n");
    text.push_str("第一部分 上海市某区某局概况\n一、主要职能\n负责全区某项工作。\n");
    text.push_str("第二部分 上海市某区某局2024年度部门决算表\n");
    for title in [
        "收入支出决算总表",
        "收入决算表",
        "财政拨款收入支出决算总表",
        "一般公共预算财政拨款支出决算表",
        "一般公共预算财政拨款基本支出决算表",
        "财政拨款“三公”经费支出决算表",
        "政府性基金预算财政拨款收入支出决算表",
        "国有资本经营预算财政拨款收入支出决算表",
    ] {
        text.push_str(&format!("{title}\n单位：万元\n项目\t决算数\n合计\t10.00\n"));
    }
    text.push_str("第三部分 上海市某区某局2024年度部门决算情况说明\n本年收入合计10.00万元。\n第四部分 名词解释\n财政拨款收入：指本年度从本级财政部门取得的财政拨款。\n");
    let dir = workspace("", &[("a.txt", &text)]);
    let report = json(&run(dir.path(), &["check", "--format", "json", "a.txt"]));
    assert_eq!(report["files"][0]["profile"]["province"], "上海");
    let diags = report["files"][0]["diagnostics"].as_array().unwrap();
    let tables: Vec<&serde_json::Value> = diags
        .iter()
        .filter(|d| d["rule"] == "province/template-tables")
        .collect();
    assert_eq!(tables.len(), 1, "{diags:#?}");
    assert!(
        tables[0]["message"]
            .as_str()
            .unwrap()
            .contains("“支出决算表”"),
        "{:?}",
        tables[0]
    );
}

/// A Sichuan 编制说明 numbered by Word (`1、`), its sixth item left out and its seventh and
/// eighth swapped.
fn sichuan_doc() -> String {
    let mut text = String::from("某中心2021年部门预算编制的说明\n");
    for (n, title) in [
        "基本职能及主要工作",
        "部门概况",
        "收支预算总体情况",
        "财政拨款支出预算安排情况",
        "一般公共预算当年拨款情况说明",
        "“三公”经费预算安排情况说明",
        "政府性基金预算支出情况说明",
        "其他重要事项的情况说明",
        "名词解释",
    ]
    .iter()
    .enumerate()
    {
        text.push_str(&format!("{}、{title}\n本项说明内容。\n", n + 1));
    }
    text
}

/// The Sichuan template is data (`data/provinces/sichuan-budget.toml`, formerly the compiled
/// `sichuan/budget-structure`): a missing item is a warning under its own id, an item out of
/// order another; the old id still switches both off, and is reported as renamed.
#[test]
fn the_built_in_sichuan_template_and_its_former_rule_id() {
    let dir = workspace("profile = \"sichuan\"\n", &[("a.txt", &sichuan_doc())]);
    let report = json(&run(dir.path(), &["check", "--format", "json", "a.txt"]));
    assert_eq!(report["files"][0]["profile"]["province"], "四川");
    let diags = report["files"][0]["diagnostics"].as_array().unwrap();
    let of = |rule: &str| -> Vec<&serde_json::Value> {
        diags.iter().filter(|d| d["rule"] == rule).collect()
    };
    let missing = of("province/section-recommended");
    assert_eq!(missing.len(), 1, "{diags:#?}");
    assert_eq!(missing[0]["severity"], "warning");
    assert!(
        missing[0]["message"]
            .as_str()
            .unwrap()
            .contains("第六项“一般公共预算基本支出情况说明”"),
        "{:?}",
        missing[0]
    );
    assert_eq!(of("province/section-order").len(), 1, "{diags:#?}");
    assert!(of("province/template-sections").is_empty(), "{diags:#?}");

    let dir = workspace(
        "profile = \"sichuan\"\n[rules.\"sichuan/budget-structure\"]\nseverity = \"off\"\n",
        &[("a.txt", &sichuan_doc())],
    );
    let out = run(dir.path(), &["check", "--format", "json", "a.txt"]);
    let rules = rules_of(&json(&out));
    assert!(
        !rules
            .iter()
            .any(|r| r == "province/section-recommended" || r == "province/section-order"),
        "{rules:?}"
    );
    for new in ["province/section-recommended", "province/section-order"] {
        let said = format!("规则 `sichuan/budget-structure` 已更名为 `{new}`");
        assert!(stderr(&out).contains(&said), "{said}\n{}", stderr(&out));
    }
}

/// `explain` of a former id that now names two rules says so, and explains the first.
#[test]
fn explaining_a_former_id_of_two_rules_names_both() {
    let dir = workspace("", &[]);
    let out = run(dir.path(), &["explain", "sichuan/budget-structure"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "规则 `sichuan/budget-structure` 已拆分为 `province/section-recommended`、`province/section-order`"
        ),
        "{}",
        stderr(&out)
    );
    assert!(
        stdout(&out).starts_with("province/section-recommended\n"),
        "{}",
        stdout(&out)
    );
}

/// A compiled out-of-tree province (examples/province-plugin, 山东, built here as a finance
/// bureau would) is selected by `profile = "..."` for a document that names no place, as the
/// engine test shows for the library (`crates/engine/tests/out_of_tree_province.rs`).
#[test]
fn a_compiled_out_of_tree_province_is_selected_by_profile() {
    let lib = example::build_example();
    for profile in ["shandong", "山东"] {
        let dir = workspace(
            &format!(
                "profile = \"{profile}\"\n[plugins]\npaths = [{:?}]\n",
                lib.display().to_string()
            ),
            &[("a.txt", PARTS_DOC)],
        );
        let out = run(
            dir.path(),
            &["check", "--allow-plugins", "--format", "json", "a.txt"],
        );
        assert!(
            !stderr(&out).contains("没有山东的规则"),
            "{profile}: {}",
            stderr(&out)
        );
        let report = json(&out);
        assert_eq!(
            report["files"][0]["profile"]["province"], "山东",
            "{profile}"
        );
        assert_eq!(
            report["files"][0]["profile"]["detected_by"], "config",
            "{profile}"
        );
        assert!(
            rules_of(&report).iter().any(|r| r == example::RULE),
            "{profile}: {:?}",
            rules_of(&report)
        );
    }
}
