//! rules.toml: which plugins load, per-rule severity and options, the province profile,
//! `extends`, and where to find more plugins, packs and the baseline.
//!
//! The nearest rules.toml above a document applies to it, alone (no implicit merging with files
//! further up); inheritance is explicit through `extends`, as in Ruff. Every error names the
//! file, line and column.

use crate::error::FileError;
use budgetlint_protocol::Severity;
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The config file name looked up from a document's directory upwards.
pub const FILE_NAME: &str = "rules.toml";

/// A rule's `severity` in rules.toml: a [`Severity`] (the one severity type), or `off`.
///
/// A severity sets the rule's level relative to its declared default: findings the rule reports
/// at its default get the configured severity, and a finding the rule grades apart keeps its
/// distance from it ([`Severity::reconfigured`]), so restating the default changes nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Off,
    On(Severity),
}

impl Level {
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::On(severity) => Some(severity),
            Level::Off => None,
        }
    }
}

impl<'de> Deserialize<'de> for Level {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        const NAMES: &[&str] = &["error", "warning", "info", "off"];
        let name = String::deserialize(de)?;
        match name.as_str() {
            "off" => Ok(Level::Off),
            other => Severity::parse(other)
                .map(Level::On)
                .ok_or_else(|| serde::de::Error::unknown_variant(other, NAMES)),
        }
    }
}

/// `profile = …` in rules.toml: `auto`, `national`, or a province named as the
/// administrative-division table knows it — Pinyin (`hebei`, `shanghai`), Chinese (`河北`,
/// `上海市`) or its GB/T 2260 code. The province is a free value: whether any rules exist for it
/// depends on the plugins and templates loaded (see [`crate::Linter::warnings`]), not on this
/// type.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ProfileSetting {
    /// Detect the province from the document.
    #[default]
    Auto,
    /// National rules only.
    National,
    /// This province (its short name, `河北`), whatever the document says.
    Province(String),
}

impl ProfileSetting {
    /// Reads a profile value; the error says what is accepted.
    pub fn parse(value: &str) -> Result<ProfileSetting, String> {
        match value.trim() {
            "auto" => return Ok(ProfileSetting::Auto),
            "national" => return Ok(ProfileSetting::National),
            _ => {}
        }
        budgetlint_model::divisions::province(value)
            .map(|d| ProfileSetting::Province(d.province.to_string()))
            .ok_or_else(|| {
                format!(
                    "unknown profile `{value}`: expected \"auto\", \"national\" or a province-level division by name \
                     (\"hebei\", \"河北\", \"河北省\", \"130000\")"
                )
            })
    }

    /// The value as rules.toml writes it: `auto`, `national` or the province's Pinyin name.
    pub fn as_config_value(&self) -> String {
        match self {
            ProfileSetting::Auto => "auto".into(),
            ProfileSetting::National => "national".into(),
            ProfileSetting::Province(p) => budgetlint_model::divisions::province_pinyin(p)
                .map_or_else(|| p.clone(), str::to_string),
        }
    }
}

impl<'de> Deserialize<'de> for ProfileSetting {
    /// From a string, through [`ProfileSetting::parse`], so that toml reports an unknown value
    /// at its own position.
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        let value = String::deserialize(de)?;
        ProfileSetting::parse(&value).map_err(serde::de::Error::custom)
    }
}

/// One `[rules."category/name"]` table: `severity` plus the rule's own options.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RuleSetting {
    pub level: Option<Level>,
    pub options: serde_json::Map<String, serde_json::Value>,
}

impl<'de> Deserialize<'de> for RuleSetting {
    /// Hand-written so that a bad `severity` is reported by toml at the value's own position,
    /// while every other key is kept as an option.
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RuleSetting;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a table with `severity` and rule options")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RuleSetting, A::Error> {
                let mut out = RuleSetting::default();
                while let Some(key) = map.next_key::<String>()? {
                    if key == "severity" {
                        out.level = Some(map.next_value()?);
                    } else {
                        out.options.insert(key, map.next_value()?);
                    }
                }
                Ok(out)
            }
        }
        de.deserialize_map(V)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    extends: Option<String>,
    profile: Option<ProfileSetting>,
    baseline: Option<String>,
    #[serde(default)]
    plugins: RawPlugins,
    #[serde(default)]
    rules: BTreeMap<String, RuleSetting>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlugins {
    enable: Option<Vec<String>>,
    #[serde(default)]
    disable: Vec<String>,
    #[serde(default)]
    dirs: Vec<String>,
    #[serde(default)]
    paths: Vec<String>,
    #[serde(default)]
    packs: Vec<String>,
    #[serde(default)]
    provinces: Vec<String>,
}

