use crate::one_source::{same_funds, SameFunds};
use crate::quantities::{agree, clusters, settled, QuantityGroups, QuantityKey};
use crate::support::{show, Figure};
use budgetlint_sdk::model::Identity;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// One quantity stated in two places with values that do not agree: text against a table,
    /// a table against another table, a paragraph against another. Two figures are the same
    /// quantity when the model identifies them alike in every part — measure (基本支出, 人员经费,
    /// “三公”经费 …), fund source (财政拨款, 一般公共预算 …), classification code, period (本年/
    /// 上年) and kind (预算数/决算数) — read from their labels, sentences, row labels, column
    /// headers and captions; a figure with any part unknown is never compared. Values printed
    /// at different precision or unit agree when the finer one rounds half-up to the coarser
    /// (docs/rounding.md).
    ///
    /// Two fund sources are the same money when the document says so with its own figures: the
    /// 收入总计 of all funds (结转 included) equal to 财政拨款 income, or 财政拨款's 收入总计 equal
    /// to 一般公共预算 income. Then 基本支出 of all funds and 一般公共预算 基本支出 are one
    /// quantity too, and the finding names the two totals that show it. Equal spending totals
    /// (支出合计 461.84 of all funds, 一般公共预算支出 461.84) make the spending figures one. A
    /// source's own 支出 (收入) is then its 支出合计 (收入合计) and is compared with the whole's.
    ///
    /// ## Why
    /// 财预〔2016〕143号 and the 部门决算公开 templates require the explanation to agree with the
    /// tables and the tables with each other: two values for one quantity mean one is wrong.
    ///
    /// ## Example
    /// “人员经费461.37万元” in the 基本支出 paragraph and 461.30 in the 基本支出表.
    ///
    /// ## Fix
    /// Find the right value (the tables are usually generated from the accounts) and correct
    /// the other place.
    ///
    /// When one value stands against several that agree, the odd one is reported, and the
    /// finding also names the statements of a source shown to be the same money that agree with
    /// the majority (with the two totals that show it). When two
    /// values have as many statements each, the same quantity of a source shown to be the same
    /// money decides: the side it agrees with is right, and the finding names its statements
    /// and the proof; otherwise both are named without choosing. When the
    /// statements split into more than two values, which one is wrong cannot be told:
    /// `arithmetic/same-quantity-split` reports that, as an info.
    ///
    /// ## 检查内容
    /// 同一数量在两处写了不一致的数值：正文与表格、表格与表格、段落与段落之间。两个数字只有在各方面都被识别为同一数量时才比较——数量名称（基本支出、人员经费、“三公”经费等）、资金来源（财政拨款、一般公共预算等）、科目编码、期间（本年/上年）和口径（预算数/决算数），依据取自标签、句子、行名、列标题和表题；任何一方面不明的数字都不比较。精度或单位不同的两个数值，较精确的一个四舍五入到较粗的精度后相等即视为一致（docs/rounding.md）。
    ///
    /// 文件用自己的数字表明两种资金来源是同一笔钱时——全部资金的收入总计（含结转）等于财政拨款收入，或财政拨款收入总计等于一般公共预算收入——全部资金的基本支出与一般公共预算基本支出等也是同一数量，发现会列出证明这一点的两个总数。支出合计相等（全部资金支出合计461.84万元，一般公共预算支出461.84万元）时，各项支出数字是同一数量；这时某一来源的“支出”（“收入”）就是它的支出合计（收入合计），与全部资金的支出合计（收入合计）比较。
    ///
    /// ## 依据
    /// 《地方预决算公开操作规程》（财预〔2016〕143号）和部门决算公开模板要求说明与表格一致、表格之间一致：同一数量有两个数值，必有一个是错的。
    ///
    /// ## 示例
    /// 基本支出段落写“人员经费461.37万元”，基本支出表中为461.30万元。
    ///
    /// ## 修改方法
    /// 核实正确数值（表格通常由账务数据生成），改正另一处。一个数值与其他几处一致的数值不同时，报告这一个，并列出已证明为同一笔资金的另一来源中与多数一致的各处及证明。两个数值各有同样多处时，以已证明为同一笔资金的另一来源的同一数量为准：与它一致的一方是对的，发现列出它的各处和证明；否则两处都列出，不作判断。各处数值分成两种以上、无法判断哪个错时，由 `arithmetic/same-quantity-split` 作为提示报告。
    pub struct SameQuantity {
        id: "arithmetic/same-quantity",
        severity: Error,
        summary: "One quantity is stated with values that do not agree",
        summary_zh: "同一数量在不同位置的数值不一致",
    }
}

