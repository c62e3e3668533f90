use crate::identities::{check_identity, settled_figures};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// 基本支出 = 人员经费 + 公用经费 for the same fund source, period and kind, when the three
    /// are stated anywhere in the document (text or tables, in different places), within the
    /// rounding of the three printed figures (half a unit of the last digit of each).
    ///
    /// ## Why
    /// 基本支出 consists of 人员经费 and 公用经费 by definition (财政部 部门决算/预算 编报说明);
    /// a gap means one of the three figures is wrong. A sum stated in one paragraph or table is
    /// checked by `arithmetic/sum-mismatch` and `arithmetic/table-sum`.
    ///
    /// ## Example
    /// The text: “财政拨款基本支出 461.37 万元”; the 基本支出表: 人员经费 400.00, 公用经费 60.00.
    ///
    /// ## Fix
    /// Correct the figure that differs from the 基本支出表.
    pub struct BasicSplit {
        id: "arithmetic/basic-split",
        severity: Error,
        summary: "基本支出 is not 人员经费 + 公用经费",
        summary_zh: "基本支出不等于人员经费与公用经费之和",
    }
}

impl Rule for BasicSplit {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let figures = settled_figures(ctx);
        let mut totals: Vec<_> = figures.keys().filter(|k| k.measure == "基本支出").collect();
        totals.sort();
        for total in totals {
            let parts = [
                total.with_measure("人员经费"),
                total.with_measure("公用经费"),
            ];
            check_identity(&Self::META, &figures, total, &parts, out);
        }
    }
}
