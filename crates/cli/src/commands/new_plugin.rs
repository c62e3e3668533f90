//! `budgetlint new-plugin NAME`: scaffold an out-of-tree plugin crate that depends on the SDK
//! by path, builds as a cdylib, and has one working rule with unit tests.

use crate::cli::NewPluginArgs;
use crate::exit;
use std::path::{Path, PathBuf};

/// The SDK of the sources this binary was built from.
const BUILD_SDK: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../sdk");

const CARGO_TOML: &str = r#"[package]
name = "budgetlint-plugin-{{NAME}}"
version = "0.1.0"
edition = "2021"
description = "budgetlint rule plugin `{{NAME}}`"

[lib]
# A C-compatible dynamic library: budgetlint loads it at run time.
crate-type = ["cdylib"]

[dependencies]
budgetlint-sdk = { path = "{{SDK}}" }

# A workspace of its own, so the crate builds wherever it is placed.
[workspace]
"#;

const LIB_RS: &str = r#"//! budgetlint plugin `{{NAME}}`. Build with `cargo build --release`, then point budgetlint at
//! target/release (see README.md).

use budgetlint_sdk::{declare_rule, Context, Diagnostic, DocumentExt, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Template placeholders left in a published disclosure: 待补充, 待填写, XXX, TODO, and any
    /// extra strings listed in the rule's `extra` option in rules.toml.
    ///
    /// ## Why
    /// Disclosures are often written from last year's template; a placeholder that survives
    /// into the published text means a figure or a sentence was never filled in.
    pub struct PlaceholderText {
        id: "{{NAME}}/placeholder-text",
        severity: Warning,
        summary: "Template placeholder text left in the document",
        summary_zh: "文件中留有模板占位文字",
        options: {
            extra: Strings = "[]", "More placeholder strings to report";
        },
    }
}

const PLACEHOLDERS: &[&str] = &["待补充", "待填写", "XXX", "TODO"];

impl Rule for PlaceholderText {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let extra = ctx.option_strings("extra");
        let needles = PLACEHOLDERS.iter().copied().chain(extra.iter().map(String::as_str));
        for needle in needles.filter(|n| !n.is_empty()) {
            for (start, _) in ctx.doc.text.match_indices(needle) {
                let span = ctx.doc.span_of(start, start + needle.len());
                out.push(
                    Diagnostic::new(self.meta(), span, format!("模板占位文字“{needle}”未替换"))
                        .en(format!("template placeholder `{needle}` left in the text")),
                );
            }
        }
    }
}

budgetlint_sdk::export_plugin!(name: "{{NAME}}", version: env!("CARGO_PKG_VERSION"), rules: [PlaceholderText]);

#[cfg(test)]
mod tests {
    use super::*;
    use budgetlint_sdk::testing::{check_text, check_text_with};

    #[test]
    fn fires_on_a_placeholder() {
        let found = check_text(&PlaceholderText, "一、收入\n收入合计待补充万元。\n");
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].span.line, found[0].span.col), (2, 5));
    }

    #[test]
    fn passes_finished_text_and_reads_options() {
        assert!(check_text(&PlaceholderText, "收入合计10万元。").is_empty());
        let options = budgetlint_sdk::serde_json::json!({ "extra": ["（略）"] });
        let found = check_text_with(&PlaceholderText, "详见（略）", &options, &Default::default());
        assert_eq!(found.len(), 1);
    }
}
"#;

const README: &str = r#"# budgetlint-plugin-{{NAME}}

A rule plugin for budgetlint. Rule ids start with `{{NAME}}/`.

    cargo test                 # unit tests of the rules
    cargo build --release      # builds target/release/{{LIB}}

Use it without installing anything:

    BUDGETLINT_PLUGIN_PATH=$PWD/target/release budgetlint check report.txt
    budgetlint rules | grep {{NAME}}/

or install it for a project, in its rules.toml:

    [plugins]
    dirs = ["path/to/budgetlint-plugin-{{NAME}}/target/release"]

    [rules."{{NAME}}/placeholder-text"]
    severity = "error"
    extra = ["（略）"]

See docs/WRITING_PLUGINS.md and docs/PLUGIN_ABI.md in the budgetlint repository.
"#;

pub fn run(args: NewPluginArgs) -> u8 {
    match scaffold(&args) {
        Ok(dir) => {
            eprintln!(
                "budgetlint: created {}\n  cd {} && cargo test && cargo build --release",
                dir.display(),
                dir.display()
            );
            exit::CLEAN
        }
        Err(message) => {
            eprintln!("budgetlint: error: {message}");
            exit::TROUBLE
        }
    }
}

fn scaffold(args: &NewPluginArgs) -> Result<PathBuf, String> {
    validate_name(&args.name)?;
    let sdk = args.sdk.clone().unwrap_or_else(|| PathBuf::from(BUILD_SDK));
    let sdk = std::fs::canonicalize(&sdk)
        .ok()
        .filter(|p| p.join("Cargo.toml").is_file())
        .ok_or_else(|| {
            format!(
                "{}: not the budgetlint-sdk crate; pass its directory with --sdk",
                sdk.display()
            )
        })?;
    let dir = args.dir.join(format!("budgetlint-plugin-{}", args.name));
    if dir.exists() {
        return Err(format!("{}: already exists", dir.display()));
    }
    let fill = |t: &str| {
        t.replace("{{NAME}}", &args.name)
            .replace("{{SDK}}", &sdk.display().to_string().replace('\\', "/"))
            .replace(
                "{{LIB}}",
                &budgetlint_engine::discovery::library_file_name(&args.name),
            )
    };
    let files: [(&str, &str); 4] = [
        ("Cargo.toml", CARGO_TOML),
        ("src/lib.rs", LIB_RS),
        ("README.md", README),
        (".gitignore", "/target\n"),
    ];
    for (name, template) in files {
        write(&dir.join(name), &fill(template))?;
    }
    Ok(dir)
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    let parent = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .map_err(|e| format!("{}: cannot create: {e}", parent.display()))?;
    std::fs::write(path, text).map_err(|e| format!("{}: cannot write: {e}", path.display()))
}

/// Plugin names become crate names, library file names and rule-id prefixes.
fn validate_name(name: &str) -> Result<(), String> {
    let ok = name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !name.ends_with('-');
    if ok {
        Ok(())
    } else {
        Err(format!("plugin name `{name}`: use lowercase ASCII letters, digits and dashes, starting with a letter"))
    }
}
