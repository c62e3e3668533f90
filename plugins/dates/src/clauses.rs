//! Reading the text around a fact: its sentence, what comes right before and after it.

use budgetlint_sdk::model::{Document, Fact, FactKind};

/// Characters that end a sentence (or a table cell, which is a sentence of its own).
const SENTENCE_END: &[char] = &['。', '；', ';', '！', '？', '\n', '\t'];

/// The sentence containing the byte range `start..end` of `text`: its start and text.
pub fn sentence(text: &str, start: usize, end: usize) -> (usize, &str) {
    let from = text
        .get(..start)
        .and_then(|b| b.rfind(SENTENCE_END).map(|p| p + char_len(b, p)))
        .unwrap_or(0);
    let to = text
        .get(end..)
        .and_then(|a| a.find(SENTENCE_END))
        .map_or(text.len(), |p| end + p);
    (from, text.get(from..to).unwrap_or(""))
}

fn char_len(s: &str, at: usize) -> usize {
    s[at..].chars().next().map_or(1, char::len_utf8)
}

/// The text right after a fact, up to `max` bytes (clamped to a char boundary).
pub fn after<'a>(doc: &'a Document, fact: &Fact, max: usize) -> &'a str {
    let start = fact.span.end as usize;
    let mut end = (start + max).min(doc.text.len());
    while !doc.text.is_char_boundary(end) {
        end -= 1;
    }
    doc.text.get(start..end).unwrap_or("")
}

/// The text right before a fact, from the start of its sentence.
pub fn before_in_sentence<'a>(doc: &'a Document, fact: &Fact) -> &'a str {
    let (from, _) = sentence(&doc.text, fact.span.start as usize, fact.span.end as usize);
    doc.text.get(from..fact.span.start as usize).unwrap_or("")
}

/// Words that make a sentence a comparison with another period, where an older year is
/// expected (比上年, 较2020年, 与2020年相比, 增长, 持平 …).
const COMPARISON_WORDS: &[&str] = &[
    "比上年",
    "比去年",
    "较上年",
    "较去年",
    "同比",
    "相比",
    "对比",
    "增加",
    "减少",
    "增长",
    "下降",
    "持平",
    "增幅",
    "降幅",
    "上年",
    "去年",
    "上一年",
    "决算",
    "执行数",
    "实际",
];

/// Characters that, right before a year, make it a reference point (较2020年, 自2018年起).
const REFERENCE_MARKERS: &[char] = &[
    '比', '较', '与', '同', '自', '从', '至', '到', '于', '截', '止', '前', '后',
];

/// True when the sentence compares periods or the year is introduced as a reference point.
pub fn is_comparison(sentence: &str, before_year: &str) -> bool {
    COMPARISON_WORDS.iter().any(|w| sentence.contains(w))
        || before_year
            .trim_end()
            .chars()
            .next_back()
            .is_some_and(|c| REFERENCE_MARKERS.contains(&c))
}

/// True when `at` lies inside a 《title》 (a cited regulation carries its own year).
pub fn inside_title(text: &str, at: usize) -> bool {
    let before = text.get(..at).unwrap_or("");
    // Titles do not span lines; looking at the current line keeps this cheap.
    let before = before.rfind('\n').map_or(before, |p| &before[p + 1..]);
    match (before.rfind('《'), before.rfind('》')) {
        (Some(open), Some(close)) => open > close,
        (Some(_), None) => true,
        _ => false,
    }
}

/// The year of a Year or Date fact.
pub fn year_of(fact: &Fact) -> Option<i32> {
    match fact.kind {
        FactKind::Year { year } | FactKind::Date { year, .. } => Some(year),
        _ => None,
    }
}
