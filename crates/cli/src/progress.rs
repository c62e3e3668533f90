//! The progress bar of long `check` runs. Shown on stderr only when stderr is a terminal, the
//! CI variable is not set and `--no-progress` was not given, and only once a run has taken
//! longer than [`DELAY`]: short runs and logs never see it.

use crate::cli::Lang;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

const DELAY: Duration = Duration::from_millis(800);
/// Overrides [`DELAY`] (milliseconds), so tests and demos can show the bar on a short run.
const DELAY_VAR: &str = "BUDGETLINT_PROGRESS_DELAY_MS";

pub struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
    delay: Duration,
    shown: AtomicBool,
}

impl Progress {
    pub fn new(total: usize, allowed: bool, lang: Lang) -> Progress {
        let on_terminal = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        let bar = (allowed && on_terminal && total > 1).then(|| {
            let bar =
                ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::hidden());
            let template = match lang {
                Lang::Zh => "{bar:40} {pos}/{len} 个文件  已用 {elapsed}  约剩 {eta}",
                Lang::En => "{bar:40} {pos}/{len} files  {elapsed}  ETA {eta}",
            };
            if let Ok(style) = ProgressStyle::with_template(template) {
                bar.set_style(style);
            }
            bar
        });
        let delay = std::env::var(DELAY_VAR)
            .ok()
            .and_then(|v| v.parse().ok())
            .map_or(DELAY, Duration::from_millis);
        Progress {
            bar,
            started: Instant::now(),
            delay,
            shown: AtomicBool::new(false),
        }
    }

    /// One more file done (called from the worker threads).
    pub fn advance(&self) {
        let Some(bar) = &self.bar else { return };
        bar.inc(1);
        if self.started.elapsed() >= self.delay && !self.shown.swap(true, Ordering::Relaxed) {
            bar.set_draw_target(ProgressDrawTarget::stderr());
            bar.tick();
        }
    }

    /// Runs `f` (which prints) with the bar hidden, so output and bar do not mix.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    /// Removes the bar before the output is printed.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
