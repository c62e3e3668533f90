//! Running an external program (pdftotext, pdftoppm, tesseract) the way a reader must: its
//! standard output read on a thread up to a size, the program killed at the read's time limit,
//! so a damaged or hostile PDF costs bounded time and memory. Each caller turns a [`RunError`]
//! into its own message.

use std::io::Read;
use std::process::{Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Why a program gave no output.
pub enum RunError {
    /// The program is not installed (or not on PATH).
    NotFound,
    Start(std::io::Error),
    /// Still running at the time limit; it was killed.
    TimedOut,
    Wait(std::io::Error),
    /// Its output could not be read.
    Read(std::io::Error),
    /// The thread reading its output panicked.
    ReaderFailed,
}

impl RunError {
    /// Why the output could not be read, in English and in Chinese (for `Read`/`ReaderFailed`).
    pub fn read_reason(&self) -> (String, String) {
        match self {
            RunError::Read(e) => (e.to_string(), crate::reasons::io_zh(e)),
            _ => (
                "the reading thread failed".to_string(),
                "读取输出的线程出错".to_string(),
            ),
        }
    }
}

/// Runs `command` (no standard input, standard error discarded), reads at most `max_output`
/// bytes of its output, and kills it at `timeout`. The exit status is the caller's to judge.
pub fn run(
    command: &mut Command,
    max_output: u64,
    timeout: Duration,
) -> Result<(ExitStatus, Vec<u8>), RunError> {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => RunError::NotFound,
            _ => RunError::Start(e),
        })?;
    let mut stdout = child.stdout.take().expect("stdout is piped");
    // The output is read on a thread that says when it is done: the program has ended (or
    // closed its output), which is known at once instead of at the next look.
    let (done, read) = mpsc::channel();
    std::thread::spawn(move || {
        let mut out = Vec::new();
        let result = (&mut stdout).take(max_output).read_to_end(&mut out);
        let _ = done.send((out, result));
    });
    let deadline = Instant::now() + timeout;
    let kill = |child: &mut std::process::Child| {
        let _ = child.kill();
        let _ = child.wait();
        RunError::TimedOut
    };
    let (out, result) = match read.recv_timeout(timeout) {
        Ok(read) => read,
        Err(mpsc::RecvTimeoutError::Timeout) => return Err(kill(&mut child)),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            let _ = kill(&mut child);
            return Err(RunError::ReaderFailed);
        }
    };
    // Its output is closed; it ends now, unless it closed its output and runs on.
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() > deadline => return Err(kill(&mut child)),
            Ok(None) => std::thread::sleep(Duration::from_millis(1)),
            Err(e) => return Err(RunError::Wait(e)),
        }
    };
    result.map_err(RunError::Read)?;
    Ok((status, out))
}
