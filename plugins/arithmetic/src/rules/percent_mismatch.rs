use crate::graded::{findings_of, Grade, GradedRules};
use crate::shares;
use crate::support::{check_percent, show, ulp, PercentCheck};
use budgetlint_sdk::{
    declare_rule, Applicability, Context, Decimal, Diagnostic, Rule, RuleMeta, View, Views,
};

declare_rule! {
    /// ## What it checks
    /// Percentages that do not match the figures they are computed from: shares (占比 / 占…的%),
    /// completion rates (完成年初预算的…%). The exact ratio is rounded half-up at the printed
    /// precision (docs/rounding.md §3): 90.5014% printed as “91%” is right; 79.4755% printed as
    /// “79.47%” is truncation, which is `arithmetic/percent-truncated` (a warning). A percentage
    /// that the unrounded amounts can give, or a share list adjusted by one unit of the last
    /// digit so that it totals exactly 100% (largest-remainder method, accepted practice), is
    /// `arithmetic/percent-mismatch-doubt` (an info).
    ///
    /// ## Why
    /// 财预〔2016〕143号 requires the explanations to match the tables; reviewers recompute
    /// every percentage with a calculator.
    ///
    /// ## Example
    /// “卫生健康支出年初预算18.57万元，支出决算数18.43万元，完成年初预算的99.68%” —
    /// 18.43 / 18.57 = 99.25%.
    ///
    /// ## Fix
    /// Recompute the percentage and print the rounded value. The finding carries that value as
    /// an unsafe fix (`--unsafe-fixes`): the percentage is derived from the amounts, but one of
    /// the amounts may be the wrong figure.
    ///
    /// ## 检查内容
    /// 百分比与据以计算的数字不符，包括占比（占比、占……的%）和完成率（完成年初预算的……%）。精确比值按印刷精度四舍五入后比较（docs/rounding.md 第3节）：90.5014% 写成“91%”是对的；79.4755% 写成“79.47%”属于截尾而非四舍五入，由 `arithmetic/percent-truncated` 作为警告报告。按未经四舍五入的金额可能得出的百分比，以及为使各项占比合计恰为100%而把某一项调整末位一个单位（最大余数法，通行做法）的，由 `arithmetic/percent-mismatch-doubt` 作为提示报告。
    ///
    /// ## 依据
    /// 《地方预决算公开操作规程》（财预〔2016〕143号）要求说明与表格一致；审核人员会用计算器逐一复算百分比。
    ///
    /// ## 示例
    /// “卫生健康支出年初预算18.57万元，支出决算数18.43万元，完成年初预算的99.68%”，而18.43÷18.57＝99.25%。
    ///
    /// ## 修改方法
    /// 重新计算百分比，写四舍五入后的数值。检查结果附带这一数值作为不安全修复（`--unsafe-fixes`）：百分比由金额算出，但也可能是某个金额本身写错了，应先核对金额。
    pub struct PercentMismatch {
        id: "arithmetic/percent-mismatch",
        severity: Error,
        summary: "A percentage does not match the figures it is computed from",
        summary_zh: "百分比与据以计算的数字不符",
    }
}

impl Rule for PercentMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        report(ctx, &Self::META, out);
    }
}

/// The rule of each grade of the percentage checks.
const RULES: GradedRules = GradedRules {
    proven: &PercentMismatch::META,
    truncated: &super::PercentTruncated::META,
    doubt: &super::PercentMismatchDoubt::META,
};

/// The findings of the percentage checks that belong to `meta`'s rule: the checks run once
/// per document ([`PercentFindings`]), each finding made under the rule of its grade.
pub(crate) fn report(ctx: &Context, meta: &'static RuleMeta, out: &mut Vec<Diagnostic>) {
    findings_of(ctx.view::<PercentFindings>(), meta, out);
}

/// Every finding of the percentage checks, of all three grades: shared by the rule of each
/// grade instead of each running the checks and keeping its own. Built from the shared
/// [`shares::Ratios`].
struct PercentFindings;

impl View for PercentFindings {
    type Output<'d> = Vec<Diagnostic>;
    fn build(views: &Views) -> Vec<Diagnostic> {
        let mut all = Vec::new();
        check_percentages(views.get::<shares::Ratios>(), &mut all);
        all
    }
}

