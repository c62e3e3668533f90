//! The mutation test of issue 15: in every seed document, this plugin's same-quantity fixtures
//! and generated disclosures (text and the standard tables, figures from a fixed pseudo-random
//! sequence, one table in 元), each amount that the document states at least twice as the same quantity (the
//! model's `Identity`, all parts known and equal, values agreeing) is mutated in one place —
//! its last integer digit changed — and the plugin's rules are run again. A mutation is caught
//! when a new error or warning names both the mutated place and another statement of the
//! quantity (as its place or a related location). At least 95% must be caught.

/// The rules that compare one quantity stated in several places.
const CROSS_PLACE_RULES: &[&str] = &[
    "arithmetic/same-quantity",
    "arithmetic/basic-split",
    "arithmetic/three-public-split",
    "arithmetic/fiscal-sources",
    "arithmetic/same-figure",
];

use budgetlint_plugin_arithmetic::all_rules;
use budgetlint_sdk::model::Unit;
use budgetlint_sdk::model::{Document, Fact, FactKind};
use budgetlint_sdk::testing::{run_rules, seed_documents};
use budgetlint_sdk::{Decimal, Diagnostic, Profile, Severity, Span};
use std::collections::{BTreeMap, HashSet};

/// At most this many mutations per document (every k-th of the candidates, in text order),
/// to keep the test fast on large documents.
const MAX_PER_DOCUMENT: usize = 120;

#[test]
fn one_digit_changed_in_a_figure_stated_twice_is_caught() {
    let mut docs: Vec<(String, String)> = seed_documents(env!("CARGO_MANIFEST_DIR"))
        .into_iter()
        .map(|(name, doc)| (name, doc.text))
        .collect();
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/same-quantity");
    for name in ["pass.txt", "fire.txt"] {
        if let Ok(text) = std::fs::read_to_string(format!("{fixtures}/{name}")) {
            docs.push((format!("same-quantity/{name}"), text));
        }
    }
    for variant in 0..GENERATED {
        docs.push((format!("generated-{variant}"), generated(variant)));
    }
    let rules = all_rules();
    let (mut tried, mut caught) = (0usize, 0usize);
    let mut missed = Vec::new();
    for (name, text) in &docs {
        let doc = budgetlint_sdk::model::parse_text(text.clone());
        let found = run_rules(&rules, &doc, &Profile::default());
        if name.starts_with("generated") {
            // Consistent by construction: nothing of the cross-place rules may fire.
            let cross: Vec<&Diagnostic> = found
                .iter()
                .filter(|d| CROSS_PLACE_RULES.contains(&d.rule.as_str()))
                .collect();
            assert!(cross.is_empty(), "{name}: {cross:#?}\n{text}");
        }
        let before: HashSet<String> = found.iter().map(fingerprint).collect();
        let candidates = candidates(&doc);
        let step = candidates.len().div_ceil(MAX_PER_DOCUMENT).max(1);
        let mut doc_tried = 0;
        for (fact, partners) in candidates.iter().step_by(step) {
            let Some(mutated) = mutate(text, fact, partners) else {
                continue;
            };
            doc_tried += 1;
            let after = budgetlint_sdk::model::parse_text(mutated);
            let new: Vec<Diagnostic> = run_rules(&rules, &after, &Profile::default())
                .into_iter()
                .filter(|d| !before.contains(&fingerprint(d)))
                .collect();
            if new.iter().any(|d| names_both(d, fact.span, partners)) {
                caught += 1;
            } else {
                missed.push(format!(
                    "{name}:{} {}",
                    fact.span.line,
                    doc.slice(fact.span)
                ));
            }
        }
        println!(
            "{name}: {doc_tried} mutations of {} candidates",
            candidates.len()
        );
        tried += doc_tried;
    }
    let rate = caught as f64 / tried.max(1) as f64;
    println!(
        "mutation rate: {caught}/{tried} = {:.1}% caught; missed: {missed:#?}",
        rate * 100.0
    );
    assert!(tried >= 20, "too few mutations to measure: {tried}");
    assert!(
        rate >= 0.95,
        "only {:.1}% caught: {missed:#?}",
        rate * 100.0
    );
}

/// How many disclosures [`generated`] makes.
const GENERATED: u64 = 4;

