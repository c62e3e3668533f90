//! `BUDGETLINT_SDK_BUILD_ID`: the hash of the SDK's sources, the compiler and the target. Not
//! part of the same-build identity (the exchanged types are the model's and the protocol's,
//! whose build scripts make that); kept as `budgetlint_sdk::abi::SDK_BUILD_ID` for plugins that
//! want to name the SDK build they were made with.

fn main() {
    budgetlint_build_id::emit("BUDGETLINT_SDK_BUILD_ID");
}
