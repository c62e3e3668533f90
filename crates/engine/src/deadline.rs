//! A time limit for plugin calls made in this process (the built-in plugins of the host's own
//! build, `host.rs`), the same limit worker processes have (`worker::WorkerSpec::timeout`).
//!
//! A thread cannot be stopped from outside: killing it could leave the allocator's lock or a
//! plugin's own lock held, so the process would hang later instead. So each call runs on a
//! thread of a small pool ([`Runner`]) while the caller waits at most the limit; a call that
//! overruns is abandoned: its thread keeps running (one core busy) until the call returns or
//! the process ends, and it is never given work again. The caller reports the overrun as an
//! error finding naming the plugin, and the plugin is moved to a worker process for the rest of
//! the run (`Plugin::mark_overran`), so a plugin that loops on every document costs one stuck
//! thread, not one per document.

use std::collections::VecDeque;
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// A call that did not come back in time, or whose thread died.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// Not done within the limit; the call goes on, abandoned, on its own thread.
    TimedOut(Duration),
    /// The call panicked on its thread (a host-side panic: a plugin's own panics are caught
    /// inside the plugin).
    Panicked,
}

type Job = Box<dyn FnOnce() + Send>;

/// One call of a batch ([`Runner::run_each`]).
pub type Call<T> = Box<dyn FnOnce() -> T + Send>;

/// Threads that run calls under a time limit; idle threads are reused, so a call costs a
/// channel round trip, not a thread start.
#[derive(Debug)]
pub struct Runner {
    limit: Duration,
    idle: Mutex<Vec<Lane>>,
}

/// One pool thread, fed through its channel.
#[derive(Debug)]
struct Lane {
    jobs: Sender<Job>,
}

impl Runner {
    pub fn new(limit: Duration) -> Runner {
        Runner {
            limit,
            idle: Mutex::new(Vec::new()),
        }
    }

    /// Runs `call` on a pool thread and waits at most the limit for its result (a batch of
    /// one; the tests' entry point).
    #[cfg(test)]
    pub fn run<T: Send + 'static>(
        &self,
        call: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, Failure> {
        self.run_each(vec![Box::new(call)])
            .pop()
            .unwrap_or(Err(Failure::Panicked))
    }

    /// Runs `calls` one after another on one pool thread, each within the limit, and returns
    /// their results in order. One hand-over per batch instead of one per call: a document's
    /// plugin calls cost one channel round trip (measured: one per call made `check` of 1000
    /// files 35% slower in wall time). The calls wait in a queue that the thread takes them
    /// from; the caller sleeps until the whole batch is done or the call being run has had its
    /// limit (it is not woken per call: that cost a thread switch per plugin and document).
    /// When a call overruns, the calls still queued are taken back and run on another thread, so
    /// only the stuck call is lost. A call taken by the stuck thread in the instant the limit
    /// passed is reported as timed out too.
    pub fn run_each<T: Send + 'static>(&self, calls: Vec<Call<T>>) -> Vec<Result<T, Failure>> {
        let mut out = Vec::with_capacity(calls.len());
        let mut waiting: VecDeque<Call<T>> = calls.into();
        while !waiting.is_empty() {
            let batch_len = waiting.len();
            let batch = Arc::new(Batch {
                queue: Mutex::new(std::mem::take(&mut waiting)),
                progress: Mutex::new(Progress {
                    results: Vec::with_capacity(batch_len),
                    call_started: Instant::now(),
                    finished: false,
                }),
                finished: Condvar::new(),
            });
            let runner_side = batch.clone();
            let Some(lane) = self.lane_for(Box::new(move || runner_side.run())) else {
                out.extend((0..batch_len).map(|_| Err(Failure::Panicked)));
                break;
            };
            let (results, overran) = batch.wait(self.limit);
            let done = results.len();
            out.extend(results);
            if !overran {
                if let Ok(mut idle) = self.idle.lock() {
                    idle.push(lane);
                }
                continue;
            }
            // Take back what the thread has not started; the call it was running when the limit
            // passed is lost (and one it took in that instant).
            waiting = batch
                .queue
                .lock()
                .map(|mut q| std::mem::take(&mut *q))
                .unwrap_or_default();
            let lost = batch_len - done - waiting.len();
            out.extend((0..lost).map(|_| Err(Failure::TimedOut(self.limit))));
        }
        out
    }

    /// An idle lane that accepted `job`, or a new one; `None` when no thread can be started.
    fn lane_for(&self, mut job: Job) -> Option<Lane> {
        loop {
            let idle = self.idle.lock().ok().and_then(|mut idle| idle.pop());
            let Some(lane) = idle else { break };
            match lane.jobs.send(job) {
                Ok(()) => return Some(lane),
                // Its thread died (a panic in an earlier job): try the next one.
                Err(mpsc::SendError(back)) => job = back,
            }
        }
        let lane = Lane::spawn()?;
        lane.jobs.send(job).ok()?;
        Some(lane)
    }
}

