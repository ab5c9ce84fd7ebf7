#!/usr/bin/python3
"""qkpi functions vs equivalent native Calc formulas, both computed by Calc on the same seeded data.

Run: /usr/bin/python3 tests/integration/test_functions.py --oxt build/qkpi.oxt   (or env QKPI_OXT)

One office and one document for the module: the data sheets (kpi_data), a
"Checks" sheet with one row per check (qkpi formula | native formula), the
WORKDAYSELAPSED grid on "WD", array formulas (SEGMENTS, ...BY) on "Arrays".
Everything is written in bulk, recalculated once, and compared with a
relative tolerance of 1e-12.
"""

from __future__ import annotations

import os
import random
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import office  # noqa: E402
import kpi_data as kd  # noqa: E402
from formulas import DATE, R, CheckSheet, call, failure_report, lit, rng, seg_key, seg_plain  # noqa: E402

SEED = 20260101
DATA = kd.make_data(SEED)
T = kd.TRAILING
LAST_DEL = kd.N_DELIVERIES + 1 + T  # Deliveries/ERP ranges run from row 2 to here (trailing rows empty)
LAST_Q = kd.N_QUALITY + 1 + T
LAST_J = kd.N_JOBS + 1 + T
LAST_R = kd.N_RETURNS + 1 + T
HOL = R(f"$Holidays.$A$2:$A${kd.HOLIDAY_ROWS + 1}")
HOL_ISO = R(f"$Holidays.$B$2:$B${kd.HOLIDAY_ROWS + 1}")
ASOF = kd.serial(2026, 10, 15)

# Segment choices: (value passed to qkpi, native factor builder)
def _plain(text):
    return lambda col: seg_plain(col, text)


def _key(key):
    return lambda col: seg_key(col, key)


CUSTOMER_SEGMENTS = [
    ("Globex", _plain("Globex")),
    ("Umbrella", _plain("Umbrella")),
    (" ACME ", _key("acme")),
    ("acme", _key("acme")),
    (R("1001"), _key("1001")),
    ("1001", _key("1001")),
    ("müller gmbh", _key("müller gmbh")),
    ("INITECH", _key("initech")),
    ("Acme\u00a0", _key("acme")),
]
# Periods: (From for qkpi, To for qkpi, From native, To native)
PERIODS = [
    (None, None, None, None),
    (DATE(2026, 1, 1), DATE(2026, 3, 31), "DATE(2026;1;1)", "DATE(2026;3;31)"),
    (DATE(2026, 7, 1), None, "DATE(2026;7;1)", None),
    (None, DATE(2026, 6, 30), None, "DATE(2026;6;30)"),
    ("2026-04-01", "2026-06-30", "DATE(2026;4;1)", "DATE(2026;6;30)"),
    (DATE(2026, 12, 1), DATE(2026, 12, 31), "DATE(2026;12;1)", "DATE(2026;12;31)"),
]
# (EarlyDays, LateDays, QtyTolerance)
DELIVERY_OPTIONS = [(None, None, None), (None, 2, 0.02), (0, 0, None), (3, 5, 0.05), (2, None, 0.1), (1, 1, 0.02)]


# ----------------------------------------------------------------------------
# native formulas


def native_delivery(kind, seg=None, frm=None, to=None, early=None, late=None, tol=None, *, last=LAST_DEL,
                    cols=("A", "D", "E", "F", "G"), sheet="Deliveries", layout=4):
    """OTIF / ONTIME / INFULL as SUMPRODUCT ratios. layout 4 = delivery table; 2 = two-column variants."""
    A, D, E, F, G = (str(rng(sheet, c, 2, last)) for c in cols)
    L = late if late is not None else 0
    elig = []
    if layout == 4 or kind == "ONTIME":
        elig.append(f"({D}<>0)")
    if layout == 4 or kind == "INFULL":
        elig.append(f"({F}>0)")
    if seg:
        elig.append(seg(A))
    if frm is not None:
        elig.append(f"(INT({D})>={frm})")
    if to is not None:
        elig.append(f"(INT({D})<={to})")
        if layout == 4 or kind == "ONTIME":
            elig.append(f"(1-({E}=0)*(INT({D})+{L}>={to}))")
    ontime = f"({E}<>0)*(INT({E})-INT({D})<={L})"
    if early is not None:
        ontime += f"*(INT({E})-INT({D})>=-{early})"
    infull = f"({G}>={F}*(1-{tol or 0}))"
    e = "*".join(elig)
    num = {"OTIF": f"{e}*{ontime}*{infull}", "ONTIME": f"{e}*{ontime}", "INFULL": f"{e}*{infull}"}[kind]
    return f"=SUMPRODUCT({num})/SUMPRODUCT({e})"


def period_factor(col, frm, to):
    """Rows in [From, To]; once a bound is set, rows without a period date (blank) are left out."""
    f = [f"({col}<>0)"] if (frm is not None or to is not None) else []
    if frm is not None:
        f.append(f"(INT({col})>={frm})")
    if to is not None:
        f.append(f"(INT({col})<={to})")
    return f


def product(factors):
    return "*".join(factors) if factors else "1"


# ----------------------------------------------------------------------------
# building the document

CHECKS = CheckSheet()
DOC = None
WD = {}  # WORKDAYSELAPSED grid info
ARRAYS = []  # array-formula checks


