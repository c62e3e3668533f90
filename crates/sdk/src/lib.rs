//! The budgetlint plugin SDK.
//!
//! A plugin is a `cdylib` that depends on this crate, declares its rules with
//! [`declare_rule!`], implements [`Rule`] for each, and exports them with
//! [`export_plugin!`](crate::export_plugin). The host talks to it through the stable C ABI in
//! [`abi`] (see docs/PLUGIN_ABI.md); plugin authors never touch that layer directly.

pub mod abi;
pub mod rule;
pub mod spans;
pub mod support;
pub mod testing;
pub mod views;

pub use abi::{PluginInfo, RuleInfo};
pub use budgetlint_model as model;
pub use budgetlint_model::{Document, Span};
/// The protocol's diagnostic types, under their old path.
pub use budgetlint_protocol::diagnostic;
pub use budgetlint_protocol::messages::{OptionInfo, OptionKind};
/// Province templates (data), under their old path.
pub use budgetlint_protocol::province;
pub use budgetlint_protocol::ProvinceTemplate;
pub use budgetlint_protocol::{
    Applicability, Diagnostic, Fix, Profile, Related, RuleIdentity, Severity, TextEdit,
};
pub use rule::{Context, OptionMeta, Rule, RuleMeta};
pub use rust_decimal::Decimal;
/// Re-exported so plugins can build option values and JSON without another dependency.
pub use serde_json;
pub use spans::DocumentExt;
pub use views::{View, Views};
