use crate::support::{data_rows, header_text};
use budgetlint_sdk::model::{PerfTable, Row, Table, TextCell};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta, Severity};

declare_rule! {
    /// ## What it checks
    /// A required cell left empty where the other rows fill it in:
    /// - in a table, a cell of a required column (项目负责人, 联系人, 联系电话, 姓名, 单位名称,
    ///   项目名称, 主管部门, 资金性质, 项目属性) that is empty in one row while every other row
    ///   (at least two) has a value, and the row goes on after it (warning);
    /// - in a 绩效目标表, an indicator row without 指标值确定依据 while every other row of the
    ///   table gives one (info).
    ///
    /// Empty amount cells are not reported (many tables leave zero amounts blank), nor are rows
    /// that end early.
    ///
    /// ## Why
    /// 财预〔2021〕101号 and the 项目支出绩效目标表 templates make 项目负责人, 联系电话 and the
    /// basis of each 指标值 required: they say who answers for the project and how the target
    /// was set. One row missing what all the others give is an omission, not a choice.
    ///
    /// ## Example
    /// `劳务派遣人员工资 … 新增项目	(empty)	65818744` where the other projects name 朱华 under
    /// 项目负责人 is reported.
    ///
    /// ## Fix
    /// Fill in the cell.
    pub struct EmptyCell {
        id: "placeholder/empty-cell",
        severity: Warning,
        summary: "Required cell left empty",
    }
}

/// Header words of the columns every row must fill in.
const REQUIRED_COLUMNS: &[&str] = &["负责人", "联系人", "联系电话", "姓名", "单位名称", "项目名称", "主管部门", "资金性质", "项目属性"];

impl Rule for EmptyCell {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        for table in &ctx.doc.tables {
            check_table(table, out);
        }
        for perf in &ctx.doc.perf_tables {
            check_basis(perf, out);
        }
    }
}

fn check_table(table: &Table, out: &mut Vec<Diagnostic>) {
    let rows = data_rows(table);
    if rows.len() < 3 {
        return;
    }
    let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    for col in 0..width {
        let header = header_text(table, col);
        if !REQUIRED_COLUMNS.iter().any(|w| header.contains(w)) {
            continue;
        }
        let filled: Vec<&str> = rows.iter().filter_map(|r| r.cells.get(col)).map(|c| c.text.trim()).filter(|t| !t.is_empty()).collect();
        let empty: Vec<&Row> = rows.iter().filter(|r| is_gap(r, col)).collect();
        // Exactly one gap among rows that all fill the column otherwise.
        if empty.len() != 1 || filled.len() + 1 != rows.len() || filled.len() < 2 {
            continue;
        }
        let Some(cell) = empty[0].cells.get(col) else { continue };
        let example = most_common(&filled);
        out.push(
            Diagnostic::new(&EmptyCell::META, cell.span, format!("“{header}”一栏为空，而其他{}行均已填写（如“{example}”）", filled.len()))
                .en(format!("The “{header}” cell is empty while the other {} rows fill it in (e.g. “{example}”)", filled.len())),
        );
    }
}

/// The cell at `col` is empty and the row goes on after it (it was skipped, not cut off).
fn is_gap(row: &Row, col: usize) -> bool {
    let Some(cell) = row.cells.get(col) else { return false };
    cell.text.trim().is_empty() && row.cells.iter().skip(col + 1).any(|c| !c.text.trim().is_empty())
}

fn most_common<'a>(values: &[&'a str]) -> &'a str {
    let mut best = ("", 0);
    for v in values {
        let n = values.iter().filter(|w| *w == v).count();
        if n > best.1 {
            best = (v, n);
        }
    }
    best.0
}

/// 指标值确定依据 missing in one row of a 绩效目标表 that gives it everywhere else.
fn check_basis(perf: &PerfTable, out: &mut Vec<Diagnostic>) {
    let rows = &perf.indicators;
    let missing: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].basis.as_ref().is_none_or(|b| b.text.trim().is_empty())).collect();
    if rows.len() < 4 || missing.len() != 1 {
        return;
    }
    let row = &rows[missing[0]];
    let name = row.level3.as_ref().map(|c| c.text.as_str()).unwrap_or("");
    let span = [&row.description, &row.level3].into_iter().flatten().find(|c: &&TextCell| !c.inherited).map_or(row.span, |c| c.span);
    out.push(
        Diagnostic::new(&EmptyCell::META, span, format!("绩效指标“{name}”的“指标值确定依据”为空，而本表其他{}个指标均已填写", rows.len() - 1))
            .en(format!("Indicator “{name}” has no basis for its target value (指标值确定依据) while the other {} indicators give one", rows.len() - 1))
            .severity(Severity::Info),
    );
}
