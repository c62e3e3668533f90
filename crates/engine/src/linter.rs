//! The check pipeline: bytes → model → profile → plugins and packs → configured severities,
//! inline suppressions and baseline → sorted findings.

use crate::baseline::{self, Baseline};
use crate::config::{Config, Level, ProfileSetting, RuleSetting};
use crate::deadline::{Call, Failure, Runner};
use crate::discovery::Sources;
use crate::error::{FileError, Message};
use crate::host::Plugin;
use crate::packs::Pack;
use crate::profile;
use crate::provinces::LoadedTemplate;
use crate::suppress::Directives;
use crate::wire::{self, WireResponse};
use budgetlint_model::{Document, LineIndex, SourceInfo, Span};
use budgetlint_protocol::abi::{ENCODING_POSTCARD, WHOLE_REQUEST};
use budgetlint_protocol::{Diagnostic, Profile, RuleInfo, RuleRequest, Severity, TextEdit};
use budgetlint_readers::{Format, Origin, ReadOptions, Reading, SourceMap};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

mod contract;
mod package;
pub use contract::PLUGIN_CONTRACT_RULE;
pub use package::Elsewhere;

/// The rule id of findings that report a plugin failure (a panic, an invalid response).
pub const PLUGIN_ERROR_RULE: &str = "budgetlint/plugin-error";

/// Plugins and packs loaded so far, by path, so each library is opened (and leaked) once
/// however many configurations name it.
#[derive(Debug, Default)]
pub struct Registry {
    plugins: HashMap<PathBuf, Result<Arc<Plugin>, FileError>>,
    packs: HashMap<PathBuf, Result<Arc<Pack>, FileError>>,
    builtin_packs: Option<Vec<Result<Arc<Pack>, FileError>>>,
}

impl Registry {
    /// The plugin at `path`, opened once, in this process or in workers as `sources` say
    /// (`Plugin::open`).
    pub fn plugin(&mut self, path: &Path, sources: &Sources) -> Result<Arc<Plugin>, FileError> {
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if !key.is_file() {
            return Err(FileError::new(path, "plugin library not found").zh("找不到插件库"));
        }
        self.plugins
            .entry(key)
            .or_insert_with(|| {
                Plugin::open(path, sources.worker.as_ref(), sources.exe_dir.as_deref())
                    .map(Arc::new)
            })
            .clone()
    }

    fn pack(&mut self, path: &Path) -> Result<Arc<Pack>, FileError> {
        self.packs
            .entry(path.to_path_buf())
            .or_insert_with(|| Pack::load(path).map(Arc::new))
            .clone()
    }

    fn builtin_packs(&mut self) -> Vec<Result<Arc<Pack>, FileError>> {
        self.builtin_packs
            .get_or_insert_with(|| {
                Pack::builtin()
                    .into_iter()
                    .map(|p| p.map(Arc::new))
                    .collect()
            })
            .clone()
    }
}

/// A plugin as one configuration uses it: the rules it is asked to run, pre-encoded.
#[derive(Debug)]
struct ActivePlugin {
    plugin: Arc<Plugin>,
    rules: HashSet<String>,
    /// The rules' part of every request to this plugin, encoded once.
    rules_json: Box<serde_json::value::RawValue>,
    /// The same, as they are lent to a plugin of this build.
    requests: Arc<[RuleRequest]>,
}

/// A rule as `budgetlint rules` lists it.
#[derive(Debug, Clone)]
pub struct RuleEntry {
    /// The plugin or pack name.
    pub plugin: String,
    /// The library or pack file it comes from.
    pub source: PathBuf,
    pub info: RuleInfo,
    /// The severity in effect under the configuration, `None` when it is off.
    pub severity: Option<Severity>,
}

/// One finding and its context hash (the baseline key).
#[derive(Debug, Clone)]
pub struct Finding {
    pub diagnostic: Diagnostic,
    pub fingerprint: String,
    /// Related places in the other files of a package (`Linter::check_package`); the
    /// diagnostic's own `related` spans are in this finding's file. Empty for a single file.
    pub elsewhere: Vec<Elsewhere>,
}

/// The result of checking one file.
#[derive(Debug)]
pub struct FileReport {
    pub path: PathBuf,
    /// The canonical text (for text files, the decoded text), which all spans index into.
    pub text: String,
    /// The format the file was read as.
    pub format: Format,
    pub source: SourceInfo,
    /// From the canonical text back to the original: pages, cells, elements.
    pub places: SourceMap,
    /// What the reader could not read but did not stop for (pages without text …), in both
    /// languages.
    pub notes: Vec<Message>,
    pub profile: Profile,
    pub findings: Vec<Finding>,
    /// How many findings inline comments and the baseline suppressed.
    pub suppressed: usize,
}

/// Everything needed to check documents under one configuration. Immutable once built, so
/// files can be checked from many threads.
#[derive(Debug)]
pub struct Linter {
    config: Config,
    plugins: Vec<ActivePlugin>,
    packs: Vec<Arc<Pack>>,
    /// Province templates (data): built in and named by `plugins.provinces`.
    templates: Vec<LoadedTemplate>,
    entries: Vec<RuleEntry>,
    /// Each loaded rule's declared default severity, what a configured level is relative to.
    defaults: HashMap<String, Severity>,
    problems: Vec<FileError>,
    warnings: Vec<Message>,
    /// Libraries rules.toml names that the trust policy kept from loading.
    withheld: Vec<PathBuf>,
    /// Where plugins were looked for, when none was found although the configuration asks for
    /// more than packs.
    no_plugins: Option<Message>,
    /// How many threads call the plugins for one document (1: one after another).
    plugin_threads: usize,
    /// Whether plugins of the host's own build are lent the document instead of an encoding.
    same_build_calls: bool,
    /// Whether PDF pages without a text layer are read by OCR (`ReadOptions::ocr`).
    ocr: bool,
    /// The binary that reads PDFs in worker processes (`ReadOptions::pdf_worker`): the plugin
    /// workers' program, when the sources have one.
    pdf_worker: Option<PathBuf>,
    /// Runs in-process plugin calls under the per-document time limit (`crate::deadline`);
    /// `None`: no limit.
    deadline: Option<Runner>,
    /// Each loaded rule's former ids (`arithmetic/scope` → `arithmetic/scope`): inline
    /// disables and baselines that name a former id still apply.
    former_ids: HashMap<String, Vec<String>>,
    /// The rules.toml tables of former ids, taken out of the configuration when the first rule
    /// naming them loads: a former id can name several rules (one split in two as it moved),
    /// and each of them takes the table.
    former_settings: HashMap<String, RuleSetting>,
}

