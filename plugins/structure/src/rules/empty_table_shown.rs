use crate::catalog::{classify, required_tables};
use crate::layout::{block_text, names_a_table, placed_tables, PlacedTable};
use crate::text::compact_prose;
use budgetlint_sdk::model::{DocKind, Document, Table};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, Span};

declare_rule! {
    /// ## What it checks
    /// A published table that holds no figure at all — every amount cell blank, not even 0 —
    /// and has no note saying why (“本单位无…，故本表为空表”, “空表列示”) in its caption or in
    /// the two lines under it. Only tables whose caption names a table (`…表`) are checked.
    ///
    /// Reported at info level: a blank table is better than none, but readers cannot tell a
    /// table with no spending from a table whose figures were lost in conversion.
    ///
    /// ## Why
    /// The 财政部 标准目录 asks that a table with no data still be published as an empty table
    /// with an explanation (空表列示并说明); local templates have a section “没有数据的表格说明”.
    /// A zero written as 0 is a statement; a blank cell is not.
    ///
    /// ## Example
    /// ```text
    /// 2021年一般公共预算“三公”经费支出情况表
    /// 项 目	2021年“三公”经费预算数
    /// 1、因公出国（境）费用	            ← blank, no note
    /// ```
    ///
    /// ## Fix
    /// Write 0 in the amount cells and add a note under the table (“注：本单位无“三公”经费预算，
    /// 故本表为空表。”).
    ///
    /// ## 检查内容
    /// 公开的表格中一个数字也没有——所有金额单元格都是空白，连0也没有——且表题中或表下两行内没有说明原因（“本单位无…，故本表为空表”“空表列示”）。只检查表题为“…表”的表格。
    ///
    /// 只作提示：空白的表总比没有表好，但读者分不清是确实没有支出，还是数字在转换中丢失了。
    ///
    /// ## 依据
    /// 财政部标准目录要求没有数据的表格也要以空表公开并加以说明（空表列示并说明）；各地模板专门有“没有数据的表格说明”一节。写0是一种表述，空白单元格不是。
    ///
    /// ## 示例
    /// ```text
    /// 2021年一般公共预算“三公”经费支出情况表
    /// 项 目	2021年“三公”经费预算数
    /// 1、因公出国（境）费用	            ← 空白，且无说明
    /// ```
    ///
    /// ## 修改方法
    /// 在金额单元格中填0，并在表下加注（“注：本单位无“三公”经费预算，故本表为空表。”）。
    pub struct EmptyTableShown {
        id: "structure/empty-table-shown",
        aliases: ["completeness/empty-table-shown"],
        severity: Info,
        summary: "A table has no figures at all and no note explaining that it is empty",
        summary_zh: "表格没有任何数字，也没有说明为空的原因",
    }
}

impl Rule for EmptyTableShown {
    fn meta(&self) -> &'static budgetlint_sdk::RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        for empty in emptied_tables(ctx.doc) {
            let shown = &empty.title;
            out.push(
                Diagnostic::new(
                    &Self::META,
                    empty.span,
                    format!("“{shown}”没有任何数值（金额栏为空白而不是0），表下也没有空表说明"),
                )
                .en(format!("'{shown}' has no figures at all (blank cells, not 0) and no note saying the table is empty")),
            );
        }
    }
}

/// A published table of amounts with no figure at all and no note saying why.
pub(crate) struct EmptiedTable {
    /// Its title as shown.
    pub title: String,
    /// Where its title is (the rows may be only a header), else the table.
    pub span: Span,
}

/// The tables this rule reports, for it and for `structure/emptied-table-stated`.
pub(crate) fn emptied_tables(doc: &Document) -> Vec<EmptiedTable> {
    let list = required_tables(doc.meta.kind.unwrap_or(DocKind::Budget));
    let mut out = Vec::new();
    for placed in placed_tables(doc) {
        let Some(table) = doc.tables.get(placed.table as usize) else {
            continue;
        };
        let required = placed
            .captions
            .iter()
            .find(|(c, _)| classify(c, &list).is_some());
        let money = placed
            .captions
            .iter()
            .find(|(c, _)| names_a_table(c))
            .filter(|_| is_money_table(table, &placed));
        let Some((title, _)) = required.or(money) else {
            continue;
        };
        if has_figures(table) || !has_blank_cells(table) || has_note(doc, &placed) {
            continue;
        }
        let caption = placed.captions.iter().find(|(c, _)| c == title);
        out.push(EmptiedTable {
            title: caption
                .map(|(_, s)| doc.slice(*s).trim())
                .unwrap_or(title)
                .to_string(),
            span: caption.map_or(placed.span, |(_, s)| *s),
        });
    }
    out
}

/// A table of amounts: it declares 单位：万元/元 (in the table or on a caption line).
fn is_money_table(table: &Table, placed: &PlacedTable) -> bool {
    table.unit.as_ref().is_some_and(|u| u.is_money())
        || placed
            .captions
            .iter()
            .any(|(c, _)| c.starts_with("单位") && (c.ends_with("万元") || c.ends_with("元")))
}

/// Whether any cell holds a number.
fn has_figures(table: &Table) -> bool {
    table
        .rows
        .iter()
        .flat_map(|r| &r.cells)
        .any(|c| c.number.is_some())
}

/// Whether the table has rows with a label and an empty cell (the amounts left blank).
fn has_blank_cells(table: &Table) -> bool {
    table.rows.iter().any(|r| {
        r.cells.len() >= 2
            && r.cells.iter().any(|c| c.text.trim().is_empty())
            && r.cells.iter().any(|c| !c.text.trim().is_empty())
    })
}

/// Words of a note saying a table is empty.
const NOTE_WORDS: &[&str] = &[
    "空表",
    "无数据",
    "没有数据",
    "本表无",
    "无此项",
    "此表无",
    "无相关数据",
    "未安排",
    "未发生",
    "0万元",
    "0元",
    "为零",
];

/// A note in the table's caption lines, in the sentence that introduces the table
/// (“…政府采购预算0万元。具体内容见下表。”) or in the two blocks after it.
fn has_note(doc: &Document, placed: &PlacedTable) -> bool {
    let after =
        (placed.block as usize + 1..placed.block as usize + 3).filter_map(|i| doc.blocks.get(i));
    let first_caption = placed
        .caption_blocks
        .iter()
        .min()
        .map(|&b| b as usize)
        .unwrap_or(placed.block as usize);
    let intro = first_caption.checked_sub(1).and_then(|i| doc.blocks.get(i));
    let before = placed
        .caption_blocks
        .iter()
        .filter_map(|&i| doc.blocks.get(i as usize))
        .chain(intro);
    before
        .chain(after)
        .filter_map(|b| block_text(doc, b))
        .any(|(t, _)| {
            let compact = compact_prose(t);
            NOTE_WORDS.iter().any(|w| compact.contains(w))
        })
}
