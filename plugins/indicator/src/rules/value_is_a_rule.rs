use super::value_not_a_value::is_rule;
use crate::view::Indicators;
use budgetlint_sdk::model::IndicatorValue;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A 指标值 that is a number followed by a computation or pricing rule — a clause with a
    /// condition (大于, 超过, 不足 …) and a computation (按…计, 计算 …) after the number, as in
    /// `120120元/年，大于6万元按6万元计。`: the rule says how to compute a cost, not what the
    /// target is. A value that names a form or record instead of a target is
    /// `indicator/value-not-a-value`, an error.
    ///
    /// ## Why
    /// 财预〔2015〕88号 asks for targets that are 细化量化、可衡量; 财预〔2020〕10号 scores each
    /// indicator by comparing the result with its 年初指标值. A pricing rule in the value column
    /// usually means the columns were filled in wrongly (the rule belongs in the description).
    /// The number before it may still be the target, so this is a warning.
    ///
    /// ## Example
    /// ```text
    /// 成本指标  预算控制数  6  120120元/年，大于6万元按6万元计。
    /// ```
    ///
    /// ## Fix
    /// Put the target in the value column (`≤6万元`) and move the rule to the description.
    ///
    /// ## 检查内容
    /// 指标值是数字后跟计算或计价规则——数字后有条件（大于、超过、不足等）和计算（按…计、计算等）的分句，如`120120元/年，大于6万元按6万元计。`：规则说的是成本怎么算，而不是目标是多少。指标值是表单或记录名称的，由 `indicator/value-not-a-value` 作为错误报告。
    ///
    /// ## 依据
    /// 财预〔2015〕88号要求目标细化量化、可衡量；财预〔2020〕10号通过比较结果与年初指标值为每个指标打分。指标值栏里是计价规则，通常是填错了栏（规则应写在指标描述中）。规则前的数字仍可能是目标，因此作为警告。
    ///
    /// ## 示例
    /// ```text
    /// 成本指标  预算控制数  6  120120元/年，大于6万元按6万元计。
    /// ```
    ///
    /// ## 修改方法
    /// 在指标值栏填写目标（`≤6万元`），把规则移到指标描述栏。
    pub struct ValueIsARule {
        id: "indicator/value-is-a-rule",
        split_from: "indicator/value-not-a-value",
        severity: Warning,
        summary: "An indicator value is a computation or pricing rule rather than a target",
        summary_zh: "指标值是计算或计价规则，而不是目标",
    }
}

impl Rule for ValueIsARule {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        for ind in ctx.view::<Indicators>() {
            let IndicatorValue::Numeric { rest, .. } = &ind.row.parsed else {
                continue;
            };
            if !is_rule(rest) {
                continue;
            }
            let d = Diagnostic::new(
                &Self::META,
                ind.value_span,
                format!(
                    "“{}”的指标值“{}”是计算/计价规则，不是目标值",
                    ind.label(),
                    ind.value_text
                ),
            )
            .en(format!(
                "The value “{}” of “{}” is a computation or pricing rule, not a target",
                ind.value_text,
                ind.label()
            ));
            out.push(ind.relate_name(d));
        }
    }
}
