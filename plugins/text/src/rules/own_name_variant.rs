use crate::support::{is_han, Spans};
use budgetlint_sdk::{declare_rule, Applicability, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// The publisher's own name written with one character changed. The title names the body
    /// (`上海市普陀区规划和自然资源局2024年度部门决算`) and the text writes the same name with one
    /// character in the middle replaced: `上海市普陀区规划与自然资源局`.
    ///
    /// Only names that leave no doubt are compared, so that other bodies mentioned in the text
    /// are never taken for the publisher:
    /// - the title's name ends in a body's word (局, 委员会, 院, 部, 中心 …), its part after the
    ///   place (省/市/区/县) has at least six characters, and the text writes it in full at least
    ///   twice besides the variant;
    /// - the variant keeps the place and the last two characters (so 民政局 beside 财政局,
    ///   another county's bureau, or a 分局/管理所 is never a variant), differs in exactly one
    ///   Chinese character, not a numeral (第一/第二), and is written less often than the name.
    ///
    /// Short forms that drop a character (发展改革委员会 for 发展和改革委员会) are not reported:
    /// they are customary.
    ///
    /// ## Why
    /// A disclosure is published under the department's legal name (《地方预决算公开操作规程》,
    /// 财预〔2016〕143号: 部门预决算由各部门公开). The name given one way in the title and
    /// another way in the text is a slip that reviewers list, and a reader cannot tell whether
    /// the second body is a different one.
    ///
    /// ## Example
    /// In 上海市普陀区规划和自然资源局2024年度部门决算, the sentence
    /// `上海市普陀区规划与自然资源局所属各预算单位` is reported.
    ///
    /// ## Fix
    /// Write the name as the title does (the fix is offered, unsafe: confirm that the sentence
    /// does mean the publisher).
    ///
    /// ## 检查内容
    /// 本单位名称中有一个字写得与标题不同：标题写`上海市普陀区规划和自然资源局2024年度部门决算`，正文却写`上海市普陀区规划与自然资源局`。
    ///
    /// 只比较不会引起歧义的名称，不会把正文提到的其他机关当作本单位：标题中的名称以机关用字（局、委员会、院、部、中心等）结尾，地名（省、市、区、县）之后的部分至少六个字，且正文另有至少两处写全了这个名称；变体保留地名和最后两个字（因此财政局与民政局、其他区县的同名机关、分局或管理所都不算），只有一个汉字不同（不是第一、第二这类数字），且出现次数少于正确名称。省略一个字的习惯简称（发展改革委员会）不报告。
    ///
    /// ## 依据
    /// 部门预决算以部门的法定名称公开（《地方预决算公开操作规程》，财预〔2016〕143号）。标题和正文对同一机关写法不一，是审核时会列出的疏漏，读者也无法判断是否另有其他机关。
    ///
    /// ## 示例
    /// 在上海市普陀区规划和自然资源局2024年度部门决算中，`上海市普陀区规划与自然资源局所属各预算单位`会被报告。
    ///
    /// ## 修改方法
    /// 按标题写法改正名称（提供修复，但需确认该句确指本单位）。
    pub struct OwnNameVariant {
        id: "text/own-name-variant",
        severity: Warning,
        summary: "The publisher's own name written with one character changed",
        summary_zh: "本单位名称有一个字与标题中的名称不同",
    }
}

/// Words that end the name of a public body.
const BODY_ENDINGS: &[&str] = &[
    "局",
    "委员会",
    "院",
    "部",
    "中心",
    "办公室",
    "厅",
    "署",
    "所",
    "站",
    "馆",
    "会",
    "处",
];

/// Characters that end a place name at the start of a body's name.
const PLACE_ENDINGS: &str = "省市区县州盟旗";

/// Numerals: 第一中学 and 第二中学 are two bodies.
const NUMERALS: &str = "一二三四五六七八九十〇零两";

/// The part of the name after its place must be at least this long (in characters): a
/// one-character change of a short name (财政局, 民政局) is another body, not a slip.
const MIN_BODY_CHARS: usize = 6;

