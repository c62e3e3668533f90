//! The LSP base protocol's framing (`Content-Length: N\r\n…\r\n\r\n` + N bytes), parsed so
//! that one bad frame costs that frame only.
//!
//! tower-lsp-server trusts the `Content-Length` it reads: after a wrong one it is out of step
//! with the stream for good and never answers again. [`Deframer`] is a parser without I/O
//! (bytes in, frames out, so that it can be tested and fuzzed over any split of the input) that
//! checks every frame and, after a bad one, scans forward to the next `Content-Length:` header
//! and goes on from there:
//!
//! - a header block without `Content-Length`, with a value that is not a decimal number, with
//!   two of them, with a line that is not `Name: value`, longer than [`MAX_HEADER`] bytes, or a
//!   line longer than [`MAX_HEADER_LINE`];
//! - a body that is not one complete JSON value (a `Content-Length` too short cuts it; one too
//!   long takes in the start of the next frame);
//! - a body that runs into the next frame's `Content-Length: N` line. No valid JSON text can
//!   hold that line (a raw line break is not allowed inside a JSON string, and the name is not
//!   allowed outside one), so it is a sure sign of a `Content-Length` that is too long, and it
//!   is found as soon as the next header arrives, without waiting for the rest of the bytes
//!   that the wrong length promised;
//! - a body over [`MAX_BODY`] bytes: skipped as it arrives, never held in memory.
//!
//! Every byte is looked at a bounded number of times, so the work is linear in the input.

use std::ops::Range;

/// Largest body accepted. A 61 KB report is ~150 KB of JSON in `didOpen`; 64 MiB leaves ample
/// room and bounds the memory one message can take.
pub const MAX_BODY: usize = 64 << 20;
/// Largest header block (all header lines together). Real ones are under 100 bytes.
pub const MAX_HEADER: usize = 8 << 10;
/// Longest header line.
pub const MAX_HEADER_LINE: usize = 1 << 10;

/// The header name resynchronisation looks for, lower case (header names are case-insensitive).
const NAME: &[u8] = b"content-length:";
/// How far past the name a real `Content-Length` line must end (spaces, ≤ 20 digits, CR LF).
const VALUE_WINDOW: usize = 48;

/// What the deframer found next.
#[derive(Debug, Clone, PartialEq)]
pub enum Frame {
    /// The body of a well-formed frame: exactly one JSON value.
    Body(Vec<u8>),
    /// Bytes that were dropped, and why. `id` is the request id of a dropped body that was
    /// itself complete JSON (a `Content-Length` too long), so that its sender can be answered.
    Skipped {
        reason: String,
        id: Option<serde_json::Value>,
    },
}

/// Where the parser is in the stream. Offsets are relative to [`Deframer::start`].
#[derive(Debug, Clone, PartialEq)]
enum State {
    /// Reading the header block that begins at `start`: the current line begins at `line`,
    /// and `length` is the `Content-Length` seen so far.
    Header { line: usize, length: Option<usize> },
    /// Looking for the next `Content-Length:` from `from` on.
    Resync { from: usize },
    /// A body of `length` bytes from `start`, searched for a next header up to `scanned`.
    Body { length: usize, scanned: usize },
    /// A body too large to keep: `left` bytes still to drop, searched up to `scanned`.
    Discard { left: usize, scanned: usize },
}

/// At the start of a header block.
const NEW_HEADER: State = State::Header {
    line: 0,
    length: None,
};

/// The buffer kept between messages: enough for the usual edit, completion or hover.
const KEPT_CAPACITY: usize = 64 * 1024;

/// The base-protocol parser: [`push`](Deframer::push) bytes as they arrive, then take frames
/// with [`next_frame`](Deframer::next_frame) until it returns `None`.
#[derive(Debug)]
pub struct Deframer {
    buf: Vec<u8>,
    /// The first byte of `buf` not consumed yet.
    start: usize,
    state: State,
}

