use crate::template::{applicable, skeleton};
use budgetlint_province_common::document_anchor;
use budgetlint_province_common::headings::body_start;
use budgetlint_province_common::names::{best_alias_match, normalize};
use budgetlint_province_common::skeleton::{section_name_zh, Section, Template};
use budgetlint_sdk::province::{ProvinceTemplate, Requirement};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, DocumentExt, Rule, RuleMeta, Span};

/// Longest line (characters, normalised) taken as a table's title: a title may carry the
/// body's name and the year, a sentence that mentions a table is longer.
const MAX_TITLE_CHARS: usize = 40;

declare_rule! {
    /// ## What it checks
    /// That a document includes every table its province's template (a data file, see
    /// docs/PROVINCES.md) requires: each table is recognised by a title line in the body (after
    /// the 目录) that matches one of its aliases better than any other table's; a table with no
    /// such line is reported missing, placed after the table before it.
    ///
    /// Runs only when the profile's province has a template for the document's kind (预算 or
    /// 决算) and level, and only when at least two of the template's tables and half of them are
    /// found: a document that publishes its tables separately is not judged by it.
    ///
    /// ## Why
    /// 《地方预决算公开操作规程》(财预〔2016〕143号) requires the complete set of tables of the
    /// standard form; a table that the 目录 lists and the body lacks is a provable gap.
    ///
    /// ## Example
    /// Under the Shanghai final-accounts form:
    /// ```text
    /// 收入决算表
    /// …
    /// 财政拨款收入支出决算总表      ← 缺少第三张表“支出决算表”
    /// ```
    ///
    /// ## Fix
    /// Publish the missing table (an empty table with a note when there is nothing to report).
    ///
    /// ## 检查内容
    /// 文件是否包含所在省份模板（数据文件，见 docs/PROVINCES.md）要求的每张表：每张表按正文中（目录之后）的表题行识别，该行与这张表的某个别名的匹配程度高于与其他任何表的匹配；找不到这样的表题行的表报告为缺少，位置在其前一张表之后。
    ///
    /// 只在省份配置中有适用于文件类型（预算或决算）和级次的模板时检查，且找到模板中至少两张、不少于一半的表：表格单独公开的文件不按该模板评判。
    ///
    /// ## 依据
    /// 《地方预决算公开操作规程》（财预〔2016〕143号）要求公开统一格式的全套表格；目录列出而正文中没有的表，是可以证明的缺漏。
    ///
    /// ## 示例
    /// 按上海部门决算的格式：
    /// ```text
    /// 收入决算表
    /// …
    /// 财政拨款收入支出决算总表      ← 缺少第三张表“支出决算表”
    /// ```
    ///
    /// ## 修改方法
    /// 公开缺少的表（没有内容时公开空表并加说明）。
    pub struct TemplateTables {
        id: "province/template-tables",
        severity: Error,
        summary: "Every table of the province's template (data) is published",
        summary_zh: "省级模板（数据）规定的各张表均已公开",
    }
}

impl Rule for TemplateTables {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        for template in applicable(ctx).filter(|t| !t.tables.is_empty()) {
            check_template(ctx, template, out);
        }
    }
}

/// A line of the document that may be a table's title (or its 目录 entry).
struct TitleLine {
    norm: String,
    span: Span,
}

fn check_template(ctx: &Context, template: &ProvinceTemplate, out: &mut Vec<Diagnostic>) {
    let aliases: Vec<Vec<&str>> = template
        .tables
        .iter()
        .map(|t| t.aliases.iter().map(String::as_str).collect())
        .collect();
    let start = body_start(ctx.doc);
    let (front, body): (Vec<TitleLine>, Vec<TitleLine>) = title_lines(ctx)
        .into_iter()
        .partition(|l| (l.span.start as usize) < start);
    let found = assign(&body, &aliases);
    let present = found.iter().filter(|f| f.is_some()).count();
    if present < 2 || present * 2 < found.len() {
        return;
    }
    // Where the 目录 lists each table, when it does.
    let listed = assign(&front, &aliases);
    let sections: Vec<Section> = template
        .tables
        .iter()
        .zip(&aliases)
        .map(|(t, a)| Section {
            title: &t.title,
            aliases: a,
        })
        .collect();
    let names = skeleton(template, &sections, "张表", "table");
    for (i, _) in found
        .iter()
        .enumerate()
        .filter(|(i, f)| f.is_none() && template.tables[*i].required == Requirement::Required)
    {
        out.push(missing(ctx, &names, &found, listed[i], i));
    }
}

/// For each table, the first line that matches it best (a line goes to its most specific
/// table).
fn assign<'l>(lines: &'l [TitleLine], aliases: &[Vec<&str>]) -> Vec<Option<&'l TitleLine>> {
    let mut found: Vec<Option<&TitleLine>> = vec![None; aliases.len()];
    for line in lines {
        let scores: Vec<Option<usize>> = aliases
            .iter()
            .map(|a| best_alias_match(&line.norm, a))
            .collect();
        let Some(best) = scores.iter().flatten().max() else {
            continue;
        };
        if let Some(table) = scores.iter().position(|s| *s == Some(*best)) {
            found[table].get_or_insert(line);
        }
    }
    found
}

/// The finding for table `i`: at its 目录 entry when the 目录 lists it (the body then lacks a
/// table the document promises), else before the next table found.
fn missing(
    ctx: &Context,
    names: &Template,
    found: &[Option<&TitleLine>],
    listed: Option<&TitleLine>,
    i: usize,
) -> Diagnostic {
    let before = found[..i].iter().rev().flatten().next().copied();
    let after = found[i + 1..].iter().flatten().next().copied();
    let anchor = listed
        .or(after)
        .or(before)
        .map_or_else(|| document_anchor(ctx.doc), |l| l.span);
    let text = |l: &TitleLine| ctx.doc.text[l.span.start as usize..l.span.end as usize].to_string();
    let place_zh = before.map_or(String::new(), |l| format!("，应位于“{}”之后", text(l)));
    let listed_zh = if listed.is_some() {
        "目录列有此表，正文却没有"
    } else {
        "正文中没有此表"
    };
    let mut d = Diagnostic::new(
        &TemplateTables::META,
        anchor,
        format!(
            "缺少{}的{}：{listed_zh}{place_zh}",
            names.scope_zh,
            section_name_zh(names, i)
        ),
    )
    .en(format!(
        "Table {} “{}” of {} is missing from the body{}",
        i + 1,
        names.sections[i].title,
        names.scope_en,
        if listed.is_some() {
            " although the table of contents lists it"
        } else {
            ""
        }
    ));
    if let (Some(_), Some(next)) = (listed, after) {
        d = d.related(next.span, "正文中此处之前应有该表");
    }
    d
}

/// The short lines of the document, normalised (aliases are matched inside them, so numbering
/// such as `一、` or `1.` may stay).
fn title_lines(ctx: &Context) -> Vec<TitleLine> {
    let text = &ctx.doc.text;
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let norm = normalize(trimmed);
        if norm.is_empty() || norm.chars().count() > MAX_TITLE_CHARS {
            continue;
        }
        let begin = line_start + (line.len() - line.trim_start().len());
        out.push(TitleLine {
            norm,
            span: ctx.doc.span_of(begin, begin + trimmed.len()),
        });
    }
    out
}
