//! Which quantity each amount is ([`Identity`]): measure, fund source, classification, period
//! and kind, read once from the figure's label, the head of its sentence, a table cell's row
//! label, column header and caption, and the document's metadata. A part nothing states stays
//! unknown; conflicting words (预算 and 决算 in one label, two fund sources) leave it unknown.

use super::header_paths::HeaderPaths;
use crate::classification::Classification;
use crate::doc::*;
use crate::labels::head_key;
use crate::span::Span;
use crate::text::{contains, contains_any};
use std::sync::OnceLock;

/// Sets [`Fact::identity`] on every amount the document names.
pub fn assign(doc: &mut Document, classes: &Classification) {
    let changes = change_figures(&doc.relations);
    let with_carry_over = totals_with_carry_over(doc);
    let headers: Vec<Vec<String>> = doc
        .tables
        .iter()
        .map(super::facts::column_headers)
        .collect();
    let paths: Vec<HeaderPaths> = doc
        .tables
        .iter()
        .zip(&headers)
        .map(|(t, h)| HeaderPaths::new(t, h))
        .collect();
    let mut heads = SentenceHeads::default();
    let mut sections = Sections::default();
    let mut out: Vec<(usize, Box<Identity>)> = Vec::new();
    for (i, fact) in doc.facts.iter().enumerate() {
        if !matches!(fact.kind, FactKind::Amount(_)) || changes.contains(&fact.id) {
            continue;
        }
        let identity = match numeric_cell(doc, fact) {
            Some(at) => {
                let t = at.table as usize;
                of_cell(doc, classes, fact, at, (&headers[t], &paths[t]))
            }
            None => {
                // Looked up for every amount in prose, not only those that name a quantity: a
                // sentence's head ends at its first amount, whatever that amount is.
                let context = Context {
                    head: heads.head(doc, fact),
                    heading: sections.heading(doc, fact.block),
                    lists_carry_over: with_carry_over.contains(&fact.id),
                };
                of_prose(doc, fact, context)
            }
        };
        if let Some(identity) = identity.filter(|id| id.measure.is_some()) {
            out.push((i, Box::new(identity)));
        }
    }
    drop_repeats_within_tables(doc, &headers, &mut out);
    for (i, identity) in out {
        doc.facts[i].identity = Some(identity);
    }
}

/// Two cells of one table with the same identity are two quantities the model cannot tell
/// apart (a column or row distinction it does not read): neither keeps its identity. One unit's
/// row (a code under a 单位代码 column) is the exception: it is that unit's part of the table's
/// 合计, and a repeat of the 合计 when the table lists one unit. So a cell of the 合计 row keeps
/// its identity beside unit rows of the same identity, and a lone unit row keeps it too (the
/// same quantity); several unit rows lose theirs (an identity has no unit scope).
fn drop_repeats_within_tables(
    doc: &Document,
    headers: &[Vec<String>],
    out: &mut Vec<(usize, Box<Identity>)>,
) {
    let key =
        |i: usize, identity: &Identity| doc.facts[i].cell.map(|at| (at.table, identity.describe()));
    let of_a_unit = |i: usize| {
        doc.facts[i].cell.is_some_and(|at| {
            let row = doc
                .tables
                .get(at.table as usize)
                .and_then(|t| t.rows.get(at.row as usize));
            let headers = headers.get(at.table as usize);
            matches!((row, headers), (Some(r), Some(h)) if names_a_unit(r, h))
        })
    };
    // Per table and identity: (cells of unit rows, other cells).
    let mut seen: std::collections::HashMap<(TableId, String), (usize, usize)> = Default::default();
    for (i, identity) in out.iter() {
        if let Some(k) = key(*i, identity) {
            let entry = seen.entry(k).or_default();
            if of_a_unit(*i) {
                entry.0 += 1;
            } else {
                entry.1 += 1;
            }
        }
    }
    if seen.values().all(|&(units, others)| units + others == 1) {
        return;
    }
    out.retain(|(i, identity)| {
        let Some(k) = key(*i, identity) else {
            return true;
        };
        match seen.get(&k) {
            Some(&(units, others)) if of_a_unit(*i) => units == 1 && others <= 1,
            Some(&(_, others)) => others == 1,
            None => false,
        }
    });
}

/// Figures that are a change or a component of one (“较上年增加30.67万元”): not a quantity of
/// their own.
fn change_figures(relations: &[Relation]) -> std::collections::HashSet<FactId> {
    let mut ids = std::collections::HashSet::new();
    for r in relations {
        if let Relation::Change {
            delta, components, ..
        } = r
        {
            ids.extend(delta.iter().copied());
            ids.extend(components.iter().map(|c| c.amount));
        }
    }
    ids
}

/// The cell of a fact that is a whole numeric table cell.
fn numeric_cell(doc: &Document, fact: &Fact) -> Option<CellRef> {
    let at = fact.cell?;
    let cell = doc
        .tables
        .get(at.table as usize)?
        .rows
        .get(at.row as usize)?
        .cells
        .get(at.col as usize)?;
    cell.number.as_ref().map(|_| at)
}

/// Words that make a figure a change, a share or a comparison rather than a quantity.
const NOT_A_QUANTITY: &[&str] = &[
    "增加",
    "减少",
    "增长",
    "下降",
    "增减",
    "变动",
    "持平",
    "节约",
    "超支",
    "较上年",
    "比上年",
    "同比",
    "相比",
    "结转",
    "结余",
    "差额",
    "占",
    "平均",
    "人均",
    "以上",
    "以下",
    "不超过",
];

/// The “三公”经费 and its parts.
const THREE_PUBLIC: &[&str] = &[
    "三公经费",
    "因公出国（境）费",
    "公务接待费",
    "公务用车购置及运行维护费",
    "公务用车购置费",
    "公务用车运行维护费",
];

/// Where a prose figure stands: the head of its sentence and the title of its section.
struct Context<'d> {
    head: &'d str,
    heading: &'d str,
    /// The figure is a total whose stated parts include last year's 结转.
    lists_carry_over: bool,
}

/// Totals (`其中：…`) one of whose stated parts is last year's 结转 (`上年结转收入0万元`): an
/// income total that counts the 结转 is the 收入总计, whatever word it uses (`收入预算总额`).
fn totals_with_carry_over(doc: &Document) -> std::collections::HashSet<FactId> {
    let carry_over = |id: &FactId| {
        doc.facts.get(*id as usize).is_some_and(|f| {
            f.label
                .as_deref()
                .is_some_and(|l| contains(&l.raw, "结转") && !contains(&l.raw, "结余"))
        })
    };
    doc.relations
        .iter()
        .filter_map(|r| match r {
            Relation::Sum { total, parts } if parts.iter().any(carry_over) => Some(*total),
            _ => None,
        })
        .collect()
}

