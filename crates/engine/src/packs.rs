//! The declarative tier: rule packs written in TOML, for rules that need no compiled code.
//!
//! Three kinds of rule: `phrase` (a list of phrases, optionally each with its replacement),
//! `regex` (a pattern, a message and an optional replacement with `$1` captures) and
//! `required-heading` (some heading must match a pattern). Every rule carries `should_fire` and
//! `should_pass` examples, which `budgetlint test-rules` runs, so a pack documents and tests
//! itself. The format is described in docs/WRITING_PLUGINS.md.

use crate::error::{regex_zh, FileError, Message};
use budgetlint_model::{Block, Document, LineIndex, Span};
use budgetlint_protocol::RuleInfo;
use budgetlint_protocol::{Applicability, Diagnostic, Fix, Severity, TextEdit};
use regex::Regex;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// Packs shipped inside the binary, so they work without any file next to it.
const BUILTIN: &[(&str, &str)] = &[(
    "rules/packs/wording.toml",
    include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../rules/packs/wording.toml"
    )),
)];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPack {
    pack: Header,
    #[serde(default, rename = "rule")]
    rules: Vec<RawRule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    name: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    description: String,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
enum Kind {
    Phrase,
    Regex,
    RequiredHeading,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: Spanned<String>,
    kind: Kind,
    severity: Severity,
    summary: String,
    #[serde(default)]
    summary_zh: Option<String>,
    #[serde(default)]
    docs: String,
    message: String,
    #[serde(default)]
    phrases: Vec<String>,
    #[serde(default)]
    replace: BTreeMap<String, String>,
    pattern: Option<Spanned<String>>,
    replacement: Option<String>,
    #[serde(default)]
    fix: FixKind,
    fix_message: Option<String>,
    #[serde(default)]
    not_after: Vec<String>,
    #[serde(default)]
    not_before: Vec<String>,
    after: Option<Spanned<String>>,
    when: Option<Spanned<String>>,
    since_year: Option<i32>,
    #[serde(default)]
    should_fire: Vec<Example>,
    #[serde(default)]
    should_pass: Vec<String>,
}

#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum FixKind {
    Safe,
    #[default]
    Unsafe,
}

/// A `should_fire` example: a text, optionally with the text expected after applying the fixes.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Example {
    Text(String),
    Fixed { text: String, fixed: String },
}

impl Example {
    fn text(&self) -> &str {
        match self {
            Example::Text(t) | Example::Fixed { text: t, .. } => t,
        }
    }
}

/// How far back (in bytes: 80 Chinese characters) `after` looks.
const AFTER_WINDOW: usize = 240;

#[derive(Debug)]
enum Matcher {
    /// Phrases compiled into one alternation (longest first), with per-phrase replacements.
    Phrases {
        regex: Regex,
        replacements: BTreeMap<String, String>,
    },
    Regex {
        regex: Regex,
        replacement: Option<String>,
    },
    RequiredHeading {
        regex: Regex,
    },
}

/// One compiled rule of a pack.
#[derive(Debug)]
pub struct PackRule {
    pub info: RuleInfo,
    matcher: Matcher,
    message: String,
    fix: Applicability,
    fix_message: Option<String>,
    not_after: Vec<String>,
    not_before: Vec<String>,
    /// What the text just before a match must end with (`after`, anchored at the match).
    after: Option<Regex>,
    when: Option<Regex>,
    since_year: Option<i32>,
    pub should_fire: Vec<Example>,
    pub should_pass: Vec<String>,
}

/// A loaded pack.
#[derive(Debug)]
pub struct Pack {
    pub name: String,
    pub version: String,
    pub description: String,
    /// Where it came from (for built-in packs, the path in the source tree).
    pub path: PathBuf,
    pub rules: Vec<PackRule>,
}

/// An example that did not behave as declared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    pub rule: String,
    pub example: String,
    /// What went wrong, in both languages (the front end picks one).
    pub problem: Message,
}

impl Pack {
    pub fn load(path: &Path) -> Result<Pack, FileError> {
        let text = std::fs::read_to_string(path).map_err(|e| FileError::io(path, &e))?;
        Pack::parse(path, &text)
    }

    /// The packs compiled into budgetlint.
    pub fn builtin() -> Vec<Result<Pack, FileError>> {
        BUILTIN
            .iter()
            .map(|(path, text)| Pack::parse(Path::new(path), text))
            .collect()
    }

