//! The HTML reader on fixtures (a page and the canonical text expected of it, side by side in
//! `tests/fixtures/html/`), on encodings, on what the model makes of its tables, and on hostile
//! input.

use super::{looks_like_html, read};
use crate::Place;
use budgetlint_model::{parse_text, TableLayout};
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html")
}

fn text_of(html: &str) -> String {
    read(html.as_bytes())
        .map(|r| r.text)
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The cells of the model's tables, row by row.
fn model_tables(text: &str) -> Vec<Vec<Vec<String>>> {
    let doc = parse_text(text.to_string());
    doc.tables
        .iter()
        .map(|t| {
            t.rows
                .iter()
                .map(|r| r.cells.iter().map(|c| c.text.clone()).collect())
                .collect()
        })
        .collect()
}

#[test]
fn fixtures_read_as_expected() {
    let mut checked = 0;
    for entry in std::fs::read_dir(fixtures()).expect("fixture folder") {
        let path = entry.expect("fixture").path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let expected = std::fs::read_to_string(path.with_extension("txt"))
            .expect("expected text beside the page");
        let reading = read(&std::fs::read(&path).expect("page")).expect("readable");
        assert_eq!(
            reading.text,
            expected,
            "{}:\n{}",
            path.display(),
            reading.text.replace('\t', "⇥")
        );
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} fixtures");
}

#[test]
fn spanned_cells_keep_the_model_grid_aligned() {
    let text = std::fs::read_to_string(fixtures().join("spans.txt")).expect("fixture");
    let doc = parse_text(text.clone());
    assert_eq!(doc.tables.len(), 1);
    let table = &doc.tables[0];
    assert_eq!(table.layout, TableLayout::TabSeparated);
    assert_eq!(table.title.as_deref(), Some("收支总体情况表"));
    assert!(
        table.rows.iter().all(|r| r.cells.len() == 4),
        "{:?}",
        model_tables(&text)
    );
    assert_eq!(table.rows.len(), 6);
    assert_eq!(table.rows[3].cells[1].text, "3.00");
    assert_eq!(table.rows[5].cells[0].text, "合　计");
}

#[test]
fn a_word_export_gives_the_model_its_table_title_and_unit() {
    let text = std::fs::read_to_string(fixtures().join("word_export.txt")).expect("fixture");
    let doc = parse_text(text);
    assert_eq!(doc.tables.len(), 1);
    let table = &doc.tables[0];
    assert_eq!(table.title.as_deref(), Some("一般公共预算支出情况表"));
    assert_eq!(
        table.unit,
        Some(budgetlint_model::Unit::from_word("万元").expect("a unit"))
    );
    assert!(table.rows.iter().all(|r| r.cells.len() == 3));
    assert_eq!(table.rows[2].cells[1].text, "1,234.50");
}

#[test]
fn a_row_starting_with_an_empty_cell_stays_in_its_table() {
    // `\tX` alone would be one cell of a cell-per-line table for the model.
    let text = text_of(
        "<table><tr><td></td><td>2024年</td></tr><tr><td>合计</td><td>5.00</td></tr></table>",
    );
    let tables = model_tables(&text);
    assert_eq!(tables.len(), 1, "{text:?}");
    assert_eq!(tables[0][0][1], "2024年");
    assert_eq!(tables[0][1], ["合计", "5.00"]);
}

#[test]
fn nested_tables_are_flattened_into_rows() {
    let text = std::fs::read_to_string(fixtures().join("nested.txt")).expect("fixture");
    let tables = model_tables(&text);
    assert_eq!(tables.len(), 1);
    assert_eq!(
        tables[0],
        [
            ["项目", "金额"],
            ["收入 合计", "5.00"],
            ["其中：A", "2.00"],
            ["B", "3.00"],
            ["上年结转", "1.00"]
        ]
    );
}

#[test]
fn a_page_framed_by_a_menu_and_content_table_keeps_its_paragraphs() {
    let page = "<table width=980><tr><td width=200><a>首页</a><br><a>政务公开</a></td><td>\
        <h2>某局2024年部门决算</h2><p>一、部门职责</p><p>负责全市财政工作。</p>\
        <table><tr><td>项目</td><td>决算数</td></tr><tr><td>合计</td><td>5.00</td></tr></table>\
        </td></tr></table>";
    assert_eq!(
        text_of(page),
        "首页\n政务公开\n\n某局2024年部门决算\n\n一、部门职责\n\n负责全市财政工作。\n\n项目\t决算数\n合计\t5.00\n"
    );
}

#[test]
fn gbk_pages_are_decoded_with_or_without_a_declaration() {
    let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body><p>一般公共预算支出</p><table><tr><td>合计</td><td>10,785.51</td></tr></table></body></html>";
    let bytes = encoding_rs::GBK.encode(page).0.into_owned();
    let reading = read(&bytes).expect("readable");
    assert_eq!(reading.source.encoding, "gbk");
    assert_eq!(reading.text, "一般公共预算支出\n\n合计\t10,785.51\n");
    assert_eq!(reading.source.replaced_bytes, 0);

    let undeclared = page.replace("; charset=gb2312", "");
    let bytes = encoding_rs::GB18030.encode(&undeclared).0.into_owned();
    let reading = read(&bytes).expect("readable");
    assert_eq!(reading.source.encoding, "gb18030");
    assert!(reading.text.starts_with("一般公共预算支出\n"));
}

#[test]
fn meta_charset_and_bom_choose_the_encoding() {
    let page = "<!DOCTYPE html><meta charset=\"GBK\"><p>预算</p>";
    let reading = read(&encoding_rs::GBK.encode(page).0).expect("readable");
    assert_eq!(
        (reading.text.as_str(), reading.source.encoding.as_str()),
        ("预算\n", "gbk")
    );

    let mut bom = b"\xef\xbb\xbf".to_vec();
    bom.extend_from_slice("<meta charset=gbk><p>决算</p>".as_bytes());
    let reading = read(&bom).expect("readable");
    assert!(reading.source.had_bom);
    assert_eq!(
        (reading.text.as_str(), reading.source.encoding.as_str()),
        ("决算\n", "utf-8")
    );
}

#[test]
fn a_huge_data_url_is_skipped_and_the_text_around_it_kept() {
    let mut page =
        String::from("<html><body><p>图前文字</p><p><img alt=\"x\" src=\"data:image/png;base64,");
    page.extend(std::iter::repeat_n(
        "iVBORw0KGgoAAAANSUhEUgAA",
        3 * 1024 * 1024 / 24,
    ));
    page.push_str("\" width=10>图后文字</p><p>下一段</p></body></html>");
    let text = text_of(&page);
    assert_eq!(text, "图前文字\n\n图后文字\n\n下一段\n");
}

#[test]
fn places_name_rows_and_blocks() {
    let reading = read("<p>一</p><div>二</div><table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table><p>三</p>".as_bytes()).expect("readable");
    let at = |s: &str| {
        reading
            .places
            .place_at(reading.text.find(s).expect("in text"))
            .cloned()
    };
    assert_eq!(at("一"), Some(Place::Element("<p> 1".into())));
    assert_eq!(at("二"), Some(Place::Element("<div> 1".into())));
    assert_eq!(at("c\td"), Some(Place::Element("<table> 1, row 2".into())));
    assert_eq!(at("三"), Some(Place::Element("<p> 2".into())));
}

#[test]
fn positioned_pages_have_page_places() {
    let reading = read(&std::fs::read(fixtures().join("positioned.html")).expect("fixture"))
        .expect("readable");
    let at = |s: &str| {
        reading
            .places
            .place_at(reading.text.find(s).expect("in text"))
            .cloned()
    };
    assert_eq!(at("基本支出"), Some(Place::Page(1)));
    assert_eq!(at("主要职责"), Some(Place::Page(2)));
    let tables = model_tables(&reading.text);
    assert_eq!(tables, [[["项目", "预算数"], ["基本支出", "1,234.50"]]]);
}

/// A converted 绩效目标表 whose borders are drawn as empty positioned elements: a wrapped
/// indicator name is one cell with its value beside it, the 一级/二级 cells spanning two rows
/// start with the first of them, and a value the page leaves empty stays empty.
#[test]
fn the_lines_of_a_bordered_cell_are_one_cell() {
    let reading =
        read(&std::fs::read(fixtures().join("ruled.html")).expect("fixture")).expect("readable");
    let doc = parse_text(reading.text.clone());
    let perf = doc.perf_tables.first().expect("a 绩效目标表");
    let rows: Vec<(String, String, String)> = perf
        .indicators
        .iter()
        .map(|r| {
            let text = |c: &Option<budgetlint_model::TextCell>| {
                c.as_ref().map(|c| c.text.clone()).unwrap_or_default()
            };
            (text(&r.level2), text(&r.level3), text(&r.value))
        })
        .collect();
    let expected = [
        ("数量指标", "培训人次", "≥100人次"),
        (
            "质量指标",
            "符合补助条件的优抚对象中实际参保人数的比例",
            "≥95%",
        ),
        ("质量指标", "服务质量达标率", ""),
        ("社会效益指标", "有责投诉数", "0个"),
    ]
    .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()));
    assert_eq!(rows, expected, "{}", reading.text.replace('\t', "⇥"));
}

