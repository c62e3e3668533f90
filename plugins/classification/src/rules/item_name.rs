use budgetlint_sdk::model::{Block, Document, Row, Span};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, DocumentExt, Rule, RuleMeta};
use std::collections::BTreeMap;

declare_rule! {
    /// ## What it checks
    /// A 款 or 项 named in the text as `A（类）B（款）C（项）` that the document's own tables do
    /// not have under that 类 (or 款): the tables list the 类 with its 款 (or the 款 with its 项)
    /// by code, and none of them bears the name (one contains the other, white space aside, as
    /// 社会保障和就业 and 社会保障和就业支出 do). Only judged when the tables give the parent
    /// with at least one child row; a name the text repeats is reported once, with every place.
    ///
    /// ## Why
    /// 财预〔2016〕143号 asks the explanation of each 项 to follow the tables' 政府收支分类科目;
    /// an item that names a 款 or 项 the tables do not have is a former name (科目 are renamed
    /// most years: 行政事业单位离退休 became 行政事业单位养老支出), a name copied from another
    /// item, or a wrong level — the reader cannot find the item in the tables.
    ///
    /// ## Example
    /// “住房保障支出（类）住房保障支出（款）住房公积金（项）” while the tables list 221 住房保障支出
    /// with the 款 22102 住房改革支出 only.
    ///
    /// ## Fix
    /// Use the name the tables give the 款 or 项 (here 住房改革支出).
    ///
    /// ## 检查内容
    /// 正文以“A（类）B（款）C（项）”写出的款或项，在本文件自己的表格中该类（或款）之下没有：表格按编码列出了该类及其各款（或该款及其各项），却没有一个名称与之相符（去掉空白后一方包含另一方即算相符，如“社会保障和就业”与“社会保障和就业支出”）。只有表格列出了上级科目且至少有一个下级行时才判断；正文重复写的同一名称只报告一次，列出所有位置。
    ///
    /// ## 依据
    /// 财预〔2016〕143号要求各项说明与表格的政府收支分类科目一致；说明中写了表格中没有的款或项，多半是旧科目名称（科目几乎每年调整，如“行政事业单位离退休”已改为“行政事业单位养老支出”）、从其他条目复制的名称或层级写错，读者在表格中找不到该项。
    ///
    /// ## 示例
    /// 正文写“住房保障支出（类）住房保障支出（款）住房公积金（项）”，而表格中221住房保障支出之下只有款22102住房改革支出。
    ///
    /// ## 修改方法
    /// 按表格中该款或该项的名称改正（本例为“住房改革支出”）。
    pub struct ItemName {
        id: "classification/item-name",
        severity: Warning,
        summary: "A 款 or 项 named in the text is not under its 类 or 款 in the tables",
        summary_zh: "正文所写的款或项在表格中该类或该款之下没有",
    }
}

impl Rule for ItemName {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let catalogue = TableCatalogue::of(doc);
        if catalogue.names.is_empty() {
            return;
        }
        // (parent code, wrong name) → the places the text writes it.
        let mut wrong: BTreeMap<(String, String), Vec<(usize, usize)>> = BTreeMap::new();
        for (start, end) in prose_spans(doc) {
            for chain in chains(&doc.text[start..end]) {
                if let Some((parent, name, at)) = catalogue.first_unknown(&chain) {
                    let place = (start + at.0, start + at.1);
                    wrong.entry((parent, name)).or_default().push(place);
                }
            }
        }
        let mut wrong: Vec<_> = wrong.into_iter().collect();
        wrong.sort_by_key(|(_, places)| places[0]);
        for ((parent, name), places) in wrong {
            out.push(finding(doc, &catalogue, &parent, &name, &places));
        }
    }
}

