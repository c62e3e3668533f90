//! The time limit of plugins called in this process, with the worker of the real binary: a
//! plugin of the host's own build, found beside the "executable" and so called in process,
//! never returns on a document that says SPIN. That check comes back at the limit with an error
//! finding naming the plugin; the plugin then runs in a worker process (`budgetlint
//! __plugin-worker`), which reports its findings on the next documents and is stopped at the
//! limit when the plugin hangs again.

#[path = "../../engine/tests/common/mod.rs"]
mod common;

use budgetlint_engine::config::Config;
use budgetlint_engine::worker::WorkerSpec;
use budgetlint_engine::{Linter, Registry, Sources, PLUGIN_ERROR_RULE};
use budgetlint_protocol::Diagnostic;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A plugin whose rule reports TODO and never returns on SPIN (sleeping, not spinning, so the
/// abandoned call does not take a core from the rest of the test run).
const HANGING_PLUGIN: &str = r#"
use budgetlint_sdk::{declare_rule, Context, Diagnostic, DocumentExt, Rule};

declare_rule! {
    /// Reports TODO; never returns on a text that says SPIN.
    pub struct Hangs { id: "hangs/todo", severity: Warning, summary: "hangs on SPIN" }
}

impl Rule for Hangs {
    fn meta(&self) -> &'static budgetlint_sdk::RuleMeta {
        &Self::META
    }
    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        while ctx.doc.text.contains("SPIN") {
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        for (start, _) in ctx.doc.text.match_indices("TODO") {
            out.push(Diagnostic::new(self.meta(), ctx.doc.span_of(start, start + 4), "TODO"));
        }
    }
}

budgetlint_sdk::export_plugin!(name: "hangs", version: "0.0.1", rules: [Hangs]);
"#;

const PLAIN: &str = "说明\nTODO 分摊部份\n";
const HANGING: &str = "说明 SPIN\nTODO 分摊部份\n";

fn check(linter: &Linter, name: &str, text: &str) -> Vec<Diagnostic> {
    let report = linter
        .check(Path::new(name), text.as_bytes(), None)
        .unwrap();
    report.findings.into_iter().map(|f| f.diagnostic).collect()
}

fn rules(found: &[Diagnostic]) -> Vec<&str> {
    found.iter().map(|d| d.rule.as_str()).collect()
}

fn plugin_error(found: &[Diagnostic]) -> String {
    found
        .iter()
        .find(|d| d.rule == PLUGIN_ERROR_RULE)
        .and_then(|d| d.message_en.clone())
        .unwrap_or_else(|| panic!("a plugin error: {:?}", rules(found)))
}

/// The plugin, built from this tree's SDK (so of the host's build), copied alone into `dir`.
fn hanging_plugin(dir: &Path) -> PathBuf {
    let crate_dir = common::write_rust_plugin("hangs", HANGING_PLUGIN);
    let built = common::build_rust_plugin(&crate_dir, "hangs");
    let lib = dir.join(built.file_name().unwrap());
    std::fs::copy(&built, &lib).unwrap();
    lib
}

#[test]
fn an_in_process_plugin_that_hangs_is_given_up_and_moved_to_a_worker() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = hanging_plugin(tmp.path());
    let sources = Sources {
        exe_dir: Some(tmp.path().to_path_buf()),
        ..Sources::default()
    }
    .with_worker(Some(WorkerSpec {
        program: PathBuf::from(env!("CARGO_BIN_EXE_budgetlint")),
        timeout: Duration::from_secs(2),
    }));
    let linter = Linter::new(Config::default(), &sources, &mut Registry::default());
    assert_eq!(linter.problems(), &[]);

    let found = check(&linter, "plain-before.txt", PLAIN);
    assert!(rules(&found).contains(&"hangs/todo"), "{:?}", rules(&found));

    let start = Instant::now();
    let found = check(&linter, "hanging.txt", HANGING);
    assert!(
        start.elapsed() < Duration::from_secs(30),
        "came back near the limit: {:?}",
        start.elapsed()
    );
    let message = plugin_error(&found);
    assert!(message.contains("plugin `hangs`"), "{message}");
    assert!(message.contains(&lib.display().to_string()), "{message}");
    assert!(
        message.contains("did not answer within 2 s in this process"),
        "{message}"
    );
    assert!(
        message.contains("worker process from the next document on"),
        "{message}"
    );
    assert!(
        rules(&found).contains(&"wording/bufen"),
        "the other rules still report: {:?}",
        rules(&found)
    );

    // The next documents go to a worker process: findings as before.
    let found = check(&linter, "plain-after.txt", PLAIN);
    assert!(
        rules(&found).contains(&"hangs/todo") && !rules(&found).contains(&PLUGIN_ERROR_RULE),
        "{:?}",
        rules(&found)
    );
    // Hanging again, it is the worker that is stopped.
    let again = check(&linter, "hanging-again.txt", HANGING);
    let message = plugin_error(&again);
    assert!(message.contains("worker process was stopped"), "{message}");
    // The Chinese message (the default) gives the reason in Chinese too.
    let chinese = &again
        .iter()
        .find(|d| d.rule == PLUGIN_ERROR_RULE)
        .expect("a plugin error")
        .message;
    assert!(
        chinese.contains(
            "检查本文档时 2 s 内没有应答，已停止它的工作进程（时限：BUDGETLINT_PLUGIN_TIMEOUT）"
        ),
        "{chinese}"
    );
}
