use crate::layout::{block_text, caption_text, names_a_table};
use crate::text::{
    bigrams_of, compact_prose, infix_distance, shared, shared_at_most, span_after,
    strip_leading_marker, GramBits,
};
use budgetlint_sdk::model::text::contains_any;
use budgetlint_sdk::model::{Block, Document, FactKind, FundSource, Paragraph};
use budgetlint_sdk::{declare_rule, Applicability, Context, Diagnostic, Related, Rule, Span};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::cell::OnceCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

declare_rule! {
    /// ## What it checks
    /// A paragraph that repeats an earlier paragraph almost verbatim, and a numbered item that
    /// repeats an earlier item of the same list (inside one paragraph or one table cell, e.g. the
    /// 绩效目标 of a project: `1.…运行，为高效办公提供基础保障。 2.…运行，为高效办公提供基础保障。`).
    /// Texts are compared without white space, quotes and list markers; two texts are
    /// duplicates when the shorter one (at least `min_chars` = 20 characters that are not part of
    /// a figure: a row of a table read as text is not a paragraph) can be turned into
    /// a part of the longer one with at most `max_difference` = 10% of its characters changed,
    /// and the shorter is at least 60% as long as the longer. Texts that differ only in their
    /// digits (`6月底…` / `12月底…`) are parallel items, not copies, and so are texts whose
    /// amounts are other quantities (`部门预算收入 1520.36 万元…` / `财政拨款收入 1520.36 万元…`,
    /// `…收入…` / `…支出…`: the template's sections state them alike when the figures agree).
    ///
    /// An item that is two earlier items of its list pasted together is not reported as a copy:
    /// it is `structure/concatenated-item`, an info.
    ///
    /// Not compared: rows of a table kept as lines (words apart by runs of spaces, no sentence
    /// punctuation: headers repeat on every page) and enumerations of names (`基本工资、津贴补贴、
    /// 奖金、…`, which two sections on tables of the same figures list alike). A run of
    /// consecutive paragraphs repeating a run of consecutive earlier ones is one finding, on its
    /// first paragraph, with the others as related places.
    ///
    /// Each text is compared only with earlier texts that share one of its rarest bigrams (a
    /// repeat always does); in a document where a text shares them with thousands of others,
    /// it is compared with the earliest 200 of them.
    ///
    /// ## Why
    /// A repeated paragraph is a copy-and-paste leftover: one of the two versions is usually the
    /// outdated one (`综合预算管理` / `综合预算制度`), and a repeated goal means a goal is missing.
    /// 《地方预决算公开操作规程》(财预〔2016〕143号) asks for 内容准确、形式规范; evaluators score
    /// readability (可读性), which duplicated text lowers.
    ///
    /// ## Example
    /// ```text
    /// 按照预算管理有关规定，目前我县部门预算的编制实行综合预算管理，即全部收入和支出都反映在预算中。…
    /// 按照预算管理有关规定，目前我县部门预算的编制实行综合预算制度，即全部收入和支出都反映的预算中。 ← repeat
    /// ```
    ///
    /// ## Fix
    /// Delete the repeated text, or write what the second item was meant to say. The rule offers
    /// an unsafe fix that deletes a repeated paragraph.
    ///
    /// ## 检查内容
    /// 几乎逐字重复前文某段的段落，以及重复同一列表中前面某项的编号项（在同一段落或同一单元格内，如某项目的绩效目标：`1.…运行，为高效办公提供基础保障。 2.…运行，为高效办公提供基础保障。`）。比较时忽略空白、引号和列表标记；较短的文字（不含数字部分至少 `min_chars`＝20个字：按文字读出的表格行不是段落）改动不超过 `max_difference`＝10% 的字即成为较长文字的一部分，且较短的长度不低于较长的60%，即视为重复。只有数字不同的文字（`6月底…`/`12月底…`）是并列的条目，不是复制；金额所指的量不同的文字（`部门预算收入1520.36万元…`/`财政拨款收入1520.36万元…`，`…收入…`/`…支出…`：数字一致时，模板各部分的表述本就相同）也不是。
    ///
    /// 由前面两项拼接而成的条目不作为重复报告，而由 `structure/concatenated-item` 作为提示报告。
    ///
    /// 每段文字只与共有其最罕见的二字组的前文比较（重复的文字必然共有）；在一段文字与成千上万段共有这些二字组的文件中，只与最早的200段比较。
    ///
    /// ## 依据
    /// 重复的段落是复制粘贴的遗留：两个版本中通常有一个是过时的（`综合预算管理`/`综合预算制度`），重复的目标则意味着漏写了一个目标。《地方预决算公开操作规程》（财预〔2016〕143号）要求内容准确、形式规范；评审会评价可读性，重复的文字会降低可读性。
    ///
    /// ## 示例
    /// ```text
    /// 按照预算管理有关规定，目前我县部门预算的编制实行综合预算管理，即全部收入和支出都反映在预算中。…
    /// 按照预算管理有关规定，目前我县部门预算的编制实行综合预算制度，即全部收入和支出都反映的预算中。 ← 重复
    /// ```
    ///
    /// ## 修改方法
    /// 删去重复的文字，或写出第二项本来要说的内容。本规则提供删除重复段落的不安全修复。
    pub struct DuplicateParagraph {
        id: "structure/duplicate-paragraph",
        severity: Warning,
        summary: "A paragraph or list item repeats an earlier one almost verbatim",
        summary_zh: "段落或列表项几乎逐字重复前文",
        options: {
            min_chars: Decimal = "20", "Texts shorter than this many characters are not compared",
                "短于这么多字的文字不比较";
            max_difference: Decimal = "0.10", "The largest share of differing characters that still counts as a repeat",
                "不同字符所占比例不超过这个值的，仍算重复";
        },
    }
}

