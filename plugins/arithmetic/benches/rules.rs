//! Time of every rule of the plugin on seed 002 (61 KB), parse excluded:
//! `cargo bench -p budgetlint-plugin-arithmetic`.

use budgetlint_plugin_arithmetic::*;
use budgetlint_sdk::{Context, Profile, Rule, Views};
use std::time::Instant;

fn main() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/seeds/002_05b117f19e5843c3.txt"
    );
    let doc = budgetlint_sdk::model::parse(&std::fs::read(path).unwrap()).unwrap();
    let options = serde_json::json!({});
    let profile = Profile::default();
    let rules: Vec<Box<dyn Rule>> = vec![
        Box::new(SumMismatch),
        Box::new(RoundingGap),
        Box::new(TableSum),
        Box::new(ChangeMismatch),
        Box::new(PercentMismatch),
        Box::new(PercentTotal),
        Box::new(ZeroDenominator),
        Box::new(SameFigure),
        Box::new(ClassLabel),
        Box::new(Scope),
        Box::new(Vehicles),
    ];
    let mut total = 0.0;
    for rule in &rules {
        let best = (0..50)
            .map(|_| {
                // Fresh views each time: the time includes the views the rule builds.
                let views = Views::new(&doc, &profile);
                let t = Instant::now();
                let mut out = Vec::new();
                rule.check(&Context::new(&views, &options), &mut out);
                std::hint::black_box(out);
                t.elapsed().as_secs_f64() * 1000.0
            })
            .fold(f64::MAX, f64::min);
        total += best;
        println!("{:32} {best:.3} ms", rule.meta().id);
    }
    println!("all arithmetic rules on seed 002: {total:.3} ms (best of 50 each)");
}
