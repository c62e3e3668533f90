//! One module per subcommand. Each returns the process exit code (see [`crate::exit`]).

pub mod baseline;
pub mod check;
pub mod dump_model;
pub mod init;
pub mod lsp;
pub mod new_plugin;
pub mod pdf_worker;
pub mod plugin_worker;
pub mod rules;
pub mod test_rules;
pub mod trust;
pub mod version;

use std::io::Write;

/// Writes to stdout, ignoring a closed pipe (`budgetlint check | head` is not an error).
pub fn print(text: &str) {
    print_bytes(text.as_bytes());
}

/// Writes bytes to stdout as they are (a fixed document in its own encoding).
pub fn print_bytes(bytes: &[u8]) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(bytes);
    let _ = out.flush();
}
