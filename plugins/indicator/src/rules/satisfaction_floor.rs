use crate::view::{show, Category, Indicators, ValueKind};
use budgetlint_sdk::model::Comparison;
use budgetlint_sdk::{declare_rule, Context, Decimal, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A satisfaction target (满意度指标, or a name with 满意) set below a floor, by default 80%.
    /// The floor is the rule's option `floor` in rules.toml (`[indicator.satisfaction-floor]
    /// floor = 90`): Hebei and Henan templates commonly use 90–95%.
    ///
    /// ## Why
    /// No national regulation fixes a minimum satisfaction target; 财预〔2015〕88号 asks for
    /// targets that are 合理可行 and reviewers question targets that are met whatever the
    /// service quality. A low target is a judgment call, hence info level and a configurable floor.
    ///
    /// ## Example
    /// ```text
    /// 满意度指标  服务对象满意度指标  受众群体的满意度  …  ≥70%
    /// ```
    ///
    /// ## Fix
    /// Raise the target to the level usual in the province (e.g. `≥90%`), or justify it in
    /// 指标值确定依据.
    pub struct SatisfactionFloor {
        id: "indicator/satisfaction-floor",
        severity: Info,
        summary: "A satisfaction target is below the configured floor (default 80%)",
        summary_zh: "满意度目标低于设定的下限（默认80%）",
        options: {
            floor: Decimal = "80", "The lowest acceptable satisfaction target, in percent";
        },
    }
}

impl Rule for SatisfactionFloor {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let floor = ctx.option_decimal("floor", Decimal::from(80));
        for ind in ctx.view::<Indicators>() {
            if !(ind.category == Category::Satisfaction || ind.name.contains("满意")) {
                continue;
            }
            let ValueKind::Percent { value, .. } = ind.kind() else {
                continue;
            };
            if value >= floor || matches!(ind.op(), Some(Comparison::Le | Comparison::Lt)) {
                continue;
            }
            let d = Diagnostic::new(
                &Self::META,
                ind.value_span,
                format!(
                    "满意度目标“{}”（{}）低于设定的下限{}%",
                    ind.value_text,
                    ind.label(),
                    show(floor)
                ),
            )
            .en(format!(
                "The satisfaction target “{}” of “{}” is below the floor of {}%",
                ind.value_text,
                ind.label(),
                show(floor)
            ));
            out.push(ind.relate_name(d));
        }
    }
}
