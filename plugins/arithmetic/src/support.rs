//! Printed figures of a document for the arithmetic rules. The rounding arithmetic itself
//! (bands, percentage verdicts) is the model's `rounding` module, shared with the hover.

use budgetlint_sdk::model::number::{format_decimal, round_half_up};
use budgetlint_sdk::model::{Direction, Document, Fact, FactId, FactKind, Quantity, Unit};
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

pub use budgetlint_sdk::model::rounding::PercentCheck;
use budgetlint_sdk::model::rounding::{self, Bounded};

/// Compares a printed percentage with `part / whole × 100` at the printed precision; `part`
/// and `whole` are printed figures right within `part_tol` and `whole_tol`. The verdict is the
/// model's one arithmetic (`budgetlint_model::rounding::check_percent`, docs/rounding.md §3),
/// which the editor's hover uses too.
pub fn check_percent(
    printed: &Quantity,
    (part, part_tol): (Decimal, Decimal),
    (whole, whole_tol): (Decimal, Decimal),
) -> Option<(PercentCheck, Decimal)> {
    rounding::check_percent(
        printed,
        Bounded::new(part, part_tol),
        Bounded::new(whole, whole_tol),
    )
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

/// Last year's figure of a change, in the change's unit, and how far the printed figures that
/// give it may be off: stated (`previous`), or this year's figure less the change.
pub fn base_of_change(
    delta: &Figure,
    previous: Option<&Figure>,
    current: Option<&Figure>,
    direction: Direction,
) -> Option<(Decimal, Decimal)> {
    let unit = &delta.quantity.unit;
    if let Some(p) = previous {
        return Some((p.value_in(unit)?, p.half_ulp_in(unit)));
    }
    let c = current?;
    let value = c.value_in(unit)? - direction.sign() * delta.quantity.value;
    Some((value, c.half_ulp_in(unit) + delta.half_ulp_in(unit)))
}
