//! The words of each PDF page read in process by `pdf_oxide`, grouped the way poppler's
//! `pdftotext -bbox-layout` groups them, so that `boxes::render_page` lays out the same page
//! whichever of the two read it.
//!
//! Why: reading in process needs no external program (Windows users had to install poppler)
//! and is faster than starting pdftotext for each file. `pdf_oxide` decodes every font of the
//! real disclosures right (Identity-H CID fonts, predefined CMaps such as UniGB-UCS2-H without
//! ToUnicode). Measured on the twelve real disclosures and the generated seed PDFs (see
//! docs/ARCHITECTURE.md "Readers"), the characters of every page are the same as pdftotext's
//! once glyphs drawn off the page are dropped as poppler drops them.
//!
//! How poppler makes words (TextOutputDev.cc, `TextPage::addChar` then `TextLine::coalesce`),
//! as followed here: glyphs on one baseline (within 0.5 pt) form a line; a word ends at a space
//! glyph, at a gap wider than 0.1 of the font size, at a change of font size, or where a glyph
//! overlaps the previous one by more than 0.2 of the font size in another font; and a run of
//! one-character words set apart evenly (letter-spaced text, `合  计` set as a cell's width) is
//! one word when no space glyph stands between them. Boxes are poppler's: from the glyph's
//! origin to its advance, from the font's ascent to its descent (poppler's defaults, 0.95 and
//! -0.35 of the size, when the font gives none), in points from the top left of the page's
//! visible box with the page's /Rotate applied.
//!
//! The drawn rules of each page (`rules.rs`) are read in the same pass, so that the document
//! is opened and its page tree walked once.
//!
//! Containment: `pdf_oxide` runs in a worker process (`worker.rs`) killed at the time limit
//! when the caller names the worker's program (`ReadOptions::pdf_worker`), on a thread of its
//! own otherwise; each page inside `catch_unwind` either way. A page that panics or fails is
//! an empty page named in [`Extracted::failed`], never the run's end. A document not done
//! within the time limit is given up (the caller then uses pdftotext); a worker is killed, a
//! thread cannot be and ends when its page does.

use super::boxes::Word;
use super::contained::Uncontained;
use super::rules::{Gathered, PageRules};
use pdf_oxide::document::PdfDocument;
use pdf_oxide::layout::TextChar;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

/// The words of every page, the pages (1-based) whose text could not be read, and the rules
/// drawn on every page, read in the same pass (`None` when they took longer than their time
/// limit, `rules::Gathered`).
#[derive(Debug, Default, Clone)]
pub struct Extracted {
    pub pages: Vec<Vec<Word>>,
    pub failed: Vec<u32>,
    /// The pages (1-based) that gave no words although their content shows text, or whose
    /// content could not be decoded: text that was not read (a content stream over
    /// pdf_oxide's limits, a damaged one), not an image of text.
    pub unread: Vec<u32>,
    pub rules: Option<Vec<PageRules>>,
}

/// Why `pdf_oxide` gave no pages at all.
#[derive(Debug)]
pub enum Failure {
    /// It could not open the document (damaged, encrypted, not a PDF): its reason.
    Open(String),
    /// It was still reading at the time limit.
    TimedOut,
    /// It panicked opening the document.
    Panicked,
    /// Its process (`worker.rs`) stopped without a result: why.
    Stopped(String),
}

/// The most pages read in process (a hostile page tree may claim millions); a longer document
/// is left to pdftotext.
const MAX_PAGES: usize = 10_000;

/// Reads the words and the drawn rules of every page of `bytes` in one pass over the document,
/// giving up after `timeout`; the rules get at most `rules_limit` of it. With `worker` (the
/// `budgetlint` binary), in a process of its own (`worker.rs`), killed at the limit; without
/// one, or when it cannot be started, on a thread of this process.
pub fn pages(
    bytes: &[u8],
    timeout: Duration,
    rules_limit: Duration,
    worker: Option<&std::path::Path>,
) -> Result<Extracted, Failure> {
    if let Some(read) = worker.and_then(|w| super::worker::pages(w, bytes, timeout, rules_limit)) {
        return read;
    }
    let bytes = bytes.to_vec();
    let deadline = Instant::now() + timeout;
    match super::contained::run("budgetlint-pdf-oxide", timeout, move || {
        read_all(bytes, deadline, rules_limit)
    }) {
        Ok(result) => result,
        Err(Uncontained::Start(e)) => Err(Failure::Open(format!("cannot start a thread: {e}"))),
        Err(Uncontained::Panicked) => Err(Failure::Panicked),
        Err(Uncontained::TimedOut) => Err(Failure::TimedOut),
    }
}

