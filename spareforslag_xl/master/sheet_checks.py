"""What a sheet's layout in Excel can hide from its values: merged cells, hidden rows and columns,
year columns out of order. Each finding names the cells it is about."""

from __future__ import annotations

import re
from collections.abc import Iterable

from spareforslag_xl.master.read import RawSheet, RawWorkbook
from spareforslag_xl.model import layout as L
from spareforslag_xl.model.codes_words import AND, COLUMNS, MERGED_LOST, NONE, OTHER_CELLS
from spareforslag_xl.model.danish import danish_number
from spareforslag_xl.model.findings import Finding, error, warning
from spareforslag_xl.model.i18n import Joined, LazyText, phrase
from spareforslag_xl.model.plan import Ref, fold_name

TEXT_FIELDS = frozenset({"status", "description", "potential_text", "distribution_text", "note", "explanation"})
"""Columns of free text: a merge over them loses text, not figures or references."""

_RANGE = re.compile(r"^([A-Z]+)([0-9]+)(?::([A-Z]+)([0-9]+))?$")
SHOWN_ROWS = 5


def workbook_findings(book: RawWorkbook) -> Iterable[Finding]:
    """Return the findings about the workbook's sheets: missing, twice, beyond Excel's limits, damaged."""
    lock = _excel_lock(book)
    if lock:
        yield warning("open-in-excel", None, lock=lock)
    missing = [s.name for s in L.REQUIRED_SHEETS if s.name not in book.sheets]
    found: str | LazyText = ", ".join(f"'{n}'" for n in book.sheet_names) or NONE
    if len(missing) == len(L.REQUIRED_SHEETS) > 1:  # not a master at all: one line, not one per sheet
        yield error("not-a-master", None, found=found)
        missing = []
    for name in missing:
        yield error("missing-sheet", Ref(name), name=name, found=found)
    canonical = {fold_name(s.name): s.name for s in L.DATA_SHEETS}
    for names in book.same_names:
        sheet = canonical.get(fold_name(names[0]), names[0])
        yield error("duplicate-sheet", Ref(sheet), n=len(names), names=sheet,
                    shown=Joined(AND, tuple(f"'{n}'" for n in names)))
    for raw in book.sheets.values():
        if raw.beyond_limits:
            yield error("sheet-too-large", Ref(raw.name), value=danish_number(1_048_576), value2=danish_number(16_384))
    for name in book.damaged:
        yield warning("damaged-sheet", Ref(name), name=name)
    if book.has_macros:
        yield warning("macros-ignored", None)


def _excel_lock(book: RawWorkbook) -> str | None:
    """Return the name of the owner file Excel keeps beside a workbook it has open ('~$budget.xlsx';
    Excel drops the name's first two letters when it is long), or None."""
    name = book.path.name
    for candidate in ("~$" + name, "~$" + name[2:]):
        if (book.path.parent / candidate).is_file():
            return candidate
    return None


def sheet_findings(table, sheet: RawSheet) -> Iterable[Finding]:
    """Return the findings about merged cells, hidden rows and columns and the order of the years.

    ``table`` is the sheet's ``tables.Table`` (not imported: ``tables`` calls this module).
    """
    yield from _merged(table, sheet)
    yield from _hidden(table, sheet)
    if table.layout is L.LINES:
        yield from _year_order(table)


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + (ord(ch) - 64)
    return index - 1


def _merged(table, sheet: RawSheet) -> Iterable[Finding]:
    names = {col: name for name, col in table.columns.items()}
    names.update({col: year for year, col in table.years.items()})
    for merged in sheet.merged:
        match = _RANGE.match(merged)
        if not match or match.group(3) is None:
            continue
        c1, r1 = _column_index(match.group(1)), int(match.group(2))
        c2, r2 = _column_index(match.group(3)), int(match.group(4))
        if r2 <= table.header_row:
            continue  # a title above the table
        covered = [(r, c) for r in range(max(r1, table.header_row), r2 + 1) for c in range(c1, c2 + 1)
                   if (r, c) != (r1, c1) and c in names]
        if not covered:
            continue
        fields = {names[c] for _, c in covered}
        headers = ", ".join(f"'{table.header(f)}'" if isinstance(f, str) else f"'{f}'" for f in
                            sorted(fields, key=str))
        first = table.ref(r1, c1)
        lost = phrase(MERGED_LOST, first=first, cells=phrase(OTHER_CELLS, n=len(covered)),
                      columns=phrase(COLUMNS, n=len(fields), headers=headers))
        if fields <= TEXT_FIELDS:
            yield warning("merged-cells", first, variant="text", merged=merged, lost=lost)
        else:
            yield error("merged-cells", first, merged=merged, lost=lost)


def _hidden(table, sheet: RawSheet) -> Iterable[Finding]:
    hidden = [n for n, _ in table.rows if n in sheet.hidden_rows]
    if hidden:
        shown = ", ".join(map(str, hidden[:SHOWN_ROWS])) + (" …" if len(hidden) > SHOWN_ROWS else "")
        yield warning("hidden-rows", table.ref(hidden[0], 0), n=len(hidden), shown=shown)
    used = sorted(c for c in set(table.columns.values()) | set(table.years.values()) if c in sheet.hidden_columns)
    if used:
        cells = ", ".join(str(table.ref(table.header_row, c)) for c in used)
        yield warning("hidden-columns", table.ref(table.header_row, used[0]), n=len(used), cells=cells)


def _year_order(table) -> Iterable[Finding]:
    previous = None
    for year, col in sorted(table.years.items(), key=lambda item: item[1]):
        if previous is not None and year < previous:
            yield warning("years-out-of-order", table.ref(table.header_row, col))
            return
        previous = year