#[test]
fn a_lone_positioned_element_is_a_line_not_a_page() {
    let page = "<body><p>正文</p><div style=\"position:absolute;top:10px;left:5px\">返回顶部</div><p>结尾</p></body>";
    assert_eq!(text_of(page), "正文\n返回顶部\n\n结尾\n");
}

#[test]
fn a_page_with_only_scripts_is_refused_with_a_reason() {
    let err = read(b"<html><head><script>document.write('x')</script></head><body></body></html>")
        .unwrap_err();
    assert!(err.message.contains("JavaScript"), "{err}");
}

#[test]
fn deep_nesting_and_many_unclosed_elements_do_not_overflow() {
    let deep = "<div><span>".repeat(100_000) + "深处" + &"</table></td>".repeat(100_000);
    assert_eq!(text_of(&deep), "深处\n");
    let tables = "<table><tr><td>".repeat(20_000) + "格";
    assert!(text_of(&tables).contains('格'));
    let runs: String = (0..5_000)
        .map(|i| {
            format!(
                "<div style=\"position:absolute;top:{}pt;left:{}pt\">{i}</div>",
                i % 2,
                i * 40
            )
        })
        .collect();
    assert!(text_of(&format!("<div>{runs}</div>")).contains("4999"));
    let spans = "<td colspan=1000 rowspan=65534>x".repeat(2_000);
    assert!(read(format!("<table><tr>{spans}</table>").as_bytes()).is_ok());
}

