//! Layout text (what `pdftotext -layout` prints) to canonical text.
//!
//! A PDF's text comes out as the page shows it: lines wrapped by the page width, tables as
//! words aligned in columns with spaces, page numbers and running headers on every page. The
//! model reads paragraphs as lines and tables as tab-separated rows, so this module
//!
//! - drops page furniture: page numbers (`- 3 -`, `—3—`, `第 3 页`, a bare number) and running
//!   headers or footers (the same line at the top or bottom of several pages, first copy kept);
//! - rebuilds tables: a run of lines whose words stand in columns, with amounts, becomes rows
//!   of tab-separated cells. Columns come from the gutters (display columns no word covers) of
//!   the lines that hold amounts; a line of amounts alone joins the row next to it whose cells
//!   are empty there (values centred in a tall cell print a line above or below its label), a
//!   line of words alone continues the cells above it (a wrapped name), and the lines above the
//!   first row of amounts make one header row, or two when their last line is a row of
//!   sub-headers under group headers (`科目编码` over `类 款 项`): the group row, each group
//!   word in the first column it spans and the rest of its span empty, then the sub-headers —
//!   or three when the two lines above the sub-headers are themselves two levels of groups
//!   (`公务用车购置及运行费` over `小计 | 公务用车购置费 | 公务用车运行费`, each over
//!   `预算数 决算数`);
//! - writes the rows of ruled tables as the drawn borders give them (`normalize_with_grids`:
//!   each cell's text with its row and columns, from `pdf/ruled.rs`), without looking for
//!   their columns;
//! - re-joins prose lines that the page wrapped: a line continues the paragraph above when that
//!   one reached the right margin and this one is not indented or numbered.
//!
//! Every piece of the canonical text is copied from the input, so an [`OffsetMap`] takes any
//! position in it back to the input (a finding in a `.txt` keeps its line and column).
//! Work is linear in the input: each page's lines are looked at a bounded number of times.

use budgetlint_model::text::is_page_number;
use std::ops::Range;

/// Lines wider than this many display columns are left as they are (no column analysis).
const MAX_COLUMNS: usize = 1000;

/// From positions in the canonical text back to positions in the input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    /// (canonical start, input start, length) of every copied piece, in canonical order.
    pieces: Vec<(usize, usize, usize)>,
}

impl OffsetMap {
    /// The input offset of canonical offset `at`. Inserted bytes (tabs between cells, a space
    /// between joined lines) map to the start of the piece after them.
    pub fn original(&self, at: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.0 <= at);
        match i.checked_sub(1).map(|i| self.pieces[i]) {
            Some((out, input, len)) if at < out + len => input + (at - out),
            _ => match self.pieces.get(i) {
                Some(&(_, input, _)) => input,
                None => self.pieces.last().map_or(0, |&(_, input, len)| input + len),
            },
        }
    }

    /// The input range of canonical range `range`, when both ends fall in one copied piece
    /// (only then can an edit of it be made in the input).
    pub fn original_range(&self, range: Range<usize>) -> Option<Range<usize>> {
        let i = self
            .pieces
            .partition_point(|p| p.0 <= range.start)
            .checked_sub(1)?;
        let (out, input, len) = self.pieces[i];
        (range.end <= out + len).then(|| input + (range.start - out)..input + (range.end - out))
    }
}

/// A ruled table cell's place in its table's grid (`pdf/ruled.rs` knows it from the drawn
/// borders): the layout writes such a table's rows from these places, not from the positions
/// of its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GridPlace {
    /// The table's part on one page, numbered through the document.
    pub part: usize,
    /// Whether the part goes on from the table's part on the page before.
    pub continues: bool,
    /// The first column it spans and one past the last, of `columns` (a cell over several
    /// columns is written in the first, the rest of its span empty).
    pub first: usize,
    pub end: usize,
    pub columns: usize,
}

/// A ruled table cell: the input range of its text, and its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridCell {
    pub text: Range<usize>,
    pub place: GridPlace,
}

/// Canonical text being written from pieces of the input.
struct Writer<'a> {
    input: &'a str,
    /// The ruled tables' cells, by input offset.
    grid_cells: &'a [GridCell],
    text: String,
    map: OffsetMap,
    /// The columns of the table written last, while nothing else has been written since: a
    /// table at the top of the next page whose columns fall within them continues it.
    open_table: Option<Vec<(usize, usize)>>,
    /// How the columns of the input's tables are counted.
    grid: Grid,
}

impl Writer<'_> {
    fn copy(&mut self, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        self.map
            .pieces
            .push((self.text.len(), range.start, range.len()));
        self.text.push_str(&self.input[range]);
    }

    fn insert(&mut self, s: &str) {
        self.text.push_str(s);
    }

    fn ends_with_newline(&self) -> bool {
        self.text.is_empty() || self.text.ends_with('\n') || self.text.ends_with('\x0c')
    }
}

/// Whether `text` reads like `pdftotext -layout` output: several pages, no tabs, and either
/// lines with words set apart by runs of spaces (tables, or centred titles), or prose cut into
/// lines at the page's right margin (a document of prose, whose few tables may be pictures).
pub fn looks_like_layout(text: &str) -> bool {
    let pages = memchr::memchr_iter(b'\x0c', text.as_bytes()).count();
    if pages < 2 || memchr::memchr(b'\t', text.as_bytes()).is_some() {
        return false;
    }
    let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
    let spaced = text
        .lines()
        .filter(|l| tokens(l, Grid::Display).len() >= 2)
        .count();
    lines > 0 && (spaced * 10 >= lines || cut_at_the_margin(text) * 3 >= lines)
}

/// The lines that run to their page's right margin ([`reaches_margin`]) and end mid-sentence: lines a page width cut. A text
/// typed with one line per paragraph ends its long lines with a full stop, and its lines
/// end anywhere.
fn cut_at_the_margin(text: &str) -> usize {
    text.split('\x0c')
        .map(|page| {
            let ends: Vec<(usize, bool)> = page
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| {
                    let end: usize = l.trim_end().chars().map(width).sum();
                    let open = !l.trim_end().ends_with(SENTENCE_ENDS);
                    (end, open)
                })
                .collect();
            let right = ends.iter().map(|(end, _)| *end).max().unwrap_or(0);
            ends.iter()
                .filter(|(end, open)| *open && reaches_margin(*end, right))
                .count()
        })
        .sum()
}

/// Marks that go on with the clause before them and never start a line of their own.
const CLAUSE_GOES_ON: [char; 12] = [
    '，', '。', '、', '；', '：', '？', '！', '）', '”', '》', '】', '〕',
];

/// What a sentence or a clause that closes a paragraph ends with.
const SENTENCE_ENDS: [char; 7] = ['。', '；', '：', '！', '？', ':', ';'];

/// The canonical text of layout text `input` (its grid found by [`Grid::of`]), and the map
/// back.
pub fn normalize(input: &str) -> (String, OffsetMap) {
    normalize_on(input, &[], Grid::of(input))
}

/// [`normalize`] of a text this crate set on display columns, with the cells of ruled tables
/// (in input order): the lines that hold them, and nothing else, are written as their tables'
/// rows, each cell in its column.
pub fn normalize_with_grids(input: &str, grid_cells: &[GridCell]) -> (String, OffsetMap) {
    normalize_on(input, grid_cells, Grid::Display)
}

fn normalize_on(input: &str, grid_cells: &[GridCell], grid: Grid) -> (String, OffsetMap) {
    let pages = page_ranges(input);
    let furniture = Furniture::find(input, &pages);
    let mut w = Writer {
        input,
        grid_cells,
        text: String::with_capacity(input.len()),
        map: OffsetMap::default(),
        open_table: None,
        grid,
    };
    for (n, page) in pages.iter().enumerate() {
        if n > 0 {
            if !w.ends_with_newline() {
                w.insert("\n");
            }
            // The input's own feed, so that a place on it (a blank page's) maps to it.
            w.copy(page.start - 1..page.start);
        }
        let lines: Vec<Range<usize>> = line_ranges(input, page.clone())
            .filter(|l| !furniture.contains(&l.start))
            .collect();
        write_page(&mut w, &lines);
    }
    (w.text, w.map)
}

/// Byte ranges of the pages (without their form feeds).
fn page_ranges(input: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for at in memchr::memchr_iter(b'\x0c', input.as_bytes()) {
        out.push(start..at);
        start = at + 1;
    }
    if start < input.len() {
        out.push(start..input.len());
    }
    out
}

/// Byte ranges of the lines of `page`, without line endings.
fn line_ranges(input: &str, page: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
    let base = page.start;
    input[page].split('\n').scan(base, |at, line| {
        let start = *at;
        *at += line.len() + 1;
        Some(start..start + line.trim_end_matches('\r').len())
    })
}

/// Starts of the lines that are page furniture.
struct Furniture {
    starts: std::collections::HashSet<usize>,
}

impl Furniture {
    fn contains(&self, start: &usize) -> bool {
        self.starts.contains(start)
    }

    /// Page numbers among the two first and two last lines of a page, and lines that stand
    /// there on at least three pages (a quarter of them in long documents), all but the first.
    fn find(input: &str, pages: &[Range<usize>]) -> Furniture {
        let edges: Vec<Vec<Range<usize>>> =
            pages.iter().map(|p| edge_lines(input, p.clone())).collect();
        let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for line in edges.iter().flatten() {
            *seen.entry(furniture_key(&input[line.clone()])).or_default() += 1;
        }
        let repeated = (pages.len() / 4).max(3);
        let mut first_copy = std::collections::HashSet::new();
        let mut starts = std::collections::HashSet::new();
        for line in edges.iter().flatten() {
            let text = input[line.clone()].trim();
            let key = furniture_key(text);
            let running = key.chars().count() >= 2
                && seen[&key] >= repeated
                && !is_unit_line(&key)
                && !has_decimal_amount(text)
                && !first_copy.insert(key.clone());
            if is_page_number(text) || running {
                starts.insert(line.start);
            }
        }
        Furniture { starts }
    }
}

/// A line that ends declaring the unit, `单位：万元` (`金额单位:元`, `编制单位：某某局  单位：元`):
/// each table's own declaration, repeated on every page of tables because every table states
/// it, not a running header. Dropped, the tables after the first lose their unit and with it
/// their amounts.
fn is_unit_line(key: &str) -> bool {
    let Some(at) = key.rfind("单位") else {
        return false;
    };
    let rest = key[at + "单位".len()..].trim_start_matches(['：', ':']);
    key.chars().count() <= 60 && ["亿元", "万元", "元"].contains(&rest)
}

/// A figure with decimals (`258.50`): a table row, which may end several pages alike (the
/// last 项 of a class, on each table of a split-off 公开表), never a running header or footer.
fn has_decimal_amount(text: &str) -> bool {
    let b = text.as_bytes();
    (1..b.len().saturating_sub(1))
        .any(|i| b[i] == b'.' && b[i - 1].is_ascii_digit() && b[i + 1].is_ascii_digit())
}

/// The first two and last two non-blank lines of a page.
fn edge_lines(input: &str, page: Range<usize>) -> Vec<Range<usize>> {
    let lines: Vec<Range<usize>> = line_ranges(input, page)
        .filter(|l| !input[l.clone()].trim().is_empty())
        .collect();
    let mut out: Vec<Range<usize>> = lines.iter().take(2).cloned().collect();
    for l in lines.iter().skip(2).rev().take(2) {
        out.push(l.clone());
    }
    out
}

/// A line with its digits and white space taken out: running headers that carry the page
/// number compare equal.
fn furniture_key(line: &str) -> String {
    line.chars()
        .filter(|c| !c.is_whitespace() && !c.is_ascii_digit() && *c != '\u{3000}')
        .collect()
}

/// A word of a layout line: its bytes (relative to the line) and display columns.
#[derive(Debug, Clone, Copy)]
struct Token {
    bytes: (usize, usize),
    cols: (usize, usize),
}

/// The display width of a character on pdftotext's grid: wide (CJK, full-width) characters
/// take two columns.
pub(crate) fn width(c: char) -> usize {
    if is_wide(c) {
        2
    } else {
        1
    }
}

/// CJK and full-width characters.
pub(crate) fn is_wide(c: char) -> bool {
    let u = c as u32;
    (0x1100..=0x115F).contains(&u)
        || (0x2E80..=0xA4CF).contains(&u)
        || (0xAC00..=0xD7A3).contains(&u)
        || (0xF900..=0xFAFF).contains(&u)
        || (0xFE30..=0xFE4F).contains(&u)
        || (0xFF00..=0xFF60).contains(&u)
        || (0xFFE0..=0xFFE6).contains(&u)
        || u >= 0x20000
}

/// How the columns of a layout text are counted.
///
/// A text set on a grid of display columns (what this crate's PDF reader writes, or a table
/// aligned by hand in an editor) gives a Chinese character two columns. `pdftotext -layout`
/// counts one column per character: it writes a run of words character after character and
/// starts a column of text (a block: the 支出 labels of a 收支总表, one under the other) at the
/// same character count on every line, however wide the characters left of it are. Its
/// columns only line up when they are counted in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grid {
    Display,
    Characters,
}

impl Grid {
    /// The columns a character takes on this grid.
    fn width(self, c: char) -> usize {
        match self {
            Grid::Display => width(c),
            Grid::Characters => 1,
        }
    }

    /// The grid on which the words of `text` line up best: for each page, the word edges
    /// (starts of words after a gap, ends of numbers) that another line of the page shares,
    /// counted on both grids. Characters win only by a clear margin (a tenth): a text with
    /// few aligned words is read as before.
    pub fn of(text: &str) -> Grid {
        let (mut display, mut characters) = (0, 0);
        for page in text.split('\x0c') {
            display += shared_edges(page, Grid::Display);
            characters += shared_edges(page, Grid::Characters);
        }
        if characters * 10 > display * 11 {
            Grid::Characters
        } else {
            Grid::Display
        }
    }
}

/// The word edges of a page's lines of two words or more (the start of each word after the
/// first, the end of each number) that stand at the same column on another such line.
fn shared_edges(page: &str, grid: Grid) -> usize {
    // Each line's edges, a start at column c as 2c and an end as 2c + 1, sorted and distinct.
    let edges: Vec<Vec<usize>> = page
        .lines()
        .filter(|line| line.chars().count() <= MAX_COLUMNS)
        .map(|line| {
            let words = tokens(line, grid);
            if words.len() < 2 {
                return Vec::new();
            }
            let starts = words[1..].iter().map(|t| 2 * t.cols.0);
            let ends = words
                .iter()
                .filter(|t| is_number(&line[t.bytes.0..t.bytes.1]))
                .map(|t| 2 * t.cols.1 + 1);
            let mut edges: Vec<usize> = starts.chain(ends).collect();
            edges.sort_unstable();
            edges.dedup();
            edges
        })
        .collect();
    lines_per_column(&edges)
        .into_values()
        .filter(|&lines| lines > 1)
        .sum()
}

