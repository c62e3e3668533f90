//! The language server: LSP handlers on top of [`Core`], which owns the documents, the
//! workspace configuration and the background checks.
//!
//! Concurrency model. tower-lsp runs up to four handlers at a time. Text changes are applied
//! synchronously at the start of `didChange` (see `documents`), so they keep the client's order.
//! Each open document has one worker task: it waits for a change, debounces, checks the latest
//! snapshot on the blocking pool (one check per document at a time, under the document's
//! analysis lock) and publishes only if the document is still at the checked version and the
//! configuration has not changed meanwhile. Requests that need findings (code actions, hover,
//! pull diagnostics) take the same lock and reuse the worker's result or compute the current one.

use crate::actions::{self, EditShape};
use crate::analysis::{self, Analysis, Outcome, Render, Snapshot};
use crate::binary;
use crate::documents::{is_disclosure, DocHandle};
use crate::guard;
use crate::position::Encoding;
use crate::rule_docs::{self, RuleDocs};
use crate::settings::Settings;
use crate::workspace::{Notice, Workspace};
use crate::{figures, lock, outline};
use budgetlint_engine::workspace::fix_until_stable;
use budgetlint_engine::{FileError, Message, Sources};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use tokio::sync::watch;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

/// What the client told us at initialization.
#[derive(Debug, Clone, Default)]
struct ClientFeatures {
    encoding: Encoding,
    /// Pull diagnostics (`textDocument/diagnostic`) instead of publishing them.
    pull: bool,
    pull_refresh: bool,
    related_information: bool,
    watch_files: bool,
    versioned_edits: bool,
    apply_edit: bool,
    /// The client shows code actions marked `disabled` (greyed out, with the reason).
    disabled_actions: bool,
}

pub struct Core {
    client: Client,
    settings: RwLock<Settings>,
    features: RwLock<ClientFeatures>,
    docs: Mutex<HashMap<Uri, Arc<DocHandle>>>,
    /// The read-only views of PDF, Word and Excel files (`budgetlint/openBinary`), by the URI
    /// the client shows them under.
    views: Mutex<HashMap<Uri, Arc<binary::View>>>,
    /// Views opened so far (their order, for dropping the oldest).
    views_opened: AtomicU64,
    workspace: Mutex<Workspace>,
    /// Bumped whenever the configuration may have changed; analyses remember theirs.
    generation: AtomicU64,
    rule_docs: RuleDocs,
    /// Config files we published diagnostics for, by the rules.toml whose loading produced them.
    config_diagnostics: Mutex<HashMap<Option<PathBuf>, Vec<Uri>>>,
    shutdown: AtomicBool,
}

pub struct Backend {
    core: Arc<Core>,
}

impl Backend {
    pub fn new(client: Client, sources: Sources, rule_docs_dir: PathBuf) -> Backend {
        let core = Core {
            client,
            settings: RwLock::new(Settings::default()),
            features: RwLock::new(ClientFeatures::default()),
            docs: Mutex::new(HashMap::new()),
            views: Mutex::new(HashMap::new()),
            views_opened: AtomicU64::new(0),
            workspace: Mutex::new(Workspace::new(sources, Vec::new())),
            generation: AtomicU64::new(0),
            rule_docs: RuleDocs::new(rule_docs_dir),
            config_diagnostics: Mutex::new(HashMap::new()),
            shutdown: AtomicBool::new(false),
        };
        Backend {
            core: Arc::new(core),
        }
    }

    /// Whether the client sent `shutdown` (the exit code depends on it).
    pub fn shutdown_flag(&self) -> Arc<Core> {
        self.core.clone()
    }

    /// Runs a request handler, turning a panic into an error response and a message.
    async fn request<T, F>(&self, what: &str, body: F) -> Result<T>
    where
        F: std::future::Future<Output = Result<T>> + Send,
    {
        match guard::catch(body).await {
            Ok(result) => result,
            Err(panic) => {
                self.core.report_panic(what, &panic).await;
                Err(Error {
                    code: ErrorCode::InternalError,
                    message: format!("budgetlint: internal error in {what}: {panic}").into(),
                    data: None,
                })
            }
        }
    }

    /// Runs a notification handler, turning a panic into a message.
    async fn notification<F>(&self, what: &str, body: F)
    where
        F: std::future::Future<Output = ()> + Send,
    {
        if let Err(panic) = guard::catch(body).await {
            self.core.report_panic(what, &panic).await;
        }
    }
}

impl Core {
    pub fn was_shut_down(&self) -> bool {
        self.shutdown.load(Ordering::SeqCst)
    }

    /// The baseline file "accept" may write: anywhere in a trusted workspace, else only inside
    /// the workspace folders (the document's folder when none is open), since an untrusted
    /// rules.toml chose it (`crate::confine`).
    fn writable_baseline(&self, baseline: &Path, document: &Path) -> Result<PathBuf> {
        if self.settings().trusted {
            return Ok(baseline.to_path_buf());
        }
        let mut roots = lock(&self.workspace).roots.clone();
        if roots.is_empty() {
            roots.extend(document.parent().map(Path::to_path_buf));
        }
        crate::confine::inside(baseline, &roots).map_err(Error::invalid_params)
    }

