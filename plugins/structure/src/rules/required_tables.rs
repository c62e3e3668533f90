use super::{TableUnread, TablesElsewhere};
use crate::catalog::{classify, required_tables, RequiredTable, Requirement};
use crate::layout::{annex_marker, block_text, placed_tables, title_only_lines, PlacedTable};
use crate::text::{compact_prose, compact_title};
use budgetlint_sdk::model::{Block, BlockId, DocKind, Document};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta, Span};

declare_rule! {
    /// ## What it checks
    /// That the document publishes every table the national rules require, recognised by its
    /// title through the aliases templates use (`data/required_tables.tsv`):
    /// - 部门预算: 收支总体, 收入总体, 支出总体, 财政拨款收支总体, 一般公共预算支出 (项级),
    ///   一般公共预算基本支出 (经济分类款级), 一般公共预算“三公”经费支出, 政府性基金预算支出, and
    ///   国有资本经营预算支出 when the document's own 目录 lists it;
    /// - 部门决算: the nine tables 收入支出决算总表 … 国有资本经营预算财政拨款支出决算表.
    ///
    /// A table counts when a table sits under its title. When its title stands in the body but
    /// no table could be read under it, the table may be there in a form the reader could not
    /// rebuild: that is `structure/table-unread` (an info), not a missing table. A missing table
    /// is reported on the 目录 entry that lists it when there is one. A file that holds **no**
    /// required table, or only one or two set in its text, is the narrative part of a package:
    /// `structure/tables-elsewhere` says so once (an info), and this rule says nothing.
    ///
    /// ## Why
    /// 预算法 §14 and 《地方预决算公开操作规程》(财预〔2016〕143号) require departments to publish
    /// their budgets and final accounts **with their tables**; the 财政部 标准目录 (2019) lists
    /// the tables, and the yearly 财政部 inspection scores completeness first (公开内容完整).
    /// A table with no data must still be shown (空表列示) with an explanation.
    ///
    /// ## Example
    /// ```text
    /// 目录: 八、政府性基金预算支出情况表   but the 附件 has no such table
    /// 正文: “2021年未使用政府性基金预算拨款安排的支出。”  (an explanation is no substitute for the empty table)
    /// ```
    ///
    /// ## Fix
    /// Publish the table; when there is no data, publish it empty with a note
    /// (“本单位无政府性基金预算支出，故本表为空表”).
    ///
    /// ## 检查内容
    /// 文件是否公开了国家规定必须公开的每张表，按各模板使用的别名从表题识别（`data/required_tables.tsv`）：
    /// - 部门预算：收支总体、收入总体、支出总体、财政拨款收支总体、一般公共预算支出（项级）、一般公共预算基本支出（经济分类款级）、一般公共预算“三公”经费支出、政府性基金预算支出，以及文件自己的目录列有时的国有资本经营预算支出；
    /// - 部门决算：收入支出决算总表……国有资本经营预算财政拨款支出决算表九张表。
    ///
    /// 表题下确有表格的才算公开。正文中有表题、但其下读不出表格的，表格可能是以无法还原的形式存在：由 `structure/table-unread` 作为提示报告，不算缺少。缺少的表在目录中有对应条目时报告在该条目上。文件中**没有任何**必须公开的表、或只有正文中的一两张表时，它是一套公开材料中的文字部分：由 `structure/tables-elsewhere` 提示一次，本规则不作报告。
    ///
    /// ## 依据
    /// 《预算法》第十四条和《地方预决算公开操作规程》（财预〔2016〕143号）要求部门**连同表格**公开预算和决算；财政部标准目录（2019年）列出了这些表，财政部年度检查首先评价公开内容是否完整。没有数据的表也须空表列示并加说明。
    ///
    /// ## 示例
    /// ```text
    /// 目录: 八、政府性基金预算支出情况表   附件中却没有这张表
    /// 正文: “2021年未使用政府性基金预算拨款安排的支出。”  (文字说明不能代替空表)
    /// ```
    ///
    /// ## 修改方法
    /// 公开这张表；没有数据时公开空表并加注（“本单位无政府性基金预算支出，故本表为空表”）。
    pub struct RequiredTables {
        id: "structure/required-tables",
        aliases: ["completeness/required-tables"],
        severity: Error,
        summary: "A table the national rules require is not published",
        summary_zh: "未公开国家规定必须公开的表格",
    }
}

