use crate::support::Figure;
use budgetlint_sdk::model::rounding::{agreement, Agreement, Bounded};
use budgetlint_sdk::model::{labels, Block, Document, Fact, FactKind};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// An item of the 财政拨款支出 explanation that opens with its classification and amount —
    /// “住房保障支出（221类）住房改革支出（02款）住房公积金（01项）208.8万元。主要用于：…” — and
    /// then restates the disclosure year's figure in its sentence (“2026年预算安排201.50万元”,
    /// “2026年预算数为…”): the two are one quantity and must agree within their rounding. Only
    /// a paragraph whose first amount is labelled by a 类/款/项 path is read, and only when the
    /// paragraph states exactly one amount named “<disclosure year>年预算…” (not 执行数, not
    /// another year's).
    ///
    /// ## Why
    /// 财预〔2016〕143号 asks the explanation of each 项 to match the tables; an item paragraph
    /// copied from another item or from last year's edition keeps a figure that is not this
    /// item's.
    ///
    /// ## Example
    /// “住房公积金（01项）208.8万元。…2025年当年预算执行数为198.34万元，2026年预算安排201.50万元”.
    ///
    /// ## Fix
    /// Correct whichever figure is not the one in the tables (the 一般公共预算支出功能分类预算表
    /// row of the item).
    ///
    /// ## 检查内容
    /// 财政拨款支出说明中以科目和金额开头的一项——“住房保障支出（221类）住房改革支出（02款）住房公积金（01项）208.8万元。主要用于：…”——在句中又写了公开年度的金额（“2026年预算安排201.50万元”“2026年预算数为…”）：两者是同一个数，应在四舍五入范围内一致。只读第一个金额带类/款/项科目的段落，且段落中恰好有一个“<公开年度>年预算…”的金额（不是执行数，也不是其他年度的）。
    ///
    /// ## 依据
    /// 财预〔2016〕143号要求各项说明与表格一致；从其他项或上年文件复制来的段落会留下不属于本项的数字。
    ///
    /// ## 示例
    /// “住房公积金（01项）208.8万元。…2025年当年预算执行数为198.34万元，2026年预算安排201.50万元”。
    ///
    /// ## 修改方法
    /// 改正与表格（该项在一般公共预算支出功能分类预算表中的行）不一致的那个数字。
    pub struct ItemAmount {
        id: "arithmetic/item-amount",
        severity: Error,
        summary: "An item's amount in its heading differs from the year's amount in its text",
        summary_zh: "科目条目开头所列金额与其说明中本年度预算金额不一致",
    }
}

impl Rule for ItemAmount {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let Some(year) = doc.meta.fiscal_year else {
            return;
        };
        let mut by_block: Vec<Vec<&Fact>> = vec![Vec::new(); doc.blocks.len()];
        for f in doc.facts.iter().filter(|f| f.cell.is_none()) {
            if matches!(f.kind, FactKind::Amount(_)) {
                if let Some(list) = by_block.get_mut(f.block as usize) {
                    list.push(f);
                }
            }
        }
        for (id, amounts) in by_block.iter().enumerate() {
            if !matches!(doc.blocks[id], Block::Paragraph(_)) {
                continue;
            }
            out.extend(check_item(doc, amounts, year));
        }
    }
}

fn check_item(doc: &Document, amounts: &[&Fact], year: i32) -> Option<Diagnostic> {
    let (first, rest) = amounts.split_first()?;
    if !names_item(first) {
        return None;
    }
    let prefix = format!("{year}年预算");
    let mut restated = rest.iter().filter(|f| {
        f.label
            .as_ref()
            .is_some_and(|l| labels::normalize(&l.raw).starts_with(&prefix))
    });
    let again = restated.next()?;
    if restated.next().is_some() {
        return None;
    }
    let item = Figure::of(doc, first.id)?;
    let text = Figure::of(doc, again.id)?;
    let unit = &item.quantity.unit;
    let stated = text.value_in(unit)?;
    let tolerance = item.half_ulp_in(unit) + text.half_ulp_in(unit);
    let value = item.value_in(unit)?;
    if !matches!(
        agreement(stated, Bounded::new(value, tolerance)),
        Agreement::Off { .. }
    ) {
        return None;
    }
    // The item as its label writes it, and the restated figure with its words (“2026年预算安排
    // 201.50万元”).
    let item_name = first
        .label
        .as_ref()
        .map_or_else(|| item.name(), |l| labels::normalize(&l.raw));
    let from = again
        .label
        .as_ref()
        .map_or(again.span.start, |l| l.span.start.min(again.span.start));
    let said: String = doc.text[from as usize..again.span.end as usize]
        .split_whitespace()
        .collect();
    let zh = format!(
        "本条开头所列{item_name} {}，说明中却写“{said}”",
        item.printed()
    );
    let en = format!(
        "The item opens with {item_name} {}, but its text states “{said}”",
        item.printed()
    );
    Some(
        Diagnostic::new(&ItemAmount::META, again.span, zh)
            .en(en)
            .related(first.span, format!("条目金额 {}", item.printed())),
    )
}

/// The amount is labelled by a classification path: “…（款）…（项）” or “…（01项）”.
fn names_item(f: &Fact) -> bool {
    f.label.as_ref().is_some_and(|l| {
        let n = labels::normalize(&l.raw);
        !l.class_path.is_empty() || n.ends_with("项）") || n.ends_with("款）")
    })
}