impl Linter {
    /// Calls the plugins of one document from up to `threads` threads. Worth it when documents
    /// are checked one at a time (the language server); a batch already checks files in
    /// parallel. Plugins must be thread-safe (docs/PLUGIN_ABI.md, “Threads”).
    pub fn with_plugin_threads(mut self, threads: usize) -> Linter {
        self.plugin_threads = threads.max(1);
        self
    }

    /// Whether plugins built from the host's own model build are lent the parsed document
    /// (on by default; docs/PLUGIN_ABI.md, “Same-build calls”). Off, every plugin gets the
    /// encoded model, as out-of-tree plugins do: tests compare the two paths.
    pub fn with_same_build_calls(mut self, on: bool) -> Linter {
        self.same_build_calls = on;
        self
    }

    /// The time limit of a plugin call made in this process, per document; `None` for none.
    /// [`Linter::new`] takes the worker's limit (`BUDGETLINT_PLUGIN_TIMEOUT`) when the sources
    /// have a worker, so built-in plugins get the same limit as isolated ones.
    pub fn with_plugin_timeout(mut self, limit: Option<Duration>) -> Linter {
        self.deadline = limit.map(Runner::new);
        self
    }

    /// Loads the plugins and packs `config` asks for. Failures do not stop the build: each is
    /// recorded in [`Linter::problems`] and the rest still load.
    pub fn new(config: Config, sources: &Sources, registry: &mut Registry) -> Linter {
        let mut linter = Linter {
            config,
            plugins: Vec::new(),
            packs: Vec::new(),
            templates: Vec::new(),
            entries: Vec::new(),
            defaults: HashMap::new(),
            problems: Vec::new(),
            warnings: Vec::new(),
            withheld: Vec::new(),
            no_plugins: None,
            plugin_threads: 1,
            same_build_calls: true,
            ocr: false,
            pdf_worker: sources.worker.as_ref().map(|w| w.program.clone()),
            deadline: sources.worker.as_ref().map(|w| Runner::new(w.timeout)),
            former_ids: HashMap::new(),
            former_settings: HashMap::new(),
        };
        let mut claimed = HashSet::new();
        let mut known = BTreeSet::new();
        linter.load_packs(registry, &mut claimed, &mut known);
        linter.load_plugins(sources, registry, &mut claimed, &mut known);
        linter.load_templates();
        linter.warn_undefined_profile();
        linter.warn_unknown_rules(&claimed);
        linter.warn_unknown_plugins(&known);
        linter.warn_missing_baseline();
        linter
    }

    /// The configuration in effect.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Plugins and packs that failed to load, and missing files rules.toml names.
    pub fn problems(&self) -> &[FileError] {
        &self.problems
    }

    /// Things worth telling that do not stop a run (duplicate plugins, unknown rule ids,
    /// unknown plugin names in `enable`, missing `plugins.dirs`).
    pub fn warnings(&self) -> &[Message] {
        &self.warnings
    }

    /// The plugin libraries rules.toml names that were not loaded because the trust policy
    /// does not allow them; each front end says how to allow them in its own terms.
    pub fn withheld_plugins(&self) -> &[PathBuf] {
        &self.withheld
    }

    /// When no plugin library was found at all although the configuration asks for more than
    /// packs (a binary copied without its plugins): where the search looked and how to install.
    pub fn no_plugins_found(&self) -> Option<&Message> {
        self.no_plugins.as_ref()
    }

    /// Every loaded rule, including those switched off.
    pub fn rules(&self) -> &[RuleEntry] {
        &self.entries
    }

    /// Whether a loaded plugin or province template has rules for `province` (short name,
    /// `上海`): a profile naming another province applies the national rules only.
    pub fn defines_province(&self, province: &str) -> bool {
        self.plugins
            .iter()
            .any(|a| a.plugin.info.provinces.iter().any(|p| p == province))
            || self
                .templates
                .iter()
                .any(|t| t.template.province == province)
    }

    /// The province templates loaded (built in, then those rules.toml names).
    pub fn templates(&self) -> &[LoadedTemplate] {
        &self.templates
    }

    /// The loaded packs (for `test-rules`).
    pub fn packs(&self) -> &[Arc<Pack>] {
        &self.packs
    }

    /// Loads the packs; `known` collects every pack name, enabled or not.
    fn load_packs(
        &mut self,
        registry: &mut Registry,
        claimed: &mut HashSet<String>,
        known: &mut BTreeSet<String>,
    ) {
        let mut packs = registry.builtin_packs();
        packs.extend(self.config.packs.iter().map(|p| registry.pack(p)));
        let mut names = HashSet::new();
        for pack in packs {
            if let Ok(pack) = &pack {
                known.insert(pack.name.clone());
            }
            match pack {
                Err(e) => self.problems.push(e),
                Ok(pack) if !self.config.plugin_enabled(&pack.name) => {}
                Ok(pack) if !names.insert(pack.name.clone()) => {
                    let (path, name) = (pack.path.display(), &pack.name);
                    self.warnings.push(Message::new(
                        format!("{path}: pack `{name}` is already loaded; ignored"),
                        format!("{path}：规则包 `{name}` 已经加载过，忽略这一个"),
                    ))
                }
                Ok(pack) => {
                    for rule in &pack.rules {
                        self.claim(claimed, &pack.name, &pack.path, &rule.info);
                    }
                    self.packs.push(pack);
                }
            }
        }
    }

    /// Loads the built-in province templates and those rules.toml names (data: no trust
    /// needed); a broken file is a problem naming it, the others still load.
    fn load_templates(&mut self) {
        self.templates = crate::provinces::built_in();
        let (loaded, errors) = crate::provinces::load(&self.config.provinces);
        self.templates.extend(loaded);
        self.problems.extend(errors);
    }