/// `收入总额`, `收入预算总额` …: the 收入 total of all funds, a 合计 or a 总计 by the words alone.
/// The issuer's name may stand in the label (`2021年某某中心收入预算总额`).
fn names_an_income_total(raw: &str, issuer: Option<&str>) -> bool {
    let owned;
    let raw = match issuer.filter(|i| !i.is_empty() && contains(raw, i)) {
        Some(i) => {
            owned = raw.replace(i, "");
            owned.as_str()
        }
        None => raw,
    };
    matches!(source_in(raw), Found::None)
        && !names_more(raw)
        && head_key(raw) == Some("收入合计")
        && contains_any(raw, &["总额", "总数"])
}

fn of_prose(doc: &Document, fact: &Fact, context: Context) -> Option<Identity> {
    let label = fact.label.as_deref()?;
    let raw = label.raw.as_str();
    if contains_any(raw, NOT_A_QUANTITY) {
        return None;
    }
    let class = label
        .class_code
        .as_deref()
        .filter(|c| c.len() == 3 && c.starts_with('2'));
    let measure = measure_of(raw, class.is_some()).or_else(|| {
        (context.lists_carry_over
            && class.is_none()
            && names_an_income_total(raw, doc.meta.issuer.as_deref()))
        .then(|| "收入总计".to_string())
    })?;
    let head = context.head;
    let three_public = THREE_PUBLIC.contains(&measure.as_str());
    let mut id = Identity {
        measure: Some(known(measure, Evidence::Label)),
        class_code: class.map(|c| known(c.to_string(), Evidence::Label)),
        ..Identity::default()
    };
    id.source = match source_in(raw) {
        Found::One(s) => Some(known(s, Evidence::Label)),
        Found::Many => None,
        Found::None => match source_in(head) {
            Found::One(s) => Some(known(s, Evidence::Sentence)),
            Found::Many => None,
            Found::None => match source_in(context.heading) {
                Found::One(s) => Some(known(s, Evidence::Heading)),
                Found::Many => None,
                // The template's sections on the whole unit's 收入 and 支出 name no source; nor
                // does a 三公 section on the unit's whole 三公 (a 财政拨款 part of it says so:
                // “其中财政拨款安排“三公”经费3万元”).
                Found::None => (contains_any(context.heading, &["收入", "支出", "收支"])
                    || (three_public && contains(context.heading, "三公")))
                .then(|| known(FundSource::All, Evidence::Heading)),
            },
        },
    };
    id.period = match period_in(raw, doc.meta.fiscal_year) {
        Found::One(p) => Some(known(p, Evidence::Label)),
        Found::Many => None,
        Found::None => match period_in(head, doc.meta.fiscal_year) {
            Found::One(p) => Some(known(p, Evidence::Sentence)),
            Found::Many => None,
            Found::None => Some(known(Period::Current, Evidence::Document)),
        },
    };
    id.kind = match kind_in(raw) {
        Found::One(k) => Some(known(k, Evidence::Label)),
        Found::Many => None,
        Found::None => document_kind(doc),
    };
    Some(id)
}

fn of_cell(
    doc: &Document,
    classes: &Classification,
    fact: &Fact,
    at: CellRef,
    (headers, paths): (&[String], &HeaderPaths),
) -> Option<Identity> {
    let table = doc.tables.get(at.table as usize)?;
    let row = table.rows.get(at.row as usize)?;
    let (text_col, row_text) = row_text(row, at.col as usize)?;
    let col = paths.header_col(at.row as usize, at.col as usize);
    let own_header = paths.sided_header(col, headers.get(col).map_or("", String::as_str));
    let own_header = own_header.as_ref();
    let caption = table.title.as_deref().unwrap_or("");
    if contains_any(&row_text, NOT_A_QUANTITY) || contains_any(own_header, NOT_A_QUANTITY) {
        return None;
    }
    let column = Column::read(own_header, paths.group(col))?;
    let header = column.header;
    if column.measure.is_none() && !header_understood(header, doc.meta.fiscal_year) {
        // A column named by words the model does not read (上级补助收入, 单位资金 …): its
        // figures are some quantity, but which one is unknown.
        return None;
    }
    let income_half = paths.side(col) == Some("收入");
    let source_group = if income_half {
        match source_group(table, at.row as usize, text_col) {
            // A part of a fund source's income (its 财政拨款, 行政事业性收费 …): narrower than
            // any source the model names.
            Some(_) if !matches!(row_text.as_str(), "小计" | "合计") => return None,
            group => group,
        }
    } else {
        None
    };
    let (class, econ) = row_codes(classes, fact, row, text_col, &row_text);
    let mut id = Identity {
        class_code: class.map(|c| known(c, Evidence::Label)),
        econ_code: econ.map(|c| known(c, Evidence::Label)),
        ..Identity::default()
    };
    let first_label = row_text_column(row) == Some(text_col);
    id.measure = match source_group {
        // A fund source's 小计 on the 收入 half of a 收支总表: that source's income.
        Some(_) => Some(known("收入".to_string(), Evidence::Label)),
        None => cell_measure(
            &row_text,
            (header, column.measure),
            caption,
            id.class_code.is_some(),
        )
        .or_else(|| grand_total(&row_text, caption, first_label))
        .or_else(|| {
            // A unit's row is its part of the 合计 row; a lone unit's repeats it (see
            // `drop_repeats_within_tables`).
            let total_row =
                matches!(row_text.as_str(), "合计" | "总计") || names_a_unit(row, headers);
            // The 合计 column under a fund source's group (`一般公共预算支出` > `合计`) totals
            // that source's spending (the source is read from the header, below).
            let path = table.header_path(col);
            let (own_cell, groups) = path.split_last().unwrap_or((&"", &[]));
            let under_a_source = groups.iter().any(|g| matches!(source_in(g), Found::One(_)));
            let total_column =
                is_total_column(header) || (under_a_source && is_total_column(own_cell));
            spending_total(total_row, total_column, caption, first_label)
        }),
    }
    .map(|m| {
        within_caption(
            m,
            caption,
            id.class_code.is_some() || id.econ_code.is_some(),
        )
    });
    let group_text = source_group.unwrap_or("");
    id.source = first_known([
        (source_in(group_text), Evidence::Label),
        (source_in(&row_text), Evidence::Label),
        (source_in(header), Evidence::Header),
        (
            column.source.map_or(Found::None, Found::One),
            Evidence::Header,
        ),
        (source_in(caption), Evidence::Caption),
    ])
    .or_else(|| {
        // A table whose caption names no fund source is of the whole unit's money.
        (contains(caption, "表") && contains_any(caption, &["收入", "支出", "收支"]))
            .then(|| known(FundSource::All, Evidence::Caption))
    });
    id.period = first_known([
        (period_in(&row_text, doc.meta.fiscal_year), Evidence::Label),
        (period_in(header, doc.meta.fiscal_year), Evidence::Header),
        (period_in(caption, doc.meta.fiscal_year), Evidence::Caption),
    ])
    .or(Some(known(Period::Current, Evidence::Document)));
    id.kind = first_known([
        (kind_in(&row_text), Evidence::Label),
        (kind_in(header), Evidence::Header),
        (kind_in(caption), Evidence::Caption),
    ])
    .or_else(|| document_kind(doc));
    Some(id)
}

