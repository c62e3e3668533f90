//! The Henan 部门预算 template as data.

use budgetlint_province_common::skeleton::{Section, Template};

pub const PARTS: &[Section] = &[
    Section {
        title: "概况",
        aliases: &["概况", "基本情况"],
    },
    Section {
        title: "部门预算情况说明",
        aliases: &["预算情况说明", "情况说明", "预算说明"],
    },
    Section {
        title: "名词解释",
        aliases: &["名词解释"],
    },
];

pub const PARTS_TEMPLATE: Template = Template {
    scope_zh: "河南省部门预算公开模板",
    scope_en: "the Henan budget disclosure template",
    unit_zh: "部分",
    unit_en: "part",
    sections: PARTS,
};

pub const OVERVIEW_ITEMS: &[Section] = &[
    Section {
        title: "主要职能",
        aliases: &["职能", "职责"],
    },
    Section {
        title: "机构设置及部门预算单位构成",
        aliases: &["机构设置", "单位构成"],
    },
];

pub const OVERVIEW_TEMPLATE: Template = Template {
    scope_zh: "河南省部门预算公开模板第一部分",
    scope_en: "part 1 of the Henan budget template",
    unit_zh: "项",
    unit_en: "item",
    sections: OVERVIEW_ITEMS,
};

pub const EXPLANATION_ITEMS: &[Section] = &[
    Section {
        title: "收入支出预算总体情况说明",
        aliases: &["收入支出预算总体", "收支预算总体", "收支总体"],
    },
    Section {
        title: "收入预算总体情况说明",
        aliases: &["收入预算"],
    },
    Section {
        title: "支出预算总体情况说明",
        aliases: &["支出预算总体"],
    },
    Section {
        title: "财政拨款收入支出预算总体情况说明",
        aliases: &["财政拨款收入支出预算总体", "财政拨款收支", "财政拨款"],
    },
    Section {
        title: "一般公共预算支出预算情况说明",
        aliases: &["一般公共预算支出"],
    },
    Section {
        title: "一般公共预算基本支出预算情况说明",
        aliases: &["基本支出", "经济分类"],
    },
    Section {
        title: "“三公”经费支出预算情况说明",
        aliases: &["三公"],
    },
    Section {
        title: "政府性基金预算支出预算情况说明",
        aliases: &["政府性基金"],
    },
    Section {
        title: "国有资本经营预算支出预算情况说明",
        aliases: &["国有资本经营"],
    },
    Section {
        title: "其他重要事项情况说明",
        aliases: &["其他重要事项", "其他事项", "其他需要说明"],
    },
];

pub const EXPLANATION_TEMPLATE: Template = Template {
    scope_zh: "河南省部门预算公开模板第二部分",
    scope_en: "part 2 of the Henan budget template",
    unit_zh: "项",
    unit_en: "item",
    sections: EXPLANATION_ITEMS,
};

/// The twelve tables of the 附件, in order.
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
