#!/usr/bin/python3
"""The monthly routine in a German UI: Sample Data -> Review -> Action Log in an office with UI language de-DE
(office.Office(ui_language="de-DE"); with LC_ALL=de_DE.UTF-8 when that locale exists, so the document locale is
German too), against the same routine in an English office.

  * every command succeeds and says what it did in German;
  * the generated sheets have German headers and texts (register "Ziel", review title, "im Plan", action log
    "Feststellung" ...), the status codes GREEN/AMBER/RED/GREY and the function names are unchanged;
  * every number of the register, the review and the action log equals the English run's (same cells);
  * cross-language: the German office runs Review and Action Log on the document made in English, the English
    office on the one made in German (headers found in either language, the log's rows stay in its language).

Run: /usr/bin/python3 tests/integration/test_workflow_de.py --oxt build/qkpi.oxt   (or env QKPI_OXT)
Needs the German UI translation (Debian: libreoffice-l10n-de, in scripts/setup.sh).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import office  # noqa: E402

DATE = "2026-11-25"
REVIEW = "Review " + DATE
SUCCESS = 1
SHEETS = ("Objectives", REVIEW, "Action Log")
CODES = {"GREEN", "AMBER", "RED", "GREY"}

TMP = tempfile.mkdtemp(prefix="qkpi-de-test-")
RUNS = {}  # "en" / "de" -> {"messages": {...}, "data": {sheet: rows}, "path": saved .ods}
CROSS = {}  # "de-on-en" / "en-on-de" -> {"messages": ..., "data": ...}


def dispatch(o, doc, command, **args):
    helper = o.create("com.sun.star.frame.DispatchHelper")
    frame = doc.getCurrentController().getFrame()
    ev = helper.executeDispatch(frame, "org.qkpi:" + command, "", 0, office.props(**args))
    return (ev.State, ev.Result) if ev is not None else (None, "no DispatchResultEvent")


def used(sheet):
    cur = sheet.createCursor()
    cur.gotoEndOfUsedArea(False)
    a = cur.getRangeAddress()
    return sheet.getCellRangeByPosition(0, 0, a.EndColumn, a.EndRow).getDataArray()


def data_of(doc):
    doc.calculateAll()
    sheets = doc.getSheets()
    return {n: used(sheets.getByName(n)) for n in SHEETS if sheets.hasByName(n)}


def run_routine(o, lang):
    doc = o.desktop.loadComponentFromURL("private:factory/scalc", "_blank", 0, office.props(Hidden=False))
    msgs = {}
    for cmd in ("SampleData", "Review", "ActionLog"):
        msgs[cmd] = dispatch(o, doc, cmd, Date=DATE)
    data = data_of(doc)
    path = os.path.join(TMP, f"routine-{lang}.ods")
    doc.storeToURL(office.to_url(path), office.props(FilterName="calc8"))
    office.Office.close(doc)
    RUNS[lang] = {"messages": msgs, "data": data, "path": path}


EXTRAS = {}  # "en" / "de" -> what Explain, a bad option and a protected document gave


def column_of(sheet, *headers):
    row = used(sheet)[0]
    for h in headers:
        if h in row:
            return row.index(h)
    raise AssertionError(f"no column {headers} in {row}")


def run_extras(o, lang):
    """Explain on the register's first Actual, Review with a bad option, Review on a protected document."""
    doc = o.desktop.loadComponentFromURL("private:factory/scalc", "_blank", 0, office.props(Hidden=False))
    out = {}
    dispatch(o, doc, "SampleData", Date=DATE)
    reg = doc.getSheets().getByName("Objectives")
    actual, kpi = column_of(reg, "Actual", "Istwert"), column_of(reg, "KPI", "Kennzahl")
    otif = next(r for r, row in enumerate(used(reg)) if row[kpi] == "OTIF")
    doc.getCurrentController().select(reg.getCellByPosition(actual, otif))
    out["explain"] = dispatch(o, doc, "Explain")
    shown = doc.getCurrentController().getActiveSheet()
    out["explain_sheet"] = shown.getName()
    out["explain_rows"] = used(shown)
    out["undo"] = doc.getUndoManager().getAllUndoActionTitles()[0]
    options = reg.getCellByPosition(column_of(reg, "Options", "Optionen"), 2)
    kept = options.getFormula()
    options.setString("Bogus=1")
    out["bad_option"] = dispatch(o, doc, "Review", Date=DATE)
    options.setFormula(kept)
    doc.protect("")
    out["protected"] = dispatch(o, doc, "Review", Date=DATE)
    doc.unprotect("")
    office.Office.close(doc)
    EXTRAS[lang] = out


