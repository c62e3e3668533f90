use super::{MonthlyCapFarBelow, TargetNearBudget, TargetUnitDoubt};
use crate::view::{budget_wan, is_plausible, show, Category, Indicator, Indicators, ValueKind};
use crate::vocab::contains_any;
use budgetlint_sdk::model::number::{round_half_up, truncate};
use budgetlint_sdk::model::{Comparison, Quantity, Unit};
use budgetlint_sdk::{declare_rule, Context, Decimal, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A money target of the project's only 成本指标 against the project's 预算数:
    /// - a monthly figure (`≤N万元/月`) must be the budget ÷ 12 rounded at the figure's own
    ///   precision (50/12 = 4.17 → `4`; 18.5/12 = 1.5417 → `1.54`). Reported: a cap a few percent
    ///   below (160 × 12 = 1920 against 2000), or adding up to twice the budget or more;
    /// - an annual figure (`≤330万元`, `100万元`, `120120元/年`) must not exceed the budget (from
    ///   20% above) and should not be less than half of it (the cap cannot cover the project).
    ///
    /// The other cases of the same comparison are their own rules: a monthly cap that covers
    /// less than half the budget is `indicator/monthly-cap-far-below` (an error); a target off
    /// by rounding, truncation or a small overrun is `indicator/target-near-budget`, and a
    /// figure that lost its unit or period (`15元` against 1652万元, `≤4万元` that × 12 is the
    /// budget) `indicator/target-unit-doubt` (infos).
    ///
    /// Only 成本指标 are compared: a money figure under 数量指标 often measures something else
    /// (a county's payroll), see rounding.md §7. Tables with several cost indicators (components
    /// of the cost) and unit costs (`元/人`, `万元/亩`, 人均, 标准) are left alone.
    ///
    /// ## Why
    /// 财预〔2021〕101号 makes 成本指标 the cost control of the project: a target that the 预算数
    /// cannot meet, or that the budget already exceeds, cannot be right. Reviewers recompute
    /// monthly caps × 12 (rounding convention: rounding.md §5).
    ///
    /// ## Example
    /// ```text
    /// 预算数  10.00
    /// 成本指标  预算控制数  …  ≤0.4万元/月      (0.4 × 12 = 4.8 ≠ 10)
    /// ```
    ///
    /// ## Fix
    /// Recompute the target from the budget (10/12 = 0.83万元/月), or state the unit the figure is
    /// really in (元/人, 元/人·月).
    ///
    /// ## 检查内容
    /// 项目唯一的成本指标中的金额目标与项目预算数比较：
    /// - 按月的数字（`≤N万元/月`）应等于预算数÷12、按该数字自身的精度四舍五入（50/12＝4.17 → `4`；18.5/12＝1.5417 → `1.54`）。报告：只低几个百分点（160×12＝1920，预算2000），或全年合计达到预算两倍以上；
    /// - 按年的数字（`≤330万元`、`100万元`、`120120元/年`）不应超过预算（超出20%起），也不应不到预算的一半（这个上限覆盖不了项目）。
    ///
    /// 同一比较的其他情形各有规则：全年覆盖不到预算一半的月度上限由 `indicator/monthly-cap-far-below` 报告（错误）；因舍入、截尾或略微超出而不符的目标由 `indicator/target-near-budget` 报告，丢失单位或期间的数字（预算1652万元写`15元`；`≤4万元`×12正好是预算数）由 `indicator/target-unit-doubt` 报告（提示）。
    ///
    /// 只比较成本指标：数量指标下的金额往往衡量的是别的东西（如全县工资总额），见 rounding.md 第7节。有多个成本指标（成本的组成部分）的表和单位成本（`元/人`、`万元/亩`、人均、标准）不检查。
    ///
    /// ## 依据
    /// 财预〔2021〕101号把成本指标作为项目的成本控制：预算数达不到的目标，或预算已经超出的目标，都不可能是对的。审核人员会把按月上限乘以12复算（舍入惯例：rounding.md 第5节）。
    ///
    /// ## 示例
    /// ```text
    /// 预算数  10.00
    /// 成本指标  预算控制数  …  ≤0.4万元/月      (0.4 × 12 = 4.8 ≠ 10)
    /// ```
    ///
    /// ## 修改方法
    /// 按预算数重新计算目标（10/12＝0.83万元/月），或写明数字实际的计量单位（元/人、元/人·月）。
    pub struct TargetVsBudget {
        id: "indicator/target-vs-budget",
        severity: Warning,
        summary: "A cost target does not fit the project's 预算数 (monthly cap × 12, cap above or far below the budget)",
        summary_zh: "成本指标与项目预算数不符（月上限×12、上限高于或远低于预算）",
    }
}

