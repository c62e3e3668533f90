use budgetlint_province_common::names::normalize;
use budgetlint_province_common::{applies, is_budget};
use budgetlint_sdk::model::Table;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta, Span};

/// The indicator columns of the 项目绩效目标汇总表 under 产出指标.
const OUTPUT_COLUMNS: &[&str] = &["数量指标", "质量指标", "时效指标", "成本指标"];

/// How many leading rows hold the header of the indicator columns.
const HEADER_ROWS: usize = 4;

declare_rule! {
    /// ## What it checks
    /// The indicator columns of the Henan 部门（单位）预算项目绩效目标汇总表: under 绩效指标 the
    /// first-level groups 产出指标, 效益指标 and 满意度指标, and under 产出指标 the columns
    /// 数量指标, 质量指标, 时效指标 and 成本指标 (each with 中期 and 年度 values). Reports a header
    /// without 产出指标 — naming the group written in its place, such as 支出指标 — and the output
    /// columns it lacks.
    ///
    /// Runs only under the 河南 profile and on budgets, on tables whose header has 绩效指标 and a
    /// 效益指标 group.
    ///
    /// ## Why
    /// 财预〔2021〕101号 fixes the first-level indicators (产出、效益、满意度) and the second-level
    /// output indicators (数量、质量、时效、成本); a summary table without 数量 and 时效 columns cannot
    /// hold the targets the projects' 绩效目标 must state.
    ///
    /// ## Example
    /// ```text
    /// 绩效指标
    /// 支出指标 …… 效益指标 …… 服务对象满意度      ← 应为“产出指标”
    /// 质量指标 成本指标 ……                       ← 缺少数量指标、时效指标
    /// ```
    ///
    /// ## Fix
    /// Use the template's header: 产出指标 (数量/质量/时效/成本), 效益指标, 满意度指标.
    ///
    /// ## 检查内容
    /// 河南部门（单位）预算项目绩效目标汇总表的指标列：绩效指标下的一级指标产出指标、效益指标、满意度指标，以及产出指标下的数量指标、质量指标、时效指标、成本指标（各有中期和年度指标值）。表头没有产出指标的报告（并写明代替它的名称，如“支出指标”），缺少的产出指标列也逐一报告。
    ///
    /// 只在河南省份配置下、对预算文件中表头有“绩效指标”和效益指标组的表检查。
    ///
    /// ## 依据
    /// 财预〔2021〕101号规定了一级指标（产出、效益、满意度）和产出指标下的二级指标（数量、质量、时效、成本）；汇总表缺少数量和时效列，就容纳不了项目绩效目标必须写明的目标值。
    ///
    /// ## 示例
    /// ```text
    /// 绩效指标
    /// 支出指标 …… 效益指标 …… 服务对象满意度      ← 应为“产出指标”
    /// 质量指标 成本指标 ……                       ← 缺少数量指标、时效指标
    /// ```
    ///
    /// ## 修改方法
    /// 使用模板的表头：产出指标（数量/质量/时效/成本）、效益指标、满意度指标。
    pub struct ProjectPerfTable {
        id: "henan/project-perf-table",
        severity: Warning,
        summary: "项目绩效目标汇总表: 产出指标 with 数量/质量/时效/成本 columns",
        summary_zh: "项目绩效目标汇总表：产出指标应有数量、质量、时效、成本各列",
    }
}

impl Rule for ProjectPerfTable {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        if !applies(ctx, crate::PROVINCE) || !is_budget(ctx) {
            return;
        }
        for table in ctx.doc.tables.iter().filter(|t| is_indicator_header(t)) {
            if let Some(d) = check_table(&Self::META, table) {
                out.push(d);
            }
        }
    }
}

/// Header cells (normalised text and span) of the first rows.
fn header(t: &Table) -> Vec<(String, Span)> {
    t.rows
        .iter()
        .take(HEADER_ROWS)
        .flat_map(|r| r.cells.iter().map(|c| (normalize(&c.text), c.span)))
        .filter(|(n, _)| !n.is_empty())
        .collect()
}

fn is_indicator_header(t: &Table) -> bool {
    let cells = header(t);
    cells.iter().any(|(n, _)| n == "绩效指标") && cells.iter().any(|(n, _)| n == "效益指标")
}

fn check_table(meta: &'static RuleMeta, t: &Table) -> Option<Diagnostic> {
    let cells = header(t);
    let has = |name: &str| cells.iter().any(|(n, _)| n.starts_with(name));
    let has_output_group = has("产出指标");
    let missing: Vec<&str> = OUTPUT_COLUMNS.iter().copied().filter(|c| !has(c)).collect();
    if has_output_group && missing.is_empty() {
        return None;
    }
    // The first-level group written where 产出指标 belongs: an “…指标” cell of the group row
    // that is none of the template's groups.
    let known = [
        "绩效指标",
        "产出指标",
        "效益指标",
        "满意度指标",
        "服务对象满意度",
        "服务对象满意度指标",
    ];
    let stray = cells.iter().find(|(n, _)| {
        n.ends_with("指标")
            && n.chars().count() <= 5
            && !known.contains(&n.as_str())
            && !OUTPUT_COLUMNS.contains(&n.as_str())
            && !n.contains("效益")
    });
    let anchor = stray
        .map(|(_, s)| *s)
        .or_else(|| cells.first().map(|(_, s)| *s))?;
    let mut parts = Vec::new();
    if !has_output_group {
        match stray {
            Some((n, _)) => parts.push(format!("一级指标写作“{n}”，应为“产出指标”")),
            None => parts.push("缺少一级指标“产出指标”".to_string()),
        }
    }
    if !missing.is_empty() {
        parts.push(format!("产出指标下缺少{}栏", missing.join("、")));
    }
    Some(
        Diagnostic::new(meta, anchor, format!("项目绩效目标汇总表的指标栏目不符合河南省模板：{}", parts.join("；")))
            .en(format!("The indicator header of the 项目绩效目标汇总表 does not follow the template (产出指标 with {} columns)", OUTPUT_COLUMNS.join("/"))),
    )
}
