#!/usr/bin/python3
"""XLSX round trip: a document made by the workflow (Sample Data, New Register, Review, Action Log: the
org.qkpi:* dispatches) saved as "Calc MS Excel 2007 XML", closed and reopened with qkpi installed, and
opened in a LibreOffice without qkpi.

What it asserts is what the README's "Saving as Excel (XLSX)" section says:
- kept: every sheet, the named range, every formula (in the file the qkpi functions are
  ORG.QKPI.QUALITYKPI.OTIF ... when LibreOffice 7.4 saves, OTIF ... when 25.2 saves; in Calc the
  programmatic names again), every value (as stored, and recalculated by qkpi), the cell styles, the
  conditional formats (ranges and conditions), the validations (dropdowns), the charts and their data cells;
- lost: the names of the conditional formats' styles (Calc imports them as ConditionalStyle_1 ...), the
  centring of the RAG cells (an XLSX conditional format cannot align), the chart names ("Object 1" ...);
- without qkpi: formulas kept, values as stored until Calc recalculates them, then #NAME?; saved again
  there, the file still works where qkpi is installed.

Run: /usr/bin/python3 tests/integration/test_xlsx.py --oxt build/qkpi.oxt   (or env QKPI_OXT)
"""

from __future__ import annotations

import html
import os
import re
import sys
import unittest
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import office  # noqa: E402
from test_commands import DATE, SUCCESS, doc_dump, used_range  # noqa: E402
from test_hostile import doc_diff  # noqa: E402

XLSX = "Calc MS Excel 2007 XML"
PREFIX = "ORG.QKPI.QUALITYKPI."
REVIEW = f"Review {DATE}"
FORMATTED = ("Objectives", REVIEW, "Action Log")  # the sheets with conditional formats and dropdowns
STYLE_PROPS = ("CharWeight", "CharPosture", "CharColor", "CellBackColor", "HoriJustify")
# What XLSX loses of the conditional formats' styles: centring (an XLSX conditional format has no alignment).
LOST = {("qkpi GREEN", "HoriJustify"): ("CENTER", "STANDARD"), ("qkpi AMBER", "HoriJustify"): ("CENTER", "STANDARD"),
        ("qkpi RED", "HoriJustify"): ("CENTER", "STANDARD"), ("qkpi GREY", "HoriJustify"): ("CENTER", "STANDARD")}

S = {}


def dispatch(doc, command, **args):
    helper = office.OFFICE.create("com.sun.star.frame.DispatchHelper")
    ev = helper.executeDispatch(doc.getCurrentController().getFrame(), "org.qkpi:" + command, "", 0,
                                office.props(**args))
    return ev.State, ev.Result


def load(o, path):
    # Hidden=False (still headless): a hidden document's charts are not loaded the same way
    return o.desktop.loadComponentFromURL(office.to_url(path), "_blank", 0, office.props(Hidden=False))


def formats(doc):
    """{sheet: {(row, col): (cell style, ((condition, style name) ...), (validation type, list))}} of every
    used cell of the sheets with conditional formats."""
    out = {}
    for name in FORMATTED:
        ranges = used_range(doc.getSheets().getByName(name)).getUniqueCellFormatRanges()
        cells = {}
        for i in range(ranges.getCount()):
            r = ranges.getByIndex(i)
            ce = r.getPropertyValue("ConditionalFormat")
            cf = tuple((ce.getByIndex(k).getFormula1(), ce.getByIndex(k).getStyleName())
                       for k in range(ce.getCount()))
            v = r.getPropertyValue("Validation")
            item = (r.getPropertyValue("CellStyle"), cf, (v.getPropertyValue("Type").value, v.getFormula1()))
            for a in r.getRangeAddresses():
                for row in range(a.StartRow, a.EndRow + 1):
                    for col in range(a.StartColumn, a.EndColumn + 1):
                        cells[(row, col)] = item
        out[name] = cells
    return out


