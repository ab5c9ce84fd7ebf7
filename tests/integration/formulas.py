"""Formula-text helpers and the check table shared by the qkpi integration tests (not a test module).

A *check* is one row of a "Checks" sheet: a qkpi formula and the native Calc
formula that must give the same result on the same data. All checks of a
module are written in bulk (setFormulaArray), the document is recalculated
once, and the results are read back in bulk (getDataArray; an error cell reads
as None and its code is then fetched with getError()).
"""

from __future__ import annotations

import office


class R(str):
    """A raw formula fragment (a reference, DATE(...), an inline array ...)."""


def q(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def lit(v) -> str:
    if v is None:
        return ""
    if isinstance(v, R):
        return str(v)
    if isinstance(v, bool):
        return "TRUE()" if v else "FALSE()"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return repr(v)
    return q(v)


def call(fn: str, *args) -> str:
    """`FN(a;b;...)`; None = an omitted argument (empty between separators), trailing ones dropped."""
    a = list(args)
    while a and a[-1] is None:
        a.pop()
    return f"{fn}({';'.join(lit(x) for x in a)})"


def DATE(y, m, d) -> R:
    return R(f"DATE({y};{m};{d})")


def rng(sheet: str, cols: str, first: int, last: int) -> R:
    """`$Sheet.$A$2:$D$100`, cols like "A" or "A:D"."""
    c0, _, c1 = cols.partition(":")
    c1 = c1 or c0
    return R(f"${sheet}.${c0}${first}:${c1}${last}")


def seg_plain(col: str, text: str) -> str:
    """Native segment factor: exact (case-sensitive) equality; for names written one way only."""
    return f"({col}={q(text)})"


def seg_key(col: str, key: str) -> str:
    """Native segment factor with the spec's key: numbers as text, white space (incl. NBSP, EM SPACE)
    trimmed, case-folded. `key` must already be a key."""
    return (f"EXACT(LOWER(TRIM(SUBSTITUTE(SUBSTITUTE({col}&\"\";UNICHAR(160);\" \");UNICHAR(8195);\" \")));"
            f"{q(key)})")


class Check:
    __slots__ = ("group", "name", "qkpi", "native", "array_native", "expect_error", "result", "nresult")

    def __init__(self, group, name, qkpi, native, array_native=False, expect_error=None):
        self.group, self.name, self.qkpi, self.native = group, name, qkpi, native
        self.array_native = array_native
        self.expect_error = expect_error
        self.result = self.nresult = None

    def describe(self, got_q, got_n):
        return (f"[{self.group}] {self.name}\n    qkpi:   {self.qkpi}\n    native: {self.native}\n"
                f"    got qkpi={fmt(got_q)} native={fmt(got_n)}")


def fmt(r):
    kind, v = r
    if kind == "error":
        return office.err_name(v)
    if kind == "value":
        return repr(v)
    return f"{kind}:{v!r}"


class CheckSheet:
    """Collects checks, writes them to a sheet, reads results."""

    def __init__(self):
        self.checks: list[Check] = []

    def add(self, group, name, qkpi, native=None, *, array_native=False, expect_error=None):
        if not qkpi.startswith("="):
            qkpi = "=" + qkpi
        if native is not None and not native.startswith("="):
            native = "=" + native
        c = Check(group, name, qkpi, native, array_native, expect_error)
        self.checks.append(c)
        return c

    def write(self, doc, sheet_name="Checks"):
        sheets = doc.getSheets()
        if not sheets.hasByName(sheet_name):
            sheets.insertNewByName(sheet_name, sheets.getCount())
        sh = sheets.getByName(sheet_name)
        self.sheet = sh
        n = len(self.checks)
        if n == 0:
            return
        labels = tuple((c.group, c.name) for c in self.checks)
        sh.getCellRangeByPosition(0, 1, 1, n).setDataArray(labels)
        forms = tuple((c.qkpi, "" if (c.native is None or c.array_native) else c.native) for c in self.checks)
        sh.getCellRangeByPosition(2, 1, 3, n).setFormulaArray(forms)
        for i, c in enumerate(self.checks):
            if c.array_native and c.native:
                sh.getCellByPosition(3, i + 1).setArrayFormula(c.native)

    def read(self):
        sh = self.sheet
        n = len(self.checks)
        if n == 0:
            return
        data = sh.getCellRangeByPosition(2, 1, 3, n).getDataArray()
        for i, c in enumerate(self.checks):
            res = []
            for j, v in enumerate(data[i]):
                if v is None or (j == 1 and c.native is None):
                    if j == 1 and c.native is None:
                        res.append(("none", None))
                        continue
                    res.append(("error", sh.getCellByPosition(2 + j, i + 1).getError()))
                elif isinstance(v, str):
                    cell = sh.getCellByPosition(2 + j, i + 1)
                    err = cell.getError()
                    res.append(("error", err) if err else ("text", v))
                else:
                    res.append(("value", float(v)))
            c.result, c.nresult = res

    def failures(self, group=None, rel=1e-12):
        """Messages for every check (of `group`) whose qkpi result differs from the native one or the
        expected error."""
        out = []
        for c in self.checks:
            if group is not None and c.group != group:
                continue
            got_q, got_n = c.result, c.nresult
            if c.expect_error is not None:
                if got_q != ("error", c.expect_error):
                    out.append(c.describe(got_q, got_n) + f"  (expected {office.err_name(c.expect_error)})")
                continue
            if got_n[0] == "error":
                out.append(c.describe(got_q, got_n) + "  (TEST BUG: native formula gives an error)")
                continue
            if got_q[0] != got_n[0]:
                out.append(c.describe(got_q, got_n))
            elif got_q[0] == "value":
                if not office.close_enough(got_q[1], got_n[1], rel):
                    out.append(c.describe(got_q, got_n))
            elif got_q != got_n:
                out.append(c.describe(got_q, got_n))
        return out

    def count(self, group):
        return sum(1 for c in self.checks if c.group == group)


def failure_report(msgs, limit=25):
    head = "\n".join(msgs[:limit])
    more = f"\n... and {len(msgs) - limit} more" if len(msgs) > limit else ""
    return f"{len(msgs)} mismatches:\n{head}{more}"
