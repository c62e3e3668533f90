use super::heading_numbering::report;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Half-width brackets in numbering markers (`(九)`, `(3)`) in a document whose other
    /// bracketed markers are full-width (`（一）`). Reported once, on the first half-width
    /// marker, with the others as related places.
    ///
    /// ## Why
    /// GB/T 9704-2012 (党政机关公文格式) writes the second and fourth levels `（一）` and `（1）`
    /// with full-width brackets; 《地方预决算公开操作规程》(财预〔2016〕143号) asks for 形式规范.
    /// Mixed widths change nothing of the content: an info.
    ///
    /// ## Example
    /// ```text
    /// （八）负责本部门资产管理。
    /// (九) 完成上级交办的其他任务。   ← half-width
    /// ```
    ///
    /// ## Fix
    /// Write the brackets full-width. The rule offers a safe fix for all of them
    /// (`(九) ` → `（九）`).
    ///
    /// ## 检查内容
    /// 在其余带括号编号都是全角（`（一）`）的文件中，编号使用半角括号（`(九)`、`(3)`）。只报告一次，位置在第一个半角编号上，其余半角编号作为相关位置列出。
    ///
    /// ## 依据
    /// GB/T 9704-2012《党政机关公文格式》第二、四层序数`（一）`、`（1）`使用全角括号；《地方预决算公开操作规程》（财预〔2016〕143号）要求形式规范。全角半角混用不影响内容：作为提示。
    ///
    /// ## 示例
    /// ```text
    /// （八）负责本部门资产管理。
    /// (九) 完成上级交办的其他任务。   ← 半角括号
    /// ```
    ///
    /// ## 修改方法
    /// 改用全角括号。本规则对所有半角编号提供安全修复（`(九) ` → `（九）`）。
    pub struct BracketWidth {
        id: "structure/bracket-width",
        split_from: "structure/heading-numbering",
        severity: Info,
        summary: "Numbering markers mix half-width and full-width brackets",
        summary_zh: "编号括号全角半角混用",
    }
}

impl Rule for BracketWidth {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        report(ctx, &Self::META, out);
    }
}
