//! Fund sources that are the same money in this document, proved from its own figures.
//!
//! - When its whole 收入总计 (last year's 结转 included) is one source's income — 收入总计
//!   763.06 and 财政拨款收入 763.06 — every figure of all funds is also that source's figure:
//!   基本支出 of all funds and 财政拨款 基本支出 are one quantity.
//! - When its 支出合计 is one source's spending — 支出合计 461.84 and 一般公共预算支出 461.84 —
//!   every spending figure is: the other sources' spending adds up to zero, and spending is never
//!   negative. Income figures are not (结转 may come from another source).
//!
//! The same holds one level down, between 财政拨款 and 一般公共预算, and through it. Nothing is
//! assumed when the two totals are not both stated and agreeing.

use crate::quantities::{agree, settled, QuantityKey};
use crate::support::Figure;
use budgetlint_sdk::model::FundSource;

/// Two fund sources shown to be the same money, for one period and kind, with the two
/// statements that show it.
pub struct SameFunds<'c, 'd> {
    pub wider: u8,
    pub narrower: u8,
    pub period: u8,
    pub kind: u8,
    /// Shown by spending totals: holds for spending figures only.
    pub spending_only: bool,
    /// The wider source's total.
    pub total: &'c Figure<'d>,
    /// The narrower source's equal total.
    pub part: &'c Figure<'d>,
}

impl SameFunds<'_, '_> {
    /// Whether the sources are the same money for a figure of `measure`.
    pub fn covers(&self, measure: &str) -> bool {
        !self.spending_only || !is_income(measure)
    }
}

/// Measures of income (or of both sides), which spending totals say nothing about.
fn is_income(measure: &str) -> bool {
    measure.contains("收入") || measure == "收支总计"
}

/// (wider source's total, the narrower source's statements it may equal, spending only).
/// 收入总计 includes 结转, so any of the narrower source's income totals equal to it proves all
/// the money is that source's; 支出总计 includes 结余, 支出合计 does not: a narrower 支出总计
/// equal to a wider 支出合计 proves nothing.
const EVIDENCE: &[(&str, &[&str], bool)] = &[
    (
        "收入总计",
        &["收入", "收入合计", "收入总计", "收支总计"],
        false,
    ),
    (
        "收支总计",
        &["收入", "收入合计", "收入总计", "收支总计"],
        false,
    ),
    ("支出总计", &["支出", "支出合计", "支出总计"], true),
    ("支出合计", &["支出", "支出合计"], true),
];

/// Every pair of sources the document shows to be the same money (transitively closed: when
/// all funds are 财政拨款 and 财政拨款 is all 一般公共预算, all funds are 一般公共预算 too).
pub fn same_funds<'c, 'd>(groups: &'c [(QuantityKey, Vec<Figure<'d>>)]) -> Vec<SameFunds<'c, 'd>> {
    let mut out = Vec::new();
    for (wider, narrower) in [
        (FundSource::All, FundSource::Fiscal),
        (FundSource::All, FundSource::GeneralBudget),
        (FundSource::Fiscal, FundSource::GeneralBudget),
    ] {
        for s in direct(groups, wider as u8, narrower as u8) {
            push_new(&mut out, s);
        }
    }
    // All = 财政拨款 and 财政拨款 = 一般公共预算 make All = 一般公共预算.
    let mut chained = Vec::new();
    for a in out.iter().filter(|s| s.wider == FundSource::All as u8) {
        for b in out.iter().filter(|s| s.wider == a.narrower) {
            if a.period == b.period && a.kind == b.kind {
                chained.push(SameFunds {
                    wider: a.wider,
                    narrower: b.narrower,
                    period: a.period,
                    kind: a.kind,
                    spending_only: a.spending_only || b.spending_only,
                    total: a.total,
                    part: b.part,
                });
            }
        }
    }
    for c in chained {
        push_new(&mut out, c);
    }
    out
}

/// The pairs stated directly: a total of `wider` agreeing with the same total of `narrower`.
fn direct<'c, 'd>(
    groups: &'c [(QuantityKey, Vec<Figure<'d>>)],
    wider: u8,
    narrower: u8,
) -> Vec<SameFunds<'c, 'd>> {
    let mut out = Vec::new();
    for &(whole, parts, spending_only) in EVIDENCE {
        let parts = settled_of(groups, narrower, parts);
        for (tk, total) in settled_of(groups, wider, &[whole]) {
            let part = parts.iter().copied().find(|(pk, part)| {
                pk.period == tk.period && pk.kind == tk.kind && agree(total, part)
            });
            if let Some((_, part)) = part {
                out.push(SameFunds {
                    wider,
                    narrower,
                    period: tk.period,
                    kind: tk.kind,
                    spending_only,
                    total,
                    part,
                });
            }
        }
    }
    out
}

/// The settled, non-zero figures of `source`'s quantities named by `measures` (of no class).
fn settled_of<'c, 'd>(
    groups: &'c [(QuantityKey, Vec<Figure<'d>>)],
    source: u8,
    measures: &[&str],
) -> Vec<(&'c QuantityKey, &'c Figure<'d>)> {
    groups
        .iter()
        .filter(|(k, _)| {
            k.source == source
                && k.class_code.is_none()
                && k.econ_code.is_none()
                && measures.contains(&k.measure.as_str())
        })
        .filter_map(|(k, figures)| Some((k, settled(figures)?)))
        .filter(|(_, f)| !f.quantity.value.is_zero())
        .collect()
}

/// Adds `s` unless the two sources are already shown one as widely for its period and kind.
fn push_new<'c, 'd>(out: &mut Vec<SameFunds<'c, 'd>>, s: SameFunds<'c, 'd>) {
    let key = |s: &SameFunds| (s.wider, s.narrower, s.period, s.kind);
    match out.iter_mut().find(|o| key(o) == key(&s)) {
        Some(o) if o.spending_only && !s.spending_only => *o = s,
        Some(_) => {}
        None => out.push(s),
    }
}
