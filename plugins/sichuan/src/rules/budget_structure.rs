use budgetlint_province_common::headings::{self, SectionHeading};
use budgetlint_province_common::skeleton::{compare, report_under, Rules, Section, Template};
use budgetlint_province_common::{applies, document_anchor, is_budget};
use budgetlint_sdk::model::NumberingStyle;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

/// The ten items of the Sichuan 部门预算编制说明, in order.
pub const SECTIONS: &[Section] = &[
    Section {
        title: "基本职能及主要工作",
        aliases: &["基本职能", "主要职能", "主要工作", "部门职责"],
    },
    Section {
        title: "部门概况",
        aliases: &["部门概况", "单位概况", "机构设置", "单位构成", "基本情况"],
    },
    Section {
        title: "收支预算总体情况",
        aliases: &["收支预算总体", "收支总体", "预算总体情况"],
    },
    Section {
        title: "财政拨款支出预算安排情况",
        aliases: &["财政拨款支出预算", "财政拨款收支", "财政拨款"],
    },
    Section {
        title: "一般公共预算当年拨款情况说明",
        aliases: &[
            "一般公共预算当年拨款",
            "一般公共预算拨款",
            "一般公共预算支出",
        ],
    },
    Section {
        title: "一般公共预算基本支出情况说明",
        aliases: &["一般公共预算基本支出", "基本支出"],
    },
    Section {
        title: "政府性基金预算支出情况说明",
        aliases: &["政府性基金"],
    },
    Section {
        title: "“三公”经费预算安排情况说明",
        aliases: &["三公"],
    },
    Section {
        title: "其他重要事项的情况说明",
        aliases: &["其他重要事项", "其他事项"],
    },
    Section {
        title: "名词解释",
        aliases: &["名词解释"],
    },
];

const TEMPLATE: Template = Template {
    scope_zh: "四川省部门预算编制说明模板",
    scope_en: "the Sichuan budget explanation template",
    unit_zh: "项",
    unit_en: "item",
    sections: SECTIONS,
};

declare_rule! {
    /// ## What it checks
    /// That a Sichuan 部门预算编制的说明 has the ten items of the provincial template, in order:
    /// 基本职能及主要工作, 部门概况, 收支预算总体情况, 财政拨款支出预算安排情况,
    /// 一般公共预算当年拨款情况说明, 一般公共预算基本支出情况说明, 政府性基金预算支出情况说明,
    /// “三公”经费预算安排情况说明, 其他重要事项的情况说明, 名词解释. Titles are matched through
    /// aliases; first-level items numbered “1、” instead of “一、” (a Word auto-numbering
    /// conversion) are accepted here — `structure/heading-numbering` reports the numbering.
    ///
    /// Reports each missing item and each item out of order, naming it. Runs only under the 四川
    /// profile and on budgets.
    ///
    /// ## Why
    /// The Sichuan template implements the explanations required by 财预〔2016〕143号 and the
    /// 标准目录 (收支总体, 财政拨款, 一般公共预算 by 类/款/项, 基本支出, 三公, 机关运行经费,
    /// 政府采购, 国有资产, 绩效目标, 名词解释); evaluators check them item by item.
    ///
    /// ## Example
    /// ```text
    /// 5、一般公共预算当年拨款情况说明
    /// 7、政府性基金预算支出情况说明     ← 缺少第六项“一般公共预算基本支出情况说明”
    /// ```
    ///
    /// ## Fix
    /// Add the missing item (say “无” with the reason when there is nothing to report).
    ///
    /// ## 检查内容
    /// 四川部门预算编制说明是否按省模板的顺序包含十项内容：基本职能及主要工作、部门概况、收支预算总体情况、财政拨款支出预算安排情况、一般公共预算当年拨款情况说明、一般公共预算基本支出情况说明、政府性基金预算支出情况说明、“三公”经费预算安排情况说明、其他重要事项的情况说明、名词解释。标题按别名匹配；一级条目编号写成“1、”而不是“一、”（Word 自动编号转换造成）在这里可以接受，编号问题由 `structure/heading-numbering` 报告。
    ///
    /// 缺少的条目和顺序不对的条目逐一报告并写明名称。只在四川省份配置下、对预算文件检查。
    ///
    /// ## 依据
    /// 四川模板落实了财预〔2016〕143号和标准目录要求的各项说明（收支总体、财政拨款、按类款项列示的一般公共预算、基本支出、“三公”经费、机关运行经费、政府采购、国有资产、绩效目标、名词解释）；评审逐项检查。
    ///
    /// ## 示例
    /// ```text
    /// 5、一般公共预算当年拨款情况说明
    /// 7、政府性基金预算支出情况说明     ← 缺少第六项“一般公共预算基本支出情况说明”
    /// ```
    ///
    /// ## 修改方法
    /// 补上缺少的条目（没有内容可公开时写“无”并说明原因）。
    pub struct BudgetStructure {
        id: "sichuan/budget-structure",
        severity: Warning,
        summary: "The ten items of the Sichuan budget explanation, in order",
        summary_zh: "四川预算说明的十项内容及其顺序",
    }
}

impl Rule for BudgetStructure {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        if !applies(ctx, crate::PROVINCE) || !is_budget(ctx) {
            return;
        }
        let all = headings::collect(ctx.doc);
        let start = headings::body_start(ctx.doc);
        let candidates: Vec<&SectionHeading> = all
            .iter()
            .filter(|h| h.span.start as usize >= start && is_top_level(h))
            .collect();
        let cmp = compare(&TEMPLATE, &candidates);
        let rules = Rules {
            missing: Some(&Self::META),
            misplaced: Some(&Self::META),
            ..Rules::default()
        };
        out.extend(report_under(
            &rules,
            &TEMPLATE,
            &candidates,
            &cmp,
            document_anchor(ctx.doc),
        ));
    }
}

/// 一、 items anywhere, and 1、 items at the top of the outline (the auto-numbering artefact).
fn is_top_level(h: &SectionHeading) -> bool {
    h.style == NumberingStyle::ChineseComma
        || (h.style == NumberingStyle::ArabicComma && h.depth == 0)
}
