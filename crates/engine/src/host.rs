//! Loading plugin libraries and calling them through the C ABI (docs/PLUGIN_ABI.md).
//!
//! Libraries are never unloaded: a Rust cdylib registers thread-local destructors and panic
//! state that would point into unmapped code after `dlclose`, so each loaded library is leaked
//! on purpose and its function pointers live for the rest of the process.

use crate::error::{FileError, Message};
use crate::wire::WireResponse;
use crate::worker::{self, WorkerSpec};
use budgetlint_model::{Document, SCHEMA_VERSION};
use budgetlint_protocol::abi::{BlBuffer, NativeInput, NativeSink, ABI_VERSION};
use budgetlint_protocol::{CheckResponse, PluginInfo, Profile, RuleRequest};
use libloading::Library;
use std::ffi::c_void;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

type VersionFn = unsafe extern "C" fn() -> u32;
type InfoFn = unsafe extern "C" fn() -> BlBuffer;
type CheckFn = unsafe extern "C" fn(*const u8, usize) -> BlBuffer;
type FreeFn = unsafe extern "C" fn(BlBuffer);
type IdentityFn = unsafe extern "C" fn() -> u64;
type NativeCheckFn = unsafe extern "C" fn(*const u8, usize, *const c_void, NativeSink, *mut c_void);

/// A loaded, version-checked plugin.
#[derive(Debug)]
pub struct Plugin {
    pub path: PathBuf,
    pub info: PluginInfo,
    check: CheckFn,
    free: FreeFn,
    /// `budgetlint_check_native`, when the plugin was built from the same model and SDK build as
    /// this host (docs/PLUGIN_ABI.md, “Same-build calls”).
    native: Option<NativeCheckFn>,
    /// Worker processes that run the plugin's checks instead of this process (`crate::worker`).
    isolated: Option<worker::Pool>,
    /// How to start workers for an in-process plugin that overran its time limit
    /// ([`Plugin::mark_overran`]); `None` without a worker (a library user, tests).
    spare_worker: Option<WorkerSpec>,
    /// Set when an in-process call overran the time limit: the plugin is not called in this
    /// process again.
    overran: AtomicBool,
    /// The workers that take over after an overrun (started at the first call after it).
    moved: OnceLock<Result<worker::Pool, Message>>,
}

impl Plugin {
    /// Opens the library at `path` as `worker` decides: without a worker, in this process (a
    /// library user of the engine, the tests). With one, only a library of the host's own build
    /// that lies in `builtin_dir` (beside the executable, installed with it) is called in this
    /// process — it was built from this very source tree, so it is as trusted as the binary,
    /// and in-process calls lend it the parsed document instead of encoding it. Every other
    /// library is loaded and called in worker processes, so a crash, an `exit()` or an endless
    /// loop in it costs its own findings only.
    pub fn open(
        path: &Path,
        worker: Option<&WorkerSpec>,
        builtin_dir: Option<&Path>,
    ) -> Result<Plugin, FileError> {
        let Some(spec) = worker else {
            return Plugin::load(path);
        };
        if is_in(path, builtin_dir) {
            let mut plugin = Plugin::load(path)?;
            if plugin.is_same_build() {
                plugin.spare_worker = Some(spec.clone());
                return Ok(plugin);
            }
        }
        Plugin::load_isolated(path, spec)
    }

    /// Loads the library in a worker process only: this process never maps it.
    fn load_isolated(path: &Path, spec: &WorkerSpec) -> Result<Plugin, FileError> {
        let fail = |m: Message| m.at(path);
        let (pool, info) = worker::Pool::start(spec, path).map_err(fail)?;
        let info = worker::decode_info(&info).map_err(fail)?;
        validate_info(&info).map_err(fail)?;
        Ok(Plugin {
            path: path.to_path_buf(),
            info,
            check: refused_check,
            free: refused_free,
            native: None,
            isolated: Some(pool),
            spare_worker: None,
            overran: AtomicBool::new(false),
            moved: OnceLock::new(),
        })
    }

