#!/usr/bin/python3
"""Hostile documents: the qkpi commands (org.qkpi:*, dispatched as the menu does) on documents a user may
really have: protected sheets and a protected document structure, registers and action logs with extra or
reordered columns, a 10,000-row action log, register cells that look like formulas or are 1,000 characters
long, sheet names at Calc's limits.

Every test compares the whole document (sheet list, named ranges, and the formula and value of every cell
of every sheet's used area) before and after: a command that refuses changes nothing and leaves no undo
step; a command that succeeds is one undo step, and one undo restores the document exactly.

Run: /usr/bin/python3 tests/integration/test_hostile.py --oxt build/qkpi.oxt   (or env QKPI_OXT)
"""

from __future__ import annotations

import os
import re
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import office  # noqa: E402
from office import setUpModule, tearDownModule  # noqa: E402,F401  (one office per module: office.OFFICE)
import test_commands as tc  # noqa: E402  (the command-test helpers; its tests are not collected here)
from test_commands import DATE, SUCCESS, FAILURE, CommandTest, doc_dump, used_end  # noqa: E402


def headers_of(sheet):
    _, last_col = used_end(sheet)
    return [sheet.getCellByPosition(c, 0).getString() for c in range(last_col + 1)]


def column_of(sheet, header):
    return headers_of(sheet).index(header)


def same_values(x, y, rel):
    if x == y:
        return True
    return rel > 0 and isinstance(x, float) and isinstance(y, float) and office.close_enough(x, y, rel)


def doc_diff(a, b, limit=12, rel=0.0):
    """The differences between two doc_dump()s, readable: sheet lists, named ranges, used areas and the first
    `limit` cells whose formula or value differ (numbers within `rel` count as equal). [] = the same
    document. (assertEqual on the dumps would compute a diff of millions of characters.)"""
    out = []
    if a[0] != b[0]:
        out.append(f"sheets {a[0]} -> {b[0]}")
    if a[1] != b[1]:
        out.append(f"named ranges {a[1]} -> {b[1]}")
    for name in a[0]:
        if name not in b[2]:
            continue
        (r1, c1, f1, v1), (r2, c2, f2, v2) = a[2][name], b[2][name]
        if (r1, c1) != (r2, c2):
            out.append(f"{name}: used area to {office.col_name(c1)}{r1 + 1} -> {office.col_name(c2)}{r2 + 1}")
        for r in range(min(len(f1), len(f2))):
            if f1[r] == f2[r] and v1[r] == v2[r]:
                continue
            for c in range(min(len(f1[r]), len(f2[r]))):
                if f1[r][c] != f2[r][c] or not same_values(v1[r][c], v2[r][c], rel):
                    out.append(f"{name}.{office.col_name(c)}{r + 1}: {f1[r][c]!r} = {v1[r][c]!r} -> "
                               f"{f2[r][c]!r} = {v2[r][c]!r}"[:300])
                    if len(out) >= limit:
                        return out
    return out


SAMPLE = {}


