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
    ///
    /// ## 检查内容
    /// 同一资金来源、同一期间、同一口径（预算数或决算数）下，基本支出是否等于人员经费与公用经费之和。三个数字可以出现在文件的不同位置（说明文字或表格），按三个印刷数字各自末位的半个单位计入舍入误差后仍不相等的才报告。
    ///
    /// ## 依据
    /// 按财政部部门预算、决算编报说明，基本支出由人员经费和公用经费构成，三者不平说明其中有一个数字有误。同一段落或同一张表内的合计关系由 `arithmetic/sum-mismatch` 和 `arithmetic/table-sum` 检查。
    ///
    /// ## 示例
    /// 正文写“财政拨款基本支出461.37万元”，而基本支出表中人员经费400.00万元、公用经费60.00万元，合计460.00万元。
    ///
    /// ## 修改方法
    /// 以基本支出表为准，改正与之不符的数字。
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
