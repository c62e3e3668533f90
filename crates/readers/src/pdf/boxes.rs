//! Word boxes (`pdftotext -bbox-layout`) to layout text on an even grid.
//!
//! `pdftotext -layout` places each line's words by its own spacing, so the same table column
//! can start at different text columns on two rows (a row with an empty cell is set narrower),
//! and a table rebuilt from its columns comes out wrong. Here every word is placed at the text
//! column of its real x position on one scale for the whole page (half the width of a Chinese
//! character per column, as a monospaced rendering of Chinese text has it), and words are
//! gathered into lines by the centre of their boxes. The result is layout text whose columns
//! agree from row to row, which `layout::normalize` turns into paragraphs and tables.

use crate::layout::{GridCell, GridPlace};
use std::fmt::Write;

/// A word and its box, in PDF points (y grows downwards, as pdftotext writes it).
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub x_min: f64,
    pub y_min: f64,
    pub x_max: f64,
    pub y_max: f64,
    pub text: String,
    /// For the text of a ruled table cell (`ruled.rs`): its place in the table's grid, which
    /// the layout writes the table's rows from. `None` for every other word.
    pub cell: Option<GridPlace>,
}

impl Word {
    pub(super) fn y_centre(&self) -> f64 {
        (self.y_min + self.y_max) / 2.0
    }
}

/// The words of each page of `pdftotext -bbox-layout` output, in the order written.
pub fn parse_pages(xhtml: &str) -> Vec<Vec<Word>> {
    let mut pages: Vec<Vec<Word>> = Vec::new();
    let mut rest = xhtml;
    while let Some(at) = rest.find('<') {
        rest = &rest[at..];
        if rest.starts_with("<page") {
            pages.push(Vec::new());
        } else if rest.starts_with("<word") {
            if let Some((word, after)) = parse_word(rest) {
                if let Some(page) = pages.last_mut() {
                    page.push(word);
                }
                rest = after;
                continue;
            }
        }
        rest = &rest[1..];
    }
    pages
}

/// `<word xMin=".." yMin=".." xMax=".." yMax="..">text</word>` at the start of `s`.
fn parse_word(s: &str) -> Option<(Word, &str)> {
    let tag_end = s.find('>')?;
    let tag = &s[..tag_end];
    let body_end = s[tag_end..].find("</word>")? + tag_end;
    let attr = |name: &str| -> Option<f64> {
        let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        let end = tag[start..].find('"')? + start;
        tag[start..end].parse().ok().filter(|v: &f64| v.is_finite())
    };
    let word = Word {
        x_min: attr("xMin")?,
        y_min: attr("yMin")?,
        x_max: attr("xMax")?,
        y_max: attr("yMax")?,
        text: unescape(&s[tag_end + 1..body_end]),
        cell: None,
    };
    Some((word, &s[body_end + "</word>".len()..]))
}

fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Half the median width of a Chinese character on the page: the width of one text column.
/// Pages without Chinese take a third of the median character width of their words.
fn column_width(words: &[Word]) -> f64 {
    let mut wide: Vec<f64> = Vec::new();
    let mut any: Vec<f64> = Vec::new();
    for w in words {
        let chars = w.text.chars().count().max(1) as f64;
        let width = w.x_max - w.x_min;
        if width <= 0.0 {
            continue;
        }
        any.push(width / chars);
        if w.text.chars().all(crate::layout::is_wide) {
            wide.push(width / chars / 2.0);
        }
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied()
    };
    median(&mut wide)
        .or_else(|| median(&mut any).map(|m| m / 1.5))
        .filter(|w| *w > 0.1)
        .unwrap_or(5.0)
}

