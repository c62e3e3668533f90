//! The amounts of a document grouped by the quantity they are (the model's [`Identity`]): the
//! figures that must agree wherever they are stated, and the values the accounting identities
//! are checked on.

use crate::support::Figure;
use budgetlint_sdk::model::number::round_half_up;
use budgetlint_sdk::model::{Document, FactKind, FundSource, Identity, Unit};
use budgetlint_sdk::Decimal;
use std::collections::HashMap;

/// What makes two figures the same quantity: every part of the identity, without its evidence.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct QuantityKey {
    pub measure: String,
    pub source: FundSourceKey,
    pub class_code: Option<String>,
    pub econ_code: Option<String>,
    pub period: PeriodKey,
    pub kind: KindKey,
}

/// Orderable mirrors of the model's enums (for a deterministic order of the groups).
pub type FundSourceKey = u8;
pub type PeriodKey = u8;
pub type KindKey = u8;

impl QuantityKey {
    /// The key of a complete identity; `None` when a part is unknown.
    pub fn of(id: &Identity) -> Option<QuantityKey> {
        if !id.complete() {
            return None;
        }
        Some(QuantityKey {
            measure: id.measure.as_ref()?.value.clone(),
            source: id.source.as_ref()?.value as u8,
            class_code: id.class_code.as_ref().map(|c| c.value.clone()),
            econ_code: id.econ_code.as_ref().map(|c| c.value.clone()),
            period: id.period.as_ref()?.value as u8,
            kind: id.kind.as_ref()?.value as u8,
        })
    }
    /// The same quantity with another measure (for the accounting identities).
    pub fn with_measure(&self, measure: &str) -> QuantityKey {
        QuantityKey {
            measure: measure.to_string(),
            ..self.clone()
        }
    }
    pub fn with_source_key(&self, source: FundSourceKey) -> QuantityKey {
        QuantityKey {
            source,
            ..self.clone()
        }
    }
    pub fn with_source(&self, source: FundSource) -> QuantityKey {
        QuantityKey {
            source: source as u8,
            ..self.clone()
        }
    }
}

/// Every money figure with a complete identity, grouped by it, in document order within a group.
pub fn groups(doc: &Document) -> Vec<(QuantityKey, Vec<Figure<'_>>)> {
    let mut by_key: HashMap<QuantityKey, Vec<Figure>> = HashMap::new();
    for fact in &doc.facts {
        let (FactKind::Amount(q), Some(id)) = (&fact.kind, fact.identity.as_deref()) else {
            continue;
        };
        if !q.unit.is_money() {
            continue;
        }
        if let Some(key) = QuantityKey::of(id) {
            by_key
                .entry(key)
                .or_default()
                .push(Figure { fact, quantity: q });
        }
    }
    let mut out: Vec<_> = by_key.into_iter().collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

budgetlint_sdk::document_view! {
    /// The document's figures grouped by the quantity they are.
    pub QuantityGroups<'d>: Vec<(QuantityKey, Vec<Figure<'d>>)> = groups
}

/// Whether two printed figures can be the same value: equal at the precision of the coarser
/// one, the finer rounded half-up to it (docs/rounding.md).
pub fn agree(a: &Figure, b: &Figure) -> bool {
    let (fine, coarse) = if precision_in_yuan(a) <= precision_in_yuan(b) {
        (a, b)
    } else {
        (b, a)
    };
    let unit = &coarse.quantity.unit;
    let Some(v) = fine.value_in(unit) else {
        return false;
    };
    round_half_up(v, coarse.quantity.decimals) == coarse.quantity.value
}

/// One unit of the last printed digit, in 元.
fn precision_in_yuan(f: &Figure) -> Decimal {
    f.quantity.half_ulp_in(&Unit::Yuan).unwrap_or(Decimal::MAX)
}

/// The figures of a group sorted into clusters of mutually agreeing values, largest first (then
/// in document order).
pub fn clusters<'a, 'd>(figures: &'a [Figure<'d>]) -> Vec<Vec<&'a Figure<'d>>> {
    let mut out: Vec<Vec<&Figure>> = Vec::new();
    for f in figures {
        match out.iter_mut().find(|c| c.iter().all(|g| agree(f, g))) {
            Some(c) => c.push(f),
            None => out.push(vec![f]),
        }
    }
    out.sort_by_key(|c| std::cmp::Reverse(c.len()));
    out
}

/// The value of a quantity when all its statements agree: the most precise of them.
pub fn settled<'a, 'd>(figures: &'a [Figure<'d>]) -> Option<&'a Figure<'d>> {
    let cs = clusters(figures);
    if cs.len() != 1 {
        return None;
    }
    figures.iter().min_by_key(|f| precision_in_yuan(f))
}

#[cfg(test)]
mod tests {
    use super::*;
    use budgetlint_sdk::model::{Fact, Quantity, Span};

    fn fact(v: &str, unit: Unit) -> (Fact, Quantity) {
        let value: Decimal = v.parse().unwrap();
        let q = Quantity::new(value, unit);
        let f = Fact {
            id: 0,
            kind: FactKind::Amount(q.clone()),
            span: Span::default(),
            block: 0,
            cell: None,
            label: None,
            identity: None,
        };
        (f, q)
    }

    #[test]
    fn figures_agree_when_the_finer_rounds_to_the_coarser() {
        let (fa, qa) = fact("21681.07", Unit::WanYuan);
        let (fb, qb) = fact("216810700.00", Unit::Yuan);
        let (fc, qc) = fact("21681.1", Unit::WanYuan);
        let (fd, qd) = fact("21681.08", Unit::WanYuan);
        let a = Figure {
            fact: &fa,
            quantity: &qa,
        };
        let b = Figure {
            fact: &fb,
            quantity: &qb,
        };
        let c = Figure {
            fact: &fc,
            quantity: &qc,
        };
        let d = Figure {
            fact: &fd,
            quantity: &qd,
        };
        assert!(agree(&a, &b));
        assert!(agree(&a, &c));
        assert!(agree(&c, &a));
        assert!(!agree(&a, &d));
        assert_eq!(clusters(&[a.clone(), d.clone(), b.clone()]).len(), 2);
    }
}
