use super::same_quantity::{identity_of, what_at};
use crate::quantities::{clusters, QuantityGroups};
use crate::support::Figure;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// One quantity stated in several places with more than two different values: the same
    /// figures as `arithmetic/same-quantity` (every part of their identity known and alike:
    /// measure, fund source, classification code, period, kind; values that agree after
    /// rounding the finer to the coarser are one value, docs/rounding.md), but split so that
    /// no value stands alone against the others. Reported once, on the first statement, with
    /// the others as related places.
    ///
    /// ## Why
    /// 财预〔2016〕143号 and the 部门决算公开 templates require the explanation to agree with the
    /// tables and the tables with each other. With three values for one quantity at least two
    /// places are wrong, but the document does not show which: the finding is an info that
    /// asks the reader to check, where `arithmetic/same-quantity` names the odd value as an
    /// error.
    ///
    /// ## Example
    /// 人员经费 is 350.15 in the 基本支出 paragraph, 350.51 in the 基本支出表 and 350.99 in the
    /// 机关运行经费 paragraph.
    ///
    /// ## Fix
    /// Find the right value in the accounts and correct every other place.
    ///
    /// ## 检查内容
    /// 同一数量在多处写了两种以上不同的数值：比较的范围与 `arithmetic/same-quantity` 相同（数量名称、资金来源、科目编码、期间、口径各方面都已识别且相同；较精确的数值四舍五入到较粗的精度后相等即视为同一数值，见 docs/rounding.md），但各处数值分散，没有哪一个单独与其他各处不同。只报告一次，报告在第一处，其他各处列为相关位置。
    ///
    /// ## 依据
    /// 财预〔2016〕143号和部门决算公开模板要求说明与表格一致、表格之间一致。同一数量有三个数值，至少两处有错，但文件本身看不出是哪两处：因此作为提示，请读者核对；`arithmetic/same-quantity` 则把单独不同的数值作为错误报告。
    ///
    /// ## 示例
    /// 人员经费在基本支出段落中为350.15，在基本支出表中为350.51，在机关运行经费段落中为350.99。
    ///
    /// ## 修改方法
    /// 按账务数据核实正确数值，改正其他各处。
    pub struct SameQuantitySplit {
        id: "arithmetic/same-quantity-split",
        split_from: "arithmetic/same-quantity",
        severity: Info,
        summary: "One quantity is stated with more than two different values",
        summary_zh: "同一数量在各处有两种以上不同的数值",
    }
}

impl Rule for SameQuantitySplit {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        for (_, figures) in ctx.view::<QuantityGroups>() {
            if figures.len() < 3 {
                continue;
            }
            let cs = clusters(figures);
            if cs.len() > 2 {
                out.push(split(&cs));
            }
        }
    }
}

/// More than two values for one quantity: which is right cannot be told.
fn split(cs: &[Vec<&Figure>]) -> Diagnostic {
    let first = cs[0][0];
    let what = identity_of(first);
    let values: Vec<String> = cs.iter().map(|c| c[0].printed()).collect();
    let zh = format!(
        "{what} 在文中有 {} 个不同的值：{}",
        cs.len(),
        values.join("、")
    );
    let en = format!(
        "{what} is stated with {} different values: {}",
        cs.len(),
        values.join(", ")
    );
    let mut d = Diagnostic::new(&SameQuantitySplit::META, first.fact.span, zh).en(en);
    for c in cs {
        for f in c {
            if f.fact.id != first.fact.id {
                d = d.related(f.fact.span, format!("{} {}", what_at(f), f.printed()));
            }
        }
    }
    d
}
