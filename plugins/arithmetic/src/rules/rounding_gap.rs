use crate::sums::{Outcome, SumCases};
use crate::support::show;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A total that misses the sum of its parts by no more than rounding the parts can explain
    /// (尾差): n parts printed at the same precision may miss the total by up to n × half a unit
    /// of the last printed digit (docs/rounding.md §2). Prose sums, class/item sums and table
    /// columns are all checked. Option `min_gap` (in the total's unit, default 0):
    /// gaps at or below it are not reported.
    ///
    /// ## Why
    /// A rounding gap is not an arithmetic error — the printed figures are right (each is its
    /// exact value rounded half-up) — so it is reported as information; but reviewers expect the published parts to
    /// foot to the published total (财政部 evaluators accept ±0.01 per table); many units adjust
    /// one part so that the figures foot.
    ///
    /// ## Example
    /// “社会保障和就业支出690.58万元” while its items are 388.15 + 229.85 + 47.46 + 23.73 + 1.4 =
    /// 690.59万元.
    ///
    /// ## Fix
    /// Adjust the part with the largest rounding remainder so that the parts foot, or add a note
    /// that the difference is due to rounding.
    ///
    /// ## 检查内容
    /// 合计数与分项之和存在尾差，且差额不超过分项舍入所能解释的范围：n 个同一精度的分项，与合计最多相差 n 个末位的半个单位（docs/rounding.md 第2节）。正文中的合计、类与项的合计、表格各列都检查。选项 `min_gap`（以合计数的单位计，默认0）：差额不超过该值的不报告。
    ///
    /// ## 依据
    /// 尾差不是计算错误，每个印刷数字都是精确值四舍五入的结果，所以只作提示；但审核人员希望公开的分项能与公开的合计对平（财政部评审时每张表容许±0.01），很多单位会调整一个分项使数字对平。
    ///
    /// ## 示例
    /// “社会保障和就业支出690.58万元”，其下各项为388.15＋229.85＋47.46＋23.73＋1.4＝690.59万元。
    ///
    /// ## 修改方法
    /// 调整舍入余数最大的分项使合计对平，或注明差额系四舍五入所致。
    pub struct RoundingGap {
        id: "arithmetic/rounding-gap",
        split_from: "arithmetic/sum-mismatch",
        severity: Info,
        summary: "A total differs from its parts by a rounding difference (尾差)",
        summary_zh: "合计数与分项之和相差一个尾差",
        options: {
            min_gap: Decimal = "0", "Report only gaps of at least this much, in the total's unit (0: every gap)",
                "只报告至少这么大的差额，以合计数的单位计（0：每个差额都报告）";
        },
    }
}

impl Rule for RoundingGap {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let min_gap = ctx.option_decimal("min_gap", budgetlint_sdk::Decimal::ZERO);
        for case in ctx.view::<SumCases>() {
            let Outcome::RoundingGap { gap, tolerance } = case.evaluate() else {
                continue;
            };
            if gap.abs() <= min_gap || case.parts.len() < 2 {
                continue;
            }
            let unit = case.unit();
            let (sum, expr) = case.sum();
            let d = case.total.quantity.decimals;
            let zh = format!(
                "{} {} 与各项之和 {expr} = {}{u} 相差 {}{u}，在四舍五入尾差范围内（±{}）",
                case.total.name(),
                case.total.printed(),
                show(sum, d),
                show(gap, d),
                show(tolerance, d + 1),
                u = unit.as_str()
            );
            let en = format!(
                "{} {} differs from the sum of its parts {expr} = {}{u} by {}{u}, within the rounding band (±{})",
                case.total.name(),
                case.total.printed(),
                show(sum, d),
                show(gap, d),
                show(tolerance, d + 1),
                u = unit.as_str()
            );
            out.push(crate::report::with_parts(
                Diagnostic::new(&Self::META, case.total.fact.span, zh).en(en),
                case,
            ));
        }
    }
}
