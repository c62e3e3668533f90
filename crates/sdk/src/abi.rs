//! The C ABI between the host and plugins. The contract is documented in docs/PLUGIN_ABI.md;
//! this module is its Rust implementation on the plugin side. The types both sides share — the
//! messages, buffers, versions and build identity — are `budgetlint-protocol`'s, re-exported.
//!
//! Why bytes and JSON rather than Rust types: a plugin may be built by another Rust compiler
//! (Rust has no stable ABI) or written in C. Everything that crosses the boundary is a
//! [`BlBuffer`] of UTF-8 JSON whose shape is fixed by [`ABI_VERSION`] (the calls and buffers) and
//! [`budgetlint_model::SCHEMA_VERSION`] (the document model).
//!
//! Plugin authors do not call anything here directly: [`export_plugin!`](crate::export_plugin)
//! generates the exported symbols.

use crate::{Context, Profile, Rule, Views};
use budgetlint_model::Document;
pub use budgetlint_protocol::abi::*;
pub use budgetlint_protocol::messages::*;
use std::ffi::c_void;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// The hash of this SDK's sources, compiler and target (made by `build.rs`). Not part of the
/// build identity any more: what crosses the boundary is the model's and the protocol's.
pub const SDK_BUILD_ID: &str = env!("BUDGETLINT_SDK_BUILD_ID");

/// The JSON of `budgetlint_plugin_info` for `rules`.
pub fn plugin_info_json(
    name: &str,
    version: &str,
    provinces: &[&str],
    rules: &[Box<dyn Rule>],
) -> Vec<u8> {
    let info = PluginInfo {
        name: name.to_string(),
        version: version.to_string(),
        rules: rules
            .iter()
            .map(|r| {
                let m = r.meta();
                RuleInfo {
                    id: m.id.to_string(),
                    default_severity: m.default_severity,
                    summary: m.summary.to_string(),
                    summary_zh: m.summary_zh.map(str::to_string),
                    docs: m.docs.to_string(),
                    aliases: m.aliases.iter().map(|a| a.to_string()).collect(),
                    split_from: m.split_from.map(str::to_string),
                    file: m.file.to_string(),
                    options: m
                        .options
                        .iter()
                        .map(|o| OptionInfo {
                            name: o.name.to_string(),
                            kind: o.kind,
                            default: o.default.to_string(),
                            doc: o.doc.to_string(),
                            doc_zh: o.doc_zh.map(str::to_string),
                        })
                        .collect(),
                }
            })
            .collect(),
        encodings: vec![ENCODING_POSTCARD.to_string()],
        provinces: provinces.iter().map(|p| p.to_string()).collect(),
    };
    serde_json::to_vec(&info).unwrap_or_else(|_| b"{}".to_vec())
}

/// Runs a `budgetlint_check` request against `rules` and returns the response JSON.
///
/// Never panics: an undecodable request or a schema mismatch becomes a [`WHOLE_REQUEST`] error,
/// a panicking rule becomes an error naming it while the other rules still run.
pub fn check_json(rules: &[Box<dyn Rule>], request: &[u8]) -> Vec<u8> {
    let response = match decode_request(request) {
        Ok(req) => run_rules(rules, &req),
        Err(message) => CheckResponse::failed(message),
    };
    response_json(&response)
}

fn response_json(response: &CheckResponse) -> Vec<u8> {
    serde_json::to_vec(response)
        .unwrap_or_else(|e| internal_error_json(&format!("cannot encode response: {e}")))
}

/// Runs each requested rule under `catch_unwind`, in request order.
pub fn run_rules(rules: &[Box<dyn Rule>], req: &CheckRequest) -> CheckResponse {
    run_rules_on(rules, &req.rules, &req.profile, &req.document)
}

/// [`run_rules`] on a request's parts, the document borrowed.
fn run_rules_on(
    rules: &[Box<dyn Rule>],
    requested: &[RuleRequest],
    profile: &Profile,
    document: &Document,
) -> CheckResponse {
    let mut response = CheckResponse::default();
    let views = Views::new(document, profile);
    for wanted in requested {
        let Some(rule) = rules.iter().find(|r| r.meta().id == wanted.id) else {
            response.errors.push(RuleError {
                rule: wanted.id.clone(),
                message: "no such rule in this plugin".into(),
            });
            continue;
        };
        let ctx = Context::new(&views, &wanted.options);
        let mut found = Vec::new();
        match catch_unwind(AssertUnwindSafe(|| rule.check(&ctx, &mut found))) {
            Ok(()) => response.diagnostics.append(&mut found),
            Err(payload) => response.errors.push(RuleError {
                rule: wanted.id.clone(),
                message: format!("panicked: {}", panic_message(&*payload)),
            }),
        }
    }
    response
}

