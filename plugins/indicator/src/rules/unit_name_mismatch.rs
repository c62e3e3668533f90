use crate::view::{is_bounded_rate_name, Category, Indicator, Indicators, ValueKind};
use crate::vocab::{contains_any, TIME_LIMIT_WORDS};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// An indicator whose name and value measure different things:
    /// - the name is a rate (`发放率`, `到位率`, `覆盖率`) but the value is a time (`<3日`), an
    ///   amount or a count;
    /// - the name is a time (`完成时间`, `办结时限`) but the value is a percentage.
    ///
    /// A rate name on a time under 时效指标, where the value fits the category and only the name
    /// is wrong, is `indicator/rate-named-time-limit`, an info.
    ///
    /// ## Why
    /// 财预〔2021〕101号 asks that the 计量单位 fit what the indicator measures; an evaluator
    /// scoring under 财预〔2020〕10号 cannot compare “发放率” with “3日”.
    ///
    /// ## Example
    /// ```text
    /// 质量指标  发放率  3个工作日保证企业养老金发放到位  <3日
    /// ```
    ///
    /// ## Fix
    /// Rename the indicator after what the value measures (`发放时限 ≤3个工作日`), or give the
    /// rate as a percentage (`按时发放率 100%`).
    ///
    /// ## 检查内容
    /// 指标名称与指标值衡量的不是同一种量：
    /// - 名称是比率（`发放率`、`到位率`、`覆盖率`），指标值却是时间（`<3日`）、金额或数量；
    /// - 名称是时间（`完成时间`、`办结时限`），指标值却是百分比。
    ///
    /// 时效指标下比率名称配时间的指标值，指标值与类别相符、只是名称错了，由 `indicator/rate-named-time-limit` 作为提示报告。
    ///
    /// ## 依据
    /// 财预〔2021〕101号要求计量单位与指标所衡量的内容相符；按财预〔2020〕10号评价时，无法把“发放率”与“3日”相比较。
    ///
    /// ## 示例
    /// ```text
    /// 质量指标  发放率  3个工作日保证企业养老金发放到位  <3日
    /// ```
    ///
    /// ## 修改方法
    /// 按指标值所衡量的内容重新命名指标（`发放时限 ≤3个工作日`），或把比率写成百分比（`按时发放率 100%`）。
    pub struct UnitNameMismatch {
        id: "indicator/unit-name-mismatch",
        severity: Warning,
        summary: "The indicator's name implies a rate or a time but the value is of another kind",
        summary_zh: "指标名称表示比率或时间，指标值却是另一种量",
    }
}

impl Rule for UnitNameMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        for ind in ctx
            .view::<Indicators>()
            .iter()
            .filter(|i| i.name_is_whole())
        {
            let rate = rate_with_other_unit(&Self::META, ind, false);
            if let Some(d) = rate.or_else(|| time_with_percent(ind)) {
                out.push(ind.relate_name(d));
            }
        }
    }
}

/// A rate name with a value of another kind, as a finding of `meta`: only where the value fits
/// the indicator's category (a time under 时效指标: only the name is off) when `fits`, only
/// where it does not otherwise.
pub(crate) fn rate_with_other_unit(
    meta: &'static RuleMeta,
    ind: &Indicator,
    fits: bool,
) -> Option<Diagnostic> {
    if !(ind.name.contains('率') && is_bounded_rate_name(&ind.name)) {
        return None;
    }
    let value_fits_category = ind.category == Category::Timeliness
        && matches!(ind.kind(), ValueKind::Time | ValueKind::MonthOfYear);
    if value_fits_category != fits {
        return None;
    }
    let (what, what_en) = match ind.kind() {
        ValueKind::Time | ValueKind::MonthOfYear => ("时间", "a time"),
        ValueKind::Money(_) => ("金额", "an amount"),
        ValueKind::Count => ("数量", "a count"),
        _ => return None,
    };
    let d = Diagnostic::new(
        meta,
        ind.value_span,
        format!(
            "指标“{}”名称是比率，指标值“{}”却是{what}，名称与计量单位不符",
            ind.label(),
            ind.value_text
        ),
    )
    .en(format!(
        "“{}” is named as a rate but its value “{}” is {what_en}; name and unit disagree",
        ind.label(),
        ind.value_text
    ));
    Some(d)
}

fn time_with_percent(ind: &Indicator) -> Option<Diagnostic> {
    if ind.name.contains('率') || !contains_any(&ind.name, TIME_LIMIT_WORDS) {
        return None;
    }
    let ValueKind::Percent { .. } = ind.kind() else {
        return None;
    };
    Some(
        Diagnostic::new(
            &UnitNameMismatch::META,
            ind.value_span,
            format!(
                "指标“{}”名称是时间/时限，指标值“{}”却是百分比，名称与计量单位不符",
                ind.label(),
                ind.value_text
            ),
        )
        .en(format!(
            "“{}” is named as a time but its value “{}” is a percentage; name and unit disagree",
            ind.label(),
            ind.value_text
        )),
    )
}
