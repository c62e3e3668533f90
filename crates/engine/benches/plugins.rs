//! Plugin-boundary benchmark: `cargo bench -p budgetlint-engine --bench plugins`.
//!
//! Measures (1) loading every plugin library found next to the binary (target/<profile>/, the
//! built-in plugins after a workspace build) and on `BUDGETLINT_PLUGIN_PATH`, and (2) the
//! boundary overhead per document for seed 002: encoding the model to JSON once, building each
//! request, and decoding a response of diagnostics; plus the plugin-side decode of the request
//! and a full `Linter::check` for reference, with and without same-build calls. A plain `main`
//! with std::time, no harness.

use budgetlint_engine::config::Config;
use budgetlint_engine::discovery::is_plugin_library;
use budgetlint_engine::wire::{self, WireResponse};
use budgetlint_engine::{Linter, Registry, Sources};
use budgetlint_model::LineIndex;
use budgetlint_protocol::RuleRequest;
use budgetlint_protocol::{Diagnostic, Profile, Severity};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const SEED: &str = "tests/fixtures/seeds/002_05b117f19e5843c3.txt";

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    load_plugins();
    let bytes = std::fs::read(root.join(SEED)).expect("seed 002 is in tests/fixtures");
    boundary(&bytes);
}

/// The bench binary lives in target/<profile>/deps; cargo puts cdylibs in target/<profile>.
fn sources() -> Sources {
    let exe = std::env::current_exe().unwrap();
    let deps = exe.parent().unwrap();
    let profile_dir = if deps.ends_with("deps") {
        deps.parent().unwrap()
    } else {
        deps
    };
    Sources {
        env_path: std::env::var_os("BUDGETLINT_PLUGIN_PATH"),
        exe_dir: Some(profile_dir.to_path_buf()),
        ..Sources::default()
    }
}

/// Cold loads, one library at a time (dlopen, version check, info), then building a `Linter`
/// over all of them (which also compiles the built-in packs).
fn load_plugins() {
    let sources = sources();
    let candidates: Vec<PathBuf> = sources.candidates(&[], &[]);
    let mut total = Duration::ZERO;
    for path in &candidates {
        let start = Instant::now();
        let loaded = budgetlint_engine::host::Plugin::load(path);
        let took = start.elapsed();
        total += took;
        let what = loaded
            .map(|p| format!("{} ({} rules)", p.info.name, p.info.rules.len()))
            .unwrap_or_else(|e| e.to_string());
        println!("  load {:6.2} ms  {what}  {}", ms(took), path.display());
    }
    println!(
        "load: {} plugin libraries, cold, one by one: {:.2} ms",
        candidates.len(),
        ms(total)
    );
    let start = Instant::now();
    let linter = Linter::new(Config::default(), &sources, &mut Registry::default());
    let took = start.elapsed();
    let plugins: std::collections::BTreeSet<&str> = linter
        .rules()
        .iter()
        .filter(|r| is_plugin_library(&r.source))
        .map(|r| r.plugin.as_str())
        .collect();
    println!(
        "linter: {} plugins {:?} and built-in packs, {} rules, {} problems: {:.2} ms",
        plugins.len(),
        plugins,
        linter.rules().len(),
        linter.problems().len(),
        ms(took)
    );
    for p in linter.problems() {
        println!("  problem: {p}");
    }
}

