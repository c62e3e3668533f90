use super::required_tables::report;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A table the national rules require (`data/required_tables.tsv`, as
    /// `structure/required-tables` reads it) whose title stands in the body with no table read
    /// under it. The table may be there in a form the reader could not rebuild (a PDF page laid
    /// out oddly, an image), so it is not reported as missing; this rule asks to check it.
    ///
    /// ## Why
    /// 预算法 §14 and 《地方预决算公开操作规程》(财预〔2016〕143号) require the tables to be
    /// published. A title with nothing readable under it is either a table the reader missed
    /// or a table left out under its title: not provable from the text, hence an info.
    ///
    /// ## Example
    /// ```text
    /// 六、政府性基金预算支出表
    /// （本页为扫描图片）          ← no table could be read
    /// ```
    ///
    /// ## Fix
    /// Make sure the table is published as text (not only as a picture), with its rows under
    /// its title.
    ///
    /// ## 检查内容
    /// 国家规定必须公开的表格（`data/required_tables.tsv`，识别方式与 `structure/required-tables` 相同），正文中有其表题，但其下读不出表格。表格可能以无法还原的形式存在（版式特殊的 PDF 页面、图片），因此不报告为缺少；本规则请求核对。
    ///
    /// ## 依据
    /// 《预算法》第十四条和《地方预决算公开操作规程》（财预〔2016〕143号）要求公开这些表格。表题下读不出内容，可能是读取时漏掉的表，也可能是只留了表题的缺表：无法从文字证明，因此作为提示。
    ///
    /// ## 示例
    /// ```text
    /// 六、政府性基金预算支出表
    /// （本页为扫描图片）          ← 读不出表格
    /// ```
    ///
    /// ## 修改方法
    /// 确认该表已以文字形式（不只是图片）公开，表格内容在表题之下。
    pub struct TableUnread {
        id: "structure/table-unread",
        split_from: "structure/required-tables",
        severity: Info,
        summary: "A required table's title stands in the body but no table could be read under it",
        summary_zh: "正文有必须公开的表的表题，但其下读不出表格",
    }
}

impl Rule for TableUnread {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        report(ctx, &Self::META, out);
    }
}
