#!/usr/bin/python3
"""OTIF as a system of measures (kpi-rules.md v4): OTIFQTY, OTIFORDERS, OTIFREASONS and the BY forms
vs native Calc formulas on the same seeded data, in real soffice.

Run: /usr/bin/python3 tests/integration/test_otif_system.py --oxt build/qkpi.oxt   (or env QKPI_OXT)

- OTIFQTY vs SUMPRODUCT(eligible * on time * MIN(DeliveredQty; OrderedQty)) / SUMPRODUCT(eligible * OrderedQty);
- OTIFORDERS vs helper columns on a sheet "Ord" (order key, eligible, OTIF per line) and COUNTIFS:
  an order counts once (its first eligible line) and is OTIF when COUNTIFS finds no eligible non-OTIF
  line with its key;
- OTIFREASONS' 8 x 3 cells vs one SUMPRODUCT per reason;
- OTIFQTYBY / OTIFORDERSBY rows (VLOOKUP of the segment) vs the same native formulas.
Order keys mix numbers and the same numbers as text (1001 and "1001" are one order), case and space
variants of text keys, and blank keys (each blank-key line is an order of its own).
"""

from __future__ import annotations

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import office  # noqa: E402
import kpi_data as kd  # noqa: E402
from formulas import DATE, R, CheckSheet, call, failure_report, q, rng, seg_key  # noqa: E402

SEED = 20261201
DATA = kd.make_data(SEED)
N = kd.N_DELIVERIES
LAST = N + 1 + kd.TRAILING
LINES = rng("Deliveries", "D:G", 2, LAST)
SEGS = rng("Deliveries", "A", 2, LAST)
ORDERS = rng("Deliveries", "H", 2, LAST)
CHECKS = CheckSheet()
DOC = None

# (name, Segment for qkpi, segment key for the native factor, From, To, EarlyDays, LateDays, QtyTolerance)
VARIANTS = [
    ("all rows", None, None, None, None, None, None, None),
    ("Globex, Q1, late 2, tol 2 %", "Globex", "globex", DATE(2026, 1, 1), DATE(2026, 3, 31), None, 2, 0.02),
    ("acme (key), H1, early 0", " ACME", "acme", DATE(2026, 1, 1), DATE(2026, 6, 30), 0, None, None),
    ("1001, to 30 Jun, early 3 late 1", "1001", "1001", None, DATE(2026, 6, 30), 3, 1, 0.05),
    ("all, Dec, early 2", None, None, DATE(2026, 12, 1), DATE(2026, 12, 31), 2, 0, 0.1),
]


def order_keys():
    """Column H of Deliveries: the order of each line with key variants (3 lines an order)."""
    out = []
    for i in range(N):
        k, line = divmod(i, 3)
        if k % 11 == 3 and line == 1:
            out.append("")  # a blank key: an order of its own
        elif k % 7 == 0:
            out.append(100000 + k)
        elif k % 7 == 1:
            out.append(100000 + k if line != 1 else str(100000 + k))  # 100007 and "100007"
        elif k % 7 == 2:
            out.append([f"SO-{k}", f"so-{k}", f" So-{k} "][line])
        else:
            out.append(f"SO-{k}")
    return out


def factors(r, seg, frm, to, early, late, tol):
    """Per-row native factors (eligible, on time, in full) for Deliveries row r, or for whole columns
    when r is None (ranges, for SUMPRODUCT)."""
    def c(col):
        return str(rng("Deliveries", col, 2, LAST)) if r is None else f"$Deliveries.${col}${r}"
    A, D, E, F, G = (c(x) for x in "ADEFG")
    L = late if late is not None else 0
    elig = [f"({D}<>0)", f"({F}>0)"]
    if seg is not None:
        elig.append(seg_key(A, seg))
    if frm is not None:
        elig.append(f"(INT({D})>={frm})")
    if to is not None:
        elig.append(f"(INT({D})<={to})")
        elig.append(f"(1-({E}=0)*(INT({D})+{L}>={to}))")
    days = f"(INT({E})-INT({D}))"
    ontime = f"({E}<>0)*({days}<={L})" + (f"*({days}>=-{early})" if early is not None else "")
    late_f = f"({E}<>0)*({days}>{L})"
    early_f = f"({E}<>0)*({days}<-{early})" if early is not None else "0"
    notdel = f"({E}=0)"
    infull = f"({G}>={F}*(1-{tol or 0}))"
    return "*".join(elig), ontime, infull, late_f, early_f, notdel