/// The words of a line: runs of text separated by two or more columns of space (one space
/// is part of a word: `2021 年`, `17996.68 万元`), with their columns on `grid`. The gap is
/// measured in display columns on both grids, so a line has the same words on either.
fn tokens(line: &str, grid: Grid) -> Vec<Token> {
    let mut out = Vec::new();
    let mut col = 0;
    let mut current: Option<Token> = None;
    let mut gap = 0;
    for (i, c) in line.char_indices() {
        let w = grid.width(c);
        if c == ' ' || c == '\u{3000}' {
            gap += width(c);
        } else {
            match current.as_mut() {
                Some(t) if gap < 2 => {
                    t.bytes.1 = i + c.len_utf8();
                    t.cols.1 = col + w;
                }
                _ => {
                    out.extend(current.take());
                    current = Some(Token {
                        bytes: (i, i + c.len_utf8()),
                        cols: (col, col + w),
                    });
                }
            }
            gap = 0;
        }
        col += w;
    }
    out.extend(current);
    out
}

/// An amount, a percentage or a code: digits with separators, a sign, a decimal point.
pub(crate) fn is_number(word: &str) -> bool {
    let w = word.trim_end_matches('%');
    let w = w.strip_prefix(['-', '－']).unwrap_or(w);
    !w.is_empty()
        && w.starts_with(|c: char| c.is_ascii_digit())
        && w.chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

/// An amount written as one: a number with a thousands separator or decimals (not a list
/// number `1.`, a year or a code).
fn is_amount(word: &str) -> bool {
    is_number(word) && (word.contains(',') || has_decimal_amount(word))
}

/// A line as the page analysis sees it.
struct PageLine<'a> {
    range: Range<usize>,
    text: &'a str,
    words: Vec<Token>,
}

impl PageLine<'_> {
    fn is_blank(&self) -> bool {
        self.words.is_empty()
    }
    fn word(&self, t: &Token) -> &str {
        &self.text[t.bytes.0..t.bytes.1]
    }
    fn numbers(&self) -> usize {
        self.words
            .iter()
            .filter(|t| is_number(self.word(t)))
            .count()
    }
    /// Sentence punctuation in a long word: prose, even when set with gaps.
    fn reads_like_prose(&self) -> bool {
        self.words.iter().any(|t| {
            let w = self.word(t);
            w.chars().count() > 24 && w.contains(['。', '，', '；'])
        })
    }
    fn indent(&self) -> usize {
        self.words.first().map_or(0, |t| t.cols.0)
    }
    /// Set with a space between Chinese characters (`万 元 ， 与 上 年`): a justified line that
    /// pdftotext widened.
    fn letter_spaced(&self) -> bool {
        let chars: Vec<char> = self.text.chars().collect();
        let spaced = chars
            .windows(3)
            .filter(|w| is_wide(w[0]) && w[1] == ' ' && is_wide(w[2]))
            .count();
        spaced >= 3
    }
    fn end_col(&self) -> usize {
        self.words.last().map_or(0, |t| t.cols.1)
    }
}

fn write_page(w: &mut Writer<'_>, ranges: &[Range<usize>]) {
    // Prose is measured in display columns (its right margin, its indents); tables on the
    // text's grid.
    let lines = page_lines(w.input, ranges, Grid::Display);
    let on_grid = (w.grid != Grid::Display).then(|| {
        let mut lines = page_lines(w.input, ranges, w.grid);
        part_run_together(&mut lines, w.grid);
        lines
    });
    let table_lines = on_grid.as_deref().unwrap_or(&lines);
    let continues = w.open_table.is_some() && w.text.ends_with('\x0c');
    let ruled = ruled_regions(w.grid_cells, &lines);
    // Tables found by the positions of their words, between the ruled ones.
    let mut regions: Vec<Range<usize>> = Vec::new();
    for gap in between(&ruled, lines.len()) {
        let found = table_regions(&table_lines[gap.clone()], continues && gap.start == 0);
        regions.extend(
            found
                .into_iter()
                .map(|r| r.start + gap.start..r.end + gap.start),
        );
    }
    let all: Vec<Range<usize>> = regions.iter().chain(&ruled).cloned().collect();
    let prose = ProseShape::of(&lines, &all);
    let mut i = 0;
    let mut regions = regions.into_iter().peekable();
    let mut ruled = ruled.into_iter().peekable();
    while i < lines.len() {
        if let Some(region) = ruled.next_if(|r| r.start == i) {
            write_grid(w, &lines[region.clone()]);
            i = region.end;
            continue;
        }
        if let Some(region) = regions.next_if(|r| r.start == i) {
            write_table(w, &table_lines[region.clone()]);
            i = region.end;
            continue;
        }
        let next = [regions.peek(), ruled.peek()]
            .into_iter()
            .flatten()
            .map(|r| r.start)
            .min();
        let end = prose.paragraph_end(&lines, i, next.unwrap_or(lines.len()));
        write_paragraph(w, &lines[i..end]);
        i = end;
    }
}

/// The lines of a page with their words on `grid`.
fn page_lines<'a>(input: &'a str, ranges: &[Range<usize>], grid: Grid) -> Vec<PageLine<'a>> {
    ranges
        .iter()
        .map(|r| {
            let text = &input[r.clone()];
            let words = if text.chars().count() > MAX_COLUMNS {
                vec![whole_line(text)]
            } else {
                tokens(text, grid)
            };
            PageLine {
                range: r.clone(),
                text,
                words,
            }
        })
        .collect()
}

