use super::{AnnexUntitledTable, BudgetOrder};
use crate::annex::{self, AnnexTable};
use crate::template::*;
use budgetlint_province_common::headings::SectionHeading;
use budgetlint_province_common::names::chinese_numeral;
use budgetlint_province_common::skeleton::{
    compare, report_under, section_name_zh, Comparison, Rules, Template,
};
use budgetlint_province_common::{applies, document_anchor, is_budget};
use budgetlint_sdk::model::Document;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta, Span};

declare_rule! {
    /// ## What it checks
    /// The 附件 of the Henan 部门预算, with its twelve tables in order: 部门收支总体情况表,
    /// 部门收入总体情况表, 部门支出总体情况表, 财政拨款收支总体情况表, 一般公共预算支出情况表,
    /// 支出预算分类汇总表（按支出经济分类）, 一般公共预算“三公”经费支出情况表,
    /// 政府性基金预算支出情况表, 国有资本经营预算支出情况表, 部门（单位）整体绩效目标表,
    /// 部门（单位）预算项目绩效目标汇总表, 机关运行经费. A table counts when its title is found,
    /// or its header when it is printed without a title.
    ///
    /// It reports the missing tables, in one finding on the 目录 line of the first. Tables out
    /// of order are `henan/budget-order` (a warning), a table printed without its title
    /// `henan/annex-untitled-table` (an info). The three parts and their items (第一部分 概况,
    /// 第二部分 预算情况说明 with its ten items, 第三部分 名词解释) are data,
    /// `data/provinces/henan-budget.toml`, checked by `province/template-sections` and the rules
    /// split from it. Titles are matched through aliases. Runs only under the 河南 profile and
    /// on budgets.
    ///
    /// ## Why
    /// The Henan template implements the national list of tables (财预〔2016〕143号 and the
    /// 标准目录: 8 tables plus 国有资本经营预算) and adds 整体绩效目标表, 项目绩效目标汇总表 and
    /// 机关运行经费; a table with no data must still be printed empty with a note. Evaluators
    /// score completeness table by table.
    ///
    /// ## Example
    /// ```text
    /// 目录 … 六、支出预算分类汇总表（按支出经济分类） … 八、政府性基金预算支出情况表 …
    /// 附件: 一 二 三 四 五 七 十 十一 十二      ← 缺少第六、八、九张表
    /// ```
    ///
    /// ## Fix
    /// Print every table of the template, empty with “本部门无此项收支，故本表为空表” when
    /// there is nothing to show, with its title, in the template's order.
    ///
    /// ## 检查内容
    /// 河南部门预算的附件，按顺序列出十二张表：部门收支总体情况表、部门收入总体情况表、部门支出总体情况表、财政拨款收支总体情况表、一般公共预算支出情况表、支出预算分类汇总表（按支出经济分类）、一般公共预算“三公”经费支出情况表、政府性基金预算支出情况表、国有资本经营预算支出情况表、部门（单位）整体绩效目标表、部门（单位）预算项目绩效目标汇总表、机关运行经费。找到表题，或没有表题时找到表头，即算有该表。
    ///
    /// 报告缺少的表（合为一条，报告在第一张缺表的目录行上）。顺序不对的由 `henan/budget-order` 报告（警告），印了表但没有表题的由 `henan/annex-untitled-table` 报告（提示）。三个部分及其各项（第一部分 概况、第二部分 预算情况说明的十项、第三部分 名词解释）是数据 `data/provinces/henan-budget.toml`，由 `province/template-sections` 及从其拆分出的规则检查。标题按别名匹配。只在河南省份配置下、对预算文件检查。
    ///
    /// ## 依据
    /// 河南模板落实了全国统一的公开表格（财预〔2016〕143号和标准目录：8张表加国有资本经营预算表），并增加了整体绩效目标表、项目绩效目标汇总表和机关运行经费；没有数据的表也须公开空表并加说明。评审逐表评价完整性。
    ///
    /// ## 示例
    /// ```text
    /// 目录 … 六、支出预算分类汇总表（按支出经济分类） … 八、政府性基金预算支出情况表 …
    /// 附件: 一 二 三 四 五 七 十 十一 十二      ← 缺少第六、八、九张表
    /// ```
    ///
    /// ## 修改方法
    /// 按模板顺序印出每张表及其表题；没有内容的，印空表并注明“本部门无此项收支，故本表为空表”。
    pub struct BudgetStructure {
        id: "henan/budget-structure",
        severity: Error,
        summary: "Henan budget: a table of the 12 the 附件 must hold is missing",
        summary_zh: "河南预算附件缺少12张附表中的表",
    }
}

