use super::operator_direction::report;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A target whose strict comparison asks for the opposite of the indicator's direction: “<”
    /// on a “越大越好” indicator (a share such as 成功率, 覆盖率, 满意度; a benefit or satisfaction
    /// measured in %; a count under 数量指标), “>” on a “越小越好” one (a money amount under
    /// 成本指标, a time limit under 时效指标, an error or complaint rate). The directions are
    /// those of `indicator/operator-direction`, which reports a bound on the wrong side written
    /// with ≤ or ≥ (a warning); the same indicators are skipped (cost-control rates, growth
    /// rates, subsidy standards, counts meant to be kept down).
    ///
    /// ## Why
    /// 财预〔2021〕101号 (核心绩效指标设置及取值指引) asks for an explicit direction: ≥ for
    /// “越大越好”, ≤ for “越小越好”. “成功率 <90%” is met only by failing: the target says the
    /// opposite of what the project is for, and 财预〔2020〕10号 scores against it — an error.
    ///
    /// ## Example
    /// ```text
    /// 数量指标  成功率  账户信息正确成功率较高  <90%
    /// 满意度指标  服务对象满意度指标  参保人员满意度  <95%
    /// ```
    ///
    /// ## Fix
    /// Turn the operator round (`≥90%`), or write the exact target (`100%`).
    ///
    /// ## 检查内容
    /// 目标值的严格比较要求的结果与指标方向相反：“越大越好”的指标（成功率、覆盖率、满意度等比率；以%计的效益或满意度；数量指标下的数量）用“<”，“越小越好”的指标（成本指标下的金额、时效指标下的时限、差错率或投诉率）用“>”。指标方向与 `indicator/operator-direction` 相同，后者报告用≤或≥从错误一侧设限（警告）；同样不检查成本控制率、增长率、补助标准和应当压减的次数。
    ///
    /// ## 依据
    /// 财预〔2021〕101号（核心绩效指标设置及取值指引）要求明确指标方向：“越大越好”用≥，“越小越好”用≤。“成功率 <90%”只有做不好才能达到：目标与项目的用途相反，而财预〔2020〕10号正是据此打分，因此作为错误。
    ///
    /// ## 示例
    /// ```text
    /// 数量指标  成功率  账户信息正确成功率较高  <90%
    /// 满意度指标  服务对象满意度指标  参保人员满意度  <95%
    /// ```
    ///
    /// ## 修改方法
    /// 把比较符号反过来（`≥90%`），或写确定的目标值（`100%`）。
    pub struct OperatorOpposite {
        id: "indicator/operator-opposite",
        split_from: "indicator/operator-direction",
        severity: Error,
        summary: "A target's strict comparison asks for the opposite of the indicator's goal (成功率 <90%)",
        summary_zh: "目标值的严格比较要求与指标目标相反的结果（成功率<90%）",
    }
}

impl Rule for OperatorOpposite {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        report(ctx, &Self::META, true, out);
    }
}
