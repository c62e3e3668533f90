use super::perf_three_parts::report;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// The three numbered parts of the Shanxi 决算's （四）预算绩效情况说明 (1、预算绩效管理工作
    /// 开展情况 2、部门决算中项目绩效自评结果 3、部门评价项目绩效评价结果), found as
    /// `shanxi/perf-three-parts` finds them, presented differently: one a heading and the others
    /// plain lines, or at different Markdown levels. Reported once, with the parts that differ.
    ///
    /// Runs only under the 山西 profile and on 决算, when the document has a 预算绩效情况说明.
    ///
    /// ## Why
    /// GB/T 9704-2012 (党政机关公文格式) presents the items of one level alike, and the Shanxi
    /// template sets the three parts side by side. The content is there: an info.
    ///
    /// ## Example
    /// ```text
    /// （四）预算绩效情况说明
    /// ### 1、预算绩效管理工作开展情况
    /// 2、部门决算中项目绩效自评结果       ← not a heading like 1、
    /// ```
    ///
    /// ## Fix
    /// Present the three parts alike.
    ///
    /// ## 检查内容
    /// 山西决算“（四）预算绩效情况说明”下的三个带编号部分（1、预算绩效管理工作开展情况 2、部门决算中项目绩效自评结果 3、部门评价项目绩效评价结果），按 `shanxi/perf-three-parts` 的方式找到后，呈现方式不同：一个是标题、其余是普通行，或 Markdown 层级不同。只报告一次，并列出不一致的部分。
    ///
    /// 只在山西省份配置下、对含有预算绩效情况说明的决算文件检查。
    ///
    /// ## 依据
    /// GB/T 9704-2012《党政机关公文格式》要求同级条目格式一致，山西模板把三个部分并列。内容并未缺少：作为提示。
    ///
    /// ## 示例
    /// ```text
    /// （四）预算绩效情况说明
    /// ### 1、预算绩效管理工作开展情况
    /// 2、部门决算中项目绩效自评结果       ← 不像“1、”那样是标题
    /// ```
    ///
    /// ## 修改方法
    /// 三个部分使用相同的格式。
    pub struct PerfPartsFormat {
        id: "shanxi/perf-parts-format",
        split_from: "shanxi/perf-three-parts",
        severity: Info,
        summary: "The three parts of the 预算绩效情况说明 are presented differently",
        summary_zh: "预算绩效情况说明的三个部分格式不一致",
    }
}

impl Rule for PerfPartsFormat {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        report(ctx, &Self::META, out);
    }
}
