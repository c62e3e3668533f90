//! Giving memory back after a large document. The server is long-lived and checks documents on
//! many threads: with glibc's default of up to eight malloc arenas per core, the memory of a
//! closed 10 MB document stayed mapped in the arenas of the threads that checked it (RSS at the
//! peak long after the close; `MALLOC_ARENA_MAX=1` kept it flat). So the server limits the
//! arenas at start and asks malloc to return free memory to the system when a document closes.
//! Other allocators and platforms: both are no-ops.

/// Caps malloc arenas (before the runtime starts its threads). The environment variable
/// `MALLOC_ARENA_MAX` still wins when the user sets it.
pub fn limit_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
        // SAFETY: mallopt only changes allocator tuning; called before other threads exist.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, 2);
        }
    }
}

/// Returns free heap memory to the system (after a document closed).
pub fn release() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim is thread-safe and only releases memory malloc does not use.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Hands free memory back when dropped. The last field of a document's handle, so that it drops
/// after the text, model and findings: a check still running when the document closes holds the
/// handle, and `release` on close alone then ran before that memory was free (a closed 6 MB
/// document stayed at 157 MB in some runs, 77 MB in others).
#[derive(Debug, Default)]
pub struct ReleaseOnDrop;

impl Drop for ReleaseOnDrop {
    fn drop(&mut self) {
        release();
    }
}