/// [`pages`] on the calling thread, a panic caught: the worker's reading (`worker.rs`).
pub(super) fn read_here(
    bytes: Vec<u8>,
    timeout: Duration,
    rules_limit: Duration,
) -> Result<Extracted, Failure> {
    let deadline = Instant::now() + timeout;
    catch_unwind(AssertUnwindSafe(|| read_all(bytes, deadline, rules_limit)))
        .unwrap_or(Err(Failure::Panicked))
}

fn read_all(
    bytes: Vec<u8>,
    deadline: Instant,
    rules_limit: Duration,
) -> Result<Extracted, Failure> {
    let doc = PdfDocument::from_bytes(bytes).map_err(|e| Failure::Open(e.to_string()))?;
    let count = doc.page_count().map_err(|e| Failure::Open(e.to_string()))?;
    if count > MAX_PAGES {
        return Err(Failure::Open(format!(
            "{count} pages, more than the {MAX_PAGES} it reads"
        )));
    }
    let mut out = Extracted::default();
    let mut rules = Gathered::new(rules_limit);
    for index in 0..count {
        if Instant::now() > deadline {
            return Err(Failure::TimedOut);
        }
        match catch_unwind(AssertUnwindSafe(|| page_words(&doc, index))) {
            Ok(Ok(words)) => {
                if words.is_empty() && holds_unread_text(&doc, index) {
                    out.unread.push(index as u32 + 1);
                }
                out.pages.push(words);
            }
            Ok(Err(_)) | Err(_) => {
                out.pages.push(Vec::new());
                out.failed.push(index as u32 + 1);
            }
        }
        rules.add_page(&doc, index);
    }
    out.rules = rules.finish();
    Ok(out)
}

/// Whether page `index`, which gave no words, shows text in its content stream or has content
/// that cannot be decoded (see [`Extracted::unread`]). A scanned page only draws an image.
fn holds_unread_text(doc: &PdfDocument, index: usize) -> bool {
    catch_unwind(AssertUnwindSafe(|| {
        match doc.get_page_content_data(index) {
            Ok(content) => shows_text(&content),
            Err(_) => true,
        }
    }))
    .unwrap_or(true)
}

/// Whether a content stream (or a file's raw bytes) holds a text-showing operator (`Tj`,
/// `TJ`) as an operator, not inside a name or a string: white space or the end of an operand
/// before it, a delimiter or the end after it. Linear in the bytes (`memmem`).
pub(super) fn shows_text(content: &[u8]) -> bool {
    let operand_end = |b: u8| b.is_ascii_whitespace() || matches!(b, b')' | b']' | b'>');
    let operator_end =
        |b: Option<&u8>| b.is_none_or(|b| b.is_ascii_whitespace() || b"/[(<%".contains(b));
    [&b"Tj"[..], &b"TJ"[..]].iter().any(|op| {
        memchr::memmem::find_iter(content, op)
            .any(|at| at > 0 && operand_end(content[at - 1]) && operator_end(content.get(at + 2)))
    })
}

/// The page's visible box and rotation: where a point of user space lands on the page as shown.
struct Frame {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    rotate: i32,
}

impl Frame {
    /// A page without a usable MediaBox is a US Letter page, as poppler takes it.
    fn of(doc: &PdfDocument, index: usize) -> Frame {
        let (x0, y0, x1, y1) = doc
            .get_page_visible_box(index)
            .unwrap_or((0.0, 0.0, 612.0, 792.0));
        Frame {
            x0: x0.into(),
            y0: y0.into(),
            x1: x1.into(),
            y1: y1.into(),
            rotate: doc.get_page_rotation(index).unwrap_or(0),
        }
    }

