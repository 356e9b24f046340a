"""An official table whose place is known: its rows read into records, one per figure.

Pure. Used for the tables ``locate`` finds and for those a mapping file names. A blank outer
label (the left of two label columns, as under merged cells or in a pivot table) repeats the
one above; rows of totals ('I alt', 'Mål', 'Difference …') and figures without a label are
set aside with the reason; rows without figures (headings, notes) are skipped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum

from spareforslag_xl.master.cells import column_letter
from spareforslag_xl.model.i18n import N_, TranslatedEnum
from spareforslag_xl.reconcile.labels import NO_MATCH, Match, Vocabulary, fold, is_summary, label_text, year_of
from spareforslag_xl.reconcile.read import Grid, OfficialCell, address

UNIT_ROWS_ABOVE = 10
"""How many rows above a table's header are searched for its unit (title rows)."""


class Level(TranslatedEnum):
    """What an official figure is: a department's total, a theme's total, or a department's part of a theme."""

    DEPARTMENT = N_("department totals")
    THEME = N_("theme totals")
    PART = N_("department × theme")


class Layout(Enum):
    CROSS_TAB = "cross-tab"
    LONG = "long table"


class Reason(TranslatedEnum):
    """Why a row of an official table was set aside."""

    TOTAL = N_("a totals row")
    NO_LABEL = N_("figures without a label")
    NO_YEAR = N_("no year")


@dataclass(frozen=True)
class Label:
    """A label cell and what it matched."""

    cell: OfficialCell
    match: Match

    @property
    def text(self) -> str:
        return label_text(self.cell.value)


@dataclass(frozen=True)
class Record:
    """One official figure: its labels, its year and the cell that holds it."""

    department: Label | None
    theme: Label | None
    year: int | None
    cell: OfficialCell
    accounts: tuple[tuple[str, str], ...] = ()
    """An extract's account columns on the figure's row: (heading, value), e.g. ('Kontostreng', '6.45.51.1.10')."""

    @property
    def account_text(self) -> str:
        """'Kontostreng 6.45.51.1.10, Art 1.1': the row's account, as the financial system names it."""
        return ", ".join(f"{heading} {value}".strip() for heading, value in self.accounts if value)

    @property
    def guess(self) -> str:
        """How a label of the record was guessed ('number', 'account'), or '' when both were matched with confidence."""
        return next((lab.match.guess for lab in (self.department, self.theme)
                     if lab is not None and lab.match.found and lab.match.guess), "")

    @property
    def level(self) -> Level:
        if self.department is not None and self.theme is not None:
            return Level.PART
        return Level.DEPARTMENT if self.department is not None else Level.THEME

    @property
    def matched(self) -> bool:
        return all(lab.match.found for lab in (self.department, self.theme) if lab is not None)


@dataclass(frozen=True)
class Ignored:
    """A row set aside: the address of its first cell, its label text and why."""

    address: str
    text: str
    reason: Reason


@dataclass(frozen=True)
class Table:
    """A table found (or mapped) in the official workbook, with its records."""

    sheet: str
    layout: Layout
    header_row: int
    last_row: int
    first_col: int
    last_col: int
    department_col: int | None
    theme_col: int | None
    year_cols: Mapping[int, int] = field(default_factory=dict)
    """Cross-tab: column → year."""
    year_col: int | None = None
    amount_col: int | None = None
    records: tuple[Record, ...] = ()
    ignored: tuple[Ignored, ...] = ()
    unit_texts: tuple[tuple[str, str, int], ...] = ()
    """Text cells in and above the header row: (address, text, rows above the header)."""
    mapped: bool = False
    account_cols: tuple[int, ...] = ()
    """An extract of a financial system: the columns of account strings, art codes and cost centres."""

    @property
    def level(self) -> Level:
        if self.department_col is not None and self.theme_col is not None:
            return Level.PART
        return Level.DEPARTMENT if self.department_col is not None else Level.THEME

    @property
    def range(self) -> str:
        return f"{address(self.sheet, self.header_row, self.first_col)}:{column_letter(self.last_col)}{self.last_row}"

    def score(self, years: Sequence[int]) -> int:
        """How many figures of the table have labels and a year that the master knows."""
        return sum(1 for r in self.records if r.matched and r.year in years)


