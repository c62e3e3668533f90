//! `budgetlint test-rules [PACK...]`: run the examples embedded in rule packs.

use crate::cli::{ConfigArgs, Lang};
use crate::exit;
use crate::i18n::pick;
use budgetlint_engine::packs::Pack;
use std::path::PathBuf;
use std::sync::Arc;

pub fn run(paths: &[PathBuf], config: ConfigArgs, lang: Lang) -> u8 {
    let (packs, trouble) = match load(paths, config, lang) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let (mut passed, mut failed) = (0usize, 0usize);
    let mut out = String::new();
    for pack in &packs {
        for rule in &pack.rules {
            let failures = rule.test_examples();
            let examples = rule.should_fire.len() + rule.should_pass.len();
            if failures.is_empty() {
                passed += 1;
                let examples = match lang {
                    Lang::Zh => format!("{examples} 个示例"),
                    Lang::En => format!("{examples} examples"),
                };
                let ok = pick(lang, "通过  ", "ok    ");
                out.push_str(&format!("{ok}{} ({examples})\n", rule.info.id));
            } else {
                failed += 1;
                let fail = pick(lang, "失败  ", "FAIL  ");
                out.push_str(&format!(
                    "{fail}{} ({})\n",
                    rule.info.id,
                    pack.path.display()
                ));
                let colon = pick(lang, "：", ": ");
                for f in failures {
                    let problem = f.problem.in_lang(lang == Lang::Zh);
                    out.push_str(&format!("      “{}”{colon}{problem}\n", f.example));
                }
            }
        }
    }
    out.push_str(&match lang {
        Lang::Zh => format!("规则示例：{passed} 条规则通过，{failed} 条失败\n"),
        Lang::En => format!("rule examples: {passed} rules passed, {failed} failed\n"),
    });
    super::print(&out);
    match (trouble, failed) {
        (true, _) => exit::TROUBLE,
        (false, 0) => exit::CLEAN,
        _ => exit::FINDINGS,
    }
}

/// The packs named on the command line, or else every pack the configuration loads; and
/// whether something failed to load (already reported on stderr).
fn load(paths: &[PathBuf], config: ConfigArgs, lang: Lang) -> Result<(Vec<Arc<Pack>>, bool), u8> {
    if paths.is_empty() {
        let (linter, trouble) = super::rules::linter(config, lang)?;
        return Ok((linter.packs().to_vec(), trouble));
    }
    let mut packs = Vec::new();
    for path in paths {
        match Pack::load(path) {
            Ok(p) => packs.push(Arc::new(p)),
            Err(e) => {
                let error_word = pick(lang, "错误：", "error: ");
                eprintln!("budgetlint: {error_word}{}", e.display_in(lang == Lang::Zh));
                return Err(exit::TROUBLE);
            }
        }
    }
    Ok((packs, false))
}
