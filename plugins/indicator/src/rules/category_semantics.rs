use crate::view::{is_time_name, Category, Indicator, Indicators, ValueKind};
use crate::vocab::{contains_any, ECOLOGY_WORDS, NON_ECOLOGICAL_ENVIRONMENTS};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Whether an indicator fits its 二级指标 category:
    /// - 时效指标 should be a time or deadline: a percentage on a name that is neither about time
    ///   nor a rate (`资金落实情况 ≥80%`, `服务完成度 ≥80%`) is misfiled;
    /// - 成本指标 should be a money amount or cost standard: a percentage (`使用率 ≥90%`,
    ///   `项目完成成本 100%`) is not a cost (cost-control rates such as `成本节约率` are accepted);
    /// - 数量指标 should be a count of outputs: a money amount (`2.5万元/月`) is an input, not an
    ///   output (a rate under 数量指标 is `indicator/rate-as-quantity`);
    /// - 社会效益、可持续影响 and 满意度 indicators should not be money amounts (`2万元`);
    /// - a month of the year (`12月`) is a deadline and belongs under 时效指标 (under
    ///   可持续影响指标 it is `indicator/sustainable-deadline`, an info);
    /// - a 生态效益 indicator should be about the environment (`优化营商环境` is not).
    ///
    /// Findings about the name are reported on the name cell, findings about the value on the
    /// value cell.
    ///
    /// ## Why
    /// The 2020 自评 framework (财预〔2020〕10号) and 财预〔2021〕101号 define what each category
    /// measures (产出: 数量、质量、时效、成本; 效益: 经济、社会、生态、可持续影响); a misfiled
    /// indicator is weighted and scored under the wrong heading.
    ///
    /// ## Example
    /// ```text
    /// 时效指标  资金落实情况  严格执行预算…  ≥80%
    /// 数量指标  退休人员各项工作  …  2.5万元/月
    /// ```
    ///
    /// ## Fix
    /// Move the indicator to the category it measures, or restate it in that category's terms
    /// (时效: `2021年12月底前完成`; 成本: `≤30万元`; 数量: `≥64000人`).
    ///
    /// ## 检查内容
    /// 指标是否与其二级指标类别相符：
    /// - 时效指标应是时间或期限：指标名称既不涉及时间也不是比率，指标值却是百分比的（`资金落实情况 ≥80%`、`服务完成度 ≥80%`），属于归类错误；
    /// - 成本指标应是金额或成本标准：百分比（`使用率 ≥90%`、`项目完成成本 100%`）不是成本（`成本节约率`等成本控制率除外）；
    /// - 数量指标应是产出的数量：金额（`2.5万元/月`）是投入而不是产出（数量指标下的比率见 `indicator/rate-as-quantity`）；
    /// - 社会效益、可持续影响和满意度指标不应是金额（`2万元`）；
    /// - 某月（`12月`）是完成期限，应列在时效指标下（列在可持续影响指标下的由 `indicator/sustainable-deadline` 作为提示报告）；
    /// - 生态效益指标应与环境有关（`优化营商环境`不是）。
    ///
    /// 关于指标名称的问题报告在名称单元格上，关于指标值的问题报告在指标值单元格上。
    ///
    /// ## 依据
    /// 2020年绩效自评框架（财预〔2020〕10号）和财预〔2021〕101号规定了各类指标衡量什么（产出：数量、质量、时效、成本；效益：经济、社会、生态、可持续影响）；归错类的指标会按错误的类别计权重和打分。
    ///
    /// ## 示例
    /// ```text
    /// 时效指标  资金落实情况  严格执行预算…  ≥80%
    /// 数量指标  退休人员各项工作  …  2.5万元/月
    /// ```
    ///
    /// ## 修改方法
    /// 把指标移到它实际衡量的类别下，或按该类别的要求改写（时效：`2021年12月底前完成`；成本：`≤30万元`；数量：`≥64000人`）。
    pub struct CategorySemantics {
        id: "indicator/category-semantics",
        severity: Warning,
        summary: "An indicator's name or value does not fit its category (a % under 成本指标, a rate under 数量指标 …)",
        summary_zh: "指标名称或指标值与其类别不符（成本指标下的百分比、数量指标下的比率等）",
    }
}

impl Rule for CategorySemantics {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        for ind in ctx.view::<Indicators>() {
            let finding = name_misfiled(ind)
                .map(|d| ind.relate_value(d))
                .or_else(|| value_misfiled(ind).map(|d| ind.relate_name(d)));
            if let Some(d) = finding {
                out.push(d);
            }
        }
    }
}

