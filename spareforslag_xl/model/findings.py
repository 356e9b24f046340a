"""Findings: every problem found in an input, with its place, a code and a fix."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Iterable, Optional

from spareforslag_xl.model.plan import Ref


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def danish(self) -> str:
        return "Fejl" if self is Severity.ERROR else "Advarsel"


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
        text = f"{self.severity.value}: {place}{self.message} [{self.code}]"
        return f"{text}\n    fix: {self.hint}" if self.hint else text


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
    plural = lambda n, word: f"{n} {word}{'' if n == 1 else 's'}"  # noqa: E731
    return f"{plural(errors, 'error')}, {plural(warnings, 'warning')}"


def in_reading_order(findings: Iterable[Finding], sheet_order: Iterable[str] = ()) -> list[Finding]:
    """Return findings sheet by sheet (in sheet_order), row by row, column by column."""
    rank = {name: i for i, name in enumerate(sheet_order)}

    def position(f: Finding):
        if f.ref is None:
            return (-2, 0, 0, "")
        if not f.ref.cell:  # a whole sheet (missing, twice, too large) before the cells of any sheet
            return (-1, rank.get(f.ref.sheet, len(rank)), 0, f.code)
        letters = "".join(ch for ch in f.ref.cell if ch.isalpha())
        digits = "".join(ch for ch in f.ref.cell if ch.isdigit())
        col = 0
        for ch in letters:
            col = col * 26 + (ord(ch.upper()) - 64)
        return (rank.get(f.ref.sheet, len(rank)), int(digits or 0), col, f.code)

    return sorted(findings, key=position)
