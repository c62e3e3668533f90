//! A filter between stdin and tower-lsp that lets only well-formed JSON-RPC frames through.
//!
//! tower-lsp-server reads stdin through `tokio_util::codec::FramedRead`, which ends the stream
//! after the first decoding error (one frame that is not JSON, or JSON that is neither a
//! request nor a response) and trusts every `Content-Length` (one wrong length and it never
//! finds the next frame). An editor plugin with a bug must not be able to deafen the server
//! that way, so the frames are cut here by [`crate::framing`], which skips bad ones and finds
//! the next, and every body is checked with the very types tower-lsp decodes into. A bad frame
//! is replaced by a message to one of our own methods: a request with the same id (or id
//! `null` when there is none to be had) that is answered with the JSON-RPC error the client
//! should have got (parse error, invalid request), or a notification that is logged. Only
//! tower-lsp writes to stdout, so answers are never interleaved with its frames.

use crate::framing::{Deframer, Frame};
use serde_json::{json, Value};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tower_lsp_server::jsonrpc::{Request, Response};

/// The method a bad frame that expects an answer is turned into.
pub const INVALID_REQUEST: &str = "budgetlint/invalidRequest";
/// The method a bad notification is turned into.
pub const INVALID_NOTIFICATION: &str = "budgetlint/invalidNotification";
/// The method an unknown `$/…` request is turned into. tower-lsp-server drops its own
/// MethodNotFound answer to any `$/` method, requests included, and LSP wants requests answered.
pub const UNKNOWN_REQUEST: &str = "budgetlint/unknownDollarRequest";

/// Reads frames from `input` and returns a reader of the checked stream.
pub fn filter<R: AsyncRead + Unpin + Send + 'static>(input: R) -> tokio::io::DuplexStream {
    let (reader, writer) = tokio::io::duplex(1 << 16);
    tokio::spawn(pump(input, writer));
    reader
}

/// Moves checked frames from `input` to `output` until either end closes.
async fn pump<R: AsyncRead + Unpin, W: AsyncWrite + Unpin>(mut input: R, mut output: W) {
    let mut deframer = Deframer::new();
    let mut chunk = vec![0; 1 << 16];
    loop {
        // A read error ends the input as its end does: there is nothing to resynchronise on.
        let n = input.read(&mut chunk).await.unwrap_or(0);
        if n == 0 {
            if let Some(Frame::Skipped { reason, .. }) = deframer.finish() {
                eprintln!("budgetlint lsp: {reason}");
            }
            return;
        }
        deframer.push(&chunk[..n]);
        while let Some(frame) = deframer.next_frame() {
            if forward(&mut output, frame).await.is_err() {
                return;
            }
        }
    }
}

/// Writes one frame for tower-lsp: a good body as it is (or rewritten by [`checked`]), a
/// skipped stretch as a request that is answered with the error and logged to the client.
async fn forward<W: AsyncWrite + Unpin>(output: &mut W, frame: Frame) -> std::io::Result<()> {
    let body = match frame {
        Frame::Body(body) => checked(body),
        Frame::Skipped { reason, id } => {
            // On stderr too: before `initialize` the replacement is refused unlogged.
            eprintln!("budgetlint lsp: skipped a malformed message: {reason}");
            replacement(&id.unwrap_or(Value::Null), &reason)
        }
    };
    let header = format!("Content-Length: {}\r\n\r\n", body.len());
    output.write_all(header.as_bytes()).await?;
    output.write_all(&body).await?;
    output.flush().await
}

