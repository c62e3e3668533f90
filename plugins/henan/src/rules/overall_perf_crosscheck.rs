use super::OverallPerfSplitDiffers;
use crate::annex::table_spec;
use budgetlint_province_common::names::normalize;
use budgetlint_province_common::{applies, is_budget};
use budgetlint_sdk::model::{Block, Document, Row, Table, Unit};
use budgetlint_sdk::{declare_rule, Context, Decimal, Diagnostic, Rule, RuleMeta, Span};

/// Template indices (crate::template::TABLES) of the tables compared.
const TOTALS_TABLE: usize = 0;
const EXPENDITURE_TABLE: usize = 2;
const OVERALL_TABLE: usize = 9;

/// The order of the expenditure figures of the 整体绩效目标表 (its header cells are merged, so
/// the values row is read in this order and accepted only when its own sums hold).
const OVERALL_SPENDING: [&str; 8] = [
    "支出合计",
    "基本支出",
    "人员支出",
    "日常公用支出",
    "项目支出",
    "专项项目支出",
    "一般性项目支出",
    "经营支出",
];

declare_rule! {
    /// ## What it checks
    /// The Henan 部门（单位）整体绩效目标表 repeats the year's budget: 收入合计, 支出合计 and its
    /// split into 基本支出 (人员支出, 日常公用支出) and 项目支出 (专项项目, 一般性项目). The rule
    /// compares them with the budget tables of the same document: 收入合计 and 支出合计 with the
    /// 部门收支总体情况表, 基本支出 and 项目支出 with the 合计 row of the 部门支出总体情况表.
    /// The finer split (人员支出, 日常公用支出, 一般性/专项项目) is compared by
    /// `henan/overall-perf-split-differs`, an info, since templates group projects differently.
    ///
    /// Runs only under the 河南 profile and on budgets, when both tables are in the document.
    ///
    /// ## Why
    /// The 整体绩效目标 is set on the whole budget of the unit (财预〔2021〕101号); figures that
    /// differ from the budget tables mean the targets were set on another budget, or a table was
    /// not updated.
    ///
    /// ## Example
    /// ```text
    /// 部门收支总体情况表: 收入合计 520.00
    /// 整体绩效目标表: 收入合计 510.00     ← 520.00 in the budget tables
    /// ```
    ///
    /// ## Fix
    /// Fill the 整体绩效目标表 from the approved budget tables.
    ///
    /// ## 检查内容
    /// 河南部门（单位）整体绩效目标表重复列出本年预算：收入合计、支出合计，以及支出中的基本支出（人员支出、日常公用支出）和项目支出（专项项目、一般性项目）。本规则把它们与同一文件的预算表比较：收入合计、支出合计与部门收支总体情况表比较，基本支出、项目支出与部门支出总体情况表的合计行比较。更细的划分（人员支出、日常公用支出、一般性/专项项目）由 `henan/overall-perf-split-differs` 比较，作为提示，因为各模板对项目的归类不同。
    ///
    /// 只在河南省份配置下、对预算文件检查，且两张表都在文件中。
    ///
    /// ## 依据
    /// 整体绩效目标是针对单位全部预算设定的（财预〔2021〕101号）；数字与预算表不同，说明目标是按另一份预算设定的，或某张表没有更新。
    ///
    /// ## 示例
    /// ```text
    /// 部门收支总体情况表: 收入合计 520.00
    /// 整体绩效目标表: 收入合计 510.00     ← 预算表中为520.00
    /// ```
    ///
    /// ## 修改方法
    /// 按批复的预算表填写整体绩效目标表。
    pub struct OverallPerfCrosscheck {
        id: "henan/overall-perf-crosscheck",
        severity: Error,
        summary: "整体绩效目标表 totals must equal the budget tables",
        summary_zh: "整体绩效目标表的合计数应与预算表一致",
    }
}

impl Rule for OverallPerfCrosscheck {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        report(ctx, &Self::META, out);
    }
}

/// The findings of the cross-check that belong to `meta`'s rule: every figure is compared,
/// each finding made under the rule of its judgement (this rule for the totals,
/// `henan/overall-perf-split-differs` for the finer split).
pub(crate) fn report(ctx: &Context, meta: &'static RuleMeta, out: &mut Vec<Diagnostic>) {
    if !applies(ctx, crate::PROVINCE) || !is_budget(ctx) {
        return;
    }
    let of_rule = |d: &&Diagnostic| d.rule == meta.id;
    out.extend(
        ctx.view::<CrosscheckFindings>()
            .iter()
            .filter(of_rule)
            .cloned(),
    );
}

budgetlint_sdk::document_view! {
    /// Every finding of the cross-check, made once per document for the two rules.
    CrosscheckFindings<'d>: Vec<Diagnostic> = |doc| {
        let mut all = Vec::new();
        crosscheck(doc, &mut all);
        all
    }
}

