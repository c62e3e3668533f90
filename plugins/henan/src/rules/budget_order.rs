use super::budget_structure::report;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// The parts (第一部分 概况, 第二部分 预算情况说明, 第三部分 名词解释), the items of 第一 and
    /// 第二部分 and the twelve tables of the 附件 of a Henan 部门预算, compared with the Henan
    /// template as `henan/budget-structure` compares them (titles through aliases): a section
    /// found out of the template's order. The longest run in template order counts as in
    /// place; the others are reported, with the place they belong. Runs only under the 河南
    /// profile and on budgets.
    ///
    /// ## Why
    /// The Henan template fixes the order of the parts and tables so that readers and
    /// evaluators find each in its place (财预〔2016〕143号: 形式规范). A section out of order is
    /// published, so a warning, not an error.
    ///
    /// ## Example
    /// ```text
    /// 附件: 一、部门收支总体情况表  三、部门支出总体情况表  二、部门收入总体情况表   ← 二 after 三
    /// ```
    ///
    /// ## Fix
    /// Put the section or table where the template has it.
    ///
    /// ## 检查内容
    /// 河南部门预算的各部分（第一部分 概况、第二部分 预算情况说明、第三部分 名词解释）、第一和第二部分的各项、附件的十二张表，按 `henan/budget-structure` 的方式（标题按别名匹配）与河南模板比较：顺序与模板不同的部分。按模板顺序排列的最长序列视为位置正确，其余报告并指出应在的位置。只在河南省份配置下、对预算文件检查。
    ///
    /// ## 依据
    /// 河南模板规定了各部分和各表的顺序，便于读者和评审人员在固定位置找到（财预〔2016〕143号：形式规范）。顺序不对的内容毕竟已经公开，因此作为警告而不是错误。
    ///
    /// ## 示例
    /// ```text
    /// 附件: 一、部门收支总体情况表  三、部门支出总体情况表  二、部门收入总体情况表   ← 二在三之后
    /// ```
    ///
    /// ## 修改方法
    /// 把该部分或表格移到模板规定的位置。
    pub struct BudgetOrder {
        id: "henan/budget-order",
        split_from: "henan/budget-structure",
        severity: Warning,
        summary: "Henan budget layout: a part, item or attached table out of the template's order",
        summary_zh: "河南预算公开的部分、事项或附表顺序与模板不同",
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
