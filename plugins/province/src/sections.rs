//! The comparison of a document's headings with the sections (and their lists) of its
//! province's templates, shared by the four rules that report its findings, one judgement each:
//! a missing section (`province/template-sections`), one out of order (`province/section-order`),
//! a numbered heading that is no section (`province/section-unknown`), siblings presented
//! differently (`province/section-format`).

use crate::rules::{SectionFormat, SectionOrder, SectionUnknown, TemplateSections};
use crate::template::{aliases, applicable, sections, skeleton};
use budgetlint_province_common::document_anchor;
use budgetlint_province_common::headings::{self, SectionHeading};
use budgetlint_province_common::skeleton::{compare, report_under, Comparison, Rules, Template};
use budgetlint_sdk::model::NumberingStyle;
use budgetlint_sdk::province::{Entry, ItemUnit, Numbering, ProvinceTemplate};
use budgetlint_sdk::serde_json::Value;
use budgetlint_sdk::{Context, Diagnostic, RuleMeta, View, Views};

/// Reports the findings of the comparison of the document with each applicable template that
/// are the rule `meta`'s (at its default severity).
pub fn check(ctx: &Context, meta: &'static RuleMeta, out: &mut Vec<Diagnostic>) {
    let of_rule = |d: &&Diagnostic| d.rule == meta.id;
    out.extend(
        ctx.view::<SectionFindings>()
            .iter()
            .filter(of_rule)
            .cloned(),
    );
}

/// Every finding of the comparison, each under the rule of its judgement: the comparison is
/// made once per document and shared by the four rules (each of them made it whole before, a
/// quarter of the plugin's time on the seeds).
struct SectionFindings;

impl View for SectionFindings {
    type Output<'d> = Vec<Diagnostic>;

    fn build<'d>(views: &Views<'d>) -> Vec<Diagnostic> {
        // The four rules have no options.
        static NO_OPTIONS: Value = Value::Null;
        let ctx = Context::new(views, &NO_OPTIONS);
        let rules = Rules {
            missing: Some(&TemplateSections::META),
            misplaced: Some(&SectionOrder::META),
            extra: Some(&SectionUnknown::META),
            format: Some(&SectionFormat::META),
        };
        let mut out = Vec::new();
        let mut all = None;
        for template in applicable(&ctx).filter(|t| !t.sections.is_empty()) {
            let all = all.get_or_insert_with(|| headings::collect(ctx.doc));
            check_template(&ctx, template, all, &rules, &mut out);
        }
        out
    }
}

/// Reports the findings of the comparison of the document with `template` under `rules`.
fn check_template(
    ctx: &Context,
    template: &ProvinceTemplate,
    all: &[SectionHeading],
    rules: &Rules,
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
    out.extend(report_under(
        rules,
        &skeleton,
        &candidates,
        &cmp,
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
        check_items(template, section, (from, to), &body, rules, out);
    }
}

/// The items of a section's own list (`一、` headings between the section's heading and the
/// next section found): missing is an error, out of order a warning, siblings presented
/// differently info. A heading that matches no item is not reported: a section's text has
/// numbered paragraphs of its own.
fn check_items(
    template: &ProvinceTemplate,
    section: &Entry,
    (from, to): (&SectionHeading, usize),
    body: &[&SectionHeading],
    rules: &Rules,
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
    let rules = Rules {
        extra: None,
        ..*rules
    };
    out.extend(report_under(&rules, &list, &items, &cmp, from.span));
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
