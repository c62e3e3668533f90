use crate::view::{is_bounded_rate_name, Category, Indicators, ValueKind};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A rate (`验收合格率 =100%`, `成功率 ≥90%`) filed under 数量指标.
    ///
    /// ## Why
    /// 财预〔2021〕101号 (项目支出核心绩效目标和指标设置及取值指引): 数量指标 state how much
    /// is produced or provided (人、件、次 …); rates of a standard met (合格率, 达标率) are
    /// 质量指标. Reported as information, not as a warning: published 绩效目标表 of many
    /// provinces file coverage and completion rates (参保率, 完成度) under 数量指标 as a matter
    /// of course, and the category of such a rate is a judgement the reviewer makes.
    ///
    /// ## Example
    /// ```text
    /// 产出指标  数量指标  设备维修验收合格率  =100%
    /// ```
    ///
    /// ## Fix
    /// Move the rate to 质量指标, and give 数量指标 the count of outputs (`维修设备≥20台`).
    ///
    /// ## 检查内容
    /// 比率（`验收合格率 =100%`、`成功率 ≥90%`）列在数量指标下。
    ///
    /// ## 依据
    /// 财预〔2021〕101号（项目支出核心绩效目标和指标设置及取值指引）：数量指标反映生产或提供了多少（人、件、次等）；达到某一标准的比率（合格率、达标率）属于质量指标。只作提示而不作为警告：许多省份公开的绩效目标表习惯把覆盖率、完成率（参保率、完成度）列在数量指标下，这类比率归哪一类需要审核人员判断。
    ///
    /// ## 示例
    /// ```text
    /// 产出指标  数量指标  设备维修验收合格率  =100%
    /// ```
    ///
    /// ## 修改方法
    /// 把该比率移到质量指标下，数量指标写产出的数量（`维修设备≥20台`）。
    pub struct RateAsQuantity {
        id: "indicator/rate-as-quantity",
        severity: Info,
        summary: "A rate is filed under 数量指标 (rates of a standard met are 质量指标)",
        summary_zh: "比率列在数量指标下（达标、合格类比率通常属质量指标）",
    }
}

impl Rule for RateAsQuantity {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        for ind in ctx.view::<Indicators>() {
            let percent = matches!(ind.kind(), ValueKind::Percent { .. });
            if ind.category != Category::Quantity || !percent || !is_bounded_rate_name(&ind.name) {
                continue;
            }
            let (name, v) = (ind.name_as_written(), ind.value_text);
            let d = Diagnostic::new(
                &RateAsQuantity::META,
                ind.name_span(),
                format!("数量指标“{name}”是比率（{v}），比率通常归入质量指标，数量指标应为产出数量"),
            )
            .en(format!(
                "The quantity indicator “{name}” is a rate ({v}); rates usually belong under 质量指标, quantities count outputs"
            ));
            out.push(ind.relate_value(d));
        }
    }
}
