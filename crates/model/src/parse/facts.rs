//! Facts in running text and table cells: amounts, percentages, counts, years, dates and
//! 发文字号, each with its label.

use crate::classification::Classification;
use crate::doc::*;
use crate::labels::canonical_key;
use crate::number::{is_digit, scan_quantity, Quantity, Unit};
use crate::span::LineIndex;
use crate::text::{contains_any, contains_char, rfind_word};
use rust_decimal::Decimal;

pub struct FactSink<'a> {
    pub text: &'a str,
    pub index: &'a LineIndex,
    pub classes: &'a Classification,
    pub facts: Vec<Fact>,
}

/// A fact before it gets its id and block.
struct Found {
    start: usize,
    end: usize,
    kind: FactKind,
}

impl FactSink<'_> {
    fn push(
        &mut self,
        f: Found,
        block: BlockId,
        cell: Option<CellRef>,
        label: Option<Label>,
    ) -> FactId {
        let span = self.index.span(self.text, f.start, f.end);
        self.push_at(span, f.kind, block, cell, label)
    }

    fn push_at(
        &mut self,
        span: crate::Span,
        kind: FactKind,
        block: BlockId,
        cell: Option<CellRef>,
        label: Option<Label>,
    ) -> FactId {
        let id = self.facts.len() as FactId;
        self.facts.push(Fact {
            id,
            kind,
            span,
            block,
            cell,
            label: label.map(Box::new),
            identity: None,
        });
        id
    }

    /// Facts in the running text `text[start..end]`.
    pub fn scan_prose(&mut self, start: usize, end: usize, block: BlockId, cell: Option<CellRef>) {
        let s = &self.text[start..end];
        for f in scan(s, cell.is_some()) {
            let label = match f.kind {
                FactKind::Amount(_) | FactKind::Percent(_) | FactKind::Count(_) => {
                    self.prose_label(s, start, f.start)
                }
                _ => None,
            };
            self.push(
                Found {
                    start: start + f.start,
                    end: start + f.end,
                    ..f
                },
                block,
                cell,
                label,
            );
        }
    }

    /// Facts in a table: one per numeric cell (amounts in the table's unit), prose facts elsewhere.
    pub fn scan_table(&mut self, table: &Table, block: BlockId) {
        let headers = column_headers(table);
        let counters = counter_columns(table);
        for (r, row) in table.rows.iter().enumerate() {
            // The row's name and its label are worked out once, at its first figure.
            let mut name: Option<RowName> = None;
            let mut label: Option<Option<Label>> = None;
            for (c, cell) in row.cells.iter().enumerate() {
                let at = CellRef {
                    table: table.id,
                    row: r as u32,
                    col: c as u32,
                };
                let header = headers.get(c).map(String::as_str).unwrap_or("");
                match &cell.number {
                    Some(q) => {
                        let (row_label, class_code) = name.get_or_insert_with(|| row_label(row));
                        // The row that numbers the columns (栏次 1, 2, 3 under the headers)
                        // holds no amounts.
                        let numbering_row = row_label.as_ref().is_some_and(|(raw, _)| {
                            matches!(raw.as_str(), "栏次" | "行次" | "列次")
                        });
                        let line_number = q.decimals == 0 && counters.get(c) == Some(&true);
                        if numbering_row || line_number {
                            continue;
                        }
                        if let Some(kind) = cell_fact_kind(
                            q,
                            &cell.text,
                            table.unit.as_ref(),
                            header,
                            c,
                            class_code.is_some(),
                        ) {
                            let label = label
                                .get_or_insert_with(|| {
                                    row_label.as_ref().map(|(raw, span)| {
                                        self.make_label(raw.clone(), *span, class_code.clone())
                                    })
                                })
                                .clone();
                            self.push_at(cell.span, kind, block, Some(at), label);
                        }
                    }
                    None if !cell.text.is_empty() => self.scan_prose(
                        cell.span.start as usize,
                        cell.span.end as usize,
                        block,
                        Some(at),
                    ),
                    None => {}
                }
            }
        }
    }

    fn make_label(&self, raw: String, span: crate::Span, class_code: Option<String>) -> Label {
        let class_path = class_path(&raw);
        let (key, code) = self.key_and_code(&raw, &class_path);
        Label {
            raw,
            key,
            class_code: class_code.or(code),
            class_path,
            span,
        }
    }

    fn key_and_code(&self, raw: &str, class_path: &[String]) -> (Option<String>, Option<String>) {
        if let Some(last) = class_path.last() {
            let code = class_path
                .iter()
                .rev()
                .find_map(|n| self.classes.by_name(n))
                .map(|(e, _)| e.code.to_string());
            return (Some(last.clone()), code);
        }
        if let Some(key) = canonical_key(raw) {
            return (Some(key.to_string()), None);
        }
        let trimmed = strip_label_noise(raw);
        if let Some((e, _)) = self.classes.by_name(trimmed) {
            return (Some(e.name.to_string()), Some(e.code.to_string()));
        }
        match self.classes.find_class_in(raw) {
            Some((e, _, _)) => (Some(e.name.to_string()), Some(e.code.to_string())),
            None => (None, None),
        }
    }

    /// The words before a figure that name it: back to the previous clause delimiter, skipping
    /// connectors; a generic measure word (`2021年预算数为`) takes the clause before it too.
    fn prose_label(&self, s: &str, base: usize, at: usize) -> Option<Label> {
        let (mut from, seg) = clause_before(s, at);
        let mut raw =
            crate::text::without_chars(clean_label(seg), char::is_whitespace).into_owned();
        if is_generic(&raw) && from > 0 {
            let (prev_from, prev) = clause_before(
                s,
                from - s[..from].chars().next_back().map_or(0, char::len_utf8),
            );
            let prev_clean = clean_label(prev);
            if !prev_clean.is_empty() && !prev_clean.chars().any(is_digit) {
                raw = format!("{prev_clean}：{raw}");
                from = prev_from;
            }
        }
        if raw.is_empty() {
            return None;
        }
        let lead = s[from..at].len() - s[from..at].trim_start().len();
        let span = self.index.span(self.text, base + from + lead, base + at);
        Some(self.make_label(raw, span, None))
    }
}

