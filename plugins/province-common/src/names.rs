//! Title normalisation and alias matching.
//!
//! Templates word the same section differently from year to year and place to place
//! (部门↔单位, 预算绩效信息↔绩效预算信息, with or without the body's name and the year), so a
//! section is recognised by aliases: key phrases that its title contains. An alias `A+B` needs
//! both `A` and `B`.

/// The title without spaces, Markdown emphasis, quotes, years (2021年度) and trailing
/// punctuation, with full-width brackets made ASCII: `**“三公”经费 （一）**` → `三公经费(一)`.
pub fn normalize(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    let chars: Vec<char> = title.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            // Drop a year: four digits followed by 年 or 年度 (spaces allowed).
            let digits = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
            let mut j = i + digits;
            while j < chars.len() && chars[j] == ' ' {
                j += 1;
            }
            if digits == 4 && chars.get(j) == Some(&'年') {
                i = j + 1;
                if chars.get(i) == Some(&'度') {
                    i += 1;
                }
                continue;
            }
            out.extend(&chars[i..i + digits]);
            i += digits;
            continue;
        }
        match c {
            '（' => out.push('('),
            '）' => out.push(')'),
            '*' | '#' | '“' | '”' | '"' | '‘' | '’' | '\'' | '「' | '」' | '《' | '》'
            | '\u{3000}' => {}
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
        i += 1;
    }
    let trimmed = out
        .trim_start_matches(['-', '·', '•'])
        .trim_end_matches(['。', '.', '；', ';', '：', ':', '，', ',']);
    trimmed.to_string()
}

/// How specifically `title` (normalised) matches `alias`: the matched length in bytes, or
/// `None`. `A+B` needs both parts.
pub fn alias_match(title: &str, alias: &str) -> Option<usize> {
    let mut len = 0;
    for part in alias.split('+') {
        // Template aliases are mostly plain Han text, which normalising leaves as it is: they are
        // compared as written instead of normalised again for every heading.
        let part = if is_plain(part) {
            std::borrow::Cow::Borrowed(part)
        } else {
            std::borrow::Cow::Owned(normalize(part))
        };
        if part.is_empty() || !budgetlint_sdk::model::text::contains(title, &part) {
            return None;
        }
        len += part.len();
    }
    Some(len)
}

/// Text that [`normalize`] returns unchanged: Han characters only (no digits, spaces,
/// brackets, quotes or punctuation).
fn is_plain(s: &str) -> bool {
    s.chars().all(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
}

/// The best match of `title` (normalised) against any of `aliases`.
pub fn best_alias_match(title: &str, aliases: &[&str]) -> Option<usize> {
    aliases.iter().filter_map(|a| alias_match(title, a)).max()
}

/// Chinese numeral for 1..=99 (一, 十, 十二, 二十三).
pub fn chinese_numeral(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0 => DIGITS[0].to_string(),
        1..=9 => DIGITS[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", DIGITS[n - 10]),
        20..=99 => format!(
            "{}十{}",
            DIGITS[n / 10],
            if n.is_multiple_of(10) {
                ""
            } else {
                DIGITS[n % 10]
            }
        ),
        _ => n.to_string(),
    }
}

/// The first `max` characters of `s`, with `…` when cut.
pub fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        s.chars().take(max).chain(std::iter::once('…')).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_aliases_need_no_normalising() {
        for alias in ["部门职责", "收入预算", "三公经费", "预算绩效情况说明"] {
            assert!(is_plain(alias));
            assert_eq!(normalize(alias), alias);
        }
        assert!(!is_plain("“三公”经费") && !is_plain("2021年预算") && !is_plain("（一）概况"));
    }

    #[test]
    fn normalizes_titles() {
        assert_eq!(
            normalize("**第二部分 2021 年度部门决算报表**"),
            "第二部分部门决算报表"
        );
        assert_eq!(
            normalize("财政拨款“三公”经费预算情况"),
            "财政拨款三公经费预算情况"
        );
        assert_eq!(
            normalize("一般公共预算财政拨款支出决算表（一）"),
            "一般公共预算财政拨款支出决算表(一)"
        );
        assert_eq!(
            normalize("（四）国有资产占用情况。"),
            "(四)国有资产占用情况"
        );
        assert_eq!(normalize("预算12表"), "预算12表");
    }

    #[test]
    fn aliases_need_all_parts() {
        assert_eq!(
            alias_match("部门职责及机构设置情况", "职责+机构设置"),
            Some("职责机构设置".len())
        );
        assert_eq!(alias_match("部门职责", "职责+机构设置"), None);
        assert_eq!(
            best_alias_match(
                "财政拨款收支总体情况表",
                &["收支总体情况表", "财政拨款收支总体情况表"]
            ),
            Some("财政拨款收支总体情况表".len())
        );
    }

    #[test]
    fn numerals() {
        assert_eq!(
            [1, 10, 12, 20, 23].map(chinese_numeral),
            ["一", "十", "十二", "二十", "二十三"]
        );
    }
}
