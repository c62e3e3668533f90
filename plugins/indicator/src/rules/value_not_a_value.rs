use crate::view::Indicators;
use crate::vocab::{contains_any, FORM_WORDS, RULE_WORDS, TARGET_VERBS};
use budgetlint_sdk::model::IndicatorValue;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A 指标值 that is not a target at all but the name of a form or record (`满意度问卷调查表`,
    /// `工作台账`, `考核表`): there is nothing to compare the result with. A number followed by
    /// a computation or pricing rule (`120120元/年，大于6万元按6万元计。`) is
    /// `indicator/value-is-a-rule`, a warning.
    ///
    /// The rule is deliberately narrow: a form word that is part of a target (`建立工作台账`,
    /// `符合相关文件规定`) is not reported, vague phrases are `indicator/qualitative-vague`, and
    /// descriptive sentences are left alone.
    ///
    /// ## Why
    /// 财预〔2015〕88号 asks for targets that are 细化量化、可衡量; 财预〔2020〕10号 scores each
    /// indicator by comparing the result with its 年初指标值. A survey form or a pricing rule in
    /// the value column usually means the columns were filled in wrongly (the form belongs in
    /// 指标值确定依据, the rule in the description).
    ///
    /// ## Example
    /// ```text
    /// 满意度指标  参保单位满意度  对工伤保险办事方式满意度  满意度问卷调查表
    /// 可持续影响指标  业务记录  …  工作台账
    /// ```
    ///
    /// ## Fix
    /// Put the target in the value column (`≥90%`) and move the form to the
    /// 指标值确定依据 column.
    ///
    /// ## 检查内容
    /// 根本不是目标、而是表单或记录名称的指标值（`满意度问卷调查表`、`工作台账`、`考核表`）：没有可与结果比较的东西。数字后跟计算或计价规则（`120120元/年，大于6万元按6万元计。`）由 `indicator/value-is-a-rule` 作为警告报告。
    ///
    /// 本规则有意从严把握范围：作为目标一部分的表单词语（`建立工作台账`、`符合相关文件规定`）不报告，含糊的表述由 `indicator/qualitative-vague` 检查，描述性的句子不检查。
    ///
    /// ## 依据
    /// 财预〔2015〕88号要求目标细化量化、可衡量；财预〔2020〕10号通过比较结果与年初指标值为每个指标打分。指标值栏里是调查表或计价规则，通常是填错了栏（表单应写在指标值确定依据中，规则应写在指标描述中）。
    ///
    /// ## 示例
    /// ```text
    /// 满意度指标  参保单位满意度  对工伤保险办事方式满意度  满意度问卷调查表
    /// 可持续影响指标  业务记录  …  工作台账
    /// ```
    ///
    /// ## 修改方法
    /// 在指标值栏填写目标（`≥90%`），把表单移到指标值确定依据栏。
    pub struct ValueNotAValue {
        id: "indicator/value-not-a-value",
        severity: Error,
        summary: "An indicator value is a form or record rather than a target",
        summary_zh: "指标值是表单或记录，而不是目标",
    }
}

impl Rule for ValueNotAValue {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        for ind in ctx.view::<Indicators>() {
            let d = match &ind.row.parsed {
                IndicatorValue::Text { text } => {
                    let Some(word) = document_word(text) else {
                        continue;
                    };
                    Diagnostic::new(&Self::META, ind.value_span, format!("“{}”的指标值“{}”是表格或记录（“{word}”），不是可衡量的目标值", ind.label(), ind.value_text))
                        .en(format!("The value “{}” of “{}” names a form or record (“{word}”), not a measurable target", ind.value_text, ind.label()))
                }
                _ => continue,
            };
            out.push(ind.relate_name(d));
        }
    }
}

/// The form a value names, when the whole value is the name of a form (it ends with the form
/// word and has no figure and no verb making it a target such as `建立工作台账`).
fn document_word(text: &str) -> Option<&'static str> {
    let t = text.trim().trim_end_matches(['。', '；', ';', '，', ',']);
    if t.chars().any(|c| c.is_ascii_digit()) || contains_any(t, TARGET_VERBS) {
        return None;
    }
    FORM_WORDS.iter().copied().find(|w| t.ends_with(w))
}

/// `，大于6万元按6万元计。`: a clause with a condition and a computation after the number.
pub(crate) fn is_rule(rest: &str) -> bool {
    let has_condition = contains_any(
        rest,
        &[
            "大于", "小于", "超过", "不足", "超出", "低于", "高于", "以上", "以下",
        ],
    );
    let computes = contains_any(rest, RULE_WORDS);
    rest.chars().count() > 4 && has_condition && computes
}
