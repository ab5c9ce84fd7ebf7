#!/usr/bin/python3
"""ODS round trip: a document with qkpi formulas saved as ODS (calc8), closed, reopened in the same office
(extension installed), recalculated: same values; the formulas still name the functions, and the file stores
the programmatic names.

Run: /usr/bin/python3 tests/integration/test_roundtrip.py --oxt build/qkpi.oxt   (or env QKPI_OXT)
"""

from __future__ import annotations

import os
import re
import sys
import unittest
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import office  # noqa: E402
import kpi_data as kd  # noqa: E402
from formulas import DATE, R, call, rng  # noqa: E402

DATA = kd.make_data(11)
LAST_DEL = kd.N_DELIVERIES + 1 + kd.TRAILING
LAST_Q = kd.N_QUALITY + 1 + kd.TRAILING
LAST_J = kd.N_JOBS + 1 + kd.TRAILING
LAST_R = kd.N_RETURNS + 1 + kd.TRAILING
L, S = rng("Deliveries", "D:G", 2, LAST_DEL), rng("Deliveries", "A", 2, LAST_DEL)
QL, QS = rng("Quality", "B:D", 2, LAST_Q), rng("Quality", "A", 2, LAST_Q)
JL, JS = rng("Jobs", "B:C", 2, LAST_J), rng("Jobs", "A", 2, LAST_J)
RL, RS = rng("Returns", "C:E", 2, LAST_R), rng("Returns", "A", 2, LAST_R)
TL = rng("Returns", "C:D", 2, LAST_R)
HOL = R("Holidays")  # the named range

# (function name, formula) -- one cell each, column A of sheet KPIs
SCALARS = [
    ("OTIF", call("OTIF", L, S, "ACME", None, None, None, 2, 0.02)),
    ("OTIF", call("OTIF", rng("ERP", "A:H", 2, LAST_DEL), rng("ERP", "C", 2, LAST_DEL), "Globex", DATE(2026, 1, 1),
                  DATE(2026, 3, 31), None, None, None, R("{6;8;5;7}"))),
    ("ONTIME", call("ONTIME", L, S, 1001, None, None, 1, 1)),
    ("INFULL", call("INFULL", L, S, "müller gmbh", "2026-04-01", "2026-06-30", 0.05)),
    ("RFT", call("RFT", QL, QS, "Globex")),
    ("RFTJOBS", call("RFTJOBS", JL, JS, " acme", DATE(2026, 2, 1))),
    ("RTY", "RTY({0.99;0.98;0.995})"),
    ("RETURNS", call("RETURNS", RL, RS, "North", DATE(2026, 1, 1), DATE(2026, 6, 30), R("{1;3}"))),
    ("REDUCTION", call("REDUCTION", 125000, R("A8"))),
    ("TARGETPATH", call("TARGETPATH", 125000, 62500, DATE(2026, 1, 1), DATE(2026, 12, 31), DATE(2026, 6, 30))),
    ("WORKDAYSELAPSED", call("WORKDAYSELAPSED", DATE(2026, 12, 18), DATE(2027, 1, 8), "0000011", HOL)),
    ("TURNAROUND", call("TURNAROUND", TL, RS, "North", None, None, 20, None, HOL)),
    ("TURNAROUND", call("TURNAROUND", TL, RS, "East", None, None, 10, 1, HOL, DATE(2026, 10, 15))),
    ("TURNAROUNDDAYS", call("TURNAROUNDDAYS", TL, RS, "South", None, None, 0.9, None, HOL)),
    ("KPISTATUS", call("KPISTATUS", R('IFNA(A5;"")'), 0.998, "higher", 0.995)),
    ("KPISTATUS", call("KPISTATUS", R('IFNA(A12;"")'), 0.9, "higher")),
    ("OTIF", call("IFNA", R(call("OTIF", L, S, "Nobody")), "n/a")),
]
# (function name, formula, rows, cols) -- array formulas on sheet KPIs from column C
ARRAYS = [
    ("SEGMENTS", call("SEGMENTS", S), 12, 1),
    ("OTIFBY", call("OTIFBY", L, S, DATE(2026, 1, 1), DATE(2026, 6, 30), None, 2, 0.02), 12, 6),
    ("RFTBY", call("RFTBY", QL, QS), 12, 6),
    ("RFTJOBSBY", call("RFTJOBSBY", JL, JS), 12, 6),
    ("RETURNSBY", call("RETURNSBY", RL, RS, None, None, R("{1;3}")), 8, 4),
    ("TURNAROUNDBY", call("TURNAROUNDBY", TL, RS, None, None, 20, None, HOL), 8, 6),
]

DOC = None
STATE = {}


def grid_results(doc):
    """Every result cell of sheet KPIs: {(col, row): cell_result}."""
    sh = doc.getSheets().getByName("KPIs")
    out = {}
    for i in range(len(SCALARS)):
        out[(0, i)] = office.cell_result(sh.getCellByPosition(0, i))
    col = 2
    for _, _, nr, nc in ARRAYS:
        for r in range(nr):
            for c in range(nc):
                out[(col + c, r)] = office.cell_result(sh.getCellByPosition(col + c, r))
        col += nc + 1
    return out


