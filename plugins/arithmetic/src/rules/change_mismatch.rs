use crate::graded::{findings_of, Grade, GradedRules};
use crate::support::{base_of_change, check_percent, show, Figure, PercentCheck};
use budgetlint_sdk::model::number::format_decimal;
use budgetlint_sdk::model::rounding::{agreement, ratio_interval, Agreement, Bounded};
use budgetlint_sdk::model::{ChangeComponent, Direction, Document, FactId, Relation, Unit};
use budgetlint_sdk::{declare_rule, Applicability, Context, Decimal, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Changes against last year that do not add up:
    /// - this year − last year ≠ the stated change (“较上年预算数732.39万元增加30.67万元”);
    /// - the listed components of a change do not add up to it (“增加5199.23万元，其中：基本支出
    ///   减少259.23万元…；项目支出增加5474万元” → −259.23 + 5474 = 5214.77);
    /// - the growth rate is not change ÷ last year's figure, rounded half-up at the printed
    ///   precision (docs/rounding.md §4: “减少314.27万元，下降40%” with 2021 = 461.84 is right,
    ///   314.27 / 776.11 = 40.49%).
    ///
    /// This rule reports what the printed figures prove wrong. A rate that the rounding of the
    /// printed figures could give is `arithmetic/change-mismatch-doubt` (info), and a rate that
    /// is the exact rate cut off instead of rounded is `arithmetic/change-rate-truncated`
    /// (warning).
    ///
    /// ## Why
    /// 《地方预决算公开操作规程》 asks every disclosure to explain the change against the previous
    /// year (增减变化情况及原因); a change that does not add up misleads the reader about it.
    ///
    /// ## Example
    /// “较2020年预算增加5199.23万元，其中：基本支出减少259.23万元；项目支出增加5474万元”.
    ///
    /// ## Fix
    /// Recompute the change from the two years' figures and correct the wrong figure.
    ///
    /// ## 检查内容
    /// 与上年相比的增减变化对不上：
    /// - 本年数减上年数不等于所写的增减额（如“较上年预算数732.39万元增加30.67万元”）；
    /// - 增减额下列明的各组成部分之和不等于增减额（“增加5199.23万元，其中：基本支出减少259.23万元……；项目支出增加5474万元”，−259.23＋5474＝5214.77）；
    /// - 增减幅度不等于增减额除以上年数、按印刷精度四舍五入后的结果（见 docs/rounding.md 第4节）。
    ///
    /// 本规则报告所列数字能够证明有误的情形。按所列数字的舍入范围可能得出的幅度由 `arithmetic/change-mismatch-doubt` 作为提示报告；截断而非四舍五入得出的幅度由 `arithmetic/change-rate-truncated` 作为警告报告。
    ///
    /// ## 依据
    /// 《地方预决算公开操作规程》要求公开文件说明与上年相比的增减变化情况及原因；增减额或幅度算不对，会误导读者对变化的判断。
    ///
    /// ## 示例
    /// “较2020年预算增加5199.23万元，其中：基本支出减少259.23万元；项目支出增加5474万元”，分项合计为5214.77万元。
    ///
    /// ## 修改方法
    /// 用两个年度的数字重新计算增减额和增减幅度，改正有误的数字。
    pub struct ChangeMismatch {
        id: "arithmetic/change-mismatch",
        severity: Error,
        summary: "A stated change against last year does not match its figures",
        summary_zh: "与上年相比的增减额或增减幅度与数字不符",
    }
}

impl Rule for ChangeMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        report(ctx, &Self::META, out);
    }
}

/// The rule of each grade of the change checks.
const RULES: GradedRules = GradedRules {
    proven: &ChangeMismatch::META,
    truncated: &super::ChangeRateTruncated::META,
    doubt: &super::ChangeMismatchDoubt::META,
};

/// The findings of the change checks that belong to `meta`'s rule: the checks run once per
/// document ([`ChangeFindings`]), each finding made under the rule of its grade.
pub(crate) fn report(ctx: &Context, meta: &'static RuleMeta, out: &mut Vec<Diagnostic>) {
    findings_of(ctx.view::<ChangeFindings>(), meta, out);
}

budgetlint_sdk::document_view! {
    /// Every finding of the change checks, of all three grades: shared by the rule of each
    /// grade instead of each running the checks and keeping its own.
    ChangeFindings<'d>: Vec<Diagnostic> = |doc| {
        let mut all = Vec::new();
        check_changes(doc, &mut all);
        all
    }
}

