//! Times the plugin's rules on a file (parse excluded): `cargo run --release --example bench -- FILE`.
use budgetlint_sdk::{Context, Profile, Views};
use std::time::Instant;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: bench FILE");
        return;
    };
    let Ok(bytes) = std::fs::read(&path) else {
        eprintln!("cannot read {path}");
        return;
    };
    let Ok(doc) = budgetlint_sdk::model::parse(&bytes) else {
        eprintln!("cannot decode {path}");
        return;
    };
    let options = serde_json::json!({});
    let profile = Profile::default();
    const ROUNDS: u32 = 200;
    for rule in budgetlint_plugin_structure::all_rules() {
        let start = Instant::now();
        let mut n = 0;
        for _ in 0..ROUNDS {
            // Fresh views each round: the time includes the views the rule builds.
            let views = Views::new(&doc, &profile);
            let mut out = Vec::new();
            rule.check(&Context::new(&views, &options), &mut out);
            n = out.len();
        }
        println!(
            "{:<32} {:>8.3} ms  ({n} findings)",
            rule.meta().id,
            start.elapsed().as_secs_f64() * 1000.0 / ROUNDS as f64
        );
    }
}
