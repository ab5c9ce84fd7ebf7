#!/usr/bin/python3
"""The sidebar deck "Quality Objectives" in a visible soffice under Xvfb (started here when DISPLAY is unset).

Opens a document with the sample data (org.qkpi:SampleData), shows the deck and checks through UNO
(getSidebar(), the deck and panel titles, the panels' controls via XPanel.getDialog()) that every objective of
the register and its status is listed, that editing a Target cell updates its line, that a button runs its
command and shows the outcome, and that Insert KPI writes the expected formula (undoable). Saves
screenshots of the deck (docs/img/sidebar.png; the German UI: docs/img/sidebar-de.png) and measures the
refresh of 50 objectives over a big sample (printed; see README "Sidebar").

Run: /usr/bin/python3 tests/integration/test_sidebar.py --oxt build/qkpi.oxt   (or env QKPI_OXT)
"""

from __future__ import annotations

import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import office  # noqa: E402

DATE = "2026-11-25"
DECK = "QkpiDeck"
PANELS = ("QkpiObjectivesPanel", "QkpiActionsPanel", "QkpiInsertKpiPanel")
# Screenshots go to docs/img, or to QKPI_SCREENSHOT_DIR (the LibreOffice 25.2 run writes its own there,
# scripts/lo25.sh); without ImageMagick's `import` none are taken.
IMG = os.environ.get("QKPI_SCREENSHOT_DIR") or os.path.join(office.REPO, "docs", "img")

_XVFB = None
_DISPLAY = os.environ.get("DISPLAY")


