use super::{BracketWidth, NumberingGapDoubt, RunInItem};
use budgetlint_sdk::model::{Block, Document, Numbering, NumberingStyle};
use budgetlint_sdk::{
    declare_rule, Applicability, Context, Diagnostic, Fix, Rule, RuleMeta, TextEdit,
};

declare_rule! {
    /// ## What it checks
    /// Within one level of the document (headings, numbered paragraphs, and the numbered items
    /// written inside one paragraph) the ordinals must run 1, 2, 3 … in one style. It reports:
    /// - a **skip** (`一、二、四、`), a **repeat** (`2、2、`) or a **restart** inside a run
    ///   (`1、…6、3、…15、` in one paragraph: two lists pasted together);
    /// - a **style switch** that continues the count in another style (`1、…7、` then `八、九、十、`;
    ///   `（1）（2）` then `（三）`);
    /// - a sub-list that does **not start at 1** (`九、` followed by `（3）（4）（5）`).
    ///
    /// A gap is provable only in running prose. When a table, or lines whose columns the reader
    /// did not rebuild (words apart by a run of spaces or a tab), lie between the two items or
    /// around the item itself, the missing items may be in there: that finding is
    /// `structure/numbering-gap-doubt` (an info). An item run into the previous item's
    /// paragraph is `structure/run-in-item`, half-width brackets among full-width ones
    /// `structure/bracket-width` (infos). Two lists of one style that start together and take
    /// turns (`一、…收入 一、…支出 二、… 二、…`: the halves of a side-by-side table read line
    /// by line) are not judged as one.
    ///
    /// The levels are inferred from the run of markers itself (a `1.` list under `（一）` is a
    /// new level; returning to `二、` closes it), so a list that restarts at 1 under a new
    /// heading is fine, and so is one that goes on counting from the same list under the
    /// previous heading (`（一）…（五）` under `一、`, then `（六）…` under `二、`).
    ///
    /// ## Why
    /// GB/T 9704-2012 (党政机关公文格式) numbers the levels of a document `一、` → `（一）` →
    /// `1.` → `（1）`; evaluators of 预决算公开 (财政部 专项检查, the 形式规范 requirement of
    /// 《地方预决算公开操作规程》 财预〔2016〕143号) read a broken sequence as a sign of missing or
    /// pasted-in content, and a reader cannot cite “第八项” when the items are numbered `7、八、`.
    ///
    /// ## Example
    /// ```text
    /// 7、 政府性基金预算支出规模及变化情况说明
    /// 八、“三公”经费预算安排情况说明        ← numbering switches from 1、 to 八、
    /// 九、其他重要事项的情况说明
    /// （3） 机关运行经费。                  ← the list under 九 starts at （3）
    /// ```
    ///
    /// ## Fix
    /// Renumber the level in one style (`一、…十、` for the top level).
    ///
    /// ## 检查内容
    /// 在文件的同一层级内（标题、带编号的段落、一个段落中写出的编号条目），序号必须按1、2、3……以同一种样式连续。报告：
    /// - **跳号**（`一、二、四、`）、**重号**（`2、2、`）或在连续编号中**重新开始**（一个段落中`1、…6、3、…15、`：两个列表拼在了一起）；
    /// - 换了样式继续计数的**样式切换**（`1、…7、`之后接`八、九、十、`；`（1）（2）`之后接`（三）`）；
    /// - **不从1开始**的下级列表（`九、`之后接`（3）（4）（5）`）。
    ///
    /// 编号缺漏只有在连续的文字中才能确认。两项之间或该项周围是表格或未能还原的分栏版面时，缺少的项可能在其中：这种情况由 `structure/numbering-gap-doubt` 作为提示报告。写进上一项段落中的条目由 `structure/run-in-item`、全角中混用的半角括号由 `structure/bracket-width` 作为提示报告。同时开始、交替出现的两个同样式列表（`一、…收入 一、…支出 二、… 二、…`：逐行读出的左右分栏表格的两半）不作为一个列表判断。
    ///
    /// 层级由编号序列本身推断（`（一）`下的`1.`列表是新的一级，回到`二、`即结束），因此在新标题下从1重新开始的列表没有问题，接着上一标题下同一列表继续编号的也没有问题（`一、`下的`（一）…（五）`，`二、`下接着`（六）…`）。
    ///
    /// ## 依据
    /// GB/T 9704-2012《党政机关公文格式》规定公文的结构层次序数依次为`一、`→`（一）`→`1.`→`（1）`；预决算公开评审（财政部专项检查，《地方预决算公开操作规程》财预〔2016〕143号的形式规范要求）把编号混乱视为内容缺漏或拼接的迹象；条目编成`7、八、`时，读者也无法引用“第八项”。
    ///
    /// ## 示例
    /// ```text
    /// 7、 政府性基金预算支出规模及变化情况说明
    /// 八、“三公”经费预算安排情况说明        ← 编号由“1、”样式换成了“八、”
    /// 九、其他重要事项的情况说明
    /// （3） 机关运行经费。                  ← “九”下的列表从（3）开始
    /// ```
    ///
    /// ## 修改方法
    /// 以同一种样式重新编号（一级标题用`一、…十、`）。
    pub struct HeadingNumbering {
        id: "structure/heading-numbering",
        severity: Warning,
        summary: "Ordinals within one level skip, repeat, restart or switch style",
        summary_zh: "同一级标题的序号跳号、重复、重新开始或换了样式",
    }
}

