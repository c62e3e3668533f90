use super::required_tables::report;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A file that holds none of the tables the national rules require
    /// (`data/required_tables.tsv`), or only one or two set in its text while its own 目录
    /// lists none of the others: the narrative part of a disclosure whose tables are published
    /// in another file. `structure/required-tables` then reports nothing; this rule says once
    /// which tables are not in the file — on the lines that list table titles with nothing
    /// under them when there are such lines, otherwise on the title.
    ///
    /// ## Why
    /// 预算法 §14 and 《地方预决算公开操作规程》(财预〔2016〕143号) require the tables to be
    /// published with the explanation. Many departments publish them as separate files (or as
    /// pictures), so their absence from this file proves nothing: an info asking to make sure
    /// they are published.
    ///
    /// ## Example
    /// ```text
    /// 附件：1.收支总体情况表
    ///       2.收入总体情况表     ← titles only, the tables are in another file
    /// ```
    ///
    /// ## Fix
    /// Make sure the tables are published with the explanation (or check the file that holds
    /// them).
    ///
    /// ## 检查内容
    /// 文件中没有任何国家规定必须公开的表格（`data/required_tables.tsv`），或只有正文中的一两张表、而自己的目录也未列出其余的表：这是表格另行公开的一套材料中的文字部分。此时 `structure/required-tables` 不作报告；本规则提示一次哪些表不在本文件中——有只列表题、其下没有内容的行时报告在这些行上，否则报告在文件标题上。
    ///
    /// ## 依据
    /// 《预算法》第十四条和《地方预决算公开操作规程》（财预〔2016〕143号）要求表格与说明一并公开。许多部门把表格作为单独文件（或图片）公开，因此本文件中没有表格并不能说明什么：作为提示，请确认表格已经公开。
    ///
    /// ## 示例
    /// ```text
    /// 附件：1.收支总体情况表
    ///       2.收入总体情况表     ← 只有表名，表格在另一文件中
    /// ```
    ///
    /// ## 修改方法
    /// 确认这些表格已与说明一并公开（或检查收录表格的文件）。
    pub struct TablesElsewhere {
        id: "structure/tables-elsewhere",
        split_from: "structure/required-tables",
        severity: Info,
        summary: "The file is the narrative part of a disclosure: its required tables are not in it",
        summary_zh: "本文件是公开材料的文字部分，必须公开的表格不在本文件中",
    }
}

impl Rule for TablesElsewhere {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        report(ctx, &Self::META, out);
    }
}