fn check_changes(doc: &Document, out: &mut Vec<Diagnostic>) {
    for r in &doc.relations {
        let Relation::Change {
            current,
            previous,
            delta,
            direction,
            rate,
            components,
        } = r
        else {
            continue;
        };
        let fig =
            |id: &Option<FactId>| id.and_then(|i| Figure::of(doc, i)).filter(Figure::is_money);
        let (cur, prev, del) = (fig(current), fig(previous), fig(delta));
        if let (Some(c), Some(p), Some(d)) = (&cur, &prev, &del) {
            out.extend(check_difference(c, p, d, *direction));
        }
        if let Some(d) = &del {
            out.extend(check_components(doc, d, *direction, components));
        }
        let rate_figure = rate.and_then(|i| Figure::of(doc, i));
        if let (None, Some(c), Some(p), Some(r)) = (&del, &cur, &prev, &rate_figure) {
            out.extend(check_rate_of_years(c, p, r, *direction));
        }
        if let (Some(d), Some(rate)) = (&del, rate.and_then(|i| Figure::of(doc, i))) {
            if let Some(base) = base_of_change(d, prev.as_ref(), cur.as_ref(), *direction) {
                out.extend(check_rate(d, &rate, base));
            }
        }
    }
}

fn check_difference(
    cur: &Figure,
    prev: &Figure,
    delta: &Figure,
    direction: Direction,
) -> Option<Diagnostic> {
    let unit = &delta.quantity.unit;
    let (c, p) = (cur.value_in(unit)?, prev.value_in(unit)?);
    let stated = direction.sign() * delta.quantity.value;
    // Every one of the three figures was rounded on its own.
    let tolerance = cur.half_ulp_in(unit) + prev.half_ulp_in(unit) + delta.half_ulp_in(unit);
    if !is_off(agreement(stated, Bounded::new(c - p, tolerance))) {
        return None;
    }
    let dp = delta.quantity.decimals;
    let zh = format!(
        "变动额不符：{} − {} = {}{u}，而文中为{}{}",
        cur.printed(),
        prev.printed(),
        show(c - p, dp),
        verb(direction),
        delta.printed(),
        u = unit.as_str()
    );
    let en = format!(
        "Change does not match: {} − {} = {}{u}, but the text states {} {}",
        cur.printed(),
        prev.printed(),
        show(c - p, dp),
        verb_en(direction),
        delta.printed(),
        u = unit.as_str()
    );
    Some(
        Diagnostic::new(&ChangeMismatch::META, delta.fact.span, zh)
            .en(en)
            .related(cur.fact.span, format!("本年 {}", cur.printed()))
            .related(prev.fact.span, format!("上年 {}", prev.printed())),
    )
}

fn check_components(
    doc: &Document,
    delta: &Figure,
    direction: Direction,
    components: &[ChangeComponent],
) -> Option<Diagnostic> {
    if components.len() < 2 {
        return None;
    }
    let unit = &delta.quantity.unit;
    let mut sum = Decimal::ZERO;
    let mut tolerance = delta.half_ulp_in(unit);
    let mut terms = Vec::new();
    let mut related = Vec::new();
    for c in components {
        let f = Figure::of(doc, c.amount).filter(Figure::is_money)?;
        sum += c.direction.sign() * f.value_in(unit)?;
        tolerance += f.half_ulp_in(unit);
        terms.push(format!(
            "{}{}",
            if c.direction == Direction::Decrease {
                "−"
            } else {
                "+"
            },
            f.printed()
        ));
        related.push((
            f.fact.span,
            format!("{} {}{}", f.name(), verb(c.direction), f.printed()),
        ));
    }
    let stated = direction.sign() * delta.quantity.value;
    if !is_off(agreement(stated, Bounded::new(sum, tolerance))) {
        return None;
    }
    let d = delta.quantity.decimals;
    let u = unit.as_str();
    let expr = terms.join(" ");
    let zh = format!(
        "各项变动之和 {expr} = {}{u}，与总变动 {}{} 不符",
        show(sum, d),
        verb(direction),
        delta.printed()
    );
    let en = format!(
        "The components of the change sum to {expr} = {}{u}, not the stated {} {}",
        show(sum, d),
        verb_en(direction),
        delta.printed()
    );
    let mut diag = Diagnostic::new(&ChangeMismatch::META, delta.fact.span, zh).en(en);
    for (span, msg) in related {
        diag = diag.related(span, msg);
    }
    Some(diag)
}

