use crate::sections;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// That the sections of its province's template (a data file, see docs/PROVINCES.md) found
    /// in the document are presented alike: the same Markdown heading level, or all plain lines,
    /// or all list items; likewise the items of a section's list (`items`). Reports the
    /// siblings that differ from the most common presentation.
    ///
    /// Runs under the same conditions as `province/template-sections`.
    ///
    /// ## Why
    /// Siblings presented differently break the outline that the 目录, screen readers and
    /// navigation rely on; it is often a conversion artefact rather than the author's choice,
    /// hence info.
    ///
    /// ## Example
    /// ```text
    /// ## 第二部分 部门决算报表
    /// ### 第三部分 情况说明        ← 与其他部分（##）不同级
    /// ```
    ///
    /// ## Fix
    /// Give sibling sections the same heading level.
    ///
    /// ## 检查内容
    /// 文件中找到的省份模板（数据文件，见 docs/PROVINCES.md）各部分是否呈现方式一致：同一 Markdown 标题级别，或都是普通行，或都是列表项；部分自己的清单（`items`）各项同样检查。报告与最常见呈现方式不同的同级项。检查条件同 `province/template-sections`。
    ///
    /// ## 依据
    /// 同级各部分呈现方式不同，会破坏目录、读屏软件和导航所依赖的层次结构；这常是格式转换的遗留而非作者本意，因此作为提示。
    ///
    /// ## 示例
    /// ```text
    /// ## 第二部分 部门决算报表
    /// ### 第三部分 情况说明        ← 与其他部分（##）不同级
    /// ```
    ///
    /// ## 修改方法
    /// 同级各部分使用相同的标题级别。
    pub struct SectionFormat {
        id: "province/section-format",
        split_from: "province/template-sections",
        severity: Info,
        summary: "The sections of the province's template (data) are presented alike",
        summary_zh: "省级模板（数据）各部分的格式一致",
    }
}

impl Rule for SectionFormat {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        sections::check(ctx, &Self::META, out);
    }
}
