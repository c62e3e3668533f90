//! `pdf_oxide` in a process of its own. On a thread (`contained.rs`) a hostile PDF that sends
//! pdf_oxide into an endless loop is only given up: the thread cannot be killed and keeps a
//! core and its memory until the program ends, which in the language server is never. In a
//! process it is killed at the time limit, and its memory is capped.
//!
//! The worker is the `budgetlint` binary itself run as
//! `budgetlint __pdf-worker FILE TIMEOUT_MS RULES_MS` ([`SUBCOMMAND`], [`serve`]): it reads the
//! PDF at FILE (a private copy the host wrote), reads every page's words and drawn rules as
//! `oxide_words::read_all` does in process, prints them in the line format below, and exits.
//! The host ([`pages`]) kills it when it runs past the time limit and reads a worker that
//! stopped without its last line (killed, out of memory, crashed) as a failure, so the PDF
//! goes to pdftotext as on any other failure of the built-in reader.
//!
//! The format, one record per line, fields split by tabs, text escaped (`\\`, `\t`, `\n`,
//! `\r`); numbers as Rust prints them, which parse back to the same `f64`:
//!
//! ```text
//! budgetlint-pdf-worker 1
//! page                                   a page (its words follow)
//! word  X_MIN  Y_MIN  X_MAX  Y_MAX  TEXT
//! failed  N          unread  N           pages, 1-based
//! rules                                  the rules were read; per page:
//! rules-page
//! h  AT  FROM  TO     v  AT  FROM  TO    a horizontal or vertical rule
//! error  open  REASON | error  timed-out | error  panicked
//! end
//! ```

use super::boxes::Word;
use super::oxide_words::{Extracted, Failure};
use super::process::{self, RunError};
use super::rules::{PageRules, Segment};
use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// The hidden subcommand of the `budgetlint` binary that runs [`serve`].
pub const SUBCOMMAND: &str = "__pdf-worker";

/// The address space a worker may use (unix). Reading a real disclosure takes about 20 MB
/// (the 50 pages of 021: 18 MB peak), a page beside a 190 MB image 770 MB; one page of 90 MB
/// of text operators took pdf_oxide 7.6 GB and 26 s to give no word (`bench-big-pdf.sh`), and
/// now stops the worker at this cap after 10 s.
const MEMORY_LIMIT_BYTES: u64 = 4 << 30;

/// The most a worker may print: the words of a 200 MB PDF stay well within it.
const MAX_OUTPUT_BYTES: u64 = 1 << 30;

/// How long after the time limit the host waits before it kills the worker (which gives up at
/// the limit itself and reports so).
const GRACE: Duration = Duration::from_secs(2);

const HEADER: &str = "budgetlint-pdf-worker 1";

/// Reads the words and rules of `bytes` in a worker started from `program`, or `None` when no
/// worker could be started (the caller reads in process then).
pub fn pages(
    program: &Path,
    bytes: &[u8],
    timeout: Duration,
    rules_limit: Duration,
) -> Option<Result<Extracted, Failure>> {
    let mut copy = tempfile::Builder::new()
        .prefix("budgetlint-")
        .suffix(".pdf")
        .tempfile()
        .ok()?;
    copy.write_all(bytes).and_then(|_| copy.flush()).ok()?;
    let mut command = Command::new(program);
    command
        .arg(SUBCOMMAND)
        .arg(copy.path())
        .arg(timeout.as_millis().to_string())
        .arg(rules_limit.as_millis().to_string());
    match process::run(&mut command, MAX_OUTPUT_BYTES, timeout + GRACE) {
        Ok((_, out)) => Some(decode(&String::from_utf8_lossy(&out)).unwrap_or_else(|| {
            Err(Failure::Stopped(
                "its process stopped without a result (out of memory, or crashed)".into(),
            ))
        })),
        Err(RunError::TimedOut) => Some(Err(Failure::TimedOut)),
        Err(RunError::NotFound | RunError::Start(_)) => None,
        Err(e @ (RunError::Wait(_) | RunError::Read(_) | RunError::ReaderFailed)) => {
            let (en, _) = e.read_reason();
            Some(Err(Failure::Stopped(en)))
        }
    }
}

/// The worker: reads the PDF at `file` with the limits given (milliseconds) and prints what it
/// read to `out`. Returns the process's exit code.
pub fn serve(file: &Path, timeout_ms: &str, rules_ms: &str, out: &mut impl Write) -> i32 {
    limit_memory();
    let millis = |s: &str| s.trim().parse::<u64>().ok().map(Duration::from_millis);
    let (Some(timeout), Some(rules_limit)) = (millis(timeout_ms), millis(rules_ms)) else {
        eprintln!("usage: budgetlint {SUBCOMMAND} FILE TIMEOUT_MS RULES_MS");
        return 2;
    };
    let result = match std::fs::read(file) {
        Ok(bytes) => super::oxide_words::read_here(bytes, timeout, rules_limit),
        Err(e) => Err(Failure::Open(format!(
            "cannot read {}: {e}",
            file.display()
        ))),
    };
    match out
        .write_all(encode(&result).as_bytes())
        .and_then(|_| out.flush())
    {
        Ok(()) => 0,
        Err(_) => 1,
    }
}

/// Caps the worker's address space, so that a hostile PDF makes it fail to allocate (and
/// stop) rather than take the machine's memory.
#[cfg(unix)]
fn limit_memory() {
    let limit = libc::rlimit {
        rlim_cur: MEMORY_LIMIT_BYTES as libc::rlim_t,
        rlim_max: MEMORY_LIMIT_BYTES as libc::rlim_t,
    };
    // SAFETY: setrlimit reads the struct passed and changes this process's limit only.
    unsafe {
        libc::setrlimit(libc::RLIMIT_AS, &limit);
    }
}

