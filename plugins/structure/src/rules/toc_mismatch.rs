use super::{TocTableDoubt, TocTitleDiffers};
use crate::layout::{
    annex_marker, block_title, caption_text, is_annex_title, names_a_table, placed_tables,
    PlacedTable,
};
use crate::rules::heading_numbering::bracketed;
use crate::text::{compact_issuer, compact_title, compact_title_without, lcs_len};
use budgetlint_sdk::model::{Block, Document, NumberingStyle, Toc, TocEntry};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta, Span};
use std::ops::Range;

declare_rule! {
    /// ## What it checks
    /// The 目录 (table of contents) against the body:
    /// - every entry must be found in the body: parts (`第一部分`) and numbered sections as
    ///   headings with the same number, table entries (the ones under `附件`/`附表`, or whose
    ///   title names a table) as table titles in the matching part or attachment;
    /// - in the same order;
    /// - with the same title (compared without spaces, years, the body's own name, quotes and a
    ///   trailing 情况/说明): a different title is `structure/toc-title-differs` (an info).
    ///
    /// Table titles are matched identical first, then a body title that holds the listed one
    /// (between the matches of the neighbouring entries, so that `三、支出决算表` does not take the
    /// table of `五、一般公共预算财政拨款支出决算表`); a table titled exactly as listed but elsewhere
    /// in the order is `structure/toc-table-doubt` (an info). An entry over a list of tables (`五、部门预算表` over `1. …表`)
    /// is a group heading the body need not print.
    ///
    /// A table entry with no titled table in the body is reported as missing (warning); when the
    /// attachment does hold tables without any title at that place, the table may be there
    /// without its caption: that is `structure/toc-table-doubt`, which points at them.
    ///
    /// ## Why
    /// The 目录 is what readers and evaluators check completeness against (财政部 地方预决算公开
    /// 专项检查: 完整性; 《地方预决算公开操作规程》 财预〔2016〕143号: 公开内容完整). A listed
    /// table that is absent means a required table was not published, or the 目录 was copied
    /// from a template without being updated.
    ///
    /// ## Example
    /// ```text
    /// 目录 … 六、支出预算分类汇总表（按支出经济分类）  ← no such table in the 附件
    ///        八、政府性基金预算支出情况表            ← missing
    /// ```
    ///
    /// ## Fix
    /// Publish the missing table (an empty table with a note if there is no data), or update the
    /// 目录 so that its entries and titles match the body.
    ///
    /// ## 检查内容
    /// 目录与正文对照：
    /// - 每个条目都必须在正文中找到：部分（`第一部分`）和带编号的节对应编号相同的标题，表格条目（`附件`/`附表`下的条目，或标题是表名的条目）对应相应部分或附件中的表题；
    /// - 顺序相同；
    /// - 标题相同（比较时忽略空格、年份、单位自己的名称、引号和末尾的“情况”“说明”）。标题不同由 `structure/toc-title-differs` 作为提示报告。
    ///
    /// 表格条目在正文中找不到带表题的表，报告为缺少（警告）；附件中该位置确有没有表题的表格时，表可能在、只是缺了表题，由 `structure/toc-table-doubt` 作为提示报告并指向这些表格；表题相同但顺序不同的表也由该规则报告。
    ///
    /// ## 依据
    /// 读者和评审人员据目录核对完整性（财政部地方预决算公开专项检查：完整性；《地方预决算公开操作规程》财预〔2016〕143号：公开内容完整）。目录列出而正文中没有的表，说明必须公开的表没有公开，或目录是从模板复制而未更新的。
    ///
    /// ## 示例
    /// ```text
    /// 目录 … 六、支出预算分类汇总表（按支出经济分类）  ← 附件中没有这张表
    ///        八、政府性基金预算支出情况表            ← 缺少
    /// ```
    ///
    /// ## 修改方法
    /// 公开缺少的表（没有数据时公开空表并加说明），或更新目录，使条目和标题与正文一致。
    pub struct TocMismatch {
        id: "structure/toc-mismatch",
        severity: Warning,
        summary: "The 目录 lists entries the body lacks, in another order, or with other titles",
        summary_zh: "目录所列条目正文中没有、顺序不同或标题不同",
    }
}

