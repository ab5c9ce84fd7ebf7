"""Throw-away LibreOffice for the qkpi integration tests.

One `Office` is a headless soffice on its own temporary profile, optionally
with the qkpi extension (.oxt) installed, reachable over a private UNO pipe.

    with Office(oxt="build/qkpi.oxt") as office:
        doc = office.new_calc()
        ...

What it does, and why (see /work/shared/uno-notes.md):
  1. makes a temp dir with a fresh profile;
  2. starts soffice once on it with --terminate_after_init: the first start of a
     profile wipes and re-registers user/extensions, which would undo an
     extension added before it;
  3. `unopkg add` the .oxt (a copy inside the temp dir). As root, unopkg refuses
     a user profile, so it then runs as `nobody` (setpriv) with the temp dir
     owned by nobody;
  4. checks with `unopkg list` that the extension is registered, and adds its
     type library (.rdb) to this Python process's type manager: without it the
     URP bridge cannot unmarshal the add-in's interface types and disposes
     itself ("Binary URP bridge disposed during call");
  5. starts soffice.bin --headless --accept=pipe,name=<unique>;urp; and connects
     with a retry loop; with the extension, checks that the add-in service can
     be instantiated;
  6. on exit: terminates the office (desktop.terminate with a timeout, then
     SIGKILL of the process group it started), removes the temp dir and the
     office's pipe socket files. Temp dirs left by a test process that was
     killed with SIGKILL are removed by the next run.

Every wait has a timeout. soffice.bin is started directly (not through the
oosplash wrapper) with PR_SET_PDEATHSIG, so that even a test process killed by
SIGKILL leaves no office behind.

Options: `ui_language="de-DE"` gives the office that UI language (needs the language pack, e.g. Debian's
libreoffice-l10n-de): after the first start the profile's registrymodifications.xcu gets
/org.openoffice.Office.Linguistic/General/UILocale (the Tools > Options > Language Settings > User interface
setting, which LibreOffice 7.4 reads at start-up; it decides) and /org.openoffice.Setup/L10N/ooLocale set to it.
Only the UI (menus, Function Wizard, localized function names in FormulaLocal) changes; the document locale
(number format, decimal separator) stays the system's.
`headless=False, display=":NN"` starts a visible office on that X display (e.g. an Xvfb), for screenshots.

Unittest helpers: `setup_module_office()` / `teardown_module_office()` for a
module's setUpModule/tearDownModule (one office per test module, `OFFICE`), or
`from office import setUpModule, tearDownModule` for a module that needs nothing
else; `main()` to run a module with `--oxt PATH` (or env QKPI_OXT).
`Listener`: a dispatch result listener (dispatchWithNotification) that keeps the events.
"""

from __future__ import annotations

import atexit
import ctypes
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import uuid
import zipfile

import uno  # /usr/bin/python3 (python3-uno)
import unohelper  # python3-uno, as uno
from com.sun.star.beans import PropertyValue  # noqa: E402  (uno import hook)
from com.sun.star.connection import NoConnectException  # noqa: E402
from com.sun.star.frame import XDispatchResultListener  # noqa: E402

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SERVICE = "org.qkpi.QualityKpi"
PROGRAM_DIR = "/usr/lib/libreoffice/program"

# Cell error codes as `XCell.getError()` reports them.
ERR_NA = 32767  # #N/A   (no eligible row)
ERR_502 = 502  # Err:502 (bad argument)
ERR_VALUE = 519  # #VALUE! (bad data)
ERR_504 = 504  # Err:504 (parameter list error, Calc itself)
ERR_NAME = 525  # #NAME?
ERR_NAMES = {ERR_NA: "#N/A", ERR_502: "Err:502", ERR_VALUE: "#VALUE!", ERR_504: "Err:504", ERR_NAME: "#NAME?"}

