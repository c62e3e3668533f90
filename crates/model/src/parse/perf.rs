//! 绩效目标表: project information and indicator rows.

use crate::doc::*;
use crate::number::parse_indicator_value;
use crate::text::contains;

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

/// `text` without spaces, borrowed when there are none.
fn unspaced(text: &str) -> std::borrow::Cow<'_, str> {
    crate::text::without_chars(text, |c| c == ' ' || c == '\u{3000}')
}

fn header_columns(row: &Row) -> Option<Columns> {
    if !row.cells.iter().any(|c| contains(&c.text, "一级")) {
        return None;
    }
    let mut c = Columns {
        width: row.cells.len(),
        ..Columns::default()
    };
    for (i, cell) in row.cells.iter().enumerate() {
        let t = unspaced(&cell.text);
        match t.as_ref() {
            s if contains(s, "一级指标") => c.level1 = Some(i),
            s if contains(s, "二级指标") => c.level2 = Some(i),
            s if contains(s, "三级指标") => c.level3 = Some(i),
            s if contains(s, "确定依据") => c.basis = Some(i),
            s if contains(s, "指标值") || s == "目标值" => c.value = Some(i),
            s if contains(s, "指标描述") || contains(s, "指标内容") => {
                c.description = Some(i)
            }
            _ => {}
        }
    }
    (c.level1.is_some() && (c.value.is_some() || c.level3.is_some())).then_some(c)
}

