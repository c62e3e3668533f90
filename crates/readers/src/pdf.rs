//! PDF: the words of each page and their boxes, read in process by `pdf_oxide`
//! (`pdf/oxide_words.rs`) or by poppler's `pdftotext -bbox-layout` run as a separate process
//! (`pdf/text_source.rs` chooses: `ReadOptions::pdf_text` or `BUDGETLINT_PDF_TEXT`; by default pdf_oxide, and pdftotext
//! when pdf_oxide cannot read the file); `boxes` lays each page out on an even grid and
//! `layout` rebuilds its paragraphs and tables.
//!
//! Both decode every font of the real disclosures right (Identity-H CID fonts, predefined
//! CMaps such as UniGB-UCS2-H without ToUnicode) and give the same characters on every page.
//! pdftotext runs as a process so that poppler's licence (GPL) stays out of budgetlint's
//! binary and its crashes are contained: a PDF that makes it crash or hang is one file's
//! error, not the run's.
//!
//! The drawn table borders, which pdftotext does not give, are read in process (`rules.rs`,
//! with `pdf_oxide`, in the same pass as the words when pdf_oxide reads those) and make each wrapped table cell one cell (`ruled.rs`), whichever reader
//! gave the words; without them (a drawing that cannot be read in time) the tables are rebuilt
//! from the word positions alone.
//!
//! The text keeps form feeds between pages, so every finding has its page.

mod boxes;
mod contained;
mod ocr;
mod oxide_words;
mod process;
mod ruled;
mod rules;
mod text_source;
pub mod worker;

pub use text_source::PdfText;
use text_source::RulesPass;

use crate::reasons::io_zh;
use crate::{Format, ReadError, ReadOptions, Reading, SourceInfo, SourceMap, MAX_INPUT_BYTES};
use process::RunError;
use std::io::Write;
use std::process::Command;

/// The environment variable that names the `pdftotext` program (default: `pdftotext` on PATH).
pub const PDFTOTEXT_ENV: &str = "BUDGETLINT_PDFTOTEXT";

pub fn read(bytes: &[u8], options: &ReadOptions) -> Result<Reading, ReadError> {
    let limit = rules_time_limit(options);
    let layer = text_source::text_layer(bytes, options, limit)?;
    let rules = match layer.rules {
        RulesPass::Tried(rules) => rules,
        RulesPass::NotTried => rules::read(bytes, layer.words.len(), limit),
    };
    let mut pages = boxes::render_pages(&layer.words, rules.as_deref());
    let mut ocr = Ocr::default();
    if options.ocr {
        ocr = ocr_empty_pages(bytes, &mut pages, options);
    }
    match from_pages(pages, ocr, &layer.unread) {
        Ok(mut reading) => {
            reading.notes.extend(layer.notes);
            Ok(reading)
        }
        // How the text layer was read (pdftotext after the built-in reader failed) explains
        // a document without text too.
        Err(mut e) => {
            for note in &layer.notes {
                e.message = format!("{}; {}", e.message, note.en);
                e.message_zh = e.message_zh.map(|zh| format!("{zh}；{}", note.zh));
            }
            Err(e)
        }
    }
}

/// The words of each page as `pdftotext -bbox-layout` gives them.
fn pdftotext_words(
    bytes: &[u8],
    options: &ReadOptions,
) -> Result<Vec<Vec<boxes::Word>>, ReadError> {
    let xhtml = run_pdftotext(bytes, options)?;
    let xhtml = String::from_utf8(xhtml).map_err(|e| {
        ReadError::new(
            Format::Pdf,
            format!(
                "pdftotext printed text that is not UTF-8 (at byte {})",
                e.utf8_error().valid_up_to()
            ),
        )
        .zh(format!(
            "pdftotext 输出的文字不是 UTF-8（第 {} 字节处）",
            e.utf8_error().valid_up_to()
        ))
    })?;
    Ok(boxes::parse_pages(&xhtml))
}

/// How long the drawn rules may take to read: they only sharpen the tables, so a file whose
/// drawing takes long is read without them rather than late.
fn rules_time_limit(options: &ReadOptions) -> std::time::Duration {
    options.timeout.min(std::time::Duration::from_secs(10))
}

/// What `--ocr` did: the pages read by OCR, and why the others without text were not.
#[derive(Debug, Default)]
struct Ocr {
    pages: Vec<u32>,
    failed: Option<crate::Note>,
}

