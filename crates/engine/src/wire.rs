//! The host's side of the JSON messages: encoding requests without re-serializing the document
//! for every plugin, and decoding responses leniently enough for plugins written in C.

use budgetlint_model::{Document, LineIndex, Span, SCHEMA_VERSION};
use budgetlint_protocol::messages::binary_request;
use budgetlint_protocol::{
    CheckResponse, Diagnostic, Fix, JsonRequest, Profile, Related, RequestHeader, RuleError,
    RuleRequest, Severity,
};
use serde::Deserialize;
use serde_json::value::RawValue;

/// The rules one plugin is asked to run under one configuration, encoded once; each request
/// embeds them as they are.
pub fn encode_rules(rules: &[RuleRequest]) -> Box<RawValue> {
    serde_json::value::to_raw_value(rules).expect("rule requests serialize")
}

/// The model as JSON, encoded once per document and shared by all plugins that read JSON.
pub fn encode_document(doc: &Document) -> Box<RawValue> {
    serde_json::value::to_raw_value(doc).expect("the model serializes")
}

/// A JSON request: the protocol's [`JsonRequest`] with the pre-encoded rules and document.
pub fn encode_request(rules: &RawValue, profile: &Profile, document: &RawValue) -> Vec<u8> {
    let request = JsonRequest {
        schema_version: SCHEMA_VERSION,
        rules,
        profile,
        document,
    };
    serde_json::to_vec(&request).expect("a request serializes")
}

/// A binary request (docs/PLUGIN_ABI.md, “Binary requests”) for plugins that accept postcard:
/// the same header as the JSON request, then the model in postcard.
pub fn encode_binary_request(
    rules: &RawValue,
    profile: &Profile,
    document_postcard: &[u8],
) -> Vec<u8> {
    binary_request(&encode_header(rules, profile), document_postcard)
}

/// The request without the document, the protocol's [`RequestHeader`]: the JSON header of a
/// binary request. (A plugin of the host's own build is sent nothing encoded: it is lent the
/// rules, document and profile, docs/PLUGIN_ABI.md “Same-build calls”.)
pub fn encode_header(rules: &RawValue, profile: &Profile) -> Vec<u8> {
    let header = RequestHeader {
        schema_version: SCHEMA_VERSION,
        rules,
        profile,
    };
    serde_json::to_vec(&header).expect("a request header serializes")
}

/// A response as any plugin may write it.
#[derive(Debug, Deserialize)]
pub struct WireResponse {
    #[serde(default)]
    pub diagnostics: Vec<WireDiagnostic>,
    #[serde(default)]
    pub errors: Vec<RuleError>,
}

/// Decodes a plugin's response bytes (any bytes: a plugin's answer is not trusted to be JSON).
pub fn decode_response(bytes: &[u8]) -> Result<WireResponse, crate::Message> {
    serde_json::from_slice(bytes).map_err(|e| {
        crate::Message::new(
            format!("response is not valid JSON: {e}"),
            format!("应答不是有效的 JSON：{}", crate::error::json_zh(&e)),
        )
    })
}

/// A same-build plugin's response, copied (docs/PLUGIN_ABI.md, “Same-build calls”).
impl From<&CheckResponse> for WireResponse {
    fn from(response: &CheckResponse) -> Self {
        WireResponse {
            diagnostics: response
                .diagnostics
                .iter()
                .map(WireDiagnostic::from)
                .collect(),
            errors: response.errors.clone(),
        }
    }
}

/// Only the byte offsets of a span are read: the host recomputes lines and columns itself, so a
/// plugin cannot report a position that disagrees with the text. Accepted as an object
/// (`{"start": 3, "end": 9, …}`, `end` optional) or as an array whose first two numbers are
/// start and end, so the host does not depend on how the model happens to serialize spans.
#[derive(Debug, Clone, Copy)]
pub struct WireSpan {
    pub start: u32,
    pub end: Option<u32>,
}

impl<'de> Deserialize<'de> for WireSpan {
    fn deserialize<D: serde::Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = WireSpan;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a span: {\"start\": n, \"end\": n} or [start, end, …]")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<WireSpan, A::Error> {
                let (mut start, mut end) = (None, None);
                while let Some(key) = map.next_key::<std::borrow::Cow<str>>()? {
                    match key.as_ref() {
                        "start" => start = Some(map.next_value()?),
                        "end" => end = Some(map.next_value()?),
                        _ => drop(map.next_value::<serde::de::IgnoredAny>()?),
                    }
                }
                let start = start.ok_or_else(|| serde::de::Error::missing_field("start"))?;
                Ok(WireSpan { start, end })
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<WireSpan, A::Error> {
                let start = seq
                    .next_element()?
                    .ok_or_else(|| serde::de::Error::invalid_length(0, &self))?;
                let end = seq.next_element()?;
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(WireSpan { start, end })
            }
        }
        de.deserialize_any(V)
    }
}

