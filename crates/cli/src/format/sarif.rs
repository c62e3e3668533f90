//! `--format sarif`: SARIF 2.1.0 (OASIS), for code-scanning dashboards and SARIF viewers.
//!
//! One run. The driver's `rules` table lists every rule loaded for the run (id, plugin,
//! summary as `shortDescription`, the "What it checks" section of its documentation as
//! `fullDescription`, the whole documentation as `help`, default level). Each result has its
//! location (with the page or cell of a PDF or spreadsheet in the location's `properties`),
//! the places that explain it as `relatedLocations` (in a `--package`, on the other file's
//! artifact; each with its page or cell too), its fix as `fixes`, and the
//! baseline fingerprint as a `partialFingerprints` entry. Columns count Unicode code points
//! (`columnKind`), like the other formats. Relative paths are relative to `%SRCROOT%`, the
//! directory budgetlint ran in. Files that could not be checked and plugins that failed to load
//! are `toolExecutionNotifications` of the invocation.
//!
//! Built with `serde_json::json!` rather than typed structs (the `serde-sarif` crate): the
//! output uses a few dozen of SARIF's hundreds of properties, the typed crate generates the
//! whole schema in a build script (schemafy) and brings strum and typed-builder — measured at
//! about 40 s more CPU for a cold debug build (serde-sarif 0.8 alone 16 s, its build script and
//! schemafy 5.6 s, strum and typed-builder macros 17 s; December 2026, `-j 1`) — and the
//! structure is checked where it matters: by the official SARIF validator
//! (`@microsoft/sarif-multitool`) in `tests/formats.rs`.

use super::{uri_path, Context, Format, Outcome, RuleDoc, Summary};
use crate::cli::Lang;
use budgetlint_engine::{FileReport, PLUGIN_CONTRACT_RULE, PLUGIN_ERROR_RULE};
use budgetlint_model::LineIndex;
use budgetlint_protocol::RuleInfo;
use budgetlint_protocol::{Severity, Span};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::path::Path;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const SRCROOT: &str = "%SRCROOT%";

pub struct Sarif {
    lang: Lang,
    rules: Vec<RuleDoc>,
    index: HashMap<String, usize>,
}

impl Sarif {
    pub fn new(context: Context) -> Sarif {
        let mut rules = context.rules;
        for info in [plugin_error_rule(), plugin_contract_rule()] {
            if !rules.iter().any(|r| r.info.id == info.id) {
                rules.push(RuleDoc {
                    plugin: "budgetlint".into(),
                    info,
                });
            }
        }
        let index = rules
            .iter()
            .enumerate()
            .map(|(i, r)| (r.info.id.clone(), i))
            .collect();
        Sarif {
            lang: context.lang,
            rules,
            index,
        }
    }

    fn result(
        &self,
        report: &FileReport,
        index: &LineIndex,
        finding: &budgetlint_engine::Finding,
    ) -> Value {
        let d = &finding.diagnostic;
        let artifact = artifact_location(&report.path);
        let here = super::place(report, &d.span);
        let mut location = json!({ "physicalLocation": { "artifactLocation": artifact, "region": region(d.span) } });
        with_place(&mut location, here.page, here.cell, here.ocr);
        let mut result = json!({
            "ruleId": d.rule,
            "level": level(d.severity),
            "message": { "text": super::message(d, self.lang) },
            "locations": [ location ],
            "partialFingerprints": { "budgetlintContext/v1": finding.fingerprint },
        });
        if let Some(&i) = self.index.get(&d.rule) {
            result["ruleIndex"] = json!(i);
        }
        let related: Vec<Value> = super::related_places(report, finding)
            .iter()
            .enumerate()
            .map(|(i, r)| {
                // Places in the other files of a `--package` name their own artifact.
                let artifact = r.path.map_or_else(|| artifact.clone(), artifact_location);
                let mut location = json!({
                    "id": i + 1,
                    "message": { "text": r.message },
                    "physicalLocation": { "artifactLocation": artifact, "region": region(r.span) },
                });
                with_place(&mut location, r.page, r.cell, false);
                location
            })
            .collect();
        if !related.is_empty() {
            result["relatedLocations"] = Value::Array(related);
        }
        if let Some(fix) = &d.fix {
            result["fixes"] = fixes(report, index, &artifact, fix);
        }
        result
    }
}