/// The words of a page set sideways (a wide table turned a quarter on a portrait page by its
/// content, not by the page's /Rotate, which pdftotext already applies), turned upright: the
/// boxes pdftotext reports are those on the page, so every word of such a page is tall and
/// narrow, and a column of the table would be read as a line. A page is sideways when four in
/// five of its words of two or more characters are more than twice as tall as wide. Which way
/// it is turned: the words of a column or paragraph start at one edge, so the edge that more
/// words share is where they start (the bottom for text read upwards, the usual way).
fn upright(words: &[Word]) -> Option<Vec<Word>> {
    let long: Vec<&Word> = words
        .iter()
        .filter(|w| w.text.chars().count() >= 2)
        .collect();
    let tall = long
        .iter()
        .filter(|w| w.y_max - w.y_min > 2.0 * (w.x_max - w.x_min))
        .count();
    if long.len() < 3 || tall * 5 < long.len() * 4 {
        return None;
    }
    let shared = |edge: &dyn Fn(&Word) -> f64| {
        let mut seen = std::collections::HashMap::new();
        for w in words {
            *seen.entry(edge(w).round() as i64).or_insert(0usize) += 1;
        }
        seen.values().map(|n| n - 1).sum::<usize>()
    };
    let upwards = shared(&|w: &Word| w.y_max) >= shared(&|w: &Word| w.y_min);
    let fold = |a: fn(&Word) -> f64, b: fn(&Word) -> f64| {
        words.iter().map(a).fold(f64::NEG_INFINITY, f64::max)
            + words.iter().map(b).fold(f64::INFINITY, f64::min)
    };
    let turned = if upwards {
        // Read upwards: the page turned clockwise puts the bottom edge on the left.
        let y = fold(|w| w.y_max, |w| w.y_min);
        words
            .iter()
            .map(|w| Word {
                x_min: y - w.y_max,
                x_max: y - w.y_min,
                y_min: w.x_min,
                y_max: w.x_max,
                text: w.text.clone(),
                cell: None,
            })
            .collect()
    } else {
        let x = fold(|w| w.x_max, |w| w.x_min);
        words
            .iter()
            .map(|w| Word {
                x_min: w.y_min,
                x_max: w.y_max,
                y_min: x - w.x_max,
                y_max: x - w.x_min,
                text: w.text.clone(),
                cell: None,
            })
            .collect()
    };
    Some(turned)
}

/// The words of a page as lines of text, each word at the column of its x position.
pub fn render_page(words: &[Word]) -> String {
    let turned = upright(words);
    let words = turned.as_deref().unwrap_or(words);
    render_words(words, column_width(words)).text
}

/// A page rendered as text, with the cells of its ruled tables: for each cell's text, its byte
/// range in `text` and its place in its table's grid, from which `layout::normalize_with_grids`
/// writes the table's rows.
#[derive(Debug, Default)]
pub struct Rendered {
    pub text: String,
    pub cells: Vec<GridCell>,
}

impl Rendered {
    /// A page rendered without ruled tables (OCR, pdftotext's XHTML alone): no cells.
    pub fn unruled(text: String) -> Rendered {
        Rendered {
            text,
            cells: Vec::new(),
        }
    }
}

/// The pages of a document as [`render_page`] renders them, the words of each ruled table
/// cell joined into one and each table row on one line (`ruled.rs`) where the pages' drawn
/// rules are known. A page whose words are set sideways keeps its words as they are (its
/// rules are not turned with them).
pub fn render_pages(
    pages: &[Vec<Word>],
    rules: Option<&[super::rules::PageRules]>,
) -> Vec<Rendered> {
    let turned: Vec<Option<Vec<Word>>> = pages.iter().map(|p| upright(p)).collect();
    let upright_words: Vec<&[Word]> = pages
        .iter()
        .zip(&turned)
        .map(|(p, t)| t.as_deref().unwrap_or(p))
        .collect();
    let units: Vec<f64> = upright_words.iter().map(|w| column_width(w)).collect();
    let ruled: Vec<super::ruled::RuledPage<'_>> = (0..pages.len())
        .map(|i| super::ruled::RuledPage {
            words: upright_words[i],
            rules: rules.filter(|_| turned[i].is_none()).and_then(|r| r.get(i)),
            unit: units[i],
        })
        .collect();
    let merged = super::ruled::merge_cells(&ruled);
    (0..pages.len())
        .map(|i| render_words(merged[i].as_deref().unwrap_or(upright_words[i]), units[i]))
        .collect()
}

/// Words as lines of text on a grid of text columns `unit` points wide.
fn render_words(words: &[Word], unit: f64) -> Rendered {
    let lines = lines(words, unit);
    let shifts = flush_amount_shifts(&lines, unit);
    let mut out = String::new();
    let mut cells = Vec::new();
    for line in lines {
        let mut col = 0usize;
        let mut text = String::new();
        let mut previous_end = f64::NEG_INFINITY;
        let mut previous_text = "";
        for w in line {
            let target = (w.x_min / unit).round().max(0.0) as usize;
            let target = target.saturating_sub(shift_of(&shifts, w, unit));
            // Words keep their order and at least one space between them; a word set closer
            // than its predecessor's width allows moves right (it cannot overlap). Words set
            // apart by an ordinary space stay one phrase (one space), whatever the rounding.
            // Between Chinese and a number (`2021 年`, the gap a word processor sets between
            // Asian and Western text) the space is written only while the line is behind its
            // place on the page: a space takes a whole column but the gap is about half of
            // one, and narrow glyphs (`“`) set full width take one column for two, so without
            // this a line's end drifts columns away from the margin and a wrap is not seen.
            let pad = if text.is_empty() {
                target
            } else if cells_meet(previous_text, &w.text) {
                target.saturating_sub(col).max(2)
            } else if w.x_min - previous_end < 1.5 * unit {
                let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
                let words_apart = latin(text.chars().next_back()) && latin(w.text.chars().next());
                usize::from(words_apart || target > col)
            } else {
                target.saturating_sub(col).max(2)
            };
            previous_end = w.x_max;
            previous_text = &w.text;
            // Bounded: a hostile x coordinate must not make a line of millions of spaces.
            let pad = pad.min(2000);
            text.extend(std::iter::repeat_n(' ', pad));
            if let Some(place) = w.cell {
                let start = out.len() + text.len();
                cells.push(GridCell {
                    text: start..start + w.text.len(),
                    place,
                });
            }
            text.push_str(&w.text);
            col += pad + w.text.chars().map(crate::layout::width).sum::<usize>();
        }
        let _ = writeln!(out, "{text}");
    }
    Rendered { text: out, cells }
}

