//! Exact arithmetic on printed figures, with the rounding bands of docs/rounding.md.

use budgetlint_sdk::model::number::{format_decimal, round_half_up, truncate};
use budgetlint_sdk::model::{Document, Fact, FactId, FactKind, Quantity, Unit};
use budgetlint_sdk::Decimal;

/// A money figure of the document, normalised to one unit.
#[derive(Debug, Clone)]
pub struct Figure<'a> {
    pub fact: &'a Fact,
    pub quantity: &'a Quantity,
}

impl<'a> Figure<'a> {
    pub fn of(doc: &'a Document, id: FactId) -> Option<Figure<'a>> {
        let fact = doc.facts.get(id as usize)?;
        match &fact.kind {
            FactKind::Amount(q) | FactKind::Percent(q) | FactKind::Count(q) => {
                Some(Figure { fact, quantity: q })
            }
            _ => None,
        }
    }
    /// The value in `unit` (money units convert exactly; other units must be equal).
    pub fn value_in(&self, unit: &Unit) -> Option<Decimal> {
        self.quantity.value_in(unit)
    }
    /// Half a unit of the last printed digit, in `unit`.
    pub fn half_ulp_in(&self, unit: &Unit) -> Decimal {
        self.quantity
            .half_ulp_in(unit)
            .unwrap_or_else(|| self.quantity.half_ulp())
    }
    pub fn printed(&self) -> String {
        self.quantity.display()
    }
    /// The label as written, or a placeholder.
    pub fn name(&self) -> String {
        self.fact
            .label
            .as_ref()
            .map(|l| l.key.clone().unwrap_or_else(|| l.raw.clone()))
            .unwrap_or_else(|| "（未命名）".into())
    }
    pub fn is_money(&self) -> bool {
        self.quantity.unit.is_money()
    }
}

/// Formats an exact value with at least `decimals` decimals (more when the value needs them).
pub fn show(value: Decimal, decimals: u32) -> String {
    let natural = value.normalize().scale();
    format_decimal(value, decimals.max(natural.min(4)))
}

/// How a printed percentage relates to the exact ratio.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PercentCheck {
    /// The exact ratio rounds half-up to the printed value.
    Rounded,
    /// The printed value is the exact ratio truncated, not rounded.
    Truncated,
    /// Neither, but the ratio of some values within the rounding of the printed part and whole
    /// gives it (the rate was computed from the unrounded figures): defensible, worth a note.
    FromUnrounded,
    /// None of these.
    Wrong,
}

/// Compares a printed percentage with `part / whole × 100` at the printed precision
/// (docs/rounding.md §3). `part` and `whole` are themselves printed figures, right within
/// `part_tol` and `whole_tol` (half a unit of their last digit, n halves for a sum of n): a
/// percentage that is neither the rounded nor the truncated ratio but that some ratio of values
/// within those bounds gives is `FromUnrounded` (computed from the unrounded figures).
pub fn check_percent(
    printed: &Quantity,
    (part, part_tol): (Decimal, Decimal),
    (whole, whole_tol): (Decimal, Decimal),
) -> Option<(PercentCheck, Decimal)> {
    if whole.is_zero() {
        return None;
    }
    let exact = part.checked_mul(Decimal::ONE_HUNDRED)?.checked_div(whole)?;
    let shown = printed.value;
    let check = if round_half_up(exact, printed.decimals) == shown {
        PercentCheck::Rounded
    } else if truncate(exact, printed.decimals) == shown {
        PercentCheck::Truncated
    } else if within_rounding(printed, (part.abs(), part_tol), (whole.abs(), whole_tol)) {
        PercentCheck::FromUnrounded
    } else {
        PercentCheck::Wrong
    };
    Some((check, exact))
}

/// Whether the printed percentage is the rounding of some ratio of values within the bounds
/// of the printed part and whole.
fn within_rounding(
    printed: &Quantity,
    (part, pt): (Decimal, Decimal),
    (whole, wt): (Decimal, Decimal),
) -> bool {
    let smallest_whole = whole - wt;
    if smallest_whole <= Decimal::ZERO {
        // The whole may be as good as zero: any percentage is possible.
        return true;
    }
    let ratio = |p: Decimal, w: Decimal| {
        p.checked_mul(Decimal::ONE_HUNDRED)
            .and_then(|x| x.checked_div(w))
    };
    let (Some(lo), Some(hi)) = (
        ratio((part - pt).max(Decimal::ZERO), whole + wt),
        ratio(part + pt, smallest_whole),
    ) else {
        return false;
    };
    let shown = printed.value.abs();
    round_half_up(lo, printed.decimals) <= shown && shown <= round_half_up(hi, printed.decimals)
}

/// One unit of the last printed digit.
pub fn ulp(decimals: u32) -> Decimal {
    Decimal::new(1, decimals)
}

/// `a + b + c = s` with printed figures.
pub fn sum_expression(parts: &[Figure], unit: &Unit) -> (Decimal, String) {
    let mut sum = Decimal::ZERO;
    let mut terms = Vec::new();
    for p in parts {
        sum += p.value_in(unit).unwrap_or_default();
        terms.push(p.printed());
    }
    (sum, terms.join(" + "))
}

/// Half-up rounding at `decimals`.
pub fn round(value: Decimal, decimals: u32) -> Decimal {
    round_half_up(value, decimals)
}

#[cfg(test)]
mod percent_tests {
    use super::*;
    use budgetlint_sdk::model::Unit;

    fn pct(value: &str) -> Quantity {
        let value: Decimal = value.parse().unwrap();
        Quantity {
            value,
            decimals: value.scale(),
            unit: Unit::Percent,
            per: None,
        }
    }

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn a_rate_the_unrounded_amounts_can_give_is_not_wrong() {
        // 增加0.5万元 on a base of 1.5 − 0.5 = 1.0 (each ±0.05): 40.9%–61.1%, so 45% is possible.
        let (check, _) = check_percent(
            &pct("45"),
            (dec("0.5"), dec("0.05")),
            (dec("1.0"), dec("0.1")),
        )
        .unwrap();
        assert_eq!(check, PercentCheck::FromUnrounded);
        // 40.61 / 46.20 = 87.90%; with the amounts' rounding 87.86%–87.94%: 87.88% is possible.
        let (check, _) = check_percent(
            &pct("87.88"),
            (dec("40.61"), dec("0.005")),
            (dec("46.20"), dec("0.015")),
        )
        .unwrap();
        assert_eq!(check, PercentCheck::FromUnrounded);
    }

    #[test]
    fn rounded_truncated_and_wrong_rates() {
        let part = (dec("63.17"), dec("0.005"));
        let whole = (dec("79.48"), dec("0.005"));
        assert_eq!(
            check_percent(&pct("79.48"), part, whole).unwrap().0,
            PercentCheck::Rounded
        );
        assert_eq!(
            check_percent(&pct("79.47"), part, whole).unwrap().0,
            PercentCheck::Truncated
        );
        assert_eq!(
            check_percent(
                &pct("71.73"),
                (dec("2106.66"), dec("0.005")),
                (dec("2940.05"), dec("0.005"))
            )
            .unwrap()
            .0,
            PercentCheck::Wrong
        );
    }
}
