//! Tables as readers deliver them: rows of tab-separated cells, pages separated by form feeds.

use budgetlint_model::{parse_text, FactKind};

/// A long table printed over two pages: the page number, the form feed, the repeated caption
/// and header come between its rows. It is one table, and the page's header rows are rows.
#[test]
fn a_table_continued_over_a_page_break_is_one_table() {
    let text = concat!(
        "公开表2\n",
        "收入总体情况表\n",
        "科目编码\t科目名称\t合计\t小计\n",
        "205\t教育支出\t148.95\t39.15\n",
        "20508\t进修及培训\t148.95\t39.15\n",
        "— 7—\n",
        "\x0c\n",
        "公开表2\n",
        "收入总体情况表\n",
        "科目编码\t科目名称\t合计\n",
        "208\t社会保障和就业支出\t27,416.60\t21,672.07\n",
    );
    let doc = parse_text(text.to_string());
    assert_eq!(doc.tables.len(), 1, "{:#?}", doc.tables);
    assert_eq!(doc.tables[0].rows.len(), 5);
}

/// A page break between two different tables does not join them.
#[test]
fn a_new_table_after_a_page_break_stays_apart() {
    let text = concat!(
        "收入总体情况表\n",
        "科目编码\t科目名称\t合计\t小计\n",
        "205\t教育支出\t148.95\t39.15\n",
        "\x0c\n",
        "三公经费表\n",
        "项目\t预算数\n",
        "公务接待费\t0.95\n",
    );
    let doc = parse_text(text.to_string());
    assert_eq!(doc.tables.len(), 2, "{:#?}", doc.tables);
}

/// A row's 科目编码 written in full (`2013901`) is its class code; a 栏次 row holds no amounts.
#[test]
fn full_codes_are_class_codes_and_column_numbers_are_not_amounts() {
    let text = concat!(
        "单位：万元\n",
        "科目编码\t科目名称\t金额\n",
        "栏次\t\t1\n",
        "2013901\t行政运行\t51.32\n",
    );
    let doc = parse_text(text.to_string());
    let amounts: Vec<_> = doc
        .facts
        .iter()
        .filter(|f| matches!(f.kind, FactKind::Amount(_)))
        .collect();
    assert_eq!(amounts.len(), 1, "{amounts:#?}");
    let label = amounts[0].label.as_ref().expect("labelled");
    assert_eq!(label.class_code.as_deref(), Some("2013901"));
}

/// A 目录 of entries with page numbers ends at the page break when the next page starts with
/// a line that names no page (the body's first heading and sentence are not entries).
#[test]
fn a_toc_ends_at_the_page_break_before_the_body() {
    let text = concat!(
        "目录\n",
        "一、部门主要职能……………………3\n",
        "二、部门机构设置……………………4\n",
        "\x0c上海市某区司法局主要职能\n",
        "上海市某区司法局是主管本区司法工作的区政府工作部门，主要职责是：\n",
    );
    let doc = parse_text(text.to_string());
    let toc = first_toc(&doc);
    assert_eq!(toc.entries.len(), 2, "{:#?}", toc.entries);
}

/// The same without page numbers: after numbered entries, an unnumbered line that starts the
/// next page is the body's first heading.
#[test]
fn a_toc_without_page_numbers_ends_at_the_page_break_before_the_body() {
    let text = concat!(
        "目 录\n",
        "一、单位主要职能\n",
        "二、单位机构设置\n",
        "1. 2026年预算单位财务收支预算总表\n",
        "三、其他相关情况说明\n",
        "\x0c                    上海市某区司法局主要职能\n",
        "\n",
        "上海市某区司法局是主管本区司法工作的区政府工作部门，主要职责是：\n",
    );
    let doc = parse_text(text.to_string());
    let toc = first_toc(&doc);
    assert_eq!(toc.entries.len(), 4, "{:#?}", toc.entries);
}

/// A 目录 whose entries are set apart by blank lines (as pdftotext writes a double-spaced
/// 目录): a title wrapped onto the next line ends after a blank line too.
#[test]
fn a_wrapped_toc_title_is_joined_across_a_blank_line_when_entries_are_set_apart() {
    let text = concat!(
        "目   录\n",
        "\n",
        "第一部分 上海市某区规划和自然资源局概况\n",
        "\n",
        "一、主要职能\n",
        "\n",
        "第二部分 上海市某区规划和自然资源局 2024 年度部门决算\n",
        "\n",
        "表\n",
        "\n",
        "一、收入支出决算总表\n",
        "\n",
        "第三部分 上海市某区规划和自然资源局 2024 年度部门决算\n",
        "\n",
        "情况说明\n",
        "\n",
        "\x0c第一部分 上海市某区规划和自然资源局概况\n",
        "一、主要职能\n",
        "本局负责全区的规划和自然资源管理工作，主要职责是：\n",
    );
    let doc = parse_text(text.to_string());
    let toc = first_toc(&doc);
    let titles: Vec<String> = toc
        .entries
        .iter()
        .map(|e| e.title.replace(' ', ""))
        .collect();
    assert_eq!(
        titles,
        [
            "上海市某区规划和自然资源局概况",
            "主要职能",
            "上海市某区规划和自然资源局2024年度部门决算表",
            "收入支出决算总表",
            "上海市某区规划和自然资源局2024年度部门决算情况说明",
        ]
    );
}

