//! Small string helpers for the parser's hot paths: they run for every label, cell or line, so
//! they avoid the reallocation of `chars().filter().collect()` and allocate nothing when they can
//! borrow.

use std::borrow::Cow;

/// `s` without the characters `drop` selects: borrowed when there are none (most labels and
/// names), else one allocation of the right size.
pub(crate) fn without_chars(s: &str, drop: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !s.chars().any(&drop) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    out.extend(s.chars().filter(|&c| !drop(c)));
    Cow::Owned(out)
}

/// The longest prefix of `s` of at most `max` characters that `keep` accepts.
pub(crate) fn prefix_while(s: &str, max: usize, keep: impl Fn(char) -> bool) -> &str {
    let end = s.char_indices().take(max).find(|&(_, c)| !keep(c)).map_or_else(|| s.char_indices().nth(max).map_or(s.len(), |(i, _)| i), |(i, _)| i);
    &s[..end]
}

/// The last occurrence of `word` in `hay`. For the short words the parser looks for, finding
/// the first character with `memrchr` and comparing is much cheaper than `str::rfind`, which
/// builds a two-way searcher on every call.
pub(crate) fn rfind_word(hay: &str, word: &str) -> Option<usize> {
    let first = word.chars().next()?;
    hay.rmatch_indices(first).map(|(i, _)| i).find(|&i| hay[i..].starts_with(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfind_word_finds_the_last_occurrence() {
        for (hay, word) in [("其中a其中b", "其中"), ("其他其", "其中"), ("", "x"), ("abcab", "ab"), ("中其中", "其中")] {
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
        assert_eq!(prefix_while("一二三四五六", usize::MAX, |_| true), "一二三四五六");
    }
}
