//! A minimal LSP client that drives the real `budgetlint lsp` binary over stdio with JSON-RPC
//! framing, for the integration tests.
//!
//! The binary and the built-in plugins are built once per test process with
//! `cargo build -p budgetlint-cli -p budgetlint-plugin-…` (quick when they are up to date, as
//! after `cargo test --workspace`); set `BUDGETLINT_BIN` to test another build.

#![allow(dead_code)]

use serde_json::{json, Value};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

pub const TIMEOUT: Duration = Duration::from_secs(30);

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("workspace root")
}

pub fn seeds_dir() -> PathBuf {
    workspace_root().join("tests/fixtures/seeds")
}

pub fn seed(prefix: &str) -> (PathBuf, String) {
    let dir = seeds_dir();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("seeds")
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    let path = entries
        .into_iter()
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .expect("seed");
    let text = std::fs::read_to_string(&path).expect("seed text");
    (path, text)
}

/// The `budgetlint` binary, built (with the plugins next to it) on first use.
pub fn binary() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| match std::env::var_os("BUDGETLINT_BIN") {
        Some(bin) => PathBuf::from(bin),
        None => build(false),
    })
}

/// Builds `budgetlint` and the built-in plugins (debug or release); returns the binary.
pub fn build(release: bool) -> PathBuf {
    let root = workspace_root();
    let mut cmd = Command::new(env!("CARGO"));
    cmd.current_dir(&root)
        .args(["build", "--quiet", "-p", "budgetlint-cli"]);
    if release {
        cmd.arg("--release");
    }
    for package in plugin_packages(&root) {
        cmd.args(["-p", &package]);
    }
    let status = cmd.status().expect("run cargo build");
    assert!(
        status.success(),
        "cargo build of budgetlint-cli and the plugins failed"
    );
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    target
        .join(if release { "release" } else { "debug" })
        .join(format!("budgetlint{}", std::env::consts::EXE_SUFFIX))
}

/// The package names of the plugin crates under plugins/ (`name = "…"` of each Cargo.toml).
fn plugin_packages(root: &Path) -> Vec<String> {
    let Ok(dirs) = std::fs::read_dir(root.join("plugins")) else {
        return Vec::new();
    };
    let mut names: Vec<String> = dirs
        .filter_map(|e| std::fs::read_to_string(e.ok()?.path().join("Cargo.toml")).ok())
        .filter_map(|toml| {
            let line = toml.lines().find(|l| l.trim_start().starts_with("name"))?;
            Some(line.split('"').nth(1)?.to_string())
        })
        .filter(|name| name.starts_with("budgetlint-plugin-"))
        .collect();
    names.sort();
    names
}

/// Something the server sent.
#[derive(Debug, Clone)]
pub enum Incoming {
    Message(Value),
    /// A frame whose body is not JSON (must never happen).
    Garbage(String),
}

pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Incoming>,
    /// Notifications and server requests received but not yet consumed.
    pub backlog: VecDeque<Value>,
    next_id: i64,
    /// Edits the server asked us to apply (`workspace/applyEdit`).
    pub applied_edits: Vec<Value>,
    pub messages: Vec<Value>,
}

impl Client {
    pub fn start(cwd: &Path, envs: &[(&str, &str)]) -> Client {
        Client::start_binary(binary(), cwd, envs)
    }