impl Default for Deframer {
    fn default() -> Self {
        Deframer {
            buf: Vec::new(),
            start: 0,
            state: NEW_HEADER,
        }
    }
}

/// One step of the parser: a frame, more input needed, or go on in another state.
enum Step {
    Out(Frame),
    NeedMore,
    Continue,
}

impl Deframer {
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends input. Consumed bytes are dropped first, when they are at least half of the
    /// buffer, so that the copying stays linear in the input; and a buffer that a large
    /// message grew is given back once the message is consumed (issue 17, item 5: an 8 MB
    /// `didOpen` left 16 MB here for the rest of the session, a 64 MB one up to 128 MB).
    pub fn push(&mut self, bytes: &[u8]) {
        if self.start > 0 && self.start * 2 >= self.buf.len() {
            self.buf.drain(..self.start);
            self.start = 0;
            if self.buf.capacity() > KEPT_CAPACITY && self.buf.len() < self.buf.capacity() / 4 {
                // Shrinking copies at most a quarter of what growing to this size did.
                self.buf.shrink_to(KEPT_CAPACITY.max(self.buf.len()));
            }
        }
        self.buf.extend_from_slice(bytes);
    }

    /// The next frame or skipped stretch, or `None` when more input is needed.
    pub fn next_frame(&mut self) -> Option<Frame> {
        loop {
            let step = match self.state {
                State::Header { line, length } => self.header(line, length),
                State::Resync { from } => self.resync(from),
                State::Body { length, scanned } => self.body(length, scanned),
                State::Discard { left, scanned } => self.discard(left, scanned),
            };
            match step {
                Step::Out(frame) => return Some(frame),
                Step::NeedMore => return None,
                Step::Continue => {}
            }
        }
    }

    /// At the end of the input: what was left half-read, if anything (to be reported).
    pub fn finish(&mut self) -> Option<Frame> {
        let pending =
            self.buf.len() > self.start && !self.pending().iter().all(u8::is_ascii_whitespace);
        let inside = matches!(self.state, State::Body { .. } | State::Discard { .. });
        self.start = self.buf.len();
        self.state = State::Resync { from: 0 };
        (pending || inside).then(|| skipped("the input ended inside a message"))
    }

    fn pending(&self) -> &[u8] {
        &self.buf[self.start..]
    }

    /// Header lines, one at a time as each one is complete.
    fn header(&mut self, line: usize, length: Option<usize>) -> Step {
        let pending = self.pending();
        // The line must end before both limits; the search stops there, so that a long line
        // costs its limit, not its length. Over a limit, the look for a header starts again at
        // this line: it may be a real one after garbage that looked like headers.
        let end = (line + MAX_HEADER_LINE).min(MAX_HEADER);
        let searched = &pending[line.min(end)..pending.len().min(end)];
        let Some(newline) = memchr::memchr(b'\n', searched).map(|i| line + i) else {
            if pending.len() >= end {
                return self.bad_header("the header is too long", line.max(1));
            }
            return Step::NeedMore;
        };
        let text = strip_cr(&pending[line..newline]).to_vec();
        match (text.is_empty(), length) {
            // Blank lines between messages are tolerated, as before the first header.
            (true, _) if line == 0 => self.consume(newline + 1, NEW_HEADER),
            (true, None) => self.bad_header("no Content-Length header", 1),
            (true, Some(length)) => self.header_end(newline + 1, length),
            (false, _) => self.header_line(&text, line, newline + 1, length),
        }
    }

