//! Lines to blocks: headings, paragraphs, the 目录, and tables in their three layouts.

use super::lines::{trim_with_offset, Line, LineKind};
use super::numbering::{scan_marker, Marker};
use crate::doc::*;
use crate::number::{scan_quantity, Unit};
use crate::span::LineIndex;

pub struct Blocks {
    pub blocks: Vec<Block>,
    pub tables: Vec<Table>,
}

struct Builder<'a> {
    text: &'a str,
    index: &'a LineIndex,
    lines: &'a [Line<'a>],
    out: Blocks,
}

pub fn build(text: &str, index: &LineIndex, lines: &[Line<'_>]) -> Blocks {
    let mut b = Builder {
        text,
        index,
        lines,
        out: Blocks {
            blocks: Vec::new(),
            tables: Vec::new(),
        },
    };
    let mut i = 0;
    while i < lines.len() {
        i = b.block_at(i);
    }
    b.out
}

impl<'a> Builder<'a> {
    fn span(&self, start: usize, end: usize) -> crate::Span {
        self.index.span(self.text, start, end)
    }

    /// Builds the block starting at line `i`; returns the index of the next unconsumed line.
    fn block_at(&mut self, i: usize) -> usize {
        let line = self.lines[i];
        match line.kind {
            LineKind::Blank | LineKind::PipeRule => i + 1,
            // A row whose first cell is empty (`\t12.5`) looks like a cell of the cell-per-line
            // layout; followed at once by a tab row, it is the first row of a tab-separated table
            // (cell-per-line tables have no tab rows).
            LineKind::Cell
                if self
                    .lines
                    .get(i + 1)
                    .is_some_and(|l| l.kind == LineKind::TabRow) =>
            {
                self.tab_table(i)
            }
            LineKind::Cell => self.cell_per_line_table(i),
            LineKind::TabRow => self.tab_table(i),
            LineKind::PipeRow => self.pipe_table(i),
            LineKind::Text if is_toc_title(line.text) => self.toc(i),
            LineKind::Text => self.text_line(i),
        }
    }

    /// A heading or paragraph from line `i`; returns the next line to read.
    fn text_line(&mut self, i: usize) -> usize {
        let line = self.lines[i];
        let (lead, body) = trim_with_offset(line.text);
        let start = line.start + lead;
        let end = start + body.len();
        let (md_level, inner_off, inner) = strip_markdown(body);
        let marker = scan_marker(inner);
        if let Some(m) =
            marker.filter(|m| m.style == NumberingStyle::Part && inner[m.len..].trim().is_empty())
        {
            if let Some(title_line) = self.part_title_below(i) {
                let heading = self.part_heading(start, inner_off, inner, m, title_line);
                self.out.blocks.push(heading);
                return title_line + 1;
            }
        }
        let block = match marker {
            Some(m)
                if md_level.is_some()
                    || is_heading_title(&inner[m.len..])
                    || (m.style == NumberingStyle::Part && inner[m.len..].trim().is_empty()) =>
            {
                self.heading(start, end, md_level, start + inner_off, inner, Some(m))
            }
            None if md_level.is_some() => {
                self.heading(start, end, md_level, start + inner_off, inner, None)
            }
            _ => {
                let numbering = marker.map(|m| self.numbering(start + inner_off, inner, m));
                let (span, text_span) =
                    self.index
                        .nested_spans(self.text, (line.start, line.end()), (start, end));
                Block::Paragraph(Paragraph {
                    numbering,
                    text_span,
                    span,
                    inline_items: self.inline_items(start, body),
                })
            }
        };
        self.out.blocks.push(block);
        i + 1
    }

    /// `第一部分` alone on its line, its title on the next non-blank line (a short line that is
    /// not numbered itself).
    fn part_title_below(&self, i: usize) -> Option<usize> {
        let j = (i + 1..self.lines.len().min(i + 4))
            .find(|&k| self.lines[k].kind != LineKind::Blank)?;
        let t = self.lines[j].text.trim();
        let ok = self.lines[j].kind == LineKind::Text
            && scan_marker(t).is_none()
            && t.chars().count() <= 30
            && !t.contains(['。', '，']);
        ok.then_some(j)
    }

    fn part_heading(
        &self,
        start: usize,
        inner_off: usize,
        inner: &str,
        m: Marker,
        title_line: usize,
    ) -> Block {
        let line = self.lines[title_line];
        let (lead, title) = trim_with_offset(line.text);
        let title_start = line.start + lead;
        Block::Heading(Heading {
            numbering: self.numbering(start + inner_off, inner, m),
            title: strip_emphasis(title).to_string(),
            markdown_level: None,
            depth: 0,
            span: self.span(start, title_start + title.len()),
            title_span: self.span(title_start, title_start + title.len()),
        })
    }

    fn numbering(&self, at: usize, s: &str, m: Marker) -> Numbering {
        let raw = &s[..m.len];
        Numbering {
            style: m.style,
            ordinal: m.ordinal,
            marker: raw.trim_end().to_string(),
            half_width: m.half_width,
            span: self.span(at, at + raw.trim_end().len()),
        }
    }

    fn heading(
        &self,
        start: usize,
        end: usize,
        md: Option<u8>,
        inner_at: usize,
        inner: &str,
        m: Option<Marker>,
    ) -> Block {
        let numbering = match m {
            Some(m) => self.numbering(inner_at, inner, m),
            None => Numbering {
                style: NumberingStyle::None,
                ordinal: 0,
                marker: String::new(),
                half_width: false,
                span: self.span(inner_at, inner_at),
            },
        };
        let title_off = m.map(|m| m.len).unwrap_or(0);
        let title = strip_emphasis(&inner[title_off..]);
        let title_start = inner_at + title_off;
        let title_end = (inner_at + inner.len()).max(title_start);
        Block::Heading(Heading {
            numbering,
            title: title.to_string(),
            markdown_level: md,
            depth: 0,
            span: self.span(start, end),
            title_span: self.span(title_start, title_end),
        })
    }

    /// Ordinals inside running text: `职责：1、负责…。2、负责…` (only after sentence punctuation).
    fn inline_items(&self, at: usize, body: &str) -> Vec<Numbering> {
        let mut items = Vec::new();
        let mut prev: Option<char> = None;
        for (i, c) in body.char_indices() {
            let boundary = matches!(
                prev,
                None | Some('。' | '；' | ';' | '：' | ':' | '！' | ' ')
            );
            // `（八）` run into the paragraph after a full stop: an item whose line break was
            // lost (a PDF paragraph of `（七）…。（八）…`).
            let bracketed = matches!(c, '（' | '(') && matches!(prev, Some('。' | '；' | ';'));
            if (boundary && c.is_ascii_digit() || bracketed) && i > 0 {
                if let Some(m) = scan_marker(&body[i..]).filter(|m| inline_style(m.style)) {
                    items.push(self.numbering(at + i, &body[i..], m));
                }
            }
            prev = Some(c);
        }
        let leading = scan_marker(body).filter(|m| {
            inline_style(m.style)
                && items
                    .first()
                    .is_some_and(|i: &Numbering| same_shape(i.style, m.style))
        });
        if items.len() >= 2 || (!items.is_empty() && leading.is_some()) {
            if let Some(m) = leading {
                items.insert(0, self.numbering(at, body, m));
            }
            items
        } else {
            Vec::new()
        }
    }

    fn toc(&mut self, i: usize) -> usize {
        let title = self.lines[i];
        let mut entries = Vec::new();
        let mut first_compact: Option<String> = None;
        let mut seen_titles: Vec<String> = Vec::new();
        let mut j = i + 1;
        let mut last_end = title.end();
        // Entries that end in a page number or dot leaders, and whether a page break was
        // crossed: after a page break, a line without either is the body (a 目录 of numbered
        // entries does not go on with a line that names no page).
        let mut paged_entries = 0usize;
        let mut crossed_page = false;
        // Whether a blank line came since the last entry, and whether that entry named a page.
        let mut after_blank = false;
        let mut last_paged = false;
        // Whether the entries are set apart by blank lines (then a blank line says nothing).
        let mut blank_separated = false;
        // The length of the last entry's line and of the longest so far: a title wraps only
        // when its line is full.
        let (mut last_len, mut longest) = (0usize, 0usize);
        while j < self.lines.len() {
            let line = self.lines[j];
            crossed_page |= line.text.contains('\x0c');
            if line.kind == LineKind::Blank {
                after_blank = true;
                j += 1;
                continue;
            }
            if crate::text::is_page_number(line.text) {
                // The page's footer (`— 1 —`), not an entry.
                j += 1;
                continue;
            }
            let paged = names_a_page(line.text);
            if crossed_page && paged_entries >= 2 && !paged {
                break;
            }
            paged_entries += usize::from(paged);
            let entry_text = toc_entry_text(line.text);
            let compact = compact(&entry_text);
            let unnumbered = scan_marker(&entry_text).is_none();
            let compact_len = compact.chars().count();
            let last_numbered = entries
                .last()
                .is_some_and(|e: &TocEntry| e.numbering.style != NumberingStyle::None);
            // The end of a numbered title wrapped onto the next line (`…部门决算` / `表`).
            let last_full = last_len >= 15 && last_len + 1 >= longest;
            // Where entries are set apart by blank lines, so is a wrapped title's end.
            let same_entry = !after_blank || blank_separated;
            if unnumbered && last_numbered && last_full && same_entry && !paged && !last_paged {
                if let Some(last) = entries.last_mut().filter(|_| is_wrapped_tail(&compact)) {
                    last.title.push_str(entry_text.trim_end_matches('。'));
                    last.span = self.span(last.span.start as usize, line.end());
                    if let Some(t) = seen_titles.last_mut() {
                        *t = compact_title(&format!("{}{}", t, compact));
                    }
                    last_end = line.end();
                    j += 1;
                    continue;
                }
            }
            // After a blank line, an unnumbered line under entries that are numbered (but for a
            // marker the model does not read) and were written without blank lines between them
            // is the body's first line (the unit's name over its 主要职能).
            let numbered = entries
                .iter()
                .filter(|e: &&TocEntry| e.numbering.style != NumberingStyle::None)
                .count();
            let mostly_numbered = last_numbered && numbered * 2 > entries.len();
            // A new page is such a break too (a 目录 whose last page ends with its last entry).
            let page_starts = line.text.contains('\x0c');
            let set_apart = (after_blank && !blank_separated) || page_starts;
            if set_apart && unnumbered && mostly_numbered && !paged {
                break;
            }
            blank_separated |= after_blank;
            // A line ending in a colon leads into running text (`主要职责是：`).
            if entry_text.ends_with(['：', ':']) {
                break;
            }
            let is_entry = matches!(line.kind, LineKind::Text | LineKind::TabRow)
                && !compact.is_empty()
                && compact.chars().count() <= 60;
            let restarts = first_compact.as_ref().is_some_and(|f| {
                !compact.is_empty() && (f.starts_with(&compact) || compact.starts_with(f.as_str()))
            });
            // The body has begun when a line reads like a sentence, or a title comes back
            // (“一、部门职责” in the 目录, “1、部门职责：…” in the body).
            let title_only = compact_title(&entry_text);
            let repeats = !title_only.is_empty()
                && seen_titles
                    .iter()
                    .any(|t| title_only.starts_with(t.as_str()));
            if !is_entry || restarts || repeats || reads_like_sentence(&entry_text) {
                break;
            }
            seen_titles.push(title_only);
            let (lead, _) = trim_with_offset(line.text);
            let raw = strip_decoration(&line.text[lead..]);
            let start = line.start + line.text.find(raw).unwrap_or(lead);
            let numbering = match scan_marker(&entry_text) {
                Some(m) => Numbering {
                    style: m.style,
                    ordinal: m.ordinal,
                    marker: entry_text[..m.len].trim_end().to_string(),
                    half_width: m.half_width,
                    span: self.span(start, start + m.len.min(raw.len())),
                },
                None => Numbering {
                    style: NumberingStyle::None,
                    ordinal: 0,
                    marker: String::new(),
                    half_width: false,
                    span: self.span(start, start),
                },
            };
            // A full stop that ends an entry (`一、主要职能。`) is not part of its title.
            let title_text = scan_marker(&entry_text)
                .map(|m| entry_text[m.len..].trim())
                .unwrap_or(&entry_text)
                .trim_end_matches('。')
                .to_string();
            entries.push(TocEntry {
                numbering,
                title: title_text,
                span: self.span(line.start + lead, line.end()),
            });
            first_compact.get_or_insert(compact);
            last_end = line.end();
            after_blank = false;
            last_paged = paged;
            last_len = compact_len;
            longest = longest.max(compact_len);
            j += 1;
        }
        let span = self.span(title.start, last_end);
        self.out.blocks.push(Block::Toc(Toc { span, entries }));
        // Blank lines after the last entry are left to the main loop.
        let mut k = i + 1;
        while k < j && self.lines[k].end() <= last_end {
            k += 1;
        }
        k
    }

    fn cell_per_line_table(&mut self, first: usize) -> usize {
        let mut rows: Vec<Vec<(usize, usize)>> = Vec::new();
        let mut current: Vec<(usize, usize)> = Vec::new();
        let mut i = first;
        while i < self.lines.len() {
            let line = self.lines[i];
            match line.kind {
                LineKind::Cell => {
                    current.push((line.start + 1, line.end()));
                    i += 1;
                }
                // A line without the tab right after a cell continues that cell (a multi-line cell).
                LineKind::Text if !current.is_empty() => {
                    if let Some(last) = current.last_mut() {
                        last.1 = line.end();
                    }
                    i += 1;
                }
                LineKind::Blank => {
                    if !current.is_empty() {
                        // The next row is most likely as wide as this one.
                        let width = current.len();
                        rows.push(std::mem::replace(&mut current, Vec::with_capacity(width)));
                    }
                    let next =
                        (i..self.lines.len()).find(|&k| self.lines[k].kind != LineKind::Blank);
                    match next {
                        Some(k) if self.lines[k].kind == LineKind::Cell => i = k,
                        _ => break,
                    }
                }
                _ => break,
            }
        }
        if !current.is_empty() {
            rows.push(current);
        }
        let rows: Vec<Row> = rows.iter().map(|cells| self.row(cells)).collect();
        self.push_table(first, TableLayout::CellPerLine, rows);
        i
    }

    fn tab_table(&mut self, first: usize) -> usize {
        let mut i = first;
        let mut rows: Vec<Row> = Vec::new();
        // The widest row so far (kept as rows are added: looking at every row again for each
        // new one made a long table quadratic).
        let mut width = 0;
        loop {
            if i < self.lines.len()
                && self.lines[i].kind == LineKind::Blank
                && self.continues_tab_table(i, width)
            {
                i += 1;
            }
            if let Some(next) = self.continues_over_page_break(first, i, width) {
                i = next;
            }
            if i >= self.lines.len()
                || !matches!(self.lines[i].kind, LineKind::TabRow | LineKind::Cell)
            {
                break;
            }
            let line = self.lines[i];
            let mut cells = Vec::with_capacity(rows.last().map_or(8, |r| r.cells.len()));
            let mut at = line.start;
            for piece in line.text.split('\t') {
                cells.push((at, at + piece.len()));
                at += piece.len() + 1;
            }
            width = width.max(cells.len());
            rows.push(self.row(&cells));
            i += 1;
        }
        self.push_table(first, TableLayout::TabSeparated, rows);
        i
    }

    /// A page break inside a wide table leaves one blank line between its rows: the table goes on
    /// when the next row has about as many columns.
    fn continues_tab_table(&self, blank: usize, width: usize) -> bool {
        let Some(next) = self
            .lines
            .get(blank + 1)
            .filter(|l| l.kind == LineKind::TabRow)
        else {
            return false;
        };
        let next_width = next.text.split('\t').count();
        width >= 5 && next_width.abs_diff(width) <= 2
    }

    /// A table that goes on over a page break: after its last row come a form feed and only
    /// blank lines, page numbers and repeats of the lines above the table (its caption, the
    /// unit), and then a row of about as many columns (the repeated header or the next row).
    /// Returns the line of that row; the lines in between become part of the table's span.
    fn continues_over_page_break(&self, first: usize, from: usize, width: usize) -> Option<usize> {
        // The common case, a row right after a row, costs nothing.
        if self
            .lines
            .get(from)
            .is_none_or(|l| l.kind == LineKind::TabRow)
        {
            return None;
        }
        let trimmed = |text: &str| {
            text.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
                .to_string()
        };
        let caption: Vec<String> = self.lines[first.saturating_sub(6)..first]
            .iter()
            .map(|l| trimmed(l.text))
            .collect();
        let mut saw_page_break = false;
        let mut j = from;
        while let Some(line) = self.lines.get(j).filter(|l| l.kind != LineKind::TabRow) {
            let text = trimmed(line.text);
            saw_page_break |= line.text.contains('\x0c');
            let separator =
                text.is_empty() || crate::text::is_page_number(&text) || caption.contains(&text);
            if !separator || j - from >= 12 {
                return None;
            }
            j += 1;
        }
        let next = self.lines.get(j)?;
        let next_width = next.text.split('\t').count();
        let compact = |text: &str| {
            text.chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
        };
        let repeats_first_row = compact(next.text) == compact(self.lines[first].text);
        let as_wide = width >= 3 && next_width.abs_diff(width) <= 2;
        (saw_page_break && (as_wide || repeats_first_row)).then_some(j)
    }

    fn pipe_table(&mut self, first: usize) -> usize {
        let mut i = first;
        let mut rows = Vec::new();
        while i < self.lines.len()
            && matches!(self.lines[i].kind, LineKind::PipeRow | LineKind::PipeRule)
        {
            let line = self.lines[i];
            if line.kind == LineKind::PipeRow {
                let (lead, body) = trim_with_offset(line.text);
                let inner = &body[1..body.len() - 1];
                let mut at = line.start + lead + 1;
                let mut cells = Vec::new();
                for piece in inner.split('|') {
                    cells.push((at, at + piece.len()));
                    at += piece.len() + 1;
                }
                rows.push(self.row(&cells));
            }
            i += 1;
        }
        self.push_table(first, TableLayout::Markdown, rows);
        i
    }

    fn row(&self, cells: &[(usize, usize)]) -> Row {
        let cells: Vec<Cell> = cells.iter().map(|&(s, e)| self.cell(s, e)).collect();
        let span = match (cells.first(), cells.last()) {
            (Some(first), Some(last)) => first.span.to(last.span),
            _ => self.span(0, 0),
        };
        Row { span, cells }
    }

    fn cell(&self, start: usize, end: usize) -> Cell {
        let raw = &self.text[start..end];
        let (lead, body) = trim_with_offset(raw);
        let text: String = if body.contains('\n') {
            body.split('\n')
                .map(|l| l.trim_matches(|c: char| c.is_whitespace()))
                .collect::<Vec<_>>()
                .join("\n")
        } else {
            body.to_string()
        };
        let number = whole_number(&text).map(Box::new);
        Cell {
            text,
            span: self.span(start + lead, start + lead + body.len()),
            number,
        }
    }

    fn push_table(&mut self, first: usize, layout: TableLayout, rows: Vec<Row>) {
        let id = self.out.tables.len() as TableId;
        let (title, title_span) = self.caption(first);
        let (unit, unit_span) = self.declared_unit(first, &rows);
        // Leading rows without figures, and the row under them that numbers the columns
        // (`栏次 | 1 | 2 | 3`: its figures are no amounts); a table with no figure at all has
        // one header row.
        let without_figures = rows
            .iter()
            .take_while(|r| r.cells.iter().all(|c| c.number.is_none()))
            .count();
        let leading = without_figures
            + usize::from(rows.get(without_figures).is_some_and(numbers_the_columns));
        let header_rows = if leading == rows.len() {
            leading.min(1)
        } else {
            leading
        } as u32;
        let span = match (rows.first(), rows.last()) {
            (Some(first), Some(last)) => first.span.to(last.span),
            _ => self.span(self.lines[first].start, self.lines[first].start),
        };
        self.out.tables.push(Table {
            id,
            layout,
            title,
            title_span,
            unit,
            unit_span,
            rows,
            header_rows,
            span,
        });
        self.out.blocks.push(Block::Table { table: id, span });
    }

    /// The caption: among the text lines in the five lines above (skipping unit lines,
    /// `单位名称：…`, a bare year in brackets and internal numbers like `预算10表`), the one that
    /// names a table (ends in 表), else the nearest.
    fn caption(&self, first: usize) -> (Option<String>, Option<crate::Span>) {
        let mut nearest = None;
        for k in (first.saturating_sub(6)..first).rev() {
            let line = self.lines[k];
            if line.kind != LineKind::Text && line.kind != LineKind::Blank {
                break;
            }
            let (lead, body) = trim_with_offset(line.text);
            if line.kind == LineKind::Blank || !is_caption_candidate(body) {
                continue;
            }
            if body.chars().count() > 60 {
                break;
            }
            let found = (
                strip_decoration(body).to_string(),
                self.span(line.start + lead, line.start + lead + body.len()),
            );
            if found.0.ends_with('表') {
                return (Some(found.0), Some(found.1));
            }
            nearest.get_or_insert(found);
        }
        match nearest {
            Some((t, s)) => (Some(t), Some(s)),
            None => (None, None),
        }
    }

    fn declared_unit(&self, first: usize, rows: &[Row]) -> (Option<Unit>, Option<crate::Span>) {
        for k in (first.saturating_sub(6)..first).rev() {
            let line = self.lines[k];
            if !matches!(line.kind, LineKind::Text | LineKind::Blank) {
                break;
            }
            let (lead, body) = trim_with_offset(line.text);
            if let Some((unit, off, len)) = unit_declaration(body) {
                let at = line.start + lead + off;
                return (Some(unit), Some(self.span(at, at + len)));
            }
        }
        for cell in rows.iter().take(3).flat_map(|r| &r.cells) {
            if let Some((unit, off, len)) = unit_declaration(&cell.text) {
                let at = cell.span.start as usize + off;
                return (Some(unit), Some(self.span(at, at + len)));
            }
        }
        (None, None)
    }
}

/// `单位：万元` (also `金额单位:元`, `单位: 万元`) somewhere in `s`: the unit, and the byte
/// offset and length of the declaration. The first 单位 of a line may name the unit that
/// drew the table up, `编制单位：某某局          单位：元`: each one is tried.
pub fn unit_declaration(s: &str) -> Option<(Unit, usize, usize)> {
    s.match_indices("单位")
        .find_map(|(pos, _)| unit_declaration_at(s, pos))
}

/// The declaration whose `单位` starts at `pos`.
fn unit_declaration_at(s: &str, pos: usize) -> Option<(Unit, usize, usize)> {
    let rest = &s[pos + "单位".len()..];
    let rest_trim = rest.trim_start();
    let colon = rest_trim
        .chars()
        .next()
        .filter(|c| matches!(c, '：' | ':'))?;
    let after = rest_trim[colon.len_utf8()..].trim_start();
    let unit = ["亿元", "万元", "元"]
        .iter()
        .find(|u| after.starts_with(**u))?;
    let len = s.len() - pos - (after.len() - unit.len());
    Some((Unit::from_word(unit)?, pos, len))
}

/// Lines above a table that are not its caption.
fn is_caption_candidate(body: &str) -> bool {
    let compact_body = compact(body);
    let bare_year = compact_body
        .trim_matches(['（', '）', '(', ')'])
        .trim_end_matches('年')
        .chars()
        .all(|c| c.is_ascii_digit());
    let internal_number = compact_body.starts_with("预算")
        && compact_body.ends_with('表')
        && compact_body.chars().count() <= 6;
    unit_declaration(body).is_none()
        && !body.starts_with("单位名称")
        && !bare_year
        && !internal_number
}

/// The value of a cell that holds exactly one number (with or without a unit).
fn whole_number(text: &str) -> Option<crate::Quantity> {
    let t = text.trim();
    let (q, len) = scan_quantity(t)?;
    t[len..].trim().is_empty().then_some(q)
}

/// The numbering styles recognised inside a paragraph.
fn inline_style(style: NumberingStyle) -> bool {
    matches!(
        style,
        NumberingStyle::ArabicComma
            | NumberingStyle::ArabicDot
            | NumberingStyle::ChineseParen
            | NumberingStyle::ArabicParen
    )
}

/// `1、` and `1.` are one shape; `（一）` and `（1）` each their own.
fn same_shape(a: NumberingStyle, b: NumberingStyle) -> bool {
    let arabic = |s| matches!(s, NumberingStyle::ArabicComma | NumberingStyle::ArabicDot);
    a == b || (arabic(a) && arabic(b))
}

fn is_toc_title(line: &str) -> bool {
    // Compared char by char: this runs on every text line, most of which differ at once.
    line.contains('录')
        && strip_decoration(line)
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
            .eq("目录".chars())
}

/// A line of running text rather than a 目录 entry: a full stop inside it, or at its end
/// unless it is a numbered title (`一、主要职能。`: some 目录 end their entries so).
fn reads_like_sentence(entry: &str) -> bool {
    let body = entry.trim_end();
    let numbered_title = scan_marker(body).is_some() && !body.contains(['，', '；']);
    match body.strip_suffix('。') {
        Some(inner) if numbered_title => inner.contains('。'),
        _ => body.contains('。'),
    }
}

/// The tail of a 目录 title wrapped onto its own line: a few characters that end a title
/// (`表`, `情况说明`, `说明`), no marker, no page.
fn is_wrapped_tail(compact: &str) -> bool {
    let n = compact.chars().count();
    (1..=6).contains(&n) && !compact.contains(['，', '。', '：', ':'])
}

/// Whether a 目录 line ends in a page number or dot leaders (`……3`, `.... 12`).
fn names_a_page(line: &str) -> bool {
    let t = line.trim_end();
    t.ends_with(|c: char| c.is_ascii_digit()) || t.ends_with(['…', '.', '·'])
}

/// Text of a 目录 entry without the dot leaders and page number.
fn toc_entry_text(line: &str) -> String {
    let s = strip_decoration(line.trim());
    let s = s.split('\t').next().unwrap_or("");
    let s = s.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ' || c == '\u{3000}');
    s.trim_end_matches(['.', '…', '·', ' ', '-'])
        .trim()
        .to_string()
}

/// A 目录 entry's title without its marker and white space.
fn compact_title(entry: &str) -> String {
    let rest = scan_marker(entry).map_or(entry, |m| &entry[m.len..]);
    compact(rest.split(['：', ':']).next().unwrap_or(rest))
}

/// Text without white space (for comparing titles).
pub fn compact(s: &str) -> String {
    crate::text::without_chars(s, |c| c.is_whitespace() || c == '\u{3000}').into_owned()
}

/// Removes Markdown heading marks, bold/italic marks, `<b>` tags and list bullets.
pub fn strip_decoration(s: &str) -> &str {
    let (_, _, inner) = strip_markdown(s.trim());
    strip_emphasis(inner)
}

fn strip_emphasis(s: &str) -> &str {
    let mut t = s.trim();
    loop {
        let before = t;
        for (open, close) in [("**", "**"), ("<b>", "</b>"), ("__", "__"), ("*", "*")] {
            if let Some(inner) = t.strip_prefix(open) {
                t = inner.strip_suffix(close).unwrap_or(inner).trim();
            }
        }
        if let Some(inner) = t.strip_suffix("</b>") {
            t = inner.trim();
        }
        if t == before {
            return t;
        }
    }
}

/// `## **标题**` → (Some(2), offset of the content, content). List bullets `- ` count as level 0.
/// `[bookmark: _Toc67471802]` markers that Word exports leave before a heading.
fn strip_bookmarks(s: &str) -> &str {
    let mut t = s;
    while let Some(rest) = t.strip_prefix("[bookmark:") {
        match rest.find(']') {
            Some(end) => t = rest[end + 1..].trim_start(),
            None => break,
        }
    }
    t
}

fn strip_markdown(s: &str) -> (Option<u8>, usize, &str) {
    let without = strip_bookmarks(s);
    let skipped = s.len() - without.len();
    let (level, off, body) = strip_markdown_marks(without);
    (level, off + skipped, body)
}

fn strip_markdown_marks(s: &str) -> (Option<u8>, usize, &str) {
    let hashes = s.len() - s.trim_start_matches('#').len();
    let (level, rest) = if (1..=6).contains(&hashes) && s[hashes..].starts_with([' ', '\t']) {
        (Some(hashes as u8), &s[hashes..])
    } else if let Some(r) = s.strip_prefix("- ").or_else(|| s.strip_prefix("* ")) {
        (None, r)
    } else {
        (None, s)
    };
    let (lead, body) = trim_with_offset(rest);
    let mut off = s.len() - rest.len() + lead;
    let mut body = body;
    for open in ["**", "<b>", "__"] {
        if let Some(inner) = body.strip_prefix(open) {
            off += open.len();
            body = inner;
        }
    }
    for close in ["**", "</b>", "__"] {
        body = body.strip_suffix(close).unwrap_or(body);
    }
    (level, off, body.trim_end())
}

/// A short title without running prose after the marker.
fn is_heading_title(rest: &str) -> bool {
    let t = rest.trim().trim_end_matches(['。', '.', '：', ':']);
    let n = t.chars().count();
    n > 0
        && n <= 40
        && !t.contains(['，', ',', '；', ';', '。'])
        && !t.contains("：")
        && !t.contains("万元")
}

/// A row that numbers the columns under a table's header: its first cell with text is 栏次
/// (行次, 列次), the others empty or whole numbers.
fn numbers_the_columns(row: &Row) -> bool {
    let mut cells = row.cells.iter().filter(|c| !c.text.trim().is_empty());
    let first = cells.next().map(|c| compact(&c.text)).unwrap_or_default();
    matches!(first.as_str(), "栏次" | "行次" | "列次")
        && cells.all(|c| c.number.as_ref().is_some_and(|q| q.decimals == 0))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_first_row_with_an_empty_first_cell_starts_a_tab_table() {
        let doc = crate::parse_text("\t金额\n收入\t100\n支出\t80\n".to_string());
        assert_eq!(doc.tables.len(), 1);
        assert_eq!(doc.tables[0].layout, crate::TableLayout::TabSeparated);
        let widths: Vec<usize> = doc.tables[0].rows.iter().map(|r| r.cells.len()).collect();
        assert_eq!(widths, [2, 2, 2]);
    }

    #[test]
    fn cell_per_line_tables_are_unchanged() {
        let doc = crate::parse_text("\t项目\n\t金额\n\n\t收入\n\t100\n".to_string());
        assert_eq!(doc.tables.len(), 1);
        assert_eq!(doc.tables[0].layout, crate::TableLayout::CellPerLine);
        assert_eq!(doc.tables[0].rows.len(), 2);
    }

    #[test]
    fn the_unit_is_read_after_the_unit_that_drew_the_table_up() {
        let line = "编制单位：某某区某某局          单位：元";
        let (unit, at, len) = super::unit_declaration(line).expect("a unit");
        assert_eq!(unit, crate::Unit::Yuan);
        assert_eq!(&line[at..at + len], "单位：元");
        assert_eq!(super::unit_declaration("编制单位：某某区某某局"), None);
        let doc = crate::parse_text(format!(
            "收支预算总表\n{line}\n项目\t预算数\n收入总计\t1,234.00\n"
        ));
        assert_eq!(doc.tables[0].unit, Some(crate::Unit::Yuan));
    }
}