/// A column's header read with the group header above it (see `header_paths`).
struct Column<'h> {
    header: &'h str,
    /// The fund source a group header names (`一般公共预算` over `合计`).
    source: Option<FundSource>,
    /// The measure a 基本支出/项目支出 group and its sub-column name together.
    measure: Option<String>,
}

impl<'h> Column<'h> {
    /// `None` when the header path names a part of a fund source (`一般公共预算` >
    /// `其中：财政拨款`): narrower than any source the model names.
    fn read(header: &'h str, group: Option<&str>) -> Option<Self> {
        let mut column = Column {
            header,
            source: None,
            measure: None,
        };
        let Some(group) = group else {
            return Some(column);
        };
        match source_in(group) {
            Found::One(source) => {
                if !matches!(source_in(header), Found::None) {
                    return None;
                }
                // The sub-column's own words must say nothing more (合计, 小计): 行政事业性收费
                // under 一般公共预算 is a part of it, which `header_understood` refuses.
                column.source = Some(source);
            }
            Found::Many => return None,
            Found::None => {
                if let Some(g @ ("基本支出" | "项目支出")) = measure_of(group, false).as_deref()
                {
                    column.measure = sub_measure(g, header);
                }
            }
        }
        Some(column)
    }
}

/// The measure of a sub-column of a 基本支出 or 项目支出 group: 人员经费 and 公用经费 are parts
/// of 基本支出 by definition (the measure itself); another measure or a name the vocabulary
/// does not know (`一般性项目`, `工资福利支出`) is the group's part of that name.
fn sub_measure(group: &str, header: &str) -> Option<String> {
    let words = header_words(header);
    // A header joined with its group's words already (`项目支出一般性项目`) names the part once.
    let words = words
        .trim_start_matches(group)
        .trim_start_matches("其中")
        .trim_start_matches(['：', ':']);
    let cjk = words
        .chars()
        .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
        .count();
    if cjk < 2 || matches!(words, "小计" | "合计") {
        return None;
    }
    match measure_of(words, false).as_deref() {
        Some(m) if m == group => Some(m.to_string()),
        Some(m @ ("人员经费" | "公用经费")) if group == "基本支出" => {
            Some(m.to_string())
        }
        Some(m) => Some(format!("{group}·{m}")),
        None => Some(format!("{group}·{words}")),
    }
}

/// How many rows up a 收入 row's fund source is looked for.
const GROUP_ROWS: usize = 16;

/// The fund source a row of a 收支总表's 收入 half is listed under: the text cell left of its
/// label (`一般公共预算 | 小计`), or the nearest one above in that column when the row leaves
/// it empty (`| 财政拨款`).
fn source_group(table: &Table, row: usize, text_col: usize) -> Option<&str> {
    let col = text_col.checked_sub(1)?;
    let data = table.rows.get(table.header_rows as usize..=row)?;
    // A source lists a handful of kinds of income: the look-up is bounded (a tall table whose
    // column is empty must not cost a scan per cell).
    let cell = data
        .iter()
        .rev()
        .take(GROUP_ROWS)
        .find_map(|r| r.cells.get(col).filter(|c| !c.text.trim().is_empty()))?;
    let text = cell.text.trim();
    (cell.number.is_none() && matches!(source_in(text), Found::One(_))).then_some(text)
}

/// Whether a column header says nothing (one column of figures), only a total or a kind, or
/// names a part of an identity. Anything else names a column the model cannot tell apart.
fn header_understood(header: &str, fiscal_year: Option<i32>) -> bool {
    let plain = crate::text::without_chars(header, |c| {
        c.is_whitespace() || matches!(c, '（' | '）' | '(' | ')' | '：' | ':')
    });
    let plain = plain
        .trim_end_matches("万元")
        .trim_end_matches('元')
        .trim_end_matches("单位");
    const NEUTRAL: &[&str] = &[
        "", "合计", "小计", "总计", "金额", "数额", "数", "本年", "决算", "预算",
    ];
    NEUTRAL.contains(&plain)
        || measure_of(plain, false).is_some()
        || !matches!(source_in(plain), Found::None)
        || !matches!(kind_in(plain), Found::None)
        || !matches!(period_in(plain, fiscal_year), Found::None)
}

/// A class (功能 or 经济) row of a table of 基本支出 or 项目支出 is that class's share of it: the
/// 商品和服务支出 of a 基本支出表 is not the 商品和服务支出 of all spending.
fn within_caption(m: Known<String>, caption: &str, classed: bool) -> Known<String> {
    const PARTS: &[&str] = &["基本支出", "项目支出"];
    let caption_part = PARTS.iter().find(|p| contains(caption, p));
    match caption_part {
        // A sub-column of the caption's own part, already named by it.
        Some(part) if m.value.starts_with(part) => m,
        Some(part) if classed && m.value != *part && !PARTS.contains(&m.value.as_str()) => {
            let value = if m.value == "支出" {
                part.to_string()
            } else {
                format!("{part}·{}", m.value)
            };
            known(value, Evidence::Caption)
        }
        _ => m,
    }
}

/// The first part found; `Many` (conflicting words) at a level stops the search: the part is
/// then unknown rather than taken from a weaker source.
fn first_known<T, const N: usize>(levels: [(Found<T>, Evidence); N]) -> Option<Known<T>> {
    for (found, from) in levels {
        match found {
            Found::One(value) => return Some(Known { value, from }),
            Found::Many => return None,
            Found::None => {}
        }
    }
    None
}

fn document_kind(doc: &Document) -> Option<Known<FigureKind>> {
    let kind = match doc.meta.kind? {
        DocKind::Budget => FigureKind::Budget,
        DocKind::FinalAccounts => FigureKind::Actual,
    };
    Some(known(kind, Evidence::Document))
}

fn known<T>(value: T, from: Evidence) -> Known<T> {
    Known { value, from }
}

/// The text cell nearest left of column `col` (side-by-side tables put two label columns in a
/// row), with its column.
fn row_text(row: &Row, col: usize) -> Option<(usize, String)> {
    row.cells[..col.min(row.cells.len())]
        .iter()
        .enumerate()
        .rev()
        .find(|(_, c)| {
            c.number.is_none()
                && c.text.chars().any(|ch| {
                    !ch.is_ascii_digit() && !ch.is_ascii_punctuation() && !ch.is_whitespace()
                })
        })
        .map(|(i, c)| (i, c.text.replace(['\n', ' ', '\u{3000}'], "")))
}

