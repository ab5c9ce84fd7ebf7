#!/usr/bin/python3
"""Help texts in a German LibreOffice UI: what the Function Wizard shows (com.sun.star.sheet.FunctionDescriptions)
and formulas typed in the German UI (FormulaLocal).

Run: /usr/bin/python3 tests/integration/test_help_de.py --oxt build/qkpi.oxt   (or env QKPI_OXT)
Needs the German UI translation (Debian: libreoffice-l10n-de, in scripts/setup.sh).

One office with UI language de-DE (office.Office(ui_language="de-DE")). In it Calc asks the add-in for its
texts after XLocalizable::setLocale(de-DE); the wizard must show German descriptions for every function and
argument, with the function and argument names unchanged (they are the same in every language). The English
reference texts come from an own instance of the add-in service with setLocale(en-US), in the same office:
a wizard text equal to its English one, or without German words, fails — so does an add-in that ignores the
locale (then its "English" texts are German and equal the wizard's).
"""

from __future__ import annotations

import datetime
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import office  # noqa: E402
from com.sun.star.lang import Locale  # noqa: E402
from test_help import ENGLISH, FUNCTIONS, GERMAN, words  # noqa: E402  (the function/argument contract)

UI_LANGUAGE = "de-DE"
EN = Locale("en", "US", "")
DE = Locale("de", "DE", "")

ADDIN = None
HIDDEN = {}  # function -> 1 when its method has the hidden XPropertySet first parameter
ENGLISH_TEXTS = {}  # function -> (description, [argument descriptions]) from the service in en-US
GERMAN_TEXTS = {}  # the same in de-DE
WIZARD = {}  # upper-case name -> [entry dicts] of FunctionDescriptions in the German UI


def setUpModule():
    global ADDIN
    o = office.setup_module_office(ui_language=UI_LANGUAGE)
    ADDIN = o.create(office.SERVICE)
    refl = o.create("com.sun.star.reflection.CoreReflection")
    for t in ADDIN.getTypes():
        if t.typeName.lower().startswith("org.qkpi"):
            for m in refl.forName(t.typeName).getMethods():
                params = m.getParameterTypes()
                HIDDEN[m.getName()] = 1 if params and params[0].getName() == "com.sun.star.beans.XPropertySet" else 0
    for loc, texts in ((EN, ENGLISH_TEXTS), (DE, GERMAN_TEXTS)):
        ADDIN.setLocale(loc)
        for f, args in FUNCTIONS.items():
            h = HIDDEN.get(f, 0)
            texts[f] = (ADDIN.getFunctionDescription(f), [ADDIN.getArgumentDescription(f, i + h)
                                                          for i in range(len(args))])
    ADDIN.setLocale(EN)
    fd = o.create("com.sun.star.sheet.FunctionDescriptions")
    WIZARD.clear()
    for i in range(fd.getCount()):
        d = {p.Name: p.Value for p in fd.getByIndex(i)}
        WIZARD.setdefault(d["Name"].upper(), []).append(d)


def tearDownModule():
    office.teardown_module_office()


def serial(y, m, d):
    return float((datetime.date(y, m, d) - datetime.date(1899, 12, 30)).days)


class GermanUi(unittest.TestCase):
    def test_ui_is_german(self):
        """The office really runs in German: otherwise every other check here says nothing."""
        cp = office.OFFICE.create("com.sun.star.configuration.ConfigurationProvider")
        l10n = cp.createInstanceWithArguments("com.sun.star.configuration.ConfigurationAccess",
                                              (office.prop("nodepath", "/org.openoffice.Setup/L10N"),))
        self.assertTrue(l10n.getByName("ooLocale").startswith("de"),
                        f"UI locale is {l10n.getByName('ooLocale')!r}, not German")
        self.assertIn("SUMME", WIZARD, "native SUM is not listed as SUMME: the wizard is not German")
        self.assertNotIn("SUM", WIZARD)
        self.assertTrue(words(WIZARD["SUMME"][0]["Description"]) & GERMAN,
                        f"SUMME description not German: {WIZARD['SUMME'][0]['Description']!r}")

    def test_english_reference_texts_are_english(self):
        """The reference is sane: the service answers English in en-US (and German in de-DE)."""
        msgs = []
        for f in FUNCTIONS:
            en, de = ENGLISH_TEXTS[f][0], GERMAN_TEXTS[f][0]
            if not words(en) & ENGLISH:
                msgs.append(f"{f}: en-US description has no English words: {en!r}")
            if en == de:
                msgs.append(f"{f}: the service answers the same description in en-US and de-DE: {en!r}")
        self.assertFalse(msgs, "\n".join(msgs))