impl Rule for DuplicateParagraph {
    fn meta(&self) -> &'static budgetlint_sdk::RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        let limits = Limits::new(
            ctx.option_decimal("min_chars", DEFAULT_MIN_CHARS),
            ctx.option_decimal("max_difference", DEFAULT_MAX_DIFFERENCE),
        );
        let doc = ctx.doc;
        let paragraphs = paragraph_pieces(doc, &limits);
        let mut found = Vec::new();
        compare_all(doc, &paragraphs, &limits, true, &mut found);
        out.extend(merge_runs(doc, found));
        out.extend(list_findings(ctx, &limits, &Self::META));
    }
}

/// What counts as a repeat: the rules.toml options of this rule and of
/// `structure/concatenated-item`, which compares the same lists.
#[derive(PartialEq)]
pub(crate) struct Limits {
    min_chars: usize,
    max_difference: f64,
}

impl Default for Limits {
    /// The options' defaults.
    fn default() -> Limits {
        Limits::new(DEFAULT_MIN_CHARS, DEFAULT_MAX_DIFFERENCE)
    }
}

/// The defaults of the options `min_chars` and `max_difference` (declared with the same values
/// in both rules' `options`).
pub(crate) const DEFAULT_MIN_CHARS: Decimal = Decimal::from_parts(20, 0, 0, false, 0);
pub(crate) const DEFAULT_MAX_DIFFERENCE: Decimal = Decimal::from_parts(10, 0, 0, false, 2);

impl Limits {
    pub(crate) fn new(min_chars: Decimal, max_difference: Decimal) -> Limits {
        Limits {
            min_chars: min_chars.to_usize().unwrap_or(20).max(4),
            max_difference: max_difference.to_f64().unwrap_or(0.1),
        }
    }
}

