#!/usr/bin/python3
"""The README's worked examples, run in real Calc.

Reads README.md's "Function reference": every Markdown table is typed into a fresh sheet at A1 (header in
row 1, as a user would type it: "2026-03-02" becomes a date, "1001" a number), and every example line
  - `=FORMULA` -> **RESULT**         (`{=...}` is an array formula)
is entered on that sheet and must give RESULT: a number to the digits shown, a text, an error name
(#N/A, Err:502, #VALUE!), or an array "a; b / c; d" (rows separated by " / ").

Also checks the README's claim about workbooks opened without the extension: the qkpi cells show #NAME?,
their formulas are kept, and the rest of the sheet still calculates.

Run: /usr/bin/python3 tests/integration/test_readme.py --oxt build/qkpi.oxt   (or env QKPI_OXT)
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import office  # noqa: E402

README = os.path.join(office.REPO, "README.md")
EXAMPLE = re.compile(r"^- `(\{?=.+?\}?)` → \*\*(.+?)\*\*")
ERRORS = {"#N/A": office.ERR_NA, "Err:502": office.ERR_502, "#VALUE!": office.ERR_VALUE}


def parse_readme():
    """[(table rows or None, [(formula, expected)])] in README order."""
    with open(README, encoding="utf-8") as f:
        text = f.read()
    section = text.split("## Function reference", 1)[1].split("\n## Development", 1)[0]
    blocks = [(None, [])]
    table = None
    for line in section.splitlines():
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r"-+", c) for c in cells):
                continue
            if table is None:
                table = []
                blocks.append((table, []))
            table.append(cells)
            continue
        table = None
        m = EXAMPLE.match(line)
        if m:
            blocks[-1][1].append((m.group(1), m.group(2)))
    written = sum(1 for line in section.splitlines() if re.match(r"^- `\{?=", line))
    return [b for b in blocks if b[1]], written


def decimals(s: str) -> int:
    return len(s.split(".", 1)[1]) if "." in s else 0


def parse_expected(s: str):
    if s in ERRORS:
        return ("error", ERRORS[s])
    try:
        return ("value", float(s), 0.5 * 10 ** -decimals(s))
    except ValueError:
        return ("text", s)


class ReadmeExamples(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.office = office.setup_module_office()
        cls.blocks, cls.written = parse_readme()

    def check(self, cell, expected, where):
        kind, got = office.cell_result(cell)
        exp = parse_expected(expected)
        if exp[0] == "error":
            self.assertEqual((kind, got), ("error", exp[1]), where)
        elif exp[0] == "value":
            self.assertEqual(kind, "value", f"{where}: got {kind} {got}")
            self.assertLessEqual(abs(got - exp[1]), exp[2] + 1e-12, f"{where}: got {got}")
        else:
            self.assertEqual((kind, got), ("text", exp[1]), where)

    def test_examples(self):
        parsed = sum(len(b[1]) for b in self.blocks)
        self.assertEqual(parsed, self.written, "an example line does not parse")
        self.assertGreater(parsed, 40)
        doc = self.office.new_calc()
        try:
            sheets = doc.getSheets()
            functions = set()
            for i, (table, examples) in enumerate(self.blocks):
                sheets.insertNewByName(f"Ex{i}", sheets.getCount())
                sheet = sheets.getByName(f"Ex{i}")
                for r, row in enumerate(table or []):
                    for c, value in enumerate(row):
                        if value:
                            sheet.getCellByPosition(c, r).setFormula(value)
                row = 0
                for formula, expected in examples:
                    functions.update(re.findall(r"([A-Z]+)\(", formula))
                    parts = [p.split("; ") for p in expected.split(" / ")] if formula.startswith("{") else None
                    if parts:
                        rows, cols = len(parts), len(parts[0])
                        rng = sheet.getCellRangeByPosition(8, row, 8 + cols - 1, row + rows - 1)
                        rng.setArrayFormula(formula[1:-1])
                        doc.calculateAll()
                        for r in range(rows):
                            for c in range(cols):
                                self.check(sheet.getCellByPosition(8 + c, row + r), parts[r][c],
                                           f"{formula} [{r},{c}]")
                        # one row more than the result: #N/A (a cut-off check needs the "(all)" row)
                        row += rows + 1
                    else:
                        cell = sheet.getCellByPosition(8, row)
                        cell.setFormula(formula)
                        doc.calculateAll()
                        self.check(cell, expected, formula)
                        row += 1
            every = {"OTIF", "ONTIME", "INFULL", "RFT", "RFTJOBS", "RTY", "RETURNS", "REDUCTION", "TARGETPATH",
                     "WORKDAYSELAPSED", "TURNAROUND", "TURNAROUNDDAYS", "KPISTATUS", "SEGMENTS", "OTIFBY", "RFTBY",
                     "RFTJOBSBY", "RETURNSBY", "TURNAROUNDBY"}
            self.assertEqual(every - functions, set(), "functions without a README example")
        finally:
            office.Office.close(doc)

    def test_requested_and_promised_date_on_the_sample_data(self):
        """The README's two OTIF calls on the sample data ("Requested or promised date") are the native OTIF of
        that customer measured against Due (column D) and against Promised (column H)."""
        with open(README, encoding="utf-8") as f:
            text = f.read()
        para = text.split("**Requested or promised date.**", 1)[1].split("\n\n", 1)[0]
        calls = re.findall(r"`(=OTIF\(\$Deliveries\.[^`]+)`", para)
        self.assertEqual(len(calls), 2, para)
        doc = self.office.desktop.loadComponentFromURL("private:factory/scalc", "_blank", 0,
                                                       office.props(Hidden=False))
        try:
            helper = self.office.create("com.sun.star.frame.DispatchHelper")
            ev = helper.executeDispatch(doc.getCurrentController().getFrame(), "org.qkpi:SampleData", "", 0, ())
            self.assertEqual(ev.State, 1, ev.Result)
            sh = doc.getSheets().getByIndex(0)

            def native(date_col):
                seg = '($Deliveries.A2:A20001="Castell Automotive")'
                d = f"$Deliveries.{date_col}2:{date_col}20001"
                elig = f"{seg}*({d}>0)*($Deliveries.F2:F20001>0)"
                hit = (f"*($Deliveries.E2:E20001>0)*($Deliveries.E2:E20001-{d}<=2)"
                       f"*($Deliveries.G2:G20001>=$Deliveries.F2:F20001*(1-0.02))")
                return f"=SUMPRODUCT({elig}{hit})/SUMPRODUCT({elig})"
            values = []
            for i, (formula, col) in enumerate(zip(calls, "DH")):
                sh.getCellByPosition(0, i).setFormula(formula)
                sh.getCellByPosition(1, i).setFormula(native(col))
                doc.calculateAll()
                got, want = sh.getCellByPosition(0, i), sh.getCellByPosition(1, i)
                self.assertEqual((got.getError(), want.getError()), (0, 0), formula)
                self.assertAlmostEqual(got.getValue(), want.getValue(), places=12, msg=formula)
                values.append(got.getValue())
            self.assertNotEqual(values[0], values[1], "requested and promised dates should give different OTIF")
        finally:
            office.Office.close(doc)

    def test_array_text_workaround(self):
        """README: texts in the cells of an array result compare equal once `&""` is appended (LibreOffice 7.4)."""
        doc = self.office.new_calc()
        try:
            s = doc.getSheets().getByIndex(0)
            s.getCellRangeByName("A1:A3").setDataArray((("ACME",), ("Globex",), ("ACME",)))
            s.getCellRangeByName("C1:C2").setArrayFormula("=SEGMENTS(A1:A3)")
            s.getCellRangeByName("E1").setFormula('=SUMPRODUCT((C1:C2&"")="Globex")')
            s.getCellRangeByName("E2").setFormula('=C1&""="ACME"')
            s.getCellRangeByName("E3:E3").setArrayFormula('=MATCH("Globex";C1:C2&"";0)')
            s.getCellRangeByName("E4").setFormula('=MATCH("Globex";SEGMENTS(A1:A3);0)')
            doc.calculateAll()
            self.assertEqual(s.getCellRangeByName("C2").getString(), "Globex")
            self.assertEqual(s.getCellRangeByName("E1").getValue(), 1.0)
            self.assertEqual(s.getCellRangeByName("E2").getValue(), 1.0)  # TRUE
            self.assertEqual(s.getCellRangeByName("E3").getValue(), 2.0)
            self.assertEqual(s.getCellRangeByName("E4").getValue(), 2.0)
        finally:
            office.Office.close(doc)

    def test_without_extension(self):
        """Saved with qkpi, opened in an office without it: #NAME? in qkpi cells, formulas kept, rest works."""
        doc = self.office.new_calc()
        sheet = doc.getSheets().getByIndex(0)
        sheet.getCellRangeByName("A1:B2").setDataArray(((46023.0, 46024.0), (46030.0, 46030.0)))
        sheet.getCellRangeByName("D1").setFormula("=WORKDAYSELAPSED(A1;B1)")
        sheet.getCellRangeByName("D2").setFormula("=SUM(A1:B2)")
        doc.calculateAll()
        self.assertEqual(sheet.getCellRangeByName("D1").getValue(), 1.0)
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "with-qkpi.ods")
            office.Office.store(doc, path)
            office.Office.close(doc)
            os.chmod(tmp, 0o755)
            with office.Office(None) as plain:
                doc2 = plain.load(path)
                try:
                    doc2.calculateAll()
                    s = doc2.getSheets().getByIndex(0)
                    d1 = s.getCellRangeByName("D1")
                    self.assertEqual(d1.getError(), office.ERR_NAME)
                    self.assertIn("WORKDAYSELAPSED", d1.getFormula().upper())
                    self.assertEqual(s.getCellRangeByName("D2").getValue(), 46023 + 46024 + 46030 * 2)
                finally:
                    office.Office.close(doc2)


def tearDownModule():
    office.teardown_module_office()


if __name__ == "__main__":
    office.main()
