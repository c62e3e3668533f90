use super::toc_mismatch::report;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A table the 目录 lists that the body may hold, but not provably where the 目录 says:
    /// - a table titled exactly as listed, elsewhere in the order of the attachment;
    /// - no table with the listed title, but tables without any title where it belongs (the
    ///   table may be there without its caption): the finding points at them.
    ///
    /// Tables are matched as `structure/toc-mismatch` matches them; that rule reports a listed
    /// table with no candidate at all (a warning).
    ///
    /// ## Why
    /// The 目录 is what readers and evaluators check completeness against (《地方预决算公开操作
    /// 规程》财预〔2016〕143号: 公开内容完整, 形式规范). A table out of order or without its title
    /// is hard to find, but it is published: an info, not a missing table.
    ///
    /// ## Example
    /// ```text
    /// 目录  5. 政府性基金预算支出表
    ///       6. 国有资本经营预算支出表
    /// 附件  国有资本经营预算支出表 … 政府性基金预算支出表   ← 5 and 6 swapped
    /// ```
    ///
    /// ## Fix
    /// Put the tables in the order of the 目录, and give every table its title.
    ///
    /// ## 检查内容
    /// 目录列出的表格，正文中可能有，但不能确认在目录所说的位置：
    /// - 表题与目录完全相同的表格出现在附件中的其他顺序位置；
    /// - 没有带该表题的表格，但该位置有未加标题的表格（可能就是该表，只是缺了表题）：提示指向这些表格。
    ///
    /// 表格的匹配方式与 `structure/toc-mismatch` 相同；完全找不到候选表格的目录条目由该规则报告（警告）。
    ///
    /// ## 依据
    /// 读者和评审人员据目录核对完整性（《地方预决算公开操作规程》财预〔2016〕143号：公开内容完整、形式规范）。顺序不同或缺少表题的表格难以查找，但已经公开：作为提示，而不是缺表。
    ///
    /// ## 示例
    /// ```text
    /// 目录  5. 政府性基金预算支出表
    ///       6. 国有资本经营预算支出表
    /// 附件  国有资本经营预算支出表 … 政府性基金预算支出表   ← 5和6顺序颠倒
    /// ```
    ///
    /// ## 修改方法
    /// 按目录顺序排列表格，并为每张表加上表题。
    pub struct TocTableDoubt {
        id: "structure/toc-table-doubt",
        split_from: "structure/toc-mismatch",
        severity: Info,
        summary: "A listed table is out of the 目录's order, or may be an untitled table where it belongs",
        summary_zh: "目录所列表格顺序不同，或可能是该位置未加标题的表格",
    }
}

impl Rule for TocTableDoubt {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        report(ctx, &Self::META, out);
    }
}