START_TIMEOUT = 60.0  # seconds for soffice to accept a connection
STEP_TIMEOUT = 120.0  # seconds for one helper process (first start, unopkg)


class OfficeError(RuntimeError):
    pass


def err_name(code: int) -> str:
    return ERR_NAMES.get(code, f"Err:{code}")


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def props(**kw):
    return tuple(prop(k, v) for k, v in kw.items())


def to_url(path: str) -> str:
    return uno.systemPathToFileUrl(os.path.abspath(path))


# --------------------------------------------------------------------------
# child processes

_PR_SET_PDEATHSIG = 1


def _die_with_parent():
    """preexec_fn: the child gets SIGKILL when this (Python) process dies."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except OSError:
        pass


def _office_env(home: str) -> dict:
    env = dict(os.environ)
    env["HOME"] = home
    env["SAL_ENABLE_FILE_LOCKING"] = "1"
    env.pop("SAL_USE_VCLPLUGIN", None)
    # keep LibreOffice from talking to a desktop session of the caller
    for k in ("DBUS_SESSION_BUS_ADDRESS", "SESSION_MANAGER"):
        env.pop(k, None)
    return env


def _run(cmd, *, env, timeout=STEP_TIMEOUT, what="command", cwd=None):
    """Runs a helper to completion in its own process group; kills the group on timeout.

    `cwd`: where it runs. Helpers that run as `nobody` need a folder that user may enter (unopkg's
    wrapper script cd's to its working directory, which fails in a clone under /root)."""
    p = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         start_new_session=True, preexec_fn=_die_with_parent, text=True,
                         errors="replace")
    try:
        out, _ = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(p)
        out, _ = p.communicate(timeout=10)
        raise OfficeError(f"{what} timed out after {timeout:.0f} s: {' '.join(cmd)}\n{out}")
    return p.returncode, out


