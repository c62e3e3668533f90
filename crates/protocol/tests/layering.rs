//! Who depends on whom around the plugin boundary: the host and the front ends take the
//! protocol's types from this crate, never from the plugin author's SDK (which may grow plugin
//! conveniences the host must not depend on).

use std::path::Path;

/// The names in the `[dependencies]` table of a crate's manifest (not dev- or build-).
fn dependencies(krate: &str) -> Vec<String> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(krate)
        .join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    let manifest: toml::Table = text.parse().unwrap();
    manifest
        .get("dependencies")
        .and_then(|d| d.as_table())
        .map(|d| d.keys().cloned().collect())
        .unwrap_or_default()
}

#[test]
fn host_and_front_ends_use_the_protocol_not_the_sdk() {
    for krate in ["engine", "cli", "lsp"] {
        let deps = dependencies(krate);
        assert!(
            deps.iter().any(|d| d == "budgetlint-protocol"),
            "crates/{krate} should depend on budgetlint-protocol: {deps:?}"
        );
        assert!(
            !deps.iter().any(|d| d == "budgetlint-sdk"),
            "crates/{krate} takes its diagnostic types from budgetlint-protocol, not the SDK"
        );
    }
    assert!(dependencies("sdk")
        .iter()
        .any(|d| d == "budgetlint-protocol"));
}
