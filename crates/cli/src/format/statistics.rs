//! `--statistics`: the number of findings per rule instead of the findings, most first, with
//! each rule's severity and summary, then the summary line. What a reviewer looks at first in
//! a folder of hundreds of documents: which rules fire, and how often.

use super::{Context, Format, Outcome, Summary};
use crate::cli::Lang;
use crate::i18n::severity_word;

pub struct Statistics {
    pub context: Context,
}

impl Format for Statistics {
    /// Nothing per file: the counts are in the summary.
    fn file(&self, outcome: &Outcome) -> String {
        match outcome {
            Ok(_) => String::new(),
            Err(e) => super::human::file_error(e, self.context.lang),
        }
    }

    fn end(&self, s: &Summary) -> String {
        let lang = self.context.lang;
        let mut rows: Vec<(&str, &str, usize)> = s
            .per_rule
            .iter()
            .map(|((rule, severity), n)| (rule.as_str(), severity_word(*severity, lang), *n))
            .collect();
        rows.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)));
        let width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0).max(4);
        let mut out = String::new();
        if !rows.is_empty() {
            let [count, rule, level, summary] = match lang {
                Lang::Zh => ["  数量", "规则", "级别", "摘要"],
                Lang::En => [" COUNT", "RULE", "SEVERITY", "SUMMARY"],
            };
            out.push_str(&format!(
                "{count}  {}  {}  {summary}\n",
                pad(rule, width),
                pad(level, 8)
            ));
        }
        for (rule, level, n) in rows {
            out.push_str(&format!(
                "{n:>6}  {rule:width$}  {}  {}\n",
                pad(level, 8),
                self.summary_of(rule)
            ));
        }
        if !self.context.quiet {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&super::human::summary_line(s, lang));
        }
        out
    }
}

impl Statistics {
    fn summary_of(&self, rule: &str) -> &str {
        self.context
            .rules
            .iter()
            .find(|r| r.info.id == rule)
            .map_or("", |r| {
                crate::i18n::rule_summary(&r.info, self.context.lang)
            })
    }
}

/// `text` padded to `width` terminal columns (a Chinese character takes two).
fn pad(text: &str, width: usize) -> String {
    let used = unicode_width::UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(used)))
}
