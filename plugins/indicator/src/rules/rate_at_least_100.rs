use crate::view::{show, Indicators};
use budgetlint_sdk::model::Comparison;
use budgetlint_sdk::{declare_rule, Context, Decimal, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A bounded rate — a share of a whole such as 完成率, 覆盖率, 到位率, 合格率, 发放率, 知晓率 or a
    /// 满意度 — whose target is written “≥100%”: the only value that meets it is exactly 100%, so
    /// the target should read “100%” or “=100%”. (A target above 100% is
    /// `indicator/rate-over-100`, an error.) Growth rates (增长率, 提高率 …) and frequencies are not
    /// bounded and are left alone.
    ///
    /// ## Why
    /// 财预〔2021〕101号 asks for targets with an explicit, attainable direction (≥ for “越大越好”,
    /// = for exact targets); “≥100%” on a share promises more than the whole while only meaning
    /// 100%. The target is attainable, so this is a warning about how it is written.
    ///
    /// ## Example
    /// ```text
    /// 质量指标  代缴完成率  …  ≥100比率
    /// 满意度指标  参保群众满意度  …  ≥100%
    /// ```
    ///
    /// ## Fix
    /// Write `100%` (or `=100%`), or a realistic floor such as `≥95%`.
    ///
    /// ## 检查内容
    /// 有上限的比率——完成率、覆盖率、到位率、合格率、发放率、知晓率、满意度等——目标值写作“≥100%”：唯一能达到的值就是100%，应写“100%”或“=100%”。（目标值超过100%的由 `indicator/rate-over-100` 作为错误报告。）增长率和频次没有上限，不检查。
    ///
    /// ## 依据
    /// 财预〔2021〕101号要求目标方向明确、可以实现（“越大越好”用≥，确定值用=）；比例写“≥100%”看似要求超过总体，实际只表示100%。目标可以实现，因此作为关于写法的警告。
    ///
    /// ## 示例
    /// ```text
    /// 质量指标  代缴完成率  …  ≥100比率
    /// 满意度指标  参保群众满意度  …  ≥100%
    /// ```
    ///
    /// ## 修改方法
    /// 写`100%`（或`=100%`），或写可实现的下限，如`≥95%`。
    pub struct RateAtLeast100 {
        id: "indicator/rate-at-least-100",
        split_from: "indicator/rate-over-100",
        severity: Warning,
        summary: "A bounded rate (完成率, 覆盖率, 满意度 …) has the target “≥100%”",
        summary_zh: "有上限的比率（完成率、覆盖率、满意度等）目标值写作“≥100%”",
    }
}

impl Rule for RateAtLeast100 {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let hundred = Decimal::from(100);
        for ind in ctx.view::<Indicators>() {
            let Some(value) = ind.bounded_rate_target() else {
                continue;
            };
            if value != hundred || ind.op() != Some(Comparison::Ge) {
                continue;
            }
            let d = Diagnostic::new(
                &Self::META,
                ind.value_span,
                format!(
                    "“{}”的目标值“{}”实际只能等于{}%，应写作“100%”或“=100%”",
                    ind.label(),
                    ind.value_text,
                    show(value)
                ),
            )
            .en(format!(
                "The target “{}” of “{}” can only be met by exactly 100%; write “100%” or “=100%”",
                ind.value_text,
                ind.label()
            ));
            out.push(ind.relate_name(d));
        }
    }
}