impl Rule for TocMismatch {
    fn meta(&self) -> &'static budgetlint_sdk::RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        report(ctx, &Self::META, out);
    }
}

/// The findings of the 目录 comparison that belong to `meta`'s rule: the comparison runs once
/// per document ([`TocFindings`]), each finding made under the rule of its judgement (this
/// rule, `structure/toc-title-differs` or `structure/toc-table-doubt`).
pub(crate) fn report(ctx: &Context, meta: &'static RuleMeta, out: &mut Vec<Diagnostic>) {
    let all = ctx.view::<TocFindings>();
    out.extend(all.iter().filter(|d| d.rule == meta.id).cloned());
}

budgetlint_sdk::document_view! {
    /// Every finding of the 目录 comparison, of the three rules that share it.
    TocFindings<'d>: Vec<Diagnostic> = |doc| {
        let mut all = Vec::new();
        compare_toc(doc, &mut all);
        all
    }
}

fn compare_toc(doc: &Document, out: &mut Vec<Diagnostic>) {
    let issuer = compact_issuer(doc.meta.issuer.as_deref());
    for (i, block) in doc.blocks.iter().enumerate() {
        if let Block::Toc(toc) = block {
            let body = Body {
                doc,
                start: i + 1,
                end: doc.blocks.len(),
                issuer: issuer.as_deref(),
            };
            // With no text after the 目录 (or a 目录 that swallowed the text: entries that are
            // sentences) there is nothing to compare.
            let has_body = doc
                .blocks
                .iter()
                .skip(body.start)
                .any(|b| matches!(b, Block::Heading(_) | Block::Paragraph(_)));
            let looks_like_toc = toc.entries.iter().all(|e| !e.title.contains('。'));
            if has_body && looks_like_toc {
                check_toc(&body, toc, out);
            }
        }
    }
}

/// The part of the document the 目录 describes.
struct Body<'d> {
    doc: &'d Document,
    start: usize,
    end: usize,
    /// The issuer's name, compacted ([`compact_issuer`]).
    issuer: Option<&'d str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Part,
    Section,
    AnnexMarker,
    /// An entry over the tables listed under it (`五、部门预算表` over `1. …总表` `2. …`): the
    /// body may print the tables without such a heading.
    TableGroup,
    Table,
}

/// A 目录 entry with its role and the part it belongs to.
struct Entry<'t> {
    entry: &'t TocEntry,
    role: Role,
    /// Index (into the entries) of the part entry above it.
    part: Option<usize>,
    /// Whether it follows an attachments marker (`附件：…`).
    in_annex: bool,
}

fn roles(toc: &Toc) -> Vec<Entry<'_>> {
    let mut out = Vec::new();
    let (mut part, mut in_annex) = (None, false);
    for (i, e) in toc.entries.iter().enumerate() {
        let compact = compact_title(&e.title);
        let role = if e.numbering.style == NumberingStyle::Part {
            part = Some(i);
            in_annex = is_annex_title(&compact);
            Role::Part
        } else if is_annex_title(&compact) {
            in_annex = true;
            Role::AnnexMarker
        } else if names_a_table(&compact) && heads_tables(toc, i) {
            Role::TableGroup
        } else if in_annex || names_a_table(&compact) {
            Role::Table
        } else {
            Role::Section
        };
        out.push(Entry {
            entry: e,
            role,
            part,
            in_annex: in_annex && role != Role::Part,
        });
    }
    out
}

