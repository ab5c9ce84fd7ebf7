#!/usr/bin/python3
"""What the sidebar deck "Quality Objectives" costs: recalculation with the deck open vs closed, and idle CPU.

One visible soffice under Xvfb (tests/integration/test_sidebar.py's helpers), one document: the sample data
(org.qkpi:SampleData) with every data sheet (Deliveries, Quality, Returns) grown to --rows data rows by
repeating its rows, the register's Data and Segment by ranges pointed at the grown tables (Update Actuals
rewrites the Actuals), and the register copied to --objectives rows.

Recalculation, --reps interleaved rounds, in each round once with the deck closed and once open (the order
swaps every round): change one delivery date, then `doc.calculateAll()` (a hard recalc of every formula,
timed), then — deck open — wait until the Objectives panel has refreshed (the panel logs each refresh with
QKPI_SIDEBAR_TIMING=1; the wait ends at the refresh's log line). Reported: the median recalculation with the
deck closed, open, and the median extra time until the deck shows the new values (recalc end -> refresh
logged), with the panel's own refresh time measured inside soffice.

Idle: soffice's CPU time (utime + stime of /proc/<pid>/stat) over --idle seconds with nothing happening, once
with the deck closed and once open.

Run: /usr/bin/python3 bench/sidebar_bench.py [--rows 1000000] [--objectives 50] [--reps 5] [--idle 30]
     [--oxt build/qkpi.oxt]
Nothing is asserted: this prints figures (stdout) and its progress (stderr).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "integration"))

import office  # noqa: E402
import test_sidebar as ts  # noqa: E402

DATA_SHEETS = ("Deliveries", "Quality", "Returns")


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def grow(doc, name, rows):
    """Repeats the sheet's data rows (row 2 .. used end) until it has `rows` data rows; returns the old end row."""
    sh = doc.getSheets().getByName(name)
    cur = sh.createCursor()
    cur.gotoEndOfUsedArea(False)
    last_col, last_row = cur.getRangeAddress().EndColumn, cur.getRangeAddress().EndRow  # 0-based
    n = last_row  # data rows (row 0 = header)
    block = sh.getCellRangeByPosition(0, 1, last_col, last_row).getDataArray()
    r = n + 1
    while r <= rows:
        k = min(len(block), rows - r + 1, 200_000 // max(1, last_col + 1) * 4)
        part = block[:k]
        sh.getCellRangeByPosition(0, r, last_col, r + k - 1).setDataArray(part)
        r += k
    return last_row + 1  # the old last row, 1-based (e.g. 20001)


def prepare(d, rows, objectives):
    d.dispatch("SampleData")
    doc = d.doc
    ends = {}
    for name in DATA_SHEETS:
        t = time.monotonic()
        ends[name] = grow(doc, name, rows)
        log(f"[bench] {name}: {ends[name] - 1} -> {rows} data rows ({time.monotonic() - t:.1f} s)")
    sh, hdr, regrows = ts.register_rows(doc)
    for col in ("Data", "Segment by"):
        c = hdr.index(col)
        for i in range(len(regrows)):
            cell = sh.getCellByPosition(c, i + 1)
            s = cell.getString()
            m = re.match(r"^\$(\w+)\.([A-Z]+2:[A-Z]+)(\d+)$", s)
            if m and m.group(1) in ends and int(m.group(3)) == ends[m.group(1)]:
                cell.setString(f"${m.group(1)}.{m.group(2)}{rows + 1}")
    d.dispatch("UpdateActuals")
    n0 = len(regrows)
    for k in range(n0, objectives):  # copies of the sample rows (same-row references follow)
        src = sh.getCellRangeByPosition(0, 1 + k % n0, len(hdr) - 1, 1 + k % n0).getRangeAddress()
        sh.copyRange(sh.getCellByPosition(0, 1 + k).getCellAddress(), src)
        sh.getCellByPosition(0, 1 + k).setString(f"Q-{k + 1:02d}")
    sh, hdr, regrows = ts.register_rows(doc)
    actual = hdr.index("Actual")
    formulas = [sh.getCellByPosition(actual, i + 1).getFormula() for i in range(len(regrows))]
    # the copies' Actuals refer to the data with relative rows (as Update Actuals writes them): shifted by their
    # row offset, still over the grown table
    big = sum(1 for f in formulas if re.search(r"\.[A-Z]+\d+:[A-Z]+(\d+)", f) and
              int(re.search(r"\.[A-Z]+\d+:[A-Z]+(\d+)", f).group(1)) >= rows)
    log(f"[bench] register: {len(regrows)} objectives, {big} of them over {rows} rows")
    return sh, hdr, len(regrows), big


def refresh_lines(o):
    with open(os.path.join(o.tmp, "soffice.log"), errors="replace") as f:
        return [float(m.group(1)) for m in re.finditer(r"refresh \S*/ObjectivesPanel ([0-9.]+) ms", f.read())]


def set_deck(d, open_):
    sb = d.ctrl.getSidebar()
    if not open_:
        sb.setVisible(False)
        d._deck = None
        time.sleep(0.5)
        return
    d.show()
    ts.wait_until(lambda: d.control(ts.PANELS[0], "line0") is not None, 60)
    time.sleep(0.5)


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--objectives", type=int, default=50)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--idle", type=float, default=30.0)
    args, rest = ap.parse_known_args()
    oxt, _ = office.parse_oxt(sys.argv)
    os.environ["QKPI_SIDEBAR_TIMING"] = "1"
    disp = ts.start_display()
    o = office.Office(oxt or office.oxt_path(), headless=False, display=disp)
    o.__enter__()
    try:
        d = ts.Deck(o)
        doc = d.doc
        doc.enableAutomaticCalculation(False)  # only the timed calculateAll() computes
        t = time.monotonic()
        sh, hdr, n, big = prepare(d, args.rows, args.objectives)
        log(f"[bench] prepared in {time.monotonic() - t:.0f} s")
        deliveries = doc.getSheets().getByName("Deliveries")
        due = deliveries.getCellByPosition(3, 2)  # a Due date in the data (row 3)
        base = due.getValue()
        doc.calculateAll()  # warm-up (loads the add-in, fills caches the same way for both sides)
        closed, opened, extra, own = [], [], [], []
        for rep in range(args.reps):
            for open_ in ((False, True) if rep % 2 == 0 else (True, False)):
                set_deck(d, open_)
                due.setValue(base + (rep % 3) + (1 if open_ else 0))
                time.sleep(1.0)  # the edit's own refresh (document modified) runs before the timed part
                before = len(refresh_lines(o))
                t0 = time.perf_counter()
                doc.calculateAll()
                t1 = time.perf_counter()
                if open_:
                    ts.wait_until(lambda: len(refresh_lines(o)) > before, 60, 0.002)
                    t2 = time.perf_counter()
                    lines = refresh_lines(o)
                    opened.append(t1 - t0)
                    extra.append(t2 - t1)
                    own.append(lines[-1] if len(lines) > before else float("nan"))
                    log(f"[bench] round {rep + 1} open:   recalc {t1 - t0:.2f} s, deck shows it "
                        f"{(t2 - t1) * 1000:.0f} ms later (refresh in soffice {own[-1]:.1f} ms)")
                else:
                    time.sleep(1.0)
                    closed.append(t1 - t0)
                    log(f"[bench] round {rep + 1} closed: recalc {t1 - t0:.2f} s "
                        f"(refreshes while closed: {len(refresh_lines(o)) - before})")
        due.setValue(base)
        # idle CPU
        pid = o.proc.pid
        idle = {}
        for open_ in (False, True):
            set_deck(d, open_)
            time.sleep(3)
            c0, t0 = cpu_seconds(pid), time.monotonic()
            time.sleep(args.idle)
            idle[open_] = (cpu_seconds(pid) - c0, time.monotonic() - t0)
            log(f"[bench] idle {'open' if open_ else 'closed'}: {idle[open_][0]:.2f} s CPU in {idle[open_][1]:.0f} s")
        med = statistics.median
        print(f"sidebar bench: {n} objectives ({big} over {args.rows} rows), {args.reps} rounds, "
              f"LibreOffice under Xvfb")
        print(f"  recalculation (calculateAll), deck closed: median {med(closed):.2f} s "
              f"(min {min(closed):.2f}, max {max(closed):.2f})")
        print(f"  recalculation (calculateAll), deck open:   median {med(opened):.2f} s "
              f"(min {min(opened):.2f}, max {max(opened):.2f})")
        print(f"  deck open, recalc end -> Objectives panel refreshed: median {med(extra) * 1000:.0f} ms "
              f"(min {min(extra) * 1000:.0f}, max {max(extra) * 1000:.0f})")
        print(f"  Objectives panel refresh inside soffice: median {med(own):.1f} ms "
              f"(min {min(own):.1f}, max {max(own):.1f})")
        print(f"  idle {args.idle:.0f} s, soffice CPU time: deck closed {idle[False][0]:.2f} s, "
              f"deck open {idle[True][0]:.2f} s")
        d.close()
    finally:
        o.stop()
        ts.tearDownModule()


if __name__ == "__main__":
    main()
