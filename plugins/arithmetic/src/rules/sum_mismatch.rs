use crate::sums::{Outcome, Source, SumCase, SumCases};
use crate::support::show;
use budgetlint_sdk::model::{Document, Fact, FactKind, Span};
use budgetlint_sdk::{declare_rule, Applicability, Context, Decimal, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A stated total that is not the sum of its stated parts: in prose (“支出预算共计10785.51万元，
    /// 其中人员经费75.21万元，日常公用经费8.00万元，项目支出10702.30万元”), across sentences
    /// that list the items of a functional class (a 类 amount and the 项 amounts under it), and
    /// in tables (see `arithmetic/table-sum`).
    ///
    /// Differences that rounding each part can explain (n × half a unit of the last printed
    /// digit, docs/rounding.md §2) are reported by `arithmetic/rounding-gap` instead. A “其中”
    /// whose parts cover well under the total (less than 90%) lists some items only and is not
    /// reported. A class with a single item is `arithmetic/same-figure`. This rule reports money
    /// totals that the parts exceed; parts that fall short of a money total (a part may be
    /// missing from the list) are `arithmetic/sum-shortfall`, and totals of counts (people,
    /// vehicles) `arithmetic/count-sum-mismatch`, both warnings.
    ///
    /// ## Why
    /// 《预算法》第十四条 and 《地方预决算公开操作规程》(财预〔2016〕143号) require the disclosed
    /// figures to be true and complete; evaluators check that totals foot (表内勾稽, tolerance
    /// 0.01). A total that does not foot means a part is missing or a figure is wrong.
    ///
    /// ## Example
    /// “2021年预算收支安排28421.85万元，其中：一般公共预算收入23421.85万元，基金预算收入
    /// 4000万元” — 23421.85 + 4000 = 27421.85 ≠ 28421.85.
    ///
    /// ## Fix
    /// Correct the wrong figure, or list the missing part. The finding shows the computation
    /// and the location of every part. When the document states the same quantity elsewhere
    /// with the value of the parts' sum, the total is the wrong figure: the finding then carries
    /// that value as an unsafe fix.
    ///
    /// ## 检查内容
    /// 所述合计数不等于所述各分项之和：正文中的合计（“支出预算共计10785.51万元，其中人员经费75.21万元，日常公用经费8.00万元，项目支出10702.30万元”）、分句列举某一功能分类的类及其下各项的金额，以及表格中的合计（见 `arithmetic/table-sum`）。
    ///
    /// 分项舍入能够解释的差额（n 个末位的半个单位，docs/rounding.md 第2节）由 `arithmetic/rounding-gap` 报告。“其中”所列分项远小于合计（不到90%）的，视为只列举了部分项目，不报告。类下只有一个项的由 `arithmetic/same-figure` 检查。本规则报告各分项之和超过金额合计的情形；分项之和小于金额合计（可能漏列了分项）的由 `arithmetic/sum-shortfall` 报告，数量（人数、车辆数）的合计由 `arithmetic/count-sum-mismatch` 报告，二者均为警告。
    ///
    /// ## 依据
    /// 《预算法》第十四条和《地方预决算公开操作规程》（财预〔2016〕143号）要求公开的数字真实、完整；评审时检查合计是否对平（表内勾稽，容差0.01）。合计对不上，说明漏列了分项或有数字写错。
    ///
    /// ## 示例
    /// “2021年预算收支安排28421.85万元，其中：一般公共预算收入23421.85万元，基金预算收入4000万元”，23421.85＋4000＝27421.85，不等于28421.85。
    ///
    /// ## 修改方法
    /// 改正写错的数字，或补列遗漏的分项。检查结果列出计算过程和每个分项的位置。如果文件在别处写明同一数量、其数值正好等于分项之和，说明错的是合计数，此时检查结果附带该数值作为不安全修复。
    pub struct SumMismatch {
        id: "arithmetic/sum-mismatch",
        severity: Error,
        summary: "A stated money total is less than the sum of its stated parts",
        summary_zh: "所述金额合计数小于所述分项之和",
    }
}

impl Rule for SumMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        report(ctx, &Self::META, Judgement::Over, out);
    }
}

/// The three judgements on a total outside the prose's tables, one rule each.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Judgement {
    /// Money parts that exceed their total: always a wrong figure (this rule).
    Over,
    /// Money parts short of their total: a part may be missing (`arithmetic/sum-shortfall`).
    Short,
    /// A count (people, vehicles): a 其中 of groups may overlap or leave some out
    /// (`arithmetic/count-sum-mismatch`).
    Count,
}

impl Judgement {
    fn of(case: &SumCase, gap: Decimal) -> Judgement {
        if !case.total.is_money() {
            Judgement::Count
        } else if gap > Decimal::ZERO {
            Judgement::Over
        } else {
            Judgement::Short
        }
    }
}

/// Reports, as findings of `meta`, the totals outside tables that differ from the sum of their
/// parts by more than rounding allows, when the difference is the `judgement` kind.
pub(crate) fn report(
    ctx: &Context,
    meta: &'static RuleMeta,
    judgement: Judgement,
    out: &mut Vec<Diagnostic>,
) {
    for case in ctx
        .view::<SumCases>()
        .iter()
        .filter(|c| c.source != Source::Table)
    {
        if !(case.parts.len() >= 2 || case.source == Source::Prose) {
            continue;
        }
        let Outcome::Mismatch { gap, tolerance } = case.evaluate() else {
            continue;
        };
        if Judgement::of(case, gap) != judgement {
            continue;
        }
        let mut finding = crate::report::sum_finding(meta, case, gap, tolerance);
        if let Some(other) = confirming_figure(ctx.doc, case) {
            let corrected = show(case.sum().0, case.total.quantity.decimals);
            finding = finding
                .related(
                    other.span,
                    format!("另处同一数额为 {}", ctx.doc.slice(other.span)),
                )
                .replace(
                    number_span(ctx.doc, case.total.fact.span),
                    corrected.clone(),
                    format!("改为 {corrected}"),
                    Applicability::Unsafe,
                );
        }
        out.push(finding);
    }
}

/// Another mention of the same quantity (same label key, or a table cell of the same label)
/// whose value is the parts' sum: then the total is the wrong figure, and the fix is that sum.
fn confirming_figure<'a>(doc: &'a Document, case: &SumCase) -> Option<&'a Fact> {
    let unit = case.unit();
    let key = case.total.fact.label.as_ref()?.key.as_deref()?;
    let sum = case.sum().0;
    doc.facts.iter().find(|f| {
        f.id != case.total.fact.id
            && f.label.as_ref().and_then(|l| l.key.as_deref()) == Some(key)
            && matches!(&f.kind, FactKind::Amount(q) if q.value_in(&unit) == Some(sum))
    })
}

/// The digits of an amount's span (`10785.51` in `10785.51万元`), so the fix keeps the unit.
fn number_span(doc: &Document, span: Span) -> Span {
    let text = doc.slice(span);
    let digits = text.len()
        - text
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',')
            .len();
    Span {
        end: span.start + digits as u32,
        ..span
    }
}