    fn settings(&self) -> Settings {
        self.settings
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn features(&self) -> ClientFeatures {
        self.features
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    fn doc(&self, uri: &Uri) -> Option<Arc<DocHandle>> {
        lock(&self.docs).get(uri).cloned()
    }

    /// The read-only view of a PDF, Word or Excel file shown under `uri`, if one was opened.
    fn view(&self, uri: &Uri) -> Option<Arc<binary::View>> {
        lock(&self.views).get(uri).cloned()
    }

    /// Keeps `view` under `uri` (replacing that view's last check), dropping the view opened
    /// longest ago beyond [`binary::MAX_VIEWS`].
    fn keep_view(&self, uri: Uri, view: binary::View) {
        let mut views = lock(&self.views);
        views.insert(uri, Arc::new(view));
        while views.len() > binary::MAX_VIEWS {
            let oldest = views
                .iter()
                .min_by_key(|(_, v)| v.opened)
                .map(|(u, _)| u.clone());
            match oldest {
                Some(uri) => views.remove(&uri),
                None => break,
            };
        }
    }

    /// The code actions on the read-only view of a PDF, Word or Excel file (none when `params`
    /// names no view).
    fn view_actions(&self, params: &CodeActionParams) -> Option<CodeActionResponse> {
        let view = self.view(&params.text_document.uri)?;
        let analysis = &view.analysis;
        let (settings, features) = (self.settings(), self.features());
        if !actions::wanted(params.context.only.as_deref(), &CodeActionKind::QUICKFIX) {
            return Some(Vec::new());
        }
        let ctx = self.render(&params.text_document.uri, &settings, &features);
        let positions = analysis.snapshot.positions(features.encoding);
        let (a, b) = (
            positions.offset(params.range.start),
            positions.offset(params.range.end),
        );
        Some(actions::view_actions(
            analysis,
            (a.min(b), a.max(b)),
            &ctx,
            features.disabled_actions,
        ))
    }

    /// Reads and checks the file behind a view, keeps the view and publishes its findings:
    /// what `budgetlint/openBinary` does, and what accepting a view's finding does again.
    async fn open_view(
        self: &Arc<Self>,
        path: PathBuf,
        text_uri: &Uri,
    ) -> Result<binary::OpenBinaryResult> {
        let core = self.clone();
        let file = path.clone();
        let checked = tokio::task::spawn_blocking(move || {
            let settings = core.settings();
            let target = lock(&core.workspace).target(Some(&file), &settings);
            let (analysis, result) = binary::check(&file, &target, !settings.english);
            let reloaded = target.rebuilt.then(|| target.config.clone());
            (analysis, result, reloaded, target.notices)
        })
        .await;
        let (analysis, mut result, reloaded, notices) = checked.map_err(|e| Error {
            code: ErrorCode::InternalError,
            message: format!("budgetlint: openBinary: {e}").into(),
            data: None,
        })?;
        if let Some(config) = reloaded {
            self.deliver(config, notices).await;
        }
        let (settings, features) = (self.settings(), self.features());
        let diagnostics = analysis.diagnostics(&self.render(text_uri, &settings, &features));
        let opened = self.views_opened.fetch_add(1, Ordering::SeqCst);
        self.keep_view(text_uri.clone(), binary::View::new(path, analysis, opened));
        self.client
            .publish_diagnostics(text_uri.clone(), diagnostics, None)
            .await;
        result.text_uri = text_uri.as_str().to_string();
        Ok(result)
    }

    fn shape(&self) -> EditShape {
        EditShape {
            versioned: self.features().versioned_edits,
        }
    }

    async fn report_panic(&self, what: &str, panic: &str) {
        let shown = if self.settings().english {
            format!("budgetlint: internal error in {what} (the server keeps running): {panic}")
        } else {
            format!("budgetlint：处理 {what} 时发生内部错误（服务器继续运行）：{panic}")
        };
        self.client.log_message(MessageType::ERROR, &shown).await;
        self.client.show_message(MessageType::ERROR, shown).await;
    }

    /// A line for the client's log, in the user's language.
    async fn log_warning(&self, message: &Message) {
        let shown = format!("budgetlint: {}", message.in_lang(!self.settings().english));
        self.client.log_message(MessageType::WARNING, shown).await;
    }

    /// Something changed that may change any document's findings: forget cached configurations
    /// and check every open document again.
    async fn configuration_changed(&self) {
        lock(&self.workspace).invalidate();
        self.generation.fetch_add(1, Ordering::SeqCst);
        let docs: Vec<Arc<DocHandle>> = lock(&self.docs).values().cloned().collect();
        for doc in docs {
            doc.request_check(true);
        }
        let features = self.features();
        if features.pull && features.pull_refresh {
            let client = self.client.clone();
            tokio::spawn(async move { client.workspace_diagnostic_refresh().await });
        }
    }

    /// The analysis of the document's current text under the current configuration, computed
    /// now unless the worker already has it.
    async fn fresh_analysis(self: &Arc<Self>, doc: &Arc<DocHandle>) -> Option<Arc<Analysis>> {
        let mut slot = doc.analysis.lock().await;
        let snapshot = doc.snapshot();
        let generation = self.generation();
        if let Some(a) = slot
            .as_ref()
            .filter(|a| a.snapshot.version == snapshot.version && a.generation == generation)
        {
            return Some(a.clone());
        }
        let (core, handle) = (self.clone(), doc.clone());
        match tokio::task::spawn_blocking(move || core.analyze(&handle, snapshot, generation)).await
        {
            Ok((analysis, notices, config)) => {
                let analysis = Arc::new(analysis);
                *slot = Some(analysis.clone());
                drop(slot);
                if let Some(config) = config {
                    self.deliver(config, notices).await;
                }
                Some(analysis)
            }
            Err(e) => {
                let panic = e
                    .try_into_panic()
                    .map(|p| guard::panic_message(p.as_ref()))
                    .unwrap_or_else(|e| e.to_string());
                self.report_panic("check", &panic).await;
                None
            }
        }
    }

    /// Checks a snapshot (blocking). Returns the analysis, and when the configuration was
    /// (re)loaded for it, the rules.toml and what loading it produced.
    fn analyze(
        &self,
        doc: &DocHandle,
        snapshot: Snapshot,
        generation: u64,
    ) -> (Analysis, Vec<Notice>, Option<Option<PathBuf>>) {
        let settings = self.settings();
        let has_file = doc.path.is_some();
        let mut workspace = lock(&self.workspace);
        let in_scope = settings.lint_without_config
            || doc.forced.load(Ordering::SeqCst)
            || workspace
                .config_path(doc.path.as_deref(), &settings)
                .is_some();
        if !in_scope {
            return (
                Analysis {
                    snapshot,
                    generation,
                    has_file,
                    outcome: Outcome::OutOfScope,
                },
                Vec::new(),
                None,
            );
        }
        let target = workspace.target(doc.path.as_deref(), &settings);
        let path = doc
            .path
            .clone()
            .unwrap_or_else(|| untitled_path(&workspace.roots, &doc.uri));
        drop(workspace);
        let started = std::time::Instant::now();
        let model = doc.model_of(&snapshot);
        let outcome = analysis::check(&snapshot, &model, &path, &target);
        if timing() {
            eprintln!(
                "budgetlint-lsp: v{} check {:?}",
                snapshot.version,
                started.elapsed()
            );
        }
        let reloaded = target.rebuilt.then(|| target.config.clone());
        (
            Analysis {
                snapshot,
                generation,
                has_file,
                outcome,
            },
            target.notices,
            reloaded,
        )
    }

    /// Tells the user what loading a configuration produced: file errors as diagnostics on the
    /// file (cleared once it loads cleanly) and as a message, skipped plugins, load problems.
    async fn deliver(&self, config: Option<PathBuf>, notices: Vec<Notice>) {
        let encoding = self.features().encoding;
        let chinese = !self.settings().english;
        let mut by_file: HashMap<PathBuf, Vec<FileError>> = HashMap::new();
        for notice in notices {
            match notice {
                Notice::FileError(e) => {
                    let shown = format!("budgetlint: {}", e.display_in(chinese));
                    by_file.entry(e.path.clone()).or_default().push(e);
                    self.client.show_message(MessageType::WARNING, shown).await;
                }
                Notice::Untrusted { config, plugins } => {
                    let names: Vec<String> =
                        plugins.iter().map(|p| p.display().to_string()).collect();
                    let (config, names) = (config.display(), names.join(", "));
                    let message = if chinese {
                        format!("budgetlint: 工作区未受信任，未加载 {config} 指定的插件：{names}")
                    } else {
                        format!("budgetlint: workspace not trusted, plugins named in {config} were not loaded: {names}")
                    };
                    self.client
                        .show_message(MessageType::WARNING, message)
                        .await;
                }
                Notice::Problem(p) => {
                    let shown = format!("budgetlint: {}", p.in_lang(chinese));
                    self.client.show_message(MessageType::ERROR, shown).await
                }
                Notice::Warning(w) => {
                    let shown = format!("budgetlint: {}", w.in_lang(chinese));
                    self.client.log_message(MessageType::WARNING, shown).await
                }
            }
        }
        let mut published: Vec<Uri> = Vec::new();
        for (path, errors) in by_file {
            let Some(uri) = Uri::from_file_path(&path) else {
                continue;
            };
            let diagnostics = errors
                .iter()
                .map(|e| config_diagnostic(&path, e, encoding, chinese))
                .collect();
            self.client
                .publish_diagnostics(uri.clone(), diagnostics, None)
                .await;
            published.push(uri);
        }
        let stale: Vec<Uri> = {
            let mut map = lock(&self.config_diagnostics);
            let before = map.insert(config, published.clone()).unwrap_or_default();
            before
                .into_iter()
                .filter(|u| !published.contains(u))
                .collect()
        };
        for uri in stale {
            self.client.publish_diagnostics(uri, Vec::new(), None).await;
        }
    }

    fn render<'a>(
        &'a self,
        uri: &'a Uri,
        settings: &'a Settings,
        features: &ClientFeatures,
    ) -> Render<'a> {
        Render {
            uri,
            settings,
            encoding: features.encoding,
            related_support: features.related_information,
            docs: &self.rule_docs,
        }
    }