    /// One non-blank header line at `line`; the next begins at `next`.
    fn header_line(
        &mut self,
        text: &[u8],
        line: usize,
        next: usize,
        length: Option<usize>,
    ) -> Step {
        let Some(colon) = text
            .iter()
            .position(|&b| b == b':')
            .filter(|&c| c > 0 && text[..c].iter().all(|&b| is_token(b)))
        else {
            return self.bad_header("a header line is not `Name: value`", line + 1);
        };
        if !text[..=colon].eq_ignore_ascii_case(NAME) {
            if find_name(text).is_some() {
                // Garbage ran into a real header: that one is found by looking again.
                return self.bad_header("a header line holds another Content-Length", line + 1);
            }
            self.state = State::Header { line: next, length };
            return Step::Continue;
        }
        if length.is_some() {
            // The earlier header never got its body: start over at this one.
            return self.bad_header("two Content-Length headers", line);
        }
        match parse_length(&text[colon + 1..]) {
            Some(n) => {
                self.state = State::Header {
                    line: next,
                    length: Some(n),
                }
            }
            None => {
                return self.bad_header(
                    &format!(
                        "Content-Length {:?} is not a number",
                        String::from_utf8_lossy(&text[colon + 1..]).trim()
                    ),
                    line + 1,
                )
            }
        }
        Step::Continue
    }

    /// The blank line after the headers ends at `body`: the body (or its skipping) begins.
    fn header_end(&mut self, body: usize, length: usize) -> Step {
        if length > MAX_BODY {
            self.consume(
                body,
                State::Discard {
                    left: length,
                    scanned: 0,
                },
            );
            return Step::Out(skipped(&format!(
                "a message of {length} bytes is over the limit of {MAX_BODY}"
            )));
        }
        self.consume(body, State::Body { length, scanned: 0 })
    }

    /// A bad header block: reported, then the next `Content-Length:` is looked for from `from`.
    fn bad_header(&mut self, reason: &str, from: usize) -> Step {
        self.state = State::Resync { from };
        Step::Out(skipped(reason))
    }

    fn resync(&mut self, from: usize) -> Step {
        let pending = self.pending();
        match find_name(&pending[from.min(pending.len())..]) {
            Some(at) => self.consume(from + at, NEW_HEADER),
            None => {
                // Nothing before the last few bytes can start the name: drop it.
                let keep = pending.len().saturating_sub(from).min(NAME.len() - 1);
                self.consume(pending.len() - keep, State::Resync { from: 0 });
                Step::NeedMore
            }
        }
    }

    fn body(&mut self, length: usize, scanned: usize) -> Step {
        let pending = self.pending();
        if pending.len() >= length {
            return self.complete_body(length);
        }
        match next_header(pending, scanned..pending.len()) {
            Search::Found(at) => {
                let id = request_id(&pending[..at]);
                self.consume(at, NEW_HEADER);
                Step::Out(Frame::Skipped {
                    reason: "the Content-Length runs into the next message".into(),
                    id,
                })
            }
            Search::Upto(scanned) => {
                self.state = State::Body { length, scanned };
                Step::NeedMore
            }
        }
    }

    /// All `length` bytes are here: a frame when they are one JSON value, else skipped.
    fn complete_body(&mut self, length: usize) -> Step {
        let body = &self.pending()[..length];
        if let Err(e) = serde_json::from_slice::<serde::de::IgnoredAny>(body) {
            // A wrong length may have taken in the start of the next frame: look from the body's
            // first byte (a name there is parsed as a header, which consumes or moves past it).
            self.state = State::Resync { from: 0 };
            return Step::Out(skipped(&format!("not JSON: {e}")));
        }
        let body = body.to_vec();
        self.consume(length, NEW_HEADER);
        Step::Out(Frame::Body(body))
    }

    /// Drops an oversized body as it arrives, unless the next frame turns up inside it.
    fn discard(&mut self, left: usize, scanned: usize) -> Step {
        let pending = self.pending();
        let window = pending.len().min(left);
        match next_header(pending, scanned..window) {
            Search::Found(at) => self.consume(at, NEW_HEADER),
            // All of it is here: what follows, and a header cut off at its end, are looked for.
            Search::Upto(scanned) if window == left => {
                self.consume(scanned, State::Resync { from: 0 })
            }
            Search::Upto(scanned) => {
                // Nothing before `scanned` can start the next header: drop it.
                self.consume(
                    scanned,
                    State::Discard {
                        left: left - scanned,
                        scanned: 0,
                    },
                );
                Step::NeedMore
            }
        }
    }