def build_delivery_checks(rnd):
    lines = rng("Deliveries", "D:G", 2, LAST_DEL)
    segs = rng("Deliveries", "A", 2, LAST_DEL)
    combos = []
    for s in CUSTOMER_SEGMENTS:
        combos.append((s, PERIODS[0], DELIVERY_OPTIONS[0]))
    for p in PERIODS:
        combos.append((CUSTOMER_SEGMENTS[0], p, DELIVERY_OPTIONS[1]))
    for o in DELIVERY_OPTIONS:
        combos.append((CUSTOMER_SEGMENTS[2], PERIODS[1], o))
        combos.append((None, PERIODS[3], o))
    for _ in range(25):
        combos.append((rnd.choice(CUSTOMER_SEGMENTS + [None]), rnd.choice(PERIODS), rnd.choice(DELIVERY_OPTIONS)))
    for k, (s, p, o) in enumerate(combos):
        sv, sf = s if s else (None, None)
        fq, tq, fn, tn = p
        early, late, tol = o
        seg_args = (segs, sv) if s else (None, None)
        name = f"seg={sv!r} period={fn},{tn} early={early} late={late} tol={tol}"
        CHECKS.add("OTIF", name, call("OTIF", lines, *seg_args, fq, tq, early, late, tol),
                   native_delivery("OTIF", sf, fn, tn, early, late, tol))
        CHECKS.add("ONTIME", name, call("ONTIME", lines, *seg_args, fq, tq, early, late),
                   native_delivery("ONTIME", sf, fn, tn, early, late, None))
        CHECKS.add("INFULL", name, call("INFULL", lines, *seg_args, fq, tq, tol),
                   native_delivery("INFULL", sf, fn, tn, None, None, tol))
        if k % 3 == 0:  # two-column variants
            CHECKS.add("ONTIME", "2-col " + name,
                       call("ONTIME", rng("Deliveries", "D:E", 2, LAST_DEL), *seg_args, fq, tq, early, late),
                       native_delivery("ONTIME", sf, fn, tn, early, late, None, layout=2))
            CHECKS.add("INFULL", "2-col " + name,
                       call("INFULL", rng("Deliveries", "F:G", 2, LAST_DEL), *seg_args, None, None, tol),
                       native_delivery("INFULL", sf, None, None, None, None, tol, layout=2))

    # The spec's example formulas, literally (relative refs, 20000-row ranges, most rows empty).
    CHECKS.add("OTIF", "spec example: late 2, tolerance 2 %",
               '=OTIF($Deliveries.D2:G20001;$Deliveries.A2:A20001;"ACME";;;;2;0.02)',
               native_delivery("OTIF", _key("acme"), None, None, None, 2, 0.02, last=20001))
    CHECKS.add("OTIF", "spec example: ERP export with Columns {6;8;5;7}",
               '=OTIF($ERP.A2:H20001;$ERP.C2:C20001;"ACME";DATE(2026;1;1);DATE(2026;3;31);;;;{6;8;5;7})',
               native_delivery("OTIF", _key("acme"), "DATE(2026;1;1)", "DATE(2026;3;31)", last=20001))
    erp = rng("ERP", "A:H", 2, LAST_DEL)
    erp_seg = rng("ERP", "C", 2, LAST_DEL)
    for colspec in ("{6;8;5;7}", "{6|8|5|7}"):
        for s, p, o in [(CUSTOMER_SEGMENTS[0], PERIODS[0], DELIVERY_OPTIONS[3]),
                        (CUSTOMER_SEGMENTS[4], PERIODS[4], DELIVERY_OPTIONS[1]),
                        (None, PERIODS[5], DELIVERY_OPTIONS[0])]:
            sv, sf = s if s else (None, None)
            fq, tq, fn, tn = p
            early, late, tol = o
            seg_args = (erp_seg, sv) if s else (None, None)
            name = f"ERP Columns {colspec} seg={sv!r} period={fn},{tn} opts={o}"
            CHECKS.add("OTIF", name, call("OTIF", erp, *seg_args, fq, tq, early, late, tol, R(colspec)),
                       native_delivery("OTIF", sf, fn, tn, early, late, tol))
            CHECKS.add("ONTIME", name, call("ONTIME", erp, *seg_args, fq, tq, early, late, R(colspec)),
                       native_delivery("ONTIME", sf, fn, tn, early, late, None))
            CHECKS.add("INFULL", name, call("INFULL", erp, *seg_args, fq, tq, tol, R(colspec)),
                       native_delivery("INFULL", sf, fn, tn, None, None, tol))
    # ONTIME / INFULL two-column layout chosen through Columns on the wide table
    CHECKS.add("ONTIME", "ERP Columns {6;8} (2 fields)", call("ONTIME", erp, erp_seg, "Globex", None, None, 1, 1,
                                                                R("{6;8}")),
               native_delivery("ONTIME", _plain("Globex"), None, None, 1, 1, None, layout=2))
    CHECKS.add("INFULL", "ERP Columns {5;7} (2 fields)", call("INFULL", erp, erp_seg, "Globex", None, None, 0.05,
                                                                R("{5;7}")),
               native_delivery("INFULL", _plain("Globex"), None, None, None, None, 0.05, layout=2))
    # an empty cell passed by reference arrives as 0: as a date that is "no date"; the documented
    # IF(ISBLANK(..);"";..) wrapper makes an empty Segment cell "not given"
    CHECKS.add("OTIF", "From = empty cell (no date)", call("OTIF", lines, segs, "Globex", R("$Aux.$C$1")),
               native_delivery("OTIF", _plain("Globex")))
    CHECKS.add("OTIF", "Segment = IF(ISBLANK(empty);\"\";..) (all rows)",
               call("OTIF", lines, segs, R('IF(ISBLANK($Aux.$C$1);"";$Aux.$C$1)'), None, DATE(2026, 6, 30)),
               native_delivery("OTIF", None, None, "DATE(2026;6;30)"))
    # From/To given as cell references
    CHECKS.add("OTIF", "From/To as cell references",
               call("OTIF", lines, segs, "Umbrella", R("$Aux.$B$1"), R("$Aux.$B$2"), None, 1),
               native_delivery("OTIF", _plain("Umbrella"), "$Aux.$B$1", "$Aux.$B$2", None, 1, None))


