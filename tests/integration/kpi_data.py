"""Seeded synthetic data for the qkpi integration tests (not a test module).

`make_data(seed)` builds the rows in Python; `write_data(doc, data)` writes them
into a Calc document (one sheet per table) with setDataArray ("" = empty cell,
never None). Dates are Calc serials of the default NullDate (1899-12-30).

Customers deliberately include names that differ only in case or white space
("ACME", " acme", "Acme<NBSP>", "acme "), an EM-SPACE-prefixed "Initech", a
numeric 1001 beside the text "1001", upper/lower-case non-ASCII names, and blank
(empty or white-space-only) customers.
"""

from __future__ import annotations

import datetime as _dt
import random

DAY0 = _dt.date(1899, 12, 30)


def serial(y: int, m: int, d: int) -> int:
    return (_dt.date(y, m, d) - DAY0).days


Y2026 = serial(2026, 1, 1)  # 46023

# (value as written, weight). The first Deliveries row is 1001 (a number), so the
# "1001" segment is first written as a number.
CUSTOMERS = [
    ("ACME", 12), (" acme", 4), ("Acme\u00a0", 3), ("acme ", 2),
    ("Globex", 15), ("Initech", 8), ("\u2003Initech", 2),
    (1001, 6), ("1001", 4),
    ("Müller GmbH", 6), ("MÜLLER GMBH", 2),
    ("Umbrella", 10),
    ("", 3), ("   ", 1),
]
SITES = [("North", 40), (" north", 2), ("NORTH", 1), ("South", 30), ("East", 25), ("", 2)]

HOLIDAYS = [
    (2026, 1, 1), (2026, 1, 6), (2026, 4, 3), (2026, 4, 6), (2026, 5, 1), (2026, 5, 14), None,
    (2026, 5, 25), (2026, 6, 4), (2026, 10, 3), (2026, 11, 1), (2026, 5, 1), (2026, 12, 24),
    (2026, 12, 25), (2026, 12, 26), (2026, 12, 31),
]
HOLIDAY_ROWS = 19  # Holidays.A2:A20 (trailing cells empty)

N_DELIVERIES = 3000
N_QUALITY = 1500
N_JOBS = 1500
N_RETURNS = 900
TRAILING = 200  # empty rows included at the end of every table range


def segment_key(v):
    """The spec's segment key: numbers as shortest decimal text, text trimmed (Unicode WS) and case-folded."""
    if isinstance(v, bool):
        v = float(v)
    if isinstance(v, (int, float)):
        f = float(v)
        return str(int(f)) if f == int(f) else repr(f)
    return v.strip().lower()


def segments_sorted(values):
    """Expected SEGMENTS result: distinct keys, numbers first (ascending), then text by key; each shown as
    first written, text trimmed of white space (the add-in trims the label: "acme " -> "acme")."""
    first = {}
    for v in values:
        k = segment_key(v)
        if k == "":
            continue
        first.setdefault(k, v.strip() if isinstance(v, str) else v)
    nums = sorted((v for v in first.values() if isinstance(v, (int, float))), key=float)
    texts = sorted((v for v in first.values() if not isinstance(v, (int, float))), key=segment_key)
    return nums + texts


def _pick(rnd, pool):
    vals, w = zip(*pool)
    return rnd.choices(vals, weights=w)[0]


