//! `check --report report.html`: a self-contained page, rendered in headless Chromium; the
//! screenshot is kept as target/artifacts/report.png.

mod support;

use std::path::Path;
use std::process::Command;
use support::*;

fn report_of_the_seeds() -> (tempfile::TempDir, String) {
    let dir = workspace(WORDING_AND_DOCNUM, &[]);
    let names = copy_seeds(dir.path());
    std::fs::write(
        dir.path().join("unreadable.txt"),
        b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00",
    )
    .unwrap();
    // A text of two pages (a form feed between them) with a finding on the second page.
    std::fs::write(
        dir.path().join("paged.txt"),
        "一、部门预算说明\n本部门支出如下。\n\x0c二、其他说明\n由各单位承担分摊部份支出。\n",
    )
    .unwrap();
    let mut args = vec!["check", "--format", "json", "--report", "report.html"];
    args.extend(names.iter().map(String::as_str));
    args.push("unreadable.txt");
    args.push("paged.txt");
    let out = run(dir.path(), &args);
    assert_eq!(
        out.status.code(),
        Some(2),
        "the unreadable file: {}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("报告已写到 report.html"),
        "{}",
        stderr(&out)
    );
    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    (dir, html)
}

#[test]
fn the_report_is_self_contained_with_charts_a_table_and_findings_in_context() {
    let (_dir, html) = report_of_the_seeds();
    assert!(html.starts_with("<!DOCTYPE html>"));
    for external in ["src=", "href=\"http", "<link", "url("] {
        assert!(!html.contains(external), "no external asset ({external})");
    }
    assert_eq!(html.matches("<script>").count(), 1, "one inline script");
    assert_eq!(
        html.matches("<svg ").count(),
        3,
        "charts per rule, per province, per document"
    );
    for caption in ["按规则", "按省份", "按文件"] {
        assert!(html.contains(caption), "{caption}");
    }
    assert!(html.contains(">docnum/bracket-style</text>"), "a rule bar");
    assert!(
        html.contains(">河北</text>") && html.contains(">四川</text>"),
        "province bars"
    );

    // The documents table is sorted by errors (the unreadable file first), then warnings.
    let table = &html[html.find("<table class=\"docs\">").unwrap()..html.find("</table>").unwrap()];
    let rows: Vec<&str> = table.split("<tr><td><a href=\"#doc-").skip(1).collect();
    assert_eq!(rows.len(), 7);
    assert!(
        rows[0].contains("unreadable.txt") && rows[0].contains("不是文本文件"),
        "{}",
        rows[0]
    );
    let warnings: Vec<usize> = rows[1..].iter().map(|r| count_in(r, 1)).collect();
    assert!(
        warnings.windows(2).all(|w| w[0] >= w[1]),
        "sorted: {warnings:?}"
    );

    // Findings with the surrounding text, the finding itself marked.
    assert!(
        html.contains("<mark>【2016】</mark>") || html.matches("<mark>").count() > 50,
        "marked findings"
    );
    assert!(
        html.contains("<pre class=\"context\"><span class=\"ln\">"),
        "context lines with numbers"
    );
    assert!(html.contains("修改建议："), "fixes are shown");
}

#[test]
fn the_report_filters_collapses_repeats_and_names_pages() {
    let (_dir, html) = report_of_the_seeds();
    // Chinese labels, one word per severity.
    assert!(html.contains("<html lang=\"zh-CN\">"));
    for word in ["错误", "警告", "提示"] {
        assert!(html.contains(&format!("> {word}</label>")), "{word} filter");
    }
    assert!(
        !html.contains(">error<") && !html.contains(">info<"),
        "no English severity"
    );
    // Filters: every rule and every document can be chosen.
    assert!(html.contains("<form class=\"filters\" hidden>"));
    assert!(html.contains("<option value=\"docnum/bracket-style\">"));
    assert!(html.contains("<option value=\"doc-0\">"));
    // A rule repeated in a document: three in full, the rest in one closed <details>.
    let repeats = html.matches("<details class=\"repeats").count();
    assert!(repeats > 0, "repeats are collapsed");
    for section in html.split("<section class=\"doc\"").skip(1) {
        let mut shown: std::collections::HashMap<&str, usize> = Default::default();
        for finding in section.split("<div class=\"finding ").skip(1) {
            let rule = finding
                .split("data-rule=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            *shown.entry(rule).or_default() += 1;
        }
        assert!(shown.values().all(|&n| n <= 3), "{shown:?}");
    }
    // The finding on the second page of the paged text names its page; the form feed is not
    // shown as a replacement character.
    assert!(html.contains("第 4 行，第 2 页"), "page of a finding");
    assert!(!html.contains('\u{FFFD}'), "no replacement characters");
}

/// The n-th number cell of a documents-table row (0: errors, 1: warnings, 2: infos).
fn count_in(row: &str, n: usize) -> usize {
    row.split("<td class=\"n")
        .nth(n + 1)
        .and_then(|c| c.split('>').nth(1))
        .and_then(|c| c.split('<').next())
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn the_report_renders_in_headless_chromium() {
    let (dir, _) = report_of_the_seeds();
    let Some(chromium) = chromium() else { return };
    let artifacts = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    let png = artifacts.join("report.png");
    let _ = std::fs::remove_file(&png);
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(&chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--window-size=1280,2000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!(
            "file://{}",
            dir.path().join("report.html").display()
        ))
        .output()
        .unwrap();
    assert!(
        png.is_file(),
        "no screenshot: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&png).unwrap();
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
    assert!(
        bytes.len() > 30_000,
        "a page with charts and text is not a small PNG ({} bytes)",
        bytes.len()
    );
    let (width, height) = (
        u32::from_be_bytes(bytes[16..20].try_into().unwrap()),
        u32::from_be_bytes(bytes[20..24].try_into().unwrap()),
    );
    assert_eq!((width, height), (1280, 2000));
    // A blank page compresses to a few kilobytes whatever its size; keep the first IDAT's
    // compressed size as a second witness that something was drawn.
    assert!(idat_bytes(&bytes) > 20_000, "the screenshot looks blank");
    eprintln!("screenshot: {}", png.display());

    // The inline script runs in a real browser: it shows the filter bar it controls.
    let profile = tempfile::tempdir().unwrap();
    let dom = Command::new(chromium)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom"])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!(
            "file://{}",
            dir.path().join("report.html").display()
        ))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert!(
        dom.contains("<form class=\"filters\">"),
        "the script ran and showed the filters: {}",
        &dom[..dom.len().min(2000)]
    );
}

/// Total size of the PNG's image data chunks.
fn idat_bytes(png: &[u8]) -> usize {
    let mut at = 8;
    let mut total = 0;
    while at + 8 <= png.len() {
        let len = u32::from_be_bytes(png[at..at + 4].try_into().unwrap()) as usize;
        if &png[at + 4..at + 8] == b"IDAT" {
            total += len;
        }
        at += 12 + len;
    }
    total
}