    /// A profile naming a province for which nothing is loaded runs the national rules only:
    /// say so rather than let `profile = "shandong"` look like it checked Shandong's template.
    fn warn_undefined_profile(&mut self) {
        let ProfileSetting::Province(province) = &self.config.profile else {
            return;
        };
        if self.defines_province(province) {
            return;
        }
        let (file, value) = (self.config_file(), self.config.profile.as_config_value());
        self.warnings.push(Message::new(
            format!(
                "{file}: `profile = \"{value}\"` ({province}): no loaded plugin or province template has rules for {province}, so only the national rules apply (add a template with `plugins.provinces`, see docs/PROVINCES.md)"
            ),
            format!(
                "{file}：`profile = \"{value}\"`（{province}）：已加载的插件和省份模板中没有{province}的规则，只检查全国通用规则（可用 `plugins.provinces` 添加模板，见 docs/PROVINCES.md）"
            ),
        ));
    }

    /// Loads the plugins the trust policy allows; `known` collects every plugin name, enabled
    /// or not.
    fn load_plugins(
        &mut self,
        sources: &Sources,
        registry: &mut Registry,
        claimed: &mut HashSet<String>,
        known: &mut BTreeSet<String>,
    ) {
        self.warn_missing_dirs();
        let screened = sources.trust.screen(&self.config, &sources.builtin_dirs());
        for path in screened.paths.iter().filter(|p| !p.is_file()) {
            self.problems.push(
                FileError::new(path, "plugin library named in rules.toml does not exist")
                    .zh("rules.toml 指定的插件库不存在"),
            );
        }
        let explicit: Vec<PathBuf> = screened
            .paths
            .iter()
            .filter(|p| p.is_file())
            .cloned()
            .collect();
        let candidates = sources.candidates(&explicit, &screened.dirs);
        self.withheld = screened.withheld;
        if candidates.is_empty() && self.asks_for_plugins(known) {
            self.no_plugins = Some(where_plugins_were_looked_for(sources, &screened.dirs));
        }
        let mut names: HashMap<String, PathBuf> = self
            .packs
            .iter()
            .map(|p| (p.name.clone(), p.path.clone()))
            .collect();
        for path in candidates {
            let plugin = match registry.plugin(&path, sources) {
                Ok(p) => p,
                Err(e) => {
                    self.problems.push(e);
                    continue;
                }
            };
            known.insert(plugin.info.name.clone());
            if !self.config.plugin_enabled(&plugin.info.name) {
                continue;
            }
            if let Some(first) = names.get(&plugin.info.name) {
                let (path, name, first) = (path.display(), &plugin.info.name, first.display());
                self.warnings.push(Message::new(
                    format!("{path}: plugin `{name}` is already loaded from {first}; ignored"),
                    format!("{path}：插件 `{name}` 已经从 {first} 加载，忽略这一个"),
                ));
                continue;
            }
            names.insert(plugin.info.name.clone(), path.clone());
            self.activate(plugin, claimed);
        }
    }

    fn activate(&mut self, plugin: Arc<Plugin>, claimed: &mut HashSet<String>) {
        self.inherit_split_settings(&plugin.info.rules);
        let mut requests = Vec::new();
        for rule in &plugin.info.rules {
            if self.claim(claimed, &plugin.info.name, &plugin.path, rule) {
                requests.push(RuleRequest {
                    id: rule.id.clone(),
                    options: self.config.options(&rule.id),
                });
            }
        }
        if requests.is_empty() {
            return;
        }
        let rules = requests.iter().map(|r| r.id.clone()).collect();
        self.plugins.push(ActivePlugin {
            rules_json: wire::encode_rules(&requests),
            requests: requests.into(),
            rules,
            plugin,
        });
    }

    /// Records a rule for `rules`; true when it is new and not switched off.
    fn claim(
        &mut self,
        claimed: &mut HashSet<String>,
        plugin: &str,
        source: &Path,
        info: &RuleInfo,
    ) -> bool {
        if !claimed.insert(info.id.clone()) {
            let (source, id) = (source.display(), &info.id);
            self.warnings.push(Message::new(
                format!("{source}: rule `{id}` is already provided by another plugin; ignored"),
                format!("{source}：规则 `{id}` 已由另一个插件提供，忽略这一个"),
            ));
            return false;
        }
        self.adopt_former_ids(info);
        self.check_options(info);
        let severity = self.severity(&info.id, info.default_severity);
        self.defaults.insert(info.id.clone(), info.default_severity);
        self.entries.push(RuleEntry {
            plugin: plugin.to_string(),
            source: source.to_path_buf(),
            info: info.clone(),
            severity,
        });
        severity.is_some()
    }

    /// A rule split from another (`split_from`: one of the older rule's judgements given its
    /// own id) is configured like it when rules.toml has no table of its own: switched off with
    /// it, and moved by as many steps as the older rule's level was moved from its default (a
    /// doubt that was an info under an error rule set to warning stays an info), with the
    /// options it shares. Inline disables and baseline entries naming the older rule apply too
    /// (`former_ids`). No warning: the older rule still exists and its table is still right.
    fn inherit_split_settings(&mut self, rules: &[RuleInfo]) {
        for rule in rules {
            let Some(parent) = &rule.split_from else {
                continue;
            };
            self.former_ids
                .entry(rule.id.clone())
                .or_default()
                .push(parent.clone());
            if self.config.rules.contains_key(&rule.id) {
                continue;
            }
            let Some(setting) = self.config.rules.get(parent) else {
                continue;
            };
            let parent_default = rules
                .iter()
                .find(|r| &r.id == parent)
                .map(|r| r.default_severity)
                .or_else(|| self.defaults.get(parent).copied())
                .unwrap_or(rule.default_severity);
            let level = setting.level.map(|level| match level {
                Level::Off => Level::Off,
                Level::On(configured) => Level::On(
                    rule.default_severity
                        .reconfigured(parent_default, configured),
                ),
            });
            let options = setting
                .options
                .iter()
                .filter(|(key, _)| rule.options.iter().any(|o| &o.name == *key))
                .map(|(key, value)| (key.clone(), value.clone()))
                .collect();
            self.config
                .rules
                .insert(rule.id.clone(), RuleSetting { level, options });
        }
    }

