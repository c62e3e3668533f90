//! The reasons libraries give, in Chinese, for the Chinese messages that quote them.
//!
//! A Chinese message about a file that cannot be read ends with a reason a library gave: an
//! `io::Error`, a damaged ZIP package (zip), a damaged XML part (quick-xml), a workbook calamine
//! cannot open. Quoted as they are, they put English after `错误：`. Each function words the
//! kinds a reviewer meets as a Chinese sentence and keeps the library's own text, in brackets,
//! only for the rest (and where its detail — a tag name, a position — helps whoever repairs the
//! file). The engine and the front ends use [`io_zh`] for their own I/O errors too.

use std::io::ErrorKind;

/// An I/O error in Chinese: the common kinds as a sentence, any other as a Chinese lead-in with
/// the system's text in brackets.
pub fn io_zh(err: &std::io::Error) -> String {
    match io_kind_zh(err.kind()) {
        Some(sentence) => sentence.to_string(),
        None if err.kind() == ErrorKind::InvalidData => format!("数据无效（{err}）"),
        None => format!("输入输出错误（{err}）"),
    }
}

/// The kinds a person meets reading and writing files, and starting programs.
fn io_kind_zh(kind: ErrorKind) -> Option<&'static str> {
    Some(match kind {
        ErrorKind::NotFound => "文件或目录不存在",
        ErrorKind::PermissionDenied => "没有权限",
        ErrorKind::AlreadyExists => "已经存在",
        ErrorKind::IsADirectory => "这是一个目录",
        ErrorKind::NotADirectory => "路径中的某一部分不是目录",
        ErrorKind::DirectoryNotEmpty => "目录不是空的",
        ErrorKind::ReadOnlyFilesystem => "文件系统是只读的",
        ErrorKind::StorageFull => "磁盘空间已满",
        ErrorKind::QuotaExceeded => "超出了磁盘配额",
        ErrorKind::FileTooLarge => "文件太大",
        ErrorKind::ResourceBusy => "文件或设备正被占用",
        ErrorKind::ExecutableFileBusy => "程序文件正被占用",
        ErrorKind::InvalidFilename => "文件名无效（太长或含有不允许的字符）",
        ErrorKind::TooManyLinks => "链接太多",
        ErrorKind::CrossesDevices => "不能跨磁盘或分区移动",
        ErrorKind::UnexpectedEof => "文件意外结束（可能不完整）",
        ErrorKind::TimedOut => "操作超时",
        ErrorKind::Interrupted => "操作被中断",
        ErrorKind::BrokenPipe => "管道已关闭（读取输出的程序已退出）",
        ErrorKind::OutOfMemory => "内存不足",
        ErrorKind::Unsupported => "此系统不支持该操作",
        ErrorKind::WriteZero => "无法写入（写入了 0 字节）",
        _ => return None,
    })
}

/// Why a ZIP package (a Word or Excel file) could not be opened, in Chinese.
pub fn zip_zh(err: &zip::result::ZipError) -> String {
    use zip::result::ZipError;
    match err {
        ZipError::Io(e) => io_zh(e),
        ZipError::InvalidArchive(detail) => format!("压缩包结构已损坏或不完整（{detail}）"),
        ZipError::UnsupportedArchive(detail) => {
            format!("使用了不支持的压缩包特性（{detail}）")
        }
        ZipError::FileNotFound => "压缩包中没有这个条目".to_string(),
        ZipError::InvalidPassword => "文件已加密，需要密码：请另存为未加密的文件".to_string(),
        ZipError::CompressionMethodNotSupported(method) => {
            format!("使用了不支持的压缩方法（编号 {method}）")
        }
        _ => format!("压缩包无法读取（{err}）"),
    }
}

/// Why an XML part (word/document.xml, a sheet) could not be read, in Chinese; the tag names
/// quick-xml reports are kept, they say where to look.
pub fn xml_zh(err: &quick_xml::Error) -> String {
    use quick_xml::errors::{IllFormedError, SyntaxError};
    use quick_xml::Error;
    match err {
        Error::Io(e) => io_zh(e),
        Error::Syntax(SyntaxError::UnclosedTag) => "XML 标签没有闭合（文件不完整）".to_string(),
        Error::Syntax(SyntaxError::UnclosedComment) => "XML 注释没有闭合".to_string(),
        Error::Syntax(SyntaxError::UnclosedCData) => "XML CDATA 段没有闭合".to_string(),
        Error::Syntax(e) => format!("XML 语法错误（{e}）"),
        Error::IllFormed(IllFormedError::MissingEndTag(tag)) => {
            format!("XML 元素 <{tag}> 缺少结束标签（文件不完整）")
        }
        Error::IllFormed(IllFormedError::UnmatchedEndTag(tag)) => {
            format!("XML 结束标签 </{tag}> 没有对应的开始标签")
        }
        Error::IllFormed(IllFormedError::MismatchedEndTag { expected, found }) => {
            format!("XML 结束标签不匹配：应为 </{expected}>，实为 </{found}>")
        }
        Error::IllFormed(e) => format!("XML 结构不完整（{e}）"),
        Error::InvalidAttr(e) => format!("XML 属性无效（{e}）"),
        Error::Encoding(e) => format!("XML 文字编码无效（{e}）"),
        Error::Escape(e) => format!("XML 转义字符无效（{e}）"),
        Error::Namespace(e) => format!("XML 命名空间无效（{e}）"),
    }
}