def used_styles(fmts):
    return {s for cells in fmts.values() for cs, cf, _ in cells.values() for s in [cs] + [x[1] for x in cf]}


def style_props(doc, name):
    s = doc.getStyleFamilies().getByName("CellStyles").getByName(name)
    out = {}
    for p in STYLE_PROPS:
        v = s.getPropertyValue(p)
        out[p] = v.value if hasattr(v, "value") else v
    return out


def charts(doc):
    """{sheet: [(chart name, ((data range addresses) ...))]}"""
    out = {}
    for name in doc.getSheets().getElementNames():
        cs = doc.getSheets().getByName(name).getCharts()
        out[name] = [(n, tuple((a.Sheet, a.StartColumn, a.StartRow, a.EndColumn, a.EndRow)
                               for a in cs.getByName(n).getRanges())) for n in cs.getElementNames()]
    return out


def lo_major():
    """LibreOffice's major version (7 for 7.4, 25 for 25.2)."""
    cp = office.OFFICE.create("com.sun.star.configuration.ConfigurationProvider")
    product = cp.createInstanceWithArguments("com.sun.star.configuration.ConfigurationAccess",
                                             office.props(nodepath="/org.openoffice.Setup/Product"))
    return int(product.getByName("ooSetupVersion").split(".")[0])


def cells_of(ranges):
    return {(t, r, c) for t, c0, r0, c1, r1 in ranges for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}


def qkpi_cells(dump):
    """{(sheet, row, col): formula} of every cell with a qkpi function."""
    return {(n, r, c): f for n, (_, _, fs, _) in dump[2].items() for r, row in enumerate(fs)
            for c, f in enumerate(row) if PREFIX in f.upper()}


def setUpModule():
    o = office.setup_module_office()
    doc = o.desktop.loadComponentFromURL("private:factory/scalc", "_blank", 0, office.props(Hidden=False))
    for cmd in ("SampleData", "NewRegister", "Review", "ActionLog"):
        state, msg = dispatch(doc, cmd, Date=DATE)
        if state != SUCCESS:
            raise AssertionError(f"{cmd}: {msg}")
    S["before"] = doc_dump(doc)
    S["formats"] = formats(doc)
    S["charts"] = charts(doc)
    S["styles"] = {s: style_props(doc, s) for s in used_styles(S["formats"])}
    S["path"] = os.path.join(o.tmp, "workflow.xlsx")
    office.Office.store(doc, S["path"], XLSX)
    office.Office.close(doc)
    doc = load(o, S["path"])
    S["loaded"] = doc_dump(doc)  # the values as stored in the file
    doc.calculateAll()  # recalculated by qkpi
    S["after"] = doc_dump(doc)
    S["formats_after"] = formats(doc)
    S["charts_after"] = charts(doc)
    S["styles_after"] = {s: style_props(doc, s) for s in used_styles(S["formats_after"])}
    office.Office.close(doc)


def tearDownModule():
    office.teardown_module_office()


