//! `budgetlint init [--province P]`: write a commented rules.toml to start from: the chosen
//! province profile, the plugin settings, and every available rule with its default severity
//! and summary, commented out, grouped by plugin.

use crate::cli::InitArgs;
use crate::exit;
use budgetlint_engine::config::ProfileSetting;
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
    let profile = match args.province.as_deref().map(ProfileSetting::parse) {
        None => ProfileSetting::Auto,
        Some(Ok(p)) => p,
        Some(Err(e)) => {
            eprintln!("budgetlint: error: --province: {e}");
            return exit::TROUBLE;
        }
    };
    let linter = Linter::new(
        Config::default(),
        &Sources::from_process(),
        &mut Registry::default(),
    );
    let text = render(&profile, &linter);
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

/// The `profile = …` line, with what the profile means and, for a province without rules of
/// its own among those loaded, that only the national rules apply.
fn profile_line(profile: &ProfileSetting, linter: &Linter) -> String {
    let value = profile.as_config_value();
    match profile {
        ProfileSetting::Auto => format!("# profile = \"{value}\"\n"),
        ProfileSetting::National => {
            format!("profile = \"{value}\"  # national rules only / 仅全国通用规则\n")
        }
        ProfileSetting::Province(name) if linter.defines_province(name) => {
            format!("profile = \"{value}\"  # {name}\n")
        }
        ProfileSetting::Province(name) => format!(
            "profile = \"{value}\"  # {name}: no province rules are installed for it yet, so the national rules apply\n"
        ),
    }
}

fn render(profile: &ProfileSetting, linter: &Linter) -> String {
    let mut out = String::from(HEADER);
    out.push_str(&profile_line(profile, linter));
    out.push_str(PLUGINS);
    let rules = linter.rules();
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

# Province profile: \"auto\" (detect from the document), \"national\" (national rules only), or
# a province by Pinyin, Chinese name or code (\"hebei\", \"河北\", \"130000\").
";

const PLUGINS: &str = "
# Baseline of accepted findings (written by `budgetlint baseline`), relative to this file;
# default: .budgetlint-baseline.json next to this file.
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
# Province templates (TOML data, docs/PROVINCES.md); the 上海 templates are built in.
# provinces = [\"provinces\"]

# One table per rule: severity = \"error\" | \"warning\" | \"info\" | \"off\", plus the rule's own
# options (see `budgetlint explain RULE`). Every available rule follows with its default.
";
