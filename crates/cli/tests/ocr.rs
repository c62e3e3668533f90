//! A scanned PDF (../shared/corpus/real, 024: eight pages of images, no text layer): without
//! `--ocr` it is an error that names the file and its pages and points at `--ocr`; with
//! `--ocr` (tesseract with chi_sim, installed by scripts/install-ocr.sh when it can be) it is
//! read and every finding on it is marked as on OCR text. Skipped, saying so, without
//! ../shared or when tesseract cannot be had.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use support::*;

fn scanned() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(
        "../../../shared/corpus/real/docs/024_beijing_gov_service_data_bureau_2026_dept_budget_IMAGEONLY.pdf",
    );
    if path.is_file() {
        Some(path)
    } else {
        eprintln!("skipped: ../shared/corpus/real is not here");
        None
    }
}

#[test]
fn a_scanned_pdf_is_an_error_naming_the_file_and_its_pages() {
    let Some(pdf) = scanned() else {
        return;
    };
    let dir = workspace("", &[]);
    let out = run(dir.path(), &["check", pdf.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(text.contains("024_beijing"), "{text}");
    assert!(text.contains("全部 8 页都是图片"), "{text}");
    assert!(text.contains("--ocr"), "{text}");
}

#[test]
fn with_ocr_a_scanned_pdf_is_read_and_its_findings_are_marked() {
    let Some(pdf) = scanned() else {
        return;
    };
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/install-ocr.sh");
    let installed = Command::new("bash").arg(script).status();
    if !installed.is_ok_and(|s| s.success()) {
        eprintln!("skipped: tesseract with chi_sim is not installed and could not be (scripts/install-ocr.sh)");
        return;
    }
    let dir = workspace("", &[]);
    let out = run(
        dir.path(),
        &["check", "--ocr", "--format", "json", pdf.to_str().unwrap()],
    );
    let report = json(&out);
    let file = &report["files"][0];
    assert!(file["error"].is_null(), "{file}");
    let notes = file["notes"].to_string();
    assert!(
        notes.contains("第 1-8 页的文字由 OCR 识别（tesseract，chi_sim）"),
        "{notes}"
    );
    let diagnostics = file["diagnostics"].as_array().unwrap();
    assert!(!diagnostics.is_empty(), "{file}");
    for d in diagnostics {
        assert_eq!(d["ocr"], true, "{d}");
        let line = d["line_text"].as_str().unwrap();
        assert!(
            line.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "the OCR text is Chinese: {line}"
        );
    }
    let human = stdout(&run(dir.path(), &["check", "--ocr", pdf.to_str().unwrap()]));
    assert!(human.contains("（OCR 识别的文字"), "{human}");
}
