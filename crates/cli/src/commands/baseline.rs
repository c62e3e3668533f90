//! `budgetlint baseline`: record the current findings so `check` stops reporting them.

use crate::cli::BaselineArgs;
use crate::exit;
use crate::session::Session;
use budgetlint_engine::baseline;
use rayon::prelude::*;

pub fn run(args: BaselineArgs) -> u8 {
    let mut session = Session::new(&args.config);
    let plan = super::check::PlanArgs {
        paths: &args.paths,
        walk: &args.walk,
        stdin_filename: None,
        baseline: None,
        use_baseline: false,
        package: false,
        filter: Default::default(),
        lang: Default::default(),
    };
    let jobs = match super::check::plan(&mut session, plan) {
        Ok(jobs) => jobs,
        Err(e) => {
            eprintln!("budgetlint: error: {e}");
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
                eprintln!("budgetlint: error: {e}");
                trouble = true;
            }
        }
    }
    match baseline::write(&output, &accepted) {
        Ok(n) => eprintln!(
            "budgetlint: wrote {n} finding{} to {}",
            if n == 1 { "" } else { "s" },
            output.display()
        ),
        Err(e) => {
            eprintln!("budgetlint: error: {e}");
            return exit::TROUBLE;
        }
    }
    if trouble {
        exit::TROUBLE
    } else {
        exit::CLEAN
    }
}