/// Whether entry `i` heads a list of tables: the next entry is of another numbering style (a
/// level below) and names a table.
fn heads_tables(toc: &Toc, i: usize) -> bool {
    let (Some(e), Some(next)) = (toc.entries.get(i), toc.entries.get(i + 1)) else {
        return false;
    };
    e.numbering.style != NumberingStyle::None
        && next.numbering.style != NumberingStyle::None
        && next.numbering.style != e.numbering.style
        && next.numbering.ordinal == 1
        && names_a_table(&compact_title(&next.title))
}

fn check_toc(body: &Body, toc: &Toc, out: &mut Vec<Diagnostic>) {
    let entries = roles(toc);
    let part_ranges = match_parts(body, &entries, out);
    let range_of = |e: &Entry| -> Range<usize> {
        e.part
            .and_then(|p| part_ranges.get(&p).cloned())
            .unwrap_or(body.start..body.end)
    };
    // Sections and tables are matched per part (or attachment), in order.
    let mut groups: Vec<(Option<usize>, bool, Vec<&Entry>)> = Vec::new();
    for e in entries
        .iter()
        .filter(|e| matches!(e.role, Role::Section | Role::Table))
    {
        let key = (e.part, e.role == Role::Table);
        match groups.last_mut() {
            Some((p, t, list)) if (*p, *t) == key => list.push(e),
            _ => groups.push((key.0, key.1, vec![e])),
        }
    }
    let placed = placed_tables(body.doc);
    for (_, is_table, group) in groups {
        let Some(first) = group.first() else { continue };
        let mut range = range_of(first);
        if is_table {
            if first.in_annex {
                if let Some(marker) = annex_marker(body.doc, range.start).filter(|&m| m < range.end)
                {
                    range.start = marker + 1;
                }
            }
            match_tables(body, &group, range, &placed, out);
        } else {
            match_sections(body, &group, range, out);
        }
    }
}

/// The body's title of a heading: its own text, or for a bare `第一部分` the line under it.
fn body_title(body: &Body, i: usize) -> Option<(String, Span)> {
    let doc = body.doc;
    let block = doc.blocks.get(i)?;
    let (title, span) = block_title(doc, block)?;
    // A numbered paragraph may run its title into the text: `一、收入说明：2021年收入…`.
    let lead_in = title.split(['：', ':', '。']).next().unwrap_or(title);
    let compact = compact_title_without(lead_in, body.issuer);
    if !compact.is_empty() || !matches!(block, Block::Heading(_)) {
        return Some((compact, span));
    }
    let next = doc.blocks.get(i + 1).and_then(|b| caption_text(doc, b))?;
    let (text, _) = block_title(doc, doc.blocks.get(i + 1)?)?;
    Some((compact_title_without(text, body.issuer), next.1))
}

fn entry_title(body: &Body, e: &TocEntry) -> String {
    compact_title_without(&e.title, body.issuer)
}

/// Generic endings that a 目录 and a heading may or may not write.
fn core_title(t: &str) -> &str {
    ["情况说明", "说明", "情况"]
        .iter()
        .find_map(|s| t.strip_suffix(s))
        .filter(|c| c.chars().count() >= 2)
        .unwrap_or(t)
}

fn titles_agree(a: &str, b: &str) -> bool {
    let (a, b) = (core_title(a), core_title(b));
    if a == b {
        return true;
    }
    let (ac, bc): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let longest = ac.len().max(bc.len());
    longest > 0 && lcs_len(&ac, &bc) as f64 >= 0.9 * longest as f64
}