impl Rule for OwnNameVariant {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let Some(name) = ctx.doc.meta.issuer.as_deref().and_then(OwnName::new) else {
            return;
        };
        let text = &ctx.doc.text;
        let written = text.matches(name.full.as_str()).count();
        let variants = name.variants_in(text);
        let spans = Spans::new(ctx.doc);
        for variant in &variants {
            let times = variants.iter().filter(|v| v.text == variant.text).count();
            if written < 2 || times >= written {
                continue;
            }
            out.push(self.finding(ctx, &spans, &name, variant, written));
        }
    }
}

impl OwnNameVariant {
    fn finding(
        &self,
        ctx: &Context,
        spans: &Spans,
        name: &OwnName,
        variant: &Variant,
        written: usize,
    ) -> Diagnostic {
        let (wrong, right) = (&variant.changed.0, &variant.changed.1);
        let full = &name.full;
        let mut d = Diagnostic::new(
            &Self::META,
            spans.span(variant.start, variant.end),
            format!(
                "本单位名称写作“{}”，而标题等{written}处写作“{full}”（“{wrong}”应为“{right}”）",
                variant.text
            ),
        )
        .en(format!(
            "The publisher's name is written “{}” here but “{full}” in the title and {written} places in all (“{wrong}” for “{right}”)",
            variant.text
        ))
        .replace(
            spans.span(variant.start, variant.end),
            full.clone(),
            format!("改为“{full}”"),
            Applicability::Unsafe,
        );
        if let Some(title) = ctx.doc.meta.title_span {
            d = d.related(title, format!("标题中的名称：“{full}”"));
        }
        d
    }
}

/// The publisher's name, split where its place ends.
struct OwnName {
    full: String,
    chars: Vec<char>,
    /// Characters of the place at the start (`上海市普陀区`); 0 when the name has none.
    place: usize,
}

/// A place in the text where the name is written with one character changed.
struct Variant {
    start: usize,
    end: usize,
    text: String,
    /// (the character written, the name's character).
    changed: (char, char),
}

impl OwnName {
    fn new(issuer: &str) -> Option<OwnName> {
        let chars: Vec<char> = issuer.chars().collect();
        if !BODY_ENDINGS.iter().any(|e| issuer.ends_with(e)) || !chars.iter().all(|&c| is_han(c)) {
            return None;
        }
        let place = chars
            .iter()
            .take(chars.len().saturating_sub(MIN_BODY_CHARS))
            .rposition(|&c| PLACE_ENDINGS.contains(c))
            .map_or(0, |i| i + 1);
        (chars.len() - place >= MIN_BODY_CHARS).then(|| OwnName {
            full: issuer.to_string(),
            chars,
            place,
        })
    }

    /// What the text writes where the name should be, starting from every place the name's
    /// first characters (its place, or its first two characters) are written.
    fn variants_in(&self, text: &str) -> Vec<Variant> {
        let anchor: String = self.chars[..self.place.max(2)].iter().collect();
        text.match_indices(anchor.as_str())
            .filter_map(|(start, _)| self.variant_at(text, start))
            .collect()
    }

    fn variant_at(&self, text: &str, start: usize) -> Option<Variant> {
        let mut window = text[start..].char_indices();
        let mut changed = None;
        let mut end = start;
        for (k, &expected) in self.chars.iter().enumerate() {
            let (offset, c) = window.next()?;
            end = start + offset + c.len_utf8();
            if c == expected {
                continue;
            }
            let inside = k >= self.place.max(2) && k + 2 < self.chars.len();
            let plausible = is_han(c) && !NUMERALS.contains(c) && !NUMERALS.contains(expected);
            if changed.is_some() || !inside || !plausible {
                return None;
            }
            changed = Some((c, expected));
        }
        let changed = changed?;
        Some(Variant {
            start,
            end,
            text: text[start..end].to_string(),
            changed,
        })
    }
}
