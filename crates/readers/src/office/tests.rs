//! The DOCX and XLSX readers on packages built here from XML written out in the tests (no
//! opaque binaries), checked through the model's parser; and on damaged, truncated and
//! oversized packages, which must be refused with a message and never panic.

use std::io::{Cursor, Write};

use budgetlint_model::{parse_text, Block, NumberingStyle};
use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

use super::package::Limits;
use super::{docx, xlsx};
use crate::Place;

/// A ZIP package of `parts` (name, content), deflated.
fn package(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, content) in parts {
        zip.start_file(*name, options).expect("start part");
        zip.write_all(content.as_bytes()).expect("write part");
    }
    zip.finish().expect("finish package").into_inner()
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

fn para(text: &str) -> String {
    format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

fn numbered(num: u32, ilvl: u32, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
    )
}

/// A cell: `span` grid columns, `merge` = Some("restart") / Some("") (continue) / None.
fn cell(text: &str, span: u32, merge: Option<&str>) -> String {
    let span = if span > 1 {
        format!(r#"<w:gridSpan w:val="{span}"/>"#)
    } else {
        String::new()
    };
    let merge = match merge {
        Some("") => "<w:vMerge/>".to_string(),
        Some(v) => format!(r#"<w:vMerge w:val="{v}"/>"#),
        None => String::new(),
    };
    format!("<w:tc><w:tcPr>{span}{merge}</w:tcPr>{}</w:tc>", para(text))
}

/// A row of one cell that starts two grid columns in and leaves one empty at the end.
fn grid_row(text: &str) -> String {
    let trpr = r#"<w:trPr><w:gridBefore w:val="2"/><w:gridAfter w:val="1"/></w:trPr>"#;
    format!("<w:tr>{trpr}{}</w:tr>", cell(text, 1, None))
}

fn row(cells: &[String]) -> String {
    format!("<w:tr>{}</w:tr>", cells.concat())
}

const NUMBERING: &str = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:abstractNum w:abstractNumId="0">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
    <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="（%4）"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="1">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"#;

const STYLES: &str = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="H2Child"><w:basedOn w:val="2"/></w:style>
</w:styles>"#;

fn document_xml() -> String {
    let body = [
        numbered(1, 0, "部门主要职责"),
        numbered(1, 1, "收入预算"),
        numbered(1, 1, "支出预算"),
        para("单位：万元"),
        para("2024年部门收支总表"),
        format!(
            "<w:tbl>{}{}{}{}{}{}</w:tbl>",
            row(&[cell("收入", 2, None), cell("支出", 2, None)]),
            row(&[cell("项目", 1, None), cell("金额", 1, None), cell("项目", 1, None), cell("金额", 1, None)]),
            row(&[cell("一般公共预算", 1, Some("restart")), cell("100.00", 1, None), cell("基本支出", 1, None), cell("80.00", 1, None)]),
            row(&[cell("", 1, Some("")), cell("20.00", 1, None), cell("项目支出", 1, None), cell("40.00", 1, None)]),
            row(&[cell("合计", 1, None), cell("120.00", 1, None), cell("合计", 1, None), cell("120.00", 1, None)]),
            grid_row("备注"),
        ),
        numbered(1, 0, "机关运行经费"),
        r#"<w:p><w:pPr><w:pStyle w:val="H2Child"/></w:pPr><w:r><w:t>经费</w:t></w:r><w:r><w:tab/><w:t>说明</w:t></w:r><w:del><w:r><w:delText>删除</w:delText></w:r></w:del></w:p>"#.to_string(),
        numbered(1, 2, "第一项"),
        numbered(1, 3, "细项"),
        numbered(2, 0, "要点"),
        para("A &amp; B &#x4E00;"),
        format!(
            "<w:tbl>{}{}{}</w:tbl>",
            row(&[cell("", 1, None), cell("金额", 1, None)]),
            row(&[cell("收入", 1, None), cell("100.00", 1, None)]),
            row(&[cell("支出", 1, None), format!("<w:tc><w:tbl>{}</w:tbl></w:tc>", row(&[cell("80.00", 1, None), cell("（含结转）", 1, None)]))]),
        ),
    ];
    format!(
        "<w:document {W}><w:body>{}</w:body></w:document>",
        body.concat()
    )
}

fn sample_docx() -> Vec<u8> {
    package(&[
        ("word/document.xml", &document_xml()),
        ("word/numbering.xml", NUMBERING),
        ("word/styles.xml", STYLES),
    ])
}

#[test]
fn docx_paragraphs_numbers_and_tables_read_as_printed() {
    let reading = docx::read(&sample_docx(), Limits::DEFAULT).expect("reads");
    let want = "一、部门主要职责\n（一）收入预算\n（二）支出预算\n单位：万元\n2024年部门收支总表\n\n\
        收入\t\t支出\t\n项目\t金额\t项目\t金额\n一般公共预算\t100.00\t基本支出\t80.00\n\t20.00\t项目支出\t40.00\n合计\t120.00\t合计\t120.00\n\t\t备注\t\n\n\
        二、机关运行经费\n（一）经费 说明\n1. 第一项\n（1）细项\n要点\nA & B 一\n\n\
        \t金额\n收入\t100.00\n支出\t80.00 （含结转）\n\n";
    assert_eq!(reading.text, want);
    assert!(reading.notes.is_empty(), "{:?}", reading.notes);
    let at = |s: &str| {
        reading
            .places
            .place_at(reading.text.find(s).expect("in text"))
            .cloned()
    };
    assert_eq!(
        at("（二）支出预算"),
        Some(Place::Element("paragraph 3".into()))
    );
    assert_eq!(
        at("合计\t120.00"),
        Some(Place::Element("table 1, row 5".into()))
    );
    assert_eq!(
        at("收入\t100.00"),
        Some(Place::Element("table 2, row 2".into()))
    );
}

#[test]
fn docx_text_parses_into_headings_and_tables() {
    let reading = docx::read(&sample_docx(), Limits::DEFAULT).expect("reads");
    let doc = parse_text(reading.text);
    let shape: Vec<(usize, Vec<usize>)> = doc
        .tables
        .iter()
        .map(|t| (t.rows.len(), t.rows.iter().map(|r| r.cells.len()).collect()))
        .collect();
    assert_eq!(shape, [(6, vec![4; 6]), (3, vec![2; 3])]);
    assert_eq!(doc.tables[0].title.as_deref(), Some("2024年部门收支总表"));
    let headings: Vec<(NumberingStyle, String)> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) => Some((h.numbering.style, h.numbering.marker.clone())),
            _ => None,
        })
        .collect();
    for want in [
        (NumberingStyle::ChineseComma, "一、"),
        (NumberingStyle::ChineseParen, "（二）"),
        (NumberingStyle::ChineseComma, "二、"),
    ] {
        assert!(
            headings.contains(&(want.0, want.1.to_string())),
            "{want:?} in {headings:?}"
        );
    }
}

