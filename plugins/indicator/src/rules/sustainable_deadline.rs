use crate::view::{Category, Indicators, ValueKind};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// An indicator under 可持续影响指标 whose value is a month of the year (`12月`): a month is a
    /// deadline, which belongs under 时效指标. A month under another category that takes no
    /// deadlines, and the other values that do not fit their category, are
    /// `indicator/category-semantics` (a warning).
    ///
    /// ## Why
    /// The 2020 自评 framework (财预〔2020〕10号) and 财预〔2021〕101号 define 可持续影响 as the
    /// lasting effect of a project and 时效 as its deadlines. Under 可持续影响指标 a month is
    /// usually a deadline filed under the wrong heading, but a lasting effect dated by a month
    /// (`长效机制 12月建立`) can be meant: an info for the reader to check.
    ///
    /// ## Example
    /// ```text
    /// 可持续影响指标  长效机制  …  12月
    /// ```
    ///
    /// ## Fix
    /// Move the deadline to 时效指标 and state the lasting effect under 可持续影响指标
    /// (`长效机制 建立并持续运行`).
    ///
    /// ## 检查内容
    /// 可持续影响指标下指标值是某月（`12月`）的指标：月份是完成期限，应列在时效指标下。其他不接受期限的类别下的月份，以及其他与类别不符的指标值，由 `indicator/category-semantics` 作为警告报告。
    ///
    /// ## 依据
    /// 2020年绩效自评框架（财预〔2020〕10号）和财预〔2021〕101号规定，可持续影响是项目的长期效果，时效是项目的完成期限。可持续影响指标下的月份通常是归错类的期限，但也可能是以月份标明的长期效果（`长效机制 12月建立`），因此作为提示，请读者核对。
    ///
    /// ## 示例
    /// ```text
    /// 可持续影响指标  长效机制  …  12月
    /// ```
    ///
    /// ## 修改方法
    /// 把期限移到时效指标下，在可持续影响指标下写长期效果（`长效机制 建立并持续运行`）。
    pub struct SustainableDeadline {
        id: "indicator/sustainable-deadline",
        split_from: "indicator/category-semantics",
        severity: Info,
        summary: "A 可持续影响指标 has a month (a deadline) as its value",
        summary_zh: "可持续影响指标的指标值是月份（期限）",
    }
}

impl Rule for SustainableDeadline {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        for ind in ctx.view::<Indicators>() {
            if ind.category != Category::Sustainable || ind.kind() != ValueKind::MonthOfYear {
                continue;
            }
            let v = ind.value_text;
            let d = Diagnostic::new(
                &Self::META,
                ind.value_span,
                format!(
                    "可持续影响指标“{}”的指标值是月份（{v}），属时效目标，不是可持续影响",
                    ind.name_as_written()
                ),
            )
            .en(format!(
                "The sustainability indicator “{}” has a month as value ({v}), a deadline rather than a lasting effect",
                ind.name_as_written()
            ));
            out.push(ind.relate_name(d));
        }
    }
}
