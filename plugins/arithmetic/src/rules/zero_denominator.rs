use budgetlint_sdk::model::{FactKind, Relation};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A rate of a zero base written as a number: “预算0万元，支出决算0万元，完成全年预算的0.00%”.
    /// Dividing by zero is undefined; “0.00%” or “100%” for it is a presentation defect
    /// (docs/rounding.md §6).
    ///
    /// ## Why
    /// Readers take “完成预算的0.00%” for a unit that spent nothing of a real budget. The
    /// 财政部 templates ask to write 无预算 / 不适用 instead.
    ///
    /// ## Example
    /// “‘三公’经费财政拨款支出预算0万元，支出决算0万元，完成全年预算的0.00%”.
    ///
    /// ## Fix
    /// Replace the rate with “无预算，不适用” or remove it.
    ///
    /// ## 检查内容
    /// 基数为零的比率却写成了数字，如“预算0万元，支出决算0万元，完成全年预算的0.00%”。除数为零时比率没有意义，写“0.00%”或“100%”属于表述缺陷（docs/rounding.md 第6节）。
    ///
    /// ## 依据
    /// 读者会把“完成预算的0.00%”理解为有预算却一分未花。财政部公开模板要求此时写“无预算”或“不适用”。
    ///
    /// ## 示例
    /// “‘三公’经费财政拨款支出预算0万元，支出决算0万元，完成全年预算的0.00%”。
    ///
    /// ## 修改方法
    /// 把比率改为“无预算，不适用”，或删去。
    pub struct ZeroDenominator {
        id: "arithmetic/zero-denominator",
        severity: Warning,
        summary: "A rate is given for a zero base",
        summary_zh: "基数为零却给出了比率",
    }
}

impl Rule for ZeroDenominator {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let zero = |id: u32| matches!(&doc.fact(id).kind, FactKind::Amount(q) if q.value.is_zero());
        for r in &doc.relations {
            let (base, percent) = match r {
                Relation::Completion {
                    target, percent, ..
                } => (*target, *percent),
                Relation::Share {
                    whole: Some(w),
                    percent,
                    ..
                } => (*w, *percent),
                _ => continue,
            };
            if !zero(base) {
                continue;
            }
            let p = doc.fact(percent);
            let printed = doc.slice(p.span).to_string();
            out.push(
                Diagnostic::new(&Self::META, p.span, format!("基数为0，比率 {printed} 无意义，应写“无预算，不适用”"))
                    .en(format!("The base is zero, so the rate {printed} is undefined; write 'no budget, not applicable'"))
                    .related(doc.fact(base).span, "基数 0"),
            );
        }
    }
}