impl Rule for HeadingNumbering {
    fn meta(&self) -> &'static budgetlint_sdk::RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        report(ctx, &Self::META, out);
    }
}

/// The findings of the numbering checks that belong to `meta`'s rule: the checks run once per
/// document ([`NumberingFindings`]), each finding made under the rule of its judgement (this
/// rule, `structure/numbering-gap-doubt`, `structure/run-in-item` or `structure/bracket-width`).
pub(crate) fn report(ctx: &Context, meta: &'static RuleMeta, out: &mut Vec<Diagnostic>) {
    let all = ctx.view::<NumberingFindings>();
    out.extend(all.iter().filter(|d| d.rule == meta.id).cloned());
}

budgetlint_sdk::document_view! {
    /// Every finding of the numbering checks, of the four rules that share them.
    NumberingFindings<'d>: Vec<Diagnostic> = |doc| {
        let mut all = Vec::new();
        check_numbering(doc, &mut all);
        all
    }
}

fn check_numbering(doc: &Document, out: &mut Vec<Diagnostic>) {
    let items = outline_items(doc);
    check_levels(doc, &items, out);
    Layout::of(doc).doubt(&items, out);
    for block in &doc.blocks {
        if let Block::Paragraph(p) = block {
            check_inline_run(doc, &p.inline_items, out);
        }
    }
    check_run_in_items(doc, out);
    check_bracket_width(doc, out);
}

/// A numbered heading or paragraph, in reading order.
fn block_items(doc: &Document) -> Vec<&Numbering> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) if h.numbering.style != NumberingStyle::None => Some(&h.numbering),
            Block::Paragraph(p) => p
                .numbering
                .as_ref()
                .filter(|n| n.style != NumberingStyle::None),
            _ => None,
        })
        .collect()
}

/// An item of the outline; `silent` items (the first and last of a run written inside a
/// paragraph) only keep the levels up to date, so that a list begun inside one paragraph may
/// go on in the next (`…2、…3、` / `4、…`). Their own sequence is checked separately.
struct Item<'a> {
    numbering: &'a Numbering,
    silent: bool,
}

fn outline_items(doc: &Document) -> Vec<Item<'_>> {
    let mut items = Vec::new();
    for block in &doc.blocks {
        match block {
            Block::Heading(h) if h.numbering.style != NumberingStyle::None => items.push(Item {
                numbering: &h.numbering,
                silent: false,
            }),
            Block::Paragraph(p) => {
                let own = p
                    .numbering
                    .as_ref()
                    .filter(|n| n.style != NumberingStyle::None);
                if let Some(n) = own {
                    items.push(Item {
                        numbering: n,
                        silent: false,
                    });
                }
                let mut inline = p
                    .inline_items
                    .iter()
                    .filter(|i| own.is_none_or(|n| i.span.start > n.span.start));
                let (first, last) = (inline.clone().next(), inline.next_back());
                for n in [first, last].into_iter().flatten() {
                    if items
                        .last()
                        .is_none_or(|prev: &Item| !std::ptr::eq(prev.numbering, n))
                    {
                        items.push(Item {
                            numbering: n,
                            silent: true,
                        });
                    }
                }
            }
            _ => {}
        }
    }
    items
}

