//! `check --fix`, `--unsafe-fixes` and `--diff`: fixes keep the file's encoding, BOM, line
//! endings, mode, owner and hard links, re-check until nothing more applies, and a failed or
//! refused write leaves the original as it was and still lists its findings.

mod support;

use budgetlint_model::SourceInfo;
use support::*;

const CONFIG: &str = WORDING_AND_DOCNUM;

fn info(encoding: &str, had_bom: bool) -> SourceInfo {
    SourceInfo {
        encoding: encoding.into(),
        had_bom,
        line_ending: String::new(),
        replaced_bytes: 0,
    }
}

fn encode(text: &str, encoding: &str, bom: bool) -> Vec<u8> {
    budgetlint_model::encode(text, &info(encoding, bom))
}

const BEFORE: &str =
    "某县财政局2021年部门预算公开说明\r\n一、依据\r\n根据冀财预【2020】5号文件编制。\r\n";
const AFTER: &str =
    "某县财政局2021年部门预算公开说明\r\n一、依据\r\n根据冀财预〔2020〕5号文件编制。\r\n";

#[test]
fn a_gbk_file_with_crlf_stays_gbk_with_crlf() {
    let dir = workspace(CONFIG, &[]);
    let gbk = encode(BEFORE, "gb18030", false);
    assert!(
        std::str::from_utf8(&gbk).is_err(),
        "the test file really is GBK"
    );
    write(dir.path(), "a.txt", &gbk);
    let out = run(dir.path(), &["check", "--fix", "--format", "json", "a.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let after = std::fs::read(dir.path().join("a.txt")).unwrap();
    assert_eq!(
        after,
        encode(AFTER, "gb18030", false),
        "GBK bytes with CRLF"
    );
    assert_eq!(after.windows(2).filter(|w| w == b"\r\n").count(), 3);
    assert!(
        stderr(&out).contains("budgetlint: 已修复 a.txt 中的 1 个问题（docnum/bracket-style）"),
        "{}",
        stderr(&out)
    );
    let report = json(&out);
    assert_eq!(report["summary"]["fixed"], 1);
    assert_eq!(report["files"][0]["encoding"], "gb18030");
    assert!(
        rules_per_file(&report)[0]
            .iter()
            .all(|r| r != "docnum/bracket-style"),
        "the fixed finding is gone"
    );
}

#[test]
fn utf8_bom_and_utf16_files_keep_their_encoding_and_bom() {
    let dir = workspace(CONFIG, &[]);
    write(dir.path(), "bom.txt", &encode(BEFORE, "utf-8", true));
    write(
        dir.path(),
        "le.txt",
        &encode(&BEFORE.replace("\r\n", "\n"), "utf-16le", true),
    );
    write(dir.path(), "be.txt", &encode(BEFORE, "utf-16be", true));
    let out = run(
        dir.path(),
        &["check", "--fix", "bom.txt", "le.txt", "be.txt"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(dir.path().join("bom.txt")).unwrap(),
        encode(AFTER, "utf-8", true)
    );
    assert_eq!(
        std::fs::read(dir.path().join("le.txt")).unwrap(),
        encode(&AFTER.replace("\r\n", "\n"), "utf-16le", true)
    );
    assert_eq!(
        std::fs::read(dir.path().join("be.txt")).unwrap(),
        encode(AFTER, "utf-16be", true)
    );
    assert!(
        stdout(&out).ends_with("已检查 3 个文件：0 个错误，0 个警告，0 个提示，3 个已修复。\n"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn unsafe_fixes_only_when_asked_and_overlapping_fixes_take_more_rounds() {
    let text = "一、部门职责\n配合地税部门完成征缴任务，依据冀财预【2020】5号【2020】5号文件。\n";
    let dir = workspace(CONFIG, &[("a.txt", text)]);
    let out = run(dir.path(), &["check", "--fix", "a.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let safe = std::fs::read_to_string(dir.path().join("a.txt")).unwrap();
    assert_eq!(
        safe, "一、部门职责\n配合地税部门完成征缴任务，依据冀财预〔2020〕5号〔2020〕5号文件。\n",
        "only the safe bracket fixes"
    );

    let out = run(dir.path(), &["check", "--fix", "--unsafe-fixes", "a.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let fixed = std::fs::read_to_string(dir.path().join("a.txt")).unwrap();
    // Round 1 adds the missing 机关代字 and replaces 地税部门; round 2 then sees the same number
    // twice in a row and removes the copy.
    assert_eq!(
        fixed,
        "一、部门职责\n配合税务部门完成征缴任务，依据冀财预〔2020〕5号文件。\n"
    );
    let err = stderr(&out);
    assert!(
        err.contains("docnum/duplicate")
            && err.contains("docnum/missing-agency")
            && err.contains("wording/abolished-tax-office"),
        "{err}"
    );
}

#[test]
fn diff_prints_a_unified_diff_without_writing() {
    let dir = workspace(
        CONFIG,
        &[(
            "a.txt",
            "一、依据\n根据冀财预【2020】5号文件编制。\n其余不变。\n",
        )],
    );
    let out = run(dir.path(), &["check", "--diff", "a.txt"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a diff means there is something to fix"
    );
    assert_eq!(
        stdout(&out),
        "--- a/a.txt\n+++ b/a.txt\n@@ -1,3 +1,3 @@\n 一、依据\n-根据冀财预【2020】5号文件编制。\n+根据冀财预〔2020〕5号文件编制。\n 其余不变。\n"
    );
    assert!(
        stderr(&out).contains("未修改任何文件；--fix 将修复 1 个文件中的 1 个问题"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.txt")).unwrap(),
        "一、依据\n根据冀财预【2020】5号文件编制。\n其余不变。\n"
    );

    let clean = workspace(
        CONFIG,
        &[("b.txt", "一、依据\n根据冀财预〔2020〕5号文件编制。\n")],
    );
    let out = run(clean.path(), &["check", "--diff", "b.txt"]);
    assert_eq!((out.status.code(), stdout(&out).as_str()), (Some(0), ""));
}

#[test]
fn fixing_standard_input_prints_the_fixed_document() {
    let dir = workspace(CONFIG, &[]);
    let out = cmd(dir.path())
        .args(["check", "--fix", "--stdin-filename", "x.txt", "-"])
        .write_stdin(encode(BEFORE, "gb18030", false))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        out.stdout,
        encode(AFTER, "gb18030", false),
        "the document, in its encoding"
    );
    assert!(
        stderr(&out).contains("已检查 1 个文件：0 个错误，0 个警告，0 个提示，1 个已修复。"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("x.txt").exists());
}

/// A write that fails part-way (here: the file size limit is hit while writing the temporary
/// file, as when a disk fills up) leaves the original bytes in place and names the file.
#[test]
fn an_interrupted_write_leaves_the_original_intact() {
    let dir = workspace(CONFIG, &[]);
    // Larger than the 1 KiB limit below, so the temporary copy cannot be written whole.
    let big = format!(
        "{BEFORE}{}",
        "本段为说明文字，内容不影响检查结果。\r\n".repeat(200)
    );
    let original = encode(&big, "gb18030", false);
    write(dir.path(), "a.txt", &original);
    // `trap '' XFSZ`: the write fails with EFBIG instead of the signal killing the process.
    let script = format!(
        "ulimit -f 1; trap '' XFSZ; exec '{}' check --fix a.txt",
        env!("CARGO_BIN_EXE_budgetlint")
    );
    let out = std::process::Command::new("sh")
        .args(["-c", &script])
        .current_dir(dir.path())
        .env("BUDGETLINT_PLUGIN_PATH", plugins_dir())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}\n{}",
        stdout(&out),
        stderr(&out)
    );
    assert_eq!(
        std::fs::read(dir.path().join("a.txt")).unwrap(),
        original,
        "the original is untouched"
    );
    let err = stderr(&out);
    assert!(
        err.contains("budgetlint: 错误：a.txt：修复未写入：无法写入临时文件："),
        "{err}"
    );
    assert!(
        stdout(&out).contains("docnum/bracket-style"),
        "the file's findings are still listed: {}",
        stdout(&out)
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no temporary file left behind: {leftovers:?}"
    );
}

/// Without permission to create the temporary file (root may create it anyway, so this part
/// only runs for other users).
#[test]
fn a_read_only_directory_leaves_the_original_intact() {
    use std::os::unix::fs::PermissionsExt;
    let dir = workspace(CONFIG, &[]);
    let docs = dir.path().join("docs");
    write(&docs, "a.txt", BEFORE.as_bytes());
    std::fs::set_permissions(&docs, std::fs::Permissions::from_mode(0o555)).unwrap();
    let probe = docs.join(".probe");
    if std::fs::write(&probe, b"").is_ok() {
        let _ = std::fs::remove_file(&probe);
        std::fs::set_permissions(&docs, std::fs::Permissions::from_mode(0o755)).unwrap();
        eprintln!("SKIPPED: running as root, a read-only directory does not stop writes (see the size-limit test)");
        return;
    }
    let out = run(dir.path(), &["check", "--fix", "docs/a.txt"]);
    std::fs::set_permissions(&docs, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(docs.join("a.txt")).unwrap(), BEFORE);
    assert!(
        stderr(&out).contains("docs/a.txt：修复未写入：无法在 "),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_file_that_does_not_reencode_identically_is_not_written() {
    let dir = workspace(CONFIG, &[]);
    // GB18030 text with a byte pair that is not GB18030 (0xFF): decoded as U+FFFD.
    let mut bytes = encode(BEFORE, "gb18030", false);
    bytes.extend_from_slice(b"\xff\xff\r\n");
    write(dir.path(), "a.txt", &bytes);
    let out = run(dir.path(), &["check", "--fix", "a.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(dir.path().join("a.txt")).unwrap(), bytes);
    assert!(
        stderr(&out).contains("a.txt：修复未写入：有 2 个字节无法按 gb18030 解码"),
        "{}",
        stderr(&out)
    );
    let out = run(dir.path(), &["check", "--fix", "--lang", "en", "a.txt"]);
    assert!(
        stderr(&out)
            .contains("a.txt: fixes not written: 2 byte(s) could not be decoded as gb18030"),
        "{}",
        stderr(&out)
    );
    assert!(
        stdout(&out).contains("docnum/bracket-style"),
        "{}",
        stdout(&out)
    );
}

fn rules_in(out: &std::process::Output) -> Vec<String> {
    rules_per_file(&json(out)).concat()
}

#[test]
fn a_read_only_file_is_refused_and_its_findings_are_listed() {
    use std::os::unix::fs::PermissionsExt;
    let dir = workspace(CONFIG, &[("a.txt", BEFORE)]);
    let path = dir.path().join("a.txt");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let out = run(dir.path(), &["check", "--fix", "--format", "json", "a.txt"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        BEFORE,
        "not written"
    );
    assert!(
        stderr(&out).contains("budgetlint: 错误：a.txt：只读：未写入；列出的是它现有的问题"),
        "{}",
        stderr(&out)
    );
    assert!(
        rules_in(&out).contains(&"docnum/bracket-style".to_string()),
        "{}",
        stdout(&out)
    );
    let report = json(&out);
    assert_eq!(report["summary"]["fixed"], 0);
    assert_eq!(report["summary"]["not_written"], 1);
    assert!(report["files"][0].get("error").is_none());
}

#[test]
fn the_mode_is_kept() {
    use std::os::unix::fs::PermissionsExt;
    let dir = workspace(CONFIG, &[("a.txt", BEFORE)]);
    let path = dir.path().join("a.txt");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let out = run(dir.path(), &["check", "--fix", "a.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), AFTER);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o7777, 0o640, "{mode:o}");
}

/// A file with two names (a hard link) is fixed in place: both names show the fix, and they
/// are still one file, with its mode.
#[test]
fn a_hard_link_still_shares_the_fixed_content() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = workspace(CONFIG, &[("a.txt", BEFORE)]);
    let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    std::fs::hard_link(&a, &b).unwrap();
    std::fs::set_permissions(&a, std::fs::Permissions::from_mode(0o640)).unwrap();
    let out = run(dir.path(), &["check", "--fix", "a.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let (ma, mb) = (
        std::fs::metadata(&a).unwrap(),
        std::fs::metadata(&b).unwrap(),
    );
    assert_eq!(ma.ino(), mb.ino(), "still one file");
    assert_eq!(ma.nlink(), 2);
    assert_eq!(ma.mode() & 0o7777, 0o640);
    assert_eq!(std::fs::read_to_string(&a).unwrap(), AFTER);
    assert_eq!(std::fs::read_to_string(&b).unwrap(), AFTER);
}

/// Run as root, `--fix` must not hand the file over to root (only root can give a file to
/// another user, so this test skips for others).
#[test]
fn the_owner_is_kept() {
    use std::os::unix::fs::MetadataExt;
    let dir = workspace(CONFIG, &[("a.txt", BEFORE)]);
    let path = dir.path().join("a.txt");
    if std::fs::metadata(&path).unwrap().uid() != 0 {
        eprintln!("SKIPPED: not root, cannot give the test file to another user");
        return;
    }
    // uid and gid 1 (daemon on Debian).
    std::os::unix::fs::chown(&path, Some(1), Some(1)).unwrap();
    let out = run(dir.path(), &["check", "--fix", "a.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), AFTER);
    let meta = std::fs::metadata(&path).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (1, 1));
}

#[test]
fn a_gb18030_bom_is_kept() {
    let dir = workspace(CONFIG, &[]);
    let bom = b"\x84\x31\x95\x33";
    let with_bom = |text: &str| [bom.as_slice(), &encode(text, "gb18030", false)].concat();
    write(dir.path(), "a.txt", &with_bom(BEFORE));
    let out = run(dir.path(), &["check", "--fix", "--format", "json", "a.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json(&out)["summary"]["fixed"], 1);
    assert_eq!(
        std::fs::read(dir.path().join("a.txt")).unwrap(),
        with_bom(AFTER)
    );
}

/// A run that was killed while writing left its temporary file; the next run that writes in
/// the same directory removes it, but not one that a running process is writing.
#[test]
fn stale_temporary_files_are_removed() {
    let dir = workspace(CONFIG, &[("a.txt", BEFORE)]);
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(600);
    let make = |name: &str| {
        let path = dir.path().join(name);
        let file = std::fs::File::create(&path).unwrap();
        file.set_modified(old).unwrap();
        path
    };
    let stale = make(&format!(".budgetlint-fix-{dead}-AbC123.tmp"));
    let older_version = make(".budgetlint-fix-Xy12Zw.tmp");
    let running = make(&format!(
        ".budgetlint-fix-{}-QrS456.tmp",
        std::process::id()
    ));
    let out = run(dir.path(), &["check", "--fix", "a.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.txt")).unwrap(),
        AFTER
    );
    assert!(!stale.exists(), "the dead run's temporary file is removed");
    assert!(!older_version.exists(), "an older version's too");
    assert!(running.exists(), "a running process's is kept");
}

#[test]
fn diff_says_would_fix() {
    let dir = workspace(CONFIG, &[("a.txt", BEFORE)]);
    let out = run(dir.path(), &["check", "--diff", "a.txt"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("budgetlint: --fix 将修复 a.txt 中的 1 个问题（docnum/bracket-style）"),
        "{err}"
    );
    assert!(!err.contains("budgetlint: fixed"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.txt")).unwrap(),
        BEFORE
    );
}