/// Some 目录 end their entries with a full stop (`一、主要职能。`): they are entries, not the
/// body's first sentence; a line with a sentence inside it still ends the 目录.
#[test]
fn toc_entries_may_end_with_a_full_stop() {
    let text = concat!(
        "目录\n",
        "第一部分 部门概况\n",
        "一、主要职能。\n",
        "二、部门机构设置和所属单位情况。\n",
        "第二部分 部门预算表\n",
        "\n",
        "第一部分 部门概况\n",
        "一、主要职能\n",
        "本部门负责全市的有关工作。主要职责是：\n",
    );
    let doc = parse_text(text.to_string());
    let toc = first_toc(&doc);
    let titles: Vec<&str> = toc.entries.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "部门概况",
            "主要职能",
            "部门机构设置和所属单位情况",
            "部门预算表"
        ]
    );
}

/// The document's first 目录.
fn first_toc(doc: &budgetlint_model::Document) -> &budgetlint_model::Toc {
    doc.blocks
        .iter()
        .find_map(|b| match b {
            budgetlint_model::Block::Toc(t) => Some(t),
            _ => None,
        })
        .expect("a 目录")
}

/// A group header written as a spanning cell (its text, then empty cells) over a row of
/// sub-headers: each column's header path is its group and its own sub-header, the cell of a
/// column without a group is its own, and the sub-headers read exactly 类, 款, 项.
#[test]
fn a_columns_header_path_takes_the_group_cell_spanning_it() {
    let text = concat!(
        "支出决算表\n",
        "科目编码\t\t\t科目名称\t因公出国（境）费\t\n",
        "类\t款\t项\t\t预算数\t决算数\n",
        "201\t06\t01\t行政运行\t1.00\t0.50\n",
    );
    let doc = parse_text(text.to_string());
    assert_eq!(doc.tables.len(), 1, "{:#?}", doc.tables);
    let table = &doc.tables[0];
    assert_eq!(table.header_rows, 2);
    assert_eq!(table.header_path(0), ["科目编码", "类"]);
    assert_eq!(table.header_path(2), ["科目编码", "项"]);
    assert_eq!(table.header_path(3), ["科目名称"]);
    assert_eq!(table.header_path(5), ["因公出国（境）费", "决算数"]);
    assert!(table.header_path(9).is_empty());
}

/// A header of three levels written as spanning cells: a middle-level group (`小计`,
/// `公务用车购置费`) sits under its top-level group, and a top cell spanning the two upper rows
/// (`公务接待费`, `合计`) takes no middle-level group from its left, since spans nest.
#[test]
fn a_three_level_header_path_nests_its_groups() {
    let text = concat!(
        "“三公”经费支出决算表\n",
        "合计\t\t因公出国（境）费\t\t公务用车购置及运行费\t\t\t\t\t\t公务接待费\t\n",
        "\t\t\t\t小计\t\t公务用车购置费\t\t公务用车运行费\t\t\t\n",
        "预算数\t决算数\t预算数\t决算数\t预算数\t决算数\t预算数\t决算数\t预算数\t决算数\t预算数\t决算数\n",
        "3.00\t2.00\t1.00\t0.50\t1.00\t0.50\t0.60\t0.30\t0.40\t0.20\t1.00\t1.00\n",
    );
    let doc = parse_text(text.to_string());
    assert_eq!(doc.tables.len(), 1, "{:#?}", doc.tables);
    let table = &doc.tables[0];
    assert_eq!(table.header_rows, 3);
    assert_eq!(table.header_path(1), ["合计", "决算数"]);
    assert_eq!(table.header_path(3), ["因公出国（境）费", "决算数"]);
    assert_eq!(
        table.header_path(4),
        ["公务用车购置及运行费", "小计", "预算数"]
    );
    assert_eq!(
        table.header_path(5),
        ["公务用车购置及运行费", "小计", "决算数"]
    );
    assert_eq!(
        table.header_path(9),
        ["公务用车购置及运行费", "公务用车运行费", "决算数"]
    );
    assert_eq!(table.header_path(10), ["公务接待费", "预算数"]);
    assert_eq!(table.header_path(11), ["公务接待费", "决算数"]);
}
