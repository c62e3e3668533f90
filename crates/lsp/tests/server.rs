//! The language server end to end: the real `budgetlint lsp` binary driven over stdio.

#[path = "../../engine/tests/common/example.rs"]
mod example;
mod support;

use serde_json::{json, Value};
use support::*;

/// Fast checks in tests: the debounce is exercised by the random-edit test.
fn options() -> Value {
    json!({"debounceMs": 10})
}

fn find<'a>(diagnostics: &'a [Value], code: &str, line: u64) -> Option<&'a Value> {
    diagnostics
        .iter()
        .find(|d| d["code"] == code && d["range"]["start"]["line"] == line)
}

#[test]
fn a_seed_gets_diagnostics_and_an_edited_figure_makes_a_finding_appear_and_disappear() {
    let ws = Workspace::with_seed("000", "");
    let mut client = Client::start(&ws.root(), &[]);
    let init = client.initialize(&ws.root(), full_capabilities(), options());
    let caps = &init["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    assert_eq!(init["serverInfo"]["name"], "budgetlint");

    client.open(&ws.uri, &ws.text, 1);
    let diags = client.diagnostics(&ws.uri, 1);
    let tax =
        find(&diags, "wording/abolished-tax-office", 3).expect("the 地税部门 finding on line 4");
    assert_eq!(tax["source"], "budgetlint");
    assert!(
        tax["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .starts_with("file://"),
        "{tax}"
    );
    let doc_page = tax["codeDescription"]["href"]
        .as_str()
        .unwrap()
        .trim_start_matches("file://")
        .to_string();
    assert!(std::fs::read_to_string(&doc_page)
        .unwrap()
        .contains("wording/abolished-tax-office"));
    assert!(
        find(&diags, "indicator/value-empty", 87).is_some_and(|d| d["severity"] == 1),
        "{diags:#?}"
    );
    let numbering = find(&diags, "structure/heading-numbering", 3).expect("numbering finding");
    assert!(
        !numbering["relatedInformation"]
            .as_array()
            .unwrap()
            .is_empty(),
        "the working comes as related information"
    );
    assert!(find(&diags, "arithmetic/sum-mismatch", 24).is_none());

    // 人员经费 75.21 → 76.21: the total of line 25 no longer adds up.
    let at = ws.text.find("人员经费支出预算75.21").unwrap() + "人员经费支出预算".len();
    let edit = json!([{"range": range(&ws.text, at, at + 5, false), "text": "76.21"}]);
    client.change(&ws.uri, 2, edit);
    let diags = client.diagnostics(&ws.uri, 2);
    let sum = find(&diags, "arithmetic/sum-mismatch", 24).expect("a sum mismatch after the edit");
    assert_eq!(sum["severity"], 1);
    let related = sum["relatedInformation"].as_array().unwrap();
    assert!(
        related
            .iter()
            .any(|r| r["message"].as_str().unwrap().contains("76.21")),
        "{related:?}"
    );
    assert_eq!(related[0]["location"]["uri"], ws.uri.as_str());

    let back = json!([{"range": range(&ws.text, at, at + 5, false), "text": "75.21"}]);
    client.change(&ws.uri, 3, back);
    let diags = client.diagnostics(&ws.uri, 3);
    assert!(
        find(&diags, "arithmetic/sum-mismatch", 24).is_none(),
        "the finding disappears with the edit undone"
    );

    assert_eq!(client.shutdown(), Some(0));
}

/// A table total that does not foot: the finding's hover shows the working (the parts, their
/// sum and the gap beyond rounding), as the hover of a prose sum does.
#[test]
fn a_reported_table_sum_has_a_hover_with_its_working() {
    let text = std::fs::read_to_string(
        workspace_root().join("plugins/arithmetic/tests/fixtures/table-sum/fire.txt"),
    )
    .unwrap();
    let ws = Workspace::with_text("table.txt", &text, "");
    let mut client = Client::start(&ws.root(), &[]);
    client.initialize(&ws.root(), full_capabilities(), options());
    client.open(&ws.uri, &ws.text, 1);
    let diags = client.diagnostics(&ws.uri, 1);
    let sum = diags
        .iter()
        .find(|d| d["code"] == "arithmetic/table-sum")
        .unwrap_or_else(|| panic!("a table-sum finding: {diags:#?}"));
    let hover = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": ws.uri}, "position": sum["range"]["start"]}),
        )
        .unwrap();
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(
        value.contains("arithmetic/table-sum") && value.contains("≠ 各项之和"),
        "{value}"
    );
    assert!(value.contains("超出四舍五入允许的"), "{value}");
    // Then the rule's documentation, in Chinese by default.
    assert!(
        value.contains("## 检查内容") && value.contains("## 修改方法"),
        "{value}"
    );
    assert!(!value.contains("What it checks"), "{value}");
    assert_eq!(client.shutdown(), Some(0));
}

/// A client whose display language is English (`locale`) and that names no `language` gets the
/// rules' English documentation pages, in hovers and from `budgetlint.explainRule`.
#[test]
fn an_english_locale_gets_the_english_rule_documentation() {
    let ws = Workspace::with_text("report.txt", "部份内容\n", "");
    let mut client = Client::start(&ws.root(), &[]);
    let root_uri = file_uri(&ws.root());
    client
        .request(
            "initialize",
            json!({
                "processId": std::process::id(),
                "rootUri": root_uri,
                "workspaceFolders": [{"uri": root_uri, "name": "ws"}],
                "capabilities": full_capabilities(),
                "initializationOptions": options(),
                "locale": "en-US",
            }),
        )
        .unwrap();
    client.notify("initialized", json!({}));
    client.open(&ws.uri, &ws.text, 1);
    let diags = client.diagnostics(&ws.uri, 1);
    let bufen = find(&diags, "wording/bufen", 0).unwrap_or_else(|| panic!("{diags:#?}"));
    let hover = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": ws.uri}, "position": bufen["range"]["start"]}),
        )
        .unwrap();
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(value.contains("## What it checks"), "{value}");
    assert!(!value.contains("检查内容"), "{value}");
    let explained = client
        .request(
            "workspace/executeCommand",
            json!({"command": "budgetlint.explainRule", "arguments": [{"rule": "wording/bufen"}]}),
        )
        .unwrap();
    let page = explained.as_str().unwrap();
    assert!(
        page.contains("## What it checks") && !page.contains("检查内容"),
        "{page}"
    );
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn hover_outline_folding_and_code_actions() {
    let ws = Workspace::with_seed("000", "");
    let mut client = Client::start(&ws.root(), &[]);
    client.initialize(&ws.root(), full_capabilities(), options());
    client.open(&ws.uri, &ws.text, 1);
    let diags = client.diagnostics(&ws.uri, 1);
    let mut text = ws.text.clone();

    // Hover on the total of line 25: the relation with its parts, checked.
    let total = text.find("共计10785.51万元，其中").unwrap() + "共计".len() + 2;
    let hover = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": ws.uri}, "position": position(&text, total, false)}),
        )
        .unwrap();
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(
        value.contains("10785.51万元") && value.contains("人员经费 75.21") && value.contains('✓'),
        "{value}"
    );
    assert_eq!(hover["range"]["start"]["line"], 24);

    // Hover on a finding: the rule's documentation.
    let tax = find(&diags, "wording/abolished-tax-office", 3).unwrap();
    let hover = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": ws.uri}, "position": tax["range"]["start"]}),
        )
        .unwrap();
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(value.contains("wording/abolished-tax-office"), "{value}");

    // The outline with the numbering, nested.
    let symbols = client
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": ws.uri}}),
        )
        .unwrap();
    let names: Vec<&str> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"一、部门职责及机构设置情况")
            && names.contains(&"三、机关运行经费安排情况"),
        "{names:?}"
    );
    let folds = client
        .request(
            "textDocument/foldingRange",
            json!({"textDocument": {"uri": ws.uri}}),
        )
        .unwrap();
    assert!(folds.as_array().unwrap().len() >= names.len(), "{folds}");

    // 地税部门 has an unsafe fix: offered, not preferred, with a suppress action beside it.
    let actions = client
        .request("textDocument/codeAction", json!({"textDocument": {"uri": ws.uri}, "range": tax["range"], "context": {"diagnostics": [tax]}}))
        .unwrap();
    let actions = actions.as_array().unwrap().clone();
    let fix = actions
        .iter()
        .find(|a| {
            a["diagnostics"][0]["code"] == "wording/abolished-tax-office" && a["edit"].is_object()
        })
        .expect("a fix");
    assert_eq!(
        (fix["kind"].clone(), fix["isPreferred"].clone()),
        (json!("quickfix"), json!(false))
    );
    assert!(
        fix["title"].as_str().unwrap().contains("需人工确认"),
        "{fix}"
    );
    assert_eq!(
        fix["edit"]["documentChanges"][0]["textDocument"]["version"], 1,
        "versioned edit"
    );
    assert!(
        actions
            .iter()
            .any(|a| a["command"]["command"] == "budgetlint.suppress"),
        "a suppress action"
    );
    text = apply_edits(&text, &edits_for(&fix["edit"], &ws.uri), false);
    assert!(text.lines().nth(3).unwrap().contains("税务部门"));
    client.change(&ws.uri, 2, json!([{"text": text}]));
    let after = client.diagnostics(&ws.uri, 2);
    assert!(find(&after, "wording/abolished-tax-office", 3).is_none());

    // 休休 has a safe fix: the preferred quick fix.
    let doubled = find(&after, "text/doubled-phrase", 178)
        .expect("休休 on line 179")
        .clone();
    let actions = client
        .request("textDocument/codeAction", json!({"textDocument": {"uri": ws.uri}, "range": doubled["range"], "context": {"diagnostics": [doubled]}}))
        .unwrap();
    let preferred: Vec<&Value> = actions
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["isPreferred"] == true)
        .collect();
    assert_eq!(preferred.len(), 1, "{actions}");
    assert_eq!(
        preferred[0]["diagnostics"][0]["code"],
        "text/doubled-phrase"
    );

    // Fix all safe problems: one source action whose edit removes every safe-fixable finding.
    let all = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": ws.uri}, "range": range(&text, 0, 0, false), "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
        )
        .unwrap();
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0]["kind"], "source.fixAll.budgetlint");
    let fixed = apply_edits(&text, &edits_for(&all[0]["edit"], &ws.uri), false);
    assert!(!fixed.contains("休休"), "the doubled character is fixed");
    client.change(&ws.uri, 3, json!([{"text": fixed}]));
    let after = client.diagnostics(&ws.uri, 3);
    assert!(
        after.iter().all(|d| d["code"] != "text/doubled-phrase"),
        "{after:?}"
    );
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn suppressing_writes_the_baseline_and_rules_toml_changes_apply_without_restart() {
    let ws = Workspace::with_seed("000", "");
    let mut client = Client::start(&ws.root(), &[]);
    client.initialize(&ws.root(), full_capabilities(), options());
    client.open(&ws.uri, &ws.text, 1);
    let diags = client.diagnostics(&ws.uri, 1);
    let tax = find(&diags, "wording/abolished-tax-office", 3)
        .unwrap()
        .clone();
    assert_eq!(tax["severity"], 3, "info by default");

    // rules.toml raises the rule to an error: picked up through a watched-file notification.
    client.forget("textDocument/publishDiagnostics");
    std::fs::write(
        ws.root().join("rules.toml"),
        "[rules.\"wording/abolished-tax-office\"]\nseverity = \"error\"\n",
    )
    .unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&ws.root().join("rules.toml")), "type": 2}]}),
    );
    let params = client.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == ws.uri.as_str()
    });
    let diags = params["diagnostics"].as_array().unwrap();
    assert_eq!(
        find(diags, "wording/abolished-tax-office", 3).unwrap()["severity"],
        1
    );

    // Accept the finding into the baseline through the suppress action.
    let actions = client
        .request("textDocument/codeAction", json!({"textDocument": {"uri": ws.uri}, "range": tax["range"], "context": {"diagnostics": []}}))
        .unwrap();
    let suppress = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| {
            a["command"]["command"] == "budgetlint.suppress"
                && a["diagnostics"][0]["code"] == "wording/abolished-tax-office"
        })
        .expect("suppress action")
        .clone();
    client.forget("textDocument/publishDiagnostics");
    let result = client
        .request("workspace/executeCommand", suppress["command"].clone())
        .unwrap();
    let baseline = ws.root().join(".budgetlint-baseline.json");
    assert_eq!(result["baseline"], baseline.display().to_string());
    assert!(std::fs::read_to_string(&baseline)
        .unwrap()
        .contains("wording/abolished-tax-office"));
    // The command line resolves the same baseline through the engine's workspace, from
    // whatever directory it runs in: the accepted finding stays accepted in CI.
    let elsewhere = tempfile::tempdir().unwrap();
    let mut cli = budgetlint_engine::Workspace::new(
        budgetlint_engine::Sources::default(),
        vec![elsewhere.path().to_path_buf()],
    );
    let doc_path = ws.doc.clone();
    let target = cli.target(Some(&doc_path));
    assert_eq!(target.baseline_path, baseline);
    let report = target
        .linter
        .check(&doc_path, ws.text.as_bytes(), target.baseline.as_deref())
        .unwrap();
    assert!(report
        .findings
        .iter()
        .all(|f| f.diagnostic.rule != "wording/abolished-tax-office"));
    let params = client.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == ws.uri.as_str()
    });
    assert!(find(
        params["diagnostics"].as_array().unwrap(),
        "wording/abolished-tax-office",
        3
    )
    .is_none());

    // A broken rules.toml: an error diagnostic on rules.toml itself, the defaults apply meanwhile.
    client.forget("textDocument/publishDiagnostics");
    std::fs::write(ws.root().join("rules.toml"), "profile = \"mars\"\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&ws.root().join("rules.toml")), "type": 2}]}),
    );
    let rules_uri = file_uri(&ws.root().join("rules.toml"));
    let params = client.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == rules_uri.as_str()
    });
    assert_eq!(
        params["diagnostics"][0]["range"]["start"],
        json!({"line": 0, "character": 10})
    );
    std::fs::write(ws.root().join("rules.toml"), "").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": rules_uri, "type": 2}]}),
    );
    let params = client.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == rules_uri.as_str()
    });
    assert_eq!(
        params["diagnostics"],
        json!([]),
        "cleared once rules.toml loads again"
    );
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn utf8_is_negotiated_and_positions_are_right_outside_the_bmp() {
    let text = "某县2021年部门预算公开说明\n𠀀𠀀社区部份人员负责此事。\n";
    let ws = Workspace::with_text("report.md", text, "");
    for (offered, utf8, character) in [
        (json!(["utf-8", "utf-16"]), true, 8 + 6),
        (json!(["utf-16"]), false, 4 + 2),
    ] {
        let mut client = Client::start(&ws.root(), &[]);
        let mut caps = full_capabilities();
        caps["general"]["positionEncodings"] = offered;
        let init = client.initialize(&ws.root(), caps, options());
        assert_eq!(
            init["capabilities"]["positionEncoding"],
            if utf8 { "utf-8" } else { "utf-16" }
        );
        client.open(&ws.uri, text, 1);
        let diags = client.diagnostics(&ws.uri, 1);
        let bufen = find(&diags, "wording/bufen", 1).expect("部份 flagged");
        assert_eq!(bufen["range"]["start"]["character"], character, "{bufen}");
        // An edit placed with the same encoding lands where intended.
        let at = text.find("部份").unwrap();
        client.change(
            &ws.uri,
            2,
            json!([{"range": range(text, at, at + "部份".len(), utf8), "text": "部分"}]),
        );
        let diags = client.diagnostics(&ws.uri, 2);
        assert!(find(&diags, "wording/bufen", 1).is_none(), "{diags:?}");
        // A Markdown document also offers the inline disable comment.
        client.change(&ws.uri, 3, json!([{"text": text}]));
        let diags = client.diagnostics(&ws.uri, 3);
        let bufen = find(&diags, "wording/bufen", 1).unwrap().clone();
        let actions = client
            .request("textDocument/codeAction", json!({"textDocument": {"uri": ws.uri}, "range": bufen["range"], "context": {"diagnostics": []}}))
            .unwrap();
        let disable = actions
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["title"].as_str().unwrap().contains("在本行禁用"))
            .expect("disable action");
        let disabled = apply_edits(text, &edits_for(&disable["edit"], &ws.uri), utf8);
        assert!(
            disabled.contains("负责此事。 <!-- budgetlint-disable-line wording/bufen -->\n"),
            "{disabled}"
        );
        assert_eq!(client.shutdown(), Some(0));
    }
}