/// The text of a panic payload (`panic!("…")` carries a `&str` or a `String`).
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "non-string panic payload".to_string()
    }
}

/// A response with one whole-request error, built without serde so it cannot fail.
pub fn internal_error_json(message: &str) -> Vec<u8> {
    let escaped = serde_json::Value::String(message.to_string()).to_string();
    format!(r#"{{"diagnostics":[],"errors":[{{"rule":"{WHOLE_REQUEST}","message":{escaped}}}]}}"#)
        .into_bytes()
}

/// The body of the exported `budgetlint_check`: borrows the request, never unwinds.
///
/// # Safety
/// `ptr` must be null or point to `len` readable bytes for the duration of the call.
pub unsafe fn check_entry(
    rules: fn() -> Vec<Box<dyn Rule>>,
    ptr: *const u8,
    len: usize,
) -> BlBuffer {
    // SAFETY: guaranteed by the caller.
    let request = unsafe { host_bytes(ptr, len) };
    let out = catch_unwind(|| check_json(&rules(), request))
        .unwrap_or_else(|p| internal_error_json(&outside_rules(&*p)));
    BlBuffer::from_vec(out)
}

/// The bytes the host lends for a call (none for a null pointer).
///
/// # Safety
/// `ptr` must be null or point to `len` readable bytes for the duration of the call.
unsafe fn host_bytes<'a>(ptr: *const u8, len: usize) -> &'a [u8] {
    if ptr.is_null() || len == 0 {
        return &[];
    }
    // SAFETY: guaranteed by the caller (the host passes its own live buffer).
    unsafe { std::slice::from_raw_parts(ptr, len) }
}

/// The error of a panic caught outside any rule (rules' own panics are caught one by one).
fn outside_rules(payload: &(dyn std::any::Any + Send)) -> String {
    format!("plugin panicked outside a rule: {}", panic_message(payload))
}

/// The body of the exported `budgetlint_plugin_info`: never unwinds.
pub fn info_entry(
    name: &str,
    version: &str,
    provinces: &[&str],
    rules: fn() -> Vec<Box<dyn Rule>>,
) -> BlBuffer {
    let out = catch_unwind(|| plugin_info_json(name, version, provinces, &rules()))
        .unwrap_or_else(|_| b"{}".to_vec());
    BlBuffer::from_vec(out)
}

/// The body of the exported `budgetlint_check_native`: the host's own rule requests, document
/// and profile, borrowed ([`NativeInput`]; the header bytes are empty and not read); the
/// response goes to `sink`. Never unwinds.
///
/// # Safety
/// `header` must point to `header_len` readable bytes, and `input` to a live [`NativeInput`]
/// made by code whose [`build_identity`] equals this library's; both for the duration of the
/// call. The plugin only reads the input. `sink` must accept a `*const CheckResponse` of this
/// build, with `sink_context`.
pub unsafe fn check_native_entry(
    rules: fn() -> Vec<Box<dyn Rule>>,
    header: *const u8,
    header_len: usize,
    input: *const NativeInput,
    sink: NativeSink,
    sink_context: *mut c_void,
) {
    // The header is kept in the signature for plugins of older builds; this build's host sends
    // none (everything is in `input`).
    let _ = (header, header_len);
    // SAFETY: guaranteed by the caller; the host checked the identity of the exchanged types.
    let input = unsafe { input.as_ref() };
    let response = catch_unwind(|| check_native(&rules(), input))
        .unwrap_or_else(|p| CheckResponse::failed(outside_rules(&*p)));
    // SAFETY: guaranteed by the caller; `response` outlives the call.
    unsafe { sink(sink_context, (&response as *const CheckResponse).cast()) };
}

fn check_native(rules: &[Box<dyn Rule>], input: Option<&NativeInput>) -> CheckResponse {
    match input {
        Some(input) => run_rules_on(rules, input.rules, input.profile, input.document),
        None => CheckResponse::failed("no document".into()),
    }
}

/// The body of the exported `budgetlint_free`.
///
/// # Safety
/// `buf` must have been returned by this library's `budgetlint_check` or `budgetlint_plugin_info`
/// and not freed before.
pub unsafe fn free_entry(buf: BlBuffer) {
    // SAFETY: guaranteed by the caller.
    drop(unsafe { buf.into_vec() });
}

/// Exports a plugin: generates the `budgetlint_*` C symbols for the listed rule types, each of
/// which implements [`Rule`](crate::Rule) and `Default`, and a public `all_rules()` returning
/// them (for the plugin's own tests and tools).
///
/// ```ignore
/// budgetlint_sdk::export_plugin!(name: "arithmetic", version: env!("CARGO_PKG_VERSION"), rules: [SumMismatch, TableSum]);
/// // A province plugin is only called for documents of its province:
/// budgetlint_sdk::export_plugin!(name: "hebei", version: "0.1.0", rules: [AssetTable], provinces: ["河北"]);
/// ```
#[macro_export]
macro_rules! export_plugin {
    (name: $name:expr, version: $version:expr, rules: [$($rule:ty),* $(,)?] $(,)?) => {
        $crate::export_plugin!(name: $name, version: $version, rules: [$($rule),*], provinces: []);
    };
    (name: $name:expr, version: $version:expr, rules: [$($rule:ty),* $(,)?], provinces: [$($province:expr),* $(,)?] $(,)?) => {
        /// Every rule of the plugin, in the order it declares them: what the host runs, and what
        /// tests and tools run without the host.
        pub fn all_rules() -> ::std::vec::Vec<::std::boxed::Box<dyn $crate::Rule>> {
            ::std::vec![$(::std::boxed::Box::new(<$rule as ::core::default::Default>::default()) as ::std::boxed::Box<dyn $crate::Rule>),*]
        }

        const _: () = {
            fn __budgetlint_rules() -> ::std::vec::Vec<::std::boxed::Box<dyn $crate::Rule>> {
                all_rules()
            }

            #[unsafe(no_mangle)]
            pub extern "C" fn budgetlint_abi_version() -> u32 {
                $crate::abi::ABI_VERSION
            }

            #[unsafe(no_mangle)]
            pub extern "C" fn budgetlint_schema_version() -> u32 {
                $crate::model::SCHEMA_VERSION
            }

            #[unsafe(no_mangle)]
            pub extern "C" fn budgetlint_plugin_info() -> $crate::abi::BlBuffer {
                $crate::abi::info_entry($name, $version, &[$($province),*], __budgetlint_rules)
            }

            /// # Safety
            /// `ptr` must point to `len` readable bytes for the duration of the call.
            #[unsafe(no_mangle)]
            pub unsafe extern "C" fn budgetlint_check(ptr: *const u8, len: usize) -> $crate::abi::BlBuffer {
                // SAFETY: forwarded contract of the exported symbol.
                unsafe { $crate::abi::check_entry(__budgetlint_rules, ptr, len) }
            }

            #[unsafe(no_mangle)]
            pub extern "C" fn budgetlint_build_identity() -> u64 {
                $crate::abi::build_identity()
            }

            /// # Safety
            /// See [`check_native_entry`]($crate::abi::check_native_entry).
            #[unsafe(no_mangle)]
            pub unsafe extern "C" fn budgetlint_check_native(
                header: *const u8,
                header_len: usize,
                input: *const ::core::ffi::c_void,
                sink: $crate::abi::NativeSink,
                sink_context: *mut ::core::ffi::c_void,
            ) {
                // SAFETY: forwarded contract of the exported symbol.
                unsafe { $crate::abi::check_native_entry(__budgetlint_rules, header, header_len, input.cast(), sink, sink_context) }
            }

            /// # Safety
            /// `buf` must come from this library and not have been freed.
            #[unsafe(no_mangle)]
            pub unsafe extern "C" fn budgetlint_free(buf: $crate::abi::BlBuffer) {
                // SAFETY: forwarded contract of the exported symbol.
                unsafe { $crate::abi::free_entry(buf) }
            }
        };
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{declare_rule, Diagnostic, Severity};

    declare_rule! {
        /// Reports the first character.
        pub struct First { id: "t/first", severity: Warning, summary: "first" }
    }
    impl Rule for First {
        fn meta(&self) -> &'static crate::RuleMeta {
            &Self::META
        }
        fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
            let span = budgetlint_model::LineIndex::new(&ctx.doc.text).span(&ctx.doc.text, 0, 1);
            out.push(Diagnostic::new(self.meta(), span, "first"));
        }
    }
    declare_rule! {
        /// Always panics.
        pub struct Boom { id: "t/boom", severity: Error, summary: "boom" }
    }
    impl Rule for Boom {
        fn meta(&self) -> &'static crate::RuleMeta {
            &Self::META
        }
        fn check(&self, _: &Context, out: &mut Vec<Diagnostic>) {
            out.push(Diagnostic::new(self.meta(), Default::default(), "partial"));
            panic!("kaboom");
        }
    }

    fn rules() -> Vec<Box<dyn Rule>> {
        vec![Box::new(Boom), Box::new(First)]
    }

    fn request(ids: &[&str]) -> Vec<u8> {
        let doc = budgetlint_model::parse_text("合计10万元\n".to_string());
        let rules: Vec<_> = ids.iter().map(|id| serde_json::json!({"id": id})).collect();
        serde_json::to_vec(&serde_json::json!({"schema_version": budgetlint_model::SCHEMA_VERSION, "document": doc, "rules": rules, "profile": {"detected_by": "none"}}))
            .unwrap()
    }

    fn response(bytes: &[u8]) -> serde_json::Value {
        serde_json::from_slice(bytes).unwrap()
    }

    #[test]
    fn a_panicking_rule_is_reported_and_the_others_still_run() {
        let out = response(&check_json(&rules(), &request(&["t/boom", "t/first"])));
        assert_eq!(out["errors"][0]["rule"], "t/boom");
        assert!(out["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("kaboom"));
        let diags = out["diagnostics"].as_array().unwrap();
        assert_eq!(
            diags.len(),
            1,
            "partial output of the panicking rule is dropped: {diags:?}"
        );
        assert_eq!(diags[0]["rule"], "t/first");
    }

    #[test]
    fn only_requested_rules_run_and_unknown_ones_are_errors() {
        let out = response(&check_json(&rules(), &request(&["t/first", "t/nope"])));
        assert_eq!(out["diagnostics"].as_array().unwrap().len(), 1);
        assert_eq!(out["errors"][0]["rule"], "t/nope");
    }

    #[test]
    fn binary_and_json_requests_decode_to_the_same_model() {
        let doc = budgetlint_model::parse_text(
            "合计10785.51万元，其中人员经费75.21万元，项目支出10710.30万元。\n".to_string(),
        );
        let schema = budgetlint_model::SCHEMA_VERSION;
        let header = format!(
            r#"{{"schema_version":{schema},"rules":[{{"id":"t/first"}}],"profile":{{"detected_by":"none"}}}}"#
        );
        let binary = binary_request(header.as_bytes(), &postcard::to_stdvec(&doc).unwrap());
        let json = format!(
            r#"{{"schema_version":{schema},"rules":[{{"id":"t/first"}}],"document":{}}}"#,
            serde_json::to_string(&doc).unwrap()
        );
        let a = decode_request(&binary).unwrap();
        let b = decode_request(json.as_bytes()).unwrap();
        assert_eq!(a.document, doc);
        assert_eq!(b.document, doc);
        assert_eq!(a.rules, b.rules);
        let truncated = &binary[..binary.len() / 2];
        assert!(decode_request(truncated).is_err());
    }

    #[test]
    fn province_plugins_apply_only_to_their_province() {
        let info: PluginInfo =
            serde_json::from_slice(&plugin_info_json("hebei", "1", &["河北"], &rules())).unwrap();
        let profile = |p: Option<&str>| Profile {
            province: p.map(str::to_string),
            ..Profile::default()
        };
        assert!(info.applies_to(&profile(Some("河北"))));
        assert!(!info.applies_to(&profile(Some("四川"))));
        assert!(!info.applies_to(&profile(None)));
        let national: PluginInfo =
            serde_json::from_slice(&plugin_info_json("core", "1", &[], &rules())).unwrap();
        assert!(national.applies_to(&profile(None)));
    }

    #[test]
    fn bad_requests_become_whole_request_errors() {
        let out = response(&check_json(&rules(), b"not json"));
        assert_eq!(out["errors"][0]["rule"], WHOLE_REQUEST);
        let out = response(&check_json(&rules(), br#"{"schema_version": 99}"#));
        assert!(out["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("schema version 99"));
    }

    #[test]
    fn info_lists_rules_with_docs() {
        let info: PluginInfo =
            serde_json::from_slice(&plugin_info_json("t", "1.0", &[], &rules())).unwrap();
        assert_eq!(info.rules[1].id, "t/first");
        assert_eq!(info.rules[1].default_severity, Severity::Warning);
        assert!(info.rules[1].docs.contains("first character"));
    }

    #[test]
    fn buffers_round_trip() {
        let buf = BlBuffer::from_vec(b"abc".to_vec());
        assert_eq!(unsafe { buf.as_slice() }, b"abc");
        assert_eq!(unsafe { buf.into_vec() }, b"abc");
    }
}
