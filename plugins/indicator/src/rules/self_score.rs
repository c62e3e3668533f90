use budgetlint_sdk::{declare_rule, Context, Decimal, Diagnostic, DocumentExt, Rule, RuleMeta};
use std::str::FromStr;

declare_rule! {
    /// ## What it checks
    /// A project's self-evaluation score stated in the text — “…项目绩效自评综述：…项目自评得分为
    /// 88.5分” — against the 总分 row of that project's 绩效自评表 (“总分 100 90.5”: 分值 100,
    /// 得分 90.5). The table is found by its title (“<项目>项目绩效自评表”) or its 项目名称 line,
    /// the statement by the project's name earlier in its paragraph (the nearest one). Only a
    /// 总分 line with exactly two figures, the first 100, is read; a project with two such
    /// tables of different totals is not judged.
    ///
    /// ## Why
    /// 中央部门决算 publish each project's 绩效自评表 with a 综述 in the 说明; 《项目支出绩效评价
    /// 管理办法》(财预〔2020〕10号) makes the score the result of the evaluation, so the text and
    /// the table state one figure. A score edited in one place only misreports the evaluation.
    ///
    /// ## Example
    /// “信息化运行维护项目绩效自评综述：…项目自评得分为88.5分” while the 信息化运行维护项目绩效
    /// 自评表 ends “总分 100 90.5”.
    ///
    /// ## Fix
    /// Correct the score in the text or in the table, whichever the item scores support.
    ///
    /// ## 检查内容
    /// 正文中项目的自评得分——“…项目绩效自评综述：…项目自评得分为88.5分”——与该项目绩效自评表的“总分”行（“总分 100 90.5”：分值100，得分90.5）对照。表按标题（“<项目>项目绩效自评表”）或“项目名称”行找到，正文的得分按其所在段落中前面最近出现的项目名称对应。只读恰有两个数、第一个为100的“总分”行；同一项目有两张总分不同的自评表时不作判断。
    ///
    /// ## 依据
    /// 中央部门决算公开每个项目的绩效自评表，并在说明中写自评综述；《项目支出绩效评价管理办法》（财预〔2020〕10号）规定得分是评价的结果，正文和表格写的是同一个数。只改了一处的得分会误报评价结果。
    ///
    /// ## 示例
    /// 正文写“信息化运行维护项目绩效自评综述：…项目自评得分为88.5分”，而信息化运行维护项目绩效自评表的末行为“总分 100 90.5”。
    ///
    /// ## 修改方法
    /// 按各项指标得分核实后，改正正文或表格中的得分。
    pub struct SelfScore {
        id: "indicator/self-score",
        severity: Error,
        summary: "A project's self-evaluation score in the text differs from its table's 总分",
        summary_zh: "正文中项目自评得分与其绩效自评表总分不一致",
    }
}

impl Rule for SelfScore {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let text = &doc.text;
        if !text.contains("自评表") || !text.contains("自评得分") {
            return;
        }
        let tables = score_tables(text);
        if tables.is_empty() {
            return;
        }
        for stated in stated_scores(text) {
            let Some(table) = project_of(text, &stated, &tables) else {
                continue;
            };
            if table.score == stated.score {
                continue;
            }
            let (s, e) = stated.span;
            let name = &table.project;
            let (ts, te) = table.total_line;
            out.push(
                Diagnostic::new(
                    &Self::META,
                    doc.span_of(s, e),
                    format!(
                        "文中“{name}”项目自评得分为 {} 分，其绩效自评表总分为 {} 分",
                        stated.score, table.score
                    ),
                )
                .en(format!(
                    "The text gives project '{name}' a self-evaluation score of {}, its 绩效自评表 totals {}",
                    stated.score, table.score
                ))
                .related(doc.span_of(ts, te), format!("自评表总分 {}", table.score)),
            );
        }
    }
}

/// A project's 绩效自评表: its name and the 得分 of its 总分 line (with the line's bytes).
#[derive(Debug)]
struct ScoreTable {
    project: String,
    score: Decimal,
    total_line: (usize, usize),
}

/// A score the prose states: “自评得分为88.5分” (the figure's bytes) and where its paragraph
/// (line) starts.
#[derive(Debug)]
struct Stated {
    score: Decimal,
    span: (usize, usize),
    line_start: usize,
}

/// The lines of `text` with their byte offsets (form feeds and white space trimmed).
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split('\n').scan(0usize, |at, line| {
        let start = *at;
        *at += line.len() + 1;
        let lead = line.len() - line.trim_start().len();
        Some((start + lead, line.trim()))
    })
}

fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// How many lines after a table's title its 总分 line may come (a table of a few pages).
const TABLE_LINES: usize = 150;