    pub fn parse(path: &Path, text: &str) -> Result<Pack, FileError> {
        let raw: RawPack =
            toml::from_str(text).map_err(|e| FileError::from_toml(path, text, &e))?;
        let mut rules = Vec::with_capacity(raw.rules.len());
        for rule in raw.rules {
            let mut compiled = compile(rule, &raw.pack.name)
                .map_err(|(offset, m)| FileError::at(path, text, offset, m.en).zh(m.zh))?;
            compiled.info.file = path.display().to_string();
            if rules
                .iter()
                .any(|r: &PackRule| r.info.id == compiled.info.id)
            {
                let id = &compiled.info.id;
                return Err(
                    FileError::new(path, format!("rule `{id}` is declared twice"))
                        .zh(format!("规则 `{id}` 声明了两次")),
                );
            }
            rules.push(compiled);
        }
        Ok(Pack {
            name: raw.pack.name,
            version: raw.pack.version,
            description: raw.pack.description,
            path: path.to_path_buf(),
            rules,
        })
    }

    /// Runs every rule's examples; returns the ones that misbehaved.
    pub fn test_examples(&self) -> Vec<ExampleFailure> {
        self.rules
            .iter()
            .flat_map(PackRule::test_examples)
            .collect()
    }
}

/// Compiles one rule; errors carry the byte offset of the offending value.
fn compile(raw: RawRule, pack: &str) -> Result<PackRule, (usize, Message)> {
    let id_at = raw.id.span().start;
    let id = raw.id.into_inner();
    if !id.starts_with(&format!("{pack}/")) || id.len() == pack.len() + 1 {
        return Err((
            id_at,
            Message::new(
                format!(
                    "rule id `{id}` must be `{pack}/<name>` (the pack's name, a slash, a name)"
                ),
                format!("规则 id `{id}` 须写作 `{pack}/<名称>`（规则包名、斜杠、名称）"),
            ),
        ));
    }
    let matcher = matcher(
        raw.kind,
        &raw.phrases,
        &raw.replace,
        raw.pattern,
        raw.replacement,
    )
    .map_err(|(o, m)| (o.unwrap_or(id_at), m))?;
    let when = raw.when.map(|w| regex(&w)).transpose()?;
    let after = raw
        .after
        .map(|a| {
            // Checked as written first, so that an error names the pattern the author wrote.
            regex(&a)?;
            let anchored = Spanned::new(a.span(), format!("(?:{})$", a.get_ref()));
            regex(&anchored)
        })
        .transpose()?;
    if raw.should_fire.is_empty() || raw.should_pass.is_empty() {
        return Err((
            id_at,
            Message::new(
                format!(
                    "rule `{id}` needs at least one `should_fire` and one `should_pass` example"
                ),
                format!("规则 `{id}` 至少需要一个 `should_fire` 示例和一个 `should_pass` 示例"),
            ),
        ));
    }
    Ok(PackRule {
        info: RuleInfo {
            id,
            default_severity: raw.severity,
            summary: raw.summary,
            summary_zh: raw.summary_zh,
            docs: raw.docs,
            aliases: Vec::new(),
            split_from: None,
            // A pack rule's file is its pack: set by the caller, which knows the path.
            file: String::new(),
            options: Vec::new(),
        },
        matcher,
        message: raw.message,
        fix: if raw.fix == FixKind::Safe {
            Applicability::Safe
        } else {
            Applicability::Unsafe
        },
        fix_message: raw.fix_message,
        not_after: raw.not_after,
        not_before: raw.not_before,
        after,
        when,
        since_year: raw.since_year,
        should_fire: raw.should_fire,
        should_pass: raw.should_pass,
    })
}