#[test]
fn documents_without_rules_toml_are_left_alone_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let doc = root.join("note.txt");
    let text = "部份内容\n";
    std::fs::write(&doc, text).unwrap();
    let uri = file_uri(&doc);
    let mut client = Client::start(&root, &[]);
    client.initialize(&root, full_capabilities(), options());
    client.open(&uri, text, 1);
    assert_eq!(client.diagnostics(&uri, 1), Vec::<Value>::new());
    assert_eq!(
        client
            .request(
                "workspace/executeCommand",
                json!({"command": "budgetlint.lintDocument", "arguments": [{"uri": uri}]})
            )
            .unwrap(),
        json!(true)
    );
    let params = client.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri.as_str() && p["diagnostics"] != json!([])
    });
    assert!(
        codes(params["diagnostics"].as_array().unwrap()).contains(&"wording/bufen".to_string()),
        "{params}"
    );
    let status = client
        .request(
            "workspace/executeCommand",
            json!({"command": "budgetlint.documentStatus", "arguments": [{"uri": uri}]}),
        )
        .unwrap();
    assert!(
        status["checked"] == true && status["infos"].as_u64().unwrap() >= 1,
        "{status}"
    );
    let explained = client
        .request(
            "workspace/executeCommand",
            json!({"command": "budgetlint.explainRule", "arguments": [{"rule": "wording/bufen"}]}),
        )
        .unwrap();
    assert!(
        explained.as_str().unwrap().starts_with("# wording/bufen"),
        "{explained}"
    );
    assert!(
        explained.as_str().unwrap().contains("## 检查内容"),
        "the Chinese page by default: {explained}"
    );
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn pull_diagnostics_when_the_client_supports_them() {
    let ws = Workspace::with_text("report.txt", "部份内容\n", "");
    let mut client = Client::start(&ws.root(), &[]);
    let mut caps = full_capabilities();
    caps["textDocument"]["diagnostic"] = json!({"relatedDocumentSupport": false});
    let init = client.initialize(&ws.root(), caps, options());
    assert_eq!(
        init["capabilities"]["diagnosticProvider"]["identifier"],
        "budgetlint"
    );
    client.open(&ws.uri, "部份内容\n", 1);
    let report = client
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": ws.uri}}),
        )
        .unwrap();
    assert_eq!(report["kind"], "full");
    assert!(
        codes(report["items"].as_array().unwrap()).contains(&"wording/bufen".to_string()),
        "{report}"
    );
    let again = client
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": ws.uri}, "previousResultId": report["resultId"]}),
        )
        .unwrap();
    assert_eq!(again["kind"], "unchanged");
    client.change(&ws.uri, 2, json!([{"text": "部分内容\n"}]));
    let report = client
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": ws.uri}, "previousResultId": report["resultId"]}),
        )
        .unwrap();
    assert_eq!(report["kind"], "full");
    assert!(
        !codes(report["items"].as_array().unwrap()).contains(&"wording/bufen".to_string()),
        "{report}"
    );
    assert!(
        client
            .try_wait_for(
                "textDocument/publishDiagnostics",
                std::time::Duration::from_millis(200),
                &mut |_| true
            )
            .is_none(),
        "pull mode does not publish"
    );
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn workspace_plugins_load_only_when_trusted() {
    let rules = "[plugins]\npaths = [\"tools/libbudgetlint_plugin_local.so\"]\n";
    let ws = Workspace::with_text("report.txt", "部份内容\n", rules);
    std::fs::create_dir_all(ws.root().join("tools")).unwrap();
    std::fs::write(
        ws.root().join("tools/libbudgetlint_plugin_local.so"),
        "not a library",
    )
    .unwrap();
    for (trusted, language) in [(false, "zh"), (false, "en"), (true, "zh")] {
        let mut client = Client::start(&ws.root(), &[]);
        client.initialize(
            &ws.root(),
            full_capabilities(),
            json!({"debounceMs": 10, "trusted": trusted, "language": language}),
        );
        client.open(&ws.uri, "部份内容\n", 1);
        client.diagnostics(&ws.uri, 1);
        let message = client.wait_for("window/showMessage", |p| {
            p["message"]
                .as_str()
                .unwrap()
                .contains("libbudgetlint_plugin_local")
        });
        let text = message["message"].as_str().unwrap();
        if trusted {
            assert_eq!(
                message["type"], 1,
                "trusted: loading was tried and failed: {text}"
            );
        } else if language == "zh" {
            assert!(
                text.contains("工作区未受信任，未加载") && message["type"] == 2,
                "{text}"
            );
        } else {
            assert!(
                text.contains("workspace not trusted") && !text.contains("未受信任"),
                "{text}"
            );
        }
        assert_eq!(client.shutdown(), Some(0));
    }
}

