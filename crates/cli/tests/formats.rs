//! Every output format of `budgetlint check`, on a fixture with CJK text and characters outside
//! the BMP and on copies of the seeds. Findings come from the built-in `wording` pack and the
//! docnum plugin only (see `support`), except where the test says all plugins.

mod support;

use serde_json::Value;
use support::*;

fn wide_workspace() -> tempfile::TempDir {
    workspace(WORDING_AND_DOCNUM, &[("wide.txt", &fixture("wide.txt"))])
}

#[test]
fn human_output_aligns_under_cjk_and_wide_characters_and_cuts_long_lines() {
    let dir = wide_workspace();
    let out = run(dir.path(), &["check", "wide.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(!text.contains('\u{1b}'), "no colour in a pipe");
    insta::assert_snapshot!("human_wide", text);
}

#[test]
fn human_output_in_english_uses_the_english_messages() {
    let dir = wide_workspace();
    let text = stdout(&run(dir.path(), &["check", "--lang", "en", "wide.txt"]));
    insta::assert_snapshot!("human_wide_en", text);
    let json = json(&run(
        dir.path(),
        &["check", "--lang", "en", "--format", "json", "wide.txt"],
    ));
    let messages: Vec<&str> = json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert!(
        messages.iter().any(|m| m.starts_with("Document number")),
        "{messages:?}"
    );
}

#[test]
fn colour_follows_the_option_the_terminal_and_no_color() {
    let dir = wide_workspace();
    let coloured = |o: &std::process::Output| stdout(o).contains("\u{1b}[");
    assert!(coloured(&run(
        dir.path(),
        &["check", "--color", "always", "wide.txt"]
    )));
    assert!(!coloured(&run(
        dir.path(),
        &["check", "--color", "never", "wide.txt"]
    )));
    assert!(
        !coloured(&run(dir.path(), &["check", "wide.txt"])),
        "auto: stdout is a pipe"
    );
    let with_no_color = cmd(dir.path())
        .env("NO_COLOR", "1")
        .args(["check", "--color", "always", "wide.txt"])
        .output()
        .unwrap();
    assert!(
        coloured(&with_no_color),
        "an explicit --color always wins over NO_COLOR"
    );

    // On a terminal (util-linux `script` gives the command a pseudo-terminal).
    let on_tty = |no_color: Option<&str>| {
        let mut c = std::process::Command::new("script");
        c.current_dir(dir.path())
            .env("BUDGETLINT_PLUGIN_PATH", plugins_dir())
            .env_remove("NO_COLOR")
            .env_remove("CI");
        if let Some(v) = no_color {
            c.env("NO_COLOR", v);
        }
        let command = format!("{} check wide.txt", env!("CARGO_BIN_EXE_budgetlint"));
        c.args(["-qec", &command, "/dev/null"]).output()
    };
    match on_tty(None) {
        Ok(out) if out.status.code() == Some(0) => {
            assert!(coloured(&out), "auto on a terminal: {}", stdout(&out));
            assert!(
                !coloured(&on_tty(Some("1")).unwrap()),
                "NO_COLOR on a terminal"
            );
        }
        other => eprintln!("SKIPPED the terminal part: `script` is not usable here ({other:?})"),
    }
}

#[test]
fn all_formats_report_the_same_findings_on_the_seeds() {
    let dir = workspace(WORDING_AND_DOCNUM, &[]);
    let names = copy_seeds(dir.path());
    let mut args = vec!["check", "--format", "json"];
    args.extend(names.iter().map(String::as_str));
    let json = json(&run(dir.path(), &args));
    let s = &json["summary"];
    let total = (s["errors"].as_u64().unwrap()
        + s["warnings"].as_u64().unwrap()
        + s["infos"].as_u64().unwrap()) as usize;
    assert!(total > 20, "{s}");
    let output = |format: &str| {
        let mut args = vec!["check", "--format", format];
        args.extend(names.iter().map(String::as_str));
        let out = run(dir.path(), &args);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{format}: {}",
            stderr(&out)
        );
        stdout(&out)
    };

    let lines = output("json-lines");
    assert_eq!(lines.lines().count(), total);
    for line in lines.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        assert!(
            names.contains(&v["path"].as_str().unwrap().to_string()),
            "{v}"
        );
        assert!(
            v["rule"].is_string()
                && v["line"].is_u64()
                && v["column"].is_u64()
                && v["related"].is_array(),
            "{v}"
        );
    }

    let github = output("github");
    assert_eq!(
        github.lines().filter(|l| l.starts_with("::")).count(),
        total
    );

    let junit = output("junit");
    assert_well_formed_xml(&junit);
    assert_eq!(
        junit.matches("<failure ").count() + junit.matches("<system-out>").count(),
        total,
        "a failure per error or warning, a passing case per info"
    );
    assert_eq!(junit.matches("<testsuite ").count(), names.len());

    let rdjson: Value = serde_json::from_str(&output("rdjson")).unwrap();
    assert_eq!(rdjson["diagnostics"].as_array().unwrap().len(), total);

    let sarif: Value = serde_json::from_str(&output("sarif")).unwrap();
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), total);
}

