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
    /// The check runs inside one line and one table cell at a time; and a longer passage (nine
    /// to forty characters, at least eight of them Chinese, punctuation counted: a clause such as
    /// `…部门预算包括：…部门预算包括：`) written twice in a row is found inside a paragraph
    /// whatever its line breaks, since a wrapped paragraph breaks the second copy.
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
    ///
    /// ## 检查内容
    /// 连写了两次的词语：
    /// - 两至八个汉字的词组紧接着重复：`主要用于主要用于`；
    /// - 词中某个字写了两次：`离休休人员`，只有当文件别处把同一段文字写成一个字（`离休人员`）时才报告，以免把词的边界（`项目目标`＝项目＋目标、`工作作风`、`专业业务`）和叠词（常常、人人、年年、认认真真等）当作错误。
    ///
    /// 每次只在一行或一个单元格内检查；更长的一段（九至四十个字符，其中至少八个汉字，标点计入，如`…部门预算包括：…部门预算包括：`）紧接着重复时，在整个段落内查找，不受换行影响，因为段落折行常把第二遍断开。
    ///
    /// ## 依据
    /// 重复的词语是复制粘贴或录入时的疏漏，说明文字未经校对（《地方预决算公开操作规程》要求公开内容准确、易读）。它不改变数字，因此只作提示。
    ///
    /// ## 示例
    /// `机关运行经费…主要用于主要用于办公及印刷费`和`确保离休休人员养老金按时发放`会被报告。
    ///
    /// ## 修改方法
    /// 删去重复的部分（整个词组重复时是安全修复；重复的单字也按同样方式删去）。
    pub struct DoubledPhrase {
        id: "text/doubled-phrase",
        aliases: ["wording/doubled-phrase"],
        severity: Info,
        summary: "The same word written twice in a row",
        summary_zh: "同一词语连写两次",
    }
}

/// Two-character words that are legitimately reduplicated (研究研究) or whose repetition is
/// idiomatic (一个一个, 一步一步 are handled by their leading 一).
const REDUPLICATED_PHRASES: &[&str] = &[
    "研究", "讨论", "商量", "考虑", "学习", "休息", "了解", "认识", "检查", "打扫", "整理", "活动",
    "锻炼", "介绍", "准备",
];

/// Characters that double as words of their own (AA): 常常, 人人, 年年, 仅仅 ….
const REDUPLICATED_CHARS: &str = "常人年天多仅渐刚往处事时个件样家户村月日次步层节种纷稍略默慢轻静好大久统一谢看试想说星宝姐哥妹弟爸妈奶爷叔婆明白早满足整偏连频屡匆紧牢深高长远稳实细级环条项队声代生念绰格落奄息源孜津循彬滔比栩历振欣蒸井头面区每寥冉袅";

impl Rule for DoubledPhrase {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let text = &ctx.doc.text;
        let spans = Spans::new(ctx.doc);
        let found = scan(text);
        let attested = attested_windows(text, &found);
        for d in found
            .iter()
            .filter(|d| d.evidence.is_empty() || d.evidence.iter().any(|w| attested.contains(w)))
        {
            let (s, e) = (d.start, d.start + 2 * d.len);
            let repeated = &text[s..s + d.len];
            let removal = spans.span(s + d.len, e);
            out.push(
                Diagnostic::new(
                    &Self::META,
                    spans.span(s, e),
                    format!("“{}”重复：“{repeated}”连写了两次", &text[s..e]),
                )
                .en(format!("“{repeated}” is written twice in a row"))
                .replace(
                    removal,
                    "",
                    format!("删除重复的“{repeated}”"),
                    Applicability::Safe,
                ),
            );
        }
        for (start, mid, end) in long_repeats(ctx.doc) {
            let second = &text[mid..end];
            let shown: String = second.chars().filter(|c| !c.is_whitespace()).collect();
            let mut diagnostic = Diagnostic::new(
                &Self::META,
                spans.span(start, end),
                format!("“{shown}”连写了两次"),
            )
            .en(format!("“{shown}” is written twice in a row"));
            // A copy broken over two lines is left for the writer to delete.
            if !second.contains('\n') {
                diagnostic = diagnostic.replace(
                    spans.span(mid, end),
                    "",
                    format!("删除重复的“{shown}”"),
                    Applicability::Safe,
                );
            }
            out.push(diagnostic);
        }
    }
}

