use crate::support::Spans;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};
use regex::Regex;
use std::sync::OnceLock;

declare_rule! {
    /// ## What it checks
    /// A sentence that announces an explanation and ends before giving it: `主要原因是。`,
    /// `增加的原因为：；`, `主要用于。`. The words that announce one are 原因是, 原因为,
    /// 主要是 (after 原因), 主要用于, 主要包括, 具体包括; reported when the next character (after an
    /// optional colon) ends the sentence (。 or ；). A colon followed by a line break introduces a
    /// list and is not reported.
    ///
    /// ## Why
    /// 《地方预决算公开操作规程》(财预〔2016〕143号) asks departments to explain the changes in
    /// their figures and what the money is used for. A template sentence published with its
    /// explanation left empty gives the figure without the required reason.
    ///
    /// ## Example
    /// `公务用车购置及运行费9.98万元，与2025年预算数持平，主要原因是。` is reported.
    ///
    /// ## Fix
    /// Give the reason (or the use), or, when there is nothing to explain, rewrite the sentence
    /// without the announcement.
    ///
    /// ## 检查内容
    /// 语句写了要说明的内容却没有下文：`主要原因是。`、`增加的原因为：；`、`主要用于。`。引出说明的词为原因是、原因为、原因主要是、主要用于、主要包括、具体包括；其后（可有冒号）紧接句号或分号时报告。冒号后换行引出列表的不报告。
    ///
    /// ## 依据
    /// 《地方预决算公开操作规程》（财预〔2016〕143号）要求说明各项数字的增减变化原因和资金用途。模板句子公开时说明部分为空，等于只给了数字而缺少规定的说明。
    ///
    /// ## 示例
    /// `公务用车购置及运行费9.98万元，与2025年预算数持平，主要原因是。`会被报告。
    ///
    /// ## 修改方法
    /// 写明原因或用途；确无可说明的，改写句子，去掉“主要原因是”等引语。
    pub struct EmptyExplanation {
        id: "text/empty-explanation",
        severity: Warning,
        summary: "A sentence announces a reason or a use and ends before giving it",
        summary_zh: "语句写了“原因是”“主要用于”等却没有下文",
    }
}

fn pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"(原因(?:是|为|主要是)|主要用于|主要包括|具体包括)[：:]?\s*[。；;]")
            .expect("a valid pattern")
    })
}

impl Rule for EmptyExplanation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let text = &ctx.doc.text;
        let spans = Spans::new(ctx.doc);
        for caps in pattern().captures_iter(text) {
            let (Some(whole), Some(words)) = (caps.get(0), caps.get(1)) else {
                continue;
            };
            // A line break between the words and the stop is a layout gap, not an empty reason.
            if whole.as_str().contains('\n') {
                continue;
            }
            let announced = words.as_str();
            out.push(
                Diagnostic::new(
                    &Self::META,
                    spans.span(whole.start(), whole.end()),
                    format!("“{announced}”之后没有下文：句子在说明之前就结束了"),
                )
                .en(format!(
                    "“{announced}” is followed by nothing: the sentence ends before the explanation"
                )),
            );
        }
    }
}
