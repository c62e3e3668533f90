#!/usr/bin/env python3
"""A disclosure as plain text (prose lines, tables as tab-separated rows or one cell per line)
turned into an HTML page or an Excel workbook, for scripts/gen-format-fixtures.sh.

    format_fixtures.py html IN.txt OUT.html [--landscape]
    format_fixtures.py xlsx IN.txt OUT.xlsx

Standard library only. Lines are read the way budgetlint's model reads them
(crates/model/src/parse/lines.rs and blocks.rs):

- a line with one leading tab and no other tab is one cell of a cell-per-line table (a line
  that is exactly a tab is an empty cell); rows end at blank lines, a line without a leading
  tab continues the cell above; the table goes on while the next non-blank line is a cell;
- a line with tabs otherwise is a row of a tab-separated table (a cell line right before one is
  its first row, with an empty first cell); one blank line inside a table of five or more
  columns is skipped when the next row has about as many columns;
- every other non-blank line is a paragraph.

HTML: paragraphs are <p>, tables <table><tr><td>, the lines of a multi-line cell are joined
by <br>. XLSX: one sheet per table, holding the prose before it as one line per row in
column A (so the caption and `单位：万元` stay right above the table), and a last sheet for
the prose after the last table; numbers are stored as numbers with a number format that
shows them as written (decimals, thousands separators, percent), everything else as text.
"""

import html
import re
import sys
import zipfile
from xml.sax.saxutils import escape as xml_escape

BLANK, CELL, TABROW, TEXT = "blank", "cell", "tabrow", "text"


def kind(line):
    if not line.strip():
        return CELL if line == "\t" else BLANK
    tabs = line.count("\t")
    if tabs == 0:
        return TEXT
    leading = len(line) - len(line.lstrip("\t"))
    return CELL if leading == 1 and tabs == 1 else TABROW


def blocks(text):
    """[("p", line)] and [("table", rows)], rows being lists of cells (lists of lines)."""
    lines = text.replace("\r\n", "\n").split("\n")
    kinds = [kind(l) for l in lines]
    out = []
    i = 0
    n = len(lines)
    while i < n:
        k = kinds[i]
        if k == BLANK:
            i += 1
        elif k == CELL and not (i + 1 < n and kinds[i + 1] == TABROW):
            rows, current = [], []
            while i < n:
                if kinds[i] == CELL:
                    current.append([lines[i][1:]])
                    i += 1
                elif kinds[i] == TEXT and current:
                    current[-1].append(lines[i])
                    i += 1
                elif kinds[i] == BLANK:
                    if current:
                        rows.append(current)
                        current = []
                    j = i
                    while j < n and kinds[j] == BLANK:
                        j += 1
                    if j < n and kinds[j] == CELL:
                        i = j
                    else:
                        break
                else:
                    break
            if current:
                rows.append(current)
            out.append(("table", rows))
        elif k in (CELL, TABROW):
            rows = []
            while True:
                if i < n and kinds[i] == BLANK and i + 1 < n and kinds[i + 1] == TABROW:
                    width = max((len(r) for r in rows), default=0)
                    if width >= 5 and abs(lines[i + 1].count("\t") + 1 - width) <= 2:
                        i += 1
                if i >= n or kinds[i] not in (CELL, TABROW):
                    break
                rows.append([[c] for c in lines[i].split("\t")])
                i += 1
            out.append(("table", rows))
        else:
            out.append(("p", lines[i]))
            i += 1
    return out


def to_html(text, landscape=False):
    page = "@page { size: A4 landscape; margin: 1.5cm }" if landscape else "@page { size: A4; margin: 2cm }"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8"><title>fixture</title>',
        "<style>%s body { font-family: 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif; font-size: 10pt }"
        " table { border-collapse: collapse } td { border: 1px solid #000; padding: 1pt 5.4pt; font-size: 9pt }</style>"
        % page,
        "</head><body>",
    ]
    for what, body in blocks(text):
        if what == "p":
            parts.append("<p>%s</p>" % html.escape(body.strip(" \t")))
        else:
            parts.append('<table border="1" cellspacing="0" cellpadding="5">')
            for row in body:
                cells = "".join(
                    # A number is never broken over two lines in a published table.
                    "<td%s>%s</td>"
                    % (" nowrap" if number_cell(" ".join(cell).strip()) else "", "<br>".join(html.escape(l.strip()) for l in cell))
                    for cell in row
                )
                parts.append("<tr>%s</tr>" % cells)
            parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


NUMBER = re.compile(r"^(-?)((?:[1-9]\d{0,2}(?:,\d{3})+)|(?:0|[1-9]\d*))(?:\.(\d+))?(%?)$")