/// The column of a row's first text cell.
fn row_text_column(row: &Row) -> Option<usize> {
    row.cells.iter().position(|c| {
        c.number.is_none()
            && c.text
                .chars()
                .any(|ch| !ch.is_ascii_digit() && !ch.is_ascii_punctuation() && !ch.is_whitespace())
    })
}

/// The `总计` row of a 收入支出总表 (whole or 财政拨款), read on its 收入 side: 收入总计 = 支出总计
/// there, and the text says `收入支出总计`.
fn grand_total(row_text: &str, caption: &str, first_label: bool) -> Option<Known<String>> {
    (first_label && row_text == "总计" && contains_any(caption, &["收入支出", "收支"]))
        .then(|| known(TOTALS_BOTH.to_string(), Evidence::Label))
}

/// The total column of the 合计 row (or of a unit's row) of a table of spending only (部门支出总体情况表, 一般公共预算支出
/// 表): the table's whole 本年 spending, its 支出合计 (a table of spending has no 结转 to make it
/// a 总计). Not read for a table of income, whose 总计 column may hold last year's 结转.
fn spending_total(
    total_row: bool,
    total_column: bool,
    caption: &str,
    first_label: bool,
) -> Option<Known<String>> {
    let spending_only = contains(caption, "支出") && !contains_any(caption, &["收入", "收支"]);
    // A table of a part of spending (基本支出表, 项目支出表, “三公”经费表 …) totals that part.
    let of_a_part = contains_any(caption, SPENDING_PARTS);
    (first_label && total_row && total_column && spending_only && !of_a_part)
        .then(|| known("支出合计".to_string(), Evidence::Caption))
}

/// A header naming a table's total column: `合计`, `总计`, `金额`, or a total of spending as a
/// whole with its group's words joined to it (`支出预算合计`, `本年支出合计`: the group heads
/// the first column of its span, as a span is written). Never one naming a fund source: a
/// `财政拨款支出合计` in a table of all money is a part of it.
fn is_total_column(header: &str) -> bool {
    let words = header_words(header);
    match words
        .strip_suffix("合计")
        .or_else(|| words.strip_suffix("总计"))
    {
        Some(group) => matches!(
            group,
            "" | "支出" | "本年支出" | "支出预算" | "支出决算" | "本年支出预算" | "本年支出决算"
        ),
        None => words == "金额",
    }
}

/// Words of a caption naming a part of spending rather than all of it.
const SPENDING_PARTS: &[&str] = &[
    "基本支出",
    "项目支出",
    "三公",
    "经费",
    "机关运行",
    "政府采购",
    "人员",
    "公用",
    "资产",
    "绩效",
];

/// A header without white space, brackets and trailing ordinals of a 栏次 row (`总计1`).
fn header_words(header: &str) -> String {
    let plain = crate::text::without_chars(header, |c| {
        c.is_whitespace() || matches!(c, '（' | '）' | '(' | ')' | '*')
    });
    plain
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .to_string()
}

/// Whether a row is one unit's: it has a code under a 单位代码 (单位编码) column header.
fn names_a_unit(row: &Row, headers: &[String]) -> bool {
    headers.iter().enumerate().any(|(c, h)| {
        contains_any(h, &["单位代码", "单位编码"])
            && row.cells.get(c).is_some_and(|cell| {
                cell.text
                    .trim()
                    .chars()
                    .any(|ch| ch.is_ascii_alphanumeric())
            })
    })
}

/// Functional and economic codes of the row part a cell belongs to: the row's own code when
/// the cell's text is the row's label; else a code cell just left of that text.
fn row_codes(
    classes: &Classification,
    fact: &Fact,
    row: &Row,
    text_col: usize,
    row_text: &str,
) -> (Option<String>, Option<String>) {
    let own_label = fact.label.as_deref().is_some_and(|l| l.raw == row_text);
    let code = if own_label {
        fact.label.as_deref().and_then(|l| l.class_code.clone())
    } else {
        text_col
            .checked_sub(1)
            .and_then(|c| row.cells.get(c))
            .map(|c| c.text.trim().to_string())
            .filter(|t| matches!(t.len(), 3 | 5 | 7) && t.chars().all(|c| c.is_ascii_digit()))
    };
    let code = code.or_else(|| {
        // A class named without a code (财政拨款收支总表): only a 类, whose name is unique.
        let name = super::numbering::scan_marker(row_text).map_or(row_text, |m| &row_text[m.len..]);
        classes
            .by_name(name)
            .filter(|(e, _)| e.code.len() == 3)
            .map(|(e, _)| e.code.to_string())
    });
    match code {
        Some(c) if c.starts_with('2') => (Some(c), None),
        Some(c) if c.starts_with('3') || c.starts_with('5') => (None, Some(c)),
        _ => (None, None),
    }
}

/// A cell's measure from its row label, its column header and the caption.
fn cell_measure(
    row_text: &str,
    (header, grouped): (&str, Option<String>),
    caption: &str,
    classed: bool,
) -> Option<Known<String>> {
    // A sub-column of a 基本支出/项目支出 group is named by its header path.
    let head = grouped.or_else(|| measure_of(header, false));
    if classed {
        // A class's 本年收入合计 column is its 收入, its 本年支出合计 its 支出.
        let head = head.map(|m| match m.as_str() {
            "收入合计" | "收入总计" => "收入".to_string(),
            "支出合计" | "支出总计" => "支出".to_string(),
            _ => m,
        });
        if let Some(m) = head {
            return Some(known(m, Evidence::Header));
        }
        let income = contains(caption, "收入");
        let spending = contains(caption, "支出");
        let m = match (income, spending) {
            (true, false) => "收入",
            (false, true) => "支出",
            // The 收入支出总表: its classes are on the 支出 side.
            (true, true) if row_text.ends_with("支出") => "支出",
            _ => return None,
        };
        let from = if income != spending {
            Evidence::Caption
        } else {
            Evidence::Label
        };
        return Some(known(m.to_string(), from));
    }
    let head = head.filter(|m| m != "收入合计" && m != "支出合计");
    let row = measure_of(row_text, false);
    let row_is_total = contains_any(row_text, &["合计", "总计"]);
    match (row, head) {
        (Some(r), None) => Some(known(r, Evidence::Label)),
        (None, Some(h)) => Some(known(h, Evidence::Header)),
        (Some(_), Some(h)) if row_is_total => Some(known(h, Evidence::Header)),
        (Some(r), Some(h)) if r == h => Some(known(r, Evidence::Label)),
        // A column of a source's spending (`一般公共预算` over `合计`): the row's measure is a
        // part of that spending, of that source.
        (Some(r), Some(h)) if h == "支出" && !contains(&r, "收入") && r != TOTALS_BOTH => {
            Some(known(r, Evidence::Label))
        }
        // The total column of a table of a part of spending, named with its group's words
        // (`一般公共预算基本支出合计` in a 基本支出表): the row's measure is a part of that part
        // (`基本支出·工资福利支出`, see `within_caption`), as under a bare `合计`.
        (Some(r), Some(h))
            if matches!(h.as_str(), "基本支出" | "项目支出")
                && contains(caption, &h)
                && !contains(&r, "收入")
                && r != TOTALS_BOTH =>
        {
            Some(known(r, Evidence::Label))
        }
        _ => None,
    }
}

