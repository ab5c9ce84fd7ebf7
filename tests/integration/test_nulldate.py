#!/usr/bin/python3
"""qkpi follows a document's NullDate when it changes, in real soffice with the built .oxt:

- NullDate of an open, calculated document changed through the API (1899-12-30 -> 1904-01-01 -> 1900-01-01 ->
  1899-12-30): right after the change (Calc recalculates) and after calculateAll, every WORKDAYSELAPSED (weekday
  and holiday rules depend on the NullDate) and TARGETPATH with ISO text dates equals the native formula;
- two open documents with different NullDates, recalculated in turn, each give their own answers;
- the answers really change with the NullDate (so a result that ignored it, or a stale one, fails here).

The add-in reads the NullDate through its hidden XPropertySet parameter on every call; it keeps no cache
(ScModelObj's property-change listener is a stub, see docs/reliability.md), and this test guards that no
cache ever returns a stale NullDate.

Run: /usr/bin/python3 tests/integration/test_nulldate.py --oxt build/qkpi.oxt   (or env QKPI_OXT)
"""

from __future__ import annotations

import os
import random
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import office  # noqa: E402

O = None
NULLDATES = [(1899, 12, 30), (1904, 1, 1), (1900, 1, 1), (1899, 12, 30)]
N = 60  # Start/End pairs


def setUpModule():
    global O
    O = office.setup_module_office()


def tearDownModule():
    office.teardown_module_office()


def set_nulldate(doc, ymd):
    from com.sun.star.util import Date as UnoDate

    d = UnoDate()
    d.Year, d.Month, d.Day = ymd
    doc.setPropertyValue("NullDate", d)


def build(doc, seed):
    """Pairs Start/End (constants) in A:B, holidays in H; qkpi in C:E, native in F:G and K (row by row)."""
    rnd = random.Random(seed)
    sheet = doc.getSheets().getByIndex(0)
    pairs = []
    for _ in range(N):
        st = 46000 + rnd.randrange(400)
        pairs.append((st, st + rnd.choice([1, 2, 3, 4, 5, 6, 8, 13, 30])))
    sheet.getCellRangeByPosition(0, 0, 1, N - 1).setDataArray(tuple(pairs))
    hol = [(46000 + rnd.randrange(430),) for _ in range(12)]
    sheet.getCellRangeByPosition(7, 0, 7, len(hol) - 1).setDataArray(tuple(hol))
    H = f"$H$1:$H${len(hol)}"
    rows = []
    for i in range(N):
        r = i + 1
        rows.append((
            f"=WORKDAYSELAPSED(A{r};B{r})",
            f"=WORKDAYSELAPSED(A{r};B{r};11;{H})",
            f'=TARGETPATH(100;50;"2026-01-01";"2026-12-31";DATE(2026;1;1)+MOD(A{r};300))',
            f"=NETWORKDAYS.INTL(A{r}+1;B{r})",
            f"=NETWORKDAYS.INTL(A{r}+1;B{r};11;{H})",
            "", "", "",
            f"=100+(50-100)*MOD(A{r};300)/(DATE(2026;12;31)-DATE(2026;1;1))",
        ))
    sheet.getCellRangeByPosition(2, 0, 10, N - 1).setFormulaArray(tuple(rows))
    return sheet


def results(sheet):
    """(qkpi, native) value lists of the three checks, errors as ('error', code)."""
    q, n = [], []
    for i in range(N):
        row = [office.cell_result(sheet.getCellByPosition(c, i)) for c in (2, 3, 4, 5, 6, 10)]
        q.append(row[:3])
        n.append(row[3:])
    return q, n


class NullDateTest(unittest.TestCase):
    def assertAgree(self, sheet, label):
        q, n = results(sheet)
        bad = []
        for i, (qr, nr) in enumerate(zip(q, n)):
            for k, (a, b) in enumerate(zip(qr, nr)):
                ok = a[0] == "value" and b[0] == "value" and office.close_enough(a[1], b[1], 1e-12)
                if not ok:
                    bad.append((i + 1, ("WORKDAYSELAPSED", "WORKDAYSELAPSED 11 + holidays", "TARGETPATH ISO")[k], a, b))
        self.assertEqual(bad, [], f"{label}: qkpi differs from the native formula (row, check, qkpi, native)")
        return q

    def test_change_in_an_open_document(self):
        doc = O.new_calc()
        try:
            sheet = build(doc, 1)
            seen = {}
            for ymd in NULLDATES:
                set_nulldate(doc, ymd)
                self.assertAgree(sheet, f"NullDate {ymd} right after the change")
                doc.calculateAll()
                seen[ymd] = self.assertAgree(sheet, f"NullDate {ymd} after calculateAll")
            # The NullDate matters for these formulas: a result that ignored it would fail above.
            for other in ((1904, 1, 1), (1900, 1, 1)):
                self.assertNotEqual(seen[(1899, 12, 30)], seen[other], f"results do not depend on NullDate {other}")
        finally:
            office.Office.close(doc)

    def test_two_documents_with_different_nulldates(self):
        a, b = O.new_calc(), O.new_calc()
        try:
            set_nulldate(b, (1904, 1, 1))
            sa, sb = build(a, 2), build(b, 2)  # the same constants and formulas in both
            for _ in range(2):
                a.calculateAll()
                qa = self.assertAgree(sa, "document 1899")
                b.calculateAll()
                qb = self.assertAgree(sb, "document 1904")
                self.assertNotEqual(qa, qb)
            # A changed NullDate in one document leaves the other alone.
            set_nulldate(a, (1900, 1, 1))
            b.calculateAll()
            a.calculateAll()
            self.assertAgree(sa, "document 1900")
            self.assertAgree(sb, "document 1904 again")
        finally:
            office.Office.close(a)
            office.Office.close(b)


if __name__ == "__main__":
    office.main()
