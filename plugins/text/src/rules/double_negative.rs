use crate::support::{literals, Spans};
use budgetlint_sdk::{declare_rule, Applicability, Context, Diagnostic, Rule, RuleMeta};
use regex::Regex;
use std::sync::OnceLock;

declare_rule! {
    /// ## What it checks
    /// Two negations stacked where one is meant: `未无专项转移支付项目`, `未没有…`, `不没有…`,
    /// `没无…`.
    ///
    /// Words that start with 无 are not negations here (`未无偿划转`, 无锡, 无为县, 无极县,
    /// 无人机 …). Stacks that are correct Chinese are deliberately left alone: `没有无预算安排的
    /// 支出` (无预算 is one word: “no unbudgeted spending”) and the literary affirmatives
    /// `不无道理`, `不无裨益`, `并非无因`.
    ///
    /// ## Why
    /// Read literally, `未无专项转移支付项目` says the unit is “not without” such projects, the
    /// opposite of what is meant. 预算法 §14 asks for disclosures that explain the budget; a
    /// statement that says the opposite of the figures misleads.
    ///
    /// ## Example
    /// `西工区社会保险中心2021年未无专项转移支付项目情况` is reported.
    ///
    /// ## Fix
    /// Keep one negation: `无专项转移支付项目` (unsafe: a reviewer must confirm the intended
    /// meaning).
    ///
    /// ## 检查内容
    /// 本应只有一个否定却叠用了两个否定：`未无专项转移支付项目`、`未没有…`、`不没有…`、`没无…`。
    ///
    /// 以“无”开头的词在这里不算否定（`未无偿划转`、无锡、无为县、无极县、无人机等）。本身正确的叠用有意不报告：`没有无预算安排的支出`（“无预算”是一个词：没有无预算的支出），以及文言的肯定说法`不无道理`、`不无裨益`、`并非无因`。
    ///
    /// ## 依据
    /// 按字面理解，`未无专项转移支付项目`是说单位“并非没有”这类项目，与本意相反。《预算法》第十四条要求公开时对预算作出说明；与数字意思相反的表述会误导读者。
    ///
    /// ## 示例
    /// `西工区社会保险中心2021年未无专项转移支付项目情况`会被报告。
    ///
    /// ## 修改方法
    /// 只保留一个否定：`无专项转移支付项目`（不安全修复：审核人员须确认本意）。
    pub struct DoubleNegative {
        id: "text/double-negative",
        aliases: ["wording/double-negative"],
        severity: Warning,
        summary: "Two negations stacked (未无, 未没有 …)",
        summary_zh: "双重否定（未无、未没有等）",
    }
}

/// (stacked negation, the single negation it should be); longer stacks first.
const STACKS: &[(&str, &str)] = &[
    ("未没有", "没有"),
    ("不没有", "没有"),
    ("未无", "无"),
    ("没无", "无"),
];

/// Words starting with 无 that are not a negation of what follows.
const WU_WORDS: &[&str] = &[
    "无偿",
    "无锡",
    "无为",
    "无极",
    "无棣",
    "无论",
    "无人机",
    "无线",
    "无纸",
    "无障碍",
    "无息",
    "无形",
    "无党派",
    "无缝",
    "无菌",
    "无害化",
    "无公害",
    "无职",
];

impl Rule for DoubleNegative {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let text = &ctx.doc.text;
        let spans = Spans::new(ctx.doc);
        static PATTERN: OnceLock<Regex> = OnceLock::new();
        let alternatives: Vec<&str> = STACKS.iter().map(|(stack, _)| *stack).collect();
        let pattern = literals(&PATTERN, &alternatives.join("|"));
        for m in pattern.find_iter(text) {
            let (at, end, stack) = (m.start(), m.end(), m.as_str());
            let Some(&(_, single)) = STACKS.iter().find(|(s, _)| *s == stack) else {
                continue;
            };
            if !is_stacked(text, stack, at) {
                continue;
            }
            let span = spans.span(at, end);
            let (_, sentence) = crate::support::sentence(text, at, end);
            out.push(
                Diagnostic::new(&Self::META, span, format!("“{stack}”为双重否定，字面意思与本意相反，应为“{single}”：{}", sentence.trim()))
                    .en(format!("“{stack}” stacks two negations, which literally says the opposite; write “{single}”"))
                    .replace(span, single, format!("改为“{single}”"), Applicability::Unsafe),
            );
        }
    }
}

/// True when the match is a real double negation and not a word beginning with 无.
fn is_stacked(text: &str, stack: &str, at: usize) -> bool {
    let wu_at = at + stack.rfind('无').unwrap_or(0);
    if stack.ends_with('无') && WU_WORDS.iter().any(|w| text[wu_at..].starts_with(w)) {
        return false;
    }
    true
}
