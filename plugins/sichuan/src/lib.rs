//! Rules for Sichuan (四川) budgets that the province's template (data,
//! `data/provinces/sichuan-budget.toml`, checked by the `province` plugin) cannot say. They run
//! only when the document's profile is 四川.

pub mod rules;

pub use rules::*;

/// The province these rules belong to.
pub const PROVINCE: &str = "四川";

budgetlint_sdk::export_plugin!(
    name: "sichuan",
    version: env!("CARGO_PKG_VERSION"),
    rules: [ClassListComplete],
    provinces: [PROVINCE],
);
