#!/usr/bin/python3
"""qkpi demo: the monthly quality objectives workflow, headless, with the extension's own commands.

    /usr/bin/python3 scripts/demo.py [--oxt build/qkpi.oxt] [--out out] [--date YYYY-MM-DD] [--sample WORKBOOK]

Starts a private headless LibreOffice with the extension installed (throw-away profile, see
tests/integration/office.py), opens a new spreadsheet and dispatches, exactly as the menu
"Quality Objectives" does:

  org.qkpi:SampleData   synthetic data for four objectives and a filled "Objectives" register
  org.qkpi:Review       sheet "Review YYYY-MM-DD": actuals, status, segments, trends
  org.qkpi:ActionLog    sheet "Action Log": a proposed action for every AMBER/RED objective
  org.qkpi:ExportPdf    the review and the action log as PDF

then saves <out>/quality-review.ods and <out>/quality-review.pdf and prints a summary of the objectives
(actual, target, status). --date sets the review date (default: today; give one for reproducible output).
--sample starts from an existing workbook with an "Objectives" register instead of the sample data.
Exit code 1 when a command fails or an actual is an error.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import time

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.join(REPO, "tests", "integration"))

import office  # noqa: E402


class CommandFailed(RuntimeError):
    pass


def dispatch(o, doc, command, **args):
    """Runs org.qkpi:<command> on the document's frame; returns the command's message."""
    helper = o.create("com.sun.star.frame.DispatchHelper")
    frame = doc.getCurrentController().getFrame()
    t = time.monotonic()
    ev = helper.executeDispatch(frame, "org.qkpi:" + command, "", 0, office.props(**args))
    took = time.monotonic() - t
    # DispatchResultState: FAILURE 0, SUCCESS 1
    if ev is None or ev.State != 1:
        raise CommandFailed(f"{command} failed: {ev.Result if ev is not None else 'no result'}")
    print(f"  {command:<11} {took:5.1f} s  {ev.Result}")
    return ev.Result


def review_summary(doc, sheet_name):
    """(rows, error count) of the review's summary table: ID, objective, actual, target, status as Calc
    shows them (as of the review date)."""
    sh = doc.getSheets().getByName(sheet_name)
    cur = sh.createCursor()
    cur.gotoEndOfUsedArea(False)
    last_col = cur.getRangeAddress().EndColumn
    header_row = next(r for r in range(30) if sh.getCellByPosition(0, r).getString() == "ID")
    col = {sh.getCellByPosition(c, header_row).getString(): c for c in range(last_col + 1)}
    rows, errors = [], 0
    r = header_row + 1
    while sh.getCellByPosition(0, r).getString():
        actual = sh.getCellByPosition(col["Actual"], r)
        if actual.getError():
            errors += 1
        rows.append(tuple(sh.getCellByPosition(col[h], r).getString()
                          for h in ("ID", "Objective", "Actual", "Target", "Status")))
        r += 1
    return rows, errors


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--oxt", default=os.environ.get("QKPI_OXT") or os.path.join(REPO, "build", "qkpi.oxt"))
    ap.add_argument("--out", default=os.path.join(REPO, "out"))
    ap.add_argument("--date", default=datetime.date.today().isoformat(), help="review date, YYYY-MM-DD")
    ap.add_argument("--sample", default=None,
                    help="start from this workbook (with an Objectives register) instead of the sample data")
    args = ap.parse_args()
    try:
        datetime.date.fromisoformat(args.date)
    except ValueError:
        ap.error(f"--date: {args.date!r} is not a date in the form YYYY-MM-DD")
    os.makedirs(args.out, exist_ok=True)
    ods = os.path.abspath(os.path.join(args.out, "quality-review.ods"))
    pdf = os.path.abspath(os.path.join(args.out, "quality-review.pdf"))
    for f in (ods, pdf):
        if os.path.exists(f):
            os.remove(f)

    print(f"qkpi demo, review date {args.date}")
    with office.Office(args.oxt, verbose=False) as o:
        doc = o.load(args.sample) if args.sample else o.new_calc()
        try:
            if not args.sample:
                dispatch(o, doc, "SampleData", Date=args.date)
            review = dispatch(o, doc, "Review", Date=args.date)
            dispatch(o, doc, "ActionLog", Date=args.date)
            dispatch(o, doc, "ExportPdf", Date=args.date, FileName=pdf)
            doc.calculateAll()
            office.Office.store(doc, ods, "calc8")
            review_sheet = review.split('"')[1]  # Created the review sheet "Review YYYY-MM-DD".
            rows, errors = review_summary(doc, review_sheet)
            sheets = doc.getSheets().getElementNames()
        except CommandFailed as e:
            print(f"error: {e}", file=sys.stderr)
            return 1
        finally:
            office.Office.close(doc)

    print(f"\nObjectives on {review_sheet}:")
    w = min(max((len(r[1]) for r in rows), default=10), 60)
    print(f"  {'ID':<5} {'Objective':<{w}}  {'Actual':>9}  {'Target':>9}  Status")
    for ident, objective, actual, target, status in rows:
        if len(objective) > w:
            objective = objective[:w - 1] + "…"
        print(f"  {ident:<5} {objective:<{w}}  {actual:>9}  {target:>9}  {status}")
    print(f"\nsheets: {', '.join(sheets)}")
    print(f"wrote {ods}\nwrote {pdf}")
    return 1 if errors or not rows else 0


if __name__ == "__main__":
    sys.exit(main())