def make_data(seed: int = 20260101):
    rnd = random.Random(seed)
    data = {}

    # ---- Deliveries: Customer, Order, Line, Due, Delivered, OrderedQty, DeliveredQty
    rows = []
    period_ends = [serial(2026, 3, 31), serial(2026, 6, 30), serial(2026, 12, 31)]
    for i in range(N_DELIVERIES):
        cust = 1001 if i == 0 else _pick(rnd, CUSTOMERS)
        order = f"SO-{100000 + i // 3}"
        line = i % 3 + 1
        due = Y2026 + rnd.randrange(365)
        near_end = any(0 <= pe - due <= 6 for pe in period_ends)
        p_open = 0.35 if near_end else 0.03
        r = rnd.random()
        if r < 0.15:
            ordered = 50 * rnd.randint(1, 10)
        elif r < 0.17:
            ordered = 0
        else:
            ordered = rnd.randint(1, 400)
        if rnd.random() < p_open:
            delivered, dqty = "", rnd.choice(["", 0])
        else:
            r = rnd.random()
            if r < 0.12:
                off = -rnd.randint(1, 6)
            elif r < 0.77:
                off = 0
            elif r < 0.87:
                off = rnd.randint(1, 2)
            else:
                off = rnd.randint(3, 15)
            delivered = due + off
            if rnd.random() < 0.1:
                delivered += 0.625  # an ERP timestamp, 15:00
            r = rnd.random()
            if ordered % 50 == 0 and ordered and r < 0.35:
                dqty = ordered * 49 // 50 if r < 0.25 else ordered * 49 // 50 - 1  # at / below 2 % tolerance
            elif r < 0.80:
                dqty = ordered
            elif r < 0.90:
                dqty = max(0, ordered - rnd.randint(1, max(1, ordered // 3)))
            else:
                dqty = ordered + rnd.randint(1, 20)
        if rnd.random() < 0.1:
            due = due + 0.25  # a timestamp on the due day
        if rnd.random() < 0.015:
            due = ""
        rows.append([cust, order, line, due, delivered, ordered, dqty])
    data["Deliveries"] = (["Customer", "Order", "Line", "Due", "Delivered", "OrderedQty", "DeliveredQty"], rows)
    # The same lines as an ERP export: Order, Line, Customer, Item, OrderedQty, Due, DeliveredQty, Delivered
    erp = [[r[1], r[2], r[0], f"ITEM-{(k * 7919) % 500:03d}", r[5], r[3], r[6], r[4]] for k, r in enumerate(rows)]
    data["ERP"] = (["Order", "Line", "Customer", "Item", "OrderedQty", "Due", "DeliveredQty", "Delivered"], erp)

    # ---- Quality: Customer, Good, Inspected, Date
    rows = []
    for i in range(N_QUALITY):
        cust = 1001 if i == 0 else _pick(rnd, CUSTOMERS)
        r = rnd.random()
        if r < 0.03:
            good, insp = "", ""
        elif r < 0.05:
            good, insp = rnd.choice(["", 0]), 0
        else:
            insp = rnd.randint(20, 2000)
            defects = 0 if rnd.random() < 0.7 else rnd.randint(1, max(1, insp // 80))
            good = insp - defects
        date = Y2026 + rnd.randrange(365)
        if rnd.random() < 0.1:
            date += 0.4
        if rnd.random() < 0.01:
            date = ""
        rows.append([cust, good, insp, date])
    data["Quality"] = (["Customer", "Good", "Inspected", "Date"], rows)

    # ---- Jobs: Customer, Outcome, Date.  Outcome "TRUE"/"FALSE" here mark cells that get =TRUE()/=FALSE().
    codes = [("Y", 30), ("y", 5), ("yes", 6), ("Yes", 3), ("YES", 1), (1, 15), ("TRUE", 4),
             ("N", 3), ("n", 1), ("no", 2), ("No", 1), (0, 2), ("FALSE", 1), ("", 4)]
    rows = []
    for i in range(N_JOBS):
        cust = 1001 if i == 0 else _pick(rnd, CUSTOMERS)
        outcome = _pick(rnd, codes)
        date = Y2026 + rnd.randrange(365)
        if rnd.random() < 0.01:
            date = ""
        rows.append([cust, outcome, date])
    data["Jobs"] = (["Customer", "Outcome", "Date"], rows)

    # ---- Returns: Site, Customer, Received, Closed, Value
    rows = []
    for i in range(N_RETURNS):
        site = "North" if i == 0 else _pick(rnd, SITES)
        cust = _pick(rnd, CUSTOMERS)
        received = Y2026 + rnd.randrange(365)
        late_in_year = received > serial(2026, 11, 15)
        r = rnd.random()
        if r < (0.4 if late_in_year else 0.06):
            closed = ""
        else:
            r = rnd.random()
            if r < 0.05:
                gap = 0
            elif r < 0.75:
                gap = rnd.randint(1, 28)
            else:
                gap = rnd.randint(29, 60)
            closed = received + gap
            if rnd.random() < 0.1:
                closed += 0.75
        if rnd.random() < 0.1:
            received += 0.5 if closed == "" or int(closed) > received else 0.25
        if rnd.random() < 0.01:
            received, closed = "", ""
        value = round(rnd.uniform(20, 4000), 2)
        rows.append([site, cust, received, closed, value])
    data["Returns"] = (["Site", "Customer", "Received", "Closed", "Value"], rows)

    # ---- Holidays: A date serials (one blank, one duplicate, some on weekends), B the same as ISO text
    hrows = []
    for h in HOLIDAYS:
        if h is None:
            hrows.append(["", ""])
        else:
            hrows.append([serial(*h), f"{h[0]}-{h[1]}-{h[2]}" if h[1] < 10 and h[2] < 10 else
                          f"{h[0]:04d}-{h[1]:02d}-{h[2]:02d}"])
    data["Holidays"] = (["Holiday", "HolidayISO"], hrows)
    return data


def pad(rows, width):
    return [list(r) + [""] * (width - len(r)) for r in rows]


def write_table(sheet, header, rows, first_row=0, first_col=0):
    """Writes header + rows with setDataArray; returns the 1-based last data row."""
    width = len(header)
    block = [list(header)] + [["" if v is None else v for v in r] for r in pad(rows, width)]
    rng = sheet.getCellRangeByPosition(first_col, first_row, first_col + width - 1, first_row + len(block) - 1)
    rng.setDataArray(tuple(tuple(r) for r in block))
    return first_row + len(block)


def write_data(doc, data, with_named_range=True):
    """One sheet per table, in a fixed order; TRUE/FALSE outcome codes become boolean formulas."""
    sheets = doc.getSheets()
    names = ["Deliveries", "ERP", "Quality", "Jobs", "Returns", "Holidays"]
    for k, name in enumerate(names):
        if k == 0:
            sh = sheets.getByIndex(0)
            sh.setName(name)
        else:
            sheets.insertNewByName(name, k)
    for name in names:
        header, rows = data[name]
        sh = sheets.getByName(name)
        if name == "Jobs":
            plain = [[c, "" if o in ("TRUE", "FALSE") else o, d] for c, o, d in rows]
            write_table(sh, header, plain)
            for i, (_, o, _) in enumerate(rows):
                if o in ("TRUE", "FALSE"):
                    sh.getCellByPosition(1, i + 1).setFormula(f"={o}()")
        else:
            write_table(sh, header, rows)
    if with_named_range:
        from com.sun.star.table import CellAddress

        addr = CellAddress()
        addr.Sheet = 0
        doc.NamedRanges.addNewByName("Holidays", f"$Holidays.$A$2:$A${HOLIDAY_ROWS + 1}", addr, 0)
    return sheets