/// Header text of each column (header rows joined).
/// Columns whose whole numbers count up by one from row to row (`27`, `28`, `29` …): the
/// 行次 of a 决算 table, row numbers and no amounts, even where the header above them was
/// set a column off.
fn counter_columns(table: &Table) -> Vec<bool> {
    // Steps of one needed, and the share of the column's whole numbers they must cover.
    const MIN_STEPS: usize = 4;
    let width = table.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    (0..width)
        .map(|c| {
            let whole: Vec<Decimal> = table
                .rows
                .iter()
                .filter_map(|r| r.cells.get(c)?.number.as_ref())
                .filter(|q| q.decimals == 0)
                .map(|q| q.value)
                .collect();
            let steps = whole
                .windows(2)
                .filter(|w| w[1] - w[0] == Decimal::ONE)
                .count();
            steps >= MIN_STEPS && steps * 5 >= whole.len().saturating_sub(1) * 4
        })
        .collect()
}

pub(super) fn column_headers(table: &Table) -> Vec<String> {
    let mut headers: Vec<String> = Vec::new();
    for row in table.rows.iter().take((table.header_rows as usize).max(1)) {
        for (c, cell) in row.cells.iter().enumerate() {
            if headers.len() <= c {
                headers.resize(c + 1, String::new());
            }
            headers[c].push_str(&cell.text);
        }
    }
    headers
}

/// A row's name (its text and span) and classification code.
type RowName = (Option<(String, crate::Span)>, Option<String>);