def by_row(by, key, col):
    """Column `col` of the BY table's row whose segment has `key` (lower case). The text cells of an
    add-in's array do not compare equal in LibreOffice 7.4 until they pass through &"" (README)."""
    return (f'=SUMPRODUCT((LOWER(INDEX({by};0;1)&"")={q(key)})*1;INDEX({by};0;{col}))')


def qkpi_args(v):
    name, seg, key, frm, to, early, late, tol = v
    return (SEGS, seg) if seg is not None else (None, None), frm, to, early, late, tol


def build_checks(doc):
    sheets = doc.getSheets()
    sheets.insertNewByName("Ord", sheets.getCount())
    ordsh = sheets.getByName("Ord")
    col = 0
    for v in VARIANTS:
        name, seg, key, frm, to, early, late, tol = v
        seg_args, frm, to, early, late, tol = qkpi_args(v)
        e, ontime, infull, late_f, early_f, notdel = factors(None, key, frm, to, early, late, tol)
        G, F = str(rng("Deliveries", "G", 2, LAST)), str(rng("Deliveries", "F", 2, LAST))

        # OTIFQTY: no QtyTolerance.
        CHECKS.add("OTIFQTY", name, call("OTIFQTY", LINES, *seg_args, frm, to, early, late),
                   f"=SUMPRODUCT({e}*{ontime}*IF(ISNUMBER({G});IF({G}<{F};{G};{F});0))/SUMPRODUCT({e}*{F})")

        # OTIFREASONS: 8 rows x 3 columns.
        reasons = call("OTIFREASONS", LINES, *seg_args, frm, to, early, late, tol)
        short = f"(1-{infull})"
        natives = [f"{ontime}*{infull}", f"{ontime}*{short}", f"{late_f}*{infull}", f"{late_f}*{short}",
                   f"{early_f}*{infull}", f"{early_f}*{short}", notdel, "1"]
        texts = ["on time in full", "short", "late", "late and short", "early", "early and short",
                 "not delivered", "(all)"]
        for k, (n, t) in enumerate(zip(natives, texts)):
            count = f"SUMPRODUCT({e}*{n})"
            CHECKS.add("OTIFREASONS", f"{name}: {t} text", f"=INDEX({reasons};{k + 1};1)", f"={q(t)}")
            CHECKS.add("OTIFREASONS", f"{name}: {t} lines", f"=INDEX({reasons};{k + 1};2)", f"={count}")
            CHECKS.add("OTIFREASONS", f"{name}: {t} share", f"=INDEX({reasons};{k + 1};3)",
                       f"={count}/SUMPRODUCT({e})")

        # OTIFORDERS: helper columns key | eligible | OTIF | first eligible line of its order | OTIF order.
        re_, ro, ri, *_ = factors("{r}", key, frm, to, early, late, tol)
        K, B, C, Dc, Ec = (chr(ord("A") + col + i) for i in range(5))
        forms = []
        for i in range(N):
            r = i + 2
            h = f"$Deliveries.$H${r}"
            forms.append((
                f'=IF(ISBLANK({h});"";"k:"&IF(ISNUMBER({h});TEXT({h};"0");LOWER(TRIM({h}))))',
                "=" + re_.replace("{r}", str(r)),
                f"={ro.replace('{r}', str(r))}*{ri.replace('{r}', str(r))}",
                f'=IF({B}{r}=0;0;IF({K}{r}="";1;IF(COUNTIFS({K}$2:{K}{r};{K}{r};{B}$2:{B}{r};1)=1;1;0)))',
                f'=IF({Dc}{r}=0;0;IF({K}{r}="";{C}{r};IF(COUNTIFS({K}$2:{K}${N + 1};{K}{r};{B}$2:{B}${N + 1};1;'
                f'{C}$2:{C}${N + 1};0)=0;1;0)))',
            ))
        ordsh.getCellRangeByPosition(col, 1, col + 4, N).setFormulaArray(tuple(forms))
        d_rng, e_rng = f"$Ord.{Dc}2:{Dc}{N + 1}", f"$Ord.{Ec}2:{Ec}{N + 1}"
        CHECKS.add("OTIFORDERS", name,
                   call("OTIFORDERS", LINES, ORDERS, *seg_args, frm, to, early, late, tol),
                   f"=SUM({e_rng})/SUM({d_rng})")
        if seg is not None:
            by_o = call("OTIFORDERSBY", LINES, ORDERS, SEGS, frm, to, early, late, tol)
            CHECKS.add("OTIFORDERSBY", name, by_row(by_o, key, 6), f"=SUM({e_rng})/SUM({d_rng})")
            CHECKS.add("OTIFORDERSBY", name + ": orders", by_row(by_o, key, 5), f"=SUM({d_rng})")
            by_q = call("OTIFQTYBY", LINES, SEGS, frm, to, early, late)
            CHECKS.add("OTIFQTYBY", name, by_row(by_q, key, 6),
                       f"=SUMPRODUCT({e}*{ontime}*IF(ISNUMBER({G});IF({G}<{F};{G};{F});0))/SUMPRODUCT({e}*{F})")
        else:
            by_o = call("OTIFORDERSBY", LINES, ORDERS, SEGS, frm, to, early, late, tol)
            CHECKS.add("OTIFORDERSBY", name + ": (all)", by_row(by_o, "(all)", 6),
                       f"=SUM({e_rng})/SUM({d_rng})")
        col += 5
    CHECKS.add("OTIFORDERS", "Orders missing", call("OTIFORDERS", LINES), expect_error=office.ERR_502)
    CHECKS.add("OTIFORDERS", "Orders shorter than Lines",
               call("OTIFORDERS", LINES, rng("Deliveries", "H", 2, 100)), expect_error=office.ERR_502)
    CHECKS.write(doc)


