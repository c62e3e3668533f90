use super::target_vs_budget::report;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A monthly cost cap (`≤N万元/月`, the project's only money 成本指标) that, × 12, covers
    /// less than half of the project's 预算数 (0.4万元/月 × 12 = 4.8万元 against 10万元). The
    /// comparison is `indicator/target-vs-budget`'s, which reports a cap only a few percent
    /// below.
    ///
    /// ## Why
    /// 财预〔2021〕101号 makes 成本指标 the cost control of the project: a monthly cap that
    /// cannot spend half of the budget in a year contradicts the budget the same table states,
    /// whatever the rounding (rounding.md §5). Provable from the table's own figures: an error.
    ///
    /// ## Example
    /// ```text
    /// 预算数  10.00
    /// 成本指标  预算控制数  …  ≤0.4万元/月      (0.4 × 12 = 4.8, less than half of 10)
    /// ```
    ///
    /// ## Fix
    /// Recompute the cap from the budget (10/12 = 0.83万元/月), or state the unit the figure is
    /// really in (元/人·月).
    ///
    /// ## 检查内容
    /// 按月的成本上限（`≤N万元/月`，项目唯一的金额成本指标）乘以12后不到项目预算数的一半（0.4万元/月×12＝4.8万元，预算10万元）。比较方式与 `indicator/target-vs-budget` 相同，后者报告只低几个百分点的上限。
    ///
    /// ## 依据
    /// 财预〔2021〕101号把成本指标作为项目的成本控制：一年花不到预算一半的月度上限，与同一张表中的预算数矛盾，无论怎样舍入（rounding.md 第5节）。可由表中数字证明：错误。
    ///
    /// ## 示例
    /// ```text
    /// 预算数  10.00
    /// 成本指标  预算控制数  …  ≤0.4万元/月      (0.4×12＝4.8，不到10的一半)
    /// ```
    ///
    /// ## 修改方法
    /// 按预算数重新计算上限（10/12＝0.83万元/月），或写明数字实际的计量单位（元/人·月）。
    pub struct MonthlyCapFarBelow {
        id: "indicator/monthly-cap-far-below",
        split_from: "indicator/target-vs-budget",
        severity: Error,
        summary: "A monthly cost cap × 12 covers less than half of the project's 预算数",
        summary_zh: "月度成本上限×12不到项目预算数的一半",
    }
}

impl Rule for MonthlyCapFarBelow {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        report(ctx, &Self::META, out);
    }
}
