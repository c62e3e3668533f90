//! `budgetlint baseline`: record the current findings so `check` stops reporting them.

use crate::cli::{BaselineArgs, Lang};
use crate::exit;
use crate::i18n::pick;
use crate::session::Session;
use budgetlint_engine::baseline;
use rayon::prelude::*;

pub fn run(args: BaselineArgs, lang: Lang) -> u8 {
    let error_word = pick(lang, "错误：", "error: ");
    let mut session = Session::new(&args.config, lang);
    let plan = super::check::PlanArgs {
        paths: &args.paths,
        walk: &args.walk,
        stdin_filename: None,
        baseline: None,
        use_baseline: false,
        package: false,
        filter: Default::default(),
        lang,
    };
    let jobs = match super::check::plan(&mut session, plan) {
        Ok(jobs) => jobs,
        Err(e) => {
            eprintln!("budgetlint: {error_word}{e}");
            return exit::TROUBLE;
        }
    };
    let output = args.output.clone().unwrap_or_else(|| {
        let first = args
            .paths
            .first()
            .map_or(std::path::Path::new("."), |p| p.as_path());
        session.baseline_path(first)
    });
    let mut trouble = !session.report_problems(true).is_empty();
    let outcomes: Vec<_> = jobs.par_iter().map(|j| j.run()).collect();
    let mut accepted = Vec::new();
    for outcome in outcomes {
        match outcome {
            Ok(report) => accepted.extend(
                report
                    .findings
                    .into_iter()
                    .map(|f| (report.path.clone(), f.diagnostic, f.fingerprint)),
            ),
            Err(e) => {
                eprintln!("budgetlint: {error_word}{}", session.show(&e));
                trouble = true;
            }
        }
    }
    match baseline::write(&output, &accepted) {
        Ok(n) => match lang {
            Lang::Zh => eprintln!("budgetlint: 已把 {n} 个问题写入基线 {}", output.display()),
            Lang::En => eprintln!(
                "budgetlint: wrote {n} finding{} to {}",
                if n == 1 { "" } else { "s" },
                output.display()
            ),
        },
        Err(e) => {
            eprintln!("budgetlint: {error_word}{}", session.show(&e));
            return exit::TROUBLE;
        }
    }
    if trouble {
        exit::TROUBLE
    } else {
        exit::CLEAN
    }
}
