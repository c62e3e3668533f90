use budgetlint_province_common::applies;
use budgetlint_sdk::model::{Document, PerfTable, Table};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta, Span};
use std::borrow::Cow;

/// The indicator columns of every Hebei 绩效目标表.
const INDICATOR_COLUMNS: &[&str] = &[
    "一级指标",
    "二级指标",
    "三级指标",
    "指标值",
    "指标值确定依据",
];

/// The checkpoints of the 资金支出计划 (cumulative % of the budget spent); the third may be
/// September or October depending on the year's template.
const PLAN_POINTS: &[&[&str]] = &[&["3月底"], &["6月底"], &["9月底", "10月底"], &["12月底"]];

declare_rule! {
    /// ## What it checks
    /// The columns of the Hebei project 绩效目标表:
    /// - every table has 一级指标 / 二级指标 / 三级指标 / 指标值 and the Hebei column
    ///   指标值确定依据;
    /// - when the document uses the variant with 项目编码 (the 单位预算 template), every table has
    ///   its 项目编码 and a 资金支出计划（%） with the four checkpoints 3月底 / 6月底 /
    ///   10月底 (9月底 in some years) / 12月底.
    ///
    /// Runs only under the 河北 profile. Whether the plan's percentages rise to 100% is checked by
    /// `indicator/spending-plan`.
    ///
    /// ## Why
    /// The Hebei template fixes the table's columns; 财预〔2021〕101号 asks for indicators at three
    /// levels with target values, and Hebei adds the basis of each value and the spending plan so
    /// that 执行监控 can compare spending with the plan during the year. A table without them cannot
    /// be monitored.
    ///
    /// ## Example
    /// ```text
    /// 资金支出计划（%）	3月底	6月底	12月底     ← 缺少“10月底”
    /// ```
    ///
    /// ## Fix
    /// Export the table again from the budget system's template with all columns.
    ///
    /// ## 检查内容
    /// 河北项目绩效目标表的列：
    /// - 每张表都有一级指标、二级指标、三级指标、指标值，以及河北模板特有的“指标值确定依据”列；
    /// - 文件采用带项目编码的格式（单位预算模板）时，每张表都有项目编码和资金支出计划（%），资金支出计划包括3月底、6月底、10月底（个别年度为9月底）、12月底四个时点。
    ///
    /// 只在河北省份配置下检查。资金支出计划的百分比是否递增到100%，由 `indicator/spending-plan` 检查。
    ///
    /// ## 依据
    /// 河北模板规定了绩效目标表的各列；财预〔2021〕101号要求设置三级指标及指标值，河北又增加了指标值确定依据和资金支出计划，以便在执行监控中将年内支出与计划比较。缺少这些列的表无法监控。
    ///
    /// ## 示例
    /// ```text
    /// 资金支出计划（%）	3月底	6月底	12月底     ← 缺少“10月底”
    /// ```
    ///
    /// ## 修改方法
    /// 按预算系统的模板重新导出包含全部列的表格。
    pub struct PerfTableColumns {
        id: "hebei/perf-table-columns",
        severity: Warning,
        summary: "绩效目标表 columns of the Hebei template (指标值确定依据, 项目编码, 资金支出计划)",
        summary_zh: "河北模板绩效目标表的列（指标值确定依据、项目编码、资金支出计划）",
    }
}

impl Rule for PerfTableColumns {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        if !applies(ctx, crate::PROVINCE) {
            return;
        }
        let coded_variant = ctx.doc.perf_tables.iter().any(|p| p.code.is_some());
        for perf in &ctx.doc.perf_tables {
            let Some(table) = ctx.doc.tables.get(perf.table as usize) else {
                continue;
            };
            let missing = missing_columns(perf, table, coded_variant);
            if !missing.is_empty() {
                out.push(finding(&Self::META, ctx.doc, perf, table, &missing));
            }
        }
    }
}

/// Every cell's text without white space (borrowed when it has none, as most cells).
fn cell_texts(table: &Table) -> impl Iterator<Item = Cow<'_, str>> + '_ {
    table
        .rows
        .iter()
        .flat_map(|r| r.cells.iter().map(|c| unspaced(&c.text)))
}

fn unspaced(text: &str) -> Cow<'_, str> {
    budgetlint_sdk::model::text::without_chars(text, char::is_whitespace)
}

fn missing_columns(perf: &PerfTable, table: &Table, coded_variant: bool) -> Vec<String> {
    let texts: Vec<Cow<str>> = cell_texts(table).collect();
    let has = |name: &str| {
        texts
            .iter()
            .any(|t| t == name || t.trim_end_matches(['：', ':']) == name)
    };
    let mut missing: Vec<String> = INDICATOR_COLUMNS
        .iter()
        .filter(|c| !has(c))
        .map(|c| c.to_string())
        .collect();
    if coded_variant {
        if perf.code.is_none() && !texts.iter().any(|t| t.starts_with("项目编码")) {
            missing.push("项目编码".to_string());
        }
        match plan_labels(table) {
            None => missing.push("资金支出计划（%）".to_string()),
            Some(labels) => {
                for point in PLAN_POINTS {
                    if !point.iter().any(|p| labels.iter().any(|l| l == p)) {
                        missing.push(format!("资金支出计划“{}”", point.join("”或“")));
                    }
                }
            }
        }
    }
    missing
}

/// The labels of the 资金支出计划 row (3月底, 6月底 …), when the table has one.
fn plan_labels(table: &Table) -> Option<Vec<String>> {
    let row = table
        .rows
        .iter()
        .find(|r| r.cells.iter().any(|c| c.text.contains("资金支出计划")))?;
    Some(
        row.cells
            .iter()
            .map(|c| unspaced(&c.text).into_owned())
            .filter(|t| t.ends_with("月底"))
            .collect(),
    )
}

fn finding(
    meta: &'static RuleMeta,
    doc: &Document,
    perf: &PerfTable,
    table: &Table,
    missing: &[String],
) -> Diagnostic {
    let span: Span = perf.project_span.or(table.title_span).unwrap_or(table.span);
    let project = perf
        .project
        .clone()
        .unwrap_or_else(|| "（未命名项目）".to_string());
    let _ = doc;
    Diagnostic::new(
        meta,
        span,
        format!(
            "项目“{project}”的绩效目标表缺少河北省模板规定的栏目：{}",
            missing.join("、")
        ),
    )
    .en(format!(
        "The 绩效目标表 of “{project}” lacks columns of the Hebei template: {}",
        missing.join(", ")
    ))
}
