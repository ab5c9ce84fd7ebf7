#!/usr/bin/python3
"""qkpi error kinds as Calc shows them: no eligible row -> #N/A (and IFNA works), bad argument -> Err:502,
bad data -> #VALUE!.

Run: /usr/bin/python3 tests/integration/test_errors.py --oxt build/qkpi.oxt   (or env QKPI_OXT)
"""

from __future__ import annotations

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import office  # noqa: E402
import kpi_data as kd  # noqa: E402
from formulas import DATE, R, CheckSheet, call, failure_report, rng  # noqa: E402

NA, E502, VALUE = office.ERR_NA, office.ERR_502, office.ERR_VALUE
DATA = kd.make_data(7)
LAST_DEL = kd.N_DELIVERIES + 1 + kd.TRAILING
LAST_Q = kd.N_QUALITY + 1 + kd.TRAILING
LAST_J = kd.N_JOBS + 1 + kd.TRAILING
LAST_R = kd.N_RETURNS + 1 + kd.TRAILING

L = rng("Deliveries", "D:G", 2, LAST_DEL)
S = rng("Deliveries", "A", 2, LAST_DEL)
ERP = rng("ERP", "A:H", 2, LAST_DEL)
ERPS = rng("ERP", "C", 2, LAST_DEL)
QL, QS = rng("Quality", "B:D", 2, LAST_Q), rng("Quality", "A", 2, LAST_Q)
JL, JS = rng("Jobs", "B:C", 2, LAST_J), rng("Jobs", "A", 2, LAST_J)
RL, RS = rng("Returns", "C:E", 2, LAST_R), rng("Returns", "A", 2, LAST_R)
TL = rng("Returns", "C:D", 2, LAST_R)
HOL = R("$Holidays.$A$2:$A$20")

# Small tables of bad data on sheet "Bad" (row 1 = first data row, no headers)
BAD = {
    "closed_before": ("A1:B3", [[46100, 46105], [46100, 46090], [46101, 46103]]),
    "closed_no_received": ("D1:E3", [[46100, 46105], ["", 46100], [46101, 46102]]),
    "good_gt_insp": ("G1:H3", [[100, 100], [101, 100], [50, 60]]),
    "good_negative": ("J1:K3", [[100, 100], [-1, 100], [50, 60]]),
    "outcome_unknown": ("M1:N3", [["Y", 46100], ["maybe", 46101], ["N", 46102]]),
    "outcome_number": ("P1:Q3", [["Y", 46100], [2, 46101], ["N", 46102]]),
    "yield_above_1": ("S1:S3", [[0.9], [1.2], [0.95]]),
    "yield_negative": ("U1:U3", [[0.9], [-0.1], [0.95]]),
    "open_only": ("W1:X2", [[46100, ""], [46110, ""]]),
    "same_day_earlier_time": ("Z1:AA1", [[46100.5, 46100.25]]),
    "blank_outcomes": ("AC1:AD3", [["", 46100], ["", 46101], ["", ""]]),
    "empty4": ("AF1:AI10", [[""] * 4] * 10),
}


def bad(name):
    return R(f"$Bad.{BAD[name][0]}")