class HostileTest(CommandTest):
    def titles(self, doc):
        return doc.getUndoManager().getAllUndoActionTitles()

    def assert_same(self, a, b, what):
        diff = doc_diff(a, b)
        self.assertFalse(diff, what + ":\n" + "\n".join(diff))

    def assert_refused(self, doc, command, *expect, **args):
        """`command` fails with a message containing every text of `expect`; nothing changed, no undo step."""
        before, titles = doc_dump(doc), self.titles(doc)
        state, msg = self.dispatch(doc, command, Date=DATE, **args)
        self.assertEqual(state, FAILURE, f"{command} succeeded: {msg}")
        for e in expect:
            self.assertIn(e, msg)
        self.assert_same(before, doc_dump(doc), f"{command} refused but changed the document")
        self.assertEqual(self.titles(doc), titles, f"{command} refused but left an undo step")
        return msg

    def assert_one_undo_step(self, doc, command, title, **args):
        """`command` succeeds as one undo step `title` (the undo stack is cleared first: Calc keeps only the
        last 100 steps); one undo restores the document exactly; redo brings the result back for the
        assertions that follow (Calc 7.4's redo re-enters inline arrays of array formulas as {1|3} for {1;3},
        so the formula texts after a redo are not compared). Returns (message, document after the command);
        self.took = the command's time."""
        doc.getUndoManager().clear()
        before = doc_dump(doc)
        t = time.monotonic()
        msg = self.ok(doc, command, Date=DATE, **args)
        self.took = time.monotonic() - t
        after = doc_dump(doc)
        self.assertEqual(self.titles(doc), (title,), "not one undo step")
        doc.getUndoManager().undo()
        self.assert_same(before, doc_dump(doc), f"undo after {command} did not restore the document")
        doc.getUndoManager().redo()
        return msg, after

    def sample_doc(self):
        """A document with the sample data (made once per module by Sample Data, saved, loaded per test)."""
        if "sample" not in SAMPLE:
            doc = self.new_doc()
            self.ok(doc, "SampleData", Date=DATE)
            # 2,000 of the 20,000 delivery lines (for speed: every test compares whole documents)
            doc.getSheets().getByName("Deliveries").getCellRangeByPosition(0, 2001, 20, 20001).clearContents(1023)
            SAMPLE["sample"] = os.path.join(office.OFFICE.tmp, "sample.ods")
            office.Office.store(doc, SAMPLE["sample"], "calc8")
            self.close(doc)
        return self.load(SAMPLE["sample"])

    def add_row(self, doc, row, ident, **values):
        """A register row typed by hand (0-based sheet row), the sample's OTIF data, no Actual or Status."""
        sh = doc.getSheets().getByName("Objectives")
        cols = {h: c for c, h in enumerate(headers_of(sh))}
        q02 = self.register(doc)["Q-02"]
        v = {"ID": ident, "Objective": f"Hand-added objective {ident}", "KPI": "OTIF",
             "Data": q02["Data"].getString(), "Segment by": q02["Segment by"].getString(),
             "Options": "From=2026-01-01; LateDays=2", "Target": 0.95, "Direction": "higher", "Amber": 0.9,
             "Responsible": f"Owner of {ident}", "Resources": "QA team", "Evaluation": "Monthly review"}
        v.update(values)
        for h, x in v.items():
            cell = sh.getCellByPosition(cols[h], row)
            if isinstance(x, str):
                cell.setString(x)
            else:
                cell.setValue(x)
        return cols


# --------------------------------------------------------------------------


class ProtectedRegisterTest(HostileTest):
    """qkpi never writes into a protected sheet (Calc's API would let it): it refuses, naming the sheet."""

    def test_missing_formulas_in_a_protected_register_are_refused(self):
        doc = self.sample_doc()
        self.add_row(doc, 60, "H-1")
        reg = doc.getSheets().getByName("Objectives")
        reg.protect("")
        for cmd in ("Review", "ActionLog"):
            msg = self.assert_refused(doc, cmd, '"Objectives" is protected', "H-1", "Tools > Protect Sheet")
            self.assertNotIn("Added", msg)
        self.assertFalse([n for n in doc.getSheets().getElementNames() if n.startswith(("Review", "Action"))])

    def test_update_actuals_in_a_protected_register_is_refused(self):
        doc = self.sample_doc()
        reg = doc.getSheets().getByName("Objectives")
        q02 = self.register(doc)["Q-02"]
        q02["Options"].setString(q02["Options"].getString().replace("LateDays=2", "LateDays=3"))
        reg.protect("")
        self.assert_refused(doc, "UpdateActuals", '"Objectives" is protected', "Q-02")
        reg.unprotect("")
        msg, _ = self.assert_one_undo_step(doc, "UpdateActuals", "qkpi: Update Actuals")
        self.assertIn("Q-02", msg)

    def test_review_of_a_protected_register_writes_only_the_review(self):
        doc = self.sample_doc()
        reg = doc.getSheets().getByName("Objectives")
        q02 = self.register(doc)["Q-02"]
        q02["Options"].setString(q02["Options"].getString().replace("LateDays=2", "LateDays=3"))  # stale
        reg.protect("")
        register_before = tc.sheet_dump(reg)
        msg, after = self.assert_one_undo_step(doc, "Review", "qkpi: Review")
        self.assertIn(f'Created the review sheet "Review {DATE}"', msg)
        # the stale row is named, its Check cell is not written (the sheet is protected) and the message says so
        self.assertIn("Q-02: Actual differs from its Options", msg)
        self.assertIn('"Objectives" is protected', msg)
        self.assertEqual(after[2]["Objectives"], register_before)
        self.assertTrue(reg.isProtected())
        # the same for the action log
        msg, after = self.assert_one_undo_step(doc, "ActionLog", "qkpi: Action Log")
        self.assertIn("Created \"Action Log\"", msg)
        self.assertEqual(after[2]["Objectives"], register_before)