def start_display() -> str:
    """The X display to use: DISPLAY, or an Xvfb started here (stopped in tearDownModule)."""
    global _XVFB, _DISPLAY
    if _DISPLAY:
        return _DISPLAY
    if not shutil.which("Xvfb"):
        raise unittest.SkipTest("no DISPLAY and no Xvfb")
    # -displayfd: Xvfb picks a free display itself and writes its number when it accepts connections
    # (stale lock or socket files of killed servers cannot fool it)
    r, w = os.pipe()
    p = subprocess.Popen(["Xvfb", "-displayfd", str(w), "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, pass_fds=(w,),
                         preexec_fn=office._die_with_parent)
    os.close(w)

    number = b""
    end = time.monotonic() + 20
    while not number.endswith(b"\n") and time.monotonic() < end and p.poll() is None:
        ready, _, _ = select.select([r], [], [], 0.5)
        if ready:
            chunk = os.read(r, 16)
            if not chunk:
                break
            number += chunk
    os.close(r)
    if p.poll() is None and number.strip().isdigit():
        _XVFB, _DISPLAY = p, ":" + number.decode().strip()
        return _DISPLAY
    p.kill()
    raise RuntimeError("cannot start Xvfb")


def tearDownModule():
    global _XVFB
    if _XVFB is not None:
        _XVFB.terminate()  # SIGTERM: Xvfb removes its lock file (SIGKILL left one behind per run)
        try:
            _XVFB.wait(timeout=10)
        except subprocess.TimeoutExpired:
            _XVFB.kill()
            _XVFB.wait(timeout=10)
        _XVFB = None


def wait_until(pred, timeout=20.0, interval=0.1):
    """Polls pred() (the panels refresh on the office's next idle event)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        v = pred()
        if v:
            return v
        time.sleep(interval)
    return pred()


class Deck:
    """A Calc document in a visible window with the qkpi deck shown."""

    def __init__(self, o: office.Office):
        self.o = o
        self.doc = o.desktop.loadComponentFromURL("private:factory/scalc", "_blank", 0,
                                                  office.props(Hidden=False))
        self.ctrl = self.doc.getCurrentController()
        self.frame = self.ctrl.getFrame()
        self.frame.getContainerWindow().setPosSize(0, 0, 1280, 900, 15)

    def dispatch(self, cmd, **args):
        helper = self.o.create("com.sun.star.frame.DispatchHelper")
        return helper.executeDispatch(self.frame, "org.qkpi:" + cmd, "", 0,
                                      office.props(Silent=True, Date=DATE, **args))

    def show(self):
        if getattr(self, "_deck", None) is not None:
            return self._deck
        sb = self.ctrl.getSidebar()
        sb.setVisible(True)
        deck = sb.getDecks().getByName(DECK)
        if not deck.isActive():
            deck.activate(True)
        # the sidebar creates the deck's panels on its next layout (asynchronously)
        wait_until(lambda: all(deck.getPanels().hasByName(p) for p in PANELS), 20)
        self._deck = deck  # activating the current deck again would collapse it
        return deck

    def labels(self, panel):
        """The Labels of a panel's controls (XPanel.getDialog() is the panel's control container)."""
        dlg = self.show().getPanels().getByName(panel).getDialog()
        return [c.getModel().Label for c in dlg.getControls()
                if c.getModel().getPropertySetInfo().hasPropertyByName("Label")]

    def control(self, panel, name):
        return self.show().getPanels().getByName(panel).getDialog().getControl(name)

    def screenshot(self, path):
        if shutil.which("import") is None:
            print(f"[sidebar] no ImageMagick: screenshot {path} not taken")
            return
        os.makedirs(os.path.dirname(path), exist_ok=True)
        subprocess.run(["import", "-display", _DISPLAY, "-window", "root", path], check=True, timeout=60)

    def screenshot_insert_kpi(self, path):
        """The Insert KPI panel in view: the two panels above it collapsed for the picture, then expanded."""
        panels = self.show().getPanels()
        for p in PANELS[:2]:
            panels.getByName(p).collapse()
        time.sleep(1.0)
        self.screenshot(path)
        for p in PANELS[:2]:
            panels.getByName(p).expand(False)
        time.sleep(0.5)

    def close(self):
        office.Office.close(self.doc)


def register_rows(doc):
    sh = doc.getSheets().getByName("Objectives")
    data = sh.getCellRangeByName("A1:S60").getDataArray()
    hdr = list(data[0])
    rows = [r for r in data[1:] if str(r[0]).strip()]
    return sh, hdr, rows


class SidebarTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        disp = start_display()
        os.environ["QKPI_SIDEBAR_TIMING"] = "1"  # the panels log each refresh's duration to soffice's stderr
        cls.o = office.Office(office.oxt_path(), headless=False, display=disp)
        cls.o.__enter__()

    @classmethod
    def tearDownClass(cls):
        cls.o.stop()

    def test_1_deck_objectives_actions_insert_kpi(self):
        d = Deck(self.o)
        try:
            deck = d.show()
            self.assertEqual(deck.getTitle(), "Quality Objectives")
            panels = deck.getPanels()
            self.assertEqual(tuple(panels.getElementNames()), PANELS)
            self.assertEqual([panels.getByName(p).getTitle() for p in PANELS], ["Objectives", "Actions", "Insert KPI"])
            # no register: says so, offers the two commands
            labels = wait_until(lambda: d.labels(PANELS[0]))
            self.assertTrue(any('no "Objectives" register' in s for s in labels), labels)
            self.assertIn("Insert sample data", labels)
            self.assertIn("New register", labels)

            # the sample data (dated, as the other tests), then every objective listed
            d.dispatch("SampleData")
            sh, hdr, rows = register_rows(d.doc)
            self.assertGreaterEqual(len(rows), 3)
            status_col, target_col = hdr.index("Status"), hdr.index("Target")

            got = wait_until(lambda: len([s for s in d.labels(PANELS[0]) if s.startswith("Q-")]) == len(rows))
            for i, r in enumerate(rows):
                line = d.control(PANELS[0], f"line{i}").getModel().Label
                chip = d.control(PANELS[0], f"chip{i}").getModel()
                self.assertTrue(line.startswith(r[0] + "  "), (line, r[0]))
                self.assertEqual(chip.Label, r[status_col], (r[0], chip.Label))
                target_shown = sh.getCellByPosition(target_col, i + 1).getString()
                self.assertIn("Target " + target_shown, line)
                colours = {"GREEN": 0xC6EFCE, "AMBER": 0xFFEB9C, "RED": 0xFFC7CE, "GREY": 0xE7E6E6}
                self.assertEqual(chip.BackgroundColor, colours[r[status_col]])
            self.assertTrue(got)
            d.screenshot(os.path.join(IMG, "sidebar.png"))
            d.screenshot_insert_kpi(os.path.join(IMG, "sidebar-insert-kpi.png"))

            # editing a Target updates the line (status and target)
            cell = sh.getCellByPosition(target_col, 1)
            cell.setValue(sh.getCellByPosition(hdr.index("Amber"), 1).getValue())  # reached: GREEN
            status_now = lambda: sh.getCellByPosition(status_col, 1).getString()  # noqa: E731
            self.assertEqual(status_now(), "GREEN")
            ok = wait_until(lambda: d.control(PANELS[0], "chip0").getModel().Label == "GREEN" and
                            "Target " + cell.getString() in d.control(PANELS[0], "line0").getModel().Label)
            self.assertTrue(ok, d.control(PANELS[0], "line0").getModel().Label)

            # a click on a line selects its register row
            d.ctrl.setActiveSheet(d.doc.getSheets().getByName("Deliveries"))
            fire_action(self.o, d, PANELS[0], "line1")
            wait_until(lambda: d.ctrl.getSelection().getRangeAddress().StartRow == 2, 10)
            sel = d.ctrl.getSelection().getRangeAddress()
            self.assertEqual(d.ctrl.getActiveSheet().getName(), "Objectives")
            self.assertEqual((sel.StartRow, sel.EndRow), (2, 2))

            # Actions: a button runs its command and shows the outcome; open/overdue counts from the log
            fire_action(self.o, d, PANELS[1], "cmdActionLog")
            outcome = wait_until(lambda: d.control(PANELS[1], "outcome").getModel().Label.startswith("Action Log"))
            self.assertTrue(outcome)
            out = d.control(PANELS[1], "outcome").getModel().Label
            self.assertTrue(d.doc.getSheets().hasByName("Action Log"), out)
            self.assertNotIn("failed", out)
            log = wait_until(lambda: "open action" in d.control(PANELS[1], "log").getModel().Label and
                             d.control(PANELS[1], "log").getModel().Label)
            self.assertTrue(log, d.control(PANELS[1], "log").getModel().Label)
            fire_action(self.o, d, PANELS[1], "cmdUpdateActuals")  # known or not: an outcome either way
            out2 = wait_until(lambda: d.control(PANELS[1], "outcome").getModel().Label.startswith("Update Actuals")
                              and d.control(PANELS[1], "outcome").getModel().Label)
            self.assertTrue(out2)
            # Explain runs on the selected cell: the register's first Actual
            actual = sh.getCellByPosition(hdr.index("Actual"), 1)
            d.ctrl.setActiveSheet(sh)
            d.ctrl.select(actual)
            explain_sheet = "Explain Objectives " + actual.AbsoluteName.split(".")[-1].replace("$", "")
            fire_action(self.o, d, PANELS[1], "cmdExplain")
            out3 = wait_until(lambda: d.control(PANELS[1], "outcome").getModel().Label.startswith("Explain")
                              and d.control(PANELS[1], "outcome").getModel().Label)
            self.assertTrue(out3)
            self.assertTrue(out3.startswith("Explain: Explained "), out3)  # not "Explain failed: ..."
            self.assertTrue(d.doc.getSheets().hasByName(explain_sheet), (out3, d.doc.getSheets().getElementNames()))

            # Insert KPI: the formula a user could type, in the current cell, undoable
            target = d.doc.getSheets().getByName("Deliveries").getCellByPosition(10, 2)
            d.ctrl.setActiveSheet(d.doc.getSheets().getByName("Deliveries"))
            d.ctrl.select(target)
            d.control(PANELS[2], "data").setText("$Deliveries.D2:G20001")
            d.control(PANELS[2], "from").setText("2026-01-01")
            fire_action(self.o, d, PANELS[2], "preview")
            # an accessible press can be handled after doAccessibleAction returns: wait for the result line
            res = wait_until(lambda: d.control(PANELS[2], "result").getModel().Label) or ""
            self.assertRegex(res, r"^Value: \d+\.\d %$")
            self.assertEqual(target.getType().value, "EMPTY")  # the preview wrote nothing
            fire_action(self.o, d, PANELS[2], "insert")
            # the panel writes its outcome after the insertion (and Calc's recalculation): wait for it
            wait_until(lambda: d.control(PANELS[2], "result").getModel().Label.startswith("Inserted"))
            res = d.control(PANELS[2], "result").getModel().Label
            self.assertEqual(target.getFormula().split("(", 1)[-1], '$Deliveries.D2:G20001;;;"2026-01-01";TODAY())', res)
            self.assertEqual(d.control(PANELS[2], "formula").getModel().Label,
                             '=OTIF($Deliveries.D2:G20001;;;"2026-01-01";TODAY())')
            self.assertEqual(target.getError(), 0)
            # a ratio in a cell of the default format gets the register's percent format, in the same undo step
            formats = d.doc.getNumberFormats()
            self.assertEqual(formats.getByKey(target.NumberFormat).FormatString, "0.00%")
            self.assertRegex(res, r"^Inserted into K3: \d+\.\d\d%$")
            d.doc.getUndoManager().undo()
            self.assertEqual(target.getFormula(), "")
            self.assertEqual(formats.getByKey(target.NumberFormat).FormatString, "General")
            # a format the user chose stays
            own = d.doc.getSheets().getByName("Deliveries").getCellByPosition(11, 2)
            key = formats.queryKey("0.000", uno_locale("en", "US"), False)
            own.NumberFormat = key if key >= 0 else formats.addNew("0.000", uno_locale("en", "US"))
            d.ctrl.select(own)
            fire_action(self.o, d, PANELS[2], "insert")
            wait_until(lambda: own.getFormula() != "")  # the press may be handled after it returns
            self.assertEqual(own.getFormula().split("(", 1)[-1], '$Deliveries.D2:G20001;;;"2026-01-01";TODAY())')
            self.assertEqual(formats.getByKey(own.NumberFormat).FormatString, "0.000")
            d.doc.getUndoManager().undo()
            self.assertEqual(own.getFormula(), "")
        finally:
            d.close()

    def test_3_range_fields_check_select_and_use_selection(self):
        """The Data range and Segment column fields: typed ranges are checked (syntax, one column, the sheet
        exists), "Use selection" takes the selection, "Select…" runs Calc's own reference input."""
        d = Deck(self.o)
        try:
            d.dispatch("SampleData")
            d.show()
            problem = lambda f: d.control(PANELS[2], "problem:" + f).getModel().Label  # noqa: E731
            data, seg = d.control(PANELS[2], "data"), d.control(PANELS[2], "segments")
            data.setText("$Nosuch.D2:G20001")
            self.assertEqual(problem("data"), 'This document has no sheet "Nosuch".')
            data.setText("Deliveries D2:G20001")
            self.assertIn("is not a range", problem("data"))
            data.setText("$Deliveries.D2:G20001")
            self.assertEqual(problem("data"), "")
            seg.setText("$Deliveries.A2:B20001")
            self.assertEqual(problem("segments"), '"$Deliveries.A2:B20001" must be one column, e.g. $Deliveries.A2:A20001.')
            # a field with a problem the formula does not show (no such sheet): nothing is inserted
            seg.setText("")
            data.setText("$Nosuch.D2:G20001")
            cell = d.doc.getSheets().getByName("Deliveries").getCellByPosition(12, 2)
            d.ctrl.setActiveSheet(d.doc.getSheets().getByName("Deliveries"))
            d.ctrl.select(cell)
            fire_action(self.o, d, PANELS[2], "insert")
            self.assertEqual(cell.getFormula(), "")
            self.assertEqual(d.control(PANELS[2], "formula").getModel().Label, "Fix the range shown in red first.")
            data.setText("$Deliveries.D2:G20001")
            # Use selection: the selected column, sheet-qualified and absolute
            d.ctrl.select(d.doc.getSheets().getByName("Deliveries").getCellRangeByName("A2:A20001"))
            fire_action(self.o, d, PANELS[2], "use:segments")
            wait_until(lambda: seg.getText() == "$Deliveries.$A$2:$A$20001", 5)
            self.assertEqual(seg.getText(), "$Deliveries.$A$2:$A$20001", self.o._read_log()[-1500:])
            self.assertEqual(problem("segments"), "")
            # Select…: Calc's reference input (the collapsed range dialog); type a range there, press OK
            seg.setText("")
            fire_action(self.o, d, PANELS[2], "select:segments")
            dlg = wait_until(lambda: find_top_window(self.o, "Insert KPI: select the range"), 10)
            self.assertTrue(dlg, "no range selection window")
            edit = wait_until(lambda: find_accessible(dlg, lambda c: c.getAccessibleRole() == ROLE_TEXT), 5)
            self.assertTrue(edit, "no range field in the reference input")
            edit.setText("$Deliveries.$B$2:$B$20001")
            # the range bar's only button ("Expand", as in Calc's collapsed dialogs) takes the range
            ok = find_accessible(dlg, lambda c: c.getAccessibleRole() == ROLE_PUSH_BUTTON)
            self.assertTrue(ok, f"no button in the reference input: {describe_tree(dlg)}")
            ok.doAccessibleAction(0)
            got = wait_until(lambda: seg.getText() == "$Deliveries.$B$2:$B$20001", 10)
            self.assertTrue(got, seg.getText())
            self.assertEqual(problem("segments"), "")
        finally:
            d.close()

    def test_4_stale_actual_is_shown(self):
        """An Actual whose formula no longer matches its Data/Options (the review's check) is marked in words."""
        d = Deck(self.o)
        try:
            d.dispatch("SampleData")
            sh, hdr, rows = register_rows(d.doc)
            d.show()
            line0 = lambda: d.control(PANELS[0], "line0").getModel().Label  # noqa: E731
            summary = lambda: d.control(PANELS[0], "summary").getModel().Label  # noqa: E731
            self.assertTrue(wait_until(lambda: d.control(PANELS[0], "line0") is not None and "Target" in line0()))
            self.assertNotIn("stale", line0())
            self.assertNotIn("stale", summary())
            data = sh.getCellByPosition(hdr.index("Data"), 1)
            old = data.getString()
            data.setString(re.sub(r"(\d+)$", lambda m: str(int(m.group(1)) - 1), old))  # one row less
            self.assertNotEqual(data.getString(), old)
            self.assertTrue(wait_until(lambda: "Actual is stale: run Update Actuals" in line0()), line0())
            self.assertTrue(summary().endswith("; 1 stale Actual"), summary())
            self.assertIn("stale", d.control(PANELS[0], "line0").getModel().HelpText)
            d.dispatch("UpdateActuals")  # rewrites the Actual: no longer stale
            self.assertTrue(wait_until(lambda: "stale" not in line0() and "stale" not in summary()), line0())
        finally:
            d.close()

    def test_6_toolbar_in_its_own_row_and_the_outcome_bar(self):
        """The Quality Objectives toolbar docks at the top in a row of its own (below Calc's Standard bar, not
        glued to its end); a command's outcome shows in the bar above the sheet, with its message."""
        d = Deck(self.o)
        try:
            lm = d.frame.LayoutManager
            ours, std = "private:resource/toolbar/addon_org.qkpi.toolbar", "private:resource/toolbar/standardbar"
            self.assertTrue(wait_until(lambda: lm.getElement(ours) is not None, 20), "no qkpi toolbar")
            self.assertTrue(lm.isElementDocked(ours))
            # the toolbars' windows as laid out (getElementPos gives docking rows, not pixels): no other docked
            # toolbar shares our row (Standard at the top, Formatting below it), and ours starts at the left
            w_ours = lm.getElement(ours).getRealInterface().getPosSize()
            rows = {}
            for el in lm.getElements():
                url = el.ResourceURL
                if "/toolbar/" not in url or url == ours or not lm.isElementVisible(url) or \
                        not lm.isElementDocked(url):
                    continue
                w = el.getRealInterface().getPosSize()
                rows[url] = (w.X, w.Y, w.Height)
            self.assertIn(std, rows)
            for url, (x, y, h) in rows.items():
                self.assertFalse(y < w_ours.Y + w_ours.Height and w_ours.Y < y + h,
                                 f"{url} at y={y}..{y + h} shares the row of ours at y={w_ours.Y}..")
            self.assertGreater(w_ours.Y, rows[std][1], rows)
            self.assertLess(w_ours.X, 50, (w_ours.X, w_ours.Y))
            # the outcome bar: Silent (as the sidebar dispatches) still shows it
            d.dispatch("SampleData")
            self.assertTrue(d.ctrl.hasInfobar("org.qkpi.outcome"))
            win = d.frame.getContainerWindow().getAccessibleContext()

            def message():
                c = find_accessible(win, lambda c: "Added the sample sheets" in (c.getAccessibleName() or ""),
                                    skip_roles=SHEET_ROLES)
                return c.getAccessibleName() if c is not None else None
            text = wait_until(message, 20)
            self.assertTrue(text, describe_tree(win)[:80])
            self.assertIn('"Deliveries"', text)
            time.sleep(0.5)
            d.screenshot(os.path.join(IMG, "outcome-bar.png"))
        finally:
            d.close()

    def test_5_rebinds_when_another_document_is_loaded_into_the_frame(self):
        """File > Open into an unmodified Untitled (the same frame, loadComponentFromURL "_self"): the deck
        follows the new document — its objectives listed and its edits followed."""
        src = Deck(self.o)
        path = os.path.join(self.o.tmp, "rebind.ods")
        try:
            src.dispatch("SampleData")
            office.Office.store(src.doc, path)
        finally:
            src.close()
        d = Deck(self.o)
        try:
            d.show()
            labels = wait_until(lambda: d.labels(PANELS[0]))
            self.assertTrue(any('no "Objectives" register' in s for s in labels), labels)
            frame = d.frame
            doc = frame.loadComponentFromURL(office.to_url(path), "_self", 0, office.props())
            self.assertIsNotNone(doc)
            self.assertTrue(frame.getController().getModel() == doc)
            d.doc, d.ctrl, d._deck = doc, frame.getController(), None
            sh, hdr, rows = register_rows(doc)
            listed = wait_until(lambda: len([s for s in d.labels(PANELS[0]) if s.startswith("Q-")]) == len(rows), 20)
            self.assertTrue(listed, d.labels(PANELS[0]))
            # and it listens to the new document: an edit of its register updates the line
            target = sh.getCellByPosition(hdr.index("Target"), 1)
            target.setValue(0.5)
            want = "Target " + target.getString()
            self.assertTrue(wait_until(lambda: want in d.control(PANELS[0], "line0").getModel().Label),
                            d.control(PANELS[0], "line0").getModel().Label)
        finally:
            d.close()

    def test_2_refresh_speed_50_objectives(self):
        """50 objectives over the sample: the time of one panel refresh (read register + redraw)."""
        d = Deck(self.o)
        try:
            d.dispatch("SampleData")
            sh, hdr, rows = register_rows(d.doc)
            n0 = len(rows)
            src = sh.getCellRangeByPosition(0, 1, len(hdr) - 1, n0)
            for k in range(n0, 50):  # copies of the sample rows (formulas follow: same-row references)
                dst = sh.getCellByPosition(0, 1 + k).getCellAddress()
                sh.copyRange(dst, src.getCellByPosition(0, k % n0).getSpreadsheet().getCellRangeByPosition(
                    0, 1 + k % n0, len(hdr) - 1, 1 + k % n0).getRangeAddress())
                sh.getCellByPosition(0, 1 + k).setString(f"Q-{k + 1:02d}")
            d.show()
            ok = wait_until(lambda: d.control(PANELS[0], "line49") is not None, timeout=60)
            self.assertTrue(ok)
            times = []
            for i in range(5):
                t = time.monotonic()
                sh.getCellByPosition(hdr.index("Target"), 1).setValue(0.99 - i / 100)
                # the refresh runs on the office's next idle event; wait for the line to show it
                want = sh.getCellByPosition(hdr.index("Target"), 1).getString()
                wait_until(lambda: ("Target " + want) in d.control(PANELS[0], "line0").getModel().Label, 30, 0.002)
                times.append(time.monotonic() - t)
            times.sort()
            print(f"[sidebar] edit + recalc + refresh of 50 objectives, seen from the test: median "
                  f"{times[2] * 1000:.0f} ms (min {times[0] * 1000:.0f}, max {times[-1] * 1000:.0f})", file=sys.stderr)
            with open(os.path.join(self.o.tmp, "soffice.log"), errors="replace") as f:
                text = f.read()
                own = [float(m.group(1)) for m in re.finditer(r"refresh \S*/ObjectivesPanel ([0-9.]+) ms", text)]
                print("[sidebar] last refreshes: " + "; ".join(re.findall(r"(?:refresh \S*/ObjectivesPanel|objectives: read) [^\n]*", text)[-4:]),
                      file=sys.stderr)
            self.assertGreaterEqual(len(own), 5)
            last = sorted(own[-5:])
            print(f"[sidebar] Objectives panel refresh (50 lines, in soffice): median {last[2]:.1f} ms "
                  f"(min {last[0]:.1f}, max {last[-1]:.1f})", file=sys.stderr)
            # The refresh's own work (the model, drawing the lines, the layout) apart from reading the register,
            # which includes the recalculation Calc defers until a value is read (the Actuals use TODAY(),
            # a volatile function: every edit recalculates them); bench/sidebar_bench.py measures the two apart.
            parts = [(float(a), float(b), float(c)) for a, b, c in
                     re.findall(r"objectives: read ([0-9.]+) ms, model ([0-9.]+) ms, draw ([0-9.]+) ms", text)][-5:]
            layouts = [float(x) for x in re.findall(r"ObjectivesPanel [0-9.]+ ms \(read and draw [0-9.]+, layout ([0-9.]+)\)",
                                                     text)][-5:]
            self.assertEqual(len(parts), 5)
            work = sorted(m + dr + la for (_, m, dr), la in zip(parts, layouts))
            print(f"[sidebar] of which the panel's own work (model + draw + layout): median {work[2]:.1f} ms; "
                  f"reading the register (with Calc's deferred recalculation): median "
                  f"{sorted(p[0] for p in parts)[2]:.1f} ms", file=sys.stderr)
            # Times are reported, not asserted (no wall-clock assertions in tests: bench/sidebar_bench.py measures
            # the 1 M-row figure for the README). What is asserted: every edit led to one logged refresh.
            self.assertTrue(all(t >= 0 for t in work) and len(last) >= 5)
        finally:
            d.close()


