use budgetlint_province_common::applies;
use budgetlint_sdk::model::{Block, Document, FactKind, Table, Unit};
use budgetlint_sdk::{declare_rule, Context, Decimal, Diagnostic, Rule, RuleMeta, Span};

declare_rule! {
    /// ## What it checks
    /// The Hebei 国有资产信息 section prints a 固定资产占用情况表 (房屋 [其中：办公用房] / 车辆 /
    /// 单价20万元以上的设备 / 其他固定资产) with the 资产总额 as its first row, or gives the total
    /// in the sentence before it (“上年末固定资产金额为252.6万元（详见下表）”). The rule adds up
    /// the value column of the top-level rows (the numbered rows when the rows are numbered;
    /// “其中” rows are parts of the row above and are not added) and reports a total that differs
    /// from the sum by more than the rounding of the printed figures.
    ///
    /// Runs only under the 河北 profile.
    ///
    /// ## Why
    /// 国有资产占用 is part of the required disclosure (标准目录; 财预〔2016〕143号 asks for
    /// accurate content); a total that the rows do not add up to means a row is missing or a
    /// figure is wrong, and evaluators check it.
    ///
    /// ## Example
    /// ```text
    /// 资产总额	——	452.84
    /// 1、房屋（平方米）	2792	280.94
    /// 2、车辆（台、辆）	1	6.9
    /// 4、其他固定资产	469	160     ← 280.94 + 6.9 + 160 = 447.84 ≠ 452.84
    /// ```
    ///
    /// ## Fix
    /// Correct the row or the total from the asset accounts (资产卡片); list every category.
    ///
    /// ## 检查内容
    /// 河北模板的国有资产信息部分列有固定资产占用情况表（房屋〔其中：办公用房〕、车辆、单价20万元以上的设备、其他固定资产），第一行为资产总额，或在表前一句写明总额（“上年末固定资产金额为252.6万元（详见下表）”）。本规则把价值列中各一级行相加（各行有序号时只加有序号的行；“其中”行是上一行的组成部分，不相加），总额与各行之和的差额超过印刷数字舍入范围时报告。
    ///
    /// 只在河北省份配置下检查。
    ///
    /// ## 依据
    /// 国有资产占用情况是必须公开的内容（标准目录；财预〔2016〕143号要求内容准确）；各行之和不等于总额，说明漏列了某一行或有数字写错，评审时会核对。
    ///
    /// ## 示例
    /// ```text
    /// 资产总额	——	452.84
    /// 1、房屋（平方米）	2792	280.94
    /// 2、车辆（台、辆）	1	6.9
    /// 4、其他固定资产	469	160     ← 280.94＋6.9＋160＝447.84，不等于452.84
    /// ```
    ///
    /// ## 修改方法
    /// 根据资产账（资产卡片）改正有关行或总额，列全每一类资产。
    pub struct AssetTable {
        id: "hebei/asset-table",
        severity: Warning,
        summary: "固定资产占用情况表: the rows must add up to 资产总额",
        summary_zh: "固定资产占用情况表各行之和应等于资产总额",
    }
}

impl Rule for AssetTable {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        if !applies(ctx, crate::PROVINCE) {
            return;
        }
        for (block, table) in asset_tables(ctx.doc) {
            if let Some(d) = check_table(&Self::META, ctx.doc, block, table) {
                out.push(d);
            }
        }
    }
}

/// A figure with where it is printed.
struct Figure {
    label: String,
    value: Decimal,
    half_unit: Decimal,
    span: Span,
}

/// Tables that are a 固定资产占用情况表, with their block index.
fn asset_tables(doc: &Document) -> impl Iterator<Item = (usize, &Table)> {
    doc.blocks
        .iter()
        .enumerate()
        .filter_map(move |(i, b)| match b {
            Block::Table { table, .. } => doc.tables.get(*table as usize).map(|t| (i, t)),
            _ => None,
        })
        .filter(|(_, t)| is_asset_table(t))
}

fn is_asset_table(t: &Table) -> bool {
    let title = t.title.as_deref().unwrap_or("");
    let head: String = t
        .rows
        .iter()
        .take(2)
        .flat_map(|r| r.cells.iter().map(|c| c.text.as_str()))
        .collect();
    let names_assets =
        |s: &str| s.contains("资产占用") || s.contains("固定资产情况") || s.contains("资产总额");
    names_assets(title)
        || names_assets(&head)
        || t.rows
            .iter()
            .any(|r| r.cells.first().is_some_and(|c| norm(&c.text) == "资产总额"))
}

