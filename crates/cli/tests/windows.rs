//! The Windows build under Wine: see `scripts/test-windows.sh` (cross-compiles the program and
//! its plugin DLLs with mingw-w64, then runs `--version`, `check` against the Linux result, exit
//! codes, a Chinese path, the program without its DLLs and the language server).

mod support;

use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// `scripts/test-windows.sh` exits with this when the machine cannot run it (no Wine/mingw-w64).
const SKIPPED: i32 = 77;

#[test]
fn windows_build_under_wine() {
    if let Some(why) = std::env::var_os("BUDGETLINT_SKIP_WINDOWS") {
        eprintln!(
            "windows under wine: skipped (BUDGETLINT_SKIP_WINDOWS={})",
            why.to_string_lossy()
        );
        return;
    }
    if !cfg!(target_os = "linux") {
        eprintln!("windows under wine: skipped (runs on Linux hosts only)");
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let script = root.join("scripts/test-windows.sh");
    // Compare with the Linux program of this very test run.
    let linux = Path::new(env!("CARGO_BIN_EXE_budgetlint"));
    let started = Instant::now();
    let status = Command::new("bash")
        .arg(&script)
        .current_dir(&root)
        .env("BUDGETLINT_LINUX_BIN", linux)
        // The Linux program's plugins: a fresh checkout's `cargo test` leaves none beside it.
        .env("BUDGETLINT_LINUX_PLUGIN_PATH", support::plugins_dir())
        .status()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", script.display()));
    let took = started.elapsed().as_secs_f64();
    match status.code() {
        Some(0) => eprintln!("windows under wine: passed in {took:.1} s"),
        Some(SKIPPED) => eprintln!(
            "windows under wine: SKIPPED after {took:.1} s: Wine or mingw-w64 is missing and could not be installed (see the log above)"
        ),
        _ => panic!(
            "scripts/test-windows.sh failed ({status}) after {took:.1} s; see its log above and target/windows-test/"
        ),
    }
}
