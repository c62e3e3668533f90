use super::budget_structure::report;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A table of the Henan 部门预算's 附件 that is printed without its title: recognised by its
    /// header (the columns of one of the template's twelve tables) where no title names it.
    /// The tables are found as `henan/budget-structure` finds them. Runs only under the 河南
    /// profile and on budgets.
    ///
    /// ## Why
    /// The Henan template titles each table (and numbers it 预算N表) so that readers can cite
    /// it (财预〔2016〕143号: 形式规范). The table is published, only not named: an info.
    ///
    /// ## Example
    /// ```text
    /// 附件
    /// 项目名称 | 主管部门 | 资金总额 | 年度目标 …      ← the 项目绩效目标表, without its title
    /// ```
    ///
    /// ## Fix
    /// Print the table's title (and its 预算N表 number) above it.
    ///
    /// ## 检查内容
    /// 河南部门预算附件中印了表格但没有表名：按表头（模板十二张表之一的各列）识别，而没有表名指明它。表格的识别方式与 `henan/budget-structure` 相同。只在河南省份配置下、对预算文件检查。
    ///
    /// ## 依据
    /// 河南模板为每张表规定了表名（及“预算N表”编号），便于读者引用（财预〔2016〕143号：形式规范）。表格已经公开，只是没有名称：作为提示。
    ///
    /// ## 示例
    /// ```text
    /// 附件
    /// 项目名称 | 主管部门 | 资金总额 | 年度目标 …      ← 项目绩效目标表，没有表名
    /// ```
    ///
    /// ## 修改方法
    /// 在表格上方印出表名（及预算N表编号）。
    pub struct AnnexUntitledTable {
        id: "henan/annex-untitled-table",
        split_from: "henan/budget-structure",
        severity: Info,
        summary: "Henan budget: an attached table printed without its title",
        summary_zh: "河南预算附件中的表格没有表名",
    }
}

impl Rule for AnnexUntitledTable {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        report(ctx, &Self::META, out);
    }
}
