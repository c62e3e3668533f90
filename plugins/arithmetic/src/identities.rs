//! Accounting identities between quantities stated anywhere in the document (基本支出 = 人员经费 +
//! 公用经费 …): the total and its parts found by their [`QuantityKey`], each with the value its
//! statements agree on. Shared by the rules that check one identity each.

use crate::quantities::{settled, QuantityGroups, QuantityKey};
use crate::support::{show, Figure};
use budgetlint_sdk::model::{FundSource, Unit};
use budgetlint_sdk::{Context, Decimal, Diagnostic, RuleMeta};
use std::collections::HashMap;

/// The settled figure of every quantity of the document (quantities stated with values that
/// disagree are left out: `arithmetic/same-quantity` reports those).
pub fn settled_figures<'c, 'd>(
    ctx: &'c Context<'d>,
) -> HashMap<&'c QuantityKey, SettledFigure<'c, 'd>> {
    ctx.view::<QuantityGroups>()
        .iter()
        .filter_map(|(k, figures)| {
            Some((
                k,
                SettledFigure {
                    figure: settled(figures)?,
                    all: figures,
                },
            ))
        })
        .collect()
}

/// A quantity's value and all its statements.
pub struct SettledFigure<'c, 'd> {
    pub figure: &'c Figure<'d>,
    pub all: &'c [Figure<'d>],
}

/// Checks `total = Σ parts` when the total and every part are stated, reporting a gap beyond
/// the rounding of the figures (half a unit of the last digit of each). Skipped when every
/// statement is in one block: the sums of a paragraph or a table are their own rules'.
pub fn check_identity(
    meta: &'static RuleMeta,
    figures: &HashMap<&QuantityKey, SettledFigure>,
    total: &QuantityKey,
    parts: &[QuantityKey],
    out: &mut Vec<Diagnostic>,
) {
    let Some(t) = figures.get(total) else {
        return;
    };
    let Some(ps) = parts
        .iter()
        .map(|k| figures.get(k))
        .collect::<Option<Vec<_>>>()
    else {
        return;
    };
    let block = t.figure.fact.block;
    let one_block = std::iter::once(t)
        .chain(ps.iter().copied())
        .flat_map(|s| s.all.iter())
        .all(|f| f.fact.block == block);
    if one_block {
        return;
    }
    let unit = t.figure.quantity.unit.clone();
    let Some((sum, tolerance)) = sum_with_tolerance(t.figure, &ps, &unit) else {
        return;
    };
    let gap = sum - t.figure.value_in(&unit).unwrap_or_default();
    if gap.abs() <= tolerance {
        return;
    }
    out.push(finding(meta, t.figure, &ps, sum, gap, tolerance, &unit));
}

fn sum_with_tolerance(
    total: &Figure,
    parts: &[&SettledFigure],
    unit: &Unit,
) -> Option<(Decimal, Decimal)> {
    let mut sum = Decimal::ZERO;
    let mut tolerance = total.quantity.half_ulp_in(unit)?;
    for p in parts {
        sum += p.figure.value_in(unit)?;
        tolerance += p.figure.quantity.half_ulp_in(unit)?;
    }
    Some((sum, tolerance))
}

fn finding(
    meta: &'static RuleMeta,
    total: &Figure,
    parts: &[&SettledFigure],
    sum: Decimal,
    gap: Decimal,
    tolerance: Decimal,
    unit: &Unit,
) -> Diagnostic {
    // The fund source and the measure (`财政拨款支出合计`), the source left out for all funds.
    let name = |f: &Figure| {
        let Some(id) = f.fact.identity.as_deref() else {
            return f.name();
        };
        let source = id
            .source
            .as_ref()
            .filter(|s| s.value != FundSource::All)
            .map_or("", |s| s.value.chinese());
        id.measure
            .as_ref()
            .map_or_else(|| f.name(), |m| format!("{source}{}", m.value))
    };
    let expr: Vec<String> = parts
        .iter()
        .map(|p| format!("{} {}", name(p.figure), p.figure.printed()))
        .collect();
    let d = total.quantity.decimals;
    let zh = format!(
        "{} {} ≠ {} = {}{u}（相差 {}{u}，超出四舍五入允许的 ±{}）",
        name(total),
        total.printed(),
        expr.join(" + "),
        show(sum, d),
        show(gap, d),
        show(tolerance, d + 1),
        u = unit.as_str()
    );
    let en = format!(
        "{} {} ≠ {} = {}{u} (off by {}{u}, more than rounding allows: ±{})",
        name(total),
        total.printed(),
        expr.join(" + "),
        show(sum, d),
        show(gap, d),
        show(tolerance, d + 1),
        u = unit.as_str()
    );
    let mut diag = Diagnostic::new(meta, total.fact.span, zh).en(en);
    for p in parts {
        diag = diag.related(
            p.figure.fact.span,
            format!("{} {}", name(p.figure), p.figure.printed()),
        );
    }
    diag
}