impl Rule for RequiredTables {
    fn meta(&self) -> &'static budgetlint_sdk::RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        report(ctx, &Self::META, out);
    }
}

/// The findings of the table census that belong to `meta`'s rule: the census runs once per
/// document ([`TableFindings`]), each finding made under the rule of its judgement (this rule,
/// `structure/table-unread` or `structure/tables-elsewhere`).
pub(crate) fn report(ctx: &Context, meta: &'static RuleMeta, out: &mut Vec<Diagnostic>) {
    let all = ctx.view::<TableFindings>();
    out.extend(all.iter().filter(|d| d.rule == meta.id).cloned());
}

budgetlint_sdk::document_view! {
    /// Every finding of the table census, of the three rules that share it.
    TableFindings<'d>: Vec<Diagnostic> = |doc| {
        let mut all = Vec::new();
        census(doc, &mut all);
        all
    }
}

/// Which required tables the file publishes, and what it says of the others.
fn census(doc: &Document, out: &mut Vec<Diagnostic>) {
    let kind = doc.meta.kind.unwrap_or(DocKind::Budget);
    let list = required_tables(kind);
    let placed = placed_tables(doc);
    let present: Vec<Present> = placed.iter().filter_map(|t| table_kind(t, &list)).collect();
    if present.is_empty() {
        report_narrative_only(doc, kind, &list, out);
        return;
    }
    let listed = toc_listing(doc, &list);
    let absent: Vec<(&RequiredTable, Option<Span>)> = list
        .iter()
        .filter(|required| !present.iter().any(|(k, _)| k.key == required.key))
        .map(|required| {
            (
                *required,
                listed
                    .iter()
                    .find(|(k, _)| k.key == required.key)
                    .map(|(_, s)| *s),
            )
        })
        .filter(|(required, in_toc)| {
            required.requirement == Requirement::Always || in_toc.is_some()
        })
        .collect();
    let always = list
        .iter()
        .filter(|t| t.requirement == Requirement::Always)
        .count();
    let few_present = present_kinds(&present) * 2 < always;
    if few_present && absent.iter().all(|(_, in_toc)| in_toc.is_none()) {
        // A narrative with one or two tables set in the text (often the 三公 table): the
        // others belong to the tables part of the package.
        out.push(partly_narrative(doc, &present, &absent));
        return;
    }
    let titled = titled_in_body(doc, &list);
    for (required, in_toc) in absent {
        // Its title stands in the body: the table may be there in a form budgetlint could
        // not read as a table (a PDF page laid out oddly). Not provably missing.
        if let Some((_, title)) = titled.iter().find(|(k, _)| k.key == required.key) {
            out.push(unread(required, *title));
            continue;
        }
        let anchor = in_toc.unwrap_or_else(|| fallback_anchor(doc, &present));
        out.push(missing(doc, required, anchor, in_toc.is_some()));
    }
}

fn present_kinds(present: &[Present]) -> usize {
    let mut keys: Vec<&str> = present.iter().map(|(k, _)| k.key.as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    keys.len()
}

fn partly_narrative(
    doc: &Document,
    present: &[Present],
    absent: &[(&RequiredTable, Option<Span>)],
) -> Diagnostic {
    let names: Vec<&str> = absent.iter().map(|(t, _)| t.name.as_str()).collect();
    Diagnostic::new(
        &TablesElsewhere::META,
        fallback_anchor(doc, present),
        format!(
            "本文件只含{}张必须公开的表格，其余{}张（{}）不在本文件中；请确认它们已随说明一并公开",
            present_kinds(present),
            names.len(),
            names.join("、")
        ),
    )
    .en(format!(
        "This file holds only {} of the required tables; the other {} are not in it: make sure they are published with it",
        present_kinds(present),
        names.len()
    ))
}

/// A required table found in the file, with the caption that names it.
type Present<'a> = (&'a RequiredTable, Span);

/// The required table a placed table is, by its nearest caption that names one.
fn table_kind<'a>(t: &PlacedTable, list: &[&'a RequiredTable]) -> Option<Present<'a>> {
    t.captions
        .iter()
        .find_map(|(caption, span)| classify(caption, list).map(|k| (k, *span)))
}

