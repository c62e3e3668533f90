//! Canonical names of the quantities disclosures talk about, so that the same quantity
//! mentioned twice (text vs table, two paragraphs) can be compared.

/// (canonical key, spellings). Order matters: the first key with a spelling contained in the
/// label wins, so more specific names come first.
const KEYS: &[(&str, &[&str])] = &[
    (
        "公务用车购置及运行维护费",
        &[
            "公务用车购置及运行维护费",
            "公务用车购置及运行费",
            "公务用车购置及运维费",
            "公务用车购置和运行维护费",
            "公务用车购置和运行费",
            "公务用车费",
        ],
    ),
    (
        "公务用车购置费",
        &["公务用车购置费", "公务车购置费", "公务用车购置"],
    ),
    (
        "公务用车运行维护费",
        &[
            "公务用车运行维护费",
            "公务用车运行费",
            "公务用车运维费",
            "公务用车运行",
        ],
    ),
    (
        "因公出国（境）费",
        &[
            "因公出国（境）费",
            "因公出国(境)费",
            "因公出国费",
            "因公出国（境）",
        ],
    ),
    ("公务接待费", &["公务接待费", "公务接待"]),
    ("三公经费", &["三公经费", "三公”经费", "三公\"经费"]),
    ("机关运行经费", &["机关运行经费"]),
    ("政府采购货物", &["政府采购货物"]),
    ("政府采购工程", &["政府采购工程"]),
    ("政府采购服务", &["政府采购服务"]),
    ("授予中小企业合同金额", &["授予中小企业合同金额"]),
    (
        "政府采购",
        &["政府采购支出总额", "政府采购预算", "政府采购"],
    ),
    ("人员经费", &["人员经费", "人员支出"]),
    (
        "公用经费",
        &["日常公用经费", "公用经费", "日常公用支出", "公用支出"],
    ),
    ("工资福利支出", &["工资福利支出"]),
    ("商品和服务支出", &["商品和服务支出"]),
    ("对个人和家庭的补助", &["对个人和家庭的补助"]),
    ("基本支出", &["基本支出"]),
    ("项目支出", &["项目支出"]),
    ("财政拨款收入", &["财政拨款收入"]),
    (
        "一般公共预算拨款",
        &[
            "一般公共预算当年拨款",
            "一般公共预算拨款",
            "一般公共预算收入",
            "一般公共预算财政拨款支出",
        ],
    ),
    ("政府性基金", &["政府性基金", "基金预算收入"]),
    (
        "收入合计",
        &["收入合计", "收入总计", "收入预算", "预算收入", "年度收入"],
    ),
    (
        "支出合计",
        &["支出合计", "支出总计", "支出预算", "预算支出", "年度支出"],
    ),
    ("资产总额", &["资产总额", "资产总计"]),
];

/// Words that name a measure of a quantity rather than the quantity.
const MEASURES: &[(&str, Measure)] = &[
    ("决算", Measure::Actual),
    ("执行数", Measure::Actual),
    ("实际", Measure::Actual),
    ("年初预算", Measure::Budget),
    ("全年预算", Measure::Budget),
    ("预算数", Measure::Budget),
    ("预算", Measure::Budget),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    Budget,
    Actual,
}

/// Removes white space, quotes and half-width brackets so spellings compare.
pub fn normalize(raw: &str) -> String {
    raw.chars()
        .filter(|c| {
            !c.is_whitespace() && !matches!(c, '“' | '”' | '"' | '‘' | '’' | '\'' | '\u{3000}')
        })
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            _ => c,
        })
        .collect()
}

/// All spellings in one automaton; a match gives the index of its key in [`KEYS`].
struct KeyMatcher {
    automaton: aho_corasick::AhoCorasick,
    key_of_pattern: Vec<usize>,
}

static MATCHER: std::sync::OnceLock<KeyMatcher> = std::sync::OnceLock::new();

fn without_brackets(s: &str) -> String {
    crate::text::without_chars(s, |c| {
        matches!(c, '（' | '）' | '(' | ')' | '”' | '"' | '“')
    })
    .into_owned()
}

fn matcher() -> &'static KeyMatcher {
    MATCHER.get_or_init(|| {
        let mut patterns = Vec::new();
        let mut key_of_pattern = Vec::new();
        for (k, (_, spellings)) in KEYS.iter().enumerate() {
            for s in *spellings {
                patterns.push(without_brackets(s));
                key_of_pattern.push(k);
            }
        }
        let automaton =
            aho_corasick::AhoCorasick::new(&patterns).expect("the spellings are plain strings");
        KeyMatcher {
            automaton,
            key_of_pattern,
        }
    })
}

/// A label without white space, quotes and brackets: `without_brackets(&normalize(raw))` in
/// one pass, without allocating when nothing is removed (it runs for every label).
fn plain_label(raw: &str) -> std::borrow::Cow<'_, str> {
    crate::text::without_chars(raw, |c| {
        c.is_whitespace()
            || matches!(
                c,
                '“' | '”' | '"' | '‘' | '’' | '\'' | '\u{3000}' | '（' | '）' | '(' | ')'
            )
    })
}