#[derive(Debug, Deserialize)]
pub struct WireRelated {
    pub span: WireSpan,
    #[serde(default)]
    pub message: String,
}

#[derive(Debug, Deserialize)]
pub struct WireDiagnostic {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    #[serde(default)]
    pub message_en: Option<String>,
    pub span: WireSpan,
    #[serde(default)]
    pub related: Vec<WireRelated>,
    #[serde(default)]
    pub fix: Option<Fix>,
}

impl From<&Diagnostic> for WireDiagnostic {
    fn from(d: &Diagnostic) -> Self {
        WireDiagnostic {
            rule: d.rule.clone(),
            severity: d.severity,
            message: d.message.clone(),
            message_en: d.message_en.clone(),
            span: WireSpan::from(d.span),
            related: d
                .related
                .iter()
                .map(|r| WireRelated {
                    span: WireSpan::from(r.span),
                    message: r.message.clone(),
                })
                .collect(),
            fix: d.fix.clone(),
        }
    }
}

impl From<Span> for WireSpan {
    fn from(span: Span) -> Self {
        WireSpan {
            start: span.start,
            end: Some(span.end),
        }
    }
}

impl WireDiagnostic {
    /// The diagnostic with spans clamped to the text and their coordinates recomputed.
    pub fn into_diagnostic(self, text: &str, index: &LineIndex) -> Diagnostic {
        Diagnostic {
            rule: self.rule,
            severity: self.severity,
            message: self.message,
            message_en: self.message_en,
            span: resolve(self.span, text, index),
            related: self
                .related
                .into_iter()
                .map(|r| Related {
                    span: resolve(r.span, text, index),
                    message: r.message,
                })
                .collect(),
            fix: self.fix.filter(|f| {
                f.edits
                    .iter()
                    .all(|e| edit_fits(text, e.start as usize, e.end as usize))
            }),
        }
    }
}

/// A fix may only replace whole characters inside the text.
fn edit_fits(text: &str, start: usize, end: usize) -> bool {
    start <= end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end)
}

fn resolve(span: WireSpan, text: &str, index: &LineIndex) -> Span {
    let start = span.start as usize;
    let end = span.end.map_or(start, |e| e as usize).max(start);
    index.span(text, start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_valid_json_with_the_document_last() {
        let rules = encode_rules(&[RuleRequest {
            id: "a/b".into(),
            options: serde_json::json!({"x": 1}),
        }]);
        let profile = Profile {
            province: Some("河北".into()),
            ..Profile::default()
        };
        let document = RawValue::from_string(r#"{"text":"t"}"#.into()).unwrap();
        let req = encode_request(&rules, &profile, &document);
        let v: serde_json::Value = serde_json::from_slice(&req).unwrap();
        assert_eq!(v["schema_version"], SCHEMA_VERSION);
        assert_eq!(v["rules"][0]["options"]["x"], 1);
        assert_eq!(v["profile"]["province"], "河北");
        assert_eq!(v["document"]["text"], "t");
        // The header is what the plugin side decodes, with the same protocol type.
        let header: RequestHeader =
            serde_json::from_slice(&encode_header(&rules, &profile)).unwrap();
        assert_eq!(header.rules[0].id, "a/b");
        assert_eq!(header.profile, profile);
    }

    #[test]
    fn spans_from_plugins_are_clamped_and_recomputed() {
        let text = "一\n合计x";
        let d: WireDiagnostic = serde_json::from_str(
            r#"{"rule":"c/x","severity":"warning","message":"m","span":{"start":10,"end":99,"line":77}}"#,
        )
        .unwrap();
        let d = d.into_diagnostic(text, &LineIndex::new(text));
        assert_eq!((d.span.line, d.span.col, d.span.end_col), (2, 3, 4));
        let d: WireDiagnostic = serde_json::from_str(
            r#"{"rule":"c/x","severity":"info","message":"m","span":[4,7,2,1,2,2,1,2]}"#,
        )
        .unwrap();
        let d = d.into_diagnostic(text, &LineIndex::new(text));
        assert_eq!((d.span.start, d.span.end, d.span.col), (4, 7, 1));
    }

    #[test]
    fn fixes_that_split_a_character_are_dropped() {
        let text = "合计";
        let fix = |start: u32, end: u32| {
            format!(
                r#"{{"rule":"c/x","severity":"info","message":"m","span":{{"start":0}},"fix":{{"message":"f","applicability":"safe","edits":[{{"start":{start},"end":{end},"replacement":"x"}}]}}}}"#
            )
        };
        let decode = |json: String| {
            serde_json::from_str::<WireDiagnostic>(&json)
                .unwrap()
                .into_diagnostic(text, &LineIndex::new(text))
        };
        assert!(decode(fix(0, 3)).fix.is_some());
        assert!(decode(fix(0, 2)).fix.is_none());
        assert!(decode(fix(3, 99)).fix.is_none());
    }
}
