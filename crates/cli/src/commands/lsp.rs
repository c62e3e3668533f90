//! `budgetlint lsp`: the language server on stdin/stdout (see the budgetlint-lsp crate).

use clap::Args;

#[derive(Debug, Args)]
pub struct LspArgs {
    /// Talk LSP over stdin/stdout (the only transport; accepted because editors pass it).
    #[arg(long)]
    pub stdio: bool,
}

pub fn run(_args: LspArgs) -> u8 {
    // 0 after a `shutdown` request, 1 when the client exits without one (as LSP specifies).
    budgetlint_lsp::run_stdio().clamp(0, 255) as u8
}
