#!/usr/bin/python3
"""The document the workflow generates (SampleData -> Review -> ActionLog, saved as ODS):

- contains no macros: no Basic or script library in the package, no script event bindings or
  macro URLs in its XML;
- keeps working when opened without the extension, except for the qkpi functions themselves: every
  sheet and every text and number the commands wrote is still there, native formulas that do not
  depend on a qkpi cell still calculate to the same values, and the only formula cells that turn into
  errors are qkpi calls or cells that depend on one.

Run: /usr/bin/python3 tests/integration/test_generated_document.py --oxt build/qkpi.oxt   (or env QKPI_OXT)
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import unittest
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import office  # noqa: E402
from com.sun.star.table.CellContentType import FORMULA  # noqa: E402

DATE = "2026-11-25"
SUCCESS = 1
QKPI_CALL = re.compile(r"ORG\.QKPI\.QUALITYKPI\.", re.I)


def dispatch(doc, command, **args):
    helper = office.OFFICE.create("com.sun.star.frame.DispatchHelper")
    frame = doc.getCurrentController().getFrame()
    ev = helper.executeDispatch(frame, "org.qkpi:" + command, "", 0, office.props(**args))
    return ev.State, ev.Result


def snapshot(doc):
    """{sheet: (formulas, values)} of every sheet's used area."""
    out = {}
    sheets = doc.getSheets()
    for name in sheets.getElementNames():
        sheet = sheets.getByName(name)
        cur = sheet.createCursor()
        cur.gotoEndOfUsedArea(False)
        a = cur.getRangeAddress()
        rng = sheet.getCellRangeByPosition(0, 0, a.EndColumn, a.EndRow)
        out[name] = (rng.getFormulaArray(), rng.getDataArray())
    return out


class GeneratedDocument(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        office.setup_module_office()
        cls.tmp = tempfile.mkdtemp(prefix="qkpi-gen-")
        os.chmod(cls.tmp, 0o755)
        cls.path = os.path.join(cls.tmp, "review.ods")
        doc = office.OFFICE.desktop.loadComponentFromURL("private:factory/scalc", "_blank", 0,
                                                         office.props(Hidden=False))
        try:
            for command in ("SampleData", "Review", "ActionLog"):
                state, msg = dispatch(doc, command, Date=DATE)
                assert state == SUCCESS, f"{command}: {msg}"
            doc.calculateAll()
            cls.with_qkpi = snapshot(doc)
            office.Office.store(doc, cls.path)
        finally:
            office.Office.close(doc)

    @classmethod
    def tearDownClass(cls):
        import shutil

        shutil.rmtree(cls.tmp, ignore_errors=True)

    @staticmethod
    def depends_on_qkpi(doc, cell):
        """Whether a qkpi call is among the cell's (recursive) precedents."""
        sheets = doc.getSheets()
        for a in cell.queryPrecedents(True).getRangeAddresses():
            rng = sheets.getByIndex(a.Sheet).getCellRangeByPosition(a.StartColumn, a.StartRow, a.EndColumn,
                                                                     a.EndRow)
            if any(QKPI_CALL.search(f) for row in rng.getFormulaArray() for f in row):
                return True
        return False

    def test_no_macros(self):
        with zipfile.ZipFile(self.path) as z:
            names = z.namelist()
            self.assertFalse([n for n in names if n.startswith(("Basic/", "Scripts/", "Dialogs/"))], names)
            manifest = z.read("META-INF/manifest.xml").decode("utf-8")
            self.assertNotIn("basic", manifest.lower())
            for part in ("content.xml", "styles.xml", "settings.xml"):
                xml = z.read(part).decode("utf-8")
                self.assertNotIn("vnd.sun.star.script", xml, part)
                self.assertNotIn("macro:", xml, part)
                self.assertNotIn("<script:event-listener", xml, part)
                self.assertNotIn("<office:scripts><office:script", xml, part)

    def test_works_without_extension(self):
        with office.Office(None) as plain:
            doc = plain.load(self.path)
            try:
                doc.calculateAll()
                without = snapshot(doc)
                self.assertEqual(set(without), set(self.with_qkpi))
                sheets = doc.getSheets()
                checked = native = dependent = 0
                for name, (formulas, values) in self.with_qkpi.items():
                    sheet = sheets.getByName(name)
                    f2, v2 = without[name]
                    for r, row in enumerate(formulas):
                        for c, formula in enumerate(row):
                            if not formula.startswith(("=", "{=")):
                                # texts and numbers the commands wrote: unchanged
                                self.assertEqual(f2[r][c], formula, f"{name} R{r + 1}C{c + 1}")
                                checked += 1
                                continue
                            cell = sheet.getCellByPosition(c, r)
                            if QKPI_CALL.search(formula):
                                self.assertRegex(f2[r][c], QKPI_CALL, "the qkpi formula is kept")
                                continue
                            if cell.getError() == 0:
                                if values[r][c] == v2[r][c]:
                                    native += 1
                                continue
                            # an error in a native formula: allowed only through a qkpi cell it depends on
                            self.assertTrue(self.depends_on_qkpi(doc, cell),
                                            f"{name} R{r + 1}C{c + 1} {formula}: error without qkpi input")
                            dependent += 1
                self.assertGreater(checked, 1000)
                self.assertGreater(native, 10, "native formulas still calculate")
                self.assertGreater(dependent, 10, "native formulas on qkpi results were checked")
                print(f"[generated] {checked} values, {native} native formulas, {dependent} depend on qkpi",
                      file=sys.stderr)
            finally:
                office.Office.close(doc)


def tearDownModule():
    office.teardown_module_office()


if __name__ == "__main__":
    office.main()
