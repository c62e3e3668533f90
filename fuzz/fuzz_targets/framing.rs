//! Any bytes, cut into reads of any sizes, through the LSP frame parser: must never panic, every
//! frame it lets through must be one JSON value within the size limit, and two valid frames
//! sent after the bytes must come out, in order, as the last frames.
#![no_main]

use budgetlint_lsp::framing::{Deframer, Frame, MAX_BODY};
use libfuzzer_sys::fuzz_target;

const INIT: &[u8] = br#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#;
const SHUTDOWN: &[u8] = br#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#;

fn frame(body: &[u8]) -> Vec<u8> {
    let mut bytes = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

fuzz_target!(|data: &[u8]| {
    // The first byte sets the size of the reads, so that every split gets tried.
    let Some((&step, garbage)) = data.split_first() else { return };
    let mut input = garbage.to_vec();
    input.extend(frame(INIT));
    input.extend(frame(SHUTDOWN));
    let mut deframer = Deframer::new();
    let mut bodies = Vec::new();
    for chunk in input.chunks(usize::from(step).max(1)) {
        deframer.push(chunk);
        while let Some(frame) = deframer.next_frame() {
            if let Frame::Body(body) = frame {
                assert!(body.len() <= MAX_BODY);
                assert!(serde_json::from_slice::<serde_json::Value>(&body).is_ok());
                bodies.push(body);
            }
        }
    }
    assert!(deframer.finish().is_none(), "input ended on a complete frame");
    assert!(bodies.ends_with(&[INIT.to_vec(), SHUTDOWN.to_vec()]), "valid frames after the garbage are recovered");
});