def setUpModule():
    global DOC
    o = office.setup_module_office()
    DOC = o.new_calc()
    DOC.setPropertyValue("IgnoreCase", False)
    kd.write_data(DOC, DATA)
    sh = DOC.getSheets().getByName("Deliveries")
    keys = order_keys()
    sh.getCellRangeByPosition(7, 0, 7, N).setDataArray((("OrderKey",),) + tuple((k,) for k in keys))
    build_checks(DOC)
    DOC.calculateAll()
    CHECKS.read()


def tearDownModule():
    global DOC
    if DOC is not None:
        office.Office.close(DOC)
    DOC = None
    office.teardown_module_office()


class OtifSystemVsNative(unittest.TestCase):
    def check_group(self, group):
        n = CHECKS.count(group)
        self.assertGreater(n, 0, f"no checks for {group}")
        msgs = CHECKS.failures(group)
        self.assertFalse(msgs, f"{group}: {failure_report(msgs)} (of {n} checks)")

    def test_otifqty(self):
        self.check_group("OTIFQTY")

    def test_otiforders(self):
        self.check_group("OTIFORDERS")

    def test_otifreasons(self):
        self.check_group("OTIFREASONS")

    def test_by_forms(self):
        self.check_group("OTIFQTYBY")
        self.check_group("OTIFORDERSBY")

    def test_data_has_every_case(self):
        """The seeded data must reach the rules: lines of every reason, mixed number/text keys."""
        for c in CHECKS.checks:
            if c.group == "OTIFREASONS" and c.name.startswith("all rows:") and c.name.endswith(" lines") \
                    and "early" not in c.name:
                self.assertGreater(c.result[1], 0, c.name)
        keys = order_keys()
        self.assertTrue(any(isinstance(k, int) for k in keys) and "100001" in keys and "" in keys)


if __name__ == "__main__":
    office.main()
