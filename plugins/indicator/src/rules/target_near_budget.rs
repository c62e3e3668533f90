use super::target_vs_budget::report;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A cost target (the project's only money 成本指标) that misses the project's 预算数 by
    /// little, compared as `indicator/target-vs-budget` compares them:
    /// - a monthly cap that is the budget ÷ 12 truncated instead of rounded (17.5/12 = 1.458 →
    ///   `1.45`), or rounded down to a round figure within 1% (3500/12 = 291.67 → `290`);
    /// - a monthly cap that adds up to more than the budget, but less than twice it;
    /// - an annual cap above the budget by less than 20%.
    ///
    /// ## Why
    /// 财预〔2021〕101号 makes 成本指标 the cost control of the project, and reviewers recompute
    /// monthly caps × 12 (rounding convention: rounding.md §5). A cap this close to the budget
    /// is most likely a rounding or a margin the drafter chose: an info, not a contradiction.
    ///
    /// ## Example
    /// ```text
    /// 预算数  17.50
    /// 成本指标  预算控制数  …  ≤1.45万元/月      (17.5 / 12 = 1.458 → 1.46)
    /// ```
    ///
    /// ## Fix
    /// Round the cap half up at its precision (`1.46`), or state the cap the budget allows.
    ///
    /// ## 检查内容
    /// 成本目标（项目唯一的金额成本指标）与项目预算数相差不大，比较方式与 `indicator/target-vs-budget` 相同：
    /// - 月度上限是预算数÷12截尾而非四舍五入（17.5/12＝1.458 → `1.45`），或在1%以内向下取整为整数（3500/12＝291.67 → `290`）；
    /// - 月度上限全年合计超过预算，但不到两倍；
    /// - 年度上限超过预算不到20%。
    ///
    /// ## 依据
    /// 财预〔2021〕101号把成本指标作为项目的成本控制，审核人员会把月度上限乘以12复算（舍入惯例：rounding.md 第5节）。与预算如此接近的上限，多半是舍入或起草人留的余量：作为提示，而不是矛盾。
    ///
    /// ## 示例
    /// ```text
    /// 预算数  17.50
    /// 成本指标  预算控制数  …  ≤1.45万元/月      (17.5/12＝1.458 → 1.46)
    /// ```
    ///
    /// ## 修改方法
    /// 按该精度四舍五入（`1.46`），或写出预算允许的上限。
    pub struct TargetNearBudget {
        id: "indicator/target-near-budget",
        split_from: "indicator/target-vs-budget",
        severity: Info,
        summary: "A cost target misses the 预算数 by rounding, truncation or a small overrun",
        summary_zh: "成本指标与预算数因舍入、截尾或略微超出而不符",
    }
}

impl Rule for TargetNearBudget {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        report(ctx, &Self::META, out);
    }
}
