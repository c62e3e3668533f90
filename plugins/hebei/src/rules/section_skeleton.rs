use budgetlint_province_common::headings::{self, SectionHeading};
use budgetlint_province_common::skeleton::{compare, report, Report, Section, Template};
use budgetlint_province_common::{applies, document_anchor, is_budget};
use budgetlint_sdk::model::NumberingStyle;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

/// The nine sections of the Hebei 部门(单位)预算信息公开情况说明, in order.
pub const SECTIONS: &[Section] = &[
    Section {
        title: "部门（单位）职责及机构设置情况",
        aliases: &["职责+机构设置", "职责", "机构设置"],
    },
    Section {
        title: "部门（单位）预算安排的总体情况",
        aliases: &[
            "预算安排的总体情况",
            "预算安排总体情况",
            "收支总体情况",
            "总体情况",
        ],
    },
    Section {
        title: "机关运行经费安排情况",
        aliases: &["机关运行经费"],
    },
    Section {
        title: "财政拨款“三公”经费预算情况及增减变化原因",
        aliases: &["三公"],
    },
    Section {
        title: "预算绩效信息",
        aliases: &["绩效"],
    },
    Section {
        title: "政府采购预算情况",
        aliases: &["政府采购"],
    },
    Section {
        title: "国有资产信息",
        aliases: &["国有资产", "资产信息", "资产占用"],
    },
    Section {
        title: "名词解释",
        aliases: &["名词解释"],
    },
    Section {
        title: "其他需要说明的事项",
        aliases: &["其他需要说明", "其他说明", "其他事项"],
    },
];

const TEMPLATE: Template = Template {
    scope_zh: "河北省部门（单位）预算公开模板",
    scope_en: "the Hebei budget disclosure template",
    unit_zh: "部分",
    unit_en: "section",
    sections: SECTIONS,
};

declare_rule! {
    /// ## What it checks
    /// That a Hebei 部门（单位）预算信息公开情况说明 has the nine sections of the provincial
    /// template, in order: 一、职责及机构设置情况 二、预算安排的总体情况 三、机关运行经费安排情况
    /// 四、财政拨款“三公”经费预算情况及增减变化原因 五、预算绩效信息 六、政府采购预算情况
    /// 七、国有资产信息 八、名词解释 九、其他需要说明的事项. Titles are matched through aliases
    /// (部门↔单位, 预算绩效信息↔绩效预算信息, with or without the body's name). Reports each missing
    /// section (error) and each section out of order (warning), naming it; headings numbered like
    /// the sections that match none of them are reported at info level.
    ///
    /// Runs only under the 河北 profile and on budgets (预算), and only when the document follows
    /// the template at all (at least half of the sections found).
    ///
    /// ## Why
    /// 《地方预决算公开操作规程》(财预〔2016〕143号) requires complete disclosure in a standard form,
    /// and the Hebei template, cited with 预算法 and 《河北省省级预算公开办法》 in the first
    /// sentence of every county disclosure, fixes the nine sections; the MOF yearly inspection and
    /// the transparency rankings score completeness section by section.
    ///
    /// ## Example
    /// ```text
    /// 四、财政拨款“三公”经费预算情况及增减变化原因
    /// 六、政府采购预算情况        ← 缺少第五部分“预算绩效信息”
    /// ```
    ///
    /// ## Fix
    /// Add the missing section (with “无” and the reason when there is nothing to report) and keep
    /// the template's order.
    ///
    /// ## 检查内容
    /// 河北部门（单位）预算信息公开情况说明是否按省模板的顺序包含九个部分：一、职责及机构设置情况 二、预算安排的总体情况 三、机关运行经费安排情况 四、财政拨款“三公”经费预算情况及增减变化原因 五、预算绩效信息 六、政府采购预算情况 七、国有资产信息 八、名词解释 九、其他需要说明的事项。标题按别名匹配（部门↔单位，预算绩效信息↔绩效预算信息，带或不带机关名称）。缺少的部分作为错误、顺序不对的部分作为警告逐一报告并写明名称；编号方式与各部分相同但对不上任何部分的标题作为提示。
    ///
    /// 只在河北省份配置下、对预算文件检查，且文件确实采用了该模板（至少找到一半的部分）。
    ///
    /// ## 依据
    /// 《地方预决算公开操作规程》（财预〔2016〕143号）要求以规范的格式完整公开；河北模板（各县公开文件第一句都会连同《预算法》和《河北省省级预算公开办法》一并引用）规定了九个部分。财政部年度检查和透明度排名逐部分评价完整性。
    ///
    /// ## 示例
    /// ```text
    /// 四、财政拨款“三公”经费预算情况及增减变化原因
    /// 六、政府采购预算情况        ← 缺少第五部分“预算绩效信息”
    /// ```
    ///
    /// ## 修改方法
    /// 补上缺少的部分（没有内容可公开时写“无”并说明原因），并按模板顺序排列。
    pub struct SectionSkeleton {
        id: "hebei/section-skeleton",
        severity: Error,
        summary: "The nine sections of the Hebei budget disclosure, in order",
        summary_zh: "河北预算公开的九个部分及其顺序",
    }
}

impl Rule for SectionSkeleton {
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
            .filter(|h| h.style == NumberingStyle::ChineseComma && h.span.start as usize >= start)
            .collect();
        let cmp = compare(&TEMPLATE, &candidates);
        out.extend(report(
            &Self::META,
            &TEMPLATE,
            &candidates,
            &cmp,
            Report::default(),
            document_anchor(ctx.doc),
        ));
    }
}
