#!/usr/bin/python3
"""qkpi demo: a quality review built from the sample workbook with the qkpi formula functions.

    /usr/bin/python3 scripts/demo.py [--oxt build/qkpi.oxt] [--out out] [--sample tests/data/sample.ods]

Opens tests/data/sample.ods in a private headless office with the extension installed, adds a sheet
"KPIs" with the four objectives

  1. RFT 99.8 % by customer                     RFT, KPISTATUS
  2. OTIF by customer (95 %)                     OTIF, KPISTATUS
  3. returns value -50 % per site vs 2025        RETURNS, REDUCTION, TARGETPATH, KPISTATUS
  4. 90 % of returns closed within 20 working    TURNAROUND, TURNAROUNDDAYS, KPISTATUS
     days per site

saves <out>/quality-review.ods, exports <out>/quality-review.pdf (the KPIs sheet) and prints a summary.
(Until the review-sheet commands of the extension exist, this script writes the formulas itself.)
"""

from __future__ import annotations

import argparse
import os
import sys

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.join(REPO, "tests", "integration"))

import office  # noqa: E402
import uno  # noqa: E402

YEAR_FROM, YEAR_TO = "DATE(2026;1;1)", "DATE(2026;12;31)"
BASE_FROM, BASE_TO = "DATE(2025;1;1)", "DATE(2025;12;31)"
AS_OF = "DATE(2026;12;31)"


def rows_of(sheet):
    """Last used row (1-based) of a sheet."""
    cur = sheet.createCursor()
    cur.gotoEndOfUsedArea(False)
    return cur.getRangeAddress().EndRow + 1


def segments(doc, formula, n):
    """Evaluates {=SEGMENTS(...)} in a scratch area and returns the values."""
    sh = doc.getSheets().getByName("KPIs")
    rr = sh.getCellRangeByPosition(20, 0, 20, n - 1)
    rr.setArrayFormula(formula)
    doc.calculateAll()
    vals = []
    for i in range(n):
        kind, v = office.cell_result(rr.getCellByPosition(0, i))
        if kind == "error":
            break
        vals.append(v)
    rr.clearContents(1 | 2 | 4 | 16)  # values, dates, strings, formulas
    return vals


def nf(doc, code):
    from com.sun.star.lang import Locale

    formats = doc.getNumberFormats()
    loc = Locale("en", "US", "")
    k = formats.queryKey(code, loc, False)
    return k if k != -1 else formats.addNew(code, loc)


def style_header(rng):
    rng.setPropertyValue("CharWeight", 150.0)
    rng.setPropertyValue("CellBackColor", 0xDCE6F1)


def status_colours(rng):
    """Conditional formatting of a KPISTATUS column: GREEN/AMBER/RED/GREY with Calc's status styles."""
    from com.sun.star.sheet.ConditionOperator import EQUAL

    entries = rng.getPropertyValue("ConditionalFormat")
    for text, style in (("GREEN", "Good"), ("AMBER", "Neutral"), ("RED", "Bad"), ("GREY", "Note")):
        entries.addNew(office.props(Operator=EQUAL, Formula1=f'"{text}"', StyleName=style))
    rng.setPropertyValue("ConditionalFormat", entries)


def seg_literal(v):
    if isinstance(v, float):
        return repr(int(v)) if v == int(v) else repr(v)
    return '"' + v.replace('"', '""') + '"'


