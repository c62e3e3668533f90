use crate::view::Indicators;
use budgetlint_sdk::model::Comparison;
use budgetlint_sdk::{declare_rule, Context, Decimal, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A bounded rate — a share of a whole such as 完成率, 覆盖率, 到位率, 合格率, 发放率, 知晓率 or a
    /// 满意度 — whose target is above 100% or “>100%”: the share cannot exceed the whole. (A target
    /// written “≥100%”, which only exactly 100% meets, is `indicator/rate-at-least-100`.) Growth
    /// rates (增长率, 提高率 …) and frequencies are not bounded and are left alone.
    ///
    /// ## Why
    /// 财预〔2021〕101号 asks for targets with an explicit, attainable direction (≥ for “越大越好”,
    /// = for exact targets); a share above 100% cannot be attained and reviewers of 绩效目标
    /// (财预〔2015〕88号: 合理可行) reject it.
    ///
    /// ## Example
    /// ```text
    /// 质量指标  政策覆盖率  …  105%
    /// 时效指标  按时发放率  …  >100%
    /// ```
    ///
    /// ## Fix
    /// Write `100%` for a full-coverage target, or a realistic floor such as `≥95%`.
    ///
    /// ## 检查内容
    /// 有上限的比率——完成率、覆盖率、到位率、合格率、发放率、知晓率、满意度等占总体的比例——目标值超过100%或写作“>100%”：部分不能大于总体。（写作“≥100%”、只有恰好100%才能达到的目标由 `indicator/rate-at-least-100` 检查。）增长率（增长率、提高率等）和频次没有上限，不检查。
    ///
    /// ## 依据
    /// 财预〔2021〕101号要求目标方向明确、可以实现（“越大越好”用≥，确定值用=）；超过100%的比例无法实现，审核绩效目标时（财预〔2015〕88号：合理可行）会被退回。
    ///
    /// ## 示例
    /// ```text
    /// 质量指标  政策覆盖率  …  105%
    /// 时效指标  按时发放率  …  >100%
    /// ```
    ///
    /// ## 修改方法
    /// 全覆盖的目标写`100%`，否则写可实现的下限，如`≥95%`。
    pub struct RateOver100 {
        id: "indicator/rate-over-100",
        severity: Error,
        summary: "A bounded rate (完成率, 覆盖率, 满意度 …) has a target above 100%",
        summary_zh: "有上限的比率（完成率、覆盖率、满意度等）目标值超过100%",
    }
}

impl Rule for RateOver100 {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let hundred = Decimal::from(100);
        for ind in ctx.view::<Indicators>() {
            let Some(value) = ind.bounded_rate_target() else {
                continue;
            };
            let op = ind.op();
            let d = if value > hundred && !matches!(op, Some(Comparison::Le | Comparison::Lt)) {
                Diagnostic::new(
                    &Self::META,
                    ind.value_span,
                    format!(
                        "“{}”是比率，目标值“{}”超过100%，无法实现",
                        ind.label(),
                        ind.value_text
                    ),
                )
                .en(format!(
                    "“{}” is a share of a whole; the target “{}” exceeds 100% and cannot be met",
                    ind.label(),
                    ind.value_text
                ))
            } else if value == hundred && op == Some(Comparison::Gt) {
                Diagnostic::new(
                    &Self::META,
                    ind.value_span,
                    format!(
                        "“{}”是比率，目标值“{}”要求超过100%，无法实现",
                        ind.label(),
                        ind.value_text
                    ),
                )
                .en(format!(
                    "“{}” is a share of a whole; the target “{}” asks for more than 100%",
                    ind.label(),
                    ind.value_text
                ))
            } else {
                continue;
            };
            out.push(ind.relate_name(d));
        }
    }
}
