//! Memory of `check` on an input whose output is many times its size (issue 17, item 5): one
//! long line with a finding every few dozen bytes, where each finding's `line_text` carries up
//! to 1 KB either side of it. The JSON output is written as it is serialized, so the program's
//! peak memory stays below the size of its own output; it used to hold the whole output first
//! (170 MB peak for 88 MB of JSON from a 2 MB line, 71 MB now, debug build).
//!
//! Its own test binary: the peak is read with `getrusage(RUSAGE_CHILDREN)`, the largest of the
//! processes this one has waited for, which other tests running alongside would blur.

mod support;

use support::{run, workspace, ONLY_WORDING};

/// The largest resident set of the child processes waited for so far, in bytes.
fn children_peak_rss() -> u64 {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `usage` is a valid, writable rusage; RUSAGE_CHILDREN is a valid `who`.
    let rc = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    assert_eq!(rc, 0, "getrusage failed");
    // Linux reports ru_maxrss in kilobytes.
    usage.ru_maxrss as u64 * 1024
}

#[test]
fn json_output_larger_than_memory_is_streamed() {
    let sentence = "本部门说明：分摊部份，其余照常执行。";
    let line = sentence.repeat(3_000_000 / sentence.len());
    let dir = workspace(ONLY_WORDING, &[("a.txt", &format!("说明\n{line}\n"))]);
    let out = run(
        dir.path(),
        &["check", "--format", "json", "-o", "out.json", "a.txt"],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let output = std::fs::metadata(dir.path().join("out.json"))
        .unwrap()
        .len();
    let peak = children_peak_rss();
    let findings = line.matches("分摊部份").count();
    // Each finding repeats up to 2 KB of the line: the output is many times the input.
    assert!(
        output > 30 * line.len() as u64,
        "{output} bytes of JSON for {findings} findings"
    );
    assert!(
        peak < output,
        "peak RSS {} MB is not below the {} MB of output: the output is held in memory",
        peak >> 20,
        output >> 20
    );
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out.json")).unwrap()).unwrap();
    let diagnostics = report["files"][0]["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), findings, "every finding is written");
    assert_eq!(report["summary"]["files"], 1, "{}", report["summary"]);
}
