use crate::shares;
use crate::support::{show, Figure};
use budgetlint_sdk::model::{Document, FactKind};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Amounts that cannot exceed their container:
    /// - 机关运行经费 above the basic expenditure's 公用经费 / 商品和服务支出 (机关运行经费 is paid
    ///   from 基本支出 公用经费 only; project money such as 劳务费 of a 人员类项目 does not belong in it);
    /// - an amount said to be a share (占…的N%, N ≤ 100) of a whole that is smaller than the amount
    ///   (“涉及预算金额22086万元，占一般公共预算项目支出总额的100%” with 项目支出 78.85万元).
    ///
    /// ## Why
    /// The glossary of every disclosure defines 机关运行经费 as the 日常公用经费 of 基本支出
    /// (财预〔2016〕143号 名词解释); a share of a smaller whole is impossible.
    ///
    /// ## Example
    /// “机关运行经费支出预算52.37万元” while 商品和服务支出 is 33.53万元.
    ///
    /// ## Fix
    /// Remove project items from 机关运行经费, or correct the amount or the whole.
    ///
    /// ## 检查内容
    /// 不可能超过其所属总额的金额却超过了：
    /// - 机关运行经费大于基本支出中的公用经费或商品和服务支出（机关运行经费只能由基本支出中的公用经费列支，人员类项目的劳务费等项目资金不应计入）；
    /// - 某金额据称占某总额的N%（N≤100），而该总额反而比这一金额小（如“涉及预算金额22086万元，占一般公共预算项目支出总额的100%”，而项目支出只有78.85万元）。
    ///
    /// ## 依据
    /// 各公开文件的名词解释都把机关运行经费定义为基本支出中的日常公用经费（财预〔2016〕143号名词解释）；占一个更小总额的比例是不可能的。
    ///
    /// ## 示例
    /// “机关运行经费支出预算52.37万元”，而商品和服务支出只有33.53万元。
    ///
    /// ## 修改方法
    /// 把项目资金从机关运行经费中剔除，或改正该金额或总额。
    pub struct Scope {
        id: "arithmetic/scope",
        aliases: ["consistency/scope"],
        severity: Warning,
        summary: "An amount exceeds the total it is part of",
        summary_zh: "部分金额超过其所属的总额",
    }
}

impl Rule for Scope {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        running_costs(ctx.doc, out);
        for r in ctx.view::<shares::Ratios>() {
            if r.completion
                || r.part.quantity.value <= r.whole_value
                || r.percent.quantity.value > budgetlint_sdk::Decimal::ONE_HUNDRED
            {
                continue;
            }
            let Some(w) = &r.whole else { continue };
            let zh = format!(
                "{} {} 被称为占 {} 的 {}，但后者只有 {}",
                r.part.name(),
                r.part.printed(),
                w.name(),
                r.percent.printed(),
                w.printed()
            );
            let en = format!(
                "{} {} is said to be {} of {}, which is only {}",
                r.part.name(),
                r.part.printed(),
                r.percent.printed(),
                w.name(),
                w.printed()
            );
            out.push(
                Diagnostic::new(&Scope::META, r.percent.fact.span, zh)
                    .en(en)
                    .related(w.fact.span, format!("{} {}", w.name(), w.printed())),
            );
        }
    }
}

/// 机关运行经费 against the largest 公用经费 / 商品和服务支出 figure of the document.
fn running_costs(doc: &Document, out: &mut Vec<Diagnostic>) {
    let container = doc
        .facts
        .iter()
        .filter(|f| matches!(f.kind, FactKind::Amount(_)))
        .filter_map(|f| Some((f, column_or_label(doc, f)?)))
        .filter(|(_, name)| name == "商品和服务支出" || name == "公用经费")
        .filter_map(|(f, _)| Figure::of(doc, f.id))
        .max_by_key(|f| f.quantity.value_in(&budgetlint_sdk::model::Unit::Yuan));
    let Some(container) = container else { return };
    for f in doc
        .amounts_with_key("机关运行经费")
        .filter(|f| f.cell.is_none())
    {
        let Some(cost) = Figure::of(doc, f.id) else {
            continue;
        };
        let unit = &container.quantity.unit;
        let (Some(a), Some(b)) = (cost.value_in(unit), container.value_in(unit)) else {
            continue;
        };
        if a <= b {
            continue;
        }
        let zh = format!(
            "机关运行经费 {} 超过基本支出中的{} {}（多 {}{}），可能含项目支出",
            cost.printed(),
            container.name(),
            container.printed(),
            show(a - b, 2),
            unit.as_str()
        );
        let en = format!("机关运行经费 {} exceeds the basic expenditure's {} {} by {}{}; it may include project money", cost.printed(), container.name(), container.printed(), show(a - b, 2), unit.as_str());
        out.push(Diagnostic::new(&Scope::META, f.span, zh).en(en).related(
            container.fact.span,
            format!("{} {}", container.name(), container.printed()),
        ));
    }
}

/// The label key of a prose figure, or the column header of a table figure on a 合计 row.
fn column_or_label(doc: &Document, f: &budgetlint_sdk::model::Fact) -> Option<String> {
    if let Some(key) = f.label.as_ref().and_then(|l| l.key.clone()) {
        if f.cell.is_none() {
            return Some(key);
        }
    }
    let at = f.cell?;
    let table = doc.tables.get(at.table as usize)?;
    let row = table.rows.get(at.row as usize)?;
    let on_total = row
        .cells
        .iter()
        .any(|c| c.text.replace(' ', "").contains("合计"));
    if !on_total {
        return None;
    }
    table
        .rows
        .iter()
        .take(table.header_rows as usize)
        .rev()
        .find_map(|h| {
            let t: String = h
                .cells
                .get(at.col as usize)?
                .text
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            (t == "商品和服务支出" || t == "日常公用支出" || t == "公用经费").then(|| {
                if t == "商品和服务支出" {
                    t
                } else {
                    "公用经费".to_string()
                }
            })
        })
}
