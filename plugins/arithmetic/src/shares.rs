//! The percentage statements of a document with their resolved part and whole.

use crate::support::Figure;
use budgetlint_sdk::model::{labels, Document, FactId, FactKind, Relation, Unit};
use budgetlint_sdk::Decimal;

pub struct Ratio<'a> {
    pub part: Figure<'a>,
    /// The whole as a figure of the document, when it is one (not for list shares).
    pub whole: Option<Figure<'a>>,
    /// The whole's value in the part's unit.
    pub whole_value: Decimal,
    /// How far the printed whole may be from the exact one (half a unit of its last digit; n
    /// halves for the sum of n listed parts), in the part's unit.
    pub whole_tolerance: Decimal,
    pub percent: Figure<'a>,
    pub completion: bool,
}

impl<'a> Ratio<'a> {
    fn new(
        part: Figure<'a>,
        whole: Figure<'a>,
        percent: Figure<'a>,
        completion: bool,
    ) -> Option<Self> {
        let whole_value = whole.value_in(&part.quantity.unit)?;
        let whole_tolerance = whole.half_ulp_in(&part.quantity.unit);
        Some(Ratio {
            part,
            whole: Some(whole),
            whole_value,
            whole_tolerance,
            percent,
            completion,
        })
    }
}

budgetlint_sdk::document_view! {
    /// Shares and completion rates whose part and whole are both known. A share whose whole is
    /// named (“占本年支出合计的100%”) resolves to the document's figure with that key; shares
    /// listed without a whole (“社会保障和就业支出690.58万元，占91%；卫生健康支出18.09万元，占2%…”)
    /// take the sum of the listed parts as the whole. Built once per document, shared by the rules.
    pub Ratios<'d>: Vec<Ratio<'d>> = all
}

fn all(doc: &Document) -> Vec<Ratio<'_>> {
    let mut out = Vec::new();
    let mut unresolved: Vec<(u32, Figure, Figure)> = Vec::new();
    let mut named: Vec<(u32, String, Figure, Figure)> = Vec::new();
    for r in &doc.relations {
        match r {
            Relation::Completion {
                actual,
                target,
                percent,
            } => {
                if let (Some(part), Some(whole), Some(p)) = (
                    Figure::of(doc, *actual),
                    Figure::of(doc, *target),
                    Figure::of(doc, *percent),
                ) {
                    out.extend(Ratio::new(part, whole, p, true));
                }
            }
            Relation::Share {
                part,
                whole,
                whole_label,
                percent,
            } => {
                let (Some(part), Some(p)) = (Figure::of(doc, *part), Figure::of(doc, *percent))
                else {
                    continue;
                };
                let whole = whole
                    .and_then(|w| Figure::of(doc, w))
                    .or_else(|| whole_label.as_deref().and_then(|l| by_key(doc, l)));
                match (whole, whole_label) {
                    (Some(whole), _) => out.extend(Ratio::new(part, whole, p, false)),
                    (None, None) => unresolved.push((part.fact.block, part, p)),
                    (None, Some(label)) => {
                        named.push((part.fact.block, labels::normalize(label), part, p))
                    }
                }
            }
            _ => {}
        }
    }
    out.extend(list_shares(unresolved));
    out.extend(complete_named_shares(named));
    out
}

/// Shares of one named whole that the document does not state (“因公出国（境）费支出110万元，
/// 占“三公”经费的18.85%；公务用车…317.8万元，占“三公”经费的54.43%；公务接待费…156.55万元，占
/// “三公”经费的26.72%”): when the shares listed in one paragraph total 100% within their
/// rounding, the text itself says the parts make up the whole, so the whole is their sum. A list
/// that does not reach 100% names only some parts, and its whole stays unknown.
fn complete_named_shares<'a>(items: Vec<(u32, String, Figure<'a>, Figure<'a>)>) -> Vec<Ratio<'a>> {
    // Each (paragraph, whole) once, in text order, however the shares of two wholes interleave.
    let mut groups: Vec<(u32, &str)> = Vec::new();
    for (b, l, _, _) in &items {
        if !groups.contains(&(*b, l.as_str())) {
            groups.push((*b, l.as_str()));
        }
    }
    let mut out = Vec::new();
    for (block, label) in groups {
        let list: Vec<(u32, Figure<'a>, Figure<'a>)> = items
            .iter()
            .filter(|(b, l, _, _)| *b == block && l == label)
            .map(|(b, _, part, p)| (*b, part.clone(), p.clone()))
            .collect();
        if list.len() >= 2 && shares_total_hundred(&list) {
            out.extend(whole_is_sum(list));
        }
    }
    out
}

/// The printed percentages total 100% within n halves of their last digits.
fn shares_total_hundred(list: &[(u32, Figure, Figure)]) -> bool {
    if list
        .iter()
        .any(|(_, _, p)| p.quantity.unit != Unit::Percent)
    {
        return false;
    }
    let total: Decimal = list.iter().map(|(_, _, p)| p.quantity.value).sum();
    let tolerance: Decimal = list.iter().map(|(_, _, p)| p.quantity.half_ulp()).sum();
    (total - Decimal::ONE_HUNDRED).abs() <= tolerance
}

/// The first prose amount with the whole's canonical name. The amount of a change
/// (`收入支出总计减少56.95万元`) names the quantity but is no whole of it.
fn by_key<'a>(doc: &'a Document, label: &str) -> Option<Figure<'a>> {
    let key = labels::canonical_key(label)?;
    let changes: std::collections::HashSet<FactId> = doc
        .relations
        .iter()
        .flat_map(|r| match r {
            Relation::Change {
                delta, components, ..
            } => delta
                .iter()
                .copied()
                .chain(components.iter().map(|c| c.amount))
                .collect(),
            _ => Vec::new(),
        })
        .collect();
    let is_change = |id: FactId| changes.contains(&id);
    let f = doc.facts.iter().find(|f| {
        f.cell.is_none()
            && matches!(f.kind, FactKind::Amount(_))
            && !is_change(f.id)
            && f.label.as_ref().and_then(|l| l.key.as_deref()) == Some(key)
    })?;
    Figure::of(doc, f.id)
}

/// Shares of one list (same paragraph) without a stated whole: the whole is their sum.
fn list_shares<'a>(items: Vec<(u32, Figure<'a>, Figure<'a>)>) -> Vec<Ratio<'a>> {
    let mut out = Vec::new();
    let mut blocks: Vec<u32> = items.iter().map(|(b, _, _)| *b).collect();
    blocks.dedup();
    for block in blocks {
        let list: Vec<&(u32, Figure, Figure)> =
            items.iter().filter(|(b, _, _)| *b == block).collect();
        if list.len() < 3 {
            continue;
        }
        out.extend(whole_is_sum(list.into_iter().cloned().collect()));
    }
    out
}

/// The ratios of a list whose whole is the sum of its parts (n halves of rounding).
fn whole_is_sum<'a>(list: Vec<(u32, Figure<'a>, Figure<'a>)>) -> Vec<Ratio<'a>> {
    let unit = list[0].1.quantity.unit.clone();
    let sum: Decimal = list.iter().filter_map(|(_, p, _)| p.value_in(&unit)).sum();
    let tolerance: Decimal = list.iter().map(|(_, p, _)| p.half_ulp_in(&unit)).sum();
    list.into_iter()
        .map(|(_, part, percent)| Ratio {
            part,
            whole: None,
            whole_value: sum,
            whole_tolerance: tolerance,
            percent,
            completion: false,
        })
        .collect()
}