class SidebarGermanTest(unittest.TestCase):
    """The German UI: titles from Sidebar.xcu (xml:lang="de"), panel texts from the UI locale."""

    def test_german_titles_and_texts(self):
        with office.Office(office.oxt_path(), headless=False, display=start_display(), ui_language="de-DE") as o:
            d = Deck(o)
            try:
                d.dispatch("SampleData")
                deck = d.show()
                self.assertEqual(deck.getTitle(), "Qualitätsziele")
                self.assertEqual([deck.getPanels().getByName(p).getTitle() for p in PANELS],
                                 ["Ziele", "Aktionen", "Kennzahl einfügen"])
                ok = wait_until(lambda: d.control(PANELS[0], "summary").getModel().Label.endswith(" GELB") or
                                "Ziele:" in d.control(PANELS[0], "summary").getModel().Label)
                self.assertTrue(ok, d.control(PANELS[0], "summary").getModel().Label)
                labels = d.labels(PANELS[1])
                for want in ("Beispieldaten", "Neues Register", "Bewertung", "Maßnahmenplan",
                             "Istwerte aktualisieren", "PDF exportieren", "Offene Maßnahmen"):
                    self.assertIn(want, labels)
                self.assertIn("In aktuelle Zelle einfügen", d.labels(PANELS[2]))
                d.screenshot(os.path.join(IMG, "sidebar-de.png"))
                d.screenshot_insert_kpi(os.path.join(IMG, "sidebar-insert-kpi-de.png"))
            finally:
                d.close()


