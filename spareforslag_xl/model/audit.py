"""What the audit says, as data: items with a verdict, the document line, the figure and why.

core.audit makes them, the command 'audit' prints them and the report's sheet
'Dokumentafvigelser' lists them; model.labels puts their verdict, class, figure and reason
into words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from spareforslag_xl.model.stated import Kind, StatedFigure


class Verdict(Enum):
    """The audit's verdict on a stated figure: a disagreement, a rounding note or information.

    Not to be confused with model.findings.Severity (error or warning of a validation finding).
    """

    DISAGREEMENT = "disagreement"
    ROUNDING = "rounding"
    INFO = "info"


@dataclass(frozen=True)
class AuditLabel:
    """Which figure an item is about: its kind, proposal and department (or row label).

    Ordered as the label reads: the kind, then the proposal, then the department or row label.
    """

    kind: Kind | None
    """None: the theme's average salary (which the document does not state as a figure)."""
    line: str = ""
    department: str = ""
    name: str = ""
    """The row's label (a proposal line or a theme of the overview) when there is no department."""

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, AuditLabel):
            return NotImplemented
        return self._key() < other._key()

    def _key(self) -> tuple[str, str, str, str]:
        return (self.kind.value if self.kind is not None else "", self.line, self.department, self.name)


@dataclass(frozen=True)
class AuditReason:
    """Why an item was made, as facts: its kind and the figures it names, as the document and the report show them."""

    kind: str
    args: tuple[tuple[str, Any], ...] = ()

    def __getitem__(self, name: str) -> Any:
        return dict(self.args)[name]


def reason(kind: str, **args: Any) -> AuditReason:
    """Return the reason of this kind with these figures (values must be hashable: texts, tuples, None)."""
    return AuditReason(kind, tuple(sorted(args.items())))


@dataclass(frozen=True)
class AuditItem:
    severity: Verdict
    """How much the item matters (the field keeps its name; its type is the audit's Verdict)."""
    code: str
    """Its class: 'mismatch', 'key-sum', 'rounding' … (model.labels.AUDIT_CLASS names them)."""
    theme: str
    source_line: int
    label: AuditLabel
    years: tuple[int, ...]
    stated: str
    computed: str | None
    """The recomputed figure as the report shows it; None where the master has no average salary to show."""
    reason: AuditReason
    """What differs and why, without the years (they are in years)."""
    figures: tuple[StatedFigure, ...] = ()

    @property
    def year_text(self) -> str:
        return year_span(self.years)


def year_span(years: Sequence[int]) -> str:
    """Return '2024–2027' for consecutive years, else '2024, 2026'."""
    ys = sorted(set(years))
    if len(ys) > 2 and ys == list(range(ys[0], ys[-1] + 1)):
        return f"{ys[0]}–{ys[-1]}"
    return ", ".join(map(str, ys))
