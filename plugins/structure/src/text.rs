//! Text helpers shared by the rules: compacting titles so spellings compare, character bigram
//! similarity and an edit distance that tolerates a longer text around a shorter one.
//!
//! Not `strsim`: its measures compare two strings in O(n·m) and allocate per call, while the
//! duplicate rules compare each paragraph with many others and must stay linear; the bigram sets
//! here are hashed once per paragraph and prefiltered with bit masks.

use budgetlint_sdk::Span;

/// Removes what does not change a title's meaning: white space, Markdown and HTML decoration,
/// Word bookmarks, quotes, punctuation, TOC leader dots and page numbers; normalises brackets to
/// the ASCII form. Years (`2021年`, `2021年度`, `（2021年）`) are dropped too, so
/// `2021年部门收入总体情况表` and `部门收入总体情况表` compare equal.
pub fn compact_title(raw: &str) -> String {
    let stripped = strip_markup(raw);
    let unspaced = rewrite(&stripped, &WHITE_SPACE_LEADS, |c| {
        c.is_whitespace().then_some("")
    });
    // Years go before the punctuation does, so that `附表1：2021年…` keeps its `1`.
    let cleaned = drop_years(&unspaced);
    let mut out = rewrite(&cleaned, &TITLE_LEADS, title_char).into_owned();
    if out.contains("()") {
        out = out.replace("()", "");
    }
    let kept = trim_page_number(&out).len();
    out.truncate(kept);
    out
}

/// What [`compact_title`] makes of a character: brackets in the ASCII form, `""` for what it drops.
fn title_char(c: char) -> Option<&'static str> {
    match c {
        '（' | '(' | '〔' | '［' | '[' => Some("("),
        '）' | ')' | '〕' | '］' | ']' => Some(")"),
        c if is_ignorable(c) => Some(""),
        _ => None,
    }
}

/// What [`compact_prose`] makes of a character: `""` for what it drops.
fn prose_char(c: char) -> Option<&'static str> {
    match c {
        c if c.is_whitespace() || matches!(c, '*' | '“' | '”' | '"' | '‘' | '’') => {
            Some("")
        }
        '(' => Some("（"),
        ')' => Some("）"),
        ',' => Some("，"),
        ':' => Some("："),
        ';' => Some("；"),
        _ => None,
    }
}

/// First bytes of the UTF-8 characters a [`rewrite`] may change.
struct Leads([bool; 256]);

impl Leads {
    const fn of(bytes: &[u8]) -> Leads {
        let mut table = [false; 256];
        let mut i = 0;
        while i < bytes.len() {
            table[bytes[i] as usize] = true;
            i += 1;
        }
        Leads(table)
    }
}

/// The first bytes of every white-space character: ASCII controls and space, C2 (U+0085,
/// U+00A0), E1 (U+1680), E2 (U+2000–U+205F) and E3 (U+3000).
const WHITE_SPACE_LEADS: Leads = Leads::of(b"\t\n\x0b\x0c\r \xc2\xe1\xe2\xe3");
const PROSE_LEADS: Leads = Leads::of(b"\t\n\x0b\x0c\r *\"(),:;\xc2\xe1\xe2\xe3");
/// Adds EF for the full-width forms (（）［］，：；．).
const TITLE_LEADS: Leads = Leads::of(b"\t\n\x0b\x0c\r *#\"'(),.:;<>[]_|-\xc2\xe1\xe2\xe3\xef");

