//! Turning command-line paths into the list of documents to check: files as given, `-` for
//! standard input, and directories walked recursively (in name order, hidden entries skipped)
//! through `--include`/`--exclude` globs, `.gitignore` files (also outside a git repository,
//! and `.git/info/exclude`; not the user's global excludes, so a run does not depend on whose
//! machine it is) and `.budgetlintignore` files (gitignore syntax), read in the walked
//! directories and their parents. The walk is the `ignore` crate's (ripgrep's), so gitignore
//! semantics are its, not ours.

use crate::cli::WalkArgs;
use budgetlint_engine::{FileError, Message};
use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Globs of the files checked inside directories when `--include` is not given.
const DEFAULT_INCLUDE: &[&str] = &[
    "*.txt", "*.md", "*.pdf", "*.html", "*.htm", "*.docx", "*.xlsx", "*.doc", "*.xls",
];

/// The name of the ignore files honoured while walking.
pub const IGNORE_FILE: &str = ".budgetlintignore";

/// One document to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file named on the command line: always checked.
    File(PathBuf),
    /// A file found by walking a directory: skipped, with a note, when its text does not look
    /// like a disclosure at all (a README beside the reports).
    Walked(PathBuf),
    /// The document on standard input (`-`).
    Stdin,
}

/// `--include`/`--exclude` compiled. Each glob is matched against the file name when it has no
/// `/`, else against the path below the directory given on the command line.
pub struct Filter {
    include_names: GlobSet,
    include_paths: GlobSet,
    exclude_names: GlobSet,
    exclude_paths: GlobSet,
}

impl Filter {
    pub fn new(args: &WalkArgs) -> Result<Filter, Message> {
        let include: Vec<String> = if args.include.is_empty() {
            DEFAULT_INCLUDE.iter().map(|s| s.to_string()).collect()
        } else {
            args.include.clone()
        };
        let (include_names, include_paths) = compile(&include, "--include")?;
        let (exclude_names, exclude_paths) = compile(&args.exclude, "--exclude")?;
        Ok(Filter {
            include_names,
            include_paths,
            exclude_names,
            exclude_paths,
        })
    }

    fn excluded(&self, relative: &Path) -> bool {
        matches(&self.exclude_names, &self.exclude_paths, relative)
    }

    fn included(&self, relative: &Path) -> bool {
        matches(&self.include_names, &self.include_paths, relative)
    }
}

fn matches(names: &GlobSet, paths: &GlobSet, relative: &Path) -> bool {
    relative.file_name().is_some_and(|n| names.is_match(n)) || paths.is_match(relative)
}

/// Splits globs into those for file names and those for relative paths.
fn compile(globs: &[String], option: &str) -> Result<(GlobSet, GlobSet), Message> {
    let mut names = GlobSetBuilder::new();
    let mut paths = GlobSetBuilder::new();
    for raw in globs {
        let pattern = raw.trim_end_matches('/').trim_start_matches("./");
        let glob = |p: &str| -> Result<Glob, Message> {
            GlobBuilder::new(p)
                .literal_separator(true)
                .build()
                .map_err(|e| {
                    Message::new(
                        format!("{option} `{raw}`: {e}"),
                        format!("{option} `{raw}`：{}", glob_zh(&e)),
                    )
                })
        };
        if pattern.contains('/') {
            paths.add(glob(pattern.trim_start_matches('/'))?);
        } else {
            names.add(glob(pattern)?);
        }
    }
    let build = |b: GlobSetBuilder| {
        b.build().map_err(|e| {
            Message::new(
                format!("{option}: {e}"),
                format!("{option}：{}", glob_zh(&e)),
            )
        })
    };
    Ok((build(names)?, build(paths)?))
}

