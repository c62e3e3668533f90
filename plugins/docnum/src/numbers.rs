//! Shared helpers: the document numbers of a document and how to write them canonically.

use budgetlint_sdk::model::{BracketStyle as Bracket, DocNumber, Document, Fact, FactKind, Span};
use budgetlint_sdk::TextEdit;
use std::collections::HashMap;

/// A 发文字号 found in the document, with the fact that carries its span.
#[derive(Debug, Clone, Copy)]
pub struct Cited<'a> {
    pub fact: &'a Fact,
    pub num: &'a DocNumber,
}

impl Cited<'_> {
    /// Byte offset where the number starts in the document text.
    pub fn start(&self) -> usize {
        self.fact.span.start as usize
    }
    pub fn end(&self) -> usize {
        self.fact.span.end as usize
    }
    pub fn line(&self) -> u32 {
        self.fact.span.line
    }
    /// True when both numbers name the same year and serial.
    pub fn same_year_and_serial(&self, other: &Cited) -> bool {
        self.num.year == other.num.year && self.num.serial == other.num.serial
    }
}

/// All document numbers, in text order.
pub fn doc_numbers(doc: &Document) -> Vec<Cited<'_>> {
    let mut out: Vec<Cited> = doc
        .facts
        .iter()
        .filter_map(|fact| match &fact.kind {
            FactKind::DocNumber(num) => Some(Cited { fact, num }),
            _ => None,
        })
        .collect();
    out.sort_by_key(|c| c.fact.span.start);
    out
}

/// Characters that, standing alone before the bracket, are a word of the sentence rather than a
/// 机关代字 (“等〔2015〕52号”, “在【2020】…”). The model already cuts 根据/按照/关于 … .
const FUNCTION_CHARS: &str =
    "等在于以按据依照经由为是将对向从及和与或了的号文件见即如并且另又也均各该此其即已";

/// The 机关代字 as a rule should see it: empty when missing or when it is only a function word.
pub fn agency(num: &DocNumber) -> &str {
    let a = num.agency.trim();
    let mut chars = a.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if FUNCTION_CHARS.contains(c) => "",
        _ => a,
    }
}

/// The serial without 第 and leading zeros (`第052` → `52`).
pub fn canonical_serial(num: &DocNumber) -> String {
    let digits = num.serial_text.trim_start_matches('第');
    let trimmed = digits.trim_start_matches('0');
    if trimmed.is_empty() {
        digits.to_string()
    } else {
        trimmed.to_string()
    }
}

/// The year in four digits: the written year when it has four, else the model's expansion.
pub fn full_year(num: &DocNumber) -> String {
    if num.year_text.len() == 4 {
        num.year_text.clone()
    } else {
        num.year.to_string()
    }
}

/// `机关代字〔年份〕序号号` as GB/T 9704-2012 §7.2.5 writes it, with `agency` as the 代字.
pub fn canonical_with(agency: &str, num: &DocNumber) -> String {
    format!("{agency}〔{}〕{}号", full_year(num), canonical_serial(num))
}

/// The bracket pair a number was written with, as it appears in `raw`.
fn written_brackets(raw: &str, agency_len: usize) -> Option<(usize, char, usize, char)> {
    let rest = raw.get(agency_len..)?;
    let open = rest.chars().next()?;
    let open_at = agency_len;
    let after_open = open_at + open.len_utf8();
    let year_len = raw
        .get(after_open..)?
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .count();
    let close_at = after_open + year_len;
    let close = raw.get(close_at..)?.chars().next()?;
    Some((open_at, open, close_at, close))
}

/// Edits that replace the two brackets of `cited` with 〔〕, leaving everything else untouched.
pub fn bracket_edits(cited: &Cited, doc: &Document) -> Option<Vec<TextEdit>> {
    let raw = doc.slice(cited.fact.span);
    // The span covers exactly the raw number; refuse anything unexpected rather than guess.
    if !raw.starts_with(cited.num.agency.as_str()) {
        return None;
    }
    let (open_at, open, close_at, close) = written_brackets(raw, cited.num.agency.len())?;
    if !is_open_bracket(open) || !is_close_bracket(close) {
        return None;
    }
    let base = cited.start() as u32;
    Some(vec![
        TextEdit {
            start: base + open_at as u32,
            end: base + (open_at + open.len_utf8()) as u32,
            replacement: "〔".into(),
        },
        TextEdit {
            start: base + close_at as u32,
            end: base + (close_at + close.len_utf8()) as u32,
            replacement: "〕".into(),
        },
    ])
}