/// The measure a label names, or `None`. The fund source's words are set aside first (it is
/// a part of its own): `一般公共预算财政拨款支出合计` is the 支出合计 of 一般公共预算. `收入`/`支出`
/// alone name a measure only for a class (`社会保障和就业支出`) or a fund source (`财政拨款支出`);
/// a total is `…合计` or `…总计` only when the label says which (they differ by the 结转 of
/// last year).
fn measure_of(raw: &str, classed: bool) -> Option<String> {
    if classed {
        return contains(raw, "支出").then(|| "支出".to_string());
    }
    if names_more(raw) {
        return None;
    }
    let sourced = !matches!(source_in(raw), Found::None);
    let mut rest = raw.to_string();
    for words in SOURCE_WORDS {
        if contains(&rest, words) {
            rest = rest.replace(words, "");
        }
    }
    if contains_any(&rest, &["收入支出总计", "收支总计"]) {
        // The 收支总表's 总计: 收入总计 and 支出总计 are one figure there.
        return Some(TOTALS_BOTH.to_string());
    }
    let m = match head_key(&rest) {
        Some(key @ ("收入合计" | "支出合计")) => {
            let side = &key[..key.len() - "合计".len()];
            if contains(&rest, "总计") {
                format!("{side}总计")
            } else if contains(&rest, "合计") {
                format!("{side}合计")
            } else if sourced {
                // `财政拨款支出`: the spending of a source.
                side.to_string()
            } else {
                return None;
            }
        }
        Some(key) => key.to_string(),
        None if sourced && contains(&rest, "支出") => "支出".to_string(),
        None if sourced && contains_any(&rest, &["收入", "拨款"]) => "收入".to_string(),
        None => return None,
    };
    Some(m)
}

/// The 总计 of a 收入支出总表, which is both its 收入总计 and its 支出总计.
const TOTALS_BOTH: &str = "收支总计";

/// Words a label may hold besides the quantity's name without naming another quantity: the
/// unit itself, years, periods, kinds, fund sources, and connectives.
const FILLER: &[&str] = &[
    "本部门",
    "我部门",
    "本单位",
    "我单位",
    "本局",
    "我局",
    "本中心",
    "我中心",
    "我所",
    "本所",
    "部门",
    "单位",
    "本年度",
    "上年度",
    "年度",
    "本年",
    "当年",
    "上年",
    "年初",
    "全年",
    "调整",
    "预算数",
    "决算数",
    "执行数",
    "预算",
    "决算",
    "实际",
    "支出",
    "收入",
    "总额",
    "合计",
    "总计",
    "小计",
    "共计",
    "安排",
    "金额",
    "资金",
    "拨款",
    "经费",
    "其中",
    "全部",
    "用于",
    "累计",
    "完成",
    "为",
    "的",
    "中",
    "共",
    "数",
    "年",
    "是",
    "达",
    "了",
    "均",
    "项",
];

/// Whether a label says more than a quantity's name and the words of [`FILLER`], the fund
/// sources and the document's own name (`面向中小企业预留政府采购项目预算金额`, `在职人员经费`,
/// `拟购置固定资产总额`): then it names a narrower quantity than the key, and the measure is
/// unknown. One leftover character is let through.
fn names_more(raw: &str) -> bool {
    let mut rest = crate::labels::without_keys(raw);
    // The issuer's name (the text before its year, e.g. `某某市某某局2021年度`).
    if let Some(p) = rest.find(|c: char| c.is_ascii_digit()) {
        let before = &rest[..p];
        if before.ends_with([
            '局', '委', '办', '心', '院', '所', '会', '部', '厅', '处', '站', '队', '校', '府',
        ]) {
            rest = rest[p..].to_string();
        }
    }
    // Taking words out only removes characters, so a word with a character the label lacks can
    // never match: most are skipped without a search (this runs for every labelled figure).
    let present = CharSet::of(&rest);
    for (words, chars) in removable_words() {
        if present.holds(chars) && contains(&rest, words) {
            rest = rest.replace(words, "");
        }
    }
    let left = rest
        .chars()
        .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
        .count();
    left > 1
}

/// The words [`names_more`] takes out, in order ([`SOURCE_WORDS`], then [`FILLER`]), each with
/// its characters' [`CharSet`] (made once: a constant table).
fn removable_words() -> &'static [(&'static str, CharSet)] {
    static WORDS: OnceLock<Vec<(&str, CharSet)>> = OnceLock::new();
    WORDS.get_or_init(|| {
        SOURCE_WORDS
            .iter()
            .chain(FILLER)
            .map(|w| (*w, CharSet::of(w)))
            .collect()
    })
}

/// The characters of a text, summarised in 128 bits: a character whose bit is clear is not in it.
#[derive(Debug, Clone, Copy)]
struct CharSet(u128);

impl CharSet {
    fn of(text: &str) -> CharSet {
        CharSet(text.chars().fold(0, |set, c| set | CharSet::bit(c)))
    }

    fn bit(c: char) -> u128 {
        1 << (c as u32 % 128)
    }

    /// Whether every character of the text `other` was made of may be in this one.
    fn holds(&self, other: &CharSet) -> bool {
        self.0 & other.0 == other.0
    }
}

/// The names of the fund sources, longest first.
const SOURCE_WORDS: &[&str] = &[
    "一般公共预算",
    "政府性基金预算",
    "政府性基金",
    "国有资本经营预算",
    "国有资本经营",
    "基金预算",
    "财政拨款",
];

/// What a text says about one part: nothing, one value, or conflicting values.
enum Found<T> {
    None,
    One(T),
    Many,
}

/// The fund source a text names. 一般公共预算财政拨款 is 一般公共预算; 财政拨款 with another
/// source named is that source; two specific sources, or 非财政拨款, say nothing certain.
fn source_in(s: &str) -> Found<FundSource> {
    if s.is_empty() {
        return Found::None;
    }
    if contains(s, "非财政") {
        return Found::Many;
    }
    let specific: Vec<FundSource> = [
        (FundSource::GeneralBudget, "一般公共预算"),
        (FundSource::GovFund, "政府性基金"),
        (FundSource::GovFund, "基金预算"),
        (FundSource::StateCapital, "国有资本经营"),
    ]
    .iter()
    .filter(|(_, w)| contains(s, w))
    .map(|(f, _)| *f)
    .collect();
    match specific.as_slice() {
        [] if contains(s, "财政拨款") => Found::One(FundSource::Fiscal),
        [] => Found::None,
        [one] => Found::One(*one),
        [a, rest @ ..] if rest.iter().all(|r| r == a) => Found::One(*a),
        _ => Found::Many,
    }
}