fn check_rate(
    delta: &Figure,
    rate: &Figure,
    (base, base_tol): (Decimal, Decimal),
) -> Option<Diagnostic> {
    if base <= Decimal::ZERO {
        return None;
    }
    let unit = &delta.quantity.unit;
    let (check, exact) = check_percent(
        rate.quantity,
        (delta.quantity.value, delta.half_ulp_in(unit)),
        (base, base_tol),
    )?;
    if check == PercentCheck::Rounded {
        return None;
    }
    let u = Unit::Percent;
    // Not provably wrong: say which rates the printed figures allow (the hover says the same).
    let (note_zh, note_en) = match check {
        PercentCheck::FromUnrounded => {
            let interval = ratio_interval(
                Bounded::new(delta.quantity.value, delta.half_ulp_in(unit)),
                Bounded::new(base, base_tol),
            );
            let d = rate.quantity.decimals + 1;
            let range = interval
                .map(|(lo, hi)| format!("{}%–{}%", format_decimal(lo, d), format_decimal(hi, d)));
            (
                format!(
                    "（按所列数字的舍入范围，真实比率在 {} 之间，可能按未经四舍五入的金额计算，不能确定有误）",
                    range.as_deref().unwrap_or("任意值")
                ),
                format!(
                    " (within the rounding of the printed figures the true rate lies in {}: not provably wrong)",
                    range.as_deref().unwrap_or("any range")
                ),
            )
        }
        _ => (String::new(), String::new()),
    };
    let zh = format!(
        "变动率不符：{} ÷ 上年 {} = {}{}，文中为 {}{note_zh}",
        delta.printed(),
        show(base, delta.quantity.decimals),
        show(exact, 4),
        u.as_str(),
        rate.printed()
    );
    let en = format!(
        "Rate of change does not match: {} ÷ last year {} = {}%, the text states {}{note_en}",
        delta.printed(),
        show(base, delta.quantity.decimals),
        show(exact, 4),
        rate.printed()
    );
    let corrected = format!(
        "{}%",
        show(
            crate::support::round(exact, rate.quantity.decimals),
            rate.quantity.decimals
        )
    );
    // A rate that the unrounded amounts can give is not provably wrong (docs/rounding.md).
    let grade = match check {
        PercentCheck::FromUnrounded => Grade::Doubt,
        _ => Grade::Proven,
    };
    let diagnostic = Diagnostic::new(RULES.of(grade), rate.fact.span, zh)
        .en(en)
        .related(delta.fact.span, format!("变动额 {}", delta.printed()))
        .replace(
            rate.fact.span,
            corrected.clone(),
            format!("改为 {corrected}"),
            Applicability::Unsafe,
        );
    Some(diagnostic)
}

/// A rate stated with both years' figures and no change amount (“2025年预算执行数为3269.3万元，
/// 2026年预算安排3845.49万元，比2025年预算执行数增加17.62%”): the change is this year − last
/// year, each figure within its rounding. A stated direction the figures contradict is wrong
/// whatever the rate.
fn check_rate_of_years(
    cur: &Figure,
    prev: &Figure,
    rate: &Figure,
    direction: Direction,
) -> Option<Diagnostic> {
    let unit = &prev.quantity.unit;
    let (c, p) = (cur.value_in(unit)?, prev.value_in(unit)?);
    let (tc, tp) = (cur.half_ulp_in(unit), prev.half_ulp_in(unit));
    if p <= Decimal::ZERO || rate.quantity.unit != Unit::Percent {
        return None;
    }
    let change = c - p;
    let against = match direction {
        Direction::Increase => change < -(tc + tp),
        Direction::Decrease => change > tc + tp,
        Direction::Unchanged => false,
    };
    let (check, exact) = check_percent(rate.quantity, (change.abs(), tc + tp), (p, tp))?;
    if !against && check == PercentCheck::Rounded {
        return None;
    }
    let actual = if change < Decimal::ZERO {
        "减少"
    } else {
        "增加"
    };
    let zh = format!(
        "变动率不符：({} − {}) ÷ {} = {actual}{}%，文中为{}{}",
        cur.printed(),
        prev.printed(),
        prev.printed(),
        show(exact, 4),
        verb(direction),
        rate.printed()
    );
    let en = format!(
        "Rate of change does not match: ({} − {}) ÷ {} = {} {}%, the text states {} {}",
        cur.printed(),
        prev.printed(),
        prev.printed(),
        if change < Decimal::ZERO {
            "a decrease of"
        } else {
            "an increase of"
        },
        show(exact, 4),
        verb_en(direction),
        rate.printed()
    );
    let possible = ratio_interval(Bounded::new(change.abs(), tc + tp), Bounded::new(p, tp))
        .is_some_and(|(lo, hi)| lo <= rate.quantity.value && rate.quantity.value <= hi);
    let doubt = !against && (check == PercentCheck::FromUnrounded || possible);
    let (zh, en) = if doubt {
        (
            zh + "（按所列数字的舍入范围可能得出此值，不能确定有误）",
            en + " (the rounding of the printed figures allows it: not provably wrong)",
        )
    } else {
        (zh, en)
    };
    // Not provably wrong when the unrounded figures can give it (docs/rounding.md), and a
    // truncated rate is a slip of rounding, not of the figures.
    let grade = match check {
        _ if doubt => Grade::Doubt,
        PercentCheck::Truncated if !against => Grade::Truncated,
        _ => Grade::Proven,
    };
    let diagnostic = Diagnostic::new(RULES.of(grade), rate.fact.span, zh)
        .en(en)
        .related(cur.fact.span, format!("本年 {}", cur.printed()))
        .related(prev.fact.span, format!("上年 {}", prev.printed()));
    Some(diagnostic)
}

fn is_off(a: Agreement) -> bool {
    matches!(a, Agreement::Off { .. })
}

fn verb(d: Direction) -> &'static str {
    match d {
        Direction::Increase => "增加",
        Direction::Decrease => "减少",
        Direction::Unchanged => "持平",
    }
}

fn verb_en(d: Direction) -> &'static str {
    match d {
        Direction::Increase => "an increase of",
        Direction::Decrease => "a decrease of",
        Direction::Unchanged => "no change",
    }
}