/// Every 绩效自评表 with a readable 总分 line, in text order. A project named twice with
/// different totals is dropped (which one the text means is a guess).
fn score_tables(text: &str) -> Vec<ScoreTable> {
    let all: Vec<(usize, &str)> = lines(text).collect();
    let mut out: Vec<ScoreTable> = Vec::new();
    for (i, (_, line)) in all.iter().enumerate() {
        let Some(title) = compact(line).strip_suffix("绩效自评表").map(str::to_string) else {
            continue;
        };
        let rest = &all[i + 1..(i + 1 + TABLE_LINES).min(all.len())];
        let end = rest
            .iter()
            .position(|(_, l)| compact(l).ends_with("自评表"))
            .unwrap_or(rest.len());
        let body = &rest[..end];
        let Some(project) = project_name(&title, body) else {
            continue;
        };
        let Some(total) = body.iter().find_map(|&(at, l)| total_score(at, l)) else {
            continue;
        };
        out.push(ScoreTable {
            project,
            score: total.0,
            total_line: total.1,
        });
    }
    let clash = |t: &ScoreTable| {
        out.iter()
            .any(|o| o.project == t.project && o.score != t.score)
    };
    let keep: Vec<bool> = out.iter().map(|t| !clash(t)).collect();
    out.into_iter()
        .zip(keep)
        .filter_map(|(t, k)| k.then_some(t))
        .collect()
}

/// The project's name: the 项目名称 line of the table, else the title without 项目.
fn project_name(title: &str, body: &[(usize, &str)]) -> Option<String> {
    let named = body.iter().take(5).find_map(|(_, l)| {
        let c = compact(l);
        c.strip_prefix("项目名称")
            .map(|n| n.trim_start_matches(['：', ':']).to_string())
    });
    let name = named
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| title.trim_end_matches("项目").to_string());
    (name.chars().count() >= 2).then_some(name)
}

/// `总分 100 90.5`: the 得分 and the line's bytes, when the line holds exactly two figures
/// and the first is 100.
fn total_score(at: usize, line: &str) -> Option<(Decimal, (usize, usize))> {
    let rest = line.strip_prefix("总分")?;
    let figures: Vec<Decimal> = rest
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(Decimal::from_str)
        .collect::<Result<_, _>>()
        .ok()?;
    match figures.as_slice() {
        [full, score] if *full == Decimal::from(100) && *score <= *full => {
            Some((*score, (at, at + line.len())))
        }
        _ => None,
    }
}

/// Every “自评得分为88.5分” (也 “自评得分：88.5分”, “自评得分88.5分”) of the text.
fn stated_scores(text: &str) -> Vec<Stated> {
    let mut out = Vec::new();
    for (line_start, line) in lines(text) {
        for (at, word) in line.match_indices("自评得分") {
            let after = &line[at + word.len()..];
            let skipped = after.len()
                - after
                    .trim_start_matches(|c: char| {
                        c.is_whitespace() || matches!(c, '为' | '：' | ':')
                    })
                    .len();
            let figure = &after[skipped..];
            let len = figure
                .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                .unwrap_or(figure.len());
            if !figure[len..].trim_start().starts_with('分') {
                continue;
            }
            let Ok(score) = Decimal::from_str(&figure[..len]) else {
                continue;
            };
            let start = line_start + at + word.len() + skipped;
            out.push(Stated {
                score,
                span: (start, start + len),
                line_start,
            });
        }
    }
    out
}

/// The table of the project named last before the statement in its paragraph (a longer name
/// wins at the same place).
fn project_of<'t>(text: &str, stated: &Stated, tables: &'t [ScoreTable]) -> Option<&'t ScoreTable> {
    let before = &text[stated.line_start..stated.span.0];
    tables
        .iter()
        .filter_map(|t| before.rfind(&t.project).map(|p| (p + t.project.len(), t)))
        .max_by_key(|(end, t)| (*end, t.project.len()))
        .map(|(_, t)| t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_total_line_needs_two_figures_the_first_100() {
        assert_eq!(
            total_score(0, "总分  100   90.5").map(|t| t.0),
            Decimal::from_str("90.5").ok()
        );
        assert!(total_score(0, "总分 100").is_none());
        assert!(total_score(0, "总分 90 80").is_none());
        assert!(total_score(0, "总分 100 90 优").is_none());
    }

    #[test]
    fn scores_are_read_with_or_without_为() {
        let s =
            stated_scores("甲项目自评得分为 88.5 分。乙项目自评得分：92分；丙项目自评得分较高。");
        let scores: Vec<String> = s.iter().map(|x| x.score.to_string()).collect();
        assert_eq!(scores, ["88.5", "92"]);
    }
}
