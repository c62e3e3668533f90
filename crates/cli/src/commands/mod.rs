//! One module per subcommand. Each returns the process exit code (see [`crate::exit`]).

pub mod baseline;
pub mod check;
pub mod dump_model;
pub mod new_plugin;
pub mod rules;
pub mod test_rules;

use std::io::Write;

/// Writes to stdout, ignoring a closed pipe (`budgetlint check | head` is not an error).
pub fn print(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}
