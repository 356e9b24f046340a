"""Compares the recomputed figures with the official ones, level by level and year by year.

Pure and in Decimal. Official amounts are first put in the master's unit, then (when asked,
or when every matched pair has opposite signs: savings entered as negative numbers) their
sign is reversed. A figure agrees when official − master is within the tolerance. '-', an
empty cell and a text note count as 0, like a total that is not estimated; a formula without
a stored value or an Excel error says nothing and is reported as unreadable. A figure that
is 0 on one side and absent on the other is no difference.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import Enum

from spareforslag_xl.core.compute import Result
from spareforslag_xl.model.i18n import N_, TranslatedEnum
from spareforslag_xl.model.units import Mention, Unit
from spareforslag_xl.reconcile.read import Figure, Kind, OfficialCell, figure
from spareforslag_xl.reconcile.table import Ignored, Level, Record, Table

NOISE = Decimal("0.000001")
"""Differences this small are the spreadsheet's floating-point noise, not differences."""

ZERO = Decimal(0)


class Status(TranslatedEnum):
    AGREES = N_("agrees")
    WITHIN_TOLERANCE = N_("agrees within the tolerance")
    ZERO_ABSENT = N_("0 and absent on the other side")
    DIFFERS = N_("differs")
    ONLY_MASTER = N_("only in the master")
    ONLY_OFFICIAL = N_("only in the official workbook")
    UNREADABLE = N_("unreadable official cell")
    AMBIGUOUS = N_("ambiguous label")
    GUESSED = N_("agrees only if a guessed label is right")

    @property
    def ok(self) -> bool:
        return self in (Status.AGREES, Status.WITHIN_TOLERANCE, Status.ZERO_ABSENT)


PROBLEMS = tuple(s for s in Status if not s.ok)


class UnitSource(Enum):
    """Where the unit of an official table came from."""

    GIVEN = "given"
    """Given by the caller (the unit argument)."""
    MAPPING = "mapping"
    FOUND = "found"
    ASSUMED = "assumed"


@dataclass(frozen=True)
class Source:
    """A table used, with the unit of its figures and how that unit is known."""

    table: Table
    unit: Unit
    how: UnitSource
    mention: Mention | None = None
    negated: bool = False
    """Set by compare: the official figures' signs were reversed before comparing."""
    sign_detected: bool = False
    """Set by compare: the reversal was detected (every matched pair had opposite signs), not asked for."""


@dataclass(frozen=True)
class Line:
    """One compared figure: what it is, the master's and the official amount, the official cell."""

    level: Level
    department: str
    """The master's department code, or the official label when it matched none."""
    theme: str
    """The master's theme number, or the official label when it matched none."""
    year: int | None
    master: Decimal | None
    official: Decimal | None
    """The official amount in the master's unit and sign; None for '-', empty, text or unreadable."""
    status: Status
    cell: OfficialCell | None = None
    figure: Figure | None = None
    candidates: tuple[str, ...] = ()
    """For an ambiguous label: the departments or themes it fits."""
    factor: Decimal = Decimal(1)
    """What the official cell's number was multiplied by: the unit's factor, negative when the sign was reversed."""
    ambiguous_kind: str = ""
    """For an ambiguous label: 'department' or 'theme'."""
    conflict: bool = False
    """For an ambiguous theme label: its number and its title point at different themes."""
    rows: tuple[Record, ...] = ()
    """The official figures summed into this one (an extract's account rows), in the order of the sheet."""
    guess: str = ""
    """How a label was guessed ('number', 'account'); '' when every label was matched with confidence."""

    @property
    def cells(self) -> tuple[OfficialCell, ...]:
        """Return every official cell behind the figure (one, or an extract's rows that were summed)."""
        if self.rows:
            return tuple(record.cell for record in self.rows)
        return (self.cell,) if self.cell is not None else ()

    @property
    def where(self) -> str:
        """Return the official cell's address, or the cells summed: \"'Udtræk'!E5 + E6\"."""
        cells = self.cells
        if not cells:
            return ""
        rest = [c.address.split("!")[1] if c.sheet == cells[0].sheet else c.address for c in cells[1:]]
        return " + ".join([cells[0].address, *rest])

    @property
    def has_master(self) -> bool:
        """False for an official figure that matched nothing in the master (extra or ambiguous)."""
        return self.status not in (Status.ONLY_OFFICIAL, Status.AMBIGUOUS) and not (
            self.status is Status.ZERO_ABSENT and self.cell is not None)

    @property
    def difference(self) -> Decimal | None:
        """Return official − master (absent or '-' as 0); None when the official cell says nothing."""
        if self.status in (Status.UNREADABLE, Status.AMBIGUOUS):
            return None
        return (self.official or ZERO) - (self.master or ZERO)


