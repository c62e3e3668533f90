use crate::support::Spans;
use budgetlint_sdk::model::{Block, Document};
use budgetlint_sdk::{declare_rule, Context, Diagnostic, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Quotation marks and brackets that do not pair up in the prose between two headings: a
    /// closing ” or ） with no opening mark before it (`开展“协议书检查”、优秀调解案例”活动`), or an
    /// opening “ or （ that is never closed before the next heading or table
    /// (`平均得分99.33分（其中，绩效评级为“优”的项目39个…。` and then the next section).
    ///
    /// Only the paragraphs between two headings are read, as one run (a sentence wrapped over
    /// lines or pages is whole there); a heading is read on its own. Tables are left out, and
    /// so is a run with words set apart in columns (a table the reader did not rebuild) or
    /// with more than two unpaired marks: that is layout, not a slip. A bracket opened in
    /// full width and closed in ASCII width pairs.
    ///
    /// ## Why
    /// 《标点符号用法》(GB/T 15834-2011, 4.1 and 4.8) has quotation marks and brackets in pairs.
    /// An unpaired mark is left when a sentence is edited (a template's bracketed clause cut
    /// short, a quoted name retyped), and the reader cannot tell where the quotation or the
    /// aside ends.
    ///
    /// ## Example
    /// `4.开展“人民调解协议书检查”、优秀调解案例”活动。` is reported at the second ”.
    ///
    /// ## Fix
    /// Add the missing mark (`、“优秀调解案例”活动`) or delete the stray one.
    ///
    /// ## 检查内容
    /// 两个标题之间的文字中引号或括号不成对：右引号或右括号前面没有对应的左半部分（`开展“协议书检查”、优秀调解案例”活动`），或左引号、左括号直到下一个标题或表格都没有闭合（`平均得分99.33分（其中，绩效评级为“优”的项目39个…。`之后即进入下一节）。
    ///
    /// 两个标题之间的段落作为一个整体检查（跨行、跨页的句子是完整的），标题单独检查；表格不检查。有分栏空白的段落（未还原的表格）或不成对标点超过两个的段落不报告：那是版面问题，不是笔误。全角左括号配半角右括号视为成对。
    ///
    /// ## 依据
    /// 《标点符号用法》（GB/T 15834-2011）规定引号、括号成对使用。不成对的标点多是修改句子时留下的（模板中括号内的内容删了一半、重新录入的引用名称），读者无法判断引文或注释在哪里结束。
    ///
    /// ## 示例
    /// `4.开展“人民调解协议书检查”、优秀调解案例”活动。`在第二个右引号处报告。
    ///
    /// ## 修改方法
    /// 补上缺少的标点（`、“优秀调解案例”活动`）或删去多余的一个。
    pub struct UnbalancedMarks {
        id: "text/unbalanced-marks",
        severity: Info,
        summary: "A quotation mark or bracket without its pair",
        summary_zh: "引号或括号不成对",
    }
}

/// A kind of paired mark: its opening and closing forms.
#[derive(Clone, Copy)]
struct Pair {
    opening: &'static [char],
    closing: &'static [char],
    name_zh: &'static str,
    name_en: &'static str,
}

impl Pair {
    fn opens(self, c: char) -> bool {
        self.opening.contains(&c)
    }
    fn closes(self, c: char) -> bool {
        self.closing.contains(&c)
    }
}

/// The pairs checked: Chinese quotation marks, and brackets (full-width or ASCII: a bracket
/// opened in one width and closed in the other still pairs).
const PAIRS: [Pair; 2] = [
    Pair {
        opening: &['“'],
        closing: &['”'],
        name_zh: "引号",
        name_en: "quotation mark",
    },
    Pair {
        opening: &['（', '('],
        closing: &['）', ')'],
        name_zh: "括号",
        name_en: "bracket",
    },
];

/// More unpaired marks than this in one run of prose means the run is not prose.
const MAX_PER_RUN: usize = 2;

impl Rule for UnbalancedMarks {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let spans = Spans::new(ctx.doc);
        for run in prose_runs(ctx.doc) {
            let unpaired = unpaired_marks(&ctx.doc.text, &run);
            if unpaired.is_empty() || unpaired.len() > MAX_PER_RUN {
                continue;
            }
            for mark in unpaired {
                out.push(finding(&spans, &mark));
            }
        }
    }
}