    fn consume(&mut self, n: usize, state: State) -> Step {
        self.start += n;
        self.state = state;
        Step::Continue
    }
}

/// A skipped stretch with no id to answer.
fn skipped(reason: &str) -> Frame {
    Frame::Skipped {
        reason: reason.to_string(),
        id: None,
    }
}

fn strip_cr(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// A character allowed in a header name (RFC 9110 `token`).
fn is_token(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// A `Content-Length` value: a decimal number, spaces around it allowed.
fn parse_length(value: &[u8]) -> Option<usize> {
    let digits = value.trim_ascii();
    if digits.is_empty() || digits.len() > 20 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(digits).ok()?.parse().ok()
}

/// Where `content-length:` (any case) first occurs in `hay`.
fn find_name(hay: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = memchr::memchr2(b'c', b'C', &hay[from..]).map(|i| from + i) {
        if hay.len() - i >= NAME.len() && hay[i..i + NAME.len()].eq_ignore_ascii_case(NAME) {
            return Some(i);
        }
        from = i + 1;
    }
    None
}

/// The result of searching a body for the next frame's header.
enum Search {
    /// A `Content-Length: N` line begins here.
    Found(usize),
    /// None begins before this offset; search again from it when more bytes are in.
    Upto(usize),
}

/// Looks for a whole `Content-Length: N` line that begins in `range` of `bytes` (it may end
/// after the range). A candidate whose line is not complete yet stops the search there.
fn next_header(bytes: &[u8], range: Range<usize>) -> Search {
    let mut from = range.start;
    while from < range.end {
        let Some(at) = find_name(&bytes[from..])
            .map(|i| from + i)
            .filter(|&at| at < range.end)
        else {
            // A name cut off at the end of the bytes may still be completed.
            return Search::Upto(range.end.saturating_sub(NAME.len() - 1).max(from));
        };
        match length_line(&bytes[at + NAME.len()..]) {
            Some(true) => return Search::Found(at),
            Some(false) => from = at + 1,
            None => return Search::Upto(at),
        }
    }
    Search::Upto(from)
}

/// After a `Content-Length:` name: whether a header value and line end follow (`None`: cannot
/// tell yet). Only spaces, ≤ 20 digits and CR LF (or LF) qualify.
fn length_line(rest: &[u8]) -> Option<bool> {
    let value_end = rest.iter().take(VALUE_WINDOW).position(|&b| b == b'\n');
    let Some(end) = value_end else {
        return if rest.len() >= VALUE_WINDOW {
            Some(false)
        } else {
            None
        };
    };
    Some(parse_length(strip_cr(&rest[..end])).is_some())
}

/// The `id` of a body cut off before the next header, when what came before it is a complete
/// JSON request (the frame's only fault was its `Content-Length`).
fn request_id(body: &[u8]) -> Option<serde_json::Value> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    let id = value.get("id")?;
    (id.is_string() || id.is_i64() || id.is_u64()).then(|| id.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn frame(body: &str) -> Vec<u8> {
        format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    }

    fn body(text: &str) -> Frame {
        Frame::Body(text.as_bytes().to_vec())
    }

    /// Everything the deframer makes of `chunks` fed one after the other, then the end.
    fn run(chunks: &[&[u8]]) -> Vec<Frame> {
        let mut deframer = Deframer::new();
        let mut out = Vec::new();
        for chunk in chunks {
            deframer.push(chunk);
            out.extend(std::iter::from_fn(|| deframer.next_frame()));
        }
        out.extend(deframer.finish());
        out
    }

    /// A large message's buffer is given back once the message is consumed, not kept for the
    /// rest of the session.
    #[test]
    fn a_large_message_does_not_keep_its_buffer() {
        let large = format!("\"{}\"", "x".repeat(4 << 20));
        let mut deframer = Deframer::new();
        deframer.push(&frame(&large));
        assert!(matches!(deframer.next_frame(), Some(Frame::Body(b)) if b.len() == large.len()));
        assert!(deframer.buf.capacity() >= 4 << 20);
        deframer.push(&frame("{}"));
        assert_eq!(deframer.next_frame(), Some(body("{}")));
        assert!(
            deframer.buf.capacity() <= 2 * KEPT_CAPACITY,
            "kept {} bytes",
            deframer.buf.capacity()
        );
    }

    /// The bodies only, and how many stretches were skipped.
    fn bodies(frames: &[Frame]) -> (Vec<String>, usize) {
        let texts = frames
            .iter()
            .filter_map(|f| {
                if let Frame::Body(b) = f {
                    Some(String::from_utf8_lossy(b).into_owned())
                } else {
                    None
                }
            })
            .collect();
        (
            texts,
            frames
                .iter()
                .filter(|f| matches!(f, Frame::Skipped { .. }))
                .count(),
        )
    }

    /// `input` in one piece, split in two at every position, and byte by byte all give
    /// `expected`; returns the frames.
    fn same_at_every_split(input: &[u8], expected: &[&str]) -> Vec<Frame> {
        let whole = run(&[input]);
        assert_eq!(
            bodies(&whole).0,
            expected,
            "{:?}",
            String::from_utf8_lossy(input)
        );
        for at in 0..=input.len() {
            assert_eq!(run(&[&input[..at], &input[at..]]), whole, "split at {at}");
        }
        let bytes: Vec<&[u8]> = input.chunks(1).collect();
        assert_eq!(run(&bytes), whole, "byte by byte");
        whole
    }

    const SHUTDOWN: &str = r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#;
    const INIT: &str =
        r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#;

    #[test]
    fn well_formed_frames_pass_whole_with_any_headers_and_blank_lines_between() {
        let mut input = frame(INIT);
        input.extend(format!("content-length:{}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{SHUTDOWN}", SHUTDOWN.len()).bytes());
        input.extend(b"\r\n");
        input.extend(format!("Content-Length: {}\n\n{}", 2, "{}").bytes());
        let out = same_at_every_split(&input, &[INIT, SHUTDOWN, "{}"]);
        assert_eq!(bodies(&out).1, 0);
    }

    #[test]
    fn a_content_length_too_short_skips_that_frame_only() {
        let mut input = format!("Content-Length: {}\r\n\r\n{INIT}", INIT.len() - 7).into_bytes();
        input.extend(frame(SHUTDOWN));
        let out = same_at_every_split(&input, &[SHUTDOWN]);
        assert_eq!(bodies(&out).1, 1);
    }

    #[test]
    fn a_content_length_too_long_is_noticed_at_the_next_header_and_its_id_kept() {
        let mut input = format!("Content-Length: {}\r\n\r\n{INIT}", INIT.len() + 500).into_bytes();
        input.extend(frame(SHUTDOWN));
        let out = same_at_every_split(&input, &[SHUTDOWN]);
        assert_eq!(
            out[0],
            Frame::Skipped {
                reason: "the Content-Length runs into the next message".into(),
                id: Some(json!(1))
            }
        );
    }

    #[test]
    fn a_content_length_ending_inside_the_next_header_skips_that_frame_only() {
        for extra in 1..24 {
            let mut input =
                format!("Content-Length: {}\r\n\r\n{INIT}", INIT.len() + extra).into_bytes();
            input.extend(frame(SHUTDOWN));
            assert_eq!(
                bodies(&run(&[&input])).0,
                [SHUTDOWN],
                "{extra} bytes too long"
            );
            let bytes: Vec<&[u8]> = input.chunks(1).collect();
            assert_eq!(
                bodies(&run(&bytes)).0,
                [SHUTDOWN],
                "{extra} bytes too long, byte by byte"
            );
        }
    }

    #[test]
    fn missing_non_numeric_and_doubled_content_lengths_are_skipped() {
        let mut input = format!("Content-Type: text/plain\r\n\r\n{INIT}").into_bytes();
        input.extend(frame(SHUTDOWN));
        input.extend(format!("Content-Length: abc\r\n\r\n{INIT}").bytes());
        input.extend(frame("[1]"));
        input.extend(format!("Content-Length: -5\r\n\r\n{INIT}").bytes());
        input.extend(b"Content-Length: 99999999999999999999999\r\n\r\n");
        input.extend(b"Content-Length: 3\r\nContent-Length: 2\r\n\r\n{}");
        input.extend(frame("{}"));
        let out = same_at_every_split(&input, &[SHUTDOWN, "[1]", "{}", "{}"]);
        assert_eq!(bodies(&out).1, 5, "{out:?}");
    }

    #[test]
    fn garbage_between_frames_is_skipped_up_to_the_next_header() {
        let mut input = b"hello\r\n\r\n\"shutdown\"}".to_vec();
        input.extend(frame(INIT));
        input.extend(b"}}}} garbage Content-Leng");
        input.extend(frame(SHUTDOWN));
        input.extend(b"X: y\r\nZ: Content-Length: 3");
        input.extend(frame("{}"));
        same_at_every_split(&input, &[INIT, SHUTDOWN, "{}"]);
    }

    #[test]
    fn a_body_that_is_not_one_json_value_is_skipped() {
        let mut input = frame("{not json}");
        input.extend(frame("{} {}"));
        input.extend(frame(""));
        input.extend(frame(" [1, 2] \r\n"));
        let out = same_at_every_split(&input, &[" [1, 2] \r\n"]);
        assert!(
            matches!(&out[0], Frame::Skipped { reason, id: None } if reason.starts_with("not JSON")),
            "{out:?}"
        );
    }

    #[test]
    fn a_json_string_that_mentions_a_content_length_is_not_a_header() {
        let text = r#"{"jsonrpc":"2.0","method":"x","params":{"text":"Content-Length: 12\r\n\r\n","b":"content-length:"}}"#;
        let mut input = frame(text);
        input.extend(frame(SHUTDOWN));
        same_at_every_split(&input, &[text, SHUTDOWN]);
    }

    #[test]
    fn an_oversized_body_is_dropped_unbuffered_and_the_next_frame_found() {
        let mut deframer = Deframer::new();
        deframer.push(format!("Content-Length: {}\r\n\r\n", MAX_BODY + (2 << 20)).as_bytes());
        assert!(matches!(deframer.next_frame(), Some(Frame::Skipped { .. })));
        let chunk = vec![b'a'; 1 << 20];
        for _ in 0..(MAX_BODY >> 20) {
            deframer.push(&chunk);
            assert_eq!(deframer.next_frame(), None);
            assert!(
                deframer.pending().len() <= NAME.len(),
                "kept {} bytes",
                deframer.pending().len()
            );
        }
        deframer.push(&frame(SHUTDOWN));
        assert_eq!(deframer.next_frame(), Some(body(SHUTDOWN)));
    }

    #[test]
    fn an_oversized_length_in_front_of_small_frames_loses_only_itself() {
        let mut input = format!("Content-Length: {}\r\n\r\n", MAX_BODY * 2).into_bytes();
        input.extend(frame(INIT));
        input.extend(frame(SHUTDOWN));
        same_at_every_split(&input, &[INIT, SHUTDOWN]);
    }

    #[test]
    fn long_headers_are_cut_off_and_held_bytes_stay_bounded() {
        let mut deframer = Deframer::new();
        let mut out = Vec::new();
        let mut feed = |deframer: &mut Deframer, bytes: &[u8], limit: usize| {
            deframer.push(bytes);
            out.extend(std::iter::from_fn(|| deframer.next_frame()));
            assert!(
                deframer.pending().len() <= limit,
                "{} bytes held",
                deframer.pending().len()
            );
        };
        for _ in 0..2 * MAX_HEADER / 6 {
            feed(&mut deframer, b"X: y\r\n", MAX_HEADER + 8);
        }
        feed(&mut deframer, &frame("{}"), MAX_HEADER + 8);
        for _ in 0..1000 {
            feed(
                &mut deframer,
                b"X-Long: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                MAX_HEADER_LINE + 64,
            );
        }
        feed(&mut deframer, &frame(SHUTDOWN), 0);
        // One skip for the header block that grew too long, one for the line.
        assert_eq!(
            bodies(&out),
            (vec!["{}".to_string(), SHUTDOWN.to_string()], 2)
        );
    }

    #[test]
    fn names_without_line_ends_take_linear_time() {
        let garbage = b"x: content-length:".repeat(1 << 16);
        let started = std::time::Instant::now();
        let mut input = garbage.clone();
        input.extend(frame(SHUTDOWN));
        assert_eq!(bodies(&run(&[&input])).0, [SHUTDOWN]);
        let chunks: Vec<&[u8]> = input.chunks(4096).collect();
        assert_eq!(bodies(&run(&chunks)).0, [SHUTDOWN]);
        // Quadratic work would take hours here; linear work takes well under a second.
        let elapsed = started.elapsed();
        assert!(elapsed < std::time::Duration::from_secs(20), "{elapsed:?}");
    }

    #[test]
    fn the_end_of_the_input_inside_a_message_is_reported() {
        assert_eq!(bodies(&run(&[b"Content-Length: 10\r\n\r\n{"])).1, 1);
        assert_eq!(bodies(&run(&[b"Content-Len"])).1, 1);
        assert_eq!(run(&[b"\r\n"]), Vec::<Frame>::new());
    }

    /// Pieces that random garbage is made of: random bytes and the bits of real frames that
    /// send the parser down each of its paths.
    fn piece() -> impl proptest::strategy::Strategy<Value = Vec<u8>> {
        use proptest::prelude::*;
        prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..12),
            Just(b"Content-Length: ".to_vec()),
            Just(b"content-length:".to_vec()),
            Just(b"Content-Type: x".to_vec()),
            (0u32..300).prop_map(|n| n.to_string().into_bytes()),
            Just(b"99999999999".to_vec()),
            Just(b"\r\n".to_vec()),
            Just(b"\r\n\r\n".to_vec()),
            Just(b"{\"id\":1}".to_vec()),
            Just(b"{".to_vec()),
            Just(b"\"".to_vec()),
        ]
    }

    proptest::proptest! {
        #[test]
        fn any_garbage_then_valid_frames_gives_those_frames_last(
            garbage in proptest::collection::vec(piece(), 0..40),
            splits in proptest::collection::vec(proptest::prelude::any::<proptest::sample::Index>(), 0..6),
        ) {
            let mut input = garbage.concat();
            input.extend(frame(INIT));
            input.extend(frame(SHUTDOWN));
            let mut cuts: Vec<usize> = splits.iter().map(|i| i.index(input.len() + 1)).collect();
            cuts.extend([0, input.len()]);
            cuts.sort_unstable();
            let chunks: Vec<&[u8]> = cuts.windows(2).map(|w| &input[w[0]..w[1]]).collect();
            let frames = run(&chunks);
            for frame in &frames {
                if let Frame::Body(b) = frame {
                    proptest::prop_assert!(serde_json::from_slice::<serde_json::Value>(b).is_ok());
                }
            }
            let (texts, _) = bodies(&frames);
            proptest::prop_assert!(texts.ends_with(&[INIT.to_string(), SHUTDOWN.to_string()]), "{:?} gave {:?}", String::from_utf8_lossy(&input), frames);
        }
    }
}
