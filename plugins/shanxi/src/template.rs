//! The Shanxi 预算绩效情况说明's three parts (the 决算's parts and lists are data:
//! data/provinces/shanxi-final-accounts.toml).

use budgetlint_province_common::skeleton::{Section, Template};

/// The three parts of （四）预算绩效情况说明.
pub const PERF_ITEMS: &[Section] = &[
    Section {
        title: "预算绩效管理工作开展情况",
        aliases: &["工作开展情况", "开展情况"],
    },
    Section {
        title: "部门决算中项目绩效自评结果",
        aliases: &["自评结果", "自评"],
    },
    Section {
        title: "部门评价项目绩效评价结果",
        aliases: &["评价项目绩效评价结果", "评价结果", "部门评价"],
    },
];

pub const PERF_TEMPLATE: Template = Template {
    scope_zh: "山西省部门决算模板的预算绩效情况说明",
    scope_en: "the Shanxi 预算绩效情况说明",
    unit_zh: "项",
    unit_en: "item",
    sections: PERF_ITEMS,
};
