use super::scope::shares_beyond_their_whole;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A share (占…的N%) whose part is larger than its whole, where the two may be different
    /// kinds of figure, so the excess proves no error: the part's own words name a budget
    /// (涉及预算金额) while the whole is the year's actual spending, or the part names no kind and
    /// stands in the section on performance evaluation, whose project amounts are the projects'
    /// budgets. The finding states the doubt; `arithmetic/scope` reports the shares where part
    /// and whole are the same kind of figure.
    ///
    /// ## Why
    /// A share of a smaller whole is impossible only when both figures measure the same thing.
    /// 绩效自评 covers projects by their 全年预算数 (财预〔2020〕10号 项目支出绩效评价管理办法), which may
    /// exceed what was spent; “占项目支出总额的100%” then says that every project was evaluated.
    ///
    /// ## Example
    /// In a 决算: “共涉及资金5105.75万元，占一般公共预算项目支出总额的100%” while 项目支出 is
    /// 3499.42万元.
    ///
    /// ## Fix
    /// Say which figure the share is of (项目全年预算数 or 项目支出决算数), or correct the amount.
    ///
    /// ## 检查内容
    /// “占…的N%”所说的部分金额大于总额，但两者可能不是同一口径的数字，因此超出并不能证明有错：部分金额自己写明是预算（如“涉及预算金额”），而总额是本年实际支出；或部分金额未写明口径、位于绩效评价部分（该部分的项目金额通常是项目预算数）。本规则提示这一疑点；部分与总额口径相同时由 `arithmetic/scope` 报告。
    ///
    /// ## 依据
    /// 只有两个数字衡量同一事项时，“占一个更小总额的比例”才不可能。绩效自评按项目的全年预算数覆盖项目（财预〔2020〕10号《项目支出绩效评价管理办法》），全年预算数可能大于实际支出；此时“占项目支出总额的100%”的意思是全部项目都做了自评。
    ///
    /// ## 示例
    /// 决算中写“共涉及资金5105.75万元，占一般公共预算项目支出总额的100%”，而项目支出只有3499.42万元。
    ///
    /// ## 修改方法
    /// 写明比例所依据的数字（项目全年预算数还是项目支出决算数），或改正金额。
    pub struct ScopeKindDoubt {
        id: "arithmetic/scope-kind-doubt",
        split_from: "arithmetic/scope",
        severity: Info,
        summary: "A share of a smaller whole, where the two may be different kinds of figure",
        summary_zh: "部分金额大于总额，但两者可能口径不同（预算数与决算数）",
    }
}

impl Rule for ScopeKindDoubt {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        for share in shares_beyond_their_whole(ctx) {
            if share.kinds_may_differ {
                out.push(share.diagnostic(
                    &ScopeKindDoubt::META,
                    "；两者可能口径不同（预算数与决算数），无法据此认定有误",
                    "; the two may be different kinds of figure (budget and actual), so this proves no error",
                ));
            }
        }
    }
}