/// One open level of the outline while reading: its style and the last ordinal seen.
struct Level<'a> {
    style: NumberingStyle,
    last: &'a Numbering,
}

/// `1、` and `1.` are the same level written with different punctuation (another rule's
/// concern); all other styles are distinct.
pub(crate) fn same_family(a: NumberingStyle, b: NumberingStyle) -> bool {
    a == b
        || matches!(
            (a, b),
            (
                NumberingStyle::ArabicComma | NumberingStyle::ArabicDot,
                NumberingStyle::ArabicComma | NumberingStyle::ArabicDot
            )
        )
}

/// A level that was closed, and the item it was under (`一、` for `（一）…（五）`).
struct Closed<'a> {
    level: Level<'a>,
    parent: Option<&'a Numbering>,
}

/// Closes the levels above `len`, remembering the last item of each and its parent: a list
/// that goes on under the next heading (`（一）…（五）` under 一、, `（六）…` under 二、) is
/// numbered on purpose.
fn close_levels<'a>(stack: &mut Vec<Level<'a>>, closed: &mut Vec<Closed<'a>>, len: usize) {
    let len = len.min(stack.len());
    for level in stack.drain(len..) {
        closed.retain(|c| !same_family(c.level.style, level.style));
        closed.push(Closed {
            level,
            parent: None,
        });
    }
    let parent = stack.last().map(|l| l.last);
    for c in closed.iter_mut().filter(|c| c.parent.is_none()) {
        c.parent = parent;
    }
}

/// Whether `item` goes on counting the list closed under the heading right before its own
/// (`（六）` under `二、` after `（一）…（五）` under `一、`), in the same style.
fn continues_closed(closed: &[Closed], item: &Numbering, parent: Option<&Numbering>) -> bool {
    closed.iter().any(|c| {
        let next_heading = match (c.parent, parent) {
            (Some(before), Some(now)) => {
                same_family(before.style, now.style) && before.ordinal + 1 == now.ordinal
            }
            _ => false,
        };
        c.level.style == item.style && c.level.last.ordinal + 1 == item.ordinal && next_heading
    })
}

fn check_levels<'a>(doc: &Document, items: &[Item<'a>], out: &mut Vec<Diagnostic>) {
    let mut stack: Vec<Level<'a>> = Vec::new();
    let mut closed: Vec<Closed<'a>> = Vec::new();
    let mut report = |silent: bool, d: Diagnostic| {
        if !silent {
            out.push(d);
        }
    };
    // Items whose anomaly is already told by a report of two swapped items.
    let mut explained: Vec<usize> = Vec::new();
    let families = Families::of(items);
    for (
        idx,
        &Item {
            numbering: item,
            silent,
        },
    ) in items.iter().enumerate()
    {
        let n = item.ordinal;
        // The innermost open level this item continues.
        if let Some(i) = stack
            .iter()
            .rposition(|l| same_family(l.style, item.style) && l.last.ordinal + 1 == n)
        {
            close_levels(&mut stack, &mut closed, i + 1);
            stack[i].last = item;
            continue;
        }
        if n == 1 {
            stack.push(Level {
                style: item.style,
                last: item,
            });
            continue;
        }
        if begun_in_block_before(doc, item) {
            // A new list whose first item the model read inside the line before.
            match stack.iter().rposition(|l| same_family(l.style, item.style)) {
                Some(i) => {
                    close_levels(&mut stack, &mut closed, i + 1);
                    stack[i].last = item;
                }
                None => stack.push(Level {
                    style: item.style,
                    last: item,
                }),
            }
            continue;
        }
        if let Some(i) = stack.iter().rposition(|l| same_family(l.style, item.style)) {
            let prev = stack[i].last;
            if explained.contains(&idx) || two_lists_interleaved(doc, &families, idx) {
                // Told already, or no numbering of its own to judge.
            } else if let Some((other, also)) = swap_after(items, idx, prev) {
                report(silent, swapped(doc, prev, item, items[other].numbering));
                explained.extend([Some(other), also].into_iter().flatten());
            } else {
                report(silent, out_of_sequence(doc, prev, item));
            }
            close_levels(&mut stack, &mut closed, i + 1);
            stack[i].last = item;
            continue;
        }
        // Numbering that goes on from the same list under the previous heading.
        if continues_closed(&closed, item, stack.last().map(|l| l.last)) {
            stack.push(Level {
                style: item.style,
                last: item,
            });
            continue;
        }
        if let Some(i) = switched_level(&stack, item) {
            report(silent, style_switch(doc, stack[i].last, item));
            close_levels(&mut stack, &mut closed, i + 1);
            stack[i] = Level {
                style: item.style,
                last: item,
            };
            continue;
        }
        report(silent, late_start(doc, item, stack.last().map(|l| l.last)));
        stack.push(Level {
            style: item.style,
            last: item,
        });
    }
}