/// What the server writes to the client's log (window/logMessage) — a setting it cannot use, a
/// stale change — is in the user's language: Chinese unless `language` says English (the
/// `language` of the same options applies, whatever its place among them).
#[test]
fn log_lines_follow_the_language() {
    let ws = Workspace::with_text("report.txt", "部份内容\n", "");
    for language in ["zh", "en"] {
        let mut client = Client::start(&ws.root(), &[]);
        client.initialize(
            &ws.root(),
            full_capabilities(),
            json!({"debounceMs": "fast", "language": language, "colour": 1}),
        );
        let bad_value = client.wait_for("window/logMessage", |p| {
            p["message"].as_str().unwrap().contains("debounceMs")
        });
        let unknown = client.wait_for("window/logMessage", |p| {
            p["message"].as_str().unwrap().contains("colour")
        });
        client.open(&ws.uri, "部份内容\n", 2);
        let diags = client.diagnostics(&ws.uri, 2);
        // The server's own code-action titles follow the language too.
        let bufen = find(&diags, "wording/bufen", 0)
            .unwrap_or_else(|| panic!("{diags:#?}"))
            .clone();
        let actions = client
            .request("textDocument/codeAction", json!({"textDocument": {"uri": ws.uri}, "range": bufen["range"], "context": {"diagnostics": []}}))
            .unwrap();
        let titles: Vec<&str> = actions
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|a| a["title"].as_str())
            .collect();
        let accept = match language {
            "zh" => "在基线中接受此问题（wording/bufen）",
            _ => "Accept this finding into the baseline (wording/bufen)",
        };
        assert!(titles.contains(&accept), "{titles:?}");
        client.change(&ws.uri, 1, json!([{"text": "旧内容\n"}]));
        let stale = client.wait_for("window/logMessage", |p| {
            p["message"].as_str().unwrap().contains("report.txt")
        });
        let lines =
            [&bad_value, &unknown, &stale].map(|m| m["message"].as_str().unwrap().to_string());
        if language == "zh" {
            assert_eq!(
                lines[0],
                "budgetlint: 设置 `debounceMs`：应为 0 到 10000 之间的整数（毫秒）"
            );
            assert_eq!(
                lines[1],
                "budgetlint: 设置 `colour`：不认识的设置（已忽略）"
            );
            assert!(
                lines[2].ends_with("report.txt：已忽略对版本 1 的修改：文档已是版本 2"),
                "{}",
                lines[2]
            );
        } else {
            assert_eq!(
                lines[0],
                "budgetlint: setting `debounceMs`: expected 0..=10000"
            );
            assert_eq!(
                lines[1],
                "budgetlint: setting `colour`: unknown setting (ignored)"
            );
            assert!(
                lines[2].ends_with(
                    "report.txt: change to version 1 ignored: the document is already at version 2"
                ),
                "{}",
                lines[2]
            );
        }
        assert_eq!(client.shutdown(), Some(0));
    }
}

