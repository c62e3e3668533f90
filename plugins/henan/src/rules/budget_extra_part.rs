use super::budget_structure::report;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A 第N部分 heading of a Henan 部门预算 that matches none of the template's three parts
    /// (概况, 预算情况说明, 名词解释), between parts that do, compared as
    /// `henan/budget-structure` compares them. Runs only under the 河南 profile and on budgets.
    ///
    /// ## Why
    /// The Henan template has three parts (财预〔2016〕143号: 形式规范). A fourth one is often
    /// a 附件 numbered as a part, or a section the unit chose to add: worth a look, not wrong
    /// in itself, so an info.
    ///
    /// ## Example
    /// ```text
    /// 第一部分 概况  第二部分 预算情况说明  第三部分 其他说明  第四部分 名词解释   ← 第三部分 is not in the template
    /// ```
    ///
    /// ## Fix
    /// Make the part an item of 第二部分 (十、其他重要事项情况说明), or keep it if it is meant.
    ///
    /// ## 检查内容
    /// 河南部门预算中与模板的三个部分（概况、预算情况说明、名词解释）都不相符、位于相符部分之间的第N部分标题，比较方式与 `henan/budget-structure` 相同。只在河南省份配置下、对预算文件检查。
    ///
    /// ## 依据
    /// 河南模板分为三个部分（财预〔2016〕143号：形式规范）。多出的部分常常是编成“部分”的附件，或单位自己增加的内容：值得查看，但本身不一定有错，因此作为提示。
    ///
    /// ## 示例
    /// ```text
    /// 第一部分 概况  第二部分 预算情况说明  第三部分 其他说明  第四部分 名词解释   ← 模板中没有“第三部分 其他说明”
    /// ```
    ///
    /// ## 修改方法
    /// 将该部分改为第二部分中的一项（十、其他重要事项情况说明）；确属有意增加的可保留。
    pub struct BudgetExtraPart {
        id: "henan/budget-extra-part",
        split_from: "henan/budget-structure",
        severity: Info,
        summary: "Henan budget layout: a 第N部分 the template does not have",
        summary_zh: "河南预算公开中有模板没有的第N部分",
    }
}

impl Rule for BudgetExtraPart {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        report(ctx, &Self::META, out);
    }
}
