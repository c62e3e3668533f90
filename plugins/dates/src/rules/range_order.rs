use crate::clauses::year_of;
use budgetlint_sdk::model::{CellRef, Document, Fact, FactKind, Table};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};
use std::cmp::Ordering;

declare_rule! {
    /// ## What it checks
    /// Date ranges whose end comes before their start:
    /// - in tables, two dates side by side under a start/end header (起/止, 开始/结束,
    ///   项目实施时间 …) where the second is earlier (`起 202112 | 止 202101`);
    /// - in text, `A至B`, `A-B`, `A—B`, `A~B` where B is earlier than A
    ///   (`2021年12月至2021年1月`).
    ///
    /// Dates are compared at the precision both sides share (a year against a month compares
    /// years). Impossible dates are left to `dates/impossible`.
    ///
    /// ## Why
    /// Project periods are part of the performance targets (财预〔2021〕101号); a reversed
    /// period cannot be executed or evaluated and usually hides a typing error.
    ///
    /// ## Example
    /// `项目实施时间 起: 202112 止: 202101` is reported; `202101 至 202112` is not.
    ///
    /// ## Fix
    /// Correct one of the two dates (or swap them).
    ///
    /// ## 检查内容
    /// 结束日期早于开始日期的日期区间：
    /// - 表格中，起止（起/止、开始/结束、项目实施时间等）列标题下并列的两个日期，后一个早于前一个（`起 202112 | 止 202101`）；
    /// - 正文中，`A至B`、`A-B`、`A—B`、`A~B` 里B早于A（`2021年12月至2021年1月`）。
    ///
    /// 两个日期按双方共有的精度比较（年份与月份比较时只比年份）。不可能存在的日期由 `dates/impossible` 检查。
    ///
    /// ## 依据
    /// 项目实施期限是绩效目标的组成部分（财预〔2021〕101号）；起止颠倒的期限无法执行，也无法评价，通常是录入错误。
    ///
    /// ## 示例
    /// `项目实施时间 起: 202112 止: 202101`会被报告；`202101 至 202112`不会。
    ///
    /// ## 修改方法
    /// 改正其中一个日期（或把两个日期对调）。
    pub struct RangeOrder {
        id: "dates/range-order",
        aliases: ["date/range-order"],
        severity: Warning,
        summary: "A date range that ends before it starts",
        summary_zh: "日期区间的结束早于开始",
    }
}

/// Header words of a start/end column pair.
const RANGE_HEADERS: &[&str] = &[
    "起",
    "止",
    "开始",
    "结束",
    "截止",
    "实施时间",
    "实施期",
    "期限",
    "周期",
];

/// What may stand between the two ends of a range in text.
const RANGE_SEPARATORS: &[&str] = &["至", "到", "-", "—", "——", "－", "~", "～", "–"];

impl Rule for RangeOrder {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let dated: Vec<&Fact> = doc.facts.iter().filter(|f| point(f).is_some()).collect();
        for pair in dated.windows(2) {
            let (first, second) = (pair[0], pair[1]);
            if !is_range(doc, first, second) {
                continue;
            }
            let (Some(a), Some(b)) = (point(first), point(second)) else {
                continue;
            };
            if compare(a, b) == Ordering::Greater {
                let (start, end) = (doc.slice(first.span), doc.slice(second.span));
                out.push(
                    Diagnostic::new(
                        &Self::META,
                        second.span,
                        format!("日期区间的结束“{end}”早于开始“{start}”"),
                    )
                    .en(format!("The range ends ({end}) before it starts ({start})"))
                    .related(first.span, format!("开始：{start}")),
                );
            }
        }
    }
}

/// (year, month, day) of a valid date or year fact.
type Point = (i32, Option<u32>, Option<u32>);

fn point(fact: &Fact) -> Option<Point> {
    match fact.kind {
        FactKind::Date {
            year,
            month,
            day,
            valid: true,
        } => Some((year, month, day)),
        FactKind::Year { .. } => Some((year_of(fact)?, None, None)),
        _ => None,
    }
}

/// Compares at the precision both points have.
fn compare(a: Point, b: Point) -> Ordering {
    match (a, b) {
        ((ya, Some(ma), Some(da)), (yb, Some(mb), Some(db))) => (ya, ma, da).cmp(&(yb, mb, db)),
        ((ya, Some(ma), _), (yb, Some(mb), _)) => (ya, ma).cmp(&(yb, mb)),
        ((ya, ..), (yb, ..)) => ya.cmp(&yb),
    }
}

/// True when the two facts are the two ends of one range.
fn is_range(doc: &Document, first: &Fact, second: &Fact) -> bool {
    match (first.cell, second.cell) {
        (Some(a), Some(b)) => adjacent_range_cells(doc, a, b),
        (None, None) if first.block == second.block => {
            let between = doc
                .text
                .get(first.span.end as usize..second.span.start as usize)
                .unwrap_or("x");
            RANGE_SEPARATORS.contains(&between.trim())
        }
        _ => false,
    }
}

fn adjacent_range_cells(doc: &Document, a: CellRef, b: CellRef) -> bool {
    if a.table != b.table || a.row != b.row || b.col != a.col + 1 {
        return false;
    }
    let Some(table) = doc.tables.get(a.table as usize) else {
        return false;
    };
    let headers = format!(
        "{} {}",
        header_text(table, a.col),
        header_text(table, b.col)
    );
    RANGE_HEADERS.iter().any(|w| headers.contains(w))
}

/// The header cells above column `col`, joined; an empty header cell takes the text of the
/// nearest non-empty cell to its left (a merged cell such as 项目实施时间 over 起/止).
fn header_text(table: &Table, col: u32) -> String {
    let mut parts = Vec::new();
    for row in table.rows.iter().take(table.header_rows as usize) {
        let cells = &row.cells;
        let own = cells.get(col as usize).map(|c| c.text.trim()).unwrap_or("");
        if !own.is_empty() {
            parts.push(own.to_string());
        } else if let Some(left) = cells
            .iter()
            .take(col as usize)
            .rev()
            .find(|c| !c.text.trim().is_empty())
        {
            parts.push(left.text.trim().to_string());
        }
    }
    parts.join(" ")
}
