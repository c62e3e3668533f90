//! Optional OCR of PDF pages without a text layer (`check --ocr`): each such page is rendered
//! by poppler's `pdftoppm` (300 dpi, grey) and read by `tesseract` with its simplified-Chinese
//! model (`chi_sim`), both external programs run with the read's time limit per page. Tesseract
//! writes its words with their boxes (TSV); they become [`Word`]s in PDF points, so the page is
//! laid out by the same grid as a text layer (`boxes::render_page`) and its tables are rebuilt
//! the same way. OCR text is never trusted like a text layer: the reader notes which pages it
//! comes from and the source map marks them, so every finding on them says so.
//!
//! Debian/Ubuntu: `apt-get install tesseract-ocr tesseract-ocr-chi-sim` (pdftoppm is in
//! poppler-utils with pdftotext).

use super::boxes::Word;
use super::process::{self, RunError};
use crate::reasons::io_zh;
use crate::{Note, ReadOptions};
use std::path::Path;
use std::process::Command;

/// The environment variable that names the `tesseract` program (default: on PATH).
pub const TESSERACT_ENV: &str = "BUDGETLINT_TESSERACT";

/// The resolution pages are rendered at for OCR (dots per inch).
const DPI: f64 = 300.0;

/// The most output read from one OCR program (a page's TSV is a few hundred KB at most).
const MAX_OUTPUT: u64 = 16 << 20;

/// The words tesseract reads on page `page` (1-based) of the PDF at `pdf`.
pub fn read_page(pdf: &Path, page: u32, options: &ReadOptions) -> Result<Vec<Word>, Note> {
    let dir = tempfile::Builder::new()
        .prefix("budgetlint-ocr-")
        .tempdir()
        .map_err(|e| {
            Note::new(
                format!("cannot make a temporary folder for OCR: {e}"),
                format!("无法为 OCR 建立临时文件夹：{}", io_zh(&e)),
            )
        })?;
    let image = dir.path().join("page");
    let n = page.to_string();
    let mut render = Command::new("pdftoppm");
    render
        .args([
            "-r",
            "300",
            "-gray",
            "-png",
            "-singlefile",
            "-f",
            &n,
            "-l",
            &n,
        ])
        .arg(pdf)
        .arg(&image);
    run(render, "pdftoppm", options)?;
    let program = std::env::var_os(TESSERACT_ENV).unwrap_or_else(|| "tesseract".into());
    let mut ocr = Command::new(program);
    ocr.arg(image.with_extension("png"))
        .arg("stdout")
        .args(["-l", "chi_sim", "--psm", "6", "tsv"]);
    let tsv = run(ocr, "tesseract", options)?;
    Ok(words(&String::from_utf8_lossy(&tsv)))
}

/// The words of tesseract's TSV output (level 5 rows with text), their boxes in PDF points.
/// Tesseract splits Chinese text and figures into many close "words" (`一般 公共`, `101,` `673.`
/// `03`): words of one line set closer than about half a character are joined into one, without
/// a space (with one between two Latin letters), as a text layer would have them.
pub fn words(tsv: &str) -> Vec<Word> {
    let scale = 72.0 / DPI;
    let mut out: Vec<Word> = Vec::new();
    let mut last_line: Option<[&str; 4]> = None;
    for line in tsv.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 12 || f[0] != "5" {
            continue;
        }
        let text = f[11].trim();
        let number = |i: usize| f[i].parse::<f64>().ok().filter(|v| v.is_finite());
        let (Some(left), Some(top), Some(width), Some(height)) =
            (number(6), number(7), number(8), number(9))
        else {
            continue;
        };
        if text.is_empty() {
            continue;
        }
        let word = Word {
            x_min: left * scale,
            y_min: top * scale,
            x_max: (left + width) * scale,
            y_max: (top + height) * scale,
            text: text.to_string(),
            cell: None,
        };
        let line_id = [f[1], f[2], f[3], f[4]];
        let same_line = last_line == Some(line_id);
        last_line = Some(line_id);
        match out.last_mut() {
            Some(previous) if same_line && close(previous, &word) => join(previous, word),
            _ => out.push(word),
        }
    }
    out
}

