use super::heading_numbering::report;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A numbered item written inside the paragraph of the item before it, while the item after
    /// it starts its own paragraph: `（七）…财务规则。（八）负责…` in one paragraph, then `（九）`.
    /// Item （八） lost its line break (common in text taken from a PDF), so the list reads
    /// （七）→（九）. Reported on the run-in marker, with the item it is run into.
    ///
    /// ## Why
    /// GB/T 9704-2012 (党政机关公文格式) sets each numbered item on its own; 《地方预决算公开操作
    /// 规程》(财预〔2016〕143号) asks for 形式规范. Nothing is missing, so an info: the item is
    /// only hard to find.
    ///
    /// ## Example
    /// ```text
    /// （七）负责本部门财务管理。（八）负责本部门资产管理。
    /// （九）完成上级交办的其他任务。
    /// ```
    ///
    /// ## Fix
    /// Start the run-in item on a new line.
    ///
    /// ## 检查内容
    /// 编号条目写在了上一项的段落中，而再下一项另起一段：一个段落中是`（七）…财务规则。（八）负责…`，之后是`（九）`。（八）项丢了换行（从 PDF 取出的文字中常见），列表读起来是（七）→（九）。报告在写进段落中的编号上，并指出它所在的条目。
    ///
    /// ## 依据
    /// GB/T 9704-2012《党政机关公文格式》要求各编号条目分别成段；《地方预决算公开操作规程》（财预〔2016〕143号）要求形式规范。内容没有缺失，因此作为提示：只是该条不易找到。
    ///
    /// ## 示例
    /// ```text
    /// （七）负责本部门财务管理。（八）负责本部门资产管理。
    /// （九）完成上级交办的其他任务。
    /// ```
    ///
    /// ## 修改方法
    /// 把写进段落中的条目另起一行。
    pub struct RunInItem {
        id: "structure/run-in-item",
        split_from: "structure/heading-numbering",
        severity: Info,
        summary: "A numbered item is run into the paragraph of the item before it",
        summary_zh: "编号条目写进了上一项的段落中，没有另起一段",
    }
}

impl Rule for RunInItem {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        report(ctx, &Self::META, out);
    }
}
