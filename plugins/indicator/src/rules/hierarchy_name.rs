use super::hierarchy::{walk, Part};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A 一级/二级指标 name of a 绩效目标表 that is not a name of the standard hierarchy
    /// (data/hierarchy.tsv, see `indicator/hierarchy`): a non-standard variant (`质量目标`,
    /// `可持续发展影响指标`), a truncated name (`服务对象满意度指`) or an unknown category name.
    /// Short forms (`社会效益`, `经济效益`) are accepted; a name of the other level in the column
    /// is the layout's column shift and is left alone. A 二级指标 under the wrong 一级指标 is
    /// `indicator/hierarchy`, a warning.
    ///
    /// ## Why
    /// 财预〔2020〕10号 (and the 101号 variant) fixes the category names so that indicators can be
    /// weighted and compared across projects; 财预〔2016〕143号 asks for a standard form. A variant
    /// name still says which category is meant, so this is an info.
    ///
    /// ## Example
    /// ```text
    /// 产出指标  质量目标  人员素质高，工作积极主动  …
    /// 满意度指标  服务对象满意度指  参保人员满意  …
    /// ```
    ///
    /// ## Fix
    /// Use the standard name (`质量指标`, `可持续影响指标`, `服务对象满意度指标`).
    ///
    /// ## 检查内容
    /// 绩效目标表中不属于标准指标体系（data/hierarchy.tsv，见 `indicator/hierarchy`）的一级、二级指标名称：非标准写法（`质量目标`、`可持续发展影响指标`）、被截断的名称（`服务对象满意度指`）或未知的类别名称。简称（`社会效益`、`经济效益`）可以接受；列中出现另一级的名称是版面错列，不检查。二级指标列在错误的一级指标下由 `indicator/hierarchy` 作为警告报告。
    ///
    /// ## 依据
    /// 财预〔2020〕10号（及101号的变体）规定了指标类别名称，以便在项目之间设置权重和比较；财预〔2016〕143号要求格式规范。非标准写法仍能看出所指类别，因此作为提示。
    ///
    /// ## 示例
    /// ```text
    /// 产出指标  质量目标  人员素质高，工作积极主动  …
    /// 满意度指标  服务对象满意度指  参保人员满意  …
    /// ```
    ///
    /// ## 修改方法
    /// 使用标准名称（`质量指标`、`可持续影响指标`、`服务对象满意度指标`）。
    pub struct HierarchyName {
        id: "indicator/hierarchy-name",
        split_from: "indicator/hierarchy",
        severity: Info,
        summary: "A 一级/二级指标 name outside the standard hierarchy, or truncated",
        summary_zh: "一级/二级指标名称不在标准体系内或被截断",
    }
}

impl Rule for HierarchyName {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        walk(ctx, Part::Names, out);
    }
}
