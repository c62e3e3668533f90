use budgetlint_sdk::model::rounding::{check_percent, Bounded, PercentCheck};
use budgetlint_sdk::model::{text, Cell, Quantity, Row, Table, Unit};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};
use rust_decimal::Decimal;

declare_rule! {
    /// ## What it checks
    /// A 执行率 cell of a 绩效自评表 that no division of the row's own figures gives: in a
    /// table whose header names 全年执行数 and 执行率 beside 全年预算数 (and 年初预算数), each
    /// row's printed 执行率 is compared with 全年执行数 ÷ 全年预算数 × 100 at the printed
    /// precision, and with 全年执行数 ÷ 年初预算数 × 100 (some units divide by the budget set at
    /// the start of the year). It is reported only when neither quotient, for any true values
    /// within the rounding of the printed figures, rounds to the printed rate
    /// (docs/rounding.md §3). A row whose 执行率 is a dash, or whose budget is zero, is not
    /// judged.
    ///
    /// ## Why
    /// The 项目支出绩效自评表 of 财预〔2020〕10号 defines 执行率 as 全年执行数 / 全年预算数;
    /// evaluators score 预算执行率 from it (10 points). A rate the row's figures contradict (a
    /// template's `0.0%` left in the 其中 rows) misstates how much of the money was spent.
    ///
    /// ## Example
    /// `其中：财政拨款  140.61  140.61  140.61  --  0.0%  --`: 140.61 ÷ 140.61 = 100.00%, not
    /// 0.0%.
    ///
    /// ## Fix
    /// Print the rate the figures give (here 100.0%), or a dash where the template asks for
    /// none.
    ///
    /// ## 检查内容
    /// 绩效自评表中的执行率与本行数字算不出来：表头列有全年执行数、执行率以及全年预算数（和年初预算数）时，逐行把印出的执行率与“全年执行数 ÷ 全年预算数 × 100”按印出的精度比较，也与“全年执行数 ÷ 年初预算数 × 100”比较（有的单位以年初预算为分母）。只有在印出数字舍入范围内的任何真实数值都算不出该执行率时才报告（docs/rounding.md 第3节）。执行率为横线或预算为零的行不判断。
    ///
    /// ## 依据
    /// 财预〔2020〕10号的项目支出绩效自评表规定执行率 = 全年执行数 / 全年预算数，评价时据此给预算执行率打分（10分）。与本行数字矛盾的执行率（模板在“其中”行留下的“0.0%”）误报了资金的使用程度。
    ///
    /// ## 示例
    /// `其中：财政拨款  140.61  140.61  140.61  --  0.0%  --`：140.61 ÷ 140.61 = 100.00%，不是 0.0%。
    ///
    /// ## 修改方法
    /// 填写由数字算出的执行率（此例为 100.0%），或按模板要求填横线。
    pub struct ExecutionRate {
        id: "arithmetic/execution-rate",
        severity: Warning,
        summary: "A 执行率 in a 绩效自评表 is not 全年执行数 ÷ 全年预算数",
        summary_zh: "绩效自评表的执行率不等于全年执行数 ÷ 全年预算数",
    }
}

impl Rule for ExecutionRate {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        for table in &ctx.doc.tables {
            check_table(table, out);
        }
    }
}

/// The columns of a 绩效自评表's money rows, from their header row.
struct Columns {
    start_budget: Option<usize>,
    budget: usize,
    spent: usize,
    rate: usize,
}

impl Columns {
    /// The columns a header row names: 全年预算数, 全年执行数 and 执行率 (年初预算数 optional).
    fn of(row: &Row) -> Option<Columns> {
        let find = |word: &str| {
            row.cells
                .iter()
                .position(|c| compact(&c.text).starts_with(word))
        };
        Some(Columns {
            start_budget: find("年初预算数"),
            budget: find("全年预算数")?,
            spent: find("全年执行数")?,
            rate: find("执行率")?,
        })
    }
}

/// A header cell without its white space (`全年 执行数` set apart to fill the cell).
fn compact(text: &str) -> std::borrow::Cow<'_, str> {
    text::without_chars(text, char::is_whitespace)
}

