#!/usr/bin/python3
"""Generates the synthetic sample workbook tests/data/sample.ods (seeded, deterministic data).

    /usr/bin/python3 tests/data/make_sample.py [--out tests/data/sample.ods] [--seed 2026]

Sheets (row 1 = headers, data from row 2):
  Deliveries  Customer, Order, Line, Due, Delivered, OrderedQty, DeliveredQty
              5 customers, order lines due in 2026 (~20 000 lines); OTIF 90-97 % per customer
  Quality     Customer, Good, Inspected, Date   (one row per inspected batch; RFT 99.5-99.9 %)
  Returns     Site, Customer, Received, Closed, Value   (sites North/South/East; 2025 = baseline year,
              2026 lower; some returns still open at the end)
  Holidays    Holiday, Name   (2025 and 2026; named range `Holidays`)
Dates carry a date format, headers a bold style, columns sensible widths. The data are synthetic and
plausible, not real. Runs its own headless soffice (no extension needed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "integration"))

import office  # noqa: E402
import uno  # noqa: E402

DAY0 = dt.date(1899, 12, 30)


def serial(d: dt.date) -> int:
    return (d - DAY0).days


def to_date(s: int) -> dt.date:
    return DAY0 + dt.timedelta(days=int(s))


HOLIDAYS = [
    ("2025-01-01", "New Year's Day"), ("2025-04-18", "Good Friday"), ("2025-04-21", "Easter Monday"),
    ("2025-05-01", "Labour Day"), ("2025-05-29", "Ascension Day"), ("2025-06-09", "Whit Monday"),
    ("2025-10-03", "Day of German Unity"), ("2025-12-24", "Christmas Eve"), ("2025-12-25", "Christmas Day"),
    ("2025-12-26", "Boxing Day"), ("2025-12-31", "New Year's Eve"),
    ("2026-01-01", "New Year's Day"), ("2026-04-03", "Good Friday"), ("2026-04-06", "Easter Monday"),
    ("2026-05-01", "Labour Day"), ("2026-05-14", "Ascension Day"), ("2026-05-25", "Whit Monday"),
    ("2026-10-03", "Day of German Unity"), ("2026-12-24", "Christmas Eve"), ("2026-12-25", "Christmas Day"),
    ("2026-12-26", "Boxing Day"), ("2026-12-31", "New Year's Eve"),
]

# customer: (share of lines, on-time probability, in-full probability, defect rate)
CUSTOMERS = {
    "ACME Corp": (0.30, 0.975, 0.990, 0.0012),
    "Globex": (0.22, 0.960, 0.985, 0.0025),
    "Initech": (0.18, 0.945, 0.975, 0.0040),
    "Müller GmbH": (0.17, 0.985, 0.992, 0.0008),
    "Umbrella Ltd": (0.13, 0.930, 0.970, 0.0048),
}
# site: (returns per year 2025, value scale, reduction reached in 2026, closed within 20 working days)
SITES = {
    "North": (260, 1.00, 0.55, 0.93),
    "South": (200, 0.85, 0.42, 0.87),
    "East": (150, 1.20, 0.50, 0.90),
}


def workdays_after(start: int, n: int, holidays: set) -> int:
    """The date n working days (Mon-Fri, not a holiday) after `start`."""
    d = start
    while n > 0:
        d += 1
        if to_date(d).weekday() < 5 and d not in holidays:
            n -= 1
    return d


def make(seed: int):
    rnd = random.Random(seed)
    hol = {serial(dt.date.fromisoformat(h)) for h, _ in HOLIDAYS}
    y0, y1 = serial(dt.date(2026, 1, 1)), serial(dt.date(2026, 12, 31))
    workdays = [d for d in range(y0, y1 + 1) if to_date(d).weekday() < 5 and d not in hol]
    names = list(CUSTOMERS)
    weights = [CUSTOMERS[c][0] for c in names]

    # ---- Deliveries: orders of 1-4 lines, due on working days of 2026
    deliveries = []
    order = 4500000
    while len(deliveries) < 20000:
        order += 1
        cust = rnd.choices(names, weights)[0]
        _, p_ontime, p_infull, _ = CUSTOMERS[cust]
        due = rnd.choice(workdays)
        for line in range(1, rnd.choice([1, 1, 2, 2, 3, 4]) + 1):
            qty = rnd.choice([10, 20, 25, 40, 50, 60, 80, 100, 120, 150, 200, 250, 500, 1000])
            if due > y1 - 10 and rnd.random() < 0.5:  # the last orders of the year are not delivered yet
                deliveries.append([cust, order, line, due, "", qty, ""])
                continue
            if rnd.random() < p_ontime:
                delivered = due - (rnd.choice([1, 2]) if rnd.random() < 0.15 else 0)
            else:
                delivered = due + rnd.choice([1, 1, 1, 2, 2, 3, 5, 8])
            if rnd.random() < p_infull:
                dqty = qty
            else:
                dqty = qty - max(1, int(qty * rnd.uniform(0.02, 0.3)))
            deliveries.append([cust, order, line, due, delivered, qty, dqty])

    # ---- Quality: one row per inspected batch
    quality = []
    for d in workdays:
        for cust in names:
            if rnd.random() < CUSTOMERS[cust][0] * 6:
                insp = rnd.choice([200, 250, 400, 500, 800, 1000, 1200, 1500, 2000])
                rate = CUSTOMERS[cust][3]
                defects = sum(1 for _ in range(insp // 50) if rnd.random() < rate * 50)
                quality.append([cust, insp - min(defects, insp), insp, d])

    # ---- Returns: 2025 (baseline) and 2026
    returns = []
    for year, start, end in ((2025, serial(dt.date(2025, 1, 1)), serial(dt.date(2025, 12, 31))), (2026, y0, y1)):
        for site, (n, scale, reduction, p20) in SITES.items():
            count = n if year == 2025 else int(n * (1 - reduction * 0.6))
            value_scale = scale if year == 2025 else scale * (1 - reduction) / (1 - reduction * 0.6)
            for _ in range(count):
                rec = rnd.randint(start, end)
                while to_date(rec).weekday() >= 5:
                    rec += 1
                cust = rnd.choices(names, weights)[0]
                value = round(rnd.lognormvariate(5.8, 0.9) * value_scale, 2)
                wd = rnd.randint(1, 20) if rnd.random() < p20 else rnd.randint(21, 45)
                closed = workdays_after(rec, wd, hol)
                if closed > y1 or (year == 2026 and rec > y1 - 25 and rnd.random() < 0.5):
                    closed = ""
                returns.append([site, cust, rec, closed, value])
    returns.sort(key=lambda r: (r[2], r[0]))
    holidays = [[serial(dt.date.fromisoformat(h)), name] for h, name in HOLIDAYS]
    return deliveries, quality, returns, holidays


def number_format(doc, code):
    from com.sun.star.lang import Locale

    nf = doc.getNumberFormats()
    loc = Locale("en", "US", "")
    key = nf.queryKey(code, loc, False)
    return key if key != -1 else nf.addNew(code, loc)


def write_sheet(doc, sheet, header, rows, widths_cm, formats):
    """formats: {column index: number format code}."""
    n = len(rows)
    block = (tuple(header),) + tuple(tuple(r) for r in rows)
    sheet.getCellRangeByPosition(0, 0, len(header) - 1, n).setDataArray(block)
    head = sheet.getCellRangeByPosition(0, 0, len(header) - 1, 0)
    head.setPropertyValue("CharWeight", 150.0)  # bold
    head.setPropertyValue("CellBackColor", 0xDCE6F1)
    head.setPropertyValue("HoriJustify", uno.Enum("com.sun.star.table.CellHoriJustify", "CENTER"))
    cols = sheet.getColumns()
    for i, w in enumerate(widths_cm):
        cols.getByIndex(i).setPropertyValue("Width", int(w * 1000))
    for c, code in formats.items():
        sheet.getCellRangeByPosition(c, 1, c, max(1, n)).setPropertyValue("NumberFormat", number_format(doc, code))


def build(o, seed):
    deliveries, quality, returns, holidays = make(seed)
    doc = o.new_calc()
    sheets = doc.getSheets()
    sheets.getByIndex(0).setName("Deliveries")
    for k, name in enumerate(["Quality", "Returns", "Holidays"], start=1):
        sheets.insertNewByName(name, k)
    date = "YYYY-MM-DD"
    write_sheet(doc, sheets.getByName("Deliveries"),
                ["Customer", "Order", "Line", "Due", "Delivered", "OrderedQty", "DeliveredQty"], deliveries,
                [3.6, 2.2, 1.4, 2.6, 2.6, 2.6, 2.8], {3: date, 4: date, 5: "#,##0", 6: "#,##0"})
    write_sheet(doc, sheets.getByName("Quality"), ["Customer", "Good", "Inspected", "Date"], quality,
                [3.6, 2.2, 2.4, 2.6], {1: "#,##0", 2: "#,##0", 3: date})
    write_sheet(doc, sheets.getByName("Returns"), ["Site", "Customer", "Received", "Closed", "Value"], returns,
                [2.0, 3.6, 2.6, 2.6, 2.8], {2: date, 3: date, 4: "#,##0.00"})
    write_sheet(doc, sheets.getByName("Holidays"), ["Holiday", "Name"], holidays, [2.6, 5.0], {0: date})
    from com.sun.star.table import CellAddress

    addr = CellAddress()
    doc.NamedRanges.addNewByName("Holidays", f"$Holidays.$A$2:$A${len(holidays) + 1}", addr, 0)
    # deterministic metadata
    from com.sun.star.util import DateTime

    props = doc.getDocumentProperties()
    fixed = DateTime()
    fixed.Year, fixed.Month, fixed.Day = 2026, 1, 1
    props.Title = "qkpi sample data (synthetic)"
    props.Author = props.ModifiedBy = "qkpi"
    props.CreationDate = props.ModificationDate = fixed
    props.Generator = "qkpi make_sample.py"
    return doc, dict(deliveries=len(deliveries), quality=len(quality), returns=len(returns))


def normalize_ods(src, dst):
    """Copies the ODS with fixed zip timestamps and a fixed modification date, so that the same seed gives
    the same bytes (mimetype first and stored, as ODF requires)."""
    import re
    import zipfile

    with zipfile.ZipFile(src) as z:
        entries = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    entries.sort(key=lambda e: e[0] != "mimetype")
    with zipfile.ZipFile(dst, "w") as out:
        for name, data in entries:
            if name == "meta.xml":
                data = re.sub(rb"<dc:date>[^<]*</dc:date>", b"<dc:date>2026-01-01T00:00:00</dc:date>", data)
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            out.writestr(info, data, compresslevel=9 if name != "mimetype" else None)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(HERE, "sample.ods"))
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args()
    with office.Office(None, verbose=False) as o:
        doc, counts = build(o, args.seed)
        out = os.path.abspath(args.out)
        os.makedirs(os.path.dirname(out), exist_ok=True)
        tmp = os.path.join(o.tmp, "sample.ods")
        office.Office.store(doc, tmp, "calc8")
        office.Office.close(doc)
        normalize_ods(tmp, out)
    size = os.path.getsize(out)
    print(f"wrote {out}: {size / 1024:.0f} KiB; rows: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    if size >= 1024 * 1024:
        print("warning: sample.ods is 1 MiB or more", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
