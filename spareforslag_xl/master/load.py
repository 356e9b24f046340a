"""Loads a master workbook: read, parse and validate, with every finding in sheet order."""

from __future__ import annotations

from pathlib import Path

from spareforslag_xl.findings import Finding
from spareforslag_xl.master import layout as L
from spareforslag_xl.master.parse import parse_master
from spareforslag_xl.master.read import read_workbook
from spareforslag_xl.model import Plan


def load_master(path: Path) -> tuple[Plan, list[Finding]]:
    """Return the plan of the master at path and all findings (read, parse and validate)."""
    from spareforslag_xl.validate import validate

    book = read_workbook(Path(path), [s.name for s in L.DATA_SHEETS])
    plan, findings = parse_master(book)
    findings = findings + validate(plan)
    return plan, sort_findings(findings)


_SHEET_ORDER = {s.name: i for i, s in enumerate(L.DATA_SHEETS)}


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Return findings in reading order: sheet by sheet, row by row, column by column."""
    def position(f: Finding):
        if f.ref is None:
            return (-1, 0, 0, "")
        cell = f.ref.cell
        letters = "".join(ch for ch in cell if ch.isalpha())
        digits = "".join(ch for ch in cell if ch.isdigit())
        col = 0
        for ch in letters:
            col = col * 26 + (ord(ch.upper()) - 64)
        return (_SHEET_ORDER.get(f.ref.sheet, len(_SHEET_ORDER)), int(digits or 0), col, f.code)

    return sorted(findings, key=position)
