//! `budgetlint rules` and `budgetlint explain RULE`.

use crate::cli::ConfigArgs;
use crate::exit;
use crate::session::Session;
use budgetlint_engine::{Linter, RuleEntry};
use std::sync::Arc;

/// The linter for the current directory (or `--config`), with load problems on stderr.
pub fn linter(config: ConfigArgs) -> Result<(Arc<Linter>, bool), u8> {
    let mut session = Session::new(&config);
    match session.linter_for(std::path::Path::new(".")) {
        Ok(l) => Ok((l, !session.report_problems(false).is_empty())),
        Err(e) => {
            eprintln!("budgetlint: error: {e}");
            Err(exit::TROUBLE)
        }
    }
}

/// The file that declares the rule (its source file, or its pack), `-` when the plugin does
/// not say.
fn file(entry: &RuleEntry) -> &str {
    if entry.info.file.is_empty() {
        "-"
    } else {
        &entry.info.file
    }
}

fn severity(entry: &RuleEntry) -> &'static str {
    entry.severity.map_or("off", |s| s.as_str())
}

pub fn list(config: ConfigArgs) -> u8 {
    let (linter, trouble) = match linter(config) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let mut rules: Vec<&RuleEntry> = linter.rules().iter().collect();
    rules.sort_by(|a, b| a.info.id.cmp(&b.info.id));
    let id_width = rules
        .iter()
        .map(|r| r.info.id.len())
        .max()
        .unwrap_or(4)
        .max(4);
    let plugin_width = rules
        .iter()
        .map(|r| r.plugin.len())
        .max()
        .unwrap_or(6)
        .max(6);
    let file_width = rules
        .iter()
        .map(|r| file(r).len())
        .max()
        .unwrap_or(4)
        .max(4);
    let mut out = format!(
        "{:id_width$}  {:plugin_width$}  {:8}  {:file_width$}  SUMMARY\n",
        "RULE", "PLUGIN", "SEVERITY", "FILE"
    );
    for r in rules {
        out.push_str(&format!(
            "{:id_width$}  {:plugin_width$}  {:8}  {:file_width$}  {}\n",
            r.info.id,
            r.plugin,
            severity(r),
            file(r),
            r.info.summary
        ));
    }
    super::print(&out);
    if trouble {
        exit::TROUBLE
    } else {
        exit::CLEAN
    }
}

pub fn explain(rule: &str, config: ConfigArgs) -> u8 {
    let (linter, _) = match linter(config) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let renamed = |r: &&RuleEntry| r.info.aliases.iter().any(|a| a == rule);
    let entry = linter.rules().iter().find(|r| r.info.id == rule);
    let Some(entry) = entry.or_else(|| linter.rules().iter().find(renamed)) else {
        eprintln!("budgetlint: error: no loaded plugin or pack provides rule `{rule}` (see `budgetlint rules`)");
        return exit::TROUBLE;
    };
    let info = &entry.info;
    if info.id != rule {
        eprintln!("budgetlint: `{rule}` was renamed `{}`", info.id);
    }
    let formerly = if info.aliases.is_empty() {
        String::new()
    } else {
        format!("formerly: {}\n", info.aliases.join(", "))
    };
    let mut options = String::new();
    for o in &info.options {
        options.push_str(&format!(
            "option:   {} ({}, default {}): {}\n",
            o.name,
            o.kind.as_str(),
            o.default,
            o.doc
        ));
    }
    super::print(&format!(
        "{}\n{}\n\nplugin:   {} ({})\nfile:     {}\n{formerly}severity: {} (default {})\n{options}\n{}\n",
        info.id,
        info.summary,
        entry.plugin,
        entry.source.display(),
        file(entry),
        severity(entry),
        info.default_severity.as_str(),
        crate::format::rule_docs(&info.docs)
    ));
    exit::CLEAN
}