/// The period a text names: 上年, 本年, or a year relative to the fiscal year.
fn period_in(s: &str, fiscal_year: Option<i32>) -> Found<Period> {
    let mut found: Option<Period> = None;
    let mut note = |p: Period| -> bool {
        let clash = found.is_some_and(|f| f != p);
        found = Some(p);
        clash
    };
    if contains_any(s, &["上年", "上一年", "去年"]) && note(Period::Previous) {
        return Found::Many;
    }
    if contains_any(s, &["本年", "当年", "今年"]) && note(Period::Current) {
        return Found::Many;
    }
    for year in years_in(s) {
        let p = match fiscal_year {
            Some(fy) if year == fy => Period::Current,
            Some(fy) if year == fy - 1 => Period::Previous,
            _ => return Found::Many,
        };
        if note(p) {
            return Found::Many;
        }
    }
    found.map_or(Found::None, Found::One)
}

/// Four-digit years followed by 年 in `s`.
fn years_in(s: &str) -> impl Iterator<Item = i32> + '_ {
    s.match_indices('年').filter_map(move |(p, _)| {
        let before = s[..p].trim_end();
        let digits = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        (digits == 4)
            .then(|| before[before.len() - 4..].parse().ok())
            .flatten()
            .filter(|y| (1990..=2100).contains(y))
    })
}

/// The kind of figure (budget, adjusted budget or actual) that the words of `s` name, when they
/// name exactly one: the same reading the identity of a figure takes from its label, for rules
/// that compare a figure whose identity is unknown with one whose kind is known.
pub fn figure_kind_named(s: &str) -> Option<FigureKind> {
    match kind_in(s) {
        Found::One(kind) => Some(kind),
        Found::None | Found::Many => None,
    }
}

/// The fund source that the words of `s` name, when they name exactly one (`政府性基金预算财政
/// 拨款收入支出决算表` → 政府性基金): the reading the identity of a figure takes from its label and
/// caption, for rules that match a table's caption with figures.
pub fn source_named(s: &str) -> Option<FundSource> {
    match source_in(s) {
        Found::One(source) => Some(source),
        Found::None | Found::Many => None,
    }
}

/// Budget, adjusted budget or actual, from the words of a text (the names of the fund sources,
/// which contain 预算, removed first).
fn kind_in(s: &str) -> Found<FigureKind> {
    if s.is_empty() {
        return Found::None;
    }
    // The names of fund sources and 预算单位 contain 预算 without naming a kind of figure.
    // (Most labels have no 预算 at all: they are looked at as they are, without a copy.)
    let mut t = std::borrow::Cow::Borrowed(s);
    if contains(s, "预算") {
        for source in [
            "一般公共预算",
            "国有资本经营预算",
            "政府性基金预算",
            "基金预算",
            "预算单位",
        ] {
            if contains(&t, source) {
                t = std::borrow::Cow::Owned(t.replace(source, ""));
            }
        }
    }
    let adjusted = contains_any(&t, &["调整预算", "全年预算", "调整后预算"]);
    let actual = contains_any(&t, &["决算", "执行数", "实际"]);
    let budget = !adjusted && contains(&t, "预算");
    match (budget, adjusted, actual) {
        (false, false, false) => Found::None,
        (true, false, false) => Found::One(FigureKind::Budget),
        (false, true, false) => Found::One(FigureKind::Adjusted),
        (false, false, true) => Found::One(FigureKind::Actual),
        _ => Found::Many,
    }
}

/// The title of the heading a block is under, found by a cursor over the blocks (facts come
/// in block order).
#[derive(Default)]
struct Sections {
    next: usize,
    title: Option<Span>,
}

impl Sections {
    fn heading<'d>(&mut self, doc: &'d Document, block: BlockId) -> &'d str {
        let block = block as usize;
        if block < self.next.saturating_sub(1) {
            *self = Sections::default();
        }
        while self.next <= block && self.next < doc.blocks.len() {
            if let Block::Heading(h) = &doc.blocks[self.next] {
                self.title = Some(h.title_span);
            }
            self.next += 1;
        }
        self.title.map_or("", |s| doc.slice(s))
    }
}

/// The head of each sentence (its text up to its first amount), found in one pass over the
/// facts in text order: the fund source or year said there applies to the figures of the
/// sentence (“财政拨款基本支出…，其中：人员经费…”).
#[derive(Default)]
struct SentenceHeads {
    block: Option<BlockId>,
    /// Where the scan stopped, the current sentence's start and its head's end.
    scanned: usize,
    start: usize,
    head_end: Option<usize>,
}

/// Sentence ends. A semicolon separates the items of one enumeration (“其中：人员经费…；公用经费…”).
const SENTENCE_END: &[char] = &['。', '！', '？', '!', '?'];

