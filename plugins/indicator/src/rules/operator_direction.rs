use crate::view::{
    is_bounded_rate_name, is_less_is_better_rate, Category, Indicator, Indicators, ValueKind,
};
use crate::vocab::{
    contains_any, COST_CONTROL_WORDS, GROWTH_WORDS, RESTRAINT_WORDS, TIME_LIMIT_WORDS,
};
use budgetlint_sdk::model::Comparison;
use budgetlint_sdk::{declare_rule, Context, Decimal, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// The comparison of a target against the indicator's direction:
    /// “越大越好” indicators (a share such as 成功率, 覆盖率, 满意度; a benefit or satisfaction
    /// measured in %; a count under 数量指标) must use ≥ or =, and “越小越好” ones (a money amount
    /// under 成本指标, a time limit under 时效指标, an error or complaint rate) must use ≤ or =.
    /// This rule reports an upper bound on a “越大越好” indicator (“≤100%” is always met), or a
    /// lower bound on a “越小越好” one. A strict comparison the wrong way (“成功率 <90%”) asks
    /// for the opposite of the goal: that is `indicator/operator-opposite`, an error.
    ///
    /// Cost-control rates (成本控制率, 预算执行率 …), growth rates, subsidy standards and counts
    /// meant to be kept down (会议次数, 公务接待批次) are skipped: either direction can be meant.
    ///
    /// ## Why
    /// 财预〔2021〕101号 (核心绩效指标设置及取值指引) asks for an explicit direction: ≥ for
    /// “越大越好”, ≤ for “越小越好”, = for exact targets. A wrong operator turns the target
    /// into one that is met by failure, and 财预〔2020〕10号 scores against it.
    ///
    /// ## Example
    /// ```text
    /// 数量指标  培训人数  全年培训人数  ≤100人
    /// 社会效益指标  社会效益完成  …  ≤98比率
    /// ```
    /// Correct: `成本指标  项目预算控制数  ≤4万元/月`, `时效指标  到位率  <7日`.
    ///
    /// ## Fix
    /// Turn the operator round (`≥90%`), or write the exact target (`100%`).
    ///
    /// ## 检查内容
    /// 目标值的比较符号是否与指标的方向一致：“越大越好”的指标（成功率、覆盖率、满意度等比率；以%计的效益或满意度；数量指标下的数量）应使用≥或=，“越小越好”的指标（成本指标下的金额、时效指标下的时限、差错率或投诉率）应使用≤或=。本规则报告对“越大越好”的指标设上限（“≤100%”总能达到），或对“越小越好”的指标设下限。方向相反的严格比较（“成功率 <90%”）等于要求与目标相反的结果，由 `indicator/operator-opposite` 作为错误报告。
    ///
    /// 成本控制率（成本控制率、预算执行率等）、增长率、补助标准和应当压减的次数（会议次数、公务接待批次）不检查：两个方向都有可能。
    ///
    /// ## 依据
    /// 财预〔2021〕101号（核心绩效指标设置及取值指引）要求明确指标方向：“越大越好”用≥，“越小越好”用≤，确定值用=。比较符号写反，目标就变成了做不好才能达到，而财预〔2020〕10号正是据此打分。
    ///
    /// ## 示例
    /// ```text
    /// 数量指标  培训人数  全年培训人数  ≤100人
    /// 社会效益指标  社会效益完成  …  ≤98比率
    /// ```
    /// 正确写法：`成本指标  项目预算控制数  ≤4万元/月`，`时效指标  到位率  <7日`。
    ///
    /// ## 修改方法
    /// 把比较符号反过来（`≥90%`），或写确定的目标值（`100%`）。
    pub struct OperatorDirection {
        id: "indicator/operator-direction",
        severity: Warning,
        summary: "A target bounds the indicator on the wrong side (培训人数 ≤100人, 社会效益 ≤98%)",
        summary_zh: "目标值从错误的一侧限定指标（培训人数≤100人、社会效益≤98%）",
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Goal {
    MoreIsBetter,
    LessIsBetter,
}

impl Rule for OperatorDirection {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        report(ctx, &Self::META, false, out);
    }
}

/// Reports the targets whose comparison runs against their indicator's direction: the strict
/// ones (`<` where more is better, `>` where less is better) when `strict`, else the bounds on
/// the wrong side (`≤`, `≥`), as findings of `meta`.
pub(crate) fn report(
    ctx: &Context,
    meta: &'static RuleMeta,
    strict: bool,
    out: &mut Vec<Diagnostic>,
) {
    for ind in ctx.view::<Indicators>() {
        let Some(op) = ind.op() else { continue };
        let Some((goal, why_zh, why_en)) = goal(ind) else {
            continue;
        };
        let is_strict = match (goal, op) {
            (Goal::MoreIsBetter, Comparison::Le) | (Goal::LessIsBetter, Comparison::Ge) => false,
            (Goal::MoreIsBetter, Comparison::Lt) | (Goal::LessIsBetter, Comparison::Gt) => true,
            _ => continue,
        };
        if is_strict == strict {
            let d = diagnostic(meta, ind, goal, strict, why_zh, why_en);
            out.push(ind.relate_name(d));
        }
    }
}

fn diagnostic(
    meta: &'static RuleMeta,
    ind: &Indicator,
    goal: Goal,
    strict: bool,
    why_zh: &str,
    why_en: &str,
) -> Diagnostic {
    let (want, want_en) = match goal {
        Goal::MoreIsBetter => ("越大越好", "more is better"),
        Goal::LessIsBetter => ("越小越好", "less is better"),
    };
    let (op_hint, op_hint_en) = match goal {
        Goal::MoreIsBetter => ("应使用“≥”或“=”", "use “≥” or “=”"),
        Goal::LessIsBetter => ("应使用“≤”或“=”", "use “≤” or “=”"),
    };
    let always_met = goal == Goal::MoreIsBetter && !strict && is_hundred_percent(ind);
    let consequence = if always_met {
        (
            "，“≤100%”恒成立，等于没有设定目标",
            ", and “≤100%” is always met, so it sets no target",
        )
    } else if strict {
        (
            "，目标要求的正是相反的结果",
            ", so the target asks for the opposite result",
        )
    } else if goal == Goal::MoreIsBetter {
        (
            "，给出的是上限，而该指标应设下限",
            ": it sets a ceiling where a floor is needed",
        )
    } else {
        (
            "，给出的是下限，而该指标应设上限",
            ": it sets a floor where a ceiling is needed",
        )
    };
    Diagnostic::new(
        meta,
        ind.value_span,
        format!(
            "“{}”{why_zh}，属{want}型指标，目标值“{}”方向相反{}；{op_hint}",
            ind.label(),
            ind.value_text,
            consequence.0
        ),
    )
    .en(format!(
        "“{}” {why_en} ({want_en}); the target “{}” has the wrong comparison{}; {op_hint_en}",
        ind.label(),
        ind.value_text,
        consequence.1
    ))
}

fn is_hundred_percent(ind: &Indicator) -> bool {
    matches!(ind.kind(), ValueKind::Percent { value, .. } if value == Decimal::from(100))
}

fn is_short_duration(ind: &Indicator) -> bool {
    ind.quantity().is_some_and(|q| {
        matches!(
            q.unit.as_str(),
            "日" | "天" | "个工作日" | "工作日" | "小时"
        )
    })
}

/// The indicator's direction and why, when it is clear.
fn goal(ind: &Indicator) -> Option<(Goal, &'static str, &'static str)> {
    let name = ind.name.as_str();
    if contains_any(name, GROWTH_WORDS) {
        return None;
    }
    match ind.kind() {
        ValueKind::Percent { .. } => {
            if is_less_is_better_rate(name) {
                Some((
                    Goal::LessIsBetter,
                    "是差错/投诉类比率",
                    "is an error/complaint rate",
                ))
            } else if contains_any(name, COST_CONTROL_WORDS) {
                None
            } else if is_bounded_rate_name(name) {
                Some((
                    Goal::MoreIsBetter,
                    "是完成/覆盖/满意类比率",
                    "is a completion/coverage/satisfaction rate",
                ))
            } else if ind.category.is_benefit_or_satisfaction() {
                Some((
                    Goal::MoreIsBetter,
                    "是以百分比计的效益/满意度指标",
                    "is a benefit/satisfaction measured in %",
                ))
            } else {
                None
            }
        }
        ValueKind::Money(q)
            if ind.category == Category::Cost
                && q.per.as_deref().is_none_or(|p| p == "月" || p == "年") =>
        {
            if contains_any(name, &["补助", "补贴", "标准", "发放", "救助", "奖励"]) {
                None
            } else {
                Some((Goal::LessIsBetter, "是成本指标", "is a cost indicator"))
            }
        }
        // Short time limits only: a period of years under 可持续影响 (“≥1年”) is “越长越好”.
        ValueKind::Time
            if is_short_duration(ind)
                && (ind.category == Category::Timeliness
                    || contains_any(name, TIME_LIMIT_WORDS)) =>
        {
            Some((Goal::LessIsBetter, "是时限指标", "is a time limit"))
        }
        ValueKind::Count
            if ind.category == Category::Quantity
                && !is_less_is_better_rate(name)
                && !contains_any(name, RESTRAINT_WORDS) =>
        {
            Some((Goal::MoreIsBetter, "是数量指标", "is a quantity indicator"))
        }
        _ => None,
    }
}
