//! `budgetlint trust [PATH]`: put a rules.toml on the user's allow list, so the plugin libraries
//! it names load (until the file changes); `--revoke` takes it off. The policy itself is the
//! engine's (`budgetlint_engine::trust`); this command only edits the list.

use crate::cli::{Lang, TrustArgs};
use crate::exit;
use crate::i18n::pick;
use budgetlint_engine::{trust, Config, FileError, Message, TrustList};
use std::path::{Path, PathBuf};

pub fn run(args: TrustArgs, lang: Lang) -> u8 {
    let chinese = lang == Lang::Zh;
    match edit(&args) {
        Ok(done) => {
            eprintln!("budgetlint: {}", done.in_lang(chinese));
            exit::CLEAN
        }
        Err(message) => {
            let error_word = pick(lang, "错误：", "error: ");
            eprintln!("budgetlint: {error_word}{}", message.in_lang(chinese));
            exit::TROUBLE
        }
    }
}

/// Edits the list; `Ok` is what was done, `Err` why nothing was.
fn edit(args: &TrustArgs) -> Result<Message, Message> {
    let config_path = match &args.path {
        // A rules.toml deleted since it was trusted can still be taken off the list.
        Some(p) if args.revoke && !p.exists() => {
            std::path::absolute(p).unwrap_or_else(|_| p.clone())
        }
        _ => config_path(args.path.as_deref())?,
    };
    let Some(list_path) = TrustList::location_from_process() else {
        let env = trust::LIST_ENV;
        return Err(Message::new(
            format!("cannot tell where to keep the trust list: set HOME or XDG_CONFIG_HOME (APPDATA on Windows), or {env}"),
            format!("无法确定信任列表的存放位置：请设置 HOME 或 XDG_CONFIG_HOME（Windows 上为 APPDATA），或 {env}"),
        ));
    };
    let mut list = TrustList::load(&list_path).map_err(|e| e.to_message())?;
    let shown = std::fs::canonicalize(&config_path).unwrap_or_else(|_| config_path.clone());
    let shown = shown.display();
    if args.revoke {
        let removed = list.revoke(&config_path);
        list.save(&list_path).map_err(|e| e.to_message())?;
        let (what, what_zh) = if removed {
            ("no longer trusted", "不再受信任")
        } else {
            ("was not trusted", "本来就未受信任")
        };
        return Ok(Message::new(
            format!("{shown} {what}: the plugin libraries it names will not load"),
            format!("{shown} {what_zh}：它指定的插件库不会加载"),
        ));
    }
    let config = Config::load(&config_path).map_err(|e| e.to_message())?;
    list.trust(&config)
        .map_err(|e| Message::new(e, "没有可信任的 rules.toml"))?;
    list.save(&list_path).map_err(|e| e.to_message())?;
    let (loads, loads_zh) = what_loads(&config);
    Ok(Message::new(
        format!("trusted {shown} until it is edited; {loads}"),
        format!("已信任 {shown}，直到它被修改；{loads_zh}"),
    ))
}

/// The rules.toml meant: `path` itself, or the nearest one above a folder (default: here).
fn config_path(path: Option<&Path>) -> Result<PathBuf, Message> {
    let path = path.unwrap_or(Path::new("."));
    if path.is_file() {
        return Ok(path.to_path_buf());
    }
    if !path.is_dir() {
        return Err(FileError::new(path, "no such file or folder")
            .zh("文件或文件夹不存在")
            .to_message());
    }
    let start = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    Config::find_nearest(&start).ok_or_else(|| {
        let (file, start) = (budgetlint_engine::config::FILE_NAME, start.display());
        Message::new(
            format!("no {file} in {start} or a folder above it"),
            format!("{start} 及其上级文件夹中都没有 {file}"),
        )
    })
}

/// The libraries and folders the trusted configuration now loads from, for the user to see
/// what they allowed (English, Chinese).
fn what_loads(config: &Config) -> (String, String) {
    let named: String = config
        .plugin_paths
        .iter()
        .chain(&config.plugin_dirs)
        .map(|p| format!("\n  {}", p.display()))
        .collect();
    if named.is_empty() {
        (
            "it names no plugin library now".to_string(),
            "它目前没有指定插件库".to_string(),
        )
    } else {
        (
            format!("it loads plugins from:{named}"),
            format!("它从以下位置加载插件：{named}"),
        )
    }
}
