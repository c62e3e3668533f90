//! Helix is not packaged for this machine's Debian, so its configuration is checked statically:
//! it is valid TOML, starts `budgetlint lsp`, passes only initialization options the server
//! knows, and gives .txt and Markdown files the server.

use std::path::Path;
use toml::{Table, Value};

fn config() -> Table {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../helix/languages.toml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.parse::<Table>()
        .unwrap_or_else(|e| panic!("{} is not valid TOML: {e}", path.display()))
}

#[test]
fn the_server_is_budgetlint_lsp_with_known_options() {
    let config = config();
    let server = &config["language-server"]["budgetlint"];
    assert_eq!(server["command"].as_str(), Some("budgetlint"));
    assert_eq!(
        server["args"]
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_str).collect::<Vec<_>>()),
        Some(vec!["lsp"])
    );
    // The keys crates/lsp/src/settings.rs reads; anything else would only be logged and ignored.
    let known = [
        "trusted",
        "debounceMs",
        "ruleDocsUrl",
        "lintWithoutConfig",
        "configPath",
        "minimumSeverity",
        "language",
    ];
    let options = server["config"]
        .as_table()
        .expect("[language-server.budgetlint.config]");
    for key in options.keys() {
        assert!(
            known.contains(&key.as_str()),
            "unknown initialization option `{key}`"
        );
    }
    assert_eq!(
        options["trusted"].as_bool(),
        Some(false),
        "untrusted by default: Helix has no workspace trust"
    );
    assert!(
        ["info", "warning", "error"].contains(&options["minimumSeverity"].as_str().unwrap_or(""))
    );
}

#[test]
fn txt_and_markdown_files_get_the_server() {
    let config = config();
    let languages = config["language"].as_array().expect("[[language]] tables");
    let uses_budgetlint = |l: &Value| {
        l["language-servers"]
            .as_array()
            .is_some_and(|s| s.iter().any(|s| s.as_str() == Some("budgetlint")))
    };
    let text = languages
        .iter()
        .find(|l| {
            l["file-types"]
                .as_array()
                .is_some_and(|f| f.iter().any(|t| t.as_str() == Some("txt")))
        })
        .expect("a language for .txt");
    assert!(uses_budgetlint(text));
    assert!(
        text.get("scope").and_then(Value::as_str).is_some(),
        "Helix needs a scope"
    );
    assert_eq!(
        text["roots"]
            .as_array()
            .and_then(|r| r.first())
            .and_then(Value::as_str),
        Some("rules.toml")
    );
    let markdown = languages
        .iter()
        .find(|l| l["name"].as_str() == Some("markdown"))
        .expect("markdown");
    assert!(uses_budgetlint(markdown));
}
