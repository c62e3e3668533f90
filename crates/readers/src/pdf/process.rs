//! Running an external program (pdftotext, pdftoppm, tesseract) the way a reader must: its
//! standard output read on a thread up to a size, the program killed at the read's time limit,
//! so a damaged or hostile PDF costs bounded time and memory. Each caller turns a [`RunError`]
//! into its own message.

use std::io::Read;
use std::process::{Command, ExitStatus, Stdio};
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
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        let result = (&mut stdout).take(max_output).read_to_end(&mut out);
        (out, result)
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > timeout => {
                let _ = child.kill();
                let _ = child.wait();
                let _ = reader.join();
                return Err(RunError::TimedOut);
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(RunError::Wait(e)),
        }
    };
    let (out, result) = reader.join().map_err(|_| RunError::ReaderFailed)?;
    result.map_err(RunError::Read)?;
    Ok((status, out))
}
