use crate::template::applicable;
use budgetlint_province_common::divisions;
use budgetlint_sdk::model::{PerfTable, Table};
use budgetlint_sdk::province::PerfTableForm;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta, Span};
use std::borrow::Cow;

declare_rule! {
    /// ## What it checks
    /// The columns of the project 绩效目标表 as the province's template (a data file, see
    /// docs/PROVINCES.md) lists them in its `[perf-table]`. Hebei's:
    /// - every table has 一级指标 / 二级指标 / 三级指标 / 指标值 and the Hebei column
    ///   指标值确定依据 (`columns`);
    /// - when the document uses the variant with 项目编码 (the 单位预算 template), every table has
    ///   its 项目编码 and a 资金支出计划（%） with the four checkpoints 3月底 / 6月底 /
    ///   10月底 (9月底 in some years) / 12月底 (`coded-spending-plan`).
    ///
    /// Runs only when the profile's province has a template for the document's kind that lists
    /// its `perf-table`. Whether the plan's percentages rise to 100% is checked by
    /// `indicator/spending-plan`. Formerly the compiled `hebei/perf-table-columns`, whose id
    /// still names it.
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
    /// 项目绩效目标表是否具备省份模板（数据文件，见 docs/PROVINCES.md）`[perf-table]` 列出的各列。河北的：
    /// - 每张表都有一级指标、二级指标、三级指标、指标值，以及河北模板特有的“指标值确定依据”列（`columns`）；
    /// - 文件采用带项目编码的格式（单位预算模板）时，每张表都有项目编码和资金支出计划（%），资金支出计划包括3月底、6月底、10月底（个别年度为9月底）、12月底四个时点（`coded-spending-plan`）。
    ///
    /// 只在省份配置中有适用于文件类型、并列出 `perf-table` 的模板时检查。原编译规则 `hebei/perf-table-columns` 即本规则，其编号仍可使用。资金支出计划的百分比是否递增到100%，由 `indicator/spending-plan` 检查。
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
        id: "province/perf-table-columns",
        aliases: ["hebei/perf-table-columns"],
        severity: Warning,
        summary: "绩效目标表 columns of the province's template (data: Hebei's 指标值确定依据, 项目编码, 资金支出计划)",
        summary_zh: "省级模板（数据）规定的绩效目标表各列（如河北的指标值确定依据、项目编码、资金支出计划）",
    }
}

impl Rule for PerfTableColumns {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let Some(form) = applicable(ctx).find_map(|t| t.perf_table.as_ref()) else {
            return;
        };
        let Some(province) = ctx.profile.province.as_deref() else {
            return;
        };
        let coded_variant = ctx.doc.perf_tables.iter().any(|p| p.code.is_some());
        for perf in &ctx.doc.perf_tables {
            let Some(table) = ctx.doc.tables.get(perf.table as usize) else {
                continue;
            };
            let missing = missing_columns(form, perf, table, coded_variant);
            if !missing.is_empty() {
                out.push(finding(&Self::META, province, perf, table, &missing));
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

fn missing_columns(
    form: &PerfTableForm,
    perf: &PerfTable,
    table: &Table,
    coded_variant: bool,
) -> Vec<String> {
    let texts: Vec<Cow<str>> = cell_texts(table).collect();
    let has = |name: &str| {
        texts
            .iter()
            .any(|t| t == name || t.trim_end_matches(['：', ':']) == name)
    };
    let mut missing: Vec<String> = form
        .columns
        .iter()
        .filter(|c| !has(&unspaced(c)))
        .cloned()
        .collect();
    if coded_variant && !form.coded_spending_plan.is_empty() {
        if perf.code.is_none() && !texts.iter().any(|t| t.starts_with("项目编码")) {
            missing.push("项目编码".to_string());
        }
        match plan_labels(table) {
            None => missing.push("资金支出计划（%）".to_string()),
            Some(labels) => {
                for point in &form.coded_spending_plan {
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
    province: &str,
    perf: &PerfTable,
    table: &Table,
    missing: &[String],
) -> Diagnostic {
    let span: Span = perf.project_span.or(table.title_span).unwrap_or(table.span);
    let project = perf
        .project
        .clone()
        .unwrap_or_else(|| "（未命名项目）".to_string());
    let (name_zh, name_en) = province_names(province);
    Diagnostic::new(
        meta,
        span,
        format!(
            "项目“{project}”的绩效目标表缺少{name_zh}模板规定的栏目：{}",
            missing.join("、")
        ),
    )
    .en(format!(
        "The 绩效目标表 of “{project}” lacks columns of the {name_en} template: {}",
        missing.join(", ")
    ))
}

/// A province's full name (河北省) and its name in Pinyin (Hebei), from the division table.
fn province_names(short: &str) -> (String, String) {
    let zh = divisions::all()
        .iter()
        .find(|d| d.level == "province" && d.province == short && d.current)
        .map_or(short, |d| d.name);
    let en = budgetlint_sdk::model::divisions::province_pinyin(short).map_or_else(
        || short.to_string(),
        |p| {
            let mut chars = p.chars();
            chars
                .next()
                .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
        },
    );
    (zh.to_string(), en)
}
