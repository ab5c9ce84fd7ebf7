#!/usr/bin/python3
"""The extension's help pages: in the .oxt for every function in both languages, and served by LibreOffice.

Run: /usr/bin/python3 tests/integration/test_help_pages.py --oxt build/qkpi.oxt   (or env QKPI_OXT)

The functions expected are the contract list of test_help.py (kpi-rules.md), not the function table the
pages are generated from. Two parts:
  InTheOxt  -- the package itself (no office): META-INF/manifest.xml registers help/ as
               application/vnd.sun.star.help; help/<lang>/org.qkpi.extension/ has index.xhp and <NAME>.xhp for
               every function, each well-formed XML naming the function and every argument, with an index
               entry "qkpi; NAME"; no page has a help id (F1 on a qkpi entry would abort 25.2); index.xhp lists
               every function; help.tree lists every page; German pages are German.
  Served    -- a headless soffice with the extension installed: LibreOffice compiled the pages at
               registration and its help content provider renders each one to HTML, found by its path
               (vnd.sun.star.help://scalc/org.qkpi.extension%2F<NAME>.xhp, the index as index.xhp), in en-US
               and de; org.qkpi:Help opens the index
               page. Rendering needs /usr/share/libreoffice/help/main_transform.xsl (Debian:
               libreoffice-help-common; without it soffice crashes on a help URL) and Writer for the window.
               In LibreOffice 7.6 and later (measured: 25.2.3) the help content provider aborts soffice on
               any extension's page (a null comphelper::ByteReader in package's ByteGrabber when xmlhelp
               opens the extension's help.jar with its own stream): there the rendering tests are skipped
               (never read: the read would kill the office) and Help must refuse with its message, leaving
               the office alive and no help frame.
"""

from __future__ import annotations

import os
import re
import sys
import unittest
import xml.etree.ElementTree as ET
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import office  # noqa: E402
from com.sun.star.frame.DispatchResultState import SUCCESS  # noqa: E402
from test_help import ENGLISH, FUNCTIONS, GERMAN, words  # noqa: E402

FOLDER = "org.qkpi.extension"  # the extension's identifier: xmlhelp serves only pages under it
LANGS = ("en-US", "de")
XSL = "/usr/share/libreoffice/help/main_transform.xsl"


def oxt_files():
    with zipfile.ZipFile(office.oxt_path()) as z:
        return {n: z.read(n) for n in z.namelist() if not n.endswith("/")}


def text_of(xhp: bytes) -> str:
    return " ".join(ET.fromstring(xhp).itertext())


