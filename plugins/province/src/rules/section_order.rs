use crate::sections::{self, Finding};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// That the sections of its province's template (a data file, see docs/PROVINCES.md) come
    /// in the template's order: of the sections found (matched as `province/template-sections`
    /// matches them), the longest run in template order is kept and each other section is
    /// reported, naming where the template puts it. The items of a section's list (`items`)
    /// likewise.
    ///
    /// Runs under the same conditions as `province/template-sections`.
    ///
    /// ## Why
    /// The standard form fixes the order as well as the content (《地方预决算公开操作规程》,
    /// 财预〔2016〕143号); readers and the yearly inspections look for a section where the form
    /// puts it. A section out of place is still there, hence a warning rather than an error.
    ///
    /// ## Example
    /// Under the Hebei budget template:
    /// ```text
    /// 五、预算绩效信息
    /// 六、国有资产信息          ← 第七部分，应在“政府采购预算情况”之后
    /// 七、政府采购预算情况
    /// ```
    ///
    /// ## Fix
    /// Move the section to its place in the template (and renumber).
    pub struct SectionOrder {
        id: "province/section-order",
        severity: Warning,
        summary: "The sections of the province's template (data) are in its order",
        summary_zh: "省级模板（数据）规定的各部分顺序",
    }
}

impl Rule for SectionOrder {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        sections::check(ctx, &Self::META, Finding::Misplaced, out);
    }
}