/// How far left to set the amounts of each column whose amounts touch the next cell's label
/// (see [`cells_meet`]): (right edge on the page, columns). An amount set from its left edge
/// ends a column or two past where its neighbour's label starts, so the label of such a row
/// would start further right than the same column's label on a row whose amount is empty,
/// and no gutter would be left between the two columns. Every amount that ends at that right
/// edge moves by the same distance (the total row's too), so the column stays one column.
fn flush_amount_shifts(lines: &[Vec<&Word>], unit: f64) -> Vec<(f64, usize)> {
    let mut out: Vec<(f64, usize)> = Vec::new();
    for pair in lines.iter().flat_map(|l| l.windows(2)) {
        let (amount, label) = (pair[0], pair[1]);
        if !cells_meet(&amount.text, &label.text) {
            continue;
        }
        let start = (amount.x_min / unit).round().max(0.0) as usize;
        let end = start + amount.text.chars().map(crate::layout::width).sum::<usize>();
        let wanted = ((label.x_min / unit).round().max(0.0) as usize).saturating_sub(2);
        let shift = end.saturating_sub(wanted).min(start);
        match out
            .iter_mut()
            .find(|(x, _)| (x - amount.x_max).abs() < unit)
        {
            Some(seen) => seen.1 = seen.1.max(shift),
            None => out.push((amount.x_max, shift)),
        }
    }
    out
}

/// The shift of `w` when it is an amount ending where amounts that touch their neighbour end.
fn shift_of(shifts: &[(f64, usize)], w: &Word, unit: f64) -> usize {
    if !crate::layout::is_number(&w.text) {
        return 0;
    }
    shifts
        .iter()
        .find(|(x, _)| (x - w.x_max).abs() < unit)
        .map_or(0, |s| s.1)
}

/// Whether a word and the next are two table cells that touch: an amount set flush right in
/// its cell and a numbered label flush left in the next (`96,282,213.44一、公共安全支出` in the
/// side-by-side 收入/支出 halves of a 收支总表 as WPS sets it). They get the gap of two cells,
/// not of a phrase. Prose never has an amount and then a new item without punctuation between.
fn cells_meet(before: &str, after: &str) -> bool {
    before.contains('.')
        && crate::layout::is_number(before)
        && !after.starts_with('第')
        && crate::layout::starts_item(after)
}