impl Format for Sarif {
    fn file(&self, outcome: &Outcome) -> String {
        let part = match outcome {
            Ok(report) => {
                let index = LineIndex::new(&report.text);
                let results: Vec<Value> = report
                    .findings
                    .iter()
                    .map(|f| self.result(report, &index, f))
                    .collect();
                json!({
                    "artifact": { "location": artifact_location(&report.path), "encoding": report.source.encoding },
                    "results": results,
                })
            }
            Err(e) => json!({
                "notification": {
                    "level": "error",
                    "message": { "text": e.message },
                    "locations": [ { "physicalLocation": { "artifactLocation": artifact_location(&e.path) } } ],
                },
            }),
        };
        part.to_string()
    }

    fn streams(&self) -> bool {
        false
    }

    fn end(&self, _summary: &Summary) -> String {
        String::new()
    }

    fn finish(&self, files: Vec<String>, summary: &Summary) -> String {
        let mut artifacts = Vec::new();
        let mut results = Vec::new();
        let mut notifications = Vec::new();
        for part in files {
            let Ok(mut part) = serde_json::from_str::<Value>(&part) else {
                continue;
            };
            if let Some(a) = part.get_mut("artifact") {
                artifacts.push(a.take());
            }
            if let Some(Value::Array(r)) = part.get_mut("results").map(Value::take) {
                results.extend(r);
            }
            if let Some(n) = part.get_mut("notification") {
                notifications.push(n.take());
            }
        }
        notifications.extend(
            summary
                .problems
                .iter()
                .map(|p| json!({ "level": "error", "message": { "text": p } })),
        );
        let log = json!({
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [ {
                "tool": { "driver": self.driver() },
                "originalUriBaseIds": { SRCROOT: { "uri": srcroot_uri() } },
                "columnKind": "unicodeCodePoints",
                "artifacts": artifacts,
                "results": results,
                "invocations": [ {
                    "executionSuccessful": summary.file_errors == 0 && summary.not_written == 0 && summary.problems.is_empty(),
                    "toolExecutionNotifications": notifications,
                } ],
            } ],
        });
        let mut out = serde_json::to_string_pretty(&log).expect("SARIF serializes");
        out.push('\n');
        out
    }
}

impl Sarif {
    fn driver(&self) -> Value {
        let rules: Vec<Value> = self.rules.iter().map(rule_descriptor).collect();
        json!({
            "name": "budgetlint",
            "version": env!("CARGO_PKG_VERSION"),
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "rules": rules,
        })
    }
}

fn rule_descriptor(rule: &RuleDoc) -> Value {
    let info = &rule.info;
    // The English page: SARIF's texts stay English, like its summary (the Chinese page
    // follows it in `docs`).
    let docs = super::rule_docs(info.docs_in(false));
    let full = section(&docs, "What it checks").unwrap_or_else(|| info.summary.clone());
    let help = if docs.is_empty() {
        info.summary.clone()
    } else {
        docs.clone()
    };
    let category = info.id.split('/').next().unwrap_or_default();
    json!({
        "id": info.id,
        "name": pascal_case(&info.id),
        "shortDescription": { "text": info.summary },
        "fullDescription": { "text": full },
        "help": { "text": help, "markdown": help },
        "defaultConfiguration": { "level": level(info.default_severity) },
        "properties": { "plugin": rule.plugin, "tags": [category] },
    })
}

