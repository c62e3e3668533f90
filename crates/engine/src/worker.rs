//! Plugin calls in a separate process, so that a native plugin that aborts, segfaults, calls
//! `exit()` or never returns costs the findings of that plugin on that document and nothing
//! else (the rest of the run, or the language server, goes on).
//!
//! The worker is the `budgetlint` binary itself run as `budgetlint __plugin-worker LIBRARY`
//! ([`SUBCOMMAND`], [`serve`]): it loads the one library, sends its info, then answers one
//! request at a time. Host and worker speak length-prefixed frames over the worker's stdin and
//! stdout (host → worker: `u64` little-endian length, then the request bytes exactly as
//! `budgetlint_check` takes them; worker → host: a tag byte, `0` for the plugin's bytes or `1`
//! for an error message, a `u64` length, the bytes). The plugin's response is decoded by the
//! host, so the worker never has to be trusted to have done it.
//!
//! The host keeps a [`Pool`] of idle workers per library (one per thread that calls it at the
//! same time), waits at most [`WorkerSpec::timeout`] for each answer, kills a worker that does
//! not answer in time, and starts a new one for the next document after any failure; after
//! [`MAX_CRASHES_IN_A_ROW`] failures in a row the plugin is no longer started and each document
//! says so. Which libraries run in a worker is decided in `host.rs` (`Plugin::open`).

use crate::error::Message;
use budgetlint_protocol::PluginInfo;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::Mutex;
use std::time::Duration;

/// The hidden subcommand of the `budgetlint` binary that runs [`serve`].
pub const SUBCOMMAND: &str = "__plugin-worker";
/// The environment variable with the per-document time limit of an isolated plugin, in seconds.
pub const TIMEOUT_ENV: &str = "BUDGETLINT_PLUGIN_TIMEOUT";
/// The default per-document time limit: far above any real plugin's time on a 32 MB text.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// After this many failed calls in a row a plugin's worker is not started again for this run.
pub const MAX_CRASHES_IN_A_ROW: u32 = 3;
/// The largest frame either side accepts (a request carries the encoded model of a text of
/// at most 32 MB; a response beyond this is refused rather than buffered).
pub const MAX_FRAME_BYTES: u64 = 1 << 30;

const TAG_BYTES: u8 = 0;
const TAG_ERROR: u8 = 1;

/// How to start a worker: the program (the `budgetlint` binary) and the time limit.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkerSpec {
    pub program: PathBuf,
    pub timeout: Duration,
}

impl WorkerSpec {
    /// The running executable as the worker, with the time limit from [`TIMEOUT_ENV`] (seconds)
    /// or [`DEFAULT_TIMEOUT`]. Only for binaries that handle [`SUBCOMMAND`].
    pub fn current_exe() -> Option<WorkerSpec> {
        let timeout = std::env::var(TIMEOUT_ENV)
            .ok()
            .and_then(|v| v.trim().parse::<f64>().ok())
            .filter(|s| s.is_finite() && *s > 0.0)
            .map_or(DEFAULT_TIMEOUT, Duration::from_secs_f64);
        Some(WorkerSpec {
            program: std::env::current_exe().ok()?,
            timeout,
        })
    }
}

/// Idle workers of one plugin library.
#[derive(Debug)]
pub struct Pool {
    spec: WorkerSpec,
    library: PathBuf,
    idle: Mutex<Vec<Worker>>,
    failures_in_a_row: AtomicU32,
}

impl Pool {
    /// Starts a first worker for `library` and returns the pool with the plugin's info bytes
    /// (the JSON of `budgetlint_plugin_info`), or why the library could not be loaded.
    pub fn start(spec: &WorkerSpec, library: &Path) -> Result<(Pool, Vec<u8>), Message> {
        let mut worker = Worker::spawn(spec, library)?;
        let info = worker.receive(spec.timeout, Step::Loading)?;
        let pool = Pool {
            spec: spec.clone(),
            library: library.to_path_buf(),
            idle: Mutex::new(vec![worker]),
            failures_in_a_row: AtomicU32::new(0),
        };
        Ok((pool, info))
    }

