"""The library's entry point for the audit: the figures a proposals document states against the recomputation."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spareforslag_xl.app.check import Checked, check_master
from spareforslag_xl.core.audit import audit
from spareforslag_xl.core.audit_items import AuditItem, Verdict
from spareforslag_xl.core.compute import compute
from spareforslag_xl.master.stated_sheet import SHEET
from spareforslag_xl.model.errors import InputError
from spareforslag_xl.model.stated import StatedFigure


@dataclass
class Audited:
    """A master's stated document figures compared with its recomputation."""

    checked: Checked
    figures: list[StatedFigure]
    """The figures the document states (the master's sheet 'Dokumenttal')."""
    items: list[AuditItem]
    """What the audit found, one item per figure or group of figures, in the document's order."""

    @property
    def disagreements(self) -> list[AuditItem]:
        """Return the items where the document and the recomputation disagree."""
        return [i for i in self.items if i.severity is Verdict.DISAGREEMENT]


def audit_master(path: Path) -> Audited:
    """Return the audit of the document figures a master carries (raises InputError when it has none)."""
    checked = check_master(Path(path))
    figures = checked.stated
    if figures is None:
        raise InputError(path, f"the master has no sheet '{SHEET}' with the document's figures.", remedy="import")
    return Audited(checked, figures, audit(compute(checked.plan), figures))
