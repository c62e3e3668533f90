use crate::support::is_han;
use budgetlint_sdk::model::{text, Row, Span, Table};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// The same contact person given two different phone numbers of the same kind (two
    /// landlines, or two mobiles) in the document's tables: a column pair such as
    /// 项目负责人/联系电话 or 姓名/联系电话, or a row such as `单位负责人 朱华 联系电话 65818744`.
    /// The number that differs from the one used most often is reported.
    ///
    /// Area codes are ignored (0379-63193976 and 63193976 are the same), and a person with a
    /// landline and a mobile is not reported.
    ///
    /// ## Why
    /// 项目支出绩效目标表 and 整体绩效目标表 name the person who answers for the project and how to
    /// reach them (财预〔2021〕101号 templates). Two numbers for one person differing in a digit is
    /// almost always a typing error, and one of them does not reach that person.
    ///
    /// ## Example
    /// 朱华 with `65818744` in five rows and `65848744` in one: the latter is reported.
    ///
    /// ## Fix
    /// Correct the phone number.
    ///
    /// ## 检查内容
    /// 文件表格中同一联系人写了两个同类（两个固定电话，或两个手机）但不同的电话号码：如项目负责人/联系电话、姓名/联系电话这样的列，或`单位负责人 朱华 联系电话 65818744`这样的行。报告与最常用号码不同的那一个。
    ///
    /// 忽略区号（0379-63193976与63193976是同一号码）；一个人有一个固定电话和一个手机的不报告。
    ///
    /// ## 依据
    /// 项目支出绩效目标表和整体绩效目标表写明对项目负责的人员及其联系方式（财预〔2021〕101号模板）。同一个人的两个号码只差一位数字，几乎总是录入错误，其中一个联系不到此人。
    ///
    /// ## 示例
    /// 朱华在五行中为`65818744`，在一行中为`65848744`：后者会被报告。
    ///
    /// ## 修改方法
    /// 改正电话号码。
    pub struct ContactPhone {
        id: "text/contact-phone",
        aliases: ["cross-reference/contact-phone"],
        severity: Warning,
        summary: "The same contact person with two phone numbers",
        summary_zh: "同一联系人有两个电话号码",
    }
}

const NAME_HEADERS: &[&str] = &["负责人", "联系人", "姓名"];
const PHONE_HEADERS: &[&str] = &["电话", "手机", "联系方式"];

/// One mention: person, normalised number, where the number is.
struct Mention<'a> {
    name: &'a str,
    phone: String,
    written: &'a str,
    span: Span,
}

impl Rule for ContactPhone {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let mut mentions: Vec<Mention> = Vec::new();
        for table in &ctx.doc.tables {
            column_mentions(table, &mut mentions);
            for row in &table.rows {
                row_mentions(row, &mut mentions);
            }
        }
        mentions.sort_by_key(|m| m.span.start);
        mentions.dedup_by_key(|m| m.span.start);
        report(&mentions, out);
    }
}

/// Name and phone columns under a header row (姓名 … 联系电话, 项目负责人 … 联系电话). The header
/// row may be anywhere in the table (the model may join tables that follow each other), and
/// it applies to the rows below it up to the next header row.
fn column_mentions<'a>(table: &'a Table, out: &mut Vec<Mention<'a>>) {
    let mut columns: Option<(usize, usize)> = None;
    for row in &table.rows {
        if let Some(pair) = header_pair(row) {
            columns = Some(pair);
            continue;
        }
        let Some((name_col, phone_col)) = columns else {
            continue;
        };
        if let (Some(n), Some(p)) = (row.cells.get(name_col), row.cells.get(phone_col)) {
            push_mention(&n.text, &p.text, p.span, out);
        }
    }
}

/// The (name, phone) column indices when `row` is a header row naming both.
fn header_pair(row: &Row) -> Option<(usize, usize)> {
    // A header cell is short (ten characters at most, checked on bytes first: it is cheap).
    let is_header = |text: &str, words: &[&str]| {
        text.len() <= 40 && text.chars().count() <= 10 && text::contains_any(text, words)
    };
    let name_col = row
        .cells
        .iter()
        .position(|c| is_header(c.text.trim(), NAME_HEADERS))?;
    let phone_col = (name_col + 1..row.cells.len().min(name_col + 4))
        .find(|&c| is_header(row.cells[c].text.trim(), PHONE_HEADERS))?;
    Some((name_col, phone_col))
}

