use crate::support::Spans;
use budgetlint_sdk::{
    declare_rule, Applicability, Context, Diagnostic, Fix, Rule, RuleMeta, TextEdit,
};
use regex::Regex;
use std::sync::OnceLock;

declare_rule! {
    /// ## What it checks
    /// Markup left behind by the conversion of the original file to text:
    /// - Word bookmarks: `[bookmark: _Toc67471802]`, `[bookmark: _GoBack]` (one finding each);
    /// - HTML tags and entities: `<b>…</b>`, `<br/>`, `<span style=…>`, `&nbsp;` (one finding per
    ///   line, listing them).
    ///
    /// ## Why
    /// These are artefacts of the extraction, not defects of the published document, but they
    /// break headings and titles (the 目录 entry `<b>第一部分 概况</b>` no longer matches the
    /// body heading) and disturb every other check that reads the text. Reported at info so
    /// that they can be cleaned before review.
    ///
    /// ## Example
    /// `[bookmark: _Toc67471802]1.社保工作经费绩效目标表` and `<b>第一部分 概况</b>` are reported.
    ///
    /// ## Fix
    /// Delete the markup (`&nbsp;` becomes a space); safe.
    ///
    /// ## 检查内容
    /// 原文件转换为文字时遗留的标记：
    /// - Word 书签：`[bookmark: _Toc67471802]`、`[bookmark: _GoBack]`（每处一条）；
    /// - HTML 标签和字符实体：`<b>…</b>`、`<br/>`、`<span style=…>`、`&nbsp;`（每行一条，列出全部）。
    ///
    /// ## 依据
    /// 这些是文字提取的产物，不是公开文件本身的缺陷，但会破坏标题和表题（目录条目`<b>第一部分 概况</b>`与正文标题对不上），干扰读取文字的其他各项检查。只作提示，以便审核前清理。
    ///
    /// ## 示例
    /// `[bookmark: _Toc67471802]1.社保工作经费绩效目标表`和`<b>第一部分 概况</b>`会被报告。
    ///
    /// ## 修改方法
    /// 删除这些标记（`&nbsp;`改为空格）；安全修复。
    pub struct ExtractionLeftover {
        id: "text/extraction-leftover",
        aliases: ["placeholder/extraction-leftover"],
        severity: Info,
        summary: "Markup left over from text extraction",
        summary_zh: "文字提取遗留的标记",
    }
}

fn patterns() -> &'static (Regex, Regex) {
    static PATTERNS: OnceLock<(Regex, Regex)> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let build = |p: &str| Regex::new(p).unwrap_or_else(|e| panic!("bad built-in pattern {p}: {e}"));
        (
            build(r"\[bookmark:[^\]\n]{0,100}\]"),
            build(r"(?i)</?(?:b|i|u|s|em|strong|br|p|span|div|font|sup|sub|table|tr|td|th|a|img|h[1-6])(?:\s[^<>\n]{0,200})?\s*/?>|&nbsp;"),
        )
    })
}

impl Rule for ExtractionLeftover {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let text = &ctx.doc.text;
        let spans = Spans::new(ctx.doc);
        let (bookmarks, html) = patterns();
        let first_new = out.len();
        for m in bookmarks.find_iter(text) {
            let edit = TextEdit {
                start: m.start() as u32,
                end: m.end() as u32,
                replacement: String::new(),
            };
            out.push(
                Diagnostic::new(
                    &Self::META,
                    spans.span(m.start(), m.end()),
                    format!("文本转换残留的书签标记“{}”", m.as_str()),
                )
                .en(format!(
                    "Bookmark marker “{}” left over from text extraction",
                    m.as_str()
                ))
                .fix(Fix {
                    message: "删除书签标记".into(),
                    applicability: Applicability::Safe,
                    edits: vec![edit],
                }),
            );
        }
        let mut line_groups: Vec<Vec<regex::Match>> = Vec::new();
        for m in html.find_iter(text) {
            let same_line = line_groups
                .last()
                .and_then(|g| g.last())
                .is_some_and(|prev| !text[prev.end()..m.start()].contains('\n'));
            if same_line {
                if let Some(g) = line_groups.last_mut() {
                    g.push(m);
                }
            } else {
                line_groups.push(vec![m]);
            }
        }
        for group in line_groups {
            let (Some(first), Some(last)) = (group.first(), group.last()) else {
                continue;
            };
            let tags: Vec<&str> = group.iter().map(|m| m.as_str()).collect();
            let edits = group
                .iter()
                .map(|m| TextEdit {
                    start: m.start() as u32,
                    end: m.end() as u32,
                    replacement: entity_text(m.as_str()).into(),
                })
                .collect();
            out.push(
                Diagnostic::new(
                    &Self::META,
                    spans.span(first.start(), last.end()),
                    format!("文本转换残留的HTML标记：{}", tags.join(" ")),
                )
                .en(format!(
                    "HTML markup left over from text extraction: {}",
                    tags.join(" ")
                ))
                .fix(Fix {
                    message: "删除HTML标记".into(),
                    applicability: Applicability::Safe,
                    edits,
                }),
            );
        }
        out[first_new..].sort_by_key(|d| d.span.start);
    }
}

/// What the markup becomes: `&nbsp;` a space, tags nothing.
fn entity_text(markup: &str) -> &'static str {
    if markup == "&nbsp;" {
        " "
    } else {
        ""
    }
}
