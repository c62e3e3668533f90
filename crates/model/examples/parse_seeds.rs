//! Parses each seed disclosure `N` times (default 10; first argument), or with `concat` as the
//! second argument their concatenation repeated `N` times once, as the throughput benchmark
//! does: a fixed amount of work for instruction counts, which, unlike wall time on a shared
//! machine, repeat exactly:
//!
//! ```sh
//! cargo build --release -p budgetlint-model --example parse_seeds
//! valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.out target/release/examples/parse_seeds 10
//! ```

fn main() {
    let times: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(10);
    let concat = std::env::args().nth(2).is_some_and(|a| a == "concat");
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/seeds");
    let mut seeds: Vec<_> = std::fs::read_dir(dir)
        .expect("the seeds are in tests/fixtures")
        .map(|e| e.expect("readable").path())
        .collect();
    seeds.sort();
    let texts: Vec<Vec<u8>> = seeds
        .iter()
        .map(|p| std::fs::read(p).expect("readable seed"))
        .collect();
    if concat {
        let mut all = Vec::new();
        for _ in 0..times {
            for bytes in &texts {
                all.extend_from_slice(bytes);
                all.push(b'\n');
            }
        }
        let facts = budgetlint_model::parse(&all)
            .map(|d| d.facts.len())
            .unwrap_or(0);
        println!("1 parse of {} bytes, {facts} facts", all.len());
        return;
    }
    let mut facts = 0;
    for _ in 0..times {
        for bytes in &texts {
            facts += budgetlint_model::parse(bytes)
                .map(|d| d.facts.len())
                .unwrap_or(0);
        }
    }
    println!("{} parses, {facts} facts", times * texts.len());
}