def setUpModule():
    global DOC
    o = office.setup_module_office()
    DOC = o.new_calc()
    kd.write_data(DOC, DATA)
    sheets = DOC.getSheets()
    sheets.insertNewByName("KPIs", sheets.getCount())
    sh = sheets.getByName("KPIs")
    sh.getCellRangeByPosition(0, 0, 0, len(SCALARS) - 1).setFormulaArray(tuple(("=" + f,) for _, f in SCALARS))
    col = 2
    for _, f, nr, nc in ARRAYS:
        sh.getCellRangeByPosition(col, 0, col + nc - 1, nr - 1).setArrayFormula("=" + f)
        col += nc + 1
    DOC.calculateAll()
    STATE["before"] = grid_results(DOC)
    STATE["path"] = os.path.join(o.tmp, "roundtrip.ods")
    office.Office.store(DOC, STATE["path"], "calc8")
    office.Office.close(DOC)
    DOC = o.load(STATE["path"])
    DOC.calculateAll()
    STATE["after"] = grid_results(DOC)


def tearDownModule():
    global DOC
    if DOC is not None:
        office.Office.close(DOC)
        DOC = None
    office.teardown_module_office()


class OdsRoundTrip(unittest.TestCase):
    def test_values_before_save_are_not_errors(self):
        # the document is worth round-tripping: no qkpi cell is an error before saving (#N/A only past the
        # end of an array result)
        bad = [(k, v) for k, v in STATE["before"].items() if v[0] == "error" and v[1] != office.ERR_NA]
        self.assertFalse(bad, f"error cells before saving: {bad[:20]}")
        scalars = [STATE["before"][(0, i)] for i in range(len(SCALARS))]
        self.assertTrue(all(v[0] in ("value", "text") for v in scalars), scalars)

    def test_same_values_after_reload(self):
        before, after = STATE["before"], STATE["after"]
        diffs = []
        for k, b in before.items():
            a = after[k]
            same = a == b or (a[0] == b[0] == "value" and office.close_enough(a[1], b[1]))
            if not same:
                diffs.append(f"cell {office.col_name(k[0])}{k[1] + 1}: before {b}, after {a}")
        self.assertFalse(diffs, "\n".join(diffs[:40]))

    def test_formulas_name_the_functions(self):
        sh = DOC.getSheets().getByName("KPIs")
        msgs = []
        for i, (name, f) in enumerate(SCALARS):
            cell = sh.getCellByPosition(0, i)
            formula = cell.getFormula()
            if not re.search(rf"(^|[^A-Z]){name}\(", formula.upper()):
                msgs.append(f"A{i + 1}: getFormula() = {formula!r} does not name {name}")
            local = cell.getPropertyValue("FormulaLocal")
            if not re.search(rf"(^|[^A-Z.]){name}\(", local.upper()):
                msgs.append(f"A{i + 1}: FormulaLocal = {local!r} does not show the display name {name}")
        col = 2
        for name, f, nr, nc in ARRAYS:
            rr = sh.getCellRangeByPosition(col, 0, col + nc - 1, nr - 1)
            af = rr.getArrayFormula()
            if not re.search(rf"(^|[^A-Z]){name}\(", af.upper()):
                msgs.append(f"array at {office.col_name(col)}1: getArrayFormula() = {af!r} does not name {name}")
            col += nc + 1
        self.assertFalse(msgs, "\n".join(msgs))

    def test_file_stores_programmatic_names(self):
        with zipfile.ZipFile(STATE["path"]) as z:
            content = z.read("content.xml").decode("utf-8")
        formulas = re.findall(r'table:formula="([^"]*)"', content)
        names = sorted({n for n, _ in SCALARS} | {n for n, _, _, _ in ARRAYS})
        msgs = []
        for n in names:
            if not any(re.search(rf"ORG\.QKPI\.QUALITYKPI\.{n}\(", f, re.I) for f in formulas):
                example = next((f for f in formulas if n in f.upper()), None)
                msgs.append(f"{n}: no formula in content.xml calls org.qkpi.QualityKpi.{n} (e.g. {example!r})")
        self.assertFalse(msgs, "\n".join(msgs))

    def test_live_after_reload(self):
        # the reloaded formulas still compute: change data, recalculate, the result follows
        sh = DOC.getSheets().getByName("KPIs")
        cell = sh.getCellByPosition(0, 4)  # RFT Globex
        before = cell.getValue()
        q = DOC.getSheets().getByName("Quality")
        rows = DATA["Quality"][1]
        i = next(i for i, r in enumerate(rows) if r[0] == "Globex" and isinstance(r[2], int) and r[2] > 100)
        good = q.getCellByPosition(1, i + 1)
        old = good.getValue()
        good.setValue(old - 50)
        DOC.calculateAll()
        after = cell.getValue()
        good.setValue(old)
        DOC.calculateAll()
        self.assertLess(after, before)
        self.assertEqual(cell.getValue(), before)


if __name__ == "__main__":
    office.main()
