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
    for n in range(91, 120):
        if os.path.exists(f"/tmp/.X{n}-lock"):
            continue
        p = subprocess.Popen(["Xvfb", f":{n}", "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             preexec_fn=office._die_with_parent)
        wait_until(lambda: p.poll() is not None or os.path.exists(f"/tmp/.X11-unix/X{n}"), 10, 0.05)
        time.sleep(0.3)
        if p.poll() is None:
            _XVFB, _DISPLAY = p, f":{n}"
            return _DISPLAY
    raise RuntimeError("cannot start Xvfb")


def tearDownModule():
    if _XVFB is not None:
        _XVFB.kill()
        _XVFB.wait(timeout=10)


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

            # Insert KPI: the formula a user could type, in the current cell, undoable
            target = d.doc.getSheets().getByName("Deliveries").getCellByPosition(10, 2)
            d.ctrl.setActiveSheet(d.doc.getSheets().getByName("Deliveries"))
            d.ctrl.select(target)
            d.control(PANELS[2], "data").setText("$Deliveries.D2:G20001")
            d.control(PANELS[2], "from").setText("2026-01-01")
            fire_action(self.o, d, PANELS[2], "preview")
            res = d.control(PANELS[2], "result").getModel().Label
            self.assertRegex(res, r"^Value: \d+\.\d %$")
            self.assertEqual(target.getType().value, "EMPTY")  # the preview wrote nothing
            fire_action(self.o, d, PANELS[2], "insert")
            res = d.control(PANELS[2], "result").getModel().Label
            self.assertEqual(target.getFormula().split("(", 1)[-1], '$Deliveries.D2:G20001;;;"2026-01-01";TODAY())', res)
            self.assertEqual(d.control(PANELS[2], "formula").getModel().Label,
                             '=OTIF($Deliveries.D2:G20001;;;"2026-01-01";TODAY())')
            self.assertEqual(target.getError(), 0)
            d.doc.getUndoManager().undo()
            self.assertEqual(target.getFormula(), "")
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
                own = [float(m.group(1)) for m in re.finditer(r"refresh \S*/ObjectivesPanel ([0-9.]+) ms", f.read())]
            self.assertGreaterEqual(len(own), 5)
            last = sorted(own[-5:])
            print(f"[sidebar] Objectives panel refresh (50 lines, in soffice): median {last[2]:.1f} ms "
                  f"(min {last[0]:.1f}, max {last[-1]:.1f})", file=sys.stderr)
            # the target is < 100 ms (README, "Sidebar"); the guard is looser so that a loaded machine does not
            # fail the suite, but a refresh that grows with the data (not with the lines) does
            self.assertLess(last[2], 250.0)
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
            finally:
                d.close()


def fire_action(o, d, panel, name):
    """Presses a panel's button through the accessibility API (doAccessibleAction 0 = press), as a screen reader
    or keyboard user would; the panel's listener runs the same code as for a click."""
    ctl = d.control(panel, name)
    acc = ctl.getPeer().getAccessibleContext()
    acc.doAccessibleAction(0)


if __name__ == "__main__":
    office.main()