/// The canonical key of a label, e.g. `日常公用经费支出预算` → `公用经费`. Brackets and quotes
/// are ignored (因公出国(境)费 = 因公出国（境）费); when several keys occur, the more specific
/// one (earlier in [`KEYS`]) wins.
pub fn canonical_key(raw: &str) -> Option<&'static str> {
    let plain = plain_label(raw);
    let m = matcher();
    m.automaton
        .find_overlapping_iter(plain.as_ref())
        .map(|found| m.key_of_pattern[found.pattern().as_usize()])
        .min()
        .map(|k| KEYS[k].0)
}

/// The canonical key of the quantity a label ends on: the key whose spelling ends last (the
/// head noun of a Chinese phrase comes last: `公务用车运行维护费以及其他费用等机关运行经费` is
/// 机关运行经费), the more specific key when two end at the same place. The totals (收入合计,
/// 支出合计) come last of all: `“三公”经费支出预算` is 三公经费, not the 支出预算.
pub fn head_key(raw: &str) -> Option<&'static str> {
    let plain = plain_label(raw);
    let m = matcher();
    m.automaton
        .find_overlapping_iter(plain.as_ref())
        .map(|found| {
            let k = m.key_of_pattern[found.pattern().as_usize()];
            let total = matches!(KEYS[k].0, "收入合计" | "支出合计");
            (!total, found.end(), std::cmp::Reverse(k))
        })
        .max()
        .map(|(_, _, std::cmp::Reverse(k))| KEYS[k].0)
}

/// The label with white space, quotes and brackets dropped and every spelling of every key
/// cut out: what the label says besides naming quantities.
pub fn without_keys(raw: &str) -> String {
    let plain = plain_label(raw);
    // Every match counts (the automaton's first match of `公务用车运行维护费` is the shorter
    // spelling `公务用车运行`): the text outside all of them is kept.
    let mut covered_to = 0;
    let mut out = String::with_capacity(plain.len());
    let mut matches: Vec<(usize, usize)> = matcher()
        .automaton
        .find_overlapping_iter(plain.as_ref())
        .map(|f| (f.start(), f.end()))
        .collect();
    matches.sort_unstable();
    for (start, end) in matches {
        if start > covered_to {
            out.push_str(&plain[covered_to..start]);
        }
        covered_to = covered_to.max(end);
    }
    out.push_str(&plain[covered_to.min(plain.len())..]);
    out
}

/// Whether a label speaks of the budget (预算) or the actual (决算/执行) figure.
pub fn measure(raw: &str) -> Option<Measure> {
    let n = normalize(raw);
    MEASURES
        .iter()
        .find(|(w, _)| n.contains(w))
        .map(|(_, m)| *m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert_eq!(canonical_key("其中人员经费支出预算"), Some("人员经费"));
        assert_eq!(canonical_key("日常公用经费支出预算"), Some("公用经费"));
        assert_eq!(
            canonical_key("财政拨款“三公”经费预算安排"),
            Some("三公经费")
        );
        assert_eq!(canonical_key("因公出国(境)费"), Some("因公出国（境）费"));
        assert_eq!(
            canonical_key("公务用车购置及运维费"),
            Some("公务用车购置及运行维护费")
        );
        assert_eq!(canonical_key("较上年增加"), None);
        assert_eq!(canonical_key("“三 公”经费（合计）"), Some("三公经费"));
        for raw in ["因公出国(境)费", "日常 公用经费", "‘三公’经费", "a（b）c"]
        {
            let two_pass = without_brackets(&normalize(raw));
            let m = matcher();
            let expected = m
                .automaton
                .find_overlapping_iter(&two_pass)
                .map(|f| m.key_of_pattern[f.pattern().as_usize()])
                .min()
                .map(|k| KEYS[k].0);
            assert_eq!(canonical_key(raw), expected, "{raw}");
        }
        assert_eq!(
            head_key("公务用车运行维护费以及其他费用等机关运行经费预算"),
            Some("机关运行经费")
        );
        assert_eq!(
            head_key("公务用车购置及运维费"),
            Some("公务用车购置及运行维护费")
        );
        assert_eq!(head_key("基本支出中的人员经费"), Some("人员经费"));
        assert_eq!(head_key("“三公”经费支出预算"), Some("三公经费"));
        assert_eq!(head_key("本年支出合计"), Some("支出合计"));
        assert_eq!(without_keys("公务用车运行维护费"), "");
        assert_eq!(without_keys("在职人员经费合计"), "在职合计");
        assert_eq!(measure("支出决算数"), Some(Measure::Actual));
        assert_eq!(
            measure("2021 年度财政拨款支出年初预算"),
            Some(Measure::Budget)
        );
    }
}