    /// Width and height of the page as shown.
    fn size(&self) -> (f64, f64) {
        let (w, h) = (self.x1 - self.x0, self.y1 - self.y0);
        if self.rotate == 90 || self.rotate == 270 {
            (h, w)
        } else {
            (w, h)
        }
    }

    /// A point of user space (y up) in points from the top left of the page as shown (y down).
    fn place(&self, x: f64, y: f64) -> (f64, f64) {
        match self.rotate {
            90 => (y - self.y0, x - self.x0),
            180 => (self.x1 - x, y - self.y0),
            270 => (self.y1 - y, self.x1 - x),
            _ => (x - self.x0, self.y1 - y),
        }
    }
}

/// One glyph: its origin and direction (user space), its place along its line and across it,
/// its advance, and what a word boundary depends on.
struct Glyph {
    ch: char,
    space: bool,
    origin: (f64, f64),
    direction: (f64, f64),
    along: f64,
    across: f64,
    /// Along the text; `None` when pdf_oxide gives none (see [`glyph`]).
    advance: Option<f64>,
    size: f64,
    ascent: f64,
    descent: f64,
    angle: i32,
    font: (String, i32, i32),
}

impl Glyph {
    /// The advance, or an estimate for a glyph without one: a Chinese character's is the font
    /// size, another's a little over half of it.
    fn advance(&self) -> f64 {
        self.advance.unwrap_or_else(|| {
            let em = if crate::layout::is_wide(self.ch) {
                1.0
            } else {
                0.55
            };
            em * self.size
        })
    }

    /// The glyph's box on the page as shown: from its origin to its advance, from its ascent
    /// to its descent.
    fn bounds(&self, frame: &Frame) -> [f64; 4] {
        let ((ox, oy), (dx, dy), advance) = (self.origin, self.direction, self.advance());
        let mut b = [
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ];
        for (along, up) in [
            (0.0, self.ascent),
            (0.0, self.descent),
            (advance, self.ascent),
            (advance, self.descent),
        ] {
            // `up` is across the text: the direction (-dy, dx).
            let (x, y) = frame.place(ox + dx * along - dy * up, oy + dy * along + dx * up);
            b = [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)];
        }
        b
    }
}

fn page_words(doc: &PdfDocument, index: usize) -> pdf_oxide::Result<Vec<Word>> {
    let frame = Frame::of(doc, index);
    let mut glyphs: Vec<Glyph> = doc
        .extract_chars(index)?
        .iter()
        .filter_map(|c| glyph(c, &frame))
        .collect();
    glyphs.sort_by(|a, b| {
        a.angle
            .cmp(&b.angle)
            .then(b.across.total_cmp(&a.across))
            .then(a.along.total_cmp(&b.along))
    });
    let mut words = Vec::new();
    let mut start = 0;
    while start < glyphs.len() {
        // A line: glyphs of one direction whose baselines are within 0.5 pt of its first.
        let first = &glyphs[start];
        let end = glyphs[start..]
            .iter()
            .position(|g| g.angle != first.angle || (g.across - first.across).abs() > 0.5)
            .map_or(glyphs.len(), |n| start + n);
        let line = &mut glyphs[start..end];
        line.sort_by(|a, b| a.along.total_cmp(&b.along));
        fill_missing_advances(line);
        words.extend(line_words(line, &frame));
        start = end;
    }
    Ok(words)
}

/// A glyph without an advance (pdf_oxide gives text turned a quarter none) that the next glyph
/// on its line follows within the widest advance its kind has (a Chinese character a little
/// over the font size, a Latin one the size: `W`, `@`) takes the distance to it: the glyphs of
/// a word set one after the other. A space glyph between words is a glyph of the line too,
/// so words stay apart.
fn fill_missing_advances(line: &mut [Glyph]) {
    for i in 0..line.len().saturating_sub(1) {
        if line[i].advance.is_none() {
            let distance = line[i + 1].along - line[i].along;
            let widest = (1.25 * line[i].advance()).max(line[i].size);
            if distance > 0.0 && distance <= widest {
                line[i].advance = Some(distance);
            }
        }
    }
}

