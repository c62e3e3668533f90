//! The VS Code extension in a real VS Code: see `scripts/vscode-e2e.sh`.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// `scripts/vscode-e2e.sh` exits with this when the machine cannot run it (no registry).
const SKIPPED: i32 = 77;

#[test]
fn vscode_extension_in_code_server() {
    if let Some(why) = std::env::var_os("BUDGETLINT_SKIP_EDITOR_E2E") {
        eprintln!(
            "vscode e2e: skipped (BUDGETLINT_SKIP_EDITOR_E2E={})",
            why.to_string_lossy()
        );
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let script = root.join("scripts/vscode-e2e.sh");
    let mut command = Command::new("bash");
    command.arg(&script).current_dir(&root);
    // Under `cargo test` the workspace was just built with the dev profile: bundle that build
    // rather than compiling everything again in release (the standalone script defaults to it).
    if std::env::var_os("BUDGETLINT_E2E_PROFILE").is_none() {
        command.env("BUDGETLINT_E2E_PROFILE", "dev");
    }
    let started = Instant::now();
    let status = command
        .status()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", script.display()));
    let took = started.elapsed().as_secs_f64();
    match status.code() {
        Some(0) => eprintln!("vscode e2e: passed in {took:.1} s (screenshots in target/artifacts/vscode-e2e*.png)"),
        Some(SKIPPED) => eprintln!("vscode e2e: SKIPPED after {took:.1} s: the script could not install what it needs (see its log above)"),
        _ => panic!("scripts/vscode-e2e.sh failed ({status}) after {took:.1} s; see its log above and target/artifacts/vscode-e2e*.png"),
    }
}