#[test]
fn a_panicking_handler_becomes_an_error_and_the_server_keeps_answering() {
    let ws = Workspace::with_text("report.txt", "部份内容\n", "");
    let mut client = Client::start(&ws.root(), &[("BUDGETLINT_LSP_DEBUG", "1")]);
    client.initialize(&ws.root(), full_capabilities(), options());
    client.open(&ws.uri, "部份内容\n", 1);
    client.diagnostics(&ws.uri, 1);
    let err = client
        .request(
            "workspace/executeCommand",
            json!({"command": "budgetlint.debugPanic", "arguments": []}),
        )
        .unwrap_err();
    assert!(
        err["message"].as_str().unwrap().contains("internal error"),
        "{err}"
    );
    let shown = client.wait_for("window/showMessage", |p| p["type"] == 1);
    let shown = shown["message"].as_str().unwrap();
    assert!(shown.contains("debugPanic requested"), "{shown}");
    // Shown in Chinese: the options name no language.
    assert!(
        shown.contains("时发生内部错误（服务器继续运行）"),
        "{shown}"
    );
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": ws.uri}}),
    );
    assert!(symbols.is_ok());
    assert_eq!(client.shutdown(), Some(0));
}

/// `body` behind a header block written out as given.
fn with_header(header: &str, body: &Value) -> Vec<u8> {
    let mut bytes = format!("{header}\r\n\r\n").into_bytes();
    bytes.extend(serde_json::to_vec(body).unwrap());
    bytes
}