/// Why a glob does not compile, in Chinese: the mistakes one makes typing a glob as sentences,
/// the rest (a regex the glob became is too large) with globset's text in brackets.
fn glob_zh(e: &globset::Error) -> String {
    use globset::ErrorKind;
    match e.kind() {
        ErrorKind::UnclosedClass => "字符类 [ 没有闭合，缺少 ]".to_string(),
        ErrorKind::InvalidRange(from, to) => {
            format!("字符范围 {from}-{to} 无效：起点在终点之后")
        }
        ErrorKind::UnopenedAlternates => "} 前面没有对应的 {".to_string(),
        ErrorKind::UnclosedAlternates => {
            "{ 没有闭合，缺少 }（要匹配 { 本身，请写作 [{]）".to_string()
        }
        ErrorKind::DanglingEscape => "末尾的 \\ 后面缺少要转义的字符".to_string(),
        _ => format!("模式无效（{e}）"),
    }
}

/// The documents under `paths` in a stable order: explicit files (always checked, whatever
/// the globs say) and `-` as given, directories walked. A path that does not exist is an
/// error entry; `Err` for a glob that does not compile (a usage error).
pub fn expand(
    paths: &[PathBuf],
    walk: &WalkArgs,
) -> Result<Vec<Result<Input, FileError>>, Message> {
    let filter = Arc::new(Filter::new(walk)?);
    let default = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            out.push(Ok(Input::Stdin));
        } else if path.is_dir() {
            walk_dir(path, &filter, &mut out);
        } else if path.exists() {
            out.push(Ok(Input::File(path.clone())));
        } else {
            out.push(Err(unreadable_path(path)));
        }
    }
    Ok(out)
}

/// Why a path given on the command line names no file: a symlink loop or a symlink to nothing
/// is said as such (both used to read as "no such file"), other errors with the system's words;
/// in English and Chinese.
fn unreadable_path(path: &Path) -> FileError {
    let error = |en: String, zh: String| FileError::new(path, en).zh(zh);
    let Err(e) = std::fs::metadata(path) else {
        return error(
            "no such file or directory".into(),
            "文件或目录不存在".into(),
        );
    };
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    #[cfg(unix)]
    if e.raw_os_error() == Some(libc::ELOOP) {
        return error(
            format!("a loop of symbolic links ({e})"),
            format!("符号链接构成了循环（{e}）"),
        );
    }
    match e.kind() {
        std::io::ErrorKind::NotFound if is_link => error(
            "a symbolic link to a file that does not exist".into(),
            "符号链接指向的文件不存在".into(),
        ),
        std::io::ErrorKind::NotFound => error(
            "no such file or directory".into(),
            "文件或目录不存在".into(),
        ),
        _ => error(
            format!("cannot be read: {e}"),
            format!("无法读取：{}", budgetlint_engine::io_zh(&e)),
        ),
    }
}

fn walk_dir(root: &Path, filter: &Arc<Filter>, out: &mut Vec<Result<Input, FileError>>) {
    let prune = {
        let (filter, root) = (filter.clone(), root.to_path_buf());
        // Excluded directories are not entered at all.
        move |e: &ignore::DirEntry| e.depth() == 0 || !filter.excluded(relative(e.path(), &root))
    };
    let walker = ignore::WalkBuilder::new(root)
        .standard_filters(false)
        .hidden(true)
        .parents(true)
        .git_ignore(true)
        .git_exclude(true)
        .require_git(false)
        .add_custom_ignore_filename(IGNORE_FILE)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(prune)
        .build();
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                if filter.included(relative(e.path(), root)) {
                    out.push(Ok(Input::Walked(e.into_path())));
                }
            }
            Ok(_) => {}
            Err(e) => out.push(Err(walk_error(root, &e))),
        }
    }
}

fn relative<'a>(path: &'a Path, root: &Path) -> &'a Path {
    path.strip_prefix(root).unwrap_or(path)
}

fn walk_error(root: &Path, e: &ignore::Error) -> FileError {
    let path = match e {
        ignore::Error::WithPath { path, .. } => path.clone(),
        _ => root.to_path_buf(),
    };
    let reason_zh = e
        .io_error()
        .map_or_else(|| format!("遍历出错（{e}）"), budgetlint_engine::io_zh);
    FileError::new(path, format!("cannot list directory: {e}"))
        .zh(format!("无法列出目录：{reason_zh}"))
}