class GermanWizard(unittest.TestCase):
    def test_names_are_the_english_ones(self):
        msgs = []
        for f, args in FUNCTIONS.items():
            es = WIZARD.get(f)
            if not es:
                msgs.append(f"{f}: not in FunctionDescriptions of the German UI")
                continue
            if len(es) != 1:
                msgs.append(f"{f}: {len(es)} entries in FunctionDescriptions")
            e = es[0]
            if e["Name"] != f:
                msgs.append(f"{f}: German UI shows the name {e['Name']!r}")
            names = [a.Name for a in e.get("Arguments", ())]
            if names != [a for a, _ in args]:
                msgs.append(f"{f}: German UI shows the arguments {names}, expected {[a for a, _ in args]}")
        self.assertFalse(msgs, "\n".join(msgs))

    def test_function_descriptions_are_german(self):
        msgs = []
        for f in FUNCTIONS:
            if f not in WIZARD:
                msgs.append(f"{f}: missing")
                continue
            desc = WIZARD[f][0]["Description"]
            if not desc.strip():
                msgs.append(f"{f}: empty description")
            elif desc == ENGLISH_TEXTS[f][0]:
                msgs.append(f"{f}: the German UI shows the en-US description of the service: {desc!r}")
            elif not words(desc) & GERMAN:
                msgs.append(f"{f}: description has no German words: {desc!r}")
            elif desc != GERMAN_TEXTS[f][0]:
                msgs.append(f"{f}: wizard shows {desc!r}, the service's de-DE text is {GERMAN_TEXTS[f][0]!r}")
        self.assertFalse(msgs, "\n".join(msgs))

    def test_argument_descriptions_are_german(self):
        msgs = []
        for f, args in FUNCTIONS.items():
            if f not in WIZARD:
                msgs.append(f"{f}: missing")
                continue
            wargs = WIZARD[f][0].get("Arguments", ())
            if len(wargs) != len(args):
                msgs.append(f"{f}: {len(wargs)} arguments in the wizard, expected {len(args)}")
                continue
            for i, ((aname, _), wa) in enumerate(zip(args, wargs)):
                d, en, de = wa.Description, ENGLISH_TEXTS[f][1][i], GERMAN_TEXTS[f][1][i]
                if not d.strip():
                    msgs.append(f"{f}({aname}): empty description")
                elif d == en:
                    msgs.append(f"{f}({aname}): the German UI shows the en-US description of the service: {d!r}")
                elif not words(d) & GERMAN:
                    msgs.append(f"{f}({aname}): description has no German words: {d!r}")
                elif d != de:
                    msgs.append(f"{f}({aname}): wizard shows {d!r}, the service's de-DE text is {de!r}")
        self.assertFalse(msgs, "\n".join(msgs))

    def test_typical_german_words(self):
        """Words a German help for these functions must use (stems, lower case)."""
        msgs = []
        for f, stems in (("OTIF", ("liefer",)), ("ONTIME", ("termin", "pünktlich", "rechtzeitig")),
                         ("INFULL", ("vollständig",)), ("RFT", ("prüf", "gut")), ("TURNAROUND", ("arbeitstag",)),
                         ("WORKDAYSELAPSED", ("arbeitstag",)), ("KPISTATUS", ("ziel",))):
            e = WIZARD.get(f, [{}])[0]
            text = " ".join([e.get("Description", "")] + [a.Description for a in e.get("Arguments", ())]).lower()
            if not any(s in text for s in stems):
                msgs.append(f"{f}: German help mentions none of {stems}: {e.get('Description')!r}")
        self.assertFalse(msgs, "\n".join(msgs))