class ProtectedLogTest(HostileTest):
    def test_protected_log_with_nothing_to_add_succeeds_unchanged(self):
        doc = self.sample_doc()
        self.ok(doc, "ActionLog", Date=DATE)
        log = doc.getSheets().getByName("Action Log")
        log.protect("")
        before, titles = doc_dump(doc), self.titles(doc)
        state, msg = self.dispatch(doc, "ActionLog", Date=DATE)
        self.assertEqual(state, SUCCESS, msg)
        self.assertIn("No new actions", msg)
        self.assert_same(before, doc_dump(doc), "ActionLog with nothing to add")
        self.assertEqual(self.titles(doc), titles)

    def test_protected_log_with_a_proposal_is_refused(self):
        doc = self.sample_doc()
        self.ok(doc, "ActionLog", Date=DATE)
        _, rows = self.action_rows(doc)
        for r in rows:
            r["Status"].setString("Done")
        log = doc.getSheets().getByName("Action Log")
        log.protect("")
        self.assert_refused(doc, "ActionLog", '"Action Log" is protected', "Tools > Protect Sheet")


class ProtectedStructureTest(HostileTest):
    """Tools > Protect Spreadsheet Structure: no sheet may be added or removed."""

    def test_commands_that_add_sheets_are_refused(self):
        doc = self.new_doc()
        doc.protect("")
        self.assert_refused(doc, "SampleData", "structure is protected", "Tools > Protect Spreadsheet Structure")
        self.assert_refused(doc, "NewRegister", "structure is protected")
        doc.unprotect("")
        self.ok(doc, "SampleData", Date=DATE)
        doc.protect("")
        for cmd in ("Review", "ActionLog"):
            self.assert_refused(doc, cmd, "structure is protected")
        # Explain adds a sheet too (before: it did, under the protection)
        reg = doc.getSheets().getByName("Objectives")
        doc.getCurrentController().select(reg.getCellRangeByName("Q2"))
        self.assert_refused(doc, "Explain", "structure is protected", "Quality Objectives > Explain Selected KPI")
        doc.unprotect("")

    def test_appending_to_an_existing_log_works_under_structure_protection(self):
        doc = self.sample_doc()
        self.ok(doc, "ActionLog", Date=DATE)
        _, rows = self.action_rows(doc)
        for r in rows:
            r["Status"].setString("Done")
        doc.protect("")
        msg, _ = self.assert_one_undo_step(doc, "ActionLog", "qkpi: Action Log")
        self.assertIn("Proposed", msg)
        self.assertTrue(doc.isProtected())
        doc.unprotect("")


# --------------------------------------------------------------------------


