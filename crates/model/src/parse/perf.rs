//! 绩效目标表: project information and indicator rows.

use crate::doc::*;
use crate::number::parse_indicator_value;

/// Column positions of an indicator header row.
#[derive(Debug, Default, Clone, Copy)]
struct Columns {
    level1: Option<usize>,
    level2: Option<usize>,
    level3: Option<usize>,
    description: Option<usize>,
    value: Option<usize>,
    basis: Option<usize>,
    width: usize,
}

fn header_columns(row: &Row) -> Option<Columns> {
    let mut c = Columns { width: row.cells.len(), ..Columns::default() };
    for (i, cell) in row.cells.iter().enumerate() {
        let t = cell.text.replace([' ', '\u{3000}'], "");
        match t.as_str() {
            s if s.contains("一级指标") => c.level1 = Some(i),
            s if s.contains("二级指标") => c.level2 = Some(i),
            s if s.contains("三级指标") => c.level3 = Some(i),
            s if s.contains("确定依据") => c.basis = Some(i),
            s if s.contains("指标值") || s == "目标值" => c.value = Some(i),
            s if s.contains("指标描述") || s.contains("指标内容") => c.description = Some(i),
            _ => {}
        }
    }
    (c.level1.is_some() && (c.value.is_some() || c.level3.is_some())).then_some(c)
}

/// Facts by the byte where they start, to find a cell's fact without scanning.
type FactIndex = std::collections::HashMap<u32, Vec<FactId>>;

pub fn extract(doc: &Document) -> Vec<PerfTable> {
    let mut index = FactIndex::new();
    for f in doc.facts.iter().filter(|f| f.cell.is_some()) {
        index.entry(f.span.start).or_default().push(f.id);
    }
    let mut out: Vec<PerfTable> = Vec::new();
    for table in &doc.tables {
        let info_end = table.rows.iter().position(|r| header_columns(r).is_some());
        let mut perf = project_info(doc, &index, table, info_end.unwrap_or(table.rows.len()));
        let has_info = perf.code.is_some() || perf.budget.is_some() || perf.goal.is_some();
        if let Some(h) = info_end {
            perf.indicators = indicator_rows(table, h);
        }
        if !has_info && perf.indicators.is_empty() {
            continue;
        }
        // An indicator table split from its project block (blank lines between) joins it.
        if !has_info {
            if let Some(prev) = out.last_mut().filter(|p| p.indicators.is_empty()) {
                prev.indicators = perf.indicators;
                continue;
            }
        }
        out.push(perf);
    }
    out
}

fn project_info(doc: &Document, index: &FactIndex, table: &Table, rows_end: usize) -> PerfTable {
    let mut perf = PerfTable {
        table: table.id,
        project: None,
        project_span: None,
        code: None,
        code_span: None,
        budget: None,
        fiscal_funds: None,
        other_funds: None,
        spending_plan: Vec::new(),
        goal: None,
        goal_span: None,
        indicators: Vec::new(),
    };
    for (r, row) in table.rows[..rows_end].iter().enumerate() {
        for (c, cell) in row.cells.iter().enumerate() {
            let key = cell.text.replace([' ', '\u{3000}'], "");
            let next = row.cells[c + 1..].iter().find(|x| !x.text.is_empty());
            let fact_in = |cell: &Cell| cell_fact(doc, index, cell, |k| matches!(k, FactKind::Amount(_)));
            match key.as_str() {
                "项目编码" | "项目代码" => {
                    perf.code = next.map(|n| n.text.clone());
                    perf.code_span = next.map(|n| n.span);
                }
                "项目名称" => {
                    perf.project = next.map(|n| n.text.clone());
                    perf.project_span = next.map(|n| n.span);
                }
                "预算数" | "项目预算数" | "年度预算数" => perf.budget = next.and_then(fact_in),
                k if k.ends_with("财政资金") => perf.fiscal_funds = next.and_then(fact_in),
                "其他资金" => perf.other_funds = next.and_then(fact_in),
                k if k.starts_with("绩效目标") || k == "年度绩效目标" => {
                    perf.goal = next.map(|n| n.text.clone());
                    perf.goal_span = next.map(|n| n.span);
                }
                k if k.starts_with("资金支出计划") => perf.spending_plan = spending_plan(doc, index, table, r, c),
                _ => {}
            }
        }
    }
    if perf.project.is_none() {
        if let (Some(title), Some(span)) = (&table.title, table.title_span) {
            if title.contains("绩效目标表") || title.contains("绩效目标") {
                perf.project = Some(project_from_title(title));
                perf.project_span = Some(span);
            }
        }
    }
    if perf.budget.is_none() {
        // “共计资金3500万元” in the goal cell.
        if let Some(goal) = perf.goal_span {
            perf.budget = doc
                .facts
                .iter()
                .find(|f| f.span.start >= goal.start && f.span.end <= goal.end && matches!(f.kind, FactKind::Amount(_)) && f.label.as_ref().is_some_and(|l| l.raw.contains("资金") || l.raw.contains("预算")))
                .map(|f| f.id);
        }
    }
    perf
}