/// Reads the pages without text by OCR (`ocr.rs`), in place; stops at the first failure (a
/// missing program fails every page alike).
fn ocr_empty_pages(bytes: &[u8], pages: &mut [boxes::Rendered], options: &ReadOptions) -> Ocr {
    let mut done = Ocr::default();
    let empty: Vec<usize> = (0..pages.len())
        .filter(|&i| pages[i].text.trim().is_empty())
        .collect();
    if empty.is_empty() {
        return done;
    }
    let copy = tempfile::Builder::new()
        .prefix("budgetlint-")
        .suffix(".pdf")
        .tempfile()
        .and_then(|mut f| f.write_all(bytes).and_then(|_| f.flush()).map(|_| f));
    let copy = match copy {
        Ok(copy) => copy,
        Err(e) => {
            done.failed = Some(crate::Note::new(
                format!("cannot make a temporary copy for OCR: {e}"),
                format!("无法为 OCR 建立临时副本：{}", io_zh(&e)),
            ));
            return done;
        }
    };
    for i in empty {
        match ocr::read_page(copy.path(), i as u32 + 1, options) {
            Ok(words) => {
                pages[i] = boxes::Rendered::unruled(boxes::render_page(&words));
                if !pages[i].text.trim().is_empty() {
                    done.pages.push(i as u32 + 1);
                }
            }
            Err(why) => {
                done.failed = Some(why);
                break;
            }
        }
    }
    done
}

/// The PDF reader after pdftotext: its `-bbox-layout` XHTML (word boxes) laid out into pages,
/// then rebuilt into paragraphs and tables. Separate so that it can be fuzzed without the
/// external program.
pub fn read_bbox_layout(xhtml: &str) -> Result<Reading, ReadError> {
    let pages: Vec<boxes::Rendered> = boxes::parse_pages(xhtml)
        .iter()
        .map(|page| boxes::Rendered::unruled(boxes::render_page(page)))
        .collect();
    from_pages(pages, Ocr::default(), &[])
}

/// [`read_bbox_layout`] with drawn rules: (page, horizontal, at, from, to).
pub fn read_bbox_layout_with_rules(
    xhtml: &str,
    given: &[(usize, bool, f64, f64, f64)],
) -> Result<Reading, ReadError> {
    let words = boxes::parse_pages(xhtml);
    let mut rules = vec![rules::PageRules::default(); words.len()];
    for &(page, horizontal, at, from, to) in given {
        if let Some(page) = rules.get_mut(page) {
            page.push(horizontal, at, from, to);
        }
    }
    from_pages(
        boxes::render_pages(&words, Some(&rules)),
        Ocr::default(),
        &[],
    )
}

