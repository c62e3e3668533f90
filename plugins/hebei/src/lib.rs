//! Rules for the Hebei (河北) templates of 部门(单位)预算信息公开情况说明. They run only when the
//! document's profile is 河北 (detected from the issuer's name, the cited 《河北省…办法》 or
//! 冀 document numbers, or set in rules.toml).

pub mod rules;

pub use rules::*;

/// The province these rules belong to.
pub const PROVINCE: &str = "河北";

budgetlint_sdk::export_plugin!(
    name: "hebei",
    version: env!("CARGO_PKG_VERSION"),
    rules: [AssetTable],
    provinces: [PROVINCE],
);