/// The text of a `## title` section of rule documentation, up to the next heading.
fn section(docs: &str, title: &str) -> Option<String> {
    let mut lines = docs
        .lines()
        .skip_while(|l| l.trim() != format!("## {title}"));
    lines.next()?;
    let body: Vec<&str> = lines.take_while(|l| !l.starts_with("## ")).collect();
    let text = body.join("\n").trim().to_string();
    (!text.is_empty()).then_some(text)
}

/// `docnum/bracket-style` → `DocnumBracketStyle` (SARIF's `name` is an identifier).
fn pascal_case(id: &str) -> String {
    id.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn plugin_error_rule() -> RuleInfo {
    RuleInfo {
        id: PLUGIN_ERROR_RULE.into(),
        default_severity: Severity::Error,
        summary: "A rule plugin failed on this document".into(),
        summary_zh: Some("规则插件处理本文件时出错".into()),
        docs: "## What it checks\nReported when a plugin panics or answers with invalid data; the message names the \
               plugin, its library file and the rule. The other plugins' findings are still reported.\n"
            .into(),
        aliases: Vec::new(),
        split_from: None,
        file: String::new(),
        options: Vec::new(),
    }
}

fn plugin_contract_rule() -> RuleInfo {
    RuleInfo {
        id: PLUGIN_CONTRACT_RULE.into(),
        default_severity: Severity::Info,
        summary: "A rule plugin broke the contract of one severity per rule id".into(),
        summary_zh: Some("规则插件违反了每个规则 id 只有一个级别的约定".into()),
        docs: "## What it checks\nReported once per plugin and document when a plugin gives a finding another \
               severity than its rule declares (the finding is kept at the rule's level) or reports a rule it \
               was not asked to run (the finding is dropped); the message names the plugin, its library file \
               and each breach.\n"
            .into(),
        aliases: Vec::new(),
        split_from: None,
        file: String::new(),
        options: Vec::new(),
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The page of a PDF (or a text with form feeds) and the cell of a spreadsheet, which SARIF's
/// regions cannot say (their lines are the canonical text's), in the location's property bag:
/// `"properties": { "page": 3 }`, `{ "cell": "表1!C12" }`, and `"ocr": true` for text read by
/// OCR.
fn with_place(location: &mut Value, page: Option<u32>, cell: Option<&str>, ocr: bool) {
    let mut properties = serde_json::Map::new();
    if let Some(page) = page {
        properties.insert("page".into(), json!(page));
    }
    if let Some(cell) = cell {
        properties.insert("cell".into(), json!(cell));
    }
    if ocr {
        properties.insert("ocr".into(), json!(true));
    }
    if !properties.is_empty() {
        location["properties"] = Value::Object(properties);
    }
}

fn region(span: Span) -> Value {
    json!({ "startLine": span.line, "startColumn": span.col, "endLine": span.end_line, "endColumn": span.end_col })
}

fn fixes(
    report: &FileReport,
    index: &LineIndex,
    artifact: &Value,
    fix: &budgetlint_protocol::Fix,
) -> Value {
    let replacements: Vec<Value> = fix
        .edits
        .iter()
        .map(|e| {
            let span = super::edit_span(report, index, e.start, e.end);
            json!({ "deletedRegion": region(span), "insertedContent": { "text": e.replacement } })
        })
        .collect();
    json!([ {
        "description": { "text": fix.message },
        "artifactChanges": [ { "artifactLocation": artifact, "replacements": replacements } ],
    } ])
}

/// Relative paths against `%SRCROOT%`, absolute ones as `file:` URIs.
fn artifact_location(path: &Path) -> Value {
    if path.is_absolute() {
        json!({ "uri": format!("file://{}", uri_path(path)) })
    } else {
        let relative = path.strip_prefix(".").unwrap_or(path);
        json!({ "uri": uri_path(relative), "uriBaseId": SRCROOT })
    }
}

fn srcroot_uri() -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut uri = format!("file://{}", uri_path(&cwd));
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}
