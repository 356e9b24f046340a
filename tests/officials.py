"""Official budget workbooks built in code for the reconciliation tests, laid out as other people lay them out.

A sheet is a list of rows from A1 down, each a list of cell values from column A (None = empty).
``write_openpyxl`` saves formulas without a stored value, as programs that do not calculate do;
``write_xlsxwriter`` stores a value with each formula (``Formula``), as Excel does.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Callable, Optional

from spareforslag_xl.core.compute import Result, compute
from tests.plans import sample_plan

Rows = list[list]


@dataclass(frozen=True)
class Formula:
    text: str
    value: float


def sample_result() -> Result:
    return compute(sample_plan())


def write_openpyxl(path: Path, sheets: dict[str, Rows], merged: Optional[dict[str, list[str]]] = None) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    ws.cell(r, c, value.text if isinstance(value, Formula) else value)
        for rng in (merged or {}).get(name, []):
            ws.merge_cells(rng)
    book.save(path)
    return path


def write_xlsxwriter(path: Path, sheets: dict[str, Rows], merged: Optional[dict[str, list[str]]] = None) -> Path:
    import xlsxwriter
    from xlsxwriter.utility import xl_rowcol_to_cell

    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    for name, rows in sheets.items():
        ws = book.add_worksheet(name)
        ranges = {rng.split(":")[0]: rng for rng in (merged or {}).get(name, [])}
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                where = xl_rowcol_to_cell(r, c)
                if where in ranges:
                    ws.merge_range(ranges[where], value)
                elif isinstance(value, Formula):
                    ws.write_formula(r, c, value.text, None, value.value)
                elif value is not None:
                    ws.write(r, c, value)
    book.close()
    return path


def number(value: Optional[Decimal], scale: Decimal = Decimal(1)):
    """An amount as a spreadsheet holds it: int when whole, else float; None stays None."""
    if value is None:
        return None
    v = value * scale
    return int(v) if v == v.to_integral_value() else float(v)


def department_rows(result: Result, label: Callable = lambda d: d.code, scale: Decimal = Decimal(1)) -> Rows:
    """One row per department: its label, then its total per year."""
    return [[label(d)] + [number(result.department_totals[d.code][y], scale) for y in result.years]
            for d in result.plan.departments]


def theme_rows(result: Result, label: Callable = lambda t: t.label, scale: Decimal = Decimal(1)) -> Rows:
    """One row per theme with lines: its label, then its total per year ('-' when not estimated)."""
    return [[label(t.theme)] + [number(t.totals[y], scale) if t.totals[y] is not None else "-" for y in result.years]
            for t in result.themes if t.lines]


def part_rows(result: Result) -> Rows:
    """A long table's rows: department, theme, year, amount, for every part that is not 0."""
    return [[d.code, f"Tema {t.theme.number}", y, number(t.parts[d.code][y])]
            for d in result.plan.departments for t in result.themes for y in result.years if t.parts[d.code][y]]


def department_cross_tab(result: Result, **kw) -> Rows:
    """The common layout: a title, a unit line, a header of years, departments by code, a note."""
    return [
        ["Budget 2024 – administrative besparelser"],
        ["Beløb i 1.000 kr."],
        [],
        ["Afdeling"] + list(result.years),
        *department_rows(result, **kw),
        [],
        ["Kilde: Budgetafdelingen, udtræk fra budgetsystemet."],
    ]
