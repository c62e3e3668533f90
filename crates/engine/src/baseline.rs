//! Baselines: accepted findings that `check` stays quiet about.
//!
//! A finding is identified by its file, its rule and a hash of its text context (the whitespace-
//! free text of its line plus the flagged text), never by its line number, so inserting or
//! deleting lines elsewhere does not resurface it. The same context may occur several times;
//! the baseline stores a count, and only that many findings are suppressed.

use crate::error::FileError;
use budgetlint_protocol::Diagnostic;
use fnv::FnvHasher;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::hash::Hasher;
use std::path::{Path, PathBuf};

/// Default file name, looked up in the current directory.
pub const FILE_NAME: &str = ".budgetlint-baseline.json";
const VERSION: u32 = 1;

/// The longest line that is hashed whole (bytes).
pub const MAX_HASHED_LINE: usize = 8 * 1024;
/// On a longer line, the bytes hashed on either side of the finding, and of the flagged text.
pub const LONG_LINE_WINDOW: usize = 1024;

/// The context hash of a finding: FNV-1a over the UTF-8 bytes of the finding's line and then of
/// the flagged text (separated by a NUL), white space left out. The hash is persisted, so it is
/// FNV-1a of the `fnv` crate (a fixed algorithm; std's `DefaultHasher` may change between Rust
/// releases), the same the build ids use; a test pins a known value.
///
/// A line longer than [`MAX_HASHED_LINE`] bytes (a whole file on one line) stands for itself
/// only by the [`LONG_LINE_WINDOW`] bytes either side of the finding, and its flagged text by
/// its first [`LONG_LINE_WINDOW`] bytes: hashing the whole line for every finding on it made a
/// 10 MB line take minutes. Lines up to that length (every line of a real disclosure) keep
/// the definition baselines were written with.
pub fn fingerprint(text: &str, diag: &Diagnostic) -> String {
    let bytes = text.as_bytes();
    let start = budgetlint_model::span::floor_char_boundary(text, diag.span.start as usize);
    // The line ends, looked for no further than MAX_HASHED_LINE from the finding.
    let back = start.saturating_sub(MAX_HASHED_LINE);
    let line_start = memchr::memrchr(b'\n', &bytes[back..start]).map(|i| back + i + 1);
    let ahead = (start + MAX_HASHED_LINE).min(text.len());
    let line_end = memchr::memchr(b'\n', &bytes[start..ahead]).map(|i| start + i);
    let line_start = line_start.or((back == 0).then_some(0));
    let line_end = line_end.or((ahead == text.len()).then_some(text.len()));
    let mut hash = FnvHasher::default();
    match (line_start, line_end) {
        (Some(ls), Some(le)) if le - ls <= MAX_HASHED_LINE => {
            add_unspaced(&mut hash, &text[ls..le]);
            hash.write_u8(0);
            add_unspaced(&mut hash, text.get(diag.span.range()).unwrap_or(""));
        }
        (ls, le) => {
            let flagged_end = budgetlint_model::span::floor_char_boundary(
                text,
                (diag.span.end as usize)
                    .max(start)
                    .min(start + LONG_LINE_WINDOW),
            );
            let from = budgetlint_model::span::floor_char_boundary(
                text,
                start.saturating_sub(LONG_LINE_WINDOW).max(ls.unwrap_or(0)),
            );
            let to = budgetlint_model::span::floor_char_boundary(
                text,
                (flagged_end + LONG_LINE_WINDOW).min(le.unwrap_or(text.len())),
            );
            add_unspaced(&mut hash, &text[from..to]);
            hash.write_u8(0);
            add_unspaced(&mut hash, &text[start..flagged_end]);
        }
    }
    format!("{:016x}", hash.finish())
}

/// Adds the bytes of `s` except those of white-space characters (`char::is_whitespace`), in runs
/// between the white space. Only ASCII controls and space and the lead bytes C2, E1, E2 and E3
/// can start one, so every other byte — most of a Chinese text — is passed over without
/// decoding its character.
fn add_unspaced(hash: &mut FnvHasher, s: &str) {
    let bytes = s.as_bytes();
    let (mut i, mut run) = (0, 0);
    while i < bytes.len() {
        if !matches!(bytes[i], b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1 | 0xE2 | 0xE3) {
            i += 1;
            continue;
        }
        let c = s[i..].chars().next().unwrap_or(' ');
        let end = i + c.len_utf8();
        if c.is_whitespace() {
            hash.write(&bytes[run..i]);
            run = end;
        }
        i = end;
    }
    hash.write(&bytes[run..]);
}