/// Cells that the text ran together with one space, parted: `pdftotext` sets a cell one space
/// after an amount or a row's code when the columns stand close (`96,282,213.44 一、公共安全支出`,
/// `87267272.44 87267272.44 0.00`, `2014001 行政运行`). Only lines of two words or more are
/// looked at (rows; a sentence is one word). Two amounts with a decimal point or a separator
/// are never one word. An amount or a code and a text are parted only when the text starts
/// where a word of another line of the page starts (give or take a column): then it begins a
/// column, and `17996.68 万元` stays whole.
fn part_run_together(lines: &mut [PageLine<'_>], grid: Grid) {
    let cuts: Vec<Vec<Cut>> = lines.iter().map(|l| cuts_after_numbers(l, grid)).collect();
    // The columns where words start (or would start once parted), each with the lines that
    // have one there: looked up, not searched, so a long page stays linear.
    let line_starts: Vec<Vec<usize>> = lines
        .iter()
        .zip(&cuts)
        .map(|(l, line_cuts)| {
            let mut starts: Vec<usize> = l.words.iter().map(|t| t.cols.0).collect();
            starts.extend(line_cuts.iter().map(|cut| cut.col));
            starts.sort_unstable();
            starts.dedup();
            starts
        })
        .collect();
    let lines_starting_at = lines_per_column(&line_starts);
    let kept: Vec<Vec<(usize, usize)>> = cuts
        .iter()
        .enumerate()
        .map(|(n, line_cuts)| {
            line_cuts
                .iter()
                .filter(|cut| {
                    cut.amount_after || shared_near(&lines_starting_at, &line_starts[n], cut.col)
                })
                .map(|cut| (cut.at, cut.col))
                .collect()
        })
        .collect();
    let mut kept = snap_to_one_start(kept);
    for (line_kept, trailing) in kept.iter_mut().zip(trailing_numbers(lines, grid)) {
        line_kept.extend(trailing);
        line_kept.sort_unstable();
    }
    for (l, kept) in lines.iter_mut().zip(kept) {
        if !kept.is_empty() {
            l.words = parted_words(l, &kept, grid);
        }
    }
}

/// Where a word of a line may be parted after a number.
struct Cut {
    /// The offset of the space in the line.
    at: usize,
    /// The column the part after it starts at.
    col: usize,
    /// The part after it is an amount: two amounts are never one word.
    amount_after: bool,
}

/// The places where a word of row `l` runs on after an amount, the code that starts a row
/// (`2014001 行政运行`) or a number before an amount (a 行次: `1 19,572.91`), by one space.
/// None in a line of one word: prose or a title.
fn cuts_after_numbers(l: &PageLine<'_>, grid: Grid) -> Vec<Cut> {
    let mut cuts = Vec::new();
    if l.words.len() < 2 {
        return cuts;
    }
    for (k, t) in l.words.iter().enumerate() {
        let word = l.word(t);
        let mut from = 0;
        for (at, _) in word.match_indices(' ') {
            let (before, after) = (&word[from..at], &word[at + 1..]);
            let next = after.split(' ').next().unwrap_or("");
            let row_code = k == 0 && from == 0 && is_code(before);
            let before_amount = is_number(before) && is_amount(next);
            if !(is_amount(before) || row_code || before_amount)
                || after.starts_with(' ')
                || after.is_empty()
            {
                break;
            }
            cuts.push(Cut {
                at: t.bytes.0 + at,
                col: t.cols.0 + word[..at + 1].chars().map(|c| grid.width(c)).sum::<usize>(),
                amount_after: is_amount(next),
            });
            from = at + 1;
        }
    }
    cuts
}

/// The words of `l` with each parted at the cuts (`(offset of the space, column of the part
/// after it)`) that fall in it.
fn parted_words(l: &PageLine<'_>, cuts: &[(usize, usize)], grid: Grid) -> Vec<Token> {
    let mut words = Vec::with_capacity(l.words.len() + cuts.len());
    for t in &l.words {
        let mut rest = *t;
        for &(at, col) in cuts
            .iter()
            .filter(|(at, _)| (t.bytes.0..t.bytes.1).contains(at))
        {
            let before_cols: usize = l.text[rest.bytes.0..at]
                .chars()
                .map(|c| grid.width(c))
                .sum();
            words.push(Token {
                bytes: (rest.bytes.0, at),
                cols: (rest.cols.0, rest.cols.0 + before_cols),
            });
            rest = Token {
                bytes: (at + 1, rest.bytes.1),
                cols: (col, rest.cols.1),
            };
        }
        words.push(rest);
    }
    words
}

/// The cuts before a number that ends a word of text (`二十二、灾害防治及应急管理支出 54`: a
/// 行次 set one space after a long label), as `(offset, column)` per line: only in a line of
/// two words or more, and only when the number ends where a number of another line ends (give
/// or take a column), in a column of numbers set flush right.
fn trailing_numbers(lines: &[PageLine<'_>], grid: Grid) -> Vec<Vec<(usize, usize)>> {
    let number_ends: Vec<Vec<usize>> = lines
        .iter()
        .map(|l| {
            let mut ends: Vec<usize> = l
                .words
                .iter()
                .filter(|t| is_number(l.word(t)))
                .map(|t| t.cols.1)
                .collect();
            ends.dedup();
            ends
        })
        .collect();
    let lines_ending_at = lines_per_column(&number_ends);
    let ends_elsewhere = |n: usize, end: usize| shared_near(&lines_ending_at, &number_ends[n], end);
    lines
        .iter()
        .enumerate()
        .map(|(n, l)| {
            if l.words.len() < 2 {
                return Vec::new();
            }
            l.words
                .iter()
                .filter_map(|t| {
                    let word = l.word(t);
                    let at = word.rfind(' ')?;
                    let (text, number) = (&word[..at], &word[at + 1..]);
                    let ends_in_text = text.chars().next_back().is_some_and(is_wide);
                    let col = t.cols.1 - number.chars().map(|c| grid.width(c)).sum::<usize>();
                    (ends_in_text && is_number(number) && ends_elsewhere(n, t.cols.1))
                        .then_some((t.bytes.0 + at, col))
                })
                .collect()
        })
        .collect()
}

/// For each column, how many lines have a column in their (sorted, distinct) list there.
fn lines_per_column(per_line: &[Vec<usize>]) -> std::collections::HashMap<usize, usize> {
    let mut count = std::collections::HashMap::new();
    for cols in per_line {
        for &c in cols {
            *count.entry(c).or_insert(0) += 1;
        }
    }
    count
}

/// Whether a line other than the one whose columns are `own` has a column within one of
/// `col`.
fn shared_near(count: &std::collections::HashMap<usize, usize>, own: &[usize], col: usize) -> bool {
    (col.saturating_sub(1)..=col + 1).any(|c| {
        let mine = usize::from(own.binary_search(&c).is_ok());
        count.get(&c).is_some_and(|&n| n > mine)
    })
}

/// The parted words' starts (`(offset, column)` per line) that stand within a column of each
/// other moved to the rightmost of them. pdftotext rounds: the cells after an amount start a
/// column apart from line to line, and their amounts end a column apart, so that one line's
/// amount reaches where another line's text starts and no gutter parts them. Each cut stands
/// one space after its amount, so its column's rightmost start is clear of every amount cut
/// before it.
fn snap_to_one_start(kept: Vec<Vec<(usize, usize)>>) -> Vec<Vec<(usize, usize)>> {
    let mut starts: Vec<usize> = kept.iter().flatten().map(|&(_, col)| col).collect();
    starts.sort_unstable();
    starts.dedup();
    // Each start's run (starts chained a column apart), mapped to the run's rightmost start.
    let mut rightmost: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    let mut i = 0;
    while i < starts.len() {
        let mut j = i;
        while j + 1 < starts.len() && starts[j + 1] <= starts[j] + 1 {
            j += 1;
        }
        rightmost.extend(starts[i..=j].iter().map(|&c| (c, starts[j])));
        i = j + 1;
    }
    kept.into_iter()
        .map(|line| {
            line.into_iter()
                .map(|(at, col)| (at, rightmost.get(&col).copied().unwrap_or(col)))
                .collect()
        })
        .collect()
}

fn whole_line(text: &str) -> Token {
    let start = text.len() - text.trim_start().len();
    let end = text.trim_end().len().max(start);
    Token {
        bytes: (start, end),
        cols: (0, MAX_COLUMNS),
    }
}

/// Runs of lines that form tables: lines of two or more words (or blank, or one short word
/// between such lines), at least three of several words and two with numbers beyond the first
/// word.
fn table_regions(lines: &[PageLine<'_>], continues: bool) -> Vec<Range<usize>> {
    let columnar = |l: &PageLine<'_>| l.words.len() >= 2 && !l.reads_like_prose();
    let short = |l: &PageLine<'_>| {
        l.words.len() == 1 && l.text.trim().chars().count() <= 16 && !l.text.contains('。')
    };
    let item = |l: &PageLine<'_>| {
        l.words.len() == 1
            && l.text.trim().chars().count() <= 30
            && !l.text.contains('。')
            && starts_item(l.text.trim_start())
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !columnar(&lines[i]) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        let mut j = i + 1;
        // Lines since the last line of columns that are neither blank nor numbered items: a
        // table lists items whose cells are all empty (一、… 二十六、… in a 收支总表) between
        // rows with amounts, but a few other lines end it.
        let mut others = 0;
        while j < lines.len() {
            let l = &lines[j];
            if names_a_table(l) {
                // The title of the next table: a page may hold the end of one table and the
                // start of another, whose title, unit line and header are no rows of the first.
                break;
            } else if columnar(l) {
                end = j + 1;
                others = 0;
            } else if item(l) || l.is_blank() {
            } else if short(l) && others < 3 {
                others += 1;
            } else {
                break;
            }
            j += 1;
        }
        // Items that run to the end of the page belong to the table: it goes on over the page.
        let to_page_end = lines[end..].iter().all(|l| l.is_blank() || item(l));
        if to_page_end && lines[end..].iter().any(item) {
            end = lines.len()
                - lines[end..]
                    .iter()
                    .rev()
                    .take_while(|l| l.is_blank())
                    .count();
        }
        // Items from the top of a page into its first table go on with the table that ended
        // the page before (rows of the 支出 half whose 收入 half is empty, and their wrapped
        // labels).
        let mut start = start;
        if continues && out.is_empty() {
            let top = lines[..start]
                .iter()
                .position(|l| !l.is_blank())
                .unwrap_or(start);
            let lead = &lines[top..start];
            if lead.iter().any(item) && lead.iter().all(|l| l.is_blank() || item(l) || short(l)) {
                start = top;
            }
        }
        let body = &lines[start..end];
        let wide = body.iter().filter(|l| columnar(l)).count();
        let with_numbers = body
            .iter()
            .filter(|l| l.words.iter().skip(1).any(|t| is_number(l.word(t))))
            .count();
        if wide >= 3 && (with_numbers >= 2 || one_row_under_a_header(body)) && !is_toc(body) {
            out.push(start..end);
        }
        i = end;
    }
    out
}

/// A table of one row of amounts without a label under a header of two lines or more (a
/// 三公经费 table: 合计, 因公出国（境）费 … over 预算数 决算数 …, then the amounts), each
/// amount under a word of the header's last line.
fn one_row_under_a_header(body: &[PageLine<'_>]) -> bool {
    let Some(row) = body
        .iter()
        .position(|l| LineRole::of(l) == LineRole::Values)
    else {
        return false;
    };
    let header = body[..row].iter().filter(|l| !l.is_blank()).count();
    let only_row = body[row + 1..]
        .iter()
        .all(|l| l.numbers() == 0 || l.reads_like_prose());
    let labelled = body.iter().any(|l| LineRole::of(l) == LineRole::Anchor);
    // Every amount under a word of the header line right above it: the columns are plain
    // (amounts set right-aligned in wide cells under centred headers are not rebuilt).
    let overlaps = |a: &Token, b: &Token| a.cols.0 < b.cols.1 && b.cols.0 < a.cols.1;
    let headed = body[..row]
        .iter()
        .rev()
        .find(|l| !l.is_blank())
        .is_some_and(|above| {
            body[row]
                .words
                .iter()
                .all(|v| above.words.iter().any(|h| overlaps(v, h)))
        });
    body[row].words.len() >= 2 && header >= 2 && only_row && !labelled && headed
}

/// A table's title on a line of its own (`七、政府性基金支出预算表`): one word, no sentence,
/// ending in 表.
fn names_a_table(l: &PageLine<'_>) -> bool {
    let text = l.text.trim();
    l.words.len() == 1
        && (6..=40).contains(&text.chars().count())
        && !text.contains(['。', '，'])
        && text.ends_with('表')
}

/// A 目录: every line ends in a small whole number (a page) and none has a decimal amount.
fn is_toc(lines: &[PageLine<'_>]) -> bool {
    lines.iter().filter(|l| !l.is_blank()).all(|l| {
        let last = l.words.last().map(|t| l.word(t)).unwrap_or("");
        let ends_in_page = last.len() <= 3 && last.chars().all(|c| c.is_ascii_digit())
            || last.ends_with(['.', '…']);
        ends_in_page
            && !l
                .words
                .iter()
                .any(|t| l.word(t).contains('.') && is_number(l.word(t)))
    })
}

/// Columns as display-column intervals: where the words of the rows that hold both words and
/// numbers stand, split at the gutters no such word covers. Lines of numbers alone are left
/// out: values centred in a tall cell are often set a few columns off.
fn columns(lines: &[PageLine<'_>]) -> Vec<(usize, usize)> {
    let width = lines
        .iter()
        .map(PageLine::end_col)
        .max()
        .unwrap_or(0)
        .min(MAX_COLUMNS);
    let mut covered = vec![false; width + 1];
    // A table without labels (one row of amounts under its header) has its columns where its
    // amounts stand.
    let role = if one_row_under_a_header(lines) {
        LineRole::Values
    } else {
        LineRole::Anchor
    };
    for line in lines.iter().filter(|l| LineRole::of(l) == role) {
        for t in &line.words {
            for c in covered.iter_mut().take(t.cols.1.min(width)).skip(t.cols.0) {
                *c = true;
            }
        }
    }
    let mut out = Vec::new();
    let mut start = None;
    for (c, &on) in covered.iter().enumerate() {
        match (on, start) {
            (true, None) => start = Some(c),
            (false, Some(s)) => {
                out.push((s, c));
                start = None;
            }
            _ => {}
        }
    }
    // A column that no row with words and amounts reaches still has its header: header words
    // (above the first row) that stand clear of every column are a column of their own, so the
    // headers beside it stay over their own cells (`项目 | 数量 | 价值（金额单位：万元）` with no
    // 数量 in any row), and the cells under it (the labels and amounts of the 收入 half of a
    // 收支总表, whose rows have their amounts on lines of their own) are placed in it.
    let first_row = lines
        .iter()
        .position(|l| {
            matches!(
                LineRole::of(l),
                LineRole::Anchor | LineRole::Values | LineRole::Label
            )
        })
        .unwrap_or(lines.len());
    // Clear of a column by two columns at least: a header centred over narrow values (`款`
    // over `06`) may miss them by one and is theirs.
    let apart = |a: (usize, usize), b: &(usize, usize)| a.1 + 2 <= b.0 || a.0 >= b.1 + 2;
    let Some(left) = out.first().map(|f| f.1) else {
        return out;
    };
    let body_words: Vec<(usize, usize)> = lines[first_row..]
        .iter()
        .flat_map(|l| l.words.iter().map(|t| t.cols))
        .collect();
    let mut header_columns = Vec::new();
    for column in header_clusters(&lines[..first_row], &out, apart) {
        // Left of every row with words and amounts, a header is a column only when the body
        // has words under it (the 收入 half of a 收支总表 whose rows hold no amount beside
        // their label); in a gutter or right of them, an empty column is a column too (the
        // 政府性基金 column of a 财政拨款收支总表 without such funds).
        let under = |w: &(usize, usize)| w.0 < column.1 && column.0 < w.1;
        if column.0 >= left || body_words.iter().any(under) {
            header_columns.push(widened(column, &body_words, &out, apart));
        }
    }
    // Header words over one column of labels (`收入` centred over the half, `项目` over its
    // labels) widen into the same column: one column.
    header_columns.sort_unstable();
    header_columns.dedup_by(|next, kept| {
        let overlap = next.0 < kept.1;
        if overlap {
            kept.1 = kept.1.max(next.1);
        }
        overlap
    });
    out.extend(header_columns);
    out.sort_unstable();
    out
}

/// The header words (lines above the first row) that stand clear of every column in `columns`,
/// gathered into one interval where they overlap: the words of a header cell stacked over
/// several lines (`政府性基金预` / `算` / `财政拨款`) make one column. Lines are taken from the
/// bottom up, and a word over two or more such intervals is a header spanning several
/// columns (`因公出国（境）费` over `预算数` and `决算数`), which makes none.
fn header_clusters(
    header: &[PageLine<'_>],
    columns: &[(usize, usize)],
    apart: impl Fn((usize, usize), &(usize, usize)) -> bool,
) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let heads = |t: &Token| columns.iter().any(|c| !apart(t.cols, c));
    let bottom = header.iter().rposition(|l| !l.is_blank());
    // A word centred between two words of the bottom line that head columns groups them
    // (`本年收入` over `项目 | 预算数`): no column of its own.
    let groups = |n: usize, w: (usize, usize)| {
        let Some(b) = bottom.filter(|&b| b != n) else {
            return false;
        };
        let subs = &header[b].words;
        between_pair(w, subs).is_some_and(|i| heads(&subs[i]) && heads(&subs[i + 1]))
    };
    for (n, l) in header.iter().enumerate().rev() {
        let words = l
            .words
            .iter()
            .filter(|t| !declares_unit(l.word(t)))
            .map(|t| t.cols)
            .filter(|w| columns.iter().all(|c| apart(*w, c)))
            .filter(|w| !groups(n, *w));
        for w in words {
            let under: Vec<usize> = (0..out.len())
                .filter(|&i| w.0 < out[i].1 && out[i].0 < w.1)
                .collect();
            match under.as_slice() {
                [] => out.push(w),
                [i] => out[*i] = (out[*i].0.min(w.0), out[*i].1.max(w.1)),
                _ => {}
            }
        }
    }
    out.sort_unstable();
    out
}

/// A header's column widened to the body words under it that no other column reaches (a
/// label wider than its header `项目`, a wrapped label's last characters), so that they are
/// placed in it and not in a neighbour.
fn widened(
    column: (usize, usize),
    body: &[(usize, usize)],
    others: &[(usize, usize)],
    apart: impl Fn((usize, usize), &(usize, usize)) -> bool,
) -> (usize, usize) {
    let mut out = column;
    for w in body {
        let under = w.0 < column.1 && column.0 < w.1;
        if under && others.iter().all(|c| apart(*w, c)) {
            out = (out.0.min(w.0), out.1.max(w.1));
        }
    }
    out
}

/// `单位：万元` in a word (a unit beside the header, not a column of it).
fn declares_unit(word: &str) -> bool {
    word.contains("单位：") || word.contains("单位:")
}

/// Whether every column of `own` overlaps a column of `prev`, no two the same one.
fn falls_within(prev: &[(usize, usize)], own: &[(usize, usize)]) -> bool {
    let overlaps = |a: &(usize, usize), b: &(usize, usize)| a.0 < b.1 && b.0 < a.1;
    let mut taken = vec![false; prev.len()];
    own.iter()
        .all(|o| match prev.iter().position(|p| overlaps(p, o)) {
            Some(i) if !taken[i] => {
                taken[i] = true;
                true
            }
            _ => false,
        })
}

/// The column a word belongs to: the one it overlaps most, else the nearest.
fn column_of(columns: &[(usize, usize)], t: &Token) -> usize {
    let overlap = |c: &(usize, usize)| t.cols.1.min(c.1) as isize - t.cols.0.max(c.0) as isize;
    let distance = |c: &(usize, usize)| {
        if t.cols.1 <= c.0 {
            c.0 - t.cols.1
        } else {
            t.cols.0.saturating_sub(c.1)
        }
    };
    let best = (0..columns.len()).max_by_key(|&i| overlap(&columns[i]));
    match best {
        Some(i) if overlap(&columns[i]) > 0 => i,
        _ => (0..columns.len())
            .min_by_key(|&i| distance(&columns[i]))
            .unwrap_or(0),
    }
}

/// The column of header word `t`. On display columns, the one it overlaps most ([`column_of`]).
/// On pdftotext's grid a header word stands in a block of its own, placed a column or two off
/// the body's columns, and a Chinese word takes half its printed width: the column whose
/// centre is nearest the word's.
fn header_column(columns: &[(usize, usize)], t: &Token, grid: Grid) -> usize {
    match grid {
        Grid::Display => column_of(columns, t),
        Grid::Characters => {
            // Centres doubled, to stay in whole columns.
            let centre = t.cols.0 + t.cols.1;
            (0..columns.len())
                .min_by_key(|&c| (columns[c].0 + columns[c].1).abs_diff(centre))
                .unwrap_or(0)
        }
    }
}

/// A row being built: for each column, the input ranges of its pieces.
type Row = Vec<Vec<Range<usize>>>;

fn write_table(w: &mut Writer<'_>, lines: &[PageLine<'_>]) {
    // The lines above the header that name the table (its title, the part it belongs to, the
    // unit) stay lines: the model reads them as the table's caption.
    // At the top of a page after a table, a numbered item that names no table is a row of it.
    let continuing = w.open_table.is_some() && w.text.ends_with('\x0c');
    let row_item = |l: &PageLine<'_>| {
        let text = l.text.trim();
        continuing && starts_item(text) && !text.ends_with('表')
    };
    let captions = lines
        .iter()
        .take_while(|l| l.is_blank() || (is_caption_line(l) && !row_item(l)))
        .count();
    if captions > 0 {
        write_lines(w, &lines[..captions]);
    }
    let lines = &lines[captions..];
    let own = columns(lines);
    // A table at the top of a page whose columns fall within those of the table that ended the
    // page before goes on in its columns (a column empty on this page is still there).
    let inherited = w
        .open_table
        .clone()
        .filter(|prev| w.text.ends_with('\x0c') && falls_within(prev, &own));
    if inherited.is_none() && lines.first().is_some_and(row_item) {
        // Not in the columns of the table before: the items are no rows of either table.
        let items = lines
            .iter()
            .take_while(|l| LineRole::of(l) != LineRole::Anchor);
        let items = items.count();
        write_lines(w, &lines[..items]);
        w.open_table = None;
        return write_table(w, &lines[items..]);
    }
    let cols = inherited.clone().unwrap_or(own);
    if cols.len() < 2 {
        return write_lines(w, lines);
    }
    let placed: Vec<Vec<(usize, Range<usize>)>> = lines
        .iter()
        .map(|l| {
            l.words
                .iter()
                .map(|t| {
                    (
                        column_of(&cols, t),
                        l.range.start + t.bytes.0..l.range.start + t.bytes.1,
                    )
                })
                .collect()
        })
        .collect();
    let kinds = new_labels(&placed, lines.iter().map(LineRole::of).collect());
    let centred = centred_labels(&placed, &kinds);
    let first = if centred {
        first_label_above(&placed, &kinds)
    } else {
        first_row(&kinds)
    };
    let mut header = header_rows(lines, &cols, first, w.grid);
    part_joined_headers(w.input, &mut header);
    let rows = assemble_rows(&placed, &kinds, first, centred, header, cols.len());
    if !is_consistent(w.input, &rows) {
        // Columns that a layout text cannot settle (a row's values shifted into another
        // column, two values run together) would be summed wrongly: the lines stay lines.
        return write_lines(w, lines);
    }
    // A table that goes on from the previous page follows its last row directly (the form
    // feed between them is white space to the model), so the model reads one table.
    let continues = inherited.is_some();
    if !continues {
        if !w.ends_with_newline() {
            w.insert("\n");
        }
        w.insert("\n");
    }
    for row in rows {
        for (c, pieces) in row.iter().enumerate() {
            if c > 0 {
                w.insert("\t");
            }
            for (k, piece) in pieces.iter().enumerate() {
                if k > 0 && joins_with_space(&w.text, &w.input[piece.clone()]) {
                    w.insert(" ");
                }
                w.copy(piece.clone());
            }
        }
        w.insert("\n");
    }
    w.open_table = Some(cols);
}

/// The runs of lines that are a ruled table's rows (line indices): lines that hold cells of
/// one table part and nothing outside them. A part with a line that also holds other words (a
/// word the grid did not take, on a row's line) is left to the positions of its words.
fn ruled_regions(cells: &[GridCell], lines: &[PageLine<'_>]) -> Vec<Range<usize>> {
    let on_line: Vec<&[GridCell]> = lines.iter().map(|l| cells_on(cells, l)).collect();
    let mixed: std::collections::HashSet<usize> = lines
        .iter()
        .zip(&on_line)
        .filter(|(l, on)| !on.is_empty() && !only_cells(l, on))
        .flat_map(|(_, on)| on.iter().map(|c| c.place.part))
        .collect();
    let part = |i: usize| {
        let p = on_line[i].first()?.place.part;
        let one = on_line[i].iter().all(|c| c.place.part == p);
        (one && !mixed.contains(&p)).then_some(p)
    };
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(p) = part(i) else {
            i += 1;
            continue;
        };
        let end = (i..lines.len())
            .find(|&k| part(k) != Some(p))
            .unwrap_or(lines.len());
        out.push(i..end);
        i = end;
    }
    out
}

/// The runs of lines before, between and after `regions` (in order, apart) of `len` lines.
fn between(regions: &[Range<usize>], len: usize) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(regions.len() + 1);
    let mut from = 0;
    for r in regions {
        out.push(from..r.start);
        from = r.end;
    }
    out.push(from..len);
    out
}

/// The cells whose text starts on line `l`.
fn cells_on<'c>(cells: &'c [GridCell], l: &PageLine<'_>) -> &'c [GridCell] {
    let from = cells.partition_point(|c| c.text.start < l.range.start);
    let to = cells.partition_point(|c| c.text.start < l.range.end);
    &cells[from..to.max(from)]
}

/// Whether every character of line `l` but white space is in one of `cells`.
fn only_cells(l: &PageLine<'_>, cells: &[GridCell]) -> bool {
    let visible = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count();
    let in_cells: usize = cells
        .iter()
        .filter(|c| c.text.end <= l.range.end)
        .map(|c| visible(&l.text[c.text.start - l.range.start..c.text.end - l.range.start]))
        .sum();
    in_cells == visible(l.text)
}

/// Writes the rows of a ruled table part: each line is a row, each cell in the first column
/// it spans. A part that goes on from the page before follows that part's last row directly
/// (the form feed between them is white space to the model), so the model reads one table.
fn write_grid(w: &mut Writer<'_>, lines: &[PageLine<'_>]) {
    let cells = w.grid_cells;
    let first = cells_on(cells, &lines[0])[0].place;
    let goes_on = first.continues && w.text.ends_with('\x0c');
    if !goes_on {
        if !w.ends_with_newline() {
            w.insert("\n");
        }
        w.insert("\n");
    }
    let columns = first.columns.max(1);
    for l in lines {
        // Cells never share a column on a row; should two (a band too thin to be its own line),
        // both texts are kept, a space apart: nothing read is dropped.
        let mut row: Vec<Vec<Range<usize>>> = vec![Vec::new(); columns];
        for c in cells_on(cells, l) {
            row[c.place.first.min(columns - 1)].push(c.text.clone());
        }
        for (k, pieces) in row.into_iter().enumerate() {
            if k > 0 {
                w.insert("\t");
            }
            for (n, text) in pieces.into_iter().enumerate() {
                if n > 0 {
                    w.insert(" ");
                }
                w.copy(text);
            }
        }
        w.insert("\n");
    }
    // A table is open (a blank line ends it), but with no columns: a table found by the
    // positions of its words on the next page does not go on in it.
    w.open_table = Some(Vec::new());
}