/// Matches `第N部分` entries to the body's part headings; returns each matched part's block range.
fn match_parts(
    body: &Body,
    entries: &[Entry],
    out: &mut Vec<Diagnostic>,
) -> std::collections::HashMap<usize, Range<usize>> {
    let doc = body.doc;
    let part_heads: Vec<(usize, u32)> = (body.start..body.end)
        .filter_map(|i| match doc.blocks.get(i) {
            Some(Block::Heading(h)) if h.numbering.style == NumberingStyle::Part => {
                Some((i, h.numbering.ordinal))
            }
            _ => None,
        })
        .collect();
    let mut ranges = std::collections::HashMap::new();
    let mut cursor = 0;
    for (idx, e) in entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.role == Role::Part)
    {
        let found = part_heads
            .iter()
            .enumerate()
            .skip(cursor)
            .find(|(_, (_, n))| *n == e.entry.numbering.ordinal);
        let Some((k, &(block, _))) = found else {
            out.push(missing(
                e.entry,
                "正文中没有这一部分",
                "the body has no such part",
            ));
            continue;
        };
        cursor = k + 1;
        let end = part_heads.get(k + 1).map(|&(b, _)| b).unwrap_or(body.end);
        ranges.insert(idx, block..end);
        compare_titles(body, e.entry, block, out);
    }
    ranges
}

fn compare_titles(body: &Body, e: &TocEntry, block: usize, out: &mut Vec<Diagnostic>) {
    let Some((found, span)) = body_title(body, block) else {
        return;
    };
    let listed = entry_title(body, e);
    if listed.is_empty() || found.is_empty() || titles_agree(&listed, &found) {
        return;
    }
    let shown = on_one_line(body.doc.slice(span));
    out.push(
        Diagnostic::new(
            &TocTitleDiffers::META,
            e.span,
            format!(
                "目录中的“{}{}”与正文标题“{}”（第{}行）不一致",
                e.numbering.marker.trim(),
                e.title.trim(),
                shown,
                span.line
            ),
        )
        .en(format!(
            "The 目录 entry '{}{}' differs from the body's heading '{}' (line {})",
            e.numbering.marker.trim(),
            e.title.trim(),
            shown,
            span.line
        ))
        .related(span, "正文标题"),
    );
}

fn missing(e: &TocEntry, why: &str, why_en: &str) -> Diagnostic {
    let listed = format!("{}{}", e.numbering.marker.trim(), e.title.trim());
    Diagnostic::new(
        &TocMismatch::META,
        e.span,
        format!("目录列出的“{listed}”在正文中找不到：{why}"),
    )
    .en(format!(
        "The 目录 lists '{listed}' but the body lacks it: {why_en}"
    ))
}

/// Body headings (and short numbered paragraphs) that can stand for a section entry.
fn section_candidates(body: &Body, range: &Range<usize>) -> Vec<usize> {
    let doc = body.doc;
    range
        .clone()
        .filter(|&i| match doc.blocks.get(i) {
            Some(Block::Heading(h)) => h.numbering.style != NumberingStyle::None,
            Some(Block::Paragraph(p)) => p.numbering.is_some(),
            _ => false,
        })
        .collect()
}

/// Whether a body heading's number stands for a 目录 entry's: the same ordinal written in the
/// same shape (`一、` may be `1、`; `（一）` may be `（1）` — the numbering rule reports that).
fn same_number(body: Option<(NumberingStyle, u32)>, want: (NumberingStyle, u32)) -> bool {
    body.is_some_and(|(style, n)| {
        n == want.1
            && style != NumberingStyle::Part
            && want.0 != NumberingStyle::Part
            && bracketed(style) == bracketed(want.0)
    })
}

fn numbering_of(doc: &Document, i: usize) -> Option<(NumberingStyle, u32)> {
    match doc.blocks.get(i)? {
        Block::Heading(h) => Some((h.numbering.style, h.numbering.ordinal)),
        Block::Paragraph(p) => p.numbering.as_ref().map(|n| (n.style, n.ordinal)),
        _ => None,
    }
}