/// One accepted finding (or `count` identical ones).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The file, relative to the baseline's directory when it lies under it.
    pub path: String,
    pub rule: String,
    pub context: String,
    pub count: u32,
    /// The message when the baseline was written, to help a reader; not used for matching.
    #[serde(default)]
    pub message: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

type Key = (String, String, String);

/// A loaded baseline.
#[derive(Debug, Default)]
pub struct Baseline {
    dir: PathBuf,
    counts: HashMap<Key, u32>,
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Baseline, FileError> {
        let text = std::fs::read_to_string(path).map_err(|e| FileError::io(path, &e))?;
        let file = parse_file(path, &text)?;
        let mut counts = HashMap::new();
        for e in file.findings {
            *counts.entry((e.path, e.rule, e.context)).or_insert(0) += e.count;
        }
        Ok(Baseline {
            dir: base_dir(path),
            counts,
        })
    }

    /// Takes the findings of `file` that the baseline accepts out of `findings`; returns how many.
    pub fn suppress(&self, file: &Path, findings: &mut Vec<(Diagnostic, String)>) -> usize {
        self.suppress_with(file, findings, |_| &[])
    }

    /// As [`Baseline::suppress`], where an entry recorded under one of a rule's former ids
    /// (`former(rule)`, the rule was renamed since) accepts the rule's finding too.
    pub fn suppress_with<'a>(
        &self,
        file: &Path,
        findings: &mut Vec<(Diagnostic, String)>,
        former: impl Fn(&str) -> &'a [String],
    ) -> usize {
        let key_path = relative(&self.dir, file);
        let mut used: HashMap<(String, String), u32> = HashMap::new();
        let before = findings.len();
        findings.retain(|(d, context)| {
            let ids =
                std::iter::once(d.rule.as_str()).chain(former(&d.rule).iter().map(String::as_str));
            for rule in ids {
                let key = (key_path.clone(), rule.to_string(), context.clone());
                let Some(&allowed) = self.counts.get(&key) else {
                    continue;
                };
                let n = used.entry((rule.to_string(), context.clone())).or_insert(0);
                if *n < allowed {
                    *n += 1;
                    return false;
                }
            }
            true
        });
        before - findings.len()
    }
}

/// Writes a baseline accepting `findings` (file, diagnostic, context hash) to `path`.
pub fn write(path: &Path, findings: &[(PathBuf, Diagnostic, String)]) -> Result<usize, FileError> {
    let dir = base_dir(path);
    let mut grouped: BTreeMap<Key, Entry> = BTreeMap::new();
    for (file, d, context) in findings {
        let key = (relative(&dir, file), d.rule.clone(), context.clone());
        grouped
            .entry(key.clone())
            .or_insert_with(|| Entry {
                path: key.0,
                rule: key.1,
                context: key.2,
                count: 0,
                message: d.message.clone(),
            })
            .count += 1;
    }
    let file = BaselineFile {
        version: VERSION,
        findings: grouped.into_values().collect(),
    };
    let json = serde_json::to_string_pretty(&file).expect("baseline serializes") + "\n";
    std::fs::write(path, json).map_err(|e| FileError::write(path, &e))?;
    Ok(findings.len())
}

/// The baseline file `path` holding `text`: valid JSON of this program's version, or an error
/// naming the place and the reason (in both languages).
fn parse_file(path: &Path, text: &str) -> Result<BaselineFile, FileError> {
    let file: BaselineFile = serde_json::from_str(text).map_err(|e| {
        FileError::at(
            path,
            text,
            offset_of(text, e.line(), e.column()),
            e.to_string(),
        )
        .zh(format!(
            "基线文件不是有效的 JSON：{}",
            crate::error::json_zh(&e)
        ))
    })?;
    if file.version != VERSION {
        return Err(FileError::new(
            path,
            format!("baseline version {} is not {VERSION}", file.version),
        )
        .zh(format!(
            "基线文件的版本 {} 不是本程序使用的 {VERSION}（请用 `budgetlint baseline` 重新生成）",
            file.version
        )));
    }
    Ok(file)
}

