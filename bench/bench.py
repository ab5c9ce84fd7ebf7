#!/usr/bin/python3
"""qkpi add-in functions vs the equivalent native Calc formulas: speed RATIOS in one soffice.

Run (from anywhere; /usr/bin/python3 is the Python that has `import uno`):

    /usr/bin/python3 bench/bench.py                       # 100k and 1M rows, 7 reps, writes bench/README.md
    /usr/bin/python3 bench/bench.py --rows 100000 --reps 5 --no-readme
    /usr/bin/python3 bench/bench.py --oxt path/to/qkpi.oxt --cases otif,rft

Method (details in bench/README.md):
  * one headless soffice with the extension (tests/integration/office.py, imported, not copied), one
    document per table size, AutoCalculate off; the data are constants written with setDataArray;
  * a timed run = put the formula(s) of ONE variant (qkpi or native) on the "Bench" sheet, then
    `t = perf_counter(); doc.calculateAll(); t = perf_counter() - t`, then clear them again, so that the
    formulas under test are the only formula cells in the document when it is recalculated;
  * the first run of every variant is a warm-up and the result check (both values printed, a mismatch
    stops the run); then `--reps` rounds, each round runs every case's qkpi and native variant
    back to back, alternating which goes first; reported: median qkpi time, median native time, and their
    ratio (qkpi / native: < 1 means qkpi is faster), plus the min-max of the per-round ratios.

This is a benchmark, not a test: nothing is asserted about times.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile

sys.dont_write_bytecode = True  # no __pycache__ inside tests/integration (not ours to touch)
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(REPO, "tests", "integration"))

import office  # noqa: E402  (the integration harness: throw-away profile, extension installed)
from office import Office  # noqa: E402
from com.sun.star.sheet.FillDirection import TO_BOTTOM  # noqa: E402

DAY0 = dt.date(1899, 12, 30)  # default NullDate of a new Calc document


def serial(y, m, d):
    return (dt.date(y, m, d) - DAY0).days


Y2025 = serial(2025, 1, 1)
Y2026 = serial(2026, 1, 1)

# 20 customers, distinct ignoring case, no surrounding spaces: qkpi's segment key and Calc's (case-insensitive)
# "=" agree on them. Weights are uneven so that segments differ in size.
CUSTOMERS = [
    ("ACME", 14), ("Globex", 12), ("Initech", 9), ("Umbrella", 8), ("Hooli", 7), ("Stark", 6), ("Wayne", 6),
    ("Wonka", 5), ("Tyrell", 5), ("Cyberdyne", 4), ("Soylent", 4), ("Massive", 3), ("Vandelay", 3),
    ("Gringotts", 3), ("Oscorp", 2), ("Monarch", 2), ("Nakatomi", 2), ("Aperture", 2), ("Pied Piper", 2),
    ("Zorg", 1),
]
SEGMENT = "ACME"
LATE_DAYS = 2
TOL = 0.02
DAYS = 20
HOLIDAYS = [serial(*d) for d in [
    (2025, 1, 1), (2025, 4, 18), (2025, 4, 21), (2025, 5, 1), (2025, 5, 29), (2025, 6, 9), (2025, 10, 3),
    (2025, 12, 24), (2025, 12, 25), (2025, 12, 26), (2025, 12, 31),
    (2026, 1, 1), (2026, 4, 3), (2026, 4, 6), (2026, 5, 1), (2026, 5, 14), (2026, 5, 25), (2026, 10, 3),
    (2026, 12, 24), (2026, 12, 25), (2026, 12, 26), (2026, 12, 31),
]]
HOL = f"$Hol.$A$1:$A${len(HOLIDAYS)}"

CLEAR = 1 | 2 | 4 | 16  # CellFlags VALUE | DATETIME | STRING | FORMULA


# ----------------------------------------------------------------------------------------------------------
# data (seeded, plain Python: no numpy on these machines)


def make_deliveries(n, rnd):
    """Due, Delivered, OrderedQty, DeliveredQty, Customer. "" = empty cell."""
    names = [c for c, _ in CUSTOMERS]
    cum = []
    s = 0
    for _, w in CUSTOMERS:
        s += w
        cum.append(s)
    custs = rnd.choices(names, cum_weights=cum, k=n)
    offsets = (-4, -2, -1, 0, 0, 0, 0, 0, 1, 1, 2, 3, 5, 9)
    rows = []
    for i in range(n):
        r = rnd.random()
        due = Y2025 + rnd.randrange(730) if r > 0.01 else ""          # 1 % without a due date
        ordered = rnd.randint(1, 500) if r < 0.98 else 0              # 2 % not counted (OrderedQty 0)
        if rnd.random() < 0.05 or due == "":
            delivered = ""                                             # not yet delivered
        else:
            delivered = due + rnd.choice(offsets)
        q = rnd.random()
        if q < 0.80:
            dq = ordered
        elif q < 0.87:
            dq = ordered + rnd.randint(1, 20)                          # over-delivery: in full
        elif q < 0.93:
            dq = ordered - ordered // 100                              # short by < 1 %: in full with 2 %
        else:
            dq = int(ordered * rnd.uniform(0.3, 0.95))                 # short
        rows.append((due, delivered, ordered, dq, custs[i]))
    return rows


DATA = {}  # n -> {"deliveries": rows of make_deliveries, "orders": order number per row}


def make_orders(n, rnd):
    """An order number per line, drawn from 1..n//3 (so ~n/3 x 0.95 distinct orders, in no order)."""
    return [rnd.randint(1, max(1, n // 3)) for _ in range(n)]


def line_hit(row):
    """(eligible, OTIF) of one line, the rule delivery_native() writes as SUMPRODUCT (no From/To/EarlyDays)."""
    due, delivered, ordered, dq, _ = row
    if due == "" or not ordered > 0:
        return False, False
    return True, delivered != "" and delivered - due <= LATE_DAYS and dq >= ordered * (1 - TOL)


def expected_line_otif(n, segment):
    hits = [line_hit(r) for r in DATA[n]["deliveries"] if r[4] == segment]
    eligible = [h for e, h in hits if e]
    return sum(eligible) / len(eligible)


def expected_order_otif(n, segment):
    """Order OTIF by hand: an order (of the segment's eligible lines; None = all) is OTIF when every one of its
    lines is."""
    orders = {}
    for r, o in zip(DATA[n]["deliveries"], DATA[n]["orders"]):
        if segment is not None and r[4] != segment:
            continue
        e, h = line_hit(r)
        if e:
            orders[o] = orders.get(o, True) and h
    return sum(orders.values()) / len(orders)


MANY_TARGET = "K-TARGET"


def distinct_key(i):
    """Row i of the Del.F column: a customer of its own in every row, except MANY_TARGET in one row of 1000."""
    return MANY_TARGET if i % 1000 == 7 else f"K{i:07d}"


def make_counts(n, rnd):
    """Good, Inspected (3 % empty rows)."""
    rows = []
    for _ in range(n):
        if rnd.random() < 0.03:
            rows.append(("", ""))
            continue
        insp = rnd.randint(1, 1000)
        bad = 0 if rnd.random() < 0.7 else rnd.randint(0, max(1, insp // 20))
        rows.append((insp - min(bad, insp), insp))
    return rows


def make_returns(n, rnd, *, open_share=0.05, min_days=0):
    """Received, Closed (empty = still open)."""
    rows = []
    for _ in range(n):
        rec = Y2025 + rnd.randrange(700)
        if rnd.random() < open_share:
            rows.append((rec, ""))
        else:
            rows.append((rec, rec + rnd.randint(min_days, 45)))
    return rows


def write_block(sheet, col, first_row, rows, chunk=200_000):
    """setDataArray in chunks (one huge tuple per call costs memory on both sides of the bridge)."""
    width = len(rows[0])
    for s in range(0, len(rows), chunk):
        part = tuple(tuple(r) for r in rows[s:s + chunk])
        sheet.getCellRangeByPosition(col, first_row + s, col + width - 1, first_row + s + len(part) - 1) \
            .setDataArray(part)


def add_sheet(doc, name):
    sheets = doc.getSheets()
    if not sheets.hasByName(name):
        sheets.insertNewByName(name, sheets.getCount())
    return sheets.getByName(name)


def write_holidays(doc):
    write_block(add_sheet(doc, "Hol"), 0, 0, [(h,) for h in HOLIDAYS])


# ----------------------------------------------------------------------------------------------------------
# cases


class Variant:
    """The formulas of one side of a case: a list of (address, kind, formulas) on the Bench sheet.

    kind "cell": one formula; "array": one array formula over the address; "fill": the formula in the first
    cell, filled down over the address (XCellSeries.fillAuto, what a user does; 10k setFormulaArray cells
    take ~4.5 s to place, fillAuto ~0.02 s); "block": a tuple of tuples of formulas (setFormulaArray)."""

    def __init__(self, label, items, describe):
        self.label = label
        self.items = items
        self.describe = describe  # human-readable formula shown in the output

    def place(self, sheet):
        for addr, kind, f in self.items:
            r = sheet.getCellRangeByName(addr)
            if kind == "cell":
                r.setFormula(f)
            elif kind == "array":
                r.setArrayFormula(f)
            elif kind == "fill":
                r.getCellByPosition(0, 0).setFormula(f)
                r.fillAuto(TO_BOTTOM, 1)
            else:
                r.setFormulaArray(f)

    def clear(self, sheet):
        for addr, _, _ in self.items:
            sheet.getCellRangeByName(addr).clearContents(CLEAR)


class Case:
    def __init__(self, key, name, rows_label, qkpi, native, compare, note=""):
        self.key, self.name, self.rows_label = key, name, rows_label
        self.qkpi, self.native = qkpi, native
        self.compare = compare  # (sheet) -> (ok, text): reads the placed variant's results
        self.note = note
        self.times = {"qkpi": [], "native": []}


def cell_value(sheet, addr):
    c = sheet.getCellRangeByName(addr)
    err = c.getError()
    if err:
        return office.err_name(err)
    return c.getValue()


def same(a, b, rel=1e-12):
    return isinstance(a, float) and isinstance(b, float) and office.close_enough(a, b, rel)


def rng(sheet, c0, c1, n):
    return f"${sheet}.${c0}$2:${c1}${n + 1}"


def delivery_native(n, seg=None, seg_col="E"):
    A, B, C, D = (rng("Del", c, c, n) for c in "ABCD")
    E = rng("Del", seg_col, seg_col, n)
    s = f"*({E}={office_q(seg)})" if seg is not None else ""
    elig = f"({A}>0)*({C}>0){s}"
    hit = f"*({B}>0)*({B}-{A}<={LATE_DAYS})*({D}>={C}*(1-{TOL}))"
    return f"=SUMPRODUCT({elig}{hit})/SUMPRODUCT({elig})"


def office_q(text):
    return '"' + text.replace('"', '""') + '"'


def build_table_cases(n):
    """The cases over an n-row table (Del, Q, Ret sheets)."""
    L = rng("Del", "A", "D", n)
    S = rng("Del", "E", "E", n)
    cases = []

    cases.append(Case(
        "otif", "OTIF (4-col table) vs SUMPRODUCT", f"{n:,}",
        Variant("qkpi", [("A1", "cell", f"=OTIF({L};;;;;;{LATE_DAYS};{TOL})")],
                f"OTIF(Del.A:D;;;;;;{LATE_DAYS};{TOL})"),
        Variant("native", [("A1", "cell", delivery_native(n))],
                f"SUMPRODUCT((A>0)*(C>0)*(B>0)*(B-A<={LATE_DAYS})*(D>=C*(1-{TOL})))/SUMPRODUCT((A>0)*(C>0))"),
        "scalar"))

    cases.append(Case(
        "otifseg", f'OTIF segment "{SEGMENT}" vs SUMPRODUCT with customer', f"{n:,}",
        Variant("qkpi", [("A1", "cell", f'=OTIF({L};{S};"{SEGMENT}";;;;{LATE_DAYS};{TOL})')],
                f'OTIF(Del.A:D;Del.E;"{SEGMENT}";;;;{LATE_DAYS};{TOL})'),
        Variant("native", [("A1", "cell", delivery_native(n, SEGMENT))],
                f'as OTIF, both SUMPRODUCTs with *(E="{SEGMENT}")'),
        "scalar"))

    F = rng("Del", "F", "F", n)
    many = MANY_TARGET
    cases.append(Case(
        "otifsegmany", f'OTIF segment "{many}" among {n - n // 1000 + 1:,} distinct keys vs SUMPRODUCT with key',
        f"{n:,}",
        Variant("qkpi", [("A1", "cell", f'=OTIF({L};{F};"{many}";;;;{LATE_DAYS};{TOL})')],
                f'OTIF(Del.A:D;Del.F;"{many}";;;;{LATE_DAYS};{TOL}), Del.F: a key of its own per row, '
                f'"{many}" in one row of 1000'),
        Variant("native", [("A1", "cell", delivery_native(n, many, "F"))],
                f'as OTIF, both SUMPRODUCTs with *(F="{many}")'),
        "scalar"))

    k = len(CUSTOMERS)
    names = [c for c, _ in CUSTOMERS]
    cases.append(Case(
        "otifby", f"OTIFBY {k} customers vs {k} SUMPRODUCT ratios", f"{n:,}",
        Variant("qkpi", [(f"A1:F{k + 1}", "array", f"=OTIFBY({L};{S};;;;{LATE_DAYS};{TOL})")],
                f"{{=OTIFBY(Del.A:D;Del.E;;;;{LATE_DAYS};{TOL})}} ({k + 1}x6 array)"),
        Variant("native", [(f"H1:H{k}", "block", tuple((delivery_native(n, c),) for c in names))],
                f"{k} cells, each the OTIF SUMPRODUCT ratio with *(E=customer)"),
        ("otifby", names)))

    # Issue 10's ratios are qkpi against qkpi: the baseline ("native" column) is OTIF itself.
    cases.append(Case(
        "otifreasons", "OTIFREASONS (8x3 array) vs OTIF on the same table", f"{n:,}",
        Variant("qkpi", [("A1:C8", "array", f"=OTIFREASONS({L};;;;;;{LATE_DAYS};{TOL})")],
                f"{{=OTIFREASONS(Del.A:D;;;;;;{LATE_DAYS};{TOL})}} (8x3 array; its first share is OTIF)"),
        Variant("baseline", [("E1", "cell", f"=OTIF({L};;;;;;{LATE_DAYS};{TOL})")],
                f"OTIF(Del.A:D;;;;;;{LATE_DAYS};{TOL}) (qkpi: the baseline of the ratio, not a native formula)"),
        ("cells", "C1", "E1")))

    O = rng("Del", "G", "G", n)
    baseline_seg = Variant("baseline", [("E1", "cell", f'=OTIF({L};{S};"{SEGMENT}";;;;{LATE_DAYS};{TOL})')],
                           f'OTIF(Del.A:D;Del.E;"{SEGMENT}";;;;{LATE_DAYS};{TOL}) (qkpi: the baseline of the ratio)')
    # Issue 10's ratio: an order column against a segment column (one column of any cells each), plus the grouping.
    cases.append(Case(
        "otiforders", f"OTIFORDERS, ~{n // 3:,} random order ids vs OTIF segment", f"{n:,}",
        Variant("qkpi", [("A1", "cell", f"=OTIFORDERS({L};{O};;;;;;{LATE_DAYS};{TOL})")],
                f"OTIFORDERS(Del.A:D;Del.G;;;;;;{LATE_DAYS};{TOL}), Del.G: order numbers "
                f"1..{n // 3:,} drawn at random per line"),
        baseline_seg,
        ("expected", "A1", "E1", lambda: expected_order_otif(n, None), lambda: expected_line_otif(n, SEGMENT))))
    # The same with a segment too: two columns of any cells against one.
    cases.append(Case(
        "otifordersseg", f'OTIFORDERS segment "{SEGMENT}", ~{n // 3:,} random order ids vs OTIF segment', f"{n:,}",
        Variant("qkpi", [("A1", "cell", f'=OTIFORDERS({L};{O};{S};"{SEGMENT}";;;;{LATE_DAYS};{TOL})')],
                f'OTIFORDERS(Del.A:D;Del.G;Del.E;"{SEGMENT}";;;;{LATE_DAYS};{TOL})'),
        baseline_seg,
        ("expected", "A1", "E1", lambda: expected_order_otif(n, SEGMENT), lambda: expected_line_otif(n, SEGMENT))))

    Q = rng("Q", "A", "B", n)
    G, I = rng("Q", "A", "A", n), rng("Q", "B", "B", n)
    cases.append(Case(
        "rft", "RFT vs SUMIFS/SUMIFS", f"{n:,}",
        Variant("qkpi", [("A1", "cell", f"=RFT({Q})")], "RFT(Q.A:B)"),
        Variant("native", [("A1", "cell", f'=SUMIFS({G};{I};">0")/SUMIFS({I};{I};">0")')],
                'SUMIFS(Good;Insp;">0")/SUMIFS(Insp;Insp;">0")'),
        "scalar"))

    R = rng("Ret", "A", "B", n)
    Ra, Rb = rng("Ret", "A", "A", n), rng("Ret", "B", "B", n)
    cases.append(Case(
        "turnaround", f"TURNAROUND ({DAYS} working days, holidays) vs SUMPRODUCT(NETWORKDAYS.INTL)", f"{n:,}",
        Variant("qkpi", [("A1", "cell", f"=TURNAROUND({R};;;;;{DAYS};;{HOL})")],
                f"TURNAROUND(Ret.A:B;;;;;{DAYS};;Hol)"),
        Variant("native", [("A1", "cell",
                            f"=SUMPRODUCT(({Rb}>0)*(NETWORKDAYS.INTL({Ra}+1;{Rb};1;{HOL})<={DAYS}))"
                            f"/SUMPRODUCT(({Ra}>0)*({Rb}>0))")],
                f"SUMPRODUCT((B>0)*(NETWORKDAYS.INTL(A+1;B;1;Hol)<={DAYS}))/SUMPRODUCT((A>0)*(B>0)) "
                "(no helper column: NETWORKDAYS.INTL iterates over the ranges inside SUMPRODUCT)"),
        "scalar"))
    return cases


def build_wd_cases(m):
    """Per-row scalar calls: with a holiday range, and with neither weekend nor holidays (bare call cost)."""
    col = f"A2:A{m + 1}"
    return [
        Case("wd", "WORKDAYSELAPSED per row vs NETWORKDAYS.INTL per row (22 holidays)", f"{m:,} formulas",
             Variant("qkpi", [(col, "fill", f"=WORKDAYSELAPSED($WD.A2;$WD.B2;;{HOL})")],
                     "WORKDAYSELAPSED(A2;B2;;Hol) filled down"),
             Variant("native", [(col, "fill", f"=NETWORKDAYS.INTL($WD.A2+1;$WD.B2;1;{HOL})")],
                     "NETWORKDAYS.INTL(A2+1;B2;1;Hol) filled down"),
             ("column", m)),
        Case("wdnohol", "WORKDAYSELAPSED per row vs NETWORKDAYS.INTL per row (no holidays)", f"{m:,} formulas",
             Variant("qkpi", [(col, "fill", "=WORKDAYSELAPSED($WD.A2;$WD.B2)")], "WORKDAYSELAPSED(A2;B2) filled down"),
             Variant("native", [(col, "fill", "=NETWORKDAYS.INTL($WD.A2+1;$WD.B2)")],
                     "NETWORKDAYS.INTL(A2+1;B2) filled down"),
             ("column", m)),
    ]


# ----------------------------------------------------------------------------------------------------------
# running


def read_result(case, sheet):
    """The value(s) the currently placed variant computed (an error shows as its name)."""
    kind = case.compare
    if kind == "scalar":
        return cell_value(sheet, "A1")
    if kind[0] in ("cells", "expected"):
        return cell_value(sheet, kind[1]), cell_value(sheet, kind[2])
    if kind[0] == "otifby":
        names = kind[1]
        k = len(names)
        data = sheet.getCellRangeByName(f"A1:F{k + 1}").getDataArray()
        native = sheet.getCellRangeByName(f"H1:H{k}").getDataArray()
        return data, native
    if kind[0] == "column":
        m = kind[1]
        rng_ = sheet.getCellRangeByName(f"A2:A{m + 1}")
        vals = [r[0] for r in rng_.getDataArray()]
        errs = sum(1 for i in range(m) if sheet.getCellByPosition(0, i + 1).getError()) \
            if any(isinstance(v, str) or v is None for v in vals) else 0
        return vals, errs
    raise ValueError(kind)


def check(case, results, log):
    """Compares the warm-up results of both variants; returns True when they agree."""
    kind = case.compare
    q, n = results["qkpi"], results["native"]
    if kind == "scalar":
        ok = same(q, n)
        log(f"    qkpi   = {q!r}\n    native = {n!r}   {'agree' if ok else 'DIFFER'}")
        return ok
    if kind[0] == "cells":  # the qkpi variant's cell kind[1] equals the baseline's cell kind[2]
        qv, bv = q[0], n[1]
        ok = same(qv, bv)
        log(f"    qkpi {kind[1]} = {qv!r}\n    baseline {kind[2]} = {bv!r}   {'agree' if ok else 'DIFFER'}")
        return ok
    if kind[0] == "expected":  # each variant equals its value worked out in Python from the same data
        qv, bv = q[0], n[1]
        eq, eb = kind[3](), kind[4]()
        ok = same(qv, eq) and same(bv, eb)
        log(f"    qkpi     = {qv!r}  by hand {eq!r}\n    baseline = {bv!r}  by hand {eb!r}   "
            f"{'agree' if ok else 'DIFFER'}")
        return ok
    if kind[0] == "otifby":
        names = kind[1]
        table = q[0]
        native = [r[0] for r in n[1]]  # each warm-up read both areas: qkpi's array from the qkpi run,
        # the native column from the native run
        by_name = {str(r[0]).lower(): r for r in table}
        ok = True
        lines = []
        for name, nv in zip(names, native):
            row = by_name.get(name.lower())
            qv = row[5] if row else None
            agree = isinstance(qv, float) and isinstance(nv, float) and office.close_enough(qv, nv)
            ok &= agree
            lines.append(f"    {name:<12} qkpi={qv!r:<22} native={nv!r:<22} {'agree' if agree else 'DIFFER'}")
        rest = [r for r in table if str(r[0]).lower() not in {x.lower() for x in names}]
        lines.append("    other rows of the array: " + "; ".join(
            f"{r[0]}: rows {r[1]:.0f}, used {r[2]:.0f}, value {r[5]!r}" for r in rest))
        log("\n".join(lines))
        return ok
    if kind[0] == "column":
        (qv, qerr), (nv, nerr) = q, n
        bad = [i for i, (a, b) in enumerate(zip(qv, nv))
               if not (isinstance(a, float) and isinstance(b, float) and a == b)]
        sq = sum(v for v in qv if isinstance(v, float))
        sn = sum(v for v in nv if isinstance(v, float))
        log(f"    qkpi   : {len(qv)} cells, {qerr} errors, sum {sq:.0f}, first {qv[:5]}\n"
            f"    native : {len(nv)} cells, {nerr} errors, sum {sn:.0f}, first {nv[:5]}\n"
            f"    {len(bad)} cells differ" + (f" (first rows {[i + 2 for i in bad[:5]]})" if bad else ""))
        return not bad and not qerr and not nerr
    raise ValueError(kind)


class PeakRss:
    """Peak resident memory that soffice gains during one recalculation (Linux: clear_refs 5 resets VmHWM)."""

    def __init__(self, pid):
        self.pid = pid
        self.peaks = {}  # (case key, rows label, variant label) -> max MB over runs

    def _status_kb(self, field):
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
        return 0

    def start(self):
        with open(f"/proc/{self.pid}/clear_refs", "w") as f:
            f.write("5")
        self.before = self._status_kb("VmRSS")

    def stop(self, key):
        mb = (self._status_kb("VmHWM") - self.before) / 1024
        self.peaks[key] = max(self.peaks.get(key, 0.0), mb)
        return mb


PEAK = None  # a PeakRss when --peak-rss is given


def timed_run(doc, sheet, variant, key=None):
    variant.place(sheet)
    if PEAK:
        PEAK.start()
    t0 = time.perf_counter()
    doc.calculateAll()
    t = time.perf_counter() - t0
    if PEAK and key:
        PEAK.stop((*key, variant.label))
    return t


def side(variant):
    """"qkpi" or "native": the column of the table a variant's times go to (a qkpi baseline is "native")."""
    return "qkpi" if variant.label == "qkpi" else "native"


def run_cases(doc, sheet, cases, reps, log, per_run_log):
    # warm-up + check
    for case in cases:
        log(f"  [{case.key}] {case.name}, {case.rows_label}\n    qkpi:   {case.qkpi.describe}\n"
            f"    {case.native.label}: {case.native.describe}")
        results = {}
        for v in (case.qkpi, case.native):
            t = timed_run(doc, sheet, v, (case.key, case.rows_label))
            results[side(v)] = read_result(case, sheet)
            v.clear(sheet)
            log(f"    warm-up {v.label}: {t:.3f} s")
        if not check(case, results, log):
            raise SystemExit(f"results differ for {case.key}: not timing a comparison of different answers")
    # timed rounds, interleaved
    for rep in range(reps):
        for case in cases:
            order = (case.qkpi, case.native) if rep % 2 == 0 else (case.native, case.qkpi)
            for v in order:
                t = timed_run(doc, sheet, v, (case.key, case.rows_label))
                if case.compare == "scalar":
                    val = cell_value(sheet, "A1")
                    if not isinstance(val, float):
                        raise SystemExit(f"{case.key} {v.label}: {val} in a timed run")
                v.clear(sheet)
                case.times[side(v)].append(t)
        per_run_log(rep, cases)


def summarize(case):
    q, n = case.times["qkpi"], case.times["native"]
    mq, mn = statistics.median(q), statistics.median(n)
    per = [a / b for a, b in zip(q, n)]
    return mq, mn, mq / mn, min(per), max(per)


def fmt_s(t):
    return f"{t:.4f}" if t < 0.1 else f"{t:.3f}" if t < 10 else f"{t:.2f}"


def table(cases):
    head = "| case | rows | qkpi median s | native (or baseline) median s | ratio | per-round ratio min–max |"
    rule = "|---|---:|---:|---:|---:|---:|"
    if PEAK:
        head += " peak RSS gain MB qkpi / native |"
        rule += "---:|"
    lines = [head, rule]
    for c in cases:
        mq, mn, r, lo, hi = summarize(c)
        line = f"| {c.name} | {c.rows_label} | {fmt_s(mq)} | {fmt_s(mn)} | **{r:.3f}** | {lo:.3f}–{hi:.3f} |"
        if PEAK:
            line += (f" {PEAK.peaks.get((c.key, c.rows_label, 'qkpi'), 0):.0f} / "
                     f"{PEAK.peaks.get((c.key, c.rows_label, 'native'), 0):.0f} |")
        lines.append(line)
    return "\n".join(lines)


def office_version(o):
    try:
        cp = o.create("com.sun.star.configuration.ConfigurationProvider")
        acc = cp.createInstanceWithArguments("com.sun.star.configuration.ConfigurationAccess",
                                             office.props(nodepath="/org.openoffice.Setup/Product"))
        name = acc.getByName("ooName")
        ver = acc.getByName("ooSetupVersionAboutBox")
        return f"{name} {ver}"
    except Exception as e:  # noqa: BLE001
        return f"unknown ({e})"


def calc_settings(o):
    """Settings that change native formula speed: threaded group calculation and OpenCL."""
    out = {}
    cp = o.create("com.sun.star.configuration.ConfigurationProvider")
    for path, key in (("/org.openoffice.Office.Calc/Formula/Calculation", "UseThreadedCalculationForFormulaGroups"),
                      ("/org.openoffice.Office.Common/Misc", "UseOpenCL")):
        try:
            acc = cp.createInstanceWithArguments("com.sun.star.configuration.ConfigurationAccess",
                                                 office.props(nodepath=path))
            out[key] = acc.getByName(key)
        except Exception:  # noqa: BLE001
            out[key] = "?"
    return out


def copy_oxt(src, tmp):
    """A stable copy of the .oxt (a build may be rewriting build/qkpi.oxt)."""
    dst = os.path.join(tmp, "qkpi.oxt")
    for _ in range(30):
        try:
            shutil.copyfile(src, dst)
            if zipfile.is_zipfile(dst):
                with zipfile.ZipFile(dst) as z:
                    if z.testzip() is None:
                        return dst
        except OSError:
            pass
        time.sleep(2)
    raise SystemExit(f"{src}: no complete .oxt after 60 s (being rebuilt?)")


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def markers(block):
    """The README's begin/end comments of a results block ("" = the main one)."""
    name = f" {block}" if block else ""
    return f"<!-- bench results{name}: begin (written by bench.py) -->", f"<!-- bench results{name}: end -->"


def write_readme(path, text, block=""):
    RESULTS_BEGIN, RESULTS_END = markers(block)
    try:
        with open(path) as f:
            old = f.read()
    except FileNotFoundError:
        old = f"# qkpi benchmark\n\n{RESULTS_BEGIN}\n{RESULTS_END}\n"
    if RESULTS_BEGIN in old and RESULTS_END in old:
        pre, rest = old.split(RESULTS_BEGIN, 1)
        _, post = rest.split(RESULTS_END, 1)
        new = f"{pre}{RESULTS_BEGIN}\n{text}\n{RESULTS_END}{post}"
    else:
        new = f"{old.rstrip()}\n\n{RESULTS_BEGIN}\n{text}\n{RESULTS_END}\n"
    with open(path, "w") as f:
        f.write(new)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", default="100000,1000000",
                    help="comma-separated table sizes (default 100000,1000000)")
    ap.add_argument("--reps", type=int, default=7, help="timed rounds per case (default 7)")
    ap.add_argument("--wd-formulas", type=int, default=10000,
                    help="per-row WORKDAYSELAPSED / NETWORKDAYS.INTL formulas (default 10000; 0 = skip)")
    ap.add_argument("--cases",
                    default="otif,otifseg,otifsegmany,otifby,otifreasons,otiforders,otifordersseg,rft,turnaround,wd,wdnohol",
                    help="subset of: otif,otifseg,otifsegmany,otifby,otifreasons,otiforders,otifordersseg,rft,turnaround,wd,"
                         "wdnohol")
    ap.add_argument("--oxt", default=os.path.join(REPO, "build", "qkpi.oxt"))
    ap.add_argument("--seed", type=int, default=20260101)
    ap.add_argument("--readme", default=os.path.join(HERE, "README.md"))
    ap.add_argument("--no-readme", action="store_true", help="only print, do not update bench/README.md")
    ap.add_argument("--block", default="",
                    help="the README's results block to replace (default: the main one; e.g. 'otif-system')")
    ap.add_argument("--peak-rss", action="store_true",
                    help="also report the peak resident memory soffice gains during a recalculation (Linux)")
    args = ap.parse_args()
    global PEAK
    sizes = [int(x.replace("_", "")) for x in args.rows.split(",") if x.strip()]
    wanted = set(args.cases.split(","))
    t_start = time.monotonic()
    started = dt.datetime.now().astimezone()

    def log(msg):
        print(msg, file=sys.stderr, flush=True)

    def per_run_log(rep, cases):
        log(f"    round {rep + 1}/{args.reps}: " + ", ".join(
            f"{c.key} {c.times['qkpi'][-1]:.3f}/{c.times['native'][-1]:.3f}" for c in cases))

    all_cases = []
    tmp = tempfile.mkdtemp(prefix="qkpi-bench-")
    try:
        oxt = copy_oxt(os.path.abspath(args.oxt), tmp)
        with Office(oxt) as o:
            if args.peak_rss:
                PEAK = PeakRss(o.proc.pid)
            version = office_version(o)
            settings = calc_settings(o)
            log(f"{version}; nproc {os.cpu_count()}; {settings}")
            for n in sizes:
                cases = [c for c in build_table_cases(n) if c.key in wanted]
                if not cases:
                    continue
                t = time.monotonic()
                doc = o.new_calc()
                try:
                    doc.enableAutomaticCalculation(False)
                    bench = doc.getSheets().getByIndex(0)
                    bench.setName("Bench")
                    rnd = random.Random(args.seed + n)
                    write_holidays(doc)
                    keys = {c.key for c in cases}
                    if keys & {"otif", "otifseg", "otifby", "otifsegmany", "otifreasons", "otiforders", "otifordersseg"}:
                        DATA[n] = {"deliveries": make_deliveries(n, rnd)}
                        write_block(add_sheet(doc, "Del"), 0, 1, DATA[n]["deliveries"])
                    if keys & {"otiforders", "otifordersseg"}:
                        DATA[n]["orders"] = make_orders(n, random.Random(args.seed + n + 1))
                        write_block(doc.getSheets().getByName("Del"), 6, 1, [(o,) for o in DATA[n]["orders"]])
                    if "otifsegmany" in keys:
                        write_block(doc.getSheets().getByName("Del"), 5, 1, [(distinct_key(i),) for i in range(n)])
                    if "rft" in keys:
                        write_block(add_sheet(doc, "Q"), 0, 1, make_counts(n, rnd))
                    if "turnaround" in keys:
                        write_block(add_sheet(doc, "Ret"), 0, 1, make_returns(n, rnd))
                    log(f"\n== {n:,} rows: data written in {time.monotonic() - t:.1f} s")
                    t = time.monotonic()
                    run_cases(doc, bench, cases, args.reps, log, per_run_log)
                    log(f"== {n:,} rows: {time.monotonic() - t:.1f} s")
                finally:
                    Office.close(doc)
                all_cases += cases
            wd_cases = [c for c in build_wd_cases(args.wd_formulas) if c.key in wanted]
            if args.wd_formulas > 0 and wd_cases:
                m = args.wd_formulas
                doc = o.new_calc()
                try:
                    doc.enableAutomaticCalculation(False)
                    bench = doc.getSheets().getByIndex(0)
                    bench.setName("Bench")
                    write_holidays(doc)
                    rnd = random.Random(args.seed)
                    # End > Start in every row: NETWORKDAYS.INTL(Start+1;End) equals WORKDAYSELAPSED only there
                    write_block(add_sheet(doc, "WD"), 0, 1, make_returns(m, rnd, open_share=0, min_days=1))
                    log(f"\n== {m:,} per-row formulas")
                    t = time.monotonic()
                    run_cases(doc, bench, wd_cases, args.reps, log, per_run_log)
                    log(f"== per-row formulas: {time.monotonic() - t:.1f} s")
                finally:
                    Office.close(doc)
                all_cases += wd_cases
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    elapsed = time.monotonic() - t_start
    md = table(all_cases)
    threads = settings.get("UseThreadedCalculationForFormulaGroups")
    try:
        nproc = subprocess.run(["nproc"], capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        nproc = str(os.cpu_count())
    machine = (f"Measured {started:%Y-%m-%d %H:%M %Z} on {platform.node() or '?'}: nproc {nproc}, {cpu_model()}, "
               f"{version}, {platform.system()} {platform.release()}, Python {platform.python_version()}; "
               f"Calc threaded group calculation {threads}, OpenCL {settings.get('UseOpenCL')}. "
               f"{args.reps} timed rounds per case after one warm-up; whole run {elapsed / 60:.1f} min "
               f"(`bench.py --rows {','.join(map(str, sizes))} --reps {args.reps}"
               f"{'' if args.wd_formulas == 10000 else f' --wd-formulas {args.wd_formulas}'}"
               f"{'' if args.cases == ap.get_default('cases') else f' --cases {args.cases}'}"
               f"{f' --block {args.block}' if args.block else ''}`).")
    print(md)
    print()
    print(machine)
    if not args.no_readme:
        write_readme(args.readme, f"{machine}\n\n{md}", args.block)
        log(f"\nresults written to {args.readme}")


if __name__ == "__main__":
    main()
