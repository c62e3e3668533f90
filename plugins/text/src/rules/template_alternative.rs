use crate::support::Spans;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A template's alternative wording left in the published text: two opposite words written
    /// as `A（B）` for the author to choose one — `增加（减少）`, `增长（下降）`, `下降（增长）`,
    /// `上升（下降）`, `大于（小于）`, `高于（低于）`, `多于（少于）`, and `部门（单位）` right after
    /// a body's name (`某某局部门（单位）共有车辆`). The pair is reported whichever word comes
    /// first. Elsewhere `部门（单位）` is ordinary wording (`审核批复部门（单位）的年度预决算`, a
    /// form's name, a field label `部门（单位）：`) and is not reported.
    ///
    /// ## Why
    /// The 预决算公开 templates (财政部 and province templates) write the alternatives this way;
    /// a published sentence must say which one happened. 《地方预决算公开操作规程》(财预〔2016〕143号)
    /// asks for accurate content; evaluators count each alternative left in as an unfinished item.
    ///
    /// ## Example
    /// `支出减少0.15万元，下降（增长）27.78%` is reported.
    ///
    /// ## Fix
    /// Keep the word that is true and delete the other with its brackets: `下降27.78%`.
    ///
    /// ## 检查内容
    /// 公开文本中保留了模板的备选措辞：写成`A（B）`、供填写者二选一的两个相反的词——`增加（减少）`、`增长（下降）`、`下降（增长）`、`上升（下降）`、`大于（小于）`、`高于（低于）`、`多于（少于）`，以及紧跟在机关名称后的`部门（单位）`（`某某局部门（单位）共有车辆`）。无论哪个词在前都报告。在其他位置，`部门（单位）`是正常的用语（`审核批复部门（单位）的年度预决算`、表格名称、字段名`部门（单位）：`），不报告。
    ///
    /// ## 依据
    /// 预决算公开模板（财政部和各省的模板）用这种方式写备选措辞；公开的句子必须写明实际发生的是哪一种。《地方预决算公开操作规程》（财预〔2016〕143号）要求内容准确；评审把每一处保留的备选措辞都算作未完成的事项。
    ///
    /// ## 示例
    /// `支出减少0.15万元，下降（增长）27.78%`会被报告。
    ///
    /// ## 修改方法
    /// 保留符合实际的词，删去另一个词及其括号：`下降27.78%`。
    pub struct TemplateAlternative {
        id: "text/template-alternative",
        aliases: ["placeholder/template-alternative"],
        severity: Warning,
        summary: "Template alternative wording left in (增加（减少）, 部门（单位）)",
        summary_zh: "保留了模板的备选措辞（增加（减少）、部门（单位））",
    }
}

/// Opposite words that templates offer as a choice.
const PAIRS: &[(&str, &str)] = &[
    ("增加", "减少"),
    ("增长", "下降"),
    ("上升", "下降"),
    ("大于", "小于"),
    ("高于", "低于"),
    ("多于", "少于"),
    ("部门", "单位"),
];

impl Rule for TemplateAlternative {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let text = &ctx.doc.text;
        let spans = Spans::new(ctx.doc);
        for (open, c) in text.char_indices() {
            if c != '（' && c != '(' {
                continue;
            }
            let Some((start, end, first, second)) = alternative_at(text, open, c) else {
                continue;
            };
            out.push(
                Diagnostic::new(
                    &Self::META,
                    spans.span(start, end),
                    format!(
                        "模板中的备选用语“{}”未作取舍，应只保留实际情况“{first}”或“{second}”之一",
                        &text[start..end]
                    ),
                )
                .en(format!(
                    "Template alternative “{}” left in: keep either “{first}” or “{second}”",
                    &text[start..end]
                )),
            );
        }
    }
}

/// The alternative whose bracket opens at byte `open` (`c` is the bracket): its byte range and
/// its two words.
fn alternative_at(
    text: &str,
    open: usize,
    c: char,
) -> Option<(usize, usize, &'static str, &'static str)> {
    let close = if c == '（' { '）' } else { ')' };
    let inner_start = open + c.len_utf8();
    let before = &text[..open];
    let after = &text[inner_start..];
    let orders = PAIRS.iter().flat_map(|&(a, b)| [(a, b), (b, a)]);
    for (first, second) in orders {
        let closes = after
            .strip_prefix(second)
            .is_some_and(|rest| rest.starts_with(close));
        if !before.ends_with(first) || !closes {
            continue;
        }
        let end = inner_start + second.len() + close.len_utf8();
        // `部门（单位）` is also ordinary wording (`审核批复部门（单位）的预算`, a form's name
        // `部门（单位）整体绩效目标表`, a field label `部门（单位）：`): it is a choice left open
        // only right after the body's own name (`某某局部门（单位）共有车辆`).
        let pair = [first, second];
        if pair.contains(&"部门")
            && pair.contains(&"单位")
            && !after_a_body_name(&text[..open - first.len()])
        {
            return None;
        }
        return Some((open - first.len(), end, first, second));
    }
    None
}

/// Whether `before` ends with the name of a body (`…自然资源局`, `…服务中心`).
fn after_a_body_name(before: &str) -> bool {
    const ORGANS: &[&str] = &["局", "委", "办", "院", "中心", "所", "站", "厅", "署", "馆"];
    ORGANS.iter().any(|o| before.ends_with(o))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        text.char_indices()
            .filter(|(_, c)| *c == '（' || *c == '(')
            .filter_map(|(i, c)| {
                alternative_at(text, i, c).map(|(s, e, _, _)| text[s..e].to_string())
            })
            .collect()
    }

    #[test]
    fn pairs_in_either_order_and_either_bracket() {
        assert_eq!(
            found("支出减少0.15万元，下降（增长）27.78%"),
            ["下降（增长）"]
        );
        assert_eq!(found("收入支出总计增加(减少)"), ["增加(减少)"]);
        assert_eq!(found("本局部门（单位）共有车辆0辆"), ["部门（单位）"]);
    }

    #[test]
    fn field_labels_and_other_brackets_are_not_alternatives() {
        assert!(found("部门（单位）：烟台市退役军人事务局").is_empty());
        assert!(found("审核批复部门（单位）的年度预决算").is_empty());
        assert!(found("西工区部门（单位）整体支出绩效目标申报审批表").is_empty());
        assert!(found("增加（主要是人员增加）").is_empty());
        assert!(found("（增加）").is_empty());
    }
}
