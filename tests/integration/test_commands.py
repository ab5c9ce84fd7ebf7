#!/usr/bin/python3
"""The qkpi commands (org.qkpi:SampleData, NewRegister, Review, ActionLog, ExportPdf), dispatched headless on
the frame of a Calc document exactly as the menu does, with a fixed Date.

Checks the sheets cell by cell: register headers; sample data sizes; review actuals, per-segment rows and
statuses against direct function calls computed in a scratch sheet (built here from the register's Data and
Options and the README signatures, not from the command's formulas); action log proposals and that existing
rows are never changed; no overwrite on a second run; one undo step restores the document; ODS round trip;
text from user data stays text; clear failures; the PDF export; the missing Actual/Status formulas of
register rows added by hand (filled by Review and ActionLog, never over an edited cell); no macros in a
generated document, which opens without qkpi.

Run: /usr/bin/python3 tests/integration/test_commands.py --oxt build/qkpi.oxt   (or env QKPI_OXT)
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import office  # noqa: E402
import uno  # noqa: E402
from office import Listener, setUpModule, tearDownModule  # noqa: E402,F401  (one office per module: office.OFFICE)

DATE = "2026-11-25"
DATE_F = "DATE(2026;11;25)"
SUCCESS, FAILURE = 1, 0  # com.sun.star.frame.DispatchResultState

REGISTER_HEADERS = ["ID", "Objective", "KPI", "Data", "Segment by", "Options", "Target", "Direction", "Amber",
                    "Baseline", "Start", "Due", "Responsible", "Resources", "Evaluation", "Review frequency",
                    "Actual", "Status"]
ACTION_HEADERS = ["Action ID", "Objective", "Finding", "Action", "Owner", "Resources", "Start", "Due", "Status",
                  "Completed", "Effectiveness"]
SAMPLE_SHEETS = {"Objectives", "Deliveries", "Quality", "Returns", "Holidays"}

# Optional arguments after the table, per README (Segments and Segment first).
SIGNATURES = {
    "OTIF": ["Segments", "Segment", "From", "To", "EarlyDays", "LateDays", "QtyTolerance", "Columns"],
    "ONTIME": ["Segments", "Segment", "From", "To", "EarlyDays", "LateDays", "Columns"],
    "INFULL": ["Segments", "Segment", "From", "To", "QtyTolerance", "Columns"],
    "RFT": ["Segments", "Segment", "From", "To", "Columns"],
    "RFTJOBS": ["Segments", "Segment", "From", "To", "Columns"],
    "RETURNS": ["Segments", "Segment", "From", "To", "Columns"],
    "TURNAROUND": ["Segments", "Segment", "From", "To", "Days", "Weekend", "Holidays", "AsOf", "Columns"],
    "TURNAROUNDDAYS": ["Segments", "Segment", "From", "To", "Percentile", "Weekend", "Holidays", "AsOf",
                       "Columns"],
}

# --------------------------------------------------------------------------
# helpers


def used_end(sheet):
    """(last row, last col), 0-based, of the used area."""
    cur = sheet.createCursor()
    cur.gotoEndOfUsedArea(False)
    a = cur.getRangeAddress()
    return a.EndRow, a.EndColumn


def used_range(sheet):
    r, c = used_end(sheet)
    return sheet.getCellRangeByPosition(0, 0, c, r)


def sheet_dump(sheet):
    """Everything a user could see changed in the used area: formulas (text as typed) and computed values."""
    rng = used_range(sheet)
    return (rng.getRangeAddress().EndRow, rng.getRangeAddress().EndColumn, rng.getFormulaArray(),
            rng.getDataArray())


def doc_dump(doc):
    sheets = doc.getSheets()
    names = sheets.getElementNames()
    ranges = doc.getPropertyValue("NamedRanges").getElementNames()
    return names, tuple(sorted(ranges)), {n: sheet_dump(sheets.getByName(n)) for n in names}


def split_args(text):
    """Top-level ';'-separated arguments of a formula call's argument text."""
    out, depth, quote, cur = [], 0, False, ""
    for ch in text:
        if quote:
            cur += ch
            if ch == '"':
                quote = False
            continue
        if ch == '"':
            quote = True
        elif ch in "({":
            depth += 1
        elif ch in ")}":
            depth -= 1
        elif ch == ";" and depth == 0:
            out.append(cur)
            cur = ""
            continue
        cur += ch
    out.append(cur)
    return out


def literal(s):
    return '"' + s.replace('"', '""') + '"'


def option_value(v):
    v = v.strip()
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", v):
        return literal(v)
    return re.sub(r"TODAY\(\)", DATE_F, v, flags=re.I)


def parse_options(text):
    opts = {}
    for part in re.split(r"[;\n]\s*(?=[A-Za-z]+\s*=)", text or ""):
        part = part.strip().rstrip(";").strip()
        if not part:
            continue
        name, _, value = part.partition("=")
        opts[name.strip().lower()] = option_value(value)
    return opts


def review_segment_tables(review):
    """ID -> [(segment, value)] of each objective's ratio per-segment table in a review sheet (a ...BY array;
    "(all)", "(blank)" and empty values left out)."""
    last_row, _ = used_end(review)
    out, ident = {}, None
    for r in range(last_row + 1):
        cell = review.getCellByPosition(0, r)
        if re.match(r"^Q-\d+$", cell.getString()):  # a summary row, then the section header: the last one wins
            ident = cell.getString()
        if cell.getString() != "Per segment" or ident is None:
            continue
        if not re.match(r"^\{?=ORG\.QKPI\.QUALITYKPI\.(OTIF|ONTIME|INFULL|RFT|RFTJOBS|TURNAROUND)BY\(",
                        review.getCellByPosition(0, r + 2).getFormula()):
            continue
        rows, rr = [], r + 2
        while review.getCellByPosition(0, rr).getString() not in ("(all)", ""):
            label = review.getCellByPosition(0, rr).getString()
            value = office.cell_result(review.getCellByPosition(5, rr))
            if label != "(blank)" and value[0] == "value":
                rows.append((label, value[1]))
            rr += 1
        out[ident] = rows
    return out


def direct_call(kpi, data, options, **override):
    """`=KPI(data; ...)` with the named optional arguments (README order), trailing empties dropped."""
    opts = parse_options(options)
    for k, v in override.items():
        opts[k.lower()] = v
    args = [data] + [opts.get(name.lower(), "") for name in SIGNATURES[kpi]]
    while args and args[-1] == "":
        args.pop()
    return f"{kpi}({';'.join(args)})"


