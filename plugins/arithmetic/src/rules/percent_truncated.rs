use super::percent_mismatch::report;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A percentage — a share (占比 / 占…的%) or a completion rate (完成年初预算的…%) — that is
    /// the exact ratio of its figures cut off at the printed precision instead of rounded
    /// half-up (docs/rounding.md §3): 63.17 ÷ 79.48 = 79.4791% printed as “79.47%”. A percentage
    /// the figures prove wrong otherwise is `arithmetic/percent-mismatch` (error).
    ///
    /// ## Why
    /// docs/rounding.md and the 部门预决算 templates print percentages rounded half-up at their
    /// precision. A truncated percentage is a slip of rounding, not of the figures, so this is
    /// a warning.
    ///
    /// ## Example
    /// “项目支出年初预算 79.48 万元，支出决算 63.17 万元，完成年初预算的 79.47%。”
    ///
    /// ## Fix
    /// Round half-up at the printed precision (79.48%); the finding offers it as an unsafe fix.
    ///
    /// ## 检查内容
    /// 百分比——占比（占比、占……的%）或完成率（完成年初预算的……%）——是把据以计算的数字的精确比值按印刷精度截尾、而不是四舍五入得出的（docs/rounding.md 第3节）：63.17÷79.48＝79.4791%，写成“79.47%”。数字能够证明的其他错误由 `arithmetic/percent-mismatch` 作为错误报告。
    ///
    /// ## 依据
    /// docs/rounding.md 和部门预决算模板按四舍五入印出百分比。截尾是舍入上的疏忽，而不是数字有误，因此作为警告。
    ///
    /// ## 示例
    /// “项目支出年初预算 79.48 万元，支出决算 63.17 万元，完成年初预算的 79.47%。”
    ///
    /// ## 修改方法
    /// 按印刷精度四舍五入（79.48%）；检查结果提供这一不安全修复。
    pub struct PercentTruncated {
        id: "arithmetic/percent-truncated",
        split_from: "arithmetic/percent-mismatch",
        severity: Warning,
        summary: "A percentage is truncated instead of rounded half-up",
        summary_zh: "百分比是截尾而不是四舍五入得出的",
    }
}

impl Rule for PercentTruncated {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        report(ctx, &Self::META, out);
    }
}
