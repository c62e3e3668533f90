//! Rules for the Shanxi (山西) 部门决算 template: 第一部分 概况 / 第二部分 部门决算报表 (ten
//! tables) / 第三部分 情况说明 (一…八) / 第四部分 名词解释 / 第五部分 附件, and the three-part
//! 预算绩效情况说明. They run only when the document's profile is 山西.

pub mod rules;
pub mod template;

pub use rules::*;

/// The province these rules belong to.
pub const PROVINCE: &str = "山西";

budgetlint_sdk::export_plugin!(
    name: "shanxi",
    version: env!("CARGO_PKG_VERSION"),
    rules: [PerfThreeParts, PerfPartsFormat],
    provinces: [PROVINCE],
);