class ColumnsTest(HostileTest):
    def review_values(self, doc, name):
        summary = self.review_summary(doc.getSheets().getByName(name))
        return {i: (office.cell_result(r["Actual"]), r["Status"].getString()) for i, r in summary.items()}

    def test_register_with_moved_and_extra_columns_reviews_the_same(self):
        doc = self.sample_doc()
        self.ok(doc, "Review", Date=DATE)
        want = self.review_values(doc, f"Review {DATE}")
        doc.getUndoManager().undo()
        reg = doc.getSheets().getByName("Objectives")
        cols = reg.getColumns()
        # an extra column before ID and one between KPI and Data, then Actual and Status moved to the front
        # (cut and paste: Calc adjusts every formula), Target and Amber swapped
        cols.insertByIndex(0, 1)
        reg.getCellByPosition(0, 0).setString("Notes")
        reg.getCellByPosition(0, 1).setString("my note")
        cols.insertByIndex(column_of(reg, "Data"), 1)
        reg.getCellByPosition(column_of(reg, "Data") - 1, 0).setString("Comment")

        def move(header, to):
            src = column_of(reg, header)
            cols.insertByIndex(to, 1)
            if src >= to:
                src += 1
            rows = used_end(reg)[0]
            reg.moveRange(reg.getCellByPosition(to, 0).getCellAddress(),
                          reg.getCellRangeByPosition(src, 0, src, rows).getRangeAddress())
            cols.removeByIndex(src, 1)

        move("Status", 1)
        move("Actual", 1)
        target, amber = column_of(reg, "Target"), column_of(reg, "Amber")
        move("Amber", target)
        move("Target", amber + 1)
        hs = headers_of(reg)
        self.assertEqual(hs[:3], ["Notes", "Actual", "Status"])
        self.assertLess(hs.index("Amber"), hs.index("Target"))
        msg, after = self.assert_one_undo_step(doc, "Review", "qkpi: Review")
        self.assertEqual(self.review_values(doc, f"Review {DATE}"), want)
        self.assertEqual(after[2]["Objectives"][2][1][0], "my note")
        self.assertNotIn("differs", msg)

    def test_hand_typed_register_in_another_order_gets_formulas_in_the_named_columns(self):
        doc = self.sample_doc()
        q = self.register(doc)["Q-02"]
        data, seg = q["Data"].getString(), q["Segment by"].getString()
        sheets = doc.getSheets()
        sheets.removeByName("Objectives")
        sheets.insertNewByName("Objectives", 0)
        reg = sheets.getByName("Objectives")
        order = ["Status", "Extra 1", "Target", "Objective", "Data", "Amber", "ID", "Segment by", "KPI", "Actual",
                 "Options", "Due", "Direction", "Extra 2", "Responsible", "Start", "Resources", "Baseline",
                 "Evaluation", "Review frequency"]
        values = {"ID": "T-1", "Objective": "Typed by hand", "KPI": "OTIF", "Data": data, "Segment by": seg,
                  "Options": "LateDays=2", "Target": 0.999, "Direction": "higher", "Amber": 0.998,
                  "Responsible": "Ann Typed", "Resources": "none", "Evaluation": "monthly", "Extra 1": "x1",
                  "Extra 2": "x2"}
        for c, h in enumerate(order):
            reg.getCellByPosition(c, 0).setString(h)
            v = values.get(h)
            if isinstance(v, str):
                reg.getCellByPosition(c, 1).setString(v)
            elif v is not None:
                reg.getCellByPosition(c, 1).setValue(v)
        before = doc_dump(doc)
        msg, after = self.assert_one_undo_step(doc, "ActionLog", "qkpi: Action Log")
        self.assertIn("Added 1 Actual formula and 1 Status formula", msg)
        # only the Actual and Status cells of the register changed
        b, a = before[2]["Objectives"], after[2]["Objectives"]
        changed = {(r, c) for r in range(len(b[2])) for c in range(len(b[2][0])) if b[2][r][c] != a[2][r][c]}
        self.assertEqual(changed, {(1, order.index("Actual")), (1, order.index("Status"))})
        actual = reg.getCellByPosition(order.index("Actual"), 1)
        self.assertIn("OTIF(", actual.getFormula().upper())
        want = self.evaluate(doc, f"OTIF({data};;;;TODAY();;2)")
        self.assert_close(office.cell_result(actual), want, "Actual")
        status = reg.getCellByPosition(order.index("Status"), 1)
        self.assertEqual(status.getString(), "RED")  # no sample OTIF reaches 99.8 %
        a_ = office.col_name(order.index("Actual")) + "2"
        t_ = office.col_name(order.index("Target")) + "2"
        self.assertRegex(status.getFormula(), rf"KPISTATUS\(IFNA\({a_};\"\"\);{t_};")
        _, rows = self.action_rows(doc)
        self.assertEqual([(r["Objective"].getString(), r["Owner"].getString()) for r in rows], [("T-1", "Ann Typed")])

    def test_action_log_with_moved_and_extra_columns_appends_under_the_right_headers(self):
        doc = self.sample_doc()
        self.ok(doc, "ActionLog", Date=DATE)
        log = doc.getSheets().getByName("Action Log")
        _, rows = self.action_rows(doc)
        for r in rows:
            r["Status"].setString("Done")
        n_before = len(rows)
        # reverse the columns into a new sheet layout: copy, then an extra column in the middle
        last_row, last_col = used_end(log)
        block = log.getCellRangeByPosition(0, 0, last_col, last_row).getDataArray()
        rev = tuple(tuple(reversed(r)) for r in block)
        log.getCellRangeByPosition(0, 0, last_col, last_row).clearContents(1 | 2 | 4 | 16)
        log.getCellRangeByPosition(0, 0, last_col, last_row).setDataArray(rev)
        log.getColumns().insertByIndex(3, 1)
        log.getCellByPosition(3, 0).setString("My notes")
        hs = headers_of(log)
        msg, _ = self.assert_one_undo_step(doc, "ActionLog", "qkpi: Action Log")
        self.assertIn("Proposed 4 actions", msg)
        reg = self.register(doc)
        h, rows = self.action_rows(doc)
        self.assertEqual(h, hs)
        new = rows[n_before:]
        self.assertEqual(len(new), 4)
        for r in new:
            self.assertRegex(r["Action ID"].getString(), r"^A-\d{3}$")
            self.assertIn(r["Objective"].getString(), reg)
            self.assertEqual(r["Owner"].getString(), reg[r["Objective"].getString()]["Responsible"].getString())
            self.assertEqual(r["Status"].getString(), "Open")
            self.assertEqual(r["My notes"].getType().value, "EMPTY")
            self.assertIn("(", r["Finding"].getString())
        self.assertEqual(sorted(int(r["Action ID"].getString()[2:]) for r in new), [5, 6, 7, 8])

    def test_action_log_without_a_status_header_is_refused(self):
        doc = self.sample_doc()
        self.ok(doc, "ActionLog", Date=DATE)
        log = doc.getSheets().getByName("Action Log")
        log.getCellByPosition(column_of(log, "Status"), 0).setString("State")
        self.assert_refused(doc, "ActionLog", '"Status"', "header")

    def test_register_without_a_kpi_header_is_refused(self):
        doc = self.sample_doc()
        reg = doc.getSheets().getByName("Objectives")
        reg.getCellByPosition(column_of(reg, "KPI"), 0).setString("Indicator")
        for cmd in ("Review", "ActionLog", "UpdateActuals"):
            self.assert_refused(doc, cmd, '"KPI"')

    def test_register_with_a_repeated_header_is_refused(self):
        doc = self.sample_doc()
        reg = doc.getSheets().getByName("Objectives")
        last = used_end(reg)[1]
        reg.getCellByPosition(last + 1, 0).setString("actual ")
        for cmd in ("Review", "ActionLog", "UpdateActuals"):
            self.assert_refused(doc, cmd, '"Actual"', "twice")


