//! Findings that show their working: the computation in the message, every operand as a
//! related location.

use crate::sums::SumCase;
use crate::support::show;
use budgetlint_sdk::{Decimal, Diagnostic, RuleMeta};

pub fn sum_finding(
    meta: &RuleMeta,
    case: &SumCase,
    gap: Decimal,
    tolerance: Decimal,
) -> Diagnostic {
    let unit = case.unit();
    let (sum, expr) = case.sum();
    let decimals = case.total.quantity.decimals;
    let total = case.total.printed();
    let name = case.total.name();
    let zh = format!(
        "{name} {total} ≠ 各项之和 {expr} = {}{u}（相差 {}{u}，超出四舍五入允许的 ±{}）",
        show(sum, decimals),
        show(gap, decimals),
        show(tolerance, decimals + 1),
        u = unit.as_str()
    );
    let en = format!(
        "{name} {total} ≠ sum of its parts {expr} = {}{u} (off by {}{u}, more than rounding allows: ±{})",
        show(sum, decimals),
        show(gap, decimals),
        show(tolerance, decimals + 1),
        u = unit.as_str()
    );
    with_parts(Diagnostic::new(meta, case.total.fact.span, zh).en(en), case)
}

pub fn with_parts(mut d: Diagnostic, case: &SumCase) -> Diagnostic {
    for p in &case.parts {
        d = d.related(p.fact.span, format!("{} {}", p.name(), p.printed()));
    }
    d
}
