//! Every total-and-parts the document states, from three sources: prose (“共计…其中…”), the
//! functional classification (a 类 amount and the 项 amounts listed under it), and table
//! columns (合计/小计/总计 rows). Each is evaluated with the rounding band of docs/rounding.md §2.

use crate::support::{sum_expression, Figure};
use budgetlint_sdk::model::rounding::{sum_agreement, Agreement, Bounded};
use budgetlint_sdk::model::{Document, FactKind, Relation, Unit};
use budgetlint_sdk::Decimal;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Prose,
    Classification,
    Table,
}

pub struct SumCase<'a> {
    pub total: Figure<'a>,
    pub parts: Vec<Figure<'a>>,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Exact,
    /// Off by no more than rounding the parts explains (尾差).
    RoundingGap {
        gap: Decimal,
        tolerance: Decimal,
    },
    /// The parts add up to more than the total, or to a little less than it.
    Mismatch {
        gap: Decimal,
        tolerance: Decimal,
    },
    /// The parts cover well under the total: “其中” listed some items only.
    Partial,
}

impl SumCase<'_> {
    pub fn unit(&self) -> Unit {
        self.total.quantity.unit.clone()
    }
    pub fn sum(&self) -> (Decimal, String) {
        sum_expression(&self.parts, &self.unit())
    }
    pub fn evaluate(&self) -> Outcome {
        let unit = self.unit();
        let Some(total) = self.total.value_in(&unit) else {
            return Outcome::Partial;
        };
        let (sum, _) = self.sum();
        // rounding.md §2: each part was rounded separately, n × half a unit of the last digit.
        let parts = self
            .parts
            .iter()
            .filter_map(|p| Some(Bounded::new(p.value_in(&unit)?, p.half_ulp_in(&unit))));
        match sum_agreement(total, parts) {
            Agreement::Exact => Outcome::Exact,
            Agreement::WithinRounding { gap, tolerance } => Outcome::RoundingGap { gap, tolerance },
            Agreement::Off { gap, .. }
                if gap < Decimal::ZERO
                    && sum < total * Decimal::new(9, 1)
                    && self.source != Source::Table =>
            {
                Outcome::Partial
            }
            Agreement::Off { gap, tolerance } => Outcome::Mismatch { gap, tolerance },
        }
    }
}

budgetlint_sdk::document_view! {
    /// Every sum of the document — stated in prose, classification subtotals, table columns:
    /// built once per document, shared by the rules.
    pub SumCases<'d>: Vec<SumCase<'d>> = all
}

fn all(doc: &Document) -> Vec<SumCase<'_>> {
    let mut out = prose(doc);
    out.extend(classification(doc));
    out.extend(crate::tables::column_sums(doc));
    out.extend(crate::class_tree::class_sums(doc));
    out
}

fn prose(doc: &Document) -> Vec<SumCase<'_>> {
    doc.relations
        .iter()
        .filter_map(|r| match r {
            Relation::Sum { total, parts } => {
                // Money, or counts of one unit (人 …; the model lists only those of the total's).
                let total = Figure::of(doc, *total).filter(is_summable)?;
                let unit = total.quantity.unit.clone();
                let parts: Vec<Figure> = parts
                    .iter()
                    .filter_map(|p| Figure::of(doc, *p))
                    .filter(|p| p.value_in(&unit).is_some())
                    .collect();
                (parts.len() >= 2).then_some(SumCase {
                    total,
                    parts,
                    source: Source::Prose,
                })
            }
            _ => None,
        })
        .collect()
}

/// A money figure, or a count (人, 辆 …): not a percentage or a bare number.
fn is_summable(f: &Figure) -> bool {
    f.is_money() || matches!(f.quantity.unit, Unit::Other(_))
}

/// A 类 amount stated in prose (“社会保障和就业支出690.58万元”) and the amounts of the items
/// listed under it (“社会保障和就业支出（类）…（项）：2021年预算数为388.15万元”).
pub fn classification(doc: &Document) -> Vec<SumCase<'_>> {
    let prose_amounts = || {
        doc.facts
            .iter()
            .filter(|f| f.cell.is_none() && matches!(f.kind, FactKind::Amount(_)))
    };
    let mut out = Vec::new();
    for class in prose_amounts().filter(|f| {
        f.label.as_ref().is_some_and(|l| {
            l.class_path.is_empty() && l.class_code.as_ref().is_some_and(|c| c.len() == 3)
        })
    }) {
        let code = class
            .label
            .as_ref()
            .and_then(|l| l.class_code.clone())
            .unwrap_or_default();
        let items: Vec<Figure> = prose_amounts()
            .filter(|f| {
                f.label.as_ref().is_some_and(|l| {
                    l.class_path.len() >= 2
                        && l.class_code
                            .as_ref()
                            .is_some_and(|c| c.starts_with(&code) && c.len() > 3)
                })
            })
            .filter_map(|f| Figure::of(doc, f.id))
            .collect();
        let Some(total) = Figure::of(doc, class.id) else {
            continue;
        };
        if !items.is_empty() {
            out.push(SumCase {
                total,
                parts: items,
                source: Source::Classification,
            });
        }
    }
    out
}
