#!/usr/bin/python3
"""A review a management meeting can trust (issue 8), in real soffice with the built .oxt:

- reviews dated the 1st, the 15th and the last day of a month: 12 complete months plus a marked month to date,
  each month's value, centre line, limits and open rows checked cell by cell against direct function calls
  and plain Python over the same document (limits from the complete months only);
- the "Rows left out" reasons of OTIF and TURNAROUND add up to the (all) row's rows minus rows used, and each
  reason equals a count done here in Python from the data by the documented rules;
- an edited Options cell is flagged (message, register Check column, review summary), spelling-only edits are
  not; Update Actuals rewrites it, lists it, and one undo restores it;
- a hand-added ONTIME row without To equals ONTIME(...;To=review date) in the review and ONTIME(...;TODAY())
  in the register.

Run: /usr/bin/python3 tests/integration/test_trust.py --oxt build/qkpi.oxt   (or env QKPI_OXT)
"""

from __future__ import annotations

import datetime
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import office  # noqa: E402
from office import setUpModule, tearDownModule  # noqa: E402,F401  (one office per module: office.OFFICE)
import test_commands as tc  # noqa: E402  (the command test helpers)

SAMPLE_DATE = "2026-11-25"
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
BASE = datetime.date(1899, 12, 30)


def serial(d: datetime.date) -> int:
    return (d - BASE).days


def date_f(d: datetime.date) -> str:
    return f"DATE({d.year};{d.month};{d.day})"


def month_end(d: datetime.date) -> datetime.date:
    nxt = datetime.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return nxt - datetime.timedelta(days=1)


def expected_months(review: datetime.date):
    """(label, first, last, complete) per trend row, computed here independently of the core."""
    first = review.replace(day=1)
    out = []
    y, m = first.year, first.month
    for k in range(12, 0, -1):
        mm = m - k
        yy = y + (mm - 1) // 12
        mm = (mm - 1) % 12 + 1
        a = datetime.date(yy, mm, 1)
        out.append((f"{MONTHS[mm - 1]} {yy}", a, month_end(a), True))
    if review.day != 1:
        out.append((f"{MONTHS[first.month - 1]} {first.year} (to date)", first, review, False))
    return out


def as_of_options(kpi, options, review_f):
    """The register's Options with the documented as-of default (To for the delivery KPIs, AsOf for the
    turnaround ones) as the review date, and TODAY() as the review date."""
    opts = tc.parse_options(options)
    opts = {k: re.sub(r"DATE\(2026;11;25\)", review_f, v) for k, v in opts.items()}
    key = {"OTIF": "to", "ONTIME": "to", "INFULL": "to", "TURNAROUND": "asof", "TURNAROUNDDAYS": "asof"}.get(kpi)
    if key and key not in opts:
        opts[key] = review_f
    return opts


def call(kpi, data, opts, **override):
    o = dict(opts)
    for k, v in override.items():
        o[k.lower()] = v
    args = [data] + [o.get(n.lower(), "") for n in tc.SIGNATURES[kpi]]
    while args and args[-1] == "":
        args.pop()
    return f"{kpi}({';'.join(args)})"


def num(v):
    return v if isinstance(v, float) and v != 0 else None


