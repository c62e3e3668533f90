//! The generic province plugin: checks a document against the province templates the engine
//! hands it in the profile (`Profile::templates`, read from `data/provinces/*.toml` and the
//! files rules.toml's `plugins.provinces` names). A province whose standard disclosure is a
//! list of sections and tables needs only a data file; compiled province plugins (hebei,
//! henan, …) remain for what a list cannot say.

pub mod rules;
pub mod sections;
pub mod template;

pub use rules::*;

budgetlint_sdk::export_plugin!(
    name: "province",
    version: env!("CARGO_PKG_VERSION"),
    rules: [
        TemplateSections,
        SectionRecommended,
        SectionOrder,
        SectionUnknown,
        SectionFormat,
        TemplateTables,
        Vocabulary,
        RegulationNumber,
        ProjectCodePrefix,
        PerfTableColumns,
    ],
);
