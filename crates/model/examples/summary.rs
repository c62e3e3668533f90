//! Prints the model summary of a file: `cargo run -p budgetlint-model --example summary FILE`.
fn main() {
    for path in std::env::args().skip(1) {
        match std::fs::read(&path)
            .map_err(|e| e.to_string())
            .and_then(|b| budgetlint_model::parse(&b).map_err(|e| e.to_string()))
        {
            Ok(doc) => print!("{}", budgetlint_model::summary::render(&doc)),
            Err(e) => eprintln!("{path}: {e}"),
        }
    }
}
