use crate::support::Figure;
use budgetlint_sdk::model::{Direction, FactId, Relation};
use budgetlint_sdk::{declare_rule, Context, Decimal, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A growth rate stated against last year's figure when that figure is zero: “上年0万元，
    /// 本年5.00万元，增长100.00%”, or a change whose amount equals this year's figure (so that
    /// last year's was zero at the printed precision) given with a rate. A rate of a zero base
    /// is undefined (docs/rounding.md §6); “100%” is a common template slip for it.
    ///
    /// ## Why
    /// A reader takes “增长100.00%” for a doubling. The 财政部 templates ask to say that last year
    /// had no such expenditure instead.
    ///
    /// ## Example
    /// “公务接待费支出2.50万元，较上年增加2.50万元，增长100.00%。”
    ///
    /// ## Fix
    /// Replace the rate with “上年无此项支出” (or remove it).
    ///
    /// ## 检查内容
    /// 上年数为零却写了增长率：如“上年0万元，本年5.00万元，增长100.00%”；或者增加额等于本年数（按印刷精度上年为零），同时又给出了增长率。基数为零时增长率没有意义（docs/rounding.md 第6节），“100%”是套用模板时常见的笔误。
    ///
    /// ## 依据
    /// 读者会把“增长100.00%”理解为翻了一番。财政部公开模板要求此时说明上年无此项支出，而不是写增长率。
    ///
    /// ## 示例
    /// “公务接待费支出2.50万元，较上年增加2.50万元，增长100.00%。”
    ///
    /// ## 修改方法
    /// 把增长率改为“上年无此项支出”，或删去增长率。
    pub struct GrowthFromZero {
        id: "arithmetic/growth-from-zero",
        severity: Warning,
        summary: "A growth rate is given against a zero base",
        summary_zh: "上年为零却给出增长率",
    }
}

impl Rule for GrowthFromZero {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        for r in &doc.relations {
            let Relation::Change {
                current,
                previous,
                delta,
                direction: Direction::Increase,
                rate: Some(rate),
                ..
            } = r
            else {
                continue;
            };
            let money =
                |id: &Option<FactId>| id.and_then(|i| Figure::of(doc, i)).filter(Figure::is_money);
            let Some(rate) = Figure::of(doc, *rate) else {
                continue;
            };
            let base = match (money(previous), money(current), money(delta)) {
                (Some(p), _, _) if p.quantity.value.is_zero() => Some((p, None)),
                (None, Some(c), Some(d)) if is_zero_base(&c, &d) => Some((c, Some(d))),
                _ => None,
            };
            if let Some((shown, delta)) = base {
                out.push(finding(&rate, &shown, delta.as_ref()));
            }
        }
    }
}

/// This year's figure minus the increase is exactly zero at the printed figures, and the
/// increase is not zero itself.
fn is_zero_base(current: &Figure, delta: &Figure) -> bool {
    let unit = &delta.quantity.unit;
    current
        .value_in(unit)
        .is_some_and(|c| c == delta.quantity.value)
        && delta.quantity.value > Decimal::ZERO
}

fn finding(rate: &Figure, base: &Figure, delta: Option<&Figure>) -> Diagnostic {
    let (zh, en) = match delta {
        None => (
            format!(
                "上年为 {}，增长率 {} 无意义（基数为0），应写“上年无此项支出”",
                base.printed(),
                rate.printed()
            ),
            format!(
                "Last year's figure is {}, so the rate {} is undefined (zero base)",
                base.printed(),
                rate.printed()
            ),
        ),
        Some(d) => (
            format!(
                "本年 {} − 增加 {} = 0，上年为0，增长率 {} 无意义，应写“上年无此项支出”",
                base.printed(),
                d.printed(),
                rate.printed()
            ),
            format!(
                "This year {} − increase {} = 0: last year was zero, so the rate {} is undefined",
                base.printed(),
                d.printed(),
                rate.printed()
            ),
        ),
    };
    let mut diag = Diagnostic::new(&GrowthFromZero::META, rate.fact.span, zh)
        .en(en)
        .related(base.fact.span, base.printed());
    if let Some(d) = delta {
        diag = diag.related(d.fact.span, d.printed());
    }
    diag
}
