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
    let mut out = format!(
        "{:id_width$}  {:plugin_width$}  {:8}  SUMMARY\n",
        "RULE", "PLUGIN", "SEVERITY"
    );
    for r in rules {
        out.push_str(&format!(
            "{:id_width$}  {:plugin_width$}  {:8}  {}\n",
            r.info.id,
            r.plugin,
            severity(r),
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
    let Some(entry) = linter.rules().iter().find(|r| r.info.id == rule) else {
        eprintln!("budgetlint: error: no loaded plugin or pack provides rule `{rule}` (see `budgetlint rules`)");
        return exit::TROUBLE;
    };
    let info = &entry.info;
    super::print(&format!(
        "{}\n{}\n\nplugin:   {} ({})\nseverity: {} (default {})\n\n{}\n",
        info.id,
        info.summary,
        entry.plugin,
        entry.source.display(),
        severity(entry),
        info.default_severity.as_str(),
        crate::format::rule_docs(&info.docs)
    ));
    exit::CLEAN
}