/// Why calamine could not read a workbook, in Chinese.
pub fn calamine_zh(err: &calamine::XlsxError) -> String {
    use calamine::XlsxError;
    match err {
        XlsxError::Io(e) => io_zh(e),
        XlsxError::Zip(e) => zip_zh(e),
        XlsxError::Xml(e) => xml_zh(e),
        XlsxError::Password => "工作簿已加密，需要密码：请另存为未加密的文件".to_string(),
        XlsxError::FileNotFound(part) => format!("工作簿缺少部件 {part}（文件不完整或已损坏）"),
        XlsxError::WorksheetNotFound(name) => format!("找不到工作表 {name}"),
        XlsxError::XmlEof(part) => format!("部件 {part} 意外结束（文件不完整）"),
        _ => format!("工作簿内容无效（{err}）"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io;

    #[test]
    fn common_io_kinds_are_sentences_and_the_rest_keep_the_system_text() {
        let missing = io::Error::from_raw_os_error(2);
        assert_eq!(missing.kind(), ErrorKind::NotFound);
        assert_eq!(io_zh(&missing), "文件或目录不存在");
        assert_eq!(
            io_zh(&io::Error::new(
                ErrorKind::PermissionDenied,
                "Access is denied."
            )),
            "没有权限"
        );
        assert_eq!(
            io_zh(&io::Error::new(ErrorKind::StorageFull, "No space left")),
            "磁盘空间已满"
        );
        let other = io::Error::other("something odd");
        assert_eq!(io_zh(&other), "输入输出错误（something odd）");
        let data = io::Error::new(ErrorKind::InvalidData, "stream did not contain valid UTF-8");
        assert_eq!(
            io_zh(&data),
            "数据无效（stream did not contain valid UTF-8）"
        );
    }

    #[test]
    fn zip_reasons_are_chinese() {
        use zip::result::ZipError;
        assert_eq!(
            zip_zh(&ZipError::InvalidArchive("Could not find EOCD".into())),
            "压缩包结构已损坏或不完整（Could not find EOCD）"
        );
        assert!(zip_zh(&ZipError::InvalidPassword).starts_with("文件已加密"));
        assert_eq!(
            zip_zh(&ZipError::Io(io::Error::from(ErrorKind::UnexpectedEof))),
            "文件意外结束（可能不完整）"
        );
    }

    #[test]
    fn xml_reasons_name_the_tag_in_chinese() {
        let mut reader = quick_xml::Reader::from_str("<w:body><w:p></w:r></w:body>");
        let err = loop {
            match reader.read_event() {
                Err(e) => break e,
                Ok(quick_xml::events::Event::Eof) => panic!("no error"),
                Ok(_) => {}
            }
        };
        assert_eq!(xml_zh(&err), "XML 结束标签不匹配：应为 </w:p>，实为 </w:r>");
        let mut reader = quick_xml::Reader::from_str("<a><b");
        let err = loop {
            match reader.read_event() {
                Err(e) => break e,
                Ok(quick_xml::events::Event::Eof) => panic!("no error"),
                Ok(_) => {}
            }
        };
        assert_eq!(xml_zh(&err), "XML 标签没有闭合（文件不完整）");
    }

    #[test]
    fn calamine_reasons_are_chinese() {
        use calamine::XlsxError;
        assert_eq!(
            calamine_zh(&XlsxError::FileNotFound("xl/workbook.xml".into())),
            "工作簿缺少部件 xl/workbook.xml（文件不完整或已损坏）"
        );
        assert!(calamine_zh(&XlsxError::Password).starts_with("工作簿已加密"));
        assert!(calamine_zh(&XlsxError::RelationshipNotFound).starts_with("工作簿内容无效（"));
    }
}