impl Rule for SameQuantity {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let groups = ctx.view::<QuantityGroups>();
        let same = same_funds(groups);
        for (key, figures) in groups {
            if figures.len() < 2 {
                continue;
            }
            let cs = clusters(figures);
            match cs.as_slice() {
                [_] => {}
                [a, b] if a.len() == b.len() => match tie_broken(key, a, b, groups, &same) {
                    Some(found) => out.extend(found),
                    None => out.extend(b.iter().map(|f| mismatch(f, a, false))),
                },
                [agreed, odd] => {
                    for f in odd {
                        let d = mismatch(f, agreed, agreed.len() > odd.len());
                        out.push(corroborated(d, key, agreed, odd, groups, &same));
                    }
                }
                // More than two values: `arithmetic/same-quantity-split`.
                _ => {}
            }
        }
        for s in &same {
            across_sources(groups, s, out);
        }
    }
}

/// A quantity of the wider source and the same quantity of the narrower one, which the
/// document shows to be the same money (`same`): each stated consistently, the two must agree.
fn across_sources(
    groups: &[(QuantityKey, Vec<Figure>)],
    same: &SameFunds,
    out: &mut Vec<Diagnostic>,
) {
    let of = |key: &QuantityKey| groups.iter().find(|(k, _)| k == key).map(|(_, f)| f);
    for (key, wide) in groups {
        if key.source != same.wider
            || key.period != same.period
            || key.kind != same.kind
            || !same.covers(&key.measure)
        {
            continue;
        }
        for m in narrower_measures(&key.measure) {
            if let Some(narrow) = of(&key.with_source_key(same.narrower).with_measure(m)) {
                compare_sources(wide, narrow, same, out);
            }
        }
    }
}

/// One quantity of two sources shown to be the same money: each stated consistently, the two
/// must agree; the side with fewer statements is reported.
fn compare_sources(
    wide: &[Figure],
    narrow: &[Figure],
    same: &SameFunds,
    out: &mut Vec<Diagnostic>,
) {
    let (Some(w), Some(n)) = (settled(wide), settled(narrow)) else {
        return;
    };
    if agree(w, n) {
        return;
    }
    let (odd, agreed) = if narrow.len() <= wide.len() {
        (narrow, wide)
    } else {
        (wide, narrow)
    };
    let agreed: Vec<&Figure> = agreed.iter().collect();
    for f in odd {
        let d = mismatch(f, &agreed, agreed.len() > odd.len());
        out.push(with_evidence(d, same));
    }
}

/// Two values for one quantity, as many statements each: when the document shows other
/// sources to be the same money and their statements all agree with one side, the other side
/// is the odd one (the 合计 row 380.55 and the lone unit's row 380.56 of the 部门支出表, and
/// 380.55 twice in the 一般公共预算支出表 of the same money). The finding names them all.
fn tie_broken(
    key: &QuantityKey,
    a: &[&Figure],
    b: &[&Figure],
    groups: &[(QuantityKey, Vec<Figure>)],
    same: &[SameFunds],
) -> Option<Vec<Diagnostic>> {
    let mut sides = (Vec::new(), Vec::new());
    let mut proof = None;
    for s in same {
        for figures in same_money(key, s, groups) {
            let Some(v) = settled(figures) else {
                continue;
            };
            let side = match (a.iter().all(|f| agree(f, v)), b.iter().all(|f| agree(f, v))) {
                (true, false) => &mut sides.0,
                (false, true) => &mut sides.1,
                _ => continue,
            };
            side.extend(figures.iter());
            proof.get_or_insert(s);
        }
    }
    let (right, wrong, others) = match (sides.0.is_empty(), sides.1.is_empty()) {
        (false, true) => (a, b, sides.0),
        (true, false) => (b, a, sides.1),
        _ => return None,
    };
    let proof = proof?;
    let agreed: Vec<&Figure> = right.iter().copied().chain(others).collect();
    let found = wrong
        .iter()
        .map(|f| with_evidence(mismatch(f, &agreed, true), proof))
        .collect();
    Some(found)
}

/// The finding of an odd statement, with the statements of the same quantity under another
/// fund source the document shows to be the same money, when they agree with the majority
/// (一般公共预算 基本支出 423.50 against 423.40 twice in the 一般公共预算支出表, and the text's
/// 基本支出 423.4 of all funds, whose 支出合计 equals 一般公共预算's): the reader sees every
/// place the right value is stated, and the two totals that make the sources one.
fn corroborated(
    mut d: Diagnostic,
    key: &QuantityKey,
    agreed: &[&Figure],
    odd: &[&Figure],
    groups: &[(QuantityKey, Vec<Figure>)],
    same: &[SameFunds],
) -> Diagnostic {
    let Some(right) = agreed.first() else {
        return d;
    };
    let mut proof = None;
    for s in same {
        for figures in same_money(key, s, groups) {
            let Some(v) = settled(figures) else {
                continue;
            };
            if !agree(right, v) || odd.iter().any(|f| agree(f, v)) {
                continue;
            }
            for f in figures {
                d = d.related(f.fact.span, format!("{} {}", identity_of(f), f.printed()));
            }
            proof.get_or_insert(s);
        }
    }
    match proof {
        Some(s) => with_evidence(d, s),
        None => d,
    }
}

