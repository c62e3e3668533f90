use crate::support::{is_han, Spans};
use budgetlint_sdk::{declare_rule, Applicability, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Words written twice in a row:
    /// - a phrase of two to eight Chinese characters repeated at once: `主要用于主要用于`;
    /// - a single character doubled inside a word: `离休休人员`, reported only when the document
    ///   elsewhere writes the same passage with the character once (`离休人员`), so that word
    ///   boundaries (`项目目标` = 项目 + 目标, `工作作风`, `专业业务`) and reduplicated words
    ///   (常常, 人人, 年年, 认认真真 …) are not reported.
    ///
    /// The check runs inside one line and one table cell at a time.
    ///
    /// ## Why
    /// A doubled word is a copy-and-paste or typing slip that shows the text was not proofread
    /// (地方预决算公开操作规程 asks for accurate, readable disclosures). It does not change a
    /// figure, hence info.
    ///
    /// ## Example
    /// `机关运行经费…主要用于主要用于办公及印刷费` and `确保离休休人员养老金按时发放` are
    /// reported.
    ///
    /// ## Fix
    /// Delete the second copy (safe for whole repeated phrases; the doubled character is
    /// removed the same way).
    pub struct DoubledPhrase {
        id: "wording/doubled-phrase",
        severity: Info,
        summary: "The same word written twice in a row",
    }
}

/// Two-character words that are legitimately reduplicated (研究研究) or whose repetition is
/// idiomatic (一个一个, 一步一步 are handled by their leading 一).
const REDUPLICATED_PHRASES: &[&str] = &["研究", "讨论", "商量", "考虑", "学习", "休息", "了解", "认识", "检查", "打扫", "整理", "活动", "锻炼", "介绍", "准备"];

/// Characters that double as words of their own (AA): 常常, 人人, 年年, 仅仅 ….
const REDUPLICATED_CHARS: &str = "常人年天多仅渐刚往处事时个件样家户村月日次步层节种纷稍略默慢轻静好大久统一谢看试想说星宝姐哥妹弟爸妈奶爷叔婆明白早满足整偏连频屡匆紧牢深高长远稳实细级环条项队声代生念绰格落奄息源孜津循彬滔比栩历振欣蒸井头面区每寥冉袅";

impl Rule for DoubledPhrase {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let text = &ctx.doc.text;
        let spans = Spans::new(ctx.doc);
        let mut offset = 0;
        for segment in text.split(['\n', '\t']) {
            for (start, len, repeated) in doubled_in(segment, text) {
                let (s, e) = (offset + start, offset + start + 2 * len);
                let removal = spans.span(s + len, e);
                out.push(
                    Diagnostic::new(&Self::META, spans.span(s, e), format!("“{}”重复：“{repeated}”连写了两次", &segment[start..start + 2 * len]))
                        .en(format!("“{repeated}” is written twice in a row"))
                        .replace(removal, "", format!("删除重复的“{repeated}”"), Applicability::Safe),
                );
            }
            offset += segment.len() + 1;
        }
    }
}

/// Repeats in one segment: (byte start, byte length of one copy, the repeated text).
fn doubled_in<'a>(segment: &'a str, whole: &str) -> Vec<(usize, usize, &'a str)> {
    let chars: Vec<(usize, char)> = segment.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(segment.len(), |&(b, _)| b);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some(n) = phrase_repeat_at(&chars, i) {
            let (s, mid) = (byte_at(i), byte_at(i + n));
            out.push((s, mid - s, &segment[s..mid]));
            i += 2 * n;
            continue;
        }
        if char_doubled_at(&chars, i, whole) {
            let (s, mid) = (byte_at(i), byte_at(i + 1));
            out.push((s, mid - s, &segment[s..mid]));
            i += 2;
            continue;
        }
        i += 1;
    }
    out
}

/// Length n (2..=8) of a Han phrase at `i` immediately repeated, if any.
fn phrase_repeat_at(chars: &[(usize, char)], i: usize) -> Option<usize> {
    (2..=8).rev().find(|&n| {
        let (Some(a), Some(b)) = (chars.get(i..i + n), chars.get(i + n..i + 2 * n)) else { return false };
        let phrase: String = a.iter().map(|(_, c)| *c).collect();
        a.iter().all(|(_, c)| is_han(*c))
            && a.iter().zip(b).all(|(x, y)| x.1 == y.1)
            && !a.iter().skip(1).all(|(_, c)| *c == a[0].1)
            && !phrase.starts_with('一')
            && !REDUPLICATED_PHRASES.contains(&phrase.as_str())
    })
}

/// A doubled character at `i` that the document elsewhere writes once in the same context.
fn char_doubled_at(chars: &[(usize, char)], i: usize, whole: &str) -> bool {
    let c = |k: usize| chars.get(k).map(|&(_, ch)| ch);
    let (Some(x), Some(y)) = (c(i), c(i + 1)) else { return false };
    if x != y || !is_han(x) || REDUPLICATED_CHARS.contains(x) {
        return false;
    }
    // AABB words (认认真真) and triples are reduplication, not slips.
    let aabb_after = c(i + 2).is_some() && c(i + 2) == c(i + 3);
    let aabb_before = i >= 2 && c(i - 2) == c(i - 1);
    if aabb_after || aabb_before || c(i + 2) == Some(x) || (i >= 1 && c(i - 1) == Some(x)) {
        return false;
    }
    let han = |k: Option<char>| k.filter(|ch| is_han(*ch));
    let context = |parts: &[Option<char>]| -> Option<String> { parts.iter().map(|p| han(*p)).collect() };
    let prev = |k: usize| if i >= k { c(i - k) } else { None };
    let once_right = context(&[prev(1), Some(x), c(i + 2), c(i + 3)]);
    let once_left = context(&[prev(2), prev(1), Some(x), c(i + 2)]);
    [once_right, once_left].into_iter().flatten().any(|w| whole.contains(&w))
}