def build(cs: CheckSheet):
    # ---- no eligible row -> #N/A -----------------------------------------
    na = [
        ("OTIF unknown segment", call("OTIF", L, S, "Nobody")),
        ("OTIF empty period", call("OTIF", L, S, "Globex", DATE(2027, 1, 1), DATE(2027, 12, 31))),
        ("ONTIME unknown segment", call("ONTIME", L, S, "Nobody")),
        ("INFULL empty period", call("INFULL", L, None, None, DATE(2030, 1, 1))),
        ("OTIF all-empty range", call("OTIF", bad("empty4"))),
        ("ONTIME 2-col all-empty", call("ONTIME", R("$Bad.AF1:AG10"))),
        ("RFT unknown segment", call("RFT", QL, QS, "Nobody")),
        ("RFT empty period", call("RFT", QL, None, None, DATE(2030, 1, 1), DATE(2030, 2, 1))),
        ("RFTJOBS unknown segment", call("RFTJOBS", JL, JS, "Nobody")),
        ("RFTJOBS only blank outcomes", call("RFTJOBS", bad("blank_outcomes"))),
        ("TURNAROUND unknown segment", call("TURNAROUND", TL, RS, "Nobody")),
        ("TURNAROUND only open rows (no AsOf)", call("TURNAROUND", bad("open_only"))),
        ("TURNAROUND open rows still within time at AsOf",
         call("TURNAROUND", bad("open_only"), None, None, None, None, 20, None, None, 46112)),
        ("TURNAROUNDDAYS unknown segment", call("TURNAROUNDDAYS", TL, RS, "Nobody")),
        ("TURNAROUNDDAYS only open rows", call("TURNAROUNDDAYS", bad("open_only"))),
    ]
    for name, f in na:
        cs.add("NA", name, f, expect_error=NA)
    # IFNA / ISNA work on them
    cs.add("IFNA", "IFNA(OTIF(unknown))", call("IFNA", R(call("OTIF", L, S, "Nobody")), "none"), '="none"')
    cs.add("IFNA", "IFNA(TURNAROUND(open only))", call("IFNA", R(call("TURNAROUND", bad("open_only"))), ""), '=""')
    cs.add("IFNA", "ISNA(RFT(unknown))", call("ISNA", R(call("RFT", QL, QS, "Nobody"))), "=TRUE()")
    cs.add("IFNA", "KPISTATUS(IFNA(OTIF(unknown);\"\"))",
           call("KPISTATUS", R(call("IFNA", R(call("OTIF", L, S, "Nobody")), "")), 0.95, "higher", 0.9), '="GREY"')
    # not errors: RETURNS with nothing matching is 0; same whole day with an earlier time is not "Closed < Received"
    cs.add("OK", "RETURNS unknown segment = 0", call("RETURNS", RL, RS, "Nobody", None, None, R("{1;3}")), "=0")
    cs.add("OK", "TURNAROUND closed same day, earlier time", call("TURNAROUND", bad("same_day_earlier_time")), "=1")
    cs.add("OK", "OTIF at the 2 % boundary (49 of 50)", "=OTIF({46100;46100;50;49};;;;;;;0.02)", "=1")
    cs.add("OK", "OTIF below the boundary (48 of 50)", "=OTIF({46100;46100;50;48};;;;;;;0.02)", "=0")

    # ---- bad argument -> Err:502 ----------------------------------------------
    e502 = [
        ("OTIF QtyTolerance 2", call("OTIF", L, S, "ACME", None, None, None, None, 2)),
        ("OTIF QtyTolerance -0.1", call("OTIF", L, S, "ACME", None, None, None, None, -0.1)),
        ("OTIF Segments rows != table rows", call("OTIF", L, rng("Deliveries", "A", 2, LAST_DEL - 1), "ACME")),
        ("OTIF Segments two columns", call("OTIF", L, rng("Deliveries", "A:B", 2, LAST_DEL), "ACME")),
        ("OTIF Segment without Segments", call("OTIF", L, None, "ACME")),
        ("OTIF Segment is a range", call("OTIF", L, S, R("$Deliveries.A2:A3"))),
        ("OTIF From after To", call("OTIF", L, S, None, DATE(2026, 6, 1), DATE(2026, 5, 1))),
        ("OTIF From is not a date", call("OTIF", L, S, None, "yesterday")),
        ("OTIF From is an impossible ISO date", call("OTIF", L, S, None, "2026-02-30")),
        ("OTIF 3-column table", call("OTIF", rng("Deliveries", "D:F", 2, LAST_DEL))),
        ("OTIF Columns missing a field {6;8;5}", call("OTIF", ERP, ERPS, "ACME", None, None, None, None, None,
                                                     R("{6;8;5}"))),
        ("OTIF Columns outside the table {6;8;5;9}", call("OTIF", ERP, ERPS, "ACME", None, None, None, None, None,
                                                         R("{6;8;5;9}"))),
        ("OTIF Columns repeated {6;6;5;7}", call("OTIF", ERP, ERPS, "ACME", None, None, None, None, None,
                                                R("{6;6;5;7}"))),
        ("OTIF Columns zero {0;8;5;7}", call("OTIF", ERP, ERPS, "ACME", None, None, None, None, None,
                                            R("{0;8;5;7}"))),
        ("OTIF Columns too many {6;8;5;7;1}", call("OTIF", ERP, ERPS, "ACME", None, None, None, None, None,
                                                  R("{6;8;5;7;1}"))),
        ("OTIF Columns not whole {6;8;5;7.5}", call("OTIF", ERP, ERPS, "ACME", None, None, None, None, None,
                                                   R("{6;8;5;7.5}"))),
        ("OTIF Columns text", call("OTIF", ERP, ERPS, "ACME", None, None, None, None, None, "6;8;5;7")),
        ("ONTIME 3-column table", call("ONTIME", rng("Deliveries", "D:F", 2, LAST_DEL))),
        ("INFULL 2-column with From", call("INFULL", rng("Deliveries", "F:G", 2, LAST_DEL), None, None,
                                          DATE(2026, 1, 1))),
        ("INFULL QtyTolerance 1.5", call("INFULL", L, None, None, None, None, 1.5)),
        ("RFT period without a Date column", call("RFT", rng("Quality", "B:C", 2, LAST_Q), None, None,
                                                  DATE(2026, 1, 1))),
        ("RFT Segments rows != table rows", call("RFT", QL, rng("Quality", "A", 3, LAST_Q), "Globex")),
        ("RETURNS one column with a period", call("RETURNS", rng("Returns", "E", 2, LAST_R), None, None,
                                                  DATE(2026, 1, 1))),
        ("RETURNS Columns outside {1;4}", call("RETURNS", RL, None, None, None, None, R("{1;4}"))),
        ("WORKDAYSELAPSED mask 1111111", call("WORKDAYSELAPSED", 46100, 46110, "1111111")),
        ("WORKDAYSELAPSED mask of length 6", call("WORKDAYSELAPSED", 46100, 46110, "000001")),
        ("WORKDAYSELAPSED mask with a 2", call("WORKDAYSELAPSED", 46100, 46110, "0000012")),
        ("WORKDAYSELAPSED weekend 8", call("WORKDAYSELAPSED", 46100, 46110, 8)),
        ("WORKDAYSELAPSED weekend 0", call("WORKDAYSELAPSED", 46100, 46110, 0)),
        ("WORKDAYSELAPSED weekend 18", call("WORKDAYSELAPSED", 46100, 46110, 18)),
        ("WORKDAYSELAPSED weekend 10", call("WORKDAYSELAPSED", 46100, 46110, 10)),
        ("WORKDAYSELAPSED End < Start", call("WORKDAYSELAPSED", 46110, 46100)),
        ("WORKDAYSELAPSED holiday text not a date", call("WORKDAYSELAPSED", 46100, 46110, None, R('{"Christmas"}'))),
        ("TURNAROUND Days -1", call("TURNAROUND", TL, RS, "North", None, None, -1)),
        ("TURNAROUND bad weekend mask", call("TURNAROUND", TL, RS, "North", None, None, 20, "1111111")),
        ("TURNAROUND Segments rows != table rows", call("TURNAROUND", TL, rng("Returns", "A", 2, 50), "North")),
        ("TURNAROUND 1-column table (needs Received, Closed)", call("TURNAROUND", rng("Returns", "C", 2, LAST_R))),
        ("RFT 1-column table (needs Good, Inspected)", call("RFT", rng("Quality", "B", 2, LAST_Q))),
        ("TURNAROUNDDAYS Percentile 0", call("TURNAROUNDDAYS", TL, None, None, None, None, 0)),
        ("TURNAROUNDDAYS Percentile 1.5", call("TURNAROUNDDAYS", TL, None, None, None, None, 1.5)),
        ("TURNAROUNDDAYS Percentile -0.5", call("TURNAROUNDDAYS", TL, None, None, None, None, -0.5)),
        ("KPISTATUS Direction up", call("KPISTATUS", 0.9, 0.95, "up")),
        ("KPISTATUS Amber above Target (higher)", call("KPISTATUS", 0.9, 0.95, "higher", 0.97)),
        ("KPISTATUS Amber below Target (lower)", call("KPISTATUS", 0.9, 0.95, "lower", 0.9)),
        ("KPISTATUS text Actual", call("KPISTATUS", "abc", 0.95)),
        ("REDUCTION Baseline 0", call("REDUCTION", 0, 10)),
        ("REDUCTION Baseline negative", call("REDUCTION", -5, 10)),
        ("TARGETPATH End = Start", call("TARGETPATH", 100, 50, 46100, 46100, 46100)),
        ("TARGETPATH End < Start", call("TARGETPATH", 100, 50, 46200, 46100, 46150)),
        ("OTIFBY without Segments", call("OTIFBY", L)),
    ]
    for name, f in e502:
        cs.add("E502", name, f, expect_error=E502)
    # array formulas are checked through their top-left cell (see test)

    # ---- bad data -> #VALUE! ---------------------------------------------------
    ev = [
        ("TURNAROUND Closed before Received", call("TURNAROUND", bad("closed_before"))),
        ("TURNAROUNDDAYS Closed before Received", call("TURNAROUNDDAYS", bad("closed_before"))),
        ("TURNAROUND Closed without Received", call("TURNAROUND", bad("closed_no_received"))),
        ("RFT Good > Inspected", call("RFT", bad("good_gt_insp"))),
        ("RFT Good < 0", call("RFT", bad("good_negative"))),
        ("RFTJOBS unknown code maybe", call("RFTJOBS", bad("outcome_unknown"))),
        ("RFTJOBS unknown code 2", call("RFTJOBS", bad("outcome_number"))),
        ("RTY yield 1.2", call("RTY", bad("yield_above_1"))),
        ("RTY yield -0.1", call("RTY", bad("yield_negative"))),
        ("RTY inline 1.01", "=RTY({0.9;1.01})"),
        # a wider table without Columns reads the first columns (B = Customer, text = blank Received; C filled)
        ("TURNAROUND wider table: first columns read", call("TURNAROUND", rng("Returns", "B:D", 2, LAST_R))),
    ]
    for name, f in ev:
        cs.add("VALUE", name, f, expect_error=VALUE)

    # ---- range of values (kpi-rules v4): the fuzzing findings of the hardening issue ----
    rv = [
        ("WORKDAYSELAPSED Start 1E300", "=WORKDAYSELAPSED(1E300;46023)", E502),
        ("RETURNS From 1E19", "=RETURNS({46023;5};;;1E19)", E502),
        ("OTIF Due 1E300 in the table", "=OTIF({1E300;46023;1;1})", VALUE),
        ("TARGETPATH Start/End +-9E18", "=TARGETPATH(0;1;-9E18;9E18;46023)", E502),
        ("WORKDAYSELAPSED End after 9999-12-31", "=WORKDAYSELAPSED(46023;2958466)", E502),
        ("TURNAROUND Closed 1E19 in the table", "=TURNAROUND({46023;1E19})", VALUE),
        ("RETURNS sum overflows to infinity", "=RETURNS({1E308|1E308})", VALUE),
        ("REDUCTION overflows", "=REDUCTION(1E-300;-1E300)", VALUE),
        ("WORKDAYSELAPSED Holidays 1E9", "=WORKDAYSELAPSED(46023;46030;;1E9)", E502),
    ]
    for name, f, err in rv:
        cs.add("RANGE", name, f, expect_error=err)
    cs.add("RANGE", "WORKDAYSELAPSED up to 9999-12-31", "=WORKDAYSELAPSED(2958458;2958465)",
           "=NETWORKDAYS.INTL(2958459;2958465;1)")