#[test]
fn json_lines_has_one_object_per_finding_and_one_per_unreadable_file() {
    let dir = workspace(
        ONLY_WORDING,
        &[("a.txt", "由各单位承担分摊部份。\n其它支出0万元。\n")],
    );
    let out = run(
        dir.path(),
        &["check", "--format", "json-lines", "a.txt", "missing.txt"],
    );
    assert_eq!(out.status.code(), Some(2));
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(
        (
            lines[0]["path"].as_str(),
            lines[0]["rule"].as_str(),
            lines[0]["line"].as_u64()
        ),
        (Some("a.txt"), Some("wording/bufen"), Some(1))
    );
    assert_eq!(lines[0]["fix"]["edits"][0]["replacement"], "部分");
    assert_eq!(lines[1]["rule"], "wording/qita");
    assert_eq!(lines[2]["path"], "missing.txt");
    assert!(lines[2]["error"].as_str().unwrap().contains("no such file"));
}

#[test]
fn github_annotations_map_severities_and_escape_values() {
    let dir = wide_workspace();
    write(
        dir.path(),
        "a,b:c.txt",
        "由各单位承担分摊部份。\n".as_bytes(),
    );
    let out = run(
        dir.path(),
        &["check", "--format", "github", "wide.txt", "a,b:c.txt"],
    );
    let text = stdout(&out);
    assert!(
        text.contains("::warning file=wide.txt,line=3,col=3,endLine=3,endColumn=14,title=docnum/bracket-style::发文字号“冀财预【2020】5号”"),
        "{text}"
    );
    assert!(text.contains("::notice file=a%2Cb%3Ac.txt,line=1,col=9,endLine=1,endColumn=11,title=wording/bufen::“部份”应写作“部分”\n"), "{text}");
    let related = text
        .lines()
        .find(|l| l.contains("title=docnum/missing-agency"))
        .unwrap();
    assert!(
        related.contains("%0A3:3: 完整发文字号：冀财预【2020】5号"),
        "related places follow the message: {related}"
    );
    assert!(text
        .lines()
        .all(|l| !l.starts_with("::") || !l.contains('\r')));
}

#[test]
fn junit_has_a_suite_per_file_a_failure_per_finding_and_a_passing_case_per_clean_file() {
    let dir = workspace(
        ONLY_WORDING,
        &[
            ("a.txt", "由各单位承担分摊部份<和>其它支出。\n"),
            ("clean.txt", "一、部门职责\n"),
        ],
    );
    let out = run(
        dir.path(),
        &[
            "check",
            "--format",
            "junit",
            "a.txt",
            "clean.txt",
            "gone.txt",
        ],
    );
    let xml = stdout(&out);
    assert_well_formed_xml(&xml);
    // The two findings are infos: advice, reported as passing cases with their message.
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"budgetlint\" tests=\"4\" failures=\"0\" errors=\"1\">"), "{xml}");
    assert!(
        xml.contains("<testsuite name=\"a.txt\" tests=\"2\" failures=\"0\""),
        "{xml}"
    );
    assert!(!xml.contains("<failure type=\"info\""), "{xml}");
    assert!(
        xml.contains(
            "<testcase classname=\"a.txt\" name=\"wording/bufen 1:9\" file=\"a.txt\" line=\"1\">"
        ),
        "{xml}"
    );
    assert!(
        xml.contains("<system-out>a.txt:1:9: 提示[wording/bufen]: “部份”应写作“部分”"),
        "{xml}"
    );
    assert!(
        xml.contains("<testsuite name=\"clean.txt\" tests=\"1\" failures=\"0\""),
        "{xml}"
    );
    assert!(
        xml.contains("<testcase classname=\"clean.txt\" name=\"budgetlint\" file=\"clean.txt\"/>"),
        "{xml}"
    );
    assert!(
        xml.contains("<testsuite name=\"gone.txt\" tests=\"1\" failures=\"0\" errors=\"1\""),
        "{xml}"
    );
}

