//! The messages of `budgetlint_plugin_info` and `budgetlint_check`, in both encodings
//! (docs/PLUGIN_ABI.md).

use crate::abi::{BINARY_MAGIC, ENCODING_JSON, WHOLE_REQUEST};
use crate::{Diagnostic, Profile, Severity};
use budgetlint_model::Document;
use serde::{Deserialize, Serialize};

/// What `budgetlint_plugin_info` returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PluginInfo {
    pub name: String,
    pub version: String,
    pub rules: Vec<RuleInfo>,
    /// Model encodings the plugin accepts besides JSON (`["postcard"]`); absent means JSON only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub encodings: Vec<String>,
    /// Provinces (short names, `河北`) whose documents the plugin's rules apply to; absent or
    /// empty means every document. The host does not call the plugin for other profiles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub provinces: Vec<String>,
}

impl PluginInfo {
    pub fn accepts(&self, encoding: &str) -> bool {
        encoding == ENCODING_JSON || self.encodings.iter().any(|e| e == encoding)
    }

    /// Whether the plugin has anything to say about a document of this profile.
    pub fn applies_to(&self, profile: &Profile) -> bool {
        self.provinces.is_empty()
            || profile
                .province
                .as_ref()
                .is_some_and(|p| self.provinces.contains(p))
    }
}

/// One rule as the host sees it before running it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleInfo {
    pub id: String,
    pub default_severity: Severity,
    pub summary: String,
    /// The summary in Chinese, when the rule has one (absent from older plugins' JSON).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary_zh: Option<String>,
    #[serde(default)]
    pub docs: String,
    /// The rule's former ids (optional: older plugins and C plugins have none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The rule this one was split from (optional): its findings were that rule's until the
    /// judgement it makes got its own id, so rules.toml tables, inline disables and baselines
    /// that name the older rule still apply to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub split_from: Option<String>,
    /// The source file that declares the rule (optional; empty when unknown).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub file: String,
    /// The options the rule reads (optional: without it the host does not check the keys).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<OptionInfo>,
}

/// The heading that opens the Chinese half of a rule's documentation: `docs` holds the English
/// sections (`## What it checks`, `## Why`, `## Example`, `## Fix`) and then the same page in
/// Chinese ([`DOC_SECTIONS_ZH`]), so a plugin's one text serves both languages and a plugin
/// written before the Chinese pages (no such heading) keeps its English page for everyone.
pub const DOC_START_ZH: &str = "## 检查内容";

/// The sections of the Chinese page, in order: what it checks, the regulation, an example, the
/// fix.
pub const DOC_SECTIONS_ZH: [&str; 4] = [DOC_START_ZH, "## 依据", "## 示例", "## 修改方法"];

/// A rule's documentation split into its English page and its Chinese page (`None` when the
/// rule has none). The Chinese page starts at the first line that is [`DOC_START_ZH`] (doc
/// comments indent it by a space).
pub fn split_docs(docs: &str) -> (&str, Option<&str>) {
    let mut at = 0;
    for line in docs.split_inclusive('\n') {
        if line.trim() == DOC_START_ZH {
            return (&docs[..at], Some(&docs[at..]));
        }
        at += line.len();
    }
    (docs, None)
}

impl RuleInfo {
    /// The rule's documentation in Chinese (`chinese`), falling back to English when the rule
    /// has no Chinese page, or in English.
    pub fn docs_in(&self, chinese: bool) -> &str {
        match split_docs(&self.docs) {
            (_, Some(zh)) if chinese => zh,
            (en, _) => en,
        }
    }
}

/// One declared option of a rule, as the host sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionInfo {
    pub name: String,
    pub kind: OptionKind,
    #[serde(default)]
    pub default: String,
    #[serde(default)]
    pub doc: String,
    /// The same in Chinese (plugins built before it was added send none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_zh: Option<String>,
}

impl OptionInfo {
    /// The description in Chinese (`chinese`, when there is one) or English.
    pub fn doc_in(&self, chinese: bool) -> &str {
        match &self.doc_zh {
            Some(zh) if chinese => zh,
            _ => &self.doc,
        }
    }
}

/// The type of a rule option's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OptionKind {
    /// A number (read exactly).
    Decimal,
    /// `true` or `false`.
    Bool,
    /// A string.
    Text,
    /// An array of strings.
    Strings,
}

impl OptionKind {
    /// Whether a rules.toml value (as JSON) has this type.
    pub fn accepts(self, value: &serde_json::Value) -> bool {
        match self {
            OptionKind::Decimal => {
                value.is_number()
                    || value
                        .as_str()
                        .is_some_and(|s| s.parse::<rust_decimal::Decimal>().is_ok())
            }
            OptionKind::Bool => value.is_boolean(),
            OptionKind::Text => value.is_string(),
            OptionKind::Strings => value
                .as_array()
                .is_some_and(|a| a.iter().all(serde_json::Value::is_string)),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            OptionKind::Decimal => "number",
            OptionKind::Bool => "boolean",
            OptionKind::Text => "string",
            OptionKind::Strings => "array of strings",
        }
    }
}

/// A rule the host asks a plugin to run, with its options from rules.toml.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleRequest {
    pub id: String,
    #[serde(default = "empty_object")]
    pub options: serde_json::Value,
}