#[cfg(not(unix))]
fn limit_memory() {}

fn encode(result: &Result<Extracted, Failure>) -> String {
    let mut out = String::new();
    let mut line = |fields: &[&str]| {
        out.push_str(&fields.join("\t"));
        out.push('\n');
    };
    line(&[HEADER]);
    match result {
        Ok(read) => {
            for page in &read.pages {
                line(&["page"]);
                for w in page {
                    let [a, b, c, d] = [w.x_min, w.y_min, w.x_max, w.y_max].map(|v| v.to_string());
                    line(&["word", &a, &b, &c, &d, &escape(&w.text)]);
                }
            }
            for n in &read.failed {
                line(&["failed", &n.to_string()]);
            }
            for n in &read.unread {
                line(&["unread", &n.to_string()]);
            }
            if let Some(rules) = &read.rules {
                line(&["rules"]);
                for page in rules {
                    line(&["rules-page"]);
                    let sides = [("h", &page.horizontal), ("v", &page.vertical)];
                    for (side, segments) in sides {
                        for s in segments {
                            let [a, b, c] = [s.at, s.from, s.to].map(|v| v.to_string());
                            line(&[side, &a, &b, &c]);
                        }
                    }
                }
            }
        }
        Err(Failure::Open(why) | Failure::Stopped(why)) => line(&["error", "open", &escape(why)]),
        Err(Failure::TimedOut) => line(&["error", "timed-out"]),
        Err(Failure::Panicked) => line(&["error", "panicked"]),
    }
    line(&["end"]);
    out
}

/// What a worker printed; `None` when it is not a whole record (the worker stopped midway).
fn decode(text: &str) -> Option<Result<Extracted, Failure>> {
    let mut lines = text.split('\n');
    if lines.next()? != HEADER {
        return None;
    }
    let mut read = Extracted::default();
    let mut rules: Option<Vec<PageRules>> = None;
    let mut error = None;
    for line in lines {
        let fields: Vec<&str> = line.split('\t').collect();
        let number = |i: usize| fields.get(i)?.parse::<f64>().ok();
        let page_number = || fields.get(1)?.parse::<u32>().ok();
        match fields.as_slice() {
            ["page"] => read.pages.push(Vec::new()),
            ["word", .., text] if fields.len() == 6 => read.pages.last_mut()?.push(Word {
                x_min: number(1)?,
                y_min: number(2)?,
                x_max: number(3)?,
                y_max: number(4)?,
                text: unescape(text),
                cell: None,
            }),
            ["failed", _] => read.failed.push(page_number()?),
            ["unread", _] => read.unread.push(page_number()?),
            ["rules"] => rules = Some(Vec::new()),
            ["rules-page"] => rules.as_mut()?.push(PageRules::default()),
            [side @ ("h" | "v"), _, _, _] => {
                let page = rules.as_mut()?.last_mut()?;
                let segment = Segment {
                    at: number(1)?,
                    from: number(2)?,
                    to: number(3)?,
                };
                match *side {
                    "h" => page.horizontal.push(segment),
                    _ => page.vertical.push(segment),
                }
            }
            ["error", "open", why] => error = Some(Failure::Open(unescape(why))),
            ["error", "timed-out"] => error = Some(Failure::TimedOut),
            ["error", "panicked"] => error = Some(Failure::Panicked),
            ["end"] => {
                read.rules = rules;
                return Some(error.map_or(Ok(read), Err));
            }
            _ => return None,
        }
    }
    None
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(x: f64, text: &str) -> Word {
        Word {
            x_min: x,
            y_min: 0.1 + 0.2,
            x_max: x + 1.0 / 3.0,
            y_max: 1e-7,
            text: text.into(),
            cell: None,
        }
    }

    #[test]
    fn what_a_worker_prints_reads_back_the_same() {
        let read = Extracted {
            pages: vec![
                vec![word(1.5, "收入\t合计"), word(-0.0, "a\\b\nc\r")],
                Vec::new(),
            ],
            failed: vec![2],
            unread: vec![2, 3],
            rules: Some(vec![
                PageRules {
                    horizontal: vec![Segment {
                        at: 10.25,
                        from: 0.0,
                        to: 595.275,
                    }],
                    vertical: Vec::new(),
                },
                PageRules::default(),
            ]),
        };
        let back = decode(&encode(&Ok(read.clone()))).unwrap().unwrap();
        assert_eq!(back.pages, read.pages);
        assert_eq!(back.failed, read.failed);
        assert_eq!(back.unread, read.unread);
        assert_eq!(back.rules, read.rules);
        let no_rules = Extracted::default();
        assert_eq!(decode(&encode(&Ok(no_rules))).unwrap().unwrap().rules, None);
    }

    #[test]
    fn failures_read_back_and_a_cut_record_is_none() {
        let open = decode(&encode(&Err(Failure::Open("bad\txref".into()))));
        assert!(matches!(open, Some(Err(Failure::Open(why))) if why == "bad\txref"));
        assert!(matches!(
            decode(&encode(&Err(Failure::TimedOut))),
            Some(Err(Failure::TimedOut))
        ));
        let whole = encode(&Ok(Extracted {
            pages: vec![vec![word(1.0, "支出")]],
            ..Extracted::default()
        }));
        let cut = &whole[..whole.len() - "end\n".len()];
        assert!(decode(cut).is_none());
        assert!(decode("").is_none());
        assert!(decode("something else\nend\n").is_none());
        assert!(decode(&format!("{HEADER}\nword\t1\t2\t3\tx\tT\nend\n")).is_none());
    }
}
