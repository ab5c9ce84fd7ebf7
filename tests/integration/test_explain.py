#!/usr/bin/python3
"""org.qkpi:Explain on a selected cell, headless, exactly as the menu runs it.

The rows the Explain sheet lists as failed (and left out) are compared with the rows that a native per-row
formula flags (plain Calc formulas written here from kpi-rules.md, not from qkpi's code): the register's OTIF,
RFT and TURNAROUND Actuals of the sample data, the register's reduction Actual (RETURNS inside REDUCTION,
with cell references and MIN), a review's monthly OTIF (inside IFNA). Also: a Due typed as text is listed as
such; a #VALUE! cell is explained by all of its offending rows; Explain on a plain cell says what it can
explain and changes nothing; one undo step removes the sheet; nothing else in the document changes; the speed
of Explain on an OTIF over 1 M rows is printed (no wall-clock assertion).

Run: /usr/bin/python3 tests/integration/test_explain.py --oxt build/qkpi.oxt   (or env QKPI_OXT)
"""

from __future__ import annotations

import os
import random
import re
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import office  # noqa: E402

SUCCESS, FAILURE = 1, 0
O: office.Office | None = None


def setUpModule():
    global O
    O = office.setup_module_office()


def tearDownModule():
    office.teardown_module_office()


def used_end(sheet):
    cur = sheet.createCursor()
    cur.gotoEndOfUsedArea(False)
    a = cur.getRangeAddress()
    return a.EndRow, a.EndColumn


def sheet_dump(sheet):
    r, c = used_end(sheet)
    rng = sheet.getCellRangeByPosition(0, 0, c, r)
    return r, c, rng.getFormulaArray(), rng.getDataArray()


def doc_dump(doc):
    sheets = doc.getSheets()
    names = sheets.getElementNames()
    return names, {n: sheet_dump(sheets.getByName(n)) for n in names}


class Explained:
    """The Explain sheet read back: counts (label -> number) and listed rows (dicts by header)."""

    def __init__(self, sheet):
        self.sheet = sheet
        last_row, last_col = used_end(sheet)
        data = sheet.getCellRangeByPosition(0, 0, max(last_col, 8), last_row).getDataArray()
        self.counts, self.labels = {}, {}
        header = None
        for i, row in enumerate(data):
            if row[0] == "Row":
                header = i
                break
            if isinstance(row[0], str) and row[0]:
                self.labels[row[0]] = row[1]
                if isinstance(row[1], float):
                    self.counts[row[0]] = row[1]
        assert header is not None, "no Row header"
        self.header_row = header
        self.headers = [h for h in data[header] if h != ""]
        self.rows = []
        for row in data[header + 1:]:
            if row[0] == "":
                break
            self.rows.append(dict(zip(self.headers, row)))

    def rows_with(self, status):
        return {int(r["Row"]): r for r in self.rows if r["Status"] == status}


