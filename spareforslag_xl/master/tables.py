"""Finding a table on a sheet of the master: its header row, known columns and year columns."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time

from spareforslag_xl.master.cells import as_year, column_letter
from spareforslag_xl.master.read import RawSheet, RawWorkbook
from spareforslag_xl.master.sheet_checks import sheet_findings
from spareforslag_xl.model import layout as L
from spareforslag_xl.model.codes_words import A_DATE, A_DATE_AS_YEAR, NOTHING
from spareforslag_xl.model.danish import danish_date, plain_danish, to_decimal
from spareforslag_xl.model.findings import Finding, error, warning
from spareforslag_xl.model.i18n import LazyText, Phrase, phrase
from spareforslag_xl.model.plan import Ref, RowRefs, fold_name

HEADER_SEARCH_ROWS = 10


@dataclass
class Table:
    """A sheet with its header row found: known columns (by field name) and year columns by position."""

    sheet: str
    header_row: int
    columns: dict[str, int]
    years: dict[int, int] = field(default_factory=dict)
    rows: list[tuple[int, tuple]] = field(default_factory=list)
    adopted: dict[int, int] = field(default_factory=dict)
    """Year → column of the adopted amounts ('Vedtaget 2024'), on a sheet whose layout has them."""
    layout: L.SheetLayout | None = None
    """The sheet's layout, which names the header of each field."""
    _letters: dict[bool, dict[object, str]] = field(default_factory=dict, repr=False, compare=False)
    """The columns' letters by field (and by year), made once the header is read: shared by the rows' refs."""

    def ref(self, row: int, col: int) -> Ref:
        return Ref(self.sheet, f"{column_letter(col)}{row}")

    def get(self, values: tuple, field_name: str):
        i = self.columns.get(field_name)
        return values[i] if i is not None and i < len(values) else None

    def cell(self, row: int, field_name: str) -> Ref:
        i = self.columns.get(field_name)
        return self.ref(row, i if i is not None else 0)

    def header(self, field_name: str) -> str:
        """Return the header of a field on this sheet."""
        return self.layout.header(field_name) if self.layout is not None else field_name

    def refs(self, row: int, years: bool = False) -> RowRefs:
        """Return the cells of a row's known columns: field name → cell, in the sheet's order (then its years
        with ``years``)."""
        letters = self._letters.get(years)
        if letters is None:
            letters = {f: column_letter(c) for f, c in self.columns.items()}
            if years:
                letters.update((y, column_letter(c)) for y, c in self.years.items())
            self._letters[years] = letters
        return RowRefs(self.sheet, row, letters)