class CommandTest(unittest.TestCase):
    """Each test gets its own visible (headless) document; closed afterwards, so only one is open (Calc's undo
    of a sheet insertion needs the document's view)."""

    def setUp(self):
        self.docs = []
        self.tmp = tempfile.mkdtemp(prefix="qkpi-cmd-test-")

    def tearDown(self):
        for d in self.docs:
            office.Office.close(d)
        shutil.rmtree(self.tmp, ignore_errors=True)

    # ---- documents and dispatch ----
    def new_doc(self):
        doc = office.OFFICE.desktop.loadComponentFromURL("private:factory/scalc", "_blank", 0, office.props(Hidden=False))
        self.docs.append(doc)
        return doc

    def load(self, path):
        doc = office.OFFICE.desktop.loadComponentFromURL(office.to_url(path), "_blank", 0, office.props(Hidden=False))
        self.docs.append(doc)
        return doc

    def close(self, doc):
        self.docs.remove(doc)
        office.Office.close(doc)

    def dispatch(self, doc, command, **args):
        """(state, message) of org.qkpi:<command> through the DispatchHelper (dispatchWithNotification)."""
        helper = office.OFFICE.create("com.sun.star.frame.DispatchHelper")
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
        self.ok(doc, "SampleData", Date=DATE)
        return doc

    def scratch(self, doc):
        sheets = doc.getSheets()
        if not sheets.hasByName("Scratch"):
            sheets.insertNewByName("Scratch", sheets.getCount())
        return sheets.getByName("Scratch")

    def evaluate(self, doc, formula, on=None):
        """Result of a formula in a scratch cell; `on`: a sheet whose relative references it uses (a cell far
        right of it, cleared again)."""
        if on is None:
            cell = self.scratch(doc).getCellByPosition(0, 0)
        else:
            cell = on.getCellByPosition(100, 0)
        cell.setFormula(formula if formula.startswith("=") else "=" + formula)
        result = office.cell_result(cell)
        if on is not None:
            cell.setString("")
        return result

    # ---- sheet readers ----
    @staticmethod
    def register(doc):
        """{ID: {header: cell}} of the register."""
        sh = doc.getSheets().getByName("Objectives")
        last_row, last_col = used_end(sh)
        headers = [sh.getCellByPosition(c, 0).getString() for c in range(last_col + 1)]
        out = {}
        for r in range(1, last_row + 1):
            ident = sh.getCellByPosition(headers.index("ID"), r).getString()
            if ident:
                out[ident] = {h: sh.getCellByPosition(c, r) for c, h in enumerate(headers) if h}
        return out

    @staticmethod
    def review_summary(sheet):
        """{ID: {header: cell}} of the review's summary table (the first header row starting with ID)."""
        last_row, last_col = used_end(sheet)
        for r in range(0, 20):
            if sheet.getCellByPosition(0, r).getString() == "ID":
                headers = [sheet.getCellByPosition(c, r).getString() for c in range(last_col + 1)]
                out = {}
                rr = r + 1
                while sheet.getCellByPosition(0, rr).getString():
                    out[sheet.getCellByPosition(0, rr).getString()] = {
                        h: sheet.getCellByPosition(c, rr) for c, h in enumerate(headers) if h}
                    rr += 1
                return out
        raise AssertionError(f"no summary header row in {sheet.getName()}")

    @staticmethod
    def action_rows(doc):
        sh = doc.getSheets().getByName("Action Log")
        last_row, last_col = used_end(sh)
        headers = [sh.getCellByPosition(c, 0).getString() for c in range(last_col + 1)]
        rows = []
        for r in range(1, last_row + 1):
            if any(sh.getCellByPosition(c, r).getString() for c in range(len(headers))):
                rows.append({h: sh.getCellByPosition(c, r) for c, h in enumerate(headers) if h})
        return headers, rows

    def assert_close(self, got, want, what, rel=1e-9):
        self.assertEqual(got[0], want[0], f"{what}: kinds {got} vs {want}")
        if got[0] == "value":
            self.assertTrue(office.close_enough(got[1], want[1], rel), f"{what}: {got[1]!r} != {want[1]!r}")
        else:
            self.assertEqual(got[1], want[1], what)


# --------------------------------------------------------------------------