    /// Sends one request and returns the plugin's response bytes; any failure of the worker
    /// (crash, exit, time limit, broken frame) is an `Err` saying what happened.
    pub fn check(&self, request: &[u8]) -> Result<Vec<u8>, Message> {
        let failures = self.failures_in_a_row.load(Ordering::Relaxed);
        if failures >= MAX_CRASHES_IN_A_ROW {
            return Err(Message::new(
                format!("its worker process failed {failures} times in a row, so it is no longer started in this run"),
                format!("它的工作进程已连续失败 {failures} 次，本次运行不再启动"),
            ));
        }
        let idle = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        let mut worker = match idle {
            Some(w) => w,
            None => self.respawn()?,
        };
        match worker.call(request, self.spec.timeout) {
            Ok(bytes) => {
                self.failures_in_a_row.store(0, Ordering::Relaxed);
                if let Ok(mut idle) = self.idle.lock() {
                    idle.push(worker);
                }
                Ok(bytes)
            }
            Err(e) => {
                self.failures_in_a_row.fetch_add(1, Ordering::Relaxed);
                Err(e)
            }
        }
    }

    /// A new worker after a failure: started and its info read (and dropped: it was read once).
    fn respawn(&self) -> Result<Worker, Message> {
        let mut worker = Worker::spawn(&self.spec, &self.library).inspect_err(|_| {
            self.failures_in_a_row.fetch_add(1, Ordering::Relaxed);
        })?;
        worker
            .receive(self.spec.timeout, Step::Loading)
            .inspect_err(|_| {
                self.failures_in_a_row.fetch_add(1, Ordering::Relaxed);
            })?;
        Ok(worker)
    }
}

/// One worker process and the thread that reads its frames.
#[derive(Debug)]
struct Worker {
    child: Child,
    stdin: ChildStdin,
    frames: Receiver<io::Result<(u8, Vec<u8>)>>,
}

impl Worker {
    fn spawn(spec: &WorkerSpec, library: &Path) -> Result<Worker, Message> {
        let mut child = Command::new(&spec.program)
            .arg(SUBCOMMAND)
            .arg(library)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| {
                let program = spec.program.display();
                Message::new(
                    format!("cannot start its worker process {program}: {e}"),
                    format!("无法启动它的工作进程 {program}：{}", crate::io_zh(&e)),
                )
            })?;
        let (Some(stdin), Some(mut stdout)) = (child.stdin.take(), child.stdout.take()) else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(Message::new(
                "its worker process has no pipes",
                "它的工作进程没有管道",
            ));
        };
        let (send, frames) = mpsc::channel();
        // The reader ends when the worker's stdout closes (the worker exits or is killed).
        std::thread::spawn(move || loop {
            let frame = read_response(&mut stdout);
            let end = !matches!(frame, Ok(Some(_)));
            let message = frame.map(|f| f.unwrap_or((TAG_ERROR, Vec::new())));
            if send.send(message).is_err() || end {
                break;
            }
        });
        Ok(Worker {
            child,
            stdin,
            frames,
        })
    }

    fn call(&mut self, request: &[u8], timeout: Duration) -> Result<Vec<u8>, Message> {
        if let Err(e) = write_frame(&mut self.stdin, request) {
            return Err(self.died(&Message::new(
                format!("could not be sent the document ({e})"),
                format!("无法接收文档（{}）", crate::io_zh(&e)),
            )));
        }
        self.receive(timeout, Step::Checking)
    }

    /// The next frame's bytes; `doing` names the step in the error.
    fn receive(&mut self, timeout: Duration, doing: Step) -> Result<Vec<u8>, Message> {
        let (doing_en, doing_zh) = doing.words();
        match self.frames.recv_timeout(timeout) {
            Ok(Ok((TAG_BYTES, bytes))) => Ok(bytes),
            Ok(Ok((_, message))) if !message.is_empty() => Err(decode_error(&message)),
            Ok(Ok(_)) | Err(RecvTimeoutError::Disconnected) => Err(self.died(&Message::new(
                format!("while {doing_en}"),
                format!("（{doing_zh}时）"),
            ))),
            Ok(Err(e)) => Err(self.died(&Message::new(
                format!("sent a broken answer while {doing_en} ({e})"),
                format!("{doing_zh}时送回了损坏的应答（{e}）"),
            ))),
            Err(RecvTimeoutError::Timeout) => {
                self.stop();
                let limit = seconds(timeout);
                Err(Message::new(
                    format!("did not answer within {limit} while {doing_en}, so its worker process was stopped (limit: {TIMEOUT_ENV})"),
                    format!("{doing_zh}时 {limit} 内没有应答，已停止它的工作进程（时限：{TIMEOUT_ENV}）"),
                ))
            }
        }
    }

    /// Stops the worker and describes how it ended, then `context`.
    fn died(&mut self, context: &Message) -> Message {
        let status = self.stop();
        let (en, zh) = describe(status);
        Message::new(
            format!("its worker process {en} {}", context.en),
            format!("它的工作进程{zh}{}", context.zh),
        )
    }

    fn stop(&mut self) -> Option<ExitStatus> {
        // A worker that already exited keeps its status; kill only fails then.
        let _ = self.child.kill();
        self.child.wait().ok()
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

pub(crate) fn seconds(d: Duration) -> String {
    format!("{} s", d.as_secs_f64())
}

/// What the worker was doing when it failed, for the error.
#[derive(Debug, Clone, Copy)]
enum Step {
    Loading,
    Checking,
}

impl Step {
    fn words(self) -> (&'static str, &'static str) {
        match self {
            Step::Loading => ("loading the library", "加载插件库"),
            Step::Checking => ("checking this document", "检查本文档"),
        }
    }
}

/// "was killed by signal 11 (SIGSEGV)", "exited with status 0" …, in English and Chinese.
fn describe(status: Option<ExitStatus>) -> (String, String) {
    let Some(status) = status else {
        return ("ended in an unknown way".into(), "以未知的方式结束".into());
    };
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            let (en, zh) = signal_name(signal);
            return (
                format!("was killed by signal {signal}{en}"),
                format!("被信号 {signal}{zh} 终止"),
            );
        }
    }
    match status.code() {
        Some(code) => (
            format!("exited with status {code}"),
            format!("退出，状态码 {code}"),
        ),
        None => ("ended".into(), "已结束".into()),
    }
}

