//! What both rules need from a data template: which templates apply to the document, and the
//! template's entries in the borrowed form of `budgetlint_province_common::skeleton`.

use budgetlint_province_common::is_final_accounts;
use budgetlint_province_common::skeleton::{Section, Template};
use budgetlint_sdk::province::{Entry, ProvinceTemplate};
use budgetlint_sdk::Context;

/// The templates of the profile that describe this document's kind and level.
pub fn applicable<'a>(ctx: &Context<'a>) -> impl Iterator<Item = &'a ProvinceTemplate> {
    let final_accounts = ctx.doc.meta.kind.map(|_| is_final_accounts(ctx));
    let level = ctx.profile.level.as_deref();
    ctx.profile
        .templates
        .iter()
        .filter(move |t| t.applies_to(final_accounts, level))
}

/// The aliases of each entry, borrowed, to build [`Section`]s from.
pub fn aliases(entries: &[Entry]) -> Vec<Vec<&str>> {
    entries
        .iter()
        .map(|e| e.aliases.iter().map(String::as_str).collect())
        .collect()
}

/// The entries as skeleton sections (`aliases` from [`aliases`] of the same entries).
pub fn sections<'a>(entries: &'a [Entry], aliases: &'a [Vec<&'a str>]) -> Vec<Section<'a>> {
    entries
        .iter()
        .zip(aliases)
        .map(|(e, a)| Section {
            title: &e.title,
            aliases: a,
        })
        .collect()
}

/// The skeleton template for messages: its name, and what one entry is called.
pub fn skeleton<'a>(
    t: &'a ProvinceTemplate,
    sections: &'a [Section<'a>],
    unit_zh: &'a str,
    unit_en: &'a str,
) -> Template<'a> {
    Template {
        scope_zh: &t.name_zh,
        scope_en: &t.name_en,
        unit_zh,
        unit_en,
        sections,
    }
}