# --------------------------------------------------------------------------


class BigLogTest(HostileTest):
    ROWS = 10_000

    def test_ten_thousand_row_action_log(self):
        doc = self.sample_doc()
        self.ok(doc, "ActionLog", Date=DATE)
        log = doc.getSheets().getByName("Action Log")
        hs = headers_of(log)
        reg_ids = sorted(self.register(doc))
        rows = []
        for i in range(self.ROWS):
            row = {"Action ID": f"A-{i + 5:03d}", "Objective": reg_ids[i % len(reg_ids)],
                   "Finding": f"Finding {i}", "Action": "Something done", "Owner": f"Person {i % 37}",
                   "Status": "Done" if i % 3 else "Cancelled"}
            rows.append(tuple(row.get(h, "") for h in hs))
        log.getCellRangeByPosition(0, 5, len(hs) - 1, 5 + self.ROWS - 1).setDataArray(tuple(rows))
        # every earlier action closed: each RED/AMBER objective gets a new one, numbered after the last
        _, old = self.action_rows(doc)
        for r in old[:4]:
            r["Status"].setString("Done")
        msg, _ = self.assert_one_undo_step(doc, "ActionLog", "qkpi: Action Log")
        took_log = self.took
        self.assertIn("Proposed 4 actions", msg)
        ids = [log.getCellByPosition(0, r).getString() for r in range(5 + self.ROWS, 5 + self.ROWS + 4)]
        self.assertEqual(ids, [f"A-{n:03d}" for n in range(self.ROWS + 5, self.ROWS + 9)])
        self.assertEqual(log.getCellByPosition(0, 5 + self.ROWS + 4).getType().value, "EMPTY")
        t = time.monotonic()
        self.ok(doc, "Review", Date=DATE)
        took_review = time.monotonic() - t
        print(f"\n[hostile] {self.ROWS}-row action log: ActionLog {took_log:.1f} s, Review {took_review:.1f} s",
              file=sys.stderr)
        # and a second run proposes nothing: every objective has an open action now
        state, msg = self.dispatch(doc, "ActionLog", Date=DATE)
        self.assertEqual(state, SUCCESS, msg)
        self.assertIn("No new actions", msg)


