use crate::support::data_rows;
use budgetlint_sdk::model::{text, PerfTable, Row, Table, TextCell};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A required cell left empty where the other rows fill it in: in a table, a cell of a
    /// required column (项目负责人, 联系人, 联系电话, 姓名, 单位名称, 项目名称, 主管部门, 资金性质,
    /// 项目属性) that is empty in one row while every other row (at least two) has a value, and
    /// the row goes on after it.
    ///
    /// Related cases are their own rules, infos: a 绩效目标表 row without 指标值确定依据
    /// (`text/empty-basis`), a column empty in every row (`text/empty-column`) and a field label
    /// with nothing after it (`text/empty-field`).
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
    /// `劳务派遣人员工资 … 新增项目 (empty) 65818744` where the other projects name 朱华 under
    /// 项目负责人 is reported.
    ///
    /// ## Fix
    /// Fill in the cell.
    ///
    /// ## 检查内容
    /// 其他行都填了、某一行却空着的必填单元格：表格中，必填列（项目负责人、联系人、联系电话、姓名、单位名称、项目名称、主管部门、资金性质、项目属性）在某一行为空，而其他各行（至少两行）都有内容，且该行在此之后还有内容。
    ///
    /// 相关的情形各为一条规则，均为提示：绩效目标表中某行没有指标值确定依据（`text/empty-basis`），整列为空（`text/empty-column`），字段名后没有内容（`text/empty-field`）。
    ///
    /// 空的金额单元格不报告（很多表把零金额留空），提前结束的行也不报告。
    ///
    /// ## 依据
    /// 财预〔2021〕101号和项目支出绩效目标表模板把项目负责人、联系电话和各指标值的确定依据列为必填项：它们说明谁对项目负责、目标是怎样确定的。其他各行都有、唯独一行没有，是遗漏而不是选择。
    ///
    /// ## 示例
    /// 其他项目的项目负责人都写朱华，而`劳务派遣人员工资 … 新增项目 （空） 65818744`这一行会被报告。
    ///
    /// ## 修改方法
    /// 填写该单元格。
    pub struct EmptyCell {
        id: "text/empty-cell",
        aliases: ["placeholder/empty-cell"],
        severity: Warning,
        summary: "Required cell left empty",
        summary_zh: "必填单元格为空",
    }
}

/// Header words of the columns every row must fill in.
const REQUIRED_COLUMNS: &[&str] = &[
    "负责人",
    "联系人",
    "联系电话",
    "姓名",
    "单位名称",
    "项目名称",
    "主管部门",
    "资金性质",
    "项目属性",
];

impl Rule for EmptyCell {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        for table in &ctx.doc.tables {
            check_table(table, out);
        }
    }
}

fn check_table(table: &Table, out: &mut Vec<Diagnostic>) {
    for (headers, rows) in sections(table) {
        check_section(&headers, &rows, out);
    }
}

/// The table cut into (column headers, data rows) sections. Rows without any figure form the
/// header of the rows with figures after them; a header row after data rows starts a new
/// section (the model may join tables that follow each other).
fn sections(table: &Table) -> Vec<(Vec<String>, Vec<&Row>)> {
    let mut out: Vec<(Vec<String>, Vec<&Row>)> = Vec::new();
    for row in &table.rows {
        let has_figure = row.cells.iter().any(|c| c.number.is_some());
        if !has_figure {
            if out.last().is_none_or(|(_, data)| !data.is_empty()) {
                out.push((Vec::new(), Vec::new()));
            }
            if let Some((headers, _)) = out.last_mut() {
                add_header_row(headers, row);
            }
        } else if let Some((_, data)) = out.last_mut() {
            data.push(row);
        }
    }
    out
}

fn add_header_row(headers: &mut Vec<String>, row: &Row) {
    for (col, cell) in row.cells.iter().enumerate() {
        if headers.len() <= col {
            headers.resize(col + 1, String::new());
        }
        let text = cell.text.trim();
        if !text.is_empty() {
            if !headers[col].is_empty() {
                headers[col].push(' ');
            }
            headers[col].push_str(text);
        }
    }
}