fn finding(
    doc: &Document,
    catalogue: &TableCatalogue,
    parent: &str,
    name: &str,
    places: &[(usize, usize)],
) -> Diagnostic {
    let level = if parent.len() == 3 { "款" } else { "项" };
    let parent_name = catalogue.name_of(parent);
    let children: Vec<String> = catalogue
        .children(parent)
        .map(|(code, n)| format!("{code} {n}"))
        .collect();
    let listed = children.join("、");
    let (start, end) = places[0];
    let mut d = Diagnostic::new(
        &ItemName::META,
        doc.span_of(start, end),
        format!("{level}“{name}”不在表中 {parent} {parent_name} 之下（表中为：{listed}）"),
    )
    .en(format!(
        "The {} '{name}' is not under {parent} {parent_name} in the tables (they list: {listed})",
        if level == "款" { "kuan" } else { "xiang" }
    ));
    if let Some(span) = catalogue.row_span(parent) {
        d = d.related(span, format!("表中 {parent} {parent_name}"));
    }
    for &(s, e) in &places[1..] {
        d = d.related(doc.span_of(s, e), format!("又写作“{name}”"));
    }
    d
}

/// The byte ranges of the prose: paragraphs and headings.
fn prose_spans(doc: &Document) -> Vec<(usize, usize)> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.text_span),
            Block::Heading(h) => Some(h.span),
            _ => None,
        })
        .map(|s: Span| (s.start as usize, s.end as usize))
        .collect()
}

/// One `A（类）B（款）C（项）` of the text: each level's name with its byte range in the text
/// it was read from; the 款 and 项 may be missing.
#[derive(Debug, PartialEq)]
struct Chain {
    levels: Vec<Named>,
}

const MARKERS: [[&str; 2]; 3] = [["（类）", "(类)"], ["（款）", "(款)"], ["（项）", "(项)"]];

/// Every chain of `text` that starts with a `（类）` marker.
fn chains(text: &str) -> Vec<Chain> {
    let mut out = Vec::new();
    for marker in MARKERS[0] {
        for (at, _) in text.match_indices(marker) {
            let Some(first) = name_before(text, at) else {
                continue;
            };
            let mut levels = vec![first];
            let mut after = at + marker.len();
            for level in &MARKERS[1..] {
                let Some((name, end)) = name_up_to_marker(text, after, level) else {
                    break;
                };
                levels.push(name);
                after = end;
            }
            out.push(Chain { levels });
        }
    }
    out
}

/// Whether `c` can be part of a 科目 name as the text writes it.
fn is_name_char(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || c.is_whitespace()
}

/// The name that ends at byte `end`: the run of name characters before it.
fn name_before(text: &str, end: usize) -> Option<Named> {
    let start = text[..end]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_name_char(c))
        .last()
        .map(|(i, _)| i)?;
    let start = start + (text[start..end].len() - text[start..end].trim_start().len());
    let name = compact(&text[start..end]);
    (name.chars().count() >= 2).then_some((name, (start, end)))
}

/// A name as the text writes it, white space taken out, and its byte range in the text.
type Named = (String, (usize, usize));

/// The name that starts at byte `from` and ends right at one of `markers`; and the byte after
/// the marker.
fn name_up_to_marker(text: &str, from: usize, markers: &[&str; 2]) -> Option<(Named, usize)> {
    let rest = &text[from..];
    let len = rest
        .char_indices()
        .find(|&(_, c)| !is_name_char(c))
        .map_or(rest.len(), |(i, _)| i);
    let marker = markers.iter().find(|m| rest[len..].starts_with(**m))?;
    let name = compact(&rest[..len]);
    let lead = rest.len() - rest.trim_start().len();
    (name.chars().count() >= 2).then_some((
        (name, (from + lead.min(len), from + len)),
        from + len + marker.len(),
    ))
}

fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Two names of one 科目: equal, or one contains the other (社会保障和就业 / …支出).
fn same_name(a: &str, b: &str) -> bool {
    a.contains(b) || b.contains(a)
}

/// The 类, 款 and 项 that the document's tables list by code, with their names.
struct TableCatalogue {
    /// Code → (name, span of the row's name cell).
    names: BTreeMap<String, (String, Span)>,
}