# --------------------------------------------------------------------------

FORMULA_LIKE = ["=1+1", "+A1", "@x", "-3"]
LONG = "L" + "".join(chr(0x41 + i % 26) for i in range(998)) + "Z"  # 1,000 characters


class TextTest(HostileTest):
    def check_texts(self, doc, ids, objectives, owners):
        """The review summary and the action log show the register's texts exactly, as text."""
        summary = self.review_summary(doc.getSheets().getByName(f"Review {DATE}"))
        self.assertEqual(sorted(summary), sorted(ids))
        for i, ident in enumerate(ids):
            row = summary[ident]
            self.assertEqual(row["ID"].getType().value, "TEXT", ident)
            self.assertEqual(row["Objective"].getString(), objectives[i])
            self.assertEqual(row["Objective"].getType().value, "TEXT")
        _, rows = self.action_rows(doc)
        got = {r["Objective"].getString(): r for r in rows}
        for i, ident in enumerate(ids):
            if ident in got:
                self.assertEqual(got[ident]["Objective"].getType().value, "TEXT")
                self.assertEqual(got[ident]["Owner"].getString(), owners[i])
                self.assertEqual(got[ident]["Owner"].getType().value, "TEXT")
        self.assertTrue(got, "no action proposed")

    def set_register_texts(self, doc, ids, objectives, owners):
        reg = self.register(doc)
        for (old, row), ident, obj, owner in zip(sorted(reg.items()), ids, objectives, owners):
            row["ID"].setString(ident)
            row["Objective"].setString(obj)
            row["Responsible"].setString(owner)
            row["Target"].setValue(2)  # every objective RED: each gets a proposal
            row["Amber"].setValue(1.5)

    def test_register_texts_that_look_like_formulas(self):
        doc = self.sample_doc()
        ids = FORMULA_LIKE
        objectives = ["=SUM(A1:A9)", "+Deliver", "@everyone", "-less returns"]
        owners = ["=HYPERLINK(\"http://x\")", "+49 30 1234", "@maria", "-"]
        self.set_register_texts(doc, ids, objectives, owners)
        self.assert_one_undo_step(doc, "Review", "qkpi: Review")
        self.assert_one_undo_step(doc, "ActionLog", "qkpi: Action Log")
        self.check_texts(doc, ids, objectives, owners)

    def test_register_texts_of_a_thousand_characters(self):
        doc = self.sample_doc()
        ids = [LONG[:-1] + str(i) for i in range(4)]
        objectives = [LONG] * 4
        owners = [LONG + "x"] * 4
        self.set_register_texts(doc, ids, objectives, owners)
        self.assert_one_undo_step(doc, "Review", "qkpi: Review")
        self.assert_one_undo_step(doc, "ActionLog", "qkpi: Action Log")
        self.check_texts(doc, ids, objectives, owners)

    def test_segment_values_that_look_like_formulas_or_are_long(self):
        doc = self.sample_doc()
        deliveries = doc.getSheets().getByName("Deliveries")
        self.assertEqual(deliveries.getCellByPosition(0, 0).getString(), "Customer")
        weird = FORMULA_LIKE + [LONG]
        col = deliveries.getCellRangeByPosition(0, 1, 0, 2000)
        col.setDataArray(tuple((weird[r % len(weird)],) for r in range(2000)))
        self.assert_one_undo_step(doc, "Review", "qkpi: Review")
        review = doc.getSheets().getByName(f"Review {DATE}")
        # the per-segment table of the OTIF objective lists each of them as a segment, as text
        last_row, last_col = used_end(review)
        shown = {review.getCellByPosition(0, r).getString() for r in range(last_row + 1)}
        for w in weird:
            self.assertIn(w, shown)


