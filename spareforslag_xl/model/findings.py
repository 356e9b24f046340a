"""Findings: every problem found in an input, with its place, a code and a fix."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Iterable, Optional

from spareforslag_xl.model.i18n import _, ngettext
from spareforslag_xl.model.plan import Ref


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def title(self) -> str:
        """'Error' or 'Warning' in the language in use, as a column of a sheet shows it."""
        return _("Error") if self is Severity.ERROR else _("Warning")

    @property
    def label(self) -> str:
        """'error' or 'warning' in the language in use (the stable value stays in .value)."""
        return _("error") if self is Severity.ERROR else _("warning")


@dataclass(frozen=True)
class Finding:
    """One problem: how bad, a stable code, where (sheet and cell), what is wrong, how to fix it."""

    severity: Severity
    code: str
    message: str
    ref: Optional[Ref] = None
    hint: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def where(self) -> str:
        return str(self.ref) if self.ref else ""

    def __str__(self) -> str:
        place = f"{self.where}: " if self.ref else ""
        text = f"{self.severity.label}: {place}{self.message} [{self.code}]"
        fix = _("fix:")
        return f"{text}\n    {fix} {self.hint}" if self.hint else text


def error(code: str, message: str, ref: Optional[Ref] = None, hint: str = "") -> Finding:
    return Finding(Severity.ERROR, code, message, ref, hint)


def warning(code: str, message: str, ref: Optional[Ref] = None, hint: str = "") -> Finding:
    return Finding(Severity.WARNING, code, message, ref, hint)


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.is_error for f in findings)


def count(findings: Iterable[Finding]) -> tuple[int, int]:
    """Return (errors, warnings)."""
    errors = warnings = 0
    for f in findings:
        if f.is_error:
            errors += 1
        else:
            warnings += 1
    return errors, warnings


def summary(findings: Iterable[Finding]) -> str:
    """Return e.g. '2 errors, 1 warning'."""
    errors, warnings = count(findings)
    return (ngettext("{n} error", "{n} errors", errors).format(n=errors) + ", "
            + ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings))


def in_reading_order(findings: Iterable[Finding], sheet_order: Iterable[str] = ()) -> list[Finding]:
    """Return findings sheet by sheet (in sheet_order), row by row, column by column."""
    rank = {name: i for i, name in enumerate(sheet_order)}

    def position(f: Finding):
        if f.ref is None:
            return (-1, 0, 0, "")
        letters = "".join(ch for ch in f.ref.cell if ch.isalpha())
        digits = "".join(ch for ch in f.ref.cell if ch.isdigit())
        col = 0
        for ch in letters:
            col = col * 26 + (ord(ch.upper()) - 64)
        return (rank.get(f.ref.sheet, len(rank)), int(digits or 0), col, f.code)

    return sorted(findings, key=position)