fn matcher(
    kind: Kind,
    phrases: &[String],
    replace: &BTreeMap<String, String>,
    pattern: Option<Spanned<String>>,
    replacement: Option<String>,
) -> Result<Matcher, (Option<usize>, Message)> {
    match kind {
        Kind::Phrase => {
            let mut all: Vec<&String> = phrases
                .iter()
                .chain(replace.keys())
                .filter(|p| !p.is_empty())
                .collect();
            if all.is_empty() {
                return Err((
                    None,
                    Message::new(
                        "a phrase rule needs `phrases` or `replace`",
                        "phrase 规则需要 `phrases` 或 `replace`",
                    ),
                ));
            }
            all.sort_by_key(|p| std::cmp::Reverse(p.len()));
            let alternation = all
                .iter()
                .map(|p| regex::escape(p))
                .collect::<Vec<_>>()
                .join("|");
            let mut replacements = replace.clone();
            if let Some(r) = replacement {
                for p in phrases {
                    replacements.entry(p.clone()).or_insert_with(|| r.clone());
                }
            }
            // Escaped phrases always parse; a huge list can still exceed the regex size limit.
            let regex = Regex::new(&alternation).map_err(|e| {
                let en = format!("phrase list does not compile: {e}");
                (None, Message::new(en, "词语列表太长，无法编译"))
            })?;
            Ok(Matcher::Phrases {
                regex,
                replacements,
            })
        }
        Kind::Regex => {
            let p = pattern.ok_or((
                None,
                Message::new("a regex rule needs `pattern`", "regex 规则需要 `pattern`"),
            ))?;
            Ok(Matcher::Regex {
                regex: regex(&p).map_err(|(o, m)| (Some(o), m))?,
                replacement,
            })
        }
        Kind::RequiredHeading => {
            let p = pattern.ok_or((
                None,
                Message::new(
                    "a required-heading rule needs `pattern` (matched against headings)",
                    "required-heading 规则需要 `pattern`（与各级标题比对）",
                ),
            ))?;
            Ok(Matcher::RequiredHeading {
                regex: regex(&p).map_err(|(o, m)| (Some(o), m))?,
            })
        }
    }
}

fn regex(pattern: &Spanned<String>) -> Result<Regex, (usize, Message)> {
    Regex::new(pattern.get_ref()).map_err(|e| {
        let zh = regex_zh(pattern.get_ref(), &e);
        (
            pattern.span().start,
            Message::new(format!("invalid regex: {e}"), zh),
        )
    })
}

impl PackRule {
    /// The rule's findings in `doc`, at its default severity.
    pub fn check(&self, doc: &Document, index: &LineIndex) -> Vec<Diagnostic> {
        if !self.applies_to(doc) {
            return Vec::new();
        }
        match &self.matcher {
            Matcher::Phrases {
                regex,
                replacements,
            } => self.matches(doc, index, regex, |c| replacements.get(&c[0]).cloned()),
            Matcher::Regex { regex, replacement } => self.matches(doc, index, regex, |m| {
                replacement.as_ref().map(|r| {
                    let mut out = String::new();
                    m.expand(r, &mut out);
                    out
                })
            }),
            Matcher::RequiredHeading { regex } => self
                .missing_heading(doc, index, regex)
                .into_iter()
                .collect(),
        }
    }

    fn applies_to(&self, doc: &Document) -> bool {
        let year_ok = match (self.since_year, doc.meta.fiscal_year) {
            (Some(since), Some(year)) => year >= since,
            _ => true,
        };
        year_ok && self.when.as_ref().is_none_or(|w| w.is_match(&doc.text))
    }

    fn matches(
        &self,
        doc: &Document,
        index: &LineIndex,
        regex: &Regex,
        replacement: impl Fn(&regex::Captures) -> Option<String>,
    ) -> Vec<Diagnostic> {
        let text = doc.text.as_str();
        let mut out = Vec::new();
        // Matches are found first and their groups resolved only for the few that are reported:
        // a search for captures is two to three times slower than a plain search over a whole
        // document (measured on the seeds: 17.5 ms against 6.4 ms per 2.7 MB for
        // wording/wan-without-yuan), and most documents have no match at all.
        for m in regex.find_iter(text) {
            let excluded = self
                .not_after
                .iter()
                .any(|p| text[..m.start()].ends_with(p.as_str()))
                || self
                    .not_before
                    .iter()
                    .any(|p| text[m.end()..].starts_with(p.as_str()));
            if m.is_empty() || excluded || !self.preceded_as_required(text, m.start()) {
                continue;
            }
            // The leftmost match from the same start is the one found: same groups.
            let Some(caps) = regex.captures_at(text, m.start()) else {
                continue;
            };
            let span = index.span(text, m.start(), m.end());
            let fixed = replacement(&caps);
            out.push(self.diagnostic(span, m.as_str(), fixed));
        }
        out
    }

