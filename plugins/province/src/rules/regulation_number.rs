use crate::template::applicable;
use budgetlint_sdk::province::Regulation;
use budgetlint_sdk::{
    declare_rule, Applicability, Context, Diagnostic, DocumentExt, Fix, Rule, RuleMeta, TextEdit,
};

/// How far after 《title》 the 文号 of a citation may start (bytes: a space and a parenthesis).
const GAP: usize = 8;
/// The longest 文号 read after a title (bytes).
const MAX_NUMBER: usize = 60;

declare_rule! {
    /// ## What it checks
    /// That a document cites the documents its province's form is based on with their right
    /// 发文字号: each `[[regulations]]` entry of the province's template (a data file, see
    /// docs/PROVINCES.md) gives a title and its 文号, and a citation `《title》（文号）` whose 文号
    /// has another 机关代字, year or serial is an error. How the year is bracketed is
    /// `docnum/bracket-style`'s business, not this rule's.
    ///
    /// Runs only when the profile's province has a template for the document's kind and level.
    ///
    /// ## Why
    /// The disclosure's legal basis is part of the form (《地方预决算公开操作规程》,
    /// 财预〔2016〕143号, is cited in its first paragraph); a wrong number sends the reader to
    /// another document, and the template makes the error provable.
    ///
    /// ## Example
    /// ```text
    /// 根据《地方预决算公开操作规程》（财预〔2016〕134号）…      ← 应为财预〔2016〕143号
    /// ```
    ///
    /// ## Fix
    /// Write the document's 文号 as issued (the fix does; review it).
    ///
    /// ## 检查内容
    /// 引用所在省份格式所依据的文件时文号是否正确：省份模板（数据文件，见 docs/PROVINCES.md）的每个 `[[regulations]]` 条目给出文件标题及其文号，正文中`《标题》（文号）`的机关代字、年份或序号与之不同的作为错误。年份用何种括号由 `docnum/bracket-style` 检查，不在本规则范围内。只在省份配置中有适用于文件类型和级次的模板时检查。
    ///
    /// ## 依据
    /// 公开说明的法律依据是格式的一部分（《地方预决算公开操作规程》，财预〔2016〕143号，在首段引用）；文号写错会把读者引向另一份文件，模板使这一错误可以证明。
    ///
    /// ## 示例
    /// ```text
    /// 根据《地方预决算公开操作规程》（财预〔2016〕134号）…      ← 应为财预〔2016〕143号
    /// ```
    ///
    /// ## 修改方法
    /// 按原文件写出文号（修改建议会替换；请复核）。
    pub struct RegulationNumber {
        id: "province/regulation-number",
        severity: Error,
        summary: "A document the province's template (data) lists is cited with another 文号",
        summary_zh: "引用省级模板（数据）所列文件时文号有误",
    }
}

impl Rule for RegulationNumber {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let mut seen: Vec<&Regulation> = Vec::new();
        for regulation in applicable(ctx).flat_map(|t| &t.regulations) {
            if seen.contains(&regulation) {
                continue;
            }
            seen.push(regulation);
            check_regulation(ctx, regulation, out);
        }
    }
}

fn check_regulation(ctx: &Context, regulation: &Regulation, out: &mut Vec<Diagnostic>) {
    let Some(expected) = parse_number(&regulation.number) else {
        return;
    };
    let text = &ctx.doc.text;
    let title = format!("《{}》", regulation.title);
    for (at, _) in text.match_indices(&title) {
        let Some((start, end)) = cited_number(text, at + title.len()) else {
            continue;
        };
        let written = &text[start..end];
        if parse_number(written).is_none_or(|n| n == expected) {
            continue;
        }
        let d = Diagnostic::new(
            &RegulationNumber::META,
            ctx.doc.span_of(start, end),
            format!("{title}的文号是{}，此处写作“{written}”", regulation.number),
        )
        .en(format!("{title} is {}, not “{written}”", regulation.number))
        .fix(Fix {
            message: format!("改为{}", regulation.number),
            applicability: Applicability::Unsafe,
            edits: vec![TextEdit {
                start: start as u32,
                end: end as u32,
                replacement: regulation.number.clone(),
            }],
        });
        out.push(d);
    }
}

/// The byte range of the 文号 that follows a title ending at `from`: after spaces and an
/// opening parenthesis, up to and including 号, within the clause.
fn cited_number(text: &str, from: usize) -> Option<(usize, usize)> {
    let rest = &text[from..];
    let skipped = rest.len() - rest.trim_start_matches([' ', '　', '（', '(']).len();
    if skipped > GAP {
        return None;
    }
    let start = from + skipped;
    let window = &text[start..];
    let end = window
        .char_indices()
        .take_while(|(i, c)| *i < MAX_NUMBER && !"\n，。；、《".contains(*c))
        .find(|(_, c)| *c == '号')
        .map(|(i, c)| start + i + c.len_utf8())?;
    Some((start, end))
}

/// (机关代字, year, serial) of a 文号 written `财预〔2016〕143号`, with any of the brackets
/// 〔〕 [] 【】 () （） around the year; `None` when it is not one.
fn parse_number(s: &str) -> Option<(String, u32, u32)> {
    const OPEN: [char; 5] = ['〔', '[', '【', '(', '（'];
    const CLOSE: [char; 5] = ['〕', ']', '】', ')', '）'];
    let s = s.trim();
    let open = s.find(OPEN)?;
    let agency = s[..open].trim().to_string();
    let after_open = &s[open..];
    let after_open = &after_open[after_open.chars().next()?.len_utf8()..];
    let close = after_open.find(CLOSE)?;
    let year = after_open[..close].trim().parse().ok()?;
    let serial_text = &after_open[close..];
    let serial_text = &serial_text[serial_text.chars().next()?.len_utf8()..];
    let serial = serial_text
        .trim()
        .trim_start_matches('第')
        .strip_suffix('号')?
        .trim()
        .parse()
        .ok()?;
    (!agency.is_empty()).then_some((agency, year, serial))
}

#[cfg(test)]
mod tests {
    use super::parse_number;

    #[test]
    fn numbers_are_read_whatever_the_brackets() {
        let n = Some(("财预".to_string(), 2016, 143));
        assert_eq!(parse_number("财预〔2016〕143号"), n);
        assert_eq!(parse_number("财预[2016]143号"), n);
        assert_eq!(parse_number("财预（2016）第143号"), n);
        assert_eq!(parse_number("财预〔2016〕号"), None);
        assert_eq!(parse_number("〔2016〕143号"), None);
        assert_eq!(parse_number("财预2016年143号"), None);
    }
}