/// The findings of `meta`'s rule among the items of each list: an item that joins two earlier
/// ones is `structure/concatenated-item`'s, one that repeats an earlier one is this rule's. At
/// the default limits both rules read one comparison of the document ([`ListRepeats`]).
pub(crate) fn list_findings(
    ctx: &Context,
    limits: &Limits,
    meta: &'static budgetlint_sdk::RuleMeta,
) -> Vec<Diagnostic> {
    let of_rule = |d: &&Diagnostic| d.rule == meta.id;
    if *limits == Limits::default() {
        return ctx
            .view::<ListRepeats>()
            .iter()
            .filter(of_rule)
            .cloned()
            .collect();
    }
    let found = compare_lists(ctx.doc, limits);
    found.iter().filter(of_rule).cloned().collect()
}

budgetlint_sdk::document_view! {
    /// The repeats among the items of each list at the default limits, for both rules that
    /// report them (the comparison was half the time of the two when each made its own).
    ListRepeats<'d>: Vec<Diagnostic> = |doc| compare_lists(doc, &Limits::default())
}

/// Every repeat and join among the items of each list, of both rules.
fn compare_lists(doc: &Document, limits: &Limits) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for list in item_lists(doc, limits) {
        compare_all(doc, &list, limits, false, &mut found);
    }
    found
}

/// A text to compare: its byte range in the document and its normalised characters.
struct Piece {
    /// A known span at or before the piece, to compute its own span from.
    anchor: Span,
    start: usize,
    end: usize,
    chars: Vec<char>,
    /// [`Piece::words`], counted once: every pair compared asks for it.
    words: usize,
    /// Its sorted bigrams and their bit set, made when it is first compared: most pieces are
    /// dismissed by their length alone.
    grams: OnceCell<(Vec<u64>, GramBits)>,
    /// True for a whole paragraph (which a fix may delete).
    whole_paragraph: bool,
}

impl Piece {
    fn new(doc: &Document, anchor: Span, start: usize, end: usize, whole_paragraph: bool) -> Piece {
        let raw = doc.text.get(start..end).unwrap_or("");
        let compact = compact_prose(raw);
        let chars: Vec<char> = strip_leading_marker(&compact).chars().collect();
        let words = chars
            .iter()
            .filter(|c| !(c.is_ascii_digit() || matches!(c, ',' | '.' | '%' | '，' | '．' | '-')))
            .count();
        Piece {
            anchor,
            start,
            end,
            grams: OnceCell::new(),
            chars,
            words,
            whole_paragraph,
        }
    }

    /// Its characters other than those of figures (digits, separators, `%`): what makes a
    /// text worth comparing.
    fn words(&self) -> usize {
        self.words
    }

    fn span(&self, doc: &Document) -> Span {
        span_after(&doc.text, self.anchor, self.start, self.end)
    }

    /// Whether at least three quarters of this piece's bigrams are in `other`'s.
    fn mostly_in(&self, other: &Piece) -> bool {
        let ((grams, bits), (other_grams, other_bits)) = (self.grams(), other.grams());
        let needed = 0.75 * grams.len() as f64;
        shared_at_most(grams, *bits, *other_bits) as f64 >= needed
            && shared(grams, other_grams) as f64 >= needed
    }

    fn grams(&self) -> &(Vec<u64>, GramBits) {
        self.grams.get_or_init(|| {
            let grams = bigrams_of(&self.chars);
            let bits = GramBits::of(&grams);
            (grams, bits)
        })
    }
}

/// Prose paragraphs. Table captions are left out: two tables may share a title.
fn paragraph_pieces(doc: &Document, limits: &Limits) -> Vec<Piece> {
    doc.blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| match b {
            Block::Paragraph(p) if !is_caption(doc, i) && !repeats_by_design(doc, p) => {
                Some(Piece::new(
                    doc,
                    p.text_span,
                    p.text_span.start as usize,
                    p.text_span.end as usize,
                    true,
                ))
            }
            _ => None,
        })
        .filter(|p| p.words() >= limits.min_chars)
        .collect()
}