/// Lengths (characters) of the long repeats found in paragraphs; shorter ones are
/// [`phrase_repeat_at`]'s, within a line.
const LONG_REPEAT: std::ops::RangeInclusive<usize> = 9..=40;
/// How many Chinese characters a long repeat holds at least.
const LONG_REPEAT_HAN: usize = 8;

/// Passages of [`LONG_REPEAT`] characters written twice in a row in a paragraph, white space
/// (line breaks) skipped: byte offsets of the first copy's start, the second copy's start and
/// its end.
fn long_repeats(doc: &budgetlint_sdk::Document) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    for block in &doc.blocks {
        let budgetlint_sdk::model::Block::Paragraph(p) = block else {
            continue;
        };
        let start = p.text_span.start as usize;
        // Offsets as u32 (spans are u32): this list is the rule's whole memory, 8 bytes per
        // character instead of 16 (67 MB on a paragraph of 8 MB before).
        let chars: Vec<(u32, char)> = doc
            .slice(p.text_span)
            .char_indices()
            .filter(|(_, c)| !c.is_whitespace())
            .map(|(i, c)| ((start + i) as u32, c))
            .collect();
        let at = |k: usize| chars[k].0 as usize;
        // The end of the k-th character (k ≥ 1 characters in).
        let end_of = |k: usize| at(k - 1) + chars[k - 1].1.len_utf8();
        let mut next_free = 0;
        for (k, n) in repeats_in_chars(&chars) {
            if k >= next_free {
                out.push((at(k), at(k + n), end_of(k + 2 * n)));
                next_free = k + 2 * n;
            }
        }
    }
    out
}

/// (start, length) of every passage of [`LONG_REPEAT`] characters immediately repeated, the
/// shortest at each start (a repeat's own length, not a multiple of it), in order of start. For
/// each length n, a run of n characters each equal to the one n places on is a repeat.
fn repeats_in_chars(chars: &[(u32, char)]) -> Vec<(usize, usize)> {
    let same = |i: usize, n: usize| chars[i].1 == chars[i + n].1;
    let mut found: Vec<(usize, usize)> = Vec::new();
    for n in LONG_REPEAT {
        if chars.len() < 2 * n {
            break;
        }
        let last = chars.len() - n; // positions i with a partner i + n
                                    // A copy of n characters is a run of at least n positions where the character n
                                    // further on is the same, so looking at every n-th position finds each such run once
                                    // (one pass per length costs a length's share of the text, not the whole of it).
        let mut i = 0;
        while i < last {
            if !same(i, n) {
                i += n;
                continue;
            }
            let (mut from, mut to) = (i, i);
            while from > 0 && same(from - 1, n) {
                from -= 1;
            }
            while to + 1 < last && same(to + 1, n) {
                to += 1;
            }
            for k in from..(to + 2).saturating_sub(n) {
                let copy = &chars[k..k + n];
                let han = copy.iter().filter(|(_, c)| is_han(*c)).count();
                if han >= LONG_REPEAT_HAN && copy.iter().any(|(_, c)| *c != copy[0].1) {
                    found.push((k, n));
                }
            }
            i = to + 1;
        }
    }
    found.sort_unstable();
    found.dedup_by_key(|f| f.0);
    found
}

struct Doubled {
    start: usize,
    len: usize,
    evidence: Vec<String>,
}

/// Which evidence windows occur in the text.
fn attested_windows(text: &str, found: &[Doubled]) -> Vec<String> {
    let mut windows: Vec<&String> = found.iter().flat_map(|d| d.evidence.iter()).collect();
    windows.sort_unstable();
    windows.dedup();
    windows
        .into_iter()
        .filter(|w| text.contains(w.as_str()))
        .cloned()
        .collect()
}

/// One line or table cell as character codes (0 for anything but a three-byte Han character)
/// with the byte offset of each character. The buffers are reused from segment to segment.
struct Segment {
    codes: Vec<u32>,
    starts: Vec<usize>,
    end: usize,
}

