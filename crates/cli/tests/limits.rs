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

#[path = "../../readers/tests/support/pdf_objects.rs"]
mod pdf_objects;

/// The built-in PDF reader runs in a process of its own, `budgetlint __pdf-worker FILE
/// TIMEOUT_MS RULES_MS` (budgetlint_readers::pdf_worker), which the reading process kills at
/// the time limit: it prints one whole record, words and rules or the reason it could not read
/// the file, ending with `end`.
#[test]
fn the_pdf_worker_prints_a_whole_record_for_a_pdf_and_for_a_damaged_one() {
    let content = "BT /F1 12 Tf 72 700 Td (Shown on the page) Tj ET\n0 0 m 100 0 l S\n";
    let dir = workspace(ONLY_WORDING, &[]);
    support::write(dir.path(), "one.pdf", &pdf_objects::one_page_pdf(content));
    support::write(dir.path(), "bad.pdf", b"%PDF-1.7\nnot a pdf at all");
    let worker = budgetlint_readers::pdf_worker::SUBCOMMAND;
    let out = run(dir.path(), &[worker, "one.pdf", "60000", "10000"]);
    assert!(out.status.success(), "{}", support::stderr(&out));
    let record = support::stdout(&out);
    assert!(
        record.starts_with("budgetlint-pdf-worker 1\npage\n"),
        "{record}"
    );
    assert!(record.ends_with("\nend\n"), "{record}");
    assert!(record.contains("\tShown"), "{record}");
    assert!(record.contains("\nrules\nrules-page\nh\t"), "{record}");
    let out = run(dir.path(), &[worker, "bad.pdf", "60000", "10000"]);
    let record = support::stdout(&out);
    assert!(record.contains("\nerror\topen\t"), "{record}");
    assert!(record.ends_with("\nend\n"), "{record}");
    // And `dump-text` reads the PDF through it, as `check` does.
    let out = run(dir.path(), &["dump-text", "one.pdf"]);
    assert!(support::stdout(&out).contains("Shown on the page"));
}