/// `具体包括：1.本部` / `2.法律援助中心`: the list's first item ends the line before, after a
/// colon, where the model reads no item of its own.
fn begun_in_block_before(doc: &Document, item: &Numbering) -> bool {
    let at = doc
        .blocks
        .partition_point(|b| b.span().start <= item.span.start);
    let Some(before) = at.checked_sub(2).and_then(|k| doc.blocks.get(k)) else {
        return false;
    };
    let text = doc.slice(before.span());
    let marker = item.marker.trim();
    let punct = marker.trim_start_matches(|c: char| c.is_ascii_digit());
    let first = format!("{}{punct}", item.ordinal.saturating_sub(1));
    // The first item may stand a space after the colon (`具体包括： 1. 本部`).
    let compact = budgetlint_sdk::model::text::without_chars(text, char::is_whitespace);
    item.ordinal == 2
        && matches!(
            item.style,
            NumberingStyle::ArabicDot | NumberingStyle::ArabicComma
        )
        && [":", "："]
            .iter()
            .any(|colon| compact.contains(&format!("{colon}{first}")))
}

/// Whether the item at `idx` belongs to one of two lists of its style whose items alternate:
/// `一、收入… 一、支出… 二、… 二、… 三、…`, the 收入 and 支出 halves of a side-by-side table
/// read line by line (a table the reader did not rebuild, a web page's cells one per line). Each
/// list counts from 1 without a gap or repeat of its own, and the two take turns at least twice
/// from the second list's start up to two items past this one. A repeated or skipped item in one
/// list fits neither (`一、二、二、三、`: no second list starts at 1), and the halves of a table
/// start together: the second list's 1 follows the first's.
///
/// Items past this one that fit neither list end the look ahead: the lists have ended.
fn two_lists_interleaved(doc: &Document, families: &Families, idx: usize) -> bool {
    let (family, at) = families.around(idx);
    // The starts of the two lists: the last two items numbered 1 up to this one, or one line
    // that holds both (`一、…收入      一、…支出`, a row of the two halves read as one paragraph).
    // Two halves of one table list a few dozen items each: a longer look back is no table's.
    let from = at.saturating_sub(MAX_INTERLEAVED);
    let mut ones = (from..=at).filter(|&k| family[k].ordinal == 1);
    let Some(second) = ones.next_back() else {
        return false;
    };
    let first = if marker_again_on_its_line(doc, family[second]) {
        second
    } else {
        // The halves of a table start on one row: no item of the first list comes before the
        // second list's start (`一、二、` then `一、二、三、三、` are two lists, one repeating 三).
        match ones.next_back() {
            Some(first) if first + 1 == second => first,
            _ => return false,
        }
    };
    let end = (at + 3).min(family.len());
    // The last ordinal of each list, the list the item before went to, and the turns taken.
    let mut last = [1, 1];
    let mut previous = usize::from(first == second);
    let mut turns = 0;
    for (k, n) in family.iter().enumerate().take(end).skip(first + 1) {
        if k == second {
            previous = 1;
            continue;
        }
        let list = match (last[0] + 1 == n.ordinal, last[1] + 1 == n.ordinal) {
            (_, true) if k > second => 1,
            (true, _) => 0,
            // The item after the lists (the document's next heading) ends the look ahead.
            _ if k > at => break,
            _ => return false,
        };
        if list != previous {
            turns += 1;
        }
        previous = list;
        last[list] = n.ordinal;
    }
    turns >= 2
}