/// A loaded configuration with `extends` applied and relative paths resolved.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// The files it was read from, the most specific first (empty for the built-in default).
    pub files: Vec<PathBuf>,
    /// The SHA-256 of each file's text as it was read, in the order of `files`: what a trusted
    /// configuration is recognised by (see [`crate::trust`]).
    pub digests: Vec<String>,
    pub profile: ProfileSetting,
    /// When set, only these plugins and packs load.
    pub enable: Option<Vec<String>>,
    pub disable: Vec<String>,
    pub plugin_dirs: Vec<PathBuf>,
    pub plugin_paths: Vec<PathBuf>,
    pub packs: Vec<PathBuf>,
    /// Province template files, or directories of them (`*.toml`), besides the built-in ones.
    pub provinces: Vec<PathBuf>,
    pub baseline: Option<PathBuf>,
    pub rules: BTreeMap<String, RuleSetting>,
}

impl Config {
    /// Reads `path` and the files it extends.
    pub fn load(path: &Path) -> Result<Config, FileError> {
        load_chain(path, &mut Vec::new())
    }

    /// The nearest rules.toml in `start` or one of its ancestors.
    pub fn find_nearest(start: &Path) -> Option<PathBuf> {
        start
            .ancestors()
            .map(|dir| dir.join(FILE_NAME))
            .find(|p| p.is_file())
    }

    /// Whether the plugin or pack called `name` is switched on.
    pub fn plugin_enabled(&self, name: &str) -> bool {
        self.enable
            .as_ref()
            .is_none_or(|e| e.iter().any(|n| n == name))
            && !self.disable.iter().any(|n| n == name)
    }

    /// The configured level of a rule, if rules.toml sets one.
    /// `file:line` of the first line of the configuration files (the most specific first) that
    /// names `key` — a rule id or a plugin name — for messages about it; the first file alone
    /// when no line names it.
    pub fn locate(&self, key: &str) -> String {
        for file in &self.files {
            let Ok(text) = std::fs::read_to_string(file) else {
                continue;
            };
            if let Some(n) = text.lines().position(|line| names(line, key)) {
                return format!("{}:{}", file.display(), n + 1);
            }
        }
        self.files
            .first()
            .map(|f| f.display().to_string())
            .unwrap_or_else(|| FILE_NAME.into())
    }

    /// `file:line` of the option `key` in the table of a rule (the first `key =` line after a
    /// line that names one of `ids`, the rule's id and former ids), else of the rule.
    pub fn locate_option(&self, ids: &[&str], key: &str) -> String {
        for file in &self.files {
            let Ok(text) = std::fs::read_to_string(file) else {
                continue;
            };
            let mut lines = text.lines().enumerate();
            if lines
                .by_ref()
                .any(|(_, line)| ids.iter().any(|id| names(line, id)))
            {
                let assigns = |line: &str| {
                    line.trim_start()
                        .strip_prefix(key)
                        .is_some_and(|rest| rest.trim_start().starts_with('='))
                };
                if let Some((n, _)) = lines.find(|(_, line)| assigns(line)) {
                    return format!("{}:{}", file.display(), n + 1);
                }
            }
        }
        self.locate(ids.first().copied().unwrap_or_default())
    }

    pub fn level(&self, rule: &str) -> Option<Level> {
        self.rules.get(rule).and_then(|r| r.level)
    }

    /// The options of a rule as a JSON object (`{}` when none).
    pub fn options(&self, rule: &str) -> serde_json::Value {
        serde_json::Value::Object(
            self.rules
                .get(rule)
                .map(|r| r.options.clone())
                .unwrap_or_default(),
        )
    }

    /// One digest of all the files' texts: the file's own SHA-256 when it extends nothing (what
    /// `sha256sum rules.toml` prints), else the SHA-256 of the files' digests in order, so an
    /// edit of any file in the chain changes it. `None` for the built-in default.
    pub fn digest(&self) -> Option<String> {
        match self.digests.as_slice() {
            [] => None,
            [one] => Some(one.clone()),
            many => Some(crate::sha256::hex(many.join("\n").as_bytes())),
        }
    }

