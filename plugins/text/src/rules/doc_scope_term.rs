use super::doc_kind_term::titled_lines;
use crate::support::Spans;
use budgetlint_sdk::model::DocScope;
use budgetlint_sdk::{declare_rule, Applicability, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// In a 单位预算/单位决算 (a unit's own disclosure), headings, 目录 entries and table titles
    /// that name the department-level document instead: `一、部门职责及机构设置`,
    /// `部门收支总体情况表`, `部门预算安排的总体情况`. Only 部门 directly followed by the name of
    /// a part of the disclosure (预算, 决算, 职责, 收支, 收入, 支出, 基本情况, 固定资产, 政府采购 …)
    /// is reported; `部门（单位）` and `主管部门` are not.
    ///
    /// In the prose, a sentence that begins with the document's own year and 部门预算/部门决算
    /// (`2026年部门预算安排购置车辆0辆`) speaks of this document's budget and is reported too;
    /// a department named before the year (`纳入…司法局2026年部门预算`) is the parent's budget
    /// and is not.
    ///
    /// ## Why
    /// 地方预决算公开操作规程 (财预〔2016〕143号) distinguishes 部门预决算 (the department with all
    /// its units) from a unit's own disclosure. A unit document whose headings speak of the
    /// 部门 was filled in from the department template and misstates whose figures it shows.
    /// Departments' documents legitimately speak of their 单位, so only unit documents are
    /// checked, and at info level.
    ///
    /// ## Example
    /// In `香河县社会保险事业管理所2021年单位预算`, a heading `二、部门预算安排的总体情况` is
    /// reported (the document itself says `单位预算安排的总体情况`).
    ///
    /// ## Fix
    /// Write 单位 (unsafe: a reviewer must confirm the section is about the unit).
    ///
    /// ## 检查内容
    /// 在单位预算、单位决算（单位自己的公开文件）中，标题、目录条目和表题写的是部门一级的文件：`一、部门职责及机构设置`、`部门收支总体情况表`、`部门预算安排的总体情况`。只报告“部门”后直接接公开内容名称的情况（预算、决算、职责、收支、收入、支出、基本情况、固定资产、政府采购等）；`部门（单位）`和`主管部门`不报告。
    ///
    /// 正文中以本文件年度和“部门预算/部门决算”开头的句子（`2026年部门预算安排购置车辆0辆`）说的是本单位的预算，也报告；年度前写有部门名称的（`纳入…司法局2026年部门预算`）是上级部门的预算，不报告。
    ///
    /// ## 依据
    /// 《地方预决算公开操作规程》（财预〔2016〕143号）区分部门预决算（部门及其所属全部单位）与单位自身的公开。单位文件的标题讲“部门”，是按部门模板填写的，会把数字的主体说错。部门文件提到其所属单位是正常的，所以只检查单位文件，且只作提示。
    ///
    /// ## 示例
    /// 在`香河县社会保险事业管理所2021年单位预算`中，标题`二、部门预算安排的总体情况`会被报告（文件本身别处写的是`单位预算安排的总体情况`）。
    ///
    /// ## 修改方法
    /// 写“单位”（不安全修复：审核人员须确认该部分讲的是本单位）。
    pub struct DocScopeTerm {
        id: "text/doc-scope-term",
        aliases: ["wording/doc-scope-term"],
        severity: Info,
        summary: "部门 wording in a unit's (单位) document",
        summary_zh: "单位文件中使用了“部门”的措辞",
    }
}

/// Parts of a disclosure that follow 部门 in the department template's headings.
const DEPARTMENT_PARTS: &[&str] = &[
    "预算",
    "决算",
    "职责",
    "主要职能",
    "收支",
    "收入",
    "支出",
    "基本情况",
    "固定资产",
    "政府采购",
    "机构设置",
    "整体绩效",
    "“三公”",
    "三公",
];

impl Rule for DocScopeTerm {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        if doc.meta.scope != Some(DocScope::Unit) {
            return;
        }
        let spans = Spans::new(doc);
        for (start, title) in titled_lines(doc) {
            for (p, _) in title.match_indices("部门") {
                let after = &title[p + "部门".len()..];
                let before = &title[..p];
                let names_part = DEPARTMENT_PARTS.iter().any(|w| after.starts_with(w));
                if !names_part || before.ends_with("主管") || before.ends_with("职能") {
                    continue;
                }
                let span = spans.span(start + p, start + p + "部门".len());
                out.push(
                    Diagnostic::new(&Self::META, span, format!("单位预决算文件的标题“{}”使用了“部门”，应为“单位”", title.trim()))
                        .en(format!("The heading “{}” of a unit's document says 部门 (department); expected 单位 (unit)", title.trim()))
                        .replace(span, "单位", "改为“单位”", Applicability::Unsafe),
                );
            }
        }
        if let Some(year) = doc.meta.fiscal_year {
            own_year_sentences(ctx, &spans, year, out);
        }
    }
}

/// Sentences that begin with the document's year and 部门预算/部门决算: `2026年部门预算安排…`.
/// Found from the rare words 部门预算/部门决算 back to the year before them (a pattern that
/// starts with the year would be tried at every character of the text).
fn own_year_sentences(ctx: &Context, spans: &Spans, year: i32, out: &mut Vec<Diagnostic>) {
    let text = &ctx.doc.text;
    let own_year = format!("{year}年");
    for word in ["部门预算", "部门决算"] {
        for (at, _) in text.match_indices(word) {
            let head = text[..at].strip_suffix('度').unwrap_or(&text[..at]);
            let Some(before_year) = head.strip_suffix(own_year.as_str()) else {
                continue;
            };
            let opens_sentence = before_year.is_empty()
                || before_year.ends_with(|c: char| c.is_whitespace() || "，。；：".contains(c));
            if !opens_sentence {
                continue;
            }
            let phrase = &text[before_year.len()..at + word.len()];
            let span = spans.span(at, at + "部门".len());
            out.push(
                Diagnostic::new(&DocScopeTerm::META, span, format!("单位预决算文件中的“{phrase}”说的是本单位的预算，应写“单位”而不是“部门”"))
                    .en(format!("“{phrase}” in a unit's document speaks of the unit's own budget: expected 单位 (unit), not 部门 (department)"))
                    .replace(span, "单位", "改为“单位”", Applicability::Unsafe),
            );
        }
    }
}