#[test]
fn rdjson_counts_utf8_bytes_and_offers_fixes_as_suggestions() {
    let dir = wide_workspace();
    let out = run(dir.path(), &["check", "--format", "rdjson", "wide.txt"]);
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["source"]["name"], "budgetlint");
    let diags = v["diagnostics"].as_array().unwrap();
    let tax = diags
        .iter()
        .find(|d| d["code"]["value"] == "wording/abolished-tax-office")
        .unwrap();
    let line = fixture("wide.txt").lines().nth(2).unwrap().to_string();
    let byte_col = line.find("地税部门").unwrap() as u64 + 1;
    assert_eq!(
        tax["location"]["range"]["start"],
        serde_json::json!({ "line": 3, "column": byte_col })
    );
    assert_eq!(
        tax["location"]["range"]["end"]["column"],
        byte_col + "地税部门".len() as u64
    );
    assert_eq!(tax["severity"], "INFO");
    assert_eq!(tax["suggestions"][0]["text"], "税务部门");
    assert_eq!(tax["location"]["path"], "wide.txt");
    let missing = diags
        .iter()
        .find(|d| d["code"]["value"] == "docnum/missing-agency")
        .unwrap();
    assert_eq!(missing["severity"], "WARNING");
    assert!(
        missing["message"]
            .as_str()
            .unwrap()
            .contains("\n3:3: 完整发文字号"),
        "{missing}"
    );
}

#[test]
fn sarif_has_rule_metadata_locations_related_locations_and_fixes() {
    let dir = wide_workspace();
    let out = run(
        dir.path(),
        &["check", "--format", "sarif", "wide.txt", "nothing.txt"],
    );
    let log: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_sarif_structure(&log);
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let bracket = rules
        .iter()
        .find(|r| r["id"] == "docnum/bracket-style")
        .unwrap();
    assert_eq!(bracket["name"], "DocnumBracketStyle");
    assert_eq!(
        bracket["shortDescription"]["text"],
        "发文字号 year not enclosed in 六角括号 〔〕"
    );
    assert!(
        bracket["fullDescription"]["text"]
            .as_str()
            .unwrap()
            .starts_with("The brackets around the year"),
        "{bracket}"
    );
    assert!(
        bracket["help"]["markdown"]
            .as_str()
            .unwrap()
            .contains("## Why\nGB/T 9704-2012"),
        "{bracket}"
    );
    assert_eq!(bracket["defaultConfiguration"]["level"], "warning");
    let results = run["results"].as_array().unwrap();
    let missing = results
        .iter()
        .find(|r| r["ruleId"] == "docnum/missing-agency")
        .unwrap();
    assert_eq!(
        missing["locations"][0]["physicalLocation"]["artifactLocation"],
        serde_json::json!({ "uri": "wide.txt", "uriBaseId": "%SRCROOT%" })
    );
    assert_eq!(
        missing["locations"][0]["physicalLocation"]["region"],
        serde_json::json!({ "startLine": 3, "startColumn": 14, "endLine": 3, "endColumn": 22 })
    );
    assert_eq!(
        missing["relatedLocations"][0]["physicalLocation"]["region"]["startColumn"],
        3
    );
    assert_eq!(
        missing["relatedLocations"][0]["message"]["text"],
        "完整发文字号：冀财预【2020】5号"
    );
    let bufen = results
        .iter()
        .find(|r| r["ruleId"] == "wording/bufen")
        .unwrap();
    assert_eq!(bufen["level"], "note");
    assert_eq!(
        bufen["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"],
        "部分"
    );
    let invocation = &run["invocations"][0];
    assert_eq!(
        invocation["executionSuccessful"], false,
        "nothing.txt is missing"
    );
    assert!(
        invocation["toolExecutionNotifications"][0]["message"]["text"]
            .as_str()
            .unwrap()
            .contains("no such file")
    );
}