def run_on(o, path, key):
    doc = o.desktop.loadComponentFromURL(office.to_url(path), "_blank", 0, office.props(Hidden=False))
    msgs = {cmd: dispatch(o, doc, cmd, Date=DATE) for cmd in ("Review", "ActionLog")}
    data = data_of(doc)
    office.Office.close(doc)
    CROSS[key] = {"messages": msgs, "data": data}


def german_locale():
    try:
        out = subprocess.run(["locale", "-a"], capture_output=True, text=True, timeout=10).stdout.lower()
    except OSError:
        return False
    return "de_de.utf8" in out or "de_de.utf-8" in out


def setUpModule():
    oxt = office.oxt_path()
    with office.Office(oxt) as o:
        run_routine(o, "en")
        run_extras(o, "en")
    saved = os.environ.get("LC_ALL")
    if german_locale():
        os.environ["LC_ALL"] = "de_DE.UTF-8"
    try:
        with office.Office(oxt, ui_language="de-DE") as o:
            run_routine(o, "de")
            run_on(o, RUNS["en"]["path"], "de-on-en")
            run_extras(o, "de")
    finally:
        if saved is None:
            os.environ.pop("LC_ALL", None)
        else:
            os.environ["LC_ALL"] = saved
    with office.Office(oxt) as o:
        run_on(o, RUNS["de"]["path"], "en-on-de")


def tearDownModule():
    shutil.rmtree(TMP, ignore_errors=True)


def numbers(rows):
    return {(r, c): v for r, row in enumerate(rows) for c, v in enumerate(row) if isinstance(v, float)}


def codes(rows):
    return {(r, c): v for r, row in enumerate(rows) for c, v in enumerate(row) if v in CODES}


