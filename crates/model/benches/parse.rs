//! Parser throughput: `cargo bench -p budgetlint-model`. Prints the time to parse seed 002
//! (61 KB) and the throughput over all seeds concatenated 100 times (median of five runs), on
//! one core.

use std::time::Instant;

fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/seeds");
    let mut seeds: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    seeds.sort();
    let big = std::fs::read(
        seeds
            .iter()
            .find(|p| p.to_string_lossy().contains("002_"))
            .unwrap(),
    )
    .unwrap();
    let mut times = Vec::new();
    for _ in 0..200 {
        let t = Instant::now();
        let doc = budgetlint_model::parse(&big).unwrap();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box(doc);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "seed 002 ({} bytes): median {:.3} ms, p95 {:.3} ms",
        big.len(),
        times[100],
        times[190]
    );

    let mut all = Vec::new();
    for _ in 0..100 {
        for p in &seeds {
            all.extend(std::fs::read(p).unwrap());
            all.push(b'\n');
        }
    }
    // Median of five runs: one run of 0.5 s is at the mercy of whatever else the machine does.
    let mut runs = Vec::new();
    let mut facts = 0;
    for _ in 0..5 {
        let t = Instant::now();
        let doc = budgetlint_model::parse(&all).unwrap();
        runs.push(t.elapsed().as_secs_f64());
        facts = doc.facts.len();
    }
    runs.sort_by(f64::total_cmp);
    let secs = runs[2];
    let mb = all.len() as f64 / 1e6;
    println!("seeds x100 ({mb:.1} MB): median of 5 {secs:.3} s, {:.1} MB/s (best {:.1} MB/s), {facts} facts", mb / secs, mb / runs[0]);
}