/// The seeds with every built-in plugin, validated by the official SARIF Multitool (npm
/// package @microsoft/sarif-multitool, installed into the target directory on first use).
#[test]
fn sarif_on_the_seeds_passes_the_sarif_multitool_validator() {
    let dir = tempfile::tempdir().unwrap();
    let names = copy_seeds(dir.path());
    let mut args = vec!["check", "--format", "sarif"];
    args.extend(names.iter().map(String::as_str));
    let out = run(dir.path(), &args);
    let log: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_sarif_structure(&log);
    let file = dir.path().join("seeds.sarif");
    std::fs::write(&file, &out.stdout).unwrap();
    let Some(tool) = sarif_multitool() else {
        return;
    };
    let validated = std::process::Command::new(&tool)
        .arg("validate")
        .arg(&file)
        .env("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1")
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&validated.stdout).into_owned()
        + &String::from_utf8_lossy(&validated.stderr);
    assert!(validated.status.success(), "{report}");
    let errors: Vec<&str> = report.lines().filter(|l| l.contains(": error ")).collect();
    assert!(
        errors.is_empty(),
        "SARIF Multitool found errors:\n{}",
        errors.join("\n")
    );
    assert!(
        report.contains("Analysis completed successfully"),
        "{report}"
    );
}

/// The validator, installed with npm into the target directory once; `None` (with a message)
/// when npm or the registry is not available.
fn sarif_multitool() -> Option<std::path::PathBuf> {
    let prefix = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("sarif-multitool");
    let tool = prefix.join("node_modules/.bin/sarif-multitool");
    if !tool.exists() {
        let installed = std::process::Command::new("npm")
            .args([
                "install",
                "--no-audit",
                "--no-fund",
                "--no-save",
                "--prefix",
            ])
            .arg(&prefix)
            .arg("@microsoft/sarif-multitool@5.7.0")
            .output();
        match installed {
            Ok(o) if o.status.success() => {}
            Ok(o) => {
                eprintln!(
                    "SKIPPED SARIF Multitool validation: npm install failed:\n{}",
                    String::from_utf8_lossy(&o.stderr)
                );
                return None;
            }
            Err(e) => {
                eprintln!("SKIPPED SARIF Multitool validation: npm is not available ({e})");
                return None;
            }
        }
    }
    // npm may not run the package's postinstall `chmod`: make sure the binary is executable.
    let binary = prefix.join("node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");
    if let Ok(meta) = std::fs::metadata(&binary) {
        use std::os::unix::fs::PermissionsExt;
        let mut perms = meta.permissions();
        perms.set_mode(perms.mode() | 0o755);
        let _ = std::fs::set_permissions(&binary, perms);
    }
    tool.exists().then_some(tool)
}

/// The properties SARIF 2.1.0 requires, and the references between them.
fn assert_sarif_structure(log: &Value) {
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "budgetlint");
    let rules = driver["rules"].as_array().unwrap();
    for r in rules {
        assert!(
            r["id"].is_string()
                && r["shortDescription"]["text"].is_string()
                && r["fullDescription"]["text"].is_string(),
            "{r}"
        );
        assert!(r["help"]["text"].is_string(), "{r}");
        assert!(
            ["error", "warning", "note"]
                .contains(&r["defaultConfiguration"]["level"].as_str().unwrap()),
            "{r}"
        );
    }
    for result in runs[0]["results"].as_array().unwrap() {
        assert!(result["message"]["text"].is_string(), "{result}");
        assert!(
            ["error", "warning", "note"].contains(&result["level"].as_str().unwrap()),
            "{result}"
        );
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(
            rules[index]["id"], result["ruleId"],
            "ruleIndex points at the rule"
        );
        let locations = result["locations"]
            .as_array()
            .unwrap()
            .iter()
            .chain(result["relatedLocations"].as_array().into_iter().flatten());
        for location in locations {
            let physical = &location["physicalLocation"];
            assert!(
                physical["artifactLocation"]["uri"].is_string(),
                "{location}"
            );
            let region = &physical["region"];
            let (line, col) = (
                region["startLine"].as_u64().unwrap(),
                region["startColumn"].as_u64().unwrap(),
            );
            let (end_line, end_col) = (
                region["endLine"].as_u64().unwrap(),
                region["endColumn"].as_u64().unwrap(),
            );
            assert!(
                line >= 1 && col >= 1 && (end_line, end_col) >= (line, col),
                "{region}"
            );
        }
        for fix in result["fixes"].as_array().into_iter().flatten() {
            for change in fix["artifactChanges"].as_array().unwrap() {
                assert!(change["artifactLocation"]["uri"].is_string());
                for r in change["replacements"].as_array().unwrap() {
                    assert!(
                        r["deletedRegion"]["startLine"].as_u64().unwrap() >= 1,
                        "{r}"
                    );
                }
            }
        }
    }
    let invocation = &runs[0]["invocations"][0];
    assert!(invocation["executionSuccessful"].is_boolean());
}

