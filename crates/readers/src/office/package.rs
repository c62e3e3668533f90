//! The ZIP package of an Office file, read with limits on entries and on inflated sizes.

use std::io::{Cursor, Read};

use zip::result::ZipError;
use zip::ZipArchive;

use crate::reasons::{io_zh, zip_zh};
use crate::{Format, ReadError};

/// How much of a package a reader accepts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// The most one part may inflate to.
    pub part_bytes: u64,
    /// The most all parts together may inflate to.
    pub total_bytes: u64,
    /// The most entries the archive may list (a workbook has a few dozen).
    pub entries: usize,
    /// The most cells one sheet's used range may span (rows × columns), so a stray cell at
    /// XFD1048576 cannot make the reader write billions of empty cells.
    pub sheet_cells: u64,
}

impl Limits {
    pub const DEFAULT: Limits = Limits {
        part_bytes: 256 << 20,
        total_bytes: 1 << 30,
        entries: 10_000,
        sheet_cells: 5_000_000,
    };
}

/// An opened package.
pub(crate) struct Package<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    format: Format,
    limits: Limits,
}

impl<'a> Package<'a> {
    pub fn open(bytes: &'a [u8], format: Format, limits: Limits) -> Result<Package<'a>, ReadError> {
        let (what, what_zh) = (kind(format), kind_zh(format));
        let archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            ReadError::new(
                format,
                format!("not a readable {what}: its ZIP structure is damaged or truncated ({e})"),
            )
            .zh(match &e {
                ZipError::InvalidArchive(detail) => {
                    format!("无法读取这个 {what_zh}：其 ZIP 结构已损坏或不完整（{detail}）")
                }
                _ => format!("无法读取这个 {what_zh}：{}", zip_zh(&e)),
            })
        })?;
        if archive.len() > limits.entries {
            let (entries, most) = (archive.len(), limits.entries);
            return Err(ReadError::new(
                format,
                format!("not a plausible {what}: its archive lists {entries} entries (budgetlint reads up to {most})"),
            )
            .zh(format!("不像是 {what_zh}：压缩包列有 {entries} 个条目（budgetlint 最多读取 {most} 个）")));
        }
        Ok(Package {
            archive,
            format,
            limits,
        })
    }

    /// The bytes of the part `name`, or `None` when the package has no such part.
    pub fn part(&mut self, name: &str) -> Result<Option<Vec<u8>>, ReadError> {
        let (format, limits) = (self.format, self.limits);
        let damaged = |e: std::io::Error| damaged_part(format, name, &e);
        // Inflated once into nothing first, so a bomb is refused before any memory is taken
        // for it; real parts are small and inflate again in milliseconds.
        let Some(file) = self.entry(name)? else {
            return Ok(None);
        };
        if std::io::copy(&mut file.take(limits.part_bytes + 1), &mut std::io::sink())
            .map_err(damaged)?
            > limits.part_bytes
        {
            return Err(too_big(format, name, limits.part_bytes));
        }
        let Some(file) = self.entry(name)? else {
            return Ok(None);
        };
        let mut bytes = Vec::new();
        file.take(limits.part_bytes)
            .read_to_end(&mut bytes)
            .map_err(damaged)?;
        Ok(Some(bytes))
    }

    fn entry(
        &mut self,
        name: &str,
    ) -> Result<Option<zip::read::ZipFile<'_, Cursor<&'a [u8]>>>, ReadError> {
        match self.archive.by_name(name) {
            Ok(f) => Ok(Some(f)),
            Err(ZipError::FileNotFound) => Ok(None),
            Err(e) => Err(
                ReadError::new(self.format, format!("cannot open the part {name}: {e}"))
                    .zh(format!("无法打开部件 {name}：{}", zip_zh(&e))),
            ),
        }
    }

    /// Inflates every entry once, counting, so that a library reading the package after this
    /// meets no part larger than the limits and no damaged entry.
    pub fn check_all(&mut self) -> Result<(), ReadError> {
        let (format, limits) = (self.format, self.limits);
        let mut total = 0u64;
        for i in 0..self.archive.len() {
            let file = self.archive.by_index(i).map_err(|e| {
                let n = i + 1;
                ReadError::new(format, format!("cannot open archive entry {n}: {e}"))
                    .zh(format!("无法打开压缩包的第 {n} 个条目：{}", zip_zh(&e)))
            })?;
            let name = file
                .name()
                .map_or_else(|_| format!("entry {}", i + 1), |n| n.into_owned());
            let read = std::io::copy(&mut file.take(limits.part_bytes + 1), &mut std::io::sink())
                .map_err(|e| damaged_part(format, &name, &e))?;
            if read > limits.part_bytes {
                return Err(too_big(format, &name, limits.part_bytes));
            }
            total += read;
            if total > limits.total_bytes {
                let mb = limits.total_bytes >> 20;
                return Err(ReadError::new(
                    format,
                    format!("the parts of this {} inflate to more than {mb} MB: refused as a decompression bomb", kind(format)),
                )
                .zh(format!("这个 {} 的各部件解压后超过 {mb} MB：作为压缩炸弹拒绝读取", kind_zh(format))));
            }
        }
        Ok(())
    }
}

/// A part that does not inflate (a damaged or truncated entry).
fn damaged_part(format: Format, name: &str, e: &std::io::Error) -> ReadError {
    ReadError::new(format, format!("the part {name} is damaged: {e}"))
        .zh(format!("部件 {name} 已损坏：{}", io_zh(e)))
}

fn too_big(format: Format, name: &str, limit: u64) -> ReadError {
    let mb = limit >> 20;
    ReadError::new(
        format,
        format!("the part {name} inflates to more than {mb} MB: refused as a decompression bomb"),
    )
    .zh(format!(
        "部件 {name} 解压后超过 {mb} MB：作为压缩炸弹拒绝读取"
    ))
}

/// The kind of file in Chinese, for the Chinese messages (it begins with a Latin name, so a
/// space sets it off).
fn kind_zh(format: Format) -> &'static str {
    match format {
        Format::Docx => "Word 文档",
        Format::Xlsx => "Excel 工作簿",
        _ => "ZIP 包",
    }
}

fn kind(format: Format) -> &'static str {
    match format {
        Format::Docx => "Word document",
        Format::Xlsx => "Excel workbook",
        _ => "ZIP package",
    }
}