    /// Whether the plugin's checks run in a worker process.
    pub fn is_isolated(&self) -> bool {
        self.isolated.is_some()
    }

    /// Whether the plugin is called in this process, where the host enforces its time limit
    /// with a thread (`crate::deadline`) rather than by killing a worker.
    pub fn runs_in_process(&self) -> bool {
        self.isolated.is_none() && !self.overran.load(Ordering::Relaxed)
    }

    /// Records that an in-process call overran the time limit and was abandoned: from now on
    /// the plugin runs in worker processes (when the host has a worker) or is not called.
    /// Returns what happens next (English, Chinese), for the error finding.
    pub fn mark_overran(&self) -> (&'static str, &'static str) {
        self.overran.store(true, Ordering::Relaxed);
        if self.spare_worker.is_some() {
            (
                "the plugin runs in a worker process from the next document on",
                "从下一个文档起该插件在工作进程中运行",
            )
        } else {
            (
                "the plugin is not called again in this run",
                "本次运行不再调用该插件",
            )
        }
    }

    /// The worker pool of a plugin moved out of this process after an overrun, started once.
    fn moved_pool(&self) -> Result<&worker::Pool, Message> {
        let Some(spec) = &self.spare_worker else {
            return Err(Message::new(
                "it overran the time limit on an earlier document in this process, so it is no longer called in this run",
                "它在本进程中检查前面的文档时超过了时限，本次运行不再调用",
            ));
        };
        self.moved
            .get_or_init(|| worker::Pool::start(spec, &self.path).map(|(pool, _info)| pool))
            .as_ref()
            .map_err(|e| {
                Message::new(
                    format!("it overran the time limit earlier and could not be moved to a worker process: {}", e.en),
                    format!("它此前超过了时限，且无法移到工作进程中运行：{}", e.zh),
                )
            })
    }

    /// Calls `budgetlint_check` in this process and returns the response bytes undecoded (the
    /// worker's side of [`Plugin::check`]).
    pub fn check_raw(&self, request: &[u8]) -> Vec<u8> {
        // SAFETY: `request` outlives the call; the result is copied and released by `take`.
        self.take(unsafe { (self.check)(request.as_ptr(), request.len()) })
    }

    /// Loads the library at `path`: versions first, then the plugin's self-description.
    pub fn load(path: &Path) -> Result<Plugin, FileError> {
        // SAFETY: loading runs the library's initialisers; that is the trust a plugin gets.
        let lib = unsafe { Library::new(path) }.map_err(|e| {
            let reason = with_reason(&e);
            FileError::new(path, format!("not a loadable plugin library: {reason}"))
                .zh(format!("不是可加载的插件库：{reason}"))
        })?;
        let lib: &'static Library = Box::leak(Box::new(lib));
        check_versions(lib, path)?;
        // SAFETY: the symbol types are fixed by ABI version 2, which was just checked.
        let (info_fn, check, free) = unsafe {
            (
                symbol::<InfoFn>(lib, path, "budgetlint_plugin_info")?,
                symbol::<CheckFn>(lib, path, "budgetlint_check")?,
                symbol::<FreeFn>(lib, path, "budgetlint_free")?,
            )
        };
        let mut plugin = Plugin {
            path: path.to_path_buf(),
            info: empty_info(),
            check,
            free,
            native: same_build_check(lib),
            isolated: None,
            spare_worker: None,
            overran: AtomicBool::new(false),
            moved: OnceLock::new(),
        };
        // SAFETY: info_fn returns a buffer owned by the plugin, released by `call`.
        let bytes = plugin.take(unsafe { info_fn() });
        plugin.info = serde_json::from_slice(&bytes).map_err(|e| {
            FileError::new(
                path,
                format!("plugin info is not valid JSON of ABI version {ABI_VERSION}: {e}"),
            )
            .zh(format!(
                "插件的自我描述不是 ABI 版本 {ABI_VERSION} 的有效 JSON：{}",
                crate::error::json_zh(&e)
            ))
        })?;
        validate_info(&plugin.info).map_err(|m| m.at(path))?;
        Ok(plugin)
    }