    /// Whether the text before `start` ends as `after` requires (no `after`: always). Only the
    /// last [`AFTER_WINDOW`] bytes are searched: `after` describes the words of the same
    /// clause, and a rule that needs them keeps its own pattern short, so the document is
    /// searched for the rarer part of what it looks for.
    fn preceded_as_required(&self, text: &str, start: usize) -> bool {
        let Some(after) = &self.after else {
            return true;
        };
        let mut from = start.saturating_sub(AFTER_WINDOW);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        after.is_match(&text[from..start])
    }

    fn diagnostic(&self, span: Span, matched: &str, replacement: Option<String>) -> Diagnostic {
        let fill = |t: &str| {
            t.replace("{match}", matched)
                .replace("{replacement}", replacement.as_deref().unwrap_or(""))
        };
        let fix = replacement.as_ref().map(|r| Fix {
            message: self
                .fix_message
                .as_deref()
                .map(fill)
                .unwrap_or_else(|| format!("改为“{r}”")),
            applicability: self.fix,
            edits: vec![TextEdit {
                start: span.start,
                end: span.end,
                replacement: r.clone(),
            }],
        });
        Diagnostic {
            rule: self.info.id.clone(),
            severity: self.info.default_severity,
            message: fill(&self.message),
            message_en: None,
            span,
            related: Vec::new(),
            fix,
        }
    }

    /// One finding, at the title (or the start of the text), when no heading matches.
    fn missing_heading(
        &self,
        doc: &Document,
        index: &LineIndex,
        regex: &Regex,
    ) -> Option<Diagnostic> {
        let mut headings = doc.blocks.iter().filter_map(|b| match b {
            Block::Heading(h) => Some(h.title.as_str()),
            _ => None,
        });
        let found = if doc.blocks.iter().any(|b| matches!(b, Block::Heading(_))) {
            headings.any(|t| regex.is_match(t))
        } else {
            // Without a recognised outline (plain text the parser could not structure), any line
            // may be the heading.
            doc.text.lines().any(|l| regex.is_match(l.trim()))
        };
        if found {
            return None;
        }
        let span = doc.meta.title_span.unwrap_or_else(|| {
            index.span(&doc.text, 0, doc.text.find('\n').unwrap_or(doc.text.len()))
        });
        Some(self.diagnostic(span, "", None))
    }

    /// Runs the declared examples.
    pub fn test_examples(&self) -> Vec<ExampleFailure> {
        let mut failures = Vec::new();
        let fail = |example: &str, problem: Message| ExampleFailure {
            rule: self.info.id.clone(),
            example: example.into(),
            problem,
        };
        for example in &self.should_fire {
            let (text, found) = self.run_on(example.text());
            if found.is_empty() {
                failures.push(fail(
                    example.text(),
                    Message::new("should fire but did not", "应当报告，却没有报告"),
                ));
            } else if let Example::Fixed { fixed, .. } = example {
                let got = apply_fixes(&text, &found);
                if &got != fixed {
                    failures.push(fail(
                        example.text(),
                        Message::new(
                            format!("fixed text is “{got}”, expected “{fixed}”"),
                            format!("修正后的文字是“{got}”，应为“{fixed}”"),
                        ),
                    ));
                }
            }
        }
        for example in &self.should_pass {
            let (_, found) = self.run_on(example);
            if let Some(d) = found.first() {
                failures.push(fail(
                    example,
                    Message::new(
                        format!("should pass but fired: {}", d.message),
                        format!("不应报告，却报告了：{}", d.message),
                    ),
                ));
            }
        }
        failures
    }

    fn run_on(&self, example: &str) -> (String, Vec<Diagnostic>) {
        let doc = budgetlint_model::parse_text(example.to_string());
        let found = self.check(&doc, &LineIndex::new(&doc.text));
        (doc.text, found)
    }
}

