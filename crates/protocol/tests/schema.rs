//! The serialized schema of everything that crosses the plugin boundary, as a snapshot: every
//! object's fields in serialization order, with the JSON types seen for each.
//!
//! SDK plugins receive the model in postcard, which is order-based: a field added, removed or
//! moved in any model type changes how every later byte decodes. A change to this snapshot is a
//! change to the protocol, and docs/PLUGIN_ABI.md (“Versions”) says when it needs a new
//! `SCHEMA_VERSION` or `ABI_VERSION`; the snapshot's first lines carry both, so a reviewer sees
//! the field change and the version change (or its absence) together.
//!
//! The listing is generated from values, not written by hand: the model of each seed document
//! and one of each message with every optional part present. A field that no sample fills is
//! absent from the listing (or shows only as `null`), so a second test requires every field of
//! every type the samples reach to be filled by some sample with a value other than its default.

mod fields;

use budgetlint_model::{Span, SCHEMA_VERSION};
use budgetlint_protocol::abi::ABI_VERSION;
use budgetlint_protocol::{
    Applicability, CheckResponse, Diagnostic, Fix, PluginInfo, Profile, Related, RequestHeader,
    RuleError, RuleInfo, RuleRequest, Severity, TextEdit,
};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

/// A JSON value with its objects' keys kept in order (serde_json's `Value` sorts them).
enum Shape {
    Null,
    Bool,
    Number,
    String,
    Array(Vec<Shape>),
    Object(Vec<(String, Shape)>),
}