class InTheOxt(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.files = oxt_files()

    def test_manifest_registers_the_help(self):
        m = ET.fromstring(self.files["META-INF/manifest.xml"])
        ns = "{http://openoffice.org/2001/manifest}"
        entries = {e.get(ns + "full-path"): e.get(ns + "media-type") for e in m}
        self.assertEqual(entries.get("help"), "application/vnd.sun.star.help", entries)

    def test_a_page_for_every_function_in_both_languages(self):
        msgs = []
        for lang in LANGS:
            for f, args in FUNCTIONS.items():
                name = f"help/{lang}/{FOLDER}/{f}.xhp"
                if name not in self.files:
                    msgs.append(f"{name} missing")
                    continue
                root = ET.fromstring(self.files[name])  # well-formed, or this raises
                title = root.find("meta/topic/title").text
                filename = root.find("meta/topic/filename").text
                if title != f or filename != f"/{FOLDER}/{f}.xhp":
                    msgs.append(f"{name}: title {title!r}, filename {filename!r}")
                text = text_of(self.files[name])
                for a, _ in args:
                    if not re.search(rf"\b{a}\b", text):
                        msgs.append(f"{name}: argument {a} not described")
                values = [" ".join(b.itertext()) for b in root.iter("bookmark") if b.get("branch") == "index"]
                if f"qkpi;{f}" not in values:
                    msgs.append(f"{name}: no index entry qkpi; {f} ({values})")
                w = words(text)
                if lang == "de" and len(w & GERMAN) < 5:
                    msgs.append(f"{name}: not German enough: {sorted(w & GERMAN)}")
                if lang == "en-US" and len(w & ENGLISH) < 5:
                    msgs.append(f"{name}: not English enough: {sorted(w & ENGLISH)}")
        self.assertFalse(msgs, "\n".join(msgs))

    def test_index_page_lists_every_function_and_no_page_has_a_help_id(self):
        # A help id (hid/org.qkpi:...) would let F1 on a qkpi menu entry open the page in 7.4, and makes
        # F1 there abort LibreOffice 25.2 (its help provider reads the extension's help.jar): none.
        for name, data in self.files.items():
            if name.startswith("help/") and name.endswith(".xhp"):
                hids = {b.get("branch") for b in ET.fromstring(data).iter("bookmark")} - {"index", None}
                self.assertFalse({h for h in hids if h.startswith("hid/")}, name)
        for lang in LANGS:
            name = f"help/{lang}/{FOLDER}/index.xhp"
            self.assertIn(name, self.files)
            root = ET.fromstring(self.files[name])
            cells = {" ".join(c.itertext()).strip() for c in root.iter("tablecell")}
            self.assertFalse(set(FUNCTIONS) - cells, f"{name}: functions not listed")

    def test_help_tree_lists_every_page(self):
        for lang in LANGS:
            tree = ET.fromstring(self.files[f"help/{lang}/help.tree"])
            ids = {t.get("id") for t in tree.iter("topic")}
            want = {f"scalc/{FOLDER}%2F{f}.xhp" for f in list(FUNCTIONS) + ["index"]}
            self.assertEqual(want - ids, set(), lang)

    def test_no_page_without_a_function(self):
        pages = {n.rsplit("/", 1)[1][:-4] for n in self.files if n.startswith("help/") and n.endswith(".xhp")}
        self.assertEqual(pages - set(FUNCTIONS) - {"index"}, set())


def read_help(url: str) -> str:
    sfa = office.OFFICE.create("com.sun.star.ucb.SimpleFileAccess")
    stream = sfa.openFileRead(url)
    out = b""
    while True:
        n, data = stream.readBytes(None, 65536)
        out += bytes(data.value)
        if n < 65536:
            break
    stream.closeInput()
    return out.decode("utf-8")


def office_version() -> tuple[int, int]:
    cp = office.OFFICE.create("com.sun.star.configuration.ConfigurationProvider")
    product = cp.createInstanceWithArguments("com.sun.star.configuration.ConfigurationAccess",
                                             office.props(nodepath="/org.openoffice.Setup/Product"))
    major, minor = product.getByName("ooSetupVersion").split(".")[:2]
    return int(major), int(minor)


def viewer_works(version: tuple[int, int]) -> bool:
    """Whether LibreOffice's help content provider can show an extension's page (cmd_help.cxx)."""
    return version < (7, 6)


def help_frames():
    frames = office.OFFICE.desktop.getFrames()
    out = []
    for i in range(frames.getCount()):
        c = frames.getByIndex(i).getController()
        model = c.getModel() if c is not None else None
        url = model.getURL() if model is not None else ""
        if url.startswith("vnd.sun.star.help:"):
            out.append((frames.getByIndex(i), url))
    return out


def dispatch_help(doc, **args):
    frame = doc.getCurrentController().getFrame()
    url = office.uno.createUnoStruct("com.sun.star.util.URL")
    url.Complete = "org.qkpi:Help"
    parser = office.OFFICE.create("com.sun.star.util.URLTransformer")
    _, url = parser.parseStrict(url)
    listener = office.Listener()
    frame.queryDispatch(url, "", 0).dispatchWithNotification(url, office.props(**args), listener)
    return listener.events


class Served(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not os.path.isfile(XSL):
            raise AssertionError(f"{XSL} is missing: install libreoffice-help-common (scripts/setup.sh); "
                                 "without it soffice crashes on a help URL")
        office.setup_module_office()
        cls.version = office_version()

    def setUp(self):
        refusal = "test_help_command_refuses_where_the_viewer_crashes"
        if not viewer_works(self.version) and self._testMethodName != refusal:
            self.skipTest(f"LibreOffice {self.version[0]}.{self.version[1]}: its help content provider aborts "
                          "soffice on any extension help page (not read)")

    def test_help_command_refuses_where_the_viewer_crashes(self):
        if viewer_works(self.version):
            self.skipTest(f"LibreOffice {self.version[0]}.{self.version[1]} shows extension help pages")
        doc = office.OFFICE.new_calc()
        try:
            events = dispatch_help(doc, Silent=True)
            self.assertEqual(len(events), 1)
            self.assertNotEqual(events[0].State, SUCCESS)
            self.assertIn(f"LibreOffice {self.version[0]}.{self.version[1]} cannot show the help pages of "
                          "extensions", str(events[0].Result))
            self.assertEqual(help_frames(), [])
            # the office is alive: a cell can still be computed
            doc.getSheets().getByIndex(0).getCellByPosition(0, 0).setFormula("=1+1")
            self.assertEqual(doc.getSheets().getByIndex(0).getCellByPosition(0, 0).getValue(), 2.0)
        finally:
            office.Office.close(doc)

    def test_every_page_is_rendered_in_both_languages(self):
        msgs = []
        for lang in LANGS:
            for f in FUNCTIONS:
                url = f"vnd.sun.star.help://scalc/{FOLDER}%2F{f}.xhp?Language={lang}&System=UNX"
                html = read_help(url)
                if f"<h1>{f}</h1>" not in html:
                    msgs.append(f"{url}: no <h1>{f}</h1> in {html[:200]!r}")
                    continue
                german = {"Syntax", "Argumente", "Was sie berechnet"}
                english = {"Syntax", "Arguments", "What it computes"}
                for h in (german if lang == "de" else english):
                    if f">{h}</h2>" not in html:
                        msgs.append(f"{url}: no heading {h}")
        self.assertFalse(msgs, "\n".join(msgs))

    def test_the_index_is_found_by_its_path(self):
        en = read_help(f"vnd.sun.star.help://scalc/{FOLDER}%2Findex.xhp?Language=en-US&System=UNX")
        de = read_help(f"vnd.sun.star.help://scalc/{FOLDER}%2Findex.xhp?Language=de&System=UNX")
        self.assertIn("<h1>qkpi functions for quality objectives</h1>", en)
        self.assertIn("<h1>qkpi-Funktionen für Qualitätsziele</h1>", de)
        for f in FUNCTIONS:
            self.assertIn(f">{f}<", en)
            self.assertIn(f">{f}<", de)

    def test_help_command_opens_the_index_page(self):
        doc = office.OFFICE.new_calc()
        try:
            events = dispatch_help(doc)
            self.assertEqual(len(events), 1)
            self.assertEqual(events[0].State, SUCCESS, events[0].Result)
            frames = office.OFFICE.desktop.getFrames()
            urls = []
            for i in range(frames.getCount()):
                c = frames.getByIndex(i).getController()
                model = c.getModel() if c is not None else None
                urls.append(model.getURL() if model is not None else "")
            helps = [u for u in urls if u.startswith(f"vnd.sun.star.help://scalc/{FOLDER}%2Findex.xhp")]
            self.assertEqual(len(helps), 1, urls)
            for i in range(frames.getCount()):
                fr = frames.getByIndex(i)
                c = fr.getController()
                if c is not None and c.getModel() is not None and c.getModel().getURL() in helps:
                    fr.close(True)
        finally:
            office.Office.close(doc)

    def test_help_command_on_a_qkpi_formula_opens_that_functions_page(self):
        # context help: the Function Wizard's F1 cannot reach an extension's page, Help on the cell can
        doc = office.OFFICE.new_calc()
        try:
            sheet = doc.getSheets().getByIndex(0)
            for cell, formula, page in (("B2", '=IFNA(TURNAROUNDDAYS(A1:B3;;;;;0.9);"")', "TURNAROUNDDAYS"),
                                        ("B3", "=SUM(1;2)", "index")):
                sheet.getCellRangeByName(cell).setFormula(formula)
                doc.getCurrentController().select(sheet.getCellRangeByName(cell))
                events = dispatch_help(doc)
                self.assertEqual(events[0].State, SUCCESS, events[0].Result)
                urls = [u for _, u in help_frames()]
                self.assertEqual(len(urls), 1, urls)
                self.assertTrue(urls[0].startswith(f"vnd.sun.star.help://scalc/{FOLDER}%2F{page}.xhp"), urls)
                for fr, _ in help_frames():
                    fr.close(True)
        finally:
            office.Office.close(doc)


def tearDownModule():
    office.teardown_module_office()


if __name__ == "__main__":
    office.main()