fn crosscheck(doc: &Document, out: &mut Vec<Diagnostic>) {
    let Some(overall) = table_named(doc, OVERALL_TABLE) else {
        return;
    };
    let totals = table_named(doc, TOTALS_TABLE);
    let spending = table_named(doc, EXPENDITURE_TABLE);
    let mut pairs: Vec<Comparison> = Vec::new();
    if let Some(t) = totals {
        pairs.push((
            "收入合计",
            overall_income(overall),
            "部门收支总体情况表的收入合计",
            labelled(t, &["收入合计", "收入总计"]),
            &OverallPerfCrosscheck::META,
        ));
    }
    let split = overall_spending(overall);
    let get = |name: &str| {
        split
            .as_ref()
            .and_then(|s| s.iter().find(|(n, _)| *n == name).map(|(_, f)| f.clone()))
    };
    if let Some(t) = totals {
        pairs.push((
            "支出合计",
            get("支出合计"),
            "部门收支总体情况表的支出合计",
            labelled(t, &["支出合计", "支出总计"]),
            &OverallPerfCrosscheck::META,
        ));
    }
    if let Some(t) = spending {
        let col = |names: &[&str]| total_row_value(t, names);
        pairs.push((
            "基本支出",
            get("基本支出"),
            "部门支出总体情况表的基本支出",
            col(&["基本支出"]),
            &OverallPerfCrosscheck::META,
        ));
        pairs.push((
            "项目支出",
            get("项目支出"),
            "部门支出总体情况表的项目支出",
            col(&["项目支出"]),
            &OverallPerfCrosscheck::META,
        ));
        let personnel = sum(
            col(&["工资福利支出"]),
            col(&["对个人和家庭的补助", "对个人和家庭补助"]),
        );
        pairs.push((
            "人员支出",
            get("人员支出"),
            "部门支出总体情况表的工资福利支出与对个人和家庭的补助之和",
            personnel,
            &OverallPerfSplitDiffers::META,
        ));
        pairs.push((
            "日常公用支出",
            get("日常公用支出"),
            "部门支出总体情况表的商品和服务支出",
            col(&["商品和服务支出"]),
            &OverallPerfSplitDiffers::META,
        ));
        pairs.push((
            "一般性项目支出",
            get("一般性项目支出"),
            "部门支出总体情况表的一般性项目",
            col(&["一般性项目"]),
            &OverallPerfSplitDiffers::META,
        ));
        pairs.push((
            "专项项目支出",
            get("专项项目支出"),
            "部门支出总体情况表的专项项目",
            col(&["专项项目"]),
            &OverallPerfSplitDiffers::META,
        ));
    }
    for (name, mine, other_name, other, meta) in pairs {
        let (Some(mine), Some(other)) = (mine, other) else {
            continue;
        };
        if (mine.value - other.value).abs() <= mine.half + other.half {
            continue;
        }
        let note = if name.contains("项目") {
            project_columns_note(spending)
        } else {
            String::new()
        };
        out.push(
            Diagnostic::new(
                meta,
                mine.span,
                format!(
                    "整体绩效目标表的{name}{}万元与{other_name}{}万元不一致{note}",
                    mine.value.normalize(),
                    other.value.normalize()
                ),
            )
            .en(format!(
                "{name} in the 整体绩效目标表 is {}, the budget tables give {}",
                mine.value.normalize(),
                other.value.normalize()
            ))
            .related(other.span, other_name.to_string()),
        );
    }
}

/// (name in the 整体绩效目标表, its figure, what it is compared with, that figure, the rule that
/// reports a difference).
type Comparison<'a> = (
    &'a str,
    Option<Figure>,
    &'a str,
    Option<Figure>,
    &'static RuleMeta,
);

/// A figure with its rounding half-unit and place.
#[derive(Debug, Clone)]
struct Figure {
    value: Decimal,
    half: Decimal,
    span: Span,
}

fn sum(a: Option<Figure>, b: Option<Figure>) -> Option<Figure> {
    let (a, b) = (a?, b?);
    Some(Figure {
        value: a.value + b.value,
        half: a.half + b.half,
        span: a.span,
    })
}

/// The table whose title (or the line a few blocks before it) names template table `spec`.
fn table_named(doc: &Document, spec: usize) -> Option<&Table> {
    doc.blocks.iter().enumerate().find_map(|(i, b)| {
        let Block::Table { table, .. } = b else {
            return None;
        };
        let t = doc.tables.get(*table as usize)?;
        let by_title = t.title.as_deref().and_then(table_spec) == Some(spec);
        let by_caption = || {
            doc.blocks[i.saturating_sub(4)..i]
                .iter()
                .rev()
                .take_while(|b| !matches!(b, Block::Table { .. }))
                .any(|b| match b {
                    Block::Paragraph(p) => {
                        let text = doc.slice(p.text_span);
                        text.chars().count() <= 60 && table_spec(text) == Some(spec)
                    }
                    _ => false,
                })
        };
        (by_title || by_caption()).then_some(t)
    })
}

fn figure(t: &Table, cell: &budgetlint_sdk::model::Cell) -> Option<Figure> {
    let q = cell.number.as_ref()?;
    let unit = t.unit.clone().unwrap_or(Unit::WanYuan);
    let (value, half) = if q.unit == Unit::None {
        (q.value, q.half_ulp())
    } else {
        (q.value_in(&unit)?, q.half_ulp_in(&unit)?)
    };
    Some(Figure {
        value,
        half,
        span: cell.span,
    })
}

