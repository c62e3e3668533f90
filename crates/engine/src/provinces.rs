//! Province templates as data (see [`budgetlint_protocol::province`]): the built-in ones
//! (`data/provinces/*.toml`, compiled in) and those rules.toml's `plugins.provinces` names
//! (files, or directories of `*.toml`). Each file is validated when loaded: its province must
//! be a province-level division of the division table, its levels known, its lists non-empty.
//! The engine hands a document's plugins the templates of the document's province, in its
//! profile; the generic `province` plugin checks them.

use crate::error::FileError;
use budgetlint_protocol::province::Problem;
use budgetlint_protocol::ProvinceTemplate;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The templates built into budgetlint: (file name, text). A test checks that every file of
/// `data/provinces` is listed.
const BUILT_IN: &[(&str, &str)] = &[
    (
        "henan-budget.toml",
        include_str!("../../../data/provinces/henan-budget.toml"),
    ),
    (
        "hebei-budget.toml",
        include_str!("../../../data/provinces/hebei-budget.toml"),
    ),
    (
        "shanghai-budget.toml",
        include_str!("../../../data/provinces/shanghai-budget.toml"),
    ),
    (
        "shanghai-final-accounts.toml",
        include_str!("../../../data/provinces/shanghai-final-accounts.toml"),
    ),
    (
        "shanxi-final-accounts.toml",
        include_str!("../../../data/provinces/shanxi-final-accounts.toml"),
    ),
    (
        "sichuan-budget.toml",
        include_str!("../../../data/provinces/sichuan-budget.toml"),
    ),
];

/// A loaded template and where it came from.
#[derive(Debug, Clone)]
pub struct LoadedTemplate {
    pub path: PathBuf,
    pub template: Arc<ProvinceTemplate>,
}

/// The built-in templates (they are tested: a broken one is a build defect, and is skipped).
pub fn built_in() -> Vec<LoadedTemplate> {
    BUILT_IN
        .iter()
        .filter_map(|(name, text)| {
            parse(
                Path::new(&format!("<built-in>/data/provinces/{name}")),
                text,
            )
            .ok()
        })
        .collect()
}

/// The templates of `paths` (files, or directories whose `*.toml` files are read in name
/// order); each unreadable or invalid file is an error naming it.
pub fn load(paths: &[PathBuf]) -> (Vec<LoadedTemplate>, Vec<FileError>) {
    let mut loaded = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        for file in files(path, &mut errors) {
            match std::fs::read_to_string(&file) {
                Ok(text) => match parse(&file, &text) {
                    Ok(t) => loaded.push(t),
                    Err(e) => errors.push(e),
                },
                Err(e) => errors.push(FileError::io(&file, &e)),
            }
        }
    }
    (loaded, errors)
}

fn files(path: &Path, errors: &mut Vec<FileError>) -> Vec<PathBuf> {
    if !path.is_dir() {
        return vec![path.to_path_buf()];
    }
    match std::fs::read_dir(path) {
        Ok(entries) => {
            let mut files: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "toml") && p.is_file())
                .collect();
            files.sort();
            files
        }
        Err(e) => {
            errors.push(FileError::io(path, &e));
            Vec::new()
        }
    }
}

/// Reads one template, naming its province by the division table's short name.
pub fn parse(path: &Path, text: &str) -> Result<LoadedTemplate, FileError> {
    let mut template: ProvinceTemplate =
        toml::from_str(text).map_err(|e| FileError::from_toml(path, text, &e))?;
    let Some(division) = budgetlint_model::divisions::province(&template.province) else {
        let province = &template.province;
        return Err(FileError::new(
            path,
            format!(
                "`province = \"{province}\"` is not a province-level division (write it as \"shanghai\", \"上海\" or \"310000\")"
            ),
        )
        .zh(format!(
            "`province = \"{province}\"` 不是省级行政区（可写作 \"shanghai\"、\"上海\" 或 \"310000\"）"
        )));
    };
    template.province = division.province.to_string();
    if let Some(first) = template.problems().into_iter().next() {
        return Err(problem_error(path, text, first));
    }
    Ok(LoadedTemplate {
        path: path.to_path_buf(),
        template: Arc::new(template),
    })
}

