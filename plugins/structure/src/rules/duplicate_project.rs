use crate::layout::{caption_text, placed_tables, PlacedTable};
use crate::text::{compact_prose, compact_title};
use budgetlint_sdk::model::{Document, PerfTable, TextCell};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, Span};
use std::cell::OnceCell;

declare_rule! {
    /// ## What it checks
    /// Copies between the 绩效目标表 of different projects:
    /// - two tables for the **same project name with identical indicators** (一级/二级/三级指标 and
    ///   指标描述 all the same; values may differ), typically one project pasted twice under two
    ///   codes;
    /// - a project whose **description** (预算规模及资金用途 / 项目概况) is word for word the
    ///   description of another project with a different name.
    ///
    /// Reported at info level: two projects can legitimately share wording, but a reviewer should
    /// confirm each table describes its own project.
    ///
    /// ## Why
    /// 《中央部门预算绩效目标管理办法》(财预〔2015〕88号) asks that targets be 指向明确、细化量化、
    /// 相应匹配 — each project's targets must describe that project. A table copied from another
    /// project gives the reader no information about the second one, and inspections
    /// (财政部 地方预决算公开 专项检查, “内容准确”) count it as a quality defect.
    ///
    /// ## Example
    /// ```text
    /// 14.财政补助机关事业养老保险绩效目标表   (项目编码 …U0GWZ661AA03V, 2500万元)
    /// 19.财政补助机关事业养老保险绩效目标表   (项目编码 …YAHNCOTKRV4ZT, 3500万元, same indicators)
    /// ```
    ///
    /// ## Fix
    /// Merge the two tables if they are one project, or write the second project's own
    /// description and indicators.
    ///
    /// ## 检查内容
    /// 不同项目的绩效目标表之间的照抄：
    /// - 两张表**项目名称相同、指标完全相同**（一级、二级、三级指标和指标描述都相同，指标值可以不同），通常是同一项目用两个编码粘贴了两次；
    /// - 某项目的**项目说明**（预算规模及资金用途、项目概况）与另一个名称不同的项目逐字相同。
    ///
    /// 只作提示：两个项目可能确实用语相同，但审核人员应确认每张表描述的是它自己的项目。
    ///
    /// ## 依据
    /// 《中央部门预算绩效目标管理办法》（财预〔2015〕88号）要求绩效目标指向明确、细化量化、合理可行、相应匹配——每个项目的目标必须描述该项目。从别的项目照抄的表，没有提供关于第二个项目的任何信息；财政部地方预决算公开专项检查（“内容准确”）把它算作质量问题。
    ///
    /// ## 示例
    /// ```text
    /// 14.财政补助机关事业养老保险绩效目标表   (项目编码 …U0GWZ661AA03V, 2500万元)
    /// 19.财政补助机关事业养老保险绩效目标表   (项目编码 …YAHNCOTKRV4ZT, 3500万元, 指标相同)
    /// ```
    ///
    /// ## 修改方法
    /// 如果是同一个项目，合并两张表；否则写出第二个项目自己的说明和指标。
    pub struct DuplicateProject {
        id: "structure/duplicate-project",
        severity: Info,
        summary: "Two 绩效目标表 describe the same project, or one copies another's description",
        summary_zh: "两张绩效目标表描述同一项目，或照抄另一项目的说明",
    }
}

impl Rule for DuplicateProject {
    fn meta(&self) -> &'static budgetlint_sdk::RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let placed = placed_tables(doc);
        let projects: Vec<Project> = doc
            .perf_tables
            .iter()
            .map(|p| Project::new(doc, &placed, p))
            .collect();
        for (j, later) in projects.iter().enumerate() {
            let earlier = &projects[..j];
            if let Some(twin) = earlier.iter().find(|e| e.same_project(later)) {
                out.push(same_project(twin, later));
            } else if let Some(d) = earlier.iter().find_map(|e| copied_description(e, later)) {
                out.push(d);
            }
        }
    }
}

/// Minimum length of a description worth comparing (shorter ones are set phrases).
const MIN_DESCRIPTION_CHARS: usize = 15;

struct Project<'d> {
    name: String,
    display_name: String,
    /// Where the table is announced: its caption line, else the 项目名称 cell, else the table.
    anchor: Span,
    code: Option<&'d str>,
    budget: Option<String>,
    perf: &'d PerfTable,
    /// [`indicator_text`], made only for projects whose names match another's.
    indicators: OnceCell<String>,
    description: Option<(String, Span)>,
}

impl<'d> Project<'d> {
    fn new(doc: &'d Document, placed: &[PlacedTable], p: &'d PerfTable) -> Project<'d> {
        let display_name = p.project.clone().unwrap_or_default();
        Project {
            name: compact_title(&display_name),
            anchor: anchor(doc, placed, p),
            code: p.code.as_deref(),
            budget: p
                .budget
                .and_then(|f| doc.facts.get(f as usize))
                .and_then(|f| f.kind.quantity())
                .map(|q| q.display()),
            perf: p,
            indicators: OnceCell::new(),
            description: description(doc, p),
            display_name,
        }
    }

    fn same_project(&self, other: &Project) -> bool {
        self.name.chars().count() >= 4
            && self.name == other.name
            && !self.perf.indicators.is_empty()
            && self.indicators() == other.indicators()
    }

    fn indicators(&self) -> &str {
        self.indicators.get_or_init(|| indicator_text(self.perf))
    }
}