fn match_sections(body: &Body, group: &[&Entry], range: Range<usize>, out: &mut Vec<Diagnostic>) {
    let doc = body.doc;
    let candidates = section_candidates(body, &range);
    let mut cursor = 0;
    for e in group {
        let want = (e.entry.numbering.style, e.entry.numbering.ordinal);
        let listed = entry_title(body, e.entry);
        // The heading with both the number and the title comes first: a same-numbered item of
        // another list (a table row, a sub-list) must not move the cursor past the section.
        let numbered = |i: usize| same_number(numbering_of(doc, i), want);
        let titled = |i: usize| {
            body_title(body, i).is_some_and(|(t, _)| t.is_empty() || titles_agree(&listed, &t))
        };
        let by_number = candidates
            .iter()
            .enumerate()
            .skip(cursor)
            .find(|(_, &i)| numbered(i) && titled(i))
            .or_else(|| {
                candidates
                    .iter()
                    .enumerate()
                    .skip(cursor)
                    .find(|(_, &i)| numbered(i))
            });
        let by_title = candidates.iter().find(|&&i| {
            body_title(body, i).is_some_and(|(t, _)| !t.is_empty() && titles_agree(&listed, &t))
        });
        if let Some((k, &block)) = by_number {
            cursor = k + 1;
            let agrees = body_title(body, block)
                .is_some_and(|(t, _)| t.is_empty() || titles_agree(&listed, &t));
            match by_title {
                // The numbered heading has another title and the listed title sits elsewhere:
                // the sections were moved or renumbered.
                Some(&elsewhere) if !agrees && elsewhere != block => {
                    out.push(misplaced(body, e.entry, elsewhere, &TocMismatch::META))
                }
                _ => compare_titles(body, e.entry, block, out),
            }
            continue;
        }
        match by_title {
            Some(&block) => out.push(misplaced(body, e.entry, block, &TocMismatch::META)),
            None => out.push(missing(
                e.entry,
                "没有编号和标题相符的标题",
                "no heading with this number or title",
            )),
        }
    }
}

/// An entry found at another number or place; `meta` is the rule of its judgement.
fn misplaced(body: &Body, e: &TocEntry, block: usize, meta: &'static RuleMeta) -> Diagnostic {
    let (text, span) = body
        .doc
        .blocks
        .get(block)
        .and_then(|b| block_title(body.doc, b))
        .unwrap_or(("", e.span));
    let listed = format!("{}{}", e.numbering.marker.trim(), e.title.trim());
    Diagnostic::new(
        meta,
        e.span,
        format!(
            "目录列出的“{listed}”在正文中的编号或位置不同（第{}行“{}”）",
            span.line,
            text.trim()
        ),
    )
    .en(format!(
        "The 目录 entry '{listed}' appears in the body with another number or position (line {})",
        span.line
    ))
    .related(span, "正文中的对应标题")
}

/// A caption line that may title a listed table.
struct Candidate {
    block: usize,
    title: String,
    span: Span,
}

fn table_candidates(body: &Body, range: &Range<usize>) -> Vec<Candidate> {
    let doc = body.doc;
    range
        .clone()
        .filter_map(|i| {
            let block = doc.blocks.get(i)?;
            caption_text(doc, block)?;
            let (title, span) = block_title(doc, block)?;
            let title = compact_title_without(title, body.issuer);
            let tail = wrapped_tail(doc, i, &title).unwrap_or_default();
            let title = title + &tail;
            (!title.is_empty()).then_some(Candidate {
                block: i,
                title,
                span,
            })
        })
        .collect()
}

/// The end of a caption wrapped onto the next line (`…支出预` / `算表`): a short line with no
/// marker that ends in 表, under a caption that does not.
fn wrapped_tail(doc: &Document, i: usize, title: &str) -> Option<String> {
    if names_a_table(title) {
        return None;
    }
    let Some(Block::Paragraph(p)) = doc.blocks.get(i + 1) else {
        return None;
    };
    let tail = compact_title(doc.slice(p.text_span));
    (p.numbering.is_none() && tail.ends_with('表') && tail.chars().count() <= 4).then_some(tail)
}

