//! `budgetlint __plugin-worker LIBRARY` (hidden): one plugin library loaded in a process of its
//! own, answering the host's requests over stdin/stdout (budgetlint_engine::worker). A crash, an
//! `exit()` or an endless loop in the plugin ends this process only; the host reports it.

use std::io::Write;
use std::path::Path;

pub fn run(library: &Path) -> u8 {
    let mut input = std::io::stdin().lock();
    let mut output = protocol_output();
    let code = budgetlint_engine::worker::serve(library, &mut input, &mut output);
    let _ = output.flush();
    code.clamp(0, 255) as u8
}

/// The stream the frames go to. A plugin is free to print (C plugins do), and whatever it
/// writes to stdout would break a frame: so the frames get a duplicate of the stdout pipe and
/// stdout itself is pointed at stderr before the library is loaded.
#[cfg(unix)]
pub(crate) fn protocol_output() -> Box<dyn Write> {
    use std::os::fd::FromRawFd;
    // SAFETY: plain descriptor calls on this process's own stdout/stderr; the duplicate is
    // owned by the returned File only.
    unsafe {
        let frames = libc::dup(1);
        if frames >= 0 && libc::dup2(2, 1) >= 0 {
            return Box::new(std::fs::File::from_raw_fd(frames));
        }
    }
    Box::new(std::io::stdout())
}

#[cfg(not(unix))]
pub(crate) fn protocol_output() -> Box<dyn Write> {
    Box::new(std::io::stdout())
}
