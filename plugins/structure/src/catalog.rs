//! The national lists of required tables and explanatory sections, read from the TSV files in
//! `data/` (kept as data so that a reviewer can extend the aliases without touching code).

use crate::text::compact_title;
use budgetlint_sdk::model::text::contains;
use budgetlint_sdk::model::DocKind;
use budgetlint_sdk::Severity;
use std::sync::OnceLock;

const TABLES_TSV: &str = include_str!("../data/required_tables.tsv");
const SECTIONS_TSV: &str = include_str!("../data/required_sections.tsv");

/// When a table is required.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requirement {
    Always,
    /// Only when the document's own 目录 lists it (国有资本经营预算支出表 in a 预算).
    WhenListed,
}

#[derive(Debug, Clone)]
pub struct RequiredTable {
    pub kind: DocKind,
    pub key: String,
    /// The standard name, shown in messages.
    pub name: String,
    pub requirement: Requirement,
    /// The word a sentence saying the table is empty would use (`政府性基金`).
    pub topic: String,
    /// Compacted spellings (see [`compact_title`]).
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct RequiredSection {
    pub key: String,
    pub name: String,
    pub severity: Severity,
    pub words: Vec<String>,
}

fn data_lines(tsv: &str) -> impl Iterator<Item = Vec<&str>> {
    tsv.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect::<Vec<_>>())
}

fn all_tables() -> &'static [RequiredTable] {
    static TABLES: OnceLock<Vec<RequiredTable>> = OnceLock::new();
    TABLES.get_or_init(|| {
        data_lines(TABLES_TSV)
            .filter_map(|cols| {
                let [kind, key, name, required, topic, aliases] = cols.as_slice() else {
                    return None;
                };
                let kind = match *kind {
                    "budget" => DocKind::Budget,
                    "final" => DocKind::FinalAccounts,
                    _ => return None,
                };
                Some(RequiredTable {
                    kind,
                    key: key.to_string(),
                    name: name.to_string(),
                    requirement: if *required == "listed" {
                        Requirement::WhenListed
                    } else {
                        Requirement::Always
                    },
                    topic: topic.to_string(),
                    aliases: aliases
                        .split('|')
                        .map(compact_title)
                        .filter(|a| !a.is_empty())
                        .collect(),
                })
            })
            .collect()
    })
}

/// The required tables of a 预算 or a 决算.
pub fn required_tables(kind: DocKind) -> Vec<&'static RequiredTable> {
    all_tables().iter().filter(|t| t.kind == kind).collect()
}

/// The required table a (compacted) title names, by the longest alias it contains.
pub fn classify<'a>(compact: &str, tables: &[&'a RequiredTable]) -> Option<&'a RequiredTable> {
    tables
        .iter()
        .flat_map(|t| t.aliases.iter().map(move |a| (*t, a)))
        .filter(|(_, alias)| contains(compact, alias))
        .max_by_key(|(_, alias)| alias.chars().count())
        .map(|(t, _)| t)
}

/// The explanatory sections every 说明 must have.
pub fn required_sections() -> &'static [RequiredSection] {
    static SECTIONS: OnceLock<Vec<RequiredSection>> = OnceLock::new();
    SECTIONS.get_or_init(|| {
        data_lines(SECTIONS_TSV)
            .filter_map(|cols| {
                let [key, name, severity, words] = cols.as_slice() else {
                    return None;
                };
                Some(RequiredSection {
                    key: key.to_string(),
                    name: name.to_string(),
                    severity: Severity::parse(severity).unwrap_or(Severity::Error),
                    words: words.split('|').map(str::to_string).collect(),
                })
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_parse() {
        assert_eq!(required_tables(DocKind::Budget).len(), 9);
        assert_eq!(required_tables(DocKind::FinalAccounts).len(), 9);
        assert!(required_sections().len() >= 10);
    }

    #[test]
    fn the_most_specific_alias_wins() {
        let budget = required_tables(DocKind::Budget);
        let key = |t: &str| classify(&compact_title(t), &budget).map(|t| t.key.as_str());
        assert_eq!(key("2021年财政拨款收支总体情况表"), Some("fiscal-total"));
        assert_eq!(key("2021年部门收支总体情况表"), Some("shouzhi-total"));
        assert_eq!(key("一般公共预算“三公”经费支出情况表"), Some("sangong"));
        assert_eq!(
            key("2021年一般公共预算支出情况表"),
            Some("general-expenditure")
        );
        assert_eq!(
            key("支出预算分类汇总表（按支出经济分类）"),
            Some("general-basic")
        );
        assert_eq!(key("部门（单位）整体绩效目标表"), None);
        let fin = required_tables(DocKind::FinalAccounts);
        let fkey = |t: &str| classify(&compact_title(t), &fin).map(|t| t.key.as_str());
        assert_eq!(
            fkey("五、一般公共预算财政拨款支出决算表（一）"),
            Some("general-expenditure")
        );
        assert_eq!(
            fkey("六、一般公共预算财政拨款支出决算表（二）"),
            Some("general-basic")
        );
        assert_eq!(fkey("收入支出决算总表"), Some("shouzhi-total"));
        assert_eq!(fkey("收入决算表"), Some("income"));
        assert_eq!(fkey("财政拨款收入支出决算总表"), Some("fiscal-total"));
    }
}
