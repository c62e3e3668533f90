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
    pub struct TemplateSections {
        id: "province/template-sections",
        severity: Error,
        summary: "The sections of the province's template (data), in order",
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