    /// `self` (a file that extends `base`) laid over `base`.
    fn over(self, base: Config) -> Config {
        let mut rules = base.rules;
        for (id, setting) in self.rules {
            let entry = rules.entry(id).or_default();
            entry.level = setting.level.or(entry.level);
            entry.options.extend(setting.options);
        }
        Config {
            files: [self.files, base.files].concat(),
            digests: [self.digests, base.digests].concat(),
            profile: if self.profile == ProfileSetting::Auto {
                base.profile
            } else {
                self.profile
            },
            enable: self.enable.or(base.enable),
            disable: [base.disable, self.disable].concat(),
            plugin_dirs: [self.plugin_dirs, base.plugin_dirs].concat(),
            plugin_paths: [self.plugin_paths, base.plugin_paths].concat(),
            packs: [base.packs, self.packs].concat(),
            provinces: [base.provinces, self.provinces].concat(),
            baseline: self.baseline.or(base.baseline),
            rules,
        }
    }
}

/// Loads one file, then what it extends, refusing cycles. `stack` holds the files being loaded.
fn load_chain(path: &Path, stack: &mut Vec<PathBuf>) -> Result<Config, FileError> {
    let canonical = std::fs::canonicalize(path).map_err(|e| FileError::io(path, &e))?;
    if stack.contains(&canonical) {
        let chain: Vec<String> = stack
            .iter()
            .chain([&canonical])
            .map(|p| p.display().to_string())
            .collect();
        return Err(
            FileError::new(path, format!("`extends` cycle: {}", chain.join(" → ")))
                .zh(format!("`extends` 形成循环：{}", chain.join(" → "))),
        );
    }
    let text = std::fs::read_to_string(path).map_err(|e| FileError::io(path, &e))?;
    let raw: RawConfig =
        toml::from_str(&text).map_err(|e| FileError::from_toml(path, &text, &e))?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let extends = raw.extends.clone();
    let config = Config {
        digests: vec![crate::sha256::hex(text.as_bytes())],
        ..resolve(raw, path, dir)
    };
    let Some(parent) = extends else {
        return Ok(config);
    };
    stack.push(canonical);
    let base = load_chain(&dir.join(parent), stack);
    stack.pop();
    Ok(config.over(base?))
}

fn resolve(raw: RawConfig, path: &Path, dir: &Path) -> Config {
    let paths = |v: Vec<String>| v.into_iter().map(|p| dir.join(p)).collect::<Vec<_>>();
    Config {
        files: vec![path.to_path_buf()],
        digests: Vec::new(),
        profile: raw.profile.unwrap_or_default(),
        enable: raw.plugins.enable,
        disable: raw.plugins.disable,
        plugin_dirs: paths(raw.plugins.dirs),
        plugin_paths: paths(raw.plugins.paths),
        packs: paths(raw.plugins.packs),
        provinces: paths(raw.plugins.provinces),
        baseline: raw.baseline.map(|b| dir.join(b)),
        rules: raw.rules,
    }
}

