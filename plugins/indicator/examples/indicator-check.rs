//! Runs the indicator rules on files without the plugin host and prints the report in the
//! `budgetlint check --format json` schema (version 1):
//! `cargo run -p budgetlint-plugin-indicator --example indicator-check -- FILE…`.
use budgetlint_sdk::{Context, Profile, Views};

fn main() {
    let options = serde_json::json!({});
    let profile = Profile::default();
    let mut files = Vec::new();
    for path in std::env::args().skip(1) {
        let doc = match std::fs::read(&path)
            .map_err(|e| e.to_string())
            .and_then(|b| budgetlint_sdk::model::parse(&b).map_err(|e| e.to_string()))
        {
            Ok(doc) => doc,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let views = Views::new(&doc, &profile);
        let ctx = Context::new(&views, &options);
        let mut diags = Vec::new();
        for rule in budgetlint_plugin_indicator::all_rules() {
            rule.check(&ctx, &mut diags);
        }
        let rendered: Vec<_> = diags
            .iter()
            .map(|d| {
                serde_json::json!({
                    "rule": d.rule, "severity": d.severity.as_str(), "message": d.message,
                    "line": d.span.line, "column": d.span.col, "end_line": d.span.end_line, "end_column": d.span.end_col,
                    "related": d.related.iter().map(|r| serde_json::json!({"line": r.span.line, "column": r.span.col, "message": r.message})).collect::<Vec<_>>(),
                })
            })
            .collect();
        files.push(serde_json::json!({"path": path, "diagnostics": rendered}));
    }
    println!(
        "{}",
        serde_json::json!({"version": 1, "files": files, "summary": {}})
    );
}