/// The glyph of `c`, or none when it is drawn off the page (poppler drops such glyphs: a
/// spreadsheet printed by WPS draws a whole cell's text on each page the cell spans, clipped)
/// or its numbers are not finite.
fn glyph(c: &TextChar, frame: &Frame) -> Option<Glyph> {
    if c.char == '\0' {
        return None;
    }
    let [a, b, ..] = c.matrix.unwrap_or([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
    let (a, b) = (f64::from(a), f64::from(b));
    let norm = a.hypot(b);
    let (dx, dy) = if norm > 0.0 && norm.is_finite() {
        (a / norm, b / norm)
    } else {
        (1.0, 0.0)
    };
    let (ox, oy) = (f64::from(c.origin_x), f64::from(c.origin_y));
    let size = f64::from(c.font_size);
    // pdf_oxide scales a glyph's width by the matrix's horizontal scale alone (`a`), so turned
    // text has it shortened by cos θ, and text turned a quarter has none: undone here.
    let advance = [c.rendered_advance, c.advance_width, c.bbox.width]
        .into_iter()
        .find(|w| *w > 0.0)
        .map(f64::from)
        .filter(|_| a.abs() > 0.01 * norm)
        .map(|w| w / a.abs() * norm);
    if ![ox, oy, size, advance.unwrap_or(0.0)]
        .iter()
        .all(|v| v.is_finite())
    {
        return None;
    }
    let ascent = if c.ascent != 0.0 {
        f64::from(c.ascent)
    } else {
        0.95 * size
    };
    let descent = if c.descent != 0.0 {
        f64::from(c.descent)
    } else {
        -0.35 * size
    };
    let g = Glyph {
        ch: c.char,
        space: c.char.is_whitespace(),
        origin: (ox, oy),
        direction: (dx, dy),
        along: ox * dx + oy * dy,
        across: oy * dx - ox * dy,
        advance,
        size,
        ascent,
        descent,
        angle: (dy.atan2(dx).to_degrees().round() as i32).rem_euclid(360),
        font: (
            c.font_name.clone(),
            (c.ascent * 100.0).round() as i32,
            (c.descent * 100.0).round() as i32,
        ),
    };
    let (page_w, page_h) = frame.size();
    let (sx, sy) = frame.place(ox, oy);
    let (ex, ey) = frame.place(ox + dx * g.advance(), oy + dy * g.advance());
    let off_page =
        sx.max(ex) < 0.0 || sx.min(ex) > page_w || sy.max(ey) < 0.0 || sy.min(ey) > page_h;
    (!off_page).then_some(g)
}

/// Glyphs of one word as poppler first makes it, with whether a space glyph stood before it.
struct Run<'a> {
    glyphs: Vec<&'a Glyph>,
    after_space: bool,
}

impl Run<'_> {
    fn start(&self) -> f64 {
        self.glyphs[0].along
    }

    fn end(&self) -> f64 {
        let last = self.glyphs[self.glyphs.len() - 1];
        last.along + last.advance()
    }
}

/// The words of one line, its glyphs in order along it.
fn line_words(line: &[Glyph], frame: &Frame) -> Vec<Word> {
    let runs = split_words(line);
    let mut words = Vec::new();
    let mut group: Vec<Run> = Vec::new();
    for run in runs {
        // Letter-spaced text is set closer than a third of a character; a wider gap is a
        // column's or a phrase's.
        if let Some(last) = group.last() {
            if run.start() - last.end() > 0.3 * last.glyphs[0].size {
                words.extend(join_letter_spaced(std::mem::take(&mut group)));
            }
        }
        group.push(run);
    }
    words.extend(join_letter_spaced(group));
    words.iter().map(|run| word(&run.glyphs, frame)).collect()
}

