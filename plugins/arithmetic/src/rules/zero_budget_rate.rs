use budgetlint_sdk::model::labels::canonical_key;
use budgetlint_sdk::model::{
    figure_kind_named, Cell, Document, Fact, FactKind, FigureKind, Relation, Table, Unit,
};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};
use rust_decimal::Decimal;

declare_rule! {
    /// ## What it checks
    /// A completion rate (“完成预算的0%”) stated for an item whose sentence gives no budget,
    /// when the document's own table shows that item's 预算数 as empty or zero: the rate is
    /// taken of a zero base. The table's 预算数 column of the item is found by its header; the
    /// reading is used only when the table's 决算数 of the item agrees with the amount the
    /// sentence states, which proves the columns were read right. A rate whose sentence states
    /// its budget is `arithmetic/zero-denominator`'s.
    ///
    /// ## Why
    /// Dividing by zero is undefined (docs/rounding.md §6): “完成预算的0%” for an item without a
    /// budget reads as a unit that spent nothing of a real budget. The 财政部 templates ask for
    /// 无预算 / 不适用 instead.
    ///
    /// ## Example
    /// The 三公 table shows 因公出国（境）费 预算数 empty and 决算数 0.00; the text says
    /// “因公出国（境）费决算为0.00万元，完成预算的0%”.
    ///
    /// ## Fix
    /// Replace the rate with “无预算，不适用”, or state the budget if the table misses it.
    ///
    /// ## 检查内容
    /// 句中没有写预算数的分项给出了完成率（如“完成预算的0%”），而文件自己的表中该分项的预算数为空或为零：比率的基数为零。表中该分项的预算数列按表头确定；只有表中该分项的决算数与句中所写金额一致（证明列读对了）时才使用。句中写明预算数的比率由 `arithmetic/zero-denominator` 检查。
    ///
    /// ## 依据
    /// 除数为零时比率没有意义（docs/rounding.md 第6节）：没有预算的分项写“完成预算的0%”，读者会理解为有预算却一分未花。财政部公开模板要求此时写“无预算”或“不适用”。
    ///
    /// ## 示例
    /// “三公”经费表中因公出国（境）费预算数为空、决算数为0.00；正文写“因公出国（境）费决算为0.00万元，完成预算的0%”。
    ///
    /// ## 修改方法
    /// 把比率改为“无预算，不适用”；如果是表中漏填了预算数，补上预算数。
    pub struct ZeroBudgetRate {
        id: "arithmetic/zero-budget-rate",
        severity: Info,
        summary: "A completion rate is given for an item whose budget in the table is zero",
        summary_zh: "表中预算数为零的分项却给出了完成率",
    }
}

impl Rule for ZeroBudgetRate {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let columns: Vec<ItemColumns> = doc.tables.iter().flat_map(item_columns).collect();
        if columns.is_empty() {
            return;
        }
        for fact in &doc.facts {
            let Some(actual) = rate_without_budget(doc, fact) else {
                continue;
            };
            let Some(measure) = measure_of(actual) else {
                continue;
            };
            let Some(found) = columns
                .iter()
                .find(|c| c.item == measure && agrees(&c.actual, actual))
            else {
                continue;
            };
            out.push(finding(doc, fact, actual, found, measure));
        }
    }
}

/// The 预算数 and 决算数 cells of one item in a table's single row of amounts.
struct ItemColumns<'a> {
    item: &'static str,
    budget: &'a Cell,
    actual: CellValue<'a>,
}

/// A cell with the unit its table declares.
struct CellValue<'a> {
    cell: &'a Cell,
    unit: Option<Unit>,
}

/// The amount a completion rate is stated for, when the sentence states no budget: the rate's
/// percent is labelled 完成…预算, belongs to no completion relation, and the amount just before it
/// in the same sentence names an item as 决算数.
fn rate_without_budget<'a>(doc: &'a Document, fact: &Fact) -> Option<&'a Fact> {
    if !matches!(fact.kind, FactKind::Percent(_)) || fact.cell.is_some() {
        return None;
    }
    let label = &fact.label.as_ref()?.raw;
    if !(label.contains("完成") && label.contains("预算")) || in_completion(doc, fact.id) {
        return None;
    }
    let before = doc.facts.get(fact.id.checked_sub(1)? as usize)?;
    if before.block != fact.block || !matches!(before.kind, FactKind::Amount(_)) {
        return None;
    }
    let kind = before.identity.as_ref()?.kind.as_ref()?;
    (kind.value == FigureKind::Actual).then_some(before)
}

fn in_completion(doc: &Document, percent: u32) -> bool {
    doc.relations
        .iter()
        .any(|r| matches!(r, Relation::Completion { percent: p, .. } if *p == percent))
}

fn measure_of(fact: &Fact) -> Option<&'static str> {
    let measure = &fact.identity.as_ref()?.measure.as_ref()?.value;
    canonical_key(measure).filter(|key| key == measure)
}

