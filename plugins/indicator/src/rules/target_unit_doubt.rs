use super::target_vs_budget::report;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A cost target (the project's only money 成本指标) whose figure seems to have lost its
    /// unit or period, compared with the project's 预算数 as `indicator/target-vs-budget`
    /// compares them:
    /// - a figure in 元 that is a tiny fraction of the budget (`15元` against 1652万元): a unit
    ///   cost without its basis (元/人, 元/人·月);
    /// - an annual-looking figure that × 12 is the budget (`≤4万元` against 48万元): a monthly
    ///   amount without its `/月`.
    ///
    /// ## Why
    /// 财预〔2021〕101号 asks for 指标值 that can be checked, with their 计量单位. The figure is
    /// probably right, only not what it says: an info pointing at the missing unit.
    ///
    /// ## Example
    /// ```text
    /// 预算数  48.00
    /// 成本指标  预算控制数  …  ≤4万元      (4 × 12 = 48: ≤4万元/月)
    /// ```
    ///
    /// ## Fix
    /// Write the unit in full (`≤4万元/月`, `15元/人·月`).
    ///
    /// ## 检查内容
    /// 成本目标（项目唯一的金额成本指标）的数字似乎丢了单位或期间，与项目预算数的比较方式与 `indicator/target-vs-budget` 相同：
    /// - 以元计、只占预算极小比例的数字（预算1652万元，写`15元`）：未注明计量基础的单位成本（元/人、元/人·月）；
    /// - 看似按年、乘以12正好等于预算的数字（预算48万元，写`≤4万元`）：缺少“/月”的月度金额。
    ///
    /// ## 依据
    /// 财预〔2021〕101号要求指标值可衡量，并写明计量单位。数字本身多半没错，只是表述不完整：作为提示，指出缺少的单位。
    ///
    /// ## 示例
    /// ```text
    /// 预算数  48.00
    /// 成本指标  预算控制数  …  ≤4万元      (4×12＝48：应为≤4万元/月)
    /// ```
    ///
    /// ## 修改方法
    /// 写全计量单位（`≤4万元/月`、`15元/人·月`）。
    pub struct TargetUnitDoubt {
        id: "indicator/target-unit-doubt",
        split_from: "indicator/target-vs-budget",
        severity: Info,
        summary: "A cost target's figure seems to lack its unit basis or its /月",
        summary_zh: "成本指标数字似乎缺少计量基础或“/月”",
    }
}

impl Rule for TargetUnitDoubt {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        report(ctx, &Self::META, out);
    }
}