class DispatchTest(CommandTest):
    def test_urls_are_handled_only_in_calc_frames(self):
        doc = self.new_doc()
        frame = doc.getCurrentController().getFrame()
        parser = office.OFFICE.create("com.sun.star.util.URLTransformer")
        for cmd in ("SampleData", "NewRegister", "Review", "ReviewRecord", "ActionLog", "Explain", "ExportPdf"):
            url = uno.createUnoStruct("com.sun.star.util.URL")
            url.Complete = "org.qkpi:" + cmd
            _, url = parser.parseStrict(url)
            self.assertIsNotNone(frame.queryDispatch(url, "", 0), cmd)
        url = uno.createUnoStruct("com.sun.star.util.URL")
        url.Complete = "org.qkpi:NoSuchCommand"
        _, url = parser.parseStrict(url)
        self.assertIsNone(frame.queryDispatch(url, "", 0))
        # the handler without a Calc frame offers nothing
        handler = office.OFFICE.create("org.qkpi.CommandsImpl")
        self.assertIsNotNone(handler)
        handler.initialize(())
        url.Complete = "org.qkpi:Review"
        self.assertIsNone(handler.queryDispatch(url, "", 0))

    def test_menu_toolbar_and_icons_are_registered_for_calc(self):
        cp = office.OFFICE.create("com.sun.star.configuration.ConfigurationProvider")
        commands = [f"org.qkpi:{c}"
                    for c in ("SampleData", "NewRegister", "Review", "ReviewRecord", "UpdateActuals", "ActionLog",
                              "Explain", "ExportPdf")]
        calc = "com.sun.star.sheet.SpreadsheetDocument"
        titles = {}
        for locale in ("en-US", "de"):
            ui = cp.createInstanceWithArguments("com.sun.star.configuration.ConfigurationAccess",
                                                office.props(nodepath="/org.openoffice.Office.Addons/AddonUI",
                                                             Locale=locale))
            menu = ui.getByName("OfficeMenuBar").getByName("org.qkpi.menu")
            self.assertEqual(menu.Context, calc)
            sub = menu.getByName("Submenu")
            items = [sub.getByName(n) for n in sorted(sub.getElementNames())]
            # the commands, then a separator and Help (the help pages' index; not on the toolbar)
            self.assertEqual([i.URL for i in items], commands + ["private:separator", "org.qkpi:Help"])
            entries = [i for i in items if i.URL != "private:separator"]
            self.assertTrue(all(i.Context == calc and i.Title for i in entries))
            self.assertEqual(entries[-1].Title, "Hilfe" if locale == "de" else "Help")
            titles[locale] = menu.Title
            bar = ui.getByName("OfficeToolBar").getByName("org.qkpi.toolbar")
            buttons = [bar.getByName(n) for n in sorted(bar.getElementNames())]
            self.assertEqual([b.URL for b in buttons], commands)
            self.assertTrue(all(b.Context == calc for b in buttons))
        self.assertEqual(titles, {"en-US": "Quality Objectives", "de": "Qualitätsziele"})
        # every command has a 16 and a 26 pixel PNG inside the installed extension
        images = ui.getByName("Images")
        expander = office.OFFICE.ctx.getValueByName("/singletons/com.sun.star.util.theMacroExpander")
        found = {}
        for n in images.getElementNames():
            img = images.getByName(n)
            if img.URL in commands:
                found[img.URL] = img
                for prop, size in (("ImageSmallURL", 16), ("ImageBigURL", 26)):
                    url = img.getByName("UserDefinedImages").getPropertyValue(prop)
                    if url.startswith("vnd.sun.star.expand:"):
                        url = expander.expandMacros(urllib.parse.unquote(url[len("vnd.sun.star.expand:"):]))
                    path = os.path.normpath(uno.fileUrlToSystemPath(url))
                    with open(path, "rb") as f:
                        head = f.read(24)
                    self.assertEqual(head[:8], b"\x89PNG\r\n\x1a\n", path)
                    self.assertEqual((int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")),
                                     (size, size), path)
        self.assertEqual(sorted(found), sorted(commands))

    def test_notifying_dispatch_reports_failure_with_message(self):
        doc = self.new_doc()
        frame = doc.getCurrentController().getFrame()
        parser = office.OFFICE.create("com.sun.star.util.URLTransformer")
        url = uno.createUnoStruct("com.sun.star.util.URL")
        url.Complete = "org.qkpi:Review"
        _, url = parser.parseStrict(url)
        listener = Listener()
        frame.queryDispatch(url, "", 0).dispatchWithNotification(url, office.props(Date=DATE), listener)
        self.assertEqual(len(listener.events), 1)
        self.assertEqual(listener.events[0].State, FAILURE)
        self.assertIn('no sheet "Objectives"', listener.events[0].Result)
        self.assertIn("New Register", listener.events[0].Result)

    def test_every_outcome_goes_to_the_document_bar(self):
        """Success and failure alike land in the frame's infobar (id org.qkpi.outcome); the next command's outcome
        replaces it (updateInfobar: still one bar), Silent too. The bar's text and colour are checked on screen by
        test_sidebar (Xvfb)."""
        doc = self.new_doc()
        bars = doc.getCurrentController()
        self.assertFalse(bars.hasInfobar("org.qkpi.outcome"))
        self.ok(doc, "NewRegister")
        self.assertTrue(bars.hasInfobar("org.qkpi.outcome"))
        state, _ = self.dispatch(doc, "ExportPdf", Date=DATE)  # no review yet: a failure, in the same bar
        self.assertEqual(state, FAILURE)
        self.assertTrue(bars.hasInfobar("org.qkpi.outcome"))
        bars.removeInfobar("org.qkpi.outcome")  # the user closed it: the next outcome opens it again
        self.ok(doc, "NewRegister", Silent=True)
        self.assertTrue(bars.hasInfobar("org.qkpi.outcome"))

    def test_silent_argument_is_a_boolean(self):
        doc = self.new_doc()
        self.ok(doc, "NewRegister", Silent=True)
        state, msg = self.dispatch(doc, "Review", Silent="maybe")
        self.assertEqual(state, FAILURE)
        self.assertIn("Silent: expected true or false", msg)

    def test_missing_register_fails_clearly_and_changes_nothing(self):
        doc = self.new_doc()
        before = doc_dump(doc)
        for cmd in ("Review", "ActionLog"):
            state, msg = self.dispatch(doc, cmd, Date=DATE)
            self.assertEqual(state, FAILURE, cmd)
            self.assertIn("Objectives", msg)
        state, msg = self.dispatch(doc, "ExportPdf", FileName=os.path.join(self.tmp, "x.pdf"))
        self.assertEqual(state, FAILURE)
        self.assertIn("No review sheet", msg)
        state, msg = self.dispatch(doc, "Review", Date="25.11.2026")
        self.assertEqual(state, FAILURE)
        self.assertIn("Date", msg)
        self.assertEqual(doc_dump(doc), before)
        self.assertEqual(len(doc.getUndoManager().getAllUndoActionTitles()), 0)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "x.pdf")))

    def test_incomplete_register_row_fails_with_the_row(self):
        doc = self.new_doc()
        self.ok(doc, "NewRegister")
        reg = doc.getSheets().getByName("Objectives")
        reg.getCellByPosition(0, 1).setString("X-1")
        reg.getCellByPosition(1, 1).setString("Fewer complaints")  # no KPI, no Data
        before = doc_dump(doc)
        titles = doc.getUndoManager().getAllUndoActionTitles()
        state, msg = self.dispatch(doc, "Review", Date=DATE)
        self.assertEqual(state, FAILURE)
        self.assertRegex(msg, r"X-1|row 2", msg)
        self.assertEqual(doc_dump(doc), before)
        self.assertEqual(doc.getUndoManager().getAllUndoActionTitles(), titles)


class ProtectionTest(CommandTest):
    def test_protected_sheets(self):
        doc = self.sample_doc()
        self.ok(doc, "Review", Date=DATE)
        self.ok(doc, "ActionLog", Date=DATE)
        # a protected earlier review (its qkpi styles cannot change): the next review still works
        doc.getSheets().getByName(f"Review {DATE}").protect("")
        self.ok(doc, "Review", Date=DATE, Freeze=True)
        # the action log protected: a clear failure, nothing appended
        _, rows = self.action_rows(doc)
        for r in rows:
            r["Status"].setString("Done")
        before = doc_dump(doc)
        titles = doc.getUndoManager().getAllUndoActionTitles()
        log = doc.getSheets().getByName("Action Log")
        log.protect("")
        try:
            state, msg = self.dispatch(doc, "ActionLog", Date=DATE)
        finally:
            log.unprotect("")
        self.assertEqual(state, FAILURE, msg)
        self.assertIn("protected", msg)
        self.assertEqual(doc_dump(doc), before)
        # only the test's own protect/unprotect were recorded
        self.assertEqual(doc.getUndoManager().getAllUndoActionTitles()[2:], titles)


