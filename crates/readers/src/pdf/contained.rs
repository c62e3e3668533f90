//! Work on a PDF done in process by a library that may panic or run long on a hostile file
//! (`pdf_oxide`, for the words and the drawn rules): on a thread of its own, its panic caught,
//! waited for at most a time limit.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;
use std::time::Duration;

/// Why contained work gave no result.
#[derive(Debug)]
pub enum Uncontained {
    /// The thread could not be started: the reason.
    Start(String),
    /// The work panicked.
    Panicked,
    /// The work was still running at the limit. A thread cannot be killed: it ends when its
    /// work does, and its result is dropped.
    TimedOut,
}

/// Runs `work` on a thread named `name` and returns its result, unless it panics or is still
/// running after `limit`.
pub fn run<T: Send + 'static>(
    name: &str,
    limit: Duration,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Uncontained> {
    let (send, receive) = mpsc::channel();
    std::thread::Builder::new()
        .name(name.into())
        .spawn(move || {
            // The receiver is gone when the caller gave up waiting: nothing to do then.
            let _ = send.send(catch_unwind(AssertUnwindSafe(work)));
        })
        .map_err(|e| Uncontained::Start(e.to_string()))?;
    match receive.recv_timeout(limit) {
        Ok(Ok(result)) => Ok(result),
        Ok(Err(_)) | Err(mpsc::RecvTimeoutError::Disconnected) => Err(Uncontained::Panicked),
        Err(mpsc::RecvTimeoutError::Timeout) => Err(Uncontained::TimedOut),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_panics_and_overruns_are_told_apart() {
        // A result is taken the moment the work ends, so a long limit costs nothing here; it
        // must be long because a panic with `RUST_BACKTRACE` set resolves its backtrace before
        // the thread ends, which took over 5 s on a loaded 2-core CI machine (seen as a
        // time-out there, not a panic).
        let limit = Duration::from_secs(300);
        assert_eq!(run("ok", limit, || 7).ok(), Some(7));
        assert!(matches!(
            run("panics", limit, || -> u8 { panic!("hostile") }),
            Err(Uncontained::Panicked)
        ));
        let slow = run("slow", Duration::from_millis(10), || {
            std::thread::sleep(Duration::from_millis(500))
        });
        assert!(matches!(slow, Err(Uncontained::TimedOut)));
    }
}