/// The row's name: its first non-numeric cell; and a classification code from leading code
/// cells (`208 01 09` or `208 1 9`), or one cell with the code in full (`2080109`).
fn row_label(row: &Row) -> RowName {
    let mut code = String::new();
    let mut parts = 0;
    for cell in &row.cells {
        let t = cell.text.trim();
        // A code written in full (`20139`, `2013901`) in one cell: the row's whole code.
        if parts == 0 && matches!(t.len(), 5 | 7) && t.chars().all(|c| c.is_ascii_digit()) {
            code.push_str(t);
            parts = 3;
            break;
        }
        let is_code_part = !t.is_empty() && t.len() <= 3 && t.chars().all(|c| c.is_ascii_digit());
        if parts < 3 && is_code_part && (parts > 0 || t.len() == 3) {
            code.push_str(&if parts == 0 {
                t.to_string()
            } else {
                format!("{t:0>2}")
            });
            parts += 1;
            continue;
        }
        if parts > 0 && parts < 3 && t.is_empty() {
            continue;
        }
        break;
    }
    let label = row
        .cells
        .iter()
        .find(|c| {
            !c.text.is_empty()
                && c.number.is_none()
                && c.text
                    .chars()
                    .any(|ch| !ch.is_ascii_digit() && !ch.is_ascii_punctuation())
        })
        .map(|c| (c.text.replace(['\n', ' ', '\u{3000}'], ""), c.span));
    (label, (parts >= 1).then_some(code))
}

/// What fact a numeric cell is. Codes, phone numbers, years and row numbers are not amounts.
fn cell_fact_kind(
    q: &Quantity,
    text: &str,
    unit: Option<&Unit>,
    header: &str,
    col: usize,
    coded_row: bool,
) -> Option<FactKind> {
    match &q.unit {
        Unit::Yuan | Unit::WanYuan | Unit::YiYuan => return Some(FactKind::Amount(q.clone())),
        Unit::Percent | Unit::Ratio => return Some(FactKind::Percent(q.clone())),
        Unit::Other(_) => return Some(FactKind::Count(q.clone())),
        Unit::None => {}
    }
    let digits = text.trim().len();
    if q.decimals == 0 && digits == 6 && is_date_column(header) {
        return date_from_six(text.trim()).map(|(year, month, valid)| FactKind::Date {
            year,
            month: Some(month),
            day: None,
            valid,
        });
    }
    let code_like = q.decimals == 0 && (digits >= 6 || (coded_row && col < 3));
    let non_money_header = contains_any(
        header,
        &[
            "编码", "代码", "电话", "年度", "人数", "数量", "编号", "时间", "科目", "序号", "行次",
            "栏次",
        ],
    ) || matches!(header.trim(), "类" | "款" | "项" | "*" | "**");
    let money = unit.filter(|u| u.is_money())?;
    if code_like || non_money_header {
        return None;
    }
    Some(FactKind::Amount(Quantity {
        unit: money.clone(),
        ..q.clone()
    }))
}

fn is_date_column(header: &str) -> bool {
    contains_any(header, &["时间", "日期", "起", "止", "年月"])
}

/// `202112` → (2021, 12, valid). `302112` is a date with an implausible year.
fn date_from_six(s: &str) -> Option<(i32, u32, bool)> {
    let year: i32 = s.get(..4)?.parse().ok()?;
    let month: u32 = s.get(4..6)?.parse().ok()?;
    Some((
        year,
        month,
        (1..=12).contains(&month) && (1949..=2100).contains(&year),
    ))
}

const DELIMITERS: &[char] = &[
    '，', ',', '。', '；', ';', '：', ':', '、', '！', '？', '《', '》', '\t',
];