/// A paragraph that is no prose of its own: a row of a table kept as a line (words apart by
/// runs of spaces, no sentence punctuation: a header repeated on every page), or an
/// enumeration of names (`基本工资、津贴补贴、奖金、…`: the standard composition of 人员经费 or
/// 公用经费, which two sections on two tables of the same figures list alike).
fn repeats_by_design(doc: &Document, p: &Paragraph) -> bool {
    let text = doc.slice(p.text_span);
    let table_row = !text.contains(['。', '，', '；'])
        && text
            .lines()
            .any(|l| l.trim().contains("   ") || l.trim().contains('\t'));
    // Names of a few characters each, one 、 after another.
    let commas = text.matches('、').count();
    let chars = text.chars().filter(|c| !c.is_whitespace()).count();
    let enumeration = commas >= 6 && chars <= 8 * (commas + 1) && !text.contains('，');
    table_row || enumeration
}

/// Consecutive paragraphs that repeat consecutive earlier paragraphs (a page printed twice, a
/// list pasted again) are one defect: reported once, on the first repeated paragraph, with the
/// others as related places and one fix that deletes them all.
fn merge_runs(doc: &Document, found: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let block_of = |at: u32| doc.blocks.partition_point(|b| b.span().start <= at);
    let mut out: Vec<Diagnostic> = Vec::new();
    // The block of the last repeated paragraph of the run and of its original.
    let mut last: Option<(usize, usize)> = None;
    for d in found {
        let here = block_of(d.span.start);
        let original = d.related.first().map(|r| block_of(r.span.start));
        let continues = match (last, original, out.last_mut()) {
            (Some((l, o)), Some(orig), Some(prev)) if here == l + 1 && orig == o + 1 => {
                prev.related.push(Related {
                    span: d.span,
                    message: "同样重复的段落".to_string(),
                });
                if let (Some(fix), Some(more)) = (prev.fix.as_mut(), d.fix.as_ref()) {
                    fix.edits.extend(more.edits.iter().cloned());
                }
                true
            }
            _ => false,
        };
        last = original.map(|o| (here, o));
        if !continues {
            out.push(d);
        }
    }
    out
}

/// A line that names a table, sits right above or below one, or is a note about a table
/// (“本表无数据”): such lines repeat by design.
fn is_caption(doc: &Document, i: usize) -> bool {
    let names_table = doc
        .blocks
        .get(i)
        .and_then(|b| caption_text(doc, b))
        .is_some_and(|(c, _)| names_a_table(&c));
    let by_table = matches!(doc.blocks.get(i + 1), Some(Block::Table { .. }))
        || i.checked_sub(1)
            .is_some_and(|j| matches!(doc.blocks.get(j), Some(Block::Table { .. })));
    let note = doc
        .blocks
        .get(i)
        .and_then(|b| block_text(doc, b))
        .is_some_and(|(t, _)| {
            let t = t.trim_start();
            t.starts_with("注") || contains_any(t, &["本表", "此表", "空表"])
        });
    names_table || by_table || note
}

/// The items of each list kept in one place: the numbered items inside one paragraph, and the
/// lines of one table cell.
fn item_lists(doc: &Document, limits: &Limits) -> Vec<Vec<Piece>> {
    let mut lists = Vec::new();
    for block in &doc.blocks {
        if let Block::Paragraph(p) = block {
            if p.inline_items.len() >= 2 {
                let end = p.text_span.end as usize;
                let items = &p.inline_items;
                let pieces = items
                    .iter()
                    .enumerate()
                    .map(|(i, n)| {
                        let s = n.span.start as usize;
                        let e = items
                            .get(i + 1)
                            .map(|m| m.span.start as usize)
                            .unwrap_or(end)
                            .max(s);
                        Piece::new(doc, n.span, s, e, false)
                    })
                    .collect();
                lists.push(pieces);
            }
        }
    }
    for table in &doc.tables {
        for cell in table.rows.iter().flat_map(|r| &r.cells) {
            if cell.text.contains('\n') {
                lists.push(cell_lines(doc, cell.span));
            }
        }
    }
    lists.retain(|l| {
        l.iter()
            .filter(|p| p.chars.len() >= limits.min_chars)
            .count()
            >= 2
    });
    lists
}