/// Accepts one more finding (`file`, its diagnostic and context hash) in the baseline at `path`,
/// keeping what is already there; creates the file when it does not exist. Used by an editor's
/// "suppress this finding" action. A corrupt baseline is an error, never overwritten.
pub fn add(
    path: &Path,
    file: &Path,
    diagnostic: &Diagnostic,
    context: &str,
) -> Result<(), FileError> {
    let mut findings = match std::fs::read_to_string(path) {
        Ok(text) => parse_file(path, &text)?.findings,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(FileError::io(path, &e)),
    };
    let key_path = relative(&base_dir(path), file);
    match findings
        .iter_mut()
        .find(|e| e.path == key_path && e.rule == diagnostic.rule && e.context == context)
    {
        Some(entry) => entry.count += 1,
        None => findings.push(Entry {
            path: key_path,
            rule: diagnostic.rule.clone(),
            context: context.to_string(),
            count: 1,
            message: diagnostic.message.clone(),
        }),
    }
    findings.sort_by(|a, b| (&a.path, &a.rule, &a.context).cmp(&(&b.path, &b.rule, &b.context)));
    let json = serde_json::to_string_pretty(&BaselineFile {
        version: VERSION,
        findings,
    })
    .expect("baseline serializes")
        + "\n";
    std::fs::write(path, json).map_err(|e| FileError::write(path, &e))
}

fn base_dir(path: &Path) -> PathBuf {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf())
}