class RegisterTest(CommandTest):
    def test_new_register_headers_and_never_replaced(self):
        doc = self.new_doc()
        t = time.monotonic()
        msg = self.ok(doc, "NewRegister")
        self.assertLess(time.monotonic() - t, 10)
        self.assertIn("Objectives", msg)
        sh = doc.getSheets().getByName("Objectives")
        headers = [sh.getCellByPosition(c, 0).getString() for c in range(len(REGISTER_HEADERS))]
        self.assertEqual(headers, REGISTER_HEADERS)
        # header comments explain the columns
        self.assertGreaterEqual(sh.getAnnotations().getCount(), len(REGISTER_HEADERS))
        # a user's objective, then NewRegister again: left as it is, and the user is told
        sh.getCellByPosition(0, 1).setString("U-1")
        sh.getCellByPosition(1, 1).setString("=HYPERLINK(\"x\")")
        before = doc_dump(doc)
        state, msg = self.dispatch(doc, "NewRegister")
        self.assertEqual(state, SUCCESS)
        self.assertIn("exists already", msg)
        self.assertEqual(doc_dump(doc), before)

    def test_new_register_is_one_undo_step(self):
        doc = self.new_doc()
        before = doc_dump(doc)
        self.ok(doc, "NewRegister")
        um = doc.getUndoManager()
        self.assertEqual(um.getAllUndoActionTitles()[0], "qkpi: New Register")
        um.undo()
        self.assertEqual(doc_dump(doc), before)


class SampleDataTest(CommandTest):
    def test_sample_data_sheets_sizes_and_refusal(self):
        doc = self.new_doc()
        t = time.monotonic()
        self.ok(doc, "SampleData", Date=DATE)
        took = time.monotonic() - t
        self.assertLess(took, 20, f"SampleData took {took:.1f} s")
        sheets = doc.getSheets()
        self.assertEqual(set(sheets.getElementNames()), SAMPLE_SHEETS)  # the empty default sheet is replaced
        rows, cols = used_end(sheets.getByName("Deliveries"))
        self.assertGreaterEqual(rows, 15000)
        self.assertGreaterEqual(cols, 6)
        self.assertEqual(sheets.getByName("Deliveries").getCellByPosition(0, 0).getString(), "Customer")
        for name in ("Quality", "Returns", "Holidays"):
            self.assertGreater(used_end(sheets.getByName(name))[0], 10, name)
        self.assertTrue(doc.getPropertyValue("NamedRanges").hasByName("Holidays"))
        reg = self.register(doc)
        self.assertEqual(len(reg), 4)
        sh = sheets.getByName("Objectives")
        self.assertEqual([sh.getCellByPosition(c, 0).getString() for c in range(len(REGISTER_HEADERS))],
                         REGISTER_HEADERS)
        for ident, row in reg.items():
            kind, _ = office.cell_result(row["Actual"])
            self.assertEqual(kind, "value", f"{ident} Actual: {office.cell_result(row['Actual'])}")
            self.assertIn(row["Status"].getString(), ("GREEN", "AMBER", "RED"), ident)
            for h in ("Objective", "Responsible", "Resources", "Due", "Evaluation"):
                self.assertTrue(row[h].getString(), f"{ident} {h}")
        # a second time: refused, nothing changed
        before = doc_dump(doc)
        state, msg = self.dispatch(doc, "SampleData", Date=DATE)
        self.assertEqual(state, FAILURE)
        self.assertIn("already has", msg)
        self.assertEqual(doc_dump(doc), before)

    def test_sample_data_is_one_undo_step(self):
        doc = self.new_doc()
        before = doc_dump(doc)
        self.ok(doc, "SampleData", Date=DATE)
        um = doc.getUndoManager()
        self.assertEqual(um.getAllUndoActionTitles()[0], "qkpi: Sample Data")
        um.undo()
        self.assertEqual(doc_dump(doc), before)


