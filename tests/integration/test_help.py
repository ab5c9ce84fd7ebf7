#!/usr/bin/python3
"""Help texts: what the Function Wizard shows (com.sun.star.sheet.FunctionDescriptions) and what the add-in
service answers through XAddIn in en-US and de.

Run: /usr/bin/python3 tests/integration/test_help.py --oxt build/qkpi.oxt   (or env QKPI_OXT)

The expected functions and arguments are the contract of /work/shared/kpi-rules.md:
  T = the table (sequence<sequence<double>>, required, never optional in the wizard),
  R = a required `any` (Calc's wizard shows every `any` as optional: not checked),
  O = optional (must be flagged optional).
"""

from __future__ import annotations

import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import office  # noqa: E402
from com.sun.star.lang import Locale  # noqa: E402

PERIOD = [("From", "O"), ("To", "O")]
SEG = [("Segments", "O"), ("Segment", "O")]
COLS = [("Columns", "O")]
FUNCTIONS = {
    "OTIF": [("Lines", "T")] + SEG + PERIOD + [("EarlyDays", "O"), ("LateDays", "O"), ("QtyTolerance", "O")] + COLS,
    "ONTIME": [("Lines", "T")] + SEG + PERIOD + [("EarlyDays", "O"), ("LateDays", "O")] + COLS,
    "INFULL": [("Lines", "T")] + SEG + PERIOD + [("QtyTolerance", "O")] + COLS,
    "RFT": [("Counts", "T")] + SEG + PERIOD + COLS,
    "RFTJOBS": [("Jobs", "R")] + SEG + PERIOD + COLS,
    "RTY": [("Yields", "R")],
    "RETURNS": [("Returns", "T")] + SEG + PERIOD + COLS,
    "REDUCTION": [("Baseline", "R"), ("Current", "R")],
    "TARGETPATH": [("Baseline", "R"), ("Target", "R"), ("Start", "R"), ("End", "R"), ("AsOf", "R")],
    "WORKDAYSELAPSED": [("Start", "R"), ("End", "R"), ("Weekend", "O"), ("Holidays", "O")],
    "TURNAROUND": [("Returns", "T")] + SEG + PERIOD + [("Days", "O"), ("Weekend", "O"), ("Holidays", "O"),
                                                       ("AsOf", "O")] + COLS,
    "TURNAROUNDDAYS": [("Returns", "T")] + SEG + PERIOD + [("Percentile", "O"), ("Weekend", "O"),
                                                           ("Holidays", "O"), ("AsOf", "O")] + COLS,
    "KPISTATUS": [("Actual", "R"), ("Target", "R"), ("Direction", "O"), ("Amber", "O")],
    "SEGMENTS": [("Segments", "R")],
    "OTIFBY": [("Lines", "T"), ("Segments", "R")] + PERIOD + [("EarlyDays", "O"), ("LateDays", "O"),
                                                              ("QtyTolerance", "O")] + COLS,
    "OTIFQTY": [("Lines", "T")] + SEG + PERIOD + [("EarlyDays", "O"), ("LateDays", "O")] + COLS,
    "OTIFORDERS": [("Lines", "T"), ("Orders", "R")] + SEG + PERIOD + [("EarlyDays", "O"), ("LateDays", "O"),
                                                                     ("QtyTolerance", "O")] + COLS,
    "OTIFREASONS": [("Lines", "T")] + SEG + PERIOD + [("EarlyDays", "O"), ("LateDays", "O"),
                                                       ("QtyTolerance", "O")] + COLS,
    "OTIFQTYBY": [("Lines", "T"), ("Segments", "R")] + PERIOD + [("EarlyDays", "O"), ("LateDays", "O")] + COLS,
    "OTIFORDERSBY": [("Lines", "T"), ("Orders", "R"), ("Segments", "R")] + PERIOD + [
        ("EarlyDays", "O"), ("LateDays", "O"), ("QtyTolerance", "O")] + COLS,
    "RFTBY": [("Counts", "T"), ("Segments", "R")] + PERIOD + COLS,
    "RFTJOBSBY": [("Jobs", "R"), ("Segments", "R")] + PERIOD + COLS,
    "RETURNSBY": [("Returns", "T"), ("Segments", "R")] + PERIOD + COLS,
    "TURNAROUNDBY": [("Returns", "T"), ("Segments", "R")] + PERIOD + [("Days", "O"), ("Weekend", "O"),
                                                                      ("Holidays", "O"), ("AsOf", "O")] + COLS,
}