def find_table(book: RawWorkbook, lay: L.SheetLayout, findings: list[Finding]) -> Table | None:
    """Return the sheet of lay with its header row found (among the first rows), or None.

    None when the sheet is missing or lacks a required column (with a finding that names
    the headers found); unknown headers are findings too.
    """
    sheet: RawSheet | None = book.sheets.get(lay.name)
    if sheet is None:
        return None
    wanted = {fold(c.header): c for c in lay.columns}
    header, best = None, 0
    for number, values in sheet.rows[:HEADER_SEARCH_ROWS]:
        hits = sum(1 for v in values if isinstance(v, str) and fold(v) in wanted)
        if hits > best:
            header, best = (number, values), hits
    if header is None:
        top = sheet.rows[0][1] if sheet.rows else ()
        shown: str | LazyText = ", ".join(f"'{v}'" for v in top if v not in (None, "")) or NOTHING
        expected = ", ".join(f"'{c.header}'" for c in lay.columns if c.required)
        findings.append(error("missing-header", Ref(lay.name, f"A{sheet.rows[0][0] if sheet.rows else 1}"),
                              rows=HEADER_SEARCH_ROWS, expected=expected, shown=shown))
        return None
    number, values = header
    table = Table(lay.name, number, {}, layout=lay)
    first_cell: dict[object, Ref] = {}
    for col, raw in enumerate(values):
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        ref = table.ref(number, col)
        known = wanted.get(fold(str(raw))) if isinstance(raw, str) else None
        if known is not None:
            if known.field in table.columns:
                findings.append(error("duplicate-column", ref, header=known.header, first_cell=first_cell[known.field],
                                      ref=ref))
            else:
                table.columns[known.field] = col
                first_cell[known.field] = ref
            continue
        adopted = _adopted_year(lay, raw)
        if adopted is not None:
            if adopted in table.adopted:
                findings.append(error("duplicate-year", ref, variant="adopted", raw=raw))
            else:
                table.adopted[adopted] = col
            continue
        year = as_year(raw)
        if lay.years and year is not None:
            if year in table.years:
                findings.append(error("duplicate-year", ref, year=year, first_cell=first_cell[year], ref=ref))
            else:
                table.years[year] = col
                first_cell[year] = ref
        elif lay.years and looks_like_year(raw):
            findings.append(error("not-a-year", ref, variant="header", raw=show_header(raw),
                                  columns=", ".join(c.header for c in lay.columns)))
        else:
            findings.append(warning("unknown-column", ref, variant="years" if lay.years else "", raw=show_header(raw),
                                    columns=", ".join(c.header for c in lay.columns)))
    missing = [c.header for c in lay.columns if c.required and c.field not in table.columns]
    if missing:
        found: str | LazyText = ", ".join(f"'{v}'" for v in values if v not in (None, "")) or NOTHING
        for name in missing:
            findings.append(error("missing-column", Ref(lay.name, f"A{number}"), name=name, number=number, found=found))
        return None  # the rows cannot be read without their required columns
    table.rows = [(n, v) for n, v in sheet.rows if n > number and has_content(v)]
    findings.extend(sheet_findings(table, sheet))
    return table


def _adopted_year(lay: L.SheetLayout, raw) -> int | None:
    """Return the year of a header 'Vedtaget 2024' on a sheet with adopted amounts, else None."""
    if not lay.adopted_after or not isinstance(raw, str):
        return None
    words = raw.split()
    if len(words) == 2 and fold(words[0]) == fold(L.ADOPTED_PREFIX):
        return as_year(words[1])
    return None


_YEARISH = re.compile(r"^(?:(?:år|aar|year|budget|overslag|b|bo|r|regnskab)\s*\d|\D{0,12}\d{3,}\D{0,6}$|"
                      r"[\doil]{4,5}$)")
"""Year headers gone wrong: 'B2024', 'Budget 2024', 'År 1', '20245', '2O25', '202'."""


def looks_like_year(raw) -> bool:
    """True for a header that was meant as a year: a date, a number, or a text like 'B2024' or '2O25'."""
    if isinstance(raw, (int, float, datetime, date)) and not isinstance(raw, bool):
        return True
    text = fold(str(raw))
    return bool(_YEARISH.match(text)) and sum(ch.isdigit() for ch in text) >= 1 and (
        not text.isalpha())


def show_header(raw: object) -> str | Phrase:
    """Return a header as the user sees it: a date as 01-01-2025 (and that it is a date), a text in quotes."""
    if isinstance(raw, datetime) and raw.time() == time():
        return phrase(A_DATE_AS_YEAR, date=danish_date(raw))
    if isinstance(raw, date):
        return phrase(A_DATE, date=danish_date(raw))
    if isinstance(raw, float):
        # A number too large for a float is read as inf: shown as it is, not as a figure.
        return plain_danish(to_decimal(raw)) if math.isfinite(raw) else f"'{raw}'"
    return f"'{raw}'"


def fold(text) -> str:
    """Headers, labels and names compare as every name of the master does (``fold_name``)."""
    return fold_name(text)


def has_content(values: tuple) -> bool:
    return any(v is not None and not (isinstance(v, str) and not v.strip()) for v in values)