/// Words grouped into lines: a word joins the line above when its centre is within 0.7 of a
/// character height of that line's first word (their boxes overlap by more than a third), so
/// the cells of one table row stay one line even when one is set a little higher (a code
/// centred in a merged cell), while lines of prose, at least 1.2 character heights apart, do
/// not merge. The character height is the width of a Chinese character (`2 × unit`): the box
/// heights pdftotext reports are often much smaller than the glyphs.
fn lines(words: &[Word], unit: f64) -> Vec<Vec<&Word>> {
    let mut sorted: Vec<&Word> = words.iter().filter(|w| !w.text.trim().is_empty()).collect();
    sorted.sort_by(|a, b| {
        a.y_centre()
            .total_cmp(&b.y_centre())
            .then(a.x_min.total_cmp(&b.x_min))
    });
    let tolerance = 0.7 * 2.0 * unit;
    let mut out: Vec<Vec<&Word>> = Vec::new();
    let mut centre = f64::NEG_INFINITY;
    for w in sorted {
        if (w.y_centre() - centre).abs() > tolerance || out.is_empty() {
            out.push(Vec::new());
            centre = w.y_centre();
        }
        out.last_mut().expect("a line was pushed").push(w);
    }
    for line in &mut out {
        line.sort_by(|a, b| a.x_min.total_cmp(&b.x_min));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(x: f64, y: f64, text: &str) -> Word {
        let wide = text.chars().filter(|c| crate::layout::is_wide(*c)).count() as f64;
        let narrow = text.chars().count() as f64 - wide;
        Word {
            x_min: x,
            y_min: y,
            x_max: x + 10.0 * wide + 5.0 * narrow,
            y_max: y + 3.0,
            text: text.into(),
            cell: None,
        }
    }

    #[test]
    fn words_are_parsed_with_their_boxes_and_entities() {
        let xhtml = r#"<doc><page width="842" height="595"><flow><block><line>
          <word xMin="381.0" yMin="100.3" xMax="461.0" yMax="104.4">收入&amp;决算表</word>
          </line></block></flow></page><page width="842" height="595"></page></doc>"#;
        let pages = parse_pages(xhtml);
        assert_eq!(pages.len(), 2);
        assert_eq!(
            pages[0],
            vec![Word {
                x_min: 381.0,
                y_min: 100.3,
                x_max: 461.0,
                y_max: 104.4,
                text: "收入&决算表".into(),
                cell: None,
            }]
        );
        assert!(pages[1].is_empty());
    }

    #[test]
    fn columns_agree_from_row_to_row_whatever_the_row_holds() {
        // A row with an empty name cell: its values still start where the other rows' do.
        let words = vec![
            word(50.0, 100.0, "201"),
            word(100.0, 100.0, "一般公共服务支出"),
            word(300.0, 100.0, "2,112.86"),
            word(50.0, 110.0, "208"),
            word(300.0, 110.0, "160.75"),
        ];
        let text = render_page(&words);
        let lines: Vec<&str> = text.lines().collect();
        let col = |line: &str, word: &str| {
            line[..line.find(word).unwrap()]
                .chars()
                .map(crate::layout::width)
                .sum::<usize>()
        };
        assert_eq!(col(lines[0], "2,112.86"), col(lines[1], "160.75"), "{text}");
    }

    #[test]
    fn a_line_of_chinese_and_numbers_ends_where_it_ends_on_the_page() {
        // Boxes as LibreOffice sets a 10 pt line: a gap of about a quarter of a character
        // between Chinese and numbers. Each such space written as a column would put the end
        // of the line two columns right of its place (55 instead of 53).
        let w = |x_min: f64, x_max: f64, text: &str| Word {
            x_min,
            y_min: 100.0,
            x_max,
            y_max: 110.0,
            text: text.into(),
            cell: None,
        };
        let words = vec![
            w(42.6, 132.6, "西工区社会保险中心"),
            w(135.2, 157.2, "2021"),
            w(159.9, 209.9, "年收入总计"),
            w(212.5, 242.69, "461.84"),
            w(245.3, 265.3, "万元"),
        ];
        let text = render_page(&words);
        let line = text.trim_end();
        assert_eq!(
            line.trim_start(),
            "西工区社会保险中心2021 年收入总计 461.84万元"
        );
        assert_eq!(
            line.chars().map(crate::layout::width).sum::<usize>(),
            (265.3f64 / 5.0).round() as usize
        );
        // Latin words keep their space.
        let latin = render_page(&[w(50.0, 70.0, "Total"), w(72.5, 90.0, "Basic")]);
        assert_eq!(latin.trim(), "Total Basic");
    }

    #[test]
    fn an_amount_and_the_numbered_label_of_the_next_cell_stay_apart() {
        let w = |x_min: f64, x_max: f64, text: &str| Word {
            x_min,
            y_min: 100.0,
            x_max,
            y_max: 110.0,
            text: text.into(),
            cell: None,
        };
        // The amount ends where the next cell's label begins.
        let words = vec![
            w(40.0, 80.0, "一、一般公共预算"),
            w(150.0, 200.0, "96,282,213.44"),
            w(200.5, 260.0, "一、公共安全支出"),
            w(300.0, 350.0, "87,267,272.44"),
        ];
        let text = render_page(&words);
        assert!(text.contains("96,282,213.44  "), "{text}");
        // A row whose amount is empty starts its label in the same column.
        let mut two_rows = words.clone();
        two_rows.push(Word {
            y_min: 130.0,
            y_max: 140.0,
            ..w(200.5, 260.0, "二、外交支出")
        });
        let text = render_page(&two_rows);
        let lines: Vec<&str> = text.lines().collect();
        let col = |line: &str, word: &str| {
            line[..line.find(word).unwrap()]
                .chars()
                .map(crate::layout::width)
                .sum::<usize>()
        };
        assert_eq!(
            col(lines[0], "一、公共安全支出"),
            col(lines[1], "二、外交支出"),
            "{text}"
        );
        // A figure and its unit in prose stay one phrase.
        let prose = render_page(&[w(40.0, 70.0, "461.84"), w(70.5, 90.0, "万元")]);
        assert_eq!(prose.trim(), "461.84万元");
    }

    #[test]
    fn hostile_coordinates_stay_bounded() {
        let words = vec![
            word(1e12, 5.0, "a"),
            word(-1e12, 5.0, "b"),
            word(f64::MAX, 5.0, "c"),
        ];
        assert!(render_page(&words).len() < 10_000);
    }
}
