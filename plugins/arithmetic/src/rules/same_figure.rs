use crate::sums::{self};
use crate::support::show;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// The same quantity given two different values in one document: a functional class with a
    /// single listed item whose amount differs from the class amount (“住房保障支出54.39万元” vs
    /// its only item “住房公积金（项）…54.38万元”), and the same labelled quantity (基本支出,
    /// 项目支出, 机关运行经费, “三公”经费 …) with different values in two places where both
    /// speak of the same year and measure.
    ///
    /// ## Why
    /// 财预〔2016〕143号 requires the explanation to agree with the tables; two values for one
    /// quantity mean one of them is wrong.
    ///
    /// ## Example
    /// Class amount 54.39万元, the class's only item 54.38万元.
    ///
    /// ## Fix
    /// Find the right value in the tables and correct the other mention.
    ///
    /// ## 检查内容
    /// 同一文件中同一数量出现两个不同的数值：某个功能分类的类下只列了一个项，而项的金额与类的金额不同（如“住房保障支出54.39万元”，而其唯一的项“住房公积金（项）……54.38万元”）；或者同一名称的数量（基本支出、项目支出、机关运行经费、“三公”经费等）在两处说的是同一年度、同一口径，数值却不同。
    ///
    /// ## 依据
    /// 《地方预决算公开操作规程》（财预〔2016〕143号）要求说明与表格一致；一个数量有两个数值，必有一个是错的。
    ///
    /// ## 示例
    /// 类的金额为54.39万元，该类唯一的项为54.38万元。
    ///
    /// ## 修改方法
    /// 在表格中核实正确数值，改正另一处。
    pub struct SameFigure {
        id: "arithmetic/same-figure",
        aliases: ["consistency/same-figure"],
        severity: Error,
        summary: "The same quantity is given two different values",
        summary_zh: "同一数量出现两个不同的数值",
    }
}

impl Rule for SameFigure {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        for case in sums::classification(ctx.doc) {
            let [item] = case.parts.as_slice() else {
                continue;
            };
            let unit = case.unit();
            let (Some(a), Some(b)) = (case.total.value_in(&unit), item.value_in(&unit)) else {
                continue;
            };
            if a == b {
                continue;
            }
            let d = case.total.quantity.decimals;
            let zh = format!(
                "{} {} 与其唯一的下级科目 {} {} 不一致（相差 {}{}）",
                case.total.name(),
                case.total.printed(),
                item.name(),
                item.printed(),
                show(b - a, d),
                unit.as_str()
            );
            let en = format!(
                "{} {} differs from its only item {} {} (by {}{})",
                case.total.name(),
                case.total.printed(),
                item.name(),
                item.printed(),
                show(b - a, d),
                unit.as_str()
            );
            out.push(
                Diagnostic::new(&Self::META, item.fact.span, zh)
                    .en(en)
                    .related(
                        case.total.fact.span,
                        format!("{} {}", case.total.name(), case.total.printed()),
                    ),
            );
        }
    }
}
