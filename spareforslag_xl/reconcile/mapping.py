"""Reads a mapping file: a small TOML file that says where the official table is and what is what.

For layouts the program does not find by itself. One table at the top level, or several as
``[[table]]``; ``[departments]`` and ``[themes]`` give labels that cannot be matched by code,
number, name or title::

    sheet = "Ark1"          # the sheet
    header_row = 4          # the row with the column headings
    department = "A"        # column of department codes or names   } at least one
    theme = "B"             # column of theme numbers or titles      }
    years = { C = 2024, D = 2025 }   # cross-tab: column → year (default: the headings of header_row)
    # accounts = ["E", "F"] # an extract's account columns: its rows are summed per department and year
    # year = "C"            # long table instead: the column of years …
    # amount = "D"          # … and the column of amounts
    last_row = 30           # optional; first_row defaults to the row after header_row
    unit = "mio. kr."       # optional: kr., 1.000 kr., mio. kr. or mia. kr.

    [departments]
    "Socialforvaltningen" = "MSB"
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spareforslag_xl.io.package import read_input
from spareforslag_xl.model.errors import InputError
from spareforslag_xl.model.i18n import _, lazy
from spareforslag_xl.model.plan import Plan
from spareforslag_xl.model.units import Unit, parse_unit
from spareforslag_xl.reconcile.labels import Vocabulary, fold, year_of
from spareforslag_xl.reconcile.read import Grid
from spareforslag_xl.reconcile.table import Table, cross_tab, long_table

TABLE_KEYS = ("sheet", "header_row", "department", "theme", "years", "year", "amount", "first_row", "last_row",
              "accounts")
TOP_KEYS = ("table", "unit", "departments", "themes")
MAX_BYTES = 1024 * 1024
_COLUMN = re.compile(r"^[A-Z]{1,3}$")
HINT = lazy("See 'The mapping file' in the README.")


@dataclass(frozen=True)
class TableSpec:
    """Where one table is: a sheet, its header row, and the column of each thing (0-based)."""

    sheet: str
    header_row: int
    department: int | None = None
    theme: int | None = None
    years: Mapping[int, int] = field(default_factory=dict)
    year: int | None = None
    amount: int | None = None
    first_row: int | None = None
    last_row: int | None = None
    accounts: tuple[int, ...] = ()
    """An extract's account columns: its rows are summed per department (and theme) and year."""


@dataclass(frozen=True)
class MappingFile:
    path: Path
    tables: tuple[TableSpec, ...]
    unit: Unit | None = None
    departments: Mapping[str, str] = field(default_factory=dict)
    themes: Mapping[str, str] = field(default_factory=dict)


def load_mapping(path: Path) -> MappingFile:
    """Return the mapping file at path, checked; raise InputError naming the key that is wrong."""
    path = Path(path)
    raw = read_input(path, "mapping file", MAX_BYTES)
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(path, _("is not a valid TOML file ({exc}).").format(exc=exc), str(HINT)) from None
    raw_tables = data.get("table")
    if raw_tables is None:
        _known(path, data, TABLE_KEYS + TOP_KEYS, "")
        raw_tables = [{k: v for k, v in data.items() if k in TABLE_KEYS}]
    else:
        _known(path, data, TOP_KEYS, "")
        if not isinstance(raw_tables, list) or not raw_tables:
            raise InputError(path, _("'table' must be a list of tables ([[table]])."), str(HINT))
    tables = tuple(_table(path, t, i if len(raw_tables) > 1 else None) for i, t in enumerate(raw_tables, 1))
    unit = None
    if "unit" in data:
        unit = parse_unit(str(data["unit"]))
        if unit is None:
            raise InputError(path, _("unit '{data}' is not known; use 'kr.', '1.000 kr.' or 'mio. kr.'.")
                .format(data=data['unit']))
    return MappingFile(path, tables, unit, _aliases(path, data, "departments"), _aliases(path, data, "themes"))


def check_aliases(mapping: MappingFile, plan: Plan) -> None:
    """Raise InputError when an alias names a department or theme the master does not have."""
    for kind, aliases, known in (("departments", mapping.departments, [d.code for d in plan.departments]),
                                 ("themes", mapping.themes, [t.number for t in plan.themes])):
        for label, target in aliases.items():
            if target not in known:
                what = _("department code") if kind == "departments" else _("theme number")
                raise InputError(mapping.path, _("[{kind}] maps '{label}' to '{target}', which is no {what} of "
                                                 "the master ({known}).")
                    .format(kind=kind, label=label, target=target, what=what, known=', '.join(known)))


