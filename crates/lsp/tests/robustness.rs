//! 1000 random incremental edits mixed with malformed messages: the server keeps its copy of
//! the text identical to the client's, publishes only current versions, and still answers.

mod support;

use serde_json::{json, Value};
use std::time::{Duration, Instant};
use support::*;

/// A small deterministic generator (xorshift64*), so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const INSERTS: &[&str] = &[
    "",
    "1",
    "0.5",
    "万元",
    "合计",
    "𠀀",
    "\n",
    "\r\n",
    "，其中",
    "75.21",
    "😀",
    "%",
    "一、",
    "\t",
    "部份",
    "【2020】",
];

fn char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A random edit of `text`: (start, end, replacement) on character boundaries, never splitting
/// a `\r\n` (LSP counts it as one line break, so no client can point between its two bytes).
fn random_edit(rng: &mut Rng, text: &str) -> (usize, usize, String) {
    let mut start = char_boundary(text, rng.below(text.len() + 1));
    let mut end = char_boundary(text, (start + rng.below(24)).min(text.len()));
    for at in [&mut start, &mut end] {
        if *at > 0
            && *at < text.len()
            && text.as_bytes()[*at - 1] == b'\r'
            && text.as_bytes()[*at] == b'\n'
        {
            *at -= 1;
        }
    }
    let insert = INSERTS[rng.below(INSERTS.len())].to_string();
    (start, end.max(start), insert)
}

#[test]
fn a_thousand_random_edits_and_malformed_messages_leave_a_working_server() {
    let ws = Workspace::with_seed("000", "");
    let mut client = Client::start(&ws.root(), &[]);
    client.initialize(&ws.root(), full_capabilities(), json!({"debounceMs": 5}));
    client.open(&ws.uri, &ws.text, 1);
    let started = Instant::now();
    let mut rng = Rng(0x005E_EDB0_D6E7);
    let mut text = ws.text.clone();
    let mut version = 1i64;
    let mut requests = Vec::new();
    for step in 0..1000 {
        if step % 40 == 39 {
            // Pauses longer than the debounce: checks start while more edits arrive.
            std::thread::sleep(Duration::from_millis(25));
        }
        match rng.below(20) {
            0 => client.send_raw(b"Content-Length: 10\r\n\r\n{not json}"),
            1 => client.send(&json!([1, 2, 3])),
            2 => requests.push(client.send_request("budgetlint/unknownMethod", json!({"x": step}))),
            3 => requests.push(client.send_request("textDocument/hover", json!({"textDocument": {"uri": ws.uri}}))),
            4 => requests.push(client.send_request(
                "textDocument/hover",
                json!({"textDocument": {"uri": ws.uri}, "position": {"line": 4_000_000_000u64, "character": 9}}),
            )),
            5 => client.change(&ws.uri, version - 1 - rng.below(3) as i64, json!([{"text": "stale"}])),
            6 => client.change("file:///nowhere/never-opened.txt", 7, json!([{"text": "x"}])),
            7 => client.notify("textDocument/didChange", json!({"textDocument": {"uri": 42}, "contentChanges": "no"})),
            8 => requests.push(client.send_request(
                "textDocument/codeAction",
                json!({"textDocument": {"uri": ws.uri}, "range": range(&text, 0, text.len(), false), "context": {"diagnostics": []}}),
            )),
            _ => {
                let mut changes = Vec::new();
                for _ in 0..=rng.below(3) / 2 {
                    let (a, b, insert) = random_edit(&mut rng, &text);
                    changes.push(json!({"range": range(&text, a, b, false), "text": insert}));
                    text.replace_range(a..b, &insert);
                }
                version += 1;
                client.change(&ws.uri, version, Value::Array(changes));
            }
        }
    }
    for id in requests {
        let response = client.response(id);
        if let Err(e) = &response {
            assert_ne!(e["code"], -32603, "no internal error: {e}");
        }
    }
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": ws.uri}}),
    );
    assert!(symbols.is_ok(), "{symbols:?}");
    let final_diags = client.diagnostics(&ws.uri, version);
    let elapsed = started.elapsed();
    client.backlog.push_back(json!({"method": "textDocument/publishDiagnostics", "params": {"uri": ws.uri, "version": version}}));

    // Every publication for the document came in version order, the last one current.
    let versions: Vec<i64> = client
        .backlog
        .iter()
        .filter(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == ws.uri.as_str()
        })
        .map(|m| m["params"]["version"].as_i64().unwrap())
        .collect();
    assert!(versions.windows(2).all(|w| w[0] <= w[1]), "{versions:?}");

    // The server's text is the client's: a fresh document with the client's text gets the
    // same findings.
    let twin = ws.root().join("twin.txt");
    std::fs::write(&twin, &text).unwrap();
    let twin_uri = file_uri(&twin);
    client.open(&twin_uri, &text, 1);
    let twin_diags = client.diagnostics(&twin_uri, 1);
    let strip = |d: &[Value]| -> Vec<(Value, Value, Value)> {
        d.iter()
            .map(|d| (d["code"].clone(), d["range"].clone(), d["message"].clone()))
            .collect()
    };
    assert_eq!(
        strip(&final_diags),
        strip(&twin_diags),
        "the incremental text diverged"
    );
    assert!(elapsed < Duration::from_secs(120), "took {elapsed:?}");
    eprintln!(
        "1000 steps, {} versions, {} publications, {elapsed:?}",
        version,
        versions.len()
    );
    assert_eq!(client.shutdown(), Some(0));
}