fn is_open_bracket(c: char) -> bool {
    "〔【[［(（﹝〈".contains(c)
}

fn is_close_bracket(c: char) -> bool {
    "〕】]］)）﹞〉".contains(c)
}

/// How a bracket style is called in messages.
pub fn bracket_name(b: Bracket) -> (&'static str, &'static str) {
    match b {
        Bracket::Tortoise => ("六角括号〔〕", "tortoise-shell brackets 〔〕"),
        Bracket::Lenticular => ("方头括号【】", "lenticular brackets 【】"),
        Bracket::Square => ("方括号[]", "square brackets []"),
        Bracket::Paren => ("圆括号()", "parentheses ()"),
        Bracket::Other => ("近似六角括号的符号", "a look-alike of 〔〕"),
    }
}

/// Other numbers with the same year and serial and a longer 代字 that ends with `short`
/// (`冀财社〔2020〕185号` for `社【2020】185号`), in text order, one per 代字. A 代字 that is the
/// tail of another one found (财社 beside 冀财社) is itself a truncation and is left out.
pub fn fuller_forms<'a>(all: &[Cited<'a>], target: &Cited, short: &str) -> Vec<Cited<'a>> {
    let mut out: Vec<Cited<'a>> = Vec::new();
    for other in all {
        let a = agency(other.num);
        if other.start() == target.start()
            || !other.same_year_and_serial(target)
            || a.chars().count() < 2
        {
            continue;
        }
        if a.len() > short.len() && a.ends_with(short) && !out.iter().any(|o| agency(o.num) == a) {
            out.push(*other);
        }
    }
    let longest: Vec<String> = out.iter().map(|c| agency(c.num).to_string()).collect();
    out.retain(|c| {
        let a = agency(c.num);
        !longest.iter().any(|l| l.len() > a.len() && l.ends_with(a))
    });
    out
}

/// The numbers grouped by (year, serial): only numbers of one group can be forms of each other.
pub fn by_year_and_serial<'a>(all: &[Cited<'a>]) -> HashMap<(i32, u32), Vec<Cited<'a>>> {
    let mut groups: HashMap<(i32, u32), Vec<Cited<'a>>> = HashMap::new();
    for c in all {
        groups
            .entry((c.num.year, c.num.serial))
            .or_default()
            .push(*c);
    }
    groups
}

/// The span of `start..end`, counted from a known span `base` that starts at or before `start`
/// (a few characters away, typically on the same line), without indexing the whole text.
pub fn span_from(doc: &Document, base: Span, start: usize, end: usize) -> Span {
    let text = &doc.text;
    let from = (base.start as usize).min(start);
    let mut line = base.line;
    let mut col = base.col;
    let mut utf16 = base.utf16_col;
    let mut pos = |target: usize| {
        for ch in text.get(from..target).unwrap_or("").chars() {
            if ch == '\n' {
                line += 1;
                col = 1;
                utf16 = 0;
            } else {
                col += 1;
                utf16 += ch.len_utf16() as u32;
            }
        }
        (line, col, utf16)
    };
    let (l1, c1, u1) = pos(start);
    let (mut l2, mut c2, mut u2) = (l1, c1, u1);
    for ch in text.get(start..end).unwrap_or("").chars() {
        if ch == '\n' {
            (l2, c2, u2) = (l2 + 1, 1, 0);
        } else {
            (c2, u2) = (c2 + 1, u2 + ch.len_utf16() as u32);
        }
    }
    Span {
        start: start as u32,
        end: end as u32,
        line: l1,
        col: c1,
        end_line: l2,
        end_col: c2,
        utf16_col: u1,
        end_utf16_col: u2,
    }
}