def build_quality_checks(rnd):
    counts = rng("Quality", "B:D", 2, LAST_Q)
    segs = rng("Quality", "A", 2, LAST_Q)
    A, B, C, D = (str(rng("Quality", c, 2, LAST_Q)) for c in "ABCD")

    def native_rft(sf, fn, tn):
        e = product([f"({C}>0)"] + ([sf(A)] if sf else []) + period_factor(D, fn, tn))
        return f"=SUMPRODUCT({e}*{B})/SUMPRODUCT({e}*{C})"

    for s in CUSTOMER_SEGMENTS + [None]:
        for p in (PERIODS[0], PERIODS[1], PERIODS[4]):
            sv, sf = s if s else (None, None)
            fq, tq, fn, tn = p
            seg_args = (segs, sv) if s else (None, None)
            CHECKS.add("RFT", f"seg={sv!r} period={fn},{tn}", call("RFT", counts, *seg_args, fq, tq),
                       native_rft(sf, fn, tn))
    # SUMIFS ratio for a plain customer
    for fn, tn in (("DATE(2026;1;1)", "DATE(2026;6;30)"), ("DATE(2026;5;1)", "DATE(2026;5;31)")):
        crit = f'{A};"Globex";{C};">0";{D};">="&{fn};{D};"<"&({tn}+1)'
        CHECKS.add("RFT", f"Globex {fn}..{tn} vs SUMIFS",
                   call("RFT", counts, segs, "Globex", R(fn), R(tn)),
                   f"=SUMIFS({B};{crit})/SUMIFS({C};{crit})")
    CHECKS.add("RFT", "all vs SUMIFS", call("RFT", counts), f'=SUMIFS({B};{C};">0")/SUMIFS({C};{C};">0")')
    wide = rng("Quality", "A:D", 2, LAST_Q)
    CHECKS.add("RFT", "Columns {2;3;4} with period", call("RFT", wide, segs, "Globex", DATE(2026, 2, 1),
                                                         DATE(2026, 8, 31), R("{2;3;4}")),
               native_rft(_plain("Globex"), "DATE(2026;2;1)", "DATE(2026;8;31)"))
    CHECKS.add("RFT", "Columns {2;3} (no Date field)", call("RFT", wide, segs, "acme", None, None, R("{2;3}")),
               native_rft(_key("acme"), None, None))
    CHECKS.add("RFT", "two columns Good, Inspected", call("RFT", rng("Quality", "B:C", 2, LAST_Q), segs, 1001),
               native_rft(_key("1001"), None, None))

    # RFTJOBS
    jobs = rng("Jobs", "B:C", 2, LAST_J)
    jsegs = rng("Jobs", "A", 2, LAST_J)
    JA, JB, JC = (str(rng("Jobs", c, 2, LAST_J)) for c in "ABC")
    yes = f'(ISNUMBER({JB})*({JB}=1)+ISTEXT({JB})*((LOWER({JB})="y")+(LOWER({JB})="yes")))'
    no = f'(ISNUMBER({JB})*({JB}=0)+ISTEXT({JB})*((LOWER({JB})="n")+(LOWER({JB})="no")))'
    for s in CUSTOMER_SEGMENTS + [None]:
        for p in (PERIODS[0], PERIODS[2], PERIODS[4]):
            sv, sf = s if s else (None, None)
            fq, tq, fn, tn = p
            seg_args = (jsegs, sv) if s else (None, None)
            e = product(([sf(JA)] if sf else []) + period_factor(JC, fn, tn))
            CHECKS.add("RFTJOBS", f"seg={sv!r} period={fn},{tn}", call("RFTJOBS", jobs, *seg_args, fq, tq),
                       f"=SUMPRODUCT({e}*{yes})/SUMPRODUCT({e}*({yes}+{no}))")

    def cif(crit, extra=""):
        return f"COUNTIFS({JB};{crit}{extra})"

    for extra, label in (("", "all"), (f';{JA};"Globex"', "Globex"),
                         (f';{JA};"Umbrella";{JC};">="&DATE(2026;3;1)', "Umbrella from March")):
        y = f'({cif(chr(34) + "y" + chr(34), extra)}+{cif(chr(34) + "yes" + chr(34), extra)}+{cif("1", extra)})'
        n = f'({cif(chr(34) + "n" + chr(34), extra)}+{cif(chr(34) + "no" + chr(34), extra)}+{cif("0", extra)})'
        args = {"all": (), "Globex": (jsegs, "Globex"),
                "Umbrella from March": (jsegs, "Umbrella", DATE(2026, 3, 1))}[label]
        CHECKS.add("RFTJOBS", f"{label} vs COUNTIFS", call("RFTJOBS", jobs, *args), f"={y}/({y}+{n})")

    # RTY vs PRODUCT
    for c in "ABCDEF":
        r = rng("Yields", c, 2, 9)
        CHECKS.add("RTY", f"column {c}", call("RTY", r), f"=PRODUCT({r})")
    r = rng("Yields", "A:F", 2, 9)
    CHECKS.add("RTY", "2-D block", call("RTY", r), f"=PRODUCT({r})")
    CHECKS.add("RTY", "inline array", "=RTY({0.99;0.985;0.999})", "=PRODUCT({0.99;0.985;0.999})")
    CHECKS.add("RTY", "single cell", "=RTY($Yields.$A$2)", "=PRODUCT($Yields.$A$2)")
    CHECKS.add("RTY", "with a 1 and a 0", "=RTY({1;0.9;0})", "=0")


