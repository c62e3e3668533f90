use budgetlint_sdk::model::number::format_decimal;
use budgetlint_sdk::model::rounding::{sum_agreement, Agreement, Bounded};
use budgetlint_sdk::model::{Cell, Quantity, Table};
use budgetlint_sdk::{declare_rule, Context, Decimal, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Each row of a 支出 table whose last three columns are 合计, 基本支出 and 项目支出 (the
    /// layout of the 支出预算表, 一般公共预算支出表 and their 决算 counterparts): the row's 合计
    /// must be its 基本支出 plus its 项目支出, within the rounding of the three printed cells
    /// (three half units of the last digit, docs/rounding.md §2). Only a header that names
    /// exactly these three columns, in this order and last, is read, and only rows with a number
    /// in each of the three cells and as many cells as the header: a table with more parts
    /// (上缴上级支出, 对附属单位补助支出 …) or a row the reader could not align is not judged.
    ///
    /// ## Why
    /// 基本支出 and 项目支出 are the two parts of every expenditure (财预〔2016〕143号, the
    /// 部门预算/决算 templates); a row that does not add up shows a figure typed into the wrong
    /// row or column, e.g. a 款 total copied into a 项 row.
    ///
    /// ## Example
    /// `2040601 行政运行  合计 14,348,853.34  基本支出 14,348,853.34  项目支出 64,840,547.00`
    /// — 14,348,853.34 + 64,840,547.00 = 79,189,400.34, not 14,348,853.34.
    ///
    /// ## Fix
    /// Correct the wrong cell: usually the one that repeats a figure of another row.
    ///
    /// ## 检查内容
    /// 最后三列为合计、基本支出、项目支出的支出表（支出预算表、一般公共预算支出表及其决算表）的每一行：该行合计应等于基本支出加项目支出，允许三个印出数的四舍五入误差（末位的三个半单位，docs/rounding.md §2）。只读表头恰好以这三列依次结尾的表，且只读三格都有数字、格数与表头相同的行：有更多组成部分的表（上缴上级支出、对附属单位补助支出等）或无法对齐的行不判断。
    ///
    /// ## 依据
    /// 基本支出和项目支出是每项支出的两个组成部分（财预〔2016〕143号，部门预算、决算模板）；一行加不起来，说明有数字填错了行或列，例如把款的合计复制到了项的行。
    ///
    /// ## 示例
    /// `2040601 行政运行  合计 14,348,853.34  基本支出 14,348,853.34  项目支出 64,840,547.00`——14,348,853.34 + 64,840,547.00 = 79,189,400.34，不等于14,348,853.34。
    ///
    /// ## 修改方法
    /// 改正错误的单元格：通常是重复了另一行数字的那一格。
    pub struct RowSum {
        id: "arithmetic/row-sum",
        severity: Error,
        summary: "A table row's 合计 is not its 基本支出 plus its 项目支出",
        summary_zh: "表中一行的合计不等于基本支出与项目支出之和",
    }
}

impl Rule for RowSum {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        for table in &ctx.doc.tables {
            let Some(total_col) = split_columns(table) else {
                continue;
            };
            let width = total_col + 3;
            for row in table.rows.iter().skip(table.header_rows as usize) {
                if row.cells.len() != width {
                    continue;
                }
                let cells = &row.cells[total_col..];
                out.extend(check_row(&cells[0], &cells[1], &cells[2]));
            }
        }
    }
}

/// The column of 合计 when the header's last three columns are 合计, …基本支出, …项目支出.
fn split_columns(table: &Table) -> Option<usize> {
    let header_rows = table.header_rows as usize;
    if header_rows == 0 {
        return None;
    }
    let width = table.rows[..header_rows]
        .iter()
        .map(|r| r.cells.len())
        .max()?;
    if width < 3 {
        return None;
    }
    // A header spread over several rows is read column by column.
    let header = |col: usize| -> String {
        table.rows[..header_rows]
            .iter()
            .filter(|r| r.cells.len() == width)
            .map(|r| r.cells[col].text.as_str())
            .collect::<String>()
            .split_whitespace()
            .collect()
    };
    let total_col = width - 3;
    let names = (header(total_col), header(width - 2), header(width - 1));
    (names.0.ends_with("合计") && names.1.ends_with("基本支出") && names.2.ends_with("项目支出"))
        .then_some(total_col)
}

fn number(cell: &Cell) -> Option<&Quantity> {
    cell.number.as_deref()
}

fn check_row(total: &Cell, basic: &Cell, project: &Cell) -> Option<Diagnostic> {
    let (t, b, p) = (number(total)?, number(basic)?, number(project)?);
    // The three cells of a row are in the table's one unit.
    if t.unit != b.unit || t.unit != p.unit {
        return None;
    }
    let parts = [
        Bounded::new(b.value, b.half_ulp()),
        Bounded::new(p.value, p.half_ulp()),
    ];
    let Agreement::Off { gap, tolerance } = sum_agreement(t.value, parts) else {
        return None;
    };
    let decimals = t.decimals.max(b.decimals).max(p.decimals);
    let show = |v: Decimal| format_decimal(v, decimals);
    let sum = b.value + p.value;
    // The cells as printed (with their thousands separators), the computed values plain.
    let (ts, bs, ps) = (total.text.trim(), basic.text.trim(), project.text.trim());
    let zh = format!(
        "本行合计 {ts} ≠ 基本支出 {bs} + 项目支出 {ps} = {}（相差 {}，超出四舍五入允许的 ±{}）",
        show(sum),
        show(gap),
        tolerance.normalize()
    );
    let en = format!(
        "Row total {ts} ≠ basic {bs} + project {ps} = {} (off by {}, beyond the rounding allowance ±{})",
        show(sum),
        show(gap),
        tolerance.normalize()
    );
    Some(
        Diagnostic::new(&RowSum::META, total.span, zh)
            .en(en)
            .related(basic.span, format!("基本支出 {bs}"))
            .related(project.span, format!("项目支出 {ps}")),
    )
}