/// A 决算 disclosure whose explanation restates the figures of its tables, as the templates
/// ask: 收入/支出总计, 财政拨款总计, 基本支出 and its 人员经费/公用经费 (that table in 元 in odd
/// variants), the 三公 parts and the spending of two classes. Consistent by construction.
fn generated(variant: u64) -> String {
    let mut state = 0x9E37_79B9_7F4A_7C15u64 ^ variant.wrapping_mul(0x2545_F491_4F6C_DD1D);
    let mut cents = |lo: u64, hi: u64| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        lo * 100 + (state >> 33) % ((hi - lo) * 100)
    };
    let (people, goods) = (cents(300, 900), cents(40, 200));
    let basic = people + goods;
    let project = cents(20, 400);
    let fiscal = basic + project;
    let other = cents(1, 30);
    let total = fiscal + other;
    let (abroad, cars, reception) = (cents(0, 3), cents(2, 12), cents(0, 5));
    let social = cents(100, fiscal / 100 - 10);
    let health = fiscal - social;
    let w = |c: u64| format!("{}.{:02}", c / 100, c % 100);
    let yuan = |c: u64| format!("{}00.00", c);
    let basic_table = if variant % 2 == 1 {
        format!(
            "单位：元\n项目\t决算数\n人员经费\t{}\n公用经费\t{}\n基本支出合计\t{}\n",
            yuan(people),
            yuan(goods),
            yuan(basic)
        )
    } else {
        format!(
            "单位：万元\n项目\t决算数\n人员经费\t{}\n公用经费\t{}\n基本支出合计\t{}\n",
            w(people),
            w(goods),
            w(basic)
        )
    };
    format!(
        "某某区某某局2023年度部门决算\n\n\
         一、收入支出决算总体情况说明\n\n\
         2023年度收入总计{t}万元，支出总计{t}万元。\n\n\
         二、财政拨款收入支出决算总体情况说明\n\n\
         2023年度财政拨款收入总计{f}万元，支出总计{f}万元。\n\n\
         三、一般公共预算财政拨款支出决算情况说明\n\n\
         2023年度一般公共预算财政拨款支出{f}万元，主要用于：社会保障和就业支出{s}万元；卫生健康支出{h}万元。\n\n\
         四、一般公共预算财政拨款基本支出决算情况说明\n\n\
         2023年度一般公共预算财政拨款基本支出{b}万元，其中：人员经费{p}万元；公用经费{g}万元。\n\n\
         五、一般公共预算财政拨款“三公”经费支出决算情况说明\n\n\
         2023年度一般公共预算财政拨款“三公”经费支出决算中，因公出国（境）费{a}万元；公务用车购置及运行维护费{c}万元；公务接待费{r}万元。\n\n\
         收入支出决算总表\n单位：万元\n\
         项目\t决算数\t项目\t决算数\n\
         一、一般公共预算财政拨款收入\t{f}\t一、社会保障和就业支出\t{s}\n\
         二、其他收入\t{o}\t二、卫生健康支出\t{h2}\n\
         本年收入合计\t{t}\t本年支出合计\t{t}\n\
         收入总计\t{t}\t支出总计\t{t}\n\n\
         财政拨款收入支出决算总表\n单位：万元\n\
         项目\t决算数\t项目\t决算数\n\
         一、一般公共预算财政拨款\t{f}\t一、社会保障和就业支出\t{s}\n\
         \t\t二、卫生健康支出\t{h}\n\
         收入总计\t{f}\t支出总计\t{f}\n\n\
         一般公共预算财政拨款基本支出决算表\n{basic_table}\n\
         一般公共预算财政拨款“三公”经费支出决算表\n单位：万元\n\
         项目\t因公出国（境）费\t公务用车购置及运行维护费\t公务接待费\n\
         决算数\t{a}\t{c}\t{r}\n",
        t = w(total),
        f = w(fiscal),
        o = w(other),
        s = w(social),
        h = w(health),
        h2 = w(health + other),
        b = w(basic),
        p = w(people),
        g = w(goods),
        a = w(abroad),
        c = w(cars),
        r = w(reception),
    )
}

/// A finding's identity across two runs on texts of the same length.
fn fingerprint(d: &Diagnostic) -> String {
    format!("{}@{}-{}:{}", d.rule, d.span.start, d.span.end, d.message)
}

