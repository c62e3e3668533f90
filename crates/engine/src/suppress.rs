//! Inline suppression comments, written as HTML comments so they stay invisible in rendered
//! Markdown (they also work in plain text):
//!
//! - `<!-- budgetlint-disable-next-line rule/id other/id -->` (no ids: every rule)
//! - `<!-- budgetlint-disable-line rule/id -->` on the line itself
//! - `<!-- budgetlint-disable rule/id -->` … `<!-- budgetlint-enable -->` (or `enable rule/id`)

/// One suppressed range of lines (1-based, inclusive) for one rule or for all (`None`).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Range {
    rule: Option<String>,
    first: u32,
    last: u32,
}

/// The suppressions of one document.
#[derive(Debug, Default)]
pub struct Directives {
    ranges: Vec<Range>,
}

impl Directives {
    pub fn parse(text: &str) -> Directives {
        if !text.contains("budgetlint-") {
            return Directives::default();
        }
        let mut ranges = Vec::new();
        let mut open: Vec<(Option<String>, u32)> = Vec::new();
        // Lines as the model numbers them (`\r\n`, `\n` and a lone `\r` end one).
        let index = budgetlint_model::LineIndex::new(text);
        let starts = index.line_starts();
        let ends = starts.iter().skip(1).copied().chain([text.len()]);
        let lines = starts.iter().zip(ends).map(|(&s, e)| &text[s..e]);
        for (i, line) in lines.enumerate() {
            let n = i as u32 + 1;
            for (verb, rules) in comments(line) {
                let ids = || {
                    if rules.is_empty() {
                        vec![None]
                    } else {
                        rules.iter().map(|r| Some(r.to_string())).collect()
                    }
                };
                match verb {
                    "disable-next-line" => ranges.extend(ids().into_iter().map(|rule| Range {
                        rule,
                        first: n + 1,
                        last: n + 1,
                    })),
                    "disable-line" => ranges.extend(ids().into_iter().map(|rule| Range {
                        rule,
                        first: n,
                        last: n,
                    })),
                    "disable" => open.extend(ids().into_iter().map(|rule| (rule, n))),
                    "enable" => close(&mut open, &mut ranges, &rules, n),
                    _ => {}
                }
            }
        }
        ranges.extend(open.into_iter().map(|(rule, first)| Range {
            rule,
            first,
            last: u32::MAX,
        }));
        Directives { ranges }
    }

    /// Whether a finding of `rule` on `line` is suppressed.
    pub fn suppresses(&self, rule: &str, line: u32) -> bool {
        self.ranges.iter().any(|r| {
            r.first <= line && line <= r.last && r.rule.as_deref().is_none_or(|id| id == rule)
        })
    }
}

/// Ends the open `disable` ranges named by an `enable` (all of them when it names none).
fn close(
    open: &mut Vec<(Option<String>, u32)>,
    ranges: &mut Vec<Range>,
    rules: &[&str],
    line: u32,
) {
    open.retain(|(rule, first)| {
        let ends = rules.is_empty() || rule.as_deref().is_some_and(|id| rules.contains(&id));
        if ends {
            ranges.push(Range {
                rule: rule.clone(),
                first: *first,
                last: line,
            });
        }
        !ends
    });
}

/// The `budgetlint-*` directives in the HTML comments of one line: (verb, rule ids).
fn comments(line: &str) -> Vec<(&str, Vec<&str>)> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find("<!--") {
        let body = &rest[start + 4..];
        let Some(end) = body.find("-->") else { break };
        let words: Vec<&str> = body[..end]
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .collect();
        if let Some(verb) = words.first().and_then(|w| w.strip_prefix("budgetlint-")) {
            out.push((verb, words[1..].to_vec()));
        }
        rest = &body[end + 3..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_line_and_ranges() {
        let text = "a\n<!-- budgetlint-disable-next-line x/y -->\nb\n<!-- budgetlint-disable -->\nc\n<!-- budgetlint-enable -->\nd <!-- budgetlint-disable-line x/z, x/w -->\n";
        // The same lines with each kind of line break.
        for eol in ["\n", "\r\n", "\r"] {
            let d = Directives::parse(&text.replace('\n', eol));
            assert!(d.suppresses("x/y", 3), "{eol:?}");
            assert!(!d.suppresses("x/q", 3), "{eol:?}");
            assert!(!d.suppresses("x/y", 1), "{eol:?}");
            assert!(d.suppresses("any/rule", 5), "{eol:?}");
            assert!(d.suppresses("x/w", 7), "{eol:?}");
            assert!(!d.suppresses("x/y", 7), "{eol:?}");
        }
    }

    #[test]
    fn an_unclosed_disable_runs_to_the_end_and_enable_can_name_rules() {
        let d = Directives::parse(
            "<!-- budgetlint-disable a/b c/d -->\nx\n<!-- budgetlint-enable a/b -->\ny\n",
        );
        assert!(d.suppresses("a/b", 2));
        assert!(!d.suppresses("a/b", 4));
        assert!(d.suppresses("c/d", 400));
    }
}
