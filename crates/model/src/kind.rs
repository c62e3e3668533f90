//! Whether a text looks like a budget or final-accounts disclosure at all, so that a folder
//! walk can name and skip the README, licence or notes that sit beside the reports instead of
//! flooding them with "required section missing".
//!
//! The test is deliberately weak — it must never turn away a real disclosure, however short or
//! damaged — and generic: a disclosure is written in Chinese (Han characters are not outnumbered
//! by Latin letters) and speaks of public money (at least one word of the budget vocabulary:
//! 预算, 决算, 收入, 支出, 财政, 资金, 经费, 拨款, 万元 …). Nothing here depends on any one
//! document's wording.

/// Why a text is not taken for a disclosure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotDisclosure {
    /// No Chinese text, or far more Latin letters than Han characters (an English file).
    NotChinese { han: usize, latin: usize },
    /// Chinese text that never speaks of budgets, revenue, expenditure or funds.
    NoBudgetWords,
}

/// Words every budget or final-accounts disclosure uses, whatever its template.
const BUDGET_WORDS: &[&str] = &[
    "预算", "决算", "收入", "支出", "财政", "资金", "经费", "拨款", "万元", "三公",
];

/// How far into the text to look: a disclosure says what it is on its first pages, and the
/// test stays cheap on a huge file.
const LOOK_BYTES: usize = 64 * 1024;

/// `Ok` when `text` may be a disclosure, else why it is not.
pub fn looks_like_disclosure(text: &str) -> Result<(), NotDisclosure> {
    let mut end = text.len().min(LOOK_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    let (mut han, mut latin) = (0usize, 0usize);
    for c in head.chars() {
        if c.is_ascii_alphabetic() {
            latin += 1;
        } else if is_han(c) {
            han += 1;
        }
    }
    if han == 0 || latin > 2 * han {
        return Err(NotDisclosure::NotChinese { han, latin });
    }
    if !crate::text::contains_any(head, BUDGET_WORDS) {
        return Err(NotDisclosure::NoBudgetWords);
    }
    Ok(())
}

/// CJK Unified Ideographs and their extension A (what Chinese prose is written in).
fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_text_and_chinese_text_without_money_are_not_disclosures() {
        let readme = "# Project\n\nA tool to lint files. 中文 mentioned once. Run `cargo build`.";
        assert!(matches!(
            looks_like_disclosure(readme),
            Err(NotDisclosure::NotChinese { .. })
        ));
        assert_eq!(
            looks_like_disclosure(""),
            Err(NotDisclosure::NotChinese { han: 0, latin: 0 })
        );
        assert_eq!(
            looks_like_disclosure("今天天气很好，我们去公园散步。"),
            Err(NotDisclosure::NoBudgetWords)
        );
    }

    #[test]
    fn short_or_mixed_chinese_budget_text_is_a_disclosure() {
        assert_eq!(
            looks_like_disclosure("一般公共预算支出 12.5 万元。"),
            Ok(())
        );
        // English terms in a Chinese report do not outweigh it.
        assert_eq!(
            looks_like_disclosure(
                "部门决算公开说明（PDF version, appendix A–C）：收入合计 100 万元"
            ),
            Ok(())
        );
    }

    #[test]
    fn a_huge_text_is_judged_by_its_start_without_splitting_a_character() {
        let text = format!("{}预算", "字".repeat(LOOK_BYTES));
        assert_eq!(
            looks_like_disclosure(&text),
            Err(NotDisclosure::NoBudgetWords)
        );
    }
}
