use crate::template::{aliases, applicable, sections, skeleton};
use budgetlint_province_common::document_anchor;
use budgetlint_province_common::headings::{self, SectionHeading};
use budgetlint_province_common::skeleton::{compare, report, Comparison, Report, Template};
use budgetlint_sdk::model::NumberingStyle;
use budgetlint_sdk::province::{Entry, ItemUnit, Numbering, ProvinceTemplate};
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
    /// A section with `items` (a part's own list: the Shanxi 决算's tables and explanation items)
    /// has them checked between its heading and the next section's, numbered `一、`: missing is
    /// an error, out of order a warning, siblings presented differently info; a numbered line
    /// that is no item is not reported (a part's text numbers its own paragraphs).
    ///
    /// Runs only when the profile's province has a template for the document's kind (预算 or
    /// 决算) and level, and only when the document follows that template at all (at least two
    /// sections and half of them found): a document laid out another way is not judged by it.
    ///
    /// The former compiled rules `hebei/section-skeleton` and `shanxi/final-structure` are this
    /// rule on the Hebei and Shanxi templates (`data/provinces/hebei-budget.toml`,
    /// `shanxi-final-accounts.toml`); their ids still name it in rules.toml, inline disables and
    /// baselines.
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
        aliases: ["hebei/section-skeleton", "shanxi/final-structure"],
        severity: Error,
        summary: "The sections of the province's template (data), in order",
        summary_zh: "省级模板（数据）规定的各部分及其顺序",
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
    let body: Vec<&SectionHeading> = all
        .iter()
        .filter(|h| h.span.start as usize >= start)
        .collect();
    for (s, section) in template.sections.iter().enumerate() {
        if section.items.is_empty() {
            continue;
        }
        let heading = |i: usize| cmp.matched[i].map(|c| candidates[c]);
        let Some(from) = heading(s) else { continue };
        let to = (s + 1..template.sections.len())
            .find_map(heading)
            .map_or(usize::MAX, |h| h.span.start as usize);
        check_items(template, section, from, to, &body, out);
    }
}

/// The items of a section's own list (`一、` headings between the section's heading and the
/// next section found): missing is an error, out of order a warning, siblings presented
/// differently info. A heading that matches no item is not reported: a section's text has
/// numbered paragraphs of its own.
fn check_items(
    template: &ProvinceTemplate,
    section: &Entry,
    from: &SectionHeading,
    to: usize,
    body: &[&SectionHeading],
    out: &mut Vec<Diagnostic>,
) {
    let items: Vec<&SectionHeading> = body
        .iter()
        .copied()
        .filter(|h| {
            h.style == NumberingStyle::ChineseComma
                && h.span.start > from.span.start
                && (h.span.start as usize) < to
        })
        .collect();
    let aliases = aliases(&section.items);
    let entries = sections(&section.items, &aliases);
    let name_zh = section
        .items_name_zh
        .clone()
        .unwrap_or_else(|| format!("{}“{}”", template.name_zh, section.title));
    let name_en = section
        .items_name_en
        .clone()
        .unwrap_or_else(|| format!("“{}” of {}", section.title, template.name_en));
    let (unit_zh, unit_en) = match section.items_unit {
        ItemUnit::Item => ("项", "item"),
        ItemUnit::Table => ("张表", "table"),
    };
    let list = Template {
        scope_zh: &name_zh,
        scope_en: &name_en,
        unit_zh,
        unit_en,
        sections: &entries,
    };
    let mut cmp = compare(&list, &items);
    cmp.missing.retain(|&i| section.items[i].required);
    let what = Report {
        extra: None,
        ..Report::default()
    };
    out.extend(report(
        &TemplateSections::META,
        &list,
        &items,
        &cmp,
        what,
        from.span,
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