class ReviewTest(CommandTest):
    def test_review_values_equal_direct_function_calls(self):
        doc = self.sample_doc()
        msg = self.ok(doc, "Review", Date=DATE)
        self.assertIn(f"Review {DATE}", msg)
        review = doc.getSheets().getByName(f"Review {DATE}")
        summary = self.review_summary(review)
        reg = self.register(doc)
        self.assertEqual(set(summary), set(reg))
        for ident, row in reg.items():
            kpi, data, options = row["KPI"].getString(), row["Data"].getString(), row["Options"].getString()
            baseline = row["Baseline"].getValue()
            if kpi == "RETURNS" and row["Baseline"].getType().value != "EMPTY":
                start, due = int(row["Start"].getValue()), int(row["Due"].getValue())
                to = f"MIN({DATE_F};{due})"
                current = direct_call(kpi, data, options, From=str(start), To=to)
                formula = f"REDUCTION({baseline!r}*({to}-{start}+1)/({due}-{start}+1);{current})"
            else:
                formula = direct_call(kpi, data, options)
            want = self.evaluate(doc, formula)
            got = office.cell_result(summary[ident]["Actual"])
            self.assertEqual(want[0], "value", f"{ident}: direct {formula} gave {want}")
            self.assert_close(got, want, f"{ident} actual vs {formula}")
            # status = KPISTATUS of the actual against the register's target
            amber = row["Amber"].getValue() if row["Amber"].getType().value != "EMPTY" else '""'
            status = self.evaluate(doc, f'KPISTATUS({want[1]!r};{row["Target"].getValue()!r};'
                                        f'"{row["Direction"].getString() or "higher"}";{amber})')
            self.assertEqual(summary[ident]["Status"].getString(), status[1], ident)
            self.assertEqual(office.cell_result(summary[ident]["Target"])[1], row["Target"].getValue(), ident)

    def test_per_segment_rows_equal_the_base_function_with_segment(self):
        doc = self.sample_doc()
        self.ok(doc, "Review", Date=DATE)
        review = doc.getSheets().getByName(f"Review {DATE}")
        last_row, _ = used_end(review)
        tables = 0
        for r in range(last_row + 1):
            if review.getCellByPosition(0, r).getString() != "Per segment":
                continue
            header = [review.getCellByPosition(c, r + 1).getString() for c in range(8)]
            first = review.getCellByPosition(0, r + 2)
            array = first.getFormula()
            m = re.match(r"^\{?=ORG\.QKPI\.QUALITYKPI\.([A-Z]+)BY\((.*)\)\}?$", array)
            if not m:
                continue  # a KPI without a ...BY function: SEGMENTS + one call per row
            tables += 1
            base, args = m.group(1), split_args(m.group(2))
            # the value column: RETURNSBY's sum (its 4th column), else the ratio (6th)
            value_col = 3 if base == "RETURNS" else 5
            rr, labels = r + 2, []
            while True:
                label = review.getCellByPosition(0, rr).getString()
                got = office.cell_result(review.getCellByPosition(value_col, rr))
                if label == "(all)":
                    call = f"{base}({args[0]};;;{';'.join(args[2:])})"
                elif label == "(blank)":
                    rr += 1
                    continue
                else:
                    labels.append(label)
                    call = f"{base}({args[0]};{args[1]};{literal(label)};{';'.join(args[2:])})"
                want = self.evaluate(doc, call, on=review)
                if got[0] == "text" and got[1] == "":
                    self.assertEqual(want[0], "error", f"{label}: empty in the table, {want} directly")
                else:
                    self.assert_close(got, want, f"{base}BY row {label!r} vs {call}")
                rr += 1
                if label == "(all)":
                    break
                self.assertLess(rr - r, 200, "no (all) row")
            # every segment of the data is listed (the table was sized by the probe)
            segs = self.evaluate(doc, f"ROWS(SEGMENTS({args[1]}))")
            self.assertEqual(len(labels), segs[1])
        self.assertGreaterEqual(tables, 3)

    def test_second_review_same_day_never_touches_the_first(self):
        doc = self.sample_doc()
        self.ok(doc, "Review", Date=DATE)
        first = doc.getSheets().getByName(f"Review {DATE}")
        before = sheet_dump(first)
        msg = self.ok(doc, "Review", Date=DATE)
        self.assertIn(f"Review {DATE} (2)", msg)
        names = doc.getSheets().getElementNames()
        self.assertIn(f"Review {DATE} (2)", names)
        self.assertEqual(sheet_dump(doc.getSheets().getByName(f"Review {DATE}")), before)
        # both have their charts (chart names are unique in the document)
        n1 = first.getCharts().getCount()
        n2 = doc.getSheets().getByName(f"Review {DATE} (2)").getCharts().getCount()
        self.assertEqual(n1, n2)
        self.assertGreater(n1, 0)
        # the review shown is frozen below the summary's header row (row 5), so the header stays in view
        ctrl = doc.getCurrentController()
        self.assertEqual(ctrl.getActiveSheet().getName(), f"Review {DATE} (2)")
        self.assertTrue(ctrl.hasFrozenPanes())
        self.assertEqual(ctrl.getSplitRow(), 5)
        self.assertEqual(doc.getSheets().getByName(f"Review {DATE} (2)").getCellByPosition(0, 4).getString(), "ID")

    def test_review_is_one_undo_step(self):
        doc = self.sample_doc()
        before = doc_dump(doc)
        self.ok(doc, "Review", Date=DATE, Freeze=True)
        um = doc.getUndoManager()
        self.assertEqual(um.getAllUndoActionTitles()[0], "qkpi: Review")
        um.undo()
        self.assertEqual(doc_dump(doc), before)

    def test_freeze_stores_a_values_only_record(self):
        doc = self.sample_doc()
        msg = self.ok(doc, "Review", Date=DATE, Freeze=True)
        names = doc.getSheets().getElementNames()
        records = [n for n in names if n.startswith(f"Review {DATE}") and n != f"Review {DATE}"]
        self.assertEqual(len(records), 1, names)
        self.assertIn(records[0], msg)
        live = doc.getSheets().getByName(f"Review {DATE}")
        rec = doc.getSheets().getByName(records[0])
        from com.sun.star.sheet.CellFlags import FORMULA
        self.assertEqual(rec.queryContentCells(FORMULA).getCount(), 0)
        self.assertGreater(live.queryContentCells(FORMULA).getCount(), 0)
        s_live, s_rec = self.review_summary(live), self.review_summary(rec)
        self.assertEqual(set(s_live), set(s_rec))
        for ident in s_live:
            for h in ("Actual", "Target", "Status"):
                self.assertEqual(s_rec[ident][h].getString(), s_live[ident][h].getString(), f"{ident} {h}")


class ActionLogTest(CommandTest):
    def test_proposals_for_amber_and_red_and_existing_rows_unchanged(self):
        doc = self.sample_doc()
        self.ok(doc, "Review", Date=DATE)
        reg = self.register(doc)
        bad = {i for i, r in reg.items() if r["Status"].getString() in ("AMBER", "RED")}
        self.assertTrue(bad, "the sample data should have AMBER/RED objectives")
        msg = self.ok(doc, "ActionLog", Date=DATE)
        headers, rows = self.action_rows(doc)
        self.assertEqual(headers[:len(ACTION_HEADERS)], ACTION_HEADERS)
        self.assertEqual({r["Objective"].getString() for r in rows}, bad, msg)
        today = self.evaluate(doc, DATE_F)[1]
        tables = review_segment_tables(doc.getSheets().getByName(f"Review {DATE}"))
        named = 0
        for r in rows:
            ident = r["Objective"].getString()
            self.assertEqual(r["Owner"].getString(), reg[ident]["Responsible"].getString())
            self.assertEqual(r["Status"].getString(), "Open")
            self.assertEqual(r["Due"].getValue(), min(today + 30, reg[ident]["Due"].getValue()), ident)
            # the finding names the worst segments of the review's table (same call, same date), worst first
            finding = r["Finding"].getString()
            m = re.search(r" Worst segments?: (.*)\.$", finding)
            if ident not in tables:
                self.assertIsNone(m, finding)
                continue
            self.assertIsNotNone(m, finding)
            named += 1
            lower = reg[ident]["Direction"].getString().strip().lower() == "lower"
            target = reg[ident]["Target"].getValue()
            ranked = sorted(tables[ident], key=lambda sv: -sv[1] if lower else sv[1])
            missing = [sv for sv in ranked if (sv[1] > target if lower else sv[1] < target)]
            want = missing[:3] or ranked[:1]
            got = [re.match(r"^(.*) (-?[0-9.]+)%$", part).groups() for part in m.group(1).split(", ")]
            self.assertEqual([g[0] for g in got], [w[0] for w in want], finding)
            for (name, shown), (_, value) in zip(got, want):
                decimals = len(shown.split(".")[1]) if "." in shown else 0
                self.assertLessEqual(abs(value * 100 - float(shown)), 0.5 * 10 ** -decimals + 1e-9, (name, finding))
        self.assertGreaterEqual(named, 1, "the sample data should have a segmented AMBER/RED objective")
        # second run: nothing new, nothing changed
        log = doc.getSheets().getByName("Action Log")
        before = sheet_dump(log)
        state, msg = self.dispatch(doc, "ActionLog", Date=DATE)
        self.assertEqual(state, SUCCESS)
        self.assertIn("No new actions", msg)
        self.assertEqual(sheet_dump(log), before)

        # the user closes one action and adds an own row (with text that looks like a formula)
        closed = rows[0]["Objective"].getString()
        rows[0]["Status"].setString("Done")
        last_row, _ = used_end(log)
        user = ["A-900", closed, "Customer complaint", '=HYPERLINK("http://example.com";"8D")', "=2+2", "",
                "", "", "In progress"]
        for c, v in enumerate(user):
            if v:
                log.getCellByPosition(c, last_row + 1).setString(v)
        before = sheet_dump(log)
        state, msg = self.dispatch(doc, "ActionLog", Date=DATE)
        self.assertEqual(state, SUCCESS, msg)
        # every existing row is byte-identical, incl. the user's text cells
        end_row, end_col = before[0], before[1]
        now = log.getCellRangeByPosition(0, 0, end_col, end_row)
        self.assertEqual(now.getFormulaArray(), before[2])
        self.assertEqual(now.getDataArray(), before[3])
        self.assertEqual(log.getCellByPosition(3, last_row + 1).getType().value, "TEXT")
        # the closed objective still has an open action (the user's row): no new proposal
        _, rows2 = self.action_rows(doc)
        self.assertEqual(len(rows2), len(rows) + 1, msg)
        self.assertIn("No new actions", msg)

    def test_action_log_is_one_undo_step_new_and_append(self):
        doc = self.sample_doc()
        before = doc_dump(doc)
        self.ok(doc, "ActionLog", Date=DATE)
        um = doc.getUndoManager()
        self.assertEqual(um.getAllUndoActionTitles()[0], "qkpi: Action Log")
        um.undo()
        self.assertEqual(doc_dump(doc), before)
        # append: close every action, run again -> new rows; undo removes exactly them
        um.redo()
        _, rows = self.action_rows(doc)
        for r in rows:
            r["Status"].setString("Done")
        before = doc_dump(doc)
        msg = self.ok(doc, "ActionLog", Date=DATE)
        _, rows2 = self.action_rows(doc)
        self.assertEqual(len(rows2), 2 * len(rows), msg)
        self.assertEqual(um.getAllUndoActionTitles()[0], "qkpi: Action Log")
        um.undo()
        self.assertEqual(doc_dump(doc), before)