fn check_section(headers: &[String], rows: &[&Row], out: &mut Vec<Diagnostic>) {
    // A header holding a required word holds its last character: a cheap test first.
    let last_chars: Vec<char> = REQUIRED_COLUMNS
        .iter()
        .filter_map(|w| w.chars().next_back())
        .collect();
    let names_required =
        |h: &str| h.contains(last_chars.as_slice()) && text::contains_any(h, REQUIRED_COLUMNS);
    let required: Vec<(usize, &String)> = headers
        .iter()
        .enumerate()
        .filter(|(_, h)| names_required(h))
        .collect();
    if required.is_empty() {
        return;
    }
    // Total rows (合计, 小计 …) name no person or project.
    let rows: Vec<&Row> = rows.iter().copied().filter(|r| !is_total_row(r)).collect();
    if rows.len() < 3 {
        return;
    }
    for (col, header) in required {
        let filled: Vec<&str> = rows
            .iter()
            .filter_map(|r| r.cells.get(col))
            .map(|c| c.text.trim())
            .filter(|t| !t.is_empty())
            .collect();
        let half_end = next_half(headers, col);
        let empty: Vec<&&Row> = rows.iter().filter(|r| is_gap(r, col, half_end)).collect();
        // Exactly one gap among rows that all fill the column otherwise.
        if empty.len() != 1 || filled.len() + 1 != rows.len() || filled.len() < 2 {
            continue;
        }
        let Some(cell) = empty[0].cells.get(col) else {
            continue;
        };
        let example = most_common(&filled);
        out.push(
            Diagnostic::new(&EmptyCell::META, cell.span, format!("“{header}”一栏为空，而其他{}行均已填写（如“{example}”）", filled.len()))
                .en(format!("The “{header}” cell is empty while the other {} rows fill it in (e.g. “{example}”)", filled.len())),
        );
    }
}

fn is_total_row(row: &Row) -> bool {
    row.cells.iter().any(|c| {
        let compact = if c.text.contains([' ', '\u{3000}']) {
            c.text.replace([' ', '\u{3000}'], "").into()
        } else {
            std::borrow::Cow::Borrowed(c.text.as_str())
        };
        ["合计", "小计", "总计", "共计"]
            .iter()
            .any(|w| compact.contains(w))
    })
}

/// Where the columns of `col`'s half of the table end: at the next column named as it is (the
/// 支出 half's 项目名称 beside the 收入 half's, in a 收支总表 set side by side), or at the end.
fn next_half(headers: &[String], col: usize) -> usize {
    let leaf = |h: &str| h.split_whitespace().last().unwrap_or("").to_string();
    let own = leaf(&headers[col]);
    (col + 1..headers.len())
        .find(|&c| !own.is_empty() && leaf(&headers[c]) == own)
        .unwrap_or(usize::MAX)
}

