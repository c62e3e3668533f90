//! Rules for the Henan (河南) 部门预算 template: 第一部分 概况 / 第二部分 预算情况说明 (一…十) /
//! 第三部分 名词解释 / 附件 with twelve tables. They run only when the document's profile is 河南.

pub mod annex;
pub mod rules;
pub mod template;

pub use rules::*;

/// The province these rules belong to.
pub const PROVINCE: &str = "河南";

budgetlint_sdk::export_plugin!(
    name: "henan",
    version: env!("CARGO_PKG_VERSION"),
    rules: [BudgetStructure, BudgetOrder, AnnexUntitledTable, TableNumberMap, OverallPerfCrosscheck, OverallPerfSplitDiffers, ProjectPerfTable],
    provinces: [PROVINCE],
);