/// Whether `next` follows `previous` on its line closer than half a character (the height of
/// the taller of the two stands for a character's width).
fn close(previous: &Word, next: &Word) -> bool {
    let height = (previous.y_max - previous.y_min).max(next.y_max - next.y_min);
    next.x_min - previous.x_max < 0.5 * height
}

fn join(previous: &mut Word, next: Word) {
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
    if latin(previous.text.chars().next_back()) && latin(next.text.chars().next()) {
        previous.text.push(' ');
    }
    previous.text.push_str(&next.text);
    previous.x_max = previous.x_max.max(next.x_max);
    previous.y_min = previous.y_min.min(next.y_min);
    previous.y_max = previous.y_max.max(next.y_max);
}

/// Runs `command` with the read's time limit; its standard output, or why it failed (in
/// English and Chinese).
fn run(mut command: Command, name: &str, options: &ReadOptions) -> Result<Vec<u8>, Note> {
    const INSTALL: &str = "`apt-get install tesseract-ocr tesseract-ocr-chi-sim poppler-utils`";
    let (status, out) =
        process::run(&mut command, MAX_OUTPUT, options.timeout).map_err(|e| match e {
            RunError::NotFound => Note::new(
                format!("{name} was not found (Debian/Ubuntu: {INSTALL})"),
                format!("没有找到 {name}（Debian/Ubuntu：{INSTALL}）"),
            ),
            RunError::Start(e) => Note::new(
                format!("cannot start {name}: {e}"),
                format!("无法启动 {name}：{}", io_zh(&e)),
            ),
            RunError::TimedOut => {
                let limit = options.timeout.as_secs();
                Note::new(
                    format!("{name} did not finish within {limit} s"),
                    format!("{name} 在 {limit} 秒内没有完成"),
                )
            }
            RunError::Wait(e) => Note::new(
                format!("cannot wait for {name}: {e}"),
                format!("等待 {name} 时出错：{}", io_zh(&e)),
            ),
            e @ (RunError::Read(_) | RunError::ReaderFailed) => {
                let (en, zh) = e.read_reason();
                Note::new(
                    format!("cannot read {name}'s output: {en}"),
                    format!("无法读取 {name} 的输出：{zh}"),
                )
            }
        })?;
    if !status.success() {
        return Err(Note::new(
            format!("{name} failed ({status})"),
            format!("{name} 运行失败（{status}）"),
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_program_is_named_in_both_languages() {
        let command = Command::new("budgetlint-test-no-such-program");
        let why = run(command, "tesseract", &ReadOptions::default()).unwrap_err();
        assert!(
            why.en
                .starts_with("tesseract was not found (Debian/Ubuntu: "),
            "{why}"
        );
        assert!(
            why.zh.starts_with("没有找到 tesseract（Debian/Ubuntu："),
            "{why:?}"
        );
    }

    #[test]
    fn tsv_words_become_boxes_in_points() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
                   1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t\n\
                   5\t1\t1\t1\t1\t1\t300\t600\t150\t50\t91.5\t收入\n\
                   5\t1\t1\t1\t1\t2\t600\t600\t100\t50\t88\t \n\
                   5\t1\t1\t1\t1\t3\tx\t600\t100\t50\t88\t坏\n";
        let words = words(tsv);
        assert_eq!(words.len(), 1);
        let w = &words[0];
        assert_eq!(w.text, "收入");
        assert_eq!(
            (w.x_min, w.y_min, w.x_max, w.y_max),
            (72.0, 144.0, 108.0, 156.0)
        );
    }

    #[test]
    fn close_words_of_a_line_are_joined() {
        let row = |word: u32, left: u32, text: &str| {
            format!("5\t1\t1\t1\t1\t{word}\t{left}\t600\t50\t50\t90\t{text}\n")
        };
        let tsv = format!(
            "header\n{}{}{}{}",
            row(1, 100, "收入"),
            row(2, 160, "101,"),
            row(3, 215, "673.03"),
            row(4, 600, "万元")
        );
        let words = words(&tsv);
        let texts: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["收入101,673.03", "万元"]);
    }

    #[test]
    fn damaged_tsv_gives_no_words_and_no_panic() {
        for tsv in [
            "",
            "\n\n",
            "5\t1",
            "5\t1\t1\t1\t1\t1\tNaN\t1\t1\t1\t1\t字\n",
        ] {
            assert!(words(&format!("header\n{tsv}")).is_empty());
        }
    }
}