@dataclass(frozen=True)
class Reconciliation:
    result: Result
    master_unit: Unit
    lines: tuple[Line, ...]
    levels: tuple[Level, ...]
    sources: tuple[Source, ...]
    tolerance: Decimal
    unused: tuple[Table, ...] = ()
    ignored: tuple[Ignored, ...] = ()

    @property
    def agrees(self) -> bool:
        return all(line.status.ok for line in self.lines)

    @property
    def problems(self) -> list[Line]:
        return [line for line in self.lines if not line.status.ok]

    def count(self, level: Level | None = None, status: Status | None = None) -> int:
        return sum(1 for line in self.lines
                   if (level is None or line.level is level) and (status is None or line.status is status))


def compare(result: Result, master_unit: Unit, sources: Sequence[Source], negate: bool | None = None,
            tolerance: Decimal = ZERO, unused: Sequence[Table] = ()) -> Reconciliation:
    """Return every official figure compared with the master's, and every master figure not found."""
    years = result.years
    levels = {record.level for source in sources for record in source.table.records}
    expected = _expected(result, levels)
    resolved: list[Source] = []
    found: dict[tuple, dict[int, list[tuple[Record, Figure, Decimal | None, Decimal]]]] = {}
    lines: list[Line] = []
    for number, source in enumerate(sources):
        figures = [(record, figure(record.cell.value)) for record in source.table.records]
        scale = source.unit.kroner / master_unit.kroner
        detected = negate is None and _opposite_signs(figures, expected)
        if negate or detected:
            scale = -scale
        resolved.append(replace(source, negated=scale < 0, sign_detected=detected))
        for record, fig in figures:
            amount = fig.amount * scale if fig.amount is not None else None
            key = _key(record)
            if any(lab is not None and lab.match.ambiguous for lab in (record.department, record.theme)):
                lines.append(_ambiguous(record, fig, amount, scale))
            elif key is not None and record.year in years:
                found.setdefault(key, {}).setdefault(number, []).append((record, fig, amount, scale))
            else:
                status = Status.ONLY_OFFICIAL if fig.amount or not fig.readable else Status.ZERO_ABSENT
                lines.append(Line(record.level, _label(record.department), _label(record.theme), record.year, None,
                                  amount, status, record.cell, fig, factor=scale,
                                  rows=(record,) if record.accounts else ()))
    for key, master in expected.items():
        level, department, theme, year = key
        tables = found.get(key)
        if not tables:
            status = Status.ZERO_ABSENT if not master else Status.ONLY_MASTER
            lines.append(Line(level, department or "", theme or "", year, master, None, status))
            continue
        for matches in tables.values():
            lines.append(_summed(level, department or "", theme or "", year, master, matches, tolerance))
    order = _order(result)
    lines.sort(key=order)
    return Reconciliation(
        result, master_unit, tuple(lines),
        tuple(level for level in Level if any(line.level is level for line in lines)),
        tuple(resolved), tolerance, tuple(unused),
        tuple(i for source in sources for i in source.table.ignored),
    )