    pub fn start_binary(bin: &Path, cwd: &Path, envs: &[(&str, &str)]) -> Client {
        let mut cmd = Command::new(bin);
        cmd.arg("lsp")
            .arg("--stdio")
            .current_dir(cwd)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped());
        // The server's stderr (panics, logs) is shown with BUDGETLINT_TEST_STDERR=1.
        cmd.stderr(
            if std::env::var_os("BUDGETLINT_TEST_STDERR").is_some()
                || std::env::var_os("BUDGETLINT_LSP_TIMING").is_some()
            {
                Stdio::inherit()
            } else {
                Stdio::null()
            },
        );
        cmd.env_remove("BUDGETLINT_PLUGIN_PATH");
        for (k, v) in envs {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("start budgetlint lsp");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || read_frames(stdout, tx));
        let stdin = child.stdin.take();
        Client {
            child,
            stdin,
            incoming: rx,
            backlog: VecDeque::new(),
            next_id: 1,
            applied_edits: Vec::new(),
            messages: Vec::new(),
        }
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).expect("write to server");
        stdin.flush().unwrap();
    }

    pub fn send(&mut self, message: &Value) {
        let body = serde_json::to_vec(message).unwrap();
        let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        frame.extend(body);
        self.send_raw(&frame);
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns its id.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// Sends a request and waits for its response (`Ok(result)` or `Err(error)`).
    pub fn request(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        let id = self.send_request(method, params);
        self.response(id)
    }

    pub fn response(&mut self, id: i64) -> Result<Value, Value> {
        self.response_to(&json!(id))
    }

    /// The response to the request with the id `id` (a number or a string).
    pub fn response_to(&mut self, id: &Value) -> Result<Value, Value> {
        let is_response = |msg: &Value| msg.get("method").is_none() && msg.get("id") == Some(id);
        let deadline = Instant::now() + TIMEOUT;
        if let Some(i) = self.backlog.iter().position(&is_response) {
            let msg = self.backlog.remove(i).unwrap();
            return match msg.get("error") {
                Some(e) => Err(e.clone()),
                None => Ok(msg.get("result").cloned().unwrap_or(Value::Null)),
            };
        }
        loop {
            let msg = self
                .next_message(deadline)
                .unwrap_or_else(|| panic!("no response to request {id}"));
            if is_response(&msg) {
                return match msg.get("error") {
                    Some(e) => Err(e.clone()),
                    None => Ok(msg.get("result").cloned().unwrap_or(Value::Null)),
                };
            }
            self.backlog.push_back(msg);
        }
    }

    /// The next message from the server, answering its requests on the way (registrations
    /// succeed, edits are recorded and reported applied). `None` at the deadline.
    fn next_message(&mut self, deadline: Instant) -> Option<Value> {
        let left = deadline.checked_duration_since(Instant::now())?;
        match self.incoming.recv_timeout(left) {
            Ok(Incoming::Message(msg)) => {
                if let (Some(method), Some(id)) =
                    (msg.get("method").and_then(Value::as_str), msg.get("id"))
                {
                    let result = match method {
                        "workspace/applyEdit" => {
                            self.applied_edits.push(msg["params"]["edit"].clone());
                            json!({"applied": true})
                        }
                        _ => Value::Null,
                    };
                    let reply = json!({"jsonrpc": "2.0", "id": id.clone(), "result": result});
                    self.send(&reply);
                }
                if msg
                    .get("method")
                    .and_then(Value::as_str)
                    .is_some_and(|m| m.starts_with("window/"))
                {
                    self.messages.push(msg.clone());
                }
                Some(msg)
            }
            Ok(Incoming::Garbage(body)) => {
                panic!("the server sent a frame that is not JSON: {body:?}")
            }
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output"),
        }
    }

    /// Waits for a notification `method` whose params satisfy `accept`, consuming everything
    /// before it (earlier messages of other kinds stay in the backlog).
    pub fn wait_for(&mut self, method: &str, mut accept: impl FnMut(&Value) -> bool) -> Value {
        self.try_wait_for(method, TIMEOUT, &mut accept)
            .unwrap_or_else(|| panic!("no {method} notification arrived in time"))
    }

    pub fn try_wait_for(
        &mut self,
        method: &str,
        timeout: Duration,
        accept: &mut dyn FnMut(&Value) -> bool,
    ) -> Option<Value> {
        if let Some(i) = self
            .backlog
            .iter()
            .position(|m| m["method"] == method && accept(&m["params"]))
        {
            return Some(self.backlog.remove(i).unwrap()["params"].clone());
        }
        let deadline = Instant::now() + timeout;
        loop {
            let msg = self.next_message(deadline)?;
            if msg["method"] == method && accept(&msg["params"]) {
                return Some(msg["params"].clone());
            }
            self.backlog.push_back(msg);
        }
    }

    /// Forgets the notifications `method` received so far (to wait for the next one).
    pub fn forget(&mut self, method: &str) {
        while let Some(msg) = self.next_message(Instant::now() + Duration::from_millis(1)) {
            self.backlog.push_back(msg);
        }
        self.backlog.retain(|m| m["method"] != method);
    }

    /// Diagnostics published for `uri` at `version`.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let params = self.wait_for("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri && p["version"] == version
        });
        params["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    pub fn initialize(&mut self, root: &Path, capabilities: Value, options: Value) -> Value {
        let root_uri = file_uri(root);
        let result = self
            .request(
                "initialize",
                json!({
                    "processId": std::process::id(),
                    "rootUri": root_uri,
                    "workspaceFolders": [{"uri": root_uri, "name": "ws"}],
                    "capabilities": capabilities,
                    "initializationOptions": options,
                }),
            )
            .expect("initialize succeeds");
        self.notify("initialized", json!({}));
        result
    }

    pub fn open(&mut self, uri: &str, text: &str, version: i64) {
        let language = if uri.ends_with(".md") {
            "markdown"
        } else {
            "plaintext"
        };
        self.notify("textDocument/didOpen", json!({"textDocument": {"uri": uri, "languageId": language, "version": version, "text": text}}));
    }

    pub fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    /// Sends `shutdown` and `exit`; returns the exit code.
    pub fn shutdown(mut self) -> Option<i32> {
        let result = self.request("shutdown", Value::Null);
        assert_eq!(result, Ok(Value::Null));
        self.notify("exit", Value::Null);
        self.wait_exit()
    }

    /// Closes the server's input and waits for it to exit; returns the exit code.
    pub fn wait_exit(&mut self) -> Option<i32> {
        self.stdin.take();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("the server did not exit");
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_frames(stdout: impl Read, tx: mpsc::Sender<Incoming>) {
    let mut reader = BufReader::new(stdout);
    loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length:") {
                length = v.trim().parse::<usize>().ok();
            }
        }
        let Some(length) = length else { return };
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let incoming = match serde_json::from_slice(&body) {
            Ok(v) => Incoming::Message(v),
            Err(_) => Incoming::Garbage(String::from_utf8_lossy(&body).into_owned()),
        };
        if tx.send(incoming).is_err() {
            return;
        }
    }
}

