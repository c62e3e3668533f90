//! `BUDGETLINT_MODEL_BUILD_ID`: the hash of the model's sources, the compiler and the target, the
//! heart of the identity that decides whether a plugin may read the host's `Document` in place
//! (docs/PLUGIN_ABI.md, “Same-build calls”).

fn main() {
    budgetlint_build_id::emit("BUDGETLINT_MODEL_BUILD_ID");
}
