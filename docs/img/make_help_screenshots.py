#!/usr/bin/python3
"""Screenshots of the qkpi help pages in LibreOffice's Help window, for the README.

Run: /usr/bin/python3 docs/img/make_help_screenshots.py [--oxt build/qkpi.oxt] [--lang=de-DE] [--keep-full]

In a visible Calc under Xvfb (docs/img/make_screenshots.py's Xvfb, tests/integration/office.py) with the
extension in a throw-away profile: opens the menu "Quality Objectives" with a click on its menu bar entry
(found through the accessibility API), goes to its last entry (End: Help) and presses Return. On an empty
cell the index page opens in a window of its own: docs/img/help-index.png. Then on a cell with
=IFNA(OTIF(...);"") the same opens OTIF's page (context help): docs/img/help-otif.png. Keys and clicks
go through xdotool; `import -window root` grabs the screen, cropped to the Help window. Needs xvfb,
xdotool, imagemagick, libreoffice-help-common and libreoffice-writer (scripts/setup.sh).
With --lang=de-DE the German UI: help-index-de.png, help-otif-de.png.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(REPO, "tests", "integration"))
sys.path.insert(0, HERE)

import make_screenshots as ms  # noqa: E402
import office  # noqa: E402
from com.sun.star.accessibility.AccessibleRole import MENU  # noqa: E402

SCREEN = ms.SCREEN  # 1600 x 1000
HELP_CROP = (0, 0, 1490, 900)  # the Help window (left part of the screen), x, y, width, height


def xdo(display, *args):
    subprocess.run(["xdotool", *args], env=dict(os.environ, DISPLAY=display), check=True, timeout=20)


def grab(display, path, keep_full):
    full = path[:-4] + "-full.png"
    subprocess.run(["import", "-display", display, "-window", "root", full], check=True, timeout=60)
    x, y, w, h = HELP_CROP
    subprocess.run(["convert", full, "-crop", f"{w}x{h}+{x}+{y}", "+repage", path], check=True, timeout=60)
    if not keep_full:
        os.remove(full)
    print("wrote", path)


def top_titles(o):
    tk = o.create("com.sun.star.awt.Toolkit")
    titles = []
    for i in range(tk.getTopWindowCount()):
        win = tk.getTopWindow(i)
        try:
            titles.append(win.getAccessibleContext().getAccessibleName() or "")
        except Exception:  # noqa: BLE001  (a window closing meanwhile)
            pass
    return titles


def help_windows(o):
    """The desktop's frames showing a qkpi help page (a window of its own)."""
    frames = o.desktop.getFrames()
    out = []
    for i in range(frames.getCount()):
        fr = frames.getByIndex(i)
        c = fr.getController()
        m = c.getModel() if c is not None else None
        if m is not None and m.getURL().startswith("vnd.sun.star.help:"):
            out.append(fr)
    return out


def menu_help(o, x, frame, lang):
    """Quality Objectives > Help chosen with the mouse and the keyboard, as a user does; returns the help frame."""
    title = "Qualitätsziele" if lang == "de-DE" else "Quality Objectives"
    menu = ms.find_accessible(frame.getContainerWindow(), MENU, title)
    if menu is None:
        raise RuntimeError(f"menu {title!r} not found")
    p, s = menu.getLocationOnScreen(), menu.getSize()
    xdo(x.display, "mousemove", str(p.X + s.Width // 2), str(p.Y + s.Height // 2))
    xdo(x.display, "click", "1")
    time.sleep(1.5)
    xdo(x.display, "key", "End")  # the last entry: Help
    time.sleep(0.7)
    xdo(x.display, "key", "Return")
    deadline = time.monotonic() + 30
    while not help_windows(o):
        if time.monotonic() > deadline:
            raise RuntimeError(f"no help window: {top_titles(o)}")
        time.sleep(0.5)
    fr = help_windows(o)[0]
    fr.getContainerWindow().setPosSize(0, 0, HELP_CROP[2], HELP_CROP[3], 15)
    time.sleep(4)
    return fr


def shoot(oxt, lang, keep_full):
    suffix = "-de" if lang == "de-DE" else ""
    with ms.Xvfb() as x, office.Office(oxt, headless=False, display=x.display, ui_language=lang) as o:
        doc = o.new_calc(hidden=False)
        frame = doc.getCurrentController().getFrame()
        frame.getContainerWindow().setPosSize(0, 0, SCREEN[0], SCREEN[1], 15)
        time.sleep(3)
        help_frame = menu_help(o, x, frame, lang)  # on an empty cell: the index page
        grab(x.display, os.path.join(HERE, f"help-index{suffix}.png"), keep_full)
        help_frame.close(True)
        time.sleep(1)
        # on a cell with an OTIF formula: OTIF's page (context help)
        cell = doc.getSheets().getByIndex(0).getCellRangeByName("A1")
        cell.setFormula('=IFNA(OTIF(B2:E6);"")')
        doc.getCurrentController().select(cell)
        time.sleep(1)
        menu_help(o, x, frame, lang)
        grab(x.display, os.path.join(HERE, f"help-otif{suffix}.png"), keep_full)


def main():
    oxt, rest = office.parse_oxt(sys.argv[1:])
    lang = next((a.split("=", 1)[1] for a in rest if a.startswith("--lang=")), None)
    shoot(oxt, lang, "--keep-full" in rest)


if __name__ == "__main__":
    main()
