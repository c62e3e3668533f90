//! Language-server latency and memory, measured on the real release binary over stdio:
//!
//! - didChange → publishDiagnostics for seed 002 (61 KB) with the debounce set to 0, so the
//!   time is the server's own (apply the edit, check, encode, publish): p50/p95 over 200 edits
//!   that alternately break and restore a figure;
//! - the server's resident memory with all five seeds open and checked.
//!
//! `cargo bench -p budgetlint-lsp` (builds `budgetlint` and the plugins in release first).
//! BUDGETLINT_BIN=path uses another binary; BUDGETLINT_BENCH_EDITS=n changes the edit count.

#[path = "../tests/support/mod.rs"]
mod support;

use serde_json::json;
use std::time::{Duration, Instant};
use support::*;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// (VmRSS, VmHWM) of a process in MB, from /proc.
fn memory_mb(pid: u32) -> Option<(f64, f64)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |name: &str| -> Option<f64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        Some(line.split_whitespace().nth(1)?.parse::<f64>().ok()? / 1024.0)
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

/// User + system CPU time of a process so far, from /proc (clock ticks of 10 ms).
fn cpu_time(pid: u32) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after_name = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

fn main() {
    let bin = std::env::var_os("BUDGETLINT_BIN")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| build(true));
    let edits: usize = std::env::var("BUDGETLINT_BENCH_EDITS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::write(root.join("rules.toml"), "").unwrap();
    let mut docs = Vec::new();
    for prefix in ["000", "001", "002", "003", "004"] {
        let (path, text) = seed(prefix);
        let doc = root.join(path.file_name().unwrap());
        std::fs::write(&doc, &text).unwrap();
        docs.push((prefix, file_uri(&doc), text));
    }
    let mut client = Client::start_binary(&bin, &root, &[]);
    let started = Instant::now();
    client.initialize(&root, full_capabilities(), json!({"debounceMs": 0}));
    println!(
        "server: {} (initialize {})",
        bin.display(),
        ms(started.elapsed())
    );

    // Open the five seeds; time to first diagnostics for each.
    for (prefix, uri, text) in &docs {
        let t = Instant::now();
        client.open(uri, text, 1);
        let n = client.diagnostics(uri, 1).len();
        println!(
            "open seed {prefix} ({} KB): first diagnostics in {} ({n} findings)",
            text.len() / 1024,
            ms(t.elapsed())
        );
    }
    if let Some((rss, peak)) = memory_mb(client.pid()) {
        println!("RSS with the five seeds open: {rss:.1} MB (peak {peak:.1} MB)");
    }

    // didChange → publishDiagnostics on seed 002.
    let (_, uri, text) = docs.iter().find(|d| d.0 == "002").unwrap().clone();
    let target = text.find("万元").expect("a figure in seed 002");
    let digit = text[..target]
        .rfind(|c: char| c.is_ascii_digit())
        .expect("a digit before 万元");
    let original = text[digit..digit + 1].to_string();
    let mut latencies = Vec::with_capacity(edits);
    let cpu_before = cpu_time(client.pid());
    for i in 0..edits {
        let replacement = if i % 2 == 0 {
            if original == "9" {
                "8"
            } else {
                "9"
            }
        } else {
            original.as_str()
        };
        let version = i as i64 + 2;
        let t = Instant::now();
        client.change(
            &uri,
            version,
            json!([{"range": range(&text, digit, digit + 1, false), "text": replacement}]),
        );
        client.diagnostics(&uri, version);
        latencies.push(t.elapsed());
    }
    latencies.sort();
    println!(
        "didChange → publishDiagnostics, seed 002 ({} KB), debounce 0, {} edits: p50 {}  p95 {}  min {}  max {}",
        text.len() / 1024,
        edits,
        ms(percentile(&latencies, 0.50)),
        ms(percentile(&latencies, 0.95)),
        ms(latencies[0]),
        ms(latencies[latencies.len() - 1])
    );
    if let (Some(a), Some(b)) = (cpu_before, cpu_time(client.pid())) {
        println!(
            "server CPU time per edit (user + system, all threads): {}",
            ms((b - a) / edits as u32)
        );
    }
    if let Some((rss, peak)) = memory_mb(client.pid()) {
        println!("RSS after the edits: {rss:.1} MB (peak {peak:.1} MB)");
    }
    let code = client.shutdown();
    assert_eq!(code, Some(0));
}