/// Required tables named by the 目录, with the entry's span.
fn toc_listing<'a>(doc: &Document, list: &[&'a RequiredTable]) -> Vec<(&'a RequiredTable, Span)> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Toc(toc) => Some(toc),
            _ => None,
        })
        .flat_map(|toc| &toc.entries)
        .filter_map(|e| classify(&compact_title(&e.title), list).map(|k| (k, e.span)))
        .collect()
}

/// Where to report a missing table that the 目录 does not list: the attachments heading, else
/// the first table found.
fn fallback_anchor(doc: &Document, present: &[Present]) -> Span {
    let first_caption = present.iter().map(|(_, s)| *s).min_by_key(|s| s.start);
    let annex = annex_marker(doc, 0)
        .and_then(|i| doc.blocks.get(i))
        .and_then(|b| block_text(doc, b))
        .map(|(_, s)| s);
    annex.or(first_caption).unwrap_or_default()
}

/// A sentence saying there is nothing to show (“未使用政府性基金预算拨款安排的支出”).
fn explanation(doc: &Document, topic: &str) -> Option<Span> {
    const NONE_WORDS: &[&str] = &["未使用", "未安排", "没有", "无", "不涉及", "为零", "为0"];
    doc.prose().find_map(|(_, text, span)| {
        let compact = compact_prose(text);
        let mentions = compact
            .split(['。', '；'])
            .any(|s| s.contains(topic) && NONE_WORDS.iter().any(|w| s.contains(w)));
        mentions.then_some(span)
    })
}

/// Required tables whose title stands in the body as a line of its own (a table title, ending
/// in 表), outside the 目录.
/// Table titles standing in the body (outside the 目录), as a reader may leave them when it
/// cannot rebuild the table under them: a title line (`七、政府性基金支出预算表`), a title
/// wrapped over two lines (`…培训费支出预` / `算表`), or a title run into the line after it or
/// into the first cell of the rows that follow (`七、政府性基金支出预算表部门：功能科目代码`).
fn titled_in_body<'a>(
    doc: &Document,
    list: &[&'a RequiredTable],
) -> Vec<(&'a RequiredTable, Span)> {
    let texts: Vec<Span> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.text_span),
            Block::Heading(h) => Some(h.span),
            Block::Table { table, .. } => doc
                .tables
                .get(*table as usize)
                .and_then(|t| t.rows.first())
                .and_then(|r| r.cells.iter().find(|c| !c.text.is_empty()))
                .map(|c| c.span),
            Block::Toc(_) => None,
        })
        .collect();
    let mut found = Vec::new();
    for (i, span) in texts.iter().enumerate() {
        let line = doc.slice(*span).trim();
        let next = texts.get(i + 1).map(|s| doc.slice(*s).trim());
        let kind = title_in(line, next)
            .map(|raw| compact_title(&raw))
            .and_then(|title| by_topic(&title, list).or_else(|| classify(&title, list)));
        if let Some(kind) = kind {
            found.push((kind, *span));
        }
    }
    found
}

/// The table title `line` starts with (up to its first `表`), or that it starts when `next` is
/// the title's wrapped end (`…支出预` / `算表`). A title has no sentence punctuation and at
/// most [`MAX_TITLE_CHARS`] characters.
fn title_in(line: &str, next: Option<&str>) -> Option<String> {
    const MAX_TITLE_CHARS: usize = 60;
    const MAX_WRAPPED_TAIL_CHARS: usize = 8;
    let title = match line.find('表') {
        Some(at) => line[..at + '表'.len_utf8()].to_string(),
        None => {
            let tail =
                next.filter(|n| n.ends_with('表') && n.chars().count() <= MAX_WRAPPED_TAIL_CHARS)?;
            format!("{line}{tail}")
        }
    };
    let sentence = title.contains(['，', '。', '；', ',', ';']);
    (!sentence && title.chars().count() <= MAX_TITLE_CHARS).then_some(title)
}

/// The required table whose topic word the title names, when no other required table's name
/// has that word (`三公`, `政府性基金`): titles vary by province and year
/// (`“三公”经费、会议费、培训费支出预算表`), the topic does not, and such a title also
/// contains a shorter table's alias (`支出预算表`), so the topic is asked first. Only used to
/// tell a title in the body, never to count a table as present.
fn by_topic<'a>(title: &str, list: &[&'a RequiredTable]) -> Option<&'a RequiredTable> {
    let distinctive = |t: &RequiredTable| {
        t.topic.chars().count() >= 2
            && list
                .iter()
                .filter(|other| other.key != t.key)
                .all(|other| !other.name.contains(t.topic.as_str()))
    };
    list.iter()
        .find(|t| distinctive(t) && title.contains(t.topic.as_str()))
        .copied()
}

