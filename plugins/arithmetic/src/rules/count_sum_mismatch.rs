use super::sum_mismatch::{report, Judgement};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A stated count outside the tables — people, vehicles, units — that is not the sum of its
    /// stated parts: “离退休人员78人，其中：离休3人，退休72人” (3 + 72 = 75). Totals and parts are
    /// found as `arithmetic/sum-mismatch` finds money totals, which it reports.
    ///
    /// ## Why
    /// 《地方预决算公开操作规程》(财预〔2016〕143号) requires the disclosed figures to be true and
    /// complete, and a 其中 of people usually splits its total. It may also name groups that
    /// overlap or leave some out (党员, 女职工), so this is a warning rather than an error.
    ///
    /// ## Example
    /// “单位管理的离退休人员78人，其中：离休3人，退休72人” — 3 + 72 = 75 ≠ 78.
    ///
    /// ## Fix
    /// Correct the wrong count, or name the group that is left out.
    ///
    /// ## 检查内容
    /// 表格以外所述数量（人数、车辆数、单位数）的合计不等于所述各分项之和：“离退休人员78人，其中：离休3人，退休72人”（3＋72＝75）。合计与分项的识别方式与 `arithmetic/sum-mismatch` 相同，金额合计由该规则报告。
    ///
    /// ## 依据
    /// 《地方预决算公开操作规程》（财预〔2016〕143号）要求公开的数字真实、完整，人数的“其中”通常是对合计的拆分；但也可能列的是相互交叉或并不完整的群体（党员、女职工），因此作为警告而不是错误。
    ///
    /// ## 示例
    /// “单位管理的离退休人员78人，其中：离休3人，退休72人”，3＋72＝75，不等于78。
    ///
    /// ## 修改方法
    /// 改正写错的数字，或写明未列出的群体。
    pub struct CountSumMismatch {
        id: "arithmetic/count-sum-mismatch",
        split_from: "arithmetic/sum-mismatch",
        severity: Warning,
        summary: "A stated count (people, vehicles) differs from the sum of its stated parts",
        summary_zh: "所述数量（人数、车辆数）合计与所述分项之和不符",
    }
}

impl Rule for CountSumMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        report(ctx, &Self::META, Judgement::Count, out);
    }
}