    /// Publishes the analysis unless the document moved on or the configuration changed since
    /// it was computed, and unless this very result was already published.
    async fn publish(&self, doc: &DocHandle, analysis: &Analysis) {
        let key = (analysis.snapshot.version, analysis.generation);
        if doc.version() != key.0 || self.generation() != key.1 {
            return;
        }
        {
            let mut published = lock(&doc.published);
            if *published == Some(key) {
                return;
            }
            *published = Some(key);
        }
        let (settings, features) = (self.settings(), self.features());
        let started = std::time::Instant::now();
        let diagnostics = analysis.diagnostics(&self.render(&doc.uri, &settings, &features));
        let converted = started.elapsed();
        self.client
            .publish_diagnostics(doc.uri.clone(), diagnostics, Some(key.0))
            .await;
        if timing() {
            eprintln!(
                "budgetlint-lsp: v{} convert {:?} publish {:?}",
                key.0,
                converted,
                started.elapsed() - converted
            );
        }
    }

    async fn check_and_publish(self: &Arc<Self>, doc: &Arc<DocHandle>) {
        let Some(analysis) = self.fresh_analysis(doc).await else {
            return;
        };
        if !self.features().pull {
            self.publish(doc, &analysis).await;
        }
    }
}

/// The background loop of one document: debounce, check, publish.
async fn worker(core: Arc<Core>, doc: Arc<DocHandle>, mut ticks: watch::Receiver<u64>) {
    loop {
        if ticks.changed().await.is_err() {
            return;
        }
        if !doc.immediate.swap(false, Ordering::SeqCst) && !core.settings().debounce.is_zero() {
            loop {
                let debounce = core.settings().debounce;
                tokio::select! {
                    _ = tokio::time::sleep(debounce) => break,
                    changed = ticks.changed() => {
                        if changed.is_err() {
                            return;
                        }
                        if doc.immediate.swap(false, Ordering::SeqCst) {
                            break;
                        }
                    }
                }
            }
        }
        ticks.borrow_and_update();
        if let Err(panic) = guard::catch(core.check_and_publish(&doc)).await {
            core.report_panic("check", &panic).await;
        }
    }
}

