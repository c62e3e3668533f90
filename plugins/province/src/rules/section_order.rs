use crate::sections;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// That the sections of its province's template (a data file, see docs/PROVINCES.md) come
    /// in the template's order: of the sections found (matched as `province/template-sections`
    /// matches them), the longest run in template order is kept and each other section is
    /// reported, naming where the template puts it. The items of a section's list (`items`)
    /// likewise.
    ///
    /// Runs under the same conditions as `province/template-sections`. The former compiled rule
    /// `sichuan/budget-structure` is this rule (its items out of order) and
    /// `province/section-recommended` (its missing items) on the Sichuan template; its id still
    /// names both.
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
    ///
    /// ## 检查内容
    /// 省份模板（数据文件，见 docs/PROVINCES.md）规定的各部分是否按模板顺序排列：在找到的部分中（对应方式同 `province/template-sections`）保留按模板顺序的最长序列，其余各部分逐一报告，并指出模板中它应在的位置。部分自己的清单（`items`）同样检查。检查条件同 `province/template-sections`。原编译规则 `sichuan/budget-structure` 即本规则（顺序）和 `province/section-recommended`（缺项）在四川模板上的检查，其编号仍同时指这两条规则。
    ///
    /// ## 依据
    /// 统一格式既规定内容也规定顺序（《地方预决算公开操作规程》，财预〔2016〕143号）；读者和年度检查都在模板规定的位置查找各部分。位置不对的部分仍然存在，因此作为警告而非错误。
    ///
    /// ## 示例
    /// 按河北预算模板：
    /// ```text
    /// 五、预算绩效信息
    /// 六、国有资产信息          ← 第七部分，应在“政府采购预算情况”之后
    /// 七、政府采购预算情况
    /// ```
    ///
    /// ## 修改方法
    /// 把该部分移到模板规定的位置（并重新编号）。
    pub struct SectionOrder {
        id: "province/section-order",
        aliases: ["sichuan/budget-structure"],
        split_from: "province/template-sections",
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
        sections::check(ctx, &Self::META, out);
    }
}