class _Rows:
    """Labels of one table row by row, the outer label repeating down into blank cells."""

    def __init__(self, grid: Grid, department_col: int | None, theme_col: int | None, vocab: Vocabulary,
                 header: int = 0, account_cols: Sequence[int] = ()) -> None:
        self.grid, self.vocab = grid, vocab
        self.cols = {"department": department_col, "theme": theme_col}
        self.account_cols = tuple(account_cols)
        self.headings = {c: label_text(grid.get(header, c)) for c in self.account_cols}
        both = department_col is not None and theme_col is not None
        self.outer = (min(("department", "theme"), key=lambda k: self.cols[k] or 0) if both else None)
        self.last_outer: Label | None = None

    def labels(self, row: int) -> dict[str, Label | None]:
        found: dict[str, Label | None] = {}
        for kind, col in self.cols.items():
            if col is None:
                continue
            cell = self.grid.cell(row, col)
            if cell.value is None:
                found[kind] = None
                continue
            match = self.vocab.department(cell.value) if kind == "department" else self.vocab.theme(cell.value)
            found[kind] = Label(cell, match)
        return found

    def accounts(self, row: int) -> tuple[tuple[str, str], ...]:
        """Return the row's account columns as (heading, value); () for a table that is no extract."""
        return tuple((self.headings[c], label_text(self.grid.get(row, c))) for c in self.account_cols)

    def assign(self, row: int, labels: dict[str, Label | None]) -> tuple[Label | None, Label | None]:
        """Return the row's department and theme; an extract's row without a department gets an unmatched one."""
        department, theme = labels.get("department"), labels.get("theme")
        if department is None and self.account_cols and self.cols["department"] is not None:
            department = Label(self.grid.cell(row, self.cols["department"]), NO_MATCH)
        return department, theme

    def inferred(self, records: list[Record]) -> tuple[Record, ...]:
        """Return the records, a blank department told by the row's account where that names one department.

        An account value (a cost centre, an account string the master gives a department) that the
        other rows of the extract, or the master, tie to exactly one department tells it; the match
        is marked as a guess ('account') and reported as such.
        """
        if not self.account_cols:
            return tuple(records)
        owners: dict[str, set[str]] = {}
        for record in records:
            code = record.department.match.found if record.department is not None else None
            if code is not None:
                for _heading, value in record.accounts:
                    if value:
                        owners.setdefault(fold(value), set()).add(code)
        for value, code in self.vocab.account_owners().items():
            owners.setdefault(value, set()).add(code)
        done = []
        for record in records:
            label = record.department
            if label is not None and label.cell.value is None and not label.match.candidates:
                clues = {f"{heading} {value}".strip(): next(iter(owners[fold(value)]))
                         for heading, value in record.accounts if value and len(owners.get(fold(value), ())) == 1}
                if len(set(clues.values())) == 1:
                    clue, code = next(iter(clues.items()))
                    match = Match((code,), guess="account", clue=clue)
                    record = replace(record, department=Label(label.cell, match))
            done.append(record)
        return tuple(done)

    def fill(self, labels: dict[str, Label | None]) -> dict[str, Label | None]:
        """Return the labels with a blank outer label taken from the row above (merged cells, pivot tables)."""
        if self.outer is None or self.account_cols:  # an extract's every row carries its own labels
            return labels
        inner = "theme" if self.outer == "department" else "department"
        if labels[self.outer] is not None:
            self.last_outer = labels[self.outer]
        elif labels[inner] is not None and self.last_outer is not None:
            labels = dict(labels, **{self.outer: self.last_outer})
        return labels


def _unit_texts(grid: Grid, header: int) -> tuple[tuple[str, str, int], ...]:
    return tuple(
        (address(grid.name, r, c), v, header - r)
        for r in grid.rows if header - UNIT_ROWS_ABOVE <= r <= header
        for c, v in grid.row(r) if isinstance(v, str)
    )


