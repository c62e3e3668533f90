use super::PerfPartsFormat;
use crate::template::PERF_TEMPLATE;
use budgetlint_province_common::headings::{self, SectionHeading};
use budgetlint_province_common::names::best_alias_match;
use budgetlint_province_common::skeleton::{compare, report_under, Rules};
use budgetlint_province_common::{applies, is_final_accounts};
use budgetlint_sdk::model::NumberingStyle;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// The Shanxi 决算 explains 预算绩效 in three numbered parts under （四）预算绩效情况说明:
    /// 1、预算绩效管理工作开展情况 2、部门决算中项目绩效自评结果 3、部门评价项目绩效评价结果.
    /// Reports a missing part and parts out of order; the three parts presented at different
    /// heading levels are `shanxi/perf-parts-format` (an info).
    ///
    /// Runs only under the 山西 profile and on 决算, when the document has a 预算绩效情况说明.
    ///
    /// ## Why
    /// 部门决算 must disclose 绩效评价结果 (标准目录, 逐步公开 items; 财预〔2020〕10号 on
    /// 绩效自评), and the Shanxi template asks for the work done, the self-evaluation of the
    /// projects and the department's own evaluations separately, so that a reader can tell a
    /// self-assessment from an evaluation.
    ///
    /// ## Example
    /// ```text
    /// （四）预算绩效情况说明
    /// 1、预算绩效管理工作开展情况
    /// 2、部门决算中项目绩效自评结果       ← 缺少“3、部门评价项目绩效评价结果”
    /// ```
    ///
    /// ## Fix
    /// Add the missing part (state “本年度未开展部门评价” when there was none).
    ///
    /// ## 检查内容
    /// 山西决算在“（四）预算绩效情况说明”下分三个带编号的部分说明预算绩效：1、预算绩效管理工作开展情况 2、部门决算中项目绩效自评结果 3、部门评价项目绩效评价结果。缺少某一部分、顺序不对时报告；三个部分标题级别不一致由 `shanxi/perf-parts-format` 作为提示报告。
    ///
    /// 只在山西省份配置下、对含有预算绩效情况说明的决算文件检查。
    ///
    /// ## 依据
    /// 部门决算必须公开绩效评价结果（标准目录中逐步公开的事项；财预〔2020〕10号关于绩效自评的规定）。山西模板要求分别说明开展的工作、项目自评结果和部门评价结果，使读者能分清自评与评价。
    ///
    /// ## 示例
    /// ```text
    /// （四）预算绩效情况说明
    /// 1、预算绩效管理工作开展情况
    /// 2、部门决算中项目绩效自评结果       ← 缺少“3、部门评价项目绩效评价结果”
    /// ```
    ///
    /// ## 修改方法
    /// 补上缺少的部分（没有开展部门评价时写明“本年度未开展部门评价”）。
    pub struct PerfThreeParts {
        id: "shanxi/perf-three-parts",
        severity: Warning,
        summary: "预算绩效情况说明 in three parts (工作开展情况, 项目自评结果, 部门评价结果)",
        summary_zh: "预算绩效情况说明应分三部分（工作开展情况、项目自评结果、部门评价结果）",
    }
}

impl Rule for PerfThreeParts {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        report(ctx, &Self::META, out);
    }
}

/// The rule of each kind of finding: missing and misplaced parts are this rule's, parts
/// presented differently `shanxi/perf-parts-format`'s.
const RULES: Rules = Rules {
    missing: Some(&PerfThreeParts::META),
    misplaced: Some(&PerfThreeParts::META),
    extra: None,
    format: Some(&PerfPartsFormat::META),
};

/// The findings of the comparison with the three parts that belong to `meta`'s rule.
pub(crate) fn report(ctx: &Context, meta: &'static RuleMeta, out: &mut Vec<Diagnostic>) {
    if !applies(ctx, crate::PROVINCE) || !is_final_accounts(ctx) {
        return;
    }
    let all = headings::collect(ctx.doc);
    let start = headings::body_start(ctx.doc);
    let body: Vec<&SectionHeading> = all
        .iter()
        .filter(|h| h.span.start as usize >= start)
        .collect();
    let Some(at) = body.iter().position(|h| {
        best_alias_match(&h.norm, &["预算绩效情况说明", "绩效情况说明", "预算绩效"]).is_some()
            && !is_sub_item(h)
    }) else {
        return;
    };
    let items: Vec<&SectionHeading> = body[at + 1..]
        .iter()
        .copied()
        .take_while(|h| is_sub_item(h))
        .collect();
    let cmp = compare(&PERF_TEMPLATE, &items);
    out.extend(
        report_under(&RULES, &PERF_TEMPLATE, &items, &cmp, body[at].span)
            .into_iter()
            .filter(|d| d.rule == meta.id),
    );
}

/// Numbered 1、 / 1. items, the level under （四）.
fn is_sub_item(h: &SectionHeading) -> bool {
    matches!(
        h.style,
        NumberingStyle::ArabicComma | NumberingStyle::ArabicDot | NumberingStyle::ArabicParen
    )
}