def build_returns_checks(rnd):
    table = rng("Returns", "C:E", 2, LAST_R)
    segs = rng("Returns", "A", 2, LAST_R)
    A, C, D, E = (str(rng("Returns", c, 2, LAST_R)) for c in "ACDE")
    sites = [("North", _key("north")), ("south", _key("south")), ("East", _plain("East")), (" NORTH", _key("north"))]
    for s in sites + [None]:
        for p in PERIODS:
            sv, sf = s if s else (None, None)
            fq, tq, fn, tn = p
            seg_args = (segs, sv) if s else (None, None)
            e = product(([sf(A)] if sf else []) + period_factor(C, fn, tn))
            CHECKS.add("RETURNS", f"seg={sv!r} period={fn},{tn}",
                       call("RETURNS", table, *seg_args, fq, tq, R("{1;3}")), f"=SUMPRODUCT({e}*{E})")
    CHECKS.add("RETURNS", "East Q2 vs SUMIFS", call("RETURNS", table, segs, "East", DATE(2026, 4, 1),
                                                   DATE(2026, 6, 30), R("{1|3}")),
               f'=SUMIFS({E};{A};"East";{C};">="&DATE(2026;4;1);{C};"<"&(DATE(2026;6;30)+1))')
    CHECKS.add("RETURNS", "one column (Value only)", call("RETURNS", rng("Returns", "E", 2, LAST_R), segs, "South"),
               f'=SUMIFS({E};{A};"South")')
    CHECKS.add("RETURNS", "Date, Value columns", call("RETURNS", rng("Returns", "C:E", 2, LAST_R), None, None,
                                                      DATE(2026, 11, 1), None, R("{1;3}")),
               f'=SUMIFS({E};{C};">="&DATE(2026;11;1))')
    CHECKS.add("RETURNS", "nothing matches -> 0", call("RETURNS", table, segs, "Nowhere", None, None, R("{1;3}")),
               "=0")
    CHECKS.add("RETURNS", "segment exists, period empty -> 0",
               call("RETURNS", table, segs, "East", DATE(2027, 1, 1), None, R("{1;3}")), "=0")

    # REDUCTION and TARGETPATH vs arithmetic
    for k in range(20):
        b = round(rnd.uniform(1, 100000), 2)
        c = round(rnd.uniform(0, 2 * b), 2) if k else 0.0
        CHECKS.add("REDUCTION", f"{b} {c}", call("REDUCTION", b, c), f"=({b}-{c})/{b}")
    CHECKS.add("REDUCTION", "RETURNS(Q2) vs RETURNS(Q1)",
               call("REDUCTION", R(call("RETURNS", table, segs, "North", DATE(2026, 1, 1), DATE(2026, 3, 31),
                                        R("{1;3}"))),
                    R(call("RETURNS", table, segs, "North", DATE(2026, 4, 1), DATE(2026, 6, 30), R("{1;3}")))),
               f'=1-SUMPRODUCT({seg_key(A, "north")}*(INT({C})>=DATE(2026;4;1))*(INT({C})<=DATE(2026;6;30))*{E})/'
               f'SUMPRODUCT({seg_key(A, "north")}*(INT({C})>=DATE(2026;1;1))*(INT({C})<=DATE(2026;3;31))*{E})')
    for k in range(30):
        b = round(rnd.uniform(0, 1000), 3)
        t = round(rnd.uniform(0, 1000), 3)
        s = kd.Y2026 + rnd.randrange(-30, 200)
        e = s + rnd.randint(1, 400)
        a = rnd.choice([s - rnd.randint(1, 50), s, e, e + rnd.randint(1, 50), rnd.randint(s, e),
                        rnd.randint(s, e) + 0.75])
        CHECKS.add("TARGETPATH", f"{b} {t} {s} {e} {a}", call("TARGETPATH", b, t, s, e, a),
                   f"={b}+({t}-{b})*(MIN(MAX(INT({a});{s});{e})-{s})/({e}-{s})")
    CHECKS.add("TARGETPATH", "dates as DATE()",
               call("TARGETPATH", 120000, 60000, DATE(2026, 1, 1), DATE(2026, 12, 31), DATE(2026, 7, 1)),
               "=120000+(60000-120000)*(DATE(2026;7;1)-DATE(2026;1;1))/(DATE(2026;12;31)-DATE(2026;1;1))")

    # TURNAROUND / TURNAROUNDDAYS vs SUMPRODUCT / SMALL over helper columns F (elapsed, weekend 1 + holidays),
    # G (elapsed to AsOf, weekend 1 + holidays), H (elapsed, Sunday-only weekend, no holidays)
    tt = rng("Returns", "C:D", 2, LAST_R)
    F, G, H = (str(rng("Returns", c, 2, LAST_R)) for c in "FGH")
    configs = [  # (label, weekend qkpi, holidays qkpi, helper column)
        ("weekend default, Holidays", None, HOL, F),
        ("weekend 1, named range Holidays", 1, R("Holidays"), F),
        ('weekend "0000011", ISO text holidays', "0000011", HOL_ISO, F),
        ('weekend "0000001", no holidays', "0000001", None, H),
        ("weekend 11, no holidays", 11, None, H),
    ]
    tsegs = [("North", _key("north")), ("East", _plain("East")), ("SOUTH", _key("south")), None]
    combos = []
    for cfg in configs:
        combos.append((cfg, tsegs[0], PERIODS[0], 20, False))
    for s in tsegs:
        for days in (0, 5, 20):
            combos.append((configs[0], s, PERIODS[1], days, False))
    for p in PERIODS:
        combos.append((configs[0], tsegs[3], p, 10, False))
    for s in tsegs:
        combos.append((configs[0], s, PERIODS[0], 20, True))
        combos.append((configs[1], s, PERIODS[2], 15, True))
    for _ in range(10):
        p = rnd.choice(PERIODS)
        with_asof = rnd.random() < 0.4 and p[2] != "DATE(2026;12;1)"  # (no row received by AsOf)
        combos.append((rnd.choice(configs[:3]), rnd.choice(tsegs), p, rnd.choice([3, 10, 20, 25]), with_asof))
    for cfg, s, p, days, with_asof in combos:
        label, wk, hol, X = cfg
        sv, sf = s if s else (None, None)
        fq, tq, fn, tn = p
        seg_args = (segs, sv) if s else (None, None)
        asof = ASOF if with_asof else None
        name = f"{label} seg={sv!r} period={fn},{tn} days={days} asof={asof}"
        e = [f"({C}<>0)"] + ([sf(A)] if sf else []) + period_factor(C, fn, tn)
        closed = f"({D}<>0)"
        if with_asof:
            e.append(f"(INT({C})<={asof})")
            closed = f"({D}<>0)*(INT({D})<={asof})"
        e = product(e)
        if with_asof:
            num = f"SUMPRODUCT({e}*{closed}*({X}<={days}))"
            den = f"SUMPRODUCT({e}*({closed}+(1-{closed})*({G}>{days})))"
        else:
            num = f"SUMPRODUCT({e}*{closed}*({X}<={days}))"
            den = f"SUMPRODUCT({e}*{closed})"
        CHECKS.add("TURNAROUND", name, call("TURNAROUND", tt, *seg_args, fq, tq, days, wk, hol, asof),
                   f"={num}/{den}")
        for pct in (None, rnd.choice([0.5, 0.75, 0.8, 0.9, 0.95, 1, 0.33, 0.1])):
            P = 0.9 if pct is None else pct
            cond = f"{e}*{closed}"
            CHECKS.add("TURNAROUNDDAYS", f"{name} pct={pct}",
                       call("TURNAROUNDDAYS", tt, *seg_args, fq, tq, pct, wk, hol, asof),
                       f'=SMALL(IF({cond};{X};"");ROUNDUP({P}*SUMPRODUCT({cond});0))', array_native=True)
    CHECKS.add("TURNAROUND", "AsOf as ISO text", call("TURNAROUND", tt, segs, "East", None, None, 20, None, HOL,
                                                        "2026-10-15"),
               call("TURNAROUND", tt, segs, "East", None, None, 20, None, HOL, ASOF))
    # The spec's example, literally (Site in column A here; the spec's example has it in B)
    CHECKS.add("TURNAROUND", "spec example",
               f'=TURNAROUND($Returns.C2:D{kd.N_RETURNS + 1};$Returns.A2:A{kd.N_RETURNS + 1};"North";;;20;;'
               f'$Holidays.A2:A20)',
               f"=SUMPRODUCT({seg_key(A, 'north')}*({C}<>0)*({D}<>0)*({F}<=20))/"
               f"SUMPRODUCT({seg_key(A, 'north')}*({C}<>0)*({D}<>0))")
    CHECKS.add("TURNAROUND", "Columns {2;3} on B:D", call("TURNAROUND", rng("Returns", "B:D", 2, LAST_R), segs,
                                                           "East", None, None, 20, None, HOL, None, R("{2;3}")),
               f'=SUMPRODUCT(({A}="East")*({C}<>0)*({D}<>0)*({F}<=20))/SUMPRODUCT(({A}="East")*({C}<>0)*({D}<>0))')