/// poppler's `addChar`: a word ends at a space glyph, at a gap wider than 0.1 of the font
/// size, at a change of size, or at an overlap of more than 0.2 of the size in another font
/// (in the same font poppler joins such pieces again: a full-width `）` set half-width).
fn split_words(line: &[Glyph]) -> Vec<Run<'_>> {
    let mut runs: Vec<Run> = Vec::new();
    let mut after_space = false;
    for g in line {
        if g.space {
            after_space = true;
            continue;
        }
        let joins = !after_space
            && runs.last().is_some_and(|run| {
                let last = run.glyphs[run.glyphs.len() - 1];
                let size = run.glyphs[0].size;
                let gap = g.along - run.end();
                gap <= 0.1 * size
                    && (gap >= -0.2 * size || last.font == g.font)
                    && (g.size - size).abs() <= 1e-3
            });
        match runs.last_mut() {
            Some(run) if joins => run.glyphs.push(g),
            _ => runs.push(Run {
                glyphs: vec![g],
                after_space,
            }),
        }
        after_space = false;
    }
    runs
}

/// poppler's `TextLine::coalesce`: in a group of one-character words, words closer than 1.3
/// times the smallest gap between them are one word (`行 政 事 业 单 位` set to a cell's
/// width), unless a space glyph, another font or another size stands between.
fn join_letter_spaced(group: Vec<Run<'_>>) -> Vec<Run<'_>> {
    if group.len() < 2 || group.iter().any(|run| run.glyphs.len() != 1) {
        return group;
    }
    let smallest = group
        .windows(2)
        .map(|pair| pair[1].start() - pair[0].end())
        .fold(f64::INFINITY, f64::min);
    if smallest <= 0.0 {
        return group;
    }
    let mut out: Vec<Run> = Vec::new();
    for run in group {
        if let Some(previous) = out.last_mut() {
            let (last, next) = (previous.glyphs[previous.glyphs.len() - 1], run.glyphs[0]);
            if !run.after_space
                && run.start() - previous.end() < 1.3 * smallest
                && last.font == next.font
                && (last.size - next.size).abs() < 0.05 * last.size
            {
                previous.glyphs.extend(run.glyphs);
                continue;
            }
        }
        out.push(run);
    }
    out
}

/// A word's text and box: along the line across its glyphs, across it the first glyph's ascent
/// and descent (poppler takes the font of a word's first glyph), rounded to a thousandth of a
/// point so that single-precision noise does not move a word across the rounding of
/// `boxes::render_page`'s columns.
fn word(glyphs: &[&Glyph], frame: &Frame) -> Word {
    let first = glyphs[0];
    let mut b = first.bounds(frame);
    // Whether the line runs across the page as shown or up or down it.
    let (ox, oy) = first.origin;
    let (dx, dy) = first.direction;
    let (start, next) = (frame.place(ox, oy), frame.place(ox + dx, oy + dy));
    let across = (next.0 - start.0).abs() >= (next.1 - start.1).abs();
    for g in glyphs {
        let gb = g.bounds(frame);
        if across {
            b[0] = b[0].min(gb[0]);
            b[2] = b[2].max(gb[2]);
        } else {
            b[1] = b[1].min(gb[1]);
            b[3] = b[3].max(gb[3]);
        }
    }
    let round = |v: f64| (v * 1000.0).round() / 1000.0;
    Word {
        x_min: round(b[0]),
        y_min: round(b[1]),
        x_max: round(b[2]),
        y_max: round(b[3]),
        text: glyphs.iter().map(|g| g.ch).collect(),
        cell: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_showing_operators_are_told_from_names_and_strings() {
        assert!(shows_text(b"BT /F1 12 Tf 72 720 Td (Total) Tj ET"));
        assert!(shows_text(b"BT [(A) -120 (B)]TJ ET"));
        assert!(shows_text(b"BT <0041>Tj\nET"));
        // A scanned page draws an image; `/Tjx` is a name, `(Tj)` a string's text.
        assert!(!shows_text(b"q 595 0 0 842 0 0 cm /Im0 Do Q"));
        assert!(!shows_text(b"/Tjx gs"));
        assert!(!shows_text(b"(Tj)"));
    }

    /// A glyph of a 10 pt font on the baseline y = 700 of an upright page, at `x`.
    fn glyph_at(ch: char, x: f64, advance: f64, font: &str) -> Glyph {
        Glyph {
            ch,
            space: ch.is_whitespace(),
            origin: (x, 700.0),
            direction: (1.0, 0.0),
            along: x,
            across: 700.0,
            advance: Some(advance),
            size: 10.0,
            ascent: 8.0,
            descent: -2.0,
            angle: 0,
            font: (font.into(), 800, -200),
        }
    }

    /// An A4 page as printed, not turned.
    fn a4_upright() -> Frame {
        Frame {
            x0: 0.0,
            y0: 0.0,
            x1: 595.0,
            y1: 842.0,
            rotate: 0,
        }
    }

    fn texts(line: &[Glyph]) -> Vec<String> {
        let frame = a4_upright();
        line_words(line, &frame)
            .into_iter()
            .map(|w| w.text)
            .collect()
    }

    /// Glyphs set one after the other from `x`, `gap` apart, in one font.
    fn run(text: &str, x: f64, gap: f64) -> Vec<Glyph> {
        let mut at = x;
        text.chars()
            .map(|ch| {
                let advance = if crate::layout::is_wide(ch) {
                    10.0
                } else {
                    5.0
                };
                let g = glyph_at(ch, at, advance, "F1");
                at += advance + gap;
                g
            })
            .collect()
    }

    #[test]
    fn words_end_at_spaces_and_gaps_wider_than_a_tenth_of_the_size() {
        let mut line = run("收入", 100.0, 0.0);
        line.extend(run("合计", 121.5, 0.0)); // 1.5 pt apart: a word's gap
        line.extend(run("12.50", 150.0, 0.0));
        line.extend(run(" 万元", 175.0, 0.0)); // a space glyph
        assert_eq!(texts(&line), ["收入", "合计", "12.50", "万元"]);
        // Close enough (under 1 pt) and it is one word.
        assert_eq!(texts(&run("收入合计", 100.0, 0.8)), ["收入合计"]);
    }

    #[test]
    fn an_overlap_joins_in_one_font_and_splits_in_another() {
        // `）` set half-width over its advance, then `。`: one word in one font.
        let line = vec![
            glyph_at('项', 100.0, 10.0, "F1"),
            glyph_at('）', 110.0, 10.0, "F1"),
            glyph_at('。', 115.0, 10.0, "F1"),
        ];
        assert_eq!(texts(&line), ["项）。"]);
        let line = vec![
            glyph_at('%', 100.0, 10.0, "Latin"),
            glyph_at('。', 105.0, 10.0, "F1"),
        ];
        assert_eq!(texts(&line), ["%", "。"]);
    }

    #[test]
    fn letter_spaced_characters_are_one_word_unless_spaces_stand_between() {
        // 行政事业单位 set to a cell's width: 1.2 pt between characters.
        assert_eq!(texts(&run("行政事业单位", 100.0, 1.2)), ["行政事业单位"]);
        // 目 录 with space glyphs between: two words, as pdftotext has them.
        assert_eq!(texts(&run("目 录", 100.0, 0.0)), ["目", "录"]);
        // Characters a column apart are not letter-spaced text.
        assert_eq!(texts(&run("合计", 100.0, 8.0)), ["合", "计"]);
    }

    #[test]
    fn boxes_are_poppler_s_from_the_top_left_of_the_page() {
        let frame = a4_upright();
        let words = line_words(&run("合计", 100.0, 0.0), &frame);
        let w = &words[0];
        assert_eq!((w.x_min, w.x_max), (100.0, 120.0));
        // Baseline 700 from the bottom is 142 from the top; ascent 8, descent 2.
        assert_eq!((w.y_min, w.y_max), (134.0, 144.0));
        // The same page turned by /Rotate 90: the word reads downwards from the top left.
        let turned = Frame {
            rotate: 90,
            ..frame
        };
        let w = &line_words(&run("合计", 100.0, 0.0), &turned)[0];
        assert_eq!(
            (w.x_min, w.x_max, w.y_min, w.y_max),
            (698.0, 708.0, 100.0, 120.0)
        );
    }
}