/// Whether a line of rules.toml names `key` as a key or a string: `[rules."a/b"]`, `"a/b" = …`,
/// `enable = ["a"]` (not as part of a longer name).
fn names(line: &str, key: &str) -> bool {
    let code = line.split('#').next().unwrap_or_default();
    code.match_indices(key).any(|(at, _)| {
        let before = code[..at].chars().next_back();
        let after = code[at + key.len()..].chars().next();
        let edge = |c: Option<char>| c.is_none_or(|c| !(c.is_alphanumeric() || "-_/".contains(c)));
        edge(before) && edge(after)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    #[test]
    fn severity_off_and_options_are_read() {
        let d = tempfile::tempdir().unwrap();
        let p = write(
            d.path(),
            "rules.toml",
            "profile = \"hebei\"\n[rules.\"a/b\"]\nseverity = \"off\"\n[rules.\"a/c\"]\nseverity = \"info\"\ntolerance = 0.5\n",
        );
        let c = Config::load(&p).unwrap();
        assert_eq!(c.profile, ProfileSetting::Province("河北".into()));
        assert_eq!(c.level("a/b"), Some(Level::Off));
        assert_eq!(c.level("a/c"), Some(Level::On(Severity::Info)));
        assert_eq!(c.options("a/c")["tolerance"], 0.5);
        assert_eq!(c.options("x/y"), serde_json::json!({}));
    }

    #[test]
    fn extends_merges_with_the_child_winning_and_detects_cycles() {
        let d = tempfile::tempdir().unwrap();
        write(d.path(), "base.toml", "profile = \"shanxi\"\n[plugins]\ndisable = [\"p\"]\n[rules.\"a/b\"]\nseverity = \"error\"\nlimit = 1\n");
        let child = write(
            d.path(),
            "rules.toml",
            "extends = \"base.toml\"\n[rules.\"a/b\"]\nlimit = 2\n",
        );
        let c = Config::load(&child).unwrap();
        assert_eq!(c.profile, ProfileSetting::Province("山西".into()));
        assert_eq!(c.level("a/b"), Some(Level::On(Severity::Error)));
        assert_eq!(c.options("a/b")["limit"], 2);
        assert!(!c.plugin_enabled("p"));
        assert_eq!(c.digests.len(), 2);
        let before = c.digest();
        write(d.path(), "base.toml", "profile = \"hebei\"\n");
        assert_ne!(
            Config::load(&child).unwrap().digest(),
            before,
            "an edit of the extended file changes the digest"
        );
        write(d.path(), "base.toml", "extends = \"rules.toml\"\n");
        let err = Config::load(&child).unwrap_err();
        assert!(err.message.contains("cycle"), "{err}");
    }

    #[test]
    fn errors_name_file_line_and_column() {
        let d = tempfile::tempdir().unwrap();
        let p = write(
            d.path(),
            "rules.toml",
            "profile = \"auto\"\n[rules.\"a/b\"]\nseverity = \"fatal\"\n",
        );
        let err = Config::load(&p).unwrap_err();
        assert_eq!(err.position, Some((3, 12)), "{err}");
        assert!(
            err.to_string()
                .starts_with(&format!("{}:3:12:", p.display())),
            "{err}"
        );
        let p = write(d.path(), "rules.toml", "profile = \n");
        assert_eq!(Config::load(&p).unwrap_err().position.map(|p| p.0), Some(1));
        let p = write(d.path(), "rules.toml", "\nprofle = \"auto\"\n");
        assert_eq!(Config::load(&p).unwrap_err().position, Some((2, 1)));
    }

    #[test]
    fn the_commented_default_at_the_repository_root_loads_as_the_default() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules.toml");
        let c = Config::load(&root).unwrap();
        assert_eq!(
            Config {
                files: vec![],
                digests: vec![],
                ..c
            },
            Config::default()
        );
    }

    #[test]
    fn the_nearest_file_is_found() {
        let d = tempfile::tempdir().unwrap();
        let sub = d.path().join("a/b");
        std::fs::create_dir_all(&sub).unwrap();
        let p = write(d.path(), "rules.toml", "");
        assert_eq!(Config::find_nearest(&sub), Some(p));
    }

    #[test]
    fn any_province_is_a_profile_by_pinyin_chinese_name_or_code() {
        let d = tempfile::tempdir().unwrap();
        for (value, expected) in [
            ("shandong", "山东"),
            ("山东", "山东"),
            ("河北", "河北"),
            ("河北省", "河北"),
            ("shanghai", "上海"),
            ("Shaanxi", "陕西"),
            ("310000", "上海"),
        ] {
            let p = write(d.path(), "rules.toml", &format!("profile = \"{value}\"\n"));
            assert_eq!(
                Config::load(&p).unwrap().profile,
                ProfileSetting::Province(expected.into()),
                "{value}"
            );
        }
        let p = write(d.path(), "rules.toml", "profile = \"national\"\n");
        assert_eq!(Config::load(&p).unwrap().profile, ProfileSetting::National);
        let p = write(d.path(), "rules.toml", "profile = \"atlantis\"\n");
        let err = Config::load(&p).unwrap_err();
        assert_eq!(err.position, Some((1, 11)), "{err}");
        assert!(err.message.contains("unknown profile `atlantis`"), "{err}");
        assert_eq!(
            ProfileSetting::Province("上海".into()).as_config_value(),
            "shanghai"
        );
    }
}