/// Whether the table's 决算数 cell says the same as the sentence's amount (an empty cell is 0).
fn agrees(cell: &CellValue, fact: &Fact) -> bool {
    let FactKind::Amount(stated) = &fact.kind else {
        return false;
    };
    match cell.cell.number.as_deref() {
        None => blank(cell.cell) && stated.value.is_zero(),
        Some(n) if n.value.is_zero() => stated.value.is_zero(),
        Some(n) => {
            let unit = if n.unit.is_money() {
                &n.unit
            } else {
                match &cell.unit {
                    Some(u) => u,
                    None => return false,
                }
            };
            let (Some(table), Some(text)) = (
                n.value
                    .checked_mul(unit.yuan_factor().unwrap_or(Decimal::ZERO)),
                stated.value_in(&Unit::Yuan),
            ) else {
                return false;
            };
            !table.is_zero() && table == text
        }
    }
}

/// An empty cell, or one holding only a dash (the tables' “nothing”).
fn blank(cell: &Cell) -> bool {
    cell.text.chars().all(|c| matches!(c, '-' | '—' | '－'))
}

fn zero_or_blank(cell: &Cell) -> bool {
    match cell.number.as_deref() {
        Some(n) => n.value.is_zero(),
        None => blank(cell),
    }
}

/// The items of a table laid out with one column pair (预算数, 决算数) per item and one row of
/// amounts, as the 三公 tables are. Nothing when the header does not read as such pairs.
fn item_columns(table: &Table) -> Vec<ItemColumns<'_>> {
    let header_rows = table.header_rows as usize;
    let Some(headers) = header_texts(table, header_rows) else {
        return Vec::new();
    };
    let amount_rows: Vec<_> = table.rows[header_rows..]
        .iter()
        .filter(|r| r.cells.iter().any(|c| c.number.is_some()))
        .collect();
    let [row] = amount_rows.as_slice() else {
        return Vec::new();
    };
    if row.cells.len() != headers.len() {
        return Vec::new();
    }
    let Some(pairs) = budget_actual_pairs(&headers) else {
        return Vec::new();
    };
    pairs
        .into_iter()
        .filter(|(_, b, _)| zero_or_blank(&row.cells[*b]))
        .map(|(item, b, a)| ItemColumns {
            item,
            budget: &row.cells[b],
            actual: CellValue {
                cell: &row.cells[a],
                unit: table.unit.clone(),
            },
        })
        .collect()
}

/// Each column's header text, the header rows joined; `None` when the header rows do not all
/// have the row of amounts' number of cells.
fn header_texts(table: &Table, header_rows: usize) -> Option<Vec<String>> {
    let first = table.rows.get(..header_rows)?;
    let width = first.first()?.cells.len();
    if first.iter().any(|r| r.cells.len() != width) {
        return None;
    }
    Some(
        (0..width)
            .map(|col| first.iter().map(|r| r.cells[col].text.as_str()).collect())
            .collect(),
    )
}

/// (item, 预算数 column, 决算数 column) for a header whose columns that name a kind alternate
/// 预算数, 决算数 from the first such column on, each pair naming one item (in either of its two
/// headers, the same in both when both name one). `None` when the kinds do not alternate so.
fn budget_actual_pairs(headers: &[String]) -> Option<Vec<(&'static str, usize, usize)>> {
    let kinds: Vec<(usize, FigureKind)> = headers
        .iter()
        .enumerate()
        .filter_map(|(i, h)| figure_kind_named(h).map(|k| (i, k)))
        .collect();
    if kinds.len() < 4 || !kinds.len().is_multiple_of(2) {
        return None;
    }
    let mut pairs = Vec::new();
    for pair in kinds.chunks(2) {
        let [(b, FigureKind::Budget), (a, FigureKind::Actual)] = pair else {
            return None;
        };
        if a - b != 1 {
            return None;
        }
        let item = match (canonical_key(&headers[*b]), canonical_key(&headers[*a])) {
            (Some(x), Some(y)) if x != y => continue,
            (Some(x), _) | (None, Some(x)) => x,
            (None, None) => continue,
        };
        pairs.push((item, *b, *a));
    }
    Some(pairs)
}

fn finding(
    doc: &Document,
    rate: &Fact,
    actual: &Fact,
    found: &ItemColumns,
    item: &str,
) -> Diagnostic {
    let printed = doc.slice(rate.span).to_string();
    let budget = if found.budget.text.is_empty() {
        "空白".to_string()
    } else {
        found.budget.text.clone()
    };
    let budget_en = if found.budget.text.is_empty() {
        "empty".to_string()
    } else {
        found.budget.text.clone()
    };
    Diagnostic::new(
        &ZeroBudgetRate::META,
        rate.span,
        format!("{item}在表中的预算数为{budget}（即0），完成率 {printed} 的基数为0，无意义，应写“无预算，不适用”"),
    )
    .en(format!(
        "The table's 预算数 of {item} is {budget_en} (zero), so the completion rate {printed} has a zero base and is undefined; write 'no budget, not applicable'"
    ))
    .related(found.budget.span, format!("{item} 预算数"))
    .related(actual.span, format!("{item} 决算数"))
}
