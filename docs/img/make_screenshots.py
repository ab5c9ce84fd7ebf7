#!/usr/bin/python3
"""Screenshots of Calc's Function Wizard showing OTIF and its help, for the README.

Run: /usr/bin/python3 docs/img/make_screenshots.py [--oxt build/qkpi.oxt] [--keep-full]
     /usr/bin/python3 docs/img/make_screenshots.py --workflow [--oxt build/qkpi.oxt] [--keep-full] [--only=review.png]
                                                   [--lang=de-DE]

--workflow: in a visible Calc under Xvfb, runs the menu commands SampleData, Review and ActionLog (review date
today) and grabs the review sheet (summary and the first objective with its per-segment table, trend and chart),
the Action Log, the Objectives register and Explain on the register's OTIF Actual as a user sees them:
docs/img/review.png, action-log.png, register.png, explain.png, each cropped to the sheet's useful cells (found through the grid's accessibility table).
With --lang=de-DE the same in a German UI (UI language de-DE, LC_ALL=de_DE.UTF-8): review-de.png,
action-log-de.png, register-de.png, explain-de.png.
Needs: xvfb, imagemagick (`import`, `convert`), python3-uno; for the German one libreoffice-l10n-de
(all in scripts/setup.sh).

For each UI language (en-US, de-DE): starts `Xvfb :NN -screen 0 1600x1000x24` on a free display, a visible
soffice on it with the extension in a throw-away profile (tests/integration/office.py, headless=False), opens a
Calc document with README's OTIF example table, puts `=OTIF(B2:E6;A2:A6;"acme")` in G2, selects G2 and
dispatches `.uno:FunctionDialog` (the wizard opens on the cell's function, OTIF, with its description and the
argument fields). The wizard's window (found through the toolkit's top windows) is made wide, so that the
description needs fewer lines (Calc shows at most three), and its "Functions" tab is selected through the
accessibility API (it then lists the Add-in category with OTIF selected). After a few seconds
`import -window root` grabs the screen and the picture is cropped to the wizard's window. Writes
docs/img/function-wizard.png and docs/img/function-wizard-de.png (with --keep-full also the uncropped screens;
--lang=de-DE for one language only). The German shot runs soffice with LC_ALL=de_DE.UTF-8 as well.
Every wait has a timeout; Xvfb and soffice are killed at the end (and die with this process).
"""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(REPO, "tests", "integration"))

import office  # noqa: E402
from com.sun.star.accessibility.AccessibleRole import LABEL, PAGE_TAB_LIST  # noqa: E402

SCREEN = (1600, 1000)
DIALOG = (50, 150, 1500, 600)  # x, y, width, height of the wizard
# (UI language, locale for soffice's LC_ALL, output, wizard window titles). The locale gives the German shot
# German number and formula syntax (0,25 and ; as separator): LibreOffice reads the locale name from the
# environment, it need not be generated on the machine.
SHOTS = [("en-US", "en_US.UTF-8", "function-wizard.png", ("Function Wizard",)),
         ("de-DE", "de_DE.UTF-8", "function-wizard-de.png", ("Funktions-Assistent", "Funktionsassistent"))]
WAIT_DIALOG = 4.0  # seconds for the wizard to open and paint
MARGIN = 0  # pixels around the dialog in the crop


def serial(y, m, d):
    return float((datetime.date(y, m, d) - datetime.date(1899, 12, 30)).days)


TABLE = (("Customer", "Due", "Delivered", "OrderedQty", "DeliveredQty"),
         ("ACME", serial(2026, 3, 2), serial(2026, 3, 2), 50.0, 50.0),
         ("ACME", serial(2026, 3, 2), serial(2026, 3, 4), 50.0, 50.0),
         ("ACME", serial(2026, 3, 9), serial(2026, 3, 9), 50.0, 49.0),
         ("Globex", serial(2026, 3, 9), serial(2026, 3, 6), 10.0, 10.0),
         ("ACME", serial(2026, 3, 16), "", 20.0, 0.0))
FORMULA = '=OTIF(B2:E6;A2:A6;"acme")'