ARRAY_ERRORS = [  # (name, formula, rows, cols, expected error of the top-left cell)
    ("OTIFBY Segments rows != table rows", call("OTIFBY", L, rng("Deliveries", "A", 2, 100)), 3, 6, E502),
    ("OTIFBY QtyTolerance 2", call("OTIFBY", L, S, None, None, None, None, 2), 3, 6, E502),
    ("TURNAROUNDBY Closed before Received", call("TURNAROUNDBY", bad("closed_before"), R("$Bad.AK1:AK3")), 3, 6,
     VALUE),
    ("RFTBY Good > Inspected", call("RFTBY", bad("good_gt_insp"), R("$Bad.AK1:AK3")), 3, 6, VALUE),
    ("SEGMENTS two columns", call("SEGMENTS", rng("Deliveries", "A:B", 2, 100)), 3, 1, E502),
]

CS = CheckSheet()
DOC = None


def setUpModule():
    global DOC
    o = office.setup_module_office()
    DOC = o.new_calc()
    kd.write_data(DOC, DATA)
    sheets = DOC.getSheets()
    sheets.insertNewByName("Bad", sheets.getCount())
    sh = sheets.getByName("Bad")
    for name, (addr, rows) in BAD.items():
        sh.getCellRangeByName(addr).setDataArray(tuple(tuple(r) for r in rows))
    sh.getCellRangeByName("AK1:AK3").setDataArray((("X",), ("X",), ("Y",)))
    build(CS)
    CS.write(DOC)
    sheets.insertNewByName("Arrays", sheets.getCount())
    arr = sheets.getByName("Arrays")
    for i, (name, f, nr, nc, _) in enumerate(ARRAY_ERRORS):
        arr.getCellRangeByPosition(0, i * 5, nc - 1, i * 5 + nr - 1).setArrayFormula("=" + f)
    DOC.calculateAll()
    CS.read()
    if os.environ.get("QKPI_RELIABILITY_OUT"):
        write_reliability_table(os.environ["QKPI_RELIABILITY_OUT"])