fn exact_table_match(listed: &str, c: &Candidate) -> bool {
    c.title == listed || (listed.chars().count() >= 4 && c.title.contains(listed))
}

/// The title shares almost all of the entry's characters, in order.
fn close_table_match(listed: &str, c: &Candidate) -> Option<f64> {
    if listed.ends_with('表') != c.title.ends_with('表') {
        return None;
    }
    let (a, b): (Vec<char>, Vec<char>) = (listed.chars().collect(), c.title.chars().collect());
    let common = lcs_len(&a, &b) as f64;
    (common >= 0.85 * a.len() as f64 && common >= 0.5 * b.len() as f64)
        .then_some(common / a.len() as f64)
}

fn match_tables(
    body: &Body,
    group: &[&Entry],
    range: Range<usize>,
    placed: &[PlacedTable],
    out: &mut Vec<Diagnostic>,
) {
    let candidates = table_candidates(body, &range);
    let listed: Vec<String> = group.iter().map(|e| entry_title(body, e.entry)).collect();
    let mut matched: Vec<Option<usize>> = vec![None; group.len()];
    // Pass 1: identical titles, in order.
    let mut cursor = 0;
    for (k, title) in listed.iter().enumerate() {
        if let Some(pos) = (cursor..candidates.len()).find(|&c| candidates[c].title == *title) {
            matched[k] = Some(pos);
            cursor = pos + 1;
        }
    }
    // Pass 2: a title that holds the listed one (`支出决算表` in `一般公共预算财政拨款支出决算
    // 表`), between the neighbours' matches, so that a short entry does not take the table of
    // a longer entry listed after it.
    for k in 0..group.len() {
        if matched[k].is_none() {
            let (lo, hi) = between(&matched, k, candidates.len());
            let taken: Vec<usize> = matched.iter().flatten().copied().collect();
            matched[k] = (lo..hi.max(lo))
                .filter(|c| !taken.contains(c))
                .find(|&c| exact_table_match(&listed[k], &candidates[c]));
        }
    }
    // Pass 3: close titles, between the neighbours' matches.
    for k in 0..group.len() {
        if matched[k].is_some() {
            continue;
        }
        let (lo, hi) = between(&matched, k, candidates.len());
        let taken: Vec<usize> = matched.iter().flatten().copied().collect();
        let best = (lo..hi.max(lo))
            .filter(|c| !taken.contains(c))
            .filter_map(|c| close_table_match(&listed[k], &candidates[c]).map(|score| (c, score)))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        matched[k] = best.map(|(c, _)| c);
    }
    // Pass 4: a table titled exactly as listed but elsewhere in the order is there, out of
    // order (an info), not missing.
    let mut out_of_order = vec![false; group.len()];
    for k in 0..group.len() {
        if matched[k].is_none() {
            let taken: Vec<usize> = matched.iter().flatten().copied().collect();
            matched[k] = (0..candidates.len())
                .find(|&c| !taken.contains(&c) && candidates[c].title == listed[k]);
            out_of_order[k] = matched[k].is_some();
        }
    }
    for (k, e) in group.iter().enumerate() {
        match matched[k] {
            Some(c) if out_of_order[k] => {
                out.push(misplaced(
                    body,
                    e.entry,
                    candidates[c].block,
                    &TocTableDoubt::META,
                ));
            }
            Some(c) => {
                let cand = &candidates[c];
                if !titles_agree(&listed[k], &cand.title)
                    && !cand.title.contains(listed[k].as_str())
                {
                    compare_table_title(body, e.entry, cand, out);
                }
            }
            None => out.push(missing_table(
                body,
                group,
                &matched,
                k,
                &candidates,
                &range,
                placed,
            )),
        }
    }
}

/// The candidates between the matches of the entries before and after entry `k`.
fn between(matched: &[Option<usize>], k: usize, len: usize) -> (usize, usize) {
    let lo = matched[..k]
        .iter()
        .rev()
        .find_map(|m| *m)
        .map(|m| m + 1)
        .unwrap_or(0);
    let hi = matched[k + 1..].iter().find_map(|m| *m).unwrap_or(len);
    (lo, hi)
}

