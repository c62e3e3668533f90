//! The run-time contract of a plugin's findings: a rule id is one judgement with one severity
//! (README “Severity”), so a finding must be under a rule the plugin was asked to run and at
//! that rule's declared default severity. The SDK's test helpers and the tidy test hold the
//! built-in plugins to it; a plugin built elsewhere (another SDK, C) may break it, and the host
//! then keeps the user's configuration in charge and says which plugin broke it.

use crate::error::Message;
use budgetlint_model::{LineIndex, Span};
use budgetlint_protocol::{Diagnostic, Severity};
use std::collections::{BTreeSet, HashMap, HashSet};

/// The rule id of the finding that reports a plugin's broken contract (once per plugin and
/// document).
pub const PLUGIN_CONTRACT_RULE: &str = "budgetlint/plugin-contract";

/// What one plugin broke on one document, each kind of breach once.
#[derive(Default)]
pub(super) struct Breaches {
    /// (rule, declared default, severity reported).
    regraded: BTreeSet<(String, Severity, Severity)>,
    /// Rules it reported without being asked to run them (undeclared, or switched off).
    unasked: BTreeSet<String>,
}

impl Breaches {
    /// Checks one finding of the plugin against the contract: `Some` finding to keep (at its
    /// rule's declared default, which the configured level is then relative to), `None` for a
    /// finding of a rule the plugin was not asked to run.
    pub(super) fn admit(
        &mut self,
        mut d: Diagnostic,
        asked: &HashSet<String>,
        defaults: &HashMap<String, Severity>,
    ) -> Option<Diagnostic> {
        if !asked.contains(&d.rule) {
            self.unasked.insert(d.rule);
            return None;
        }
        if let Some(&default) = defaults.get(&d.rule) {
            if d.severity != default {
                self.regraded.insert((d.rule.clone(), default, d.severity));
                d.severity = default;
            }
        }
        Some(d)
    }

    /// One info finding at the start of the document naming the plugin, its library and each
    /// breach; `None` when the plugin kept the contract.
    pub(super) fn report(
        &self,
        plugin: &str,
        library: &str,
        index: &LineIndex,
        text: &str,
    ) -> Option<Diagnostic> {
        if self.regraded.is_empty() && self.unasked.is_empty() {
            return None;
        }
        let (mut zh, mut en) = (Vec::new(), Vec::new());
        for (rule, default, reported) in &self.regraded {
            let (default, reported) = (default.as_str(), reported.as_str());
            zh.push(format!(
                "规则 {rule} 声明的默认级别是 {default}，却报告了 {reported} 级别的结果（已按 {default} 处理）"
            ));
            en.push(format!(
                "rule `{rule}` declares {default} but reported a finding at {reported} (taken as {default})"
            ));
        }
        for rule in &self.unasked {
            zh.push(format!(
                "报告了规则 {rule} 的结果，而并没有请它运行这条规则（未声明或已关闭；结果已丢弃）"
            ));
            en.push(format!(
                "reported a finding for rule `{rule}`, which it was not asked to run (undeclared or off; dropped)"
            ));
        }
        let message = Message::new(
            format!(
                "plugin `{plugin}` ({library}) broke the plugin contract (one severity per rule id, docs/PLUGIN_ABI.md): {}",
                en.join("; ")
            ),
            format!(
                "插件 {plugin}（{library}）违反了插件约定（每个规则 id 只有一个级别，见 docs/PLUGIN_ABI.md）：{}",
                zh.join("；")
            ),
        );
        Some(Diagnostic {
            rule: PLUGIN_CONTRACT_RULE.into(),
            severity: Severity::Info,
            message: message.zh,
            message_en: Some(message.en),
            span: start_of(index, text),
            related: Vec::new(),
            fix: None,
        })
    }
}

fn start_of(index: &LineIndex, text: &str) -> Span {
    index.span(text, 0, 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use budgetlint_protocol::Span;

    fn finding(rule: &str, severity: Severity) -> Diagnostic {
        Diagnostic {
            rule: rule.into(),
            severity,
            message: "m".into(),
            message_en: None,
            span: Span::default(),
            related: Vec::new(),
            fix: None,
        }
    }

    #[test]
    fn a_finding_at_another_severity_is_kept_at_the_rules_default_and_reported_once() {
        let asked: HashSet<String> = ["p/r".to_string()].into();
        let defaults: HashMap<String, Severity> = [("p/r".to_string(), Severity::Warning)].into();
        let mut breaches = Breaches::default();
        for _ in 0..3 {
            let kept = breaches.admit(finding("p/r", Severity::Error), &asked, &defaults);
            assert_eq!(kept.map(|d| d.severity), Some(Severity::Warning));
        }
        let text = "正文";
        let report = breaches
            .report("p", "libp.so", &LineIndex::new(text), text)
            .expect("a breach is reported");
        assert_eq!(report.rule, PLUGIN_CONTRACT_RULE);
        assert_eq!(report.severity, Severity::Info);
        assert_eq!(
            report.message.matches("p/r").count(),
            1,
            "{}",
            report.message
        );
        assert!(report.message.contains("warning") && report.message.contains("error"));
    }

    #[test]
    fn a_finding_of_a_rule_not_asked_for_is_dropped_and_named() {
        let asked: HashSet<String> = ["p/r".to_string()].into();
        let mut breaches = Breaches::default();
        assert!(breaches
            .admit(finding("p/other", Severity::Info), &asked, &HashMap::new())
            .is_none());
        let text = "正文";
        let report = breaches
            .report("p", "libp.so", &LineIndex::new(text), text)
            .unwrap();
        assert!(report.message.contains("p/other"), "{}", report.message);
    }

    #[test]
    fn a_plugin_that_keeps_the_contract_gets_no_report() {
        let asked: HashSet<String> = ["p/r".to_string()].into();
        let defaults: HashMap<String, Severity> = [("p/r".to_string(), Severity::Info)].into();
        let mut breaches = Breaches::default();
        assert!(breaches
            .admit(finding("p/r", Severity::Info), &asked, &defaults)
            .is_some());
        let text = "正文";
        assert!(breaches
            .report("p", "libp.so", &LineIndex::new(text), text)
            .is_none());
    }
}