/// The first number to the right of a cell labelled with one of `names`.
fn labelled(t: &Table, names: &[&str]) -> Option<Figure> {
    t.rows.iter().find_map(|r| {
        let at = r
            .cells
            .iter()
            .position(|c| names.contains(&normalize(&c.text).trim_end_matches(['：', ':'])))?;
        r.cells[at + 1..].iter().find_map(|c| figure(t, c))
    })
}

/// The value in the 合计 row under the header cell named one of `names`.
fn total_row_value(t: &Table, names: &[&str]) -> Option<Figure> {
    let header = &t.rows[..(t.header_rows as usize).min(t.rows.len())];
    let col = header.iter().find_map(|r| {
        r.cells
            .iter()
            .position(|c| names.contains(&normalize(&c.text).as_str()))
    })?;
    let total = total_row(t)?;
    match total.cells.get(col) {
        Some(c) if c.number.is_some() => figure(t, c),
        Some(c) if c.text.trim().is_empty() => Some(Figure {
            value: Decimal::ZERO,
            half: Decimal::ZERO,
            span: c.span,
        }),
        _ => None,
    }
}

/// The values row that follows the row holding `label` (the first row after it that starts with
/// a number).
fn values_after<'a>(t: &'a Table, label: &str) -> Option<&'a Row> {
    let at = t
        .rows
        .iter()
        .position(|r| r.cells.iter().any(|c| normalize(&c.text) == label))?;
    t.rows[at + 1..]
        .iter()
        .take(4)
        .find(|r| r.cells.first().is_some_and(|c| c.number.is_some()))
}

fn overall_income(t: &Table) -> Option<Figure> {
    figure(t, values_after(t, "收入合计")?.cells.first()?)
}

/// The expenditure split of the 整体绩效目标表, when its values row reads consistently in the
/// template's order (支出合计 = 基本 + 项目 + 经营, 基本 = 人员 + 日常公用, 项目 = 专项 + 一般性).
fn overall_spending(t: &Table) -> Option<Vec<(&'static str, Figure)>> {
    let row = values_after(t, "支出合计")?;
    let mut figures = Vec::new();
    for (name, cell) in OVERALL_SPENDING.iter().zip(row.cells.iter()) {
        let f = figure(t, cell).unwrap_or(Figure {
            value: Decimal::ZERO,
            half: Decimal::ZERO,
            span: cell.span,
        });
        figures.push((*name, f));
    }
    if figures.len() < 7 {
        return None;
    }
    let v = |i: usize| figures.get(i).map_or(Decimal::ZERO, |(_, f)| f.value);
    let h = |i: usize| figures.get(i).map_or(Decimal::ZERO, |(_, f)| f.half);
    let holds = |total: usize, parts: &[usize]| {
        (v(total) - parts.iter().map(|&i| v(i)).sum::<Decimal>()).abs()
            <= h(total) + parts.iter().map(|&i| h(i)).sum::<Decimal>()
    };
    (holds(0, &[1, 4, 7]) && holds(1, &[2, 3]) && holds(4, &[5, 6])).then_some(figures)
}

/// “（部门支出总体情况表的项目支出还分列：人员类项目13.20万元）” — project columns other than
/// 一般性/专项项目 that hold money, which explain a split that differs.
fn project_columns_note(spending: Option<&Table>) -> String {
    let Some(t) = spending else {
        return String::new();
    };
    let header = &t.rows[..(t.header_rows as usize).min(t.rows.len())];
    let Some(last_header) = header.last() else {
        return String::new();
    };
    let Some(start) = header.iter().find_map(|r| {
        r.cells
            .iter()
            .position(|c| normalize(&c.text) == "项目支出")
    }) else {
        return String::new();
    };
    let others: Vec<String> = last_header
        .cells
        .iter()
        .enumerate()
        .skip(start + 1)
        .filter(|(_, c)| {
            let n = normalize(&c.text);
            n.contains("项目") && n != "一般性项目" && n != "专项项目"
        })
        .filter_map(|(i, c)| {
            let n = normalize(&c.text);
            total_row_value_at(t, i)
                .filter(|f| !f.value.is_zero())
                .map(|f| format!("{n}{}万元", f.value.normalize()))
        })
        .collect();
    if others.is_empty() {
        String::new()
    } else {
        format!(
            "（部门支出总体情况表的项目支出还分列：{}）",
            others.join("、")
        )
    }
}

fn total_row_value_at(t: &Table, col: usize) -> Option<Figure> {
    figure(t, total_row(t)?.cells.get(col)?)
}

/// The 合计 row: labelled 合计/总计 and holding numbers (a header cell 总计 is not it).
fn total_row(t: &Table) -> Option<&Row> {
    t.rows.iter().find(|r| {
        r.cells
            .iter()
            .any(|c| matches!(normalize(&c.text).as_str(), "合计" | "总计"))
            && r.cells.iter().any(|c| c.number.is_some())
    })
}
