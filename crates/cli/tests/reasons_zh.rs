//! The last English a Chinese reviewer met: the reasons libraries give (a glob, TOML syntax, a
//! damaged Word file, a broken baseline), the errors of rule-pack and province-template
//! authors, and the descriptions of rule options on `explain` pages. Each is Chinese by default
//! and English with `--lang en`.

mod support;

use support::*;

/// `--include`/`--exclude` globs that do not compile say why in Chinese (globset's reason).
#[test]
fn a_bad_glob_is_explained_in_chinese() {
    let dir = workspace(ONLY_WORDING, &[]);
    for (glob, zh) in [
        ("[abc", "--include `[abc`：字符类 [ 没有闭合，缺少 ]"),
        (
            "[z-a]",
            "--include `[z-a]`：字符范围 z-a 无效：起点在终点之后",
        ),
    ] {
        let out = run(dir.path(), &["check", "--include", glob, "."]);
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(stderr(&out), format!("budgetlint: 错误：{zh}\n"));
    }
    let out = run(dir.path(), &["check", "--exclude", "{a,b", "."]);
    assert_eq!(
        stderr(&out),
        "budgetlint: 错误：--exclude `{a,b`：{ 没有闭合，缺少 }（要匹配 { 本身，请写作 [{]）\n"
    );
    let en = stderr(&run(
        dir.path(),
        &["check", "--exclude", "{a,b", ".", "--lang", "en"],
    ));
    assert!(
        en.starts_with("budgetlint: error: --exclude `{a,b`: error parsing glob"),
        "{en}"
    );
}

/// A syntax slip in rules.toml is a Chinese sentence at its line and column (toml's own words
/// with `--lang en`); a Windows path in double quotes says how to write it.
#[test]
fn toml_syntax_slips_are_chinese_sentences() {
    for (config, zh, en) in [
        (
            "[rules.\"wording/bufen\"]\nseverity = warning\n",
            "rules.toml:2:12: TOML 格式错误：字符串值须加引号（如 severity = \"off\"）",
            "rules.toml:2:12: string values must be quoted",
        ),
        (
            "[plugins]\ndirs = [\"C:\\插件\\new\"]\n",
            "rules.toml:2:13: TOML 格式错误：双引号字符串中的 \\ 后面不是有效的转义字符（Windows 路径请写成 \\\\，或改用单引号：'C:\\目录'）",
            "rules.toml:2:13: missing escaped value",
        ),
        (
            "[plugins]\n[plugins]\n",
            "rules.toml:2:2: 同一个键或表写了两次",
            "rules.toml:2:2: duplicate key",
        ),
    ] {
        let dir = workspace(config, &[("a.txt", "一、部门预算说明\n")]);
        let out = run(dir.path(), &["check", "a.txt"]);
        assert_eq!(out.status.code(), Some(2), "{config}");
        let err = stderr(&out);
        assert!(err.contains(zh), "{zh} in\n{err}");
        let err = stderr(&run(dir.path(), &["check", "a.txt", "--lang", "en"]));
        assert!(err.contains(en), "{en} in\n{err}");
    }
}

/// A Word file whose XML is damaged names the mismatched tags in Chinese; one cut short says its
/// ZIP structure is damaged.
#[test]
fn a_damaged_word_file_is_explained_in_chinese() {
    let dir = workspace(ONLY_WORDING, &[]);
    let body = "<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>一、收入</w:t></w:r></w:p></w:bdy></w:document>";
    std::fs::write(
        dir.path().join("bad.docx"),
        stored_zip(&[
            ("[Content_Types].xml", "<Types/>"),
            ("word/document.xml", body),
        ]),
    )
    .unwrap();
    let whole = stored_zip(&[("word/document.xml", "<w:document/>")]);
    std::fs::write(dir.path().join("cut.docx"), &whole[..whole.len() - 30]).unwrap();
    let out = run(dir.path(), &["check", "bad.docx", "cut.docx"]);
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out) + &stderr(&out);
    for expected in [
        "错误：无法检查 bad.docx: word/document.xml 在第 ",
        "字节附近已损坏：XML 结束标签不匹配：应为 </w:body>，实为 </w:bdy>",
        "错误：无法检查 cut.docx: 无法读取这个 Word 文档：其 ZIP 结构已损坏或不完整（",
    ] {
        assert!(text.contains(expected), "{expected} in\n{text}");
    }
    let en = stdout(&run(
        dir.path(),
        &["check", "bad.docx", "cut.docx", "--lang", "en"],
    ));
    assert!(
        en.contains("word/document.xml is damaged near byte")
            && en.contains("expected `</w:body>`"),
        "{en}"
    );
}

