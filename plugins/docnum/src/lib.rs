//! 发文字号 checks (GB/T 9704-2012 §7.2.5: 机关代字〔年份〕序号号).
//!
//! The model extracts every document number it sees as [`FactKind::DocNumber`]
//! (agency, year, serial, bracket); these rules judge how each one is written and how the
//! numbers of one document relate to each other.
//!
//! [`FactKind::DocNumber`]: budgetlint_sdk::model::FactKind::DocNumber

mod numbers;
pub mod rules;

pub use rules::{
    BracketStyle, Duplicate, IssuerLevel, MissingAgency, SerialFormat, TruncatedAgency, YearFormat,
};

budgetlint_sdk::export_plugin!(
    name: "docnum",
    version: env!("CARGO_PKG_VERSION"),
    rules: [BracketStyle, MissingAgency, TruncatedAgency, YearFormat, SerialFormat, Duplicate, IssuerLevel],
);