def build_kpistatus_checks(rnd):
    cases = []
    for d in (None, "higher", "HIGHER", "Higher"):
        for amber in (None, 0.995):
            for a in (0.99, 0.995, 0.9951, 0.997, 0.998, 0.9985, 1, ""):
                cases.append((a, 0.998, d, amber))
    for d in ("lower", "Lower"):
        for amber in (None, 0.6):
            for a in (0.3, 0.5, 0.55, 0.6, 0.61, 0.9, ""):
                cases.append((a, 0.5, d, amber))
    cases.append((5, 5, "lower", 5))  # Amber on Target is allowed (no amber band)
    cases.append((5, 5, "higher", 5))
    for a, t, d, amber in cases:
        lower = d is not None and d.lower() == "lower"
        op = "<=" if lower else ">="
        if amber is None:
            inner = f'IF({lit(a)}{op}{t};"GREEN";"RED")'
        else:
            inner = f'IF({lit(a)}{op}{t};"GREEN";IF({lit(a)}{op}{amber};"AMBER";"RED"))'
        native = f'=IF({lit(a)}="";"GREY";{inner})' if a == "" else "=" + inner
        CHECKS.add("KPISTATUS", f"{a!r} {t} {d} {amber}", call("KPISTATUS", a, t, d, amber), native)
    # the spec's example with IFNA over a cell holding #N/A, and over a cell holding a value
    CHECKS.add("KPISTATUS", "spec example over #N/A", '=KPISTATUS(IFNA($Aux.$A$1;"");0.998;"higher";0.995)',
               '="GREY"')
    CHECKS.add("KPISTATUS", "spec example over RFT", '=KPISTATUS(IFNA($Aux.$A$2;"");0.998;"higher";0.995)',
               '=IF($Aux.$A$2>=0.998;"GREEN";IF($Aux.$A$2>=0.995;"AMBER";"RED"))')
    CHECKS.add("KPISTATUS", "over OTIF lower-is-better (late share)",
               '=KPISTATUS(1-IFNA($Aux.$A$3;"");0.05;"lower";0.1)',
               '=IF(1-$Aux.$A$3<=0.05;"GREEN";IF(1-$Aux.$A$3<=0.1;"AMBER";"RED"))')


# WORKDAYSELAPSED grid: pairs x weekend configurations, with and without holidays
WD_NUMBERS = [None] + list(range(1, 8)) + list(range(11, 18))
WD_ALL_MASKS = [format(m, "07b") for m in range(127)]  # every valid mask; "1111111" (127) is an error


def build_workdays(doc, rnd):
    sh = doc.getSheets().getByName("WD")
    pairs = []
    for k in range(120):
        s = kd.Y2026 - 20 + rnd.randrange(400)
        r = rnd.random()
        gap = 0 if r < 0.08 else rnd.randint(1, 10) if r < 0.6 else rnd.randint(11, 90) if r < 0.95 else \
            rnd.randint(91, 500)
        e = s + gap
        if k % 17 == 0:
            s, e = s + 0.7, e + 0.2 if gap else s + 0.9  # timestamps: whole days count
        pairs.append((s, e))
    # every weekend number with and without holidays; every mask without, some masks with holidays;
    # holidays as ISO text and as inline arrays
    configs = [(w, h) for w in WD_NUMBERS for h in (None, "range")]
    configs += [(m, None) for m in WD_ALL_MASKS]
    configs += [(m, "range") for m in ["0000011", "1000001", "0101010", "1111110", "0111111", "0010000"] +
                rnd.sample(WD_ALL_MASKS, 10)]
    configs += [(1, "iso"), ("0000011", "inline"), (None, "iso"), (7, "inline"), ("0110000", "iso")]
    sh.getCellRangeByPosition(0, 0, 1, len(pairs)).setDataArray((("Start", "End"),) + tuple(pairs))
    n = len(pairs)
    rows = []
    inline_q = '{"2026-12-25";"2026-1-6";46143;""}'
    inline_n = "{46381;46028;46143}"  # 2026-12-25, 2026-01-06, 2026-05-01
    for i in range(n):
        r = i + 2
        row = []
        for w, h in configs:
            hq = {None: None, "range": HOL, "iso": HOL_ISO, "inline": R(inline_q)}[h]
            hn = {None: "", "range": str(HOL), "iso": str(HOL), "inline": inline_n}[h]
            wn = "1" if w is None else lit(w)
            row.append("=" + call("WORKDAYSELAPSED", R(f"$A{r}"), R(f"$B{r}"), w, hq))
            args = f"INT($A{r})+1;INT($B{r});{wn}" + (f";{hn}" if hn else "")
            row.append(f"=IF(INT($B{r})=INT($A{r});0;NETWORKDAYS.INTL({args}))")
        rows.append(tuple(row))
    sh.getCellRangeByPosition(2, 1, 1 + 2 * len(configs), n).setFormulaArray(tuple(rows))
    # all-ones mask: qkpi says error (Calc's NETWORKDAYS.INTL says 0)
    c0 = 2 + 2 * len(configs)
    sh.getCellRangeByPosition(c0, 1, c0, n).setFormulaArray(
        tuple((f'=WORKDAYSELAPSED($A{i + 2};$B{i + 2};"1111111")',) for i in range(n)))
    WD.update(pairs=pairs, configs=configs, ncols=2 * len(configs), allones_col=c0)