/// The clause before byte `at` of `s`: its start and text.
fn clause_before(s: &str, at: usize) -> (usize, &str) {
    let before = &s[..at];
    let mut from = before
        .rfind(DELIMITERS)
        .map(|p| p + before[p..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    // "(其中" opens a sub-list: the label starts after it.
    if let Some(p) = rfind_word(&before[from..], "其中") {
        from += p + "其中".len();
    }
    // A figure earlier in the clause ends the label ("…0.2万元公务接待费…" is rare; keep the tail).
    if let Some(p) = before[from..].rfind(['元', '%', '％']) {
        from += p + before[from + p..].chars().next().map_or(1, char::len_utf8);
    }
    (from, &before[from..])
}

/// Trims connectors and leading ordinals from a label.
fn clean_label(seg: &str) -> &str {
    let mut t = seg
        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '（' | '(' | '）' | ')'))
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '（' | '('));
    loop {
        let before = t;
        for p in ["其中", "主要是", "主要为", "包括", "分别为", "即"] {
            t = t.strip_prefix(p).unwrap_or(t).trim_start();
        }
        if let Some(m) = super::numbering::scan_marker(t) {
            t = &t[m.len..];
        }
        for suffix in [
            "为", "是", "共计", "共", "约", "达到", "达", "安排", "了", "有",
        ] {
            t = t.strip_suffix(suffix).unwrap_or(t).trim_end();
        }
        if t == before {
            return t;
        }
    }
}

/// A label that only names a measure (`2021年预算数`), not a quantity.
fn is_generic(raw: &str) -> bool {
    let stripped = strip_label_noise(raw);
    stripped.is_empty()
        || [
            "预算数",
            "年初预算",
            "全年预算数",
            "决算数",
            "支出决算",
            "执行数",
            "预算",
            "决算",
            "金额",
            "资金",
        ]
        .contains(&stripped)
}

/// Removes a leading year (`2021年`, `2021 年度`) and white space.
fn strip_label_noise(raw: &str) -> &str {
    let t = raw.trim();
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let t = if digits == 4 { t[4..].trim_start() } else { t };
    let t = t
        .strip_prefix("年度")
        .or_else(|| t.strip_prefix('年'))
        .unwrap_or(t);
    t.trim()
}

/// `社会保障和就业支出（类）人力资源和社会保障管理事务（款）行政运行（项）` → the three names.
fn class_path(raw: &str) -> Vec<String> {
    const MARKERS: [[&str; 2]; 3] = [["（类）", "(类)"], ["（款）", "(款)"], ["（项）", "(项)"]];
    let mut path = Vec::new();
    if !raw.contains(['类', '款', '项']) {
        return path;
    }
    let mut rest = raw;
    for level in MARKERS {
        for marker in level {
            if let Some(p) = rest.find(marker) {
                let name = rest[..p].trim().trim_start_matches(|c: char| {
                    c.is_ascii_digit() || matches!(c, '.' | '、' | '．')
                });
                if !name.is_empty() {
                    path.push(name.to_string());
                }
                rest = &rest[p + marker.len()..];
            }
        }
    }
    path
}

/// Scans `s` for facts. `in_cell` enables six-digit dates (`202112`), which in running text are
/// too ambiguous.
fn scan(s: &str, in_cell: bool) -> Vec<Found> {
    let mut found = doc_numbers(s);
    // 发文字号 ranges, in order: the scan skips them (figures found below are skipped by `i`).
    let covered: Vec<(usize, usize)> = found.iter().map(|f| (f.start, f.end)).collect();
    let mut next_covered = 0;
    let mut i = 0;
    while let Some(at) = next_digit_candidate(s, i) {
        i = at;
        while covered.get(next_covered).is_some_and(|&(_, e)| e <= i) {
            next_covered += 1;
        }
        if let Some(&(a, e)) = covered.get(next_covered).filter(|&&(a, _)| a <= i) {
            debug_assert!(a <= i && i < e);
            i = e;
            continue;
        }
        let c = s[i..].chars().next().unwrap_or(' ');
        let prev = s[..i].chars().next_back();
        let glued =
            prev.is_some_and(|p| p.is_ascii_alphanumeric() || p == '.' || p == '．' || is_digit(p));
        if !is_digit(c) || glued {
            i += c.len_utf8();
            continue;
        }
        // “1.2019年全年”: an item ordinal right before a figure is not part of it.
        if let Some(len) = ordinal_before_figure(&s[i..], prev) {
            i += len;
            continue;
        }
        match token_at(&s[i..], in_cell) {
            Some((len, kind)) => {
                found.push(Found {
                    start: i,
                    end: i + len,
                    kind,
                });
                i += len;
            }
            None => {
                // Skip the whole digit run so "131024212WPP" yields nothing.
                let run = s[i..]
                    .find(|ch: char| !is_digit(ch) && ch != '.' && ch != ',')
                    .unwrap_or(s.len() - i);
                i += run.max(1);
            }
        }
        while i < s.len() && !s.is_char_boundary(i) {
            i += 1;
        }
    }
    found.sort_by_key(|f| f.start);
    found
}

