use super::unit_name_mismatch::rate_with_other_unit;
use crate::view::Indicators;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// An indicator under 时效指标 named as a rate (`到位率`, `发放率`) whose value is a time
    /// (`<7日`, `12月`): the value is the right kind for the category, only the name is off. A
    /// rate name with a value that fits neither the name nor the category (a time under
    /// 质量指标, an amount, a count) is `indicator/unit-name-mismatch`, a warning.
    ///
    /// ## Why
    /// 财预〔2021〕101号 asks that the 计量单位 fit what the indicator measures. The time limit
    /// itself can be scored under 财预〔2020〕10号, so this is an info: the name misleads a
    /// reader, the target does not.
    ///
    /// ## Example
    /// ```text
    /// 时效指标  到位率  7个工作日保证企业养老金发放到位  <7日
    /// ```
    ///
    /// ## Fix
    /// Name the indicator after the time it limits (`到位时限 ≤7个工作日`).
    ///
    /// ## 检查内容
    /// 时效指标下名称是比率（`到位率`、`发放率`）、指标值却是时间（`<7日`、`12月`）的指标：指标值与类别相符，只是名称不当。比率名称配的指标值既不符合名称也不符合类别（质量指标下的时间、金额、数量）的，由 `indicator/unit-name-mismatch` 作为警告报告。
    ///
    /// ## 依据
    /// 财预〔2021〕101号要求计量单位与指标所衡量的内容相符。时限本身可以按财预〔2020〕10号评价，因此作为提示：名称会误导读者，目标本身没有问题。
    ///
    /// ## 示例
    /// ```text
    /// 时效指标  到位率  7个工作日保证企业养老金发放到位  <7日
    /// ```
    ///
    /// ## 修改方法
    /// 按所限定的时间命名指标（`到位时限 ≤7个工作日`）。
    pub struct RateNamedTimeLimit {
        id: "indicator/rate-named-time-limit",
        split_from: "indicator/unit-name-mismatch",
        severity: Info,
        summary: "A 时效指标 named as a rate has a time as its value",
        summary_zh: "时效指标名称是比率，指标值是时间",
    }
}

impl Rule for RateNamedTimeLimit {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        for ind in ctx
            .view::<Indicators>()
            .iter()
            .filter(|i| i.name_is_whole())
        {
            if let Some(d) = rate_with_other_unit(&Self::META, ind, true) {
                out.push(ind.relate_name(d));
            }
        }
    }
}