fn unread(required: &RequiredTable, title: Span) -> Diagnostic {
    Diagnostic::new(
        &TableUnread::META,
        title,
        format!(
            "正文有“{}”的标题，但其下没有读出表格：请核对该表是否完整公开（若原件是 PDF，可能是版式未能识别）",
            required.name
        ),
    )
    .en(format!(
        "The body has the title of '{}' but no table could be read under it: check that the table is published (in a PDF its layout may not have been recognised)",
        required.name
    ))
}

fn missing(
    doc: &Document,
    required: &RequiredTable,
    anchor: Span,
    listed_in_toc: bool,
) -> Diagnostic {
    let where_zh = if listed_in_toc {
        "目录列出了该表，但正文（附件）中没有"
    } else {
        "文件中没有这张表"
    };
    let where_en = if listed_in_toc {
        "the 目录 lists it but the body does not contain it"
    } else {
        "the file does not contain it"
    };
    let note = explanation(doc, &required.topic);
    let mut zh = format!("缺少必须公开的“{}”：{}", required.name, where_zh);
    let mut en = format!(
        "Required table '{}' is missing: {}",
        required.name, where_en
    );
    if let Some(span) = note {
        zh.push_str(&format!(
            "。第{}行说明本年无此项收支，但按规定无数据的表也须空表列示并加说明",
            span.line
        ));
        en.push_str(&format!("; line {} says there is no such spending, but an empty table must still be shown with a note", span.line));
    }
    let mut d = Diagnostic::new(&RequiredTables::META, anchor, zh).en(en);
    if let Some(span) = note {
        d = d.related(span, "正文中的无数据说明");
    }
    d
}

/// Runs of consecutive lines that name tables with nothing under them.
fn title_only_groups(doc: &Document) -> Vec<Vec<(BlockId, String, Span)>> {
    let mut groups: Vec<Vec<(BlockId, String, Span)>> = Vec::new();
    for line in title_only_lines(doc) {
        match groups.last_mut() {
            Some(group) if group.last().is_some_and(|(b, _, _)| b + 1 == line.0) => {
                group.push(line)
            }
            _ => groups.push(vec![line]),
        }
    }
    groups
}

/// The file has no required table: it is the narrative part of a package. Say so once.
fn report_narrative_only(
    doc: &Document,
    kind: DocKind,
    list: &[&RequiredTable],
    out: &mut Vec<Diagnostic>,
) {
    let what = if kind == DocKind::FinalAccounts {
        "部门决算公开表"
    } else {
        "部门预算公开表"
    };
    let names: Vec<&str> = list
        .iter()
        .filter(|t| t.requirement == Requirement::Always)
        .map(|t| t.name.as_str())
        .collect();
    let groups = title_only_groups(doc);
    if groups.is_empty() {
        let anchor = doc
            .meta
            .title_span
            .or_else(|| doc.blocks.first().map(Block::span))
            .unwrap_or_default();
        out.push(
            Diagnostic::new(
                &TablesElsewhere::META,
                anchor,
                format!(
                    "本文件不含{what}（应有{}张：{}），应为公开材料的说明部分；请确认这些表格已随说明一并公开",
                    names.len(),
                    names.join("、")
                ),
            )
            .en(format!("This file contains none of the {} required tables; it is the narrative part of the disclosure, so make sure the tables are published with it", names.len()))
        );
        return;
    }
    for group in groups {
        let Some((_, first_title, first_span)) = group.first() else {
            continue;
        };
        let shown = doc
            .slice(*first_span)
            .trim()
            .trim_start_matches(['-', '#', '*', ' '])
            .to_string();
        let mut d = Diagnostic::new(
            &TablesElsewhere::META,
            *first_span,
            format!(
                "这里只列出了{}个表名（“{}”等），表名下没有表格内容；{what}不在本文件中（可能以图片或另附文件公开）",
                group.len(),
                shown
            ),
        )
        .en(format!(
            "Only {} table title(s) are given here ('{}' …) with no table under them; the tables are not in this file",
            group.len(),
            first_title
        ));
        for (_, _, span) in group.iter().skip(1) {
            d = d.related(*span, "只有表名");
        }
        out.push(d);
    }
}