def _kill_group(p: subprocess.Popen):
    """SIGKILL to the process group we created for `p` (start_new_session)."""
    try:
        os.killpg(p.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        p.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass


def oxt_identifier(oxt: str) -> str | None:
    """The extension identifier from the .oxt's description.xml (None if absent)."""
    try:
        with zipfile.ZipFile(oxt) as z:
            xml = z.read("description.xml").decode("utf-8", "replace")
    except (KeyError, zipfile.BadZipFile, OSError):
        return None
    m = re.search(r"<identifier\s+value\s*=\s*\"([^\"]+)\"", xml)
    return m.group(1) if m else None


def _check_language_pack(tag: str):
    """Fails early when LibreOffice has no UI translation for `tag` (it would silently fall back to en-US)."""
    lang = tag.split("-")[0]
    if lang == "en":
        return
    res = os.path.join(PROGRAM_DIR, "resource")
    if not any(os.path.isdir(os.path.join(res, d)) for d in (tag.replace("-", "_"), tag, lang)):
        raise OfficeError(f"no LibreOffice UI translation for {tag} in {res} "
                          f"(Debian: apt-get install libreoffice-l10n-{lang.lower()})")


# (registry path, property) pairs for the UI language. The first decides: LibreOffice 7.4 reads UILocale at
# start-up (desktop/source/app/langselect.cxx) and writes the installed locale it picks ("de") to ooLocale.
# ooLocale alone has no effect (verified: it is recomputed from UILocale/the system and the UI stays en-US);
# it is written too only so the file is consistent before that start.
_UI_LANGUAGE_PROPS = (("/org.openoffice.Office.Linguistic/General", "UILocale"),
                      ("/org.openoffice.Setup/L10N", "ooLocale"))


def _set_ui_language(xcu: str, tag: str):
    """Sets the UI language in a profile's user/registrymodifications.xcu (written by the first start)."""
    try:
        with open(xcu, encoding="utf-8") as f:
            text = f.read()
    except FileNotFoundError:
        text = ('<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
                'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
                '\n</oor:items>\n')
    if "</oor:items>" not in text:
        raise OfficeError(f"unexpected content in {xcu}")
    items = []
    for path, name in _UI_LANGUAGE_PROPS:
        # drop what the first start wrote for this property, then add ours
        text = re.sub(r'<item oor:path="' + re.escape(path) + r'"><prop oor:name="' + re.escape(name) +
                      r'"[^>]*>.*?</prop></item>\n?', "", text, flags=re.S)
        items.append(f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse"><value>{tag}</value></prop>'
                     f'</item>\n')
    text = text.replace("</oor:items>", "".join(items) + "</oor:items>", 1)
    with open(xcu, "w", encoding="utf-8") as f:  # in place: keeps the owner (the profile may belong to nobody)
        f.write(text)


TMP_PREFIX = "qkpi-office-"


def _remove_stale_dirs():
    """Removes temp dirs of earlier harness runs whose process is gone (killed with SIGKILL: no cleanup ran;
    their soffice died with them through PR_SET_PDEATHSIG)."""
    root = tempfile.gettempdir()
    for name in os.listdir(root):
        if not name.startswith(TMP_PREFIX):
            continue
        path = os.path.join(root, name)
        try:
            with open(os.path.join(path, "owner.pid")) as f:
                pid = int(f.read().strip())
            if time.time() - os.path.getmtime(path) < 60:
                continue
        except (OSError, ValueError):
            continue
        if pid == os.getpid():
            continue
        try:
            os.kill(pid, 0)
            continue  # still running
        except ProcessLookupError:
            shutil.rmtree(path, ignore_errors=True)
        except PermissionError:
            continue


# --------------------------------------------------------------------------


class Office:
    """A private headless LibreOffice; use as a context manager."""

    def __init__(self, oxt: str | None = None, *, verbose: bool = True, ui_language: str | None = None,
                 headless: bool = True, display: str | None = None):
        self.oxt = os.path.abspath(oxt) if oxt else None
        self.verbose = verbose
        self.ui_language = ui_language  # BCP 47 tag like "de-DE"; None = LibreOffice's default (system)
        self.headless = headless
        self.display = display  # X display for headless=False (default: the caller's DISPLAY)
        self.tmp = None
        self.profile = None
        self.profile_url = ""
        self.proc = None
        self.ctx = None
        self.smgr = None
        self.desktop = None
        self.timings = {}
        self.pipe = "qkpi_" + uuid.uuid4().hex[:12]
        self._as_nobody = os.geteuid() == 0

    # ---- lifecycle ---------------------------------------------------------
    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc):
        self.stop()
        return False

    def start(self):
        t0 = time.monotonic()
        if self.oxt and not os.path.isfile(self.oxt):
            raise OfficeError(f"extension not found: {self.oxt} (build it: cmake --build build)")
        if self.ui_language:
            _check_language_pack(self.ui_language)
        if not self.headless and not (self.display or os.environ.get("DISPLAY")):
            raise OfficeError("headless=False needs an X display (display=':NN' or DISPLAY)")
        _remove_stale_dirs()
        self.tmp = tempfile.mkdtemp(prefix=TMP_PREFIX)
        with open(os.path.join(self.tmp, "owner.pid"), "w") as f:
            f.write(str(os.getpid()))
        _LIVE.add(self)
        self.profile = os.path.join(self.tmp, "profile")
        self.home = os.path.join(self.tmp, "home")
        os.makedirs(self.home)
        self.profile_url = to_url(self.profile)
        env = _office_env(self.home)
        if not self.headless:
            env["DISPLAY"] = self.display or os.environ["DISPLAY"]

        # 1. first start on the fresh profile (it resets user/extensions)
        t = time.monotonic()
        rc, out = _run([os.path.join(PROGRAM_DIR, "soffice"), "--headless", "--invisible", "--norestore",
                        "--nologo", "--nodefault", "--terminate_after_init",
                        f"-env:UserInstallation={self.profile_url}"], env=env, what="soffice first start")
        if rc != 0 or not os.path.isdir(os.path.join(self.profile, "user")):
            raise OfficeError(f"soffice first start failed (rc={rc}):\n{out}")
        self.timings["first_start"] = time.monotonic() - t
        if self.ui_language:
            _set_ui_language(os.path.join(self.profile, "user", "registrymodifications.xcu"), self.ui_language)

        # 2. the extension
        if self.oxt:
            t = time.monotonic()
            self._install_extension(env)
            self.timings["unopkg"] = time.monotonic() - t

        # 3. the office for the tests
        t = time.monotonic()
        self._launch(env)
        self.timings["start_connect"] = time.monotonic() - t

        if self.oxt:
            t = time.monotonic()
            try:
                addin = self.smgr.createInstanceWithContext(SERVICE, self.ctx)
            except Exception as e:  # noqa: BLE001  (no chaining: see _patch_uno_exceptions)
                msg = f"createInstance({SERVICE}) failed: {e}"
                try:
                    msg += f" (soffice exit code {self.proc.wait(timeout=5)})"
                except subprocess.TimeoutExpired:
                    pass
                raise OfficeError(f"{msg}\nsoffice output:\n{self._read_log()}") from None
            if addin is None:
                raise OfficeError(f"extension {self.oxt} installed but service {SERVICE} cannot be created "
                                  f"(component not registered? check the .components file and the .so)")
            self.timings["check_service"] = time.monotonic() - t
        self.timings["total"] = time.monotonic() - t0
        if self.verbose:
            parts = ", ".join(f"{k} {v:.2f} s" for k, v in self.timings.items())
            print(f"[office] ready ({parts})", file=sys.stderr, flush=True)
        return self

    def _install_extension(self, env):
        oxt_copy = os.path.join(self.tmp, os.path.basename(self.oxt))
        shutil.copyfile(self.oxt, oxt_copy)
        if not zipfile.is_zipfile(oxt_copy):
            raise OfficeError(f"{self.oxt} is not a zip file (still being written by a build?)")
        ident = oxt_identifier(oxt_copy)
        if ident is None:
            raise OfficeError(f"{self.oxt}: no description.xml with an <identifier> (not an extension?)")
        prefix = []
        uenv = dict(env)
        if self._as_nobody:
            # unopkg refuses to touch a user profile as root: run it as nobody on a tree nobody owns.
            for root, dirs, files in os.walk(self.tmp):
                for n in dirs + files:
                    os.lchown(os.path.join(root, n), 65534, 65534)
            os.chown(self.tmp, 65534, 65534)
            prefix = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
        uenv["HOME"] = self.home
        unopkg = os.path.join(PROGRAM_DIR, "unopkg")
        envarg = f"-env:UserInstallation={self.profile_url}"
        rc, out = _run(prefix + [unopkg, "add", "-f", "-s", oxt_copy, envarg], env=uenv, what="unopkg add",
                       cwd=self.tmp)
        if rc != 0:
            raise OfficeError(f"unopkg add {self.oxt} failed (rc={rc}):\n{out}")
        rc, listing = _run(prefix + [unopkg, "list", envarg], env=uenv, what="unopkg list", cwd=self.tmp)
        if rc != 0 or f"Identifier: {ident}" not in listing:
            raise OfficeError(f"extension {ident} is not listed by unopkg after `unopkg add` (rc={rc}):\n"
                              f"{out}\n{listing}")
        block = listing.split(f"Identifier: {ident}", 1)[1]
        if re.search(r"is registered: no", block.split("Identifier:", 1)[0]):
            raise OfficeError(f"extension {ident} is listed but some part is not registered:\n{listing}")
        self.extension_listing = listing
        self._register_types_locally(oxt_copy)

    def _register_types_locally(self, oxt):
        """Adds the extension's type libraries to this Python process's UNO type manager.

        Without them the URP bridge cannot unmarshal the add-in's own interface types (e.g. in the answer
        to getTypes() that pyuno asks for every proxy) and disposes itself ("Binary URP bridge disposed
        during call"). Done once per process and type library.
        """
        with zipfile.ZipFile(oxt) as z:
            manifest = z.read("META-INF/manifest.xml").decode("utf-8", "replace")
            rdbs = re.findall(r'manifest:full-path="([^"]+)"\s+manifest:media-type="application/'
                              r'vnd\.sun\.star\.uno-typelibrary;type=RDB"', manifest)
            rdbs += re.findall(r'manifest:media-type="application/vnd\.sun\.star\.uno-typelibrary;type=RDB"'
                               r'\s+manifest:full-path="([^"]+)"', manifest)
            tdm = uno.getComponentContext().getValueByName(
                "/singletons/com.sun.star.reflection.theTypeDescriptionManager")
            for name in rdbs:
                data = z.read(name)
                key = hashlib.sha256(data).hexdigest()
                if key in _TYPES_REGISTERED:
                    continue
                if _TYPES_REGISTERED:
                    raise OfficeError("a different type library was already registered in this process; "
                                      "use one extension build per test process")
                fd, path = tempfile.mkstemp(prefix="qkpi-types-", suffix=".rdb")
                with os.fdopen(fd, "wb") as f:
                    f.write(data)
                try:
                    tdm.insert(uno.systemPathToFileUrl(path))
                finally:
                    os.unlink(path)  # the type manager keeps it mapped
                _TYPES_REGISTERED.add(key)

    def _launch(self, env):
        log = open(os.path.join(self.tmp, "soffice.log"), "w")
        self._log = log
        mode = ["--headless", "--invisible"] if self.headless else []
        cmd = [os.path.join(PROGRAM_DIR, "soffice.bin"), *mode, "--norestore", "--nologo", "--nodefault",
               "--nolockcheck", f"--accept=pipe,name={self.pipe};urp;StarOffice.ComponentContext",
               f"-env:UserInstallation={self.profile_url}"]
        self.proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT,
                                     start_new_session=True, preexec_fn=_die_with_parent)
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        url = f"uno:pipe,name={self.pipe};urp;StarOffice.ComponentContext"
        deadline = time.monotonic() + START_TIMEOUT
        delay = 0.05
        while True:
            if self.proc.poll() is not None:
                raise OfficeError(f"soffice exited with code {self.proc.returncode} before accepting "
                                  f"connections:\n{self._read_log()}")
            try:
                self.ctx = resolver.resolve(url)
                break
            except NoConnectException:
                if time.monotonic() > deadline:
                    raise OfficeError(f"soffice did not accept a connection within {START_TIMEOUT:.0f} s:\n"
                                      f"{self._read_log()}")
                time.sleep(delay)
                delay = min(delay * 1.2, 0.1)
        self.smgr = self.ctx.ServiceManager
        self.desktop = self.smgr.createInstanceWithContext("com.sun.star.frame.Desktop", self.ctx)

    def _read_log(self):
        try:
            with open(os.path.join(self.tmp, "soffice.log"), errors="replace") as f:
                return f.read()[-4000:]
        except OSError:
            return ""

    def stop(self):
        """Terminates soffice (gracefully with a timeout, else SIGKILL) and removes the temp dir."""
        if self.proc is not None and self.proc.poll() is None:
            if self.desktop is not None:
                done = threading.Event()

                def _terminate():
                    try:
                        self.desktop.terminate()
                    except Exception:  # noqa: BLE001  (the bridge dies with the office)
                        pass
                    done.set()

                th = threading.Thread(target=_terminate, daemon=True)
                th.start()
                th.join(timeout=10)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
        if self.proc is not None:
            _kill_group(self.proc)  # whatever is left of its process group
            self.proc = None
        self.desktop = self.smgr = self.ctx = None
        # socket files of our pipes, left in /tmp when soffice is killed: the --accept pipe and the
        # single-instance pipe (named after the MD5 of the profile URL in UTF-16, bytes as unpadded hex)
        ipc = "".join(format(b, "x") for b in hashlib.md5(self.profile_url.encode("utf-16-le")).digest())
        for uid in {os.geteuid(), 65534}:
            for name in (self.pipe, f"SingleOfficeIPC_{ipc}"):
                try:
                    os.unlink(f"/tmp/OSL_PIPE_{uid}_{name}")
                except OSError:
                    pass
        if getattr(self, "_log", None):
            self._log.close()
            self._log = None
        if self.tmp:
            if os.environ.get("QKPI_KEEP_PROFILE"):
                print(f"[office] kept {self.tmp} (QKPI_KEEP_PROFILE)", file=sys.stderr)
            else:
                shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None
        _LIVE.discard(self)

    # ---- documents -------------------------------------------------------
    def create(self, service: str):
        return self.smgr.createInstanceWithContext(service, self.ctx)

    def new_calc(self, hidden: bool = True):
        return self.desktop.loadComponentFromURL("private:factory/scalc", "_blank", 0, props(Hidden=hidden))

    def load(self, path: str):
        doc = self.desktop.loadComponentFromURL(to_url(path), "_blank", 0, props(Hidden=True))
        if doc is None:
            raise OfficeError(f"cannot load {path}")
        return doc

    @staticmethod
    def store(doc, path: str, filter_name: str = "calc8", **extra):
        doc.storeToURL(to_url(path), props(FilterName=filter_name, Overwrite=True, **extra))

    @staticmethod
    def close(doc):
        try:
            doc.close(True)
        except Exception:  # noqa: BLE001
            doc.dispose()


