use budgetlint_sdk::model::{DocKind, FactKind};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// In final accounts (决算) for year N, a state reported "as at" the end of another year:
    /// `截至2023年12月31日` in the 2024 决算. The 决算 reports the year's outcome, and the
    /// state it gives (国有资产占用情况, 车辆, 结转结余) is the state at the end of year N.
    /// Reported when the date follows 截至, 截止 or 截至到 and is the last day of a year.
    ///
    /// Budgets (预算) for year N rightly give the state at the end of year N−1, and are not
    /// checked.
    ///
    /// ## Why
    /// 部门决算 templates (财政部 and province) write `截至N年12月31日` for the 国有资产占用情况;
    /// another year there is text carried over from another year's 决算, and the figures in
    /// the sentence may be stale too.
    ///
    /// ## Example
    /// In the 2024 决算: `截至2023年12月31日，上海市某区财政局共有车辆0辆` is reported.
    ///
    /// ## Fix
    /// Write the year of the 决算 (`截至2024年12月31日`) and check the figures that follow.
    ///
    /// ## 检查内容
    /// 在N年度的决算中，写的是另一年度末的情况：如2024年决算中的`截至2023年12月31日`。决算反映的是本年度的执行结果，其中的情况（国有资产占用情况、车辆、结转结余）应为N年末的情况。日期跟在“截至”“截止”“截至到”之后、且为某年最后一天时才检查。
    ///
    /// N年度的预算给出N−1年末的情况是正常的，预算不检查。
    ///
    /// ## 依据
    /// 财政部和各省的部门决算模板在国有资产占用情况中写`截至N年12月31日`；写成其他年度，说明是从别的年度决算中沿用的文字，句中的数字也可能是旧的。
    ///
    /// ## 示例
    /// 2024年决算中：`截至2023年12月31日，上海市某区财政局共有车辆0辆`会被报告。
    ///
    /// ## 修改方法
    /// 写决算所属年度（`截至2024年12月31日`），并核对其后的数字。
    pub struct PeriodEnd {
        id: "dates/period-end",
        aliases: ["date/period-end"],
        severity: Error,
        summary: "Final accounts give a state at the end of another year",
        summary_zh: "决算写的是另一年度末的情况",
    }
}

const AS_AT: &[&str] = &["截至", "截止", "截至到", "截止到"];

impl Rule for PeriodEnd {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let Some(fy) = doc.meta.fiscal_year else {
            return;
        };
        if doc.meta.kind != Some(DocKind::FinalAccounts) {
            return;
        }
        for fact in &doc.facts {
            let FactKind::Date {
                year,
                month: Some(12),
                day: Some(31),
                valid: true,
            } = fact.kind
            else {
                continue;
            };
            let before = doc.text.get(..fact.span.start as usize).unwrap_or("");
            let as_at = AS_AT
                .iter()
                .any(|w| before.trim_end_matches([' ', '\u{3000}']).ends_with(w));
            if year == fy || !as_at {
                continue;
            }
            let date = doc.slice(fact.span);
            out.push(
                Diagnostic::new(
                    &Self::META,
                    fact.span,
                    format!("{fy}年度决算给出的是截至“{date}”的情况：决算应反映{fy}年12月31日的状况"),
                )
                .en(format!("The {fy} final accounts give a state as at “{date}”: they report the state at 31 December {fy}")),
            );
        }
    }
}
