//! A province's disclosure template as data: the sections and tables its standard disclosure
//! requires, in order. Templates are TOML files (`data/provinces/*.toml` built in, more named by
//! rules.toml's `plugins.provinces`), one per province and kind of document; the engine reads
//! and validates them, hands the ones for a document's province to the plugins in its
//! [`crate::Profile`], and the generic `province` plugin checks the document against them.
//! A province needs a compiled plugin only for checks that a list of titles cannot say.

use serde::{Deserialize, Serialize};

/// One template: a province, a kind of document, its sections and tables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ProvinceTemplate {
    /// The province it belongs to: short name (`上海`) once loaded; the file may use any name
    /// the administrative-division table knows (`shanghai`, `上海市`).
    pub province: String,
    /// The kind of document it describes.
    pub kind: TemplateKind,
    /// The administrative levels whose documents follow it (`province`, `city`, `county`,
    /// `district`, `township`); empty: every level.
    #[serde(default)]
    pub levels: Vec<String>,
    /// Its name in messages: `上海市区级部门预算公开模板`.
    pub name_zh: String,
    pub name_en: String,
    /// Where the template comes from (the regulation or notice that fixes it), for messages.
    #[serde(default)]
    pub source: String,
    /// How the sections are numbered in the body.
    pub numbering: Numbering,
    /// The sections, in order.
    #[serde(default)]
    pub sections: Vec<Entry>,
    /// The tables the disclosure must include, in order.
    #[serde(default)]
    pub tables: Vec<Entry>,
}

/// The kind of document a template describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TemplateKind {
    /// 预算.
    Budget,
    /// 决算.
    FinalAccounts,
}

/// How a template's sections are numbered: `第一部分` or `一、`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Numbering {
    Part,
    ChineseComma,
}

/// One section or table of a template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The title as the template writes it.
    pub title: String,
    /// Key phrases a title matching it contains (`A+B`: both); at least one.
    pub aliases: Vec<String>,
    /// False when the standard form may leave the heading out (a part that is only a banner
    /// over its tables): its order is still checked when present.
    #[serde(default = "yes")]
    pub required: bool,
}

fn yes() -> bool {
    true
}

impl ProvinceTemplate {
    /// Whether the template describes a document of this kind (`None`: unknown, taken as a
    /// budget) and level (`None`: unknown, any level).
    pub fn applies_to(&self, final_accounts: Option<bool>, level: Option<&str>) -> bool {
        let kind = match final_accounts {
            Some(true) => TemplateKind::FinalAccounts,
            _ => TemplateKind::Budget,
        };
        self.kind == kind
            && (self.levels.is_empty() || level.is_none_or(|l| self.levels.iter().any(|t| t == l)))
    }

    /// What is wrong with the template's own content (empty: nothing), for the loader's error.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.sections.is_empty() && self.tables.is_empty() {
            out.push("neither `sections` nor `tables` is listed".to_string());
        }
        for e in self.sections.iter().chain(&self.tables) {
            if e.aliases.iter().all(|a| a.trim().is_empty()) {
                out.push(format!("“{}” has no alias to recognise it by", e.title));
            }
        }
        const LEVELS: [&str; 5] = ["province", "city", "county", "district", "township"];
        for l in &self.levels {
            if !LEVELS.contains(&l.as_str()) {
                out.push(format!(
                    "unknown level `{l}` (expected one of {})",
                    LEVELS.join(", ")
                ));
            }
        }
        out
    }
}