impl Rule for BudgetStructure {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        report(ctx, &Self::META, out);
    }
}

/// The findings of the 附件's comparison with the template that belong to `meta`'s rule: the
/// comparison runs, each finding made under the rule of its judgement (this rule,
/// `henan/budget-order` or `henan/annex-untitled-table`).
pub(crate) fn report(ctx: &Context, meta: &'static RuleMeta, out: &mut Vec<Diagnostic>) {
    if !applies(ctx, crate::PROVINCE) || !is_budget(ctx) {
        return;
    }
    let of_rule = |d: &&Diagnostic| d.rule == meta.id;
    out.extend(ctx.view::<AnnexFindings>().iter().filter(of_rule).cloned());
}

budgetlint_sdk::document_view! {
    /// Every finding of the 附件's comparison, made once per document for the three rules.
    AnnexFindings<'d>: Vec<Diagnostic> = |doc| {
        let mut all = Vec::new();
        check_annex(doc, &mut all);
        all
    }
}

fn check_annex(doc: &Document, out: &mut Vec<Diagnostic>) {
    let found: Vec<AnnexTable> = annex::tables(doc);
    let cands: Vec<&SectionHeading> = found.iter().map(|t| &t.heading).collect();
    let cmp = compare(&TABLES_TEMPLATE, &cands);
    if !cmp.follows_template() {
        return;
    }
    if let Some(d) = missing_tables(&BudgetStructure::META, doc, &TABLES_TEMPLATE, &cmp) {
        out.push(d);
    }
    let order_only = Rules {
        misplaced: Some(&BudgetOrder::META),
        ..Rules::default()
    };
    out.extend(report_under(
        &order_only,
        &TABLES_TEMPLATE,
        &cands,
        &cmp,
        document_anchor(doc),
    ));
    for t in found.iter().filter(|t| t.untitled) {
        let name = section_name_zh(&TABLES_TEMPLATE, t.spec);
        out.push(
            Diagnostic::new(
                &AnnexUntitledTable::META,
                t.heading.span,
                format!(
                    "附件{name}没有表名：表格直接从“{}”开始，应在表前加上表名（及预算表编号）",
                    t.heading.title
                ),
            )
            .en(format!(
                "Annex table {} “{}” is printed without its title",
                t.spec + 1,
                TABLES[t.spec].title
            )),
        );
    }
}

/// One finding for all missing tables, on the 目录 line of the first (else the 附件 line).
fn missing_tables(
    meta: &'static RuleMeta,
    doc: &Document,
    template: &Template,
    cmp: &Comparison,
) -> Option<Diagnostic> {
    let first = *cmp.missing.first()?;
    let toc = annex::toc_tables(doc);
    let toc_span = |s: usize| toc.iter().find(|t| t.spec == Some(s)).map(|t| t.span);
    let annex_span = annex::annex_block(doc)
        .and_then(|b| doc.blocks.get(b))
        .map(|b| b.span());
    let anchor: Span = toc_span(first)
        .or(annex_span)
        .unwrap_or_else(|| document_anchor(doc));
    let names: Vec<String> = cmp
        .missing
        .iter()
        .map(|&s| format!("{}、{}", chinese_numeral(s + 1), template.sections[s].title))
        .collect();
    let listed = if toc.is_empty() {
        ""
    } else {
        "（目录中列出了这些表）"
    };
    let mut d = Diagnostic::new(
        meta,
        anchor,
        format!(
            "附件缺少河南省部门预算模板的{}张表：{}{listed}；无数据的表也应空表列示并说明",
            cmp.missing.len(),
            names.join("；")
        ),
    )
    .en(format!(
        "The annex lacks {} table(s) of the Henan budget template: {}",
        cmp.missing.len(),
        names.join("; ")
    ));
    for &s in &cmp.missing[1..] {
        if let Some(span) = toc_span(s) {
            d = d.related(span, format!("目录中的“{}”", template.sections[s].title));
        }
    }
    Some(d)
}