fn compare_table_title(body: &Body, e: &TocEntry, cand: &Candidate, out: &mut Vec<Diagnostic>) {
    let shown = body.doc.slice(cand.span).trim().to_string();
    out.push(
        Diagnostic::new(
            &TocTitleDiffers::META,
            e.span,
            format!(
                "目录中的表名“{}”与正文表名“{}”（第{}行）不一致",
                e.title.trim(),
                shown,
                cand.span.line
            ),
        )
        .en(format!(
            "The 目录 table title '{}' differs from the body's '{}' (line {})",
            e.title.trim(),
            shown,
            cand.span.line
        ))
        .related(cand.span, "正文表名"),
    );
}

/// A listed table not found by title: missing, or possibly one of the untitled tables that sit
/// where it should be.
fn missing_table(
    body: &Body,
    group: &[&Entry],
    matched: &[Option<usize>],
    k: usize,
    candidates: &[Candidate],
    range: &Range<usize>,
    placed: &[PlacedTable],
) -> Diagnostic {
    let e = group[k].entry;
    let listed = format!("{}{}", e.numbering.marker.trim(), e.title.trim());
    let lo = matched[..k]
        .iter()
        .rev()
        .find_map(|m| *m)
        .map(|c| candidates[c].block)
        .unwrap_or(range.start);
    let hi = matched[k + 1..]
        .iter()
        .find_map(|m| *m)
        .map(|c| candidates[c].block)
        .unwrap_or(range.end);
    let untitled: Vec<&PlacedTable> = placed
        .iter()
        .filter(|t| (t.block as usize) > lo && (t.block as usize) < hi)
        .filter(|t| !has_own_title(body, t, candidates, matched))
        .collect();
    if untitled.is_empty() {
        let place = if group[k].in_annex {
            "附件中没有这张表"
        } else {
            "正文中没有这张表"
        };
        return Diagnostic::new(
            &TocMismatch::META,
            e.span,
            format!("目录列出的“{listed}”在正文中找不到：{place}"),
        )
        .en(format!(
            "The 目录 lists '{listed}' but no table with this title is in the body"
        ));
    }
    let lines: Vec<String> = untitled.iter().map(|t| t.span.line.to_string()).collect();
    let mut d = Diagnostic::new(
        &TocTableDoubt::META,
        e.span,
        format!(
            "目录列出的“{listed}”在正文中没有带标题的表；此处有未加标题的表格（第{}行），可能就是该表，应补上表名",
            lines.join("、")
        ),
    )
    .en(format!(
        "No table titled '{listed}' in the body; untitled tables sit where it belongs (lines {}): add its title",
        lines.join(", ")
    ))
    ;
    for t in untitled {
        d = d.related(t.span, "未加标题的表格");
    }
    d
}

/// A table whose caption lines include a matched title or any line naming a table.
fn has_own_title(
    body: &Body,
    t: &PlacedTable,
    candidates: &[Candidate],
    matched: &[Option<usize>],
) -> bool {
    let matched_blocks: Vec<usize> = matched
        .iter()
        .flatten()
        .map(|&c| candidates[c].block)
        .collect();
    t.caption_blocks.iter().any(|&b| {
        matched_blocks.contains(&(b as usize))
            || body
                .doc
                .blocks
                .get(b as usize)
                .and_then(|blk| caption_text(body.doc, blk))
                .is_some_and(|(c, _)| names_a_table(&c))
    })
}

/// A heading as one line for a message: a heading whose text the page wrapped (over a blank
/// line, as double-spaced pages print it) is quoted as it reads, its lines joined, with a
/// space only between two Latin letters or digits.
fn on_one_line(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        if latin(out.chars().last()) && latin(line.chars().next()) {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}
