//! A plugin called in this process gets the per-document time limit worker plugins have: a C
//! plugin built to loop forever on a document that says CRASH is loaded in process (no worker),
//! and the check of that document comes back near the limit with an error finding naming the
//! plugin and the limit, the other rules' findings still there; the next document says the
//! plugin is no longer called, and a document without a limit set is not held up either.

mod common;

use budgetlint_engine::config::Config;
use budgetlint_engine::{Linter, Registry, Sources, PLUGIN_ERROR_RULE};
use budgetlint_protocol::Diagnostic;
use std::path::Path;
use std::time::{Duration, Instant};

/// Text for the built-in wording pack (部份) and the C plugin's rule (TODO).
const PLAIN: &str = "说明\nTODO 分摊部份\n";
const LOOPING: &str = "说明 CRASH\nTODO 分摊部份\n";

fn check(linter: &Linter, name: &str, text: &str) -> Vec<Diagnostic> {
    let report = linter
        .check(Path::new(name), text.as_bytes(), None)
        .unwrap();
    report.findings.into_iter().map(|f| f.diagnostic).collect()
}

fn rules(found: &[Diagnostic]) -> Vec<&str> {
    found.iter().map(|d| d.rule.as_str()).collect()
}

/// A linter with the looping C plugin in this process (found as a built-in plugin: beside the
/// "executable"), with `limit`.
fn looping_linter(dir: &Path, limit: Duration) -> Linter {
    common::build_c_plugin(dir, "c", &["-DBL_CRASH=4"]);
    let sources = Sources {
        exe_dir: Some(dir.to_path_buf()),
        ..Sources::default()
    };
    let linter = Linter::new(Config::default(), &sources, &mut Registry::default())
        .with_plugin_timeout(Some(limit));
    assert_eq!(linter.problems(), &[]);
    linter
}

#[test]
fn an_in_process_plugin_that_loops_is_given_up_at_the_time_limit() {
    let tmp = tempfile::tempdir().unwrap();
    let linter = looping_linter(tmp.path(), Duration::from_secs(1));

    let start = Instant::now();
    let found = check(&linter, "a.txt", LOOPING);
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "the check came back near the limit: {:?}",
        start.elapsed()
    );
    let error = found
        .iter()
        .find(|d| d.rule == PLUGIN_ERROR_RULE)
        .unwrap_or_else(|| panic!("a plugin error: {:?}", rules(&found)));
    let en = error.message_en.as_deref().unwrap_or_default();
    assert!(en.contains("plugin `c`"), "{en}");
    assert!(en.contains(&tmp.path().display().to_string()), "{en}");
    assert!(en.contains("did not answer within 1 s"), "{en}");
    assert!(en.contains("BUDGETLINT_PLUGIN_TIMEOUT"), "{en}");
    assert!(
        error.message.contains("插件 c") && error.message.contains("运行失败"),
        "{}",
        error.message
    );
    // The reason is Chinese too, not only the frame around it.
    assert!(
        error.message.contains(
            "在本进程中 1 s 内没有应答，已放弃这次调用（时限：BUDGETLINT_PLUGIN_TIMEOUT）"
        ),
        "{}",
        error.message
    );
    assert!(
        rules(&found).contains(&"wording/bufen"),
        "the other rules still report: {:?}",
        rules(&found)
    );

    // Without a worker to move it to, the plugin is not called again (no second stuck thread),
    // and the rest of the check goes on.
    let start = Instant::now();
    let next = check(&linter, "b.txt", PLAIN);
    assert!(start.elapsed() < Duration::from_secs(1), "not waited for");
    let error = next
        .iter()
        .find(|d| d.rule == PLUGIN_ERROR_RULE)
        .unwrap_or_else(|| panic!("the plugin is reported as given up: {:?}", rules(&next)));
    let en = error.message_en.as_deref().unwrap_or_default();
    assert!(en.contains("no longer called"), "{en}");
    assert!(
        rules(&next).contains(&"wording/bufen"),
        "{:?}",
        rules(&next)
    );
}

#[test]
fn an_in_process_plugin_within_the_limit_reports_as_before() {
    let tmp = tempfile::tempdir().unwrap();
    let linter = looping_linter(tmp.path(), Duration::from_secs(30));
    for name in ["a.txt", "b.txt", "c.txt"] {
        let found = check(&linter, name, PLAIN);
        assert!(
            rules(&found).contains(&"c/todo") && !rules(&found).contains(&PLUGIN_ERROR_RULE),
            "{name}: {:?}",
            rules(&found)
        );
    }
}