fn signal_name(signal: i32) -> (&'static str, &'static str) {
    match signal {
        4 => (" (SIGILL)", "（SIGILL）"),
        6 => (" (SIGABRT: the plugin aborted)", "（SIGABRT：插件中止）"),
        7 => (" (SIGBUS)", "（SIGBUS）"),
        8 => (" (SIGFPE)", "（SIGFPE）"),
        9 => (" (SIGKILL)", "（SIGKILL）"),
        11 => (" (SIGSEGV: the plugin crashed)", "（SIGSEGV：插件崩溃）"),
        _ => ("", ""),
    }
}

/// A worker's error frame: the JSON of a [`Message`] (both languages, as [`serve`] writes
/// it), or plain text from an older worker, shown as it is in both.
fn decode_error(bytes: &[u8]) -> Message {
    serde_json::from_slice(bytes).unwrap_or_else(|_| {
        let text = String::from_utf8_lossy(bytes).into_owned();
        Message::new(text.clone(), text)
    })
}

/// The error frame's bytes for `message`.
fn encode_error(message: &Message) -> Vec<u8> {
    serde_json::to_vec(message).unwrap_or_else(|_| message.en.as_bytes().to_vec())
}

fn write_frame(out: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    out.write_all(&(bytes.len() as u64).to_le_bytes())?;
    out.write_all(bytes)?;
    out.flush()
}

fn write_tagged(out: &mut impl Write, tag: u8, bytes: &[u8]) -> io::Result<()> {
    out.write_all(&[tag])?;
    write_frame(out, bytes)
}

/// Reads a length and that many bytes; `None` at a clean end of the stream.
fn read_frame(input: &mut impl Read) -> io::Result<Option<Vec<u8>>> {
    let mut len = [0u8; 8];
    match input.read_exact(&mut len) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let len = u64::from_le_bytes(len);
    if len > MAX_FRAME_BYTES {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("a frame of {len} bytes is over the limit of {MAX_FRAME_BYTES}"),
        ));
    }
    let mut bytes = Vec::new();
    input.take(len).read_to_end(&mut bytes)?;
    if bytes.len() as u64 != len {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "the frame ends early",
        ));
    }
    Ok(Some(bytes))
}