/// `text` with the (non-overlapping) fix edits of `diags` applied.
pub fn apply_fixes(text: &str, diags: &[Diagnostic]) -> String {
    let mut edits: Vec<&TextEdit> = diags
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .flat_map(|f| &f.edits)
        .collect();
    edits.sort_by_key(|e| e.start);
    let mut out = String::with_capacity(text.len());
    let mut at = 0usize;
    for e in edits {
        let (start, end) = (e.start as usize, e.end as usize);
        if start < at
            || end > text.len()
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            continue;
        }
        out.push_str(&text[at..start]);
        out.push_str(&e.replacement);
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PACK: &str = r#"
[pack]
name = "t"

[[rule]]
id = "t/tax"
kind = "phrase"
severity = "warning"
summary = "abolished body"
message = "“{match}”已撤销"
replace = { "地税部门" = "税务部门" }
phrases = ["国税局"]
not_after = ["原"]
should_fire = [{ text = "由地税部门征收", fixed = "由税务部门征收" }, "国税局"]
should_pass = ["由税务部门征收", "原地税部门"]

[[rule]]
id = "t/account"
kind = "regex"
severity = "info"
summary = "帐 for 账"
message = "应写作“{replacement}”"
pattern = "帐(户|务)"
replacement = "账$1"
fix = "safe"
should_fire = [{ text = "银行帐户", fixed = "银行账户" }]
should_pass = ["银行账户"]

[[rule]]
id = "t/terms"
kind = "required-heading"
severity = "warning"
summary = "名词解释 heading"
message = "缺少“名词解释”部分"
pattern = "名词解释"
when = "部门预算"
should_fire = ["某部门预算\n一、收入\n"]
should_pass = ["某部门预算\n一、收入\n二、名词解释\n", "某部门决算\n"]
"#;

    #[test]
    fn embedded_examples_pass() {
        let pack = Pack::parse(Path::new("t.toml"), PACK).unwrap();
        assert_eq!(pack.rules.len(), 3);
        assert_eq!(pack.test_examples(), vec![]);
    }

    #[test]
    fn a_wrong_example_is_reported() {
        let broken = PACK.replace(
            "should_pass = [\"银行账户\"]",
            "should_pass = [\"银行帐务\"]",
        );
        let failures = Pack::parse(Path::new("t.toml"), &broken)
            .unwrap()
            .test_examples();
        assert_eq!(failures.len(), 1);
        assert_eq!(failures[0].rule, "t/account");
        assert!(
            failures[0].problem.zh.starts_with("不应报告，却报告了："),
            "{:?}",
            failures[0].problem
        );
        assert!(failures[0]
            .problem
            .en
            .starts_with("should pass but fired: "));
    }

    #[test]
    fn bad_regexes_and_ids_are_located() {
        let err =
            Pack::parse(Path::new("t.toml"), &PACK.replace("帐(户|务)", "帐(户")).unwrap_err();
        assert!(err.message.contains("invalid regex"), "{err}");
        assert_eq!(err.position, Some((23, 11)), "{err}");
        assert_eq!(
            err.message_in(true),
            "正则表达式无效：第 2 个字符处括号 ( 没有闭合"
        );
        let err =
            Pack::parse(Path::new("t.toml"), &PACK.replace("\"t/tax\"", "\"x/tax\"")).unwrap_err();
        assert_eq!(err.position, Some((6, 6)), "{err}");
        assert_eq!(
            err.message_in(true),
            "规则 id `x/tax` 须写作 `t/<名称>`（规则包名、斜杠、名称）"
        );
        let err = Pack::parse(
            Path::new("t.toml"),
            &PACK.replace("kind = \"phrase\"", "kind = \"phrse\""),
        )
        .unwrap_err();
        assert!(
            err.message_in(true)
                .starts_with("不认识的值 `phrse`（可用："),
            "{err:?}"
        );
    }

    #[test]
    fn builtin_packs_load_and_their_examples_pass() {
        for pack in Pack::builtin() {
            let pack = pack.unwrap();
            assert!(!pack.rules.is_empty());
            assert_eq!(pack.test_examples(), vec![], "{}", pack.path.display());
        }
    }

    /// A built-in pack's rule is read by Chinese reviewers: `explain` and the hover show its
    /// Chinese page, which (like a plugin rule's, see the SDK's tidy test) has every section.
    #[test]
    fn builtin_pack_rules_have_a_chinese_page() {
        for pack in Pack::builtin() {
            for rule in pack.unwrap().rules {
                let (_, zh) = budgetlint_protocol::split_docs(&rule.info.docs);
                let zh = zh.unwrap_or_else(|| panic!("{}: no Chinese page", rule.info.id));
                let mut rest = zh;
                for section in budgetlint_protocol::DOC_SECTIONS_ZH {
                    let at = rest
                        .find(section)
                        .unwrap_or_else(|| panic!("{}: no `{section}`", rule.info.id));
                    rest = &rest[at + section.len()..];
                    let body = rest.split("\n## ").next().unwrap_or_default();
                    assert!(
                        !body.trim().is_empty(),
                        "{}: `{section}` is empty",
                        rule.info.id
                    );
                }
            }
        }
    }
}
