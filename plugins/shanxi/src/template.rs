//! The Shanxi 部门决算 template as data.

use budgetlint_province_common::skeleton::{Section, Template};

pub const PARTS: &[Section] = &[
    Section {
        title: "概况",
        aliases: &["概况", "基本情况"],
    },
    Section {
        title: "部门决算报表",
        aliases: &["决算报表", "决算表", "公开报表"],
    },
    Section {
        title: "部门决算情况说明",
        aliases: &["情况说明"],
    },
    Section {
        title: "名词解释",
        aliases: &["名词解释"],
    },
    Section {
        title: "附件",
        aliases: &["附件", "附表"],
    },
];

pub const PARTS_TEMPLATE: Template = Template {
    scope_zh: "山西省部门决算公开模板",
    scope_en: "the Shanxi final-accounts template",
    unit_zh: "部分",
    unit_en: "part",
    sections: PARTS,
};

pub const OVERVIEW_ITEMS: &[Section] = &[
    Section {
        title: "本部门职责",
        aliases: &["职责", "职能"],
    },
    Section {
        title: "机构设置情况",
        aliases: &["机构设置", "单位构成"],
    },
];

pub const OVERVIEW_TEMPLATE: Template = Template {
    scope_zh: "山西省部门决算模板第一部分",
    scope_en: "part 1 of the Shanxi final-accounts template",
    unit_zh: "项",
    unit_en: "item",
    sections: OVERVIEW_ITEMS,
};

/// The ten tables listed in 第二部分.
pub const TABLES: &[Section] = &[
    Section {
        title: "收入支出决算总表",
        aliases: &["收入支出决算总表"],
    },
    Section {
        title: "收入决算表",
        aliases: &["收入决算表"],
    },
    Section {
        title: "支出决算表",
        aliases: &["支出决算表"],
    },
    Section {
        title: "财政拨款收入支出决算总表",
        aliases: &["财政拨款收入支出决算总表"],
    },
    Section {
        title: "一般公共预算财政拨款支出决算表（一）",
        aliases: &[
            "一般公共预算财政拨款支出决算表(一)",
            "一般公共预算财政拨款支出决算表",
        ],
    },
    Section {
        title: "一般公共预算财政拨款支出决算表（二）",
        aliases: &[
            "一般公共预算财政拨款支出决算表(二)",
            "一般公共预算财政拨款基本支出决算表",
        ],
    },
    Section {
        title: "一般公共预算财政拨款“三公”经费支出决算表",
        aliases: &["三公经费支出决算表", "三公"],
    },
    Section {
        title: "政府性基金预算财政拨款收入支出决算表",
        aliases: &["政府性基金预算", "政府性基金"],
    },
    Section {
        title: "国有资本经营预算财政拨款支出决算表",
        aliases: &["国有资本经营预算", "国有资本经营"],
    },
    Section {
        title: "部门决算公开相关信息统计表",
        aliases: &["相关信息统计表", "信息统计表"],
    },
];

pub const TABLES_TEMPLATE: Template = Template {
    scope_zh: "山西省部门决算模板第二部分（决算报表）",
    scope_en: "part 2 (tables) of the Shanxi final-accounts template",
    unit_zh: "张表",
    unit_en: "table",
    sections: TABLES,
};

pub const EXPLANATION_ITEMS: &[Section] = &[
    Section {
        title: "收入支出决算总体情况说明",
        aliases: &["收入支出决算总体"],
    },
    Section {
        title: "收入决算情况说明",
        aliases: &["收入决算"],
    },
    Section {
        title: "支出决算情况说明",
        aliases: &["支出决算情况"],
    },
    Section {
        title: "财政拨款收入支出决算总体情况说明",
        aliases: &["财政拨款收入支出决算总体", "财政拨款收入支出"],
    },
    Section {
        title: "一般公共预算财政拨款支出决算情况说明",
        aliases: &["一般公共预算财政拨款支出决算", "一般公共预算财政拨款支出"],
    },
    Section {
        title: "一般公共预算财政拨款基本支出决算情况说明",
        aliases: &[
            "一般公共预算财政拨款基本支出",
            "基本支出决算情况",
            "基本支出",
        ],
    },
    Section {
        title: "一般公共预算财政拨款“三公”经费支出决算情况说明",
        aliases: &["三公经费支出决算", "三公"],
    },
    Section {
        title: "其他重要事项情况说明",
        aliases: &["其他重要事项", "其他事项"],
    },
];

pub const EXPLANATION_TEMPLATE: Template = Template {
    scope_zh: "山西省部门决算模板第三部分（情况说明）",
    scope_en: "part 3 of the Shanxi final-accounts template",
    unit_zh: "项",
    unit_en: "item",
    sections: EXPLANATION_ITEMS,
};

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
