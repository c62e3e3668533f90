//! A rule id is one judgement with one severity: the test helpers every plugin's fixture table
//! runs through refuse a finding at another severity than the rule declares, or under another
//! id, so a rule that grades its findings fails its own tests.

use budgetlint_sdk::testing::check_text;
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta, Severity, Span};

declare_rule! {
    /// Reports the first line, at its declared severity or, when asked, at another.
    pub struct Graded { id: "t/graded", severity: Warning, summary: "graded" }
}

/// The severity the test rule gives its finding (`None`: its declared default).
struct Reporting(Option<Severity>, &'static str);

impl Rule for Reporting {
    fn meta(&self) -> &'static RuleMeta {
        &Graded::META
    }
    fn check(&self, _: &Context, out: &mut Vec<Diagnostic>) {
        let mut d = Diagnostic::new(&Graded::META, Span::default(), "m");
        d.rule = self.1.to_string();
        if let Some(severity) = self.0 {
            d.severity = severity;
        }
        out.push(d);
    }
}

#[test]
fn a_finding_at_the_declared_severity_passes() {
    assert_eq!(check_text(&Reporting(None, "t/graded"), "x").len(), 1);
    let restated = Reporting(Some(Severity::Warning), "t/graded");
    assert_eq!(check_text(&restated, "x").len(), 1);
}

#[test]
#[should_panic(expected = "t/graded declares warning but reported info")]
fn a_finding_at_another_severity_fails() {
    check_text(&Reporting(Some(Severity::Info), "t/graded"), "x");
}

#[test]
#[should_panic(expected = "t/graded reported a finding under another id")]
fn a_finding_under_another_id_fails() {
    check_text(&Reporting(None, "t/other"), "x");
}