class GermanWorkflow(unittest.TestCase):
    def test_every_command_succeeds_and_says_what_it_did_in_german(self):
        m = RUNS["de"]["messages"]
        for cmd, (state, msg) in m.items():
            self.assertEqual(state, SUCCESS, f"{cmd}: {msg}")
        self.assertIn("Beispieltabellen", m["SampleData"][1])
        self.assertIn("eingefügt", m["SampleData"][1])
        self.assertIn(f'Bewertungstabelle "{REVIEW}" erstellt', m["Review"][1])
        self.assertRegex(m["ActionLog"][1], r'^"Action Log" mit \d+ vorgeschlagenen Maßnahmen? erstellt\.')
        e = RUNS["en"]["messages"]
        self.assertIn("Added the sample sheets", e["SampleData"][1])
        self.assertIn(f'Created the review sheet "{REVIEW}"', e["Review"][1])
        self.assertRegex(e["ActionLog"][1], r'^Created "Action Log" with \d+ proposed actions?\.')

    def test_sheets_have_german_headers_and_texts(self):
        d = RUNS["de"]["data"]
        self.assertEqual(set(d), set(SHEETS), "the sheet names are the same in every language")
        reg = d["Objectives"]
        self.assertEqual(list(reg[0][:4]), ["ID", "Ziel", "Kennzahl", "Daten"])
        self.assertIn("Istwert", reg[0])
        self.assertEqual(reg[2][2], "OTIF", "function names stay")
        rv = d[REVIEW]
        self.assertEqual(rv[0][0], "Bewertung der Qualitätsziele")
        texts = {v for row in rv for v in row if isinstance(v, str)}
        self.assertIn("Abstand zum Ziel", texts)
        self.assertIn("Je Segment", texts)
        self.assertTrue(texts & {"im Plan", "im Rückstand"}, "the on-track words")
        self.assertTrue(any(t.endswith(" (bis heute)") for t in texts), "the month-to-date mark")
        self.assertFalse({"Quality objectives review", "Per segment", "on track", "behind"} & texts)
        log = d["Action Log"]
        self.assertEqual(list(log[0][:4]), ["Maßnahmen-Nr.", "Ziel", "Feststellung", "Maßnahme"])
        self.assertGreater(len(log), 1)
        for row in log[1:]:
            self.assertEqual(row[8], "Offen")
            self.assertRegex(row[2], r"\((AMBER|RED)\) am 2026-11-25\. ")
            self.assertRegex(row[2], r"( ist | gesenkt | gestiegen )")

    def test_values_equal_the_english_run(self):
        en, de = RUNS["en"]["data"], RUNS["de"]["data"]
        for name in SHEETS:
            with self.subTest(sheet=name):
                a, b = numbers(en[name]), numbers(de[name])
                self.assertGreater(len(a), 5)
                self.assertEqual(set(a), set(b), "the same cells hold numbers")
                for k in a:
                    self.assertEqual(a[k], b[k], f"{name} {k}")
                self.assertEqual(codes(en[name]), codes(de[name]), "the same status codes")

    def test_german_office_on_an_english_document(self):
        c = CROSS["de-on-en"]
        for cmd, (state, msg) in c["messages"].items():
            self.assertEqual(state, SUCCESS, f"{cmd}: {msg}")
        self.assertIn(f'Bewertungstabelle "{REVIEW} (2)" erstellt', c["messages"]["Review"][1])
        self.assertIn("Keine neuen Maßnahmen", c["messages"]["ActionLog"][1])
        self.assertEqual(c["data"]["Objectives"][0][1], "Objective", "the English register is left as it is")
        self.assertEqual(c["data"]["Action Log"], RUNS["en"]["data"]["Action Log"], "the English log unchanged")

    def test_english_office_on_a_german_document(self):
        c = CROSS["en-on-de"]
        for cmd, (state, msg) in c["messages"].items():
            self.assertEqual(state, SUCCESS, f"{cmd}: {msg}")
        self.assertIn(f'Created the review sheet "{REVIEW} (2)"', c["messages"]["Review"][1])
        self.assertIn("No new actions", c["messages"]["ActionLog"][1])
        self.assertEqual(c["data"]["Action Log"], RUNS["de"]["data"]["Action Log"], "the German log unchanged")

    def test_explain_refusals_and_undo_in_german(self):
        de, en = EXTRAS["de"], EXTRAS["en"]
        self.assertEqual(de["explain"][0], SUCCESS, de["explain"][1])
        self.assertRegex(de["explain"][1], r'^OTIF in Objectives\.[A-Z]+\d+ auf der neuen Tabelle "Explain Objectives '
                         r'[A-Z]+\d+" erklärt: [\d.]+ Zeilen, [\d.]+ gezählt, [\d.]+ verfehlt, [\d.]+ ausgelassen')
        self.assertEqual(de["explain_sheet"], en["explain_sheet"], "the sheet name stays English")
        rows = de["explain_rows"]
        texts = {v for row in rows for v in row if isinstance(v, str)}
        self.assertTrue(rows[0][0].startswith("Erklärung: OTIF in Objectives."), rows[0][0])
        for word in ("Formel", "Wert", "Argumente", "Anzahlen", "Zeilen in der Tabelle", "Gezählt", "Zeile",
                     "Grund", "Liefertermin", "Lieferdatum", "Bestellmenge", "Liefermenge", "Tage verspätet"):
            self.assertIn(word, texts)
        self.assertTrue(texts & {"zu spät (late)", "unvollständig (short)", "nicht geliefert (not delivered)"})
        self.assertFalse({"Rows in the table", "Counted", "Reason", "Days late", "late", "short", "failed"} & texts)
        self.assertEqual(numbers(rows), numbers(en["explain_rows"]), "the same counts and rows as in English")
        self.assertEqual(de["undo"], "qkpi: Erklären")
        self.assertEqual(en["undo"], "qkpi: Explain")
        state, msg = de["bad_option"]
        self.assertNotEqual(state, SUCCESS)
        self.assertIn('Objectives Zeile 3', msg)
        self.assertIn('unbekannte Option "Bogus" für', msg)
        self.assertIn("Gültige Optionen:", msg)
        self.assertIn('unknown option "Bogus" for', en["bad_option"][1])
        state, msg = de["protected"]
        self.assertNotEqual(state, SUCCESS)
        self.assertIn("Die Struktur des Dokuments ist geschützt (Extras > Tabellendokument schützen)", msg)
        self.assertIn("führen Sie Qualitätsziele > Bewertung erneut aus. Nichts wurde geändert.", msg)
        self.assertIn("run Quality Objectives > Review again", en["protected"][1])


if __name__ == "__main__":
    office.main()
