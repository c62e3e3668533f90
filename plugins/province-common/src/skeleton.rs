//! A province template's section skeleton, declared as data and compared with a document.
//!
//! A [`Template`] lists its sections in order, each with a canonical title and aliases
//! ([`crate::names`]). [`compare`] assigns each section the first heading that matches it best
//! (a heading goes to the section whose alias it matches most specifically, so that
//! 支出决算表 does not take 一般公共预算财政拨款支出决算表（一）), keeps the longest run of
//! sections that appear in template order, and reports the rest as misplaced; sections without
//! a heading are missing; headings of the same kind between matched sections that match no
//! section are extra; siblings presented differently (Markdown levels, bullets) are a format
//! issue. [`report_under`] turns that into findings whose messages name the sections, each
//! under the rule of its kind.

use crate::headings::{LineFormat, SectionHeading};
use crate::names::{best_alias_match, chinese_numeral};
use budgetlint_sdk::{Diagnostic, RuleMeta, Span};

/// One section of a template: `'static` for a template compiled in, borrowed from a template
/// read as data (`budgetlint_sdk::province`).
#[derive(Debug, Clone, Copy)]
pub struct Section<'a> {
    /// The title as the template writes it.
    pub title: &'a str,
    /// Key phrases its title contains (`A+B` = both), matched after [`crate::names::normalize`].
    pub aliases: &'a [&'a str],
}

/// A list of sections that must appear in this order.
#[derive(Debug, Clone, Copy)]
pub struct Template<'a> {
    /// Whose list it is, for messages: `河北省部门预算公开模板`, `河南省部门预算模板第二部分`.
    pub scope_zh: &'a str,
    pub scope_en: &'a str,
    /// What one entry is called: `部分`, `项`, `张表`; in English `section`, `item`, `table`.
    pub unit_zh: &'a str,
    pub unit_en: &'a str,
    pub sections: &'a [Section<'a>],
}

/// What [`compare`] found.
#[derive(Debug, Clone, Default)]
pub struct Comparison {
    /// For each section, the index of its heading in the candidates.
    pub matched: Vec<Option<usize>>,
    /// Sections whose heading is out of template order.
    pub misplaced: Vec<usize>,
    /// Sections without a heading.
    pub missing: Vec<usize>,
    /// Candidates between matched sections that match no section.
    pub extra: Vec<usize>,
    /// Matched headings presented differently from their siblings.
    pub format: Option<FormatIssue>,
}

/// Siblings presented differently: `deviating` differ from the `reference` presentation,
/// which the candidate `example` has.
#[derive(Debug, Clone)]
pub struct FormatIssue {
    pub reference: LineFormat,
    pub example: usize,
    pub deviating: Vec<usize>,
}

impl Comparison {
    /// True when enough sections were found to judge the document by this template: at least
    /// two, and at least half of them.
    pub fn follows_template(&self) -> bool {
        let found = self.matched.iter().filter(|m| m.is_some()).count();
        found >= 2 && found * 2 >= self.matched.len()
    }
}

/// Compares `candidates` (in reading order, already restricted to the level the template
/// describes) with `template`.
pub fn compare(template: &Template, candidates: &[&SectionHeading]) -> Comparison {
    let sections = template.sections;
    let best: Vec<Option<usize>> = candidates
        .iter()
        .map(|c| {
            sections
                .iter()
                .filter_map(|s| best_alias_match(&c.norm, s.aliases))
                .max()
        })
        .collect();
    let fits = |c: usize, s: usize| {
        let score = best_alias_match(&candidates[c].norm, sections[s].aliases);
        score.is_some() && score == best[c]
    };
    let mut used = vec![false; candidates.len()];
    let mut matched = vec![None; sections.len()];
    let mut next = 0;
    for (s, slot) in matched.iter_mut().enumerate() {
        let pick = (next..candidates.len())
            .find(|&c| !used[c] && fits(c, s))
            .or_else(|| (0..next.min(candidates.len())).find(|&c| !used[c] && fits(c, s)));
        if let Some(c) = pick {
            used[c] = true;
            *slot = Some(c);
            if c >= next {
                next = c + 1;
            }
        }
    }
    let in_order = longest_increasing(&matched);
    let misplaced = (0..sections.len())
        .filter(|s| matched[*s].is_some() && !in_order.contains(s))
        .collect();
    let missing = (0..sections.len())
        .filter(|s| matched[*s].is_none())
        .collect();
    let extra = extras(candidates, &matched, &used);
    let format = format_issue(candidates, &matched);
    Comparison {
        matched,
        misplaced,
        missing,
        extra,
        format,
    }
}