/// The reading of laid-out pages (text layer, or OCR for the pages `ocr` names); `unread` are
/// the pages (1-based) known to show text that was not read, which are no images.
fn from_pages(
    rendered: Vec<boxes::Rendered>,
    ocr: Ocr,
    unread: &[u32],
) -> Result<Reading, ReadError> {
    // One form feed between pages: `normalize` and the page map count them.
    let mut joined = String::new();
    let mut grid_cells = Vec::new();
    for (i, page) in rendered.iter().enumerate() {
        if i > 0 {
            joined.push('\x0c');
        }
        let at = joined.len();
        grid_cells.extend(page.cells.iter().map(|c| crate::layout::GridCell {
            text: at + c.text.start..at + c.text.end,
            place: c.place,
        }));
        joined.push_str(&page.text);
    }
    let ocr_failed = ocr
        .failed
        .as_ref()
        .map(|why| format!(" (--ocr could not read them: {})", why.en))
        .unwrap_or_default();
    let ocr_failed_zh = ocr
        .failed
        .as_ref()
        .map(|why| format!("（--ocr 未能识别：{}）", why.zh))
        .unwrap_or_default();
    let empty: Vec<u32> = rendered
        .iter()
        .enumerate()
        .filter(|(_, p)| p.text.trim().is_empty())
        .map(|(i, _)| i as u32 + 1)
        .collect();
    let (unread, empty): (Vec<u32>, Vec<u32>) = empty.iter().partition(|p| unread.contains(p));
    if !rendered.is_empty() && !unread.is_empty() && unread.len() + empty.len() == rendered.len() {
        let pages = page_list(&unread);
        let on_pages = pages_en(&unread);
        let others = if empty.is_empty() {
            (String::new(), String::new())
        } else {
            (
                format!("; no text on {} (blank, or images)", pages_en(&empty)),
                format!("；第 {} 页没有文字（空白页或图片）", page_list(&empty)),
            )
        };
        return Err(ReadError::new(
            Format::Pdf,
            format!(
                "no text could be read: the text on {on_pages} could not be read (a content stream over the PDF reader's limits, or a damaged file){}{ocr_failed}; re-save or print the PDF to a new PDF and check that",
                others.0
            ),
        )
        .zh(format!(
            "未能读出任何文字：第 {pages} 页有文字，但 budgetlint 无法读取（内容流超出 PDF 读取器的限制，或文件已损坏）{}{ocr_failed_zh}；请将 PDF 另存或重新打印为新的 PDF 后再检查",
            others.1
        )));
    }
    if !rendered.is_empty() && empty.len() == rendered.len() {
        return Err(ReadError::new(
            Format::Pdf,
            format!(
                "no text layer: all {} pages are images (a scanned document?){ocr_failed}; check it with --ocr (tesseract with chi_sim), or run OCR on it first (e.g. `ocrmypdf -l chi_sim in.pdf out.pdf`) and check the result",
                rendered.len(),
            ),
        )
        .zh(format!(
            "没有文字层：全部 {} 页都是图片（扫描件？）{ocr_failed_zh}；可用 --ocr 检查（需 tesseract 和 chi_sim 中文语言包），或先做文字识别（如 `ocrmypdf -l chi_sim in.pdf out.pdf`）再检查识别结果",
            rendered.len(),
        )));
    }
    let mut notes = Vec::new();
    if !unread.is_empty() {
        let pages = page_list(&unread);
        notes.push(crate::Note::new(
            format!("pages whose text could not be read (a content stream over the PDF reader's limits, or damaged), left empty: {pages}"),
            format!("无法读取文字的页（内容流超出 PDF 读取器的限制，或已损坏），按空白页处理：{pages}"),
        ));
    }
    if !empty.is_empty() {
        let pages = page_list(&empty);
        notes.push(crate::Note::new(
            format!("pages without text (blank, or images of text that budgetlint cannot read): {pages}{ocr_failed}"),
            format!("没有文字的页（空白页，或 budgetlint 无法读取的文字图片）：{pages}{ocr_failed_zh}"),
        ));
    }
    if !ocr.pages.is_empty() {
        let pages = page_list(&ocr.pages);
        notes.push(crate::Note::new(
            format!("OCR text (tesseract, chi_sim) on pages {pages}: characters and figures may be misread; check findings there against the original"),
            format!("第 {pages} 页的文字由 OCR 识别（tesseract，chi_sim）：文字和数字可能识别有误，请对照原件核对这些页上的问题"),
        ));
    }
    let (text, _) = crate::layout::normalize_with_grids(&joined, &grid_cells);
    let mut places = SourceMap::pages_from_form_feeds(&text);
    places.ocr_pages = ocr.pages;
    let source = SourceInfo {
        encoding: Format::Pdf.name().into(),
        had_bom: false,
        line_ending: "lf".into(),
        replaced_bytes: 0,
    };
    Ok(Reading {
        format: Format::Pdf,
        text,
        source,
        places,
        notes,
        origin: None,
    })
}

/// `3, 7-9, 14`.
/// `page 3` or `pages 3, 7-9`, for an English sentence.
fn pages_en(pages: &[u32]) -> String {
    let noun = if pages.len() == 1 { "page" } else { "pages" };
    format!("{noun} {}", page_list(pages))
}

fn page_list(pages: &[u32]) -> String {
    let mut out = Vec::new();
    let mut i = 0;
    while i < pages.len() {
        let mut j = i;
        while j + 1 < pages.len() && pages[j + 1] == pages[j] + 1 {
            j += 1;
        }
        out.push(if i == j {
            pages[i].to_string()
        } else {
            format!("{}-{}", pages[i], pages[j])
        });
        i = j + 1;
    }
    out.join(", ")
}

fn program() -> std::ffi::OsString {
    std::env::var_os(PDFTOTEXT_ENV).unwrap_or_else(|| "pdftotext".into())
}