_LIVE: set = set()
_TYPES_REGISTERED: set = set()


def _cleanup_all():
    for o in list(_LIVE):
        o.stop()


atexit.register(_cleanup_all)


def _on_signal(signum, frame):  # noqa: ARG001
    _cleanup_all()
    sys.exit(128 + signum)


for _s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
    try:
        signal.signal(_s, _on_signal)
    except (ValueError, OSError):
        pass


# --------------------------------------------------------------------------
# command line and unittest glue


def _patch_uno_exceptions():
    """unittest sets `__traceback__` on every exception of a chain; on a UNO exception pyuno forwards that to
    the UNO struct and fails, which crashes the test runner. Set dunder attributes on the Python object."""
    orig = uno._uno_struct__setattr__

    def _setattr(self, name, value):
        if name.startswith("__") and name.endswith("__"):
            return object.__setattr__(self, name, value)
        return orig(self, name, value)

    uno._uno_struct__setattr__ = _setattr
    clean = unittest.result.TestResult._clean_tracebacks

    def _clean(self, exctype, value, tb, test):
        try:
            return clean(self, exctype, value, tb, test)
        except Exception:  # noqa: BLE001
            return tb

    unittest.result.TestResult._clean_tracebacks = _clean


_patch_uno_exceptions()


def parse_oxt(argv: list[str]) -> tuple[str | None, list[str]]:
    """Takes --oxt PATH / --oxt=PATH out of argv; falls back to env QKPI_OXT, then build/qkpi.oxt."""
    rest, oxt = [], None
    it = iter(argv)
    for a in it:
        if a == "--oxt":
            oxt = next(it, None)
        elif a.startswith("--oxt="):
            oxt = a.split("=", 1)[1]
        else:
            rest.append(a)
    if not oxt:
        oxt = os.environ.get("QKPI_OXT") or os.path.join(REPO, "build", "qkpi.oxt")
    return os.path.abspath(oxt), rest


