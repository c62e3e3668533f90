//! Fund sources that are the same money in this document: when the document states that its
//! whole 收入总计 (last year's 结转 included) is one source's income — 收入总计 763.06 and
//! 财政拨款收入 763.06 — every figure of all funds is also that source's figure, so 基本支出 of
//! all funds and 财政拨款 基本支出 are one quantity. The same holds one level down, between
//! 财政拨款 and 一般公共预算. Proved from the document's own figures; nothing is assumed when
//! the totals are not both stated and agreeing.

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
    /// The wider source's 收入总计 (or 收支总计).
    pub total: &'c Figure<'d>,
    /// The narrower source's income, equal to it.
    pub part: &'c Figure<'d>,
}

/// Totals that include everything the wider source has to spend (结转 included).
const WHOLE: &[&str] = &["收入总计", "收支总计"];
/// Statements of the narrower source's income.
const INCOME: &[&str] = &["收入", "收入合计", "收入总计", "收支总计"];

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

/// The pairs stated directly: `wider`'s whole total agreeing with `narrower`'s income.
fn direct<'c, 'd>(
    groups: &'c [(QuantityKey, Vec<Figure<'d>>)],
    wider: u8,
    narrower: u8,
) -> Vec<SameFunds<'c, 'd>> {
    let mut out = Vec::new();
    let parts = settled_of(groups, narrower, INCOME);
    for (tk, total) in settled_of(groups, wider, WHOLE) {
        let part = parts
            .iter()
            .copied()
            .find(|(pk, part)| pk.period == tk.period && pk.kind == tk.kind && agree(total, part));
        if let Some((_, part)) = part {
            out.push(SameFunds {
                wider,
                narrower,
                period: tk.period,
                kind: tk.kind,
                total,
                part,
            });
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

/// Adds `s` unless the same two sources are already shown one for its period and kind.
fn push_new<'c, 'd>(out: &mut Vec<SameFunds<'c, 'd>>, s: SameFunds<'c, 'd>) {
    let key = |s: &SameFunds| (s.wider, s.narrower, s.period, s.kind);
    if !out.iter().any(|o| key(o) == key(&s)) {
        out.push(s);
    }
}
