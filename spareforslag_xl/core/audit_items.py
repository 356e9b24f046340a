"""What the audit says: items with a verdict, the document line, what is stated and recomputed.

Shared by the audit (which makes them), the command 'audit' (which prints them) and the
report's sheet 'Dokumentafvigelser' (which lists them).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum
from typing import Sequence

from spareforslag_xl.model.i18n import _
from spareforslag_xl.model.stated import StatedFigure


class Verdict(Enum):
    """The audit's verdict on a stated figure: a disagreement, a rounding note or information.

    Not to be confused with model.findings.Severity (error or warning of a validation finding).
    The values are the Danish words of the column 'Vurdering' on the sheet 'Dokumentafvigelser'.
    """

    DISAGREEMENT = "Afvigelse"
    ROUNDING = "Afrundingsnote"
    INFO = "Information"


CLASS_NAMES = {
    "mismatch": "Tallet afviger fra det genberegnede",
    "not-estimated": "'-' over for et beløb (eller omvendt)",
    "missing": "Findes ikke i grundarket",
    "key-sum": "Nøglen summer ikke til 100 %",
    "parts-sum": "De viste dele summer ikke til totalen",
    "fte-salary": "Årsværk uden fælles gns. løn",
    "implied-salary": "Gns. løn udledt af årsværk",
    "fte-any-salary": "Årsværk 0 for 0 kr.",
    "rounding": "Afrunding",
    "dash-zero": "'-' hvor tabellen viser 0",
}


@dataclass(frozen=True)
class AuditItem:
    severity: Verdict
    """How much the item matters (the field keeps its name; its type is the audit's Verdict)."""
    code: str
    theme: str
    source_line: int
    label: str
    years: tuple[int, ...]
    stated: str
    computed: str
    message: str
    """In the language in use; says what differs and why, without the years (they are in years)."""
    figures: tuple[StatedFigure, ...] = ()

    @property
    def class_name(self) -> str:
        return CLASS_NAMES.get(self.code, self.code)

    @property
    def year_text(self) -> str:
        return year_span(self.years)

    def __str__(self) -> str:
        where = _("line {line}").format(line=self.source_line) + (f", tema {self.theme}" if self.theme else "")
        years = f" {self.year_text}" if self.years else ""
        kind = {Verdict.DISAGREEMENT: _("disagreement"), Verdict.ROUNDING: _("rounding"), Verdict.INFO: _("info")}
        return f"{kind[self.severity]}: {where}{years}: {self.label}: {self.message} [{self.code}]"


def year_span(years: Sequence[int]) -> str:
    """Return '2024–2027' for consecutive years, else '2024, 2026'."""
    ys = sorted(set(years))
    if len(ys) > 2 and ys == list(range(ys[0], ys[-1] + 1)):
        return f"{ys[0]}–{ys[-1]}"
    return ", ".join(map(str, ys))


def merge_items(items: list[AuditItem]) -> list[AuditItem]:
    """Join items that say the same about the same row in different years; sort by document line."""
    merged: dict[tuple, AuditItem] = {}
    for item in items:
        ident = (item.severity, item.code, item.theme, item.source_line, item.label, item.stated, item.computed,
                 item.message)
        if ident in merged:
            old = merged[ident]
            merged[ident] = replace(old, years=tuple(sorted(set(old.years) | set(item.years))),
                                    figures=old.figures + tuple(f for f in item.figures if f not in old.figures))
        else:
            merged[ident] = item
    order = {Verdict.DISAGREEMENT: 0, Verdict.ROUNDING: 1, Verdict.INFO: 2}
    return sorted(merged.values(), key=lambda i: (i.source_line, order[i.severity], i.code, i.label))
