use crate::support::Figure;
use budgetlint_sdk::model::labels::{measure, Measure};
use budgetlint_sdk::model::rounding::Bounded;
use budgetlint_sdk::model::{Block, Document, Fact, FactKind, LineIndex, Span};
use budgetlint_sdk::{declare_rule, Context, Decimal, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A sentence that compares the final figure with the budget in words — “决算数大于预算数”,
    /// “决算数小于预算数”, “决算数等于预算数” — right after the sentence that states both
    /// figures, when the figures say otherwise: “年初预算为1560.05万元，支出决算为1511.89万元。
    /// 决算数大于预算数的主要原因：…”. Only a sentence that opens with the comparison is read
    /// (its subject is then the figures just stated), and only when that sentence states exactly
    /// one 预算 and one 决算 amount. Rounding is allowed for: “等于” is wrong only when the two
    /// printed figures differ by more than their two half units, “大于”/“小于” only when the
    /// printed figures are the other way round by more than that (docs/rounding.md §2).
    /// “基本持平” and other vague words are not judged.
    ///
    /// ## Why
    /// 财预〔2016〕143号 and the 部门决算 templates ask for the reason of the difference between
    /// 决算 and 年初预算 of every 项; a reason written for the wrong direction (a copied
    /// paragraph) explains nothing and contradicts the tables.
    ///
    /// ## Example
    /// “年初预算为80.81万元，支出决算为80.38万元。决算数大于预算数的主要原因：…” — 80.38 < 80.81.
    ///
    /// ## Fix
    /// Write the comparison the figures show (决算数小于预算数) and give the reason for it, or
    /// correct the figure that is wrong.
    ///
    /// ## 检查内容
    /// 紧接在同时给出决算数和预算数的句子之后、用文字比较两者的句子——“决算数大于预算数”“决算数小于预算数”“决算数等于预算数”——与数字不符：“年初预算为1560.05万元，支出决算为1511.89万元。决算数大于预算数的主要原因：…”。只读以比较开头的句子（其主语就是刚给出的数字），且前一句恰好给出一个预算数和一个决算数。考虑四舍五入：“等于”只在两个印出的数相差超过两个半单位时才算错，“大于”“小于”只在印出的数反向相差超过该范围时才算错（docs/rounding.md §2）。“基本持平”等模糊说法不判断。
    ///
    /// ## 依据
    /// 财预〔2016〕143号和部门决算模板要求说明每一项决算数与年初预算数的差异原因；方向写反的原因（复制来的段落）什么也没有说明，还与表格矛盾。
    ///
    /// ## 示例
    /// “年初预算为80.81万元，支出决算为80.38万元。决算数大于预算数的主要原因：…”——80.38小于80.81。
    ///
    /// ## 修改方法
    /// 按数字写出正确的比较（决算数小于预算数）并说明原因，或改正错误的数字。
    pub struct ComparisonWord {
        id: "arithmetic/comparison-word",
        severity: Error,
        summary: "A comparison in words (决算数大于预算数) contradicts the figures just stated",
        summary_zh: "文字所述的大小关系（如“决算数大于预算数”）与前句所列数字相反",
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Claim {
    Greater,
    Less,
    Equal,
}

impl Claim {
    fn words(self) -> (&'static str, &'static str) {
        match self {
            Claim::Greater => ("大于", "greater than"),
            Claim::Less => ("小于", "less than"),
            Claim::Equal => ("等于", "equal to"),
        }
    }
}

const CLAIMS: &[(&str, Claim)] = &[
    ("大于", Claim::Greater),
    ("高于", Claim::Greater),
    ("超过", Claim::Greater),
    ("多于", Claim::Greater),
    ("小于", Claim::Less),
    ("低于", Claim::Less),
    ("少于", Claim::Less),
    ("等于", Claim::Equal),
];

impl Rule for ComparisonWord {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        for (id, block) in doc.blocks.iter().enumerate() {
            let Block::Paragraph(p) = block else {
                continue;
            };
            // The paragraph's own facts, found by its span (a scan of every fact for each
            // paragraph would be quadratic in a long document).
            let facts: Vec<&Fact> = doc
                .facts_in(p.span)
                .iter()
                .filter(|f| f.block as usize == id && f.cell.is_none())
                .collect();
            if facts.is_empty() {
                continue;
            }
            for (span, claim) in claims(doc, p.text_span) {
                out.extend(judge(doc, p.text_span, &facts, span, claim));
            }
        }
    }
}

/// The claims of a paragraph: “决算[数]<word>[年初|全年]预算” opening a sentence, white space
/// (a wrapped line) allowed anywhere in it.
fn claims(doc: &Document, within: Span) -> Vec<((usize, usize), Claim)> {
    let base = within.start as usize;
    let chars: Vec<(usize, char)> = doc
        .slice(within)
        .char_indices()
        .filter(|(_, c)| !c.is_whitespace())
        .map(|(i, c)| (base + i, c))
        .collect();
    let mut out = Vec::new();
    for start in 0..chars.len() {
        let opens = start == 0 || matches!(chars[start - 1].1, '。' | '！' | '？' | '；');
        if !opens {
            continue;
        }
        if let Some((end, claim)) = claim_at(&chars[start..]) {
            let last = chars[start + end - 1];
            out.push(((chars[start].0, last.0 + last.1.len_utf8()), claim));
        }
    }
    out
}

/// The claim at the start of `chars`, with how many characters it takes.
fn claim_at(chars: &[(usize, char)]) -> Option<(usize, Claim)> {
    let text: String = chars.iter().take(12).map(|(_, c)| *c).collect();
    let rest = text.strip_prefix("决算")?;
    let rest = rest.strip_prefix('数').unwrap_or(rest);
    let (word, claim) = CLAIMS.iter().find(|(w, _)| rest.starts_with(w))?;
    let rest = &rest[word.len()..];
    let after = rest
        .strip_prefix("年初")
        .or_else(|| rest.strip_prefix("全年"))
        .unwrap_or(rest);
    let tail = after.strip_prefix("预算")?;
    let tail = tail.strip_prefix('数').unwrap_or(tail);
    let used = text.len() - tail.len();
    Some((text[..used].chars().count(), *claim))
}

/// Compares the claim with the one 预算 and the one 决算 amount of the sentence before it.
fn judge(
    doc: &Document,
    para: Span,
    facts: &[&Fact],
    (claim_start, claim_end): (usize, usize),
    claim: Claim,
) -> Option<Diagnostic> {
    let text = doc.slice(para);
    let at = claim_start - para.start as usize;
    let previous_start = text[..at]
        .trim_end()
        .trim_end_matches(['。', '！', '？', '；'])
        .rfind(['。', '！', '？', '；'])
        .map(|p| p + '。'.len_utf8())
        .unwrap_or(0);
    let from = para.start + previous_start as u32;
    let before: Vec<&&Fact> = facts
        .iter()
        .filter(|f| matches!(f.kind, FactKind::Amount(_)))
        .filter(|f| f.span.start >= from && f.span.end as usize <= claim_start)
        .collect();
    let only = |m: Measure| {
        let mut found = before
            .iter()
            .filter(|f| f.label.as_ref().and_then(|l| measure(&l.raw)) == Some(m));
        let first = found.next()?;
        found.next().is_none().then_some(first.id)
    };
    let actual = Figure::of(doc, only(Measure::Actual)?)?;
    let budget = Figure::of(doc, only(Measure::Budget)?)?;
    let unit = &budget.quantity.unit;
    let a = Bounded::of(actual.quantity, unit)?;
    let b = Bounded::of(budget.quantity, unit)?;
    let diff = a.value - b.value;
    let tolerance = a.tolerance + b.tolerance;
    let contradicted = match claim {
        Claim::Greater => diff < -tolerance,
        Claim::Less => diff > tolerance,
        Claim::Equal => diff.abs() > tolerance,
    };
    if !contradicted {
        return None;
    }
    // Line and column are counted only for a finding (a claim that holds costs nothing more).
    let span = LineIndex::new(&doc.text).span(&doc.text, claim_start, claim_end);
    Some(finding(doc, span, claim, &actual, &budget, diff))
}

fn finding(
    doc: &Document,
    span: Span,
    claim: Claim,
    actual: &Figure,
    budget: &Figure,
    diff: Decimal,
) -> Diagnostic {
    let sign = match diff.cmp(&Decimal::ZERO) {
        std::cmp::Ordering::Less => "<",
        std::cmp::Ordering::Greater => ">",
        std::cmp::Ordering::Equal => "=",
    };
    let (word_zh, word_en) = claim.words();
    let said: String = doc.slice(span).split_whitespace().collect();
    let zh = format!(
        "文中称“{said}”，但前句所列决算 {} {sign} 预算 {}，决算并不{word_zh}预算",
        actual.printed(),
        budget.printed()
    );
    let en = format!(
        "The text says the final figure is {word_en} the budget, but the sentence before gives 决算 {} {sign} 预算 {}",
        actual.printed(),
        budget.printed()
    );
    Diagnostic::new(&ComparisonWord::META, span, zh)
        .en(en)
        .related(actual.fact.span, format!("决算 {}", actual.printed()))
        .related(budget.fact.span, format!("预算 {}", budget.printed()))
}