/// Whether to print per-check timings to stderr (`BUDGETLINT_LSP_TIMING=1`).
fn timing() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("BUDGETLINT_LSP_TIMING").is_some())
}

/// The path an unsaved document is checked under (for rules.toml lookup and messages).
fn untitled_path(roots: &[PathBuf], uri: &Uri) -> PathBuf {
    let name: String = uri
        .path()
        .as_str()
        .rsplit('/')
        .next()
        .unwrap_or("untitled")
        .chars()
        .filter(|c| c.is_alphanumeric() || "-_.".contains(*c))
        .collect();
    let name = if name.is_empty() {
        "untitled".to_string()
    } else {
        name
    };
    roots
        .first()
        .cloned()
        .unwrap_or_else(std::env::temp_dir)
        .join(name)
}

/// A rules.toml (or baseline) error as a diagnostic on that file.
fn config_diagnostic(path: &Path, e: &FileError, encoding: Encoding, chinese: bool) -> Diagnostic {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let index = crate::position::LineIndex::new(&text);
    let positions = crate::position::Positions {
        text: &text,
        index: &index,
        encoding,
    };
    let range = match e.position {
        Some((line, col)) => {
            let start = index
                .line_start(line.saturating_sub(1) as u32)
                .unwrap_or(text.len());
            let offset = text[start..]
                .char_indices()
                .nth(col.saturating_sub(1))
                .map_or(text.len(), |(i, _)| start + i);
            let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
            positions.range(offset, line_end)
        }
        None => Range::default(),
    };
    Diagnostic {
        range,
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some("budgetlint".into()),
        message: if chinese {
            format!("{}（此配置未生效，使用默认配置）", e.message_in(true))
        } else {
            format!(
                "{} (this configuration is not in effect; the defaults apply)",
                e.message
            )
        },
        ..Default::default()
    }
}

fn features_of(caps: &ClientCapabilities) -> ClientFeatures {
    let text = caps.text_document.as_ref();
    let workspace = caps.workspace.as_ref();
    ClientFeatures {
        encoding: Encoding::negotiate(
            caps.general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        ),
        pull: text.and_then(|t| t.diagnostic.as_ref()).is_some(),
        pull_refresh: workspace
            .and_then(|w| w.diagnostics.as_ref())
            .and_then(|d| d.refresh_support)
            .unwrap_or(false),
        related_information: text
            .and_then(|t| t.publish_diagnostics.as_ref())
            .and_then(|p| p.related_information)
            .unwrap_or(false)
            || text
                .and_then(|t| t.diagnostic.as_ref())
                .and_then(|d| d.related_information)
                .unwrap_or(false),
        watch_files: workspace
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false),
        versioned_edits: workspace
            .and_then(|w| w.workspace_edit.as_ref())
            .and_then(|e| e.document_changes)
            .unwrap_or(false),
        apply_edit: workspace.and_then(|w| w.apply_edit).unwrap_or(false),
        disabled_actions: text
            .and_then(|t| t.code_action.as_ref())
            .and_then(|c| c.disabled_support)
            .unwrap_or(false),
    }
}

fn roots_of(params: &InitializeParams) -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| f.uri.to_file_path().map(|p| p.into_owned()))
        .collect();
    #[allow(deprecated)]
    if roots.is_empty() {
        roots.extend(
            params
                .root_uri
                .as_ref()
                .and_then(|u| u.to_file_path())
                .map(|p| p.into_owned()),
        );
    }
    roots
}

fn commands() -> Vec<String> {
    let mut list = vec![
        actions::SUPPRESS,
        actions::FIX_ALL,
        actions::EXPLAIN,
        actions::LINT_DOCUMENT,
        actions::STATUS,
    ];
    if std::env::var_os("BUDGETLINT_LSP_DEBUG").is_some() {
        list.push(actions::DEBUG_PANIC);
    }
    list.into_iter().map(String::from).collect()
}

fn capabilities(features: &ClientFeatures) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(features.encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..Default::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::SOURCE_FIX_ALL,
                actions::fix_all_kind(),
            ]),
            ..Default::default()
        })),
        document_symbol_provider: Some(OneOf::Left(true)),
        folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: commands(),
            ..Default::default()
        }),
        diagnostic_provider: features.pull.then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some("budgetlint".into()),
                inter_file_dependencies: false,
                workspace_diagnostics: false,
                ..Default::default()
            })
        }),
        ..Default::default()
    }
}

/// The first argument of a command, as an object.
fn argument(params: &ExecuteCommandParams) -> Result<&serde_json::Map<String, Value>> {
    params
        .arguments
        .first()
        .and_then(Value::as_object)
        .ok_or_else(|| Error::invalid_params("expected one object argument"))
}

