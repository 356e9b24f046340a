"""Finds the figures of an official budget sheet without being told where they are.

Pure: grids in, tables of records out. Two layouts are recognised on any sheet, below any
title rows and above any notes:

* a cross-tab: a header row of year headings (2024, B2024, Budget 2024) for at least one of
  the master's years, and to the left of them a column of department labels, a column of
  theme labels, or both (department × theme, a blank outer label repeating the one above);
* a long table: a header row naming the columns Afdeling and/or Tema, År and Beløb.

A table ends at the next header row or at the end of the sheet. Rows of totals ('I alt',
'Mål', 'Difference …') and rows of figures without a label are set aside and listed, as
are text rows (headings, notes), which carry no figures. Where several tables of the same
level fit, the one with the most matched figures is used; a tie is an error, not a guess.
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from dataclasses import dataclass

from spareforslag_xl.master.cells import column_letter
from spareforslag_xl.model.errors import LocateError
from spareforslag_xl.model.i18n import _
from spareforslag_xl.reconcile.labels import Vocabulary, fold, is_account, is_account_header, year_of
from spareforslag_xl.reconcile.read import Grid, address
from spareforslag_xl.reconcile.table import Level, Table, cross_tab, long_table

HEADER_WORDS = {
    "department": ("afdeling", "afdelinger", "magistratsafdeling", "mag. afd", "mag.afd", "afd", "forvaltning",
                   "department"),
    "theme": ("tema", "temaer", "temanr", "tema nr", "theme"),
    "year": ("år", "budgetår", "year"),
    "amount": ("beløb", "besparelse", "amount", "værdi", "value", "ændring", "budgetændring", "korrektion"),
}
"""The column headings of a long table, folded; a heading may go on ('Beløb i 1.000 kr.')."""


@dataclass
class Found:
    """The tables used (one per level) and the other tables seen."""

    tables: list[Table]
    unused: list[Table]


def locate(grids: Sequence[Grid], vocab: Vocabulary, years: Sequence[int], sheet: str | None = None) -> Found:
    """Return the best table of each level in the grids (only the named sheet if given)."""
    if sheet is not None:
        chosen = [g for g in grids if fold(g.name) == fold(sheet)]
        if not chosen:
            names = ", ".join(f"'{g.name}'" for g in grids)
            raise LocateError(_("has no sheet '{sheet}' (its sheets: {names}).")
                .format(sheet=sheet, names=names), remedy="sheet")
        grids = chosen
    candidates: list[tuple[int, Table]] = []
    seen: list[str] = []
    for grid in grids:
        tables, note = _tables_of(grid, vocab, years)
        scored = [(score, t) for t in tables if (score := t.score(years)) > 0]
        candidates += scored
        if not scored:
            seen.append(note)
    if not candidates:
        span = f"{min(years)}-{max(years)}" if years else "?"
        raise LocateError(
            _("no table of departments or themes by year was found. Looked for a header row of year headings "
              "(2024, B2024, Budget 2024) for the master's years {span} with department or theme labels to their "
              "left, or a header row with the columns Afdeling and/or Tema, År and Beløb. Found: {found}.")
                .format(span=span, found="; ".join(seen)),
            remedy="mapping",
        )
    used, unused = [], []
    for level in Level:
        fitting = sorted(((score, t) for score, t in candidates if t.level is level), key=lambda st: -st[0])
        if len(fitting) > 1 and fitting[0][0] == fitting[1][0]:
            raise LocateError(
                _("two tables of {value} fit equally well: {range} and {range2}.")
                    .format(value=level.text, range=fitting[0][1].range, range2=fitting[1][1].range),
                remedy="sheet-or-mapping",
            )
        used += [t for _, t in fitting[:1]]
        unused += [t for _, t in fitting[1:]]
    return Found(used, unused)


# -- finding tables on one sheet ------------------------------------------------------------------
def _tables_of(grid: Grid, vocab: Vocabulary, years: Sequence[int]) -> tuple[list[Table], str]:
    """Return the tables of a sheet and, for the error message, what the sheet showed."""
    headers = {r: cols for r in grid.rows if (cols := _year_headings(grid, r, years))}
    longs = {r: roles for r in grid.rows if (roles := _long_headings(grid, r))}
    starts = sorted(set(headers) | set(longs))
    tables: list[Table] = []
    unlabelled = []
    for i, h in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else (grid.rows[-1] + 1)
        if h in longs:
            roles = longs[h]
            accounts = _account_columns(grid, h, end, vocab, exclude=set(roles.values()))
            tables.append(long_table(grid, h, end, roles.get("department"), roles.get("theme"),
                                     roles["year"], roles["amount"], vocab, account_cols=accounts))
            continue
        cols = headers[h]
        accounts = _account_columns(grid, h, end, vocab, before=min(cols))
        department_col, theme_col = _label_columns(grid, h, end, min(cols), vocab, accounts)
        if department_col is None and theme_col is None:
            unlabelled.append(f"{address(grid.name, h, min(cols))}:{column_letter(max(cols))}{h}")
            continue
        tables.append(cross_tab(grid, h, end, department_col, theme_col, cols, vocab, account_cols=accounts))
    if tables:
        note = _("'{name}': tables at {ranges} but no label the master knows").format(
            name=grid.name, ranges=", ".join(t.range for t in tables))
    elif unlabelled:
        note = _("'{name}': year headings at {cells} but no department or theme labels to their left").format(
            name=grid.name, cells=", ".join(unlabelled))
    else:
        note = _("'{name}': no year headings and no header row with Afdeling/Tema, År and "
                 "Beløb").format(name=grid.name)
    return tables, note


def _year_headings(grid: Grid, row: int, years: Sequence[int]) -> dict[int, int]:
    """Return column → year when the row is a header of years, else {}.

    Its years are distinct, increasing and include one of the master's; it holds no other
    number (a row of figures such as 2.000 is no header); and a single year must be written
    as text ('B2024'), since a lone number 2024 is as likely the year cell of a long table.
    """
    found: dict[int, int] = {}
    for col, value in grid.row(row):
        year = year_of(value)
        if year is not None:
            found[col] = year
        elif isinstance(value, (int, float)):
            return {}
    values = list(found.values())
    if not values or values != sorted(set(values)) or not set(values) & set(years):
        return {}
    if len(values) == 1 and not any(isinstance(grid.get(row, c), str) for c in found):
        return {}
    return found


def _long_headings(grid: Grid, row: int) -> dict[str, int]:
    """Return role → column when the row names the columns of a long table."""
    roles: dict[str, int] = {}
    for col, value in grid.row(row):
        if not isinstance(value, str):
            continue
        text = fold(value.split("(")[0])
        for role, words in HEADER_WORDS.items():
            if role not in roles and any(text == w or text.startswith(w + " ") for w in words):
                roles[role] = col
                break
    if "year" in roles and "amount" in roles and ("department" in roles or "theme" in roles):
        return roles
    return {}


def _account_columns(grid: Grid, header: int, end: int, vocab: Vocabulary, exclude: Set[int] = frozenset(),
                     before: int | None = None) -> tuple[int, ...]:
    """Return the columns of an extract's accounts: holding account strings (6.45.51.1.10) in most of their
    cells, or headed Kontostreng, Art, Omkostningssted … unless most of their cells are the master's department
    or theme labels (a column of themes headed 'Formål' stays one). An account column never holds labels."""
    found = []
    columns = {c for r in grid.rows if header <= r < end for c, _v in grid.row(r)
               if c not in exclude and (before is None or c < before)}
    for col in sorted(columns):
        values = [grid.get(r, col) for r in grid.rows if header < r < end and grid.get(r, col) is not None]
        dotted = sum(1 for v in values if is_account(v))
        labels = sum(1 for v in values if vocab.department(v).candidates or vocab.theme(v).candidates)
        if (values and dotted * 2 > len(values)) or (is_account_header(grid.get(header, col))
                                                     and labels * 2 <= len(values)):
            found.append(col)
    return tuple(found)


def _label_columns(grid: Grid, header: int, end: int, first_year_col: int,
                   vocab: Vocabulary, skip: Sequence[int] = ()) -> tuple[int | None, int | None]:
    """Return the columns left of the years (but not the account columns) holding most department and theme labels."""
    counts: dict[int, list[int]] = {}
    for r in (r for r in grid.rows if header < r < end):
        for col, value in grid.row(r):
            if col >= first_year_col:
                break
            if col in skip:
                continue
            count = counts.setdefault(col, [0, 0])
            count[0] += bool(vocab.department(value).candidates)
            count[1] += bool(vocab.theme(value).candidates)
    best: list[int | None] = [None, None]
    for kind in (0, 1):
        fitting = [(n[kind], -col) for col, n in counts.items() if n[kind] > n[1 - kind]]
        if fitting:
            best[kind] = -max(fitting)[1]
    return best[0], best[1]


