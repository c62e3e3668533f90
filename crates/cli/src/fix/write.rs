//! Writing a fixed document over its file without changing what the file is to its users: its
//! mode, its owner and its hard links stay, and no temporary file outlives the run (or, after
//! a kill, the next run in the same directory).
//!
//! The new bytes always go to a temporary file in the file's directory first, flushed to disk,
//! so that a full disk or a size limit fails before the original is touched. Then one of two
//! ways, whichever keeps the file what it was:
//!
//! - **rename** the temporary over the original, after giving it the original's owner and
//!   mode: atomic (a reader sees the old or the new file, a crash leaves one of them whole),
//!   but the result is a new inode, so it is used only when the file has a single link and
//!   the owner can be given (root, or a file that is ours already);
//! - **in place**: truncate the original and write the new bytes into it, then flush. The
//!   inode stays, so hard links share the fix and owner, mode, ACLs and extended attributes
//!   are untouched; used for files with several links and files whose owner we cannot
//!   give to a new file (writing another user's group-writable file). If that write fails,
//!   the original bytes are written back.

use budgetlint_engine::io_zh;
use budgetlint_engine::Message;
use std::fs::{File, Metadata, OpenOptions};
use std::io::Write;
use std::path::Path;
use std::time::Duration;

/// Temporary files are `.budgetlint-fix-PID-RANDOM.tmp`: hidden, recognisable, and naming
/// the process that made them, so that a later run can tell a stale one from a running
/// run's.
const TEMP_PREFIX: &str = ".budgetlint-fix-";
const TEMP_SUFFIX: &str = ".tmp";

/// A temporary file this old, whose process is gone, was left by a run that was killed:
/// writing one takes well under a second.
const STALE_AFTER: Duration = Duration::from_secs(60);

/// Replaces the content of the file at `path` (`original` is what it holds now) by `bytes`.
pub fn write_back(path: &Path, original: &[u8], bytes: &[u8]) -> Result<(), Message> {
    let target = std::fs::canonicalize(path).map_err(|e| {
        Message::new(
            format!("cannot resolve the path: {e}"),
            format!("无法解析路径：{}", io_zh(&e)),
        )
    })?;
    let meta = std::fs::metadata(&target).map_err(|e| {
        Message::new(
            format!("cannot read the file's metadata: {e}"),
            format!("无法读取文件的元数据：{}", io_zh(&e)),
        )
    })?;
    let dir = target.parent().unwrap_or(Path::new("."));
    remove_stale_temporaries(dir);
    // Dropping `temp` on any return removes the file.
    let temp = write_temporary(dir, bytes)?;
    if can_rename_over(&temp, &meta) {
        temp.persist(&target).map_err(|e| {
            let e = e.error;
            Message::new(
                format!("cannot replace the file: {e}"),
                format!("无法替换文件：{}", io_zh(&e)),
            )
        })?;
        return Ok(());
    }
    write_in_place(&target, original, bytes)
}

/// The temporary file with `bytes`, on disk.
fn write_temporary(dir: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile, Message> {
    let mut temp = tempfile::Builder::new()
        .prefix(&format!("{TEMP_PREFIX}{}-", std::process::id()))
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)
        .map_err(|e| {
            let dir = dir.display();
            Message::new(
                format!("cannot create a temporary file in {dir}: {e}"),
                format!("无法在 {dir} 中建立临时文件：{}", io_zh(&e)),
            )
        })?;
    temp.write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| {
            Message::new(
                format!("cannot write the temporary file: {e}"),
                format!("无法写入临时文件：{}", io_zh(&e)),
            )
        })?;
    Ok(temp)
}

/// Whether renaming `temp` over the file keeps it what it was: a single link, and `temp` could
/// be given the file's owner and mode.
#[cfg(unix)]
fn can_rename_over(temp: &tempfile::NamedTempFile, meta: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    if meta.nlink() > 1 {
        return false;
    }
    let file = temp.as_file();
    let Ok(ours) = file.metadata() else {
        return false;
    };
    // chown may fail (not root, or a file system without owners): then write in place,
    // which keeps the owner, rather than give the file away. It comes before chmod because
    // chown clears the set-user-ID and set-group-ID bits.
    let same_owner = (ours.uid(), ours.gid()) == (meta.uid(), meta.gid());
    let owned =
        same_owner || std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid())).is_ok();
    owned && file.set_permissions(meta.permissions()).is_ok()
}

/// Elsewhere (Windows) only the read-only attribute is kept, and the file is replaced.
#[cfg(not(unix))]
fn can_rename_over(temp: &tempfile::NamedTempFile, meta: &Metadata) -> bool {
    let _ = temp.as_file().set_permissions(meta.permissions());
    true
}

/// Truncates the file and writes `bytes` into it; on failure, tries to put `original` back.
fn write_in_place(target: &Path, original: &[u8], bytes: &[u8]) -> Result<(), Message> {
    let mut file = OpenOptions::new().write(true).open(target).map_err(|e| {
        Message::new(
            format!("cannot open the file for writing: {e}"),
            format!("无法打开文件以写入：{}", io_zh(&e)),
        )
    })?;
    let Err(e) = overwrite(&mut file, bytes) else {
        return Ok(());
    };
    Err(match overwrite(&mut file, original) {
        Ok(()) => Message::new(
            format!("cannot write the file in place: {e}; its original content was put back"),
            format!("无法就地写入文件：{}；已恢复其原有内容", io_zh(&e)),
        ),
        Err(e2) => Message::new(
            format!("cannot write the file in place: {e}; putting its original content back failed too ({e2}): restore it from a backup"),
            format!("无法就地写入文件：{}；恢复原有内容也失败了（{}）：请从备份恢复", io_zh(&e), io_zh(&e2)),
        ),
    })
}

fn overwrite(file: &mut File, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::{Seek, SeekFrom};
    file.set_len(0)?;
    file.seek(SeekFrom::Start(0))?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Removes the temporary files that killed runs left in `dir`. Best effort: a file that cannot
/// be removed is left, and writing goes on.
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let stale = entry.file_name().to_str().is_some_and(is_temporary_name)
            && entry.metadata().is_ok_and(|m| is_stale(&entry, &m));
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn is_temporary_name(name: &str) -> bool {
    name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)
}

/// An old regular file whose process (named in it; older versions did not) is not running.
fn is_stale(entry: &std::fs::DirEntry, meta: &Metadata) -> bool {
    let old = meta
        .modified()
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age >= STALE_AFTER);
    let pid = entry
        .file_name()
        .to_str()
        .and_then(|n| n.strip_prefix(TEMP_PREFIX))
        .and_then(|rest| rest.split('-').next())
        .and_then(|pid| pid.parse::<u32>().ok());
    meta.is_file() && old && !pid.is_some_and(is_running)
}

/// Whether a process `pid` runs, where `/proc` tells (Linux); elsewhere the age alone decides.
fn is_running(pid: u32) -> bool {
    pid == std::process::id()
        || (Path::new("/proc/self").exists() && Path::new("/proc").join(pid.to_string()).exists())
}