#[test]
fn every_truncation_of_the_fixtures_reads_without_panic() {
    for entry in std::fs::read_dir(fixtures()).expect("fixture folder") {
        let bytes = std::fs::read(entry.expect("fixture").path()).expect("fixture");
        for end in 0..bytes.len() {
            if let Ok(reading) = read(&bytes[..end]) {
                let _ = parse_text(reading.text);
            }
        }
    }
}

proptest::proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..512)) {
        let _ = read(&bytes);
    }

    #[test]
    fn markup_soup_never_panics(parts in proptest::collection::vec(proptest::sample::select(vec![
        "<table>", "</table>", "<tr>", "</tr>", "<td colspan=2>", "<td rowspan=\"3\">", "</td>", "<th>", "<p>", "</p>", "<br>",
        "<div style=\"position:absolute;top:1pt;left:2pt\">", "</div>", "<script>", "</script>", "<!--", "-->", "<caption>",
        "&nbsp;", "&#x4E2D;", "&", "<", ">", "\"", "'", "=", "文字", "1,234.50", " ", "\t", "\n", "<pre>", "</pre>", "<nav>",
    ]), 0..64)) {
        let page = parts.concat();
        if let Ok(reading) = read(page.as_bytes()) {
            // At most one blank line in a row, none first, and every line ends.
            proptest::prop_assert!(!reading.text.contains("\n\n\n") && !reading.text.starts_with('\n'));
            proptest::prop_assert!(reading.text.is_empty() || reading.text.ends_with('\n'));
            let _ = parse_text(reading.text);
        }
    }
}

