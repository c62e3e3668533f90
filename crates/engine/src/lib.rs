//! budgetlint's engine: loads rule plugins and packs, reads rules.toml, and checks documents.
//!
//! It knows nothing of output formats or the LSP: it turns bytes and a path into sorted
//! [`Finding`]s, and exposes rule metadata for `rules`/`explain`. The binary supplies where to
//! look for plugins ([`discovery::Sources`]) so the engine reads no process-global state, and
//! whether the plugins a rules.toml names may load at all ([`trust::Trust`], decided here only).

pub mod baseline;
pub mod config;
mod deadline;
pub mod discovery;
pub mod error;
pub mod fix;
pub mod host;
mod linter;
pub mod packs;
pub mod profile;
pub mod provinces;
mod sha256;
pub mod suppress;
pub mod trust;
pub mod wire;
pub mod worker;
pub mod workspace;

pub use baseline::Baseline;
pub use config::Config;
pub use discovery::Sources;
pub use error::{io_zh, FileError, Message};
pub use linter::{
    read, read_with, Elsewhere, FileReport, Finding, Linter, Registry, RuleEntry,
    PLUGIN_CONTRACT_RULE, PLUGIN_ERROR_RULE,
};
pub use trust::{Trust, TrustList};
pub use workspace::{Target, Workspace};
