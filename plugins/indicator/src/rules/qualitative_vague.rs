use crate::view::{normalize, Indicator, Indicators, ValueKind};
use crate::vocab::{
    contains_any, first_found, ABSTRACT_WORDS, MEASURABLE_NAME_WORDS, VAGUE_PHRASES,
};
use budgetlint_sdk::model::IndicatorValue;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Targets that cannot be graded at the end of the year:
    /// - vague qualitative values (`有所提升`, `达到预期`, `持续影响`, `有效执行`, `完全符合`,
    ///   `群众满意度高` …);
    /// - a value that merely restates the indicator's name (`项目可持续影响` → `持续影响`);
    /// - an abstract indicator (`社会影响力`) whose description only repeats its name and whose
    ///   target is a percentage with no defined base.
    ///
    /// Reported at info level: a qualitative indicator is allowed, but it should say what will be
    /// observed (e.g. `参保人员投诉0起`, `经办时限缩短至3个工作日`).
    ///
    /// ## Why
    /// 财预〔2021〕101号 asks for quantified targets wherever possible, and for qualitative ones
    /// that can be graded; 财预〔2020〕10号 grades 定性 indicators in three bands (达成 / 部分达成 /
    /// 未达成), which a vague value does not allow.
    ///
    /// ## Example
    /// ```text
    /// 可持续影响指标  项目可持续影响  项目可持续影响度  工作有所提升
    /// 社会效益指标  社会影响力  社会影响力  100%
    /// ```
    ///
    /// ## Fix
    /// State an observable result with a number or a clear yes/no criterion.
    ///
    /// ## 检查内容
    /// 年底无法评定的目标：
    /// - 含糊的定性指标值（`有所提升`、`达到预期`、`持续影响`、`有效执行`、`完全符合`、`群众满意度高`等）；
    /// - 指标值只是重复指标名称（`项目可持续影响` → `持续影响`）；
    /// - 抽象的指标（`社会影响力`），其描述只重复名称，目标值是没有明确基数的百分比。
    ///
    /// 只作提示：定性指标是允许的，但应写明可观察的结果（如`参保人员投诉0起`、`经办时限缩短至3个工作日`）。
    ///
    /// ## 依据
    /// 财预〔2021〕101号要求尽可能量化目标，定性目标也应可以分级评价；财预〔2020〕10号对定性指标按达成、部分达成、未达成三档评分，含糊的指标值无法分档。
    ///
    /// ## 示例
    /// ```text
    /// 可持续影响指标  项目可持续影响  项目可持续影响度  工作有所提升
    /// 社会效益指标  社会影响力  社会影响力  100%
    /// ```
    ///
    /// ## 修改方法
    /// 用数字或明确的是否标准写出可观察的结果。
    pub struct QualitativeVague {
        id: "indicator/qualitative-vague",
        severity: Info,
        summary: "A target is vague (有所提升, 达到预期 …), restates the name, or has no defined base",
        summary_zh: "目标含糊（有所提升、达到预期等）、重复指标名称或没有明确基数",
    }
}

impl Rule for QualitativeVague {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        for ind in ctx.view::<Indicators>() {
            let on_value = vague(ind)
                .or_else(|| restates_name(ind))
                .map(|d| ind.relate_name(d));
            if let Some(d) = on_value.or_else(|| undefined_base(ind).map(|d| ind.relate_value(d))) {
                out.push(d);
            }
        }
    }
}

fn has_numeral(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_ascii_digit() || "一二两三四五六七八九十百千万零〇".contains(c))
}

fn vague(ind: &Indicator) -> Option<Diagnostic> {
    let IndicatorValue::Text { text } = &ind.row.parsed else {
        return None;
    };
    if text.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let phrase = first_found(text, VAGUE_PHRASES)?;
    Some(
        Diagnostic::new(&QualitativeVague::META, ind.value_span, format!("“{}”的目标值“{}”含糊（“{phrase}”），年终无法评判是否达成；应给出可衡量的目标", ind.label(), ind.value_text))
            .en(format!("The target “{}” of “{}” is vague (“{phrase}”) and cannot be graded; state a measurable target", ind.value_text, ind.label())),
    )
}

fn restates_name(ind: &Indicator) -> Option<Diagnostic> {
    let IndicatorValue::Text { text } = &ind.row.parsed else {
        return None;
    };
    let value = normalize(text)
        .trim_end_matches(['。', '；', ';', '，'])
        .to_string();
    let name = ind.name.trim_end_matches(['。', '；', ';', '，']);
    if value.chars().count() < 2
        || has_numeral(&value)
        || !(name.contains(value.as_str()) || value.contains(name))
    {
        return None;
    }
    Some(
        Diagnostic::new(&QualitativeVague::META, ind.value_span, format!("“{}”的目标值“{}”只是重复指标名称，没有设定可评判的目标", ind.label(), ind.value_text))
            .en(format!("The target “{}” of “{}” only restates the indicator's name; it sets no gradeable target", ind.value_text, ind.label())),
    )
}

fn undefined_base(ind: &Indicator) -> Option<Diagnostic> {
    let ValueKind::Percent { .. } = ind.kind() else {
        return None;
    };
    let abstract_word = first_found(&ind.name, ABSTRACT_WORDS)?;
    if ind.description() != ind.name || contains_any(&ind.name, MEASURABLE_NAME_WORDS) {
        return None;
    }
    Some(
        Diagnostic::new(&QualitativeVague::META, ind.name_span(), format!("“{}”是抽象概念（“{abstract_word}”），指标描述只重复名称，目标值“{}”没有计算口径，无法衡量", ind.label(), ind.value_text))
            .en(format!("“{}” is an abstract notion whose description repeats the name; the target “{}” has no defined base and cannot be measured", ind.label(), ind.value_text)),
    )
}
