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
    /// The version of this file format the template is written for (`schema = 1`, the default).
    /// A template written for a later version is refused with a message saying so, rather than
    /// read wrongly.
    #[serde(default = "first_schema")]
    pub schema: u32,
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
    /// With `numbering = "chinese-comma"`: a top-level heading numbered `1、` (Word's
    /// auto-numbering turns a typed `一、` list into one) is a section heading too. Sichuan's
    /// 编制说明 items come both ways.
    #[serde(default, skip_serializing_if = "is_false")]
    pub arabic_top_level: bool,
    /// What one section is called in messages: `item` (第六项) or `table` (第六张表); default:
    /// `部分` (part / section), as the numbering implies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sections_unit: Option<ItemUnit>,
    /// The sections, in order.
    #[serde(default)]
    pub sections: Vec<Entry>,
    /// The tables the disclosure must include, in order.
    #[serde(default)]
    pub tables: Vec<Entry>,
    /// Wording the province's form prescribes, with the wording it replaces
    /// (`province/vocabulary`).
    #[serde(default)]
    pub vocabulary: Vec<Term>,
    /// The 机关代字 prefixes of the province's own finance documents (`冀财`): a document citing
    /// 发文字号 with them is taken as the province's when nothing more reliable says where it is
    /// from (profile detection, `doc-number-prefix`).
    #[serde(default)]
    pub docnum_prefixes: Vec<String>,
    /// The documents the form is based on, with their 文号 (`province/regulation-number`).
    #[serde(default)]
    pub regulations: Vec<Regulation>,
    /// How the province's 项目编码 begin (`province/project-code-prefix`): `"division"`, with
    /// the budget unit's six-digit administrative-division code. A fact of the province's
    /// budget system, so it holds for every kind of document once any of its templates says it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_code_prefix: Option<ProjectCodePrefix>,
    /// The columns of the form's project 绩效目标表 (`province/perf-table-columns`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub perf_table: Option<PerfTableForm>,
}

/// The cells a province's project 绩效目标表 must have.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PerfTableForm {
    /// Header cells every 绩效目标表 has (`一级指标`, `指标值确定依据`), compared without white
    /// space, a trailing `：` allowed.
    pub columns: Vec<String>,
    /// The form's coded variant, recognised when any 绩效目标表 of the document has a 项目编码:
    /// each table then has its 项目编码 and a 资金支出计划 row with these checkpoints, in each
    /// one of its alternatives (`["9月底", "10月底"]`: the year's form has one of them). Empty:
    /// the form has no coded variant.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub coded_spending_plan: Vec<Vec<String>>,
}

/// What a province's 项目编码 begin with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProjectCodePrefix {
    /// The budget unit's GB/T 2260 code (`131024…` for a 香河县 unit); a city's unit may use
    /// its 市辖区 code (`131001`), a province's `XX0000`.
    Division,
}

/// The newest template file format this budgetlint reads.
pub const TEMPLATE_SCHEMA: u32 = 1;

fn first_schema() -> u32 {
    1
}

/// A term the province's form prescribes and the wording it replaces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The wording to use (`一般公共预算`).
    pub preferred: String,
    /// Wording that means the same and is no longer (or not in this province) used.
    pub deprecated: Vec<String>,
    /// Why (the regulation that changed it), for messages.
    #[serde(default)]
    pub reason: String,
}

/// A document a disclosure cites, and its 文号.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Regulation {
    /// The title inside 《》 (`地方预决算公开操作规程`).
    pub title: String,
    /// Its 发文字号 as issued (`财预〔2016〕143号`).
    pub number: String,
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
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Entry {
    /// The title as the template writes it.
    pub title: String,
    /// Key phrases a title matching it contains (`A+B`: both); at least one.
    pub aliases: Vec<String>,
    /// Whether the standard form must have it: `true` (default; missing: an error,
    /// `province/template-sections`), `"recommended"` (missing: a warning,
    /// `province/section-recommended`), `false` (the form may leave the heading out, a part that
    /// is only a banner over its tables). Its order is checked whenever it is there.
    #[serde(default)]
    pub required: Requirement,
    /// The items numbered `一、` inside this section, in order (a part's own list: its tables,
    /// the items of its explanation), checked like the sections within the section's span.
    /// Sections only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Entry>,
    /// How messages name the item list (`山西省部门决算模板第三部分（情况说明）`); default: the
    /// template's name and the section's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items_name_zh: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items_name_en: Option<String>,
    /// What one item is: `item` (项) or `table` (张表).
    #[serde(default, skip_serializing_if = "ItemUnit::is_default")]
    pub items_unit: ItemUnit,
}