fn empty_object() -> serde_json::Value {
    serde_json::Value::Object(Default::default())
}

/// The request of `budgetlint_check`, as a plugin decodes it.
#[derive(Debug, Deserialize)]
pub struct CheckRequest {
    pub schema_version: u32,
    pub rules: Vec<RuleRequest>,
    #[serde(default)]
    pub profile: Profile,
    pub document: Document,
}

/// A rule that could not run to completion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleError {
    /// The rule id, or [`WHOLE_REQUEST`].
    pub rule: String,
    pub message: String,
}

/// The response of `budgetlint_check`, as a Rust plugin writes it.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct CheckResponse {
    pub diagnostics: Vec<Diagnostic>,
    pub errors: Vec<RuleError>,
}

impl CheckResponse {
    /// A response with one error for the whole request.
    pub fn failed(message: String) -> CheckResponse {
        CheckResponse {
            diagnostics: Vec::new(),
            errors: vec![RuleError {
                rule: WHOLE_REQUEST.to_string(),
                message,
            }],
        }
    }
}

/// Decodes a request header and checks its schema version before anything else is read.
pub fn decode_header(header: &[u8]) -> Result<RequestHeader, String> {
    let header: RequestHeader =
        serde_json::from_slice(header).map_err(|e| format!("cannot decode request: {e}"))?;
    check_schema(header.schema_version)?;
    Ok(header)
}

/// The part of a request before the document: small, always JSON. The plugin decodes the
/// default type; the host writes it with the rules pre-encoded once per configuration
/// (`RequestHeader<&RawValue, &Profile>`), so both sides share one definition of the fields.
#[derive(Debug, Serialize, Deserialize)]
pub struct RequestHeader<R = Vec<RuleRequest>, P = Profile> {
    pub schema_version: u32,
    #[serde(default)]
    pub rules: R,
    #[serde(default)]
    pub profile: P,
}

/// A JSON request: the header's fields and the document. The host writes the document as JSON
/// encoded once per document and shared by all plugins (`&RawValue`); a plugin reads it as
/// `Option<&RawValue>`, to check the schema version before it decodes the model.
#[derive(Debug, Serialize, Deserialize)]
pub struct JsonRequest<D, R = Vec<RuleRequest>, P = Profile> {
    pub schema_version: u32,
    #[serde(default)]
    pub rules: R,
    #[serde(default)]
    pub profile: P,
    pub document: D,
}

/// Decodes a request in either encoding, checking the schema version before the model.
pub fn decode_request(request: &[u8]) -> Result<CheckRequest, String> {
    let err = |e: &dyn std::fmt::Display| format!("cannot decode request: {e}");
    let (header, document) = match split_binary(request) {
        Some((header, model)) => (
            decode_header(header)?,
            postcard::from_bytes(model).map_err(|e| err(&e))?,
        ),
        None => {
            let json: JsonRequest<Option<&serde_json::value::RawValue>> =
                serde_json::from_slice(request).map_err(|e| err(&e))?;
            check_schema(json.schema_version)?;
            let document = json
                .document
                .ok_or_else(|| err(&"missing field `document`"))?;
            let header = RequestHeader {
                schema_version: json.schema_version,
                rules: json.rules,
                profile: json.profile,
            };
            (
                header,
                serde_json::from_str(document.get()).map_err(|e| err(&e))?,
            )
        }
    };
    Ok(CheckRequest {
        schema_version: header.schema_version,
        rules: header.rules,
        profile: header.profile,
        document,
    })
}

/// `BLB1`, header length (u32 little-endian), header JSON, postcard model.
pub fn split_binary(request: &[u8]) -> Option<(&[u8], &[u8])> {
    let rest = request.strip_prefix(BINARY_MAGIC)?;
    let len = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?) as usize;
    let header = rest.get(4..4 + len)?;
    Some((header, &rest[4 + len..]))
}

fn check_schema(version: u32) -> Result<(), String> {
    if version == budgetlint_model::SCHEMA_VERSION {
        return Ok(());
    }
    Err(format!(
        "request uses model schema version {version} but this plugin was built for schema version {}",
        budgetlint_model::SCHEMA_VERSION
    ))
}

/// A binary request: what the host sends to plugins that accept postcard.
pub fn binary_request(header_json: &[u8], model_postcard: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(8 + header_json.len() + model_postcard.len());
    out.extend_from_slice(BINARY_MAGIC);
    out.extend_from_slice(&(header_json.len() as u32).to_le_bytes());
    out.extend_from_slice(header_json);
    out.extend_from_slice(model_postcard);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn docs_split_at_the_chinese_heading() {
        let docs = " ## What it checks\n x\n ## Fix\n y\n ## 检查内容\n 甲\n ## 修改方法\n 乙\n";
        let (en, zh) = super::split_docs(docs);
        assert_eq!(en, " ## What it checks\n x\n ## Fix\n y\n");
        assert_eq!(zh, Some(" ## 检查内容\n 甲\n ## 修改方法\n 乙\n"));
        assert_eq!(
            super::split_docs("## Fix\nonly English"),
            ("## Fix\nonly English", None)
        );
        // A heading inside a line is text, not the start of the Chinese page.
        assert_eq!(super::split_docs("x ## 检查内容\n").1, None);
    }
}