def _expected(result: Result, levels: set[Level]) -> dict[tuple, Decimal | None]:
    """Return (level, department, theme, year) → the master's figure, for the levels the official has."""
    codes = [d.code for d in result.plan.departments]
    expected: dict[tuple, Decimal | None] = {}
    if Level.DEPARTMENT in levels:
        for code in codes:
            for y in result.years:
                expected[(Level.DEPARTMENT, code, None, y)] = result.department_totals[code][y]
    if Level.THEME in levels:
        for t in result.themes:
            for y in result.years:
                expected[(Level.THEME, None, t.theme.number, y)] = t.totals[y]
    if Level.PART in levels:
        for code in codes:
            for t in result.themes:
                for y in result.years:
                    part = t.parts[code][y] if t.totals[y] is not None else None
                    expected[(Level.PART, code, t.theme.number, y)] = part
    return expected


def _key(record: Record) -> tuple | None:
    if not record.matched:
        return None
    department = record.department.match.found if record.department is not None else None
    theme = record.theme.match.found if record.theme is not None else None
    return (record.level, department, theme, record.year)


def _opposite_signs(figures: Sequence[tuple[Record, Figure]], expected: dict) -> bool:
    """True when every matched pair of non-zero figures has opposite signs (and there is one)."""
    pairs = []
    for record, fig in figures:
        key = _key(record)
        master = expected.get(key) if key is not None else None
        if fig.amount and master:
            pairs.append((fig.amount > 0) != (master > 0))
    return bool(pairs) and all(pairs)


def _summed(level: Level, department: str, theme: str, year: int, master: Decimal | None,
            matches: list[tuple[Record, Figure, Decimal | None, Decimal]], tolerance: Decimal) -> Line:
    """Return the line of one figure of the master and the official figures of one table that belong to it, summed."""
    records = tuple(record for record, *_rest in matches)
    figures = [fig for _record, fig, *_rest in matches]
    scale = matches[0][3]
    unreadable = next((fig for fig in figures if not fig.readable), None)
    numbers = [fig.amount for fig in figures if fig.amount is not None]
    if unreadable is not None:
        fig = unreadable
    elif numbers:
        fig = Figure(Kind.NUMBER, sum(numbers, ZERO))
    else:
        fig = figures[0]
    amount = fig.amount * scale if fig.amount is not None else None
    status = _status(fig, amount, master, tolerance)
    guess = next((record.guess for record in records if record.guess), "")
    if guess and status.ok:
        status = Status.GUESSED  # no claim of agreement without a check
    cell = next((record.cell for record, fig_, *_rest in matches if fig_ is fig), records[0].cell)
    summed = len(records) > 1 or any(record.accounts for record in records)
    return Line(level, department, theme, year, master, amount, status, cell, fig, factor=scale,
                rows=records if summed else (), guess=guess)


def _status(fig: Figure, amount: Decimal | None, master: Decimal | None, tolerance: Decimal) -> Status:
    if not fig.readable:
        return Status.UNREADABLE
    difference = abs((amount or ZERO) - (master or ZERO))
    if difference <= NOISE:
        return Status.AGREES
    return Status.WITHIN_TOLERANCE if difference <= tolerance else Status.DIFFERS


def _ambiguous(record: Record, fig: Figure, amount: Decimal | None, scale: Decimal) -> Line:
    label = next(lab for lab in (record.department, record.theme) if lab is not None and lab.match.ambiguous)
    kind = "department" if label is record.department else "theme"
    return Line(record.level, _label(record.department), _label(record.theme), record.year, None, amount,
                Status.AMBIGUOUS, record.cell, fig, candidates=label.match.candidates, factor=scale,
                ambiguous_kind=kind, conflict=label.match.conflict)


def _label(label) -> str:
    if label is None:
        return ""
    return label.match.found or label.text


def _order(result: Result):
    departments = {d.code: i for i, d in enumerate(result.plan.departments)}
    themes = {t.theme.number: i for i, t in enumerate(result.themes)}
    levels = {level: i for i, level in enumerate(Level)}

    def key(line: Line):
        cell = line.cell
        return (levels[line.level], departments.get(line.department, len(departments)), line.department,
                themes.get(line.theme, len(themes)), line.theme, line.year or 0,
                (cell.sheet, cell.row, cell.col) if cell else ("", 0, 0))

    return key