# README's OTIF example: Customer | Due | Delivered | OrderedQty | DeliveredQty (rows 2-6)
LINES = [
    ("ACME", serial(2026, 3, 2), serial(2026, 3, 2), 50.0, 50.0),
    ("ACME", serial(2026, 3, 2), serial(2026, 3, 4), 50.0, 50.0),
    ("ACME", serial(2026, 3, 9), serial(2026, 3, 9), 50.0, 49.0),
    ("Globex", serial(2026, 3, 9), serial(2026, 3, 6), 10.0, 10.0),
    ("ACME", serial(2026, 3, 16), "", 20.0, 0.0),
]
# (formula typed in the German UI, the same in the API's English grammar, expected value)
LOCAL_FORMULAS = [
    ("=OTIF(B2:E6)", "=OTIF(B2:E6)", 0.4),
    ("=otif(B2:E6)", "=OTIF(B2:E6)", 0.4),
    ('=OTIF(B2:E6;A2:A6;"acme")', '=OTIF(B2:E6;A2:A6;"acme")', 0.25),
    ('=OTIF(B2:E6;A2:A6;"ACME";;DATUM(2026;3;16))', '=OTIF(B2:E6;A2:A6;"ACME";;DATE(2026;3;16))', 1 / 3),
    ("=WENN(ONTIME(B2:E6)>INFULL(B2:E6);1;0)+RUNDEN(INFULL(B2:E6);1)",
     "=IF(ONTIME(B2:E6)>INFULL(B2:E6);1;0)+ROUND(INFULL(B2:E6);1)", 0.6),
]


class GermanFormulas(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.doc = office.OFFICE.new_calc()
        cls.sheet = cls.doc.getSheets().getByIndex(0)
        cls.sheet.getCellRangeByName("A1:E1").setDataArray(
            (("Customer", "Due", "Delivered", "OrderedQty", "DeliveredQty"),))
        cls.sheet.getCellRangeByName("A2:E6").setDataArray(LINES)

    @classmethod
    def tearDownClass(cls):
        office.Office.close(cls.doc)

    def test_local_formulas(self):
        msgs = []
        for row, (local, api, want) in enumerate(LOCAL_FORMULAS, start=10):
            c_local = self.sheet.getCellByPosition(0, row)
            c_api = self.sheet.getCellByPosition(1, row)
            c_local.setPropertyValue("FormulaLocal", local)
            c_api.setFormula(api)
            self.doc.calculateAll()
            got, ref = office.cell_result(c_local), office.cell_result(c_api)
            if got[0] != "value" or not office.close_enough(got[1], want, 1e-9):
                shown = office.err_name(got[1]) if got[0] == "error" else got
                msgs.append(f"{local}: {shown} in the German UI, expected {want}")
            if got != ref:
                msgs.append(f"{local}: {got} in the German UI, {ref} for {api} (API grammar)")
            # the local formula reads back with the German names, the stored one with the programmatic name
            back = c_local.getPropertyValue("FormulaLocal")
            for name in ("OTIF", "ONTIME", "INFULL"):
                if name in local.upper() and name + "(" not in back:
                    msgs.append(f"{local}: FormulaLocal reads back {back!r}")
                if name in local.upper() and f"{office.SERVICE}.{name}(".upper() not in c_local.getFormula().upper():
                    msgs.append(f"{local}: getFormula() {c_local.getFormula()!r} lacks {office.SERVICE}.{name}")
            if "DATUM(" in local and "DATUM(" not in back:
                msgs.append(f"{local}: FormulaLocal reads back {back!r} (not German)")
        self.assertFalse(msgs, "\n".join(msgs))


if __name__ == "__main__":
    office.main()
