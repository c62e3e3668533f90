use super::required_sections::report;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A file with tables but almost no text (under 300 characters of headings and
    /// paragraphs): the tables part of a disclosure published in several files. Its
    /// explanation cannot be checked here, so `structure/required-sections` and
    /// `structure/phased-in-sections` say nothing of it; this rule says so once, on the title.
    ///
    /// ## Why
    /// 《预算法》§14 and 《地方预决算公开操作规程》(财预〔2016〕143号) require the tables and the
    /// explanation to be published together. Many departments publish them as separate files,
    /// so a file of tables is not wrong in itself: an info asking to make sure the explanation
    /// is published.
    ///
    /// ## Example
    /// A PDF holding the nine 决算 tables and no 说明.
    ///
    /// ## Fix
    /// Publish the explanation with the tables (or check it in its own file).
    ///
    /// ## 检查内容
    /// 有表格但几乎没有文字（标题和段落不足300字）的文件：分成几个文件公开时的表格部分。其说明无法在此检查，`structure/required-sections` 和 `structure/phased-in-sections` 对它不作报告；本规则在标题处提示一次。
    ///
    /// ## 依据
    /// 《预算法》第十四条和《地方预决算公开操作规程》（财预〔2016〕143号）要求表格与说明一并公开。许多部门把两者分为不同文件公开，只有表格的文件本身不一定有错：作为提示，请确认说明已经公开。
    ///
    /// ## 示例
    /// 只有九张决算表、没有情况说明的 PDF 文件。
    ///
    /// ## 修改方法
    /// 将说明与表格一并公开（或在说明所在的文件中检查）。
    pub struct ExplanationAbsent {
        id: "structure/explanation-absent",
        split_from: "structure/required-sections",
        severity: Info,
        summary: "The file holds tables but no explanation to check",
        summary_zh: "本文件只有表格，没有可检查的说明",
    }
}

impl Rule for ExplanationAbsent {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        report(ctx, &Self::META, out);
    }
}