/// A title, part heading or unit line above a table: one word; a line that declares the unit
/// (`单位：万元`, not a header cell that names it in brackets); a line that names a part (`第二部分 …`) or a table (ends in 表).
fn is_caption_line(l: &PageLine<'_>) -> bool {
    let text: String = l
        .text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect();
    let names_part = text.starts_with('第') && text.contains("部分");
    // `单位：万元` on its own, not in brackets inside a header cell (`价值（金额单位：万元）`).
    let declares_unit = l.words.iter().any(|t| {
        let w = l.word(t);
        w.find("单位：")
            .or_else(|| w.find("单位:"))
            .is_some_and(|at| !w[..at].contains(['（', '(']))
    });
    l.words.len() == 1 || declares_unit || names_part || text.ends_with('表')
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineRole {
    Blank,
    /// Words and numbers: a row of its own.
    Anchor,
    /// Numbers only: values of a row whose label is on another line.
    Values,
    /// Words only: a header line, or the continuation of a cell above.
    Words,
    /// Words only, starting with an item number (`一、`, `（三）`, `1.`): a row of its own
    /// whose cells are empty (an item of the 收支总表 with no amount).
    Label,
}

impl LineRole {
    fn of(l: &PageLine<'_>) -> LineRole {
        let numbers = l.numbers();
        if l.is_blank() {
            LineRole::Blank
        } else if numbers == 0 && starts_item(l.word(&l.words[0])) {
            LineRole::Label
        } else if numbers == 0 {
            LineRole::Words
        } else if numbers == l.words.len() && !(l.words.len() >= 2 && is_code(l.word(&l.words[0])))
        {
            LineRole::Values
        } else {
            LineRole::Anchor
        }
    }
}

/// The roles of a table's lines, with a line of words alone that starts a row made a label: a
/// line of words right under a line of amounts alone continues the row above only when each of
/// its words is in a column where that row has words (the rest of a wrapped label); a word in
/// a column the row above leaves empty starts a row (`本年收入合计 | 本年支出合计` under a
/// row of the 支出 half only, its amounts set on the line above it, as cells whose text is
/// centred in a tall row are). Lines before the first row are the header's.
fn new_labels(placed: &[Vec<(usize, Range<usize>)>], mut roles: Vec<LineRole>) -> Vec<LineRole> {
    let first_row = roles
        .iter()
        .position(|r| matches!(r, LineRole::Anchor | LineRole::Values | LineRole::Label))
        .unwrap_or(roles.len());
    let mut row_columns: Vec<usize> = Vec::new();
    for i in first_row..placed.len() {
        let columns = || placed[i].iter().map(|(c, _)| *c);
        match roles[i] {
            LineRole::Anchor | LineRole::Label => {
                row_columns = columns().collect();
            }
            LineRole::Words
                if after_values(&roles, i) && !columns().all(|c| row_columns.contains(&c)) =>
            {
                roles[i] = LineRole::Label;
                row_columns = columns().collect();
            }
            _ => {}
        }
    }
    roles
}

/// Whether the line before line `i` (blank lines aside) is a line of amounts alone.
fn after_values(roles: &[LineRole], i: usize) -> bool {
    roles[..i]
        .iter()
        .rev()
        .find(|r| **r != LineRole::Blank)
        .is_some_and(|r| *r == LineRole::Values)
}

/// A 科目编码 (3 to 7 digits, no separators): a row's key, not a value.
fn is_code(word: &str) -> bool {
    (3..=7).contains(&word.len()) && word.chars().all(|c| c.is_ascii_digit())
}

/// The first line of the table's body (a row with amounts, a line of amounts, a numbered
/// label): the lines before it are the header's.
fn first_row(roles: &[LineRole]) -> usize {
    roles
        .iter()
        .position(|r| matches!(r, LineRole::Anchor | LineRole::Values | LineRole::Label))
        .unwrap_or(roles.len())
}

/// The header rows from the lines above the first row, in the table's columns.
///
/// The lines are merged into one row (the stacked lines of a header cell, `本年收入合` / `计`,
/// read as one cell), except when the last line is a row of sub-headers under group headers:
/// its words each in a column of their own, and a word of the lines above standing over two or
/// more of them (`科目编码` over `类 款 项`, `因公出国（境）费` over `预算数 决算数`). Then the
/// header is two rows: the lines above, with each group word in the column of the first
/// sub-header it stands over and the columns it spans left empty (a spanning cell as every
/// format writes it: its text, then empty cells), and the sub-header row, whose cells read
/// as printed (`类`, `款`, `项`, which the classification checks look for) — or three rows when
/// the lines above are themselves two levels (see [`nested_rows`]). Without drawn rules a
/// group is known by where its words stand, so one that misses its sub-headers by more than
/// [`NEAR`] columns (a short word centred over wide cells) stays in the column it overlaps.
fn header_rows(
    lines: &[PageLine<'_>],
    cols: &[(usize, usize)],
    first_row: usize,
    grid: Grid,
) -> Vec<Row> {
    let header = &lines[..first_row];
    let Some(last) = header.iter().rposition(|l| !l.is_blank()) else {
        return Vec::new();
    };
    let subs = Subs::new(&header[last], cols, grid);
    let grouped = subs.line.words.len() >= 2
        && subs.distinct()
        && header[..last]
            .iter()
            .any(|l| l.words.iter().any(|t| subs.group_columns(t).is_some()));
    if grouped {
        if let Some(rows) = nested_rows(&header[..last], &subs, cols.len()) {
            return rows;
        }
    }
    let mut upper: Row = vec![Vec::new(); cols.len()];
    let upper_lines = if grouped { &header[..last] } else { header };
    for l in upper_lines {
        for t in &l.words {
            let c = if grouped {
                subs.group_column(t)
                    .unwrap_or_else(|| header_column(cols, t, grid))
            } else {
                header_column(cols, t, grid)
            };
            upper[c].push(piece(l, t));
        }
    }
    let mut rows = Vec::new();
    if upper.iter().any(|c| !c.is_empty()) {
        rows.push(upper);
    }
    if grouped {
        rows.push(subs.row(cols.len()));
    }
    rows
}

/// Header words of two cells that the text joined with one space (`基本支出 项目支出`: two
/// headers set close together) parted into their columns: a header piece holding a space
/// between Chinese characters, beside a column that no header row names, gives the words
/// after its last such space to the column on its right (or those before its first space to
/// the column on its left). Chinese runs its words together, so a space between two Chinese
/// characters in a header is a gap between cells.
fn part_joined_headers(input: &str, header: &mut [Row]) {
    let ncols = header.first().map_or(0, Vec::len);
    let unnamed = |header: &[Row], c: usize| header.iter().all(|row| row[c].is_empty());
    for r in 0..header.len() {
        for c in 0..ncols {
            let [piece] = header[r][c].as_slice() else {
                continue;
            };
            let piece = piece.clone();
            let text = &input[piece.clone()];
            let gaps: Vec<usize> = text
                .char_indices()
                .filter(|&(i, ch)| {
                    ch == ' '
                        && text[..i].chars().next_back().is_some_and(is_wide)
                        && text[i + 1..].chars().next().is_some_and(is_wide)
                })
                .map(|(i, _)| i)
                .collect();
            let (Some(&first_gap), Some(&last_gap)) = (gaps.first(), gaps.last()) else {
                continue;
            };
            if c + 1 < ncols && unnamed(header, c + 1) {
                header[r][c] = std::iter::once(piece.start..piece.start + last_gap).collect();
                header[r][c + 1] = std::iter::once(piece.start + last_gap + 1..piece.end).collect();
            } else if c > 0 && unnamed(header, c - 1) {
                header[r][c - 1] = std::iter::once(piece.start..piece.start + first_gap).collect();
                header[r][c] = std::iter::once(piece.start + first_gap + 1..piece.end).collect();
            }
        }
    }
}

/// The input range of word `t` of line `l`.
fn piece(l: &PageLine<'_>, t: &Token) -> Range<usize> {
    l.range.start + t.bytes.0..l.range.start + t.bytes.1
}

/// Whether two words stand over one another: they overlap, or miss by less than [`NEAR`].
fn near(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 + NEAR && b.0 < a.1 + NEAR
}

/// The sub-header line of a header (its last line) and the column of each of its words.
struct Subs<'l, 'a> {
    line: &'l PageLine<'a>,
    cols: Vec<usize>,
    /// The table's columns that no sub-header stands over.
    unheaded: Vec<(usize, usize)>,
}

impl<'l, 'a> Subs<'l, 'a> {
    fn new(line: &'l PageLine<'a>, columns: &[(usize, usize)], grid: Grid) -> Self {
        let cols: Vec<usize> = line
            .words
            .iter()
            .map(|t| header_column(columns, t, grid))
            .collect();
        let unheaded = (0..columns.len())
            .filter(|c| !cols.contains(c))
            .map(|c| columns[c])
            .collect();
        Subs {
            line,
            cols,
            unheaded,
        }
    }

    /// Each sub-header in a column of its own.
    fn distinct(&self) -> bool {
        self.cols.windows(2).all(|w| w[0] < w[1])
    }

    /// The first and last column a group word spans: those of the sub-headers it stands over
    /// (see [`Subs::group_span`]).
    fn group_columns(&self, t: &Token) -> Option<(usize, usize)> {
        self.group_span(t)
            .map(|(first, last)| (self.cols[first], self.cols[last]))
    }

    /// The first and last sub-header (indices) a word stands over, when it stands over two or
    /// more, or is centred over two neighbours rather than over one of them (a short `合计`
    /// over a `预算数 决算数` pair wider than itself), or stands clear of every sub-header
    /// centred between two (`本年收入` over `项目 … 预算数`, set far apart).
    fn group_span(&self, t: &Token) -> Option<(usize, usize)> {
        let words = &self.line.words;
        let under: Vec<usize> = (0..words.len())
            .filter(|&i| near(t.cols, words[i].cols))
            .collect();
        match under.as_slice() {
            // Over a column of its own (`科目名称` over the names, between `款` and the next
            // side's `类`), it heads that column.
            [] if self
                .unheaded
                .iter()
                .any(|c| t.cols.0 < c.1 && c.0 < t.cols.1) =>
            {
                None
            }
            [] => between_pair(t.cols, words).map(|i| (i, i + 1)),
            [first, .., last] => Some((*first, *last)),
            [one] => centred_pair(t.cols, words, *one).map(|i| (i, i + 1)),
        }
    }

    /// The first column a group word spans.
    fn group_column(&self, t: &Token) -> Option<usize> {
        self.group_columns(t).map(|(first, _)| first)
    }

    /// The sub-header row: each word in its own column.
    fn row(&self, ncols: usize) -> Row {
        let mut row: Row = vec![Vec::new(); ncols];
        for (t, &c) in self.line.words.iter().zip(&self.cols) {
            row[c].push(piece(self.line, t));
        }
        row
    }
}

/// A cell of an upper header line placed in the table's columns: its word, where it stands
/// and the columns it spans.
#[derive(Clone)]
struct Spanned {
    piece: Range<usize>,
    at: (usize, usize),
    first: usize,
    last: usize,
    /// Its span read from the sub-headers it stands over (not from one column it is near).
    grouped: bool,
}

impl Spanned {
    /// Word `t` of `line`, spanning the sub-headers it stands over.
    fn of(line: &PageLine<'_>, t: &Token, subs: &Subs<'_, '_>) -> Spanned {
        let span = subs.group_columns(t);
        let first = span.map_or_else(|| column_of_subs(subs, t), |s| s.0);
        Spanned {
            piece: piece(line, t),
            at: t.cols,
            first,
            last: span.map_or(first, |s| s.1),
            grouped: span.is_some(),
        }
    }
}

/// The header as three rows when the lines above the sub-headers are two levels of groups
/// (a 三公经费 table: `合计 | 因公出国（境）费 | 公务用车购置及运行费 | 公务接待费`, then `小计 |
/// 公务用车购置费 | 公务用车运行费` under the third, then `预算数 决算数` under every one of those):
/// the top line, the middle line right above the sub-headers, and the sub-headers, each group
/// word in the first column of its span. `None` (the header stays two rows) unless the shape
/// is proved by where the words stand:
///
/// - the lines above the sub-headers are exactly two, and the lower (middle) one has a group
///   over the sub-headers;
/// - a top word standing over a middle word is a *parent*; every other top word spans both
///   upper rows and stands over sub-headers of its own (a group, or one column);
/// - each middle word belongs to one parent: the one it stands under, or, beside it, the only
///   parent between the top cells on either side (`小计`, centred over its pair, is under no
///   top word); a middle word between two parents, with no parent, or between a parent and the
///   table's edge leaves it unproved, and so does a parent over one middle word (a cell
///   wrapped over two lines, `因公出国` / `（境）费`);
/// - a parent's span starts right after the top cell left of it, and its first middle word
///   starts there too (a short `小计` set over the second column of its pair moves to the
///   first); spans nest, and no two cells of a row share a column.
///
/// A fourth level, or a top cell wrapped over two lines, keeps today's two rows.
fn nested_rows(upper: &[PageLine<'_>], subs: &Subs<'_, '_>, ncols: usize) -> Option<Vec<Row>> {
    let [top, mid] = upper
        .iter()
        .filter(|l| !l.is_blank())
        .collect::<Vec<_>>()
        .try_into()
        .ok()?;
    let mut middle: Vec<Spanned> = mid
        .words
        .iter()
        .map(|t| Spanned::of(mid, t, subs))
        .collect();
    let mid_grouped = middle.iter().any(|m| m.grouped);
    if middle.len() < 2 || !mid_grouped || !middle.windows(2).all(|w| w[0].last < w[1].first) {
        return None;
    }
    // Top words: parents (over a middle word) and cells spanning both upper rows.
    let mut parents: Vec<(Range<usize>, Vec<usize>)> = Vec::new();
    let mut cells: Vec<Spanned> = Vec::new();
    for t in &top.words {
        let mut children: Vec<usize> = (0..middle.len())
            .filter(|&i| near(t.cols, middle[i].at))
            .collect();
        if children.is_empty() {
            // A short parent centred over an even number of children stands between two.
            if let Some(i) = between_pair(t.cols, &mid.words) {
                children = vec![i, i + 1];
            }
        }
        if !children.is_empty() {
            parents.push((piece(top, t), children));
            continue;
        }
        cells.push(Spanned::of(top, t, subs));
    }
    if parents.is_empty() {
        return None;
    }
    let owners = owners(&middle, &parents, &cells)?;
    let mut top_row: Vec<Spanned> = cells.clone();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for (p, (piece, _)) in parents.iter().enumerate() {
        let own: Vec<usize> = (0..middle.len()).filter(|&i| owners[i] == p).collect();
        // One child under a word is a cell wrapped over two lines (`因公出国` / `（境）费`),
        // not a level of groups.
        if own.len() < 2 {
            return None;
        }
        let (first_child, last_child) = (own[0], own[own.len() - 1]);
        // The span starts right after the top cell on its left (or at its first child).
        let start = cells
            .iter()
            .filter(|c| c.last < middle[first_child].first)
            .map(|c| c.last + 1)
            .max()
            .unwrap_or(middle[first_child].first);
        // A group child keeps its own first column: columns of the parent before it would
        // have no middle cell. A child near one column only may stand over the second column
        // of its pair (centred, then set at a column's start).
        let child = &mut middle[first_child];
        if start > child.first || (start < child.first && child.grouped) {
            return None;
        }
        child.first = start;
        spans.push((start, middle[last_child].last));
        top_row.push(Spanned {
            piece: piece.clone(),
            at: (0, 0),
            first: start,
            last: middle[last_child].last,
            grouped: true,
        });
    }
    top_row.sort_by_key(|c| c.first);
    let nests = top_row.windows(2).all(|w| w[0].last < w[1].first)
        && middle.windows(2).all(|w| w[0].first < w[1].first)
        && middle
            .iter()
            .all(|m| spans.iter().any(|s| s.0 <= m.first && m.last <= s.1));
    if !nests {
        return None;
    }
    let row_of = |cells: &[Spanned]| {
        let mut row: Row = vec![Vec::new(); ncols];
        for c in cells {
            row[c.first].push(c.piece.clone());
        }
        row
    };
    Some(vec![row_of(&top_row), row_of(&middle), subs.row(ncols)])
}

/// The first of two neighbouring words that `word` stands between (within their outer ends)
/// and whose joint centre is nearer its centre than the centre of any single word is: a short
/// group word centred over two cells, over neither of their words.
fn between_pair(word: (usize, usize), words: &[Token]) -> Option<usize> {
    // Centres doubled, to stay in whole columns.
    let centre = word.0 + word.1;
    let off = |c: usize| c.abs_diff(centre);
    let single = words.iter().map(|w| off(w.cols.0 + w.cols.1)).min()?;
    (0..words.len().saturating_sub(1))
        .filter(|&i| words[i].cols.0 <= word.0 && word.1 <= words[i + 1].cols.1)
        .map(|i| (off(words[i].cols.0 + words[i + 1].cols.1), i))
        .filter(|&(d, _)| d < single)
        .min()
        .map(|(_, i)| i)
}

/// The column of a word over one sub-header at most: that of the sub-header it stands over,
/// else the nearest sub-header's.
fn column_of_subs(subs: &Subs<'_, '_>, t: &Token) -> usize {
    let spans: Vec<(usize, usize)> = subs.line.words.iter().map(|w| w.cols).collect();
    subs.cols[column_of(&spans, t)]
}

/// For each middle word, the parent (index in `parents`) it belongs to: the one it stands
/// under, else the only parent next to it before a top cell spanning both rows. `None` when a
/// middle word has no parent, could belong to either of two, or stands beside a parent's
/// children with no top cell beyond it.
fn owners(
    middle: &[Spanned],
    parents: &[(Range<usize>, Vec<usize>)],
    cells: &[Spanned],
) -> Option<Vec<usize>> {
    let mut owner: Vec<Option<usize>> = vec![None; middle.len()];
    for (p, (_, children)) in parents.iter().enumerate() {
        for &i in children {
            if owner[i].replace(p).is_some() {
                return None;
            }
        }
    }
    let cell_between = |a: usize, b: usize| {
        let (lo, hi) = (a.min(b), a.max(b));
        cells.iter().any(|c| c.first > lo && c.first < hi)
    };
    let mut out = Vec::with_capacity(middle.len());
    for i in 0..middle.len() {
        if let Some(p) = owner[i] {
            out.push(p);
            continue;
        }
        // The parents of the nearest owned middle words on either side, unless a top cell
        // stands between.
        let left = (0..i)
            .rev()
            .find_map(|j| owner[j].map(|p| (j, p)))
            .filter(|&(j, _)| !cell_between(middle[j].first, middle[i].first))
            .map(|(_, p)| p);
        let right = (i + 1..middle.len())
            .find_map(|j| owner[j].map(|p| (j, p)))
            .filter(|&(j, _)| !cell_between(middle[i].first, middle[j].first))
            .map(|(_, p)| p);
        // Beside one parent's children only when a top cell closes the run on the other side
        // (`运行费` before `公务接待费`): at the table's edge it may be a cell of its own.
        let m = &middle[i];
        let cell_left = cells.iter().any(|c| c.last < m.first);
        let cell_right = cells.iter().any(|c| c.first > m.last);
        match (left, right) {
            (Some(a), Some(b)) if a == b => out.push(a),
            (Some(a), None) if cell_right => out.push(a),
            (None, Some(b)) if cell_left => out.push(b),
            _ => return None,
        }
    }
    Some(out)
}

/// The first of two neighbouring sub-headers, one of them `at`, whose joint centre is nearer
/// the centre of `word` than the centre of any single sub-header is.
fn centred_pair(word: (usize, usize), subs: &[Token], at: usize) -> Option<usize> {
    // Centres doubled, to stay in whole columns.
    let centre = word.0 + word.1;
    let off = |c: usize| c.abs_diff(centre);
    let single = subs.iter().map(|s| off(s.cols.0 + s.cols.1)).min()?;
    [at.checked_sub(1), Some(at)]
        .into_iter()
        .flatten()
        .filter(|&i| i + 1 < subs.len())
        .map(|i| (off(subs[i].cols.0 + subs[i + 1].cols.1), i))
        .filter(|&(d, _)| d < single)
        .min()
        .map(|(_, i)| i)
}

/// How many display columns apart a group header and a sub-header under it may stand (a
/// centred group word may miss the outer sub-headers by a character).
const NEAR: usize = 2;

/// Rows from placed words: the header rows, anchors as rows, value lines and word lines
/// merged into the anchor beside them.
fn assemble_rows(
    placed: &[Vec<(usize, Range<usize>)>],
    roles: &[LineRole],
    first_row: usize,
    centred: bool,
    header: Vec<Row>,
    ncols: usize,
) -> Vec<Row> {
    let mut rows: Vec<Row> = header;
    let mut line_row: Vec<Option<usize>> = vec![None; placed.len()];
    for i in first_row..placed.len() {
        let own_row = matches!(roles[i], LineRole::Anchor | LineRole::Label);
        if own_row || (roles[i] == LineRole::Values && !fits_next_anchor(placed, roles, i)) {
            if roles[i] == LineRole::Values {
                if let Some(prev) =
                    previous_row(&line_row, i).filter(|&r| fits(&rows[r], &placed[i]))
                {
                    add(&mut rows[prev], &placed[i]);
                    line_row[i] = Some(prev);
                    continue;
                }
            }
            let mut row = vec![Vec::new(); ncols];
            add(&mut row, &placed[i]);
            rows.push(row);
            line_row[i] = Some(rows.len() - 1);
        }
    }
    // Values that belong to the next anchor, and words that continue the row above (or, before
    // any row, the next one).
    for i in first_row..placed.len() {
        if line_row[i].is_some() || roles[i] == LineRole::Blank {
            continue;
        }
        let target = match roles[i] {
            LineRole::Values => next_row(&line_row, i),
            _ if centred => nearest_row(placed, &line_row, i),
            _ => previous_row(&line_row, i).or_else(|| next_row(&line_row, i)),
        };
        if let Some(r) = target {
            add(&mut rows[r], &placed[i]);
        }
    }
    // A cell's pieces in reading order: a label's upper half was added after its row's line.
    for row in &mut rows {
        for cell in row.iter_mut() {
            cell.sort_by_key(|piece| piece.start);
        }
    }
    rows
}

/// Whether every column holds one kind of cell: in a column where numbers are the rule, each
/// cell is empty, one number or a label without digits; elsewhere no cell holds a decimal
/// amount. The header row (the
/// first, when it has no number) is not judged.
fn is_consistent(input: &str, rows: &[Row]) -> bool {
    let cell = |row: &Row, c: usize| {
        row[c]
            .iter()
            .map(|r| input[r.clone()].trim())
            .collect::<Vec<_>>()
    };
    let body: Vec<&Row> = rows
        .iter()
        .filter(|r| (0..r.len()).any(|c| cell(r, c).iter().any(|w| is_number(w))))
        .collect();
    let ncols = rows.first().map_or(0, Vec::len);
    if split_over_lines(&body, ncols, cell) >= 2 {
        return false;
    }
    (0..ncols).all(|c| {
        let cells: Vec<Vec<&str>> = body
            .iter()
            .map(|r| cell(r, c))
            .filter(|v| !v.is_empty())
            .collect();
        let numeric = cells
            .iter()
            .filter(|v| v.len() == 1 && is_number(v[0]))
            .count();
        if numeric * 2 >= cells.len() && numeric > 0 {
            // One number per cell; a label without digits (类, 合计) is no misplaced figure.
            let label = |v: &Vec<&str>| v.iter().all(|w| !w.chars().any(|c| c.is_ascii_digit()));
            cells
                .iter()
                .all(|v| (v.len() == 1 && is_number(v[0])) || label(v))
        } else {
            !cells.iter().flatten().any(|w| {
                w.split(' ')
                    .any(|part| is_number(part) && has_decimal_amount(part))
            })
        }
    })
}

fn add(row: &mut Row, line: &[(usize, Range<usize>)]) {
    for (c, range) in line {
        row[*c].push(range.clone());
    }
}

/// Whether every word of `line` falls in a column that is empty in `row`.
/// How many rows have a code but no label while the next row has the label but no code: rows
/// whose cells the text set on separate lines (the amount above, the code, then the name
/// below, as `pdftotext` prints a tall row of a two-sided 经济分类 table), so that rows were
/// taken apart and amounts joined to the wrong ones. The label column of a code column is the
/// first column right of it whose cells are mostly words.
fn split_over_lines<'i>(
    body: &[&Row],
    ncols: usize,
    cell: impl Fn(&Row, usize) -> Vec<&'i str>,
) -> usize {
    let is_code_cell = |v: &[&str]| v.len() == 1 && is_code(v[0]);
    let is_words = |v: &[&str]| !v.is_empty() && v.iter().any(|w| w.chars().any(is_wide));
    let mostly = |c: usize, test: &dyn Fn(&[&str]) -> bool| {
        let filled: Vec<Vec<&str>> = body
            .iter()
            .map(|r| cell(r, c))
            .filter(|v| !v.is_empty())
            .collect();
        !filled.is_empty() && filled.iter().filter(|v| test(v)).count() * 2 > filled.len()
    };
    // Each column judged once: the table may be wide.
    let code_columns: Vec<bool> = (0..ncols).map(|c| mostly(c, &is_code_cell)).collect();
    let word_columns: Vec<bool> = (0..ncols).map(|c| mostly(c, &is_words)).collect();
    let mut split = 0;
    for code in (0..ncols).filter(|&c| code_columns[c]) {
        let Some(label) = (code + 1..ncols).find(|&c| word_columns[c]) else {
            continue;
        };
        split += body
            .windows(2)
            .filter(|pair| {
                let (row, next) = (pair[0], pair[1]);
                is_code_cell(&cell(row, code))
                    && cell(row, label).is_empty()
                    && cell(next, code).is_empty()
                    && is_words(&cell(next, label))
            })
            .count();
    }
    split
}

fn fits(row: &Row, line: &[(usize, Range<usize>)]) -> bool {
    line.iter().all(|(c, _)| row[*c].is_empty())
}

/// Whether value line `i` fills empty columns of the next anchor line (within two lines).
fn fits_next_anchor(placed: &[Vec<(usize, Range<usize>)>], roles: &[LineRole], i: usize) -> bool {
    let next = (i + 1..placed.len().min(i + 4)).find(|&j| {
        matches!(
            roles[j],
            LineRole::Anchor | LineRole::Values | LineRole::Label
        )
    });
    next.is_some_and(|j| {
        matches!(roles[j], LineRole::Anchor | LineRole::Label)
            && no_shared_column(&placed[i], &placed[j])
    })
}

/// Whether the table's labels are centred in tall rows: at least two rows whose line leaves
/// empty the column that a line of words fills right above it and right below it (a label of
/// two lines printed around its row's amounts: `社会保障和就` / `208  754.75` / `业支出`). In
/// a table whose cells are set at the top, a row's label starts on the row's line.
fn centred_labels(placed: &[Vec<(usize, Range<usize>)>], roles: &[LineRole]) -> bool {
    let around = (1..placed.len().saturating_sub(1))
        .filter(|&j| matches!(roles[j], LineRole::Anchor | LineRole::Values))
        .filter(|&j| label_around(placed, roles, j))
        .count();
    around >= 2
}

/// Whether row line `j` is between two lines of words (directly above and below it) whose
/// words stand in one column where line `j` has none.
fn label_around(placed: &[Vec<(usize, Range<usize>)>], roles: &[LineRole], j: usize) -> bool {
    let words_only = |i: usize| roles[i] == LineRole::Words;
    if j == 0 || j + 1 >= placed.len() || !words_only(j - 1) || !words_only(j + 1) {
        return false;
    }
    let empty_on_row = |i: usize| no_shared_column(&placed[i], &placed[j]);
    let shared = placed[j - 1]
        .iter()
        .any(|(c, _)| placed[j + 1].iter().any(|(d, _)| d == c));
    empty_on_row(j - 1) && empty_on_row(j + 1) && shared
}

/// The first line of the body when labels are centred: the first row's line, or the line of
/// words right above it when that is the upper half of its label ([`label_around`]); the
/// header ends above it.
fn first_label_above(placed: &[Vec<(usize, Range<usize>)>], roles: &[LineRole]) -> usize {
    let first = first_row(roles);
    if first > 0 && label_around(placed, roles, first) {
        first - 1
    } else {
        first
    }
}

/// The row a line of words belongs to when labels are centred: the row whose line is nearer
/// (a label's lines stand around its row's amounts); at equal distance, the row below when its
/// line leaves these words' columns empty (its label starts above it), else the row above.
fn nearest_row(
    placed: &[Vec<(usize, Range<usize>)>],
    line_row: &[Option<usize>],
    i: usize,
) -> Option<usize> {
    let above = (i.saturating_sub(4)..i)
        .rev()
        .find(|&j| line_row[j].is_some());
    let below = (i + 1..placed.len().min(i + 5)).find(|&j| line_row[j].is_some());
    let chosen = match (above, below) {
        (Some(a), Some(b)) => {
            let empty_below = no_shared_column(&placed[i], &placed[b]);
            if i - a < b - i || (i - a == b - i && !empty_below) {
                a
            } else {
                b
            }
        }
        (Some(a), None) => a,
        (None, Some(b)) => b,
        (None, None) => return None,
    };
    line_row[chosen]
}

/// Whether two placed lines have no word in the same column.
fn no_shared_column(a: &[(usize, Range<usize>)], b: &[(usize, Range<usize>)]) -> bool {
    a.iter().all(|(c, _)| b.iter().all(|(d, _)| d != c))
}

fn previous_row(line_row: &[Option<usize>], i: usize) -> Option<usize> {
    line_row[..i].iter().rev().take(3).flatten().next().copied()
}

fn next_row(line_row: &[Option<usize>], i: usize) -> Option<usize> {
    line_row[i + 1..].iter().take(3).flatten().next().copied()
}

/// The margins of a page's prose, for telling wrapped lines from paragraph ends.
struct ProseShape {
    /// The leftmost start of a prose line.
    margin: usize,
    /// The rightmost end of a prose line.
    right: usize,
    /// Whether most prose lines are followed by one blank line (a page set with double line
    /// spacing, which pdftotext writes as a blank line after every line): a blank line then
    /// ends no paragraph.
    double_spaced: bool,
}

impl ProseShape {
    fn of(lines: &[PageLine<'_>], regions: &[Range<usize>]) -> ProseShape {
        let in_table = |i: usize| regions.iter().any(|r| r.contains(&i));
        let prose: Vec<usize> = (0..lines.len())
            .filter(|&i| !lines[i].is_blank() && !in_table(i))
            .collect();
        let (margin, widest) = prose.iter().fold((usize::MAX, 0), |(m, r), &i| {
            (m.min(lines[i].indent()), r.max(lines[i].end_col()))
        });
        // The text block's right edge: where lines of running text end, not a line stretched
        // by gaps (`（一）人员经费     9710.42   万元`) or by letter spacing (`万 元 ， 与 上 年`).
        let running_ends: Vec<usize> = prose
            .iter()
            .map(|&i| &lines[i])
            .filter(|l| l.words.len() == 1 && !l.letter_spaced())
            .map(PageLine::end_col)
            .collect();
        let running = running_ends.iter().copied().max().unwrap_or(0);
        // Kept only when several lines reach it: a page whose running text is all short lines
        // has no edge of its own to go by.
        let shared = running_ends
            .iter()
            .filter(|&&e| near_margin(e, running))
            .count()
            >= 3;
        let right = if shared { running } else { widest };
        let spaced = prose
            .iter()
            .filter(|&&i| one_blank_line_after(lines, i).is_some())
            .count();
        ProseShape {
            margin: if margin == usize::MAX { 0 } else { margin },
            right,
            double_spaced: prose.len() >= 4 && spaced * 3 >= prose.len() * 2,
        }
    }

    /// The end of the paragraph that starts at line `i` (before `limit`): the lines it wraps
    /// onto.
    fn paragraph_end(&self, lines: &[PageLine<'_>], i: usize, limit: usize) -> usize {
        let mut end = i + 1;
        if lines[i].is_blank() || in_toc(lines, i) {
            return end;
        }
        // Whether the last full line reached the margin: a fragment joined after it (below)
        // does not end the paragraph by being short.
        let mut carried: Option<bool> = None;
        while end < limit {
            let prev = &lines[end - 1];
            // On a double-spaced page the line a paragraph wraps onto is the one after the blank.
            let at = match one_blank_line_after(lines, end - 1) {
                Some(after) if self.double_spaced && after < limit => after,
                _ => end,
            };
            let next = &lines[at];
            // A line that starts with a comma or a closing mark goes on with the clause above,
            // wherever it stands: pdftotext sets the end of a justified line apart
            // (`…减少 24.5 万元（43%）` / `                ，减少的主要原因是`).
            // The paragraph goes on after it when the line above reached the margin or the
            // fragment ends mid-sentence.
            let fragment = next.text.trim();
            if fragment.starts_with(CLAUSE_GOES_ON) {
                let full = carried.unwrap_or(reaches_margin(prev.end_col(), self.right));
                carried = Some(full || !fragment.ends_with(SENTENCE_ENDS));
                end = at + 1;
                continue;
            }
            let reached_margin = carried
                .take()
                .unwrap_or(reaches_margin(prev.end_col(), self.right));
            let continues = reached_margin
                && !next.is_blank()
                && next.indent() <= self.margin + 1
                && (!starts_item(next.text.trim_start()) || wraps_into_numbers(prev, next))
                && prev.words.len() == 1;
            if !continues {
                break;
            }
            end = at + 1;
        }
        end
    }
}

/// Whether a line ending at display column `end` runs to a text block's right margin `right`:
/// a margin wide enough to wrap prose at, and [`near_margin`].
fn reaches_margin(end: usize, right: usize) -> bool {
    right > 40 && near_margin(end, right)
}

/// Within three Chinese characters of the margin: a line may end two short when a pair that
/// must not be split (`元，`: no line starts with a comma) moves to the next one, and the grid
/// rounds.
fn near_margin(end: usize, right: usize) -> bool {
    end + 6 >= right
}

/// The line after line `i` when one blank line parts them.
fn one_blank_line_after(lines: &[PageLine<'_>], i: usize) -> Option<usize> {
    let blank = lines.get(i + 1).is_some_and(PageLine::is_blank);
    let next = lines.get(i + 2).is_some_and(|l| !l.is_blank());
    (blank && next).then_some(i + 2)
}

/// Whether line `i` comes after a 目录 title on its page (entries are kept one per line) and
/// before the first line of prose after it (sentence punctuation, which no entry has): the body
/// may start on the page of the 目录.
fn in_toc(lines: &[PageLine<'_>], i: usize) -> bool {
    for l in lines[..=i].iter().rev() {
        if l.text.contains(['。', '，', '；']) {
            return false;
        }
        let t: String = l
            .text
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
            .collect();
        if t == "目录" {
            return true;
        }
    }
    false
}

/// `…西安地铁` / `5、6 号线…`: a full line cut mid-sentence before a run of numbers
/// (`5、6`), which only looks like an item `5、`.
fn wraps_into_numbers(prev: &PageLine<'_>, next: &PageLine<'_>) -> bool {
    let ends_open = !prev.text.trim_end().ends_with(SENTENCE_ENDS);
    let rest = next.text.trim_start();
    let after = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    ends_open
        && after.len() < rest.len()
        && after
            .strip_prefix('、')
            .is_some_and(|a| a.starts_with(|c: char| c.is_ascii_digit()))
}

/// A numbered heading or item: `一、` `（一）` `(1)` `1、` `1.` `第一部分`.
pub(crate) fn starts_item(s: &str) -> bool {
    let s = s.trim_start_matches(['（', '(']);
    let digits =
        s.trim_start_matches(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c));
    // `1.` numbers an item, `0.88` is a figure (a wrapped line may start with one).
    let decimal = digits
        .strip_prefix(['.', '．'])
        .is_some_and(|after| after.starts_with(|c: char| c.is_ascii_digit()));
    (digits.len() < s.len() && digits.starts_with(['、', '）', ')', '.', '．']) && !decimal)
        || s.starts_with('第')
}

fn write_paragraph(w: &mut Writer<'_>, lines: &[PageLine<'_>]) {
    if w.open_table.is_some() && lines.iter().all(PageLine::is_blank) {
        // Blank lines after a table: the next block decides whether the table ends.
        return;
    }
    if w.open_table.take().is_some() {
        // A blank line ends the table above.
        w.insert("\n");
    }
    for (k, line) in lines.iter().enumerate() {
        let trimmed = line.text.trim();
        let lead = line.text.len() - line.text.trim_start().len();
        let start = line.range.start + lead;
        if k == 0 {
            if !w.ends_with_newline() {
                w.insert("\n");
            }
        } else if joins_with_space(&w.text, trimmed) {
            w.insert(" ");
        }
        w.copy(start..start + trimmed.len());
    }
    w.insert("\n");
}

/// Two Latin words or numbers meeting at a wrap keep a space between them; Chinese does not.
pub(crate) fn joins_with_space(before: &str, after: &str) -> bool {
    let a = before
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    let b = after
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    a && b
}

fn write_lines(w: &mut Writer<'_>, lines: &[PageLine<'_>]) {
    for line in lines {
        write_paragraph(w, std::slice::from_ref(line));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_items_and_figures() {
        for s in [
            "一、部门职责",
            "（三）其他",
            "1.社保工作经费",
            "12、负责",
            "第一部分",
        ] {
            assert!(starts_item(s), "{s}");
        }
        for s in [
            "0.00 万元，已按要求列入",
            "314.27 万元。",
            "2021 年",
            "万元。",
        ] {
            assert!(!starts_item(s), "{s}");
        }
    }

    #[test]
    fn words_are_split_at_two_spaces_and_wide_characters_take_two_columns() {
        let line = "201   06   一般公共服务  2,112.86";
        let t = tokens(line, Grid::Display);
        let words: Vec<&str> = t.iter().map(|t| &line[t.bytes.0..t.bytes.1]).collect();
        assert_eq!(words, ["201", "06", "一般公共服务", "2,112.86"]);
        assert_eq!(t[2].cols, (11, 23));
    }

    /// The grid cells of `input` given as (text, first column, end column) in one part of
    /// `columns` columns: each text's first occurrence after the previous one.
    fn grid(
        input: &str,
        part: usize,
        columns: usize,
        cells: &[(&str, usize, usize)],
    ) -> Vec<GridCell> {
        let mut from = 0;
        cells
            .iter()
            .map(|&(text, first, end)| {
                let at = from
                    + input[from..]
                        .find(text)
                        .expect("the cell's text is in the input");
                from = at + text.len();
                GridCell {
                    text: at..at + text.len(),
                    place: GridPlace {
                        part,
                        continues: false,
                        first,
                        end,
                        columns,
                    },
                }
            })
            .collect()
    }

    #[test]
    fn a_ruled_table_is_written_from_its_cells_places() {
        // A group over two columns, a long text cell set far right of its column's start, an
        // empty cell: columns come from the places, not from where the words stand.
        let input = "说明\n          收入\n项目    金额   备注\n合计    10.00      依据很长很长很长的一段文字\n其他           5.00\n";
        let cells = grid(
            input,
            0,
            3,
            &[
                ("收入", 0, 2),
                ("项目", 0, 1),
                ("金额", 1, 2),
                ("备注", 2, 3),
                ("合计", 0, 1),
                ("10.00", 1, 2),
                ("依据很长很长很长的一段文字", 2, 3),
                ("其他", 0, 1),
                ("5.00", 1, 2),
            ],
        );
        let (text, map) = normalize_with_grids(input, &cells);
        assert_eq!(
            text,
            "说明\n\n收入\t\t\n项目\t金额\t备注\n合计\t10.00\t依据很长很长很长的一段文字\n其他\t5.00\t\n"
        );
        let at = text.find("10.00").unwrap();
        assert_eq!(&input[map.original(at)..map.original(at) + 5], "10.00");
    }

    #[test]
    fn two_cells_set_in_one_column_of_a_row_are_both_kept() {
        let input = "合计  10.00  11.00\n";
        let cells = grid(
            input,
            0,
            2,
            &[("合计", 0, 1), ("10.00", 1, 2), ("11.00", 1, 2)],
        );
        let (text, _) = normalize_with_grids(input, &cells);
        assert_eq!(text, "\n合计\t10.00 11.00\n");
    }

    #[test]
    fn a_ruled_part_with_a_word_outside_its_cells_is_read_by_positions() {
        let input = "项目    金额\n合计    10.00   注\n";
        let cells = grid(
            input,
            0,
            2,
            &[
                ("项目", 0, 1),
                ("金额", 1, 2),
                ("合计", 0, 1),
                ("10.00", 1, 2),
            ],
        );
        let (grid_text, _) = normalize_with_grids(input, &cells);
        let (plain, _) = normalize(input);
        assert_eq!(grid_text, plain);
    }

    #[test]
    fn offsets_map_back_through_copied_pieces() {
        let input = "ab\ncd";
        let mut w = Writer {
            input,
            grid_cells: &[],
            text: String::new(),
            map: OffsetMap::default(),
            open_table: None,
            grid: Grid::Display,
        };
        w.copy(0..2);
        w.insert("\t");
        w.copy(3..5);
        assert_eq!(w.text, "ab\tcd");
        assert_eq!(w.map.original(1), 1);
        assert_eq!(w.map.original(2), 3);
        assert_eq!(w.map.original(4), 4);
        assert_eq!(w.map.original(5), 5);
        assert_eq!(w.map.original_range(3..5), Some(3..5));
        assert_eq!(w.map.original_range(1..4), None);
    }
    /// Two pages as pdftotext lays them out: a running header, a paragraph wrapped at the
    /// margin, a table with a 类/款 code column, a wrapped name and values centred a line off,
    /// and page numbers.
    const TWO_PAGES: &str = concat!(
        "                 某某局2021年部门预算\n",
        "    一、收入预算情况说明\n",
        "    2021年收入预算总计1,234.56万元，其中一般公共预算拨款收入1,200.00万元，\n",
        "比上年增加34.56万元。\n",
        "\n",
        "                              - 1 -\n",
        "\x0c                 某某局2021年部门预算\n",
        "                        支出预算表\n",
        "  科目编码    科目名称                合计        基本支出\n",
        "  201         一般公共服务支出        1,000.00    800.00\n",
        "  20101       人大事务                600.00      400.00\n",
        "  20102       政协事务                400.00      400.00\n",
        "  208         社会保障和就业          234.56      234.56\n",
        "                              - 2 -\n",
        "\x0c                 某某局2021年部门预算\n",
        "    二、其他\n",
        "                              - 3 -\n",
    );

    #[test]
    fn pages_become_paragraphs_and_tables() {
        let (text, map) = normalize(TWO_PAGES);
        assert!(!text.contains("- 1 -") && !text.contains("- 2 -"), "{text}");
        assert_eq!(
            text.matches("某某局2021年部门预算").count(),
            1,
            "running header kept once: {text}"
        );
        assert!(
            text.contains("其中一般公共预算拨款收入1,200.00万元，比上年增加34.56万元。\n"),
            "{text}"
        );
        assert!(
            text.contains("201\t一般公共服务支出\t1,000.00\t800.00\n"),
            "{text}"
        );
        assert!(
            text.contains("科目编码\t科目名称\t合计\t基本支出\n"),
            "{text}"
        );
        assert_eq!(text.matches('\x0c').count(), 2);
        for (out, input, len) in &map.pieces {
            assert_eq!(&text[*out..out + len], &TWO_PAGES[*input..input + len]);
        }
    }

    #[test]
    fn a_table_whose_columns_do_not_settle_stays_lines() {
        let page = concat!(
            "  201     一般公共服务支出     1,000.00    800.00\n",
            "  20101   人大事务   600.00      400.00\n",
            "  20102                      政协事务 400.00   400.00\n",
            "  208     社会保障和就业  234.56      234.56\n",
        );
        let input = format!("{page}\x0c{page}\x0c");
        let (text, _) = normalize(&input);
        assert!(!text.contains('\t'), "{text}");
        assert!(
            text.contains("20102                      政协事务 400.00   400.00\n"),
            "{text}"
        );
    }
    #[test]
    fn prose_after_the_toc_on_its_page_is_joined() {
        let page = concat!(
            "                目录\n",
            "  一、部门收支总体情况表\n",
            "  二、部门收入总体情况表\n",
            "  第一部分\n",
            "  西工区社会保险中心 2021 年收入总计 461.84 万元，支出总计 461.84 万元，与上年相比，收入减少\n",
            "  314.27 万元。\n",
        );
        let (text, _) = normalize(&format!("{page}\x0c{page}"));
        assert!(
            text.contains("一、部门收支总体情况表\n二、部门收入总体情况表\n第一部分\n"),
            "{text}"
        );
        assert!(text.contains("收入减少314.27 万元。\n"), "{text}");
    }

    #[test]
    fn a_double_spaced_page_keeps_its_paragraphs_whole() {
        // pdftotext writes a blank line after every line of a page set with double spacing.
        let page = concat!(
            "  10、自然资源海洋气象等支出（类）自然资源事务（款）事\n\n",
            "业运行（项）。主要用于：事业单位人员支出、公用支出、项目\n\n",
            "支出。年初预算为 4477.33 万元，支出决算为 4416.67 万元。\n\n",
            "  11、自然资源海洋气象等支出（类）自然资源事务（款）其\n\n",
            "他国土资源事务支出（项）。主要用于：事业单位项目支出。年\n\n",
            "初预算为 45.00 万元，支出决算为 45.00 万元。\n",
        );
        let (text, _) = normalize(&format!("{page}\x0c{page}"));
        let first = text.split('\x0c').next().unwrap();
        let paragraphs: Vec<&str> = first.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(paragraphs.len(), 2, "{first}");
        assert!(paragraphs[0].contains("（款）事业运行（项）"), "{first}");
        assert!(
            paragraphs[1].ends_with("支出决算为 45.00 万元。"),
            "{first}"
        );
    }

    #[test]
    fn a_stretched_line_does_not_move_the_right_edge_of_the_text() {
        // A justified line that pdftotext letter-spaced, and a line widened by gaps before a
        // figure, both end right of the text block: the lines of running text still wrap.
        let page = concat!(
            "     省检察院 2017 年一般公共 预算财政拨款支出预算\n",
            "17981.68 万 元 ， 与 上 年 相 比 增 加 1454.35 万 元 ， 增 长\n",
            "8.8 %。主要原因是员额制检察官工资改革增加、退休干警\n",
            "及住房补贴政策调整增加一定人员经费支出。\n",
            "     （一）人员经费     9710.42   万元。主要包括：基本工\n",
            "     （二）公用经费 2598.06 万元。主要包括：办公费、\n",
            "印刷费、咨询费、手续费、水费、电费、邮电费、取暖费、\n",
            "物业管理费、差旅费、维修（护）费、租赁费、会议费、培\n",
            "训费、公务接待费、专用材料费、劳务费。\n",
        );
        let (text, _) = normalize(&format!("{page}\x0c{page}"));
        assert!(text.contains("取暖费、物业管理费、差旅费"), "{text}");
        assert!(text.contains("会议费、培训费、公务接待费"), "{text}");
    }

    #[test]
    fn a_line_that_ends_short_of_the_margin_by_a_pair_that_moved_on_is_wrapped() {
        // `元，` must not be split: the line ends three characters (six columns) short.
        let page = concat!(
            "  7、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费\n",
            "  支出（项）。主要用于：在职人员的职业年金缴费支出。本年年初预算为80.81万\n",
            "  元，支出决算为80.38万元。决算数小于预算数的主要原因：预算按周全保障测算。\n",
        );
        let (text, _) = normalize(&format!("{page}\x0c{page}"));
        assert!(
            text.contains("本年年初预算为80.81万元，支出决算为80.38万元。"),
            "{text}"
        );
    }

    #[test]
    fn a_header_over_a_column_of_empty_cells_keeps_its_column() {
        // 数量 is empty in every row: its header is still a column, and the unit in the
        // header of the value column stays over the values.
        let page = concat!(
            "  部门固定资产占用情况表\n",
            "  项 目           数量      价值（金额单位：万元）\n",
            "  房屋及建筑物              200\n",
            "  通用                      41.22\n",
            "  家具等                    11.38\n",
        );
        let (text, _) = normalize(&format!("{page}\x0c{page}"));
        assert!(
            text.contains("项 目\t数量\t价值（金额单位：万元）\n房屋及建筑物\t\t200\n"),
            "{text}"
        );
        let doc = budgetlint_model::parse_text(text.clone());
        let amounts = doc
            .facts
            .iter()
            .filter(|f| matches!(f.kind, budgetlint_model::FactKind::Amount(_)))
            .count();
        assert_eq!(amounts, 6, "{text}");
    }

    #[test]
    fn the_next_tables_title_ends_a_table_on_the_same_page() {
        let page = concat!(
            "  30104            其他社会保障缴费               75.64\n",
            "  302              商品和服务支出              2,598.06\n",
            "  30201            办公费                   138.00\n",
            "\n",
            "七、政府性基金支出预算表\n",
            "部门：              某某局         单位：万元\n",
            "        功能科目代码          功能科目名称   金额\n",
            "                          合计          0.00\n",
            "  229              其他支出                0.00\n",
        );
        let (text, _) = normalize(page);
        assert!(
            text.contains("\n七、政府性基金支出预算表\n"),
            "the title stays a line of its own: {text:?}"
        );
    }

    #[test]
    fn prose_cut_at_the_page_margin_is_layout_text() {
        // pdftotext output of a document of prose: no line with words apart, but its lines are
        // cut at the page's width, mid-sentence.
        let cut = "  （一）加快推进重点项目建设。协调推进全市重大项目的\n\
                   前期手续办理，确保全年开工建设的项目按计划实施，做好\n\
                   项目储备和资金争取的各项服务工作。\n";
        let pdftotext = format!("{cut}\x0c{cut}\x0c{cut}\x0c");
        assert!(looks_like_layout(&pdftotext));
        let (text, _) = normalize(&pdftotext);
        assert!(text.contains("的前期手续办理"), "{text:?}");
        // A typed text with page breaks: one line per paragraph, each ending with a full stop.
        let typed = "一、部门职责\n负责全区社会救助和养老服务工作，统筹推进社会事务管理。\n\x0c\
                     二、机构设置\n本部门内设科室五个，下属事业单位两家，均纳入部门预算编制范围。\n\x0c\
                     三、收支情况\n收支预算总计一千二百万元，全部为一般公共预算拨款。\n";
        assert!(!looks_like_layout(typed));
    }

    #[test]
    fn a_line_cut_before_a_run_of_numbers_is_joined() {
        let page = concat!(
            "    （二十八）加快轨道交通建设。加快协调推进本市城市轨道交通工程，推进地铁\n",
            "5、6 号线工程建设，加快三期项目规划进度，推进装备产业项目建设。\n",
            "    （二十九）推进能源基础设施建设。做好供电项目开工的各项准备工作。\n",
        );
        let (text, _) = normalize(page);
        assert!(text.contains("推进地铁5、6 号线"), "{text:?}");
    }

    #[test]
    fn a_table_continued_on_the_next_page_is_one_table() {
        let page1 = concat!(
            "  科目编码    科目名称                合计        基本支出\n",
            "  201         一般公共服务支出        1,000.00    800.00\n",
            "  20101       人大事务                600.00      400.00\n",
            "  20102       政协事务                400.00      400.00\n",
        );
        let page2 = concat!(
            "  208         社会保障和就业          234.56      234.56\n",
            "  20805       行政事业单位养老支出    234.56      234.56\n",
            "  221         住房保障支出            100.00      100.00\n",
        );
        let (text, _) = normalize(&format!("{page1}\x0c{page2}"));
        let doc = budgetlint_model::parse_text(text.clone());
        assert_eq!(doc.tables.len(), 1, "{text:?}");
        assert_eq!(doc.tables[0].rows.len(), 7, "{text:?}");
    }

    #[test]
    fn every_table_keeps_its_unit_though_each_page_repeats_it() {
        // Four pages, one table each, their rows apart (rows alike on every page would be
        // furniture themselves).
        let table = |(title, class): (&str, &str)| {
            format!(
                concat!(
                    "                        {}\n",
                    "  编制单位：某某局                            单位：万元\n",
                    "  科目编码    科目名称                合计        基本支出\n",
                    "  201         {}        1,000.00    800.00\n",
                    "  20101       {}事务                1,000.00    800.00\n",
                ),
                title, class, class
            )
        };
        let pages = [
            ("收入决算表", "一般公共服务支出"),
            ("支出决算表", "公共安全支出"),
            ("财政拨款支出决算表", "教育支出"),
            ("基本支出决算表", "卫生健康支出"),
        ]
        .map(table)
        .join("\x0c");
        let (text, _) = normalize(&pages);
        assert_eq!(text.matches("编制单位：某某局").count(), 4, "{text}");
        let doc = budgetlint_model::parse_text(text.clone());
        assert_eq!(doc.tables.len(), 4, "{text}");
        assert!(
            doc.tables
                .iter()
                .all(|t| t.unit == Some(budgetlint_model::Unit::WanYuan)),
            "{text}"
        );
    }

    #[test]
    fn a_table_row_ending_several_pages_alike_is_kept_on_each() {
        let page = |(title, total): (&str, &str)| {
            format!(
                concat!(
                    "                        {}\n",
                    "  科目编码    科目名称                合计        基本支出\n",
                    "  221         住房保障支出            {}      {}\n",
                    "  2210203     购房补贴                258.50      258.50\n",
                ),
                title, total, total
            )
        };
        let pages = [
            ("收入决算表", "445.69"),
            ("支出决算表", "445.70"),
            ("财政拨款支出决算表", "445.71"),
            ("基本支出决算表", "445.72"),
        ]
        .map(page)
        .join("\x0c");
        let (text, _) = normalize(&pages);
        assert_eq!(text.matches("购房补贴").count(), 4, "{text}");
    }

    /// A 三公经费 header of three levels (`小计 | 公务用车购置费 | 公务用车运行费` under
    /// `公务用车购置及运行费`, `预算数 决算数` under each), with `小计` centred over its pair and,
    /// as a ruled table sets a short spanning word at a column's start, over the second column
    /// of its pair: both make three header rows, each group word in the first column of its
    /// span, and the model's header paths read top down.
    #[test]
    fn a_header_of_three_levels_makes_three_rows() {
        const TOP: &str = "               合计              因公出国（境）费                             公务用车购置及运行费                                 公务接待费";
        const SUBS: &str = "      预算数      决算数      预算数      决算数      预算数      决算数      预算数      决算数     预算数      决算数      预算数      决算数";
        const VALUES: &str = "      3.00        2.00        1.00        0.50        1.20        0.80        1.00        0.60       0.20        0.20        0.80        0.70";
        let middles = [
            "                                                               小计              公务用车购置费          公务用车运行费",
            "                                                                  小计           公务用车购置费          公务用车运行费",
        ];
        for middle in middles {
            let page = format!(
                "  “三公”经费支出决算表\n  单位：万元\n{TOP}\n{middle}\n{SUBS}\n{VALUES}\n"
            );
            let (text, _) = normalize(&format!("{page}\x0c{page}"));
            let expected = concat!(
                "合计\t\t因公出国（境）费\t\t公务用车购置及运行费\t\t\t\t\t\t公务接待费\t\n",
                "\t\t\t\t小计\t\t公务用车购置费\t\t公务用车运行费\t\t\t\n",
                "预算数\t决算数\t预算数\t决算数\t预算数\t决算数\t预算数\t决算数\t预算数\t决算数\t预算数\t决算数\n",
                "3.00\t2.00\t1.00\t0.50\t1.20\t0.80\t1.00\t0.60\t0.20\t0.20\t0.80\t0.70\n",
            );
            assert!(text.contains(expected), "{text}");
            let doc = budgetlint_model::parse_text(text.clone());
            let table = &doc.tables[0];
            assert_eq!(table.header_rows, 3, "{text}");
            assert_eq!(
                table.header_path(4),
                ["公务用车购置及运行费", "小计", "预算数"]
            );
            assert_eq!(
                table.header_path(7),
                ["公务用车购置及运行费", "公务用车购置费", "决算数"]
            );
            assert_eq!(table.header_path(1), ["合计", "决算数"]);
            assert_eq!(table.header_path(10), ["公务接待费", "预算数"]);
        }
    }

    /// Header cells wrapped over two lines (`因公出国` over `（境）费`, `公务` over `接待费`) are
    /// no level of groups: one word over one, so the header keeps its two rows and each
    /// wrapped cell reads as one.
    #[test]
    fn a_header_cell_wrapped_over_two_lines_is_no_group_level() {
        // With `合计` beside them (a word under no parent at the table's edge), and without.
        for total in ["合计", "    "] {
            let page = format!(
                "  某某经费表\n  单位：万元\n{}\n{}\n{}\n{}\n",
                "                                   因公出国                  公务",
                format_args!(
                    "             {total}                  （境）费                接待费"
                ),
                "      预算数      决算数      预算数      决算数      预算数      决算数",
                "      3000.00     2000.00     1000.00     5000.00     1200.00     8000.00",
            );
            let (text, _) = normalize(&format!("{page}\x0c{page}"));
            let doc = budgetlint_model::parse_text(text.clone());
            let table = &doc.tables[0];
            assert_eq!(table.header_rows, 2, "{text}");
            assert_eq!(
                table.header_path(3),
                ["因公出国（境）费", "决算数"],
                "{text}"
            );
            assert_eq!(table.header_path(4), ["公务接待费", "预算数"], "{text}");
        }
    }

    /// Two upper lines that are not two levels of one tree keep the header's two rows: a
    /// middle word between two parents (`丙` could belong to `甲类` or to `乙类`) proves
    /// neither span, so the upper lines stay one row with each group in the column of the
    /// first sub-header it stands over, as for any two-level header.
    #[test]
    fn a_middle_word_between_two_parents_keeps_two_header_rows() {
        let page = concat!(
            "  某某经费表\n",
            "  单位：万元\n",
            "             甲类                                            乙类\n",
            "             甲一                    丙                      乙一\n",
            "      预算数      决算数      预算数      决算数      预算数      决算数\n",
            "      3000.00     2000.00     1000.00     5000.00     1200.00     8000.00\n",
        );
        let (text, _) = normalize(&format!("{page}\x0c{page}"));
        let doc = budgetlint_model::parse_text(text.clone());
        let table = &doc.tables[0];
        assert_eq!(table.header_rows, 2, "{text}");
        assert!(
            text.contains("甲类甲一\t\t丙\t\t乙类乙一\t\n预算数\t决算数\t预算数\t决算数\t"),
            "{text}"
        );
    }

    /// A line with each word starting at the given character count, as `pdftotext -layout`
    /// sets them.
    fn set_at(words: &[(usize, &str)]) -> String {
        let mut line = String::new();
        for &(at, word) in words {
            let len = line.chars().count();
            let pad = if len == 0 {
                at
            } else {
                at.saturating_sub(len).max(1)
            };
            line.extend(std::iter::repeat_n(' ', pad));
            line.push_str(word);
        }
        line + "\n"
    }

    /// A 收支总表 as pdftotext prints it: the 支出 labels start at one character count on
    /// every line, after 收入 labels of every length.
    fn two_sided_page() -> String {
        [
            set_at(&[(0, "收入"), (40, "支出")]),
            set_at(&[(0, "项目"), (22, "决算数"), (40, "项目"), (62, "决算数")]),
            set_at(&[
                (0, "一、甲类拨款收入"),
                (22, "1,200.00"),
                (40, "一、乙类服务支出"),
                (62, "700.00"),
            ]),
            set_at(&[(0, "二、丙收入"), (40, "二、丁丁支出")]),
            set_at(&[
                (0, "三、戊戊戊戊戊戊收入"),
                (40, "三、己支出"),
                (62, "500.00"),
            ]),
            set_at(&[(40, "四、庚庚庚庚庚庚支出")]),
            set_at(&[
                (0, "本年收入合计"),
                (22, "1,200.00"),
                (40, "本年支出合计"),
                (62, "1,200.00"),
            ]),
        ]
        .concat()
    }

    #[test]
    fn pdftotext_columns_are_counted_in_characters() {
        let page = two_sided_page();
        let text = format!("{page}\x0c{page}");
        assert_eq!(Grid::of(&text), Grid::Characters);
        let (out, _) = normalize(&text);
        assert!(out.contains("二、丙收入\t\t二、丁丁支出\t\n"), "{out}");
        assert!(out.contains("\t\t四、庚庚庚庚庚庚支出\t\n"), "{out}");
        let doc = budgetlint_model::parse_text(out.clone());
        assert_eq!(doc.tables[0].rows[0].cells.len(), 4, "{out}");
        // A table typed on display columns (Chinese characters two wide) keeps that grid.
        let typed = concat!(
            "科目名称          合计        基本支出\n",
            "一般公共服务      1,000.00    800.00\n",
            "人大事务          600.00      400.00\n",
            "教育              400.00      400.00\n",
        );
        assert_eq!(Grid::of(&format!("{typed}\x0c{typed}")), Grid::Display);
    }

    #[test]
    fn an_amount_set_one_space_before_the_next_cell_is_parted() {
        let page = [
            set_at(&[(0, "项目"), (18, "预算数"), (30, "项目"), (52, "预算数")]),
            set_at(&[
                (0, "一、财政拨款收入"),
                (18, "96,282.44 一、公共安全支出"),
                (52, "87,267.44"),
            ]),
            // Set a column left of the others, as pdftotext rounds.
            set_at(&[
                (0, "1. 一般公共预算"),
                (17, "96,282.44 二、社会保障支出"),
                (52, "9,015.00"),
            ]),
            set_at(&[
                (0, "二、事业收入"),
                (23, "0.00 三、住房保障支出"),
                (52, "0.00"),
            ]),
            set_at(&[(0, "合计"), (18, "96,282.44"), (52, "96,282.44")]),
            // A sentence: its amount and unit stay one word.
            set_at(&[(0, "本年收入 96,282.44 万元，与上年持平。")]),
        ]
        .concat();
        let (out, _) = normalize_on(&format!("{page}\x0c{page}"), &[], Grid::Characters);
        assert!(
            out.contains("一、财政拨款收入\t96,282.44\t一、公共安全支出\t87,267.44\n"),
            "{out}"
        );
        assert!(
            out.contains("1. 一般公共预算\t96,282.44\t二、社会保障支出\t9,015.00\n"),
            "{out}"
        );
        assert!(
            out.contains("本年收入 96,282.44 万元，与上年持平。"),
            "{out}"
        );
        let mut line = PageLine {
            range: 0..0,
            text: "合计   96,282.44 87267.44 9015.00",
            words: tokens("合计   96,282.44 87267.44 9015.00", Grid::Characters),
        };
        part_run_together(std::slice::from_mut(&mut line), Grid::Characters);
        let words: Vec<&str> = line.words.iter().map(|t| line.word(t)).collect();
        assert_eq!(words, ["合计", "96,282.44", "87267.44", "9015.00"]);
    }

    #[test]
    fn labels_centred_in_tall_rows_join_their_rows() {
        // A label of two lines is printed around its row's amounts; one of three has its
        // middle line on the row's line; a label of one line stands on it.
        let page = concat!(
            "科目编码   科目名称        合计      基本支出\n",
            "           社会保障和就\n",
            "208                       50.00     50.00\n",
            "           业支出\n",
            "           行政事业单位\n",
            "20805                     50.00     50.00\n",
            "           养老支出\n",
            "           机关事业单位\n",
            "2080505    基本养老保险   30.00     30.00\n",
            "           缴费支出\n",
            "2080506    职业年金       20.00     20.00\n",
        );
        let (out, _) = normalize(&format!("{page}\x0c{page}"));
        for row in [
            "208\t社会保障和就业支出\t50.00\t50.00\n",
            "20805\t行政事业单位养老支出\t50.00\t50.00\n",
            "2080505\t机关事业单位基本养老保险缴费支出\t30.00\t30.00\n",
            "2080506\t职业年金\t20.00\t20.00\n",
        ] {
            assert!(out.contains(row), "{row:?} in {out}");
        }
    }

    #[test]
    fn two_headers_joined_by_one_space_are_parted() {
        let page = concat!(
            "科目编码   科目名称            合计       基本支出 项目支出\n",
            "201        一般公共服务支出    2,106.66   1,503.52    603.14\n",
            "20106      财政事务            2,106.66   1,503.52    603.14\n",
            "2010601    行政运行            1,511.89   1,503.52      8.37\n",
        );
        let (out, _) = normalize(&format!("{page}\x0c{page}"));
        assert!(
            out.contains("科目编码\t科目名称\t合计\t基本支出\t项目支出\n"),
            "{out}"
        );
    }

    #[test]
    fn a_group_header_centred_between_its_columns_spans_them() {
        let page = [
            set_at(&[(16, "本年收入"), (56, "本年支出")]),
            set_at(&[(0, "项目"), (30, "预算数"), (40, "项目"), (70, "预算数")]),
            set_at(&[
                (0, "一、财政拨款收入"),
                (27, "1,200.00"),
                (40, "一、公共安全支出"),
                (67, "1,000.00"),
            ]),
            set_at(&[
                (0, "二、事业收入"),
                (31, "0.00"),
                (40, "二、住房保障支出"),
                (69, "200.00"),
            ]),
            set_at(&[
                (0, "收入总计"),
                (27, "1,200.00"),
                (40, "支出总计"),
                (67, "1,200.00"),
            ]),
        ]
        .concat();
        let (out, _) = normalize(&format!("{page}\x0c{page}"));
        assert!(
            out.contains("本年收入\t\t本年支出\t\n项目\t预算数\t项目\t预算数\n"),
            "{out}"
        );
    }

    #[test]
    fn rows_whose_cells_the_text_set_on_separate_lines_stay_lines() {
        // Each row printed as its amount, then its code, then its name below: read by
        // position, amounts would join the wrong rows.
        let page = concat!(
            "301                         2,082.85   302                           171.07\n",
            "            工资福利支出                                 商品和服务支出\n",
            "                            262.33                                   21.21\n",
            "301    01                              302\n",
            "            基本工资                              01   办公费\n",
            "                            1,238.58                                  7.61\n",
            "301    02                              302\n",
            "            津贴补贴                              02   印刷费\n",
            "301    03                              302\n",
            "            奖金                                03   咨询费\n",
        );
        let (out, _) = normalize(&format!("{page}\x0c{page}"));
        assert!(!out.contains('\t'), "{out}");
    }

    #[test]
    fn a_header_word_over_a_column_of_its_own_heads_that_column() {
        // `科目名称` stands between `款` and the other side's `类`, but over the names.
        let page = [
            set_at(&[(0, "经济分类"), (44, "经济分类")]),
            set_at(&[
                (0, "科目编码"),
                (19, "科目名称"),
                (35, "决算数"),
                (44, "科目编码"),
                (63, "科目名称"),
                (79, "决算数"),
            ]),
            set_at(&[(0, "类"), (6, "款"), (44, "类"), (50, "款")]),
            set_at(&[
                (0, "301"),
                (11, "工资福利支出"),
                (34, "2,082.85"),
                (44, "302"),
                (55, "商品和服务支出"),
                (80, "171.07"),
            ]),
            set_at(&[
                (0, "301"),
                (6, "01"),
                (11, "机关事业单位基本养老"),
                (36, "262.33"),
                (44, "302"),
                (50, "01"),
                (55, "办公费"),
                (81, "21.21"),
            ]),
            set_at(&[
                (0, "301"),
                (6, "02"),
                (11, "津贴补贴"),
                (34, "1,238.58"),
                (44, "302"),
                (50, "02"),
                (55, "印刷费"),
                (82, "7.61"),
            ]),
        ]
        .concat();
        let (out, _) = normalize_on(&format!("{page}\x0c{page}"), &[], Grid::Characters);
        let header = out
            .lines()
            .find(|l| l.contains("科目名称"))
            .expect("a header line");
        let cells: Vec<&str> = header.split('\t').collect();
        assert_eq!(cells.get(2), Some(&"科目名称"), "{out}");
        assert_eq!(cells.get(6), Some(&"科目名称"), "{out}");
    }

    #[test]
    fn a_row_number_set_one_space_after_a_label_or_before_an_amount_is_parted() {
        // The 行次 of a 财政拨款收支总表: `1 19,572.91` before an amount, `…支出 54` after a
        // long label; each header word in the column whose centre is nearest.
        let page = [
            set_at(&[
                (6, "项目"),
                (19, "行次"),
                (24, "金额"),
                (35, "项目"),
                (48, "行次"),
                (57, "合计"),
            ]),
            set_at(&[
                (0, "一、一般预算拨款"),
                (17, "1 19,572.91 一、一般公共服务支出"),
                (45, "33"),
                (49, "9,846.82"),
            ]),
            set_at(&[
                (0, "二、基金预算拨款"),
                (17, "2"),
                (29, "二、外交支出"),
                (45, "34"),
            ]),
            set_at(&[
                (17, "3"),
                (29, "三十二、灾害防治及应急管理支出 35"),
                (51, "180.03"),
            ]),
            set_at(&[(17, "4"), (29, "四、教育支出"), (45, "36"), (51, "497.53")]),
            set_at(&[
                (0, "本年收入合计"),
                (16, "27 19,572.91"),
                (29, "本年支出合计"),
                (45, "37"),
                (49, "9,846.82"),
            ]),
        ]
        .concat();
        let (out, _) = normalize_on(&format!("{page}\x0c{page}"), &[], Grid::Characters);
        for row in [
            "项目\t行次\t金额\t项目\t行次\t合计\n",
            "一、一般预算拨款\t1\t19,572.91\t一、一般公共服务支出\t33\t9,846.82\n",
            "\t3\t\t三十二、灾害防治及应急管理支出\t35\t180.03\n",
        ] {
            assert!(out.contains(row), "{row:?} in {out}");
        }
    }

    #[test]
    fn a_line_that_starts_with_a_comma_goes_on_with_the_paragraph() {
        // pdftotext set the end of a justified line on a line of its own, indented.
        let page = concat!(
            "  1、“三公”经费预算 18.6 万元，按照财政预算定额标\n",
            "准编报，较上年减少 24.5 万元（43%）\n",
            "                     ，减少的主要原因是\n",
            "严格执行公务接待管理办法，在按照财政预算定额标准编报\n",
            "的基础上，对公务接待费预算进行了控制和压缩。\n",
            "  2、会议费预算 174.6 万元，较上年预算增加 151.6 万元。\n",
        );
        let (text, _) = normalize(&format!("{page}\x0c{page}"));
        assert!(
            text.contains("（43%），减少的主要原因是严格执行公务接待管理办法"),
            "{text}"
        );
        assert!(text.contains("压缩。\n2、会议费"), "{text}");
    }
}
