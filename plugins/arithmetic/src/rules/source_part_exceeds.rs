use super::same_quantity::{identity_of, what_at, wider_measure};
use crate::one_source::same_funds;
use crate::quantities::{settled, QuantityGroups, QuantityKey};
use crate::support::{show, Figure};
use budgetlint_sdk::model::rounding::Bounded;
use budgetlint_sdk::model::FundSource;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A quantity of one fund source stated larger than the same quantity of all the money it
    /// is a part of: 一般公共预算 基本支出 658.18 against 基本支出 of all funds 658.17, or
    /// 财政拨款收入总计 above the 收入总计. The two figures are alike in every other part of
    /// their identity (measure, classification code, period, kind; a source's 支出 is compared
    /// with the wider 支出合计, its 收入 with the 收入合计), each stated consistently wherever
    /// it is stated, and the narrower exceeds the wider by at least the rounding of the two
    /// printed figures (half a unit of the last digit of each: a figure printed half-up lies
    /// below its printed value plus that half, docs/rounding.md), so that even the smallest
    /// true value of the part is above the largest of the whole. A whole printed as 0 is not
    /// compared (a total left at zero: the wrong place is more likely the whole than the part).
    ///
    /// ## Why
    /// All funds include 财政拨款, and 财政拨款 is 一般公共预算 + 政府性基金 + 国有资本经营
    /// (财政拨款收入支出决算总表); none of these amounts is negative, so a part cannot exceed
    /// its whole: one of the two figures is wrong. A part smaller than its whole proves
    /// nothing (the other sources may hold the rest); when the document shows the two sources
    /// to be the same money, `arithmetic/same-quantity` compares them for equality instead.
    ///
    /// ## Example
    /// “基本支出预算658.17万元” in the overview and “一般公共预算基本支出658.18万元” in the
    /// 一般公共预算 section.
    ///
    /// ## Fix
    /// Check both figures against the tables (收支总表, 一般公共预算支出表) and correct the one
    /// that differs from them.
    ///
    /// ## 检查内容
    /// 某一资金来源的数量大于它所属的更大范围资金的同一数量：例如一般公共预算基本支出658.18万元，而全部资金的基本支出为658.17万元；或财政拨款收入总计大于收入总计。两个数字在身份的其他各方面（数量名称、科目编码、期间、口径）都相同（某一来源的“支出”与更大范围的“支出合计”比较，“收入”与“收入合计”比较），各自在文中各处一致，且较窄来源的数字超出的部分不小于两个印刷数字的舍入误差（各为末位的半个单位；四舍五入印刷的数字，真实值小于印刷值加半个单位，见 docs/rounding.md），即部分的最小可能真实值仍大于整体的最大可能真实值。整体印刷为0时不比较（合计数漏填为0时，错的更可能是整体而不是部分）。
    ///
    /// ## 依据
    /// 全部资金包含财政拨款，财政拨款是一般公共预算、政府性基金预算、国有资本经营预算之和（财政拨款收入支出决算总表）；这些金额都不为负，部分不能大于整体，两个数字必有一个是错的。部分小于整体不能证明什么（其他来源可能占其余部分）；文件表明两种来源为同一笔资金时，由 `arithmetic/same-quantity` 检查二者是否相等。
    ///
    /// ## 示例
    /// 总体情况中写“基本支出预算658.17万元”，一般公共预算部分写“一般公共预算基本支出658.18万元”。
    ///
    /// ## 修改方法
    /// 对照收支总表、一般公共预算支出表核实两个数字，改正与表格不符的一个。
    pub struct SourcePartExceeds {
        id: "arithmetic/source-part-exceeds",
        severity: Error,
        summary: "A fund source's figure exceeds the same figure of the funds it is part of",
        summary_zh: "某一资金来源的数字大于其所属资金的同一数字",
    }
}

/// (wider, narrower): the narrower source is a part of the wider.
const PARTS: &[(FundSource, FundSource)] = &[
    (FundSource::All, FundSource::Fiscal),
    (FundSource::All, FundSource::GeneralBudget),
    (FundSource::All, FundSource::GovFund),
    (FundSource::All, FundSource::StateCapital),
    (FundSource::Fiscal, FundSource::GeneralBudget),
    (FundSource::Fiscal, FundSource::GovFund),
    (FundSource::Fiscal, FundSource::StateCapital),
];

impl Rule for SourcePartExceeds {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let groups = ctx.view::<QuantityGroups>();
        let same = same_funds(groups);
        let shown_one = |key: &QuantityKey, wider: FundSource| {
            same.iter().any(|s| {
                s.wider == wider as u8
                    && s.narrower == key.source
                    && s.period == key.period
                    && s.kind == key.kind
                    && s.covers(&key.measure)
            })
        };
        for (key, narrow) in groups {
            for &(wider, narrower) in PARTS {
                if key.source != narrower as u8 || shown_one(key, wider) {
                    continue;
                }
                let wide_key = QuantityKey {
                    measure: wider_measure(&key.measure).to_string(),
                    ..key.with_source(wider)
                };
                let Some((_, wide)) = groups.iter().find(|(k, _)| *k == wide_key) else {
                    continue;
                };
                let (Some(n), Some(w)) = (settled(narrow), settled(wide)) else {
                    continue;
                };
                if w.quantity.value.is_zero() {
                    // A whole printed as 0 is a total left blank as often as a figure: which
                    // place is wrong is anyone's guess, and the finding would point at the part.
                    continue;
                }
                if let Some(d) = exceeds(n, w) {
                    out.push(d);
                }
            }
        }
    }
}

/// The finding when `part` exceeds `whole` by more than their rounding.
fn exceeds(part: &Figure, whole: &Figure) -> Option<Diagnostic> {
    let unit = whole.quantity.unit.clone();
    let p = Bounded::of(part.quantity, &unit)?;
    let w = Bounded::of(whole.quantity, &unit)?;
    let gap = p.minus(w);
    // Printed amounts are rounded half-up (docs/rounding.md §1): the true value lies in
    // [printed − half, printed + half). A gap of at least the two halves puts the whole part
    // at or above the whole's upper bound, which the whole never reaches: 658.18 > 658.17.
    if gap.value < gap.tolerance {
        return None;
    }
    let decimals = part.quantity.decimals.max(whole.quantity.decimals);
    let (what, of) = (identity_of(part), identity_of(whole));
    let zh = format!(
        "{what} 为 {}，大于第 {} 行{of} {}（多 {}{}）：部分不能大于整体",
        part.printed(),
        whole.fact.span.line,
        whole.printed(),
        show(gap.value, decimals),
        unit.as_str()
    );
    let en = format!(
        "{what} is {}, more than {of} {} at line {} (by {}{}): a part cannot exceed its whole",
        part.printed(),
        whole.printed(),
        whole.fact.span.line,
        show(gap.value, decimals),
        unit.as_str()
    );
    let d = Diagnostic::new(&SourcePartExceeds::META, part.fact.span, zh).en(en);
    Some(d.related(
        whole.fact.span,
        format!("{} {}", what_at(whole), whole.printed()),
    ))
}
