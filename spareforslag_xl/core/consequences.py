"""What the changes mean per year: the overview's totals and every department's parts, old → new.

Pure: two Results (each computed by core/compute, as for build) in, the figures out. Each
figure is the very value the two reports show, so a diff's change is always the difference
of the two reports: the overview's 'I alt', 'Mål' and difference, what is not distributed,
and from the 'Afdelinger' sheet every department's part of each theme and of the
difference, and its total.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from spareforslag_xl.core.compute import Result, ThemeResult
from spareforslag_xl.model.plan import Amount, Department, Theme, fold_name

ZERO = Decimal(0)


@dataclass(frozen=True)
class Figure:
    """One figure per year in both plans; None where a plan shows '-' or has no such figure."""

    label: str
    old: Mapping[int, Amount]
    new: Mapping[int, Amount]
    theme: str = ""
    """The theme's number for a theme's figure ('' for the difference and totals)."""

    def change(self, year: int) -> Decimal:
        """Return new − old ('-' counts as 0)."""
        return (self.new.get(year) or ZERO) - (self.old.get(year) or ZERO)

    def changed(self, year: int) -> bool:
        """True when the figure differs, also from '-' to 0."""
        a, b = self.old.get(year), self.new.get(year)
        return a != b or (a is None) != (b is None)

    def any_change(self, years: Sequence[int]) -> bool:
        return any(self.changed(y) for y in years)


@dataclass(frozen=True)
class DepartmentChange:
    """One department's parts in both plans; ``side`` is 'old' or 'new' when it is in one only."""

    code: str
    label: str
    themes: tuple[Figure, ...]
    difference: Figure
    total: Figure
    side: str = ""

    def any_change(self, years: Sequence[int]) -> bool:
        return self.total.any_change(years) or self.difference.any_change(years) or \
            any(t.any_change(years) for t in self.themes)


@dataclass(frozen=True)
class Consequences:
    years: tuple[int, ...]
    total: Figure
    target: Figure
    difference: Figure
    rest: Figure
    themes: tuple[Figure, ...]
    """Each theme's 'Anslået samlet besparelse'."""
    departments: tuple[DepartmentChange, ...]

    def overview(self) -> tuple[Figure, ...]:
        return (self.total, self.target, self.difference, self.rest)


def consequences(old: Result, new: Result, theme_pairs: Sequence[tuple[Theme | None, Theme | None]],
                 years: Sequence[int]) -> Consequences:
    """Return the figures of both results for the common years; theme_pairs pairs old and new Themes."""
    years = tuple(years)
    by_number_old = {t.theme.number: t for t in old.themes}
    by_number_new = {t.theme.number: t for t in new.themes}
    pairs = [(by_number_old.get(o.number) if o else None, by_number_new.get(n.number) if n else None)
             for o, n in theme_pairs]
    shown: list[tuple[ThemeResult | None, ThemeResult | None, ThemeResult]] = []
    for o, n in pairs:
        either = n or o  # the new theme where there is one; a theme with lines on either side is shown
        if either is not None and ((o is not None and o.lines) or (n is not None and n.lines)):
            shown.append((o, n, either))

    def per_year(values: Mapping[int, Amount]) -> dict[int, Amount]:
        return {y: values.get(y) for y in years}

    # The labels are ids: the renderers and the terminal name the figures in their language.
    total = Figure("total", per_year(old.total), per_year(new.total))
    target = Figure("target", per_year(old.target), per_year(new.target))
    difference = Figure("difference", per_year(old.difference), per_year(new.difference))
    rest = Figure("not-distributed", per_year(old.rest_total), per_year(new.rest_total))
    themes = tuple(Figure(t.theme.label, _totals(o, years), _totals(n, years), t.theme.number) for o, n, t in shown)
    departments = []
    old_codes = {fold_name(d.code): d for d in old.plan.departments}
    new_codes = {fold_name(d.code): d for d in new.plan.departments}
    order = list(new_codes) + [c for c in old_codes if c not in new_codes]
    for folded in order:
        old_d, new_d = old_codes.get(folded), new_codes.get(folded)
        dept = new_d or old_codes[folded]  # folded is a code of either plan
        side = "" if old_d and new_d else ("new" if new_d else "old")
        parts = tuple(Figure(t.theme.label, _part(to, old_d, years), _part(tn, new_d, years), t.theme.number)
                      for to, tn, t in shown)
        diff = Figure("difference", _difference(old, old_d, years), _difference(new, new_d, years))
        tot = Figure("total", _total(old, old_d, years), _total(new, new_d, years))
        departments.append(DepartmentChange(dept.code, dept.label, parts, diff, tot, side))
    return Consequences(years, total, target, difference, rest, themes, tuple(departments))


def _totals(t: ThemeResult | None, years: Sequence[int]) -> dict[int, Amount]:
    return {y: (t.totals[y] if t is not None else None) for y in years}


def _part(t: ThemeResult | None, department: Department | None, years: Sequence[int]) -> dict[int, Amount]:
    """The department's part of a theme as the Afdelinger sheet shows it: '-' in a year the theme has no estimate."""
    if t is None or department is None or not t.lines:
        return {y: None for y in years}
    return {y: (None if t.totals[y] is None else t.parts[department.code][y]) for y in years}


def _difference(result: Result, department: Department | None, years: Sequence[int]) -> dict[int, Amount]:
    if department is None:
        return {y: None for y in years}
    return {y: result.difference_split.parts[department.code][y] for y in years}


def _total(result: Result, department: Department | None, years: Sequence[int]) -> dict[int, Amount]:
    if department is None:
        return {y: None for y in years}
    return {y: result.department_totals[department.code][y] for y in years}