# Frequent function words: a German text has some of the first set, an English one some of the second.
GERMAN = {"der", "die", "das", "den", "dem", "des", "und", "oder", "mit", "ein", "eine", "einer", "eines", "ist",
          "wird", "für", "von", "zeilen", "nicht", "als", "bei", "auf", "im", "zu", "je", "nach", "wenn", "leer",
          "anteil", "datum", "arbeitstage", "weggelassen", "bereich", "spalten", "tabelle"}
ENGLISH = {"the", "of", "and", "or", "with", "a", "an", "is", "for", "in", "to", "rows", "not", "as", "by", "when",
           "blank", "share", "date", "working", "days", "omitted", "range", "columns", "table"}

ADDIN = None
HIDDEN = {}  # function -> 1 when its method has the hidden XPropertySet first parameter
METHODS = {}


def words(text):
    return set(re.findall(r"[a-zäöüß]+", text.lower()))


def setUpModule():
    global ADDIN
    o = office.setup_module_office()
    ADDIN = o.create(office.SERVICE)
    # the UNO interface's methods (reflection): names and whether the first parameter is the hidden XPropertySet
    refl = o.create("com.sun.star.reflection.CoreReflection")
    for t in ADDIN.getTypes():
        name = t.typeName
        if not name.lower().startswith("org.qkpi"):
            continue
        cls = refl.forName(name)
        for m in cls.getMethods():
            params = m.getParameterTypes()
            METHODS[m.getName()] = [p.getName() for p in params]
    for f, params in METHODS.items():
        HIDDEN[f] = 1 if params and params[0] == "com.sun.star.beans.XPropertySet" else 0


def tearDownModule():
    office.teardown_module_office()


def wizard_entries():
    fd = office.OFFICE.create("com.sun.star.sheet.FunctionDescriptions")
    out = {}
    for i in range(fd.getCount()):
        d = {p.Name: p.Value for p in fd.getByIndex(i)}
        out.setdefault(d["Name"].upper(), []).append(d)
    return out


