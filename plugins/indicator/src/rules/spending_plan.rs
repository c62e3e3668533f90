use crate::view::show;
use budgetlint_sdk::model::{Document, FactKind, PlanPoint};
use budgetlint_sdk::{declare_rule, Context, Decimal, Diagnostic, Rule, RuleMeta, Span};

declare_rule! {
    /// ## What it checks
    /// The 资金支出计划 (cumulative share of the budget spent by 3月底, 6月底, 9/10月底, 12月底) of
    /// each project: the percentages must not decrease, must not exceed 100%, and the year-end
    /// point must be 100%.
    ///
    /// ## Why
    /// The plan is cumulative: by the end of the year the whole 预算数 is to be spent (预算法 and
    /// the 预算执行 rules expect full execution; 财预〔2020〕10号 scores 预算执行率). A falling
    /// or incomplete sequence is a typing error or a plan that contradicts the budget.
    ///
    /// ## Example
    /// ```text
    /// 资金支出计划（%）  3月底 6月底 10月底 12月底
    ///                    30.00% 20.00% 60.00% 90.00%
    /// ```
    ///
    /// ## Fix
    /// Write cumulative percentages that rise to 100.00% at 12月底.
    ///
    /// ## 检查内容
    /// 每个项目的资金支出计划（截至3月底、6月底、9月底或10月底、12月底累计支出占预算的比例）：百分比不得递减，不得超过100%，年末时点应为100%。
    ///
    /// ## 依据
    /// 支出计划是累计数：到年底应支出全部预算数（预算法和预算执行的规定要求全面执行；财预〔2020〕10号对预算执行率打分）。递减或年末不到100%的序列，要么是录入错误，要么是与预算相矛盾的计划。
    ///
    /// ## 示例
    /// ```text
    /// 资金支出计划（%）  3月底 6月底 10月底 12月底
    ///                    30.00% 20.00% 60.00% 90.00%
    /// ```
    ///
    /// ## 修改方法
    /// 写逐期递增、12月底达到100.00%的累计百分比。
    pub struct SpendingPlan {
        id: "indicator/spending-plan",
        severity: Warning,
        summary: "A 资金支出计划 decreases, exceeds 100% or does not reach 100% at year end",
        summary_zh: "资金支出计划递减、超过100%或年末未达到100%",
    }
}

impl Rule for SpendingPlan {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        for perf in &ctx.doc.perf_tables {
            let points: Vec<(&PlanPoint, Decimal, Span)> = perf
                .spending_plan
                .iter()
                .filter_map(|p| percent(ctx.doc, p).map(|(v, s)| (p, v, s)))
                .collect();
            check_plan(&points, out);
        }
    }
}

fn percent(doc: &Document, p: &PlanPoint) -> Option<(Decimal, Span)> {
    let fact = doc.facts.get(p.percent as usize)?;
    match &fact.kind {
        FactKind::Percent(q) => Some((q.value, fact.span)),
        _ => None,
    }
}

fn check_plan(points: &[(&PlanPoint, Decimal, Span)], out: &mut Vec<Diagnostic>) {
    let meta = &SpendingPlan::META;
    let hundred = Decimal::from(100);
    for pair in points.windows(2) {
        let [(prev, pv, pspan), (cur, cv, cspan)] = pair else {
            continue;
        };
        if cv < pv {
            out.push(
                Diagnostic::new(
                    meta,
                    *cspan,
                    format!(
                        "资金支出计划是累计进度，“{}”的{}%低于“{}”的{}%",
                        cur.label,
                        show(*cv),
                        prev.label,
                        show(*pv)
                    ),
                )
                .en(format!(
                    "The spending plan is cumulative, but {}% at “{}” is below {}% at “{}”",
                    show(*cv),
                    cur.label,
                    show(*pv),
                    prev.label
                ))
                .related(*pspan, format!("“{}”的计划", prev.label)),
            );
        }
    }
    for (p, v, span) in points {
        if *v > hundred {
            out.push(
                Diagnostic::new(
                    meta,
                    *span,
                    format!("资金支出计划“{}”为{}%，超过预算的100%", p.label, show(*v)),
                )
                .en(format!(
                    "The spending plan at “{}” is {}%, more than 100% of the budget",
                    p.label,
                    show(*v)
                )),
            );
        }
    }
    if let Some((last, v, span)) = points.last() {
        if *v < hundred && is_year_end(&last.label) {
            out.push(
                Diagnostic::new(
                    meta,
                    *span,
                    format!(
                        "资金支出计划到“{}”只有{}%，年底应累计支出100%",
                        last.label,
                        show(*v)
                    ),
                )
                .en(format!(
                    "The spending plan reaches only {}% at “{}”; the year-end point should be 100%",
                    show(*v),
                    last.label
                )),
            );
        }
    }
}

fn is_year_end(label: &str) -> bool {
    label.contains("12月")
        || label.contains("年底")
        || label.contains("年末")
        || label.contains("全年")
        || label.contains("四季度")
}