/// What one item of a section's list is, for messages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemUnit {
    /// 项.
    #[default]
    Item,
    /// 张表.
    Table,
}

impl ItemUnit {
    fn is_default(&self) -> bool {
        *self == ItemUnit::Item
    }
}

/// How much the standard form insists on an entry. Written `required = true | false |
/// "recommended"` (a bool, as schema 1 first had it, or the one word).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RequirementText", into = "RequirementText")]
pub enum Requirement {
    /// Missing is an error (`province/template-sections`).
    #[default]
    Required,
    /// Missing is a warning (`province/section-recommended`): the form asks for it, but a
    /// document without it is not provably incomplete.
    Recommended,
    /// Missing is not reported; its order still is.
    Optional,
}

/// How [`Requirement`] is written in a template.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(untagged)]
enum RequirementText {
    Bool(bool),
    Word(String),
}

impl TryFrom<RequirementText> for Requirement {
    type Error = String;

    fn try_from(text: RequirementText) -> Result<Self, String> {
        match text {
            RequirementText::Bool(true) => Ok(Requirement::Required),
            RequirementText::Bool(false) => Ok(Requirement::Optional),
            RequirementText::Word(w) if w == "recommended" => Ok(Requirement::Recommended),
            RequirementText::Word(w) => Err(format!(
                "`required = \"{w}\"`: expected true, false or \"recommended\""
            )),
        }
    }
}

impl From<Requirement> for RequirementText {
    fn from(r: Requirement) -> Self {
        match r {
            Requirement::Required => RequirementText::Bool(true),
            Requirement::Optional => RequirementText::Bool(false),
            Requirement::Recommended => RequirementText::Word("recommended".into()),
        }
    }
}