/// The non-empty lines of a cell's text as pieces.
fn cell_lines(doc: &Document, cell: Span) -> Vec<Piece> {
    let (start, end) = (cell.start as usize, cell.end as usize);
    let text = doc.text.get(start..end).unwrap_or("");
    let mut pieces = Vec::new();
    let mut offset = start;
    for line in text.split('\n') {
        let trimmed = line.trim_end_matches('\r').trim_end();
        let lead = trimmed.len() - trimmed.trim_start().len();
        if !trimmed.trim().is_empty() {
            pieces.push(Piece::new(
                doc,
                cell,
                offset + lead,
                offset + trimmed.len(),
                false,
            ));
        }
        offset += line.len() + 1;
    }
    pieces
}

/// When `later` repeats `earlier` (or the reverse), the share of characters that differ.
fn compare(earlier: &Piece, later: &Piece, limits: &Limits) -> Option<f64> {
    let (short, long) = if earlier.chars.len() <= later.chars.len() {
        (earlier, later)
    } else {
        (later, earlier)
    };
    if short.words() < limits.min_chars {
        return None;
    }
    if short.chars == long.chars {
        return Some(0.0);
    }
    if (short.chars.len() as f64) < 0.6 * long.chars.len() as f64 {
        return None;
    }
    if !short.mostly_in(long) {
        return None;
    }
    if differ_only_in_digits(&short.chars, &long.chars) {
        return None;
    }
    let distance = infix_distance(&short.chars, &long.chars);
    let difference = distance as f64 / short.chars.len() as f64;
    (difference <= limits.max_difference).then_some(difference)
}

/// Whether two texts state their amounts as different quantities: `部门预算收入 203091.65 万元…`
/// and `财政拨款收入 203091.65 万元…` (another fund source), or `…收入…` and `…支出…` (another
/// measure). The template asks for such parallel statements, one per section, and they read
/// alike when the figures agree; a copy left in place states the same quantities.
fn states_other_quantities(doc: &Document, a: &Piece, b: &Piece) -> bool {
    let quantities = |p: &Piece| -> Vec<(Option<&str>, Option<FundSource>)> {
        let span = Span {
            start: p.start as u32,
            end: p.end as u32,
            ..Span::default()
        };
        doc.facts_in(span)
            .iter()
            .filter(|f| matches!(f.kind, FactKind::Amount(_)))
            .filter_map(|f| f.identity.as_deref())
            .map(|id| {
                (
                    id.measure.as_ref().map(|m| m.value.as_str()),
                    id.source.as_ref().map(|s| s.value),
                )
            })
            .collect()
    };
    let (qa, qb) = (quantities(a), quantities(b));
    !qa.is_empty() && !qb.is_empty() && qa != qb
}

fn differ_only_in_digits(a: &[char], b: &[char]) -> bool {
    let strip = |s: &[char]| {
        s.iter()
            .filter(|c| !c.is_ascii_digit())
            .copied()
            .collect::<Vec<char>>()
    };
    strip(a) == strip(b)
}

/// Whether `later` is made of two earlier items (each found in it almost verbatim).
fn concatenation<'a>(
    earlier: &[&'a Piece],
    later: &Piece,
    limits: &Limits,
) -> Option<(&'a Piece, &'a Piece)> {
    let inside: Vec<&Piece> = earlier
        .iter()
        .copied()
        .filter(|e| e.chars.len() >= limits.min_chars / 2 && e.chars.len() < later.chars.len())
        .filter(|e| e.mostly_in(later))
        .filter(|e| {
            (infix_distance(&e.chars, &later.chars) as f64)
                <= limits.max_difference * e.chars.len() as f64
        })
        .collect();
    let covered: usize = inside.iter().map(|e| e.chars.len()).sum();
    (inside.len() >= 2 && covered as f64 >= 0.8 * later.chars.len() as f64)
        .then(|| (inside[0], inside[1]))
}