fn finding(spans: &Spans, mark: &Unpaired) -> Diagnostic {
    let span = spans.span(mark.at, mark.at + mark.mark.len_utf8());
    let (name_zh, name_en) = (mark.pair.name_zh, mark.pair.name_en);
    let (zh, en) = if mark.pair.closes(mark.mark) {
        (
            format!("此处的右{name_zh}前面没有与之成对的左{name_zh}"),
            format!("this closing {name_en} has no opening one before it"),
        )
    } else {
        (
            format!("此处的左{name_zh}在本节结束前没有闭合"),
            format!("this opening {name_en} is not closed before the section ends"),
        )
    };
    Diagnostic::new(&UnbalancedMarks::META, span, format!("标点不成对：{zh}"))
        .en(format!("Unpaired mark: {en}"))
}

/// Byte ranges of the prose between two headings (or a heading and a table), each run as the
/// list of its blocks' ranges. A heading is a run of its own (a numbered item is read as one),
/// except when it leaves a mark open: then it is a wrapped line (`（十四）承担…管道（城镇燃气管`
/// continued by `道除外）…`) and starts the run of the paragraphs after it.
fn prose_runs(doc: &Document) -> Vec<Vec<(usize, usize)>> {
    let text = &doc.text;
    let mut runs = Vec::new();
    let mut current: Vec<(usize, usize)> = Vec::new();
    for block in &doc.blocks {
        let range = (block.span().start as usize, block.span().end as usize);
        match block {
            Block::Paragraph(_) => current.push(range),
            Block::Heading(_) => {
                runs.push(std::mem::take(&mut current));
                let leaves_open = text
                    .get(range.0..range.1)
                    .is_some_and(|h| PAIRS.iter().any(|p| opens_more(h, *p)));
                if leaves_open {
                    current.push(range);
                } else {
                    runs.push(vec![range]);
                }
            }
            _ => runs.push(std::mem::take(&mut current)),
        }
    }
    runs.push(current);
    runs.retain(|run| !run.is_empty() && !run.iter().any(|&r| has_layout_gap(text, r)));
    runs
}

/// Whether `text` has more opening than closing marks of the pair.
fn opens_more(text: &str, pair: Pair) -> bool {
    let opening = text.chars().filter(|c| pair.opens(*c)).count();
    let closing = text.chars().filter(|c| pair.closes(*c)).count();
    opening > closing
}

/// Whether a line of the range has words set apart by a run of spaces, as the columns of a
/// table that the reader did not rebuild are: that is not prose.
fn has_layout_gap(text: &str, (start, end): (usize, usize)) -> bool {
    text.get(start..end).is_some_and(|block| {
        block
            .lines()
            .any(|line| line.trim().contains("    ") || line.trim().contains('\t'))
    })
}

/// An unpaired mark: where it is, which mark, and its pair.
struct Unpaired {
    at: usize,
    mark: char,
    pair: Pair,
}

/// The marks of one run that have no partner: closers met with nothing open, and openers
/// still open at the end of the run. Each pair kind is counted on its own, so a bracket inside
/// a quotation (or the other way round) pairs normally.
fn unpaired_marks(text: &str, run: &[(usize, usize)]) -> Vec<Unpaired> {
    let mut out = Vec::new();
    // One pass over the run for both pairs: the marks still open, per pair.
    let mut open: [Vec<(usize, char)>; PAIRS.len()] = Default::default();
    for &(start, end) in run {
        let Some(block) = text.get(start..end) else {
            continue;
        };
        for (i, c) in marks_in(block) {
            for (pair, open) in PAIRS.iter().zip(open.iter_mut()) {
                if pair.opens(c) {
                    open.push((start + i, c));
                } else if pair.closes(c) && open.pop().is_none() {
                    out.push(Unpaired {
                        at: start + i,
                        mark: c,
                        pair: *pair,
                    });
                }
            }
        }
    }
    for (pair, open) in PAIRS.iter().zip(open) {
        out.extend(open.into_iter().map(|(at, mark)| Unpaired {
            at,
            mark,
            pair: *pair,
        }));
    }
    out.sort_by_key(|u| u.at);
    out
}

/// The marks of [`PAIRS`] in `block`, with their byte offsets: found by their first byte (`(`,
/// `)`, or the lead byte of the three-byte `“”（）`), so the text between them is not decoded.
fn marks_in(block: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    block
        .bytes()
        .enumerate()
        .filter(|(_, b)| matches!(b, b'(' | b')' | 0xE2 | 0xEF))
        .filter_map(move |(i, _)| {
            let c = block.get(i..)?.chars().next()?;
            PAIRS
                .iter()
                .any(|p| p.opens(c) || p.closes(c))
                .then_some((i, c))
        })
}