/// Label–value pairs inside one row: `单位负责人 朱华 联系电话 65818744`.
fn row_mentions<'a>(row: &'a Row, out: &mut Vec<Mention<'a>>) {
    let cells = &row.cells;
    for (i, label) in cells.iter().enumerate() {
        // 负责人/联系人 end in 人, 姓名 in 名: skip every other cell without allocating.
        if !label.text.trim_end().ends_with(['人', '名']) {
            continue;
        }
        let compact: String = label.text.chars().filter(|c| !c.is_whitespace()).collect();
        if !NAME_HEADERS.iter().any(|w| compact.ends_with(w)) {
            continue;
        }
        let Some(name) = cells.get(i + 1) else {
            continue;
        };
        let phone = cells
            .iter()
            .enumerate()
            .skip(i + 2)
            .take(3)
            .find(|(_, c)| PHONE_HEADERS.iter().any(|w| c.text.contains(w)));
        let Some(value) = phone.and_then(|(j, _)| cells.get(j + 1)) else {
            continue;
        };
        push_mention(&name.text, &value.text, value.span, out);
    }
}

fn push_mention<'a>(name: &'a str, phone: &'a str, span: Span, out: &mut Vec<Mention<'a>>) {
    let name = name.trim();
    let plausible_name = (2..=4).contains(&name.chars().count()) && name.chars().all(is_han);
    if let (true, Some(normalised)) = (plausible_name, normalise(phone)) {
        out.push(Mention {
            name,
            phone: normalised,
            written: phone.trim(),
            span,
        });
    }
}

/// The subscriber number: digits only, without the area code; `None` when it is not a phone
/// number.
fn normalise(phone: &str) -> Option<String> {
    let t = phone.trim();
    if t.is_empty()
        || !t
            .chars()
            .all(|c| c.is_ascii_digit() || "-－ ()（）".contains(c))
    {
        return None;
    }
    let local = t.rsplit(['-', '－', ')', '）']).next().unwrap_or(t);
    let digits: String = local.chars().filter(|c| c.is_ascii_digit()).collect();
    let digits = if digits.len() > 8 && digits.starts_with('0') && !is_mobile(&digits) {
        digits[digits.len() - 8..].to_string()
    } else {
        digits
    };
    (7..=11).contains(&digits.len()).then_some(digits)
}

fn is_mobile(digits: &str) -> bool {
    digits.len() == 11 && digits.starts_with('1')
}

fn report(mentions: &[Mention], out: &mut Vec<Diagnostic>) {
    let mut names: Vec<&str> = mentions.iter().map(|m| m.name).collect();
    names.sort_unstable();
    names.dedup();
    for name in names {
        let own: Vec<&Mention> = mentions.iter().filter(|m| m.name == name).collect();
        for mobile in [false, true] {
            let same_kind: Vec<&&Mention> = own
                .iter()
                .filter(|m| is_mobile(&m.phone) == mobile)
                .collect();
            let Some(usual) = most_used(&same_kind) else {
                continue;
            };
            let count = same_kind.iter().filter(|m| m.phone == usual.phone).count();
            for m in same_kind.iter().filter(|m| m.phone != usual.phone) {
                out.push(
                    Diagnostic::new(
                        &ContactPhone::META,
                        m.span,
                        format!(
                            "联系人“{name}”的电话“{}”与本文件其他{count}处的“{}”不一致",
                            m.written, usual.written
                        ),
                    )
                    .en(format!(
                        "Contact “{name}” has phone “{}” here but “{}” in {count} other places",
                        m.written, usual.written
                    ))
                    .related(usual.span, format!("“{name}”的电话：{}", usual.written)),
                );
            }
        }
    }
}

/// The number used most often; the first one on a tie.
fn most_used<'a>(mentions: &[&&'a Mention<'a>]) -> Option<&'a Mention<'a>> {
    let mut best: Option<(&Mention, usize)> = None;
    for m in mentions {
        let n = mentions.iter().filter(|o| o.phone == m.phone).count();
        if best.is_none_or(|(_, b)| n > b) {
            best = Some((**m, n));
        }
    }
    best.map(|(m, _)| m)
}
