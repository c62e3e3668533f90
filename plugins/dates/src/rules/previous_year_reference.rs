use crate::clauses::{after, before_in_sentence, is_comparison, sentence};
use budgetlint_sdk::model::{DocKind, FactKind};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// In a budget document for year N, a sentence that opens with year N−1 and the publisher
    /// describing its own disclosure (`2020年我单位按照区财政预算公开要求，将预算纳入预算公开
    /// 范围`): the passage was most likely carried over from the previous year's document.
    ///
    /// Only sentences that start with the year, continue with 我/本 + a unit word (单位, 中心,
    /// 局, 所 …) and speak of 公开 are reported; comparisons are not.
    ///
    /// ## Why
    /// 地方预决算公开操作规程 (财预〔2016〕143号) asks each year's disclosure to describe that
    /// year's budget. A statement about last year's disclosure in this year's document is
    /// usually a template leftover; it is a judgment call, hence info.
    ///
    /// ## Example
    /// In a 2021 budget: `2020年我单位按照区财政预算公开要求…` is reported;
    /// `2021年我单位按照…` is not.
    ///
    /// ## Fix
    /// Update the year, or drop the sentence if it describes last year.
    ///
    /// ## 检查内容
    /// 在N年度预算文件中，以N−1年开头、由公开单位叙述其自身公开工作的句子（`2020年我单位按照区财政预算公开要求，将预算纳入预算公开范围`）：这段文字很可能是从上年文件中沿用的。
    ///
    /// 只检查以年份开头、后接“我”或“本”加单位类词语（单位、中心、局、所等）、且讲“公开”的句子；比较性的表述不检查。
    ///
    /// ## 依据
    /// 《地方预决算公开操作规程》（财预〔2016〕143号）要求每年的公开文件说明当年的预算。本年文件中讲上年公开工作的语句，通常是模板遗留；是否有误需要人工判断，因此只作提示。
    ///
    /// ## 示例
    /// 2021年预算中：`2020年我单位按照区财政预算公开要求…`会被报告；`2021年我单位按照…`不会。
    ///
    /// ## 修改方法
    /// 更新年份；如果这句话确实讲的是上年情况，删去。
    pub struct PreviousYearReference {
        id: "dates/previous-year-reference",
        aliases: ["date/previous-year-reference"],
        severity: Info,
        summary: "Sentence about the previous year's disclosure carried over",
        summary_zh: "沿用了上年公开文件的语句",
    }
}

const SELF_WORDS: &[&str] = &[
    "我单位",
    "本单位",
    "我中心",
    "本中心",
    "我局",
    "本局",
    "我所",
    "本所",
    "我部门",
    "本部门",
    "我院",
    "本院",
    "我站",
    "本站",
    "我委",
    "本委",
    "我办",
    "本办",
];

impl Rule for PreviousYearReference {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let Some(fy) = doc.meta.fiscal_year else {
            return;
        };
        if doc.meta.kind != Some(DocKind::Budget) {
            return;
        }
        for fact in &doc.facts {
            let FactKind::Year { year } = fact.kind else {
                continue;
            };
            if year != fy - 1 {
                continue;
            }
            let before = before_in_sentence(doc, fact);
            if !before.trim().is_empty() {
                continue;
            }
            let next = after(doc, fact, 16).trim_start_matches(['度', '，', ',', ' ']);
            if !SELF_WORDS.iter().any(|w| next.starts_with(w)) {
                continue;
            }
            let (_, whole) = sentence(&doc.text, fact.span.start as usize, fact.span.end as usize);
            if !whole.contains("公开") || is_comparison(whole, before) {
                continue;
            }
            out.push(
                Diagnostic::new(&Self::META, fact.span, format!("{fy}年预算中的“{}”描述的是{year}年的情况，疑为沿用上年文本", whole.trim()))
                    .en(format!("The {fy} budget says “{}”, about {year}; probably carried over from last year's document", whole.trim())),
            );
        }
    }
}
