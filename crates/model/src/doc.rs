//! The document model: what a disclosure says, where it says it, and how its figures relate.
//!
//! Everything here is plain data. Indices (`BlockId`, `FactId`, `TableId`) point into the vectors
//! of [`Document`]; they are stable for one parse of one text.

use crate::number::{Quantity, Unit};
use crate::span::Span;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Index into [`Document::blocks`].
pub type BlockId = u32;
/// Index into [`Document::facts`].
pub type FactId = u32;
/// Index into [`Document::tables`].
pub type TableId = u32;

/// A parsed disclosure.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Document {
    /// The decoded text. Every span indexes into it.
    #[serde(deserialize_with = "text_field::deserialize")]
    pub text: String,
    pub source: SourceInfo,
    pub meta: Metadata,
    /// Top-level blocks in reading order.
    pub blocks: Vec<Block>,
    pub tables: Vec<Table>,
    /// The heading outline (roots), built from the heading blocks.
    pub outline: Vec<OutlineNode>,
    pub facts: Vec<Fact>,
    pub relations: Vec<Relation>,
    /// 绩效目标表: one per project.
    pub perf_tables: Vec<PerfTable>,
}

/// Every plugin decodes the whole text of every document: in binary encodings it is read as
/// bytes and validated with SIMD, several times faster than std's validator on Chinese text.
/// (Strings and bytes have the same postcard encoding; JSON keeps reading a string.)
mod text_field {
    use serde::de::{Deserializer, Error, Unexpected, Visitor};
    use serde::Deserialize;

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
        if deserializer.is_human_readable() {
            String::deserialize(deserializer)
        } else {
            deserializer.deserialize_bytes(TextVisitor)
        }
    }

    struct TextVisitor;

    impl Visitor<'_> for TextVisitor {
        type Value = String;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("the document text as UTF-8")
        }
        fn visit_bytes<E: Error>(self, v: &[u8]) -> Result<String, E> {
            simdutf8::basic::from_utf8(v)
                .map(str::to_owned)
                .map_err(|_| E::invalid_value(Unexpected::Bytes(v), &self))
        }
        fn visit_str<E: Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_owned())
        }
        fn visit_string<E: Error>(self, v: String) -> Result<String, E> {
            Ok(v)
        }
    }
}

/// How the bytes became text.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Default)]
pub struct SourceInfo {
    /// `utf-8`, `utf-16le`, `utf-16be` or `gb18030`.
    pub encoding: String,
    pub had_bom: bool,
    /// `lf`, `crlf`, `cr` or `mixed`: the dominant line ending of the original.
    pub line_ending: String,
    /// Number of bytes the decoder could not map and replaced by U+FFFD.
    pub replaced_bytes: u32,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// 预算
    Budget,
    /// 决算
    FinalAccounts,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DocScope {
    /// 部门
    Department,
    /// 单位
    Unit,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum AdminLevel {
    Province,
    City,
    County,
    District,
    Township,
}

impl AdminLevel {
    /// The prefix used in 省级/市级/县级/区级/乡镇级.
    pub fn chinese(self) -> &'static str {
        match self {
            AdminLevel::Province => "省",
            AdminLevel::City => "市",
            AdminLevel::County => "县",
            AdminLevel::District => "区",
            AdminLevel::Township => "乡镇",
        }
    }
}

/// What the text reveals about the document as a whole.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Metadata {
    pub title: Option<String>,
    pub title_span: Option<Span>,
    /// The issuing body, e.g. `魏县社保中心`.
    pub issuer: Option<String>,
    pub fiscal_year: Option<i32>,
    pub kind: Option<DocKind>,
    pub scope: Option<DocScope>,
    pub level: Option<AdminLevel>,
    /// Province as its short name (`河北`), when the text names it or cites its rules.
    pub province: Option<String>,
}

/// A top-level block.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum Block {
    Heading(Heading),
    Paragraph(Paragraph),
    Table {
        table: TableId,
        span: Span,
    },
    /// The 目录 block: its title line and the entries under it.
    Toc(Toc),
}

