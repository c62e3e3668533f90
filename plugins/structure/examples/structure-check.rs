//! Runs the plugin's rules on files and prints the findings: `cargo run -p budgetlint-plugin-structure --example structure-check -- FILE…`.
use budgetlint_sdk::{Context, Profile, Views};

fn main() {
    let json = std::env::args().any(|a| a == "--json");
    let mut files = Vec::new();
    for path in std::env::args().skip(1).filter(|a| a != "--json") {
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("cannot read {path}");
            continue;
        };
        let Ok(doc) = budgetlint_sdk::model::parse(&bytes) else {
            eprintln!("cannot decode {path}");
            continue;
        };
        let options = serde_json::json!({});
        let profile = Profile::default();
        let views = Views::new(&doc, &profile);
        let ctx = Context::new(&views, &options);
        let mut out = Vec::new();
        for rule in budgetlint_plugin_structure::all_rules() {
            rule.check(&ctx, &mut out);
        }
        out.sort_by_key(|d| (d.span.start, d.rule.clone()));
        if json {
            let diags: Vec<serde_json::Value> = out
                .iter()
                .map(|d| {
                    let related: Vec<serde_json::Value> = d.related.iter().map(|r| serde_json::json!({"line": r.span.line, "column": r.span.col, "message": r.message})).collect();
                    serde_json::json!({"rule": d.rule, "severity": d.severity.as_str(), "message": d.message, "line": d.span.line, "column": d.span.col, "related": related})
                })
                .collect();
            files.push(serde_json::json!({"path": path, "diagnostics": diags}));
            continue;
        }
        for d in out {
            println!(
                "{}:{}:{} {} {} {}",
                path.rsplit('/').next().unwrap_or(&path),
                d.span.line,
                d.span.col,
                d.rule,
                d.severity.as_str(),
                d.message
            );
            for r in &d.related {
                println!("    related {}:{} {}", r.span.line, r.span.col, r.message);
            }
        }
    }
    if json {
        println!("{}", serde_json::json!({"version": 1, "files": files}));
    }
}