def build_kpis(doc):
    sheets = doc.getSheets()
    sheets.insertNewByName("KPIs", 0)
    sh = sheets.getByName("KPIs")
    nd = rows_of(sheets.getByName("Deliveries"))
    nq = rows_of(sheets.getByName("Quality"))
    nr = rows_of(sheets.getByName("Returns"))
    D, DS = f"$Deliveries.$D$2:$G${nd}", f"$Deliveries.$A$2:$A${nd}"
    Q, QS = f"$Quality.$B$2:$D${nq}", f"$Quality.$A$2:$A${nq}"
    RV, RS = f"$Returns.$C$2:$E${nr}", f"$Returns.$A$2:$A${nr}"
    RT = f"$Returns.$C$2:$D${nr}"
    customers = segments(doc, f"=SEGMENTS({DS})", 50)
    sites = segments(doc, f"=SEGMENTS({RS})", 20)

    pct, pct2, money = nf(doc, "0.0%"), nf(doc, "0.00%"), nf(doc, "#,##0")
    sh.getCellByPosition(0, 0).setString("Quality review 2026 (qkpi demo, synthetic data)")
    sh.getCellByPosition(0, 0).setPropertyValue("CharHeight", 14.0)
    sh.getCellByPosition(0, 0).setPropertyValue("CharWeight", 150.0)
    sections = []  # (title, first row, rows) for the summary
    row = 2

    def section(title, header, lines, formats):
        nonlocal row
        sh.getCellByPosition(0, row).setString(title)
        sh.getCellByPosition(0, row).setPropertyValue("CharWeight", 150.0)
        hr = sh.getCellRangeByPosition(0, row + 1, len(header) - 1, row + 1)
        hr.setDataArray((tuple(header),))
        style_header(hr)
        first = row + 2
        body = sh.getCellRangeByPosition(0, first, len(header) - 1, first + len(lines) - 1)
        body.setFormulaArray(tuple(tuple(l) for l in lines))
        for c, f in formats.items():
            sh.getCellRangeByPosition(c, first, c, first + len(lines) - 1).setPropertyValue("NumberFormat", f)
        status_colours(sh.getCellRangeByPosition(len(header) - 1, first, len(header) - 1, first + len(lines) - 1))
        sections.append((title, first, len(lines), header))
        row = first + len(lines) + 1

    # 1. RFT by customer
    lines = []
    for i, c in enumerate(customers + ["(all)"]):
        r = row + 3 + i
        seg = f";{QS};$A{r}" if c != "(all)" else ";;"
        lines.append((c if isinstance(c, str) else str(c), f"=RFT({Q}{seg};{YEAR_FROM};{YEAR_TO})", "0.998",
                      "0.995", f'=KPISTATUS(IFNA(B{r};"");C{r};"higher";D{r})'))
    section("1. Right first time (objective: 99.8 % by customer)",
            ["Customer", "RFT", "Target", "Amber below", "Status"], lines, {1: pct2, 2: pct2, 3: pct2})

    # 2. OTIF by customer (lines due in 2026; lines not yet late at the end of the period are left out)
    lines = []
    for i, c in enumerate(customers + ["(all)"]):
        r = row + 3 + i
        seg = f";{DS};$A{r}" if c != "(all)" else ";;"
        lines.append((c if isinstance(c, str) else str(c), f"=OTIF({D}{seg};{YEAR_FROM};{YEAR_TO})",
                      f"=ONTIME({D}{seg};{YEAR_FROM};{YEAR_TO})", f"=INFULL({D}{seg};{YEAR_FROM};{YEAR_TO})",
                      "0.95", "0.9", f'=KPISTATUS(IFNA(B{r};"");E{r};"higher";F{r})'))
    section("2. On time in full (objective: 95 % by customer)",
            ["Customer", "OTIF", "On time", "In full", "Target", "Amber below", "Status"], lines,
            {1: pct, 2: pct, 3: pct, 4: pct, 5: pct})

    # 3. Returns value per site: 2026 vs 2025, objective -50 %; path = where 2026 should be by AS_OF
    lines = []
    for i, s in enumerate(sites + ["(all)"]):
        r = row + 3 + i
        seg = f";{RS};$A{r}" if s != "(all)" else ";;"
        lines.append((s, f"=RETURNS({RV}{seg};{BASE_FROM};{BASE_TO};{{1;3}})",
                      f"=RETURNS({RV}{seg};{YEAR_FROM};{YEAR_TO};{{1;3}})", f"=REDUCTION(B{r};C{r})", "0.5",
                      f"=TARGETPATH(0;E{r};{YEAR_FROM};{YEAR_TO};{AS_OF})",
                      f'=KPISTATUS(D{r};F{r};"higher";F{r}*0.8)'))
    section("3. Customer returns value (objective: -50 % per site vs 2025)",
            ["Site", "2025 (baseline)", "2026", "Reduction", "Target", "Path at as-of", "Status"], lines,
            {1: money, 2: money, 3: pct, 4: pct, 5: pct})

    # 4. Turnaround within 20 working days per site
    lines = []
    for i, s in enumerate(sites + ["(all)"]):
        r = row + 3 + i
        seg = f";{RS};$A{r}" if s != "(all)" else ";;"
        lines.append((s, f"=TURNAROUND({RT}{seg};{YEAR_FROM};{YEAR_TO};20;;Holidays;{AS_OF})",
                      f"=TURNAROUNDDAYS({RT}{seg};{YEAR_FROM};{YEAR_TO};0.9;;Holidays;{AS_OF})", "0.9", "0.85",
                      f'=KPISTATUS(IFNA(B{r};"");D{r};"higher";E{r})'))
    section("4. Returns turnaround (objective: 90 % within 20 working days per site)",
            ["Site", "Within 20 days", "90th percentile (days)", "Target", "Amber below", "Status"], lines,
            {1: pct, 3: pct, 4: pct})

    cols = sh.getColumns()
    for i, w in enumerate([4.2, 3.4, 3.8, 3.0, 2.8, 3.0, 2.4]):
        cols.getByIndex(i).setPropertyValue("Width", int(w * 1000))
    sh.getCellByPosition(0, row + 1).setString("As of 2026-12-31. Data: tests/data/sample.ods (synthetic).")
    # one page, landscape, for the PDF
    styles = doc.getStyleFamilies().getByName("PageStyles")
    page = doc.createInstance("com.sun.star.style.PageStyle")
    styles.insertByName("qkpi review", page)
    page.setPropertyValue("IsLandscape", True)
    w, h = page.getPropertyValue("Width"), page.getPropertyValue("Height")
    if w < h:
        page.setPropertyValue("Width", h)
        page.setPropertyValue("Height", w)
    page.setPropertyValue("ScaleToPagesX", 1)
    page.setPropertyValue("ScaleToPagesY", 1)
    sh.setPropertyValue("PageStyle", "qkpi review")
    return sh, sections, row + 1