OFFICE: Office | None = None


def oxt_path() -> str:
    return parse_oxt(sys.argv[1:])[0] if not os.environ.get("QKPI_OXT") else os.path.abspath(os.environ["QKPI_OXT"])


def setup_module_office(extension: bool = True, ui_language: str | None = None) -> Office:
    """For setUpModule: one office per test module (extension from --oxt / QKPI_OXT; UI language e.g. "de-DE")."""
    global OFFICE
    if OFFICE is None:
        office = Office(oxt_path() if extension else None, ui_language=ui_language)
        office.__enter__()
        OFFICE = office
    return OFFICE


def teardown_module_office():
    global OFFICE
    if OFFICE is not None:
        OFFICE.stop()
        OFFICE = None


# For `from office import setUpModule, tearDownModule` in a test module: unittest runs the fixtures of the
# module that defines the test class, found by these names in its namespace.
def setUpModule():  # noqa: N802  (unittest's name)
    setup_module_office()


def tearDownModule():  # noqa: N802  (unittest's name)
    teardown_module_office()


class Listener(unohelper.Base, XDispatchResultListener):
    """For XNotifyingDispatch.dispatchWithNotification: keeps every DispatchResultEvent in `events`."""

    def __init__(self):
        self.events = []

    def dispatchFinished(self, event):  # noqa: N802 (UNO)
        self.events.append(event)

    def disposing(self, source):
        pass


