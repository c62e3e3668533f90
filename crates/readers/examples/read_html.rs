//! Reads files with budgetlint's readers and prints their canonical text, or with `--time`
//! how long the read took (best of five) and the tables the model finds in it.
//!
//! `cargo run --release -p budgetlint-readers --example read_html -- [--time] FILE...`

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use budgetlint_readers::{ReadError, ReadOptions, Reading};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let time = args.iter().any(|a| a == "--time");
    let mut out = std::io::stdout().lock();
    for path in args.iter().filter(|a| *a != "--time") {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let (reading, best) = timed_read(path, &bytes, if time { 5 } else { 1 });
        let written = match reading {
            Ok(r) if time => summary(&mut out, path, bytes.len(), &r, best),
            Ok(r) => out.write_all(r.text.as_bytes()),
            Err(e) => writeln!(std::io::stderr(), "{path}: {e}"),
        };
        // A closed pipe (`| head`) ends the output, not the program with a panic.
        if written.is_err() {
            return;
        }
    }
}

/// The last of `runs` reads and the shortest time one took.
fn timed_read(path: &str, bytes: &[u8], runs: u32) -> (Result<Reading, ReadError>, Duration) {
    let options = ReadOptions::default();
    let mut best = Duration::MAX;
    let mut reading = Err(ReadError::new(budgetlint_readers::Format::Text, "not read"));
    for _ in 0..runs {
        let start = Instant::now();
        reading = budgetlint_readers::read(Path::new(path), bytes, &options);
        best = best.min(start.elapsed());
    }
    (reading, best)
}

fn summary(
    out: &mut impl Write,
    path: &str,
    size: usize,
    r: &Reading,
    best: Duration,
) -> std::io::Result<()> {
    let doc = budgetlint_model::parse_text(r.text.clone());
    writeln!(
        out,
        "{path}: {size} bytes -> {} bytes of text in {:.1} ms ({}, {}); the model finds {} tables",
        r.text.len(),
        best.as_secs_f64() * 1e3,
        r.format.name(),
        r.source.encoding,
        doc.tables.len()
    )?;
    for t in &doc.tables {
        let columns = t.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        let title = t.title.as_deref().unwrap_or("(no title)");
        writeln!(
            out,
            "  table {}: {} rows x {columns} columns, {title}",
            t.id,
            t.rows.len()
        )?;
    }
    Ok(())
}