/// The development corpus's HTML page (a PDF converted to positioned text), when it is there.
#[test]
fn the_yantai_page_reads_into_tables() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/real");
    let page = corpus.join("docs/030_yantai_veterans_affairs_2026_dept_budget_HTML.html");
    let Ok(bytes) = std::fs::read(&page) else {
        eprintln!("skipped: {} is not there", page.display());
        return;
    };
    let reading = read(&bytes).expect("readable");
    assert_eq!(reading.source.encoding, "utf-8");
    let pages = reading.text.matches('\x0c').count();
    assert!(pages >= 50, "{pages} pages");
    // The visible text that a browser shows (the corpus's txt) is all there, in words.
    let visible = std::fs::read_to_string(
        corpus.join("txt/030_yantai_veterans_affairs_2026_dept_budget_HTML.txt"),
    )
    .unwrap_or_default();
    let compact = |s: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
            .collect::<String>()
    };
    let ours = compact(&reading.text);
    let missing: Vec<&str> = visible
        .lines()
        .map(str::trim)
        .filter(|l| l.chars().count() >= 4 && !ours.contains(&compact(l)))
        .collect();
    assert!(
        missing.len() * 50 <= visible.lines().count(),
        "{} visible lines missing, e.g. {:?}",
        missing.len(),
        &missing[..missing.len().min(5)]
    );
    let doc = parse_text(reading.text.clone());
    // The page has twelve 公开表, several over more than one page.
    assert!(doc.tables.len() >= 12, "{} tables", doc.tables.len());
    let wide = doc
        .tables
        .iter()
        .filter(|t| t.rows.len() >= 5 && t.rows.iter().any(|r| r.cells.len() >= 4))
        .count();
    assert!(
        wide >= 12,
        "{wide} tables of five rows and four columns or more"
    );
    // 公开表1 comes out on a grid: four columns in every row, empty cells where the page has none.
    let table = doc
        .tables
        .iter()
        .find(|t| t.title.as_deref() == Some("收支总体情况表"))
        .expect("收支总体情况表");
    assert!(
        table.rows.iter().all(|r| r.cells.len() == 4),
        "{:?}",
        table.rows.iter().map(|r| r.cells.len()).collect::<Vec<_>>()
    );
    let row = |label: &str| {
        table
            .rows
            .iter()
            .find(|r| r.cells[0].text == label)
            .map(|r| r.cells.iter().map(|c| c.text.as_str()).collect::<Vec<_>>())
    };
    assert_eq!(
        row("一、财政拨款收入"),
        Some(vec![
            "一、财政拨款收入",
            "28,685.65",
            "一、一般公共服务支出",
            ""
        ])
    );
    // Letter-spaced labels (收 入 总 计) are one ruled cell each, read as a reader reads them.
    assert_eq!(
        row("收入总计"),
        Some(vec!["收入总计", "35,874.49", "支出总计", "35,874.49"])
    );
    assert!(table
        .rows
        .iter()
        .any(|r| r.cells[0].text.is_empty() && r.cells[2].text == "九、节能环保支出"));
    // The 绩效目标表 are drawn with cell borders: every indicator keeps its value, none is
    // split into a name without a value and a value under the next name.
    let indicators: Vec<_> = doc.perf_tables.iter().flat_map(|p| &p.indicators).collect();
    assert!(
        doc.perf_tables.len() >= 15,
        "{} 绩效目标表",
        doc.perf_tables.len()
    );
    let empty: Vec<String> = indicators
        .iter()
        .filter(|i| i.value.as_ref().is_none_or(|v| v.text.trim().is_empty()))
        .map(|i| {
            i.level3
                .as_ref()
                .map(|c| c.text.clone())
                .unwrap_or_default()
        })
        .collect();
    assert!(empty.is_empty(), "indicators without a value: {empty:?}");
}

#[test]
fn the_crate_reads_a_saved_page_as_html() {
    let page = "<!-- saved from url=(0040)http://czj.example.gov.cn/art/1.html -->\r\n<html><body><p>部门预算</p></body></html>";
    let reading = crate::read(
        Path::new("page.htm"),
        page.as_bytes(),
        &crate::ReadOptions::default(),
    )
    .expect("readable");
    assert_eq!(
        (reading.format, reading.text.as_str()),
        (crate::Format::Html, "部门预算\n")
    );
}

#[test]
fn pages_are_recognised_after_comments_and_declarations() {
    assert!(looks_like_html(
        b"\xef\xbb\xbf\r\n<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\">"
    ));
    assert!(looks_like_html(
        b"<!-- saved from url=(0074)http://www.gov.cn/ -->\r\n<html><head>"
    ));
    assert!(looks_like_html(b"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\">"));
    assert!(looks_like_html(b"  <BODY bgcolor=white>"));
    assert!(!looks_like_html("一、部门主要职责\n<html>".as_bytes()));
    assert!(!looks_like_html(b"<!-- unterminated"));
    assert!(!looks_like_html(b"<p>a fragment</p>"));
}