/// The statements of `key`'s quantity under the other source of `s`, when `s` shows the two
/// sources to be the same money for it.
fn same_money<'c, 'd>(
    key: &QuantityKey,
    s: &SameFunds,
    groups: &'c [(QuantityKey, Vec<Figure<'d>>)],
) -> Vec<&'c [Figure<'d>]> {
    if s.period != key.period || s.kind != key.kind || !s.covers(&key.measure) {
        return Vec::new();
    }
    let others: Vec<QuantityKey> = if key.source == s.wider {
        narrower_measures(&key.measure)
            .into_iter()
            .map(|m| key.with_source_key(s.narrower).with_measure(m))
            .collect()
    } else if key.source == s.narrower {
        vec![key
            .with_source_key(s.wider)
            .with_measure(wider_measure(&key.measure))]
    } else {
        Vec::new()
    };
    others
        .iter()
        .filter_map(|o| groups.iter().find(|(k, _)| k == o))
        .map(|(_, figures)| figures.as_slice())
        .collect()
}

/// The wider source's measure for a narrower source's own 支出/收入 (its 本年 spending or
/// income): the 支出合计/收入合计.
pub(crate) fn wider_measure(measure: &str) -> &str {
    match measure {
        "支出" => "支出合计",
        "收入" => "收入合计",
        m => m,
    }
}

/// The measures under which a narrower source states the wider source's `measure`: the same,
/// and for a whole's 本年 total also the source's own spending or income (`一般公共预算支出`
/// is 一般公共预算's 支出合计; the whole unit has no measure `支出` of its own).
fn narrower_measures(measure: &str) -> Vec<&str> {
    match measure {
        "支出合计" => vec!["支出合计", "支出"],
        "收入合计" => vec!["收入合计", "收入"],
        m => vec![m],
    }
}

/// The finding with the two statements that make the sources one: the whole 收入总计 and the
/// narrower source's equal income.
fn with_evidence(d: Diagnostic, same: &SameFunds) -> Diagnostic {
    let (t, p) = (same.total, same.part);
    d.related(
        t.fact.span,
        format!(
            "{} {}：与{} {}相等，两种来源为同一笔资金",
            identity_of(t),
            t.printed(),
            identity_of(p),
            p.printed()
        ),
    )
    .related(p.fact.span, format!("{} {}", identity_of(p), p.printed()))
}

pub(crate) fn identity_of(f: &Figure) -> String {
    f.fact
        .identity
        .as_deref()
        .map(Identity::describe)
        .unwrap_or_default()
}

/// `odd` disagrees with every figure of `agreed`. When `agreed` has more statements, `odd`
/// is the likely error; when both sides are as many, the finding names both without choosing.
fn mismatch(odd: &Figure, agreed: &[&Figure], majority: bool) -> Diagnostic {
    let partner = nearest(odd, agreed);
    let unit = partner.quantity.unit.clone();
    let diff =
        odd.value_in(&unit).unwrap_or_default() - partner.value_in(&unit).unwrap_or_default();
    let decimals = partner.quantity.decimals.max(odd.quantity.decimals);
    let what = identity_of(odd);
    let line = partner.fact.span.line;
    let (zh, en) = if majority {
        (
            format!(
                "{what} 在此为 {}，与第 {line} 行等 {} 处所载 {} 不一致（相差 {}{}）",
                odd.printed(),
                agreed.len(),
                partner.printed(),
                show(diff, decimals),
                unit.as_str()
            ),
            format!(
                "{what} is {} here but {} at line {line} and {} other place(s) (off by {}{})",
                odd.printed(),
                partner.printed(),
                agreed.len() - 1,
                show(diff, decimals),
                unit.as_str()
            ),
        )
    } else {
        (
            format!(
                "{what} 在此为 {}，在第 {line} 行为 {}，两处不一致（相差 {}{}）",
                odd.printed(),
                partner.printed(),
                show(diff, decimals),
                unit.as_str()
            ),
            format!(
                "{what} is {} here and {} at line {line} (off by {}{})",
                odd.printed(),
                partner.printed(),
                show(diff, decimals),
                unit.as_str()
            ),
        )
    };
    let mut d = Diagnostic::new(&SameQuantity::META, odd.fact.span, zh).en(en);
    for f in std::iter::once(&partner).chain(agreed.iter().filter(|f| f.fact.id != partner.fact.id))
    {
        d = d.related(f.fact.span, format!("{} {}", what_at(f), f.printed()));
    }
    d
}

/// The statement of `agreed` nearest to `odd` in the text.
fn nearest<'a, 'd>(odd: &Figure, agreed: &[&'a Figure<'d>]) -> &'a Figure<'d> {
    agreed
        .iter()
        .min_by_key(|f| f.fact.span.start.abs_diff(odd.fact.span.start))
        .copied()
        .expect("a cluster is never empty")
}

/// How the place names the figure: its label as written.
pub(crate) fn what_at(f: &Figure) -> String {
    f.fact
        .label
        .as_deref()
        .map(|l| l.raw.clone())
        .unwrap_or_else(|| identity_of(f))
}