class RegisterFillTest(CommandTest):
    """Review and ActionLog fill in the missing Actual/Status formulas of register rows the user added by hand
    (only EMPTY cells; a hand-edited formula is kept), in the command's one undo step."""

    HAND_OPTIONS = "From=2026-01-01; LateDays=2; QtyTolerance=0.02"

    def add_row(self, doc, row, ident, kpi="OTIF", options=HAND_OPTIONS, target=0.95, amber=0.9):
        """A register row typed in by hand at 0-based sheet row `row`: the OTIF data of the sample, no Actual."""
        sh = doc.getSheets().getByName("Objectives")
        cols = {sh.getCellByPosition(c, 0).getString(): c for c in range(len(REGISTER_HEADERS))}
        q02 = self.register(doc)["Q-02"]
        values = {"ID": ident, "Objective": f"Hand-added objective {ident}", "KPI": kpi,
                  "Data": q02["Data"].getString(), "Segment by": q02["Segment by"].getString(),
                  "Options": options, "Target": target, "Direction": "higher", "Amber": amber,
                  "Due": self.evaluate(doc, "DATE(2026;12;31)")[1], "Responsible": f"Owner of {ident}",
                  "Resources": "QA team", "Evaluation": "Monthly review", "Review frequency": "Monthly"}
        for h, v in values.items():
            cell = sh.getCellByPosition(cols[h], row)
            if isinstance(v, str):
                cell.setString(v)
            else:
                cell.setValue(v)
        self.assertEqual(sh.getCellByPosition(cols["Actual"], row).getType().value, "EMPTY")
        return cols

    def normalized(self, doc, row, formula):
        """`formula` as Calc shows it when entered in the register's row `row` (function names, spacing)."""
        cell = doc.getSheets().getByName("Objectives").getCellByPosition(100, row)
        cell.setFormula(formula)
        out = cell.getFormula()
        cell.setString("")
        return out

    def status_text(self, cols, row):
        """The documented Status formula: KPISTATUS(IFNA(Actual;"");Target;Direction;Amber), blanks wrapped."""
        c = {h: office.col_name(cols[h]) + str(row + 1) for h in ("Actual", "Target", "Direction", "Amber")}
        return (f'=KPISTATUS(IFNA({c["Actual"]};"");{c["Target"]};IF(ISBLANK({c["Direction"]});"";'
                f'{c["Direction"]});IF(ISBLANK({c["Amber"]});"";{c["Amber"]}))')

    def test_review_fills_empty_actual_and_status_only_and_undo_removes_them(self):
        doc = self.sample_doc()
        sh = doc.getSheets().getByName("Objectives")
        # the user edits an existing Actual formula: it must stay byte-identical
        q01 = self.register(doc)["Q-01"]["Actual"]
        edited = "=ROUND(" + q01.getFormula()[1:] + ";4)"
        q01.setFormula(edited)
        edited = q01.getFormula()
        # H-1 in a pre-filled row (its Status formula is there already), H-2 far below (no Status either)
        cols = self.add_row(doc, 5, "H-1")
        self.add_row(doc, 60, "H-2")
        prefilled = sh.getCellByPosition(cols["Status"], 5).getFormula()
        self.assertTrue(prefilled)
        self.assertEqual(sh.getCellByPosition(cols["Status"], 60).getType().value, "EMPTY")
        # what to expect, computed before the command (a scratch formula afterwards would be an undo action)
        data = self.register(doc)["H-1"]["Data"].getString()
        # no To in the Options: the register measures to TODAY() (as of the review date, always)
        call = direct_call("OTIF", data, self.HAND_OPTIONS, To="TODAY()")
        want = self.evaluate(doc, call)
        self.assertEqual(want[0], "value", f"{call} gave {want}")
        # the review measures to its own date instead of TODAY()
        want_review = self.evaluate(doc, direct_call("OTIF", data, self.HAND_OPTIONS, To=DATE_F))
        status_review = self.evaluate(doc, f'KPISTATUS({want_review[1]!r};0.95;"higher";0.9)')[1]
        status = self.evaluate(doc, f'KPISTATUS({want[1]!r};0.95;"higher";0.9)')[1]
        self.assertIn(status, ("GREEN", "AMBER", "RED"))
        # the documented formula texts: KPI(Data; options in the function's argument order), and KPISTATUS
        formulas = {row: self.normalized(doc, row, "=" + call) for row in (5, 60)}
        status_formula = self.normalized(doc, 60, self.status_text(cols, 60))
        before = doc_dump(doc)
        msg = self.ok(doc, "Review", Date=DATE)
        self.assertIn('Added 2 Actual formulas and 1 Status formula to the register "Objectives" (H-1, H-2)', msg)
        reg = self.register(doc)
        summary = self.review_summary(doc.getSheets().getByName(f"Review {DATE}"))
        for ident, row in (("H-1", 5), ("H-2", 60)):
            actual = reg[ident]["Actual"]
            self.assertEqual(actual.getFormula(), formulas[row], ident)
            self.assert_close(office.cell_result(actual), want, f"{ident} Actual vs {call}")
            self.assertEqual(reg[ident]["Status"].getString(), status, ident)
            self.assertEqual(summary[ident]["Status"].getString(), status_review, ident)
            self.assert_close(office.cell_result(summary[ident]["Actual"]), want_review, f"{ident} review Actual")
        self.assertEqual(sh.getCellByPosition(cols["Status"], 5).getFormula(), prefilled)
        self.assertEqual(sh.getCellByPosition(cols["Status"], 60).getFormula(), status_formula)
        self.assertEqual(reg["Q-01"]["Actual"].getFormula(), edited)
        # a second review adds nothing to the register
        msg = self.ok(doc, "Review", Date=DATE)
        self.assertNotIn("Added", msg)
        # one undo each: the second review, then the first one with the filled formulas
        um = doc.getUndoManager()
        um.undo()
        self.assertEqual(um.getAllUndoActionTitles()[0], "qkpi: Review")
        um.undo()
        self.assertEqual(doc_dump(doc), before)

    def test_action_log_proposes_for_a_hand_added_red_row(self):
        doc = self.sample_doc()
        self.add_row(doc, 60, "H-3", target=1, amber=0.9999)  # no OTIF of real data reaches 99.99 %
        today = self.evaluate(doc, DATE_F)[1]
        before = doc_dump(doc)
        msg = self.ok(doc, "ActionLog", Date=DATE)
        self.assertIn('Added 1 Actual formula and 1 Status formula to the register "Objectives" (H-3)', msg)
        reg = self.register(doc)
        self.assertEqual(reg["H-3"]["Status"].getString(), "RED")
        _, rows = self.action_rows(doc)
        mine = [r for r in rows if r["Objective"].getString() == "H-3"]
        self.assertEqual(len(mine), 1, msg)
        self.assertEqual(mine[0]["Owner"].getString(), "Owner of H-3")
        self.assertEqual(mine[0]["Status"].getString(), "Open")
        self.assertEqual(mine[0]["Due"].getValue(), min(today + 30, reg["H-3"]["Due"].getValue()))
        um = doc.getUndoManager()
        self.assertEqual(um.getAllUndoActionTitles()[0], "qkpi: Action Log")
        um.undo()
        self.assertEqual(doc_dump(doc), before)
        # an existing log and a GREEN hand-added row: no new action, but the formulas, in one undo step
        um.redo()
        self.add_row(doc, 61, "H-4", target=0.1, amber=0.05)
        before = doc_dump(doc)
        state, msg = self.dispatch(doc, "ActionLog", Date=DATE)
        self.assertEqual(state, SUCCESS, msg)
        self.assertIn("No new actions", msg)
        self.assertIn("Added 1 Actual formula and 1 Status formula", msg)
        self.assertEqual(self.register(doc)["H-4"]["Status"].getString(), "GREEN")
        self.assertEqual(um.getAllUndoActionTitles()[0], "qkpi: Action Log")
        um.undo()
        self.assertEqual(doc_dump(doc), before)
        # a failure after the formulas were written (the log is protected) removes them again
        self.add_row(doc, 62, "H-5", target=1, amber=0.9999)
        log = doc.getSheets().getByName("Action Log")
        log.protect("")
        before = doc_dump(doc)
        try:
            state, msg = self.dispatch(doc, "ActionLog", Date=DATE)
        finally:
            log.unprotect("")
        self.assertEqual(state, FAILURE, msg)
        self.assertIn("protected", msg)
        self.assertEqual(doc_dump(doc), before)

    def test_bad_hand_added_row_fails_before_anything_changes(self):
        for kpi, options, expect in (("OTIFF", self.HAND_OPTIONS, 'unknown KPI "OTIFF"'),
                                     ("OTIF", "LateDayz=2", 'unknown option "LateDayz"')):
            doc = self.sample_doc()
            self.add_row(doc, 60, "H-5", kpi=kpi, options=options)
            before = doc_dump(doc)
            titles = doc.getUndoManager().getAllUndoActionTitles()
            for cmd in ("Review", "ActionLog"):
                state, msg = self.dispatch(doc, cmd, Date=DATE)
                self.assertEqual(state, FAILURE, f"{cmd}: {msg}")
                self.assertIn(expect, msg)
                self.assertIn("H-5", msg)
                self.assertEqual(doc_dump(doc), before, cmd)
                self.assertEqual(doc.getUndoManager().getAllUndoActionTitles(), titles, cmd)
            self.close(doc)