def main():
    """Entry point of a test module: `/usr/bin/python3 module.py [--oxt PATH] [unittest args]`."""
    oxt, rest = parse_oxt(sys.argv[1:])
    os.environ["QKPI_OXT"] = oxt
    t = time.monotonic()
    prog = unittest.main(module="__main__", argv=[sys.argv[0]] + rest, exit=False, verbosity=2)
    print(f"[office] module run time {time.monotonic() - t:.1f} s", file=sys.stderr, flush=True)
    ok = prog.result.wasSuccessful() and prog.result.testsRun > 0
    if ok and len(prog.result.skipped) == prog.result.testsRun:
        # every test skipped (e.g. a tool missing in the LibreOffice 25.2 chroot): 77, which ctest reports
        # as skipped for the lo25 modules (SKIP_RETURN_CODE) and as a failure elsewhere, never as passed
        print(f"[office] all {prog.result.testsRun} tests skipped", file=sys.stderr, flush=True)
        sys.exit(77)
    sys.exit(0 if ok else 1)


# --------------------------------------------------------------------------
# cell helpers


def cell_result(cell):
    """('error', code) | ('value', float) | ('text', str) | ('empty', None) of a computed cell."""
    from com.sun.star.table.CellContentType import EMPTY, FORMULA, TEXT  # noqa: F401

    err = cell.getError()
    if err:
        return ("error", err)
    t = cell.getType()
    if t == EMPTY:
        return ("empty", None)
    if t == FORMULA:
        # FormulaResultType2: com.sun.star.sheet.FormulaResult VALUE=1 STRING=2 ERROR=4
        rt = cell.getPropertyValue("FormulaResultType2")
        if rt == 2:
            return ("text", cell.getString())
        return ("value", cell.getValue())
    if t == TEXT:
        return ("text", cell.getString())
    return ("value", cell.getValue())


def close_enough(a: float, b: float, rel: float = 1e-12) -> bool:
    if a == b:
        return True
    return abs(a - b) <= rel * max(abs(a), abs(b))


def col_name(c: int) -> str:
    """0-based column index -> letters."""
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


if __name__ == "__main__":
    # Smoke test of the harness: `office.py [--oxt PATH | --no-extension]`.
    no_ext = "--no-extension" in sys.argv
    oxt, _ = parse_oxt([a for a in sys.argv[1:] if a != "--no-extension"])
    with Office(None if no_ext else oxt) as o:
        d = o.new_calc()
        c = d.getSheets().getByIndex(0).getCellByPosition(0, 0)
        c.setFormula("=1+1")
        print("1+1 =", c.getValue())
        Office.close(d)