fn uri_argument(args: &serde_json::Map<String, Value>) -> Result<Uri> {
    args.get("uri")
        .and_then(Value::as_str)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| Error::invalid_params("`uri` is missing or not a URI"))
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        self.request("initialize", async {
            let core = &self.core;
            let features = features_of(&params.capabilities);
            let mut settings = Settings {
                // The client's display language (`locale`, LSP 3.16) chooses English or Chinese
                // unless the options name a `language` (the VS Code extension always does).
                english: params
                    .locale
                    .as_deref()
                    .is_some_and(|l| l.to_ascii_lowercase().starts_with("en")),
                ..Settings::default()
            };
            let complaints = params
                .initialization_options
                .as_ref()
                .map(|o| settings.update(o))
                .unwrap_or_default();
            *core.settings.write().unwrap_or_else(|e| e.into_inner()) = settings;
            *core.features.write().unwrap_or_else(|e| e.into_inner()) = features.clone();
            lock(&core.workspace).roots = roots_of(&params);
            for c in complaints {
                core.log_warning(&c).await;
            }
            Ok(InitializeResult {
                capabilities: capabilities(&features),
                server_info: Some(ServerInfo {
                    name: "budgetlint".into(),
                    version: Some(env!("CARGO_PKG_VERSION").into()),
                }),
                offset_encoding: None,
            })
        })
        .await
    }

    async fn initialized(&self, _: InitializedParams) {
        self.notification("initialized", async {
            if !self.core.features().watch_files {
                return;
            }
            let watchers: Vec<FileSystemWatcher> =
                ["**/rules.toml", "**/*.toml", "**/*baseline*.json"]
                    .into_iter()
                    .map(|glob| FileSystemWatcher {
                        glob_pattern: GlobPattern::String(glob.into()),
                        kind: None,
                    })
                    .collect();
            let registration = Registration {
                id: "budgetlint-config-watch".into(),
                method: "workspace/didChangeWatchedFiles".into(),
                register_options: serde_json::to_value(DidChangeWatchedFilesRegistrationOptions {
                    watchers,
                })
                .ok(),
            };
            // Not awaited here: a client slow to answer must not hold a handler slot.
            let client = self.core.client.clone();
            let english = self.core.settings().english;
            tokio::spawn(async move {
                if let Err(e) = client.register_capability(vec![registration]).await {
                    let shown = if english {
                        format!("budgetlint: cannot watch rules.toml: {e}")
                    } else {
                        format!("budgetlint: 无法监视 rules.toml 的变化（{e}）")
                    };
                    client.log_message(MessageType::WARNING, shown).await;
                }
            });
        })
        .await
    }

    async fn shutdown(&self) -> Result<()> {
        self.core.shutdown.store(true, Ordering::SeqCst);
        let docs: Vec<Arc<DocHandle>> = lock(&self.core.docs).drain().map(|(_, d)| d).collect();
        for doc in docs {
            doc.stop();
        }
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        self.notification("didOpen", async {
            let item = params.text_document;
            if !is_disclosure(&item.uri, &item.language_id) {
                return;
            }
            let doc = Arc::new(DocHandle::new(
                item.uri.clone(),
                &item.language_id,
                item.version,
                item.text,
            ));
            let task = tokio::spawn(worker(self.core.clone(), doc.clone(), doc.tick.subscribe()));
            *lock(&doc.worker) = Some(task.abort_handle());
            if let Some(old) = lock(&self.core.docs).insert(item.uri, doc.clone()) {
                old.stop();
            }
            doc.request_check(true);
        })
        .await
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        self.notification("didChange", async {
            let Some(doc) = self.core.doc(&params.text_document.uri) else {
                return;
            };
            let encoding = self.core.features().encoding;
            match doc.apply(
                params.text_document.version,
                params.content_changes,
                encoding,
            ) {
                Ok(()) => doc.request_check(false),
                Err(why) => {
                    let uri = doc.uri.as_str();
                    let why =
                        Message::new(format!("{uri}: {}", why.en), format!("{uri}：{}", why.zh));
                    self.core.log_warning(&why).await
                }
            }
        })
        .await
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        self.notification("didSave", async {
            let path = params.text_document.uri.path().as_str().to_string();
            if path.ends_with(".toml") || path.ends_with(".json") {
                self.core.configuration_changed().await;
            }
        })
        .await
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        self.notification("didClose", async {
            let Some(doc) = lock(&self.core.docs).remove(&params.text_document.uri) else {
                return;
            };
            doc.stop();
            if !self.core.features().pull {
                self.core
                    .client
                    .publish_diagnostics(doc.uri.clone(), Vec::new(), None)
                    .await;
            }
            drop(doc);
            // The text, model and findings of the document are free now (a check still running
            // holds them until it sees `stop`): hand the memory back (`crate::memory`).
            let _ = tokio::task::spawn_blocking(crate::memory::release).await;
        })
        .await
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        self.notification("didChangeConfiguration", async {
            let complaints = self
                .core
                .settings
                .write()
                .unwrap_or_else(|e| e.into_inner())
                .update(&params.settings);
            for c in complaints {
                self.core.log_warning(&c).await;
            }
            self.core.configuration_changed().await;
        })
        .await
    }

    async fn did_change_watched_files(&self, _: DidChangeWatchedFilesParams) {
        self.notification("didChangeWatchedFiles", self.core.configuration_changed())
            .await
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        self.request("textDocument/diagnostic", async {
            let core = &self.core;
            let doc = core.doc(&params.text_document.uri);
            let analysis = match &doc {
                Some(doc) => core.fresh_analysis(doc).await,
                None => None,
            };
            let Some(analysis) = analysis else {
                return Ok(DocumentDiagnosticReportResult::Report(
                    DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport::default()),
                ));
            };
            // The outcome is part of the id: `budgetlint.lintDocument` turns an out-of-scope result
            // into a checked one for the same version and configuration.
            let scope = if matches!(analysis.outcome, crate::analysis::Outcome::OutOfScope) {
                "out"
            } else {
                "in"
            };
            let result_id = format!(
                "{}:{}:{scope}",
                analysis.snapshot.version, analysis.generation
            );
            if params.previous_result_id.as_deref() == Some(result_id.as_str()) {
                return Ok(DocumentDiagnosticReportResult::Report(
                    DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                        related_documents: None,
                        unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                            result_id,
                        },
                    }),
                ));
            }
            let (settings, features) = (core.settings(), core.features());
            let items =
                analysis.diagnostics(&core.render(&params.text_document.uri, &settings, &features));
            Ok(DocumentDiagnosticReportResult::Report(
                DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                    related_documents: None,
                    full_document_diagnostic_report: FullDocumentDiagnosticReport {
                        result_id: Some(result_id),
                        items,
                    },
                }),
            ))
        })
        .await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        self.request("codeAction", async {
            let core = &self.core;
            let Some(doc) = core.doc(&params.text_document.uri) else {
                return Ok(core.view_actions(&params));
            };
            let Some(analysis) = core.fresh_analysis(&doc).await else {
                return Ok(None);
            };
            let (settings, features) = (core.settings(), core.features());
            let ctx = core.render(&doc.uri, &settings, &features);
            let positions = analysis.snapshot.positions(features.encoding);
            let range = (
                positions.offset(params.range.start),
                positions.offset(params.range.end),
            );
            let only = params.context.only.as_deref();
            let shape = core.shape();
            let mut out = Vec::new();
            if actions::wanted(only, &CodeActionKind::QUICKFIX) {
                out.extend(actions::quick_fixes(
                    &analysis,
                    (range.0.min(range.1), range.0.max(range.1)),
                    &ctx,
                    &shape,
                    doc.markdown,
                ));
            }
            if actions::wanted(only, &actions::fix_all_kind()) {
                out.extend(actions::fix_all_action(&analysis, &ctx, &shape));
            }
            Ok(Some(out))
        })
        .await
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        self.request("hover", async {
            let core = &self.core;
            let uri = &params.text_document_position_params.text_document.uri;
            // A document the editor holds, or the read-only view of a PDF, Word or Excel file.
            let (snapshot, model, analysis) = match (core.doc(uri), core.view(uri)) {
                (Some(doc), _) => {
                    let analysis = core.fresh_analysis(&doc).await;
                    let (snapshot, model) = doc.model();
                    (snapshot, model, analysis)
                }
                (None, Some(view)) => (
                    view.analysis.snapshot.clone(),
                    view.model(),
                    Some(view.analysis.clone()),
                ),
                (None, None) => return Ok(None),
            };
            let features = core.features();
            let positions = snapshot.positions(features.encoding);
            let offset = positions.offset(params.text_document_position_params.position);
            let mut sections: Vec<String> = Vec::new();
            let mut range = None;
            if let Some(fact) = figures::fact_at(&model, offset) {
                sections.push(figures::describe(&model, fact));
                range = Some(positions.range(fact.span.start as usize, fact.span.end as usize));
            }
            if let Some(analysis) = analysis.filter(|a| a.snapshot.version == snapshot.version) {
                let settings = core.settings();
                for finding in analysis.visible(&settings) {
                    let (start, end) = analysis.range_of(finding.diagnostic.span);
                    if start <= offset && offset <= end.max(start + 1) {
                        sections.push(finding_docs(&analysis, finding, settings.english));
                        range = range.or_else(|| Some(positions.range(start, end)));
                    }
                }
            }
            if sections.is_empty() {
                return Ok(None);
            }
            let value = sections.join("\n\n---\n\n");
            Ok(Some(Hover {
                contents: HoverContents::Markup(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value,
                }),
                range,
            }))
        })
        .await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        self.request("documentSymbol", async {
            let Some(doc) = self.core.doc(&params.text_document.uri) else {
                return Ok(None);
            };
            let (snapshot, model) = doc.model();
            let symbols =
                outline::symbols(&model, &snapshot.positions(self.core.features().encoding));
            Ok(Some(DocumentSymbolResponse::Nested(symbols)))
        })
        .await
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        self.request("foldingRange", async {
            let Some(doc) = self.core.doc(&params.text_document.uri) else {
                return Ok(None);
            };
            let (snapshot, model) = doc.model();
            Ok(Some(outline::folding_ranges(
                &model,
                &snapshot.positions(self.core.features().encoding),
            )))
        })
        .await
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        let what = format!("command {}", params.command);
        self.request(&what, async {
            match params.command.as_str() {
                actions::SUPPRESS => self.suppress(argument(&params)?).await,
                actions::FIX_ALL => self.fix_all(uri_argument(argument(&params)?)?).await,
                actions::EXPLAIN => self.explain(argument(&params)?),
                actions::LINT_DOCUMENT => {
                    let Some(doc) = self.core.doc(&uri_argument(argument(&params)?)?) else {
                        return Ok(Some(json!(false)));
                    };
                    doc.forced.store(true, Ordering::SeqCst);
                    // The cached analysis says "out of scope" for this very version: drop it.
                    *doc.analysis.lock().await = None;
                    *lock(&doc.published) = None;
                    doc.request_check(true);
                    Ok(Some(json!(true)))
                }
                actions::STATUS => self.status(uri_argument(argument(&params)?)?).await,
                actions::DEBUG_PANIC if std::env::var_os("BUDGETLINT_LSP_DEBUG").is_some() => {
                    panic!("debugPanic requested")
                }
                other => Err(Error::invalid_params(format!("unknown command `{other}`"))),
            }
        })
        .await
    }
}