    /// A rule that was renamed keeps its configuration: a `[rules."old/id"]` table applies to
    /// the rule under its new id (unless the new id has its own), and a warning says so. An old
    /// id that several rules list (its judgements now have ids of their own) applies to each.
    fn adopt_former_ids(&mut self, info: &RuleInfo) {
        if info.aliases.is_empty() {
            return;
        }
        self.former_ids
            .entry(info.id.clone())
            .or_default()
            .extend(info.aliases.iter().cloned());
        for alias in &info.aliases {
            if let Some(setting) = self.config.rules.remove(alias) {
                self.former_settings.insert(alias.clone(), setting);
            }
            let Some(setting) = self.former_settings.get(alias).cloned() else {
                continue;
            };
            let at = self.config.locate(alias);
            let new = &info.id;
            if self.config.rules.contains_key(new) {
                self.warnings.push(Message::new(
                    format!("{at}: rule `{alias}` was renamed `{new}`, which is configured too; the settings of `{alias}` are ignored"),
                    format!("{at}：规则 `{alias}` 已更名为 `{new}`，而 `{new}` 也有配置；`{alias}` 的设置被忽略"),
                ));
            } else {
                self.warnings.push(Message::new(
                    format!("{at}: rule `{alias}` was renamed `{new}`; its settings apply to `{new}` (rename the table)"),
                    format!("{at}：规则 `{alias}` 已更名为 `{new}`，其设置用于 `{new}`（请改表名）"),
                ));
                self.config.rules.insert(new.clone(), setting);
            }
        }
    }

    /// The options of the rule's rules.toml table against those it declares: an unknown key
    /// (a typo runs the rule with its default) or a value of the wrong type is reported.
    fn check_options(&mut self, info: &RuleInfo) {
        let Some(setting) = self.config.rules.get(&info.id) else {
            return;
        };
        let mut problems = Vec::new();
        for (key, value) in &setting.options {
            match info.options.iter().find(|o| &o.name == key) {
                None => problems.push((key.clone(), unknown_option(info, key))),
                Some(o) if !o.kind.accepts(value) => {
                    let (id, kind, default) = (&info.id, o.kind.as_str(), &o.default);
                    problems.push((
                        key.clone(),
                        Message::new(
                            format!("option `{key}` of rule `{id}` must be a {kind}, not `{value}`; the default {default} applies"),
                            format!("规则 `{id}` 的选项 `{key}` 须为 {kind}，不能是 `{value}`；使用默认值 {default}"),
                        ),
                    ))
                }
                Some(_) => {}
            }
        }
        for (key, message) in problems {
            let ids: Vec<&str> = self.ids_of(&info.id).collect();
            let at = self.config.locate_option(&ids, &key);
            self.warnings.push(Message::new(
                format!("{at}: {}", message.en),
                format!("{at}：{}", message.zh),
            ));
        }
    }

