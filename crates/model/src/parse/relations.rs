//! Relations stated in prose: totals and their parts, changes against last year, shares and
//! completion rates. Works on passages: runs of paragraphs that belong together.

use crate::doc::*;
use crate::labels::{measure, Measure};

/// A stretch of text and the prose facts in it (sorted by position).
struct Passage<'a> {
    text: &'a str,
    base: usize,
    facts: Vec<&'a Fact>,
}

impl Passage<'_> {
    fn pos(&self, f: &Fact) -> usize {
        f.span.start as usize - self.base
    }
    fn end(&self, f: &Fact) -> usize {
        f.span.end as usize - self.base
    }
    fn amounts(&self) -> impl Iterator<Item = &&Fact> + '_ {
        self.facts
            .iter()
            .filter(|f| matches!(f.kind, FactKind::Amount(_)))
    }
    /// Start and end of the sentence around `pos` (sentences end at 。！？).
    fn sentence(&self, pos: usize) -> (usize, usize) {
        let start = self.text[..pos]
            .rfind(['。', '！', '？'])
            .map(|p| p + '。'.len_utf8())
            .unwrap_or(0);
        let end = self.text[pos..]
            .find(['。', '！', '？'])
            .map(|p| pos + p)
            .unwrap_or(self.text.len());
        (start, end)
    }
}

pub fn extract(text: &str, blocks: &[Block], facts: &[Fact]) -> Vec<Relation> {
    let mut out = Vec::new();
    let mut by_block: Vec<Vec<&Fact>> = vec![Vec::new(); blocks.len()];
    for f in facts.iter().filter(|f| f.cell.is_none()) {
        if let Some(list) = by_block.get_mut(f.block as usize) {
            list.push(f);
        }
    }
    for (start, end, ids) in passages(text, blocks) {
        let facts: Vec<&Fact> = ids
            .iter()
            .flat_map(|&b| by_block.get(b as usize).into_iter().flatten().copied())
            .collect();
        if facts.is_empty() {
            continue;
        }
        let mut facts = facts.into_iter().peekable();
        for (start, end) in pieces(text, start, end) {
            let mut here = Vec::new();
            while let Some(f) = facts.next_if(|f| (f.span.start as usize) < end) {
                if f.span.start as usize >= start && f.span.end as usize <= end {
                    here.push(f);
                }
            }
            if here.is_empty() {
                continue;
            }
            relations_in(
                &Passage {
                    text: &text[start..end],
                    base: start,
                    facts: here,
                },
                &mut out,
            );
        }
    }
    out
}

/// The longest stretch of prose read as one passage. Relations are stated within a sentence or
/// two, and the readers below look at the passage around each figure: a longer paragraph (a
/// real one is a few KB; a megabyte of text on one line is not) is read in pieces that end at
/// a sentence end, so that the work stays linear in the text.
const MAX_PASSAGE: usize = 16 * 1024;

/// `start..end` cut into pieces of at most [`MAX_PASSAGE`] bytes, each ending after a 。！？
/// when there is one in it.
fn pieces(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = start;
    while end - at > MAX_PASSAGE {
        let limit = floor(text, at + MAX_PASSAGE);
        let cut = text[at..limit]
            .rfind(['。', '！', '？'])
            .map(|p| at + p + '。'.len_utf8())
            .filter(|&c| c > at)
            .unwrap_or(limit);
        out.push((at, cut));
        at = cut;
    }
    out.push((at, end));
    out
}

fn relations_in(p: &Passage, out: &mut Vec<Relation>) {
    let changes = changes(p);
    let change_facts: Vec<FactId> = changes.iter().flat_map(change_members).collect();
    let sums = sums(p, &change_facts);
    out.extend(shares(p, &sums));
    out.extend(completions(p));
    out.extend(changes);
    out.extend(sums);
}