/// `text` with each character `map` replaces by its replacement (`""` drops it), borrowed when
/// none is. Only characters whose first byte is in `leads` are decoded and given to `map`; runs
/// of other bytes — Han characters (E4–E9) among them — are copied whole. So `leads` must hold
/// the first byte of every character `map` changes (tested for each map).
fn rewrite<'a>(
    text: &'a str,
    leads: &Leads,
    map: impl Fn(char) -> Option<&'static str>,
) -> std::borrow::Cow<'a, str> {
    let bytes = text.as_bytes();
    let mut out = String::new();
    let mut kept_from = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !leads.0[bytes[i] as usize] {
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        if let Some(replacement) = map(c).filter(|r| !r.starts_with(c) || r.len() != c.len_utf8()) {
            out.reserve(text.len() - kept_from);
            out.push_str(&text[kept_from..i]);
            out.push_str(replacement);
            kept_from = i + c.len_utf8();
        }
        i += c.len_utf8();
    }
    if kept_from == 0 {
        return std::borrow::Cow::Borrowed(text);
    }
    out.push_str(&text[kept_from..]);
    std::borrow::Cow::Owned(out)
}

/// Like [`compact_title`] and also drops the issuer's name (`西工区社会保险中心概况` → `概况`),
/// given as [`compact_issuer`] made it.
pub fn compact_title_without(raw: &str, issuer: Option<&str>) -> String {
    let mut t = compact_title(raw);
    if let Some(name) = issuer {
        t = t.replace(name, "");
    }
    t
}

/// The issuer's name as [`compact_title_without`] removes it: compacted, and only when it has
/// at least two characters.
pub fn compact_issuer(issuer: Option<&str>) -> Option<String> {
    issuer.map(compact_title).filter(|n| n.chars().count() >= 2)
}

/// Text for similarity: no white space, decoration or quotes, full-width brackets kept apart
/// from ASCII ones (they are the same words, so they are normalised), punctuation kept.
pub fn compact_prose(raw: &str) -> String {
    rewrite(&strip_markup(raw), &PROSE_LEADS, prose_char).into_owned()
}

