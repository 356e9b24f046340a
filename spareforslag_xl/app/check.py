"""Reading and checking a master, and the one rule for when its findings stop a command."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from spareforslag_xl.core.validate import Unreadable, validate
from spareforslag_xl.master.parse import parse_master
from spareforslag_xl.master.read import read_workbook
from spareforslag_xl.master.stated_sheet import SHEET, parse_stated
from spareforslag_xl.model import layout as L
from spareforslag_xl.model.errors import FindingsError
from spareforslag_xl.model.findings import Finding, has_errors, in_reading_order, warning
from spareforslag_xl.model.i18n import _, ngettext
from spareforslag_xl.model.plan import Plan, Ref
from spareforslag_xl.model.stated import StatedFigure

Clock = Callable[[], float]


@dataclass
class Checked:
    """A master read and validated: its plan and every finding."""

    path: Path
    plan: Plan
    findings: list[Finding]
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds per phase: 'read', 'parse', 'validate'."""
    stated: list[StatedFigure] | None = None
    """The document's figures (sheet 'Dokumenttal' of an imported master), or None."""
    data: bytes = field(default=b"", repr=False)
    """The master's bytes as they were read: what a build keeps in its archive (the file may change meanwhile)."""

    @property
    def ok(self) -> bool:
        """True when the master has no errors (warnings allowed)."""
        return not has_errors(self.findings)


def check_master(path: Path, clock: Clock = time.perf_counter) -> Checked:
    """Return the plan and findings of the master at path (raises InputError if unreadable)."""
    path = Path(path)
    t0 = clock()
    book = read_workbook(path, [s.name for s in L.DATA_SHEETS] + [SHEET])  # one read for both
    t1 = clock()
    stated_rows = book.sheets.pop(SHEET, None)
    plan, findings = parse_master(book)
    t2 = clock()
    # A workbook that is no master at all (the official budget) gets that one line, not what follows from it.
    not_a_master = any(f.code == "not-a-master" for f in findings)
    checks = [] if not_a_master else validate(plan, Unreadable.from_findings(findings))
    findings = in_reading_order(findings + checks, [s.name for s in L.DATA_SHEETS])
    t3 = clock()
    stated = None
    if stated_rows is not None:
        stated, skipped = parse_stated(stated_rows.rows)
        findings += [warning("stated-row-unreadable", Ref(SHEET, f"A{row}")) for row in skipped]
    return Checked(path, plan, findings, {"read": t1 - t0, "parse": t2 - t1, "validate": t3 - t2}, stated, book.data)


def require_clean(checked: Checked, stops: Callable[[int], str], strict: bool = False,
                  force: bool = False) -> list[Finding]:
    """Return the findings that stop the command: its errors, and with ``strict`` its warnings too.

    Raises FindingsError unless there are none or ``force`` (the command goes on and marks
    its output). ``stops(n)`` says what n stopping findings mean for this command, such as
    "1 error that stops the mails; nothing was written."
    """
    blocking = [f for f in checked.findings if f.is_error or strict]
    if blocking and not force:
        raise FindingsError(_("{path}: the master has {stops}").format(path=checked.path, stops=stops(len(blocking))),
                            checked.findings)
    return blocking


def counted(n: int, word: str) -> str:
    """Return '1 error', '2 errors' (word: 'error' or 'problem'), in the language in use."""
    if word == "problem":
        return ngettext("{n} problem", "{n} problems", n).format(n=n)
    return ngettext("{n} error", "{n} errors", n).format(n=n)


def counted_stop(n: int, word: str) -> str:
    """Return '1 error that stops', '2 errors that stop' (word: 'error' or 'problem')."""
    if word == "problem":
        return ngettext("{n} problem that stops", "{n} problems that stop", n).format(n=n)
    return ngettext("{n} error that stops", "{n} errors that stop", n).format(n=n)

