//! Shared by the CLI integration tests: running `budgetlint` with assert_cmd in a temporary
//! workspace, copies of the seeds, and this build's plugins (dev-dependencies of this crate, so
//! cargo builds their libraries next to the test executables).
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use std::process::Output;

/// Only the built-in `wording` pack and the docnum plugin: findings that do not depend on
/// which other plugins happen to be built.
pub const WORDING_AND_DOCNUM: &str = "[plugins]\nenable = [\"wording\", \"docnum\"]\n";
pub const ONLY_WORDING: &str = "[plugins]\nenable = [\"wording\"]\n";

pub fn workspace(config: &str, docs: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("rules.toml"), config).unwrap();
    for (name, text) in docs {
        write(dir.path(), name, text.as_bytes());
    }
    dir
}

pub fn write(dir: &Path, name: &str, bytes: &[u8]) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// A workbook of one sheet named `sheet` holding `rows` from column A on, every cell an inline
/// string (no number formats to render), written here in full.
pub fn xlsx(sheet: &str, rows: &[&[&str]]) -> Vec<u8> {
    use std::io::Write;
    let cells: String = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let r = i + 1;
            let cells: String = row
                .iter()
                .zip('A'..='Z')
                .filter(|(v, _)| !v.is_empty())
                .map(|(v, c)| format!(r#"<c r="{c}{r}" t="inlineStr"><is><t>{v}</t></is></c>"#))
                .collect();
            format!(r#"<row r="{r}">{cells}</row>"#)
        })
        .collect();
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let pkg = "http://schemas.openxmlformats.org/package/2006/relationships";
    let types = "http://schemas.openxmlformats.org/package/2006/content-types";
    let office = "application/vnd.openxmlformats-officedocument.spreadsheetml";
    let parts = [
        (
            "[Content_Types].xml",
            format!(
                r#"<Types xmlns="{types}"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="{office}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="{office}.worksheet+xml"/></Types>"#
            ),
        ),
        (
            "_rels/.rels",
            format!(
                r#"<Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/workbook.xml",
            format!(
                r#"<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="{sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(
                r#"<Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!(r#"<worksheet xmlns="{main}"><sheetData>{cells}</sheetData></worksheet>"#),
        ),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, content) in parts {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

pub fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seeds")
}

/// The seed files, sorted.
pub fn seeds() -> Vec<PathBuf> {
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(seeds_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    seeds.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    seeds.sort();
    seeds
}

/// Copies the seeds into `dir` as 000.txt … 004.txt.
pub fn copy_seeds(dir: &Path) -> Vec<String> {
    seeds()
        .iter()
        .map(|s| {
            let name = s.file_name().unwrap().to_string_lossy()[..3].to_string() + ".txt";
            std::fs::copy(s, dir.join(&name)).unwrap();
            name
        })
        .collect()
}

pub fn fixture(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .unwrap()
}

/// Every built-in plugin, by name. They are dev-dependencies of budgetlint-cli, so cargo builds
/// their libraries next to the test executables (`target/debug/deps`), though not beside the
/// `budgetlint` program: only `cargo build` puts them there.
pub const BUILT_IN_PLUGINS: [&str; 12] = [
    "arithmetic",
    "classification",
    "dates",
    "docnum",
    "hebei",
    "henan",
    "indicator",
    "province",
    "shanxi",
    "sichuan",
    "structure",
    "text",
];

/// A directory holding links to the freshly built built-in plugins, first on the plugin path,
/// so the tests load this build's plugins whether or not `cargo build` has put copies (perhaps
/// from an older build) beside the program: a fresh checkout's `cargo test` (CI) has none there.
pub fn plugins_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("built-in-plugins");
    std::fs::create_dir_all(&dir).unwrap();
    let exe = std::env::current_exe().unwrap();
    for plugin in BUILT_IN_PLUGINS {
        let name = budgetlint_engine_library_name(plugin);
        let lib = exe.parent().unwrap().join(&name);
        assert!(
            lib.is_file(),
            "{} is built as a dev-dependency of budgetlint-cli",
            lib.display()
        );
        let link = dir.join(&name);
        if std::fs::read_link(&link).ok().as_deref() != Some(lib.as_path()) {
            let _ = std::fs::remove_file(&link);
            // Tests run in parallel: another one may have made the same link meanwhile.
            let _ = std::os::unix::fs::symlink(&lib, &link);
        }
    }
    dir
}

fn budgetlint_engine_library_name(plugin: &str) -> String {
    format!(
        "{}budgetlint_plugin_{}{}",
        std::env::consts::DLL_PREFIX,
        plugin.replace('-', "_"),
        std::env::consts::DLL_SUFFIX
    )
}

/// `budgetlint` run in `dir`, with this build's plugins on the path and no CI, colour, language or
/// plugin trust settings inherited from the test environment (the user's trust list is replaced
/// by a file that does not exist).
pub fn cmd(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_budgetlint"));
    c.current_dir(dir)
        .env("BUDGETLINT_PLUGIN_PATH", plugins_dir())
        .env(
            "BUDGETLINT_TRUST_FILE",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-trust-list/trusted.toml"),
        )
        .env_remove("BUDGETLINT_ALLOW_PLUGINS")
        .env_remove("BUDGETLINT_LANG")
        .env_remove("NO_COLOR")
        .env_remove("CI");
    c
}

pub fn run(dir: &Path, args: &[&str]) -> Output {
    cmd(dir).args(args).output().unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

/// The rule ids of a JSON report's diagnostics, per file.
pub fn rules_per_file(report: &serde_json::Value) -> Vec<Vec<String>> {
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            f["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d["rule"].as_str().unwrap().to_string())
                .collect()
        })
        .collect()
}

/// Chromium, installed from Debian's packages when missing and running as root; `None`, with a
/// message, when it cannot be had.
pub fn chromium() -> Option<PathBuf> {
    let found = || {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
            .into_iter()
            .map(PathBuf::from)
            .find(|p| p.is_file())
    };
    if let Some(path) = found() {
        return Some(path);
    }
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    if !root {
        eprintln!("SKIPPED the Chromium rendering: chromium is not installed and installing it needs root");
        return None;
    }
    let apt = |args: &[&str]| {
        std::process::Command::new("apt-get")
            .args(args)
            .env("DEBIAN_FRONTEND", "noninteractive")
            .output()
    };
    let installed = apt(&["update", "-qq"])
        .and_then(|_| apt(&["install", "-y", "-qq", "chromium", "fonts-wqy-microhei"]));
    match (installed, found()) {
        (_, Some(path)) => Some(path),
        (Ok(o), None) => {
            eprintln!(
                "SKIPPED the Chromium rendering: apt-get install chromium failed:\n{}",
                String::from_utf8_lossy(&o.stderr)
            );
            None
        }
        (Err(e), None) => {
            eprintln!("SKIPPED the Chromium rendering: apt-get is not available ({e})");
            None
        }
    }
}