fn change_members(r: &Relation) -> Vec<FactId> {
    match r {
        Relation::Change {
            previous,
            delta,
            rate,
            components,
            ..
        } => previous
            .iter()
            .chain(delta)
            .chain(rate)
            .copied()
            .chain(components.iter().map(|c| c.amount))
            .collect(),
        _ => Vec::new(),
    }
}

/// Paragraphs (and headings) one at a time; the page-break joins are already made by the block
/// builder, so a passage is one block.
fn passages(_text: &str, blocks: &[Block]) -> Vec<(usize, usize, Vec<BlockId>)> {
    blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| match b {
            Block::Paragraph(p) => Some((
                p.text_span.start as usize,
                p.text_span.end as usize,
                vec![i as BlockId],
            )),
            _ => None,
        })
        .collect()
}

const SUM_CUES: &[&str] = &["其中", "主要用于以下方面", "分别为", "包括："];
const CHANGE_VERBS: &[(&str, Direction)] = &[
    ("增加", Direction::Increase),
    ("增长", Direction::Increase),
    ("上升", Direction::Increase),
    ("提高", Direction::Increase),
    ("减少", Direction::Decrease),
    ("下降", Direction::Decrease),
    ("降低", Direction::Decrease),
    ("节约", Direction::Decrease),
    ("压减", Direction::Decrease),
    ("增", Direction::Increase),
    ("减", Direction::Decrease),
];
const COMPARISON_CUES: &[&str] = &["比上年", "较上年", "与上年", "同比", "上年", "相比"];

/// The comparison words that name the year compared with (“比2023年度”); PDF text sets any
/// run of white space between the word and the year (“比  2016  年增加”).
const YEAR_COMPARISON_WORDS: &[char] = &['比', '较', '与'];

/// Where the last comparison cue of `clause` starts: one of [`COMPARISON_CUES`], or a word of
/// [`YEAR_COMPARISON_WORDS`] followed, white space aside, by a year of this century.
fn last_comparison_cue(clause: &str) -> Option<usize> {
    let named = COMPARISON_CUES.iter().filter_map(|c| clause.rfind(c)).max();
    let year = clause
        .char_indices()
        .rev()
        .find(|&(i, c)| {
            YEAR_COMPARISON_WORDS.contains(&c) && names_a_year(&clause[i + c.len_utf8()..])
        })
        .map(|(i, _)| i);
    named.max(year)
}

/// Whether `rest` opens with a year of four digits (“2016”, “  2016 年”) after at most a few
/// characters of white space (justified PDF lines spread them; more is a gap, not a phrase).
fn names_a_year(rest: &str) -> bool {
    let body = rest.trim_start_matches(|c: char| c.is_whitespace());
    let skipped = rest.len() - body.len();
    let year = body.as_bytes().get(..4);
    skipped <= 16 && year.is_some_and(|y| y.starts_with(b"20") && y.iter().all(u8::is_ascii_digit))
}

/// Whether a sentence opens with a comparison (“与上年相比…”, “比 2016 年…”).
fn opens_with_comparison(sentence: &str) -> bool {
    COMPARISON_CUES.iter().any(|c| sentence.starts_with(c))
        || sentence.chars().next().is_some_and(|c| {
            YEAR_COMPARISON_WORDS.contains(&c) && names_a_year(&sentence[c.len_utf8()..])
        })
}

