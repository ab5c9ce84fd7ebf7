#!/usr/bin/python3
"""The printed report: Review (record) (org.qkpi:ReviewRecord) and the PDF of Export PDF, page by page.

ReviewRecord makes the review and its values-only record in one undo step and says so; Export PDF exports the
record when the latest review has one. Every page of the PDF (pdftotext -f N -l N) has the page header (the
document's title, "Quality objectives review" / "Action log", the date) and the footer "Page N of M" with N
counting on over the sheets; the generated sheets repeat their header rows on every printed page and a long
action log's second page starts with its header row. No table of the review (record) starts or continues on a
page without its column headers: with 45 customers the RFT per-segment table would run over page 1's
automatic break; Review puts a manual break above it, so every PDF page that shows rows of a per-segment or
trend table also shows that table's header row, and every manual break of the review sits at the start of a
block (a section or a block's title row), on the live review and its record; Undo takes them away with the
sheets. Headless, Export PDF of an unsaved document without FileName is refused with the same message as before
(the file picker is for a user at a window).

Run: /usr/bin/python3 tests/integration/test_pdf.py --oxt build/qkpi.oxt   (or env QKPI_OXT)
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import office  # noqa: E402
from office import setUpModule, tearDownModule  # noqa: E402,F401  (one office per module: office.OFFICE)
import test_commands as tc  # noqa: E402
from test_commands import DATE, FAILURE  # noqa: E402


def pages(path):
    out = subprocess.run(["pdfinfo", path], capture_output=True, text=True, timeout=60, check=True).stdout
    return int(next(line.split()[1] for line in out.splitlines() if line.startswith("Pages:")))


def page_text(path, n):
    out = subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), path, "-"], capture_output=True, text=True,
                         timeout=60, check=True)
    return out.stdout


def page_lines(path, n):
    return [line.strip() for line in page_text(path, n).splitlines() if line.strip()]


@unittest.skipUnless(shutil.which("pdftotext") and shutil.which("pdfinfo"), "poppler-utils not installed")
class PrintedReportTest(tc.CommandTest):
    def export(self, doc, name="review.pdf"):
        pdf = os.path.join(self.tmp, name)
        msg = self.ok(doc, "ExportPdf", FileName=pdf)
        return pdf, msg

    def assert_numbered(self, pdf, title):
        """Every page: the title, a header, 'Page N of M' with N = 1..M; returns the pages' texts."""
        m = pages(pdf)
        self.assertGreater(m, 1)
        texts = []
        for n in range(1, m + 1):
            lines = page_lines(pdf, n)
            self.assertIn(f"Page {n} of {m}", lines, f"page {n}")
            self.assertIn(title, lines, f"page {n}")
            texts.append(lines)
        return texts

    def test_review_record_is_one_undo_step_and_says_what_it_made(self):
        doc = self.sample_doc()
        before = tc.doc_dump(doc)
        msg = self.ok(doc, "ReviewRecord", Date=DATE)
        names = doc.getSheets().getElementNames()
        self.assertIn(f"Review {DATE}", names)
        self.assertIn(f"Review {DATE} record", names)
        self.assertIn(f'Created the review sheet "Review {DATE}" and its values-only record "Review {DATE} record"',
                      msg)
        from com.sun.star.sheet.CellFlags import FORMULA
        rec = doc.getSheets().getByName(f"Review {DATE} record")
        self.assertEqual(rec.queryContentCells(FORMULA).getCount(), 0)
        live = doc.getSheets().getByName(f"Review {DATE}")
        s_live, s_rec = self.review_summary(live), self.review_summary(rec)
        self.assertEqual(set(s_live), set(s_rec))
        for ident in s_live:
            self.assertEqual(s_rec[ident]["Actual"].getString(), s_live[ident]["Actual"].getString(), ident)
        # the record has its own page style with its own header
        style = doc.getStyleFamilies().getByName("PageStyles").getByName(rec.PageStyle)
        self.assertEqual(rec.PageStyle, f"qkpi Review {DATE} record")
        self.assertTrue(style.HeaderIsOn and style.FooterIsOn)
        content = style.RightPageHeaderContent  # held: its texts live only as long as it does
        self.assertEqual(content.CenterText.getString(), "Quality objectives review - record (values only)")
        um = doc.getUndoManager()
        self.assertEqual(um.getAllUndoActionTitles()[0], "qkpi: Review (record)")
        um.undo()
        self.assertEqual(tc.doc_dump(doc), before)

    def test_export_takes_the_record_of_the_latest_review(self):
        doc = self.sample_doc()
        self.ok(doc, "ReviewRecord", Date=DATE)
        self.ok(doc, "ActionLog", Date=DATE)
        pdf, msg = self.export(doc)
        self.assertIn(f'Exported "Review {DATE} record" and "Action Log"', msg)
        texts = self.assert_numbered(pdf, doc.getTitle())  # "Untitled N": unsaved
        review_pages = [t for t in texts if "Quality objectives review - record (values only)" in t]
        self.assertEqual(len(review_pages), len(texts) - 1)
        self.assertTrue(all(f"Review {DATE} record" in t for t in review_pages))
        # a later review without a record: that review is exported, live
        self.ok(doc, "Review", Date="2026-11-26")
        pdf2, msg = self.export(doc, "later.pdf")
        self.assertIn('Exported "Review 2026-11-26" and "Action Log"', msg)
        self.assertNotIn("record (values only)", page_text(pdf2, 1))

    def test_every_page_has_title_date_and_page_n_of_m(self):
        doc = self.sample_doc()
        self.ok(doc, "Review", Date=DATE)
        self.ok(doc, "ActionLog", Date=DATE)
        path = os.path.join(self.tmp, "Quality 2026.ods")
        doc.storeAsURL(office.to_url(path), office.props(FilterName="calc8"))
        pdf, _ = self.export(doc)
        texts = self.assert_numbered(pdf, "Quality 2026")
        m = len(texts)
        for n, lines in enumerate(texts[:-1], 1):
            self.assertIn("Quality objectives review", lines, f"page {n}")
            self.assertIn(f"Review date {DATE}", lines, f"page {n}")
            self.assertIn(f"Review {DATE}", lines, f"page {n}")  # footer: the sheet
            # the repeated rows: the review's title and date on every page
            self.assertIn("Review date", lines, f"page {n}")
        # the action log page: its own title line and date, its header row
        last = texts[-1]
        self.assertIn("Action log", last)
        self.assertIn(f"As of {DATE}", last)
        self.assertIn("Action ID", last)
        self.assertIn(f"Page {m} of {m}", last)
        self.assertNotIn("Quality objectives review", last)

    def test_repeated_header_rows_and_a_long_action_log(self):
        doc = self.sample_doc()
        self.ok(doc, "Review", Date=DATE)
        self.ok(doc, "ActionLog", Date=DATE)
        sheets = doc.getSheets()
        review, log = sheets.getByName(f"Review {DATE}"), sheets.getByName("Action Log")
        for sh, rows in ((review, (0, 1)), (log, (0, 0))):
            self.assertTrue(sh.PrintTitleRows, sh.Name)
            t = sh.TitleRows
            self.assertEqual((t.StartRow, t.EndRow), rows, sh.Name)
        # 120 more actions: the log runs over several pages, each starting with its header row
        n0 = len(self.action_rows(doc)[1])
        data = tuple((f"A-{900 + i}", "Q-01", f"Finding {i}", f"Action text {i}", "Owner", "", "", "", "Open", "",
                      "") for i in range(120))
        log.getCellRangeByPosition(0, n0 + 1, 10, n0 + 120).setDataArray(data)
        pdf, _ = self.export(doc)
        texts = self.assert_numbered(pdf, doc.getTitle())  # "Untitled N": unsaved
        log_pages = [t for t in texts if "Action log" in t]
        self.assertGreater(len(log_pages), 1)
        for k, lines in enumerate(log_pages):
            self.assertIn("Action ID", lines, f"action log page {k + 1}")
            self.assertIn("Effectiveness", lines, f"action log page {k + 1}")
        # the second page starts with the header row: it comes before its first action
        second = log_pages[1]
        first_action = next(i for i, line in enumerate(second) if line.startswith("A-9"))
        self.assertLess(second.index("Action ID"), first_action)

    # ---- no table on a page without its header row ----
    SEGMENTS = 45  # customers of the RFT objective: its table no longer fits under the summary on page 1
    BLOCK_STARTS = ("Per segment", "12-month trend", "Why lines failed")

    def many_segments_doc(self):
        """The sample data with the Quality sheet's batches spread over SEGMENTS customers."""
        doc = self.sample_doc()
        q = doc.getSheets().getByName("Quality")
        last = tc.used_end(q)[0]
        q.getCellRangeByPosition(0, 1, 0, last).setDataArray(
            tuple((f"Customer {i % self.SEGMENTS + 1:02d}",) for i in range(last)))
        return doc

    @staticmethod
    def manual_breaks(sheet):
        return [b.Position for b in sheet.getRowPageBreaks() if b.ManualBreak]

    def assert_breaks_at_block_starts(self, sheet):
        """Every manual break: above a section (its ID in A, the section band) or a block's title row;
        returns the titles of the blocks that start a page."""
        ids = set(self.review_summary(sheet))
        starts = []
        for r in self.manual_breaks(sheet):
            a = sheet.getCellByPosition(0, r).getString()
            self.assertTrue(a in ids or a in self.BLOCK_STARTS, f"{sheet.Name}: manual break above row {r + 1} ({a!r})")
            starts.append(a)
        return starts

    def assert_headers_with_rows(self, pdf, worst):
        """Every page showing rows of a per-segment table (a customer) shows its header row (Segment ... Rows
        counted); every page showing months of a trend table shows its header (Month ... Moving range)."""
        month = re.compile(r"^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) 20\d\d( \(to date\))?$")
        seen_segments = seen_months = 0
        for n in range(1, pages(pdf) + 1):
            lines = page_lines(pdf, n)
            segments = [x for x in lines if re.fullmatch(r"Customer \d\d", x)]
            if "Worst segment" in lines and worst in segments:
                segments.remove(worst)  # the summary's Worst segment column
            if segments:
                seen_segments += len(segments)
                for header in ("Segment", "Rows counted", "Inspected"):
                    self.assertIn(header, lines, f"page {n} shows {len(segments)} segment rows ({segments[0]} ...)")
            months = [x for x in lines if month.match(x)]
            if months:
                seen_months += len(months)
                for header in ("Month", "Moving range", "Upper limit"):
                    self.assertIn(header, lines, f"page {n} shows months ({months[0]} ...)")
        self.assertGreaterEqual(seen_segments, self.SEGMENTS)  # the table's rows are in the PDF
        self.assertGreater(seen_months, 0)

    def test_no_table_starts_or_continues_on_a_page_without_its_header(self):
        doc = self.many_segments_doc()
        sheets = doc.getSheets()
        user = {n: self.manual_breaks(sheets.getByName(n)) for n in sheets.getElementNames()}
        before = tc.doc_dump(doc)
        self.ok(doc, "ReviewRecord", Date=DATE)
        live, rec = sheets.getByName(f"Review {DATE}"), sheets.getByName(f"Review {DATE} record")
        worst = self.review_summary(live)["Q-01"]["Worst segment"].getString()
        self.assertRegex(worst, r"^Customer \d\d$")
        pdf, msg = self.export(doc, "many-segments.pdf")
        self.assertIn(f'Exported "Review {DATE} record"', msg)
        self.assert_headers_with_rows(pdf, worst)
        # the breaks sit at block starts, on the live review and its record alike; the RFT table was moved
        for sh in (live, rec):
            starts = self.assert_breaks_at_block_starts(sh)
            self.assertIn("Per segment", starts, sh.Name)
        self.assertEqual(self.manual_breaks(rec), self.manual_breaks(live))
        # the user's sheets keep their (no) manual breaks
        for n, breaks in user.items():
            self.assertEqual(self.manual_breaks(sheets.getByName(n)), breaks, n)
        um = doc.getUndoManager()
        self.assertEqual(um.getAllUndoActionTitles()[0], "qkpi: Review (record)")
        um.undo()  # the review, its record and their page breaks go in one step
        self.assertEqual(tc.doc_dump(doc), before)
        # the live review (no record) is exported, with the same breaks
        self.ok(doc, "Review", Date=DATE)
        self.assertIn("Per segment", self.assert_breaks_at_block_starts(sheets.getByName(f"Review {DATE}")))
        pdf2, msg = self.export(doc, "many-segments-live.pdf")
        self.assertIn(f'Exported "Review {DATE}"', msg)
        self.assert_headers_with_rows(pdf2, worst)

    def test_headless_unsaved_export_without_file_name_is_refused_as_before(self):
        doc = self.sample_doc()
        self.ok(doc, "ReviewRecord", Date=DATE)
        state, msg = self.dispatch(doc, "ExportPdf")
        self.assertEqual(state, FAILURE)
        self.assertEqual(msg, "The document has not been saved yet: save it first (the PDF is written next to it), "
                              "or give a FileName.")
        # saved: next to it, named after the document and the exported (record) sheet
        path = os.path.join(self.tmp, "qm: plan.ods")
        doc.storeAsURL(office.to_url(path), office.props(FilterName="calc8"))
        msg = self.ok(doc, "ExportPdf")
        default = os.path.join(self.tmp, f"qm_ plan - Review {DATE} record.pdf")
        self.assertTrue(os.path.isfile(default), msg)
        self.assertIn(default, msg)


if __name__ == "__main__":
    office.main()
