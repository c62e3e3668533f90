use super::budget_structure::report;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// The twelve tables of the 附件 of a Henan 部门预算, found as `henan/budget-structure` finds
    /// them (titles through aliases, headers for untitled tables): a table out of the
    /// template's order. The longest run in template order counts as in place; the others are
    /// reported, with the place they belong. (The order of the parts and their items is
    /// `province/section-order`'s, from `data/provinces/henan-budget.toml`.) Runs only under the
    /// 河南 profile and on budgets.
    ///
    /// ## Why
    /// The Henan template fixes the order of the tables so that readers and evaluators find
    /// each in its place (财预〔2016〕143号: 形式规范). A table out of order is published, so a
    /// warning, not an error.
    ///
    /// ## Example
    /// ```text
    /// 附件: 一、部门收支总体情况表  三、部门支出总体情况表  二、部门收入总体情况表   ← 二 after 三
    /// ```
    ///
    /// ## Fix
    /// Put the table where the template has it.
    ///
    /// ## 检查内容
    /// 河南部门预算附件的十二张表，按 `henan/budget-structure` 的方式找到（标题按别名匹配，没有表题的按表头识别）后，顺序与模板不同的表。按模板顺序排列的最长序列视为位置正确，其余报告并指出应在的位置。（各部分及其各项的顺序由 `province/section-order` 按 `data/provinces/henan-budget.toml` 检查。）只在河南省份配置下、对预算文件检查。
    ///
    /// ## 依据
    /// 河南模板规定了各表的顺序，便于读者和评审人员在固定位置找到（财预〔2016〕143号：形式规范）。顺序不对的表毕竟已经公开，因此作为警告而不是错误。
    ///
    /// ## 示例
    /// ```text
    /// 附件: 一、部门收支总体情况表  三、部门支出总体情况表  二、部门收入总体情况表   ← 二在三之后
    /// ```
    ///
    /// ## 修改方法
    /// 把该表移到模板规定的位置。
    pub struct BudgetOrder {
        id: "henan/budget-order",
        split_from: "henan/budget-structure",
        severity: Warning,
        summary: "Henan budget: an attached table out of the template's order",
        summary_zh: "河南预算附表的顺序与模板不同",
    }
}

impl Rule for BudgetOrder {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        report(ctx, &Self::META, out);
    }
}