impl Block {
    pub fn span(&self) -> Span {
        match self {
            Block::Heading(h) => h.span,
            Block::Paragraph(p) => p.span,
            Block::Table { span, .. } => *span,
            Block::Toc(t) => t.span,
        }
    }
}

/// How a heading (or list item) is numbered.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum NumberingStyle {
    /// 第一部分
    Part,
    /// 一、
    ChineseComma,
    /// （一） or (一)
    ChineseParen,
    /// 1、
    ArabicComma,
    /// 1. or 1．
    ArabicDot,
    /// （1） or (1)
    ArabicParen,
    /// No ordinal: a Markdown heading or a short title line.
    None,
}

impl NumberingStyle {
    /// The conventional depth of this style in GB/T 9704 §7.3.3 (一、 → （一） → 1. → （1）).
    pub fn conventional_depth(self) -> u8 {
        match self {
            NumberingStyle::Part => 0,
            NumberingStyle::ChineseComma => 1,
            NumberingStyle::ChineseParen => 2,
            NumberingStyle::ArabicComma | NumberingStyle::ArabicDot => 3,
            NumberingStyle::ArabicParen => 4,
            NumberingStyle::None => 1,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Numbering {
    pub style: NumberingStyle,
    /// The ordinal value (一 = 1, 十二 = 12); 0 for [`NumberingStyle::None`].
    pub ordinal: u32,
    /// The marker as written, e.g. `（三）` or `(九) `.
    pub marker: String,
    /// True when the marker uses half-width brackets or a half-width dot.
    pub half_width: bool,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Heading {
    pub numbering: Numbering,
    /// The title without the marker and Markdown decoration.
    pub title: String,
    /// Markdown `#` count, when the line was a Markdown heading.
    pub markdown_level: Option<u8>,
    /// Depth in the outline (0 = top).
    pub depth: u8,
    pub span: Span,
    /// Where the title text starts and ends (without the marker).
    pub title_span: Span,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Paragraph {
    /// The ordinal the paragraph starts with, when it is a numbered item (`1.做好…`).
    pub numbering: Option<Numbering>,
    pub text_span: Span,
    pub span: Span,
    /// Numbered items found inside the paragraph (e.g. `1、…2、…6、…3、`), in order, when there
    /// are at least two; the paragraph's own leading marker, if any, is the first of them.
    pub inline_items: Vec<Numbering>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Toc {
    pub span: Span,
    pub entries: Vec<TocEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TocEntry {
    pub numbering: Numbering,
    pub title: String,
    pub span: Span,
}

/// A node of the heading outline: a heading block and the headings under it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct OutlineNode {
    pub block: BlockId,
    pub children: Vec<OutlineNode>,
}

/// How a table was laid out in the text.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum TableLayout {
    /// One cell per line, indented by a tab, rows separated by blank lines.
    CellPerLine,
    /// One row per line, cells separated by tabs.
    TabSeparated,
    /// Markdown pipe table.
    Markdown,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Table {
    pub id: TableId,
    pub layout: TableLayout,
    /// The caption line before the table (e.g. `2021年部门收入总体情况表`), if any.
    pub title: Option<String>,
    pub title_span: Option<Span>,
    /// The amount unit declared for the table (`单位：万元`), if any.
    pub unit: Option<Unit>,
    pub unit_span: Option<Span>,
    pub rows: Vec<Row>,
    /// How many leading rows are headers (no numeric cells).
    pub header_rows: u32,
    pub span: Span,
}

impl Table {
    /// The header path of column `col`, top row first: in each header row, the column's own
    /// cell, or, when that is empty in a row above the last header row and a lower header row
    /// has text in the column, the nearest non-empty cell left of it in that row — a group
    /// cell spanning columns, which every reader writes as its text followed by empty cells
    /// (DOCX `gridSpan`, HTML `colspan`, a PDF group header over its sub-headers). Spans nest:
    /// a group cannot reach past a column where a row above it starts a cell, so in a header of
    /// three levels a top cell spanning two rows (`公务接待费` beside `公务用车购置及运行费` >
    /// `小计 | 公务用车购置费 | 公务用车运行费`) takes no middle-level group from its left.
    /// Empty parts are left out: `["因公出国（境）费", "决算数"]` under a group,
    /// `["科目编码", "项"]`, `["公务用车购置及运行费", "小计", "预算数"]`.
    pub fn header_path(&self, col: usize) -> Vec<&str> {
        let header = &self.rows[..(self.header_rows as usize).min(self.rows.len())];
        fn text(row: &Row, c: usize) -> &str {
            row.cells.get(c).map_or("", |cell| cell.text.as_str())
        }
        let mut path = Vec::new();
        for (r, row) in header.iter().enumerate() {
            let own = text(row, col);
            if !own.is_empty() {
                path.push(own);
                continue;
            }
            let below = header[r + 1..]
                .iter()
                .any(|lower| !text(lower, col).is_empty());
            if !below {
                continue;
            }
            let starts_above = |c: usize| header[..r].iter().any(|up| !text(up, c).is_empty());
            for c in (0..=col).rev() {
                let t = text(row, c);
                if !t.is_empty() {
                    path.push(t);
                    break;
                }
                if starts_above(c) {
                    break;
                }
            }
        }
        path
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Cell {
    /// The cell's text, trimmed; continuation lines joined with `\n`.
    pub text: String,
    /// Span of the trimmed text (empty span at the cell position when the cell is empty).
    pub span: Span,
    /// The cell's value when the whole cell is one number (with or without unit). Boxed: most
    /// cells hold words, and a large document has hundreds of thousands of cells.
    pub number: Option<Box<Quantity>>,
}

/// Where a fact sits.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub struct CellRef {
    pub table: TableId,
    pub row: u32,
    pub col: u32,
}

/// One figure or reference found in the text.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Fact {
    pub id: FactId,
    pub kind: FactKind,
    pub span: Span,
    /// The block it was found in.
    pub block: BlockId,
    pub cell: Option<CellRef>,
    /// The words that name it (`人员经费支出预算`), when there are some. Boxed, like
    /// [`FactKind::DocNumber`], to keep a fact small: a large document has a hundred thousand.
    pub label: Option<Box<Label>>,
    /// Which quantity an amount is (measure, fund source, classification, period, kind), with
    /// the evidence of each part; `None` for other facts and for amounts nothing names.
    /// Derived once by the parser (`parse/identity.rs`) so that every rule reads a figure the
    /// same way.
    #[serde(default)]
    pub identity: Option<Box<Identity>>,
}

/// Which quantity a figure is. A part is `None` when nothing in the document says it: parts
/// are never guessed. Two figures are the same quantity when all parts are known and equal.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Default)]
pub struct Identity {
    /// The measure as a canonical name: `收入合计`, `收入总计`, `支出合计`, `支出总计`, `收入`,
    /// `支出` (of a source or a class), `基本支出`, `项目支出`, `人员经费`, `公用经费`,
    /// `三公经费` and its parts, `机关运行经费`, `政府采购` …, as in `labels.rs`.
    pub measure: Option<Known<String>>,
    pub source: Option<Known<FundSource>>,
    /// Functional-classification code (`208`, `2080505`).
    pub class_code: Option<Known<String>>,
    /// Economic-classification code (`301`, `30101`, `501`).
    pub econ_code: Option<Known<String>>,
    pub period: Option<Known<Period>>,
    pub kind: Option<Known<FigureKind>>,
}

impl Identity {
    /// All parts that say what the figure is, when measure, source, period and kind are
    /// known (the codes may be absent: a figure of no class is the whole).
    pub fn complete(&self) -> bool {
        self.measure.is_some()
            && self.source.is_some()
            && self.period.is_some()
            && self.kind.is_some()
    }
    /// A short rendering such as `财政拨款·基本支出·208·本年·决算数`.
    pub fn describe(&self) -> String {
        let mut parts: Vec<&str> = Vec::new();
        if let Some(s) = &self.source {
            parts.push(s.value.chinese());
        }
        if let Some(m) = &self.measure {
            parts.push(&m.value);
        }
        if let Some(c) = &self.class_code {
            parts.push(&c.value);
        }
        if let Some(c) = &self.econ_code {
            parts.push(&c.value);
        }
        if let Some(p) = &self.period {
            parts.push(p.value.chinese());
        }
        if let Some(k) = &self.kind {
            parts.push(k.value.chinese());
        }
        parts.join("·")
    }
}

/// A known part of an [`Identity`] and where it was read.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Known<T> {
    pub value: T,
    pub from: Evidence,
}

/// Where a part of an identity was read.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// The words that name the figure (its label, or the row label of a table cell).
    Label,
    /// The head of the sentence the figure is in (`财政拨款基本支出…，其中：人员经费…`).
    Sentence,
    /// The title of the section the figure is in (`一般公共预算财政拨款“三公”经费支出决算情况说明`).
    Heading,
    /// The column header of a table cell.
    Header,
    /// The table's caption.
    Caption,
    /// The document's metadata (its year and kind): a figure that names no period is the
    /// disclosure year's, one that names no kind is of the document's kind.
    Document,
}

/// Whose money: the fund source of a figure.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum FundSource {
    /// All sources (a table of the whole unit: 收入/支出决算表).
    All,
    /// 财政拨款 (一般公共预算 + 政府性基金 + 国有资本经营).
    Fiscal,
    /// 一般公共预算.
    GeneralBudget,
    /// 政府性基金.
    GovFund,
    /// 国有资本经营.
    StateCapital,
}

impl FundSource {
    pub fn chinese(self) -> &'static str {
        match self {
            FundSource::All => "全部资金",
            FundSource::Fiscal => "财政拨款",
            FundSource::GeneralBudget => "一般公共预算",
            FundSource::GovFund => "政府性基金",
            FundSource::StateCapital => "国有资本经营",
        }
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// 本年 (the disclosure year).
    Current,
    /// 上年.
    Previous,
}

impl Period {
    pub fn chinese(self) -> &'static str {
        match self {
            Period::Current => "本年",
            Period::Previous => "上年",
        }
    }
}

/// Which figure of a year: budgeted, adjusted, or actual.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum FigureKind {
    /// 预算数 / 年初预算.
    Budget,
    /// 调整预算 / 全年预算.
    Adjusted,
    /// 决算数 / 执行数.
    Actual,
}

impl FigureKind {
    pub fn chinese(self) -> &'static str {
        match self {
            FigureKind::Budget => "预算数",
            FigureKind::Adjusted => "调整预算数",
            FigureKind::Actual => "决算数",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Label {
    /// The label as written, trimmed.
    pub raw: String,
    /// The canonical quantity name (`人员经费`, `基本支出`, `三公经费` …), when one is recognised.
    pub key: Option<String>,
    /// Functional-classification code when the label or row carries one (e.g. `208`, `2080505`).
    pub class_code: Option<String>,
    /// Functional-classification names when written as `X（类）Y（款）Z（项）`, outermost first.
    pub class_path: Vec<String>,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum FactKind {
    /// A money amount (元/万元/亿元).
    Amount(Quantity),
    /// A percentage.
    Percent(Quantity),
    /// A count or measure with another unit (人, 台, 日, 万人 …).
    Count(Quantity),
    /// A year on its own (`2021年`).
    Year { year: i32 },
    /// A date or month (`202112`, `2020-12-31`, `2020年12月31日`).
    Date {
        year: i32,
        month: Option<u32>,
        day: Option<u32>,
        /// False when the month or day is out of range or the year is implausible.
        valid: bool,
    },
    /// 发文字号.
    DocNumber(Box<DocNumber>),
}

impl FactKind {
    pub fn quantity(&self) -> Option<&Quantity> {
        match self {
            FactKind::Amount(q) | FactKind::Percent(q) | FactKind::Count(q) => Some(q),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum BracketStyle {
    /// 〔〕 — the GB/T 9704 form.
    Tortoise,
    /// 【】
    Lenticular,
    /// []
    Square,
    /// () or （）
    Paren,
    /// 〈〉 or ﹝﹞ or other look-alikes.
    Other,
}

/// A 发文字号 such as `冀财社〔2020〕185号`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DocNumber {
    /// 机关代字 (`冀财社`); empty when missing.
    pub agency: String,
    /// The year as written (`2020`, or `20` for a two-digit year).
    pub year_text: String,
    pub year: i32,
    /// The serial as written (`185`, `第5`, `007`).
    pub serial_text: String,
    pub serial: u32,
    pub bracket: BracketStyle,
    pub raw: String,
}

/// A relation stated in the text between facts.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// A total and its listed parts (“共计…其中…”).
    Sum { total: FactId, parts: Vec<FactId> },
    /// A change against a previous period: “较上年增加30.67万元，增长4.19%”.
    Change {
        /// The current figure the change is about, when stated.
        current: Option<FactId>,
        /// The previous figure, when stated.
        previous: Option<FactId>,
        /// The stated change amount.
        delta: Option<FactId>,
        direction: Direction,
        /// The stated growth rate.
        rate: Option<FactId>,
        /// Listed components of the change (“主要是：…增加8.56万元…减少1741.6万元”).
        components: Vec<ChangeComponent>,
    },
    /// A share: “占比99.64%” (`part` ÷ `whole`). `whole` is set when the whole is a figure of
    /// the same passage (the total of the enumeration); `whole_label` when the text names it
    /// (“占一般公共预算项目支出总额的100%”).
    Share {
        part: FactId,
        whole: Option<FactId>,
        whole_label: Option<String>,
        percent: FactId,
    },
    /// A completion rate: “完成年初预算的72.39%” (`actual` ÷ `target`).
    Completion {
        actual: FactId,
        target: FactId,
        percent: FactId,
    },
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Increase,
    Decrease,
    Unchanged,
}

impl Direction {
    pub fn sign(self) -> Decimal {
        match self {
            Direction::Increase => Decimal::ONE,
            Direction::Decrease => Decimal::NEGATIVE_ONE,
            Direction::Unchanged => Decimal::ZERO,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ChangeComponent {
    pub amount: FactId,
    pub direction: Direction,
}

/// A 绩效目标表 of one project.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PerfTable {
    pub table: TableId,
    /// The project name, from the table's caption or its 项目名称 cell.
    pub project: Option<String>,
    pub project_span: Option<Span>,
    pub code: Option<String>,
    pub code_span: Option<Span>,
    /// 预算数 and its split, in the table's unit.
    pub budget: Option<FactId>,
    pub fiscal_funds: Option<FactId>,
    pub other_funds: Option<FactId>,
    /// 资金支出计划: (label such as `3月底`, percentage fact).
    pub spending_plan: Vec<PlanPoint>,
    /// 绩效目标 text.
    pub goal: Option<String>,
    pub goal_span: Option<Span>,
    pub indicators: Vec<IndicatorRow>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PlanPoint {
    pub label: String,
    pub percent: FactId,
}

/// One row of indicators. The level-1 and level-2 names are carried down from the rows above
/// when their cells are empty (merged cells).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct IndicatorRow {
    pub row: u32,
    pub level1: Option<TextCell>,
    pub level2: Option<TextCell>,
    pub level3: Option<TextCell>,
    pub description: Option<TextCell>,
    pub value: Option<TextCell>,
    pub parsed: IndicatorValue,
    pub basis: Option<TextCell>,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TextCell {
    pub text: String,
    pub span: Span,
    /// True when the name was inherited from a row above (a merged cell).
    pub inherited: bool,
}

/// The comparison in a target value.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    Ge,
    Le,
    Gt,
    Lt,
    Eq,
}

/// A parsed 指标值.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorValue {
    /// Nothing in the cell.
    Empty,
    /// Only a unit or an operator (`%`, `≥`).
    BareUnit { text: String },
    /// An operator (or none), a number and a unit.
    Numeric {
        op: Option<Comparison>,
        quantity: Quantity,
        /// Text after the quantity (e.g. `，大于6万元按6万元计。`).
        rest: String,
    },
    /// Anything else: a date, a sentence, a phrase.
    Text { text: String },
}
