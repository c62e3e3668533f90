//! The comparison of a document's headings with the sections (and their lists) of its
//! province's templates, shared by the four rules that report its findings, one judgement each:
//! a missing section (`province/template-sections`), a missing section the template only
//! recommends (`province/section-recommended`), one out of order (`province/section-order`),
//! a numbered heading that is no section (`province/section-unknown`), siblings presented
//! differently (`province/section-format`).

use crate::rules::{
    SectionFormat, SectionOrder, SectionRecommended, SectionUnknown, TemplateSections,
};
use crate::template::{aliases, applicable, sections, skeleton};
use budgetlint_province_common::document_anchor;
use budgetlint_province_common::headings::{self, SectionHeading};
use budgetlint_province_common::skeleton::{compare, report_under, Comparison, Rules, Template};
use budgetlint_sdk::model::NumberingStyle;
use budgetlint_sdk::province::{Entry, ItemUnit, Numbering, ProvinceTemplate, Requirement};
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
/// made once per document and shared by the five rules (each of them made it whole before, a
/// quarter of the plugin's time on the seeds).
struct SectionFindings;

impl View for SectionFindings {
    type Output<'d> = Vec<Diagnostic>;

    fn build<'d>(views: &Views<'d>) -> Vec<Diagnostic> {
        // The rules have no options.
        static NO_OPTIONS: Value = Value::Null;
        let ctx = Context::new(views, &NO_OPTIONS);
        let mut out = Vec::new();
        let mut all = None;
        for template in applicable(&ctx).filter(|t| !t.sections.is_empty()) {
            let all = all.get_or_insert_with(|| headings::collect(ctx.doc));
            check_template(&ctx, template, all, &mut out);
        }
        out
    }
}

/// The rules of a comparison's findings: a missing required entry, one out of order, an
/// unknown heading, siblings presented differently.
const RULES: Rules = Rules {
    missing: Some(&TemplateSections::META),
    misplaced: Some(&SectionOrder::META),
    extra: Some(&SectionUnknown::META),
    format: Some(&SectionFormat::META),
};

/// The rule of a missing entry the template marks `required = "recommended"`, alone.
const RECOMMENDED: Rules = Rules {
    missing: Some(&SectionRecommended::META),
    misplaced: None,
    extra: None,
    format: None,
};

/// `cmp` as two comparisons to report: the one whose missing entries are the required ones
/// (with everything else it found), and one of the missing recommended entries only. An entry
/// the form may leave out is missing in neither; its order counts all the same.
fn split_missing(cmp: &Comparison, entries: &[Entry]) -> (Comparison, Comparison) {
    let with_missing = |requirement: Requirement| Comparison {
        missing: cmp
            .missing
            .iter()
            .copied()
            .filter(|&s| entries[s].required == requirement)
            .collect(),
        ..cmp.clone()
    };
    (
        with_missing(Requirement::Required),
        with_missing(Requirement::Recommended),
    )
}

fn check_template(
    ctx: &Context,
    template: &ProvinceTemplate,
    all: &[SectionHeading],
    out: &mut Vec<Diagnostic>,
) {
    let start = headings::body_start(ctx.doc);
    let candidates: Vec<&SectionHeading> = all
        .iter()
        .filter(|h| numbered_as_section(template, h) && h.span.start as usize >= start)
        .collect();
    let aliases = aliases(&template.sections);
    let sections = sections(&template.sections, &aliases);
    let (unit_zh, unit_en) = match (template.sections_unit, template.numbering) {
        (Some(unit), _) => unit_words(unit),
        (None, Numbering::Part) => ("部分", "part"),
        (None, Numbering::ChineseComma) => ("部分", "section"),
    };
    let skeleton = skeleton(template, &sections, unit_zh, unit_en);
    let mut cmp = compare(&skeleton, &candidates);
    // A section the form may leave out is not missing (its order counts all the same); every
    // other missing section may be there under its number.
    cmp.missing
        .retain(|&s| template.sections[s].required != Requirement::Optional);
    take_by_number(&mut cmp, &candidates);
    let (required, recommended) = split_missing(&cmp, &template.sections);
    let anchor = document_anchor(ctx.doc);
    out.extend(report_under(
        &RULES,
        &skeleton,
        &candidates,
        &required,
        anchor,
    ));
    out.extend(report_under(
        &RECOMMENDED,
        &skeleton,
        &candidates,
        &recommended,
        anchor,
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
        check_items(template, section, (from, to), &body, out);
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
    let (unit_zh, unit_en) = unit_words(section.items_unit);
    let list = Template {
        scope_zh: &name_zh,
        scope_en: &name_en,
        unit_zh,
        unit_en,
        sections: &entries,
    };
    let cmp = compare(&list, &items);
    let (required, recommended) = split_missing(&cmp, &section.items);
    let rules = Rules {
        extra: None,
        ..RULES
    };
    out.extend(report_under(&rules, &list, &items, &required, from.span));
    out.extend(report_under(
        &RECOMMENDED,
        &list,
        &items,
        &recommended,
        from.span,
    ));
}

/// Whether a heading is numbered as the template numbers its sections: `第一部分`, or `一、`
/// (and, with `arabic-top-level`, `1、` at the top of the outline, Word's auto-numbering of a
/// typed `一、` list).
fn numbered_as_section(template: &ProvinceTemplate, h: &SectionHeading) -> bool {
    match template.numbering {
        Numbering::Part => h.style == NumberingStyle::Part,
        Numbering::ChineseComma => {
            h.style == NumberingStyle::ChineseComma
                || (template.arabic_top_level
                    && h.style == NumberingStyle::ArabicComma
                    && h.depth == 0)
        }
    }
}

/// What one entry is called in messages, in Chinese and English.
fn unit_words(unit: ItemUnit) -> (&'static str, &'static str) {
    match unit {
        ItemUnit::Item => ("项", "item"),
        ItemUnit::Table => ("张表", "table"),
    }
}

/// Takes an unmatched heading numbered as a missing section, and standing where that section
/// belongs (after the section before it and before the one after it, as found), for that
/// section: the document numbers its sections as the template does, only the title differs
/// (or wraps before the words the aliases look for). A `一、` elsewhere — the first item of
/// another list — is not the template's first section.
fn take_by_number(cmp: &mut Comparison, candidates: &[&SectionHeading]) {
    let used: Vec<usize> = cmp.matched.iter().flatten().copied().collect();
    let sections = cmp.matched.len();
    let matched = cmp.matched.clone();
    let mut numbers = Vec::new();
    cmp.missing.retain(|&s| {
        let number = s + 1;
        let after = (0..s).rev().find_map(|t| matched[t]);
        let before = (s + 1..sections).find_map(|t| matched[t]);
        let in_place = |c: usize| after.is_none_or(|a| c > a) && before.is_none_or(|b| c < b);
        let by_number = (0..candidates.len())
            .any(|c| !used.contains(&c) && candidates[c].ordinal as usize == number && in_place(c));
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
