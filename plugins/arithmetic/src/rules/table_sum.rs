use crate::sums::{Outcome, Source, SumCases};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Table columns that do not foot: a 合计/小计/总计 row whose figure differs from the sum of
    /// the rows it totals (the rows directly above or below it, up to the next total row). Rows
    /// that aggregate other listed rows — a 类 row above its 款/项 rows, a unit row repeating the
    /// total — are not counted twice. In a table whose 科目编码 is split over 类, 款 and 项
    /// columns, each 类 row also foots to the 款 rows under it and each 款 row to its 项 rows
    /// (column by column; a row with nothing listed under it is not judged). Differences within
    /// the rounding band are left to `arithmetic/rounding-gap`.
    ///
    /// Not proved (reported only when the figures foot): parts that run to the end of a table
    /// the reader broke off (a page break, or another table a few fragments below), parts whose
    /// numbered items start after the first (`十七、…`: a table continued from the page before),
    /// a table whose note says rows were left out (`部分具体项目信息公开时予以剔除`), and a total
    /// whose label sits in a column of figures (a row set off its columns).
    ///
    /// ## Why
    /// 《地方预决算公开操作规程》(财预〔2016〕143号) requires the tables to be complete and
    /// accurate; evaluators' first check is that each table foots (表内勾稽关系).
    ///
    /// ## Example
    /// In a 财政拨款收支总体情况表 the 合计 column lists 409.04, 28.65, 14.00 and 24.15 under the
    /// classes while 支出合计 says 461.84: the column sums to 475.84.
    ///
    /// ## Fix
    /// Find the stray or wrong figure (the related locations list every row counted) and correct
    /// it, or correct the total.
    ///
    /// ## 检查内容
    /// 表格中的列不平：合计、小计、总计行的数字不等于其所合计各行之和（紧邻其上或其下、直到下一个合计行的各行）。汇总其他行的行——类行及其下的款、项行，重复合计的单位行——不重复计算。科目编码分列为类、款、项的表格中，每个类行还要等于其下各款行之和，每个款行等于其下各项行之和（逐列核对；其下未列任何行的不判断）。舍入范围内的差额由 `arithmetic/rounding-gap` 报告。
    ///
    /// 以下情形不能证明（只在数字相符时才算平）：合计各行延伸到被读取程序截断的表格末尾，编号项目不是从第一项开始（`十七、…`：表格从上一页延续而来），表注说明部分行未列出（`部分具体项目信息公开时予以剔除`），以及合计的标签落在数字列中。
    ///
    /// ## 依据
    /// 《地方预决算公开操作规程》（财预〔2016〕143号）要求公开的表格完整、准确；评审首先检查的就是每张表的表内勾稽关系。
    ///
    /// ## 示例
    /// 财政拨款收支总体情况表中，合计列在各类下列出409.04、28.65、14.00、24.15，支出合计却写461.84，该列之和为475.84。
    ///
    /// ## 修改方法
    /// 找出多出或写错的数字（相关位置列出了参与合计的每一行）并改正，或改正合计数。
    pub struct TableSum {
        id: "arithmetic/table-sum",
        severity: Error,
        summary: "A table total differs from the sum of the rows it totals",
        summary_zh: "表格合计数与其所合计各行之和不符",
    }
}

impl Rule for TableSum {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        for case in ctx
            .view::<SumCases>()
            .iter()
            .filter(|c| c.source == Source::Table)
        {
            let Outcome::Mismatch { gap, tolerance } = case.evaluate() else {
                continue;
            };
            out.push(crate::report::sum_finding(
                &Self::META,
                case,
                gap,
                tolerance,
            ));
        }
    }
}