/// The hover of a finding: its message (the working — a table sum shows its parts and the gap,
/// computed by the model's `rounding` arithmetic like the figure hover), the figures it relates
/// to, then the rule's documentation in the reader's language.
fn finding_docs(
    analysis: &Analysis,
    finding: &budgetlint_engine::Finding,
    english: bool,
) -> String {
    let d = &finding.diagnostic;
    let severity = rule_docs::severity_word(d.severity, english);
    let message = match (&d.message_en, english) {
        (Some(en), true) => en,
        _ => &d.message,
    };
    let mut working = format!("{message}\n");
    for r in &d.related {
        working.push_str(&format!("- {}\n", r.message));
    }
    let entry = analysis
        .checked()
        .and_then(|c| rule_docs::entry(&c.linter, &d.rule));
    match entry {
        Some(entry) => format!(
            "**{}** · {severity} · {}\n\n{working}\n{}",
            d.rule,
            rule_docs::summary(&entry.info, english),
            rule_docs::dedent(entry.info.docs_in(!english))
        ),
        None => format!("**{}** · {severity}\n\n{working}", d.rule),
    }
}

impl Backend {
    /// A frame the input filter could not pass on, that expected an answer: the JSON-RPC error
    /// it deserves (see `sanitize`).
    pub async fn invalid_request(&self, params: Value) -> Result<Value> {
        let reason = params["reason"]
            .as_str()
            .unwrap_or("invalid message")
            .to_string();
        self.core
            .log_warning(&Message::new(
                format!("ignored a malformed message: {reason}"),
                format!("已忽略一条格式错误的消息（{reason}）"),
            ))
            .await;
        let code = if params["kind"] == "parse" {
            ErrorCode::ParseError
        } else {
            ErrorCode::InvalidRequest
        };
        Err(Error {
            code,
            message: reason.into(),
            data: None,
        })
    }