/// Removes `[bookmark: …]` markers and `<…>` tags (borrowed when there are none, as in most
/// paragraphs).
fn strip_markup(raw: &str) -> std::borrow::Cow<'_, str> {
    // Both are ASCII, so a byte test is exact and spares decoding every character.
    let opens = |b: &u8| *b == b'[' || *b == b'<';
    if !raw.as_bytes().iter().any(opens) {
        return std::borrow::Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.as_bytes().iter().position(opens) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let close = if tail.starts_with("[bookmark:") {
            tail.find(']')
        } else if tail.starts_with('<') {
            tail.find('>').filter(|&j| {
                j <= 12
                    && tail[1..j]
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '/')
            })
        } else {
            None
        };
        match close {
            Some(j) => rest = &tail[j + 1..],
            None => {
                let ch_len = tail.chars().next().map(char::len_utf8).unwrap_or(1);
                out.push_str(&tail[..ch_len]);
                rest = &tail[ch_len..];
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

fn is_ignorable(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '*' | '#'
                | '“'
                | '”'
                | '"'
                | '‘'
                | '’'
                | '\''
                | '，'
                | ','
                | '。'
                | '：'
                | ':'
                | '；'
                | ';'
                | '、'
                | '.'
                | '．'
                | '…'
                | '·'
                | '-'
                | '—'
                | '_'
                | '\u{3000}'
                | '<'
                | '>'
                | '《'
                | '》'
                | '|'
        )
}

/// Drops `2021年度`, `2021年` and `2021` followed by 年 after optional spaces (already removed).
fn drop_years(s: &str) -> std::borrow::Cow<'_, str> {
    if !budgetlint_sdk::model::text::contains_char(s, '年') {
        return std::borrow::Cow::Borrowed(s);
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let is_year = i + 4 < chars.len()
            && chars[i..i + 4].iter().all(|c| c.is_ascii_digit())
            && chars[i + 4] == '年'
            && (i == 0 || !chars[i - 1].is_ascii_digit());
        if is_year {
            i += 5;
            if chars.get(i) == Some(&'度') {
                i += 1;
            }
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    std::borrow::Cow::Owned(out)
}

/// A trailing page number left by a TOC line (`概况2`).
fn trim_page_number(s: &str) -> &str {
    let trimmed = s.trim_end_matches(|c: char| c.is_ascii_digit());
    if trimmed.chars().count() >= 2 {
        trimmed
    } else {
        s
    }
}

/// The span of `start..end` found from a known span `anchor` that starts at or before it, by
/// counting lines and characters in between (cheaper than indexing the whole document).
pub fn span_after(text: &str, anchor: Span, start: usize, end: usize) -> Span {
    let (line, col, utf16_col) = position_after(text, anchor, start);
    let (end_line, end_col, end_utf16_col) = position_after(text, anchor, end.max(start));
    Span {
        start: start as u32,
        end: end.max(start) as u32,
        line,
        col,
        end_line,
        end_col,
        utf16_col,
        end_utf16_col,
    }
}

fn position_after(text: &str, anchor: Span, offset: usize) -> (u32, u32, u32) {
    let from = anchor.start as usize;
    let Some(between) = text.get(from..offset.max(from)) else {
        return (anchor.line, anchor.col, anchor.utf16_col);
    };
    match between.rfind('\n') {
        None => {
            let chars = between.chars().count() as u32;
            let units = between.chars().map(|c| c.len_utf16() as u32).sum::<u32>();
            (anchor.line, anchor.col + chars, anchor.utf16_col + units)
        }
        Some(nl) => {
            let lines = between.bytes().filter(|&b| b == b'\n').count() as u32;
            let tail = &between[nl + 1..];
            let units = tail.chars().map(|c| c.len_utf16() as u32).sum::<u32>();
            (anchor.line + lines, tail.chars().count() as u32 + 1, units)
        }
    }
}

/// The character bigrams of text split into characters, sorted and without repeats, each packed
/// into a `u64`.
pub fn bigrams_of(chars: &[char]) -> Vec<u64> {
    let mut grams: Vec<u64> = chars
        .windows(2)
        .map(|w| ((w[0] as u64) << 32) | w[1] as u64)
        .collect();
    grams.sort_unstable();
    grams.dedup();
    grams
}

/// A 512-bit set of bigrams (by hash), for a cheap upper bound of [`shared`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GramBits([u64; 8]);

impl GramBits {
    pub fn of(grams: &[u64]) -> GramBits {
        let mut bits = [0u64; 8];
        for g in grams {
            let h = (g.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 55) as usize;
            bits[h >> 6] |= 1 << (h & 63);
        }
        GramBits(bits)
    }
}

/// An upper bound of `shared(a, b)` from the bit sets: each bit of `a` that `b` lacks stands
/// for at least one bigram of `a` that `b` lacks. A few word operations instead of a merge,
/// so that pairs of unrelated paragraphs are dismissed cheaply.
pub fn shared_at_most(a: &[u64], a_bits: GramBits, b_bits: GramBits) -> usize {
    let missing: u32 = a_bits
        .0
        .iter()
        .zip(&b_bits.0)
        .map(|(x, y)| (x & !y).count_ones())
        .sum();
    a.len().saturating_sub(missing as usize)
}

/// How many bigrams two sorted bigram lists share.
pub fn shared(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The Sørensen–Dice coefficient of two bigram lists.
pub fn dice(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    2.0 * shared(a, b) as f64 / (a.len() + b.len()) as f64
}

/// The fewest insertions, deletions and substitutions that turn `short` into some substring of
/// `long` (semi-global alignment: the ends of `long` are free).
pub fn infix_distance(short: &[char], long: &[char]) -> usize {
    let mut prev: Vec<usize> = vec![0; long.len() + 1];
    let mut cur: Vec<usize> = vec![0; long.len() + 1];
    for (i, &a) in short.iter().enumerate() {
        cur[0] = i + 1;
        for (j, &b) in long.iter().enumerate() {
            let substitute = prev[j] + usize::from(a != b);
            cur[j + 1] = substitute.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.iter().copied().min().unwrap_or(short.len())
}

/// Length of the longest common subsequence of two char slices.
pub fn lcs_len(a: &[char], b: &[char]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for &x in a {
        for (j, &y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                prev[j + 1].max(cur[j])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Strips a leading list marker (`1.`, `2、`, `（三）`, `(4)`) from an item's text.
pub fn strip_leading_marker(s: &str) -> &str {
    let t = s.trim_start();
    let mut chars = t.char_indices().peekable();
    let mut end = 0;
    let open = matches!(t.chars().next(), Some('（' | '('));
    if open {
        chars.next();
    }
    let mut saw_digit = false;
    while let Some(&(i, c)) = chars.peek() {
        if c.is_ascii_digit() || "一二三四五六七八九十".contains(c) {
            saw_digit = true;
            end = i + c.len_utf8();
            chars.next();
        } else {
            break;
        }
    }
    if !saw_digit {
        return t;
    }
    match chars.peek() {
        Some(&(i, c)) if open && matches!(c, '）' | ')') => t[i + c.len_utf8()..].trim_start(),
        Some(&(i, c)) if !open && matches!(c, '.' | '．' | '、') => {
            t[i + c.len_utf8()..].trim_start()
        }
        _ => {
            let _ = end;
            t
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bigrams(s: &str) -> Vec<u64> {
        bigrams_of(&s.chars().collect::<Vec<char>>())
    }

    /// [`compact_prose`] character by character, as first written.
    fn compact_prose_by_chars(raw: &str) -> String {
        let mut out = String::new();
        for c in strip_markup(raw).chars() {
            match c {
                c if c.is_whitespace()
                    || matches!(c, '*' | '“' | '”' | '"' | '‘' | '’' | '\u{3000}') => {}
                '(' => out.push('（'),
                ')' => out.push('）'),
                ',' => out.push('，'),
                ':' => out.push('：'),
                ';' => out.push('；'),
                c => out.push(c),
            }
        }
        out
    }

    #[test]
    fn every_character_a_rewrite_changes_starts_with_one_of_its_leads() {
        type CharMap = fn(char) -> Option<&'static str>;
        let maps: [(&str, &Leads, CharMap); 3] = [
            ("white space", &WHITE_SPACE_LEADS, |c| {
                c.is_whitespace().then_some("")
            }),
            ("prose", &PROSE_LEADS, prose_char),
            ("title", &TITLE_LEADS, title_char),
        ];
        for (name, leads, map) in maps {
            for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
                let changed = map(c).is_some_and(|r| r != c.encode_utf8(&mut [0; 4]));
                let mut first = [0; 4];
                c.encode_utf8(&mut first);
                assert!(
                    !changed || leads.0[first[0] as usize],
                    "{name}: {c:?} (U+{:04X}) is changed but its lead byte is missing",
                    c as u32
                );
            }
        }
    }

    /// [`compact_title`] character by character, as first written.
    fn compact_title_by_chars(raw: &str) -> String {
        let cleaned: String = strip_markup(raw)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let cleaned = drop_years(&cleaned);
        let mut out = String::new();
        for c in cleaned.chars() {
            match c {
                '（' | '(' | '〔' | '［' | '[' => out.push('('),
                '）' | ')' | '〕' | '］' | ']' => out.push(')'),
                c if is_ignorable(c) => {}
                c => out.push(c),
            }
        }
        trim_page_number(&out.replace("()", "")).to_string()
    }

    #[test]
    fn compacting_agrees_with_the_character_definitions() {
        let samples = [
            "（一）收入 预算：“三公”经费*合计*, 共计(10万元);\u{3000}见下表",
            "\u{a0}\u{85}\u{1680}\u{2003}\u{2028}\u{202f}\u{205f}‘引’—…€①ⅰ𠀀 [bookmark: _x]<b>粗</b>",
            "",
            "\t\n\r\u{b}\u{c}",
        ];
        for text in samples {
            assert_eq!(
                compact_prose(text),
                compact_prose_by_chars(text),
                "{text:?}"
            );
            assert_eq!(
                compact_title(text),
                compact_title_by_chars(text),
                "{text:?}"
            );
        }
        for (_, doc) in budgetlint_sdk::testing::seed_documents(env!("CARGO_MANIFEST_DIR")) {
            for line in doc.text.lines() {
                assert_eq!(
                    compact_prose(line),
                    compact_prose_by_chars(line),
                    "{line:?}"
                );
                assert_eq!(
                    compact_title(line),
                    compact_title_by_chars(line),
                    "{line:?}"
                );
            }
        }
    }

    #[test]
    fn titles_compare_without_years_markup_and_punctuation() {
        assert_eq!(
            compact_title("2021年部门收入总体情况表"),
            "部门收入总体情况表"
        );
        assert_eq!(
            compact_title("<b>第一部分 概况</b> .....\t2"),
            "第一部分概况"
        );
        assert_eq!(
            compact_title("一般公共预算“三公”经费支出情况表"),
            "一般公共预算三公经费支出情况表"
        );
        assert_eq!(compact_title("（ 2021 年）"), "");
        assert_eq!(
            compact_title("支出预算分类汇总表（按支出经济分类）"),
            "支出预算分类汇总表(按支出经济分类)"
        );
        assert_eq!(
            compact_title("[bookmark: _Toc1]1.社保工作经费绩效目标表"),
            "1社保工作经费绩效目标表"
        );
        assert_eq!(
            compact_title("附表1：2021年部门收支总体情况表"),
            "附表1部门收支总体情况表"
        );
        assert_eq!(compact_title("2021 年度部门决算"), "部门决算");
    }

    #[test]
    fn issuer_is_dropped() {
        assert_eq!(
            compact_title_without(
                "西工区社会保险中心概况",
                compact_issuer(Some("西工区 社会保险中心")).as_deref()
            ),
            "概况"
        );
        assert_eq!(compact_issuer(Some("局")), None);
    }

    #[test]
    fn infix_distance_ignores_the_surrounding_text() {
        let short: Vec<char> = "abcd".chars().collect();
        let long: Vec<char> = "xxabzdyy".chars().collect();
        assert_eq!(infix_distance(&short, &long), 1);
    }

    #[test]
    fn the_bit_bound_never_undercounts() {
        let texts = [
            "本部门主要职责是负责全市社会保险",
            "负责全市社会保险经办工作",
            "完全无关的文字内容",
            "本部门主要职责是负责全市社会保险经办",
            "",
        ];
        for a in texts {
            for b in texts {
                let (ga, gb) = (bigrams(a), bigrams(b));
                assert!(
                    shared_at_most(&ga, GramBits::of(&ga), GramBits::of(&gb)) >= shared(&ga, &gb),
                    "{a} / {b}"
                );
            }
        }
    }

    #[test]
    fn markers_are_stripped() {
        assert_eq!(strip_leading_marker("2.通过项目"), "通过项目");
        assert_eq!(strip_leading_marker("（三）一般"), "一般");
        assert_eq!(strip_leading_marker("2021年12月"), "2021年12月");
        assert_eq!(strip_leading_marker("12、负责"), "负责");
    }

    #[test]
    fn spans_are_counted_from_an_anchor() {
        let text = "甲乙\n丙丁戊\n己";
        let index = budgetlint_sdk::model::LineIndex::new(text);
        let anchor = index.span(text, 3, 6);
        for (s, e) in [(3, 6), (7, 13), (13, 16), (10, 20), (17, 20)] {
            assert_eq!(
                span_after(text, anchor, s, e),
                index.span(text, s, e),
                "{s}..{e}"
            );
        }
    }

    #[test]
    fn dice_of_identical_texts_is_one() {
        let a = bigrams("一般公共预算");
        assert!((dice(&a, &a) - 1.0).abs() < 1e-9);
    }
}
