//! A filter between stdin and tower-lsp that lets only well-formed JSON-RPC frames through.
//!
//! tower-lsp-server reads stdin through `tokio_util::codec::FramedRead`, which ends the stream
//! after the first decoding error: one frame that is not JSON, or JSON that is neither a
//! request nor a response, and the server stops reading and exits. An editor plugin with a
//! bug must not be able to kill the server that way, so every frame is checked here with the
//! very types tower-lsp decodes into. A bad frame is replaced by a message to one of our own
//! methods: a request with the same id (or id `null` when there is none to be had) that is
//! answered with the JSON-RPC error the client should have got (parse error, invalid
//! request), or a notification that is logged.

use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tower_lsp_server::jsonrpc::{Request, Response};

/// The method a bad frame that expects an answer is turned into.
pub const INVALID_REQUEST: &str = "budgetlint/invalidRequest";
/// The method a bad notification is turned into.
pub const INVALID_NOTIFICATION: &str = "budgetlint/invalidNotification";

/// Longest header line accepted (anything longer is garbage).
const MAX_HEADER_LINE: u64 = 4096;
/// Largest body accepted; a 61 KB report is ~150 KB of JSON, so this leaves ample room.
const MAX_BODY: usize = 256 << 20;

/// Reads frames from `input` and returns a reader of the checked stream.
pub fn filter<R: AsyncRead + Unpin + Send + 'static>(input: R) -> tokio::io::DuplexStream {
    let (reader, writer) = tokio::io::duplex(1 << 16);
    tokio::spawn(pump(BufReader::new(input), writer));
    reader
}

async fn pump<R: AsyncRead + Unpin, W: AsyncWrite + Unpin>(mut input: BufReader<R>, mut output: W) {
    loop {
        let frame = match read_frame(&mut input).await {
            Ok(Some(frame)) => frame,
            Ok(None) | Err(_) => return,
        };
        let body = match frame {
            Ok(body) => checked(body),
            Err(reason) => replacement(&Value::Null, &reason),
        };
        let header = format!("Content-Length: {}\r\n\r\n", body.len());
        if output.write_all(header.as_bytes()).await.is_err()
            || output.write_all(&body).await.is_err()
        {
            return;
        }
        if output.flush().await.is_err() {
            return;
        }
    }
}

/// The next frame: `Ok(Some(Ok(body)))`, `Ok(Some(Err(reason)))` for a frame whose headers are
/// unusable (it was skipped), `Ok(None)` at the end of the input.
async fn read_frame<R: AsyncRead + Unpin>(
    input: &mut BufReader<R>,
) -> std::io::Result<Option<Result<Vec<u8>, String>>> {
    let mut length: Option<Result<usize, String>> = None;
    let mut seen_header = false;
    loop {
        let mut line = Vec::new();
        let n = (&mut *input)
            .take(MAX_HEADER_LINE)
            .read_until(b'\n', &mut line)
            .await?;
        if n == 0 {
            return Ok(None);
        }
        if !line.ends_with(b"\n") && n as u64 == MAX_HEADER_LINE {
            return Ok(Some(Err("header line too long".into())));
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if seen_header {
                break;
            }
            continue;
        }
        seen_header = true;
        if let Some((name, value)) = line.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = Some(
                    value
                        .trim()
                        .parse::<usize>()
                        .map_err(|_| format!("bad Content-Length {:?}", value.trim())),
                );
            }
        }
    }
    let length = match length {
        None => return Ok(Some(Err("no Content-Length header".into()))),
        Some(Err(reason)) => return Ok(Some(Err(reason))),
        Some(Ok(n)) => n,
    };
    if length > MAX_BODY {
        tokio::io::copy(
            &mut (&mut *input).take(length as u64),
            &mut tokio::io::sink(),
        )
        .await?;
        return Ok(Some(Err(format!("message of {length} bytes is too large"))));
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body).await?;
    Ok(Some(Ok(body)))
}

/// `body` when tower-lsp can decode it, else its replacement.
fn checked(body: Vec<u8>) -> Vec<u8> {
    if serde_json::from_slice::<Response>(&body).is_ok()
        || serde_json::from_slice::<Request>(&body).is_ok()
    {
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
        assert_eq!(out[7]["method"], "exit");
        assert_eq!(out.len(), 8);
    }
}
