//! budgetlint's language server (`budgetlint lsp`): the same engine and plugins as the CLI,
//! over LSP on stdio. This is the only crate that knows LSP.
//!
//! - Diagnostics: published after each change (debounced) or pulled when the client supports
//!   `textDocument/diagnostic`; never for a stale version. Rule id as `code`, a link to the
//!   rule's documentation, the working (parts of a sum, the other mention of a figure) as
//!   `relatedInformation`.
//! - Code actions: rule fixes (safe ones preferred), accept into the baseline, fix all safe.
//! - Hover: what the model knows about a figure, and the rule documentation of a finding.
//! - Document symbols and folding ranges from the heading outline and tables.
//! - rules.toml and baseline changes are picked up (watched files, or modification times).
//!
//! Initialization options (also accepted later through `workspace/didChangeConfiguration`,
//! flat or under a `budgetlint` key) are described in [`settings::Settings`].

mod actions;
mod analysis;
mod binary;
mod confine;
mod documents;
mod figures;
pub mod framing;
mod guard;
mod memory;
mod outline;
pub mod position;
mod rule_docs;
mod sanitize;
mod server;
pub mod settings;
mod workspace;

use budgetlint_engine::worker::WorkerSpec;
use budgetlint_engine::Sources;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;
use tower_lsp_server::{LspService, Server};

/// Locks a mutex, also after a panic in another holder: every guarded state stays valid
/// between statements, and a poisoned lock must not turn one caught panic into a dead server.
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Serves LSP on stdin/stdout until the client sends `exit` or closes the stream. Returns the
/// process exit code: 0 after a `shutdown` request, 1 otherwise (as LSP specifies).
pub fn run_stdio() -> i32 {
    memory::limit_arenas();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("budgetlint: error: cannot start the async runtime: {e}");
            return 2;
        }
    };
    let core = runtime.block_on(async {
        let (service, socket) = LspService::build(|client| {
            server::Backend::new(
                client,
                Sources::from_process().with_worker(WorkerSpec::current_exe()),
                rule_docs::RuleDocs::default_dir(),
            )
        })
        .custom_method(sanitize::INVALID_REQUEST, server::Backend::invalid_request)
        .custom_method(
            sanitize::INVALID_NOTIFICATION,
            server::Backend::invalid_notification,
        )
        .custom_method(sanitize::UNKNOWN_REQUEST, server::Backend::unknown_request)
        .custom_method(binary::OPEN_BINARY, server::Backend::open_binary)
        .finish();
        let core = service.inner().shutdown_flag();
        // Requests that wait for a check hold a slot; enough slots that edits never queue
        // behind them (checks of one document are serialized by the document itself).
        Server::new(
            sanitize::filter(tokio::io::stdin()),
            tokio::io::stdout(),
            socket,
        )
        .concurrency_level(32)
        .serve(service)
        .await;
        core
    });
    // The stdin reader may be blocked in a read that never returns; do not wait for it.
    runtime.shutdown_timeout(Duration::from_millis(100));
    if core.was_shut_down() {
        0
    } else {
        1
    }
}