    /// A request to a `$/…` method the server does not implement: MethodNotFound, as LSP asks
    /// (only `$/` notifications may be ignored). No `data`: tower-lsp drops MethodNotFound
    /// errors whose data names a `$/` method.
    /// `budgetlint/openBinary` (`crate::binary`): reads a PDF, Word or Excel file from disk,
    /// checks it, publishes its findings on the view of its canonical text and answers with
    /// that text.
    pub async fn open_binary(&self, params: Value) -> Result<Value> {
        self.request("openBinary", async {
            let params: binary::OpenBinaryParams = serde_json::from_value(params)
                .map_err(|e| Error::invalid_params(format!("budgetlint/openBinary: {e}")))?;
            let (path, text_uri) = binary::resolve(&params)?;
            let result = self.core.open_view(path, &text_uri).await?;
            serde_json::to_value(result).map_err(|e| Error::invalid_params(e.to_string()))
        })
        .await
    }

    pub async fn unknown_request(&self, params: Value) -> Result<Value> {
        let method = params["method"].as_str().unwrap_or("$/?");
        Err(Error {
            code: ErrorCode::MethodNotFound,
            message: format!("Method not found: {method}").into(),
            data: None,
        })
    }

    /// A malformed notification: logged and dropped.
    pub async fn invalid_notification(&self, params: Value) {
        self.core
            .log_warning(&Message::new(
                format!("ignored a malformed notification: {params}"),
                format!("已忽略一条格式错误的通知（{params}）"),
            ))
            .await;
    }

    /// `budgetlint.suppress {uri, fingerprint, rule}`: accepts the finding into the baseline and
    /// re-checks.
    async fn suppress(&self, args: &serde_json::Map<String, Value>) -> Result<Option<LSPAny>> {
        let core = &self.core;
        let uri = uri_argument(args)?;
        let fingerprint = args
            .get("fingerprint")
            .and_then(Value::as_str)
            .ok_or_else(|| Error::invalid_params("`fingerprint` is missing"))?;
        let rule = args
            .get("rule")
            .and_then(Value::as_str)
            .ok_or_else(|| Error::invalid_params("`rule` is missing"))?;
        // A document the editor holds, or the view of a PDF, Word or Excel file: its finding
        // goes into the baseline of the file the view shows.
        let view = core.view(&uri);
        let (path, analysis) = match (core.doc(&uri), &view) {
            (Some(doc), _) => {
                let path = doc.path.clone().ok_or_else(|| {
                    Error::invalid_params("only saved files can be accepted into a baseline")
                })?;
                let analysis = core
                    .fresh_analysis(&doc)
                    .await
                    .ok_or_else(Error::internal_error)?;
                (path, analysis)
            }
            (None, Some(view)) => (view.file.clone(), view.analysis.clone()),
            (None, None) => return Err(Error::invalid_params("the document is not open")),
        };
        let checked = analysis
            .checked()
            .ok_or_else(|| Error::invalid_params("the document is not checked"))?;
        let finding = checked
            .findings
            .iter()
            .find(|f| f.fingerprint == fingerprint && f.diagnostic.rule == rule)
            .ok_or_else(|| {
                Error::invalid_params(
                    "no such finding in the current text (already fixed or accepted?)",
                )
            })?;
        let baseline_path = core.writable_baseline(&checked.baseline_path, &path)?;
        let (diagnostic, context) = (finding.diagnostic.clone(), finding.fingerprint.clone());
        let written = tokio::task::spawn_blocking(move || {
            budgetlint_engine::baseline::add(&baseline_path, &path, &diagnostic, &context)
                .map(|_| baseline_path)
        })
        .await
        .map_err(|_| Error::internal_error())?;
        match written {
            Ok(baseline_path) => {
                core.configuration_changed().await;
                if let Some(view) = view {
                    // A view is not re-checked with the documents: read its file again.
                    core.open_view(view.file.clone(), &uri).await?;
                }
                Ok(Some(
                    json!({ "baseline": baseline_path.display().to_string() }),
                ))
            }
            Err(e) => {
                let shown = e.display_in(!core.settings().english);
                core.client
                    .show_message(MessageType::ERROR, format!("budgetlint: {shown}"))
                    .await;
                Err(Error {
                    code: ErrorCode::InternalError,
                    message: e.to_string().into(),
                    data: None,
                })
            }
        }
    }

