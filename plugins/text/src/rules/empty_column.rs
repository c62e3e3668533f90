use super::empty_cell::check_empty_column;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A column left empty in every row of a table (at least three labelled rows): the 数量
    /// column of an asset table, or the only value column of a two-column table
    /// (`2021年“三公”经费预算数` with no figure at all). Empty amount columns of wider tables are
    /// not reported (many tables leave zero amounts blank). One empty cell where the other rows
    /// fill the column in is `text/empty-cell`.
    ///
    /// ## Why
    /// 财预〔2016〕143号 asks that a table with nothing to report still be published, with 0 or a
    /// note saying why it is empty. A column with no figure at all may be a table left unfilled,
    /// or zeros printed as blanks: an info for the reader to check.
    ///
    /// ## Example
    /// ```text
    /// 项目	2021年“三公”经费预算数
    /// 因公出国（境）费
    /// 公务接待费
    /// 公务用车购置及运行费
    /// ```
    ///
    /// ## Fix
    /// Fill in the figures, 0 where there are none, or add a note explaining the empty table.
    ///
    /// ## 检查内容
    /// 表格中某一列在所有行（至少三个有行名的行）都为空：资产表的数量列，或两列表格中唯一的数值列（`2021年“三公”经费预算数`下没有任何数字）。较宽表格中的空金额列不报告（很多表把零金额留空）。其他行都填了、只有一个单元格为空的，由 `text/empty-cell` 报告。
    ///
    /// ## 依据
    /// 财预〔2016〕143号要求没有内容的表也要公开，并填0或说明空表原因。整列没有数字，可能是表格没有填写，也可能是把零印成了空白，因此作为提示，请读者核对。
    ///
    /// ## 示例
    /// ```text
    /// 项目	2021年“三公”经费预算数
    /// 因公出国（境）费
    /// 公务接待费
    /// 公务用车购置及运行费
    /// ```
    ///
    /// ## 修改方法
    /// 填写数字，没有的填0，或加注说明空表原因。
    pub struct EmptyColumn {
        id: "text/empty-column",
        split_from: "text/empty-cell",
        severity: Info,
        summary: "A table's quantity or only value column is empty in every row",
        summary_zh: "表格的数量列或唯一的数值列在所有行都为空",
    }
}

impl Rule for EmptyColumn {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        for table in &ctx.doc.tables {
            check_empty_column(&Self::META, table, out);
        }
    }
}
