use crate::view::Indicators;
use budgetlint_sdk::model::IndicatorValue;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A 绩效目标表 indicator whose 指标值 is blank, only a unit (`%`, `万元`) or only an operator
    /// (`≥`): the row names an indicator but sets no target.
    ///
    /// ## Why
    /// 《中央部门预算绩效目标管理办法》(财预〔2015〕88号) asks for targets that are 细化量化; the
    /// 2020 自评 framework (财预〔2020〕10号) scores each indicator against its 年初指标值, so an
    /// indicator without a value cannot be evaluated. 地方预决算公开操作规程 (财预〔2016〕143号)
    /// requires the published content to be complete.
    ///
    /// ## Example
    /// ```text
    /// 产出指标  成本指标  上级交办事项完成情况  …  %
    /// ```
    ///
    /// ## Fix
    /// Fill in the target with its number and unit (`≥95%`, `≤4万元/月`), or remove the row.
    ///
    /// ## 检查内容
    /// 绩效目标表中指标值为空、只有单位（`%`、`万元`）或只有比较符号（`≥`）的指标：这一行列出了指标，却没有设定目标。
    ///
    /// ## 依据
    /// 《中央部门预算绩效目标管理办法》（财预〔2015〕88号）要求目标细化量化；2020年绩效自评框架（财预〔2020〕10号）按年初指标值对每个指标打分，没有指标值就无法评价。《地方预决算公开操作规程》（财预〔2016〕143号）要求公开内容完整。
    ///
    /// ## 示例
    /// ```text
    /// 产出指标  成本指标  上级交办事项完成情况  …  %
    /// ```
    ///
    /// ## 修改方法
    /// 填上带数字和单位的目标值（`≥95%`、`≤4万元/月`），或删去这一行。
    pub struct ValueEmpty {
        id: "indicator/value-empty",
        severity: Error,
        summary: "An indicator has no target value (blank, a bare unit or only an operator)",
        summary_zh: "指标没有目标值（空白、只有单位或只有比较符）",
    }
}

impl Rule for ValueEmpty {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        for ind in ctx.view::<Indicators>() {
            let (zh, en) = match &ind.row.parsed {
                IndicatorValue::Empty => (
                    "指标值为空".to_string(),
                    "the target value is blank".to_string(),
                ),
                IndicatorValue::BareUnit { text } => (
                    format!("指标值只有“{text}”，没有数值"),
                    format!("the target value is only “{text}”, without a number"),
                ),
                _ => continue,
            };
            let d = Diagnostic::new(
                &Self::META,
                ind.value_span,
                format!("绩效指标“{}”{zh}，无法据以评价", ind.label()),
            )
            .en(format!(
                "Indicator “{}”: {en}; it cannot be evaluated",
                ind.label()
            ));
            out.push(ind.relate_name(d));
        }
    }
}