/// A finding on the name cell.
fn on_name(ind: &Indicator, zh: String, en: String) -> Diagnostic {
    Diagnostic::new(&CategorySemantics::META, ind.name_span(), zh).en(en)
}

/// A finding on the value cell.
fn on_value(ind: &Indicator, zh: String, en: String) -> Diagnostic {
    Diagnostic::new(&CategorySemantics::META, ind.value_span, zh).en(en)
}

/// The name (with a percentage value) does not belong in the category.
fn name_misfiled(ind: &Indicator) -> Option<Diagnostic> {
    let name = ind.name.as_str();
    let percent = matches!(ind.kind(), ValueKind::Percent { .. });
    let (cat, v) = (ind.category, ind.value_text);
    match cat {
        // A rate under 时效指标 (资金到位率, 按时完成率) is common practice; only other names are misfiled.
        Category::Timeliness if percent && !is_time_name(name) && !name.contains('率') => Some(on_name(
            ind,
            format!("时效指标“{}”（{v}）衡量的不是时间或期限，指标归类有误", ind.name_as_written()),
            format!("The timeliness indicator “{}” ({v}) does not measure a time or deadline; it is misfiled", ind.name_as_written()),
        )),
        Category::Cost if percent && !is_cost_rate(name) => Some(on_name(
            ind,
            format!("成本指标“{}”的指标值是百分比（{v}），不是成本金额或成本标准", ind.name_as_written()),
            format!("The cost indicator “{}” has a percentage value ({v}) instead of a cost amount or standard", ind.name_as_written()),
        )),
        Category::Ecological if !is_not_applicable(ind) && !mentions_ecology(ind) => Some(on_name(
            ind,
            format!("生态效益指标“{}”与生态环境无关，指标归类有误", ind.name_as_written()),
            format!("The ecological-benefit indicator “{}” is not about the environment; it is misfiled", ind.name_as_written()),
        )),
        _ => None,
    }
}

/// The value is of a kind the category does not take.
fn value_misfiled(ind: &Indicator) -> Option<Diagnostic> {
    let (cat, v) = (ind.category, ind.value_text);
    match ind.kind() {
        ValueKind::Money(_) if cat == Category::Quantity => Some(on_value(
            ind,
            format!("数量指标“{}”的指标值是金额（{v}），数量指标应为产出的数量（人、件、次 …）", ind.name_as_written()),
            format!("The quantity indicator “{}” has a money value ({v}); quantity indicators count outputs", ind.name_as_written()),
        )),
        ValueKind::Money(_) if matches!(cat, Category::Social | Category::Sustainable | Category::Satisfaction) => Some(on_value(
            ind,
            format!("{}“{}”的指标值是金额（{v}），不是效益或满意度的衡量", cat.chinese(), ind.name_as_written()),
            format!("The {} indicator “{}” has a money value ({v}), which does not measure a benefit", cat.english(), ind.name_as_written()),
        )),
        // A month under 可持续影响指标 is `indicator/sustainable-deadline`.
        ValueKind::MonthOfYear if cat == Category::Sustainable => None,
        ValueKind::MonthOfYear if !matches!(cat, Category::Timeliness | Category::Unknown) && !is_time_name(&ind.name) => Some(on_value(
            ind,
            format!("{}“{}”的指标值是月份（{v}），月份是时效目标，应归入时效指标", cat.chinese(), ind.name_as_written()),
            format!("The {} indicator “{}” has a month as value ({v}); deadlines belong under 时效指标", cat.english(), ind.name_as_written()),
        )),
        _ => None,
    }
}

/// 成本节约率, 费用控制率: a rate about cost is a legitimate cost measure.
fn is_cost_rate(name: &str) -> bool {
    name.contains('率') && contains_any(name, &["成本", "费用", "经费", "支出", "节约", "控制"])
}

fn mentions_ecology(ind: &Indicator) -> bool {
    let mut text = format!("{}{}{}", ind.name, ind.description(), ind.value_text);
    for phrase in NON_ECOLOGICAL_ENVIRONMENTS {
        text = text.replace(phrase, "");
    }
    text.contains("环境") || contains_any(&text, ECOLOGY_WORDS)
}

/// `无`, `不适用`: a category explicitly left empty.
fn is_not_applicable(ind: &Indicator) -> bool {
    let na = |s: &str| matches!(s.trim(), "无" | "不适用" | "/" | "—" | "-" | "——" | "暂无");
    na(&ind.name) || na(ind.value_text)
}