fn boundary(bytes: &[u8]) {
    let doc = budgetlint_model::parse(bytes).unwrap();
    let doc_json = wire::encode_document(&doc);
    println!(
        "seed 002: {} bytes of text, {} blocks, {} tables, {} facts; model JSON {} bytes",
        doc.text.len(),
        doc.blocks.len(),
        doc.tables.len(),
        doc.facts.len(),
        doc_json.get().len()
    );
    let parse = time(|| {
        black_box(budgetlint_model::parse(black_box(bytes)).unwrap())
            .facts
            .len()
    });
    let encode = time(|| black_box(serde_json::to_vec(black_box(&doc)).unwrap()).len());
    let rules: Vec<RuleRequest> = (0..10)
        .map(|i| RuleRequest {
            id: format!("arithmetic/rule-{i}"),
            options: serde_json::json!({}),
        })
        .collect();
    let prefix = wire::encode_rules(&rules);
    let profile = Profile::default();
    let request = time(|| black_box(wire::encode_request(&prefix, &profile, &doc_json)).len());
    let response = sample_response(&doc, 50);
    let index = LineIndex::new(&doc.text);
    let decode = time(|| {
        let r: WireResponse = serde_json::from_slice(black_box(&response)).unwrap();
        r.diagnostics
            .into_iter()
            .map(|d| d.into_diagnostic(&doc.text, &index))
            .collect::<Vec<Diagnostic>>()
            .len()
    });
    let full_request = wire::encode_request(&prefix, &profile, &doc_json);
    let plugin_decode = time(|| {
        budgetlint_protocol::messages::decode_request(black_box(&full_request))
            .unwrap()
            .rules
            .len()
    });
    let doc_postcard = postcard::to_stdvec(&doc).unwrap();
    let encode_postcard = time(|| black_box(postcard::to_stdvec(black_box(&doc)).unwrap()).len());
    let request_postcard = time(|| {
        black_box(wire::encode_binary_request(
            &prefix,
            &profile,
            &doc_postcard,
        ))
        .len()
    });
    let binary_request = wire::encode_binary_request(&prefix, &profile, &doc_postcard);
    let plugin_decode_postcard = time(|| {
        budgetlint_protocol::messages::decode_request(black_box(&binary_request))
            .unwrap()
            .rules
            .len()
    });
    println!("model postcard {} bytes", doc_postcard.len());
    println!(
        "parse (for reference):                   {:8.1} µs",
        us(parse)
    );
    println!("                                          JSON (C plugins)   postcard (SDK plugins)");
    println!(
        "encode model (once per document):        {:8.1} µs        {:8.1} µs",
        us(encode),
        us(encode_postcard)
    );
    println!(
        "build one plugin request (per plugin):   {:8.1} µs        {:8.1} µs",
        us(request),
        us(request_postcard)
    );
    println!(
        "decode 50 diagnostics (per plugin):      {:8.1} µs",
        us(decode)
    );
    println!(
        "host boundary overhead, 1 plugin:        {:8.1} µs        {:8.1} µs",
        us(encode + request + decode),
        us(encode_postcard + request_postcard + decode)
    );
    println!(
        "plugin-side decode of the request:       {:8.1} µs        {:8.1} µs (paid inside each plugin)",
        us(plugin_decode),
        us(plugin_decode_postcard)
    );
    for (same_build, how) in [
        (true, "same-build plugins lent the document"),
        (false, "every plugin decoding the encoded model"),
    ] {
        let linter = Linter::new(Config::default(), &sources(), &mut Registry::default())
            .with_same_build_calls(same_build);
        let check = time(|| {
            linter
                .check(Path::new("002.txt"), bytes, None)
                .unwrap()
                .findings
                .len()
        });
        println!(
            "full check of seed 002 (parse + all loaded plugins and packs), {how}: {:.2} ms",
            ms(check)
        );
    }
}

/// A response as a plugin would send it: `n` diagnostics with a related span and a fix each.
fn sample_response(doc: &budgetlint_model::Document, n: usize) -> Vec<u8> {
    let index = LineIndex::new(&doc.text);
    let step = doc.text.len() / (n + 1);
    let diagnostics: Vec<Diagnostic> = (0..n)
        .map(|i| {
            let at = budgetlint_model::span::floor_char_boundary(&doc.text, i * step);
            let span = index.span(&doc.text, at, at);
            Diagnostic {
                rule: "arithmetic/rule-1".into(),
                severity: Severity::Warning,
                message: "合计与分项之和不一致：10785.51 ≠ 10785.50".into(),
                message_en: None,
                span,
                related: Vec::new(),
                fix: None,
            }
            .related(span, "分项")
        })
        .collect();
    serde_json::to_vec(&serde_json::json!({ "diagnostics": diagnostics, "errors": [] })).unwrap()
}

/// Time per call of `f`: the best mean of five ~60 ms batches (after a warm-up), so that a
/// busy machine inflates the figure as little as possible.
fn time<T>(mut f: impl FnMut() -> T) -> Duration {
    for _ in 0..3 {
        black_box(f());
    }
    (0..5)
        .map(|_| {
            let start = Instant::now();
            let mut runs = 0u32;
            while start.elapsed() < Duration::from_millis(60) {
                black_box(f());
                runs += 1;
            }
            start.elapsed() / runs
        })
        .min()
        .expect("five batches")
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn us(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}
