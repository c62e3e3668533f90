//! `BUDGETLINT_PROTOCOL_BUILD_ID`: the hash of the protocol's sources, the compiler and the
//! target. With the model's build id it makes the identity under which host and plugin exchange
//! Rust values — the document, the response — instead of encodings (docs/PLUGIN_ABI.md,
//! “Same-build calls”).

fn main() {
    budgetlint_build_id::emit("BUDGETLINT_PROTOCOL_BUILD_ID");
}