impl TableCatalogue {
    fn of(doc: &Document) -> TableCatalogue {
        let mut names = BTreeMap::new();
        for row in doc.tables.iter().flat_map(|t| &t.rows) {
            if let Some((code, name, span)) = coded_name(row) {
                names.entry(code).or_insert((name, span));
            }
        }
        TableCatalogue { names }
    }

    fn name_of(&self, code: &str) -> &str {
        self.names.get(code).map_or("", |(n, _)| n.as_str())
    }

    fn row_span(&self, code: &str) -> Option<Span> {
        self.names.get(code).map(|(_, s)| *s)
    }

    /// The codes two digits longer than `parent` that start with it, with their names.
    fn children<'a>(&'a self, parent: &'a str) -> impl Iterator<Item = (&'a str, &'a str)> {
        self.names
            .range(parent.to_string()..)
            .take_while(move |(c, _)| c.starts_with(parent))
            .filter(move |(c, _)| c.len() == parent.len() + 2)
            .map(|(c, (n, _))| (c.as_str(), n.as_str()))
    }

    /// The child of `parent` that bears `name`; `Err` when the tables list children of
    /// `parent` and none bears it, `Ok(None)` when they list none.
    fn child_named(&self, parent: &str, name: &str) -> Result<Option<String>, ()> {
        let mut children = self.children(parent).peekable();
        if children.peek().is_none() {
            return Ok(None);
        }
        let found: Vec<&str> = children
            .filter(|(_, n)| same_name(n, name))
            .map(|(c, _)| c)
            .collect();
        match found.as_slice() {
            [one] => Ok(Some(one.to_string())),
            [] => Err(()),
            _ => Ok(None),
        }
    }

    /// The first level of `chain` that the tables do not have under its parent: the parent's
    /// code, the name, and where the text writes it.
    fn first_unknown(&self, chain: &Chain) -> Option<(String, String, (usize, usize))> {
        let (class_name, _) = &chain.levels[0];
        let classes: Vec<&String> = self
            .names
            .iter()
            .filter(|(c, (n, _))| c.len() == 3 && same_name(n, class_name))
            .map(|(c, _)| c)
            .collect();
        let [class] = classes.as_slice() else {
            return None;
        };
        let mut parent = class.to_string();
        for (name, at) in &chain.levels[1..] {
            match self.child_named(&parent, name) {
                Ok(Some(child)) => parent = child,
                Ok(None) => return None,
                Err(()) => return Some((parent, name.clone(), *at)),
            }
        }
        None
    }
}

/// A table row's functional-classification code — split over 类/款/项 cells (208, 05, 01)
/// or whole (`2080501`) — and the name in the first text cell after it.
fn coded_name(row: &Row) -> Option<(String, String, Span)> {
    let cells = &row.cells;
    let first = cells.first()?.text.trim();
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if !digits(first) || !first.starts_with('2') || ![3, 5, 7].contains(&first.len()) {
        return None;
    }
    let mut code = first.to_string();
    let mut used = 1;
    if first.len() == 3 {
        for cell in cells.iter().skip(1).take(2) {
            let t = cell.text.trim();
            if t.len() == 2 && digits(t) {
                code.push_str(t);
                used += 1;
            } else {
                break;
            }
        }
    }
    let name = cells
        .iter()
        .skip(used)
        .find(|c| !c.text.trim().is_empty() && c.number.is_none())?;
    let text = compact(&name.text);
    text.chars()
        .any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
        .then_some((code, text, name.span))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chains_are_read_with_their_levels() {
        let text = "12、住房保障支出（类）住房改革支出（款）住房公积金（项）。主要用于：公积金。";
        let found = chains(text);
        let names: Vec<&str> = found[0].levels.iter().map(|l| l.0.as_str()).collect();
        assert_eq!(names, ["住房保障支出", "住房改革支出", "住房公积金"]);
        let (s, e) = found[0].levels[1].1;
        assert_eq!(&text[s..e], "住房改革支出");
    }

    #[test]
    fn a_class_alone_is_a_chain_of_one() {
        let found = chains("教育（类）支出 12.00 万元");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].levels.len(), 1);
    }
}