    /// The ids that name `rule`: its own and its former ones.
    fn ids_of<'a>(&'a self, rule: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        std::iter::once(rule).chain(
            self.former_ids
                .get(rule)
                .into_iter()
                .flatten()
                .map(String::as_str),
        )
    }

    /// Whether the configuration wants any plugin: not when `enable` lists packs only.
    fn asks_for_plugins(&self, packs: &BTreeSet<String>) -> bool {
        self.config
            .enable
            .as_ref()
            .is_none_or(|names| names.iter().any(|n| !packs.contains(n)))
    }

    /// The rules.toml in effect, for messages about it.
    fn config_file(&self) -> String {
        self.config
            .files
            .first()
            .map(|f| f.display().to_string())
            .unwrap_or_else(|| "rules.toml".into())
    }

    /// A `plugins.dirs` entry that is not a directory finds nothing; say so rather than run
    /// without the plugins it was meant to hold.
    fn warn_missing_dirs(&mut self) {
        let file = self.config_file();
        for dir in self.config.plugin_dirs.iter().filter(|d| !d.is_dir()) {
            let dir = dir.display();
            self.warnings.push(Message::new(
                format!("{file}: plugin directory {dir} named in `plugins.dirs` does not exist"),
                format!("{file}：`plugins.dirs` 中的插件目录 {dir} 不存在"),
            ));
        }
    }

    /// A `baseline` that rules.toml names but that is not there suppresses nothing; a wrong
    /// name would otherwise pass silently, every accepted finding back. (The default file next
    /// to rules.toml may well be absent: only a named one is warned about.)
    fn warn_missing_baseline(&mut self) {
        let Some(path) = self.config.baseline.as_ref().filter(|p| !p.exists()) else {
            return;
        };
        let (file, path) = (self.config_file(), path.display());
        self.warnings.push(Message::new(
            format!(
                "{file}: baseline {path} named in `baseline` does not exist: it suppresses \
                 nothing (`budgetlint baseline` writes it)"
            ),
            format!(
                "{file}：`baseline` 指定的基线文件 {path} 不存在：不会忽略任何问题\
                 （`budgetlint baseline` 会生成它）"
            ),
        ));
    }

    /// An `enable` entry that names no plugin or pack runs nothing; a typo there would
    /// otherwise pass silently as a clean run.
    fn warn_unknown_plugins(&mut self, known: &BTreeSet<String>) {
        let Some(enable) = &self.config.enable else {
            return;
        };
        let unknown: Vec<&String> = enable.iter().filter(|n| !known.contains(*n)).collect();
        if unknown.is_empty() {
            return;
        }
        let known_list: Vec<&str> = known.iter().map(String::as_str).collect();
        let known_list = known_list.join(", ");
        let (withheld, withheld_zh) = if self.withheld.is_empty() {
            ("", "")
        } else {
            (
                " (plugins that were not allowed to load are not counted)",
                "（未获准加载的插件不计在内）",
            )
        };
        for name in unknown {
            let file = self.config.locate(name);
            self.warnings.push(Message::new(
                format!("{file}: `plugins.enable` names `{name}`, which no plugin or pack provides{withheld}, so it runs nothing; known: {known_list}"),
                format!("{file}：`plugins.enable` 列出的 `{name}` 不是任何插件或规则包{withheld_zh}，因此什么也不运行；已知的有：{known_list}"),
            ));
        }
    }

    fn warn_unknown_rules(&mut self, claimed: &HashSet<String>) {
        let unknown: Vec<String> = self
            .config
            .rules
            .keys()
            .filter(|id| {
                !claimed.contains(*id)
                    && id.as_str() != PLUGIN_ERROR_RULE
                    && id.as_str() != PLUGIN_CONTRACT_RULE
            })
            .cloned()
            .collect();
        for id in unknown {
            let at = self.config.locate(&id);
            let similar = self
                .entries
                .iter()
                .find(|e| e.info.id.rsplit('/').next() == id.rsplit('/').next())
                .map(|e| e.info.id.as_str());
            let hint = similar.map(|s| format!(" (did you mean `{s}`?)"));
            let hint_zh = similar.map(|s| format!("（是否要写 `{s}`？）"));
            self.warnings.push(Message::new(
                format!(
                    "{at}: no loaded plugin or pack provides rule `{id}`{}; its settings are ignored",
                    hint.unwrap_or_default()
                ),
                format!(
                    "{at}：已加载的插件和规则包中没有规则 `{id}`{}；其设置被忽略",
                    hint_zh.unwrap_or_default()
                ),
            ));
        }
    }

    /// The severity of a rule under the configuration: the configured level, else `default`.
    fn severity(&self, rule: &str, default: Severity) -> Option<Severity> {
        match self.config.level(rule) {
            Some(level) => level.severity(),
            None => Some(default),
        }
    }

    /// Reads one file in whatever format its content shows and checks it. `Err` only when the
    /// file cannot be read.
    pub fn check(
        &self,
        path: &Path,
        bytes: &[u8],
        baseline: Option<&Baseline>,
    ) -> Result<FileReport, FileError> {
        let mut reading = self.read(path, bytes)?;
        let text = std::mem::take(&mut reading.text);
        Ok(self.check_reading(path, reading, budgetlint_model::parse_text(text), baseline))
    }

    /// Checks the text an editor holds, reusing `doc`, the model the editor already parsed from
    /// that text for its outline and hovers, when the reader keeps the text as it is (a plain
    /// text buffer): one parse per version. A text the reader rebuilds (`pdftotext -layout`
    /// output) is parsed from the rebuilt text, as [`Linter::check`] does.
    pub fn check_buffer(
        &self,
        path: &Path,
        doc: &Document,
        baseline: Option<&Baseline>,
    ) -> Result<FileReport, FileError> {
        let mut reading = read(path, doc.text.as_bytes())?;
        let parsed = if reading.origin.is_none() && reading.text == doc.text {
            doc.clone()
        } else {
            budgetlint_model::parse_text(std::mem::take(&mut reading.text))
        };
        Ok(self.check_reading(path, reading, parsed, baseline))
    }

    /// Checks `doc`, parsed from `reading`'s text, and moves the findings back onto the file's
    /// own text when the reader rebuilt it.
    fn check_reading(
        &self,
        path: &Path,
        mut reading: Reading,
        mut doc: Document,
        baseline: Option<&Baseline>,
    ) -> FileReport {
        let origin = reading.origin.take();
        doc.source = reading.source;
        let mut report = self.check_document(path, doc, baseline);
        report.format = reading.format;
        report.places = reading.places;
        report.notes = reading.notes.into_iter().map(Message::from).collect();
        if let Some(origin) = origin {
            rebase(&mut report, origin);
        }
        report
    }

    /// Reads PDF pages without a text layer by OCR (tesseract with chi_sim), marked as such.
    pub fn with_ocr(mut self, on: bool) -> Linter {
        self.ocr = on;
        self
    }

    /// Reads a file as this linter's options say (see [`read`]).
    fn read(&self, path: &Path, bytes: &[u8]) -> Result<Reading, FileError> {
        let options = ReadOptions {
            ocr: self.ocr,
            pdf_worker: self.pdf_worker.clone(),
            ..ReadOptions::default()
        };
        read_with(path, bytes, &options)
    }

    /// Checks a parsed document (read from a text format: the report names no places).
    pub fn check_document(
        &self,
        path: &Path,
        mut doc: Document,
        baseline: Option<&Baseline>,
    ) -> FileReport {
        let mut profile =
            profile::resolve_with(&self.config.profile, &doc, &self.docnum_prefixes());
        profile::apply_to_meta(&profile, &mut doc);
        profile.templates = self.templates_for(&profile);
        let index = LineIndex::new(&doc.text);
        // Shared, so that a plugin call abandoned at the time limit can keep reading it.
        let doc = Arc::new(doc);
        let mut diags = self.run_plugins(&doc, &profile, &index);
        diags.extend(self.run_packs(&doc, &index));
        diags.retain_mut(|d| self.configure(d));
        let before = diags.len();
        let directives = Directives::parse(&doc.text);
        diags.retain(|d| {
            !self
                .ids_of(&d.rule)
                .any(|id| directives.suppresses(id, d.span.line))
        });
        let mut findings: Vec<(Diagnostic, String)> = diags
            .into_iter()
            .map(|d| {
                let context = baseline::fingerprint(&doc.text, &d);
                (d, context)
            })
            .collect();
        let mut suppressed = before - findings.len();
        if let Some(b) = baseline {
            suppressed += b.suppress_with(path, &mut findings, |rule| {
                self.former_ids.get(rule).map_or(&[][..], Vec::as_slice)
            });
        }
        findings.sort_by(|a, b| order(&a.0, &b.0));
        let findings = findings
            .into_iter()
            .map(|(diagnostic, fingerprint)| Finding {
                diagnostic,
                fingerprint,
                elsewhere: Vec::new(),
            })
            .collect();
        let places = SourceMap::pages_from_form_feeds(&doc.text);
        let (text, source) = match Arc::try_unwrap(doc) {
            Ok(doc) => (doc.text, doc.source),
            // An abandoned call still holds the document.
            Err(shared) => (shared.text.clone(), shared.source.clone()),
        };
        FileReport {
            path: path.to_path_buf(),
            text,
            format: Format::Text,
            source,
            places,
            notes: Vec::new(),
            profile,
            findings,
            suppressed,
        }
    }

    /// The 机关代字 prefixes the loaded templates declare, with their province.
    fn docnum_prefixes(&self) -> Vec<(String, String)> {
        self.templates
            .iter()
            .flat_map(|t| {
                t.template
                    .docnum_prefixes
                    .iter()
                    .map(|p| (p.clone(), t.template.province.clone()))
            })
            .collect()
    }

    /// The templates of the profile's province (none without a province).
    fn templates_for(&self, profile: &Profile) -> Vec<budgetlint_protocol::ProvinceTemplate> {
        let Some(province) = &profile.province else {
            return Vec::new();
        };
        self.templates
            .iter()
            .filter(|t| &t.template.province == province)
            .map(|t| (*t.template).clone())
            .collect()
    }

    /// Applies the configured level; false when the rule is off. A configured severity is
    /// relative to the rule's declared default ([`Severity::reconfigured`]): a rules.toml that
    /// restates the default changes no finding.
    fn configure(&self, d: &mut Diagnostic) -> bool {
        match self.config.level(&d.rule) {
            Some(Level::Off) => false,
            Some(Level::On(configured)) => {
                // A finding under an id its plugin did not declare has no default to be
                // relative to: it takes the configured severity.
                let default = self.defaults.get(&d.rule).copied().unwrap_or(d.severity);
                d.severity = d.severity.reconfigured(default, configured);
                true
            }
            None => true,
        }
    }

    /// Encodes the document once and asks each plugin for its rules' findings.
    fn run_plugins(
        &self,
        doc: &Arc<Document>,
        profile: &Profile,
        index: &LineIndex,
    ) -> Vec<Diagnostic> {
        let active: Vec<&ActivePlugin> = self
            .plugins
            .iter()
            .filter(|a| a.plugin.info.applies_to(profile))
            .collect();
        if active.is_empty() {
            return Vec::new();
        }
        let requests = encode_requests(doc, profile, &active, self.same_build_calls);
        // Shared like the document: same-build plugins read it in place.
        let profile = Arc::new(profile.clone());
        let responses = self.call_plugins(doc, &profile, &requests);
        let mut out = Vec::new();
        for ((active, _), response) in requests.iter().zip(responses) {
            match response {
                Ok(response) => {
                    // The contract (docs/PLUGIN_ABI.md “One judgement per rule id”): each
                    // finding under a rule it was asked to run, at that rule's default.
                    let mut breaches = contract::Breaches::default();
                    for d in response.diagnostics {
                        let d = d.into_diagnostic(&doc.text, index);
                        out.extend(breaches.admit(d, &active.rules, &self.defaults));
                    }
                    let library = active.plugin.path.display().to_string();
                    out.extend(breaches.report(
                        &active.plugin.info.name,
                        &library,
                        index,
                        &doc.text,
                    ));
                    // A plugin's own reason is in the one language its author wrote.
                    out.extend(response.errors.iter().map(|e| {
                        let reason = Message::new(e.message.clone(), e.message.clone());
                        plugin_error(&active.plugin, &e.rule, &reason, index, &doc.text)
                    }));
                }
                Err(reason) => out.push(plugin_error(
                    &active.plugin,
                    WHOLE_REQUEST,
                    &reason,
                    index,
                    &doc.text,
                )),
            }
        }
        out
    }

    /// The responses in request order, from one thread or several.
    fn call_plugins(
        &self,
        doc: &Arc<Document>,
        profile: &Arc<Profile>,
        requests: &[(&ActivePlugin, Request)],
    ) -> Vec<Result<crate::wire::WireResponse, Message>> {
        let call = |chunk: &[(&ActivePlugin, Request)]| match &self.deadline {
            Some(runner) => call_with_deadline(runner, chunk, doc, profile),
            None => chunk
                .iter()
                .map(|(a, r)| call_plugin(&a.plugin, r, doc, profile))
                .collect::<Vec<_>>(),
        };
        if self.plugin_threads <= 1 || requests.len() <= 1 {
            return call(requests);
        }
        let per_thread = requests.len().div_ceil(self.plugin_threads);
        std::thread::scope(|scope| {
            let handles: Vec<_> = requests
                .chunks(per_thread)
                .map(|chunk| (chunk.len(), scope.spawn(move || call(chunk))))
                .collect();
            handles
                .into_iter()
                .flat_map(|(len, h)| {
                    h.join()
                        .unwrap_or_else(|_| (0..len).map(|_| Err(host_panic())).collect())
                })
                .collect()
        })
    }

    fn run_packs(&self, doc: &Document, index: &LineIndex) -> Vec<Diagnostic> {
        let enabled = |id: &str| self.config.level(id) != Some(Level::Off);
        self.packs
            .iter()
            .flat_map(|p| &p.rules)
            .filter(|r| enabled(&r.info.id))
            .flat_map(|r| r.check(doc, index))
            .collect()
    }
}

