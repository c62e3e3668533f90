//! `budgetlint dump-model FILE`: the parsed model as pretty JSON, for rule authors.

use crate::exit;
use std::path::Path;

pub fn run(file: &Path) -> u8 {
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("budgetlint: error: {}: cannot read: {e}", file.display());
            return exit::TROUBLE;
        }
    };
    match budgetlint_model::parse(&bytes) {
        Ok(doc) => {
            super::print(
                &(serde_json::to_string_pretty(&doc).expect("the model serializes") + "\n"),
            );
            exit::CLEAN
        }
        Err(e) => {
            eprintln!("budgetlint: error: {}: {e}", file.display());
            exit::TROUBLE
        }
    }
}