class ExplainTest(unittest.TestCase):
    def setUp(self):
        self.docs = []

    def tearDown(self):
        for d in self.docs:
            office.Office.close(d)

    def new_doc(self):
        doc = O.desktop.loadComponentFromURL("private:factory/scalc", "_blank", 0, office.props(Hidden=False))
        self.docs.append(doc)
        return doc

    def dispatch(self, doc, command, **args):
        helper = O.create("com.sun.star.frame.DispatchHelper")
        frame = doc.getCurrentController().getFrame()
        ev = helper.executeDispatch(frame, "org.qkpi:" + command, "", 0, office.props(**args))
        self.assertIsNotNone(ev, f"{command}: no DispatchResultEvent")
        return ev.State, ev.Result

    def ok(self, doc, command, **args):
        state, msg = self.dispatch(doc, command, **args)
        self.assertEqual(state, SUCCESS, f"{command} failed: {msg}")
        return msg

    def sample_doc(self):
        doc = self.new_doc()
        self.ok(doc, "SampleData")  # today's data: the register's TODAY() is the same day
        return doc

    @staticmethod
    def select(doc, sheet_name, cell):
        ctl = doc.getCurrentController()
        sheet = doc.getSheets().getByName(sheet_name)
        ctl.setActiveSheet(sheet)
        ctl.select(sheet.getCellRangeByName(cell))

    def explain(self, doc, sheet_name, cell):
        self.select(doc, sheet_name, cell)
        msg = self.ok(doc, "Explain")
        name = f"Explain {sheet_name} {cell}"
        self.assertTrue(doc.getSheets().hasByName(name), msg)
        self.assertIn(f'"{name}"', msg)
        self.assertEqual(doc.getCurrentController().getActiveSheet().getName(), name)
        return Explained(doc.getSheets().getByName(name)), msg

    def native_flags(self, doc, formula, first_row, last_row, per_row=False):
        """{data row: status} of a native status formula in a scratch sheet (removed again). `formula` uses
        {r}: with per_row, one formula per data row ({r} = the row; slow in Calc for many rows: ~3.6 ms each);
        otherwise one array formula over the rows ({r} expands to ranges: "$D{r}" -> "$D2:D20001")."""
        sheets = doc.getSheets()
        if not sheets.hasByName("Check"):
            sheets.insertNewByName("Check", sheets.getCount())
        sh = sheets.getByName("Check")
        n = last_row - first_row + 1
        rng = sh.getCellRangeByPosition(0, 0, 0, n - 1)
        if per_row:
            rng.setFormulaArray(tuple((formula.format(r=r),) for r in range(first_row, last_row + 1)))
        else:
            rng.setArrayFormula(re.sub(r"\$([A-Z]+)\{r\}", lambda m: f"${m[1]}{first_row}:{m[1]}{last_row}",
                                       formula))
        values = rng.getDataArray()
        sheets.removeByName("Check")
        return {first_row + i: v[0] for i, v in enumerate(values)}

    @staticmethod
    def from_date(formula):
        """The first ISO date text of a formula (the register's From option)."""
        return re.search(r'"(\d{4}-\d{2}-\d{2})"', formula)[1]

    # ------------------------------------------------------------------
    def test_register_otif_actual_rows_equal_native_flags(self):
        doc = self.sample_doc()
        before = doc_dump(doc)
        actual = doc.getSheets().getByName("Objectives").getCellRangeByName("Q3")
        self.assertIn("OTIF(", actual.getFormula().upper())
        ex, msg = self.explain(doc, "Objectives", "Q3")
        self.assertIn("Explained OTIF in Objectives.Q3", msg)
        # nothing of the user's changed: the original sheets are as before, one sheet added
        after = doc_dump(doc)
        self.assertEqual(after[0], before[0] + ("Explain Objectives Q3",))
        for name in before[0]:
            self.assertEqual(after[1][name], before[1][name], name)
        # The register's Options: From 2026-01-01, To TODAY(), LateDays 2, QtyTolerance 0.02.
        d, e, f, g = ("$Deliveries.$D{r}", "$Deliveries.$E{r}", "$Deliveries.$F{r}", "$Deliveries.$G{r}")
        frm, to = f'DATEVALUE("{self.from_date(actual.getFormula())}")', "TODAY()"
        short = f"{g}<{f}*(1-0.02)-1E-9*{f}"
        not_delivered = f'IF(INT({d})+2>={to};"L";"F:not delivered")'
        flag = (f'=IF(ISNUMBER({d})=0;"L";IF({d}=0;"L";'
                f'IF((INT({d})<{frm})+(INT({d})>{to})>0;"L";IF(NOT({f}>0);"L";'
                f'IF(ISNUMBER({e})=0;{not_delivered};IF({e}=0;{not_delivered};'
                f'IF(INT({e})-INT({d})>2;IF({short};"F:late and short";"F:late");'
                f'IF({short};"F:short";"S"))))))))')
        flags = self.native_flags(doc, flag, 2, 20001)
        failed_native = {r: v[2:] for r, v in flags.items() if v.startswith("F")}
        failed = {r: row["Reason"] for r, row in ex.rows_with("failed").items()}
        self.assertGreater(len(failed_native), 100)
        self.assertEqual(failed, failed_native)
        left_native = {r for r, v in flags.items() if v == "L"}
        self.assertEqual(set(ex.rows_with("left out")), left_native)
        self.assertEqual(ex.counts["Succeeded"], sum(1 for v in flags.values() if v == "S"))
        self.assertEqual(ex.counts["Failed"], len(failed_native))
        self.assertEqual(ex.counts["Rows in the table"], 20000)
        # the value shown is the cell's
        self.assertAlmostEqual(ex.counts["Value"], actual.getValue(), places=12)
        self.assertAlmostEqual(ex.counts["Succeeded"] / ex.counts["Counted"], actual.getValue(), places=12)
        # Row is a link to the data row
        first = ex.sheet.getCellByPosition(0, ex.header_row + 1)
        n = int(first.getValue())
        self.assertEqual(first.getFormula().upper(), f'=HYPERLINK("#DELIVERIES.D{n}";{n})')
        self.assertEqual(ex.headers[:8], ["Row", "Status", "Reason", "Due", "Delivered", "OrderedQty",
                                          "DeliveredQty", "Days late"])

    def test_review_monthly_otif_inside_ifna(self):
        doc = self.sample_doc()
        self.ok(doc, "Review")
        review = [n for n in doc.getSheets().getElementNames() if n.startswith("Review ")][0]
        sh = doc.getSheets().getByName(review)
        last_row, last_col = used_end(sh)
        formulas = sh.getCellRangeByPosition(0, 0, last_col, last_row).getFormulaArray()
        target = None
        for r, row in enumerate(formulas):
            for c, f in enumerate(row):
                if f.upper().startswith("=IFNA(") and "OTIF(" in f.upper() and "DATE(" in f.upper():
                    target = (r, c)
                    break
            if target:
                break
        self.assertIsNotNone(target)
        cell = office.col_name(target[1]) + str(target[0] + 1)
        ex, _ = self.explain(doc, review, cell)
        value = sh.getCellByPosition(target[1], target[0]).getValue()
        self.assertAlmostEqual(ex.counts["Succeeded"] / ex.counts["Counted"], value, places=12)
        self.assertIn("Explained", ex.labels)  # the OTIF call inside IFNA
        self.assertGreater(ex.counts["Left out: outside the period"], 10000)

    def test_register_rft_actual(self):
        doc = self.sample_doc()
        ex, msg = self.explain(doc, "Objectives", "Q2")
        self.assertIn("Explained RFT", msg)
        c, i, dt = "$Quality.$C{r}", "$Quality.$D{r}", "$Quality.$E{r}"
        frm = self.from_date(doc.getSheets().getByName("Objectives").getCellRangeByName("Q2").getFormula())
        flag = f'=IF(NOT({i}>0);"L";IF(INT({dt})<DATEVALUE("{frm}");"L";IF({c}<{i};"F";"S")))'
        last = int(doc.getSheets().getByName("Objectives").getCellRangeByName("D2").getString().split(":E")[1])
        flags = self.native_flags(doc, flag, 2, last)
        self.assertEqual(set(ex.rows_with("failed")), {r for r, v in flags.items() if v == "F"})
        self.assertEqual(ex.counts["Succeeded"], sum(1 for v in flags.values() if v == "S"))
        for row in ex.rows_with("failed").values():
            self.assertEqual(row["Reason"], "not all good")
            self.assertEqual(row["Not good"], row["Inspected"] - row["Good"])
        value = doc.getSheets().getByName("Objectives").getCellRangeByName("Q2").getValue()
        self.assertAlmostEqual(ex.counts["Good"] / ex.counts["Inspected"], value, places=12)

    def test_register_turnaround_actual(self):
        doc = self.sample_doc()
        ex, msg = self.explain(doc, "Objectives", "Q5")
        self.assertIn("Explained TURNAROUND", msg)
        rec, clo = "$Returns.$C{r}", "$Returns.$D{r}"
        frm = self.from_date(doc.getSheets().getByName("Objectives").getCellRangeByName("Q5").getFormula())
        wd = "IF({end}<=INT({rec});0;NETWORKDAYS.INTL(INT({rec})+1;{end};1;Holidays))"
        closed_wd = wd.format(end=f"INT({clo})", rec=rec)
        open_wd = wd.format(end="TODAY()", rec=rec)
        flag = (f'=IF(OR({rec}="";{rec}=0);"L";IF(INT({rec})<DATEVALUE("{frm}");"L";'
                f'IF(INT({rec})>TODAY();"L";'
                f'IF(AND({clo}<>"";{clo}<>0;INT({clo})<=TODAY());IF({closed_wd}<=20;"S";"F:over 20 working days");'
                f'IF({open_wd}>20;"F:still open and late";"L")))))')
        data = doc.getSheets().getByName("Objectives").getCellRangeByName("D5").getString()
        last = int(data.split(":D")[1])
        flags = self.native_flags(doc, flag, 2, last, per_row=True)  # NETWORKDAYS.INTL per row
        failed_native = {r: v[2:] for r, v in flags.items() if v.startswith("F")}
        self.assertGreater(len(failed_native), 0)
        self.assertEqual({r: row["Reason"] for r, row in ex.rows_with("failed").items()}, failed_native)
        value = doc.getSheets().getByName("Objectives").getCellRangeByName("Q5").getValue()
        self.assertAlmostEqual(ex.counts["Succeeded"] / ex.counts["Counted"], value, places=12)

    def test_register_reduction_actual_explains_its_returns(self):
        doc = self.sample_doc()
        ex, msg = self.explain(doc, "Objectives", "Q4")
        self.assertIn("Explained RETURNS", msg)
        scratch = doc.getSheets().getByName("Objectives").getCellByPosition(60, 0)
        scratch.setFormula('=SUMIFS($Returns.E2:E706;$Returns.C2:C706;">="&K4;$Returns.C2:C706;"<="&MIN(TODAY();L4))')
        want = scratch.getValue()
        scratch.setString("")
        self.assertAlmostEqual(ex.counts["Sum of Value"], want, places=6)
        counted = ex.rows_with("counted")
        self.assertEqual(len(counted), ex.counts["Counted"])
        self.assertNotIn("Succeeded", ex.counts)

    def test_text_dates_and_bad_data_rows(self):
        doc = self.new_doc()
        sheets = doc.getSheets()
        sheets.insertNewByName("Data", 1)
        data = sheets.getByName("Data")
        rows = (("Due", "Delivered", "Ordered", "Got"),
                (46100.0, 46100.0, 10.0, 10.0),
                ("", 46100.0, 10.0, 10.0),  # Due set below as the text '2026-03-30
                (46100.0, 46101.0, 10.0, -1.0),  # bad
                (46100.0, 46102.0, 10.0, 10.0),  # late
                (46100.0, 46100.0, 10.0, -5.0))  # bad
        data.getCellRangeByPosition(0, 0, 3, 5).setDataArray(rows)
        data.getCellRangeByName("A3").setString("2026-03-30")
        first = sheets.getByIndex(0)
        cell = first.getCellRangeByName("B2")
        cell.setFormula("=OTIF($Data.A2:D6)")
        self.assertEqual(cell.getError(), office.ERR_VALUE)
        ex, msg = self.explain(doc, first.getName(), "B2")
        bad = ex.rows_with("bad data")
        self.assertEqual(sorted(bad), [4, 6])
        self.assertEqual(bad[4]["Reason"], "DeliveredQty is negative in row 3 of Lines")
        self.assertEqual(bad[6]["Reason"], "DeliveredQty is negative in row 5 of Lines")
        self.assertTrue(ex.labels["Value"].startswith("#VALUE!"))
        text_row = ex.rows_with("left out")[3]
        self.assertEqual(text_row["Due"], "2026-03-30")
        self.assertIn('Due holds the text "2026-03-30", which OTIF reads as blank', text_row["Reason"])
        self.assertEqual(ex.counts["Text where a number or date is expected"], 1)
        self.assertEqual(set(ex.rows_with("failed")), {5})
        self.assertEqual(ex.counts["Bad data (#VALUE!)"], 2)

    def test_row_links_on_a_sheet_name_with_a_space_and_an_error_cell(self):
        """The Row column's HYPERLINK target names the data sheet as Calc writes it ('My data'), and Calc's own
        reference parser resolves it to that very row; an error cell in the data range (Calc then does not call
        OTIF: Err:504 or the error itself) is listed with what it shows."""
        doc = self.new_doc()
        sheets = doc.getSheets()
        sheets.insertNewByName("My data", 1)
        data = sheets.getByName("My data")
        rows = (("Due", "Delivered", "Ordered", "Got"),
                (46100.0, 46100.0, 10.0, 10.0),
                (46100.0, 46103.0, 10.0, 10.0),  # late: row 3
                (46100.0, 46100.0, 10.0, 4.0),   # short: row 4
                (46100.0, 46100.0, 10.0, 10.0))
        data.getCellRangeByPosition(0, 0, 3, 4).setDataArray(rows)
        first = sheets.getByIndex(0)
        first.getCellRangeByName("B2").setFormula("=OTIF($'My data'.A2:D5)")
        ex, _ = self.explain(doc, first.getName(), "B2")
        failed = ex.rows_with("failed")
        self.assertEqual(sorted(failed), [3, 4])
        for i in range(len(ex.rows)):
            cell = ex.sheet.getCellByPosition(0, ex.header_row + 1 + i)
            m = re.match(r'^=HYPERLINK\("#([^"]+)";(\d+)\)$', cell.getFormula())
            self.assertIsNotNone(m, cell.getFormula())
            target, shown = m[1], int(m[2])
            self.assertIn("'My data'", target)
            # what a click jumps to: the document's parser reads the target as the row's cell on "My data"
            ranges = sheets.getCellRangesByName(target)
            self.assertEqual(len(ranges), 1, target)
            a = ranges[0].getRangeAddress()
            self.assertEqual((sheets.getByIndex(a.Sheet).getName(), a.StartRow + 1), ("My data", shown), target)
        # an error cell in the data range
        data.getCellRangeByName("A5").setFormula("=1/0")
        self.select(doc, first.getName(), "B2")
        msg = self.ok(doc, "Explain")
        name = [n for n in sheets.getElementNames() if n.startswith(f"Explain {first.getName()} B2 (")]
        self.assertEqual(len(name), 1, (sheets.getElementNames(), msg))
        ex2 = Explained(sheets.getByName(name[0]))
        notes = [r for r in ex2.rows if "shows the error" in str(r.get("Reason", ""))]
        self.assertEqual([int(r["Row"]) for r in notes], [5], ex2.rows)
        self.assertIn("#DIV/0!", notes[0]["Reason"])

    def test_plain_cell_says_what_it_explains_and_changes_nothing(self):
        doc = self.new_doc()
        first = doc.getSheets().getByIndex(0)
        first.getCellRangeByName("A1").setFormula("=SUM(1;2)")
        before = doc_dump(doc)
        for cell, words in (("A1", "calls no qkpi KPI function"), ("C3", "holds no formula")):
            self.select(doc, first.getName(), cell)
            state, msg = self.dispatch(doc, "Explain")
            self.assertEqual(state, FAILURE)
            self.assertIn(words, msg)
            self.assertIn("OTIF, ONTIME, INFULL", msg)
            self.assertIn("TURNAROUNDDAYS", msg)
        self.assertEqual(doc_dump(doc), before)

    def test_one_undo_step_removes_the_sheet(self):
        doc = self.sample_doc()
        before = doc_dump(doc)
        self.explain(doc, "Objectives", "Q3")
        um = doc.getUndoManager()
        self.assertEqual(um.getAllUndoActionTitles()[0], "qkpi: Explain")
        um.undo()
        self.assertEqual(doc_dump(doc), before)

    def test_speed_one_million_rows(self):
        doc = self.new_doc()
        sheets = doc.getSheets()
        sheets.insertNewByName("Big", 1)
        big = sheets.getByName("Big")
        rng = random.Random(3)
        n = 1_000_000
        rows = []
        for _ in range(n):
            due = 46000.0 + rng.randrange(300)
            late = rng.random() < 0.2
            rows.append((due, due + (3.0 if late else 0.0), 10.0, 10.0 if rng.random() < 0.9 else 8.0))
        step = 200_000
        for s in range(0, n, step):
            big.getCellRangeByPosition(0, s, 3, s + step - 1).setDataArray(tuple(rows[s:s + step]))
        first = sheets.getByIndex(0)
        first.getCellRangeByName("A1").setFormula(f"=OTIF($Big.A1:D{n};;;;;;1)")
        self.select(doc, first.getName(), "A1")
        t = time.monotonic()
        msg = self.ok(doc, "Explain")
        seconds = time.monotonic() - t
        print(f"\n[speed] Explain of OTIF over {n:,} rows: {seconds:.2f} s ({msg})", file=sys.stderr, flush=True)
        ex = Explained(sheets.getByName(f"Explain {first.getName()} A1"))
        self.assertEqual(len(ex.rows), 50_000)
        self.assertEqual(ex.counts["Rows in the table"], n)
        self.assertTrue(any(k.startswith("Only the first 50,000 of ") for k in ex.labels), ex.labels.keys())
        want_failed = sum(1 for r in rows if r[1] - r[0] > 1 or r[3] < r[2])
        self.assertEqual(ex.counts["Failed"], want_failed)


if __name__ == "__main__":
    office.main()