def free_display() -> int:
    for n in range(90, 200):
        if not os.path.exists(f"/tmp/.X11-unix/X{n}") and not os.path.exists(f"/tmp/.X{n}-lock"):
            return n
    raise RuntimeError("no free X display number in :90-:199")


class Xvfb:
    def __init__(self):
        self.num = free_display()
        self.display = f":{self.num}"
        self.proc = None

    def __enter__(self):
        w, h = SCREEN
        self.proc = subprocess.Popen(["Xvfb", self.display, "-screen", "0", f"{w}x{h}x24", "-nolisten", "tcp"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     start_new_session=True, preexec_fn=office._die_with_parent)
        deadline = time.monotonic() + 20
        while not os.path.exists(f"/tmp/.X11-unix/X{self.num}"):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.__exit__()
                raise RuntimeError(f"Xvfb {self.display} did not start")
            time.sleep(0.1)
        return self

    def __exit__(self, *exc):
        if self.proc is not None:
            office._kill_group(self.proc)
            self.proc = None
        return False


def run(cmd, timeout=60, **kw):
    p = subprocess.run(cmd, timeout=timeout, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({p.returncode}): {p.stdout}")
    return p.stdout


def call_with_timeout(fn, timeout, what):
    """Runs a UNO call in a thread: a modal dialog would block the call; never wait for ever."""
    box = {}

    def target():
        try:
            box["value"] = fn()
        except Exception as e:  # noqa: BLE001
            box["error"] = e

    th = threading.Thread(target=target, daemon=True)
    th.start()
    th.join(timeout)
    if "error" in box:
        raise RuntimeError(f"{what}: {box['error']}")
    return box.get("value")


def find_window(o, titles):
    """The toolkit's top window whose title contains one of `titles` (None if there is none), and all titles."""
    tk = o.create("com.sun.star.awt.Toolkit")
    names = []
    for i in range(tk.getTopWindowCount()):
        win = tk.getTopWindow(i)
        try:
            title = win.getAccessibleContext().getAccessibleName() or ""
        except Exception:  # noqa: BLE001
            title = ""
        names.append(title)
        if any(t.lower() in title.lower() for t in titles):
            return win, names
    return None, names


def find_accessible(acc, role, name=None, depth=0):
    """Depth-first search of an accessibility tree for a context with `role` (and `name`)."""
    ctx = acc.getAccessibleContext()
    if ctx is None or depth > 20:
        return None
    if ctx.getAccessibleRole() == role and (name is None or ctx.getAccessibleName() == name):
        return ctx
    for i in range(ctx.getAccessibleChildCount()):
        found = find_accessible(ctx.getAccessibleChild(i), role, name, depth + 1)
        if found is not None:
            return found
    return None


def shoot(oxt, lang, name, titles, keep_full):
    with Xvfb() as x, office.Office(oxt, ui_language=lang, headless=False, display=x.display) as o:
        doc = o.new_calc(hidden=False)
        frame = doc.getCurrentController().getFrame()
        frame.getContainerWindow().setPosSize(0, 0, SCREEN[0], SCREEN[1], 15)
        sheet = doc.getSheets().getByIndex(0)
        sheet.getCellRangeByName("A1:E6").setDataArray(TABLE)
        fmt = doc.getNumberFormats().getStandardFormat(2, doc.getPropertyValue("CharLocale"))  # DATE
        sheet.getCellRangeByName("B2:C6").setPropertyValue("NumberFormat", fmt)
        cell = sheet.getCellRangeByName("G2")
        cell.setFormula(FORMULA)
        doc.getCurrentController().select(cell)
        helper = o.create("com.sun.star.frame.DispatchHelper")
        call_with_timeout(lambda: helper.executeDispatch(frame, ".uno:FunctionDialog", "", 0, ()), 15,
                          ".uno:FunctionDialog")
        deadline = time.monotonic() + 15
        win, names = find_window(o, titles)
        while win is None and time.monotonic() < deadline:
            time.sleep(0.2)
            win, names = find_window(o, titles)
        if win is None:
            raise RuntimeError(f"{lang}: no Function Wizard window among the top windows {names}")
        win.setPosSize(*DIALOG, 15)
        tabs = find_accessible(win, PAGE_TAB_LIST)
        if tabs is not None:
            tabs.selectAccessibleChild(0)  # "Functions": the category and function lists
        time.sleep(WAIT_DIALOG)
        if find_accessible(win, LABEL, "OTIF") is None:
            raise RuntimeError(f"{lang}: the wizard does not show OTIF")
        full = os.path.join(HERE, name.replace(".png", "-full.png"))
        run(["import", "-display", x.display, "-window", "root", full])
        out = os.path.join(HERE, name)
        r = win.getPosSize()
        X, Y = max(0, r.X - MARGIN), max(0, r.Y - MARGIN)
        W, H = min(SCREEN[0] - X, r.Width + 2 * MARGIN), min(SCREEN[1] - Y, r.Height + 2 * MARGIN)
        run(["convert", full, "-crop", f"{W}x{H}+{X}+{Y}", "+repage", out])
        if not keep_full:
            os.unlink(full)
        print(f"{lang}: {out} ({W}x{H} at {X},{Y})")
        office.Office.close(doc)
        return out


# ---- --workflow: the sheets the commands make, as a user sees them ------------------------------------
# Review date of the workflow shots: today, as a user runs it (the Action Log's overdue highlighting compares
# with TODAY(), so an older date would paint every proposed action red).
WORKFLOW_DATE = datetime.date.today().isoformat()
# (sheet name or prefix, output, zoom %, last row and column to show, 0-based; the crop ends there)
# (sheet prefix, picture, zoom %, last cell shown (row, col), fallback height in pixels below the
# document window's top when the grid's accessibility table cannot place that cell)
WORKFLOW_SHOTS = [("Review ", "review.png", 75, (43, 13), 700),
                  ("Action Log", "action-log.png", 100, (5, 10), 422),
                  ("Objectives", "register.png", 80, (5, 19), 392),
                  ("Explain ", "explain.png", 90, (30, 8), 640)]
WAIT_PAINT = 3.0  # seconds for Calc to repaint after a sheet is activated


def dispatch(o, doc, command, **args):
    helper = o.create("com.sun.star.frame.DispatchHelper")
    frame = doc.getCurrentController().getFrame()
    ev = call_with_timeout(lambda: helper.executeDispatch(frame, "org.qkpi:" + command, "", 0,
                                                          office.props(**args)), 120, command)
    if ev is None or ev.State != 1:
        raise RuntimeError(f"{command} failed: {ev.Result if ev is not None else 'no result'}")
    return ev.Result


def explain_otif(o, doc):
    """Explain on the register's OTIF Actual: its failed and left-out rows, row by row."""
    reg = doc.getSheets().getByName("Objectives")
    head = reg.getCellRangeByName("A1:T1").getDataArray()[0]
    kpi_col = next(c for c, h in enumerate(head) if h in ("KPI", "Kennzahl"))
    actual_col = next(c for c, h in enumerate(head) if h in ("Actual", "Istwert"))
    otif_row = next(r for r in range(1, 20) if reg.getCellByPosition(kpi_col, r).getString() == "OTIF")
    doc.getCurrentController().select(reg.getCellByPosition(actual_col, otif_row))
    dispatch(o, doc, "Explain")


def shoot_workflow(oxt, keep_full, only, lang=None):
    """SampleData, Review and ActionLog in a visible Calc; one picture per generated sheet."""
    outs = []
    with Xvfb() as x, office.Office(oxt, headless=False, display=x.display, verbose=False,
                                    ui_language=lang) as o:
        doc = o.new_calc(hidden=False)
        ctl = doc.getCurrentController()
        frame = ctl.getFrame()
        frame.getContainerWindow().setPosSize(0, 0, SCREEN[0], SCREEN[1], 15)
        for cmd in ("SampleData", "Review", "ActionLog"):
            dispatch(o, doc, cmd, Date=WORKFLOW_DATE)
        names = doc.getSheets().getElementNames()
        for prefix, name, zoom, last, fallback_h in WORKFLOW_SHOTS:
            if lang:
                name = name.replace(".png", "-" + lang.split("-")[0] + ".png")
            if only and name not in only:
                continue
            if prefix == "Explain ":  # last, so the bar above the other sheets shows their command's outcome
                explain_otif(o, doc)
                names = doc.getSheets().getElementNames()
            sheet_name = next(n for n in names if n == prefix or n.startswith(prefix))
            sheet = doc.getSheets().getByName(sheet_name)
            ctl.setActiveSheet(sheet)
            ctl.ZoomValue = zoom
            ctl.select(sheet.getCellRangeByName("A1"))
            time.sleep(WAIT_PAINT)
            full = os.path.join(HERE, name.replace(".png", "-full.png"))
            run(["import", "-display", x.display, "-window", "root", full])
            out = os.path.join(HERE, name)
            X, Y, W, H = crop_box(frame, last)
            r = frame.getComponentWindow().getPosSize()
            if (X, Y, W, H) == (r.X, r.Y, r.Width, r.Height):  # cell not placed: a fixed box below the toolbars
                X, Y, W, H = 0, r.Y + 22, min(1560, r.Width), fallback_h
            run(["convert", full, "-crop", f"{W}x{H}+{X}+{Y}", "+repage", out])
            if not keep_full:
                os.unlink(full)
            print(f"{sheet_name}: {out} ({W}x{H} at {X},{Y})")
            outs.append(out)
        office.Office.close(doc)
    return outs


def crop_box(frame, last):
    """Screen rectangle from the window's left edge and the column headers to the bottom-right corner of
    cell `last` (row, col), found through the grid's accessibility table; the whole document window when the
    cell is not visible."""
    from com.sun.star.accessibility.AccessibleRole import TABLE  # noqa: PLC0415
    r = frame.getComponentWindow().getPosSize()
    whole = (r.X, r.Y, r.Width, r.Height)
    grid = find_accessible(frame.getComponentWindow(), TABLE)
    if grid is None:
        return whole
    try:
        cell = grid.getAccessibleCellAt(*last).getAccessibleContext()
        p, size = cell.getLocationOnScreen(), cell.getSize()
        # With frozen rows the grid found may be the lower pane: A1's position (in the frozen pane) is the top.
        top = min(grid.getLocationOnScreen().Y, grid.getAccessibleCellAt(0, 0).getAccessibleContext()
                  .getLocationOnScreen().Y)
    except Exception:  # noqa: BLE001  (cell outside the visible part)
        return whole
    col_header = 22  # pixels of the column header bar above the grid
    # The formula bar ends 58 px below the document window's top at this screen size; frozen panes hide A1's
    # pane from the accessibility tree, so the column headers' top is taken from there when it is higher.
    X, Y = 0, min(max(0, top - col_header), r.Y + 58)
    W = min(SCREEN[0], p.X + size.Width + 4) - X
    H = min(SCREEN[1], p.Y + size.Height + 4) - Y
    if W < 100 or H < 50:
        return whole
    return X, Y, W, H


def main():
    oxt, rest = office.parse_oxt(sys.argv[1:])
    keep_full = "--keep-full" in rest
    if "--workflow" in rest:
        only = [a.split("=", 1)[1] for a in rest if a.startswith("--only=")]
        langs = [a.split("=", 1)[1] for a in rest if a.startswith("--lang=")]
        lang = langs[0] if langs else None
        if lang and lang.startswith("de"):
            os.environ["LC_ALL"] = "de_DE.UTF-8"
        else:
            os.environ.setdefault("LC_ALL", "en_US.UTF-8")
        shoot_workflow(oxt, keep_full, only, lang)
        return
    langs = [a.split("=", 1)[1] for a in rest if a.startswith("--lang=")]
    saved = os.environ.get("LC_ALL")
    try:
        for lang, loc, name, titles in SHOTS:
            if langs and lang not in langs:
                continue
            os.environ["LC_ALL"] = loc  # office.Office passes its environment to soffice
            shoot(oxt, lang, name, titles, keep_full)
    finally:
        if saved is None:
            os.environ.pop("LC_ALL", None)
        else:
            os.environ["LC_ALL"] = saved


if __name__ == "__main__":
    main()