    /// `budgetlint.fixAll {uri}`: applies the safe fixes, re-checking after each pass so that
    /// fixes held back for overlapping are applied too (the engine's `fix_until_stable`, as
    /// `check --fix` does), as one edit.
    async fn fix_all(&self, uri: Uri) -> Result<Option<LSPAny>> {
        let core = &self.core;
        let Some(doc) = core.doc(&uri) else {
            return Ok(Some(json!({ "applied": false })));
        };
        let Some(first) = core.fresh_analysis(&doc).await else {
            return Ok(Some(json!({ "applied": false })));
        };
        let (settings, features) = (core.settings(), core.features());
        let Some(Outcome::Checked(_)) = Some(&first.outcome) else {
            return Ok(Some(json!({ "applied": false })));
        };
        let start = first.clone();
        let passes_settings = settings.clone();
        let (core_for_check, doc_for_check) = (core.clone(), doc.clone());
        let fixed = tokio::task::spawn_blocking(move || {
            let (path, target) = {
                let mut workspace = lock(&core_for_check.workspace);
                let path = doc_for_check
                    .path
                    .clone()
                    .unwrap_or_else(|| untitled_path(&workspace.roots, &doc_for_check.uri));
                (
                    path,
                    workspace.target(doc_for_check.path.as_deref(), &passes_settings),
                )
            };
            let last = fix_until_stable(&start, |current: &Arc<Analysis>| {
                let Some(next) = actions::apply_safe_fixes(current, &passes_settings) else {
                    return Ok::<_, std::convert::Infallible>(None);
                };
                let snapshot = Snapshot {
                    version: current.snapshot.version,
                    index: Arc::new(crate::position::LineIndex::new(&next)),
                    text: Arc::new(next),
                };
                let started = std::time::Instant::now();
                let model = budgetlint_model::parse_text(snapshot.text.to_string());
                let outcome = analysis::check(&snapshot, &model, &path, &target);
                if timing() {
                    eprintln!(
                        "budgetlint-lsp: v{} check {:?}",
                        snapshot.version,
                        started.elapsed()
                    );
                }
                Ok(Some(Arc::new(Analysis {
                    snapshot,
                    generation: current.generation,
                    has_file: current.has_file,
                    outcome,
                })))
            });
            let Ok(last) = last;
            last.map(|a| a.snapshot.text.to_string())
        })
        .await
        .map_err(|_| Error::internal_error())?;
        let Some(fixed) = fixed else {
            return Ok(Some(json!({ "applied": false })));
        };
        let ctx = core.render(&uri, &settings, &features);
        let Some(edit) = actions::minimal_edit(&first.snapshot, &fixed, &ctx) else {
            return Ok(Some(json!({ "applied": false })));
        };
        if !features.apply_edit {
            return Err(Error::invalid_request());
        }
        let edit = core.shape().edit(&uri, first.snapshot.version, vec![edit]);
        let response = core.client.apply_edit(edit).await?;
        Ok(Some(json!({ "applied": response.applied })))
    }

    /// `budgetlint.explainRule {rule, uri?}`: the rule's documentation as Markdown.
    fn explain(&self, args: &serde_json::Map<String, Value>) -> Result<Option<LSPAny>> {
        let rule = args
            .get("rule")
            .and_then(Value::as_str)
            .ok_or_else(|| Error::invalid_params("`rule` is missing"))?;
        let settings = self.core.settings();
        let uri = args
            .get("uri")
            .and_then(Value::as_str)
            .and_then(|u| u.parse::<Uri>().ok());
        // The view of a PDF, Word or Excel file stands for its file (and rules.toml).
        let path = uri.as_ref().and_then(|u| match self.core.view(u) {
            Some(view) => Some(view.file.clone()),
            None => u.to_file_path().map(|p| p.into_owned()),
        });
        let target = lock(&self.core.workspace).target(path.as_deref(), &settings);
        Ok(Some(
            rule_docs::entry(&target.linter, rule)
                .map(|e| Value::String(rule_docs::markdown(e, settings.english)))
                .unwrap_or(Value::Null),
        ))
    }

    /// `budgetlint.documentStatus {uri}`: counts and profile, for a status bar.
    async fn status(&self, uri: Uri) -> Result<Option<LSPAny>> {
        let core = &self.core;
        let Some(doc) = core.doc(&uri) else {
            return Ok(Some(json!({ "checked": false })));
        };
        let Some(analysis) = core.fresh_analysis(&doc).await else {
            return Ok(Some(json!({ "checked": false })));
        };
        let settings = core.settings();
        let Some(checked) = analysis.checked() else {
            return Ok(Some(json!({ "checked": false })));
        };
        let count = |s: budgetlint_protocol::Severity| {
            analysis
                .visible(&settings)
                .filter(|f| f.diagnostic.severity == s)
                .count()
        };
        Ok(Some(json!({
            "checked": true,
            "version": analysis.snapshot.version,
            "errors": count(budgetlint_protocol::Severity::Error),
            "warnings": count(budgetlint_protocol::Severity::Warning),
            "infos": count(budgetlint_protocol::Severity::Info),
            "suppressed": checked.suppressed,
            "profile": { "province": checked.profile.province, "level": checked.profile.level, "detectedBy": checked.profile.detected_by },
            "config": checked.linter.config().files.first().map(|p| p.display().to_string()),
        })))
    }
}
