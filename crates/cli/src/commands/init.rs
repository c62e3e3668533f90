//! `budgetlint init [--province P]`: write a commented rules.toml to start from: the chosen
//! province profile, the plugin settings, and every available rule with its default severity
//! and summary, commented out, grouped by plugin.

use crate::cli::{InitArgs, Province};
use crate::exit;
use budgetlint_engine::{Config, Linter, Registry, RuleEntry, Sources};
use std::collections::BTreeMap;

pub fn run(args: InitArgs) -> u8 {
    if args.output.exists() && !args.force {
        eprintln!(
            "budgetlint: error: {} already exists (use --force to overwrite)",
            args.output.display()
        );
        return exit::TROUBLE;
    }
    let linter = Linter::new(
        Config::default(),
        &Sources::from_process(),
        &mut Registry::default(),
    );
    let text = render(args.province, linter.rules());
    match std::fs::write(&args.output, text) {
        Ok(()) => {
            eprintln!(
                "budgetlint: wrote {} ({} rules listed)",
                args.output.display(),
                linter.rules().len()
            );
            exit::CLEAN
        }
        Err(e) => {
            eprintln!(
                "budgetlint: error: {}: cannot write: {e}",
                args.output.display()
            );
            exit::TROUBLE
        }
    }
}

fn profile_line(province: Option<Province>) -> String {
    let (value, name) = match province {
        None => return "# profile = \"auto\"\n".to_string(),
        Some(Province::Hebei) => ("hebei", "河北"),
        Some(Province::Shanxi) => ("shanxi", "山西"),
        Some(Province::Sichuan) => ("sichuan", "四川"),
        Some(Province::Henan) => ("henan", "河南"),
        Some(Province::National) => ("national", "national rules only / 仅全国通用规则"),
    };
    format!("profile = \"{value}\"  # {name}\n")
}

fn render(province: Option<Province>, rules: &[RuleEntry]) -> String {
    let mut out = String::from(HEADER);
    out.push_str(&profile_line(province));
    out.push_str(PLUGINS);
    let mut by_plugin: BTreeMap<&str, Vec<&RuleEntry>> = BTreeMap::new();
    for r in rules {
        by_plugin.entry(&r.plugin).or_default().push(r);
    }
    for (plugin, mut rules) in by_plugin {
        rules.sort_by(|a, b| a.info.id.cmp(&b.info.id));
        out.push_str(&format!("\n# ── plugin `{plugin}` ──\n"));
        for r in rules {
            out.push_str(&format!(
                "#\n# {}\n# [rules.\"{}\"]\n# severity = \"{}\"\n",
                r.info.summary.replace('\n', " "),
                r.info.id,
                r.info.default_severity.as_str()
            ));
        }
    }
    out
}

const HEADER: &str = "\
# budgetlint configuration (written by `budgetlint init`).
#
# budgetlint uses the nearest rules.toml in a document's directory or above it, or the file
# given with --config. Lines starting with # are comments: uncomment and edit what you need.
# `budgetlint rules` lists the rules, `budgetlint explain RULE` shows a rule's documentation
# and options.

# Another rules.toml to start from (relative to this file); settings here override it.
# extends = \"../rules.toml\"

# Province profile: \"auto\" (detect from the document), \"hebei\", \"shanxi\", \"sichuan\",
# \"henan\", or \"national\" (national rules only).
";

const PLUGINS: &str = "
# Baseline of accepted findings (written by `budgetlint baseline`), relative to this file.
# baseline = \".budgetlint-baseline.json\"

[plugins]
# Only load these plugins and packs (by name); default: all that are found.
# enable = [\"arithmetic\", \"structure\", \"wording\"]
# Never load these.
# disable = []
# More directories to search for plugin libraries, and explicit library files.
# dirs = [\"tools/budgetlint-plugins\"]
# paths = [\"tools/libbudgetlint_plugin_local.so\"]
# Declarative rule packs (TOML). The `wording` pack is built in.
# packs = [\"rules/packs/local-terms.toml\"]

# One table per rule: severity = \"error\" | \"warning\" | \"info\" | \"off\", plus the rule's own
# options (see `budgetlint explain RULE`). Every available rule follows with its default.
";