def read_workdays(doc):
    sh = doc.getSheets().getByName("WD")
    n = len(WD["pairs"])
    data = sh.getCellRangeByPosition(2, 1, 1 + WD["ncols"], n).getDataArray()
    bad = []
    for i, row in enumerate(data):
        for j, (w, h) in enumerate(WD["configs"]):
            a, b = row[2 * j], row[2 * j + 1]
            if a is None or b is None or not office.close_enough(a, b):
                cq, cn = sh.getCellByPosition(2 + 2 * j, i + 1), sh.getCellByPosition(3 + 2 * j, i + 1)
                bad.append(f"pair {WD['pairs'][i]} weekend={w!r} holidays={h}: qkpi "
                           f"{office.cell_result(cq)} native {office.cell_result(cn)}\n    {cq.getFormula()}\n"
                           f"    {cn.getFormula()}")
    allones = []
    for i in range(n):
        c = sh.getCellByPosition(WD["allones_col"], i + 1)
        if c.getError() != office.ERR_502:
            allones.append(f"{c.getFormula()}: {office.cell_result(c)}, expected Err:502")
    return bad, allones, n * len(WD["configs"])


# Array formulas: SEGMENTS and the ...BY functions

def add_array(doc, sheet, col, row, nrows, ncols, formula):
    sh = doc.getSheets().getByName(sheet)
    r = sh.getCellRangeByPosition(col, row, col + ncols - 1, row + nrows - 1)
    r.setArrayFormula(formula)
    return r


def build_arrays(doc):
    sh = doc.getSheets().getByName("Arrays")
    col = 0
    # SEGMENTS over customers, sites
    cust_vals = [r[0] for r in DATA["Deliveries"][1]]
    exp = kd.segments_sorted(cust_vals)
    ARRAYS.append(("SEGMENTS customers", add_array(doc, "Arrays", col, 0, len(exp) + 2, 1,
                                                  "=SEGMENTS($Deliveries.A2:A20001)"), exp))
    col += 2
    site_vals = [r[0] for r in DATA["Returns"][1]]
    exp = kd.segments_sorted(site_vals)
    ARRAYS.append(("SEGMENTS sites", add_array(doc, "Arrays", col, 0, len(exp) + 2, 1,
                                              f"=SEGMENTS({rng('Returns', 'A', 2, LAST_R)})"), exp))
    col += 2
    # inline array and numbers
    ARRAYS.append(("SEGMENTS inline", add_array(doc, "Arrays", col, 0, 7, 1,
                                               '=SEGMENTS({"b"|"A"|3|"a"|" B"|1|""|"c "})'), [1, 3, "A", "b", "c"]))
    col += 2

    # ...BY: (label, by formula args, base fn, base formula builder(segment_ref or None), segment values, kind)
    D_L, D_S = rng("Deliveries", "D:G", 2, LAST_DEL), rng("Deliveries", "A", 2, LAST_DEL)
    Q_L, Q_S = rng("Quality", "B:D", 2, LAST_Q), rng("Quality", "A", 2, LAST_Q)
    J_L, J_S = rng("Jobs", "B:C", 2, LAST_J), rng("Jobs", "A", 2, LAST_J)
    R_L, R_S = rng("Returns", "C:E", 2, LAST_R), rng("Returns", "A", 2, LAST_R)
    T_L = rng("Returns", "C:D", 2, LAST_R)
    E_L, E_S = rng("ERP", "A:H", 2, LAST_DEL), rng("ERP", "C", 2, LAST_DEL)
    cust_d = cust_vals + [""] * T
    cust_q = [r[0] for r in DATA["Quality"][1]] + [""] * T
    cust_j = [r[0] for r in DATA["Jobs"][1]] + [""] * T
    sites = site_vals + [""] * T
    specs = [
        ("OTIFBY plain", "OTIFBY", "OTIF", D_L, D_S, [], cust_d),
        ("OTIFBY period+options", "OTIFBY", "OTIF", D_L, D_S,
         [DATE(2026, 1, 1), DATE(2026, 6, 30), 1, 2, 0.02], cust_d),
        ("OTIFBY ERP Columns", "OTIFBY", "OTIF", E_L, E_S, [None, DATE(2026, 9, 30), None, 1, None, R("{6;8;5;7}")],
         cust_d),
        ("RFTBY plain", "RFTBY", "RFT", Q_L, Q_S, [], cust_q),
        ("RFTBY period", "RFTBY", "RFT", Q_L, Q_S, [DATE(2026, 3, 1), DATE(2026, 5, 31)], cust_q),
        ("RFTJOBSBY from April", "RFTJOBSBY", "RFTJOBS", J_L, J_S, [DATE(2026, 4, 1)], cust_j),
        ("RETURNSBY Columns", "RETURNSBY", "RETURNS", R_L, R_S, [None, None, R("{1;3}")], sites),
        ("RETURNSBY customers H2", "RETURNSBY", "RETURNS", R_L, rng("Returns", "B", 2, LAST_R),
         [DATE(2026, 7, 1), DATE(2026, 12, 31), R("{1;3}")], [r[1] for r in DATA["Returns"][1]] + [""] * T),
        ("TURNAROUNDBY holidays", "TURNAROUNDBY", "TURNAROUND", T_L, R_S, [None, None, 20, None, HOL], sites),
        ("TURNAROUNDBY AsOf", "TURNAROUNDBY", "TURNAROUND", T_L, R_S,
         [DATE(2026, 1, 1), None, 10, "0000011", HOL, ASOF], sites),
    ]
    for label, by, base, table, segs, rest, segvals in specs:
        exp = kd.segments_sorted(segvals)
        keys = [kd.segment_key(v) for v in segvals]
        counts = [sum(1 for k in keys if k == kd.segment_key(e)) for e in exp]
        nblank = sum(1 for k in keys if k == "")
        nrows = len(exp) + (1 if nblank else 0) + 1
        ncols = 4 if by == "RETURNSBY" else 6
        rr = add_array(doc, "Arrays", col, 0, nrows + 2, ncols, "=" + call(by, table, segs, *rest))
        # base function per row, in the column right of the array
        bc = col + ncols
        forms = []
        for i in range(nrows + 2):
            ref = R(f"${office.col_name(col)}${i + 1}")
            if i < len(exp):
                forms.append(("=" + call("IFNA", R(call(base, table, segs, ref, *rest)), ""),))
            elif i == nrows - 1:
                forms.append(("=" + call("IFNA", R(call(base, table, segs, None, *rest)), ""),))
            else:
                forms.append(("",))
        sh.getCellRangeByPosition(bc, 0, bc, nrows + 1).setFormulaArray(tuple(forms))
        ARRAYS.append((label, rr, dict(by=by, expected=exp, counts=counts, nblank=nblank, nrows=nrows, ncols=ncols,
                                       base_col=bc, col=col, total=len(segvals))))
        col += ncols + 2