    /// Sends one encoded request (see [`wire::encode_request`]) and decodes the response.
    pub fn check(&self, request: &[u8]) -> Result<WireResponse, Message> {
        let bytes = match &self.isolated {
            Some(pool) => pool.check(request)?,
            None if self.overran.load(Ordering::Relaxed) => self.moved_pool()?.check(request)?,
            None => self.check_raw(request),
        };
        crate::wire::decode_response(&bytes)
    }

    /// Whether the plugin can be lent the host's own document ([`Plugin::check_native`]):
    /// of the host's build, and not moved out of this process after an overrun.
    pub fn is_same_build(&self) -> bool {
        self.native.is_some() && !self.overran.load(Ordering::Relaxed)
    }

    /// Lends the plugin the rules to run, `document` and `profile`, which it reads in place; the plugin's response is copied out of its own memory. Only for
    /// plugins of the same build ([`Plugin::is_same_build`]).
    pub fn check_native(
        &self,
        rules: &[RuleRequest],
        document: &Document,
        profile: &Profile,
    ) -> Result<WireResponse, Message> {
        let native = self.native.ok_or_else(|| {
            Message::new(
                "plugin is not of the host's build",
                "插件不是与本程序同一次构建的",
            )
        })?;
        let input = NativeInput {
            rules,
            document,
            profile,
        };
        let mut received: Option<WireResponse> = None;
        // SAFETY: `same_build_check` checked that the plugin's model and SDK types are this
        // host's, so the document pointer is to the very type it expects and `copy_response`
        // reads a `CheckResponse` of this build; input and `received` outlive the call and the
        // plugin only reads the input. No header: the rules are in the input.
        unsafe {
            native(
                std::ptr::null(),
                0,
                (&input as *const NativeInput).cast(),
                copy_response,
                (&mut received as *mut Option<WireResponse>).cast(),
            )
        };
        received.ok_or_else(|| {
            Message::new(
                "plugin returned without a response",
                "插件没有给出应答就返回了",
            )
        })
    }

    /// Copies a plugin-owned buffer and hands it back to the plugin's allocator.
    fn take(&self, buf: BlBuffer) -> Vec<u8> {
        // SAFETY: the buffer was just returned by this plugin and is freed exactly once.
        let bytes = unsafe { buf.as_slice() }.to_vec();
        unsafe { (self.free)(buf) };
        bytes
    }
}

/// A libloading error with the system's reason: its `Display` is only "dlopen failed", the
/// reason (`dlerror()`: "invalid ELF header", "cannot open shared object file" …) is its source.
fn with_reason(e: &libloading::Error) -> String {
    match std::error::Error::source(e) {
        Some(reason) => format!("{e}: {reason}"),
        None => e.to_string(),
    }
}

/// Whether `library` lies directly in `dir` (both resolved).
fn is_in(library: &Path, dir: Option<&Path>) -> bool {
    let (Some(dir), Ok(library)) = (dir, std::fs::canonicalize(library)) else {
        return false;
    };
    std::fs::canonicalize(dir).is_ok_and(|dir| library.parent() == Some(dir.as_path()))
}

/// The function pointers of a plugin that lives in a worker: never called, since every call of
/// an isolated plugin goes to its pool.
unsafe extern "C" fn refused_check(_: *const u8, _: usize) -> BlBuffer {
    BlBuffer::from_vec(Vec::new())
}
unsafe extern "C" fn refused_free(_: BlBuffer) {}