fn check_table(
    meta: &'static RuleMeta,
    doc: &Document,
    block: usize,
    t: &Table,
) -> Option<Diagnostic> {
    let col = value_column(t)?;
    let unit = t.unit.clone().unwrap_or(Unit::WanYuan);
    let rows: Vec<Figure> = t
        .rows
        .iter()
        .skip(t.header_rows as usize)
        .filter_map(|r| figure(r, col, &unit))
        .collect();
    let (total, parts) = match rows.iter().position(|f| is_total(&f.label)) {
        Some(i) => {
            let mut rest: Vec<&Figure> = rows.iter().collect();
            let total = rest.remove(i);
            (
                Figure {
                    label: total.label.clone(),
                    value: total.value,
                    half_unit: total.half_unit,
                    span: total.span,
                },
                rest,
            )
        }
        None => (prose_total(doc, block, &unit)?, rows.iter().collect()),
    };
    let parts = top_level(parts);
    if parts.len() < 2 {
        return None;
    }
    let sum: Decimal = parts.iter().map(|f| f.value).sum();
    let tolerance: Decimal = parts.iter().map(|f| f.half_unit).sum::<Decimal>() + total.half_unit;
    if (sum - total.value).abs() <= tolerance {
        return None;
    }
    let terms: Vec<String> = parts
        .iter()
        .map(|f| format!("{}（{}）", f.value.normalize(), f.label))
        .collect();
    let mut d = Diagnostic::new(
        meta,
        total.span,
        format!(
            "固定资产占用情况表各项之和为{}万元（{}），与资产总额{}万元不符，相差{}万元",
            sum.normalize(),
            terms.join(" + "),
            total.value.normalize(),
            (total.value - sum).normalize()
        ),
    )
    .en(format!(
        "The rows of the fixed-asset table add up to {} (万元), not to the total {}",
        sum.normalize(),
        total.value.normalize()
    ));
    for f in &parts {
        d = d.related(f.span, format!("{}：{}", f.label, f.value.normalize()));
    }
    Some(d)
}

/// The column headed 价值/金额, else the last column.
fn value_column(t: &Table) -> Option<usize> {
    let header = t
        .rows
        .iter()
        .take((t.header_rows as usize).max(1))
        .flat_map(|r| r.cells.iter().enumerate());
    let found = header
        .filter(|(_, c)| c.text.contains("价值") || c.text.contains("金额"))
        .map(|(i, _)| i)
        .max();
    found.or_else(|| {
        t.rows
            .iter()
            .map(|r| r.cells.len())
            .max()
            .and_then(|n| n.checked_sub(1))
    })
}

/// A row's label and value in the table's unit (blank = 0, as the template leaves empty
/// categories blank).
fn figure(row: &budgetlint_sdk::model::Row, col: usize, unit: &Unit) -> Option<Figure> {
    let label_cell = row.cells.first()?;
    let label = label_cell.text.trim().to_string();
    if label.is_empty() || label.contains("截止") || label.contains("编制单位") {
        return None;
    }
    let cell = row.cells.get(col)?;
    match &cell.number {
        Some(q) => {
            let value = if q.unit == Unit::None {
                q.value
            } else {
                q.value_in(unit)?
            };
            let half_unit = if q.unit == Unit::None {
                q.half_ulp()
            } else {
                q.half_ulp_in(unit)?
            };
            Some(Figure {
                label,
                value,
                half_unit,
                span: cell.span,
            })
        }
        None if cell.text.trim().is_empty() => Some(Figure {
            label,
            value: Decimal::ZERO,
            half_unit: Decimal::ZERO,
            span: label_cell.span,
        }),
        None => None,
    }
}

fn norm(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn is_total(label: &str) -> bool {
    matches!(
        norm(label).as_str(),
        "资产总额" | "资产合计" | "合计" | "总计" | "固定资产合计"
    )
}

/// The rows to add: the numbered ones (1、房屋…) when some are numbered, else all but “其中” rows.
fn top_level(rows: Vec<&Figure>) -> Vec<&Figure> {
    let numbered = |f: &&Figure| {
        f.label
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || "（(一二三四五六七八九十".contains(c))
    };
    if rows.iter().filter(|f| numbered(f)).count() >= 2 {
        rows.into_iter().filter(numbered).collect()
    } else {
        rows.into_iter()
            .filter(|f| !norm(&f.label).starts_with("其中"))
            .collect()
    }
}

/// The total stated just before the table: “上年末固定资产金额为252.6万元（详见下表）”.
fn prose_total(doc: &Document, block: usize, unit: &Unit) -> Option<Figure> {
    let first = block.saturating_sub(3) as u32;
    doc.facts
        .iter()
        .filter(|f| f.block >= first && (f.block as usize) < block && f.cell.is_none())
        .find_map(|f| {
            let FactKind::Amount(q) = &f.kind else {
                return None;
            };
            let label = f.label.as_ref()?.raw.as_str();
            let is_total =
                label.contains("固定资产") && !label.contains("购置") && !label.contains("新增");
            is_total.then(|| Figure {
                label: label.to_string(),
                value: q.value_in(unit).unwrap_or(q.value),
                half_unit: q.half_ulp_in(unit).unwrap_or_default(),
                span: f.span,
            })
        })
}