def _body(grid: Grid, header: int, end: int, first: int | None) -> list[int]:
    start = first if first is not None else header + 1
    return [r for r in grid.rows if start <= r < end]


def _set_aside(labels: dict[str, Label | None], first_figure: OfficialCell,
               accounts: tuple[tuple[str, str], ...] = ()) -> Ignored | None:
    """Return why a row with figures is set aside (a totals row, no label), or None to keep it."""
    present = [lab for lab in labels.values() if lab is not None]
    for _heading, value in accounts:
        if is_summary(value) and not present:
            return Ignored(first_figure.address, value, Reason.TOTAL)
    if not present and accounts:
        return None  # an extract's row without a department: reported as such, never dropped
    if not present:
        return Ignored(first_figure.address, "", Reason.NO_LABEL)
    for lab in present:
        if not lab.match.candidates and is_summary(lab.text):
            return Ignored(lab.cell.address, lab.text, Reason.TOTAL)
    return None


def cross_tab(grid: Grid, header: int, end: int, department_col: int | None, theme_col: int | None,
              year_cols: Mapping[int, int], vocab: Vocabulary, mapped: bool = False, first: int | None = None,
              account_cols: Sequence[int] = ()) -> Table:
    """Return the table of labels down and years across, from first (the row after header) up to end."""
    rows = _Rows(grid, department_col, theme_col, vocab, header, account_cols)
    records: list[Record] = []
    ignored: list[Ignored] = []
    last = header
    for r in _body(grid, header, end, first):
        figures = [grid.cell(r, c) for c in year_cols]
        has_figures = any(c.value is not None for c in figures)
        labels = rows.fill(rows.labels(r))
        if not has_figures:
            continue  # a heading, a note, a group label: text without figures
        aside = _set_aside(labels, next(c for c in figures if c.value is not None), rows.accounts(r))
        if aside is not None:
            ignored.append(aside)
        else:
            department, theme = rows.assign(r, labels)
            records += [Record(department, theme, year_cols[c.col], c, rows.accounts(r)) for c in figures]
        last = r
    used = [c for c in (department_col, theme_col, *year_cols, *account_cols) if c is not None]
    return Table(grid.name, Layout.CROSS_TAB, header, last, min(used), max(used), department_col, theme_col,
                 dict(year_cols), records=rows.inferred(records), ignored=tuple(ignored),
                 unit_texts=_unit_texts(grid, header), mapped=mapped, account_cols=tuple(account_cols))


def long_table(grid: Grid, header: int, end: int, department_col: int | None, theme_col: int | None,
               year_col: int, amount_col: int, vocab: Vocabulary, mapped: bool = False,
               first: int | None = None, account_cols: Sequence[int] = ()) -> Table:
    """Return the table of one figure per row (labels, year, amount), from first (the row after header) up to end."""
    rows = _Rows(grid, department_col, theme_col, vocab, header, account_cols)
    records: list[Record] = []
    ignored: list[Ignored] = []
    last = header
    for r in _body(grid, header, end, first):
        amount = grid.cell(r, amount_col)
        labels = rows.fill(rows.labels(r))
        if amount.value is None:
            continue
        aside = _set_aside(labels, amount, rows.accounts(r))
        year = year_of(grid.get(r, year_col))
        if aside is None and year is None:
            aside = Ignored(amount.address, label_text(grid.get(r, year_col)), Reason.NO_YEAR)
        if aside is not None:
            ignored.append(aside)
        else:
            department, theme = rows.assign(r, labels)
            records.append(Record(department, theme, year, amount, rows.accounts(r)))
        last = r
    used = [c for c in (department_col, theme_col, year_col, amount_col, *account_cols) if c is not None]
    return Table(grid.name, Layout.LONG, header, last, min(used), max(used), department_col, theme_col,
                 year_col=year_col, amount_col=amount_col, records=rows.inferred(records), ignored=tuple(ignored),
                 unit_texts=_unit_texts(grid, header), mapped=mapped, account_cols=tuple(account_cols))