class TrustTest(tc.CommandTest):
    def data_rows(self, doc, ref):
        """The rows of a sheet-qualified range such as $Deliveries.D2:G20001, as Python tuples."""
        m = re.fullmatch(r"\$(\w+)\.([A-Z]+)(\d+):([A-Z]+)(\d+)", ref)
        sh = doc.getSheets().getByName(m.group(1))
        return sh.getCellRangeByName(f"{m.group(2)}{m.group(3)}:{m.group(4)}{m.group(5)}").getDataArray()

    def find_rows(self, sheet, text, col=0):
        last_row, _ = tc.used_end(sheet)
        return [r for r in range(last_row + 1) if sheet.getCellByPosition(col, r).getString() == text]

    # ---- trend -------------------------------------------------------------------------------
    def check_review(self, doc, review_date: datetime.date):
        msg = self.ok(doc, "Review", Date=review_date.isoformat())
        sheet = doc.getSheets().getByName(f"Review {review_date.isoformat()}")
        rf = date_f(review_date)
        reg = self.register(doc)
        summary = self.review_summary(sheet)
        want_months = expected_months(review_date)
        sections = self.find_rows(sheet, "12-month trend")
        trended = 0
        for ident, row in reg.items():
            kpi, data, options = row["KPI"].getString(), row["Data"].getString(), row["Options"].getString()
            reduction = kpi == "RETURNS" and row["Baseline"].getType().value != "EMPTY"
            opts = as_of_options(kpi, options, rf)
            if not reduction:
                want = self.evaluate(doc, call(kpi, data, opts))
                self.assert_close(office.cell_result(summary[ident]["Actual"]), want, f"{ident} Actual {review_date}")
            # this objective's trend: the first trend block after its section band
            band = self.find_rows(sheet, ident)
            t = min(r for r in sections if r > band[-1]) if band else None
            if t is None or sheet.getCellByPosition(0, t + 1).getString() != "Month":
                continue
            trended += 1
            first = t + 2
            labels = [sheet.getCellByPosition(0, first + k).getString() for k in range(len(want_months) + 1)]
            self.assertEqual(labels[:-1], [w[0] for w in want_months], f"{ident} {review_date}")
            self.assertEqual(labels[-1], "", f"{ident}: nothing after the trend's last month")
            values = []
            for k, (label, a, b, complete) in enumerate(want_months):
                r = first + k
                over = {"From": date_f(a), "To": date_f(b)}
                if kpi in ("TURNAROUND", "TURNAROUNDDAYS"):
                    over["AsOf"] = date_f(b)
                mopts = {} if reduction else opts
                if reduction:
                    mopts = {k2: v for k2, v in tc.parse_options(options).items()}
                formula = call(kpi, data, mopts, **over)
                direct = self.evaluate(doc, f"IFNA({formula};\"\")")
                got = office.cell_result(sheet.getCellByPosition(1, r))
                self.assert_close(got, direct, f"{ident} {label} vs {formula}")
                style = sheet.getCellByPosition(0, r).getPropertyValue("CellStyle")
                if complete:
                    values.append(got[1] if got[0] == "value" else None)
                    self.assertNotIn("To date", style, label)
                else:
                    self.assertEqual(style, "qkpi To date", label)
                    self.assertIn("To date", sheet.getCellByPosition(1, r).getPropertyValue("CellStyle"))
                    for c in (2, 4, 5):  # no moving range, no limits
                        self.assertEqual(sheet.getCellByPosition(c, r).getType().value, "EMPTY", f"{label} col {c}")
                if sheet.getCellByPosition(6, t + 1).getString() == "Open":
                    self.check_open(doc, sheet.getCellByPosition(6, r), data, opts, a, b, label)
            # centre line and limits: from the complete months only
            vals = [v for v in values if v is not None]
            mrs = [abs(values[k] - values[k - 1]) for k in range(1, 12)
                   if values[k] is not None and values[k - 1] is not None]
            centre = sum(vals) / len(vals)
            spread = 2.66 * sum(mrs) / len(mrs)
            lower, upper = max(0.0, centre - spread), centre + spread
            if sheet.getCellByPosition(1, first).getPropertyValue("CellStyle") == "qkpi Percent":
                upper = min(1.0, upper)
            for c, w in ((3, centre), (4, lower), (5, upper)):
                got = office.cell_result(sheet.getCellByPosition(c, first))
                self.assertTrue(office.close_enough(got[1], w, 1e-9), f"{ident} col {c}: {got} vs {w}")
            if ident in ("Q-02", "Q-04"):
                self.check_left_out(doc, sheet, ident, kpi, data, opts, review_date)
        self.assertGreaterEqual(trended, 3, msg)
        return sheet

    def check_open(self, doc, cell, data, opts, a, b, label):
        """Open rows of a month: received a..b, not closed by b (Python over the data)."""
        rows = self.data_rows(doc, data)
        sa, sb = serial(a), serial(b)
        want = sum(1 for rec, clo, *_ in rows
                   if num(rec) and sa <= int(rec) <= sb and not (num(clo) and int(clo) <= sb))
        self.assertEqual(office.cell_result(cell), ("value", float(want)), f"open rows {label}")

    def check_left_out(self, doc, sheet, ident, kpi, data, opts, review_date):
        band = self.find_rows(sheet, ident)[-1]
        header = [r for r in self.find_rows(sheet, "Rows left out", col=8) if r > band][0]
        reasons = {}
        r = header + 1
        while sheet.getCellByPosition(8, r).getString() not in ("total", ""):
            reasons[sheet.getCellByPosition(8, r).getString()] = office.cell_result(sheet.getCellByPosition(10, r))
            r += 1
        total = office.cell_result(sheet.getCellByPosition(10, r))
        summary = self.review_summary(sheet)
        self.assertEqual(total, office.cell_result(summary[ident]["Rows left out"]))
        self.assertEqual(sum(v[1] for v in reasons.values()), total[1], f"{ident}: {reasons} vs {total}")
        rows = self.data_rows(doc, data)
        frm = serial(datetime.date.fromisoformat(opts["from"].strip('"')))
        rd = serial(review_date)
        if kpi == "OTIF":
            late = float(opts.get("latedays", "0"))
            blank = outside = not_due = 0
            for due, delivered, ordered, _ in rows:
                if not num(due):
                    blank += 1
                elif not frm <= int(due) <= rd:
                    outside += 1
                elif not (isinstance(ordered, float) and ordered > 0):
                    blank += 1
                elif not num(delivered) and int(due) + late >= rd:
                    not_due += 1
            self.assertEqual(reasons, {"blank": ("value", blank), "outside period": ("value", outside),
                                       "not yet due": ("value", not_due)}, ident)
            if review_date.isoformat() == SAMPLE_DATE:  # the sample's open lines are due after its date
                self.assertGreater(not_due, 0, "the sample data has lines not yet due")
        else:
            blank = sum(1 for rec, *_ in rows if not num(rec))
            outside = sum(1 for rec, *_ in rows if num(rec) and not frm <= int(rec) <= rd)
            self.assertEqual(reasons["blank"], ("value", blank), ident)
            self.assertEqual(reasons["outside period"], ("value", outside), ident)
            self.assertGreaterEqual(reasons["open, within time"][1], 0, ident)

    def test_reviews_on_the_first_the_fifteenth_and_the_last_day_of_a_month(self):
        doc = self.sample_doc()
        for d in (datetime.date(2026, 11, 1), datetime.date(2026, 11, 15), datetime.date(2026, 10, 31),
                  datetime.date(2026, 11, 25)):
            with self.subTest(review=d.isoformat()):
                self.check_review(doc, d)

    # ---- stale Actuals -------------------------------------------------------------------------
    def test_edited_options_are_flagged_then_updated_and_undo_restores_them(self):
        doc = self.sample_doc()
        reg = self.register(doc)
        # the same options spelt differently (case, spaces, order): no flag.
        q01 = reg["Q-01"]["Options"]
        parts = [p.strip() for p in q01.getString().split(";") if p.strip()]
        q01.setString(" ;  ".join(p.lower().replace("=", " = ") for p in reversed(parts)))
        # LateDays 2 -> 5 after the Actual was written.
        q02 = reg["Q-02"]
        old_formula = q02["Actual"].getFormula()
        old_value = q02["Actual"].getValue()
        q02["Options"].setString(q02["Options"].getString().replace("LateDays=2", "LateDays=5"))
        msg = self.ok(doc, "Review", Date=SAMPLE_DATE)
        self.assertIn("Q-02: Actual differs from its Options; run Update Actuals or edit the Options.", msg)
        self.assertNotIn("Q-01:", msg)
        reg = self.register(doc)
        self.assertEqual(reg["Q-02"]["Check"].getString(),
                         "Actual differs from its Options: run Update Actuals or edit the Options")
        self.assertEqual(reg["Q-01"]["Check"].getString(), "")
        self.assertEqual(reg["Q-02"]["Actual"].getFormula(), old_formula)  # never touched by Review
        review = doc.getSheets().getByName(f"Review {SAMPLE_DATE}")
        summary = self.review_summary(review)
        self.assertEqual(summary["Q-02"]["ID"].getPropertyValue("CellStyle"), "qkpi Stale")
        self.assertEqual(summary["Q-01"]["ID"].getPropertyValue("CellStyle"), "Default")
        self.assertIn("Q-02", review.getCellByPosition(0, 3).getString())
        # the Action Log names it too
        msg = self.ok(doc, "ActionLog", Date=SAMPLE_DATE)
        self.assertIn("Q-02: Actual differs from its Options", msg)
        # Update Actuals rewrites only Q-02, lists it, and it then equals the Options' call
        before = tc.doc_dump(doc)
        want = self.evaluate(doc, tc.direct_call("OTIF", q02["Data"].getString(),
                                                 q02["Options"].getString().replace("TODAY()", "TODAY()"),
                                                 To="TODAY()"))
        before = tc.doc_dump(doc)
        others = {i: r["Actual"].getFormula() for i, r in self.register(doc).items() if i != "Q-02"}
        msg = self.ok(doc, "UpdateActuals", Date=SAMPLE_DATE)
        self.assertIn('Updated 1 Actual', msg)
        self.assertIn("Q-02 (", msg)
        reg = self.register(doc)
        self.assertIn(";5;", reg["Q-02"]["Actual"].getFormula())
        self.assert_close(office.cell_result(reg["Q-02"]["Actual"]), want, "Q-02 updated")
        self.assertNotEqual(reg["Q-02"]["Actual"].getValue(), old_value)
        self.assertEqual(reg["Q-02"]["Check"].getString(), "")
        self.assertEqual({i: r["Actual"].getFormula() for i, r in reg.items() if i != "Q-02"}, others)
        # nothing left to update
        self.assertIn("nothing to update", self.ok(doc, "UpdateActuals", Date=SAMPLE_DATE))
        # one undo step restores the stale formula and its flag
        um = doc.getUndoManager()
        self.assertEqual(um.getAllUndoActionTitles()[0], "qkpi: Update Actuals")
        um.undo()
        self.assertEqual(tc.doc_dump(doc), before)
        reg = self.register(doc)
        self.assertEqual(reg["Q-02"]["Actual"].getFormula(), old_formula)
        self.assertNotEqual(reg["Q-02"]["Check"].getString(), "")

    # ---- as of the review date -------------------------------------------------------------------
    def test_hand_added_ontime_without_to_is_measured_to_the_review_date(self):
        doc = self.sample_doc()
        sh = doc.getSheets().getByName("Objectives")
        cols = {sh.getCellByPosition(c, 0).getString(): c for c in range(25)}
        q02 = self.register(doc)["Q-02"]
        data = q02["Data"].getString()
        values = {"ID": "H-9", "Objective": "On time to every customer", "KPI": "ONTIME", "Data": data,
                  "Options": "From=2026-01-01", "Target": 0.95, "Direction": "higher", "Amber": 0.9,
                  "Responsible": "Tom", "Resources": "Team", "Evaluation": "Monthly", "Review frequency": "Monthly"}
        for h, v in values.items():
            cell = sh.getCellByPosition(cols[h], 8)
            cell.setString(v) if isinstance(v, str) else cell.setValue(v)
        live = self.evaluate(doc, f'ONTIME({data};;;"2026-01-01";TODAY())')
        at_review = self.evaluate(doc, f'ONTIME({data};;;"2026-01-01";{tc.DATE_F})')
        open_ended = self.evaluate(doc, f'ONTIME({data};;;"2026-01-01")')
        self.assertLess(open_ended[1], at_review[1], "lines not due yet would count as failures")
        self.ok(doc, "Review", Date=SAMPLE_DATE)
        actual = self.register(doc)["H-9"]["Actual"]
        self.assertRegex(actual.getFormula(), r'ONTIME\(\$Deliveries\.D2:G\d+;;;"2026-01-01";TODAY\(\)\)$')
        self.assert_close(office.cell_result(actual), live, "register Actual = ONTIME(...;TODAY())")
        summary = self.review_summary(doc.getSheets().getByName(f"Review {SAMPLE_DATE}"))
        self.assert_close(office.cell_result(summary["H-9"]["Actual"]), at_review,
                          "review Actual = ONTIME(...;To=review date)")


if __name__ == "__main__":
    office.main()
