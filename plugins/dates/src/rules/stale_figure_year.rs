use super::stale_year::{finding, stale_years, Use};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// In a budget (预算) document for fiscal year N, a budget figure labelled with an earlier
    /// year: `住房公积金（项）：2020年预算数为54.38万元` among items that say `2021年预算数`
    /// (labels: 预算数, 年度预算数, 预算为, 预算安排).
    ///
    /// Sentences that compare with an earlier period (比上年, 较2020年, 与2020年相比 …) or that
    /// name the budget year too, years inside a cited title (《…2016年…》), and a column label
    /// beside one naming the budget year (`2025年预算数` next to `2026年预算数`, in a table row or
    /// on lines of their own when a table is read cell by cell) are not reported.
    /// An earlier year in the description of this year's work is `date/stale-year`.
    ///
    /// ## Why
    /// 预算法 §46 and 地方预决算公开操作规程 (财预〔2016〕143号) require the disclosed budget to
    /// present the budget year's figures. A figure labelled with last year is either last year's
    /// figure left in the template or this year's figure under the wrong year; either way the
    /// document states something false about the figure, hence an error, where a stale year in
    /// a description (`date/stale-year`) is a warning.
    ///
    /// ## Example
    /// In a 2021 budget: `住房公积金（项）：2020年预算数为54.38万元，主要用于…` is reported;
    /// `2021年预算数为54.38万元，比2020年预算数增加…` is not.
    ///
    /// ## Fix
    /// Write the budget year, and check that the figure is this year's.
    ///
    /// ## 检查内容
    /// 在N年度预算文件中，预算数字的标签写的是以前年度：在其他各项都写`2021年预算数`时，某项写`住房公积金（项）：2020年预算数为54.38万元`（标签包括：预算数、年度预算数、预算为、预算安排）。
    ///
    /// 与以前期间比较的句子（比上年、较2020年、与2020年相比等）、同时写明预算年度的句子、引用的文件标题中的年份（《…2016年…》），以及与写明预算年度的列标签并列的列标签（表格行中或逐格成行读出的表格中，`2025年预算数`旁边是`2026年预算数`）不报告。描述本年工作时误写以前年度，由 `dates/stale-year` 检查。
    ///
    /// ## 依据
    /// 《预算法》第四十六条和《地方预决算公开操作规程》（财预〔2016〕143号）要求公开的预算反映预算年度的数字。标为上年的数字，要么是模板中遗留的上年数字，要么是本年数字标错了年份；无论哪种，文件对这个数字的表述都是错的，因此作为错误报告（而描述中的旧年份 `dates/stale-year` 只是警告）。
    ///
    /// ## 示例
    /// 2021年预算中：`住房公积金（项）：2020年预算数为54.38万元，主要用于…`会被报告；`2021年预算数为54.38万元，比2020年预算数增加…`不会。
    ///
    /// ## 修改方法
    /// 写预算年度，并核对该数字是否为本年数字。
    pub struct StaleFigureYear {
        id: "dates/stale-figure-year",
        split_from: "dates/stale-year",
        severity: Error,
        summary: "A budget figure labelled with an earlier year",
        summary_zh: "预算数字标为以前年度",
    }
}

impl Rule for StaleFigureYear {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        for stale in stale_years(ctx).filter(|s| s.usage == Use::BudgetFigure) {
            out.push(finding(&Self::META, &stale, ctx.doc.slice(stale.fact.span)));
        }
    }
}
