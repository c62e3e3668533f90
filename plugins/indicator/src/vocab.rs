//! Domain vocabulary used by the indicator rules: words that tell what an indicator measures.
//!
//! These are data, not logic: extend them when a template from another province uses other
//! words. Matching is by substring on names with spaces removed.

/// Words of names that measure a share bounded by 100% (完成率, 覆盖率, 满意度 …).
pub const BOUNDED_RATE_WORDS: &[&str] = &[
    "率",
    "满意度",
    "满意程度",
    "完成度",
    "覆盖面",
    "比例",
    "占比",
    "比重",
    "百分比",
];

/// `…率` words that are not shares of a whole (a frequency, an efficiency, an interest rate).
/// (`功率` is not listed: it would match `成功率`.)
pub const NOT_A_SHARE_RATE_WORDS: &[&str] = &[
    "频率", "效率", "汇率", "利率", "税率", "费率", "速率", "倍率",
];

/// Words of rates that may legitimately exceed 100% or go either way (growth, change).
pub const GROWTH_WORDS: &[&str] = &[
    "增长", "增幅", "增速", "增加", "提高", "提升", "降低", "下降", "减少", "同比", "环比", "变化",
    "变动", "节约",
];

/// Rates where less is better (差错率 ≤1% is right).
pub const LESS_IS_BETTER_RATE_WORDS: &[&str] = &[
    "差错",
    // An incidence rate (事件发生率, 案件发生率): the rate of something to be prevented.
    "发生率",
    "错误",
    "出错",
    "投诉",
    "失误",
    "事故",
    "违规",
    "违纪",
    "违法",
    "超支",
    "退回",
    "误差",
    "流失",
    "空置",
    "闲置",
    "返工",
    "不合格",
    "拒付",
    "逾期",
    "延误",
    "损耗",
    "故障",
    "死亡",
    "发病",
    "返贫",
    "失业",
    "漏",
    "重复",
    "超标",
    "冒领",
    "不满意",
    "辍学",
    "安全隐患",
    "偏差",
    "滞留",
    "积压",
];

/// Rates about keeping a cost under control, where both directions occur (成本控制率 ≤100%).
pub const COST_CONTROL_WORDS: &[&str] = &["成本", "费用", "控制", "支出", "经费", "资金", "预算"];

/// Counts that are meant to be kept down (会议次数 ≤4次, 公务接待批次), so an upper bound under
/// 数量指标 is right.
pub const RESTRAINT_WORDS: &[&str] = &[
    "会议",
    "接待",
    "出差",
    "差旅",
    "出国",
    "公务用车",
    "三公",
    "债务",
    "编制",
    "支出",
    "经费",
    "费用",
    "能耗",
    "投诉",
    "事故",
    "差错",
    "上访",
];

/// Words showing that a name is about time (完成时间, 办结时限, 及时率).
pub const TIME_NAME_WORDS: &[&str] = &[
    "时间",
    "时限",
    "时效",
    "及时",
    "按时",
    "准时",
    "如期",
    "限时",
    "用时",
    "时长",
    "期限",
    "周期",
    "工期",
    "天数",
    "日数",
    "进度",
    "时点",
    "时段",
    "年度",
    "季度",
    "月份",
    "当月",
    "当年",
    "截止",
    "日前",
    "工作日",
    "小时",
    "期间",
    "定期",
    "按期",
    "到期",
    "当期",
    "限期",
];

/// Name words of a time-to-do indicator where a smaller value is better (办结时限 ≤5日).
pub const TIME_LIMIT_WORDS: &[&str] = &[
    "时限",
    "时间",
    "天数",
    "日数",
    "用时",
    "时长",
    "周期",
    "工期",
    "工作日",
    "小时",
];

/// Units that are durations or points in time.
pub const TIME_UNITS: &[&str] = &[
    "日",
    "天",
    "个工作日",
    "工作日",
    "小时",
    "周",
    "个月",
    "月",
    "年",
    "季度",
];

/// Forms and records that are the evidence of a result, not the target (`满意度问卷调查表`).
pub const FORM_WORDS: &[&str] = &[
    "调查表",
    "问卷",
    "调查问卷",
    "统计表",
    "登记表",
    "申请表",
    "花名册",
    "台账",
    "报表",
    "清单",
    "凭证",
    "记录表",
    "考核表",
];

