use crate::identities::{check_identity, settled_figures};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// “三公”经费 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费, and 公务用车购置及运行
    /// 维护费 = 公务用车购置费 + 公务用车运行维护费, for the same fund source, period and kind, when
    /// all are stated in the document (in different places), within the rounding of the printed
    /// figures.
    ///
    /// ## Why
    /// The 三公 categories are fixed by 财政部 (部门决算 “三公”经费 表): the total is their sum; a
    /// gap means one figure is wrong. A sum stated in one paragraph or table is checked by
    /// `arithmetic/sum-mismatch` and `arithmetic/table-sum`.
    ///
    /// ## Example
    /// The text: “三公”经费 12.50 万元; the 三公 table: 出国 0, 公务用车 8.00, 公务接待 3.50.
    ///
    /// ## Fix
    /// Correct the figure that differs from the 三公经费 table.
    ///
    /// ## 检查内容
    /// 同一资金来源、同一期间、同一口径下，“三公”经费是否等于因公出国（境）费、公务用车购置及运行维护费、公务接待费之和，公务用车购置及运行维护费是否等于公务用车购置费与公务用车运行维护费之和。只有各数字在文件中都写明时才检查（可以在不同位置），计入印刷数字的舍入误差。
    ///
    /// ## 依据
    /// “三公”经费的构成由财政部规定（部门决算“三公”经费表）：总数就是各项之和，不平说明有数字错误。同一段落或同一张表内的合计关系由 `arithmetic/sum-mismatch` 和 `arithmetic/table-sum` 检查。
    ///
    /// ## 示例
    /// 正文写“三公”经费12.50万元；“三公”经费表中因公出国（境）费0、公务用车8.00万元、公务接待费3.50万元，合计11.50万元。
    ///
    /// ## 修改方法
    /// 以“三公”经费表为准，改正与之不符的数字。
    pub struct ThreePublicSplit {
        id: "arithmetic/three-public-split",
        severity: Error,
        summary: "“三公”经费 is not the sum of its parts",
        summary_zh: "“三公”经费不等于各分项之和",
    }
}

const ABROAD: &str = "因公出国（境）费";
const CARS: &str = "公务用车购置及运行维护费";
const CAR_PURCHASE: &str = "公务用车购置费";
const CAR_RUNNING: &str = "公务用车运行维护费";
const RECEPTION: &str = "公务接待费";

impl Rule for ThreePublicSplit {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let figures = settled_figures(ctx);
        let mut keys: Vec<_> = figures.keys().copied().collect();
        keys.sort();
        for key in keys {
            if key.measure == "三公经费" {
                let cars = key.with_measure(CARS);
                let parts = if figures.contains_key(&cars) {
                    vec![key.with_measure(ABROAD), cars, key.with_measure(RECEPTION)]
                } else {
                    vec![
                        key.with_measure(ABROAD),
                        key.with_measure(CAR_PURCHASE),
                        key.with_measure(CAR_RUNNING),
                        key.with_measure(RECEPTION),
                    ]
                };
                check_identity(&Self::META, &figures, key, &parts, out);
            } else if key.measure == CARS {
                let parts = [
                    key.with_measure(CAR_PURCHASE),
                    key.with_measure(CAR_RUNNING),
                ];
                check_identity(&Self::META, &figures, key, &parts, out);
            }
        }
    }
}