class SheetNameTest(HostileTest):
    def test_data_on_a_sheet_with_a_long_and_quoted_name(self):
        doc = self.sample_doc()
        self.ok(doc, "Review", Date=DATE)
        want = {i: (office.cell_result(r["Actual"]), r["Status"].getString())
                for i, r in self.review_summary(doc.getSheets().getByName(f"Review {DATE}")).items()}
        doc.getUndoManager().undo()
        name = "O'Brien's deliveries; Q1 [2026] " + "x" * 220
        name = name.replace("[", "(").replace("]", ")")  # [ ] are not allowed in sheet names
        doc.getSheets().getByName("Deliveries").setName(name)
        self.assertEqual(len(name), 252)
        # Calc renamed the sheet in the Actual formulas; Data and Segment by are text: the user edits them
        quoted = "$'" + name.replace("'", "''") + "'."
        reg = self.register(doc)
        for row in reg.values():
            for h in ("Data", "Segment by"):
                row[h].setString(row[h].getString().replace("$Deliveries.", quoted))
        q02 = reg["Q-02"]
        self.assertTrue(q02["Data"].getString().startswith(quoted))
        self.assertIn(quoted, q02["Actual"].getFormula())
        msg, _ = self.assert_one_undo_step(doc, "Review", "qkpi: Review")
        self.assertNotIn("differs", msg)
        got = {i: (office.cell_result(r["Actual"]), r["Status"].getString())
               for i, r in self.review_summary(doc.getSheets().getByName(f"Review {DATE}")).items()}
        self.assertEqual(got, want)

    def test_review_names_taken_in_another_case(self):
        doc = self.sample_doc()
        sheets = doc.getSheets()
        sheets.insertNewByName(f"review {DATE}", sheets.getCount())
        sheets.insertNewByName(f"REVIEW {DATE} (2)", sheets.getCount())
        msg, after = self.assert_one_undo_step(doc, "Review", "qkpi: Review")
        self.assertIn(f"Review {DATE} (3)", msg)
        self.assertIn(f"Review {DATE} (3)", after[0])


if __name__ == "__main__":
    office.main()
