//! Small string helpers for the hot paths of the parser and the rules: they run for every label,
//! cell or line, so they avoid the reallocation of `chars().filter().collect()`, allocate nothing
//! when they can borrow, and search short Chinese texts without std's per-window `memcmp`.

use std::borrow::Cow;

/// `s` without the characters `drop` selects: borrowed when there are none (most labels and
/// names), else one allocation of the right size.
pub fn without_chars(s: &str, drop: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !s.chars().any(&drop) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    out.extend(s.chars().filter(|&c| !drop(c)));
    Cow::Owned(out)
}

/// The longest prefix of `s` of at most `max` characters that `keep` accepts.
pub(crate) fn prefix_while(s: &str, max: usize, keep: impl Fn(char) -> bool) -> &str {
    let end = s
        .char_indices()
        .take(max)
        .find(|&(_, c)| !keep(c))
        .map_or_else(
            || s.char_indices().nth(max).map_or(s.len(), |(i, _)| i),
            |(i, _)| i,
        );
    &s[..end]
}

/// The last occurrence of `word` in `hay`. For the short words the parser looks for, finding
/// the first character with `memrchr` and comparing is much cheaper than `str::rfind`, which
/// builds a two-way searcher on every call.
pub(crate) fn rfind_word(hay: &str, word: &str) -> Option<usize> {
    let first = word.chars().next()?;
    hay.rmatch_indices(first)
        .map(|(i, _)| i)
        .find(|&i| hay[i..].starts_with(word))
}

/// `haystack.contains(needle)`, for the short texts rules and the parser look at (a cell, a
/// label, a heading, an indicator's name). std compares every window of a haystack shorter than
/// the needle plus 16 bytes with a `memcmp` call, and on Chinese text, where a handful of lead
/// bytes start every character, that is most of the search. Here a window is compared only when
/// its first and last bytes match; longer haystacks go to std's vectorised search.
pub fn contains(haystack: &str, needle: &str) -> bool {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    if n.len() < 2 || h.len() >= n.len() + 16 {
        return haystack.contains(needle);
    }
    if n.len() > h.len() {
        return false;
    }
    let (first, last, middle) = (n[0], n[n.len() - 1], &n[1..n.len() - 1]);
    h.windows(n.len()).any(|w| {
        w[0] == first
            && w[w.len() - 1] == last
            && w[1..w.len() - 1].iter().zip(middle).all(|(a, b)| a == b)
    })
}

/// [`contains`] for a character.
pub fn contains_char(haystack: &str, c: char) -> bool {
    contains(haystack, c.encode_utf8(&mut [0; 4]))
}

/// Whether `haystack` [`contains`] one of `needles`.
pub fn contains_any(haystack: &str, needles: &[&str]) -> bool {
    needles.iter().any(|n| contains(haystack, n))
}

/// The first of `needles`, in their order, that `haystack` [`contains`].
pub fn first_contained<'n>(haystack: &str, needles: &[&'n str]) -> Option<&'n str> {
    needles.iter().copied().find(|n| contains(haystack, n))
}

/// A page number on a line of its own, as page footers print it: `3`, `- 3 -`, `—3—`, `－ 3 －`, `第3页`, `第 3 页 共 25 页`, `3/25`.
pub fn is_page_number(line: &str) -> bool {
    // Every form starts with a digit or 第 once the blanks and dashes are set aside: the parser
    // asks this of every line, most of which fail here without a copy being made.
    let first = line
        .chars()
        .find(|&c| !(c.is_whitespace() || c == '\u{3000}' || is_page_dash(c)));
    if !first.is_some_and(|c| c.is_ascii_digit() || c == '第') {
        return false;
    }
    let s = without_chars(line, |c| c.is_whitespace() || c == '\u{3000}');
    let inner = s.trim_matches(is_page_dash);
    if !inner.is_empty() && inner.len() <= 3 && inner.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    if let Some(rest) = inner.strip_prefix('第') {
        let digits = rest.trim_start_matches(|c: char| c.is_ascii_digit());
        return digits.len() < rest.len()
            && (digits == "页" || (digits.starts_with("页共") && digits.ends_with('页')));
    }
    let mut parts = inner.split('/');
    matches!((parts.next(), parts.next(), parts.next()), (Some(a), Some(b), None)
        if !a.is_empty() && !b.is_empty() && a.len() <= 4 && b.len() <= 4
            && a.chars().all(|c| c.is_ascii_digit()) && b.chars().all(|c| c.is_ascii_digit()))
}