#[test]
fn docx_without_document_part_is_refused_by_name() {
    let err = docx::read(&package(&[("word/other.xml", "<x/>")]), Limits::DEFAULT).unwrap_err();
    assert!(err.message.contains("word/document.xml"), "{err}");
    assert_eq!(
        err.message_zh.as_deref(),
        Some("包中没有 word/document.xml：不是 Word 文档，或文档已损坏")
    );
    let err = docx::read(
        &package(&[("word/document.xml", "<w:document><w:body><w:p></w:body>")]),
        Limits::DEFAULT,
    )
    .unwrap_err();
    assert!(err.message.contains("damaged"), "{err}");
    let zh = err.message_zh.unwrap_or_default();
    assert!(zh.starts_with("word/document.xml 在第 "), "{zh}");
}

#[test]
fn deep_nesting_does_not_recurse() {
    let depth = 200_000;
    let xml = format!(
        "<w:document {W}><w:body>{}{}{}</w:body></w:document>",
        "<w:sdt>".repeat(depth),
        para("深"),
        "</w:sdt>".repeat(depth)
    );
    let reading =
        docx::read(&package(&[("word/document.xml", &xml)]), Limits::DEFAULT).expect("reads");
    assert_eq!(reading.text, "深\n");
    let tables = format!(
        "<w:document {W}><w:body>{}{}</w:body></w:document>",
        "<w:tbl><w:tr><w:tc>".repeat(depth),
        "</w:tc></w:tr></w:tbl>".repeat(depth)
    );
    assert!(docx::read(&package(&[("word/document.xml", &tables)]), Limits::DEFAULT).is_ok());
}