/// `file` relative to `dir` with `/` separators, or as given when it lies elsewhere.
fn relative(dir: &Path, file: &Path) -> String {
    let abs = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
    let rel = abs.strip_prefix(dir).unwrap_or(file);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + column.saturating_sub(1)).min(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use budgetlint_model::LineIndex;

    fn diag(text: &str, needle: &str) -> Diagnostic {
        let start = text.find(needle).unwrap();
        let span = LineIndex::new(text).span(text, start, start + needle.len());
        Diagnostic {
            rule: "w/x".into(),
            severity: budgetlint_protocol::Severity::Warning,
            message: "m".into(),
            message_en: None,
            span,
            related: vec![],
            fix: None,
        }
    }

    #[test]
    fn fingerprints_ignore_line_numbers_and_whitespace() {
        let a = "甲\n地税部门负责\n";
        let b = "新增一行\n\n甲\n  地税部门 负责\n";
        assert_eq!(
            fingerprint(a, &diag(a, "地税部门")),
            fingerprint(b, &diag(b, "地税部门"))
        );
        let c = "甲\n地税部门不负责\n";
        assert_ne!(
            fingerprint(a, &diag(a, "地税部门")),
            fingerprint(c, &diag(c, "地税部门"))
        );
    }

    /// The definition the persisted baselines were written with: every character that is not
    /// white space, as UTF-8.
    fn fingerprint_by_chars(text: &str, diag: &Diagnostic) -> String {
        let start = budgetlint_model::span::floor_char_boundary(text, diag.span.start as usize);
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i);
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let flagged = text.get(diag.span.range()).unwrap_or("");
        for c in text[line_start..line_end]
            .chars()
            .chain(['\u{0}'])
            .chain(flagged.chars())
            .filter(|c| !c.is_whitespace())
        {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            }
        }
        format!("{hash:016x}")
    }

    #[test]
    fn fingerprints_keep_their_persisted_definition() {
        let spaces = [
            "\t", "\u{b}", "\u{c}", "\r", " ", "\u{85}", "\u{a0}", "\u{1680}", "\u{2003}",
            "\u{2028}", "\u{202f}", "\u{205f}", "\u{3000}",
        ];
        let others = [
            "地税",
            "“三公”",
            "€",
            "\u{2010}",
            "\u{e000}",
            "ⅰ",
            "𠀀",
            "12.5万元",
            "—",
            "①",
        ];
        let mut text = String::new();
        for (i, s) in spaces.iter().chain(&others).enumerate() {
            text.push_str(s);
            text.push_str(others[i % others.len()]);
            text.push_str(if i % 4 == 3 { "\n" } else { "" });
        }
        text.push_str("\n尾行 地税部门");
        let index = LineIndex::new(&text);
        for (start, _) in text.char_indices() {
            for len in [0, 1, 3, 7] {
                let end = (start + len).min(text.len());
                if !text.is_char_boundary(end) {
                    continue;
                }
                let mut d = diag(&text, "地税部门");
                d.span = index.span(&text, start, end);
                assert_eq!(
                    fingerprint(&text, &d),
                    fingerprint_by_chars(&text, &d),
                    "span {start}..{end}"
                );
            }
        }
        let text = "地税部门\n";
        assert_eq!(
            fingerprint(text, &diag(text, "地税部门")),
            "746e9ef208779f37",
            "baselines written before must still match"
        );
    }

    #[test]
    fn long_lines_are_hashed_around_the_finding() {
        // One 10 MB line, a finding every 100 KB: bounded work per finding, and a fingerprint
        // that depends on the text near the finding only.
        let unit = "本部门支出合计10785.51万元，";
        let line = unit.repeat(10_000_000 / unit.len());
        let far_changed = format!("地{}", &line[3..]);
        let started = std::time::Instant::now();
        let mut seen = std::collections::HashSet::new();
        for at in (0..line.len() - 1000).step_by(100_000) {
            let at = budgetlint_model::span::floor_char_boundary(&line, at + 50_000);
            let mut d = diag(&line, "本部门");
            d.span.start = at as u32;
            d.span.end = line.len() as u32;
            let f = fingerprint(&line, &d);
            assert_eq!(f, fingerprint(&far_changed, &d), "offset {at}");
            seen.insert(f);
        }
        assert!(seen.len() > 1, "different places hash differently");
        assert!(started.elapsed() < std::time::Duration::from_secs(10));
        // A line at the limit is hashed whole, as before.
        let text = format!("{}\n", "合".repeat(MAX_HASHED_LINE / 3));
        let d = diag(&text, "合");
        assert_eq!(fingerprint(&text, &d), fingerprint_by_chars(&text, &d));
    }

    #[test]
    fn written_baselines_suppress_as_many_findings_as_they_counted() {
        let d = tempfile::tempdir().unwrap();
        let doc = d.path().join("a.txt");
        std::fs::write(&doc, "x").unwrap();
        let text = "地税部门\n";
        let one = (
            diag(text, "地税部门"),
            fingerprint(text, &diag(text, "地税部门")),
        );
        let path = d.path().join(FILE_NAME);
        write(&path, &[(doc.clone(), one.0.clone(), one.1.clone())]).unwrap();
        let baseline = Baseline::load(&path).unwrap();
        let mut found = vec![one.clone(), one.clone()];
        assert_eq!(baseline.suppress(&doc, &mut found), 1);
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn added_findings_join_the_existing_ones_and_suppress() {
        let d = tempfile::tempdir().unwrap();
        let doc = d.path().join("a.txt");
        std::fs::write(&doc, "x").unwrap();
        let text = "地税部门\n地税部门\n";
        let first = diag(text, "地税部门");
        let context = fingerprint(text, &first);
        let path = d.path().join(FILE_NAME);
        add(&path, &doc, &first, &context).unwrap();
        add(&path, &doc, &first, &context).unwrap();
        let baseline = Baseline::load(&path).unwrap();
        let mut found = vec![
            (first.clone(), context.clone()),
            (first.clone(), context.clone()),
            (first, context),
        ];
        assert_eq!(baseline.suppress(&doc, &mut found), 2);
        std::fs::write(&path, "{").unwrap();
        assert!(add(&path, &doc, &found[0].0, &found[0].1).is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "{");
    }

    #[test]
    fn a_corrupt_baseline_names_the_file_and_place() {
        let d = tempfile::tempdir().unwrap();
        let path = d.path().join(FILE_NAME);
        std::fs::write(&path, "{\n  \"version\": 1,\n  \"findings\": [x]\n}").unwrap();
        let err = Baseline::load(&path).unwrap_err();
        assert_eq!(err.position.map(|p| p.0), Some(3), "{err}");
    }
}
