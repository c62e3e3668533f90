use crate::identities::{check_identity, settled_figures};
use budgetlint_sdk::model::FundSource;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A 财政拨款 quantity (收入, 支出, 基本支出 …) = the same quantity of 一般公共预算 + 政府性基金 +
    /// 国有资本经营, when all four are stated in the document (in different places), within the
    /// rounding of the printed figures.
    ///
    /// ## Why
    /// 财政拨款 is by definition the sum of the three budgets (财政拨款收入支出决算总表); a gap
    /// means one of the figures is wrong. Nothing is said when a budget is not stated: a
    /// missing 国有资本经营 figure is not proof that it is zero.
    ///
    /// ## Example
    /// 财政拨款支出 500.00 万元; 一般公共预算 450.00, 政府性基金 40.00, 国有资本经营 0.00.
    ///
    /// ## Fix
    /// Correct the figure that differs from the 财政拨款收入支出决算总表.
    ///
    /// ## 检查内容
    /// 财政拨款的某一数量（收入、支出、基本支出等）是否等于一般公共预算、政府性基金预算、国有资本经营预算三者同一数量之和。只有四个数字在文件中都写明时才检查（可以在不同位置），计入印刷数字的舍入误差。
    ///
    /// ## 依据
    /// 按财政拨款收入支出决算总表的口径，财政拨款就是三本预算之和，不平说明有数字错误。某本预算没有写明时不作判断：没写国有资本经营预算的数字，不能证明它为零。
    ///
    /// ## 示例
    /// 财政拨款支出500.00万元；一般公共预算450.00万元，政府性基金40.00万元，国有资本经营0.00万元，合计490.00万元。
    ///
    /// ## 修改方法
    /// 以财政拨款收入支出决算总表为准，改正与之不符的数字。
    pub struct FiscalSources {
        id: "arithmetic/fiscal-sources",
        severity: Error,
        summary: "财政拨款 is not 一般公共预算 + 政府性基金 + 国有资本经营",
        summary_zh: "财政拨款不等于一般公共预算、政府性基金与国有资本经营之和",
    }
}

impl Rule for FiscalSources {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let figures = settled_figures(ctx);
        let mut totals: Vec<_> = figures
            .keys()
            .filter(|k| k.source == FundSource::Fiscal as u8)
            .collect();
        totals.sort();
        for total in totals {
            let parts = [
                total.with_source(FundSource::GeneralBudget),
                total.with_source(FundSource::GovFund),
                total.with_source(FundSource::StateCapital),
            ];
            check_identity(&Self::META, &figures, total, &parts, out);
        }
    }
}
