use crate::sections;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// That a document has every required section of its province's template (a data file, see
    /// docs/PROVINCES.md): each template section is matched with a body heading numbered as the
    /// template numbers its sections (`第一部分` or `一、`) through the section's aliases, and a
    /// required section without one is reported. A section with `items` (a part's own list: the
    /// Shanxi 决算's tables and explanation items) has them looked for between its heading and
    /// the next section's, numbered `一、`, and a missing item is reported the same way.
    ///
    /// A heading numbered as a missing section (`第三部分 …` for the third) whose title matches
    /// none of the aliases — a title that wraps onto the next line, or is worded another way —
    /// is taken as that section.
    ///
    /// Runs only when the profile's province has a template for the document's kind (预算 or
    /// 决算) and level, and only when the document follows that template at all (at least two
    /// sections and half of them found): a document laid out another way is not judged by it.
    /// The same comparison gives `province/section-order` (a section out of order),
    /// `province/section-unknown` and `province/section-format`, one judgement each.
    ///
    /// The former compiled rules `hebei/section-skeleton` and `shanxi/final-structure` are this
    /// rule on the Hebei and Shanxi templates (`data/provinces/hebei-budget.toml`,
    /// `shanxi-final-accounts.toml`); their ids still name it in rules.toml, inline disables and
    /// baselines.
    ///
    /// ## Why
    /// 预算法 §14 and 《地方预决算公开操作规程》(财预〔2016〕143号) require disclosure in the
    /// standard form the province's finance department sets; the yearly inspections score
    /// completeness section by section.
    ///
    /// ## Example
    /// Under the Shanghai final-accounts form (概况, 决算表, 情况说明, 名词解释):
    /// ```text
    /// 第一部分 某局概况
    /// 第三部分 名词解释          ← 缺少第三部分“部门决算情况说明”
    /// ```
    ///
    /// ## Fix
    /// Add the missing section (with “无” and the reason when there is nothing to report).
    ///
    /// ## 检查内容
    /// 文件是否包含所在省份模板（数据文件，见 docs/PROVINCES.md）规定的每个必需部分：模板的每一部分按别名与正文中编号方式相同（`第一部分`或`一、`）的标题对应，必需部分找不到对应标题的报告。带 `items` 的部分（该部分自己的清单，如山西决算的各表和情况说明各项）在其标题与下一部分标题之间按`一、`编号查找，缺少的项同样报告。
    ///
    /// 编号与某个缺少的部分相同、但标题与任何别名都不匹配的标题（标题折行或换了说法）视为该部分。只在省份配置中有适用于文件类型和级次的模板、且文件确实采用了该模板（至少找到两个部分且不少于一半）时检查。同一比对的顺序、未知标题和格式分别由 `province/section-order`、`province/section-unknown`、`province/section-format` 报告。原编译规则 `hebei/section-skeleton` 和 `shanxi/final-structure` 即本规则（河北、山西模板），其编号仍可在 rules.toml、行内禁用和基线中使用。
    ///
    /// ## 依据
    /// 《预算法》第十四条和《地方预决算公开操作规程》（财预〔2016〕143号）要求按省级财政部门规定的统一格式公开；年度检查逐部分评价完整性。
    ///
    /// ## 示例
    /// 按上海部门决算的格式（概况、决算表、情况说明、名词解释）：
    /// ```text
    /// 第一部分 某局概况
    /// 第三部分 名词解释          ← 缺少第三部分“部门决算情况说明”
    /// ```
    ///
    /// ## 修改方法
    /// 补上缺少的部分（无内容的写“无”并说明原因）。
    pub struct TemplateSections {
        id: "province/template-sections",
        aliases: ["hebei/section-skeleton", "shanxi/final-structure"],
        severity: Error,
        summary: "Every section of the province's template (data) is there",
        summary_zh: "省级模板（数据）规定的各部分齐全",
    }
}

impl Rule for TemplateSections {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        sections::check(ctx, &Self::META, out);
    }
}