pub fn file_uri(path: &Path) -> String {
    let mut s = String::from("file://");
    for b in path.to_string_lossy().as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                s.push(*b as char)
            }
            _ => s.push_str(&format!("%{b:02X}")),
        }
    }
    s
}

/// Capabilities of a modern client (VS Code-like): UTF-16, related information, versioned
/// edits, applyEdit, watched files.
pub fn full_capabilities() -> Value {
    json!({
        "general": {"positionEncodings": ["utf-16"]},
        "textDocument": {
            "publishDiagnostics": {"relatedInformation": true, "versionSupport": true, "codeDescriptionSupport": true},
            "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix", "source", "source.fixAll"]}}},
            "hover": {"contentFormat": ["markdown", "plaintext"]},
            "documentSymbol": {"hierarchicalDocumentSymbolSupport": true},
        },
        "workspace": {
            "applyEdit": true,
            "workspaceEdit": {"documentChanges": true},
            "didChangeWatchedFiles": {"dynamicRegistration": true},
            "configuration": true,
        }
    })
}

/// Position helpers on the client's copy of a document (UTF-16 or UTF-8 columns).
pub fn position(text: &str, offset: usize, utf8: bool) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let prefix = &text[line_start..offset];
    let character = if utf8 {
        prefix.len()
    } else {
        prefix.encode_utf16().count()
    };
    json!({"line": line, "character": character})
}

pub fn range(text: &str, start: usize, end: usize, utf8: bool) -> Value {
    json!({"start": position(text, start, utf8), "end": position(text, end, utf8)})
}

/// The byte offset of an LSP position in `text` (UTF-16 or UTF-8 columns).
pub fn offset(text: &str, pos: &Value, utf8: bool) -> usize {
    let line = pos["line"].as_u64().unwrap() as usize;
    let character = pos["character"].as_u64().unwrap() as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let line_text = text[start..].split('\n').next().unwrap_or("");
    if utf8 {
        return start + character.min(line_text.len());
    }
    let mut units = 0;
    for (i, c) in line_text.char_indices() {
        if units >= character {
            return start + i;
        }
        units += c.len_utf16();
    }
    start + line_text.len()
}

/// Applies LSP text edits (non-overlapping) to `text`.
pub fn apply_edits(text: &str, edits: &[Value], utf8: bool) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(text, &e["range"]["start"], utf8),
                offset(text, &e["range"]["end"], utf8),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (a, b, t) in spans {
        out.replace_range(a..b, &t);
    }
    out
}

/// The edits of a workspace edit for `uri` (from `documentChanges` or `changes`).
pub fn edits_for(edit: &Value, uri: &str) -> Vec<Value> {
    if let Some(changes) = edit["documentChanges"].as_array() {
        return changes
            .iter()
            .filter(|c| c["textDocument"]["uri"] == uri)
            .flat_map(|c| c["edits"].as_array().cloned().unwrap_or_default())
            .collect();
    }
    edit["changes"][uri].as_array().cloned().unwrap_or_default()
}

pub fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect()
}

/// A temporary workspace with a copy of a seed and a rules.toml.
pub struct Workspace {
    pub dir: tempfile::TempDir,
    pub doc: PathBuf,
    pub uri: String,
    pub text: String,
}

impl Workspace {
    pub fn with_seed(prefix: &str, rules: &str) -> Workspace {
        let (_, text) = seed(prefix);
        Workspace::with_text("report.txt", &text, rules)
    }

    pub fn with_text(name: &str, text: &str, rules: &str) -> Workspace {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::write(root.join("rules.toml"), rules).unwrap();
        let doc = root.join(name);
        std::fs::write(&doc, text).unwrap();
        let uri = file_uri(&doc);
        Workspace {
            dir,
            doc,
            uri,
            text: text.to_string(),
        }
    }

    pub fn root(&self) -> PathBuf {
        self.dir.path().canonicalize().unwrap()
    }
}
