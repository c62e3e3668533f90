use budgetlint_sdk::model::{Block, FactKind};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A heading or title that names the disclosure of another year: `第三部分 某某局2023年度部门
    /// 决算情况说明` in the 2024 决算, `2025年部门预算表` in the 2026 budget. Headings, 目录
    /// entries and title lines (short lines without a full stop) are read; a year there that
    /// is followed by (年度)(部门|单位)预算/决算 must be the document's year. A column label
    /// (`2025年预算数`, `2025年决算数`: a table read one cell per line) names no disclosure.
    ///
    /// ## Why
    /// The headings say which year's budget or final accounts the part holds. 地方预决算公开操作
    /// 规程 (财预〔2016〕143号) asks for the disclosure of the year; a heading with another year is a
    /// part carried over from another year's document (or a typing slip that misleads readers
    /// and evaluators).
    ///
    /// ## Example
    /// In the 2024 决算: `第三部分 上海市普陀区财政局 2023年度部门决算情况说明` is reported.
    ///
    /// ## Fix
    /// Write the document's year, and check that the part's content is this year's.
    ///
    /// ## 检查内容
    /// 标题写的是另一年度的公开内容：如2024年决算中的`第三部分 某某局2023年度部门决算情况说明`，2026年预算中的`2025年部门预算表`。检查各级标题、目录条目和标题行（不含句号的短行）；其中后接“（年度）（部门|单位）预算/决算”的年份必须是文件所属年度。列标签（`2025年预算数`、`2025年决算数`：逐格成行读出的表格）不是公开内容的名称。
    ///
    /// ## 依据
    /// 标题表明该部分是哪一年度的预算或决算。《地方预决算公开操作规程》（财预〔2016〕143号）要求公开本年度的内容；标题年份不同，说明该部分是从其他年度文件中沿用的（或是录入错误，会误导读者和评审人员）。
    ///
    /// ## 示例
    /// 2024年决算中：`第三部分 上海市普陀区财政局 2023年度部门决算情况说明`会被报告。
    ///
    /// ## 修改方法
    /// 写文件所属年度，并核对该部分内容是否为本年度的。
    pub struct TitleYear {
        id: "dates/title-year",
        aliases: ["date/title-year"],
        severity: Error,
        summary: "A heading names another year's budget or final accounts",
        summary_zh: "标题写的是另一年度的预算或决算",
    }
}

/// What follows the year in the name of a disclosure.
const DISCLOSURES: &[&str] = &[
    "年度部门决算",
    "年部门决算",
    "年度单位决算",
    "年单位决算",
    "年度部门预算",
    "年部门预算",
    "年度单位预算",
    "年单位预算",
    "年度决算",
    "年决算",
    "年度预算",
    "年预算",
];

/// A title line: short and without a full stop.
const TITLE_MAX_CHARS: usize = 60;

impl Rule for TitleYear {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let Some(fy) = doc.meta.fiscal_year else {
            return;
        };
        let titles = doc.blocks.iter().filter_map(|b| match b {
            Block::Heading(h) => Some(h.span),
            Block::Paragraph(p) => {
                let text = doc.slice(p.text_span);
                (text.chars().count() <= TITLE_MAX_CHARS && !text.contains('。'))
                    .then_some(p.text_span)
            }
            _ => None,
        });
        for span in titles {
            for fact in doc.facts_in(span) {
                let FactKind::Year { year } = fact.kind else {
                    continue;
                };
                let year_text = doc.slice(fact.span);
                // The words after the year, without spaces, from its 年 on.
                let after = doc
                    .text
                    .get(fact.span.end as usize..span.end as usize)
                    .unwrap_or("");
                let from_nian: String = year_text
                    .ends_with('年')
                    .then_some('年')
                    .into_iter()
                    .chain(after.chars().filter(|c| !c.is_whitespace()))
                    .take(8)
                    .collect();
                // `2025年预算数` heads a column of figures (a table read line by line): it names
                // no disclosure.
                let names_disclosure = DISCLOSURES.iter().any(|d| {
                    from_nian
                        .strip_prefix(d)
                        .is_some_and(|rest| !rest.starts_with('数'))
                });
                if year == fy || !names_disclosure {
                    continue;
                }
                out.push(
                    Diagnostic::new(
                        &Self::META,
                        fact.span,
                        format!("标题写的是“{year_text}”，而本文件是{fy}年度的预决算：标题年份应与文件年度一致"),
                    )
                    .en(format!("The heading names “{year_text}” in a document for {fy}: the heading's year must be the document's")),
                );
            }
        }
    }
}