/// The first byte at or after `from` where a digit may start: an ASCII digit, or the lead byte
/// 0xEF of a full-width one (`０`–`９`). Figures are sparse in running text, so the scan jumps.
fn next_digit_candidate(s: &str, from: usize) -> Option<usize> {
    let candidate = |b: u8| b.wrapping_sub(b'0') < 10 || b == 0xEF;
    let rest = s.as_bytes().get(from..)?;
    // Chunks are tested without branching (vectorised); only a chunk with a hit is searched.
    let mut offset = from;
    for chunk in rest.chunks(32) {
        if chunk.iter().fold(false, |hit, &b| hit | candidate(b)) {
            return chunk.iter().position(|&b| candidate(b)).map(|p| offset + p);
        }
        offset += chunk.len();
    }
    None
}

/// The length of an ordinal marker (`1.`, `2、`) at a clause start that is directly followed by
/// another figure.
fn ordinal_before_figure(s: &str, prev: Option<char>) -> Option<usize> {
    let at_clause_start = prev.is_none_or(|p| p.is_whitespace() || DELIMITERS.contains(&p));
    let m = super::numbering::scan_marker(s).filter(|_| at_clause_start)?;
    let is_arabic = matches!(
        m.style,
        NumberingStyle::ArabicDot | NumberingStyle::ArabicComma
    );
    (is_arabic && s[m.len..].starts_with(|c: char| c.is_ascii_digit())).then_some(m.len)
}

/// A fact starting at the first character of `s`.
fn token_at(s: &str, in_cell: bool) -> Option<(usize, FactKind)> {
    if let Some(t) = date_at(s) {
        return Some(t);
    }
    let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if in_cell && digits == 6 && !s[6..].starts_with(['.', '%', '万', '元']) {
        let (year, month, valid) = date_from_six(&s[..6])?;
        if (19..=30).contains(&(year / 100))
            && (0..=12).contains(&month)
            && s[6..].trim().is_empty()
        {
            return Some((
                6,
                FactKind::Date {
                    year,
                    month: Some(month),
                    day: None,
                    valid,
                },
            ));
        }
    }
    let (q, len) = scan_quantity(s)?;
    let kind = match &q.unit {
        Unit::Yuan | Unit::WanYuan | Unit::YiYuan => FactKind::Amount(q),
        Unit::Percent | Unit::Ratio => FactKind::Percent(q),
        Unit::Other(u) if u == "年" => return None,
        Unit::Other(_) => FactKind::Count(q),
        Unit::None => return None,
    };
    Some((len, kind))
}