class XlsxRoundTrip(unittest.TestCase):
    def test_the_document_has_qkpi_formulas_formats_and_charts(self):
        # the round trip is worth testing: every qkpi function the workflow uses, formats, charts
        cells = qkpi_cells(S["before"])
        used = {re.findall(r"ORG\.QKPI\.QUALITYKPI\.([A-Z]+)\(", f.upper())[0] for f in cells.values()}
        self.assertGreaterEqual(len(cells), 100)
        self.assertTrue({"OTIF", "RFT", "RETURNS", "TURNAROUND", "KPISTATUS", "OTIFBY"} <= used, used)
        self.assertTrue(all(any(x[1] for x in S["formats"][n].values()) for n in FORMATTED))
        self.assertTrue(any(x[2][0] == "LIST" for x in S["formats"]["Objectives"].values()))
        self.assertEqual(len(S["charts"][REVIEW]), 5)  # 4 trends + the Pareto of Q-02 (OTIF)

    def test_the_file_stores_the_functions_and_their_values(self):
        """Excel cannot compute the qkpi functions (unknown names to it): it can show the stored value (<v>)
        until it recalculates the cell, then #NAME?. LibreOffice 7.4 writes the programmatic names
        (ORG.QKPI.QUALITYKPI.OTIF), 25.2 the add-in's compatibility names (OTIF); either reads back."""
        with zipfile.ZipFile(S["path"]) as z:
            xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
        cells = qkpi_cells(S["before"])
        names = sorted({n for f in cells.values() for n in re.findall(r"ORG\.QKPI\.QUALITYKPI\.([A-Z]+)\(", f.upper())},
                       key=len, reverse=True)
        programmatic = lo_major() < 24
        call = re.compile((re.escape(PREFIX) if programmatic else r"(?<![A-Za-z0-9_.])") +
                          "(" + "|".join(names) + r")\(")
        found = re.findall(r"<f([^>]*)>([^<]*)</f>(<v>[^<]*</v>)?", xml)
        qkpi = [(attrs, html.unescape(f), v) for attrs, f, v in found if call.search(html.unescape(f))]
        self.assertFalse([f for _, f, v in qkpi if not v], "qkpi formulas without a stored value")
        # one <f> per plain formula cell, one per array formula (in its first cell)
        plain = [k for k, f in cells.items() if not f.startswith("{=")]
        arrays = {(k[0], f) for k, f in cells.items() if f.startswith("{=")}
        self.assertEqual(len([1 for a, _, _ in qkpi if 't="array"' not in a]), len(plain))
        self.assertEqual(len([1 for a, _, _ in qkpi if 't="array"' in a]), len(arrays))
        self.assertNotIn("_xludf", xml)
        self.assertIn((PREFIX if programmatic else "") + "OTIF(Deliveries!D2:G20001,", xml)
        self.assertEqual(PREFIX in xml, programmatic)

    def test_sheets_names_formulas_and_values_kept(self):
        diff = doc_diff(S["before"], S["after"])
        self.assertFalse(diff, "\n".join(diff))

    def test_values_as_stored_before_any_recalculation(self):
        # XLSX stores 15 significant digits: equal to 1e-14 (exact again once qkpi recalculates)
        diff = doc_diff(S["before"], S["loaded"], rel=1e-14)
        self.assertFalse(diff, "\n".join(diff))

    @staticmethod
    def renamed():
        """{qkpi style of a conditional format: the style it was imported as}, and the cells where the
        conditions, cell styles or validations differ."""
        rename, diffs = {}, []
        for name in FORMATTED:
            before, after = S["formats"][name], S["formats_after"][name]
            for pos in sorted(set(before) | set(after)):
                b, a = before.get(pos), after.get(pos)
                if b is None or a is None or (b[0], b[2]) != (a[0], a[2]) or \
                        [c for c, _ in b[1]] != [c for c, _ in a[1]]:
                    diffs.append(f"{name} {office.col_name(pos[1])}{pos[0] + 1}: {b} -> {a}")
                    continue
                for (_, s1), (_, s2) in zip(b[1], a[1]):
                    if rename.setdefault(s1, s2) != s2:
                        diffs.append(f"{name} {office.col_name(pos[1])}{pos[0] + 1}: {s1} imported as "
                                     f"{rename[s1]} and {s2}")
        return rename, diffs

    def test_conditional_formats_validations_and_cell_styles_kept(self):
        """Same cells, conditions, validations and cell styles; each conditional style is renamed."""
        rename, diffs = self.renamed()
        self.assertFalse(diffs, "\n".join(diffs[:20]))
        self.assertTrue({"qkpi GREEN", "qkpi AMBER", "qkpi RED", "qkpi Overdue"} <= set(rename), rename)
        self.assertTrue(all(re.fullmatch(r"ConditionalStyle_\d+", s) for s in rename.values()), rename)
        self.assertEqual(len(set(rename.values())), len(rename))

    def test_what_the_conditional_styles_lose_is_the_centring(self):
        rename, _ = self.renamed()
        lost = {}
        for qkpi_style, imported in rename.items():
            a, b = S["styles"][qkpi_style], S["styles_after"][imported]
            for p in STYLE_PROPS:
                if a[p] != b[p]:
                    lost[(qkpi_style, p)] = (a[p], b[p])
        self.assertEqual(lost, LOST)
        # the cell styles themselves (qkpi Header, qkpi Percent ...) come back whole
        for cs in {x[0] for cells in S["formats"].values() for x in cells.values()}:
            self.assertEqual(S["styles"][cs], S["styles_after"][cs], cs)

    def test_charts_and_their_data_kept_their_names_not(self):
        for name, before in S["charts"].items():
            after = S["charts_after"][name]
            # the same cells (the file may split a range: the header row apart from the data)
            self.assertEqual([cells_of(r) for _, r in before], [cells_of(r) for _, r in after], name)
            if before:
                self.assertNotEqual([n for n, _ in before], [n for n, _ in after])
                self.assertTrue(all(re.fullmatch(r"Object \d+", n) for n, _ in after), after)


