//! Inputs that used to be read without end or reported wrongly: an endless device, a symlink
//! loop, a symlink to nothing, a file too large. Each is one file's error with the reason; the
//! other files are still checked.

mod support;

use std::time::{Duration, Instant};
use support::{json, run, workspace, ONLY_WORDING};

const DOC: &str = "说明\n分摊部份\n";

fn errors(out: &std::process::Output) -> Vec<String> {
    json(out)["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["error"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn an_endless_device_is_refused_at_the_size_limit() {
    let dir = workspace(ONLY_WORDING, &[("a.txt", DOC)]);
    let start = Instant::now();
    let out = run(
        dir.path(),
        &["check", "--format", "json", "/dev/zero", "a.txt"],
    );
    assert!(
        start.elapsed() < Duration::from_secs(60),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(out.status.code(), Some(2));
    let errors = errors(&out);
    assert!(
        errors.iter().any(|e| e.contains("too large: over 200 MB")),
        "{errors:?}"
    );
    let report = json(&out);
    assert!(
        report["files"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["diagnostics"].as_array().is_some_and(|d| !d.is_empty())),
        "a.txt is still checked"
    );
}

#[test]
fn a_file_over_the_limit_is_refused_by_its_size_without_reading_it() {
    let dir = workspace(ONLY_WORDING, &[]);
    let big = std::fs::File::create(dir.path().join("big.txt")).unwrap();
    // Sparse: no disk space, but the size says 300 MB.
    big.set_len(300 << 20).unwrap();
    let out = run(dir.path(), &["check", "--format", "json", "big.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        errors(&out).iter().any(|e| e.contains("too large: 300 MB")),
        "{:?}",
        errors(&out)
    );
}

#[test]
fn a_symlink_loop_and_a_dangling_symlink_are_said_as_such() {
    let dir = workspace(ONLY_WORDING, &[("a.txt", DOC)]);
    std::os::unix::fs::symlink("loop2.txt", dir.path().join("loop1.txt")).unwrap();
    std::os::unix::fs::symlink("loop1.txt", dir.path().join("loop2.txt")).unwrap();
    std::os::unix::fs::symlink("gone.txt", dir.path().join("dangling.txt")).unwrap();
    let out = run(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "loop1.txt",
            "dangling.txt",
            "missing.txt",
            "a.txt",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let errors = errors(&out);
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(errors[0].contains("a loop of symbolic links"), "{errors:?}");
    assert!(
        errors[1].contains("a symbolic link to a file that does not exist"),
        "{errors:?}"
    );
    assert!(
        errors[2].contains("no such file or directory"),
        "{errors:?}"
    );
}