/// A request with the id `id`, for frames the client helper cannot make.
fn explain(id: i64) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "method": "workspace/executeCommand", "params": {"command": "budgetlint.explainRule", "arguments": [{"rule": "nope"}]}})
}

#[test]
fn a_frame_with_a_wrong_content_length_costs_that_frame_only() {
    let ws = Workspace::with_text("report.txt", "内容\n", "");
    let mut client = Client::start(&ws.root(), &[]);
    let body = serde_json::to_vec(&explain(100)).unwrap();
    // Too short, before `initialize`: the rest of the body is skipped up to the next header.
    client.send_raw(&with_header(
        &format!("Content-Length: {}", body.len() - 10),
        &explain(100),
    ));
    client.initialize(&ws.root(), full_capabilities(), options());
    let bad_headers = [
        format!("Content-Length: {}", body.len() + 200),
        "Content-Type: application/vscode-jsonrpc; charset=utf-8".to_string(),
        "Content-Length: twelve".to_string(),
        format!("Content-Length: {}", body.len() - 1),
    ];
    for header in bad_headers {
        client.send_raw(&with_header(&header, &explain(100)));
        let answer = client.request(
            "workspace/executeCommand",
            json!({"command": "budgetlint.explainRule", "arguments": [{"rule": "nope"}]}),
        );
        assert_eq!(answer, Ok(Value::Null), "after {header:?}");
    }
    // The one that ran too long into the next message was complete: its sender learns why
    // it gets nothing else.
    let too_long = client.response(100).unwrap_err();
    assert_eq!(too_long["code"], -32600, "{too_long}");
    client.send_raw(b"Content-Length: 99999999999\r\n\r\n{");
    client.send_raw(b"Content-Length: 5\r\nContent-Length");
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn an_unknown_dollar_request_gets_method_not_found_and_a_dollar_notification_nothing() {
    let ws = Workspace::with_text("report.txt", "内容\n", "");
    let mut client = Client::start(&ws.root(), &[]);
    client.initialize(&ws.root(), full_capabilities(), options());
    client.notify("$/unknownNotification", json!({"x": 1}));
    let err = client.request("$/foo", json!({"x": 1})).unwrap_err();
    assert_eq!(err["code"], -32601, "{err}");
    assert!(err["message"].as_str().unwrap().contains("$/foo"), "{err}");
    let err = client
        .request("$/cancelRequest", json!({"id": 1}))
        .unwrap_err();
    assert_eq!(
        err["code"], -32601,
        "a notification method sent as a request: {err}"
    );
    client.send(&json!({"jsonrpc": "2.0", "id": "s", "method": "$/bar"}));
    let err = client.response_to(&json!("s")).unwrap_err();
    assert_eq!(err["code"], -32601, "{err}");
    assert!(
        client
            .backlog
            .iter()
            .all(|m| m.get("id").is_none() || m.get("method").is_some()),
        "no other answers: {:?}",
        client.backlog
    );
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn exit_without_shutdown_exits_with_1() {
    let ws = Workspace::with_text("report.txt", "内容\n", "");
    let mut client = Client::start(&ws.root(), &[]);
    client.initialize(&ws.root(), full_capabilities(), options());
    client.notify("exit", Value::Null);
    assert_eq!(client.wait_exit(), Some(1));
}

#[test]
fn a_byte_order_mark_kept_by_the_editor_does_not_shift_positions() {
    let text = "\u{feff}部份内容\n第二行部份\n";
    let ws = Workspace::with_text("report.txt", text, "");
    let mut client = Client::start(&ws.root(), &[]);
    client.initialize(&ws.root(), full_capabilities(), options());
    client.open(&ws.uri, text, 1);
    let diags = client.diagnostics(&ws.uri, 1);
    let first = find(&diags, "wording/bufen", 0).expect("部份 on the first line");
    assert_eq!(first["range"], range(text, 3, 3 + "部份".len(), false));
    let second = find(&diags, "wording/bufen", 1).expect("部份 on the second line");
    assert_eq!(second["range"]["start"]["character"], 3);
    let actions = client
        .request("textDocument/codeAction", json!({"textDocument": {"uri": ws.uri}, "range": first["range"], "context": {"diagnostics": []}}))
        .unwrap();
    let fix = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["isPreferred"] == true)
        .expect("the safe fix");
    assert_eq!(
        apply_edits(text, &edits_for(&fix["edit"], &ws.uri), false),
        "\u{feff}部分内容\n第二行部份\n"
    );
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn the_fix_all_command_applies_every_safe_fix_through_apply_edit() {
    let ws = Workspace::with_seed("001", "");
    let mut client = Client::start(&ws.root(), &[]);
    client.initialize(&ws.root(), full_capabilities(), options());
    client.open(&ws.uri, &ws.text, 1);
    let before = client.diagnostics(&ws.uri, 1);
    let leftovers = codes(&before)
        .iter()
        .filter(|c| *c == "text/extraction-leftover")
        .count();
    assert!(leftovers >= 3, "{before:?}");
    let result = client
        .request(
            "workspace/executeCommand",
            json!({"command": "budgetlint.fixAll", "arguments": [{"uri": ws.uri}]}),
        )
        .unwrap();
    assert_eq!(result["applied"], true);
    let edit = client
        .applied_edits
        .pop()
        .expect("a workspace/applyEdit request");
    assert_eq!(edit["documentChanges"][0]["textDocument"]["version"], 1);
    let fixed = apply_edits(&ws.text, &edits_for(&edit, &ws.uri), false);
    client.change(&ws.uri, 2, json!([{"text": fixed}]));
    let after = client.diagnostics(&ws.uri, 2);
    assert!(
        !codes(&after).contains(&"text/extraction-leftover".to_string()),
        "{after:?}"
    );
    assert!(
        after.len() <= before.len() - leftovers,
        "{} findings before, {} after",
        before.len(),
        after.len()
    );
    assert_eq!(client.shutdown(), Some(0));
}

/// A province budgetlint does not ship, added as one data file that rules.toml names and
/// selected by `profile = "山东"`: the server checks the document against it, as the CLI does.
#[test]
fn a_data_only_province_is_selected_by_the_profile() {
    let template = "province = \"shandong\"\nkind = \"budget\"\nname-zh = \"山东省部门预算公开模板\"\nname-en = \"the Shandong template\"\nnumbering = \"part\"\n\
        [[sections]]\ntitle = \"部门概况\"\naliases = [\"概况\"]\n\
        [[sections]]\ntitle = \"部门预算情况说明\"\naliases = [\"情况说明\"]\n\
        [[sections]]\ntitle = \"名词解释\"\naliases = [\"名词解释\"]\n";
    let text = "某某中心2021年部门预算公开说明\n第一部分 部门概况\n负责本系统工作。\n第三部分 名词解释\n财政拨款收入。\n";
    let ws = Workspace::with_text(
        "report.txt",
        text,
        "profile = \"山东\"\n[plugins]\nprovinces = [\"shandong.toml\"]\n",
    );
    std::fs::write(ws.root().join("shandong.toml"), template).unwrap();
    let mut client = Client::start(&ws.root(), &[]);
    client.initialize(&ws.root(), full_capabilities(), options());
    client.open(&ws.uri, &ws.text, 1);
    let diags = client.diagnostics(&ws.uri, 1);
    let missing = find(&diags, "province/template-sections", 3).expect("missing part reported");
    assert!(
        missing["message"]
            .as_str()
            .unwrap()
            .contains("第二部分“部门预算情况说明”"),
        "{missing:?}"
    );
    assert_eq!(client.shutdown(), Some(0));
}

/// A compiled out-of-tree province (examples/province-plugin, 山东, built here) that a trusted
/// workspace's rules.toml loads is selected by `profile = "山东"` for a document that names no
/// place: the server runs its rule, as the CLI does.
#[test]
fn a_compiled_out_of_tree_province_is_selected_by_the_profile() {
    let lib = example::build_example();
    let text = "某某中心2021年部门预算公开说明\n第一部分 部门概况\n负责本系统工作。\n第三部分 名词解释\n财政拨款收入。\n第四部分 部门预算公开表\n附表。\n";
    let rules = format!(
        "profile = \"山东\"\n[plugins]\npaths = [{:?}]\n",
        lib.display().to_string()
    );
    let ws = Workspace::with_text("report.txt", text, &rules);
    let mut client = Client::start(&ws.root(), &[]);
    client.initialize(
        &ws.root(),
        full_capabilities(),
        json!({"debounceMs": 10, "trusted": true}),
    );
    client.open(&ws.uri, &ws.text, 1);
    let diags = client.diagnostics(&ws.uri, 1);
    assert!(
        diags.iter().any(|d| d["code"] == example::RULE),
        "{diags:#?}"
    );
    assert_eq!(client.shutdown(), Some(0));
}
