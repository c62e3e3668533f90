use super::{ExplanationAbsent, PhasedInSections};
use crate::catalog::{required_sections, RequiredSection};
use crate::text::compact_prose;
use budgetlint_sdk::model::{Block, DocKind, Document};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta, Severity, Span};

declare_rule! {
    /// ## What it checks
    /// That the explanation (说明) covers every topic the national rules ask a 部门预算/部门决算 to
    /// explain (`data/required_sections.tsv`): 职责, 机构设置, 收支总体情况, 财政拨款收支,
    /// 一般公共预算支出, 基本支出, “三公”经费, 机关运行经费, 政府采购 and 名词解释. The items the
    /// rules introduce step by step (逐步公开: 国有资产占用, 绩效; `warning` in the table) are
    /// `structure/phased-in-sections`.
    ///
    /// A topic counts as covered when any heading or sentence of the text uses one of its words:
    /// the rule finds topics nobody wrote about, not templates with other headings. Whether the
    /// content is complete (the 三公 split, the 政府采购 breakdown) is left to other rules.
    /// A file with tables but almost no text (the tables part of a package) is not checked: it
    /// is `structure/explanation-absent`.
    ///
    /// ## Why
    /// 预算法 §14 requires the explanation of 机关运行经费 and other important matters; the
    /// 财政部 标准目录 (2019) and 《地方预决算公开操作规程》(财预〔2016〕143号) list the explanatory
    /// items (职责、机构设置、收支增减变化、机关运行经费、政府采购、国有资产占用、绩效目标/评价、
    /// 名词解释); the inspections score each as part of completeness.
    ///
    /// ## Example
    /// A 预算 说明 that never mentions 政府采购 or 名词解释 is reported for each.
    ///
    /// ## Fix
    /// Add the missing section (a sentence saying “本单位本年度无政府采购预算” is enough when there
    /// is nothing to report).
    ///
    /// ## 检查内容
    /// 情况说明是否涵盖国家规定部门预算、部门决算必须说明的每项内容（`data/required_sections.tsv`）：职责、机构设置、收支总体情况、财政拨款收支、一般公共预算支出、基本支出、“三公”经费、机关运行经费、政府采购和名词解释。逐步公开的事项（国有资产占用、绩效；表中为 `warning`）由 `structure/phased-in-sections` 报告。
    ///
    /// 只要正文中任一标题或句子用到该项内容的某个词语，即视为已涵盖：本规则找的是根本没人写的内容，而不是标题写法不同的模板。内容是否完整（“三公”经费的构成、政府采购的分类）由其他规则检查。有表格但几乎没有文字的文件（一套公开材料中的表格部分）不作检查，由 `structure/explanation-absent` 报告。
    ///
    /// ## 依据
    /// 《预算法》第十四条要求对机关运行经费等重要事项作出说明；财政部标准目录（2019年）和《地方预决算公开操作规程》（财预〔2016〕143号）列出了需要说明的事项（职责、机构设置、收支增减变化、机关运行经费、政府采购、国有资产占用、绩效目标/评价、名词解释）；检查时逐项计入完整性评分。
    ///
    /// ## 示例
    /// 预算说明中从未提到政府采购或名词解释的，每项各报告一次。
    ///
    /// ## 修改方法
    /// 补上缺少的部分（没有内容可公开时，写一句“本单位本年度无政府采购预算”即可）。
    pub struct RequiredSections {
        id: "structure/required-sections",
        aliases: ["completeness/required-sections"],
        severity: Error,
        summary: "The explanation leaves out a topic the national rules require",
        summary_zh: "说明缺少国家规定必须公开的内容",
    }
}

impl Rule for RequiredSections {
    fn meta(&self) -> &'static budgetlint_sdk::RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        report(ctx, &Self::META, out);
    }
}

/// The findings of `meta`'s rule: this rule's (a required topic missing), those of
/// `structure/phased-in-sections` (a 逐步公开 topic missing) or of
/// `structure/explanation-absent` (no explanation to check). The table's severity column says
/// which topics are phased in.
pub(crate) fn report(ctx: &Context, meta: &'static RuleMeta, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let prose = ctx.view::<ProseText>();
    let anchor = doc
        .meta
        .title_span
        .or_else(|| doc.blocks.first().map(Block::span))
        .unwrap_or_default();
    if prose.chars().count() < MIN_NARRATIVE_CHARS {
        if !doc.tables.is_empty() && meta.id == ExplanationAbsent::META.id {
            out.push(tables_only(anchor));
        }
        return;
    }
    for section in required_sections() {
        if rule_of(section).id == meta.id
            && !section.words.iter().any(|w| prose.contains(w.as_str()))
        {
            out.push(missing(doc, section, anchor));
        }
    }
}

/// The rule that reports a missing `section`: the 逐步公开 topics (`warning` in the table) are
/// `structure/phased-in-sections`'s.
fn rule_of(section: &RequiredSection) -> &'static RuleMeta {
    if section.severity == Severity::Error {
        &RequiredSections::META
    } else {
        &PhasedInSections::META
    }
}

/// Below this much text the file has no explanation to check (an empty file or tables only).
const MIN_NARRATIVE_CHARS: usize = 300;

budgetlint_sdk::document_view! {
    /// [`prose_text`], made once per document for the three rules that look in it.
    ProseText<'d>: String = prose_text
}

/// Headings and paragraphs, compacted (no spaces or quotes, so “三公” reads 三公).
fn prose_text(doc: &Document) -> String {
    doc.prose()
        .map(|(_, text, _)| compact_prose(text))
        .collect::<Vec<_>>()
        .join("\n")
}

fn tables_only(anchor: Span) -> Diagnostic {
    Diagnostic::new(&ExplanationAbsent::META, anchor, "本文件只有表格、几乎没有文字说明，说明部分应另行公开；请确认已公开")
        .en("This file holds tables but almost no explanation; the explanation must be published as well")
}

fn missing(doc: &Document, section: &RequiredSection, anchor: Span) -> Diagnostic {
    let what = if doc.meta.kind == Some(DocKind::FinalAccounts) {
        "部门决算"
    } else {
        "部门预算"
    };
    Diagnostic::new(
        rule_of(section),
        anchor,
        format!("说明中没有“{}”的内容（全文未出现“{}”等字样），{what}公开须说明此项", section.name, section.words.join("”“")),
    )
    .en(format!("The explanation says nothing about {} (none of its words appears); a {what} disclosure must cover it", section.name))
}