/// The loader's error for a template problem: at the line of the text it is about (the quoted
/// title or level, else the key), or naming the file only.
fn problem_error(path: &Path, text: &str, problem: Problem) -> FileError {
    let offset = problem.needle.as_deref().and_then(|needle| {
        text.find(&format!("\"{needle}\"")).or_else(|| {
            text.lines()
                .position(|l| l.trim_start().starts_with(needle))
                .map(|i| text.split_inclusive('\n').take(i).map(str::len).sum())
        })
    });
    match offset {
        Some(offset) => FileError::at(path, text, offset, problem.message),
        None => FileError::new(path, problem.message),
    }
    .zh(problem.message_zh)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_data_file_is_built_in_and_valid() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/provinces");
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".toml"))
            .collect();
        on_disk.sort();
        let mut listed: Vec<String> = BUILT_IN.iter().map(|(n, _)| n.to_string()).collect();
        listed.sort();
        assert_eq!(
            on_disk, listed,
            "list every data/provinces file in BUILT_IN"
        );
        for (name, text) in BUILT_IN {
            if let Err(e) = parse(Path::new(name), text) {
                panic!("{e}");
            }
        }
        assert_eq!(built_in().len(), BUILT_IN.len());
    }

    #[test]
    fn a_bad_template_is_an_error_naming_the_file_and_the_problem() {
        let d = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| {
            let p = d.path().join(name);
            std::fs::write(&p, text).unwrap();
            p
        };
        let head = "kind = \"budget\"\nname-zh = \"x\"\nname-en = \"x\"\nnumbering = \"part\"\n";
        let atlantis = write(
            "a.toml",
            &format!("province = \"atlantis\"\n{head}[[sections]]\ntitle = \"概况\"\naliases = [\"概况\"]\n"),
        );
        let empty = write("b.toml", &format!("province = \"山东\"\n{head}"));
        let typo = write(
            "c.toml",
            &format!("province = \"山东\"\n{head}sectons = []\n"),
        );
        let (loaded, errors) = load(&[atlantis, empty, typo]);
        assert!(loaded.is_empty());
        let messages: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert!(
            messages[0].contains("a.toml") && messages[0].contains("atlantis"),
            "{messages:?}"
        );
        assert!(
            messages[1].contains("neither `sections` nor `tables`"),
            "{messages:?}"
        );
        assert_eq!(errors[2].position.map(|p| p.0), Some(6), "{messages:?}");
        // In Chinese, for the template's authors.
        let zh: Vec<&str> = errors.iter().map(|e| e.message_in(true)).collect();
        assert!(zh[0].contains("不是省级行政区"), "{zh:?}");
        assert_eq!(zh[1], "模板既没有列出 `sections`，也没有列出 `tables`");
        assert!(zh[2].starts_with("不认识的键 `sectons`（可用："), "{zh:?}");
    }

    #[test]
    fn a_template_problem_names_its_line_and_a_newer_schema_is_refused() {
        let head = "province = \"山东\"\nkind = \"budget\"\nname-zh = \"x\"\nname-en = \"x\"\nnumbering = \"part\"\n";
        let entry = "[[sections]]\ntitle = \"概况\"\naliases = [\"概况\"]\n";
        let error = |text: &str| parse(Path::new("p.toml"), text).unwrap_err();
        let e = error(&format!("schema = 2\n{head}{entry}"));
        assert_eq!(e.position.map(|p| p.0), Some(1), "{e}");
        assert!(e.to_string().contains("`schema = 2`"), "{e}");
        assert_eq!(
            e.message_in(true),
            "`schema = 2` 不是这个版本的 budgetlint 能读的模板格式（1 到 1）：请更新 budgetlint"
        );
        let e = error(&format!("{head}levels = [\"county\", \"shire\"]\n{entry}"));
        assert_eq!(e.position.map(|p| p.0), Some(6), "{e}");
        assert!(e.to_string().contains("`shire`"), "{e}");
        assert!(
            e.message_in(true)
                .starts_with("不认识的级次 `shire`（可用：province, city"),
            "{e:?}"
        );
        let e = error(&format!(
            "{head}{entry}[[sections]]\ntitle = \"名词解释\"\naliases = [\" \"]\n"
        ));
        assert_eq!(e.position.map(|p| p.0), Some(10), "{e}");
        assert_eq!(
            e.message_in(true),
            "“名词解释”没有可据以识别的别名（`aliases` 为空）"
        );
        let e = error(&format!(
            "{head}{entry}[[regulations]]\ntitle = \"规程\"\nnumber = \"财预2016年143号\"\n"
        ));
        assert_eq!(e.position.map(|p| p.0), Some(11), "{e}");
        assert!(
            e.message_in(true)
                .starts_with("“财预2016年143号”不是发文字号（机关代字〔年份〕序号号"),
            "{e:?}"
        );
        let e = error(&format!(
            "{head}{entry}[[vocabulary]]\npreferred = \"一般公共预算\"\ndeprecated = [\"公共预算\"]\n"
        ));
        assert_eq!(e.position.map(|p| p.0), Some(10), "{e}");
        assert!(parse(Path::new("p.toml"), &format!("schema = 1\n{head}{entry}")).is_ok());
    }

    /// The settings a compiled province rule once held as code: `required` is true, false or
    /// "recommended" (nothing else), `1、` sections only with `一、` numbering, and a table is
    /// required or not (no warning rule reports a missing table).
    #[test]
    fn requirement_numbering_and_code_prefix_settings_are_validated() {
        let head = "province = \"四川\"\nkind = \"budget\"\nname-zh = \"x\"\nname-en = \"x\"\n";
        let entry = "[[sections]]\ntitle = \"概况\"\naliases = [\"概况\"]\n";
        let parsed = |text: &str| parse(Path::new("p.toml"), text);
        let t = parsed(&format!(
            "{head}numbering = \"chinese-comma\"\narabic-top-level = true\nsections-unit = \"item\"\nproject-code-prefix = \"division\"\n{entry}required = \"recommended\"\n"
        ))
        .unwrap();
        use budgetlint_protocol::province::{ProjectCodePrefix, Requirement};
        assert_eq!(t.template.sections[0].required, Requirement::Recommended);
        assert!(t.template.arabic_top_level);
        assert_eq!(
            t.template.project_code_prefix,
            Some(ProjectCodePrefix::Division)
        );
        let e = parsed(&format!(
            "{head}numbering = \"part\"\n{entry}required = \"maybe\"\n"
        ))
        .unwrap_err();
        assert!(e.to_string().contains("\"recommended\""), "{e}");
        let e = parsed(&format!(
            "{head}numbering = \"part\"\narabic-top-level = true\n{entry}"
        ))
        .unwrap_err();
        assert_eq!(e.position.map(|p| p.0), Some(6), "{e}");
        assert!(e.to_string().contains("chinese-comma"), "{e}");
        let e = parsed(&format!(
            "{head}numbering = \"part\"\n[[tables]]\ntitle = \"收入预算表\"\naliases = [\"收入预算表\"]\nrequired = \"recommended\"\n"
        ))
        .unwrap_err();
        assert!(
            e.message_in(true).starts_with("表“收入预算表”写了"),
            "{e:?}"
        );
    }

    #[test]
    fn a_directory_is_read_in_name_order_and_names_are_normalised() {
        let d = tempfile::tempdir().unwrap();
        let body = "kind = \"budget\"\nname-zh = \"山东省部门预算公开模板\"\nname-en = \"the Shandong template\"\nnumbering = \"part\"\n[[sections]]\ntitle = \"部门概况\"\naliases = [\"概况\"]\n";
        std::fs::write(
            d.path().join("b.toml"),
            format!("province = \"shandong\"\n{body}"),
        )
        .unwrap();
        std::fs::write(
            d.path().join("a.toml"),
            format!("province = \"山东省\"\n{body}"),
        )
        .unwrap();
        std::fs::write(d.path().join("notes.txt"), "not a template").unwrap();
        let (loaded, errors) = load(&[d.path().to_path_buf()]);
        assert!(errors.is_empty(), "{errors:?}");
        let names: Vec<(String, &str)> = loaded
            .iter()
            .map(|t| {
                (
                    t.path.file_name().unwrap().to_string_lossy().into_owned(),
                    t.template.province.as_str(),
                )
            })
            .collect();
        assert_eq!(
            names,
            [
                ("a.toml".to_string(), "山东"),
                ("b.toml".to_string(), "山东")
            ]
        );
    }
}