/// `body` when tower-lsp can decode it, else its replacement.
fn checked(body: Vec<u8>) -> Vec<u8> {
    if let Ok(request) = serde_json::from_slice::<Request>(&body) {
        return match request.id() {
            Some(id) if request.method().starts_with("$/") => {
                let unknown = json!({"jsonrpc": "2.0", "id": id, "method": UNKNOWN_REQUEST, "params": {"method": request.method()}});
                serde_json::to_vec(&unknown).unwrap_or_default()
            }
            _ => body,
        };
    }
    if serde_json::from_slice::<Response>(&body).is_ok() {
        return body;
    }
    match serde_json::from_slice::<Value>(&body) {
        Err(e) => replacement(&Value::Null, &format!("not JSON: {e}")),
        Ok(value) => {
            let id = value
                .get("id")
                .filter(|id| id.is_string() || id.is_u64() || id.is_i64())
                .cloned();
            match id {
                Some(id) => replacement(&id, "not a valid JSON-RPC 2.0 message"),
                None if value.get("method").is_some() => {
                    let notification = json!({"jsonrpc": "2.0", "method": INVALID_NOTIFICATION, "params": {"reason": "invalid notification", "method": value["method"]}});
                    serde_json::to_vec(&notification).unwrap_or_default()
                }
                None => replacement(&Value::Null, "not a valid JSON-RPC 2.0 message"),
            }
        }
    }
}

/// A request to [`INVALID_REQUEST`] with `id`, answered with an error carrying `reason`.
fn replacement(id: &Value, reason: &str) -> Vec<u8> {
    let kind = if reason.starts_with("not JSON") {
        "parse"
    } else {
        "invalid"
    };
    let request = json!({"jsonrpc": "2.0", "id": id, "method": INVALID_REQUEST, "params": {"reason": reason, "kind": kind}});
    serde_json::to_vec(&request).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn run(input: &[u8]) -> Vec<Value> {
        let mut out = filter(std::io::Cursor::new(input.to_vec()));
        let mut bytes = Vec::new();
        out.read_to_end(&mut bytes).await.unwrap();
        let text = String::from_utf8(bytes).unwrap();
        text.split("Content-Length: ")
            .filter(|s| !s.is_empty())
            .map(|s| serde_json::from_str(s.split_once("\r\n\r\n").unwrap().1).unwrap())
            .collect()
    }

    fn frame(body: &str) -> Vec<u8> {
        format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    }

    #[tokio::test]
    async fn good_frames_pass_and_bad_ones_become_our_methods() {
        let mut input = frame(r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#);
        input.extend(frame("{not json}"));
        input.extend(frame(r#"[1,2]"#));
        input.extend(frame(r#"{"jsonrpc":"2.0","id":7,"method":5}"#));
        input.extend(frame(r#"{"jsonrpc":"1.0","method":"x"}"#));
        input.extend(b"Content-Type: text/plain\r\n\r\n");
        input.extend(b"Content-Length: 99999999999999999999\r\n\r\n");
        input.extend(
            b"Content-Length: 30\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"shutdown\"}",
        );
        input.extend(frame(r#"{"jsonrpc":"2.0","id":9,"method":"$/foo"}"#));
        input.extend(frame(r#"{"jsonrpc":"2.0","method":"$/bar"}"#));
        input.extend(frame(r#"{"jsonrpc":"2.0","method":"exit"}"#));
        let out = run(&input).await;
        assert_eq!(out[0]["method"], "shutdown");
        assert_eq!(
            (
                out[1]["method"].clone(),
                out[1]["id"].clone(),
                out[1]["params"]["kind"].clone()
            ),
            (json!(INVALID_REQUEST), Value::Null, json!("parse"))
        );
        assert_eq!(out[2]["id"], Value::Null);
        assert_eq!(
            (out[3]["method"].clone(), out[3]["id"].clone()),
            (json!(INVALID_REQUEST), json!(7))
        );
        assert_eq!(out[4]["method"], INVALID_NOTIFICATION);
        assert_eq!(out[5]["params"]["reason"], "no Content-Length header");
        assert!(out[6]["params"]["reason"]
            .as_str()
            .unwrap()
            .contains("Content-Length"));
        assert_eq!(
            (out[7]["params"]["kind"].clone(), out[7]["id"].clone()),
            (json!("parse"), Value::Null),
            "a Content-Length too short"
        );
        assert_eq!(
            (
                out[8]["method"].clone(),
                out[8]["id"].clone(),
                out[8]["params"]["method"].clone()
            ),
            (json!(UNKNOWN_REQUEST), json!(9), json!("$/foo"))
        );
        assert_eq!(
            out[9]["method"], "$/bar",
            "`$/` notifications pass: tower-lsp ignores them"
        );
        assert_eq!(out[10]["method"], "exit");
        assert_eq!(out.len(), 11);
    }
}
