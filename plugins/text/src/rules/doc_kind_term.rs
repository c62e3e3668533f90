use crate::support::Spans;
use budgetlint_sdk::model::{Block, DocKind, Document};
use budgetlint_sdk::{declare_rule, Applicability, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Headings, 目录 entries and table titles that name the wrong kind of document:
    /// - 决算 in a budget (预算) document (`八、政府性基金预算支出决算情况说明`), unless the
    ///   heading is about an earlier year (上年, 2020年决算 in a 2021 budget) or says 预决算;
    /// - 预算 in a final-accounts (决算) document where 决算 is meant (`三、支出预算情况说明`),
    ///   leaving alone the names that contain 预算 in every document: 一般公共预算,
    ///   政府性基金预算, 国有资本经营预算, 年初预算, 预算绩效, 预算执行, 预算单位, 预算数 ….
    ///
    /// ## Why
    /// 地方预决算公开操作规程 (财预〔2016〕143号) gives 部门预算 and 部门决算 separate contents; a
    /// heading of the other kind is copied from the other template and misleads the reader about
    /// what the figures under it are (reviewing practice: GOV V33-236).
    ///
    /// ## Example
    /// In a 2021 budget, `八、政府性基金预算支出决算情况说明` is reported while its siblings say
    /// `…预算情况说明`.
    ///
    /// ## Fix
    /// Use the document's own term (unsafe: a reviewer must confirm the section is not really
    /// about the other kind of figures).
    ///
    /// ## 检查内容
    /// 标题、目录条目和表题中用错了文件类型：
    /// - 预算文件中出现“决算”（`八、政府性基金预算支出决算情况说明`），但说的是以前年度（上年、2021年预算中的2020年决算）或写作“预决算”的除外；
    /// - 决算文件中应写“决算”处写了“预算”（`三、支出预算情况说明`），各类文件中都含“预算”二字的名称不在此列：一般公共预算、政府性基金预算、国有资本经营预算、年初预算、预算绩效、预算执行、预算单位、预算数等。
    ///
    /// ## 依据
    /// 《地方预决算公开操作规程》（财预〔2016〕143号）对部门预算和部门决算分别规定了公开内容；用了另一类文件措辞的标题，是从另一套模板中抄来的，会误导读者对其下数字性质的理解。
    ///
    /// ## 示例
    /// 2021年预算中，同级标题都写`…预算情况说明`，而`八、政府性基金预算支出决算情况说明`会被报告。
    ///
    /// ## 修改方法
    /// 使用本文件的类型用语（不安全修复：审核人员须确认该部分说的确实不是另一类数字）。
    pub struct DocKindTerm {
        id: "text/doc-kind-term",
        aliases: ["wording/doc-kind-term"],
        severity: Warning,
        summary: "决算 wording in a 预算 document or vice versa",
        summary_zh: "预算文件中使用决算措辞，或反之",
    }
}

/// Names that contain 预算 in final accounts too: (text before 预算, text after 预算).
const BEFORE_YUSUAN: &[&str] = &[
    "一般公共",
    "政府性基金",
    "国有资本经营",
    "社会保险基金",
    "年初",
    "全年",
    "调整",
    "追加",
];
const AFTER_YUSUAN: &[&str] = &[
    "绩效",
    "执行",
    "单位",
    "管理",
    "法",
    "数",
    "调整",
    "批复",
    "资金",
    "拨款",
    "安排的",
];

impl Rule for DocKindTerm {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let Some(kind) = doc.meta.kind else { return };
        let spans = Spans::new(doc);
        for (start, title) in titled_lines(doc) {
            let hits = match kind {
                DocKind::Budget => budget_misuse(title, doc.meta.fiscal_year),
                DocKind::FinalAccounts => final_accounts_misuse(title),
            };
            for at in hits {
                let span = spans.span(start + at, start + at + "决算".len());
                let (wrong, right) = if kind == DocKind::Budget {
                    ("决算", "预算")
                } else {
                    ("预算", "决算")
                };
                let what = if kind == DocKind::Budget {
                    ("预算", "budget")
                } else {
                    ("决算", "final-accounts")
                };
                out.push(
                    Diagnostic::new(
                        &Self::META,
                        span,
                        format!(
                            "{}文件的标题“{}”使用了“{wrong}”，应为“{right}”",
                            what.0,
                            title.trim()
                        ),
                    )
                    .en(format!(
                        "The heading “{}” of a {} document says {wrong}; expected {right}",
                        title.trim(),
                        what.1
                    ))
                    .replace(
                        span,
                        right,
                        format!("改为“{right}”"),
                        Applicability::Unsafe,
                    ),
                );
            }
        }
    }
}

/// Heading titles, 目录 entries and table captions: (byte start of the text, text).
pub(crate) fn titled_lines(doc: &Document) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    for block in &doc.blocks {
        match block {
            Block::Heading(h) => out.push((h.title_span.start as usize, doc.slice(h.title_span))),
            Block::Toc(toc) => out.extend(
                toc.entries
                    .iter()
                    .map(|e| (e.span.start as usize, doc.slice(e.span))),
            ),
            _ => {}
        }
    }
    for table in &doc.tables {
        if let Some(span) = table.title_span {
            out.push((span.start as usize, doc.slice(span)));
        }
    }
    // A caption may also be a heading block.
    out.sort_by_key(|(start, _)| *start);
    out.dedup_by_key(|(start, _)| *start);
    out
}

/// Byte offsets of 决算 in a budget heading that should say 预算.
fn budget_misuse(title: &str, fiscal_year: Option<i32>) -> Vec<usize> {
    let earlier_year = fiscal_year.is_some_and(|fy| mentions_year_before(title, fy));
    if earlier_year
        || ["上年", "上一年", "去年", "以前年度"]
            .iter()
            .any(|w| title.contains(w))
    {
        return Vec::new();
    }
    title
        .match_indices("决算")
        .map(|(p, _)| p)
        .filter(|&p| !title[..p].ends_with('预'))
        .collect()
}

/// Byte offsets of 预算 in a final-accounts heading that should say 决算.
fn final_accounts_misuse(title: &str) -> Vec<usize> {
    if title.contains("决算") {
        return Vec::new();
    }
    title
        .match_indices("预算")
        .map(|(p, _)| p)
        .filter(|&p| {
            let (before, after) = (&title[..p], &title[p + "预算".len()..]);
            !BEFORE_YUSUAN.iter().any(|w| before.ends_with(w))
                && !AFTER_YUSUAN.iter().any(|w| after.starts_with(w))
        })
        .collect()
}

/// True when `text` names a four-digit year before `fy`.
fn mentions_year_before(text: &str, fy: i32) -> bool {
    let digits: Vec<(usize, char)> = text.char_indices().collect();
    digits.windows(4).any(|w| {
        let s: String = w.iter().map(|(_, c)| *c).collect();
        let bounded = w[0].0 == 0 || !text[..w[0].0].ends_with(|c: char| c.is_ascii_digit());
        bounded
            && s.chars().all(|c| c.is_ascii_digit())
            && s.parse::<i32>().is_ok_and(|y| (1990..fy).contains(&y))
    })
}