/// The percentages that do not match their figures, each under the rule of its grade.
fn check_percentages(ratios: &[shares::Ratio], out: &mut Vec<Diagnostic>) {
    for r in ratios {
        // A part larger than its whole is a scope problem (arithmetic/scope), zero bases are
        // arithmetic/zero-denominator.
        if r.whole_value.is_zero() || r.part.quantity.value > r.whole_value {
            continue;
        }
        let part_tol = r.part.half_ulp_in(&r.part.quantity.unit);
        let Some((check, exact)) = check_percent(
            r.percent.quantity,
            (r.part.quantity.value, part_tol),
            (r.whole_value, r.whole_tolerance),
        ) else {
            continue;
        };
        if check == PercentCheck::Rounded {
            continue;
        }
        // A share list adjusted to total exactly 100% explains a one-digit difference, whether
        // it happens to look like truncation or not (docs/rounding.md §3).
        let adjusted = !r.completion && largest_remainder_adjusted(ratios, r, exact);
        let (grade, how) = match check {
            PercentCheck::FromUnrounded => (
                Grade::Doubt,
                (
                    "（按未经四舍五入的金额计算可得此值，不能确定有误）",
                    " (the unrounded amounts can give it: not provably wrong)",
                ),
            ),
            _ if adjusted => (
                Grade::Doubt,
                (
                    "（为使合计为100%而调整尾数）",
                    " (adjusted so that the shares total 100%)",
                ),
            ),
            PercentCheck::Truncated => (
                Grade::Truncated,
                ("（截尾而非四舍五入）", " (truncated, not rounded)"),
            ),
            _ => (Grade::Proven, ("", "")),
        };
        let whole_name = r
            .whole
            .as_ref()
            .map(|w| format!("{} {}", w.name(), w.printed()))
            .unwrap_or_else(|| {
                format!("各项合计 {}", show(r.whole_value, r.part.quantity.decimals))
            });
        // The exact share rounded half-up at the printed precision: what the text should say.
        let decimals = r.percent.quantity.decimals;
        let expected = show(crate::support::round(exact, decimals), decimals);
        let zh = format!(
            "{} {} ÷ {} = {}%，应为 {}%，文中为 {}{}",
            r.part.name(),
            r.part.printed(),
            whole_name,
            show(exact, 4),
            expected,
            r.percent.printed(),
            how.0
        );
        let en = format!(
            "{} {} ÷ {} = {}%, which rounds to {}%; the text states {}{}",
            r.part.name(),
            r.part.printed(),
            whole_name,
            show(exact, 4),
            expected,
            r.percent.printed(),
            how.1
        );
        let mut d = Diagnostic::new(RULES.of(grade), r.percent.fact.span, zh)
            .en(en)
            .related(r.part.fact.span, format!("部分 {}", r.part.printed()));
        if let Some(w) = &r.whole {
            d = d.related(w.fact.span, format!("整体 {}", w.printed()));
        }
        // The percentage is derived from the two amounts, so it is the figure to correct;
        // still unsafe: an amount may be the wrong one.
        let corrected = format!("{expected}%");
        if grade != Grade::Doubt {
            d = d.replace(
                r.percent.fact.span,
                corrected.clone(),
                format!("改为 {corrected}"),
                Applicability::Unsafe,
            );
        }
        out.push(d);
    }
}

/// The printed share is one unit of the last digit off, and the shares of the same whole total
/// exactly 100%.
fn largest_remainder_adjusted(all: &[shares::Ratio], r: &shares::Ratio, exact: Decimal) -> bool {
    let d = r.percent.quantity.decimals;
    if (crate::support::round(exact, d) - r.percent.quantity.value).abs() > ulp(d) {
        return false;
    }
    let siblings: Vec<&shares::Ratio> = all
        .iter()
        .filter(|o| {
            !o.completion
                && o.whole_value == r.whole_value
                && o.part.fact.block == r.part.fact.block
        })
        .collect();
    siblings.len() >= 2
        && siblings
            .iter()
            .map(|o| o.percent.quantity.value)
            .sum::<Decimal>()
            == Decimal::ONE_HUNDRED
}