class DocumentTest(CommandTest):
    def test_user_text_starting_with_equals_stays_text(self):
        doc = self.sample_doc()
        reg = self.register(doc)
        first = sorted(reg)[0]
        objective = '=HYPERLINK("http://example.com";"click")'
        owner = "=1+1"
        reg[first]["Objective"].setString(objective)
        reg[first]["Responsible"].setString(owner)
        self.ok(doc, "Review", Date=DATE)
        # make sure the objective gets a proposal: no open action exists, status forced by a high target
        reg[first]["Target"].setValue(2)
        reg[first]["Amber"].setValue(1.5)
        self.ok(doc, "ActionLog", Date=DATE)
        row = self.review_summary(doc.getSheets().getByName(f"Review {DATE}"))[first]
        self.assertEqual(row["Objective"].getType().value, "TEXT")
        self.assertEqual(row["Objective"].getString(), objective)
        _, rows = self.action_rows(doc)
        mine = [r for r in rows if r["Objective"].getString() == first]
        self.assertEqual(len(mine), 1)
        self.assertEqual(mine[0]["Owner"].getType().value, "TEXT")
        self.assertEqual(mine[0]["Owner"].getString(), owner)

    def test_generated_document_has_no_macros_and_opens_without_qkpi(self):
        doc = self.sample_doc()
        self.ok(doc, "Review", Date=DATE)
        self.ok(doc, "ActionLog", Date=DATE)
        path = os.path.join(self.tmp, "generated.ods")
        office.Office.store(doc, path, "calc8")
        log = sheet_dump(doc.getSheets().getByName("Action Log"))
        title = doc.getSheets().getByName(f"Review {DATE}").getCellByPosition(0, 0).getString()
        reg = self.register(doc)
        objectives = {i: r["Objective"].getString() for i, r in reg.items()}
        kpis = {i: r["KPI"].getString() for i, r in reg.items()}
        self.close(doc)
        import zipfile
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            self.assertFalse([n for n in names if n.startswith(("Basic/", "Scripts/"))], names)
            for part in ("content.xml", "styles.xml", "settings.xml"):
                xml = z.read(part)
                for mark in (b"vnd.sun.star.script", b"script:event-listener", b"macro:"):
                    self.assertNotIn(mark, xml, f"{part}: {mark}")
        os.chmod(self.tmp, 0o755)
        with office.Office(None) as plain:  # an office without qkpi
            doc2 = plain.load(path)
            try:
                doc2.calculateAll()
                # the qkpi cells show #NAME? and keep their formulas ...
                reg2 = self.register(doc2)
                self.assertEqual(set(reg2), set(kpis))
                for ident in kpis:
                    self.assertEqual(reg2[ident]["Actual"].getError(), office.ERR_NAME, ident)
                    self.assertIn(kpis[ident], reg2[ident]["Actual"].getFormula().upper())
                    self.assertEqual(reg2[ident]["Objective"].getString(), objectives[ident])
                # ... everything else is there and works: the action log is unchanged
                self.assertEqual(sheet_dump(doc2.getSheets().getByName("Action Log")), log)
                self.assertEqual(doc2.getSheets().getByName(f"Review {DATE}").getCellByPosition(0, 0).getString(),
                                 title)
            finally:
                office.Office.close(doc2)

    def test_ods_round_trip_keeps_sheets_formulas_and_values(self):
        doc = self.sample_doc()
        self.ok(doc, "Review", Date=DATE)
        self.ok(doc, "ActionLog", Date=DATE)
        path = os.path.join(self.tmp, "roundtrip.ods")
        office.Office.store(doc, path, "calc8")
        names = doc.getSheets().getElementNames()
        keep = {n: sheet_dump(doc.getSheets().getByName(n)) for n in names if n not in ("Deliveries",)}
        charts = doc.getSheets().getByName(f"Review {DATE}").getCharts().getElementNames()
        self.close(doc)
        doc = self.load(path)
        doc.calculateAll()
        self.assertEqual(doc.getSheets().getElementNames(), names)
        self.assertTrue(doc.getPropertyValue("NamedRanges").hasByName("Holidays"))
        self.assertEqual(doc.getSheets().getByName(f"Review {DATE}").getCharts().getElementNames(), charts)
        for n, (rows, cols, formulas, values) in keep.items():
            r2, c2, f2, v2 = sheet_dump(doc.getSheets().getByName(n))
            self.assertEqual((r2, c2), (rows, cols), n)
            self.assertEqual(f2, formulas, n)
            for i, (a, b) in enumerate(zip(values, v2)):
                for j, (x, y) in enumerate(zip(a, b)):
                    if isinstance(x, float) and isinstance(y, float):
                        self.assertTrue(office.close_enough(x, y, 1e-12), f"{n} {office.col_name(j)}{i + 1}")
                    else:
                        self.assertEqual(x, y, f"{n} {office.col_name(j)}{i + 1}")


