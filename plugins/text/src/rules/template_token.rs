use crate::support::{is_han, literals, Spans};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};
use regex::Regex;
use std::sync::OnceLock;

declare_rule! {
    /// ## What it checks
    /// Template tokens left unfilled in the published text:
    /// - field codes between hashes: `##JXWB_JXMB##`;
    /// - fill-in prompts in brackets: `【填写项目名称】`, `[请填写…]`, `（此处填…）`;
    /// - variables in braces: `{单位名称}`, `{{year}}`;
    /// - stand-in names and figures: `XX县`, `××单位`, `○○局`, `□□万元`, also set apart from the
    ///   Chinese around them by a space (`上海市 XX 局`) or standing between Chinese punctuation
    ///   (`1、XX（类）XX（款）XX（项）`).
    ///
    /// Chinese zeros in written-out years (`二〇二一年`, `二○○八年`), Markdown markup (`## 标题`,
    /// `**粗体**`) and ASCII words (`XXL`) are not tokens.
    ///
    /// ## Why
    /// 地方预决算公开操作规程 (财预〔2016〕143号) requires the disclosed content to be complete and
    /// accurate; a token where a goal, name or figure should be means the item was never filled
    /// in. Evaluators score such items as missing.
    ///
    /// ## Example
    /// `绩效目标 ##JXWB_JXMB##` is reported.
    ///
    /// ## Fix
    /// Fill in the real content (here the project's 绩效目标).
    ///
    /// ## 检查内容
    /// 公开文本中未填写的模板占位符：
    /// - 井号之间的域代码：`##JXWB_JXMB##`；
    /// - 括号中的填写提示：`【填写项目名称】`、`[请填写…]`、`（此处填…）`；
    /// - 花括号中的变量：`{单位名称}`、`{{year}}`；
    /// - 代替名称和数字的符号：`XX县`、`××单位`、`○○局`、`□□万元`，与前后汉字用空格隔开的（`上海市 XX 局`）或夹在中文标点之间的（`1、XX（类）XX（款）XX（项）`）也算。
    ///
    /// 汉字书写年份中的零（`二〇二一年`、`二○○八年`）、Markdown 标记（`## 标题`、`**粗体**`）和英文单词（`XXL`）不是占位符。
    ///
    /// ## 依据
    /// 《地方预决算公开操作规程》（财预〔2016〕143号）要求公开内容完整、准确；在应写目标、名称或数字的地方留着占位符，说明这一项根本没有填写。评审把这类事项算作缺失。
    ///
    /// ## 示例
    /// `绩效目标 ##JXWB_JXMB##`会被报告。
    ///
    /// ## 修改方法
    /// 填写实际内容（本例为项目的绩效目标）。
    pub struct TemplateToken {
        id: "text/template-token",
        aliases: ["placeholder/template-token"],
        severity: Error,
        summary: "Unfilled template placeholder",
        summary_zh: "未填写的模板占位符",
    }
}

/// Hash-delimited codes, braces and fill-in words. The fill-in words (填写 …) are rare, so the
/// search keys on them and the brackets around them are checked afterwards, rather than trying
/// every （ of the text.
fn pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    literals(
        &PATTERN,
        r"(?:##|＃＃)[^#＃\s]{1,40}(?:##|＃＃)|\{\{?[^{}\n]{1,30}\}\}?|填写|填入|输入|填报|待填",
    )
}

/// Runs of stand-in characters (`XX`, `××`, `○○`, `□□`); mixed runs are split by the check.
fn stand_ins() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    literals(&PATTERN, r"[XxＸｘ]{2,}|×{2,}|[○〇]{2,}|□{2,}")
}

const OPEN_BRACKETS: &[char] = &['【', '[', '［', '（', '(', '〔', '<'];
const CLOSE_BRACKETS: &[char] = &['】', ']', '］', '）', ')', '〕', '>'];

