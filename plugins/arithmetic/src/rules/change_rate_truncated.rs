use super::change_mismatch::report;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A growth rate stated with both years' figures (and no change amount) that is the exact
    /// rate cut off at the printed precision instead of rounded half-up (docs/rounding.md §4):
    /// “2025年预算执行数为1000.00万元，2026年预算安排1176.29万元，比2025年预算执行数增加17.62%” —
    /// 176.29 ÷ 1000.00 = 17.629%, which rounds to 17.63%. A rate the figures prove wrong
    /// otherwise is `arithmetic/change-mismatch` (error).
    ///
    /// ## Why
    /// docs/rounding.md and the 部门预决算 templates print rates rounded half-up at their
    /// precision. A truncated rate is a slip of rounding, not of the figures — the change is
    /// right — so this is a warning.
    ///
    /// ## Example
    /// “2025年预算执行数为1000.00万元，2026年预算安排1176.29万元，比2025年预算执行数增加17.62%。”
    ///
    /// ## Fix
    /// Round the rate half-up at its precision (17.63%).
    ///
    /// ## 检查内容
    /// 列出两个年度的数字（没有增减额）的增长率，是把精确幅度按印出的精度截断、而不是四舍五入得出的（docs/rounding.md 第4节）：“2025年预算执行数为1000.00万元，2026年预算安排1176.29万元，比2025年预算执行数增加17.62%”，176.29÷1000.00＝17.629%，四舍五入应为17.63%。数字能够证明的其他错误由 `arithmetic/change-mismatch` 作为错误报告。
    ///
    /// ## 依据
    /// docs/rounding.md 和部门预决算模板按四舍五入印出比率。截断的幅度是舍入上的疏忽，而不是数字有误——增减额本身是对的——因此作为警告。
    ///
    /// ## 示例
    /// “2025年预算执行数为1000.00万元，2026年预算安排1176.29万元，比2025年预算执行数增加17.62%。”
    ///
    /// ## 修改方法
    /// 按印出的精度四舍五入（17.63%）。
    pub struct ChangeRateTruncated {
        id: "arithmetic/change-rate-truncated",
        split_from: "arithmetic/change-mismatch",
        severity: Warning,
        summary: "A growth rate is truncated instead of rounded half-up",
        summary_zh: "增减幅度是截断而不是四舍五入得出的",
    }
}

impl Rule for ChangeRateTruncated {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        report(ctx, &Self::META, out);
    }
}