/// The project's 预算数: its value in 万元 and as printed (`10.00万元`).
struct Budget {
    wan: Decimal,
    printed: String,
}

impl Rule for TargetVsBudget {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        report(ctx, &Self::META, out);
    }
}

/// The findings of the cost-target comparison that belong to `meta`'s rule: every comparison
/// runs, each finding made under the rule of its judgement (this rule,
/// `indicator/monthly-cap-far-below`, `indicator/target-near-budget` or
/// `indicator/target-unit-doubt`). The comparison only looks at sole cost rows: cheap enough
/// to run for each of the four.
pub(crate) fn report(ctx: &Context, meta: &'static RuleMeta, out: &mut Vec<Diagnostic>) {
    let mut all = Vec::new();
    compare_all(ctx, &mut all);
    out.extend(all.into_iter().filter(|d| d.rule == meta.id));
}

fn compare_all(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let all = ctx.view::<Indicators>();
    for perf in &ctx.doc.perf_tables {
        let Some((wan, budget_span, printed)) = budget_wan(ctx.doc, perf) else {
            continue;
        };
        let budget = Budget { wan, printed };
        let costs: Vec<&Indicator> = all
            .iter()
            .filter(|i| std::ptr::eq(i.perf, perf) && is_money_cost(i))
            .collect();
        // Several cost rows are components of the cost; only a sole one stands for the project.
        let [ind] = costs.as_slice() else { continue };
        if let Some(d) = compare(ind, &budget) {
            out.push(
                ind.relate_name(d)
                    .related(budget_span, format!("项目预算数{}", budget.printed)),
            );
        }
    }
}

fn is_money_cost(ind: &Indicator) -> bool {
    ind.category == Category::Cost && matches!(ind.kind(), ValueKind::Money(_))
}

fn compare(ind: &Indicator, budget: &Budget) -> Option<Diagnostic> {
    let ValueKind::Money(q) = ind.kind() else {
        return None;
    };
    if !is_plausible(q.value) {
        return None;
    }
    // `1万元/亩` is parsed with the per-unit left in the rest.
    let per_unit_in_rest = ind.rest().starts_with(['/', '／', '每']);
    if matches!(ind.op(), Some(Comparison::Ge | Comparison::Gt))
        || is_unit_cost_name(&ind.name)
        || per_unit_in_rest
    {
        return None;
    }
    // The budget in the target's own unit, so that rounding is judged at the printed precision.
    let budget_q = budget.wan * Unit::WanYuan.yuan_factor()? / q.unit.yuan_factor()?;
    match q.per.as_deref() {
        Some("月") => monthly(ind, q, budget_q, budget),
        None | Some("年") => annual(ind, q, budget_q, budget),
        _ => None,
    }
}

/// 人均, 单价, 补助标准: a unit cost that the budget does not bound directly.
fn is_unit_cost_name(name: &str) -> bool {
    contains_any(
        name,
        &[
            "人均",
            "户均",
            "每人",
            "每户",
            "每次",
            "单价",
            "单位成本",
            "标准",
            "单次",
        ],
    )
}