/// The sections (indices) forming the longest run whose headings are in increasing order.
fn longest_increasing(matched: &[Option<usize>]) -> Vec<usize> {
    let items: Vec<(usize, usize)> = matched
        .iter()
        .enumerate()
        .filter_map(|(s, c)| c.map(|c| (s, c)))
        .collect();
    let n = items.len();
    let mut length = vec![1usize; n];
    let mut prev = vec![None; n];
    for i in 0..n {
        for j in 0..i {
            if items[j].1 < items[i].1 && length[j] + 1 > length[i] {
                length[i] = length[j] + 1;
                prev[i] = Some(j);
            }
        }
    }
    let Some(mut at) = (0..n).max_by_key(|&i| (length[i], std::cmp::Reverse(i))) else {
        return Vec::new();
    };
    let mut run = vec![items[at].0];
    while let Some(p) = prev[at] {
        run.push(items[p].0);
        at = p;
    }
    run.reverse();
    run
}

/// Unmatched candidates between the first and last matched heading, numbered in the style and
/// presented in the format most matched headings share.
fn extras(candidates: &[&SectionHeading], matched: &[Option<usize>], used: &[bool]) -> Vec<usize> {
    let hits: Vec<usize> = matched.iter().flatten().copied().collect();
    let (Some(&lo), Some(&hi)) = (hits.iter().min(), hits.iter().max()) else {
        return Vec::new();
    };
    let style = most_common(hits.iter().map(|&c| candidates[c].style));
    let format = most_common(hits.iter().map(|&c| candidates[c].format));
    (lo..=hi)
        .filter(|&c| {
            !used[c] && Some(candidates[c].style) == style && Some(candidates[c].format) == format
        })
        .collect()
}

/// Matched headings presented differently from the most common presentation (ties: the first
/// heading's).
fn format_issue(candidates: &[&SectionHeading], matched: &[Option<usize>]) -> Option<FormatIssue> {
    let mut hits: Vec<usize> = matched.iter().flatten().copied().collect();
    hits.sort_unstable();
    if hits.len() < 2 {
        return None;
    }
    let reference = most_common(hits.iter().map(|&c| candidates[c].format))?;
    let deviating: Vec<usize> = hits
        .iter()
        .copied()
        .filter(|&c| candidates[c].format != reference)
        .collect();
    let example = *hits.iter().find(|&&c| candidates[c].format == reference)?;
    (!deviating.is_empty()).then_some(FormatIssue {
        reference,
        example,
        deviating,
    })
}

/// The most frequent item; ties go to the one seen first.
fn most_common<T: PartialEq + Copy>(items: impl Iterator<Item = T>) -> Option<T> {
    let items: Vec<T> = items.collect();
    let count = |x: &T| items.iter().filter(|y| *y == x).count();
    let mut best: Option<(T, usize)> = None;
    for x in &items {
        let n = count(x);
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((*x, n));
        }
    }
    best.map(|(x, _)| x)
}

/// The rule each kind of finding of a template comparison is reported under, `None` for a kind
/// not reported: a rule id is one judgement, so each kind has its own rule and every finding
/// carries that rule's default severity.
#[derive(Debug, Clone, Copy, Default)]
pub struct Rules {
    pub missing: Option<&'static RuleMeta>,
    pub misplaced: Option<&'static RuleMeta>,
    pub extra: Option<&'static RuleMeta>,
    pub format: Option<&'static RuleMeta>,
}

/// Findings for `cmp`, each under the rule of its kind (see [`Rules`]), at that rule's default
/// severity. `fallback` anchors a missing section when no section was found near it.
pub fn report_under(
    rules: &Rules,
    template: &Template,
    candidates: &[&SectionHeading],
    cmp: &Comparison,
    fallback: Span,
) -> Vec<Diagnostic> {
    if !cmp.follows_template() {
        return Vec::new();
    }
    let mut out = Vec::new();
    if let Some(meta) = rules.missing {
        for &s in &cmp.missing {
            out.push(missing(meta, template, candidates, cmp, s, fallback));
        }
    }
    if let Some(meta) = rules.misplaced {
        for &s in &cmp.misplaced {
            out.extend(misplaced(meta, template, candidates, cmp, s));
        }
    }
    if let Some(meta) = rules.extra {
        for &c in &cmp.extra {
            out.push(extra(meta, template, candidates[c]));
        }
    }
    if let (Some(meta), Some(issue)) = (rules.format, &cmp.format) {
        out.push(format(meta, template, candidates, issue));
    }
    out
}

/// `第五部分“预算绩效信息”`, `第六张表“支出预算分类汇总表”`.
pub fn section_name_zh(template: &Template, s: usize) -> String {
    let unit = template.unit_zh;
    let (prefix, unit) = match unit.strip_prefix('张') {
        Some(rest) => ("第", format!("张{rest}")),
        None => ("第", unit.to_string()),
    };
    format!(
        "{prefix}{}{unit}“{}”",
        chinese_numeral(s + 1),
        template.sections[s].title
    )
}

fn section_name_en(template: &Template, s: usize) -> String {
    format!(
        "{} {} “{}”",
        template.unit_en,
        s + 1,
        template.sections[s].title
    )
}

fn capitalized(s: String) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}

