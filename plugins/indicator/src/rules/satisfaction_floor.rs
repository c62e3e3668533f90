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
    ///
    /// ## 检查内容
    /// 满意度目标（满意度指标，或名称含“满意”的指标）低于下限，默认80%。下限可在 rules.toml 中用本规则的选项 `floor` 设置（`[indicator.satisfaction-floor] floor = 90`）：河北、河南模板通常为90%–95%。
    ///
    /// ## 依据
    /// 国家没有规定满意度目标的最低值；财预〔2015〕88号要求目标合理可行，目标低到无论服务质量如何都能达到，审核时会被质疑。目标偏低需要判断，因此只作提示，下限可以配置。
    ///
    /// ## 示例
    /// ```text
    /// 满意度指标  服务对象满意度指标  受众群体的满意度  …  ≥70%
    /// ```
    ///
    /// ## 修改方法
    /// 把目标提高到本省通常的水平（如`≥90%`），或在指标值确定依据中说明理由。
    pub struct SatisfactionFloor {
        id: "indicator/satisfaction-floor",
        severity: Info,
        summary: "A satisfaction target is below the configured floor (default 80%)",
        summary_zh: "满意度目标低于设定的下限（默认80%）",
        options: {
            floor: Decimal = "80", "The lowest acceptable satisfaction target, in percent",
                "可以接受的最低满意度目标，以百分比计";
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
