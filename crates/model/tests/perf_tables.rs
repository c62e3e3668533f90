//! 绩效目标表 and 绩效自评表 as readers deliver them (tab-separated rows).

use budgetlint_model::parse_text;

/// A 自评表 of the 2021 framework (成本指标 a 一级指标), read from a page: the merged 一级
/// names are printed in the middle of their rows (`产出指` over `标`), the target column is
/// followed by 实际完成值, 分值 and 得分, and a 总分 line closes the indicators.
const SELF_EVALUATION: &str = concat!(
    "项目名称\t培训专项\n",
    "\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n",
    "\t成本指标\t经济成本指标\t人均培训费\t不超标准\t未超标准\t20\t20\t\n",
    "\t\t数量指标\t培训人数\t≥200人\t215人\t10\t10\t\n",
    "\t产出指\t\t培训班次\t≥3次\t3次\t10\t10\t\n",
    "绩效\t标\t质量指标\t培训合格率\t≥95%\t98%\t10\t10\t\n",
    "\t满意度指标\t服务对象满意度指标\t学员满意率\t≥90%\t96%\t10\t10\t\n",
    "\t\t总分\t\t\t\t100\t99\t\n",
);

#[test]
fn a_self_evaluation_reads_targets_from_the_target_column() {
    let doc = parse_text(SELF_EVALUATION.to_string());
    let perf = doc.perf_tables.first().expect("a 绩效 table");
    let read: Vec<(String, String, String)> = perf
        .indicators
        .iter()
        .map(|r| {
            let text = |c: &Option<budgetlint_model::TextCell>| {
                c.as_ref().map(|c| c.text.clone()).unwrap_or_default()
            };
            (text(&r.level1), text(&r.level3), text(&r.value))
        })
        .collect();
    let expected = [
        ("成本指标", "人均培训费", "不超标准"),
        ("成本指标", "培训人数", "≥200人"),
        ("成本指标", "培训班次", "≥3次"),
        ("成本指标", "培训合格率", "≥95%"),
        ("满意度指标", "学员满意率", "≥90%"),
    ];
    let expected: Vec<(String, String, String)> = expected
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    // The 一级 name of the rows above `产出指`/`标` is inherited from the row above (the
    // merged cell's text is in its middle): the rules treat an inherited 一级指标 as a guess.
    assert_eq!(read, expected);
    assert!(perf.indicators[1]
        .level1
        .as_ref()
        .is_some_and(|c| c.inherited));
}

/// Counts with a measure word (`5类`, `2种`, `12公里`) carry a unit.
#[test]
fn measure_words_are_units() {
    for (text, unit) in [("=5类", "类"), ("不低于2种", "种"), ("≥12公里", "公里")] {
        let q = text
            .char_indices()
            .find_map(|(i, _)| budgetlint_model::number::scan_quantity(&text[i..]))
            .map(|(q, _)| q)
            .expect(text);
        assert_eq!(q.unit, budgetlint_model::Unit::Other(unit.into()), "{text}");
    }
}
