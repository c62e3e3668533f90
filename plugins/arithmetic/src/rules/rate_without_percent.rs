use crate::support::{base_of_change, check_percent, show, Figure, PercentCheck};
use budgetlint_sdk::model::{Document, FactId, Quantity, Relation, Unit};
use budgetlint_sdk::spans::DocumentExt;
use budgetlint_sdk::{declare_rule, Applicability, Context, Decimal, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A growth rate printed without its per-cent sign: “增加1193.20万元，增长13.95。”, where
    /// 13.95 is the change ÷ last year's figure (1193.20 ÷ 8553.30 = 13.95%) at its printed
    /// precision. Only a bare number right after the change (a comma, a change verb such as 增长
    /// or 下降, the number, and the clause's end) that equals the rate is reported, so “增长2倍”
    /// or a count is not.
    ///
    /// ## Why
    /// 《地方预决算公开操作规程》 asks for the change against the previous year and its reasons;
    /// a rate without its sign reads as an amount (13.95 万元?) and is a slip a reviewer marks.
    ///
    /// ## Example
    /// “与2023年度相比，一般公共预算财政拨款支出增加1193.20万元，增长13.95。” with this year's
    /// 9746.50万元.
    ///
    /// ## Fix
    /// Add the sign: “增长13.95%”.
    ///
    /// ## 检查内容
    /// 增长率漏写百分号：“增加1193.20万元，增长13.95。”中的13.95正是增减额除以上年数（1193.20 ÷ 8553.30 = 13.95%）按印刷精度的结果。只报告紧跟在增减额后面、增减动词之后单独一个数字（随后分句结束）且与增长率相等的情形，“增长2倍”或数量不报告。
    ///
    /// ## 依据
    /// 《地方预决算公开操作规程》要求说明与上年相比的增减变化及原因；增长率漏写百分号，读者会把它当作金额，是审核中常被指出的差错。
    ///
    /// ## 示例
    /// 本年为9746.50万元时的“与2023年度相比，一般公共预算财政拨款支出增加1193.20万元，增长13.95。”。
    ///
    /// ## 修改方法
    /// 补上百分号：“增长13.95%”。
    pub struct RateWithoutPercent {
        id: "arithmetic/rate-without-percent",
        severity: Warning,
        summary: "A growth rate is printed without its per-cent sign",
        summary_zh: "增长率漏写百分号",
    }
}

impl Rule for RateWithoutPercent {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        for r in &doc.relations {
            let Relation::Change {
                current,
                previous,
                delta: Some(delta),
                direction,
                rate: None,
                ..
            } = r
            else {
                continue;
            };
            let money =
                |id: Option<FactId>| id.and_then(|i| Figure::of(doc, i)).filter(Figure::is_money);
            let Some(delta) = money(Some(*delta)) else {
                continue;
            };
            let (previous, current) = (money(*previous), money(*current));
            let Some(base) =
                base_of_change(&delta, previous.as_ref(), current.as_ref(), *direction)
            else {
                continue;
            };
            if let Some(d) = finding(doc, &delta, base) {
                out.push(d);
            }
        }
    }
}

/// `s` without the blanks it starts with.
fn trimmed(s: &str) -> &str {
    s.trim_start_matches([' ', '\t', '\u{3000}'])
}

/// The verbs that may stand before a rate (longest first, so that 增幅为 is not read as 增幅).
const RATE_VERBS: &[&str] = &[
    "增幅为",
    "降幅为",
    "增长",
    "增幅",
    "上升",
    "下降",
    "降幅",
    "减少",
    "增加",
];

/// `，增长13.95。` right at the start of `rest` (the text after the change): a comma, a change
/// verb, a bare number and the clause's end; the number's byte range in `rest`.
fn bare_rate(rest: &str) -> Option<std::ops::Range<usize>> {
    let after_comma = trimmed(rest)
        .strip_prefix('，')
        .or_else(|| trimmed(rest).strip_prefix(','))?;
    let after_verb = RATE_VERBS
        .iter()
        .find_map(|v| trimmed(after_comma).strip_prefix(v))?;
    let after_verb = after_verb.strip_prefix(['了', '为']).unwrap_or(after_verb);
    let number = trimmed(after_verb);
    let start = rest.len() - number.len();
    let digits = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let mut len = digits(number);
    if len == 0 {
        return None;
    }
    if let Some(fraction) = number[len..].strip_prefix('.') {
        let more = digits(fraction);
        if more == 0 {
            return None;
        }
        len += 1 + more;
    }
    let ends_clause = trimmed(&number[len..])
        .chars()
        .next()
        .is_none_or(|c| matches!(c, '。' | '；' | '，' | ';' | ',' | '\n'));
    ends_clause.then_some(start..start + len)
}

fn finding(doc: &Document, delta: &Figure, base: (Decimal, Decimal)) -> Option<Diagnostic> {
    if base.0 <= Decimal::ZERO {
        return None;
    }
    let after = delta.fact.span.end as usize;
    let number = bare_rate(doc.text.get(after..)?)?;
    let printed = &doc.text[after + number.start..after + number.end];
    let value: Decimal = printed.parse().ok()?;
    let decimals = printed.split_once('.').map_or(0, |(_, d)| d.len() as u32);
    let rate = Quantity {
        value,
        decimals,
        unit: Unit::Percent,
        per: None,
    };
    let unit = &delta.quantity.unit;
    let (check, exact) =
        check_percent(&rate, (delta.quantity.value, delta.half_ulp_in(unit)), base)?;
    // Only the rate itself: any other number (a count, a multiple) is not this rule's.
    if check != PercentCheck::Rounded {
        return None;
    }
    let span = doc.span_of(after + number.start, after + number.end);
    let zh = format!(
        "增长率“{printed}”漏写百分号：{} ÷ 上年 {} = {}%",
        delta.printed(),
        show(base.0, delta.quantity.decimals),
        show(exact, 4)
    );
    let en = format!(
        "The rate “{printed}” lacks its per-cent sign: {} ÷ last year {} = {}%",
        delta.printed(),
        show(base.0, delta.quantity.decimals),
        show(exact, 4)
    );
    Some(
        Diagnostic::new(&RateWithoutPercent::META, span, zh)
            .en(en)
            .related(delta.fact.span, format!("变动额 {}", delta.printed()))
            .replace(
                span,
                format!("{printed}%"),
                format!("改为 {printed}%"),
                Applicability::Safe,
            ),
    )
}

#[cfg(test)]
mod tests {
    use super::bare_rate;

    #[test]
    fn a_bare_number_after_a_change_verb_ending_its_clause_is_a_rate() {
        let at = |rest: &str| bare_rate(rest).map(|r| rest[r].to_string());
        assert_eq!(at("，增长 13.95。主要原因"), Some("13.95".into()));
        assert_eq!(at(", 增幅为8%"), None);
        assert_eq!(at("，增长2倍。"), None);
        assert_eq!(at("，增长13.95%。"), None);
        assert_eq!(at("，增长13."), None);
        assert_eq!(at("，主要是增长 5。"), None);
        assert_eq!(at("，下降了 4.5"), Some("4.5".into()));
    }
}
