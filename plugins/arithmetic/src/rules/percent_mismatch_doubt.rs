use super::percent_mismatch::report;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A percentage — a share or a completion rate — that differs from the ratio of its printed
    /// figures but is not provably wrong: the unrounded amounts can give it (each printed
    /// figure stands for any value within half a unit of its last digit, docs/rounding.md §3),
    /// or it is one share of a list adjusted by one unit of the last digit so that the shares
    /// total exactly 100% (the largest-remainder method). A percentage the figures prove wrong
    /// is `arithmetic/percent-mismatch` (error).
    ///
    /// ## Why
    /// 《地方预决算公开操作规程》(财预〔2016〕143号) requires the disclosed figures to be true. A
    /// percentage computed from the accounts' exact amounts, or adjusted so that a list totals
    /// 100%, can differ from one recomputed from the rounded figures: the document does not
    /// prove it wrong, so this is an info.
    ///
    /// ## Example
    /// “卫生健康支出年初预算 46.20 万元，支出决算数 40.61 万元，完成年初预算的 87.88%” — 40.61 ÷
    /// 46.20 = 87.9004%, but 40.605 ÷ 46.205 = 87.88%: amounts the printed ones round from.
    ///
    /// ## Fix
    /// Check the percentage against the unrounded amounts; printing them with more decimals
    /// lets a reader check it exactly.
    ///
    /// ## 检查内容
    /// 百分比——占比或完成率——与所列数字的比值不同，但不能证明有误：按未经四舍五入的金额可以得出（每个印出的数字代表其末位半个单位以内的任何数值，docs/rounding.md 第3节），或者是为使各项合计恰为100%而调整了末位一个单位的占比（最大余数法）。数字能够证明有误的由 `arithmetic/percent-mismatch` 作为错误报告。
    ///
    /// ## 依据
    /// 《地方预决算公开操作规程》（财预〔2016〕143号）要求公开的数字真实。按账务精确金额计算、或为使合计为100%而调整过的百分比，可能与用舍入后数字重算的结果不同：文件本身不能证明它有误，因此作为提示。
    ///
    /// ## 示例
    /// “卫生健康支出年初预算 46.20 万元，支出决算数 40.61 万元，完成年初预算的 87.88%”：40.61÷46.20＝87.9004%，但40.605÷46.205＝87.88%，而这两个金额四舍五入后正是所印的数字。
    ///
    /// ## 修改方法
    /// 用未舍入的金额核对百分比；金额多保留几位小数，读者就能准确核对。
    pub struct PercentMismatchDoubt {
        id: "arithmetic/percent-mismatch-doubt",
        split_from: "arithmetic/percent-mismatch",
        severity: Info,
        summary: "A percentage differs from its printed figures, within what their rounding allows",
        summary_zh: "百分比与所列数字不符，但在数字舍入范围内可能成立",
    }
}

impl Rule for PercentMismatchDoubt {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        report(ctx, &Self::META, out);
    }
}