pub fn extract(doc: &Document) -> Vec<PerfTable> {
    let mut out: Vec<PerfTable> = Vec::new();
    for table in &doc.tables {
        let info_end = table.rows.iter().position(|r| header_columns(r).is_some());
        let mut perf = project_info(doc, table, info_end.unwrap_or(table.rows.len()));
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

fn project_info(doc: &Document, table: &Table, rows_end: usize) -> PerfTable {
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
    // The last 资金支出计划 cell wins; its plan is read once, after the loop (reading it for
    // every such cell of a wide row was quadratic).
    let mut plan_at = None;
    for (r, row) in table.rows[..rows_end].iter().enumerate() {
        // The next non-empty cell after each cell, from one pass right to left (searching
        // for it from every cell made a row of 200,000 empty cells quadratic).
        let mut next_filled: Vec<Option<usize>> = vec![None; row.cells.len()];
        let mut after = None;
        for (c, cell) in row.cells.iter().enumerate().rev() {
            next_filled[c] = after;
            if !cell.text.is_empty() {
                after = Some(c);
            }
        }
        for (c, cell) in row.cells.iter().enumerate() {
            // (12 characters are at most 48 bytes: most cells are dismissed without counting.)
            if cell.text.len() > 48 || cell.text.chars().count() > 12 {
                continue;
            }
            let key = unspaced(&cell.text);
            let next = next_filled[c].map(|n| &row.cells[n]);
            let fact_in = |cell: &Cell| cell_fact(doc, cell, |k| matches!(k, FactKind::Amount(_)));
            match key.as_ref() {
                "项目编码" | "项目代码" => {
                    perf.code = next.map(|n| n.text.clone());
                    perf.code_span = next.map(|n| n.span);
                }
                "项目名称" => {
                    perf.project = next.map(|n| n.text.clone());
                    perf.project_span = next.map(|n| n.span);
                }
                "预算数" | "项目预算数" | "年度预算数" => {
                    perf.budget = next.and_then(fact_in)
                }
                k if k.ends_with("财政资金") => perf.fiscal_funds = next.and_then(fact_in),
                "其他资金" => perf.other_funds = next.and_then(fact_in),
                k if k.starts_with("绩效目标") || k == "年度绩效目标" => {
                    perf.goal = next.map(|n| n.text.clone());
                    perf.goal_span = next.map(|n| n.span);
                }
                k if k.starts_with("资金支出计划") => plan_at = Some((r, c)),
                _ => {}
            }
        }
    }
    if let Some((r, c)) = plan_at {
        perf.spending_plan = spending_plan(doc, table, r, c);
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
                .facts_in(goal)
                .iter()
                .find(|f| {
                    f.span.end <= goal.end
                        && matches!(f.kind, FactKind::Amount(_))
                        && f.label
                            .as_ref()
                            .is_some_and(|l| l.raw.contains("资金") || l.raw.contains("预算"))
                })
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
    t.trim()
        .trim_end_matches("绩效目标表")
        .trim_end_matches("项目")
        .trim()
        .to_string()
}

/// The plan labels (`3月底` …) on the row of the 资金支出计划 cell and the percentages on the next row.
fn cell_fact(doc: &Document, cell: &Cell, kind: impl Fn(&FactKind) -> bool) -> Option<FactId> {
    doc.facts_in(cell.span)
        .iter()
        .find(|f| f.span.start == cell.span.start && f.cell.is_some() && kind(&f.kind))
        .map(|f| f.id)
}

fn spending_plan(doc: &Document, table: &Table, r: usize, c: usize) -> Vec<PlanPoint> {
    let Some(values_row) = table.rows.get(r + 1) else {
        return Vec::new();
    };
    // Labels and percentages pair by column: a blank checkpoint (3月底 left empty) stays blank.
    table.rows[r]
        .cells
        .iter()
        .enumerate()
        .skip(c + 1)
        .filter(|(_, l)| !l.text.is_empty())
        .filter_map(|(i, l)| Some((l, values_row.cells.get(i).filter(|v| v.number.is_some())?)))
        .filter_map(|(l, v)| {
            let percent = cell_fact(doc, v, |k| matches!(k, FactKind::Percent(_)))?;
            Some(PlanPoint {
                label: l.text.clone(),
                percent,
            })
        })
        .collect()
}

/// The cells of one indicator row, by role.
#[derive(Default)]
struct Placed<'a> {
    level1: Option<&'a Cell>,
    level2: Option<&'a Cell>,
    level3: Option<&'a Cell>,
    description: Option<&'a Cell>,
    value: Option<&'a Cell>,
    basis: Option<&'a Cell>,
}

/// Rows that start another part of an overall-performance table (整体绩效目标表) end the indicators.
const SECTION_ENDS: &[&str] = &[
    "说明",
    "预算（万元）",
    "预算(万元)",
    "合计",
    "固定资产",
    "参与目标",
    "测算依据",
];

fn is_level1(t: &str) -> bool {
    ["产出指标", "效益指标", "满意度指标"]
        .iter()
        .any(|n| t.starts_with(n))
        && !t.contains("服务对象")
}

/// 成本指标 standing as a 一级指标: since the 2021 framework (财预〔2021〕101号) it is one, with
/// 经济/社会/生态环境成本指标 under it; before, it was a 二级指标 under 产出指标 (which
/// [`is_level2`] accepts). Its own 二级 names tell the two apart, not its column: exports drop
/// merged cells and shift a row's names to the left.
fn is_cost_level1(level1: &str, level2: Option<&str>) -> bool {
    unspaced(level1).starts_with("成本指标")
        && level2.is_some_and(|t| {
            let t = unspaced(t);
            t.contains("成本") && !t.starts_with("成本指标")
        })
}

fn is_level2(t: &str) -> bool {
    let t = t.trim();
    [
        "数量指标",
        "质量指标",
        "质量目标",
        "时效指标",
        "成本指标",
        "服务对象满意度",
    ]
    .iter()
    .any(|n| t.starts_with(n))
        || (t.chars().count() <= 10
            && (t.ends_with("效益")
                || t.ends_with("效益指标")
                || t.ends_with("成本指标")
                || t.contains("影响指标")
                || t.ends_with("满意度指标")))
}

/// By position, for rows as wide as the header. A value cell left empty stays empty, unless the
/// header cells after it are empty too (merged value columns).
fn place_by_index<'a>(row: &'a Row, cols: &Columns, header: &Row) -> Placed<'a> {
    let get = |col: Option<usize>| col.and_then(|i| row.cells.get(i));
    let mut value = get(cols.value);
    if value.is_none_or(|c| c.text.is_empty()) {
        if let Some(v) = cols.value {
            let merged = (v + 1..(v + 3).min(header.cells.len()))
                .take_while(|&i| header.cells[i].text.is_empty())
                .count();
            if let Some(c) = row
                .cells
                .iter()
                .skip(v + 1)
                .take(merged)
                .find(|c| !c.text.is_empty())
            {
                value = Some(c);
            }
        }
    }
    Placed {
        level1: get(cols.level1),
        level2: get(cols.level2),
        level3: get(cols.level3),
        description: get(cols.description),
        value,
        basis: get(cols.basis),
    }
}