/// Every repeat in the text, one line or table cell at a time.
fn scan(text: &str) -> Vec<Doubled> {
    let mut out = Vec::new();
    let mut seg = Segment {
        codes: Vec::with_capacity(256),
        starts: Vec::with_capacity(256),
        end: 0,
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' || b == b'\t' {
            seg.end = i;
            repeats_in(&seg, text, &mut out);
            seg.codes.clear();
            seg.starts.clear();
            i += 1;
            continue;
        }
        // Decoded by hand: only three-byte characters can be Han, and the rest need no code.
        let (code, len) = match b {
            0xE0..=0xEF => (three_byte_char(b, bytes[i + 1], bytes[i + 2]), 3),
            0xF0.. => (0, 4),
            0xC0.. => (0, 2),
            _ => (0, 1),
        };
        seg.codes.push(if char::from_u32(code).is_some_and(is_han) {
            code
        } else {
            0
        });
        seg.starts.push(i);
        i += len;
    }
    seg.end = text.len();
    repeats_in(&seg, text, &mut out);
    out
}

/// The code point of a three-byte UTF-8 sequence (the text is valid UTF-8).
fn three_byte_char(b0: u8, b1: u8, b2: u8) -> u32 {
    (u32::from(b0 & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F)
}

fn repeats_in(seg: &Segment, text: &str, out: &mut Vec<Doubled>) {
    let codes = &seg.codes;
    let byte = |k: usize| seg.starts.get(k).copied().unwrap_or(seg.end);
    let mut k = 0;
    while k + 1 < codes.len() {
        if codes[k] == 0 {
            k += 1;
            continue;
        }
        if let Some(n) = phrase_repeat_at(codes, k, |a, b| text.get(byte(a)..byte(b)).unwrap_or(""))
        {
            out.push(Doubled {
                start: byte(k),
                len: byte(k + n) - byte(k),
                evidence: Vec::new(),
            });
            k += 2 * n;
            continue;
        }
        if let Some(evidence) = doubled_char_at(codes, k) {
            out.push(Doubled {
                start: byte(k),
                len: byte(k + 1) - byte(k),
                evidence,
            });
            k += 2;
            continue;
        }
        k += 1;
    }
}

/// Number n (2..=8) of Han characters at `k` immediately written again, if any. A plain loop
/// over the codes: this runs for every character of the document.
fn phrase_repeat_at<'t>(
    codes: &[u32],
    k: usize,
    slice: impl Fn(usize, usize) -> &'t str,
) -> Option<usize> {
    let first = codes[k];
    let max_n = ((codes.len() - k) / 2).min(8);
    let mut n = max_n;
    while n >= 2 {
        // Cheap test first: the character n places on must repeat the first one.
        if codes[k + n] == first {
            let (a, b) = (&codes[k..k + n], &codes[k + n..k + 2 * n]);
            let repeat = a == b && a.iter().all(|&c| c != 0) && !a.iter().all(|&c| c == first);
            if repeat && first != '一' as u32 && !REDUPLICATED_PHRASES.contains(&slice(k, k + n)) {
                return Some(n);
            }
        }
        n -= 1;
    }
    None
}

/// A doubled character at `k` that is not a reduplication: the once-written contexts
/// (`离休人员` for `离休休人员`) whose presence elsewhere confirms the slip.
fn doubled_char_at(codes: &[u32], k: usize) -> Option<Vec<String>> {
    let at = |i: Option<usize>| i.and_then(|i| codes.get(i)).copied().filter(|&c| c != 0);
    let x = codes[k];
    if codes.get(k + 1) != Some(&x)
        || char::from_u32(x).is_none_or(|c| REDUPLICATED_CHARS.contains(c))
    {
        return None;
    }
    let (p1, p2) = (at(k.checked_sub(1)), at(k.checked_sub(2)));
    let (n1, n2) = (at(Some(k + 2)), at(Some(k + 3)));
    // AABB words (认认真真) and triples are reduplication, not slips.
    if (n1.is_some() && n1 == n2) || (p1.is_some() && p1 == p2) || n1 == Some(x) || p1 == Some(x) {
        return None;
    }
    let context = |parts: [Option<u32>; 4]| -> Option<String> {
        parts.iter().map(|p| p.and_then(char::from_u32)).collect()
    };
    let windows: Vec<String> = [
        context([p1, Some(x), n1, n2]),
        context([p2, p1, Some(x), n1]),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!windows.is_empty()).then_some(windows)
}
