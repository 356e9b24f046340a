"""What the report and the department workbooks share: a sheet's heading, the overview, a split.

A sheet with years has the same heading everywhere (title, subtitle, a line with municipality,
budget, unit and source, and the plan's scenario), the same overview table (themes, 'I alt',
'Mål', 'Difference') and the same table of a split over departments.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from spareforslag_xl.content.nodes import (
    Blank,
    Block,
    Cell,
    Figure,
    Fixed,
    Gap,
    Header,
    Line,
    Minus,
    Row,
    Sum,
    Table,
    Text,
)
from spareforslag_xl.core.compute import Result, Split, ThemeResult
from spareforslag_xl.model.danish import format_share
from spareforslag_xl.model.labels import (
    ADOPTED,
    DEPARTMENT,
    NOTE,
    PARTIAL_ALL,
    PARTIAL_BY_YEAR,
    PARTIAL_IN,
    PARTIAL_YEAR,
    REST_LABEL,
    SCENARIO_LINE,
    SHARE,
    TARGET,
    THEME,
    TOTAL,
    difference_label,
    key_rest_note,
    meta_line,
    plan_title,
)
from spareforslag_xl.model.plan import Method, Plan

ThemeCell = Callable[[ThemeResult, int], Figure]
"""A theme's total of one year as the overview shows it."""


class Frame:
    """What every sheet with years of one plan knows: its years, unit, title, source, last column."""

    def __init__(self, plan: Plan, years: tuple[int, ...]) -> None:
        self.plan = plan
        self.years = years
        self.unit = plan.settings.unit or "1.000 kr."
        self.title = plan_title(plan) or "Spareforslag"
        self.source = plan.source_name
        self.last_col = len(years) + 1  # label, years, note

    def heading(self, title: str, subtitle: str = "") -> list[Block]:
        """Title, subtitle, the meta line and the scenario line (the row after them is the caller's)."""
        s = self.plan.settings
        blocks: list[Block] = [Line(Row({0: Text(title, "title")}))]
        if subtitle:
            blocks.append(Line(Row({0: Text(subtitle, "subtitle")})))
        blocks.append(Line(Row({0: Text(meta_line(s.municipality, s.budget_year, self.unit, self.source), "meta")})))
        if self.plan.scenario is not None:
            blocks.append(Line(Row({0: Text(SCENARIO_LINE[self.plan.scenario.value], "subsection")})))
        return blocks

    def header(self, label: str, side: str = "", key: str | None = None) -> Header:
        return Header(label, self.years, side, key)

    def banner(self, text: str) -> Line:
        """A red line over the sheet's width (figures written despite errors)."""
        return Line(Row({0: Text(text, "banner", span=self.last_col)}, height=30))

    def residual_key_name(self) -> str:
        return self.plan.settings.residual_key or "restfordelingsnøgle"

    # -- the overview -------------------------------------------------------------------------------
    def overview_table(self, result: Result, theme_cell: ThemeCell) -> Table:
        """Every theme's total per year, 'I alt', 'Mål' and the difference to distribute (keys 'ov.*').

        theme_cell gives a theme's figure per year. In a workbook a total of 0 shows 0, as every other
        table of the sheet shows it: '-' means 'not estimated', and a theme whose lines are estimated at 0
        is estimated. Only the proposals document prints a 0 total '-' (the role 'amount_nil'), as the
        municipality's own document does."""
        decided = f" – {ADOPTED.lower()}" if result.proposed is not None else ""
        label = f"{THEME}{decided} ({self.unit})"
        rows: list[Row] = []
        for t in result.themes:
            th = t.theme
            notes = []
            if th.status and t.lines:
                notes.append(th.status)
            note = partial_note(t, self.years)
            if note:
                notes.append(note)
            cells: dict[int, Cell] = {0: Text(th.label, "label")}
            if not t.lines and th.status:
                cells[1] = Text(th.status, "italic", span=len(self.years) - 1)
            else:
                cells.update({i: theme_cell(t, year) for i, year in enumerate(self.years, start=1)})
            cells[self.last_col] = Text("; ".join(notes), "note")
            rows.append(Row(cells, key=f"ov.theme.{th.number}"))
        first = rows[0].key if rows else None
        total: dict[int, Cell] = {0: Text(TOTAL, "label_total")}
        target: dict[int, Cell] = {0: Text(TARGET, "bold")}
        difference: dict[int, Cell] = {0: Text(difference_label(self.residual_key_name()), "label_total")}
        for i, year in enumerate(self.years, start=1):
            # A plan without themes (a damaged master built with --force) totals nothing.
            total[i] = Figure(result.total[year], "amount_bold", Sum(first) if first else Fixed(result.total[year]))
            value = result.target[year]
            target[i] = Blank("amount_total") if value is None else Figure(value, "amount_total")
            difference[i] = Figure(result.difference[year], "amount_bold", Minus("ov.target", "ov.total"))
        rows += [Row(total, key="ov.total", keep=2), Row(target, key="ov.target", planned=False),
                 Row(difference, key="ov.difference", planned=False)]
        return Table(self.header(label, NOTE, key="ov.header"), tuple(rows), "")

    # -- a split over departments ---------------------------------------------------------------------
    def split_table(self, split: Split, prefix: str, name: str = "") -> list[Block]:
        """A split as a table (department rows '<prefix>.<code>', '<prefix>.rest' for 'Ikke fordelt',
        'I alt'); a split over more departments than a page holds continues under name '(fortsat)'."""
        keyed = is_keyed(split)
        distributed = split.rule is not None and split.rule.method is not Method.NONE
        rows: list[Row] = []
        share_sum = Decimal(0)
        last = self.last_col
        if distributed:
            for d in self.plan.departments:
                cells: dict[int, Cell] = {0: Text(d.code)}
                for i, year in enumerate(self.years, start=1):
                    cells[i] = Figure(split.parts[d.code][year] if split.amounts[year] is not None else None)
                if keyed:
                    assert split.key is not None
                    share = split.key.share_of(d.code)
                    share_sum += share
                    cells[last] = Figure(share, "share", plain=True)
                rows.append(Row(cells, key=f"{prefix}.{d.code}"))
        if has_rest_row(split, self.years):
            cells = {0: Text(REST_LABEL, "italic")}
            for i, year in enumerate(self.years, start=1):
                cells[i] = Figure(split.rest[year] if split.amounts[year] is not None else None)
            if keyed and split.key is not None and not split.key.complete:
                share_sum += 1 - split.key.total
                cells[last] = Figure(1 - split.key.total, "share_warn_plain", plain=True)
            rows.append(Row(cells, key=f"{prefix}.rest"))
        key_note = ""
        if keyed and split.key is not None and not split.key.complete:
            key_note = key_rest_note(split.key.name, format_share(split.key.total), format_share(1 - split.key.total))
        first_key, last_key = rows[0].key, rows[-1].key
        assert first_key is not None and last_key is not None
        total: dict[int, Cell] = {0: Text(TOTAL, "label_total")}
        for i, year in enumerate(self.years, start=1):
            whole = None
            if split.amounts[year] is not None:
                whole = sum((split.parts[c][year] for c in split.parts), Decimal(0)) + split.rest[year]
            total[i] = Figure(whole, "amount_bold", Sum(first_key, dash=True))
        if keyed:
            # With the rest shown as 'Ikke fordelt' the shares add up to 100 %: the total is not the
            # problem, the rest is, so that is the cell marked, and a line under the table says why.
            total[last] = Figure(share_sum, "share_bold", Sum(first_key))
        rows.append(Row(total, key=f"{prefix}.total", keep=1 if key_note else 0))
        if key_note:
            rows.append(Row({0: Text(key_note, "note")}, planned=False))
        header = self.header(f"{DEPARTMENT} ({self.unit})", SHARE if keyed else "", key=f"{prefix}.header")
        return [Table(header, tuple(rows), name), Gap(1)]