/// The message for a run that found no plugin library: every place searched, and how to
/// install the plugins.
/// A rules.toml option the rule does not declare (a typo runs the rule with its default).
fn unknown_option(info: &RuleInfo, key: &str) -> Message {
    let id = &info.id;
    let known: Vec<&str> = info.options.iter().map(|o| o.name.as_str()).collect();
    let (known_en, known_zh) = if known.is_empty() {
        ("it has none".to_string(), "它没有选项".to_string())
    } else {
        let list = known.join(", ");
        (format!("its options: {list}"), format!("它的选项：{list}"))
    };
    Message::new(
        format!("rule `{id}` has no option `{key}` ({known_en}); ignored"),
        format!("规则 `{id}` 没有选项 `{key}`（{known_zh}）；已忽略"),
    )
}

fn where_plugins_were_looked_for(sources: &Sources, config_dirs: &[PathBuf]) -> Message {
    let pattern = format!(
        "{}budgetlint_plugin_*{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    );
    let beside = sources.exe_dir.as_ref().map(|d| d.display().to_string());
    let env_path = sources
        .env_path
        .as_ref()
        .map(|p| p.to_string_lossy().into_owned());
    let dirs: Vec<String> = config_dirs
        .iter()
        .map(|d| d.display().to_string())
        .collect();
    let dirs = (!dirs.is_empty()).then(|| dirs.join(", "));
    let en = format!(
        "no rule plugin was found: only the declarative rule packs are available, and the checks \
         of the plugins (sums, percentages, 发文字号, province templates) are missing. Looked for {pattern} beside \
         the budgetlint program ({}), in BUDGETLINT_PLUGIN_PATH ({}) and in the allowed \
         `plugins.dirs` of rules.toml ({}). To install: put the plugin libraries in the same folder as the \
         budgetlint program (`cargo build --release` leaves both in target/release/), or set \
         BUDGETLINT_PLUGIN_PATH to the folder that holds them.",
        beside.as_deref().unwrap_or("unknown"),
        env_path.as_deref().unwrap_or("not set"),
        dirs.as_deref().unwrap_or("none"),
    );
    let zh = format!(
        "未找到规则插件：只有声明式规则包可用，插件的检查（合计、百分比、发文字号、省份模板）都不会运行。\
         查找了 budgetlint 程序所在目录（{}）、BUDGETLINT_PLUGIN_PATH（{}）和 rules.toml 中获准的 \
         `plugins.dirs`（{}）下的 {pattern}。安装方法：把插件库放在 budgetlint 程序所在的目录\
         （`cargo build --release` 会把两者都放在 target/release/），或把 BUDGETLINT_PLUGIN_PATH 设为插件库所在的目录。",
        beside.as_deref().unwrap_or("未知"),
        env_path.as_deref().unwrap_or("未设置"),
        dirs.as_deref().unwrap_or("无"),
    );
    Message::new(en, zh)
}

/// One plugin call, in the calling thread (a worker's own time limit applies to an isolated
/// plugin).
fn call_plugin(
    plugin: &Plugin,
    request: &Request,
    doc: &Document,
    profile: &Profile,
) -> Result<WireResponse, Message> {
    match request {
        Request::Encoded(bytes) => plugin.check(bytes),
        Request::SameBuild(rules) => plugin.check_native(rules, doc, profile),
    }
}

/// The calls of one document: those in this process on a [`Runner`] thread, one batch for
/// all of them (one hand-over per document), each given up at the time limit: an overrun is an
/// error naming the limit, and the plugin leaves this process (`Plugin::mark_overran`). Calls
/// to worker processes have their own limit and are made from this thread.
fn call_with_deadline(
    runner: &Runner,
    chunk: &[(&ActivePlugin, Request)],
    doc: &Arc<Document>,
    profile: &Arc<Profile>,
) -> Vec<Result<WireResponse, Message>> {
    let in_process: Vec<bool> = chunk
        .iter()
        .map(|(a, _)| a.plugin.runs_in_process())
        .collect();
    let calls: Vec<Call<Result<WireResponse, Message>>> = chunk
        .iter()
        .zip(&in_process)
        .filter(|(_, here)| **here)
        .map(|((a, r), _)| {
            // A same-build request is a shared list of rules; a full encoding is sent in process
            // only when same-build calls are off (a test setting).
            let (plugin, request) = (a.plugin.clone(), r.clone());
            let (doc, profile) = (doc.clone(), profile.clone());
            Box::new(move || call_plugin(&plugin, &request, &doc, &profile)) as Call<_>
        })
        .collect();
    let mut timed = runner.run_each(calls).into_iter();
    chunk
        .iter()
        .zip(&in_process)
        .map(|((a, r), here)| {
            if !here {
                return call_plugin(&a.plugin, r, doc, profile);
            }
            match timed.next() {
                Some(Ok(response)) => response,
                Some(Err(Failure::TimedOut(limit))) => {
                    let (next, next_zh) = a.plugin.mark_overran();
                    let (limit, env) = (crate::worker::seconds(limit), crate::worker::TIMEOUT_ENV);
                    Err(Message::new(
                        format!("did not answer within {limit} in this process, so its call was abandoned (limit: {env}); {next}"),
                        format!("在本进程中 {limit} 内没有应答，已放弃这次调用（时限：{env}）；{next_zh}"),
                    ))
                }
                Some(Err(Failure::Panicked)) | None => Err(host_panic()),
            }
        })
        .collect()
}

/// The reason of a plugin call whose thread panicked on the host's side.
fn host_panic() -> Message {
    Message::new(
        "the plugin call panicked in the host",
        "插件调用在宿主一侧发生 panic",
    )
}

/// What a plugin is sent for one document.
#[derive(Clone)]
enum Request {
    /// The full request with the encoded model.
    Encoded(Vec<u8>),
    /// The rules only: the plugin is of the host's build and is lent them with the document
    /// and the profile.
    SameBuild(Arc<[RuleRequest]>),
}

/// One request per plugin. Plugins of the host's own build read the parsed document in place;
/// for the others each encoding of the model is made at most once per document and shared by
/// the plugins that accept it (Rust plugins take postcard, which decodes about four times
/// faster than JSON).
fn encode_requests<'a>(
    doc: &Document,
    profile: &Profile,
    active: &[&'a ActivePlugin],
    same_build_calls: bool,
) -> Vec<(&'a ActivePlugin, Request)> {
    let document_json = std::cell::OnceCell::new();
    let document_postcard = std::cell::OnceCell::new();
    active
        .iter()
        .map(|a| {
            let request = if same_build_calls && a.plugin.is_same_build() {
                Request::SameBuild(a.requests.clone())
            } else if a.plugin.info.accepts(ENCODING_POSTCARD) {
                let model = document_postcard
                    .get_or_init(|| postcard::to_stdvec(doc).expect("the model serializes"));
                Request::Encoded(wire::encode_binary_request(&a.rules_json, profile, model))
            } else {
                let model = document_json.get_or_init(|| wire::encode_document(doc));
                Request::Encoded(wire::encode_request(&a.rules_json, profile, model))
            };
            (*a, request)
        })
        .collect()
}

/// An error finding at the start of the document that names the plugin, its file and the rule
/// ([`WHOLE_REQUEST`] for the whole call), with the reason in both languages.
fn plugin_error(
    plugin: &Plugin,
    rule: &str,
    reason: &Message,
    index: &LineIndex,
    text: &str,
) -> Diagnostic {
    let name = &plugin.info.name;
    let path = plugin.path.display();
    let (zh, en) = if rule == WHOLE_REQUEST {
        (
            format!("插件 {name}（{path}）运行失败：{}", reason.zh),
            format!("plugin `{name}` ({path}) failed: {}", reason.en),
        )
    } else {
        (
            format!("插件 {name}（{path}）的规则 {rule} 运行失败：{}", reason.zh),
            format!(
                "plugin `{name}` ({path}) rule `{rule}` failed: {}",
                reason.en
            ),
        )
    };
    Diagnostic {
        rule: PLUGIN_ERROR_RULE.into(),
        severity: Severity::Error,
        message: zh,
        message_en: Some(en),
        span: index.span(text, 0, 0),
        related: Vec::new(),
        fix: None,
    }
}

/// Moves a report on a canonical text rebuilt from a layout text back onto that text: every
/// span is mapped through the origin's offset map (so lines and columns are the file's own),
/// and a fix is kept only when each of its edits falls inside one copied piece.
fn rebase(report: &mut FileReport, origin: Origin) {
    let index = LineIndex::new(&origin.text);
    let span = |s: Span| origin_span(&origin, &index, s);
    for finding in &mut report.findings {
        let d = &mut finding.diagnostic;
        // Each line the finding's places were on, and the line it is on in the file.
        let mut moved = Vec::with_capacity(d.related.len() + 1);
        let rebased = span(d.span);
        moved.push((d.span.line, rebased.line));
        d.span = rebased;
        for related in &mut d.related {
            let rebased = span(related.span);
            moved.push((related.span.line, rebased.line));
            related.span = rebased;
        }
        d.message = cite_moved_lines(&d.message, &moved, "第", "行");
        if let Some(en) = &mut d.message_en {
            *en = cite_moved_lines(en, &moved, "line ", "");
        }
        if let Some(fix) = &mut d.fix {
            let mapped: Option<Vec<_>> = fix
                .edits
                .iter()
                .map(|e| {
                    origin
                        .map
                        .original_range(e.start as usize..e.end as usize)
                        .map(|r| (r, e))
                })
                .collect();
            match mapped {
                Some(edits) => {
                    fix.edits = edits
                        .into_iter()
                        .map(|(r, e)| TextEdit {
                            start: r.start as u32,
                            end: r.end as u32,
                            replacement: e.replacement.clone(),
                        })
                        .collect()
                }
                None => d.fix = None,
            }
        }
    }
    report.text = origin.text;
}

/// `message` with each line it cites (`第12行`, `line 12`: a rule names the line of a related
/// place) that is the canonical line of one of the finding's places replaced by that place's
/// line in the file; other numbers are left as they are.
fn cite_moved_lines(message: &str, moved: &[(u32, u32)], before: &str, after: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find(before) {
        let (head, tail) = rest.split_at(at + before.len());
        out.push_str(head);
        // `第 596 行` as well as `第596行`.
        let spaced = tail.trim_start_matches(' ');
        out.push_str(&tail[..tail.len() - spaced.len()]);
        let tail = spaced;
        let digits = tail.len() - tail.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let cited = tail[..digits].parse::<u32>().ok();
        let followed = tail[digits..].trim_start_matches(' ').starts_with(after);
        match cited.and_then(|n| moved.iter().find(|(old, _)| *old == n)) {
            Some((_, new)) if followed => out.push_str(&new.to_string()),
            _ => out.push_str(&tail[..digits]),
        }
        rest = &tail[digits..];
    }
    out.push_str(rest);
    out
}

/// A span of a rebuilt canonical text on the text it was rebuilt from (`index` indexes
/// `origin.text`).
fn origin_span(origin: &Origin, index: &LineIndex, s: Span) -> Span {
    let start = origin.map.original(s.start as usize);
    let end = if s.end > s.start {
        origin.map.original(s.end as usize - 1) + 1
    } else {
        start
    };
    index.span(&origin.text, start, end.max(start))
}

/// Reads a file with the reader its content calls for.
pub fn read(path: &Path, bytes: &[u8]) -> Result<Reading, FileError> {
    read_with(path, bytes, &ReadOptions::default())
}

/// [`read`] with reader options; the reader's Chinese reason is kept for the Chinese output.
pub fn read_with(path: &Path, bytes: &[u8], options: &ReadOptions) -> Result<Reading, FileError> {
    budgetlint_readers::read(path, bytes, options).map_err(|e| {
        let error = FileError::new(path, e.message);
        match e.message_zh {
            Some(zh) => error.zh(zh),
            None => error,
        }
    })
}

/// Findings in reading order; ties broken by rule and message so output is deterministic.
fn order(a: &Diagnostic, b: &Diagnostic) -> std::cmp::Ordering {
    (a.span.start, a.span.end, &a.rule, &a.message).cmp(&(
        b.span.start,
        b.span.end,
        &b.rule,
        &b.message,
    ))
}

#[cfg(test)]
mod tests {
    use super::cite_moved_lines;

    #[test]
    fn cited_lines_of_a_findings_places_move_with_them() {
        // Canonical line 5 is line 9 of the file, line 9 is line 14.
        let moved = [(12, 20), (5, 9), (9, 14)];
        let cases = [
            (
                "该段落重复了第5行的段落",
                "第",
                "行",
                "该段落重复了第9行的段落",
            ),
            (
                "在第 9 行为 12.00万元",
                "第",
                "行",
                "在第 14 行为 12.00万元",
            ),
            // Each number once: 5 becomes 9, and that 9 is not moved again.
            ("第5行、第9行", "第", "行", "第9行、第14行"),
            (
                "repeats the paragraph on line 5 (identical)",
                "line ",
                "",
                "repeats the paragraph on line 9 (identical)",
            ),
            // Numbers that are no place of the finding, and no line, stay.
            (
                "第3行；第5项；第 2024 年",
                "第",
                "行",
                "第3行；第5项；第 2024 年",
            ),
        ];
        for (message, before, after, expected) in cases {
            assert_eq!(cite_moved_lines(message, &moved, before, after), expected);
        }
    }
}
