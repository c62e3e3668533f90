//! Helpers for a plugin's own unit tests: run one rule on a text without a host.

use crate::{Context, Diagnostic, Profile, Rule};

/// Parses `text` with the model's parser and runs `rule` on it with default options and the
/// national profile, the way the host would.
pub fn check_text(rule: &dyn Rule, text: &str) -> Vec<Diagnostic> {
    check_text_with(rule, text, &serde_json::json!({}), &Profile::default())
}

/// Like [`check_text`] with explicit options (the rule's rules.toml table) and profile.
pub fn check_text_with(rule: &dyn Rule, text: &str, options: &serde_json::Value, profile: &Profile) -> Vec<Diagnostic> {
    let doc = budgetlint_model::parse_text(text.to_string());
    let mut out = Vec::new();
    rule.check(&Context { doc: &doc, options, profile }, &mut out);
    out
}