const XL_STYLES: &str = r##"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
  <numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.00"/></numFmts>
  <fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>
  <fills count="1"><fill><patternFill patternType="none"/></fill></fills>
  <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
  <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
  <cellXfs count="5">
    <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
    <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
    <xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
    <xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
    <xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
  </cellXfs>
</styleSheet>"##;

/// Shared string 0 is `共享 &amp; 字符串`, in two rich-text runs.
const SHARED_STRINGS: &str = r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><r><t xml:space="preserve">共享 &amp; </t></r><r><t>字符串</t></r></si></sst>"#;

/// A cell element: `#0` is shared string 0, `value` starting with `=` is a formula (`=SUM(B4:B5)|120` has a cached
/// value), a number is a number, anything else an inline string.
fn xl_cell(at: &str, value: &str, style: u32) -> String {
    if let Some(formula) = value.strip_prefix('=') {
        let (f, cached) = formula
            .split_once('|')
            .map_or((formula, None), |(f, v)| (f, Some(v)));
        let v = cached.map(|v| format!("<v>{v}</v>")).unwrap_or_default();
        return format!(r#"<c r="{at}" s="{style}"><f>{f}</f>{v}</c>"#);
    }
    if let Some(index) = value.strip_prefix('#') {
        return format!(r#"<c r="{at}" t="s"><v>{index}</v></c>"#);
    }
    if value.parse::<f64>().is_ok() {
        return format!(r#"<c r="{at}" s="{style}"><v>{value}</v></c>"#);
    }
    format!(r#"<c r="{at}" t="inlineStr"><is><t>{value}</t></is></c>"#)
}

/// A sheet row: its number and its cells (address, value, style index).
type XlRow<'a> = (u32, Vec<(&'a str, &'a str, u32)>);

fn sheet_xml(rows: &[XlRow<'_>], merges: &[&str]) -> String {
    let rows: String = rows
        .iter()
        .map(|(r, cells)| {
            format!(
                r#"<row r="{r}">{}</row>"#,
                cells
                    .iter()
                    .map(|(at, v, s)| xl_cell(at, v, *s))
                    .collect::<String>()
            )
        })
        .collect();
    let merges = if merges.is_empty() {
        String::new()
    } else {
        format!(
            r#"<mergeCells count="{}">{}</mergeCells>"#,
            merges.len(),
            merges
                .iter()
                .map(|m| format!(r#"<mergeCell ref="{m}"/>"#))
                .collect::<String>()
        )
    };
    format!(
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData>{merges}</worksheet>"#
    )
}

fn workbook(sheets: &[(&str, String)]) -> Vec<u8> {
    let r = r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;
    let list: String = sheets
        .iter()
        .enumerate()
        .map(|(i, (name, _))| {
            format!(
                r#"<sheet name="{name}" sheetId="{}" r:id="rId{}"/>"#,
                i + 1,
                i + 1
            )
        })
        .collect();
    let rels: String = sheets
        .iter()
        .enumerate()
        .map(|(i, _)| format!(r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{}.xml"/>"#, i + 1, i + 1))
        .collect();
    let book = format!(
        r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" {r}><sheets>{list}</sheets></workbook>"#
    );
    let shared = r#"<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#;
    let book_rels = format!(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}{shared}</Relationships>"#
    );
    let root_rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    let names: Vec<String> = (1..=sheets.len())
        .map(|i| format!("xl/worksheets/sheet{i}.xml"))
        .collect();
    let mut parts: Vec<(&str, &str)> = vec![
        ("_rels/.rels", root_rels),
        ("xl/workbook.xml", &book),
        ("xl/_rels/workbook.xml.rels", &book_rels),
        ("xl/styles.xml", XL_STYLES),
        ("xl/sharedStrings.xml", SHARED_STRINGS),
    ];
    parts.extend(
        names
            .iter()
            .zip(sheets)
            .map(|(n, (_, xml))| (n.as_str(), xml.as_str())),
    );
    package(&parts)
}

fn sample_xlsx() -> Vec<u8> {
    let summary = sheet_xml(
        &[
            (1, vec![("A1", "2024年部门收支总表", 0)]),
            (2, vec![("C2", "单位：万元", 0)]),
            (
                3,
                vec![("A3", "项目", 0), ("B3", "预算数", 0), ("C3", "占比", 0)],
            ),
            (
                4,
                vec![
                    ("A4", "基本支出", 0),
                    ("B4", "1234567.891", 1),
                    ("C4", "0.6", 2),
                ],
            ),
            (
                5,
                vec![
                    ("A5", "项目支出", 0),
                    ("B5", "0.30000000000000004", 0),
                    ("C5", "=B5/B6|0.4", 2),
                ],
            ),
            (
                6,
                vec![("A6", "合计", 0), ("B6", "=SUM(B4:B5)", 1), ("C6", "1", 2)],
            ),
            (
                7,
                vec![("A7", "日期", 0), ("B7", "45292", 3), ("C7", "12345.6", 4)],
            ),
            (
                8,
                vec![("A8", "说明", 0), ("B8", "备注合并", 0), ("C8", "隐藏", 0)],
            ),
        ],
        &["A1:C1", "B8:C8"],
    );
    let second = sheet_xml(
        &[
            (2, vec![("B2", "科目", 0), ("C2", "金额", 0)]),
            (3, vec![("B3", "教育", 0), ("C3", "12", 4)]),
            (4, vec![("B4", "#0", 0), ("C4", "0", 4)]),
        ],
        &[],
    );
    workbook(&[("收支总表", summary), ("Sheet2", second)])
}

#[test]
fn xlsx_cells_read_as_displayed() {
    let reading = xlsx::read(&sample_xlsx(), Limits::DEFAULT).expect("reads");
    let want = "收支总表\n\n2024年部门收支总表\n单位：万元\n项目\t预算数\t占比\n基本支出\t1,234,567.89\t60.00%\n项目支出\t0.3\t40.00%\n\
        合计\t\t100.00%\n日期\t2024-01-01\t12,346\n说明\t备注合并\t\n\nSheet2\n\n科目\t金额\n教育\t12\n共享 & 字符串\t0\n";
    assert_eq!(reading.text, want);
    assert_eq!(reading.notes.len(), 1, "{:?}", reading.notes);
    assert!(
        reading.notes[0]
            .en
            .starts_with("收支总表!B6: a formula without a calculated value")
            && reading.notes[0]
                .zh
                .starts_with("收支总表!B6：公式没有计算结果"),
        "{:?}",
        reading.notes
    );
    let cell = |s: &str| {
        reading
            .places
            .cell_at(reading.text.find(s).expect("in text"))
            .map(str::to_string)
    };
    assert_eq!(cell("1,234,567.89").as_deref(), Some("收支总表!B4"));
    assert_eq!(cell("单位").as_deref(), Some("收支总表!C2"));
    assert_eq!(cell("教育").as_deref(), Some("Sheet2!B3"));
}

#[test]
fn xlsx_text_parses_into_tables_with_caption_and_unit() {
    let reading = xlsx::read(&sample_xlsx(), Limits::DEFAULT).expect("reads");
    let doc = parse_text(reading.text);
    let shape: Vec<(usize, Vec<usize>)> = doc
        .tables
        .iter()
        .map(|t| (t.rows.len(), t.rows.iter().map(|r| r.cells.len()).collect()))
        .collect();
    assert_eq!(shape, [(6, vec![3; 6]), (3, vec![2; 3])]);
    assert_eq!(doc.tables[0].title.as_deref(), Some("2024年部门收支总表"));
    assert!(doc.tables[0].unit.is_some());
}

#[test]
fn a_stray_far_cell_does_not_blow_up_the_sheet() {
    let sheet = sheet_xml(
        &[
            (1, vec![("A1", "a", 0), ("B1", "b", 0)]),
            (1_048_576, vec![("XFD1048576", "x", 0)]),
        ],
        &[],
    );
    let reading = xlsx::read(&workbook(&[("S", sheet)]), Limits::DEFAULT).expect("reads");
    assert_eq!(reading.text, "S\n\n");
    assert!(
        reading.notes[0].en.contains("skipped"),
        "{:?}",
        reading.notes
    );
    assert!(
        reading.notes[0].zh.starts_with("跳过了工作表"),
        "{:?}",
        reading.notes
    );
    let few = Limits {
        sheet_cells: 2,
        ..Limits::DEFAULT
    };
    let err = xlsx::read(&sample_xlsx(), few).unwrap_err();
    assert!(
        err.message
            .contains("sheet 收支总表 is too large: more than 2 filled cells"),
        "{err}"
    );
}

/// A package whose `name` inflates to `size` zeros, written in chunks so the test never holds
/// the inflated part.
fn bomb(name: &str, size: u64) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("[Content_Types].xml", options)
        .expect("start");
    zip.start_file(name, options).expect("start");
    let chunk = vec![0u8; 1 << 20];
    let mut left = size;
    while left > 0 {
        let n = left.min(chunk.len() as u64) as usize;
        zip.write_all(&chunk[..n]).expect("write");
        left -= n as u64;
    }
    zip.finish().expect("finish").into_inner()
}

#[test]
fn a_part_inflating_past_the_limit_is_refused() {
    let docx_bomb = bomb("word/document.xml", 300 << 20);
    assert!(
        docx_bomb.len() < 1 << 20,
        "the bomb is small: {}",
        docx_bomb.len()
    );
    let err = crate::read(
        std::path::Path::new("bomb.docx"),
        &docx_bomb,
        &crate::ReadOptions::default(),
    )
    .unwrap_err();
    assert!(
        err.message
            .contains("word/document.xml inflates to more than 256 MB"),
        "{err}"
    );
    let small = Limits {
        part_bytes: 1 << 20,
        ..Limits::DEFAULT
    };
    let err = xlsx::read(&bomb("xl/workbook.xml", 2 << 20), small).unwrap_err();
    assert!(
        err.message
            .contains("xl/workbook.xml inflates to more than 1 MB"),
        "{err}"
    );
    let all = Limits {
        total_bytes: 1 << 10,
        ..Limits::DEFAULT
    };
    assert!(xlsx::read(&sample_xlsx(), all)
        .unwrap_err()
        .message
        .contains("decompression bomb"));
}

#[test]
fn too_many_entries_are_refused() {
    let names: Vec<String> = (0..20).map(|i| format!("word/part{i}.xml")).collect();
    let mut parts: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), "<x/>")).collect();
    let document = document_xml();
    parts.push(("word/document.xml", &document));
    let err = docx::read(
        &package(&parts),
        Limits {
            entries: 10,
            ..Limits::DEFAULT
        },
    )
    .unwrap_err();
    assert!(err.message.contains("21 entries"), "{err}");
}

/// A small deterministic generator for the damage loops (no global state, same damage on
/// every run).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

fn read_any(bytes: &[u8]) {
    // That these return, and that an error has its Chinese reason (the default language of
    // every front end); the result of a damaged file may be text or an error.
    for result in [
        docx::read(bytes, Limits::DEFAULT),
        xlsx::read(bytes, Limits::DEFAULT),
    ] {
        if let Err(e) = result {
            assert!(e.message_zh.is_some(), "no Chinese reason: {e}");
        }
    }
}

#[test]
fn truncated_packages_are_refused_without_panic() {
    for file in [sample_docx(), sample_xlsx()] {
        for len in (0..file.len()).step_by(7) {
            read_any(&file[..len]);
        }
    }
    let err = docx::read(&sample_docx()[..100], Limits::DEFAULT).unwrap_err();
    assert!(
        err.message
            .contains("ZIP structure is damaged or truncated"),
        "{err}"
    );
    let zh = err.message_zh.unwrap_or_default();
    assert!(
        zh.starts_with("无法读取这个 Word 文档：其 ZIP 结构已损坏或不完整"),
        "{zh}"
    );
}

#[test]
fn flipped_bytes_never_panic() {
    let mut rng = Lcg(7);
    for file in [sample_docx(), sample_xlsx()] {
        for _ in 0..400 {
            let mut damaged = file.clone();
            for _ in 0..1 + rng.below(4) {
                let at = rng.below(damaged.len());
                damaged[at] ^= 1 << rng.below(8);
            }
            read_any(&damaged);
        }
    }
}

/// Damage inside the XML (not caught by the ZIP checksums): every part of both samples with
/// bytes replaced by markup characters, repackaged.
#[test]
fn mutated_xml_never_panics() {
    let mut rng = Lcg(11);
    let docx_parts = [
        ("word/document.xml", document_xml()),
        ("word/numbering.xml", NUMBERING.to_string()),
        ("word/styles.xml", STYLES.to_string()),
    ];
    let summary = sheet_xml(
        &[
            (1, vec![("A1", "x", 1), ("B1", "=A1|2", 2)]),
            (2, vec![("A2", "45292", 3), ("B2", "y", 0)]),
        ],
        &["A1:B1"],
    );
    for _ in 0..300 {
        let mut parts = docx_parts.clone();
        let which = rng.below(parts.len());
        parts[which].1 = mutate(&parts[which].1, &mut rng);
        let refs: Vec<(&str, &str)> = parts.iter().map(|(n, x)| (*n, x.as_str())).collect();
        let _ = docx::read(&package(&refs), Limits::DEFAULT);
        let _ = xlsx::read(
            &workbook(&[("S", mutate(&summary, &mut rng))]),
            Limits::DEFAULT,
        );
    }
}

fn mutate(xml: &str, rng: &mut Lcg) -> String {
    const PIECES: [&str; 10] = [
        "<",
        ">",
        "/",
        "\"",
        "&",
        "&#x0;",
        "<w:p>",
        "</w:tbl>",
        "r=\"ZZZ0\"",
        "s=\"99\"",
    ];
    let mut s = xml.to_string();
    for _ in 0..1 + rng.below(3) {
        let mut at = rng.below(s.len());
        while !s.is_char_boundary(at) {
            at -= 1;
        }
        s.insert_str(at, PIECES[rng.below(PIECES.len())]);
    }
    s
}

mod properties {
    use proptest::prelude::*;

    use super::super::listnum::format_number;
    use super::super::numfmt::NumFormat;

    proptest! {
        /// Any format code and any value render without panic, and a value that a decimal
        /// holds never shows binary noise (more than 15 significant digits).
        #[test]
        fn number_formats_never_panic(code in ".{0,40}", value in any::<f64>()) {
            let shown = NumFormat::parse(&code).render(value);
            let general = NumFormat::parse("General").render(value);
            if value.is_finite() && value.abs() < 1e15 && value.abs() > 1e-6 {
                let digits: String = general.chars().filter(char::is_ascii_digit).collect();
                prop_assert!(digits.trim_start_matches('0').trim_end_matches('0').len() <= 15, "{general}");
            }
            // A format may show nothing at all (`;;;` hides values), so only that it returned.
            drop(shown);
        }

        #[test]
        fn list_numbers_never_panic(format in "[a-zA-Z]{0,30}", n in any::<u32>()) {
            let _ = format_number(&format, n);
            for known in ["chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "upperLetter", "lowerRoman", "decimalEnclosedCircle", "decimalFullWidth", "ideographTraditional"] {
                prop_assert!(format_number(known, n).chars().count() <= 100);
            }
        }

        /// Arbitrary bytes, and arbitrary bytes behind a ZIP signature, are read or refused.
        #[test]
        fn any_bytes_are_read_or_refused(tail in proptest::collection::vec(any::<u8>(), 0..600)) {
            let mut bytes = b"PK\x03\x04".to_vec();
            bytes.extend(&tail);
            super::read_any(&bytes);
            super::read_any(&tail);
        }
    }
}

#[test]
fn office_files_are_recognised_by_content() {
    let options = crate::ReadOptions::default();
    let docx =
        crate::read(std::path::Path::new("budget.bin"), &sample_docx(), &options).expect("docx");
    assert_eq!(docx.format, crate::Format::Docx);
    assert_eq!(docx.source.encoding, "docx");
    let xlsx =
        crate::read(std::path::Path::new("budget.txt"), &sample_xlsx(), &options).expect("xlsx");
    assert_eq!(xlsx.format, crate::Format::Xlsx);
    assert!(xlsx.text.starts_with("收支总表\n\n"));
}