/// Verbs that make a form word part of a target (`按台账管理`, `符合…规定`).
pub const TARGET_VERBS: &[&str] = &[
    "符合", "按照", "依据", "达到", "执行", "建立", "完成", "形成", "编制", "填报", "按", "实现",
];

/// Words of a computation rule written where a target belongs (“大于6万元按6万元计”).
pub const RULE_WORDS: &[&str] = &["计", "算", "折合", "核定", "据实"];

/// Vague qualitative values that cannot be graded at the end of the year.
pub const VAGUE_PHRASES: &[&str] = &[
    "有所提升",
    "有所提高",
    "有所改善",
    "有所增强",
    "有所加强",
    "有所增加",
    "有所好转",
    "有所减少",
    "有所下降",
    "有所降低",
    "达到预期",
    "持续影响",
    "有效执行",
    "完全符合",
    "基本符合",
    "满意度高",
    "满意度较高",
    "明显提高",
    "明显提升",
    "明显改善",
    "有效提升",
    "有效提高",
    "有效改善",
    "逐步提高",
    "逐步提升",
    "逐步改善",
    "进一步提高",
    "进一步提升",
    "不断提高",
    "不断提升",
    "稳步提升",
    "稳步提高",
    "效果良好",
    "效果明显",
    "效果显著",
    "作用明显",
    "大幅提升",
    "大幅提高",
    "显著提高",
    "显著提升",
    "较好",
    "较高",
    "一定提高",
    "一定提升",
    "积极作用",
    "明显增强",
];

/// Abstract nouns that need a definition before a percentage of them means anything.
pub const ABSTRACT_WORDS: &[&str] = &[
    "影响力",
    "影响",
    "稳定",
    "形象",
    "意识",
    "氛围",
    "作用",
    "效果",
    "效应",
    "水平",
    "声誉",
    "公信力",
];

/// Words that make a name measurable on their own (a rate, a count, a time).
pub const MEASURABLE_NAME_WORDS: &[&str] = &[
    "率", "度", "数", "量", "比例", "占比", "人", "次", "时间", "时限", "完成", "金额", "成本",
    "费用", "面积", "个", "户",
];

/// Who a 服务对象满意度 should not be about: the unit's own people.
pub const OWN_STAFF_WORDS: &[&str] = &[
    "工作人员",
    "在职人员",
    "在编人员",
    "干部职工满意",
    "本单位",
    "单位职工",
    "内部职工",
    "机关干部",
    "员工",
];

/// Words that mean the people asked are outside the unit even if a staff word appears.
pub const RECIPIENT_WORDS: &[&str] = &[
    "参保",
    "群众",
    "服务对象",
    "企业",
    "居民",
    "农民",
    "退休",
    "受益",
    "办事",
    "患者",
    "学生",
    "家长",
    "游客",
    "村民",
];

/// Words showing an 生态效益 indicator is about the environment.
pub const ECOLOGY_WORDS: &[&str] = &[
    "生态",
    "绿色",
    "节能",
    "减排",
    "排放",
    "污染",
    "能耗",
    "耗能",
    "低碳",
    "碳",
    "水质",
    "水资源",
    "大气",
    "空气",
    "土壤",
    "植被",
    "绿化",
    "森林",
    "林地",
    "湿地",
    "垃圾",
    "废",
    "噪声",
    "噪音",
    "节水",
    "节电",
    "用电",
    "用水",
    "能源",
    "无纸化",
    "纸张",
    "环保",
    "自然",
    "耕地",
    "扬尘",
    "河",
    "湖",
];

/// `…环境` compounds that are not the natural environment.
pub const NON_ECOLOGICAL_ENVIRONMENTS: &[&str] = &[
    "营商环境",
    "办公环境",
    "服务环境",
    "发展环境",
    "投资环境",
    "社会环境",
    "法治环境",
    "舆论环境",
    "政务环境",
    "工作环境",
    "就业环境",
    "创业环境",
    "学习环境",
    "网络环境",
    "信用环境",
    "市场环境",
    "政策环境",
    "经营环境",
    "保障发展环境",
];

/// True when `text` contains one of `words` (names are short: the model's search for short
/// Chinese texts).
pub fn contains_any(text: &str, words: &[&str]) -> bool {
    budgetlint_sdk::model::text::contains_any(text, words)
}

/// The first of `words` found in `text`.
pub fn first_found<'a>(text: &str, words: &[&'a str]) -> Option<&'a str> {
    budgetlint_sdk::model::text::first_contained(text, words)
}