/// A rule pack and a province template that rules.toml names, each with an author's mistake:
/// the errors are Chinese, at the line and column of the mistake.
#[test]
fn pack_and_template_errors_are_chinese() {
    let pack = "[pack]\nname = \"mine\"\n\n[[rule]]\nid = \"mine/x\"\nkind = \"regex\"\n\
                severity = \"warning\"\nsummary = \"s\"\nmessage = \"m\"\npattern = \"合计(万元\"\n\
                should_fire = [\"合计(万元\"]\nshould_pass = [\"丙\"]\n";
    let template = "province = \"山东\"\nkind = \"budget\"\nname-zh = \"x\"\nname-en = \"x\"\n\
                    numbering = \"part\"\nlevels = [\"shire\"]\n[[sections]]\ntitle = \"概况\"\n\
                    aliases = [\"概况\"]\n";
    let dir = workspace(
        "[plugins]\nenable = [\"wording\"]\npacks = [\"mine.toml\"]\nprovinces = [\"shandong.toml\"]\n",
        &[("a.txt", "一、部门预算说明\n")],
    );
    std::fs::write(dir.path().join("mine.toml"), pack).unwrap();
    std::fs::write(dir.path().join("shandong.toml"), template).unwrap();
    let err = stderr(&run(dir.path(), &["check", "a.txt"]));
    for expected in [
        "mine.toml:10:11: 正则表达式无效：第 3 个字符处括号 ( 没有闭合",
        "shandong.toml:6:11: 不认识的级次 `shire`（可用：province, city, county, district, township）",
    ] {
        assert!(err.contains(expected), "{expected} in\n{err}");
    }
    let err = stderr(&run(dir.path(), &["check", "a.txt", "--lang", "en"]));
    for expected in [
        "mine.toml:10:11: invalid regex: regex parse error:",
        "shandong.toml:6:11: unknown level `shire`",
    ] {
        assert!(err.contains(expected), "{expected} in\n{err}");
    }
    let out = run(dir.path(), &["test-rules", "mine.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("mine.toml:10:11: 正则表达式无效"),
        "{}",
        stderr(&out)
    );
}

/// A baseline file cut short (a JSON error) says so in Chinese at its place.
#[test]
fn a_broken_baseline_is_explained_in_chinese() {
    let dir = workspace(ONLY_WORDING, &[("a.txt", "本部门承担部份支出。\n")]);
    std::fs::write(
        dir.path().join(".budgetlint-baseline.json"),
        "{\"version\": 1,",
    )
    .unwrap();
    let out = run(dir.path(), &["check", "a.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(
            ".budgetlint-baseline.json:1:14: 基线文件不是有效的 JSON：JSON 意外结束（文件不完整）"
        ),
        "{}",
        stderr(&out)
    );
    let en = stderr(&run(dir.path(), &["check", "a.txt", "--lang", "en"]));
    assert!(
        en.contains(".budgetlint-baseline.json:1:14: EOF while parsing"),
        "{en}"
    );
}

/// `explain` describes a rule's options in Chinese on the Chinese page.
#[test]
fn explain_describes_options_in_chinese() {
    let dir = workspace("", &[]);
    let zh = stdout(&run(dir.path(), &["explain", "arithmetic/rounding-gap"]));
    assert!(
        zh.contains("选项：min_gap (number, 默认 0): 只报告至少这么大的差额，以合计数的单位计（0：每个差额都报告）\n"),
        "{zh}"
    );
    let en = stdout(&run(
        dir.path(),
        &["explain", "arithmetic/rounding-gap", "--lang", "en"],
    ));
    assert!(
        en.contains("min_gap (number, default 0): Report only gaps of at least this much"),
        "{en}"
    );
}

/// A ZIP archive of the entries.
fn stored_zip(entries: &[(&str, &str)]) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, body) in entries {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}
