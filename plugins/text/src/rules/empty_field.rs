use super::empty_cell::{check_label_paragraphs, check_label_rows};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A field label with nothing after it: a line that is only `单位名称` (or 部门名称, 填报单位,
    /// 编制单位, 项目名称, 单位负责人, 项目负责人, 联系人, 联系电话, with or without a colon), or a
    /// table row whose first cell is such a label and whose other cells are all empty. A
    /// required cell left empty in one row of a table is `text/empty-cell`.
    ///
    /// ## Why
    /// The disclosure templates of 财预〔2016〕143号 and the 绩效目标表 forms ask for these fields
    /// to be filled in: they say who publishes the document and who answers for it. A bare label
    /// is usually a field the drafter forgot, but the value can sit on a line the reader did
    /// not join to it: an info.
    ///
    /// ## Example
    /// ```text
    /// 单位名称：
    /// ```
    ///
    /// ## Fix
    /// Fill in the field, or delete the label.
    ///
    /// ## 检查内容
    /// 后面什么都没有的字段名：一行只有`单位名称`（或部门名称、填报单位、编制单位、项目名称、单位负责人、项目负责人、联系人、联系电话，带不带冒号均可），或表格中第一个单元格是这样的字段名、其他单元格都为空的一行。表格中某一行的必填单元格为空，由 `text/empty-cell` 报告。
    ///
    /// ## 依据
    /// 财预〔2016〕143号的公开模板和绩效目标表格式要求填写这些字段：它们说明由谁公开、由谁负责。只有字段名通常是漏填，但内容也可能在读取时没有与字段名连在一起的另一行上，因此作为提示。
    ///
    /// ## 示例
    /// ```text
    /// 单位名称：
    /// ```
    ///
    /// ## 修改方法
    /// 填写该字段，或删去字段名。
    pub struct EmptyField {
        id: "text/empty-field",
        split_from: "text/empty-cell",
        severity: Info,
        summary: "A field label (单位名称, 联系电话 …) with nothing filled in after it",
        summary_zh: "字段名（单位名称、联系电话等）后未填写内容",
    }
}

impl Rule for EmptyField {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        for table in &ctx.doc.tables {
            check_label_rows(&Self::META, table, out);
        }
        check_label_paragraphs(&Self::META, ctx.doc, out);
    }
}
