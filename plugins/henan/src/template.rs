//! The 附件 of the Henan 部门预算 template: its twelve tables, their titles and headers. The
//! parts and their items are data (`data/provinces/henan-budget.toml`).

use budgetlint_province_common::skeleton::{Section, Template};

pub const TABLES: &[Section] = &[
    Section {
        title: "部门收支总体情况表",
        aliases: &["收支总体情况表", "收支总表", "收支预算总表"],
    },
    Section {
        title: "部门收入总体情况表",
        aliases: &["收入总体情况表", "收入总表", "收入预算表"],
    },
    Section {
        title: "部门支出总体情况表",
        aliases: &["支出总体情况表", "支出总表", "支出预算表"],
    },
    Section {
        title: "财政拨款收支总体情况表",
        aliases: &[
            "财政拨款收支总体情况表",
            "财政拨款收支总表",
            "财政拨款收支预算总表",
        ],
    },
    Section {
        title: "一般公共预算支出情况表",
        aliases: &[
            "一般公共预算支出情况表",
            "一般公共预算支出表",
            "一般公共预算支出预算表",
        ],
    },
    Section {
        title: "支出预算分类汇总表（按支出经济分类）",
        aliases: &[
            "支出预算分类汇总表",
            "按支出经济分类",
            "一般公共预算基本支出情况表",
            "一般公共预算基本支出表",
        ],
    },
    Section {
        title: "一般公共预算“三公”经费支出情况表",
        aliases: &["三公+表"],
    },
    Section {
        title: "政府性基金预算支出情况表",
        aliases: &["政府性基金+表"],
    },
    Section {
        title: "国有资本经营预算支出情况表",
        aliases: &["国有资本经营+表"],
    },
    Section {
        title: "部门（单位）整体绩效目标表",
        aliases: &["整体绩效目标", "整体支出绩效目标"],
    },
    Section {
        title: "部门（单位）预算项目绩效目标汇总表",
        aliases: &["项目绩效目标汇总表", "项目绩效目标表", "预算项目绩效目标"],
    },
    Section {
        title: "机关运行经费",
        aliases: &["机关运行经费"],
    },
];

/// Header words that identify a table printed without its title (all must appear in its first
/// rows), by table index.
pub const TABLE_HEADERS: &[(usize, &[&str], &[&str])] = &[
    // 项目绩效目标汇总表: 项目名称 and one of the project columns.
    (
        10,
        &["项目名称"],
        &["项目实施时间", "项目属性", "项目负责人", "项目概况"],
    ),
];

pub const TABLES_TEMPLATE: Template = Template {
    scope_zh: "河南省部门预算公开模板附件",
    scope_en: "the annex of the Henan budget template",
    unit_zh: "张表",
    unit_en: "table",
    sections: TABLES,
};
