//! Ordinal markers: 第一部分, 一、, （一）, 1、, 1., （1）.

use crate::doc::NumberingStyle;
use crate::number::{is_chinese_numeral_char, parse_chinese_numeral};
use crate::text::prefix_while;

/// A marker at the start of a string: style, ordinal, byte length (including trailing spaces),
/// whether it was written with half-width brackets or dot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    pub style: NumberingStyle,
    pub ordinal: u32,
    pub len: usize,
    pub half_width: bool,
}

pub fn scan_marker(s: &str) -> Option<Marker> {
    let marker = part(s)
        .or_else(|| paren(s))
        .or_else(|| chinese_comma(s))
        .or_else(|| arabic(s))?;
    let rest = &s[marker.len..];
    let spaces = rest.len() - rest.trim_start_matches([' ', '\u{3000}', '\t']).len();
    Some(Marker {
        len: marker.len + spaces,
        ..marker
    })
}

fn part(s: &str) -> Option<Marker> {
    let rest = s.strip_prefix('第')?;
    let digits = prefix_while(rest, usize::MAX, is_chinese_numeral_char);
    let after = &rest[digits.len()..];
    let after = after
        .strip_prefix('部')
        .and_then(|a| a.strip_prefix('分'))?;
    let ordinal = parse_chinese_numeral(digits)?;
    Some(Marker {
        style: NumberingStyle::Part,
        ordinal,
        len: s.len() - after.len(),
        half_width: false,
    })
}

fn paren(s: &str) -> Option<Marker> {
    let (half, rest) = if let Some(r) = s.strip_prefix('（') {
        (false, r)
    } else if let Some(r) = s.strip_prefix('(') {
        (true, r)
    } else {
        return None;
    };
    let inner = prefix_while(rest, 5, |c| !matches!(c, '）' | ')'));
    let after = &rest[inner.len()..];
    let close = after.chars().next().filter(|c| matches!(c, '）' | ')'))?;
    let inner_trim = inner.trim();
    let (style, ordinal) = if let Some(v) = parse_chinese_numeral(inner_trim) {
        (NumberingStyle::ChineseParen, v)
    } else if !inner_trim.is_empty() && inner_trim.chars().all(|c| c.is_ascii_digit()) {
        if cites_a_code(inner_trim, &after[close.len_utf8()..]) {
            return None;
        }
        (NumberingStyle::ArabicParen, inner_trim.parse().ok()?)
    } else {
        return None;
    };
    let len = s.len() - after.len() + close.len_utf8();
    Some(Marker {
        style,
        ordinal,
        len,
        half_width: half || close == ')',
    })
}

/// `（309）75000 万元`: a classification code (three digits or more, `309` 资本性支出, `2010401`)
/// in brackets right before the amount it labels, at the start of a line only because the line
/// broke after the name (`资本性支出（基本建设）` / `（309）75000 万元`). A list is not numbered
/// into the hundreds, and its items start with words.
fn cites_a_code(digits: &str, after: &str) -> bool {
    digits.len() >= 3 && after.starts_with(|c: char| c.is_ascii_digit())
}

fn chinese_comma(s: &str) -> Option<Marker> {
    let digits = prefix_while(s, 4, is_chinese_numeral_char);
    if digits.is_empty() {
        return None;
    }
    let after = &s[digits.len()..];
    let sep = after
        .chars()
        .next()
        .filter(|c| matches!(c, '、' | '，' | '.' | '．'))?;
    let ordinal = parse_chinese_numeral(digits)?;
    Some(Marker {
        style: NumberingStyle::ChineseComma,
        ordinal,
        len: digits.len() + sep.len_utf8(),
        half_width: false,
    })
}

fn arabic(s: &str) -> Option<Marker> {
    let digits = prefix_while(s, 3, |c| c.is_ascii_digit());
    if digits.is_empty() {
        return None;
    }
    let after = &s[digits.len()..];
    let sep = after.chars().next()?;
    let next = after[sep.len_utf8()..].chars().next();
    let style = match sep {
        '、' => NumberingStyle::ArabicComma,
        // "1.5万元" is a number, not an ordinal.
        '.' | '．' if !next.is_some_and(|c| c.is_ascii_digit()) => NumberingStyle::ArabicDot,
        _ => return None,
    };
    Some(Marker {
        style,
        ordinal: digits.parse().ok()?,
        len: digits.len() + sep.len_utf8(),
        half_width: sep == '.',
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use NumberingStyle::*;

    fn m(s: &str) -> Option<(NumberingStyle, u32, bool)> {
        scan_marker(s).map(|m| (m.style, m.ordinal, m.half_width))
    }

    #[test]
    fn markers() {
        assert_eq!(m("第三部分 名词解释"), Some((Part, 3, false)));
        assert_eq!(m("十二、机关运行经费"), Some((ChineseComma, 12, false)));
        assert_eq!(m("二十一、住房保障支出"), Some((ChineseComma, 21, false)));
        assert_eq!(m("（三）一般公共预算"), Some((ChineseParen, 3, false)));
        assert_eq!(m("(九) 负责"), Some((ChineseParen, 9, true)));
        assert_eq!(m("（1） 一般"), Some((ArabicParen, 1, false)));
        assert_eq!(m("7、 政府性基金"), Some((ArabicComma, 7, false)));
        assert_eq!(m("1.做好社会保险扩面"), Some((ArabicDot, 1, true)));
        assert_eq!(m("1.5万元"), Option::None);
        assert_eq!(m("2021年"), Option::None);
        // A code before its amount is no item; an item may start with a year.
        assert_eq!(m("（309）75000 万元"), Option::None);
        assert_eq!(m("(2010401)2740.23万元"), Option::None);
        assert_eq!(m("（1）2019年本部门"), Some((ArabicParen, 1, false)));
        assert_eq!(m("（12）政府采购"), Some((ArabicParen, 12, false)));
        assert_eq!(m("一般公共预算"), Option::None);
    }
}
