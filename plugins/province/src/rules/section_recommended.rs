use crate::sections;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// That a document has every section its province's template (a data file, see
    /// docs/PROVINCES.md) marks `required = "recommended"`: the sections (and the items of a
    /// section's list) are matched exactly as `province/template-sections` matches them, and a
    /// recommended one without a heading is reported, naming it and where it belongs.
    ///
    /// Runs under the same conditions as `province/template-sections`: the profile's province
    /// has a template for the document's kind and level, and the document follows it (at least
    /// two sections and half of them found).
    ///
    /// The former compiled rule `sichuan/budget-structure` is this rule (its missing items) and
    /// `province/section-order` (its items out of order) on the Sichuan template
    /// (`data/provinces/sichuan-budget.toml`); its id still names both in rules.toml, inline
    /// disables and baselines.
    ///
    /// ## Why
    /// Some provincial forms list what the explanation should cover without the province's
    /// rules making each item compulsory (the Sichuan 部门预算编制说明's ten items implement the
    /// explanations 财预〔2016〕143号 asks for, and evaluators check them item by item). A missing
    /// item is worth a look but does not prove the disclosure incomplete — hence a warning, and
    /// a rule id of its own rather than `province/template-sections`'s error.
    ///
    /// ## Example
    /// Under the Sichuan budget explanation template:
    /// ```text
    /// 五、一般公共预算当年拨款情况说明
    /// 七、政府性基金预算支出情况说明     ← 缺少第六项“一般公共预算基本支出情况说明”
    /// ```
    ///
    /// ## Fix
    /// Add the missing item (say “无” with the reason when there is nothing to report).
    ///
    /// ## 检查内容
    /// 文件是否包含所在省份模板（数据文件，见 docs/PROVINCES.md）中标为 `required = "recommended"`（建议具备）的各部分：各部分（及部分自己的清单中的各项）的对应方式与 `province/template-sections` 相同，建议具备的部分找不到对应标题的，写明名称和应在的位置报告。检查条件同 `province/template-sections`。原编译规则 `sichuan/budget-structure` 即本规则（缺项）和 `province/section-order`（顺序）在四川模板（`data/provinces/sichuan-budget.toml`）上的检查，其编号仍可在 rules.toml、行内禁用和基线中使用。
    ///
    /// ## 依据
    /// 有的省级格式列出了说明应涵盖的内容，但省里的规定并未要求每一项都必须具备（四川部门预算编制说明的十项落实了财预〔2016〕143号要求的各项说明，评审逐项检查）。缺项值得核查，但不能证明公开不完整，因此作为警告，并使用独立的规则编号，而不是 `province/template-sections` 的错误。
    ///
    /// ## 示例
    /// 按四川部门预算编制说明模板：
    /// ```text
    /// 五、一般公共预算当年拨款情况说明
    /// 七、政府性基金预算支出情况说明     ← 缺少第六项“一般公共预算基本支出情况说明”
    /// ```
    ///
    /// ## 修改方法
    /// 补上缺少的条目（没有内容可公开时写“无”并说明原因）。
    pub struct SectionRecommended {
        id: "province/section-recommended",
        aliases: ["sichuan/budget-structure"],
        split_from: "province/template-sections",
        severity: Warning,
        summary: "Every section the province's template (data) recommends is there",
        summary_zh: "省级模板（数据）建议具备的各部分齐全",
    }
}

impl Rule for SectionRecommended {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        sections::check(ctx, &Self::META, out);
    }
}