/// A worker's frame: its tag and bytes; `None` when the stream ended between frames.
pub fn read_response(input: &mut impl Read) -> io::Result<Option<(u8, Vec<u8>)>> {
    let mut tag = [0u8; 1];
    match input.read(&mut tag) {
        Ok(0) => return Ok(None),
        Ok(_) => {}
        Err(e) => return Err(e),
    }
    if tag[0] != TAG_BYTES && tag[0] != TAG_ERROR {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("unknown frame tag {}", tag[0]),
        ));
    }
    match read_frame(input)? {
        Some(bytes) => Ok(Some((tag[0], bytes))),
        None => Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "the frame ends early",
        )),
    }
}

/// The worker's side: loads `library` in this process, sends its info (or why it cannot be
/// loaded), then answers each request on `input` until the host closes it. The caller makes
/// sure `output` is not the plugin's stdout (a plugin that prints must not corrupt frames).
/// Returns the process exit code.
pub fn serve(library: &Path, input: &mut impl Read, output: &mut impl Write) -> i32 {
    let plugin = match crate::host::Plugin::load(library) {
        Ok(p) => p,
        Err(e) => {
            let message = Message::new(e.message_in(false), e.message_in(true));
            let _ = write_tagged(output, TAG_ERROR, &encode_error(&message));
            return 0;
        }
    };
    let info = serde_json::to_vec(&plugin.info).unwrap_or_default();
    if write_tagged(output, TAG_BYTES, &info).is_err() {
        return 1;
    }
    loop {
        let request = match read_frame(input) {
            Ok(Some(r)) => r,
            Ok(None) => return 0,
            Err(e) => {
                let message = Message::new(format!("bad request: {e}"), format!("请求有误：{e}"));
                let _ = write_tagged(output, TAG_ERROR, &encode_error(&message));
                return 1;
            }
        };
        let response = plugin.check_raw(&request);
        if write_tagged(output, TAG_BYTES, &response).is_err() {
            return 1;
        }
    }
}

/// Parses the info bytes a worker sent.
pub fn decode_info(bytes: &[u8]) -> Result<PluginInfo, Message> {
    serde_json::from_slice(bytes).map_err(|e| {
        Message::new(
            format!("its worker sent invalid plugin info: {e}"),
            format!("它的工作进程送回的插件自我描述无效：{e}"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip_and_bad_ones_are_errors_not_panics() {
        let mut buf = Vec::new();
        write_tagged(&mut buf, TAG_BYTES, b"{}").unwrap();
        write_tagged(&mut buf, TAG_ERROR, b"no").unwrap();
        let mut r = &buf[..];
        assert_eq!(
            read_response(&mut r).unwrap(),
            Some((TAG_BYTES, b"{}".to_vec()))
        );
        assert_eq!(
            read_response(&mut r).unwrap(),
            Some((TAG_ERROR, b"no".to_vec()))
        );
        assert_eq!(read_response(&mut r).unwrap(), None);
        // Truncated, oversized and unknown-tag frames.
        assert!(read_response(&mut &buf[..5]).is_err());
        let mut huge = vec![TAG_BYTES];
        huge.extend_from_slice(&u64::MAX.to_le_bytes());
        assert!(read_response(&mut &huge[..]).is_err());
        assert!(read_response(&mut &[7u8, 0, 0][..]).is_err());
    }

    #[test]
    fn a_missing_worker_program_is_an_error_naming_it() {
        let spec = WorkerSpec {
            program: PathBuf::from("/nonexistent/budgetlint"),
            timeout: Duration::from_secs(1),
        };
        let err = Pool::start(&spec, Path::new("/nonexistent/lib.so")).unwrap_err();
        assert!(err.en.contains("/nonexistent/budgetlint"), "{err}");
        assert!(
            err.zh
                .starts_with("无法启动它的工作进程 /nonexistent/budgetlint："),
            "{err:?}"
        );
    }

    #[test]
    fn an_error_frame_carries_both_languages() {
        let message = Message::new("bad request: x", "请求有误：x");
        assert_eq!(decode_error(&encode_error(&message)), message);
        // Plain text (an older worker) is shown as it is.
        let plain = decode_error(b"plugin library not found");
        assert_eq!(plain.zh, "plugin library not found");
    }
}
