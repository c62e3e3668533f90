use crate::layout::{block_text, names_a_table};
use crate::text::compact_prose;
use budgetlint_sdk::model::text::is_page_number;
use budgetlint_sdk::model::{Block, Document, Heading, NumberingStyle};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule};

declare_rule! {
    /// ## What it checks
    /// A numbered heading that announces a table (its title ends in `表`: “（二）部门主管专项资金的
    /// 绩效目标表”) followed directly by the next heading of the same numbering, one further on
    /// (“（三）…”), with nothing between them but page numbers: the section shows no table and
    /// no note such as “本部门无…，故未公开此表”.
    ///
    /// A run of three or more such headings is a list of table names (an index of the tables
    /// attached), not empty sections, and is not reported.
    ///
    /// ## Why
    /// The 财政部 templates ask for every listed table to be published, and for a table with no
    /// content to be shown empty with a note (空表列示并说明). A section that names a table and
    /// holds nothing leaves the reader unable to tell whether the table is missing or does not
    /// apply.
    ///
    /// ## Example
    /// ```text
    /// （二）部门主管专项资金的绩效目标表
    /// — 30 —
    /// （三）部门预算项目绩效目标表
    /// ```
    ///
    /// ## Fix
    /// Publish the table under its heading, or write why there is none (“本部门无部门主管专项
    /// 资金，故本表无数据。”).
    ///
    /// ## 检查内容
    /// 一个带编号、宣布一张表的标题（标题以“表”结尾，如“（二）部门主管专项资金的绩效目标表”）之后，除页码外什么也没有，直接就是同一编号体系的下一个标题（“（三）…”）：这一节既没有表，也没有“本部门无…，故未公开此表”之类的说明。
    ///
    /// 连续三个或更多这样的标题是表名清单（所附表格的目录），不是空节，不报告。
    ///
    /// ## 依据
    /// 财政部模板要求公开所列的每一张表，没有内容的表也要空表列示并说明。一节只有表名而没有内容，读者无从判断是漏了表还是本部门不涉及。
    ///
    /// ## 示例
    /// ```text
    /// （二）部门主管专项资金的绩效目标表
    /// — 30 —
    /// （三）部门预算项目绩效目标表
    /// ```
    ///
    /// ## 修改方法
    /// 在标题下公开该表，或写明没有的原因（“本部门无部门主管专项资金，故本表无数据。”）。
    pub struct EmptyTableSection {
        id: "structure/empty-table-section",
        severity: Warning,
        summary: "A heading that names a table is followed directly by the next heading: no table, no note",
        summary_zh: "宣布一张表的标题之后直接是下一个标题：既没有表，也没有说明",
    }
}

impl Rule for EmptyTableSection {
    fn meta(&self) -> &'static budgetlint_sdk::RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let content = content_blocks(doc);
        for (k, &(_, block)) in content.iter().enumerate() {
            let Block::Heading(heading) = block else {
                continue;
            };
            let sibling = |at: Option<usize>, step: i64| {
                at.and_then(|i| content.get(i))
                    .and_then(|&(_, b)| follows(heading, b, step))
            };
            let Some(next) = sibling(Some(k + 1), 1) else {
                continue;
            };
            let in_list =
                sibling(k.checked_sub(1), -1).is_some() || sibling(Some(k + 2), 2).is_some();
            if in_list || !names_a_table(&compact_prose(&heading.title)) {
                continue;
            }
            let title = doc.slice(heading.span).trim();
            let next_title = doc.slice(next.span).trim();
            out.push(
                Diagnostic::new(
                    &Self::META,
                    heading.span,
                    format!("“{title}”之后直接是“{next_title}”：这一节既没有表，也没有说明为什么没有"),
                )
                .en(format!(
                    "'{title}' is followed directly by '{next_title}': the section has no table and no note saying why"
                ))
                .related(next.span, "下一个标题"),
            );
        }
    }
}

/// The blocks with their index, without page numbers (a footer between a heading and the next
/// is not content).
fn content_blocks(doc: &Document) -> Vec<(usize, &Block)> {
    doc.blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| !block_text(doc, b).is_some_and(|(t, _)| is_page_number(t)))
        .collect()
}

/// `block` as the heading `step` places after `heading` in the same numbering (`（二）` → `（三）`
/// is one step).
fn follows<'b>(heading: &Heading, block: &'b Block, step: i64) -> Option<&'b Heading> {
    let Block::Heading(other) = block else {
        return None;
    };
    let (a, b) = (&heading.numbering, &other.numbering);
    (a.style != NumberingStyle::None
        && a.style == b.style
        && i64::from(b.ordinal) == i64::from(a.ordinal) + step)
        .then_some(other)
}