impl SentenceHeads {
    fn head<'d>(&mut self, doc: &'d Document, fact: &Fact) -> &'d str {
        let at = fact.span.start as usize;
        if self.block != Some(fact.block) || at < self.scanned {
            let start = doc
                .blocks
                .get(fact.block as usize)
                .map_or(at, |b| (b.span().start as usize).min(at));
            *self = SentenceHeads {
                block: Some(fact.block),
                scanned: start,
                start,
                head_end: None,
            };
        }
        if let Some(gap) = doc.text.get(self.scanned..at) {
            if let Some(p) = gap.rfind(SENTENCE_END) {
                self.start = self.scanned + p + gap[p..].chars().next().map_or(1, char::len_utf8);
                self.head_end = None;
            }
        }
        self.scanned = at;
        let end = *self.head_end.get_or_insert(at);
        doc.text.get(self.start..end).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_char_set_lets_every_word_of_the_text_through() {
        for text in [
            "一般公共预算财政拨款支出合计",
            "本年度上年结转",
            "2021年某某中心收入预算总额",
        ] {
            let set = CharSet::of(text);
            for (word, chars) in removable_words() {
                if text.contains(word) {
                    assert!(set.holds(chars), "{word} in {text}");
                }
            }
        }
        assert!(!CharSet::of("合计").holds(&CharSet::of("年")));
        assert_eq!(removable_words().len(), SOURCE_WORDS.len() + FILLER.len());
    }

    fn identities(text: &str) -> Vec<(String, String)> {
        let doc = crate::parse_text(text.to_string());
        doc.facts
            .iter()
            .filter_map(|f| {
                let id = f.identity.as_ref()?;
                Some((doc.slice(f.span).to_string(), id.describe()))
            })
            .collect()
    }

    #[test]
    fn a_spending_total_column_may_carry_its_group_s_words() {
        // The group over 合计 | 基本支出 | 项目支出 heads its first column, so the 合计
        // column's header is `支出预算合计`; its 合计 row is still the table's 支出合计.
        let table = |group: &str| {
            format!(
                "某某局2026年部门预算\n\n2026年部门支出预算总表\n单位：元\n项目\t\t{group}\t基本支出\t项目支出\n功能分类科目编码\t功能分类科目名称\t\t\t\n合计\t\t1000.00\t600.00\t400.00\n204\t公共安全支出\t1000.00\t600.00\t400.00\n"
            )
        };
        let total = |got: &[(String, String)]| {
            got.iter()
                .find(|(v, _)| v == "1000.00")
                .map(|(_, id)| id.clone())
        };
        assert_eq!(
            total(&identities(&table("支出预算合计"))).as_deref(),
            Some("全部资金·支出合计·本年·预算数")
        );
        // A fund source's total is a part of all money, not the table's total.
        let got = identities(&table("财政拨款支出合计"));
        assert_ne!(
            total(&got).as_deref(),
            Some("全部资金·支出合计·本年·预算数"),
            "{got:?}"
        );
    }

    #[test]
    fn a_part_s_total_column_named_with_its_group_keeps_the_rows_measures() {
        // `一般公共预算基本支出合计` (the group joined to its 合计) reads as a bare 合计 does:
        // a 类 row's figure is that class's part of 基本支出.
        let got = identities(
            "某某局2026年部门预算\n\n2026年部门一般公共预算基本支出部门预算经济分类预算表\n单位：元\n项目\t\t一般公共预算基本支出合计\t人员经费\t公用经费\n部门预算经济分类科目编码\t经济分类科目名称\t\t\t\n301\t工资福利支出\t1000.00\t1000.00\t\n合计\t\t1000.00\t1000.00\t0.00\n",
        );
        let of = |v: &str| -> Vec<&str> {
            got.iter()
                .filter(|(x, _)| x == v)
                .map(|(_, id)| id.as_str())
                .collect()
        };
        assert!(
            of("1000.00").contains(&"一般公共预算·基本支出·工资福利支出·301·本年·预算数"),
            "{got:?}"
        );
    }

    #[test]
    fn prose_figures_take_source_and_period_from_their_sentence() {
        let got = identities(
            "某某局2021年度部门决算\n\n2021年度财政拨款基本支出21602.22万元，其中：人员经费21531.16万元；公用经费71.06万元。\n\n2020年机关运行经费支出60万元，较上年增加11.06万元。\n",
        );
        assert_eq!(
            got,
            vec![
                (
                    "21602.22万元".into(),
                    "财政拨款·基本支出·本年·决算数".into()
                ),
                (
                    "21531.16万元".into(),
                    "财政拨款·人员经费·本年·决算数".into()
                ),
                ("71.06万元".into(), "财政拨款·公用经费·本年·决算数".into()),
                ("60万元".into(), "机关运行经费·上年·决算数".into()),
            ]
        );
    }

    #[test]
    fn table_cells_take_the_nearest_label_the_header_and_the_caption() {
        let got = identities(
            "某某局2021年度部门决算\n\n财政拨款收入支出决算总表\n单位：万元\n项目\t决算数\t项目\t合计\t一般公共预算财政拨款\n一、一般公共预算财政拨款收入\t100.00\t一、社会保障和就业支出\t90.00\t90.00\n本年收入合计\t100.00\t本年支出合计\t90.00\t90.00\n",
        );
        assert!(
            got.contains(&("90.00".into(), "财政拨款·支出·208·本年·决算数".into())),
            "{got:?}"
        );
        assert!(
            got.contains(&("90.00".into(), "一般公共预算·支出·208·本年·决算数".into())),
            "{got:?}"
        );
        assert!(
            got.contains(&("100.00".into(), "一般公共预算·收入·本年·决算数".into())),
            "{got:?}"
        );
        assert!(
            got.contains(&("100.00".into(), "财政拨款·收入合计·本年·决算数".into())),
            "{got:?}"
        );
        assert!(
            got.contains(&("90.00".into(), "财政拨款·支出合计·本年·决算数".into())),
            "{got:?}"
        );
    }

    #[test]
    fn a_spending_table_totals_its_spending_beside_its_unit_rows() {
        let table = |caption: &str| {
            format!(
                "某某局2021年部门预算\n\n{caption}\n单位：万元\n科目编码\t单位代码\t单位名称\t总计\t基本支出\n合计\t\t\t100.00\t80.00\n\t309001\t某某中心\t100.00\t80.00\n2080109\t309001\t社会保险经办机构\t100.00\t80.00\n"
            )
        };
        let got = identities(&table("2021年部门支出总体情况表"));
        // The 合计 row: the table's 支出合计 and 基本支出; the lone unit's row repeats both (the
        // same quantities); the class row: its class's.
        assert_eq!(
            got,
            vec![
                ("100.00".into(), "全部资金·支出合计·本年·预算数".into()),
                ("80.00".into(), "全部资金·基本支出·本年·预算数".into()),
                ("100.00".into(), "全部资金·支出合计·本年·预算数".into()),
                ("80.00".into(), "全部资金·基本支出·本年·预算数".into()),
                ("100.00".into(), "全部资金·支出·2080109·本年·预算数".into()),
                (
                    "80.00".into(),
                    "全部资金·基本支出·2080109·本年·预算数".into()
                ),
            ]
        );
        // Several units: each unit's row is a part of the 合计, of no identity.
        let two_units = table("2021年部门支出总体情况表").replace(
            "\n2080109\t309001",
            "\n\t309002\t另一中心\t0.00\t0.00\n2080109\t309001",
        );
        let got = identities(&two_units);
        assert_eq!(
            got.iter().filter(|(v, _)| v == "80.00").count(),
            2,
            "the 合计 row's and the class row's: {got:?}"
        );
        // A table of a part of spending totals that part, not all spending.
        let got = identities(&table("2021年财政拨款基本支出预算表"));
        assert!(
            got.iter().all(|(_, id)| !id.contains("支出合计")),
            "{got:?}"
        );
    }

    #[test]
    fn the_total_column_under_a_fund_source_group_totals_that_source() {
        // Three header rows (the 类/款/项 row last): the 合计 row's 合计 cell is the 一般公共预算's
        // 支出合计, which a statement of that source's spending can be compared with.
        let got = identities(concat!(
            "某某局2026年部门预算\n\n2026年部门一般公共预算支出功能分类预算表\n单位：元\n",
            "项目\t\t\t\t一般公共预算支出\t\t\n",
            "功能分类科目编码\t\t\t功能分类科目名称\t合计\t基本支出\t项目支出\n",
            "类\t款\t项\t\t\t\t\n",
            "204\t\t\t公共安全支出\t900.00\t400.00\t500.00\n",
            "208\t\t\t社会保障和就业支出\t100.00\t100.00\t\n",
            "\t\t\t合计\t1000.00\t500.00\t500.00\n",
        ));
        let total = got.iter().find(|(figure, _)| figure == "1000.00");
        assert_eq!(
            total.map(|(_, id)| id.as_str()),
            Some("一般公共预算·支出合计·本年·预算数"),
            "{got:?}"
        );
    }

    #[test]
    fn a_sub_column_takes_the_measure_of_its_group_header() {
        let got = identities(
            "某某中心2021年部门预算\n\n2021年部门支出总体情况表\n单位：万元\n科目编码\t单位名称\t总计\t基本支出\t\t\t项目支出\t\n\t\t\t小计\t人员经费\t工资福利支出\t小计\t一般性项目\n\t合计\t100.00\t80.00\t70.00\t60.00\t20.00\t15.00\n",
        );
        let measures: Vec<&str> = got.iter().map(|(_, id)| id.as_str()).collect();
        assert_eq!(
            measures,
            [
                "全部资金·支出合计·本年·预算数",
                "全部资金·基本支出·本年·预算数",
                // 人员经费 is a part of 基本支出 by definition; another name is the group's part.
                "全部资金·人员经费·本年·预算数",
                "全部资金·基本支出·工资福利支出·本年·预算数",
                "全部资金·项目支出·本年·预算数",
                "全部资金·项目支出·一般性项目·本年·预算数",
            ],
            "{got:?}"
        );
        // Without a 小计 under it, a header cell heads its own column only.
        let got = identities(
            "某某中心2021年部门预算\n\n2021年部门支出总体情况表\n单位：万元\n项目\t项目支出\t\n\t\t一般性项目\n合计\t20.00\t15.00\n",
        );
        assert!(
            got.iter().all(|(_, id)| !id.contains("一般性项目")),
            "{got:?}"
        );
    }

    #[test]
    fn the_income_half_of_a_summary_table_reads_its_extra_label_column() {
        let got = identities(
            "某某中心2021年部门预算\n\n2021年部门收支总体情况表\n单位：万元\n收 入\t\t支 出\t\t\n项 目\t金 额\t项 目\t合 计\t本年支出\t\n\t\t\t\t一般公共预算\t\n\t\t\t\t合计\t其中：财政拨款\t行政事业性收费\n一般公共预算\t小计\t100.00\t一、基本支出\t80.00\t80.00\t80.00\n\t财政拨款\t90.00\t二、项目支出\t20.00\t20.00\t10.00\t5.00\n收入合计\t\t100.00\t支出合计\t100.00\t100.00\t90.00\n",
        );
        let of = |v: &str| -> Vec<&str> {
            got.iter()
                .filter(|(x, _)| x == v)
                .map(|(_, id)| id.as_str())
                .collect()
        };
        // The 小计 of a source is its income; a part of it (its 财政拨款) is no source the model
        // names; the 支出 half reads one column right of its headers; a part of a source's
        // column (其中：财政拨款 under 一般公共预算) is none either.
        assert_eq!(
            of("100.00"),
            [
                "一般公共预算·收入·本年·预算数",
                "全部资金·收入合计·本年·预算数",
                "全部资金·支出合计·本年·预算数",
                "一般公共预算·支出合计·本年·预算数",
            ]
        );
        assert!(of("90.00").is_empty(), "{got:?}");
        // Nor another part of the source's column (its 行政事业性收费).
        assert!(of("5.00").is_empty(), "{got:?}");
        assert_eq!(
            of("20.00"),
            [
                "全部资金·项目支出·本年·预算数",
                "一般公共预算·项目支出·本年·预算数"
            ]
        );
        assert_eq!(
            of("80.00"),
            [
                "全部资金·基本支出·本年·预算数",
                "一般公共预算·基本支出·本年·预算数"
            ]
        );
    }

    #[test]
    fn a_three_public_section_that_names_no_source_is_of_the_whole_unit() {
        let text = |heading: &str| {
            format!("某某中心2021年部门预算\n\n八、{heading}\n\n某某中心2021年“三公”经费预算数3.00万元。其中财政拨款安排“三公”经费3.00万元。公务接待费3.00万元。\n")
        };
        let got = identities(&text("“三公”经费预算安排情况说明"));
        let ids: Vec<&str> = got.iter().map(|(_, id)| id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "全部资金·三公经费·本年·预算数",
                "财政拨款·三公经费·本年·预算数",
                "全部资金·公务接待费·本年·预算数",
            ]
        );
        // A section on something else: the source stays unknown.
        let got = identities(&text("其他重要事项的情况说明"));
        assert!(
            got.iter().all(|(_, id)| !id.contains("全部资金")),
            "{got:?}"
        );
    }

    #[test]
    fn an_income_total_listing_last_years_carry_over_is_the_income_grand_total() {
        let text = |parts: &str| {
            format!("某某中心2022年部门预算\n\n一、收支预算总体情况\n\n2022年某某中心收入预算总额为500.00万元，其中：财政拨款收入500.00万元，{parts}。\n")
        };
        let got = identities(&text("其他收入0万元，上年结转收入0万元"));
        assert_eq!(
            got[0],
            ("500.00万元".into(), "全部资金·收入总计·本年·预算数".into())
        );
        // Without the 结转 among its parts, 总额 may be the 合计 or the 总计: no measure.
        let got = identities(&text("其他收入0万元"));
        assert!(
            got.iter().all(|(_, id)| !id.contains("全部资金")),
            "{got:?}"
        );
    }

    #[test]
    fn the_grand_total_of_a_summary_table_is_read_once() {
        let got = identities(
            "某某局2021年度部门决算\n\n收入支出决算总表\n单位：万元\n项目\t决算数\t项目\t决算数\n本年收入合计\t100.00\t本年支出合计\t90.00\n年初结转和结余\t5.00\t年末结转和结余\t15.00\n总计\t105.00\t总计\t105.00\n\n2021年度收入支出总计105.00万元。\n",
        );
        // The table's 总计 once (its 收入 side); the sentence names no fund source.
        let totals: Vec<&str> = got
            .iter()
            .filter(|(_, d)| d.contains("收支总计"))
            .map(|(_, d)| d.as_str())
            .collect();
        assert_eq!(
            totals,
            ["全部资金·收支总计·本年·决算数", "收支总计·本年·决算数"],
            "{got:?}"
        );
    }

    #[test]
    fn conflicting_words_leave_a_part_unknown() {
        assert!(matches!(kind_in("年初预算决算数"), Found::Many));
        assert!(matches!(kind_in("一般公共预算财政拨款支出"), Found::None));
        assert!(matches!(source_in("一般公共预算和政府性基金"), Found::Many));
        assert!(matches!(period_in("2019年", Some(2021)), Found::Many));
        assert!(matches!(
            period_in("2020年", Some(2021)),
            Found::One(Period::Previous)
        ));
        assert_eq!(measure_of("收入", false), None);
        assert_eq!(measure_of("收入总计", false).as_deref(), Some("收入总计"));
        assert_eq!(
            measure_of("财政拨款收入支出总计", false).as_deref(),
            Some(TOTALS_BOTH)
        );
    }
}