/// The host's [`NativeSink`]: copies a same-build plugin's response into `context`, an
/// `Option<WireResponse>`.
///
/// # Safety
/// `context` must point to a live `Option<WireResponse>` and `response` to a live
/// `CheckResponse` of this build.
unsafe extern "C" fn copy_response(context: *mut c_void, response: *const c_void) {
    // SAFETY: guaranteed by the caller (`Plugin::check_native` and the plugin's SDK).
    let (received, response) = unsafe {
        (
            &mut *context.cast::<Option<WireResponse>>(),
            &*response.cast::<CheckResponse>(),
        )
    };
    *received = Some(WireResponse::from(response));
}

/// `budgetlint_check_native` when the library exports it and its build identity is the host's.
fn same_build_check(lib: &'static Library) -> Option<NativeCheckFn> {
    // SAFETY: SDK plugins export both symbols with these types; a library without them (a C
    // plugin, an older SDK) is simply called through `budgetlint_check`.
    unsafe {
        let identity = *lib.get::<IdentityFn>(b"budgetlint_build_identity").ok()?;
        let native = *lib.get::<NativeCheckFn>(b"budgetlint_check_native").ok()?;
        (identity() == budgetlint_protocol::abi::build_identity()).then_some(native)
    }
}

fn empty_info() -> PluginInfo {
    PluginInfo {
        name: String::new(),
        version: String::new(),
        rules: Vec::new(),
        encodings: Vec::new(),
        provinces: Vec::new(),
    }
}

/// Reads both versions before anything else, and names both sides of a mismatch.
fn check_versions(lib: &'static Library, path: &Path) -> Result<(), FileError> {
    // SAFETY: every ABI version exports these two symbols with this type.
    let (abi, schema) = unsafe {
        let abi = symbol::<VersionFn>(lib, path, "budgetlint_abi_version")?;
        let schema = symbol::<VersionFn>(lib, path, "budgetlint_schema_version")?;
        (abi(), schema())
    };
    if abi == ABI_VERSION && schema == SCHEMA_VERSION {
        return Ok(());
    }
    Err(FileError::new(
        path,
        format!(
            "plugin was built for plugin ABI version {abi} and model schema version {schema}, but this budgetlint \
             uses ABI version {ABI_VERSION} and schema version {SCHEMA_VERSION}; rebuild the plugin against this SDK"
        ),
    )
    .zh(format!(
        "插件是按插件 ABI 版本 {abi}、模型 schema 版本 {schema} 构建的，而本 budgetlint 使用 ABI 版本 \
         {ABI_VERSION}、schema 版本 {SCHEMA_VERSION}：请用本 SDK 重新构建插件"
    )))
}

/// # Safety
/// `T` must be the true type of the symbol.
unsafe fn symbol<T: Copy>(lib: &'static Library, path: &Path, name: &str) -> Result<T, FileError> {
    // SAFETY: forwarded to the caller.
    unsafe { lib.get::<T>(name) }.map(|s| *s).map_err(|e| {
        let reason = with_reason(&e);
        FileError::new(
            path,
            format!("missing symbol `{name}`: not a budgetlint plugin ({reason})"),
        )
        .zh(format!(
            "缺少符号 `{name}`：不是 budgetlint 插件（{reason}）"
        ))
    })
}

fn validate_info(info: &PluginInfo) -> Result<(), Message> {
    if info.name.is_empty() {
        return Err(Message::new(
            "plugin info has an empty name",
            "插件的自我描述中名称为空",
        ));
    }
    let mut seen = std::collections::HashSet::new();
    for rule in &info.rules {
        let id = &rule.id;
        if !id.contains('/') {
            return Err(Message::new(
                format!("rule id `{id}` is not of the form category/name"),
                format!("规则 id `{id}` 不是 类别/名称 的形式"),
            ));
        }
        if !seen.insert(id) {
            return Err(Message::new(
                format!("rule id `{id}` is declared twice"),
                format!("规则 id `{id}` 声明了两次"),
            ));
        }
    }
    Ok(())
}