@unittest.skipUnless(shutil.which("pdftotext"), "pdftotext (poppler-utils) not installed")
class ExportPdfTest(CommandTest):
    def pdf_text(self, path):
        out = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True, timeout=60)
        self.assertEqual(out.returncode, 0, out.stderr)
        return out.stdout

    def test_export_contains_the_latest_review_and_the_action_log_only(self):
        doc = self.sample_doc()
        unsaved = self.dispatch(doc, "ExportPdf")
        self.assertEqual(unsaved[0], FAILURE)  # no review yet
        self.ok(doc, "Review", Date=DATE)
        # a mark in the print range of the first review: must not be in the PDF
        doc.getSheets().getByName(f"Review {DATE}").getCellByPosition(0, 3).setString("MARK-FIRST-REVIEW")
        self.ok(doc, "Review", Date=DATE)  # the latest is "(2)"
        self.ok(doc, "ActionLog", Date=DATE)
        state, msg = self.dispatch(doc, "ExportPdf")
        self.assertEqual(state, FAILURE)
        self.assertIn("not been saved", msg)
        pdf = os.path.join(self.tmp, "review.pdf")
        msg = self.ok(doc, "ExportPdf", FileName=pdf)
        self.assertIn(f"Review {DATE} (2)", msg)
        self.assertIn("Action Log", msg)
        text = self.pdf_text(pdf)
        review = doc.getSheets().getByName(f"Review {DATE} (2)")
        self.assertIn(review.getCellByPosition(0, 0).getString(), text)
        self.assertIn("Action ID", text)
        self.assertIn("Effectiveness", text)
        for ident in self.register(doc):
            self.assertIn(ident, text)
        # no data sheet, and the review only once (not the first review of the day)
        order = doc.getSheets().getByName("Deliveries").getCellByPosition(1, 1).getString()
        self.assertTrue(order)
        self.assertNotIn(order, text)
        self.assertNotIn("MARK-FIRST-REVIEW", text)
        # saved document: next to it by default
        path = os.path.join(self.tmp, "qm.ods")
        doc.storeAsURL(office.to_url(path), office.props(FilterName="calc8"))
        msg = self.ok(doc, "ExportPdf")
        default = os.path.join(self.tmp, f"qm - Review {DATE} (2).pdf")
        self.assertTrue(os.path.isfile(default), msg)
        self.assertIn(default, msg)

    def test_a_file_that_cannot_be_written_is_said_in_words(self):
        """A place nobody can write to (a new file in /proc, refused even for root): the user's message says which
        file and what to do, not LibreOffice's internal store error; the document is unchanged."""
        doc = self.sample_doc()
        self.ok(doc, "Review", Date=DATE)
        before = doc_dump(doc)
        state, msg = self.dispatch(doc, "ExportPdf", FileName="/proc/qkpi-export-test.pdf")
        self.assertEqual(state, FAILURE)
        self.assertTrue(msg.startswith('Export PDF: could not write "/proc/qkpi-export-test.pdf"'), msg)
        self.assertIn("choose another folder", msg)
        self.assertNotIn("SfxBaseModel", msg)
        self.assertFalse(os.path.exists("/proc/qkpi-export-test.pdf"))
        self.assertEqual(doc_dump(doc), before)


if __name__ == "__main__":
    office.main()
