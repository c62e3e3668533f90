//! `--select` and `--ignore`: which rules' findings a run reports. A selector is a rule id
//! (`doc-number/bracket-style`) or a prefix of ids ending at a `/` (`doc-number`,
//! `doc-number/`). Findings of rules not selected are dropped before fixing and reporting, so
//! they are neither fixed, counted nor turned into an exit code. A plugin's failure
//! ([`PLUGIN_ERROR_RULE`]) is always reported: it says a rule did not run at all.

use budgetlint_engine::{FileReport, PLUGIN_ERROR_RULE};

#[derive(Debug, Default, Clone)]
pub struct RuleFilter {
    select: Vec<String>,
    ignore: Vec<String>,
}

impl RuleFilter {
    pub fn new(select: &[String], ignore: &[String]) -> RuleFilter {
        let clean = |list: &[String]| -> Vec<String> {
            list.iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        };
        RuleFilter {
            select: clean(select),
            ignore: clean(ignore),
        }
    }

    /// Whether the findings of `rule` are reported.
    pub fn keeps(&self, rule: &str) -> bool {
        if rule == PLUGIN_ERROR_RULE {
            return true;
        }
        let selected = self.select.is_empty() || self.select.iter().any(|s| matches(s, rule));
        selected && !self.ignore.iter().any(|s| matches(s, rule))
    }

    /// Drops the findings of the rules not kept.
    pub fn apply(&self, report: &mut FileReport) {
        if !self.select.is_empty() || !self.ignore.is_empty() {
            report.findings.retain(|f| self.keeps(&f.diagnostic.rule));
        }
    }

    /// The selectors that match none of `rules` (a typo would otherwise silently report
    /// nothing, or everything), as `--select X` / `--ignore X`.
    pub fn unknown<'a>(&'a self, rules: &[&str]) -> Vec<String> {
        let unmatched = |option: &'a str, list: &'a [String]| {
            list.iter()
                .filter(|s| !rules.iter().any(|r| matches(s, r)))
                .map(move |s| format!("{option} {s}"))
        };
        unmatched("--select", &self.select)
            .chain(unmatched("--ignore", &self.ignore))
            .collect()
    }
}

/// `rule` is `selector`, or lies under it (`text` and `text/` both cover `text/x`).
fn matches(selector: &str, rule: &str) -> bool {
    let prefix = selector.trim_end_matches('/');
    rule == selector
        || rule
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(select: &[&str], ignore: &[&str]) -> RuleFilter {
        let own = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        RuleFilter::new(&own(select), &own(ignore))
    }

    #[test]
    fn selectors_are_ids_or_prefixes_ending_at_a_slash() {
        let f = filter(&["text", "doc-number/bracket-style"], &["text/placeholder"]);
        assert!(f.keeps("text/agency-name"));
        assert!(f.keeps("doc-number/bracket-style"));
        assert!(!f.keeps("text/placeholder"), "ignored");
        assert!(!f.keeps("doc-number/missing-agency"), "not selected");
        assert!(!f.keeps("textual/x"), "a prefix ends at a slash");
        assert!(
            f.keeps(PLUGIN_ERROR_RULE),
            "plugin failures are always reported"
        );
        assert!(filter(&[], &[]).keeps("anything/at-all"));
        assert!(filter(&["text/"], &[]).keeps("text/x"));
    }

    #[test]
    fn selectors_matching_no_rule_are_named() {
        let f = filter(&["text", "txet"], &["arithmetic/nope"]);
        assert_eq!(
            f.unknown(&["text/a", "arithmetic/sum-mismatch"]),
            ["--select txet", "--ignore arithmetic/nope"]
        );
    }
}
