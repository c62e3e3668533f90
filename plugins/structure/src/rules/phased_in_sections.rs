use super::required_sections::report;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// That the explanation (说明) covers the topics the national rules introduce step by step
    /// (逐步公开): 国有资产占用 and 绩效 (the `warning` rows of `data/required_sections.tsv`).
    /// A topic counts as covered when any heading or sentence uses one of its words, as for
    /// `structure/required-sections`, which reports the topics every disclosure must explain.
    ///
    /// ## Why
    /// The 财政部 标准目录 (2019) and 《地方预决算公开操作规程》(财预〔2016〕143号) list 国有资产占用
    /// and 绩效目标/评价 among the explanatory items, but as items to be published step by step;
    /// a document may lawfully leave them out where its 财政部门 has not yet required them.
    /// Hence a warning, not an error.
    ///
    /// ## Example
    /// A 预算 说明 that never mentions 绩效 is reported once for it.
    ///
    /// ## Fix
    /// Add the section (国有资产占用情况, 预算绩效情况), or keep the finding if the province does
    /// not yet require it.
    ///
    /// ## 检查内容
    /// 情况说明是否涵盖国家规定逐步公开的事项：国有资产占用和绩效（`data/required_sections.tsv` 中为 `warning` 的行）。只要任一标题或句子用到该项的某个词语，即视为已涵盖，与 `structure/required-sections` 相同；后者报告每份公开材料都必须说明的内容。
    ///
    /// ## 依据
    /// 财政部标准目录（2019年）和《地方预决算公开操作规程》（财预〔2016〕143号）把国有资产占用和绩效目标/评价列为说明事项，但属于逐步公开的事项；财政部门尚未要求时，文件可以不写。因此作为警告，而不是错误。
    ///
    /// ## 示例
    /// 预算说明中从未提到绩效的，报告一次。
    ///
    /// ## 修改方法
    /// 补上该部分（国有资产占用情况、预算绩效情况）；本省尚未要求的，可保留此警告。
    pub struct PhasedInSections {
        id: "structure/phased-in-sections",
        split_from: "structure/required-sections",
        severity: Warning,
        summary: "The explanation leaves out a topic the national rules phase in (国有资产, 绩效)",
        summary_zh: "说明缺少逐步公开的内容（国有资产占用、绩效）",
    }
}

impl Rule for PhasedInSections {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        report(ctx, &Self::META, out);
    }
}