# A second document with NullDate 1904-01-01: weekdays and ISO text dates depend on the document's NullDate,
# which the add-in reads through its hidden XPropertySet parameter.
DOC1904 = None
CHECKS1904 = CheckSheet()
SHIFT_1904 = 1462  # serial(1899-12-30 based) - serial(1904-01-01 based)


def build_nulldate_doc(o, rnd):
    global DOC1904
    from com.sun.star.util import Date as UnoDate

    DOC1904 = o.new_calc()
    nd = UnoDate()
    nd.Day, nd.Month, nd.Year = 1, 1, 1904
    DOC1904.setPropertyValue("NullDate", nd)
    header, rows = DATA["Deliveries"]
    shifted = [[r[0], r[1], r[2]] + [v - SHIFT_1904 if isinstance(v, (int, float)) and v else v for v in r[3:5]] +
               r[5:] for r in rows]
    sheets = DOC1904.getSheets()
    sheets.getByIndex(0).setName("Deliveries")
    kd.write_table(sheets.getByName("Deliveries"), header, shifted)
    sheets.insertNewByName("Holidays", 1)
    hol = [[h - SHIFT_1904 if h != "" else "", iso] for h, iso in DATA["Holidays"][1]]
    kd.write_table(sheets.getByName("Holidays"), DATA["Holidays"][0], hol)
    sheets.insertNewByName("WD", 2)
    wd = sheets.getByName("WD")
    pairs = []
    for _ in range(80):
        st = kd.Y2026 - SHIFT_1904 - 10 + rnd.randrange(380)
        pairs.append((st, st + rnd.choice([0, 1, 2, 3, 5, 8, 13, 30, 70])))
    wd.getCellRangeByPosition(0, 0, 1, len(pairs) - 1).setDataArray(tuple(pairs))
    for i in range(len(pairs)):
        r = i + 1
        for w in (None, 1, 2, 7, 11, 17, "0000011", "1000001"):
            wn = "1" if w is None else lit(w)
            for hq, hn in ((None, ""), (HOL, f";{HOL}"), (HOL_ISO, f";{HOL}")):
                CHECKS1904.add("NULLDATE", f"1904: pair {pairs[i]} weekend={w!r} holidays={hq}",
                               call("WORKDAYSELAPSED", R(f"$WD.$A${r}"), R(f"$WD.$B${r}"), w, hq),
                               f"=IF($WD.$B${r}=$WD.$A${r};0;NETWORKDAYS.INTL($WD.$A${r}+1;$WD.$B${r};{wn}{hn}))")
    lines, segs = rng("Deliveries", "D:G", 2, LAST_DEL), rng("Deliveries", "A", 2, LAST_DEL)
    for fq, tq, fn, tn in PERIODS[1:]:
        CHECKS1904.add("NULLDATE", f"1904: OTIF period {fq},{tq}", call("OTIF", lines, segs, "Globex", fq, tq, 1, 1),
                       native_delivery("OTIF", _plain("Globex"), fn, tn, 1, 1, None))
    CHECKS1904.add("NULLDATE", "1904: TARGETPATH with ISO dates",
                   call("TARGETPATH", 100, 50, "2026-01-01", "2026-12-31", "2026-07-02"),
                   "=100+(50-100)*(DATE(2026;7;2)-DATE(2026;1;1))/(DATE(2026;12;31)-DATE(2026;1;1))")
    CHECKS1904.write(DOC1904)
    DOC1904.calculateAll()
    CHECKS1904.read()


def setUpModule():
    global DOC
    t0 = time.monotonic()
    o = office.setup_module_office()
    DOC = o.new_calc()
    DOC.setPropertyValue("IgnoreCase", False)  # native `=` compares case-sensitively (segment keys use LOWER)
    kd.write_data(DOC, DATA)
    sheets = DOC.getSheets()
    for name in ("Yields", "Aux", "WD", "Arrays"):
        sheets.insertNewByName(name, sheets.getCount())
    rnd = random.Random(SEED + 1)
    # Yields: 8 rows x 6 columns, some blanks
    y = [[("" if rnd.random() < 0.2 else round(rnd.uniform(0.9, 1.0), 4)) for _ in range(6)] for _ in range(8)]
    y[0][0] = 0.987
    kd.write_table(sheets.getByName("Yields"), list("ABCDEF"), y)
    # Returns helper columns F, G, H (see build_returns_checks)
    rs = sheets.getByName("Returns")
    forms = []
    for i in range(kd.N_RETURNS):
        r = i + 2
        forms.append((
            f"=IF(OR(C{r}=0;D{r}=0);-1;IF(INT(D{r})=INT(C{r});0;NETWORKDAYS.INTL(INT(C{r})+1;INT(D{r});1;{HOL})))",
            f"=IF(C{r}=0;-1;IF(INT(C{r})>={ASOF};0;NETWORKDAYS.INTL(INT(C{r})+1;{ASOF};1;{HOL})))",
            f'=IF(OR(C{r}=0;D{r}=0);-1;IF(INT(D{r})=INT(C{r});0;NETWORKDAYS.INTL(INT(C{r})+1;INT(D{r});"0000001")))',
        ))
    rs.getCellRangeByPosition(5, 1, 7, kd.N_RETURNS).setFormulaArray(tuple(forms))
    # Aux cells
    aux = sheets.getByName("Aux")
    aux.getCellRangeByName("A1:B3").setFormulaArray((
        ("=" + call("OTIF", rng("Deliveries", "D:G", 2, LAST_DEL), rng("Deliveries", "A", 2, LAST_DEL), "Nobody"),
         f"={DATE(2026, 2, 1)}"),
        ("=" + call("RFT", rng("Quality", "B:D", 2, LAST_Q), rng("Quality", "A", 2, LAST_Q), "Globex"),
         f"={DATE(2026, 8, 31)}"),
        ("=" + call("OTIF", rng("Deliveries", "D:G", 2, LAST_DEL)), ""),
    ))
    build_delivery_checks(rnd)
    build_quality_checks(rnd)
    build_returns_checks(rnd)
    build_kpistatus_checks(rnd)
    CHECKS.write(DOC)
    build_workdays(DOC, rnd)
    build_arrays(DOC)
    t1 = time.monotonic()
    DOC.calculateAll()
    t2 = time.monotonic()
    CHECKS.read()
    build_nulldate_doc(o, rnd)
    print(f"[test_functions] {len(CHECKS.checks)} checks + {len(WD['pairs']) * len(WD['configs'])} "
          f"WORKDAYSELAPSED pairs; build {t1 - t0:.1f} s (office start included), calculateAll {t2 - t1:.1f} s",
          file=sys.stderr, flush=True)


