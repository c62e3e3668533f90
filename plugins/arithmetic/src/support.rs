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
    /// Neither.
    Wrong,
}

/// Compares a printed percentage with `part / whole × 100` at the printed precision.
pub fn check_percent(
    printed: &Quantity,
    part: Decimal,
    whole: Decimal,
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
    } else {
        PercentCheck::Wrong
    };
    Some((check, exact))
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