/// Runs `pdftotext -layout` on a private copy of the bytes, with the time limit of `options`,
/// and returns what it printed (at most [`MAX_INPUT_BYTES`]).
fn run_pdftotext(bytes: &[u8], options: &ReadOptions) -> Result<Vec<u8>, ReadError> {
    let fail = |m: String| ReadError::new(Format::Pdf, m);
    let mut input = tempfile::Builder::new()
        .prefix("budgetlint-")
        .suffix(".pdf")
        .tempfile()
        .map_err(|e| {
            fail(format!("cannot make a temporary copy for pdftotext: {e}"))
                .zh(format!("无法为 pdftotext 建立临时副本：{}", io_zh(&e)))
        })?;
    input
        .write_all(bytes)
        .and_then(|_| input.flush())
        .map_err(|e| {
            fail(format!("cannot write a temporary copy for pdftotext: {e}"))
                .zh(format!("无法写入 pdftotext 的临时副本：{}", io_zh(&e)))
        })?;
    let mut command = Command::new(program());
    command
        .args(["-bbox-layout", "-enc", "UTF-8", "-q"])
        .arg(input.path())
        .arg("-");
    let max_output = MAX_INPUT_BYTES as u64 + 1;
    let (status, out) = process::run(&mut command, max_output, options.timeout).map_err(|e| match e {
        RunError::NotFound => fail(format!(
            "reading PDF needs poppler's pdftotext, which was not found (Debian/Ubuntu: `apt-get install poppler-utils`; Windows: put pdftotext.exe on PATH or name it in {PDFTOTEXT_ENV})"
        ))
        .zh(format!(
            "读取 PDF 需要 poppler 的 pdftotext，但没有找到（Debian/Ubuntu：`apt-get install poppler-utils`；Windows：把 pdftotext.exe 放到 PATH 中，或在 {PDFTOTEXT_ENV} 中指定其路径）"
        )),
        RunError::Start(e) => {
            fail(format!("cannot start pdftotext: {e}")).zh(format!("无法启动 pdftotext：{}", io_zh(&e)))
        }
        RunError::TimedOut => fail(format!(
            "pdftotext did not finish within {} s; the PDF may be damaged or hostile",
            options.timeout.as_secs()
        ))
        .zh(format!(
            "pdftotext 在 {} 秒内没有完成；该 PDF 可能已损坏或含有恶意内容",
            options.timeout.as_secs()
        )),
        RunError::Wait(e) => {
            fail(format!("cannot wait for pdftotext: {e}")).zh(format!("等待 pdftotext 时出错：{}", io_zh(&e)))
        }
        e @ (RunError::Read(_) | RunError::ReaderFailed) => {
            let (en, zh) = e.read_reason();
            fail(format!("cannot read pdftotext's output: {en}"))
                .zh(format!("无法读取 pdftotext 的输出：{zh}"))
        }
    })?;
    if out.len() > MAX_INPUT_BYTES {
        let mb = MAX_INPUT_BYTES >> 20;
        return Err(fail(format!("the PDF's text is larger than {mb} MB"))
            .zh(format!("该 PDF 的文字超过 {mb} MB")));
    }
    if !status.success() {
        let (en, zh) = match status.code() {
            Some(1) => (
                "pdftotext cannot open it: not a valid PDF, or damaged".to_string(),
                "pdftotext 无法打开：不是有效的 PDF，或已损坏".to_string(),
            ),
            Some(3) => (
                "the PDF's permissions do not allow copying its text".to_string(),
                "该 PDF 的权限设置不允许复制其中的文字".to_string(),
            ),
            Some(code) => (
                format!("pdftotext failed (exit code {code}): the PDF may be damaged"),
                format!("pdftotext 运行失败（退出码 {code}）：该 PDF 可能已损坏"),
            ),
            None => (
                "pdftotext crashed on it: the PDF may be damaged".to_string(),
                "pdftotext 处理时崩溃：该 PDF 可能已损坏".to_string(),
            ),
        };
        return Err(fail(en).zh(zh));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_lists_are_ranges() {
        assert_eq!(page_list(&[1, 2, 3, 5, 7, 8]), "1-3, 5, 7-8");
        assert_eq!(page_list(&[4]), "4");
        assert_eq!(pages_en(&[4]), "page 4");
        assert_eq!(pages_en(&[1, 2]), "pages 1-2");
    }

    fn blank_pages(n: usize) -> Vec<boxes::Rendered> {
        (0..n)
            .map(|_| boxes::Rendered::unruled(String::new()))
            .collect()
    }

    #[test]
    fn pages_without_words_are_images_unless_their_text_was_not_read() {
        let scanned = from_pages(blank_pages(2), Ocr::default(), &[]).unwrap_err();
        assert!(
            scanned.message.contains("scanned document?"),
            "{}",
            scanned.message
        );
        // A page whose content shows text that was not read is no scan.
        let unread = from_pages(blank_pages(2), Ocr::default(), &[1]).unwrap_err();
        assert!(
            unread
                .message
                .starts_with("no text could be read: the text on page 1 could not be read")
                && unread
                    .message
                    .contains("no text on page 2 (blank, or images)")
                && !unread.message.contains("scanned"),
            "{}",
            unread.message
        );
        let zh = unread.message_zh.unwrap();
        assert!(
            zh.contains("第 1 页有文字") && zh.contains("第 2 页没有文字"),
            "{zh}"
        );
    }

    #[test]
    fn a_page_whose_text_was_not_read_is_named_in_a_note() {
        let mut pages = blank_pages(2);
        pages[1] = boxes::Rendered::unruled("合计 10.00\n".into());
        let reading = from_pages(pages, Ocr::default(), &[1]).unwrap();
        assert_eq!(reading.notes.len(), 1, "{:?}", reading.notes);
        assert!(reading.notes[0]
            .en
            .starts_with("pages whose text could not be read"));
    }
}