def tearDownModule():
    global DOC, DOC1904
    for d in (DOC, DOC1904):
        if d is not None:
            office.Office.close(d)
    DOC = DOC1904 = None
    office.teardown_module_office()


class FunctionsVsNative(unittest.TestCase):
    def check_group(self, group):
        n = CHECKS.count(group)
        self.assertGreater(n, 0, f"no checks for {group}")
        msgs = CHECKS.failures(group)
        self.assertFalse(msgs, f"{group}: {failure_report(msgs)} (of {n} checks)")

    def test_otif(self):
        self.check_group("OTIF")

    def test_ontime(self):
        self.check_group("ONTIME")

    def test_infull(self):
        self.check_group("INFULL")

    def test_rft(self):
        self.check_group("RFT")

    def test_rftjobs(self):
        self.check_group("RFTJOBS")

    def test_rty(self):
        self.check_group("RTY")

    def test_returns(self):
        self.check_group("RETURNS")

    def test_reduction(self):
        self.check_group("REDUCTION")

    def test_targetpath(self):
        self.check_group("TARGETPATH")

    def test_turnaround(self):
        self.check_group("TURNAROUND")

    def test_turnarounddays(self):
        self.check_group("TURNAROUNDDAYS")

    def test_kpistatus(self):
        self.check_group("KPISTATUS")

    def test_document_nulldate_1904(self):
        n = CHECKS1904.count("NULLDATE")
        self.assertGreater(n, 0)
        msgs = CHECKS1904.failures("NULLDATE")
        self.assertFalse(msgs, f"NullDate 1904 document: {failure_report(msgs)} (of {n} checks)")

    def test_workdayselapsed(self):
        bad, allones, total = read_workdays(DOC)
        self.assertFalse(bad, f"WORKDAYSELAPSED vs NETWORKDAYS.INTL(Start+1;End;...): {failure_report(bad)} "
                              f"(of {total})")
        self.assertFalse(allones, f'mask "1111111" must give Err:502: {failure_report(allones)}')

    def test_segments(self):
        for label, rr, exp in ARRAYS:
            if not label.startswith("SEGMENTS"):
                continue
            with self.subTest(label):
                got = [office.cell_result(rr.getCellByPosition(0, i)) for i in range(len(exp) + 2)]
                want = [("value", float(v)) if isinstance(v, (int, float)) else ("text", v) for v in exp]
                self.assertEqual(got[:len(exp)], want, f"{label}: {rr.getCellByPosition(0, 0).getFormula()}")
                self.assertEqual(got[len(exp):], [("error", office.ERR_NA)] * 2,
                                 f"{label}: cells beyond the result must be #N/A")

    def test_by_functions(self):
        msgs = []
        nby = 0
        for label, rr, info in ARRAYS:
            if isinstance(info, list):
                continue
            nby += 1
            sh = rr.getSpreadsheet()
            exp, nrows, ncols = info["expected"], info["nrows"], info["ncols"]
            rows = [[office.cell_result(rr.getCellByPosition(c, r)) for c in range(ncols)] for r in range(nrows + 2)]
            base = [office.cell_result(sh.getCellByPosition(info["base_col"], r)) for r in range(nrows)]
            formula = rr.getCellByPosition(0, 0).getFormula()
            labels = [("value", float(v)) if isinstance(v, (int, float)) else ("text", v) for v in exp]
            if info["nblank"]:
                labels.append(("text", "(blank)"))
            labels.append(("text", "(all)"))
            got_labels = [r[0] for r in rows[:nrows]]
            if got_labels != labels:
                msgs.append(f"{label}: segment column {got_labels} != expected {labels}\n    {formula}")
                continue
            for r in rows[nrows:]:
                if any(c != ("error", office.ERR_NA) for c in r):
                    msgs.append(f"{label}: cells beyond the result must be #N/A, got {r}")
                    break
            counts = info["counts"] + ([info["nblank"]] if info["nblank"] else []) + [info["total"]]
            for i in range(nrows):
                row = rows[i]
                if row[1] != ("value", float(counts[i])):
                    msgs.append(f"{label} row {i} {row[0]}: rows in segment {row[1]} != {counts[i]}")
                if any(c[0] != "value" for c in row[1:ncols - (0 if info["by"] == "RETURNSBY" else 1)]):
                    msgs.append(f"{label} row {i}: non-numeric counts {row}")
                    continue
                if row[2][1] > row[1][1]:
                    msgs.append(f"{label} row {i}: rows used {row[2][1]} > rows in segment {row[1][1]}")
                value = row[ncols - 1]
                if info["by"] == "RETURNSBY":
                    pass
                elif row[4][1] == 0:
                    if value != ("text", ""):
                        msgs.append(f"{label} row {i}: denominator 0 but value {value}")
                elif value[0] != "value" or not office.close_enough(value[1], row[3][1] / row[4][1], 1e-12):
                    msgs.append(f"{label} row {i}: value {value} != numerator/denominator {row[3][1]}/{row[4][1]}")
                if info["nblank"] and i == nrows - 2:
                    continue  # "(blank)": no base-function equivalent
                b = base[i]
                if b[0] == "text" and b[1] == "":
                    ok = value == ("text", "")
                else:
                    ok = value[0] == "value" and b[0] == "value" and office.close_enough(value[1], b[1])
                if not ok:
                    bf = sh.getCellByPosition(info["base_col"], i).getFormula()
                    msgs.append(f"{label} row {i} {row[0]}: BY value {value} != base {b}\n    {formula}\n    {bf}")
        self.assertGreater(nby, 0)
        self.assertFalse(msgs, failure_report(msgs))


if __name__ == "__main__":
    office.main()