/// `2020年12月31日`, `2021年12月`, `2021年`, `2020-12-31`, `2020/12/31`, `2020.12.31`.
fn date_at(s: &str) -> Option<(usize, FactKind)> {
    let y = s
        .get(..4)
        .filter(|y| y.chars().all(|c| c.is_ascii_digit()))?;
    if s[4..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let year: i32 = y.parse().ok()?;
    let rest = &s[4..];
    let after_space = rest.trim_start_matches([' ', '\u{3000}']);
    if let Some(r) = after_space.strip_prefix('年') {
        let used = s.len() - r.len();
        let r2 = r.trim_start_matches([' ', '\u{3000}']);
        if let Some((m, mlen, _)) = small_int(r2) {
            let after_m = &r2[mlen..];
            let after_m2 = after_m.trim_start_matches([' ', '\u{3000}']);
            if let Some(r3) = after_m2.strip_prefix('月') {
                let mut len = s.len() - r3.len();
                let mut day = None;
                let r4 = r3.trim_start_matches([' ', '\u{3000}']);
                if let Some((d, dlen, _)) = small_int(r4) {
                    if r4[dlen..].trim_start().starts_with('日') {
                        day = Some(d);
                        let tail = r4[dlen..].trim_start();
                        len = s.len() - tail.len() + '日'.len_utf8();
                    }
                }
                return Some((len, date_kind(year, Some(m), day)));
            }
        }
        return Some((used, FactKind::Year { year }));
    }
    for sep in ['-', '/', '.'] {
        if let Some(r) = rest.strip_prefix(sep) {
            let (m, mlen, _) = small_int(r)?;
            let r2 = r[mlen..].strip_prefix(sep)?;
            let (d, dlen, _) = small_int(r2)?;
            if r2[dlen..].starts_with(|c: char| c.is_ascii_digit()) {
                return None;
            }
            let len = s.len() - r2.len() + dlen;
            return Some((len, date_kind(year, Some(m), Some(d))));
        }
    }
    None
}

fn date_kind(year: i32, month: Option<u32>, day: Option<u32>) -> FactKind {
    let month_ok = month.is_none_or(|m| (1..=12).contains(&m));
    let day_ok = day.is_none_or(|d| (1..=31).contains(&d));
    FactKind::Date {
        year,
        month,
        day,
        valid: month_ok && day_ok && (1949..=2100).contains(&year),
    }
}

/// One or two ASCII digits.
fn small_int(s: &str) -> Option<(u32, usize, ())> {
    let n = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if n == 0 || n > 2 {
        return None;
    }
    Some((s[..n].parse().ok()?, n, ()))
}

const OPEN_BRACKETS: &[(char, char, BracketStyle)] = &[
    ('〔', '〕', BracketStyle::Tortoise),
    ('【', '】', BracketStyle::Lenticular),
    ('[', ']', BracketStyle::Square),
    ('［', '］', BracketStyle::Square),
    ('(', ')', BracketStyle::Paren),
    ('（', '）', BracketStyle::Paren),
    ('﹝', '﹞', BracketStyle::Other),
    ('〈', '〉', BracketStyle::Other),
];

/// Words that introduce a citation and are not part of the 机关代字.
const CITATION_WORDS: &[&str] = &[
    "根据", "依据", "按照", "依照", "参照", "详见", "文件", "印发", "关于", "转发", "通知", "的",
    "和", "及", "与", "见", "号",
];

/// 发文字号: `冀财社〔2020〕185号`, `【2015】52号`, `人社部发[2015]52号`.
fn doc_numbers(s: &str) -> Vec<Found> {
    let mut out = Vec::new();
    // Every 发文字号 ends in 号: most clauses and cells have none.
    if !contains_char(s, '号') {
        return out;
    }
    for (i, c) in s.char_indices() {
        let Some(&(_, close, bracket)) = OPEN_BRACKETS.iter().find(|(o, _, _)| *o == c) else {
            continue;
        };
        let inner_start = i + c.len_utf8();
        let inner = &s[inner_start..];
        let ylen = inner.len() - inner.trim_start_matches(is_digit).len();
        let year_digits = inner[..ylen].chars().count();
        if year_digits != 4 && year_digits != 2 {
            continue;
        }
        let Some(after_close) = inner[ylen..].strip_prefix(close) else {
            continue;
        };
        let serial_part = after_close.trim_start();
        let (has_di, serial_digits) = match serial_part.strip_prefix('第') {
            Some(r) => (true, r),
            None => (false, serial_part),
        };
        let slen = serial_digits.len() - serial_digits.trim_start_matches(is_digit).len();
        let after_serial = &serial_digits[slen..];
        let hao = after_serial.trim_start_matches([' ', '\u{3000}']);
        if slen == 0 || !hao.starts_with('号') {
            continue;
        }
        let end = s.len() - hao.len() + '号'.len_utf8();
        let agency_start = agency_start(&s[..i]);
        let year_text = inner[..ylen].to_string();
        let year = ascii_digits(&year_text).parse::<i32>().unwrap_or(0);
        let serial_text = format!(
            "{}{}",
            if has_di { "第" } else { "" },
            &serial_digits[..slen]
        );
        out.push(Found {
            start: agency_start,
            end,
            kind: FactKind::DocNumber(Box::new(DocNumber {
                agency: s[agency_start..i].to_string(),
                year: if year_digits == 2 { 2000 + year } else { year },
                year_text,
                serial: ascii_digits(&serial_digits[..slen]).parse().unwrap_or(0),
                serial_text,
                bracket,
                raw: s[agency_start..end].to_string(),
            })),
        });
    }
    out
}

/// Full-width digits as ASCII (`２０２０` → `2020`).
fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| {
            if ('０'..='９').contains(&c) {
                char::from(b'0' + (c as u32 - '０' as u32) as u8)
            } else {
                c
            }
        })
        .collect()
}

