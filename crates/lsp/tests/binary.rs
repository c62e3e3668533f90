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

/// The client capabilities of [`full_capabilities`], and code actions shown disabled.
fn with_disabled_actions() -> Value {
    let mut caps = full_capabilities();
    caps["textDocument"]["codeAction"]["disabledSupport"] = json!(true);
    caps
}

/// Hovers and code actions work on the view of a spreadsheet as on a text: a finding's hover
/// has its rule's page and a figure's hover its reading; "accept into the baseline" is offered
/// and works (the view is read again without the finding); the fix and the inline disable
/// comment are offered disabled, saying why, to a client that shows disabled actions, and not
/// at all to one that does not; `budgetlint.explainRule` takes the view's URI.
#[test]
fn hovers_and_code_actions_work_on_the_view_of_a_spreadsheet() {
    let ws = Workspace::with_text("unused.txt", "", "");
    let sheet = ws.root().join("公开表.xlsx");
    if !write_xlsx(
        "一、部门职责\n由各单位承担分摊部份，支出100.00万元。\n",
        &sheet,
    ) {
        return;
    }
    let mut client = Client::start(&ws.root(), &[]);
    client.initialize(
        &ws.root(),
        with_disabled_actions(),
        json!({"debounceMs": 10}),
    );
    let file_uri = file_uri(&sheet);
    let answer = client
        .request("budgetlint/openBinary", json!({"uri": file_uri}))
        .unwrap();
    let text_uri = answer["textUri"].as_str().unwrap().to_string();
    let text = answer["text"].as_str().unwrap().to_string();
    let diagnostics = diagnostics_of(&mut client, &text_uri);
    let bufen = diagnostics
        .iter()
        .find(|d| d["code"] == "wording/bufen")
        .unwrap_or_else(|| panic!("{:?}", codes(&diagnostics)))
        .clone();

    let hover = |client: &mut Client, at: Value| {
        client
            .request(
                "textDocument/hover",
                json!({"textDocument": {"uri": text_uri}, "position": at}),
            )
            .unwrap()
    };
    let on_finding = hover(&mut client, bufen["range"]["start"].clone());
    let shown = on_finding["contents"]["value"].as_str().unwrap_or_default();
    assert!(
        shown.contains("**wording/bufen**") && shown.contains("部份"),
        "{on_finding}"
    );
    let amount = text.find("100.00").unwrap();
    let on_figure = hover(&mut client, position(&text, amount + 1, false));
    assert!(
        on_figure["contents"]["value"]
            .as_str()
            .is_some_and(|v| v.contains("100.00")),
        "{on_figure}"
    );

    let actions = |client: &mut Client| {
        client
            .request(
                "textDocument/codeAction",
                json!({"textDocument": {"uri": text_uri}, "range": bufen["range"], "context": {"diagnostics": []}}),
            )
            .unwrap()
            .as_array()
            .cloned()
            .unwrap()
    };
    let offered = actions(&mut client);
    let accept = offered
        .iter()
        .find(|a| a["command"]["command"] == "budgetlint.suppress")
        .unwrap_or_else(|| panic!("{offered:?}"))
        .clone();
    let disabled: Vec<&str> = offered
        .iter()
        .filter_map(|a| a["disabled"]["reason"].as_str())
        .collect();
    assert!(
        disabled.iter().any(|r| r.contains("修复只写入文本文件"))
            && disabled.iter().any(|r| r.contains("不能写入行内禁用注释")),
        "{offered:?}"
    );
    assert!(
        offered.iter().all(|a| a["edit"].is_null()),
        "nothing edits the read-only view: {offered:?}"
    );

    let explained = client
        .request(
            "workspace/executeCommand",
            json!({"command": "budgetlint.explainRule", "arguments": [{"rule": "wording/bufen", "uri": text_uri}]}),
        )
        .unwrap();
    assert!(
        explained.as_str().is_some_and(|d| !d.is_empty()),
        "{explained}"
    );

    client.forget("textDocument/publishDiagnostics");
    let accepted = client
        .request("workspace/executeCommand", accept["command"].clone())
        .unwrap();
    let baseline = accepted["baseline"].as_str().expect("the baseline written");
    assert!(std::fs::read_to_string(baseline)
        .unwrap()
        .contains("wording/bufen"));
    let after = codes(&diagnostics_of(&mut client, &text_uri));
    assert!(!after.iter().any(|c| c == "wording/bufen"), "{after:?}");
    assert_eq!(client.shutdown(), Some(0));

    // A client that does not show disabled actions gets only what it can apply.
    std::fs::remove_file(baseline).unwrap();
    let mut plain = Client::start(&ws.root(), &[]);
    plain.initialize(&ws.root(), full_capabilities(), json!({"debounceMs": 10}));
    plain
        .request("budgetlint/openBinary", json!({"uri": file_uri}))
        .unwrap();
    diagnostics_of(&mut plain, &text_uri);
    let offered = plain
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": text_uri}, "range": bufen["range"], "context": {"diagnostics": []}}),
        )
        .unwrap();
    let commands: Vec<&Value> = offered
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["command"]["command"])
        .collect();
    assert_eq!(commands, [&json!("budgetlint.suppress")], "{offered}");
    assert_eq!(plain.shutdown(), Some(0));
}
