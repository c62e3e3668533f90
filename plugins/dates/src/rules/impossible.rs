use budgetlint_sdk::model::{Fact, FactKind, LineIndex};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Dates that cannot exist: a month outside 1–12, a day beyond the month's length
    /// (`2021年2月30日`), or an implausible year (`302112` in a 项目实施时间 column: year
    /// 3021). Years written alone are checked too when they lie beyond 2100. A month and day
    /// without a year (`9月31日前`, a deadline in a 绩效目标表) is impossible when no year has
    /// that day: 2月30日, 4/6/9/11月31日, a month beyond 12.
    ///
    /// ## Why
    /// Project periods (项目实施时间 起/止) and deadlines are part of the 绩效目标 a budget is
    /// approved with (财预〔2021〕101号); an impossible date makes the period unverifiable and
    /// usually hides a typing error.
    ///
    /// ## Example
    /// `202101 302112` (start January 2021, end “December 3021”) is reported; when changing one
    /// digit gives the document's year, the message suggests it (202112).
    ///
    /// ## Fix
    /// Correct the date.
    ///
    /// ## 检查内容
    /// 不可能存在的日期：月份不在1至12之间、日期超过当月天数（`2021年2月30日`），或年份明显不合理（项目实施时间栏中的`302112`，即3021年）。单独出现的年份超过2100年的也报告。
    ///
    /// 没有年份的月日（绩效目标表中的期限`9月31日前`）在任何年份都不存在时也报告：2月30日，4、6、9、11月31日，月份大于12。
    ///
    /// ## 依据
    /// 项目实施期限（项目实施时间起、止）和完成时限是预算批复时绩效目标的组成部分（财预〔2021〕101号）；日期不可能存在，期限就无法核实，通常是录入错误。
    ///
    /// ## 示例
    /// `202101 302112`（起于2021年1月，止于“3021年12月”）会被报告；如果改动一位数字即得到文件所属年度，提示中会给出建议（202112）。
    ///
    /// ## 修改方法
    /// 改正日期。
    pub struct Impossible {
        id: "dates/impossible",
        aliases: ["date/impossible"],
        severity: Error,
        summary: "A date that cannot exist",
        summary_zh: "不存在的日期",
    }
}

impl Rule for Impossible {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let fy = ctx.doc.meta.fiscal_year;
        for fact in &ctx.doc.facts {
            let Some(problem) = problem(fact) else {
                continue;
            };
            let written = ctx.doc.slice(fact.span);
            let hint = suggestion(written, fy)
                .map(|s| format!("，疑为“{s}”"))
                .unwrap_or_default();
            let hint_en = suggestion(written, fy)
                .map(|s| format!("; probably “{s}”"))
                .unwrap_or_default();
            out.push(
                Diagnostic::new(
                    &Self::META,
                    fact.span,
                    format!("日期“{written}”不可能存在：{}{hint}", problem.0),
                )
                .en(format!(
                    "The date “{written}” cannot exist: {}{hint_en}",
                    problem.1
                )),
            );
        }
        let month_days = month_days_without_year(&ctx.doc.text);
        if month_days.is_empty() {
            return;
        }
        let index = LineIndex::new(&ctx.doc.text);
        for date in &month_days {
            out.push(
                Diagnostic::new(
                    &Self::META,
                    index.span(&ctx.doc.text, date.start, date.end),
                    format!("日期“{}”不可能存在：{}", date.written, date.problem.0),
                )
                .en(format!(
                    "The date “{}” cannot exist: {}",
                    date.written, date.problem.1
                )),
            );
        }
    }
}

/// A month and day written without a year, that no year has.
struct MonthDay<'t> {
    start: usize,
    end: usize,
    written: &'t str,
    problem: (String, String),
}

/// Every `M月D日` not preceded by a year (those are date facts, checked above) whose day no
/// year's month has.
fn month_days_without_year(text: &str) -> Vec<MonthDay<'_>> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices('月') {
        let before = &text[..at];
        let month_digits =
            before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let after = &text[at + '月'.len_utf8()..];
        let day_digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if !(1..=2).contains(&month_digits) || !(1..=2).contains(&day_digits) {
            continue;
        }
        let start = at - month_digits;
        if text[..start].ends_with('年') || text[..start].ends_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let day_end = at + '月'.len_utf8() + day_digits;
        if !text[day_end..].starts_with('日') {
            continue;
        }
        let (Ok(month), Ok(day)) = (
            text[start..at].parse::<u32>(),
            text[at + '月'.len_utf8()..day_end].parse::<u32>(),
        ) else {
            continue;
        };
        let end = day_end + '日'.len_utf8();
        if let Some(problem) = impossible_in_any_year(month, day) {
            out.push(MonthDay {
                start,
                end,
                written: &text[start..end],
                problem,
            });
        }
    }
    out
}

/// Why no year has day `day` of month `month` (Chinese, English), if none has.
fn impossible_in_any_year(month: u32, day: u32) -> Option<(String, String)> {
    if !(1..=12).contains(&month) {
        return Some((
            format!("月份{month}不存在"),
            format!("there is no month {month}"),
        ));
    }
    // A leap year has the most days in every month.
    let last = days_in_month(2024, month);
    (day == 0 || day > last).then(|| {
        (
            format!("{month}月最多只有{last}天"),
            format!("month {month} never has more than {last} days"),
        )
    })
}

/// What is wrong with a date fact (Chinese, English), if anything.
fn problem(fact: &Fact) -> Option<(String, String)> {
    match fact.kind {
        FactKind::Date {
            year, month, day, ..
        } => {
            if !(1949..=2100).contains(&year) {
                return Some((
                    format!("年份{year}不合理"),
                    format!("the year {year} is implausible"),
                ));
            }
            let m = month?;
            if !(1..=12).contains(&m) {
                return Some((format!("月份{m}不存在"), format!("there is no month {m}")));
            }
            let d = day?;
            let last = days_in_month(year, m);
            (d == 0 || d > last).then(|| {
                (
                    format!("{year}年{m}月只有{last}天"),
                    format!("{year}-{m:02} has {last} days"),
                )
            })
        }
        FactKind::Year { year } if year > 2100 => Some((
            format!("年份{year}不合理"),
            format!("the year {year} is implausible"),
        )),
        _ => None,
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The written date with its year replaced by the fiscal year, when they differ in one digit
/// (`302112` → `202112`).
fn suggestion(written: &str, fy: Option<i32>) -> Option<String> {
    let fy = fy?.to_string();
    let year: String = written.chars().take(4).collect();
    if year.len() != 4 || !year.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let differing = year.chars().zip(fy.chars()).filter(|(a, b)| a != b).count();
    (differing == 1).then(|| format!("{fy}{}", &written[4..]))
}