ROLE_PUSH_BUTTON, ROLE_TEXT = 44, 60  # com.sun.star.accessibility.AccessibleRole


def uno_locale(lang, country):
    import uno
    return uno.createUnoStruct("com.sun.star.lang.Locale", lang, country, "")


def find_top_window(o, title):
    """The accessible context of the office's top window titled `title` (or None)."""
    tk = o.create("com.sun.star.awt.Toolkit")
    for i in range(tk.getTopWindowCount()):
        w = tk.getTopWindow(i)
        try:
            acc = w.getAccessibleContext()
        except Exception:  # noqa: BLE001
            continue
        if acc is not None and title in (acc.getAccessibleName() or ""):
            return acc
    return None


def _roles(*names):
    import uno
    return frozenset(uno.getConstantByName("com.sun.star.accessibility.AccessibleRole." + n) for n in names)


# Never walked when looking for a window's bars: the spreadsheet (its grid has a child per cell) and the menus.
SHEET_ROLES = _roles("TABLE", "DOCUMENT_SPREADSHEET", "MENU_BAR")


def find_accessible(ctx, pred, depth=0, skip_roles=frozenset()):
    """The first accessible context under `ctx` (depth first) for which pred() is true (not below a context of a
    role in skip_roles)."""
    if ctx is None or depth > 12:
        return None
    for i in range(min(ctx.getAccessibleChildCount(), 500)):
        child = ctx.getAccessibleChild(i)
        c = child.getAccessibleContext() if child is not None else None
        if c is None:
            continue
        if pred(c):
            return c
        if c.getAccessibleRole() in skip_roles:
            continue
        found = find_accessible(c, pred, depth + 1, skip_roles)
        if found is not None:
            return found
    return None


def describe_tree(ctx, depth=0):
    """(role, name) of every accessible under ctx, for a failure message."""
    out = []
    for i in range(min(ctx.getAccessibleChildCount(), 500) if ctx is not None and depth < 12 else 0):
        c = ctx.getAccessibleChild(i).getAccessibleContext()
        out.append((c.getAccessibleRole(), c.getAccessibleName()))
        if c.getAccessibleRole() not in SHEET_ROLES:
            out += describe_tree(c, depth + 1)
    return out


def fire_action(o, d, panel, name):
    """Presses a panel's button through the accessibility API (doAccessibleAction 0 = press), as a screen reader
    or keyboard user would; the panel's listener runs the same code as for a click."""
    ctl = d.control(panel, name)
    acc = ctl.getPeer().getAccessibleContext()
    acc.doAccessibleAction(0)


if __name__ == "__main__":
    office.main()