def write_reliability_table(path):
    """The bad inputs tried here and what Calc showed for each (docs/reliability.md is made from it)."""
    from formulas import fmt  # noqa: E402
    groups = {"NA": "no eligible row", "IFNA": "IFNA on #N/A", "OK": "boundary, not an error",
              "E502": "bad argument", "VALUE": "bad data", "RANGE": "range of values"}
    lines = ["| # | Kind | Input | Formula | Calc shows |", "|---:|---|---|---|---|"]
    for i, c in enumerate(CS.checks, 1):
        if c.group not in groups:
            continue
        formula = c.qkpi.replace("|", "\\|")
        lines.append(f"| {i} | {groups[c.group]} | {c.name} | `{formula}` | {fmt(c.result)} |")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def tearDownModule():
    global DOC
    if DOC is not None:
        office.Office.close(DOC)
        DOC = None
    office.teardown_module_office()


class ErrorKinds(unittest.TestCase):
    def group(self, g):
        self.assertGreater(CS.count(g), 0)
        msgs = CS.failures(g)
        self.assertFalse(msgs, failure_report(msgs, limit=60))

    def test_no_eligible_row_is_na(self):
        self.group("NA")

    def test_ifna_works(self):
        self.group("IFNA")

    def test_not_errors(self):
        self.group("OK")

    def test_bad_argument_is_err502(self):
        self.group("E502")

    def test_bad_data_is_value(self):
        self.group("VALUE")

    def test_range_of_values(self):
        self.group("RANGE")

    def test_array_functions_errors(self):
        arr = DOC.getSheets().getByName("Arrays")
        msgs = []
        for i, (name, f, nr, nc, code) in enumerate(ARRAY_ERRORS):
            got = office.cell_result(arr.getCellByPosition(0, i * 5))
            if got != ("error", code):
                msgs.append(f"{name}: {{={f}}} gives {got}, expected {office.err_name(code)}")
        self.assertFalse(msgs, "\n".join(msgs))


if __name__ == "__main__":
    office.main()