/// The dashes and dots page footers put around a page number.
fn is_page_dash(c: char) -> bool {
    matches!(c, '-' | '—' | '－' | '–' | '·' | '•')
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn contains_agrees_with_std(hay in "[a合计人员经费。，（）\\s𠀀]{0,40}", needle in "[a合计人员经费。，（）\\s𠀀]{0,6}") {
            proptest::prop_assert_eq!(contains(&hay, &needle), hay.contains(needle.as_str()));
            if let Some(c) = needle.chars().next() {
                proptest::prop_assert_eq!(contains_char(&hay, c), hay.contains(c));
            }
        }
    }

    #[test]
    fn contains_finds_words_at_both_ends_and_not_across_characters() {
        assert!(contains("人员经费", "人员"));
        assert!(contains("人员经费", "经费"));
        assert!(contains("人员经费", "人员经费"));
        assert!(!contains("人员经", "人员经费"));
        // 员 (E5 91 98) and 呕 (E5 91 95): equal first bytes, different last ones.
        assert!(!contains("人呕经费", "人员"));
        assert!(contains_any("公用经费", &["人员", "公用"]));
        assert_eq!(
            first_contained("公用经费支出", &["支出", "公用"]),
            Some("支出")
        );
        assert!(contains("", ""));
        let long = "这是一段超过十六个字节的较长文本，其中提到人员经费和公用经费。";
        assert!(contains(long, "公用经费") && !contains(long, "三公经费"));
    }

    #[test]
    fn rfind_word_finds_the_last_occurrence() {
        for (hay, word) in [
            ("其中a其中b", "其中"),
            ("其他其", "其中"),
            ("", "x"),
            ("abcab", "ab"),
            ("中其中", "其中"),
        ] {
            assert_eq!(rfind_word(hay, word), hay.rfind(word), "{hay} / {word}");
        }
    }

    #[test]
    fn without_chars_copies_or_filters() {
        assert_eq!(without_chars("人员 经费", char::is_whitespace), "人员经费");
        assert_eq!(without_chars("人员经费", char::is_whitespace), "人员经费");
        assert_eq!(without_chars("", char::is_whitespace), "");
    }

    #[test]
    fn prefix_while_stops_at_the_limit_or_the_first_refused_character() {
        assert_eq!(prefix_while("十二、", 4, |c| c != '、'), "十二");
        assert_eq!(prefix_while("12345", 3, |c| c.is_ascii_digit()), "123");
        assert_eq!(prefix_while("123", 3, |c| c.is_ascii_digit()), "123");
        assert_eq!(prefix_while("a", 3, |c| c.is_ascii_digit()), "");
        assert_eq!(prefix_while("", 3, |c| c.is_ascii_digit()), "");
        assert_eq!(
            prefix_while("一二三四五六", usize::MAX, |_| true),
            "一二三四五六"
        );
    }

    #[test]
    fn page_numbers() {
        for s in [
            "3",
            " - 3 - ",
            "—12—",
            "－ 3 －",
            "第3页",
            "第 3 页 共 25 页",
            "3/25",
            "· 第 3 页 ·",
            "\u{3000}— 7 —",
        ] {
            assert!(is_page_number(s), "{s}");
        }
        for s in [
            "2021",
            "一、部门职责",
            "3.5",
            "第三部分",
            "合计",
            "",
            " - - ",
            "/3",
            "页3",
            "三",
        ] {
            assert!(!is_page_number(s), "{s}");
        }
    }
}