/// One finding per block of money rows (a table's rows under one header row): the first
/// wrong rate, with the other wrong rates of the block as related places (a template's `0.0%`
/// is usually in every 其中 row).
fn check_table(table: &Table, out: &mut Vec<Diagnostic>) {
    let mut columns: Option<Columns> = None;
    let mut wrong: Vec<Wrong> = Vec::new();
    for row in &table.rows {
        if let Some(found) = Columns::of(row) {
            out.extend(finding(std::mem::take(&mut wrong)));
            columns = Some(found);
            continue;
        }
        let Some(cols) = &columns else {
            continue;
        };
        // The money rows end where a row has no figure under 全年执行数 (the 年度总体目标).
        let Some(spent) = amount(row, cols.spent) else {
            if row.cells.iter().any(|c| c.number.is_some()) {
                columns = None;
            }
            continue;
        };
        let (Some(budget), Some((rate_cell, rate))) =
            (amount(row, cols.budget), percent(row, cols.rate))
        else {
            continue;
        };
        let start_budget = cols.start_budget.and_then(|c| amount(row, c));
        wrong.extend(judge(spent, budget, start_budget, rate_cell, rate));
    }
    out.extend(finding(wrong));
}

/// A rate the row's figures do not give, with its working.
struct Wrong<'t> {
    rate: &'t Cell,
    spent: &'t Cell,
    budget: &'t Cell,
    start_budget: Option<&'t Cell>,
    /// 全年执行数 ÷ 全年预算数 × 100, as shown (`100.00%`).
    exact: String,
}

/// The figure (a plain number or an amount) in column `col` of `row`.
fn amount(row: &Row, col: usize) -> Option<(&Cell, &Quantity)> {
    let cell = row.cells.get(col)?;
    let q = cell.number.as_deref()?;
    matches!(
        q.unit,
        Unit::None | Unit::Yuan | Unit::WanYuan | Unit::YiYuan
    )
    .then_some((cell, q))
}

/// The percentage in column `col` of `row`.
fn percent(row: &Row, col: usize) -> Option<(&Cell, &Quantity)> {
    let cell = row.cells.get(col)?;
    let q = cell.number.as_deref()?;
    (q.unit == Unit::Percent).then_some((cell, q))
}

fn bounded(q: &Quantity) -> Bounded {
    Bounded::new(q.value, q.half_ulp())
}

/// The rate's working when the printed rate is neither quotient of the row's figures.
fn judge<'t>(
    (spent_cell, spent): (&'t Cell, &Quantity),
    (budget_cell, budget): (&'t Cell, &Quantity),
    start_budget: Option<(&'t Cell, &Quantity)>,
    rate_cell: &'t Cell,
    rate: &Quantity,
) -> Option<Wrong<'t>> {
    let holds = |whole: &Quantity| match check_percent(rate, bounded(spent), bounded(whole)) {
        // A zero budget gives no rate to compare.
        None => true,
        Some((check, _)) => check != PercentCheck::Wrong,
    };
    if holds(budget) || start_budget.is_some_and(|(_, q)| holds(q)) {
        return None;
    }
    let (_, exact) = check_percent(rate, bounded(spent), bounded(budget))?;
    let exact =
        exact.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    Some(Wrong {
        rate: rate_cell,
        spent: spent_cell,
        budget: budget_cell,
        start_budget: start_budget.map(|(c, _)| c),
        exact: format!("{:.2}%", exact.max(Decimal::ZERO)),
    })
}

/// The finding of a block's wrong rates: on the first, the others related.
fn finding(wrong: Vec<Wrong<'_>>) -> Option<Diagnostic> {
    let first = wrong.first()?;
    let shown = |c: &Cell| c.text.trim().to_string();
    let (r, e, b) = (shown(first.rate), shown(first.spent), shown(first.budget));
    let exact = &first.exact;
    let more = wrong.len() - 1;
    let (more_zh, more_en) = if more > 0 {
        (
            format!("；本表另有 {more} 行的执行率也与本行数字不符"),
            format!("; {more} more rows of the table have the same defect"),
        )
    } else {
        Default::default()
    };
    let mut d = Diagnostic::new(
        &ExecutionRate::META,
        first.rate.span,
        format!("执行率 {r} 与本行数字不符：全年执行数 {e} ÷ 全年预算数 {b} = {exact}{more_zh}"),
    )
    .en(format!(
        "执行率 {r} does not follow from the row's figures: 全年执行数 {e} ÷ 全年预算数 {b} = {exact}{more_en}"
    ))
    .related(first.spent.span, format!("全年执行数 {e}"))
    .related(first.budget.span, format!("全年预算数 {b}"));
    if let Some(cell) = first.start_budget {
        d = d.related(
            cell.span,
            format!("年初预算数 {}（以其为分母也不符）", shown(cell)),
        );
    }
    for w in &wrong[1..] {
        d = d.related(
            w.rate.span,
            format!(
                "执行率 {}，应为 {} ÷ {} = {}",
                shown(w.rate),
                shown(w.spent),
                shown(w.budget),
                w.exact
            ),
        );
    }
    Some(d)
}
