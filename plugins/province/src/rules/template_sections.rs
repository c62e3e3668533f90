use crate::template::{aliases, applicable, sections, skeleton};
use budgetlint_province_common::document_anchor;
use budgetlint_province_common::headings::{self, SectionHeading};
use budgetlint_province_common::skeleton::{compare, report, Comparison, Report};
use budgetlint_sdk::model::NumberingStyle;
use budgetlint_sdk::province::{Numbering, ProvinceTemplate};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// That a document has the sections of its province's template (a data file, see
    /// docs/PROVINCES.md), in the template's order: each template section is matched with a
    /// body heading numbered as the template numbers its sections (`第一部分` or `一、`) through
    /// the section's aliases. A missing required section is an error, a section out of order a
    /// warning; a heading numbered like the sections that matches none of them, and sections
    /// presented differently from their siblings, are info.
    ///
    /// A heading numbered as a missing section (`第三部分 …` for the third) whose title matches
    /// none of the aliases — a title that wraps onto the next line, or is worded another way —
    /// is taken as that section: neither missing nor extra.
    ///
    /// Runs only when the profile's province has a template for the document's kind (预算 or
    /// 决算) and level, and only when the document follows that template at all (at least two
    /// sections and half of them found): a document laid out another way is not judged by it.
    ///
    /// ## Why
    /// 预算法 §14 and 《地方预决算公开操作规程》(财预〔2016〕143号) require disclosure in the
    /// standard form the province's finance department sets; the yearly inspections score
    /// completeness section by section.
    ///
    /// ## Example
    /// Under the Shanghai final-accounts form (概况, 决算表, 情况说明, 名词解释):
    /// ```text
    /// 第一部分 某局概况
    /// 第三部分 名词解释          ← 缺少第三部分“部门决算情况说明”
    /// ```
    ///
    /// ## Fix
    /// Add the missing section (with “无” and the reason when there is nothing to report) and
    /// keep the template's order.
    ///
    /// ## 检查内容
    /// 文件是否按所在省份模板（数据文件，见 docs/PROVINCES.md）的顺序包含模板规定的各部分：模板的每一部分按别名与正文中编号方式相同（`第一部分`或`一、`）的标题对应。缺少必需的部分作为错误，顺序不对作为警告；编号方式相同但对不上任何部分的标题，以及与同级其他部分呈现方式不同的部分，作为提示。
    ///
    /// 编号与某个缺少的部分相同（第三部分的`第三部分 …`）、但标题与任何别名都不匹配的标题——标题折到了下一行，或换了一种说法——视为该部分：既不算缺少，也不算多余。
    ///
    /// 只在省份配置中有适用于文件类型（预算或决算）和级次的模板时检查，且文件确实采用了该模板（至少找到两个部分、且不少于一半）：按别的方式编排的文件不按该模板评判。
    ///
    /// ## 依据
    /// 《预算法》第十四条和《地方预决算公开操作规程》（财预〔2016〕143号）要求按省级财政部门规定的统一格式公开；年度检查逐部分评价完整性。
    ///
    /// ## 示例
    /// 按上海部门决算的格式（概况、决算表、情况说明、名词解释）：
    /// ```text
    /// 第一部分 某局概况
    /// 第三部分 名词解释          ← 缺少第三部分“部门决算情况说明”
    /// ```
    ///
    /// ## 修改方法
    /// 补上缺少的部分（没有内容可公开时写“无”并说明原因），并按模板顺序排列。
    pub struct TemplateSections {
        id: "province/template-sections",
        severity: Error,
        summary: "The sections of the province's template (data), in order",
        summary_zh: "应按省份模板的顺序包含模板规定的各部分",
    }
}

impl Rule for TemplateSections {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let mut all = None;
        for template in applicable(ctx).filter(|t| !t.sections.is_empty()) {
            let all = all.get_or_insert_with(|| headings::collect(ctx.doc));
            check_template(ctx, template, all, out);
        }
    }
}

fn check_template(
    ctx: &Context,
    template: &ProvinceTemplate,
    all: &[SectionHeading],
    out: &mut Vec<Diagnostic>,
) {
    let style = match template.numbering {
        Numbering::Part => NumberingStyle::Part,
        Numbering::ChineseComma => NumberingStyle::ChineseComma,
    };
    let start = headings::body_start(ctx.doc);
    let candidates: Vec<&SectionHeading> = all
        .iter()
        .filter(|h| h.style == style && h.span.start as usize >= start)
        .collect();
    let aliases = aliases(&template.sections);
    let sections = sections(&template.sections, &aliases);
    let (unit_zh, unit_en) = match template.numbering {
        Numbering::Part => ("部分", "part"),
        Numbering::ChineseComma => ("部分", "section"),
    };
    let skeleton = skeleton(template, &sections, unit_zh, unit_en);
    let mut cmp = compare(&skeleton, &candidates);
    // A section the standard form may leave out is not missing; its order still counts.
    cmp.missing.retain(|&s| template.sections[s].required);
    take_by_number(&mut cmp, &candidates);
    out.extend(report(
        &TemplateSections::META,
        &skeleton,
        &candidates,
        &cmp,
        Report::default(),
        document_anchor(ctx.doc),
    ));
}

/// Takes an unmatched heading numbered as a missing section for that section: the document
/// numbers its sections as the template does, only the title differs (or wraps before the words
/// the aliases look for).
fn take_by_number(cmp: &mut Comparison, candidates: &[&SectionHeading]) {
    let used: Vec<usize> = cmp.matched.iter().flatten().copied().collect();
    let mut numbers = Vec::new();
    cmp.missing.retain(|&s| {
        let number = s + 1;
        let by_number = (0..candidates.len())
            .any(|c| !used.contains(&c) && candidates[c].ordinal as usize == number);
        if by_number {
            numbers.push(number);
        }
        !by_number
    });
    // Every heading with that number is the section (a heading may be read twice, as a
    // heading and as a numbered line): none is extra.
    cmp.extra
        .retain(|&c| !numbers.contains(&(candidates[c].ordinal as usize)));
}