class Help(unittest.TestCase):
    def setUp(self):
        ADDIN.setLocale(Locale("en", "US", ""))

    def test_interface_has_exactly_the_documented_functions(self):
        methods = {m for m in METHODS if m.upper() == m}  # function methods are upper-case names
        self.assertTrue(METHODS, "no org.qkpi interface found on the service")
        self.assertEqual(sorted(methods), sorted(FUNCTIONS),
                         "functions of the org.qkpi interface differ from kpi-rules.md")
        for f, args in FUNCTIONS.items():
            visible = len(METHODS[f]) - HIDDEN[f]
            self.assertEqual(visible, len(args), f"{f}: {len(args)} arguments expected, method has {METHODS[f]}")
            for (aname, kind), ptype in zip(args, METHODS[f][HIDDEN[f]:]):
                want = "[][]double" if kind == "T" else "any"
                self.assertEqual(ptype, want, f"{f} argument {aname}: UNO type {ptype}, expected {want}")

    def test_wizard_lists_every_function(self):
        entries = wizard_entries()
        msgs = []
        for f, args in FUNCTIONS.items():
            es = entries.get(f)
            if not es:
                msgs.append(f"{f}: not in FunctionDescriptions")
                continue
            if len(es) > 1:
                msgs.append(f"{f}: {len(es)} entries in FunctionDescriptions")
            e = es[0]
            if not e.get("Description", "").strip():
                msgs.append(f"{f}: empty description")
            wargs = e.get("Arguments", ())
            if len(wargs) != len(args):
                msgs.append(f"{f}: wizard shows {len(wargs)} arguments {[a.Name for a in wargs]}, expected "
                            f"{[a for a, _ in args]}")
                continue
            for (aname, kind), wa in zip(args, wargs):
                if wa.Name != aname:
                    msgs.append(f"{f}: argument {wa.Name!r}, expected {aname!r}")
                if not wa.Description.strip():
                    msgs.append(f"{f}({aname}): empty argument description")
                if kind == "O" and not wa.IsOptional:
                    msgs.append(f"{f}({aname}): optional argument not flagged optional")
                if kind == "T" and wa.IsOptional:
                    msgs.append(f"{f}({aname}): the table argument is flagged optional")
        self.assertFalse(msgs, "\n".join(msgs))

    def test_english_texts_from_the_service(self):
        msgs = []
        for f, args in FUNCTIONS.items():
            if ADDIN.getDisplayFunctionName(f) != f:
                msgs.append(f"{f}: display name {ADDIN.getDisplayFunctionName(f)!r}")
            desc = ADDIN.getFunctionDescription(f)
            if not desc.strip() or not words(desc) & ENGLISH:
                msgs.append(f"{f}: English description looks wrong: {desc!r}")
            for i, (aname, _) in enumerate(args):
                idx = i + HIDDEN.get(f, 0)
                if ADDIN.getDisplayArgumentName(f, idx) != aname:
                    msgs.append(f"{f}: argument {idx} is {ADDIN.getDisplayArgumentName(f, idx)!r}, expected {aname}")
                if not ADDIN.getArgumentDescription(f, idx).strip():
                    msgs.append(f"{f}({aname}): empty English argument description")
        self.assertFalse(msgs, "\n".join(msgs))

    def test_german_texts_differ(self):
        en = {f: (ADDIN.getFunctionDescription(f),
                  [ADDIN.getArgumentDescription(f, i + HIDDEN.get(f, 0)) for i in range(len(a))])
              for f, a in FUNCTIONS.items()}
        ADDIN.setLocale(Locale("de", "DE", ""))
        msgs = []
        for f, args in FUNCTIONS.items():
            if ADDIN.getDisplayFunctionName(f) != f:
                msgs.append(f"{f}: German display name {ADDIN.getDisplayFunctionName(f)!r} (names are the same "
                            f"in every language)")
            desc = ADDIN.getFunctionDescription(f)
            if not desc.strip() or desc == en[f][0]:
                msgs.append(f"{f}: German description missing or English: {desc!r}")
            elif not words(desc) & GERMAN:
                msgs.append(f"{f}: German description has no German words: {desc!r}")
            for i, (aname, _) in enumerate(args):
                idx = i + HIDDEN.get(f, 0)
                if ADDIN.getDisplayArgumentName(f, idx) != aname:
                    msgs.append(f"{f}: German argument name {ADDIN.getDisplayArgumentName(f, idx)!r} != {aname}")
                d = ADDIN.getArgumentDescription(f, idx)
                if not d.strip() or d == en[f][1][i]:
                    msgs.append(f"{f}({aname}): German argument description missing or English: {d!r}")
        # a few words that a German help text for these functions must contain
        for f, expect in (("OTIF", ("liefer",)), ("RFT", ("prüf", "gut")), ("TURNAROUND", ("arbeitstag",)),
                          ("KPISTATUS", ("ziel",))):
            d = ADDIN.getFunctionDescription(f).lower() + " " + " ".join(
                ADDIN.getArgumentDescription(f, i + HIDDEN.get(f, 0)).lower() for i in range(len(FUNCTIONS[f])))
            if not any(w in d for w in expect):
                msgs.append(f"{f}: German help mentions none of {expect}: {ADDIN.getFunctionDescription(f)!r}")
        # back to English: the service answers per locale
        ADDIN.setLocale(Locale("en", "US", ""))
        if ADDIN.getFunctionDescription("OTIF") != en["OTIF"][0]:
            msgs.append("after setLocale(en-US) the OTIF description is not the English one again")
        self.assertFalse(msgs, "\n".join(msgs))

    def test_service_names(self):
        self.assertEqual(ADDIN.getServiceName(), office.SERVICE)
        self.assertTrue(ADDIN.supportsService("com.sun.star.sheet.AddIn"))
        for f in FUNCTIONS:
            self.assertEqual(ADDIN.getProgrammaticFuntionName(f), f)
            self.assertTrue(ADDIN.getProgrammaticCategoryName(f).strip(), f"{f}: no category")


if __name__ == "__main__":
    office.main()