def is_keyed(split: Split) -> bool:
    return split.key is not None and split.rule is not None and split.rule.method is Method.KEY


def has_rest_row(split: Split, years: tuple[int, ...]) -> bool:
    """Whether a split's table has a row 'Ikke fordelt': a rest in some year, or nothing distributed."""
    distributed = split.rule is not None and split.rule.method is not Method.NONE
    return any(split.rest[y] != 0 for y in years) or not distributed


def partial_note(t: ThemeResult, years) -> str:
    """'Delvist anslået: 1 af 3 forslag ikke anslået' (with the years when not all are partial)."""
    partial = [y for y in years if t.partial(y)]
    if not partial:
        return ""
    counts = {t.not_estimated[y] for y in partial}
    n = len(t.counted_lines)
    if len(counts) == 1:
        missing = counts.pop()
        which = "" if len(partial) == len(years) else PARTIAL_IN.format(years=", ".join(map(str, partial)))
        return PARTIAL_ALL.format(which=which, missing=missing, lines=n)
    by_year = ", ".join(PARTIAL_YEAR.format(year=y, missing=t.not_estimated[y], lines=n) for y in partial)
    return PARTIAL_BY_YEAR.format(years=by_year)


def shown(t: ThemeResult, value: Decimal, year: int) -> Decimal | None:
    """A theme's part shows '-' in a year the theme has no estimate at all (as in the department
    workbooks), otherwise the value (0 when nothing falls to the department)."""
    return None if t.totals[year] is None else value