/// Amounts stated at least twice as one quantity with agreeing (equal) values, each with the
/// other statements.
fn candidates(doc: &Document) -> Vec<(&Fact, Vec<&Fact>)> {
    let mut groups: BTreeMap<String, Vec<&Fact>> = BTreeMap::new();
    for f in &doc.facts {
        let (FactKind::Amount(_), Some(id)) = (&f.kind, f.identity.as_deref()) else {
            continue;
        };
        if !id.complete() {
            continue;
        }
        let key = format!(
            "{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
            id.measure.as_ref().map(|k| &k.value),
            id.source.as_ref().map(|k| k.value),
            id.class_code.as_ref().map(|k| &k.value),
            id.econ_code.as_ref().map(|k| &k.value),
            id.period.as_ref().map(|k| k.value),
            id.kind.as_ref().map(|k| k.value)
        );
        groups.entry(key).or_default().push(f);
    }
    let mut out = Vec::new();
    for facts in groups.values() {
        let values: HashSet<String> = facts.iter().map(|f| value(f)).collect();
        if facts.len() < 2 || values.len() != 1 {
            continue;
        }
        for f in facts {
            let partners = facts.iter().filter(|g| g.id != f.id).copied().collect();
            out.push((*f, partners));
        }
    }
    out.sort_by_key(|(f, _)| f.span.start);
    out
}

/// The value in 元, as a comparable string.
fn value(f: &Fact) -> String {
    match &f.kind {
        FactKind::Amount(q) => q
            .value_in(&Unit::Yuan)
            .map(|v| v.normalize().to_string())
            .unwrap_or_default(),
        _ => String::new(),
    }
}

/// The text with one digit of `fact` changed to the next one (same length): the digit of the
/// coarsest precision among the statements, in the fact's own unit.
fn mutate(text: &str, fact: &Fact, partners: &[&Fact]) -> Option<String> {
    let exponent = coarsest_exponent(fact, partners).unwrap_or(0);
    let range = fact.span.range();
    let figure = text.get(range.clone())?;
    let point = figure.find(['.', '．']).unwrap_or(figure.len());
    let digits: Vec<(usize, char)> = if exponent >= 0 {
        figure[..point]
            .char_indices()
            .rev()
            .filter(|(_, c)| c.is_ascii_digit())
            .collect()
    } else {
        figure[point..]
            .char_indices()
            .filter(|(_, c)| c.is_ascii_digit())
            .map(|(i, c)| (point + i, c))
            .collect()
    };
    let index = if exponent >= 0 {
        exponent as usize
    } else {
        (-exponent - 1) as usize
    };
    let &(pos, digit) = digits.get(index).or(digits.first())?;
    let next = char::from_digit((digit.to_digit(10)? + 1) % 10, 10)?;
    let mut out = text.to_string();
    let at = range.start + pos;
    out.replace_range(at..at + 1, &next.to_string());
    Some(out)
}

/// The power of ten, in `fact`'s unit, of the last printed digit of the coarsest statement.
fn coarsest_exponent(fact: &Fact, partners: &[&Fact]) -> Option<i32> {
    let ulp_in_yuan = |f: &Fact| match &f.kind {
        FactKind::Amount(q) => Some(q.half_ulp_in(&Unit::Yuan)? * Decimal::TWO),
        _ => None,
    };
    let coarsest = std::iter::once(fact)
        .chain(partners.iter().copied())
        .filter_map(ulp_in_yuan)
        .max()?;
    let FactKind::Amount(q) = &fact.kind else {
        return None;
    };
    let mut ratio = coarsest / q.unit.yuan_factor()?;
    let mut exponent = 0;
    while ratio >= Decimal::TEN {
        ratio /= Decimal::TEN;
        exponent += 1;
    }
    while ratio < Decimal::ONE && exponent > -8 {
        ratio *= Decimal::TEN;
        exponent -= 1;
    }
    Some(exponent)
}

fn names_both(d: &Diagnostic, mutated: Span, partners: &[&Fact]) -> bool {
    if !matches!(d.severity, Severity::Error | Severity::Warning) {
        return false;
    }
    let places: Vec<Span> = std::iter::once(d.span)
        .chain(d.related.iter().map(|r| r.span))
        .collect();
    let overlaps = |a: &Span, b: &Span| a.start < b.end && b.start < a.end;
    places.iter().any(|p| overlaps(p, &mutated))
        && places
            .iter()
            .any(|p| partners.iter().any(|q| overlaps(p, &q.span)))
}