impl<'de> Deserialize<'de> for Shape {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Shape;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_unit<E>(self) -> Result<Shape, E> {
                Ok(Shape::Null)
            }
            fn visit_bool<E>(self, _: bool) -> Result<Shape, E> {
                Ok(Shape::Bool)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Shape, E> {
                Ok(Shape::Number)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Shape, E> {
                Ok(Shape::Number)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Shape, E> {
                Ok(Shape::Number)
            }
            fn visit_str<E>(self, _: &str) -> Result<Shape, E> {
                Ok(Shape::String)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Shape, A::Error> {
                let mut out = Vec::new();
                while let Some(item) = seq.next_element()? {
                    out.push(item);
                }
                Ok(Shape::Array(out))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Shape, A::Error> {
                let mut out = Vec::new();
                while let Some((key, value)) = map.next_entry()? {
                    out.push((key, value));
                }
                Ok(Shape::Object(out))
            }
        }
        de.deserialize_any(V)
    }
}

/// Per object path, its fields in first-seen order, each with the JSON types seen.
#[derive(Default)]
struct Listing {
    objects: BTreeMap<String, Vec<(String, Vec<String>)>>,
    /// Which fields of which types the samples fill.
    fields: fields::Fields,
}

impl Listing {
    fn add(&mut self, root: &str, value: &impl Serialize) {
        self.fields.add(value);
        let json = serde_json::to_string(value).unwrap();
        let shape: Shape = serde_json::from_str(&json).unwrap();
        self.walk(root, &shape);
    }

    fn walk(&mut self, path: &str, shape: &Shape) {
        match shape {
            Shape::Array(items) => {
                for item in items {
                    self.walk(&format!("{path}[]"), item);
                }
            }
            Shape::Object(fields) => {
                for (key, value) in fields {
                    self.field(path, key, kind(value));
                    self.walk(&format!("{path}.{key}"), value);
                }
            }
            _ => {}
        }
    }

    fn field(&mut self, path: &str, key: &str, kind: String) {
        let fields = self.objects.entry(path.to_string()).or_default();
        let at = match fields.iter().position(|(k, _)| k == key) {
            Some(at) => at,
            None => {
                fields.push((key.to_string(), Vec::new()));
                fields.len() - 1
            }
        };
        let kinds = &mut fields[at].1;
        if !kinds.contains(&kind) {
            kinds.push(kind);
            normalize(kinds);
        }
    }

    fn render(&self) -> String {
        let mut out = format!("ABI_VERSION {ABI_VERSION}\nSCHEMA_VERSION {SCHEMA_VERSION}\n");
        for (path, fields) in &self.objects {
            writeln!(out, "\n{path}").unwrap();
            for (key, kinds) in fields {
                writeln!(out, "  {key}: {}", kinds.join(" | ")).unwrap();
            }
        }
        out
    }
}

/// The JSON type of a value; an array of scalars (a span, a tuple) with its element types and
/// length, since its positions are its fields.
fn kind(shape: &Shape) -> String {
    match shape {
        Shape::Null => "null".into(),
        Shape::Bool => "bool".into(),
        Shape::Number => "number".into(),
        Shape::String => "string".into(),
        Shape::Array(items) if !items.is_empty() && items.iter().all(is_scalar) => {
            let mut kinds: Vec<String> = items.iter().map(kind).collect();
            kinds.dedup();
            format!("[{}; {}]", kinds.join(", "), items.len())
        }
        Shape::Array(_) => "array".into(),
        Shape::Object(_) => "object".into(),
    }
}

/// Sorts the kinds of one field and folds the lengths of a list of scalars that varies (or is
/// sometimes empty) into `[elem]`: only a length that never varies (a span's 8 numbers) is shown,
/// so the listing follows the types rather than the sample documents.
fn normalize(kinds: &mut Vec<String>) {
    // The element part of each list kind: `[number; 8]` and `[number]` both give `number`.
    let lists: Vec<String> = kinds
        .iter()
        .filter_map(|k| k.strip_prefix('[')?.strip_suffix(']'))
        .map(|k| k.split_once(';').map_or(k, |(elem, _)| elem).to_string())
        .collect();
    let folded = kinds.iter().any(|k| k.starts_with('[') && !k.contains(';'));
    let empty = kinds.iter().any(|k| k == "array");
    let varies = lists.len() > 1 || (!lists.is_empty() && (folded || empty));
    if varies {
        kinds.retain(|k| !k.starts_with('[') && k != "array");
        for elem in lists {
            let folded = format!("[{elem}]");
            if !kinds.contains(&folded) {
                kinds.push(folded);
            }
        }
    }
    kinds.sort_unstable();
    kinds.dedup();
}

fn is_scalar(shape: &Shape) -> bool {
    !matches!(shape, Shape::Array(_) | Shape::Object(_))
}

fn seeds() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "the seeds are part of the repository");
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

/// A province template with every field set (the template's own `problems` find none), so that
/// a field added to the template format shows in the snapshot.
fn full_template() -> budgetlint_protocol::ProvinceTemplate {
    let text = r#"
schema = 1
province = "河北"
kind = "budget"
levels = ["county"]
name-zh = "模板"
name-en = "template"
source = "来源"
numbering = "chinese-comma"
arabic-top-level = true
sections-unit = "item"
docnum-prefixes = ["冀财"]
project-code-prefix = "division"

[[sections]]
title = "部门预算表"
aliases = ["预算表"]
required = false
items-name-zh = "第一部分"
items-name-en = "part 1"
items-unit = "table"

[[sections.items]]
title = "收入预算表"
aliases = ["收入预算表"]

[[tables]]
title = "收入预算表"
aliases = ["收入预算表"]

[[vocabulary]]
preferred = "一般公共预算"
deprecated = ["公共财政预算"]
reason = "预算法"

[[regulations]]
title = "地方预决算公开操作规程"
number = "财预〔2016〕143号"

[perf-table]
columns = ["一级指标"]
coded-spending-plan = [["9月底", "10月底"]]
"#;
    let template: budgetlint_protocol::ProvinceTemplate = toml::from_str(text).unwrap();
    assert!(template.problems().is_empty(), "{:?}", template.problems());
    template
}

/// One of each message, every optional part present.
fn messages(listing: &mut Listing) {
    let span = Span::default();
    let rule = RuleInfo {
        id: "c/r".into(),
        default_severity: Severity::Warning,
        summary: "s".into(),
        summary_zh: Some("摘要".into()),
        docs: "d".into(),
        aliases: vec!["old/r".into()],
        split_from: Some("c/whole".into()),
        file: "plugins/c/src/rules/r.rs".into(),
        options: vec![budgetlint_protocol::messages::OptionInfo {
            name: "floor".into(),
            kind: budgetlint_protocol::messages::OptionKind::Decimal,
            default: "80".into(),
            doc: "o".into(),
            doc_zh: Some("选项".into()),
        }],
    };
    listing.add(
        "PluginInfo",
        &PluginInfo {
            name: "p".into(),
            version: "1".into(),
            rules: vec![rule],
            encodings: vec!["postcard".into()],
            provinces: vec!["河北".into()],
        },
    );
    let profile = Profile {
        province: Some("河北".into()),
        level: Some("province".into()),
        detected_by: "config".into(),
        templates: vec![full_template()],
    };
    let rules = vec![RuleRequest {
        id: "c/r".into(),
        options: serde_json::json!({}),
    }];
    // A rule's options are its own rules.toml table, free-form: the listing shows only that
    // they are an object, and the field check sees a filled one.
    listing.fields.add(&RuleRequest {
        id: "c/r".into(),
        options: serde_json::json!({ "floor": 80 }),
    });
    listing.add(
        "RequestHeader",
        &RequestHeader {
            schema_version: SCHEMA_VERSION,
            rules,
            profile,
        },
    );
    let diagnostic = Diagnostic {
        rule: "c/r".into(),
        severity: Severity::Error,
        message: "m".into(),
        message_en: Some("m".into()),
        span,
        related: vec![Related {
            span,
            message: "r".into(),
        }],
        fix: Some(Fix {
            message: "f".into(),
            applicability: Applicability::Safe,
            edits: vec![TextEdit {
                start: 1,
                end: 2,
                replacement: "x".into(),
            }],
        }),
    };
    listing.add(
        "CheckResponse",
        &CheckResponse {
            diagnostics: vec![diagnostic],
            errors: vec![RuleError {
                rule: "*".into(),
                message: "e".into(),
            }],
        },
    );
}

/// The listing of every sample: the seed documents' models and one of each message.
fn sampled() -> Listing {
    let mut listing = Listing::default();
    let texts = seeds();
    // The first seed as a file would hold it — a BOM, CRLF line ends and a byte the decoder
    // replaces — so that the model's source fields have a sample.
    let mut file = b"\xEF\xBB\xBF".to_vec();
    file.extend(texts[0].replace('\n', "\r\n").as_bytes());
    file.push(0xFF);
    listing.add("Document", &budgetlint_model::parse(&file).unwrap());
    for text in texts {
        listing.add("Document", &budgetlint_model::parse_text(text));
    }
    messages(&mut listing);
    listing
}

#[test]
fn the_serialized_protocol_is_snapshotted() {
    insta::assert_snapshot!("protocol-schema", sampled().render());
}

/// A field added to any protocol or model type without a sample that fills it fails here:
/// give the message samples above (or the seed documents) a value for it.
#[test]
fn the_samples_fill_every_field() {
    let listing = sampled();
    assert!(
        listing.fields.count() > 50,
        "fields seen: {}",
        listing.fields.count()
    );
    let unfilled = listing.fields.unfilled();
    assert!(
        unfilled.is_empty(),
        "no sample fills these fields (None, empty, zero, false or skipped in every sample):\n{}",
        unfilled.join("\n")
    );
}

/// The field check sees a field left out by `skip_serializing_if`, an empty list and a zero,
/// and counts a field as filled when any one sample fills it.
#[test]
fn the_field_check_sees_unfilled_fields() {
    #[derive(Serialize)]
    struct Sample {
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<u32>,
        empty: Vec<u32>,
        zero: u32,
        filled: &'static str,
    }
    let mut fields = fields::Fields::default();
    fields.add(&Sample {
        skipped: None,
        empty: Vec::new(),
        zero: 0,
        filled: "x",
    });
    assert_eq!(
        fields.unfilled(),
        ["Sample.empty", "Sample.skipped", "Sample.zero"]
    );
    fields.add(&Sample {
        skipped: Some(1),
        empty: vec![1],
        zero: 0,
        filled: "",
    });
    assert_eq!(fields.unfilled(), ["Sample.zero"]);
}