/// All indicator rows as one string: names and descriptions. Values are left out: a copied
/// table often scales its money targets with the budget (`≤208万元/月` → `≤290万元/月`).
fn indicator_text(p: &PerfTable) -> String {
    let cell = |c: &Option<TextCell>| {
        c.as_ref()
            .map(|c| compact_prose(&c.text))
            .unwrap_or_default()
    };
    p.indicators
        .iter()
        .map(|r| {
            format!(
                "{}|{}|{}|{}",
                cell(&r.level1),
                cell(&r.level2),
                cell(&r.level3),
                cell(&r.description)
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The caption line above the table (`19.财政补助机关事业养老保险绩效目标表`), if there is one.
fn anchor(doc: &Document, placed: &[PlacedTable], p: &PerfTable) -> Span {
    let table = placed.iter().find(|t| t.table == p.table);
    let caption = table.and_then(|t| {
        t.caption_blocks.iter().find_map(|&b| {
            doc.blocks
                .get(b as usize)
                .and_then(|b| caption_text(doc, b))
        })
    });
    let caption = caption.filter(|(c, _)| {
        p.project
            .as_deref()
            .is_some_and(|n| c.contains(&compact_title(n)))
            || c.ends_with('表')
    });
    caption
        .map(|(_, s)| s)
        .or(p.project_span)
        .unwrap_or_else(|| table.map(|t| t.span).unwrap_or_default())
}

/// Labels of the row that describes what the money is for.
const DESCRIPTION_LABELS: &[&str] = &[
    "资金用途",
    "项目概况",
    "项目内容",
    "项目简介",
    "主要内容",
    "实施内容",
];

/// The project's description: the longest text cell in the labelled row or the row under it.
fn description(doc: &Document, p: &PerfTable) -> Option<(String, Span)> {
    let table = doc.tables.get(p.table as usize)?;
    // The label sits in the table's head, above the indicators.
    const HEAD_ROWS: usize = 8;
    let is_label = |text: &str| {
        text.chars().count() <= 12 && DESCRIPTION_LABELS.iter().any(|l| text.contains(l))
    };
    let label_row = table
        .rows
        .iter()
        .take(HEAD_ROWS)
        .position(|r| r.cells.iter().any(|c| is_label(&c.text)))?;
    table
        .rows
        .iter()
        .skip(label_row)
        .take(2)
        .flat_map(|r| &r.cells)
        .filter(|c| c.number.is_none() && !is_label(&c.text))
        .map(|c| (compact_prose(&c.text), c.span))
        .filter(|(t, _)| t.chars().count() >= MIN_DESCRIPTION_CHARS)
        .max_by_key(|(t, _)| t.chars().count())
}

fn project_facts(p: &Project) -> String {
    let code = p.code.map(|c| format!("项目编码{c}")).unwrap_or_default();
    let budget = p
        .budget
        .as_ref()
        .map(|b| format!("预算{b}"))
        .unwrap_or_default();
    [code, budget]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("，")
}

fn same_project(twin: &Project, later: &Project) -> Diagnostic {
    let (a, b) = (project_facts(twin), project_facts(later));
    Diagnostic::new(
        &DuplicateProject::META,
        later.anchor,
        format!(
            "项目“{}”出现了两张绩效目标表，绩效指标名称和描述完全相同（第{}行：{}；此处：{}），疑为复制粘贴",
            later.display_name, twin.anchor.line, a, b
        ),
    )
    .en(format!(
        "Project '{}' has two 绩效目标表 with the same indicator names and descriptions (line {}: {}; here: {}); likely a copy",
        later.display_name, twin.anchor.line, a, b
    ))
    .related(twin.anchor, "同名项目的绩效目标表")
}

/// The finding when `later`'s description is word for word `source`'s (another project).
fn copied_description(source: &Project, later: &Project) -> Option<Diagnostic> {
    let (Some((text, span)), Some((source_text, source_span))) =
        (&later.description, &source.description)
    else {
        return None;
    };
    if text != source_text || later.name == source.name {
        return None;
    }
    let source_name = &source.display_name;
    let d = Diagnostic::new(
        &DuplicateProject::META,
        *span,
        format!(
            "项目“{}”的资金用途说明与项目“{}”（第{}行）逐字相同，未说明本项目自己的内容",
            later.display_name, source_name, source_span.line
        ),
    )
    .en(format!(
        "The description of project '{}' is word for word that of project '{}' (line {})",
        later.display_name, source_name, source_span.line
    ))
    .related(*source_span, "被复制的项目说明");
    Some(d)
}
