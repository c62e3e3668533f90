use super::heading_numbering::report;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A break in the ordinals of one level (a skip, repeat, restart, style switch or a
    /// sub-list not starting at 1, found as `structure/heading-numbering` finds them) where a
    /// table, or lines whose columns the reader did not rebuild (words apart by a run of spaces
    /// or a tab), lie between the two items or around the item itself. The missing items may
    /// be in there (a caption read as a table row, the `一、…二十、` rows of a 收支总表 left as
    /// lines), so the break is not provable; the message says so.
    ///
    /// ## Why
    /// GB/T 9704-2012 (党政机关公文格式) numbers the levels `一、` → `（一）` → `1.` → `（1）`, and a
    /// broken sequence is read as missing or pasted-in content (《地方预决算公开操作规程》
    /// 财预〔2016〕143号: 形式规范). Across a table the items may only have been read out of
    /// place: an info to look at, not an error shown by the text.
    ///
    /// ## Example
    /// ```text
    /// 一、收入预算情况
    /// 项目      金额      ← a table kept as lines
    /// 三、支出预算情况    ← 二、 may be in the table
    /// ```
    ///
    /// ## Fix
    /// Check the items in the original: renumber if one is missing; nothing to do if the item
    /// is in the table.
    ///
    /// ## 检查内容
    /// 同一层级序号中断（跳号、重号、重新开始、换样式或下级列表不从1开始，判断方式与 `structure/heading-numbering` 相同），但两项之间或该项周围是表格，或未能还原分栏的行（词语之间隔着一串空格或制表符）。缺少的项可能就在其中（被读成表格行的表题、按行保留的收支总表中`一、…二十、`各行），因此无法确认中断，提示中会说明这一点。
    ///
    /// ## 依据
    /// GB/T 9704-2012《党政机关公文格式》规定层次序数依次为`一、`→`（一）`→`1.`→`（1）`，编号中断被视为内容缺漏或拼接（《地方预决算公开操作规程》财预〔2016〕143号：形式规范）。隔着表格时，这些条目可能只是读取位置不对：作为需要查看的提示，而不是文字本身证明的错误。
    ///
    /// ## 示例
    /// ```text
    /// 一、收入预算情况
    /// 项目      金额      ← 按行保留的表格
    /// 三、支出预算情况    ← “二、”可能在表格中
    /// ```
    ///
    /// ## 修改方法
    /// 对照原件核对各项：确有缺项时重新编号；该项在表格中时无需修改。
    pub struct NumberingGapDoubt {
        id: "structure/numbering-gap-doubt",
        split_from: "structure/heading-numbering",
        severity: Info,
        summary: "Ordinals break where a table or unrebuilt columns may hold the missing items",
        summary_zh: "序号中断处有表格或未还原的分栏，缺少的项可能在其中",
    }
}

impl Rule for NumberingGapDoubt {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        report(ctx, &Self::META, out);
    }
}
