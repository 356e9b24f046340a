"""What a sheet's layout in Excel can hide from its values: merged cells, hidden rows and columns,
year columns out of order. Each finding names the cells it is about."""

from __future__ import annotations

import re
from collections.abc import Iterable

from spareforslag_xl.master.read import RawSheet, RawWorkbook
from spareforslag_xl.model import layout as L
from spareforslag_xl.model.danish import danish_number
from spareforslag_xl.model.findings import Finding, error, warning
from spareforslag_xl.model.i18n import _, ngettext
from spareforslag_xl.model.plan import Ref, fold_name

TEXT_FIELDS = frozenset({"status", "description", "potential_text", "distribution_text", "note", "explanation"})
"""Columns of free text: a merge over them loses text, not figures or references."""

_RANGE = re.compile(r"^([A-Z]+)([0-9]+)(?::([A-Z]+)([0-9]+))?$")
SHOWN_ROWS = 5


def workbook_findings(book: RawWorkbook) -> Iterable[Finding]:
    """Return the findings about the workbook's sheets: missing, twice, beyond Excel's limits, damaged."""
    missing = [s.name for s in L.REQUIRED_SHEETS if s.name not in book.sheets]
    found = ", ".join(f"'{n}'" for n in book.sheet_names) or _("none")
    for name in missing:
        yield error("missing-sheet",
                    _("the master has no sheet '{name}' (sheets found: {found}).").format(name=name, found=found),
                    Ref(name), _("Add the sheet, or start from a new master made with 'spareforslag init'."))
    canonical = {fold_name(s.name): s.name for s in L.DATA_SHEETS}
    for names in book.same_names:
        shown = _(" and ").join(f"'{n}'" for n in names)
        yield error("duplicate-sheet",
                    _("the master has {n} sheets that read as '{names}': {shown} (names are compared ignoring case, "
                      "spaces and Unicode form); only the first is read.").format(
                          n=len(names), names=canonical.get(fold_name(names[0]), names[0]), shown=shown),
                    Ref(canonical.get(fold_name(names[0]), names[0])),
                    _("Delete or rename the old copy (e.g. 'Forslag gammel'), so that one sheet holds the values."))
    for sheet in book.sheets.values():
        if sheet.beyond_limits:
            yield error("sheet-too-large",
                        _("the sheet has more than Excel's {value} rows or {value2} columns; only the part within the "
                          "limits was read.").format(value=danish_number(1_048_576), value2=danish_number(16_384)),
                        Ref(sheet.name), _("Remove the rows or columns beyond Excel's limits."))
    for name in book.damaged:
        yield warning("damaged-sheet",
                      _("the sheet '{name}' is damaged (its XML cannot be read); the program does not use it, but "
                        "Excel will refuse to open the file or offer to repair it.").format(name=name), Ref(name),
                      _("Delete the sheet, or let Excel repair the file and save it again."))
    if book.has_macros:
        yield warning("macros-ignored",
                      _("the workbook contains macros (VBA); they were not run and are not copied to any output."),
                      None, _("Save the master as .xlsx without macros."))


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
        others = ngettext("{n} other cell", "{n} other cells", len(covered)).format(n=len(covered))
        columns = ngettext("the column {headers}", "the columns {headers}", len(fields)).format(headers=headers)
        lost = _("only {first} holds a value, so {cells} of {columns} read as empty").format(
            first=first, cells=others, columns=columns)
        hint = _("Unmerge the cells (Excel: Start › Flet og centrer) and write the value in every row.")
        if fields <= TEXT_FIELDS:
            yield warning("merged-cells", _("the cells {merged} are merged: {lost}.").format(merged=merged, lost=lost),
                          first, hint)
        else:
            yield error("merged-cells",
                        _("the cells {merged} are merged: {lost}; the figures of those rows would not be what the "
                          "sheet shows.").format(merged=merged, lost=lost), first, hint)


def _hidden(table, sheet: RawSheet) -> Iterable[Finding]:
    hidden = [n for n, _ in table.rows if n in sheet.hidden_rows]
    if hidden:
        shown = ", ".join(map(str, hidden[:SHOWN_ROWS])) + (" …" if len(hidden) > SHOWN_ROWS else "")
        yield warning(
            "hidden-rows", ngettext(
                "{n} row with content is hidden or filtered out (row {shown}); it is read and counted like every "
                "other row.",
                "{n} rows with content are hidden or filtered out (rows {shown}); they are read and counted like "
                "every other row.", len(hidden)).format(n=len(hidden), shown=shown),
            table.ref(hidden[0], 0),
            _("Show all rows (Excel: Data › Ryd filter; Start › Formater › Skjul og vis) and delete the rows that "
              "should not count."),
        )
    used = sorted(c for c in set(table.columns.values()) | set(table.years.values()) if c in sheet.hidden_columns)
    if used:
        cells = ", ".join(str(table.ref(table.header_row, c)) for c in used)
        yield warning(
            "hidden-columns", ngettext("the column {cells} is hidden; it is read like every other column.",
                                       "the columns {cells} are hidden; they are read like every other column.",
                                       len(used)).format(cells=cells), table.ref(table.header_row, used[0]),
            _("Show the columns (Excel: Start › Formater › Skjul og vis) and check their values."),
        )


def _year_order(table) -> Iterable[Finding]:
    previous = None
    for year, col in sorted(table.years.items(), key=lambda item: item[1]):
        if previous is not None and year < previous:
            yield warning("years-out-of-order",
                          _("the year columns are not in ascending order; the report sorts them."),
                          table.ref(table.header_row, col),
                          _("Order the year columns from the first to the last year."))
            return
        previous = year