/// By content, for rows whose merged cells were dropped by the export: a level-1 name, a
/// level-2 name, the indicator, and the last cell as the value.
fn place_by_content<'a>(row: &'a Row, cols: &Columns) -> Placed<'a> {
    let first_data = cols.level1.unwrap_or(0);
    let mut cells: Vec<(usize, &Cell)> = row
        .cells
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.text.is_empty())
        .collect();
    let mut placed = Placed::default();
    cells.retain(|(i, c)| {
        let t = c.text.trim();
        if placed.level1.is_none() && is_level1(t) {
            placed.level1 = Some(*c);
            false
        } else if placed.level2.is_none() && is_level2(t) {
            placed.level2 = Some(*c);
            false
        } else {
            *i >= first_data
        }
    });
    match cells.as_slice() {
        [] => {}
        [only] => placed.value = Some(only.1),
        [first, .., last] => {
            placed.level3 = Some(first.1);
            placed.value = Some(last.1);
        }
    }
    placed
}

/// The score line under a 自评表's indicators (`总分 … 100 95`): its first words name a
/// total, not an indicator.
fn is_score_total(row: &Row) -> bool {
    let first = row
        .cells
        .iter()
        .map(|c| unspaced(&c.text))
        .find(|t| !t.is_empty());
    first.is_some_and(|t| matches!(t.as_ref(), "总分" | "合计" | "总计" | "得分合计"))
}

fn indicator_rows(table: &Table, header: usize) -> Vec<IndicatorRow> {
    let header_row = &table.rows[header];
    let Some(cols) = header_columns(header_row) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let (mut l1, mut l2): (Option<TextCell>, Option<TextCell>) = (None, None);
    for (r, row) in table.rows.iter().enumerate().skip(header + 1) {
        if header_columns(row).is_some() || row.cells.iter().all(|c| c.text.is_empty()) {
            continue;
        }
        let lead = row
            .cells
            .first()
            .map(|c| unspaced(&c.text))
            .unwrap_or_default();
        if !is_level1(&lead) && !is_level2(&lead) && SECTION_ENDS.iter().any(|w| lead.contains(w)) {
            break;
        }
        if is_score_total(row) {
            continue;
        }
        let by_index = place_by_index(row, &cols, header_row);
        let misplaced = by_index.level1.is_some_and(|c| {
            let level2 = by_index.level2.map(|c| c.text.as_str());
            !c.text.is_empty() && !is_level1(&c.text) && !is_cost_level1(&c.text, level2)
        });
        let placed = if table.layout == TableLayout::TabSeparated
            && (row.cells.len() != cols.width || misplaced)
        {
            let by_content = place_by_content(row, &cols);
            if row.cells.len() == cols.width {
                // As wide as the header: only a category cell is off (a name wrapped as `产出指`
                // over `标`); the indicator and its value stand in their columns, and the last
                // cell may be another column (实际完成值, 分值, 得分 of a 自评表).
                Placed {
                    level3: by_index
                        .level3
                        .filter(|c| !c.text.is_empty())
                        .or(by_content.level3),
                    value: by_index
                        .value
                        .filter(|c| !c.text.is_empty())
                        .or(by_content.value),
                    description: by_index.description,
                    basis: by_index.basis,
                    ..by_content
                }
            } else {
                by_content
            }
        } else {
            by_index
        };
        let text_cell = |c: Option<&Cell>| {
            c.filter(|c| !c.text.is_empty()).map(|c| TextCell {
                text: c.text.clone(),
                span: c.span,
                inherited: false,
            })
        };
        let inherit = |own: Option<TextCell>, above: &Option<TextCell>| {
            own.or_else(|| {
                above.clone().map(|t| TextCell {
                    inherited: true,
                    ..t
                })
            })
        };
        let own_l1 = text_cell(placed.level1);
        let own_l2 = text_cell(placed.level2);
        let level2 = if own_l2.is_none() && own_l1.is_some() {
            None
        } else {
            inherit(own_l2, &l2)
        };
        let level1 = inherit(own_l1, &l1);
        let value = placed.value.map(|c| TextCell {
            text: c.text.clone(),
            span: c.span,
            inherited: false,
        });
        let parsed = value
            .as_ref()
            .map(|v| parse_indicator_value(&v.text))
            .unwrap_or(IndicatorValue::Empty);
        l1.clone_from(&level1);
        l2.clone_from(&level2);
        out.push(IndicatorRow {
            row: r as u32,
            level1,
            level2,
            level3: text_cell(placed.level3),
            description: text_cell(placed.description),
            value,
            parsed,
            basis: text_cell(placed.basis),
            span: row.span,
        });
    }
    out
}