impl Rule for TemplateToken {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let text = &ctx.doc.text;
        let spans = Spans::new(ctx.doc);
        let mut last_end = 0;
        let mut matches: Vec<regex::Match> = pattern()
            .find_iter(text)
            .chain(stand_ins().find_iter(text))
            .collect();
        matches.sort_by_key(|m| m.start());
        for m in matches {
            let (start, end, token) = (m.start(), m.end(), m.as_str());
            let found = if token.starts_with(['X', 'x', 'Ｘ', 'ｘ', '×', '○', '〇', '□']) {
                is_stand_in(text, start, end).then_some((start, end))
            } else if token.starts_with(['#', '＃', '{']) {
                braces_hold_a_name(token).then_some((start, end))
            } else {
                bracketed_prompt(text, start, end)
            };
            let Some((s, e)) = found.filter(|&(s, _)| s >= last_end) else {
                continue;
            };
            last_end = e;
            let token = &text[s..e];
            out.push(
                Diagnostic::new(
                    &Self::META,
                    spans.span(s, e),
                    format!("未填写的模板占位符“{token}”，应替换为实际内容"),
                )
                .en(format!("Unfilled template placeholder “{token}”")),
            );
        }
    }
}

/// The bracketed prompt around a fill-in word (`【请填写负责人姓名】`): an opening bracket just
/// before it (after an optional 请/在此/此处) and a closing one within 30 characters.
fn bracketed_prompt(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let before = text[..start].trim_end_matches(['请', '在', '此', '处', ' ', '\u{3000}']);
    let open = before
        .chars()
        .next_back()
        .filter(|c| OPEN_BRACKETS.contains(c))?;
    let open_at = before.len() - open.len_utf8();
    let (close_off, close) = text[end..]
        .char_indices()
        .take(30)
        .take_while(|(_, c)| *c != '\n')
        .find(|(_, c)| CLOSE_BRACKETS.contains(c))?;
    let matching = OPEN_BRACKETS.iter().position(|&o| o == open)
        == CLOSE_BRACKETS.iter().position(|&c| c == close);
    matching.then_some((open_at, end + close_off + close.len_utf8()))
}

/// `{…}` counts only when it holds a name (Han or identifier characters), not a formula.
fn braces_hold_a_name(token: &str) -> bool {
    if !token.starts_with('{') {
        return true;
    }
    let inner = token.trim_matches(['{', '}']);
    let name_chars = inner
        .chars()
        .all(|c| is_han(c) || c.is_ascii_alphanumeric() || c == '_' || c == '.');
    name_chars && inner.chars().any(|c| is_han(c) || c.is_ascii_alphabetic())
}

/// `XX`, `××`, `○○`, `□□` stand for a name or figure when they touch Chinese text and are not
/// part of an ASCII word or a written-out number (二〇二一年).
fn is_stand_in(text: &str, start: usize, end: usize) -> bool {
    let token = &text[start..end];
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    // Typeset documents set Latin letters apart from Chinese with a space (`上海市 XX 局`):
    // the Chinese text around counts through one space.
    let is_space = |c: &char| *c == ' ' || *c == '\u{3000}';
    let han_before = text[..start].chars().rev().find(|c| !is_space(c));
    let han_after = text[end..].chars().find(|c| !is_space(c));
    let spaced = |near: Option<char>, far: Option<char>| {
        near.is_some_and(|c| is_space(&c)) && far.is_some_and(is_han)
    };
    // Part of an ASCII word or a model number (`XXL`, `XX-200`).
    let wordy = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/');
    if token.starts_with(['X', 'x', 'Ｘ', 'ｘ'])
        && (before.is_some_and(wordy) || after.is_some_and(wordy))
    {
        return false;
    }
    if token.starts_with(['○', '〇']) {
        let numeral = |c: Option<char>| c.is_some_and(|c| "零一二三四五六七八九十〇○".contains(c));
        if numeral(before) || numeral(after) || after.is_some_and(|c| "年月日".contains(c)) {
            return false;
        }
    }
    // Chinese punctuation is Chinese text too: `1、XX（类）XX（款）XX（项）`.
    let chinese = |c: char| is_han(c) || is_chinese_punctuation(c);
    before.is_some_and(chinese)
        || after.is_some_and(chinese)
        || spaced(before, han_before)
        || spaced(after, han_after)
}

/// Full-width punctuation of Chinese text (`、`, `（`, `：`, `《`): CJK Symbols and Punctuation
/// and the full-width forms, but not their letters and digits (`ＸＸ` is itself a token).
fn is_chinese_punctuation(c: char) -> bool {
    ('\u{3001}'..='\u{301F}').contains(&c)
        || (('\u{FF01}'..='\u{FF60}').contains(&c) && !c.is_alphanumeric())
}