fn is_false(b: &bool) -> bool {
    !b
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

    /// What is wrong with the template's own content (empty: nothing), for the loader's error:
    /// each problem with the text it is about (an entry's title, a level), for the loader to
    /// find its line.
    pub fn problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        if self.schema > TEMPLATE_SCHEMA || self.schema == 0 {
            let schema = self.schema;
            out.push(Problem::at(
                "schema",
                format!(
                    "`schema = {schema}` is not a template format this budgetlint reads (1 to {TEMPLATE_SCHEMA}): update budgetlint"
                ),
                format!(
                    "`schema = {schema}` 不是这个版本的 budgetlint 能读的模板格式（1 到 {TEMPLATE_SCHEMA}）：请更新 budgetlint"
                ),
            ));
        }
        if self.sections.is_empty() && self.tables.is_empty() {
            out.push(Problem::whole(
                "neither `sections` nor `tables` is listed".to_string(),
                "模板既没有列出 `sections`，也没有列出 `tables`".to_string(),
            ));
        }
        if self.arabic_top_level && self.numbering != Numbering::ChineseComma {
            out.push(Problem::at(
                "arabic-top-level",
                "`arabic-top-level` goes with `numbering = \"chinese-comma\"` (`1、` standing for `一、`)"
                    .to_string(),
                "`arabic-top-level` 只用于 `numbering = \"chinese-comma\"`（以“1、”代替“一、”）"
                    .to_string(),
            ));
        }
        for t in self
            .tables
            .iter()
            .filter(|t| t.required == Requirement::Recommended)
        {
            out.push(Problem::at(
                &t.title,
                format!(
                    "table “{}” is `required = \"recommended\"`: a table is required or not (`true`, `false`)",
                    t.title
                ),
                format!(
                    "表“{}”写了 `required = \"recommended\"`：表只能是必需或可省略（`true`、`false`）",
                    t.title
                ),
            ));
        }
        if let Some(form) = &self.perf_table {
            let blank = |s: &String| s.trim().is_empty();
            if form.columns.is_empty()
                || form.columns.iter().any(blank)
                || form
                    .coded_spending_plan
                    .iter()
                    .any(|p| p.is_empty() || p.iter().any(blank))
            {
                out.push(Problem::at(
                    "perf-table",
                    "`perf-table` needs `columns`, and neither a column nor a checkpoint of `coded-spending-plan` may be empty"
                        .to_string(),
                    "`perf-table` 需要 `columns`，各列和 `coded-spending-plan` 的各时点都不能为空"
                        .to_string(),
                ));
            }
        }
        for t in self.tables.iter().filter(|t| !t.items.is_empty()) {
            out.push(Problem::at(
                &t.title,
                format!(
                    "table “{}” has `items`: only a section holds a list",
                    t.title
                ),
                format!(
                    "表“{}”写了 `items`：只有章节（sections）才有条目列表",
                    t.title
                ),
            ));
        }
        let items = self.sections.iter().flat_map(|s| &s.items);
        for e in self.sections.iter().chain(&self.tables).chain(items) {
            if e.aliases.iter().all(|a| a.trim().is_empty()) {
                out.push(Problem::at(
                    &e.title,
                    format!("“{}” has no alias to recognise it by", e.title),
                    format!("“{}”没有可据以识别的别名（`aliases` 为空）", e.title),
                ));
            }
        }
        const LEVELS: [&str; 5] = ["province", "city", "county", "district", "township"];
        for l in &self.levels {
            if !LEVELS.contains(&l.as_str()) {
                let known = LEVELS.join(", ");
                out.push(Problem::at(
                    l,
                    format!("unknown level `{l}` (expected one of {known})"),
                    format!("不认识的级次 `{l}`（可用：{known}）"),
                ));
            }
        }
        for t in &self.vocabulary {
            if t.preferred.trim().is_empty() || t.deprecated.iter().any(|d| d.trim().is_empty()) {
                out.push(Problem::at(
                    &t.preferred,
                    "a vocabulary entry needs a `preferred` term and non-empty `deprecated` wordings"
                        .to_string(),
                    "用语条目需要 `preferred`（规范用语）和不为空的 `deprecated`（不规范的说法）"
                        .to_string(),
                ));
            }
            if t.deprecated
                .iter()
                .any(|d| t.preferred.contains(d.as_str()))
            {
                out.push(Problem::at(
                    &t.preferred,
                    format!(
                        "the deprecated wording of “{}” is part of the term itself",
                        t.preferred
                    ),
                    format!("“{}”的不规范说法是这个用语本身的一部分", t.preferred),
                ));
            }
        }
        for r in &self.regulations {
            if !is_doc_number(&r.number) {
                out.push(Problem::at(
                    &r.number,
                    format!(
                        "“{}” is not a 发文字号 (机关代字〔年份〕序号号, e.g. 财预〔2016〕143号)",
                        r.number
                    ),
                    format!(
                        "“{}”不是发文字号（机关代字〔年份〕序号号，如 财预〔2016〕143号）",
                        r.number
                    ),
                ));
            }
        }
        out
    }
}

/// One problem of a template: its message, and the text of the file it is about (a title, a
/// level) when it has a place, for the loader to turn into a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub needle: Option<String>,
    pub message: String,
    /// The same in Chinese: template authors are the finance offices' own staff.
    pub message_zh: String,
}

impl Problem {
    fn at(needle: &str, message: String, message_zh: String) -> Problem {
        Problem {
            needle: Some(needle.to_string()),
            message,
            message_zh,
        }
    }

    fn whole(message: String, message_zh: String) -> Problem {
        Problem {
            needle: None,
            message,
            message_zh,
        }
    }
}

/// `财预〔2016〕143号`: an agency code, a four-digit year in 〔〕, a serial number, 号.
fn is_doc_number(s: &str) -> bool {
    let Some((agency, rest)) = s.split_once('〔') else {
        return false;
    };
    let Some((year, serial)) = rest.split_once('〕') else {
        return false;
    };
    let Some(serial) = serial.strip_suffix('号') else {
        return false;
    };
    !agency.trim().is_empty()
        && year.len() == 4
        && year.chars().all(|c| c.is_ascii_digit())
        && !serial.is_empty()
        && serial.chars().all(|c| c.is_ascii_digit())
}
