"""Reads the official budget workbook: every worksheet's stored values, each with its address.

The workbook belongs to someone else and is only read: it is checked like any input
(``package.py``), opened read-only with the values Excel stored (not the formulas), and a
formula without a stored value is kept as such so that it is reported, never read as 0.
Nothing past this module touches openpyxl.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from pathlib import Path

from spareforslag_xl.master.cells import column_letter
from spareforslag_xl.master.read import CellError, Uncalculated, read_workbook
from spareforslag_xl.model.danish import is_not_estimated_mark, parse_danish_number, to_decimal


def address(sheet: str, row: int, col: int) -> str:
    """Return a cell's address as a person types it in Excel: 'Budget'!C7 (row 1-based, col 0-based)."""
    return f"'{sheet.replace(chr(39), chr(39) * 2)}'!{column_letter(col)}{row}"


@dataclass(frozen=True)
class OfficialCell:
    """A cell of the official workbook: where it is and the value Excel stored in it."""

    sheet: str
    row: int
    col: int
    value: object

    @property
    def address(self) -> str:
        return address(self.sheet, self.row, self.col)

    @property
    def text(self) -> str:
        v = self.value
        if isinstance(v, Uncalculated):
            return f"={v.formula.lstrip('=')}"
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        return "" if v is None else str(v)


class Kind(Enum):
    """What an official cell holds where an amount is expected."""

    NUMBER = "number"
    EMPTY = "empty"
    DASH = "dash"
    TEXT = "text"
    UNCALCULATED = "formula without a stored value"
    ERROR = "Excel error"


@dataclass(frozen=True)
class Figure:
    """An official cell read as an amount: its kind and, for numbers, the amount in the sheet's unit."""

    kind: Kind
    amount: Decimal | None = None

    @property
    def readable(self) -> bool:
        """False for a formula without a value and for an error value: the cell says nothing."""
        return self.kind not in (Kind.UNCALCULATED, Kind.ERROR)


def figure(value) -> Figure:
    """Return what a cell value says as an amount: a number (also Danish text such as '3.250'), '-', or not."""
    if isinstance(value, Uncalculated):
        return Figure(Kind.UNCALCULATED)
    if isinstance(value, CellError):
        return Figure(Kind.ERROR)
    if value is None:
        return Figure(Kind.EMPTY)
    if isinstance(value, bool):
        return Figure(Kind.TEXT)
    if isinstance(value, float):
        return Figure(Kind.NUMBER, to_decimal(value)) if math.isfinite(value) else Figure(Kind.ERROR)
    if isinstance(value, (int, Decimal)):
        return Figure(Kind.NUMBER, Decimal(value))
    text = str(value).strip()
    if not text:
        return Figure(Kind.EMPTY)
    if is_not_estimated_mark(text):
        return Figure(Kind.DASH)
    try:
        return Figure(Kind.NUMBER, parse_danish_number(text))
    except ValueError:
        return Figure(Kind.TEXT)


@dataclass
class Grid:
    """One worksheet as its non-empty cells: (row, col) → value, row 1-based, col 0-based."""

    name: str
    cells: dict[tuple[int, int], object]

    def __post_init__(self) -> None:
        self._by_row: dict[int, dict[int, object]] = {}
        for (r, c), v in sorted(self.cells.items()):
            self._by_row.setdefault(r, {})[c] = v
        self.rows = sorted(self._by_row)

    def get(self, row: int, col: int) -> object:
        return self.cells.get((row, col))

    def cell(self, row: int, col: int) -> OfficialCell:
        return OfficialCell(self.name, row, col, self.cells.get((row, col)))

    def row(self, row: int) -> Iterator[tuple[int, object]]:
        """Yield (col, value) of the non-empty cells of a row, left to right."""
        return iter(self._by_row.get(row, {}).items())


def read_official(path: Path) -> list[Grid]:
    """Return every worksheet of the official workbook at path (raises InputError if unreadable)."""
    book = read_workbook(Path(path), None)
    grids = []
    for name in book.sheet_names:
        sheet = book.sheets.get(name)
        if sheet is None:  # a chart sheet
            continue
        cells = {}
        for number, values in sheet.rows:
            for col, value in enumerate(values):
                if value is None or (isinstance(value, str) and not value.strip()):
                    continue
                cells[(number, col)] = value
        grids.append(Grid(name, cells))
    return grids