def summary(sh, sections):
    out = []
    for title, first, n, header in sections:
        out.append(title)
        for i in range(n):
            cells = [office.cell_result(sh.getCellByPosition(c, first + i)) for c in range(len(header))]
            parts = []
            for h, (kind, v) in zip(header[1:], cells[1:]):
                if kind == "value":
                    if "(days)" in h:
                        parts.append(f"{h} {v:.0f}")
                    elif abs(v) <= 1.5:
                        parts.append(f"{h} {v * 100:.2f} %")
                    else:
                        parts.append(f"{h} {v:,.0f}")
                elif kind == "error":
                    parts.append(f"{h} {office.err_name(v)}")
                else:
                    parts.append(f"{h} {v}")
            out.append(f"  {str(cells[0][1]):<14} " + ", ".join(parts))
    return "\n".join(out)


def export_pdf(doc, path, area):
    """calc_pdf_Export of `area` only (FilterData must be typed as a PropertyValue sequence)."""
    fd = uno.Any("[]com.sun.star.beans.PropertyValue", office.props(Selection=area))
    args = (office.prop("FilterName", "calc_pdf_Export"), office.prop("Overwrite", True),
            office.prop("FilterData", fd))
    uno.invoke(doc, "storeToURL", (office.to_url(path), uno.Any("[]com.sun.star.beans.PropertyValue", args)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--oxt", default=os.environ.get("QKPI_OXT") or os.path.join(REPO, "build", "qkpi.oxt"))
    ap.add_argument("--out", default=os.path.join(REPO, "out"))
    ap.add_argument("--sample", default=os.path.join(REPO, "tests", "data", "sample.ods"))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    ods = os.path.join(args.out, "quality-review.ods")
    pdf = os.path.join(args.out, "quality-review.pdf")
    with office.Office(args.oxt, verbose=False) as o:
        doc = o.load(args.sample)
        sh, sections, last_row = build_kpis(doc)
        doc.calculateAll()
        doc.getSheets().getByName("KPIs")  # first sheet: opens on it
        office.Office.store(doc, ods, "calc8")
        area = sh.getCellRangeByPosition(0, 0, 6, last_row)
        export_pdf(doc, pdf, area)
        text = summary(sh, sections)
        errors = text.count("Err:") + text.count("#VALUE") + text.count("#NAME")
        office.Office.close(doc)
    print(text)
    print(f"\nwrote {ods}\nwrote {pdf}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