/// The change verb that ends right before `pos` (allowing a few characters such as `了`), and
/// where it starts. White space is not counted: PDF text spreads a justified line (“增加
/// 309.03 万元”) and a wrapped line may split the verb itself (“减\n少 63.14 万元”).
fn verb_before(text: &str, pos: usize) -> Option<(Direction, usize)> {
    // The last 9 bytes of text before `pos`, white space left out, with each byte's offset in
    // `text` (on the stack: this runs for every figure of the prose).
    const WINDOW: usize = 9;
    let mut chars = [(0usize, ' '); WINDOW];
    let (mut count, mut bytes) = (0, 0);
    // At most a justified line's worth of characters is looked through (the work per figure
    // stays bounded whatever white space precedes it).
    for (i, c) in text[..pos].char_indices().rev().take(160) {
        if c.is_whitespace() {
            continue;
        }
        if bytes + c.len_utf8() > WINDOW {
            break;
        }
        chars[count] = (i, c);
        count += 1;
        bytes += c.len_utf8();
    }
    let mut buf = [0u8; WINDOW];
    let mut offsets = [0usize; WINDOW];
    let mut len = 0;
    for &(i, c) in chars[..count].iter().rev() {
        let n = c.encode_utf8(&mut buf[len..]).len();
        for k in 0..n {
            offsets[len + k] = i + k;
        }
        len += n;
    }
    let window = std::str::from_utf8(&buf[..len]).ok()?;
    CHANGE_VERBS.iter().find_map(|(w, d)| {
        let p = crate::text::rfind_word(window, w)?;
        let between = &window[p + w.len()..];
        let ok = between
            .chars()
            .all(|c| matches!(c, '了' | '为' | '约' | '达' | '：' | ':'));
        ok.then_some((*d, offsets[p]))
    })
}