/// The cell at `col` is empty and the row goes on after it within its half of the table (it
/// was skipped, not cut off; a half whose rows ended earlier than the other's is empty there).
fn is_gap(row: &Row, col: usize, half_end: usize) -> bool {
    let Some(cell) = row.cells.get(col) else {
        return false;
    };
    cell.text.trim().is_empty()
        && row
            .cells
            .iter()
            .take(half_end)
            .skip(col + 1)
            .any(|c| !c.text.trim().is_empty())
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

/// 指标值确定依据 missing in one row of a 绩效目标表 that gives it everywhere else, as a
/// finding of `meta` (`text/empty-basis`).
pub(crate) fn check_basis(meta: &'static RuleMeta, perf: &PerfTable, out: &mut Vec<Diagnostic>) {
    let rows = &perf.indicators;
    let missing: Vec<usize> = (0..rows.len())
        .filter(|&i| {
            rows[i]
                .basis
                .as_ref()
                .is_none_or(|b| b.text.trim().is_empty())
        })
        .collect();
    if rows.len() < 4 || missing.len() != 1 {
        return;
    }
    let row = &rows[missing[0]];
    let name = row.level3.as_ref().map(|c| c.text.as_str()).unwrap_or("");
    let span = [&row.description, &row.level3]
        .into_iter()
        .flatten()
        .find(|c: &&TextCell| !c.inherited)
        .map_or(row.span, |c| c.span);
    out.push(
        Diagnostic::new(meta, span, format!("绩效指标“{name}”的“指标值确定依据”为空，而本表其他{}个指标均已填写", rows.len() - 1))
            .en(format!("Indicator “{name}” has no basis for its target value (指标值确定依据) while the other {} indicators give one", rows.len() - 1)),
    );
}

/// Labels of fields whose value must follow them.
const FIELD_LABELS: &[&str] = &[
    "单位名称",
    "部门名称",
    "部门（单位）名称",
    "部门(单位)名称",
    "填报单位",
    "编制单位",
    "项目名称",
    "单位负责人",
    "项目负责人",
    "联系人",
    "联系电话",
];

/// The label when `text` is nothing but a field label (with an optional colon).
fn bare_label(text: &str) -> Option<&str> {
    let t = text.trim().trim_end_matches(['：', ':']).trim();
    // The longest label is 9 characters; longer texts are values, not bare labels.
    if t.chars()
        .filter(|c| !c.is_whitespace())
        .nth(
            FIELD_LABELS
                .iter()
                .map(|l| l.chars().count())
                .max()
                .unwrap_or(0),
        )
        .is_some()
    {
        return None;
    }
    let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    FIELD_LABELS.iter().any(|l| *l == compact).then_some(t)
}

/// A paragraph that is only a field label (`单位名称`), as a finding of `meta`
/// (`text/empty-field`).
pub(crate) fn check_label_paragraphs(
    meta: &'static RuleMeta,
    doc: &budgetlint_sdk::Document,
    out: &mut Vec<Diagnostic>,
) {
    for block in &doc.blocks {
        let budgetlint_sdk::model::Block::Paragraph(p) = block else {
            continue;
        };
        let Some(label) = bare_label(doc.slice(p.text_span)) else {
            continue;
        };
        out.push(label_finding(meta, label, p.text_span));
    }
}

/// A table row whose first cell is a field label and whose other cells are all empty, as a
/// finding of `meta` (`text/empty-field`).
pub(crate) fn check_label_rows(meta: &'static RuleMeta, table: &Table, out: &mut Vec<Diagnostic>) {
    for row in &table.rows {
        let mut cells = row.cells.iter().filter(|c| !c.text.trim().is_empty());
        let (Some(first), None) = (cells.next(), cells.next()) else {
            continue;
        };
        let is_first_cell = row.cells.first().is_some_and(|c| c.span == first.span);
        if let (true, Some(label)) = (is_first_cell, bare_label(&first.text)) {
            out.push(label_finding(meta, label, first.span));
        }
    }
}

fn label_finding(meta: &'static RuleMeta, label: &str, span: budgetlint_sdk::Span) -> Diagnostic {
    Diagnostic::new(meta, span, format!("“{label}”后未填写内容"))
        .en(format!("Nothing is filled in after “{label}”"))
}

/// A column empty in every row: the 数量 column, or the only value column of a two-column
/// table. Tables whose rows have no figure at all count every row after the first as data. As
/// findings of `meta` (`text/empty-column`).
pub(crate) fn check_empty_column(
    meta: &'static RuleMeta,
    table: &Table,
    out: &mut Vec<Diagnostic>,
) {
    let (header_row, rows) = match data_rows(table) {
        [] => (table.rows.first(), table.rows.get(1..).unwrap_or(&[])),
        rows => (
            table
                .header_rows
                .checked_sub(1)
                .and_then(|i| table.rows.get(i as usize)),
            rows,
        ),
    };
    let Some(header_row) = header_row else { return };
    let width = table.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let labelled = rows
        .iter()
        .all(|r| r.cells.first().is_some_and(|c| !c.text.trim().is_empty()));
    if rows.len() < 3 || !labelled {
        return;
    }
    for col in 1..width {
        let Some(head) = header_row
            .cells
            .get(col)
            .filter(|c| !c.text.trim().is_empty())
        else {
            continue;
        };
        let required = head.text.contains("数量") || width == 2;
        let all_empty = rows
            .iter()
            .all(|r| r.cells.get(col).is_none_or(|c| c.text.trim().is_empty()));
        if !required || !all_empty {
            continue;
        }
        let name = head.text.trim();
        let mut d = Diagnostic::new(meta, head.span, format!("“{name}”一栏在全部{}行中均为空，应填写数值（无数据时填0或注明原因）", rows.len()))
            .en(format!("The “{name}” column is empty in all {} rows; fill in the figures (0, or a note, when there are none)", rows.len()));
        if let Some(first) = rows.first() {
            d = d.related(first.span, "第一行");
        }
        out.push(d);
    }
}