fn missing(
    meta: &'static RuleMeta,
    template: &Template,
    candidates: &[&SectionHeading],
    cmp: &Comparison,
    s: usize,
    fallback: Span,
) -> Diagnostic {
    let next = (s + 1..template.sections.len()).find_map(|t| cmp.matched[t]);
    let prev = (0..s).rev().find_map(|t| cmp.matched[t]);
    let anchor = next.or(prev).map_or(fallback, |c| candidates[c].span);
    let place_zh = match (prev, next) {
        (Some(p), _) => format!("，应位于“{}”之后", candidates[p].label()),
        (None, Some(n)) => format!("，应位于“{}”之前", candidates[n].label()),
        _ => String::new(),
    };
    let place_en = match (prev, next) {
        (Some(p), _) => format!(", expected after “{}”", candidates[p].label()),
        (None, Some(n)) => format!(", expected before “{}”", candidates[n].label()),
        _ => String::new(),
    };
    Diagnostic::new(
        meta,
        anchor,
        format!(
            "缺少{}的{}{place_zh}",
            template.scope_zh,
            section_name_zh(template, s)
        ),
    )
    .en(capitalized(format!(
        "{} of {} is missing{place_en}",
        section_name_en(template, s),
        template.scope_en
    )))
}

fn misplaced(
    meta: &'static RuleMeta,
    template: &Template,
    candidates: &[&SectionHeading],
    cmp: &Comparison,
    s: usize,
) -> Option<Diagnostic> {
    let c = cmp.matched[s]?;
    let heading = candidates[c];
    let before = (0..s)
        .rev()
        .find_map(|t| cmp.matched[t].filter(|_| !cmp.misplaced.contains(&t)));
    let expected_zh = before.map_or("开头".to_string(), |p| {
        format!("“{}”之后", candidates[p].label())
    });
    let expected_en = before.map_or("at the start".to_string(), |p| {
        format!("after “{}”", candidates[p].label())
    });
    let actual = cmp
        .matched
        .iter()
        .flatten()
        .copied()
        .filter(|&o| o < c)
        .max();
    let actual_zh = actual.map_or("开头".to_string(), |p| {
        format!("“{}”之后", candidates[p].label())
    });
    let actual_en = actual.map_or("at the start".to_string(), |p| {
        format!("after “{}”", candidates[p].label())
    });
    let mut d = Diagnostic::new(
        meta,
        heading.span,
        format!(
            "“{}”位置不符合{}：它是{}，应在{}，本文却放在{}",
            heading.label(),
            template.scope_zh,
            section_name_zh(template, s),
            expected_zh,
            actual_zh
        ),
    )
    .en(format!(
        "“{}” is out of order for {}: it is {}, expected {}, found {}",
        heading.label(),
        template.scope_en,
        section_name_en(template, s),
        expected_en,
        actual_en
    ));
    if let Some(p) = before {
        d = d.related(candidates[p].span, "模板中的前一项");
    }
    Some(d)
}

fn extra(meta: &'static RuleMeta, template: &Template, heading: &SectionHeading) -> Diagnostic {
    let titles: Vec<&str> = template.sections.iter().map(|s| s.title).collect();
    Diagnostic::new(
        meta,
        heading.span,
        format!(
            "“{}”不在{}中（模板依次为：{}）",
            heading.label(),
            template.scope_zh,
            titles.join("、")
        ),
    )
    .en(format!(
        "“{}” is not part of {}",
        heading.label(),
        template.scope_en
    ))
}

fn format(
    meta: &'static RuleMeta,
    template: &Template,
    candidates: &[&SectionHeading],
    issue: &FormatIssue,
) -> Diagnostic {
    let first = candidates[issue.deviating[0]];
    let example = candidates[issue.example];
    let odd_zh: Vec<String> = issue
        .deviating
        .iter()
        .map(|&c| {
            format!(
                "“{}”为{}",
                candidates[c].label(),
                candidates[c].format.describe_zh()
            )
        })
        .collect();
    let odd_en: Vec<String> = issue
        .deviating
        .iter()
        .map(|&c| {
            format!(
                "“{}” is {}",
                candidates[c].label(),
                candidates[c].format.describe_en()
            )
        })
        .collect();
    let mut d = Diagnostic::new(
        meta,
        first.span,
        format!(
            "{}的各{}格式不一致：同级的“{}”等为{}，而{}",
            template.scope_zh,
            template.unit_zh.trim_start_matches('张'),
            example.label(),
            issue.reference.describe_zh(),
            odd_zh.join("，")
        ),
    )
    .en(format!(
        "The {}s of {} are not presented alike: siblings such as “{}” are {}, while {}",
        template.unit_en,
        template.scope_en,
        example.label(),
        issue.reference.describe_en(),
        odd_en.join(", ")
    ));
    for &c in &issue.deviating[1..] {
        d = d.related(
            candidates[c].span,
            format!("同样格式不一致：{}", candidates[c].format.describe_zh()),
        );
    }
    d.related(
        example.span,
        format!("同级项为{}", issue.reference.describe_zh()),
    )
}