/// How far back, in items of its style, the start of two interleaved lists is looked for.
const MAX_INTERLEAVED: usize = 200;

/// The outline's items grouped by family of style (`1、` and `1.` are one), silent items too
/// (a list's first item may be written inside a paragraph), made once per document.
struct Families<'a> {
    /// Per family, its items in reading order.
    lists: Vec<Vec<&'a Numbering>>,
    /// Per item of the outline: its family and its place in that family's list.
    place: Vec<(usize, usize)>,
}

impl<'a> Families<'a> {
    fn of(items: &[Item<'a>]) -> Families<'a> {
        let mut styles: Vec<NumberingStyle> = Vec::new();
        let mut lists: Vec<Vec<&'a Numbering>> = Vec::new();
        let mut place = Vec::with_capacity(items.len());
        for item in items {
            let style = item.numbering.style;
            let family = match styles.iter().position(|&s| same_family(s, style)) {
                Some(f) => f,
                None => {
                    styles.push(style);
                    lists.push(Vec::new());
                    styles.len() - 1
                }
            };
            place.push((family, lists[family].len()));
            lists[family].push(item.numbering);
        }
        Families { lists, place }
    }

    /// The items of the family of item `idx`, and its place among them.
    fn around(&self, idx: usize) -> (&[&'a Numbering], usize) {
        let (family, at) = self.place[idx];
        (&self.lists[family], at)
    }
}

/// Whether the line of item `n` holds its marker again after it (`一、…收入      一、…支出`).
fn marker_again_on_its_line(doc: &Document, n: &Numbering) -> bool {
    let after = doc.text.get(n.span.end as usize..).unwrap_or("");
    let line = after.split('\n').next().unwrap_or("");
    let marker = n.marker.trim();
    !marker.is_empty() && line.contains(marker)
}

/// `（一）（三）（二）（四）`: the item at `idx` jumps one ahead of `prev` and the next item of its
/// family is the one it skipped. Returns that item and, when the run then goes on from the
/// jumped one (`（四）`), that next item too — both anomalies are the same swap.
fn swap_after(items: &[Item], idx: usize, prev: &Numbering) -> Option<(usize, Option<usize>)> {
    let item = items.get(idx)?.numbering;
    if item.ordinal != prev.ordinal + 2 {
        return None;
    }
    let mut next_of_family = (idx + 1..items.len())
        .filter(|&j| !items[j].silent && same_family(items[j].numbering.style, item.style));
    let other = next_of_family
        .next()
        .filter(|&j| items[j].numbering.ordinal == prev.ordinal + 1)?;
    let also = next_of_family
        .next()
        .filter(|&k| items[k].numbering.ordinal == item.ordinal + 1);
    Some((other, also))
}

fn swapped(doc: &Document, prev: &Numbering, item: &Numbering, other: &Numbering) -> Diagnostic {
    let (p, m, o) = (marker(doc, prev), marker(doc, item), marker(doc, other));
    Diagnostic::new(
        &HeadingNumbering::META,
        item.span,
        format!(
            "编号顺序颠倒：“{p}”之后先是“{m}”，再是“{o}”（第{}行）",
            other.span.line
        ),
    )
    .en(format!(
        "Items out of order: '{p}' is followed by '{m}' and then '{o}' (line {})",
        other.span.line
    ))
    .related(other.span, format!("“{o}”应在“{m}”之前"))
}

/// Whether a marker is bracketed (`（一）`, `（1）`) or bare (`一、`, `1、`, `1.`).
pub(crate) fn bracketed(style: NumberingStyle) -> bool {
    matches!(
        style,
        NumberingStyle::ChineseParen | NumberingStyle::ArabicParen
    )
}

/// The open level an item of another style continues (`7、` → `八、`, `（2）` → `（三）`),
/// preferring a level written with the same shape of marker.
fn switched_level(stack: &[Level], item: &Numbering) -> Option<usize> {
    if item.style == NumberingStyle::Part {
        return None;
    }
    let continues =
        |l: &Level| l.last.ordinal + 1 == item.ordinal && l.style != NumberingStyle::Part;
    stack
        .iter()
        .rposition(|l| continues(l) && bracketed(l.style) == bracketed(item.style))
        .or_else(|| stack.iter().rposition(continues))
}

fn marker(doc: &Document, n: &Numbering) -> String {
    let written = doc.slice(n.span).trim();
    if written.is_empty() {
        n.marker.trim().to_string()
    } else {
        written.to_string()
    }
}

fn out_of_sequence(doc: &Document, prev: &Numbering, item: &Numbering) -> Diagnostic {
    let (p, m) = (marker(doc, prev), marker(doc, item));
    let expected = prev.ordinal + 1;
    let (zh, en) = if item.ordinal == prev.ordinal {
        (
            format!("编号重复：“{p}”之后又是“{m}”（应为第{expected}项）"),
            format!("Repeated ordinal: '{m}' follows '{p}' (item {expected} expected)"),
        )
    } else if item.ordinal < prev.ordinal {
        (
            format!("编号回退：“{p}”之后是“{m}”，同一层级的编号重新开始（疑为两个列表合并或内容重复），应为第{expected}项"),
            format!("Numbering restarts: '{m}' follows '{p}' in the same level (two lists merged?); item {expected} expected"),
        )
    } else {
        let missing = missing_range(expected, item.ordinal - 1);
        (
            format!("编号跳号：“{p}”之后是“{m}”，缺少第{missing}项"),
            format!("Numbering skips: '{m}' follows '{p}'; item(s) {missing} missing"),
        )
    };
    Diagnostic::new(&HeadingNumbering::META, item.span, zh)
        .en(en)
        .related(prev.span, format!("上一项“{p}”"))
}

fn missing_range(from: u32, to: u32) -> String {
    if from == to {
        from.to_string()
    } else {
        format!("{from}–{to}")
    }
}

fn style_name(style: NumberingStyle) -> &'static str {
    match style {
        NumberingStyle::Part => "第一部分",
        NumberingStyle::ChineseComma => "一、",
        NumberingStyle::ChineseParen => "（一）",
        NumberingStyle::ArabicComma => "1、",
        NumberingStyle::ArabicDot => "1.",
        NumberingStyle::ArabicParen => "（1）",
        NumberingStyle::None => "无编号",
    }
}

fn style_switch(doc: &Document, prev: &Numbering, item: &Numbering) -> Diagnostic {
    let (p, m) = (marker(doc, prev), marker(doc, item));
    Diagnostic::new(
        &HeadingNumbering::META,
        item.span,
        format!(
            "同一层级编号样式不一致：前面按“{}”编号至“{p}”，此处接着用“{}”样式写作“{m}”",
            style_name(prev.style),
            style_name(item.style)
        ),
    )
    .en(format!(
        "Numbering style changes within one level: '{p}' ({} style) is followed by '{m}' ({} style)",
        style_name(prev.style),
        style_name(item.style)
    ))
    .related(prev.span, format!("上一项“{p}”"))
}

fn late_start(doc: &Document, item: &Numbering, parent: Option<&Numbering>) -> Diagnostic {
    let m = marker(doc, item);
    let mut d = Diagnostic::new(
        &HeadingNumbering::META,
        item.span,
        format!("该层级编号从“{m}”开始，而不是从第1项开始（前面的项缺失，或沿用了其他部分的编号）"),
    )
    .en(format!("This level starts at '{m}' instead of item 1 (items missing, or numbering carried over from another section)"));
    if let Some(parent) = parent {
        d = d.related(parent.span, format!("所属上级“{}”", marker(doc, parent)));
    }
    d
}

/// Where the document was not read as running prose: tables, and lines whose columns the
/// reader did not rebuild. Kept as prefix counts over the blocks so that a finding asks in
/// logarithmic time whether such a block lies between two places.
struct Layout {
    /// Start offset of each block, in order.
    starts: Vec<u32>,
    /// `tabular[k]`: whether block `k` is a table or unrebuilt columns.
    tabular: Vec<bool>,
    /// `before[k]`: how many of the blocks before `k` are tabular.
    before: Vec<usize>,
}

impl Layout {
    fn of(doc: &Document) -> Layout {
        let starts = doc.blocks.iter().map(|b| b.span().start).collect();
        let tabular: Vec<bool> = doc
            .blocks
            .iter()
            .map(|b| match b {
                Block::Table { .. } => true,
                Block::Heading(_) | Block::Paragraph(_) => has_gutter(doc.slice(b.span())),
                Block::Toc(_) => false,
            })
            .collect();
        let before = std::iter::once(0)
            .chain(tabular.iter().scan(0, |n, &t| {
                *n += usize::from(t);
                Some(*n)
            }))
            .collect();
        Layout {
            starts,
            tabular,
            before,
        }
    }

    /// The block that holds byte `at`.
    fn block_at(&self, at: u32) -> usize {
        self.starts.partition_point(|&s| s <= at).saturating_sub(1)
    }

    /// Whether the text from `from` to `to` (both block offsets) holds a tabular block, or the
    /// block at `to` has one beside it (an item inside a table region).
    fn unread_between(&self, from: u32, to: u32) -> bool {
        if self.tabular.is_empty() {
            return false;
        }
        let (a, b) = (self.block_at(from), self.block_at(to));
        let (a, b) = (a.min(b), a.max(b));
        let inside = self.before[b + 1] - self.before[a] > 0;
        let beside = |k: Option<usize>| k.and_then(|k| self.tabular.get(k)) == Some(&true);
        inside || beside(b.checked_sub(1)) || beside(Some(b + 1))
    }

    /// Moves to `structure/numbering-gap-doubt`, stating the doubt, each finding whose items
    /// have a table or unrebuilt layout between or around them: the missing items may be in
    /// there.
    fn doubt(&self, items: &[Item], found: &mut [Diagnostic]) {
        for d in found.iter_mut() {
            // The item before the reported one: the finding's related item, or else the
            // item read before it.
            // (Items are in reading order: a binary search keeps this linear overall.)
            let from = d.related.first().map(|r| r.span.start).or_else(|| {
                let k = items.partition_point(|i| i.numbering.span.start < d.span.start);
                k.checked_sub(1).map(|k| items[k].numbering.span.start)
            });
            if self.unread_between(from.unwrap_or(0).min(d.span.start), d.span.start) {
                d.rule = NumberingGapDoubt::META.id.to_string();
                d.severity = NumberingGapDoubt::META.default_severity;
                d.message.push_str(UNREAD_DOUBT_ZH);
                if let Some(en) = d.message_en.as_mut() {
                    en.push_str(UNREAD_DOUBT_EN);
                }
            }
        }
    }
}

const UNREAD_DOUBT_ZH: &str =
    "；但两项之间或该项周围是表格或未能还原的分栏版面，缺少的项可能在其中，无法确认";
const UNREAD_DOUBT_EN: &str = "; but a table or unrebuilt columns lie between or around the items, where the missing items may be: not provable";

/// A line whose words stand apart by a tab or a run of three spaces, with no sentence
/// punctuation: columns of a table (or a side-by-side layout) that the reader kept as lines.
fn has_gutter(text: &str) -> bool {
    text.lines().any(|line| {
        let t = line.trim();
        (t.contains('\t') || t.contains("   ") || t.contains("\u{3000}\u{3000}"))
            && !t.contains(['。', '，', '；'])
    })
}

/// Numbered items written inside one paragraph (`1、…2、…6、3、…`) must count up by one.
fn check_inline_run(doc: &Document, items: &[Numbering], out: &mut Vec<Diagnostic>) {
    // A couple of numbers followed by 、 inside a sentence are not a list.
    const MIN_RUN: usize = 3;
    let mut by_style: Vec<(NumberingStyle, Vec<&Numbering>)> = Vec::new();
    for item in items {
        match by_style
            .iter_mut()
            .find(|(s, _)| same_family(*s, item.style))
        {
            Some((_, run)) => run.push(item),
            None => by_style.push((item.style, vec![item])),
        }
    }
    for (_, run) in by_style {
        if run.len() < MIN_RUN {
            continue;
        }
        for pair in run.windows(2) {
            let (prev, item) = (pair[0], pair[1]);
            // `收入包括：1、…2、…。支出包括：1、…`: a second list may begin at 1.
            if item.ordinal != prev.ordinal + 1 && item.ordinal != 1 {
                out.push(out_of_sequence(doc, prev, item));
            }
        }
    }
}

/// `（七）…财务规则。（八）负责…` in one paragraph while `（九）` starts its own: item （八） lost
/// its line break (common in PDFs), so the list reads （七）→（九）. Reported (`structure/run-in-item`)
/// on the run-in marker.
fn check_run_in_items(doc: &Document, out: &mut Vec<Diagnostic>) {
    let items = block_items(doc);
    for block in &doc.blocks {
        let Block::Paragraph(p) = block else { continue };
        let Some(own) = p.numbering.as_ref() else {
            continue;
        };
        let run_in = p.inline_items.iter().find(|i| {
            i.style == own.style && i.ordinal == own.ordinal + 1 && i.span.start > own.span.start
        });
        let Some(run_in) = run_in else { continue };
        let next_stands_alone = items.iter().any(|n| {
            n.style == own.style && n.ordinal == own.ordinal + 2 && n.span.start > run_in.span.start
        });
        if !next_stands_alone {
            continue;
        }
        let (m, o) = (marker(doc, run_in), marker(doc, own));
        out.push(
            Diagnostic::new(
                &RunInItem::META,
                run_in.span,
                format!("第“{m}”项写在了“{o}”项的段落中，没有另起一段，列表读起来是从“{o}”跳到下一项"),
            )
            .en(format!("Item “{m}” is run into the paragraph of item “{o}” instead of starting its own paragraph"))
            .related(own.span, format!("“{o}”项")),
        );
    }
}

/// `(九)` among `（一）…（八）`: report the half-width markers once, with a fix for all of them.
fn check_bracket_width(doc: &Document, out: &mut Vec<Diagnostic>) {
    let bracketed: Vec<&Numbering> = block_items(doc)
        .into_iter()
        .chain(doc.blocks.iter().flat_map(|b| match b {
            Block::Paragraph(p) => p.inline_items.iter().collect::<Vec<_>>(),
            _ => Vec::new(),
        }))
        .filter(|n| {
            matches!(
                n.style,
                NumberingStyle::ChineseParen | NumberingStyle::ArabicParen
            )
        })
        .collect();
    let full = bracketed.iter().filter(|n| !n.half_width).count();
    let mut half: Vec<&Numbering> = bracketed.into_iter().filter(|n| n.half_width).collect();
    if full == 0 || half.is_empty() {
        return;
    }
    half.sort_by_key(|n| n.span.start);
    let edits: Vec<TextEdit> = half
        .iter()
        .filter_map(|n| full_width_edit(doc, n))
        .collect();
    let first = half[0];
    let lines: Vec<String> = half.iter().map(|n| n.span.line.to_string()).collect();
    let m = marker(doc, first);
    let mut d = Diagnostic::new(
        &BracketWidth::META,
        first.span,
        format!(
            "编号括号全角半角混用：“{m}”等{}处使用半角括号（第{}行），文中其余{full}处使用全角“（）”",
            half.len(),
            lines.join("、")
        ),
    )
    .en(format!(
        "Mixed bracket width: '{m}' and {} other marker(s) use half-width brackets (lines {}) while {full} use full-width '（）'",
        half.len() - 1,
        lines.join(", ")
    ));
    for n in half.iter().skip(1) {
        d = d.related(n.span, format!("半角括号“{}”", marker(doc, n)));
    }
    if !edits.is_empty() {
        d = d.fix(Fix {
            message: "改为全角括号".to_string(),
            applicability: Applicability::Safe,
            edits,
        });
    }
    out.push(d);
}

/// Rewrites a marker such as `(九) ` as `（九）`.
fn full_width_edit(doc: &Document, n: &Numbering) -> Option<TextEdit> {
    let written = doc.slice(n.span);
    if !written.contains(['(', ')']) {
        return None;
    }
    let replacement: String = written
        .trim_end()
        .chars()
        .filter(|c| *c != ' ')
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect();
    // The space that often follows a half-width marker goes too: `(九) 负责` → `（九）负责`.
    let rest = doc.text.get(n.span.end as usize..).unwrap_or("");
    let spaces = rest.len() - rest.trim_start_matches(' ').len();
    Some(TextEdit {
        start: n.span.start,
        end: n.span.end + spaces as u32,
        replacement,
    })
}