/// The calls of one batch, shared by the caller and the pool thread that runs them.
struct Batch<T> {
    queue: Mutex<VecDeque<Call<T>>>,
    progress: Mutex<Progress<T>>,
    /// Signalled once, when the queue is empty and every call taken has returned.
    finished: Condvar,
}

struct Progress<T> {
    results: Vec<Result<T, Failure>>,
    /// When the call now running was taken (the limit counts from here).
    call_started: Instant,
    finished: bool,
}

impl<T> Batch<T> {
    /// The pool thread's side: takes calls until the queue is empty (or was taken back). A
    /// call that panics is reported as such and the next one runs.
    fn run(&self) {
        loop {
            let next = self.queue.lock().ok().and_then(|mut q| q.pop_front());
            let Some(call) = next else { break };
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(call))
                .map_err(|_| Failure::Panicked);
            let Ok(mut progress) = self.progress.lock() else {
                return;
            };
            progress.results.push(result);
            progress.call_started = Instant::now();
        }
        if let Ok(mut progress) = self.progress.lock() {
            progress.finished = true;
        }
        self.finished.notify_one();
    }

    /// The caller's side: the results once all calls returned, or those so far and `true` when
    /// the call being run has had `limit`.
    fn wait(&self, limit: Duration) -> (Vec<Result<T, Failure>>, bool) {
        let Ok(mut progress) = self.progress.lock() else {
            return (Vec::new(), true);
        };
        loop {
            if progress.finished {
                return (std::mem::take(&mut progress.results), false);
            }
            let deadline = progress.call_started + limit;
            let now = Instant::now();
            if now >= deadline {
                return (std::mem::take(&mut progress.results), true);
            }
            progress = match self.finished.wait_timeout(progress, deadline - now) {
                Ok((guard, _)) => guard,
                Err(_) => return (Vec::new(), true),
            };
        }
    }
}

impl Lane {
    fn spawn() -> Option<Lane> {
        let (jobs, queue) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("budgetlint-plugin-call".into())
            .spawn(move || {
                for job in queue {
                    job();
                }
            })
            .ok()?;
        Some(Lane { jobs })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    use std::time::Instant;

    #[test]
    fn a_batch_loses_only_its_stuck_call_and_runs_the_rest() {
        let runner = Runner::new(Duration::from_millis(200));
        let release = Arc::new(AtomicBool::new(false));
        let stuck = release.clone();
        let calls: Vec<Call<u32>> = vec![
            Box::new(|| 1),
            Box::new(move || {
                while !stuck.load(Ordering::SeqCst) {
                    std::thread::sleep(Duration::from_millis(10));
                }
                2
            }),
            Box::new(|| 3),
            Box::new(|| 4),
        ];
        let results = runner.run_each(calls);
        release.store(true, Ordering::SeqCst);
        assert_eq!(
            results,
            vec![
                Ok(1),
                Err(Failure::TimedOut(Duration::from_millis(200))),
                Ok(3),
                Ok(4)
            ]
        );
    }

    #[test]
    fn a_call_within_the_limit_returns_its_value_and_the_thread_is_reused() {
        let runner = Runner::new(Duration::from_secs(10));
        let first = runner.run(|| std::thread::current().id()).unwrap();
        let second = runner.run(|| std::thread::current().id()).unwrap();
        assert_eq!(first, second, "one pool thread served both calls");
        assert_ne!(first, std::thread::current().id());
    }

    #[test]
    fn an_overrunning_call_is_abandoned_at_the_limit_and_the_next_call_runs() {
        let runner = Runner::new(Duration::from_millis(200));
        let release = Arc::new(AtomicBool::new(false));
        let stuck = release.clone();
        let start = Instant::now();
        let result = runner.run(move || {
            while !stuck.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(5));
            }
        });
        assert_eq!(result, Err(Failure::TimedOut(Duration::from_millis(200))));
        assert!(start.elapsed() < Duration::from_secs(5), "stopped waiting");
        assert_eq!(runner.run(|| 7), Ok(7), "a new thread takes the next call");
        release.store(true, Ordering::Relaxed);
    }

    #[test]
    fn a_panicking_call_is_reported_and_does_not_poison_the_pool() {
        let runner = Runner::new(Duration::from_secs(10));
        let result = runner.run(|| -> u32 { panic!("host-side bug") });
        assert_eq!(result, Err(Failure::Panicked));
        assert_eq!(runner.run(|| 1), Ok(1));
    }
}
