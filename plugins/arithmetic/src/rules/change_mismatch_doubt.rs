use super::change_mismatch::report;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A growth rate against last year that differs from the change ÷ last year's figure as
    /// printed, but that the unrounded figures could give: each printed figure stands for any
    /// value within half a unit of its last digit (docs/rounding.md §4), and some values within
    /// those ranges give the stated rate. “2021年一般公共预算支出1.5万元，比上年增加0.5万元，
    /// 增长45%” — 0.5 ÷ 1.0 = 50%, but 0.45 ÷ 1.05 ≈ 43% and 0.55 ÷ 0.95 ≈ 58%, so 45% is
    /// possible. A rate the printed figures prove wrong is `arithmetic/change-mismatch` (error).
    ///
    /// ## Why
    /// 《地方预决算公开操作规程》 asks every disclosure to explain the change against the
    /// previous year. A rate computed from the accounts' exact figures can differ from one
    /// recomputed from the rounded ones: the document does not prove it wrong, so this is an
    /// info asking the reader to check it against the accounts.
    ///
    /// ## Example
    /// “2021年一般公共预算支出1.5万元，比上年增加0.5万元，增长45%。”
    ///
    /// ## Fix
    /// Check the rate against the unrounded figures; where the figures are printed with more
    /// decimals, the rate can be checked exactly.
    ///
    /// ## 检查内容
    /// 与上年相比的增长率与按所列数字计算的增减额÷上年数不同，但按未舍入的数字可能得出：每个印出的数字代表其末位半个单位以内的任何数值（docs/rounding.md 第4节），在这些范围内有数值能得出所写的幅度。“2021年一般公共预算支出1.5万元，比上年增加0.5万元，增长45%”：0.5÷1.0＝50%，但0.45÷1.05≈43%、0.55÷0.95≈58%，45%是可能的。所列数字能证明有误的由 `arithmetic/change-mismatch` 作为错误报告。
    ///
    /// ## 依据
    /// 《地方预决算公开操作规程》要求公开文件说明与上年相比的增减变化情况。用账务精确数字算出的幅度，可能与用舍入后数字重算的结果不同：文件本身不能证明它有误，因此作为提示，请读者对照账务数据核实。
    ///
    /// ## 示例
    /// “2021年一般公共预算支出1.5万元，比上年增加0.5万元，增长45%。”
    ///
    /// ## 修改方法
    /// 用未舍入的数字核对幅度；所列数字保留更多位小数时，就能准确核对。
    pub struct ChangeMismatchDoubt {
        id: "arithmetic/change-mismatch-doubt",
        split_from: "arithmetic/change-mismatch",
        severity: Info,
        summary: "A growth rate differs from its printed figures, within what their rounding allows",
        summary_zh: "增减幅度与所列数字不符，但在数字舍入范围内可能成立",
    }
}

impl Rule for ChangeMismatchDoubt {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        report(ctx, &Self::META, out);
    }
}