/// Where the 机关代字 before a bracket starts: a run of up to 10 Han characters or letters,
/// cut after any citation word.
fn agency_start(before: &str) -> usize {
    let mut start = before.len();
    for (i, c) in before.char_indices().rev() {
        let han = ('\u{4E00}'..='\u{9FFF}').contains(&c) || c.is_ascii_alphabetic();
        if !han || before[i..].chars().count() > 10 {
            break;
        }
        start = i;
    }
    let run = &before[start..];
    let cut = CITATION_WORDS
        .iter()
        .filter_map(|w| rfind_word(run, w).map(|p| p + w.len()))
        .max()
        .unwrap_or(0);
    start + cut
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<(String, FactKind)> {
        scan(s, false)
            .into_iter()
            .map(|f| (s[f.start..f.end].to_string(), f.kind))
            .collect()
    }

    #[test]
    fn doc_numbers_with_every_bracket() {
        let found = kinds(
            "根据冀财社【2020】185号和人社部发[2015]52号、国办发〔2015〕18号，根据【2020】143号",
        );
        let nums: Vec<(String, String, BracketStyle)> = found
            .into_iter()
            .filter_map(|(t, k)| match k {
                FactKind::DocNumber(d) => Some((t, d.agency, d.bracket)),
                _ => None,
            })
            .collect();
        assert_eq!(
            nums,
            vec![
                (
                    "冀财社【2020】185号".into(),
                    "冀财社".into(),
                    BracketStyle::Lenticular
                ),
                (
                    "人社部发[2015]52号".into(),
                    "人社部发".into(),
                    BracketStyle::Square
                ),
                (
                    "国办发〔2015〕18号".into(),
                    "国办发".into(),
                    BracketStyle::Tortoise
                ),
                ("【2020】143号".into(), "".into(), BracketStyle::Lenticular),
            ]
        );
    }

    #[test]
    fn years_dates_amounts() {
        let found = kinds("2020年全年，2020年12月31日前完成，2021 年支出预算共计10785.51万元，增长4.19%，参保12万人");
        let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            texts,
            [
                "2020年",
                "2020年12月31日",
                "2021 年",
                "10785.51万元",
                "4.19%",
                "12万人"
            ]
        );
        assert!(matches!(
            found[1].1,
            FactKind::Date {
                year: 2020,
                month: Some(12),
                day: Some(31),
                valid: true
            }
        ));
    }

    #[test]
    fn codes_are_not_figures() {
        assert!(kinds("项目编码131024212WPP84MMFSEMX").is_empty());
    }

    #[test]
    fn class_paths() {
        assert_eq!(
            class_path("1.社会保障和就业支出（类）人力资源和社会保障管理事务（款）行政运行（项）"),
            [
                "社会保障和就业支出",
                "人力资源和社会保障管理事务",
                "行政运行"
            ]
        );
    }
}