/// The most index entries looked at for one text's candidates (see [`Candidates`]).
const MAX_VISITS: usize = 2000;
/// The most earlier texts one text is compared with.
const MAX_COMPARED: usize = 200;

/// The earlier pieces worth comparing with a later one, from an index of bigrams, so that a
/// document of many paragraphs is not compared pair by pair (7.5 MB of headings took minutes).
///
/// A repeat (or a part of a concatenation) shares at least three quarters of the shorter
/// text's bigrams with the longer. So when the bigrams of each text are ordered by how many
/// texts have them (rarest first), its *prefix* — the first quarter plus one — holds at least
/// one bigram of the other text. The candidates of a later text are the earlier ones that have
/// one of its prefix bigrams, or whose prefix has one of its bigrams: no pair that can match
/// is missed, and texts that share only common words are never looked at. In a document where
/// every text shares rare bigrams with thousands of others, at most [`MAX_VISITS`] index
/// entries and [`MAX_COMPARED`] candidates (the earliest) are taken per text.
struct Candidates {
    /// How many pieces have each bigram.
    frequency: GramMap<u32>,
    /// Earlier pieces by each of their bigrams, and by each bigram of their prefix.
    by_gram: GramMap<Vec<u32>>,
    by_prefix: GramMap<Vec<u32>>,
}

/// A map keyed by bigrams (two characters in a `u64`), hashed by one multiplication: the
/// index is looked up once per bigram of every text, where SipHash cost a third of the rule.
type GramMap<V> = HashMap<u64, V, BuildHasherDefault<GramHasher>>;

#[derive(Default)]
struct GramHasher(u64);