class XlsxWithoutQkpi(unittest.TestCase):
    def test_opened_without_qkpi_then_saved_again(self):
        folder = os.path.dirname(S["path"])
        os.chmod(folder, 0o777)  # the second office may run as another user
        os.chmod(S["path"], 0o666)
        again = os.path.join(folder, "saved-without-qkpi.xlsx")
        # the register's qkpi cells with a value (a pre-filled Status of an empty row shows "")
        reg_cells = [(r, c) for (n, r, c) in qkpi_cells(S["before"])
                     if n == "Objectives" and S["before"][2]["Objectives"][3][r][c] != ""]
        self.assertEqual(len(reg_cells), 8)
        with office.Office(None) as plain:
            doc = plain.load(S["path"])
            try:
                reg = doc.getSheets().getByName("Objectives")
                for r, c in reg_cells:
                    cell = reg.getCellByPosition(c, r)
                    # the formula is kept, the function unknown (shown in lower case: the name the file has)
                    name = re.findall(r"ORG\.QKPI\.QUALITYKPI\.([A-Z]+)\(",
                                      S["before"][2]["Objectives"][2][r][c].upper())[0]
                    self.assertIn(name.lower() + "(", cell.getFormula())
                    self.assertNotIn(PREFIX, cell.getFormula())
                    # as loaded: the stored value, unless Calc recalculated the cell on load (TODAY() is
                    # volatile); then #NAME?
                    want = S["before"][2]["Objectives"][3][r][c]
                    got = office.cell_result(cell)
                    if "TODAY()" in S["before"][2]["Objectives"][2][r][c].upper():
                        self.assertEqual(got, ("error", office.ERR_NAME), (r, c))
                    elif isinstance(want, float):
                        self.assertTrue(got[0] == "value" and office.close_enough(got[1], want), (r, c, got))
                doc.calculateAll()
                for r, c in reg_cells:
                    self.assertEqual(reg.getCellByPosition(c, r).getError(), office.ERR_NAME, (r, c))
                office.Office.store(doc, again, XLSX)
            finally:
                office.Office.close(doc)
        # back where qkpi is installed: the functions work again, the values are the same
        doc = load(office.OFFICE, again)
        try:
            doc.calculateAll()
            reg = doc.getSheets().getByName("Objectives")
            want = S["before"][2]["Objectives"]
            for r, c in reg_cells:
                cell = reg.getCellByPosition(c, r)
                self.assertEqual(cell.getFormula(), want[2][r][c])
                got = office.cell_result(cell)
                if isinstance(want[3][r][c], float):
                    self.assertTrue(got[0] == "value" and office.close_enough(got[1], want[3][r][c]), (r, c, got))
                else:
                    self.assertEqual(got, ("text", want[3][r][c]), (r, c))
        finally:
            office.Office.close(doc)


if __name__ == "__main__":
    office.main()
