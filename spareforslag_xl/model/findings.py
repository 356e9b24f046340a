"""Findings: every problem found in an input, with its place, a code and the parameters of its words.

A finding holds no sentence: its message and hint are the templates of its code in the catalogue
(``model/codes.py``), filled with its parameters when shown, in the language in use or, for the
workbooks (always Danish), in the language asked for.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spareforslag_xl.model.catalogue import Variant
from spareforslag_xl.model.codes import CATALOGUE
from spareforslag_xl.model.i18n import _, fill, language, ngettext
from spareforslag_xl.model.plan import Ref
from spareforslag_xl.model.severity import Severity

__all__ = ["Finding", "Severity", "error", "warning", "has_errors", "count", "summary", "in_reading_order"]


@dataclass(frozen=True)
class Finding:
    """One problem: how bad, a stable code, where (sheet and cell), and the parameters of its words."""

    severity: Severity
    code: str
    ref: Ref | None = None
    variant: str = ""
    """The catalogue's wording of the code ('' for its default)."""
    params: tuple[tuple[str, object], ...] = ()

    def __post_init__(self) -> None:
        # A code, variant or severity the catalogue does not have fails where the finding is raised.
        code = CATALOGUE[self.code]
        code.wording(self.variant)
        if self.severity not in code.severities:
            raise ValueError(f"the finding code {self.code!r} is not reported as {self.severity.value}")

    @property
    def wording(self) -> Variant:
        """Return the catalogue's templates of this finding's message and hint."""
        return CATALOGUE[self.code].wording(self.variant)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def where(self) -> str:
        return str(self.ref) if self.ref else ""

    @property
    def message(self) -> str:
        """What is wrong, in the language in use."""
        return self.message_in(language())

    @property
    def hint(self) -> str:
        """How to fix it, in the language in use."""
        return self.hint_in(language())

    def message_in(self, language: str) -> str:
        """What is wrong, in a language ('da' or 'en')."""
        return fill(self.wording.message, language, dict(self.params))

    def hint_in(self, language: str) -> str:
        """How to fix it, in a language ('da' or 'en')."""
        return fill(self.wording.hint, language, dict(self.params))

    def __str__(self) -> str:
        place = f"{self.where}: " if self.ref else ""
        text = f"{self.severity.label}: {place}{self.message} [{self.code}]"
        fix = _("fix:")
        hint = self.hint
        return f"{text}\n    {fix} {hint}" if hint else text


def error(code: str, ref: Ref | None = None, /, variant: str = "", **params: object) -> Finding:
    """Return an error of a catalogue code, at ref, worded by the code's variant with these parameters."""
    return Finding(Severity.ERROR, code, ref, variant, tuple(params.items()))


def warning(code: str, ref: Ref | None = None, /, variant: str = "", **params: object) -> Finding:
    """Return a warning of a catalogue code, at ref, worded by the code's variant with these parameters."""
    return Finding(Severity.WARNING, code, ref, variant, tuple(params.items()))


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


WORKBOOK_CODES = frozenset({"missing-sheet", "duplicate-sheet", "sheet-too-large", "damaged-sheet"})
"""Findings about the workbook's sheets themselves, listed before the findings in any sheet."""


def in_reading_order(findings: Iterable[Finding], sheet_order: Iterable[str] = ()) -> list[Finding]:
    """Return findings sheet by sheet (in sheet_order, the workbook's), row by row, column by column."""
    rank = {name: i for i, name in enumerate(sheet_order)}

    def position(f: Finding):
        if f.ref is None:
            return (-2, 0, 0, "")
        if not f.ref.cell and f.code in WORKBOOK_CODES:  # a sheet missing or twice: before any sheet's cells
            return (-1, rank.get(f.ref.sheet, len(rank)), 0, f.code)
        if not f.ref.cell:  # what a whole sheet lacks (no departments): first among its sheet's findings
            return (rank.get(f.ref.sheet, len(rank)), -1, 0, f.code)
        letters = "".join(ch for ch in f.ref.cell if ch.isalpha())
        digits = "".join(ch for ch in f.ref.cell if ch.isdigit())
        col = 0
        for ch in letters:
            col = col * 26 + (ord(ch.upper()) - 64)
        return (rank.get(f.ref.sheet, len(rank)), int(digits or 0), col, f.code)

    return sorted(findings, key=position)