impl Hasher for GramHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(self.0 ^ u64::from(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        let h = n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.0 = h ^ (h >> 29);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

impl Candidates {
    fn new(pieces: &[Piece]) -> Candidates {
        let mut frequency: GramMap<u32> = GramMap::default();
        for p in pieces {
            for &g in &p.grams().0 {
                *frequency.entry(g).or_default() += 1;
            }
        }
        Candidates {
            frequency,
            by_gram: GramMap::default(),
            by_prefix: GramMap::default(),
        }
    }

    /// The rarest quarter (plus one) of the piece's bigrams, in no particular order.
    fn prefix(&self, piece: &Piece) -> Vec<u64> {
        let grams = &piece.grams().0;
        let mut keyed: Vec<(u32, u64)> = grams
            .iter()
            .map(|&g| (self.frequency.get(&g).copied().unwrap_or(0), g))
            .collect();
        let k = (grams.len() / 4 + 1).min(keyed.len());
        if k > 0 && k < keyed.len() {
            keyed.select_nth_unstable(k - 1);
        }
        keyed.truncate(k);
        keyed.into_iter().map(|(_, g)| g).collect()
    }

    /// The candidates for piece `k` (earliest first), then `k` joins the index.
    fn take(&mut self, pieces: &[Piece], k: usize) -> Vec<usize> {
        let piece = &pieces[k];
        let prefix = self.prefix(piece);
        let mut found: Vec<u32> = Vec::new();
        let lists = prefix
            .iter()
            .filter_map(|g| self.by_gram.get(g))
            .chain(piece.grams().0.iter().filter_map(|g| self.by_prefix.get(g)));
        for list in lists {
            let room = MAX_VISITS.saturating_sub(found.len());
            if room == 0 {
                break;
            }
            found.extend(list.iter().take(room));
        }
        found.sort_unstable();
        found.dedup();
        found.truncate(MAX_COMPARED);
        for &g in &piece.grams().0 {
            self.by_gram.entry(g).or_default().push(k as u32);
        }
        for g in prefix {
            self.by_prefix.entry(g).or_default().push(k as u32);
        }
        found.into_iter().map(|e| e as usize).collect()
    }
}

/// Up to this many texts every earlier text is a candidate: the length and bigram-set
/// prefilters make that the cheapest way for an ordinary document (the index costs more to
/// build than it saves); beyond it the index keeps the work linear.
const ALL_PAIRS_UP_TO: usize = 300;

fn compare_all(
    doc: &Document,
    pieces: &[Piece],
    limits: &Limits,
    paragraphs: bool,
    out: &mut Vec<Diagnostic>,
) {
    if pieces.len() <= ALL_PAIRS_UP_TO {
        let all: Vec<&Piece> = pieces.iter().collect();
        for (k, later) in pieces.iter().enumerate() {
            report_first(doc, &all[..k], later, limits, paragraphs, out);
        }
        return;
    }
    let mut index = Candidates::new(pieces);
    for (k, later) in pieces.iter().enumerate() {
        let candidates = index.take(pieces, k);
        let earlier: Vec<&Piece> = candidates.iter().map(|&e| &pieces[e]).collect();
        report_first(doc, &earlier, later, limits, paragraphs, out);
    }
}

/// Reports `later` as a concatenation of two earlier items, or as a copy of the first earlier
/// text it repeats.
fn report_first(
    doc: &Document,
    earlier: &[&Piece],
    later: &Piece,
    limits: &Limits,
    paragraphs: bool,
    out: &mut Vec<Diagnostic>,
) {
    if !paragraphs {
        if let Some((a, b)) = concatenation(earlier, later, limits) {
            out.push(concatenated(doc, a, b, later));
            return;
        }
    }
    let first_copy = earlier.iter().find_map(|e| {
        compare(e, later, limits)
            .filter(|_| !states_other_quantities(doc, e, later))
            .map(|r| (*e, r))
    });
    if let Some((earlier, difference)) = first_copy {
        out.push(repeated(doc, earlier, later, difference, paragraphs));
    }
}

fn excerpt(chars: &[char]) -> String {
    const MAX: usize = 24;
    let head: String = chars.iter().take(MAX).collect();
    if chars.len() > MAX {
        format!("{head}…")
    } else {
        head
    }
}

fn repeated(
    doc: &Document,
    earlier: &Piece,
    later: &Piece,
    difference: f64,
    paragraphs: bool,
) -> Diagnostic {
    let span = later.span(doc);
    let earlier_span = earlier.span(doc);
    let what = if paragraphs { "段落" } else { "条目" };
    let what_en = if paragraphs { "paragraph" } else { "item" };
    let same = if difference == 0.0 {
        "完全相同".to_string()
    } else {
        format!("仅有约{:.0}%的文字不同", difference * 100.0)
    };
    let same_en = if difference == 0.0 {
        "identical".to_string()
    } else {
        format!("about {:.0}% of the characters differ", difference * 100.0)
    };
    let mut d = Diagnostic::new(
        &DuplicateParagraph::META,
        span,
        format!(
            "该{what}重复了第{}行的{what}（{same}）：“{}”",
            earlier_span.line,
            excerpt(&later.chars)
        ),
    )
    .en(format!(
        "This {what_en} repeats the {what_en} on line {} ({same_en}): '{}'",
        earlier_span.line,
        excerpt(&later.chars)
    ))
    .related(earlier_span, format!("先出现的{what}"));
    if later.whole_paragraph {
        d = d.replace(span, "", "删除重复的段落", Applicability::Unsafe);
    }
    d
}

fn concatenated(doc: &Document, a: &Piece, b: &Piece, later: &Piece) -> Diagnostic {
    let span = later.span(doc);
    let (sa, sb) = (a.span(doc), b.span(doc));
    Diagnostic::new(
        &super::ConcatenatedItem::META,
        span,
        format!(
            "该条目只是把前面两条（第{}行、第{}行）拼接在一起，没有新内容",
            sa.line, sb.line
        ),
    )
    .en(format!(
        "This item only joins the two earlier items (lines {} and {}) together",
        sa.line, sb.line
    ))
    .related(sa, "被重复的条目")
    .related(sb, "被重复的条目")
}