def mapped_tables(grids: Sequence[Grid], mapping: MappingFile, vocab: Vocabulary) -> list[Table]:
    """Return the tables the mapping names, read from the grids; raise InputError if one is not there."""
    tables = []
    for spec in mapping.tables:
        grid = next((g for g in grids if fold(g.name) == fold(spec.sheet)), None)
        if grid is None:
            names = ", ".join(f"'{g.name}'" for g in grids)
            raise InputError(mapping.path, _("names the sheet '{sheet}', which the official workbook does not "
                                             "have (its sheets: {names}).")
                .format(sheet=spec.sheet, names=names))
        end = (spec.last_row + 1) if spec.last_row else (max(grid.rows, default=0) + 1)
        if spec.amount is not None and spec.year is not None:
            tables.append(long_table(grid, spec.header_row, end, spec.department, spec.theme, spec.year,
                                     spec.amount, vocab, mapped=True, first=spec.first_row,
                                     account_cols=spec.accounts))
            continue
        years = dict(spec.years) or {c: y for c, v in grid.row(spec.header_row) if (y := year_of(v)) is not None}
        if not years:
            raise InputError(mapping.path, _("row {header_row} of sheet '{name}' has no year headings.")
                .format(header_row=spec.header_row, name=grid.name),
                             _("Give the year of each column, e.g. years = { C = 2024, D = 2025 }."))
        tables.append(cross_tab(grid, spec.header_row, end, spec.department, spec.theme, years, vocab,
                                mapped=True, first=spec.first_row, account_cols=spec.accounts))
    return tables


def _table(path: Path, raw: object, number: int | None) -> TableSpec:
    where = _("table {number}: ").format(number=number) if number else ""
    if not isinstance(raw, dict):
        raise InputError(path, _("{where}each [[table]] must be a table of keys.").format(where=where), str(HINT))
    _known(path, raw, TABLE_KEYS, where)
    if not isinstance(raw.get("sheet"), str) or not raw["sheet"].strip():
        raise InputError(path, _("{where}'sheet' is missing: give the name of the sheet with the table.")
            .format(where=where), str(HINT))
    header = _row(path, raw, "header_row", where)
    if header is None:
        raise InputError(path, _("{where}'header_row' is missing: give the number of the row with the headings.")
            .format(where=where), str(HINT))
    spec = TableSpec(
        sheet=raw["sheet"].strip(), header_row=header,
        department=_column(path, raw, "department", where), theme=_column(path, raw, "theme", where),
        years=_years(path, raw, where), year=_column(path, raw, "year", where),
        amount=_column(path, raw, "amount", where),
        first_row=_row(path, raw, "first_row", where), last_row=_row(path, raw, "last_row", where),
        accounts=_accounts(path, raw, where),
    )
    if spec.department is None and spec.theme is None:
        raise InputError(path, _("{where}give the column of the labels: 'department', 'theme' or both.")
            .format(where=where), str(HINT))
    if (spec.year is None) != (spec.amount is None):
        raise InputError(path, _("{where}a long table needs both 'year' and 'amount'.").format(where=where), str(HINT))
    if spec.amount is not None and spec.years:
        raise InputError(path, _("{where}give either 'years' (a cross-tab) or 'year' and 'amount' (a long "
                                 "table), not both.")
            .format(where=where), str(HINT))
    return spec


def _known(path: Path, raw: dict, keys: tuple[str, ...], where: str) -> None:
    for key in raw:
        if key not in keys:
            raise InputError(path, _("{where}the key '{key}' is not known; the keys are {keys}.")
                .format(where=where, key=key, keys=', '.join(keys)), str(HINT))


def _column(path: Path, raw: dict, key: str, where: str) -> int | None:
    if key not in raw:
        return None
    text = str(raw[key]).strip().upper()
    if not _COLUMN.match(text):
        raise InputError(path, _('{where}\'{key}\' must be a column letter such as "B", not {raw!r}.')
            .format(where=where, key=key, raw=raw[key]), str(HINT))
    index = 0
    for ch in text:
        index = index * 26 + ord(ch) - 64
    return index - 1


def _accounts(path: Path, raw: dict, where: str) -> tuple[int, ...]:
    value = raw.get("accounts", [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise InputError(path, _("{where}'accounts' must list column letters, e.g. accounts = [\"C\", \"D\"].")
                         .format(where=where), str(HINT))
    columns = tuple(_column(path, {"accounts": v}, "accounts", where) for v in value)
    return tuple(c for c in columns if c is not None)


def _row(path: Path, raw: dict, key: str, where: str) -> int | None:
    if key not in raw:
        return None
    value = raw[key]
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InputError(path, _("{where}'{key}' must be a row number (1 or more), not {value!r}.")
            .format(where=where, key=key, value=value), str(HINT))
    return value


def _years(path: Path, raw: dict, where: str) -> dict[int, int]:
    value = raw.get("years", {})
    if not isinstance(value, dict):
        raise InputError(path, _("{where}'years' must map columns to years, e.g. years = {{ C = 2024 }}.")
            .format(where=where), str(HINT))
    years = {}
    for col, year in value.items():
        index = _column(path, {"years": col}, "years", where)
        assert index is not None  # the key is there
        if isinstance(year, bool) or not isinstance(year, int) or year_of(year) is None:
            raise InputError(path, _("{where}years.{col} must be a year such as 2024, not {year!r}.")
                .format(where=where, col=col, year=year), str(HINT))
        years[index] = year
    return years


def _aliases(path: Path, data: dict, key: str) -> dict[str, str]:
    value = data.get(key, {})
    if not isinstance(value, dict) or not all(isinstance(v, (str, int)) for v in value.values()):
        message = (_("[{key}] must map official labels to the master's codes, e.g. \"Label\" = \"X\".")
                   if key == "departments" else
                   _("[{key}] must map official labels to the master's numbers, e.g. \"Label\" = \"X\"."))
        raise InputError(path, message.format(key=key), str(HINT))
    return {str(k): str(v).strip() for k, v in value.items()}