fn monthly(
    ind: &Indicator,
    q: &Quantity,
    budget_q: Decimal,
    budget: &Budget,
) -> Option<Diagnostic> {
    let twelve = Decimal::from(12);
    let exact = budget_q / twelve;
    let expected = round_half_up(exact, q.decimals);
    if q.value == expected {
        return None;
    }
    let unit = q.unit.as_str();
    let year = q.value * twelve;
    let (b, per_month) = (&budget.printed, show(round_half_up(exact, 4)));
    let working = format!(
        "{} × 12 = {}{unit}，项目预算数{b}（÷ 12 = {per_month}{unit}/月，按{}位小数应为{}）",
        q.display(),
        show(year),
        q.decimals,
        show(expected)
    );
    let working_en = format!(
        "{} × 12 = {}{unit}; budget {b} ÷ 12 = {per_month}{unit}/月, {} at the printed precision",
        q.display(),
        show(year),
        show(expected)
    );
    let d = if q.value == truncate(exact, q.decimals) {
        Diagnostic::new(
            &TargetNearBudget::META,
            ind.value_span,
            format!(
                "月度成本上限“{}”是预算数÷12截断而非四舍五入：{working}",
                ind.value_text
            ),
        )
        .en(format!(
            "The monthly cap “{}” is the budget ÷ 12 truncated instead of rounded: {working_en}",
            ind.value_text
        ))
    } else if q.value < expected {
        let shortfall = budget_q - year;
        let meta = if year * Decimal::TWO < budget_q {
            &MonthlyCapFarBelow::META
        } else if shortfall * Decimal::ONE_HUNDRED <= budget_q {
            &TargetNearBudget::META
        } else {
            &TargetVsBudget::META
        };
        Diagnostic::new(meta, ind.value_span, format!("月度成本上限“{}”与预算数不符，全年只覆盖{}{unit}：{working}", ind.value_text, show(year)))
            .en(format!("The monthly cap “{}” does not fit the budget; a year covers only {}{unit}: {working_en}", ind.value_text, show(year)))
    } else {
        let meta = if year >= budget_q * Decimal::TWO {
            &TargetVsBudget::META
        } else {
            &TargetNearBudget::META
        };
        Diagnostic::new(
            meta,
            ind.value_span,
            format!(
                "月度成本上限“{}”全年合计超过项目预算数：{working}",
                ind.value_text
            ),
        )
        .en(format!(
            "The monthly cap “{}” adds up to more than the project budget: {working_en}",
            ind.value_text
        ))
    };
    Some(d)
}

fn annual(ind: &Indicator, q: &Quantity, budget_q: Decimal, budget: &Budget) -> Option<Diagnostic> {
    let (unit, b, name, v) = (
        q.unit.as_str(),
        &budget.printed,
        ind.name_as_written(),
        ind.value_text,
    );
    if (q.value - budget_q).abs() <= q.half_ulp() {
        return None;
    }
    if q.value > budget_q {
        let times = show(round_half_up(q.value / budget_q, 1));
        let meta = if q.value * Decimal::from(5) >= budget_q * Decimal::from(6) {
            &TargetVsBudget::META
        } else {
            &TargetNearBudget::META
        };
        return Some(
            Diagnostic::new(
                meta,
                ind.value_span,
                format!("成本指标“{name}”的目标“{v}”超过项目预算数{b}（为预算数的{times}倍）"),
            )
            .en(format!(
                "The cost target “{v}” of “{name}” exceeds the project budget of {b} ({times}×)"
            )),
        );
    }
    if q.unit == Unit::Yuan && q.value * Decimal::from(1000) < budget_q {
        return Some(
            Diagnostic::new(&TargetUnitDoubt::META, ind.value_span, format!("成本指标“{name}”的目标“{v}”远小于项目预算数{b}，像是单位成本却未注明计量基础（元/人、元/人·月 …）"))
                .en(format!("The cost target “{v}” of “{name}” is a tiny fraction of the budget ({b}); it looks like a unit cost without its basis (元/人, 元/人·月 …)")),
        );
    }
    let twelve = show(q.value * Decimal::from(12));
    if round_half_up(budget_q / Decimal::from(12), q.decimals) == q.value {
        return Some(
            Diagnostic::new(&TargetUnitDoubt::META, ind.value_span, format!("成本指标“{name}”的目标“{v}”× 12 = {twelve}{unit}，与项目预算数{b}相符，应为月度金额，缺少“/月”"))
                .en(format!("The cost target “{v}” of “{name}” × 12 = {twelve}{unit} matches the budget of {b}; it is a monthly amount missing “/月”")),
        );
    }
    if q.value * Decimal::TWO < budget_q {
        return Some(
            Diagnostic::new(&TargetVsBudget::META, ind.value_span, format!("成本指标“{name}”的目标“{v}”不到项目预算数{b}的一半（即使按月计，× 12 = {twelve}{unit}），与预算不符"))
                .en(format!("The cost target “{v}” of “{name}” is less than half the project budget of {b} (even monthly, × 12 = {twelve}{unit})")),
        );
    }
    None
}
