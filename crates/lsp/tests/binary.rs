//! `budgetlint/openBinary`: the editor names a spreadsheet (or PDF, Word file) by its URI, the
//! server reads it from disk and publishes its findings on the view of its canonical text; when
//! the file changes on disk the editor asks again and the findings follow.

mod support;

use serde_json::{json, Value};
use std::path::Path;
use std::process::Command;
use support::*;

/// Writes `text` as a spreadsheet at `out` with scripts/format_fixtures.py; false (said on
/// stderr) when python3 cannot.
fn write_xlsx(text: &str, out: &Path) -> bool {
    let source = out.with_extension("source.txt");
    std::fs::write(&source, text).unwrap();
    let script = workspace_root().join("scripts/format_fixtures.py");
    let made = Command::new("python3")
        .arg(script)
        .arg("xlsx")
        .arg(&source)
        .arg(out)
        .status();
    std::fs::remove_file(&source).unwrap();
    if made.is_ok_and(|s| s.success()) {
        true
    } else {
        eprintln!("skipped: python3 could not write the spreadsheet (install python3)");
        false
    }
}

fn diagnostics_of(client: &mut Client, uri: &str) -> Vec<Value> {
    let params = client.wait_for("textDocument/publishDiagnostics", |p| p["uri"] == uri);
    params["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[test]
fn a_spreadsheet_is_read_from_disk_and_its_findings_follow_the_file() {
    let ws = Workspace::with_text("unused.txt", "", "");
    let sheet = ws.root().join("公开表.xlsx");
    let (_, seed) = seed("004");
    if !write_xlsx(&seed, &sheet) {
        return;
    }
    let mut client = Client::start(&ws.root(), &[]);
    client.initialize(&ws.root(), full_capabilities(), json!({"debounceMs": 10}));
    let file_uri = file_uri(&sheet);
    let text_uri = file_uri.replacen("file:", "budgetlint-text:", 1);
    let answer = client
        .request(
            "budgetlint/openBinary",
            json!({"uri": file_uri, "textUri": text_uri}),
        )
        .expect("openBinary answers");
    assert_eq!(answer["format"], "xlsx");
    assert_eq!(answer["textUri"], text_uri.as_str());
    assert!(answer["error"].is_null(), "{answer}");
    let text = answer["text"].as_str().unwrap();
    assert!(text.contains('\t'), "tables as tab-separated rows: {text}");
    let first = diagnostics_of(&mut client, &text_uri);
    assert!(
        codes(&first).iter().any(|c| c == "arithmetic/table-sum"),
        "{:?}",
        codes(&first)
    );
    // Every range is inside the text the view shows.
    let lines = text.split('\n').count() as u64;
    assert!(first
        .iter()
        .all(|d| d["range"]["end"]["line"].as_u64().unwrap() < lines));

    // The file is saved with other content: asked again, the findings are the new file's.
    assert!(write_xlsx(
        "一、部门职责\n配合地税部门完成征缴任务。\n",
        &sheet
    ));
    let answer = client
        .request(
            "budgetlint/openBinary",
            json!({"uri": file_uri, "textUri": text_uri}),
        )
        .unwrap();
    assert!(answer["text"].as_str().unwrap().contains("地税部门"));
    let second = codes(&diagnostics_of(&mut client, &text_uri));
    assert!(
        second.iter().any(|c| c == "wording/abolished-tax-office")
            && !second.iter().any(|c| c == "arithmetic/table-sum"),
        "{second:?}"
    );
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn a_file_that_cannot_be_read_answers_why_and_a_bad_uri_is_an_error() {
    let ws = Workspace::with_text("unused.txt", "", "");
    // The signature of an OLE compound file (Word 97), which budgetlint does not read.
    let mut doc = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    doc.resize(512, 0);
    let old = ws.root().join("old.doc");
    std::fs::write(&old, doc).unwrap();
    let mut client = Client::start(&ws.root(), &[]);
    client.initialize(&ws.root(), full_capabilities(), json!({"debounceMs": 10}));
    let answer = client
        .request("budgetlint/openBinary", json!({"uri": file_uri(&old)}))
        .unwrap();
    let why = answer["error"].as_str().expect("a reason");
    assert!(!why.is_empty());
    assert_eq!(answer["text"], "");
    let text_uri = answer["textUri"].as_str().unwrap().to_string();
    assert!(text_uri.starts_with("budgetlint-text:"), "{text_uri}");
    let diags = diagnostics_of(&mut client, &text_uri);
    assert_eq!(diags.len(), 1);
    assert!(diags[0]["message"].as_str().unwrap().contains(why));

    let missing = client
        .request(
            "budgetlint/openBinary",
            json!({"uri": file_uri(&ws.root().join("missing.pdf"))}),
        )
        .unwrap();
    assert!(missing["error"].is_string());
    let bad = client.request("budgetlint/openBinary", json!({"uri": "untitled:x"}));
    assert!(bad.is_err(), "{bad:?}");
    let bad = client.request("budgetlint/openBinary", json!({"path": 1}));
    assert!(bad.is_err(), "{bad:?}");
    assert_eq!(client.shutdown(), Some(0));
}
