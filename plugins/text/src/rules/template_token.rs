use crate::support::{is_han, Spans};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};
use regex::Regex;
use std::sync::OnceLock;

declare_rule! {
    /// ## What it checks
    /// Template tokens left unfilled in the published text:
    /// - field codes between hashes: `##JXWB_JXMB##`;
    /// - fill-in prompts in brackets: `【填写项目名称】`, `[请填写…]`, `（此处填…）`;
    /// - variables in braces: `{单位名称}`, `{{year}}`;
    /// - stand-in names and figures: `XX县`, `××单位`, `○○局`, `□□万元`.
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
    /// `绩效目标	##JXWB_JXMB##` is reported.
    ///
    /// ## Fix
    /// Fill in the real content (here the project's 绩效目标).
    pub struct TemplateToken {
        id: "placeholder/template-token",
        severity: Error,
        summary: "Unfilled template placeholder",
    }
}

fn patterns() -> &'static [Regex; 3] {
    static PATTERNS: OnceLock<[Regex; 3]> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let build = |p: &str| Regex::new(p).unwrap_or_else(|e| panic!("bad built-in pattern {p}: {e}"));
        [
            build(r"(?:##|＃＃)[^#＃\s]{1,40}(?:##|＃＃)"),
            build(r"[【\[［（(〔<]\s*(?:请|在此|此处)?(?:填写|填入|输入|填报|待填)[^】\]］）)〕>\n]{0,30}[】\]］）)〕>]|\{\{?[^{}\n]{1,30}\}\}?"),
            build(r"[XxＸｘ]{2,}|×{2,}|[○〇]{2,}|□{2,}"),
        ]
    })
}

impl Rule for TemplateToken {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let text = &ctx.doc.text;
        let spans = Spans::new(ctx.doc);
        let [hashes, prompts, stand_ins] = patterns();
        let mut found: Vec<(usize, usize)> = Vec::new();
        found.extend(hashes.find_iter(text).map(|m| (m.start(), m.end())));
        found.extend(prompts.find_iter(text).filter(|m| braces_hold_a_name(m.as_str())).map(|m| (m.start(), m.end())));
        found.extend(stand_ins.find_iter(text).filter(|m| is_stand_in(text, m.start(), m.end())).map(|m| (m.start(), m.end())));
        found.sort_unstable();
        found.dedup();
        for (start, end) in found {
            let token = &text[start..end];
            out.push(
                Diagnostic::new(&Self::META, spans.span(start, end), format!("未填写的模板占位符“{token}”，应替换为实际内容"))
                    .en(format!("Unfilled template placeholder “{token}”")),
            );
        }
    }
}

/// `{…}` counts only when it holds a name (Han or identifier characters), not a formula.
fn braces_hold_a_name(token: &str) -> bool {
    if !token.starts_with('{') {
        return true;
    }
    let inner = token.trim_matches(['{', '}']);
    !inner.is_empty() && inner.chars().all(|c| is_han(c) || c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

/// `XX`, `××`, `○○`, `□□` stand for a name or figure when they touch Chinese text and are not
/// part of an ASCII word or a written-out number (二〇二一年).
fn is_stand_in(text: &str, start: usize, end: usize) -> bool {
    let token = &text[start..end];
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    if token.starts_with(['X', 'x', 'Ｘ', 'ｘ']) && (before.is_some_and(|c| c.is_ascii_alphanumeric()) || after.is_some_and(|c| c.is_ascii_alphanumeric())) {
        return false;
    }
    if token.starts_with(['○', '〇']) {
        let numeral = |c: Option<char>| c.is_some_and(|c| "零一二三四五六七八九十〇○".contains(c));
        if numeral(before) || numeral(after) || after.is_some_and(|c| "年月日".contains(c)) {
            return false;
        }
    }
    before.is_some_and(is_han) || after.is_some_and(is_han)
}