/// A small well-formedness check: tags nest and close, attributes are quoted, `&` starts an
/// entity, and there is one root element.
fn assert_well_formed_xml(xml: &str) {
    let body = xml
        .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .expect("XML declaration");
    let mut stack: Vec<String> = Vec::new();
    let mut roots = 0;
    let mut rest = body;
    while let Some(open) = rest.find('<') {
        assert_entities(&rest[..open]);
        let close = rest[open..].find('>').expect("unclosed tag") + open;
        let tag = &rest[open + 1..close];
        assert_eq!(
            tag.matches('"').count() % 2,
            0,
            "attribute quotes in <{tag}>"
        );
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name), "closing </{name}>");
        } else {
            let name = tag
                .split_whitespace()
                .next()
                .unwrap()
                .trim_end_matches('/')
                .to_string();
            if stack.is_empty() {
                roots += 1;
            }
            if !tag.ends_with('/') {
                stack.push(name);
            }
        }
        rest = &rest[close + 1..];
    }
    assert!(stack.is_empty(), "unclosed {stack:?}");
    assert_eq!(roots, 1);
}

fn assert_entities(text: &str) {
    for (i, _) in text.match_indices('&') {
        let entity = &text[i..text[i..].find(';').map_or(text.len(), |e| i + e + 1)];
        assert!(
            ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"].contains(&entity),
            "bad entity {entity}"
        );
    }
}

/// A blank page has no line of its own: the finding on the form feed that begins it names that
/// page, not the page of the next text.
#[test]
fn a_blank_page_is_reported_on_its_own_page() {
    let text = "一、部门职责\n负责全区工作。\n\x0c二、机构设置\n内设科室五个。\n\x0c\x0c三、收支情况\n收支总计100万元。\n";
    let blank = blank_page_finding(text);
    assert_eq!(blank["page"], 3, "{blank}");
}

/// The `structure/blank-page` finding of `check --format json` on `text` as `doc.txt`.
fn blank_page_finding(text: &str) -> Value {
    let dir = workspace(
        "[plugins]\nenable = [\"structure\"]\n",
        &[("doc.txt", text)],
    );
    let report = json(&run(dir.path(), &["check", "--format", "json", "doc.txt"]));
    report["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "structure/blank-page")
        .unwrap_or_else(|| panic!("the blank page is reported: {report}"))
        .clone()
}

/// The same in text that `pdftotext -layout` wrote, where the feeds of a blank page stand in
/// one line between the end of one page and the start of the next (`   \x0c\x0c   三、…`): the
/// finding names the blank page, and its line text is that page's (none), not the next page's.
#[test]
fn a_blank_page_of_a_pdftotext_text_is_reported_on_its_own_page() {
    let page = |heading: &str| {
        format!(
            "                 某某局2021年部门决算\n    {heading}\n    负责全区工作，统筹推进社会事务管理。\n    项目                  金额\n    合计                100.00\n    其他                 20.00\n          "
        )
    };
    let text = format!(
        "{}\x0c{}\x0c\x0c{}\n",
        page("一、部门职责"),
        page("二、机构设置"),
        page("三、收支情况")
    );
    let blank = blank_page_finding(&text);
    assert_eq!(blank["page"], 3, "{blank}");
    assert_eq!(blank["line_text"], "", "{blank}");
}
