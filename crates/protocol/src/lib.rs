//! The protocol between budgetlint and its rule plugins: every type that crosses the plugin
//! boundary, in one crate that the host (the engine), the front ends (CLI, language server) and
//! the plugin SDK all use.
//!
//! - [`abi`]: the C calling convention's fixed parts — versions, [`abi::BlBuffer`], the native
//!   sink, and [`abi::build_identity`] for same-build calls;
//! - [`messages`]: plugin info, the request (header and document, JSON or binary) and the
//!   response;
//! - [`Diagnostic`] and its parts ([`Severity`], [`Fix`], [`TextEdit`], [`Related`]);
//! - [`Profile`]: the province profile in effect for a document.
//!
//! Versioning (docs/PLUGIN_ABI.md, “Versions”): the calls and buffers are [`abi::ABI_VERSION`];
//! the document model, which SDK plugins receive in postcard (order-based: a field added,
//! removed or moved changes the bytes), is [`budgetlint_model::SCHEMA_VERSION`]. The JSON
//! messages here tolerate added optional fields; `tests/schema.rs` snapshots every field so a
//! change is seen in review.

pub mod abi;
pub mod diagnostic;
pub mod messages;
pub mod profile;
pub mod province;

/// The model's span, which every diagnostic carries.
pub use budgetlint_model::Span;
pub use diagnostic::{Applicability, Diagnostic, Fix, Related, RuleIdentity, Severity, TextEdit};
pub use messages::{
    split_docs, CheckRequest, CheckResponse, JsonRequest, PluginInfo, RequestHeader, RuleError,
    RuleInfo, RuleRequest, DOC_SECTIONS_ZH, DOC_START_ZH,
};
pub use profile::Profile;
pub use province::ProvinceTemplate;
