#!/usr/bin/python3
"""Screenshots of the qkpi help pages in LibreOffice's Help window, for the README.

Run: /usr/bin/python3 docs/img/make_help_screenshots.py [--oxt build/qkpi.oxt] [--lang=de-DE] [--keep-full]

In a visible Calc under Xvfb (docs/img/make_screenshots.py's Xvfb, tests/integration/office.py) with the
extension in a throw-away profile: opens the menu "Quality Objectives" with a click on its menu bar entry
(found through the accessibility API), goes to its last entry (End: Help) and presses F1, as a user asking
for help on that entry. LibreOffice's Help window opens on the page with the help id org.qkpi:Help (the
qkpi index page) and shows its Index tab: grabbed as docs/img/help-index.png. Then a double click on the
entry "OTIF function" in that Index list opens the OTIF page: docs/img/help-otif.png. Keys and clicks
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
INDEX_FIRST_ROW = (60, 123)  # the Index list's first row ("qkpi") in the Help window, pixels
INDEX_ROW_HEIGHT = 20
# The Index list starts with the entries "<NAME> function" ("<NAME>-Funktion") in collated order:
# INFULL, KPISTATUS, ONTIME, OTIF ... (then "qkpi" with the functions under it, "Quality Objectives").
OTIF_ROW = 3
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


def shoot(oxt, lang, keep_full):
    suffix = "-de" if lang == "de-DE" else ""
    with ms.Xvfb() as x, office.Office(oxt, headless=False, display=x.display, ui_language=lang) as o:
        doc = o.new_calc(hidden=False)
        frame = doc.getCurrentController().getFrame()
        frame.getContainerWindow().setPosSize(0, 0, SCREEN[0], SCREEN[1], 15)
        time.sleep(3)
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
        xdo(x.display, "key", "F1")
        deadline = time.monotonic() + 30
        while not any("Help" in t or "Hilfe" in t for t in top_titles(o)):
            if time.monotonic() > deadline:
                raise RuntimeError(f"no Help window after F1: {top_titles(o)}")
            time.sleep(0.5)
        time.sleep(4)
        grab(x.display, os.path.join(HERE, f"help-index{suffix}.png"), keep_full)
        cx, cy = INDEX_FIRST_ROW
        xdo(x.display, "mousemove", str(cx), str(cy + OTIF_ROW * INDEX_ROW_HEIGHT))
        xdo(x.display, "click", "--repeat", "2", "1")
        time.sleep(4)
        grab(x.display, os.path.join(HERE, f"help-otif{suffix}.png"), keep_full)


def main():
    oxt, rest = office.parse_oxt(sys.argv[1:])
    lang = next((a.split("=", 1)[1] for a in rest if a.startswith("--lang=")), None)
    shoot(oxt, lang, "--keep-full" in rest)


if __name__ == "__main__":
    main()