fn floor(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn changes(p: &Passage) -> Vec<Relation> {
    let mut out = Vec::new();
    let mut used: Vec<FactId> = Vec::new();
    for (idx, f) in p.facts.iter().enumerate() {
        if used.contains(&f.id) || !matches!(f.kind, FactKind::Amount(_) | FactKind::Percent(_)) {
            continue;
        }
        let Some((direction, verb_at)) = verb_before(p.text, p.pos(f)) else {
            continue;
        };
        let (s_start, _) = p.sentence(p.pos(f));
        let clause = &p.text[s_start..verb_at];
        let Some(cue_rel) = last_comparison_cue(clause) else {
            continue;
        };
        let cue_at = s_start + cue_rel;
        // `较上年增加957.62万元，原因是：一是人员经费增加840.12万元`: the comparison belongs to the
        // change read before; a later change in its sentence has no base of its own.
        if p.facts
            .iter()
            .any(|u| used.contains(&u.id) && p.pos(u) > cue_at && p.pos(u) < p.pos(f))
        {
            continue;
        }
        let is_amount = matches!(f.kind, FactKind::Amount(_));
        let (delta, rate) = if is_amount {
            (Some(f.id), rate_after(p, idx))
        } else {
            (None, Some(f.id))
        };
        let current = p
            .amounts()
            .filter(|a| p.pos(a) >= s_start && p.end(a) <= cue_at)
            .last()
            .map(|a| a.id)
            .or_else(|| subject_before(p, s_start));
        // An amount right after a change verb is a change, not last year's figure.
        let previous = p
            .amounts()
            .filter(|a| verb_before(p.text, p.pos(a)).is_none())
            .find(|a| p.pos(a) > cue_at && p.end(a) <= verb_at)
            .map(|a| a.id)
            .or_else(|| named_base(p, (s_start, cue_at, verb_at), current));
        let last = rate.or(delta).unwrap_or(f.id);
        let components =
            components_after(p, p.end(p.facts.iter().find(|x| x.id == last).unwrap_or(f)));
        used.extend(delta.iter().chain(rate.iter()).copied());
        used.extend(components.iter().map(|c| c.amount));
        out.push(Relation::Change {
            current,
            previous,
            delta,
            direction,
            rate,
            components,
        });
    }
    out
}

/// “2025年当年预算执行数为43269.3万元，2026年预算安排3845.49万元，比2025年预算执行数增加17.62%”:
/// the base the comparison names (2025年预算执行数) is an amount stated earlier in the sentence
/// under that very name (当年 and a trailing 为 aside). Names must agree exactly: “比上年” does
/// not pick “上年结转”.
fn named_base(
    p: &Passage,
    (s_start, cue_at, verb_at): (usize, usize, usize),
    current: Option<FactId>,
) -> Option<FactId> {
    let base = base_key(&p.text[cue_at..verb_at], true)?;
    p.amounts()
        .filter(|a| p.pos(a) >= s_start && p.end(a) <= cue_at && Some(a.id) != current)
        .filter(|a| {
            a.label
                .as_ref()
                .and_then(|l| base_key(&l.raw, false))
                .is_some_and(|k| k == base)
        })
        .last()
        .map(|a| a.id)
}

/// A name compared without white space, quotes, 当年, the comparison word in front (比, 较, 与)
/// and 相比 or 为 behind; `None` when little is left.
fn base_key(raw: &str, comparison: bool) -> Option<String> {
    let n = crate::labels::normalize(raw).replace("当年", "");
    let n = if comparison {
        n.trim_start_matches(['比', '较', '与', '同'])
            .trim_end_matches("相比")
    } else {
        n.as_str()
    };
    let n = n.trim_end_matches('为');
    (n.chars().count() >= 3).then(|| n.to_string())
}

/// “公共安全（类）支出13656.34万元，主要用于…。与上年相比增加309.03万元”: a sentence that opens
/// with the comparison compares the previous sentence's figure — when that sentence states one
/// amount only (with two, which one is compared is a guess).
fn subject_before(p: &Passage, s_start: usize) -> Option<FactId> {
    let sentence = p.text[s_start..].trim_start();
    let opens = opens_with_comparison(sentence);
    if !opens || s_start == 0 {
        return None;
    }
    let (ps, _) = p.sentence(s_start - '。'.len_utf8());
    let mut amounts = p
        .amounts()
        .filter(|a| p.pos(a) >= ps && p.end(a) <= s_start);
    let only = amounts.next()?;
    amounts.next().is_none().then_some(only.id)
}

/// “…增加30.67万元，增长4.19%”: the rate right after a delta; or the rate alone in brackets
/// right after it, “较上年增加1.5万元（21.13%）”.
fn rate_after(p: &Passage, idx: usize) -> Option<FactId> {
    let next = p.facts.get(idx + 1)?;
    if !matches!(next.kind, FactKind::Percent(_)) {
        return None;
    }
    let gap = &p.text[p.end(p.facts[idx])..p.pos(next)];
    let stated = gap.chars().filter(|c| !c.is_whitespace()).count() <= 8
        && verb_before(p.text, p.pos(next)).is_some();
    (stated || bracketed_alone(p, gap, next)).then_some(next.id)
}

/// The percentage is all that stands in the brackets opened right after the delta: “（43%）”
/// (not “（占支出的5%）”, which says what else it is).
fn bracketed_alone(p: &Passage, gap: &str, percent: &Fact) -> bool {
    let opens = matches!(gap.trim(), "（" | "(");
    let after = p.text[p.end(percent)..].trim_start();
    opens && after.starts_with(['）', ')'])
}

/// “主要是：人员经费增加8.56万元…；项目经费减少1741.6万元”: listed components of a change.
fn components_after(p: &Passage, after: usize) -> Vec<ChangeComponent> {
    let rest = &p.text[after..];
    let intro = ["其中", "主要是", "主要原因", "主要为", "具体"]
        .iter()
        .filter_map(|w| rest.find(w))
        .min();
    let Some(intro) = intro.filter(|&i| rest[..i].chars().count() <= 3) else {
        return Vec::new();
    };
    let start = after + intro;
    p.facts
        .iter()
        .filter(|f| matches!(f.kind, FactKind::Amount(_)) && p.pos(f) > start)
        .filter_map(|f| verb_before(p.text, p.pos(f)).map(|(d, verb_at)| (f, d, verb_at)))
        // `…；公务用车运行维护费10万元，较上年减少1万元`: a change compared anew is the next
        // item's own change, and the list of components ended before it.
        .take_while(|&(_, _, verb_at)| !compares_anew(clause_before(p.text, verb_at)))
        .map(|(f, direction, _)| ChangeComponent {
            amount: f.id,
            direction,
        })
        .collect()
}

/// The clause that ends at `pos`: from the last clause mark (，；。 and their ASCII forms) before
/// it.
fn clause_before(text: &str, pos: usize) -> &str {
    let start = text[..pos]
        .rfind(['，', '；', '。', ',', ';'])
        .map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
    &text[start..pos]
}

/// Whether a clause compares with a year of its own (`较上年`, `比2023年`, `同比`): bare 上年
/// (`上年结转`) and 相比 do not.
fn compares_anew(clause: &str) -> bool {
    ["比上年", "较上年", "与上年", "同比"]
        .iter()
        .any(|c| clause.contains(c))
        || clause.char_indices().any(|(i, c)| {
            YEAR_COMPARISON_WORDS.contains(&c) && names_a_year(&clause[i + c.len_utf8()..])
        })
}

fn sums(p: &Passage, change_facts: &[FactId]) -> Vec<Relation> {
    let mut out = Vec::new();
    for cue in SUM_CUES {
        for (at, _) in p.text.match_indices(cue) {
            out.extend(sum_at(p, at, cue.len(), change_facts));
        }
    }
    for (at, _) in p.text.match_indices("其中") {
        out.extend(count_sum_at(p, at, "其中".len()));
    }
    out
}

/// “离退休人员78人，其中：离休3人，退休72人”: a count and the counts of the same unit listed
/// after its 其中, up to the end of the clause (；) or the next 其中 — a sentence often lists
/// two counts with their parts (“编制138人，其中：…；实有人员138人，其中：…”).
fn count_sum_at(p: &Passage, at: usize, cue_len: usize) -> Option<Relation> {
    let (s_start, s_end) = p.sentence(at);
    let unit_of = |f: &Fact| match &f.kind {
        FactKind::Count(q) => Some(q.unit.clone()),
        _ => None,
    };
    // The total is the figure right before the cue, in the same clause.
    let total = p
        .facts
        .iter()
        .rfind(|f| p.pos(f) >= s_start && p.end(f) <= at)
        .filter(|f| !p.text[p.end(f)..at].contains(['；', ';']))?;
    let unit = unit_of(total)?;
    let body = at + cue_len;
    let region_end = p.text[body..s_end]
        .find(['；', ';'])
        .into_iter()
        .chain(p.text[body..s_end].find("其中"))
        .min()
        .map_or(s_end, |e| body + e);
    let depth = depth_at(p.text, at);
    let in_region: Vec<&&Fact> = p
        .facts
        .iter()
        .filter(|f| p.pos(f) > body && p.end(f) <= region_end)
        .collect();
    // Every figure of the list must be a count of that unit at the cue's bracket depth: a list
    // that mixes in amounts or percentages is not a plain breakdown.
    let parts: Vec<FactId> = in_region
        .iter()
        .filter(|f| unit_of(f).as_ref() == Some(&unit) && depth_at(p.text, p.pos(f)) == depth)
        .map(|f| f.id)
        .collect();
    (parts.len() >= 2 && parts.len() == in_region.len()).then_some(Relation::Sum {
        total: total.id,
        parts,
    })
}

/// Paren depth (（ or ( open) at each position is computed on demand.
fn depth_at(text: &str, pos: usize) -> i32 {
    text[..pos].chars().fold(0, |d, c| match c {
        '（' | '(' => d + 1,
        '）' | ')' => (d - 1).max(0),
        _ => d,
    })
}

fn sum_at(p: &Passage, at: usize, cue_len: usize, change_facts: &[FactId]) -> Vec<Relation> {
    let (s_start, s_end) = p.sentence(at);
    let depth = depth_at(p.text, at);
    let opens_sentence = p.text[s_start..at]
        .chars()
        .all(|c| c.is_whitespace() || "，,:：".contains(c));
    let free = |f: &&&Fact| matches!(f.kind, FactKind::Amount(_)) && !change_facts.contains(&f.id);
    // The total(s): the figure right before the cue, or the previous sentence's figures.
    let totals: Vec<&Fact> = if opens_sentence && s_start > 0 {
        let (ps, _) = p.sentence(s_start - '。'.len_utf8());
        p.amounts()
            .filter(free)
            .filter(|f| p.pos(f) >= ps && p.pos(f) < s_start)
            .copied()
            .collect()
    } else {
        let inner_start = if depth > 0 {
            p.text[..at].rfind(['（', '(']).unwrap_or(at)
        } else {
            at
        };
        p.amounts()
            .filter(free)
            .filter(|f| p.pos(f) >= s_start && p.end(f) <= inner_start)
            .last()
            .copied()
            .into_iter()
            .collect()
    };
    if totals.is_empty() {
        return Vec::new();
    }
    let region_end = if depth > 0 {
        closing_paren(p.text, at).unwrap_or(s_end)
    } else if opens_sentence {
        enumeration_end(p, s_end)
    } else {
        s_end
    };
    let body = at + cue_len;
    let parts: Vec<&Fact> = p
        .amounts()
        .filter(free)
        .filter(|f| {
            p.pos(f) > body && p.end(f) <= region_end && depth_at(p.text, p.pos(f)) == depth
        })
        .filter(|f| !totals.iter().any(|t| t.id == f.id))
        .copied()
        .collect();
    if mixes_directions(p, &parts) {
        return Vec::new();
    }
    group_parts(&totals, &parts)
}

/// “收入减少32,298.02万元，其中一般公共预算收入减少31,847.8万元，…事业收入增加72.7万元…”:
/// parts that went up and parts that went down make a net change, not a sum of the printed
/// amounts; adding them would be wrong (the total is their signed balance). Such a list is not
/// read as a sum.
fn mixes_directions(p: &Passage, parts: &[&Fact]) -> bool {
    let direction = |f: &&Fact| verb_before(p.text, p.pos(f)).map(|(d, _)| d);
    let mut directions = parts.iter().filter_map(direction);
    directions
        .next()
        .is_some_and(|first| directions.any(|d| d != first))
}

/// After a sentence-opening 其中, the enumeration continues into following sentences that start
/// with another classification line (“住房保障支出年初预算 38.52 万元…”).
fn enumeration_end(p: &Passage, first_end: usize) -> usize {
    let mut end = first_end;
    while end < p.text.len() {
        let next_start = end + '。'.len_utf8();
        if next_start >= p.text.len() {
            break;
        }
        let (_, next_end) = p.sentence(next_start);
        let first = p
            .amounts()
            .find(|f| p.pos(f) >= next_start && p.pos(f) < next_end);
        match first {
            Some(f) if f.label.as_ref().is_some_and(|l| l.class_code.is_some()) => end = next_end,
            _ => break,
        }
    }
    end
}

fn closing_paren(text: &str, from: usize) -> Option<usize> {
    let mut depth = 0;
    for (i, c) in text[from..].char_indices() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' if depth == 0 => return Some(from + i),
            '）' | ')' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// With several totals (年初预算 and 决算), parts go to the total of the same measure.
fn group_parts(totals: &[&Fact], parts: &[&Fact]) -> Vec<Relation> {
    let label_measure = |f: &Fact| f.label.as_ref().and_then(|l| measure(&l.raw));
    let mut out = Vec::new();
    for t in totals {
        let m = label_measure(t);
        let mine: Vec<FactId> = if totals.len() == 1 {
            parts.iter().map(|f| f.id).collect()
        } else {
            match m {
                Some(m) => parts
                    .iter()
                    .filter(|f| {
                        label_measure(f) == Some(m) || (m == Measure::Actual && is_spending(f))
                    })
                    .map(|f| f.id)
                    .collect(),
                None => Vec::new(),
            }
        };
        if mine.len() >= 2 {
            out.push(Relation::Sum {
                total: t.id,
                parts: mine,
            });
        }
    }
    out
}

/// A `支出 … 万元` figure with no measure word, read as the actual (决算) figure.
fn is_spending(f: &Fact) -> bool {
    f.label
        .as_ref()
        .is_some_and(|l| measure(&l.raw).is_none() && l.raw.ends_with("支出"))
}

fn shares(p: &Passage, sums: &[Relation]) -> Vec<Relation> {
    let mut out = Vec::new();
    for (idx, f) in p.facts.iter().enumerate() {
        if !matches!(f.kind, FactKind::Percent(_)) {
            continue;
        }
        let pos = p.pos(f);
        let window = &p.text[floor(p.text, pos.saturating_sub(60))..pos];
        let Some(zhan) = window.rfind('占') else {
            continue;
        };
        let between = &window[zhan + '占'.len_utf8()..];
        if between.contains(['，', '。', '；', ',', ';']) {
            continue;
        }
        let whole_label = between
            .rfind('的')
            .map(|d| between[..d].trim_start_matches('比').trim().to_string())
            .filter(|s| !s.is_empty());
        let zhan_abs = pos - window.len() + zhan;
        let Some(part) = p.facts[..idx]
            .iter()
            .rev()
            .take_while(|x| !matches!(x.kind, FactKind::Percent(_)))
            .find(|x| matches!(x.kind, FactKind::Amount(_)) && p.end(x) <= zhan_abs)
        else {
            continue;
        };
        let whole = match &whole_label {
            Some(label) => resolve_whole(p, label, p.pos(part)),
            None => sums.iter().find_map(|r| match r {
                Relation::Sum { total, parts } if parts.contains(&part.id) => Some(*total),
                _ => None,
            }),
        };
        out.push(Relation::Share {
            part: part.id,
            whole,
            whole_label,
            percent: f.id,
        });
    }
    out
}

/// The figure named by `占<label>的` earlier in the passage.
fn resolve_whole(p: &Passage, label: &str, before: usize) -> Option<FactId> {
    let want = crate::labels::normalize(label);
    let want_key = crate::labels::canonical_key(label);
    p.amounts()
        .filter(|f| p.pos(f) < before)
        // `支出合计…减少56.95万元`: the amount of a change is no whole.
        .filter(|f| verb_before(p.text, p.pos(f)).is_none())
        .filter(|f| {
            f.label.as_ref().is_some_and(|l| {
                let have = crate::labels::normalize(&l.raw);
                (!have.is_empty() && (want.contains(&have) || have.contains(&want)))
                    || (want_key.is_some() && l.key.as_deref() == want_key)
            })
        })
        .last()
        .map(|f| f.id)
}

/// The budget a completion rate names when it names one more closely than 预算:
/// “完成年初预算的” → 年初预算 (also 全年预算, 调整预算).
fn named_completion_base(clause: &str) -> Option<&'static str> {
    let clause = compact(clause);
    ["年初预算", "全年预算", "调整预算"]
        .into_iter()
        .find(|n| clause.contains(&format!("完成{n}")))
}

fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn completions(p: &Passage) -> Vec<Relation> {
    let mut out = Vec::new();
    let mut window_start = 0;
    for f in &p.facts {
        if !matches!(f.kind, FactKind::Percent(_)) {
            continue;
        }
        let pos = p.pos(f);
        let (s_start, _) = p.sentence(pos);
        let from = window_start.max(s_start);
        let clause = &p.text[floor(p.text, pos.saturating_sub(30)).max(from)..pos];
        window_start = p.end(f);
        if !(clause.contains("完成") && (clause.contains("预算") || clause.contains("计划")))
            && !clause.contains("执行率")
        {
            continue;
        }
        let candidates: Vec<&&Fact> = p
            .amounts()
            .filter(|a| p.pos(a) >= from && p.end(a) <= pos)
            .collect();
        let m = |a: &Fact| a.label.as_ref().and_then(|l| measure(&l.raw));
        let budgets = || {
            candidates
                .iter()
                .rev()
                .filter(|a| m(a) == Some(Measure::Budget))
        };
        // “年初预算为0万元，全年预算为321.02万元，…完成年初预算的95.89%”: the rate names its
        // base; the budget stated under that name is the one, not the last one.
        let named = named_completion_base(clause);
        let target = named
            .and_then(|n| {
                budgets().find(|a| {
                    a.label
                        .as_ref()
                        .is_some_and(|l| compact(&l.raw).ends_with(n))
                })
            })
            .or_else(|| budgets().next());
        let actual = candidates.iter().rev().find(|a| {
            m(a) == Some(Measure::Actual) || (m(a).is_none() && Some(a.id) != target.map(|t| t.id))
        });
        if let (Some(t), Some(a)) = (target, actual) {
            out.push(Relation::Completion {
                actual: a.id,
                target: t.id,
                percent: f.id,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::doc::Relation;

    fn sum_totals(text: &str) -> Vec<String> {
        let doc = crate::parse_text(text.to_string());
        doc.relations
            .iter()
            .filter_map(|r| match r {
                Relation::Sum { total, .. } => {
                    Some(doc.text[doc.facts[*total as usize].span.range()].to_string())
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_change_compared_anew_after_a_reason_is_a_change_of_its_own() {
        let text = "公务接待费8.6万元，较上年增加1.5万元（21.13%），主要原因工作任务增加；公务用车运行维护费10万元，较上年减少1万元（1.1%），主要原因是压缩了车辆运行维护经费。\n";
        let doc = crate::parse_text(text.to_string());
        let figure = |id: u32| doc.text[doc.facts[id as usize].span.range()].to_string();
        let changes: Vec<(Option<String>, Option<String>, usize)> = doc
            .relations
            .iter()
            .filter_map(|r| match r {
                Relation::Change {
                    current,
                    delta,
                    components,
                    ..
                } => Some((current.map(figure), delta.map(figure), components.len())),
                _ => None,
            })
            .collect();
        assert_eq!(
            changes,
            [
                (Some("8.6万元".into()), Some("1.5万元".into()), 0),
                (Some("10万元".into()), Some("1万元".into()), 0),
            ]
        );
        // Components listed after 主要是 stay components.
        let listed =
            "支出较上年增加957.62万元，主要是：人员经费增加840.12万元；项目经费增加117.5万元。\n";
        let doc = crate::parse_text(listed.to_string());
        let components: Vec<usize> = doc
            .relations
            .iter()
            .filter_map(|r| match r {
                Relation::Change { components, .. } => Some(components.len()),
                _ => None,
            })
            .collect();
        assert_eq!(components, [2]);
    }

    #[test]
    fn changes_up_and_down_are_no_sum() {
        let text = "收入预算减少300万元，其中一般公共预算收入减少310万元，事业收入增加10万元。\n";
        assert!(sum_totals(text).is_empty(), "{:?}", sum_totals(text));
    }

    #[test]
    fn changes_in_one_direction_still_sum() {
        let text = "收入预算减少300万元，其中一般公共预算收入减少290万元，事业收入减少10万元。\n";
        assert_eq!(sum_totals(text), ["300万元"]);
        let plain = "收入预算300万元，其中一般公共预算收入290万元，事业收入10万元。\n";
        assert_eq!(sum_totals(plain), ["300万元"]);
    }

    #[test]
    fn a_money_unit_cut_by_a_line_break_keeps_its_figure_in_the_sum() {
        let text = "本年收入预算一共为1,500.00万元，其中：一般公共预算收入1,000.00万\n元，事业收入500.00万元。\n";
        assert_eq!(sum_totals(text), ["1,500.00万元"]);
    }
}