def number_cell(s):
    """(value, format code) when `s` is a number Excel would store as one, else None."""
    m = NUMBER.match(s)
    if not m:
        return None
    sign, whole, frac, percent = m.groups()
    if len(whole.replace(",", "")) > 12:
        return None
    value = sign + whole.replace(",", "") + ("." + frac if frac else "")
    grouping = "#,##0" if "," in whole else "0"
    code = grouping + ("." + "0" * len(frac) if frac else "")
    if percent:
        code += "%"
        # The stored value is the fraction; written as a decimal string, exactly.
        digits = value.lstrip("-")
        int_part, _, frac_part = digits.partition(".")
        int_part = int_part.rjust(3, "0")
        shifted = int_part[:-2] + "." + int_part[-2:] + frac_part
        value = sign + (shifted.lstrip("0") or "0")
        if value.startswith(".") or value.startswith("-."):
            value = value.replace(".", "0.", 1)
    return value, code


def col_name(c):
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def sheet_xml(rows, styles):
    """rows: lists of cell strings. styles: format code -> style index (filled in)."""
    out = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
    ]
    for r, row in enumerate(rows):
        cells = []
        for c, value in enumerate(row):
            if value == "":
                continue
            ref = "%s%d" % (col_name(c), r + 1)
            num = number_cell(value.strip())
            if num:
                v, code = num
                s = styles.setdefault(code, len(styles) + 1)
                cells.append('<c r="%s" s="%d"><v>%s</v></c>' % (ref, s, v))
            else:
                cells.append('<c r="%s" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>' % (ref, xml_escape(value)))
        out.append('<row r="%d">%s</row>' % (r + 1, "".join(cells)))
    out.append("</sheetData></worksheet>")
    return "".join(out)


def to_xlsx(text, path):
    sheets = []  # (name, rows)
    prose = []
    count = 0
    for what, body in blocks(text):
        if what == "p":
            prose.append([body.strip(" \t")])
        else:
            count += 1
            rows = prose + [[]] if prose else []
            rows += [[" ".join(l.strip() for l in cell) for cell in row] for row in body]
            sheets.append(("表%d" % count, rows))
            prose = []
    if prose or not sheets:
        sheets.append(("正文", prose))
    styles = {}
    sheet_files = [sheet_xml(rows, styles) for _, rows in sheets]
    numfmts = "".join(
        '<numFmt numFmtId="%d" formatCode="%s"/>' % (164 + i - 1, xml_escape(code, {'"': "&quot;"}))
        for code, i in sorted(styles.items(), key=lambda kv: kv[1])
    )
    xfs = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' + "".join(
        '<xf numFmtId="%d" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' % (164 + i - 1)
        for _, i in sorted(styles.items(), key=lambda kv: kv[1])
    )
    styles_xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<numFmts count="%d">%s</numFmts>'
        '<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="%d">%s</cellXfs>'
        "</styleSheet>" % (len(styles), numfmts, len(styles) + 1, xfs)
    )
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    workbook = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="%s" xmlns:r="%s"><sheets>%s</sheets></workbook>'
        % (ns, rel, "".join('<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (xml_escape(name), i + 1, i + 1) for i, (name, _) in enumerate(sheets)))
    )
    wb_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">%s'
        '<Relationship Id="rId%d" Type="%s/styles" Target="styles.xml"/></Relationships>'
        % (
            "".join(
                '<Relationship Id="rId%d" Type="%s/worksheet" Target="worksheets/sheet%d.xml"/>' % (i + 1, rel, i + 1)
                for i in range(len(sheets))
            ),
            len(sheets) + 1,
            rel,
        )
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        + "".join(
            '<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            % (i + 1)
            for i in range(len(sheets))
        )
        + "</Types>"
    )
    root_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>' % rel
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", content_types)
        z.writestr("_rels/.rels", root_rels)
        z.writestr("xl/workbook.xml", workbook)
        z.writestr("xl/_rels/workbook.xml.rels", wb_rels)
        z.writestr("xl/styles.xml", styles_xml)
        for i, xml in enumerate(sheet_files):
            z.writestr("xl/worksheets/sheet%d.xml" % (i + 1), xml)


def main(argv):
    if len(argv) < 4 or argv[1] not in ("html", "xlsx"):
        sys.stderr.write(__doc__)
        return 2
    with open(argv[2], encoding="utf-8-sig") as f:
        text = f.read()
    if argv[1] == "html":
        with open(argv[3], "w", encoding="utf-8") as f:
            f.write(to_html(text, landscape="--landscape" in argv[4:]))
    else:
        to_xlsx(text, argv[3])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