/// `1、企业退休人员财政补助绩效目标表` → `企业退休人员财政补助`.
fn project_from_title(title: &str) -> String {
    let t = title.split(']').next_back().unwrap_or(title);
    let t = match super::numbering::scan_marker(t) {
        Some(m) => &t[m.len..],
        None => t,
    };
    t.trim().trim_end_matches("绩效目标表").trim_end_matches("项目").trim().to_string()
}

/// The plan labels (`3月底` …) on the row of the 资金支出计划 cell and the percentages on the next row.
fn cell_fact(doc: &Document, index: &FactIndex, cell: &Cell, kind: impl Fn(&FactKind) -> bool) -> Option<FactId> {
    index.get(&cell.span.start)?.iter().copied().find(|&id| kind(&doc.fact(id).kind))
}

fn spending_plan(doc: &Document, index: &FactIndex, table: &Table, r: usize, c: usize) -> Vec<PlanPoint> {
    let labels: Vec<&Cell> = table.rows[r].cells[c + 1..].iter().filter(|x| !x.text.is_empty()).collect();
    let Some(values_row) = table.rows.get(r + 1) else { return Vec::new() };
    let values: Vec<&Cell> = values_row.cells.iter().filter(|x| x.number.is_some()).collect();
    labels
        .iter()
        .zip(values)
        .filter_map(|(l, v)| {
            let percent = cell_fact(doc, index, v, |k| matches!(k, FactKind::Percent(_)))?;
            Some(PlanPoint { label: l.text.clone(), percent })
        })
        .collect()
}

fn indicator_rows(table: &Table, header: usize) -> Vec<IndicatorRow> {
    let Some(cols) = header_columns(&table.rows[header]) else { return Vec::new() };
    let mut out = Vec::new();
    let (mut l1, mut l2): (Option<TextCell>, Option<TextCell>) = (None, None);
    for (r, row) in table.rows.iter().enumerate().skip(header + 1) {
        if header_columns(row).is_some() || row.cells.iter().all(|c| c.text.is_empty()) {
            continue;
        }
        // Rows missing leading merged cells are aligned to the right.
        let shift = cols.width.saturating_sub(row.cells.len());
        let get = |col: Option<usize>| -> Option<&Cell> { col.and_then(|i| i.checked_sub(shift)).and_then(|i| row.cells.get(i)) };
        let text_cell = |c: Option<&Cell>| c.filter(|c| !c.text.is_empty()).map(|c| TextCell { text: c.text.clone(), span: c.span, inherited: false });
        let inherit = |own: Option<TextCell>, above: &Option<TextCell>| own.or_else(|| above.clone().map(|t| TextCell { inherited: true, ..t }));
        let level1 = inherit(text_cell(get(cols.level1)), &l1);
        let own_l2 = text_cell(get(cols.level2));
        let level2 = if own_l2.is_none() && text_cell(get(cols.level1)).is_some() { None } else { inherit(own_l2, &l2) };
        let value_cell = get(cols.value).filter(|c| !c.text.is_empty()).or_else(|| {
            // Merged cells shift the value one or two columns to the right.
            cols.value.and_then(|v| row.cells.iter().skip(v.saturating_sub(shift) + 1).take(2).find(|c| !c.text.is_empty()))
        });
        let value = value_cell.map(|c| TextCell { text: c.text.clone(), span: c.span, inherited: false });
        let parsed = value.as_ref().map(|v| parse_indicator_value(&v.text)).unwrap_or(IndicatorValue::Empty);
        let value = value.or_else(|| get(cols.value).map(|c| TextCell { text: String::new(), span: c.span, inherited: false }));
        l1.clone_from(&level1);
        l2.clone_from(&level2);
        out.push(IndicatorRow {
            row: r as u32,
            level1,
            level2,
            level3: text_cell(get(cols.level3)),
            description: text_cell(get(cols.description)),
            value,
            parsed,
            basis: text_cell(get(cols.basis)),
            span: row.span,
        });
    }
    out
}
