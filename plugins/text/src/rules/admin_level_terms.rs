use crate::support::{literals, own_level_words, sentence, Spans};
use budgetlint_sdk::model::AdminLevel;
use budgetlint_sdk::{
    declare_rule, Applicability, Context, Diagnostic, Fix, Rule, RuleMeta, TextEdit,
};
use regex::Regex;
use std::sync::OnceLock;

declare_rule! {
    /// ## What it checks
    /// Definitions (名词解释 and other sentences with `X：指…`, `是指…`) whose
    /// level words (省级/市级/县级/区级 + 财政/单位/部门) name another level of government than the
    /// publisher's: a county unit defining 一般公共预算拨款收入 as “指省级财政当年拨付的资金”, or
    /// 三公经费 as “纳入省级财政预算管理的…，是指省级单位…”.
    ///
    /// Sentences about other levels on purpose (上级, 转移支付, 补助收入, 上缴, 对下) and documents
    /// of unknown or township level are not checked. A district may say 县级 or 区级.
    ///
    /// ## Why
    /// A body's own appropriations come from its own level of finance (预算法 §3: each level of
    /// government has its own budget). A county document defining its revenue as provincial
    /// appropriations was copied from a provincial template, and the definition is false for
    /// it; the provincial templates themselves (e.g. 河北省省级预算公开) say 省级 because they
    /// are written for provincial units.
    ///
    /// ## Example
    /// In 香河县社会保险事业管理所's budget, `一般公共预算拨款收入：指省级财政当年拨付的资金` is
    /// reported; `指县级财政当年拨付的资金` is correct.
    ///
    /// ## Fix
    /// Use the publisher's level (unsafe: the whole definition should be checked).
    ///
    /// ## 检查内容
    /// 定义（名词解释以及写作`X：指…`、`是指…`的句子）中的级次用语（省级、市级、县级、区级加财政、单位、部门）指的是与发布机关不同的政府级次：如县级单位把一般公共预算拨款收入定义为“指省级财政当年拨付的资金”，或把“三公”经费定义为“纳入省级财政预算管理的……，是指省级单位……”。
    ///
    /// 有意涉及其他级次的句子（上级、转移支付、补助收入、上缴、对下）以及级次不明或乡镇级的文件不检查。区可以写县级或区级。
    ///
    /// ## 依据
    /// 一个机关本身的财政拨款来自本级财政（《预算法》第三条：一级政府一级预算）。县级文件把自己的收入定义为省级拨款，是照抄省级模板，这个定义对它来说是错的；省级模板本身（如河北省省级预算公开）写“省级”，是因为它就是为省级单位写的。
    ///
    /// ## 示例
    /// 香河县社会保险事业管理所的预算中，`一般公共预算拨款收入：指省级财政当年拨付的资金`会被报告；`指县级财政当年拨付的资金`是正确的。
    ///
    /// ## 修改方法
    /// 使用发布机关所在的级次（不安全修复：应核对整条定义）。
    pub struct AdminLevelTerms {
        id: "text/admin-level-terms",
        aliases: ["jurisdiction/admin-level-terms"],
        severity: Error,
        summary: "Level word in a definition contradicts the publisher's level",
        summary_zh: "定义中的级次用语与发布机关的级次不符",
    }
}

const LEVEL_WORDS: &[&str] = &["省级", "市级", "县级", "区级"];
const LEVEL_NOUNS: &[&str] = &["财政", "单位", "部门", "预算单位", "行政单位", "机关"];
const DEFINITION_MARKERS: &[&str] = &["是指", "：指", ":指", "系指", "指的是"];
const OTHER_LEVEL_CONTEXT: &[&str] = &[
    "上级",
    "下级",
    "转移支付",
    "补助收入",
    "上缴",
    "对下",
    "中央",
];

impl Rule for AdminLevelTerms {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let Some(level) = ctx.doc.meta.level.filter(|l| *l != AdminLevel::Township) else {
            return;
        };
        let own = own_level_words(level);
        let text = &ctx.doc.text;
        let spans = Spans::new(ctx.doc);
        let mut reported_sentences: Vec<usize> = Vec::new();
        static PATTERN: OnceLock<Regex> = OnceLock::new();
        let pattern = literals(
            &PATTERN,
            &format!("(?:{})(?:{})", LEVEL_WORDS.join("|"), LEVEL_NOUNS.join("|")),
        );
        for m in pattern.find_iter(text) {
            let at = m.start();
            let Some(word) = LEVEL_WORDS.iter().find(|w| m.as_str().starts_with(**w)) else {
                continue;
            };
            if own.contains(word) {
                continue;
            }
            let (from, whole) = sentence(text, at, at + word.len());
            if !DEFINITION_MARKERS.iter().any(|m| whole.contains(m))
                || OTHER_LEVEL_CONTEXT.iter().any(|w| whole.contains(w))
            {
                continue;
            }
            if reported_sentences.contains(&from) {
                continue;
            }
            reported_sentences.push(from);
            let wrong_words: Vec<&str> = LEVEL_WORDS
                .iter()
                .copied()
                .filter(|w| !own.contains(w) && whole.contains(w))
                .collect();
            let span = spans.span(at, at + word.len());
            let right = own[0];
            let edits = wrong_level_words(whole, from, own)
                .into_iter()
                .map(|(s, e)| TextEdit {
                    start: s as u32,
                    end: e as u32,
                    replacement: right.to_string(),
                })
                .collect();
            out.push(
                Diagnostic::new(
                    &Self::META,
                    span,
                    format!(
                        "发布单位为{}级，但定义中使用了“{}”：{}",
                        level.chinese(),
                        wrong_words.join("”“"),
                        excerpt(whole.trim(), 40)
                    ),
                )
                .en(format!(
                    "The publisher is at {} level but the definition speaks of {}",
                    level_en(level),
                    wrong_words.join(", ")
                ))
                .fix(Fix {
                    message: format!("改为“{right}”"),
                    applicability: Applicability::Unsafe,
                    edits,
                }),
            );
        }
    }
}

fn level_en(level: AdminLevel) -> &'static str {
    match level {
        AdminLevel::Province => "province",
        AdminLevel::City => "city",
        AdminLevel::County => "county",
        AdminLevel::District => "district",
        AdminLevel::Township => "township",
    }
}

/// Byte ranges (in the document) of the other-level words followed by a level noun in the
/// sentence starting at `from`.
fn wrong_level_words(sentence: &str, from: usize, own: &[&str]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = LEVEL_WORDS
        .iter()
        .filter(|w| !own.contains(w))
        .flat_map(|w| sentence.match_indices(w))
        .filter(|(p, w)| {
            LEVEL_NOUNS
                .iter()
                .any(|n| sentence[p + w.len()..].starts_with(n))
        })
        .map(|(p, w)| (from + p, from + p + w.len()))
        .collect();
    out.sort_unstable();
    out
}

/// The first `max` characters of `s`, with an ellipsis when cut.
fn excerpt(s: &str, max: usize) -> String {
    let mut out: String = s.chars().take(max).collect();
    if s.chars().count() > max {
        out.push('…');
    }
    out
}
